//! The expression evaluator: Terraform's expression language over values that remember where
//! they were written ([`Val::origin`]) and the references that carried them ([`Val::trace`]).
//!
//! Split as hashicorp/hcl's `hclsyntax` is: this file holds the evaluator's state, its entry
//! points ([`Evaluator::eval`], [`Evaluator::eval_or_unknown`]), its errors and the depth and
//! budget guards every expression passes. Each kind of expression lives in its own file:
//! [`expression`] (literals, collections, traversals, indexes and splats, conditionals),
//! [`template`] (string templates, heredocs, directives), [`call`] (function calls, `try` and
//! `can`), [`for_expr`] (`for` expressions), [`reference`] (`var.`, `local.`, `module.`,
//! resources, `data.`, `count`, `each`, `self`, `path`) and [`operators`] (unary and binary
//! operators). What vigil tells of a value's type from the expression that made it is in
//! [`typing`] (the type) and [`kinds`] (set or list, tuple or list).

mod call;
mod expression;
mod for_expr;
mod kinds;
mod operators;
mod reference;
mod template;
mod typing;

use crate::convert;
use crate::parse::Expr;
use hcl_edit::Span;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use vigil_model::budget;
use vigil_model::limits::TERRAFORM_EVAL_DEPTH;
use vigil_model::{LineIndex, Location, Val, Value};

/// Terraform would reject the configuration here; the evaluator reports why and where.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct EvalError {
    pub message: String,
    pub location: Option<Location>,
    /// The error is a reference to something not declared (or not available here): the
    /// configuration is incomplete rather than wrong, so a condition failing this way still
    /// leaves only its two branches.
    pub reference: bool,
    /// The evaluation budget ran out: no `try()` or `can()` may take that for an answer.
    pub budget: bool,
}

pub(crate) type R = Result<Val, EvalError>;

fn err(message: impl Into<String>, location: Option<Location>) -> EvalError {
    EvalError {
        message: message.into(),
        location,
        reference: false,
        budget: false,
    }
}

/// The error of a budget that ran out (see [`EvalError::budget`]).
fn budget_err(e: vigil_model::budget::Exceeded, location: Option<Location>) -> EvalError {
    EvalError {
        budget: true,
        ..err(e.reason, location)
    }
}

/// An error of a reference to something not declared (see [`EvalError::reference`]).
fn ref_err(message: impl Into<String>, location: Option<Location>) -> EvalError {
    EvalError {
        reference: true,
        ..err(message, location)
    }
}

/// Names bound by `for` expressions and template loops.
pub(crate) struct Scope<'a> {
    name: &'a str,
    value: Val,
    parent: Option<&'a Scope<'a>>,
}

impl<'a> Scope<'a> {
    pub fn new(name: &'a str, value: Val, parent: Option<&'a Scope<'a>>) -> Self {
        Scope {
            name,
            value,
            parent,
        }
    }

    fn get(&self, name: &str) -> Option<&Val> {
        if self.name == name {
            Some(&self.value)
        } else {
            self.parent.and_then(|p| p.get(name))
        }
    }
}

enum LocalState {
    InProgress,
    Done(R),
}

/// Where expression spans point: the file, and the offset of the text the expression was parsed
/// from (non-zero for templates inside JSON strings).
#[derive(Clone, Copy)]
struct Src {
    file: usize,
    base: usize,
}

pub(crate) struct Evaluator<'m> {
    files: &'m [LineIndex],
    locals: &'m HashMap<String, Expr>,
    /// Resolved input variables; `None` while evaluating the variables themselves (where
    /// Terraform allows no references).
    vars: Option<&'m HashMap<String, Val>>,
    local_state: RefCell<HashMap<String, LocalState>>,
    depth: Cell<u32>,
    /// The resource instance being evaluated: `count.index`, or `each.key` and `each.value`.
    instance: RefCell<Option<Instance>>,
    /// Answers `module.NAME` references.
    modules: Option<&'m dyn ModuleHost>,
    /// The declared variables, for their types (whether a value may be a set).
    declared: Option<&'m BTreeMap<String, crate::variables::Variable>>,
    /// Whether this is the root module, whose variables hold literal values (never a set
    /// unless their type makes one).
    root: bool,
    /// Whether a file of the module does not parse: a name not found may be declared there.
    incomplete: bool,
    /// Which argument each `try` outside any loop gave its value from, for the type of its
    /// result (the type of the argument that succeeded). Keyed by the call's address in the
    /// syntax tree, which outlives the evaluator and names one call wherever it was written.
    try_choices: RefCell<HashMap<usize, usize>>,
}

/// Evaluates module calls for the evaluator of their caller.
pub(crate) trait ModuleHost {
    /// The value of `module.NAME`: an object of outputs, or a list or map of them for a call
    /// with `count` or `for_each`.
    fn outputs(&self, name: &str, caller: &Evaluator) -> Result<Val, String>;
}

/// What `count.index` or `each.*` stand for in one resource instance.
#[derive(Clone, Debug)]
pub(crate) enum Instance {
    Count(usize),
    Each {
        key: Val,
        value: Val,
    },
    /// `count`/`for_each` itself is unknown: so is everything that depends on the instance.
    Unknown(String),
}

impl<'m> Evaluator<'m> {
    pub fn new(
        files: &'m [LineIndex],
        locals: &'m HashMap<String, Expr>,
        vars: Option<&'m HashMap<String, Val>>,
    ) -> Self {
        Evaluator {
            files,
            locals,
            vars,
            local_state: RefCell::new(HashMap::new()),
            depth: Cell::new(0),
            instance: RefCell::new(None),
            modules: None,
            declared: None,
            root: false,
            incomplete: false,
            try_choices: RefCell::new(HashMap::new()),
        }
    }

