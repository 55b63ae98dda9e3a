//! Module calls: each local (or already installed) module is parsed once per unit and
//! evaluated once per call instance with the caller's arguments, so that a value passed down
//! keeps its origin in the caller and its trace through the module.

use crate::eval::{Evaluator, Instance, ModuleHost};
use crate::instances::{build_resources, instances, Built};
use crate::load::Module;
use crate::parse::{Block, Expr};
use crate::variables::Variable;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use vigil_model::limits::TERRAFORM_MODULE_INSTANCES;
use vigil_model::{
    FileError, Hop, Location, Resource, SourceFile, Unchecked, UncheckedKind, Val, Value,
};

/// The arguments of a `module` block that are Terraform's, not the module's variables.
const META_ARGUMENTS: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

/// A place something was reported at: file, line, column, and whether it was an error (else
/// unchecked work).
type Place = (std::sync::Arc<str>, u32, u32, bool);

/// What one unit's evaluation shares across all its module calls.
pub(crate) struct Run<'a> {
    pub display: &'a dyn Fn(&Path) -> String,
    /// Modules parsed so far, by directory.
    loaded: RefCell<HashMap<PathBuf, Rc<Module>>>,
    pub errors: RefCell<Vec<FileError>>,
    pub warnings: RefCell<Vec<FileError>>,
    pub unchecked: RefCell<Vec<Unchecked>>,
    /// Files of called modules, for snippets and suppressions.
    pub files: RefCell<Vec<SourceFile>>,
    /// `.terraform/modules/modules.json` of the root: installed registry and git modules.
    installed: HashMap<String, PathBuf>,
    /// Module instances evaluated so far.
    instances: std::cell::Cell<usize>,
    /// Resource instances that may still be evaluated.
    resources_left: std::cell::Cell<usize>,
    budget_reported: std::cell::Cell<bool>,
    /// Places something was reported at, so that each is reported once.
    reported: RefCell<std::collections::HashSet<Place>>,
}

impl<'a> Run<'a> {
    pub fn new(root: &Path, display: &'a dyn Fn(&Path) -> String) -> Self {
        let mut unchecked = Vec::new();
        let installed = installed_modules(root, display, &mut unchecked);
        Run {
            display,
            loaded: RefCell::new(HashMap::new()),
            errors: RefCell::new(Vec::new()),
            warnings: RefCell::new(Vec::new()),
            unchecked: RefCell::new(unchecked),
            files: RefCell::new(Vec::new()),
            installed,
            instances: std::cell::Cell::new(0),
            // Resource instances the unit may evaluate in all, modules included.
            resources_left: std::cell::Cell::new(vigil_model::budget::limits().unit_resources),
            budget_reported: std::cell::Cell::new(false),
            reported: RefCell::new(std::collections::HashSet::new()),
        }
    }

    /// Records unchecked work once per place, however many module instances reach it.
    pub fn not_checked(&self, kind: UncheckedKind, why: &str, at: &Location, message: String) {
        if self.seen(at, false) {
            self.unchecked.borrow_mut().push(Unchecked {
                kind,
                why: why.into(),
                at: crate::names::error_at(at, message),
                module: None,
            });
        }
    }

    /// Records an error once per place.
    pub fn error(&self, at: &Location, message: String) {
        if self.seen(at, true) {
            self.errors
                .borrow_mut()
                .push(crate::names::error_at(at, message));
        }
    }

    /// Whether no error (or, with `error` false, no unchecked work) was reported at `at` yet;
    /// marks it reported.
    fn seen(&self, at: &Location, error: bool) -> bool {
        self.reported
            .borrow_mut()
            .insert((at.file.clone(), at.line, at.column, error))
    }

    fn module(&self, dir: &Path) -> Rc<Module> {
        if let Some(m) = self.loaded.borrow().get(dir) {
            return m.clone();
        }
        let (mut module, errors) = crate::load::load_module(dir, self.display, false);
        self.errors.borrow_mut().extend(errors);
        self.warnings.borrow_mut().append(&mut module.warnings);
        self.unchecked.borrow_mut().append(&mut module.unchecked);
        self.files.borrow_mut().extend(module.source_files());
        let module = Rc::new(module);
        self.loaded
            .borrow_mut()
            .insert(dir.to_path_buf(), module.clone());
        module
    }
}

