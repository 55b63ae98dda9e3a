//! Generated Terraform configurations, rendered to HCL: variables with types and defaults,
//! locals referring to each other, `azurerm_key_vault` resources with `network_acls` (a block,
//! a dynamic block, `count` and `for_each`), a module call into a generated child module,
//! tfvars, for-expressions, splats, templates with directives, heredocs, conditionals and
//! calls of every function vigil evaluates. Evaluated as a root module, with the rules run:
//! no panic, and the run ends.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use std::fmt::Write;

const FUNCTIONS: &[&str] = &[
    "abs",
    "alltrue",
    "anytrue",
    "base64decode",
    "base64encode",
    "ceil",
    "chomp",
    "chunklist",
    "coalesce",
    "coalescelist",
    "compact",
    "concat",
    "contains",
    "distinct",
    "element",
    "endswith",
    "flatten",
    "floor",
    "format",
    "formatlist",
    "indent",
    "index",
    "join",
    "jsondecode",
    "jsonencode",
    "keys",
    "length",
    "log",
    "lookup",
    "lower",
    "max",
    "merge",
    "min",
    "nonsensitive",
    "one",
    "parseint",
    "pow",
    "range",
    "regex",
    "regexall",
    "replace",
    "reverse",
    "sensitive",
    "setintersection",
    "setproduct",
    "setsubtract",
    "setunion",
    "signum",
    "slice",
    "sort",
    "split",
    "startswith",
    "strcontains",
    "strrev",
    "substr",
    "sum",
    "title",
    "tobool",
    "tolist",
    "tomap",
    "tonumber",
    "toset",
    "tostring",
    "trim",
    "trimprefix",
    "trimspace",
    "trimsuffix",
    "upper",
    "urlencode",
    "values",
    "zipmap",
    "try",
    "can",
    "core::concat",
    "cidrsubnet",
    "templatefile",
    "file",
    "uuid",
    "timestamp",
];

const STRINGS: &[&str] = &[
    "AzureServices",
    "None",
    "Deny",
    "Allow",
    "",
    "a",
    "b",
    "kv",
    "10.0.0.0/8",
    "1.2.3.4",
    "%s-%s",
    "%d",
    "%v",
    "%#v",
    "%-5s|",
    "%",
    "[a-z]+",
    "(a)(b)?",
    "^$",
    "{\"a\":[1,2]}",
    "[1,",
    "YWJj",
    "====",
    "x,y,z",
    ",",
    "\\",
    "\"",
    "${",
    "%{",
    "$${",
    "\n",
    "\t",
    "ü",
    "\u{1F600}",
    "true",
    "false",
    "null",
    "1e309",
    "-0",
    "0x10",
    "azureservices",
    " AzureServices ",
];

const KEYS: &[&str] = &[
    "a", "b", "bypass", "name", "key", "value", "0", "1", "x y", "ü", "id",
];

#[derive(Arbitrary, Debug)]
enum Num {
    Small(i8),
    Any(f64),
    Big,
}

#[derive(Arbitrary, Debug)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

#[derive(Arbitrary, Debug)]
enum Part {
    Lit(u8),
    Interp(E),
    If(E, Vec<Part>, Vec<Part>),
    For(E, Vec<Part>),
    Strip(E),
}

#[derive(Arbitrary, Debug)]
enum E {
    Null,
    Bool(bool),
    Num(Num),
    Str(u8),
    Var(u8),
    Local(u8),
    Each(bool),
    CountIndex,
    ForVar(bool),
    ModuleOutput(u8),
    VaultAttr(u8, u8),
    PathModule,
    List(Vec<E>),
    Obj(Vec<(u8, E)>),
    Tmpl(Vec<Part>),
    Heredoc(bool, Vec<Part>),
    Cond(Box<E>, Box<E>, Box<E>),
    Call(u8, Vec<E>),
    Expand(u8, Box<E>),
    ForList(Box<E>, Box<E>, Option<Box<E>>),
    ForObj(Box<E>, Box<E>, Box<E>, bool, Option<Box<E>>),
    Splat(Box<E>, Option<u8>),
    Index(Box<E>, Box<E>),
    Attr(Box<E>, u8),
    Bin(Op, Box<E>, Box<E>),
    Not(Box<E>),
    Neg(Box<E>),
}

#[derive(Arbitrary, Debug)]
enum Ty {
    String,
    Number,
    Bool,
    Any,
    List(Box<Ty>),
    Set(Box<Ty>),
    Map(Box<Ty>),
    Tuple(Vec<Ty>),
    Object(Vec<(u8, Ty, Option<E>)>),
}

