//! A template evaluated the way Azure Resource Manager deploys it: parameters (defaults or a
//! parameter file), variables, resources with `condition`, `copy` and child resources, and
//! nested deployments in either expression scope.

use crate::expr::{self, Parsed};
use crate::json::{self, JKind, JNode};
use crate::names;
use crate::types;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use vigil_model::limits::{
    ARM_DEPLOYMENTS, ARM_FUNCTION_CALLS, ARM_FUNCTION_DEPTH, ARM_VARIABLE_DEPTH, COPY_COUNT,
};
use vigil_model::{
    budget, FileError, Hop, LineIndex, Location, Resource, SourceFile, Unchecked, UncheckedKind,
    UnitOutput, Val, Value,
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
        let key = name.to_ascii_lowercase();
        // Variables may refer to variables: bound the chain, as ARM's own depth limits do.
        if self.var_depth.get() >= ARM_VARIABLE_DEPTH {
            return Some(Val::unknown(
                format!(
                    "variable '{name}' is reached through more than {ARM_VARIABLE_DEPTH} variables"
                ),
                None,
            ));
        }
        if let Some(state) = self.var_state.borrow().get(&key) {
            return Some(state.clone().unwrap_or_else(|| {
                Val::unknown(format!("variable '{name}' refers to itself"), None)
            }));
        }
        // ARM looks variable names up in any case; `copy` declares arrays of variables.
        let variables = self.variables?;
        let node = variables
            .props()
            .iter()
            .find(|(k, _, _)| k.eq_ignore_ascii_case(name) && !k.eq_ignore_ascii_case("copy"))
            .map(|(_, _, v)| v);
        // `"copy": [{"name": "rules", "count": ..., "input": ...}]` declares `rules`; only that
        // entry is evaluated, since the others may use this one.
        let copy = match node {
            Some(_) => None,
            None => Some(
                variables
                    .get_ci("copy")
                    .map(JNode::items)
                    .unwrap_or_default()
                    .iter()
                    .find(|e| {
                        e.get_ci("name")
                            .and_then(JNode::as_str)
                            .is_some_and(|n| n.eq_ignore_ascii_case(name))
                    })?,
            ),
        };
        self.var_state.borrow_mut().insert(key.clone(), None);
        self.var_depth.set(self.var_depth.get() + 1);
        // A variable has one value for the whole template: the copy loop around its first use
        // is not around it.
        let around = std::mem::take(&mut *self.copies.borrow_mut());
        let v = stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || match (node, copy) {
            (Some(node), _) => self.value(node),
            (None, Some(entry)) => self
                .copy_array(entry)
                .map(|(_, v)| v)
                .unwrap_or_else(|| Val::unknown(format!("variable '{name}' has no input"), None)),
            (None, None) => Val::unknown(format!("variable '{name}'"), None),
        });
        *self.copies.borrow_mut() = around;
        self.var_depth.set(self.var_depth.get() - 1);
        self.var_state.borrow_mut().insert(key, Some(v.clone()));
        Some(v)
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

    /// `"copy": [{"name", "count", "input"}]` inside properties: each name gets an array.
    fn property_copies(&self, node: &JNode) -> Vec<(String, Val)> {
        node.items()
            .iter()
            .filter_map(|entry| self.copy_array(entry))
            .collect()
    }

    /// One `{"name", "count", "input"}` entry of a `copy` array (in properties or variables):
    /// its name and the array of its inputs, `copyIndex('name')` counting in each.
    fn copy_array(&self, entry: &JNode) -> Option<(String, Val)> {
        let name = entry.get_ci("name").and_then(JNode::as_str)?;
        let input = entry.get_ci("input")?;
        let at = self.location(entry);
        let count = entry.get_ci("count").map(|c| self.value(c));
        let list = match count.as_ref().map(|c| &c.value) {
            Some(Value::Number(n)) if *n >= 0.0 && n.fract() == 0.0 && *n <= COPY_COUNT as f64 => {
                let mut tally = budget::Tally::default();
                let mut items = Vec::new();
                let mut refused = None;
                for i in 0..*n as i64 {
                    self.copies
                        .borrow_mut()
                        .push((Some(name.to_string()), Some(i)));
                    let v = self.value(input);
                    self.copies.borrow_mut().pop();
                    if let Err(reason) = tally.add(&v) {
                        refused = Some(self.too_large(reason, at.clone()));
                        break;
                    }
                    items.push(v);
                }
                refused.unwrap_or_else(|| Val::list(items, Some(at)))
            }
            Some(Value::Number(n)) => {
                self.refuse(
                    entry,
                    format!("copy '{name}' has a count of {n}, outside what ARM accepts (0 to {COPY_COUNT})"),
                );
                Val::unknown(
                    format!("the count of copy '{name}' is {n}, which ARM refuses"),
                    Some(at),
                )
            }
            Some(Value::Unknown(u)) => Val::unknown(
                format!("the count of copy '{name}' is not known: {}", u.reason),
                Some(at),
            ),
            _ => Val::unknown(
                format!("the count of copy '{name}' is not a number"),
                Some(at),
            ),
        };
        Some((name.to_string(), list))
    }

    /// Something Azure refuses, found while evaluating `node`: an error of the unit.
    fn refuse(&self, node: &JNode, message: String) {
        let e = self.problem(node, message);
        self.problems.borrow_mut().push(e);
    }

    /// `namespace.member(args)`: the template's user-defined function, evaluated in a scope of
    /// its own, which sees its parameters (bound in order to the names it declares) and the
    /// template's other functions, and no template parameter or variable.
    fn call_function(&self, name: &str, args: Vec<Val>, at: &Location) -> Result<Val, String> {
        let (namespace, member) = name.split_once('.').unwrap_or((name, ""));
        let declared = self
            .functions
            .map(JNode::items)
            .unwrap_or_default()
            .iter()
            .filter(|ns| {
                ns.get_ci("namespace")
                    .and_then(JNode::as_str)
                    .is_some_and(|n| n.eq_ignore_ascii_case(namespace))
            })
            .find_map(|ns| {
                ns.get_ci("members")?
                    .props()
                    .iter()
                    .find(|(k, _, _)| k.eq_ignore_ascii_case(member))
                    .map(|(_, _, m)| m)
            });
        let Some(function) = declared else {
            return Err(format!("the template declares no function '{name}'"));
        };
        if self.function_depth >= ARM_FUNCTION_DEPTH {
            return Err(format!(
                "user-defined functions call one another more than {ARM_FUNCTION_DEPTH} deep (at '{name}'): a function that calls itself does not end"
            ));
        }
        let declared_params = function
            .get_ci("parameters")
            .map(JNode::items)
            .unwrap_or_default();
        if declared_params.len() != args.len() {
            return Err(format!(
                "the function '{name}' takes {} argument(s), and {} are given",
                declared_params.len(),
                args.len()
            ));
        }
        let mut params = HashMap::new();
        for (decl, arg) in declared_params.iter().zip(args) {
            let Some(pname) = decl.get_ci("name").and_then(JNode::as_str) else {
                return Err(format!("a parameter of function '{name}' has no name"));
            };
            let hop = Hop {
                label: format!("parameter '{pname}' of function '{name}'"),
                location: at.clone(),
            };
            params.insert(pname.to_ascii_lowercase(), arg.through(hop));
        }
        let Some(output) = function.get_ci("output").and_then(|o| o.get_ci("value")) else {
            return Err(format!("the function '{name}' has no output value"));
        };
        let left = self.calls_left.get();
        if left == 0 {
            return Err(format!(
                "more than {ARM_FUNCTION_CALLS} calls of user-defined functions: '{name}' is not evaluated"
            ));
        }
        if left == 1 {
            // Said once for the unit, where the budget runs out; the calls after it are unknown.
            self.problems.borrow_mut().push(FileError {
                file: at.file.clone(),
                line: at.line,
                column: at.column,
                message: format!(
                    "more than {ARM_FUNCTION_CALLS} calls of user-defined functions: the rest are not evaluated"
                ),
            });
        }
        self.calls_left.set(left - 1);
        let mut inner = Ctx::new(self.index, params, None, self.depth).within(self);
        inner.functions = self.functions;
        inner.function_depth = self.function_depth + 1;
        // An error inside the function is the call's own (the deployment fails there), so it
        // ends the caller's evaluation too, rather than multiply as unknowns would.
        let v = match &output.kind {
            JKind::String(s) => inner.string_result(s, output, inner.location(output))?,
            _ => inner.value(output),
        };
        Ok(v.through(Hop {
            label: format!("{name}(...)"),
            location: at.clone(),
        }))
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
    candidate.is_file().then_some(candidate)
}

