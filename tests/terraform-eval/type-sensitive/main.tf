variable "flag_from_string" {
  type    = bool
  default = "1"
}
variable "list" {
  type    = list(string)
  default = ["b", "a"]
}
variable "set" {
  type    = set(string)
  default = ["b", "a"]
}
variable "empty" {
  type    = list(string)
  default = []
}
variable "list_any" {
  type    = list(any)
  default = [1, "a", true]
}
variable "map_any" {
  type    = map(any)
  default = { a = 1, b = "x" }
}
output "tobool_one" {
  value = tobool("1")
}
output "tobool_zero" {
  value = tobool("0")
}
output "tobool_typed" {
  value = var.flag_from_string
}
output "and_string_one" {
  value = "1" && true
}
output "negative_zero_string" {
  value = "${-0}"
}
output "negative_zero_division" {
  value = "x${0 / -5}"
}
output "negative_zero_product" {
  value = "x${0 * -3}"
}
output "negative_zero_format" {
  value = format("%5.1f", 0 / -5)
}
output "big_integer_string" {
  value = "${1e20}"
}
output "small_string" {
  value = "${1e-7}"
}
output "tuple_eq_list" {
  value = [1] == tolist([1])
}
output "object_eq_map" {
  value = { a = 1 } == tomap({ a = 1 })
}
output "empty_tuples_eq" {
  value = [] == []
}
output "empty_list_eq_tuple" {
  value = tolist([]) == []
}
output "literal_tuples_eq" {
  value = [1, "a"] == [1, "a"]
}
output "literal_objects_neq" {
  value = { a = 1 } != { a = 1 }
}
output "different_values_neq" {
  value = tolist([1]) != [2]
}
output "same_var_eq" {
  value = var.list == var.list
}
output "typed_list_eq_empty_tuple" {
  value = var.empty == []
}
output "concat_set_refused" {
  value = try(concat(toset(["b", "a"]), ["c"]), "refused")
}
output "element_set_refused" {
  value = try(element(toset(["b", "a"]), 0), "refused")
}
output "index_set_refused" {
  value = try(toset(["b", "a"])[0], "refused")
}
output "slice_set_refused" {
  value = try(slice(toset(["b", "a"]), 0, 1), "refused")
}
output "zipmap_set_values_refused" {
  value = try(zipmap(["x", "y"], toset(["b", "a"])), "refused")
}
output "zipmap_set_keys" {
  value = zipmap(toset(["y", "x"]), ["1", "2"])
}
output "cond_tuple_or_set" {
  value = true ? ["b", "a"] : toset(["c"])
}
output "cond_set_or_tuple" {
  value = false ? ["b", "a"] : toset(["d", "c"])
}
output "compact_of_set" {
  value = compact(toset(["b", "", "a"]))
}
output "for_key_of_typed_set" {
  value = [for k, v in var.set : k]
}
output "for_key_of_typed_list" {
  value = [for k, v in var.list : k]
}
output "var_set_index_refused" {
  value = try(var.set[0], "refused")
}
output "list_any_unifies" {
  value = var.list_any
}
output "map_any_unifies" {
  value = var.map_any
}
