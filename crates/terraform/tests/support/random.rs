//! Random, well-typed Terraform expressions from a small grammar, seeded, and a run that holds
//! vigil's value of each against Terraform's (through `tf-eval`).
//!
//! Every expression is meant to be valid for Terraform, since one error fails a whole
//! configuration: risky forms (an index, a conversion, a regex) sit inside `try()` or `can()`.
//! When Terraform still refuses an output, the run drops it, records it, and requires vigil to
//! give an unknown for it (vigil turns evaluation errors into unknowns), never a value.

use super::compare::{compare, Verdict};
use std::collections::BTreeMap;
use std::fmt::{self, Write};
use std::path::Path;
use std::process::Command;

/// Outputs in the committed batch (`tests/terraform-eval/random-batch`).
pub const BATCH_CASES: usize = 300;
/// Outputs per configuration: one terraform run costs about a second, whatever its size.
const PER_CONFIG: usize = 250;

/// splitmix64: small, seeded, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Ty {
    Num,
    Str,
    Bool,
    ListNum,
    ListStr,
    MapNum,
    MapStr,
    /// A list of objects `{ name = string, n = number }`.
    ListObj,
}

/// Declarations every generated configuration starts with: typed variables (with
/// conversions, a set and `optional()` defaults) and locals that expressions refer to.
const PRELUDE: &str = r#"variable "n" {
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
"#;

const STRINGS: &[&str] = &[
    "\"\"",
    "\"a\"",
    "\"abc\"",
    "\"Hello World\"",
    "\"  padded  \"",
    "\"x-y_z\"",
    "\"ünïcödé\"",
    "\"日本語\"",
    "\"a,b,,c\"",
    "\"10\"",
    "\"-2.5\"",
    "\"true\"",
    "\"MiXeD\"",
    "\"tab\\there\"",
    "\"line\\nbreak\"",
    "\"q\\\"uote\"",
    "\"ff\"",
    "\"a.b.c\"",
];

const KEYS: &[&str] = &["a", "b", "c", "k1", "zz", "x"];

const NUMBERS: &[&str] = &[
    "0", "1", "2", "3", "5", "7", "10", "-1", "-3", "42", "100", "0.5", "1.5", "-2.5", "0.25",
];

struct Gen {
    rng: Rng,
}

impl Gen {
    fn ty(&mut self) -> Ty {
        *self.rng.pick(&[
            Ty::Num,
            Ty::Num,
            Ty::Str,
            Ty::Str,
            Ty::Str,
            Ty::Bool,
            Ty::Bool,
            Ty::ListNum,
            Ty::ListStr,
            Ty::ListStr,
            Ty::MapNum,
            Ty::MapStr,
            Ty::ListObj,
        ])
    }

    fn expr(&mut self, ty: Ty, depth: usize) -> String {
        if depth == 0 || self.rng.chance(20) {
            return self.leaf(ty);
        }
        let d = depth - 1;
        // Shapes every type has.
        match self.rng.below(12) {
            0 => {
                return format!(
                    "({} ? {} : {})",
                    self.expr(Ty::Bool, d),
                    self.expr(ty, d),
                    self.expr(ty, d)
                )
            }
            1 => return format!("try({}, {})", self.risky(ty, d), self.leaf(ty)),
            _ => {}
        }
        match ty {
            Ty::Num => self.num(d),
            Ty::Str => self.str(d),
            Ty::Bool => self.bool(d),
            Ty::ListNum | Ty::ListStr => self.list(ty, d),
            Ty::MapNum | Ty::MapStr => self.map(ty, d),
            Ty::ListObj => self.objects(d),
        }
    }

    fn object_literal(&mut self) -> String {
        let name = self.leaf(Ty::Str);
        let n = self.leaf(Ty::Num);
        format!("{{ name = {name}, n = {n} }}")
    }

