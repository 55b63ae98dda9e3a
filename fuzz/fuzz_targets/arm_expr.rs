//! Bytes as one ARM template expression (`[concat('kv-', parameters('env'))]`): parsed, and
//! evaluated in a scope with a few parameters and variables of every kind (one unknown) and a
//! copy loop's index. Spans of the parse must lie in the string: findings point into it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use vigil_arm::expr;
use vigil_model::{Location, Val, Value};

struct Scope;

fn at() -> Location {
    Location::new("azuredeploy.json", 1, 1, 1, 2)
}

fn value(name: &str) -> Option<Val> {
    let origin = Some(at());
    let s = |t: &str| Val::string(t, origin.clone());
    Some(match name.to_ascii_lowercase().as_str() {
        "s" | "bypass" => s("AzureServices"),
        "n" => Val::new(Value::Number(3.0), origin),
        "b" => Val::new(Value::Bool(true), origin),
        "l" => Val::list(
            vec![s("a"), s("b"), Val::new(Value::Number(1.0), None)],
            origin,
        ),
        "o" => {
            let mut m = BTreeMap::new();
            m.insert("bypass".to_string(), s("None"));
            m.insert("list".to_string(), Val::list(vec![s("x")], None));
            Val::new(Value::Object(m), origin)
        }
        "u" => Val::unknown("a secure parameter", origin),
        "z" => Val::null(origin),
        _ => return None,
    })
}

impl expr::Scope for Scope {
    fn parameter(&self, name: &str) -> Option<Val> {
        value(name)
    }
    fn variable(&self, name: &str) -> Option<Val> {
        value(name)
    }
    fn copy_index(&self, _loop_name: Option<&str>) -> Option<i64> {
        Some(2)
    }
}

fn check_spans(e: &expr::Expr, len: usize) {
    let span = e.span();
    assert!(span.start <= span.end && span.end <= len, "{e:?}");
    match e {
        expr::Expr::Call { args, .. } => args.iter().for_each(|a| check_spans(a, len)),
        expr::Expr::Access { base, path, .. } => {
            check_spans(base, len);
            for step in path {
                if let expr::Accessor::Index { index, .. } = step {
                    check_spans(index, len);
                }
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Most inputs should be expressions: wrap what is not.
    let wrapped;
    let s = if text.starts_with('[') && text.ends_with(']') {
        text
    } else {
        wrapped = format!("[{text}]");
        &wrapped
    };
    match expr::parse(s) {
        Ok(Some(expr::Parsed::Expr(e))) => {
            check_spans(&e, s.len());
            let locate = |_r: std::ops::Range<usize>| at();
            if let Ok(v) = expr::evaluate(&e, &Scope, &locate, &at()) {
                let _ = v.to_json();
                let _ = v.display();
            }
        }
        Ok(_) => {}
        Err(e) => assert!(e.offset <= s.len(), "{e:?}"),
    }
});
