//! vigil's Terraform front end: one module directory (a unit) at a time, parsed with spans
//! (hcl-edit for `.tf`, jsonc-parser for `.tf.json`) and evaluated into resources in the Azure
//! shape, every value knowing where it was written.

mod balance;
mod comments;
mod convert;
mod eval;
pub mod functions;
mod mapping;
mod modules;
mod names;
mod number;
mod parse;
mod plan;
mod types;

pub use plan::{evaluate_plan, is_plan};

use eval::{Evaluator, Instance, Scope};
use parse::{Body, Expr, JKind};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vigil_model::{
    FileError, Hop, LineIndex, Location, Resource, SourceFile, Unchecked, UncheckedKind, Val, Value,
};

/// Values given on the command line, applied to every unit.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--var NAME=VALUE`, in order.
    pub vars: Vec<(String, String)>,
    /// `--var-file FILE`, in order.
    pub var_files: Vec<PathBuf>,
}

pub use vigil_model::UnitOutput;

/// Whether a file is Terraform configuration (it makes its directory a unit).
pub fn is_config_file(name: &str) -> bool {
    !name.starts_with('.') && (name.ends_with(".tf") || name.ends_with(".tf.json"))
}

/// Whether a file belongs to a unit as configuration or as automatically loaded variables.
pub fn is_unit_file(name: &str) -> bool {
    is_config_file(name) || auto_vars_rank(name).is_some()
}

/// Terraform's precedence among the variable files it loads by itself (lower loads first).
fn auto_vars_rank(name: &str) -> Option<u8> {
    match name {
        "terraform.tfvars" => Some(0),
        "terraform.tfvars.json" => Some(1),
        _ if !name.starts_with('.')
            && (name.ends_with(".auto.tfvars") || name.ends_with(".auto.tfvars.json")) =>
        {
            Some(2)
        }
        _ => None,
    }
}

pub(crate) struct Variable {
    declared: Location,
    default: Option<Expr>,
    /// The type constraint, when there is one Terraform would enforce.
    ty: Option<types::TypeSpec>,
    /// `nullable = false`: a null value given for it means its default, as Terraform reads it.
    not_nullable: bool,
}

/// A module directory's configuration, parsed once.
pub(crate) struct Module {
    dir: PathBuf,
    /// Configuration files, then (for a root) its variable files.
    files: Vec<LineIndex>,
    locals: HashMap<String, Expr>,
    variables: BTreeMap<String, Variable>,
    resources: Vec<parse::Block>,
    calls: Vec<parse::Block>,
    /// `azapi_update_resource` blocks: bodies merged onto the resource they target.
    updates: Vec<parse::Block>,
    outputs: BTreeMap<String, Expr>,
    /// A root's automatically loaded variable files: (precedence, name, file index).
    tfvars: Vec<(u8, String, usize)>,
    /// Every `var.`, `local.` and `module.` reference in its configuration.
    refs: Vec<names::NameRef>,
    /// Whether every configuration file parsed: when one did not, the names it declares are
    /// unknown, and no reference is blamed for naming something undeclared.
    complete: bool,
    /// Warnings and unchecked work found while loading, taken by whoever loads the module.
    warnings: Vec<FileError>,
    unchecked: Vec<Unchecked>,
}

impl Module {
    /// Every file the module read (`.tf`, `.tf.json`, variable files in both syntaxes), for
    /// snippets, suppressions and the count of files checked.
    fn source_files(&self) -> Vec<SourceFile> {
        self.files
            .iter()
            .map(|f| SourceFile {
                path: f.file().clone(),
                ignores: comments::ignore_directives(f),
                text: f.shared_text().clone(),
            })
            .collect()
    }
}

/// Reads and evaluates the Terraform module in `dir` as a root module: its own variable files
/// and the command line's values apply, and the modules it calls are evaluated with its
/// arguments. `display` turns a path into the name reports use (relative to the scan root).
pub fn evaluate_dir(dir: &Path, display: &dyn Fn(&Path) -> String, opts: &Options) -> UnitOutput {
    evaluate_root(dir, display, opts).0
}

/// The values of the root module's `output` blocks in `dir`, by name, evaluated as
/// [`evaluate_dir`] evaluates resources (the same variables, tfvars, `--var`s and module
/// calls). An output whose value vigil cannot know is (or holds) an unknown naming why. The
/// unit's read and parse errors come back beside the values: the values are still those of
/// the files that could be read.
pub fn evaluate_outputs(
    dir: &Path,
    display: &dyn Fn(&Path) -> String,
    opts: &Options,
) -> (BTreeMap<String, Val>, Vec<FileError>) {
    let (out, outputs) = evaluate_root(dir, display, opts);
    let values = match outputs.value {
        Value::Object(map) => map,
        _ => BTreeMap::new(),
    };
    (values, out.errors)
}

/// Evaluates a root module: its resources (in the unit) and its outputs (an object by name),
/// within one unit's evaluation budget.
fn evaluate_root(
    dir: &Path,
    display: &dyn Fn(&Path) -> String,
    opts: &Options,
) -> (UnitOutput, Val) {
    let ((mut out, outputs), errors) =
        vigil_model::budget::unit(|| evaluate_root_within(dir, display, opts));
    out.errors.extend(errors);
    (out, outputs)
}

fn evaluate_root_within(
    dir: &Path,
    display: &dyn Fn(&Path) -> String,
    opts: &Options,
) -> (UnitOutput, Val) {
    let mut out = UnitOutput::default();
    let (mut module, errors) = load_module(dir, display, true);
    out.errors.extend(errors);
    out.warnings.append(&mut module.warnings);
    out.unchecked.append(&mut module.unchecked);
    // Terraform loads *.auto.tfvars in lexical order after the two fixed names.
    module.tfvars.sort();
    let mut var_sources: Vec<(String, usize)> = module
        .tfvars
        .iter()
        .map(|(_, name, file)| (name.clone(), *file))
        .collect();
    for path in &opts.var_files {
        if let Some(index) = read_source(path, display, &mut out.errors) {
            let label = index.file().to_string();
            module.files.push(index);
            var_sources.push((label, module.files.len() - 1));
        }
    }
    let vars = resolve_variables(
        &module,
        &var_sources,
        opts,
        &mut out.errors,
        &mut out.warnings,
    );
    if module.complete {
        out.inputs = Some(module.variables.keys().cloned().collect());
    }
    let run = modules::Run::new(dir, display);
    let (resources, outputs) = modules::instantiate(
        &run,
        &module,
        vars,
        String::new(),
        String::new(),
        vec![modules::normalize(dir)],
    );
    out.resources = resources;
    out.errors.extend(run.errors.into_inner());
    out.warnings.extend(run.warnings.into_inner());
    out.unchecked.extend(run.unchecked.into_inner());
    out.files = module.source_files();
    out.files.extend(run.files.into_inner());
    (out, outputs)
}

