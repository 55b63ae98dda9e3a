//! ARM's string functions (the reference's "String functions") that no earlier category lists:
//! `base64`, `base64ToJson`, `base64ToString`, `dataUri`, `dataUriToString`, `endsWith`,
//! `format`, `guid`, `join`, `padLeft`, `replace`, `split`, `startsWith`, `string`, `substring`,
//! `toLower`, `toUpper`, `trim`, `uniqueString`, `uriComponent`, `uriComponentToString`.
//! (`concat`, `contains`, `empty`, `first`, `indexOf`, `last`, `lastIndexOf`, `length`, `skip`
//! and `take` are in `array.rs`, `json` in `object.rs`; `newGuid`, `uri` and `utcNow` are not
//! evaluated.)

use super::encoding::{base64_decode, base64_encode, percent_decode};
use super::number_format::format_number;
use super::object::parse_json;
use super::*;
use std::fmt::Write as _;

/// A string computed from one string argument.
fn map_string(func: &str, args: &[Val], at: &Location, f: fn(&str) -> String) -> Res {
    let v = &args[0];
    need_top!(v);
    let s = str_arg(func, args, 0)?;
    Ok(Val::computed(Value::String(f(s)), &[v], at))
}

pub(super) fn to_lower(args: &[Val], at: &Location) -> Res {
    map_string("toLower", args, at, str::to_lowercase)
}

pub(super) fn to_upper(args: &[Val], at: &Location) -> Res {
    map_string("toUpper", args, at, str::to_uppercase)
}

pub(super) fn trim(args: &[Val], at: &Location) -> Res {
    map_string("trim", args, at, |s| s.trim().to_string())
}

pub(super) fn base64(args: &[Val], at: &Location) -> Res {
    map_string("base64", args, at, |s| base64_encode(s.as_bytes()))
}

pub(super) fn uri_component(args: &[Val], at: &Location) -> Res {
    map_string("uriComponent", args, at, |s| {
        let mut out = String::new();
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                out.push(b as char);
            } else {
                let _ = write!(out, "%{b:02X}");
            }
        }
        out
    })
}

pub(super) fn uri_component_to_string(args: &[Val], at: &Location) -> Res {
    map_string("uriComponentToString", args, at, percent_decode)
}

/// `uniqueString` and `guid`: a hash of all the arguments, which ARM takes only as strings.
fn hash_strings(func: &str, args: &[Val], at: &Location, f: fn(&[&str]) -> String) -> Res {
    for a in args {
        need_top!(a);
    }
    let parts = (0..args.len())
        .map(|i| str_arg(func, args, i))
        .collect::<Result<Vec<_>, _>>()?;
    let from: Vec<&Val> = args.iter().collect();
    Ok(Val::computed(Value::String(f(&parts)), &from, at))
}

pub(super) fn unique_string(args: &[Val], at: &Location) -> Res {
    hash_strings("uniqueString", args, at, crate::hash::unique_string)
}

pub(super) fn guid(args: &[Val], at: &Location) -> Res {
    hash_strings("guid", args, at, crate::hash::guid)
}

