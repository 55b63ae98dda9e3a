//! Every file of `../shared/parse-corpus` (real Terraform, ARM and Bicep from Azure's own
//! repositories) must be read: vigil runs over each language's tree as a user would, and the
//! run must scan at least the files the corpus holds and give exactly the errors recorded in
//! `tests/parse-corpus/errors.txt`. Those are evaluation errors that are right (a module's
//! `var.global_settings` its caller passes, a parameter file setting what the template does not
//! declare); a parse error, or any other new error, fails the test, and so does a recorded one
//! that went away (remove its line).
//!
//! `VIGIL_PARSE_CORPUS_RECORD=1` rewrites the record from this run.

#[path = "support/outside.rs"]
mod outside;

use assert_cmd::Command;
use std::collections::BTreeSet;

/// (tree, the fewest files a complete copy holds: a little below its count on 2026-12-06).
const TREES: &[(&str, usize)] = &[("terraform", 2_450), ("arm", 400), ("bicep", 2_300)];

const RECORD: &str = "tests/parse-corpus/errors.txt";

#[test]
fn every_file_of_the_parse_corpus_is_read() {
    const TEST: &str = "parse_corpus";
    let Some(corpus) = outside::corpus(
        TEST,
        "VIGIL_PARSE_CORPUS",
        "parse-corpus",
        &["terraform", "arm", "bicep"],
    ) else {
        return;
    };
    let mut errors = BTreeSet::new();
    for (tree, floor) in TREES {
        let out = Command::cargo_bin("vigil")
            .unwrap()
            .current_dir(&corpus)
            .args([
                "check",
                tree,
                "--format",
                "json",
                "--exit-zero",
                "--no-config",
            ])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        // Errors exit 2 whatever `--exit-zero` says; which errors is compared below.
        let errored = !report["errors"].as_array().unwrap().is_empty();
        assert_eq!(
            out.status.code(),
            Some(if errored { 2 } else { 0 }),
            "{tree}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let scanned = report["summary"]["files_scanned"].as_u64().unwrap() as usize;
        outside::read_at_least(TEST, &format!("{tree} files"), scanned, *floor);
        for e in report["errors"].as_array().unwrap() {
            errors.insert(format!(
                "{}:{}:{}: {}",
                e["file"].as_str().unwrap(),
                e["line"],
                e["column"],
                e["message"].as_str().unwrap()
            ));
        }
    }
    let got: String = errors.iter().map(|e| format!("{e}\n")).collect();
    let record = outside::repo().join(RECORD);
    if outside::required("VIGIL_PARSE_CORPUS_RECORD") {
        std::fs::write(&record, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&record).unwrap();
    let want: BTreeSet<&str> = want.lines().collect();
    let got: BTreeSet<&str> = got.lines().collect();
    let new: Vec<_> = got.difference(&want).collect();
    let gone: Vec<_> = want.difference(&got).collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "errors on the parse corpus differ from {RECORD}\nnew:\n{new:#?}\ngone:\n{gone:#?}"
    );
}