    pub fn with_declared(
        mut self,
        declared: &'m BTreeMap<String, crate::variables::Variable>,
        root: bool,
    ) -> Self {
        self.declared = Some(declared);
        self.root = root;
        self
    }

    /// Marks the module incomplete (a file does not parse), for the reasons of unknowns.
    pub fn incomplete(mut self, incomplete: bool) -> Self {
        self.incomplete = incomplete;
        self
    }

    /// How an unknown names a reference to something not found.
    fn not_declared(&self, what: &str, name: &str) -> String {
        if self.incomplete {
            format!("no {what} named `{name}` is declared in the files that parse (a file of the module does not parse)")
        } else {
            format!("no {what} named `{name}` is declared")
        }
    }

    pub fn with_modules(mut self, host: &'m dyn ModuleHost) -> Self {
        self.modules = Some(host);
        self
    }

    /// Evaluates what follows for one resource or module instance; returns the instance it
    /// replaces, to be put back.
    pub fn set_instance(&self, instance: Option<Instance>) -> Option<Instance> {
        self.instance.replace(instance)
    }

    pub fn location(&self, file: usize, range: Range<usize>) -> Location {
        self.files[file].location(range)
    }

    fn loc(&self, src: Src, span: Option<Range<usize>>) -> Option<Location> {
        span.map(|s| self.location(src.file, s.start + src.base..s.end + src.base))
    }

    /// The location of an expression, for reports about the expression as a whole.
    pub fn expr_location(&self, e: &Expr) -> Option<Location> {
        match e {
            Expr::Hcl { file, expr } => self.loc(
                Src {
                    file: *file,
                    base: 0,
                },
                expr.span(),
            ),
            Expr::Json { file, node } | Expr::JsonLiteral { file, node } => {
                Some(self.location(*file, node.range.clone()))
            }
        }
    }

    /// Evaluates an expression; an error (what Terraform would refuse) becomes an unknown value
    /// naming it, so that a rule reports it as undetermined instead of guessing.
    pub fn eval_or_unknown(&self, e: &Expr) -> Val {
        self.eval_scoped_or_unknown(e, None)
    }

    /// [`Self::eval_or_unknown`] with names bound (a `dynamic` block's iterator).
    pub fn eval_scoped_or_unknown(&self, e: &Expr, scope: Option<&Scope>) -> Val {
        match self.eval(e, scope) {
            Ok(v) => v,
            Err(error) => {
                let at = error.location.clone().or_else(|| self.expr_location(e));
                let reason = match &at {
                    Some(l) => format!("{} ({})", error.message, l.short()),
                    None => error.message,
                };
                Val::unknown(reason, at)
            }
        }
    }

    pub fn eval(&self, e: &Expr, scope: Option<&Scope>) -> R {
        match e {
            Expr::Hcl { file, expr } => self.hcl(
                expr,
                Src {
                    file: *file,
                    base: 0,
                },
                scope,
            ),
            Expr::Json { file, node } => self.json(node, *file, scope, false),
            Expr::JsonLiteral { file, node } => self.json(node, *file, scope, true),
        }
    }

    fn enter(&self, at: Option<&Location>) -> Result<DepthGuard<'_>, EvalError> {
        budget::step(|| at.cloned()).map_err(|e| budget_err(e, at.cloned()))?;
        let d = self.depth.get() + 1;
        if d > TERRAFORM_EVAL_DEPTH {
            return Err(err(
                format!("expression nested more than {TERRAFORM_EVAL_DEPTH} levels deep"),
                at.cloned(),
            ));
        }
        self.depth.set(d);
        Ok(DepthGuard(&self.depth))
    }

    /// `v` if it is within the limits of one value (its cost charged to the unit), else an
    /// unknown saying which limit it passes; an error when the unit's budget ran out.
    fn checked(&self, v: Val, src: Src, span: Option<Range<usize>>) -> R {
        let at = || self.loc(src, span.clone()).or_else(|| v.origin.clone());
        match budget::check_value(&v, at) {
            Ok(()) => Ok(v),
            Err(e) if budget::spent().is_some() => Err(budget_err(e, at())),
            Err(e) => Ok(Val::unknown(e.reason, at())),
        }
    }
}

struct DepthGuard<'a>(&'a Cell<u32>);

impl Drop for DepthGuard<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get() - 1);
    }
}

fn unknown_reason(v: &Val, fallback: &str) -> String {
    v.first_unknown()
        .map_or_else(|| fallback.to_string(), |(u, _)| u.reason.clone())
}

pub(crate) fn type_name(v: &Val) -> &'static str {
    match v.value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::List(_) => "list",
        Value::Object(_) => "object",
        Value::Unknown(_) => "unknown value",
    }
}

/// The value as Terraform converts it to a string: Ok(None) when unknown.
pub(crate) fn string_of(v: &Val) -> Result<Option<String>, String> {
    match &v.value {
        Value::String(s) => Ok(Some(s.clone())),
        // As Terraform writes it: no exponent, and `-0` for negative zero.
        Value::Number(n) => Ok(Some(convert::num_to_string(*n))),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Unknown(_) => Ok(None),
        Value::Null => Err("a null value cannot be used as a string".to_string()),
        _ => Err(format!("a {} cannot be used as a string", type_name(v))),
    }
}

/// Terraform's conversion to a number, strict as cty's (`" 5"` is no number).
fn number_of(v: &Val) -> Option<f64> {
    convert::number_of(v).ok()
}

fn bool_of(v: &Val) -> Option<bool> {
    convert::bool_of(v).ok()
}
