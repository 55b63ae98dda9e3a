//! Input variables: declarations ([`Variable`]), their defaults, variable files
//! (`terraform.tfvars`, `*.auto.tfvars`, `--var-file`, in both syntaxes), `--var` values, and
//! the precedence Terraform gives them, each value with the hop that says where it was set;
//! then the conversion to the declared type ([`crate::types`]).

use crate::eval::Evaluator;
use crate::load::Module;
use crate::parse::{self, Expr, JKind};
use crate::{convert, names, types, Options};
use std::collections::HashMap;
use std::sync::Arc;
use vigil_model::{FileError, Hop, LineIndex, Location, Val, Value};

/// A declared input variable: where it is declared, its default and its type constraint.
pub(crate) struct Variable {
    pub(crate) declared: Location,
    pub(crate) default: Option<Expr>,
    /// The type constraint, when there is one Terraform would enforce.
    pub(crate) ty: Option<types::TypeSpec>,
    /// `nullable = false`: a null value given for it means its default, as Terraform reads it.
    pub(crate) not_nullable: bool,
}

impl Variable {
    /// Whether a value given for the variable stands for its default: a null for one declared
    /// `nullable = false` that has a default.
    pub(crate) fn null_means_default(&self, given: &Val) -> bool {
        self.not_nullable && self.default.is_some() && matches!(given.value, Value::Null)
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
pub(crate) fn resolve_variables(
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

#[cfg(test)]
mod tests {
    use crate::tests::{bypass, kv, unit};
    use crate::Options;
    use vigil_model::Lookup;

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
}