/// Parses the configuration in `dir` (and, for a root, its variable files).
pub(crate) fn load_module(
    dir: &Path,
    display: &dyn Fn(&Path) -> String,
    root: bool,
) -> (Module, Vec<FileError>) {
    let mut errors = Vec::new();
    let mut module = Module {
        dir: dir.to_path_buf(),
        files: Vec::new(),
        locals: HashMap::new(),
        variables: BTreeMap::new(),
        resources: Vec::new(),
        calls: Vec::new(),
        updates: Vec::new(),
        outputs: BTreeMap::new(),
        tfvars: Vec::new(),
        refs: Vec::new(),
        complete: true,
        warnings: Vec::new(),
        unchecked: Vec::new(),
    };
    // (name as compared and shown, name on disk): a name that is not UTF-8 is still a `.tf`
    // by its ending, and Terraform reads it.
    let mut names: Vec<(String, std::ffi::OsString)> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().map(|t| !t.is_dir()).unwrap_or(false))
            .map(|e| {
                // The listing's own type: a regular file needs no second look before reading.
                let regular = e.file_type().is_ok_and(|t| t.is_file());
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.file_name(),
                    regular,
                )
            })
            .filter(|(n, _, _)| {
                if root {
                    is_unit_file(n)
                } else {
                    is_config_file(n)
                }
            })
            // A symbolic link to a directory is no configuration file either.
            .filter(|(_, n, regular)| *regular || !dir.join(n).is_dir())
            // A FIFO, a device or a link out of the scan root is skipped with a note; what
            // cannot be read for another reason (too large) is an error when read.
            .filter(|(_, n, regular)| {
                if *regular {
                    return true;
                }
                let path = dir.join(n);
                let Err(refusal) = vigil_model::files::vet(&path, vigil_model::files::policy())
                else {
                    return true;
                };
                match vigil_model::files::refused(&display(&path), &refusal) {
                    Ok(note) => {
                        module.unchecked.push(note);
                        false
                    }
                    Err(_) => true,
                }
            })
            .map(|(n, on_disk, _)| (n, on_disk))
            .collect(),
        Err(e) => {
            errors.push(FileError {
                file: display(dir).into(),
                line: 0,
                column: 0,
                message: format!("cannot read the directory: {e}"),
            });
            return (module, errors);
        }
    };
    names.sort_by(|a, b| a.1.cmp(&b.1));

    let mut config: Vec<Body> = Vec::new();
    // Override files, merged after every other file, in lexical order (as `names` is).
    let mut overrides: Vec<Body> = Vec::new();
    for (name, on_disk) in &names {
        let Some(index) = read_source(&dir.join(on_disk), display, &mut errors) else {
            continue;
        };
        let file = module.files.len();
        module.files.push(index);
        if let Some(rank) = auto_vars_rank(name) {
            module.tfvars.push((rank, name.clone(), file));
        } else {
            match parse_config(file, &module.files[file], name.ends_with(".json")) {
                Ok(body) if is_override_file(name) => overrides.push(body),
                Ok(body) => config.push(body),
                Err(e) => {
                    module.complete = false;
                    module.unchecked.push(Unchecked {
                        kind: UncheckedKind::File,
                        why: "does not parse".into(),
                        at: FileError {
                            message: format!(
                                "{} does not parse, so the module in {} is incomplete: names it may declare are unknown, references to them are not reported, and values that depend on them are unknown",
                                e.file,
                                display(dir)
                            ),
                            ..e.clone()
                        },
                        module: None,
                    });
                    errors.push(e);
                }
            }
        }
    }
    for body in config.iter().chain(&overrides) {
        names::collect(body, &module.files, &mut module.refs);
    }
    // Every top-level block a primary file declares, by header: an override block must merge
    // into one of them.
    let declared: std::collections::HashSet<(String, Vec<String>)> = config
        .iter()
        .flat_map(|b| &b.blocks)
        .map(|b| (b.kind.clone(), b.labels.clone()))
        .collect();
    for body in config {
        // JSON `locals` arrive as top-level attributes.
        for a in body.attrs {
            module.locals.entry(a.name).or_insert(a.expr);
        }
        for block in body.blocks {
            match (block.kind.as_str(), block.labels.as_slice()) {
                ("locals", []) => {
                    for a in &block.body.attrs {
                        module
                            .locals
                            .entry(a.name.clone())
                            .or_insert_with(|| a.expr.clone());
                    }
                }
                ("variable", [name]) => {
                    let var = Variable {
                        declared: block.header.clone(),
                        default: block.body.attr("default").map(|a| a.expr.clone()),
                        ty: block
                            .body
                            .attr("type")
                            .and_then(|a| types::parse_type(&a.expr)),
                        not_nullable: block
                            .body
                            .attr("nullable")
                            .is_some_and(|a| is_false(&a.expr)),
                    };
                    module.variables.entry(name.clone()).or_insert(var);
                }
                ("output", [name]) => {
                    if let Some(value) = block.body.attr("value") {
                        module.outputs.insert(name.clone(), value.expr.clone());
                    }
                }
                ("module", [_]) => module.calls.push(block),
                ("resource", [rtype, _]) if rtype == "azapi_update_resource" => {
                    module.updates.push(block)
                }
                ("resource", [rtype, _])
                    if rtype == "azapi_resource" || mapping::table().contains_key(rtype) =>
                {
                    if rtype == "azapi_resource" {
                        module
                            .warnings
                            .extend(azapi_type_typo(&module.files, &block));
                    }
                    module.resources.push(block)
                }
                ("resource", [rtype, _]) => {
                    module.warnings.extend(resource_type_typo(rtype, &block))
                }
                _ => {}
            }
        }
    }
    for body in overrides {
        merge_override(&mut module, body, &declared, &mut errors);
    }
    if module.complete {
        errors.extend(undeclared_names(&module));
    }
    (module, errors)
}

/// Whether Terraform reads `name` as an override file: `override.tf`, `*_override.tf` and
/// their `.tf.json` forms.
fn is_override_file(name: &str) -> bool {
    let stem = name
        .strip_suffix(".tf.json")
        .or_else(|| name.strip_suffix(".tf"));
    stem.is_some_and(|s| s == "override" || s.ends_with("_override"))
}

/// Merges one override file into the module as Terraform does: each top-level block merges
/// into the block with the same header in a primary file (its arguments replace the
/// original's, its nested block types replace all of the original's blocks of that type);
/// `locals` merge value by value. An override of something no primary file declares is an
/// error, as in Terraform.
fn merge_override(
    module: &mut Module,
    body: Body,
    declared: &std::collections::HashSet<(String, Vec<String>)>,
    errors: &mut Vec<FileError>,
) {
    let complete = module.complete;
    let mut missing = |at: &Location, what: String| {
        // In an incomplete module the original may be in the file that does not parse.
        if complete {
            errors.push(names::error_at(
                at,
                format!("override of {what}, which no primary configuration file declares: Terraform refuses an override block with nothing to merge into"),
            ));
        }
    };
    // JSON `locals` arrive as top-level attributes.
    let mut locals: Vec<parse::Attr> = body.attrs;
    let mut unsupported = Vec::new();
    for block in body.blocks {
        let header = block.header.clone();
        if let Some(d) = block.body.attr("depends_on") {
            if matches!(
                block.kind.as_str(),
                "resource" | "data" | "module" | "output"
            ) {
                let no_locals = HashMap::new();
                let at = Evaluator::new(&module.files, &no_locals, None)
                    .expr_location(&d.expr)
                    .unwrap_or_else(|| header.clone());
                unsupported.push(names::error_at(
                    &at,
                    "unsupported override: `depends_on` may not be overridden, Terraform refuses it in an override block".into(),
                ));
            }
        }
        match (block.kind.as_str(), block.labels.as_slice()) {
            ("locals", []) => locals.extend(block.body.attrs),
            ("variable", [name]) => match module.variables.get_mut(name) {
                Some(var) => {
                    if let Some(d) = block.body.attr("default") {
                        var.default = Some(d.expr.clone());
                    }
                    if let Some(t) = block.body.attr("type") {
                        var.ty = types::parse_type(&t.expr);
                    }
                    if let Some(n) = block.body.attr("nullable") {
                        var.not_nullable = is_false(&n.expr);
                    }
                }
                None => missing(&header, format!("variable \"{name}\"")),
            },
            ("output", [name]) => {
                if !declared.contains(&(block.kind.clone(), block.labels.clone())) {
                    missing(&header, format!("output \"{name}\""));
                } else if let Some(value) = block.body.attr("value") {
                    module.outputs.insert(name.clone(), value.expr.clone());
                }
            }
            ("module", [name]) => match module.calls.iter_mut().find(|c| &c.labels[0] == name) {
                Some(call) => merge_block(&mut call.body, block.body),
                None => missing(&header, format!("module \"{name}\"")),
            },
            ("resource" | "data", [rtype, name]) => {
                let original = module
                    .resources
                    .iter_mut()
                    .chain(module.updates.iter_mut())
                    .find(|r| block.kind == "resource" && r.labels == block.labels);
                match original {
                    Some(r) => merge_block(&mut r.body, block.body),
                    // A resource no rule reads, or a data source: nothing to merge into.
                    None if declared.contains(&(block.kind.clone(), block.labels.clone())) => {}
                    None => missing(&header, format!("{} \"{rtype}\" \"{name}\"", block.kind)),
                }
            }
            _ => {}
        }
    }
    for a in locals {
        match module.locals.get_mut(&a.name) {
            Some(expr) => *expr = a.expr,
            None => {
                let no_locals = HashMap::new();
                let at = Evaluator::new(&module.files, &no_locals, None)
                    .expr_location(&a.expr)
                    .unwrap_or_else(|| module.files[0].line_location(1));
                missing(&at, format!("local value \"{}\"", a.name))
            }
        }
    }
    errors.extend(unsupported);
}

