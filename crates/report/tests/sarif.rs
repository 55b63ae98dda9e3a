mod common;

use serde_json::Value;
use vigil_report::{fingerprint, write_sarif, SarifOptions, FINGERPRINT_KEY};

fn sarif(report: &vigil_report::Report) -> String {
    let mut out = Vec::new();
    write_sarif(report, &SarifOptions::default(), &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("SARIF is UTF-8")
}

fn parsed(report: &vigil_report::Report) -> Value {
    serde_json::from_str(&sarif(report)).expect("SARIF is JSON")
}

#[test]
fn full_report() {
    let fixture = common::fixture();
    let out = sarif(&fixture.report());
    assert!(out.ends_with("}\n"));
    insta::assert_snapshot!(out);
}

#[test]
fn passes_the_official_schema() {
    let schema: Value = serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json"))
        .expect("the schema is JSON");
    // Draft 4 is what the schema declares; the crate is built without its network and file
    // resolvers, and the schema refers only to itself.
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");

    let mut fixture = common::fixture();
    let full = parsed(&fixture.report());
    let errors: Vec<String> = validator
        .iter_errors(&full)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The validator must be able to say no, or the checks above prove nothing.
    let mut broken = full.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    broken["runs"][0]["results"][0]["kind"] = "bad".into();
    assert_eq!(validator.iter_errors(&broken).count(), 2);

    // An empty run and a whole-file error (no line) must be valid too.
    fixture.findings.clear();
    fixture.errors[0].line = 0;
    fixture.errors[0].column = 0;
    let sparse = parsed(&fixture.report());
    let errors: Vec<String> = validator
        .iter_errors(&sparse)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn github_essentials() {
    let fixture = common::fixture();
    let log = parsed(&fixture.report());
    let run = &log["runs"][0];
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    // Declared, described, and left unresolved: an absolute root would differ per machine.
    let srcroot = &run["originalUriBaseIds"]["%SRCROOT%"];
    assert!(srcroot["description"]["text"].is_string());
    assert!(srcroot.get("uri").is_none());
    assert!(run.get("automationDetails").is_none());
    assert!(run["results"][0].get("baselineState").is_none());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0]["properties"]["security-severity"], "5.3");
    assert_eq!(rules[0]["defaultConfiguration"]["level"], "warning");
    assert_eq!(rules[1]["defaultConfiguration"]["level"], "error");

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert_eq!(r["locations"].as_array().unwrap().len(), 1);
        let resource = r["properties"]["resource"].as_object().unwrap();
        let mut keys: Vec<&String> = resource.keys().collect();
        keys.sort();
        assert_eq!(keys, ["address", "file", "line", "type"]);
    }
    let undetermined = &results[0];
    assert_eq!(
        (&undetermined["level"], &undetermined["kind"]),
        (&"note".into(), &"review".into())
    );
    let bypass = &results[3];
    assert_eq!(
        (&bypass["level"], &bypass["kind"]),
        (&"warning".into(), &"fail".into())
    );
    assert_eq!(bypass["relatedLocations"].as_array().unwrap().len(), 2);
    assert_eq!(bypass["relatedLocations"][1]["id"], 2);
    assert_eq!(
        bypass["codeFlows"][0]["threadFlows"][0]["locations"][0]["location"]["message"]["text"],
        "default of var.kv_bypass"
    );
    assert_eq!(
        results[1]["suppressions"][0]["justification"],
        "reachable only through its private endpoint"
    );
    assert!(results[2]["suppressions"][0].get("justification").is_none());

    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]
            ["artifactLocation"]["uri"],
        "modules/net%20work/broken.tf"
    );
}

#[test]
fn fingerprints_survive_moved_lines() {
    let fixture = common::fixture();
    let before = parsed(&fixture.report());

    let mut moved = common::fixture();
    for f in &mut moved.findings {
        f.location.line += 7;
        f.location.end_line += 7;
        f.location.column += 2;
        f.resource.line += 7;
        for hop in &mut f.trace {
            hop.location.line += 7;
        }
    }
    let after = parsed(&moved.report());

    let prints = |log: &Value| -> Vec<String> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"][FINGERPRINT_KEY]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(prints(&before), prints(&after));
    for (f, g) in fixture.findings.iter().zip(&moved.findings) {
        assert_eq!(fingerprint(f), fingerprint(g));
    }

    // Different resources, rules or properties must not share one.
    let mut all = prints(&before);
    all.sort();
    all.dedup();
    assert_eq!(all.len(), fixture.findings.len());
    let mut renamed = fixture.findings[3].clone();
    renamed.resource.address = "azurerm_key_vault.kv2".into();
    assert_ne!(fingerprint(&fixture.findings[3]), fingerprint(&renamed));
}

