//! Terraform's built-in functions, over values with origins.
//!
//! Each function follows Terraform's own semantics (cty's standard library and Terraform's
//! additions, as Terraform 1.x runs them), including its automatic conversions and the cases
//! where it knows a result although some input is unknown. Two rules keep findings pointing
//! at the line a person edits:
//!
//! - a function that *selects* one of its inputs (`coalesce`, `lookup`, `element`, the items
//!   of `concat`, ...) returns that input itself, origin and trace intact, even when it
//!   converts it (`coalesce(1, "a")` is the `1`, as a string);
//! - a function that *computes* a new value keeps the origin and trace of the one input its
//!   text comes from (`lower(var.x)` is still where `var.x` was written), or takes the call's
//!   location when several inputs contribute (`format("%s-%s", a, b)`).
//!
//! Numbers are `f64` where Terraform has 512-bit floats: results agree for the literals people
//! write, and `format` rounds decimal ties the way Terraform's wider numbers do.
//!
//! `try` and `can` are not here: they evaluate their arguments lazily, in the evaluator.

use crate::convert::{
    bool_of, canon, make_set, num_to_string, number_of, prim_string, same, type_name, unify,
};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use vigil_model::budget;
use vigil_model::limits::{FORMAT_WIDTH, TERRAFORM_RANGE, VALUE_DEPTH};
use vigil_model::{Location, Val, Value};

type Res = Result<Val, String>;
type Impl = fn(Vec<Val>, &Location) -> Res;

struct Spec {
    name: &'static str,
    /// Terraform's parameter names, for its messages about missing arguments.
    params: &'static [&'static str],
    /// Whether more arguments may follow the named ones.
    variadic: bool,
    run: Impl,
}

const fn fixed(name: &'static str, params: &'static [&'static str], run: Impl) -> Spec {
    Spec {
        name,
        params,
        variadic: false,
        run,
    }
}

const fn varargs(name: &'static str, params: &'static [&'static str], run: Impl) -> Spec {
    Spec {
        name,
        params,
        variadic: true,
        run,
    }
}

/// Every function vigil evaluates, sorted by name.
const FUNCTIONS: &[Spec] = &[
    fixed("abs", &["num"], abs),
    fixed("alltrue", &["list"], alltrue),
    fixed("anytrue", &["list"], anytrue),
    fixed("base64decode", &["str"], base64decode),
    fixed("base64encode", &["str"], base64encode),
    fixed("ceil", &["num"], ceil),
    fixed("chomp", &["str"], chomp),
    fixed("chunklist", &["list", "size"], chunklist),
    varargs("coalesce", &[], coalesce),
    varargs("coalescelist", &[], coalescelist),
    fixed("compact", &["list"], compact),
    varargs("concat", &[], concat),
    fixed("contains", &["list", "value"], contains),
    fixed("distinct", &["list"], distinct),
    fixed("element", &["list", "index"], element),
    fixed("endswith", &["str", "suffix"], endswith),
    fixed("flatten", &["list"], flatten),
    fixed("floor", &["num"], floor),
    varargs("format", &["format"], format),
    varargs("formatlist", &["format"], formatlist),
    fixed("indent", &["spaces", "str"], indent),
    fixed("index", &["list", "value"], index),
    varargs("join", &["separator"], join),
    fixed("jsondecode", &["str"], jsondecode),
    fixed("jsonencode", &["val"], jsonencode),
    fixed("keys", &["inputMap"], keys),
    fixed("length", &["value"], length),
    fixed("log", &["num", "base"], log),
    varargs("lookup", &["inputMap", "key"], lookup),
    fixed("lower", &["str"], lower),
    varargs("max", &[], max),
    varargs("merge", &[], merge),
    varargs("min", &[], min),
    fixed("nonsensitive", &["value"], identity),
    fixed("one", &["list"], one),
    fixed("parseint", &["number", "base"], parseint),
    fixed("pow", &["num", "power"], pow),
    varargs("range", &[], range),
    fixed("regex", &["pattern", "string"], regex),
    fixed("regexall", &["pattern", "string"], regexall),
    fixed("replace", &["str", "substr", "replace"], replace),
    fixed("reverse", &["list"], reverse),
    fixed("sensitive", &["value"], identity),
    varargs("setintersection", &["first_set"], setintersection),
    varargs("setproduct", &[], setproduct),
    fixed("setsubtract", &["a", "b"], setsubtract),
    varargs("setunion", &["first_set"], setunion),
    fixed("signum", &["num"], signum),
    fixed("slice", &["list", "start_index", "end_index"], slice),
    fixed("sort", &["list"], sort),
    fixed("split", &["separator", "str"], split),
    fixed("startswith", &["str", "prefix"], startswith),
    fixed("strcontains", &["str", "substr"], strcontains),
    fixed("strrev", &["str"], strrev),
    fixed("substr", &["str", "offset", "length"], substr),
    fixed("sum", &["list"], sum),
    fixed("title", &["str"], title),
    fixed("tobool", &["v"], tobool),
    fixed("tolist", &["v"], tolist),
    fixed("tomap", &["v"], tomap),
    fixed("tonumber", &["v"], tonumber),
    fixed("toset", &["v"], toset),
    fixed("tostring", &["v"], tostring),
    fixed("trim", &["str", "cutset"], trim),
    fixed("trimprefix", &["str", "prefix"], trimprefix),
    fixed("trimspace", &["str"], trimspace),
    fixed("trimsuffix", &["str", "suffix"], trimsuffix),
    fixed("upper", &["str"], upper),
    fixed("urlencode", &["str"], urlencode),
    fixed("values", &["mapping"], values),
    fixed("zipmap", &["keys", "values"], zipmap),
];

fn spec(name: &str) -> Option<&'static Spec> {
    // Terraform 1.8 lets a configuration name a built-in function as `core::name`.
    let name = name.strip_prefix("core::").unwrap_or(name);
    FUNCTIONS
        .binary_search_by(|s| s.name.cmp(name))
        .ok()
        .map(|i| &FUNCTIONS[i])
}

/// Calls a Terraform function on already-evaluated arguments. `at` is the call expression's
/// location.
///
/// `Err(message)` is an evaluation error Terraform itself would report (wrong argument type
/// or count, index out of range, invalid JSON, ...): the evaluator turns it into an unknown
/// value or, inside `try()`/`can()`, into the fallback. A function not implemented here
/// returns an unknown value whose reason names it.
pub fn call(name: &str, args: Vec<Val>, at: &Location) -> Result<Val, String> {
    let Some(spec) = spec(name) else {
        return Ok(Val::unknown(
            format!("function `{name}` is not evaluated by vigil"),
            Some(at.clone()),
        ));
    };
    let wanted = spec.params.len();
    if args.len() < wanted {
        return Err(format!(
            "not enough function arguments: function \"{}\" expects {}{} argument(s); \
             missing value for \"{}\"",
            spec.name,
            if spec.variadic { "at least " } else { "" },
            wanted,
            spec.params[args.len()]
        ));
    }
    if args.len() > wanted && !spec.variadic {
        return Err(format!(
            "too many function arguments: function \"{}\" expects only {} argument(s)",
            spec.name, wanted
        ));
    }
    (spec.run)(args, at)
}

/// Whether vigil implements `name` (`try` and `can` belong to the evaluator, not here).
pub fn is_known(name: &str) -> bool {
    spec(name).is_some()
}

// ---------------------------------------------------------------------------------------------
// Shared helpers: unknowns, origins, conversions.

/// The first unknown inside any of `vals`, which is the result of a call that needs them all
/// (it keeps its own origin and trace: that is where the unknown comes from).
fn unknown_in<'v>(vals: impl IntoIterator<Item = &'v Val>) -> Option<Val> {
    vals.into_iter()
        .find_map(|v| v.first_unknown().map(|(_, u)| u.clone()))
}

fn param_err(param: &str, msg: impl std::fmt::Display) -> String {
    format!("invalid value for \"{param}\" parameter: {msg}")
}

fn not_null(v: &Val, param: &str) -> Result<(), String> {
    match v.value {
        Value::Null => Err(param_err(param, "argument must not be null")),
        _ => Ok(()),
    }
}

fn string_arg(v: &Val, param: &str) -> Result<String, String> {
    not_null(v, param)?;
    prim_string(v).ok_or_else(|| param_err(param, "string required"))
}

fn number_arg(v: &Val, param: &str) -> Result<f64, String> {
    number_of(v).map_err(|e| param_err(param, e))
}

/// A whole number that fits Terraform's integer parameters.
fn whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&n))
        .then_some(n as i64)
}

const NOT_WHOLE: &str =
    "value must be a whole number, between -9223372036854775808 and 9223372036854775807";

fn int_arg(v: &Val, param: &str) -> Result<i64, String> {
    whole(number_arg(v, param)?).ok_or_else(|| NOT_WHOLE.to_string())
}

/// A string quoted the way Go's `%q` quotes it in Terraform's messages.
pub(crate) fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list_items<'v>(v: &'v Val, param: &str, what: &str) -> Result<&'v [Val], String> {
    match &v.value {
        Value::List(items) => Ok(items),
        Value::Null => Err(param_err(param, "argument must not be null")),
        _ => Err(param_err(param, what)),
    }
}

/// The limits of one value are the model's (see `vigil_model::budget`): a result past them is
/// refused, and the evaluator reports where (the message carries [`budget::LIMIT_MARK`]).
fn check_len(n: usize) -> Result<(), String> {
    let max = budget::limits().value_items;
    if n > max {
        Err(format!(
            "the result would have more than {max} elements, {}",
            budget::LIMIT_MARK
        ))
    } else {
        Ok(())
    }
}

fn check_text(n: usize) -> Result<(), String> {
    let limits = budget::limits();
    if n > limits.value_bytes {
        Err(format!(
            "the result would be {}, {}",
            budget::too_large(&limits),
            budget::LIMIT_MARK
        ))
    } else {
        Ok(())
    }
}

/// A new list or object made from `from`'s items: it keeps the one source's origin, or
/// takes the call's.
fn container(value: Value, from: &[&Val], at: &Location) -> Val {
    Val::computed(value, from, at)
}

// ---------------------------------------------------------------------------------------------
// Strings.

/// A function of one string whose result is made of that string's text.
fn on_string(
    args: Vec<Val>,
    at: &Location,
    op: impl FnOnce(&str) -> Result<String, String>,
) -> Res {
    let v = &args[0];
    if let Some(u) = unknown_in([v]) {
        return Ok(u);
    }
    let s = string_arg(v, "str")?;
    Ok(Val::computed(Value::String(op(&s)?), &[v], at))
}

/// Go's `unicode.ToLower`: one character to one character, so `İ` becomes `i` and no
/// context-dependent final sigma.
fn simple_lower(c: char) -> char {
    if c == '\u{130}' {
        return 'i';
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Go's `unicode.ToUpper`: characters without a one-character capital (`ß`) stay.
fn simple_upper(c: char) -> char {
    let mut it = c.to_uppercase();
    match (it.next(), it.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// Go's `unicode.ToTitle`, which differs from upper case only for the digraphs.
fn simple_title(c: char) -> char {
    match c {
        '\u{1C4}'..='\u{1C6}' => '\u{1C5}',
        '\u{1C7}'..='\u{1C9}' => '\u{1C8}',
        '\u{1CA}'..='\u{1CC}' => '\u{1CB}',
        '\u{1F1}'..='\u{1F3}' => '\u{1F2}',
        _ => simple_upper(c),
    }
}

fn lower(args: Vec<Val>, at: &Location) -> Res {
    on_string(args, at, |s| Ok(s.chars().map(simple_lower).collect()))
}

fn upper(args: Vec<Val>, at: &Location) -> Res {
    on_string(args, at, |s| Ok(s.chars().map(simple_upper).collect()))
}

/// Go's `strings.Title`: a letter after a separator is capitalised, the rest is left alone.
fn title(args: Vec<Val>, at: &Location) -> Res {
    fn separator(c: char) -> bool {
        if c.is_ascii() {
            return !(c.is_ascii_alphanumeric() || c == '_');
        }
        // Beyond ASCII only spaces separate words; punctuation such as ’ does not.
        c.is_whitespace()
    }
    on_string(args, at, |s| {
        let mut prev = ' ';
        Ok(s.chars()
            .map(|c| {
                let out = if separator(prev) { simple_title(c) } else { c };
                prev = c;
                out
            })
            .collect())
    })
}

fn trimspace(args: Vec<Val>, at: &Location) -> Res {
    // Rust's whitespace is Unicode's White_Space, the same set as Go's unicode.IsSpace.
    on_string(args, at, |s| Ok(s.trim().to_string()))
}

fn chomp(args: Vec<Val>, at: &Location) -> Res {
    on_string(args, at, |s| {
        Ok(s.trim_end_matches(['\r', '\n']).to_string())
    })
}

fn strrev(args: Vec<Val>, at: &Location) -> Res {
    on_string(args, at, |s| Ok(graphemes(s).into_iter().rev().collect()))
}

fn base64encode(args: Vec<Val>, at: &Location) -> Res {
    on_string(args, at, |s| Ok(base64_encode(s.as_bytes())))
}

fn base64decode(args: Vec<Val>, at: &Location) -> Res {
    on_string(args, at, |s| {
        let bytes = base64_decode(s)
            .ok_or_else(|| format!("failed to decode base64 data {}", go_quote(s)))?;
        String::from_utf8(bytes).map_err(|_| {
            "the result of decoding the provided string is not valid UTF-8".to_string()
        })
    })
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Go's standard (padded) base64 decoding, which skips line breaks and, not being strict,
/// ignores the unused bits of the last character.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let chars: Vec<u8> = s.bytes().filter(|b| !matches!(b, b'\r' | b'\n')).collect();
    if chars.len() & 3 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(chars.len() / 4 * 3);
    let quads = chars.len() / 4;
    for (q, quad) in chars.chunks(4).enumerate() {
        let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || pad > 0 && q + 1 != quads {
            return None;
        }
        let mut n = 0u32;
        for &c in &quad[..4 - pad] {
            let v = BASE64.iter().position(|&b| b == c)? as u32;
            n = n << 6 | v;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

/// Go's `url.QueryEscape`.
fn urlencode(args: Vec<Val>, at: &Location) -> Res {
    on_string(args, at, |s| {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    out.push(b as char)
                }
                b' ' => out.push('+'),
                _ => {
                    let _ = write!(out, "%{b:02X}");
                }
            }
        }
        Ok(out)
    })
}

/// A function of a string and a second string that only steers it (a prefix, a cutset): the
/// result's text comes from the first.
fn on_string_with(
    args: Vec<Val>,
    at: &Location,
    second: &str,
    op: impl FnOnce(&str, &str) -> String,
) -> Res {
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    let s = string_arg(&args[0], "str")?;
    let t = string_arg(&args[1], second)?;
    Ok(Val::computed(Value::String(op(&s, &t)), &[&args[0]], at))
}

fn trim(args: Vec<Val>, at: &Location) -> Res {
    on_string_with(args, at, "cutset", |s, cut| {
        s.trim_matches(|c| cut.contains(c)).to_string()
    })
}

fn trimprefix(args: Vec<Val>, at: &Location) -> Res {
    on_string_with(args, at, "prefix", |s, p| {
        s.strip_prefix(p).unwrap_or(s).to_string()
    })
}

fn trimsuffix(args: Vec<Val>, at: &Location) -> Res {
    on_string_with(args, at, "suffix", |s, p| {
        s.strip_suffix(p).unwrap_or(s).to_string()
    })
}

/// A test of a string against another: a new bool, made of both.
fn string_test(args: Vec<Val>, at: &Location, second: &str, op: fn(&str, &str) -> bool) -> Res {
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    let s = string_arg(&args[0], "str")?;
    let t = string_arg(&args[1], second)?;
    Ok(Val::computed(Value::Bool(op(&s, &t)), &[], at))
}

fn startswith(args: Vec<Val>, at: &Location) -> Res {
    string_test(args, at, "prefix", |s, p| s.starts_with(p))
}

fn endswith(args: Vec<Val>, at: &Location) -> Res {
    string_test(args, at, "suffix", |s, p| s.ends_with(p))
}

fn strcontains(args: Vec<Val>, at: &Location) -> Res {
    string_test(args, at, "substr", |s, p| s.contains(p))
}

fn indent(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    let n = int_arg(&args[0], "spaces")?;
    let s = string_arg(&args[1], "str")?;
    // Terraform panics on a negative count.
    let n = usize::try_from(n).map_err(|_| param_err("spaces", "must not be negative"))?;
    let lines = s.matches('\n').count();
    let out = if lines == 0 {
        s
    } else {
        check_text(s.len().saturating_add(lines.saturating_mul(n)))?;
        s.replace('\n', &format!("\n{}", " ".repeat(n)))
    };
    Ok(Val::computed(Value::String(out), &[&args[1]], at))
}

/// Terraform counts, cuts and reverses strings by grapheme cluster (what a reader sees as one
/// character), as Unicode's segmentation rules define them.
fn substr(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    let s = string_arg(&args[0], "str")?;
    let offset = int_arg(&args[1], "offset")?;
    let length = int_arg(&args[2], "length")?;
    let clusters = graphemes(&s);
    let total = clusters.len() as i64;
    // cty's quirks, kept: a zero length is empty only for an offset from the start (from the
    // end it reads to the end), and an offset still before the start after counting from the
    // end starts at the beginning.
    let start = if offset < 0 {
        offset.saturating_add(total).max(0)
    } else if length == 0 {
        total
    } else {
        offset
    };
    let out: String = if start >= total {
        String::new()
    } else if length <= 0 {
        clusters[start as usize..].concat()
    } else {
        let end = start.saturating_add(length).min(total);
        clusters[start as usize..end as usize].concat()
    };
    Ok(Val::computed(Value::String(out), &[&args[0]], at))
}

fn split(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    let sep = string_arg(&args[0], "separator")?;
    let s = string_arg(&args[1], "str")?;
    let src = &args[1];
    // Go's strings.Split: an empty separator splits into characters, and splits "" into
    // nothing.
    let parts: Vec<&str> = if sep.is_empty() {
        s.char_indices()
            .map(|(i, c)| &s[i..i + c.len_utf8()])
            .collect()
    } else {
        s.split(sep.as_str()).collect()
    };
    check_len(parts.len())?;
    let items = parts
        .into_iter()
        .map(|p| Val::computed(Value::String(p.to_string()), &[src], at))
        .collect();
    Ok(container(Value::List(items), &[src], at))
}

fn join(args: Vec<Val>, at: &Location) -> Res {
    if args.len() < 2 {
        return Err("at least one list is required".into());
    }
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    let sep = string_arg(&args[0], "separator")?;
    let lists = &args[1..];
    let mut parts: Vec<String> = Vec::new();
    let mut from: Vec<&Val> = Vec::new();
    let mut size = 0usize;
    for (j, list) in lists.iter().enumerate() {
        let items = list_items(list, "lists", "list of string required")?;
        for (i, item) in items.iter().enumerate() {
            let s = match &item.value {
                Value::Null if lists.len() > 1 => {
                    return Err(param_err(
                        "lists",
                        format!(
                            "element {i} of list {} is null; cannot concatenate null values",
                            j + 1
                        ),
                    ))
                }
                Value::Null => {
                    return Err(param_err(
                        "lists",
                        format!("element {i} is null; cannot concatenate null values"),
                    ))
                }
                _ => prim_string(item)
                    .ok_or_else(|| param_err("lists", format!("element {i}: string required")))?,
            };
            size = size.saturating_add(s.len() + sep.len());
            check_text(size)?;
            parts.push(s);
            from.push(item);
        }
    }
    Ok(Val::computed(Value::String(parts.join(&sep)), &from, at))
}

fn replace(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    let s = string_arg(&args[0], "str")?;
    let pattern = string_arg(&args[1], "substr")?;
    let with = string_arg(&args[2], "replace")?;
    let (out, replaced, literal_text) =
        if pattern.len() > 1 && pattern.starts_with('/') && pattern.ends_with('/') {
            let re = go_regex(&pattern[1..pattern.len() - 1])
                .map_err(|e| format!("error parsing regexp: {e}"))?;
            let template = parse_template(&with);
            let literal_text = template
                .iter()
                .any(|p| matches!(p, Piece::Text(t) if !t.is_empty()));
            let mut out = String::with_capacity(s.len());
            let mut last = 0;
            let mut count = 0usize;
            for caps in re.captures_iter(&s) {
                let m = caps.get(0).expect("group 0 is the whole match");
                out.push_str(&s[last..m.start()]);
                expand(&template, &re, &caps, &mut out);
                check_text(out.len())?;
                last = m.end();
                count += 1;
            }
            out.push_str(&s[last..]);
            (out, count > 0, literal_text)
        } else {
            let count = if pattern.is_empty() {
                s.chars().count() + 1
            } else {
                s.matches(pattern.as_str()).count()
            };
            check_text(s.len().saturating_add(count.saturating_mul(with.len())))?;
            (
                s.replace(pattern.as_str(), &with),
                count > 0,
                !with.is_empty(),
            )
        };
    let from: Vec<&Val> = if replaced && literal_text {
        vec![&args[0], &args[2]]
    } else {
        vec![&args[0]]
    };
    Ok(Val::computed(Value::String(out), &from, at))
}

/// A part of a Go regexp replacement template.
enum Piece {
    Text(String),
    Group(usize),
    Named(String),
}

/// Go's `Regexp.Expand` template: `$1`, `${1}`, `$name`, `${name}` and `$$`; a name is the
/// longest run of letters, digits and `_` (so `$1x` names the group "1x"), and a `$` that
/// starts no valid reference is kept as text.
fn parse_template(t: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = t;
    while let Some(i) = rest.find('$') {
        text.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('$') {
            text.push('$');
            rest = r;
            continue;
        }
        let (braced, body) = match rest.strip_prefix('{') {
            Some(b) => (true, b),
            None => (false, rest),
        };
        let len: usize = body
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .map(char::len_utf8)
            .sum();
        let name = &body[..len];
        let after = &body[len..];
        let ok = !name.is_empty() && (!braced || after.starts_with('}'));
        if !ok {
            text.push('$');
            continue;
        }
        rest = if braced { &after[1..] } else { after };
        pieces.push(Piece::Text(std::mem::take(&mut text)));
        let number = (name.bytes().all(|b| b.is_ascii_digit())
            && !(name.len() > 1 && name.starts_with('0')))
        .then(|| name.parse::<usize>().ok())
        .flatten();
        pieces.push(match number {
            Some(n) => Piece::Group(n),
            None => Piece::Named(name.to_string()),
        });
    }
    text.push_str(rest);
    pieces.push(Piece::Text(text));
    pieces
}

fn expand(template: &[Piece], re: &regex::Regex, caps: &regex::Captures, out: &mut String) {
    for p in template {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Group(n) => {
                if let Some(m) = caps.get(*n) {
                    out.push_str(m.as_str());
                }
            }
            Piece::Named(name) => {
                // Go takes the first group of that name.
                let index = re.capture_names().position(|n| n == Some(name.as_str()));
                if let Some(m) = index.and_then(|i| caps.get(i)) {
                    out.push_str(m.as_str());
                }
            }
        }
    }
}

/// Compiles a Go (RE2) regular expression with Rust's engine, which shares its syntax except
/// that Go's `\d`, `\w`, `\s` and `\b` are ASCII-only, Go has `\Q...\E`, and inside a class Go
/// reads `[`, `&&`, `--` and `~~` literally where Rust nests or combines classes.
fn go_regex(pattern: &str) -> Result<regex::Regex, String> {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    // Whether the class was just opened, where `]` is a literal.
    let mut class_start = false;
    while let Some(c) = chars.next() {
        let was_start = std::mem::replace(&mut class_start, false);
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match e {
                    'd' => out.push_str("[0-9]"),
                    'D' => out.push_str("[^0-9]"),
                    'w' => out.push_str("[0-9A-Za-z_]"),
                    'W' => out.push_str("[^0-9A-Za-z_]"),
                    's' => out.push_str("[\\t\\n\\f\\r ]"),
                    'S' => out.push_str("[^\\t\\n\\f\\r ]"),
                    'b' if !in_class => out.push_str("(?-u:\\b)"),
                    'B' if !in_class => out.push_str("(?-u:\\B)"),
                    '<' | '>' => out.push(e),
                    'Q' => {
                        let mut lit = String::new();
                        while let Some(q) = chars.next() {
                            if q == '\\' && chars.peek() == Some(&'E') {
                                chars.next();
                                break;
                            }
                            lit.push(q);
                        }
                        if in_class {
                            for q in lit.chars() {
                                push_class_literal(&mut out, q);
                            }
                        } else {
                            out.push_str(&regex::escape(&lit));
                        }
                    }
                    _ => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    chars.next();
                    out.push('^');
                }
                class_start = true;
            }
            '[' if chars.peek() == Some(&':') => {
                // A POSIX class such as [:alpha:], which both engines read alike.
                out.push('[');
                for p in chars.by_ref() {
                    out.push(p);
                    if p == ']' {
                        break;
                    }
                }
            }
            ']' if in_class && was_start => out.push_str("\\]"),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '[' | '&' | '~' if in_class => push_class_literal(&mut out, c),
            '{' if !in_class => {
                // Go reads a brace that starts no repetition as itself, and refuses counts
                // above 1000, where Rust errs on the first and only limits size.
                let rest: String = chars.clone().take_while(|&c| c != '}').collect();
                let closed = chars.clone().any(|c| c == '}');
                let counts: Vec<&str> = rest.split(',').collect();
                let is_repeat = closed
                    && counts.len() <= 2
                    && !counts[0].is_empty()
                    && counts.iter().all(|c| c.bytes().all(|b| b.is_ascii_digit()));
                if !is_repeat {
                    out.push_str("\\{");
                } else if counts
                    .iter()
                    .any(|c| c.len() > 4 || c.parse::<u32>().unwrap_or(0) > 1000)
                {
                    return Err(format!("invalid repeat count: `{{{rest}}}`"));
                } else {
                    out.push('{');
                }
            }
            '-' if in_class && chars.peek() == Some(&'-') => out.push_str("\\-"),
            _ => out.push(c),
        }
    }
    regex::RegexBuilder::new(&out)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| match e {
            regex::Error::Syntax(msg) => msg.lines().last().unwrap_or_default().trim().to_string(),
            other => other.to_string(),
        })
}

