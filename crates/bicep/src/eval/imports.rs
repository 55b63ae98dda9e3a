//! `import` declarations: the local files they read (each once per load, bounded in depth),
//! the symbols they bring in and the exported values those symbols are.

use super::*;

impl<'a> Scope<'a> {
    /// The wildcard import `base` names (`t` of `t.x`), unless a loop variable hides it.
    pub(super) fn wildcard(&self, base: &Expr) -> Option<&'a Import> {
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
    pub(super) fn imported(&self, imp: &Import, symbol: &str, local: &str, at: &Location) -> R {
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
}

/// One name an `import` brings in.
pub(super) struct Import {
    /// The name the importing file uses: the alias or the symbol, or a wildcard's namespace.
    pub(super) local: String,
    /// The symbol imported; `None` for `import * as ns`.
    pub(super) symbol: Option<String>,
    /// Where the import names it (a hop of every value it brings).
    pub(super) at: Location,
    pub(super) from: Imported,
}

#[derive(Clone)]
pub(super) enum Imported {
    File(Rc<File>),
    /// Values from it are unknown, for this reason.
    Unread(String),
}

/// The files imports read during one load, so a file imported twice is read once.
pub(super) type ImportCache = HashMap<PathBuf, Rc<File>>;

/// Reads and parses a file, and the local files it imports; syntax errors and bad imports go
/// to `out.errors` (the rest of the file still counts).
pub(crate) fn load(
    path: &Path,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
) -> Option<File> {
    load_in(path, display, out, &mut Vec::new(), &mut HashMap::new())
}

pub(super) fn load_in(
    path: &Path,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
    importing: &mut Vec<PathBuf>,
    cache: &mut ImportCache,
) -> Option<File> {
    let errors = &mut out.errors;
    let index = vigil_model::budget::read_source(path, display(path).into())
        .map_err(|e| errors.push(e))
        .ok()?;
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
pub(super) fn imports(
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
            if !vigil_model::files::is_file(&target) {
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
pub(super) fn is_exported(s: &Statement) -> bool {
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
pub(super) fn export<'f>(file: &'f File, symbol: &str) -> Option<&'f Statement> {
    file.program.statements.iter().find(|s| {
        matches!(
            s.kind,
            StatementKind::Var { .. } | StatementKind::Func { .. } | StatementKind::Type { .. }
        ) && s.name().is_some_and(|n| n.name == symbol)
            && is_exported(s)
    })
}

/// An error for each imported symbol `target` does not export (`bicep build` refuses it).
pub(super) fn not_exported(
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

/// Whether the type `symbol` that `file` exports may be null.
pub(super) fn exported_nullable(file: &File, symbol: &str, depth: usize) -> bool {
    match export(file, symbol).map(|s| &s.kind) {
        Some(StatementKind::Type { value, .. }) => nullable(file, value, depth + 1),
        _ => false,
    }
}