#[derive(Arbitrary, Debug)]
struct Var {
    ty: Option<Ty>,
    default: Option<E>,
    not_nullable: bool,
}

#[derive(Arbitrary, Debug)]
enum Acls {
    Absent,
    Block {
        bypass: Option<E>,
        default_action: Option<E>,
        ip_rules: Option<E>,
    },
    Dynamic {
        for_each: E,
        iterator: bool,
        bypass: E,
        default_action: E,
    },
    Twice(E, E),
}

#[derive(Arbitrary, Debug)]
enum Repeat {
    Once,
    Count(E),
    ForEach(E),
}

#[derive(Arbitrary, Debug)]
struct Vault {
    repeat: Repeat,
    name: E,
    acls: Acls,
    public: Option<E>,
}

#[derive(Arbitrary, Debug)]
struct Body {
    vars: Vec<Var>,
    locals: Vec<E>,
    vaults: Vec<Vault>,
    outputs: Vec<E>,
}

#[derive(Arbitrary, Debug)]
struct Config {
    root: Body,
    child: Option<(Body, Repeat, Vec<(u8, E)>)>,
    tfvars: Vec<(u8, E)>,
}

/// Renders into HCL, nesting at most `MAX_DEPTH` expressions (deeper ones are `null`) and
/// writing at most `MAX_TEXT` bytes: the generator must not be what runs out of memory.
const MAX_DEPTH: usize = 8;
const MAX_TEXT: usize = 64 * 1024;

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[i as usize % list.len()]
}

fn quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '$' => out.push_str("$$"),
            '%' => out.push_str("%%"),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn key(out: &mut String, k: u8) {
    let k = pick(KEYS, k);
    if k.chars().all(|c| c.is_ascii_alphabetic()) {
        out.push_str(k);
    } else {
        quoted(out, k);
    }
}

fn parts(out: &mut String, ps: &[Part], d: usize, heredoc: bool) {
    for p in ps {
        if out.len() > MAX_TEXT {
            return;
        }
        match p {
            Part::Lit(i) => {
                let s = pick(STRINGS, *i);
                for c in s.chars() {
                    match c {
                        '"' if !heredoc => out.push_str("\\\""),
                        '\\' if !heredoc => out.push_str("\\\\"),
                        '\n' if !heredoc => out.push_str("\\n"),
                        '$' => out.push_str("$$"),
                        '%' => out.push_str("%%"),
                        c => out.push(c),
                    }
                }
            }
            Part::Interp(e) => {
                out.push_str("${");
                expr(out, e, d + 1);
                out.push('}');
            }
            Part::Strip(e) => {
                out.push_str("${~ ");
                expr(out, e, d + 1);
                out.push_str(" ~}");
            }
            Part::If(c, a, b) => {
                out.push_str("%{ if ");
                expr(out, c, d + 1);
                out.push_str(" }");
                parts(out, a, d + 1, heredoc);
                out.push_str("%{ else }");
                parts(out, b, d + 1, heredoc);
                out.push_str("%{ endif }");
            }
            Part::For(c, body) => {
                out.push_str("%{ for k, v in ");
                expr(out, c, d + 1);
                out.push_str(" }");
                parts(out, body, d + 1, heredoc);
                out.push_str("%{ endfor }");
            }
        }
    }
}

fn list(out: &mut String, items: &[E], d: usize) {
    for (i, e) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr(out, e, d + 1);
    }
}