/// The directories `terraform init` installed modules into, by module path (`a.b`).
fn installed_modules(
    root: &Path,
    display: &dyn Fn(&Path) -> String,
    note: &mut Vec<Unchecked>,
) -> HashMap<String, PathBuf> {
    let manifest = root.join(".terraform/modules/modules.json");
    // Read under the file policy: a FIFO there would block the run forever, a link could lead
    // anywhere. One that cannot be read leaves every registry module not installed, as
    // `not_checked` then says.
    let text = match vigil_model::files::read_text(&manifest, vigil_model::files::policy()) {
        Ok(text) => text,
        Err(refusal) => {
            if std::fs::symlink_metadata(&manifest).is_ok() {
                let shown = display(&manifest);
                let at = vigil_model::files::refused(&shown, &refusal).map_or_else(
                    |e| FileError {
                        message: format!("{shown}: {}", e.message),
                        ..e
                    },
                    |note| note.at,
                );
                note.push(Unchecked {
                    kind: UncheckedKind::File,
                    why: "module manifest not read".into(),
                    at,
                    module: None,
                });
            }
            return HashMap::new();
        }
    };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
        return HashMap::new();
    };
    json["Modules"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| {
            Some((
                m["Key"].as_str()?.to_string(),
                normalize(&root.join(m["Dir"].as_str()?)),
            ))
        })
        .collect()
}

pub(crate) use vigil_model::normalize_path as normalize;

/// One instance of a module call, evaluated.
struct CallInstance {
    key: Option<Instance>,
    resources: Vec<Resource>,
    outputs: Val,
}

/// The module calls of one module instance.
pub(crate) struct Calls<'r, 'a> {
    run: &'r Run<'a>,
    module: &'r Module,
    /// Address prefix of the module instance (`module.a["x"].`), empty at the root.
    prefix: String,
    /// Dotted module path (`a.b`), for installed modules.
    path: String,
    /// The directories of the calling modules, to stop cycles.
    stack: Vec<PathBuf>,
    done: RefCell<HashMap<String, Rc<Vec<CallInstance>>>>,
}

impl ModuleHost for Calls<'_, '_> {
    fn outputs(&self, name: &str, caller: &Evaluator) -> Result<Val, String> {
        let block = self
            .module
            .calls
            .iter()
            .find(|b| b.labels[0] == name)
            .ok_or_else(|| format!("no module call named `{name}`"))?;
        let instances = self.call(block, caller);
        let at = Some(block.header.clone());
        Ok(if block.body.attr("for_each").is_some() {
            let mut map = BTreeMap::new();
            for i in instances.iter() {
                if let Some(Instance::Each { key, .. }) = &i.key {
                    map.insert(key.display(), i.outputs.clone());
                }
            }
            Val::new(Value::Object(map), at)
        } else if block.body.attr("count").is_some() {
            Val::list(instances.iter().map(|i| i.outputs.clone()).collect(), at)
        } else {
            match instances.first() {
                Some(i) => i.outputs.clone(),
                None => Val::unknown(format!("module.{name} could not be evaluated"), at),
            }
        })
    }
}

impl<'r, 'a> Calls<'r, 'a> {
    /// Evaluates a call's instances once, however often it is referenced.
    fn call(&self, block: &Block, caller: &Evaluator) -> Rc<Vec<CallInstance>> {
        let name = &block.labels[0];
        if let Some(done) = self.done.borrow().get(name) {
            return done.clone();
        }
        // Marked first, so that a call whose arguments refer to its own outputs ends.
        self.done
            .borrow_mut()
            .insert(name.clone(), Rc::new(Vec::new()));
        let result = Rc::new(self.evaluate_call(block, caller));
        self.done.borrow_mut().insert(name.clone(), result.clone());
        result
    }

