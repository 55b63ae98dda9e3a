//! Terraform's collection functions: `length`, `alltrue`, `anytrue`, `coalesce`, `index`,
//! `lookup`, `one`, `sum` (Terraform's `internal/lang/funcs/collection.go`) and cty's
//! (`stdlib/collection.go`, `sequence.go`, `set.go`): `coalescelist`, `compact`, `concat`,
//! `contains`, `range`, `merge`, the set functions and the rest Terraform's documentation
//! lists as collection functions.
//!
//! A function that selects one of its inputs (`coalesce`, `lookup`, `element`, the items of
//! `concat`, ...) returns that input itself, origin and trace intact.

use super::graphemes::graphemes;
use super::{
    check_len, container, go_quote, int_arg, list_items, not_null, number_arg, param_err,
    string_arg, unknown_in, whole, Res, NOT_WHOLE,
};
use crate::convert::{bool_of, canon, make_set, number_of, prim_string, same, type_name, unify};
use std::collections::{BTreeMap, HashSet};
use vigil_model::limits::{TERRAFORM_RANGE, VALUE_DEPTH};
use vigil_model::{Location, Val, Value};

pub(super) fn length(args: Vec<Val>, at: &Location) -> Res {
    let v = &args[0];
    let n = match &v.value {
        Value::Unknown(_) => return Ok(v.clone()),
        Value::Null => return Err(param_err("value", "argument must not be null")),
        Value::String(s) => graphemes(s).len(),
        // The number of elements is known even when some of them are not.
        Value::List(items) => items.len(),
        Value::Object(map) => map.len(),
        Value::Bool(_) | Value::Number(_) => {
            return Err("argument must be a string, a collection type, or a structural type".into())
        }
    };
    Ok(Val::computed(Value::Number(n as f64), &[v], at))
}

/// The first argument that is neither null nor an empty string, all converted to their common
/// type. An unknown argument before it could be that one, so the result is unknown.
pub(super) fn coalesce(args: Vec<Val>, _at: &Location) -> Res {
    let same_type = "all arguments must have the same type";
    if args.is_empty() {
        return Err(same_type.into());
    }
    let args = unify(args).ok_or(same_type)?;
    for a in args {
        match &a.value {
            Value::Unknown(_) => return Ok(a),
            Value::Null => {}
            Value::String(s) if s.is_empty() => {}
            _ => return Ok(a),
        }
    }
    Err("no non-null, non-empty-string arguments".into())
}

pub(super) fn coalescelist(args: Vec<Val>, _at: &Location) -> Res {
    for a in &args {
        if !matches!(a.value, Value::List(_) | Value::Unknown(_)) {
            return Err("coalescelist arguments must be lists or tuples".into());
        }
    }
    for a in args {
        match &a.value {
            Value::Unknown(_) => return Ok(a),
            // Its length is known even when its elements are not.
            Value::List(items) if !items.is_empty() => return Ok(a),
            _ => {}
        }
    }
    Err("no non-null arguments".into())
}

pub(super) fn concat(args: Vec<Val>, at: &Location) -> Res {
    if args.is_empty() {
        return Err("at least one argument is required".into());
    }
    let mut out = Vec::new();
    for a in &args {
        match &a.value {
            Value::Unknown(_) => return Ok(a.clone()),
            Value::List(items) => {
                out.extend(items.iter().cloned());
                check_len(out.len())?;
            }
            Value::Null => return Err(param_err("seqs", "argument must not be null")),
            _ => {
                return Err(param_err(
                    "seqs",
                    format!(
                        "all arguments must be lists or tuples; got {}",
                        type_name(a)
                    ),
                ))
            }
        }
    }
    let from: Vec<&Val> = args.iter().collect();
    Ok(container(Value::List(out), &from, at))
}

/// Whether a list holds a value. Terraform compares without converting (`"1"` is not `1`),
/// and knows the answer when a known element matches even if others are unknown.
pub(super) fn contains(args: Vec<Val>, at: &Location) -> Res {
    let (list, value) = (&args[0], &args[1]);
    if list.is_unknown() {
        return Ok(list.clone());
    }
    let items = match &list.value {
        Value::List(items) => items,
        Value::Null => return Err(param_err("list", "argument must not be null")),
        _ => return Err("argument must be list, tuple, or set".into()),
    };
    not_null(value, "value")?;
    if let Some(u) = unknown_in([value]) {
        return Ok(u);
    }
    if items.iter().any(|i| same(i, value)) {
        return Ok(Val::computed(Value::Bool(true), &[], at));
    }
    if let Some(u) = unknown_in(items) {
        return Ok(u);
    }
    Ok(Val::computed(Value::Bool(false), &[], at))
}

