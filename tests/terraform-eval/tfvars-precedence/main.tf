variable "only_default" {
  default = "default"
}
variable "tfvars" {
  default = "default"
}
variable "tfvars_json" {
  default = "default"
}
variable "auto_a" {
  default = "default"
}
variable "auto_b" {
  default = "default"
}
variable "var_file" {
  default = "default"
}
variable "cli" {
  default = "default"
}
variable "cli_over_file" {
  default = "default"
}
variable "json_auto" {
  default = "default"
}
variable "typed_list" {
  type = list(number)
  default = []
}
variable "typed_map" {
  type = map(string)
  default = {}
}
variable "cli_number" {
  type = number
  default = 0
}
variable "cli_untyped" {
  default = "d"
}
variable "no_default" {
  type = string
}
output "only_default" {
  value = var.only_default
}
output "tfvars" {
  value = var.tfvars
}
output "tfvars_json" {
  value = var.tfvars_json
}
output "auto_a" {
  value = var.auto_a
}
output "auto_b" {
  value = var.auto_b
}
output "var_file" {
  value = var.var_file
}
output "cli" {
  value = var.cli
}
output "cli_over_file" {
  value = var.cli_over_file
}
output "json_auto" {
  value = var.json_auto
}
output "typed_list" {
  value = var.typed_list
}
output "typed_map" {
  value = var.typed_map
}
output "cli_number" {
  value = var.cli_number
}
output "cli_untyped" {
  value = var.cli_untyped
}
output "no_default" {
  value = var.no_default
}
output "cli_number_plus" {
  value = var.cli_number + 1
}
