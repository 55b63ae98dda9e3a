output "plain" {
  value = <<EOT
a
  b
EOT
}
output "strip_in_plain" {
  value = <<EOT
  %{~ for x in ["a", "b"] ~}
  item ${x}
  %{~ endfor ~}
EOT
}
output "strip_interp" {
  value = <<EOT
start
  ${~ "mid" ~}  
end
EOT
}
output "flush_directive" {
  value = <<-EOT
    %{ for x in ["a", "b"] }
    - ${x}
    %{ endfor }
  EOT
}
output "flush_if" {
  value = <<-EOT
  %{ if true }
  yes
  %{ else }
  no
  %{ endif }
  EOT
}
output "flush_mixed_indent" {
  value = <<-EOT
      deep
    shallow
        deeper
    EOT
}
output "if_strip" {
  value = <<EOT
%{ if true ~}
  kept
%{~ endif }
EOT
}
output "quoted_strip" {
  value = "a \n ${~ "b" ~} \n c"
}
output "quoted_if_strip" {
  value = "[ %{~ if true ~} x %{~ else ~} y %{~ endif ~} ]"
}
output "quoted_for_strip" {
  value = "%{ for x in [1, 2, 3] ~} ${x} %{~ endfor }"
}
output "heredoc_json" {
  value = <<EOT
{"a": ${jsonencode([1, 2])}}
EOT
}
output "heredoc_dollar_escape" {
  value = <<EOT
$${not} %%{not}
EOT
}
