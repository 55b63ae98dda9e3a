//! Evaluating an expression in a [`Scope`]: parameters, variables, copy indexes and lambda
//! variables read here, every other function called through [`crate::functions`]; a budget of
//! steps bounds the work.

use super::{Accessor, Expr};
use crate::functions;
use std::cell::{Cell, RefCell};
use std::ops::Range;
use vigil_model::{budget, Hop, Location, Val, Value};

/// Evaluation steps one expression may take: enough for any real template (lambdas over a few
/// thousand elements), few enough to come back promptly from a hostile one.
const BUDGET: usize = 1_000_000;

/// What an expression can see.
pub trait Scope {
    /// A parameter's value; names compare case-insensitively (the implementor handles that).
    fn parameter(&self, name: &str) -> Option<Val>;
    fn variable(&self, name: &str) -> Option<Val>;
    /// `copyIndex()` / `copyIndex('loop')` / `copyIndex(offset)` needs the current index of the
    /// (named) copy loop.
    fn copy_index(&self, loop_name: Option<&str>) -> Option<i64>;
    /// A user-defined function's result (`namespace.member(args)`, the template's `functions`),
    /// `None` when the scope declares no such function. `at` is the calling expression.
    fn user_function(
        &self,
        _name: &str,
        _args: Vec<Val>,
        _at: &Location,
    ) -> Option<Result<Val, String>> {
        None
    }
}

/// Evaluates a parsed expression. `locate(range)` gives the location of a byte range of the
/// string value (for literals inside the expression, so that a finding can point at `'None'`
/// inside `[if(..., 'AzureServices', 'None')]`; it returns the whole string's location when it
/// cannot do better). `at` is the location of the whole string. `Err(message)` is an
/// evaluation error ARM itself would report.
pub fn evaluate(
    expr: &Expr,
    scope: &dyn Scope,
    locate: &dyn Fn(Range<usize>) -> Location,
    at: &Location,
) -> Result<Val, String> {
    let ev = Evaluator {
        scope,
        locate,
        at,
        lambdas: RefCell::new(Vec::new()),
        budget: Cell::new(BUDGET),
        exhausted: Cell::new(false),
    };
    ev.eval(expr)
}

type Res = Result<Val, String>;

struct Evaluator<'a> {
    scope: &'a dyn Scope,
    locate: &'a dyn Fn(Range<usize>) -> Location,
    at: &'a Location,
    /// The variables of the lambdas being applied, innermost last.
    lambdas: RefCell<Vec<(String, Val)>>,
    budget: Cell<usize>,
    /// Set once the budget ran out: that error must not pass for a branch ARM would not take.
    exhausted: Cell<bool>,
}

/// Shallow size of a value, for the budget: building big values costs more.
fn weight(v: &Val) -> usize {
    match &v.value {
        Value::List(xs) => xs.len(),
        Value::Object(m) => m.len(),
        Value::String(s) => s.len() / 1024,
        _ => 0,
    }
}

/// A lambda argument: its parameter names and body.
struct Lambda<'e> {
    params: Vec<String>,
    body: &'e Expr,
}

