output "list_map" {
  value = [for x in [1, 2, 3] : x * 2]
}
output "list_if" {
  value = [for x in [1, 2, 3, 4] : x if x > 2]
}
output "list_index" {
  value = [for i, x in ["a", "b"] : "${i}:${x}"]
}
output "map_to_list" {
  value = [for k, v in { b = 2, a = 1 } : "${k}=${v}"]
}
output "map_values_only" {
  value = [for v in { b = 2, a = 1 } : v]
}
output "list_to_map" {
  value = { for x in ["a", "b"] : x => upper(x) }
}
output "map_to_map" {
  value = { for k, v in { a = 1, b = 2 } : upper(k) => v * 10 }
}
output "map_if" {
  value = { for k, v in { a = 1, b = 2, c = 3 } : k => v if v != 2 }
}
output "grouping" {
  value = { for x in ["apple", "avocado", "banana"] : substr(x, 0, 1) => x... }
}
output "grouping_numbers" {
  value = { for i in range(6) : (i % 2 == 0 ? "even" : "odd") => i... }
}
output "nested" {
  value = [for x in [1, 2] : [for y in ["a", "b"] : "${x}${y}"]]
}
output "flatten_pairs" {
  value = flatten([for x in [1, 2] : [for y in ["a", "b"] : { x = x, y = y }]])
}
output "set_iteration" {
  value = [for x in toset(["c", "a", "b"]) : x]
}
output "set_index_is_value" {
  value = [for k, v in toset(["b", "a"]) : "${k}/${v}"]
}
output "empty_list" {
  value = [for x in [] : x]
}
output "empty_map" {
  value = { for x in [] : x => x }
}
output "string_keys_numbers" {
  value = { for i in [1, 2] : i => i }
}
output "object_values" {
  value = [for o in [{ n = "a", v = 1 }, { n = "b", v = 2 }] : o.n]
}
output "mixed_results" {
  value = [for x in [1, 2] : x == 1 ? "one" : "other"]
}
output "cond_on_key" {
  value = { for k, v in { x = 1, y = 2 } : k => v if k == "y" }
}
output "tuple_iteration" {
  value = [for x in [1, "a", true] : tostring(x)]
}
output "map_of_lists" {
  value = { for k, v in { a = [1, 2], b = [] } : k => length(v) }
}
output "sum_of" {
  value = sum([for x in [1, 2, 3] : x * x])
}
output "keys_order" {
  value = [for k, v in { z = 1, "10" = 2, "9" = 3, A = 4 } : k]
}
output "for_over_range" {
  value = [for i in range(3) : i * i]
}
