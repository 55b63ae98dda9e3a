//! Terraform's encoding functions: `base64encode`, `base64decode`, `urlencode` (Terraform's
//! `internal/lang/funcs/encoding.go`) and `jsonencode`, `jsondecode` (cty's `stdlib/json.go`),
//! with the Go encodings they reproduce (padded base64, `url.QueryEscape`, Go's JSON string
//! escaping).

use super::{check_text, go_quote, on_string, param_err, string_arg, unknown_in, Res};
use crate::convert::num_to_string;
use std::fmt::Write as _;
use vigil_model::limits::VALUE_DEPTH;
use vigil_model::{Location, Val, Value};

pub(super) fn base64encode(args: Vec<Val>, at: &Location) -> Res {
    on_string(args, at, |s| Ok(base64_encode(s.as_bytes())))
}

pub(super) fn base64decode(args: Vec<Val>, at: &Location) -> Res {
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
pub(super) fn urlencode(args: Vec<Val>, at: &Location) -> Res {
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

/// Go's JSON string encoding, as Terraform's `jsonencode` uses it: `<`, `>`, `&`, U+2028 and
/// U+2029 escaped for HTML's sake.
pub(super) fn json_string(s: &str, out: &mut String) {
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
pub(super) fn json_text(v: &Val) -> Result<String, String> {
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

pub(super) fn jsonencode(args: Vec<Val>, at: &Location) -> Res {
    let v = &args[0];
    if let Some(u) = unknown_in([v]) {
        return Ok(u);
    }
    let text = json_text(v).map_err(|e| param_err("val", e))?;
    Ok(Val::computed(Value::String(text), &[v], at))
}

pub(super) fn jsondecode(args: Vec<Val>, at: &Location) -> Res {
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

#[cfg(test)]
mod tests {
    use crate::functions::testing::check;

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
}
