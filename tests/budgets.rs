//! Evaluation budgets (issue 12): a few lines written to blow up the evaluator, in every
//! language, end within the budgets; the error names the file and line where a budget ran out;
//! and a good neighbour's finding is still reported. The inputs are generated here.
//!
//! The end-to-end runs use the default limits (a value of 16 MiB is reached in a few doublings);
//! the budgets that take many steps to reach (steps per unit, instances per run) are held
//! through the library with small limits, since the defaults would take a debug build minutes.

mod common;
use common::*;
use std::fmt::Write as _;
use vigil_model::budget::{self, Limits, RunBudget};

/// A neighbour unit with one definite AZKV001 finding: the run must still report it.
const GOOD_TF: &str = r#"resource "azurerm_key_vault" "good" {
  name                = "kv-good"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  network_acls {
    bypass         = "None"
    default_action = "Deny"
  }
}
"#;

const GOOD_ARM: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2022-07-01",
      "name": "kv-good",
      "location": "westeurope",
      "properties": {
        "tenantId": "00000000-0000-0000-0000-000000000000",
        "sku": { "family": "A", "name": "standard" },
        "networkAcls": { "bypass": "None", "defaultAction": "Deny" }
      }
    }
  ]
}
"#;

const GOOD_BICEP: &str = "resource good 'Microsoft.KeyVault/vaults@2022-07-01' = {
  name: 'kv-good'
  location: 'westeurope'
  properties: {
    tenantId: '00000000-0000-0000-0000-000000000000'
    sku: { family: 'A', name: 'standard' }
    networkAcls: { bypass: 'None', defaultAction: 'Deny' }
  }
}
";

/// Runs vigil on `files` beside the three good neighbours; returns the JSON report.
fn run(files: &[(&str, &str)]) -> Value {
    let mut all = vec![
        ("good/main.tf", GOOD_TF),
        ("good/arm.json", GOOD_ARM),
        ("good/main.bicep", GOOD_BICEP),
    ];
    all.extend_from_slice(files);
    let dir = project(&all);
    let out = vigil()
        .current_dir(dir.path())
        .args(["check", ".", "--format", "json"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "an error makes exit 2: {out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    for file in ["good/main.tf", "good/arm.json", "good/main.bicep"] {
        assert!(
            report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["rule_id"] == "AZKV001"
                    && f["verdict"] == "fail"
                    && f["location"]["file"] == file),
            "the good neighbour {file} is still reported: {report:#}"
        );
    }
    report
}

/// The errors of a report as `file:line: message`.
fn errors(report: &Value) -> Vec<String> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}:{}: {}",
                e["file"].as_str().unwrap(),
                e["line"],
                e["message"].as_str().unwrap()
            )
        })
        .collect()
}

/// Asserts that an error at `file:line` says `words`.
fn has_error(report: &Value, at: &str, words: &str) {
    let errors = errors(report);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&format!("{at}:")) && e.contains(words)),
        "an error at {at} saying {words:?}; errors: {errors:#?}"
    );
}

/// How one step of a bomb builds its value from the one before (`p`, its number).
type Doubler = Box<dyn Fn(usize) -> String>;

/// Whether an error says a value passed one of the limits of one value.
fn refused_as_too_large(e: &str) -> bool {
    e.contains("larger than 16 MiB")
        || e.contains("values in one value")
        || e.contains("elements in one collection")
}

/// `n` locals, each built of two copies of the one before (written by `double`).
fn doubling_tf(n: usize, double: impl Fn(usize) -> String) -> String {
    let mut s = String::from("locals {\n  a0 = \"xxxxxxxxxxxxxxxx\"\n");
    for i in 1..=n {
        writeln!(s, "  a{i} = {}", double(i - 1)).unwrap();
    }
    s.push_str("}\n\nresource \"azurerm_key_vault\" \"bomb\" {\n");
    writeln!(s, "  name = local.a{n}").unwrap();
    s.push_str(
        "  network_acls {\n    bypass         = \"None\"\n    default_action = \"Deny\"\n  }\n}\n",
    );
    s
}

