locals {
  people = {
    ada   = { loud = true }
    grace = {}
  }
}
module "plain" {
  source = "./modules/greeter"
  name   = "World"
}
module "custom" {
  source   = "./modules/greeter"
  name     = "Terraform"
  greeting = "Bonjour"
  settings = { suffix = "?" }
}
module "counted" {
  source = "./modules/greeter"
  count  = 3
  name   = "n${count.index}"
  index  = count.index * 10
}
module "each_map" {
  source   = "./modules/greeter"
  for_each = local.people
  name     = each.key
  settings = each.value
}
module "each_set" {
  source   = "./modules/greeter"
  for_each = toset(["x", "y"])
  name     = "${each.key}-${each.value}"
}
module "none" {
  source = "./modules/greeter"
  count  = 0
  name   = "never"
}
module "wrapper" {
  source = "./modules/wrapper"
  names  = ["b", "a"]
}
module "chained" {
  source = "./modules/greeter"
  name   = module.plain.message
}
output "plain_message" {
  value = module.plain.message
}
output "plain_settings" {
  value = module.plain.settings
}
output "custom_message" {
  value = module.custom.message
}
output "custom_settings" {
  value = module.custom.settings
}
output "counted_messages" {
  value = module.counted[*].message
}
output "counted_indexes" {
  value = [for m in module.counted : m.index]
}
output "counted_second" {
  value = module.counted[1].message
}
output "counted_length" {
  value = length(module.counted)
}
output "each_map_messages" {
  value = { for k, m in module.each_map : k => m.message }
}
output "each_map_ada" {
  value = module.each_map["ada"].settings
}
output "each_set_keys" {
  value = keys(module.each_set)
}
output "each_set_messages" {
  value = [for m in values(module.each_set) : m.message]
}
output "none_length" {
  value = length(module.none)
}
output "none_splat" {
  value = module.none[*].message
}
output "wrapper_messages" {
  value = module.wrapper.messages
}
output "wrapper_indexes" {
  value = module.wrapper.indexes
}
output "wrapper_first" {
  value = module.wrapper.first
}
output "chained" {
  value = module.chained.message
}
output "chained_length" {
  value = module.chained.name_length
}
output "whole_plain" {
  value = module.plain
}
