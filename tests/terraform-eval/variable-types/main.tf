
variable "n_from_string" {
  type    = number
  default = "42"
}
variable "s_from_number" {
  type    = string
  default = 1.5
}
variable "s_from_bool" {
  type    = string
  default = true
}
variable "b_from_string" {
  type    = bool
  default = "false"
}
variable "list_of_strings" {
  type    = list(string)
  default = [1, true, "x"]
}
variable "set_of_numbers" {
  type    = set(number)
  default = [3, 1, 3, "2"]
}
variable "set_of_strings" {
  type    = set(string)
  default = ["b", "a", "b"]
}
variable "map_of_strings" {
  type    = map(string)
  default = { a = 1, b = true }
}
variable "map_of_numbers" {
  type    = map(number)
  default = { a = "1", b = 2 }
}
variable "tuple_typed" {
  type    = tuple([string, number, bool])
  default = [1, "2", "true"]
}
variable "object_typed" {
  type = object({
    name  = string
    count = number
  })
  default = { name = 5, count = "3", extra = "dropped" }
}
variable "list_of_objects" {
  type = list(object({ a = string }))
  default = [{ a = 1 }, { a = "x", b = 2 }]
}
variable "map_of_lists" {
  type    = map(list(number))
  default = { x = ["1", 2], y = [] }
}
variable "any_typed" {
  type    = any
  default = { a = [1, "b"] }
}
variable "untyped" {
  default = [1, "a"]
}
variable "null_default" {
  type    = string
  default = null
}
variable "nullable_false" {
  type     = string
  default  = "d"
  nullable = false
}
variable "list_from_set" {
  type    = list(string)
  default = ["b", "a"]
}
output "n_from_string" {
  value = var.n_from_string
}
output "n_plus_one" {
  value = var.n_from_string + 1
}
output "s_from_number" {
  value = var.s_from_number
}
output "s_from_bool" {
  value = var.s_from_bool
}
output "b_from_string" {
  value = var.b_from_string
}
output "list_of_strings" {
  value = var.list_of_strings
}
output "set_of_numbers" {
  value = var.set_of_numbers
}
output "set_of_strings" {
  value = var.set_of_strings
}
output "map_of_strings" {
  value = var.map_of_strings
}
output "map_of_numbers" {
  value = var.map_of_numbers
}
output "tuple_typed" {
  value = var.tuple_typed
}
output "object_typed" {
  value = var.object_typed
}
output "list_of_objects" {
  value = var.list_of_objects
}
output "map_of_lists" {
  value = var.map_of_lists
}
output "any_typed" {
  value = var.any_typed
}
output "untyped" {
  value = var.untyped
}
output "null_default" {
  value = var.null_default
}
output "null_is_null" {
  value = var.null_default == null
}
output "nullable_false" {
  value = var.nullable_false
}
output "list_from_set" {
  value = var.list_from_set
}
output "length_set" {
  value = length(var.set_of_numbers)
}