pub(super) fn distinct(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    if let Some(u) = unknown_in([list]) {
        return Ok(u);
    }
    let items = list_items(list, "list", "list required")?;
    let items = unify(items.to_vec())
        .ok_or_else(|| param_err("list", "cannot convert tuple to list of any single type"))?;
    let mut seen = HashSet::new();
    let out: Vec<Val> = items
        .into_iter()
        .filter(|v| canon(v).is_some_and(|k| seen.insert(k)))
        .collect();
    Ok(container(Value::List(out), &[list], at))
}

pub(super) fn compact(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    if let Some(u) = unknown_in([list]) {
        return Ok(u);
    }
    let items = list_items(list, "list", "list of string required")?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match &item.value {
            Value::Null => {}
            Value::String(s) if s.is_empty() => {}
            _ => {
                let s = prim_string(item)
                    .ok_or_else(|| param_err("list", format!("element {i}: string required")))?;
                out.push(item.converted(Value::String(s)));
            }
        }
    }
    Ok(container(Value::List(out), &[list], at))
}

pub(super) fn element(args: Vec<Val>, _at: &Location) -> Res {
    let (list, index) = (&args[0], &args[1]);
    for v in [list, index] {
        if v.is_unknown() {
            return Ok(v.clone());
        }
    }
    let items = match &list.value {
        Value::List(items) => items,
        Value::Null => return Err(param_err("list", "argument must not be null")),
        _ => return Err(format!("cannot read elements from {}", type_name(list))),
    };
    let i = whole(number_arg(index, "index")?).ok_or(format!("invalid index: {NOT_WHOLE}"))?;
    if items.is_empty() {
        return Err("cannot use element function with an empty list".into());
    }
    // The index wraps around, with Go's remainder: one that stays negative is an error
    // (a panic in Terraform).
    let k = i % items.len() as i64;
    if k < 0 {
        return Err(format!(
            "cannot use element function with a negative index ({i})"
        ));
    }
    Ok(items[k as usize].clone())
}

pub(super) fn flatten(args: Vec<Val>, at: &Location) -> Res {
    fn go(items: &[Val], out: &mut Vec<Val>, depth: usize) -> Result<Option<Val>, String> {
        if depth > VALUE_DEPTH {
            return Err("the list is nested too deeply".into());
        }
        for item in items {
            match &item.value {
                Value::List(inner) => {
                    if let Some(u) = go(inner, out, depth + 1)? {
                        return Ok(Some(u));
                    }
                }
                // It may be a list to flatten, so the result's shape is unknown.
                Value::Unknown(_) => return Ok(Some(item.clone())),
                _ => {
                    out.push(item.clone());
                    check_len(out.len())?;
                }
            }
        }
        Ok(None)
    }
    let list = &args[0];
    let items = match &list.value {
        Value::Unknown(_) => return Ok(list.clone()),
        Value::List(items) => items,
        Value::Null => return Err(param_err("list", "argument must not be null")),
        _ => return Err("can only flatten lists, sets and tuples".into()),
    };
    let mut out = Vec::new();
    if let Some(u) = go(items, &mut out, 0)? {
        return Ok(u);
    }
    Ok(container(Value::List(out), &[list], at))
}

pub(super) fn index(args: Vec<Val>, at: &Location) -> Res {
    let (list, value) = (&args[0], &args[1]);
    if list.is_unknown() {
        return Ok(list.clone());
    }
    let items = match &list.value {
        Value::List(items) => items,
        Value::Null => return Err(param_err("list", "argument must not be null")),
        _ => return Err("argument must be a list or tuple".into()),
    };
    if let Some(u) = unknown_in([value]) {
        return Ok(u);
    }
    for (i, item) in items.iter().enumerate() {
        // An unknown element before the match might be the match.
        if item.contains_unknown() {
            return Ok(unknown_in([item]).unwrap_or_else(|| item.clone()));
        }
        if same(item, value) {
            return Ok(Val::computed(Value::Number(i as f64), &[], at));
        }
    }
    Err("item not found".into())
}

fn map_arg<'v>(v: &'v Val, param: &str, what: &str) -> Result<&'v BTreeMap<String, Val>, String> {
    match &v.value {
        Value::Object(map) => Ok(map),
        Value::Null => Err(param_err(param, "argument must not be null")),
        _ => Err(param_err(param, what)),
    }
}