    fn evaluate_call(&self, block: &Block, caller: &Evaluator) -> Vec<CallInstance> {
        let name = &block.labels[0];
        let path = if self.path.is_empty() {
            name.clone()
        } else {
            format!("{}.{name}", self.path)
        };
        let Some(dir) = self.source_dir(block, &path) else {
            return Vec::new();
        };
        let cycle = self.stack.contains(&dir);
        let depth = vigil_model::budget::limits().module_depth;
        if cycle || self.stack.len() >= depth {
            let mut chain: Vec<String> = self.stack.iter().map(|d| (self.run.display)(d)).collect();
            chain.push((self.run.display)(&dir));
            let message = if cycle {
                format!(
                    "module cycle: {} (module.{name} is not evaluated)",
                    chain.join(" -> ")
                )
            } else {
                // A chain this deep is refused as too deep, not mistaken for a cycle.
                format!(
                    "modules nested more than {depth} deep (the limit): module.{name} is not \
                     evaluated (from {})",
                    chain.first().map_or("", String::as_str)
                )
            };
            self.run.errors.borrow_mut().push(FileError {
                file: block.header.file.clone(),
                line: block.header.line,
                column: block.header.column,
                message,
            });
            return Vec::new();
        }
        let module = self.run.module(&dir);
        if self.module.complete && module.complete {
            self.check_outputs(block, &module);
        }
        if module.complete {
            self.check_arguments(block, &module, caller);
        }
        let mut out = Vec::new();
        let all = instances(caller, block);
        // The module's own files: resource expressions point into them.
        let inside = Evaluator::new(&module.files, &module.locals, None);
        if all.is_empty()
            && module
                .resources
                .iter()
                .any(|r| crate::load::rules_may_know(&inside, r))
        {
            let why = if block.body.attr("count").is_some() {
                "count is 0"
            } else {
                "for_each is empty"
            };
            self.run.not_checked(
                UncheckedKind::Module,
                why,
                &block.header,
                format!(
                    "{}module.{name} is not checked: its {why}, so with the inputs at hand it deploys nothing",
                    self.prefix
                ),
            );
        }
        for (suffix, key) in all {
            let count = self.run.instances.get() + 1;
            self.run.instances.set(count);
            // Module instances count against the whole run too: every module directory is
            // also checked as a root of its own, and those multiply.
            if vigil_model::budget::take_instances(1, || Some(block.header.clone())).is_err() {
                break;
            }
            if count > TERRAFORM_MODULE_INSTANCES {
                self.run.errors.borrow_mut().push(FileError {
                    file: block.header.file.clone(),
                    line: block.header.line,
                    column: block.header.column,
                    message: format!("more than {TERRAFORM_MODULE_INSTANCES} module instances in one configuration: the rest of module.{name} is not evaluated"),
                });
                break;
            }
            let previous = caller.set_instance(key.clone());
            let args: Vec<(String, Val)> = block
                .body
                .attrs
                .iter()
                .filter(|a| !META_ARGUMENTS.contains(&a.name.as_str()))
                .map(|a| {
                    let v = caller.eval_or_unknown(&a.expr);
                    let at = caller
                        .expr_location(&a.expr)
                        .unwrap_or_else(|| block.header.clone());
                    (
                        a.name.clone(),
                        v.through(Hop {
                            label: format!("argument {} of module.{name}", a.name),
                            location: at,
                        }),
                    )
                })
                .collect();
            caller.set_instance(previous);
            // A default in a module the user cannot edit (`terraform init` installed it) is
            // changed by an argument of the call: the finding points there.
            let at_call = (not_editable(&dir) && !not_editable(&self.module.dir))
                .then_some((block.header.clone(), name.as_str()));
            let vars = module_variables(&module, args, name, at_call.as_ref());
            let prefix = format!("{}module.{name}{suffix}.", self.prefix);
            let mut stack = self.stack.clone();
            stack.push(dir.clone());
            let (mut resources, outputs) =
                instantiate(self.run, &module, vars, prefix, path.clone(), stack);
            for r in &mut resources {
                r.callers.insert(0, block.header.clone());
            }
            if let Some((header, _)) = &at_call {
                for r in &mut resources {
                    name_call_arguments(r, header);
                    // What the installed module's own module calls carry (their arguments,
                    // their defaults, at any depth) is written in files the user cannot
                    // edit either: it moves up to this call too.
                    from_installed_files(r, header);
                }
            }
            out.push(CallInstance {
                key,
                resources,
                outputs,
            });
        }
        out
    }