/// Terraform's merge of an override block into the original: each argument replaces the
/// original's; a nested block type the override writes (as blocks, `dynamic` blocks, or in
/// JSON an argument) replaces all the original's blocks of that type; a `lifecycle` block
/// merges argument by argument.
fn merge_block(original: &mut Body, over: Body) {
    let kind_of = |b: &parse::Block| -> String {
        if b.kind == "dynamic" {
            b.labels.first().cloned().unwrap_or_default()
        } else {
            b.kind.clone()
        }
    };
    let mut replaced: std::collections::HashSet<String> =
        over.attrs.iter().map(|a| a.name.clone()).collect();
    let mut blocks = Vec::new();
    for b in over.blocks {
        if b.kind == "lifecycle" {
            match original.blocks.iter_mut().find(|o| o.kind == "lifecycle") {
                Some(o) => merge_block(&mut o.body, b.body),
                None => original.blocks.push(b),
            }
            continue;
        }
        replaced.insert(kind_of(&b));
        blocks.push(b);
    }
    original.attrs.retain(|a| !replaced.contains(&a.name));
    original.blocks.retain(|b| !replaced.contains(&kind_of(b)));
    original.attrs.extend(over.attrs);
    original.blocks.extend(blocks);
}

/// References to variables, locals and module calls the module does not declare (outputs of
/// called modules are checked where the call is evaluated).
fn undeclared_names(module: &Module) -> Vec<FileError> {
    // The same words whether the module is a root or called, so that a module checked both
    // ways reports one error per place.
    let label = "this module";
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in &module.refs {
        let declared = match r.root {
            "var" => module.variables.contains_key(&r.name),
            "local" => module.locals.contains_key(&r.name),
            _ => module.calls.iter().any(|c| c.labels[0] == r.name),
        };
        if declared || !seen.insert((r.at.file.clone(), r.at.line, r.at.column)) {
            continue;
        }
        let error = match r.root {
            "var" => names::undeclared(r, module.variables.keys().map(String::as_str), label),
            "local" => {
                let mut locals: Vec<&str> = module.locals.keys().map(String::as_str).collect();
                locals.sort_unstable();
                names::undeclared(r, locals, label)
            }
            _ => names::undeclared(r, module.calls.iter().map(|c| c.labels[0].as_str()), label),
        };
        out.push(error);
    }
    out
}

/// Whether a resource block may be of a type some rule checks: every azurerm type vigil maps
/// (it maps them for the rules), and an `azapi_resource` whose `type` is one of their Azure
/// types or is not known. Only these are worth listing as not checked: a lock or a role
/// assignment with `count = 0` is nothing a rule would have looked at.
pub(crate) fn rules_may_know(ev: &Evaluator, block: &parse::Block) -> bool {
    if block.labels[0] != "azapi_resource" {
        return true;
    }
    let Some(ty) = block.body.attr("type") else {
        return true;
    };
    match ev.eval_or_unknown(&ty.expr).as_str() {
        Some(t) => {
            let azure_type = t.split('@').next().unwrap_or(t);
            mapping::table()
                .values()
                .any(|m| m.azure_type.eq_ignore_ascii_case(azure_type))
        }
        None => true,
    }
}

/// The resource types vigil maps onto an Azure type: the ones rules can check.
fn known_resource_types() -> Vec<&'static str> {
    let mut types: Vec<&str> = mapping::table().keys().map(String::as_str).collect();
    types.sort_unstable();
    types.push("azapi_resource");
    types
}

/// A warning for a resource type that is not one vigil knows but is close to one
/// (`azurerm_key_vualt`): a typo makes the resource invisible to every rule. Longer names
/// that extend a known one (`azurerm_key_vault_key`) are other, real types.
fn resource_type_typo(rtype: &str, block: &parse::Block) -> Option<FileError> {
    let known = known_resource_types();
    let close = vigil_model::did_you_mean(rtype, known.iter().copied())?;
    let squash = |s: &str| s.replace(['_', '-'], "").to_lowercase();
    let typo = squash(rtype) == squash(close)
        || (rtype.len().abs_diff(close.len()) <= 2 && !rtype.starts_with(&format!("{close}_")));
    typo.then(|| {
        names::error_at(
            &block.header,
            format!(
                "resource type `{rtype}` is not one vigil checks; did you mean `{close}`? (no rule checks this resource)"
            ),
        )
    })
}

/// Whether a `nullable` argument is the literal `false` (Terraform takes no references there).
fn is_false(expr: &Expr) -> bool {
    match expr {
        Expr::Hcl { expr, .. } => {
            matches!(&**expr, hcl_edit::expr::Expression::Bool(b) if !*b.value())
        }
        Expr::Json { node, .. } | Expr::JsonLiteral { node, .. } => {
            matches!(node.kind, vigil_json::JKind::Bool(false))
        }
    }
}

impl Variable {
    /// Whether a value given for the variable stands for its default: a null for one declared
    /// `nullable = false` that has a default.
    pub(crate) fn null_means_default(&self, given: &Val) -> bool {
        self.not_nullable && self.default.is_some() && matches!(given.value, Value::Null)
    }
}

/// The same for an `azapi_resource` whose `type` is close to an Azure type vigil knows
/// (`Microsoft.KeyVault/vault@2023-07-01`).
fn azapi_type_typo(files: &[LineIndex], block: &parse::Block) -> Option<FileError> {
    let attr = block.body.attr("type")?;
    let no_locals = HashMap::new();
    let constant = Evaluator::new(files, &no_locals, None);
    let ty = constant.eval(&attr.expr, None).ok()?;
    let written = ty.as_str()?;
    let azure_type = written.split('@').next()?;
    let mut known: Vec<&str> = mapping::table()
        .values()
        .map(|m| m.azure_type.as_str())
        .collect();
    known.sort_unstable();
    known.dedup();
    if known.iter().any(|k| k.eq_ignore_ascii_case(azure_type)) {
        return None;
    }
    let close = vigil_model::typo_of(azure_type, known.iter().copied())?;
    if azure_type
        .to_lowercase()
        .starts_with(&format!("{}/", close.to_lowercase()))
    {
        return None;
    }
    let at = constant
        .expr_location(&attr.expr)
        .unwrap_or_else(|| block.header.clone());
    Some(names::error_at(
        &at,
        format!("azapi type `{azure_type}` is not one vigil checks; did you mean `{close}`? (no rule checks this resource)"),
    ))
}

pub(crate) fn read_source(
    path: &Path,
    display: &dyn Fn(&Path) -> String,
    errors: &mut Vec<FileError>,
) -> Option<LineIndex> {
    let index = vigil_model::read_source(path, display(path).into())
        .map_err(|e| errors.push(e))
        .ok()?;
    // A larger configuration may do more work.
    vigil_model::budget::add_source(index.text().len());
    Some(index)
}

fn parse_config(file: usize, index: &LineIndex, json: bool) -> Result<Body, FileError> {
    if json {
        let root = parse::parse_json_file(index)?;
        parse::json_config_body(file, index, &root)
    } else {
        parse::parse_hcl(file, index)
    }
}

/// The attributes of a variables file (`.tfvars` or `.tfvars.json`).
fn parse_vars_file(file: usize, index: &LineIndex) -> Result<Vec<(String, Expr)>, FileError> {
    if index.file().ends_with(".json") {
        let root = parse::parse_json_file(index)?;
        let JKind::Object(props) = root.kind else {
            let (line, column) = index.position(root.range.start);
            return Err(FileError {
                file: index.file().clone(),
                line,
                column,
                message: "a .tfvars.json file must hold a JSON object".into(),
            });
        };
        Ok(props
            .into_iter()
            .map(|(name, _, node)| {
                (
                    name,
                    Expr::JsonLiteral {
                        file,
                        node: Arc::new(node),
                    },
                )
            })
            .collect())
    } else {
        let body = parse::parse_hcl(file, index)?;
        Ok(body.attrs.into_iter().map(|a| (a.name, a.expr)).collect())
    }
}

