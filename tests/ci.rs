//! End-to-end tests of what teams use vigil for in CI: the configuration file, suppressions
//! with expiry, baselines, gating by severity and several reports at once.

mod common;

use common::*;

fn check(dir: &Path, extra: &[&str]) -> Output {
    run(vigil().current_dir(dir).arg("check").args(extra))
}

fn json_findings(o: &Output) -> Vec<Value> {
    let doc: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", stdout(o), stderr(o)));
    doc["findings"].as_array().expect("findings").clone()
}

/// `(rule, suppression kind or "")` for each finding of a JSON report.
fn verdicts(o: &Output) -> Vec<(String, String)> {
    json_findings(o)
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap_or_default().to_string(),
                f["suppression"]["kind"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------- configuration

#[test]
fn config_is_found_in_the_scan_root_or_above() {
    let p = project(&[
        ("vigil.yaml", "ignore: [AZKV002]\n"),
        ("envs/prod/main.tf", &vault_none_allow()),
    ]);
    let o = run(vigil()
        .current_dir(p.path().join("envs/prod"))
        .args(["check", "--format", "json"]));
    assert_exit(&o, 1);
    assert_eq!(verdicts(&o), [("AZKV001".into(), String::new())]);
    // `--no-config` sees both rules again.
    let o = run(vigil().current_dir(p.path().join("envs/prod")).args([
        "check",
        "--no-config",
        "--format",
        "json",
    ]));
    assert_eq!(json_findings(&o).len(), 2);
}

#[test]
fn dot_vigil_yaml_and_explicit_config() {
    let p = project(&[
        (".vigil.yaml", "select: [AZKV002]\n"),
        ("other.yaml", "select: [AZKV001]\n"),
        ("main.tf", &vault_none_allow()),
    ]);
    let o = check(p.path(), &["--format", "json"]);
    assert_eq!(verdicts(&o), [("AZKV002".into(), String::new())]);
    let o = check(p.path(), &["--format", "json", "--config", "other.yaml"]);
    assert_eq!(verdicts(&o), [("AZKV001".into(), String::new())]);
}

#[test]
fn a_bad_config_is_an_error_with_line_and_column() {
    let p = project(&[
        ("vigil.yaml", "select: [AZKV001]\nfail-on: severe\n"),
        ("main.tf", &vault_none()),
    ]);
    let o = check(p.path(), &[]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("vigil.yaml:2:10: error: `severe` is not a severity to fail on"),
        "{}",
        stderr(&o)
    );

    let p = project(&[
        ("vigil.yaml", "selec: [AZKV001]\n"),
        ("main.tf", &vault_none()),
    ]);
    let o = check(p.path(), &[]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("vigil.yaml:1:1: error:"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("selec"), "{}", stderr(&o));

    let p = project(&[
        (
            "vigil.yaml",
            "ignores:\n  - rule: AZKV001\n    path: main.tf\n",
        ),
        ("main.tf", &vault_none()),
    ]);
    let o = check(p.path(), &[]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("vigil.yaml:2:5: error: an ignore needs a `reason`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn include_and_exclude_globs() {
    let p = project(&[
        ("vigil.yaml", "exclude: [legacy, 'envs/dev']\n"),
        ("legacy/main.tf", &vault_none()),
        ("envs/dev/main.tf", &vault_none()),
        ("envs/prod/main.tf", &vault_none()),
        ("envs/prod/legacy/main.tf", &vault_none()),
    ]);
    let o = check(p.path(), &["--format", "json"]);
    let files: Vec<String> = json_findings(&o)
        .iter()
        .map(|f| f["location"]["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files, ["envs/prod/main.tf"]);
    // Excluded files named on the command line (pre-commit passes them) stay unchecked.
    let o = run(vigil()
        .current_dir(p.path())
        .args(["check", "legacy/main.tf"]));
    assert_exit(&o, 0);

    let p = project(&[
        ("vigil.yaml", "include: ['envs/*/main.tf']\n"),
        ("envs/dev/main.tf", &vault_none()),
        ("other/main.tf", &vault_none()),
    ]);
    let o = check(p.path(), &["--format", "json"]);
    assert_eq!(json_findings(&o).len(), 1);
    assert_eq!(json_findings(&o)[0]["location"]["file"], "envs/dev/main.tf");
}

#[test]
fn gitignore_is_honoured_unless_turned_off() {
    let p = project(&[
        (".gitignore", "generated/\n"),
        ("generated/main.tf", &vault_none()),
    ]);
    std::fs::create_dir(p.path().join(".git")).unwrap();
    assert_exit(&check(p.path(), &[]), 0);
    write_files(p.path(), &[("vigil.yaml", "respect-gitignore: false\n")]);
    assert_exit(&check(p.path(), &[]), 1);
}

#[test]
fn severity_overrides_and_fail_on() {
    let p = project(&[("main.tf", &vault_open())]);
    // AZKV002 is medium: a gate at high lets it through, one at medium does not.
    assert_exit(&check(p.path(), &["--fail-on", "high"]), 0);
    assert_exit(&check(p.path(), &["--fail-on", "medium"]), 1);
    assert_exit(&check(p.path(), &["--fail-on", "low"]), 1);
    write_files(
        p.path(),
        &[(
            "vigil.yaml",
            "severity:\n  AZKV002: critical\nfail-on: high\n",
        )],
    );
    let o = check(p.path(), &["--format", "json"]);
    assert_exit(&o, 1);
    assert_eq!(json_findings(&o)[0]["severity"], "critical");
    let o = check(p.path(), &["--format", "sarif"]);
    let rules = serde_json::from_slice::<Value>(&o.stdout).unwrap()["runs"][0]["tool"]["driver"]
        ["rules"]
        .clone();
    let azkv002 = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "AZKV002")
        .unwrap()
        .clone();
    assert_eq!(azkv002["properties"]["security-severity"], "9.5");
    // The command line wins over the configuration.
    assert_exit(&check(p.path(), &["--fail-on", "critical"]), 1);
    write_files(p.path(), &[("vigil.yaml", "severity:\n  AZKV002: low\n")]);
    assert_exit(&check(p.path(), &["--fail-on", "medium"]), 0);
}

#[test]
fn severity_for_an_unknown_rule_is_an_error() {
    let p = project(&[
        ("vigil.yaml", "severity:\n  AZKV999: high\n"),
        ("main.tf", &vault_ok()),
    ]);
    let o = check(p.path(), &[]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("unknown rule `AZKV999`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn terraform_vars_and_var_files_from_the_config() {
    let p = project(&[
        ("vigil.yaml", "terraform:\n  vars:\n    bypass: None\n"),
        ("main.tf", &vault_var()),
        ("variables.tf", &variable(Some("AzureServices"))),
    ]);
    assert_exit(&check(p.path(), &[]), 1);
    // `--var` wins over the configuration.
    assert_exit(&check(p.path(), &["--var", "bypass=AzureServices"]), 0);
    write_files(
        p.path(),
        &[
            ("vigil.yaml", "terraform:\n  var-files: [env/prod.tfvars]\n"),
            ("env/prod.tfvars", "bypass = \"None\"\n"),
        ],
    );
    assert_exit(&check(p.path(), &[]), 1);
}

#[test]
fn vigil_config_prints_the_effective_configuration() {
    let p = project(&[(
        "vigil.yaml",
        "ignore: [AZKV002]\nignores:\n  - rule: AZKV001\n    path: legacy\n    reason: moving out\n    expires: 2027-06-30\n",
    )]);
    let o = run(vigil().current_dir(p.path()).arg("config"));
    assert_exit(&o, 0);
    let text = stdout(&o);
    assert!(text.starts_with("# configuration: "), "{text}");
    for want in [
        "respect-gitignore: true",
        "fail-on: any",
        "inline-ignores: true",
        "AZKV001: medium",
        "reason: moving out",
        "expires: \"2027-06-30\"",
    ] {
        assert!(text.contains(want), "`{want}` missing:\n{text}");
    }
    assert!(!text.contains("AZKV002: medium"), "{text}");
    let empty = project(&[]);
    let o = run(vigil()
        .current_dir(empty.path())
        .args(["config", "--config", "/dev/null"]));
    assert_exit(&o, 0);
}

// ---------------------------------------------------------------- suppressions

#[test]
fn an_expired_config_ignore_fails_again_and_warns() {
    let p = project(&[
        (
            "vigil.yaml",
            "ignores:\n  - rule: AZKV001\n    path: legacy\n    resource: 'azurerm_key_vault.*'\n    reason: old vault, moving out\n    expires: 2020-01-31\n  - rule: AZKV001\n    path: current\n    reason: tracked in JIRA-12\n    expires: 2999-12-31\n",
        ),
        ("legacy/main.tf", &vault_none()),
        ("current/main.tf", &vault_none()),
    ]);
    let o = check(p.path(), &["--format", "json"]);
    assert_exit(&o, 1);
    assert_eq!(
        verdicts(&o),
        [
            ("AZKV001".into(), "config".into()),
            ("AZKV001".into(), String::new())
        ]
    );
    assert!(
        stderr(&o).contains(
            "vigil.yaml:2:5: warning: ignore of AZKV001 in `legacy` on `azurerm_key_vault.*` \
             (old vault, moving out) expired on 2020-01-31; 1 finding is reported again"
        ),
        "{}",
        stderr(&o)
    );
    let suppressed = &json_findings(&o)[0]["suppression"];
    assert_eq!(suppressed["reason"], "tracked in JIRA-12");
    assert_eq!(suppressed["location"]["file"], "vigil.yaml");
    assert_eq!(suppressed["location"]["line"], 7);
}

#[test]
fn an_unused_config_ignore_warns() {
    let p = project(&[
        (
            "vigil.yaml",
            "ignores:\n  - rule: AZKV002\n    resource: 'module.gone.*'\n    reason: nothing\n",
        ),
        ("main.tf", &vault_none()),
    ]);
    let o = check(p.path(), &[]);
    assert!(
        stderr(&o).contains(
            "vigil.yaml:2:5: warning: unused ignore: no finding of AZKV002 on `module.gone.*` here"
        ),
        "{}",
        stderr(&o)
    );
    // With only some files named (pre-commit), an ignore for the others is not unused.
    let o = run(vigil().current_dir(p.path()).args(["check", "main.tf"]));
    assert!(!stderr(&o).contains("unused ignore"), "{}", stderr(&o));
}

#[test]
fn inline_until_and_no_inline_ignores() {
    let tf = |until: &str| {
        vault(
            "kv",
            Some((
                &format!("\"None\" # vigil:ignore AZKV001 until {until} -- VM migration"),
                r#""Deny""#,
            )),
            "",
        )
    };
    let p = project(&[("main.tf", &tf("2999-12-31"))]);
    let o = check(p.path(), &["--format", "json"]);
    assert_exit(&o, 0);
    assert_eq!(verdicts(&o), [("AZKV001".into(), "inline".into())]);
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));

    // A central team can refuse inline suppressions, on the command line or in the config.
    let o = check(p.path(), &["--format", "json", "--no-inline-ignores"]);
    assert_exit(&o, 1);
    assert_eq!(verdicts(&o), [("AZKV001".into(), String::new())]);
    write_files(p.path(), &[("vigil.yaml", "inline-ignores: false\n")]);
    assert_exit(&check(p.path(), &[]), 1);

    let p = project(&[("main.tf", &tf("2020-06-30"))]);
    let o = check(p.path(), &[]);
    assert_exit(&o, 1);
    assert!(
        stderr(&o).contains(
            "main.tf:9:29: warning: suppression of AZKV001 expired on 2020-06-30; 1 finding is \
             reported again"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unused_inline_suppressions_warn() {
    let p = project(&[(
        "main.tf",
        &format!(
            "# vigil:ignore AZKV002 -- not needed any more\n{}",
            vault_none()
        ),
    )]);
    let o = check(p.path(), &[]);
    assert_exit(&o, 1);
    assert!(
        stderr(&o).contains("main.tf:1:1: warning: unused suppression: no finding of AZKV002 here"),
        "{}",
        stderr(&o)
    );
    // A directive for a rule that did not run is not unused.
    let o = check(p.path(), &["--select", "AZKV001"]);
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
}

// ---------------------------------------------------------------- baseline

/// The failing vault `kv` moved 20 lines down, reformatted (attributes reordered and
/// re-aligned, the block on other lines), and a new failing vault `new` beside it.
fn moved_and_reformatted() -> String {
    let mut s = "# padding\n".repeat(20);
    s.push_str(
        r#"resource "azurerm_key_vault"   "kv"   {
    sku_name = "standard"
    tenant_id = "00000000-0000-0000-0000-000000000000"
    network_acls {
        default_action = "Deny"
        bypass = "None"
    }
    name = "kv-kv"
    resource_group_name = "rg-vigil-tests"
    location = "westeurope"
}
"#,
    );
    s
}

#[test]
fn baseline_hides_old_findings_after_a_move_and_a_reformat() {
    let p = project(&[("main.tf", &vault_none_allow())]);
    let o = run(vigil().current_dir(p.path()).args(["baseline", "."]));
    assert_exit(&o, 0);
    assert!(
        stderr(&o).contains("Recorded 2 findings in vigil-baseline.json"),
        "{}",
        stderr(&o)
    );
    let recorded: Value =
        serde_json::from_slice(&std::fs::read(p.path().join("vigil-baseline.json")).unwrap())
            .unwrap();
    assert_eq!(recorded["version"], 1);
    assert_eq!(recorded["findings"].as_array().unwrap().len(), 2);

    std::fs::write(p.path().join("main.tf"), moved_and_reformatted()).unwrap();
    let o = check(p.path(), &["--baseline", "vigil-baseline.json"]);
    // AZKV002 no longer fails (default_action is Deny now): one entry is stale.
    assert_exit(&o, 0);
    assert!(
        stdout(&o).contains(
            "1 finding hidden by baseline vigil-baseline.json; 1 baseline entry no longer matches"
        ),
        "{}",
        stdout(&o)
    );

    // A new failing vault is reported; the old one stays hidden.
    let mut text = moved_and_reformatted();
    text.push_str(&vault("new", Some((r#""None""#, r#""Deny""#)), ""));
    std::fs::write(p.path().join("main.tf"), text).unwrap();
    let o = check(
        p.path(),
        &["--baseline", "vigil-baseline.json", "--format", "json"],
    );
    assert_exit(&o, 1);
    let unsuppressed: Vec<String> = json_findings(&o)
        .iter()
        .filter(|f| f["suppression"].is_null())
        .map(|f| f["resource"]["address"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(unsuppressed, ["azurerm_key_vault.new"]);
}

#[test]
fn baseline_from_the_config_and_bad_baselines() {
    let p = project(&[("main.tf", &vault_none())]);
    let o = run(vigil()
        .current_dir(p.path())
        .args(["baseline", "--output", "ci/base.json"]));
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("cannot write ci/base.json"),
        "{}",
        stderr(&o)
    );
    std::fs::create_dir(p.path().join("ci")).unwrap();
    let o = run(vigil()
        .current_dir(p.path())
        .args(["baseline", "--output", "ci/base.json"]));
    assert_exit(&o, 0);
    write_files(p.path(), &[("vigil.yaml", "baseline: ci/base.json\n")]);
    assert_exit(&check(p.path(), &[]), 0);

    write_files(
        p.path(),
        &[("ci/base.json", "{\"version\": 1,\n \"findings\": 3}")],
    );
    let o = check(p.path(), &[]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains(
            "ci/base.json:2:14: not a vigil baseline: invalid type: integer `3`, expected a sequence\n"
        ),
        "{}",
        stderr(&o)
    );
    let o = check(p.path(), &["--baseline", "missing.json"]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("missing.json: cannot read the baseline"),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------- reports

#[test]
fn several_reports_at_once() {
    let p = project(&[("main.tf", &vault_none())]);
    let o = check(
        p.path(),
        &[
            "--format",
            "sarif:out/results.sarif",
            "--format",
            "json:out.json",
            "--format",
            "text",
        ],
    );
    // The directory for the SARIF file does not exist: an error naming it.
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("out/results.sarif"), "{}", stderr(&o));

    let o = check(
        p.path(),
        &[
            "--format",
            "sarif:results.sarif",
            "--format",
            "json:out.json",
            "--format",
            "text",
        ],
    );
    assert_exit(&o, 1);
    assert!(stdout(&o).contains("AZKV001"), "{}", stdout(&o));
    let log: Value =
        serde_json::from_slice(&std::fs::read(p.path().join("results.sarif")).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 1);
    let doc: Value =
        serde_json::from_slice(&std::fs::read(p.path().join("out.json")).unwrap()).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1);

    let o = check(p.path(), &["--format", "json", "--format", "text"]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("only one report can go to standard output"),
        "{}",
        stderr(&o)
    );
    let o = check(p.path(), &["--format", "yaml"]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("unknown format `yaml`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn arm_parameter_files_from_the_config() {
    let template = std::fs::read_to_string("examples/arm/azuredeploy.json").unwrap();
    let params = |bypass: &str| {
        format!(
            r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {{ "environment": {{ "value": "prod" }}, "reportsBypass": {{ "value": "{bypass}" }} }}
}}
"#
        )
    };
    let p = project(&[
        ("templates/main.json", &template),
        ("envs/prod.parameters.json", &params("None")),
        ("envs/dev.parameters.json", &params("AzureServices")),
    ]);
    // No parameter file beside the template: the defaults hold.
    let defaults = check(p.path(), &["--format", "json", "--no-config"]);
    write_files(
        p.path(),
        &[(
            "vigil.yaml",
            "arm:\n  parameters:\n    'templates/*.json': envs/prod.parameters.json\n",
        )],
    );
    let o = check(p.path(), &["--format", "json"]);
    assert_exit(&o, 1);
    let azkv001 = |o: &Output| {
        json_findings(o)
            .iter()
            .filter(|f| f["rule_id"] == "AZKV001")
            .count()
    };
    assert_eq!(azkv001(&o), 1, "{}", stdout(&o));
    assert_eq!(
        json_findings(&o)[0]["location"]["file"],
        "envs/prod.parameters.json"
    );
    // `--parameters` wins over the configuration.
    let o = check(
        p.path(),
        &[
            "--format",
            "json",
            "--parameters",
            "envs/dev.parameters.json",
        ],
    );
    assert_eq!(azkv001(&o), azkv001(&defaults));
    assert_eq!(azkv001(&o), 0);
    // A parameter file the configuration names must exist.
    write_files(
        p.path(),
        &[(
            "vigil.yaml",
            "arm:\n  parameters:\n    'x.json': missing.json\n",
        )],
    );
    assert_exit(&check(p.path(), &[]), 2);
}

#[test]
fn baseline_survives_reformatting_an_arm_template() {
    let vault = |bypass: &str| {
        serde_json::json!({
            "type": "Microsoft.KeyVault/vaults",
            "apiVersion": "2023-07-01",
            "name": "kv-legacy",
            "location": "westeurope",
            "properties": {
                "tenantId": "00000000-0000-0000-0000-000000000000",
                "sku": {"family": "A", "name": "standard"},
                "networkAcls": {"bypass": bypass, "defaultAction": "Deny"}
            }
        })
    };
    // serde_json writes keys in order: `metadata` comes before `resources`.
    let template = |metadata: serde_json::Map<String, Value>, resources: Vec<Value>| {
        serde_json::json!({
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "metadata": metadata,
            "resources": resources
        })
    };
    let compact =
        serde_json::to_string(&template(Default::default(), vec![vault("None")])).unwrap();
    let p = project(&[("main.json", &compact)]);
    assert_exit(&run(vigil().current_dir(p.path()).arg("baseline")), 0);

    // Pretty-printed, with twenty variables above the vault: every line and column moves.
    let variables = (0..20).map(|i| (format!("v{i}"), Value::from(i))).collect();
    let pretty = serde_json::to_string_pretty(&template(variables, vec![vault("None")])).unwrap();
    std::fs::write(p.path().join("main.json"), pretty).unwrap();
    let o = check(
        p.path(),
        &["--baseline", "vigil-baseline.json", "--format", "json"],
    );
    assert_exit(&o, 0);
    assert_eq!(verdicts(&o), [("AZKV001".into(), "baseline".into())]);
    assert!(
        json_findings(&o)[0]["location"]["line"].as_u64().unwrap() > 20,
        "{}",
        stdout(&o)
    );
}

#[test]
fn root_sets_what_paths_are_relative_to() {
    let p = project(&[("infra/main.tf", &vault_none())]);
    let file = |o: &Output| json_findings(o)[0]["location"]["file"].clone();
    assert_eq!(
        file(&check(p.path(), &["infra", "--format", "json"])),
        "main.tf"
    );
    assert_eq!(
        file(&check(
            p.path(),
            &["infra", "--root", ".", "--format", "json"]
        )),
        "infra/main.tf"
    );
    let abs = p.path().to_str().unwrap();
    assert_eq!(
        file(&check(
            p.path(),
            &["infra", "--root", abs, "--format", "json"]
        )),
        "infra/main.tf"
    );
}

#[test]
fn every_format_from_the_command_line() {
    let p = project(&[
        ("a/main.tf", &vault_none_allow()),
        ("b/main.tf", &vault_none()),
        ("c/main.tf", "resource \"azurerm_key_vault\" {\n"),
    ]);
    let out = |format: &str| {
        let o = check(p.path(), &["--format", format]);
        assert_exit(&o, 2);
        stdout(&o)
    };
    assert_eq!(
        out("concise").matches(": AZKV00").count(),
        3,
        "{}",
        out("concise")
    );
    let lines = out("json-lines");
    let types: Vec<String> = lines
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("one JSON object per line")["type"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(types, ["finding", "finding", "finding", "error", "summary"]);
    assert_eq!(
        out("github").matches("::error file=").count(),
        4,
        "{}",
        out("github")
    );
    let gitlab: Value = serde_json::from_str(&out("gitlab")).unwrap();
    assert_eq!(gitlab.as_array().unwrap().len(), 3);
    assert!(out("junit").starts_with("<?xml"), "{}", out("junit"));
    assert!(
        out("markdown").contains("| `AZKV001`"),
        "{}",
        out("markdown")
    );

    let o = check(p.path(), &["--statistics"]);
    assert_exit(&o, 2);
    let stats = stdout(&o);
    assert!(
        stats.contains("2\tAZKV001") || stats.contains("2  AZKV001"),
        "{stats}"
    );
    // Reports to files are unchanged by --statistics.
    let o = check(
        p.path(),
        &[
            "--statistics",
            "--format",
            "json:r.json",
            "--sarif-category",
            "iac",
        ],
    );
    assert_exit(&o, 2);
    let doc: Value =
        serde_json::from_slice(&std::fs::read(p.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 3);
    let o = check(
        p.path(),
        &["--format", "sarif", "--sarif-category", "iac/terraform"],
    );
    let log: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(log["runs"][0]["automationDetails"]["id"], "iac/terraform/");
}

#[test]
fn github_format_annotates_suppression_warnings() {
    let p = project(&[
        (
            "vigil.yaml",
            "ignores:\n  - rule: AZKV001\n    reason: legacy\n    expires: 2020-01-31\n",
        ),
        ("main.tf", &vault_none()),
    ]);
    let o = check(p.path(), &["--format", "github"]);
    assert_exit(&o, 1);
    let out = stdout(&o);
    assert!(out.contains("::error file=main.tf,line=9,"), "{out}");
    assert!(
        out.contains(
            "::warning file=vigil.yaml,line=2,col=5,title=vigil%3A suppression::ignore of AZKV001 \
             (legacy) expired on 2020-01-31; 1 finding is reported again"
        ),
        "{out}"
    );
    // The warning is on stderr as ever, whatever the format.
    assert!(
        stderr(&o).contains("warning: ignore of AZKV001"),
        "{}",
        stderr(&o)
    );
    let o = check(p.path(), &["--format", "json"]);
    assert!(!stdout(&o).contains("::warning"));
}
