//! Expressions: literals, strings with holes, objects, operators, member access and calls.
//! Every ARM function is called through `vigil_arm::functions::call_with` ([`Call`] holds its
//! arguments unevaluated), so that a function means the same in Bicep and in the ARM it
//! compiles to; the names an expression uses resolve here too (`Scope::name`).

use super::*;

impl<'a> Scope<'a> {
    pub(super) fn value(&self, e: &Expr) -> Val {
        let at = self.loc(&e.span);
        self.eval(e).unwrap_or_else(|m| Val::unknown(m, Some(at)))
    }

    pub(super) fn eval(&self, e: &Expr) -> R {
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

    pub(super) fn eval_inner(&self, e: &Expr) -> R {
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
    pub(super) fn member(&self, x: &Expr) -> R {
        if self.in_expression.get() {
            self.eval(x)
        } else {
            Ok(self.value(x))
        }
    }

    /// A declared value (a variable, a parameter's default) at the JSON level of the compiled
    /// template, wherever it is referenced from.
    pub(super) fn declared(&self, x: &Expr) -> Val {
        let was = self.in_expression.replace(false);
        let v = self.value(x);
        self.in_expression.set(was);
        v
    }

    pub(super) fn string(&self, s: &StringLit, here: Option<Location>) -> R {
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

    pub(super) fn object(&self, items: &[ObjectItem], here: Option<Location>) -> R {
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
    pub(super) fn binary(&self, op: BinaryOp, lhs: &Expr, rhs: &Expr, at: &Location) -> R {
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
    pub(super) fn builtin(&self, name: &str, args: &[&Expr], at: &Location) -> R {
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

    /// A call of a user-defined function, declared here (`func f(...)`) or imported (`f()`,
    /// `ns.f()`): its body evaluated over its arguments in its own file. `None` for other calls.
    pub(super) fn user_call(
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
    pub(super) fn name(&self, id: &Ident, at: &Location) -> R {
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

/// The arguments of one call of a table function, evaluated when the function asks; lambdas
/// (`x => ...`, `(acc, x) => ...`) bind their parameters as loop variables do.
pub(super) struct Call<'s, 'a> {
    pub(super) scope: &'s Scope<'a>,
    pub(super) args: &'s [&'s Expr],
    pub(super) at: &'s Location,
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