// The evaluator recurses once per level of nesting in the expression, so the functions on
// that path keep small frames (debug builds give every temporary its own slot): each function's
// work lives in a function of its own, and errors are built out of line.
impl Evaluator<'_> {
    #[inline(never)]
    fn charge(&self, n: usize) -> Result<(), String> {
        if n > 0 {
            if let Err(e) = budget::steps(n as u64, || Some(self.at.clone())) {
                self.exhausted.set(true);
                return Err(e.reason);
            }
        }
        let left = self.budget.get();
        if n > left {
            self.budget.set(0);
            self.exhausted.set(true);
            return Err(exhausted());
        }
        self.budget.set(left - n);
        Ok(())
    }

    fn eval(&self, expr: &Expr) -> Res {
        self.charge(1)?;
        let v = match expr {
            Expr::String { value, span } => self.string(value, span),
            Expr::Number { value, span } => self.number(*value, span),
            Expr::Call { name, args, span } => self.call(name, args, span)?,
            Expr::Access { base, path, .. } => self.access(base, path)?,
        };
        self.charge(weight(&v))?;
        if let Expr::Call { .. } | Expr::Access { .. } = expr {
            return self.checked(v, expr);
        }
        Ok(v)
    }

    /// `v` within the limits of one value (charged to the unit's budget), else unknown saying
    /// which limit it passes; an error once the unit's budget ran out. Out of line: it is on
    /// the recursive path, whose frames must stay small.
    #[inline(never)]
    fn checked(&self, v: Val, expr: &Expr) -> Res {
        let span = &expr.span();
        match budget::check_value(&v, || Some((self.locate)(span.clone()))) {
            Ok(()) => Ok(v),
            Err(e) if budget::spent().is_some() => {
                self.exhausted.set(true);
                Err(e.reason)
            }
            Err(e) => Ok(Val::unknown(e.reason, Some((self.locate)(span.clone())))),
        }
    }

    fn string(&self, value: &str, span: &Range<usize>) -> Val {
        Val::string(value, Some((self.locate)(span.clone())))
    }

    fn number(&self, value: i64, span: &Range<usize>) -> Val {
        Val::new(
            Value::Number(value as f64),
            Some((self.locate)(span.clone())),
        )
    }

    fn access(&self, base: &Expr, path: &[Accessor]) -> Res {
        let mut v = self.eval(base)?;
        for step in path {
            v = match step {
                Accessor::Property { name, .. } => functions::property(&v, name)?,
                Accessor::Index { index, .. } => self.index(&v, index)?,
            };
        }
        Ok(v)
    }

    fn index(&self, v: &Val, index: &Expr) -> Res {
        let key = self.eval(index)?;
        functions::index(v, &key)
    }

    fn eval_all(&self, args: &[Expr]) -> Result<Vec<Val>, String> {
        let mut out = Vec::with_capacity(args.len());
        for a in args {
            let v = self.eval(a)?;
            out.push(v);
        }
        Ok(self.bounded(out))
    }

    /// The arguments together are bounded as one value is: `createArray(v, v, ...)` must not
    /// pass a value many times larger than the limit to a function. Past the limit, one unknown
    /// stands for them all (the call's result is unknown). Out of line, off the recursive path.
    #[inline(never)]
    fn bounded(&self, args: Vec<Val>) -> Vec<Val> {
        let mut tally = budget::Tally::default();
        for v in &args {
            if let Err(reason) = tally.add(v) {
                budget::refused(&reason, Some(self.at.clone()));
                return vec![Val::unknown(
                    format!("the arguments are {reason}"),
                    Some(self.at.clone()),
                )];
            }
        }
        args
    }

    fn call(&self, name: &str, args: &[Expr], span: &Range<usize>) -> Res {
        match Special::of(name) {
            Some(Special::Parameters) => self.parameter(args),
            Some(Special::Variables) => self.variable(args),
            Some(Special::CopyIndex) => self.copy_index(args),
            Some(Special::Literal(value)) if args.is_empty() => {
                Ok(Val::new(value, Some((self.locate)(span.clone()))))
            }
            Some(Special::LambdaVariables) => self.lambda_variable(args),
            Some(Special::Lambda) => Err(lambda_outside()),
            None if name.contains('.') => self.user_function(name, args),
            Some(Special::Literal(_)) | None if functions::is_evaluated(name) => {
                self.table(name, args)
            }
            // Its arguments cannot change an unknown result: leave them alone.
            _ => Ok(functions::not_evaluated(name, self.at)),
        }
    }

    /// A function of the shared table, which evaluates the arguments it needs through
    /// [`Call`]. Out of line, with its own small frame: it is on the recursive path.
    #[inline(never)]
    fn table(&self, name: &str, args: &[Expr]) -> Res {
        self.limited(functions::call_with(name, &Call { ev: self, args }))
    }

    /// `namespace.member(args)`: the scope's user-defined function, its arguments evaluated
    /// first. Out of line, like [`Self::table`].
    #[inline(never)]
    fn user_function(&self, name: &str, args: &[Expr]) -> Res {
        let vals = self.eval_all(args)?;
        if vals.len() < args.len() {
            return Ok(vals.into_iter().next().unwrap_or_else(|| Val::null(None)));
        }
        match self.scope.user_function(name, vals, self.at) {
            Some(r) => self.limited(r),
            None => Ok(functions::not_evaluated(name, self.at)),
        }
    }

    /// A function's result refused for passing a limit of one value is unknown, reported at
    /// the expression; other errors are ARM's.
    #[inline(never)]
    fn limited(&self, r: Res) -> Res {
        match r {
            Err(m) if m.contains(budget::LIMIT_MARK) => {
                Ok(budget::refused_value(&m, Some(self.at.clone())))
            }
            r => r,
        }
    }

    fn arity(&self, func: &str, args: &[Expr], min: usize, max: usize) -> Result<(), String> {
        if (min..=max).contains(&args.len()) {
            Ok(())
        } else {
            Err(arity_error(func, args.len(), min, max))
        }
    }

    fn parameter(&self, args: &[Expr]) -> Res {
        self.lookup("parameters", "parameter", args, &|n| {
            self.scope.parameter(n)
        })
    }

    fn variable(&self, args: &[Expr]) -> Res {
        self.lookup("variables", "variable", args, &|n| self.scope.variable(n))
    }

    /// `parameters('x')` / `variables('x')`: the scope's value, with the hop that names it.
    fn lookup(
        &self,
        func: &str,
        what: &str,
        args: &[Expr],
        get: &dyn Fn(&str) -> Option<Val>,
    ) -> Res {
        self.arity(func, args, 1, 1)?;
        let name = self.eval(&args[0])?;
        let key = match &name.value {
            Value::String(s) => s,
            Value::Unknown(_) => return Ok(functions::opaque(name)),
            _ => return Err(not_a_name(func)),
        };
        let v = get(key).ok_or_else(|| format!("the template {what} '{key}' is not found"))?;
        Ok(v.through(Hop {
            label: format!("{func}('{key}')"),
            location: self.at.clone(),
        }))
    }

    fn copy_index(&self, args: &[Expr]) -> Res {
        self.arity("copyIndex", args, 0, 2)?;
        let vals = self.eval_all(args)?;
        if let Some(u) = vals.iter().find(|v| v.is_unknown()) {
            return Ok(functions::opaque(u.clone()));
        }
        let bad = || {
            "the template language function 'copyIndex' expects a loop name, an offset, or \
             both"
                .to_string()
        };
        let (loop_name, offset) = match vals.as_slice() {
            [] => (None, 0),
            [v] => match &v.value {
                Value::String(s) => (Some(s.as_str()), 0),
                Value::Number(n) => (None, integer(*n).ok_or_else(bad)?),
                _ => return Err(bad()),
            },
            [n, o] => match (&n.value, &o.value) {
                (Value::String(s), Value::Number(x)) => {
                    (Some(s.as_str()), integer(*x).ok_or_else(bad)?)
                }
                _ => return Err(bad()),
            },
            _ => return Err(bad()),
        };
        let index = self
            .scope
            .copy_index(loop_name)
            .ok_or_else(|| match loop_name {
                Some(l) => format!(
                    "the template function 'copyIndex' refers to copy loop '{l}', which is \
                     not around it"
                ),
                None => "the template function 'copyIndex' is not expected at this location: \
                         it is not inside a copy loop"
                    .to_string(),
            })?;
        let n = index
            .checked_add(offset)
            .ok_or_else(|| "copyIndex() overflows a 64-bit integer".to_string())?;
        Ok(Val::new(Value::Number(n as f64), Some(self.at.clone())))
    }

    fn lambda_variable(&self, args: &[Expr]) -> Res {
        self.arity("lambdaVariables", args, 1, 1)?;
        let name = self.eval(&args[0])?;
        let Value::String(key) = &name.value else {
            return Err(not_a_name("lambdaVariables"));
        };
        self.lambdas
            .borrow()
            .iter()
            .rev()
            .find(|(n, _)| functions::same_key(n, key))
            .map(|(_, v)| v.clone())
            .ok_or_else(|| format!("the lambda variable '{key}' is not defined here"))
    }

    /// A lambda argument of `func` with a parameter count in `params`.
    fn lambda<'e>(
        &self,
        func: &str,
        e: &'e Expr,
        params: Range<usize>,
    ) -> Result<Lambda<'e>, String> {
        let bad = || functions::bad_lambda(func, &params);
        let Expr::Call { name, args, .. } = e else {
            return Err(bad());
        };
        if !name.eq_ignore_ascii_case("lambda") {
            return Err(bad());
        }
        let (body, names) = args.split_last().ok_or_else(bad)?;
        if !params.contains(&names.len()) {
            return Err(bad());
        }
        let params = names
            .iter()
            .map(|n| match n {
                Expr::String { value, .. } => Ok(value.clone()),
                _ => Err(bad()),
            })
            .collect::<Result<_, _>>()?;
        Ok(Lambda { params, body })
    }

    /// Applies a lambda to arguments bound to its parameters in order (extra ones dropped).
    fn apply(&self, l: &Lambda<'_>, values: Vec<Val>) -> Res {
        let bound = l.params.len().min(values.len());
        {
            let mut env = self.lambdas.borrow_mut();
            for (p, v) in l.params.iter().zip(values) {
                env.push((p.clone(), v));
            }
        }
        let out = self.eval(l.body);
        let mut env = self.lambdas.borrow_mut();
        let keep = env.len() - bound;
        env.truncate(keep);
        out
    }
}

