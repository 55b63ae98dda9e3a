//! A template evaluated the way Azure Resource Manager deploys it: parameters (defaults or a
//! parameter file), variables, resources with `condition`, `copy` and child resources, and
//! nested deployments in either expression scope.
//!
//! Where things are: this file holds the evaluation scope ([`Ctx`]: how a JSON value and an
//! expression string evaluate in it) and the entry points; `parameters.rs` (parameter files,
//! defaults, types), `variables.rs` (variables and `copy` arrays), `resources.rs` (resources,
//! conditions, copy loops, children), `nested.rs` (nested and linked deployments) and
//! `user_functions.rs` (the template's `functions`) the rest.

mod nested;
mod parameters;
mod resources;
mod user_functions;
mod variables;

pub use parameters::{read_parameter_file, GivenParameter};

use crate::expr::{self, Parsed};
use crate::json::{self, JKind, JNode};
use crate::names;
use parameters::resolve_params;
use resources::resources;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use vigil_model::limits::{ARM_DEPLOYMENTS, ARM_FUNCTION_CALLS};
use vigil_model::{
    budget, FileError, Hop, LineIndex, Location, SourceFile, UnitOutput, Val, Value,
};

/// A template file's path, and how reports name files.
type Base<'a> = (&'a Path, &'a dyn Fn(&Path) -> String);

/// One evaluation scope: a template's parameters and variables, and the copy loops around.
struct Ctx<'a> {
    index: &'a LineIndex,
    params: HashMap<String, Val>,
    variables: Option<&'a JNode>,
    var_state: RefCell<HashMap<String, Option<Val>>>,
    /// The copy loops around, innermost last: name and index (`None` when the loop's count is
    /// not known, and one instance stands for all).
    copies: RefCell<Vec<(Option<String>, Option<i64>)>>,
    /// The loop whose unknown index the expression being evaluated asked for.
    unknown_index: RefCell<Option<String>>,
    depth: usize,
    /// How many variables are being evaluated one inside another.
    var_depth: std::cell::Cell<usize>,
    /// The template's file and how to name files, to follow `templateLink.relativePath`.
    base: Option<Base<'a>>,
    /// Nested deployments the whole unit may still evaluate: shared by every scope, because
    /// deployments that nest several siblings multiply.
    nested_left: std::rc::Rc<std::cell::Cell<usize>>,
    /// The linked template files from the root to here, to stop a cycle of links.
    chain: Vec<std::path::PathBuf>,
    /// The template's `functions` (user-defined functions, by namespace).
    functions: Option<&'a JNode>,
    /// How many user-defined functions are being evaluated one inside another.
    function_depth: usize,
    /// What evaluation finds that Azure refuses (a value outside a parameter's allowedValues,
    /// a copy count outside ARM's range): shared by every scope of the unit.
    problems: std::rc::Rc<RefCell<Vec<FileError>>>,
    /// Calls of user-defined functions the unit may still evaluate (shared, like
    /// `nested_left`).
    calls_left: std::rc::Rc<std::cell::Cell<usize>>,
}

impl expr::Scope for Ctx<'_> {
    fn parameter(&self, name: &str) -> Option<Val> {
        self.params.get(&name.to_ascii_lowercase()).cloned()
    }

    fn variable(&self, name: &str) -> Option<Val> {
        self.variable_value(name)
    }

    fn copy_index(&self, loop_name: Option<&str>) -> Option<i64> {
        let copies = self.copies.borrow();
        let (name, index) = match loop_name {
            None => copies.last()?,
            Some(name) => copies
                .iter()
                .rev()
                .find(|(n, _)| n.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name)))?,
        };
        if index.is_none() {
            *self.unknown_index.borrow_mut() = Some(name.clone().unwrap_or_default());
        }
        *index
    }

    fn user_function(
        &self,
        name: &str,
        args: Vec<Val>,
        at: &Location,
    ) -> Option<Result<Val, String>> {
        Some(stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || {
            self.call_function(name, args, at)
        }))
    }
}

