//! vigil's ARM front end: hand-written templates and what `bicep build` emits, evaluated the
//! way Azure Resource Manager deploys them.

pub mod expr;
pub mod functions;
mod json;
mod names;
mod template;

pub use template::{evaluate_template, is_template, parameter_file_for};

/// Parses a template's JSON (comments and trailing commas allowed) without evaluating it: the
/// first cost of every template, measured on its own by the benchmarks.
pub fn parse_json(index: &vigil_model::LineIndex) -> Result<(), vigil_model::FileError> {
    json::parse(index).map(|_| ())
}
