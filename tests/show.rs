//! `vigil show`, end to end, and the evaluation fixtures that hold one semantics per construct.
//!
//! Every `tests/show/<case>/` holds the same deployment written in one or more languages
//! (`arm/`, `bicep/`, `terraform/`) and `expected.json`: the exact set of resources its entry
//! file (`main.json`, `main.bicep`; a Terraform form is its directory) deploys,
//! `[{"address", "type", "body"}]` (or `{"description", "resources": [...]}`). Each form is run
//! through `vigil show <form> --format json` and must give exactly that set, so that an ARM
//! template and its Bicep source cannot drift apart. In a body, `{"$unknown": "*"}` matches an
//! unknown whatever its reason; any other reason must match exactly. `VIGIL_SHOW=<substring>`
//! runs only the cases whose name contains it.

use assert_cmd::Command;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const FORMS: &[&str] = &["arm", "bicep", "terraform"];

fn vigil() -> Command {
    let mut cmd = Command::cargo_bin("vigil").expect("the vigil binary");
    cmd.env_remove("NO_COLOR").env_remove("GITHUB_ACTIONS");
    cmd
}

/// `vigil show` on a form: its `main.bicep` or `main.json` when it has one (the deployment and
/// what it creates, not its modules checked on their own), else the whole directory.
fn show_form(dir: &Path) -> (Value, i32, String) {
    let entry = ["main.bicep", "main.json"]
        .into_iter()
        .find(|f| dir.join(f).is_file())
        .unwrap_or(".");
    show_json(dir, entry)
}

fn show_json(dir: &Path, entry: &str) -> (Value, i32, String) {
    let out = vigil()
        .arg("show")
        .arg(entry)
        .args(["--format", "json", "--no-config"])
        .current_dir(dir)
        .output()
        .expect("vigil runs");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: not JSON ({e}): {}",
            dir.display(),
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (
        doc,
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Whether `actual` is what `expected` says, `{"$unknown": "*"}` matching any unknown.
fn matches(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            if e.len() == 1 && e.get("$unknown") == Some(&json!("*")) {
                return a.len() == 1 && a.contains_key("$unknown");
            }
            e.len() == a.len()
                && e.iter()
                    .all(|(k, v)| a.get(k).is_some_and(|av| matches(v, av)))
        }
        (Value::Array(e), Value::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(x, y)| matches(x, y))
        }
        (Value::Number(e), Value::Number(a)) => e.as_f64() == a.as_f64(),
        _ => expected == actual,
    }
}

fn key(r: &Value) -> (String, String) {
    (
        r["address"].as_str().unwrap_or("").to_string(),
        r["type"].as_str().unwrap_or("").to_ascii_lowercase(),
    )
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/show");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn every_form_of_a_case_deploys_its_expected_resources() {
    let only = std::env::var("VIGIL_SHOW").ok();
    let mut failures = String::new();
    let (mut ran, mut forms_run) = (0, 0);
    for case in cases() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let text = std::fs::read_to_string(case.join("expected.json"))
            .unwrap_or_else(|e| panic!("{name}/expected.json: {e}"));
        let expected: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}/expected.json: {e}"));
        let mut resources = match &expected {
            Value::Array(list) => list.clone(),
            Value::Object(o) => o["resources"].as_array().cloned().unwrap_or_default(),
            _ => panic!("{name}/expected.json: neither a list nor an object"),
        };
        resources.sort_by_key(key);
        let forms: Vec<&str> = FORMS
            .iter()
            .copied()
            .filter(|f| case.join(f).is_dir())
            .collect();
        assert!(
            !forms.is_empty(),
            "{name}: no arm/, bicep/ or terraform/ form"
        );
        ran += 1;
        for form in forms {
            forms_run += 1;
            let (doc, code, stderr) = show_form(&case.join(form));
            let mut actual: Vec<Value> = doc["resources"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|r| json!({"address": r["address"], "type": r["type"], "body": r["body"]}))
                .collect();
            actual.sort_by_key(key);
            if code != 0 {
                let _ = writeln!(failures, "{name}/{form}: exit {code}: {stderr}");
            }
            let same = actual.len() == resources.len()
                && resources
                    .iter()
                    .zip(&actual)
                    .all(|(e, a)| key(e) == key(a) && matches(&e["body"], &a["body"]));
            if !same {
                let _ = writeln!(
                    failures,
                    "{name}/{form}: resources differ\nexpected: {}\nactual:   {}",
                    serde_json::to_string_pretty(&resources).unwrap(),
                    serde_json::to_string_pretty(&actual).unwrap()
                );
            }
        }
    }
    if only.is_none() {
        assert!(ran >= 1, "no case under tests/show");
    }
    eprintln!("show fixtures: {ran} cases, {forms_run} forms");
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn show_prints_the_bundled_examples_as_a_tree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = vigil()
        .args(["show", "examples", "--no-config"])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // Each vault with its address, type and line, its evaluated name and bypass.
    assert!(text.contains("azurerm_key_vault.app  Microsoft.KeyVault/vaults  terraform/main.tf:"));
    assert!(text.contains("  name: \"kv-app-prod\"\n"), "{text}");
    assert!(text.contains("      bypass: \"None\"\n"), "{text}");
    assert!(
        text.contains("(unknown: `resourceGroup().location` is known only at deployment)"),
        "{text}"
    );
    let last = text.lines().last().unwrap();
    assert!(last.ends_with(" resources"), "{last}");
    // The same bytes on every run, whatever the thread count.
    let again = vigil()
        .args(["show", "examples", "--no-config", "--threads", "1"])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(again.stdout).unwrap(), text);
}

#[test]
fn show_leaves_out_what_is_not_deployed_and_reports_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.bicep"),
        "param deploy bool = false\n\
         resource old 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'old'\n}\n\
         resource off 'Microsoft.KeyVault/vaults@2023-07-01' = if (deploy) {\n  name: 'off'\n}\n\
         resource none 'Microsoft.KeyVault/vaults@2023-07-01' = [for x in []: {\n  name: x\n}]\n\
         resource on 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'on'\n  dependsOn: [old]\n}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.bicep"), "param = \n").unwrap();
    let (doc, code, stderr) = show_json(dir.path(), ".");
    assert_eq!(code, 2, "a file that does not parse is an error: {stderr}");
    assert_eq!(doc["version"], 1);
    let resources = doc["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 1, "{doc}");
    assert_eq!(resources[0]["address"], "on");
    assert_eq!(resources[0]["file"], "main.bicep");
    assert_eq!(resources[0]["line"], 11);
    assert_eq!(resources[0]["body"], json!({"name": "on"}));
    let errors = doc["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["file"] == "broken.bicep" && e["line"] == 1),
        "{doc}"
    );
    assert!(stderr.contains("broken.bicep:1"), "{stderr}");
}