impl<'a> Ctx<'a> {
    fn location(&self, node: &JNode) -> Location {
        self.index.location(node.range.clone())
    }

    /// An error or note about a node of this file.
    fn problem(&self, node: &JNode, message: String) -> FileError {
        let at = self.location(node);
        FileError {
            file: at.file,
            line: at.line,
            column: at.column,
            message,
        }
    }

    /// A JSON value as ARM evaluates it: strings may be expressions; `copy` inside an object
    /// builds arrays of properties.
    fn value(&self, node: &JNode) -> Val {
        let at = self.location(node);
        match &node.kind {
            JKind::Null => Val::null(Some(at)),
            JKind::Bool(b) => Val::new(Value::Bool(*b), Some(at)),
            JKind::Number(n) => Val::new(Value::Number(*n), Some(at)),
            JKind::String(s) => self.string(s, node, at),
            JKind::Array(items) => {
                let mut tally = budget::Tally::default();
                let mut list = Vec::with_capacity(items.len());
                for i in items {
                    let v = self.value(i);
                    if let Err(reason) = tally.add(&v) {
                        return self.too_large(reason, at);
                    }
                    list.push(v);
                }
                Val::list(list, Some(at))
            }
            JKind::Object(props) => {
                let mut tally = budget::Tally::default();
                let mut map = BTreeMap::new();
                for (k, key_range, v) in props {
                    // A property name may be an expression too (`"[format('hidden-link:{0}',
                    // ...)]"`): ARM evaluates it; one that is not known leaves the object
                    // unknown, as the key of a Bicep object is.
                    let evaluated;
                    let k = match expr::parse(k) {
                        Ok(None) => k,
                        Ok(Some(Parsed::Literal(l))) => {
                            evaluated = l;
                            &evaluated
                        }
                        Ok(Some(Parsed::Expr(e))) => {
                            let key_at = self.index.location(key_range.clone());
                            let locate = |_: std::ops::Range<usize>| key_at.clone();
                            match expr::evaluate(&e, self, &locate, &key_at) {
                                Ok(Val {
                                    value: Value::String(name),
                                    ..
                                }) => {
                                    evaluated = name;
                                    &evaluated
                                }
                                Ok(v) if v.is_unknown() => {
                                    return Val::unknown("an object key is not known", Some(key_at))
                                }
                                Ok(_) => {
                                    return Val::unknown(
                                        "an object key that is not a string",
                                        Some(key_at),
                                    )
                                }
                                Err(m) => return Val::unknown(m, Some(key_at)),
                            }
                        }
                        Err(_) => k,
                    };
                    if k.eq_ignore_ascii_case("copy") && matches!(v.kind, JKind::Array(_)) {
                        for (name, list) in self.property_copies(v) {
                            if let Err(reason) = tally.add_entry(&name, &list) {
                                return self.too_large(reason, at);
                            }
                            map.insert(name, list);
                        }
                    } else {
                        let v = self.value(v);
                        if let Err(reason) = tally.add_entry(k, &v) {
                            return self.too_large(reason, at);
                        }
                        map.insert(k.clone(), v);
                    }
                }
                Val::new(Value::Object(map), Some(at))
            }
        }
    }

    fn string(&self, s: &str, node: &JNode, at: Location) -> Val {
        self.string_result(s, node, at.clone())
            .unwrap_or_else(|m| Val::unknown(m, Some(at)))
    }

