//! Loops and conditions: `[for ...]` in expressions, and the instances a resource or module
//! declaration makes (its `if` condition and `for` loop), with what is not deployed said once.

use super::*;

impl<'a> Scope<'a> {
    /// A loop body: `if (cond) x` filters.
    pub(super) fn element(&self, body: &Expr) -> Result<Option<Val>, String> {
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

    pub(super) fn with_loop<T>(
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
}

/// The instances a resource or module body declares: `[for ...]` loops and `if` conditions.
/// Why a resource or module declaration made fewer instances than it is written for.
pub(super) enum Skip<'e> {
    /// This condition (`if`, or a loop's filter) was false.
    Condition(&'e Expr),
    /// The loop's collection is empty.
    Empty(&'e Expr),
    /// The loop's collection is not an array, or longer than ARM's copy limit.
    Refused(&'e Expr, String),
}

/// An instance: its address suffix (`[0]`, `[*]`), its body, and why it may not be deployed
/// when its condition or loop is not known.
pub(super) type Made = (String, Val, Option<String>);

/// What was skipped goes to `skipped` (each condition once).
pub(super) fn instances<'e>(
    scope: &Scope,
    value: &'e Expr,
    skipped: &mut Vec<Skip<'e>>,
) -> Vec<Made> {
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
pub(super) fn not_deployed(
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