fn push_class_literal(out: &mut String, c: char) {
    if "[]\\^-&~".contains(c) {
        out.push('\\');
    }
    out.push(c);
}

fn length(args: Vec<Val>, at: &Location) -> Res {
    let v = &args[0];
    let n = match &v.value {
        Value::Unknown(_) => return Ok(v.clone()),
        Value::Null => return Err(param_err("value", "argument must not be null")),
        Value::String(s) => graphemes(s).len(),
        // The number of elements is known even when some of them are not.
        Value::List(items) => items.len(),
        Value::Object(map) => map.len(),
        Value::Bool(_) | Value::Number(_) => {
            return Err("argument must be a string, a collection type, or a structural type".into())
        }
    };
    Ok(Val::computed(Value::Number(n as f64), &[v], at))
}

// ---------------------------------------------------------------------------------------------
// format and formatlist.

/// One `%` verb of a format string.
#[derive(Default)]
struct Verb {
    /// The verb as written, e.g. `%-5.2f`, for messages.
    raw: String,
    /// Byte offset of its `%`, for messages.
    offset: usize,
    /// 1-based argument number.
    arg: usize,
    zero: bool,
    sharp: bool,
    plus: bool,
    minus: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
    mode: char,
}

/// What one format call produced and what its text is made of.
struct Formatted {
    text: String,
    /// Whether the format string's own text (not only verbs) is in the result.
    literal: bool,
    /// Arguments (0-based) a verb used.
    used: Vec<usize>,
}

/// cty's format machine: `%%`, then `%` flags (`0#-+ `), an optional `[n]` argument index,
/// an optional width, an optional `.precision`, and a letter.
fn format_text(fmt: &str, args: &[Val]) -> Result<Formatted, String> {
    let chars: Vec<(usize, char)> = fmt.char_indices().collect();
    let mut out = Formatted {
        text: String::with_capacity(fmt.len()),
        literal: false,
        used: Vec::new(),
    };
    let mut next_arg = 1usize;
    let mut max_arg = 0usize;
    let mut i = 0;
    let unrecognized = |i: usize| {
        let (off, c) = chars[i];
        format!("unrecognized format character '{c}' at offset {off}")
    };
    let eof = || format!("invalid format string starting at offset {}", fmt.len());
    while i < chars.len() {
        let (start, c) = chars[i];
        if c != '%' {
            out.text.push(c);
            out.literal = true;
            i += 1;
            continue;
        }
        if chars.get(i + 1).map(|p| p.1) == Some('%') {
            out.text.push('%');
            out.literal = true;
            i += 2;
            continue;
        }
        i += 1;
        let mut verb = Verb {
            offset: start,
            arg: next_arg,
            ..Verb::default()
        };
        while let Some(&(_, c)) = chars.get(i) {
            match c {
                '0' => verb.zero = true,
                '#' => verb.sharp = true,
                '-' => verb.minus = true,
                '+' => verb.plus = true,
                ' ' => verb.space = true,
                _ => break,
            }
            i += 1;
        }
        if chars.get(i).map(|p| p.1) == Some('[') {
            i += 1;
            let mut n = 0usize;
            let mut digits = 0;
            loop {
                let Some(&(_, c)) = chars.get(i) else {
                    return Err(eof());
                };
                match c {
                    '0'..='9' if !(digits == 0 && c == '0') => {
                        n = n
                            .saturating_mul(10)
                            .saturating_add(c as usize - '0' as usize);
                        digits += 1;
                    }
                    ']' if digits > 0 => {
                        i += 1;
                        break;
                    }
                    _ => return Err(unrecognized(i)),
                }
                i += 1;
            }
            verb.arg = n;
        }
        let number = |i: &mut usize| {
            let mut n = 0usize;
            while let Some(&(_, c @ '0'..='9')) = chars.get(*i) {
                n = n
                    .saturating_mul(10)
                    .saturating_add(c as usize - '0' as usize);
                *i += 1;
            }
            n
        };
        if matches!(chars.get(i), Some((_, '1'..='9'))) {
            verb.width = Some(number(&mut i));
        }
        if chars.get(i).map(|p| p.1) == Some('.') {
            i += 1;
            verb.prec = Some(number(&mut i));
        }
        let Some(&(_, mode)) = chars.get(i) else {
            return Err(eof());
        };
        if !mode.is_ascii_alphabetic() {
            return Err(unrecognized(i));
        }
        i += 1;
        verb.mode = mode;
        let end = chars.get(i).map_or(fmt.len(), |p| p.0);
        verb.raw = fmt[start..end].to_string();
        if verb.width.unwrap_or(0) > FORMAT_WIDTH || verb.prec.unwrap_or(0) > FORMAT_WIDTH {
            return Err(format!(
                "the width or precision of {} is more than vigil evaluates",
                go_quote(&verb.raw)
            ));
        }
        let Some(arg) = verb.arg.checked_sub(1).and_then(|a| args.get(a)) else {
            return Err(format!(
                "not enough arguments for {} at {}: need index {} but have {} total",
                go_quote(&verb.raw),
                verb.offset,
                verb.arg,
                args.len()
            ));
        };
        format_verb(&verb, arg, &mut out.text)?;
        check_text(out.text.len())?;
        out.used.push(verb.arg - 1);
        max_arg = max_arg.max(verb.arg);
        next_arg = verb.arg + 1;
    }
    if args.len() > max_arg {
        return Err(param_err(
            "args",
            if max_arg == 0 {
                "too many arguments; no verbs in format string".to_string()
            } else {
                format!("too many arguments; only {max_arg} used by format string")
            },
        ));
    }
    out.used.sort_unstable();
    out.used.dedup();
    Ok(out)
}

fn format_verb(verb: &Verb, arg: &Val, out: &mut String) -> Result<(), String> {
    let fail = |msg: &str| {
        format!(
            "unsupported value for {} at {}: {msg}",
            go_quote(&verb.raw),
            verb.offset
        )
    };
    if verb.mode != 'v' && matches!(arg.value, Value::Null) {
        return Err(fail("null value cannot be formatted"));
    }
    match verb.mode {
        'v' => {
            let text = match &arg.value {
                Value::String(s) if !verb.sharp => s.clone(),
                Value::Number(n) if !verb.sharp => float_text(*n, 'g', None),
                _ => json_text(arg).map_err(|e| fail(&e))?,
            };
            out.push_str(&pad_width(verb, text));
        }
        't' => {
            let b = bool_of(arg).map_err(|_| fail("a bool is required"))?;
            out.push_str(if b { "true" } else { "false" });
        }
        'b' | 'd' | 'o' | 'x' | 'X' => {
            let n = number_of(arg).map_err(|_| fail("a number is required"))?;
            let text = format_integer(verb, n).ok_or_else(|| fail("an integer is required"))?;
            out.push_str(&text);
        }
        'e' | 'E' | 'f' | 'g' | 'G' => {
            let n = number_of(arg).map_err(|_| fail("a number is required"))?;
            out.push_str(&format_float(verb, n));
        }
        's' | 'q' => {
            let mut s = prim_string(arg).ok_or_else(|| fail("string required"))?;
            if let Some(p) = verb.prec.filter(|&p| p > 0) {
                s = graphemes(&s).into_iter().take(p).collect();
            }
            if verb.mode == 'q' {
                let mut q = String::new();
                json_string(&s, &mut q);
                s = q;
            }
            out.push_str(&pad_width(verb, s));
        }
        m => {
            return Err(format!(
                "unsupported format verb '{m}' in {} at offset {}",
                go_quote(&verb.raw),
                verb.offset
            ))
        }
    }
    Ok(())
}

/// cty pads strings and `%v` itself, counting grapheme clusters.
fn pad_width(verb: &Verb, text: String) -> String {
    let Some(width) = verb.width else {
        return text;
    };
    let have = graphemes(&text).len();
    if have >= width {
        return text;
    }
    let pad = if verb.zero { "0" } else { " " }.repeat(width - have);
    if verb.minus {
        text + &pad
    } else {
        pad + &text
    }
}

/// A number's decimal digits, as Go's `big` package rounds and prints them: the value is
/// 0.`mant` × 10^`exp`, `mant` without leading or trailing zeros (empty for zero).
struct Decimal {
    mant: Vec<u8>,
    exp: i64,
    /// The magnitude, to settle ties the way Terraform's 512-bit numbers do.
    value: f64,
}

impl Decimal {
    /// The shortest digits that read back as `x` (the digits a person wrote).
    fn of(x: f64) -> Decimal {
        let x = x.abs();
        let text = format!("{x:e}");
        let (m, e) = text.split_once('e').unwrap_or((&text, "0"));
        let e: i64 = e.parse().unwrap_or(0);
        let mut mant: Vec<u8> = m.bytes().filter(u8::is_ascii_digit).collect();
        while mant.last() == Some(&b'0') {
            mant.pop();
        }
        let lead = mant.iter().take_while(|&&d| d == b'0').count();
        mant.drain(..lead);
        let exp = if mant.is_empty() { 0 } else { e + 1 };
        Decimal {
            mant,
            exp,
            value: x,
        }
    }

    fn at(&self, i: i64) -> u8 {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.mant.get(i).copied())
            .unwrap_or(b'0')
    }

    /// Rounds to `n` digits, half to even as Go does for exact ties.
    fn round(&mut self, n: i64) {
        let Ok(n) = usize::try_from(n) else { return };
        if n >= self.mant.len() {
            return;
        }
        let up = if self.mant[n] == b'5' && n + 1 == self.mant.len() {
            match self.tie_direction() {
                Some(up) => up,
                None => n > 0 && (self.mant[n - 1] - b'0') % 2 == 1,
            }
        } else {
            self.mant[n] >= b'5'
        };
        if up {
            let mut k = n;
            while k > 0 && self.mant[k - 1] == b'9' {
                k -= 1;
            }
            if k == 0 {
                self.mant.clear();
                self.mant.push(b'1');
                self.exp += 1;
            } else {
                self.mant[k - 1] += 1;
                self.mant.truncate(k);
            }
        } else {
            self.mant.truncate(n);
            while self.mant.last() == Some(&b'0') {
                self.mant.pop();
            }
            if self.mant.is_empty() {
                self.exp = 0;
            }
        }
    }

    /// A decimal tie such as 2.675 is no tie for Terraform: it holds the nearest 512-bit
    /// binary number, a little above or below. Whether above: the fraction of
    /// D·2^e / 10^k (the digits D with k decimals, scaled to 512 bits) is at least one half.
    /// `None` when the decimal is exact in binary or out of this method's reach.
    fn tie_direction(&self) -> Option<bool> {
        let k = self.mant.len() as i64 - self.exp;
        if k <= 0 || k > 27 || self.mant.len() > 19 {
            return None;
        }
        let digits: u64 = std::str::from_utf8(&self.mant).ok()?.parse().ok()?;
        let biased = ((self.value.to_bits() >> 52) & 0x7ff) as i64;
        if biased == 0 || biased == 0x7ff {
            return None;
        }
        let e = 511 - (biased - 1023);
        let shift = u64::try_from(e - k).ok()?;
        let m = 5u64.pow(k as u32);
        let mulmod = |a: u64, b: u64| (u128::from(a) * u128::from(b) % u128::from(m)) as u64;
        let (mut pow, mut base, mut s) = (1 % m, 2 % m, shift);
        while s > 0 {
            if s & 1 == 1 {
                pow = mulmod(pow, base);
            }
            base = mulmod(base, base);
            s >>= 1;
        }
        let rem = mulmod(digits % m, pow);
        (rem != 0).then(|| 2 * u128::from(rem) > u128::from(m))
    }

    /// The digits of a whole number, or `None` if it has a fraction.
    fn integer_digits(&self) -> Option<String> {
        if self.mant.is_empty() {
            return Some("0".into());
        }
        let exp = usize::try_from(self.exp).ok()?;
        if exp < self.mant.len() {
            return None;
        }
        let mut s = String::from_utf8(self.mant.clone()).ok()?;
        s.extend(std::iter::repeat_n('0', exp - self.mant.len()));
        Some(s)
    }
}