#[test]
fn fingerprint_is_pinned() {
    // The value is a contract with code scanning's alert history: a change here re-opens every
    // alert, so it must come with a new FINGERPRINT_KEY.
    let fixture = common::fixture();
    insta::assert_snapshot!(fingerprint(&fixture.findings[3]));
}

#[test]
fn output_is_deterministic() {
    let first = sarif(&common::fixture().report());
    for _ in 0..5 {
        assert_eq!(first, sarif(&common::fixture().report()));
    }
}

#[test]
fn findings_of_unlisted_rules_still_resolve() {
    let mut fixture = common::fixture();
    fixture.rules.truncate(1);
    let log = parsed(&fixture.report());
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[1]["id"], "AZKV002");
    assert_eq!(log["runs"][0]["results"][0]["ruleIndex"], 1);
}

#[test]
fn snippets_come_from_the_sources_when_they_fit() {
    let mut fixture = common::fixture();
    // network_acls { ... } of azurerm_key_vault.dyn, lines 22-25.
    fixture.findings[0].location = vigil_model::Location::new("main.tf", 22, 3, 25, 4);
    fixture.findings[1].location.line = 999;
    fixture.findings[1].location.end_line = 999;
    let log = parsed(&fixture.report());
    let results = &log["runs"][0]["results"];
    let physical = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(
        physical["region"]["snippet"]["text"],
        "network_acls {\n    default_action = var.acl_action\n    bypass         = \"AzureServices\"\n  }"
    );
    assert_eq!(
        (
            &physical["contextRegion"]["startLine"],
            &physical["contextRegion"]["endLine"]
        ),
        (&20.into(), &27.into())
    );
    let stale = &results[1]["locations"][0]["physicalLocation"];
    assert!(stale["region"].get("snippet").is_none());
    assert!(stale.get("contextRegion").is_none());

    fixture.sources.clear();
    let log = parsed(&fixture.report());
    assert!(
        log["runs"][0]["results"][3]["locations"][0]["physicalLocation"]
            .get("contextRegion")
            .is_none()
    );
}

#[test]
fn rules_listed_twice_appear_once() {
    let mut fixture = common::fixture();
    let again = fixture.rules[0].clone();
    fixture.rules.push(again);
    let log = parsed(&fixture.report());
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(log["runs"][0]["results"][3]["ruleIndex"], 0);
}

fn sarif_with(report: &vigil_report::Report, opts: &SarifOptions) -> Value {
    let mut out = Vec::new();
    write_sarif(report, opts, &mut out).expect("writing to memory cannot fail");
    serde_json::from_slice(&out).expect("SARIF is JSON")
}

fn vigil_terraform() -> SarifOptions {
    SarifOptions {
        category: Some("vigil/terraform".into()),
    }
}

#[test]
fn extended_report() {
    let fixture = common::extended();
    let mut out = Vec::new();
    write_sarif(&fixture.report(), &vigil_terraform(), &mut out).unwrap();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}

#[test]
fn extended_report_passes_the_official_schema() {
    let schema: Value = serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json"))
        .expect("the schema is JSON");
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let fixture = common::extended();
    let log = sarif_with(&fixture.report(), &vigil_terraform());
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn columns_are_utf16_code_units() {
    let fixture = common::extended();
    // `    bypass = /* é 金 🔒 */ "None"`: é and 金 are one unit each, 🔒 two.
    let line = common::NETWORK_TF.lines().nth(9).unwrap();
    let start = line.find("\"None\"").unwrap();
    assert_eq!(line[..start].chars().count() + 1, 26);
    assert_eq!(line[..start].encode_utf16().count() + 1, 27);
    assert_eq!(fixture.findings[4].location.column, 26);

    let log = sarif_with(&fixture.report(), &SarifOptions::default());
    let result = &log["runs"][0]["results"][4];
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startColumn"], &region["endColumn"]),
        (&27.into(), &33.into())
    );
    // The snippet is cut by vigil's own columns, so it is still exactly the value.
    assert_eq!(region["snippet"]["text"], "\"None\"");
    // The suppression's location points at the same place, converted the same way.
    let suppression = &result["suppressions"][0]["location"]["physicalLocation"]["region"];
    assert_eq!(suppression["startColumn"], 27);
    // An ASCII line keeps its columns.
    let ascii = &log["runs"][0]["results"][3]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&ascii["startColumn"], &ascii["endColumn"]),
        (&22.into(), &29.into())
    );
}

