//! The harness of the function tests: a tiny reader for the Terraform expressions the cases
//! are written in (literals, lists, objects, calls, and `unknown()` for a value not known
//! before apply), [`check`] to compare their results with what Terraform computes, and
//! values with origins and traces for the tests of where results point.

use super::call;
use super::encoding::json_text;
use crate::convert::num_to_string;
use std::collections::BTreeMap;
use vigil_model::{Location, Val, Value};

pub(super) fn at() -> Location {
    Location::new("main.tf", 20, 11, 20, 40)
}

pub(super) fn written(line: u32) -> Location {
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

pub(super) fn eval(expr: &str) -> Result<Val, String> {
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
pub(super) fn show(v: &Val) -> String {
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
pub(super) fn check(cases: &[(&str, &str)]) {
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

/// A value written at `vars.tf:line`, carried by one hop.
pub(super) fn lit(value: Value, line: u32) -> Val {
    Val::new(value, Some(written(line))).through(vigil_model::Hop {
        label: format!("var.v{line}"),
        location: Location::new("main.tf", line, 1, line, 2),
    })
}

pub(super) fn s(text: &str, line: u32) -> Val {
    lit(Value::String(text.into()), line)
}

pub(super) fn run(name: &str, args: Vec<Val>) -> Val {
    call(name, args, &at()).unwrap()
}

pub(super) fn lines(v: &Val) -> (Option<u32>, Vec<String>) {
    (
        v.origin.as_ref().map(|o| o.line),
        v.trace.iter().map(|h| h.label.clone()).collect(),
    )
}
