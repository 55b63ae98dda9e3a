//! Names that do not exist: `parameters('x')` and `variables('x')` where the template declares
//! no `x`, and a parameter file setting a parameter the template does not declare. Azure refuses
//! both deployments, so they are errors, found once per place they are written (not once per
//! copy of a loop) and with a suggestion when a declared name is close. Names compare in any
//! case, as ARM looks them up.

use crate::expr::{self, Accessor, Expr, Parsed};
use crate::json::{JKind, JNode};
use vigil_model::{did_you_mean, FileError, LineIndex};

/// The names one template scope declares.
struct Declared<'a> {
    parameters: Vec<&'a str>,
    variables: Vec<&'a str>,
}

impl<'a> Declared<'a> {
    fn of(template: &'a JNode) -> Self {
        let names = |key: &str| -> Vec<&'a str> {
            template
                .get_ci(key)
                .map(JNode::props)
                .unwrap_or_default()
                .iter()
                .map(|(k, _, _)| k.as_str())
                .collect()
        };
        let mut variables: Vec<&'a str> = names("variables")
            .into_iter()
            .filter(|k| !k.eq_ignore_ascii_case("copy"))
            .collect();
        // `"variables": {"copy": [{"name": "disks", ...}]}` declares `disks`.
        if let Some(copies) = template.get_ci("variables").and_then(|v| v.get_ci("copy")) {
            variables.extend(
                copies
                    .items()
                    .iter()
                    .filter_map(|c| c.get_ci("name").and_then(JNode::as_str)),
            );
        }
        Declared {
            parameters: names("parameters"),
            variables,
        }
    }

    fn has(list: &[&str], name: &str) -> bool {
        list.iter().any(|d| d.eq_ignore_ascii_case(name))
    }
}

/// Errors for the undeclared names a template's expressions use, nested deployments with their
/// own (inner) scope included.
pub(crate) fn check_template(index: &LineIndex, template: &JNode, errors: &mut Vec<FileError>) {
    let declared = Declared::of(template);
    for (key, _, value) in template.props() {
        match key.to_ascii_lowercase().as_str() {
            // Not evaluated by ARM (metadata, types), or in a scope of their own (user-defined
            // functions see only their own parameters).
            "metadata" | "definitions" | "$schema" | "contentversion" | "apiprofile"
            | "languageversion" => {}
            "functions" => functions(index, value, errors),
            "parameters" => {
                for (_, _, decl) in value.props() {
                    if let Some(default) = decl.get_ci("defaultValue") {
                        walk(index, &declared, default, errors);
                    }
                }
            }
            _ => walk(index, &declared, value, errors),
        }
    }
}

/// User-defined functions: `parameters('x')` in a function's output is one of the function's
/// own parameters (it sees no template parameter or variable).
fn functions(index: &LineIndex, namespaces: &JNode, errors: &mut Vec<FileError>) {
    for namespace in namespaces.items() {
        for (_, _, member) in namespace
            .get_ci("members")
            .map(JNode::props)
            .unwrap_or_default()
        {
            let declared = Declared {
                parameters: member
                    .get_ci("parameters")
                    .map(JNode::items)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|p| p.get_ci("name").and_then(JNode::as_str))
                    .collect(),
                variables: Vec::new(),
            };
            if let Some(value) = member.get_ci("output").and_then(|o| o.get_ci("value")) {
                walk(index, &declared, value, errors);
            }
        }
    }
}

fn walk(index: &LineIndex, declared: &Declared, node: &JNode, errors: &mut Vec<FileError>) {
    match &node.kind {
        JKind::String(s) => string(index, declared, s, node, errors),
        JKind::Array(items) => {
            for item in items {
                walk(index, declared, item, errors);
            }
        }
        JKind::Object(props) => {
            let inner_template = inner_scope_template(node);
            for (key, _, value) in props {
                if key.eq_ignore_ascii_case("metadata") {
                    continue;
                }
                if key.eq_ignore_ascii_case("properties") {
                    if let Some(template) = inner_template {
                        // The deployment's own properties are in this scope; its template has
                        // a scope of its own.
                        for (pkey, _, pvalue) in value.props() {
                            if pkey.eq_ignore_ascii_case("template") {
                                check_template(index, template, errors);
                            } else if pkey.eq_ignore_ascii_case("parameters") {
                                let name =
                                    node.get_ci("name").and_then(JNode::as_str).unwrap_or("");
                                deployment_parameters(index, name, pvalue, template, errors);
                                walk(index, declared, pvalue, errors);
                            } else {
                                walk(index, declared, pvalue, errors);
                            }
                        }
                        continue;
                    }
                }
                walk(index, declared, value, errors);
            }
        }
        _ => {}
    }
}

