//! ARM's comparison functions (the reference's "Comparison functions"): `coalesce`, `equals`,
//! `greater`, `greaterOrEquals`, `less`, `lessOrEquals`, and the equality they share with
//! `contains`, `union` and the rest ([`json_equal`]).

use super::args::{exhausted, Args};
use super::*;

/// Whether two values are equal as ARM compares them (`equals`, `contains`, `union`): strings
/// exactly, numbers by value, property names without case. `None` when an unknown decides.
pub(super) fn json_equal(a: &Val, b: &Val) -> Option<bool> {
    equal_at(a, b, 0)
}

fn equal_at(a: &Val, b: &Val, depth: usize) -> Option<bool> {
    if depth > VALUE_DEPTH {
        return None;
    }
    match (&a.value, &b.value) {
        (Value::Unknown(_), _) | (_, Value::Unknown(_)) => None,
        (Value::Null, Value::Null) => Some(true),
        (Value::Bool(x), Value::Bool(y)) => Some(x == y),
        (Value::Number(x), Value::Number(y)) => Some(x == y),
        (Value::String(x), Value::String(y)) => Some(x == y),
        (Value::List(xs), Value::List(ys)) => {
            if xs.len() != ys.len() {
                return Some(false);
            }
            let mut all = Some(true);
            for (x, y) in xs.iter().zip(ys) {
                match equal_at(x, y, depth + 1) {
                    Some(false) => return Some(false),
                    None => all = None,
                    Some(true) => {}
                }
            }
            all
        }
        (Value::Object(xs), Value::Object(ys)) => {
            if xs.len() != ys.len() {
                return Some(false);
            }
            let mut all = Some(true);
            for (k, x) in xs {
                let Some((_, y)) = lookup(ys, k) else {
                    return Some(false);
                };
                match equal_at(x, y, depth + 1) {
                    Some(false) => return Some(false),
                    None => all = None,
                    Some(true) => {}
                }
            }
            all
        }
        _ => Some(false),
    }
}

pub(super) fn equals(args: &[Val], at: &Location) -> Res {
    match json_equal(&args[0], &args[1]) {
        Some(b) => Ok(boolean(b, at)),
        None => Ok(undecided(&args[0], &args[1], at)),
    }
}

/// The unknown that keeps two values from comparing.
pub(super) fn undecided(a: &Val, b: &Val, at: &Location) -> Val {
    unknown_in(a).or_else(|| unknown_in(b)).unwrap_or_else(|| {
        Val::unknown(
            "the values are nested too deeply to compare",
            Some(at.clone()),
        )
    })
}

/// `less` and friends: two integers, or two strings compared ordinally.
fn compare(func: &str, args: &[Val]) -> Result<Result<std::cmp::Ordering, Val>, String> {
    let (a, b) = (&args[0], &args[1]);
    if a.is_unknown() {
        return Ok(Err(opaque(a.clone())));
    }
    if b.is_unknown() {
        return Ok(Err(opaque(b.clone())));
    }
    match (&a.value, &b.value) {
        (Value::Number(x), Value::Number(y)) => Ok(Ok(x.total_cmp(y))),
        (Value::String(x), Value::String(y)) => {
            // .NET's ordinal comparison orders UTF-16 code units.
            Ok(Ok(x.encode_utf16().cmp(y.encode_utf16())))
        }
        (Value::Number(_) | Value::String(_), _) => {
            Err(type_error(func, 1, &format!("'{}'", type_name(a)), b))
        }
        _ => Err(type_error(func, 0, "'Integer' or 'String'", a)),
    }
}

fn ordered(func: &str, args: &[Val], at: &Location, test: fn(std::cmp::Ordering) -> bool) -> Res {
    match compare(func, args)? {
        Ok(o) => Ok(boolean(test(o), at)),
        Err(u) => Ok(u),
    }
}

pub(super) fn less(args: &[Val], at: &Location) -> Res {
    ordered("less", args, at, std::cmp::Ordering::is_lt)
}

pub(super) fn less_or_equals(args: &[Val], at: &Location) -> Res {
    ordered("lessOrEquals", args, at, std::cmp::Ordering::is_le)
}

pub(super) fn greater(args: &[Val], at: &Location) -> Res {
    ordered("greater", args, at, std::cmp::Ordering::is_gt)
}

pub(super) fn greater_or_equals(args: &[Val], at: &Location) -> Res {
    ordered("greaterOrEquals", args, at, std::cmp::Ordering::is_ge)
}