/// Go's `big.Float.Text`: `fmt` is e, E, f, g or G; `prec` digits after the point (for g,
/// significant digits), or the shortest that identify the number.
fn float_text(x: f64, fmt: char, prec: Option<usize>) -> String {
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        if x > 0.0 {
            out.push('+');
        }
        out.push_str("Inf");
        return out;
    }
    let mut d = Decimal::of(x);
    let len = |d: &Decimal| d.mant.len() as i64;
    let shortest = prec.is_none();
    let mut prec = match prec {
        Some(p) => {
            let mut p = p as i64;
            match fmt {
                'e' | 'E' => d.round(1 + p),
                'f' => d.round(d.exp + p),
                _ => {
                    if p == 0 {
                        p = 1;
                    }
                    d.round(p)
                }
            }
            p
        }
        None => match fmt {
            'e' | 'E' => len(&d) - 1,
            'f' => (len(&d) - d.exp).max(0),
            _ => len(&d),
        },
    };
    match fmt {
        'e' | 'E' => fmt_e(&mut out, fmt, prec, &d),
        'f' => fmt_f(&mut out, prec, &d),
        _ => {
            let mut eprec = prec;
            if eprec > len(&d) && len(&d) >= d.exp {
                eprec = len(&d);
            }
            if shortest {
                eprec = 6;
            }
            let exp = d.exp - 1;
            let e = if fmt == 'G' { 'E' } else { 'e' };
            if exp < -4 || exp >= eprec {
                if prec > len(&d) {
                    prec = len(&d);
                }
                fmt_e(&mut out, e, prec - 1, &d);
            } else {
                if prec > d.exp {
                    prec = len(&d);
                }
                fmt_f(&mut out, (prec - d.exp).max(0), &d);
            }
        }
    }
    out
}

fn fmt_e(out: &mut String, e: char, prec: i64, d: &Decimal) {
    out.push(d.mant.first().map_or('0', |&c| c as char));
    if prec > 0 {
        out.push('.');
        for i in 1..=prec {
            out.push(d.at(i) as char);
        }
    }
    out.push(e);
    let exp = if d.mant.is_empty() { 0 } else { d.exp - 1 };
    out.push(if exp < 0 { '-' } else { '+' });
    let _ = write!(out, "{:02}", exp.abs());
}

fn fmt_f(out: &mut String, prec: i64, d: &Decimal) {
    if d.exp > 0 {
        for i in 0..d.exp {
            out.push(d.at(i) as char);
        }
    } else {
        out.push('0');
    }
    if prec > 0 {
        out.push('.');
        for i in 0..prec {
            out.push(d.at(d.exp + i) as char);
        }
    }
}

/// Go's `fmt` on a `big.Float`: default precision 6 for e and f, shortest for g; the sign
/// flags; and padding, where `0` wins over `-`.
fn format_float(verb: &Verb, x: f64) -> String {
    let prec = match verb.mode {
        'e' | 'E' | 'f' => Some(verb.prec.unwrap_or(6)),
        _ => verb.prec,
    };
    let text = float_text(x, verb.mode, prec);
    let (sign, body) = if let Some(b) = text.strip_prefix('-') {
        ("-", b)
    } else if let Some(b) = text.strip_prefix('+') {
        (if verb.space { " " } else { "+" }, b)
    } else if verb.plus {
        ("+", text.as_str())
    } else if verb.space {
        (" ", text.as_str())
    } else {
        ("", text.as_str())
    };
    let pad = verb
        .width
        .map_or(0, |w| w.saturating_sub(sign.len() + body.len()));
    if verb.zero && !x.is_infinite() {
        format!("{sign}{}{body}", "0".repeat(pad))
    } else if verb.minus {
        format!("{sign}{body}{}", " ".repeat(pad))
    } else {
        format!("{}{sign}{body}", " ".repeat(pad))
    }
}

/// Go's `fmt` on a `big.Int` (b, d, o, x, X); `None` when the number is not whole.
fn format_integer(verb: &Verb, x: f64) -> Option<String> {
    if !x.is_finite() {
        return None;
    }
    let decimal = Decimal::of(x).integer_digits()?;
    let digits = match verb.mode {
        'b' => to_base(&decimal, 2, false),
        'o' => to_base(&decimal, 8, false),
        'x' => to_base(&decimal, 16, false),
        'X' => to_base(&decimal, 16, true),
        _ => decimal,
    };
    let sign = if x < 0.0 {
        "-"
    } else if verb.plus {
        "+"
    } else if verb.space {
        " "
    } else {
        ""
    };
    let prefix = match (verb.sharp, verb.mode) {
        (true, 'b') => "0b",
        (true, 'o') => "0",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    let mut zeros = 0;
    if let Some(p) = verb.prec {
        if digits.len() < p {
            zeros = p - digits.len();
        } else if digits == "0" && p == 0 {
            // Go prints nothing at all for zero at precision zero, not even padding.
            return Some(String::new());
        }
    }
    let length = sign.len() + prefix.len() + zeros + digits.len();
    let (mut left, mut right) = (0, 0);
    if let Some(w) = verb.width.filter(|&w| w > length) {
        let d = w - length;
        if verb.minus {
            right = d;
        } else if verb.zero && verb.prec.is_none() {
            zeros = d;
        } else {
            left = d;
        }
    }
    Some(format!(
        "{}{sign}{prefix}{}{digits}{}",
        " ".repeat(left),
        "0".repeat(zeros),
        " ".repeat(right)
    ))
}

/// A whole number given by its decimal digits, in another base.
fn to_base(decimal: &str, base: u32, upper: bool) -> String {
    let mut num: Vec<u32> = decimal.bytes().map(|b| u32::from(b - b'0')).collect();
    let mut out = Vec::new();
    while !num.is_empty() {
        let mut rem = 0;
        let mut next = Vec::with_capacity(num.len());
        for &d in &num {
            let cur = rem * 10 + d;
            let q = cur / base;
            rem = cur % base;
            if !(next.is_empty() && q == 0) {
                next.push(q);
            }
        }
        out.push(rem);
        num = next;
    }
    if out.is_empty() {
        return "0".into();
    }
    let table: &[u8] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    out.iter()
        .rev()
        .map(|&d| table[d as usize] as char)
        .collect()
}

fn format(args: Vec<Val>, at: &Location) -> Res {
    // Collections print as JSON, which needs them wholly known.
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    // Terraform gives no value (an unknown in its plan) for an untyped null argument, and
    // prints a typed one (`tostring(null)`); vigil's nulls have no type.
    if args[1..].iter().any(|a| matches!(a.value, Value::Null)) {
        return Ok(Val::unknown(
            "format() of a null argument has no value in Terraform's plan",
            Some(at.clone()),
        ));
    }
    let fmt = string_arg(&args[0], "format")?;
    let rest = &args[1..];
    let done = format_text(&fmt, rest)?;
    Ok(formatted(done, &args[0], rest, at))
}

/// The result of one format call, located by what its text is made of.
fn formatted(done: Formatted, fmt: &Val, args: &[Val], at: &Location) -> Val {
    let mut from: Vec<&Val> = done.used.iter().map(|&i| &args[i]).collect();
    if done.literal {
        from.push(fmt);
    }
    Val::computed(Value::String(done.text), &from, at)
}

fn formatlist(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = unknown_in([&args[0]]) {
        return Ok(u);
    }
    let fmt = string_arg(&args[0], "format")?;
    let rest = &args[1..];
    // Lists are iterated together; anything else is used in every iteration.
    let mut count: Option<(usize, usize)> = None;
    for (i, a) in rest.iter().enumerate() {
        match &a.value {
            Value::Unknown(_) => return Ok(a.clone()),
            Value::List(items) => match count {
                None => count = Some((items.len(), i)),
                Some((n, first)) if n != items.len() => {
                    return Err(param_err(
                        "args",
                        format!(
                            "argument {} has length {}, which is inconsistent with argument {} \
                             of length {n}",
                            i + 1,
                            items.len(),
                            first + 1
                        ),
                    ))
                }
                _ => {}
            },
            _ => {}
        }
    }
    let n = count.map_or(1, |c| c.0);
    let mut out = Vec::with_capacity(n);
    let mut size = 0usize;
    for k in 0..n {
        let call: Vec<Val> = rest
            .iter()
            .map(|a| match &a.value {
                Value::List(items) => items[k].clone(),
                _ => a.clone(),
            })
            .collect();
        if let Some(u) = unknown_in(&call) {
            out.push(u);
            continue;
        }
        let done =
            format_text(&fmt, &call).map_err(|e| format!("error on format iteration {k}: {e}"))?;
        size = size.saturating_add(done.text.len());
        check_text(size)?;
        out.push(formatted(done, &args[0], &call, at));
    }
    Ok(Val::list(out, Some(at.clone())))
}

// ---------------------------------------------------------------------------------------------
// JSON.

/// Go's JSON string encoding, as Terraform's `jsonencode` uses it: `<`, `>`, `&`, U+2028 and
/// U+2029 escaped for HTML's sake.
fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' | '\0'..='\u{1f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A wholly known value as Terraform's `jsonencode` writes it: keys sorted, numbers without
/// exponent or trailing zeros, no spaces.
fn json_text(v: &Val) -> Result<String, String> {
    fn go(v: &Val, out: &mut String, depth: usize) -> Result<(), String> {
        if depth > VALUE_DEPTH {
            return Err("value is nested too deeply".into());
        }
        match &v.value {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) if n.is_finite() => out.push_str(&num_to_string(*n)),
            Value::Number(_) => return Err("cannot serialize infinity as JSON".into()),
            Value::String(s) => json_string(s, out),
            Value::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    go(item, out, depth + 1)?;
                }
                out.push(']');
            }
            Value::Object(map) => {
                out.push('{');
                for (i, (k, item)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_string(k, out);
                    out.push(':');
                    go(item, out, depth + 1)?;
                }
                out.push('}');
            }
            Value::Unknown(_) => return Err("value is not known".into()),
        }
        check_text(out.len())
    }
    let mut out = String::new();
    go(v, &mut out, 0)?;
    Ok(out)
}

fn jsonencode(args: Vec<Val>, at: &Location) -> Res {
    let v = &args[0];
    if let Some(u) = unknown_in([v]) {
        return Ok(u);
    }
    let text = json_text(v).map_err(|e| param_err("val", e))?;
    Ok(Val::computed(Value::String(text), &[v], at))
}

fn jsondecode(args: Vec<Val>, at: &Location) -> Res {
    let v = &args[0];
    if let Some(u) = unknown_in([v]) {
        return Ok(u);
    }
    let s = string_arg(v, "str")?;
    let json: serde_json::Value = serde_json::from_str(&s).map_err(|e| e.to_string())?;
    // Every part of the decoded value was written in the string.
    let origin = v.origin.clone().or_else(|| Some(at.clone()));
    fn build(j: serde_json::Value, origin: &Option<Location>, trace: &[vigil_model::Hop]) -> Val {
        let value = match j {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(items) => {
                Value::List(items.into_iter().map(|i| build(i, origin, trace)).collect())
            }
            serde_json::Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(k, i)| (k, build(i, origin, trace)))
                    .collect(),
            ),
        };
        Val {
            value,
            origin: origin.clone(),
            trace: trace.to_vec(),
        }
    }
    Ok(build(json, &origin, &v.trace))
}

// ---------------------------------------------------------------------------------------------
// Regular expressions.

/// What one match yields: the match itself when the pattern has no groups, a list of the
/// groups, or an object of the named groups (unmatched groups are null).
fn regex_shape(pattern: &str) -> Result<(regex::Regex, usize, bool), String> {
    let re = go_regex(pattern)
        .map_err(|e| param_err("pattern", format!("invalid regexp pattern: {e}")))?;
    let groups = re.captures_len() - 1;
    let named = re.capture_names().flatten().count();
    if named > 0 && named < groups {
        return Err(param_err(
            "pattern",
            "invalid regexp pattern: cannot mix both named and unnamed capture groups",
        ));
    }
    Ok((re, groups, named > 0))
}

fn regex_match(
    re: &regex::Regex,
    caps: &regex::Captures,
    groups: usize,
    named: bool,
    src: &Val,
    at: &Location,
) -> Val {
    let text = |m: Option<regex::Match>| match m {
        Some(m) => Val::computed(Value::String(m.as_str().to_string()), &[src], at),
        None => Val::computed(Value::Null, &[src], at),
    };
    if groups == 0 {
        text(caps.get(0))
    } else if named {
        let map = re
            .capture_names()
            .enumerate()
            .filter_map(|(i, n)| n.map(|n| (n.to_string(), text(caps.get(i)))))
            .collect();
        container(Value::Object(map), &[src], at)
    } else {
        let items = (1..=groups).map(|i| text(caps.get(i))).collect();
        container(Value::List(items), &[src], at)
    }
}

fn regex(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    let pattern = string_arg(&args[0], "pattern")?;
    let s = string_arg(&args[1], "string")?;
    let (re, groups, named) = regex_shape(&pattern)?;
    let caps = re
        .captures(&s)
        .ok_or("pattern did not match any part of the given string")?;
    Ok(regex_match(&re, &caps, groups, named, &args[1], at))
}

fn regexall(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    let pattern = string_arg(&args[0], "pattern")?;
    let s = string_arg(&args[1], "string")?;
    let (re, groups, named) = regex_shape(&pattern)?;
    let mut out = Vec::new();
    for caps in re.captures_iter(&s) {
        out.push(regex_match(&re, &caps, groups, named, &args[1], at));
        check_len(out.len())?;
    }
    Ok(container(Value::List(out), &[&args[1]], at))
}

// ---------------------------------------------------------------------------------------------
// Selection and collections.

fn identity(mut args: Vec<Val>, _at: &Location) -> Res {
    Ok(args.swap_remove(0))
}

/// The first argument that is neither null nor an empty string, all converted to their common
/// type. An unknown argument before it could be that one, so the result is unknown.
fn coalesce(args: Vec<Val>, _at: &Location) -> Res {
    let same_type = "all arguments must have the same type";
    if args.is_empty() {
        return Err(same_type.into());
    }
    let args = unify(args).ok_or(same_type)?;
    for a in args {
        match &a.value {
            Value::Unknown(_) => return Ok(a),
            Value::Null => {}
            Value::String(s) if s.is_empty() => {}
            _ => return Ok(a),
        }
    }
    Err("no non-null, non-empty-string arguments".into())
}

fn coalescelist(args: Vec<Val>, _at: &Location) -> Res {
    for a in &args {
        if !matches!(a.value, Value::List(_) | Value::Unknown(_)) {
            return Err("coalescelist arguments must be lists or tuples".into());
        }
    }
    for a in args {
        match &a.value {
            Value::Unknown(_) => return Ok(a),
            // Its length is known even when its elements are not.
            Value::List(items) if !items.is_empty() => return Ok(a),
            _ => {}
        }
    }
    Err("no non-null arguments".into())
}

fn concat(args: Vec<Val>, at: &Location) -> Res {
    if args.is_empty() {
        return Err("at least one argument is required".into());
    }
    let mut out = Vec::new();
    for a in &args {
        match &a.value {
            Value::Unknown(_) => return Ok(a.clone()),
            Value::List(items) => {
                out.extend(items.iter().cloned());
                check_len(out.len())?;
            }
            Value::Null => return Err(param_err("seqs", "argument must not be null")),
            _ => {
                return Err(param_err(
                    "seqs",
                    format!(
                        "all arguments must be lists or tuples; got {}",
                        type_name(a)
                    ),
                ))
            }
        }
    }
    let from: Vec<&Val> = args.iter().collect();
    Ok(container(Value::List(out), &from, at))
}

/// Whether a list holds a value. Terraform compares without converting (`"1"` is not `1`),
/// and knows the answer when a known element matches even if others are unknown.
fn contains(args: Vec<Val>, at: &Location) -> Res {
    let (list, value) = (&args[0], &args[1]);
    if list.is_unknown() {
        return Ok(list.clone());
    }
    let items = match &list.value {
        Value::List(items) => items,
        Value::Null => return Err(param_err("list", "argument must not be null")),
        _ => return Err("argument must be list, tuple, or set".into()),
    };
    not_null(value, "value")?;
    if let Some(u) = unknown_in([value]) {
        return Ok(u);
    }
    if items.iter().any(|i| same(i, value)) {
        return Ok(Val::computed(Value::Bool(true), &[], at));
    }
    if let Some(u) = unknown_in(items) {
        return Ok(u);
    }
    Ok(Val::computed(Value::Bool(false), &[], at))
}

fn distinct(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    if let Some(u) = unknown_in([list]) {
        return Ok(u);
    }
    let items = list_items(list, "list", "list required")?;
    let items = unify(items.to_vec())
        .ok_or_else(|| param_err("list", "cannot convert tuple to list of any single type"))?;
    let mut seen = HashSet::new();
    let out: Vec<Val> = items
        .into_iter()
        .filter(|v| canon(v).is_some_and(|k| seen.insert(k)))
        .collect();
    Ok(container(Value::List(out), &[list], at))
}

fn compact(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    if let Some(u) = unknown_in([list]) {
        return Ok(u);
    }
    let items = list_items(list, "list", "list of string required")?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match &item.value {
            Value::Null => {}
            Value::String(s) if s.is_empty() => {}
            _ => {
                let s = prim_string(item)
                    .ok_or_else(|| param_err("list", format!("element {i}: string required")))?;
                out.push(item.converted(Value::String(s)));
            }
        }
    }
    Ok(container(Value::List(out), &[list], at))
}

fn element(args: Vec<Val>, _at: &Location) -> Res {
    let (list, index) = (&args[0], &args[1]);
    for v in [list, index] {
        if v.is_unknown() {
            return Ok(v.clone());
        }
    }
    let items = match &list.value {
        Value::List(items) => items,
        Value::Null => return Err(param_err("list", "argument must not be null")),
        _ => return Err(format!("cannot read elements from {}", type_name(list))),
    };
    let i = whole(number_arg(index, "index")?).ok_or(format!("invalid index: {NOT_WHOLE}"))?;
    if items.is_empty() {
        return Err("cannot use element function with an empty list".into());
    }
    // The index wraps around, with Go's remainder: one that stays negative is an error
    // (a panic in Terraform).
    let k = i % items.len() as i64;
    if k < 0 {
        return Err(format!(
            "cannot use element function with a negative index ({i})"
        ));
    }
    Ok(items[k as usize].clone())
}

fn flatten(args: Vec<Val>, at: &Location) -> Res {
    fn go(items: &[Val], out: &mut Vec<Val>, depth: usize) -> Result<Option<Val>, String> {
        if depth > VALUE_DEPTH {
            return Err("the list is nested too deeply".into());
        }
        for item in items {
            match &item.value {
                Value::List(inner) => {
                    if let Some(u) = go(inner, out, depth + 1)? {
                        return Ok(Some(u));
                    }
                }
                // It may be a list to flatten, so the result's shape is unknown.
                Value::Unknown(_) => return Ok(Some(item.clone())),
                _ => {
                    out.push(item.clone());
                    check_len(out.len())?;
                }
            }
        }
        Ok(None)
    }
    let list = &args[0];
    let items = match &list.value {
        Value::Unknown(_) => return Ok(list.clone()),
        Value::List(items) => items,
        Value::Null => return Err(param_err("list", "argument must not be null")),
        _ => return Err("can only flatten lists, sets and tuples".into()),
    };
    let mut out = Vec::new();
    if let Some(u) = go(items, &mut out, 0)? {
        return Ok(u);
    }
    Ok(container(Value::List(out), &[list], at))
}

fn index(args: Vec<Val>, at: &Location) -> Res {
    let (list, value) = (&args[0], &args[1]);
    if list.is_unknown() {
        return Ok(list.clone());
    }
    let items = match &list.value {
        Value::List(items) => items,
        Value::Null => return Err(param_err("list", "argument must not be null")),
        _ => return Err("argument must be a list or tuple".into()),
    };
    if let Some(u) = unknown_in([value]) {
        return Ok(u);
    }
    for (i, item) in items.iter().enumerate() {
        // An unknown element before the match might be the match.
        if item.contains_unknown() {
            return Ok(unknown_in([item]).unwrap_or_else(|| item.clone()));
        }
        if same(item, value) {
            return Ok(Val::computed(Value::Number(i as f64), &[], at));
        }
    }
    Err("item not found".into())
}