#[test]
fn terraform_doubling_is_bounded_in_every_construct() {
    // The line of local.aK is K + 2 (`locals {` and a0 come first).
    let cases: Vec<(&str, Doubler)> = vec![
        (
            "interpolation",
            Box::new(|p| format!("\"${{local.a{p}}}${{local.a{p}}}\"")),
        ),
        ("list", Box::new(|p| format!("[local.a{p}, local.a{p}]"))),
        (
            "object",
            Box::new(|p| format!("{{ x = local.a{p}, y = local.a{p} }}")),
        ),
        (
            "concat",
            Box::new(|p| format!("concat([local.a{p}], [local.a{p}])")),
        ),
        (
            "join",
            Box::new(|p| format!("join(\"\", [local.a{p}, local.a{p}])")),
        ),
        (
            "for",
            Box::new(|p| format!("[for i in range(2) : local.a{p}]")),
        ),
        (
            "heredoc",
            Box::new(|p| format!("<<EOT\n${{local.a{p}}}${{local.a{p}}}\nEOT")),
        ),
        (
            "template for",
            Box::new(|p| format!("\"%{{ for i in range(2) }}${{local.a{p}}}%{{ endfor }}\"")),
        ),
        (
            "format",
            Box::new(|p| format!("format(\"%s%s\", local.a{p}, local.a{p})")),
        ),
    ];
    for (name, double) in cases {
        let report = run(&[("bomb/main.tf", &doubling_tf(40, double))]);
        let errors = errors(&report);
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("bomb/main.tf:") && refused_as_too_large(e)),
            "{name}: the bomb is refused where a value passes its limits: {errors:#?}"
        );
        // The bomb's own vault is still judged: its bypass is a literal.
        assert!(
            report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["location"]["file"] == "bomb/main.tf" && f["verdict"] == "fail"),
            "{name}: the bomb's vault is still checked"
        );
    }
}

#[test]
fn terraform_repeated_large_values_are_bounded() {
    // Each element is under the limit; the collection is not.
    let big = "x".repeat(1 << 20);
    let tf = format!(
        "locals {{\n  big = \"{big}\"\n  many = [for i in range(1000) : local.big]\n  text = join(\",\", local.many)\n}}\n\nresource \"azurerm_key_vault\" \"bomb\" {{\n  name = local.text\n}}\n"
    );
    let report = run(&[("bomb/main.tf", &tf)]);
    has_error(&report, "bomb/main.tf:3", "larger than 16 MiB");
}

#[test]
fn arm_doubling_is_bounded_in_every_function() {
    let cases: Vec<(&str, Doubler)> = vec![
        (
            "createArray",
            Box::new(|p| format!("[createArray(variables('a{p}'), variables('a{p}'))]")),
        ),
        (
            "concat",
            Box::new(|p| format!("[concat(variables('a{p}'), variables('a{p}'))]")),
        ),
        (
            "format",
            Box::new(|p| format!("[format('{{0}}{{1}}', variables('a{p}'), variables('a{p}'))]")),
        ),
        (
            "createObject",
            Box::new(|p| format!("[createObject('x', variables('a{p}'), 'y', variables('a{p}'))]")),
        ),
        (
            "union",
            Box::new(|p| {
                format!("[union(createObject('x{p}', variables('a{p}')), createObject('y{p}', variables('a{p}')))]")
            }),
        ),
    ];
    for (name, double) in cases {
        let mut vars = String::from("\"a0\": \"xxxxxxxxxxxxxxxx\"");
        for i in 1..=40 {
            write!(vars, ",\n    \"a{i}\": \"{}\"", double(i - 1)).unwrap();
        }
        let template = format!(
            r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "variables": {{
    {vars}
  }},
  "resources": [
    {{
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2022-07-01",
      "name": "kv-bomb",
      "location": "westeurope",
      "properties": {{
        "tenantId": "[string(variables('a40'))]",
        "networkAcls": {{ "bypass": "None", "defaultAction": "Deny" }}
      }}
    }}
  ]
}}
"#
        );
        let report = run(&[("bomb/arm.json", &template)]);
        let errors = errors(&report);
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("bomb/arm.json:") && refused_as_too_large(e)),
            "{name}: refused where a value passes its limits: {errors:#?}"
        );
        assert!(
            report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["location"]["file"] == "bomb/arm.json" && f["verdict"] == "fail"),
            "{name}: the bomb's vault is still checked"
        );
    }
}