fn decoded(func: &str, args: &[Val]) -> Result<String, String> {
    let s = str_arg(func, args, 0)?;
    let bytes = base64_decode(s).ok_or_else(|| {
        format!("the template language function '{func}' was given text that is not base64")
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

pub(super) fn base64_to_string(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let text = decoded("base64ToString", args)?;
    Ok(Val::computed(Value::String(text), &[v], at))
}

pub(super) fn base64_to_json(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let text = decoded("base64ToJson", args)?;
    parse_json("base64ToJson", &text, v, at)
}

pub(super) fn data_uri(args: &[Val], at: &Location) -> Res {
    map_string("dataUri", args, at, |s| {
        format!(
            "data:text/plain;charset=utf8;base64,{}",
            base64_encode(s.as_bytes())
        )
    })
}

pub(super) fn data_uri_to_string(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let s = str_arg("dataUriToString", args, 0)?;
    let bad = || {
        "the template language function 'dataUriToString' was given an invalid data URI".to_string()
    };
    let rest = s
        .get(..5)
        .filter(|p| p.eq_ignore_ascii_case("data:"))
        .map(|_| &s[5..])
        .ok_or_else(bad)?;
    let (meta, data) = rest.split_once(',').ok_or_else(bad)?;
    let text = if meta
        .rsplit(';')
        .next()
        .is_some_and(|m| m.eq_ignore_ascii_case("base64"))
    {
        let bytes = base64_decode(data).ok_or_else(bad)?;
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        percent_decode(data)
    };
    Ok(Val::computed(Value::String(text), &[v], at))
}

/// `startsWith`/`endsWith`: ignoring case, as the reference says.
fn affix(func: &str, args: &[Val], at: &Location, at_end: bool) -> Res {
    need_top!(&args[0], &args[1]);
    let s: Vec<char> = str_arg(func, args, 0)?.chars().map(fold).collect();
    let p: Vec<char> = str_arg(func, args, 1)?.chars().map(fold).collect();
    let b = if at_end {
        s.ends_with(&p)
    } else {
        s.starts_with(&p)
    };
    Ok(boolean(b, at))
}

pub(super) fn starts_with(args: &[Val], at: &Location) -> Res {
    affix("startsWith", args, at, false)
}

pub(super) fn ends_with(args: &[Val], at: &Location) -> Res {
    affix("endsWith", args, at, true)
}

pub(super) fn pad_left(args: &[Val], at: &Location) -> Res {
    for a in args {
        need_top!(a);
    }
    let v = &args[0];
    let text = match &v.value {
        Value::String(s) => s.clone(),
        Value::Number(n) => number_text(*n),
        _ => return Err(type_error("padLeft", 0, "'String' or 'Integer'", v)),
    };
    let total = int_arg("padLeft", args, 1)?;
    let pad = match args.get(2) {
        None => ' ',
        Some(_) => {
            let p = str_arg("padLeft", args, 2)?;
            let mut chars = p.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.len_utf16() == 1 => c,
                _ => {
                    return Err(
                        "the template language function 'padLeft' needs a single padding \
                         character"
                            .into(),
                    )
                }
            }
        }
    };
    let have = utf16_len(&text) as i64;
    let missing = usize::try_from(total.saturating_sub(have)).unwrap_or(0);
    check_text(
        text.len()
            .saturating_add(missing.saturating_mul(pad.len_utf8())),
    )?;
    let mut out: String = std::iter::repeat_n(pad, missing).collect();
    out.push_str(&text);
    let from: &[&Val] = match (missing, args.get(2)) {
        (0, _) => &[v],
        (_, Some(p)) => &[v, p],
        (_, None) => &[v, &args[1]],
    };
    Ok(Val::computed(Value::String(out), from, at))
}

pub(super) fn replace(args: &[Val], at: &Location) -> Res {
    need_top!(&args[0], &args[1], &args[2]);
    let s = str_arg("replace", args, 0)?;
    let old = str_arg("replace", args, 1)?;
    let new = str_arg("replace", args, 2)?;
    if old.is_empty() {
        return Err(
            "the template language function 'replace' cannot replace an empty string".into(),
        );
    }
    let count = s.matches(old).count();
    check_text(s.len().saturating_add(count.saturating_mul(new.len())))?;
    let out = s.replace(old, new);
    // The new text contributes only where it was put in.
    let from: &[&Val] = if count == 0 || new.is_empty() {
        &[&args[0]]
    } else {
        &[&args[0], &args[2]]
    };
    Ok(Val::computed(Value::String(out), from, at))
}

pub(super) fn split(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v, &args[1]);
    let s = str_arg("split", args, 0)?;
    let delimiters: Vec<String> = match &args[1].value {
        Value::String(d) => vec![d.clone()],
        Value::List(ds) => {
            need!(&args[1]);
            ds.iter()
                .map(|d| match &d.value {
                    Value::String(s) => Ok(s.clone()),
                    _ => Err(type_error(
                        "split",
                        1,
                        "'String' or an 'Array' of strings",
                        d,
                    )),
                })
                .collect::<Result<_, _>>()?
        }
        _ => return Err(type_error("split", 1, "'String' or 'Array'", &args[1])),
    };
    // .NET's String.Split(string[]) ignores empty separators and, at each position, takes the
    // first separator in the array's order that matches.
    let seps: Vec<&str> = delimiters
        .iter()
        .map(String::as_str)
        .filter(|d| !d.is_empty())
        .collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        if let Some(sep) = seps.iter().find(|d| s[i..].starts_with(**d)) {
            pieces.push(&s[start..i]);
            i += sep.len();
            start = i;
            check_len(pieces.len())?;
        } else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    pieces.push(&s[start..]);
    let items = pieces
        .into_iter()
        .map(|p| Val::string(p, v.origin.clone().or_else(|| Some(at.clone()))))
        .collect();
    Ok(Val::computed(Value::List(items), &[v], at))
}

pub(super) fn join(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v, &args[1]);
    let xs = list_arg("join", args, 0)?;
    let delimiter = str_arg("join", args, 1)?;
    let mut out = String::new();
    let mut from: Vec<Val> = Vec::new();
    for (i, x) in xs.iter().enumerate() {
        need_top!(x);
        let t = text_of(x).ok_or_else(|| type_error("join", 0, "'Array' of strings", x))?;
        if i > 0 {
            out.push_str(delimiter);
        }
        check_text(out.len() + t.len())?;
        out.push_str(&t);
        if !t.is_empty() {
            from.push(x.adopted_by(v));
        }
    }
    if xs.len() > 1 && !delimiter.is_empty() {
        from.push(args[1].clone());
    }
    let refs: Vec<&Val> = from.iter().collect();
    Ok(Val::computed(Value::String(out), &refs, at))
}

