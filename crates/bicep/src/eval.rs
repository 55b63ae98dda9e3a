//! A Bicep file evaluated into resources the way it deploys: parameters (defaults or a
//! `.bicepparam`), variables, resources with conditions and loops, local modules called with
//! their parameters. Functions come from the ARM front end: one implementation of each.

use crate::ast::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use vigil_arm::functions as f;
use vigil_model::budget::{self, Tally};
use vigil_model::limits::{BICEP_EXPRESSION_DEPTH, BICEP_IMPORT_DEPTH, COPY_COUNT};
use vigil_model::{
    normalize_path, FileError, Hop, IgnoreDirective, LineIndex, Location, Resource, SourceFile,
    Unchecked, UncheckedKind, UnitOutput, Val, Value,
};

/// A parsed Bicep file.
pub(crate) struct File {
    pub path: PathBuf,
    pub index: LineIndex,
    pub program: Program,
    pub ignores: Vec<IgnoreDirective>,
    /// Whether the file parsed without a syntax error (else its tree is incomplete).
    pub complete: bool,
    /// The symbols its `import` declarations bring in.
    imports: Vec<Import>,
    /// Its exported variables, once evaluated (they take no parameters: one value each).
    exported: RefCell<HashMap<String, Val>>,
}

/// One name an `import` brings in.
struct Import {
    /// The name the importing file uses: the alias or the symbol, or a wildcard's namespace.
    local: String,
    /// The symbol imported; `None` for `import * as ns`.
    symbol: Option<String>,
    /// Where the import names it (a hop of every value it brings).
    at: Location,
    from: Imported,
}

#[derive(Clone)]
enum Imported {
    File(Rc<File>),
    /// Values from it are unknown, for this reason.
    Unread(String),
}

/// The files imports read during one load, so a file imported twice is read once.
type ImportCache = HashMap<PathBuf, Rc<File>>;

/// Reads and parses a file, and the local files it imports; syntax errors and bad imports go
/// to `out.errors` (the rest of the file still counts).
pub(crate) fn load(
    path: &Path,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
) -> Option<File> {
    load_in(path, display, out, &mut Vec::new(), &mut HashMap::new())
}

fn load_in(
    path: &Path,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
    importing: &mut Vec<PathBuf>,
    cache: &mut ImportCache,
) -> Option<File> {
    let errors = &mut out.errors;
    let index = vigil_model::read_source(path, display(path).into())
        .map_err(|e| errors.push(e))
        .ok()?;
    // A larger file may do more work.
    vigil_model::budget::add_source(index.text().len());
    let parsed = crate::parse(index.text());
    if parsed.errors.is_empty() {
        errors.extend(crate::names::check(&index, &parsed.program));
    }
    for e in &parsed.errors {
        let (line, column) = index.position(e.span.start);
        errors.push(FileError {
            file: index.file().clone(),
            line,
            column,
            message: format!("syntax error: {}", e.message),
        });
    }
    let text = index.text();
    let ignores = parsed
        .comments
        .iter()
        .filter_map(|r| {
            IgnoreDirective::from_comment(text.get(r.clone())?, index.location(r.clone()))
        })
        .collect();
    let mut file = File {
        path: path.to_path_buf(),
        index,
        complete: parsed.errors.is_empty(),
        program: parsed.program,
        ignores,
        imports: Vec::new(),
        exported: RefCell::new(HashMap::new()),
    };
    importing.push(path.to_path_buf());
    file.imports = imports(&file, display, out, importing, cache);
    importing.pop();
    Some(file)
}

/// The symbols `file`'s imports bring in. A local target that is not there, or a symbol it does
/// not export, is an error (`bicep build` refuses both); a registry target is not read, and is
/// listed as unchecked when the file uses one of its symbols as a value (types carry none).
fn imports(
    file: &File,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
    importing: &mut Vec<PathBuf>,
    cache: &mut ImportCache,
) -> Vec<Import> {
    let mut values = None;
    let mut made = Vec::new();
    for s in &file.program.statements {
        let StatementKind::Import { items, from } = &s.kind else {
            continue;
        };
        let source = match &from.kind {
            ExprKind::String(lit) => match lit.parts.as_slice() {
                [StringPart::Text(t, _)] => t.clone(),
                [] => String::new(),
                _ => continue,
            },
            _ => continue,
        };
        let at = file.index.location(from.span.clone());
        let names: Vec<(String, Option<String>, Location)> = match items {
            ImportItems::Wildcard { alias } => vec![(
                alias.name.clone(),
                None,
                file.index.location(alias.span.clone()),
            )],
            ImportItems::Named(items) => items
                .iter()
                .filter_map(|i| {
                    let symbol = match &i.name.kind {
                        ExprKind::Ident(id) => id.name.clone(),
                        ExprKind::String(lit) => match lit.parts.as_slice() {
                            [StringPart::Text(t, _)] => t.clone(),
                            _ => return None,
                        },
                        _ => return None,
                    };
                    let local = i.alias.as_ref().map_or(symbol.clone(), |a| a.name.clone());
                    Some((local, Some(symbol), file.index.location(i.span.clone())))
                })
                .collect(),
        };
        let from = if is_registry(&source) {
            let values =
                values.get_or_insert_with(|| crate::names::value_names(&file.index, &file.program));
            if names.iter().any(|(local, _, _)| values.contains(local)) {
                let stmt = file.index.location(s.span.clone());
                unchecked(
                    out,
                    UncheckedKind::Module,
                    "not downloaded",
                    &stmt,
                    format!("import from '{source}' is not checked: it is in a registry, and vigil downloads nothing"),
                );
            }
            Imported::Unread(format!(
                "imported from the registry ('{source}'), which vigil does not download"
            ))
        } else if source.contains(':') {
            Imported::Unread(format!(
                "imported from '{source}', which vigil does not read"
            ))
        } else {
            let target =
                normalize_path(&file.path.parent().unwrap_or(Path::new(".")).join(&source));
            if !target.is_file() {
                out.errors.push(FileError {
                    file: at.file.clone(),
                    line: at.line,
                    column: at.column,
                    message: format!(
                        "the import target '{source}' is not there ({})",
                        not_there(display, &target)
                    ),
                });
                Imported::Unread(format!("imported from '{source}', which is not there"))
            } else if !source.ends_with(".bicep") {
                Imported::Unread(format!(
                    "imported from '{source}', which is not a .bicep file vigil reads"
                ))
            } else if importing.contains(&target) || importing.len() >= BICEP_IMPORT_DEPTH {
                Imported::Unread(format!("imported from '{source}', which imports it back"))
            } else {
                let loaded = match cache.get(&target) {
                    Some(f) => Some(f.clone()),
                    None => load_in(&target, display, out, importing, cache).map(|f| {
                        let f = Rc::new(f);
                        if !out.files.iter().any(|s| s.path == *f.index.file()) {
                            out.files.push(f.source());
                        }
                        cache.insert(target.clone(), f.clone());
                        f
                    }),
                };
                match loaded {
                    Some(target) => {
                        if target.complete && file.complete {
                            not_exported(&target, &names, &source, &mut out.errors);
                        }
                        Imported::File(target)
                    }
                    None => Imported::Unread(format!(
                        "imported from '{source}', which could not be read"
                    )),
                }
            }
        };
        for (local, symbol, at) in names {
            made.push(Import {
                local,
                symbol,
                at,
                from: from.clone(),
            });
        }
    }
    made
}

/// Whether a declaration carries `@export()`.
fn is_exported(s: &Statement) -> bool {
    s.decorators.iter().any(|d| match &d.expr.kind {
        ExprKind::Call { base, name, .. } => {
            name.name == "export"
                && base
                    .as_deref()
                    .is_none_or(|b| matches!(&b.kind, ExprKind::Ident(ns) if ns.name == "sys"))
        }
        _ => false,
    })
}

/// The declaration `file` exports as `symbol`.
fn export<'f>(file: &'f File, symbol: &str) -> Option<&'f Statement> {
    file.program.statements.iter().find(|s| {
        matches!(
            s.kind,
            StatementKind::Var { .. } | StatementKind::Func { .. } | StatementKind::Type { .. }
        ) && s.name().is_some_and(|n| n.name == symbol)
            && is_exported(s)
    })
}

