//! vigil's Bicep front end: a hand-written lexer and recursive-descent parser with byte spans.
//!
//! [`parse`] reads a `.bicep` or `.bicepparam` file and always returns a [`Program`]: syntax
//! errors are collected with their byte span and the parser carries on at the next line or
//! declaration, so one broken declaration does not hide the rest of the file. Nesting is
//! limited to [`vigil_model::limits::BICEP_HOLE_DEPTH`] levels (reported as a syntax error) so no input can overflow the
//! stack. Byte offsets convert to line/column with `vigil_model::LineIndex`.
//!
//! The tree ([`ast`]) keeps the source shape: [`Program`] holds [`Statement`]s (decorators,
//! a [`StatementKind`], a span), expressions are [`Expr`] (an [`ExprKind`] and a span) and
//! type annotations are [`TypeExpr`]. Keywords are contextual, as in Bicep: `type`, `resource`
//! and friends are ordinary identifiers wherever a declaration cannot start. Line breaks
//! separate array and object items and declarations; elsewhere they are free.
//!
//! ```
//! let parsed = vigil_bicep::parse("param name string = 'kv' // vigil:ignore AZKV001\n");
//! assert!(parsed.errors.is_empty());
//! assert_eq!(parsed.program.statements[0].name().unwrap().name, "name");
//! assert_eq!(parsed.comments, [25..48]);
//! ```

pub mod ast;
mod eval;
mod lexer;
mod names;
mod parser;

use std::ops::Range;

pub use ast::*;

/// A syntax error at a byte range of the source.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SyntaxError {
    pub message: String,
    pub span: Range<usize>,
}

impl SyntaxError {
    pub(crate) fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        SyntaxError {
            message: message.into(),
            span,
        }
    }
}

/// The result of parsing one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub program: Program,
    /// Sorted by offset; empty when the file is well-formed.
    pub errors: Vec<SyntaxError>,
    /// Byte ranges of every `//` and `/* */` comment, delimiters included (for `vigil:ignore`).
    pub comments: Vec<Range<usize>>,
}

/// Parses a `.bicep` or `.bicepparam` file.
pub fn parse(text: &str) -> Parsed {
    let lexed = lexer::lex(text, 0, text.len());
    let mut p = parser::Parser::new(text, lexed.tokens, 0);
    let program = p.program();
    let mut errors = lexed.errors;
    errors.append(&mut p.errors);
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    errors.dedup_by(|a, b| a.span.start == b.span.start);
    Parsed {
        program,
        errors,
        comments: lexed.comments,
    }
}

/// Byte ranges of the comments in `text` (strings are skipped, so `//` inside a URL string is
/// not a comment). Comments inside `${}` holes of strings are not included.
pub fn comments(text: &str) -> Vec<Range<usize>> {
    lexer::lex(text, 0, text.len()).comments
}

/// Whether a file is Bicep source (a unit of its own).
pub fn is_bicep_file(name: &str) -> bool {
    name.ends_with(".bicep") || name.ends_with(".bicepparam")
}

/// The JSON parameter file that belongs to a Bicep file: `X.parameters.json` beside `X.bicep`
/// (the Azure convention, as `az deployment ... --parameters` is given it), when it is there.
/// Files per environment (`X.parameters.prod.json`) are not taken: which one a deployment uses
/// is not written anywhere, and a `.bicepparam` says it with `using`.
pub fn parameter_file_for(bicep: &std::path::Path) -> Option<std::path::PathBuf> {
    let name = bicep.file_name()?.to_str()?;
    let stem = name.strip_suffix(".bicep")?;
    let candidate = bicep.with_file_name(format!("{stem}.parameters.json"));
    vigil_model::files::is_file(&candidate).then_some(candidate)
}

/// Evaluates a `.bicep` file with its parameters' defaults (or the values of the
/// `X.parameters.json` beside it, see [`parameter_file_for`]), or a `.bicepparam` file as the
/// template it is `using` with the values it gives.
pub fn evaluate_file(
    path: &std::path::Path,
    display: &dyn Fn(&std::path::Path) -> String,
) -> vigil_model::UnitOutput {
    evaluate_file_with(path, display, None)
}

/// [`evaluate_file`] with a JSON parameter file named by the user (`--parameters`, or the
/// configuration) in place of the one beside a `.bicep` file. A `.bicepparam` file keeps its
/// own values.
pub fn evaluate_file_with(
    path: &std::path::Path,
    display: &dyn Fn(&std::path::Path) -> String,
    parameters: Option<&std::path::Path>,
) -> vigil_model::UnitOutput {
    let (mut out, errors) =
        vigil_model::budget::unit(|| evaluate_file_within(path, display, parameters));
    out.errors.extend(errors);
    out
}

fn evaluate_file_within(
    path: &std::path::Path,
    display: &dyn Fn(&std::path::Path) -> String,
    parameters: Option<&std::path::Path>,
) -> vigil_model::UnitOutput {
    let mut out = vigil_model::UnitOutput::default();
    let Some(file) = eval::load(path, display, &mut out) else {
        return out;
    };
    let mut chain = vec![path.to_path_buf()];
    if path.extension().is_some_and(|e| e == "bicepparam") {
        let (using, given) = eval::bicepparam(&file);
        out.files.push(file.source());
        if let Some((using, at)) = using {
            if let Some(template) = eval::using_target(&file, &using, &at, display, &mut out) {
                if template.complete && file.complete {
                    eval::undeclared_params(&file, &template, &mut out.errors);
                }
                chain.push(template.path.clone());
                eval::evaluate(&template, given, "", &mut chain, display, &mut out);
                out.files.push(template.source());
            }
        }
    } else {
        let json = parameters
            .map(std::path::Path::to_path_buf)
            .or_else(|| parameter_file_for(path));
        let given = match json {
            Some(json) => eval::json_parameters(&file, &json, display, &mut out),
            None => Default::default(),
        };
        eval::evaluate(&file, given, "", &mut chain, display, &mut out);
        out.files.push(file.source());
    }
    // A module called twice is read twice: its errors count once.
    let mut seen = std::collections::BTreeSet::new();
    out.errors.retain(|e| seen.insert(e.clone()));
    let mut seen = std::collections::BTreeSet::new();
    out.unchecked.retain(|u| seen.insert(u.clone()));
    out
}