#[test]
fn bicep_doubling_is_bounded_in_every_construct() {
    let cases: Vec<(&str, Doubler)> = vec![
        ("array", Box::new(|p| format!("[a{p}, a{p}]"))),
        ("spread", Box::new(|p| format!("[...a{p}, ...a{p}]"))),
        (
            "interpolation",
            Box::new(|p| format!("'${{a{p}}}${{a{p}}}'")),
        ),
        ("object", Box::new(|p| format!("{{ x: a{p}, y: a{p} }}"))),
        ("for", Box::new(|p| format!("[for i in range(0, 2): a{p}]"))),
        ("concat", Box::new(|p| format!("concat(a{p}, a{p})"))),
    ];
    for (name, double) in cases {
        // The spread needs arrays to spread.
        let first = if name == "spread" {
            "['xxxxxxxxxxxxxxxx']"
        } else {
            "'xxxxxxxxxxxxxxxx'"
        };
        let mut bicep = format!("var a0 = {first}\n");
        for i in 1..=40 {
            writeln!(bicep, "var a{i} = {}", double(i - 1)).unwrap();
        }
        bicep.push_str(
            "resource bomb 'Microsoft.KeyVault/vaults@2022-07-01' = {
  name: 'kv-bomb'
  location: 'westeurope'
  properties: {
    tenantId: string(a40)
    networkAcls: { bypass: 'None', defaultAction: 'Deny' }
  }
}
",
        );
        let report = run(&[("bomb/main.bicep", &bicep)]);
        let errors = errors(&report);
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("bomb/main.bicep:") && refused_as_too_large(e)),
            "{name}: refused where a value passes its limits: {errors:#?}"
        );
        assert!(
            report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["location"]["file"] == "bomb/main.bicep" && f["verdict"] == "fail"),
            "{name}: the bomb's vault is still checked"
        );
    }
}

/// Evaluates `files` as a Terraform root with `limits`.
fn terraform_with(limits: Limits, files: &[(&str, &str)]) -> vigil_model::UnitOutput {
    let dir = project(files);
    let root = dir.path().canonicalize().unwrap();
    let show = |p: &Path| shown(&root, p);
    let run = RunBudget::new(limits);
    budget::with_run(&run, || {
        vigil_terraform::evaluate_dir(&root, &show, &vigil_terraform::Options::default())
    })
}

/// How the tests name files: relative to the scratch root.
fn shown(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

/// Generated (path, text) pairs as [`project`] takes them.
fn borrowed(files: &[(String, String)]) -> Vec<(&str, &str)> {
    files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect()
}

fn messages(out: &vigil_model::UnitOutput) -> Vec<String> {
    out.errors
        .iter()
        .map(|e| format!("{}:{}: {}", e.file, e.line, e.message))
        .collect()
}

#[test]
fn a_unit_that_takes_too_many_steps_stops_where_the_budget_ran_out() {
    let limits = Limits {
        unit_steps: 20_000,
        steps_per_source_byte: 0,
        ..Limits::default()
    };
    let tf =
        "locals {\n  small = 1\n  busy = [for i in range(1000) : [for j in range(1000) : j]]\n}\n\n\
              resource \"azurerm_key_vault\" \"busy\" {\n  name = length(local.busy)\n}\n\n"
            .to_string() + GOOD_TF;
    let out = terraform_with(limits, &[("main.tf", &tf)]);
    let errors = messages(&out);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("main.tf:3:") && e.contains("more than 20,000 evaluation steps")),
        "{errors:#?}"
    );
    // Nothing evaluated after the budget ran out is taken as known.
    let good = out
        .resources
        .iter()
        .find(|r| r.address.contains("good"))
        .unwrap();
    match good.lookup("properties.networkAcls.bypass") {
        vigil_model::Lookup::Found(v) => assert_eq!(v.as_str(), Some("None")),
        vigil_model::Lookup::Unknown(v) => assert!(
            v.first_unknown()
                .is_some_and(|(u, _)| u.reason.contains("evaluation budget ran out")),
            "{v:?}"
        ),
        other => panic!("either judged before the budget ran out or unknown: {other:?}"),
    }
}

#[test]
fn the_same_unit_within_the_default_budget_is_evaluated_in_full() {
    let tf = "locals {\n  busy = [for i in range(100) : [for j in range(100) : j]]\n}\n\n\
              resource \"azurerm_key_vault\" \"busy\" {\n  name = length(local.busy)\n}\n\n"
        .to_string()
        + GOOD_TF;
    let out = terraform_with(Limits::default(), &[("main.tf", &tf)]);
    assert!(out.errors.is_empty(), "{:#?}", messages(&out));
}

