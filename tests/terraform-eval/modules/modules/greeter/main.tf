variable "name" {
  type = string
}
variable "greeting" {
  default = "Hello"
}
variable "settings" {
  type = object({
    loud   = optional(bool, false)
    suffix = optional(string, "!")
  })
  default = {}
}
variable "index" {
  type    = number
  default = -1
}
locals {
  text = "${var.greeting}, ${var.name}${var.settings.suffix}"
}
output "message" {
  value = var.settings.loud ? upper(local.text) : local.text
}
output "settings" {
  value = var.settings
}
output "index" {
  value = var.index
}
output "name_length" {
  value = length(var.name)
}
