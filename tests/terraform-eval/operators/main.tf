output "add" {
  value = 1 + 2
}
output "sub" {
  value = 5 - 7.5
}
output "mul" {
  value = 3 * 4
}
output "div" {
  value = 7 / 2
}
output "div_frac" {
  value = 1 / 3
}
output "mod" {
  value = 10 % 3
}
output "mod_negative" {
  value = -7 % 3
}
output "mod_frac" {
  value = 7.5 % 2
}
output "neg" {
  value = -(3 + 2)
}
output "neg_string_number" {
  value = -"4"
}
output "precedence_mul_add" {
  value = 1 + 2 * 3
}
output "precedence_parens" {
  value = (1 + 2) * 3
}
output "precedence_div_mul" {
  value = 8 / 4 * 2
}
output "precedence_sub_chain" {
  value = 10 - 3 - 2
}
output "precedence_mod" {
  value = 2 + 7 % 4 * 2
}
output "precedence_cmp" {
  value = 1 + 1 == 2
}
output "precedence_and_or" {
  value = true || false && false
}
output "precedence_not" {
  value = !false && true
}
output "precedence_not_eq" {
  value = !(1 == 2)
}
output "compare_lt" {
  value = 1 < 2
}
output "compare_le" {
  value = 2 <= 2
}
output "compare_gt" {
  value = 1.5 > 1.25
}
output "compare_ge" {
  value = -1 >= 0
}
output "compare_string_number" {
  value = "10" > 9
}
output "eq_numbers" {
  value = 1 == 1.0
}
output "eq_string_number" {
  value = "1" == 1
}
output "eq_lists" {
  value = [1, 2] == [1, 2]
}
output "eq_lists_differ" {
  value = [1, 2] == [2, 1]
}
output "eq_objects" {
  value = { a = 1 } == { a = 1 }
}
output "eq_null" {
  value = null == null
}
output "neq_null" {
  value = "x" != null
}
output "eq_bool_string" {
  value = true == "true"
}
output "and_table" {
  value = [true && true, true && false, false && true, false && false]
}
output "or_table" {
  value = [true || true, true || false, false || true, false || false]
}
output "string_arith" {
  value = "2" + "3"
}
output "bool_string_and" {
  value = "true" && true
}
output "float_sum" {
  value = 0.1 + 0.2
}
output "big_mul" {
  value = 1e15 * 1000
}
output "small" {
  value = 1 / 1e10
}
output "integer_div" {
  value = 10 / 5
}
output "mod_negative_zero" {
  value = format("%5.1f", -1 * 0 % 7)
}
output "mod_negative_zero_by_negative" {
  value = format("%5.1f", -1 * 0 % -7)
}
output "mod_exact_negative" {
  value = format("%5.1f", -14 % 7)
}
output "mod_zero_by_negative" {
  value = format("%5.1f", 0 % -7)
}
output "mod_exact_by_negative" {
  value = format("%5.1f", 14 % -7)
}
