//! ARM's lambda functions (the reference's "Lambda functions"): `filter`, `groupBy`, `map`,
//! `mapValues`, `reduce`, `sort`, `toObject`. Each applies a lambda argument to the elements
//! of an array (or object) through [`Args`]: the ARM evaluator's `lambda('x', ...)` and
//! Bicep's `x => ...` alike.

use super::args::Args;
use super::*;
use std::ops::Range;

fn position(i: usize, at: &Location) -> Val {
    Val::new(Value::Number(i as f64), Some(at.clone()))
}

/// The elements a lambda function walks (each with the hops of the array), or `None` when the
/// array is unknown.
fn items_of(func: &str, list: &Val) -> Result<Option<Vec<Val>>, String> {
    match &list.value {
        Value::List(xs) => Ok(Some(xs.iter().map(|x| x.adopted_by(list)).collect())),
        Value::Unknown(_) => Ok(None),
        _ => Err(format!(
            "the template language function '{func}' expects an array as its first parameter"
        )),
    }
}

/// The array of a lambda function over an array and its lambda (argument 1), checked; `None`
/// when the array is unknown.
fn walk(func: &str, a: &dyn Args, params: Range<usize>) -> Result<(Val, Option<Vec<Val>>), String> {
    let list = a.value(0)?;
    a.lambda(func, 1, params)?;
    let items = items_of(func, &list)?;
    Ok((list, items))
}

pub(super) fn map(a: &dyn Args) -> Res {
    let (list, items) = walk("map", a, 1..3)?;
    let Some(items) = items else {
        return Ok(opaque(list));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, x) in items.into_iter().enumerate() {
        out.push(a.apply(1, vec![x, position(i, a.at())])?);
    }
    Ok(Val::new(Value::List(out), Some(a.at().clone())))
}

pub(super) fn filter(a: &dyn Args) -> Res {
    let (list, items) = walk("filter", a, 1..3)?;
    let Some(items) = items else {
        return Ok(opaque(list));
    };
    let mut out = Vec::new();
    for (i, x) in items.into_iter().enumerate() {
        let keep = a.apply(1, vec![x.clone(), position(i, a.at())])?;
        match keep.value {
            Value::Bool(true) => out.push(x),
            Value::Bool(false) => {}
            Value::Unknown(_) => return Ok(opaque(keep)),
            _ => return Err(lambda_type("filter", "a boolean")),
        }
    }
    let origin = list.origin.or_else(|| Some(a.at().clone()));
    Ok(Val::new(Value::List(out), origin))
}

pub(super) fn reduce(a: &dyn Args) -> Res {
    let list = a.value(0)?;
    let mut acc = a.value(1)?;
    a.lambda("reduce", 2, 2..4)?;
    let Some(items) = items_of("reduce", &list)? else {
        return Ok(opaque(list));
    };
    for (i, x) in items.into_iter().enumerate() {
        acc = a.apply(2, vec![acc, x, position(i, a.at())])?;
    }
    Ok(acc)
}

pub(super) fn sort(a: &dyn Args) -> Res {
    let (list, items) = walk("sort", a, 2..3)?;
    let Some(items) = items else {
        return Ok(opaque(list));
    };
    match merge_sort(a, items)? {
        Ok(sorted) => Ok(Val::new(Value::List(sorted), Some(a.at().clone()))),
        Err(unknown) => Ok(unknown),
    }
}

/// A stable merge sort driven by the lambda's "comes before" answer. Hand-written because a
/// lambda need not be a consistent order, which the standard sorts may panic on.
fn merge_sort(a: &dyn Args, items: Vec<Val>) -> Result<Result<Vec<Val>, Val>, String> {
    let mut runs: Vec<Vec<Val>> = items.into_iter().map(|x| vec![x]).collect();
    while runs.len() > 1 {
        let mut next = Vec::with_capacity(runs.len().div_ceil(2));
        let mut it = runs.into_iter();
        while let Some(left) = it.next() {
            let Some(right) = it.next() else {
                next.push(left);
                break;
            };
            let mut merged = Vec::with_capacity(left.len() + right.len());
            let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
            while let (Some(x), Some(y)) = (l.peek(), r.peek()) {
                // Take from the right run only when it strictly comes first: stability.
                let before = a.apply(1, vec![y.clone(), x.clone()])?;
                match before.value {
                    Value::Bool(true) => merged.extend(r.next()),
                    Value::Bool(false) => merged.extend(l.next()),
                    Value::Unknown(_) => return Ok(Err(opaque(before))),
                    _ => return Err(lambda_type("sort", "a boolean")),
                }
            }
            merged.extend(l);
            merged.extend(r);
            next.push(merged);
        }
        runs = next;
    }
    Ok(Ok(runs.pop().unwrap_or_default()))
}

/// A key the lambda at `i` gives (`toObject`, `groupBy`); `Err(unknown)` when it is unknown.
fn key(func: &str, a: &dyn Args, i: usize, x: &Val) -> Result<Result<String, Val>, String> {
    let k = a.apply(i, vec![x.clone()])?;
    match k.value {
        Value::String(s) => Ok(Ok(s)),
        Value::Unknown(_) => Ok(Err(opaque(k))),
        _ => Err(lambda_type(func, "a string key")),
    }
}

pub(super) fn to_object(a: &dyn Args) -> Res {
    let (list, items) = walk("toObject", a, 1..2)?;
    let Some(items) = items else {
        return Ok(opaque(list));
    };
    if a.count() > 2 {
        a.lambda("toObject", 2, 1..2)?;
    }
    let mut map = BTreeMap::new();
    for x in items {
        let key = match key("toObject", a, 1, &x)? {
            Ok(key) => key,
            Err(unknown) => return Ok(unknown),
        };
        let v = if a.count() > 2 {
            a.apply(2, vec![x])?
        } else {
            x
        };
        let existing = lookup(&map, &key).map(|(k, _)| k.clone());
        map.insert(existing.unwrap_or(key), v);
    }
    Ok(Val::new(Value::Object(map), Some(a.at().clone())))
}

pub(super) fn group_by(a: &dyn Args) -> Res {
    let (list, items) = walk("groupBy", a, 1..2)?;
    let Some(items) = items else {
        return Ok(opaque(list));
    };
    let mut groups: BTreeMap<String, Vec<Val>> = BTreeMap::new();
    for x in items {
        let key = match key("groupBy", a, 1, &x)? {
            Ok(key) => key,
            Err(unknown) => return Ok(unknown),
        };
        let existing = groups.keys().find(|g| same_key(g, &key)).cloned();
        groups.entry(existing.unwrap_or(key)).or_default().push(x);
    }
    let at = a.at();
    let map = groups
        .into_iter()
        .map(|(k, xs)| (k, Val::new(Value::List(xs), Some(at.clone()))))
        .collect();
    Ok(Val::new(Value::Object(map), Some(at.clone())))
}

pub(super) fn map_values(a: &dyn Args) -> Res {
    let obj = a.value(0)?;
    a.lambda("mapValues", 1, 1..2)?;
    let map = match &obj.value {
        Value::Object(map) => map,
        Value::Unknown(_) => return Ok(opaque(obj)),
        _ => {
            return Err("the template language function 'mapValues' expects an object".to_string())
        }
    };
    let mut out = BTreeMap::new();
    for (k, x) in map {
        let v = a.apply(1, vec![x.adopted_by(&obj)])?;
        out.insert(k.clone(), v);
    }
    Ok(Val::new(Value::Object(out), Some(a.at().clone())))
}

#[cold]
fn lambda_type(func: &str, what: &str) -> String {
    format!("the lambda of '{func}' must give {what}")
}