fn expr(out: &mut String, e: &E, d: usize) {
    if d > MAX_DEPTH || out.len() > MAX_TEXT {
        out.push_str("null");
        return;
    }
    match e {
        E::Null => out.push_str("null"),
        E::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        E::Num(Num::Small(n)) => write!(out, "{n}").unwrap(),
        E::Num(Num::Any(f)) if f.is_finite() => write!(out, "{f}").unwrap(),
        E::Num(_) => out.push_str("1e308"),
        E::Str(i) => quoted(out, pick(STRINGS, *i)),
        E::Var(i) => write!(out, "var.v{}", i % 6).unwrap(),
        E::Local(i) => write!(out, "local.l{}", i % 6).unwrap(),
        E::Each(k) => out.push_str(if *k { "each.key" } else { "each.value" }),
        E::CountIndex => out.push_str("count.index"),
        E::ForVar(k) => out.push_str(if *k { "k" } else { "v" }),
        E::ModuleOutput(i) => write!(out, "module.m.o{}", i % 4).unwrap(),
        E::VaultAttr(i, a) => {
            write!(out, "azurerm_key_vault.kv{}.{}", i % 3, pick(KEYS, *a)).unwrap()
        }
        E::PathModule => out.push_str("path.module"),
        E::List(items) => {
            out.push('[');
            list(out, items, d);
            out.push(']');
        }
        E::Obj(items) => {
            out.push('{');
            for (k, v) in items {
                key(out, *k);
                out.push_str(" = ");
                expr(out, v, d + 1);
                out.push('\n');
            }
            out.push('}');
        }
        E::Tmpl(ps) => {
            out.push('"');
            parts(out, ps, d, false);
            out.push('"');
        }
        E::Heredoc(indent, ps) => {
            out.push_str(if *indent { "<<-EOT\n" } else { "<<EOT\n" });
            parts(out, ps, d, true);
            out.push_str("\nEOT\n");
        }
        E::Cond(c, a, b) => {
            out.push('(');
            expr(out, c, d + 1);
            out.push_str(" ? ");
            expr(out, a, d + 1);
            out.push_str(" : ");
            expr(out, b, d + 1);
            out.push(')');
        }
        E::Call(f, args) => {
            out.push_str(pick(FUNCTIONS, *f));
            out.push('(');
            list(out, args, d);
            out.push(')');
        }
        E::Expand(f, arg) => {
            out.push_str(pick(FUNCTIONS, *f));
            out.push('(');
            expr(out, arg, d + 1);
            out.push_str("...)");
        }
        E::ForList(c, body, cond) => {
            out.push_str("[for k, v in ");
            expr(out, c, d + 1);
            out.push_str(" : ");
            expr(out, body, d + 1);
            if let Some(cond) = cond {
                out.push_str(" if ");
                expr(out, cond, d + 1);
            }
            out.push(']');
        }
        E::ForObj(c, k, v, group, cond) => {
            out.push_str("{for k, v in ");
            expr(out, c, d + 1);
            out.push_str(" : ");
            expr(out, k, d + 1);
            out.push_str(" => ");
            expr(out, v, d + 1);
            if *group {
                out.push_str("...");
            }
            if let Some(cond) = cond {
                out.push_str(" if ");
                expr(out, cond, d + 1);
            }
            out.push('}');
        }
        E::Splat(base, attr) => {
            out.push('(');
            expr(out, base, d + 1);
            out.push_str(")[*]");
            if let Some(a) = attr {
                out.push('.');
                out.push_str(pick(KEYS, *a).trim_matches(|c: char| !c.is_ascii_alphabetic()));
                if out.ends_with('.') {
                    out.push('a');
                }
            }
        }
        E::Index(base, i) => {
            out.push('(');
            expr(out, base, d + 1);
            out.push_str(")[");
            expr(out, i, d + 1);
            out.push(']');
        }
        E::Attr(base, a) => {
            out.push('(');
            expr(out, base, d + 1);
            out.push_str(").");
            let k = pick(KEYS, *a);
            if k.chars().all(|c| c.is_ascii_alphabetic()) {
                out.push_str(k);
            } else {
                out.push_str("a");
            }
        }
        E::Bin(op, a, b) => {
            let op = match op {
                Op::Add => "+",
                Op::Sub => "-",
                Op::Mul => "*",
                Op::Div => "/",
                Op::Mod => "%",
                Op::Eq => "==",
                Op::Ne => "!=",
                Op::Lt => "<",
                Op::Le => "<=",
                Op::Gt => ">",
                Op::Ge => ">=",
                Op::And => "&&",
                Op::Or => "||",
            };
            out.push('(');
            expr(out, a, d + 1);
            write!(out, " {op} ").unwrap();
            expr(out, b, d + 1);
            out.push(')');
        }
        E::Not(a) => {
            out.push_str("!(");
            expr(out, a, d + 1);
            out.push(')');
        }
        E::Neg(a) => {
            out.push_str("-(");
            expr(out, a, d + 1);
            out.push(')');
        }
    }
}

fn ty(out: &mut String, t: &Ty, d: usize) {
    if d > 4 {
        out.push_str("any");
        return;
    }
    match t {
        Ty::String => out.push_str("string"),
        Ty::Number => out.push_str("number"),
        Ty::Bool => out.push_str("bool"),
        Ty::Any => out.push_str("any"),
        Ty::List(inner) | Ty::Set(inner) | Ty::Map(inner) => {
            out.push_str(match t {
                Ty::List(_) => "list(",
                Ty::Set(_) => "set(",
                _ => "map(",
            });
            ty(out, inner, d + 1);
            out.push(')');
        }
        Ty::Tuple(ts) => {
            out.push_str("tuple([");
            for (i, t) in ts.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                ty(out, t, d + 1);
            }
            out.push_str("])");
        }
        Ty::Object(fields) => {
            out.push_str("object({");
            for (k, t, default) in fields {
                key(out, *k);
                out.push_str(" = ");
                if let Some(default) = default {
                    out.push_str("optional(");
                    ty(out, t, d + 1);
                    out.push_str(", ");
                    expr(out, default, MAX_DEPTH - 2);
                    out.push(')');
                } else {
                    ty(out, t, d + 1);
                }
                out.push('\n');
            }
            out.push_str("})");
        }
    }
}