    fn objects(&mut self, d: usize) -> String {
        match self.rng.below(8) {
            0 => format!(
                "concat({}, {})",
                self.expr(Ty::ListObj, d),
                self.expr(Ty::ListObj, d)
            ),
            1 => format!("reverse({})", self.expr(Ty::ListObj, d)),
            2 => format!(
                "[for o in {} : o if o.n > {}]",
                self.expr(Ty::ListObj, d),
                self.expr(Ty::Num, d)
            ),
            3 => format!(
                "[for i, x in {} : {{ name = x, n = i }}]",
                self.expr(Ty::ListStr, d)
            ),
            4 => format!(
                "[for o in {} : merge(o, {{ n = o.n * 2 }})]",
                self.expr(Ty::ListObj, d)
            ),
            5 => format!("distinct({})", self.expr(Ty::ListObj, d)),
            6 => format!("tolist(toset({}))", self.expr(Ty::ListObj, d)),
            _ => format!(
                "flatten([{}, [{}]])",
                self.expr(Ty::ListObj, d),
                self.object_literal()
            ),
        }
    }

    /// Outputs of other shapes (maps of lists, objects of mixed attributes, nested
    /// sequences), only at the top: nothing else takes them.
    fn other(&mut self, d: usize) -> String {
        match self.rng.below(12) {
            0 => format!(
                "{{ for o in {} : o.name => o.n... }}",
                self.expr(Ty::ListObj, d)
            ),
            1 => format!(
                "chunklist({}, {})",
                self.expr(Ty::ListStr, d),
                1 + self.rng.below(3)
            ),
            2 => format!(
                "setproduct({}, {})",
                self.expr(Ty::ListStr, d),
                self.expr(Ty::ListNum, d)
            ),
            3 => format!(
                "{{ a = {}, b = {}, c = {}, d = {} }}",
                self.expr(Ty::Num, d),
                self.expr(Ty::Str, d),
                self.expr(Ty::ListStr, d),
                self.expr(Ty::Bool, d)
            ),
            4 => format!(
                "merge({{ a = {} }}, {{ b = {}, a = {} }})",
                self.expr(Ty::Num, d),
                self.expr(Ty::Str, d),
                self.expr(Ty::Bool, d)
            ),
            5 => format!(
                "tomap({{ a = {}, b = {} }})",
                self.expr(Ty::Num, d),
                self.expr(Ty::Str, d)
            ),
            6 => format!(
                "[{}, {}]",
                self.expr(Ty::ListStr, d),
                self.expr(Ty::ListNum, d)
            ),
            7 => format!(
                "{{ for k, v in {} : k => [v, v * 2] }}",
                self.expr(Ty::MapNum, d)
            ),
            8 => format!(
                "jsondecode(jsonencode({{ x = {}, y = [{}] }}))",
                self.expr(Ty::Str, d),
                self.expr(Ty::Num, d)
            ),
            9 => "var.obj".into(),
            10 => format!("[for o in {} : o]", self.expr(Ty::ListObj, d)),
            _ => format!(
                "(true ? {} : {})",
                self.expr(Ty::ListNum, d),
                self.expr(Ty::ListStr, d)
            ),
        }
    }

    /// A heredoc (it ends with a line break, so it is a whole value).
    fn heredoc(&mut self, d: usize) -> String {
        let list = self.expr(Ty::ListStr, d);
        let s = self.expr(Ty::Str, d);
        match self.rng.below(4) {
            0 => format!("<<EOT\n%{{ for x in {list} ~}}\n- ${{x}}\n%{{ endfor ~}}\nend ${{{s}}}\nEOT\n"),
            1 => format!("<<-EOT\n    a ${{{s}}}\n      b\n    %{{ for x in {list} }}\n    ${{x}}\n    %{{ endfor }}\n  EOT\n"),
            2 => format!("<<EOT\n  x ${{~ {s} ~}}  \n  y\nEOT\n"),
            _ => format!("<<EOT\n%{{ if length({list}) > 1 ~}}\nmany\n%{{~ else ~}}\nfew\n%{{~ endif }}\nEOT\n"),
        }
    }

    /// An expression of one of `tys`.
    fn any_of(&mut self, tys: &[Ty], d: usize) -> String {
        let ty = *self.rng.pick(tys);
        self.expr(ty, d)
    }

