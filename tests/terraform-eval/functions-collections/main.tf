output "coalesce_first" {
  value = coalesce("", "b", "c")
}
output "coalesce_null" {
  value = coalesce(null, 2, 3)
}
output "coalesce_mixed" {
  value = coalesce(null, 1, "a")
}
output "coalesce_none" {
  value = try(coalesce(null, ""), "all empty")
}
output "coalescelist_basic" {
  value = coalescelist([], ["a"], ["b"])
}
output "coalescelist_empty" {
  value = try(coalescelist([], []), "none")
}
output "concat_two" {
  value = concat(["a"], ["b", "c"])
}
output "concat_empty" {
  value = concat([], [])
}
output "concat_mixed" {
  value = concat([1], ["x"], [true])
}
output "contains_yes" {
  value = contains(["a", "b"], "b")
}
output "contains_no" {
  value = contains(["a", "b"], "c")
}
output "contains_number_vs_string" {
  value = contains([1, 2], "1")
}
output "contains_empty" {
  value = contains([], 1)
}
output "distinct_basic" {
  value = distinct(["a", "b", "a", "c", "b"])
}
output "distinct_numbers" {
  value = distinct([3, 1, 3, 2])
}
output "distinct_empty" {
  value = distinct([])
}
output "compact_basic" {
  value = compact(["a", "", "b", null, "c"])
}
output "compact_empty" {
  value = compact([])
}
output "element_basic" {
  value = element(["a", "b", "c"], 1)
}
output "element_wrap" {
  value = element(["a", "b", "c"], 5)
}
output "element_negative" {
  value = try(element(["a", "b", "c"], -1), "negative")
}
output "element_empty" {
  value = try(element([], 0), "empty")
}
output "flatten_nested" {
  value = flatten([["a", "b"], [], ["c", ["d", ["e"]]]])
}
output "flatten_empty" {
  value = flatten([[], []])
}
output "index_found" {
  value = index(["a", "b", "c"], "b")
}
output "index_missing" {
  value = try(index(["a"], "z"), "missing")
}
output "keys_sorted" {
  value = keys({ b = 1, a = 2, c = 3 })
}
output "keys_empty" {
  value = keys({})
}
output "values_sorted" {
  value = values({ b = 1, a = 2, c = 3 })
}
output "lookup_found" {
  value = lookup({ a = "x", b = "y" }, "a", "dflt")
}
output "lookup_default" {
  value = lookup({ a = "x" }, "z", "dflt")
}
output "lookup_no_default" {
  value = try(lookup({ a = "x" }, "z"), "none")
}
output "merge_override" {
  value = merge({ a = 1, b = 2 }, { b = 3, c = 4 })
}
output "merge_empty" {
  value = merge()
}
output "merge_null" {
  value = merge({ a = 1 }, null, { b = 2 })
}
output "merge_nested" {
  value = merge({ a = { x = 1 } }, { a = { y = 2 } })
}
output "one_single" {
  value = one(["x"])
}
output "one_empty" {
  value = one([])
}
output "one_many" {
  value = try(one(["a", "b"]), "many")
}
output "range_one" {
  value = range(5)
}
output "range_two" {
  value = range(1, 4)
}
output "range_step" {
  value = range(0, 10, 3)
}
output "range_negative" {
  value = range(5, 0, -2)
}
output "range_fraction" {
  value = range(0, 1, 0.25)
}
output "range_empty" {
  value = range(0)
}
output "reverse_list" {
  value = reverse([1, 2, 3])
}
output "reverse_empty" {
  value = reverse([])
}
output "slice_middle" {
  value = slice(["a", "b", "c", "d"], 1, 3)
}
output "slice_empty" {
  value = slice(["a", "b"], 1, 1)
}
output "slice_bad" {
  value = try(slice(["a", "b"], 1, 5), "out of range")
}
output "sort_strings" {
  value = sort(["b", "a", "C", "10", "9"])
}
output "sort_numbers" {
  value = sort([10, 9, 100])
}
output "sort_unicode" {
  value = sort(["é", "e", "z", "É"])
}
output "zipmap_basic" {
  value = zipmap(["a", "b"], [1, 2])
}
output "zipmap_dup" {
  value = zipmap(["a", "a"], [1, 2])
}
output "zipmap_empty" {
  value = zipmap([], [])
}
output "chunklist_basic" {
  value = chunklist(["a", "b", "c", "d", "e"], 2)
}
output "chunklist_zero" {
  value = chunklist(["a", "b"], 0)
}
output "chunklist_empty" {
  value = chunklist([], 3)
}
output "setunion_basic" {
  value = setunion(["a", "b"], ["b", "c"])
}
output "setunion_numbers" {
  value = setunion([3, 1], [2, 1])
}
output "setintersection_basic" {
  value = setintersection(["a", "b", "c"], ["b", "c", "d"], ["c", "b"])
}
output "setintersection_empty" {
  value = setintersection(["a"], ["b"])
}
output "setsubtract_basic" {
  value = setsubtract(["a", "b", "c"], ["b"])
}
output "setproduct_basic" {
  value = setproduct(["a", "b"], [1, 2])
}
output "setproduct_empty" {
  value = setproduct(["a"], [])
}
output "alltrue_yes" {
  value = alltrue([true, true])
}
output "alltrue_empty" {
  value = alltrue([])
}
output "alltrue_strings" {
  value = alltrue(["true", true])
}
output "anytrue_no" {
  value = anytrue([false, false])
}
output "anytrue_empty" {
  value = anytrue([])
}
output "sum_basic" {
  value = sum([1, 2, 3.5])
}
output "sum_negative" {
  value = sum([-1, -2])
}
output "sum_empty" {
  value = try(sum([]), "empty")
}
output "sum_strings" {
  value = sum(["1", 2])
}