    /// A string as ARM evaluates it; `Err` is an evaluation error ARM would report.
    fn string_result(&self, s: &str, node: &JNode, at: Location) -> Result<Val, String> {
        Ok(match expr::parse(s) {
            Ok(None) => Val::string(s, Some(at)),
            Ok(Some(Parsed::Literal(l))) => Val::string(l, Some(at)),
            Ok(Some(Parsed::Expr(e))) => {
                // Offsets inside the value map onto the file while no escape precedes them.
                let raw = self
                    .index
                    .text()
                    .get(node.range.start + 1..node.range.end.saturating_sub(1));
                let plain = raw == Some(s);
                let start = node.range.start + 1;
                let locate = |r: std::ops::Range<usize>| {
                    if plain && r.end <= s.len() {
                        self.index.location(start + r.start..start + r.end)
                    } else {
                        at.clone()
                    }
                };
                self.unknown_index.borrow_mut().take();
                let v = match expr::evaluate(&e, self, &locate, &at) {
                    Ok(v) => v,
                    // Not an error: the index is known at deployment.
                    Err(_) if self.unknown_index.borrow().is_some() => {
                        let name = self.unknown_index.borrow_mut().take().unwrap_or_default();
                        return Ok(Val::unknown(
                            format!("the index of copy loop '{name}' is not known: its count is known only at deployment"),
                            Some(at),
                        ));
                    }
                    Err(m) => return Err(m),
                };
                match budget::check_value(&v, || Some(at.clone())) {
                    Ok(()) => v,
                    Err(e) => Val::unknown(e.reason, Some(at)),
                }
            }
            Err(e) => return Err(format!("invalid template expression: {}", e.message)),
        })
    }

    /// The value built at `at` passes a limit of one value: unknown, and an error there.
    fn too_large(&self, reason: String, at: Location) -> Val {
        budget::refused_value(&reason, Some(at))
    }

    /// Something Azure refuses, found while evaluating `node`: an error of the unit.
    fn refuse(&self, node: &JNode, message: String) {
        let e = self.problem(node, message);
        self.problems.borrow_mut().push(e);
    }
}

/// Whether a JSON text is a deployment template (by its `$schema`; only its beginning is read).
pub fn is_template(head: &str) -> bool {
    let lower = head.to_ascii_lowercase();
    lower.contains("\"$schema\"") && lower.contains("deploymenttemplate.json")
}

/// The parameter file that belongs to a template: `X.parameters.json` beside `X.json`
/// (which covers the `azuredeploy.parameters.json` and `main.parameters.json` conventions).
pub fn parameter_file_for(template: &Path) -> Option<std::path::PathBuf> {
    let name = template.file_name()?.to_str()?;
    let stem = name
        .strip_suffix(".jsonc")
        .or_else(|| name.strip_suffix(".json"))?;
    let candidate = template.with_file_name(format!("{stem}.parameters.json"));
    vigil_model::files::is_file(&candidate).then_some(candidate)
}

fn read(
    path: &Path,
    display: &dyn Fn(&Path) -> String,
    errors: &mut Vec<FileError>,
) -> Option<LineIndex> {
    vigil_model::budget::read_or_note(path, display, errors)
}

/// Reads a template into resources, with `parameters` (`--parameters`) or else the parameter
/// file that belongs to it, when it has one.
pub fn evaluate_template(
    path: &Path,
    display: &dyn Fn(&Path) -> String,
    parameters: Option<&Path>,
) -> UnitOutput {
    let (mut out, errors) = budget::unit(|| evaluate_template_within(path, display, parameters));
    out.errors.extend(errors);
    out
}