/// The first argument that is not null, itself (origin and trace intact); the arguments after
/// it are not evaluated.
pub(super) fn coalesce(a: &dyn Args) -> Res {
    coalesce_from(a, 0)
}

fn coalesce_from(a: &dyn Args, first: usize) -> Res {
    for i in first..a.count() {
        let v = a.value(i)?;
        match &v.value {
            Value::Null => continue,
            // A candidate that is null hands the choice to the later arguments: each case is
            // the candidate, or what they give when it is null.
            Value::Unknown(u) if u.candidates.iter().any(|c| matches!(c.value, Value::Null)) => {
                let rest = coalesce_from(a, i + 1);
                if a.exhausted() {
                    return Err(exhausted());
                }
                let rest = match rest {
                    Ok(r) if r.contains_unknown() => return Ok(opaque(v)),
                    Ok(r) => Some(r),
                    // A case that fails is one the deployment cannot take.
                    Err(_) => None,
                };
                let mut cases: Vec<Val> = Vec::new();
                for c in &u.candidates {
                    let case = match (&c.value, &rest) {
                        (Value::Null, Some(r)) => r,
                        (Value::Null, None) => continue,
                        _ => c,
                    };
                    if !cases.iter().any(|x| json_equal(x, case) == Some(true)) {
                        cases.push(case.clone());
                    }
                }
                return Ok(match cases.len() {
                    1 => cases.pop().expect("one case"),
                    _ => Val::unknown_among(u.reason.clone(), cases, v.origin.clone()),
                });
            }
            _ => return Ok(v),
        }
    }
    Ok(Val::null(Some(a.at().clone())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::testkit::whole;
    use crate::functions::testkit::*;

    #[test]
    fn comparisons() {
        check(&[
            ("[equals('a', 'a')]", json!(true)),
            ("[equals('a', 'A')]", json!(false)),
            ("[equals(1, 1)]", json!(true)),
            ("[equals(1, '1')]", json!(false)),
            (
                "[equals(createArray(1, 'a'), createArray(1, 'a'))]",
                json!(true),
            ),
            ("[equals(createArray(1), createArray(1, 2))]", json!(false)),
            (
                "[equals(createObject('a', 1), createObject('A', 1))]",
                json!(true),
            ),
            (
                "[equals(createObject('a', 1), createObject('a', 2))]",
                json!(false),
            ),
            ("[equals(null(), null())]", json!(true)),
            ("[equals(json('1.0'), 1)]", json!(true)),
            // Known parts that differ settle it despite an unknown.
            (
                "[equals(createArray(parameters('secret'), 1), createArray(2, 2))]",
                json!(false),
            ),
            ("[less(1, 2)]", json!(true)),
            ("[less('A', 'a')]", json!(true)),
            ("[less('b', 'a')]", json!(false)),
            ("[lessOrEquals(2, 2)]", json!(true)),
            ("[greater(3, 2)]", json!(true)),
            ("[greater('A', 'a')]", json!(false)),
            ("[greaterOrEquals(1, 2)]", json!(false)),
            ("[coalesce(null(), 'a', 'b')]", json!("a")),
            ("[coalesce(null(), null())]", json!(null)),
            ("[coalesce('', 'b')]", json!("")),
            ("[coalesce(null(), createArray())]", json!([])),
        ]);
        fails(&[
            ("[less(1, 'a')]", "'less'"),
            ("[greater(true(), false())]", "'greater'"),
            ("[equals(1)]", "requires 2"),
        ]);
        unknown(&[
            ("[equals(parameters('secret'), 'a')]", "'secret'"),
            ("[less(parameters('secret'), 1)]", "'secret'"),
            ("[coalesce(null(), parameters('secret'), 'b')]", "'secret'"),
        ]);
        // coalesce selects: the value keeps its own origin.
        assert_eq!(origin("[coalesce(null(), parameters('env'))]"), p(3, 4));
        assert_eq!(origin("[equals(parameters('env'), 'prod')]"), whole());
        // A candidate that is null hands the choice to the next argument.
        let n = Val::unknown_among("u", vec![Val::null(None), s("x", 1)], None);
        let v = call("coalesce", vec![n.clone(), s("y", 2)], &whole()).unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!()
        };
        let c: Vec<_> = u.candidates.iter().map(Val::to_json).collect();
        assert_eq!(c, vec![json!("y"), json!("x")]);
        // When the later arguments are unknown too, so is the choice.
        let later = Val::unknown("later", None);
        let v = call("coalesce", vec![n, later], &whole()).unwrap();
        assert_eq!(v.first_unknown().unwrap().0.candidates.len(), 0);
    }
}
