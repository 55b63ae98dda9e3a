output "tostring_number" {
  value = tostring(1.5)
}
output "tostring_bool" {
  value = tostring(true)
}
output "tostring_string" {
  value = tostring("x")
}
output "tostring_null" {
  value = tostring(null)
}
output "tostring_list" {
  value = try(tostring([1]), "not a string")
}
output "tonumber_string" {
  value = tonumber("42")
}
output "tonumber_frac" {
  value = tonumber("-0.5")
}
output "tonumber_bad" {
  value = try(tonumber("x1"), "bad")
}
output "tonumber_null" {
  value = tonumber(null)
}
output "tobool_string" {
  value = tobool("true")
}
output "tobool_bad" {
  value = try(tobool("yes"), "bad")
}
output "tobool_null" {
  value = tobool(null)
}
output "tolist_tuple" {
  value = tolist([1, 2])
}
output "tolist_mixed" {
  value = tolist([1, "a", true])
}
output "tolist_bad" {
  value = try(tolist([1, [2]]), "no single type")
}
output "tolist_set" {
  value = tolist(toset(["b", "a"]))
}
output "toset_dupes" {
  value = toset(["b", "a", "b"])
}
output "toset_numbers" {
  value = toset([3, 1, 2, 1])
}
output "toset_mixed" {
  value = toset([1, "1", "a"])
}
output "toset_bools" {
  value = toset([true, false, true])
}
output "tomap_object" {
  value = tomap({ a = 1, b = "x" })
}
output "tomap_nested_bad" {
  value = try(tomap({ a = 1, b = [1] }), "bad")
}
output "tomap_empty" {
  value = tomap({})
}
output "jsonencode_object" {
  value = jsonencode({ b = [1, 2.5, true, null], a = "x<y>&" })
}
output "jsonencode_string" {
  value = jsonencode("line\nbreak \"quoted\" é")
}
output "jsonencode_number" {
  value = jsonencode(1e21)
}
output "jsonencode_empty" {
  value = jsonencode({})
}
output "jsondecode_object" {
  value = jsondecode("{\"a\": [1, 2], \"b\": {\"c\": null}}")
}
output "jsondecode_number" {
  value = jsondecode("1.50")
}
output "jsondecode_bad" {
  value = try(jsondecode("{"), "bad")
}
output "jsondecode_string" {
  value = jsondecode("\"é\\u00e9\"")
}
output "roundtrip" {
  value = jsondecode(jsonencode({ a = [1, "b"] }))
}
output "sensitive_roundtrip" {
  value = nonsensitive(sensitive("x"))
}