#[test]
fn module_instances_count_against_the_run_across_units() {
    // m0 calls m1 four times, m1 calls m2 four times...: every directory is a root too.
    let mut files = Vec::new();
    for i in 0..6 {
        let text = if i < 5 {
            format!(
                "module \"next\" {{\n  source = \"../m{}\"\n  count  = 4\n}}\n",
                i + 1
            )
        } else {
            GOOD_TF.to_string()
        };
        files.push((format!("m{i}/main.tf"), text));
    }
    let files = borrowed(&files);
    let dir = project(&files);
    let root = dir.path().canonicalize().unwrap();
    let show = |p: &Path| shown(&root, p);
    let run = RunBudget::new(Limits {
        run_instances: 500,
        ..Limits::default()
    });
    let mut refused = Vec::new();
    for i in 0..6 {
        let out = budget::with_run(&run, || {
            vigil_terraform::evaluate_dir(
                &root.join(format!("m{i}")),
                &show,
                &vigil_terraform::Options::default(),
            )
        });
        refused.extend(messages(&out));
    }
    // m0 alone makes 4 + 16 + 64 + 256 + 1024 instances: past 500 in the first root.
    assert!(
        refused
            .iter()
            .any(|e| e.contains("budget of 500 module and deployment instances ran out")),
        "{refused:#?}"
    );
}

/// A chain of `n` Terraform modules, each calling the next; the last holds a vault.
fn terraform_chain(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            let text = if i + 1 < n {
                format!("module \"next\" {{\n  source = \"../m{}\"\n}}\n", i + 1)
            } else {
                GOOD_TF.to_string()
            };
            (format!("m{i}/main.tf"), text)
        })
        .collect()
}

#[test]
fn a_deep_module_chain_is_too_deep_not_a_cycle() {
    // 30 levels are evaluated in full: the vault at the end is found from the first root.
    let files = terraform_chain(30);
    let files = borrowed(&files);
    let dir = project(&files);
    let root = dir.path().canonicalize().unwrap();
    let show = |p: &Path| shown(&root, p);
    let deep = vigil_terraform::evaluate_dir(&root.join("m0"), &show, &Default::default());
    assert!(deep.errors.is_empty(), "{:#?}", messages(&deep));
    assert!(deep.resources.iter().any(|r| r.address.contains("good")));

    // 40 levels pass the limit of 32: said as too deep, with the limit, never as a cycle.
    let files = terraform_chain(40);
    let files = borrowed(&files);
    let dir = project(&files);
    let root = dir.path().canonicalize().unwrap();
    let show = |p: &Path| shown(&root, p);
    let out = vigil_terraform::evaluate_dir(&root.join("m0"), &show, &Default::default());
    let errors = messages(&out);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("nested more than 32 deep (the limit)")),
        "{errors:#?}"
    );
    assert!(!errors.iter().any(|e| e.contains("cycle")), "{errors:#?}");
}

#[test]
fn a_deep_bicep_module_chain_is_too_deep_not_a_cycle() {
    let chain = |n: usize| -> Vec<(String, String)> {
        (0..n)
            .map(|i| {
                let text = if i + 1 < n {
                    format!(
                        "module next 'm{}.bicep' = {{\n  name: 'next{i}'\n}}\n",
                        i + 1
                    )
                } else {
                    GOOD_BICEP.to_string()
                };
                (format!("m{i}.bicep"), text)
            })
            .collect()
    };
    for (n, deep_enough) in [(30, true), (40, false)] {
        let files = chain(n);
        let files = borrowed(&files);
        let dir = project(&files);
        let root = dir.path().canonicalize().unwrap();
        let show = |p: &Path| shown(&root, p);
        let out = vigil_bicep::evaluate_file(&root.join("m0.bicep"), &show);
        let errors = messages(&out);
        if deep_enough {
            assert!(errors.is_empty(), "{errors:#?}");
            assert!(out.resources.iter().any(|r| r.address.contains("good")));
        } else {
            assert!(
                errors
                    .iter()
                    .any(|e| e.contains("nested more than 32 deep (the limit)")),
                "{errors:#?}"
            );
            assert!(!errors.iter().any(|e| e.contains("cycle")), "{errors:#?}");
        }
    }
}

