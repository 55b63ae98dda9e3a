//! Shared by the differential tests: comparing vigil's values with Terraform's JSON, and the
//! random expression generator.

pub mod compare;
pub mod random;
