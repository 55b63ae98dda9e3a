//! Loading a module directory as Terraform does: which files belong to it (`.tf`, `.tf.json`,
//! and for a root its automatically loaded variable files), reading and parsing them, the
//! blocks they declare ([`Module`]), override files merged last, references to names the
//! module does not declare, and resource types close to one vigil knows (a typo hides a
//! resource from every rule).

use crate::azapi::azapi_type_typo;
use crate::eval::Evaluator;
use crate::parse::{self, Body, Expr};
use crate::variables::Variable;
use crate::{comments, mapping, names, types};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use vigil_model::{FileError, LineIndex, Location, SourceFile, Unchecked, UncheckedKind};

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

/// A module directory's configuration, parsed once.
pub(crate) struct Module {
    pub(crate) dir: PathBuf,
    /// Configuration files, then (for a root) its variable files.
    pub(crate) files: Vec<LineIndex>,
    pub(crate) locals: HashMap<String, Expr>,
    pub(crate) variables: BTreeMap<String, Variable>,
    pub(crate) resources: Vec<parse::Block>,
    pub(crate) calls: Vec<parse::Block>,
    /// `azapi_update_resource` blocks: bodies merged onto the resource they target.
    pub(crate) updates: Vec<parse::Block>,
    pub(crate) outputs: BTreeMap<String, Expr>,
    /// A root's automatically loaded variable files: (precedence, name, file index).
    pub(crate) tfvars: Vec<(u8, String, usize)>,
    /// Every `var.`, `local.` and `module.` reference in its configuration.
    pub(crate) refs: Vec<names::NameRef>,
    /// Whether every configuration file parsed: when one did not, the names it declares are
    /// unknown, and no reference is blamed for naming something undeclared.
    pub(crate) complete: bool,
    /// Warnings and unchecked work found while loading, taken by whoever loads the module.
    pub(crate) warnings: Vec<FileError>,
    pub(crate) unchecked: Vec<Unchecked>,
}

impl Module {
    /// Every file the module read (`.tf`, `.tf.json`, variable files in both syntaxes), for
    /// snippets, suppressions and the count of files checked.
    pub(crate) fn source_files(&self) -> Vec<SourceFile> {
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
    // An editor's unsaved new file is part of the module as if it were on disk.
    names.extend(
        vigil_model::files::buffered_in(dir)
            .into_iter()
            .filter_map(|p| p.file_name().map(std::ffi::OsStr::to_os_string))
            .map(|n| (n.to_string_lossy().into_owned(), n))
            .filter(|(n, _)| {
                if root {
                    is_unit_file(n)
                } else {
                    is_config_file(n)
                }
            }),
    );
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

pub(crate) fn read_source(
    path: &Path,
    display: &dyn Fn(&Path) -> String,
    errors: &mut Vec<FileError>,
) -> Option<LineIndex> {
    vigil_model::budget::read_or_note(path, display, errors)
}

fn parse_config(file: usize, index: &LineIndex, json: bool) -> Result<Body, FileError> {
    if json {
        let root = parse::parse_json_file(index)?;
        parse::json_config_body(file, index, &root)
    } else {
        parse::parse_hcl(file, index)
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::{bypass, kv, unit};
    use crate::Options;

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
}