pub(super) fn keys(args: Vec<Val>, at: &Location) -> Res {
    let m = &args[0];
    if m.is_unknown() {
        return Ok(m.clone());
    }
    let map = map_arg(m, "inputMap", "must have map or object type")?;
    // The keys are written in the map, and known even when its values are not.
    let items = map
        .keys()
        .map(|k| Val::computed(Value::String(k.clone()), &[m], at))
        .collect();
    Ok(container(Value::List(items), &[m], at))
}

pub(super) fn values(args: Vec<Val>, at: &Location) -> Res {
    let m = &args[0];
    if m.is_unknown() {
        return Ok(m.clone());
    }
    let map = map_arg(m, "mapping", "must have map or object type")?;
    Ok(container(
        Value::List(map.values().cloned().collect()),
        &[m],
        at,
    ))
}

pub(super) fn lookup(args: Vec<Val>, _at: &Location) -> Res {
    if args.len() > 3 {
        return Err(
            "too many function arguments: function \"lookup\" expects at most 3 argument(s)".into(),
        );
    }
    let (m, key) = (&args[0], &args[1]);
    for v in [m, key] {
        if v.is_unknown() {
            return Ok(v.clone());
        }
    }
    let map = map_arg(
        m,
        "inputMap",
        "lookup() requires a map as the first argument",
    )?;
    let key = string_arg(key, "key")?;
    // Only the entry looked up matters: other unknown values do not make it unknown.
    if let Some(v) = map.get(&key) {
        return Ok(v.clone());
    }
    match args.get(2) {
        Some(default) => Ok(default.clone()),
        None => Err(param_err(
            "inputMap",
            format!("the given object has no attribute {}", go_quote(&key)),
        )),
    }
}

pub(super) fn merge(args: Vec<Val>, at: &Location) -> Res {
    let mut out = BTreeMap::new();
    let mut from = Vec::new();
    for a in &args {
        match &a.value {
            Value::Null => {}
            // Which keys it has is unknown, so every key's value is.
            Value::Unknown(_) => return Ok(a.clone()),
            Value::Object(map) => {
                from.push(a);
                for (k, v) in map {
                    out.insert(k.clone(), v.clone());
                }
                check_len(out.len())?;
            }
            _ => {
                return Err(format!(
                    "arguments must be maps or objects, got {}",
                    go_quote(type_name(a))
                ))
            }
        }
    }
    Ok(container(Value::Object(out), &from, at))
}

pub(super) fn one(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    let items = match &list.value {
        Value::Unknown(_) => return Ok(list.clone()),
        Value::List(items) => items,
        Value::Null => return Err(param_err("list", "argument must not be null")),
        _ => {
            return Err(param_err(
                "list",
                "must be a list, set, or tuple value with either zero or one elements",
            ))
        }
    };
    match items.as_slice() {
        [] => Ok(Val::computed(Value::Null, &[list], at)),
        [only] => Ok(only.clone()),
        _ => Err(param_err(
            "list",
            "must be a list, set, or tuple value with either zero or one elements",
        )),
    }
}

pub(super) fn range(args: Vec<Val>, at: &Location) -> Res {
    if args.is_empty() || args.len() > 3 {
        return Err("must have one, two, or three arguments".into());
    }
    if let Some(u) = unknown_in(&args) {
        return Ok(u);
    }
    let nums = args
        .iter()
        .map(|a| number_arg(a, "params"))
        .collect::<Result<Vec<f64>, String>>()?;
    let (start, end, step) = match nums.as_slice() {
        [end] => (0.0, *end, if *end < 0.0 { -1.0 } else { 1.0 }),
        [start, end] => (*start, *end, if end < start { -1.0 } else { 1.0 }),
        [start, end, step] => (*start, *end, *step),
        _ => unreachable!("arity was checked"),
    };
    if step == 0.0 {
        // Terraform gives an empty range for start == end, and refuses to loop forever.
        if start == end {
            return Ok(Val::list(Vec::new(), Some(at.clone())));
        }
        return Err(param_err("params", "step must not be zero"));
    }
    if step > 0.0 && end < start {
        return Err(param_err(
            "params",
            "end must be greater than start when step is positive",
        ));
    }
    if step < 0.0 && end > start {
        return Err(param_err(
            "params",
            "end must be less than start when step is negative",
        ));
    }
    let mut out = Vec::new();
    let mut v = start;
    loop {
        if (step > 0.0 && v >= end) || (step < 0.0 && v <= end) || !v.is_finite() {
            break;
        }
        if out.len() == TERRAFORM_RANGE {
            return Err(format!(
                "more than {TERRAFORM_RANGE} values were generated; either decrease the \
                 difference between start and end or use a smaller step"
            ));
        }
        out.push(Val::new(Value::Number(v), Some(at.clone())));
        // Terraform adds the step again and again, each sum rounded to its 512 bits.
        v = match crate::number::arith(crate::number::Op::Add, v, step) {
            Ok(next) => next,
            Err(reason) => return Ok(Val::unknown(reason, Some(at.clone()))),
        };
    }
    Ok(Val::list(out, Some(at.clone())))
}