fn map_arg<'v>(v: &'v Val, param: &str, what: &str) -> Result<&'v BTreeMap<String, Val>, String> {
    match &v.value {
        Value::Object(map) => Ok(map),
        Value::Null => Err(param_err(param, "argument must not be null")),
        _ => Err(param_err(param, what)),
    }
}

fn keys(args: Vec<Val>, at: &Location) -> Res {
    let m = &args[0];
    if m.is_unknown() {
        return Ok(m.clone());
    }
    let map = map_arg(m, "inputMap", "must have map or object type")?;
    // The keys are written in the map, and known even when its values are not.
    let items = map
        .keys()
        .map(|k| Val::computed(Value::String(k.clone()), &[m], at))
        .collect();
    Ok(container(Value::List(items), &[m], at))
}

fn values(args: Vec<Val>, at: &Location) -> Res {
    let m = &args[0];
    if m.is_unknown() {
        return Ok(m.clone());
    }
    let map = map_arg(m, "mapping", "must have map or object type")?;
    Ok(container(
        Value::List(map.values().cloned().collect()),
        &[m],
        at,
    ))
}

fn lookup(args: Vec<Val>, _at: &Location) -> Res {
    if args.len() > 3 {
        return Err(
            "too many function arguments: function \"lookup\" expects at most 3 argument(s)".into(),
        );
    }
    let (m, key) = (&args[0], &args[1]);
    for v in [m, key] {
        if v.is_unknown() {
            return Ok(v.clone());
        }
    }
    let map = map_arg(
        m,
        "inputMap",
        "lookup() requires a map as the first argument",
    )?;
    let key = string_arg(key, "key")?;
    // Only the entry looked up matters: other unknown values do not make it unknown.
    if let Some(v) = map.get(&key) {
        return Ok(v.clone());
    }
    match args.get(2) {
        Some(default) => Ok(default.clone()),
        None => Err(param_err(
            "inputMap",
            format!("the given object has no attribute {}", go_quote(&key)),
        )),
    }
}

fn merge(args: Vec<Val>, at: &Location) -> Res {
    let mut out = BTreeMap::new();
    let mut from = Vec::new();
    for a in &args {
        match &a.value {
            Value::Null => {}
            // Which keys it has is unknown, so every key's value is.
            Value::Unknown(_) => return Ok(a.clone()),
            Value::Object(map) => {
                from.push(a);
                for (k, v) in map {
                    out.insert(k.clone(), v.clone());
                }
                check_len(out.len())?;
            }
            _ => {
                return Err(format!(
                    "arguments must be maps or objects, got {}",
                    go_quote(type_name(a))
                ))
            }
        }
    }
    Ok(container(Value::Object(out), &from, at))
}

fn one(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    let items = match &list.value {
        Value::Unknown(_) => return Ok(list.clone()),
        Value::List(items) => items,
        Value::Null => return Err(param_err("list", "argument must not be null")),
        _ => {
            return Err(param_err(
                "list",
                "must be a list, set, or tuple value with either zero or one elements",
            ))
        }
    };
    match items.as_slice() {
        [] => Ok(Val::computed(Value::Null, &[list], at)),
        [only] => Ok(only.clone()),
        _ => Err(param_err(
            "list",
            "must be a list, set, or tuple value with either zero or one elements",
        )),
    }
}

fn range(args: Vec<Val>, at: &Location) -> Res {
    if args.is_empty() || args.len() > 3 {
        return Err("must have one, two, or three arguments".into());
    }
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    let nums = args
        .iter()
        .map(|a| number_arg(a, "params"))
        .collect::<Result<Vec<f64>, String>>()?;
    let (start, end, step) = match nums.as_slice() {
        [end] => (0.0, *end, if *end < 0.0 { -1.0 } else { 1.0 }),
        [start, end] => (*start, *end, if end < start { -1.0 } else { 1.0 }),
        [start, end, step] => (*start, *end, *step),
        _ => unreachable!("arity was checked"),
    };
    if step == 0.0 {
        // Terraform gives an empty range for start == end, and refuses to loop forever.
        if start == end {
            return Ok(Val::list(Vec::new(), Some(at.clone())));
        }
        return Err(param_err("params", "step must not be zero"));
    }
    if step > 0.0 && end < start {
        return Err(param_err(
            "params",
            "end must be greater than start when step is positive",
        ));
    }
    if step < 0.0 && end > start {
        return Err(param_err(
            "params",
            "end must be less than start when step is negative",
        ));
    }
    let mut out = Vec::new();
    let mut v = start;
    loop {
        if (step > 0.0 && v >= end) || (step < 0.0 && v <= end) || !v.is_finite() {
            break;
        }
        if out.len() == TERRAFORM_RANGE {
            return Err(format!(
                "more than {TERRAFORM_RANGE} values were generated; either decrease the \
                 difference between start and end or use a smaller step"
            ));
        }
        out.push(Val::new(Value::Number(v), Some(at.clone())));
        // Terraform adds the step again and again, each sum rounded to its 512 bits.
        v = match crate::number::arith(crate::number::Op::Add, v, step) {
            Ok(next) => next,
            Err(reason) => return Ok(Val::unknown(reason, Some(at.clone()))),
        };
    }
    Ok(Val::list(out, Some(at.clone())))
}

fn reverse(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    let items = match &list.value {
        Value::Unknown(_) => return Ok(list.clone()),
        Value::List(items) => items,
        Value::Null => return Err(param_err("list", "argument must not be null")),
        _ => {
            return Err(param_err(
                "list",
                format!(
                    "can only reverse list or tuple values, not {}",
                    type_name(list)
                ),
            ))
        }
    };
    let out = items.iter().rev().cloned().collect();
    Ok(container(Value::List(out), &[list], at))
}

fn slice(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    if let Some(u) = [&args[0], &args[1], &args[2]]
        .into_iter()
        .find(|v| v.is_unknown())
    {
        return Ok(u.clone());
    }
    let items = list_items(list, "list", "must be a list or tuple value")?;
    let start = int_arg(&args[1], "start_index")?;
    let end = int_arg(&args[2], "end_index")?;
    if start < 0 {
        return Err(param_err(
            "start_index",
            "start index must not be less than zero",
        ));
    }
    if end > items.len() as i64 {
        return Err(param_err(
            "end_index",
            "end index must not be greater than the length of the list",
        ));
    }
    if start > end {
        return Err(param_err(
            "start_index",
            "start index must not be greater than end index",
        ));
    }
    let out = items[start as usize..end as usize].to_vec();
    Ok(container(Value::List(out), &[list], at))
}

/// Terraform sorts lists of strings, lexically by bytes; numbers become strings first.
fn sort(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    if let Some(u) = unknown_in([list]) {
        return Ok(u);
    }
    let items = list_items(list, "list", "list of string required")?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if matches!(item.value, Value::Null) {
            return Err(format!(
                "given list element {i} is null; a null string cannot be sorted"
            ));
        }
        let s = prim_string(item)
            .ok_or_else(|| param_err("list", format!("element {i}: string required")))?;
        out.push(item.converted(Value::String(s)));
    }
    out.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    Ok(container(Value::List(out), &[list], at))
}

fn zipmap(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = args.iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    let keys = list_items(&args[0], "keys", "list of string required")?;
    let vals = list_items(&args[1], "values", "list or tuple required")?;
    if keys.len() != vals.len() {
        return Err(format!(
            "number of keys ({}) does not match number of values ({})",
            keys.len(),
            vals.len()
        ));
    }
    if let Some(u) = unknown_in(keys) {
        return Ok(u);
    }
    let mut out = BTreeMap::new();
    for (i, (k, v)) in keys.iter().zip(vals).enumerate() {
        if matches!(k.value, Value::Null) {
            return Err(param_err("keys", format!("element {i} is null")));
        }
        let k = prim_string(k)
            .ok_or_else(|| param_err("keys", format!("element {i}: string required")))?;
        out.insert(k, v.clone());
    }
    Ok(container(Value::Object(out), &[&args[0], &args[1]], at))
}

fn chunklist(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    if let Some(u) = [list, &args[1]].into_iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    let items = list_items(list, "list", "list required")?;
    let size = int_arg(&args[1], "size")?;
    if size < 0 {
        return Err(param_err("size", "the size argument must be positive"));
    }
    if size == 0 || items.is_empty() {
        let whole = if items.is_empty() {
            vec![]
        } else {
            vec![list.clone()]
        };
        return Ok(container(Value::List(whole), &[list], at));
    }
    let out = items
        .chunks(usize::try_from(size).unwrap_or(usize::MAX))
        .map(|c| container(Value::List(c.to_vec()), &[list], at))
        .collect();
    Ok(container(Value::List(out), &[list], at))
}

/// The sets given to a set function, as known lists; `Ok(Err(unknown))` when one holds an
/// unknown, since membership then is unknown.
fn set_args(args: &[Val]) -> Result<Result<Vec<&[Val]>, Val>, String> {
    if let Some(u) = unknown_in(args) {
        return Ok(Err(u));
    }
    args.iter()
        .map(|a| list_items(a, "sets", "a set or list is required"))
        .collect::<Result<Vec<_>, _>>()
        .map(Ok)
}

fn set_result(items: Vec<Val>, args: &[Val], at: &Location) -> Res {
    let items = make_set(items)
        .ok_or_else(|| param_err("sets", "given sets must all have compatible element types"))?;
    let from: Vec<&Val> = args.iter().collect();
    Ok(container(Value::List(items), &from, at))
}

fn setunion(args: Vec<Val>, at: &Location) -> Res {
    let sets = match set_args(&args)? {
        Ok(sets) => sets,
        Err(u) => return Ok(u),
    };
    let all: Vec<Val> = sets.iter().flat_map(|s| s.iter().cloned()).collect();
    check_len(all.len())?;
    set_result(all, &args, at)
}

/// Elements (unified across all the sets) of the first set that are, or are not, in each of
/// the others.
fn set_filter(args: Vec<Val>, at: &Location, keep_if_in_others: bool) -> Res {
    let sets = match set_args(&args)? {
        Ok(sets) => sets,
        Err(u) => return Ok(u),
    };
    let lens: Vec<usize> = sets.iter().map(|s| s.len()).collect();
    let all: Vec<Val> = sets.iter().flat_map(|s| s.iter().cloned()).collect();
    let mut all = unify(all)
        .ok_or_else(|| param_err("sets", "given sets must all have compatible element types"))?
        .into_iter();
    let mut groups: Vec<Vec<Val>> = lens
        .iter()
        .map(|&n| all.by_ref().take(n).collect())
        .collect();
    let first = groups.remove(0);
    let others: Vec<HashSet<String>> = groups
        .iter()
        .map(|g| g.iter().filter_map(canon).collect())
        .collect();
    let kept = first
        .into_iter()
        .filter(|v| {
            let key = canon(v).unwrap_or_default();
            others.iter().all(|o| o.contains(&key) == keep_if_in_others)
        })
        .collect();
    set_result(kept, &args, at)
}

fn setintersection(args: Vec<Val>, at: &Location) -> Res {
    set_filter(args, at, true)
}

fn setsubtract(args: Vec<Val>, at: &Location) -> Res {
    set_filter(args, at, false)
}

fn setproduct(args: Vec<Val>, at: &Location) -> Res {
    if args.len() < 2 {
        return Err("at least two arguments are required".into());
    }
    if let Some(u) = args.iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    let sets = args
        .iter()
        .map(|a| list_items(a, "sets", "a set or list is required"))
        .collect::<Result<Vec<_>, _>>()?;
    let total = sets
        .iter()
        .try_fold(1usize, |acc, s| acc.checked_mul(s.len()))
        .unwrap_or(usize::MAX);
    check_len(total)?;
    let mut out: Vec<Vec<Val>> = vec![Vec::new()];
    for set in &sets {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                set.iter().map(move |v| {
                    let mut p = prefix.clone();
                    p.push(v.clone());
                    p
                })
            })
            .collect();
    }
    let from: Vec<&Val> = args.iter().collect();
    let items = out
        .into_iter()
        .map(|p| Val::list(p, Some(at.clone())))
        .collect();
    Ok(container(Value::List(items), &from, at))
}

// ---------------------------------------------------------------------------------------------
// Conversions: each returns its argument itself, converted.

fn tostring(mut args: Vec<Val>, _at: &Location) -> Res {
    let v = args.swap_remove(0);
    match &v.value {
        Value::Null | Value::Unknown(_) | Value::String(_) => Ok(v),
        Value::Number(_) | Value::Bool(_) => {
            let s = prim_string(&v).unwrap_or_default();
            Ok(v.converted(Value::String(s)))
        }
        _ => Err(param_err(
            "v",
            format!("cannot convert {} to string", type_name(&v)),
        )),
    }
}

fn tonumber(mut args: Vec<Val>, _at: &Location) -> Res {
    let v = args.swap_remove(0);
    match &v.value {
        Value::Null | Value::Unknown(_) | Value::Number(_) => Ok(v),
        _ => {
            let n = number_of(&v).map_err(|e| param_err("v", e))?;
            Ok(v.converted(Value::Number(n)))
        }
    }
}

fn tobool(mut args: Vec<Val>, _at: &Location) -> Res {
    let v = args.swap_remove(0);
    match &v.value {
        Value::Null | Value::Unknown(_) | Value::Bool(_) => Ok(v),
        _ => {
            let b = bool_of(&v).map_err(|e| param_err("v", e))?;
            Ok(v.converted(Value::Bool(b)))
        }
    }
}

/// The elements of a list or set conversion, unified, or Terraform's message.
fn to_collection(v: &Val, kind: &str) -> Result<Vec<Val>, String> {
    let fail = |from: &str| {
        param_err(
            "v",
            format!("cannot convert {from} to {kind} of any single type"),
        )
    };
    match &v.value {
        Value::List(items) => unify(items.clone()).ok_or_else(|| fail("tuple")),
        _ => Err(fail(type_name(v))),
    }
}

fn tolist(mut args: Vec<Val>, _at: &Location) -> Res {
    let v = args.swap_remove(0);
    if matches!(v.value, Value::Null | Value::Unknown(_)) {
        return Ok(v);
    }
    let items = to_collection(&v, "list")?;
    Ok(v.converted(Value::List(items)))
}

fn toset(mut args: Vec<Val>, _at: &Location) -> Res {
    let v = args.swap_remove(0);
    if matches!(v.value, Value::Null | Value::Unknown(_)) {
        return Ok(v);
    }
    let items = to_collection(&v, "set")?;
    let items = make_set(items).unwrap_or_default();
    Ok(v.converted(Value::List(items)))
}

fn tomap(mut args: Vec<Val>, _at: &Location) -> Res {
    let v = args.swap_remove(0);
    let map = match &v.value {
        Value::Null | Value::Unknown(_) => return Ok(v),
        Value::Object(map) => map,
        _ => {
            return Err(param_err(
                "v",
                format!("cannot convert {} to map of any single type", type_name(&v)),
            ))
        }
    };
    let keys: Vec<String> = map.keys().cloned().collect();
    let vals = unify(map.values().cloned().collect())
        .ok_or_else(|| param_err("v", "cannot convert object to map of any single type"))?;
    let out = keys.into_iter().zip(vals).collect();
    Ok(v.converted(Value::Object(out)))
}

// ---------------------------------------------------------------------------------------------
// Numbers and bools.

/// A function of one number; the result is located where the number was written.
fn on_number(args: Vec<Val>, at: &Location, op: fn(f64) -> f64) -> Res {
    let v = &args[0];
    if v.is_unknown() {
        return Ok(v.clone());
    }
    let n = number_arg(v, "num")?;
    Ok(Val::computed(Value::Number(op(n)), &[v], at))
}

fn abs(args: Vec<Val>, at: &Location) -> Res {
    on_number(args, at, f64::abs)
}

// Terraform rounds through a big integer, which has no -0: ceil(-0.5) is 0 (adding 0.0 turns
// -0 into 0).
fn ceil(args: Vec<Val>, at: &Location) -> Res {
    on_number(args, at, |n| n.ceil() + 0.0)
}

fn floor(args: Vec<Val>, at: &Location) -> Res {
    on_number(args, at, |n| n.floor() + 0.0)
}

fn signum(args: Vec<Val>, at: &Location) -> Res {
    // Terraform's signum takes whole numbers only.
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    int_arg(&args[0], "num")?;
    on_number(args, at, |n| if n == 0.0 { 0.0 } else { n.signum() })
}

fn pow(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = args.iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    let n = number_arg(&args[0], "num")?;
    let p = number_arg(&args[1], "power")?;
    // Terraform computes in float64 here, so its result is exactly Rust's.
    let r = n.powf(p);
    if r.is_nan() {
        return Err("the result is not a number".into());
    }
    Ok(Val::computed(Value::Number(r), &[], at))
}

fn log(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = args.iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    let n = number_arg(&args[0], "num")?;
    let base = number_arg(&args[1], "base")?;
    let r = go_log(n) / go_log(base);
    if r.is_nan() {
        return Err("the result is not a number".into());
    }
    Ok(Val::computed(Value::Number(r), &[], at))
}

/// Go's `math.Log` (FreeBSD's algorithm), which Terraform's `log` calls: the platform's `ln`
/// can differ from it in the last bit.
// The constants are written as Go (and FreeBSD) write them.
#[allow(clippy::excessive_precision)]
fn go_log(x: f64) -> f64 {
    const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-01;
    const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
    const L1: f64 = 6.666_666_666_666_735_130e-01;
    const L2: f64 = 3.999_999_999_940_941_908e-01;
    const L3: f64 = 2.857_142_874_366_239_149e-01;
    const L4: f64 = 2.222_219_843_214_978_396e-01;
    const L5: f64 = 1.818_357_216_161_805_012e-01;
    const L6: f64 = 1.531_383_769_920_937_332e-01;
    const L7: f64 = 1.479_819_860_511_658_591e-01;
    if x.is_nan() || x == f64::INFINITY {
        return x;
    }
    if x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    let (mut f1, mut ki) = frexp(x);
    if f1 < std::f64::consts::SQRT_2 / 2.0 {
        f1 *= 2.0;
        ki -= 1;
    }
    let f = f1 - 1.0;
    let k = f64::from(ki);
    let s = f / (2.0 + f);
    let s2 = s * s;
    let s4 = s2 * s2;
    let t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
    let t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
    let r = t1 + t2;
    let hfsq = 0.5 * f * f;
    k * LN2_HI - ((hfsq - (s * (hfsq + r) + k * LN2_LO)) - f)
}

/// Go's `math.Frexp`: `x = frac × 2^exp` with `frac` in [0.5, 1).
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    // Subnormals are scaled into the normal range first.
    let (x, bias) = if x.abs() < f64::MIN_POSITIVE {
        (x * (1u64 << 52) as f64, -52)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32 - 1022 + bias;
    let frac = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (frac, exp)
}

