output "set_of_objects" {
  value = toset([{ n = "x", v = 1 }, { n = "a", v = 2 }, { n = "m", v = 3 }])
}
output "set_of_objects_dupes" {
  value = toset([{ a = 1 }, { a = 1 }, { a = 2 }])
}
output "set_of_tuples" {
  value = toset([[1, "a"], [2, "b"], [0, "c"]])
}
output "set_of_lists" {
  value = toset([["x"], ["y", "z"], []])
}
output "set_of_numbers" {
  value = toset([10, 2, 33, 1.5, -4])
}
output "set_of_big_numbers" {
  value = toset([12345678901, 5, 0.001])
}
output "set_union_objects" {
  value = setunion([{ k = "b" }], [{ k = "a" }, { k = "c" }])
}
output "set_keys_loop" {
  value = { for k, v in toset(["b", "a"]) : k => v }
}
output "set_length" {
  value = length(toset(["a", "a", "b"]))
}
output "set_contains" {
  value = contains(toset(["a", "b"]), "b")
}
output "set_for_values" {
  value = [for v in toset([3, 1, 2]) : v * 2]
}
output "set_product_sets" {
  value = setproduct(toset(["b", "a"]), toset([2, 1]))
}
output "set_sort" {
  value = sort(toset(["b", "c", "a"]))
}
output "set_to_list_index" {
  value = tolist(toset(["b", "a"]))[0]
}
output "set_flatten" {
  value = flatten([toset(["b", "a"]), ["c"]])
}
output "set_concat" {
  value = concat(tolist(toset(["z", "y"])), ["x"])
}
output "set_jsonencode" {
  value = jsonencode(toset(["b", "a"]))
}
output "set_of_maps_unify" {
  value = toset([{ a = 1 }, { b = "x" }])
}
output "set_of_bools" {
  value = toset([true, false, true])
}
output "set_of_strings_numeric" {
  value = toset(["10", "9", "1"])
}
