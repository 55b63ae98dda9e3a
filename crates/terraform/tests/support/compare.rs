//! vigil's values against the JSON `terraform show -json` prints for outputs.

use std::path::Path;
use vigil_model::{Val, Value};
use vigil_terraform::Options;

pub enum Verdict {
    Equal,
    /// vigil does not know the value (or a part of it): why.
    Unknown(String),
    /// vigil knows a different value: vigil's, as JSON.
    Different(String),
}

pub fn compare(got: &Val, want: &serde_json::Value) -> Verdict {
    if let Some((u, _)) = got.first_unknown() {
        return Verdict::Unknown(u.reason.clone());
    }
    if same(got, want) {
        Verdict::Equal
    } else {
        Verdict::Different(got.to_json().to_string())
    }
}

/// Structural equality, numbers compared as numbers: Terraform prints its 512-bit numbers in
/// the shortest form that reads back (`100000000000000000000`), vigil holds an f64.
fn same(got: &Val, want: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (&got.value, want) {
        (Value::Null, J::Null) => true,
        (Value::Bool(a), J::Bool(b)) => a == b,
        (Value::Number(a), J::Number(b)) => b.as_f64() == Some(*a),
        (Value::String(a), J::String(b)) => a == b,
        (Value::List(a), J::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Object(a), J::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, x)| b.get(k).is_some_and(|y| same(x, y)))
        }
        _ => false,
    }
}

/// The options a case gives Terraform in its `args` file, one `terraform plan` argument a
/// line: `-var=NAME=VALUE` or `-var-file=FILE` (relative to the case).
pub fn options_for(dir: &Path) -> Options {
    let mut opts = Options::default();
    let Ok(text) = std::fs::read_to_string(dir.join("args")) else {
        return opts;
    };
    for line in text.lines().filter(|l| !l.is_empty()) {
        if let Some(rest) = line.strip_prefix("-var=") {
            let (name, value) = rest.split_once('=').expect("-var=NAME=VALUE");
            opts.vars.push((name.to_string(), value.to_string()));
        } else if let Some(file) = line.strip_prefix("-var-file=") {
            opts.var_files.push(dir.join(file));
        } else {
            panic!("{}: unsupported argument {line}", dir.display());
        }
    }
    opts
}
