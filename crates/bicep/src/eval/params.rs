//! Parameters and their types: declared defaults, nullable and literal (allowed) types, and
//! what a `.bicepparam` file or a JSON parameter file gives them.

use super::*;

/// Whether a parameter of type `ty` may be null (`T?`, a union with `null`, a user-defined type
/// declared so, here or in the file an `import` reads it from).
pub(super) fn nullable(file: &File, ty: &TypeExpr, depth: usize) -> bool {
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
pub(super) fn allowed(
    file: &File,
    s: &Statement,
    ty: Option<&TypeExpr>,
    scope: &Scope,
) -> Option<Vec<Val>> {
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
pub(super) fn literals(
    file: &File,
    ty: &TypeExpr,
    scope: &Scope,
    depth: usize,
) -> Option<Vec<Val>> {
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

/// The parameter values of one evaluation: given ones over defaults.
pub(super) fn params(file: &File, mut given: HashMap<String, Val>) -> HashMap<String, Val> {
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
    if !vigil_model::files::is_file(&target) {
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
pub(super) fn is_registry(path: &str) -> bool {
    let scheme = path.split(':').next().unwrap_or("");
    path.contains(':')
        && (scheme == "br"
            || scheme == "ts"
            || scheme.starts_with("br/")
            || scheme.starts_with("ts/"))
}

/// The parameter names `file` declares.
pub(super) fn declared_params(file: &File) -> Vec<&str> {
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
