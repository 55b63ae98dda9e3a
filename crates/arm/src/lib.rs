//! vigil's ARM front end: hand-written templates and what `bicep build` emits.

pub mod expr;
pub mod functions;
