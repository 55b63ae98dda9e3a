output "abs_neg" {
  value = abs(-12.5)
}
output "abs_zero" {
  value = abs(0)
}
output "abs_pos" {
  value = abs(3)
}
output "ceil_frac" {
  value = ceil(1.2)
}
output "ceil_neg" {
  value = ceil(-1.2)
}
output "ceil_whole" {
  value = ceil(5)
}
output "floor_frac" {
  value = floor(1.8)
}
output "floor_neg" {
  value = floor(-1.2)
}
output "log_base" {
  value = log(100, 10)
}
output "log_two" {
  value = log(8, 2)
}
output "log_e" {
  value = log(2.718281828459045, 2.718281828459045)
}
output "max_basic" {
  value = max(1, 5, 3)
}
output "max_neg" {
  value = max(-1, -5)
}
output "max_one" {
  value = max(7)
}
output "max_spread" {
  value = max([4, 9, 2]...)
}
output "min_basic" {
  value = min(1, 5, 3)
}
output "min_frac" {
  value = min(0.5, 0.25)
}
output "parseint_dec" {
  value = parseint("100", 10)
}
output "parseint_hex" {
  value = parseint("FF", 16)
}
output "parseint_bin" {
  value = parseint("-1010", 2)
}
output "parseint_b36" {
  value = parseint("zz", 36)
}
output "parseint_bad" {
  value = try(parseint("12g", 16), "bad")
}
output "pow_basic" {
  value = pow(2, 10)
}
output "pow_frac" {
  value = pow(4, 0.5)
}
output "pow_zero" {
  value = pow(0, 0)
}
output "pow_neg" {
  value = pow(2, -2)
}
output "signum_neg" {
  value = signum(-4)
}
output "signum_zero" {
  value = signum(0)
}
output "signum_pos" {
  value = signum(7)
}
output "signum_frac" {
  value = try(signum(0.1), "whole numbers only")
}