pub(super) fn substring(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    for a in args {
        need_top!(a);
    }
    let s = str_arg("substring", args, 0)?;
    let len = utf16_len(s) as i64;
    let start = if args.len() > 1 {
        int_arg("substring", args, 1)?
    } else {
        0
    };
    let count = if args.len() > 2 {
        int_arg("substring", args, 2)?
    } else {
        len - start
    };
    if start < 0 || count < 0 || start > len || count > len - start {
        return Err(format!(
            "the index and length parameters must refer to a location within the string; the \
             index parameter: '{start}', the length parameter: '{count}', the length of the \
             string parameter: '{len}'"
        ));
    }
    let text = utf16_slice(s, start as usize, (start + count) as usize);
    Ok(Val::computed(Value::String(text), &[v], at))
}

pub(super) fn string(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need!(v);
    let text = match &v.value {
        Value::String(_) => return Ok(v.clone()),
        Value::List(_) | Value::Object(_) => {
            if v.first_unknown().is_none() && depth_of(v, 0) > VALUE_DEPTH {
                return Err("the value is nested too deeply to convert to a string".into());
            }
            serde_json::to_string(&v.to_json()).map_err(|e| e.to_string())?
        }
        _ => text_of(v).unwrap_or_default(),
    };
    check_text(text.len())?;
    Ok(Val::computed(Value::String(text), &[v], at))
}

fn depth_of(v: &Val, depth: usize) -> usize {
    if depth > VALUE_DEPTH {
        return depth;
    }
    match &v.value {
        Value::List(xs) => xs
            .iter()
            .map(|x| depth_of(x, depth + 1))
            .max()
            .unwrap_or(depth),
        Value::Object(m) => m
            .values()
            .map(|x| depth_of(x, depth + 1))
            .max()
            .unwrap_or(depth),
        _ => depth,
    }
}

