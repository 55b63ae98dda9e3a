//! Names that do not exist: an identifier that no declaration, loop, lambda, import or
//! namespace provides, as `bicep build` reports it (BCP057, BCP082). Found once per place it is
//! written, with a suggestion when a name in scope is close. Only a file that parses is
//! checked: after a syntax error the tree is incomplete and would blame names wrongly.

use crate::ast::*;
use std::collections::HashSet;
use vigil_model::{did_you_mean, FileError, LineIndex};

/// Namespaces every file has (`this` holds `this.exists()` in resource bodies).
const NAMESPACES: &[&str] = &["az", "sys", "this"];

/// Bicep's built-in functions (the `sys` and `az` namespaces, as Bicep 0.3x declares them in
/// `SystemNamespaceType` and `AzNamespaceType`), looked up in any case. `coalesce` and `tryGet`
/// are ARM's (Bicep bans the first for `??`): accepted, since they are no missing name.
const FUNCTIONS: &[&str] = &[
    // sys
    "any",
    "array",
    "base64",
    "base64ToJson",
    "base64ToString",
    "bool",
    "buildUri",
    "cidrHost",
    "cidrSubnet",
    "coalesce",
    "concat",
    "contains",
    "dataUri",
    "dataUriToString",
    "dateTimeAdd",
    "dateTimeFromEpoch",
    "dateTimeToEpoch",
    "deployer",
    "distinct",
    "empty",
    "endsWith",
    "externalInput",
    "fail",
    "filter",
    "first",
    "flatten",
    "format",
    "getSecret",
    "groupBy",
    "guid",
    "indexOf",
    "int",
    "intersection",
    "items",
    "join",
    "json",
    "last",
    "lastIndexOf",
    "length",
    "like",
    "loadFileAsBase64",
    "loadJsonContent",
    "loadTextContent",
    "loadYamlContent",
    "loadDirectoryFileInfo",
    "map",
    "mapValues",
    "max",
    "min",
    "nameof",
    "newGuid",
    "objectKeys",
    "padLeft",
    "parseCidr",
    "parseUri",
    "range",
    "readCliArg",
    "readEnvVar",
    "readEnvironmentVariable",
    "reduce",
    "replace",
    "shallowMerge",
    "skip",
    "sort",
    "split",
    "startsWith",
    "string",
    "substring",
    "take",
    "toLower",
    "toObject",
    "toUpper",
    "trim",
    "tryGet",
    "union",
    "uniqueString",
    "uri",
    "uriComponent",
    "uriComponentToString",
    "utcNow",
    // az
    "deployment",
    "environment",
    "extensionResourceId",
    "managementGroup",
    "managementGroupResourceId",
    "pickZones",
    "providers",
    "reference",
    "resourceGroup",
    "resourceId",
    "roleDefinitions",
    "subscription",
    "subscriptionResourceId",
    "tenant",
    "tenantResourceId",
    "toLogicalZone",
    "toLogicalZones",
    "toPhysicalZone",
    "toPhysicalZones",
];

/// The types Bicep declares (`LanguageConstants.DeclarationTypes` and the resource-derived
/// types).
const TYPES: &[&str] = &[
    "string",
    "int",
    "bool",
    "object",
    "array",
    "any",
    "resource",
    "resourceInput",
    "resourceOutput",
];

/// Whether `name` is a built-in function (`list` and the `list*` functions are open-ended:
/// `listKeys`, `listSecrets`, `listAccountSas`...).
fn builtin_function(name: &str) -> bool {
    FUNCTIONS.iter().any(|f| f.eq_ignore_ascii_case(name))
        || name
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("list"))
}

struct Checker<'a> {
    index: &'a LineIndex,
    /// Names declared at file level (and namespaces).
    declared: HashSet<&'a str>,
    /// User-defined and imported names a call may use.
    functions: HashSet<&'a str>,
    /// Types declared (`type`) or imported.
    types: HashSet<&'a str>,
    /// Loop variables and lambda parameters in scope, innermost last.
    locals: Vec<&'a str>,
    /// A namespace whose name vigil cannot know (an extension given by reference, no alias):
    /// names used as a base of `x.y` are not blamed.
    open_namespace: bool,
    errors: Vec<FileError>,
    /// Names used as values (not only as types): a name, a call, or the base of `x.y`.
    values: HashSet<&'a str>,
}