/// The arguments of one call of a table function, evaluated when the function asks.
struct Call<'x, 'a> {
    ev: &'x Evaluator<'a>,
    args: &'x [Expr],
}

impl functions::Args for Call<'_, '_> {
    fn count(&self) -> usize {
        self.args.len()
    }

    fn value(&self, i: usize) -> Res {
        self.ev.eval(&self.args[i])
    }

    fn values(&self) -> Result<Vec<Val>, String> {
        self.ev.eval_all(self.args)
    }

    fn lambda(&self, func: &str, i: usize, params: Range<usize>) -> Result<(), String> {
        self.ev.lambda(func, &self.args[i], params).map(|_| ())
    }

    fn apply(&self, i: usize, values: Vec<Val>) -> Res {
        let l = self.ev.lambda("lambda", &self.args[i], 0..usize::MAX)?;
        self.ev.apply(&l, values)
    }

    fn exhausted(&self) -> bool {
        self.ev.exhausted.get()
    }

    fn at(&self) -> &Location {
        self.ev.at
    }
}

/// The functions the evaluator handles itself: lazy ones, ones that read the scope, and
/// lambdas.
enum Special {
    Parameters,
    Variables,
    CopyIndex,
    Literal(Value),
    LambdaVariables,
    Lambda,
}