    fn leaf(&mut self, ty: Ty) -> String {
        match ty {
            Ty::Num => match self.rng.below(6) {
                0 => "var.n".into(),
                1 => "var.obj.port".into(),
                _ => self.rng.pick(NUMBERS).to_string(),
            },
            Ty::Str => match self.rng.below(8) {
                0 => "var.s".into(),
                1 => "var.obj.name".into(),
                _ => self.rng.pick(STRINGS).to_string(),
            },
            Ty::Bool => match self.rng.below(3) {
                0 => "var.b".into(),
                1 => "true".into(),
                _ => "false".into(),
            },
            Ty::ListNum => match self.rng.below(4) {
                0 => "local.ln".into(),
                1 => "[]".into(),
                _ => {
                    let n = 1 + self.rng.below(4);
                    let items: Vec<String> =
                        (0..n).map(|_| self.rng.pick(NUMBERS).to_string()).collect();
                    format!("[{}]", items.join(", "))
                }
            },
            Ty::ListStr => match self.rng.below(6) {
                0 => "var.ls".into(),
                1 => "tolist(var.ss)".into(),
                2 => "local.ls2".into(),
                _ => {
                    let n = self.rng.below(4);
                    let items: Vec<String> =
                        (0..n).map(|_| self.rng.pick(STRINGS).to_string()).collect();
                    format!("[{}]", items.join(", "))
                }
            },
            Ty::MapNum => match self.rng.below(3) {
                0 => "var.mn".into(),
                _ => self.map_literal(Ty::Num),
            },
            Ty::MapStr => match self.rng.below(4) {
                0 => "local.m".into(),
                1 => "var.obj.tags".into(),
                _ => self.map_literal(Ty::Str),
            },
            Ty::ListObj => match self.rng.below(3) {
                0 => "var.objs".into(),
                _ => {
                    let n = self.rng.below(4);
                    let items: Vec<String> = (0..n).map(|_| self.object_literal()).collect();
                    format!("[{}]", items.join(", "))
                }
            },
        }
    }

    fn map_literal(&mut self, element: Ty) -> String {
        let n = self.rng.below(4);
        let mut entries = BTreeMap::new();
        for _ in 0..n {
            let k = self.rng.pick(KEYS).to_string();
            let v = self.leaf(element);
            entries.insert(k, v);
        }
        let body: Vec<String> = entries.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        format!("{{ {} }}", body.join(", "))
    }

    /// Expressions that may fail (for `try`): they fail the same way in both evaluators.
    fn risky(&mut self, ty: Ty, d: usize) -> String {
        match ty {
            Ty::Num => match self.rng.below(5) {
                0 => format!("tonumber({})", self.expr(Ty::Str, d)),
                1 => format!("{}[{}]", self.expr(Ty::ListNum, d), self.rng.below(4)),
                2 => format!("parseint({}, 16)", self.expr(Ty::Str, d)),
                3 => format!("one({})", self.expr(Ty::ListNum, d)),
                _ => format!(
                    "index({}, {})",
                    self.expr(Ty::ListStr, d),
                    self.expr(Ty::Str, d)
                ),
            },
            Ty::Str => match self.rng.below(5) {
                0 => format!("{}[{}]", self.expr(Ty::ListStr, d), self.rng.below(4)),
                1 => format!("{}[\"{}\"]", self.expr(Ty::MapStr, d), self.rng.pick(KEYS)),
                2 => format!("regex(\"[a-z]+\", {})", self.expr(Ty::Str, d)),
                3 => format!(
                    "element({}, {})",
                    self.expr(Ty::ListStr, d),
                    self.rng.below(5)
                ),
                _ => format!(
                    "coalesce({}, {})",
                    self.expr(Ty::Str, d),
                    self.expr(Ty::Str, d)
                ),
            },
            Ty::Bool => format!("tobool({})", self.expr(Ty::Str, d)),
            Ty::ListNum => format!(
                "slice({}, {}, {})",
                self.expr(Ty::ListNum, d),
                self.rng.below(3),
                self.rng.below(4)
            ),
            Ty::ListStr => format!("regexall(\"[a-z]\", {})", self.expr(Ty::Str, d)),
            Ty::MapNum => format!(
                "{{ for k, v in {} : k => tonumber(v) }}",
                self.expr(Ty::MapStr, d)
            ),
            Ty::ListObj => format!(
                "slice({}, {}, {})",
                self.expr(Ty::ListObj, d),
                self.rng.below(2),
                self.rng.below(3)
            ),
            Ty::MapStr => format!(
                "zipmap({}, {})",
                self.expr(Ty::ListStr, d),
                self.expr(Ty::ListStr, d)
            ),
        }
    }