/// Every declared variable's value, by Terraform's precedence: default < terraform.tfvars <
/// terraform.tfvars.json < *.auto.tfvars(.json) in lexical order < --var-file < --var.
/// A variable's default, with the hop that names it.
pub(crate) fn default_value(constant: &Evaluator, name: &str, var: &Variable) -> Val {
    match &var.default {
        Some(expr) => {
            let hop = Hop {
                label: format!("default of var.{name}"),
                location: constant
                    .expr_location(expr)
                    .unwrap_or_else(|| var.declared.clone()),
            };
            constant.eval_or_unknown(expr).through(hop)
        }
        None => Val::null(Some(var.declared.clone())),
    }
}

fn resolve_variables(
    module: &Module,
    sources: &[(String, usize)],
    opts: &Options,
    errors: &mut Vec<FileError>,
    warnings: &mut Vec<FileError>,
) -> HashMap<String, Val> {
    let files = &module.files;
    let variables = &module.variables;
    let no_locals = HashMap::new();
    // Terraform allows no references in defaults and variable files.
    let constant = Evaluator::new(files, &no_locals, None);
    let mut values: HashMap<String, Val> = HashMap::new();
    for (name, var) in variables {
        let value = match &var.default {
            Some(_) => default_value(&constant, name, var),
            None => Val::unknown(
                format!("var.{name} has no default and no value is given (terraform.tfvars, *.auto.tfvars, --var-file or --var)"),
                Some(var.declared.clone()),
            ),
        };
        values.insert(name.clone(), value);
    }
    for (label, file) in sources {
        let attrs = match parse_vars_file(*file, &files[*file]) {
            Ok(attrs) => attrs,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        for (name, expr) in attrs {
            // Terraform warns about values for undeclared variables and ignores them. (In an
            // incomplete module the declaration may be in the file that does not parse.)
            if !variables.contains_key(&name) && module.complete {
                let at = constant
                    .expr_location(&expr)
                    .unwrap_or_else(|| files[*file].line_location(1));
                let hint = vigil_model::did_you_mean(&name, variables.keys().map(String::as_str))
                    .map_or_else(String::new, |s| format!("; did you mean `{s}`?"));
                warnings.push(names::error_at(
                    &at,
                    format!(
                        "value for undeclared variable `{name}`: the root module declares no variable \"{name}\", so {} sets nothing{hint}",
                        file_name(label)
                    ),
                ));
            }
            if variables.contains_key(&name) {
                let hop = Hop {
                    label: format!("var.{name} set in {}", file_name(label)),
                    location: constant
                        .expr_location(&expr)
                        .unwrap_or_else(|| files[*file].line_location(1)),
                };
                let value = constant.eval_or_unknown(&expr);
                // `nullable = false`: a null in a variables file leaves the default in force.
                if !variables[&name].null_means_default(&value) {
                    values.insert(name, value.through(hop));
                }
            }
        }
    }
    for (name, raw) in &opts.vars {
        let Some(var) = variables.get(name) else {
            continue;
        };
        let value = if var.ty.as_ref().is_some_and(types::TypeSpec::is_complex) {
            match hcl_edit::parser::parse_expr(raw) {
                Ok(expr) => {
                    let cli = [LineIndex::new("<--var>".into(), raw.as_str().into())];
                    let ev = Evaluator::new(&cli, &no_locals, None);
                    let mut v = ev.eval_or_unknown(&Expr::Hcl {
                        file: 0,
                        expr: Arc::new(expr),
                    });
                    strip_origins(&mut v);
                    v
                }
                Err(e) => Val::unknown(format!("--var {name}: {}", e.message()), None),
            }
        } else {
            Val::string(raw.clone(), None)
        };
        values.insert(name.clone(), value);
    }
    for (name, var) in variables {
        if let Some(ty) = &var.ty {
            if let Some(v) = values.remove(name) {
                values.insert(name.clone(), types::apply(v, ty, &constant));
            }
        }
    }
    values
}

fn file_name(label: &str) -> &str {
    label.rsplit('/').next().unwrap_or(label)
}

/// Values from the command line were written nowhere in the scanned files: the evaluator
/// points at the place they are used instead.
fn strip_origins(v: &mut Val) {
    v.origin = None;
    match &mut v.value {
        Value::List(items) => items.iter_mut().for_each(strip_origins),
        Value::Object(map) => map.values_mut().for_each(strip_origins),
        _ => {}
    }
}

/// Terraform converts a variable's value to its declared primitive type; a value that does not
/// convert is left as it is, for the evaluator to report where it is used.
pub(crate) fn convert_primitive(v: &mut Val, ty: &str) {
    let converted = match ty {
        "string" => convert::prim_string(v).map(Value::String),
        "number" => convert::number_of(v).ok().map(Value::Number),
        "bool" => convert::bool_of(v).ok().map(Value::Bool),
        _ => None,
    };
    if let Some(value) = converted {
        v.value = value;
    }
}

/// More instances than this from one `count` or `for_each` is refused (an error value), not
/// expanded: it is a mistake or a denial of service, not a configuration.
const MAX_INSTANCES: usize = 10_000;

/// The instances a resource block declares (`count`, `for_each`), each with its address suffix.
pub(crate) fn instances(ev: &Evaluator, block: &parse::Block) -> Vec<(String, Option<Instance>)> {
    let whole = |reason: String| vec![(String::new(), Some(Instance::Unknown(reason)))];
    if let Some(count) = block.body.attr("count") {
        let v = ev.eval_or_unknown(&count.expr);
        return match &v.value {
            Value::Number(n) if *n >= 0.0 && n.fract() == 0.0 && (*n as usize) <= MAX_INSTANCES => {
                (0..*n as usize)
                    .map(|i| (format!("[{i}]"), Some(Instance::Count(i))))
                    .collect()
            }
            Value::Unknown(u) => whole(format!(
                "count is not known before deployment: {}",
                u.reason
            )),
            _ => whole(format!(
                "count is not a whole number up to {MAX_INSTANCES}: {}",
                v.display()
            )),
        };
    }
    if let Some(for_each) = block.body.attr("for_each") {
        let v = ev.eval_or_unknown(&for_each.expr);
        let pairs: Vec<(Val, Val)> = match &v.value {
            Value::Object(map) => map
                .iter()
                .map(|(k, item)| (Val::string(k.clone(), item.origin.clone()), item.clone()))
                .collect(),
            // A set of strings: each.key and each.value are the element. Sets iterate in order.
            Value::List(items) => {
                let mut items: Vec<&Val> = items.iter().collect();
                items.sort_by_key(|a| a.display());
                items.dedup_by(|a, b| a.display() == b.display());
                items
                    .into_iter()
                    .map(|item| (item.clone(), item.clone()))
                    .collect()
            }
            Value::Unknown(u) => {
                return whole(format!(
                    "for_each is not known before deployment: {}",
                    u.reason
                ))
            }
            _ => return whole(format!("for_each is not a map or a set: {}", v.display())),
        };
        if pairs.len() > MAX_INSTANCES {
            return whole(format!("for_each has more than {MAX_INSTANCES} elements"));
        }
        return pairs
            .into_iter()
            .map(|(key, value)| {
                let suffix = format!("[{}]", serde_json::Value::String(key.display()));
                let value = Val {
                    trace: v.trace.iter().cloned().chain(value.trace).collect(),
                    ..value
                };
                (suffix, Some(Instance::Each { key, value }))
            })
            .collect();
    }
    vec![(String::new(), None)]
}

/// What [`build_resources`] did with a block.
pub(crate) enum Built {
    /// Its instances were built (none, when `count` is 0 or `for_each` empty).
    Instances(usize),
    /// The unit's budget of resource instances ran out first.
    OverBudget,
}

/// Builds a block's resource instances, within `left` (the unit's remaining budget of
/// resource instances).
pub(crate) fn build_resources(
    ev: &Evaluator,
    block: &parse::Block,
    prefix: &str,
    out: &mut Vec<Resource>,
    left: &std::cell::Cell<usize>,
) -> Built {
    let all = instances(ev, block);
    let n = all.len();
    for (suffix, instance) in all {
        if left.get() == 0 {
            return Built::OverBudget;
        }
        left.set(left.get() - 1);
        // One instance standing for a count or for_each not known: it may not exist at all.
        let deployed_if = match &instance {
            Some(Instance::Unknown(reason)) => Some(reason.clone()),
            _ => None,
        };
        let before = out.len();
        let previous = ev.set_instance(instance);
        if block.labels[0] == "azapi_resource" {
            out.extend(build_azapi(ev, block, prefix, &suffix));
        } else {
            out.push(build_resource(ev, block, prefix, &suffix));
        }
        ev.set_instance(previous);
        for r in &mut out[before..] {
            r.deployed_if.clone_from(&deployed_if);
        }
    }
    Built::Instances(n)
}

/// An `azapi_resource` already speaks the Azure shape: its `type` names the ARM type (before
/// `@api-version`) and its `body` holds the ARM properties. `None` when the type is unknown:
/// no rule can tell whether it applies.
fn build_azapi(
    ev: &Evaluator,
    block: &parse::Block,
    prefix: &str,
    suffix: &str,
) -> Option<Resource> {
    let ty = ev.eval_or_unknown(&block.body.attr("type")?.expr);
    let body = block.body.attr("body").map(|b| azapi_body(ev, &b.expr));
    let extras = ["name", "location", "tags"]
        .into_iter()
        .filter_map(|key| {
            Some((
                key.to_string(),
                ev.eval_or_unknown(&block.body.attr(key)?.expr),
            ))
        })
        .collect();
    let address = format!("{prefix}azapi_resource.{}{suffix}", block.labels[1]);
    azapi_resource(address, block.header.clone(), &ty, body, extras)
}

/// An azapi resource from its evaluated `type`, `body` and top-level attributes, in HCL or in
/// a plan alike.
pub(crate) fn azapi_resource(
    address: String,
    location: Location,
    ty: &Val,
    body: Option<Val>,
    extras: Vec<(String, Val)>,
) -> Option<Resource> {
    let azure_type = ty.as_str()?.split('@').next()?.to_string();
    let mut shape = BTreeMap::new();
    if let Some(value) = body {
        let value = match &value.value {
            // azapi 1.x bodies are JSON strings.
            Value::String(_) => {
                let at = value.origin.clone().unwrap_or_else(|| location.clone());
                functions::call("jsondecode", vec![value.clone()], &at)
                    .unwrap_or_else(|e| Val::unknown(e, value.origin.clone()))
            }
            _ => value,
        };
        match value.value {
            Value::Object(map) => shape.extend(map),
            Value::Null => {}
            _ => {
                // An unknown body leaves every property unknown.
                shape.insert("properties".to_string(), value);
            }
        }
    }
    shape.extend(extras);
    let mut source_names = BTreeMap::new();
    collect_paths(&shape, "", &mut source_names);
    Some(Resource {
        address,
        azure_type,
        source_type: "azapi_resource".to_string(),
        body: Val::new(Value::Object(shape), Some(location.clone())),
        location,
        case_sensitive: false,
        required: Vec::new(),
        source_names,
        alternatives: Vec::new(),
        callers: Vec::new(),
        deployed_if: None,
        label: None,
    })
}

/// Merges an `azapi_update_resource` body onto the resource its `resource_id` names
/// (`azapi_resource.x.id`, `azurerm_key_vault.y.id`) when that resource is in this module: the
/// update is what gets deployed.
pub(crate) fn merge_update(
    ev: &Evaluator,
    update: &parse::Block,
    prefix: &str,
    resources: &mut [Resource],
) {
    let Some(Expr::Hcl { expr, .. }) = block_attr_expr(update, "resource_id") else {
        return;
    };
    let hcl_edit::expr::Expression::Traversal(t) = expr.as_ref() else {
        return;
    };
    let hcl_edit::expr::Expression::Variable(root) = &t.expr else {
        return;
    };
    let Some(hcl_edit::expr::TraversalOperator::GetAttr(name)) =
        t.operators.first().map(|o| o.value())
    else {
        return;
    };
    let target = format!(
        "{prefix}{}.{}",
        root.value().as_str(),
        name.value().as_str()
    );
    let Some(body) = update.body.attr("body").map(|b| azapi_body(ev, &b.expr)) else {
        return;
    };
    let body = match &body.value {
        Value::String(_) => {
            let at = body.origin.clone().unwrap_or_else(|| update.header.clone());
            functions::call("jsondecode", vec![body.clone()], &at)
                .unwrap_or_else(|e| Val::unknown(e, body.origin.clone()))
        }
        _ => body,
    };
    // Instances of the target (`[0]`, `["a"]`) all receive the update.
    for r in resources.iter_mut().filter(|r| {
        r.address == target
            || r.address
                .strip_prefix(&target)
                .is_some_and(|rest| rest.starts_with('['))
    }) {
        let mut names = BTreeMap::new();
        if let Value::Object(map) = &body.value {
            collect_paths(map, "", &mut names);
        }
        for (path, shown) in names {
            r.source_names.insert(
                path,
                format!("{shown} of azapi_update_resource.{}", update.labels[1]),
            );
        }
        deep_merge(&mut r.body, &body);
    }
}

fn block_attr_expr<'b>(block: &'b parse::Block, name: &str) -> Option<&'b Expr> {
    block.body.attr(name).map(|a| &a.expr)
}

