output "try_first" {
  value = try("ok", "fallback")
}
output "try_missing_attr" {
  value = try({ a = 1 }.b, "fallback")
}
output "try_missing_key" {
  value = try({ a = 1 }["b"], "fallback")
}
output "try_index" {
  value = try([1, 2][5], -1)
}
output "try_chain" {
  value = try([][0], {}.x, "third")
}
output "try_number_conversion" {
  value = try(tonumber("abc"), 0)
}
output "try_nested" {
  value = try(try([][0], null), "outer")
}
output "try_null_result" {
  value = try(null, "fallback")
}
output "try_jsondecode" {
  value = try(jsondecode("not json"), {})
}
output "try_type_error" {
  value = try(1 + "a", "not a number")
}
output "try_keeps_type" {
  value = try(1, "x")
}
output "try_object_path" {
  value = try({ a = { b = { c = 3 } } }.a.b.c, 0)
}
output "can_good" {
  value = can(1 + 1)
}
output "can_bad_attr" {
  value = can({ a = 1 }.b)
}
output "can_bad_index" {
  value = can([1][1])
}
output "can_regex" {
  value = can(regex("^a", "abc"))
}
output "can_tonumber" {
  value = can(tonumber("1e3"))
}
output "can_null" {
  value = can(null)
}
output "can_in_for" {
  value = [for x in ["1", "x", "2.5"] : can(tonumber(x))]
}
output "try_in_for" {
  value = [for x in ["1", "x"] : try(tonumber(x), -1)]
}