    /// Arguments the called module declares no variable for (`bypas = "None"` for `bypass`):
    /// Terraform refuses them, and the variable they meant keeps its default.
    fn check_arguments(&self, block: &Block, called: &Module, caller: &Evaluator) {
        let name = &block.labels[0];
        for a in &block.body.attrs {
            if META_ARGUMENTS.contains(&a.name.as_str()) || called.variables.contains_key(&a.name) {
                continue;
            }
            let at = caller
                .expr_location(&a.expr)
                .unwrap_or_else(|| block.header.clone());
            let hint =
                vigil_model::did_you_mean(&a.name, called.variables.keys().map(String::as_str))
                    .map_or_else(String::new, |s| format!("; did you mean `{s}`?"));
            self.run.error(
                &at,
                format!(
                    "module.{name} has an argument `{}` that the module in {} declares no variable for{hint}",
                    a.name,
                    (self.run.display)(&called.dir)
                ),
            );
        }
    }

    /// References to outputs the called module does not declare (`module.kv.nam`).
    fn check_outputs(&self, block: &Block, called: &Module) {
        let name = &block.labels[0];
        let repeated = block.body.attr("count").is_some() || block.body.attr("for_each").is_some();
        for r in self
            .module
            .refs
            .iter()
            .filter(|r| r.root == "module" && &r.name == name)
        {
            let (Some((output, indexed)), Some(at)) = (&r.output, &r.output_at) else {
                continue;
            };
            if *indexed != repeated || called.outputs.contains_key(output) {
                continue;
            }
            let hint = vigil_model::did_you_mean(output, called.outputs.keys().map(String::as_str))
                .map_or_else(String::new, |s| format!("; did you mean `{s}`?"));
            self.run.error(
                at,
                format!(
                    "reference to undeclared output `{output}` of module.{name}: the module in {} declares no output \"{output}\"{hint}",
                    (self.run.display)(&called.dir)
                ),
            );
        }
    }

    /// The directory a call's `source` names: a local path, or where `terraform init` put a
    /// registry or git module. `None` (the call is skipped) otherwise: nothing is downloaded.
    fn source_dir(&self, block: &Block, path: &str) -> Option<PathBuf> {
        let name = &block.labels[0];
        let literal = match block.body.attr("source").map(|a| &a.expr) {
            Some(Expr::Hcl { expr, .. }) => match expr.as_ref() {
                hcl_edit::expr::Expression::String(s) => Some(s.value().clone()),
                _ => None,
            },
            Some(Expr::Json { node, .. }) | Some(Expr::JsonLiteral { node, .. }) => {
                match &node.kind {
                    crate::parse::JKind::String(s) if !s.contains("${") => Some(s.clone()),
                    _ => None,
                }
            }
            None => {
                // terraform init refuses it: "Missing required argument".
                self.run.error(
                    &block.header,
                    format!(
                        "module.{name} has no `source` argument (module.{name} is not checked)"
                    ),
                );
                return None;
            }
        };
        let Some(source) = literal else {
            self.run.error(
                &block.header,
                format!("module.{name}: `source` must be a literal string, as Terraform requires (module.{name} is not checked)"),
            );
            return None;
        };
        let found = if source.starts_with("./") || source.starts_with("../") {
            Some(normalize(&self.module.dir.join(&source))).filter(|d| d.is_dir())
        } else {
            self.run.installed.get(path).filter(|d| d.is_dir()).cloned()
        };
        let local = source.starts_with("./") || source.starts_with("../");
        if found.is_none() && local {
            // `terraform init` would fail, but the tree at hand may lack the module for a
            // reason of its own (a vendored or generated directory): the module is counted as
            // not checked, on the summary line, with the path tried.
            let tried = normalize(&self.module.dir.join(&source));
            let hint = case_insensitive_match(&self.module.dir, &source)
                .map_or_else(String::new, |s| format!("; did you mean \"{s}\"?"));
            self.run.not_checked(
                UncheckedKind::Module,
                "not found",
                &block.header,
                format!(
                    "module.{} (source \"{source}\") is not checked: {} is not a directory{hint}",
                    block.labels[0],
                    (self.run.display)(&tried),
                ),
            );
            return None;
        }
        if found.is_none() {
            let (short, why) = (
                "not installed",
                "it is not installed (.terraform/modules/modules.json); vigil downloads nothing",
            );
            self.run.not_checked(
                UncheckedKind::Module,
                short,
                &block.header,
                format!(
                    "module.{} (source \"{source}\") is not checked: {why}",
                    block.labels[0]
                ),
            );
        }
        found
    }
}

