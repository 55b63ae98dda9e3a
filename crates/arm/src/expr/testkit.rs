//! A scope and helpers for this crate's tests: expressions evaluated against fixed parameters,
//! variables and copy loops.

use super::*;
use std::collections::BTreeMap;
use std::ops::Range;
use vigil_model::{Location, Val, Value};

/// A location on line `line` of `file`, columns `a..b`.
pub(crate) fn loc(file: &str, line: u32, a: u32, b: u32) -> Location {
    Location::new(file, line, a, line, b)
}

/// Where the whole expression string is: `t.json` line 1.
pub(crate) fn whole() -> Location {
    loc("t.json", 1, 1, 200)
}

/// Where a byte range of the expression string is: the string starts at column 2.
pub(crate) fn at_range(r: Range<usize>) -> Location {
    loc("t.json", 1, 2 + r.start as u32, 2 + r.end as u32)
}

pub(crate) struct Kit {
    pub params: BTreeMap<String, Val>,
    pub vars: BTreeMap<String, Val>,
    pub loops: Vec<(Option<String>, i64)>,
}

fn find(map: &BTreeMap<String, Val>, name: &str) -> Option<Val> {
    map.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
}

impl Scope for Kit {
    fn parameter(&self, name: &str) -> Option<Val> {
        find(&self.params, name)
    }
    fn variable(&self, name: &str) -> Option<Val> {
        find(&self.vars, name)
    }
    fn copy_index(&self, loop_name: Option<&str>) -> Option<i64> {
        match loop_name {
            None => self.loops.last().map(|(_, i)| *i),
            Some(n) => self
                .loops
                .iter()
                .rev()
                .find(|(l, _)| l.as_deref().is_some_and(|l| l.eq_ignore_ascii_case(n)))
                .map(|(_, i)| *i),
        }
    }
}

pub(crate) fn s(text: &str, line: u32) -> Val {
    Val::string(text, Some(loc("p.json", line, 5, 5 + text.len() as u32)))
}

impl Kit {
    /// Parameters: `env` = "prod" (p.json:3), `acls` = {bypass: "None" (p.json:7),
    /// defaultAction: "Deny" (p.json:8)}, `names` = ["a", "b", "c"] (p.json:10..12),
    /// `count` = 3, `flag` = true, `secret` unknown, `choice` one of "AzureServices" (p.json:20)
    /// and "None" (p.json:21). Variables: `prefix` = "kv-" (t.json:30).
    pub(crate) fn new() -> Kit {
        let mut params = BTreeMap::new();
        params.insert("env".to_string(), s("prod", 3));
        let acls = Val::object(
            [
                ("bypass".to_string(), s("None", 7)),
                ("defaultAction".to_string(), s("Deny", 8)),
            ],
            Some(loc("p.json", 6, 3, 40)),
        );
        params.insert("acls".to_string(), acls);
        params.insert(
            "names".to_string(),
            Val::list(
                vec![s("a", 10), s("b", 11), s("c", 12)],
                Some(loc("p.json", 9, 3, 20)),
            ),
        );
        params.insert(
            "count".to_string(),
            Val::new(Value::Number(3.0), Some(loc("p.json", 14, 5, 6))),
        );
        params.insert(
            "flag".to_string(),
            Val::new(Value::Bool(true), Some(loc("p.json", 15, 5, 9))),
        );
        params.insert(
            "secret".to_string(),
            Val::unknown(
                "parameter 'secret' has no value",
                Some(loc("t.json", 40, 5, 20)),
            ),
        );
        params.insert(
            "choice".to_string(),
            Val::unknown_among(
                "parameter 'choice' has no value",
                vec![s("AzureServices", 20), s("None", 21)],
                Some(loc("t.json", 41, 5, 20)),
            ),
        );
        let mut vars = BTreeMap::new();
        vars.insert(
            "prefix".to_string(),
            Val::string("kv-", Some(loc("t.json", 30, 15, 20))),
        );
        Kit {
            params,
            vars,
            loops: Vec::new(),
        }
    }

    pub(crate) fn eval(&self, text: &str) -> Result<Val, String> {
        match parse(text) {
            Ok(Some(Parsed::Expr(e))) => evaluate(&e, self, &at_range, &whole()),
            other => panic!("{text} is not an expression: {other:?}"),
        }
    }

    /// The value as plain JSON; panics on an error or an unknown.
    pub(crate) fn json(&self, text: &str) -> serde_json::Value {
        let v = self
            .eval(text)
            .unwrap_or_else(|e| panic!("{text} failed: {e}"));
        assert!(!v.contains_unknown(), "{text} is unknown: {v:?}");
        v.to_json()
    }

    /// The error message; panics when the expression evaluates.
    pub(crate) fn err(&self, text: &str) -> String {
        match self.eval(text) {
            Err(e) => e,
            Ok(v) => panic!("{text} should fail, gave {v:?}"),
        }
    }

    /// The unknown's reason; panics when the value is known.
    pub(crate) fn unknown(&self, text: &str) -> String {
        let v = self
            .eval(text)
            .unwrap_or_else(|e| panic!("{text} failed: {e}"));
        match &v.value {
            Value::Unknown(u) => u.reason.clone(),
            _ => panic!("{text} should be unknown, gave {v:?}"),
        }
    }
}
