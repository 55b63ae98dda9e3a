
variable "flat" {
  type = object({
    a = optional(string, "da")
    b = optional(number)
    c = optional(bool, true)
    d = string
  })
  default = { d = "given" }
}
variable "nested" {
  type = object({
    inner = optional(object({
      x = optional(string, "dx")
      y = optional(object({
        z = optional(number, 7)
      }), {})
    }), {})
  })
  default = {}
}
variable "nested_given" {
  type = object({
    inner = optional(object({
      x = optional(string, "dx")
      y = optional(object({
        z = optional(number, 7)
      }), {})
    }), {})
  })
  default = { inner = { y = { z = 1 } } }
}
variable "list_of_optional" {
  type = list(object({
    name = string
    port = optional(number, 80)
    tags = optional(map(string), {})
  }))
  default = [{ name = "a" }, { name = "b", port = 8080, tags = { t = "v" } }]
}
variable "map_of_optional" {
  type = map(object({
    enabled = optional(bool, false)
    level   = optional(string, "low")
  }))
  default = { x = {}, y = { enabled = true } }
}
variable "optional_list_default" {
  type = object({
    items = optional(list(object({ v = optional(number, 1) })), [{}, { v = 5 }])
  })
  default = {}
}
variable "optional_null_given" {
  type = object({
    a = optional(string, "default-a")
  })
  default = { a = null }
}
variable "optional_no_default_object" {
  type = object({
    inner = optional(object({ q = optional(string, "dq") }))
  })
  default = {}
}
variable "set_of_optional" {
  type = set(object({
    k = string
    w = optional(number, 1)
  }))
  default = [{ k = "b" }, { k = "a", w = 2 }]
}
variable "tfvars_optional" {
  type = object({
    a = optional(string, "da")
    b = optional(object({ c = optional(list(string), ["dc"]) }), {})
  })
}
variable "deep" {
  type = object({
    l1 = optional(object({
      l2 = optional(object({
        l3 = optional(object({
          l4 = optional(string, "bottom")
        }), {})
      }), {})
    }), {})
  })
  default = {}
}
output "flat" {
  value = var.flat
}
output "nested" {
  value = var.nested
}
output "nested_given" {
  value = var.nested_given
}
output "list_of_optional" {
  value = var.list_of_optional
}
output "map_of_optional" {
  value = var.map_of_optional
}
output "optional_list_default" {
  value = var.optional_list_default
}
output "optional_null_given" {
  value = var.optional_null_given
}
output "optional_no_default_object" {
  value = var.optional_no_default_object
}
output "set_of_optional" {
  value = var.set_of_optional
}
output "tfvars_optional" {
  value = var.tfvars_optional
}
output "deep" {
  value = var.deep
}
output "deep_leaf" {
  value = var.deep.l1.l2.l3.l4
}
output "flat_b_is_null" {
  value = var.flat.b == null
}