/// `source` (a relative path from `dir`) spelled as the directory on disk is, when they differ
/// only in case (`./Modules/KV` for `./modules/kv`): right on a case-insensitive file system,
/// not found on the others.
fn case_insensitive_match(dir: &Path, source: &str) -> Option<String> {
    let mut at = dir.to_path_buf();
    let mut parts = Vec::new();
    let mut changed = false;
    for part in source.split('/').filter(|p| !p.is_empty()) {
        if part == "." || part == ".." {
            at.push(part);
            parts.push(part.to_string());
            continue;
        }
        if at.join(part).is_dir() {
            at.push(part);
            parts.push(part.to_string());
            continue;
        }
        let mut names: Vec<String> = std::fs::read_dir(&at)
            .ok()?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_dir())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.eq_ignore_ascii_case(part))
            .collect();
        names.sort();
        let name = names.into_iter().next()?;
        at.push(&name);
        parts.push(name);
        changed = true;
    }
    changed.then(|| {
        let joined = parts.join("/");
        if joined.starts_with('.') {
            joined
        } else {
            format!("./{joined}")
        }
    })
}

/// Whether `dir` is inside `.terraform` (modules `terraform init` installed from a registry or
/// git): files the user does not edit.
fn not_editable(dir: &Path) -> bool {
    dir.components().any(|c| c.as_os_str() == ".terraform")
}

/// The start of the hop label [`at_call_site`] adds; [`name_call_arguments`] reads it back.
const INSTALLED_DEFAULT: &str = "default in the installed module of var.";

/// Moves a default of an installed module's variable to the call that can override it: every
/// value written in the module now originates at the `module` block, and its place in the
/// module becomes the last hop of its trace.
fn at_call_site(v: &mut Val, var: &str, path: &str, call: &str, header: &Location) {
    if let Some(origin) = v.origin.replace(header.clone()) {
        if origin != *header {
            let label = format!(
                "{INSTALLED_DEFAULT}{path} (pass `{var}` in module \"{call}\" to change it)"
            );
            // The hop to the default itself is already there: it says more now.
            match v.trace.last_mut() {
                Some(last) if last.location == origin => last.label = label,
                _ => v.trace.push(Hop {
                    label,
                    location: origin,
                }),
            }
        }
    }
    match &mut v.value {
        Value::List(items) => items
            .iter_mut()
            .for_each(|i| at_call_site(i, var, path, call, header)),
        Value::Object(map) => map
            .iter_mut()
            .for_each(|(k, i)| at_call_site(i, var, &format!("{path}.{k}"), call, header)),
        _ => {}
    }
}

/// Moves every value of `r` written in an installed module's file (`.terraform/...`) to the
/// `module` block in an editable file that leads there, keeping where it was written as the
/// last hop of its trace.
fn from_installed_files(r: &mut Resource, header: &Location) {
    fn walk(v: &mut Val, header: &Location) {
        if let Some(origin) = v.origin.clone() {
            if origin != *header && not_editable(Path::new(&*origin.file)) {
                v.origin = Some(header.clone());
                match v.trace.last_mut() {
                    Some(last) if last.location == origin => {
                        last.label = format!("{} (in an installed module)", last.label)
                    }
                    _ => v.trace.push(Hop {
                        label: "written in an installed module".into(),
                        location: origin,
                    }),
                }
            }
        }
        match &mut v.value {
            Value::List(items) => items.iter_mut().for_each(|i| walk(i, header)),
            Value::Object(map) => map.values_mut().for_each(|i| walk(i, header)),
            Value::Unknown(u) => u.candidates.iter_mut().for_each(|i| walk(i, header)),
            _ => {}
        }
    }
    walk(&mut r.body, header);
    for alt in &mut r.alternatives {
        from_installed_files(alt, header);
    }
}

/// Names the properties whose value is an installed module's default by the argument that
/// sets it (`network_acls_bypass of module "kv"`), so that a message says what to pass.
fn name_call_arguments(r: &mut Resource, header: &Location) {
    fn walk(v: &Val, path: &str, header: &Location, out: &mut Vec<(String, String)>) {
        if v.origin.as_ref() == Some(header) {
            let argument = v.trace.iter().rev().find_map(|h| {
                let rest = h.label.strip_prefix(INSTALLED_DEFAULT)?;
                let var = rest.split(' ').next()?;
                let call = rest.split('"').nth(1)?;
                Some(format!("{var} of module \"{call}\""))
            });
            if let Some(argument) = argument {
                if !path.is_empty() {
                    out.push((path.to_string(), argument));
                }
            }
        }
        if let Value::Object(map) = &v.value {
            for (k, item) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(item, &p, header, out);
            }
        }
    }
    let mut named = Vec::new();
    walk(&r.body, "", header, &mut named);
    r.source_names.extend(named);
}