    fn num(&mut self, d: usize) -> String {
        match self.rng.below(25) {
            22 => format!(
                "log({}, {})",
                self.rng.pick(&["8", "100", "2", "1", "0.5", "1000"]),
                self.rng.pick(&["2", "10", "4"])
            ),
            23 => format!("nonsensitive(sensitive({}))", self.expr(Ty::Num, d)),
            19 => format!("length({})", self.expr(Ty::ListObj, d)),
            20 => format!(
                "try({}[0].n, {})",
                self.expr(Ty::ListObj, d),
                self.leaf(Ty::Num)
            ),
            21 => format!("sum(concat([0], {}[*].n))", self.expr(Ty::ListObj, d)),
            0..=3 => {
                let op = self.rng.pick(&["+", "-", "*"]);
                format!("{} {op} {}", self.expr(Ty::Num, d), self.expr(Ty::Num, d))
            }
            4 => format!(
                "{} / {}",
                self.expr(Ty::Num, d),
                self.rng.pick(&["2", "4", "-5", "3", "0.5", "8"])
            ),
            5 => format!(
                "{} % {}",
                self.expr(Ty::Num, d),
                self.rng.pick(&["2", "3", "-4", "7"])
            ),
            6 => format!("-({})", self.expr(Ty::Num, d)),
            7 => format!(
                "length({})",
                self.any_of(&[Ty::Str, Ty::ListStr, Ty::MapNum], d)
            ),
            8 => format!(
                "{}({})",
                self.rng.pick(&["abs", "ceil", "floor"]),
                self.expr(Ty::Num, d)
            ),
            9 => {
                let f = self.rng.pick(&["max", "min"]);
                let n = 1 + self.rng.below(3);
                let args: Vec<String> = (0..n).map(|_| self.expr(Ty::Num, d)).collect();
                format!("{f}({})", args.join(", "))
            }
            10 => format!("signum(floor({}))", self.expr(Ty::Num, d)),
            11 => format!(
                "pow({}, {})",
                self.rng.pick(&["2", "3", "-2", "10", "0.5"]),
                self.rng.pick(&["0", "1", "2", "3", "-1"])
            ),
            12 => format!(
                "sum(concat([{}], {}))",
                self.expr(Ty::Num, d),
                self.expr(Ty::ListNum, d)
            ),
            13 => format!(
                "lookup({}, \"{}\", {})",
                self.expr(Ty::MapNum, d),
                self.rng.pick(KEYS),
                self.expr(Ty::Num, d)
            ),
            14 => format!(
                "element(concat({}, [{}]), {})",
                self.expr(Ty::ListNum, d),
                self.expr(Ty::Num, d),
                self.rng.below(6)
            ),
            15 => format!(
                "try(tonumber({}), {})",
                self.expr(Ty::Str, d),
                self.expr(Ty::Num, d)
            ),
            16 => {
                let (digits, base) =
                    self.rng
                        .pick(&[("ff", 16), ("10", 8), ("777", 8), ("-101", 2), ("zz", 36)]);
                format!("parseint(\"{digits}\", {base})")
            }
            17 => format!(
                "length([for x in {} : x if x > {}])",
                self.expr(Ty::ListNum, d),
                self.expr(Ty::Num, d)
            ),
            18 => format!("({})", self.expr(Ty::Num, d)),
            _ => format!("length(keys({}))", self.expr(Ty::MapStr, d)),
        }
    }