/// Errors for the undeclared names `program` uses.
pub(crate) fn check(index: &LineIndex, program: &Program) -> Vec<FileError> {
    checker(index, program).errors
}

/// The names `program` uses as values, where a type would not do (imports that bring in only
/// types carry no value vigil could miss).
pub(crate) fn value_names(index: &LineIndex, program: &Program) -> HashSet<String> {
    let c = checker(index, program);
    c.values.into_iter().map(str::to_string).collect()
}

/// Whether the name checker takes `name` as declared in `program` (at file level: a
/// declaration, a nested resource, an import, an extension or a namespace).
pub(crate) fn is_declared(index: &LineIndex, program: &Program, name: &str) -> bool {
    declarations(index, program).declared.contains(name)
}

/// A checker that knows the file's own declarations (they are visible before they are written).
fn declarations<'a>(index: &'a LineIndex, program: &'a Program) -> Checker<'a> {
    let mut c = Checker {
        index,
        declared: NAMESPACES.iter().copied().collect(),
        functions: HashSet::new(),
        types: TYPES.iter().copied().collect(),
        locals: Vec::new(),
        open_namespace: false,
        errors: Vec::new(),
        values: HashSet::new(),
    };
    for s in &program.statements {
        c.declare(s);
    }
    c
}

fn checker<'a>(index: &'a LineIndex, program: &'a Program) -> Checker<'a> {
    let mut c = declarations(index, program);
    for s in &program.statements {
        c.statement(s);
    }
    c
}

impl<'a> Checker<'a> {
    fn declare(&mut self, s: &'a Statement) {
        match &s.kind {
            StatementKind::Import { items, .. } => match items {
                ImportItems::Wildcard { alias } => {
                    self.declared.insert(&alias.name);
                }
                ImportItems::Named(items) => {
                    for item in items {
                        let name = match (&item.alias, &item.name.kind) {
                            (Some(alias), _) => alias.name.as_str(),
                            (None, ExprKind::Ident(id)) => id.name.as_str(),
                            _ => continue,
                        };
                        self.declared.insert(name);
                        self.functions.insert(name);
                        self.types.insert(name);
                    }
                }
            },
            StatementKind::Extension { alias, spec, .. } => match (alias, &spec.kind) {
                (Some(alias), _) => {
                    self.declared.insert(&alias.name);
                }
                (None, ExprKind::Ident(id)) => {
                    self.declared.insert(&id.name);
                }
                _ => self.open_namespace = true,
            },
            StatementKind::Func { name, .. } => {
                self.declared.insert(&name.name);
                self.functions.insert(&name.name);
            }
            StatementKind::Resource { name, value, .. } => {
                self.declared.insert(&name.name);
                self.declare_children(value);
            }
            StatementKind::Type { name, .. } => {
                self.declared.insert(&name.name);
                self.types.insert(&name.name);
            }
            _ => {
                if let Some(name) = s.name() {
                    self.declared.insert(&name.name);
                }
            }
        }
    }

    /// Child resources declared inside a body: their names are visible to the body (and
    /// kept visible everywhere, which never blames a name wrongly).
    fn declare_children(&mut self, body: &'a Expr) {
        let items = match &body.kind {
            ExprKind::Object(items) => items,
            ExprKind::If { body, .. } => return self.declare_children(body),
            ExprKind::For { body, .. } => return self.declare_children(body),
            _ => return,
        };
        for item in items {
            if let ObjectItem::Resource(child) = item {
                self.declare(child);
            }
        }
    }

