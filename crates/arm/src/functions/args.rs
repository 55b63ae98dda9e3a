//! How a function receives its arguments from an evaluator: [`Args`], each argument evaluated
//! only when the function asks for it.
//!
//! The lazy functions (`if`, `and`, `or`, `coalesce`) and the lambda functions (`map`, `filter`,
//! ...) are written once, over [`Args`]: the ARM evaluator implements it over `[...]`
//! expressions and `lambda('x', ...)`, the Bicep evaluator over its syntax tree and `x => ...`,
//! so that Bicep's `&&`, `||`, `??`, `?:` and lambdas mean exactly what their compiled ARM form
//! means, short-circuit included. [`Evaluated`] is the plain case: values already computed.

use std::ops::Range;

use vigil_model::{Location, Val};

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
pub(super) struct Evaluated<'v> {
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

#[cold]
pub(super) fn exhausted() -> String {
    "the expression takes more steps to evaluate than vigil allows".into()
}

#[cold]
pub fn bad_lambda(func: &str, params: &Range<usize>) -> String {
    format!(
        "the template language function '{func}' expects a lambda with {} to {} parameter(s)",
        params.start,
        params.end - 1
    )
}
