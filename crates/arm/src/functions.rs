//! ARM template functions, over values with origins.
//!
//! Each function follows what Azure Resource Manager does at deployment (the template function
//! reference on learn.microsoft.com), including its case rules: string comparisons are exact
//! (`equals`, `contains`, `replace`, `union` of arrays) except where the reference says
//! otherwise (`startsWith`, `endsWith`, `indexOf` and `lastIndexOf` ignore case), and object
//! property names never depend on case (`contains` on an object, `createObject`, `union`,
//! property access). Strings are measured in UTF-16 code units, as .NET measures them.
//!
//! Two rules keep findings pointing at the line a person edits:
//!
//! - a function that *selects* one of its inputs (`coalesce`, `first`, `tryGet`, the members
//!   of `createObject`, `createArray` and `union`, property access) returns that input itself,
//!   origin and trace intact;
//! - a function that *computes* a new value keeps the origin and trace of the one input its
//!   text comes from (`toLower(parameters('x'))` is still where the parameter's value was
//!   written), or takes the call's location when several inputs contribute.
//!
//! A value that is not known before deployment propagates as an unknown; when the unknown is
//! one of known candidates (a condition on a parameter with no value), a function that would
//! return an unknown is run on each candidate instead, so that the result is a choice among
//! known values again.
//!
//! `if`, `and` and `or` evaluate lazily and lambdas need an environment: the evaluator in
//! [`crate::expr`] drives them, with the helpers here ([`condition`], [`unknown_choice`]).

use crate::lazy::{self, Args};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use vigil_model::budget;
use vigil_model::{Location, Val, Value};

/// The deepest nesting a function walks into; deeper values are an error rather than a stack
/// overflow.
pub const MAX_DEPTH: usize = 128;
/// ARM's own limit on `range()`'s count.
const RANGE_COUNT: i64 = 10_000;
/// Candidate combinations tried for one call; past it the result is a plain unknown.
const MAX_COMBINATIONS: usize = 16;

type Res = Result<Val, String>;
type Impl = fn(&[Val], &Location) -> Res;
type LazyImpl = fn(&dyn Args) -> Res;

/// How a function takes its arguments.
#[derive(Clone, Copy)]
enum Run {
    /// Evaluated, all of them, before the call.
    Value(Impl),
    /// Unevaluated: the function evaluates an argument only when its result depends on it.
    Lazy(LazyImpl),
    /// An array (or object) and lambdas applied to its elements.
    Lambda(LazyImpl),
}

struct Spec {
    /// The name as the function reference spells it, for messages.
    name: &'static str,
    min: usize,
    /// `None` when any number of arguments may follow.
    max: Option<usize>,
    run: Run,
}

const fn spec(name: &'static str, min: usize, max: Option<usize>, run: Impl) -> Spec {
    Spec {
        name,
        min,
        max,
        run: Run::Value(run),
    }
}

const fn lazy_spec(name: &'static str, min: usize, max: Option<usize>, run: LazyImpl) -> Spec {
    Spec {
        name,
        min,
        max,
        run: Run::Lazy(run),
    }
}

const fn lambda_spec(name: &'static str, min: usize, max: Option<usize>, run: LazyImpl) -> Spec {
    Spec {
        name,
        min,
        max,
        run: Run::Lambda(run),
    }
}

/// Every function evaluated here, sorted by lower-case name.
const FUNCTIONS: &[Spec] = &[
    spec("add", 2, Some(2), add),
    lazy_spec("and", 2, None, lazy::and),
    spec("array", 1, Some(1), array),
    spec("base64", 1, Some(1), base64),
    spec("base64ToJson", 1, Some(1), base64_to_json),
    spec("base64ToString", 1, Some(1), base64_to_string),
    spec("bool", 1, Some(1), to_bool),
    lazy_spec("coalesce", 1, None, lazy::coalesce),
    spec("concat", 1, None, concat),
    spec("contains", 2, Some(2), contains),
    spec("createArray", 0, None, create_array),
    spec("createObject", 0, None, create_object),
    spec("dataUri", 1, Some(1), data_uri),
    spec("dataUriToString", 1, Some(1), data_uri_to_string),
    spec("div", 2, Some(2), div),
    spec("empty", 1, Some(1), empty),
    spec("endsWith", 2, Some(2), ends_with),
    spec("equals", 2, Some(2), equals),
    spec("false", 0, Some(0), false_),
    lambda_spec("filter", 2, Some(2), lazy::filter),
    spec("first", 1, Some(1), first),
    spec("format", 1, None, format),
    spec("greater", 2, Some(2), greater),
    spec("greaterOrEquals", 2, Some(2), greater_or_equals),
    lambda_spec("groupBy", 2, Some(2), lazy::group_by),
    spec("guid", 1, None, guid),
    lazy_spec("if", 3, Some(3), lazy::if_),
    spec("indexFromEnd", 2, Some(2), index_from_end),
    spec("indexOf", 2, Some(2), index_of),
    spec("int", 1, Some(1), to_int),
    spec("intersection", 2, None, intersection),
    spec("items", 1, Some(1), items),
    spec("join", 2, Some(2), join),
    spec("json", 1, Some(1), json),
    spec("last", 1, Some(1), last),
    spec("lastIndexOf", 2, Some(2), last_index_of),
    spec("length", 1, Some(1), length),
    spec("less", 2, Some(2), less),
    spec("lessOrEquals", 2, Some(2), less_or_equals),
    lambda_spec("map", 2, Some(2), lazy::map),
    lambda_spec("mapValues", 2, Some(2), lazy::map_values),
    spec("max", 1, None, max),
    spec("min", 1, None, min),
    spec("mod", 2, Some(2), modulo),
    spec("mul", 2, Some(2), mul),
    spec("not", 1, Some(1), not),
    spec("null", 0, Some(0), null),
    spec("objectKeys", 1, Some(1), object_keys),
    lazy_spec("or", 2, None, lazy::or),
    spec("padLeft", 2, Some(3), pad_left),
    spec("range", 2, Some(2), range),
    lambda_spec("reduce", 3, Some(3), lazy::reduce),
    spec("replace", 3, Some(3), replace),
    spec("resourceGroup", 0, Some(0), resource_group),
    spec("shallowMerge", 1, Some(1), shallow_merge),
    spec("skip", 2, Some(2), skip),
    lambda_spec("sort", 2, Some(2), lazy::sort),
    spec("split", 2, Some(2), split),
    spec("startsWith", 2, Some(2), starts_with),
    spec("string", 1, Some(1), string),
    spec("sub", 2, Some(2), sub),
    spec("subscription", 0, Some(0), subscription),
    spec("substring", 1, Some(3), substring),
    spec("take", 2, Some(2), take),
    spec("toLower", 1, Some(1), to_lower),
    lambda_spec("toObject", 2, Some(3), lazy::to_object),
    spec("toUpper", 1, Some(1), to_upper),
    spec("trim", 1, Some(1), trim),
    spec("true", 0, Some(0), true_),
    spec("tryGet", 2, None, try_get),
    spec("tryIndexFromEnd", 2, Some(2), try_index_from_end),
    spec("union", 2, None, union),
    spec("uniqueString", 1, None, unique_string),
    spec("uriComponent", 1, Some(1), uri_component),
    spec("uriComponentToString", 1, Some(1), uri_component_to_string),
];

/// Functions whose value exists only once the deployment runs (the resources it reads, the
/// scope it deploys to, the clock): vigil gives an unknown value that names them.
const AT_DEPLOYMENT: &[&str] = &[
    "deployment",
    "environment",
    "extensionResourceId",
    "managementGroup",
    "managementGroupResourceId",
    "newGuid",
    "pickZones",
    "providers",
    "reference",
    "resourceId",
    "subscriptionResourceId",
    "tenant",
    "tenantResourceId",
    "utcNow",
];

fn find(name: &str) -> Option<&'static Spec> {
    let lower = |s: &'static str| s.bytes().map(|b| b.to_ascii_lowercase());
    FUNCTIONS
        .binary_search_by(|s| lower(s.name).cmp(name.bytes().map(|b| b.to_ascii_lowercase())))
        .ok()
        .map(|i| &FUNCTIONS[i])
}

/// The canonical spelling of a function that exists only at deployment, if `name` is one
/// (`list*` functions keep the caller's spelling).
fn at_deployment(name: &str) -> Option<String> {
    if let Some(n) = AT_DEPLOYMENT.iter().find(|n| n.eq_ignore_ascii_case(name)) {
        return Some((*n).to_string());
    }
    let lower = name.to_ascii_lowercase();
    (lower.starts_with("list") && !lower.contains('.')).then(|| name.to_string())
}

/// Whether [`call`] gives `name` a value of its own (computed, or unknown because it exists
/// only at deployment). For any other function the arguments need not be evaluated: the
/// result is unknown whatever they are.
pub fn is_evaluated(name: &str) -> bool {
    find(name).is_some() || at_deployment(name).is_some()
}

/// The value of a function vigil does not evaluate.
pub fn not_evaluated(name: &str, at: &Location) -> Val {
    Val::unknown(
        format!("function `{name}` is not evaluated by vigil"),
        Some(at.clone()),
    )
}

/// Calls an ARM template function (name in any case) on already-evaluated arguments. `at` is
/// the location of the expression that calls it.
///
/// `Err(message)` is an evaluation error ARM itself would report (a wrong argument type or
/// count, an index out of range, invalid JSON). A function vigil does not implement gives an
/// unknown value whose reason names it.
pub fn call(name: &str, args: Vec<Val>, at: &Location) -> Res {
    let Some(spec) = find(name) else {
        return Ok(unevaluated(name, at));
    };
    check_arity(spec, args.len())?;
    match spec.run {
        Run::Value(run) => value_call(run, args, at),
        Run::Lazy(run) | Run::Lambda(run) => run(&lazy::Evaluated { values: &args, at }),
    }
}

/// Calls an ARM template function (name in any case) on arguments its evaluator holds
/// unevaluated: the one entry point of both the ARM and the Bicep evaluators, so that a
/// function means the same in both. A function of values gets them all evaluated; a lazy or
/// lambda function evaluates what it needs.
pub fn call_with(name: &str, args: &dyn Args) -> Res {
    let at = args.at();
    let Some(spec) = find(name) else {
        if at_deployment(name).is_some() {
            // ARM evaluates the arguments first: a wrong one fails the deployment.
            args.values()?;
        }
        return Ok(unevaluated(name, at));
    };
    check_arity(spec, args.count())?;
    match spec.run {
        Run::Value(run) => {
            let values = args.values()?;
            if values.len() < args.count() {
                // Past the bound of one value, one unknown stands for them all.
                return Ok(values.into_iter().next().unwrap_or_else(|| Val::null(None)));
            }
            value_call(run, values, at)
        }
        Run::Lazy(run) | Run::Lambda(run) => run(args),
    }
}

/// Whether `name` takes a lambda argument (its arguments are not values to evaluate first).
pub fn takes_lambda(name: &str) -> bool {
    find(name).is_some_and(|s| matches!(s.run, Run::Lambda(_)))
}

/// The value of a function vigil has no implementation of: unknown, saying whether it exists
/// only at deployment.
fn unevaluated(name: &str, at: &Location) -> Val {
    match at_deployment(name) {
        Some(canonical) => Val::unknown(
            format!("`{canonical}()` is known only at deployment"),
            Some(at.clone()),
        ),
        None => not_evaluated(name, at),
    }
}

fn value_call(run: Impl, args: Vec<Val>, at: &Location) -> Res {
    let result = run(&args, at)?;
    if result.is_unknown() {
        return Ok(over_candidates(run, &args, &result, at).unwrap_or(result));
    }
    Ok(result)
}

/// The unknown without candidates: what it may be is no longer known.
pub fn opaque(mut v: Val) -> Val {
    if let Value::Unknown(u) = &mut v.value {
        u.candidates.clear();
    }
    v
}

fn check_arity(spec: &Spec, n: usize) -> Result<(), String> {
    let ok = n >= spec.min && spec.max.is_none_or(|m| n <= m);
    if ok {
        return Ok(());
    }
    let wanted = match spec.max {
        Some(m) if m == spec.min => format!("{m}"),
        Some(m) => format!("between {} and {m}", spec.min),
        None => format!("at least {}", spec.min),
    };
    Err(format!(
        "unable to evaluate template language function '{}': function requires {wanted} \
         argument(s) while {n} were provided",
        spec.name
    ))
}