/// Objects merge key by key; anything else replaces what was there.
fn deep_merge(into: &mut Val, from: &Val) {
    match (&mut into.value, &from.value) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                match a.get_mut(k) {
                    Some(existing) => deep_merge(existing, v),
                    None => {
                        a.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        _ => *into = from.clone(),
    }
}

/// The body as an object: `jsonencode(x)` is read as `x`, so that values keep their places in
/// the file; a JSON string from elsewhere is decoded (its values point at the body).
fn azapi_body(ev: &Evaluator, expr: &Expr) -> Val {
    if let Expr::Hcl { file, expr: e } = expr {
        if let hcl_edit::expr::Expression::FuncCall(call) = e.as_ref() {
            if call.name.name.value().as_str() == "jsonencode" && call.args.len() == 1 {
                if let Some(inner) = call.args.iter().next() {
                    let inner = Expr::Hcl {
                        file: *file,
                        expr: Arc::new(inner.clone()),
                    };
                    return ev.eval_or_unknown(&inner);
                }
            }
        }
    }
    ev.eval_or_unknown(expr)
}

/// Every property path of the body, named as azapi users write it (`body.properties.x`).
fn collect_paths(map: &BTreeMap<String, Val>, prefix: &str, out: &mut BTreeMap<String, String>) {
    for (k, v) in map {
        let path = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        let shown = if matches!(k.as_str(), "name" | "location" | "tags") && prefix.is_empty() {
            path.clone()
        } else {
            format!("body.{path}")
        };
        out.insert(path.clone(), shown);
        if let Value::Object(inner) = &v.value {
            collect_paths(inner, &path, out);
        }
    }
}

fn build_resource(ev: &Evaluator, block: &parse::Block, prefix: &str, suffix: &str) -> Resource {
    let rtype = &block.labels[0];
    let map = &mapping::table()[rtype];
    let mut attrs = BTreeMap::new();
    let mut roots: Vec<&str> = map.roots().collect();
    roots.dedup();
    for root in roots {
        if attrs.contains_key(root) {
            continue;
        }
        let is_block = map.blocks.iter().any(|b| b == root);
        let value = if let Some(a) = block.body.attr(root) {
            let v = if is_block {
                json_block(ev, &a.expr)
            } else {
                ev.eval_or_unknown(&a.expr)
            };
            // In JSON a nested block is an object (or a list of them) under its name.
            match (&v.value, is_block) {
                (Value::Object(_), true) => {
                    let origin = v.origin.clone();
                    Some(Val::list(vec![v], origin))
                }
                _ => Some(v),
            }
        } else if is_block {
            block_value(ev, &block.body, root, None)
        } else {
            None
        };
        if let Some(v) = value {
            attrs.insert(root.to_string(), v);
        }
    }
    let tf = Val::new(Value::Object(attrs), Some(block.header.clone()));
    map.apply(
        format!("{prefix}{}.{}{suffix}", rtype, block.labels[1]),
        rtype,
        block.header.clone(),
        &tf,
    )
}

/// A nested block in the JSON syntax (an object, or a list of them): its arguments are
/// evaluated one by one, as Terraform evaluates a block's, so that one it refuses leaves the
/// others known.
fn json_block(ev: &Evaluator, expr: &Expr) -> Val {
    let Expr::Json { file, node } = expr else {
        return ev.eval_or_unknown(expr);
    };
    let origin = Some(ev.location(*file, node.range.clone()));
    let object = |props: &[(String, std::ops::Range<usize>, parse::JNode)], origin| {
        let map = props.iter().filter(|(k, _, _)| k != "//").map(|(k, _, v)| {
            let item = Expr::Json {
                file: *file,
                node: Arc::new(v.clone()),
            };
            (k.clone(), ev.eval_or_unknown(&item))
        });
        Val::object(map, origin)
    };
    match &node.kind {
        JKind::Object(props) => object(props, origin),
        JKind::Array(items) if items.iter().all(|i| matches!(i.kind, JKind::Object(_))) => {
            let blocks = items
                .iter()
                .filter_map(|i| match &i.kind {
                    JKind::Object(props) => {
                        Some(object(props, Some(ev.location(*file, i.range.clone()))))
                    }
                    _ => None,
                })
                .collect();
            Val::list(blocks, origin)
        }
        _ => ev.eval_or_unknown(expr),
    }
}

/// Nested blocks of one type as Terraform exposes them: a list of objects, static blocks and
/// `dynamic` ones in the order written. `None` when there are none.
fn block_value(ev: &Evaluator, body: &Body, kind: &str, scope: Option<&Scope>) -> Option<Val> {
    let mut items = Vec::new();
    let mut origin = None;
    let mut seen = false;
    for b in &body.blocks {
        if b.kind == kind {
            seen = true;
            origin.get_or_insert_with(|| b.header.clone());
            items.push(block_object(ev, &b.body, b.header.clone(), scope));
        } else if b.kind == "dynamic" && b.labels.first().map(String::as_str) == Some(kind) {
            seen = true;
            origin.get_or_insert_with(|| b.header.clone());
            match dynamic_items(ev, b, kind, scope) {
                Ok(expanded) => items.extend(expanded),
                Err(unknown) => return Some(unknown),
            }
        }
    }
    // A dynamic block that renders nothing leaves the block absent, as Terraform does.
    (seen && !items.is_empty()).then(|| Val::list(items, origin))
}

/// One block's attributes and nested blocks as an object.
fn block_object(ev: &Evaluator, body: &Body, header: Location, scope: Option<&Scope>) -> Val {
    let mut map = BTreeMap::new();
    for a in &body.attrs {
        map.insert(a.name.clone(), ev.eval_scoped_or_unknown(&a.expr, scope));
    }
    let mut kinds: Vec<&str> = body
        .blocks
        .iter()
        .map(|n| match n.kind.as_str() {
            "dynamic" => n.labels.first().map_or("dynamic", String::as_str),
            k => k,
        })
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    for k in kinds {
        if let Some(v) = block_value(ev, body, k, scope) {
            map.insert(k.to_string(), v);
        }
    }
    Val::new(Value::Object(map), Some(header))
}

/// The blocks a `dynamic` block renders; Err(unknown value) when its `for_each` is unknown.
fn dynamic_items(
    ev: &Evaluator,
    dynamic: &parse::Block,
    kind: &str,
    scope: Option<&Scope>,
) -> Result<Vec<Val>, Val> {
    let at = Some(dynamic.header.clone());
    let Some(for_each) = dynamic.body.attr("for_each") else {
        return Err(Val::unknown(
            format!("`dynamic \"{kind}\"` has no for_each"),
            at,
        ));
    };
    let collection = ev.eval_scoped_or_unknown(&for_each.expr, scope);
    if let Value::Unknown(u) = &collection.value {
        if !u.candidates.is_empty() {
            // Render the block for each collection it may iterate; an empty rendering is an
            // absent block.
            let mut cases = Vec::new();
            for candidate in &u.candidates {
                match dynamic_items_of(ev, dynamic, kind, scope, candidate.clone()) {
                    Ok(items) if items.is_empty() => {
                        cases.push(Val::null(candidate.origin.clone()))
                    }
                    Ok(items) => cases.push(Val::list(items, Some(dynamic.header.clone()))),
                    Err(unknown) => return Err(unknown),
                }
            }
            return Err(Val::unknown_among(
                format!(
                    "`dynamic \"{kind}\"` iterates over a value not known before deployment: {}",
                    u.reason
                ),
                cases,
                collection.origin.clone().or(at),
            ));
        }
    }
    dynamic_items_of(ev, dynamic, kind, scope, collection)
}

/// The blocks a `dynamic` block renders for a given collection.
fn dynamic_items_of(
    ev: &Evaluator,
    dynamic: &parse::Block,
    kind: &str,
    scope: Option<&Scope>,
    collection: Val,
) -> Result<Vec<Val>, Val> {
    let at = Some(dynamic.header.clone());
    let pairs: Vec<(Val, Val)> = match &collection.value {
        Value::List(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                (
                    Val::new(Value::Number(i as f64), item.origin.clone()),
                    item.clone(),
                )
            })
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(k, item)| (Val::string(k.clone(), item.origin.clone()), item.clone()))
            .collect(),
        Value::Null => Vec::new(),
        Value::Unknown(u) => {
            return Err(Val::unknown(
                format!(
                    "`dynamic \"{kind}\"` iterates over a value not known before deployment: {}",
                    u.reason
                ),
                collection.origin.clone().or(at),
            ))
        }
        _ => {
            return Err(Val::unknown(
                format!(
                    "`dynamic \"{kind}\"` for_each is not a collection: {}",
                    collection.display()
                ),
                at,
            ))
        }
    };
    let iterator = match dynamic.body.attr("iterator").map(|a| &a.expr) {
        Some(Expr::Hcl { expr, .. }) => match expr.as_ref() {
            hcl_edit::expr::Expression::Variable(v) => v.value().as_str().to_string(),
            _ => kind.to_string(),
        },
        Some(Expr::Json { node, .. }) | Some(Expr::JsonLiteral { node, .. }) => match &node.kind {
            JKind::String(s) => s.clone(),
            _ => kind.to_string(),
        },
        None => kind.to_string(),
    };
    let Some(content) = dynamic.body.blocks.iter().find(|b| b.kind == "content") else {
        return Err(Val::unknown(
            format!("`dynamic \"{kind}\"` has no content block"),
            at,
        ));
    };
    Ok(pairs
        .into_iter()
        .map(|(key, value)| {
            // The element keeps the hops that brought the collection here.
            let value = Val {
                trace: collection
                    .trace
                    .iter()
                    .cloned()
                    .chain(value.trace)
                    .collect(),
                ..value
            };
            let iter_val = Val::object(
                [("key".to_string(), key), ("value".to_string(), value)],
                content.header.clone().into(),
            );
            let bound = Scope::new(&iterator, iter_val, scope);
            block_object(ev, &content.body, content.header.clone(), Some(&bound))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_model::Lookup;

    /// Evaluates a module made of `files` and returns its resources.
    fn unit(files: &[(&str, &str)], opts: &Options) -> UnitOutput {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let root = dir.path().to_path_buf();
        evaluate_dir(
            dir.path(),
            &|p: &Path| {
                p.strip_prefix(&root)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned()
            },
            opts,
        )
    }

    fn kv(acls: &str) -> String {
        format!("resource \"azurerm_key_vault\" \"kv\" {{\n  name = \"kv\"\n{acls}\n}}\n")
    }

    /// (value, origin file:line, trace labels) of the bypass of the first resource.
    fn bypass(out: &UnitOutput) -> (String, String, Vec<String>) {
        match out.resources[0].lookup("properties.networkAcls.bypass") {
            Lookup::Found(v) | Lookup::Unknown(v) => (
                v.display(),
                v.origin.as_ref().map(|o| o.short()).unwrap_or_default(),
                v.trace
                    .iter()
                    .map(|h| format!("{} @{}", h.label, h.location.short()))
                    .collect(),
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn literal_is_located_at_the_literal() {
        let out = unit(
            &[(
                "main.tf",
                &kv("  network_acls {\n    bypass = \"None\"\n    default_action = \"Deny\"\n  }"),
            )],
            &Options::default(),
        );
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        assert_eq!(bypass(&out), ("None".into(), "main.tf:4".into(), vec![]));
        assert_eq!(out.resources[0].location.line, 1);
        assert_eq!(out.resources[0].address, "azurerm_key_vault.kv");
    }

    #[test]
    fn variable_default_and_tfvars_precedence() {
        let main = kv("  network_acls {\n    bypass = var.b\n    default_action = \"Deny\"\n  }");
        let vars = "variable \"b\" {\n  type = string\n  default = \"None\"\n}\n";
        let out = unit(
            &[("main.tf", &main), ("variables.tf", vars)],
            &Options::default(),
        );
        let (v, at, trace) = bypass(&out);
        assert_eq!((v.as_str(), at.as_str()), ("None", "variables.tf:3"));
        assert_eq!(
            trace,
            vec!["var.b @main.tf:4", "default of var.b @variables.tf:3"]
        );

        let out = unit(
            &[
                ("main.tf", &main),
                ("variables.tf", vars),
                ("terraform.tfvars", "b = \"AzureServices\"\n"),
                ("z.auto.tfvars", "\n\nb = \"None\"\n"),
            ],
            &Options::default(),
        );
        assert_eq!(bypass(&out).1, "z.auto.tfvars:3");

        let opts = Options {
            vars: vec![("b".into(), "AzureServices".into())],
            var_files: vec![],
        };
        let out = unit(
            &[
                ("main.tf", &main),
                ("variables.tf", vars),
                ("z.auto.tfvars", "b = \"None\"\n"),
            ],
            &opts,
        );
        let (v, at, _) = bypass(&out);
        assert_eq!((v.as_str(), at.as_str()), ("AzureServices", "main.tf:4"));
    }

    #[test]
    fn variable_without_value_is_unknown() {
        let main = kv("  network_acls {\n    bypass = var.b\n    default_action = \"Deny\"\n  }");
        let out = unit(
            &[("main.tf", &main), ("variables.tf", "variable \"b\" {}\n")],
            &Options::default(),
        );
        assert!(matches!(
            out.resources[0].lookup("properties.networkAcls.bypass"),
            Lookup::Unknown(_)
        ));
    }

    #[test]
    fn locals_objects_conditionals_templates() {
        let main = kv("  network_acls {\n    bypass = local.acl.bypass\n    default_action = var.open ? \"Allow\" : \"Deny\"\n  }");
        let locals = "locals {\n  acl = {\n    bypass = \"None\"\n  }\n  a = \"Azure\"\n  b = \"${local.a}Services\"\n}\nvariable \"open\" {\n  default = true\n}\n";
        let out = unit(
            &[("main.tf", &main), ("locals.tf", locals)],
            &Options::default(),
        );
        let (v, at, trace) = bypass(&out);
        assert_eq!((v.as_str(), at.as_str()), ("None", "locals.tf:3"));
        assert_eq!(trace, vec!["local.acl @main.tf:4"]);
        match out.resources[0].lookup("properties.networkAcls.defaultAction") {
            Lookup::Found(v) => assert_eq!(v.display(), "Allow"),
            other => panic!("{other:?}"),
        }
        let main = kv("  network_acls {\n    bypass = local.b\n    default_action = \"Deny\"\n  }");
        let out = unit(
            &[("main.tf", &main), ("locals.tf", locals)],
            &Options::default(),
        );
        assert_eq!(bypass(&out).0, "AzureServices");
    }

    #[test]
    fn cycles_are_unknown_not_hangs() {
        let main = kv("  network_acls {\n    bypass = local.a\n    default_action = \"Deny\"\n  }");
        let out = unit(
            &[
                ("main.tf", &main),
                ("l.tf", "locals {\n  a = local.b\n  b = local.a\n}\n"),
            ],
            &Options::default(),
        );
        let (v, _, _) = bypass(&out);
        assert!(v.contains("cycle"), "{v}");
    }

    #[test]
    fn json_syntax_and_data_blocks() {
        let json = r#"{
  "resource": {
    "azurerm_key_vault": {
      "kv": {
        "name": "kv",
        "network_acls": {
          "bypass": "None",
          "default_action": "Deny"
        }
      }
    }
  },
  "data": {"azurerm_key_vault": {"other": {"name": "x"}}}
}"#;
        let out = unit(&[("main.tf.json", json)], &Options::default());
        assert_eq!(out.resources.len(), 1);
        assert_eq!(
            bypass(&out),
            ("None".into(), "main.tf.json:7".into(), vec![])
        );
    }

    #[test]
    fn heredocs_and_comments_are_not_values() {
        let main = "# bypass = \"None\"\nlocals {\n  doc = <<EOT\nbypass = \"None\"\nEOT\n}\n".to_string()
            + &kv("  network_acls {\n    bypass = \"AzureServices\"\n    default_action = \"Deny\"\n  }");
        let out = unit(&[("main.tf", &main)], &Options::default());
        assert_eq!(bypass(&out).0, "AzureServices");
    }

    #[test]
    fn a_broken_file_is_an_error_and_the_rest_is_read() {
        let out = unit(
            &[("bad.tf", "resource \"x\" {\n  a = \n"), ("main.tf", &kv("  network_acls {\n    bypass = \"None\"\n    default_action = \"Deny\"\n  }"))],
            &Options::default(),
        );
        assert_eq!(out.errors.len(), 1);
        assert_eq!(&*out.errors[0].file, "bad.tf");
        assert!(out.errors[0].line >= 2);
        assert_eq!(bypass(&out).0, "None");
    }

    #[test]
    fn no_acls_means_no_network_acls_property() {
        let out = unit(
            &[("main.tf", &kv("  public_network_access_enabled = false"))],
            &Options::default(),
        );
        assert!(matches!(
            out.resources[0].lookup("properties.networkAcls"),
            Lookup::Absent { .. }
        ));
        assert!(
            matches!(out.resources[0].lookup("properties.publicNetworkAccess"), Lookup::Found(v) if v.display() == "Disabled")
        );
    }

    #[test]
    fn count_and_for_each_make_instances() {
        let main = "resource \"azurerm_key_vault\" \"kv\" {\n  count = 2\n  name = \"kv-${count.index}\"\n}\n";
        let out = unit(&[("main.tf", main)], &Options::default());
        let addresses: Vec<&str> = out.resources.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(
            addresses,
            vec!["azurerm_key_vault.kv[0]", "azurerm_key_vault.kv[1]"]
        );
        assert!(
            matches!(out.resources[1].lookup("name"), Lookup::Found(v) if v.display() == "kv-1")
        );

        let out = unit(
            &[(
                "main.tf",
                "resource \"azurerm_key_vault\" \"kv\" {\n  count = 0\n}\n",
            )],
            &Options::default(),
        );
        assert!(out.resources.is_empty());

        let main = "locals {\n  v = {\n    b = \"None\"\n    a = \"AzureServices\"\n  }\n}\n".to_string()
            + "resource \"azurerm_key_vault\" \"kv\" {\n  for_each = local.v\n  network_acls {\n    bypass = each.value\n    default_action = \"Deny\"\n  }\n}\n";
        let out = unit(&[("main.tf", &main)], &Options::default());
        let addresses: Vec<&str> = out.resources.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(
            addresses,
            vec!["azurerm_key_vault.kv[\"a\"]", "azurerm_key_vault.kv[\"b\"]"]
        );
        let b = UnitOutput {
            resources: vec![out.resources[1].clone()],
            ..Default::default()
        };
        assert_eq!(
            bypass(&b),
            (
                "None".into(),
                "main.tf:3".into(),
                vec!["each.value @main.tf:10".into(), "local.v @main.tf:8".into()]
            )
        );
    }

    #[test]
    fn dynamic_blocks_render_their_content() {
        let main = "variable \"acls\" {\n  default = [{ bypass = \"None\" }]\n}\n".to_string()
            + &kv("  dynamic \"network_acls\" {\n    for_each = var.acls\n    iterator = acl\n    content {\n      bypass = acl.value.bypass\n      default_action = \"Deny\"\n    }\n  }");
        let out = unit(&[("main.tf", &main)], &Options::default());
        let (v, at, _) = bypass(&out);
        assert_eq!((v.as_str(), at.as_str()), ("None", "main.tf:2"));

        let main = kv("  dynamic \"network_acls\" {\n    for_each = []\n    content {\n      bypass = \"None\"\n    }\n  }");
        let out = unit(&[("main.tf", &main)], &Options::default());
        assert!(matches!(
            out.resources[0].lookup("properties.networkAcls"),
            Lookup::Absent { .. }
        ));

        let main = kv("  dynamic \"network_acls\" {\n    for_each = var.unset\n    content {\n      bypass = \"None\"\n    }\n  }");
        let out = unit(
            &[("main.tf", &main), ("v.tf", "variable \"unset\" {}\n")],
            &Options::default(),
        );
        assert!(matches!(
            out.resources[0].lookup("properties.networkAcls.bypass"),
            Lookup::Unknown(_)
        ));
    }

    #[test]
    fn optional_defaults_fill_object_variables() {
        let vars = "variable \"acls\" {\n  type = object({\n    bypass = optional(string, \"None\")\n    default_action = optional(string, \"Deny\")\n    extra = optional(list(object({ a = optional(number, 1) })), [{}])\n  })\n  default = {}\n}\n";
        let main = kv("  dynamic \"network_acls\" {\n    for_each = var.acls != null ? { this = var.acls } : {}\n    content {\n      bypass = network_acls.value.bypass\n      default_action = network_acls.value.default_action\n    }\n  }");
        let out = unit(
            &[("main.tf", &main), ("variables.tf", vars)],
            &Options::default(),
        );
        let (v, at, _) = bypass(&out);
        assert_eq!((v.as_str(), at.as_str()), ("None", "variables.tf:3"));

        let out = unit(
            &[
                ("main.tf", &main),
                ("variables.tf", vars),
                (
                    "terraform.tfvars",
                    "acls = { bypass = \"AzureServices\" }\n",
                ),
            ],
            &Options::default(),
        );
        assert_eq!(bypass(&out).0, "AzureServices");
        assert!(
            matches!(out.resources[0].lookup("properties.networkAcls.defaultAction"), Lookup::Found(v) if v.display() == "Deny")
        );
    }

    #[test]
    fn azapi_bodies_are_the_azure_shape() {
        let main = "resource \"azapi_resource\" \"v\" {\n  type = \"Microsoft.KeyVault/vaults@2023-02-01\"\n  name = \"kv\"\n  body = {\n    properties = {\n      networkAcls = {\n        bypass = \"None\"\n      }\n    }\n  }\n}\n"
            .to_string()
            + "resource \"azapi_resource\" \"w\" {\n  type = \"Microsoft.KeyVault/vaults@2023-02-01\"\n  body = jsonencode({\n    properties = { networkAcls = { bypass = \"None\" } }\n  })\n}\n";
        let out = unit(&[("main.tf", &main)], &Options::default());
        assert_eq!(out.resources.len(), 2);
        assert_eq!(out.resources[0].azure_type, "Microsoft.KeyVault/vaults");
        assert!(!out.resources[0].case_sensitive);
        assert_eq!(bypass(&out).1, "main.tf:7");
        assert_eq!(
            out.resources[0].display_name("properties.networkAcls.bypass"),
            "body.properties.networkAcls.bypass"
        );
        let w = UnitOutput {
            resources: vec![out.resources[1].clone()],
            ..Default::default()
        };
        assert_eq!(bypass(&w).1, "main.tf:15");
    }

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
                modules::normalize(p)
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

    #[test]
    fn azapi_updates_merge_onto_their_target() {
        let main = kv("  network_acls {\n    bypass = \"AzureServices\"\n    default_action = \"Deny\"\n  }")
            + "resource \"azapi_update_resource\" \"acl\" {\n  type = \"Microsoft.KeyVault/vaults@2023-07-01\"\n  resource_id = azurerm_key_vault.kv.id\n  body = {\n    properties = { networkAcls = { bypass = \"None\" } }\n  }\n}\n";
        let out = unit(&[("main.tf", &main)], &Options::default());
        let (v, at, _) = bypass(&out);
        assert_eq!((v.as_str(), at.as_str()), ("None", "main.tf:12"));
        assert!(
            matches!(out.resources[0].lookup("properties.networkAcls.defaultAction"), Lookup::Found(v) if v.display() == "Deny")
        );
    }

    #[test]
    fn comparing_with_null_is_known_when_the_other_side_is_known_to_exist() {
        let main = kv("  network_acls {\n    bypass = local.o != null ? \"None\" : \"AzureServices\"\n    default_action = \"Deny\"\n  }")
            + "locals {\n  o = { a = var.unset }\n}\nvariable \"unset\" {}\n";
        let out = unit(&[("main.tf", &main)], &Options::default());
        assert_eq!(bypass(&out).0, "None");
    }

    #[test]
    fn unknown_conditions_keep_their_possible_values() {
        // Equal branches: known whatever the condition.
        let main = kv("  network_acls {\n    bypass = var.unset ? \"None\" : \"None\"\n    default_action = \"Deny\"\n  }")
            + "variable \"unset\" {}\n";
        let out = unit(&[("main.tf", &main)], &Options::default());
        assert_eq!(bypass(&out).0, "None");
        assert!(out.resources[0].alternatives.is_empty());

        // A dynamic block that renders or not: one alternative per case.
        let main = kv("  dynamic \"network_acls\" {\n    for_each = var.unset ? [1] : []\n    content {\n      bypass = \"None\"\n      default_action = \"Allow\"\n    }\n  }")
            + "variable \"unset\" {}\n";
        let out = unit(&[("main.tf", &main)], &Options::default());
        let r = &out.resources[0];
        assert!(matches!(
            r.lookup("properties.networkAcls"),
            Lookup::Unknown(_)
        ));
        assert_eq!(r.alternatives.len(), 2);
        assert!(
            matches!(r.alternatives[0].lookup("properties.networkAcls.bypass"), Lookup::Found(v) if v.display() == "None")
        );
        assert!(matches!(
            r.alternatives[1].lookup("properties.networkAcls"),
            Lookup::Absent { .. }
        ));
    }

    /// The outputs of a root module made of one `main.tf`.
    fn outputs(text: &str) -> BTreeMap<String, Val> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("main.tf"), text).unwrap();
        let (got, errors) = evaluate_outputs(
            dir.path(),
            &|p: &Path| p.to_string_lossy().into_owned(),
            &Options::default(),
        );
        assert!(errors.is_empty(), "{errors:?}");
        got
    }

    /// `terraform validate` runs with the inputs unknown: there `try(var.n, "x")` has no type,
    /// so `true ? 2 : try(...)` is the number 2, which `length` refuses (the CLI says "while
    /// calling length(value)"), though the plan would convert it to "2". Random seed 38.
    #[test]
    fn a_conditional_whose_other_branch_validation_cannot_type_is_unknown() {
        let got = outputs(
            "variable \"n\" {\n  type    = number\n  default = 7\n}\n\
             output \"refused\" {\n  value = length(true ? 2 : (true ? try(var.n, 1) : \"s\"))\n}\n\
             output \"same_type\" {\n  value = true ? 2 : try(var.n, 1)\n}\n\
             output \"read_condition\" {\n  value = var.n > 0 ? 2 : (true ? try(var.n, 1) : \"s\")\n}\n",
        );
        assert!(got["refused"].is_unknown(), "{}", got["refused"].to_json());
        // Nothing converts, so validation and plan agree.
        assert_eq!(got["same_type"].to_json(), serde_json::json!(2));
        // With the condition unknown in validation, the result is unknown there, and the plan
        // converts as usual.
        assert_eq!(got["read_condition"].to_json(), serde_json::json!("2"));
    }
}
