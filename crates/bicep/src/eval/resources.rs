//! Resources and modules: the ARM shape a declaration compiles to (`arm_shape`: name, type,
//! scope, properties), resource names and references, and local modules called with their
//! parameters.

use super::*;

impl<'a> Scope<'a> {
    /// A resource body as its compiled template writes it: `dependsOn` and `parent` are how
    /// Bicep orders and names resources, not properties (a child's name is its parent's name,
    /// `/`, its own), and `scope` is the deployment's own scope when it names one
    /// (`resourceGroup()`: left out; `tenant()`: `/`) or the `type/name` of the resource it
    /// extends.
    pub(super) fn arm_shape(&self, declared: &Expr, body: Val) -> Val {
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
    pub(super) fn scope_of(&self, e: &Expr) -> Option<ScopeOf> {
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
    pub(super) fn resource_decl(&self, symbol: &str) -> Option<(String, &'a Expr)> {
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
    pub(super) fn resource_name(&self, e: &Expr, depth: usize) -> Option<Val> {
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
}

/// What a resource's `scope:` compiles to.
pub(super) enum ScopeOf {
    /// The deployment's own scope: the compiled template leaves `scope` out.
    Deployment,
    Value(Val),
}

pub(super) fn is_sys(base: Option<&Expr>) -> bool {
    matches!(base.map(|b| &b.kind), Some(ExprKind::Ident(ns)) if matches!(ns.name.as_str(), "az" | "sys"))
}

/// The expression written for `key` in a resource body (under its `if`, not a loop's).
pub(super) fn object_property<'e>(declared: &'e Expr, key: &str) -> Option<&'e Expr> {
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
pub(super) fn qualified(ty: &str, name: &str) -> String {
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

pub(super) fn resource(address: String, ty: &str, location: Location, body: Val) -> Resource {
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
pub(super) fn keyword_location(file: &File, s: &Statement, name: &Ident) -> Location {
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
pub(super) fn module(
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
    if !vigil_model::files::is_file(&target) {
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
pub(super) fn undeclared_module_params(
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