pub(super) fn reverse(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    let items = match &list.value {
        Value::Unknown(_) => return Ok(list.clone()),
        Value::List(items) => items,
        Value::Null => return Err(param_err("list", "argument must not be null")),
        _ => {
            return Err(param_err(
                "list",
                format!(
                    "can only reverse list or tuple values, not {}",
                    type_name(list)
                ),
            ))
        }
    };
    let out = items.iter().rev().cloned().collect();
    Ok(container(Value::List(out), &[list], at))
}

pub(super) fn slice(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    if let Some(u) = [&args[0], &args[1], &args[2]]
        .into_iter()
        .find(|v| v.is_unknown())
    {
        return Ok(u.clone());
    }
    let items = list_items(list, "list", "must be a list or tuple value")?;
    let start = int_arg(&args[1], "start_index")?;
    let end = int_arg(&args[2], "end_index")?;
    if start < 0 {
        return Err(param_err(
            "start_index",
            "start index must not be less than zero",
        ));
    }
    if end > items.len() as i64 {
        return Err(param_err(
            "end_index",
            "end index must not be greater than the length of the list",
        ));
    }
    if start > end {
        return Err(param_err(
            "start_index",
            "start index must not be greater than end index",
        ));
    }
    let out = items[start as usize..end as usize].to_vec();
    Ok(container(Value::List(out), &[list], at))
}

/// Terraform sorts lists of strings, lexically by bytes; numbers become strings first.
pub(super) fn sort(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    if let Some(u) = unknown_in([list]) {
        return Ok(u);
    }
    let items = list_items(list, "list", "list of string required")?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if matches!(item.value, Value::Null) {
            return Err(format!(
                "given list element {i} is null; a null string cannot be sorted"
            ));
        }
        let s = prim_string(item)
            .ok_or_else(|| param_err("list", format!("element {i}: string required")))?;
        out.push(item.converted(Value::String(s)));
    }
    out.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    Ok(container(Value::List(out), &[list], at))
}

pub(super) fn zipmap(args: Vec<Val>, at: &Location) -> Res {
    if let Some(u) = args.iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    let keys = list_items(&args[0], "keys", "list of string required")?;
    let vals = list_items(&args[1], "values", "list or tuple required")?;
    if keys.len() != vals.len() {
        return Err(format!(
            "number of keys ({}) does not match number of values ({})",
            keys.len(),
            vals.len()
        ));
    }
    if let Some(u) = unknown_in(keys) {
        return Ok(u);
    }
    let mut out = BTreeMap::new();
    for (i, (k, v)) in keys.iter().zip(vals).enumerate() {
        if matches!(k.value, Value::Null) {
            return Err(param_err("keys", format!("element {i} is null")));
        }
        let k = prim_string(k)
            .ok_or_else(|| param_err("keys", format!("element {i}: string required")))?;
        out.insert(k, v.clone());
    }
    Ok(container(Value::Object(out), &[&args[0], &args[1]], at))
}

pub(super) fn chunklist(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    if let Some(u) = [list, &args[1]].into_iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    let items = list_items(list, "list", "list required")?;
    let size = int_arg(&args[1], "size")?;
    if size < 0 {
        return Err(param_err("size", "the size argument must be positive"));
    }
    if size == 0 || items.is_empty() {
        let whole = if items.is_empty() {
            vec![]
        } else {
            vec![list.clone()]
        };
        return Ok(container(Value::List(whole), &[list], at));
    }
    let out = items
        .chunks(usize::try_from(size).unwrap_or(usize::MAX))
        .map(|c| container(Value::List(c.to_vec()), &[list], at))
        .collect();
    Ok(container(Value::List(out), &[list], at))
}