/// Runs `spec` on each combination of the candidates of its unknown arguments, when every
/// unknown argument has candidates: the result is the one value they all give, or an unknown
/// among the values they give. A combination that fails is one the deployment cannot take.
fn over_candidates(run: Impl, args: &[Val], plain: &Val, at: &Location) -> Option<Val> {
    let mut slots = Vec::new();
    let mut combinations = 1usize;
    for (i, a) in args.iter().enumerate() {
        if let Value::Unknown(u) = &a.value {
            if u.candidates.is_empty() {
                return None;
            }
            combinations = combinations.checked_mul(u.candidates.len())?;
            slots.push((i, &u.candidates));
        }
    }
    if slots.is_empty() || combinations > MAX_COMBINATIONS {
        return None;
    }
    let mut results: Vec<Val> = Vec::new();
    for n in 0..combinations {
        let mut trial = args.to_vec();
        let mut rest = n;
        for (i, candidates) in &slots {
            trial[*i] = candidates[rest % candidates.len()].clone();
            rest /= candidates.len();
        }
        match run(&trial, at) {
            Ok(v) if v.is_unknown() => return None,
            Ok(v) => {
                if !results.iter().any(|r| json_equal(r, &v) == Some(true)) {
                    results.push(v);
                }
            }
            Err(_) => {}
        }
    }
    let Value::Unknown(u) = &plain.value else {
        return None;
    };
    match results.len() {
        0 => None,
        1 if !results[0].contains_unknown() => results.pop(),
        _ => Some(Val::unknown_among(
            u.reason.clone(),
            results,
            plain.origin.clone(),
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers: unknowns, origins, types, conversions.

/// The first unknown anywhere inside `v`, which is the result of a computation that needs all
/// of it (it keeps its own origin and trace: that is where the unknown comes from; its
/// candidates go, being values of the input rather than of the result).
fn unknown_in(v: &Val) -> Option<Val> {
    v.first_unknown().map(|(_, u)| opaque(u.clone()))
}

/// Returns the first unknown among the values, from the function, when there is one.
macro_rules! need {
    ($($v:expr),+) => {
        $( if let Some(u) = unknown_in($v) { return Ok(u); } )+
    };
}

/// Returns the value itself, from the function, when it is unknown (its insides may be).
macro_rules! need_top {
    ($($v:expr),+) => {
        $( if $v.is_unknown() { return Ok(opaque($v.clone())); } )+
    };
}

/// An item taken out of a collection carries the hops that brought the collection here, and
/// the collection's origin when it has none of its own.
pub fn adopt(container: &Val, item: &Val) -> Val {
    let mut v = item.clone();
    if !container.trace.is_empty() {
        v.trace = container.trace.iter().cloned().chain(v.trace).collect();
    }
    if v.origin.is_none() {
        v.origin = container.origin.clone();
    }
    v
}

/// A value computed from `from`: it keeps the origin and trace of the one input it is made
/// of, or takes the call's location when several contribute (or none).
fn computed(value: Value, from: &[&Val], at: &Location) -> Val {
    match from {
        [one] => Val {
            value,
            origin: one.origin.clone().or_else(|| Some(at.clone())),
            trace: one.trace.clone(),
        },
        _ => Val::new(value, Some(at.clone())),
    }
}

fn fresh(value: Value, at: &Location) -> Val {
    Val::new(value, Some(at.clone()))
}

fn boolean(b: bool, at: &Location) -> Val {
    fresh(Value::Bool(b), at)
}

fn int_val(n: i64, from: &[&Val], at: &Location) -> Val {
    computed(Value::Number(n as f64), from, at)
}

/// ARM's names for the types, as its messages spell them.
fn type_name(v: &Val) -> &'static str {
    match &v.value {
        Value::Null => "Null",
        Value::Bool(_) => "Boolean",
        Value::Number(n) if whole(*n).is_some() => "Integer",
        Value::Number(_) => "Float",
        Value::String(_) => "String",
        Value::List(_) => "Array",
        Value::Object(_) => "Object",
        Value::Unknown(_) => "Unknown",
    }
}

fn ordinal(i: usize) -> &'static str {
    ["first", "second", "third", "fourth", "fifth"]
        .get(i)
        .copied()
        .unwrap_or("next")
}

fn type_error(func: &str, i: usize, expected: &str, v: &Val) -> String {
    format!(
        "the template language function '{func}' expects its {} parameter to be of type \
         {expected}; the provided value is of type '{}'",
        ordinal(i),
        type_name(v)
    )
}

fn whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&n))
        .then_some(n as i64)
}

fn str_arg<'v>(func: &str, args: &'v [Val], i: usize) -> Result<&'v str, String> {
    match &args[i].value {
        Value::String(s) => Ok(s),
        _ => Err(type_error(func, i, "'String'", &args[i])),
    }
}

fn int_arg(func: &str, args: &[Val], i: usize) -> Result<i64, String> {
    match &args[i].value {
        Value::Number(n) => whole(*n).ok_or_else(|| type_error(func, i, "'Integer'", &args[i])),
        _ => Err(type_error(func, i, "'Integer'", &args[i])),
    }
}

fn list_arg<'v>(func: &str, args: &'v [Val], i: usize) -> Result<&'v [Val], String> {
    match &args[i].value {
        Value::List(items) => Ok(items),
        _ => Err(type_error(func, i, "'Array'", &args[i])),
    }
}

fn object_arg<'v>(
    func: &str,
    args: &'v [Val],
    i: usize,
) -> Result<&'v BTreeMap<String, Val>, String> {
    match &args[i].value {
        Value::Object(map) => Ok(map),
        _ => Err(type_error(func, i, "'Object'", &args[i])),
    }
}

/// A number as ARM writes it in a string: integers without a fraction.
fn number_text(n: f64) -> String {
    match whole(n) {
        Some(i) => i.to_string(),
        None => format!("{n}"),
    }
}

/// ARM's conversion of a primitive to text (`concat`, `format`, `join`, `string`): .NET prints
/// booleans as `True` and `False`, and null as nothing.
fn text_of(v: &Val) -> Option<String> {
    match &v.value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(number_text(*n)),
        Value::Bool(true) => Some("True".into()),
        Value::Bool(false) => Some("False".into()),
        Value::Null => Some(String::new()),
        _ => None,
    }
}

/// The limits of one value are the model's (see `vigil_model::budget`): a result past them is
/// refused, and the evaluator reports where (the message carries [`budget::LIMIT_MARK`]).
fn check_len(n: usize) -> Result<(), String> {
    let max = budget::limits().value_items;
    if n > max {
        Err(format!(
            "the result would have more than {max} elements, {}",
            budget::LIMIT_MARK
        ))
    } else {
        Ok(())
    }
}

fn check_text(n: usize) -> Result<(), String> {
    let limits = budget::limits();
    if n > limits.value_bytes {
        Err(format!(
            "the result would be {}, {}",
            budget::too_large(&limits),
            budget::LIMIT_MARK
        ))
    } else {
        Ok(())
    }
}

/// One character compared without case, as .NET's ordinal ignore-case comparison does it.
fn fold(c: char) -> char {
    let mut up = c.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// Whether two property names are the same to ARM (case does not matter).
pub fn same_key(a: &str, b: &str) -> bool {
    a == b || a.chars().map(fold).eq(b.chars().map(fold))
}

/// A property of an object, looked up as ARM does: exact spelling first, then ignoring case.
pub fn lookup<'m>(map: &'m BTreeMap<String, Val>, key: &str) -> Option<(&'m String, &'m Val)> {
    map.get_key_value(key)
        .or_else(|| map.iter().find(|(k, _)| same_key(k, key)))
}

