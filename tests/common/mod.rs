//! Helpers shared by the end-to-end tests: scratch projects, running the binary, reading its
//! output.
#![allow(dead_code, unused_imports)] // each test binary uses its own subset

pub use assert_cmd::Command;
pub use serde_json::Value;
pub use std::path::{Path, PathBuf};
pub use std::process::Output;
use std::time::Duration;
pub use tempfile::TempDir;

pub fn vigil() -> Command {
    let mut cmd = Command::cargo_bin("vigil").expect("the vigil binary");
    cmd.timeout(Duration::from_secs(120));
    cmd
}

/// A scratch directory holding the given files (paths may contain `/`).
pub fn project(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write_files(dir.path(), files);
    dir
}

pub fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// A key vault with the given `network_acls` body (`None` for no block) and extra attributes.
pub fn vault(label: &str, acls: Option<(&str, &str)>, extra: &str) -> String {
    let mut s = format!(
        r#"resource "azurerm_key_vault" "{label}" {{
  name                = "kv-{label}"
  location            = "westeurope"
  resource_group_name = "rg-vigil-tests"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
{extra}"#
    );
    if let Some((bypass, default_action)) = acls {
        s.push_str(&format!(
            "\n  network_acls {{\n    bypass         = {bypass}\n    default_action = {default_action}\n  }}\n"
        ));
    }
    s.push_str("}\n");
    s
}

/// Compliant: bypass AzureServices, default_action Deny.
pub fn vault_ok() -> String {
    vault("kv", Some((r#""AzureServices""#, r#""Deny""#)), "")
}

/// Fails AZKV001 only (line 9 is the bypass).
pub fn vault_none() -> String {
    vault("kv", Some((r#""None""#, r#""Deny""#)), "")
}

/// Fails AZKV001 and AZKV002.
pub fn vault_none_allow() -> String {
    vault("kv", Some((r#""None""#, r#""Allow""#)), "")
}

/// Fails AZKV002 only (no network_acls).
pub fn vault_open() -> String {
    vault("kv", None, "")
}

/// bypass from `var.bypass`.
pub fn vault_var() -> String {
    vault("kv", Some(("var.bypass", r#""Deny""#)), "")
}

pub fn variable(default: Option<&str>) -> String {
    match default {
        Some(d) => format!("variable \"bypass\" {{\n  type    = string\n  default = \"{d}\"\n}}\n"),
        None => "variable \"bypass\" {\n  type = string\n}\n".to_string(),
    }
}

pub fn run(cmd: &mut Command) -> Output {
    let output = cmd.output().expect("vigil runs");
    assert_no_crash(&output);
    output
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The process ended on its own (no signal: no stack overflow abort, no timeout kill) and
/// did not panic.
pub fn assert_no_crash(o: &Output) {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert!(
            o.status.signal().is_none(),
            "vigil was killed by signal {:?} (crash, stack overflow or timeout); stderr:\n{}",
            o.status.signal(),
            tail(&stderr(o))
        );
    }
    assert!(
        !stderr(o).contains("panicked"),
        "vigil panicked:\n{}",
        tail(&stderr(o))
    );
}

/// stdout and stderr together: the text report carries file errors on stdout, the machine
/// formats on stderr; either way a person must see them.
pub fn all_output(o: &Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}

pub fn tail(s: &str) -> &str {
    let start = s.len().saturating_sub(2000);
    let start = (start..=s.len())
        .find(|i| s.is_char_boundary(*i))
        .unwrap_or(s.len());
    &s[start..]
}

pub fn code(o: &Output) -> i32 {
    o.status.code().expect("an exit code")
}

#[track_caller]
pub fn assert_exit(o: &Output, want: i32) {
    assert_eq!(
        code(o),
        want,
        "exit code\n--- stdout\n{}\n--- stderr\n{}",
        tail(&stdout(o)),
        tail(&stderr(o))
    );
}

pub fn sarif(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\n--- stderr\n{}",
            tail(&stdout(o)),
            tail(&stderr(o))
        )
    })
}

pub fn results(log: &Value) -> Vec<Value> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap_or_else(|| panic!("SARIF without runs[0].results: {log}"))
        .clone()
}

pub fn rule_ids(log: &Value) -> Vec<String> {
    let mut ids: Vec<String> = results(log)
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap_or("").to_string())
        .collect();
    ids.sort();
    ids
}

pub fn check_sarif(dir: &Path, extra: &[&str]) -> Output {
    run(vigil()
        .arg("check")
        .arg(dir)
        .args(["--format", "sarif"])
        .args(extra))
}