fn parseint(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = args.iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    // Unlike most functions, parseint does not take a number for its string.
    let s = match &args[0].value {
        Value::String(s) => s.clone(),
        Value::Null => return Err(param_err("number", "argument must not be null")),
        _ => {
            return Err(param_err(
                "number",
                format!(
                    "first argument must be a string, not {}",
                    type_name(&args[0])
                ),
            ))
        }
    };
    let base = int_arg(&args[1], "base")?;
    if !(2..=62).contains(&base) {
        return Err(param_err(
            "base",
            "base must be a whole number between 2 and 62 inclusive",
        ));
    }
    let digits = s.strip_prefix(['+', '-']).unwrap_or(&s);
    let mut n = 0f64;
    for c in digits.chars() {
        let d = match c {
            '0'..='9' => c as i64 - '0' as i64,
            'a'..='z' if base <= 36 => c as i64 - 'a' as i64 + 10,
            'A'..='Z' if base <= 36 => c as i64 - 'A' as i64 + 10,
            'a'..='z' => c as i64 - 'a' as i64 + 10,
            'A'..='Z' => c as i64 - 'A' as i64 + 36,
            _ => base,
        };
        if d >= base {
            return Err(param_err(
                "number",
                format!("cannot parse {} as a base {base} integer", go_quote(&s)),
            ));
        }
        n = n * base as f64 + d as f64;
    }
    if digits.is_empty() {
        return Err(param_err(
            "number",
            format!("cannot parse {} as a base {base} integer", go_quote(&s)),
        ));
    }
    let n = if s.starts_with('-') { -n } else { n };
    Ok(Val::computed(Value::Number(n), &[&args[0]], at))
}

/// `min` or `max`: the argument itself (converted to a number), the first of equals.
fn extreme(args: Vec<Val>, wanted: std::cmp::Ordering) -> Res {
    if args.is_empty() {
        return Err("must pass at least one number".into());
    }
    if let Some(u) = args.iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    let mut best: Option<(f64, &Val)> = None;
    for a in &args {
        let n = match &a.value {
            Value::Null => return Err(param_err("numbers", "argument must not be null")),
            Value::List(_) | Value::Object(_) | Value::Bool(_) => {
                return Err(param_err("numbers", "number required"))
            }
            _ => number_of(a).map_err(|_| param_err("numbers", "a number is required"))?,
        };
        if best.is_none_or(|(b, _)| n.partial_cmp(&b) == Some(wanted)) {
            best = Some((n, a));
        }
    }
    let (n, a) = best.expect("there is at least one argument");
    Ok(a.converted(Value::Number(n)))
}

fn min(args: Vec<Val>, _at: &Location) -> Res {
    extreme(args, std::cmp::Ordering::Less)
}

fn max(args: Vec<Val>, _at: &Location) -> Res {
    extreme(args, std::cmp::Ordering::Greater)
}

fn sum(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    if let Some(u) = unknown_in([list]) {
        return Ok(u);
    }
    let items = list_items(
        list,
        "list",
        "argument must be list, set, or tuple of number values",
    )?;
    if items.is_empty() {
        return Err(param_err("list", "cannot sum an empty list"));
    }
    let mut total = 0.0;
    for item in items {
        let n = match &item.value {
            Value::Number(n) => *n,
            Value::String(_) => number_of(item).map_err(|e| param_err("list", e))?,
            _ => {
                return Err(param_err(
                    "list",
                    "argument must be list, set, or tuple of number values",
                ))
            }
        };
        total = match crate::number::arith(crate::number::Op::Add, total, n) {
            Ok(t) => t,
            Err(reason) => return Ok(Val::unknown(reason, Some(at.clone()))),
        };
    }
    let from: Vec<&Val> = items.iter().collect();
    Ok(Val::computed(Value::Number(total), &from, at))
}

/// The elements of a list of bools (null counts as false), for `alltrue` and `anytrue`.
fn bools(list: &Val) -> Result<Vec<(Option<bool>, &Val)>, String> {
    let items = list_items(list, "list", "list of bool required")?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| match &item.value {
            Value::Unknown(_) => Ok((None, item)),
            Value::Null => Ok((Some(false), item)),
            _ => bool_of(item)
                .map(|b| (Some(b), item))
                .map_err(|_| param_err("list", format!("element {i}: bool required"))),
        })
        .collect()
}

/// `alltrue` (`decisive` false: a false element decides) or `anytrue` (a true one decides). A
/// deciding element is the answer wherever it stands, even after an unknown; the result is
/// located at that element, the line to change.
fn all_or_any(args: Vec<Val>, at: &Location, decisive: bool) -> Res {
    let list = &args[0];
    if list.is_unknown() {
        return Ok(list.clone());
    }
    let items = bools(list)?;
    if let Some((_, item)) = items.iter().find(|(b, _)| *b == Some(decisive)) {
        return Ok(Val::computed(Value::Bool(decisive), &[item], at));
    }
    if let Some((_, item)) = items.iter().find(|(b, _)| b.is_none()) {
        return Ok((*item).clone());
    }
    let from: Vec<&Val> = items.iter().map(|(_, v)| *v).collect();
    let from = if from.len() == 1 { from } else { vec![list] };
    Ok(Val::computed(Value::Bool(!decisive), &from, at))
}

fn alltrue(args: Vec<Val>, at: &Location) -> Res {
    all_or_any(args, at, false)
}

fn anytrue(args: Vec<Val>, at: &Location) -> Res {
    all_or_any(args, at, true)
}

// ---------------------------------------------------------------------------------------------
// Grapheme clusters.

/// Unicode's grapheme cluster break property, as far as the segmentation rules need it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gcb {
    Cr,
    Lf,
    Control,
    /// Extend and SpacingMark: never a break before them.
    Extend,
    /// Never a break after it.
    Prepend,
    Zwj,
    RegionalIndicator,
    L,
    V,
    T,
    Lv,
    Lvt,
    Pictographic,
    Other,
}

/// Combining marks (categories Mn, Me and Mc, less the few Mc that Unicode does not count as
/// spacing marks) and the other characters that extend the one before them, as half-open
/// ranges [start, end) in pairs.
#[rustfmt::skip]
const EXTEND: &[u32] = &[
    0x300, 0x370, 0x483, 0x48A, 0x591, 0x5BE, 0x5BF, 0x5C0, 0x5C1, 0x5C3,
    0x5C4, 0x5C6, 0x5C7, 0x5C8, 0x610, 0x61B, 0x64B, 0x660, 0x670, 0x671,
    0x6D6, 0x6DD, 0x6DF, 0x6E5, 0x6E7, 0x6E9, 0x6EA, 0x6EE, 0x711, 0x712,
    0x730, 0x74B, 0x7A6, 0x7B1, 0x7EB, 0x7F4, 0x7FD, 0x7FE, 0x816, 0x81A,
    0x81B, 0x824, 0x825, 0x828, 0x829, 0x82E, 0x859, 0x85C, 0x898, 0x8A0,
    0x8CA, 0x8E2, 0x8E3, 0x904, 0x93A, 0x93D, 0x93E, 0x950, 0x951, 0x958,
    0x962, 0x964, 0x981, 0x984, 0x9BC, 0x9BD, 0x9BE, 0x9C5, 0x9C7, 0x9C9,
    0x9CB, 0x9CE, 0x9D7, 0x9D8, 0x9E2, 0x9E4, 0x9FE, 0x9FF, 0xA01, 0xA04,
    0xA3C, 0xA3D, 0xA3E, 0xA43, 0xA47, 0xA49, 0xA4B, 0xA4E, 0xA51, 0xA52,
    0xA70, 0xA72, 0xA75, 0xA76, 0xA81, 0xA84, 0xABC, 0xABD, 0xABE, 0xAC6,
    0xAC7, 0xACA, 0xACB, 0xACE, 0xAE2, 0xAE4, 0xAFA, 0xB00, 0xB01, 0xB04,
    0xB3C, 0xB3D, 0xB3E, 0xB45, 0xB47, 0xB49, 0xB4B, 0xB4E, 0xB55, 0xB58,
    0xB62, 0xB64, 0xB82, 0xB83, 0xBBE, 0xBC3, 0xBC6, 0xBC9, 0xBCA, 0xBCE,
    0xBD7, 0xBD8, 0xC00, 0xC05, 0xC3C, 0xC3D, 0xC3E, 0xC45, 0xC46, 0xC49,
    0xC4A, 0xC4E, 0xC55, 0xC57, 0xC62, 0xC64, 0xC81, 0xC84, 0xCBC, 0xCBD,
    0xCBE, 0xCC5, 0xCC6, 0xCC9, 0xCCA, 0xCCE, 0xCD5, 0xCD7, 0xCE2, 0xCE4,
    0xD00, 0xD04, 0xD3B, 0xD3D, 0xD3E, 0xD45, 0xD46, 0xD49, 0xD4A, 0xD4E,
    0xD57, 0xD58, 0xD62, 0xD64, 0xD81, 0xD84, 0xDCA, 0xDCB, 0xDCF, 0xDD5,
    0xDD6, 0xDD7, 0xDD8, 0xDE0, 0xDF2, 0xDF4, 0xE31, 0xE32, 0xE33, 0xE3B,
    0xE47, 0xE4F, 0xEB1, 0xEB2, 0xEB3, 0xEBD, 0xEC8, 0xECE, 0xF18, 0xF1A,
    0xF35, 0xF36, 0xF37, 0xF38, 0xF39, 0xF3A, 0xF3E, 0xF40, 0xF71, 0xF85,
    0xF86, 0xF88, 0xF8D, 0xF98, 0xF99, 0xFBD, 0xFC6, 0xFC7, 0x102D, 0x1038,
    0x1039, 0x103F, 0x1056, 0x105A, 0x105E, 0x1061, 0x1071, 0x1075, 0x1082, 0x1083,
    0x1084, 0x1087, 0x108D, 0x108E, 0x109D, 0x109E, 0x135D, 0x1360, 0x1712, 0x1716,
    0x1732, 0x1735, 0x1752, 0x1754, 0x1772, 0x1774, 0x17B4, 0x17D4, 0x17DD, 0x17DE,
    0x180B, 0x180E, 0x180F, 0x1810, 0x1885, 0x1887, 0x18A9, 0x18AA, 0x1920, 0x192C,
    0x1930, 0x193C, 0x1A17, 0x1A1C, 0x1A55, 0x1A5F, 0x1A60, 0x1A61, 0x1A62, 0x1A63,
    0x1A65, 0x1A7D, 0x1A7F, 0x1A80, 0x1AB0, 0x1ACF, 0x1B00, 0x1B05, 0x1B34, 0x1B45,
    0x1B6B, 0x1B74, 0x1B80, 0x1B83, 0x1BA1, 0x1BAE, 0x1BE6, 0x1BF4, 0x1C24, 0x1C38,
    0x1CD0, 0x1CD3, 0x1CD4, 0x1CE9, 0x1CED, 0x1CEE, 0x1CF4, 0x1CF5, 0x1CF7, 0x1CFA,
    0x1DC0, 0x1E00, 0x200C, 0x200D, 0x20D0, 0x20F1, 0x2CEF, 0x2CF2, 0x2D7F, 0x2D80,
    0x2DE0, 0x2E00, 0x302A, 0x3030, 0x3099, 0x309B, 0xA66F, 0xA673, 0xA674, 0xA67E,
    0xA69E, 0xA6A0, 0xA6F0, 0xA6F2, 0xA802, 0xA803, 0xA806, 0xA807, 0xA80B, 0xA80C,
    0xA823, 0xA828, 0xA82C, 0xA82D, 0xA880, 0xA882, 0xA8B4, 0xA8C6, 0xA8E0, 0xA8F2,
    0xA8FF, 0xA900, 0xA926, 0xA92E, 0xA947, 0xA954, 0xA980, 0xA984, 0xA9B3, 0xA9C1,
    0xA9E5, 0xA9E6, 0xAA29, 0xAA37, 0xAA43, 0xAA44, 0xAA4C, 0xAA4E, 0xAA7C, 0xAA7D,
    0xAAB0, 0xAAB1, 0xAAB2, 0xAAB5, 0xAAB7, 0xAAB9, 0xAABE, 0xAAC0, 0xAAC1, 0xAAC2,
    0xAAEB, 0xAAF0, 0xAAF5, 0xAAF7, 0xABE3, 0xABEB, 0xABEC, 0xABEE, 0xFB1E, 0xFB1F,
    0xFE00, 0xFE10, 0xFE20, 0xFE30, 0xFF9E, 0xFFA0, 0x101FD, 0x101FE, 0x102E0, 0x102E1,
    0x10376, 0x1037B, 0x10A01, 0x10A04, 0x10A05, 0x10A07, 0x10A0C, 0x10A10, 0x10A38, 0x10A3B,
    0x10A3F, 0x10A40, 0x10AE5, 0x10AE7, 0x10D24, 0x10D28, 0x10EAB, 0x10EAD, 0x10F46, 0x10F51,
    0x10F82, 0x10F86, 0x11000, 0x11003, 0x11038, 0x11047, 0x11070, 0x11071, 0x11073, 0x11075,
    0x1107F, 0x11083, 0x110B0, 0x110BB, 0x110C2, 0x110C3, 0x11100, 0x11103, 0x11127, 0x11135,
    0x11145, 0x11147, 0x11173, 0x11174, 0x11180, 0x11183, 0x111B3, 0x111C1, 0x111C9, 0x111CD,
    0x111CE, 0x111D0, 0x1122C, 0x11238, 0x1123E, 0x1123F, 0x112DF, 0x112EB, 0x11300, 0x11304,
    0x1133B, 0x1133D, 0x1133E, 0x11345, 0x11347, 0x11349, 0x1134B, 0x1134E, 0x11357, 0x11358,
    0x11362, 0x11364, 0x11366, 0x1136D, 0x11370, 0x11375, 0x11435, 0x11447, 0x1145E, 0x1145F,
    0x114B0, 0x114C4, 0x115AF, 0x115B6, 0x115B8, 0x115C1, 0x115DC, 0x115DE, 0x11630, 0x11641,
    0x116AB, 0x116B8, 0x1171D, 0x11720, 0x11722, 0x1172C, 0x1182C, 0x1183B, 0x11930, 0x11936,
    0x11937, 0x11939, 0x1193B, 0x1193F, 0x11940, 0x11941, 0x11942, 0x11944, 0x119D1, 0x119D8,
    0x119DA, 0x119E1, 0x119E4, 0x119E5, 0x11A01, 0x11A0B, 0x11A33, 0x11A3A, 0x11A3B, 0x11A3F,
    0x11A47, 0x11A48, 0x11A51, 0x11A5C, 0x11A8A, 0x11A9A, 0x11C2F, 0x11C37, 0x11C38, 0x11C40,
    0x11C92, 0x11CA8, 0x11CA9, 0x11CB7, 0x11D31, 0x11D37, 0x11D3A, 0x11D3B, 0x11D3C, 0x11D3E,
    0x11D3F, 0x11D46, 0x11D47, 0x11D48, 0x11D8A, 0x11D8F, 0x11D90, 0x11D92, 0x11D93, 0x11D98,
    0x11EF3, 0x11EF7, 0x16AF0, 0x16AF5, 0x16B30, 0x16B37, 0x16F4F, 0x16F50, 0x16F51, 0x16F88,
    0x16F8F, 0x16F93, 0x16FE4, 0x16FE5, 0x16FF0, 0x16FF2, 0x1BC9D, 0x1BC9F, 0x1CF00, 0x1CF2E,
    0x1CF30, 0x1CF47, 0x1D165, 0x1D16A, 0x1D16D, 0x1D173, 0x1D17B, 0x1D183, 0x1D185, 0x1D18C,
    0x1D1AA, 0x1D1AE, 0x1D242, 0x1D245, 0x1DA00, 0x1DA37, 0x1DA3B, 0x1DA6D, 0x1DA75, 0x1DA76,
    0x1DA84, 0x1DA85, 0x1DA9B, 0x1DAA0, 0x1DAA1, 0x1DAB0, 0x1E000, 0x1E007, 0x1E008, 0x1E019,
    0x1E01B, 0x1E022, 0x1E023, 0x1E025, 0x1E026, 0x1E02B, 0x1E130, 0x1E137, 0x1E2AE, 0x1E2AF,
    0x1E2EC, 0x1E2F0, 0x1E8D0, 0x1E8D7, 0x1E944, 0x1E94B, 0x1F3FB, 0x1F400, 0xE0020, 0xE0080,
    0xE0100, 0xE01F0,
];

fn gcb(c: char) -> Gcb {
    let u = c as u32;
    match u {
        0x0D => Gcb::Cr,
        0x0A => Gcb::Lf,
        0x200D => Gcb::Zwj,
        0x00..=0x1F
        | 0x7F..=0x9F
        | 0xAD
        | 0x61C
        | 0x180E
        | 0x200B
        | 0x200E
        | 0x200F
        | 0x2028..=0x202E
        | 0x2060..=0x206F
        | 0xFEFF
        | 0xFFF0..=0xFFFB
        | 0xE0000..=0xE001F
        | 0xE0080..=0xE00FF
        | 0xE01F0..=0xE0FFF => Gcb::Control,
        0x1F1E6..=0x1F1FF => Gcb::RegionalIndicator,
        0x600..=0x605
        | 0x6DD
        | 0x70F
        | 0x890..=0x891
        | 0x8E2
        | 0xD4E
        | 0x110BD
        | 0x110CD
        | 0x111C2..=0x111C3
        | 0x1193F
        | 0x11941
        | 0x11A3A
        | 0x11A84..=0x11A89
        | 0x11D46
        | 0x11F02 => Gcb::Prepend,
        0x1100..=0x115F | 0xA960..=0xA97C => Gcb::L,
        0x1160..=0x11A7 | 0xD7B0..=0xD7C6 => Gcb::V,
        0x11A8..=0x11FF | 0xD7CB..=0xD7FB => Gcb::T,
        // A syllable without a final consonant sits at a multiple of 28.
        0xAC00..=0xD7A3 => match (u - 0xAC00) % 28 {
            0 => Gcb::Lv,
            _ => Gcb::Lvt,
        },
        _ if EXTEND.partition_point(|&b| b <= u) % 2 == 1 => Gcb::Extend,
        0xA9
        | 0xAE
        | 0x203C
        | 0x2049
        | 0x2122
        | 0x2139
        | 0x2194..=0x2199
        | 0x21A9..=0x21AA
        | 0x231A..=0x231B
        | 0x2328
        | 0x23CF
        | 0x23E9..=0x23F3
        | 0x23F8..=0x23FA
        | 0x24C2
        | 0x25AA..=0x25AB
        | 0x25B6
        | 0x25C0
        | 0x25FB..=0x25FE
        | 0x2600..=0x27BF
        | 0x2934..=0x2935
        | 0x2B05..=0x2B07
        | 0x2B1B..=0x2B1C
        | 0x2B50
        | 0x2B55
        | 0x3030
        | 0x303D
        | 0x3297
        | 0x3299
        | 0x1F000..=0x1FAFF
        | 0x1FC00..=0x1FFFD => Gcb::Pictographic,
        _ => Gcb::Other,
    }
}

