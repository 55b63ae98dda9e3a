output "coalescelist_first_nonempty" {
  value = coalescelist([], [], ["x", "y"])
}
output "coalescelist_wrong_type" {
  value = try(coalescelist("a", ["b"]), "refused")
}
output "min_negative" {
  value = min(-1, -5.5, 3)
}
output "min_spread" {
  value = min([4, -9, 2]...)
}
output "min_string_numbers" {
  value = min("3", 2)
}
output "max_string_bad" {
  value = try(max("a", 1), "refused")
}
output "nonsensitive_plain" {
  value = nonsensitive(sensitive({ a = 1 })).a
}
output "setintersection_numbers" {
  value = setintersection([1, 2, 3], [3, 2], [2, 3, 4])
}
output "setsubtract_numbers" {
  value = setsubtract([3, 1, 2], [2])
}
output "setsubtract_empty" {
  value = setsubtract([], ["a"])
}
output "strcontains_unicode" {
  value = strcontains("naïve café", "é")
}
output "strcontains_empty" {
  value = strcontains("", "")
}
output "trimprefix_unicode" {
  value = trimprefix("ééa", "é")
}
output "trimprefix_whole" {
  value = trimprefix("abc", "abc")
}
output "upper_null" {
  value = try(upper(null), "refused")
}
output "lower_number" {
  value = lower(1.5)
}
output "length_null" {
  value = try(length(null), "refused")
}
output "length_number" {
  value = try(length(5), "refused")
}
output "join_null_element" {
  value = try(join(",", ["a", null]), "refused")
}
output "split_unicode" {
  value = split("é", "aébéc")
}
output "substr_negative_length" {
  value = substr("héllo", 1, -1)
}
output "substr_offset_past_end" {
  value = try(substr("abc", 5, 1), "refused")
}
output "substr_offset_too_negative" {
  value = substr("abc", -10, 2)
}
output "element_negative_index" {
  value = try(element(["a", "b"], -3), "refused")
}
output "element_large_index" {
  value = element(["a", "b", "c"], 100)
}
output "index_number_vs_string" {
  value = try(index([1, 2], "2"), "refused")
}
output "lookup_null_map" {
  value = try(lookup(null, "a", "d"), "refused")
}
output "lookup_number_value" {
  value = lookup({ a = 1 }, "a", "d")
}
output "contains_null" {
  value = try(contains(["a", null], null), "refused")
}
output "distinct_objects" {
  value = distinct([{ a = 1 }, { a = 1 }, { a = 2 }])
}
output "flatten_null" {
  value = flatten([null, ["a"], [[null]]])
}
output "keys_of_number" {
  value = try(keys(1), "refused")
}
output "values_of_object_mixed" {
  value = values({ b = "x", a = 1 })
}
output "merge_mixed_types" {
  value = merge({ a = 1 }, { b = "x" }, { c = [1] })
}
output "merge_map_override_type" {
  value = merge({ a = "x" }, { a = 1 })
}
output "zipmap_numbers_as_keys" {
  value = zipmap([1, 2], ["a", "b"])
}
output "zipmap_mismatch" {
  value = try(zipmap(["a"], [1, 2]), "refused")
}
output "reverse_string" {
  value = try(reverse("abc"), "refused")
}
output "slice_negative" {
  value = try(slice(["a", "b"], -1, 1), "refused")
}
output "sort_mixed" {
  value = sort([2, "10", "a"])
}
output "sort_null" {
  value = try(sort(["a", null]), "refused")
}
output "range_float_step" {
  value = range(0, 2, 0.5)
}
output "range_zero_step" {
  value = try(range(0, 5, 0), "refused")
}
output "range_limit" {
  value = try(length(range(1025)), "refused")
}
output "chunklist_negative" {
  value = try(chunklist(["a"], -1), "refused")
}
output "tonumber_spaces" {
  value = try(tonumber(" 1"), "refused")
}
output "tonumber_exponent" {
  value = tonumber("1e3")
}
output "tonumber_hex" {
  value = try(tonumber("0x10"), "refused")
}
output "tostring_nested_null" {
  value = tostring(null) == null
}
output "tolist_of_map" {
  value = try(tolist({ a = 1 }), "refused")
}
output "toset_null_element" {
  value = try(toset(["a", null]), "refused")
}
output "tomap_of_list" {
  value = try(tomap(["a"]), "refused")
}
output "jsonencode_unicode" {
  value = jsonencode("é ✓ \u2028")
}
output "jsonencode_float" {
  value = jsonencode([0.1, 1e-7, -0.5, 1e21, 123456789012])
}
output "jsondecode_big" {
  value = jsondecode("12345678901234567890")
}
output "jsondecode_nested" {
  value = jsondecode("[{\"a\": [true, null, \"x\"]}]")[0].a
}
output "base64decode_invalid_utf8" {
  value = try(base64decode("/w=="), "refused")
}
output "urlencode_unicode" {
  value = urlencode("日本 語")
}
output "title_empty" {
  value = title("")
}
output "indent_zero" {
  value = indent(0, "a\nb")
}
output "format_width_unicode" {
  value = format("%-4s|%4s|", "é", "日本")
}
output "format_padding_number" {
  value = format("%05d|%-5d|%+.2f", 42, -7, 3.14159)
}
output "format_index" {
  value = format("%[2]s-%[1]s", "a", "b")
}
output "format_json" {
  value = format("%v|%v", { b = 1, a = [true] }, null == null)
}
output "formatlist_pairs" {
  value = formatlist("%s=%d", ["a", "b"], [1, 2])
}
output "formatlist_scalar" {
  value = formatlist("%s!", "x")
}
output "formatlist_mismatch" {
  value = try(formatlist("%s%s", ["a"], ["b", "c"]), "refused")
}
output "regex_optional_group" {
  value = regex("(a)(x)?", "abc")
}
output "regexall_named" {
  value = regexall("(?P<k>[a-z])=(?P<v>\\d)", "a=1 b=2")
}
output "regex_unicode_class" {
  value = regex("\\pL+", "123 héllo")
}
output "replace_dollar_literal" {
  value = replace("a.b", ".", "$$")
}
output "replace_regex_empty_match" {
  value = replace("abc", "/x*/", "-")
}
output "parseint_negative_hex" {
  value = parseint("-ff", 16)
}
output "parseint_base_out_of_range" {
  value = try(parseint("1", 1), "refused")
}
output "pow_negative_base" {
  value = pow(-2, 3)
}
output "log_fraction" {
  value = log(1, 10)
}
output "ceil_negative_zero" {
  value = "${ceil(-0.5)}"
}
output "ceil_negative_zero_string" {
  value = "x${ceil(-0.5)}"
}
output "floor_negative_zero_string" {
  value = "x${floor(-0)}"
}
output "floor_big" {
  value = floor(1e15 + 0.5)
}
output "abs_negative_zero" {
  value = "${abs(-0)}"
}
output "signum_string" {
  value = signum("-3")
}
output "sum_mixed_strings" {
  value = sum(["1.5", 2.5])
}
output "alltrue_null" {
  value = try(alltrue([true, null]), "refused")
}
output "anytrue_strings" {
  value = anytrue(["false", "true"])
}
output "one_null" {
  value = one([null])
}
output "one_set" {
  value = one(toset(["x", "x"]))
}
