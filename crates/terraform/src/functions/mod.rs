//! Terraform's built-in functions, over values with origins.
//!
//! Each function follows Terraform's own semantics (cty's standard library and Terraform's
//! additions, as Terraform 1.x runs them), including its automatic conversions and the cases
//! where it knows a result although some input is unknown. Two rules keep findings pointing
//! at the line a person edits:
//!
//! - a function that *selects* one of its inputs (`coalesce`, `lookup`, `element`, the items
//!   of `concat`, ...) returns that input itself, origin and trace intact, even when it
//!   converts it (`coalesce(1, "a")` is the `1`, as a string);
//! - a function that *computes* a new value keeps the origin and trace of the one input its
//!   text comes from (`lower(var.x)` is still where `var.x` was written), or takes the call's
//!   location when several inputs contribute (`format("%s-%s", a, b)`).
//!
//! Numbers are `f64` where Terraform has 512-bit floats: results agree for the literals people
//! write, and `format` rounds decimal ties the way Terraform's wider numbers do.
//!
//! `try` and `can` are not here: they evaluate their arguments lazily, in the evaluator.
//!
//! # Where things are
//!
//! One file per category, as Terraform's `internal/lang/funcs` and cty's `function/stdlib`
//! file the functions and Terraform's documentation groups them: `collection.rs`,
//! `conversion.rs`, `encoding.rs`, `number.rs`, `string.rs`. vigil does not evaluate
//! Terraform's crypto, date and time, filesystem or network (cidr) functions (a call gives an
//! unknown value); one it comes to evaluate goes in `crypto.rs`, `datetime.rs`,
//! `filesystem.rs` or `cidr.rs`, the names of Terraform's own files. This file holds the table
//! of functions (`FUNCTIONS`), [`call`], and the argument helpers the categories share. What
//! is Go's rather than Terraform's has a file of its own: `go_format.rs` (fmt verbs and Go's
//! number printing), `go_regexp.rs` (RE2 patterns on Rust's engine), `go_math.rs`
//! (`math.Log`), `graphemes.rs` (Unicode's UAX #29 segmentation).
//!
//! A new function: its `fn` in its category's file, its line in `FUNCTIONS` (sorted by name),
//! its cases in that file's tests (`testing.rs` is their harness).

mod collection;
mod conversion;
mod encoding;
mod go_format;
mod go_math;
mod go_regexp;
mod graphemes;
mod number;
mod string;
#[cfg(test)]
mod testing;

pub(crate) use go_format::go_quote;

use crate::convert::{number_of, prim_string};
use vigil_model::{Location, Val, Value};

type Res = Result<Val, String>;
type Impl = fn(Vec<Val>, &Location) -> Res;

struct Spec {
    name: &'static str,
    /// Terraform's parameter names, for its messages about missing arguments.
    params: &'static [&'static str],
    /// Whether more arguments may follow the named ones.
    variadic: bool,
    run: Impl,
}