/// Sets a property, replacing one whose name differs only in case (which keeps its spelling).
fn put(map: &mut BTreeMap<String, Val>, key: &str, value: Val) {
    let existing = lookup(map, key).map(|(k, _)| k.clone());
    map.insert(existing.unwrap_or_else(|| key.to_string()), value);
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The UTF-16 code units `range` of `s`, as .NET's `Substring` takes them.
fn utf16_slice(s: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = s.encode_utf16().collect();
    String::from_utf16_lossy(&units[start.min(units.len())..end.min(units.len())])
}

/// Whether two values are equal as ARM compares them (`equals`, `contains`, `union`): strings
/// exactly, numbers by value, property names without case. `None` when an unknown decides.
pub fn json_equal(a: &Val, b: &Val) -> Option<bool> {
    equal_at(a, b, 0)
}

fn equal_at(a: &Val, b: &Val, depth: usize) -> Option<bool> {
    if depth > MAX_DEPTH {
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

/// The candidates an unknown stands for, or `None` when it could be anything.
fn candidates_of(v: &Val) -> Option<Vec<Val>> {
    match &v.value {
        Value::Unknown(u) if u.candidates.is_empty() => None,
        Value::Unknown(u) => Some(u.candidates.clone()),
        _ => Some(vec![v.clone()]),
    }
}

fn unknown_reason(v: &Val) -> String {
    v.first_unknown().map_or_else(
        || "the value is not known".into(),
        |(u, _)| u.reason.clone(),
    )
}

// ---------------------------------------------------------------------------------------------
// Property access and indexing (the evaluator's `.name`, `['name']` and `[i]`).

/// `v.name`: the property itself, with the hops that brought `v` here. Names ignore case.
pub fn property(v: &Val, name: &str) -> Res {
    match &v.value {
        Value::Object(map) => match lookup(map, name) {
            Some((_, item)) => Ok(adopt(v, item)),
            None => {
                let available: Vec<&str> = map.keys().map(String::as_str).collect();
                Err(format!(
                    "the language expression property '{name}' doesn't exist, available \
                     properties are '{}'",
                    available.join(", ")
                ))
            }
        },
        Value::Unknown(_) => Ok(within_unknown(v, |c| property(c, name))),
        Value::Null => Err(format!(
            "the language expression property '{name}' can't be evaluated: the value is null"
        )),
        _ => Err(format!(
            "the language expression property '{name}' can't be evaluated: a value of type \
             '{}' has no properties",
            type_name(v)
        )),
    }
}

/// `v[key]`: an array element by position or an object property by name.
pub fn index(v: &Val, key: &Val) -> Res {
    if key.is_unknown() {
        return Ok(within_unknown(key, |k| index(v, k)));
    }
    match (&v.value, &key.value) {
        (Value::Unknown(_), _) => Ok(within_unknown(v, |c| index(c, key))),
        (Value::List(items), Value::Number(n)) => match whole(*n) {
            Some(i) if i >= 0 && (i as usize) < items.len() => Ok(adopt(v, &items[i as usize])),
            _ => Err(format!(
                "the language expression property array index '{}' is out of bounds",
                number_text(*n)
            )),
        },
        (Value::Object(_), Value::String(name)) => property(v, name),
        (Value::Null, _) => Err("the language expression can't index a null value".into()),
        _ => Err(format!(
            "the language expression can't index a value of type '{}' with a value of type \
             '{}'",
            type_name(v),
            type_name(key)
        )),
    }
}

/// Applies a selection to each candidate of an unknown; the unknown itself when it has no
/// candidates or a selection gives an unknown.
fn within_unknown(u: &Val, select: impl Fn(&Val) -> Res) -> Val {
    let Value::Unknown(unknown) = &u.value else {
        return u.clone();
    };
    if unknown.candidates.is_empty() {
        return u.clone();
    }
    let mut out: Vec<Val> = Vec::new();
    for c in &unknown.candidates {
        match select(c) {
            Ok(v) if v.is_unknown() => return u.clone(),
            Ok(v) => {
                if !out.iter().any(|o| json_equal(o, &v) == Some(true)) {
                    out.push(v);
                }
            }
            Err(_) => {}
        }
    }
    if out.is_empty() {
        return u.clone();
    }
    Val {
        value: Value::Unknown(vigil_model::Unknown {
            reason: unknown.reason.clone(),
            candidates: out,
        }),
        origin: u.origin.clone(),
        trace: u.trace.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// Logical functions.

/// Reads `if`'s condition: `Some(branch)` when it is known, or when every candidate of an
/// unknown condition agrees; `None` when the deployment decides.
pub fn condition(cond: &Val) -> Result<Option<bool>, String> {
    match &cond.value {
        Value::Bool(b) => Ok(Some(*b)),
        Value::Unknown(u) => {
            let picks: Option<Vec<bool>> = u.candidates.iter().map(Val::as_bool).collect();
            Ok(match picks {
                Some(p) if !p.is_empty() && p.iter().all(|b| *b) => Some(true),
                Some(p) if !p.is_empty() && p.iter().all(|b| !*b) => Some(false),
                _ => None,
            })
        }
        _ => Err(type_error("if", 0, "'Boolean'", cond)),
    }
}

/// `if` whose condition is decided at deployment: the branches' common value when they agree,
/// else an unknown among them. A branch that fails is one the deployment cannot take.
pub fn unknown_choice(cond: &Val, when_true: Res, when_false: Res, at: &Location) -> Res {
    let reason = unknown_reason(cond);
    let (t, f) = match (when_true, when_false) {
        (Err(e), Err(_)) => return Err(e),
        (Ok(t), Err(_)) => return Ok(Val::unknown_among(reason, vec![t], Some(at.clone()))),
        (Err(_), Ok(f)) => return Ok(Val::unknown_among(reason, vec![f], Some(at.clone()))),
        (Ok(t), Ok(f)) => (t, f),
    };
    if json_equal(&t, &f) == Some(true) {
        return Ok(t);
    }
    let (Some(ts), Some(fs)) = (candidates_of(&t), candidates_of(&f)) else {
        return Ok(Val::unknown(reason, Some(at.clone())));
    };
    let mut all: Vec<Val> = Vec::new();
    for c in ts.into_iter().chain(fs) {
        if !all.iter().any(|a| json_equal(a, &c) == Some(true)) {
            all.push(c);
        }
    }
    Ok(Val::unknown_among(reason, all, Some(at.clone())))
}

fn not(args: &[Val], at: &Location) -> Res {
    need_top!(&args[0]);
    match &args[0].value {
        Value::Bool(b) => Ok(computed(Value::Bool(!b), &[&args[0]], at)),
        _ => Err(type_error("not", 0, "'Boolean'", &args[0])),
    }
}

fn true_(_: &[Val], at: &Location) -> Res {
    Ok(boolean(true, at))
}

fn false_(_: &[Val], at: &Location) -> Res {
    Ok(boolean(false, at))
}

fn null(_: &[Val], at: &Location) -> Res {
    Ok(Val::null(Some(at.clone())))
}

fn to_bool(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let b = match &v.value {
        Value::Bool(b) => *b,
        Value::String(s) if s.trim().eq_ignore_ascii_case("true") => true,
        Value::String(s) if s.trim().eq_ignore_ascii_case("false") => false,
        Value::Number(n) => *n != 0.0,
        Value::String(s) => {
            return Err(format!(
                "the template language function 'bool' cannot convert '{s}' to a boolean"
            ))
        }
        _ => return Err(type_error("bool", 0, "'String', 'Integer' or 'Boolean'", v)),
    };
    Ok(computed(Value::Bool(b), &[v], at))
}

// ---------------------------------------------------------------------------------------------
// Comparison functions.

fn equals(args: &[Val], at: &Location) -> Res {
    match json_equal(&args[0], &args[1]) {
        Some(b) => Ok(boolean(b, at)),
        None => Ok(undecided(&args[0], &args[1], at)),
    }
}

/// The unknown that keeps two values from comparing.
fn undecided(a: &Val, b: &Val, at: &Location) -> Val {
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

fn less(args: &[Val], at: &Location) -> Res {
    ordered("less", args, at, std::cmp::Ordering::is_lt)
}

fn less_or_equals(args: &[Val], at: &Location) -> Res {
    ordered("lessOrEquals", args, at, std::cmp::Ordering::is_le)
}

fn greater(args: &[Val], at: &Location) -> Res {
    ordered("greater", args, at, std::cmp::Ordering::is_gt)
}

fn greater_or_equals(args: &[Val], at: &Location) -> Res {
    ordered("greaterOrEquals", args, at, std::cmp::Ordering::is_ge)
}

// ---------------------------------------------------------------------------------------------
// Numeric functions.

fn arithmetic(func: &str, args: &[Val], at: &Location, op: fn(i64, i64) -> Option<i64>) -> Res {
    need_top!(&args[0], &args[1]);
    let a = int_arg(func, args, 0)?;
    let b = int_arg(func, args, 1)?;
    if b == 0 && (func == "div" || func == "mod") {
        return Err(format!(
            "the template language function '{func}' cannot divide by zero"
        ));
    }
    let n = op(a, b).ok_or_else(|| {
        format!("the template language function '{func}' overflows a 64-bit integer")
    })?;
    Ok(int_val(n, &[&args[0], &args[1]], at))
}

fn add(args: &[Val], at: &Location) -> Res {
    arithmetic("add", args, at, i64::checked_add)
}

fn sub(args: &[Val], at: &Location) -> Res {
    arithmetic("sub", args, at, i64::checked_sub)
}

fn mul(args: &[Val], at: &Location) -> Res {
    arithmetic("mul", args, at, i64::checked_mul)
}

fn div(args: &[Val], at: &Location) -> Res {
    arithmetic("div", args, at, i64::checked_div)
}

fn modulo(args: &[Val], at: &Location) -> Res {
    arithmetic("mod", args, at, i64::checked_rem)
}

fn to_int(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let n = match &v.value {
        // .NET's Convert.ToInt64 rounds half to even.
        Value::Number(n) => whole(n.round_ties_even()),
        Value::String(s) => {
            let t = s.trim();
            t.strip_prefix('+').unwrap_or(t).parse::<i64>().ok()
        }
        _ => return Err(type_error("int", 0, "'String' or 'Integer'", v)),
    };
    let n = n.ok_or_else(|| {
        format!(
            "the template language function 'int' cannot convert '{}' to an integer",
            v.display()
        )
    })?;
    Ok(int_val(n, &[v], at))
}

/// `min`/`max`: integers given as arguments or in arrays; the chosen one is returned itself.
fn extreme(func: &str, args: &[Val], better: fn(f64, f64) -> bool) -> Res {
    let mut best: Option<(f64, Val)> = None;
    for (i, a) in args.iter().enumerate() {
        need_top!(a);
        let members: Vec<Val> = match &a.value {
            Value::Number(_) => vec![a.clone()],
            Value::List(items) => items.iter().map(|x| adopt(a, x)).collect(),
            _ => return Err(type_error(func, i, "'Integer' or 'Array'", a)),
        };
        for m in members {
            need_top!(&m);
            let Value::Number(n) = m.value else {
                return Err(type_error(func, i, "'Integer'", &m));
            };
            if best.as_ref().is_none_or(|(b, _)| better(n, *b)) {
                best = Some((n, m));
            }
        }
    }
    best.map(|(_, v)| v)
        .ok_or_else(|| format!("the template language function '{func}' needs at least one value"))
}

fn min(args: &[Val], _: &Location) -> Res {
    extreme("min", args, |a, b| a < b)
}

fn max(args: &[Val], _: &Location) -> Res {
    extreme("max", args, |a, b| a > b)
}

fn range(args: &[Val], at: &Location) -> Res {
    need_top!(&args[0], &args[1]);
    let start = int_arg("range", args, 0)?;
    let count = int_arg("range", args, 1)?;
    if !(0..=RANGE_COUNT).contains(&count) {
        return Err(format!(
            "the template language function 'range' needs a count from 0 to {RANGE_COUNT}, \
             not {count}"
        ));
    }
    if start
        .checked_add(count)
        .is_none_or(|end| end > 2_147_483_647)
    {
        return Err(
            "the template language function 'range' needs startIndex + count to be at most \
             2147483647"
                .into(),
        );
    }
    let items = (start..start + count)
        .map(|i| fresh(Value::Number(i as f64), at))
        .collect();
    Ok(fresh(Value::List(items), at))
}

// ---------------------------------------------------------------------------------------------
// Array and object functions.

fn array(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    match &v.value {
        Value::List(_) => Ok(v.clone()),
        _ => Ok(fresh(Value::List(vec![v.clone()]), at)),
    }
}

fn create_array(args: &[Val], at: &Location) -> Res {
    check_len(args.len())?;
    Ok(fresh(Value::List(args.to_vec()), at))
}

fn create_object(args: &[Val], at: &Location) -> Res {
    if args.len() % 2 == 1 {
        return Err(
            "the template language function 'createObject' needs an even number of \
             arguments: a value for each key"
                .into(),
        );
    }
    let mut map = BTreeMap::new();
    for (i, pair) in args.chunks(2).enumerate() {
        need_top!(&pair[0]);
        let Value::String(key) = &pair[0].value else {
            return Err(type_error("createObject", 2 * i, "'String'", &pair[0]));
        };
        put(&mut map, key, pair[1].clone());
    }
    Ok(fresh(Value::Object(map), at))
}

fn concat(args: &[Val], at: &Location) -> Res {
    for a in args {
        need_top!(a);
    }
    if args.iter().any(|a| matches!(a.value, Value::List(_))) {
        let mut items = Vec::new();
        let mut from = Vec::new();
        for (i, a) in args.iter().enumerate() {
            match &a.value {
                Value::List(xs) => {
                    check_len(items.len() + xs.len())?;
                    items.extend(xs.iter().map(|x| adopt(a, x)));
                    if !xs.is_empty() {
                        from.push(a);
                    }
                }
                Value::Null => {}
                _ => {
                    return Err(format!(
                        "the template language function 'concat' expects all its arguments \
                         to be arrays when one is: the {} is of type '{}'",
                        ordinal(i),
                        type_name(a)
                    ))
                }
            }
        }
        let origin = match from.as_slice() {
            [one] => one.origin.clone(),
            _ => Some(at.clone()),
        };
        return Ok(Val::new(
            Value::List(items),
            origin.or_else(|| Some(at.clone())),
        ));
    }
    let mut out = String::new();
    let mut from = Vec::new();
    for (i, a) in args.iter().enumerate() {
        let Some(t) = text_of(a) else {
            return Err(type_error("concat", i, "'String' or 'Array'", a));
        };
        check_text(out.len() + t.len())?;
        if !t.is_empty() {
            from.push(a);
        }
        out.push_str(&t);
    }
    Ok(computed(Value::String(out), &from, at))
}

fn contains(args: &[Val], at: &Location) -> Res {
    let (c, x) = (&args[0], &args[1]);
    need_top!(c);
    match &c.value {
        Value::String(s) => {
            need_top!(x);
            let needle =
                text_of(x).ok_or_else(|| type_error("contains", 1, "'String' or 'Integer'", x))?;
            Ok(boolean(s.contains(&needle), at))
        }
        Value::Object(map) => {
            need_top!(x);
            let key =
                text_of(x).ok_or_else(|| type_error("contains", 1, "'String' or 'Integer'", x))?;
            Ok(boolean(lookup(map, &key).is_some(), at))
        }
        Value::List(items) => {
            let mut undecided = None;
            for item in items {
                match json_equal(item, x) {
                    Some(true) => return Ok(boolean(true, at)),
                    Some(false) => {}
                    None => {
                        undecided.get_or_insert_with(|| self::undecided(item, x, at));
                    }
                }
            }
            match undecided {
                Some(u) => Ok(u),
                None => Ok(boolean(false, at)),
            }
        }
        _ => Err(type_error(
            "contains",
            0,
            "'Array', 'Object' or 'String'",
            c,
        )),
    }
}

fn empty(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let b = match &v.value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::List(xs) => xs.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => return Err(type_error("empty", 0, "'Array', 'Object' or 'String'", v)),
    };
    Ok(computed(Value::Bool(b), &[v], at))
}

fn length(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let n = match &v.value {
        Value::String(s) => utf16_len(s),
        Value::List(xs) => xs.len(),
        Value::Object(m) => m.len(),
        _ => return Err(type_error("length", 0, "'Array', 'Object' or 'String'", v)),
    };
    Ok(int_val(n as i64, &[v], at))
}

/// `first`/`last`: the element itself, or a one-character string.
fn end_of(func: &str, args: &[Val], at: &Location, from_end: bool) -> Res {
    let v = &args[0];
    need_top!(v);
    match &v.value {
        Value::List(xs) => {
            let item = if from_end { xs.last() } else { xs.first() };
            Ok(item.map_or_else(|| Val::null(Some(at.clone())), |x| adopt(v, x)))
        }
        Value::String(s) => {
            let n = utf16_len(s);
            let text = match (n, from_end) {
                (0, _) => String::new(),
                (_, false) => utf16_slice(s, 0, 1),
                (_, true) => utf16_slice(s, n - 1, n),
            };
            Ok(computed(Value::String(text), &[v], at))
        }
        _ => Err(type_error(func, 0, "'Array' or 'String'", v)),
    }
}

fn first(args: &[Val], at: &Location) -> Res {
    end_of("first", args, at, false)
}

fn last(args: &[Val], at: &Location) -> Res {
    end_of("last", args, at, true)
}

/// `skip`/`take`: part of an array or string, counted from the start.
fn part(func: &str, args: &[Val], at: &Location, skipping: bool) -> Res {
    let v = &args[0];
    need_top!(v, &args[1]);
    let n = int_arg(func, args, 1)?.max(0);
    match &v.value {
        Value::List(xs) => {
            let n = (n as usize).min(xs.len());
            let kept = if skipping { &xs[n..] } else { &xs[..n] };
            Ok(computed(Value::List(kept.to_vec()), &[v], at))
        }
        Value::String(s) => {
            let len = utf16_len(s);
            let n = (n as usize).min(len);
            let text = if skipping {
                utf16_slice(s, n, len)
            } else {
                utf16_slice(s, 0, n)
            };
            Ok(computed(Value::String(text), &[v], at))
        }
        _ => Err(type_error(func, 0, "'Array' or 'String'", v)),
    }
}

fn skip(args: &[Val], at: &Location) -> Res {
    part("skip", args, at, true)
}

fn take(args: &[Val], at: &Location) -> Res {
    part("take", args, at, false)
}

/// `indexFromEnd`/`tryIndexFromEnd`: the element `n` places from the end (1 is the last).
fn from_end(func: &str, args: &[Val], at: &Location, strict: bool) -> Res {
    let v = &args[0];
    need_top!(v, &args[1]);
    let xs = list_arg(func, args, 0)?;
    let n = int_arg(func, args, 1)?;
    if n >= 1 && (n as usize) <= xs.len() {
        return Ok(adopt(v, &xs[xs.len() - n as usize]));
    }
    if strict {
        return Err(format!(
            "the template language function '{func}' cannot take element {n} from the end of \
             an array of {}",
            xs.len()
        ));
    }
    Ok(Val::null(Some(at.clone())))
}

fn index_from_end(args: &[Val], at: &Location) -> Res {
    from_end("indexFromEnd", args, at, true)
}

fn try_index_from_end(args: &[Val], at: &Location) -> Res {
    from_end("tryIndexFromEnd", args, at, false)
}

/// Merges `src`'s properties into `acc`, later values winning; nested objects merge too
/// (arrays do not), as ARM's `union` does.
fn merge_into(
    acc: &mut BTreeMap<String, Val>,
    src: &Val,
    deep: bool,
    depth: usize,
    at: &Location,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err("the objects are nested too deeply to merge".into());
    }
    let Value::Object(map) = &src.value else {
        return Ok(());
    };
    for (k, v) in map {
        let item = adopt(src, v);
        let existing = lookup(acc, k).map(|(key, old)| (key.clone(), old.clone()));
        match existing {
            Some((key, old)) if deep => {
                let merged = match (&old.value, &item.value) {
                    (Value::Object(old_map), Value::Object(_)) => {
                        let mut inner: BTreeMap<String, Val> = old_map
                            .iter()
                            .map(|(k, x)| (k.clone(), adopt(&old, x)))
                            .collect();
                        merge_into(&mut inner, &item, deep, depth + 1, at)?;
                        fresh(Value::Object(inner), at)
                    }
                    // Whether an unknown merges with an object depends on what it turns out to be.
                    (Value::Unknown(_), Value::Object(_)) => old,
                    _ => item,
                };
                acc.insert(key, merged);
            }
            Some((key, _)) => {
                acc.insert(key, item);
            }
            None => {
                acc.insert(k.clone(), item);
            }
        }
    }
    Ok(())
}

fn union(args: &[Val], at: &Location) -> Res {
    for a in args {
        need_top!(a);
    }
    let present: Vec<&Val> = args
        .iter()
        .filter(|a| !matches!(a.value, Value::Null))
        .collect();
    let Some(head) = present.first() else {
        return Ok(Val::null(Some(at.clone())));
    };
    match &head.value {
        Value::Object(_) => {
            let mut acc = BTreeMap::new();
            for (i, a) in present.iter().enumerate() {
                if !matches!(a.value, Value::Object(_)) {
                    return Err(type_error("union", i, "'Object'", a));
                }
                merge_into(&mut acc, a, true, 0, at)?;
            }
            Ok(fresh(Value::Object(acc), at))
        }
        Value::List(_) => {
            let mut out: Vec<Val> = Vec::new();
            for (i, a) in present.iter().enumerate() {
                let Value::List(xs) = &a.value else {
                    return Err(type_error("union", i, "'Array'", a));
                };
                for x in xs {
                    let mut seen = false;
                    for o in &out {
                        match json_equal(o, x) {
                            Some(true) => seen = true,
                            Some(false) => {}
                            // Whether it repeats an earlier element decides the result's length.
                            None => return Ok(undecided(x, o, at)),
                        }
                        if seen {
                            break;
                        }
                    }
                    if !seen {
                        check_len(out.len() + 1)?;
                        out.push(adopt(a, x));
                    }
                }
            }
            Ok(fresh(Value::List(out), at))
        }
        _ => Err(type_error("union", 0, "'Array' or 'Object'", head)),
    }
}

fn intersection(args: &[Val], at: &Location) -> Res {
    for a in args {
        need_top!(a);
    }
    match &args[0].value {
        Value::Object(first) => {
            let mut out = BTreeMap::new();
            'keys: for (k, v) in first {
                for i in 1..args.len() {
                    let map = object_arg("intersection", args, i)?;
                    match lookup(map, k) {
                        Some((_, w)) => match json_equal(v, w) {
                            Some(true) => {}
                            Some(false) => continue 'keys,
                            None => return Ok(undecided(v, w, at)),
                        },
                        None => continue 'keys,
                    }
                }
                out.insert(k.clone(), adopt(&args[0], v));
            }
            Ok(fresh(Value::Object(out), at))
        }
        Value::List(first) => {
            let mut out: Vec<Val> = Vec::new();
            'items: for x in first {
                if out.iter().any(|o| json_equal(o, x) == Some(true)) {
                    continue;
                }
                for i in 1..args.len() {
                    let others = list_arg("intersection", args, i)?;
                    let mut found = false;
                    for y in others {
                        match json_equal(x, y) {
                            Some(true) => {
                                found = true;
                                break;
                            }
                            Some(false) => {}
                            None => return Ok(undecided(x, y, at)),
                        }
                    }
                    if !found {
                        continue 'items;
                    }
                }
                out.push(adopt(&args[0], x));
            }
            Ok(fresh(Value::List(out), at))
        }
        _ => Err(type_error(
            "intersection",
            0,
            "'Array' or 'Object'",
            &args[0],
        )),
    }
}

/// An object's properties in the order ARM lists them: alphabetical, case aside.
fn sorted_entries(map: &BTreeMap<String, Val>) -> Vec<(&String, &Val)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_by_cached_key(|(k, _)| (k.to_lowercase(), (*k).clone()));
    entries
}

fn items(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let map = object_arg("items", args, 0)?;
    let list = sorted_entries(map)
        .into_iter()
        .map(|(k, x)| {
            let value = adopt(v, x);
            let key = Val::string(k.clone(), value.origin.clone().or_else(|| Some(at.clone())));
            let origin = value.origin.clone().or_else(|| Some(at.clone()));
            Val::new(
                Value::Object(BTreeMap::from([
                    ("key".to_string(), key),
                    ("value".to_string(), value),
                ])),
                origin,
            )
        })
        .collect();
    Ok(computed(Value::List(list), &[v], at))
}

fn object_keys(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let map = object_arg("objectKeys", args, 0)?;
    let keys = sorted_entries(map)
        .into_iter()
        .map(|(k, x)| Val::string(k.clone(), x.origin.clone().or_else(|| v.origin.clone())))
        .collect();
    Ok(computed(Value::List(keys), &[v], at))
}

fn shallow_merge(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let xs = list_arg("shallowMerge", args, 0)?;
    let mut acc = BTreeMap::new();
    for x in xs {
        let obj = adopt(v, x);
        need_top!(&obj);
        match &obj.value {
            Value::Object(_) => merge_into(&mut acc, &obj, false, 0, at)?,
            Value::Null => {}
            _ => return Err(type_error("shallowMerge", 0, "'Array' of objects", &obj)),
        }
    }
    Ok(fresh(Value::Object(acc), at))
}

fn try_get(args: &[Val], at: &Location) -> Res {
    let mut current = args[0].clone();
    for key in &args[1..] {
        need_top!(&current, key);
        current = match (&current.value, &key.value) {
            (Value::Object(map), Value::String(k)) => match lookup(map, k) {
                Some((_, x)) => adopt(&current, x),
                None => return Ok(Val::null(Some(at.clone()))),
            },
            (Value::List(xs), Value::Number(n)) => match whole(*n) {
                Some(i) if i >= 0 && (i as usize) < xs.len() => adopt(&current, &xs[i as usize]),
                _ => return Ok(Val::null(Some(at.clone()))),
            },
            (Value::Null, _) => return Ok(Val::null(Some(at.clone()))),
            (Value::Object(_) | Value::List(_), _) => {
                return Err(type_error("tryGet", 1, "'String' or 'Integer'", key))
            }
            _ => return Err(type_error("tryGet", 0, "'Object' or 'Array'", &current)),
        };
    }
    Ok(current)
}

// ---------------------------------------------------------------------------------------------
// String functions.

/// A string computed from one string argument.
fn map_string(func: &str, args: &[Val], at: &Location, f: fn(&str) -> String) -> Res {
    let v = &args[0];
    need_top!(v);
    let s = str_arg(func, args, 0)?;
    Ok(computed(Value::String(f(s)), &[v], at))
}

fn to_lower(args: &[Val], at: &Location) -> Res {
    map_string("toLower", args, at, str::to_lowercase)
}

fn to_upper(args: &[Val], at: &Location) -> Res {
    map_string("toUpper", args, at, str::to_uppercase)
}

fn trim(args: &[Val], at: &Location) -> Res {
    map_string("trim", args, at, |s| s.trim().to_string())
}

fn base64(args: &[Val], at: &Location) -> Res {
    map_string("base64", args, at, |s| base64_encode(s.as_bytes()))
}

fn uri_component(args: &[Val], at: &Location) -> Res {
    map_string("uriComponent", args, at, |s| {
        let mut out = String::new();
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                out.push(b as char);
            } else {
                let _ = write!(out, "%{b:02X}");
            }
        }
        out
    })
}