/// The sets given to a set function, as known lists; `Ok(Err(unknown))` when one holds an
/// unknown, since membership then is unknown.
fn set_args(args: &[Val]) -> Result<Result<Vec<&[Val]>, Val>, String> {
    if let Some(u) = unknown_in(args) {
        return Ok(Err(u));
    }
    args.iter()
        .map(|a| list_items(a, "sets", "a set or list is required"))
        .collect::<Result<Vec<_>, _>>()
        .map(Ok)
}

fn set_result(items: Vec<Val>, args: &[Val], at: &Location) -> Res {
    let items = make_set(items)
        .ok_or_else(|| param_err("sets", "given sets must all have compatible element types"))?;
    let from: Vec<&Val> = args.iter().collect();
    Ok(container(Value::List(items), &from, at))
}

pub(super) fn setunion(args: Vec<Val>, at: &Location) -> Res {
    let sets = match set_args(&args)? {
        Ok(sets) => sets,
        Err(u) => return Ok(u),
    };
    let all: Vec<Val> = sets.iter().flat_map(|s| s.iter().cloned()).collect();
    check_len(all.len())?;
    set_result(all, &args, at)
}

/// Elements (unified across all the sets) of the first set that are, or are not, in each of
/// the others.
fn set_filter(args: Vec<Val>, at: &Location, keep_if_in_others: bool) -> Res {
    let sets = match set_args(&args)? {
        Ok(sets) => sets,
        Err(u) => return Ok(u),
    };
    let lens: Vec<usize> = sets.iter().map(|s| s.len()).collect();
    let all: Vec<Val> = sets.iter().flat_map(|s| s.iter().cloned()).collect();
    let mut all = unify(all)
        .ok_or_else(|| param_err("sets", "given sets must all have compatible element types"))?
        .into_iter();
    let mut groups: Vec<Vec<Val>> = lens
        .iter()
        .map(|&n| all.by_ref().take(n).collect())
        .collect();
    let first = groups.remove(0);
    let others: Vec<HashSet<String>> = groups
        .iter()
        .map(|g| g.iter().filter_map(canon).collect())
        .collect();
    let kept = first
        .into_iter()
        .filter(|v| {
            let key = canon(v).unwrap_or_default();
            others.iter().all(|o| o.contains(&key) == keep_if_in_others)
        })
        .collect();
    set_result(kept, &args, at)
}

pub(super) fn setintersection(args: Vec<Val>, at: &Location) -> Res {
    set_filter(args, at, true)
}

pub(super) fn setsubtract(args: Vec<Val>, at: &Location) -> Res {
    set_filter(args, at, false)
}

pub(super) fn setproduct(args: Vec<Val>, at: &Location) -> Res {
    if args.len() < 2 {
        return Err("at least two arguments are required".into());
    }
    if let Some(u) = args.iter().find(|v| v.is_unknown()) {
        return Ok(u.clone());
    }
    let sets = args
        .iter()
        .map(|a| list_items(a, "sets", "a set or list is required"))
        .collect::<Result<Vec<_>, _>>()?;
    let total = sets
        .iter()
        .try_fold(1usize, |acc, s| acc.checked_mul(s.len()))
        .unwrap_or(usize::MAX);
    check_len(total)?;
    let mut out: Vec<Vec<Val>> = vec![Vec::new()];
    for set in &sets {
        out = out
            .into_iter()
            .flat_map(|prefix| {
                set.iter().map(move |v| {
                    let mut p = prefix.clone();
                    p.push(v.clone());
                    p
                })
            })
            .collect();
    }
    let from: Vec<&Val> = args.iter().collect();
    let items = out
        .into_iter()
        .map(|p| Val::list(p, Some(at.clone())))
        .collect();
    Ok(container(Value::List(items), &from, at))
}

pub(super) fn sum(args: Vec<Val>, at: &Location) -> Res {
    let list = &args[0];
    if let Some(u) = unknown_in([list]) {
        return Ok(u);
    }
    let items = list_items(
        list,
        "list",
        "argument must be list, set, or tuple of number values",
    )?;
    if items.is_empty() {
        return Err(param_err("list", "cannot sum an empty list"));
    }
    let mut total = 0.0;
    for item in items {
        let n = match &item.value {
            Value::Number(n) => *n,
            Value::String(_) => number_of(item).map_err(|e| param_err("list", e))?,
            _ => {
                return Err(param_err(
                    "list",
                    "argument must be list, set, or tuple of number values",
                ))
            }
        };
        total = match crate::number::arith(crate::number::Op::Add, total, n) {
            Ok(t) => t,
            Err(reason) => return Ok(Val::unknown(reason, Some(at.clone()))),
        };
    }
    let from: Vec<&Val> = items.iter().collect();
    Ok(Val::computed(Value::Number(total), &from, at))
}

