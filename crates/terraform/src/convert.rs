//! Terraform's type conversions and unification, in one place, as cty's `convert` package is
//! one for Terraform: how a primitive becomes another (string to number is strict: `" 5"` is
//! no number), what type values of different types share, and how a set orders and
//! deduplicates its elements. The evaluator, the functions and the variable type constraints
//! all convert through here, so that they agree with each other as they agree with Terraform.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use vigil_model::limits::VALUE_DEPTH;
use vigil_model::{Val, Value};

use crate::functions::go_quote;

/// A value's type name as Terraform's messages give it: a sequence vigil holds is a tuple
/// until a conversion says otherwise.
pub(crate) fn type_name(v: &Val) -> &'static str {
    match v.value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::List(_) => "tuple",
        Value::Object(_) => "object",
        Value::Unknown(_) => "unknown",
    }
}

/// A number as Terraform writes it in a string: no exponent, no trailing fraction zeros.
pub(crate) fn num_to_string(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "+Inf" } else { "-Inf" }.into()
    } else {
        // Rust prints the shortest digits that read back as `n`, without an exponent, which is
        // what Terraform prints for the numbers people write.
        format!("{n}")
    }
}

/// Terraform's conversion of a primitive to a string.
pub(crate) fn prim_string(v: &Val) -> Option<String> {
    match &v.value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(num_to_string(*n)),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Terraform's reading of a string as a number: decimal only, no spaces.
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body == "Inf" || body == "inf" {
        return Some(if s.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).count();
    let dots = mantissa.bytes().filter(|&b| b == b'.').count();
    if digits == 0 || digits + dots != mantissa.len() || dots > 1 {
        return None;
    }
    if let Some(e) = exponent {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        if e.is_empty() || !e.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let n: f64 = s.parse().ok()?;
    // Terraform's wider numbers hold what an f64 cannot; refusing beats a wrong infinity.
    n.is_finite().then_some(n)
}

/// Terraform's conversion to a number, with its message when there is none.
pub(crate) fn number_of(v: &Val) -> Result<f64, String> {
    match &v.value {
        Value::Number(n) => Ok(*n),
        Value::String(s) => parse_number(s).ok_or_else(|| {
            format!(
                "cannot convert {} to number; given string must be a decimal representation \
                 of a number",
                go_quote(s)
            )
        }),
        Value::Null => Err("argument must not be null".into()),
        _ => Err(format!("cannot convert {} to number", type_name(v))),
    }
}

/// Terraform's conversion to a bool, with its message when there is none.
pub(crate) fn bool_of(v: &Val) -> Result<bool, String> {
    match &v.value {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s == "true" || s == "1" => Ok(true),
        Value::String(s) if s == "false" || s == "0" => Ok(false),
        Value::String(s) => Err(format!(
            "cannot convert {} to bool; only the strings \"true\" or \"false\" are allowed",
            go_quote(s)
        )),
        Value::Null => Err("argument must not be null".into()),
        _ => Err(format!("cannot convert {} to bool", type_name(v))),
    }
}

/// A canonical text for a wholly known value, so that equal values (ignoring origins) have
/// equal keys; `None` when it holds an unknown or is too deep.
pub(crate) fn canon(v: &Val) -> Option<String> {
    fn go(v: &Val, out: &mut String, depth: usize) -> Option<()> {
        if depth > VALUE_DEPTH {
            return None;
        }
        match &v.value {
            Value::Null => out.push('z'),
            Value::Bool(b) => out.push(if *b { 'T' } else { 'F' }),
            // -0 and 0 are the same number.
            Value::Number(n) => {
                let _ = write!(out, "n{};", if *n == 0.0 { 0.0 } else { *n });
            }
            Value::String(s) => {
                let _ = write!(out, "s{}:{s}", s.len());
            }
            Value::List(items) => {
                out.push('[');
                for i in items {
                    go(i, out, depth + 1)?;
                }
                out.push(']');
            }
            Value::Object(map) => {
                out.push('{');
                for (k, i) in map {
                    let _ = write!(out, "{}:{k}", k.len());
                    go(i, out, depth + 1)?;
                }
                out.push('}');
            }
            Value::Unknown(_) => return None,
        }
        Some(())
    }
    let mut out = String::new();
    go(v, &mut out, 0).map(|_| out)
}

/// Terraform's equality of two known values: same type and same content.
pub(crate) fn same(a: &Val, b: &Val) -> bool {
    match (canon(a), canon(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// A Terraform (cty) type. vigil's values hold lists, tuples and sets alike as sequences, and
/// maps and objects alike as objects: the type says which one a value is, where the evaluator
/// can tell (`Evaluator::type_of`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    /// cty's dynamic pseudo-type: an untyped `null`, or a part not known.
    Dynamic,
    Bool,
    Number,
    String,
    List(Box<Ty>),
    Set(Box<Ty>),
    Map(Box<Ty>),
    Tuple(Vec<Ty>),
    Object(BTreeMap<String, Ty>),
}

impl Ty {
    /// Whether no part of the type is left dynamic.
    pub fn is_exact(&self) -> bool {
        match self {
            Ty::Dynamic => false,
            Ty::Bool | Ty::Number | Ty::String => true,
            Ty::List(t) | Ty::Set(t) | Ty::Map(t) => t.is_exact(),
            Ty::Tuple(ts) => ts.iter().all(Ty::is_exact),
            Ty::Object(attrs) => attrs.values().all(Ty::is_exact),
        }
    }

    /// The type of a sequence's or mapping's elements: one for a collection, one per position
    /// or attribute for a tuple or object.
    pub fn element(&self, key: Option<&str>, index: Option<usize>) -> Option<Ty> {
        match self {
            Ty::List(t) | Ty::Set(t) | Ty::Map(t) => Some((**t).clone()),
            Ty::Tuple(ts) => ts.get(index?).cloned(),
            Ty::Object(attrs) => attrs.get(key?).cloned(),
            _ => None,
        }
    }
}

/// The type a value written as a literal has: sequences are tuples, mappings objects, and a
/// null (or an unknown) is of no type yet.
pub(crate) fn implied(v: &Val) -> Ty {
    implied_at(v, 0)
}

fn implied_at(v: &Val, depth: usize) -> Ty {
    if depth > VALUE_DEPTH {
        return Ty::Dynamic;
    }
    match &v.value {
        Value::Null | Value::Unknown(_) => Ty::Dynamic,
        Value::Bool(_) => Ty::Bool,
        Value::Number(_) => Ty::Number,
        Value::String(_) => Ty::String,
        Value::List(items) => Ty::Tuple(items.iter().map(|i| implied_at(i, depth + 1)).collect()),
        Value::Object(map) => Ty::Object(
            map.iter()
                .map(|(k, i)| (k.clone(), implied_at(i, depth + 1)))
                .collect(),
        ),
    }
}

/// The one type values of `types` convert to, as cty's `unify` finds it: dynamic parts take
/// the others' type, strings win over numbers and bools, tuples and lists unify as lists,
/// objects and maps as maps, tuples of one length and objects of one set of attributes
/// position by position. `None` when there is none.
pub(crate) fn unify_types(types: &[Ty]) -> Option<Ty> {
    unify_types_at(types, 0)
}

fn unify_types_at(types: &[Ty], depth: usize) -> Option<Ty> {
    if depth > VALUE_DEPTH {
        return None;
    }
    let known: Vec<&Ty> = types.iter().filter(|t| **t != Ty::Dynamic).collect();
    let Some(first) = known.first() else {
        return (!types.is_empty()).then_some(Ty::Dynamic);
    };
    if known.iter().all(|t| t == first) {
        return Some((*first).clone());
    }
    let count = |pred: fn(&Ty) -> bool| known.iter().filter(|t| pred(t)).count();
    let n = known.len();
    let lists = count(|t| matches!(t, Ty::List(_)));
    let sets = count(|t| matches!(t, Ty::Set(_)));
    let maps = count(|t| matches!(t, Ty::Map(_)));
    let tuples = count(|t| matches!(t, Ty::Tuple(_)));
    let objects = count(|t| matches!(t, Ty::Object(_)));
    let primitives = count(|t| matches!(t, Ty::Bool | Ty::Number | Ty::String));
    let elements = |only: fn(&Ty) -> bool| -> Vec<Ty> {
        known
            .iter()
            .filter(|t| only(t))
            .flat_map(|t| match t {
                Ty::List(e) | Ty::Set(e) | Ty::Map(e) => vec![(**e).clone()],
                Ty::Tuple(ts) => ts.clone(),
                Ty::Object(attrs) => attrs.values().cloned().collect(),
                _ => Vec::new(),
            })
            .collect()
    };
    let all = |_: &Ty| true;
    if primitives == n {
        return (count(|t| *t == Ty::String) > 0).then_some(Ty::String);
    }
    if lists + tuples == n {
        if tuples == n {
            let len = match first {
                Ty::Tuple(ts) => ts.len(),
                _ => 0,
            };
            if known
                .iter()
                .all(|t| matches!(t, Ty::Tuple(ts) if ts.len() == len))
            {
                let mut out = Vec::with_capacity(len);
                for p in 0..len {
                    let column: Vec<Ty> = known
                        .iter()
                        .filter_map(|t| t.element(None, Some(p)))
                        .collect();
                    out.push(unify_types_at(&column, depth + 1)?);
                }
                return Some(Ty::Tuple(out));
            }
        }
        return Some(Ty::List(Box::new(unify_element(&elements(all), depth)?)));
    }
    if sets == n {
        return Some(Ty::Set(Box::new(unify_element(&elements(all), depth)?)));
    }
    // A list and a set make the list's type; a tuple and a set the set's (the tuple loses its
    // order and duplicates).
    if lists + sets == n {
        let lists_only = |t: &Ty| matches!(t, Ty::List(_));
        return Some(Ty::List(Box::new(unify_element(
            &elements(lists_only),
            depth,
        )?)));
    }
    if tuples + sets == n {
        let sets_only = |t: &Ty| matches!(t, Ty::Set(_));
        return Some(Ty::Set(Box::new(unify_element(
            &elements(sets_only),
            depth,
        )?)));
    }
    if maps + objects == n {
        if objects == n {
            let keys = match first {
                Ty::Object(attrs) => attrs.keys().collect::<Vec<_>>(),
                _ => Vec::new(),
            };
            if known
                .iter()
                .all(|t| matches!(t, Ty::Object(a) if a.keys().eq(keys.iter().copied())))
            {
                let mut out = BTreeMap::new();
                for k in keys {
                    let column: Vec<Ty> = known
                        .iter()
                        .filter_map(|t| t.element(Some(k), None))
                        .collect();
                    out.insert(k.clone(), unify_types_at(&column, depth + 1)?);
                }
                return Some(Ty::Object(out));
            }
        }
        return Some(Ty::Map(Box::new(unify_element(&elements(all), depth)?)));
    }
    None
}

/// A collection's element type from its members' types; an empty collection's is dynamic.
fn unify_element(types: &[Ty], depth: usize) -> Option<Ty> {
    if types.is_empty() {
        return Some(Ty::Dynamic);
    }
    unify_types_at(types, depth + 1)
}

/// Converts values to the one type Terraform gives them all when a tuple becomes a list or
/// set (or an object a map): strings win over numbers and bools, nested tuples and objects
/// unify element-wise. `None` when they have no common type ("cannot convert tuple to list
/// of any single type").
pub(crate) fn unify(items: Vec<Val>) -> Option<Vec<Val>> {
    unify_at(items, 0)
}

fn unify_at(items: Vec<Val>, depth: usize) -> Option<Vec<Val>> {
    if depth > VALUE_DEPTH {
        return None;
    }
    let known: Vec<&Val> = items
        .iter()
        .filter(|v| !matches!(v.value, Value::Null | Value::Unknown(_)))
        .collect();
    let first = match known.first() {
        Some(v) => implied_at(v, depth),
        None => return Some(items),
    };
    if known.iter().skip(1).all(|v| implied_at(v, depth) == first) {
        return Some(items);
    }
    let has = |pred: fn(&Value) -> bool| known.iter().any(|v| pred(&v.value));
    let strings = has(|v| matches!(v, Value::String(_)));
    let numbers = has(|v| matches!(v, Value::Number(_)));
    let bools = has(|v| matches!(v, Value::Bool(_)));
    let lists = has(|v| matches!(v, Value::List(_)));
    let objects = has(|v| matches!(v, Value::Object(_)));
    let primitives = strings || numbers || bools;
    if (lists || objects) && primitives || lists && objects {
        return None;
    }
    if lists {
        // Tuples of one length unify position by position, as cty unifies tuple types.
        let lengths: Vec<usize> = known
            .iter()
            .filter_map(|v| match &v.value {
                Value::List(xs) => Some(xs.len()),
                _ => None,
            })
            .collect();
        if lengths.windows(2).all(|w| w[0] == w[1]) {
            let mut items = items;
            for position in 0..lengths[0] {
                let taken: Vec<Val> = items
                    .iter()
                    .filter_map(|v| match &v.value {
                        Value::List(xs) => xs.get(position).cloned(),
                        _ => None,
                    })
                    .collect();
                let mut unified = unify_at(taken, depth + 1)?.into_iter();
                for v in &mut items {
                    if let Value::List(xs) = &mut v.value {
                        if let (Some(slot), Some(x)) = (xs.get_mut(position), unified.next()) {
                            *slot = x;
                        }
                    }
                }
            }
            return Some(items);
        }
        // Tuples of different shapes become lists of one element type.
        let mut inner = Vec::new();
        for v in &items {
            if let Value::List(xs) = &v.value {
                inner.extend(xs.iter().cloned());
            }
        }
        let mut inner = unify_at(inner, depth + 1)?.into_iter();
        return Some(
            items
                .into_iter()
                .map(|v| match v.value {
                    Value::List(xs) => {
                        let n = xs.len();
                        Val {
                            value: Value::List(inner.by_ref().take(n).collect()),
                            origin: v.origin,
                            trace: v.trace,
                        }
                    }
                    _ => v,
                })
                .collect(),
        );
    }
    if objects {
        let key_sets: Vec<Vec<&String>> = known
            .iter()
            .filter_map(|v| match &v.value {
                Value::Object(m) => Some(m.keys().collect()),
                _ => None,
            })
            .collect();
        let same_keys = key_sets.windows(2).all(|w| w[0] == w[1]);
        // Objects with the same attributes unify attribute by attribute; others become maps,
        // whose values all share one type.
        let groups: Vec<Vec<String>> = if same_keys {
            key_sets[0].iter().map(|k| vec![(*k).clone()]).collect()
        } else {
            let mut all: Vec<String> = key_sets.iter().flatten().map(|k| (*k).clone()).collect();
            all.sort();
            all.dedup();
            vec![all]
        };
        let mut items = items;
        for group in groups {
            let mut taken = Vec::new();
            for v in &items {
                if let Value::Object(m) = &v.value {
                    for k in &group {
                        if let Some(x) = m.get(k) {
                            taken.push(x.clone());
                        }
                    }
                }
            }
            let mut unified = unify_at(taken, depth + 1)?.into_iter();
            for v in &mut items {
                if let Value::Object(m) = &mut v.value {
                    for k in &group {
                        if let Some(slot) = m.get_mut(k) {
                            if let Some(x) = unified.next() {
                                *slot = x;
                            }
                        }
                    }
                }
            }
        }
        return Some(items);
    }
    if strings {
        return Some(
            items
                .into_iter()
                .map(|v| match &v.value {
                    Value::Number(_) | Value::Bool(_) => {
                        let s = prim_string(&v).unwrap_or_default();
                        v.converted(Value::String(s))
                    }
                    _ => v,
                })
                .collect(),
        );
    }
    // Numbers and bools have no common type.
    None
}

/// Orders a set's elements as Terraform does: false before true, numbers and strings
/// ascending, nulls last, other values in the order they came.
pub(crate) fn set_order(a: &Val, b: &Val) -> std::cmp::Ordering {
    fn rank(v: &Value) -> u8 {
        match v {
            Value::Bool(_) => 0,
            Value::Number(_) => 1,
            Value::String(_) => 2,
            Value::List(_) | Value::Object(_) => 3,
            Value::Unknown(_) => 4,
            Value::Null => 5,
        }
    }
    match (&a.value, &b.value) {
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Number(x), Value::Number(y)) => x.total_cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (x, y) => rank(x).cmp(&rank(y)),
    }
}

/// The elements of a set built from `items`: unified, without duplicates, in set order.
pub(crate) fn make_set(items: Vec<Val>) -> Option<Vec<Val>> {
    let items = unify(items)?;
    // cty orders elements without an order of their own (objects, tuples) by the bytes of
    // its text of each (`makeSetHashBytes`); primitives sort by value.
    let texts = set_texts(&items.iter().collect::<Vec<_>>(), 0);
    // cty compares only elements whose texts are equal: 0 and -0 (texts "0" and "-0") are
    // both kept, although equal.
    let mut seen = HashSet::new();
    let mut keyed: Vec<(String, Val)> = texts
        .into_iter()
        .zip(items)
        .filter(|(text, v)| match canon(v) {
            Some(key) => seen.insert((text.clone(), key)),
            None => true,
        })
        .collect();
    keyed.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut items: Vec<Val> = keyed.into_iter().map(|(_, v)| v).collect();
    items.sort_by(set_order);
    Some(items)
}

/// Where a value sits inside a tuple or an object.
enum Slot<'k> {
    Index(usize),
    Key(&'k str),
}

/// The elements of `items`' lists (`lists`) or objects whose texts are computed together, each
/// with the index of the item it is in: one group per slot (the positions of tuples of one
/// length, the keys of objects with the same attributes), else one group of them all (a list,
/// a map).
fn sibling_groups<'v>(
    items: &[&'v Val],
    slots: Option<Vec<Slot<'_>>>,
    lists: bool,
) -> Vec<Vec<(usize, &'v Val)>> {
    let at = |v: &'v Val, slot: &Slot| -> Option<&'v Val> {
        match (&v.value, slot) {
            (Value::List(xs), Slot::Index(p)) if lists => xs.get(*p),
            (Value::Object(m), Slot::Key(k)) if !lists => m.get(*k),
            _ => None,
        }
    };
    let children = |v: &'v Val| -> Vec<&'v Val> {
        match &v.value {
            Value::List(xs) if lists => xs.iter().collect(),
            Value::Object(m) if !lists => m.values().collect(),
            _ => Vec::new(),
        }
    };
    match slots {
        Some(slots) => slots
            .iter()
            .map(|slot| {
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| at(v, slot).map(|x| (i, x)))
                    .collect()
            })
            .collect(),
        None => vec![items
            .iter()
            .enumerate()
            .flat_map(|(i, v)| children(v).into_iter().map(move |x| (i, x)))
            .collect()],
    }
}

/// cty's text of each of `items` (`appendSetHashBytes`), which are of one type: vigil's
/// values do not say whether a sequence is a list or a tuple, or an object a map, so the kind
/// is the one unifying them makes (tuples of one length stay tuples, others become lists;
/// objects with the same attributes stay objects, others become maps).
fn set_texts(items: &[&Val], depth: usize) -> Vec<String> {
    if depth > VALUE_DEPTH {
        return vec![String::new(); items.len()];
    }
    let lists: Vec<&[Val]> = items
        .iter()
        .filter_map(|v| match &v.value {
            Value::List(xs) => Some(xs.as_slice()),
            _ => None,
        })
        .collect();
    let objects: Vec<&BTreeMap<String, Val>> = items
        .iter()
        .filter_map(|v| match &v.value {
            Value::Object(m) => Some(m),
            _ => None,
        })
        .collect();
    let tuple = lists.windows(2).all(|w| w[0].len() == w[1].len());
    let object = objects.windows(2).all(|w| w[0].keys().eq(w[1].keys()));
    // The texts of the values inside, computed with their siblings across all items.
    let mut inner: Vec<std::collections::VecDeque<String>> = vec![Default::default(); items.len()];
    let mut fill = |groups: Vec<Vec<(usize, &Val)>>| {
        for group in groups {
            let vals: Vec<&Val> = group.iter().map(|(_, v)| *v).collect();
            for ((owner, _), text) in group.iter().zip(set_texts(&vals, depth + 1)) {
                inner[*owner].push_back(text);
            }
        }
    };
    if !lists.is_empty() {
        let width = lists.iter().map(|l| l.len()).max().unwrap_or(0);
        let slots = tuple.then(|| (0..width).map(Slot::Index).collect());
        fill(sibling_groups(items, slots, true));
    } else if !objects.is_empty() {
        let slots = object.then(|| objects[0].keys().map(|k| Slot::Key(k)).collect());
        fill(sibling_groups(items, slots, false));
    }
    items
        .iter()
        .zip(inner)
        .map(|(v, mut parts)| match &v.value {
            Value::Unknown(_) => "?".to_string(),
            Value::Null => "~".to_string(),
            Value::Bool(b) => if *b { "T" } else { "F" }.to_string(),
            Value::Number(n) => go_float_g10(*n),
            Value::String(s) => go_quote(s),
            Value::List(xs) => {
                let (open, close) = if tuple { ('<', '>') } else { ('[', ']') };
                let mut out = String::from(open);
                for _ in xs {
                    out.push_str(&parts.pop_front().unwrap_or_default());
                    out.push(';');
                }
                out.push(close);
                out
            }
            Value::Object(m) => {
                let mut out = String::from(if object { '<' } else { '{' });
                for k in m.keys() {
                    if !object {
                        out.push_str(&go_quote(k));
                        out.push(':');
                    }
                    out.push_str(&parts.pop_front().unwrap_or_default());
                    out.push(';');
                }
                out.push(if object { '>' } else { '}' });
                out
            }
        })
        .collect()
}

/// Go's `big.Float.String()`: `%g` with 10 significant digits.
pub(crate) fn go_float_g10(x: f64) -> String {
    if x == 0.0 {
        return if x.is_sign_negative() { "-0" } else { "0" }.into();
    }
    if !x.is_finite() {
        return num_to_string(x);
    }
    let sci = format!("{x:.9e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if !(-4..10).contains(&exp) {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    } else if exp < 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat((-exp - 1) as usize));
        out.push_str(digits);
    } else {
        let int_len = exp as usize + 1;
        if digits.len() <= int_len {
            out.push_str(digits);
            out.push_str(&"0".repeat(int_len - digits.len()));
        } else {
            out.push_str(&digits[..int_len]);
            out.push('.');
            out.push_str(&digits[int_len..]);
        }
    }
    out
}

/// `v` converted to `ty`, as cty converts a value to a known type: primitives as Terraform
/// converts them, sequences and mappings element by element, a set deduplicated and in set
/// order. Nulls and unknowns stay as they are (a null of any type is null). `None` when the
/// value does not convert.
pub(crate) fn convert(v: Val, ty: &Ty) -> Option<Val> {
    convert_at(v, ty, 0)
}

fn convert_at(v: Val, ty: &Ty, depth: usize) -> Option<Val> {
    if depth > VALUE_DEPTH {
        return None;
    }
    if matches!(v.value, Value::Null | Value::Unknown(_)) || *ty == Ty::Dynamic {
        return Some(v);
    }
    let value = match (ty, &v.value) {
        (Ty::String, _) => Value::String(prim_string(&v)?),
        (Ty::Number, _) => Value::Number(number_of(&v).ok()?),
        (Ty::Bool, _) => Value::Bool(bool_of(&v).ok()?),
        (Ty::List(t) | Ty::Set(t), Value::List(items)) => {
            let items = items
                .iter()
                .map(|i| convert_at(i.clone(), t, depth + 1))
                .collect::<Option<Vec<_>>>()?;
            // Elements left dynamic still share one type among themselves.
            let items = if t.is_exact() { items } else { unify(items)? };
            if matches!(ty, Ty::Set(_)) {
                Value::List(make_set(items)?)
            } else {
                Value::List(items)
            }
        }
        (Ty::Tuple(ts), Value::List(items)) if ts.len() == items.len() => Value::List(
            items
                .iter()
                .zip(ts)
                .map(|(i, t)| convert_at(i.clone(), t, depth + 1))
                .collect::<Option<Vec<_>>>()?,
        ),
        (Ty::Map(t), Value::Object(map)) => {
            let (keys, items): (Vec<String>, Vec<Val>) = map
                .iter()
                .map(|(k, i)| Some((k.clone(), convert_at(i.clone(), t, depth + 1)?)))
                .collect::<Option<Vec<_>>>()?
                .into_iter()
                .unzip();
            let items = if t.is_exact() { items } else { unify(items)? };
            Value::Object(keys.into_iter().zip(items).collect())
        }
        (Ty::Object(attrs), Value::Object(map)) if attrs.keys().eq(map.keys()) => Value::Object(
            map.iter()
                .zip(attrs.values())
                .map(|((k, i), t)| Some((k.clone(), convert_at(i.clone(), t, depth + 1)?)))
                .collect::<Option<BTreeMap<_, _>>>()?,
        ),
        _ => return None,
    };
    Some(v.converted(value))
}