#[test]
fn a_deep_chain_of_linked_templates_is_too_deep_not_a_cycle() {
    // t0 deploys t1 (a linked template beside it), t1 deploys t2, ...; the last holds a vault.
    let chain = |n: usize| -> Vec<(String, String)> {
        (0..n)
            .map(|i| {
                let text = if i + 1 < n {
                    format!(
                        r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {{
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "next{i}",
      "properties": {{ "mode": "Incremental", "templateLink": {{ "relativePath": "t{}.json" }} }}
    }}
  ]
}}"#,
                        i + 1
                    )
                } else {
                    GOOD_ARM.to_string()
                };
                (format!("t{i}.json"), text)
            })
            .collect()
    };
    for (n, deep_enough) in [(30, true), (40, false)] {
        let files = chain(n);
        let files = borrowed(&files);
        let dir = project(&files);
        let root = dir.path().canonicalize().unwrap();
        let show = |p: &Path| shown(&root, p);
        let out = vigil_arm::evaluate_template(&root.join("t0.json"), &show, None);
        let errors = messages(&out);
        if deep_enough {
            assert!(errors.is_empty(), "{errors:#?}");
            assert!(
                out.resources
                    .iter()
                    .any(|r| r.azure_type == "Microsoft.KeyVault/vaults"),
                "the vault 30 deployments down is checked"
            );
        } else {
            assert!(
                errors
                    .iter()
                    .any(|e| e.contains("deeper than 32 (the limit)")),
                "{errors:#?}"
            );
            assert!(!errors.iter().any(|e| e.contains("cycle")), "{errors:#?}");
        }
    }
}

#[test]
fn copies_and_loops_are_bounded_by_the_unit_resource_budget() {
    let limits = Limits {
        unit_resources: 50,
        ..Limits::default()
    };
    // ARM: 20 resources copied 800 times each, from a few lines.
    let mut resources = Vec::new();
    for i in 0..20 {
        resources.push(format!(
            r#"{{ "type": "Microsoft.KeyVault/vaults", "apiVersion": "2022-07-01", "name": "[concat('kv{i}-', copyIndex())]", "copy": {{ "name": "c{i}", "count": 800 }}, "properties": {{ "networkAcls": {{ "bypass": "None" }} }} }}"#
        ));
    }
    let template = format!(
        "{{\n\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n\"resources\": [\n{}\n]\n}}\n",
        resources.join(",\n")
    );
    let bicep = (0..20)
        .map(|i| {
            format!(
                "resource kv{i} 'Microsoft.KeyVault/vaults@2022-07-01' = [for j in range(0, 800): {{\n  name: 'kv{i}-${{j}}'\n  properties: {{ networkAcls: {{ bypass: 'None' }} }}\n}}]\n"
            )
        })
        .collect::<String>();
    let dir = project(&[("t.json", &template), ("main.bicep", &bicep)]);
    let root = dir.path().canonicalize().unwrap();
    let show = |p: &Path| shown(&root, p);
    let run = RunBudget::new(limits);
    let arm = budget::with_run(&run, || {
        vigil_arm::evaluate_template(&root.join("t.json"), &show, None)
    });
    let bicep = budget::with_run(&run, || {
        vigil_bicep::evaluate_file(&root.join("main.bicep"), &show)
    });
    for (out, at) in [(arm, "t.json:4:"), (bicep, "main.bicep:")] {
        assert_eq!(out.resources.len(), 50, "{at}");
        let errors = messages(&out);
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(at)
                    && e.contains("more than 50 resource instances in one unit")),
            "{errors:#?}"
        );
    }
}

#[test]
fn findings_past_the_run_budget_are_cut_the_same_way_whatever_the_threads() {
    let mut files = vec![(
        "vigil.yaml".to_string(),
        "limits:\n  findings: 3\n".to_string(),
    )];
    for i in 0..6 {
        files.push((
            format!("u{i}/main.tf"),
            GOOD_TF.replace("\"good\"", &format!("\"v{i}\"")),
        ));
    }
    let files = borrowed(&files);
    let dir = project(&files);
    let mut outputs = Vec::new();
    for threads in ["1", "2", "4"] {
        let out = vigil()
            .current_dir(dir.path())
            .args(["check", ".", "--format", "json", "--threads", threads])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        outputs.push(out.stdout);
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]), "the same bytes");
    let report: Value = serde_json::from_slice(&outputs[0]).unwrap();
    let files: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["u0/main.tf", "u1/main.tf", "u2/main.tf"],
        "the first in report order"
    );
    assert!(
        errors(&report).iter().any(|e| e.contains(
            "more than 3 findings: the first 3 in report order are reported, the other 3 are not"
        )),
        "{:#?}",
        errors(&report)
    );
}

#[test]
fn a_limit_of_zero_is_an_error_at_its_line() {
    let dir = project(&[
        ("vigil.yaml", "limits:\n  module-depth: 0\n"),
        ("main.tf", GOOD_TF),
    ]);
    let out = vigil()
        .current_dir(dir.path())
        .args(["check", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("vigil.yaml:2:17: error: `limits.module-depth: 0` would evaluate nothing"),
        "{stderr}"
    );
}
