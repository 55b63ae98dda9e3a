//! Terraform's type conversion functions: `tostring`, `tonumber`, `tobool`, `tolist`,
//! `toset`, `tomap` (Terraform's `internal/lang/funcs/conversion.go`, over cty's `convert`),
//! and `sensitive`, `nonsensitive` (`sensitive.go`), which Terraform's documentation lists
//! with them and which vigil evaluates as the value itself.
//!
//! Each returns its argument itself, converted: same origin, same trace. `try` and `can`,
//! also conversion functions in Terraform's documentation, evaluate their arguments lazily
//! and so live in the evaluator.

use super::{param_err, Res};
use crate::convert::{bool_of, make_set, number_of, prim_string, type_name, unify};
use vigil_model::{Location, Val, Value};

pub(super) fn identity(mut args: Vec<Val>, _at: &Location) -> Res {
    Ok(args.swap_remove(0))
}

pub(super) fn tostring(mut args: Vec<Val>, _at: &Location) -> Res {
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

pub(super) fn tonumber(mut args: Vec<Val>, _at: &Location) -> Res {
    let v = args.swap_remove(0);
    match &v.value {
        Value::Null | Value::Unknown(_) | Value::Number(_) => Ok(v),
        _ => {
            let n = number_of(&v).map_err(|e| param_err("v", e))?;
            Ok(v.converted(Value::Number(n)))
        }
    }
}

pub(super) fn tobool(mut args: Vec<Val>, _at: &Location) -> Res {
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

pub(super) fn tolist(mut args: Vec<Val>, _at: &Location) -> Res {
    let v = args.swap_remove(0);
    if matches!(v.value, Value::Null | Value::Unknown(_)) {
        return Ok(v);
    }
    let items = to_collection(&v, "list")?;
    Ok(v.converted(Value::List(items)))
}

pub(super) fn toset(mut args: Vec<Val>, _at: &Location) -> Res {
    let v = args.swap_remove(0);
    if matches!(v.value, Value::Null | Value::Unknown(_)) {
        return Ok(v);
    }
    let items = to_collection(&v, "set")?;
    let items = make_set(items).unwrap_or_default();
    Ok(v.converted(Value::List(items)))
}

pub(super) fn tomap(mut args: Vec<Val>, _at: &Location) -> Res {
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

#[cfg(test)]
mod tests {
    use crate::functions::testing::check;

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
}