    fn str(&mut self, d: usize) -> String {
        match self.rng.below(30) {
            26 => format!("trimspace({})", self.expr(Ty::Str, d)),
            27 => format!("jsonencode({})", self.expr(Ty::ListObj, d)),
            28 => format!(
                "\"a ${{~ {} ~}} b %{{~ if {} ~}} c %{{~ endif ~}} \"",
                self.expr(Ty::Str, d),
                self.expr(Ty::Bool, d)
            ),
            0..=2 => {
                let a = self.any_of(&[Ty::Str, Ty::Num, Ty::Bool], d);
                let b = self.expr(Ty::Str, d);
                format!("\"<${{{a}}}|${{{b}}}>\"")
            }
            3 => format!(
                "{}({})",
                self.rng.pick(&[
                    "upper",
                    "lower",
                    "title",
                    "trimspace",
                    "strrev",
                    "chomp",
                    "base64encode",
                    "urlencode"
                ]),
                self.expr(Ty::Str, d)
            ),
            4 => format!(
                "substr({}, {}, {})",
                self.expr(Ty::Str, d),
                self.rng.pick(&["0", "1", "2", "-3", "-1"]),
                self.rng.pick(&["0", "1", "3", "-1", "10"])
            ),
            5 => format!(
                "replace({}, \"{}\", \"{}\")",
                self.expr(Ty::Str, d),
                self.rng
                    .pick(&["a", " ", "l", "/[aeiou]/", "/(\\\\w)(\\\\w)/"]),
                self.rng.pick(&["", "_", "$2$1", "X"])
            ),
            6 => format!(
                "join(\"{}\", {})",
                self.rng.pick(&[",", "-", "", " / "]),
                self.expr(Ty::ListStr, d)
            ),
            7 => format!(
                "format(\"%s=%d\", {}, floor({}))",
                self.expr(Ty::Str, d),
                self.expr(Ty::Num, d)
            ),
            8 => format!(
                "format(\"%5.1f|%-4s|%q\", {}, {}, {})",
                self.expr(Ty::Num, d),
                self.expr(Ty::Str, d),
                self.expr(Ty::Str, d)
            ),
            9 => format!(
                "tostring({})",
                self.any_of(&[Ty::Num, Ty::Bool, Ty::Str], d)
            ),
            10 => format!("jsonencode({})", {
                let t = self.ty();
                self.expr(t, d)
            }),
            11 => format!(
                "trim({}, \"{}\")",
                self.expr(Ty::Str, d),
                self.rng.pick(&[" ", "a", "-_", "xyz "])
            ),
            12 => format!(
                "{}({}, \"{}\")",
                self.rng.pick(&["trimprefix", "trimsuffix"]),
                self.expr(Ty::Str, d),
                self.rng.pick(&["a", "He", "d", ""])
            ),
            13 => format!(
                "lookup({}, \"{}\", {})",
                self.expr(Ty::MapStr, d),
                self.rng.pick(KEYS),
                self.expr(Ty::Str, d)
            ),
            14 => format!(
                "\"%{{if {}}}yes%{{else}}no%{{endif}}\"",
                self.expr(Ty::Bool, d)
            ),
            15 => format!(
                "\"%{{for i, x in {}}}${{i}}:${{x}};%{{endfor}}\"",
                self.expr(Ty::ListStr, d)
            ),
            16 => format!(
                "\"%{{for k, v in {}}}${{k}}=${{v}} %{{endfor}}\"",
                self.expr(Ty::MapNum, d)
            ),
            17 => format!("coalesce({}, \"fallback\")", self.expr(Ty::Str, d)),
            18 => format!("join(\",\", sort({}))", self.expr(Ty::ListStr, d)),
            19 => format!("base64decode(base64encode({}))", self.expr(Ty::Str, d)),
            20 => format!("indent(2, {})", self.expr(Ty::Str, d)),
            21 => format!(
                "join(\"|\", formatlist(\"%s!\", {}))",
                self.expr(Ty::ListStr, d)
            ),
            22 => format!(
                "\"${{{}}}${{{}}}\"",
                self.expr(Ty::Num, d),
                self.expr(Ty::Str, d)
            ),
            23 => format!(
                "(true ? {} : {})",
                self.expr(Ty::Num, d),
                self.expr(Ty::Str, d)
            ),
            24 => format!(
                "try(regex(\"([a-z]+)\", {})[0], \"none\")",
                self.expr(Ty::Str, d)
            ),
            _ => format!(
                "join(\"\", [for s in {} : upper(s)])",
                self.expr(Ty::ListStr, d)
            ),
        }
    }