const fn fixed(name: &'static str, params: &'static [&'static str], run: Impl) -> Spec {
    Spec {
        name,
        params,
        variadic: false,
        run,
    }
}

const fn varargs(name: &'static str, params: &'static [&'static str], run: Impl) -> Spec {
    Spec {
        name,
        params,
        variadic: true,
        run,
    }
}

/// Every function vigil evaluates, sorted by name.
const FUNCTIONS: &[Spec] = &[
    fixed("abs", &["num"], number::abs),
    fixed("alltrue", &["list"], collection::alltrue),
    fixed("anytrue", &["list"], collection::anytrue),
    fixed("base64decode", &["str"], encoding::base64decode),
    fixed("base64encode", &["str"], encoding::base64encode),
    fixed("ceil", &["num"], number::ceil),
    fixed("chomp", &["str"], string::chomp),
    fixed("chunklist", &["list", "size"], collection::chunklist),
    varargs("coalesce", &[], collection::coalesce),
    varargs("coalescelist", &[], collection::coalescelist),
    fixed("compact", &["list"], collection::compact),
    varargs("concat", &[], collection::concat),
    fixed("contains", &["list", "value"], collection::contains),
    fixed("distinct", &["list"], collection::distinct),
    fixed("element", &["list", "index"], collection::element),
    fixed("endswith", &["str", "suffix"], string::endswith),
    fixed("flatten", &["list"], collection::flatten),
    fixed("floor", &["num"], number::floor),
    varargs("format", &["format"], string::format),
    varargs("formatlist", &["format"], string::formatlist),
    fixed("indent", &["spaces", "str"], string::indent),
    fixed("index", &["list", "value"], collection::index),
    varargs("join", &["separator"], string::join),
    fixed("jsondecode", &["str"], encoding::jsondecode),
    fixed("jsonencode", &["val"], encoding::jsonencode),
    fixed("keys", &["inputMap"], collection::keys),
    fixed("length", &["value"], collection::length),
    fixed("log", &["num", "base"], number::log),
    varargs("lookup", &["inputMap", "key"], collection::lookup),
    fixed("lower", &["str"], string::lower),
    varargs("max", &[], number::max),
    varargs("merge", &[], collection::merge),
    varargs("min", &[], number::min),
    fixed("nonsensitive", &["value"], conversion::identity),
    fixed("one", &["list"], collection::one),
    fixed("parseint", &["number", "base"], number::parseint),
    fixed("pow", &["num", "power"], number::pow),
    varargs("range", &[], collection::range),
    fixed("regex", &["pattern", "string"], string::regex),
    fixed("regexall", &["pattern", "string"], string::regexall),
    fixed("replace", &["str", "substr", "replace"], string::replace),
    fixed("reverse", &["list"], collection::reverse),
    fixed("sensitive", &["value"], conversion::identity),
    varargs(
        "setintersection",
        &["first_set"],
        collection::setintersection,
    ),
    varargs("setproduct", &[], collection::setproduct),
    fixed("setsubtract", &["a", "b"], collection::setsubtract),
    varargs("setunion", &["first_set"], collection::setunion),
    fixed("signum", &["num"], number::signum),
    fixed(
        "slice",
        &["list", "start_index", "end_index"],
        collection::slice,
    ),
    fixed("sort", &["list"], collection::sort),
    fixed("split", &["separator", "str"], string::split),
    fixed("startswith", &["str", "prefix"], string::startswith),
    fixed("strcontains", &["str", "substr"], string::strcontains),
    fixed("strrev", &["str"], string::strrev),
    fixed("substr", &["str", "offset", "length"], string::substr),
    fixed("sum", &["list"], collection::sum),
    fixed("title", &["str"], string::title),
    fixed("tobool", &["v"], conversion::tobool),
    fixed("tolist", &["v"], conversion::tolist),
    fixed("tomap", &["v"], conversion::tomap),
    fixed("tonumber", &["v"], conversion::tonumber),
    fixed("toset", &["v"], conversion::toset),
    fixed("tostring", &["v"], conversion::tostring),
    fixed("trim", &["str", "cutset"], string::trim),
    fixed("trimprefix", &["str", "prefix"], string::trimprefix),
    fixed("trimspace", &["str"], string::trimspace),
    fixed("trimsuffix", &["str", "suffix"], string::trimsuffix),
    fixed("upper", &["str"], string::upper),
    fixed("urlencode", &["str"], encoding::urlencode),
    fixed("values", &["mapping"], collection::values),
    fixed("zipmap", &["keys", "values"], collection::zipmap),
];

fn spec(name: &str) -> Option<&'static Spec> {
    // Terraform 1.8 lets a configuration name a built-in function as `core::name`.
    let name = name.strip_prefix("core::").unwrap_or(name);
    FUNCTIONS
        .binary_search_by(|s| s.name.cmp(name))
        .ok()
        .map(|i| &FUNCTIONS[i])
}

/// Calls a Terraform function on already-evaluated arguments. `at` is the call expression's
/// location.
///
/// `Err(message)` is an evaluation error Terraform itself would report (wrong argument type
/// or count, index out of range, invalid JSON, ...): the evaluator turns it into an unknown
/// value or, inside `try()`/`can()`, into the fallback. A function not implemented here
/// returns an unknown value whose reason names it.
pub fn call(name: &str, args: Vec<Val>, at: &Location) -> Result<Val, String> {
    let Some(spec) = spec(name) else {
        return Ok(Val::unknown(
            format!("function `{name}` is not evaluated by vigil"),
            Some(at.clone()),
        ));
    };
    let wanted = spec.params.len();
    if args.len() < wanted {
        return Err(format!(
            "not enough function arguments: function \"{}\" expects {}{} argument(s); \
             missing value for \"{}\"",
            spec.name,
            if spec.variadic { "at least " } else { "" },
            wanted,
            spec.params[args.len()]
        ));
    }
    if args.len() > wanted && !spec.variadic {
        return Err(format!(
            "too many function arguments: function \"{}\" expects only {} argument(s)",
            spec.name, wanted
        ));
    }
    (spec.run)(args, at)
}

// ---------------------------------------------------------------------------------------------
// Shared helpers: unknowns, origins, conversions.

/// The first unknown inside any of `vals`, which is the result of a call that needs them all
/// (it keeps its own origin and trace: that is where the unknown comes from).
fn unknown_in<'v>(vals: impl IntoIterator<Item = &'v Val>) -> Option<Val> {
    vals.into_iter()
        .find_map(|v| v.first_unknown().map(|(_, u)| u.clone()))
}

