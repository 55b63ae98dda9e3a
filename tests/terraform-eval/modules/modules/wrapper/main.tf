variable "names" {
  type = list(string)
}
module "inner" {
  source   = "../greeter"
  for_each = toset(var.names)
  name     = each.value
  greeting = "Hi"
}
module "counted" {
  source = "../greeter"
  count  = length(var.names)
  name   = var.names[count.index]
  index  = count.index
}
output "messages" {
  value = [for n in var.names : module.inner[n].message]
}
output "indexes" {
  value = module.counted[*].index
}
output "first" {
  value = module.counted[0].message
}
