//! No silent passes: what vigil finds in a tree, how it counts and names it, and how it says
//! what it did not check. End to end, the way a user meets it.

mod common;

use common::*;
use std::collections::BTreeSet;

/// A Bicep vault whose bypass is `None` (line 6).
const BICEP_NONE: &str = "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-bicep'
  location: 'westeurope'
  properties: {
    networkAcls: {
      bypass: 'None'
      defaultAction: 'Deny'
    }
  }
}
";

/// An ARM template with one vault whose bypass is `None`, of the given type.
fn arm(azure_type: &str, generator: Option<&str>) -> String {
    let metadata = generator
        .map(|g| {
            format!(
                r#""metadata": {{"_generator": {{"name": "{g}", "version": "0.30.3.12046"}}}},"#
            )
        })
        .unwrap_or_default();
    format!(
        r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  {metadata}
  "resources": [
    {{
      "type": "{azure_type}",
      "apiVersion": "2023-07-01",
      "name": "kv-arm",
      "location": "westeurope",
      "properties": {{
        "networkAcls": {{ "bypass": "None", "defaultAction": "Deny" }}
      }}
    }}
  ]
}}
"#
    )
}

fn arm_none() -> String {
    arm("Microsoft.KeyVault/vaults", None)
}

const PARAMETERS: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "bypass": { "value": "None" } }
}
"#;