fn param_err(param: &str, msg: impl std::fmt::Display) -> String {
    format!("invalid value for \"{param}\" parameter: {msg}")
}

fn not_null(v: &Val, param: &str) -> Result<(), String> {
    match v.value {
        Value::Null => Err(param_err(param, "argument must not be null")),
        _ => Ok(()),
    }
}

fn string_arg(v: &Val, param: &str) -> Result<String, String> {
    not_null(v, param)?;
    prim_string(v).ok_or_else(|| param_err(param, "string required"))
}

fn number_arg(v: &Val, param: &str) -> Result<f64, String> {
    number_of(v).map_err(|e| param_err(param, e))
}

/// A whole number that fits Terraform's integer parameters.
fn whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&n))
        .then_some(n as i64)
}

const NOT_WHOLE: &str =
    "value must be a whole number, between -9223372036854775808 and 9223372036854775807";

fn int_arg(v: &Val, param: &str) -> Result<i64, String> {
    whole(number_arg(v, param)?).ok_or_else(|| NOT_WHOLE.to_string())
}

fn list_items<'v>(v: &'v Val, param: &str, what: &str) -> Result<&'v [Val], String> {
    match &v.value {
        Value::List(items) => Ok(items),
        Value::Null => Err(param_err(param, "argument must not be null")),
        _ => Err(param_err(param, what)),
    }
}

// The limits of one value are the model's (see `vigil_model::budget`): a result past them is
// refused, and the evaluator reports where (the message carries `budget::LIMIT_MARK`).
use vigil_model::budget::{result_bytes as check_text, result_items as check_len};

/// A new list or object made from `from`'s items: it keeps the one source's origin, or
/// takes the call's.
fn container(value: Value, from: &[&Val], at: &Location) -> Val {
    Val::computed(value, from, at)
}

/// A function of one string whose result is made of that string's text.
fn on_string(
    args: Vec<Val>,
    at: &Location,
    op: impl FnOnce(&str) -> Result<String, String>,
) -> Res {
    let v = &args[0];
    if let Some(u) = unknown_in([v]) {
        return Ok(u);
    }
    let s = string_arg(v, "str")?;
    Ok(Val::computed(Value::String(op(&s)?), &[v], at))
}

#[cfg(test)]
mod tests {
    use super::testing::{at, lines, lit, run, s, written};
    use super::*;