/// The inline template of a nested deployment whose expressions are evaluated in the inner
/// scope (`expressionEvaluationOptions.scope: inner`).
fn inner_scope_template(node: &JNode) -> Option<&JNode> {
    let ty = node.get_ci("type")?.as_str()?;
    if !ty.eq_ignore_ascii_case("Microsoft.Resources/deployments") {
        return None;
    }
    let props = node.get_ci("properties")?;
    let inner = props
        .get_ci("expressionEvaluationOptions")
        .and_then(|o| o.get_ci("scope"))
        .and_then(JNode::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("inner"));
    inner.then(|| props.get_ci("template")).flatten()
}

fn string(
    index: &LineIndex,
    declared: &Declared,
    s: &str,
    node: &JNode,
    errors: &mut Vec<FileError>,
) {
    let Ok(Some(Parsed::Expr(e))) = expr::parse(s) else {
        return;
    };
    // Offsets inside the value map onto the file while no escape precedes them.
    let start = node.range.start + 1;
    let plain = index.text().get(start..node.range.end.saturating_sub(1)) == Some(s);
    let locate = |r: std::ops::Range<usize>| {
        if plain && r.end <= s.len() {
            index.position(start + r.start)
        } else {
            index.position(node.range.start)
        }
    };
    let mut found = Vec::new();
    uses(&e, &mut found);
    for (what, name, span) in found {
        let (list, noun) = match what {
            What::Parameter => (&declared.parameters, "parameter"),
            What::Variable => (&declared.variables, "variable"),
        };
        if Declared::has(list, name) {
            continue;
        }
        let (line, column) = locate(span);
        let mut message = format!("the template has no {noun} '{name}'");
        if let Some(close) = did_you_mean(name, list.iter().copied()) {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        errors.push(FileError {
            file: index.file().clone(),
            line,
            column,
            message,
        });
    }
}

enum What {
    Parameter,
    Variable,
}

/// The `parameters('x')` / `variables('x')` calls with a literal name in an expression.
fn uses<'e>(e: &'e Expr, out: &mut Vec<(What, &'e str, std::ops::Range<usize>)>) {
    match e {
        Expr::String { .. } | Expr::Number { .. } => {}
        Expr::Call { name, args, .. } => {
            let what = if name.eq_ignore_ascii_case("parameters") {
                Some(What::Parameter)
            } else if name.eq_ignore_ascii_case("variables") {
                Some(What::Variable)
            } else {
                None
            };
            if let (Some(what), [Expr::String { value, span }]) = (what, args.as_slice()) {
                out.push((what, value, span.clone()));
            }
            for a in args {
                uses(a, out);
            }
        }
        Expr::Access { base, path, .. } => {
            uses(base, out);
            for step in path {
                if let Accessor::Index { index, .. } = step {
                    uses(index, out);
                }
            }
        }
    }
}

/// The error for a parameter set at `at` that the template does not declare, with the
/// declared name it is closest to.
fn undeclared_parameter(
    index: &LineIndex,
    at: usize,
    mut message: String,
    name: &str,
    declared: &Declared,
) -> FileError {
    if let Some(close) = did_you_mean(name, declared.parameters.iter().copied()) {
        message.push_str(&format!("; did you mean `{close}`?"));
    }
    let (line, column) = index.position(at);
    FileError {
        file: index.file().clone(),
        line,
        column,
        message,
    }
}

/// Errors for the parameters a nested deployment passes that its template does not declare
/// (ARM refuses the deployment, as Bicep refuses such a module call).
pub(crate) fn deployment_parameters(
    index: &LineIndex,
    name: &str,
    given: &JNode,
    template: &JNode,
    errors: &mut Vec<FileError>,
) {
    let declared = Declared::of(template);
    for (pname, range, _) in given.props() {
        if Declared::has(&declared.parameters, pname) {
            continue;
        }
        errors.push(undeclared_parameter(
            index,
            range.start,
            format!("nested deployment '{name}' passes parameter '{pname}', which its template does not declare"),
            pname,
            &declared,
        ));
    }
}

/// Errors for the parameters a parameter file sets that the template does not declare.
pub(crate) fn check_parameter_file(
    pindex: &LineIndex,
    params: &JNode,
    template: &JNode,
    template_name: &str,
    errors: &mut Vec<FileError>,
) {
    let declared = Declared::of(template);
    for (name, range, _) in params
        .get_ci("parameters")
        .map(JNode::props)
        .unwrap_or_default()
    {
        if Declared::has(&declared.parameters, name) {
            continue;
        }
        errors.push(undeclared_parameter(
            pindex,
            range.start,
            format!("the parameter file sets '{name}', which {template_name} does not declare"),
            name,
            &declared,
        ));
    }
}
