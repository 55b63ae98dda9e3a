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
variable "objs" {
  type = list(object({
    name = string
    n    = optional(number, 0)
  }))
  default = [{ name = "b", n = 2 }, { name = "a" }, { name = "b", n = 1 }]
}
locals {
  ln  = [3, 1, 2, -4]
  ls2 = ["x", "y", "x"]
  m   = { a = "A", b = "B", c = "" }
  e   = []
}
output "o00000" {
  value = "%{for i, x in (true ? ["abc", "-2.5"] : ["10", "true", "abc"])}${i}:${x};%{endfor}"
}
output "o00001" {
  value = try(tonumber("true"), var.obj.port)
}
output "o00002" {
  value = [for i, x in flatten([[for k, v in toset(tolist(var.ss)) : k], [var.obj.name]]) : x if i % 2 == 0]
}
output "o00003" {
  value = local.ln
}
output "o00004" {
  value = { for k, v in { for k, v in {  } : k => v if k != "x" } : k => v if k != "a" }
}
output "o00005" {
  value = <<-EOT
    a ${coalesce("tab\there", "fallback")}
      b
    %{ for x in [for k, v in toset(["q\"uote"]) : k] }
    ${x}
    %{ endfor }
  EOT

}
output "o00006" {
  value = lookup((var.b ? local.m : { b = var.s, k1 = "line\nbreak" }), "a", base64decode(base64encode("  padded  ")))
}
output "o00007" {
  value = distinct([for i, x in tolist(var.ss) : x if i % 2 == 0])
}
output "o00008" {
  value = { b = var.s, c = var.s, x = "abc" }
}
output "o00009" {
  value = flatten([local.ln, [var.obj.port + 100]])
}
output "o00010" {
  value = -(-1) + 1.5
}
output "o00011" {
  value = trim(var.obj.name, " ")
}
output "o00012" {
  value = [["line\nbreak", "a,b,,c", "a.b.c"], [for i, x in values({  }) : x if i % 2 == 0]]
}
output "o00013" {
  value = local.ls2
}
output "o00014" {
  value = contains(flatten([[{ name = "true", n = -2.5 }], [{ name = "ff", n = var.obj.port }]])[*].name, tostring(false))
}
output "o00015" {
  value = var.obj.port
}
output "o00016" {
  value = var.ls
}
output "o00017" {
  value = sort(local.ls2)
}
output "o00018" {
  value = { for x in distinct([42]) : "k${x}" => var.obj.port }
}
output "o00019" {
  value = setunion((!true ? [for k, v in toset(reverse(local.ls2)) : k] : [for x in try(regexall("[a-z]", "10"), ["ünïcödé", "ünïcödé"]) : x]), [for i, x in [{ name = var.obj.name, n = 100 }, { name = var.obj.name, n = 0.5 }, { name = var.s, n = 0.25 }].*.name : x if i % 2 == 0])
}
output "o00020" {
  value = { for o in [{ name = "a.b.c", n = 3 }, { name = "MiXeD", n = 1.5 }, { name = "tab\there", n = var.obj.port }] : o.name => o.n... }
}
output "o00021" {
  value = <<EOT
  x ${~ var.obj.name ~}  
  y
EOT

}
output "o00022" {
  value = reverse(tolist(toset(local.ls2)))
}
output "o00023" {
  value = [for s in local.ls2 : length(s)]
}
output "o00024" {
  value = substr(trimsuffix("MiXeD", ""), -3, 0)
}
output "o00025" {
  value = (true ? [7, 0, 0] : [for o in [for o in reverse([]) : merge(o, { n = o.n * 2 })] : o.name])
}
output "o00026" {
  value = [(var.b ? var.n : var.n * 2), length(tolist(toset([{ name = var.obj.name, n = -3 }, { name = "a", n = 0.5 }, { name = "tab\there", n = 10 }])))]
}
output "o00027" {
  value = try(zipmap([].*.name, values({ for k, v in tomap({ k1 = "ünïcödé", x = var.obj.name }) : upper(k) => v })), {  })
}
output "o00028" {
  value = merge({ for k, v in { for o in reverse(var.objs) : o.name => o.n... } : k => length(v) }, { a = var.obj.port, x = 1 })
}
output "o00029" {
  value = range(0, 2, 0.5)
}
output "o00030" {
  value = replace("true", " ", "$2$1")
}
output "o00031" {
  value = { a = 42 % 7, b = jsonencode(var.objs), c = [for k, v in toset(["MiXeD"]) : k], d = length(["q\"uote", "x-y_z", "日本語"]) > 1 }
}
output "o00032" {
  value = [for o in [for o in [for o in [{ name = "", n = -2.5 }, { name = "q\"uote", n = 2 }] : o if o.n > -2.5] : o if o.n > -2.5] : o if o.n > lookup(tomap({ b = var.n, k1 = 0.5, x = 0.5 }), "x", var.obj.port * 2)]
}
output "o00033" {
  value = [for o in [for o in tolist(toset([])) : o if o.n > var.obj.port] : merge(o, { n = o.n * 2 })]
}
output "o00034" {
  value = length(values(merge({ b = "Hello World" }, local.m))) > 1
}
output "o00035" {
  value = { a = length([for x in [2, 5, 0.25, -3] : x if x > 0.25]), b = trimspace("x-y_z"), c = (false ? ["line\nbreak", "-2.5", "q\"uote"] : ["MiXeD", "a"]), d = (true) }
}
output "o00036" {
  value = var.b
}
output "o00037" {
  value = trim(var.s, "-_")
}
output "o00038" {
  value = try({ for k, v in zipmap(keys({ a = var.obj.name, c = "abc", k1 = "a,b,,c" }), values({ a = var.obj.name, c = "abc", k1 = "a,b,,c" })) : k => v if k != "a" }["zz"], "x-y_z")
}
output "o00039" {
  value = flatten([tolist(toset([for o in [{ name = var.obj.name, n = -2.5 }, { name = "abc", n = 1 }] : merge(o, { n = o.n * 2 })])), [{ name = var.obj.name, n = var.obj.port }]])
}
output "o00040" {
  value = flatten([[3, 3], [2]])
}
output "o00041" {
  value = setproduct([for k, v in toset(["MiXeD", "MiXeD"]) : k], [])
}
output "o00042" {
  value = var.obj.name
}
output "o00043" {
  value = setunion(["", "true", "ünïcödé"], [])
}
output "o00044" {
  value = true
}
output "o00045" {
  value = replace((-2.5 > var.obj.port ? join("|", formatlist("%s!", try(regexall("[a-z]", var.s), []))) : substr("", 0, 0)), "/(\\w)(\\w)/", "")
}
output "o00046" {
  value = jsondecode(jsonencode({ x = "日本語", y = [length(format("%5.1f|%-4s|%q", 3, var.obj.name, replace(var.s, "a", "X")))] }))
}
output "o00047" {
  value = setproduct(compact([]), try(slice([], 1, 0), [7, 100, 0]))
}
output "o00048" {
  value = tomap({ a = -1, b = 10, k1 = var.n })
}
output "o00049" {
  value = [for i, x in [for k, v in toset((can(tobool("true")) ? [for o in [{ name = "line\nbreak", n = -2.5 }, { name = "true", n = var.n }] : o.name] : values(local.m))) : k] : x if i % 2 == 0]
}
output "o00050" {
  value = flatten([local.ls2, ["日本語"]])
}
output "o00051" {
  value = join("|", formatlist("%s!", tolist(var.ss)))
}
output "o00052" {
  value = signum(floor(var.n))
}
output "o00053" {
  value = jsonencode("ünïcödé")
}
output "o00054" {
  value = try(tonumber("ünïcödé"), 0) > -2.5 / 3
}
output "o00055" {
  value = [for k, v in toset(local.ln) : k]
}
output "o00056" {
  value = trimspace(jsonencode({ c = var.obj.port, x = 7, zz = var.obj.port }))
}
output "o00057" {
  value = contains(["<${var.b}|${"a"}>", (true ? "true" : "true")], join("|", formatlist("%s!", [for o in [{ name = var.obj.name, n = var.n }, { name = var.obj.name, n = var.obj.port }, { name = var.s, n = var.obj.port }] : o.name])))
}
output "o00058" {
  value = { for x in distinct(values({ b = -3, zz = 100 })) : "k${x}" => -3 + -2.5 }
}
output "o00059" {
  value = 7 == -1
}
output "o00060" {
  value = lookup(zipmap(keys({ for k, v in { c = var.n, k1 = 10 } : k => v if k != "b" }), values({ for k, v in { c = var.n, k1 = 10 } : k => v if k != "b" })), "k1", try(index((true ? var.ls : local.ls2), "%{for k, v in {  }}${k}=${v} %{endfor}"), 100))
}
output "o00061" {
  value = jsonencode([{ name = var.s, n = var.obj.port }, { name = "line\nbreak", n = 0 }, { name = "-2.5", n = 2 }])
}
output "o00062" {
  value = { for o in [for i, x in [""] : { name = x, n = i }] : o.name => o.n... }
}
output "o00063" {
  value = var.objs
}
output "o00064" {
  value = (true ? var.objs : [{ name = var.obj.name, n = -3 }])
}
output "o00065" {
  value = try(var.objs[0].n, 0.5)
}
output "o00066" {
  value = concat((-1 <= 0.25 ? ["10", "10"] : concat(["tab\there", "q\"uote"], [])), values({ a = var.s, zz = "Hello World" }))
}
output "o00067" {
  value = "tab\there"
}
output "o00068" {
  value = (false ? "MiXeD" : var.obj.name)
}
output "o00069" {
  value = contains(["abc", "-2.5", "tab\there"], "x-y_z")
}
output "o00070" {
  value = ["10"]
}
output "o00071" {
  value = tomap({ a = 2 - 10, b = "%{for i, x in concat(reverse([for x in var.ls : x]), values({ for k, v in { a = "  padded  ", zz = var.s } : k => v if k != "x" }))}${i}:${x};%{endfor}" })
}
output "o00072" {
  value = [{ name = "Hello World", n = -1 }]
}
output "o00073" {
  value = values(try(zipmap([{ name = "MiXeD", n = var.n }].*.name, ["x-y_z", "ff"]), {  }))
}
output "o00074" {
  value = { for k, v in { c = -3, k1 = 7, zz = var.obj.port } : k => [v, v * 2] }
}
output "o00075" {
  value = var.b
}
output "o00076" {
  value = concat(tolist(toset(tolist(toset(try(slice([0, -2.5], 0, 0), [0.25, 0]))))), [])
}
output "o00077" {
  value = flatten([["ff", "true", "true"], [trim(try(regex("[a-z]+", var.s), "ff"), " ")]])
}
output "o00078" {
  value = flatten([[""], [var.s]])
}
output "o00079" {
  value = [for i, x in reverse(flatten([["a"], ["line\nbreak"]])) : { name = x, n = i }]
}
output "o00080" {
  value = [for o in [for i, x in sort([]) : { name = x, n = i }] : o]
}
output "o00081" {
  value = zipmap(keys({  }), values({  }))
}
output "o00082" {
  value = var.obj.name
}
output "o00083" {
  value = ["a.b.c", "a.b.c"]
}
output "o00084" {
  value = try(coalesce(format("%s=%d", "%{for i, x in ["q\"uote", ""]}${i}:${x};%{endfor}", floor(lookup({ b = 3, c = 10, zz = var.n }, "zz", (false ? -2.5 : 10)))), format("%s=%d", trimspace("<${false}|${"x-y_z"}>"), floor(sum(concat([0], [{ name = "MiXeD", n = 0.5 }, { name = var.s, n = -1 }, { name = var.obj.name, n = 1.5 }][*].n))))), "10")
}
output "o00085" {
  value = 2 / 3
}
output "o00086" {
  value = contains(concat(var.objs, [{ name = "Hello World", n = 1 }])[*].name, "%{for k, v in var.mn}${k}=${v} %{endfor}")
}
output "o00087" {
  value = indent(2, var.obj.name)
}
output "o00088" {
  value = zipmap(keys({ for k, v in { for o in [{ name = var.s, n = -3 }] : o.name => o.n... } : k => length(v) }), values({ for k, v in { for o in [{ name = var.s, n = -3 }] : o.name => o.n... } : k => length(v) }))
}
output "o00089" {
  value = ((!var.b ? var.obj.port : length(var.mn))) % 2
}
output "o00090" {
  value = "ff"
}
output "o00091" {
  value = "${max(length("a"))}${join("", [for s in flatten([[], ["x-y_z"]]) : upper(s)])}"
}
output "o00092" {
  value = jsonencode((false ? [] : [{ name = var.s, n = -1 }, { name = "", n = -1 }, { name = "MiXeD", n = var.n }]))
}
output "o00093" {
  value = ((var.b ? { b = 0.25, x = 2 } != try({ for k, v in {  } : k => tonumber(v) }, {  }) : contains((var.b ? [{ name = "ünïcödé", n = 100 }, { name = "tab\there", n = var.obj.port }, { name = "ff", n = 0 }] : [])[*].name, replace("-2.5", "/(\\w)(\\w)/", "_"))) ? try(tolist(var.ss)[0], "ff") : "a.b.c")
}
output "o00094" {
  value = merge({ a = signum(floor(try([{ name = "true", n = var.n }, { name = "true", n = var.obj.port }, { name = "a,b,,c", n = var.obj.port }][0].n, var.n))) }, { b = join("|", formatlist("%s!", ["tab\there", "tab\there"])), a = true })
}
output "o00095" {
  value = 42 >= sum(concat([-1], []))
}
output "o00096" {
  value = parseint("10", 8)
}
output "o00097" {
  value = var.obj.port
}
output "o00098" {
  value = [for o in flatten([[for i, x in values(var.obj.tags) : { name = x, n = i }], [{ name = "q\"uote", n = 1.5 }]]) : o.name]
}
output "o00099" {
  value = <<EOT
%{ for x in tolist(toset(concat(reverse(local.ls2), concat(try(regexall("[a-z]", "x-y_z"), tolist(var.ss)), var.objs.*.name)))) ~}
- ${x}
%{ endfor ~}
end ${jsonencode([for o in concat((false ? var.objs : []), var.objs) : merge(o, { n = o.n * 2 })])}
EOT

}
output "o00100" {
  value = values({ c = var.obj.port, zz = var.n })
}
output "o00101" {
  value = [-1, 42, -3, -1]
}
output "o00102" {
  value = <<EOT
%{ for x in reverse(concat([for k, v in toset(reverse(["MiXeD", "-2.5"])) : k], values(try(zipmap(tolist(var.ss), tolist(var.ss)), { a = "MiXeD", x = "tab\there" })))) ~}
- ${x}
%{ endfor ~}
end ${try(regex("[a-z]+", replace("abc", "/[aeiou]/", "")), var.obj.name)}
EOT

}
output "o00103" {
  value = tolist(toset([]))
}
output "o00104" {
  value = tostring(var.b)
}
output "o00105" {
  value = { k1 = 1.5, zz = 3 }
}
output "o00106" {
  value = (true ? (false ? local.ln : local.ln) : try(regexall("[a-z]", "10"), ["MiXeD", "Hello World"]))
}
output "o00107" {
  value = "a ${~ tostring(true) ~} b %{~ if var.mn != { b = 100, x = -1 } ~} c %{~ endif ~} "
}
output "o00108" {
  value = lookup({ a = var.s, c = "true" }, "c", "")
}
output "o00109" {
  value = (var.b ? true : var.b)
}
output "o00110" {
  value = (var.b ? distinct(["", "Hello World", "日本語"]) : concat([], tolist(var.ss)))
}
output "o00111" {
  value = !true
}
output "o00112" {
  value = [join("|", formatlist("%s!", [for k, v in toset(var.ls) : k])), var.s]
}
output "o00113" {
  value = [length([for k, v in toset(tolist(toset(local.ls2))) : k]), 10]
}
output "o00114" {
  value = lookup(merge({ k1 = "MiXeD" }, {  }), "c", trim("abc", "xyz "))
}
output "o00115" {
  value = merge({ for k, v in var.obj.tags : k => v if k != "c" }, { for x in distinct(["-2.5", "10"]) : "k${x}" => "" })
}
output "o00116" {
  value = try(slice([], 1, 1), var.objs)
}
output "o00117" {
  value = length([for x in reverse(distinct(tolist(toset(local.ln)))) : x if x > 2])
}
output "o00118" {
  value = "<${var.obj.port}|${"日本語"}>"
}
output "o00119" {
  value = parseint("ff", 16)
}
output "o00120" {
  value = jsonencode([1])
}
output "o00121" {
  value = [for i, x in (var.b ? [{ name = "10", n = 3 }, { name = "-2.5", n = 1 }].*.name : ["10", "  padded  ", "abc"]) : { name = x, n = i }]
}
output "o00122" {
  value = concat([for i, x in tolist(var.ss) : { name = x, n = i }], flatten([[{ name = "abc", n = 3 }, { name = "10", n = var.n }, { name = "-2.5", n = var.n }], [{ name = "a", n = 0 }]]))[*].n
}
output "o00123" {
  value = try(var.objs[0].n, 1)
}
output "o00124" {
  value = flatten([[for o in [for o in (true ? [] : var.objs) : o if o.n > var.n / 0.5] : o.name], ["%{if !var.b}yes%{else}no%{endif}"]])
}
output "o00125" {
  value = distinct(((true ? var.b : false) ? [{ name = "ünïcödé", n = var.n }, { name = "日本語", n = 0 }] : [for o in var.objs : o if o.n > 5])).*.name
}
output "o00126" {
  value = true
}
output "o00127" {
  value = [for k, v in toset(tolist(var.ss)) : k]
}
output "o00128" {
  value = (true ? 0 : var.n)
}
output "o00129" {
  value = ["true", "ff"]
}
output "o00130" {
  value = try(slice([for x in reverse([]) : x + -(3)], 0, 0), [7, 10, 7, 42])
}
output "o00131" {
  value = true
}
output "o00132" {
  value = !true
}
output "o00133" {
  value = 0
}
output "o00134" {
  value = { for k, v in (var.b ? { b = "-2.5", x = "10" } : local.m) : k => v if k != "c" }
}
output "o00135" {
  value = <<EOT
%{ for x in concat([for x in tolist(var.ss) : "${x}-${"-2.5"}"], [for o in [for o in var.objs : merge(o, { n = o.n * 2 })] : o.name]) ~}
- ${x}
%{ endfor ~}
end ${"<${try(tonumber(var.obj.name), -3) < length(keys(local.m))}|${coalesce(var.obj.name, "fallback")}>"}
EOT

}
output "o00136" {
  value = var.obj.name
}
output "o00137" {
  value = 0
}
output "o00138" {
  value = local.ln
}
output "o00139" {
  value = zipmap(keys({ b = 10, k1 = var.obj.port }), values({ b = 10, k1 = var.obj.port }))
}
output "o00140" {
  value = try(regex("([a-z]+)", "日本語")[0], "none")
}
output "o00141" {
  value = []
}
output "o00142" {
  value = { b = var.obj.name }
}
output "o00143" {
  value = <<-EOT
    a ${try(regex("([a-z]+)", join(" / ", ["ünïcödé", "abc"]))[0], "none")}
      b
    %{ for x in [for k, v in toset([for k, v in toset(local.ls2) : k]) : k] }
    ${x}
    %{ endfor }
  EOT

}
output "o00144" {
  value = jsondecode(jsonencode({ x = "%{if !var.b}yes%{else}no%{endif}", y = [element(concat(concat(flatten([[0.5, 1.5], [var.obj.port]]), []), [lookup(merge({ k1 = 42, zz = -2.5 }, { k1 = 3 }), "b", pow(3, 2))]), 4)] }))
}
output "o00145" {
  value = length(split(" ", format("%s=%d", "a.b.c", floor(5)))) > 3
}
output "o00146" {
  value = [for k, v in toset([]) : k]
}
output "o00147" {
  value = reverse([for i, x in local.ls2 : { name = x, n = i }])
}
output "o00148" {
  value = substr(lookup(local.m, "c", var.s), 0, 3)
}
output "o00149" {
  value = try([][1], "")
}
output "o00150" {
  value = {  }
}
output "o00151" {
  value = { for o in try(slice(reverse(tolist(toset([for o in [] : merge(o, { n = o.n * 2 })]))), 0, 0), [{ name = "true", n = 7 }]) : o.name => o.n... }
}
output "o00152" {
  value = [for i, x in [1, 42, -3] : x if i % 2 == 0]
}
output "o00153" {
  value = try([{ name = "ünïcödé", n = -2.5 }][0].n, 0.5)
}
output "o00154" {
  value = [] == (var.b ? ["日本語", "tab\there", "q\"uote"] : local.ls2)
}
output "o00155" {
  value = var.obj.port * var.n
}
output "o00156" {
  value = { for k, v in { a = "ff", b = "a", x = "MiXeD" } : k => v if k != "c" }
}
output "o00157" {
  value = [for o in [{ name = var.obj.name, n = var.n }, { name = "  padded  ", n = var.n }, { name = var.s, n = var.n }] : o if o.n > length(keys((false ? local.m : { x = "true", zz = var.obj.name })))]
}
output "o00158" {
  value = tolist(toset(var.objs))
}
output "o00159" {
  value = "<${title(try(regex("([a-z]+)", "")[0], "none"))}|${base64encode(trimspace(var.obj.name))}>"
}
output "o00160" {
  value = jsondecode(jsonencode({ x = "${element(concat(tolist(toset(flatten([local.ln, [10]]))), [try(var.objs[0].n, 5) * sum(concat([-3], local.ln))]), 2)}${jsonencode([for o in concat([{ name = "a.b.c", n = var.obj.port }, { name = var.obj.name, n = 42 }, { name = "a,b,,c", n = 5 }], []) : merge(o, { n = o.n * 2 })])}", y = [-(lookup({ for k, v in { a = -1, b = 1 } : upper(k) => v }, "c", var.obj.port))] }))
}
output "o00161" {
  value = [for k, v in toset(values(var.mn)) : k]
}
output "o00162" {
  value = (true ? [] : compact(["MiXeD", "a"]))
}
output "o00163" {
  value = var.obj
}
output "o00164" {
  value = concat([for i, x in [] : { name = x, n = i }], (can(tonumber("%{for i, x in []}${i}:${x};%{endfor}")) ? [{ name = var.obj.name, n = 0 }, { name = "Hello World", n = -3 }] : var.objs))
}
output "o00165" {
  value = -3 % 2
}
output "o00166" {
  value = { a = try(tonumber("-2.5"), 0.5), b = var.s, c = reverse(distinct(distinct(values(var.obj.tags)))), d = var.b }
}
output "o00167" {
  value = ((contains([for i, x in var.ls : x if i % 2 == 0], try(regex("([a-z]+)", "q\"uote")[0], "none")) ? startswith(trimspace(var.obj.name), "%{for k, v in { k1 = var.n }}${k}=${v} %{endfor}") : var.b) ? 0 != 7 + length(keys(var.obj.tags)) : var.b)
}
output "o00168" {
  value = keys({ c = 5, zz = var.obj.port })
}
output "o00169" {
  value = [for o in [for o in [for o in flatten([var.objs, [{ name = "true", n = var.n }]]) : merge(o, { n = o.n * 2 })] : merge(o, { n = o.n * 2 })] : o.name]
}
output "o00170" {
  value = base64decode(base64encode(trimsuffix("line\nbreak", "d")))
}
output "o00171" {
  value = ["%{for k, v in { for k, v in var.mn : k => v if k != "b" }}${k}=${v} %{endfor}", var.s]
}
output "o00172" {
  value = (false ? var.obj.tags : { c = var.s, zz = "ff" })
}
output "o00173" {
  value = parseint("10", 8)
}
output "o00174" {
  value = "a,b,,c"
}
output "o00175" {
  value = tolist(toset(tolist(toset([for s in ["日本語", "a"] : length(s)]))))
}
output "o00176" {
  value = try(slice(local.ln, 1, 3), local.ln)
}
output "o00177" {
  value = try(element(["  padded  ", "line\nbreak", "x-y_z"], 1), "ünïcödé")
}
output "o00178" {
  value = -2.5
}
output "o00179" {
  value = "日本語"
}
output "o00180" {
  value = format("%5.1f|%-4s|%q", 0, var.obj.name, "tab\there")
}
output "o00181" {
  value = reverse([{ name = var.s, n = 0.25 }, { name = "  padded  ", n = 0.5 }, { name = "Hello World", n = 0 }])
}
output "o00182" {
  value = length(tolist(var.ss))
}
output "o00183" {
  value = try(coalesce(trimsuffix(var.s, "a"), join("|", formatlist("%s!", ["日本語"]))), var.s)
}
output "o00184" {
  value = <<EOT
  x ${~ base64decode(base64encode(var.s)) ~}  
  y
EOT

}
output "o00185" {
  value = "a.b.c"
}
output "o00186" {
  value = { for k, v in { for o in [] : o.name => o.n... } : k => length(v) }
}
output "o00187" {
  value = tolist(toset(distinct(concat([for o in [{ name = "true", n = 10 }, { name = var.s, n = var.n }] : o if o.n > 7], [for i, x in [] : { name = x, n = i }]))))
}
output "o00188" {
  value = ((endswith((true ? var.obj.port : "tab\there"), var.s) ? var.b : !true) ? "ünïcödé" : "a.b.c")
}
output "o00189" {
  value = merge(var.mn, var.mn)
}
output "o00190" {
  value = <<EOT
  x ${~ "<${signum(floor(length(keys({  }))))}|${var.s}>" ~}  
  y
EOT

}
output "o00191" {
  value = [for o in [] : o]
}
output "o00192" {
  value = var.n
}
output "o00193" {
  value = false
}
output "o00194" {
  value = <<EOT
%{ for x in reverse(tolist(toset(var.objs))).*.name ~}
- ${x}
%{ endfor ~}
end ${format("%s=%d", ((false) ? "tab\there" : "a,b,,c"), floor(1.5))}
EOT

}
output "o00195" {
  value = tolist(toset((true ? tolist(var.ss) : [for x in [for x in var.ls : upper(x)] : "${x}-${try(regex("([a-z]+)", "-2.5")[0], "none")}"])))
}
output "o00196" {
  value = true
}
output "o00197" {
  value = zipmap(keys({ a = var.obj.name, x = "q\"uote", zz = "a" }), values({ a = var.obj.name, x = "q\"uote", zz = "a" }))
}
output "o00198" {
  value = merge({ a = ((true ? 2 > 2 : true) ? sum(concat([length([for x in [] : x if x > var.obj.port])], [0.5])) : length([for x in distinct([0, 2]) : x if x > parseint("10", 8)])) }, { b = var.s, a = contains(local.ls2, indent(2, "x-y_z")) })
}
output "o00199" {
  value = true
}
output "o00200" {
  value = "tab\there"
}
output "o00201" {
  value = "日本語"
}
output "o00202" {
  value = [for o in [{ name = "a", n = var.n }, { name = "tab\there", n = var.n }, { name = "x-y_z", n = 10 }] : o.name]
}
output "o00203" {
  value = pow(10, -1)
}
output "o00204" {
  value = flatten([local.ls2, ["true"]])
}
output "o00205" {
  value = can(one((var.b ? [var.obj.port, var.obj.port] : try(slice([7], 0, 3), [0.25, 1.5, -2.5]))))
}
output "o00206" {
  value = setproduct(compact(distinct(concat(["abc", "a"], ["q\"uote", "  padded  "]))), [3, 5, 0, -3])
}
output "o00207" {
  value = coalesce("%{for i, x in [for x in local.ls2 : x]}${i}:${x};%{endfor}", "fallback")
}
output "o00208" {
  value = "<${length([for x in [for k, v in { a = 2 } : v * 2] : x if x > var.n])}|${"a.b.c"}>"
}
output "o00209" {
  value = (true)
}
output "o00210" {
  value = merge({ b = var.obj.port, x = 100 }, { b = 3, x = 10 })
}
output "o00211" {
  value = true
}
output "o00212" {
  value = [{ name = "  padded  ", n = var.n }]
}
output "o00213" {
  value = range(3)
}
output "o00214" {
  value = 0.25
}
output "o00215" {
  value = var.ls
}
output "o00216" {
  value = substr(join("", values({ a = "10", b = "", c = "a.b.c" })), -1, 10)
}
output "o00217" {
  value = "Hello World"
}
output "o00218" {
  value = contains([for x in [format("%5.1f|%-4s|%q", var.n, "line\nbreak", var.s), "Hello World"] : x], join("", [for s in (try(tobool("日本語"), false) ? [for x in tolist(var.ss) : x] : ["line\nbreak", "tab\there"]) : upper(s)]))
}
output "o00219" {
  value = pow(10, 2)
}
output "o00220" {
  value = { k1 = var.n }
}
output "o00221" {
  value = [for x in reverse(distinct(local.ls2)) : upper(x)]
}
output "o00222" {
  value = (true ? tolist(toset(local.ln)) : var.ls)
}
output "o00223" {
  value = length(keys({ for k, v in try(zipmap(["a.b.c", "MiXeD", "tab\there"], []), local.m) : upper(k) => v }))
}
output "o00224" {
  value = [for i, x in [0.25] : x if i % 2 == 0]
}
output "o00225" {
  value = [for x in range(1, 4) : x * try(one([for i, x in reverse(local.ln) : x if i % 2 == 0]), 0.5)]
}
output "o00226" {
  value = try(concat(reverse(reverse([])), var.objs)[0].n, var.obj.port)
}
output "o00227" {
  value = zipmap(keys(zipmap(keys(tomap({ k1 = 1, x = 100 })), values(tomap({ k1 = 1, x = 100 })))), values(zipmap(keys(tomap({ k1 = 1, x = 100 })), values(tomap({ k1 = 1, x = 100 })))))
}
output "o00228" {
  value = substr(base64decode(base64encode("<${var.b}|${"10"}>")), 0, 0)
}
output "o00229" {
  value = flatten([[for k, v in toset(["line\nbreak"]) : k], [join("", [for s in ["q\"uote", "a", "a"] : upper(s)])]])
}
output "o00230" {
  value = { for o in tolist(toset([for o in [for o in var.objs : merge(o, { n = o.n * 2 })] : merge(o, { n = o.n * 2 })])) : o.name => o.n... }
}
output "o00231" {
  value = [for o in flatten([[{ name = "a,b,,c", n = -1 }, { name = "true", n = var.obj.port }, { name = "line\nbreak", n = 7 }], [{ name = var.s, n = -1 }]]) : o.name]
}
output "o00232" {
  value = false
}
output "o00233" {
  value = "${var.obj.port}${"<${endswith(var.s, var.obj.name)}|${indent(2, var.obj.name)}>"}"
}
output "o00234" {
  value = []
}
output "o00235" {
  value = { for o in concat([for o in reverse([{ name = var.s, n = 10 }, { name = "-2.5", n = 1 }]) : o if o.n > -1], try(slice(tolist(toset([])), 1, 0), [{ name = "a", n = var.obj.port }])) : o.name => o.n... }
}
output "o00236" {
  value = concat([], distinct([trimspace(var.s), try(coalesce("a", "10"), "ff")]))
}
output "o00237" {
  value = { for o in try(slice(tolist(toset(try(slice(var.objs, 0, 2), [{ name = "x-y_z", n = var.n }, { name = "ff", n = 0 }]))), 1, 0), var.objs) : o.name => o.n... }
}
output "o00238" {
  value = try(local.ln[1], 0)
}
output "o00239" {
  value = { for k, v in zipmap(keys({ a = 1, x = 2, zz = 10 }), values({ a = 1, x = 2, zz = 10 })) : k => [v, v * 2] }
}
output "o00240" {
  value = !true
}
output "o00241" {
  value = -3
}
output "o00242" {
  value = try(index([for o in tolist(toset(var.objs)) : o.name], "ff"), 42)
}
output "o00243" {
  value = 5
}
output "o00244" {
  value = { for k, v in {  } : upper(k) => v }
}
output "o00245" {
  value = merge({ a = (try([][3], var.obj.port) / -5 >= (contains([], var.s) ? var.obj.port * 3 : length([{ name = "q\"uote", n = 5 }, { name = "a,b,,c", n = 1.5 }, { name = "a.b.c", n = var.obj.port }])) ? parseint("777", 8) : sum(concat([0], [{ name = "  padded  ", n = 1.5 }, { name = "MiXeD", n = 0.25 }][*].n)) / 3) }, { b = "true", a = ((-1 > 100 ? length(keys(var.obj.tags)) : var.obj.port) <= pow(2, -1)) })
}
output "o00246" {
  value = [values({ for k, v in { x = "" } : upper(k) => v }), try(slice(tolist(toset(var.objs)), 1, 2), [{ name = "ünïcödé", n = var.n }])[*].n]
}
output "o00247" {
  value = <<EOT
  x ${~ try({ for x in distinct(var.ls) : "k${x}" => "  padded  " }["b"], "a,b,,c") ~}  
  y
EOT

}
output "o00248" {
  value = "a.b.c"
}
output "o00249" {
  value = local.ls2
}
output "o00250" {
  value = [for x in [3] : x + (var.s == coalesce("Hello World", "fallback") ? lookup(try({ for k, v in { a = "MiXeD", c = "-2.5", k1 = "ff" } : k => tonumber(v) }, { c = 3, x = var.obj.port }), "b", -(-3)) : element(concat([], [-(0.5)]), 2))]
}
output "o00251" {
  value = var.b
}
output "o00252" {
  value = signum(floor(try(index(concat([], []), "<${"ff"}|${"ünïcödé"}>"), 10)))
}
output "o00253" {
  value = merge(zipmap(keys({ a = var.s }), values({ a = var.s })), (true ? { b = "tab\there" } : local.m))
}
output "o00254" {
  value = merge({  }, tomap({ b = var.obj.name }))
}
output "o00255" {
  value = (false ? { b = 1.5, c = var.n, k1 = var.obj.port } : { b = 7 })
}
output "o00256" {
  value = 0.5 < (parseint("zz", 36) - var.n * 1)
}
output "o00257" {
  value = { for o in tolist(toset(try(slice(distinct([for o in [] : merge(o, { n = o.n * 2 })]), 1, 2), []))) : o.name => o.n... }
}
output "o00258" {
  value = lookup((length([for x in local.ln : x if x > 3]) > sum(concat([0], [{ name = "ünïcödé", n = 7 }, { name = var.obj.name, n = 3 }][*].n)) ? { for k, v in { for k, v in { c = 5, k1 = var.obj.port } : k => v if k != "k1" } : upper(k) => v } : var.mn), "k1", sum(concat([0], flatten([[], [{ name = "10", n = var.obj.port }]])[*].n)) + -2.5)
}
output "o00259" {
  value = var.obj.port
}
output "o00260" {
  value = "%{for i, x in ["Hello World", "a,b,,c"]}${i}:${x};%{endfor}"
}
output "o00261" {
  value = []
}
output "o00262" {
  value = [for s in var.ls : length(s)]
}
output "o00263" {
  value = values({ for x in distinct([]) : "k${x}" => var.n })
}
output "o00264" {
  value = { a = sum(concat([0], try(slice(var.objs, 1, 2), [{ name = "-2.5", n = 5 }])[*].n)), b = trimsuffix((true ? "MiXeD" : "a"), "d"), c = local.ls2, d = endswith(var.s, "%{for k, v in var.mn}${k}=${v} %{endfor}") }
}
output "o00265" {
  value = jsondecode(jsonencode({ x = join(",", sort(values({ x = "ff" }))), y = [-(max(var.n, 2, var.n))] }))
}
output "o00266" {
  value = { for k, v in var.mn : upper(k) => v }
}
output "o00267" {
  value = format("%s=%d", format("%s=%d", trimspace(var.obj.name), floor(2 % 2)), floor(length(keys(var.obj.tags))))
}
output "o00268" {
  value = endswith("", var.obj.name)
}
output "o00269" {
  value = urlencode("-2.5")
}
output "o00270" {
  value = contains(try(regexall("[a-z]", upper("line\nbreak")), ["tab\there", "a,b,,c"]), jsonencode(distinct([])))
}
output "o00271" {
  value = { b = "x-y_z", x = "  padded  " }
}
output "o00272" {
  value = ((var.b ? -1 : 10) <= length(keys({ b = "MiXeD" })))
}
output "o00273" {
  value = [for s in tolist(var.ss) : length(s)]
}
output "o00274" {
  value = tolist(toset(tolist(toset(["x-y_z", "line\nbreak"]))))
}
output "o00275" {
  value = compact(["MiXeD", "line\nbreak", "a"])
}
output "o00276" {
  value = upper("%{for i, x in [for o in [] : o.name]}${i}:${x};%{endfor}")
}
output "o00277" {
  value = false && !var.b || false
}
output "o00278" {
  value = values((length(["ff", "q\"uote"]) > 3 ? { for x in distinct([0, 2, 0]) : "k${x}" => 0.5 } : zipmap(keys({ c = 7, x = var.n }), values({ c = 7, x = var.n }))))
}
output "o00279" {
  value = local.ln
}
output "o00280" {
  value = try(one(range(-2)), 3)
}
output "o00281" {
  value = { for o in reverse(var.objs) : o.name => o.n... }
}
output "o00282" {
  value = [{ name = "  padded  ", n = -1 }, { name = "10", n = -3 }].*.name
}
output "o00283" {
  value = [for k, v in tomap({ k1 = 100, x = -2.5 }) : v * 2]
}
output "o00284" {
  value = { for k, v in tomap({  }) : k => [v, v * 2] }
}
output "o00285" {
  value = element(concat(local.ln, [var.n]), 5) < (var.b ? 0.5 : 2)
}
output "o00286" {
  value = anytrue([for x in [] : x > 0]) || var.n != var.obj.port
}
output "o00287" {
  value = setproduct(var.ls, [for s in [for x in [for i, x in ["a.b.c", "tab\there"] : x if i % 2 == 0] : upper(x)] : length(s)])
}
output "o00288" {
  value = try(tomap({ x = "-2.5" })["zz"], "tab\there")
}
output "o00289" {
  value = (true ? true : false) && length([]) > 1
}
output "o00290" {
  value = format("%5.1f|%-4s|%q", 5, "  padded  ", format("%5.1f|%-4s|%q", length([{ name = "tab\there", n = -2.5 }, { name = var.s, n = var.n }, { name = "line\nbreak", n = 3 }]), "abc", trimspace("日本語")))
}
output "o00291" {
  value = format("%5.1f|%-4s|%q", var.obj.port, trimspace(join(" / ", compact(local.ls2))), replace("ff", "/(\\w)(\\w)/", "X"))
}
output "o00292" {
  value = var.objs
}
output "o00293" {
  value = { for k, v in {  } : k => [v, v * 2] }
}
output "o00294" {
  value = tomap({ a = sum(concat([0 - 2], [for k, v in toset([]) : k])), b = base64decode(base64encode((var.b ? var.obj.name : var.s))) })
}
output "o00295" {
  value = (true ? -1 + var.n : "a ${~ var.obj.name ~} b %{~ if true ~} c %{~ endif ~} ")
}
output "o00296" {
  value = (true ? ceil(max(var.n * var.obj.port, 0.5, lookup({ b = 3, zz = 3 }, "x", 42))) : var.s)
}
output "o00297" {
  value = "a,b,,c"
}
output "o00298" {
  value = { for k, v in { for o in [for o in var.objs : merge(o, { n = o.n * 2 })] : o.name => o.n... } : k => length(v) }
}
output "o00299" {
  value = []
}
