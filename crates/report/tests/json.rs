mod common;

use vigil_report::write_json;

fn json(report: &vigil_report::Report) -> String {
    let mut out = Vec::new();
    write_json(report, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

#[test]
fn full_report() {
    let fixture = common::fixture();
    let out = json(&fixture.report());
    assert!(out.ends_with("}\n"));
    insta::assert_snapshot!(out);
}

#[test]
fn shape_is_the_documented_one() {
    let fixture = common::fixture();
    let doc: serde_json::Value = serde_json::from_str(&json(&fixture.report())).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "vigil");
    let summary = &doc["summary"];
    assert_eq!(
        (
            &summary["files_scanned"],
            &summary["findings"],
            &summary["failing"],
            &summary["undetermined"],
            &summary["suppressed"],
            &summary["errors"]
        ),
        (
            &3.into(),
            &4.into(),
            &1.into(),
            &1.into(),
            &2.into(),
            &1.into()
        )
    );
    let finding = &doc["findings"][3];
    let mut keys: Vec<&str> = finding
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut expected = [
        "rule_id",
        "rule_name",
        "severity",
        "verdict",
        "message",
        "location",
        "resource",
        "property",
        "source_property",
        "trace",
        "suppression",
        "fingerprint",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(finding["resource"]["type"], "Microsoft.KeyVault/vaults");
    assert_eq!(finding["trace"][1]["label"], "default of var.kv_bypass");
    assert!(finding["suppression"].is_null());
    assert!(doc["findings"][2]["suppression"]["reason"].is_null());
    assert_eq!(doc["errors"][0]["line"], 4);
}

#[test]
fn empty_report() {
    let mut fixture = common::fixture();
    fixture.findings.clear();
    fixture.errors.clear();
    let doc: serde_json::Value = serde_json::from_str(&json(&fixture.report())).unwrap();
    assert_eq!(doc["findings"], serde_json::json!([]));
    assert_eq!(doc["errors"], serde_json::json!([]));
}