    fn bool(&mut self, d: usize) -> String {
        match self.rng.below(15) {
            14 => format!(
                "contains({}[*].name, {})",
                self.expr(Ty::ListObj, d),
                self.expr(Ty::Str, d)
            ),
            0..=2 => {
                let op = self.rng.pick(&["<", "<=", ">", ">=", "==", "!="]);
                format!("{} {op} {}", self.expr(Ty::Num, d), self.expr(Ty::Num, d))
            }
            3 => format!("{} == {}", self.expr(Ty::Str, d), self.expr(Ty::Str, d)),
            4 => {
                let op = self.rng.pick(&["&&", "||"]);
                format!("{} {op} {}", self.expr(Ty::Bool, d), self.expr(Ty::Bool, d))
            }
            5 => format!("!{}", self.leaf(Ty::Bool)),
            6 => format!(
                "contains({}, {})",
                self.expr(Ty::ListStr, d),
                self.expr(Ty::Str, d)
            ),
            7 => format!(
                "{}({}, {})",
                self.rng.pick(&["startswith", "endswith", "strcontains"]),
                self.expr(Ty::Str, d),
                self.expr(Ty::Str, d)
            ),
            8 => format!("can({})", {
                let t = self.rng.pick(&[Ty::Num, Ty::Str, Ty::Bool]);
                self.risky(*t, d)
            }),
            9 => format!(
                "{}([for x in {} : x > 0])",
                self.rng.pick(&["alltrue", "anytrue"]),
                self.expr(Ty::ListNum, d)
            ),
            10 => format!(
                "length({}) > {}",
                self.expr(Ty::ListStr, d),
                self.rng.below(4)
            ),
            11 => format!(
                "{} == {}",
                self.expr(Ty::ListStr, d),
                self.expr(Ty::ListStr, d)
            ),
            12 => format!(
                "{} != {}",
                self.expr(Ty::MapNum, d),
                self.expr(Ty::MapNum, d)
            ),
            _ => format!("({})", self.expr(Ty::Bool, d)),
        }
    }

    fn list(&mut self, ty: Ty, d: usize) -> String {
        let (el, map) = if ty == Ty::ListNum {
            (Ty::Num, Ty::MapNum)
        } else {
            (Ty::Str, Ty::MapStr)
        };
        match self.rng.below(14) {
            0 => format!("concat({}, {})", self.expr(ty, d), self.expr(ty, d)),
            1 => format!("reverse({})", self.expr(ty, d)),
            2 => format!("distinct({})", self.expr(ty, d)),
            3 => format!("[for x in {} : {}]", self.expr(ty, d), self.with_x(el, d)),
            4 => format!("[for i, x in {} : x if i % 2 == 0]", self.expr(ty, d)),
            5 => format!("values({})", self.expr(map, d)),
            6 => format!("flatten([{}, [{}]])", self.expr(ty, d), self.expr(el, d)),
            7 => format!("tolist(toset({}))", self.expr(ty, d)),
            8 => format!("[{}, {}]", self.expr(el, d), self.expr(el, d)),
            9 => format!("[for k, v in toset({}) : k]", self.expr(ty, d)),
            10 if ty == Ty::ListNum => format!("{}[*].n", self.expr(Ty::ListObj, d)),
            10 => format!("{}.*.name", self.expr(Ty::ListObj, d)),
            11 if ty == Ty::ListStr => format!("[for o in {} : o.name]", self.expr(Ty::ListObj, d)),
            _ if ty == Ty::ListNum => match self.rng.below(3) {
                0 => format!(
                    "range({})",
                    self.rng
                        .pick(&["0", "3", "-2", "1, 4", "0, 5, 2", "5, 0, -2", "0, 2, 0.5"])
                ),
                1 => format!("[for s in {} : length(s)]", self.expr(Ty::ListStr, d)),
                _ => format!("[for k, v in {} : v * 2]", self.expr(Ty::MapNum, d)),
            },
            _ => match self.rng.below(8) {
                5 => format!(
                    "setintersection({}, {})",
                    self.expr(ty, d),
                    self.expr(ty, d)
                ),
                6 => format!("setsubtract({}, {})", self.expr(ty, d), self.expr(ty, d)),
                7 => format!("coalescelist({}, {})", self.expr(ty, d), self.expr(ty, d)),
                0 => format!(
                    "split(\"{}\", {})",
                    self.rng.pick(&[",", " ", "l", "--"]),
                    self.expr(Ty::Str, d)
                ),
                1 => format!("keys({})", self.any_of(&[Ty::MapNum, Ty::MapStr], d)),
                2 => format!("compact({})", self.expr(ty, d)),
                3 => format!("sort({})", self.expr(ty, d)),
                _ => format!("setunion({}, {})", self.expr(ty, d), self.expr(ty, d)),
            },
        }
    }