    fn statement(&mut self, s: &'a Statement) {
        for d in &s.decorators {
            // The decorator's own name is not a value; its arguments are.
            if let ExprKind::Call { args, .. } = &d.expr.kind {
                for a in args {
                    self.expr(a);
                }
            }
        }
        match &s.kind {
            StatementKind::TargetScope(e) => self.expr(e),
            StatementKind::Param { value, ty, .. } => {
                if let Some(t) = ty {
                    self.ty(t);
                }
                if let Some(v) = value {
                    self.expr(v);
                }
            }
            StatementKind::Var { value, ty, .. } => {
                if let Some(t) = ty {
                    self.ty(t);
                }
                self.expr(value);
            }
            StatementKind::Output { value, ty, .. } => {
                self.ty(ty);
                self.expr(value);
            }
            StatementKind::Type { value, .. } => self.ty(value),
            StatementKind::Metadata { value, .. } | StatementKind::Assert { value, .. } => {
                self.expr(value)
            }
            StatementKind::Resource { value, .. } | StatementKind::Module { value, .. } => {
                self.expr(value)
            }
            StatementKind::Test { value, .. } => self.expr(value),
            StatementKind::Func {
                params,
                body,
                return_type,
                ..
            } => {
                for p in params {
                    self.ty(&p.ty);
                }
                self.ty(return_type);
                let before = self.locals.len();
                self.locals
                    .extend(params.iter().map(|p| p.name.name.as_str()));
                self.expr(body);
                self.locals.truncate(before);
            }
            StatementKind::Extension { config, .. } => {
                if let Some(c) = config {
                    self.expr(c);
                }
            }
            StatementKind::ExtensionConfig { config, .. } => self.expr(config),
            StatementKind::Using { config, .. } => {
                if let Some(c) = config {
                    self.expr(c);
                }
            }
            StatementKind::Import { .. } | StatementKind::Extends { .. } | StatementKind::Error => {
            }
        }
    }

    fn in_scope(&self, name: &str) -> bool {
        self.locals.iter().rev().any(|l| *l == name) || self.declared.contains(name)
    }