fn uris(log: &Value) -> Vec<String> {
    results(log)
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

// ---------------------------------------------------------------- discovery

#[test]
fn hidden_directories_are_scanned_in_every_language() {
    let p = project(&[
        (".azure/main.bicep", BICEP_NONE),
        (".deploy/azuredeploy.json", &arm_none()),
        (".infra/main.tf", &vault_none()),
    ]);
    let o = check_sarif(p.path(), &["--select", "AZKV001"]);
    assert_exit(&o, 1);
    assert_eq!(
        sorted(uris(&sarif(&o))),
        [
            ".azure/main.bicep",
            ".deploy/azuredeploy.json",
            ".infra/main.tf"
        ]
    );
}

#[test]
fn git_terraform_and_gitignored_directories_are_not_walked() {
    let p = project(&[
        (".git/main.tf", &vault_none()),
        (".git/HEAD", "ref: refs/heads/main\n"),
        (".terraform/modules/x/main.tf", &vault_none()),
        ("ignored/main.bicep", BICEP_NONE),
        ("build/azuredeploy.json", &arm_none()),
        (".gitignore", "ignored/\n"),
        ("vigil.yaml", "exclude:\n  - build/\n"),
        ("main.tf", &vault_ok()),
    ]);
    let o = check_sarif(p.path(), &[]);
    assert_exit(&o, 0);
    assert!(results(&sarif(&o)).is_empty());
}

#[test]
fn a_run_that_finds_nothing_to_check_says_so() {
    let p = project(&[("README.md", "# docs\n"), ("notes/plan.txt", "none\n")]);
    let o = run(vigil().arg("check").arg(p.path()));
    assert_exit(&o, 0);
    assert!(
        stderr(&o).contains("warning: no Terraform, ARM template or Bicep file found"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("0 files"), "{}", stdout(&o));
    // A tree with something to check has no such warning.
    let p = project(&[("main.tf", &vault_ok())]);
    let o = run(vigil().arg("check").arg(p.path()));
    assert!(!stderr(&o).contains("no Terraform"), "{}", stderr(&o));
}

// ---------------------------------------------------------------- roots and instances

/// Two environments calling one module whose default is `None`, in Terraform.
fn two_roots() -> TempDir {
    let call = "module \"kv\" {\n  source = \"../../modules/kv\"\n}\n";
    project(&[
        ("envs/dev/main.tf", call),
        ("envs/prod/main.tf", call),
        (
            "modules/kv/main.tf",
            &format!("{}{}", variable(Some("None")), vault_var()),
        ),
    ])
}

#[test]
fn two_roots_calling_one_module_are_distinct_results_and_one_text_entry() {
    let p = two_roots();
    let o = check_sarif(p.path(), &["--select", "AZKV001"]);
    assert_exit(&o, 1);
    let log = sarif(&o);
    let found = results(&log);
    // The module's own check with its default, and one instance per environment.
    assert_eq!(found.len(), 3, "{found:#?}");
    let prints: BTreeSet<String> = found
        .iter()
        .map(|r| r["partialFingerprints"].to_string())
        .collect();
    assert_eq!(prints.len(), 3, "fingerprints must differ: {prints:?}");
    let roots: BTreeSet<String> = found
        .iter()
        .map(|r| {
            r["properties"]["resource"]["root"]
                .as_str()
                .unwrap_or("-")
                .to_string()
        })
        .collect();
    assert_eq!(
        roots,
        ["-", "envs/dev", "envs/prod"].map(String::from).into()
    );
    assert!(uris(&log).iter().all(|u| u == "modules/kv/main.tf"));

    let text = stdout(&run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--select", "AZKV001"])));
    assert_eq!(text.matches("AZKV001 Key vault").count(), 1, "{text}");
    assert!(text.contains("instances: 3"), "{text}");
    assert!(
        text.contains("module.kv.azurerm_key_vault.kv (root envs/dev)"),
        "{text}"
    );
    assert!(
        text.contains("module.kv.azurerm_key_vault.kv (root envs/prod)"),
        "{text}"
    );
    // Three files on disk, however many units read the module.
    assert!(text.contains("in 3 files"), "{text}");

    // A baseline keeps one entry per instance, and says whose it is.
    let base = p.path().join("baseline.json");
    let o = run(vigil()
        .arg("baseline")
        .arg(p.path())
        .args(["--select", "AZKV001", "--output"])
        .arg(&base));
    assert_exit(&o, 0);
    let recorded: Value = serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    let roots: Vec<&str> = recorded["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["root"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(roots, ["-", "envs/dev", "envs/prod"], "{recorded:#}");
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--select", "AZKV001", "--baseline"])
        .arg(&base));
    assert_exit(&o, 0);
    assert!(
        stdout(&o).contains("3 findings hidden by baseline"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn one_module_in_several_bicep_roots_is_one_entry_per_instance() {
    let call = "module vault '../modules/vault.bicep' = {\n  name: 'vault'\n}\n";
    let p = project(&[
        ("tests/a.bicep", call),
        ("tests/b.bicep", call),
        ("modules/vault.bicep", BICEP_NONE),
    ]);
    let o = check_sarif(p.path(), &[]);
    let found = results(&sarif(&o));
    let azkv001: Vec<&Value> = found.iter().filter(|r| r["ruleId"] == "AZKV001").collect();
    assert_eq!(azkv001.len(), 3, "{azkv001:#?}");
    let prints: BTreeSet<String> = azkv001
        .iter()
        .map(|r| r["partialFingerprints"].to_string())
        .collect();
    assert_eq!(prints.len(), 3);
    let text = stdout(&run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--select", "AZKV001"])));
    assert_eq!(text.matches("AZKV001 Key vault").count(), 1, "{text}");
    assert!(
        text.contains("(root tests/a.bicep)") && text.contains("(root tests/b.bicep)"),
        "{text}"
    );
    assert!(text.contains("in 3 files"), "{text}");
}

#[test]
fn a_staged_root_reports_the_instances_it_creates() {
    let p = two_roots();
    let o = run(vigil().current_dir(p.path()).args([
        "check",
        "envs/dev/main.tf",
        "--format",
        "sarif",
        "--select",
        "AZKV001",
    ]));
    assert_exit(&o, 1);
    let found = results(&sarif(&o));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["properties"]["resource"]["root"], "envs/dev");
    assert_eq!(
        found[0]["properties"]["resource"]["address"],
        "module.kv.azurerm_key_vault.kv"
    );
    // The module file staged alone reports its own check, not the environments'.
    let o = run(vigil().current_dir(p.path()).args([
        "check",
        "modules/kv/main.tf",
        "--format",
        "sarif",
        "--select",
        "AZKV001",
    ]));
    let found = results(&sarif(&o));
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|r| r["properties"]["resource"]["root"].is_null()
                || r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "modules/kv/main.tf"),
        "{found:#?}"
    );
}

// ---------------------------------------------------------------- paths

#[test]
fn files_outside_the_report_root_resolve_from_it() {
    let call = "module \"kv\" {\n  source = \"./../../modules/./kv/../kv\"\n}\n";
    let p = project(&[
        ("envs/dev/main.tf", call),
        (
            "modules/kv/main.tf",
            &format!("{}{}", variable(Some("None")), vault_var()),
        ),
    ]);
    let dev = p.path().join("envs/dev");
    let o = check_sarif(&dev, &["--select", "AZKV001"]);
    assert_exit(&o, 1);
    let log = sarif(&o);
    assert_eq!(uris(&log), ["../../modules/kv/main.tf"]);
    for u in log.to_string().split("\"uri\":").skip(1) {
        assert!(
            !u.contains("/./") && !u.starts_with("\"./") && !u.contains("kv/../"),
            "{u}"
        );
    }
    // GitHub drops results outside the repository: the user hears it, and how to keep them.
    assert!(
        stderr(&o).contains("outside the report root (../../modules/kv/main.tf)"),
        "{}",
        stderr(&o)
    );
    let root = p.path().to_str().unwrap();
    let o = check_sarif(&dev, &["--select", "AZKV001", "--root", root]);
    assert_eq!(uris(&sarif(&o)), ["modules/kv/main.tf"]);
    assert!(
        !stderr(&o).contains("outside the report root"),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------- compiled Bicep

#[test]
fn compiled_json_beside_its_bicep_is_reported_from_the_bicep_only() {
    let p = project(&[
        ("main.bicep", BICEP_NONE),
        (
            "main.json",
            &arm("Microsoft.KeyVault/vaults", Some("bicep")),
        ),
    ]);
    let o = check_sarif(p.path(), &["--select", "AZKV001", "--verbose"]);
    assert_exit(&o, 1);
    assert_eq!(uris(&sarif(&o)), ["main.bicep"]);
    assert!(
        stderr(&o).contains("main.json: note: compiled by `bicep build` from main.bicep"),
        "{}",
        stderr(&o)
    );
    // Named alone, the JSON is checked.
    let o = run(vigil().current_dir(p.path()).args([
        "check",
        "main.json",
        "--format",
        "sarif",
        "--select",
        "AZKV001",
    ]));
    assert_exit(&o, 1);
    assert_eq!(uris(&sarif(&o)), ["main.json"]);
    // JSON that another tool generated is a template of its own.
    let p = project(&[
        ("main.bicep", BICEP_NONE),
        ("main.json", &arm("Microsoft.KeyVault/vaults", Some("hand"))),
    ]);
    let o = check_sarif(p.path(), &["--select", "AZKV001"]);
    assert_eq!(sorted(uris(&sarif(&o))), ["main.bicep", "main.json"]);
}

// ---------------------------------------------------------------- parameter files

#[test]
fn a_parameter_file_no_template_uses_is_counted_and_listed() {
    let p = project(&[
        ("azuredeploy.json", &arm_none()),
        ("prod.parameters.json", PARAMETERS),
    ]);
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--select", "AZKV001"]));
    assert_exit(&o, 1);
    let out = stdout(&o);
    assert!(
        out.contains("1 parameter file not checked: no template uses it; see --verbose."),
        "{out}"
    );
    assert!(
        !stderr(&o).contains("prod.parameters.json"),
        "{}",
        stderr(&o)
    );
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--select", "AZKV001", "--verbose"]));
    let err = stderr(&o);
    assert!(
        err.contains("prod.parameters.json: note: parameter file that no template in the scan uses (templates beside it: azuredeploy.json)"),
        "{err}"
    );
    assert!(!err.contains("neither an ARM template"), "{err}");
    // The conventional pair is claimed: nothing unchecked.
    let p = project(&[
        ("azuredeploy.json", &arm_none()),
        ("azuredeploy.parameters.json", PARAMETERS),
    ]);
    let o = run(vigil().arg("check").arg(p.path()));
    assert!(!stdout(&o).contains("not checked"), "{}", stdout(&o));
}

// ---------------------------------------------------------------- unchecked work

#[test]
fn modules_not_installed_are_counted_without_verbose() {
    let p = project(&[(
        "main.tf",
        "module \"a\" {\n  source = \"Azure/avm-res-keyvault-vault/azurerm\"\n}\nmodule \"b\" {\n  source = \"git::https://example.invalid/kv.git\"\n}\n",
    )]);
    let o = run(vigil().arg("check").arg(p.path()));
    assert_exit(&o, 0);
    assert!(
        stdout(&o).contains("2 modules not checked: not installed; see --verbose."),
        "{}",
        stdout(&o)
    );
    let o = run(vigil().arg("check").arg(p.path()).arg("--verbose"));
    let err = stderr(&o);
    assert!(
        err.contains("main.tf:1") && err.contains("module.a"),
        "{err}"
    );
    assert!(
        err.contains("main.tf:4") && err.contains("module.b"),
        "{err}"
    );
}

// ---------------------------------------------------------------- selections and typos

#[test]
fn an_empty_selection_is_a_usage_error() {
    let p = project(&[("main.tf", &vault_none())]);
    let o = run(vigil().arg("check").arg(p.path()).args(["--select", ""]));
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("--select names no rule"),
        "{}",
        stderr(&o)
    );

    for select in ["select: []\n", "select:\n"] {
        let p = project(&[("main.tf", &vault_none()), ("vigil.yaml", select)]);
        let o = run(vigil().arg("check").arg(p.path()));
        assert_exit(&o, 2);
        let err = all_output(&o);
        assert!(err.contains("vigil.yaml:1"), "{select:?}: {err}");
        assert!(err.contains("select"), "{select:?}: {err}");
    }
}

#[test]
fn a_resource_type_close_to_a_checked_one_is_a_warning() {
    let p = project(&[
        ("azuredeploy.json", &arm("Microsoft.KeyVault/vault", None)),
        (
            "main.bicep",
            &BICEP_NONE.replace("Microsoft.KeyVault/vaults@", "Microsoft.KeyVaults/vaults@"),
        ),
    ]);
    let o = run(vigil().arg("check").arg(p.path()));
    // A warning does not change the exit code: nothing else is wrong.
    assert_exit(&o, 0);
    let err = stderr(&o);
    assert!(
        err.contains("azuredeploy.json:6:5: warning:")
            && err.contains("`Microsoft.KeyVault/vault`")
            && err.contains("did you mean `Microsoft.KeyVault/vaults`?"),
        "{err}"
    );
    assert!(
        err.contains("main.bicep:1:1: warning:") && err.contains("`Microsoft.KeyVaults/vaults`"),
        "{err}"
    );
    // Terraform: the azurerm name and the azapi type, each warned of once, where written.
    let p = project(&[(
        "main.tf",
        "resource \"azapi_resource\" \"kv\" {\n  type = \"Microsoft.KeyVault/vault@2023-07-01\"\n  name = \"kv\"\n}\nresource \"azurerm_key_vualt\" \"kv\" {\n  name = \"kv\"\n}\n",
    )]);
    let o = run(vigil().arg("check").arg(p.path()));
    assert_exit(&o, 0);
    let err = stderr(&o);
    assert_eq!(err.matches("warning:").count(), 2, "{err}");
    assert!(
        err.contains("main.tf:2:10: warning:")
            && err.contains("did you mean `Microsoft.KeyVault/vaults`?"),
        "{err}"
    );
    assert!(
        err.contains("main.tf:5:1: warning:") && err.contains("did you mean `azurerm_key_vault`?"),
        "{err}"
    );
    // A type in another case is the same type to ARM: checked, no warning.
    let p = project(&[("azuredeploy.json", &arm("microsoft.keyvault/VAULTS", None))]);
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--select", "AZKV001"]));
    assert_exit(&o, 1);
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
}

#[test]
fn a_var_that_no_configuration_declares_is_an_error() {
    let p = project(&[
        (
            "dev/main.tf",
            &format!("{}{}", variable(Some("AzureServices")), vault_var()),
        ),
        (
            "prod/main.tf",
            "variable \"location\" {\n  default = \"westeurope\"\n}\n",
        ),
    ]);
    // Declared by one unit of two: fine, as every --var is set on every unit.
    assert_exit(&check_sarif(p.path(), &["--var", "bypass=None"]), 1);
    assert_exit(&check_sarif(p.path(), &["--var", "location=x"]), 0);
    // Declared by none: a typo that would leave the default in force in silence.
    let o = check_sarif(p.path(), &["--var", "bypas=None"]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("`--var bypas`: no Terraform configuration checked declares a variable `bypas`; did you mean `bypass`?"),
        "{}",
        stderr(&o)
    );
    // The configuration's terraform.vars too, naming the file.
    write_files(
        p.path(),
        &[("vigil.yaml", "terraform:\n  vars:\n    bypas: None\n")],
    );
    let o = check_sarif(p.path(), &[]);
    assert_exit(&o, 2);
    assert!(
        stderr(&o).contains("vigil.yaml: error: terraform.vars `bypas`"),
        "{}",
        stderr(&o)
    );
    // A unit with a file that does not parse may declare it there: no error for the name.
    let p = project(&[
        (
            "main.tf",
            &format!("{}{}", variable(Some("AzureServices")), vault_var()),
        ),
        ("broken.tf", "variable \"other\" {\n"),
    ]);
    let o = check_sarif(p.path(), &["--var", "other=1"]);
    assert!(
        !stderr(&o).contains("declares a variable"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_bicep_files_json_parameters_are_its_own() {
    let bicep = "param bypass string = 'AzureServices'\n\nresource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  properties: {\n    networkAcls: {\n      bypass: bypass\n      defaultAction: 'Deny'\n    }\n  }\n}\n";
    // X.parameters.json beside X.bicep gives its values and is claimed: nothing unchecked.
    let p = project(&[("main.bicep", bicep), ("main.parameters.json", PARAMETERS)]);
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--select", "AZKV001"]));
    assert_exit(&o, 1);
    assert!(
        stdout(&o).contains("main.parameters.json:4"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("not checked"), "{}", stdout(&o));
    // Another name is the user's to give, with --parameters, and then it is claimed.
    let p = project(&[("main.bicep", bicep), ("prod.parameters.json", PARAMETERS)]);
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--select", "AZKV001"]));
    assert_exit(&o, 0);
    assert!(
        stdout(&o).contains("1 parameter file not checked: no template uses it"),
        "{}",
        stdout(&o)
    );
    let given = p.path().join("prod.parameters.json");
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--select", "AZKV001", "--parameters"])
        .arg(&given));
    assert_exit(&o, 1);
    assert!(!stdout(&o).contains("not checked"), "{}", stdout(&o));
}

#[test]
fn a_registry_module_is_checked_in_the_compiled_json_beside_its_bicep() {
    let case = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/AZKV001/bicep/compiled_json_checks_registry_module");
    let o = run(vigil()
        .arg("check")
        .arg(&case)
        .args(["--select", "AZKV001"]));
    assert_exit(&o, 1);
    let out = stdout(&o);
    assert!(out.contains("main.json:37:31: AZKV001"), "{out}");
    assert!(!out.contains("not checked"), "{out}");
    assert!(
        !out.contains("(root"),
        "the compiled JSON is the .bicep's own: {out}"
    );
    // Without the compiled JSON the module is said to be unchecked.
    let p = project(&[(
        "main.bicep",
        &std::fs::read_to_string(case.join("main.bicep")).unwrap(),
    )]);
    let o = run(vigil().arg("check").arg(p.path()));
    assert_exit(&o, 0);
    assert!(
        stdout(&o).contains("1 module not checked: not downloaded; see --verbose."),
        "{}",
        stdout(&o)
    );
}

#[test]
fn ripgreps_ignore_files_hide_nothing() {
    let p = project(&[
        ("envs/secret/main.tf", &vault_none()),
        ("envs/.ignore", "secret/\n"),
        (".rgignore", "envs/\n"),
    ]);
    let o = check_sarif(p.path(), &["--select", "AZKV001"]);
    assert_exit(&o, 1);
    assert_eq!(uris(&sarif(&o)), ["envs/secret/main.tf"]);
}

#[test]
fn ignores_that_leave_no_rule_say_so() {
    let p = project(&[("main.tf", &vault_none())]);
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--select", "AZKV", "--ignore", "AZKV"]));
    assert_exit(&o, 0);
    assert!(
        stderr(&o)
            .contains("warning: no rule runs: the ignores (AZKV) leave out every rule selected"),
        "{}",
        stderr(&o)
    );
    let p = project(&[
        ("main.tf", &vault_none()),
        ("vigil.yaml", "ignore: [AZKV001, AZKV002]\n"),
    ]);
    let o = run(vigil().arg("check").arg(p.path()));
    assert_exit(&o, 0);
    assert!(
        stderr(&o).contains("warning: no rule runs"),
        "{}",
        stderr(&o)
    );
    // One rule left: no warning.
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--no-config", "--ignore", "AZKV002"]));
    assert_exit(&o, 1);
    assert!(!stderr(&o).contains("no rule runs"), "{}", stderr(&o));
}

#[test]
fn child_types_of_a_checked_type_are_no_typos() {
    let secret = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {"type": "Microsoft.KeyVault/vaults/secrets", "apiVersion": "2023-07-01", "name": "kv/s", "properties": {"value": "x"}},
    {"type": "Microsoft.KeyVault/managedHSMs", "apiVersion": "2023-07-01", "name": "hsm", "properties": {}}
  ]
}
"#;
    let p = project(&[
        ("azuredeploy.json", secret),
        (
            "main.bicep",
            "resource k 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {\n  name: 'kv/k'\n  properties: {}\n}\n",
        ),
    ]);
    let o = run(vigil().arg("check").arg(p.path()));
    assert_exit(&o, 0);
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
}

#[test]
fn a_root_that_is_not_a_directory_is_a_usage_error() {
    let p = project(&[("main.tf", &vault_ok())]);
    for root in [p.path().join("nowhere"), p.path().join("main.tf")] {
        let o = run(vigil().arg("check").arg(p.path()).arg("--root").arg(&root));
        assert_exit(&o, 2);
        assert!(stderr(&o).contains("not a directory"), "{}", stderr(&o));
    }
}

#[test]
fn a_parameter_file_in_use_is_never_said_to_be_skipped() {
    let bicep = "param bypass string = 'AzureServices'\n\nresource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  properties: {\n    networkAcls: {\n      bypass: bypass\n      defaultAction: 'Deny'\n    }\n  }\n}\n";
    // No `$schema`: the file is still the .bicep's parameter file.
    let params = "{\n  \"parameters\": {\n    \"bypass\": { \"value\": \"None\" }\n  }\n}\n";
    let p = project(&[("main.bicep", bicep), ("main.parameters.json", params)]);
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--select", "AZKV001", "--verbose"]));
    assert_exit(&o, 1);
    assert!(
        stdout(&o).contains("main.parameters.json:3"),
        "{}",
        stdout(&o)
    );
    assert!(!stderr(&o).contains("skipped"), "{}", stderr(&o));
}

#[test]
fn a_suppression_above_a_module_call_covers_the_instances_it_creates() {
    let module = format!("{}{}", variable(Some("None")), vault_var());
    // Terraform: dev suppresses its instance at the call; prod does not.
    let p = project(&[
        (
            "envs/dev/main.tf",
            "# vigil:ignore AZKV001 -- dev vault, private endpoint only\nmodule \"kv\" {\n  source = \"../../modules/kv\"\n}\n",
        ),
        ("envs/prod/main.tf", "module \"kv\" {\n  source = \"../../modules/kv\"\n}\n"),
        ("modules/kv/main.tf", &module),
    ]);
    let o = check_sarif(p.path(), &["--select", "AZKV001"]);
    let found = results(&sarif(&o));
    let suppressed: Vec<(String, bool)> = found
        .iter()
        .map(|r| {
            (
                r["properties"]["resource"]["root"]
                    .as_str()
                    .unwrap_or("-")
                    .to_string(),
                r["suppressions"].as_array().is_some_and(|s| !s.is_empty()),
            )
        })
        .collect();
    assert_eq!(
        sorted(suppressed.iter().map(|(r, s)| format!("{r}:{s}")).collect()),
        ["-:false", "envs/dev:true", "envs/prod:false"],
        "{found:#?}"
    );
    assert!(!stderr(&o).contains("unused suppression"), "{}", stderr(&o));

    // Bicep: above a `module` declaration.
    let p = project(&[
        (
            "main.bicep",
            "// vigil:ignore AZKV001 -- test vault\nmodule vault 'modules/vault.bicep' = {\n  name: 'vault'\n}\n",
        ),
        ("modules/vault.bicep", BICEP_NONE),
    ]);
    let o = run(vigil()
        .arg("check")
        .arg(p.path().join("main.bicep"))
        .args(["--format", "sarif", "--select", "AZKV001"]));
    let found = results(&sarif(&o));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        !found[0]["suppressions"].as_array().unwrap().is_empty(),
        "{found:#?}"
    );

    // ARM: above a nested deployment.
    let nested = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    // vigil:ignore AZKV001 -- legacy deployment
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "inner",
      "properties": {
        "mode": "Incremental",
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.KeyVault/vaults",
              "apiVersion": "2023-07-01",
              "name": "kv",
              "location": "westeurope",
              "properties": { "networkAcls": { "bypass": "None", "defaultAction": "Deny" } }
            }
          ]
        }
      }
    }
  ]
}
"#;
    let p = project(&[("azuredeploy.json", nested)]);
    let o = check_sarif(p.path(), &["--select", "AZKV001"]);
    assert_exit(&o, 0);
    let found = results(&sarif(&o));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        !found[0]["suppressions"].as_array().unwrap().is_empty(),
        "{found:#?}"
    );
}

#[test]
fn a_staged_file_without_the_call_does_not_report_the_instances() {
    let p = two_roots();
    write_files(
        p.path(),
        &[(
            "envs/dev/versions.tf",
            "terraform {\n  required_version = \">= 1.5\"\n}\n",
        )],
    );
    let o = run(vigil().current_dir(p.path()).args([
        "check",
        "envs/dev/versions.tf",
        "--format",
        "sarif",
        "--select",
        "AZKV001",
    ]));
    assert_exit(&o, 0);
    assert!(results(&sarif(&o)).is_empty());
}
