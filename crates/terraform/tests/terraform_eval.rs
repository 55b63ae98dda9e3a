//! Differential tests against Terraform itself: every configuration under
//! `tests/terraform-eval/` is evaluated by vigil and held against the outputs the real CLI
//! computed for it (`expected.json`, recorded by `tests/terraform-eval/record`). vigil must give
//! Terraform's value or an unknown, never a different value; the unknowns are listed in
//! `tests/terraform-eval/unknowns.txt`, so that their number can only fall.
//!
//! The random run (`random_differential`, ignored by default: it needs the terraform CLI) writes
//! seeded, well-typed expressions with `support::random`, and holds vigil against Terraform on
//! each of them.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::compare::{compare, options_for, Verdict};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/terraform-eval")
}

/// The case directories: each holds an `expected.json`.
fn cases() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("tests/terraform-eval is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    out.sort();
    out
}

/// `case/output` -> reason, as committed.
fn listed_unknowns() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(corpus().join("unknowns.txt")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(": ") {
            Some((k, r)) => (k.trim().to_string(), r.trim().to_string()),
            None => (l.trim().to_string(), String::new()),
        })
        .collect()
}

#[test]
fn vigil_agrees_with_terraform_on_the_recorded_corpus() {
    let cases = cases();
    assert!(!cases.is_empty(), "no cases under {}", corpus().display());
    let mut outputs = 0;
    let mut disagreements = Vec::new();
    let mut unknowns: BTreeMap<String, String> = BTreeMap::new();
    for dir in &cases {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap_or_else(|e| panic!("{name}/expected.json: {e}"));
        let expected = expected.as_object().expect("expected.json holds an object");
        let opts = options_for(dir);
        let (got, errors) = vigil_terraform::evaluate_outputs(
            dir,
            &|p: &Path| p.to_string_lossy().into_owned(),
            &opts,
        );
        assert!(errors.is_empty(), "{name}: {errors:?}");
        for (output, want) in expected {
            outputs += 1;
            let key = format!("{name}/{output}");
            match got.get(output) {
                None => disagreements.push(format!("{key}: vigil has no such output")),
                Some(v) => match compare(v, want) {
                    Verdict::Equal => {}
                    Verdict::Unknown(reason) => {
                        unknowns.insert(key, reason);
                    }
                    Verdict::Different(got) => {
                        disagreements.push(format!("{key}: terraform {want}, vigil {got}"))
                    }
                },
            }
        }
        for output in got.keys() {
            if !expected.contains_key(output) {
                disagreements.push(format!("{name}/{output}: not in expected.json"));
            }
        }
    }
    let listed = listed_unknowns();
    eprintln!(
        "{} cases, {outputs} outputs, {} unknown:",
        cases.len(),
        unknowns.len()
    );
    for (key, reason) in &unknowns {
        eprintln!("  {key}: {reason}");
    }
    let new: Vec<&String> = unknowns
        .keys()
        .filter(|k| !listed.contains_key(*k))
        .collect();
    let gone: Vec<&String> = listed
        .keys()
        .filter(|k| !unknowns.contains_key(*k))
        .collect();
    if !gone.is_empty() {
        eprintln!("known now (remove them from unknowns.txt): {gone:?}");
    }
    assert!(
        disagreements.is_empty(),
        "{} outputs where vigil and terraform disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert!(
        new.is_empty(),
        "unknowns not in tests/terraform-eval/unknowns.txt (the count may only fall): {new:?}"
    );
    assert!(
        outputs >= 400,
        "the corpus holds {outputs} outputs; it should cover at least 400"
    );
}

/// The random run: `VIGIL_RANDOM_SEED` (default 1) and `VIGIL_RANDOM_CASES` (default 5000)
/// expressions, evaluated by vigil and by terraform (`tf-eval`, found as `TF_EVAL` or beside
/// the repository in `../shared/tools`).
#[test]
#[ignore = "needs the terraform CLI; run by tests/terraform-eval/random"]
fn random_differential() {
    let seed: u64 = std::env::var("VIGIL_RANDOM_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let cases: usize = std::env::var("VIGIL_RANDOM_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let report = support::random::run(seed, cases, &tf_eval());
    eprintln!("{report}");
    assert!(
        report.disagreements.is_empty(),
        "seed {seed}: {} disagreements",
        report.disagreements.len()
    );
}

/// The committed random batch is what the generator writes for its seed (without the outputs
/// Terraform refused, listed in `refused`), so that the recorded values belong to these very
/// expressions; and vigil gives no value for any refused one.
#[test]
fn the_committed_random_batch_is_the_generators_output() {
    let dir = corpus().join("random-batch");
    let seed: u64 = std::fs::read_to_string(dir.join("seed"))
        .expect("random-batch/seed")
        .trim()
        .parse()
        .expect("a number");
    let refused: Vec<String> = std::fs::read_to_string(dir.join("refused"))
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect();
    let count = support::random::BATCH_CASES;
    assert_eq!(
        std::fs::read_to_string(dir.join("main.tf")).unwrap(),
        support::random::config(seed, 0, count, &refused),
        "regenerate with tests/terraform-eval/random --write-batch --seed {seed}"
    );
    let work = tempfile::tempdir().unwrap();
    std::fs::write(
        work.path().join("main.tf"),
        support::random::config(seed, 0, count, &[]),
    )
    .unwrap();
    let (got, errors) = vigil_terraform::evaluate_outputs(
        work.path(),
        &|p: &Path| p.to_string_lossy().into_owned(),
        &Default::default(),
    );
    assert!(errors.is_empty(), "{errors:?}");
    for name in &refused {
        let v = &got[name];
        assert!(
            v.contains_unknown(),
            "{name}: terraform refuses it, vigil gives {}",
            v.to_json()
        );
    }
}

/// Writes the committed random batch for `VIGIL_RANDOM_SEED` (run by
/// `tests/terraform-eval/random --write-batch`, which then records its expected.json).
#[test]
#[ignore = "needs the terraform CLI; writes tests/terraform-eval/random-batch"]
fn write_random_batch() {
    let seed: u64 = std::env::var("VIGIL_RANDOM_SEED")
        .expect("VIGIL_RANDOM_SEED")
        .parse()
        .expect("a number");
    let (text, refused) = support::random::batch(seed, &tf_eval());
    let dir = corpus().join("random-batch");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("seed"), format!("{seed}\n")).unwrap();
    std::fs::write(dir.join("main.tf"), text).unwrap();
    let refused: String = refused.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(dir.join("refused"), refused).unwrap();
}

fn tf_eval() -> PathBuf {
    std::env::var("TF_EVAL")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/tools/tf-eval")
        })
}
