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
  value = min(var.obj.port, 1, var.n)
}
output "o00002" {
  value = can(regex("[a-z]+", format("%5.1f|%-4s|%q", var.obj.port, var.s, "abc")))
}
output "o00003" {
  value = (trimspace("abc") == "ff" ? join("", [for s in tolist(toset(["tab\there", "x-y_z"])) : upper(s)]) : try(element(reverse([for o in [{ name = "ünïcödé", n = 0 }, { name = "q\"uote", n = -3 }] : o.name]), 0), var.s))
}
output "o00004" {
  value = signum(floor(sum(concat([var.n], [0, 7, 0.5, -2.5])))) + sum(concat([0], var.objs[*].n)) + try([][2], 2)
}
output "o00005" {
  value = substr(format("%s=%d", "  padded  ", floor(2)), 1, 0)
}
output "o00006" {
  value = values({ for k, v in (["q\"uote"] == ["Hello World"] ? { c = "a.b.c", k1 = "10" } : { a = var.obj.name }) : k => v if k != "b" })
}
output "o00007" {
  value = "${try(one([1, 1]), 2)}${replace("-2.5", "l", "X")}"
}
output "o00008" {
  value = tostring("true" == "a")
}
output "o00009" {
  value = var.ls
}
output "o00010" {
  value = setsubtract(local.ls2, ["q\"uote", "a.b.c", "日本語"])
}
output "o00011" {
  value = try(zipmap(["-2.5"], local.ls2), { x = var.s })
}
output "o00012" {
  value = [for k, v in toset(try(slice(reverse([42]), 0, 2), [])) : k]
}
output "o00013" {
  value = "abc"
}
output "o00014" {
  value = join(",", sort(["true", "a,b,,c", "日本語"]))
}
output "o00015" {
  value = tomap({ a = try(tonumber("日本語"), -3) / 8, b = trimspace(trimprefix("a", "")) })
}
output "o00016" {
  value = var.obj
}
output "o00017" {
  value = false || true
}
output "o00018" {
  value = keys(try({ for k, v in { for x in distinct(["x-y_z", "abc"]) : "k${x}" => "  padded  " } : k => tonumber(v) }, { x = 1.5 }))
}
output "o00019" {
  value = { for k, v in (false ? zipmap(keys(var.mn), values(var.mn)) : { c = 0, k1 = 3, x = var.n }) : upper(k) => v }
}
output "o00020" {
  value = <<-EOT
    a ${substr((false ? var.s : "ünïcödé"), 1, -1)}
      b
    %{ for x in keys({ for k, v in {  } : upper(k) => v }) }
    ${x}
    %{ endfor }
  EOT

}
output "o00021" {
  value = [0 * -3, length([for x in local.ln : x if x > 1])]
}
output "o00022" {
  value = try(regex("([a-z]+)", try(element([for x in (false ? ["  padded  ", "a.b.c"] : local.ls2) : x], 2), "x-y_z"))[0], "none")
}
output "o00023" {
  value = contains((-(0.25) <= element(concat([], [10]), 3) ? sort(var.ls) : tolist(toset(tolist(var.ss)))), base64decode(base64encode(join("|", formatlist("%s!", distinct(["x-y_z", "abc", "MiXeD"]))))))
}
output "o00024" {
  value = "true"
}
output "o00025" {
  value = tomap({ a = length(keys({  })), b = jsonencode(var.objs) })
}
output "o00026" {
  value = { for k, v in try({ for k, v in {  } : k => tonumber(v) }, {  }) : upper(k) => v }
}
output "o00027" {
  value = values({ b = "q\"uote", x = "Hello World" })
}
output "o00028" {
  value = "a"
}
output "o00029" {
  value = "a"
}
output "o00030" {
  value = "a"
}
output "o00031" {
  value = sum(concat([length(keys(zipmap(keys({  }), values({  }))))], reverse(try(slice([], 2, 2), local.ln))))
}
output "o00032" {
  value = length(var.ls) > 3
}
output "o00033" {
  value = var.obj
}
output "o00034" {
  value = try(one(values(try({ for k, v in { b = "-2.5", c = "MiXeD" } : k => tonumber(v) }, { x = var.obj.port, zz = 1 }))), var.n)
}
output "o00035" {
  value = { a = 3, b = trimsuffix("a ${~ try(regex("([a-z]+)", "a,b,,c")[0], "none") ~} b %{~ if var.b ~} c %{~ endif ~} ", "a"), c = local.ls2, d = parseint("zz", 36) != sum(concat([0], [for i, x in var.ls : { name = x, n = i }][*].n)) }
}
output "o00036" {
  value = var.b
}
output "o00037" {
  value = jsondecode(jsonencode({ x = join("|", formatlist("%s!", ["", "-2.5"])), y = [var.obj.port + 100] }))
}
output "o00038" {
  value = chunklist(local.ls2, 1)
}
output "o00039" {
  value = nonsensitive(sensitive(var.n))
}
output "o00040" {
  value = flatten([[{ name = "-2.5", n = -3 }], [{ name = var.obj.name, n = 3 }]])
}
output "o00041" {
  value = join("", [for s in distinct(flatten([["q\"uote", "10", "a,b,,c"], ["Hello World"]])) : upper(s)])
}
output "o00042" {
  value = setunion(["", "true", "ünïcödé"], [])
}
output "o00043" {
  value = true
}
output "o00044" {
  value = replace((-2.5 > var.obj.port ? join("|", formatlist("%s!", try(regexall("[a-z]", var.s), []))) : substr("", 0, 0)), "/(\\w)(\\w)/", "")
}
output "o00045" {
  value = jsondecode(jsonencode({ x = "日本語", y = [pow(2, 3)] }))
}
output "o00046" {
  value = { for k, v in zipmap(keys(zipmap(keys({ x = 2 }), values({ x = 2 }))), values(zipmap(keys({ x = 2 }), values({ x = 2 })))) : upper(k) => v }
}
output "o00047" {
  value = <<EOT
%{ for x in try(regexall("[a-z]", "Hello World"), []) ~}
- ${x}
%{ endfor ~}
end ${replace("ünïcödé", " ", "X")}
EOT

}
output "o00048" {
  value = range(1, 4)
}
output "o00049" {
  value = (false ? "a" : "ünïcödé")
}
output "o00050" {
  value = contains(tolist(toset(var.objs))[*].name, format("%5.1f|%-4s|%q", 7, substr(var.obj.name, -1, 0), "line\nbreak"))
}
output "o00051" {
  value = flatten([local.ls2, ["日本語"]])
}
output "o00052" {
  value = join("|", formatlist("%s!", tolist(var.ss)))
}
output "o00053" {
  value = length(var.objs)
}
output "o00054" {
  value = jsonencode("ünïcödé")
}
output "o00055" {
  value = try(tonumber("ünïcödé"), 0) > -2.5 % 3
}
output "o00056" {
  value = [for k, v in toset(local.ln) : k]
}
output "o00057" {
  value = trimspace(jsonencode({ c = var.obj.port, x = 7, zz = var.obj.port }))
}
output "o00058" {
  value = contains(["<${var.b}|${"a"}>", (true ? "true" : "true")], join("|", formatlist("%s!", [for o in [{ name = var.obj.name, n = var.n }, { name = var.obj.name, n = var.obj.port }, { name = var.s, n = var.obj.port }] : o.name])))
}
output "o00059" {
  value = { for x in distinct(values({ b = -3, zz = 100 })) : "k${x}" => length(keys(local.m)) }
}
output "o00060" {
  value = []
}
output "o00061" {
  value = "%{for k, v in { for x in distinct([0.25, 2, -2.5, 3]) : "k${x}" => 0 }}${k}=${v} %{endfor}"
}
output "o00062" {
  value = nonsensitive(sensitive(signum(floor((var.n)))))
}
output "o00063" {
  value = try({ for k, v in { for k, v in (false ? local.m : { b = var.s, x = "" }) : k => v if k != "x" } : k => tonumber(v) }, var.mn)
}
output "o00064" {
  value = anytrue([for x in [42, 2, 10] : x > 0]) || var.b
}
output "o00065" {
  value = try(regex("[a-z]+", jsonencode(concat([], []))), "ünïcödé")
}
output "o00066" {
  value = zipmap(keys({ a = 0.5, b = var.n, k1 = var.obj.port }), values({ a = 0.5, b = var.n, k1 = var.obj.port }))
}
output "o00067" {
  value = concat((-1 <= 0.25 ? ["10", "10"] : concat(["tab\there", "q\"uote"], [])), values({ a = var.s, zz = "Hello World" }))
}
output "o00068" {
  value = "tab\there"
}
output "o00069" {
  value = (false ? "MiXeD" : var.obj.name)
}
output "o00070" {
  value = contains(["abc", "-2.5", "tab\there"], "x-y_z")
}
output "o00071" {
  value = ["10"]
}
output "o00072" {
  value = tomap({ a = sum(concat([0], concat([for i, x in ["Hello World", "  padded  "] : { name = x, n = i }], [for i, x in [for x in var.ls : x] : { name = x, n = i }])[*].n)), b = join("|", formatlist("%s!", [for i, x in [{ name = "  padded  ", n = 7 }, { name = "Hello World", n = 1 }].*.name : x if i % 2 == 0])) })
}
output "o00073" {
  value = (true ? reverse(try(slice([42, 100, 1, 1.5], 1, 0), [])) : [for o in var.objs : o if o.n > var.n].*.name)
}
output "o00074" {
  value = flatten([tolist(toset([{ name = "a,b,,c", n = -3 }, { name = "-2.5", n = -1 }])), [{ name = "", n = var.n }]]).*.name
}
output "o00075" {
  value = [for x in concat([], tolist(toset(try(slice([0, -2.5], 0, 0), [0.25, 0])))) : x]
}
output "o00076" {
  value = jsonencode([-1, 0.5, 2, -1])
}
output "o00077" {
  value = (false ? [] : var.ls)
}
output "o00078" {
  value = reverse(var.objs[*].n)
}
output "o00079" {
  value = endswith("%{if true}yes%{else}no%{endif}", try(regex("[a-z]+", "true"), "ff"))
}
output "o00080" {
  value = var.obj.tags
}
output "o00081" {
  value = concat([for i, x in var.objs.*.name : { name = x, n = i }], reverse(reverse(var.objs)))
}
output "o00082" {
  value = !false
}
output "o00083" {
  value = try(coalesce(format("%s=%d", "%{for i, x in ["q\"uote", ""]}${i}:${x};%{endfor}", floor(length({ b = 3, c = 10 }))), "<${(var.obj.port <= 0.5)}|${"<${["a", "10", "ff"] == ["MiXeD", "a.b.c", "true"]}|${format("%s=%d", var.obj.name, floor(1.5))}>"}>"), "10")
}
output "o00084" {
  value = try([][0].n, -3)
}
output "o00085" {
  value = [for k, v in toset([for k, v in var.mn : v * 2]) : k]
}
output "o00086" {
  value = "%{for k, v in {  }}${k}=${v} %{endfor}"
}
output "o00087" {
  value = { x = 0.5 }
}
output "o00088" {
  value = nonsensitive(sensitive(var.obj.port - 100)) != 100 + var.n
}
output "o00089" {
  value = ((try(tobool("x-y_z"), true) ? max(-1, 42) : try(var.objs[0].n, var.obj.port)))
}
output "o00090" {
  value = [for s in flatten([[for x in [{ name = "10", n = 5 }, { name = "a,b,,c", n = 5 }].*.name : "${x}-${"%{if true}yes%{else}no%{endif}"}"], [(try(tobool("MiXeD"), var.b) ? trimprefix("ünïcödé", "d") : "<${"MiXeD"}|${"line\nbreak"}>")]]) : length(s)]
}
output "o00091" {
  value = 2 != try(parseint(try(element(["x-y_z"], 0), var.s), 16), -1)
}
output "o00092" {
  value = { for o in tolist(toset(try(slice(flatten([concat([{ name = "a", n = 5 }, { name = "ff", n = var.obj.port }], var.objs), [{ name = "日本語", n = -2.5 }]]), 0, 2), [{ name = "a", n = 0.25 }]))) : o.name => o.n... }
}
output "o00093" {
  value = compact([for x in try(regexall("[a-z]", "a,b,,c"), tolist(var.ss)) : upper(x)])
}
output "o00094" {
  value = (var.b ? true : true)
}
output "o00095" {
  value = reverse([for o in var.objs : merge(o, { n = o.n * 2 })])
}
output "o00096" {
  value = { x = "-2.5", zz = "q\"uote" }
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
  value = [try(parseint(trim(var.obj.name, " "), 16), -3) / 3, abs(abs(try(tonumber("10"), var.obj.port)))]
}
output "o00114" {
  value = flatten([[for o in [{ name = "Hello World", n = 10 }, { name = "  padded  ", n = -1 }] : o.name], [try(regex("([a-z]+)", var.obj.name)[0], "none")]])
}
output "o00115" {
  value = "${-1}${var.s}"
}
output "o00116" {
  value = try(slice([], 1, 1), var.objs)
}
output "o00117" {
  value = nonsensitive(sensitive(parseint("10", 8)))
}
output "o00118" {
  value = { for k, v in merge(try({ for k, v in { b = "日本語", c = "abc" } : k => tonumber(v) }, { b = 5, k1 = 0, zz = 0 }), try({ for k, v in local.m : k => tonumber(v) }, {  })) : upper(k) => v }
}
output "o00119" {
  value = try(regexall("[a-z]", "  padded  "), var.ls)
}
output "o00120" {
  value = { for x in distinct([]) : "k${x}" => 10 }
}
output "o00121" {
  value = contains([{ name = "abc", n = 10 }][*].name, "ff")
}
output "o00122" {
  value = { for x in distinct([for k, v in toset([]) : k]) : "k${x}" => min(2, var.n, 1.5) }
}
output "o00123" {
  value = lookup(zipmap(keys({ for x in distinct(local.ln) : "k${x}" => var.obj.port }), values({ for x in distinct(local.ln) : "k${x}" => var.obj.port })), "zz", 1)
}
output "o00124" {
  value = flatten([[for o in [for o in (true ? [] : var.objs) : o if o.n > pow(10, 3)] : o.name], ["%{if !var.b}yes%{else}no%{endif}"]])
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
  value = try(slice([for x in reverse([]) : x + nonsensitive(sensitive(3))], 0, 0), [7, 10, 7, 42])
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
end ${"<${try(tonumber(var.obj.name), -3) < var.n + 2}|${var.obj.name}>"}
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
  value = jsondecode(jsonencode({ x = "%{if !var.b}yes%{else}no%{endif}", y = [(contains(["true"], "tab\there") ? 7 : length({ c = -3 })) - length(distinct(var.objs))] }))
}
output "o00145" {
  value = (var.b && var.b ? (false ? [] : []) : [for x in [] : x])
}
output "o00146" {
  value = []
}
output "o00147" {
  value = "%{for k, v in try({ for k, v in { for k, v in var.obj.tags : upper(k) => v } : k => tonumber(v) }, { a = 1 })}${k}=${v} %{endfor}"
}
output "o00148" {
  value = (false ? "x-y_z" : "日本語")
}
output "o00149" {
  value = <<EOT
%{ for x in [] ~}
- ${x}
%{ endfor ~}
end ${jsonencode([{ name = "q\"uote", n = 0.5 }])}
EOT

}
output "o00150" {
  value = { for k, v in {  } : k => [v, v * 2] }
}
output "o00151" {
  value = local.ln
}
output "o00152" {
  value = { for k, v in { a = 100 } : upper(k) => v }
}
output "o00153" {
  value = tolist(toset(["line\nbreak"]))
}
output "o00154" {
  value = format("%s=%d", "<${"  padded  "}|${"ünïcödé"}>", floor(length({  })))
}
output "o00155" {
  value = local.ls2 == try(regexall("[a-z]", var.obj.name), ["q\"uote"])
}
output "o00156" {
  value = try(try(slice(var.objs, 0, 1), var.objs)[0].n, var.n)
}
output "o00157" {
  value = try(parseint("-2.5", 16), var.obj.port)
}
output "o00158" {
  value = join("", [for s in ["q\"uote"] : upper(s)])
}
output "o00159" {
  value = { for k, v in { for k, v in { a = -2.5, x = var.n } : upper(k) => v } : k => v if k != "a" }
}
output "o00160" {
  value = { a = "MiXeD", k1 = "-2.5", x = "a.b.c" }
}
output "o00161" {
  value = try(regexall("[a-z]", try(regex("([a-z]+)", jsonencode(zipmap(keys(var.obj.tags), values(var.obj.tags))))[0], "none")), var.ls)
}
output "o00162" {
  value = var.obj
}
output "o00163" {
  value = (format("%5.1f|%-4s|%q", 1, "tab\there", "-2.5") == "%{if true}yes%{else}no%{endif}" ? tolist(toset([])).*.name : tolist(toset((false ? var.ls : [""]))))
}
output "o00164" {
  value = local.m
}
output "o00165" {
  value = tostring(var.n)
}
output "o00166" {
  value = { for o in [for o in reverse(distinct([{ name = "a.b.c", n = 2 }, { name = "tab\there", n = var.n }, { name = "", n = var.obj.port }])) : merge(o, { n = o.n * 2 })] : o.name => o.n... }
}
output "o00167" {
  value = "10"
}
output "o00168" {
  value = [for i, x in concat([join(",", sort(tolist(var.ss))), (true ? 2 : "Hello World")], ["MiXeD", format("%s=%d", var.obj.name, floor(2))]) : { name = x, n = i }]
}
output "o00169" {
  value = range(1, 4)
}
output "o00170" {
  value = { for x in distinct([for s in [] : length(s)]) : "k${x}" => sum(concat([0], [for o in var.objs : merge(o, { n = o.n * 2 })][*].n)) }
}
output "o00171" {
  value = <<EOT
%{ if length([for i, x in [indent(2, "abc"), (false ? var.s : "a")] : x if i % 2 == 0]) > 1 ~}
many
%{~ else ~}
few
%{~ endif }
EOT

}
output "o00172" {
  value = (var.b ? { a = var.s } : local.m)
}
output "o00173" {
  value = var.n >= signum(floor(-1))
}
output "o00174" {
  value = [for x in [5, 1.5] : x]
}
output "o00175" {
  value = parseint("ff", 16)
}
output "o00176" {
  value = "a.b.c"
}
output "o00177" {
  value = var.b
}
output "o00178" {
  value = keys({ c = 5, zz = var.obj.port })
}
output "o00179" {
  value = [for o in [for o in [for o in flatten([var.objs, [{ name = "true", n = var.n }]]) : merge(o, { n = o.n * 2 })] : merge(o, { n = o.n * 2 })] : o.name]
}
output "o00180" {
  value = base64decode(base64encode(trimsuffix("line\nbreak", "d")))
}
output "o00181" {
  value = ["%{for k, v in { for k, v in var.mn : k => v if k != "b" }}${k}=${v} %{endfor}", var.s]
}
output "o00182" {
  value = (false ? var.obj.tags : { c = var.s, zz = "ff" })
}
output "o00183" {
  value = log(1, 4)
}
output "o00184" {
  value = local.ls2
}
output "o00185" {
  value = tolist(toset(tolist(toset([for s in ["日本語", "a"] : length(s)]))))
}
output "o00186" {
  value = try(slice(local.ln, 1, 3), local.ln)
}
output "o00187" {
  value = try(element(["  padded  ", "line\nbreak", "x-y_z"], 1), "ünïcödé")
}
output "o00188" {
  value = -2.5
}
output "o00189" {
  value = "日本語"
}
output "o00190" {
  value = format("%5.1f|%-4s|%q", 0, var.obj.name, "tab\there")
}
output "o00191" {
  value = reverse([{ name = var.s, n = 0.25 }, { name = "  padded  ", n = 0.5 }, { name = "Hello World", n = 0 }])
}
output "o00192" {
  value = lookup({ for k, v in { b = var.obj.port, k1 = var.obj.port, x = var.n } : upper(k) => v }, "k1", parseint("ff", 16))
}
output "o00193" {
  value = [for o in [{ name = var.obj.name, n = var.obj.port }, { name = "MiXeD", n = var.obj.port }, { name = "ff", n = var.n }] : o if o.n > min(10)]
}
output "o00194" {
  value = replace(coalesce("", "fallback"), " ", "")
}
output "o00195" {
  value = compact(concat(reverse(["", "MiXeD", "a.b.c"]), tolist(toset(["line\nbreak"]))))
}
output "o00196" {
  value = ((endswith((true ? var.obj.port : "tab\there"), var.s) ? var.b : !true) ? "ünïcödé" : "a.b.c")
}
output "o00197" {
  value = merge(var.mn, var.mn)
}
output "o00198" {
  value = <<EOT
  x ${~ "<${length(tolist(toset([])))}|${var.s}>" ~}  
  y
EOT

}
output "o00199" {
  value = [for o in [] : o]
}
output "o00200" {
  value = var.n
}
output "o00201" {
  value = false
}
output "o00202" {
  value = <<EOT
%{ for x in reverse(tolist(toset(var.objs))).*.name ~}
- ${x}
%{ endfor ~}
end ${format("%s=%d", ((false) ? "tab\there" : "a,b,,c"), floor(1.5))}
EOT

}
output "o00203" {
  value = tolist(toset((true ? tolist(var.ss) : [for x in [for x in var.ls : upper(x)] : "${x}-${try(regex("([a-z]+)", "-2.5")[0], "none")}"])))
}
output "o00204" {
  value = true
}
output "o00205" {
  value = zipmap(keys({ a = var.obj.name, x = "q\"uote", zz = "a" }), values({ a = var.obj.name, x = "q\"uote", zz = "a" }))
}
output "o00206" {
  value = merge({ a = ((true ? 2 > 2 : true) ? (sum(concat([0], [{ name = "", n = 0.5 }, { name = "true", n = 10 }, { name = "MiXeD", n = var.n }][*].n))) : log(2, 4)) }, { b = "a ${~ format("%s=%d", try(element(["a,b,,c", "x-y_z"], 0), "MiXeD"), floor(try(tonumber("ff"), -3))) ~} b %{~ if try(tonumber(var.s), 0.5) >= var.obj.port * 0 ~} c %{~ endif ~} ", a = reverse(reverse(var.ls)) == ["%{for i, x in ["line\nbreak", "x-y_z", "10"]}${i}:${x};%{endfor}", "-2.5"] })
}
output "o00207" {
  value = 5 % 3 == (100)
}
output "o00208" {
  value = var.obj
}
output "o00209" {
  value = "tab\there"
}
output "o00210" {
  value = signum(floor(lookup({  }, "zz", try(one([-2.5]), 5))))
}
output "o00211" {
  value = join(",", sort(try(regexall("[a-z]", substr("true", -3, 10)), ["ff", "ff", "a.b.c"])))
}
output "o00212" {
  value = lookup({ b = var.n, k1 = 1, zz = 0 }, "c", -2.5) > floor(var.n)
}
output "o00213" {
  value = (contains([{ name = "abc", n = var.n }][*].name, (var.b ? "日本語" : "MiXeD")) ? tomap({  }) : (["a", "日本語"] == tolist(var.ss) ? { b = var.obj.name, c = var.obj.name, zz = var.obj.name } : { for k, v in local.m : k => v if k != "a" }))
}
output "o00214" {
  value = format("%s=%d", var.obj.name, floor(-2.5))
}
output "o00215" {
  value = length([{ name = "Hello World", n = var.n }])
}
output "o00216" {
  value = { b = var.n, zz = 1.5 }
}
output "o00217" {
  value = contains(try(regexall("[a-z]", "a"), tolist(var.ss)), try(local.m["a"], "10"))
}
output "o00218" {
  value = "10"
}
output "o00219" {
  value = "%{if var.b}yes%{else}no%{endif}"
}
output "o00220" {
  value = <<EOT
  x ${~ base64decode(base64encode(join("", [for s in setsubtract(setintersection(tolist(var.ss), local.ls2), [for x in tolist(var.ss) : x]) : upper(s)]))) ~}  
  y
EOT

}
output "o00221" {
  value = try([for o in flatten([try(slice([{ name = "a.b.c", n = 7 }, { name = "MiXeD", n = var.n }, { name = var.obj.name, n = 3 }], 1, 2), var.objs), [{ name = "q\"uote", n = -3 }]]) : o if o.n > ((false ? false : false) ? log(8, 4) : try([{ name = "x-y_z", n = var.n }, { name = "ünïcödé", n = var.obj.port }, { name = "tab\there", n = -2.5 }][0].n, 10))][0].n, var.obj.port)
}
output "o00222" {
  value = (3 < 1 ? try(zipmap([], ["-2.5", "-2.5", "line\nbreak"]), { k1 = var.s }) : { for k, v in { a = "a,b,,c", k1 = "true" } : upper(k) => v })
}
output "o00223" {
  value = element(concat(distinct([for k, v in toset(tolist(toset([5]))) : k]), [try(parseint(format("%5.1f|%-4s|%q", nonsensitive(sensitive(var.obj.port)), join("", [for s in ["10"] : upper(s)]), "Hello World"), 16), 1)]), 5)
}
output "o00224" {
  value = true
}
output "o00225" {
  value = [for o in [for i, x in ["q\"uote", "10"] : { name = x, n = i }] : o]
}
output "o00226" {
  value = try(regex("([a-z]+)", replace(tostring(trim(var.obj.name, "-_")), " ", "X"))[0], "none")
}
output "o00227" {
  value = jsonencode(trimsuffix("<${"a,b,,c" == "ff"}|${format("%5.1f|%-4s|%q", -2.5, "a,b,,c", "  padded  ")}>", "d"))
}
output "o00228" {
  value = merge(try({ for k, v in { for x in distinct(setsubtract(tolist(var.ss), [])) : "k${x}" => "${var.obj.port}${"Hello World"}" } : k => tonumber(v) }, { x = 0.25, zz = 5 }), merge(try({ for k, v in { k1 = "-2.5" } : k => tonumber(v) }, {  }), { for x in distinct(tolist(toset([-2.5, -3, 10]))) : "k${x}" => lookup({ b = 0, c = var.obj.port, zz = 0.5 }, "c", 10) }))
}
output "o00229" {
  value = { for k, v in try({ for k, v in zipmap(keys(zipmap(keys({  }), values({  }))), values(zipmap(keys({  }), values({  })))) : k => tonumber(v) }, { zz = 2 }) : k => [v, v * 2] }
}
output "o00230" {
  value = 5 >= 42
}
output "o00231" {
  value = var.mn
}
output "o00232" {
  value = try(tonumber(trimspace("")), -3)
}
output "o00233" {
  value = try(var.objs[0].n, var.obj.port)
}
output "o00234" {
  value = { for k, v in tomap({ a = 1, b = 100, x = var.n }) : k => v if k != "a" }
}
output "o00235" {
  value = "-2.5"
}
output "o00236" {
  value = join("", [for s in flatten([[for o in var.objs : o.name], [jsonencode(["Hello World", "a", "ünïcödé"])]]) : upper(s)])
}
output "o00237" {
  value = element(concat([10, 42, -1], [var.obj.port - nonsensitive(sensitive(var.n))]), 3)
}
output "o00238" {
  value = try(zipmap(local.ls2, tolist(toset([join(",", sort(tolist(var.ss))), join("|", formatlist("%s!", tolist(var.ss)))]))), local.m)
}
output "o00239" {
  value = merge({ a = signum(floor((true ? 42 : 1))) }, { b = (true || true ? base64decode(base64encode("a,b,,c")) : (var.b ? "日本語" : var.obj.name)), a = { for k, v in { for o in [{ name = "10", n = var.obj.port }, { name = "ff", n = 7 }] : o.name => o.n... } : k => length(v) } != { for k, v in { k1 = -1, x = var.obj.port } : k => v if k != "c" } })
}
output "o00240" {
  value = var.objs
}
output "o00241" {
  value = ["-2.5", "日本語", "a,b,,c"]
}
output "o00242" {
  value = join(",", sort(try(regexall("[a-z]", var.obj.name), ["ünïcödé", "-2.5"])))
}
output "o00243" {
  value = sum(concat([0], var.objs[*].n))
}
output "o00244" {
  value = nonsensitive(sensitive(try([0, 0.5, 0.5][1], 2)))
}
output "o00245" {
  value = []
}
output "o00246" {
  value = (try(tobool("日本語"), false) ? (true ? true : true) : local.ls2 == [])
}
output "o00247" {
  value = setsubtract(local.ls2, [for i, x in reverse(["a", "-2.5"]) : x if i % 2 == 0])
}
output "o00248" {
  value = urlencode("%{if false}yes%{else}no%{endif}")
}
output "o00249" {
  value = base64decode(base64encode(try(regex("([a-z]+)", "q\"uote")[0], "none")))
}
output "o00250" {
  value = { a = var.obj.port, k1 = -2.5 } != { for x in distinct([0, 7]) : "k${x}" => -2.5 }
}
output "o00251" {
  value = [signum(floor(3 - 0)), var.obj.port]
}
output "o00252" {
  value = merge({ for x in distinct(var.ls) : "k${x}" => "ff" }, (false ? var.obj.tags : var.obj.tags))
}
output "o00253" {
  value = var.s
}
output "o00254" {
  value = (false ? 3 : 100)
}
output "o00255" {
  value = tolist(var.ss)
}
output "o00256" {
  value = values(merge(tomap({ b = var.obj.name }), merge({ a = "tab\there" }, { zz = "a,b,,c" })))
}
output "o00257" {
  value = [for k, v in { a = 0, c = 0 } : v * 2]
}
output "o00258" {
  value = tomap({ c = 1.5 })
}
output "o00259" {
  value = var.b
}
output "o00260" {
  value = <<-EOT
    a ${substr("a", -1, 1)}
      b
    %{ for x in var.ls }
    ${x}
    %{ endfor }
  EOT

}
output "o00261" {
  value = (-1)
}
output "o00262" {
  value = true
}
output "o00263" {
  value = false
}
output "o00264" {
  value = distinct(["日本語"])
}
output "o00265" {
  value = { for k, v in try(zipmap(try(regexall("[a-z]", "-2.5"), var.ls), ["  padded  ", var.obj.name]), var.obj.tags) : k => v if k != "k1" }
}
output "o00266" {
  value = [for i, x in tolist(var.ss) : x if i % 2 == 0]
}
output "o00267" {
  value = try(coalesce(join("", [for s in ["Hello World", "abc"] : upper(s)]), "%{for k, v in try({ for k, v in local.m : k => tonumber(v) }, var.mn)}${k}=${v} %{endfor}"), "abc")
}
output "o00268" {
  value = can(index(var.ls, var.obj.name))
}
output "o00269" {
  value = (alltrue([for x in (var.obj.port == 5 ? [10, var.obj.port] : [-2.5, -3, -2.5]) : x > 0]) ? (!false ? split(",", "Hello World") : (false ? ["ünïcödé", "10", "abc"] : [for x in ["ünïcödé", "a", "  padded  "] : "${x}-${"q\"uote"}"])) : local.ls2)
}
output "o00270" {
  value = [for k, v in toset(["ff", "a.b.c", "ünïcödé"]) : k]
}
output "o00271" {
  value = <<EOT
  x ${~ "<${var.s}|${var.s}>" ~}  
  y
EOT

}
output "o00272" {
  value = [for o in distinct(try(slice(var.objs, 1, 1), [])) : o.name]
}
output "o00273" {
  value = "<${contains(tolist(var.ss), var.obj.name)}|${(endswith(var.s, "") ? var.obj.name : "q\"uote")}>"
}
output "o00274" {
  value = distinct(local.ln)
}
output "o00275" {
  value = setproduct((try(tobool(var.obj.name), true) ? (var.b ? local.ls2 : ["tab\there", "a,b,,c"]) : concat(["ff", "q\"uote", "line\nbreak"], local.ls2)), [for s in local.ls2 : length(s)])
}
output "o00276" {
  value = { for k, v in { for k, v in { for o in [{ name = "a", n = -2.5 }] : o.name => o.n... } : k => length(v) } : k => v if k != "x" }
}
output "o00277" {
  value = chunklist((var.b ? ["true"] : var.ls), 3)
}
output "o00278" {
  value = (0 > 100 ? split("l", "a.b.c") : ["a.b.c", "q\"uote"])
}
output "o00279" {
  value = ["Hello World", "MiXeD"]
}
output "o00280" {
  value = local.m
}
output "o00281" {
  value = (false ? "q\"uote" : var.s)
}
output "o00282" {
  value = var.obj.name
}
output "o00283" {
  value = { for x in distinct(values(tomap({  }))) : "k${x}" => "ünïcödé" }
}
output "o00284" {
  value = [local.ls2, [for k, v in toset([1, 0, 3, 5]) : k]]
}
output "o00285" {
  value = range(0)
}
output "o00286" {
  value = length(keys({ for k, v in local.m : k => v if k != "x" })) > var.n
}
output "o00287" {
  value = local.ln
}
output "o00288" {
  value = try(one(range(-2)), 3)
}
output "o00289" {
  value = { for o in reverse(var.objs) : o.name => o.n... }
}
output "o00290" {
  value = [{ name = "  padded  ", n = -1 }, { name = "10", n = -3 }].*.name
}
output "o00291" {
  value = [for k, v in tomap({ k1 = 100, x = -2.5 }) : v * 2]
}
output "o00292" {
  value = { for k, v in tomap({  }) : k => [v, v * 2] }
}
output "o00293" {
  value = 3 % 3 < (var.b ? 0.5 : 2)
}
output "o00294" {
  value = anytrue([for x in [] : x > 0]) || var.n != var.obj.port
}
output "o00295" {
  value = setproduct(var.ls, [for s in [for x in [for i, x in ["a.b.c", "tab\there"] : x if i % 2 == 0] : upper(x)] : length(s)])
}
output "o00296" {
  value = try(tomap({ x = "-2.5" })["zz"], "tab\there")
}
output "o00297" {
  value = (true ? true : false) && length([]) > 1
}
output "o00298" {
  value = format("%5.1f|%-4s|%q", 5, "  padded  ", format("%5.1f|%-4s|%q", parseint("zz", 36), base64decode(base64encode("  padded  ")), "line\nbreak"))
}
output "o00299" {
  value = { a = 2, c = var.n, x = 100 } != zipmap(keys(tomap({  })), values(tomap({  })))
}
