output "negative_zero_remainder" {
  value = "${-3 % 3}"
}
output "negative_zero_quotient" {
  value = "${0 / -5}"
}
output "set_keeps_negative_zero" {
  value = length(toset([0, -1 * 0]))
}
output "tuple_meets_set" {
  value = true ? reverse([for x in ["b", "a", "b"] : x]) : toset(["c"])
}
output "list_meets_set" {
  value = true ? compact(["b", "a", "b"]) : toset(["c"])
}
output "tuple_meets_set_numbers" {
  value = true ? [2, 1] : toset(["x"])
}
output "conditional_set_refused_by_concat" {
  value = try(concat(false ? ["x"] : toset(["b", "a"]), ["c"]), "refused")
}
output "conditional_list_and_set_concat" {
  value = concat(true ? compact(["b"]) : toset(["a"]), ["c"])
}
output "setproduct_of_set" {
  value = setproduct(toset(["b", "a"]), [7, 0.5, 1])
}
output "setproduct_of_lists" {
  value = setproduct(["b", "a"], [7, 0.5])
}
output "empty_string_list_other" {
  value = true ? [1, 2] : compact([])
}
output "empty_tuple_other" {
  value = true ? [1, 2] : []
}
output "empty_for_other" {
  value = true ? [1, 2] : [for x in [] : x]
}
output "empty_conditional_other" {
  value = true ? [5, 42] : (true ? [] : ["a"])
}
output "empty_try_other" {
  value = true ? [true] : try(regexall("[a-z]", "123"), [])
}
output "empty_for_if_refused" {
  value = try([for o in [] : o if o > null], "refused")
}
output "empty_for_if_not_bool" {
  value = try([for o in [] : o if "x"], "refused")
}
output "empty_for_body_error_ignored" {
  value = try([for o in [] : [][0]], "refused")
}
output "null_operand_refused" {
  value = try(1 + null, "refused")
}
output "format_untyped_null" {
  value = try(format("%d", null), "refused")
}
output "tobool_null" {
  value = tobool(null)
}
output "can_tobool_null" {
  value = can(tobool(null))
}
output "objects_set_order" {
  value = tolist(toset([{ name = "b", n = 1 }, { name = "a", n = 10 }, { name = "a", n = 9 }]))
}
output "group_by_name" {
  value = { for o in [{ name = "b", n = 1 }, { name = "a", n = 2 }, { name = "b", n = 3 }] : o.name => o.n... }
}
output "splat_names" {
  value = [{ name = "x" }, { name = "y" }].*.name
}
output "jsondecode_float" {
  value = jsondecode("[3.3219280948873626, 9.965784284662087, 0.1, 1e-7]")
}
output "log_values" {
  value = [log(1000, 2), log(100, 4), log(8, 2), log(0.5, 10)]
}