/// An error for each imported symbol `target` does not export (`bicep build` refuses it).
fn not_exported(
    target: &File,
    names: &[(String, Option<String>, Location)],
    source: &str,
    errors: &mut Vec<FileError>,
) {
    let exported: Vec<&str> = target
        .program
        .statements
        .iter()
        .filter(|s| is_exported(s))
        .filter_map(|s| s.name().map(|n| n.name.as_str()))
        .collect();
    for (_, symbol, at) in names {
        let Some(symbol) = symbol else { continue };
        if export(target, symbol).is_some() {
            continue;
        }
        let declared = target
            .program
            .statements
            .iter()
            .any(|s| s.name().is_some_and(|n| n.name == *symbol));
        let mut message = if declared {
            format!("'{source}' declares `{symbol}` but does not `@export()` it")
        } else {
            format!("'{source}' exports no `{symbol}`")
        };
        if let Some(close) = vigil_model::did_you_mean(symbol, exported.iter().copied()) {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        errors.push(FileError {
            file: at.file.clone(),
            line: at.line,
            column: at.column,
            message,
        });
    }
}

impl File {
    pub fn source(&self) -> SourceFile {
        SourceFile {
            path: self.index.file().clone(),
            text: self.index.shared_text().clone(),
            ignores: self.ignores.clone(),
        }
    }
}

/// One evaluation of one file: its parameters given, its symbols evaluated on demand.
struct Scope<'a> {
    file: &'a File,
    params: HashMap<String, Val>,
    vars: HashMap<&'a str, &'a Expr>,
    var_state: RefCell<HashMap<String, Option<Val>>>,
    /// Loop variables, innermost last.
    locals: RefCell<Vec<(String, Val)>>,
    depth: std::cell::Cell<u32>,
    /// Whether the expression being evaluated is inside one ARM expression of the compiled
    /// template: array and object literals compile to JSON arrays and objects, each member a
    /// string of its own, until an operator, call or access wraps them into one expression
    /// (`createArray`, `createObject`). An error in a member is that member's own at the JSON
    /// level, and the whole expression's inside one, as ARM reports it.
    in_expression: std::cell::Cell<bool>,
}

type R = Result<Val, String>;

impl<'a> Scope<'a> {
    fn new(file: &'a File, params: HashMap<String, Val>) -> Self {
        let vars = file
            .program
            .statements
            .iter()
            .filter_map(|s| match &s.kind {
                StatementKind::Var { name, value, .. } => Some((name.name.as_str(), value)),
                _ => None,
            })
            .collect();
        Scope {
            file,
            params,
            vars,
            var_state: RefCell::new(HashMap::new()),
            locals: RefCell::new(Vec::new()),
            depth: std::cell::Cell::new(0),
            in_expression: std::cell::Cell::new(false),
        }
    }

    fn loc(&self, span: &Span) -> Location {
        self.file.index.location(span.clone())
    }

    fn value(&self, e: &Expr) -> Val {
        let at = self.loc(&e.span);
        self.eval(e).unwrap_or_else(|m| Val::unknown(m, Some(at)))
    }

