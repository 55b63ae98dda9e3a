variable "flag" {
  default = true
}
variable "num" {
  default = 3
}
variable "str" {
  default = "three"
}
output "number_or_string" {
  value = true ? 1 : "a"
}
output "bool_or_string" {
  value = false ? "s" : true
}
output "list_number_or_string" {
  value = true ? [1] : ["a"]
}
output "tuple_lengths" {
  value = true ? [1, 2] : ["a"]
}
output "object_attrs_differ" {
  value = true ? { x = 1 } : { y = "a" }
}
output "object_same_attrs" {
  value = true ? { x = 1, y = true } : { x = "a", y = false }
}
output "tuple_positions" {
  value = true ? [1, "a"] : [2, "b"]
}
output "nested_lists" {
  value = true ? [[1]] : [["a"]]
}
output "null_other" {
  value = true ? 1 : null
}
output "null_taken" {
  value = false ? 1 : null
}
output "nested_cond" {
  value = true ? 1 : false ? "a" : 2
}
output "cond_in_list" {
  value = [true ? 1 : "a", 2]
}
output "empty_map_other" {
  value = true ? { a = 1 } : {}
}
output "empty_list_other" {
  value = false ? [] : [1, 2]
}
output "both_empty" {
  value = true ? [] : []
}
output "failing_other" {
  value = false ? [][0] : 5
}
output "number_number" {
  value = true ? 1 : 2.5
}
output "cond_from_var" {
  value = var.flag ? var.num : var.str
}
output "cond_list_objects" {
  value = true ? [{ a = 1 }] : [{ a = "x" }]
}
