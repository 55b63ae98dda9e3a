output "plain" {
  value = "hello"
}
output "interp" {
  value = "a-${1 + 1}-b"
}
output "interp_bool" {
  value = "flag=${true}"
}
output "interp_float" {
  value = "x=${1.5}"
}
output "interp_third" {
  value = "${1 / 3}!"
}
output "interp_single_number" {
  value = "${42}"
}
output "interp_single_list" {
  value = "${[1, 2]}"
}
output "escapes" {
  value = "tab\tquote\"backslash\\ unicode\u00e9 dollar $${x} percent %%{y}"
}
output "nested_quotes" {
  value = "outer ${"inner ${"deep"}"}"
}
output "if_true" {
  value = "%{if true}yes%{else}no%{endif}"
}
output "if_false" {
  value = "%{if false}yes%{else}no%{endif}"
}
output "if_no_else" {
  value = "[%{if false}hidden%{endif}]"
}
output "if_string_cond" {
  value = "%{if "true"}yes%{endif}"
}
output "for_list" {
  value = "%{for x in ["a", "b", "c"]}${x},%{endfor}"
}
output "for_index" {
  value = "%{for i, x in ["a", "b"]}${i}=${x};%{endfor}"
}
output "for_map" {
  value = "%{for k, v in { b = 2, a = 1 }}${k}:${v} %{endfor}"
}
output "for_empty" {
  value = "<%{for x in []}${x}%{endfor}>"
}
output "strip_left" {
  value = "a   ${"b"}   c"
}
output "strip_markers" {
  value = "a   ${~"b"~}   c"
}
output "strip_directive" {
  value = "x %{~if true~} y %{~endif~} z"
}
output "for_if" {
  value = "%{for x in [1, 2, 3, 4]}%{if x % 2 == 0}${x}%{endif}%{endfor}"
}
output "unicode" {
  value = "ünïcödé ${"✓"}"
}
output "empty" {
  value = ""
}
output "multiline_interp" {
  value = "${join(",", [
    "a",
    "b",
  ])}"
}
output "heredoc" {
  value = <<EOT
line one
  indented ${1 + 1}
EOT
}
output "heredoc_indented" {
  value = <<-EOT
    first
      second
    third ${"x"}
  EOT
}
output "heredoc_directive" {
  value = <<-EOT
  %{~ for x in ["a", "b"] ~}
  item ${x}
  %{~ endfor ~}
EOT
}
output "heredoc_empty_lines" {
  value = <<EOT

a

EOT
}
output "heredoc_trailing" {
  value = "${trimspace(<<EOT
  text
EOT
)}"
}
