//! Generated findings, errors and sources (names, messages and paths holding control
//! characters, workflow commands, XML and Markdown syntax, lines at 0 and `u32::MAX`) through
//! every reporter. What is made to be parsed must parse: JSON, JSON Lines, SARIF and GitLab
//! as JSON, JUnit as well-formed XML, and every GitHub line must be a workflow command.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use vigil_fuzz::gen::{self, Text};
use vigil_model::SuppressionKind;

fn json(what: &str, bytes: &[u8]) -> serde_json::Value {
    match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => panic!(
            "{what} output is not JSON ({e}):\n{}",
            String::from_utf8_lossy(bytes)
        ),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(run) = gen::run(&mut u, vigil_fuzz::rule_metas()) else {
        return;
    };
    let flags: [bool; 4] = u.arbitrary().unwrap_or_default();
    let category: Option<Text> = u.arbitrary().unwrap_or(None);
    let baseline = if flags[3] {
        Some(vigil_report::BaselineStats {
            file: u.arbitrary::<Text>().map(|t| t.0).unwrap_or_default(),
            hidden: run
                .findings
                .iter()
                .filter(|f| f.suppression.as_ref().is_some_and(|s| s.kind == SuppressionKind::Baseline))
                .count(),
            stale: u.int_in_range(0..=3).unwrap_or(0),
        })
    } else {
        None
    };
    let report = vigil_report::Report {
        findings: &run.findings,
        errors: &run.errors,
        rules: &run.rules,
        sources: &run.sources,
        files_scanned: run.files_scanned,
        unchecked: &run.unchecked,
        tool_version: "0.1.0",
        baseline,
    };
    let text = vigil_report::TextOptions {
        color: flags[0],
        quiet: flags[1],
        fail_on_unknown: flags[2],
    };

    let mut out = Vec::new();
    vigil_report::write_text(&report, &text, &mut out).unwrap();
    out.clear();
    vigil_report::write_concise(&report, &text, &mut out).unwrap();
    out.clear();
    vigil_report::write_statistics(&report, &mut out).unwrap();
    out.clear();
    vigil_report::write_markdown(&report, &mut out).unwrap();

    out.clear();
    vigil_report::write_json(&report, &mut out).unwrap();
    json("JSON", &out);

    out.clear();
    let sarif = vigil_report::SarifOptions {
        category: category.map(|t| t.0),
    };
    vigil_report::write_sarif(&report, &sarif, &mut out).unwrap();
    let log = json("SARIF", &out);
    assert_eq!(log["version"], "2.1.0");

    out.clear();
    vigil_report::write_json_lines(&report, &mut out).unwrap();
    let text_out = std::str::from_utf8(&out).expect("JSON Lines output is UTF-8");
    let lines: Vec<&str> = text_out.lines().collect();
    for line in &lines {
        json("JSON Lines", line.as_bytes());
    }
    assert!(
        lines.len() >= run.findings.len() + run.errors.len() + 1,
        "{} lines for {} findings and {} errors",
        lines.len(),
        run.findings.len(),
        run.errors.len()
    );

    out.clear();
    vigil_report::write_gitlab(&report, &mut out).unwrap();
    assert!(json("GitLab", &out).is_array());

    out.clear();
    vigil_report::write_github(&report, &mut out).unwrap();
    let github = std::str::from_utf8(&out).expect("GitHub output is UTF-8");
    for line in github.split('\n').filter(|l| !l.is_empty()) {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "a GitHub output line that is not a workflow command: {line:?}"
        );
    }

    out.clear();
    let junit = vigil_report::JunitOptions {
        fail_on_unknown: flags[2],
    };
    vigil_report::write_junit(&report, &junit, &mut out).unwrap();
    let xml = std::str::from_utf8(&out).expect("JUnit output is UTF-8");
    if let Err(e) = roxmltree::Document::parse(xml) {
        panic!("JUnit output is not well-formed XML ({e}):\n{xml}");
    }
});