fn uri_component_to_string(args: &[Val], at: &Location) -> Res {
    map_string("uriComponentToString", args, at, percent_decode)
}

/// `uniqueString` and `guid`: a hash of all the arguments, which ARM takes only as strings.
fn hash_strings(func: &str, args: &[Val], at: &Location, f: fn(&[&str]) -> String) -> Res {
    for a in args {
        need_top!(a);
    }
    let parts = (0..args.len())
        .map(|i| str_arg(func, args, i))
        .collect::<Result<Vec<_>, _>>()?;
    let from: Vec<&Val> = args.iter().collect();
    Ok(computed(Value::String(f(&parts)), &from, at))
}

fn unique_string(args: &[Val], at: &Location) -> Res {
    hash_strings("uniqueString", args, at, crate::hash::unique_string)
}

fn guid(args: &[Val], at: &Location) -> Res {
    hash_strings("guid", args, at, crate::hash::guid)
}

/// Decodes `%XX` escapes; malformed ones stay as written, as .NET's `UnescapeDataString` does.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(BASE64[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes base64 as .NET's `Convert.FromBase64String` does: white space ignored, padding
/// required.
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let clean: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let (quads, rest) = (clean.len() / 4, clean.len() - clean.len() / 4 * 4);
    if rest > 0 {
        return None;
    }
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    for (ci, chunk) in clean.chunks(4).enumerate() {
        let last = ci + 1 == quads;
        let mut n = 0u32;
        let mut pad = 0;
        for (i, &c) in chunk.iter().enumerate() {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                b'=' if last && i >= 2 => {
                    pad += 1;
                    0
                }
                _ => return None,
            };
            if pad > 0 && c != b'=' {
                return None;
            }
            n = (n << 6) | u32::from(v);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

fn decoded(func: &str, args: &[Val]) -> Result<String, String> {
    let s = str_arg(func, args, 0)?;
    let bytes = base64_decode(s).ok_or_else(|| {
        format!("the template language function '{func}' was given text that is not base64")
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn base64_to_string(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let text = decoded("base64ToString", args)?;
    Ok(computed(Value::String(text), &[v], at))
}

fn base64_to_json(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let text = decoded("base64ToJson", args)?;
    parse_json("base64ToJson", &text, v, at)
}

fn data_uri(args: &[Val], at: &Location) -> Res {
    map_string("dataUri", args, at, |s| {
        format!(
            "data:text/plain;charset=utf8;base64,{}",
            base64_encode(s.as_bytes())
        )
    })
}

fn data_uri_to_string(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let s = str_arg("dataUriToString", args, 0)?;
    let bad = || {
        "the template language function 'dataUriToString' was given an invalid data URI".to_string()
    };
    let rest = s
        .get(..5)
        .filter(|p| p.eq_ignore_ascii_case("data:"))
        .map(|_| &s[5..])
        .ok_or_else(bad)?;
    let (meta, data) = rest.split_once(',').ok_or_else(bad)?;
    let text = if meta
        .rsplit(';')
        .next()
        .is_some_and(|m| m.eq_ignore_ascii_case("base64"))
    {
        let bytes = base64_decode(data).ok_or_else(bad)?;
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        percent_decode(data)
    };
    Ok(computed(Value::String(text), &[v], at))
}

/// `startsWith`/`endsWith`: ignoring case, as the reference says.
fn affix(func: &str, args: &[Val], at: &Location, at_end: bool) -> Res {
    need_top!(&args[0], &args[1]);
    let s: Vec<char> = str_arg(func, args, 0)?.chars().map(fold).collect();
    let p: Vec<char> = str_arg(func, args, 1)?.chars().map(fold).collect();
    let b = if at_end {
        s.ends_with(&p)
    } else {
        s.starts_with(&p)
    };
    Ok(boolean(b, at))
}

fn starts_with(args: &[Val], at: &Location) -> Res {
    affix("startsWith", args, at, false)
}

fn ends_with(args: &[Val], at: &Location) -> Res {
    affix("endsWith", args, at, true)
}

/// `indexOf`/`lastIndexOf`: a position in a string (ignoring case, in UTF-16 units) or in an
/// array (by equality); -1 when absent.
fn position(func: &str, args: &[Val], at: &Location, from_end: bool) -> Res {
    let (c, x) = (&args[0], &args[1]);
    need_top!(c);
    match &c.value {
        Value::String(s) => {
            need_top!(x);
            let needle = str_arg(func, args, 1)?;
            let hay: Vec<char> = s.chars().collect();
            let folded: Vec<char> = hay.iter().copied().map(fold).collect();
            let pat: Vec<char> = needle.chars().map(fold).collect();
            let found = if pat.is_empty() {
                Some(if from_end { hay.len() } else { 0 })
            } else if pat.len() > folded.len() {
                None
            } else {
                let mut starts = 0..=folded.len() - pat.len();
                let hit = |i: &usize| folded[*i..*i + pat.len()] == pat[..];
                if from_end {
                    starts.rev().find(hit)
                } else {
                    starts.find(hit)
                }
            };
            let n = found.map_or(-1, |i| {
                hay[..i].iter().map(|ch| ch.len_utf16()).sum::<usize>() as i64
            });
            Ok(fresh(Value::Number(n as f64), at))
        }
        Value::List(xs) => {
            let order: Box<dyn Iterator<Item = (usize, &Val)>> = if from_end {
                Box::new(xs.iter().enumerate().rev())
            } else {
                Box::new(xs.iter().enumerate())
            };
            for (i, item) in order {
                match json_equal(item, x) {
                    Some(true) => return Ok(fresh(Value::Number(i as f64), at)),
                    Some(false) => {}
                    None => return Ok(undecided(item, x, at)),
                }
            }
            Ok(fresh(Value::Number(-1.0), at))
        }
        _ => Err(type_error(func, 0, "'String' or 'Array'", c)),
    }
}

fn index_of(args: &[Val], at: &Location) -> Res {
    position("indexOf", args, at, false)
}

fn last_index_of(args: &[Val], at: &Location) -> Res {
    position("lastIndexOf", args, at, true)
}

fn pad_left(args: &[Val], at: &Location) -> Res {
    for a in args {
        need_top!(a);
    }
    let v = &args[0];
    let text = match &v.value {
        Value::String(s) => s.clone(),
        Value::Number(n) => number_text(*n),
        _ => return Err(type_error("padLeft", 0, "'String' or 'Integer'", v)),
    };
    let total = int_arg("padLeft", args, 1)?;
    let pad = match args.get(2) {
        None => ' ',
        Some(_) => {
            let p = str_arg("padLeft", args, 2)?;
            let mut chars = p.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.len_utf16() == 1 => c,
                _ => {
                    return Err(
                        "the template language function 'padLeft' needs a single padding \
                         character"
                            .into(),
                    )
                }
            }
        }
    };
    let have = utf16_len(&text) as i64;
    let missing = usize::try_from(total.saturating_sub(have)).unwrap_or(0);
    check_text(
        text.len()
            .saturating_add(missing.saturating_mul(pad.len_utf8())),
    )?;
    let mut out: String = std::iter::repeat_n(pad, missing).collect();
    out.push_str(&text);
    let from: &[&Val] = match (missing, args.get(2)) {
        (0, _) => &[v],
        (_, Some(p)) => &[v, p],
        (_, None) => &[v, &args[1]],
    };
    Ok(computed(Value::String(out), from, at))
}

fn replace(args: &[Val], at: &Location) -> Res {
    need_top!(&args[0], &args[1], &args[2]);
    let s = str_arg("replace", args, 0)?;
    let old = str_arg("replace", args, 1)?;
    let new = str_arg("replace", args, 2)?;
    if old.is_empty() {
        return Err(
            "the template language function 'replace' cannot replace an empty string".into(),
        );
    }
    let count = s.matches(old).count();
    check_text(s.len().saturating_add(count.saturating_mul(new.len())))?;
    let out = s.replace(old, new);
    // The new text contributes only where it was put in.
    let from: &[&Val] = if count == 0 || new.is_empty() {
        &[&args[0]]
    } else {
        &[&args[0], &args[2]]
    };
    Ok(computed(Value::String(out), from, at))
}

fn split(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v, &args[1]);
    let s = str_arg("split", args, 0)?;
    let delimiters: Vec<String> = match &args[1].value {
        Value::String(d) => vec![d.clone()],
        Value::List(ds) => {
            need!(&args[1]);
            ds.iter()
                .map(|d| match &d.value {
                    Value::String(s) => Ok(s.clone()),
                    _ => Err(type_error(
                        "split",
                        1,
                        "'String' or an 'Array' of strings",
                        d,
                    )),
                })
                .collect::<Result<_, _>>()?
        }
        _ => return Err(type_error("split", 1, "'String' or 'Array'", &args[1])),
    };
    // .NET's String.Split(string[]) ignores empty separators and, at each position, takes the
    // first separator in the array's order that matches.
    let seps: Vec<&str> = delimiters
        .iter()
        .map(String::as_str)
        .filter(|d| !d.is_empty())
        .collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        if let Some(sep) = seps.iter().find(|d| s[i..].starts_with(**d)) {
            pieces.push(&s[start..i]);
            i += sep.len();
            start = i;
            check_len(pieces.len())?;
        } else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    pieces.push(&s[start..]);
    let items = pieces
        .into_iter()
        .map(|p| Val::string(p, v.origin.clone().or_else(|| Some(at.clone()))))
        .collect();
    Ok(computed(Value::List(items), &[v], at))
}

fn join(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v, &args[1]);
    let xs = list_arg("join", args, 0)?;
    let delimiter = str_arg("join", args, 1)?;
    let mut out = String::new();
    let mut from: Vec<Val> = Vec::new();
    for (i, x) in xs.iter().enumerate() {
        need_top!(x);
        let t = text_of(x).ok_or_else(|| type_error("join", 0, "'Array' of strings", x))?;
        if i > 0 {
            out.push_str(delimiter);
        }
        check_text(out.len() + t.len())?;
        out.push_str(&t);
        if !t.is_empty() {
            from.push(adopt(v, x));
        }
    }
    if xs.len() > 1 && !delimiter.is_empty() {
        from.push(args[1].clone());
    }
    let refs: Vec<&Val> = from.iter().collect();
    Ok(computed(Value::String(out), &refs, at))
}

fn substring(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    for a in args {
        need_top!(a);
    }
    let s = str_arg("substring", args, 0)?;
    let len = utf16_len(s) as i64;
    let start = if args.len() > 1 {
        int_arg("substring", args, 1)?
    } else {
        0
    };
    let count = if args.len() > 2 {
        int_arg("substring", args, 2)?
    } else {
        len - start
    };
    if start < 0 || count < 0 || start > len || count > len - start {
        return Err(format!(
            "the index and length parameters must refer to a location within the string; the \
             index parameter: '{start}', the length parameter: '{count}', the length of the \
             string parameter: '{len}'"
        ));
    }
    let text = utf16_slice(s, start as usize, (start + count) as usize);
    Ok(computed(Value::String(text), &[v], at))
}

fn string(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need!(v);
    let text = match &v.value {
        Value::String(_) => return Ok(v.clone()),
        Value::List(_) | Value::Object(_) => {
            if v.first_unknown().is_none() && depth_of(v, 0) > MAX_DEPTH {
                return Err("the value is nested too deeply to convert to a string".into());
            }
            serde_json::to_string(&v.to_json()).map_err(|e| e.to_string())?
        }
        _ => text_of(v).unwrap_or_default(),
    };
    check_text(text.len())?;
    Ok(computed(Value::String(text), &[v], at))
}

fn depth_of(v: &Val, depth: usize) -> usize {
    if depth > MAX_DEPTH {
        return depth;
    }
    match &v.value {
        Value::List(xs) => xs
            .iter()
            .map(|x| depth_of(x, depth + 1))
            .max()
            .unwrap_or(depth),
        Value::Object(m) => m
            .values()
            .map(|x| depth_of(x, depth + 1))
            .max()
            .unwrap_or(depth),
        _ => depth,
    }
}

fn json(args: &[Val], at: &Location) -> Res {
    let v = &args[0];
    need_top!(v);
    let s = str_arg("json", args, 0)?;
    parse_json("json", s, v, at)
}

/// JSON text as ARM's `json()` reads it: Newtonsoft's lenient reader takes single quotes,
/// comments and trailing commas. Every part of the result was written where the text was.
fn parse_json(func: &str, text: &str, from: &Val, at: &Location) -> Res {
    if nesting(text) > MAX_DEPTH {
        return Err(format!(
            "the template language function '{func}' was given JSON nested more than \
             {MAX_DEPTH} deep"
        ));
    }
    let options = jsonc_parser::ParseOptions {
        allow_comments: true,
        allow_loose_object_property_names: true,
        allow_trailing_commas: true,
        allow_missing_commas: false,
        allow_single_quoted_strings: true,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed = jsonc_parser::parse_to_value(text, &options).map_err(|e| {
        format!("the template language function '{func}' was given invalid JSON: {e}")
    })?;
    let origin = from.origin.clone().or_else(|| Some(at.clone()));
    let mut count = 0usize;
    let value = match parsed {
        Some(p) => from_json(p, &origin, &mut count)?,
        None => Val::null(origin.clone()),
    };
    Ok(Val {
        trace: from.trace.clone(),
        ..value
    })
}

/// The deepest bracket nesting in JSON text, strings aside.
fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    for b in text.bytes() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' | b'{' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
    }
    deepest
}

fn from_json(
    v: jsonc_parser::JsonValue<'_>,
    origin: &Option<Location>,
    count: &mut usize,
) -> Result<Val, String> {
    use jsonc_parser::JsonValue as J;
    *count += 1;
    check_len(*count)?;
    let value = match v {
        J::Null => Value::Null,
        J::Boolean(b) => Value::Bool(b),
        J::String(s) => Value::String(s.into_owned()),
        J::Number(n) => Value::Number(
            n.parse::<f64>()
                .map_err(|_| format!("'{n}' is not a number JSON can hold"))?,
        ),
        J::Array(items) => Value::List(
            items
                .take_inner()
                .into_iter()
                .map(|x| from_json(x, origin, count))
                .collect::<Result<_, _>>()?,
        ),
        J::Object(map) => {
            let mut out = BTreeMap::new();
            for (k, x) in map.take_inner() {
                let x = from_json(x, origin, count)?;
                put(&mut out, &k, x);
            }
            Value::Object(out)
        }
    };
    Ok(Val::new(value, origin.clone()))
}

// ---------------------------------------------------------------------------------------------
// format(): .NET composite formatting.

fn format(args: &[Val], at: &Location) -> Res {
    need_top!(&args[0]);
    let fmt = str_arg("format", args, 0)?;
    let bad = || {
        "the template language function 'format' was given a format string that is not in a \
         correct format"
            .to_string()
    };
    let mut out = String::new();
    let mut literal = false;
    let mut used: Vec<usize> = Vec::new();
    let mut chars = fmt.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|p| p.1) == Some('{') => {
                chars.next();
                out.push('{');
                literal = true;
            }
            '}' if chars.peek().map(|p| p.1) == Some('}') => {
                chars.next();
                out.push('}');
                literal = true;
            }
            '}' => return Err(bad()),
            '{' => {
                let mut item = String::new();
                loop {
                    match chars.next() {
                        Some((_, '}')) => break,
                        Some((_, '{')) | None => return Err(bad()),
                        Some((_, ch)) => item.push(ch),
                    }
                }
                let (head, spec) = match item.split_once(':') {
                    Some((h, s)) => (h, s),
                    None => (item.as_str(), ""),
                };
                let (index, align) = match head.split_once(',') {
                    Some((i, a)) => (i, Some(a.trim())),
                    None => (head, None),
                };
                let index: usize = index.trim_end().parse().map_err(|_| bad())?;
                let Some(arg) = index.checked_add(1).and_then(|i| args.get(i)) else {
                    return Err(
                        "the template language function 'format' was given an index (zero \
                         based) that must be greater than or equal to zero and less than the \
                         size of the argument list"
                            .into(),
                    );
                };
                need_top!(arg);
                let text = match &arg.value {
                    Value::Number(n) => match format_number(*n, spec)? {
                        Some(t) => t,
                        None => {
                            return Ok(Val::unknown(
                                format!("format specifier `{spec}` is not evaluated by vigil"),
                                Some(at.clone()),
                            ))
                        }
                    },
                    Value::List(_) | Value::Object(_) => {
                        return Err(type_error(
                            "format",
                            index + 1,
                            "'String', 'Integer' or 'Boolean'",
                            arg,
                        ))
                    }
                    _ => text_of(arg).unwrap_or_default(),
                };
                let width = match align {
                    Some(a) => a.parse::<i64>().map_err(|_| bad())?,
                    None => 0,
                };
                let pad = (width.unsigned_abs() as usize).saturating_sub(text.chars().count());
                check_text(out.len() + text.len() + pad)?;
                if width > 0 {
                    out.extend(std::iter::repeat_n(' ', pad));
                }
                out.push_str(&text);
                if width < 0 {
                    out.extend(std::iter::repeat_n(' ', pad));
                }
                if !text.is_empty() || pad > 0 {
                    used.push(index + 1);
                }
            }
            c => {
                out.push(c);
                literal = true;
            }
        }
        check_text(out.len())?;
    }
    used.sort_unstable();
    used.dedup();
    let mut from: Vec<&Val> = used.iter().map(|i| &args[*i]).collect();
    if literal {
        from.push(&args[0]);
    }
    Ok(computed(Value::String(out), &from, at))
}