    fn eval(&self, e: &Expr) -> R {
        let d = self.depth.get() + 1;
        if d > BICEP_EXPRESSION_DEPTH {
            return Err(format!(
                "expression nested more than {BICEP_EXPRESSION_DEPTH} levels deep"
            ));
        }
        budget::step(|| Some(self.loc(&e.span))).map_err(|x| x.reason)?;
        self.depth.set(d);
        let literal = matches!(
            e.kind,
            ExprKind::Array(_) | ExprKind::Object(_) | ExprKind::Paren(_)
        );
        let was = self.in_expression.get();
        self.in_expression.set(was || !literal);
        let r = stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || self.eval_inner(e));
        self.in_expression.set(was);
        self.depth.set(d - 1);
        let v = r?;
        if matches!(
            e.kind,
            ExprKind::Int(_) | ExprKind::Bool(_) | ExprKind::Null | ExprKind::Paren(_)
        ) {
            return Ok(v);
        }
        // What copies or builds a value is measured against the limits of one value.
        match budget::check_value(&v, || Some(self.loc(&e.span))) {
            Ok(()) => Ok(v),
            Err(x) if budget::spent().is_some() => Err(x.reason),
            Err(x) => Ok(Val::unknown(x.reason, Some(self.loc(&e.span)))),
        }
    }

    fn eval_inner(&self, e: &Expr) -> R {
        let at = self.loc(&e.span);
        let here = Some(at.clone());
        Ok(match &e.kind {
            ExprKind::Int(n) => Val::new(Value::Number(*n as f64), here),
            ExprKind::Bool(b) => Val::new(Value::Bool(*b), here),
            ExprKind::Null => Val::null(here),
            ExprKind::String(s) => self.string(s, here)?,
            ExprKind::Paren(inner) => return self.eval(inner),
            ExprKind::NonNull(inner) => return self.eval(inner),
            ExprKind::Ident(id) => return self.name(id, &at),
            ExprKind::Array(items) => {
                let mut out = Vec::new();
                let mut tally = Tally::default();
                for item in items {
                    let more = match item {
                        ArrayItem::Expr(x) => vec![self.member(x)?],
                        ArrayItem::Spread(x) => match self.eval(x)?.value {
                            Value::List(more) => more,
                            _ => {
                                return Ok(Val::unknown("a spread that is not a known array", here))
                            }
                        },
                    };
                    for v in more {
                        if let Err(reason) = tally.add(&v) {
                            return Ok(budget::refused_value(&reason, here));
                        }
                        out.push(v);
                    }
                }
                Val::list(out, here)
            }
            ExprKind::Object(items) => self.object(items, here)?,
            ExprKind::Member { base, name, safe } => {
                if let Some(imp) = self.wildcard(base) {
                    return self.imported(imp, &name.name, &name.name, &at);
                }
                let b = self.eval(base)?;
                if *safe {
                    // `x.?name` is `tryGet(x, 'name')` in the compiled template.
                    let key = Val::string(name.name.clone(), Some(self.loc(&name.span)));
                    return f::call("tryGet", vec![b, key], &at);
                }
                f::property(&b, &name.name)?
            }
            ExprKind::Index {
                base,
                index,
                safe,
                from_end,
            } => {
                let b = self.eval(base)?;
                let k = self.eval(index)?;
                // `x[^n]` is `indexFromEnd(x, n)`, and `x[?i]` is `tryGet(x, i)` (or
                // `tryIndexFromEnd`) in the compiled template.
                let func = match (*safe, *from_end) {
                    (false, false) => return f::index(&b, &k),
                    (false, true) => "indexFromEnd",
                    (true, false) => "tryGet",
                    (true, true) => "tryIndexFromEnd",
                };
                f::call(func, vec![b, k], &at)?
            }
            ExprKind::Call { base, name, args } => {
                if let Some(r) = self.user_call(base.as_deref(), name, args, &at) {
                    return r;
                }
                // `az.x()` and `sys.x()` name the same functions; methods of symbols
                // (`kv.getSecret()`, `kv.listKeys()`) exist only at deployment.
                let namespaced = match base.as_deref().map(|b| &b.kind) {
                    None => true,
                    Some(ExprKind::Ident(ns)) => matches!(ns.name.as_str(), "az" | "sys"),
                    _ => false,
                };
                if !namespaced {
                    return Ok(f::not_evaluated(&name.name, &at));
                }
                let args: Vec<&Expr> = args.iter().collect();
                return self.builtin(&name.name, &args, &at);
            }
            ExprKind::Unary { op, expr } => {
                let v = self.eval(expr)?;
                match op {
                    // `!x` is `not(x)` in the compiled template.
                    UnaryOp::Not => f::call("not", vec![v], &at)?,
                    UnaryOp::Neg => match v.value {
                        Value::Number(n) => Val::new(Value::Number(-n), here),
                        Value::Unknown(_) => v,
                        _ => return Err("`-` needs a number".into()),
                    },
                    UnaryOp::Plus => v,
                }
            }
            ExprKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs, &at)?,
            ExprKind::Ternary {
                cond,
                then,
                otherwise,
            } => {
                // `c ? a : b` is `if(c, a, b)` in the compiled template: lazy, as ARM's is.
                return self.builtin("if", &[cond, then, otherwise], &at);
            }
            ExprKind::For {
                item,
                index,
                iterable,
                body,
            } => {
                let coll = self.eval(iterable)?;
                let items = match &coll.value {
                    Value::List(items) => items.clone(),
                    Value::Number(_) => return Err("a loop over a number".into()),
                    _ => return Ok(Val::unknown("the loop's collection is not known", here)),
                };
                if items.len() > COPY_COUNT {
                    return Err(format!("a loop over more than {COPY_COUNT} items"));
                }
                let mut out = Vec::new();
                let mut tally = Tally::default();
                for (i, v) in items.into_iter().enumerate() {
                    let v = v.adopted_by(&coll);
                    if let Some(r) =
                        self.with_loop(item, index, v, Some(i), here.clone(), |s| s.element(body))?
                    {
                        if let Err(reason) = tally.add(&r) {
                            return Ok(budget::refused_value(&reason, here));
                        }
                        out.push(r);
                    }
                }
                Val::list(out, here)
            }
            ExprKind::If { .. } => return Err("an `if` outside a resource or module body".into()),
            // A lambda is a value only as the argument of a lambda function (see `Call`).
            ExprKind::Lambda { .. } => {
                return Err(
                    "a lambda can only be the argument of a function that takes one \
                            (filter, map, reduce, sort, toObject, groupBy, mapValues)"
                        .into(),
                )
            }
            ExprKind::ChildResource { .. } => Val::unknown("a child resource reference", here),
            ExprKind::Error => return Err("a syntax error".into()),
        })
    }

    /// A member of an array or object literal: an error is its own at the JSON level of the
    /// compiled template, the literal's inside an expression (see `in_expression`).
    fn member(&self, x: &Expr) -> R {
        if self.in_expression.get() {
            self.eval(x)
        } else {
            Ok(self.value(x))
        }
    }

    /// A declared value (a variable, a parameter's default) at the JSON level of the compiled
    /// template, wherever it is referenced from.
    fn declared(&self, x: &Expr) -> Val {
        let was = self.in_expression.replace(false);
        let v = self.value(x);
        self.in_expression.set(was);
        v
    }

    /// A loop body: `if (cond) x` filters.
    fn element(&self, body: &Expr) -> Result<Option<Val>, String> {
        if let ExprKind::If { cond, body } = &body.kind {
            let c = self.eval(cond)?;
            return match f::condition(&c)? {
                Some(true) => Ok(Some(self.value(body))),
                Some(false) => Ok(None),
                None => Ok(Some(Val::unknown(
                    "a loop filter is not known",
                    Some(self.loc(&cond.span)),
                ))),
            };
        }
        Ok(Some(self.value(body)))
    }

    fn with_loop<T>(
        &self,
        item: &Option<Ident>,
        index: &Option<Ident>,
        value: Val,
        i: Option<usize>,
        at: Option<Location>,
        run: impl FnOnce(&Self) -> T,
    ) -> T {
        let mut pushed = 0;
        if let Some(item) = item {
            self.locals.borrow_mut().push((item.name.clone(), value));
            pushed += 1;
        }
        if let Some(index) = index {
            let value = match i {
                Some(i) => Val::new(Value::Number(i as f64), at),
                None => Val::unknown("the loop's index is not known", at),
            };
            self.locals.borrow_mut().push((index.name.clone(), value));
            pushed += 1;
        }
        let r = run(self);
        for _ in 0..pushed {
            self.locals.borrow_mut().pop();
        }
        r
    }

    fn string(&self, s: &StringLit, here: Option<Location>) -> R {
        let at = here.clone().unwrap_or_else(|| self.loc(&(0..0)));
        // An interpolated string is `format('a{0}b', x)` in the compiled template, and means
        // what that means (the types it takes, the text it gives a boolean, its candidates).
        let mut pattern = String::new();
        let mut args = vec![Val::null(None)];
        for part in &s.parts {
            match part {
                StringPart::Text(t, _) => {
                    budget::check_text(pattern.len() + 2 * t.len(), || here.clone())
                        .map_err(|e| e.reason)?;
                    for c in t.chars() {
                        match c {
                            '{' => pattern.push_str("{{"),
                            '}' => pattern.push_str("}}"),
                            c => pattern.push(c),
                        }
                    }
                }
                StringPart::Interp(x) => {
                    pattern.push_str(&format!("{{{}}}", args.len() - 1));
                    args.push(self.eval(x)?);
                }
            }
        }
        if args.len() == 1 {
            let plain: String = s
                .parts
                .iter()
                .map(|p| match p {
                    StringPart::Text(t, _) => t.as_str(),
                    StringPart::Interp(_) => "",
                })
                .collect();
            return Ok(Val::string(plain, here));
        }
        args[0] = Val::string(pattern, here.clone());
        match f::call("format", args, &at) {
            Err(m) if m.contains(budget::LIMIT_MARK) => Ok(budget::refused_value(&m, here)),
            r => r,
        }
    }

    fn object(&self, items: &[ObjectItem], here: Option<Location>) -> R {
        let mut map = BTreeMap::new();
        let mut tally = Tally::default();
        for item in items {
            match item {
                ObjectItem::Property { key, value, .. } => {
                    let name = match key.name() {
                        Some(n) => n,
                        None => match key {
                            ObjectKey::String(x) => match self.eval(x)?.value {
                                Value::String(s) => s,
                                _ => return Ok(Val::unknown("an object key is not known", here)),
                            },
                            ObjectKey::Ident(i) => i.name.clone(),
                        },
                    };
                    let v = self.member(value)?;
                    if let Err(reason) = tally.add_entry(&name, &v) {
                        return Ok(budget::refused_value(&reason, here));
                    }
                    map.insert(name, v);
                }
                ObjectItem::Spread(x) => match self.eval(x)?.value {
                    Value::Object(more) => {
                        for (k, v) in more {
                            if let Err(reason) = tally.add_entry(&k, &v) {
                                return Ok(budget::refused_value(&reason, here));
                            }
                            map.insert(k, v);
                        }
                    }
                    Value::Null => {}
                    _ => return Ok(Val::unknown("a spread that is not a known object", here)),
                },
                // Child resources are resources of their own, not properties.
                ObjectItem::Resource(_) => {}
            }
        }
        Ok(Val::new(Value::Object(map), here))
    }

    /// An operator, as the function the compiled template calls for it.
    fn binary(&self, op: BinaryOp, lhs: &Expr, rhs: &Expr, at: &Location) -> R {
        let name = match op {
            // Lazy, as `and`, `or` and `coalesce` are: the right side only when it counts.
            BinaryOp::Or => return self.builtin("or", &[lhs, rhs], at),
            BinaryOp::And => return self.builtin("and", &[lhs, rhs], at),
            BinaryOp::Coalesce => return self.builtin("coalesce", &[lhs, rhs], at),
            BinaryOp::Eq => "equals",
            BinaryOp::Ne => {
                let v = self.builtin("equals", &[lhs, rhs], at)?;
                return f::call("not", vec![v], at);
            }
            // `a =~ b` is `equals(toLower(a), toLower(b))`.
            BinaryOp::EqI | BinaryOp::NeI => {
                let l = f::call("toLower", vec![self.eval(lhs)?], at)?;
                let r = f::call("toLower", vec![self.eval(rhs)?], at)?;
                let v = f::call("equals", vec![l, r], at)?;
                return if op == BinaryOp::EqI {
                    Ok(v)
                } else {
                    f::call("not", vec![v], at)
                };
            }
            BinaryOp::Lt => "less",
            BinaryOp::Le => "lessOrEquals",
            BinaryOp::Gt => "greater",
            BinaryOp::Ge => "greaterOrEquals",
            BinaryOp::Add => "add",
            BinaryOp::Sub => "sub",
            BinaryOp::Mul => "mul",
            BinaryOp::Div => "div",
            BinaryOp::Mod => "mod",
        };
        let l = self.eval(lhs)?;
        let r = self.eval(rhs)?;
        f::call(name, vec![l, r], at)
    }

    /// A function of the shared ARM table (the ones Bicep compiles to), with Bicep's own that
    /// compile away: `any(x)` is `x`.
    fn builtin(&self, name: &str, args: &[&Expr], at: &Location) -> R {
        if name == "any" {
            return match args {
                [x] => self.eval(x),
                _ => Err(format!(
                    "function `any` takes 1 argument, not {}",
                    args.len()
                )),
            };
        }
        if let Some(kind) = Load::of(name) {
            return self.load(kind, args, at);
        }
        let call = Call {
            scope: self,
            args,
            at,
        };
        match f::call_with(name, &call) {
            // A result past the limits of one value is unknown, reported at the call.
            Err(m) if m.contains(budget::LIMIT_MARK) => {
                Ok(budget::refused_value(&m, Some(at.clone())))
            }
            r => r,
        }
    }

    /// `loadTextContent`, `loadFileAsBase64`, `loadJsonContent`: the compiler reads the file
    /// (relative to this one) and writes its content into the template, so vigil reads it too,
    /// by the same file policy as every other read and within the compiler's own size limits.
    fn load(&self, kind: Load, args: &[&Expr], at: &Location) -> R {
        let func = kind.name();
        let Some(first) = args.first() else {
            return Err(format!("function `{func}` needs a file path"));
        };
        let unknown = |why: String| Ok(Val::unknown(why, Some(at.clone())));
        let path = match self.eval(first)?.value {
            Value::String(p) => p,
            _ => return unknown(format!("the file `{func}` reads is not known")),
        };
        // An encoding other than UTF-8 (the default) is read as .NET reads it: not here.
        let encoding = match (kind, args.get(1), args.get(2)) {
            (Load::Json, _, Some(e)) | (Load::Text, Some(e), _) => Some(self.eval(e)?),
            _ => None,
        };
        if let Some(e) = encoding {
            if !matches!(e.as_str(), Some(x) if x.eq_ignore_ascii_case("utf-8")) {
                return unknown(format!("`{func}` with an encoding other than utf-8"));
            }
        }
        if kind == Load::Json && args.len() > 1 {
            return unknown(format!("`{func}` with a JSONPath"));
        }
        let dir = self.file.path.parent().unwrap_or(Path::new("."));
        let target = normalize_path(&dir.join(&path));
        let text = match vigil_model::files::read_text(&target, vigil_model::files::policy()) {
            Ok(t) => t,
            Err(refusal) => return unknown(format!("`{func}('{path}')`: {}", refusal.message())),
        };
        let chars = text.chars().count();
        if chars > kind.limit() {
            return Err(format!(
                "`{func}('{path}')`: the file has {chars} characters, more than the {} Bicep \
                 accepts",
                kind.limit()
            ));
        }
        let content = Val::string(text, Some(at.clone()));
        match kind {
            Load::Text => Ok(content),
            Load::Base64 => f::call("base64", vec![content], at),
            Load::Json => f::call("json", vec![content], at),
        }
    }

    /// A resource body as its compiled template writes it: `dependsOn` and `parent` are how
    /// Bicep orders and names resources, not properties (a child's name is its parent's name,
    /// `/`, its own), and `scope` is the deployment's own scope when it names one
    /// (`resourceGroup()`: left out; `tenant()`: `/`) or the `type/name` of the resource it
    /// extends.
    fn arm_shape(&self, declared: &Expr, body: Val) -> Val {
        let Val {
            value: Value::Object(mut map),
            origin,
            trace,
        } = body
        else {
            return body;
        };
        let written = |key: &str| object_property(declared, key);
        map.remove("dependsOn");
        if map.remove("parent").is_some() {
            if let (Some(parent), Some(own)) = (written("parent"), map.get("name")) {
                let full = match (self.resource_name(parent, 0), &own.value) {
                    (Some(p), Value::String(n)) => match &p.value {
                        Value::String(pn) => Val {
                            value: Value::String(format!("{pn}/{n}")),
                            ..own.clone()
                        },
                        _ => Val::unknown(
                            "the parent resource's name is not known",
                            own.origin.clone(),
                        ),
                    },
                    _ => Val::unknown(
                        "the parent resource's name is not known",
                        own.origin.clone(),
                    ),
                };
                map.insert("name".into(), full);
            }
        }
        if let Some(scope) = written("scope") {
            match self.scope_of(scope) {
                Some(ScopeOf::Deployment) => {
                    map.remove("scope");
                }
                Some(ScopeOf::Value(v)) => {
                    map.insert("scope".into(), v);
                }
                None => {}
            }
        }
        Val {
            value: Value::Object(map),
            origin,
            trace,
        }
    }

    /// What a `scope:` expression compiles to.
    fn scope_of(&self, e: &Expr) -> Option<ScopeOf> {
        match &e.kind {
            ExprKind::Call { base, name, args } if base.is_none() || is_sys(base.as_deref()) => {
                match name.name.as_str() {
                    "tenant" if args.is_empty() => {
                        Some(ScopeOf::Value(Val::string("/", Some(self.loc(&e.span)))))
                    }
                    "resourceGroup" | "subscription" | "managementGroup" if args.is_empty() => {
                        Some(ScopeOf::Deployment)
                    }
                    _ => None,
                }
            }
            ExprKind::Ident(id) => {
                let (ty, _) = self.resource_decl(&id.name)?;
                let name = self.resource_name(e, 0)?;
                let at = Some(self.loc(&e.span));
                Some(ScopeOf::Value(match &name.value {
                    Value::String(n) => Val::string(qualified(&ty, n), at),
                    _ => Val::unknown("the name of the resource it extends is not known", at),
                }))
            }
            _ => None,
        }
    }

    /// The type and declared body of the resource statement `symbol` of this file.
    fn resource_decl(&self, symbol: &str) -> Option<(String, &'a Expr)> {
        self.file
            .program
            .statements
            .iter()
            .find_map(|s| match &s.kind {
                StatementKind::Resource {
                    name,
                    type_string,
                    value,
                    ..
                } if name.name == symbol => {
                    let ty = match self.eval(type_string).ok()?.value {
                        Value::String(t) => t.split('@').next().unwrap_or("").to_string(),
                        _ => return None,
                    };
                    Some((ty, value))
                }
                _ => None,
            })
    }

    /// The full name (`vault/secret`) of the resource a symbol names, `None` when `e` is not
    /// a resource symbol; unknown when its name cannot be known here (a looped resource).
    fn resource_name(&self, e: &Expr, depth: usize) -> Option<Val> {
        let ExprKind::Ident(id) = &e.kind else {
            return None;
        };
        let (_, declared) = self.resource_decl(&id.name)?;
        let at = Some(self.loc(&e.span));
        let body = match &declared.kind {
            ExprKind::If { body, .. } => body,
            ExprKind::Object(_) => declared,
            _ => {
                return Some(Val::unknown(
                    "a resource of a loop: which one is not known",
                    at,
                ))
            }
        };
        let own = object_property(body, "name").map(|n| self.value(n))?;
        let parent = match object_property(body, "parent") {
            Some(p) if depth < 16 => self.resource_name(p, depth + 1),
            Some(_) => return Some(Val::unknown("parents nested too deep", at)),
            None => None,
        };
        Some(match (parent.map(|p| p.value), own.value) {
            (None, Value::String(n)) => Val::string(n, at),
            (Some(Value::String(p)), Value::String(n)) => Val::string(format!("{p}/{n}"), at),
            _ => Val::unknown("the resource's name is not known", at),
        })
    }

    /// The wildcard import `base` names (`t` of `t.x`), unless a loop variable hides it.
    fn wildcard(&self, base: &Expr) -> Option<&'a Import> {
        let ExprKind::Ident(ns) = &base.kind else {
            return None;
        };
        if self.locals.borrow().iter().any(|(n, _)| *n == ns.name) {
            return None;
        }
        self.file
            .imports
            .iter()
            .find(|i| i.symbol.is_none() && i.local == ns.name)
    }

    /// The value of the variable `symbol` that `imp` brings in, used as `local` at `at`: evaluated
    /// in its own file (once), with a hop at the import.
    fn imported(&self, imp: &Import, symbol: &str, local: &str, at: &Location) -> R {
        let target = match &imp.from {
            Imported::File(f) => f,
            Imported::Unread(why) => {
                return Ok(Val::unknown(
                    format!("`{symbol}` is {why}"),
                    Some(at.clone()),
                ))
            }
        };
        let value = match export(target, symbol).map(|s| &s.kind) {
            Some(StatementKind::Var { value, .. }) => value,
            Some(_) => {
                return Ok(Val::unknown(
                    format!("`{symbol}` is a function or a type, not a value"),
                    Some(at.clone()),
                ))
            }
            None => {
                return Ok(Val::unknown(
                    format!("`{symbol}` is not exported by {}", file_name(target)),
                    Some(at.clone()),
                ))
            }
        };
        let cached = target.exported.borrow().get(symbol).cloned();
        let v = match cached {
            Some(v) => v,
            None => {
                let scope = Scope::new(target, HashMap::new());
                scope.depth.set(self.depth.get());
                let v = scope.value(value);
                target
                    .exported
                    .borrow_mut()
                    .insert(symbol.to_string(), v.clone());
                v
            }
        };
        Ok(v.through(Hop {
            label: format!("{symbol} imported from {}", file_name(target)),
            location: imp.at.clone(),
        })
        .through(Hop {
            label: local.to_string(),
            location: at.clone(),
        }))
    }

    /// A call of a user-defined function, declared here (`func f(...)`) or imported (`f()`,
    /// `ns.f()`): its body evaluated over its arguments in its own file. `None` for other calls.
    fn user_call(
        &self,
        base: Option<&Expr>,
        name: &Ident,
        args: &[Expr],
        at: &Location,
    ) -> Option<R> {
        let (file, symbol): (&File, &str) = match base {
            None => {
                let local = self.file.program.statements.iter().any(|s| {
                    matches!(&s.kind, StatementKind::Func { name: n, .. } if n.name == name.name)
                });
                if local {
                    (self.file, name.name.as_str())
                } else {
                    let imp = self
                        .file
                        .imports
                        .iter()
                        .find(|i| i.symbol.is_some() && i.local == name.name)?;
                    let symbol = imp.symbol.as_deref().expect("a named import");
                    match &imp.from {
                        Imported::File(f) => (f, symbol),
                        Imported::Unread(why) => {
                            return Some(Ok(Val::unknown(
                                format!("function `{symbol}` is {why}"),
                                Some(at.clone()),
                            )))
                        }
                    }
                }
            }
            Some(b) => {
                let imp = self.wildcard(b)?;
                match &imp.from {
                    Imported::File(f) => (f, name.name.as_str()),
                    Imported::Unread(why) => {
                        return Some(Ok(Val::unknown(
                            format!("function `{}` is {why}", name.name),
                            Some(at.clone()),
                        )))
                    }
                }
            }
        };
        let declared = file.program.statements.iter().find(|s| {
            matches!(&s.kind, StatementKind::Func { name: n, .. } if n.name == symbol)
                && (std::ptr::eq(file, self.file) || is_exported(s))
        });
        let Some(Statement {
            kind: StatementKind::Func { params, body, .. },
            ..
        }) = declared
        else {
            return Some(Ok(Val::unknown(
                format!("`{symbol}` is not a function {} exports", file_name(file)),
                Some(at.clone()),
            )));
        };
        if params.len() != args.len() {
            return Some(Err(format!(
                "function `{symbol}` takes {} arguments, not {}",
                params.len(),
                args.len()
            )));
        }
        let given = params
            .iter()
            .zip(args)
            .map(|(p, a)| (p.name.name.clone(), self.value(a)))
            .collect();
        let scope = Scope::new(file, given);
        scope.depth.set(self.depth.get());
        Some(scope.eval(body))
    }

    /// A name: a loop variable, a parameter, a variable, or another declaration.
    fn name(&self, id: &Ident, at: &Location) -> R {
        if let Some((_, v)) = self
            .locals
            .borrow()
            .iter()
            .rev()
            .find(|(n, _)| *n == id.name)
        {
            return Ok(v.clone());
        }
        if let Some(v) = self.params.get(&id.name) {
            let mut v = v.clone();
            if v.origin.is_none() {
                v.origin = Some(at.clone());
            }
            return Ok(v.through(Hop {
                label: id.name.clone(),
                location: at.clone(),
            }));
        }
        if let Some(expr) = self.vars.get(id.name.as_str()) {
            if let Some(state) = self.var_state.borrow().get(&id.name) {
                return Ok(match state {
                    Some(v) => v.clone().through(Hop {
                        label: id.name.clone(),
                        location: at.clone(),
                    }),
                    None => Val::unknown(
                        format!("variable '{}' refers to itself", id.name),
                        Some(at.clone()),
                    ),
                });
            }
            self.var_state.borrow_mut().insert(id.name.clone(), None);
            let v = self.declared(expr);
            self.var_state
                .borrow_mut()
                .insert(id.name.clone(), Some(v.clone()));
            return Ok(v.through(Hop {
                label: id.name.clone(),
                location: at.clone(),
            }));
        }
        if let Some(imp) = self.file.imports.iter().find(|i| i.local == id.name) {
            return match &imp.symbol {
                Some(symbol) => self.imported(imp, symbol, &id.name, at),
                None => Ok(Val::unknown(
                    format!("`{}` is a namespace of imports, not a value", id.name),
                    Some(at.clone()),
                )),
            };
        }
        let declared = self
            .file
            .program
            .statements
            .iter()
            .find(|s| s.name().is_some_and(|n| n.name == id.name));
        Ok(Val::unknown(
            if let Some(s) = declared {
                match s.kind {
                    StatementKind::Func { .. } => {
                        format!("`{}` is a function, not a value", id.name)
                    }
                    StatementKind::Type { .. } => format!("`{}` is a type, not a value", id.name),
                    _ => format!(
                        "`{}` (a resource, module or output) is known only after deployment",
                        id.name
                    ),
                }
            } else if !self.file.complete {
                // The declaration may be what failed to parse: blame the syntax, not the name.
                format!("`{}` is not known: the file has a syntax error", id.name)
            } else if crate::names::is_declared(&self.file.index, &self.file.program, &id.name) {
                // A nested resource, an extension or a namespace: declared, but no value here.
                format!("`{}` has no value vigil knows before deployment", id.name)
            } else {
                format!("`{}` is not declared", id.name)
            },
            Some(at.clone()),
        ))
    }
}