    /// An expression of type `ty` that may use the loop variable `x` (of the same type).
    fn with_x(&mut self, ty: Ty, d: usize) -> String {
        match (ty, self.rng.below(3)) {
            (Ty::Num, 0) => format!("x * {}", self.expr(Ty::Num, d)),
            (Ty::Num, 1) => format!("x + {}", self.expr(Ty::Num, d)),
            (Ty::Str, 0) => "upper(x)".to_string(),
            (Ty::Str, 1) => format!("\"${{x}}-${{{}}}\"", self.expr(Ty::Str, d)),
            _ => "x".into(),
        }
    }

    fn map(&mut self, ty: Ty, d: usize) -> String {
        let (el, list) = if ty == Ty::MapNum {
            (Ty::Num, Ty::ListNum)
        } else {
            (Ty::Str, Ty::ListStr)
        };
        match self.rng.below(8) {
            7 if ty == Ty::MapNum => format!(
                "{{ for k, v in {{ for o in {} : o.name => o.n... }} : k => length(v) }}",
                self.expr(Ty::ListObj, d)
            ),
            0 => format!("merge({}, {})", self.expr(ty, d), self.expr(ty, d)),
            1 => format!("{{ for k, v in {} : upper(k) => v }}", self.expr(ty, d)),
            2 => format!(
                "{{ for x in distinct({}) : \"k${{x}}\" => {} }}",
                self.expr(list, d),
                self.expr(el, d)
            ),
            3 => {
                let m = self.expr(ty, d);
                format!("zipmap(keys({m}), values({m}))")
            }
            4 => format!(
                "{{ for k, v in {} : k => v if k != \"{}\" }}",
                self.expr(ty, d),
                self.rng.pick(KEYS)
            ),
            5 => format!("tomap({})", self.map_literal(el)),
            _ => self.map_literal(el),
        }
    }
}

/// The configuration holding outputs `first .. first + count` of `seed`'s sequence, but for
/// those named in `skip`.
pub fn config(seed: u64, first: usize, count: usize, skip: &[String]) -> String {
    let exprs = expressions(seed, first + count);
    config_of(&exprs, first, count, skip)
}

fn config_of(exprs: &[String], first: usize, count: usize, skip: &[String]) -> String {
    let mut text = String::from(PRELUDE);
    for (i, expr) in exprs.iter().enumerate().skip(first).take(count) {
        let name = format!("o{i:05}");
        if !skip.contains(&name) {
            let _ = write!(text, "output \"{name}\" {{\n  value = {expr}\n}}\n");
        }
    }
    text
}

