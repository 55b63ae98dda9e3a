# Conversions (cty's convert package) and the types values carry: string to number is strict,
# lists, tuples and sets are told apart, nulls are typed.
variable "n" {
  type    = number
  default = 5
}
variable "empty_strings" {
  type    = list(string)
  default = []
}
variable "ls" {
  type    = list(string)
  default = ["a", "b"]
}
variable "ss" {
  type    = set(string)
  default = ["b", "a"]
}
variable "m" {
  type    = map(number)
  default = { a = 1 }
}
variable "untyped" {
  default = [1, 2]
}
variable "obj" {
  type = object({
    a = number
    b = optional(string)
  })
  default = { a = 1 }
}
variable "any_list" {
  type    = list(any)
  default = [1, "a"]
}
variable "objs" {
  type = list(object({ name = string }))
  default = [{ name = "x" }]
}

output "space_number_plus" {
  value = try(" 5" + 1, "refused")
}
output "space_number_can" {
  value = can(" 5" + 1)
}
output "trailing_space_product" {
  value = can("5 " * 2)
}
output "plus_sign_number" {
  value = try("+5" + 1, "refused")
}
output "exponent_string" {
  value = "1e3" + 0
}
output "space_negation" {
  value = try(-" 5", "refused")
}
output "space_comparison" {
  value = try(" 5" > 1, "refused")
}
output "tonumber_space" {
  value = can(tonumber(" 5"))
}
output "space_bool" {
  value = try(" true" && true, "refused")
}
output "hex_string_number" {
  value = try("0x10" + 0, "refused")
}
output "dot_string_number" {
  value = try(".5" + 0, "refused")
}
output "tomap_typed_null" {
  value = tomap({ a = 1, b = tostring(null) })
}
output "tomap_untyped_null" {
  value = tomap({ a = 1, b = null })
}
output "tolist_typed_null" {
  value = tolist([1, tostring(null)])
}
output "tolist_number_null" {
  value = tolist([tonumber(null), "2"])
}
output "nested_tuples_eq" {
  value = [[1]] == [[1]]
}
output "nested_list_eq_tuple" {
  value = [tolist([1])] == [[1]]
}
output "nested_object_eq" {
  value = { a = [1] } == { a = tolist([1]) }
}
output "lists_eq" {
  value = tolist([1]) == tolist([1])
}
output "set_eq_list" {
  value = toset(["a"]) == tolist(["a"])
}
output "sets_eq" {
  value = toset(["b", "a"]) == toset(["a", "b"])
}
output "var_list_eq_tolist" {
  value = var.ls == tolist(["a", "b"])
}
output "var_list_eq_tuple" {
  value = var.ls == ["a", "b"]
}
output "var_set_eq_toset" {
  value = var.ss == toset(["a", "b"])
}
output "var_set_eq_list" {
  value = var.ss == tolist(["a", "b"])
}
output "var_map_eq_tomap" {
  value = var.m == tomap({ a = 1 })
}
output "var_map_eq_object" {
  value = var.m == { a = 1 }
}
output "untyped_var_eq_tuple" {
  value = var.untyped == [1, 2]
}
output "untyped_var_eq_list" {
  value = var.untyped == tolist([1, 2])
}
output "any_list_eq" {
  value = var.any_list == tolist(["1", "a"])
}
output "object_var_eq" {
  value = var.obj == { a = 1, b = null }
}
output "object_var_eq_typed" {
  value = var.obj == { a = 1, b = tostring(null) }
}
output "empty_lists_eq" {
  value = tolist([]) == tolist([])
}
output "typed_empty_eq_tolist" {
  value = var.empty_strings == tolist([])
}
output "typed_empty_eq_compact" {
  value = var.empty_strings == compact([])
}
output "for_tuple_eq" {
  value = [for x in [1] : x] == [1]
}
output "for_object_eq_map" {
  value = { for k in ["a"] : k => 1 } == tomap({ a = 1 })
}
output "splat_eq_tuple" {
  value = [{ n = 1 }][*].n == [1]
}
output "var_splat_eq_list" {
  value = var.objs[*].name == tolist(["x"])
}
output "var_splat_eq_tuple" {
  value = var.objs[*].name == ["x"]
}
output "keys_eq_tuple" {
  value = keys({ a = 1 }) == ["a"]
}
output "keys_eq_list" {
  value = keys({ a = 1 }) == tolist(["a"])
}
output "sort_eq_list" {
  value = sort(["b", "a"]) == tolist(["a", "b"])
}
output "jsondecode_eq_tuple" {
  value = jsondecode("[1]") == [1]
}
output "null_tuples_eq" {
  value = [null] == [null]
}
output "typed_null_eq_null" {
  value = tostring(null) == null
}
output "local_eq" {
  value = local.pair == tolist(local.pair)
}
output "for_set_key" {
  value = [for i, x in toset(["b", "a"]) : i]
}
output "for_splat_tuple_key" {
  value = [for i, x in [{ n = "b" }, { n = "a" }][*].n : i]
}
output "for_var_set_key" {
  value = [for i, x in var.ss : i]
}
output "for_var_list_key" {
  value = [for i, x in var.ls : i]
}
output "conditional_typed_null" {
  value = true ? 1 : tostring(null)
}
output "conditional_untyped_null" {
  value = true ? 1 : null
}
output "conditional_typed_list" {
  value = true ? [1] : var.empty_strings
}
locals {
  pair = ["a", "b"]
}
output "try_typed_other" {
  value = true ? [1] : try(compact([]), [])
}
output "try_first_fails" {
  value = true ? [1] : try(["a"][5], compact([]))
}
output "try_tuple_chosen" {
  value = true ? [1] : try([], compact([]))
}
output "try_eq_list" {
  value = try(["a"][5], compact(["x"])) == tolist(["x"])
}
output "regexall_eq_list" {
  value = regexall("[a-z]", "ab") == tolist(["a", "b"])
}
output "regexall_eq_tuple" {
  value = regexall("[a-z]", "ab") == ["a", "b"]
}
output "sensitive_list_eq" {
  value = nonsensitive(sensitive(tolist([1]))) == [1]
}
output "tomap_for_typed_null" {
  value = tomap({ for k in ["a", "b"] : k => k == "a" ? 1 : null })
}
output "toset_typed_null_conversion" {
  value = tolist([true, tostring(null), false])
}
output "set_op_of_empty_and_strings" {
  value = true ? [-3] : setsubtract([], ["a"])
}
output "set_op_of_empties" {
  value = true ? [-3] : setunion([], [])
}