/// The functions that read a file when Bicep compiles.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Load {
    Text,
    Base64,
    Json,
}

impl Load {
    fn of(name: &str) -> Option<Load> {
        match name {
            "loadTextContent" => Some(Load::Text),
            "loadFileAsBase64" => Some(Load::Base64),
            "loadJsonContent" => Some(Load::Json),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Load::Text => "loadTextContent",
            Load::Base64 => "loadFileAsBase64",
            Load::Json => "loadJsonContent",
        }
    }

    /// The compiler's limits: 131,072 characters of text, 96 KiB of a file made base64, 1 MiB
    /// of JSON.
    fn limit(self) -> usize {
        match self {
            Load::Text => 131_072,
            Load::Base64 => 96 * 1024,
            Load::Json => 1024 * 1024,
        }
    }
}

/// What a resource's `scope:` compiles to.
enum ScopeOf {
    /// The deployment's own scope: the compiled template leaves `scope` out.
    Deployment,
    Value(Val),
}

fn is_sys(base: Option<&Expr>) -> bool {
    matches!(base.map(|b| &b.kind), Some(ExprKind::Ident(ns)) if matches!(ns.name.as_str(), "az" | "sys"))
}

/// The expression written for `key` in a resource body (under its `if`, not a loop's).
fn object_property<'e>(declared: &'e Expr, key: &str) -> Option<&'e Expr> {
    let body = match &declared.kind {
        ExprKind::If { body, .. } => body,
        _ => declared,
    };
    let ExprKind::Object(items) = &body.kind else {
        return None;
    };
    items.iter().find_map(|item| match item {
        ObjectItem::Property { key: k, value, .. } if k.name().as_deref() == Some(key) => {
            Some(value)
        }
        _ => None,
    })
}