#[test]
fn baseline_state_and_suppression_kinds() {
    let mut fixture = common::extended();
    let log = sarif_with(&fixture.report(), &SarifOptions::default());
    let results = log["runs"][0]["results"].as_array().unwrap();
    let states: Vec<&str> = results
        .iter()
        .map(|r| r["baselineState"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        ["new", "new", "new", "new", "unchanged", "new", "new"]
    );
    let kinds: Vec<Option<&str>> = results
        .iter()
        .map(|r| r["suppressions"][0]["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            None,
            Some("inSource"),
            Some("inSource"),
            None,
            Some("external"),
            Some("external"),
            None
        ]
    );
    assert_eq!(
        results[4]["suppressions"][0]["justification"],
        "in baseline vigil-baseline.json"
    );
    assert_eq!(
        results[5]["suppressions"][0]["justification"],
        "decommissioned in March; tracked in OPS-112"
    );

    // Without a baseline there is nothing to compare with, so no states at all.
    fixture.baseline = None;
    let log = sarif_with(&fixture.report(), &SarifOptions::default());
    assert!(log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r.get("baselineState").is_none()));
}

#[test]
fn category_becomes_the_automation_id() {
    let fixture = common::fixture();
    let id = |category: Option<&str>| {
        let log = sarif_with(
            &fixture.report(),
            &SarifOptions {
                category: category.map(str::to_string),
            },
        );
        log["runs"][0]["automationDetails"]["id"].clone()
    };
    assert_eq!(id(Some("vigil/terraform")), "vigil/terraform/");
    assert_eq!(id(Some("vigil/terraform/")), "vigil/terraform/");
    assert_eq!(id(Some("vigil")), "vigil/");
    assert_eq!(id(Some("")), Value::Null);
    assert_eq!(id(None), Value::Null);
}

#[test]
fn help_has_markdown_text_and_the_rules_page() {
    let mut fixture = common::fixture();
    let log = parsed(&fixture.report());
    let rules = &log["runs"][0]["tool"]["driver"]["rules"];
    let help = &rules[0]["help"];
    let uri = fixture.rules[0].help_uri.clone().unwrap();
    assert!(help["markdown"]
        .as_str()
        .unwrap()
        .starts_with("## What it does\n\nChecks that `networkAcls.bypass`"));
    assert!(help["markdown"]
        .as_str()
        .unwrap()
        .ends_with(&format!("More information: <{uri}>")));
    let text = help["text"].as_str().unwrap();
    assert!(text.starts_with("What it does\n\nChecks that"));
    assert!(!text.contains("## "));
    assert!(text.ends_with(&format!("More information: {uri}")));
    assert_eq!(rules[0]["properties"]["security-severity"], "5.3");
    // A rule without a page gets no pointer.
    assert!(!rules[1]["help"]["text"]
        .as_str()
        .unwrap()
        .contains("More information"));

    // Documentation that already links the page, with the usual sections, is not repeated.
    fixture.rules[0].documentation = format!(
        "## How to fix\n\nSet `bypass`:\n\n```hcl\nbypass = \"AzureServices\"\n```\n\n\
         ## References\n\n- [Conformity]({uri})\n"
    );
    let log = parsed(&fixture.report());
    let help = &log["runs"][0]["tool"]["driver"]["rules"][0]["help"];
    assert_eq!(
        help["markdown"]
            .as_str()
            .unwrap()
            .matches(uri.as_str())
            .count(),
        1
    );
    assert_eq!(
        help["text"],
        format!(
            "How to fix\n\nSet `bypass`:\n\n    bypass = \"AzureServices\"\n\nReferences\n\n\
             - Conformity ({uri})"
        )
    );
}

#[test]
fn instances_from_several_roots_are_distinct_results() {
    let fixture = common::multi_root();
    let log = parsed(&fixture.report());
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3, "one result per instance");
    let prints: std::collections::HashSet<&str> = results
        .iter()
        .map(|r| r["partialFingerprints"]["vigil/v1"].as_str().unwrap())
        .collect();
    assert_eq!(prints.len(), 3, "each instance has its own fingerprint");
    assert_eq!(results[1]["properties"]["resource"]["root"], "envs/dev");
    assert_eq!(results[2]["properties"]["resource"]["root"], "envs/prod");
    assert!(results[0]["properties"]["resource"].get("root").is_none());
    // A finding of a resource in its own unit keeps the fingerprint it had before roots were
    // part of the recipe (baselines recorded then still match).
    let mut own = fixture.findings[0].clone();
    let before = vigil_report::fingerprint(&own);
    own.resource.root = Some("envs/dev".into());
    assert_ne!(before, vigil_report::fingerprint(&own));
}
