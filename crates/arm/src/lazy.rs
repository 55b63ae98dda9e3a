//! The functions that take their arguments unevaluated: the lazy ones (`if`, `and`, `or`,
//! `coalesce`), which evaluate an argument only when the result still depends on it, and the
//! lambda family (`map`, `filter`, `reduce`, `sort`, `toObject`, `groupBy`, `mapValues`), which
//! apply a lambda argument to each element.
//!
//! They are written once, over [`Args`]: the ARM evaluator implements it over `[...]`
//! expressions and `lambda('x', ...)`, the Bicep evaluator over its syntax tree and `x => ...`,
//! so that Bicep's `&&`, `||`, `??`, `?:` and lambdas mean exactly what their compiled ARM form
//! means, short-circuit included. They sit in the one function table
//! ([`crate::functions`]) beside the functions of evaluated values.

use std::collections::BTreeMap;
use std::ops::Range;

use vigil_model::{Location, Val, Value};

use crate::functions::{adopt, condition, json_equal, lookup, opaque, same_key, unknown_choice};

type Res = Result<Val, String>;

/// The arguments of one call, as the calling evaluator holds them: each is evaluated only when
/// the function asks for it.
pub trait Args {
    /// How many arguments the call has.
    fn count(&self) -> usize;
    /// Evaluates argument `i` (`i < count()`); an error is ARM's evaluation error.
    fn value(&self, i: usize) -> Res;
    /// Evaluates every argument, bounded together as one value is: past the bound, fewer values
    /// than arguments (one unknown standing for them all).
    fn values(&self) -> Result<Vec<Val>, String>;
    /// Checks that argument `i` is a lambda of `func` with a parameter count in `params`.
    fn lambda(&self, func: &str, i: usize, params: Range<usize>) -> Result<(), String>;
    /// Applies the lambda at argument `i` to `values`, bound to its parameters in order (the
    /// values beyond its parameters are dropped).
    fn apply(&self, i: usize, values: Vec<Val>) -> Res;
    /// Whether the evaluation budget ran out: that error must not pass for a branch ARM would
    /// not take.
    fn exhausted(&self) -> bool;
    /// The location of the call.
    fn at(&self) -> &Location;
}

/// Arguments that are already values (a caller that evaluated them, `call` from a Rust test):
/// lazy functions see the same results, lambdas are refused.
pub(crate) struct Evaluated<'v> {
    pub values: &'v [Val],
    pub at: &'v Location,
}

impl Args for Evaluated<'_> {
    fn count(&self) -> usize {
        self.values.len()
    }

    fn value(&self, i: usize) -> Res {
        Ok(self.values[i].clone())
    }

    fn values(&self) -> Result<Vec<Val>, String> {
        Ok(self.values.to_vec())
    }

    fn lambda(&self, func: &str, _: usize, params: Range<usize>) -> Result<(), String> {
        Err(bad_lambda(func, &params))
    }

    fn apply(&self, _: usize, _: Vec<Val>) -> Res {
        Err("a lambda is applied only as the argument of a lambda function".into())
    }

    fn exhausted(&self) -> bool {
        false
    }

    fn at(&self) -> &Location {
        self.at
    }
}

fn boolean(b: bool, at: &Location) -> Val {
    Val::new(Value::Bool(b), Some(at.clone()))
}

fn position(i: usize, at: &Location) -> Val {
    Val::new(Value::Number(i as f64), Some(at.clone()))
}

/// `if` evaluates only the branch its condition picks; both when the deployment decides.
pub(crate) fn if_(a: &dyn Args) -> Res {
    let cond = a.value(0)?;
    match condition(&cond)? {
        Some(true) => a.value(1),
        Some(false) => a.value(2),
        None => {
            let t = a.value(1);
            let f = a.value(2);
            // Running out of budget is not a branch the deployment could fail on.
            if a.exhausted() {
                return Err(exhausted());
            }
            unknown_choice(&cond, t, f, a.at())
        }
    }
}

/// `and`/`or` stop at the first argument that settles them (`decisive`: false for `and`).
fn logic(func: &str, decisive: bool, a: &dyn Args) -> Res {
    let mut pending: Option<Val> = None;
    let mut several = false;
    for i in 0..a.count() {
        let v = match a.value(i) {
            Ok(v) => v,
            Err(e) if a.exhausted() => return Err(e),
            // An unknown before it may have settled the result without this argument.
            Err(e) => return pending.map(opaque).ok_or(e),
        };
        match &v.value {
            Value::Bool(b) if *b == decisive => return Ok(boolean(decisive, a.at())),
            Value::Bool(_) => {}
            Value::Unknown(_) if pending.is_some() => several = true,
            Value::Unknown(_) => pending = Some(v),
            _ => return Err(not_boolean(func, i)),
        }
    }
    // With the others settled, one unknown is the result, whatever it may be; with several,
    // its candidates no longer cover the result.
    Ok(match pending {
        Some(u) if several => opaque(u),
        Some(u) => match &u.value {
            // Its one candidate settles it.
            Value::Unknown(x) if x.candidates.len() == 1 => match x.candidates[0].value {
                Value::Bool(b) => boolean(b, a.at()),
                _ => return Err(not_boolean(func, 0)),
            },
            _ => u,
        },
        None => boolean(!decisive, a.at()),
    })
}

pub(crate) fn and(a: &dyn Args) -> Res {
    logic("and", false, a)
}

pub(crate) fn or(a: &dyn Args) -> Res {
    logic("or", true, a)
}

/// The first argument that is not null, itself (origin and trace intact); the arguments after
/// it are not evaluated.
pub(crate) fn coalesce(a: &dyn Args) -> Res {
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

/// The elements a lambda function walks (each with the hops of the array), or `None` when the
/// array is unknown.
fn items_of(func: &str, list: &Val) -> Result<Option<Vec<Val>>, String> {
    match &list.value {
        Value::List(xs) => Ok(Some(xs.iter().map(|x| adopt(list, x)).collect())),
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

pub(crate) fn map(a: &dyn Args) -> Res {
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

pub(crate) fn filter(a: &dyn Args) -> Res {
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

pub(crate) fn reduce(a: &dyn Args) -> Res {
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

pub(crate) fn sort(a: &dyn Args) -> Res {
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

pub(crate) fn to_object(a: &dyn Args) -> Res {
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

pub(crate) fn group_by(a: &dyn Args) -> Res {
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

pub(crate) fn map_values(a: &dyn Args) -> Res {
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
        let v = a.apply(1, vec![adopt(&obj, x)])?;
        out.insert(k.clone(), v);
    }
    Ok(Val::new(Value::Object(out), Some(a.at().clone())))
}

#[cold]
pub(crate) fn exhausted() -> String {
    "the expression takes more steps to evaluate than vigil allows".into()
}

#[cold]
fn not_boolean(func: &str, i: usize) -> String {
    format!(
        "the template language function '{func}' expects its parameters to be of type \
         'Boolean'; parameter {} is not",
        i + 1
    )
}

#[cold]
pub fn bad_lambda(func: &str, params: &Range<usize>) -> String {
    format!(
        "the template language function '{func}' expects a lambda with {} to {} parameter(s)",
        params.start,
        params.end - 1
    )
}

#[cold]
fn lambda_type(func: &str, what: &str) -> String {
    format!("the lambda of '{func}' must give {what}")
}