/// A resource's id relative to its scope, as Bicep compiles an extension resource's `scope`:
/// the type's segments interleaved with the name's (`Microsoft.Network/virtualNetworks/vnet/
/// subnets/a` for type `Microsoft.Network/virtualNetworks/subnets` and name `vnet/a`).
fn qualified(ty: &str, name: &str) -> String {
    let mut types = ty.split('/');
    let namespace = types.next().unwrap_or("");
    let mut out = namespace.to_string();
    let mut names = name.split('/');
    for t in types {
        out.push('/');
        out.push_str(t);
        out.push('/');
        out.push_str(names.next().unwrap_or(""));
    }
    out
}

/// The arguments of one call of a table function, evaluated when the function asks; lambdas
/// (`x => ...`, `(acc, x) => ...`) bind their parameters as loop variables do.
struct Call<'s, 'a> {
    scope: &'s Scope<'a>,
    args: &'s [&'s Expr],
    at: &'s Location,
}

impl vigil_arm::functions::Args for Call<'_, '_> {
    fn count(&self) -> usize {
        self.args.len()
    }

    fn value(&self, i: usize) -> R {
        self.scope.eval(self.args[i])
    }

    fn values(&self) -> Result<Vec<Val>, String> {
        let mut tally = Tally::default();
        let mut values = Vec::with_capacity(self.args.len());
        for a in self.args {
            // An argument's error is the call's, as ARM evaluates the compiled expression.
            let v = self.scope.eval(a)?;
            if let Err(reason) = tally.add(&v) {
                return Ok(vec![budget::refused_value(&reason, Some(self.at.clone()))]);
            }
            values.push(v);
        }
        Ok(values)
    }

    fn lambda(&self, func: &str, i: usize, params: std::ops::Range<usize>) -> Result<(), String> {
        match &self.args[i].kind {
            ExprKind::Lambda { params: names, .. } if params.contains(&names.len()) => Ok(()),
            _ => Err(vigil_arm::functions::bad_lambda(func, &params)),
        }
    }

    fn apply(&self, i: usize, values: Vec<Val>) -> R {
        let ExprKind::Lambda { params, body } = &self.args[i].kind else {
            return Err("not a lambda".into());
        };
        let bound = params.len().min(values.len());
        {
            let mut locals = self.scope.locals.borrow_mut();
            for (p, v) in params.iter().zip(values) {
                locals.push((p.name.clone(), v));
            }
        }
        let out = self.scope.eval(body);
        let mut locals = self.scope.locals.borrow_mut();
        let keep = locals.len() - bound;
        locals.truncate(keep);
        out
    }

    fn exhausted(&self) -> bool {
        budget::spent().is_some()
    }

    fn at(&self) -> &Location {
        self.at
    }
}