fn read(
    path: &Path,
    display: &dyn Fn(&Path) -> String,
    errors: &mut Vec<FileError>,
) -> Option<LineIndex> {
    let index = vigil_model::read_source(path, display(path).into())
        .map_err(|e| errors.push(e))
        .ok()?;
    // A larger template may do more work.
    budget::add_source(index.text().len());
    Some(index)
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

/// A parameter a parameter file sets, for a front end other than ARM's (Bicep reads
/// `X.parameters.json` beside `X.bicep`).
#[derive(Clone, Debug)]
pub struct GivenParameter {
    /// As the file writes it: ARM matches it to a declaration in any case.
    pub name: String,
    /// Where the name is written.
    pub at: Location,
    /// The value, with the hop that names the file.
    pub value: Val,
}

/// The parameters a deployment parameter file (`{"parameters": {"x": {"value": ...}}}`) sets.
/// Its text goes to `out.files` and a parse error to `out.errors`. A Key Vault `reference` is
/// an unknown value: it is read only at deployment.
pub fn read_parameter_file(
    path: &Path,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
) -> Vec<GivenParameter> {
    let Some(pindex) = read(path, display, &mut out.errors) else {
        return Vec::new();
    };
    let (proot, ignores) = match json::parse(&pindex) {
        Ok(parsed) => parsed,
        Err(e) => {
            out.errors.push(e);
            return Vec::new();
        }
    };
    let label = display(path);
    let mut given = Vec::new();
    for (name, range, entry) in proot
        .get_ci("parameters")
        .map(JNode::props)
        .unwrap_or_default()
    {
        let at = pindex.location(range.clone());
        let value = match entry.get_ci("value") {
            Some(v) => v.literal(&pindex).through(Hop {
                label: format!("parameter '{name}' in {}", file_name(&label)),
                location: pindex.location(v.range.clone()),
            }),
            None => Val::unknown(
                format!(
                    "parameter '{name}' in {} is a reference, read only at deployment",
                    file_name(&label)
                ),
                Some(pindex.location(entry.range.clone())),
            ),
        };
        given.push(GivenParameter {
            name: name.clone(),
            at,
            value,
        });
    }
    out.files.push(SourceFile {
        path: pindex.file().clone(),
        text: pindex.shared_text().clone(),
        ignores,
    });
    given
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

/// What a deployment (or a parameter file) gives a template's parameters.
#[derive(Default)]
struct Given {
    /// By name in lower case; a parameter not here is not given.
    values: HashMap<String, Val>,
    /// The value of every parameter not in `values`, when whether and what the deployment gives
    /// them is not known (a `parametersLink`, parameters only known at deployment).
    rest: Option<Val>,
}

impl From<HashMap<String, Val>> for Given {
    fn from(values: HashMap<String, Val>) -> Self {
        Given { values, rest: None }
    }
}

/// Every parameter's value: given (parameter file, or the outer deployment) over
/// `defaultValue`; `null` for a nullable type; unknown when none of these. Each value is then
/// held to the parameter's type: an unknown limited to its `allowedValues` is one of them, and
/// a known one outside them is an error. `scope` lends its budgets and list of problems.
fn resolve_params(
    index: &LineIndex,
    template: &JNode,
    mut given: Given,
    scope: &Ctx,
) -> HashMap<String, Val> {
    let mut params: HashMap<String, Val> = HashMap::new();
    for (name, _, decl) in template
        .get_ci("parameters")
        .map(JNode::props)
        .unwrap_or_default()
    {
        let key = name.to_ascii_lowercase();
        let ty = types::resolve(decl, template);
        let nullable = ty.as_ref().is_ok_and(|t| t.nullable);
        // Errors are located in `index`, the declaring template, which may be a linked file.
        let refuse = |at: Location, message: String| {
            scope.problems.borrow_mut().push(FileError {
                file: at.file,
                line: at.line,
                column: at.column,
                message,
            });
        };
        if let Err(why) = &ty {
            refuse(
                index.location(decl.range.clone()),
                format!("the type of parameter '{name}' cannot be read: {why}"),
            );
        }
        // A null value counts as none given: the default applies, as ARM deploys it.
        let given_value = given
            .values
            .remove(&key)
            .or_else(|| given.rest.clone())
            .filter(|v| !(matches!(v.value, Value::Null) && decl.get_ci("defaultValue").is_some()));
        let default = |params: &HashMap<String, Val>, node: &JNode| {
            // A default may use the parameters declared before it.
            let ctx = Ctx::new(index, params.clone(), None, 0)
                .within(scope)
                .with_functions(template.get_ci("functions"));
            let hop = Hop {
                label: format!("defaultValue of parameter '{name}'"),
                location: ctx.location(node),
            };
            ctx.value(node).through(hop)
        };
        let value = match (given_value, decl.get_ci("defaultValue")) {
            // `[if(c, x, null())]` for a parameter with a default: `x`, or the default.
            (Some(mut v), Some(node)) if matches!(&v.value, Value::Unknown(u) if u.candidates.iter().any(|c| matches!(c.value, Value::Null))) =>
            {
                let d = default(&params, node);
                if let Value::Unknown(u) = &mut v.value {
                    for c in &mut u.candidates {
                        if matches!(c.value, Value::Null) {
                            *c = d.clone();
                        }
                    }
                }
                v
            }
            (Some(v), _) => v,
            (None, Some(node)) => default(&params, node),
            // A nullable parameter nobody sets is null (languageVersion 2.0, what Bicep's `?`
            // types compile to), whether the parameter or the type it refers to says so.
            (None, None) if nullable => Val::null(Some(index.location(decl.range.clone()))),
            (None, None) => Val::unknown(
                format!(
                    "parameter '{name}' has no defaultValue and no parameter file gives it a value"
                ),
                Some(index.location(decl.range.clone())),
            ),
        };
        let checked = types::conform(value, decl, template, index, &format!("parameter '{name}'"));
        for (origin, message) in checked.refused {
            refuse(
                origin.unwrap_or_else(|| index.location(decl.range.clone())),
                message,
            );
        }
        params.insert(key, checked.value);
    }
    params
}

/// The resources of a template (array or languageVersion 2.0 object form), with their
/// children and the resources of nested deployments.
fn resources(
    ctx: &Ctx,
    template: &JNode,
    prefix: &str,
    parent: Option<(&str, &str)>,
    out: &mut UnitOutput,
) {
    let list: Vec<(Option<&str>, &JNode)> = match template.get_ci("resources").map(|r| &r.kind) {
        Some(JKind::Array(items)) => items.iter().map(|i| (None, i)).collect(),
        Some(JKind::Object(props)) => props
            .iter()
            .map(|(k, _, v)| (Some(k.as_str()), v))
            .collect(),
        _ => Vec::new(),
    };
    for (symbolic, res) in list {
        resource(ctx, res, symbolic, prefix, parent, out);
    }
}

fn resource(
    ctx: &Ctx,
    res: &JNode,
    symbolic: Option<&str>,
    prefix: &str,
    parent: Option<(&str, &str)>,
    out: &mut UnitOutput,
) {
    if matches!(
        res.get_ci("existing").map(|e| &e.kind),
        Some(JKind::Bool(true))
    ) {
        return;
    }
    let loop_name = res
        .get_ci("copy")
        .and_then(|c| c.get_ci("name"))
        .and_then(JNode::as_str)
        .map(str::to_string);
    let instances: Vec<Option<i64>> = match res.get_ci("copy").and_then(|c| c.get_ci("count")) {
        Some(count) => match ctx.value(count).value {
            Value::Number(0.0) => {
                let name = symbolic
                    .or_else(|| res.get_ci("name").and_then(JNode::as_str))
                    .unwrap_or("");
                let written = match count.as_str() {
                    Some(s) => format!("`{s}`"),
                    None => "0".to_string(),
                };
                out.unchecked.push(Unchecked {
                    kind: UncheckedKind::Resource,
                    why: "loop over no items".into(),
                    at: ctx.problem(
                        res,
                        format!("resource '{name}' is not checked: its copy count {written} is 0 with the inputs at hand"),
                    ),
                    module: None,
                });
                Vec::new()
            }
            Value::Number(n) if n >= 0.0 && (n as i64) <= COPY_COUNT as i64 => {
                (0..n as i64).map(Some).collect()
            }
            Value::Number(n) => {
                out.errors.push(ctx.problem(
                    count,
                    format!("a copy count of {n} is outside what ARM accepts (0 to {COPY_COUNT})"),
                ));
                vec![None]
            }
            // An unknown count: one instance stands for all, its copyIndex unknown.
            _ => vec![None],
        },
        None => vec![None],
    };
    let copied = res.get_ci("copy").is_some();
    for index in instances {
        // Copies multiply: the unit evaluates a bounded number of resource instances.
        if budget::take_resource(|| Some(ctx.location(res))).is_err() {
            break;
        }
        if copied {
            ctx.copies.borrow_mut().push((loop_name.clone(), index));
        }
        instance(
            ctx,
            res,
            symbolic,
            prefix,
            parent,
            out,
            // One instance standing for all of an unknown count is `[*]`, as Bicep names it.
            copied.then(|| index.map_or_else(|| "[*]".to_string(), |i| format!("[{i}]"))),
        );
        if copied {
            ctx.copies.borrow_mut().pop();
        }
    }
}

fn instance(
    ctx: &Ctx,
    res: &JNode,
    symbolic: Option<&str>,
    prefix: &str,
    parent: Option<(&str, &str)>,
    out: &mut UnitOutput,
    copy_suffix: Option<String>,
) {
    let written = |n: &JNode| n.as_str().map_or_else(|| "…".to_string(), str::to_string);
    let mut deployed_if = None;
    if let Some(condition) = res.get_ci("condition") {
        match ctx.value(condition).value {
            Value::Bool(false) => {
                not_deployed(ctx, res, symbolic, condition, out);
                return;
            }
            Value::Bool(true) => {}
            _ => {
                deployed_if = Some(format!(
                    "its condition `{}` is not known",
                    written(condition)
                ))
            }
        }
    }
    if deployed_if.is_none() && copy_suffix.as_deref() == Some("[*]") {
        let count = res.get_ci("copy").and_then(|c| c.get_ci("count"));
        deployed_if = Some(format!(
            "its copy count `{}` is not known",
            count.map_or_else(|| "…".to_string(), written)
        ));
    }
    let Some(type_node) = res.get_ci("type") else {
        return;
    };
    let ty = ctx.value(type_node);
    let Some(mut ty) = ty.as_str().map(str::to_string) else {
        return;
    };
    let raw_name = res
        .get_ci("name")
        .and_then(JNode::as_str)
        .unwrap_or("")
        .to_string();
    let name_val = res.get_ci("name").map(|n| ctx.value(n));
    let mut name = name_val
        .as_ref()
        .and_then(|n| n.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| raw_name.clone());
    if let Some((ptype, pname)) = parent {
        if !ty.contains('/') || !ty.contains('.') {
            ty = format!("{ptype}/{ty}");
            name = format!("{pname}/{name}");
        }
    }
    let mut address = format!("{prefix}{}", symbolic.unwrap_or(&raw_name));
    if let Some(suffix) = copy_suffix {
        address.push_str(&suffix);
    }
    if ty.eq_ignore_ascii_case("Microsoft.Resources/deployments") {
        let before = out.resources.len();
        nested(ctx, res, &name, &address, out);
        // The deployment is the call that created what its template deploys.
        let call = ctx.index.location(res.range.start..res.range.start + 1);
        for r in &mut out.resources[before..] {
            r.callers.insert(0, call.clone());
            // What a deployment that may not run deploys may not be deployed either.
            if r.deployed_if.is_none() {
                r.deployed_if = deployed_if
                    .as_ref()
                    .map(|why| format!("nested deployment {address}: {why}"));
            }
        }
        return;
    }
    let mut body = BTreeMap::new();
    for (k, _, v) in res.props() {
        if !matches!(
            k.to_ascii_lowercase().as_str(),
            "resources" | "copy" | "condition" | "dependson" | "existing"
        ) {
            body.insert(k.clone(), ctx.value(v));
        }
    }
    let start = res.range.start;
    let location = ctx.index.location(start..start + 1);
    let body = Val::new(Value::Object(body), Some(location.clone()));
    let alternatives = body
        .cases()
        .into_iter()
        .map(|case| arm_resource(address.clone(), &ty, location.clone(), case, Vec::new()))
        .collect();
    let mut r = arm_resource(address, &ty, location, body, alternatives);
    r.deployed_if = deployed_if;
    out.resources.push(r);
    if let Some(children) = res.get_ci("resources") {
        let wrapper = JNode {
            kind: JKind::Object(vec![(
                "resources".to_string(),
                children.range.clone(),
                children.clone(),
            )]),
            range: children.range.clone(),
        };
        resources(ctx, &wrapper, prefix, Some((&ty, &name)), out);
    }
}

/// A resource (or nested deployment) whose condition is false with the inputs at hand: said,
/// once for all its copies, with the condition as written.
fn not_deployed(
    ctx: &Ctx,
    res: &JNode,
    symbolic: Option<&str>,
    condition: &JNode,
    out: &mut UnitOutput,
) {
    let ty = res.get_ci("type").and_then(JNode::as_str).unwrap_or("");
    let name = symbolic
        .or_else(|| res.get_ci("name").and_then(JNode::as_str))
        .unwrap_or("");
    let deployment = ty.eq_ignore_ascii_case("Microsoft.Resources/deployments");
    let what = if deployment {
        "nested deployment"
    } else {
        "resource"
    };
    let message = match condition.as_str() {
        Some(written) => format!(
            "{what} '{name}' is not checked: its condition `{written}` is false with the inputs at hand"
        ),
        None => format!("{what} '{name}' is not checked: its condition is false"),
    };
    let entry = Unchecked {
        kind: if deployment {
            UncheckedKind::Module
        } else {
            UncheckedKind::Resource
        },
        why: "condition false".into(),
        at: ctx.problem(res, message),
        module: None,
    };
    if !out.unchecked.contains(&entry) {
        out.unchecked.push(entry);
    }
}

fn arm_resource(
    address: String,
    ty: &str,
    location: Location,
    body: Val,
    alternatives: Vec<Resource>,
) -> Resource {
    // An expression for a name says little in a message; its value, when known, says more.
    let name = match &body.value {
        Value::Object(map) => map.get("name").and_then(Val::as_str).map(str::to_string),
        _ => None,
    };
    let label = match (address.rsplit('/').next(), name) {
        (Some(last), Some(name)) if last.starts_with('[') && !name.is_empty() => Some(name),
        _ => None,
    };
    Resource {
        label,
        address,
        azure_type: ty.to_string(),
        source_type: ty.to_string(),
        location,
        body,
        // ARM compares enumerations in any case.
        case_sensitive: false,
        required: Vec::new(),
        source_names: BTreeMap::new(),
        alternatives,
        callers: Vec::new(),
        deployed_if: None,
    }
}

/// A nested deployment with an inline template: inner scope gets its own parameters from
/// `properties.parameters`; outer scope sees the parent's.
fn nested(ctx: &Ctx, res: &JNode, name: &str, address: &str, out: &mut UnitOutput) {
    let Some(props) = res.get_ci("properties") else {
        return;
    };
    let left = ctx.nested_left.get();
    if left == 0 {
        // One message for all (reports drop repeats): sibling deployments multiply.
        out.errors.push(FileError {
            file: ctx.index.file().clone(),
            line: 0,
            column: 0,
            message: format!(
                "more than {ARM_DEPLOYMENTS} nested deployments: the rest are not evaluated"
            ),
        });
        return;
    }
    ctx.nested_left.set(left - 1);
    // Deployments count against the whole run too: every template is also its own unit.
    if budget::take_instances(1, || Some(ctx.location(res))).is_err() {
        return;
    }
    let Some(template) = props.get_ci("template") else {
        linked_or_unchecked(ctx, res, props, name, address, out);
        return;
    };
    let depth = budget::limits().module_depth;
    if ctx.depth >= depth {
        out.errors.push(ctx.problem(
            res,
            format!(
                "nested deployments deeper than {depth} (the limit): '{name}' is not evaluated"
            ),
        ));
        return;
    }
    let prefix = format!("{address}/");
    let inner = props
        .get_ci("expressionEvaluationOptions")
        .and_then(|o| o.get_ci("scope"))
        .and_then(JNode::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("inner"));
    if inner {
        let given = deployment_parameters(ctx, props, name);
        let params = resolve_params(ctx.index, template, given, ctx);
        let inner_ctx = Ctx::new(
            ctx.index,
            params,
            template.get_ci("variables"),
            ctx.depth + 1,
        )
        .within(ctx)
        .with_functions(template.get_ci("functions"));
        resources(&inner_ctx, template, &prefix, None, out);
    } else {
        // The nested template's own parameters, variables and functions are not used.
        let outer_ctx = Ctx::new(ctx.index, ctx.params.clone(), ctx.variables, ctx.depth + 1)
            .within(ctx)
            .with_functions(ctx.functions);
        resources(&outer_ctx, template, &prefix, None, out);
    }
}

/// A deployment without an inline template: a `templateLink.relativePath` beside this file is
/// followed; anything else (a URI, a template spec, a file that is not there) is said to be
/// unchecked, with the path tried.
fn linked_or_unchecked(
    ctx: &Ctx,
    res: &JNode,
    props: &JNode,
    name: &str,
    address: &str,
    out: &mut UnitOutput,
) {
    let Some(link) = props.get_ci("templateLink") else {
        return;
    };
    let unchecked = |out: &mut UnitOutput, why: &str, message: String| {
        out.unchecked.push(Unchecked {
            kind: UncheckedKind::Module,
            why: why.into(),
            at: ctx.problem(res, message),
            module: None,
        });
    };
    let relative = link.get_ci("relativePath").map(|r| ctx.value(r));
    let Some(relative) = relative else {
        let what = if link.get_ci("id").is_some() {
            "a template spec"
        } else {
            "a template by URI"
        };
        unchecked(
            out,
            "not downloaded",
            format!("nested deployment '{name}' links {what}, which vigil does not download: its resources are not checked"),
        );
        return;
    };
    let Some(relative) = relative.as_str() else {
        unchecked(
            out,
            "path not known",
            format!("nested deployment '{name}' links a template whose relativePath is not known before deployment: its resources are not checked"),
        );
        return;
    };
    let Some((path, display)) = ctx.base else {
        return;
    };
    let file = path.parent().unwrap_or(Path::new(".")).join(relative);
    if !file.is_file() {
        let mut message = format!(
            "nested deployment '{name}' links '{relative}', which is not there (tried {}): its resources are not checked",
            display(&vigil_model::normalize_path(&file))
        );
        if let Some(other) = crate::same_but_case(&file) {
            message.push_str(&format!("; did you mean `{}`?", display(&other)));
        }
        unchecked(out, "not found", message);
        return;
    }
    let depth = budget::limits().module_depth;
    if ctx.depth >= depth {
        out.errors.push(ctx.problem(
            res,
            format!(
                "nested deployments deeper than {depth} (the limit): '{name}' is not evaluated"
            ),
        ));
        return;
    }
    linked(ctx, props, name, address, path, relative, display, out);
}

/// The parameters a deployment passes to its template, evaluated in the deploying scope:
/// `{"x": {"value": ...}}`, each entry or the whole of it possibly one expression (what Bicep
/// emits for conditional and spread module arguments), or a `parametersLink`, which vigil does
/// not download.
fn deployment_parameters(ctx: &Ctx, props: &JNode, name: &str) -> Given {
    let Some(node) = props.get_ci("parameters") else {
        return match props.get_ci("parametersLink") {
            Some(link) => Given {
                values: HashMap::new(),
                rest: Some(Val::unknown(
                    format!("nested deployment '{name}' takes its parameters from a parametersLink, which vigil does not download"),
                    Some(ctx.location(link)),
                )),
            },
            None => Given::default(),
        };
    };
    let at = ctx.location(node);
    let all = ctx.value(node);
    let mut given = Given::default();
    match &all.value {
        Value::Object(entries) => {
            for (pname, entry) in entries {
                if let Some(v) = parameter_entry(entry, pname, name) {
                    given.values.insert(pname.clone(), v);
                }
            }
        }
        Value::Null => {}
        Value::Unknown(u) => {
            // The cases the deployment can take, when known, give each parameter its cases.
            let cases: Option<Vec<&BTreeMap<String, Val>>> = (!u.candidates.is_empty())
                .then(|| {
                    u.candidates
                        .iter()
                        .map(|c| match &c.value {
                            Value::Object(m) => Some(m),
                            _ => None,
                        })
                        .collect()
                })
                .flatten();
            let reason = format!(
                "the parameters of nested deployment '{name}' are not known: {}",
                u.reason
            );
            match cases {
                Some(cases) => {
                    let names: std::collections::BTreeSet<String> = cases
                        .iter()
                        .flat_map(|m| m.keys().map(|k| k.to_ascii_lowercase()))
                        .collect();
                    for pname in names {
                        let each: Vec<Option<Val>> = cases
                            .iter()
                            .map(|m| {
                                m.iter()
                                    .find(|(k, _)| k.eq_ignore_ascii_case(&pname))
                                    .and_then(|(_, e)| parameter_entry(e, &pname, name))
                            })
                            .collect();
                        if each.iter().all(Option::is_none) {
                            continue;
                        }
                        // A case that gives no value takes the default: not a candidate known
                        // here.
                        let candidates: Option<Vec<Val>> = each.into_iter().collect();
                        let v = match candidates {
                            Some(c) if c.iter().all(|v| !v.is_unknown()) => {
                                Val::unknown_among(reason.clone(), c, all.origin.clone())
                            }
                            _ => Val::unknown(reason.clone(), all.origin.clone()),
                        };
                        given.values.insert(pname, v);
                    }
                    // A parameter no case names is given by none.
                }
                None => given.rest = Some(Val::unknown(reason, all.origin.clone())),
            }
        }
        _ => ctx.refuse(
            node,
            format!("the parameters of nested deployment '{name}' are not an object"),
        ),
    }
    // The hop is where the deployment passes the value: its `value` as written, else the
    // expression that builds the parameter or all of them.
    let written: HashMap<String, Location> = node
        .props()
        .iter()
        .map(|(pname, _, entry)| {
            let place = entry.get_ci("value").unwrap_or(entry);
            (pname.to_ascii_lowercase(), ctx.location(place))
        })
        .collect();
    given.values = given
        .values
        .into_iter()
        .map(|(pname, v)| {
            let hop = Hop {
                label: format!("parameter '{pname}' of deployment '{name}'"),
                location: written
                    .get(&pname.to_ascii_lowercase())
                    .cloned()
                    .unwrap_or_else(|| at.clone()),
            };
            (pname.to_ascii_lowercase(), v.through(hop))
        })
        .collect();
    given
}

/// One parameter a deployment passes: `{"value": v}` gives `v`; a Key Vault `{"reference"}` is
/// read only at deployment; `null` (or no value) gives none, and the template's default holds.
fn parameter_entry(entry: &Val, pname: &str, deployment: &str) -> Option<Val> {
    match &entry.value {
        Value::Object(m) => match m.iter().find(|(k, _)| k.eq_ignore_ascii_case("value")) {
            Some((_, v)) => Some(v.clone()),
            None if m.keys().any(|k| k.eq_ignore_ascii_case("reference")) => Some(Val::unknown(
                format!("parameter '{pname}' of deployment '{deployment}' is a Key Vault reference, read only at deployment"),
                entry.origin.clone(),
            )),
            None => None,
        },
        Value::Unknown(u) => {
            let reason = format!(
                "parameter '{pname}' of deployment '{deployment}' is not known: {}",
                u.reason
            );
            // `[if(c, createObject('value', a), createObject('value', b))]`: one of a and b.
            let cases: Option<Vec<Val>> = u
                .candidates
                .iter()
                .map(|c| {
                    parameter_entry(c, pname, deployment)
                        .filter(|v| !v.is_unknown() && !matches!(v.value, Value::Null))
                })
                .collect();
            Some(match cases {
                Some(cases) if !cases.is_empty() => {
                    Val::unknown_among(reason, cases, entry.origin.clone())
                }
                _ => Val::unknown(reason, entry.origin.clone()),
            })
        }
        _ => None,
    }
}

/// A deployment whose template is a file beside this one (`templateLink.relativePath`):
/// linked templates always have their own scope.
#[allow(clippy::too_many_arguments)]
fn linked(
    ctx: &Ctx,
    props: &JNode,
    name: &str,
    address: &str,
    path: &Path,
    relative: &str,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
) {
    let file = path.parent().unwrap_or(Path::new(".")).join(relative);
    if ctx.chain.iter().any(|f| same_file(f, &file)) {
        let mut names: Vec<String> = ctx.chain.iter().map(|f| display(f)).collect();
        names.push(display(&file));
        // At the link that closes the cycle.
        let link = props.get_ci("templateLink").unwrap_or(props);
        out.errors.push(ctx.problem(
            link,
            format!(
                "linked templates form a cycle: {} (deployment '{name}' is not evaluated)",
                names.join(" -> ")
            ),
        ));
        return;
    }
    let Some(index) = read(&file, display, &mut out.errors) else {
        return;
    };
    let (root, ignores) = match json::parse(&index) {
        Ok(parsed) => parsed,
        Err(e) => {
            out.errors.push(e);
            return;
        }
    };
    names::check_template(&index, &root, &mut out.errors);
    if let Some(given) = props.get_ci("parameters") {
        names::deployment_parameters(ctx.index, name, given, &root, &mut out.errors);
    }
    let given = deployment_parameters(ctx, props, name);
    let params = resolve_params(&index, &root, given, ctx);
    let mut linked_ctx = Ctx::new(&index, params, root.get_ci("variables"), ctx.depth + 1)
        .within(ctx)
        .with_functions(root.get_ci("functions"));
    linked_ctx.base = Some((&file, display));
    linked_ctx.chain.push(file.clone());
    resources(&linked_ctx, &root, &format!("{address}/"), None, out);
    out.files.push(SourceFile {
        path: index.file().clone(),
        text: index.shared_text().clone(),
        ignores,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_model::Lookup;

    fn run(files: &[(&str, &str)]) -> UnitOutput {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let root = dir.path().to_path_buf();
        let display = |p: &Path| {
            p.strip_prefix(&root)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned()
        };
        evaluate_template(&dir.path().join(files[0].0), &display, None)
    }

    fn bypass(r: &Resource) -> (String, u32) {
        match r.lookup("properties.networkAcls.bypass") {
            Lookup::Found(v) | Lookup::Unknown(v) => {
                (v.display(), v.origin.as_ref().map_or(0, |o| o.line))
            }
            other => panic!("{other:?}"),
        }
    }

    const TEMPLATE: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  // comments are allowed
  "parameters": {
    "bypass": {
      "type": "string",
      "defaultValue": "None"
    }
  },
  "variables": {
    "acls": { "bypass": "[parameters('bypass')]", "defaultAction": "Deny" }
  },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "kv",
      "properties": {
        "networkAcls": "[variables('acls')]"
      },
      "resources": [
        { "type": "secrets", "name": "s", "properties": {} }
      ]
    },
    {
      "type": "Microsoft.KeyVault/vaults",
      "name": "skipped",
      "condition": false,
      "properties": {}
    },
    {
      "type": "Microsoft.KeyVault/vaults",
      "name": "[concat('v', copyIndex())]",
      "copy": { "name": "vaults", "count": 2 },
      "properties": {}
    },
    {
      "type": "Microsoft.KeyVault/vaults",
      "name": "old",
      "existing": true
    },
  ]
}"#;

    #[test]
    fn parameters_variables_children_conditions_copies() {
        assert!(is_template(TEMPLATE));
        let out = run(&[("main.json", TEMPLATE)]);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let types: Vec<(&str, &str)> = out
            .resources
            .iter()
            .map(|r| (r.address.as_str(), r.azure_type.as_str()))
            .collect();
        assert_eq!(
            types,
            vec![
                ("kv", "Microsoft.KeyVault/vaults"),
                ("s", "Microsoft.KeyVault/vaults/secrets"),
                ("[concat('v', copyIndex())][0]", "Microsoft.KeyVault/vaults"),
                ("[concat('v', copyIndex())][1]", "Microsoft.KeyVault/vaults"),
            ]
        );
        assert_eq!(bypass(&out.resources[0]), ("None".to_string(), 8));
        assert_eq!(out.resources[0].location.line, 15);
    }

    #[test]
    fn a_parameter_file_beside_the_template_wins() {
        let params = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "parameters": {
    "bypass": { "value": "AzureServices" }
  }
}"#;
        let out = run(&[("main.json", TEMPLATE), ("main.parameters.json", params)]);
        assert_eq!(bypass(&out.resources[0]), ("AzureServices".to_string(), 4));
        assert_eq!(out.files.len(), 2);
    }

    #[test]
    fn nested_deployments_in_both_scopes() {
        let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "outer": { "type": "string", "defaultValue": "None" } },
  "resources": {
    "inner": {
      "type": "Microsoft.Resources/deployments",
      "name": "inner",
      "properties": {
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": { "b": { "value": "[parameters('outer')]" } },
        "template": {
          "parameters": { "b": { "type": "string" } },
          "resources": [
            { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": { "networkAcls": { "bypass": "[parameters('b')]" } } }
          ]
        }
      }
    },
    "outerDeployment": {
      "type": "Microsoft.Resources/deployments",
      "name": "outer",
      "properties": {
        "template": {
          "resources": [
            { "type": "Microsoft.KeyVault/vaults", "name": "kv2", "properties": { "networkAcls": { "bypass": "[parameters('outer')]" } } }
          ]
        }
      }
    }
  }
}"#;
        let out = run(&[("main.json", t)]);
        let addresses: Vec<&str> = out.resources.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(addresses, vec!["inner/kv", "outerDeployment/kv2"]);
        assert_eq!(bypass(&out.resources[0]), ("None".to_string(), 3));
        assert_eq!(bypass(&out.resources[1]), ("None".to_string(), 3));
    }

    #[test]
    fn ignores_come_from_comments() {
        let t = TEMPLATE.replace(
            "// comments are allowed",
            "// vigil:ignore AZKV001 -- reviewed",
        );
        let out = run(&[("main.json", &t)]);
        assert_eq!(out.files[0].ignores.len(), 1);
        assert_eq!(out.files[0].ignores[0].line, 4);
    }

    #[test]
    fn linked_templates_are_followed() {
        let main = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "b": { "type": "string", "defaultValue": "None" } },
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "name": "vault",
      "properties": {
        "templateLink": { "relativePath": "vault.json" },
        "parameters": { "bypass": { "value": "[parameters('b')]" } }
      }
    }
  ]
}"#;
        let vault = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "bypass": { "type": "string" } },
  "resources": [
    { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": { "networkAcls": { "bypass": "[parameters('bypass')]" } } }
  ]
}"#;
        let out = run(&[("main.json", main), ("vault.json", vault)]);
        assert_eq!(out.resources.len(), 1);
        assert_eq!(
            out.resources[0].address,
            "[parameters('b')]/kv".replace("[parameters('b')]", "vault")
        );
        assert_eq!(bypass(&out.resources[0]), ("None".to_string(), 3));
        assert!(out.files.iter().any(|f| &*f.path == "vault.json"));
    }

    #[test]
    fn long_chains_of_variables_end() {
        let mut vars = String::new();
        for i in 0..3000 {
            vars.push_str(&format!("\"v{i}\": \"[variables('v{}')]\",\n", i + 1));
        }
        let t = format!(
            r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "variables": {{ {vars} "v3000": "None" }},
  "resources": [
    {{ "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": {{ "networkAcls": {{ "bypass": "[variables('v0')]" }} }} }}
  ]
}}"#
        );
        let out = run(&[("main.json", &t)]);
        assert_eq!(out.resources.len(), 1);
        assert!(matches!(
            out.resources[0].lookup("properties.networkAcls.bypass"),
            vigil_model::Lookup::Unknown(_)
        ));
    }

    #[test]
    fn linked_template_cycles_stop_with_an_error() {
        let main = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [
    { "type": "Microsoft.Resources/deployments", "name": "a", "properties": { "templateLink": { "relativePath": "main.json" } } },
    { "type": "Microsoft.Resources/deployments", "name": "b", "properties": { "templateLink": { "relativePath": "main.json" } } },
    { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": {} }
  ]
}"#;
        let out = run(&[("main.json", main)]);
        assert_eq!(out.resources.len(), 1);
        assert!(
            out.errors
                .iter()
                .all(|e| e.message.contains("cycle") && e.line > 0),
            "{:?}",
            out.errors
        );
        assert_eq!(out.errors.len(), 2);
    }

    #[test]
    fn undeclared_names_are_errors_once_per_place() {
        let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "Bypass": { "type": "string", "defaultValue": "None" } },
  "variables": { "Acls": { "bypass": "[parameters('BYPASS')]" }, "copy": [{ "name": "names", "count": 2, "input": "x" }] },
  "metadata": { "note": "[parameters('notChecked')]" },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "name": "[variables('names')[copyIndex()]]",
      "copy": { "name": "c", "count": 3 },
      "properties": { "networkAcls": "[variables('acl')]", "x": "[[parameters('escaped')]" }
    }
  ]
}"#;
        let out = run(&[("main.json", t)]);
        let messages: Vec<&str> = out.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            vec!["the template has no variable 'acl'; did you mean `Acls`?"]
        );
        assert_eq!((out.errors[0].line, out.errors[0].column), (11, 50));
        assert_eq!(out.resources.len(), 3);
        assert_eq!(out.resources[1].label.as_deref(), Some("x"));
    }

    #[test]
    fn a_null_parameter_value_takes_the_default() {
        let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "name": "d",
      "properties": {
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": { "b": { "value": null } },
        "template": {
          "parameters": { "b": { "type": "string", "defaultValue": "None" } },
          "resources": [
            { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": { "networkAcls": { "bypass": "[parameters('b')]" } } }
          ]
        }
      }
    }
  ]
}"#;
        let out = run(&[("main.json", t)]);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        assert_eq!(bypass(&out.resources[0]), ("None".to_string(), 11));
    }

    /// A template with one Key Vault whose `networkAcls` is `acls`, and `extra` top-level
    /// sections (functions, parameters, definitions).
    fn vault(extra: &str, acls: &str) -> String {
        format!(
            r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  {extra}
  "resources": [
    {{ "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": {{ "networkAcls": {acls} }} }}
  ]
}}"#
        )
    }

    fn acls(out: &UnitOutput) -> &Val {
        match out.resources[0].lookup("properties.networkAcls") {
            Lookup::Found(v) | Lookup::Null(v) | Lookup::Unknown(v) => v,
            other => panic!("{other:?}"),
        }
    }

    fn reason(v: &Val) -> &str {
        match &v.value {
            Value::Unknown(u) => &u.reason,
            other => panic!("not unknown: {other:?}"),
        }
    }

    #[test]
    fn functions_that_call_themselves_end_with_an_error() {
        let functions = r#""functions": [{ "namespace": "f", "members": {
            "loop": { "parameters": [{ "name": "n", "type": "int" }], "output": { "type": "int", "value": "[f.loop(parameters('n'))]" } },
            "twice": { "parameters": [], "output": { "type": "string", "value": "[concat(f.twice(), f.twice())]" } }
        } }],"#;
        let started = std::time::Instant::now();
        let out = run(&[("main.json", &vault(functions, r#""[f.loop(1)]""#))]);
        assert!(
            reason(acls(&out)).contains("more than 32 deep"),
            "{:?}",
            acls(&out)
        );
        // Doubling at each level: the first error ends the caller, so the work stays linear.
        let out = run(&[("main.json", &vault(functions, r#""[f.twice()]""#))]);
        assert!(reason(acls(&out)).contains("more than 32 deep"));
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }

    #[test]
    fn functions_that_fan_out_stop_at_the_call_budget() {
        // Each level calls the next three times: 3^30 calls if nothing stopped them.
        let mut members = Vec::new();
        for i in 0..30 {
            members.push(format!(
                r#""l{i}": {{ "parameters": [], "output": {{ "type": "string", "value": "[concat(f.l{n}(), f.l{n}(), f.l{n}())]" }} }}"#,
                n = i + 1
            ));
        }
        members.push(
            r#""l30": { "parameters": [], "output": { "type": "string", "value": "x" } }"#.into(),
        );
        let functions = format!(
            r#""functions": [{{ "namespace": "f", "members": {{ {} }} }}],"#,
            members.join(",")
        );
        let started = std::time::Instant::now();
        let out = run(&[("main.json", &vault(&functions, r#""[f.l0()]""#))]);
        assert!(
            reason(acls(&out)).contains("more than 100000 calls"),
            "{:?}",
            acls(&out)
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(30));
        let messages: Vec<&str> = out.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            vec!["more than 100000 calls of user-defined functions: the rest are not evaluated"]
        );
    }

    #[test]
    fn function_calls_are_checked() {
        let functions = r#""parameters": { "env": { "type": "string", "defaultValue": "prod" } },
        "functions": [{ "namespace": "f", "members": {
            "one": { "parameters": [{ "name": "x", "type": "string" }], "output": { "type": "string", "value": "[parameters('x')]" } },
            "leaks": { "parameters": [], "output": { "type": "string", "value": "[parameters('env')]" } }
        } }],"#;
        let cases = [
            ("[f.one()]", "takes 1 argument(s), and 0 are given"),
            ("[f.two('a')]", "declares no function 'f.two'"),
            // A function sees its own parameters only.
            ("[f.leaks()]", "parameter 'env' is not found"),
        ];
        for (call, wanted) in cases {
            let out = run(&[("main.json", &vault(functions, &format!("\"{call}\"")))]);
            assert!(
                reason(acls(&out)).contains(wanted),
                "{call}: {:?}",
                acls(&out)
            );
        }
        // Names in any case, as ARM looks them up.
        let out = run(&[("main.json", &vault(functions, r#""[F.ONE('None')]""#))]);
        assert_eq!(acls(&out).as_str(), Some("None"));
    }

    #[test]
    fn values_outside_allowed_values_are_errors() {
        let extra = r##""languageVersion": "2.0",
        "definitions": { "acl": { "type": "object", "properties": { "bypass": { "type": "string", "allowedValues": ["AzureServices", "None"] } } } },
        "parameters": { "acls": { "$ref": "#/definitions/acl", "defaultValue": { "bypass": "Nothing" } },
                        "ok": { "type": "string", "allowedValues": ["a"], "defaultValue": "A" } },"##;
        let out = run(&[("main.json", &vault(extra, r#""[parameters('acls')]""#))]);
        let messages: Vec<(u32, &str)> = out
            .errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            vec![(5, "parameter 'acls' sets bypass to 'Nothing', which is not one of the allowedValues of its type ('AzureServices', 'None'): Azure refuses the deployment")]
        );
    }

    #[test]
    fn allowed_values_hold_for_parameter_files_linked_templates_and_null_properties() {
        let main = r##"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "bypass": { "type": "string", "allowedValues": ["AzureServices", "None"] } },
  "resources": [
    { "type": "Microsoft.Resources/deployments", "name": "d",
      "properties": { "templateLink": { "relativePath": "vault.json" }, "parameters": { "acls": { "value": { "bypass": null, "defaultAction": "Open" } } } } }
  ]
}"##;
        let params = r#"{ "parameters": { "bypass": { "value": "Nonee" } } }"#;
        let vault = r##"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "languageVersion": "2.0",
  "definitions": { "acl": { "type": "object", "properties": {
    "bypass": { "type": "string", "allowedValues": ["AzureServices", "None"], "nullable": true },
    "defaultAction": { "type": "string", "allowedValues": ["Allow", "Deny"] } } } },
  "parameters": { "acls": { "$ref": "#/definitions/acl" } },
  "resources": { "kv": { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": { "networkAcls": "[parameters('acls')]" } } }
}"##;
        let out = run(&[
            ("main.json", main),
            ("main.parameters.json", params),
            ("vault.json", vault),
        ]);
        let errors: Vec<(&str, u32, &str)> = out
            .errors
            .iter()
            .map(|e| (&*e.file, e.line, e.message.as_str()))
            .collect();
        // A null for a nullable property is no value, not a value outside the allowed ones.
        assert_eq!(
            errors,
            vec![
                ("main.parameters.json", 1, "parameter 'bypass' is 'Nonee', which is not one of its allowedValues ('AzureServices', 'None'): Azure refuses the deployment"),
                ("main.json", 6, "parameter 'acls' sets defaultAction to 'Open', which is not one of the allowedValues of its type ('Allow', 'Deny'): Azure refuses the deployment"),
            ]
        );
    }

    #[test]
    fn unknowns_inside_typed_objects_take_the_allowed_values() {
        let extra = r##""languageVersion": "2.0",
        "definitions": { "acl": { "type": "object", "properties": { "bypass": { "type": "string", "allowedValues": ["AzureServices", "None"], "nullable": true } } } },
        "parameters": { "given": { "type": "string" }, "acls": { "$ref": "#/definitions/acl", "defaultValue": { "bypass": "[parameters('given')]" } } },"##;
        let out = run(&[("main.json", &vault(extra, r#""[parameters('acls')]""#))]);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let Lookup::Unknown(v) = out.resources[0].lookup("properties.networkAcls.bypass") else {
            panic!()
        };
        let Value::Unknown(u) = &v.value else {
            panic!()
        };
        let cases: Vec<_> = u.candidates.iter().map(Val::to_json).collect();
        assert_eq!(
            cases,
            vec![
                serde_json::json!("AzureServices"),
                serde_json::json!("None"),
                serde_json::Value::Null
            ]
        );
    }

    #[test]
    fn unreadable_types_are_errors_and_constrain_nothing() {
        let extra = r##""definitions": { "a": { "$ref": "#/definitions/b" }, "b": { "$ref": "#/definitions/a" } },
        "parameters": { "acls": { "$ref": "#/definitions/a" }, "other": { "$ref": "#/definitions/missing" } },"##;
        let out = run(&[("main.json", &vault(extra, r#""[parameters('acls')]""#))]);
        let messages: Vec<&str> = out.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("a cycle"));
        assert!(messages[1].contains("'#/definitions/missing' points at nothing"));
        assert!(reason(acls(&out)).contains("no defaultValue"));
    }

    #[test]
    fn unknown_deployment_parameters_are_unknown_not_defaults() {
        let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "moduleParams": { "type": "object" } },
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "name": "d",
      "properties": {
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": "[parameters('moduleParams')]",
        "template": {
          "parameters": { "b": { "type": "string", "defaultValue": "AzureServices" }, "acls": { "type": "object", "nullable": true } },
          "resources": [
            { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": { "networkAcls": { "bypass": "[parameters('b')]", "rest": "[parameters('acls')]" } } }
          ]
        }
      }
    }
  ]
}"#;
        let out = run(&[("main.json", t)]);
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        for path in [
            "properties.networkAcls.bypass",
            "properties.networkAcls.rest",
        ] {
            let Lookup::Unknown(v) = out.resources[0].lookup(path) else {
                panic!("{path}")
            };
            assert!(reason(v).contains("parameters of nested deployment 'd' are not known"));
        }
    }

    #[test]
    fn variables_do_not_see_the_copy_loop_of_their_use() {
        let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "variables": {
    "index": "[copyIndex()]",
    "copy": [
      { "name": "later", "count": 2, "input": "[variables('first')[0]]" },
      { "name": "first", "count": 1, "input": "[length(variables('later'))]" }
    ]
  },
  "resources": [
    { "type": "Microsoft.KeyVault/vaults", "name": "[string(copyIndex())]", "copy": { "name": "c", "count": 2 },
      "properties": { "networkAcls": "[variables('index')]", "later": "[variables('later')]" } }
  ]
}"#;
        let out = run(&[("main.json", t)]);
        assert_eq!(out.resources.len(), 2);
        assert!(reason(acls(&out)).contains("not inside a copy loop"));
        // `first` uses `later` and `later` uses `first`: a cycle, whichever is asked first.
        let Lookup::Found(later) = out.resources[0].lookup("properties.later") else {
            panic!()
        };
        let Value::List(items) = &later.value else {
            panic!("{later:?}")
        };
        assert!(reason(&items[0]).contains("refers to itself"), "{items:?}");
    }

    #[test]
    fn unknown_counts_and_conditions_deploy_one_instance_if_deployed() {
        let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "n": { "type": "int" }, "on": { "type": "bool" } },
  "resources": [
    { "type": "Microsoft.KeyVault/vaults", "name": "[concat('kv', string(copyIndex()))]", "copy": { "name": "c", "count": "[parameters('n')]" }, "properties": {} },
    { "type": "Microsoft.KeyVault/vaults", "name": "maybe", "condition": "[parameters('on')]", "properties": {} }
  ]
}"#;
        let out = run(&[("main.json", t)]);
        let addresses: Vec<&str> = out.resources.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(
            addresses,
            vec!["[concat('kv', string(copyIndex()))][*]", "maybe"]
        );
        assert!(out.unchecked.is_empty());
        // Each is checked, saying that it may not be deployed at all.
        let why: Vec<Option<&str>> = out
            .resources
            .iter()
            .map(|r| r.deployed_if.as_deref())
            .collect();
        assert_eq!(
            why,
            vec![
                Some("its copy count `[parameters('n')]` is not known"),
                Some("its condition `[parameters('on')]` is not known"),
            ]
        );
        // The one instance of a loop of unknown length has an unknown index, not an error.
        let Lookup::Unknown(name) = out.resources[0].lookup("name") else {
            panic!("{:?}", out.resources[0].body)
        };
        assert_eq!(
            reason(name),
            "the index of copy loop 'c' is not known: its count is known only at deployment"
        );
    }
}
