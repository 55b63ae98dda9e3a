//! The ARM template expression language: `"[concat('kv-', parameters('env'))]"`.
//!
//! A JSON string is an expression when it starts with `[` and ends with `]`; `[[` at the start
//! escapes the bracket instead. Inside: function calls (`name(args)`, names in any case,
//! `namespace.name(args)` for user-defined functions), string literals in single quotes (`''`
//! is a quote), integers, and property access (`.name`, `['name']`, `[expr]`) after any of
//! them. `true`, `false` and `null` are the functions `true()`, `false()` and `null()`.
//!
//! Parsing is recursive but refuses nesting deeper than [`ARM_EXPRESSION_NESTING`], and
//! evaluation spends a budget of steps, so that no input can overflow the stack, exhaust memory
//! or hang.
//!
//! Where things are: this file holds the syntax tree ([`Expr`], [`Parsed`]); `parse.rs` reads a
//! string into it, `eval.rs` evaluates it in a [`Scope`] (the functions themselves are
//! [`crate::functions`]).

mod eval;
mod parse;
#[cfg(test)]
pub(crate) mod testkit;

pub use eval::{evaluate, Scope};
pub use parse::{parse, ParseError};

use std::ops::Range;

/// A parsed expression. Spans are byte ranges in the string value given to [`parse`].
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `'text'`, with `''` already read as `'`.
    String { value: String, span: Range<usize> },
    /// `42`, `-1`.
    Number { value: i64, span: Range<usize> },
    /// `name(args)`; `name` as written (`concat`, `CONCAT`, `ns.fn`).
    Call {
        name: String,
        args: Vec<Expr>,
        span: Range<usize>,
    },
    /// `base.name`, `base['name']`, `base[expr]`, chained.
    Access {
        base: Box<Expr>,
        path: Vec<Accessor>,
        span: Range<usize>,
    },
}

/// One step of property access.
#[derive(Debug, Clone, PartialEq)]
pub enum Accessor {
    /// `.name`
    Property { name: String, span: Range<usize> },
    /// `[expr]` (`['name']` included)
    Index { index: Expr, span: Range<usize> },
}

impl Expr {
    /// The byte range the expression covers in the string value.
    pub fn span(&self) -> Range<usize> {
        match self {
            Expr::String { span, .. }
            | Expr::Number { span, .. }
            | Expr::Call { span, .. }
            | Expr::Access { span, .. } => span.clone(),
        }
    }
}

/// What a JSON string value is to ARM.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// The `[[...]` escape: the text itself, minus its first `[`.
    Literal(String),
    Expr(Expr),
}
