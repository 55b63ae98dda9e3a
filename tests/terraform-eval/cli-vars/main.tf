variable "list" {
  type    = list(string)
  default = []
}
variable "set" {
  type    = set(number)
  default = []
}
variable "obj" {
  type = object({
    a = string
    b = optional(number, 5)
    c = optional(list(object({ d = optional(bool, true) })), [])
  })
  default = { a = "default" }
}
variable "num" {
  type    = number
  default = 0
}
variable "flag" {
  type    = bool
  default = false
}
variable "str" {
  type    = string
  default = ""
}
variable "map" {
  type    = map(number)
  default = {}
}
variable "any" {
  type    = any
  default = null
}
variable "later_wins" {
  default = "default"
}
output "list" {
  value = var.list
}
output "set" {
  value = var.set
}
output "obj" {
  value = var.obj
}
output "num" {
  value = var.num
}
output "num_plus" {
  value = var.num + 0.5
}
output "flag" {
  value = var.flag
}
output "not_flag" {
  value = !var.flag
}
output "str" {
  value = var.str
}
output "str_upper" {
  value = upper(var.str)
}
output "map" {
  value = var.map
}
output "any" {
  value = var.any
}
output "later_wins" {
  value = var.later_wins
}
output "obj_c_d" {
  value = [for c in var.obj.c : c.d]
}