/// A string's grapheme clusters, by the rules of Unicode's UAX #29, which is how Terraform
/// counts characters.
fn graphemes(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<Gcb> = None;
    // Regional indicators pair up into flags.
    let mut ri_run = 0usize;
    // Whether the text so far ends with a pictograph and extenders (then a ZWJ joins the next
    // pictograph), and whether it ends with such a ZWJ.
    let mut in_emoji = false;
    let mut emoji_zwj = false;
    for (i, c) in s.char_indices() {
        let cur = gcb(c);
        if let Some(p) = prev {
            use Gcb::*;
            let join = match (p, cur) {
                (Cr, Lf) => true,
                (Cr | Lf | Control, _) | (_, Cr | Lf | Control) => false,
                (Prepend, _) => true,
                (L, L | V | Lv | Lvt) | (Lv | V, V | T) | (Lvt | T, T) => true,
                (_, Extend | Zwj) => true,
                (Zwj, Pictographic) => emoji_zwj,
                (RegionalIndicator, RegionalIndicator) => ri_run % 2 == 1,
                _ => false,
            };
            if !join {
                out.push(&s[start..i]);
                start = i;
            }
        }
        ri_run = if cur == Gcb::RegionalIndicator {
            ri_run + 1
        } else {
            0
        };
        emoji_zwj = cur == Gcb::Zwj && in_emoji;
        in_emoji = match cur {
            Gcb::Pictographic => true,
            Gcb::Extend => in_emoji,
            _ => false,
        };
        prev = Some(cur);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Location {
        Location::new("main.tf", 20, 11, 20, 40)
    }

    fn written(line: u32) -> Location {
        Location::new("vars.tf", line, 3, line, 9)
    }

    /// A tiny reader for the Terraform expressions the cases are written in: literals, lists,
    /// objects, function calls, and `unknown()` for a value not known before apply.
    struct Reader<'a> {
        s: &'a [u8],
        i: usize,
    }

    impl Reader<'_> {
        fn ws(&mut self) {
            while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
                self.i += 1;
            }
        }

        fn eat(&mut self, c: u8) -> bool {
            self.ws();
            if self.s.get(self.i) == Some(&c) {
                self.i += 1;
                true
            } else {
                false
            }
        }

        fn string(&mut self) -> String {
            assert!(self.eat(b'"'));
            let mut out = Vec::new();
            loop {
                let c = self.s[self.i];
                self.i += 1;
                match c {
                    b'"' => break,
                    // HCL writes a literal `${` or `%{` as `$${` or `%%{`.
                    b'$' | b'%' if self.s[self.i..].starts_with(&[c, b'{']) => {
                        out.push(c);
                        self.i += 1;
                    }
                    b'\\' => {
                        let e = self.s[self.i];
                        self.i += 1;
                        let hex = |r: &mut Self, n: usize| {
                            let h = std::str::from_utf8(&r.s[r.i..r.i + n]).unwrap();
                            r.i += n;
                            char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap()
                        };
                        let ch = match e {
                            b'n' => '\n',
                            b'r' => '\r',
                            b't' => '\t',
                            b'"' => '"',
                            b'\\' => '\\',
                            b'u' => hex(self, 4),
                            b'U' => hex(self, 8),
                            _ => panic!("escape {e}"),
                        };
                        let mut buf = [0; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                    }
                    _ => out.push(c),
                }
            }
            String::from_utf8(out).unwrap()
        }

        fn word(&mut self) -> String {
            self.ws();
            let start = self.i;
            while self.i < self.s.len()
                && (self.s[self.i].is_ascii_alphanumeric() || b"_:.+-".contains(&self.s[self.i]))
            {
                self.i += 1;
            }
            String::from_utf8(self.s[start..self.i].to_vec()).unwrap()
        }

        fn expr(&mut self) -> Result<Val, String> {
            self.ws();
            match self.s[self.i] {
                b'"' => Ok(Val::string(self.string(), None)),
                b'[' => {
                    self.i += 1;
                    let mut items = Vec::new();
                    while !self.eat(b']') {
                        items.push(self.expr()?);
                        self.eat(b',');
                    }
                    Ok(Val::list(items, None))
                }
                b'{' => {
                    self.i += 1;
                    let mut map = BTreeMap::new();
                    while !self.eat(b'}') {
                        self.ws();
                        let key = if self.s[self.i] == b'"' {
                            self.string()
                        } else {
                            self.word()
                        };
                        assert!(self.eat(b'='));
                        map.insert(key, self.expr()?);
                        self.eat(b',');
                    }
                    Ok(Val::new(Value::Object(map), None))
                }
                _ => {
                    let w = self.word();
                    match w.as_str() {
                        "null" => return Ok(Val::null(None)),
                        "true" | "false" => return Ok(Val::new(Value::Bool(w == "true"), None)),
                        _ => {}
                    }
                    if let Ok(n) = w.parse::<f64>() {
                        return Ok(Val::new(Value::Number(n), None));
                    }
                    assert!(self.eat(b'('), "call expected at {w}");
                    let mut args = Vec::new();
                    while !self.eat(b')') {
                        args.push(self.expr()?);
                        self.eat(b',');
                    }
                    if w == "unknown" {
                        return Ok(Val::unknown("not known before apply", None));
                    }
                    call(&w, args, &at())
                }
            }
        }
    }

    fn eval(expr: &str) -> Result<Val, String> {
        let mut r = Reader {
            s: expr.as_bytes(),
            i: 0,
        };
        let v = r.expr();
        r.ws();
        assert_eq!(r.i, expr.len(), "unread input in {expr}");
        v
    }

    /// Compact JSON, with `?` for an unknown.
    fn show(v: &Val) -> String {
        match &v.value {
            Value::Unknown(_) => "?".into(),
            Value::List(items) => {
                format!("[{}]", items.iter().map(show).collect::<Vec<_>>().join(","))
            }
            Value::Object(map) => format!(
                "{{{}}}",
                map.iter()
                    .map(|(k, v)| format!(
                        "{}:{}",
                        json_text(&Val::string(k.clone(), None)).unwrap(),
                        show(v)
                    ))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            Value::Number(n) => num_to_string(*n),
            _ => json_text(v).unwrap(),
        }
    }

    /// Checks each case: the expression's result shown as compact JSON, or `error: ` and a
    /// part of the message. The expected values are what Terraform itself computes.
    fn check(cases: &[(&str, &str)]) {
        let mut failures = Vec::new();
        for (expr, want) in cases {
            let got = match eval(expr) {
                Ok(v) => show(&v),
                Err(e) => format!("error: {e}"),
            };
            let ok = match want.strip_prefix("error: ") {
                Some(part) => got.starts_with("error: ") && got.contains(part),
                None => got == *want,
            };
            if !ok {
                failures.push(format!("{expr}\n    want {want}\n    got  {got}"));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn string_functions() {
        check(&[
            (r#"lower("ÀBC")"#, r#""àbc""#),
            (r#"lower("\u0130Σ")"#, r#""iσ""#),
            (r#"upper("straße")"#, r#""STRAßE""#),
            (r#"lower(1)"#, r#""1""#),
            (r#"upper(true)"#, r#""TRUE""#),
            (r#"lower(null)"#, "error: argument must not be null"),
            (r#"lower([1])"#, "error: string required"),
            (r#"lower()"#, "error: not enough function arguments"),
            (r#"lower("a", "b")"#, "error: too many function arguments"),
            (r#"core::lower("A")"#, r#""a""#),
            (
                r#"title("hello wORLD foo-bar a_b x.y")"#,
                r#""Hello WORLD Foo-Bar A_b X.Y""#,
            ),
            (
                r#"title("hello_world ñu 1st x'y don’t")"#,
                r#""Hello_world Ñu 1st X'Y Don’t""#,
            ),
            (r#"title("élan vital")"#, r#""Élan Vital""#),
            (r#"title("")"#, r#""""#),
            (r#"trimspace("  \n a b \t")"#, r#""a b""#),
            (r#"trimspace("\u00a0a\u3000")"#, r#""a""#),
            (r#"trim("?!hello?!", "!?")"#, r#""hello""#),
            (r#"trim("abc", "")"#, r#""abc""#),
            (r#"trimprefix("hellohello", "hello")"#, r#""hello""#),
            (r#"trimprefix("a", "")"#, r#""a""#),
            (r#"trimsuffix("helloworld", "world")"#, r#""hello""#),
            (r#"chomp("abc\r\n\n")"#, r#""abc""#),
            (r#"chomp("abc\r\r")"#, r#""abc""#),
            (r#"chomp("a\nb")"#, r#""a\nb""#),
            (r#"strrev("abc")"#, r#""cba""#),
            (r#"strrev("x\u0301a")"#, "\"ax\u{301}\""),
            (r#"substr("hello world", 1, 4)"#, r#""ello""#),
            (r#"substr("hello", -3, -1)"#, r#""llo""#),
            (r#"substr("hello", 10, 2)"#, r#""""#),
            (r#"substr("hello", 5, 1)"#, r#""""#),
            (r#"substr("hello", -10, 2)"#, r#""he""#),
            (r#"substr("hello", -5, 1)"#, r#""h""#),
            (r#"substr("hello", 2, 100)"#, r#""llo""#),
            (r#"substr("hello", 0, -2)"#, r#""hello""#),
            (r#"substr("hello", -3, 0)"#, r#""llo""#),
            (r#"substr("hello", 3, 0)"#, r#""""#),
            (r#"substr("hello", -7, 0)"#, r#""hello""#),
            (r#"substr("héllo", 1, 2)"#, r#""él""#),
            (r#"substr("", 0, 1)"#, r#""""#),
            (r#"substr("hello", "1", "2")"#, r#""el""#),
            (
                r#"substr("hello", 1.5, 2)"#,
                "error: value must be a whole number",
            ),
            (
                r#"substr("hello", 1e30, 2)"#,
                "error: value must be a whole number",
            ),
            (r#"startswith("hello", "he")"#, "true"),
            (r#"startswith("hello", "")"#, "true"),
            (r#"startswith(1, "1")"#, "true"),
            (r#"startswith("a", null)"#, "error: must not be null"),
            (r#"endswith("hello", "lo")"#, "true"),
            (r#"endswith("hello", "he")"#, "false"),
            (r#"strcontains("hello", "ll")"#, "true"),
            (r#"indent(2, "a\nb\n\nc\n")"#, r#""a\n  b\n  \n  c\n  ""#),
            (r#"indent(2, "")"#, r#""""#),
            (r#"indent(-1, "a\nb")"#, "error: "),
            (r#"base64encode("héllo")"#, r#""aMOpbGxv""#),
            (r#"base64encode("")"#, r#""""#),
            (r#"base64encode("a")"#, r#""YQ==""#),
            (r#"base64encode("ab")"#, r#""YWI=""#),
            (r#"base64decode("aMOpbGxv")"#, r#""héllo""#),
            (r#"base64decode("YQ==")"#, r#""a""#),
            (r#"base64decode("aGk=\n")"#, r#""hi""#),
            (r#"base64decode("aGl=")"#, r#""hi""#),
            (r#"base64decode("")"#, r#""""#),
            (
                r#"base64decode("aMOpbGxv=")"#,
                "error: failed to decode base64 data",
            ),
            (
                r#"base64decode("aGk")"#,
                "error: failed to decode base64 data",
            ),
            (
                r#"base64decode(" aGk=")"#,
                "error: failed to decode base64 data",
            ),
            (
                r#"base64decode("YQ==YQ==")"#,
                "error: failed to decode base64 data",
            ),
            (r#"base64decode("/w==")"#, "error: not valid UTF-8"),
            (r#"urlencode("a b&c/é~=?")"#, r#""a+b%26c%2F%C3%A9~%3D%3F""#),
        ]);
    }

    #[test]
    fn length_counts_what_a_reader_sees_as_characters() {
        check(&[
            (r#"length("abc")"#, "3"),
            (r#"length("x\u0301a")"#, "2"),
            (
                r#"length("\U0001F469\u200D\u2764\uFE0F\u200D\U0001F48B\u200D\U0001F469")"#,
                "1",
            ),
            (r#"length("\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA")"#, "2"),
            (r#"length("\U0001F44D\U0001F3FD!")"#, "2"),
            (r#"length("\r\n")"#, "1"),
            (r#"length("\u0600a")"#, "1"),
            (r#"length("\u0915\u094D\u0937\u093F")"#, "2"),
            (r#"length("\u0E01\u0E33")"#, "1"),
            (
                r#"length("\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F")"#,
                "1",
            ),
            (
                r#"length("\U0001F9D1\u200D\U0001F91D\u200D\U0001F9D1")"#,
                "1",
            ),
            (r#"length("a\u200Db")"#, "2"),
            (r#"length("\U0001F1EB\U0001F1F7\U0001F1E9")"#, "2"),
            (r#"length("\n\u0301")"#, "2"),
            (r#"length("한국어")"#, "3"),
            (r#"length("\u1112\u1161\u11AB")"#, "1"),
            (r#"length("")"#, "0"),
            (r#"length([1, unknown()])"#, "2"),
            (r#"length({a = 1, b = 2})"#, "2"),
            (r#"length(unknown())"#, "?"),
            (
                r#"length(1)"#,
                "error: argument must be a string, a collection type",
            ),
            (
                r#"length(true)"#,
                "error: argument must be a string, a collection type",
            ),
            (r#"length(null)"#, "error: must not be null"),
        ]);
    }

    #[test]
    fn split_join_replace() {
        check(&[
            (r#"split(",", "")"#, r#"[""]"#),
            (r#"split("", "abc")"#, r#"["a","b","c"]"#),
            (r#"split(",", "a,,b")"#, r#"["a","","b"]"#),
            (r#"split("", "")"#, "[]"),
            (r#"split(",", unknown())"#, "?"),
            (r#"join(",", ["a", 1, true])"#, r#""a,1,true""#),
            (r#"join(",", ["a"], ["b", "c"])"#, r#""a,b,c""#),
            (r#"join(",", [])"#, r#""""#),
            (r#"join(",")"#, "error: at least one list is required"),
            (r#"join(",", ["a", null])"#, "error: element 1 is null"),
            (r#"join(",", [[1]])"#, "error: element 0: string required"),
            (r#"join(",", "a")"#, "error: "),
            (r#"join(",", ["a", unknown()])"#, "?"),
            (r#"replace("a-b-c", "-", "_")"#, r#""a_b_c""#),
            (r#"replace("aaa", "a", "")"#, r#""""#),
            (r#"replace("aaa", "", "-")"#, r#""-a-a-a-""#),
            (
                r#"replace("hello world", "/(o)/", "[$1]")"#,
                r#""hell[o] w[o]rld""#,
            ),
            (
                r#"replace("abc", "/(?P<x>b)/", "<$x>")"#,
                r#""a\u003cb\u003ec""#,
            ),
            (r#"replace("abc", "/b/", "$$")"#, r#""a$c""#),
            (r#"replace("abc", "/(b)/", "$1x")"#, r#""ac""#),
            (r#"replace("abc", "/(b)/", "$${1}x")"#, r#""abxc""#),
            (r#"replace("abc", "/(b)/", "$")"#, r#""a$c""#),
            (r#"replace("abc", "/(b)/", "$2")"#, r#""ac""#),
            (r#"replace("abc", "/(b)/", "$${x")"#, r#""a${xc""#),
            (r#"replace("a1\u0663", "/\\d/", "D")"#, "\"aD\u{663}\""),
            (r#"replace("héllo wörld", "/\\w+/", "W")"#, r#""WéW WöW""#),
            (r#"replace("abc", "/", "x")"#, r#""abc""#),
            (r#"replace("a/b/", "/", "x")"#, r#""axbx""#),
            (r#"replace("abc", "//", "-")"#, r#""-a-b-c-""#),
            (r#"replace("baaac", "/a*/", "-")"#, r#""-b-c-""#),
            (r#"replace("abc", "/(?i)B/", "x")"#, r#""axc""#),
            (
                r#"replace("abc", "/a{2,1001}/", "x")"#,
                "error: invalid repeat count",
            ),
            (r#"replace("a{x}", "/a{x}/", "y")"#, r#""y""#),
            (r#"replace("a{1001}", "/a{1001/", "x")"#, r#""x}""#),
            (r#"replace("a{,5}", "/a{,5}/", "y")"#, r#""y""#),
            (r#"replace("abc", "/\\Qa.\\E|c/", "-")"#, r#""ab-""#),
            (r#"replace("a.c", "/\\Qa.\\E|c/", "-")"#, r#""--""#),
            (r#"replace("ab<c", "/\\</", "-")"#, r#""ab-c""#),
            (r#"replace("a[b]&&c", "/[&[]/", "-")"#, r#""a-b]--c""#),
            (r#"replace("a-b", "/[\\w]/", "x")"#, r#""x-x""#),
            (r#"replace("aé", "/(?i)[^\\W]/", "x")"#, r#""xé""#),
            (r#"replace("a]b", "/[]]/", "x")"#, r#""axb""#),
            (r#"replace("héllo", "/\\b/", "|")"#, r#""|h|é|llo|""#),
            (
                r#"replace("abc", "/[/", "x")"#,
                "error: error parsing regexp",
            ),
            (r#"replace(unknown(), "a", "b")"#, "?"),
            (r#"regex("[a-z]+", "123abc456")"#, r#""abc""#),
            (r#"regex("(\\d+)-(\\d+)", "10-20")"#, r#"["10","20"]"#),
            (
                r#"regex("(?P<x>\\d+)-(?P<y>\\d+)", "10-20")"#,
                r#"{"x":"10","y":"20"}"#,
            ),
            (
                r#"regex("(?P<x>\\d+)-(\\d+)", "10-20")"#,
                "error: cannot mix both named and unnamed",
            ),
            (r#"regex("x", "abc")"#, "error: pattern did not match"),
            (r#"regex("(a)|(b)", "b")"#, r#"[null,"b"]"#),
            (
                r#"regex("(?P<x>a)|(?P<y>b)", "b")"#,
                r#"{"x":null,"y":"b"}"#,
            ),
            (r#"regex("\\s+", "a \u000b b")"#, r#"" ""#),
            (r#"regexall("\\d", "a1b2")"#, r#"["1","2"]"#),
            (
                r#"regexall("(\\d)(x)?", "a1b2x")"#,
                r#"[["1",null],["2","x"]]"#,
            ),
            (r#"regexall("x", "abc")"#, "[]"),
            (r#"regexall("(", "abc")"#, "error: invalid regexp pattern"),
        ]);
    }

    #[test]
    fn format_verbs() {
        check(&[
            (r#"format("%s-%s", "a", 1)"#, r#""a-1""#),
            (r#"format("100%% %s", "x")"#, r#""100% x""#),
            (
                r#"format("%v|%v|%v|%v|%v|%v", 1000000, 123456, 1.5, 1e20, 0.0001, 0.00001)"#,
                r#""1e+06|123456|1.5|1e+20|0.0001|1e-05""#,
            ),
            (r#"format("%v|%v", true, [1, "a"])"#, r#""true|[1,\"a\"]""#),
            (r#"format("%v", {b = 1, a = 2})"#, r#""{\"a\":2,\"b\":1}""#),
            (r#"format("%#v|%#v", "x<y", 1)"#, r#""\"x\\u003cy\"|1""#),
            (r#"format("%v", "")"#, r#""""#),
            // Terraform prints a typed null ("null"), but gives no value for an untyped one;
            // vigil's nulls have no type.
            (r#"format("%v", tostring(null))"#, "?"),
            (r#"format("%v", 1e-7)"#, r#""1e-07""#),
            (r#"format("%v", -0.0)"#, r#""-0""#),
            (r#"format("%05v", -1)"#, r#""000-1""#),
            (r#"format("%-5v|", "ab")"#, r#""ab   |""#),
            (
                r#"format("%5.2f|%-8.3f|%08.2f|%+d|% d|%f|%.0f|%e|%g|%G|%E", 3.14159, 2.5, -1.5, 5, 7, 1, 2.5, 123456.789, 0.00001234, 1e21, 1.5)"#,
                r#"" 3.14|2.500   |-0001.50|+5| 7|1.000000|2|1.234568e+05|1.234e-05|1E+21|1.500000E+00""#,
            ),
            (
                r#"format("%b|%o|%x|%X|%5d|%-5d|%05d|%#x|%#o|%.3d", 5, 8, 255, 255, 42, 42, -42, 255, 8, 7)"#,
                r#""101|10|ff|FF|   42|42   |-0042|0xff|010|007""#,
            ),
            (
                r#"format("%s|%5s|%-5s|%.2s|%05s|%q|%q|%t|%s|%s|%s", "ab", "ab", "ab", "abcdef", "ab", "a\"b<>&\n", 12, "true", 1.5, true, 100)"#,
                r#""ab|   ab|ab   |ab|000ab|\"a\\\"b\\u003c\\u003e\\u0026\\n\"|\"12\"|true|1.5|true|100""#,
            ),
            (r#"format("%[2]s %[1]s %s", "a", "b")"#, r#""b a b""#),
            (r#"format("%d", "12")"#, r#""12""#),
            (r#"format("%x", -255)"#, r#""-ff""#),
            (r#"format("%.2e", 1234.5)"#, r#""1.23e+03""#),
            (r#"format("%10.3g", 3.14159)"#, r#""      3.14""#),
            (
                r#"format("%g|%g|%g|%g", 100000, 1000000, 0.0001, 123456789)"#,
                r#""100000|1e+06|0.0001|1.23456789e+08""#,
            ),
            (
                r#"format("%.2g|%.10g|%e|%g", 123456789, 1.5, 0, 0)"#,
                r#""1.2e+08|1.5|0.000000e+00|0""#,
            ),
            (r#"format("%+.1e", 0)"#, r#""+0.0e+00""#),
            (r#"format("% f", 1)"#, r#"" 1.000000""#),
            (r#"format("%-08.2f|", 1.5)"#, r#""00001.50|""#),
            (
                r#"format("%+d|% d|%+5d|%-+5d|%+05d", 0, -3, 3, 3, 3)"#,
                r#""+0|-3|   +3|+3   |+0003""#,
            ),
            (r#"format("%.0d|%5.0d|", 0, 0)"#, r#""||""#),
            (
                r#"format("%b", 1e20)"#,
                r#""1010110101111000111010111100010110101100011000100000000000000000000""#,
            ),
            (r#"format("%x", 1e30)"#, r#""c9f2c9cd04674edea40000000""#),
            (
                r#"format("%d|%s", 1e20, 1e20)"#,
                r#""100000000000000000000|100000000000000000000""#,
            ),
            (r#"format("%o", 0)"#, r#""0""#),
            (r#"format("%q", "é\u2028")"#, r#""\"é\\u2028\"""#),
            (r#"format("%f", -0.0)"#, r#""-0.000000""#),
            (
                r#"format("%.3f|%.1f|%.1f|%.2f", 2.0005, 0.25, 0.35, 2.675)"#,
                r#""2.001|0.2|0.3|2.67""#,
            ),
            (
                r#"format("%.0f|%.0f|%.0e", 0.5, 1.5, 15)"#,
                r#""0|2|2e+01""#,
            ),
            (
                r#"format("%.1f|%.0f|%.2f", 0.96, 0.09, 9.999)"#,
                r#""1.0|0|10.00""#,
            ),
            (
                r#"format("%5.s|%.s|%.0s", "abc", "abc", "abc")"#,
                r#""  abc|abc|abc""#,
            ),
            (r#"format("%-5.1s|", "abc")"#, r#""a    |""#),
            (
                r#"format("%3s|%-3s|", "é", "x\u0301")"#,
                "\"  é|x\u{301}  |\"",
            ),
            (r#"format("%5t", true)"#, r#""true""#),
            (r#"format("%d", 1.5)"#, "error: an integer is required"),
            (r#"format("%s", [1])"#, "error: string required"),
            (r#"format("%s", tostring(null))"#, "?"),
            (r#"format("%t", "yes")"#, "error: a bool is required"),
            (r#"format("%x", "ff")"#, "error: a number is required"),
            (r#"format("%z", 1)"#, "error: unsupported format verb 'z'"),
            (
                r#"format("%", 1)"#,
                "error: invalid format string starting at offset 1",
            ),
            (
                r#"format("%*d", 5, 1)"#,
                "error: unrecognized format character '*' at offset 1",
            ),
            (
                r#"format("%[0]s", "a")"#,
                "error: unrecognized format character '0' at offset 2",
            ),
            (
                r#"format("%5%")"#,
                "error: unrecognized format character '%' at offset 2",
            ),
            (
                r#"format("%s")"#,
                "error: not enough arguments for \"%s\" at 0: need index 1 but have 0 total",
            ),
            (
                r#"format("%[3]s", 1)"#,
                "error: need index 3 but have 1 total",
            ),
            (
                r#"format("abc", 1)"#,
                "error: too many arguments; no verbs in format string",
            ),
            (
                r#"format("%s", "a", "b")"#,
                "error: too many arguments; only 1 used by format string",
            ),
            (r#"format("%[1]s %[1]s", "a", "b")"#, "error: only 1 used"),
            (r#"format("%s", unknown())"#, "?"),
            (r#"format("%#v", [unknown()])"#, "?"),
        ]);
    }

    #[test]
    fn formatlist_iterates_lists_together() {
        check(&[
            (
                r#"formatlist("%s-%s", ["a", "b"], "x")"#,
                r#"["a-x","b-x"]"#,
            ),
            (
                r#"formatlist("%s=%s", ["a", "b"], [1, 2])"#,
                r#"["a=1","b=2"]"#,
            ),
            (
                r#"formatlist("%s-%s", ["a", "b"], ["x"])"#,
                "error: argument 2 has length 1, which is inconsistent with argument 1 of length 2",
            ),
            (r#"formatlist("%s", [])"#, "[]"),
            (r#"formatlist("x")"#, r#"["x"]"#),
            (
                r#"formatlist("%s", {a = 1})"#,
                "error: error on format iteration 0",
            ),
            (r#"formatlist("%s", ["a", unknown()])"#, r#"["a",?]"#),
            (r#"formatlist("%s", unknown())"#, "?"),
        ]);
    }

    #[test]
    fn json() {
        check(&[
            (
                r#"jsonencode({b = "<a&b>", a = [1, 1.5, 1e20, true, null, 0.0000001], c = "\u2028 \u0008 \u000c \t \u0001 é"})"#,
                r#""{\"a\":[1,1.5,100000000000000000000,true,null,0.0000001],\"b\":\"\\u003ca\\u0026b\\u003e\",\"c\":\"\\u2028 \\b \\f \\t \\u0001 é\"}""#,
            ),
            (r#"jsonencode(-0.0)"#, r#""-0""#),
            (r#"jsonencode(3.0)"#, r#""3""#),
            (r#"jsonencode(1e21)"#, r#""1000000000000000000000""#),
            (r#"jsonencode(123456789.123)"#, r#""123456789.123""#),
            (r#"jsonencode(null)"#, r#""null""#),
            (r#"jsonencode({"<" = 1})"#, r#""{\"\\u003c\":1}""#),
            (r#"jsonencode("\u007f")"#, "\"\\\"\u{7f}\\\"\""),
            (r#"jsonencode(["a", unknown()])"#, "?"),
            (
                r#"jsondecode("{\"b\":1,\"a\":[true,null,\"x\",1.5]}")"#,
                r#"{"a":[true,null,"x",1.5],"b":1}"#,
            ),
            (r#"jsondecode("1e2")"#, "100"),
            (r#"jsondecode(" 1 ")"#, "1"),
            (r#"jsondecode("{\"a\":1,\"a\":2}")"#, r#"{"a":2}"#),
            (r#"jsondecode("")"#, "error: "),
            (r#"jsondecode("[1,")"#, "error: "),
            (r#"jsondecode("1 2")"#, "error: "),
            (r#"jsondecode(null)"#, "error: must not be null"),
            (r#"jsondecode(unknown())"#, "?"),
        ]);
    }

    #[test]
    fn conversions() {
        check(&[
            (r#"tostring(1)"#, r#""1""#),
            (r#"tostring(1.5)"#, r#""1.5""#),
            (r#"tostring(-0.5)"#, r#""-0.5""#),
            (r#"tostring(1e20)"#, r#""100000000000000000000""#),
            (r#"tostring(1e21)"#, r#""1000000000000000000000""#),
            (r#"tostring(0.0000001)"#, r#""0.0000001""#),
            (r#"tostring(0.1)"#, r#""0.1""#),
            (r#"tostring(true)"#, r#""true""#),
            (r#"tostring(null)"#, "null"),
            (r#"tostring([1])"#, "error: cannot convert tuple to string"),
            (r#"tonumber("1.5")"#, "1.5"),
            (r#"tonumber("-1.50")"#, "-1.5"),
            (r#"tonumber("+1")"#, "1"),
            (r#"tonumber(".5")"#, "0.5"),
            (r#"tonumber("5.")"#, "5"),
            (r#"tonumber("1e3")"#, "1000"),
            (r#"tonumber(null)"#, "null"),
            (r#"tonumber("0x10")"#, "error: cannot convert \"0x10\" to number; given string must be a decimal representation of a number"),
            (r#"tonumber(" 1")"#, "error: cannot convert \" 1\" to number"),
            (r#"tonumber("1_000")"#, "error: cannot convert"),
            (r#"tonumber("abc")"#, "error: cannot convert"),
            (r#"tonumber(true)"#, "error: cannot convert bool to number"),
            (r#"tobool("true")"#, "true"),
            (r#"tobool("false")"#, "false"),
            (r#"tobool(null)"#, "null"),
            (r#"tobool("True")"#, "error: cannot convert \"True\" to bool; only the strings \"true\" or \"false\" are allowed"),
            (r#"tobool(1)"#, "error: cannot convert number to bool"),
            (r#"tolist(["a", 1])"#, r#"["a","1"]"#),
            (r#"tolist(["a", null])"#, r#"["a",null]"#),
            (r#"tolist([[1], ["a"]])"#, r#"[["1"],["a"]]"#),
            (r#"tolist([[1, true]])"#, "[[1,true]]"),
            (r#"tolist([{a = 1}, {b = 2}])"#, r#"[{"a":1},{"b":2}]"#),
            (r#"tolist([{a = 1}, {a = "x"}])"#, r#"[{"a":"1"},{"a":"x"}]"#),
            (r#"tolist(["a", unknown()])"#, r#"["a",?]"#),
            (r#"tolist([1, true])"#, "error: cannot convert tuple to list of any single type"),
            (r#"tolist([["a"], 1])"#, "error: cannot convert tuple to list of any single type"),
            (r#"tolist({a = 1})"#, "error: cannot convert object to list of any single type"),
            (r#"tolist("a")"#, "error: cannot convert string to list of any single type"),
            (r#"toset(["b", "a", "c", "a", "B", "10", "9"])"#, r#"["10","9","B","a","b","c"]"#),
            (r#"toset([3, 1, 2, 10, 1])"#, "[1,2,3,10]"),
            (r#"toset([true, false, true])"#, "[false,true]"),
            (r#"toset(["a", 1, true])"#, r#"["1","a","true"]"#),
            (r#"toset([1, "1"])"#, r#"["1"]"#),
            (r#"toset(["a", null])"#, r#"["a",null]"#),
            (r#"toset([[1], [1]])"#, "[[1]]"),
            (r#"toset([])"#, "[]"),
            (r#"tomap({a = 1, b = "x"})"#, r#"{"a":"1","b":"x"}"#),
            (r#"tomap({a = 1, b = true})"#, "error: cannot convert object to map of any single type"),
            (r#"tomap({a = 1, b = [1]})"#, "error: cannot convert object to map of any single type"),
            (r#"tomap(["a"])"#, "error: cannot convert tuple to map of any single type"),
            (r#"nonsensitive("a")"#, r#""a""#),
        ]);
    }

    #[test]
    fn selection_and_collections() {
        check(&[
            (r#"coalesce(null, "", "b")"#, r#""b""#),
            (r#"coalesce(1, "a")"#, r#""1""#),
            (r#"coalesce("", 1)"#, r#""1""#),
            (r#"coalesce([], ["a"])"#, "[]"),
            (
                r#"coalesce(null, null)"#,
                "error: no non-null, non-empty-string arguments",
            ),
            (
                r#"coalesce("", "")"#,
                "error: no non-null, non-empty-string arguments",
            ),
            (
                r#"coalesce()"#,
                "error: all arguments must have the same type",
            ),
            (
                r#"coalesce(true, 1)"#,
                "error: all arguments must have the same type",
            ),
            (r#"coalesce(null, unknown(), "x")"#, "?"),
            (r#"coalesce("a", unknown())"#, r#""a""#),
            (r#"coalesce("", unknown())"#, "?"),
            (r#"coalescelist([], ["a"], ["b"])"#, r#"["a"]"#),
            (r#"coalescelist([], [unknown()], ["x"])"#, "[?]"),
            (r#"coalescelist([], [])"#, "error: no non-null arguments"),
            (
                r#"coalescelist("a")"#,
                "error: coalescelist arguments must be lists or tuples",
            ),
            (
                r#"coalescelist(null, ["a"])"#,
                "error: coalescelist arguments must be lists or tuples",
            ),
            (r#"concat(["a"], [1], [])"#, r#"["a",1]"#),
            (r#"concat([1], [[2]])"#, "[1,[2]]"),
            (r#"concat(["a", unknown()], ["b"])"#, r#"["a",?,"b"]"#),
            (r#"concat()"#, "error: at least one argument is required"),
            (
                r#"concat("a")"#,
                "error: all arguments must be lists or tuples; got string",
            ),
            (r#"concat(["a"], null)"#, "error: must not be null"),
            (r#"contains(["a", "b"], "a")"#, "true"),
            (r#"contains(["1", "b"], 1)"#, "false"),
            (r#"contains([1, 2], "1")"#, "false"),
            (r#"contains([[1]], [1])"#, "true"),
            (r#"contains(["a", unknown()], "a")"#, "true"),
            (r#"contains(["a", unknown()], "b")"#, "?"),
            (r#"contains(["a"], unknown())"#, "?"),
            (
                r#"contains({a = 1}, "a")"#,
                "error: argument must be list, tuple, or set",
            ),
            (r#"contains([], null)"#, "error: must not be null"),
            (r#"distinct(["a", "b", "a", 1, "1"])"#, r#"["a","b","1"]"#),
            (r#"distinct([[1], [1], [2]])"#, "[[1],[2]]"),
            (r#"distinct([{a = 1}, {a = "1"}])"#, r#"[{"a":"1"}]"#),
            (r#"distinct(["b", unknown()])"#, "?"),
            (r#"compact(["a", "", null, "b"])"#, r#"["a","b"]"#),
            (r#"compact([1, ""])"#, r#"["1"]"#),
            (r#"compact([])"#, "[]"),
            (r#"compact(["b", unknown()])"#, "?"),
            (r#"element(["a", "b", "c"], 4)"#, r#""b""#),
            (r#"element(["a", "b", "c"], 3)"#, r#""a""#),
            (r#"element(["a", 1], 1)"#, "1"),
            (r#"element(["a", "b"], "1")"#, r#""b""#),
            (r#"element(["a"], -1)"#, r#""a""#),
            (r#"element(["a", unknown()], 0)"#, r#""a""#),
            (r#"element(["a"], unknown())"#, "?"),
            (r#"element(["a", "b", "c"], -1)"#, "error: negative index"),
            (
                r#"element([], 0)"#,
                "error: cannot use element function with an empty list",
            ),
            (
                r#"element(["a", "b"], 1.5)"#,
                "error: invalid index: value must be a whole number",
            ),
            (
                r#"element("abc", 1)"#,
                "error: cannot read elements from string",
            ),
            (
                r#"element({a = 1}, 0)"#,
                "error: cannot read elements from object",
            ),
            (r#"flatten([[1, [2, [3]]], [], 4, [[[]]]])"#, "[1,2,3,4]"),
            (
                r#"flatten([["a"], "b", [["c", null]]])"#,
                r#"["a","b","c",null]"#,
            ),
            (r#"flatten([{a = 1}])"#, r#"[{"a":1}]"#),
            (r#"flatten(["a", [unknown()]])"#, "?"),
            (
                r#"flatten("a")"#,
                "error: can only flatten lists, sets and tuples",
            ),
            (
                r#"flatten({a = [1]})"#,
                "error: can only flatten lists, sets and tuples",
            ),
            (r#"index(["a", 1], 1)"#, "1"),
            (r#"index(["a", unknown(), "c"], "a")"#, "0"),
            (r#"index(["a", unknown(), "c"], "c")"#, "?"),
            (r#"index(["a", 1], "1")"#, "error: item not found"),
            (
                r#"index({a = 1}, 1)"#,
                "error: argument must be a list or tuple",
            ),
            (r#"keys({b = 1, a = 2})"#, r#"["a","b"]"#),
            (r#"keys({a = 1, b = unknown()})"#, r#"["a","b"]"#),
            (r#"keys({})"#, "[]"),
            (r#"keys(["a"])"#, "error: must have map or object type"),
            (r#"values({b = 1, a = 2})"#, "[2,1]"),
            (r#"values({a = 1, b = unknown()})"#, "[1,?]"),
            (r#"lookup({a = "x", b = unknown()}, "a")"#, r#""x""#),
            (r#"lookup({a = "x"}, "c", "d")"#, r#""d""#),
            (r#"lookup({a = 1, b = "x"}, "a")"#, "1"),
            (r#"lookup({a = "x"}, "b", 1)"#, "1"),
            (r#"lookup({a = "x"}, "b", null)"#, "null"),
            (r#"lookup({a = unknown()}, "b", "d")"#, r#""d""#),
            (r#"lookup({a = 1}, 1, "d")"#, r#""d""#),
            (r#"lookup({a = {b = 1}}, "a")"#, r#"{"b":1}"#),
            (r#"lookup({a = "x"}, unknown(), "d")"#, "?"),
            (r#"lookup({a = "x"}, "a", unknown())"#, r#""x""#),
            (
                r#"lookup({a = "x"}, "c")"#,
                "error: the given object has no attribute \"c\"",
            ),
            (
                r#"lookup(["a"], "0")"#,
                "error: lookup() requires a map as the first argument",
            ),
            (r#"lookup({a = 1})"#, "error: not enough function arguments"),
            (
                r#"merge({a = 1, b = 2}, {b = 3}, null, {c = unknown()})"#,
                r#"{"a":1,"b":3,"c":?}"#,
            ),
            (r#"merge({a = 1}, {a = "x"})"#, r#"{"a":"x"}"#),
            (r#"merge({a = 1}, {b = {c = 1}})"#, r#"{"a":1,"b":{"c":1}}"#),
            (r#"merge()"#, "{}"),
            (
                r#"merge({a = 1}, "x")"#,
                "error: arguments must be maps or objects, got \"string\"",
            ),
            (r#"one([])"#, "null"),
            (r#"one(["a"])"#, r#""a""#),
            (r#"one([unknown()])"#, "?"),
            (
                r#"one(["a", "b"])"#,
                "error: must be a list, set, or tuple value with either zero or one elements",
            ),
            (r#"one(null)"#, "error: must not be null"),
            (r#"reverse(["a", 1, true])"#, r#"[true,1,"a"]"#),
            (
                r#"reverse("abc")"#,
                "error: can only reverse list or tuple values, not string",
            ),
            (r#"slice(["a", 1, true], 0, 2)"#, r#"["a",1]"#),
            (r#"slice(["a", "b", "c"], 1, 1)"#, "[]"),
            (r#"slice(["a", unknown(), "c"], 0, 1)"#, r#"["a"]"#),
            (
                r#"slice(["a", "b", "c"], 2, 1)"#,
                "error: start index must not be greater than end index",
            ),
            (
                r#"slice(["a", "b", "c"], 0, 4)"#,
                "error: end index must not be greater than the length of the list",
            ),
            (
                r#"slice(["a", "b", "c"], -1, 2)"#,
                "error: start index must not be less than zero",
            ),
            (r#"sort(["b", "a", "10", "9"])"#, r#"["10","9","a","b"]"#),
            (r#"sort([3, 1, 20])"#, r#"["1","20","3"]"#),
            (r#"sort([1.5, 10])"#, r#"["1.5","10"]"#),
            (r#"sort(["é", "z", "Z", "a"])"#, r#"["Z","a","z","é"]"#),
            (r#"sort([])"#, "[]"),
            (r#"sort(["b", unknown()])"#, "?"),
            (
                r#"sort(["a", null])"#,
                "error: given list element 1 is null; a null string cannot be sorted",
            ),
            (r#"zipmap(["a", "b"], [1, 2])"#, r#"{"a":1,"b":2}"#),
            (r#"zipmap(["a", "a"], [1, 2])"#, r#"{"a":2}"#),
            (r#"zipmap([1, 2], ["x", "y"])"#, r#"{"1":"x","2":"y"}"#),
            (r#"zipmap(["a", "b"], [1, "x"])"#, r#"{"a":1,"b":"x"}"#),
            (r#"zipmap(["a", "b"], [1, unknown()])"#, r#"{"a":1,"b":?}"#),
            (r#"zipmap(["a", unknown()], [1, 2])"#, "?"),
            (
                r#"zipmap(["a", "b"], [1])"#,
                "error: number of keys (2) does not match number of values (1)",
            ),
            (r#"chunklist(["a", "b", "c"], 2)"#, r#"[["a","b"],["c"]]"#),
            (r#"chunklist(["a", "b"], 0)"#, r#"[["a","b"]]"#),
            (r#"chunklist([], 2)"#, "[]"),
            (r#"chunklist([], 0)"#, "[]"),
            (r#"chunklist(["a"], -1)"#, "error: "),
            (r#"setunion(["b", "a"], ["c", "a"])"#, r#"["a","b","c"]"#),
            (r#"setunion([1], ["a"])"#, r#"["1","a"]"#),
            (r#"setunion([])"#, "[]"),
            (r#"setunion(["a"], [unknown()])"#, "?"),
            (
                r#"setintersection(["a", "b", "c"], ["b", "c", "d"], ["c"])"#,
                r#"["c"]"#,
            ),
            (r#"setintersection(["a"], [])"#, "[]"),
            (r#"setsubtract(["a", "b"], ["b"])"#, r#"["a"]"#),
            (
                r#"setproduct(["a", "b"], [1, 2])"#,
                r#"[["a",1],["a",2],["b",1],["b",2]]"#,
            ),
            (
                r#"setproduct(["a"])"#,
                "error: at least two arguments are required",
            ),
        ]);
    }

    #[test]
    fn numbers_and_bools() {
        check(&[
            (r#"range(3)"#, "[0,1,2]"),
            (r#"range(1, 4)"#, "[1,2,3]"),
            (r#"range(1, 10, 3)"#, "[1,4,7]"),
            (r#"range(5, 1)"#, "[5,4,3,2]"),
            (r#"range(5, 1, -2)"#, "[5,3]"),
            // Terraform adds 0.3 in 512-bit binary: its digits are not an f64's.
            (r#"range(0, 1, 0.3)"#, "?"),
            (r#"range(0, 1, 0.25)"#, "[0,0.25,0.5,0.75]"),
            (r#"range(0)"#, "[]"),
            (r#"range(-3)"#, "[0,-1,-2]"),
            (r#"range(0, 0, 0)"#, "[]"),
            (r#"range(1, 1, 0)"#, "[]"),
            (r#"range(0, 5, 0)"#, "error: step must not be zero"),
            (
                r#"range(1, 5, -1)"#,
                "error: end must be less than start when step is negative",
            ),
            (
                r#"range(2, 1, 1)"#,
                "error: end must be greater than start when step is positive",
            ),
            (
                r#"range(1, 2, 3, 4)"#,
                "error: must have one, two, or three arguments",
            ),
            (
                r#"range(1e6)"#,
                "error: more than 1024 values were generated",
            ),
            (r#"range(unknown())"#, "?"),
            (r#"min(1, 2, "0.5")"#, "0.5"),
            (r#"max(-1, 3)"#, "3"),
            (r#"max(1, unknown())"#, "?"),
            (r#"min()"#, "error: must pass at least one number"),
            (r#"min([1, 2])"#, "error: number required"),
            (r#"max("a")"#, "error: a number is required"),
            (r#"abs(-1.5)"#, "1.5"),
            (r#"abs("-3")"#, "3"),
            (r#"ceil(1.2)"#, "2"),
            (r#"ceil("1.5")"#, "2"),
            (r#"floor(-1.2)"#, "-2"),
            (r#"floor(1e20)"#, "100000000000000000000"),
            (r#"signum(-7)"#, "-1"),
            (r#"signum(0)"#, "0"),
            (r#"pow(2, 10)"#, "1024"),
            (r#"pow(2, 0.5)"#, "1.4142135623730951"),
            (r#"pow(-8, 0.5)"#, "error: "),
            (r#"log(8, 2)"#, "3"),
            (r#"log(100, 10)"#, "2"),
            (r#"parseint("ff", 16)"#, "255"),
            (
                r#"parseint(10, 10)"#,
                "error: first argument must be a string, not number",
            ),
            (r#"parseint("-1010", 2)"#, "-10"),
            (r#"parseint("zz", 36)"#, "1295"),
            (
                r#"parseint("12", 2)"#,
                "error: cannot parse \"12\" as a base 2 integer",
            ),
            (
                r#"parseint("1", 1)"#,
                "error: base must be a whole number between 2 and 62",
            ),
            (r#"sum([1, 2.5])"#, "3.5"),
            (r#"sum(["1", 2])"#, "3"),
            (r#"sum([0.1, 0.2])"#, "?"),
            (r#"sum([0.5, 0.25])"#, "0.75"),
            (r#"sum([1, unknown()])"#, "?"),
            (r#"sum([])"#, "error: cannot sum an empty list"),
            (
                r#"sum([1, null])"#,
                "error: argument must be list, set, or tuple of number values",
            ),
            (r#"alltrue([])"#, "true"),
            (r#"alltrue([true, "true"])"#, "true"),
            (r#"alltrue([true, null])"#, "false"),
            (r#"alltrue([false, unknown()])"#, "false"),
            (r#"alltrue([true, unknown()])"#, "?"),
            (r#"alltrue([true, 1])"#, "error: element 1: bool required"),
            (r#"anytrue([])"#, "false"),
            (r#"anytrue([false, true])"#, "true"),
            (r#"anytrue([false, null])"#, "false"),
            (r#"anytrue([unknown(), true])"#, "true"),
            (r#"anytrue([unknown(), false])"#, "?"),
        ]);
    }

    #[test]
    fn unknown_functions_are_unknown_values() {
        for name in [
            "timestamp",
            "file",
            "provider::azurerm::normalise_resource_id",
            "try",
        ] {
            let v = call(name, vec![Val::string("x", None)], &at()).unwrap();
            match &v.value {
                Value::Unknown(u) => {
                    assert_eq!(
                        u.reason,
                        format!("function `{name}` is not evaluated by vigil")
                    )
                }
                other => panic!("{name}: {other:?}"),
            }
            assert_eq!(v.origin, Some(at()));
            assert!(!is_known(name));
        }
        assert!(is_known("lower") && is_known("core::lower") && is_known("zipmap"));
        let names: Vec<&str> = FUNCTIONS.iter().map(|s| s.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "the table is searched by bisection");
    }

    /// A value written at `vars.tf:line`, carried by one hop.
    fn lit(value: Value, line: u32) -> Val {
        Val::new(value, Some(written(line))).through(vigil_model::Hop {
            label: format!("var.v{line}"),
            location: Location::new("main.tf", line, 1, line, 2),
        })
    }

    fn s(text: &str, line: u32) -> Val {
        lit(Value::String(text.into()), line)
    }

    fn run(name: &str, args: Vec<Val>) -> Val {
        call(name, args, &at()).unwrap()
    }

    fn lines(v: &Val) -> (Option<u32>, Vec<String>) {
        (
            v.origin.as_ref().map(|o| o.line),
            v.trace.iter().map(|h| h.label.clone()).collect(),
        )
    }

    #[test]
    fn selections_return_the_selected_input() {
        let x = s("X", 3);
        assert_eq!(
            run(
                "coalesce",
                vec![Val::null(None), Val::string("", None), x.clone()]
            ),
            x
        );
        // Converted to the common type, still the same literal.
        let one = lit(Value::Number(1.0), 4);
        let got = run("coalesce", vec![one.clone(), s("a", 5)]);
        assert_eq!((got.as_str(), lines(&got)), (Some("1"), lines(&one)));
        let list = Val::list(vec![s("a", 6), x.clone()], Some(written(7)));
        assert_eq!(
            run(
                "element",
                vec![list.clone(), Val::new(Value::Number(3.0), None)]
            ),
            x
        );
        assert_eq!(run("one", vec![Val::list(vec![x.clone()], None)]), x);
        let map = Val::object([("k".to_string(), x.clone())], Some(written(8)));
        assert_eq!(run("lookup", vec![map.clone(), Val::string("k", None)]), x);
        let default = s("d", 9);
        assert_eq!(
            run(
                "lookup",
                vec![map.clone(), Val::string("z", None), default.clone()]
            ),
            default
        );
        let merged = run(
            "merge",
            vec![
                map.clone(),
                Val::object([("j".to_string(), s("j", 10))], None),
            ],
        );
        match &merged.value {
            Value::Object(m) => assert_eq!(m["k"], x),
            other => panic!("{other:?}"),
        }
        assert_eq!(merged.origin, Some(at()), "two objects made it");
        let concat = run(
            "concat",
            vec![list.clone(), Val::list(vec![s("c", 11)], None)],
        );
        match &concat.value {
            Value::List(items) => assert_eq!((&items[1], lines(&items[2]).0), (&x, Some(11))),
            other => panic!("{other:?}"),
        }
        let flat = run("flatten", vec![Val::list(vec![list.clone()], None)]);
        assert!(matches!(&flat.value, Value::List(items) if items[1] == x));
        let values = run("values", vec![map.clone()]);
        assert!(matches!(&values.value, Value::List(items) if items[0] == x));
        assert_eq!(lines(&values).0, Some(8));
        let least = run("min", vec![lit(Value::Number(5.0), 12), s("2", 13)]);
        assert_eq!(
            (least.value.clone(), lines(&least).0),
            (Value::Number(2.0), Some(13))
        );
        let text = run("tostring", vec![lit(Value::Bool(true), 14)]);
        assert_eq!(
            (text.as_str(), lines(&text)),
            (Some("true"), (Some(14), vec!["var.v14".to_string()]))
        );
        let set = run("toset", vec![list.clone()]);
        assert_eq!(lines(&set).0, Some(7));
        assert!(matches!(&set.value, Value::List(items) if items[0] == x));
    }

    #[test]
    fn computed_values_keep_their_one_source() {
        let x = s("ABC", 3);
        // One input makes the text: the literal a person edits.
        for (name, args) in [
            ("lower", vec![x.clone()]),
            ("trimspace", vec![x.clone()]),
            ("format", vec![Val::string("%s", None), x.clone()]),
            (
                "join",
                vec![Val::string(",", None), Val::list(vec![x.clone()], None)],
            ),
            (
                "replace",
                vec![x.clone(), Val::string("B", None), Val::string("", None)],
            ),
            (
                "replace",
                vec![x.clone(), Val::string("Z", None), Val::string("Y", None)],
            ),
            (
                "substr",
                vec![
                    x.clone(),
                    Val::new(Value::Number(0.0), None),
                    Val::new(Value::Number(1.0), None),
                ],
            ),
            ("jsonencode", vec![x.clone()]),
            ("length", vec![x.clone()]),
            ("trimprefix", vec![x.clone(), Val::string("A", None)]),
        ] {
            let got = run(name, args);
            assert_eq!(lines(&got), lines(&x), "{name}");
        }
        // Several inputs make it: the call.
        for (name, args) in [
            (
                "format",
                vec![Val::string("%s-%s", None), x.clone(), s("b", 4)],
            ),
            ("format", vec![Val::string("kv-%s", None), x.clone()]),
            (
                "join",
                vec![
                    Val::string(",", None),
                    Val::list(vec![x.clone(), s("b", 4)], None),
                ],
            ),
            (
                "replace",
                vec![x.clone(), Val::string("B", None), s("Y", 5)],
            ),
            ("startswith", vec![x.clone(), Val::string("A", None)]),
        ] {
            let got = run(name, args);
            assert_eq!(lines(&got), (Some(20), vec![]), "{name}");
        }
        // The format string alone.
        let got = run("format", vec![s("100%%", 6)]);
        assert_eq!(lines(&got).0, Some(6));
        let parts = run("split", vec![Val::string(",", None), s("a,b", 7)]);
        match &parts.value {
            Value::List(items) => assert!(items.iter().all(|i| lines(i) == lines(&s("", 7)))),
            other => panic!("{other:?}"),
        }
        let decoded = run("jsondecode", vec![s(r#"{"a":{"b":"c"}}"#, 8)]);
        let inner = match &decoded.value {
            Value::Object(m) => match &m["a"].value {
                Value::Object(m) => m["b"].clone(),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        };
        assert_eq!(lines(&inner), lines(&s("", 8)));
        // Without an origin of its own, a computed value is placed at the call.
        let got = run("upper", vec![Val::string("a", None)]);
        assert_eq!(got.origin, Some(at()));
        // The deciding element of alltrue is the line to change.
        let list = Val::list(
            vec![lit(Value::Bool(true), 9), lit(Value::Bool(false), 10)],
            None,
        );
        assert_eq!(lines(&run("alltrue", vec![list])).0, Some(10));
    }

    #[test]
    fn unknowns_carry_their_reason_and_origin() {
        let u = lit(
            Value::Unknown(vigil_model::Unknown {
                reason: "data.x.y".into(),
                candidates: Vec::new(),
            }),
            30,
        );
        for (name, args) in [
            ("lower", vec![u.clone()]),
            (
                "format",
                vec![
                    Val::string("%s-%s", None),
                    Val::string("a", None),
                    u.clone(),
                ],
            ),
            (
                "join",
                vec![
                    Val::string(",", None),
                    Val::list(vec![Val::string("a", None), u.clone()], None),
                ],
            ),
            (
                "coalesce",
                vec![Val::null(None), u.clone(), Val::string("x", None)],
            ),
            (
                "jsonencode",
                vec![Val::object([("a".to_string(), u.clone())], None)],
            ),
            (
                "element",
                vec![
                    Val::list(vec![u.clone()], None),
                    Val::new(Value::Number(0.0), None),
                ],
            ),
            (
                "alltrue",
                vec![Val::list(
                    vec![Val::new(Value::Bool(true), None), u.clone()],
                    None,
                )],
            ),
        ] {
            assert_eq!(run(name, args), u, "{name}");
        }
        // Sound where Terraform stops at the unknown: a false element decides wherever it is.
        let list = Val::list(vec![u.clone(), Val::new(Value::Bool(false), None)], None);
        assert_eq!(run("alltrue", vec![list]).as_bool(), Some(false));
    }

    #[test]
    fn hostile_inputs_are_errors_not_panics() {
        let big = Val::new(Value::Number(1e300), None);
        let mut deep = Val::string("x", None);
        for _ in 0..1000 {
            deep = Val::list(vec![deep], None);
        }
        let huge = Val::string("ab".repeat(1 << 20), None);
        let many = Val::list(vec![Val::string("a", None); 50_000], None);
        let cases: Vec<(&str, Vec<Val>)> = vec![
            (
                "range",
                vec![
                    Val::new(Value::Number(0.0), None),
                    big.clone(),
                    Val::new(Value::Number(1e-300), None),
                ],
            ),
            ("range", vec![Val::new(Value::Number(f64::NAN), None)]),
            (
                "element",
                vec![Val::list(vec![Val::null(None)], None), big.clone()],
            ),
            (
                "substr",
                vec![Val::string("abc", None), big.clone(), big.clone()],
            ),
            ("indent", vec![big.clone(), Val::string("a\nb", None)]),
            (
                "indent",
                vec![
                    Val::new(Value::Number(1e6), None),
                    Val::string("\n".repeat(100), None),
                ],
            ),
            (
                "format",
                vec![
                    Val::string("%d|%x|%f|%e|%g|%v", None),
                    big.clone(),
                    big.clone(),
                    big.clone(),
                    big.clone(),
                    big.clone(),
                    big.clone(),
                ],
            ),
            (
                "format",
                vec![
                    Val::string("%f|%v", None),
                    Val::new(Value::Number(f64::INFINITY), None),
                    Val::new(Value::Number(f64::NAN), None),
                ],
            ),
            (
                "jsonencode",
                vec![Val::new(Value::Number(f64::INFINITY), None)],
            ),
            ("jsonencode", vec![deep.clone()]),
            ("flatten", vec![deep.clone()]),
            (
                "tolist",
                vec![Val::list(vec![deep.clone(), Val::list(vec![], None)], None)],
            ),
            ("toset", vec![deep.clone()]),
            ("distinct", vec![deep.clone()]),
            ("format", vec![Val::string("%v", None), deep.clone()]),
            ("jsondecode", vec![Val::string("[".repeat(10_000), None)]),
            (
                "replace",
                vec![huge.clone(), Val::string("", None), huge.clone()],
            ),
            (
                "replace",
                vec![huge.clone(), Val::string("/a/", None), huge.clone()],
            ),
            ("setproduct", vec![many.clone(), many.clone()]),
            (
                "formatlist",
                vec![
                    Val::string("%s%s%s", None),
                    many.clone(),
                    huge.clone(),
                    huge.clone(),
                ],
            ),
            ("join", vec![huge.clone(), many.clone()]),
            ("chunklist", vec![many.clone(), big.clone()]),
            ("slice", vec![many.clone(), big.clone(), big.clone()]),
            (
                "parseint",
                vec![
                    Val::string("z".repeat(400), None),
                    Val::new(Value::Number(36.0), None),
                ],
            ),
            ("pow", vec![big.clone(), big.clone()]),
            ("tonumber", vec![Val::string("1e400", None)]),
            (
                "replace",
                vec![
                    Val::string("a", None),
                    Val::string("/(((((a)))))/{1000}{1000}{1000}/", None),
                    Val::string("", None),
                ],
            ),
            ("regexall", vec![Val::string("", None), huge.clone()]),
        ];
        for (name, args) in cases {
            // Either answer is fine; the call must return.
            let _ = call(name, args, &at());
        }
        let wide = call(
            "format",
            vec![Val::string("%1000001s", None), Val::string("a", None)],
            &at(),
        );
        assert!(wide.unwrap_err().contains("more than vigil evaluates"));
        let spaces = Val::new(Value::Number(1e15), None);
        let indent = call("indent", vec![spaces, Val::string("abc", None)], &at());
        assert_eq!(indent.unwrap().as_str(), Some("abc"));
        let n = run("length", vec![many]);
        assert_eq!(n.value, Value::Number(50_000.0));
    }
}
