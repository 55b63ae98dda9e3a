output "lower_ascii" {
  value = lower("HeLLo")
}
output "lower_unicode" {
  value = lower("ÀÉÎ İstanbul ΣΑΣ")
}
output "lower_empty" {
  value = lower("")
}
output "upper_ascii" {
  value = upper("hello-1")
}
output "upper_unicode" {
  value = upper("straße ǆ éa")
}
output "title_words" {
  value = title("hello world-foo_bar baz.qux")
}
output "title_unicode" {
  value = title("élan vital")
}
output "trimspace_mixed" {
  value = trimspace("  \t hi there \n ")
}
output "trimspace_empty" {
  value = trimspace("   ")
}
output "chomp_crlf" {
  value = chomp("line\r\n")
}
output "chomp_many" {
  value = chomp("x\n\n\n")
}
output "chomp_none" {
  value = chomp("x")
}
output "strrev_ascii" {
  value = strrev("abc")
}
output "strrev_unicode" {
  value = strrev("héllo wörld")
}
output "strrev_empty" {
  value = strrev("")
}
output "b64enc" {
  value = base64encode("Hello, World!")
}
output "b64enc_unicode" {
  value = base64encode("✓ à")
}
output "b64enc_empty" {
  value = base64encode("")
}
output "b64dec" {
  value = base64decode("SGVsbG8sIFdvcmxkIQ==")
}
output "b64dec_bad" {
  value = try(base64decode("%%%"), "bad")
}
output "urlencode_mix" {
  value = urlencode("a b&c=d/é?")
}
output "urlencode_safe" {
  value = urlencode("abc-_.~")
}
output "trim_cutset" {
  value = trim("?!hello?!", "!?")
}
output "trim_nothing" {
  value = trim("hello", "")
}
output "trimprefix_yes" {
  value = trimprefix("helloworld", "hello")
}
output "trimprefix_no" {
  value = trimprefix("helloworld", "world")
}
output "trimsuffix_yes" {
  value = trimsuffix("helloworld", "world")
}
output "trimsuffix_empty" {
  value = trimsuffix("", "x")
}
output "startswith_yes" {
  value = startswith("hello", "he")
}
output "startswith_empty" {
  value = startswith("hello", "")
}
output "endswith_no" {
  value = endswith("hello", "he")
}
output "strcontains_yes" {
  value = strcontains("hello", "ll")
}
output "strcontains_no" {
  value = strcontains("hello", "LL")
}
output "indent_two" {
  value = indent(2, "a\nb\nc")
}
output "indent_trailing" {
  value = indent(4, "a\n\nb\n")
}
output "substr_basic" {
  value = substr("hello world", 1, 4)
}
output "substr_negative_offset" {
  value = substr("hello world", -5, 3)
}
output "substr_all" {
  value = substr("hello", 0, -1)
}
output "substr_unicode" {
  value = substr("héllo wörld", 6, 5)
}
output "substr_past_end" {
  value = substr("hello", 2, 100)
}
output "substr_zero" {
  value = substr("hello", 1, 0)
}
output "split_basic" {
  value = split(",", "a,b,,c")
}
output "split_empty" {
  value = split(",", "")
}
output "split_none" {
  value = split(",", "abc")
}
output "split_multi" {
  value = split("--", "a--b--c")
}
output "join_basic" {
  value = join("-", ["a", "b", "c"])
}
output "join_empty" {
  value = join("-", [])
}
output "join_many" {
  value = join(", ", ["a"], ["b", "c"])
}
output "join_numbers" {
  value = join("+", [1, 2.5, true])
}
output "replace_plain" {
  value = replace("hello world", "o", "0")
}
output "replace_regex" {
  value = replace("hello 123 world 45", "/[0-9]+/", "#")
}
output "replace_group" {
  value = replace("john smith", "/(\\w+) (\\w+)/", "$2, $1")
}
output "replace_named" {
  value = replace("2024-01-15", "/(?P<y>\\d+)-(?P<m>\\d+)-(?P<d>\\d+)/", "$d.$m.$y")
}
output "replace_empty" {
  value = replace("", "a", "b")
}
output "replace_unicode" {
  value = replace("naïve café", "é", "e")
}
output "length_string" {
  value = length("hello")
}
output "length_unicode" {
  value = length("héllo 👋🏽")
}
output "length_empty" {
  value = length("")
}
output "length_list" {
  value = length([1, 2, 3])
}
output "length_map" {
  value = length({ a = 1, b = 2 })
}
output "regex_plain" {
  value = regex("[a-z]+", "123abc456")
}
output "regex_groups" {
  value = regex("(\\d+)-(\\d+)", "tel: 555-1234")
}
output "regex_named" {
  value = regex("(?P<user>[^@]+)@(?P<host>.+)", "me@example.com")
}
output "regex_nomatch" {
  value = try(regex("z+", "abc"), "none")
}
output "regexall_all" {
  value = regexall("[0-9]+", "a1b22c333")
}
output "regexall_groups" {
  value = regexall("(\\w)=(\\d)", "a=1, b=2")
}
output "regexall_none" {
  value = regexall("x", "abc")
}
output "regex_can" {
  value = can(regex("^[a-z]+$", "abc"))
}
output "regex_cannot" {
  value = can(regex("^[a-z]+$", "ab1"))
}