fn repeat(out: &mut String, r: &Repeat) {
    match r {
        Repeat::Once => {}
        Repeat::Count(e) => {
            out.push_str("  count = ");
            expr(out, e, 1);
            out.push('\n');
        }
        Repeat::ForEach(e) => {
            out.push_str("  for_each = ");
            expr(out, e, 1);
            out.push('\n');
        }
    }
}

fn attr(out: &mut String, indent: &str, name: &str, e: &E) {
    write!(out, "{indent}{name} = ").unwrap();
    expr(out, e, 1);
    out.push('\n');
}

fn body(out: &mut String, b: &Body) {
    for (i, v) in b.vars.iter().take(6).enumerate() {
        writeln!(out, "variable \"v{i}\" {{").unwrap();
        if let Some(t) = &v.ty {
            out.push_str("  type = ");
            ty(out, t, 0);
            out.push('\n');
        }
        if let Some(e) = &v.default {
            attr(out, "  ", "default", e);
        }
        if v.not_nullable {
            out.push_str("  nullable = false\n");
        }
        out.push_str("}\n");
    }
    out.push_str("locals {\n");
    for (i, e) in b.locals.iter().take(6).enumerate() {
        attr(out, "  ", &format!("l{i}"), e);
    }
    out.push_str("}\n");
    for (i, v) in b.vaults.iter().take(3).enumerate() {
        writeln!(out, "resource \"azurerm_key_vault\" \"kv{i}\" {{").unwrap();
        repeat(out, &v.repeat);
        attr(out, "  ", "name", &v.name);
        if let Some(p) = &v.public {
            attr(out, "  ", "public_network_access_enabled", p);
        }
        match &v.acls {
            Acls::Absent => {}
            Acls::Block {
                bypass,
                default_action,
                ip_rules,
            } => {
                out.push_str("  network_acls {\n");
                for (name, e) in [
                    ("bypass", bypass),
                    ("default_action", default_action),
                    ("ip_rules", ip_rules),
                ] {
                    if let Some(e) = e {
                        attr(out, "    ", name, e);
                    }
                }
                out.push_str("  }\n");
            }
            Acls::Dynamic {
                for_each,
                iterator,
                bypass,
                default_action,
            } => {
                out.push_str("  dynamic \"network_acls\" {\n");
                attr(out, "    ", "for_each", for_each);
                if *iterator {
                    out.push_str("    iterator = acl\n");
                }
                out.push_str("    content {\n");
                attr(out, "      ", "bypass", bypass);
                attr(out, "      ", "default_action", default_action);
                out.push_str("    }\n  }\n");
            }
            Acls::Twice(a, b) => {
                for e in [a, b] {
                    out.push_str("  network_acls {\n");
                    attr(out, "    ", "bypass", e);
                    out.push_str("    default_action = \"Deny\"\n  }\n");
                }
            }
        }
        out.push_str("}\n");
    }
    for (i, e) in b.outputs.iter().take(4).enumerate() {
        writeln!(out, "output \"o{i}\" {{").unwrap();
        attr(out, "  ", "value", e);
        out.push_str("}\n");
    }
}

fuzz_target!(|config: Config| {
    let mut main = String::new();
    body(&mut main, &config.root);
    let root = vigil_fuzz::scratch();
    if let Some((child, call, args)) = &config.child {
        let mut text = String::new();
        body(&mut text, child);
        vigil_fuzz::put(&root, "m/main.tf", text.as_bytes());
        main.push_str("module \"m\" {\n  source = \"./m\"\n");
        repeat(&mut main, call);
        for (i, e) in args.iter().take(6) {
            attr(&mut main, "  ", &format!("v{}", i % 6), e);
        }
        main.push_str("}\n");
    }
    vigil_fuzz::put(&root, "main.tf", main.as_bytes());
    if !config.tfvars.is_empty() {
        let mut text = String::new();
        for (i, e) in config.tfvars.iter().take(6) {
            attr(&mut text, "", &format!("v{}", i % 6), e);
        }
        vigil_fuzz::put(&root, "terraform.tfvars", text.as_bytes());
    }
    let display = vigil_fuzz::display(&root);
    let out = vigil_terraform::evaluate_dir(&root, &display, &vigil_terraform::Options::default());
    vigil_fuzz::finish(out);
});