impl Special {
    fn of(name: &str) -> Option<Special> {
        const NAMES: &[&str] = &[
            "parameters",
            "variables",
            "copyIndex",
            "true",
            "false",
            "null",
            "lambdaVariables",
            "lambda",
        ];
        let i = NAMES.iter().position(|n| n.eq_ignore_ascii_case(name))?;
        Some(match i {
            0 => Special::Parameters,
            1 => Special::Variables,
            2 => Special::CopyIndex,
            3 => Special::Literal(Value::Bool(true)),
            4 => Special::Literal(Value::Bool(false)),
            5 => Special::Literal(Value::Null),
            6 => Special::LambdaVariables,
            _ => Special::Lambda,
        })
    }
}

#[cold]
fn exhausted() -> String {
    "the expression takes more steps to evaluate than vigil allows".into()
}

#[cold]
fn arity_error(func: &str, n: usize, min: usize, max: usize) -> String {
    let wanted = if min == max {
        format!("{min}")
    } else if max == usize::MAX {
        format!("at least {min}")
    } else {
        format!("between {min} and {max}")
    };
    format!(
        "unable to evaluate template language function '{func}': function requires {wanted} \
         argument(s) while {n} were provided"
    )
}

#[cold]
fn not_a_name(func: &str) -> String {
    format!("the template language function '{func}' expects its parameter to be of type 'String'")
}

#[cold]
fn lambda_outside() -> String {
    "the template language function 'lambda' can only be an argument of a function that takes \
     one (filter, map, reduce, sort, toObject, groupBy, mapValues)"
        .into()
}