/// A number under a .NET format specifier (en-US), `Ok(None)` for specifiers vigil does not
/// evaluate.
fn format_number(n: f64, spec: &str) -> Result<Option<String>, String> {
    let spec = spec.trim();
    if spec.is_empty() {
        return Ok(Some(number_text(n)));
    }
    let mut chars = spec.chars();
    let kind = chars.next().unwrap_or('G');
    let digits = chars.as_str();
    let standard = kind.is_ascii_alphabetic() && digits.bytes().all(|b| b.is_ascii_digit());
    if !standard {
        return Ok(custom_format(n, spec));
    }
    let precision: Option<usize> = if digits.is_empty() {
        None
    } else {
        match digits.parse::<usize>() {
            Ok(p) if p <= 100 => Some(p),
            _ => return Ok(None),
        }
    };
    let int = whole(n);
    Ok(match kind.to_ascii_uppercase() {
        'D' => {
            let Some(i) = int else {
                return Err("format specifier D needs an integer".into());
            };
            let body = format!(
                "{:0width$}",
                i.unsigned_abs(),
                width = precision.unwrap_or(0)
            );
            Some(if i < 0 { format!("-{body}") } else { body })
        }
        'X' => {
            let Some(i) = int else {
                return Err("format specifier X needs an integer".into());
            };
            let body = format!("{:0width$X}", i as u64, width = precision.unwrap_or(0));
            Some(if kind == 'x' {
                body.to_lowercase()
            } else {
                body
            })
        }
        'N' => Some(grouped(n, precision.unwrap_or(2))),
        'F' => Some(fixed(n, precision.unwrap_or(2))),
        'G' | 'R' => Some(number_text(n)),
        'E' => {
            let p = precision.unwrap_or(6);
            let s = format!("{:.p$e}", n.abs());
            let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
            let exp: i32 = exp.parse().unwrap_or(0);
            let sign = if n < 0.0 { "-" } else { "" };
            let e = if kind == 'e' { 'e' } else { 'E' };
            let es = if exp < 0 { '-' } else { '+' };
            Some(format!("{sign}{mantissa}{e}{es}{:03}", exp.unsigned_abs()))
        }
        _ => None,
    })
}

/// Fixed-point with `p` decimals; the sign only when the rounded number is not zero.
fn fixed(n: f64, p: usize) -> String {
    let body = format!("{:.p$}", n.abs());
    let zero = body.bytes().all(|b| b == b'0' || b == b'.');
    if n < 0.0 && !zero {
        format!("-{body}")
    } else {
        body
    }
}

