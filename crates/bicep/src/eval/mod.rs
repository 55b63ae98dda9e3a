//! A Bicep file evaluated into resources the way it deploys: parameters (defaults or a
//! `.bicepparam`), variables, resources with conditions and loops, local modules called with
//! their parameters. Functions come from the ARM front end: one implementation of each.
//!
//! Where things are: this file holds a loaded [`File`], the evaluation [`Scope`] and the entry
//! point ([`evaluate`]); `expressions.rs` (operators, calls, names), `loops.rs` (loops and
//! conditions), `resources.rs` (resources, modules, their ARM shape), `params.rs` (parameters,
//! types, `.bicepparam` and JSON parameter files), `imports.rs` (`import`) and `load.rs`
//! (`load*()`) the rest.

mod expressions;
mod imports;
mod load;
mod loops;
mod params;
mod resources;

pub(crate) use imports::load;
pub(crate) use params::{bicepparam, json_parameters, undeclared_params, using_target};

use imports::*;
use load::*;
use loops::*;
use params::*;
use resources::*;

use crate::ast::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use vigil_arm::functions as f;
use vigil_model::budget::{self, Tally};
use vigil_model::limits::{BICEP_EXPRESSION_DEPTH, BICEP_IMPORT_DEPTH, COPY_COUNT};
use vigil_model::{
    normalize_path, FileError, Hop, IgnoreDirective, LineIndex, Location, Resource, SourceFile,
    Unchecked, UncheckedKind, UnitOutput, Val, Value,
};

/// A parsed Bicep file.
pub(crate) struct File {
    pub path: PathBuf,
    pub index: LineIndex,
    pub program: Program,
    pub ignores: Vec<IgnoreDirective>,
    /// Whether the file parsed without a syntax error (else its tree is incomplete).
    pub complete: bool,
    /// The symbols its `import` declarations bring in.
    imports: Vec<Import>,
    /// Its exported variables, once evaluated (they take no parameters: one value each).
    exported: RefCell<HashMap<String, Val>>,
}

impl File {
    pub fn source(&self) -> SourceFile {
        SourceFile {
            path: self.index.file().clone(),
            text: self.index.shared_text().clone(),
            ignores: self.ignores.clone(),
        }
    }
}

/// One evaluation of one file: its parameters given, its symbols evaluated on demand.
struct Scope<'a> {
    file: &'a File,
    params: HashMap<String, Val>,
    vars: HashMap<&'a str, &'a Expr>,
    var_state: RefCell<HashMap<String, Option<Val>>>,
    /// Loop variables, innermost last.
    locals: RefCell<Vec<(String, Val)>>,
    depth: std::cell::Cell<u32>,
    /// Whether the expression being evaluated is inside one ARM expression of the compiled
    /// template: array and object literals compile to JSON arrays and objects, each member a
    /// string of its own, until an operator, call or access wraps them into one expression
    /// (`createArray`, `createObject`). An error in a member is that member's own at the JSON
    /// level, and the whole expression's inside one, as ARM reports it.
    in_expression: std::cell::Cell<bool>,
}

type R = Result<Val, String>;

impl<'a> Scope<'a> {
    fn new(file: &'a File, params: HashMap<String, Val>) -> Self {
        let vars = file
            .program
            .statements
            .iter()
            .filter_map(|s| match &s.kind {
                StatementKind::Var { name, value, .. } => Some((name.name.as_str(), value)),
                _ => None,
            })
            .collect();
        Scope {
            file,
            params,
            vars,
            var_state: RefCell::new(HashMap::new()),
            locals: RefCell::new(Vec::new()),
            depth: std::cell::Cell::new(0),
            in_expression: std::cell::Cell::new(false),
        }
    }

    fn loc(&self, span: &Span) -> Location {
        self.file.index.location(span.clone())
    }
}

/// Evaluates `file` with `given` parameters; resources go to `out`, with `prefix` before
/// their symbolic names (`module.name/` for module calls).
pub(crate) fn evaluate(
    file: &File,
    given: HashMap<String, Val>,
    prefix: &str,
    chain: &mut Vec<PathBuf>,
    display: &dyn Fn(&Path) -> String,
    out: &mut UnitOutput,
) {
    let scope = Scope::new(file, params(file, given));
    for s in &file.program.statements {
        match &s.kind {
            StatementKind::Resource {
                name,
                type_string,
                existing,
                value,
            } if !existing => {
                let ty = match scope.eval(type_string).map(|v| v.value) {
                    Ok(Value::String(t)) => t.split('@').next().unwrap_or("").to_string(),
                    _ => continue,
                };
                let location = keyword_location(file, s, name);
                if budget::resources_spent() {
                    continue;
                }
                let mut skipped = Vec::new();
                let made = instances(&scope, value, &mut skipped);
                for skip in skipped {
                    not_deployed(file, &location, "resource", &name.name, skip, out);
                }
                for (suffix, body, deployed_if) in made {
                    // Loops multiply: the unit evaluates a bounded number of instances.
                    if budget::take_resource(|| Some(location.clone())).is_err() {
                        break;
                    }
                    let body = scope.arm_shape(value, body);
                    let mut r = resource(
                        format!("{prefix}{}{suffix}", name.name),
                        &ty,
                        location.clone(),
                        body,
                    );
                    r.deployed_if = deployed_if;
                    out.resources.push(r);
                }
            }
            StatementKind::Module { name, path, value } => {
                module(&scope, s, name, path, value, prefix, chain, display, out);
            }
            _ => {}
        }
    }
}

/// Said where a file is not there: the path tried, and a file that differs only in case.
fn not_there(display: &dyn Fn(&Path) -> String, target: &Path) -> String {
    let mut message = format!("tried {}", display(target));
    if let Some(other) = vigil_arm::same_but_case(target) {
        message.push_str(&format!("; did you mean `{}`?", display(&other)));
    }
    message
}

fn unchecked(out: &mut UnitOutput, kind: UncheckedKind, why: &str, at: &Location, message: String) {
    out.unchecked.push(Unchecked {
        kind,
        why: why.into(),
        at: FileError {
            file: at.file.clone(),
            line: at.line,
            column: at.column,
            message,
        },
        module: None,
    });
}

fn file_name(file: &File) -> String {
    file.path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