    #[test]
    fn unknown_functions_are_unknown_values() {
        for name in [
            "timestamp",
            "file",
            "provider::azurerm::normalise_resource_id",
            "try",
        ] {
            let v = call(name, vec![Val::string("x", None)], &at()).unwrap();
            match &v.value {
                Value::Unknown(u) => {
                    assert_eq!(
                        u.reason,
                        format!("function `{name}` is not evaluated by vigil")
                    )
                }
                other => panic!("{name}: {other:?}"),
            }
            assert_eq!(v.origin, Some(at()));
            assert!(spec(name).is_none());
        }
        assert!(["lower", "core::lower", "zipmap"]
            .iter()
            .all(|n| spec(n).is_some()));
        let names: Vec<&str> = FUNCTIONS.iter().map(|s| s.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "the table is searched by bisection");
    }

    #[test]
    fn selections_return_the_selected_input() {
        let x = s("X", 3);
        assert_eq!(
            run(
                "coalesce",
                vec![Val::null(None), Val::string("", None), x.clone()]
            ),
            x
        );
        // Converted to the common type, still the same literal.
        let one = lit(Value::Number(1.0), 4);
        let got = run("coalesce", vec![one.clone(), s("a", 5)]);
        assert_eq!((got.as_str(), lines(&got)), (Some("1"), lines(&one)));
        let list = Val::list(vec![s("a", 6), x.clone()], Some(written(7)));
        assert_eq!(
            run(
                "element",
                vec![list.clone(), Val::new(Value::Number(3.0), None)]
            ),
            x
        );
        assert_eq!(run("one", vec![Val::list(vec![x.clone()], None)]), x);
        let map = Val::object([("k".to_string(), x.clone())], Some(written(8)));
        assert_eq!(run("lookup", vec![map.clone(), Val::string("k", None)]), x);
        let default = s("d", 9);
        assert_eq!(
            run(
                "lookup",
                vec![map.clone(), Val::string("z", None), default.clone()]
            ),
            default
        );
        let merged = run(
            "merge",
            vec![
                map.clone(),
                Val::object([("j".to_string(), s("j", 10))], None),
            ],
        );
        match &merged.value {
            Value::Object(m) => assert_eq!(m["k"], x),
            other => panic!("{other:?}"),
        }
        assert_eq!(merged.origin, Some(at()), "two objects made it");
        let concat = run(
            "concat",
            vec![list.clone(), Val::list(vec![s("c", 11)], None)],
        );
        match &concat.value {
            Value::List(items) => assert_eq!((&items[1], lines(&items[2]).0), (&x, Some(11))),
            other => panic!("{other:?}"),
        }
        let flat = run("flatten", vec![Val::list(vec![list.clone()], None)]);
        assert!(matches!(&flat.value, Value::List(items) if items[1] == x));
        let values = run("values", vec![map.clone()]);
        assert!(matches!(&values.value, Value::List(items) if items[0] == x));
        assert_eq!(lines(&values).0, Some(8));
        let least = run("min", vec![lit(Value::Number(5.0), 12), s("2", 13)]);
        assert_eq!(
            (least.value.clone(), lines(&least).0),
            (Value::Number(2.0), Some(13))
        );
        let text = run("tostring", vec![lit(Value::Bool(true), 14)]);
        assert_eq!(
            (text.as_str(), lines(&text)),
            (Some("true"), (Some(14), vec!["var.v14".to_string()]))
        );
        let set = run("toset", vec![list.clone()]);
        assert_eq!(lines(&set).0, Some(7));
        assert!(matches!(&set.value, Value::List(items) if items[0] == x));
    }

