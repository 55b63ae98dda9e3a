//! The GitHub Action (`action.yml`): its `vigil check` step's script, run the way the runner
//! runs it, with the inputs in the environment.

mod common;

use common::*;
use std::collections::BTreeMap;

/// The `run` script and the environment names of the action's step `id`.
fn step(id: &str) -> (String, Vec<String>) {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml"))
        .expect("action.yml at the repository root");
    let action: Value = serde_saphyr::from_str(&text).expect("action.yml is YAML");
    assert_eq!(action["runs"]["using"], "composite");
    let step = action["runs"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no step `{id}`"))
        .clone();
    assert_eq!(step["shell"], "bash");
    let env = step["env"]
        .as_object()
        .expect("the step's env")
        .keys()
        .cloned()
        .collect();
    (step["run"].as_str().expect("run").to_string(), env)
}

struct Run {
    output: Output,
    /// `$GITHUB_OUTPUT` as name -> value.
    outputs: BTreeMap<String, String>,
    summary: String,
}

/// Runs the check step in `dir` with these inputs (name as in action.yml -> value); the other
/// inputs take their defaults.
fn run_check(dir: &Path, inputs: &[(&str, &str)]) -> Run {
    let (script, env) = step("check");
    let defaults = [
        ("paths", "."),
        ("format", "github"),
        ("config", ""),
        ("baseline", ""),
        ("fail-on", ""),
        ("fail-on-unknown", "false"),
        ("sarif-file", "vigil.sarif"),
        ("sarif-category", ""),
        ("summary", "true"),
        ("args", ""),
    ];
    let github_output = dir.join("github-output");
    let summary = dir.join("step-summary.md");
    let mut cmd = std::process::Command::new("bash");
    cmd.current_dir(dir)
        .args(["-e", "-c", &script])
        .env("VIGIL", env!("CARGO_BIN_EXE_vigil"))
        .env("GITHUB_OUTPUT", &github_output)
        .env("GITHUB_STEP_SUMMARY", &summary);
    for (name, default) in defaults {
        let var = format!("INPUT_{}", name.to_uppercase().replace('-', "_"));
        assert!(env.contains(&var), "action.yml passes no {var}");
        let value = inputs
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(default, |(_, v)| v);
        cmd.env(var, value);
    }
    let output = cmd.output().expect("bash runs");
    let outputs = std::fs::read_to_string(&github_output)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Run {
        output,
        outputs,
        summary: std::fs::read_to_string(&summary).unwrap_or_default(),
    }
}

#[test]
fn the_action_annotates_summarises_and_writes_sarif() {
    let p = project(&[("infra/main.tf", &vault_none())]);
    let run = run_check(
        p.path(),
        &[("paths", "infra"), ("sarif-category", "vigil/infra")],
    );
    assert_eq!(run.output.status.code(), Some(1), "{}", stderr(&run.output));
    assert_eq!(run.outputs["exit-code"], "1");
    assert_eq!(run.outputs["sarif-file"], "vigil.sarif");
    let annotations = stdout(&run.output);
    assert!(
        annotations.starts_with("::error file=infra/main.tf,line=9,col=22,"),
        "{annotations}"
    );
    let log: Value =
        serde_json::from_slice(&std::fs::read(p.path().join("vigil.sarif")).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "AZKV001");
    assert_eq!(
        log["runs"][0]["automationDetails"]["id"], "vigil/infra/",
        "{}",
        log["runs"][0]["automationDetails"]
    );
    assert!(run.summary.contains("AZKV001"), "{}", run.summary);
}

#[test]
fn the_action_passes_its_inputs_on() {
    let p = project(&[
        ("main.tf", &vault_open()),
        ("custom.yaml", "ignore: [AZKV002]\n"),
    ]);
    // AZKV002 is medium: `fail-on: high` lets it through.
    let run = run_check(p.path(), &[("fail-on", "high"), ("summary", "false")]);
    assert_eq!(run.output.status.code(), Some(0), "{}", stderr(&run.output));
    assert_eq!(run.outputs["exit-code"], "0");
    assert!(run.summary.is_empty());
    let run = run_check(
        p.path(),
        &[("config", "custom.yaml"), ("format", "concise")],
    );
    assert_eq!(run.output.status.code(), Some(0), "{}", stderr(&run.output));
    let run = run_check(p.path(), &[("args", "--exit-zero --select AZKV002")]);
    assert_eq!(run.output.status.code(), Some(0), "{}", stderr(&run.output));
    assert!(stdout(&run.output).contains("AZKV002"));
}

#[test]
fn inputs_cannot_inject_shell_code() {
    let p = project(&[("main.tf", &vault_ok())]);
    let run = run_check(
        p.path(),
        &[
            ("paths", ". $(touch pwned)"),
            ("sarif-category", "x\"; touch pwned2; \""),
        ],
    );
    assert!(!p.path().join("pwned").exists());
    assert!(!p.path().join("pwned2").exists());
    // `$(touch pwned)` is taken as two paths that do not exist: an error, not a command.
    assert_eq!(run.outputs["exit-code"], "2", "{}", stderr(&run.output));
}