/// Terraform's values for `exprs[first .. first + count]`, computed in `dir`, and the names
/// of the outputs it refuses (dropped one run after another until the rest succeeds).
pub fn terraform_values(
    exprs: &[String],
    first: usize,
    count: usize,
    dir: &Path,
    tf_eval: &Path,
) -> (serde_json::Value, Vec<String>) {
    let mut dropped: Vec<String> = Vec::new();
    let re = regex::Regex::new(r#"in output "(o\d+)""#).unwrap();
    loop {
        let text = config_of(exprs, first, count, &dropped);
        std::fs::write(dir.join("main.tf"), &text).unwrap();
        let out = Command::new(tf_eval)
            .arg(dir)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", tf_eval.display()));
        if out.status.success() {
            let values = serde_json::from_slice(&out.stdout).expect("tf-eval prints JSON");
            return (values, dropped);
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        let refused: Vec<String> = re
            .captures_iter(&stderr)
            .map(|c| c[1].to_string())
            .filter(|n| !dropped.contains(n))
            .collect();
        assert!(
            !refused.is_empty(),
            "terraform failed on the configuration itself:\n{stderr}\n{text}"
        );
        dropped.extend(refused);
    }
}

/// The committed batch: its configuration without the outputs Terraform refuses, and their
/// names.
pub fn batch(seed: u64, tf_eval: &Path) -> (String, Vec<String>) {
    let exprs = expressions(seed, BATCH_CASES);
    let work = tempfile::tempdir().expect("a temporary directory");
    let (_, refused) = terraform_values(&exprs, 0, BATCH_CASES, work.path(), tf_eval);
    (config_of(&exprs, 0, BATCH_CASES, &refused), refused)
}

/// The first `count` expressions of `seed`'s sequence.
fn expressions(seed: u64, count: usize) -> Vec<String> {
    let mut g = Gen { rng: Rng(seed) };
    (0..count)
        .map(|_| {
            let depth = 1 + g.rng.below(4);
            if g.rng.chance(10) {
                return g.other(depth);
            }
            // Terraform and hcl-edit read a heredoc inside other expressions differently (a
            // line break ends it): heredocs are whole values only.
            if g.rng.chance(4) {
                return g.heredoc(depth);
            }
            let ty = g.ty();
            g.expr(ty, depth)
        })
        .collect()
}

pub struct Report {
    pub seed: u64,
    pub cases: usize,
    pub equal: usize,
    pub unknown: Vec<String>,
    /// Outputs Terraform refused (each one vigil gave as unknown).
    pub refused: Vec<String>,
    pub disagreements: Vec<String>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        writeln!(
            f,
            "seed {}: {} cases, {} equal, {} unknown, {} refused by terraform, {} disagreements",
            self.seed,
            self.cases,
            self.equal,
            self.unknown.len(),
            self.refused.len(),
            self.disagreements.len()
        )?;
        for d in &self.disagreements {
            writeln!(f, "  DIFFERENT {d}")?;
        }
        for u in &self.unknown {
            writeln!(f, "  unknown {u}")?;
        }
        for r in &self.refused {
            writeln!(f, "  refused {r}")?;
        }
        Ok(())
    }
}

/// Generates `cases` expressions for `seed`, in configurations of [`PER_CONFIG`] outputs,
/// and holds vigil against terraform on each.
pub fn run(seed: u64, cases: usize, tf_eval: &Path) -> Report {
    let mut report = Report {
        seed,
        cases,
        equal: 0,
        unknown: Vec::new(),
        refused: Vec::new(),
        disagreements: Vec::new(),
    };
    let exprs = expressions(seed, cases);
    let work = tempfile::tempdir().expect("a temporary directory");
    let mut first = 0;
    while first < cases {
        let count = PER_CONFIG.min(cases - first);
        let dir = work.path().join(format!("tf{first}"));
        let full = work.path().join(format!("vigil{first}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::create_dir_all(&full).unwrap();
        std::fs::write(full.join("main.tf"), config_of(&exprs, first, count, &[])).unwrap();
        let (expected, dropped) = terraform_values(&exprs, first, count, &dir, tf_eval);
        let (got, errors) = vigil_terraform::evaluate_outputs(
            &full,
            &|p: &Path| p.to_string_lossy().into_owned(),
            &Default::default(),
        );
        assert!(errors.is_empty(), "{errors:?}");
        for (i, e) in exprs.iter().enumerate().skip(first).take(count) {
            let name = format!("o{i:05}");
            let Some(v) = got.get(&name) else {
                if !dropped.contains(&name) {
                    report
                        .disagreements
                        .push(format!("{name} = {e}: vigil has no value"));
                }
                continue;
            };
            if dropped.contains(&name) {
                match compare(v, &serde_json::Value::Null) {
                    Verdict::Unknown(_) => report.refused.push(format!("{name} = {e}")),
                    _ => report.disagreements.push(format!(
                        "{name} = {e}: terraform refuses it, vigil gives {}",
                        v.to_json()
                    )),
                }
                continue;
            }
            let want = &expected[&name];
            match compare(v, want) {
                Verdict::Equal => report.equal += 1,
                Verdict::Unknown(reason) => report.unknown.push(format!("{name} = {e}: {reason}")),
                Verdict::Different(got) => report.disagreements.push(format!(
                    "{name} = {e}\n      terraform {want}\n      vigil     {got}"
                )),
            }
        }
        first += count;
    }
    report
}