/// A module's variables for one call: the caller's arguments over the module's defaults.
fn module_variables(
    module: &Module,
    args: Vec<(String, Val)>,
    call: &str,
    at_call: Option<&(Location, &str)>,
) -> HashMap<String, Val> {
    let no_locals = HashMap::new();
    let constant = Evaluator::new(&module.files, &no_locals, None);
    let mut args: HashMap<String, Val> = args.into_iter().collect();
    let mut values = HashMap::new();
    for (name, var) in &module.variables {
        let given = args.remove(name).filter(|v| !var.null_means_default(v));
        let value = match (given, &var.default) {
            (Some(v), _) => v,
            (None, Some(_)) => {
                let mut v = crate::variables::default_value(&constant, name, var);
                if let Some((header, call)) = at_call {
                    at_call_site(&mut v, name, name, call, header);
                }
                v
            }
            (None, None) => Val::unknown(
                format!("var.{name} has no default and module.{call} gives it no value"),
                Some(var.declared.clone()),
            ),
        };
        values.insert(name.clone(), apply_type(value, var, &constant));
    }
    values
}

fn apply_type(v: Val, var: &Variable, constant: &Evaluator) -> Val {
    match &var.ty {
        Some(ty) => crate::types::apply(v, ty, constant),
        None => v,
    }
}

/// Evaluates one instance of a module: its resources (its calls' included) and its outputs.
pub(crate) fn instantiate(
    run: &Run,
    module: &Module,
    vars: HashMap<String, Val>,
    prefix: String,
    path: String,
    stack: Vec<PathBuf>,
) -> (Vec<Resource>, Val) {
    let calls = Calls {
        run,
        module,
        prefix: prefix.clone(),
        path,
        stack,
        done: RefCell::new(HashMap::new()),
    };
    let ev = Evaluator::new(&module.files, &module.locals, Some(&vars))
        .with_modules(&calls)
        .with_declared(&module.variables, prefix.is_empty())
        .incomplete(!module.complete);
    let mut resources = Vec::new();
    for block in &module.resources {
        let built = build_resources(&ev, block, &prefix, &mut resources, &run.resources_left);
        if matches!(built, Built::Instances(0)) && crate::load::rules_may_know(&ev, block) {
            let why = if block.body.attr("count").is_some() {
                "count is 0"
            } else {
                "for_each is empty"
            };
            run.not_checked(
                UncheckedKind::Resource,
                why,
                &block.header,
                format!(
                    "{prefix}{}.{} is not checked: its {why}, so with the inputs at hand it is not deployed",
                    block.labels[0], block.labels[1]
                ),
            );
        }
        if let Built::OverBudget = built {
            // Said once, where the budget ran out.
            if !run.budget_reported.replace(true) {
                run.errors.borrow_mut().push(FileError {
                    file: block.header.file.clone(),
                    line: block.header.line,
                    column: block.header.column,
                    message: format!(
                        "more than {} resource instances in one configuration: the rest are not checked",
                        vigil_model::budget::limits().unit_resources
                    ),
                });
            }
            break;
        }
    }
    for update in &module.updates {
        crate::azapi::merge_update(&ev, update, &prefix, &mut resources);
    }
    for block in &module.calls {
        for instance in calls.call(block, &ev).iter() {
            resources.extend(instance.resources.iter().cloned());
        }
    }
    let outputs = Val::object(
        module
            .outputs
            .iter()
            .map(|(name, e)| (name.clone(), ev.eval_or_unknown(e))),
        None,
    );
    (resources, outputs)
}

#[cfg(test)]
mod tests {
    use super::normalize;
    use crate::tests::{bypass, kv};
    use crate::{evaluate_dir, Options, UnitOutput};
    use std::path::Path;