/// Whether a parameter of type `ty` may be null (`T?`, a union with `null`, a user-defined type
/// declared so, here or in the file an `import` reads it from).
fn nullable(file: &File, ty: &TypeExpr, depth: usize) -> bool {
    if depth > BICEP_IMPORT_DEPTH {
        return false;
    }
    match &ty.kind {
        TypeKind::Nullable(_) => true,
        TypeKind::NonNull(_) => false,
        TypeKind::Paren(t) => nullable(file, t, depth + 1),
        TypeKind::Union(items) => items.iter().any(|t| nullable(file, t, depth + 1)),
        TypeKind::Literal(e) => matches!(e.kind, ExprKind::Null),
        TypeKind::Name(path) => match &path[..] {
            [id] if id.name == "null" => true,
            [id] => {
                let declared = file.program.statements.iter().find_map(|s| match &s.kind {
                    StatementKind::Type { name, value } if name.name == id.name => Some(value),
                    _ => None,
                });
                if let Some(t) = declared {
                    return nullable(file, t, depth + 1);
                }
                file.imports
                    .iter()
                    .find(|i| i.local == id.name)
                    .and_then(|i| match (&i.from, &i.symbol) {
                        (Imported::File(f), Some(symbol)) => {
                            Some(exported_nullable(f, symbol, depth))
                        }
                        _ => None,
                    })
                    .unwrap_or(false)
            }
            _ => false,
        },
        // `ns.name`: a type of a wildcard import.
        TypeKind::Member(base, Some(id)) => match &base.kind {
            TypeKind::Name(path) if path.len() == 1 => file
                .imports
                .iter()
                .find(|i| i.symbol.is_none() && i.local == path[0].name)
                .is_some_and(|i| match &i.from {
                    Imported::File(f) => exported_nullable(f, &id.name, depth),
                    Imported::Unread(_) => false,
                }),
            _ => false,
        },
        _ => false,
    }
}

/// The values a parameter may take when its declaration lists them: `@allowed([...])`, or a type
/// that is a union of literals (through `type` aliases of this file). `None` for an array
/// parameter (its `@allowed` lists the values of its elements) and any other type.
fn allowed(file: &File, s: &Statement, ty: Option<&TypeExpr>, scope: &Scope) -> Option<Vec<Val>> {
    let array = ty.is_some_and(|t| match &t.kind {
        TypeKind::Array(_) => true,
        TypeKind::Name(path) => path.last().is_some_and(|n| n.name == "array"),
        _ => false,
    });
    if array {
        return None;
    }
    for d in &s.decorators {
        if let ExprKind::Call { base, name, args } = &d.expr.kind {
            if name.name == "allowed" && (base.is_none() || is_sys(base.as_deref())) {
                let [list] = &args[..] else { return None };
                return match scope.value(list).value {
                    Value::List(items)
                        if !items.is_empty() && !items.iter().any(Val::contains_unknown) =>
                    {
                        Some(items)
                    }
                    _ => None,
                };
            }
        }
    }
    literals(file, ty?, scope, 0)
}

