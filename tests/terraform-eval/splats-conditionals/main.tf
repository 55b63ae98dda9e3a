output "splat_attr" {
  value = [{ a = 1 }, { a = 2 }][*].a
}
output "splat_legacy" {
  value = [{ a = 1 }, { a = 2 }].*.a
}
output "splat_nested" {
  value = [{ a = { b = "x" } }, { a = { b = "y" } }][*].a.b
}
output "splat_index" {
  value = [{ a = [1, 2] }, { a = [3, 4] }][*].a[0]
}
output "splat_empty" {
  value = [][*].a
}
output "splat_single_object" {
  value = { a = 1 }[*].a
}
output "splat_null" {
  value = null[*]
}
output "splat_length" {
  value = length([{ a = 1 }, { a = 2 }][*].a)
}
output "cond_true" {
  value = true ? "a" : "b"
}
output "cond_false" {
  value = false ? "a" : "b"
}
output "cond_number_string" {
  value = true ? 1 : "a"
}
output "cond_string_number" {
  value = false ? "a" : 2
}
output "cond_bool_string" {
  value = true ? true : "x"
}
output "cond_null" {
  value = false ? "a" : null
}
output "cond_null_first" {
  value = true ? null : "x"
}
output "cond_lists" {
  value = true ? [1] : []
}
output "cond_nested" {
  value = 1 > 2 ? "a" : 2 > 1 ? "b" : "c"
}
output "cond_string_cond" {
  value = "true" ? 1 : 2
}
output "cond_objects" {
  value = false ? { a = 1 } : { a = 2 }
}
output "cond_list_types" {
  value = true ? ["a"] : [1]
}