fn integer(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 9.0e15).then_some(n as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::testkit::{at_range, loc, whole, Kit};
    use crate::expr::{parse, Parsed};
    use proptest::prelude::*;
    use serde_json::json;
    use vigil_model::limits::ARM_EXPRESSION_NESTING;

    #[test]
    fn parameters_and_variables_carry_a_hop() {
        let k = Kit::new();
        let v = k.eval("[parameters('ENV')]").unwrap();
        assert_eq!(v.to_json(), json!("prod"));
        assert_eq!(v.origin, Some(loc("p.json", 3, 5, 9)));
        assert_eq!(
            v.trace,
            vec![Hop {
                label: "parameters('ENV')".into(),
                location: whole()
            }]
        );
        let v = k.eval("[variables('prefix')]").unwrap();
        assert_eq!(v.origin, Some(loc("t.json", 30, 15, 20)));
        assert_eq!(v.trace[0].label, "variables('prefix')");
        assert!(k
            .err("[parameters('nope')]")
            .contains("the template parameter 'nope' is not found"));
        assert!(k
            .err("[variables('nope')]")
            .contains("the template variable 'nope' is not found"));
        assert!(k.err("[parameters(1)]").contains("'String'"));
        assert!(k.err("[parameters()]").contains("requires 1"));
        // An unknown parameter is the parameter's own unknown, with the hop.
        let v = k.eval("[parameters('secret')]").unwrap();
        assert!(v.is_unknown());
        assert_eq!(v.trace[0].label, "parameters('secret')");
        assert!(k
            .unknown("[parameters(parameters('secret'))]")
            .contains("'secret'"));
    }

    #[test]
    fn literals_point_into_the_string() {
        let k = Kit::new();
        let v = k.eval("[concat('a')]").unwrap();
        assert_eq!(v.origin, Some(at_range(8..11)));
        let v = k.eval("[createArray(7, true(), null())]").unwrap();
        let Value::List(items) = &v.value else {
            panic!()
        };
        assert_eq!(items[0].origin, Some(at_range(13..14)));
        assert_eq!(items[1].origin, Some(at_range(16..22)));
        assert_eq!(items[2].origin, Some(at_range(24..30)));
        assert_eq!(v.origin, Some(whole()));
    }

    #[test]
    fn copy_index() {
        let mut k = Kit::new();
        assert!(k.err("[copyIndex()]").contains("not inside a copy loop"));
        k.loops = vec![(Some("outer".into()), 2), (None, 5)];
        assert_eq!(k.json("[copyIndex()]"), json!(5));
        assert_eq!(k.json("[copyIndex(1)]"), json!(6));
        assert_eq!(k.json("[copyIndex('OUTER')]"), json!(2));
        assert_eq!(k.json("[copyIndex('outer', 10)]"), json!(12));
        assert_eq!(
            k.json("[parameters('names')[copyIndex('outer')]]"),
            json!("c")
        );
        assert!(k.err("[copyIndex('other')]").contains("'other'"));
        assert!(k.err("[copyIndex(true())]").contains("loop name"));
        assert!(k.err("[copyIndex(1, 'a')]").contains("loop name"));
        assert!(k.err("[copyIndex('a', 1, 2)]").contains("between 0 and 2"));
        assert!(k
            .unknown("[copyIndex(parameters('secret'))]")
            .contains("'secret'"));
        assert_eq!(k.eval("[copyIndex()]").unwrap().origin, Some(whole()));
    }

    #[test]
    fn lambdas() {
        let k = Kit::new();
        let cases = [
            ("[map(range(0, 3), lambda('i', mul(lambdaVariables('i'), 2)))]", json!([0, 2, 4])),
            ("[map(parameters('names'), lambda('n', 'i', concat(lambdaVariables('n'), string(lambdaVariables('i')))))]",
             json!(["a0", "b1", "c2"])),
            ("[filter(range(0, 5), lambda('i', greater(lambdaVariables('i'), 2)))]", json!([3, 4])),
            ("[reduce(range(1, 4), 0, lambda('acc', 'x', add(lambdaVariables('acc'), lambdaVariables('x'))))]", json!(10)),
            ("[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]", json!([1, 2, 3])),
            ("[sort(createArray(createObject('k', 1, 'n', 'x'), createObject('k', 0, 'n', 'y'), createObject('k', 1, 'n', 'z')), lambda('a', 'b', less(lambdaVariables('a').k, lambdaVariables('b').k)))]",
             json!([{"k": 0, "n": "y"}, {"k": 1, "n": "x"}, {"k": 1, "n": "z"}])),
            ("[toObject(parameters('names'), lambda('n', toUpper(lambdaVariables('n'))))]",
             json!({"A": "a", "B": "b", "C": "c"})),
            ("[toObject(parameters('names'), lambda('n', lambdaVariables('n')), lambda('n', length(lambdaVariables('n'))))]",
             json!({"a": 1, "b": 1, "c": 1})),
            ("[groupBy(createArray('ab', 'ac', 'b'), lambda('s', first(lambdaVariables('s'))))]",
             json!({"a": ["ab", "ac"], "b": ["b"]})),
            ("[mapValues(parameters('acls'), lambda('v', toLower(lambdaVariables('v'))))]",
             json!({"bypass": "none", "defaultAction": "deny"})),
            // Nested lambdas see their own and outer variables.
            ("[map(range(0, 2), lambda('i', map(range(0, 2), lambda('j', add(mul(lambdaVariables('i'), 10), lambdaVariables('j'))))))]",
             json!([[0, 1], [10, 11]])),
        ];
        for (text, want) in cases {
            assert_eq!(k.json(text), want, "{text}");
        }
        // Elements passed to a lambda keep their origin and the hops of their array.
        let v = k
            .eval("[map(parameters('names'), lambda('n', lambdaVariables('n')))[1]]")
            .unwrap();
        assert_eq!(v.origin, Some(loc("p.json", 11, 5, 6)));
        assert_eq!(v.trace[0].label, "parameters('names')");
        let v = k
            .eval("[filter(parameters('names'), lambda('n', true()))]")
            .unwrap();
        assert_eq!(v.origin, Some(loc("p.json", 9, 3, 20)));
        for (text, want) in [
            ("[map(parameters('secret'), lambda('x', 1))]", "'secret'"),
            (
                "[filter(parameters('names'), lambda('x', parameters('secret')))]",
                "'secret'",
            ),
            (
                "[sort(createArray(1, 2), lambda('a', 'b', parameters('secret')))]",
                "'secret'",
            ),
            (
                "[toObject(createArray(1), lambda('x', parameters('secret')))]",
                "'secret'",
            ),
        ] {
            assert!(k.unknown(text).contains(want), "{text}");
        }
        for (text, want) in [
            ("[lambdaVariables('x')]", "'x' is not defined"),
            ("[lambda('x', 1)]", "can only be an argument"),
            ("[map(createArray(1), 1)]", "expects a lambda"),
            ("[map(createArray(1), lambda(1, 2))]", "expects a lambda"),
            (
                "[map(createArray(1), lambda('a', 'b', 'c', 1))]",
                "expects a lambda",
            ),
            ("[map('a', lambda('x', 1))]", "expects an array"),
            (
                "[filter(createArray(1), lambda('x', 1))]",
                "must give a boolean",
            ),
            (
                "[sort(createArray(1, 2), lambda('a', 'b', 1))]",
                "must give a boolean",
            ),
            (
                "[toObject(createArray(1), lambda('x', 1))]",
                "must give a string",
            ),
            (
                "[mapValues(createArray(), lambda('x', 1))]",
                "expects an object",
            ),
            ("[map(createArray(1))]", "requires 2"),
        ] {
            let e = k.err(text);
            assert!(e.contains(want), "{text}: {e}");
        }
        // A variable does not outlive its lambda.
        assert!(k
            .err("[concat(map(createArray(1), lambda('x', 1)), createArray(lambdaVariables('x')))]")
            .contains("not defined"));
    }

    #[test]
    fn an_inconsistent_sort_order_does_not_panic() {
        let k = Kit::new();
        let v = k.json("[sort(range(0, 50), lambda('a', 'b', equals(mod(add(lambdaVariables('a'), lambdaVariables('b')), 3), 0)))]");
        assert_eq!(v.as_array().map(Vec::len), Some(50));
    }

    #[test]
    fn evaluation_is_bounded() {
        let k = Kit::new();
        let start = std::time::Instant::now();
        let e = k.err("[map(range(0, 10000), lambda('i', map(range(0, 10000), lambda('j', 1))))]");
        assert!(e.contains("more steps"), "{e}");
        let e = k.err("[length(map(range(0, 10000), lambda('i', range(0, 10000))))]");
        assert!(e.contains("more steps"), "{e}");
        // Budget exhaustion inside an `if` on an unknown is still an error, not a choice.
        let e = k.err(
            "[if(parameters('secret'), map(range(0, 10000), lambda('i', range(0, 10000))), 1)]",
        );
        assert!(e.contains("more steps"), "{e}");
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn the_key_vault_shapes() {
        let k = Kit::new();
        // A hand-written template.
        let text = "[if(equals(parameters('env'), 'prod'), 'None', 'AzureServices')]";
        let v = k.eval(text).unwrap();
        assert_eq!(v.to_json(), json!("None"));
        let i = text.find("'None'").unwrap();
        assert_eq!(v.origin, Some(at_range(i..i + 6)));
        // What bicep emits for an optional property.
        let v = k
            .eval("[coalesce(tryGet(parameters('acls'), 'bypass'), 'AzureServices')]")
            .unwrap();
        assert_eq!(v.to_json(), json!("None"));
        assert_eq!(v.origin, Some(loc("p.json", 7, 5, 9)));
        assert_eq!(v.trace[0].label, "parameters('acls')");
        let v = k
            .eval("[if(not(empty(parameters('acls'))), createObject('bypass', tryGet(parameters('acls'), 'bypass'), 'defaultAction', tryGet(parameters('acls'), 'defaultAction')), null())]")
            .unwrap();
        assert_eq!(
            v.to_json(),
            json!({"bypass": "None", "defaultAction": "Deny"})
        );
    }

    /// Pieces of expressions, for the fuzzing below.
    const TOKENS: &[&str] = &[
        "concat(",
        "if(",
        "parameters(",
        "variables(",
        "createArray(",
        "createObject(",
        "union(",
        "intersection(",
        "json(",
        "format(",
        "map(",
        "filter(",
        "reduce(",
        "sort(",
        "toObject(",
        "groupBy(",
        "mapValues(",
        "lambda(",
        "lambdaVariables(",
        "range(",
        "equals(",
        "tryGet(",
        "split(",
        "substring(",
        "copyIndex(",
        "toLower(",
        "padLeft(",
        "replace(",
        "skip(",
        "take(",
        "first(",
        "last(",
        "items(",
        "objectKeys(",
        "string(",
        "int(",
        "bool(",
        "base64(",
        "base64ToString(",
        "base64ToJson(",
        "indexOf(",
        "lastIndexOf(",
        "min(",
        "max(",
        "add(",
        "mul(",
        "mod(",
        "div(",
        "not(",
        "and(",
        "or(",
        "coalesce(",
        "contains(",
        "empty(",
        "length(",
        "shallowMerge(",
        "join(",
        "less(",
        "startsWith(",
        "dataUriToString(",
        "uriComponentToString(",
        "resourceGroup(",
        "'acls'",
        "'secret'",
        "'choice'",
        "'names'",
        "'prefix'",
        "'{0}'",
        "'{0:N2}'",
        "'{0,-3}'",
        "'{'",
        "'}'",
        "'[1]'",
        "'{\"a\":1}'",
        "'x'",
        "''''",
        "'😀'",
        "'%zz'",
        "0",
        "-1",
        "3",
        "10000",
        "9223372036854775807",
        "-9223372036854775808",
        "true()",
        "null()",
        ")",
        ",",
        ".",
        "[",
        "]",
        " ",
        "a",
        "bypass",
    ];

    /// Well-formed expressions built from the function library, for fuzzing evaluation: calls
    /// mostly with the argument counts the functions take, so that evaluation goes deep.
    fn arb_expr() -> impl Strategy<Value = String> {
        const LEAVES: &[&str] = &[
            "parameters('acls')",
            "parameters('secret')",
            "parameters('choice')",
            "parameters('names')",
            "parameters('count')",
            "parameters('flag')",
            "variables('prefix')",
            "lambdaVariables('x')",
            "lambdaVariables('y')",
            "true()",
            "false()",
            "null()",
            "createObject('a', 1)",
            "createArray()",
            "resourceGroup()",
            "range(0, 5)",
            "json('{\"a\": [1, {\"b\": null}]}')",
            "copyIndex()",
        ];
        const CALLS: &[(&str, usize, usize)] = &[
            ("add", 2, 2),
            ("and", 2, 3),
            ("array", 1, 1),
            ("base64", 1, 1),
            ("base64ToJson", 1, 1),
            ("base64ToString", 1, 1),
            ("bool", 1, 1),
            ("coalesce", 1, 3),
            ("concat", 1, 3),
            ("contains", 2, 2),
            ("createArray", 0, 3),
            ("createObject", 2, 2),
            ("dataUri", 1, 1),
            ("dataUriToString", 1, 1),
            ("div", 2, 2),
            ("empty", 1, 1),
            ("endsWith", 2, 2),
            ("equals", 2, 2),
            ("first", 1, 1),
            ("format", 1, 3),
            ("greater", 2, 2),
            ("if", 3, 3),
            ("indexFromEnd", 2, 2),
            ("indexOf", 2, 2),
            ("int", 1, 1),
            ("intersection", 2, 3),
            ("items", 1, 1),
            ("join", 2, 2),
            ("json", 1, 1),
            ("last", 1, 1),
            ("lastIndexOf", 2, 2),
            ("length", 1, 1),
            ("less", 2, 2),
            ("max", 1, 3),
            ("min", 1, 3),
            ("mod", 2, 2),
            ("mul", 2, 2),
            ("not", 1, 1),
            ("objectKeys", 1, 1),
            ("or", 2, 3),
            ("padLeft", 2, 3),
            ("range", 2, 2),
            ("replace", 3, 3),
            ("shallowMerge", 1, 1),
            ("skip", 2, 2),
            ("split", 2, 2),
            ("startsWith", 2, 2),
            ("string", 1, 1),
            ("sub", 2, 2),
            ("substring", 1, 3),
            ("take", 2, 2),
            ("toLower", 1, 1),
            ("toUpper", 1, 1),
            ("trim", 1, 1),
            ("tryGet", 2, 3),
            ("tryIndexFromEnd", 2, 2),
            ("union", 2, 3),
            ("uriComponent", 1, 1),
            ("uriComponentToString", 1, 1),
            ("reference", 1, 2),
            ("unknownFn", 0, 2),
        ];
        let leaf = prop_oneof![
            3 => proptest::sample::select(LEAVES).prop_map(str::to_string),
            1 => (-3i64..12).prop_map(|n| n.to_string()),
            2 => "[a-zA-Z{}0-9,:%=' ]{0,8}".prop_map(|s| format!("'{}'", s.replace('\'', "''"))),
        ];
        leaf.prop_recursive(6, 96, 3, |inner| {
            let call = (
                proptest::sample::select(CALLS),
                proptest::collection::vec(inner.clone(), 3),
            )
                .prop_map(|((f, min, max), args)| {
                    let n = if min == max {
                        min
                    } else {
                        min + args.len() % (max - min + 1)
                    };
                    let n = n.min(args.len());
                    format!("{f}({})", args[..n].join(", "))
                });
            let lambda = (0usize..7, inner.clone(), inner.clone(), inner.clone()).prop_map(
                |(k, list, init, body)| match k {
                    0 => format!("map({list}, lambda('x', 'y', {body}))"),
                    1 => format!("filter({list}, lambda('x', {body}))"),
                    2 => format!("sort({list}, lambda('x', 'y', {body}))"),
                    3 => format!("reduce({list}, {init}, lambda('x', 'y', {body}))"),
                    4 => format!("toObject({list}, lambda('x', {body}))"),
                    5 => format!("groupBy({list}, lambda('x', {body}))"),
                    _ => format!("mapValues({list}, lambda('x', {body}))"),
                },
            );
            prop_oneof![
                6 => call,
                1 => (inner.clone(), proptest::sample::select(&["a", "b", "bypass", "key"][..]))
                    .prop_map(|(e, p)| format!("{e}.{p}")),
                1 => (inner.clone(), inner.clone()).prop_map(|(e, i)| format!("{e}[{i}]")),
                2 => lambda,
            ]
        })
    }

    /// The deepest expressions the parser accepts, evaluated on a thread with `stack` bytes.
    fn deepest_fit(stack: usize) -> bool {
        let depth = ARM_EXPRESSION_NESTING - 1;
        let shapes = [
            format!("{}1{}", "add(0, ".repeat(depth), ")".repeat(depth)),
            format!(
                "{}'x'{}",
                "if(parameters('secret'), ".repeat(depth - 1),
                ", 'y')".repeat(depth - 1)
            ),
            format!(
                "{}lambdaVariables('x'){}",
                "map(createArray(1), lambda('x', ".repeat(depth / 2),
                "))".repeat(depth / 2)
            ),
            format!(
                "{}'x'{}",
                "createArray(".repeat(depth),
                ")[0]".repeat(depth)
            ),
            format!(
                "{}0{}",
                "createArray(0)[".repeat(depth / 2),
                "]".repeat(depth / 2)
            ),
        ];
        std::thread::Builder::new()
            .stack_size(stack)
            .spawn(move || {
                for body in shapes {
                    let text = format!("[{body}]");
                    let Ok(Some(Parsed::Expr(e))) = parse(&text) else {
                        panic!("{text}")
                    };
                    let _ = evaluate(&e, &Kit::new(), &at_range, &whole());
                }
            })
            .unwrap()
            .join()
            .is_ok()
    }

    /// Debug builds need about 768 KiB for the worst of these; a worker thread has 2 MiB.
    #[test]
    fn the_deepest_expressions_fit_a_small_stack() {
        assert!(deepest_fit(1 << 20));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn any_string_parses_or_fails_without_panicking(s in ".{0,200}") {
            let _ = parse(&s);
            let _ = parse(&format!("[{s}]"));
        }

        #[test]
        fn expression_like_strings_evaluate_without_panicking(
            parts in proptest::collection::vec(proptest::sample::select(TOKENS), 0..40)
        ) {
            let text = format!("[{}]", parts.concat());
            if let Ok(Some(Parsed::Expr(e))) = parse(&text) {
                let _ = evaluate(&e, &Kit::new(), &at_range, &whole());
            }
        }

        #[test]
        fn well_formed_expressions_evaluate_without_panicking(body in arb_expr()) {
            let text = format!("[{body}]");
            let parsed = parse(&text);
            prop_assert!(matches!(parsed, Ok(Some(Parsed::Expr(_)))), "{text}: {parsed:?}");
            if let Ok(Some(Parsed::Expr(e))) = parsed {
                let mut kit = Kit::new();
                kit.loops = vec![(None, 1)];
                let _ = evaluate(&e, &kit, &at_range, &whole());
            }
        }

        #[test]
        fn deep_nesting_returns_promptly(n in 0usize..20_000, which in 0usize..4) {
            let open = ["concat(", "[", "x()[", "('"][which];
            let text = format!("[{}]", open.repeat(n));
            let start = std::time::Instant::now();
            let _ = parse(&text);
            prop_assert!(start.elapsed() < std::time::Duration::from_secs(2));
        }
    }
}