/// The values of a type made of literals (`'a' | 'b'`, `('a' | 'b')?` with null), or `None`.
fn literals(file: &File, ty: &TypeExpr, scope: &Scope, depth: usize) -> Option<Vec<Val>> {
    if depth > BICEP_IMPORT_DEPTH {
        return None;
    }
    match &ty.kind {
        TypeKind::Literal(e) => Some(vec![scope.value(e)]).filter(|v| !v[0].contains_unknown()),
        TypeKind::Paren(t) => literals(file, t, scope, depth + 1),
        TypeKind::Nullable(t) => {
            let mut v = literals(file, t, scope, depth + 1)?;
            v.push(Val::null(None));
            Some(v)
        }
        TypeKind::Union(items) => {
            let mut out = Vec::new();
            for t in items {
                out.extend(literals(file, t, scope, depth + 1)?);
            }
            Some(out)
        }
        TypeKind::Name(path) => match &path[..] {
            [id] if id.name == "null" => Some(vec![Val::null(None)]),
            [id] => file.program.statements.iter().find_map(|s| match &s.kind {
                StatementKind::Type { name, value } if name.name == id.name => {
                    literals(file, value, scope, depth + 1)
                }
                _ => None,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Whether the type `symbol` that `file` exports may be null.
fn exported_nullable(file: &File, symbol: &str, depth: usize) -> bool {
    match export(file, symbol).map(|s| &s.kind) {
        Some(StatementKind::Type { value, .. }) => nullable(file, value, depth + 1),
        _ => false,
    }
}

/// The parameter values of one evaluation: given ones over defaults.
fn params(file: &File, mut given: HashMap<String, Val>) -> HashMap<String, Val> {
    let defaults = Scope::new(file, HashMap::new());
    let mut out = HashMap::new();
    for s in &file.program.statements {
        let StatementKind::Param { name, ty, value } = &s.kind else {
            continue;
        };
        // Given names match in any case, as ARM matches the compiled parameters.
        let key = given
            .keys()
            .find(|k| *k == &name.name)
            .or_else(|| given.keys().find(|k| k.eq_ignore_ascii_case(&name.name)))
            .cloned();
        // ARM takes a null value as none given: the default applies.
        let v = match (key.and_then(|k| given.remove(&k)), value) {
            (Some(v), Some(_)) if matches!(v.value, Value::Null) => {
                let default = value.as_ref().expect("matched Some");
                let scope = Scope { params: out.clone(), ..Scope::new(file, HashMap::new()) };
                let hop = Hop { label: format!("default of param {} (null was given)", name.name), location: defaults.loc(&default.span) };
                scope.value(default).through(hop)
            }
            (Some(v), _) => v,
            (None, Some(default)) => {
                // A default may use the parameters declared before it.
                let scope = Scope { params: out.clone(), ..Scope::new(file, HashMap::new()) };
                let hop = Hop { label: format!("default of param {}", name.name), location: defaults.loc(&default.span) };
                scope.value(default).through(hop)
            }
            // A nullable parameter (`string?`, or a type declared or imported as one) nobody
            // sets is null.
            (None, None) if ty.as_ref().is_some_and(|t| nullable(file, t, 0)) => {
                Val::null(Some(defaults.loc(&name.span)))
            }
            (None, None) => Val::unknown(
                format!("param {} has no default and no value is given (a .bicepparam file or the calling module)", name.name),
                Some(defaults.loc(&s.span)),
            ),
        };
        // An unknown the parameter's `@allowed` or literal type limits is one of those values,
        // as ARM limits one by the compiled `allowedValues`.
        let v = match &v.value {
            Value::Unknown(u) if u.candidates.is_empty() => {
                match allowed(file, s, ty.as_ref(), &defaults) {
                    Some(candidates) => Val {
                        value: Value::Unknown(vigil_model::Unknown {
                            reason: u.reason.clone(),
                            candidates,
                        }),
                        ..v
                    },
                    None => v,
                }
            }
            _ => v,
        };
        out.insert(name.name.clone(), v);
    }
    out
}

/// Evaluates `file` with `given` parameters; resources go to `out`, with `prefix` before
/// their symbolic names (`module.name/` for module calls).
pub(crate) fn evaluate(
    file: &File,
    given: HashMap<String, Val>,
    prefix: &str,
    chain: &mut Vec<PathBuf>,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
) {
    let scope = Scope::new(file, params(file, given));
    for s in &file.program.statements {
        match &s.kind {
            StatementKind::Resource {
                name,
                type_string,
                existing,
                value,
            } if !existing => {
                let ty = match scope.eval(type_string).map(|v| v.value) {
                    Ok(Value::String(t)) => t.split('@').next().unwrap_or("").to_string(),
                    _ => continue,
                };
                let location = keyword_location(file, s, name);
                if budget::resources_spent() {
                    continue;
                }
                let mut skipped = Vec::new();
                let made = instances(&scope, value, &mut skipped);
                for skip in skipped {
                    not_deployed(file, &location, "resource", &name.name, skip, out);
                }
                for (suffix, body, deployed_if) in made {
                    // Loops multiply: the unit evaluates a bounded number of instances.
                    if budget::take_resource(|| Some(location.clone())).is_err() {
                        break;
                    }
                    let body = scope.arm_shape(value, body);
                    let mut r = resource(
                        format!("{prefix}{}{suffix}", name.name),
                        &ty,
                        location.clone(),
                        body,
                    );
                    r.deployed_if = deployed_if;
                    out.resources.push(r);
                }
            }
            StatementKind::Module { name, path, value } => {
                module(&scope, s, name, path, value, prefix, chain, display, out);
            }
            _ => {}
        }
    }
}

/// The instances a resource or module body declares: `[for ...]` loops and `if` conditions.
/// Why a resource or module declaration made fewer instances than it is written for.
enum Skip<'e> {
    /// This condition (`if`, or a loop's filter) was false.
    Condition(&'e Expr),
    /// The loop's collection is empty.
    Empty(&'e Expr),
    /// The loop's collection is not an array, or longer than ARM's copy limit.
    Refused(&'e Expr, String),
}

/// An instance: its address suffix (`[0]`, `[*]`), its body, and why it may not be deployed
/// when its condition or loop is not known.
type Made = (String, Val, Option<String>);

/// What was skipped goes to `skipped` (each condition once).
fn instances<'e>(scope: &Scope, value: &'e Expr, skipped: &mut Vec<Skip<'e>>) -> Vec<Made> {
    let written = |e: &Expr| {
        scope
            .file
            .index
            .text()
            .get(e.span.clone())
            .unwrap_or("")
            .to_string()
    };
    match &value.kind {
        ExprKind::If { cond, body } => {
            let c = scope.value(cond);
            match f::condition(&c) {
                Ok(Some(false)) => {
                    skipped.push(Skip::Condition(cond));
                    Vec::new()
                }
                Ok(Some(true)) => vec![(String::new(), scope.value(body), None)],
                _ => vec![(
                    String::new(),
                    scope.value(body),
                    Some(format!("its condition `{}` is not known", written(cond))),
                )],
            }
        }
        ExprKind::For {
            item,
            index,
            iterable,
            body,
        } => {
            let coll = scope.value(iterable);
            let items = match &coll.value {
                Value::List(items) if items.is_empty() => {
                    skipped.push(Skip::Empty(iterable));
                    return Vec::new();
                }
                Value::List(items) if items.len() <= COPY_COUNT => items.clone(),
                Value::List(items) => {
                    skipped.push(Skip::Refused(
                        iterable,
                        format!(
                            "its loop has {} items, more than ARM's limit of {COPY_COUNT} copies",
                            items.len()
                        ),
                    ));
                    return Vec::new();
                }
                Value::Number(_) | Value::String(_) | Value::Bool(_) => {
                    skipped.push(Skip::Refused(
                        iterable,
                        "its loop is over a value that is not an array".into(),
                    ));
                    return Vec::new();
                }
                _ => {
                    // One instance stands for them all, its body evaluated with the element
                    // unknown: what the body writes as a literal is known in every instance,
                    // as ARM's copy and Terraform's for_each over an unknown are.
                    let element = Val::unknown(
                        "an element of the loop's collection, not known",
                        coll.origin.clone(),
                    );
                    let here = Some(scope.loc(&value.span));
                    let made =
                        scope.with_loop(item, index, element, None, here, |s| s.element(body));
                    let why = Some(format!(
                        "its loop over `{}` is not known",
                        written(iterable)
                    ));
                    return match made {
                        Ok(Some(body)) => vec![("[*]".to_string(), body, why)],
                        // An `if` in the body that cannot be decided: the instances may or may
                        // not exist; what they would be is still worth checking.
                        _ => vec![(
                            "[*]".to_string(),
                            Val::unknown("the loop's collection is not known", coll.origin.clone()),
                            why,
                        )],
                    };
                }
            };
            let mut out = Vec::new();
            for (i, v) in items.into_iter().enumerate() {
                let v = v.adopted_by(&coll);
                let here = Some(scope.loc(&value.span));
                let made = scope.with_loop(item, index, v, Some(i), here, |s| s.element(body));
                match made {
                    Ok(Some(body)) => out.push((format!("[{i}]"), body, None)),
                    Ok(None) => {
                        if let ExprKind::If { cond, .. } = &body.kind {
                            let seen = skipped.iter().any(
                                |s| matches!(s, Skip::Condition(c) if std::ptr::eq(*c, &**cond)),
                            );
                            if !seen {
                                skipped.push(Skip::Condition(cond));
                            }
                        }
                    }
                    Err(_) => {}
                }
            }
            out
        }
        _ => vec![(String::new(), scope.value(value), None)],
    }
}

/// A resource or module that is not deployed with the inputs at hand (a condition false, a
/// loop over nothing): said, with what decided it as written. A loop ARM would refuse is an
/// error.
fn not_deployed(
    file: &File,
    at: &Location,
    what: &str,
    name: &str,
    skip: Skip,
    out: &mut UnitOutput,
) {
    let text = |e: &Expr| {
        file.index
            .text()
            .get(e.span.clone())
            .unwrap_or("")
            .to_string()
    };
    let kind = if what == "module" {
        UncheckedKind::Module
    } else {
        UncheckedKind::Resource
    };
    match skip {
        Skip::Condition(cond) => unchecked(
            out,
            kind,
            "condition false",
            at,
            format!(
                "{what} {name} is not checked: its condition `{}` is false with the inputs at hand",
                text(cond)
            ),
        ),
        Skip::Empty(iterable) => unchecked(
            out,
            kind,
            "loop over no items",
            at,
            format!(
                "{what} {name} is not checked: its loop over `{}` has no items with the inputs at hand",
                text(iterable)
            ),
        ),
        Skip::Refused(iterable, why) => {
            let at = file.index.location(iterable.span.clone());
            out.errors.push(FileError {
                file: at.file,
                line: at.line,
                column: at.column,
                message: format!("{what} {name} is not evaluated: {why}"),
            });
        }
    }
}

fn resource(address: String, ty: &str, location: Location, body: Val) -> Resource {
    let alternatives = body
        .cases()
        .into_iter()
        .map(|case| resource(address.clone(), ty, location.clone(), case))
        .collect();
    Resource {
        address,
        azure_type: ty.to_string(),
        source_type: ty.to_string(),
        body,
        location,
        // Bicep compares enumerations as ARM does: in any case.
        case_sensitive: false,
        required: Vec::new(),
        source_names: BTreeMap::new(),
        alternatives,
        label: None,
        callers: Vec::new(),
        deployed_if: None,
    }
}

/// The resource's first line: its `resource` (or `module`) keyword up to its symbolic name.
fn keyword_location(file: &File, s: &Statement, name: &Ident) -> Location {
    let text = file.index.text();
    let before = &text[..name.span.start];
    let start = ["resource", "module"]
        .iter()
        .filter_map(|k| before.rfind(k))
        .filter(|&k| k >= s.span.start)
        .max()
        .unwrap_or(name.span.start);
    file.index.location(start..name.span.end)
}

#[allow(clippy::too_many_arguments)]
fn module(
    scope: &Scope,
    s: &Statement,
    name: &Ident,
    path: &Expr,
    value: &Expr,
    prefix: &str,
    chain: &mut Vec<PathBuf>,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
) {
    let at = keyword_location(scope.file, s, name);
    let note = |out: &mut UnitOutput, why: &str, message: String| {
        unchecked(out, UncheckedKind::Module, why, &at, message);
        // The compiled JSON beside the file holds this module inlined: core can check it there.
        if let Some(last) = out.unchecked.last_mut() {
            last.module = Some(format!("{prefix}{}", name.name));
        }
    };
    let source = match scope.eval(path).map(|v| v.value) {
        Ok(Value::String(p)) => p,
        _ => {
            note(
                out,
                "path not known",
                format!(
                    "module {} is not checked: its path is not a plain string",
                    name.name
                ),
            );
            return;
        }
    };
    if is_registry(&source) {
        note(
            out,
            "not downloaded",
            format!("module {} ('{source}') is not checked: it is in a registry, and vigil downloads nothing", name.name),
        );
        return;
    }
    if source.contains(':') {
        note(
            out,
            "not read",
            format!(
                "module {} ('{source}') is not checked: only local module files are read",
                name.name
            ),
        );
        return;
    }
    let target = normalize_path(
        &scope
            .file
            .path
            .parent()
            .unwrap_or(Path::new("."))
            .join(&source),
    );
    if !target.is_file() {
        note(
            out,
            "not found",
            format!(
                "module {} ('{source}') is not checked: the file is not there ({})",
                name.name,
                not_there(display, &target)
            ),
        );
        return;
    }
    if !source.ends_with(".bicep") {
        note(
            out,
            "not read",
            format!(
                "module {} ('{source}') is not checked: only .bicep modules are read",
                name.name
            ),
        );
        return;
    }
    let cycle = chain.iter().any(|c| c == &target);
    let depth = budget::limits().module_depth;
    if cycle || chain.len() >= depth {
        let message = if cycle {
            format!("module cycle: module {} calls '{source}' again", name.name)
        } else {
            // A chain this deep is refused as too deep, not mistaken for a cycle.
            format!(
                "modules nested more than {depth} deep (the limit): module {} ('{source}') is \
                 not evaluated",
                name.name
            )
        };
        out.errors.push(FileError {
            file: at.file.clone(),
            line: at.line,
            column: at.column,
            message,
        });
        return;
    }
    let Some(child) = load(&target, display, out) else {
        return;
    };
    if child.complete && scope.file.complete {
        undeclared_module_params(scope.file, value, &child, &name.name, &mut out.errors);
    }
    let mut skipped = Vec::new();
    let made = instances(scope, value, &mut skipped);
    for skip in skipped {
        not_deployed(scope.file, &at, "module", &name.name, skip, out);
    }
    for (suffix, body, deployed_if) in made {
        // Module instances count against the whole run: every file is its own unit too.
        if budget::take_instances(1, || Some(at.clone())).is_err() {
            break;
        }
        let mut given = HashMap::new();
        if let Value::Object(map) = &body.value {
            if let Some(Value::Object(ps)) = map.get("params").map(|p| &p.value) {
                for (k, v) in ps {
                    let hop = Hop {
                        label: format!("param {k} of module {}", name.name),
                        location: v.origin.clone().unwrap_or_else(|| at.clone()),
                    };
                    given.insert(k.clone(), v.clone().through(hop));
                }
            }
        }
        chain.push(target.clone());
        let before = out.resources.len();
        evaluate(
            &child,
            given,
            &format!("{prefix}{}{suffix}/", name.name),
            chain,
            display,
            out,
        );
        for r in &mut out.resources[before..] {
            r.callers.insert(0, at.clone());
            // What a module that may not be deployed creates may not be deployed either.
            if r.deployed_if.is_none() {
                r.deployed_if = deployed_if
                    .as_ref()
                    .map(|why| format!("module {}: {why}", name.name));
            }
        }
        chain.pop();
    }
    out.files.push(child.source());
}

/// An error for each key of a module's `params` object that the module does not declare
/// (BCP037: Bicep refuses it). Once per place, however many instances the call makes.
fn undeclared_module_params(
    file: &File,
    value: &Expr,
    child: &File,
    module: &str,
    errors: &mut Vec<FileError>,
) {
    let body = match &value.kind {
        ExprKind::If { body, .. } => body,
        ExprKind::For { body, .. } => match &body.kind {
            ExprKind::If { body, .. } => body,
            _ => body,
        },
        _ => value,
    };
    let ExprKind::Object(items) = &body.kind else {
        return;
    };
    let params = items.iter().find_map(|i| match i {
        ObjectItem::Property { key, value, .. } if key.name().as_deref() == Some("params") => {
            Some(value)
        }
        _ => None,
    });
    let Some(Expr {
        kind: ExprKind::Object(params),
        ..
    }) = params
    else {
        return;
    };
    let declared = declared_params(child);
    for item in params {
        let ObjectItem::Property { key, .. } = item else {
            continue;
        };
        let Some(k) = key.name() else {
            continue;
        };
        if declared.iter().any(|d| d.eq_ignore_ascii_case(&k)) {
            continue;
        }
        let at = file.index.location(key.span());
        let mut message = format!(
            "module {module} passes param {k}, which {} does not declare",
            file_name(child)
        );
        if let Some(close) = vigil_model::did_you_mean(&k, declared.iter().copied()) {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        errors.push(FileError {
            file: at.file,
            line: at.line,
            column: at.column,
            message,
        });
    }
}

/// The parameter values a `.bicepparam` file gives, and the template it is `using` (with the
/// location of the path).
pub(crate) fn bicepparam(file: &File) -> (Option<(String, Location)>, HashMap<String, Val>) {
    let scope = Scope::new(file, HashMap::new());
    let mut using = None;
    let mut given = HashMap::new();
    for s in &file.program.statements {
        match &s.kind {
            StatementKind::Using { path: Some(p), .. } => {
                if let Ok(Value::String(t)) = scope.eval(p).map(|v| v.value) {
                    using = Some((t, scope.loc(&p.span)));
                }
            }
            StatementKind::Param {
                name,
                value: Some(v),
                ..
            } => {
                let hop = Hop {
                    label: format!("param {} in {}", name.name, file_name(file)),
                    location: scope.loc(&v.span),
                };
                given.insert(name.name.clone(), scope.value(v).through(hop));
            }
            _ => {}
        }
    }
    (using, given)
}

/// Said where a file is not there: the path tried, and a file that differs only in case.
fn not_there(display: &dyn Fn(&Path) -> String, target: &Path) -> String {
    let mut message = format!("tried {}", display(target));
    if let Some(other) = vigil_arm::same_but_case(target) {
        message.push_str(&format!("; did you mean `{}`?", display(&other)));
    }
    message
}

fn unchecked(out: &mut UnitOutput, kind: UncheckedKind, why: &str, at: &Location, message: String) {
    out.unchecked.push(Unchecked {
        kind,
        why: why.into(),
        at: FileError {
            file: at.file.clone(),
            line: at.line,
            column: at.column,
            message,
        },
        module: None,
    });
}

/// The template a `.bicepparam` file is `using`, loaded; when it is not a local file there,
/// the parameters are listed as unchecked with the reason.
pub(crate) fn using_target(
    file: &File,
    using: &str,
    at: &Location,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
) -> Option<File> {
    if is_registry(using) {
        unchecked(
            out,
            UncheckedKind::Parameters,
            "template not downloaded",
            at,
            format!("'{using}' is a registry template, which vigil does not download: the parameters are not checked against it"),
        );
        return None;
    }
    let target = normalize_path(&file.path.parent().unwrap_or(Path::new(".")).join(using));
    if !target.is_file() {
        unchecked(
            out,
            UncheckedKind::Parameters,
            "template not found",
            at,
            format!(
                "the template '{using}' is not there ({}): the parameters are not checked against it",
                not_there(display, &target)
            ),
        );
        return None;
    }
    if !using.ends_with(".bicep") {
        unchecked(
            out,
            UncheckedKind::Parameters,
            "template not read",
            at,
            format!("'{using}' is not a .bicep file: the parameters are not checked against it"),
        );
        return None;
    }
    load(&target, display, out)
}

/// A module or `using` path in a registry (`br:`, `br/alias:`, `ts:`, `ts/alias:`).
fn is_registry(path: &str) -> bool {
    let scheme = path.split(':').next().unwrap_or("");
    path.contains(':')
        && (scheme == "br"
            || scheme == "ts"
            || scheme.starts_with("br/")
            || scheme.starts_with("ts/"))
}

/// The parameter names `file` declares.
fn declared_params(file: &File) -> Vec<&str> {
    file.program
        .statements
        .iter()
        .filter_map(|s| match &s.kind {
            StatementKind::Param { name, .. } => Some(name.name.as_str()),
            _ => None,
        })
        .collect()
}

/// An error for each `param` a `.bicepparam` file sets that its template does not declare
/// (BCP259: Bicep refuses the file).
pub(crate) fn undeclared_params(params: &File, template: &File, errors: &mut Vec<FileError>) {
    let declared = declared_params(template);
    let template_name = file_name(template);
    for s in &params.program.statements {
        let StatementKind::Param { name, .. } = &s.kind else {
            continue;
        };
        if declared.iter().any(|d| d.eq_ignore_ascii_case(&name.name)) {
            continue;
        }
        let at = params.index.location(name.span.clone());
        let mut message = format!(
            "param {} is not declared in {template_name}, the template this file is using",
            name.name
        );
        if let Some(close) = vigil_model::did_you_mean(&name.name, declared.iter().copied()) {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        errors.push(FileError {
            file: at.file,
            line: at.line,
            column: at.column,
            message,
        });
    }
}

/// The values `X.parameters.json` gives `file`'s parameters (names matched in any case, as ARM
/// matches them); an error for each one the file does not declare.
pub(crate) fn json_parameters(
    file: &File,
    json: &Path,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
) -> HashMap<String, Val> {
    let declared = declared_params(file);
    let mut given = HashMap::new();
    for p in vigil_arm::read_parameter_file(json, display, out) {
        match declared.iter().find(|d| d.eq_ignore_ascii_case(&p.name)) {
            Some(d) => {
                given.insert(d.to_string(), p.value);
            }
            None if file.complete => {
                let mut message = format!(
                    "the parameter file sets '{}', which {} does not declare",
                    p.name,
                    file_name(file)
                );
                if let Some(close) = vigil_model::did_you_mean(&p.name, declared.iter().copied()) {
                    message.push_str(&format!("; did you mean `{close}`?"));
                }
                out.errors.push(FileError {
                    file: p.at.file.clone(),
                    line: p.at.line,
                    column: p.at.column,
                    message,
                });
            }
            None => {}
        }
    }
    given
}

fn file_name(file: &File) -> String {
    file.path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