    #[test]
    fn computed_values_keep_their_one_source() {
        let x = s("ABC", 3);
        // One input makes the text: the literal a person edits.
        for (name, args) in [
            ("lower", vec![x.clone()]),
            ("trimspace", vec![x.clone()]),
            ("format", vec![Val::string("%s", None), x.clone()]),
            (
                "join",
                vec![Val::string(",", None), Val::list(vec![x.clone()], None)],
            ),
            (
                "replace",
                vec![x.clone(), Val::string("B", None), Val::string("", None)],
            ),
            (
                "replace",
                vec![x.clone(), Val::string("Z", None), Val::string("Y", None)],
            ),
            (
                "substr",
                vec![
                    x.clone(),
                    Val::new(Value::Number(0.0), None),
                    Val::new(Value::Number(1.0), None),
                ],
            ),
            ("jsonencode", vec![x.clone()]),
            ("length", vec![x.clone()]),
            ("trimprefix", vec![x.clone(), Val::string("A", None)]),
        ] {
            let got = run(name, args);
            assert_eq!(lines(&got), lines(&x), "{name}");
        }
        // Several inputs make it: the call.
        for (name, args) in [
            (
                "format",
                vec![Val::string("%s-%s", None), x.clone(), s("b", 4)],
            ),
            ("format", vec![Val::string("kv-%s", None), x.clone()]),
            (
                "join",
                vec![
                    Val::string(",", None),
                    Val::list(vec![x.clone(), s("b", 4)], None),
                ],
            ),
            (
                "replace",
                vec![x.clone(), Val::string("B", None), s("Y", 5)],
            ),
            ("startswith", vec![x.clone(), Val::string("A", None)]),
        ] {
            let got = run(name, args);
            assert_eq!(lines(&got), (Some(20), vec![]), "{name}");
        }
        // The format string alone.
        let got = run("format", vec![s("100%%", 6)]);
        assert_eq!(lines(&got).0, Some(6));
        let parts = run("split", vec![Val::string(",", None), s("a,b", 7)]);
        match &parts.value {
            Value::List(items) => assert!(items.iter().all(|i| lines(i) == lines(&s("", 7)))),
            other => panic!("{other:?}"),
        }
        let decoded = run("jsondecode", vec![s(r#"{"a":{"b":"c"}}"#, 8)]);
        let inner = match &decoded.value {
            Value::Object(m) => match &m["a"].value {
                Value::Object(m) => m["b"].clone(),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        };
        assert_eq!(lines(&inner), lines(&s("", 8)));
        // Without an origin of its own, a computed value is placed at the call.
        let got = run("upper", vec![Val::string("a", None)]);
        assert_eq!(got.origin, Some(at()));
        // The deciding element of alltrue is the line to change.
        let list = Val::list(
            vec![lit(Value::Bool(true), 9), lit(Value::Bool(false), 10)],
            None,
        );
        assert_eq!(lines(&run("alltrue", vec![list])).0, Some(10));
    }

    #[test]
    fn unknowns_carry_their_reason_and_origin() {
        let u = lit(
            Value::Unknown(vigil_model::Unknown {
                reason: "data.x.y".into(),
                candidates: Vec::new(),
            }),
            30,
        );
        for (name, args) in [
            ("lower", vec![u.clone()]),
            (
                "format",
                vec![
                    Val::string("%s-%s", None),
                    Val::string("a", None),
                    u.clone(),
                ],
            ),
            (
                "join",
                vec![
                    Val::string(",", None),
                    Val::list(vec![Val::string("a", None), u.clone()], None),
                ],
            ),
            (
                "coalesce",
                vec![Val::null(None), u.clone(), Val::string("x", None)],
            ),
            (
                "jsonencode",
                vec![Val::object([("a".to_string(), u.clone())], None)],
            ),
            (
                "element",
                vec![
                    Val::list(vec![u.clone()], None),
                    Val::new(Value::Number(0.0), None),
                ],
            ),
            (
                "alltrue",
                vec![Val::list(
                    vec![Val::new(Value::Bool(true), None), u.clone()],
                    None,
                )],
            ),
        ] {
            assert_eq!(run(name, args), u, "{name}");
        }
        // Sound where Terraform stops at the unknown: a false element decides wherever it is.
        let list = Val::list(vec![u.clone(), Val::new(Value::Bool(false), None)], None);
        assert_eq!(run("alltrue", vec![list]).as_bool(), Some(false));
    }

    #[test]
    fn hostile_inputs_are_errors_not_panics() {
        let big = Val::new(Value::Number(1e300), None);
        let mut deep = Val::string("x", None);
        for _ in 0..1000 {
            deep = Val::list(vec![deep], None);
        }
        let huge = Val::string("ab".repeat(1 << 20), None);
        let many = Val::list(vec![Val::string("a", None); 50_000], None);
        let cases: Vec<(&str, Vec<Val>)> = vec![
            (
                "range",
                vec![
                    Val::new(Value::Number(0.0), None),
                    big.clone(),
                    Val::new(Value::Number(1e-300), None),
                ],
            ),
            ("range", vec![Val::new(Value::Number(f64::NAN), None)]),
            (
                "element",
                vec![Val::list(vec![Val::null(None)], None), big.clone()],
            ),
            (
                "substr",
                vec![Val::string("abc", None), big.clone(), big.clone()],
            ),
            ("indent", vec![big.clone(), Val::string("a\nb", None)]),
            (
                "indent",
                vec![
                    Val::new(Value::Number(1e6), None),
                    Val::string("\n".repeat(100), None),
                ],
            ),
            (
                "format",
                vec![
                    Val::string("%d|%x|%f|%e|%g|%v", None),
                    big.clone(),
                    big.clone(),
                    big.clone(),
                    big.clone(),
                    big.clone(),
                    big.clone(),
                ],
            ),
            (
                "format",
                vec![
                    Val::string("%f|%v", None),
                    Val::new(Value::Number(f64::INFINITY), None),
                    Val::new(Value::Number(f64::NAN), None),
                ],
            ),
            (
                "jsonencode",
                vec![Val::new(Value::Number(f64::INFINITY), None)],
            ),
            ("jsonencode", vec![deep.clone()]),
            ("flatten", vec![deep.clone()]),
            (
                "tolist",
                vec![Val::list(vec![deep.clone(), Val::list(vec![], None)], None)],
            ),
            ("toset", vec![deep.clone()]),
            ("distinct", vec![deep.clone()]),
            ("format", vec![Val::string("%v", None), deep.clone()]),
            ("jsondecode", vec![Val::string("[".repeat(10_000), None)]),
            (
                "replace",
                vec![huge.clone(), Val::string("", None), huge.clone()],
            ),
            (
                "replace",
                vec![huge.clone(), Val::string("/a/", None), huge.clone()],
            ),
            ("setproduct", vec![many.clone(), many.clone()]),
            (
                "formatlist",
                vec![
                    Val::string("%s%s%s", None),
                    many.clone(),
                    huge.clone(),
                    huge.clone(),
                ],
            ),
            ("join", vec![huge.clone(), many.clone()]),
            ("chunklist", vec![many.clone(), big.clone()]),
            ("slice", vec![many.clone(), big.clone(), big.clone()]),
            (
                "parseint",
                vec![
                    Val::string("z".repeat(400), None),
                    Val::new(Value::Number(36.0), None),
                ],
            ),
            ("pow", vec![big.clone(), big.clone()]),
            ("tonumber", vec![Val::string("1e400", None)]),
            (
                "replace",
                vec![
                    Val::string("a", None),
                    Val::string("/(((((a)))))/{1000}{1000}{1000}/", None),
                    Val::string("", None),
                ],
            ),
            ("regexall", vec![Val::string("", None), huge.clone()]),
        ];
        for (name, args) in cases {
            // Either answer is fine; the call must return.
            let _ = call(name, args, &at());
        }
        let wide = call(
            "format",
            vec![Val::string("%1000001s", None), Val::string("a", None)],
            &at(),
        );
        assert!(wide.unwrap_err().contains("more than vigil evaluates"));
        let spaces = Val::new(Value::Number(1e15), None);
        let indent = call("indent", vec![spaces, Val::string("abc", None)], &at());
        assert_eq!(indent.unwrap().as_str(), Some("abc"));
        let n = run("length", vec![many]);
        assert_eq!(n.value, Value::Number(50_000.0));
    }
}
