//! The evaluate stage: each unit handed to its front end (Terraform, a plan, ARM, Bicep) on
//! its own budget and in the session's file context, on a worker thread; what `vigil show`
//! lists is [`Session::evaluate`]'s answer, and `vigil check` judges the same per unit.

use crate::discover::{Discovery, Unit};
use crate::Session;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;
use vigil_model::{FileError, Resource, UnitOutput};

/// The root a unit's findings belong to, and which resources are its own.
#[derive(Clone, Debug)]
pub struct UnitRoot {
    /// The unit as reported: the Terraform directory, the template, Bicep or plan file.
    pub shown: String,
    /// A directory unit owns the files directly in it; a file unit owns only itself.
    pub dir: bool,
    /// Another file that is the unit itself: the JSON `bicep build` compiled from a `.bicep`.
    pub also: Option<String>,
}

impl UnitRoot {
    /// Whether a resource in `file` is the unit's own, rather than an instance the unit
    /// created from another file (a module, a linked template).
    pub fn owns(&self, file: &str) -> bool {
        if self.dir {
            let parent = file.rsplit_once('/').map_or(".", |(dir, _)| dir);
            parent == self.shown
        } else {
            file == self.shown || self.also.as_deref() == Some(file)
        }
    }
}

/// One unit evaluated: its root and what its front end gave.
pub struct EvaluatedUnit {
    pub unit: Unit,
    pub root: UnitRoot,
    pub output: UnitOutput,
}

/// What `vigil show` lists: the resources of the paths asked about (and the instances created
/// from them), in (file, line, address) order, each once, with the errors of the run.
pub struct Evaluated {
    /// Each resource with the root that created it when it is not that root's own.
    pub resources: Vec<(Resource, Option<String>)>,
    /// Sorted, each once.
    pub errors: Vec<FileError>,
    /// No unit was found under the paths.
    pub nothing_found: bool,
}

/// A resource as `vigil show` lists it.
pub type Shown<'a> = vigil_report::Shown<'a>;

impl Evaluated {
    /// The resources as the show writers take them.
    pub fn shown(&self) -> Vec<Shown<'_>> {
        self.resources
            .iter()
            .map(|(r, root)| vigil_report::Shown {
                resource: r,
                root: root.as_deref(),
            })
            .collect()
    }
}

impl Session {
    /// The root of a unit as reported (with the compiled JSON of a `.bicep` as part of it).
    pub fn unit_root(&self, discovery: &Discovery, unit: &Unit) -> UnitRoot {
        match unit {
            Unit::Module(dir) => UnitRoot {
                shown: self.display(dir),
                dir: true,
                also: None,
            },
            Unit::Plan(f) | Unit::Template(f) | Unit::Bicep(f) => UnitRoot {
                shown: self.display(f),
                dir: false,
                // What the compiled JSON gave is the .bicep's own deployment.
                also: match unit {
                    Unit::Bicep(file) => discovery.compiled.get(file).map(|j| self.display(j)),
                    _ => None,
                },
            },
        }
    }

    /// One unit evaluated on its own budget (instances count against the run's), in the
    /// session's file context on this thread; what the budget refused is among its errors.
    pub fn evaluate_unit(&self, discovery: &Discovery, unit: &Unit) -> EvaluatedUnit {
        let display = |p: &Path| self.display(p);
        let config = &self.config;
        let parameters = self.options.parameters.as_deref();
        let (mut out, spent) = self.reading(|| {
            vigil_model::budget::with_run(&self.run_budget, || {
                vigil_model::budget::unit(|| match unit {
                    Unit::Module(dir) => {
                        vigil_terraform::evaluate_dir(dir, &display, &self.terraform)
                    }
                    Unit::Plan(file) => vigil_terraform::evaluate_plan(file, &display),
                    Unit::Bicep(file) => {
                        // A JSON parameter file deploys a .bicep as it does a template.
                        let params = parameters.or_else(|| config.parameters_for(file));
                        let mut out = vigil_bicep::evaluate_file_with(file, &display, params);
                        if let Some(json) = discovery.compiled.get(file) {
                            complete_from_compiled(&mut out, json, &display, params);
                        }
                        out
                    }
                    Unit::Template(file) => {
                        let params = parameters.or_else(|| config.parameters_for(file));
                        vigil_arm::evaluate_template(file, &display, params)
                    }
                })
            })
        });
        out.errors.extend(spent);
        EvaluatedUnit {
            unit: unit.clone(),
            root: self.unit_root(discovery, unit),
            output: out,
        }
    }

    /// Every unit evaluated, in parallel, in the discovery's order.
    pub fn evaluate_units(&self, discovery: &Discovery) -> Vec<EvaluatedUnit> {
        self.install(|| {
            discovery
                .units
                .par_iter()
                .map(|unit| self.evaluate_unit(discovery, unit))
                .collect()
        })
    }

    /// The evaluate stage as `vigil show` runs it: the resources the units deploy, those of
    /// the paths named (or the instances created from them) kept, sorted, each once.
    pub fn evaluate(&self, discovery: Discovery) -> Evaluated {
        let mut errors = discovery.errors.clone();
        let mut resources = Vec::new();
        for unit in self.evaluate_units(&discovery) {
            errors.extend(unit.output.errors);
            for r in unit.output.resources {
                let shown = (!unit.root.owns(&r.location.file)).then(|| unit.root.shown.clone());
                resources.push((r, shown));
            }
        }
        let scope = self.scope();
        resources.retain(|(r, root)| {
            scope.covers(&r.location.file)
                || r.callers.iter().any(|c| scope.covers(&c.file))
                || root.as_deref().is_some_and(|root| scope.covers(root))
        });
        resources.sort_by(|(a, ra), (b, rb)| {
            (&a.location.file, a.location.line, &a.address, ra).cmp(&(
                &b.location.file,
                b.location.line,
                &b.address,
                rb,
            ))
        });
        // One module instance reached from one root twice (two paths named) is one resource.
        resources.dedup_by(|(a, ra), (b, rb)| {
            a.location == b.location && a.address == b.address && ra == rb
        });
        errors.sort();
        errors.dedup();
        Evaluated {
            resources,
            errors,
            nothing_found: discovery.units.is_empty(),
        }
    }
}

/// Modules a `.bicep` names that vigil cannot read (registry modules, files not there) are
/// inlined in the JSON `bicep build` compiled from it: their resources are checked there, and
/// those modules are no longer unchecked. Only resources under such a module are taken; the
/// rest of the deployment is the `.bicep`'s to report, once. The compiled JSON's own errors are
/// not repeated: the `.bicep` is the source the user edits.
fn complete_from_compiled(
    out: &mut UnitOutput,
    json: &Path,
    display: &dyn Fn(&Path) -> String,
    params: Option<&Path>,
) {
    let unread: Vec<&str> = out
        .unchecked
        .iter()
        .filter_map(|u| u.module.as_deref())
        .collect();
    if unread.is_empty() {
        return;
    }
    let compiled = vigil_arm::evaluate_template(json, display, params);
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for r in compiled.resources {
        if let Some(m) = unread
            .iter()
            .find(|m| vigil_model::under_module(&r.address, m))
        {
            covered.insert(m.to_string());
            out.resources.push(r);
        }
    }
    if covered.is_empty() {
        return;
    }
    out.files.extend(compiled.files);
    out.unchecked
        .retain(|u| !u.module.as_ref().is_some_and(|m| covered.contains(m)));
}
