//! References to names a module does not declare (`var.x`, `local.x`, `module.x`,
//! `module.m.out`): errors, as `terraform validate` makes them, found once per place in every
//! expression of the module, whether or not vigil evaluates it.

use crate::parse::{Body, Expr, JKind, JNode};
use hcl_edit::expr::{Expression, Traversal, TraversalOperator};
use hcl_edit::visit::{visit_traversal, Visit};
use hcl_edit::Span;
use vigil_model::{did_you_mean, FileError, LineIndex, Location};

/// One reference to a declared name, where it is written.
#[derive(Clone, Debug)]
pub(crate) struct NameRef {
    /// `var`, `local` or `module`.
    pub root: &'static str,
    pub name: String,
    /// For `module.m.out` (and `module.m[0].out`, `module.m[*].out`): the output's name, and
    /// whether an index or splat came between (which only a call with `count` or `for_each`
    /// takes; without one `module.m.k` is an output too).
    pub output: Option<(String, bool)>,
    /// `var.x` / `module.m`.
    pub at: Location,
    /// `module.m.out`.
    pub output_at: Option<Location>,
}

/// Every `var.`, `local.` and `module.` reference in a parsed file's body.
pub(crate) fn collect(body: &Body, files: &[LineIndex], out: &mut Vec<NameRef>) {
    for attr in &body.attrs {
        collect_expr(&attr.expr, files, out);
    }
    for block in &body.blocks {
        // `moved`, `removed` and `import` name addresses (a module that no longer exists, say),
        // not values.
        let addresses: &[&str] = match block.kind.as_str() {
            "moved" => &["from", "to"],
            "removed" => &["from"],
            "import" => &["to"],
            _ => &[],
        };
        if addresses.is_empty() {
            collect(&block.body, files, out);
        } else {
            for attr in block
                .body
                .attrs
                .iter()
                .filter(|a| !addresses.contains(&a.name.as_str()))
            {
                collect_expr(&attr.expr, files, out);
            }
        }
    }
}

fn collect_expr(expr: &Expr, files: &[LineIndex], out: &mut Vec<NameRef>) {
    match expr {
        Expr::Hcl { file, expr } => {
            let mut v = Collector {
                index: &files[*file],
                base: 0,
                out,
            };
            v.visit_expr(expr);
        }
        Expr::Json { file, node } => collect_json(node, &files[*file], out),
        // Variable defaults in JSON are literal values.
        Expr::JsonLiteral { .. } => {}
    }
}

/// References in the templates of a `.tf.json` expression's strings.
fn collect_json(node: &JNode, index: &LineIndex, out: &mut Vec<NameRef>) {
    match &node.kind {
        JKind::String(s) if s.contains("${") || s.contains("%{") => {
            // Offsets count from just after the opening quote, as the evaluator counts them
            // (exact when the string has no escapes before the reference).
            if let Ok(template) = hcl_edit::parser::parse_template(s) {
                let mut v = Collector {
                    index,
                    base: node.range.start + 1,
                    out,
                };
                v.visit_template(&template);
            }
        }
        JKind::Array(items) => items.iter().for_each(|i| collect_json(i, index, out)),
        JKind::Object(props) => props
            .iter()
            .filter(|(k, _, _)| k != "//")
            .for_each(|(_, _, v)| collect_json(v, index, out)),
        _ => {}
    }
}

struct Collector<'a> {
    index: &'a LineIndex,
    /// Where the parsed text starts in the file (inside a JSON string).
    base: usize,
    out: &'a mut Vec<NameRef>,
}

impl Visit for Collector<'_> {
    fn visit_traversal(&mut self, node: &Traversal) {
        if let Expression::Variable(root) = &node.expr {
            let root_name = match root.value().as_str() {
                "var" => Some("var"),
                "local" => Some("local"),
                "module" => Some("module"),
                _ => None,
            };
            if let (Some(root_name), Some(TraversalOperator::GetAttr(name))) =
                (root_name, node.operators.first().map(|o| o.value()))
            {
                let base = self.base;
                let start = root.span().map(|s| s.start + base);
                let end =
                    |op: &hcl_edit::Decorated<TraversalOperator>| op.span().map(|s| s.end + base);
                if let (Some(start), Some(name_end)) = (start, end(&node.operators[0])) {
                    let mut output = None;
                    let mut output_at = None;
                    if root_name == "module" {
                        let mut indexed = false;
                        for op in &node.operators[1..] {
                            match op.value() {
                                TraversalOperator::GetAttr(out) => {
                                    output = Some((out.value().as_str().to_string(), indexed));
                                    output_at = end(op).map(|e| self.index.location(start..e));
                                    break;
                                }
                                _ if indexed => break,
                                _ => indexed = true,
                            }
                        }
                    }
                    self.out.push(NameRef {
                        root: root_name,
                        name: name.value().as_str().to_string(),
                        output,
                        at: self.index.location(start..name_end),
                        output_at,
                    });
                }
            }
        }
        visit_traversal(self, node);
    }
}

/// The error for a reference to `name` under `root` that the module does not declare, with a
/// suggestion from `declared`.
pub(crate) fn undeclared<'a>(
    r: &NameRef,
    declared: impl IntoIterator<Item = &'a str>,
    module_label: &str,
) -> FileError {
    let suggestion = did_you_mean(&r.name, declared);
    let (what, lead) = match r.root {
        "var" => (
            "input variable",
            format!("no variable \"{}\" is declared in {module_label}", r.name),
        ),
        "local" => (
            "local value",
            format!(
                "no local value \"{}\" is declared in {module_label}",
                r.name
            ),
        ),
        _ => (
            "module",
            format!(
                "no module call \"{}\" is declared in {module_label}",
                r.name
            ),
        ),
    };
    let hint = suggestion.map_or_else(String::new, |s| format!("; did you mean `{}.{s}`?", r.root));
    error_at(
        &r.at,
        format!(
            "reference to undeclared {what} `{}.{}`: {lead}{hint}",
            r.root, r.name
        ),
    )
}

pub(crate) fn error_at(at: &Location, message: String) -> FileError {
    FileError {
        file: at.file.clone(),
        line: at.line,
        column: at.column,
        message,
    }
}