pub(super) fn format(args: &[Val], at: &Location) -> Res {
    need_top!(&args[0]);
    let fmt = str_arg("format", args, 0)?;
    let bad = || {
        "the template language function 'format' was given a format string that is not in a \
         correct format"
            .to_string()
    };
    let mut out = String::new();
    let mut literal = false;
    let mut used: Vec<usize> = Vec::new();
    let mut chars = fmt.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|p| p.1) == Some('{') => {
                chars.next();
                out.push('{');
                literal = true;
            }
            '}' if chars.peek().map(|p| p.1) == Some('}') => {
                chars.next();
                out.push('}');
                literal = true;
            }
            '}' => return Err(bad()),
            '{' => {
                let mut item = String::new();
                loop {
                    match chars.next() {
                        Some((_, '}')) => break,
                        Some((_, '{')) | None => return Err(bad()),
                        Some((_, ch)) => item.push(ch),
                    }
                }
                let (head, spec) = match item.split_once(':') {
                    Some((h, s)) => (h, s),
                    None => (item.as_str(), ""),
                };
                let (index, align) = match head.split_once(',') {
                    Some((i, a)) => (i, Some(a.trim())),
                    None => (head, None),
                };
                let index: usize = index.trim_end().parse().map_err(|_| bad())?;
                let Some(arg) = index.checked_add(1).and_then(|i| args.get(i)) else {
                    return Err(
                        "the template language function 'format' was given an index (zero \
                         based) that must be greater than or equal to zero and less than the \
                         size of the argument list"
                            .into(),
                    );
                };
                need_top!(arg);
                let text = match &arg.value {
                    Value::Number(n) => match format_number(*n, spec)? {
                        Some(t) => t,
                        None => {
                            return Ok(Val::unknown(
                                format!("format specifier `{spec}` is not evaluated by vigil"),
                                Some(at.clone()),
                            ))
                        }
                    },
                    Value::List(_) | Value::Object(_) => {
                        return Err(type_error(
                            "format",
                            index + 1,
                            "'String', 'Integer' or 'Boolean'",
                            arg,
                        ))
                    }
                    _ => text_of(arg).unwrap_or_default(),
                };
                let width = match align {
                    Some(a) => a.parse::<i64>().map_err(|_| bad())?,
                    None => 0,
                };
                let pad = (width.unsigned_abs() as usize).saturating_sub(text.chars().count());
                check_text(out.len() + text.len() + pad)?;
                if width > 0 {
                    out.extend(std::iter::repeat_n(' ', pad));
                }
                out.push_str(&text);
                if width < 0 {
                    out.extend(std::iter::repeat_n(' ', pad));
                }
                if !text.is_empty() || pad > 0 {
                    used.push(index + 1);
                }
            }
            c => {
                out.push(c);
                literal = true;
            }
        }
        check_text(out.len())?;
    }
    used.sort_unstable();
    used.dedup();
    let mut from: Vec<&Val> = used.iter().map(|i| &args[*i]).collect();
    if literal {
        from.push(&args[0]);
    }
    Ok(Val::computed(Value::String(out), &from, at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::testkit::whole;
    use crate::functions::testkit::*;

    #[test]
    fn unique_string_and_guid_hash_their_strings() {
        // The vectors and where Azure printed them are in `crate::hash`'s tests.
        check(&[
            (
                "[uniqueString('asd', 'asdf', 'asdf')]",
                json!("iizpqit7ih3cc"),
            ),
            ("[UNIQUESTRING('asd-asdf-asdf')]", json!("iizpqit7ih3cc")),
            (
                "[guid('foo', 'bar', 'baz')]",
                json!("2ed86837-7c7c-5eaa-9864-dd077fd19b0d"),
            ),
            (
                "[guid(concat('a', 's'), 'df')]",
                json!(crate::hash::guid(&["as", "df"])),
            ),
            (
                "[uniqueString(parameters('env'))]",
                json!(crate::hash::unique_string(&["prod"])),
            ),
        ]);
        // One input keeps its origin; several make the call the origin.
        assert_eq!(origin("[uniqueString(parameters('env'))]"), p(3, 4));
        assert_eq!(origin("[guid(parameters('env'), 'x')]"), whole());
        fails(&[
            (
                "[uniqueString()]",
                "'uniqueString': function requires at least 1",
            ),
            ("[guid()]", "'guid': function requires at least 1"),
            (
                "[uniqueString('a', 1)]",
                "'uniqueString' expects its second parameter to be of type 'String'; the \
                 provided value is of type 'Integer'",
            ),
            ("[guid(null())]", "of type 'Null'"),
            ("[guid(true())]", "of type 'Boolean'"),
            ("[uniqueString(createArray('a'))]", "of type 'Array'"),
            ("[guid('a', createObject())]", "of type 'Object'"),
        ]);
        // An unknown argument leaves the hash unknown, naming why.
        unknown(&[
            ("[uniqueString(resourceGroup().id)]", "resourceGroup().id"),
            ("[guid('a', parameters('secret'))]", "'secret' has no value"),
        ]);
        // A parameter with candidates gives one hash for each.
        let v = Kit::new()
            .eval("[uniqueString(parameters('choice'))]")
            .unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!("{v:?}")
        };
        let c: Vec<_> = u.candidates.iter().map(Val::to_json).collect();
        assert_eq!(
            c,
            vec![
                json!(crate::hash::unique_string(&["AzureServices"])),
                json!(crate::hash::unique_string(&["None"])),
            ]
        );
    }

    #[test]
    fn format_composite_strings() {
        check(&[
            ("[format('{0}-{1}', 'a', 'b')]", json!("a-b")),
            ("[format('{1}{0}{1}', 'a', 'b')]", json!("bab")),
            ("[format('{{{0}}}', 'x')]", json!("{x}")),
            ("[format('{0:D3}', 7)]", json!("007")),
            ("[format('{0:D2}', -7)]", json!("-07")),
            ("[format('{0:N0}', 8175133)]", json!("8,175,133")),
            ("[format('{0:N}', 1234)]", json!("1,234.00")),
            ("[format('{0:F1}', 3)]", json!("3.0")),
            ("[format('{0:X}', 255)]", json!("FF")),
            ("[format('{0:x4}', 255)]", json!("00ff")),
            ("[format('{0:000}', 5)]", json!("005")),
            ("[format('{0:E2}', 1234)]", json!("1.23E+003")),
            ("[format('{0,5}|{1,-3}|', 'ab', 'c')]", json!("   ab|c  |")),
            ("[format('{0} {1}', true(), false())]", json!("True False")),
            ("[format('[{0}]', null())]", json!("[]")),
            ("[format('plain')]", json!("plain")),
            ("[format('{0}', 'x', parameters('secret'))]", json!("x")),
            (
                "[format('Hello, {0}. Formatted number: {1:N0}', 'User', 8175133)]",
                json!("Hello, User. Formatted number: 8,175,133"),
            ),
        ]);
        fails(&[
            ("[format('{1}', 'a')]", "index (zero based)"),
            (
                "[format('{18446744073709551615}', 'a')]",
                "index (zero based)",
            ),
            ("[format('{0', 'a')]", "not in a correct format"),
            ("[format('a}b')]", "not in a correct format"),
            ("[format('{x}', 'a')]", "not in a correct format"),
            ("[format('{0}', createArray())]", "'format'"),
            ("[format('{0:D}', json('1.5'))]", "needs an integer"),
        ]);
        unknown(&[
            // Past the limits of one value the result is unknown (and the unit reports it).
            (
                "[format('{0,9223372036854775807}', 'a')]",
                "larger than 16 MiB",
            ),
            ("[format('{0}', parameters('secret'))]", "'secret'"),
            (
                "[format('{0:C}', 5)]",
                "format specifier `C` is not evaluated",
            ),
        ]);
        assert_eq!(origin("[format('{0}', parameters('env'))]"), p(3, 4));
        assert_eq!(origin("[format('kv-{0}', parameters('env'))]"), whole());
    }

    #[test]
    fn string_functions() {
        check(&[
            ("[toLower('One Two')]", json!("one two")),
            ("[toUpper('One Two')]", json!("ONE TWO")),
            ("[trim('  one two  ')]", json!("one two")),
            ("[replace('123-123-1234', '-', '')]", json!("1231231234")),
            (
                "[replace('123-123-1234', '1234', 'xxxx')]",
                json!("123-123-xxxx"),
            ),
            ("[replace('aA', 'a', 'b')]", json!("bA")),
            (
                "[split('one,two,three', ',')]",
                json!(["one", "two", "three"]),
            ),
            (
                "[split('one;two,three', createArray(',', ';'))]",
                json!(["one", "two", "three"]),
            ),
            ("[split('a,,b', ',')]", json!(["a", "", "b"])),
            ("[split('abc', '')]", json!(["abc"])),
            ("[join(createArray('a', 'b', 'c'), '-')]", json!("a-b-c")),
            ("[join(createArray(), '-')]", json!("")),
            ("[join(createArray(1, true()), ',')]", json!("1,True")),
            ("[substring('one two three', 4, 3)]", json!("two")),
            ("[substring('abc', 1)]", json!("bc")),
            ("[substring('abc', 3, 0)]", json!("")),
            ("[startsWith('abcdef', 'AB')]", json!(true)),
            ("[startsWith('abcdef', 'e')]", json!(false)),
            ("[endsWith('abcdef', 'EF')]", json!(true)),
            ("[endsWith('abcdef', 'e')]", json!(false)),
            ("[indexOf('test', 't')]", json!(0)),
            ("[lastIndexOf('test', 't')]", json!(3)),
            ("[indexOf('abcdef', 'CD')]", json!(2)),
            ("[lastIndexOf('abcdef', 'AB')]", json!(0)),
            ("[indexOf('abcdef', 'z')]", json!(-1)),
            ("[indexOf('😀x', 'x')]", json!(2)),
            ("[indexOf(createArray('a', 'b', 'b'), 'b')]", json!(1)),
            ("[lastIndexOf(createArray('a', 'b', 'b'), 'b')]", json!(2)),
            ("[indexOf(createArray(1), 2)]", json!(-1)),
            ("[padLeft('123', 10, '0')]", json!("0000000123")),
            ("[padLeft(7, 3, '0')]", json!("007")),
            ("[padLeft('abc', 2)]", json!("abc")),
            ("[padLeft('abc', -9223372036854775808)]", json!("abc")),
            ("[padLeft('a', 3)]", json!("  a")),
            ("[first('One Two')]", json!("O")),
            ("[last('One Two')]", json!("o")),
            ("[first('')]", json!("")),
            ("[skip('one two three', 4)]", json!("two three")),
            ("[take('one two three', 3)]", json!("one")),
            ("[take('ab', -1)]", json!("")),
            ("[skip('ab', 5)]", json!("")),
            ("[base64('one, two, three')]", json!("b25lLCB0d28sIHRocmVl")),
            ("[base64('')]", json!("")),
            ("[base64('a')]", json!("YQ==")),
            (
                "[base64ToString('b25lLCB0d28sIHRocmVl')]",
                json!("one, two, three"),
            ),
            ("[base64ToString('YWI=')]", json!("ab")),
            (
                "[base64ToJson(base64('{''one'': ''a'', ''two'': ''b''}'))]",
                json!({"one": "a", "two": "b"}),
            ),
            (
                "[dataUri('Hello')]",
                json!("data:text/plain;charset=utf8;base64,SGVsbG8="),
            ),
            (
                "[dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')]",
                json!("Hello, World!"),
            ),
            ("[dataUriToString('data:text/plain,a%20b')]", json!("a b")),
            (
                "[uriComponent('http://contoso.com/resources/nested/azuredeploy.json')]",
                json!("http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json"),
            ),
            (
                "[uriComponentToString('http%3A%2F%2Fcontoso.com%2Fa%zz')]",
                json!("http://contoso.com/a%zz"),
            ),
        ]);
        fails(&[
            (
                "[toLower(1)]",
                "expects its first parameter to be of type 'String'",
            ),
            ("[replace('a', '', 'b')]", "empty string"),
            (
                "[substring('1234567890', 0, 11)]",
                "the length of the string parameter: '10'",
            ),
            ("[substring('abc', -1, 1)]", "index parameter: '-1'"),
            ("[substring('abc', 1, -1)]", "must refer to a location"),
            ("[split('a', 1)]", "'split'"),
            ("[join('a', ',')]", "'Array'"),
            ("[join(createArray(createArray()), ',')]", "'join'"),
            ("[padLeft('a', 3, 'xy')]", "single padding character"),
            ("[base64ToString('abc')]", "not base64"),
            ("[base64ToString('a===')]", "not base64"),
            ("[dataUriToString('hello')]", "invalid data URI"),
            ("[startsWith(1, 'a')]", "'String'"),
            ("[indexOf(1, 'a')]", "'indexOf'"),
            ("[first(1)]", "'first'"),
            ("[skip('a', 'b')]", "'Integer'"),
        ]);
        unknown(&[
            // Past the limits of one value the result is unknown (and the unit reports it).
            ("[padLeft('a', 100000000, 'x')]", "larger than 16 MiB"),
            (
                "[padLeft('a', 4611686018427387904, 'x')]",
                "larger than 16 MiB",
            ),
            ("[toUpper(parameters('secret'))]", "'secret'"),
            ("[replace(parameters('secret'), 'a', 'b')]", "'secret'"),
            ("[split(parameters('secret'), ',')]", "'secret'"),
            (
                "[join(createArray('a', parameters('secret')), ',')]",
                "'secret'",
            ),
            ("[substring(parameters('secret'), 1)]", "'secret'"),
            ("[startsWith('a', parameters('secret'))]", "'secret'"),
            (
                "[indexOf(createArray(parameters('secret')), 'a')]",
                "'secret'",
            ),
            ("[padLeft(parameters('secret'), 3)]", "'secret'"),
            ("[base64(parameters('secret'))]", "'secret'"),
            ("[first(parameters('secret'))]", "'secret'"),
            ("[skip('abc', parameters('secret'))]", "'secret'"),
        ]);
        // A value computed from one input keeps that input's origin and hops.
        let v = Kit::new().eval("[toUpper(parameters('env'))]").unwrap();
        assert_eq!(v.origin, Some(p(3, 4)));
        assert_eq!(v.trace[0].label, "parameters('env')");
        assert_eq!(origin("[trim(parameters('env'))]"), p(3, 4));
        assert_eq!(origin("[replace(parameters('env'), 'x', 'y')]"), p(3, 4));
        assert_eq!(origin("[replace(parameters('env'), 'p', 'y')]"), whole());
        assert_eq!(origin("[split(parameters('env'), 'o')[1]]"), p(3, 4));
        assert_eq!(origin("[join(parameters('names'), '')]"), whole());
        assert_eq!(
            origin("[join(take(parameters('names'), 1), ',')]"),
            p(10, 1)
        );
        assert_eq!(origin("[padLeft(parameters('env'), 2)]"), p(3, 4));
        assert_eq!(origin("[substring(parameters('env'), 1, 2)]"), p(3, 4));
        assert_eq!(origin("[startsWith(parameters('env'), 'p')]"), whole());
    }

    #[test]
    fn string_conversions() {
        check(&[
            (
                "[string(createObject('valueA', 10, 'valueB', 'Example Text'))]",
                json!("{\"valueA\":10,\"valueB\":\"Example Text\"}"),
            ),
            (
                "[string(createArray('a', 'b', 'c'))]",
                json!("[\"a\",\"b\",\"c\"]"),
            ),
            ("[string(5)]", json!("5")),
            ("[string(true())]", json!("True")),
            ("[string(false())]", json!("False")),
            ("[string('x')]", json!("x")),
            ("[string(null())]", json!("")),
            ("[string(createArray(true()))]", json!("[true]")),
            ("[int('4')]", json!(4)),
            ("[int(' -4 ')]", json!(-4)),
            ("[int(4)]", json!(4)),
            ("[int(json('2.5'))]", json!(2)),
            ("[json('{\"a\": \"b\"}')]", json!({"a": "b"})),
            ("[json('null')]", json!(null)),
            ("[json('true')]", json!(true)),
            ("[json('3')]", json!(3)),
            ("[json('1.5')]", json!(1.5)),
            ("[json('[1, 2, 3]')]", json!([1, 2, 3])),
            ("[json('\"test\"')]", json!("test")),
            (
                "[json('{''a'': ''demo value'', /* c */ }')]",
                json!({"a": "demo value"}),
            ),
            (
                "[json(concat('{\"a\": \"', parameters('env'), '\"}')).a]",
                json!("prod"),
            ),
        ]);
        fails(&[
            ("[int('4.5')]", "cannot convert '4.5'"),
            ("[int('x')]", "cannot convert"),
            ("[int(createArray())]", "'int'"),
            ("[json('{')]", "invalid JSON"),
            ("[json(1)]", "'String'"),
            (
                "[json(concat(replace(padLeft('', 200, 'x'), 'x', '['), ''))]",
                "nested more than",
            ),
        ]);
        unknown(&[
            ("[string(parameters('secret'))]", "'secret'"),
            ("[string(createArray(parameters('secret')))]", "'secret'"),
            ("[int(parameters('secret'))]", "'secret'"),
            ("[json(parameters('secret'))]", "'secret'"),
        ]);
        assert_eq!(
            origin("[string(parameters('count'))]"),
            loc("p.json", 14, 5, 6)
        );
        let v = Kit::new().eval("[json(parameters('env'))]");
        assert!(v.is_err());
        // Every part of parsed JSON was written where its text was.
        let k = Kit::new();
        let text = "[json('{\"a\": [1]}').a[0]]";
        let v = k.eval(text).unwrap();
        assert_eq!(v.origin, Some(lit(text, "'{\"a\": [1]}'")));
    }
}