/// The elements of a list of bools (null counts as false), for `alltrue` and `anytrue`.
fn bools(list: &Val) -> Result<Vec<(Option<bool>, &Val)>, String> {
    let items = list_items(list, "list", "list of bool required")?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| match &item.value {
            Value::Unknown(_) => Ok((None, item)),
            Value::Null => Ok((Some(false), item)),
            _ => bool_of(item)
                .map(|b| (Some(b), item))
                .map_err(|_| param_err("list", format!("element {i}: bool required"))),
        })
        .collect()
}

/// `alltrue` (`decisive` false: a false element decides) or `anytrue` (a true one decides). A
/// deciding element is the answer wherever it stands, even after an unknown; the result is
/// located at that element, the line to change.
fn all_or_any(args: Vec<Val>, at: &Location, decisive: bool) -> Res {
    let list = &args[0];
    if list.is_unknown() {
        return Ok(list.clone());
    }
    let items = bools(list)?;
    if let Some((_, item)) = items.iter().find(|(b, _)| *b == Some(decisive)) {
        return Ok(Val::computed(Value::Bool(decisive), &[item], at));
    }
    if let Some((_, item)) = items.iter().find(|(b, _)| b.is_none()) {
        return Ok((*item).clone());
    }
    let from: Vec<&Val> = items.iter().map(|(_, v)| *v).collect();
    let from = if from.len() == 1 { from } else { vec![list] };
    Ok(Val::computed(Value::Bool(!decisive), &from, at))
}

pub(super) fn alltrue(args: Vec<Val>, at: &Location) -> Res {
    all_or_any(args, at, false)
}

pub(super) fn anytrue(args: Vec<Val>, at: &Location) -> Res {
    all_or_any(args, at, true)
}

#[cfg(test)]
mod tests {
    use crate::functions::testing::check;