/// `N` format: thousands separated by commas.
fn grouped(n: f64, p: usize) -> String {
    let f = fixed(n, p);
    let (sign, body) = match f.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", f.as_str()),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Custom formats made of `0` and `#` only (minimum digits): the ones templates use for
/// zero-padding.
fn custom_format(n: f64, spec: &str) -> Option<String> {
    if !spec.bytes().all(|b| b == b'0' || b == b'#') {
        return None;
    }
    let zeros = spec.bytes().filter(|b| *b == b'0').count();
    // .NET rounds custom formats half away from zero.
    let r = n.round();
    let body = format!("{:0zeros$}", r.abs() as u128);
    let body = if zeros == 0 && body == "0" {
        String::new()
    } else {
        body
    };
    Some(if r < 0.0 { format!("-{body}") } else { body })
}

// ---------------------------------------------------------------------------------------------
// Scope functions: an object whose properties exist only at deployment.

fn deployment_object(func: &str, keys: &[&str], at: &Location) -> Val {
    let map = keys
        .iter()
        .map(|k| {
            (
                (*k).to_string(),
                Val::unknown(
                    format!("`{func}().{k}` is known only at deployment"),
                    Some(at.clone()),
                ),
            )
        })
        .collect();
    fresh(Value::Object(map), at)
}

fn resource_group(_: &[Val], at: &Location) -> Res {
    Ok(deployment_object(
        "resourceGroup",
        &[
            "id",
            "location",
            "managedBy",
            "name",
            "properties",
            "tags",
            "type",
        ],
        at,
    ))
}

fn subscription(_: &[Val], at: &Location) -> Res {
    Ok(deployment_object(
        "subscription",
        &["displayName", "id", "subscriptionId", "tenantId"],
        at,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::testkit::{at_range, loc, s, whole, Kit};
    use serde_json::json;

    /// Each expression gives the JSON value.
    fn check(cases: &[(&str, serde_json::Value)]) {
        let k = Kit::new();
        for (text, want) in cases {
            assert_eq!(&k.json(text), want, "{text}");
        }
    }

    /// Each expression fails with a message containing the text.
    fn fails(cases: &[(&str, &str)]) {
        let k = Kit::new();
        for (text, want) in cases {
            let e = k.err(text);
            assert!(e.contains(want), "{text}: `{e}` does not contain `{want}`");
        }
    }

    /// Each expression is unknown with a reason containing the text.
    fn unknown(cases: &[(&str, &str)]) {
        let k = Kit::new();
        for (text, want) in cases {
            let r = k.unknown(text);
            assert!(r.contains(want), "{text}: `{r}` does not contain `{want}`");
        }
    }

    fn origin(text: &str) -> Location {
        Kit::new().eval(text).unwrap().origin.unwrap()
    }

    fn p(line: u32, len: u32) -> Location {
        loc("p.json", line, 5, 5 + len)
    }

    /// Where `needle` is written in the expression `text`.
    fn lit(text: &str, needle: &str) -> Location {
        let i = text.find(needle).unwrap();
        at_range(i..i + needle.len())
    }

    #[test]
    fn function_names_are_sorted_and_ignore_case() {
        for pair in FUNCTIONS.windows(2) {
            assert!(pair[0].name.to_ascii_lowercase() < pair[1].name.to_ascii_lowercase());
        }
        check(&[
            ("[CONCAT('a', 'b')]", json!("ab")),
            ("[toupper('a')]", json!("A")),
            ("[ToLower('A')]", json!("a")),
        ]);
    }

    #[test]
    fn arity_errors_name_the_function() {
        fails(&[
            (
                "[toLower('a', 'b')]",
                "'toLower': function requires 1 argument(s) while 2",
            ),
            ("[substring()]", "between 1 and 3"),
            ("[union(createArray())]", "at least 2"),
            ("[null(1)]", "'null'"),
        ]);
    }

    #[test]
    fn unevaluated_and_deployment_functions_are_unknown() {
        unknown(&[
            (
                "[reference('x').properties]",
                "`reference()` is known only at deployment",
            ),
            (
                "[resourceId('Microsoft.KeyVault/vaults', 'kv')]",
                "`resourceId()`",
            ),
            (
                "[subscriptionResourceId('a/b', 'c')]",
                "`subscriptionResourceId()`",
            ),
            (
                "[extensionResourceId('x', 'a/b', 'c')]",
                "`extensionResourceId()`",
            ),
            (
                "[listKeys('x', '2020-01-01').keys[0].value]",
                "`listKeys()`",
            ),
            ("[listSecrets('x', '1')]", "`listSecrets()`"),
            ("[deployment().name]", "`deployment()`"),
            ("[environment().suffixes]", "`environment()`"),
            ("[utcNow()]", "`utcNow()`"),
            ("[newGuid()]", "`newGuid()`"),
            ("[managementGroup()]", "`managementGroup()`"),
            ("[tenant().tenantId]", "`tenant()`"),
            (
                "[parseCidr('10.0.0.0/24')]",
                "function `parseCidr` is not evaluated by vigil",
            ),
            (
                "[uri('https://a.example/', 'b')]",
                "function `uri` is not evaluated by vigil",
            ),
            ("[foo(1, 2)]", "function `foo` is not evaluated by vigil"),
            (
                "[contoso.name('x')]",
                "function `contoso.name` is not evaluated by vigil",
            ),
            // The arguments of a function vigil does not know are not evaluated.
            ("[foo(parameters('missing'))]", "function `foo`"),
        ]);
        // A deployment function's arguments are still checked, as ARM checks them.
        fails(&[(
            "[resourceId(parameters('missing'))]",
            "'missing' is not found",
        )]);
        let v = Kit::new().eval("[parseCidr('10.0.0.0/24')]").unwrap();
        assert_eq!(v.origin, Some(whole()));
    }

    #[test]
    fn unique_string_and_guid_hash_their_strings() {
        // The vectors and where Azure printed them are in `crate::hash`'s tests.
        check(&[
            (
                "[uniqueString('asd', 'asdf', 'asdf')]",
                json!("iizpqit7ih3cc"),
            ),
            ("[UNIQUESTRING('asd-asdf-asdf')]", json!("iizpqit7ih3cc")),
            (
                "[guid('foo', 'bar', 'baz')]",
                json!("2ed86837-7c7c-5eaa-9864-dd077fd19b0d"),
            ),
            (
                "[guid(concat('a', 's'), 'df')]",
                json!(crate::hash::guid(&["as", "df"])),
            ),
            (
                "[uniqueString(parameters('env'))]",
                json!(crate::hash::unique_string(&["prod"])),
            ),
        ]);
        // One input keeps its origin; several make the call the origin.
        assert_eq!(origin("[uniqueString(parameters('env'))]"), p(3, 4));
        assert_eq!(origin("[guid(parameters('env'), 'x')]"), whole());
        fails(&[
            (
                "[uniqueString()]",
                "'uniqueString': function requires at least 1",
            ),
            ("[guid()]", "'guid': function requires at least 1"),
            (
                "[uniqueString('a', 1)]",
                "'uniqueString' expects its second parameter to be of type 'String'; the \
                 provided value is of type 'Integer'",
            ),
            ("[guid(null())]", "of type 'Null'"),
            ("[guid(true())]", "of type 'Boolean'"),
            ("[uniqueString(createArray('a'))]", "of type 'Array'"),
            ("[guid('a', createObject())]", "of type 'Object'"),
        ]);
        // An unknown argument leaves the hash unknown, naming why.
        unknown(&[
            ("[uniqueString(resourceGroup().id)]", "resourceGroup().id"),
            ("[guid('a', parameters('secret'))]", "'secret' has no value"),
        ]);
        // A parameter with candidates gives one hash for each.
        let v = Kit::new()
            .eval("[uniqueString(parameters('choice'))]")
            .unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!("{v:?}")
        };
        let c: Vec<_> = u.candidates.iter().map(Val::to_json).collect();
        assert_eq!(
            c,
            vec![
                json!(crate::hash::unique_string(&["AzureServices"])),
                json!(crate::hash::unique_string(&["None"])),
            ]
        );
    }

    #[test]
    fn resource_group_and_subscription_have_unknown_leaves() {
        let k = Kit::new();
        assert_eq!(
            k.unknown("[resourceGroup().location]"),
            "`resourceGroup().location` is known only at deployment"
        );
        assert!(k
            .unknown("[resourceGroup().name]")
            .contains("resourceGroup().name"));
        assert!(k
            .unknown("[resourceGroup().id]")
            .contains("resourceGroup().id"));
        assert!(k
            .unknown("[resourceGroup().tags.owner]")
            .contains("resourceGroup().tags"));
        assert!(k
            .unknown("[subscription().subscriptionId]")
            .contains("subscription()"));
        assert!(k.unknown("[subscription().TENANTID]").contains("tenantId"));
        assert!(k
            .err("[resourceGroup().nope]")
            .contains("'nope' doesn't exist"));
        assert!(k
            .unknown("[concat('rg-', resourceGroup().name)]")
            .contains("resourceGroup().name"));
    }

    #[test]
    fn concat_strings_and_arrays() {
        check(&[
            ("[concat('a', 'b', 'c')]", json!("abc")),
            ("[concat('a')]", json!("a")),
            ("[concat('n', 1, true())]", json!("n1True")),
            (
                "[concat(parameters('names'), createArray('d'))]",
                json!(["a", "b", "c", "d"]),
            ),
            (
                "[concat(createArray(1), createArray(), createArray(2, 3))]",
                json!([1, 2, 3]),
            ),
            ("[concat(createArray(1), null())]", json!([1])),
        ]);
        fails(&[
            ("[concat(createArray(1), 'a')]", "to be arrays when one is"),
            ("[concat('a', createObject())]", "'concat'"),
            ("[concat()]", "at least 1"),
        ]);
        unknown(&[(
            "[concat('a', parameters('secret'))]",
            "'secret' has no value",
        )]);
        // The one argument with text keeps its origin; two take the call's location.
        assert_eq!(origin("[concat('', parameters('env'))]"), p(3, 4));
        assert_eq!(origin("[concat('kv-', parameters('env'))]"), whole());
        // Elements of concatenated arrays keep theirs, with the hop that brought them.
        let v = Kit::new()
            .eval("[concat(parameters('names'), createArray('d'))[1]]")
            .unwrap();
        assert_eq!(v.origin, Some(p(11, 1)));
        assert_eq!(v.trace[0].label, "parameters('names')");
        // An unknown element stays inside the array.
        let v = Kit::new()
            .eval("[concat(createArray(parameters('secret')), createArray('x'))]")
            .unwrap();
        assert!(!v.is_unknown() && v.contains_unknown());
    }

    #[test]
    fn format_composite_strings() {
        check(&[
            ("[format('{0}-{1}', 'a', 'b')]", json!("a-b")),
            ("[format('{1}{0}{1}', 'a', 'b')]", json!("bab")),
            ("[format('{{{0}}}', 'x')]", json!("{x}")),
            ("[format('{0:D3}', 7)]", json!("007")),
            ("[format('{0:D2}', -7)]", json!("-07")),
            ("[format('{0:N0}', 8175133)]", json!("8,175,133")),
            ("[format('{0:N}', 1234)]", json!("1,234.00")),
            ("[format('{0:F1}', 3)]", json!("3.0")),
            ("[format('{0:X}', 255)]", json!("FF")),
            ("[format('{0:x4}', 255)]", json!("00ff")),
            ("[format('{0:000}', 5)]", json!("005")),
            ("[format('{0:E2}', 1234)]", json!("1.23E+003")),
            ("[format('{0,5}|{1,-3}|', 'ab', 'c')]", json!("   ab|c  |")),
            ("[format('{0} {1}', true(), false())]", json!("True False")),
            ("[format('[{0}]', null())]", json!("[]")),
            ("[format('plain')]", json!("plain")),
            ("[format('{0}', 'x', parameters('secret'))]", json!("x")),
            (
                "[format('Hello, {0}. Formatted number: {1:N0}', 'User', 8175133)]",
                json!("Hello, User. Formatted number: 8,175,133"),
            ),
        ]);
        fails(&[
            ("[format('{1}', 'a')]", "index (zero based)"),
            (
                "[format('{18446744073709551615}', 'a')]",
                "index (zero based)",
            ),
            ("[format('{0', 'a')]", "not in a correct format"),
            ("[format('a}b')]", "not in a correct format"),
            ("[format('{x}', 'a')]", "not in a correct format"),
            ("[format('{0}', createArray())]", "'format'"),
            ("[format('{0:D}', json('1.5'))]", "needs an integer"),
        ]);
        unknown(&[
            // Past the limits of one value the result is unknown (and the unit reports it).
            (
                "[format('{0,9223372036854775807}', 'a')]",
                "larger than 16 MiB",
            ),
            ("[format('{0}', parameters('secret'))]", "'secret'"),
            (
                "[format('{0:C}', 5)]",
                "format specifier `C` is not evaluated",
            ),
        ]);
        assert_eq!(origin("[format('{0}', parameters('env'))]"), p(3, 4));
        assert_eq!(origin("[format('kv-{0}', parameters('env'))]"), whole());
    }

    #[test]
    fn if_selects_lazily_and_keeps_origins() {
        let k = Kit::new();
        assert_eq!(k.json("[if(true(), 'a', 'b')]"), json!("a"));
        assert_eq!(k.json("[if(equals(1, 2), 'a', 'b')]"), json!("b"));
        // Only the chosen branch is evaluated.
        assert_eq!(
            k.json("[if(true(), 'a', parameters('missing'))]"),
            json!("a")
        );
        assert_eq!(
            k.json("[if(false(), parameters('missing'), 'b')]"),
            json!("b")
        );
        // The chosen literal points at itself.
        let text = "[if(parameters('flag'), 'AzureServices', 'None')]";
        let v = k.eval(text).unwrap();
        assert_eq!(v.origin, Some(lit(text, "'AzureServices'")));
        let v = k
            .eval("[if(parameters('flag'), parameters('env'), 'x')]")
            .unwrap();
        assert_eq!(v.origin, Some(p(3, 4)));
        assert_eq!(v.trace[0].label, "parameters('env')");
        assert!(k.err("[if('yes', 1, 2)]").contains("'Boolean'"));
        assert!(k.err("[if(true(), 1)]").contains("requires 3"));
    }

    #[test]
    fn if_with_an_unknown_condition_is_a_choice() {
        let k = Kit::new();
        let text = "[if(parameters('secret'), 'AzureServices', 'None')]";
        let v = k.eval(text).unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!("{v:?}")
        };
        assert_eq!(u.reason, "parameter 'secret' has no value");
        let c: Vec<_> = u.candidates.iter().map(Val::to_json).collect();
        assert_eq!(c, vec![json!("AzureServices"), json!("None")]);
        assert_eq!(u.candidates[1].origin, Some(lit(text, "'None'")));
        assert_eq!(v.origin, Some(whole()));
        // Equal branches make the choice moot.
        assert_eq!(
            k.json("[if(parameters('secret'), 'None', 'None')]"),
            json!("None")
        );
        // A branch that fails is one the deployment cannot take.
        let v = k
            .eval("[if(parameters('secret'), 'a', parameters('missing'))]")
            .unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!()
        };
        assert_eq!(u.candidates.len(), 1);
        assert!(k
            .err("[if(parameters('secret'), variables('x'), parameters('y'))]")
            .contains("not found"));
        // A branch that is wholly unknown leaves no candidates.
        let v = k
            .eval("[if(parameters('secret'), 'a', parameters('secret'))]")
            .unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!()
        };
        assert!(u.candidates.is_empty());
        // Candidates of the condition that agree decide it.
        assert_eq!(
            k.json("[if(contains(parameters('choice'), 'e'), 'yes', 'no')]"),
            json!("yes")
        );
        // A condition among candidates gives candidates.
        let v = k
            .eval("[if(equals(parameters('choice'), 'None'), 'off', 'on')]")
            .unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!("{v:?}")
        };
        assert_eq!(u.candidates.len(), 2);
    }

    #[test]
    fn logical_functions() {
        check(&[
            ("[and(true(), true())]", json!(true)),
            ("[and(true(), false(), true())]", json!(false)),
            ("[or(false(), false())]", json!(false)),
            ("[or(false(), true())]", json!(true)),
            ("[not(false())]", json!(true)),
            ("[not(parameters('flag'))]", json!(false)),
            ("[bool('TRUE')]", json!(true)),
            ("[bool('false')]", json!(false)),
            ("[bool(0)]", json!(false)),
            ("[bool(2)]", json!(true)),
            ("[bool(true())]", json!(true)),
            ("[true]", json!(true)),
            ("[null()]", json!(null)),
            // A settled result does not need the unknowns or the rest.
            ("[and(parameters('secret'), false())]", json!(false)),
            ("[or(parameters('secret'), true())]", json!(true)),
            ("[and(false(), parameters('missing'))]", json!(false)),
            ("[or(true(), variables('missing'))]", json!(true)),
        ]);
        fails(&[
            ("[and(true())]", "at least 2"),
            ("[and(true(), 'x')]", "'Boolean'"),
            ("[not('x')]", "'Boolean'"),
            ("[bool('yes')]", "cannot convert 'yes'"),
            ("[bool(createArray())]", "'bool'"),
            ("[and(true(), parameters('missing'))]", "not found"),
        ]);
        unknown(&[
            ("[and(parameters('secret'), true())]", "'secret'"),
            ("[or(false(), parameters('secret'))]", "'secret'"),
            ("[not(parameters('secret'))]", "'secret'"),
            ("[bool(parameters('secret'))]", "'secret'"),
            // An unknown before a failure may have settled the result.
            (
                "[and(parameters('secret'), parameters('missing'))]",
                "'secret'",
            ),
        ]);
        // One unknown decides alone: the result is among its candidates; two together, not.
        let k = Kit::new();
        let v = k
            .eval("[or(false(), equals(parameters('choice'), 'None'))]")
            .unwrap();
        assert!(matches!(&v.value, Value::Unknown(u) if u.candidates.len() == 2));
        let v = k
            .eval("[and(equals(parameters('choice'), 'None'), parameters('secret'))]")
            .unwrap();
        assert!(matches!(&v.value, Value::Unknown(u) if u.candidates.is_empty()));
        let one = Val::unknown_among("u", vec![Val::new(Value::Bool(true), None)], None);
        let v = call("and", vec![one.clone(), Val::unknown("w", None)], &whole()).unwrap();
        assert!(matches!(&v.value, Value::Unknown(u) if u.candidates.is_empty()));
        let v = call(
            "and",
            vec![one, Val::new(Value::Bool(true), None)],
            &whole(),
        )
        .unwrap();
        // Its one candidate settles it.
        assert_eq!(v.as_bool(), Some(true));
        assert_eq!(origin("[not(parameters('flag'))]"), loc("p.json", 15, 5, 9));
        // Eager forms (as `call` offers them to other front ends).
        let t = Val::new(Value::Bool(true), None);
        let u = Val::unknown("u", None);
        assert!(call("and", vec![u.clone(), t.clone()], &whole())
            .unwrap()
            .is_unknown());
        assert_eq!(
            call("or", vec![u.clone(), t.clone()], &whole())
                .unwrap()
                .as_bool(),
            Some(true)
        );
        assert_eq!(
            call("if", vec![t, s("a", 1), s("b", 2)], &whole())
                .unwrap()
                .origin,
            Some(p(1, 1))
        );
        let v = call("if", vec![u, s("a", 1), s("b", 2)], &whole()).unwrap();
        assert!(matches!(&v.value, Value::Unknown(x) if x.candidates.len() == 2));
    }

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

    #[test]
    fn candidates_flow_through_computations() {
        let k = Kit::new();
        let v = k.eval("[toLower(parameters('choice'))]").unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!("{v:?}")
        };
        let c: Vec<_> = u.candidates.iter().map(Val::to_json).collect();
        assert_eq!(c, vec![json!("azureservices"), json!("none")]);
        assert_eq!(u.candidates[1].origin, Some(p(21, 4)));
        assert_eq!(u.reason, "parameter 'choice' has no value");
        // Candidates that agree give a known value.
        assert_eq!(k.json("[length(take(parameters('choice'), 1))]"), json!(1));
        // Equality against candidates is a choice between booleans.
        let v = k.eval("[equals(parameters('choice'), 'None')]").unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!()
        };
        assert_eq!(u.candidates.len(), 2);
        // Property access on candidates.
        let obj = Val::unknown_among(
            "which",
            vec![
                Val::object([("a".to_string(), s("x", 1))], None),
                Val::object([("a".to_string(), s("y", 2))], None),
            ],
            None,
        );
        let v = property(&obj, "A").unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!()
        };
        assert_eq!(u.candidates[0].origin, Some(p(1, 1)));
        let same = Val::unknown_among(
            "which",
            vec![Val::object([("a".to_string(), s("x", 1))], None)],
            None,
        );
        let v = index(&same, &s("a", 3)).unwrap();
        assert!(matches!(&v.value, Value::Unknown(u) if u.candidates.len() == 1));
    }

    #[test]
    fn empty_length_contains() {
        check(&[
            ("[empty('')]", json!(true)),
            ("[empty('a')]", json!(false)),
            ("[empty(createArray())]", json!(true)),
            ("[empty(createObject())]", json!(true)),
            ("[empty(createObject('a', 1))]", json!(false)),
            ("[empty(null())]", json!(true)),
            ("[empty(createArray(parameters('secret')))]", json!(false)),
            ("[length('abc')]", json!(3)),
            ("[length('😀')]", json!(2)),
            ("[length(parameters('names'))]", json!(3)),
            ("[length(parameters('acls'))]", json!(2)),
            ("[length(createArray(parameters('secret')))]", json!(1)),
            ("[contains('OneTwoThree', 'e')]", json!(true)),
            ("[contains('OneTwoThree', 'z')]", json!(false)),
            ("[contains('OneTwoThree', 'one')]", json!(false)),
            ("[contains('a1', 1)]", json!(true)),
            ("[contains(parameters('acls'), 'BYPASS')]", json!(true)),
            ("[contains(parameters('acls'), 'None')]", json!(false)),
            ("[contains(parameters('names'), 'b')]", json!(true)),
            ("[contains(parameters('names'), 'B')]", json!(false)),
            ("[contains(createArray(1, 2), 2)]", json!(true)),
            (
                "[contains(createArray(parameters('secret'), 'b'), 'b')]",
                json!(true),
            ),
        ]);
        fails(&[
            ("[empty(1)]", "'empty'"),
            ("[length(1)]", "'length'"),
            ("[length(null())]", "'length'"),
            ("[contains(1, 1)]", "'contains'"),
            ("[contains('a', createArray())]", "'contains'"),
        ]);
        unknown(&[
            ("[empty(parameters('secret'))]", "'secret'"),
            ("[length(parameters('secret'))]", "'secret'"),
            ("[contains(parameters('secret'), 'a')]", "'secret'"),
            ("[contains('abc', parameters('secret'))]", "'secret'"),
            (
                "[contains(createArray(parameters('secret'), 'b'), 'c')]",
                "'secret'",
            ),
        ]);
        assert_eq!(origin("[length(parameters('env'))]"), p(3, 4));
        assert_eq!(origin("[empty(parameters('env'))]"), p(3, 4));
    }

    #[test]
    fn string_functions() {
        check(&[
            ("[toLower('One Two')]", json!("one two")),
            ("[toUpper('One Two')]", json!("ONE TWO")),
            ("[trim('  one two  ')]", json!("one two")),
            ("[replace('123-123-1234', '-', '')]", json!("1231231234")),
            (
                "[replace('123-123-1234', '1234', 'xxxx')]",
                json!("123-123-xxxx"),
            ),
            ("[replace('aA', 'a', 'b')]", json!("bA")),
            (
                "[split('one,two,three', ',')]",
                json!(["one", "two", "three"]),
            ),
            (
                "[split('one;two,three', createArray(',', ';'))]",
                json!(["one", "two", "three"]),
            ),
            ("[split('a,,b', ',')]", json!(["a", "", "b"])),
            ("[split('abc', '')]", json!(["abc"])),
            ("[join(createArray('a', 'b', 'c'), '-')]", json!("a-b-c")),
            ("[join(createArray(), '-')]", json!("")),
            ("[join(createArray(1, true()), ',')]", json!("1,True")),
            ("[substring('one two three', 4, 3)]", json!("two")),
            ("[substring('abc', 1)]", json!("bc")),
            ("[substring('abc', 3, 0)]", json!("")),
            ("[startsWith('abcdef', 'AB')]", json!(true)),
            ("[startsWith('abcdef', 'e')]", json!(false)),
            ("[endsWith('abcdef', 'EF')]", json!(true)),
            ("[endsWith('abcdef', 'e')]", json!(false)),
            ("[indexOf('test', 't')]", json!(0)),
            ("[lastIndexOf('test', 't')]", json!(3)),
            ("[indexOf('abcdef', 'CD')]", json!(2)),
            ("[lastIndexOf('abcdef', 'AB')]", json!(0)),
            ("[indexOf('abcdef', 'z')]", json!(-1)),
            ("[indexOf('😀x', 'x')]", json!(2)),
            ("[indexOf(createArray('a', 'b', 'b'), 'b')]", json!(1)),
            ("[lastIndexOf(createArray('a', 'b', 'b'), 'b')]", json!(2)),
            ("[indexOf(createArray(1), 2)]", json!(-1)),
            ("[padLeft('123', 10, '0')]", json!("0000000123")),
            ("[padLeft(7, 3, '0')]", json!("007")),
            ("[padLeft('abc', 2)]", json!("abc")),
            ("[padLeft('abc', -9223372036854775808)]", json!("abc")),
            ("[padLeft('a', 3)]", json!("  a")),
            ("[first('One Two')]", json!("O")),
            ("[last('One Two')]", json!("o")),
            ("[first('')]", json!("")),
            ("[skip('one two three', 4)]", json!("two three")),
            ("[take('one two three', 3)]", json!("one")),
            ("[take('ab', -1)]", json!("")),
            ("[skip('ab', 5)]", json!("")),
            ("[base64('one, two, three')]", json!("b25lLCB0d28sIHRocmVl")),
            ("[base64('')]", json!("")),
            ("[base64('a')]", json!("YQ==")),
            (
                "[base64ToString('b25lLCB0d28sIHRocmVl')]",
                json!("one, two, three"),
            ),
            ("[base64ToString('YWI=')]", json!("ab")),
            (
                "[base64ToJson(base64('{''one'': ''a'', ''two'': ''b''}'))]",
                json!({"one": "a", "two": "b"}),
            ),
            (
                "[dataUri('Hello')]",
                json!("data:text/plain;charset=utf8;base64,SGVsbG8="),
            ),
            (
                "[dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')]",
                json!("Hello, World!"),
            ),
            ("[dataUriToString('data:text/plain,a%20b')]", json!("a b")),
            (
                "[uriComponent('http://contoso.com/resources/nested/azuredeploy.json')]",
                json!("http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json"),
            ),
            (
                "[uriComponentToString('http%3A%2F%2Fcontoso.com%2Fa%zz')]",
                json!("http://contoso.com/a%zz"),
            ),
        ]);
        fails(&[
            (
                "[toLower(1)]",
                "expects its first parameter to be of type 'String'",
            ),
            ("[replace('a', '', 'b')]", "empty string"),
            (
                "[substring('1234567890', 0, 11)]",
                "the length of the string parameter: '10'",
            ),
            ("[substring('abc', -1, 1)]", "index parameter: '-1'"),
            ("[substring('abc', 1, -1)]", "must refer to a location"),
            ("[split('a', 1)]", "'split'"),
            ("[join('a', ',')]", "'Array'"),
            ("[join(createArray(createArray()), ',')]", "'join'"),
            ("[padLeft('a', 3, 'xy')]", "single padding character"),
            ("[base64ToString('abc')]", "not base64"),
            ("[base64ToString('a===')]", "not base64"),
            ("[dataUriToString('hello')]", "invalid data URI"),
            ("[startsWith(1, 'a')]", "'String'"),
            ("[indexOf(1, 'a')]", "'indexOf'"),
            ("[first(1)]", "'first'"),
            ("[skip('a', 'b')]", "'Integer'"),
        ]);
        unknown(&[
            // Past the limits of one value the result is unknown (and the unit reports it).
            ("[padLeft('a', 100000000, 'x')]", "larger than 16 MiB"),
            (
                "[padLeft('a', 4611686018427387904, 'x')]",
                "larger than 16 MiB",
            ),
            ("[toUpper(parameters('secret'))]", "'secret'"),
            ("[replace(parameters('secret'), 'a', 'b')]", "'secret'"),
            ("[split(parameters('secret'), ',')]", "'secret'"),
            (
                "[join(createArray('a', parameters('secret')), ',')]",
                "'secret'",
            ),
            ("[substring(parameters('secret'), 1)]", "'secret'"),
            ("[startsWith('a', parameters('secret'))]", "'secret'"),
            (
                "[indexOf(createArray(parameters('secret')), 'a')]",
                "'secret'",
            ),
            ("[padLeft(parameters('secret'), 3)]", "'secret'"),
            ("[base64(parameters('secret'))]", "'secret'"),
            ("[first(parameters('secret'))]", "'secret'"),
            ("[skip('abc', parameters('secret'))]", "'secret'"),
        ]);
        // A value computed from one input keeps that input's origin and hops.
        let v = Kit::new().eval("[toUpper(parameters('env'))]").unwrap();
        assert_eq!(v.origin, Some(p(3, 4)));
        assert_eq!(v.trace[0].label, "parameters('env')");
        assert_eq!(origin("[trim(parameters('env'))]"), p(3, 4));
        assert_eq!(origin("[replace(parameters('env'), 'x', 'y')]"), p(3, 4));
        assert_eq!(origin("[replace(parameters('env'), 'p', 'y')]"), whole());
        assert_eq!(origin("[split(parameters('env'), 'o')[1]]"), p(3, 4));
        assert_eq!(origin("[join(parameters('names'), '')]"), whole());
        assert_eq!(
            origin("[join(take(parameters('names'), 1), ',')]"),
            p(10, 1)
        );
        assert_eq!(origin("[padLeft(parameters('env'), 2)]"), p(3, 4));
        assert_eq!(origin("[substring(parameters('env'), 1, 2)]"), p(3, 4));
        assert_eq!(origin("[startsWith(parameters('env'), 'p')]"), whole());
    }

    #[test]
    fn string_conversions() {
        check(&[
            (
                "[string(createObject('valueA', 10, 'valueB', 'Example Text'))]",
                json!("{\"valueA\":10,\"valueB\":\"Example Text\"}"),
            ),
            (
                "[string(createArray('a', 'b', 'c'))]",
                json!("[\"a\",\"b\",\"c\"]"),
            ),
            ("[string(5)]", json!("5")),
            ("[string(true())]", json!("True")),
            ("[string(false())]", json!("False")),
            ("[string('x')]", json!("x")),
            ("[string(null())]", json!("")),
            ("[string(createArray(true()))]", json!("[true]")),
            ("[int('4')]", json!(4)),
            ("[int(' -4 ')]", json!(-4)),
            ("[int(4)]", json!(4)),
            ("[int(json('2.5'))]", json!(2)),
            ("[json('{\"a\": \"b\"}')]", json!({"a": "b"})),
            ("[json('null')]", json!(null)),
            ("[json('true')]", json!(true)),
            ("[json('3')]", json!(3)),
            ("[json('1.5')]", json!(1.5)),
            ("[json('[1, 2, 3]')]", json!([1, 2, 3])),
            ("[json('\"test\"')]", json!("test")),
            (
                "[json('{''a'': ''demo value'', /* c */ }')]",
                json!({"a": "demo value"}),
            ),
            (
                "[json(concat('{\"a\": \"', parameters('env'), '\"}')).a]",
                json!("prod"),
            ),
        ]);
        fails(&[
            ("[int('4.5')]", "cannot convert '4.5'"),
            ("[int('x')]", "cannot convert"),
            ("[int(createArray())]", "'int'"),
            ("[json('{')]", "invalid JSON"),
            ("[json(1)]", "'String'"),
            (
                "[json(concat(replace(padLeft('', 200, 'x'), 'x', '['), ''))]",
                "nested more than",
            ),
        ]);
        unknown(&[
            ("[string(parameters('secret'))]", "'secret'"),
            ("[string(createArray(parameters('secret')))]", "'secret'"),
            ("[int(parameters('secret'))]", "'secret'"),
            ("[json(parameters('secret'))]", "'secret'"),
        ]);
        assert_eq!(
            origin("[string(parameters('count'))]"),
            loc("p.json", 14, 5, 6)
        );
        let v = Kit::new().eval("[json(parameters('env'))]");
        assert!(v.is_err());
        // Every part of parsed JSON was written where its text was.
        let k = Kit::new();
        let text = "[json('{\"a\": [1]}').a[0]]";
        let v = k.eval(text).unwrap();
        assert_eq!(v.origin, Some(lit(text, "'{\"a\": [1]}'")));
    }

    #[test]
    fn numeric_functions() {
        check(&[
            ("[add(5, 3)]", json!(8)),
            ("[sub(5, 7)]", json!(-2)),
            ("[mul(5, 3)]", json!(15)),
            ("[div(8, 3)]", json!(2)),
            ("[div(-8, 3)]", json!(-2)),
            ("[mod(7, 3)]", json!(1)),
            ("[mod(-7, 3)]", json!(-1)),
            ("[min(3, 1, 2)]", json!(1)),
            ("[max(3, 1, 2)]", json!(3)),
            ("[min(createArray(0, 3, 2))]", json!(0)),
            ("[max(createArray(0, 3, 2), 5)]", json!(5)),
            ("[range(1, 3)]", json!([1, 2, 3])),
            ("[range(-1, 0)]", json!([])),
            ("[length(range(0, 10000))]", json!(10000)),
        ]);
        fails(&[
            ("[div(1, 0)]", "divide by zero"),
            ("[mod(1, 0)]", "divide by zero"),
            ("[mul(4611686018427387904, 2)]", "overflows"),
            ("[add('1', 2)]", "'Integer'"),
            ("[min(createArray())]", "at least one"),
            ("[min('a')]", "'min'"),
            ("[range(0, 10001)]", "count from 0 to 10000"),
            ("[range(0, -1)]", "count from 0 to 10000"),
            ("[range(2147483647, 1)]", "at most 2147483647"),
        ]);
        unknown(&[
            ("[add(parameters('secret'), 1)]", "'secret'"),
            ("[max(1, parameters('secret'))]", "'secret'"),
            ("[range(0, parameters('secret'))]", "'secret'"),
        ]);
        // min and max select: the chosen number keeps its origin and hops.
        let v = Kit::new()
            .eval("[max(createArray(1), parameters('count'))]")
            .unwrap();
        assert_eq!(v.origin, Some(loc("p.json", 14, 5, 6)));
        assert_eq!(v.trace[0].label, "parameters('count')");
        assert_eq!(origin("[add(parameters('count'), 1)]"), whole());
    }

    #[test]
    fn array_functions() {
        check(&[
            ("[array(1)]", json!([1])),
            ("[array('efgh')]", json!(["efgh"])),
            ("[array(createObject('a', 'b'))]", json!([{"a": "b"}])),
            ("[array(createArray(1))]", json!([1])),
            ("[createArray('a', 'b', 'c')]", json!(["a", "b", "c"])),
            ("[createArray()]", json!([])),
            ("[createArray(createArray('one'))]", json!([["one"]])),
            ("[first(parameters('names'))]", json!("a")),
            ("[last(parameters('names'))]", json!("c")),
            ("[first(createArray())]", json!(null)),
            ("[skip(parameters('names'), 2)]", json!(["c"])),
            ("[skip(parameters('names'), -1)]", json!(["a", "b", "c"])),
            ("[take(parameters('names'), 2)]", json!(["a", "b"])),
            ("[take(parameters('names'), 9)]", json!(["a", "b", "c"])),
            ("[indexFromEnd(parameters('names'), 1)]", json!("c")),
            ("[tryIndexFromEnd(parameters('names'), 4)]", json!(null)),
            ("[union(createArray('one', 'two', 'three'), createArray('three', 'four'))]",
             json!(["one", "two", "three", "four"])),
            ("[union(createArray(createArray('one', 'two'), createArray('three')), createArray(createArray('three'), createArray('four', 'two')))]",
             json!([["one", "two"], ["three"], ["four", "two"]])),
            ("[intersection(createArray('one', 'two', 'three'), createArray('two', 'three'))]",
             json!(["two", "three"])),
            ("[intersection(createArray(1, 1, 2), createArray(1), createArray(1, 3))]", json!([1])),
        ]);
        fails(&[
            ("[indexFromEnd(parameters('names'), 4)]", "from the end"),
            ("[union(createArray(1), createObject())]", "'Array'"),
            ("[intersection(createArray(1), 'a')]", "'Array'"),
        ]);
        unknown(&[
            ("[first(parameters('secret'))]", "'secret'"),
            (
                "[union(parameters('names'), parameters('secret'))]",
                "'secret'",
            ),
            (
                "[union(createArray(parameters('secret')), createArray('a'))]",
                "'secret'",
            ),
            (
                "[intersection(createArray(parameters('secret')), createArray('a'))]",
                "'secret'",
            ),
        ]);
        // Selected elements keep their origin and the hops of their array.
        let v = Kit::new().eval("[first(parameters('names'))]").unwrap();
        assert_eq!(v.origin, Some(p(10, 1)));
        assert_eq!(v.trace[0].label, "parameters('names')");
        let v = Kit::new()
            .eval("[skip(parameters('names'), 1)[0]]")
            .unwrap();
        assert_eq!(v.origin, Some(p(11, 1)));
        assert_eq!(v.trace.len(), 1);
        let v = Kit::new()
            .eval("[union(createArray('z'), parameters('names'))[2]]")
            .unwrap();
        assert_eq!(v.origin, Some(p(11, 1)));
        assert_eq!(v.trace[0].label, "parameters('names')");
        let v = Kit::new()
            .eval("[createArray(parameters('env'))[0]]")
            .unwrap();
        assert_eq!(v.origin, Some(p(3, 4)));
        assert_eq!(origin("[createArray(1)]"), whole());
    }

    #[test]
    fn object_functions() {
        check(&[
            ("[createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', createArray('a', 'b', 'c'), 'objectProp', createObject('key1', 'value1'))]",
             json!({"intProp": 1, "stringProp": "abc", "boolProp": true, "arrayProp": ["a", "b", "c"], "objectProp": {"key1": "value1"}})),
            ("[createObject()]", json!({})),
            ("[createObject('a', 1, 'A', 2)]", json!({"a": 2})),
            ("[union(createObject('one', 'a', 'two', 'b', 'three', 'c1'), createObject('three', 'c2', 'four', 'd', 'five', 'e'))]",
             json!({"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"})),
            ("[union(json('{\"property\": {\"one\": \"a\", \"two\": \"b\", \"three\": \"c1\"}, \"nestedArray\": [1, 2]}'), json('{\"property\": {\"three\": \"c2\", \"four\": \"d\", \"five\": \"e\"}, \"nestedArray\": [3, 4]}'))]",
             json!({"property": {"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"}, "nestedArray": [3, 4]})),
            ("[union(createObject('Key', 1), createObject('key', 2))]", json!({"Key": 2})),
            ("[union(createObject('a', 1), null())]", json!({"a": 1})),
            ("[intersection(createObject('one', 'a', 'two', 'b', 'three', 'c'), createObject('one', 'a', 'two', 'z', 'three', 'c'))]",
             json!({"one": "a", "three": "c"})),
            ("[items(createObject('item002', createObject('enabled', false()), 'item001', createObject('enabled', true())))]",
             json!([{"key": "item001", "value": {"enabled": true}}, {"key": "item002", "value": {"enabled": false}}])),
            ("[items(createObject('b', 1, 'A', 2))[0].key]", json!("A")),
            ("[objectKeys(createObject('b', 1, 'a', 2))]", json!(["a", "b"])),
            ("[shallowMerge(createArray(createObject('a', 1, 'n', createObject('x', 1)), createObject('b', 2, 'n', createObject('y', 2))))]",
             json!({"a": 1, "b": 2, "n": {"y": 2}})),
            ("[tryGet(parameters('acls'), 'bypass')]", json!("None")),
            ("[tryGet(parameters('acls'), 'missing')]", json!(null)),
            ("[tryGet(parameters('names'), 1)]", json!("b")),
            ("[tryGet(parameters('names'), 5)]", json!(null)),
            ("[tryGet(null(), 'a')]", json!(null)),
            ("[tryGet(json('{\"a\": {\"b\": 1}}'), 'a', 'b')]", json!(1)),
            ("[tryGet(json('{\"a\": null}'), 'a', 'b')]", json!(null)),
        ]);
        fails(&[
            ("[createObject('a')]", "even number"),
            ("[createObject(1, 'a')]", "'createObject'"),
            ("[union(createObject(), createArray())]", "'Object'"),
            ("[items(createArray())]", "'Object'"),
            ("[objectKeys('a')]", "'Object'"),
            ("[shallowMerge(createArray(1))]", "'shallowMerge'"),
            ("[tryGet('a', 'b')]", "'tryGet'"),
            ("[tryGet(parameters('acls'), 1)]", "'tryGet'"),
        ]);
        unknown(&[
            ("[union(parameters('acls'), parameters('secret'))]", "'secret'"),
            ("[createObject(parameters('secret'), 1)]", "'secret'"),
            ("[items(parameters('secret'))]", "'secret'"),
            ("[tryGet(parameters('secret'), 'a')]", "'secret'"),
            ("[tryGet(parameters('acls'), parameters('secret'))]", "'secret'"),
            ("[union(createObject('a', parameters('secret')), createObject('a', createObject('b', 1))).a]", "'secret'"),
        ]);
        let k = Kit::new();
        // Members keep their own origins and the hops that brought their object.
        let v = k
            .eval("[createObject('bypass', parameters('acls').bypass).bypass]")
            .unwrap();
        assert_eq!(v.origin, Some(p(7, 4)));
        assert_eq!(v.trace[0].label, "parameters('acls')");
        let text = "[createObject('bypass', 'None').bypass]";
        let v = k.eval(text).unwrap();
        assert_eq!(v.origin, Some(lit(text, "'None'")));
        let v = k
            .eval("[union(parameters('acls'), createObject('x', 1)).bypass]")
            .unwrap();
        assert_eq!(v.origin, Some(p(7, 4)));
        assert_eq!(v.trace[0].label, "parameters('acls')");
        let text = "[union(parameters('acls'), createObject('bypass', 'AzureServices')).bypass]";
        let v = k.eval(text).unwrap();
        assert_eq!(v.origin, Some(lit(text, "'AzureServices'")));
        let v = k.eval("[tryGet(parameters('acls'), 'bypass')]").unwrap();
        assert_eq!(v.origin, Some(p(7, 4)));
        assert_eq!(v.trace[0].label, "parameters('acls')");
        let v = k.eval("[items(parameters('acls'))[0].value]").unwrap();
        assert_eq!(v.origin, Some(p(7, 4)));
        // An unknown member stays a member.
        let v = k
            .eval("[createObject('a', parameters('secret'), 'b', 1)]")
            .unwrap();
        assert!(!v.is_unknown() && v.contains_unknown());
        let v = k
            .eval("[union(parameters('acls'), createObject('bypass', parameters('secret')))]")
            .unwrap();
        assert!(!v.is_unknown());
        assert_eq!(v.to_json()["defaultAction"], json!("Deny"));
    }

    #[test]
    fn property_access_and_indexing() {
        let k = Kit::new();
        assert_eq!(k.json("[parameters('acls').bypass]"), json!("None"));
        assert_eq!(k.json("[parameters('acls').BYPASS]"), json!("None"));
        assert_eq!(
            k.json("[parameters('acls')['defaultAction']]"),
            json!("Deny")
        );
        assert_eq!(k.json("[parameters('names')[1]]"), json!("b"));
        assert_eq!(
            k.json("[parameters('names')[sub(length(parameters('names')), 1)]]"),
            json!("c")
        );
        assert_eq!(k.json("[json('{\"a\": null}').a]"), json!(null));
        let e = k.err("[parameters('acls').nope]");
        assert!(
            e.contains("'nope' doesn't exist, available properties are 'bypass, defaultAction'"),
            "{e}"
        );
        assert!(k
            .err("[parameters('names')[3]]")
            .contains("array index '3' is out of bounds"));
        assert!(k.err("[parameters('names')[-1]]").contains("out of bounds"));
        assert!(k.err("[parameters('names')['a']]").contains("can't index"));
        assert!(k
            .err("[parameters('env').length]")
            .contains("has no properties"));
        assert!(k.err("[null().a]").contains("null"));
        assert!(k.err("[null()[0]]").contains("null"));
        assert!(k
            .unknown("[parameters('secret').a.b[0]]")
            .contains("'secret'"));
        assert!(k
            .unknown("[parameters('names')[parameters('secret')]]")
            .contains("'secret'"));
        // The property keeps its origin; the hops that carried its object come first.
        let v = k.eval("[parameters('acls').bypass]").unwrap();
        assert_eq!(v.origin, Some(p(7, 4)));
        assert_eq!(v.trace.len(), 1);
        assert_eq!(v.trace[0].label, "parameters('acls')");
        assert_eq!(v.trace[0].location, whole());
        // Indexing by candidates chooses among elements.
        let v = index(
            &k.eval("[parameters('names')]").unwrap(),
            &Val::unknown_among(
                "i",
                vec![
                    Val::new(Value::Number(0.0), None),
                    Val::new(Value::Number(2.0), None),
                ],
                None,
            ),
        )
        .unwrap();
        let Value::Unknown(u) = &v.value else {
            panic!()
        };
        assert_eq!(
            u.candidates.iter().map(Val::to_json).collect::<Vec<_>>(),
            vec![json!("a"), json!("c")]
        );
    }

    #[test]
    fn over_candidates_is_bounded() {
        let many: Vec<Val> = (0..20).map(|i| s(&format!("v{i}"), 1)).collect();
        let u = Val::unknown_among("many", many, None);
        let v = call("toUpper", vec![u], &whole()).unwrap();
        assert!(matches!(&v.value, Value::Unknown(x) if x.candidates.is_empty()));
        let some: Vec<Val> = (0..3).map(|i| s(&format!("v{i}"), 1)).collect();
        let u = Val::unknown_among("some", some, None);
        let v = call("concat", vec![u.clone(), u], &whole()).unwrap();
        assert!(matches!(&v.value, Value::Unknown(x) if x.candidates.len() == 9));
    }

    #[test]
    fn base64_round_trips() {
        for text in ["", "a", "ab", "abc", "abcd", "héllo wörld", "\u{0}\u{7f}"] {
            let enc = base64_encode(text.as_bytes());
            assert_eq!(
                base64_decode(&enc).as_deref(),
                Some(text.as_bytes()),
                "{text}"
            );
        }
        assert_eq!(base64_decode("YW Jj\nZA=="), Some(b"abcd".to_vec()));
        assert_eq!(base64_decode("YQ=a"), None);
        assert_eq!(base64_decode("=QQQ"), None);
    }
}
