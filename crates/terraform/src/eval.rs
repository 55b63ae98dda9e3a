//! The expression evaluator: Terraform's expression language over values that remember where
//! they were written ([`Val::origin`]) and the references that carried them ([`Val::trace`]).

mod typing;

use crate::convert;
use crate::functions;
use crate::parse::{Expr, JKind, JNode};
use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::Span;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use vigil_model::budget::{self, Tally};
use vigil_model::{Hop, LineIndex, Location, Val, Value};

/// Deeper evaluation than this (long chains of locals, say) is refused rather than risking the
/// stack.
const MAX_DEPTH: u32 = 200;

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
    declared: Option<&'m BTreeMap<String, crate::Variable>>,
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
        declared: &'m BTreeMap<String, crate::Variable>,
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
        if d > MAX_DEPTH {
            return Err(err(
                format!("expression nested more than {MAX_DEPTH} levels deep"),
                at.cloned(),
            ));
        }
        self.depth.set(d);
        Ok(DepthGuard(&self.depth))
    }

    fn json(&self, node: &JNode, file: usize, scope: Option<&Scope>, literal: bool) -> R {
        let origin = Some(self.location(file, node.range.clone()));
        let _guard = self.enter(origin.as_ref())?;
        Ok(match &node.kind {
            JKind::Null => Val::null(origin),
            JKind::Bool(b) => Val::new(Value::Bool(*b), origin),
            JKind::Number(n) => Val::new(Value::Number(*n), origin),
            JKind::String(s) if literal || !(s.contains("${") || s.contains("%{")) => {
                Val::string(s.clone(), origin)
            }
            JKind::String(s) => {
                let template = hcl_edit::parser::parse_template(s).map_err(|e| {
                    err(format!("invalid template: {}", e.message()), origin.clone())
                })?;
                // Offsets inside the template count from just after the opening quote.
                let src = Src {
                    file,
                    base: node.range.start + 1,
                };
                return self.template(&template, src, scope, origin);
            }
            JKind::Array(items) => Val::list(
                items
                    .iter()
                    .map(|i| self.json(i, file, scope, literal))
                    .collect::<Result<_, _>>()?,
                origin,
            ),
            JKind::Object(props) => {
                let mut map = BTreeMap::new();
                for (k, _, v) in props {
                    if k != "//" {
                        map.insert(k.clone(), self.json(v, file, scope, literal)?);
                    }
                }
                Val::new(Value::Object(map), origin)
            }
        })
    }

    fn hcl(&self, expr: &Expression, src: Src, scope: Option<&Scope>) -> R {
        // References chain through locals and modules: the depth bound keeps the work finite,
        // and a stack grown on demand keeps it from overflowing whatever thread runs it.
        stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || {
            let v = self.hcl_expr(expr, src, scope)?;
            // What copies or builds values is measured (literals were measured as parsed).
            if matches!(
                expr,
                Expression::Traversal(_)
                    | Expression::FuncCall(_)
                    | Expression::ForExpr(_)
                    | Expression::StringTemplate(_)
                    | Expression::HeredocTemplate(_)
                    | Expression::Variable(_)
                    | Expression::BinaryOp(_)
            ) {
                return self.checked(v, src, expr.span());
            }
            Ok(v)
        })
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

    fn hcl_expr(&self, expr: &Expression, src: Src, scope: Option<&Scope>) -> R {
        let origin = self.loc(src, expr.span());
        let _guard = self.enter(origin.as_ref())?;
        match expr {
            Expression::Null(_) => Ok(Val::null(origin)),
            Expression::Bool(b) => Ok(Val::new(Value::Bool(*b.value()), origin)),
            Expression::Number(n) => Ok(Val::new(
                Value::Number(n.value().as_f64().unwrap_or(f64::NAN)),
                origin,
            )),
            Expression::String(s) => Ok(Val::string(s.value().clone(), origin)),
            Expression::Array(items) => {
                let mut tally = Tally::default();
                let mut list = Vec::with_capacity(items.len());
                for i in items.iter() {
                    let v = self.hcl(i, src, scope)?;
                    if let Err(reason) = tally.add(&v) {
                        return Ok(budget::refused_value(&reason, origin));
                    }
                    list.push(v);
                }
                Ok(Val::list(list, origin))
            }
            Expression::Object(obj) => {
                let mut tally = Tally::default();
                let mut map = BTreeMap::new();
                for (key, value) in obj.iter() {
                    // A repeated key was renamed to parse (`parse::reparse_leniently`): the
                    // source text has its real name.
                    let written = |span: Option<Range<usize>>, fallback: &str| {
                        span.and_then(|r| {
                            self.files[src.file]
                                .text()
                                .get(r.start + src.base..r.end + src.base)
                        })
                        .filter(|t| t.len() == fallback.len())
                        .unwrap_or(fallback)
                        .to_string()
                    };
                    let name = match key {
                        ObjectKey::Ident(i) => written(i.span(), i.value().as_str()),
                        ObjectKey::Expression(Expression::String(s))
                            if s.span().is_some_and(|r| r.len() == s.value().len() + 2) =>
                        {
                            let inner = s.span().map(|r| r.start + 1..r.end - 1);
                            written(inner, s.value())
                        }
                        // `null`, `true` and `false` in key position are names too.
                        ObjectKey::Expression(k @ (Expression::Null(_) | Expression::Bool(_))) => {
                            let name = match k {
                                Expression::Null(_) => "null",
                                Expression::Bool(b) if *b.value() => "true",
                                _ => "false",
                            };
                            written(k.span(), name)
                        }
                        ObjectKey::Expression(k) => {
                            // A bare name in key position is the name itself, not a reference.
                            if let Expression::Variable(v) = k {
                                written(v.span(), v.value().as_str())
                            } else {
                                let kv = self.hcl(k, src, scope)?;
                                match string_of(&kv) {
                                    Ok(Some(s)) => s,
                                    Ok(None) => {
                                        return Ok(Val::unknown(
                                            unknown_reason(&kv, "an object key is unknown"),
                                            origin,
                                        ))
                                    }
                                    Err(m) => return Err(err(m, kv.origin)),
                                }
                            }
                        }
                    };
                    let v = self.hcl(value.expr(), src, scope)?;
                    if let Err(reason) = tally.add_entry(&name, &v) {
                        return Ok(budget::refused_value(&reason, origin));
                    }
                    map.insert(name, v);
                }
                Ok(Val::new(Value::Object(map), origin))
            }
            Expression::StringTemplate(t) => {
                let template: Template = t.iter().cloned().collect::<Vec<_>>().into();
                self.template(&template, src, scope, origin)
            }
            Expression::HeredocTemplate(h) => {
                // Terraform removes a `<<-` heredoc's indentation after its strip markers
                // took theirs, which can leave less to remove than the text shows.
                let indent = h.indent().unwrap_or(0);
                if indent > 0
                    && (has_strip(&h.template) || nested_indent(&h.template, false) < indent)
                {
                    return Ok(Val::unknown(
                        "a `<<-` heredoc with `~` strip markers or less indented directive \
                         bodies: vigil does not reproduce how Terraform removes its indentation",
                        origin,
                    ));
                }
                self.template_in(&h.template, src, scope, origin, indent)
            }
            Expression::Parenthesis(p) => self.hcl(p.inner(), src, scope),
            Expression::Variable(v) => {
                let name = v.value().as_str();
                match scope.and_then(|s| s.get(name)) {
                    Some(val) => Ok(val.clone()),
                    None => Err(ref_err(
                        format!("`{name}` is not a value here (did you mean var.{name} or local.{name}?)"),
                        origin,
                    )),
                }
            }
            Expression::Conditional(c) => {
                // A condition that cannot be known (an input with no value, or one that is not
                // declared at all) still leaves only two possible values.
                let cond = match self.hcl(&c.cond_expr, src, scope) {
                    Ok(v) => v,
                    Err(e) if e.reference => {
                        Val::unknown(e.message, e.location.or_else(|| origin.clone()))
                    }
                    // Terraform refuses a condition that fails otherwise (`null < 1`).
                    Err(e) => return Err(e),
                };
                let chosen = match &cond.value {
                    Value::Unknown(u) => {
                        let reason = format!("the condition is unknown: {}", u.reason);
                        let at = cond.origin.clone().or(origin);
                        let branches = (
                            self.hcl(&c.true_expr, src, scope),
                            self.hcl(&c.false_expr, src, scope),
                        );
                        return Ok(match branches {
                            (Ok(t), Ok(f)) => match convert::unify(vec![t, f]).as_deref() {
                                Some([t, f])
                                    if !t.contains_unknown() && t.to_json() == f.to_json() =>
                                {
                                    t.clone()
                                }
                                Some([t, f]) => {
                                    Val::unknown_among(reason, vec![t.clone(), f.clone()], at)
                                }
                                _ => Val::unknown(reason, at),
                            },
                            _ => Val::unknown(reason, at),
                        });
                    }
                    _ => match bool_of(&cond) {
                        Some(b) => b,
                        None => {
                            return Err(err("the condition is not a bool", cond.origin.or(origin)))
                        }
                    },
                };
                let (taken, other) = if chosen {
                    (&c.true_expr, &c.false_expr)
                } else {
                    (&c.false_expr, &c.true_expr)
                };
                let taken_value = self.hcl(taken, src, scope)?;
                let value = self.conditional_result(
                    taken_value.clone(),
                    taken,
                    other,
                    src,
                    scope,
                    origin.clone(),
                )?;
                // Terraform validates first, with the inputs unknown: a known condition whose
                // other branch has no type yet gives the taken value unconverted, of another
                // type than the plan's, which what uses it may refuse.
                if value.to_json() != taken_value.to_json()
                    && !self.reads_inputs(&c.cond_expr)
                    && self.untyped_in_validation(other, 0)
                {
                    return Ok(Val::unknown(
                        "Terraform validates this conditional with its other branch of no type \
                         yet (it reads inputs), so the taken value is not converted there as it \
                         is in the plan: vigil does not follow validation's types",
                        origin,
                    ));
                }
                // Where the deciding value is written explains the choice as much as the branch.
                let text = c
                    .cond_expr
                    .span()
                    .and_then(|r| {
                        self.files[src.file]
                            .text()
                            .get(r.start + src.base..r.end + src.base)
                    })
                    .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|t| t.len() <= 80)
                    .unwrap_or_else(|| "the condition".to_string());
                Ok(match cond.origin {
                    Some(at) => value.through(Hop {
                        label: format!("`{text}` being {chosen}"),
                        location: at,
                    }),
                    None => value,
                })
            }
            Expression::FuncCall(call) => self.call(call, src, scope, origin),
            Expression::Traversal(t) => self.traversal(t, src, scope, origin),
            Expression::UnaryOp(op) => {
                let v = self.hcl(&op.expr, src, scope)?;
                if let Value::Unknown(_) = v.value {
                    return Ok(Val { origin, ..v });
                }
                match (op.operator.value(), &v.value) {
                    (UnaryOperator::Neg, _) => match number_of(&v) {
                        Some(n) => Ok(Val::new(Value::Number(-n), origin)),
                        None => Err(err("`-` needs a number", origin)),
                    },
                    (UnaryOperator::Not, _) => match bool_of(&v) {
                        Some(b) => Ok(Val::new(Value::Bool(!b), origin)),
                        None => Err(err("`!` needs a bool", origin)),
                    },
                }
            }
            Expression::BinaryOp(op) => {
                let lhs = self.hcl(&op.lhs_expr, src, scope)?;
                let rhs = self.hcl(&op.rhs_expr, src, scope)?;
                let operator = *op.operator.value();
                // Terraform's equality compares types too: `[1] == tolist([1])` is false.
                // Equal collections are equal for Terraform only when their types are; where
                // vigil cannot tell both types, both written as literals (tuples and objects)
                // holding no other collection, or one reference twice, still are.
                if matches!(operator, BinaryOperator::Eq | BinaryOperator::NotEq)
                    && is_collection(&lhs)
                    && is_collection(&rhs)
                    && !lhs.contains_unknown()
                    && !rhs.contains_unknown()
                    && lhs.to_json() == rhs.to_json()
                {
                    let types = (
                        self.type_of(&op.lhs_expr, &lhs),
                        self.type_of(&op.rhs_expr, &rhs),
                    );
                    if let (Some(l), Some(r)) = types {
                        let equal = l == r;
                        return Ok(Val::new(
                            Value::Bool(equal == (operator == BinaryOperator::Eq)),
                            origin,
                        ));
                    }
                    let untyped_but_alike = same_reference(&op.lhs_expr, &op.rhs_expr)
                        || literal_collection(&op.lhs_expr, &lhs)
                            && literal_collection(&op.rhs_expr, &rhs);
                    if !untyped_but_alike {
                        return Ok(Val::unknown(
                            "comparing two equal collections: Terraform's answer depends on \
                             their types (list or tuple, map or object), which vigil cannot \
                             tell here",
                            origin,
                        ));
                    }
                }
                binary(operator, &lhs, &rhs, origin)
            }
            Expression::ForExpr(f) => self.for_expr(f, src, scope, origin),
        }
    }

    fn template(
        &self,
        t: &Template,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        self.template_in(t, src, scope, origin, None)
    }

    /// `heredoc`: the indentation a `<<-` heredoc removes, when the template is one.
    /// Terraform reads a heredoc line by line, so a strip marker strips whitespace only up to
    /// the line break, and removes the indentation inside directives too (hcl-edit removes it
    /// from the outermost text only).
    fn template_in(
        &self,
        t: &Template,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
        heredoc: impl Into<Option<usize>>,
    ) -> R {
        let heredoc: Option<usize> = heredoc.into();
        // A template that is one interpolation yields the value itself, unconverted.
        if let Some(Element::Interpolation(i)) = t.as_single_element() {
            return self.hcl(&i.expr, src, scope);
        }
        let mut out = String::new();
        if let Some(unknown) = self.render(
            t,
            src,
            scope,
            &mut out,
            Edges {
                start: false,
                end: false,
                heredoc: heredoc.is_some(),
                indent: heredoc.unwrap_or(0),
                nested: false,
            },
        )? {
            return Ok(Val::unknown(unknown, origin));
        }
        Ok(Val::string(out, origin))
    }

    /// Appends a template's text to `out`; returns the reason when a part is unknown.
    /// `edges` says whether the markers around this (nested) template strip the whitespace
    /// at its start and at its end (`%{ if c ~}`, `%{~ endif }`).
    fn render(
        &self,
        t: &Template,
        src: Src,
        scope: Option<&Scope>,
        out: &mut String,
        edges: Edges,
    ) -> Result<Option<String>, EvalError> {
        let elements: Vec<&Element> = t.iter().collect();
        for (i, element) in elements.iter().enumerate() {
            match element {
                Element::Literal(s) => {
                    // `~` on a neighbouring marker strips the whitespace (newlines too) that
                    // touches it.
                    let mut text = s.value().as_str();
                    let before = if i == 0 {
                        edges.start
                    } else {
                        strips_after(elements[i - 1])
                    };
                    let after = match elements.get(i + 1) {
                        Some(next) => strips_before(next),
                        None => edges.end,
                    };
                    if before {
                        let trimmed = text.trim_start();
                        let stripped = &text[..text.len() - trimmed.len()];
                        text = match stripped.find('\n') {
                            Some(nl) if edges.heredoc => &text[nl + 1..],
                            _ => trimmed,
                        };
                    }
                    if after {
                        // A heredoc's last line (with its line break) is the part stripped.
                        let body = text.strip_suffix('\n').unwrap_or(text);
                        let cut = match body.rfind('\n') {
                            Some(nl) if edges.heredoc => nl + 1,
                            _ => 0,
                        };
                        text = &text[..cut + text[cut..].trim_end().len()];
                    }
                    if edges.nested && edges.indent > 0 {
                        out.push_str(&dedent_lines(text, edges.indent));
                    } else {
                        out.push_str(text)
                    }
                }
                Element::Interpolation(i) => {
                    let v = self.hcl(&i.expr, src, scope)?;
                    match string_of(&v) {
                        Ok(Some(s)) => {
                            let at = || self.loc(src, i.expr.span());
                            if let Err(e) = budget::check_text(out.len() + s.len(), at) {
                                return Ok(Some(e.reason));
                            }
                            out.push_str(&s)
                        }
                        Ok(None) => {
                            return Ok(Some(unknown_reason(&v, "part of the string is unknown")))
                        }
                        Err(m) => return Err(err(format!("in a string template: {m}"), v.origin)),
                    }
                }
                Element::Directive(d) => match d.as_ref() {
                    Directive::If(d) => {
                        let cond = self.hcl(&d.if_expr.cond_expr, src, scope)?;
                        match bool_of(&cond) {
                            Some(true) => {
                                let end = match &d.else_expr {
                                    Some(e) => e.strip.strip_start(),
                                    None => d.endif_expr.strip.strip_start(),
                                };
                                let edges = Edges {
                                    start: d.if_expr.strip.strip_end(),
                                    end,
                                    nested: true,
                                    ..edges
                                };
                                if let Some(u) =
                                    self.render(&d.if_expr.template, src, scope, out, edges)?
                                {
                                    return Ok(Some(u));
                                }
                            }
                            Some(false) => {
                                if let Some(e) = &d.else_expr {
                                    let edges = Edges {
                                        start: e.strip.strip_end(),
                                        end: d.endif_expr.strip.strip_start(),
                                        nested: true,
                                        ..edges
                                    };
                                    if let Some(u) =
                                        self.render(&e.template, src, scope, out, edges)?
                                    {
                                        return Ok(Some(u));
                                    }
                                }
                            }
                            None if cond.is_unknown() => {
                                return Ok(Some(unknown_reason(
                                    &cond,
                                    "a template condition is unknown",
                                )))
                            }
                            None => {
                                return Err(err("a template condition is not a bool", cond.origin))
                            }
                        }
                    }
                    Directive::For(d) => {
                        let f = &d.for_expr;
                        let coll = self.hcl(&f.collection_expr, src, scope)?;
                        let items = match iter_items(&coll) {
                            Ok(items) => items,
                            Err(None) => {
                                return Ok(Some(unknown_reason(
                                    &coll,
                                    "a template loop's collection is unknown",
                                )))
                            }
                            Err(Some(m)) => return Err(err(m, coll.origin)),
                        };
                        let key_var = f.key_var.as_ref().map(|k| k.value().as_str());
                        let items = match self.set_keys(key_var, &f.collection_expr, &coll, items) {
                            Ok(items) => items,
                            Err(reason) => return Ok(Some(reason)),
                        };
                        for (k, v) in items {
                            let unknown = with_loop_vars(
                                scope,
                                key_var,
                                f.value_var.value().as_str(),
                                k,
                                v,
                                |inner| {
                                    let edges = Edges {
                                        start: f.strip.strip_end(),
                                        end: d.endfor_expr.strip.strip_start(),
                                        nested: true,
                                        ..edges
                                    };
                                    self.render(&f.template, src, Some(inner), out, edges)
                                },
                            )?;
                            if let Some(u) = unknown {
                                return Ok(Some(u));
                            }
                            let at = || self.loc(src, f.collection_expr.span());
                            if let Err(e) = budget::check_text(out.len(), at) {
                                return Ok(Some(e.reason));
                            }
                        }
                    }
                },
            }
        }
        Ok(None)
    }

    fn call(
        &self,
        call: &hcl_edit::expr::FuncCall,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        let name = call.name.name.value().as_str();
        if call.name.is_namespaced() {
            let full: Vec<&str> = call
                .name
                .namespace
                .iter()
                .map(|n| n.value().as_str())
                .chain([name])
                .collect();
            return Ok(Val::unknown(
                format!(
                    "provider function `{}` is not evaluated by vigil",
                    full.join("::")
                ),
                origin,
            ));
        }
        match name {
            "try" => {
                let mut last = None;
                for (i, arg) in call.args.iter().enumerate() {
                    match self.hcl(arg, src, scope) {
                        // An unknown argument might fail or succeed once known.
                        Ok(v) if v.contains_unknown() => {
                            return Ok(Val::unknown(
                                unknown_reason(&v, "a try() argument is unknown"),
                                origin,
                            ))
                        }
                        Ok(v) => {
                            // In a loop the choice may differ from one element to the next.
                            if scope.is_none() {
                                self.try_choices.borrow_mut().insert(try_key(call), i);
                            }
                            return Ok(v);
                        }
                        Err(e) if e.budget => return Err(e),
                        Err(e) => last = Some(e),
                    }
                }
                Err(err(
                    format!(
                        "no argument of try() could be evaluated{}",
                        last.map(|e| format!(" (last: {})", e.message))
                            .unwrap_or_default()
                    ),
                    origin,
                ))
            }
            "can" => {
                let Some(arg) = call.args.iter().next() else {
                    return Err(err("can() takes one argument", origin));
                };
                Ok(match self.hcl(arg, src, scope) {
                    Ok(v) if v.contains_unknown() => {
                        Val::unknown(unknown_reason(&v, "the can() argument is unknown"), origin)
                    }
                    Ok(_) => Val::new(Value::Bool(true), origin),
                    Err(e) if e.budget => return Err(e),
                    Err(_) => Val::new(Value::Bool(false), origin),
                })
            }
            _ => {
                let mut args = Vec::with_capacity(call.args.len());
                // The arguments together are bounded as one value is, so that a call cannot
                // copy a large value many times over before its result is measured.
                let mut tally = Tally::default();
                for arg in call.args.iter() {
                    let v = self.hcl(arg, src, scope)?;
                    if let Err(reason) = tally.add(&v) {
                        return Ok(budget::refused_value(&reason, origin));
                    }
                    args.push(v);
                }
                // These take lists and tuples only: Terraform refuses a set.
                let no_sets: &[usize] = match name {
                    "concat" | "coalescelist" => &[0, 1, 2, 3, 4, 5, 6, 7],
                    "element" | "index" | "slice" => &[0],
                    "zipmap" => &[1],
                    _ => &[],
                };
                for (i, arg) in call.args.iter().enumerate() {
                    if !no_sets.contains(&i) {
                        continue;
                    }
                    match self.set_kind(arg, 0) {
                        Some(true) => {
                            return Err(err(format!("{name}(): a set is not a list"), origin))
                        }
                        None if self.may_be_set(arg) => {
                            return Ok(Val::unknown(
                                format!(
                                    "{name}() refuses a set, and vigil cannot tell whether its \
                                     argument (a conditional with a set on one side) is one"
                                ),
                                origin,
                            ))
                        }
                        _ => {}
                    }
                }
                if call.args.expand_final() {
                    if let Some(last) = args.pop() {
                        match last.value {
                            Value::List(items) => args.extend(items),
                            Value::Unknown(_) => return Ok(Val { origin, ..last }),
                            _ => {
                                return Err(err(
                                    "only a list can be expanded with `...`",
                                    last.origin,
                                ))
                            }
                        }
                    }
                }
                if let Some(v) = self.typed_collection(name, call, &args) {
                    return Ok(v);
                }
                let at = origin
                    .clone()
                    .unwrap_or_else(|| self.location(src.file, 0..0));
                let result = match functions::call(name, args, &at) {
                    Ok(v) => v,
                    // A result past the limits of one value is unknown, reported at the call.
                    Err(m) if m.contains(budget::LIMIT_MARK) => {
                        return Ok(budget::refused_value(&format!("{name}(): {m}"), origin))
                    }
                    Err(m) => return Err(err(format!("{name}(): {m}"), origin.clone())),
                };
                if name == "setproduct" {
                    return Ok(self.setproduct_kind(call, result, origin));
                }
                Ok(result)
            }
        }
    }

    /// `tolist`, `toset` or `tomap` of an argument whose type vigil knows: converted to the
    /// collection of its elements' unified type, typed nulls included
    /// (`tomap({ a = 1, b = tostring(null) })` makes `a` a string). `None` leaves the call
    /// to the functions, which read the type from the values.
    fn typed_collection(
        &self,
        name: &str,
        call: &hcl_edit::expr::FuncCall,
        args: &[Val],
    ) -> Option<Val> {
        let (Some(arg), [v]) = (call.args.iter().next(), args) else {
            return None;
        };
        if call.args.expand_final() || matches!(v.value, Value::Null | Value::Unknown(_)) {
            return None;
        }
        let elements = match (name, self.type_of(arg, v)?) {
            ("tolist" | "toset", convert::Ty::Tuple(ts)) => ts,
            ("tomap", convert::Ty::Object(attrs)) => attrs.into_values().collect(),
            ("tolist" | "toset", convert::Ty::List(t) | convert::Ty::Set(t))
            | ("tomap", convert::Ty::Map(t)) => vec![*t],
            _ => return None,
        };
        let element = Box::new(if elements.is_empty() {
            convert::Ty::Dynamic
        } else {
            convert::unify_types(&elements)?
        });
        let target = match name {
            "tolist" => convert::Ty::List(element),
            "toset" => convert::Ty::Set(element),
            _ => convert::Ty::Map(element),
        };
        convert::convert(v.clone(), &target)
    }

    fn for_expr(
        &self,
        f: &hcl_edit::expr::ForExpr,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        let coll = self.hcl(&f.intro.collection_expr, src, scope)?;
        let items = match iter_items(&coll) {
            Ok(items) => items,
            Err(None) => {
                return Ok(Val::unknown(
                    unknown_reason(&coll, "the for expression's collection is unknown"),
                    origin,
                ))
            }
            Err(Some(m)) => return Err(err(m, coll.origin)),
        };
        if items.len() > budget::limits().value_items {
            return Ok(budget::refused_value(
                "a for expression over more elements than one collection may hold",
                origin,
            ));
        }
        // Over an empty collection Terraform still evaluates the `if` (with unknown names),
        // and refuses the expression when that fails.
        if let (true, Some(cond)) = (items.is_empty(), &f.cond) {
            let key_var = f.intro.key_var.as_ref().map(|k| k.value().as_str());
            let unknown = || Val::unknown("an element of an empty collection", origin.clone());
            let c = with_loop_vars(
                scope,
                key_var,
                f.intro.value_var.value().as_str(),
                unknown(),
                unknown(),
                |inner| self.hcl(&cond.expr, src, Some(inner)),
            )?;
            if !c.is_unknown() && bool_of(&c).is_none() {
                return Err(err("a for expression's `if` is not a bool", c.origin));
            }
        }
        let mut list = Vec::new();
        let mut map: BTreeMap<String, Val> = BTreeMap::new();
        let mut groups: BTreeMap<String, Vec<Val>> = BTreeMap::new();
        let key_var = f.intro.key_var.as_ref().map(|k| k.value().as_str());
        let value_var = f.intro.value_var.value().as_str();
        let items = match self.set_keys(key_var, &f.intro.collection_expr, &coll, items) {
            Ok(items) => items,
            Err(reason) => return Ok(Val::unknown(reason, origin)),
        };
        let mut tally = Tally::default();
        for (k, v) in items {
            let step = with_loop_vars(scope, key_var, value_var, k, v, |inner| {
                self.for_item(f, src, inner)
            })?;
            let (key, value) = match step {
                ForItem::Skip => continue,
                ForItem::Unknown(reason) => return Ok(Val::unknown(reason, origin)),
                ForItem::Item(key, value) => (key, value),
            };
            if let Err(reason) = tally.add_entry(key.as_deref().unwrap_or(""), &value) {
                return Ok(budget::refused_value(&reason, origin));
            }
            match key {
                None => list.push(value),
                Some(key) => {
                    if f.grouping {
                        groups.entry(key).or_default().push(value);
                    } else if map.insert(key.clone(), value).is_some() {
                        return Err(err(
                            format!(
                                "duplicate key `{key}` in a for expression (use `...` to group)"
                            ),
                            origin,
                        ));
                    }
                }
            }
        }
        Ok(if f.key_expr.is_none() {
            Val::list(list, origin)
        } else if f.grouping {
            let o = origin.clone();
            Val::new(
                Value::Object(
                    groups
                        .into_iter()
                        .map(|(k, v)| (k, Val::list(v, o.clone())))
                        .collect(),
                ),
                origin,
            )
        } else {
            Val::new(Value::Object(map), origin)
        })
    }

    /// One element of a `for` expression, its names bound in `inner`.
    fn for_item(
        &self,
        f: &hcl_edit::expr::ForExpr,
        src: Src,
        inner: &Scope,
    ) -> Result<ForItem, EvalError> {
        if let Some(cond) = &f.cond {
            let c = self.hcl(&cond.expr, src, Some(inner))?;
            match bool_of(&c) {
                Some(true) => {}
                Some(false) => return Ok(ForItem::Skip),
                None if c.is_unknown() => {
                    return Ok(ForItem::Unknown(unknown_reason(
                        &c,
                        "a for expression's condition is unknown",
                    )))
                }
                None => return Err(err("a for expression's `if` is not a bool", c.origin)),
            }
        }
        let value = self.hcl(&f.value_expr, src, Some(inner))?;
        let Some(key_expr) = &f.key_expr else {
            return Ok(ForItem::Item(None, value));
        };
        let key = self.hcl(key_expr, src, Some(inner))?;
        match string_of(&key) {
            Ok(Some(s)) => Ok(ForItem::Item(Some(s), value)),
            Ok(None) => Ok(ForItem::Unknown(unknown_reason(
                &key,
                "a for expression's key is unknown",
            ))),
            Err(m) => Err(err(m, key.origin)),
        }
    }

    fn traversal(
        &self,
        t: &hcl_edit::expr::Traversal,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        let ops = &t.operators;
        let (mut value, used) = match &t.expr {
            Expression::Variable(root)
                if scope.and_then(|s| s.get(root.value().as_str())).is_none() =>
            {
                self.reference(root.value().as_str(), ops, src, origin.clone())?
            }
            other => (self.hcl(other, src, scope)?, 0),
        };
        // A set has no index.
        if let Some(TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_)) =
            ops.get(used).map(|o| o.value())
        {
            let prefix_is_set = match (&t.expr, used) {
                (Expression::Variable(_), 0) => None,
                (other, 0) => self.set_kind(other, 0),
                (Expression::Variable(root), 1) => self.reference_set_kind(root.value(), ops),
                _ => None,
            };
            if prefix_is_set == Some(true) {
                return Err(err("a set cannot be indexed", origin));
            }
            if prefix_is_set.is_none() && used == 0 && self.may_be_set(&t.expr) {
                return Ok(Val::unknown(
                    "an index into a conditional with a set on one side: Terraform refuses it \
                     when the result is a set, which vigil cannot tell",
                    origin,
                ));
            }
        }
        let mut i = used;
        while i < ops.len() {
            let op = ops[i].value();
            match op {
                TraversalOperator::GetAttr(name) => {
                    value = get_attr(&value, name.value().as_str(), origin.clone())?;
                }
                TraversalOperator::Index(e) => {
                    let key = self.hcl(e, src, scope)?;
                    value = index(&value, &key, origin.clone())?;
                }
                TraversalOperator::LegacyIndex(n) => {
                    let key = Val::new(Value::Number(*n.value() as f64), None);
                    value = index(&value, &key, origin.clone())?;
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let full = matches!(op, TraversalOperator::FullSplat(_));
                    // An attribute splat applies only the attribute accesses that follow it.
                    let end = if full {
                        ops.len()
                    } else {
                        ops[i + 1..]
                            .iter()
                            .position(|o| !matches!(o.value(), TraversalOperator::GetAttr(_)))
                            .map_or(ops.len(), |p| i + 1 + p)
                    };
                    let items = match &value.value {
                        Value::Null => Vec::new(),
                        Value::List(items) => {
                            items.iter().map(|item| inherit(&value, item)).collect()
                        }
                        Value::Unknown(_) => return Ok(value),
                        _ => vec![value.clone()],
                    };
                    // Over an empty list Terraform still checks the steps after the splat
                    // against the element type; an index there may fail for a typed list.
                    let indexed = ops[i + 1..end].iter().any(|o| {
                        matches!(
                            o.value(),
                            TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_)
                        )
                    });
                    let untyped = i == used && self.untyped_empty(&t.expr);
                    if items.is_empty() && indexed && !untyped {
                        return Ok(Val::unknown(
                            "an index after a splat over an empty list: Terraform checks it \
                             against the element type, which vigil does not know",
                            origin,
                        ));
                    }
                    let mut out = Vec::with_capacity(items.len());
                    for item in items {
                        let mut v = item;
                        for op in &ops[i + 1..end] {
                            v = match op.value() {
                                TraversalOperator::GetAttr(name) => {
                                    get_attr(&v, name.value().as_str(), origin.clone())?
                                }
                                TraversalOperator::Index(e) => {
                                    let key = self.hcl(e, src, scope)?;
                                    index(&v, &key, origin.clone())?
                                }
                                TraversalOperator::LegacyIndex(n) => index(
                                    &v,
                                    &Val::new(Value::Number(*n.value() as f64), None),
                                    origin.clone(),
                                )?,
                                // A nested splat in a full splat applies to each item's value.
                                _ => v,
                            };
                        }
                        out.push(v);
                    }
                    value = Val::list(out, origin.clone());
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        Ok(value)
    }

    /// Resolves a reference such as `var.x` or `local.y`; returns the value and how many
    /// traversal operators the reference itself used.
    fn reference(
        &self,
        root: &str,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        src: Src,
        origin: Option<Location>,
    ) -> Result<(Val, usize), EvalError> {
        let attr = |i: usize| match ops.get(i).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(n)) => Some(n.value().as_str().to_string()),
            _ => None,
        };
        // The span of the reference itself (`var.x`), for the hop.
        let ref_loc = |n: usize| {
            let start = origin.clone();
            let end = ops.get(n.saturating_sub(1)).and_then(|o| o.span());
            match (start, end) {
                (Some(s), Some(e)) => {
                    let e = self.location(src.file, e.start + src.base..e.end + src.base);
                    Location {
                        end_line: e.end_line,
                        end_column: e.end_column,
                        ..s
                    }
                }
                (s, _) => s.unwrap_or_else(|| self.location(src.file, 0..0)),
            }
        };
        match root {
            "var" => {
                let Some(name) = attr(0) else {
                    return Err(err("`var` must be followed by a variable name", origin));
                };
                let Some(vars) = self.vars else {
                    return Err(ref_err("variables may not be used here", origin));
                };
                let Some(v) = vars.get(&name) else {
                    return Err(ref_err(self.not_declared("variable", &name), origin));
                };
                let here = ref_loc(1);
                let mut v = v.clone();
                if v.origin.is_none() {
                    v.origin = Some(here.clone());
                }
                Ok((v.through(Hop { label: format!("var.{name}"), location: here }), 1))
            }
            "local" => {
                let Some(name) = attr(0) else {
                    return Err(err("`local` must be followed by a local value's name", origin));
                };
                let here = ref_loc(1);
                let v = self.local(&name, &here)?;
                Ok((v.through(Hop { label: format!("local.{name}"), location: here }), 1))
            }
            "data" => {
                let n = ops.len().min(2);
                let what: Vec<String> = (0..n).filter_map(attr).collect();
                Ok((
                    Val::unknown(format!("data.{} is read from Azure at plan time", what.join(".")), origin),
                    ops.len(),
                ))
            }
            "module" => {
                let Some(name) = attr(0) else {
                    return Err(err("`module` must be followed by a module call's name", origin));
                };
                let here = ref_loc(1);
                match self.modules {
                    Some(host) => {
                        let v = host.outputs(&name, self).map_err(|m| err(m, origin.clone()))?;
                        Ok((v.through(Hop { label: format!("module.{name}"), location: here }), 1))
                    }
                    None => Ok((Val::unknown(format!("module.{name} is not evaluated here"), origin), ops.len())),
                }
            }
            "path" => match attr(0).as_deref() {
                Some("module") | Some("root") | Some("cwd") => Ok((Val::string(".", origin), 1)),
                _ => Err(err("unknown `path` attribute", origin)),
            },
            "terraform" => match attr(0).as_deref() {
                Some("workspace") => Ok((Val::string("default", origin), 1)),
                _ => Ok((Val::unknown("terraform.* is not evaluated", origin), ops.len())),
            },
            "count" | "each" => {
                let here = ref_loc(1);
                let instance = self.instance.borrow().clone();
                let v = match (root, attr(0).as_deref(), instance) {
                    (_, _, Some(Instance::Unknown(reason))) => Val::unknown(reason, Some(here.clone())),
                    ("count", Some("index"), Some(Instance::Count(i))) => {
                        Val::new(Value::Number(i as f64), Some(here.clone()))
                    }
                    ("each", Some("key"), Some(Instance::Each { key, .. })) => key,
                    ("each", Some("value"), Some(Instance::Each { value, .. })) => value,
                    (_, Some(what), _) => {
                        return Err(err(
                            format!("`{root}.{what}` is only available in a resource with {}", if root == "count" { "count" } else { "for_each" }),
                            origin,
                        ))
                    }
                    (_, None, _) => return Err(err(format!("`{root}` must be followed by an attribute"), origin)),
                };
                let label = format!("{root}.{}", attr(0).unwrap_or_default());
                Ok((v.through(Hop { label, location: here }), 1))
            }
            "self" => Ok((
                Val::unknown("`self` refers to the resource's own attributes, known only after apply", origin),
                ops.len(),
            )),
            resource_type => match attr(0) {
                Some(name) => Ok((
                    Val::unknown(format!("{resource_type}.{name} is another resource: its attributes are known only after apply"), origin),
                    ops.len(),
                )),
                None => Err(err(format!("`{resource_type}` is not a value here"), origin)),
            },
        }
    }

    /// A loop's (key, value) pairs with the key Terraform binds: the element itself for a set,
    /// the index for a list. vigil's values do not say which a list is, so the expression
    /// that made it decides; when it cannot, a list that could be a set (distinct primitives in
    /// set order) gives an unknown rather than a guess.
    fn set_keys(
        &self,
        key_var: Option<&str>,
        collection: &Expression,
        coll: &Val,
        items: Vec<(Val, Val)>,
    ) -> Result<Vec<(Val, Val)>, String> {
        if key_var.is_none() || !matches!(coll.value, Value::List(_)) || items.is_empty() {
            return Ok(items);
        }
        let known = match self.type_of(collection, coll) {
            Some(ty) => Some(matches!(ty, convert::Ty::Set(_))),
            None => self.set_kind(collection, 0),
        };
        let is_set = match known {
            Some(b) => b,
            None if could_be_set(coll) => {
                return Err(
                    "a for expression's key depends on whether its collection is a set \
                     (the element) or a list (the index), which vigil cannot tell here"
                        .to_string(),
                )
            }
            None => false,
        };
        Ok(if is_set {
            items.into_iter().map(|(_, v)| (v.clone(), v)).collect()
        } else {
            items
        })
    }

    /// Whether an expression's value is a set: `Some(true)`, `Some(false)`, or `None` when the
    /// expression alone does not say.
    fn set_kind(&self, e: &Expression, depth: u32) -> Option<bool> {
        if depth > 16 {
            return None;
        }
        match e {
            Expression::Parenthesis(p) => self.set_kind(p.inner(), depth + 1),
            Expression::FuncCall(call) => match call.name.name.value().as_str() {
                "toset" | "setunion" | "setintersection" | "setsubtract" | "setproduct" => {
                    Some(true)
                }
                // These return one of their arguments as it is.
                "try" | "coalesce" | "coalescelist" | "sensitive" | "nonsensitive" => {
                    let kinds: Vec<Option<bool>> = call
                        .args
                        .iter()
                        .map(|a| self.set_kind(a, depth + 1))
                        .collect();
                    match kinds.first() {
                        Some(first) if kinds.iter().all(|k| k == first) => *first,
                        _ => None,
                    }
                }
                "lookup" | "element" | "one" => None,
                _ if call.name.is_namespaced() => None,
                _ => Some(false),
            },
            Expression::Conditional(c) => {
                match (
                    self.set_kind(&c.true_expr, depth + 1),
                    self.set_kind(&c.false_expr, depth + 1),
                ) {
                    (Some(a), Some(b)) if a == b => Some(a),
                    // A tuple and a set make a set; a list and a set a list.
                    (Some(true), _) => self.tuple_kind(&c.false_expr, depth + 1),
                    (_, Some(true)) => self.tuple_kind(&c.true_expr, depth + 1),
                    _ => None,
                }
            }
            Expression::Traversal(t) => {
                let Expression::Variable(root) = &t.expr else {
                    return None;
                };
                let attr = match t.operators.first().map(|o| o.value()) {
                    Some(TraversalOperator::GetAttr(n)) => n.value().as_str(),
                    _ => return None,
                };
                match root.value().as_str() {
                    "var" => {
                        let ty = match self.declared?.get(attr)?.ty.as_ref() {
                            Some(ty) => ty,
                            None if self.root => return Some(false),
                            None => return None,
                        };
                        if !ty.may_hold_set(!self.root) {
                            Some(false)
                        } else if t.operators.len() == 1 && ty.is_set() {
                            Some(true)
                        } else {
                            None
                        }
                    }
                    "local" if t.operators.len() == 1 => match self.locals.get(attr)? {
                        Expr::Hcl { expr, .. } => self.set_kind(expr, depth + 1),
                        _ => None,
                    },
                    "count" | "path" | "terraform" => Some(false),
                    _ => None,
                }
            }
            Expression::Variable(_) => None,
            _ => Some(false),
        }
    }

    /// setproduct's result is a set when an argument is a set (in set order), a list
    /// otherwise; unknown when vigil cannot tell and the two differ.
    fn setproduct_kind(
        &self,
        call: &hcl_edit::expr::FuncCall,
        result: Val,
        origin: Option<Location>,
    ) -> Val {
        let Value::List(items) = &result.value else {
            return result;
        };
        let kinds: Vec<Option<bool>> = call.args.iter().map(|a| self.set_kind(a, 0)).collect();
        let as_set = || convert::make_set(items.clone());
        if kinds.contains(&Some(true)) {
            return match as_set() {
                Some(set) => Val {
                    value: Value::List(set),
                    ..result
                },
                None => result,
            };
        }
        if kinds.iter().all(|k| *k == Some(false))
            || as_set().is_some_and(|set| {
                set.iter()
                    .map(Val::to_json)
                    .eq(items.iter().map(Val::to_json))
            })
        {
            return result;
        }
        Val::unknown(
            "setproduct of arguments vigil cannot tell sets from lists: the order differs",
            origin,
        )
    }

    /// The branch taken, converted to the type Terraform gives both results
    /// (`true ? 1 : "a"` is "1"); a branch not taken that fails has no say.
    fn conditional_result(
        &self,
        value: Val,
        taken: &Expression,
        other: &Expression,
        src: Src,
        scope: Option<&Scope>,
        origin: Option<Location>,
    ) -> R {
        let Ok(o) = self.hcl(other, src, scope) else {
            return Ok(value);
        };
        if let (Some(t), Some(f)) = (self.type_of(taken, &value), self.type_of(other, &o)) {
            // As HCL types a conditional: an untyped null or a branch of no type yet takes
            // the other's type, unconverted; otherwise both convert to their unified type.
            if t == convert::Ty::Dynamic || f == convert::Ty::Dynamic {
                return Ok(value);
            }
            // Where vigil's unification stops short of cty's, the values decide below.
            if let Some(v) = convert::unify_types(&[t, f])
                .and_then(|target| convert::convert(value.clone(), &target))
            {
                return Ok(v);
            }
        }
        let taken_set = self.set_kind(taken, 0);
        let other_set = self.set_kind(other, 0);
        if taken_set == Some(true) || other_set == Some(true) {
            if taken_set == Some(true) || !matches!(value.value, Value::List(_)) {
                return Ok(value);
            }
            // cty unifies a tuple with a set into a set (the tuple loses its order and
            // duplicates, and takes the set's element type), but a list with a set into the
            // list's type.
            return Ok(match (self.tuple_kind(taken, 0), &value.value, &o.value) {
                (Some(false), _, _) => value,
                (Some(true), Value::List(items), Value::List(others))
                    if others.is_empty()
                        && items
                            .iter()
                            .any(|i| matches!(i.value, Value::Number(_) | Value::Bool(_)))
                        && !self.string_list(other) =>
                {
                    Val::unknown(
                        "the other branch of the conditional is an empty set whose element type \
                         (which the result takes) vigil does not know",
                        origin,
                    )
                }
                (Some(true), Value::List(items), Value::List(others)) => {
                    let n = items.len();
                    // An empty set of strings still makes the tuple's elements strings.
                    let others = if others.is_empty() && self.string_list(other) {
                        &vec![Val::string("", None)]
                    } else {
                        others
                    };
                    let unified = convert::unify(items.iter().chain(others).cloned().collect())
                        .and_then(|mut all| {
                            all.truncate(n);
                            convert::make_set(all)
                        });
                    match unified {
                        Some(set) => Val {
                            value: Value::List(set),
                            ..value
                        },
                        None => {
                            return Err(err(
                                "the true and false results of a conditional have no common type",
                                origin,
                            ))
                        }
                    }
                }
                _ => Val::unknown(
                    "a conditional between a set and a sequence vigil cannot tell a list (kept) \
                     from a tuple (made a set)",
                    origin,
                ),
            });
        }
        // An empty list still has its element type: `true ? [1] : compact([])` is ["1"],
        // `true ? [1] : []` is [1]. Where vigil cannot tell the element type and it matters,
        // the result is unknown.
        let empty_other = matches!(&o.value, Value::List(x) if x.is_empty());
        let converts = |v: &Val| matches!(&v.value, Value::List(items) if items.iter().any(|i| matches!(i.value, Value::Number(_) | Value::Bool(_))));
        if empty_other && converts(&value) && !self.string_list(other) {
            return Ok(if self.untyped_empty(other) {
                value
            } else {
                Val::unknown(
                    "the other branch of the conditional is an empty list whose element type \
                     (which the result takes) vigil does not know",
                    origin,
                )
            });
        }
        if empty_other && self.string_list(other) {
            if let Value::List(items) = &value.value {
                let items = items
                    .iter()
                    .map(|i| match (&i.value, string_of(i)) {
                        (Value::Number(_) | Value::Bool(_), Ok(Some(text))) => Val {
                            value: Value::String(text),
                            ..i.clone()
                        },
                        _ => i.clone(),
                    })
                    .collect();
                return Ok(Val {
                    value: Value::List(items),
                    ..value
                });
            }
        }
        conditional_type(value, o, origin)
    }

    /// Whether an expression whose set-ness is unknown may be a set: a conditional with a
    /// set on one side.
    fn may_be_set(&self, e: &Expression) -> bool {
        match e {
            Expression::Parenthesis(p) => self.may_be_set(p.inner()),
            Expression::Conditional(c) => {
                self.set_kind(&c.true_expr, 0) == Some(true)
                    || self.set_kind(&c.false_expr, 0) == Some(true)
                    || self.may_be_set(&c.true_expr)
                    || self.may_be_set(&c.false_expr)
            }
            _ => false,
        }
    }

    /// Whether an expression is a list or set of strings by its form (what a function
    /// returns, a variable's type), whatever its elements.
    fn string_list(&self, e: &Expression) -> bool {
        use crate::types::TypeSpec;
        match e {
            Expression::Parenthesis(p) => self.string_list(p.inner()),
            Expression::Conditional(c) => {
                let typed = |x: &Expression| self.string_list(x) || self.string_literal(x);
                let empty = |x: &Expression| matches!(x, Expression::Array(a) if a.is_empty());
                (typed(&c.true_expr) || empty(&c.true_expr))
                    && (typed(&c.false_expr) || empty(&c.false_expr))
                    && !(empty(&c.true_expr) && empty(&c.false_expr))
            }
            Expression::FuncCall(call) if !call.name.is_namespaced() => {
                match call.name.name.value().as_str() {
                    "compact" | "sort" | "split" | "formatlist" => true,
                    // A set of the arguments' unified element type: strings if any has them.
                    "setunion" | "setintersection" | "setsubtract" => call
                        .args
                        .iter()
                        .any(|a| self.string_list(a) || self.string_literal(a)),
                    "tolist" | "toset" | "reverse" | "distinct" => {
                        call.args.iter().next().is_some_and(|a| self.string_list(a))
                    }
                    // Without capture groups, a list of the matched strings.
                    "regexall" => matches!(
                        call.args.iter().next(),
                        Some(Expression::String(p)) if !p.value().contains('(')
                    ),
                    // The empty value came from an argument that can be empty.
                    // The (empty) value came from an argument that can be empty: each must
                    // be a list of strings, or a non-empty literal. (Not evaluated again here:
                    // nested, that would cost exponential time.)
                    "try" => call.args.iter().all(|a| {
                        self.string_list(a)
                            || matches!(a, Expression::Array(items) if !items.is_empty())
                    }),
                    _ => false,
                }
            }
            Expression::Traversal(t) if t.operators.len() == 1 => {
                let (Expression::Variable(root), Some(TraversalOperator::GetAttr(name))) =
                    (&t.expr, t.operators.first().map(|o| o.value()))
                else {
                    return false;
                };
                if root.value().as_str() == "local" {
                    return match self.locals.get(name.value().as_str()) {
                        Some(Expr::Hcl { expr, .. }) => {
                            !matches!(expr.as_ref(), Expression::Traversal(_))
                                && self.string_list(expr)
                        }
                        _ => false,
                    };
                }
                root.value().as_str() == "var"
                    && self
                        .declared
                        .and_then(|d| d.get(name.value().as_str()))
                        .and_then(|v| v.ty.as_ref())
                        .is_some_and(|ty| {
                            matches!(ty, TypeSpec::List(t) | TypeSpec::Set(t) if matches!(**t, TypeSpec::String))
                        })
            }
            _ => false,
        }
    }

    /// Whether an expression is an empty sequence without an element type of its own: an
    /// empty tuple (`[]`, a `for` expression).
    fn untyped_empty(&self, e: &Expression) -> bool {
        match e {
            Expression::Parenthesis(p) => self.untyped_empty(p.inner()),
            Expression::Array(_) | Expression::ForExpr(_) => true,
            _ => false,
        }
    }

    /// Whether an expression is a non-empty tuple literal of strings (or a local holding one).
    fn string_literal(&self, e: &Expression) -> bool {
        let strings = |items: &hcl_edit::expr::Array| {
            !items.is_empty()
                && items
                    .iter()
                    .all(|i| matches!(i, Expression::String(_) | Expression::StringTemplate(_)))
        };
        match e {
            Expression::Array(items) => strings(items),
            Expression::Traversal(t) if t.operators.len() == 1 => {
                match (&t.expr, t.operators.first().map(|o| o.value())) {
                    (Expression::Variable(root), Some(TraversalOperator::GetAttr(name)))
                        if root.value().as_str() == "local" =>
                    {
                        matches!(
                            self.locals.get(name.value().as_str()),
                            Some(Expr::Hcl { expr, .. }) if matches!(expr.as_ref(), Expression::Array(items) if strings(items))
                        )
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// Whether a sequence-valued expression is a tuple (`Some(true)`) or a list
    /// (`Some(false)`), when its form says.
    fn tuple_kind(&self, e: &Expression, depth: u32) -> Option<bool> {
        if depth > 16 {
            return None;
        }
        match e {
            Expression::Parenthesis(p) => self.tuple_kind(p.inner(), depth + 1),
            Expression::Array(_) | Expression::ForExpr(_) => Some(true),
            Expression::FuncCall(call) if !call.name.is_namespaced() => {
                match call.name.name.value().as_str() {
                    "compact" | "distinct" | "sort" | "keys" | "tolist" | "split" | "regexall"
                    | "range" | "formatlist" | "chunklist" => Some(false),
                    "reverse" | "slice" => call
                        .args
                        .iter()
                        .next()
                        .and_then(|a| self.tuple_kind(a, depth + 1)),
                    _ => None,
                }
            }
            Expression::Traversal(t) if t.operators.len() == 1 => {
                let (Expression::Variable(root), Some(TraversalOperator::GetAttr(name))) =
                    (&t.expr, t.operators.first().map(|o| o.value()))
                else {
                    return None;
                };
                match root.value().as_str() {
                    "var" => match self.declared?.get(name.value().as_str())?.ty.as_ref() {
                        Some(crate::types::TypeSpec::List(_)) => Some(false),
                        Some(crate::types::TypeSpec::Tuple(_)) => Some(true),
                        // A root's untyped value is a literal: a tuple.
                        None if self.root => Some(true),
                        _ => None,
                    },
                    "local" => match self.locals.get(name.value().as_str())? {
                        Expr::Hcl { expr, .. } => self.tuple_kind(expr, depth + 1),
                        _ => None,
                    },
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Whether `var.NAME` or `local.NAME` (the first operator of `ops`) is a set.
    fn reference_set_kind(
        &self,
        root: &str,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
    ) -> Option<bool> {
        let Some(TraversalOperator::GetAttr(name)) = ops.first().map(|o| o.value()) else {
            return None;
        };
        match root {
            "var" => Some(
                self.declared?
                    .get(name.value().as_str())?
                    .ty
                    .as_ref()?
                    .is_set(),
            ),
            "local" => match self.locals.get(name.value().as_str())? {
                Expr::Hcl { expr, .. } => self.set_kind(expr, 1),
                _ => None,
            },
            _ => None,
        }
    }

    fn local(&self, name: &str, at: &Location) -> R {
        let Some(expr) = self.locals.get(name) else {
            return Err(ref_err(
                self.not_declared("local value", name),
                Some(at.clone()),
            ));
        };
        match self.local_state.borrow().get(name) {
            Some(LocalState::Done(r)) => return r.clone(),
            Some(LocalState::InProgress) => {
                return Ok(Val::unknown(
                    format!("local.{name} refers to itself (a cycle of locals)"),
                    Some(at.clone()),
                ))
            }
            None => {}
        }
        self.local_state
            .borrow_mut()
            .insert(name.to_string(), LocalState::InProgress);
        let r = self.eval(expr, None);
        self.local_state
            .borrow_mut()
            .insert(name.to_string(), LocalState::Done(r.clone()));
        r
    }
}

/// The key of a `try` call's recorded choice: its address, compared and never followed.
pub(crate) fn try_key(call: &hcl_edit::expr::FuncCall) -> usize {
    std::ptr::from_ref(call) as usize
}

/// Whether two expressions are the same reference (`var.x == var.x`): the same type.
fn same_reference(a: &Expression, b: &Expression) -> bool {
    matches!((a, b), (Expression::Traversal(_), Expression::Traversal(_)))
        && a.to_string().trim() == b.to_string().trim()
}

fn is_collection(v: &Val) -> bool {
    matches!(v.value, Value::List(_) | Value::Object(_))
}

/// Whether `e` is a tuple or object literal (or a `for` expression, which makes one) whose
/// value holds no nested collection: its type is then the one its value shows.
fn literal_collection(e: &Expression, v: &Val) -> bool {
    let flat = match &v.value {
        Value::List(items) => !items.iter().any(is_collection),
        Value::Object(map) => !map.values().any(is_collection),
        _ => false,
    };
    flat && match e {
        Expression::Parenthesis(p) => literal_collection(p.inner(), v),
        Expression::Array(_) | Expression::Object(_) | Expression::ForExpr(_) => true,
        _ => false,
    }
}

/// Whether a list could be a set: distinct primitives of one type in set order.
fn could_be_set(v: &Val) -> bool {
    let Value::List(items) = &v.value else {
        return false;
    };
    let primitive = |x: &Val| {
        matches!(
            x.value,
            Value::String(_) | Value::Number(_) | Value::Bool(_)
        )
    };
    items.iter().all(primitive)
        && items.windows(2).all(|w| {
            type_name(&w[0]) == type_name(&w[1])
                && convert::set_order(&w[0], &w[1]) == std::cmp::Ordering::Less
        })
}

/// The branch taken, converted to the type it shares with the branch not taken.
fn conditional_type(taken: Val, other: Val, at: Option<Location>) -> R {
    if other.is_unknown() {
        // Strings and null keep their value whatever the other type; numbers and bools might
        // have become strings.
        return Ok(if only_strings(&taken) {
            taken
        } else {
            Val::unknown(
                unknown_reason(&other, "the other branch's type is unknown"),
                taken.origin.or(at),
            )
        });
    }
    match convert::unify(vec![taken, other]) {
        Some(mut both) => Ok(both.swap_remove(0)),
        None => Err(err(
            "the true and false results of a conditional have no common type",
            at,
        )),
    }
}

fn only_strings(v: &Val) -> bool {
    match &v.value {
        Value::Null | Value::String(_) => true,
        Value::List(items) => items.iter().all(only_strings),
        Value::Object(map) => map.values().all(only_strings),
        _ => false,
    }
}

/// How a (nested) template's edges are stripped: whether the markers around it strip the
/// whitespace at its start and at its end (`%{ if c ~}`, `%{~ endif }`), and whether it is
/// part of a heredoc (where stripping stops at a line break).
#[derive(Clone, Copy)]
struct Edges {
    start: bool,
    end: bool,
    heredoc: bool,
    /// A `<<-` heredoc's indentation, removed here from the lines inside directives.
    indent: usize,
    nested: bool,
}

/// Removes `n` characters of indentation from each non-empty line after a line break.
fn dedent_lines(text: &str, n: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.extend(line.chars().skip(n));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The least indentation of a line inside a directive of `t` (`usize::MAX` when none).
fn nested_indent(t: &Template, nested: bool) -> usize {
    t.iter()
        .map(|e| match e {
            Element::Literal(s) if nested => s
                .value()
                .split('\n')
                .skip(1)
                .filter(|l| !l.is_empty())
                .map(|l| l.chars().take_while(|c| c.is_whitespace()).count())
                .min()
                .unwrap_or(usize::MAX),
            Element::Literal(_) | Element::Interpolation(_) => usize::MAX,
            Element::Directive(d) => match d.as_ref() {
                Directive::If(d) => nested_indent(&d.if_expr.template, true).min(
                    d.else_expr
                        .as_ref()
                        .map_or(usize::MAX, |e| nested_indent(&e.template, true)),
                ),
                Directive::For(d) => nested_indent(&d.for_expr.template, true),
            },
        })
        .min()
        .unwrap_or(usize::MAX)
}

/// Whether a template holds a `~` strip marker anywhere.
fn has_strip(t: &Template) -> bool {
    t.iter().any(|e| match e {
        Element::Literal(_) => false,
        Element::Interpolation(i) => i.strip.strip_start() || i.strip.strip_end(),
        Element::Directive(d) => match d.as_ref() {
            Directive::If(d) => {
                d.if_expr.strip != hcl_edit::template::Strip::None
                    || d.endif_expr.strip != hcl_edit::template::Strip::None
                    || d.else_expr.as_ref().is_some_and(|e| {
                        e.strip != hcl_edit::template::Strip::None || has_strip(&e.template)
                    })
                    || has_strip(&d.if_expr.template)
            }
            Directive::For(d) => {
                d.for_expr.strip != hcl_edit::template::Strip::None
                    || d.endfor_expr.strip != hcl_edit::template::Strip::None
                    || has_strip(&d.for_expr.template)
            }
        },
    })
}

/// Whether a template element's closing marker strips the whitespace after it (`~}`).
fn strips_after(e: &Element) -> bool {
    match e {
        Element::Literal(_) => false,
        Element::Interpolation(i) => i.strip.strip_end(),
        Element::Directive(d) => match d.as_ref() {
            Directive::If(d) => d.endif_expr.strip.strip_end(),
            Directive::For(d) => d.endfor_expr.strip.strip_end(),
        },
    }
}

/// Whether a template element's opening marker strips the whitespace before it (`${~`).
fn strips_before(e: &Element) -> bool {
    match e {
        Element::Literal(_) => false,
        Element::Interpolation(i) => i.strip.strip_start(),
        Element::Directive(d) => match d.as_ref() {
            Directive::If(d) => d.if_expr.strip.strip_start(),
            Directive::For(d) => d.for_expr.strip.strip_start(),
        },
    }
}

/// What one element of a `for` expression yields.
enum ForItem {
    Skip,
    Unknown(String),
    /// The key (for an object result) and the value.
    Item(Option<String>, Val),
}

/// Runs `f` with a loop's value name (and key name, when there is one) bound.
fn with_loop_vars<T>(
    parent: Option<&Scope>,
    key_var: Option<&str>,
    value_var: &str,
    key: Val,
    value: Val,
    f: impl FnOnce(&Scope) -> T,
) -> T {
    let value_scope = Scope::new(value_var, value, parent);
    match key_var {
        Some(name) => f(&Scope::new(name, key, Some(&value_scope))),
        None => f(&value_scope),
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

/// An element taken out of a collection carries the hops that brought the collection here, and
/// its origin if it has none of its own.
fn inherit(container: &Val, item: &Val) -> Val {
    let mut v = item.clone();
    if !container.trace.is_empty() {
        v.trace = container.trace.iter().cloned().chain(v.trace).collect();
    }
    if v.origin.is_none() {
        v.origin = container.origin.clone();
    }
    v
}

fn get_attr(v: &Val, name: &str, at: Option<Location>) -> R {
    match &v.value {
        Value::Object(map) => match map.get(name) {
            Some(item) => Ok(inherit(v, item)),
            None => Err(err(format!("the object has no attribute `{name}`"), at)),
        },
        Value::Unknown(_) => Ok(v.clone()),
        Value::Null => Err(err(format!("cannot read `{name}` of a null value"), at)),
        _ => Err(err(
            format!("cannot read attribute `{name}` of a {}", type_name(v)),
            at,
        )),
    }
}

fn index(v: &Val, key: &Val, at: Option<Location>) -> R {
    if let Value::Unknown(_) = key.value {
        return Ok(Val {
            origin: at,
            ..key.clone()
        });
    }
    match &v.value {
        Value::Unknown(_) => Ok(v.clone()),
        Value::List(items) => {
            let Some(n) = number_of(key) else {
                return Err(err("a list index must be a number", at));
            };
            if n.fract() != 0.0 || n < 0.0 || n as usize >= items.len() {
                return Err(err(
                    format!("index {n} is out of range for a list of {}", items.len()),
                    at,
                ));
            }
            Ok(inherit(v, &items[n as usize]))
        }
        Value::Object(map) => match string_of(key) {
            Ok(Some(k)) => match map.get(&k) {
                Some(item) => Ok(inherit(v, item)),
                None => Err(err(format!("the map has no key \"{k}\""), at)),
            },
            _ => Err(err("a map key must be a string", at)),
        },
        Value::Null => Err(err("cannot index a null value", at)),
        _ => Err(err(format!("cannot index a {}", type_name(v)), at)),
    }
}

/// The (key, value) pairs a `for` iterates: list index or map key, then the element.
fn iter_items(v: &Val) -> Result<Vec<(Val, Val)>, Option<String>> {
    match &v.value {
        Value::List(items) => Ok(items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                (
                    Val::new(Value::Number(i as f64), item.origin.clone()),
                    inherit(v, item),
                )
            })
            .collect()),
        Value::Object(map) => Ok(map
            .iter()
            .map(|(k, item)| {
                (
                    Val::string(k.clone(), item.origin.clone()),
                    inherit(v, item),
                )
            })
            .collect()),
        Value::Unknown(_) => Err(None),
        Value::Null => Err(Some("cannot iterate over a null value".to_string())),
        _ => Err(Some(format!("cannot iterate over a {}", type_name(v)))),
    }
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

fn binary(op: BinaryOperator, l: &Val, r: &Val, origin: Option<Location>) -> R {
    use BinaryOperator as B;
    // `x != null` is known when x is known to be something, whatever is unknown inside it.
    if matches!(op, B::Eq | B::NotEq) {
        let null_vs = |a: &Val, b: &Val| matches!(a.value, Value::Null) && !b.is_unknown();
        if null_vs(l, r) || null_vs(r, l) {
            let equal = matches!((&l.value, &r.value), (Value::Null, Value::Null));
            return Ok(Val::new(Value::Bool(equal == matches!(op, B::Eq)), origin));
        }
    }
    // Terraform refuses a null operand before it looks at unknowns.
    if matches!(l.value, Value::Null) || matches!(r.value, Value::Null) {
        return Err(err(
            format!("`{}` needs values, not null", op.as_str()),
            origin,
        ));
    }
    if l.contains_unknown() || r.contains_unknown() {
        let u = if l.contains_unknown() { l } else { r };
        return Ok(Val::unknown(
            unknown_reason(u, "an operand is unknown"),
            origin,
        ));
    }
    let num = |v: &Val| {
        number_of(v).ok_or_else(|| {
            err(
                format!("`{}` needs numbers, not a {}", op.as_str(), type_name(v)),
                origin.clone(),
            )
        })
    };
    let boolean = |v: &Val| {
        bool_of(v).ok_or_else(|| {
            err(
                format!("`{}` needs bools, not a {}", op.as_str(), type_name(v)),
                origin.clone(),
            )
        })
    };
    let value = match op {
        B::Eq => Value::Bool(l.to_json() == r.to_json() || numbers_equal(l, r)),
        B::NotEq => Value::Bool(!(l.to_json() == r.to_json() || numbers_equal(l, r))),
        B::Less => Value::Bool(num(l)? < num(r)?),
        B::LessEq => Value::Bool(num(l)? <= num(r)?),
        B::Greater => Value::Bool(num(l)? > num(r)?),
        B::GreaterEq => Value::Bool(num(l)? >= num(r)?),
        B::Plus | B::Minus | B::Mul | B::Div | B::Mod => {
            use crate::number::Op;
            let (a, b) = (num(l)?, num(r)?);
            let op = match op {
                B::Plus => Op::Add,
                B::Minus => Op::Sub,
                B::Mul => Op::Mul,
                B::Div => Op::Div,
                _ => Op::Mod,
            };
            if b == 0.0 && matches!(op, Op::Div | Op::Mod) {
                return Err(err(
                    if op == Op::Div {
                        "division by zero"
                    } else {
                        "modulo by zero"
                    },
                    origin,
                ));
            }
            match crate::number::arith(op, a, b) {
                Ok(n) => Value::Number(n),
                Err(reason) => return Ok(Val::unknown(reason, origin)),
            }
        }
        B::And => Value::Bool(boolean(l)? && boolean(r)?),
        B::Or => Value::Bool(boolean(l)? || boolean(r)?),
    };
    Ok(Val::new(value, origin))
}

fn numbers_equal(l: &Val, r: &Val) -> bool {
    matches!((&l.value, &r.value), (Value::Number(a), Value::Number(b)) if a == b)
}