    fn unknown_name(&mut self, id: &Ident, function: bool) {
        let (line, column) = self.index.position(id.span.start);
        let mut candidates: Vec<&str> = self.locals.iter().rev().copied().collect();
        let mut declared: Vec<&str> = self.declared.iter().copied().collect();
        declared.sort_unstable();
        candidates.extend(declared);
        if function {
            candidates.extend(FUNCTIONS.iter().copied());
        }
        let mut message = if function {
            format!("no function named `{}` is declared or built in", id.name)
        } else {
            format!("the name `{}` is not declared", id.name)
        };
        if let Some(close) = did_you_mean(&id.name, candidates) {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        self.errors.push(FileError {
            file: self.index.file().clone(),
            line,
            column,
            message,
        });
    }

    /// A type expression: its names must be built-in, declared or imported types (or a
    /// namespace's, `sys.string`, `types.config`).
    fn ty(&mut self, t: &'a TypeExpr) {
        match &t.kind {
            TypeKind::Name(parts) | TypeKind::Generic { name: parts, .. } => {
                if let TypeKind::Generic { args, .. } = &t.kind {
                    for a in args {
                        self.ty(a);
                    }
                }
                match parts.as_slice() {
                    [one] if !self.types.contains(one.name.as_str()) => {
                        let (line, column) = self.index.position(one.span.start);
                        let mut candidates: Vec<&str> = self.types.iter().copied().collect();
                        candidates.sort_unstable();
                        let mut message = format!("the type `{}` is not declared", one.name);
                        if let Some(close) = did_you_mean(&one.name, candidates) {
                            message.push_str(&format!("; did you mean `{close}`?"));
                        }
                        self.errors.push(FileError {
                            file: self.index.file().clone(),
                            line,
                            column,
                            message,
                        });
                    }
                    [_] => {}
                    [ns, ..] if !self.open_namespace => self.ident(ns),
                    _ => {}
                }
            }
            TypeKind::Object(props) => {
                for p in props {
                    self.ty(&p.ty);
                }
            }
            TypeKind::Tuple(items) => {
                for i in items {
                    self.ty(&i.ty);
                }
            }
            TypeKind::Union(members) => {
                for m in members {
                    self.ty(m);
                }
            }
            // `ns.name` reads as a member of `ns`: a namespace (an import, `sys`) or a type.
            TypeKind::Member(inner, _) => match &inner.kind {
                TypeKind::Name(parts)
                    if parts.len() == 1
                        && (self.open_namespace
                            || self.declared.contains(parts[0].name.as_str())
                            || self.types.contains(parts[0].name.as_str())) => {}
                TypeKind::Name(parts) if parts.len() == 1 => self.ident(&parts[0]),
                _ => self.ty(inner),
            },
            TypeKind::Array(inner)
            | TypeKind::Nullable(inner)
            | TypeKind::NonNull(inner)
            | TypeKind::Paren(inner)
            | TypeKind::Index(inner, _) => self.ty(inner),
            TypeKind::Resource(_) | TypeKind::Literal(_) | TypeKind::Error => {}
        }
    }

    fn ident(&mut self, id: &Ident) {
        if !self.in_scope(&id.name) {
            self.unknown_name(id, false);
        }
    }

    fn expr(&mut self, e: &'a Expr) {
        stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || self.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &'a Expr) {
        match &e.kind {
            ExprKind::Int(_) | ExprKind::Bool(_) | ExprKind::Null | ExprKind::Error => {}
            ExprKind::String(s) => {
                for part in &s.parts {
                    if let StringPart::Interp(x) = part {
                        self.expr(x);
                    }
                }
            }
            ExprKind::Ident(id) => {
                self.values.insert(&id.name);
                self.ident(id)
            }
            ExprKind::Array(items) => {
                for item in items {
                    match item {
                        ArrayItem::Expr(x) | ArrayItem::Spread(x) => self.expr(x),
                    }
                }
            }
            ExprKind::Object(items) => {
                for item in items {
                    match item {
                        ObjectItem::Property {
                            decorators, value, ..
                        } => {
                            for d in decorators {
                                if let ExprKind::Call { args, .. } = &d.expr.kind {
                                    for a in args {
                                        self.expr(a);
                                    }
                                }
                            }
                            self.expr(value)
                        }
                        ObjectItem::Spread(x) => self.expr(x),
                        ObjectItem::Resource(child) => self.statement(child),
                    }
                }
            }
            ExprKind::Member { base, .. } => self.base(base),
            ExprKind::ChildResource { base, .. } => self.base(base),
            ExprKind::Index { base, index, .. } => {
                self.expr(base);
                self.expr(index);
            }
            ExprKind::Call { base, name, args } => {
                match base {
                    Some(b) => self.base(b),
                    None => {
                        self.values.insert(&name.name);
                        let known = builtin_function(&name.name)
                            || self.functions.contains(name.name.as_str())
                            // A lambda held in a variable or parameter is not callable, but
                            // a name in scope is not a missing one either.
                            || self.in_scope(&name.name);
                        if !known {
                            self.unknown_name(name, true);
                        }
                    }
                }
                for a in args {
                    self.expr(a);
                }
            }
            ExprKind::Unary { expr, .. } | ExprKind::NonNull(expr) | ExprKind::Paren(expr) => {
                self.expr(expr)
            }
            ExprKind::Binary { lhs, rhs, .. } => {
                self.expr(lhs);
                self.expr(rhs);
            }
            ExprKind::Ternary {
                cond,
                then,
                otherwise,
            } => {
                self.expr(cond);
                self.expr(then);
                self.expr(otherwise);
            }
            ExprKind::Lambda { params, body } => {
                let before = self.locals.len();
                self.locals.extend(params.iter().map(|p| p.name.as_str()));
                self.expr(body);
                self.locals.truncate(before);
            }
            ExprKind::For {
                item,
                index,
                iterable,
                body,
            } => {
                self.expr(iterable);
                let before = self.locals.len();
                self.locals
                    .extend(item.iter().chain(index.iter()).map(|i| i.name.as_str()));
                self.expr(body);
                self.locals.truncate(before);
            }
            ExprKind::If { cond, body } => {
                self.expr(cond);
                self.expr(body);
            }
        }
    }

    /// The base of `x.y`, `x::y` or `x.f()`: a name there may be a namespace.
    fn base(&mut self, base: &'a Expr) {
        if let ExprKind::Ident(id) = &base.kind {
            self.values.insert(&id.name);
        }
        if !(self.open_namespace && matches!(base.kind, ExprKind::Ident(_))) {
            self.expr(base);
        }
    }
}
