//! vigil's ARM front end: hand-written templates and what `bicep build` emits, evaluated the
//! way Azure Resource Manager deploys them.

pub mod expr;
pub mod functions;
mod json;
mod template;

pub use template::{evaluate_template, is_template, parameter_file_for};
