//! vigil's Terraform front end: one module directory (a unit) at a time, parsed with spans
//! (hcl-edit for `.tf`, jsonc-parser for `.tf.json`) and evaluated into resources in the Azure
//! shape, every value knowing where it was written.
//!
//! This file is the crate's public face: the entry points ([`evaluate_dir`],
//! [`evaluate_outputs`], [`evaluate_plan`]) and the names other crates use. The work lives in
//! files named for it: `load.rs` (a module directory's files, override files), `variables.rs`
//! (declarations, tfvars, `--var`, defaults), `modules.rs` (module calls), `instances.rs`
//! (`count` and `for_each`, building resources), `dynamic.rs` (nested and `dynamic` blocks),
//! `azapi.rs` (`azapi_resource` bodies), `eval/` (the expression evaluator), [`functions`]
//! (Terraform's function library), `types.rs` (type constraints), `mapping.rs` (azurerm
//! arguments onto Azure properties) and `plan.rs` (`terraform show -json` plans).

mod azapi;
mod balance;
mod comments;
mod convert;
mod dynamic;
mod eval;
pub mod functions;
mod instances;
mod load;
mod mapping;
mod modules;
mod names;
mod number;
mod parse;
mod plan;
mod types;
mod variables;

pub use load::{is_config_file, is_unit_file};
pub use plan::{evaluate_plan, is_plan};

use load::{load_module, read_source};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use variables::resolve_variables;
use vigil_model::{FileError, Val, Value};

/// Values given on the command line, applied to every unit.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--var NAME=VALUE`, in order.
    pub vars: Vec<(String, String)>,
    /// `--var-file FILE`, in order.
    pub var_files: Vec<PathBuf>,
}

pub use vigil_model::UnitOutput;

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

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_model::Lookup;

    /// Evaluates a module made of `files` and returns its resources.
    pub(crate) fn unit(files: &[(&str, &str)], opts: &Options) -> UnitOutput {
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

    pub(crate) fn kv(acls: &str) -> String {
        format!("resource \"azurerm_key_vault\" \"kv\" {{\n  name = \"kv\"\n{acls}\n}}\n")
    }

    /// (value, origin file:line, trace labels) of the bypass of the first resource.
    pub(crate) fn bypass(out: &UnitOutput) -> (String, String, Vec<String>) {
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
    fn heredocs_and_comments_are_not_values() {
        let main = "# bypass = \"None\"\nlocals {\n  doc = <<EOT\nbypass = \"None\"\nEOT\n}\n".to_string()
            + &kv("  network_acls {\n    bypass = \"AzureServices\"\n    default_action = \"Deny\"\n  }");
        let out = unit(&[("main.tf", &main)], &Options::default());
        assert_eq!(bypass(&out).0, "AzureServices");
    }

    /// The outputs of a root module made of one `main.tf`.
    pub(crate) fn outputs(text: &str) -> BTreeMap<String, Val> {
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
}