    #[test]
    fn selection_and_collections() {
        check(&[
            (r#"coalesce(null, "", "b")"#, r#""b""#),
            (r#"coalesce(1, "a")"#, r#""1""#),
            (r#"coalesce("", 1)"#, r#""1""#),
            (r#"coalesce([], ["a"])"#, "[]"),
            (
                r#"coalesce(null, null)"#,
                "error: no non-null, non-empty-string arguments",
            ),
            (
                r#"coalesce("", "")"#,
                "error: no non-null, non-empty-string arguments",
            ),
            (
                r#"coalesce()"#,
                "error: all arguments must have the same type",
            ),
            (
                r#"coalesce(true, 1)"#,
                "error: all arguments must have the same type",
            ),
            (r#"coalesce(null, unknown(), "x")"#, "?"),
            (r#"coalesce("a", unknown())"#, r#""a""#),
            (r#"coalesce("", unknown())"#, "?"),
            (r#"coalescelist([], ["a"], ["b"])"#, r#"["a"]"#),
            (r#"coalescelist([], [unknown()], ["x"])"#, "[?]"),
            (r#"coalescelist([], [])"#, "error: no non-null arguments"),
            (
                r#"coalescelist("a")"#,
                "error: coalescelist arguments must be lists or tuples",
            ),
            (
                r#"coalescelist(null, ["a"])"#,
                "error: coalescelist arguments must be lists or tuples",
            ),
            (r#"concat(["a"], [1], [])"#, r#"["a",1]"#),
            (r#"concat([1], [[2]])"#, "[1,[2]]"),
            (r#"concat(["a", unknown()], ["b"])"#, r#"["a",?,"b"]"#),
            (r#"concat()"#, "error: at least one argument is required"),
            (
                r#"concat("a")"#,
                "error: all arguments must be lists or tuples; got string",
            ),
            (r#"concat(["a"], null)"#, "error: must not be null"),
            (r#"contains(["a", "b"], "a")"#, "true"),
            (r#"contains(["1", "b"], 1)"#, "false"),
            (r#"contains([1, 2], "1")"#, "false"),
            (r#"contains([[1]], [1])"#, "true"),
            (r#"contains(["a", unknown()], "a")"#, "true"),
            (r#"contains(["a", unknown()], "b")"#, "?"),
            (r#"contains(["a"], unknown())"#, "?"),
            (
                r#"contains({a = 1}, "a")"#,
                "error: argument must be list, tuple, or set",
            ),
            (r#"contains([], null)"#, "error: must not be null"),
            (r#"distinct(["a", "b", "a", 1, "1"])"#, r#"["a","b","1"]"#),
            (r#"distinct([[1], [1], [2]])"#, "[[1],[2]]"),
            (r#"distinct([{a = 1}, {a = "1"}])"#, r#"[{"a":"1"}]"#),
            (r#"distinct(["b", unknown()])"#, "?"),
            (r#"compact(["a", "", null, "b"])"#, r#"["a","b"]"#),
            (r#"compact([1, ""])"#, r#"["1"]"#),
            (r#"compact([])"#, "[]"),
            (r#"compact(["b", unknown()])"#, "?"),
            (r#"element(["a", "b", "c"], 4)"#, r#""b""#),
            (r#"element(["a", "b", "c"], 3)"#, r#""a""#),
            (r#"element(["a", 1], 1)"#, "1"),
            (r#"element(["a", "b"], "1")"#, r#""b""#),
            (r#"element(["a"], -1)"#, r#""a""#),
            (r#"element(["a", unknown()], 0)"#, r#""a""#),
            (r#"element(["a"], unknown())"#, "?"),
            (r#"element(["a", "b", "c"], -1)"#, "error: negative index"),
            (
                r#"element([], 0)"#,
                "error: cannot use element function with an empty list",
            ),
            (
                r#"element(["a", "b"], 1.5)"#,
                "error: invalid index: value must be a whole number",
            ),
            (
                r#"element("abc", 1)"#,
                "error: cannot read elements from string",
            ),
            (
                r#"element({a = 1}, 0)"#,
                "error: cannot read elements from object",
            ),
            (r#"flatten([[1, [2, [3]]], [], 4, [[[]]]])"#, "[1,2,3,4]"),
            (
                r#"flatten([["a"], "b", [["c", null]]])"#,
                r#"["a","b","c",null]"#,
            ),
            (r#"flatten([{a = 1}])"#, r#"[{"a":1}]"#),
            (r#"flatten(["a", [unknown()]])"#, "?"),
            (
                r#"flatten("a")"#,
                "error: can only flatten lists, sets and tuples",
            ),
            (
                r#"flatten({a = [1]})"#,
                "error: can only flatten lists, sets and tuples",
            ),
            (r#"index(["a", 1], 1)"#, "1"),
            (r#"index(["a", unknown(), "c"], "a")"#, "0"),
            (r#"index(["a", unknown(), "c"], "c")"#, "?"),
            (r#"index(["a", 1], "1")"#, "error: item not found"),
            (
                r#"index({a = 1}, 1)"#,
                "error: argument must be a list or tuple",
            ),
            (r#"keys({b = 1, a = 2})"#, r#"["a","b"]"#),
            (r#"keys({a = 1, b = unknown()})"#, r#"["a","b"]"#),
            (r#"keys({})"#, "[]"),
            (r#"keys(["a"])"#, "error: must have map or object type"),
            (r#"values({b = 1, a = 2})"#, "[2,1]"),
            (r#"values({a = 1, b = unknown()})"#, "[1,?]"),
            (r#"lookup({a = "x", b = unknown()}, "a")"#, r#""x""#),
            (r#"lookup({a = "x"}, "c", "d")"#, r#""d""#),
            (r#"lookup({a = 1, b = "x"}, "a")"#, "1"),
            (r#"lookup({a = "x"}, "b", 1)"#, "1"),
            (r#"lookup({a = "x"}, "b", null)"#, "null"),
            (r#"lookup({a = unknown()}, "b", "d")"#, r#""d""#),
            (r#"lookup({a = 1}, 1, "d")"#, r#""d""#),
            (r#"lookup({a = {b = 1}}, "a")"#, r#"{"b":1}"#),
            (r#"lookup({a = "x"}, unknown(), "d")"#, "?"),
            (r#"lookup({a = "x"}, "a", unknown())"#, r#""x""#),
            (
                r#"lookup({a = "x"}, "c")"#,
                "error: the given object has no attribute \"c\"",
            ),
            (
                r#"lookup(["a"], "0")"#,
                "error: lookup() requires a map as the first argument",
            ),
            (r#"lookup({a = 1})"#, "error: not enough function arguments"),
            (
                r#"merge({a = 1, b = 2}, {b = 3}, null, {c = unknown()})"#,
                r#"{"a":1,"b":3,"c":?}"#,
            ),
            (r#"merge({a = 1}, {a = "x"})"#, r#"{"a":"x"}"#),
            (r#"merge({a = 1}, {b = {c = 1}})"#, r#"{"a":1,"b":{"c":1}}"#),
            (r#"merge()"#, "{}"),
            (
                r#"merge({a = 1}, "x")"#,
                "error: arguments must be maps or objects, got \"string\"",
            ),
            (r#"one([])"#, "null"),
            (r#"one(["a"])"#, r#""a""#),
            (r#"one([unknown()])"#, "?"),
            (
                r#"one(["a", "b"])"#,
                "error: must be a list, set, or tuple value with either zero or one elements",
            ),
            (r#"one(null)"#, "error: must not be null"),
            (r#"reverse(["a", 1, true])"#, r#"[true,1,"a"]"#),
            (
                r#"reverse("abc")"#,
                "error: can only reverse list or tuple values, not string",
            ),
            (r#"slice(["a", 1, true], 0, 2)"#, r#"["a",1]"#),
            (r#"slice(["a", "b", "c"], 1, 1)"#, "[]"),
            (r#"slice(["a", unknown(), "c"], 0, 1)"#, r#"["a"]"#),
            (
                r#"slice(["a", "b", "c"], 2, 1)"#,
                "error: start index must not be greater than end index",
            ),
            (
                r#"slice(["a", "b", "c"], 0, 4)"#,
                "error: end index must not be greater than the length of the list",
            ),
            (
                r#"slice(["a", "b", "c"], -1, 2)"#,
                "error: start index must not be less than zero",
            ),
            (r#"sort(["b", "a", "10", "9"])"#, r#"["10","9","a","b"]"#),
            (r#"sort([3, 1, 20])"#, r#"["1","20","3"]"#),
            (r#"sort([1.5, 10])"#, r#"["1.5","10"]"#),
            (r#"sort(["é", "z", "Z", "a"])"#, r#"["Z","a","z","é"]"#),
            (r#"sort([])"#, "[]"),
            (r#"sort(["b", unknown()])"#, "?"),
            (
                r#"sort(["a", null])"#,
                "error: given list element 1 is null; a null string cannot be sorted",
            ),
            (r#"zipmap(["a", "b"], [1, 2])"#, r#"{"a":1,"b":2}"#),
            (r#"zipmap(["a", "a"], [1, 2])"#, r#"{"a":2}"#),
            (r#"zipmap([1, 2], ["x", "y"])"#, r#"{"1":"x","2":"y"}"#),
            (r#"zipmap(["a", "b"], [1, "x"])"#, r#"{"a":1,"b":"x"}"#),
            (r#"zipmap(["a", "b"], [1, unknown()])"#, r#"{"a":1,"b":?}"#),
            (r#"zipmap(["a", unknown()], [1, 2])"#, "?"),
            (
                r#"zipmap(["a", "b"], [1])"#,
                "error: number of keys (2) does not match number of values (1)",
            ),
            (r#"chunklist(["a", "b", "c"], 2)"#, r#"[["a","b"],["c"]]"#),
            (r#"chunklist(["a", "b"], 0)"#, r#"[["a","b"]]"#),
            (r#"chunklist([], 2)"#, "[]"),
            (r#"chunklist([], 0)"#, "[]"),
            (r#"chunklist(["a"], -1)"#, "error: "),
            (r#"setunion(["b", "a"], ["c", "a"])"#, r#"["a","b","c"]"#),
            (r#"setunion([1], ["a"])"#, r#"["1","a"]"#),
            (r#"setunion([])"#, "[]"),
            (r#"setunion(["a"], [unknown()])"#, "?"),
            (
                r#"setintersection(["a", "b", "c"], ["b", "c", "d"], ["c"])"#,
                r#"["c"]"#,
            ),
            (r#"setintersection(["a"], [])"#, "[]"),
            (r#"setsubtract(["a", "b"], ["b"])"#, r#"["a"]"#),
            (
                r#"setproduct(["a", "b"], [1, 2])"#,
                r#"[["a",1],["a",2],["b",1],["b",2]]"#,
            ),
            (
                r#"setproduct(["a"])"#,
                "error: at least two arguments are required",
            ),
        ]);
    }
}
