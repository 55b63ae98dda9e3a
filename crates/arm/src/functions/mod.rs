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
//! `if`, `and` and `or` evaluate lazily and lambdas need an environment: they take their
//! arguments through [`Args`], which each evaluator implements ([`crate::expr`], and Bicep's).
//!
//! Where things are: this file holds the one function table (`FUNCTIONS`), the entry points
//! ([`call_with`], [`call`]) and the helpers every category shares (argument
//! types, ARM's type names, limits of a value, property names without case). Each function
//! lives in the file of its category in Microsoft's template function reference: `array.rs`,
//! `comparison.rs`, `lambda.rs`, `logical.rs`, `numeric.rs`, `object.rs`, `scope.rs`,
//! `string.rs`; a function the reference lists under several categories (`concat`, `length`,
//! `contains`, ...) lives in the first of them, in the reference's order. The reference's
//! date, deployment and resource functions have values only at deployment: vigil evaluates
//! none of them (`AT_DEPLOYMENT`), so they have no file; `parameters`, `variables` and
//! `copyIndex` read the template and live in the evaluator. Helpers that are not functions
//! have files named for what they are: `args.rs` (how a function gets its arguments),
//! `access.rs` (`.name` and `[i]`), `encoding.rs` (base64, percent-encoding),
//! `number_format.rs` (.NET number formats), and `crate::hash` (`uniqueString`, `guid`).

pub use access::{index, property};
use args::Evaluated;
pub use args::{bad_lambda, Args};
use comparison::json_equal;
pub use logical::condition;

