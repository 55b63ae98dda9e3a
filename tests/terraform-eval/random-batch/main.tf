variable "n" {
  type    = number
  default = "7"
}
variable "s" {
  type    = string
  default = "Hello, World"
}
variable "b" {
  default = true
}
variable "ls" {
  type    = list(string)
  default = ["b", "a", 3, "a"]
}
variable "ss" {
  type    = set(string)
  default = ["b", "a", "c", "a"]
}
variable "mn" {
  type    = map(number)
  default = { x = 1, y = "2", z = 3 }
}
variable "obj" {
  type = object({
    name = string
    port = optional(number, 80)
    tags = optional(map(string), { env = "dev" })
  })
  default = { name = "svc" }
}
locals {
  ln  = [3, 1, 2, -4]
  ls2 = ["x", "y", "x"]
  m   = { a = "A", b = "B", c = "" }
  e   = []
}
output "o00000" {
  value = !false
}
output "o00001" {
  value = reverse(flatten([["10", "true", "abc"], [var.s]]))
}
output "o00002" {
  value = merge({ x = var.obj.port }, {  })
}
output "o00003" {
  value = length(local.ls2) > 3 || !true
}
output "o00004" {
  value = false
}
output "o00005" {
  value = (0.5 > var.n ? -3 : 10)
}
output "o00006" {
  value = merge({ b = "Hello World" }, { x = var.obj.name })
}
output "o00007" {
  value = merge(var.mn, var.mn)
}
output "o00008" {
  value = { for k, v in { b = 1 } : k => v if k != "b" }
}
output "o00009" {
  value = (signum(floor((-3))) < sum(concat([10], try(slice(local.ln, 1, 2), local.ln))) ? "%{for k, v in zipmap(keys(merge(var.mn, { zz = 2 })), values(merge(var.mn, { zz = 2 })))}${k}=${v} %{endfor}" : base64decode(base64encode("${min(var.n, 1.5)}${jsonencode("q\"uote")}")))
}
output "o00010" {
  value = length(var.ls) > 3
}
output "o00011" {
  value = { for k, v in { for k, v in tomap({ c = var.s, x = var.s, zz = "-2.5" }) : k => v if k != "c" } : upper(k) => v }
}
output "o00012" {
  value = -(2)
}
output "o00013" {
  value = { for k, v in merge({  }, { for k, v in { for k, v in { b = "", x = "x-y_z" } : k => v if k != "c" } : k => v if k != "a" }) : k => v if k != "b" }
}
output "o00014" {
  value = var.obj.port == 0.25
}
output "o00015" {
  value = [for i, x in [42, -2.5] : x if i % 2 == 0]
}
output "o00016" {
  value = {  }
}
output "o00017" {
  value = [""] == tolist(var.ss)
}
output "o00018" {
  value = true || "abc" == var.s
}
output "o00019" {
  value = length([for x in local.ls2 : "${x}-${var.obj.name}"]) > 3 && [""] == tolist(var.ss)
}
output "o00020" {
  value = "10"
}
output "o00021" {
  value = (true ? "a" : "Hello World")
}
output "o00022" {
  value = try(regex("([a-z]+)", "<${7}|${var.obj.name}>")[0], "none")
}
output "o00023" {
  value = try(coalesce(var.s, join("|", formatlist("%s!", tolist(var.ss)))), "Hello World")
}
output "o00024" {
  value = indent(2, join("", [for s in tolist(var.ss) : upper(s)]))
}
output "o00025" {
  value = true
}
output "o00026" {
  value = { for k, v in zipmap(keys(var.obj.tags), values(var.obj.tags)) : k => v if k != "a" }
}
output "o00027" {
  value = [for i, x in [0, (var.obj.port + 7)] : x if i % 2 == 0]
}
output "o00028" {
  value = merge(local.m, var.obj.tags)
}
output "o00029" {
  value = (var.b ? local.ln : values({ c = 0, zz = -1 }))
}
output "o00030" {
  value = lookup(local.m, "x", "x-y_z")
}
output "o00031" {
  value = try(regex("([a-z]+)", try(coalesce(lower((false ? "MiXeD" : "a.b.c")), tostring(can(local.ln[3]))), var.obj.name))[0], "none")
}
output "o00032" {
  value = "%{if true}yes%{else}no%{endif}"
}
output "o00033" {
  value = trim(coalesce(substr("a,b,,c", -3, 0), "fallback"), "xyz ")
}
output "o00034" {
  value = merge({ a = 10, c = 7, x = 5 }, { a = var.n, x = 10 })
}
output "o00035" {
  value = (true ? 1.5 / 2 : "  padded  ")
}
output "o00036" {
  value = [for k, v in toset(reverse(try(regexall("[a-z]", "MiXeD"), ["ff"]))) : k]
}
output "o00037" {
  value = var.b
}
output "o00038" {
  value = zipmap(keys({ for k, v in { for k, v in { b = "a,b,,c", x = "  padded  ", zz = "line\nbreak" } : upper(k) => v } : k => v if k != "zz" }), values({ for k, v in { for k, v in { b = "a,b,,c", x = "  padded  ", zz = "line\nbreak" } : upper(k) => v } : k => v if k != "zz" }))
}
output "o00039" {
  value = zipmap(keys({ c = "MiXeD", x = "-2.5" }), values({ c = "MiXeD", x = "-2.5" }))
}
output "o00040" {
  value = tomap({ b = var.s, x = "tab\there" })
}
output "o00041" {
  value = base64decode(base64encode("%{if var.n == 1.5}yes%{else}no%{endif}"))
}
output "o00042" {
  value = flatten([[2, -3, -2.5, 5], [parseint("10", 8)]])
}
output "o00043" {
  value = [chomp("a.b.c"), "true"]
}
output "o00044" {
  value = base64decode(base64encode(""))
}
output "o00045" {
  value = "-2.5"
}
output "o00046" {
  value = (length(try(regexall("[a-z]", "MiXeD"), local.ls2)) > 0 ? [] : local.ls2)
}
output "o00047" {
  value = []
}
output "o00048" {
  value = { for x in distinct(try(slice(distinct(local.ln), 1, 1), [42, 3, 0.25, 2])) : "k${x}" => var.n * -2.5 - 100 }
}
output "o00049" {
  value = (-3) + try(parseint("-2.5", 16), -3) * lookup({ b = 1, c = 100 }, "a", var.n) >= 100
}
output "o00050" {
  value = "Hello World"
}
output "o00051" {
  value = base64decode(base64encode("ünïcödé"))
}
output "o00052" {
  value = "${length("<${min(7)}|${(true ? "-2.5" : "10")}>")}${"a,b,,c"}"
}
output "o00053" {
  value = signum(floor(lookup(var.mn, "x", 42) % 2 % -4))
}
output "o00054" {
  value = var.mn
}
output "o00055" {
  value = [for s in tolist(toset(["Hello World", "a.b.c"])) : length(s)]
}
output "o00056" {
  value = { c = 0.25, k1 = -3 }
}
output "o00057" {
  value = local.m
}
output "o00058" {
  value = var.obj.port
}
output "o00059" {
  value = flatten([["ünïcödé", ""], ["ünïcödé"]])
}
output "o00060" {
  value = try(tobool("<${"${(true ? var.n : 5)}${"%{for k, v in { b = -3, c = -3, k1 = 0 }}${k}=${v} %{endfor}"}"}|${replace(format("%5.1f|%-4s|%q", 10, "  padded  ", var.obj.name), "/(\\w)(\\w)/", "")}>"), true)
}
output "o00061" {
  value = join("", [for s in ["10", "", "abc"] : upper(s)])
}
output "o00062" {
  value = var.obj.tags
}
output "o00063" {
  value = !true
}
output "o00064" {
  value = concat(["ünïcödé"], var.ls)
}
output "o00065" {
  value = "10"
}
output "o00066" {
  value = { for x in distinct([for i, x in [0, 2, 3] : x if i % 2 == 0]) : "k${x}" => signum(floor(var.n)) }
}
output "o00067" {
  value = base64decode(base64encode("Hello World"))
}
output "o00068" {
  value = join(",", sort(tolist(var.ss)))
}
output "o00069" {
  value = ceil(100 % -4)
}
output "o00070" {
  value = "line\nbreak"
}
output "o00071" {
  value = try({ for k, v in { for x in distinct(keys(zipmap(keys({ c = var.n, k1 = var.n, x = var.obj.port }), values({ c = var.n, k1 = var.n, x = var.obj.port })))) : "k${x}" => "true" } : k => tonumber(v) }, { zz = var.obj.port })
}
output "o00072" {
  value = [for x in flatten([["a,b,,c"], ["q\"uote"]]) : "${x}-${"<${"Hello World"}|${var.obj.name}>"}"]
}
output "o00073" {
  value = join("|", formatlist("%s!", local.ls2))
}
output "o00074" {
  value = join("", [for i, x in [""] : x if i % 2 == 0])
}
output "o00075" {
  value = (7 == var.n ? tolist(var.ss) : ["x-y_z", ""])
}
output "o00076" {
  value = [for i, x in [for k, v in toset([for k, v in toset([]) : k]) : k] : x if i % 2 == 0]
}
output "o00077" {
  value = join(",", sort(tolist(var.ss)))
}
output "o00078" {
  value = parseint("zz", 36)
}
output "o00079" {
  value = var.obj.name
}
output "o00080" {
  value = ("  padded  " == var.obj.name ? var.obj.port / 2 : try(tonumber("-2.5"), 2))
}
output "o00081" {
  value = join("", [for s in ["a"] : upper(s)])
}
output "o00082" {
  value = -(var.n)
}
output "o00083" {
  value = flatten([var.ls, [""]])
}
output "o00084" {
  value = format("%s=%d", "x-y_z", floor(var.obj.port % 2))
}
output "o00085" {
  value = { for x in distinct([]) : "k${x}" => try(sort(local.ls2)[1], var.s) }
}
output "o00086" {
  value = local.ls2
}
output "o00087" {
  value = concat(["q\"uote"], [for x in ["MiXeD"] : upper(x)])
}
output "o00088" {
  value = tomap({  })
}
output "o00089" {
  value = (var.b ? "%{for i, x in values({ for x in distinct(var.ls) : "k${x}" => var.obj.name })}${i}:${x};%{endfor}" : "<${var.obj.port <= length({ b = -1 })}|${trim("%{for i, x in var.ls}${i}:${x};%{endfor}", "a")}>")
}
output "o00090" {
  value = {  }
}
output "o00091" {
  value = (concat(local.ls2, ["ff", "x-y_z", "q\"uote"]) == ["Hello World", "line\nbreak"] ? strrev(var.obj.name) : jsonencode(lower("日本語")))
}
output "o00092" {
  value = { for k, v in try(zipmap(concat([for k, v in toset(tolist(var.ss)) : k], try(regexall("[a-z]", var.obj.name), var.ls)), compact((true ? ["x-y_z", "ff"] : []))), { b = "a,b,,c" }) : upper(k) => v }
}
output "o00093" {
  value = try({ for k, v in var.obj.tags : k => tonumber(v) }, { a = 0, zz = -1 })
}
output "o00094" {
  value = join("|", formatlist("%s!", ["ff", "a.b.c"]))
}
output "o00095" {
  value = element(concat(range(0, 2, 0.5), [signum(floor(0.25))]), 0)
}
output "o00096" {
  value = zipmap(keys({ for k, v in { x = "ff" } : upper(k) => v }), values({ for k, v in { x = "ff" } : upper(k) => v }))
}
output "o00097" {
  value = { for k, v in try(zipmap([], local.ls2), {  }) : k => v if k != "a" }
}
output "o00098" {
  value = [for k, v in { for k, v in { k1 = 2 } : upper(k) => v } : v * 2]
}
output "o00099" {
  value = !false
}
output "o00100" {
  value = zipmap(keys({ a = -3, x = -3 }), values({ a = -3, x = -3 }))
}
output "o00101" {
  value = replace(var.s, "/[aeiou]/", "X")
}
output "o00102" {
  value = { for k, v in { for x in distinct([for k, v in toset([for x in tolist(var.ss) : "${x}-${"ünïcödé"}"]) : k]) : "k${x}" => lookup({ b = "true", c = "x-y_z", x = var.obj.name }, "c", (true ? "Hello World" : "a")) } : upper(k) => v }
}
output "o00103" {
  value = "q\"uote"
}
output "o00104" {
  value = { for x in distinct(local.ln) : "k${x}" => 100 }
}
output "o00105" {
  value = abs(length([for k, v in toset(local.ls2) : k]))
}
output "o00106" {
  value = join("|", formatlist("%s!", values(local.m)))
}
output "o00107" {
  value = { a = "a" }
}
output "o00108" {
  value = try(regexall("[a-z]", (var.b ? var.s : "日本語")), ["abc", "abc", "Hello World"])
}
output "o00109" {
  value = alltrue([for x in [for k, v in toset(local.ln) : k] : x > 0])
}
output "o00110" {
  value = split("l", "%{if var.b}yes%{else}no%{endif}")
}
output "o00111" {
  value = []
}
output "o00112" {
  value = join("", [for s in [join(",", sort(["true", "true", "ünïcödé"])), "10"] : upper(s)])
}
output "o00113" {
  value = try({ k1 = "x-y_z" }["b"], var.s)
}
output "o00114" {
  value = ((var.b ? var.obj.name : "x-y_z") == "ff" ? var.obj.port + 7 <= length("-2.5") : merge({ c = 10, x = -2.5 }, var.mn) != (false ? {  } : { c = -1, k1 = var.obj.port }))
}
output "o00115" {
  value = "Hello World"
}
output "o00116" {
  value = (var.b ? var.n : 0)
}
output "o00117" {
  value = (reverse(tolist(var.ss)) == [for x in ["-2.5", "a"] : upper(x)] ? try(tobool("%{for i, x in ["MiXeD", "10", "a"]}${i}:${x};%{endfor}"), var.b) : var.b)
}
output "o00118" {
  value = try(coalesce(coalesce("%{if tolist(var.ss) == ["true", "ff"]}yes%{else}no%{endif}", "fallback"), base64decode(base64encode(lookup(zipmap(keys(var.obj.tags), values(var.obj.tags)), "k1", var.s)))), var.s)
}
output "o00119" {
  value = format("%s=%d", join(",", sort([for x in ["a"] : x])), floor(("a.b.c" == var.s ? try(index(tolist(var.ss), "tab\there"), 7) : try([0][0], 42))))
}
output "o00120" {
  value = [for k, v in zipmap(keys({ for x in distinct(values(var.mn)) : "k${x}" => 1.5 }), values({ for x in distinct(values(var.mn)) : "k${x}" => 1.5 })) : v * 2]
}
output "o00121" {
  value = -(length(keys({ for k, v in { for x in distinct(var.ls) : "k${x}" => "10" } : upper(k) => v })))
}
output "o00122" {
  value = ["<${"日本語"}|${"x-y_z"}>", tostring(-3)]
}
output "o00123" {
  value = endswith(base64decode(base64encode("%{if 3 >= var.n}yes%{else}no%{endif}")), ((var.b ? 100 >= 7 : var.obj.name == "  padded  ") ? "%{if { x = 42, zz = var.n } != { c = var.obj.port }}yes%{else}no%{endif}" : "<${anytrue([for x in [] : x > 0])}|${join(",", ["abc", "日本語", "MiXeD"])}>"))
}
output "o00124" {
  value = -(100)
}
output "o00125" {
  value = 5
}
output "o00126" {
  value = -3
}
output "o00127" {
  value = join("|", formatlist("%s!", setunion(setunion([], var.ls), [for x in ["Hello World", "a", "Hello World"] : upper(x)])))
}
output "o00128" {
  value = -1 < 3
}
output "o00129" {
  value = reverse(["ünïcödé", "line\nbreak"])
}
output "o00130" {
  value = try(index(["a,b,,c", "MiXeD"], "Hello World"), 1.5)
}
output "o00131" {
  value = try(regex("([a-z]+)", "10")[0], "none")
}
output "o00132" {
  value = length("q\"uote")
}
output "o00133" {
  value = length(tolist(var.ss)) > 3
}
output "o00134" {
  value = "line\nbreak"
}
output "o00135" {
  value = values({ a = 5, x = 0.5 })
}
output "o00136" {
  value = (var.b ? {  } : var.obj.tags)
}
output "o00137" {
  value = "${var.n}${format("%5.1f|%-4s|%q", length(keys(local.m)) + (true ? 1.5 : -1), trimsuffix(var.obj.name, "He"), "%{if var.b}yes%{else}no%{endif}")}"
}
output "o00138" {
  value = alltrue([for x in local.ln : x > 0])
}
output "o00139" {
  value = { for x in distinct([for i, x in try(regexall("[a-z]", try(regex("[a-z]+", "a,b,,c"), "q\"uote")), local.ls2) : x if i % 2 == 0]) : "k${x}" => "10" }
}
output "o00140" {
  value = concat(try(regexall("[a-z]", "${pow(2, -1)}${"MiXeD"}"), []), [for i, x in try(regexall("[a-z]", format("%s=%d", var.s, floor(var.n))), tolist(var.ss)) : x if i % 2 == 0])
}
output "o00141" {
  value = var.obj.name
}
output "o00142" {
  value = setunion(["-2.5", "-2.5"], [])
}
output "o00143" {
  value = (var.b ? -1 : 0)
}
output "o00144" {
  value = concat(tolist(var.ss), ["Hello World", "x-y_z"])
}
output "o00145" {
  value = ((strcontains(var.obj.name, "x-y_z") ? (true ? false : false) : -1 <= 5) ? values({ b = 5, zz = var.obj.port }) : [1])
}
output "o00146" {
  value = (true ? true : var.b)
}
output "o00147" {
  value = var.mn
}
output "o00148" {
  value = "${pow(10, 1)}${join(",", sort(var.ls))}"
}
output "o00149" {
  value = can(tobool(indent(2, "%{if var.n > 5}yes%{else}no%{endif}")))
}
output "o00150" {
  value = ["a,b,,c", "abc", "abc"]
}
output "o00151" {
  value = (lookup({ for x in distinct([for x in [] : x + -1]) : "k${x}" => var.n }, "zz", length([for x in [for k, v in { a = 42, b = var.obj.port, c = var.n } : v * 2] : x if x > var.n / 0.5])))
}
output "o00152" {
  value = [lookup(local.m, "x", "10"), "${var.n}${"a,b,,c"}"]
}
output "o00153" {
  value = var.b
}
output "o00154" {
  value = var.obj.port - var.n / 2
}
output "o00155" {
  value = reverse(tolist(toset(concat(tolist(toset([-3, 10, -2.5])), []))))
}
output "o00156" {
  value = "a"
}
output "o00157" {
  value = (alltrue([for x in [] : x > 0]) ? var.s : "<${endswith("MiXeD", "a")}|${trim("true", "xyz ")}>")
}
output "o00158" {
  value = join("-", try(regexall("[a-z]", var.s), []))
}
output "o00159" {
  value = var.mn
}
output "o00160" {
  value = { for k, v in { c = "", k1 = "abc", x = "10" } : k => v if k != "c" }
}
output "o00161" {
  value = 0
}
output "o00162" {
  value = false
}
output "o00163" {
  value = substr("", 0, -1)
}
output "o00164" {
  value = []
}
output "o00165" {
  value = "<${var.s}|${"<${3 % -4}|${jsonencode(5)}>"}>"
}
output "o00166" {
  value = split(",", try(flatten([concat(var.ls, var.ls), ["%{for i, x in tolist(var.ss)}${i}:${x};%{endfor}"]])[0], var.obj.name))
}
output "o00167" {
  value = { x = 10 }
}
output "o00168" {
  value = "x-y_z"
}
output "o00169" {
  value = {  }
}
output "o00170" {
  value = values({ a = "10", b = "q\"uote", x = "q\"uote" })
}
output "o00171" {
  value = ["x-y_z"]
}
output "o00172" {
  value = { b = "-2.5" }
}
output "o00173" {
  value = []
}
output "o00174" {
  value = range(-2)
}
output "o00175" {
  value = zipmap(keys({ for x in distinct(setunion(["abc", "q\"uote"], try(regexall("[a-z]", var.s), var.ls))) : "k${x}" => "line\nbreak" }), values({ for x in distinct(setunion(["abc", "q\"uote"], try(regexall("[a-z]", var.s), var.ls))) : "k${x}" => "line\nbreak" }))
}
output "o00176" {
  value = local.m
}
output "o00177" {
  value = merge(var.mn, { k1 = var.obj.port, zz = 0.5 })
}
output "o00178" {
  value = substr(try(regex("([a-z]+)", "abc")[0], "none"), 2, -1)
}
output "o00179" {
  value = tolist(toset(["q\"uote"]))
}
output "o00180" {
  value = ["%{if true}yes%{else}no%{endif}", join(",", local.ls2)]
}
output "o00181" {
  value = 7 % 3
}
output "o00182" {
  value = tolist(var.ss)
}
output "o00183" {
  value = indent(2, "-2.5")
}
output "o00184" {
  value = anytrue([for x in [for k, v in toset([1, 7, 5, 0.5]) : k] : x > 0])
}
output "o00185" {
  value = trimsuffix(try(regex("[a-z]+", "-2.5"), "ff"), "a")
}
output "o00186" {
  value = lookup({ zz = 100 }, "a", -2.5)
}
output "o00187" {
  value = length(var.ls) > 3
}
output "o00188" {
  value = try(regexall("[a-z]", "a.b.c"), ["x-y_z", "-2.5"])
}
output "o00189" {
  value = ({ x = 5 } != { b = 0.5 } ? (false ? 1.5 : var.n) : length([for x in [] : x if x > 100])) / 3
}
output "o00190" {
  value = [for k, v in {  } : v * 2]
}
output "o00191" {
  value = pow(2, 0)
}
output "o00192" {
  value = split(" ", "line\nbreak")
}
output "o00193" {
  value = try(regex("([a-z]+)", "a")[0], "none")
}
output "o00194" {
  value = { b = "ünïcödé" }
}
output "o00195" {
  value = format("%s=%d", "a", floor(var.n))
}
output "o00196" {
  value = flatten([[for k, v in toset(values({ a = "tab\there", x = "" })) : k], ["ff"]])
}
output "o00197" {
  value = (false)
}
output "o00198" {
  value = try(tonumber(tostring(signum(floor(var.n)))), signum(floor(length(keys({ a = "line\nbreak" }))))) % 3
}
output "o00199" {
  value = ((local.ls2 == [] ? true : can(coalesce("a,b,,c", "ünïcödé"))) ? coalesce("${var.n}${"q\"uote"}", "fallback") : "%{if var.b}yes%{else}no%{endif}")
}
output "o00200" {
  value = zipmap(keys({  }), values({  }))
}
output "o00201" {
  value = (true ? ["MiXeD"] : var.ls)
}
output "o00202" {
  value = format("%s=%d", base64decode(base64encode(join("-", local.ls2))), floor(lookup(merge({ b = 0, k1 = var.n }, var.mn), "b", var.n)))
}
output "o00203" {
  value = join("", [for s in sort(compact(sort(tolist(var.ss)))) : upper(s)])
}
output "o00204" {
  value = "a.b.c"
}
output "o00205" {
  value = can((true ? [0, 2] : [])[0])
}
output "o00206" {
  value = setunion(local.ls2, local.ls2)
}
output "o00207" {
  value = lookup(var.mn, "k1", var.obj.port)
}
output "o00208" {
  value = merge(merge({ k1 = "true", x = "ff" }, { for k, v in merge({ a = "ff" }, { a = "-2.5", b = var.s, k1 = "  padded  " }) : k => v if k != "c" }), { for k, v in { for x in distinct(distinct(["q\"uote", "Hello World", "MiXeD"])) : "k${x}" => "%{for k, v in var.mn}${k}=${v} %{endfor}" } : upper(k) => v })
}
output "o00209" {
  value = (try(tobool(""), false) ? { for k, v in var.mn : k => v if k != "x" } : {  })
}
output "o00210" {
  value = { for k, v in zipmap(keys({ b = 1.5, x = 3 }), values({ b = 1.5, x = 3 })) : upper(k) => v }
}
output "o00211" {
  value = "<${false}|${"${var.n}${"a.b.c"}"}>"
}
output "o00212" {
  value = try(regexall("[a-z]", "a,b,,c"), ["ff", "tab\there", "a.b.c"])
}
output "o00213" {
  value = { c = 5, zz = var.obj.port }
}
output "o00214" {
  value = try({ k1 = "日本語" }["x"], "ünïcödé")
}
output "o00216" {
  value = try(regex("([a-z]+)", "%{if (false ? 2 : 0.25) != -1 - 0.25}yes%{else}no%{endif}")[0], "none")
}
output "o00217" {
  value = length([for x in [-3, -2.5, 7] : x if x > try(index((var.b ? tolist(var.ss) : local.ls2), try({ b = "", x = "", zz = "-2.5" }["k1"], var.obj.name)), 5)])
}
output "o00218" {
  value = local.m
}
output "o00219" {
  value = try(regexall("[a-z]", "  padded  "), ["  padded  ", "line\nbreak", "x-y_z"])
}
output "o00220" {
  value = try(slice(reverse([0, -2.5, 0.5]), 1, 0), [3, 3])
}
output "o00221" {
  value = zipmap(keys(var.mn), values(var.mn))
}
output "o00222" {
  value = try(index(tolist(toset(var.ls)), var.obj.name), var.obj.port)
}
output "o00223" {
  value = [for k, v in { for k, v in zipmap(keys(tomap({ c = 1 })), values(tomap({ c = 1 }))) : k => v if k != "x" } : v * 2]
}
output "o00224" {
  value = try({ for k, v in { b = "x-y_z" } : k => tonumber(v) }, var.mn)
}
output "o00225" {
  value = "ünïcödé"
}
output "o00226" {
  value = try(regex("[a-z]+", coalesce(var.obj.name, "fallback")), "日本語")
}
output "o00227" {
  value = try(slice(local.ln, 0, 1), [5])
}
output "o00228" {
  value = var.n
}
output "o00229" {
  value = 5 <= element(concat([min(3, 100), -(-1)], [(!true ? lookup({ a = var.n, b = 100, k1 = var.n }, "zz", -1) : var.obj.port * var.n)]), 1)
}
output "o00230" {
  value = "line\nbreak"
}
output "o00231" {
  value = tolist(toset(var.ls))
}
output "o00232" {
  value = local.ls2
}
output "o00233" {
  value = {  }
}
output "o00234" {
  value = 0 - 0
}
output "o00235" {
  value = coalesce("-2.5", "fallback")
}
output "o00236" {
  value = local.ls2
}
output "o00237" {
  value = (false)
}
output "o00238" {
  value = try(tonumber("a"), 1)
}
output "o00239" {
  value = format("%s=%d", var.s, floor((1)))
}
output "o00240" {
  value = true
}
output "o00241" {
  value = (1 != 0.5 ? local.ls2 : local.ls2)
}
output "o00242" {
  value = jsonencode({  })
}
output "o00243" {
  value = true
}
output "o00244" {
  value = concat((startswith("%{if var.b}yes%{else}no%{endif}", replace("  padded  ", "l", "X")) ? [for x in [for k, v in { k1 = 2 } : v * 2] : x + 0 * var.n] : (true ? [for k, v in toset(local.ln) : k] : reverse(local.ln))), local.ln)
}
output "o00245" {
  value = try(regexall("[a-z]", try(regex("[a-z]+", try(regex("([a-z]+)", (true ? 5 : "a.b.c"))[0], "none")), var.s)), var.ls)
}
output "o00246" {
  value = 7 >= -(0.5)
}
output "o00247" {
  value = { a = -2.5, c = 0, k1 = 1 }
}
output "o00248" {
  value = reverse(keys({  }))
}
output "o00249" {
  value = (contains(["a"], var.s) ? {  } : { for k, v in local.m : upper(k) => v })
}
output "o00250" {
  value = {  }
}
output "o00251" {
  value = false
}
output "o00252" {
  value = var.s
}
output "o00253" {
  value = distinct([for k, v in toset([for s in (true ? tolist(var.ss) : var.ls) : length(s)]) : k])
}
output "o00254" {
  value = { for k, v in try(zipmap(["a,b,,c"], var.ls), { k1 = "", x = "tab\there" }) : upper(k) => v }
}
output "o00255" {
  value = range(0)
}
output "o00256" {
  value = parseint("zz", 36)
}
output "o00257" {
  value = [for x in [length(local.ls2), (0)] : x]
}
output "o00258" {
  value = var.mn
}
output "o00259" {
  value = substr("line\nbreak", 1, 1)
}
output "o00260" {
  value = values({ k1 = "a" })
}
output "o00261" {
  value = 0.5 != var.n
}
output "o00262" {
  value = alltrue([for x in distinct([]) : x > 0])
}
output "o00263" {
  value = ((((false ? true : var.b)) ? contains(tolist(toset(["a", "日本語"])), tostring(1)) : sort([]) == ["true"]) ? compact(concat(values({ a = var.obj.name }), reverse([]))) : flatten([flatten([setunion(var.ls, ["Hello World", "日本語", "abc"]), ["<${var.n}|${"a"}>"]]), [try(regex("[a-z]+", try(local.m["a"], "10")), var.s)]]))
}
output "o00264" {
  value = concat(["a", "line\nbreak", "MiXeD"], concat(values(var.obj.tags), ["x-y_z", var.s])) == ["<${trim("-2.5", " ")}|${try(regex("[a-z]+", "line\nbreak"), var.s)}>", tostring("abc")]
}
output "o00265" {
  value = join("-", tolist(toset(reverse(tolist(var.ss)))))
}
output "o00266" {
  value = coalesce("${3}${"%{for i, x in local.ls2}${i}:${x};%{endfor}"}", "fallback")
}
output "o00267" {
  value = indent(2, (false ? var.obj.name : "abc"))
}
output "o00268" {
  value = format("%5.1f|%-4s|%q", try(tonumber("x-y_z"), var.n), lookup(try(zipmap(tolist(var.ss), (true ? [] : [])), {  }), "k1", join(" / ", tolist(toset(var.ls)))), substr("-2.5", 0, 3))
}
output "o00269" {
  value = (strcontains("q\"uote", "true") ? var.obj.port >= 100 : alltrue([for x in [0.25] : x > 0]))
}
output "o00270" {
  value = lookup(local.m, "b", try(regex("[a-z]+", var.s), var.obj.name))
}
output "o00271" {
  value = "<${lookup(var.obj.tags, "k1", "MiXeD")}|${var.obj.name}>"
}
output "o00272" {
  value = try(slice(distinct([-2.5, 5]), 1, 1), [-3])
}
output "o00273" {
  value = values({ x = var.obj.name, zz = var.s })
}
output "o00274" {
  value = anytrue([for x in [for i, x in [100, 5] : x if i % 2 == 0] : x > 0])
}
output "o00275" {
  value = flatten([local.ln, [-(sum(concat([var.n / -5], values({ b = 0.5, k1 = 0.5 }))))]])
}
output "o00276" {
  value = [for i, x in [for k, v in toset(distinct((var.b ? [] : local.ln))) : k] : x if i % 2 == 0]
}
output "o00277" {
  value = format("%s=%d", replace(trimprefix("日本語", "He"), "/(\\w)(\\w)/", "$2$1"), floor(element(concat(range(5, 0, -2), [1.5 % 7]), 0)))
}
output "o00278" {
  value = setunion(flatten([local.ls2, ["日本語"]]), try(regexall("[a-z]", "  padded  "), ["ünïcödé", "line\nbreak"]))
}
output "o00279" {
  value = format("%5.1f|%-4s|%q", -2.5, join("-", local.ls2), (true ? "日本語" : var.obj.name))
}
output "o00280" {
  value = -(signum(floor(2)))
}
output "o00281" {
  value = try(regex("([a-z]+)", jsonencode(var.s))[0], "none")
}
output "o00282" {
  value = { for k, v in { k1 = var.obj.name, x = "" } : upper(k) => v }
}
output "o00283" {
  value = try(regexall("[a-z]", "a.b.c"), var.ls)
}
output "o00284" {
  value = trim((can(index([], var.obj.name)) ? "<${var.obj.port}|${"line\nbreak"}>" : "<${"q\"uote"}|${"true"}>"), "-_")
}
output "o00285" {
  value = (-1 >= element(concat(reverse([100, -1, 10, 5]), [(true ? 100 : 42)]), 3) ? try(slice(tolist(toset([for s in var.ls : length(s)])), 0, 3), [42, -1, 3, -3]) : concat(range(5, 0, -2), reverse([for x in [] : x + 3])))
}
output "o00286" {
  value = substr(format("%5.1f|%-4s|%q", lookup(zipmap(keys({  }), values({  })), "zz", var.n % 2), try(regex("([a-z]+)", base64decode(base64encode(var.s)))[0], "none"), (true ? 5 + 0.5 : (var.b ? "日本語" : var.obj.name))), -1, 3)
}
output "o00287" {
  value = (sum(concat([1.5], local.ln)) - element(concat([-1, 7], [var.obj.port]), 2))
}
output "o00288" {
  value = reverse((-1 > 100 ? [var.obj.port, var.n] : range(3)))
}
output "o00289" {
  value = var.b
}
output "o00290" {
  value = lookup(var.obj.tags, "x", "MiXeD")
}
output "o00291" {
  value = (length(try(regexall("[a-z]", trimsuffix("a,b,,c", "He")), ["ünïcödé"])) > 2 ? tolist(toset(reverse(sort(var.ls)))) : try(regexall("[a-z]", "true"), var.ls))
}
output "o00292" {
  value = try(parseint("<${true}|${"a.b.c"}>", 16), 0.5)
}
output "o00293" {
  value = 1
}
output "o00294" {
  value = reverse([for k, v in toset(["10", ""]) : k])
}
output "o00295" {
  value = join(" / ", local.ls2)
}
output "o00296" {
  value = try(local.ln[2], var.n) <= element(concat([for k, v in zipmap(keys({ a = var.obj.port, k1 = -2.5 }), values({ a = var.obj.port, k1 = -2.5 })) : v * 2], [signum(floor(var.obj.port))]), 3)
}
output "o00297" {
  value = false
}
output "o00298" {
  value = { c = 3 } != {  }
}
output "o00299" {
  value = try(coalesce(substr((true ? lookup(var.mn, "a", 5) : (false ? "q\"uote" : "ünïcödé")), -3, -1), var.s), "a.b.c")
}
