//! The JUnit report, read back the way CI systems read it: a structural check with an XML
//! parser that always runs, and Python's `junitparser` (a JUnit reader used by CI plugins)
//! when it is installed.

mod common;

use std::io::Write as _;
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use vigil_report::{write_junit, JunitOptions, Report};

fn junit(report: &Report, opts: JunitOptions) -> String {
    let mut out = Vec::new();
    write_junit(report, &opts, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("JUnit XML is UTF-8")
}

#[test]
fn junit_report() {
    let fixture = common::extended();
    insta::assert_snapshot!(junit(&fixture.report(), JunitOptions::default()));
}

/// Counts of one element: its `tests`, `failures`, `errors`, `skipped` attributes and the same
/// numbers counted from the test cases under it.
#[derive(Debug, PartialEq)]
struct Tally {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
}

fn attr(node: roxmltree::Node, name: &str) -> usize {
    node.attribute(name)
        .unwrap_or_else(|| panic!("<{}> has no {name}", node.tag_name().name()))
        .parse()
        .expect("counts are integers")
}

fn declared(node: roxmltree::Node) -> Tally {
    Tally {
        tests: attr(node, "tests"),
        failures: attr(node, "failures"),
        errors: attr(node, "errors"),
        skipped: attr(node, "skipped"),
    }
}

fn counted(node: roxmltree::Node) -> Tally {
    let cases: Vec<_> = node
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let with = |tag: &str| {
        cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name(tag)))
            .count()
    };
    Tally {
        tests: cases.len(),
        failures: with("failure"),
        errors: with("error"),
        skipped: with("skipped"),
    }
}

#[test]
fn counts_match_the_test_cases() {
    let fixture = common::extended();
    for opts in [
        JunitOptions::default(),
        JunitOptions {
            fail_on_unknown: true,
        },
    ] {
        let xml = junit(&fixture.report(), opts);
        let doc = roxmltree::Document::parse(&xml).expect("the report is well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        assert_eq!(declared(root), counted(root));
        let suites: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name("testsuite"))
            .collect();
        for suite in &suites {
            assert_eq!(
                declared(*suite),
                counted(*suite),
                "{:?}",
                suite.attribute("name")
            );
        }
        let names: Vec<&str> = suites.iter().filter_map(|s| s.attribute("name")).collect();
        assert_eq!(
            names,
            [
                "AZKV001 key-vault-trusted-services-bypass",
                "AZKV002 key-vault-firewall-enabled",
                "vigil: files that could not be checked"
            ]
        );
        // 7 findings, one hidden by the baseline; one error.
        let expected = if opts.fail_on_unknown {
            Tally {
                tests: 7,
                failures: 3,
                errors: 1,
                skipped: 3,
            }
        } else {
            Tally {
                tests: 7,
                failures: 2,
                errors: 1,
                skipped: 4,
            }
        };
        assert_eq!(declared(root), expected);
        // The baseline's finding is counted on its rule's suite, not listed.
        assert!(!xml.contains("network.tf:10"));
        let hidden = suites[0]
            .descendants()
            .find(|n| n.attribute("name") == Some("hidden-by-baseline"))
            .expect("AZKV001's suite counts its baseline finding");
        assert_eq!(hidden.attribute("value"), Some("1"));
        // A failure names its rule as the type; a suppression gives its reason.
        let failure = suites[0]
            .descendants()
            .find(|n| n.has_tag_name("failure"))
            .unwrap();
        assert_eq!(failure.attribute("type"), Some("AZKV001"));
        assert!(xml.contains(
            "<skipped message=\"suppressed (config): decommissioned in March; tracked in OPS-112\"/>"
        ));
    }
}

#[test]
fn a_clean_run_still_has_passing_tests() {
    let mut fixture = common::extended();
    fixture
        .findings
        .retain(|f| f.suppression.as_ref().is_some_and(|s| s.kind == "baseline"));
    fixture.errors.clear();
    let xml = junit(&fixture.report(), JunitOptions::default());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(
        declared(root),
        Tally {
            tests: 2,
            failures: 0,
            errors: 0,
            skipped: 0
        }
    );
    let names: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert_eq!(names, ["no findings outside the baseline", "no findings"]);
}

/// Reads the report with junitparser and prints, per suite, the declared counts and what each
/// test case's result is.
const READER: &str = r#"
import json, sys
from junitparser import JUnitXml
xml = JUnitXml.fromstring(sys.stdin.buffer.read())
out = {"tests": xml.tests, "failures": xml.failures, "errors": xml.errors,
       "skipped": xml.skipped, "suites": []}
for suite in xml:
    cases = []
    for case in suite:
        results = [[type(r).__name__, r.message, r.type] for r in case.result]
        cases.append({"name": case.name, "classname": case.classname, "results": results})
    out["suites"].append({"name": suite.name, "tests": suite.tests,
                          "failures": suite.failures, "errors": suite.errors,
                          "skipped": suite.skipped, "cases": cases})
print(json.dumps(out))
"#;

#[test]
fn junitparser_reads_the_report() {
    let available = Command::new("python3")
        .args(["-c", "import junitparser"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        // CI installs junitparser and sets this, so that there the check cannot skip.
        assert!(
            std::env::var_os("VIGIL_REQUIRE_JUNITPARSER").is_none(),
            "VIGIL_REQUIRE_JUNITPARSER is set but python3 cannot import junitparser"
        );
        println!("skipped: python3 with junitparser is not installed (pip install junitparser)");
        return;
    }
    let fixture = common::extended();
    let xml = junit(&fixture.report(), JunitOptions::default());
    let mut child = Command::new("python3")
        .args(["-c", READER])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(xml.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "junitparser failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read: Value = serde_json::from_slice(&output.stdout).expect("the reader prints JSON");

    assert_eq!(
        (
            &read["tests"],
            &read["failures"],
            &read["errors"],
            &read["skipped"]
        ),
        (&json!(7), &json!(2), &json!(1), &json!(4))
    );
    let suites = read["suites"].as_array().unwrap();
    assert_eq!(suites.len(), 3);
    for suite in suites {
        let cases = suite["cases"].as_array().unwrap();
        let kind = |k: &str| {
            cases
                .iter()
                .filter(|c| c["results"].as_array().unwrap().iter().any(|r| r[0] == k))
                .count()
        };
        assert_eq!(suite["tests"], cases.len(), "{}", suite["name"]);
        assert_eq!(suite["failures"], kind("Failure"), "{}", suite["name"]);
        assert_eq!(suite["errors"], kind("Error"), "{}", suite["name"]);
        assert_eq!(suite["skipped"], kind("Skipped"), "{}", suite["name"]);
    }
    let azkv002 = &suites[1]["cases"];
    assert_eq!(azkv002[0]["name"], "azurerm_key_vault.dyn (main.tf:23)");
    assert_eq!(azkv002[0]["classname"], "main.tf");
    assert_eq!(azkv002[0]["results"][0][0], "Skipped");
    assert_eq!(azkv002[3]["results"][0][0], "Failure");
    assert_eq!(azkv002[3]["results"][0][2], "AZKV002");
    assert!(azkv002[3]["results"][0][1]
        .as_str()
        .unwrap()
        .contains("(kv-café)"));
    let error = &suites[2]["cases"][0];
    assert_eq!(error["name"], "modules/net work/broken.tf:4:3");
    assert_eq!(error["results"][0][0], "Error");
    println!(
        "junitparser read {} suites and {} tests",
        suites.len(),
        read["tests"]
    );
}