fn evaluate_template_within(
    path: &Path,
    display: &dyn Fn(&Path) -> String,
    parameters: Option<&Path>,
) -> UnitOutput {
    let mut out = UnitOutput::default();
    let Some(index) = read(path, display, &mut out.errors) else {
        return out;
    };
    let (root, ignores) = match json::parse(&index) {
        Ok(parsed) => parsed,
        Err(e) => {
            out.errors.push(e);
            return out;
        }
    };
    names::check_template(&index, &root, &mut out.errors);
    let mut given = HashMap::new();
    let mut param_source = None;
    let param_path = parameters
        .map(Path::to_path_buf)
        .or_else(|| parameter_file_for(path));
    if let Some(param_path) = param_path {
        if let Some(pindex) = read(&param_path, display, &mut out.errors) {
            match json::parse(&pindex) {
                Ok((proot, pignores)) => {
                    names::check_parameter_file(
                        &pindex,
                        &proot,
                        &root,
                        file_name(&display(path)),
                        &mut out.errors,
                    );
                    let pctx = Ctx::new(&pindex, HashMap::new(), None, 0);
                    let label = display(&param_path);
                    for (name, _, entry) in proot
                        .get_ci("parameters")
                        .map(JNode::props)
                        .unwrap_or_default()
                    {
                        if let Some(v) = entry.get_ci("value") {
                            let hop = Hop {
                                label: format!("parameter '{name}' in {}", file_name(&label)),
                                location: pctx.location(v),
                            };
                            given
                                .insert(name.to_ascii_lowercase(), v.literal(&pindex).through(hop));
                        }
                    }
                    param_source = Some((pindex.clone(), pignores));
                }
                Err(e) => out.errors.push(e),
            }
        }
    }
    let seed = Ctx::new(&index, HashMap::new(), None, 0);
    let params = resolve_params(&index, &root, given.into(), &seed);
    let mut ctx = Ctx::new(&index, params, root.get_ci("variables"), 0)
        .within(&seed)
        .with_base(Some((path, display)))
        .with_functions(root.get_ci("functions"));
    ctx.chain.push(path.to_path_buf());
    resources(&ctx, &root, "", None, &mut out);
    out.files.push(SourceFile {
        path: index.file().clone(),
        text: index.shared_text().clone(),
        ignores,
    });
    if let Some((pindex, pignores)) = param_source {
        out.files.push(SourceFile {
            path: pindex.file().clone(),
            text: pindex.shared_text().clone(),
            ignores: pignores,
        });
    }
    out.errors.extend(seed.problems.borrow_mut().drain(..));
    dedup(&mut out.errors);
    out
}

/// Drops repeats, keeping the first of each (a linked template deployed twice is read twice).
fn dedup(errors: &mut Vec<FileError>) {
    let mut seen = std::collections::BTreeSet::new();
    errors.retain(|e| seen.insert(e.clone()));
}

/// Whether two paths name one file (as written, or once resolved).
fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

fn file_name(label: &str) -> &str {
    label.rsplit('/').next().unwrap_or(label)
}

impl<'a> Ctx<'a> {
    fn new(
        index: &'a LineIndex,
        params: HashMap<String, Val>,
        variables: Option<&'a JNode>,
        depth: usize,
    ) -> Self {
        Ctx {
            index,
            params,
            variables,
            var_state: RefCell::new(HashMap::new()),
            copies: RefCell::new(Vec::new()),
            unknown_index: RefCell::new(None),
            depth,
            var_depth: std::cell::Cell::new(0),
            base: None,
            nested_left: std::rc::Rc::new(std::cell::Cell::new(ARM_DEPLOYMENTS)),
            chain: Vec::new(),
            functions: None,
            function_depth: 0,
            problems: std::rc::Rc::new(RefCell::new(Vec::new())),
            calls_left: std::rc::Rc::new(std::cell::Cell::new(ARM_FUNCTION_CALLS)),
        }
    }

    fn with_functions(mut self, functions: Option<&'a JNode>) -> Self {
        self.functions = functions;
        self
    }

    fn with_base(mut self, base: Option<Base<'a>>) -> Self {
        self.base = base;
        self
    }

    /// A scope nested in `parent`: same files to follow, same budgets, same chain of links,
    /// same list of problems.
    fn within(mut self, parent: &Ctx<'a>) -> Self {
        self.base = parent.base;
        self.nested_left = parent.nested_left.clone();
        self.chain = parent.chain.clone();
        self.problems = parent.problems.clone();
        self.calls_left = parent.calls_left.clone();
        self
    }
}

#[cfg(test)]
mod tests;
