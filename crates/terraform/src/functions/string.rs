//! Terraform's string functions (`lower` ... `upper`, `format`, `formatlist`, `regex`,
//! `regexall`, `replace`, ...): those of cty's `stdlib/string.go`, `format.go`, `regexp.go` and
//! `string_replace.go`, and of Terraform's `internal/lang/funcs/string.go`, grouped as
//! Terraform's documentation groups its string functions.
//!
//! A string result keeps the origin of the one input its text comes from. The verbs of
//! `format` are in [`super::go_format`], Go's regexp syntax in [`super::go_regexp`].

use super::go_format::{format_text, Formatted};
use super::go_regexp::{expand, go_regex, parse_template, Piece};
use super::graphemes::graphemes;
use super::{
    check_len, check_text, container, int_arg, list_items, on_string, param_err, string_arg,
    unknown_in, Res,
};
use crate::convert::prim_string;
use vigil_model::{Location, Val, Value};

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

pub(super) fn lower(args: Vec<Val>, at: &Location) -> Res {
    on_string(args, at, |s| Ok(s.chars().map(simple_lower).collect()))
}

pub(super) fn upper(args: Vec<Val>, at: &Location) -> Res {
    on_string(args, at, |s| Ok(s.chars().map(simple_upper).collect()))
}

/// Go's `strings.Title`: a letter after a separator is capitalised, the rest is left alone.
pub(super) fn title(args: Vec<Val>, at: &Location) -> Res {
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

pub(super) fn trimspace(args: Vec<Val>, at: &Location) -> Res {
    // Rust's whitespace is Unicode's White_Space, the same set as Go's unicode.IsSpace.
    on_string(args, at, |s| Ok(s.trim().to_string()))
}

pub(super) fn chomp(args: Vec<Val>, at: &Location) -> Res {
    on_string(args, at, |s| {
        Ok(s.trim_end_matches(['\r', '\n']).to_string())
    })
}

pub(super) fn strrev(args: Vec<Val>, at: &Location) -> Res {
    on_string(args, at, |s| Ok(graphemes(s).into_iter().rev().collect()))
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

pub(super) fn trim(args: Vec<Val>, at: &Location) -> Res {
    on_string_with(args, at, "cutset", |s, cut| {
        s.trim_matches(|c| cut.contains(c)).to_string()
    })
}

pub(super) fn trimprefix(args: Vec<Val>, at: &Location) -> Res {
    on_string_with(args, at, "prefix", |s, p| {
        s.strip_prefix(p).unwrap_or(s).to_string()
    })
}

pub(super) fn trimsuffix(args: Vec<Val>, at: &Location) -> Res {
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

pub(super) fn startswith(args: Vec<Val>, at: &Location) -> Res {
    string_test(args, at, "prefix", |s, p| s.starts_with(p))
}

pub(super) fn endswith(args: Vec<Val>, at: &Location) -> Res {
    string_test(args, at, "suffix", |s, p| s.ends_with(p))
}

pub(super) fn strcontains(args: Vec<Val>, at: &Location) -> Res {
    string_test(args, at, "substr", |s, p| s.contains(p))
}

pub(super) fn indent(args: Vec<Val>, at: &Location) -> Res {
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
pub(super) fn substr(args: Vec<Val>, at: &Location) -> Res {
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

pub(super) fn split(args: Vec<Val>, at: &Location) -> Res {
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

pub(super) fn join(args: Vec<Val>, at: &Location) -> Res {
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

pub(super) fn replace(args: Vec<Val>, at: &Location) -> Res {
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

pub(super) fn format(args: Vec<Val>, at: &Location) -> Res {
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

pub(super) fn formatlist(args: Vec<Val>, at: &Location) -> Res {
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

pub(super) fn regex(args: Vec<Val>, at: &Location) -> Res {
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

pub(super) fn regexall(args: Vec<Val>, at: &Location) -> Res {
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

#[cfg(test)]
mod tests {
    use crate::functions::testing::check;

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
}