use std::collections::BTreeMap;
use vigil_model::limits::{CALL_COMBINATIONS, VALUE_DEPTH};
use vigil_model::{Location, Val, Value};

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
    spec("add", 2, Some(2), numeric::add),
    lazy_spec("and", 2, None, logical::and),
    spec("array", 1, Some(1), array::array),
    spec("base64", 1, Some(1), string::base64),
    spec("base64ToJson", 1, Some(1), string::base64_to_json),
    spec("base64ToString", 1, Some(1), string::base64_to_string),
    spec("bool", 1, Some(1), logical::to_bool),
    lazy_spec("coalesce", 1, None, comparison::coalesce),
    spec("concat", 1, None, array::concat),
    spec("contains", 2, Some(2), array::contains),
    spec("createArray", 0, None, array::create_array),
    spec("createObject", 0, None, object::create_object),
    spec("dataUri", 1, Some(1), string::data_uri),
    spec("dataUriToString", 1, Some(1), string::data_uri_to_string),
    spec("div", 2, Some(2), numeric::div),
    spec("empty", 1, Some(1), array::empty),
    spec("endsWith", 2, Some(2), string::ends_with),
    spec("equals", 2, Some(2), comparison::equals),
    spec("false", 0, Some(0), logical::false_),
    lambda_spec("filter", 2, Some(2), lambda::filter),
    spec("first", 1, Some(1), array::first),
    spec("format", 1, None, string::format),
    spec("greater", 2, Some(2), comparison::greater),
    spec("greaterOrEquals", 2, Some(2), comparison::greater_or_equals),
    lambda_spec("groupBy", 2, Some(2), lambda::group_by),
    spec("guid", 1, None, string::guid),
    lazy_spec("if", 3, Some(3), logical::if_),
    spec("indexFromEnd", 2, Some(2), array::index_from_end),
    spec("indexOf", 2, Some(2), array::index_of),
    spec("int", 1, Some(1), numeric::to_int),
    spec("intersection", 2, None, array::intersection),
    spec("items", 1, Some(1), object::items),
    spec("join", 2, Some(2), string::join),
    spec("json", 1, Some(1), object::json),
    spec("last", 1, Some(1), array::last),
    spec("lastIndexOf", 2, Some(2), array::last_index_of),
    spec("length", 1, Some(1), array::length),
    spec("less", 2, Some(2), comparison::less),
    spec("lessOrEquals", 2, Some(2), comparison::less_or_equals),
    lambda_spec("map", 2, Some(2), lambda::map),
    lambda_spec("mapValues", 2, Some(2), lambda::map_values),
    spec("max", 1, None, array::max),
    spec("min", 1, None, array::min),
    spec("mod", 2, Some(2), numeric::modulo),
    spec("mul", 2, Some(2), numeric::mul),
    spec("not", 1, Some(1), logical::not),
    spec("null", 0, Some(0), object::null),
    spec("objectKeys", 1, Some(1), object::object_keys),
    lazy_spec("or", 2, None, logical::or),
    spec("padLeft", 2, Some(3), string::pad_left),
    spec("range", 2, Some(2), array::range),
    lambda_spec("reduce", 3, Some(3), lambda::reduce),
    spec("replace", 3, Some(3), string::replace),
    spec("resourceGroup", 0, Some(0), scope::resource_group),
    spec("shallowMerge", 1, Some(1), object::shallow_merge),
    spec("skip", 2, Some(2), array::skip),
    lambda_spec("sort", 2, Some(2), lambda::sort),
    spec("split", 2, Some(2), string::split),
    spec("startsWith", 2, Some(2), string::starts_with),
    spec("string", 1, Some(1), string::string),
    spec("sub", 2, Some(2), numeric::sub),
    spec("subscription", 0, Some(0), scope::subscription),
    spec("substring", 1, Some(3), string::substring),
    spec("take", 2, Some(2), array::take),
    spec("toLower", 1, Some(1), string::to_lower),
    lambda_spec("toObject", 2, Some(3), lambda::to_object),
    spec("toUpper", 1, Some(1), string::to_upper),
    spec("trim", 1, Some(1), string::trim),
    spec("true", 0, Some(0), logical::true_),
    spec("tryGet", 2, None, array::try_get),
    spec("tryIndexFromEnd", 2, Some(2), array::try_index_from_end),
    spec("union", 2, None, array::union),
    spec("uniqueString", 1, None, string::unique_string),
    spec("uriComponent", 1, Some(1), string::uri_component),
    spec(
        "uriComponentToString",
        1,
        Some(1),
        string::uri_component_to_string,
    ),
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
pub(crate) fn is_evaluated(name: &str) -> bool {
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
        Run::Lazy(run) | Run::Lambda(run) => run(&Evaluated { values: &args, at }),
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
pub(crate) fn opaque(mut v: Val) -> Val {
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
    if slots.is_empty() || combinations > CALL_COMBINATIONS {
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

// The categories, declared after the macros they use.
mod access;
mod args;
mod array;
mod comparison;
mod encoding;
mod lambda;
mod logical;
mod number_format;
mod numeric;
mod object;
mod scope;
mod string;

fn fresh(value: Value, at: &Location) -> Val {
    Val::new(value, Some(at.clone()))
}

fn boolean(b: bool, at: &Location) -> Val {
    fresh(Value::Bool(b), at)
}

fn int_val(n: i64, from: &[&Val], at: &Location) -> Val {
    Val::computed(Value::Number(n as f64), from, at)
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

// The limits of one value are the model's (see `vigil_model::budget`): a result past them is
// refused, and the evaluator reports where (the message carries `budget::LIMIT_MARK`).
use vigil_model::budget::{result_bytes as check_text, result_items as check_len};

/// One character compared without case, as .NET's ordinal ignore-case comparison does it.
fn fold(c: char) -> char {
    let mut up = c.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// Whether two property names are the same to ARM (case does not matter).
pub(crate) fn same_key(a: &str, b: &str) -> bool {
    a == b || a.chars().map(fold).eq(b.chars().map(fold))
}

/// A property of an object, looked up as ARM does: exact spelling first, then ignoring case.
fn lookup<'m>(map: &'m BTreeMap<String, Val>, key: &str) -> Option<(&'m String, &'m Val)> {
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

/// What the tests of every category share: expressions evaluated in [`crate::expr::testkit`]'s
/// scope.
#[cfg(test)]
mod testkit {
    pub(crate) use crate::expr::testkit::{at_range, loc, s, whole, Kit};
    pub(crate) use serde_json::json;
    use vigil_model::Location;
    /// Each expression gives the JSON value.
    pub(crate) fn check(cases: &[(&str, serde_json::Value)]) {
        let k = Kit::new();
        for (text, want) in cases {
            assert_eq!(&k.json(text), want, "{text}");
        }
    }

    /// Each expression fails with a message containing the text.
    pub(crate) fn fails(cases: &[(&str, &str)]) {
        let k = Kit::new();
        for (text, want) in cases {
            let e = k.err(text);
            assert!(e.contains(want), "{text}: `{e}` does not contain `{want}`");
        }
    }

    /// Each expression is unknown with a reason containing the text.
    pub(crate) fn unknown(cases: &[(&str, &str)]) {
        let k = Kit::new();
        for (text, want) in cases {
            let r = k.unknown(text);
            assert!(r.contains(want), "{text}: `{r}` does not contain `{want}`");
        }
    }

    pub(crate) fn origin(text: &str) -> Location {
        Kit::new().eval(text).unwrap().origin.unwrap()
    }

    pub(crate) fn p(line: u32, len: u32) -> Location {
        loc("p.json", line, 5, 5 + len)
    }

    /// Where `needle` is written in the expression `text`.
    pub(crate) fn lit(text: &str, needle: &str) -> Location {
        let i = text.find(needle).unwrap();
        at_range(i..i + needle.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::functions::testkit::whole;
    use crate::functions::testkit::*;

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
}