    /// Writes `files` (paths with directories) under a temporary root and evaluates `unit_dir`.
    fn tree(files: &[(&str, &str)], unit_dir: &str) -> UnitOutput {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let root = dir.path().to_path_buf();
        evaluate_dir(
            &dir.path().join(unit_dir),
            &|p: &Path| {
                normalize(p)
                    .strip_prefix(&root)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned()
            },
            &Options::default(),
        )
    }

    const KV_MODULE: &str = "variable \"bypass\" {\n  default = \"AzureServices\"\n}\nvariable \"strict\" {\n  default = false\n}\nresource \"azurerm_key_vault\" \"this\" {\n  network_acls {\n    bypass = var.strict ? \"None\" : var.bypass\n    default_action = \"Deny\"\n  }\n}\noutput \"name\" {\n  value = \"kv-${var.bypass}\"\n}\n";

    #[test]
    fn normalize_is_lexical() {
        let n = |p: &str| normalize(Path::new(p)).to_string_lossy().into_owned();
        assert_eq!(n("./root/../modules/kv"), "modules/kv");
        assert_eq!(n("root/.."), ".");
        assert_eq!(n("../a/./b"), "../a/b");
        assert_eq!(n("a/../../b"), "../b");
        assert_eq!(n("/x/../.."), "/");
    }

    #[test]
    fn module_arguments_keep_their_origin_in_the_caller() {
        let root = "module \"kv\" {\n  source = \"../modules/kv\"\n  bypass = \"None\"\n}\n\nlocals {\n  n = module.kv.name\n}\n";
        let out = tree(
            &[("modules/kv/main.tf", KV_MODULE), ("root/main.tf", root)],
            "root",
        );
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        assert_eq!(out.resources.len(), 1);
        assert_eq!(out.resources[0].address, "module.kv.azurerm_key_vault.this");
        let (v, at, trace) = bypass(&out);
        assert_eq!((v.as_str(), at.as_str()), ("None", "root/main.tf:3"));
        assert_eq!(
            trace,
            vec![
                "`var.strict` being false @modules/kv/main.tf:5",
                "var.bypass @modules/kv/main.tf:9",
                "argument bypass of module.kv @root/main.tf:3"
            ]
        );
        assert!(out.files.iter().any(|f| &*f.path == "modules/kv/main.tf"));

        // The module on its own, with its defaults, passes.
        let out = tree(&[("modules/kv/main.tf", KV_MODULE)], "modules/kv");
        assert_eq!(bypass(&out).0, "AzureServices");
    }

    #[test]
    fn module_instances_have_their_own_addresses() {
        let root = "module \"a\" {\n  source = \"../modules/kv\"\n}\nmodule \"b\" {\n  source = \"../modules/kv\"\n  strict = true\n}\nmodule \"c\" {\n  source = \"../modules/kv\"\n  for_each = toset([\"x\", \"y\"])\n  bypass = each.key == \"y\" ? \"None\" : \"AzureServices\"\n}\n";
        let out = tree(
            &[("modules/kv/main.tf", KV_MODULE), ("root/main.tf", root)],
            "root",
        );
        let got: Vec<(String, String)> = out
            .resources
            .iter()
            .map(|r| {
                let one = UnitOutput {
                    resources: vec![r.clone()],
                    ..Default::default()
                };
                (r.address.clone(), bypass(&one).0)
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "module.a.azurerm_key_vault.this".to_string(),
                    "AzureServices".to_string()
                ),
                (
                    "module.b.azurerm_key_vault.this".to_string(),
                    "None".to_string()
                ),
                (
                    "module.c[\"x\"].azurerm_key_vault.this".to_string(),
                    "AzureServices".to_string()
                ),
                (
                    "module.c[\"y\"].azurerm_key_vault.this".to_string(),
                    "None".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_module_calling_itself_stops_with_an_error() {
        let looping = "module \"again\" {\n  source = \"./\"\n}\n".to_string()
            + &kv("  network_acls {\n    bypass = \"None\"\n    default_action = \"Deny\"\n  }");
        let out = tree(&[("m/main.tf", &looping)], "m");
        assert_eq!(
            out.resources.len(),
            1,
            "{:?}",
            out.resources.iter().map(|r| &r.address).collect::<Vec<_>>()
        );
        assert_eq!(out.errors.len(), 1);
        assert!(
            out.errors[0].message.contains("module cycle"),
            "{}",
            out.errors[0].message
        );
    }
}
