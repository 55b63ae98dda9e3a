//! The fixture matrix: every `tests/fixtures/<RULE>/<language>/<case>/` directory is scanned on
//! its own with `vigil check <case> --format sarif`, and the exit code and the whole set of
//! SARIF results are held against the case's `expect.json`.
//!
//! `expect.json`:
//!
//! ```json
//! {
//!   "description": "what the case is about",
//!   "exit": 1,
//!   "args": ["--fail-on-unknown"],
//!   "results": [
//!     {"ruleId": "AZKV001", "kind": "fail", "file": "variables.tf", "line": 4,
//!      "column": 17, "suppressed": false,
//!      "related": [{"file": "main.tf", "line": 9}], "message_contains": "None"}
//!   ],
//!   "stderr_contains": ["broken.tf"]
//! }
//! ```
//!
//! `results` lists every result the run must produce (a result set: order does not matter,
//! duplicates count). `column`, `related` (locations that must be among the result's
//! `relatedLocations`), `message_contains`, `args` and `stderr_contains` are optional.
//!
//! `"pending": "why"` marks a case that states what DESIGN.md wants but vigil does not do yet:
//! its mismatches are printed, not failed; once it passes, the test fails until the `pending`
//! line is removed, so that a fixed case cannot silently regress again.
//!
//! `"single_language": "why"` says why the situation has no counterpart in the languages where
//! no case of the same directory name exists (`fixture_matrix_is_complete` fails on every
//! case name present for one language of a rule and missing for another without it, and on a
//! mark that every language has made stale).
//!
//! All cases run in one test that reports every mismatch, not just the first. Set
//! `VIGIL_FIXTURE=<substring>` to run only the cases whose path contains it.

use assert_cmd::Command;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The languages the matrix is written in; a language's cases run once its front end exists.
const LANGUAGES: &[&str] = &["terraform", "arm", "bicep"];

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// `tests/fixtures/<RULE>/<language>/<case>` directories, sorted.
fn case_dirs() -> Vec<PathBuf> {
    let mut cases = Vec::new();
    let filter = std::env::var("VIGIL_FIXTURE").ok();
    for rule in sorted_dirs(&fixtures_root()) {
        for language in LANGUAGES {
            let dir = rule.join(language);
            if !dir.is_dir() {
                continue;
            }
            for case in sorted_dirs(&dir) {
                if let Some(f) = &filter {
                    if !case.to_string_lossy().contains(f.as_str()) {
                        continue;
                    }
                }
                cases.push(case);
            }
        }
    }
    cases
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The case's path relative to `tests/fixtures`, for messages.
fn case_name(dir: &Path) -> String {
    dir.strip_prefix(fixtures_root())
        .unwrap_or(dir)
        .to_string_lossy()
        .replace('\\', "/")
}

#[derive(Debug)]
struct Expect {
    pending: Option<String>,
    exit: i32,
    args: Vec<String>,
    results: Vec<ExpectedResult>,
    stderr_contains: Vec<String>,
}

#[derive(Debug)]
struct ExpectedResult {
    rule_id: String,
    kind: String,
    file: String,
    line: u64,
    column: Option<u64>,
    suppressed: bool,
    related: Vec<(String, u64)>,
    message_contains: Option<String>,
}

impl std::fmt::Display for ExpectedResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {}:{}",
            self.rule_id, self.kind, self.file, self.line
        )?;
        if let Some(c) = self.column {
            write!(f, ":{c}")?;
        }
        if self.suppressed {
            write!(f, " (suppressed)")?;
        }
        for (file, line) in &self.related {
            write!(f, " related {file}:{line}")?;
        }
        if let Some(m) = &self.message_contains {
            write!(f, " message contains {m:?}")?;
        }
        Ok(())
    }
}

/// Reads `expect.json`, refusing keys it does not know so that a typo cannot weaken a case.
fn read_expect(dir: &Path) -> Result<Expect, String> {
    let path = dir.join("expect.json");
    let text =
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read expect.json: {e}"))?;
    let v: Value =
        serde_json::from_str(&text).map_err(|e| format!("expect.json is not JSON: {e}"))?;
    let obj = v.as_object().ok_or("expect.json: not an object")?;
    for key in obj.keys() {
        if ![
            "description",
            "exit",
            "args",
            "results",
            "stderr_contains",
            "pending",
            "single_language",
        ]
        .contains(&key.as_str())
        {
            return Err(format!("expect.json: unknown key {key:?}"));
        }
    }
    let exit = obj
        .get("exit")
        .and_then(Value::as_i64)
        .ok_or("expect.json: \"exit\" must be an integer")? as i32;
    let strings = |key: &str| -> Result<Vec<String>, String> {
        match obj.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(a)) => a
                .iter()
                .map(|s| {
                    s.as_str()
                        .map(str::to_string)
                        .ok_or(format!("expect.json: {key} must hold strings"))
                })
                .collect(),
            Some(_) => Err(format!("expect.json: {key} must be an array")),
        }
    };
    let mut results = Vec::new();
    for r in obj
        .get("results")
        .and_then(Value::as_array)
        .ok_or("expect.json: \"results\" must be an array")?
    {
        let r = r
            .as_object()
            .ok_or("expect.json: a result must be an object")?;
        for key in r.keys() {
            if ![
                "ruleId",
                "kind",
                "file",
                "line",
                "column",
                "suppressed",
                "related",
                "message_contains",
            ]
            .contains(&key.as_str())
            {
                return Err(format!("expect.json: unknown result key {key:?}"));
            }
        }
        let s = |key: &str| {
            r.get(key)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or(format!("expect.json: result needs a string {key:?}"))
        };
        let mut related = Vec::new();
        for rel in r
            .get("related")
            .and_then(Value::as_array)
            .unwrap_or(&vec![])
        {
            match (
                rel.get("file").and_then(Value::as_str),
                rel.get("line").and_then(Value::as_u64),
            ) {
                (Some(f), Some(l)) => related.push((f.to_string(), l)),
                _ => return Err("expect.json: related needs file and line".into()),
            }
        }
        results.push(ExpectedResult {
            rule_id: s("ruleId")?,
            kind: s("kind")?,
            file: s("file")?,
            line: r
                .get("line")
                .and_then(Value::as_u64)
                .ok_or("expect.json: result needs an integer \"line\"")?,
            column: r.get("column").and_then(Value::as_u64),
            suppressed: r
                .get("suppressed")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            related,
            message_contains: r
                .get("message_contains")
                .and_then(Value::as_str)
                .map(str::to_string),
        });
    }
    Ok(Expect {
        pending: obj
            .get("pending")
            .and_then(Value::as_str)
            .map(str::to_string),
        exit,
        args: strings("args")?,
        results,
        stderr_contains: strings("stderr_contains")?,
    })
}

/// One SARIF result, reduced to what the matrix compares.
#[derive(Debug)]
struct ActualResult {
    rule_id: String,
    kind: String,
    level: String,
    file: String,
    line: u64,
    column: Option<u64>,
    suppressed: bool,
    related: Vec<(String, u64)>,
    message: String,
    has_resource: bool,
}

impl std::fmt::Display for ActualResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {}:{}",
            self.rule_id, self.kind, self.file, self.line
        )?;
        if let Some(c) = self.column {
            write!(f, ":{c}")?;
        }
        if self.suppressed {
            write!(f, " (suppressed)")?;
        }
        for (file, line) in &self.related {
            write!(f, " related {file}:{line}")?;
        }
        write!(f, " -- {:?}", self.message)
    }
}

fn actual_results(sarif: &Value) -> Result<Vec<ActualResult>, String> {
    let runs = sarif
        .get("runs")
        .and_then(Value::as_array)
        .ok_or("SARIF has no runs array")?;
    let mut out = Vec::new();
    for run in runs {
        let results = run
            .get("results")
            .and_then(Value::as_array)
            .ok_or("a SARIF run has no results array")?;
        for r in results {
            let region_loc = |loc: &Value| -> (String, u64, Option<u64>) {
                let pl = &loc["physicalLocation"];
                (
                    pl["artifactLocation"]["uri"]
                        .as_str()
                        .unwrap_or("<no uri>")
                        .to_string(),
                    pl["region"]["startLine"].as_u64().unwrap_or(0),
                    pl["region"]["startColumn"].as_u64(),
                )
            };
            let (file, line, column) =
                r["locations"]
                    .get(0)
                    .map(region_loc)
                    .unwrap_or(("<no location>".into(), 0, None));
            let related = r["relatedLocations"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|l| {
                            let (f, l, _) = region_loc(l);
                            (f, l)
                        })
                        .collect()
                })
                .unwrap_or_default();
            let resource = &r["properties"]["resource"];
            out.push(ActualResult {
                rule_id: r["ruleId"].as_str().unwrap_or("<no ruleId>").to_string(),
                // SARIF's default kind is "fail", its default level "warning".
                kind: r["kind"].as_str().unwrap_or("fail").to_string(),
                level: r["level"].as_str().unwrap_or("warning").to_string(),
                file,
                line,
                column,
                suppressed: r["suppressions"].as_array().is_some_and(|s| !s.is_empty()),
                related,
                message: r["message"]["text"].as_str().unwrap_or("").to_string(),
                has_resource: resource["file"].is_string() && resource["line"].is_u64(),
            });
        }
    }
    Ok(out)
}

fn matches(e: &ExpectedResult, a: &ActualResult) -> bool {
    e.rule_id == a.rule_id
        && e.kind == a.kind
        && e.file == a.file
        && e.line == a.line
        && e.suppressed == a.suppressed
        && e.column.is_none_or(|c| a.column == Some(c))
        && e.related.iter().all(|r| a.related.contains(r))
        && e.message_contains
            .as_ref()
            .is_none_or(|m| a.message.contains(m.as_str()))
}

/// How a case came out.
enum Outcome {
    Pass,
    /// Differs from expect.json: every way it does.
    Fail(Vec<String>),
    /// A pending case that still differs: why it is pending, and how it differs.
    StillPending(String, Vec<String>),
    /// A pending case that now passes.
    PendingPasses(String),
}

fn run_case(dir: &Path) -> Outcome {
    let expect = match read_expect(dir) {
        Ok(e) => e,
        Err(e) => return Outcome::Fail(vec![e]),
    };
    let problems = check_case(dir, &expect);
    match (&expect.pending, problems.is_empty()) {
        (None, true) => Outcome::Pass,
        (None, false) => Outcome::Fail(problems),
        (Some(why), true) => Outcome::PendingPasses(why.clone()),
        (Some(why), false) => Outcome::StillPending(why.clone(), problems),
    }
}

/// Runs one case; returns a description of every way it differs from its expect.json.
fn check_case(dir: &Path, expect: &Expect) -> Vec<String> {
    let output = Command::cargo_bin("vigil")
        .expect("the vigil binary")
        .arg("check")
        .arg(dir)
        .args(["--format", "sarif"])
        .args(&expect.args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("vigil runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut problems = Vec::new();

    match output.status.code() {
        Some(code) if code == expect.exit => {}
        Some(code) => problems.push(format!("exit code {code}, expected {}", expect.exit)),
        None => problems.push(format!("killed by a signal ({:?})", output.status)),
    }
    if stderr.contains("panicked") {
        problems.push("vigil panicked".into());
    }
    for needle in &expect.stderr_contains {
        if !stderr.contains(needle.as_str()) {
            problems.push(format!("stderr does not mention {needle:?}"));
        }
    }

    let sarif: Value = match serde_json::from_slice(&output.stdout) {
        Ok(v) => v,
        Err(e) => {
            problems.push(format!(
                "stdout is not SARIF JSON ({e}): {:?}",
                truncate(&String::from_utf8_lossy(&output.stdout), 400)
            ));
            return with_stderr(problems, &stderr);
        }
    };
    let actual = match actual_results(&sarif) {
        Ok(a) => a,
        Err(e) => {
            problems.push(e);
            return with_stderr(problems, &stderr);
        }
    };

    for a in &actual {
        if a.kind == "review" && a.level != "note" {
            problems.push(format!(
                "review result with level {:?}, not \"note\": {a}",
                a.level
            ));
        }
        if !a.has_resource {
            problems.push(format!("result without properties.resource file/line: {a}"));
        }
    }

    let mut used = vec![false; actual.len()];
    let mut missing = Vec::new();
    for e in &expect.results {
        match (0..actual.len()).find(|&i| !used[i] && matches(e, &actual[i])) {
            Some(i) => used[i] = true,
            None => missing.push(e),
        }
    }
    let unexpected: Vec<&ActualResult> = actual
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(a, _)| a)
        .collect();
    if !missing.is_empty() || !unexpected.is_empty() {
        let mut diff = String::from("results differ:");
        for e in &missing {
            let _ = write!(diff, "\n      - missing:    {e}");
        }
        for a in &unexpected {
            let _ = write!(diff, "\n      + unexpected: {a}");
        }
        let _ = write!(diff, "\n      expected {} result(s):", expect.results.len());
        for e in &expect.results {
            let _ = write!(diff, "\n          {e}");
        }
        let _ = write!(diff, "\n      got {} result(s):", actual.len());
        for a in &actual {
            let _ = write!(diff, "\n          {a}");
        }
        problems.push(diff);
    }
    with_stderr(problems, &stderr)
}

fn with_stderr(mut problems: Vec<String>, stderr: &str) -> Vec<String> {
    if !problems.is_empty() && !stderr.trim().is_empty() {
        problems.push(format!("stderr: {}", truncate(stderr.trim(), 800)));
    }
    problems
}

fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

#[test]
fn fixture_matrix() {
    let cases = case_dirs();
    assert!(
        !cases.is_empty() || std::env::var("VIGIL_FIXTURE").is_ok(),
        "no fixture cases under {}",
        fixtures_root().display()
    );
    let mut report = String::new();
    let mut pending_report = String::new();
    let (mut failed, mut pending) = (0, 0);
    for dir in &cases {
        match run_case(dir) {
            Outcome::Pass => {}
            Outcome::Fail(problems) => {
                failed += 1;
                let _ = writeln!(report, "\n{}:", case_name(dir));
                for p in problems {
                    let _ = writeln!(report, "    {p}");
                }
            }
            Outcome::PendingPasses(why) => {
                failed += 1;
                let _ = writeln!(
                    report,
                    "\n{}:\n    passes now: remove \"pending\" ({why}) from its expect.json",
                    case_name(dir)
                );
            }
            Outcome::StillPending(why, problems) => {
                pending += 1;
                let _ = writeln!(pending_report, "\n{} (pending: {why}):", case_name(dir));
                for p in problems {
                    let _ = writeln!(pending_report, "    {p}");
                }
            }
        }
    }
    if pending > 0 {
        println!("{pending} pending fixture case(s) still differ, as expected:\n{pending_report}");
    }
    assert!(
        failed == 0,
        "{failed} of {} fixture case(s) differ from their expect.json:\n{report}",
        cases.len()
    );
}

/// A case's `single_language` reason: why the situation has no counterpart in the languages
/// where a case of its name is missing. `Err` when the key is there but is not a reason.
fn single_language(dir: &Path) -> Result<Option<String>, String> {
    let text = std::fs::read_to_string(dir.join("expect.json"))
        .map_err(|e| format!("cannot read expect.json: {e}"))?;
    let v: Value =
        serde_json::from_str(&text).map_err(|e| format!("expect.json is not JSON: {e}"))?;
    match v.get("single_language") {
        None => Ok(None),
        Some(Value::String(why)) if !why.trim().is_empty() => Ok(Some(why.clone())),
        Some(_) => Err("\"single_language\" must be a non-empty string saying why".into()),
    }
}

/// The matrix is complete: a case directory name present for one language of a rule is present
/// for every language of that rule, unless one of its cases says (`single_language`) why the
/// situation exists only where it is written. A mark on a case that every language has is
/// stale, and an error too.
#[test]
fn fixture_matrix_is_complete() {
    use std::collections::BTreeMap;
    let mut problems = Vec::new();
    for rule in sorted_dirs(&fixtures_root()) {
        let rule_name = rule.file_name().unwrap().to_string_lossy().into_owned();
        // case name -> (languages that have it, the reasons given by its cases)
        let mut cases: BTreeMap<String, (Vec<&str>, Vec<String>)> = BTreeMap::new();
        for language in LANGUAGES {
            let dir = rule.join(language);
            if !dir.is_dir() {
                continue;
            }
            for case in sorted_dirs(&dir) {
                let name = case.file_name().unwrap().to_string_lossy().into_owned();
                let entry = cases.entry(name).or_default();
                entry.0.push(language);
                match single_language(&case) {
                    Ok(Some(why)) => entry.1.push(why),
                    Ok(None) => {}
                    Err(e) => problems.push(format!("{}: {e}", case_name(&case))),
                }
            }
        }
        for (name, (present, reasons)) in &cases {
            let missing: Vec<&str> = LANGUAGES
                .iter()
                .copied()
                .filter(|l| !present.contains(l))
                .collect();
            if missing.is_empty() && !reasons.is_empty() {
                problems.push(format!(
                    "{rule_name}/*/{name}: every language has it, remove \"single_language\""
                ));
            }
            if !missing.is_empty() && reasons.is_empty() {
                problems.push(format!(
                    "{rule_name}/{{{}}}/{name}: missing in {} (write the counterpart, or say \
                     why there is none with \"single_language\")",
                    present.join(","),
                    missing.join(", ")
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} gap(s) in the fixture matrix:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

/// The text report (`--no-color`), run from inside the case so that paths are relative,
/// with the exit code and stderr; durations are masked so the snapshot is stable.
fn text_report(case: &str) -> String {
    let dir = fixtures_root().join(case);
    assert!(dir.is_dir(), "no fixture case {case}");
    let output = Command::cargo_bin("vigil")
        .expect("the vigil binary")
        .current_dir(&dir)
        .args(["check", ".", "--no-color"])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("vigil runs");
    format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        mask_durations(&String::from_utf8_lossy(&output.stdout)),
        mask_durations(&String::from_utf8_lossy(&output.stderr)),
    )
}

/// Replaces `12ms`, `0.3s`, `1.25 s`, `40µs` with `[TIME]`.
fn mask_durations(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_number =
            chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric());
        if starts_number {
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                j += 1;
            }
            let mut k = j;
            if k < chars.len() && chars[k] == ' ' {
                k += 1;
            }
            let unit_len = ["ms", "µs", "us", "ns", "s"]
                .iter()
                .find(|u| {
                    let u: Vec<char> = u.chars().collect();
                    chars[k..].starts_with(&u)
                        && chars.get(k + u.len()).is_none_or(|c| !c.is_alphanumeric())
                })
                .map(|u| u.chars().count());
            if let Some(n) = unit_len {
                out.push_str("[TIME]");
                i = k + n;
                continue;
            }
            out.extend(&chars[i..j]);
            i = j;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[test]
fn mask_durations_masks_only_durations() {
    assert_eq!(
        mask_durations("checked 3 files in 12ms (0.5 s, 40µs); main.tf:9:22 AZKV001"),
        "checked 3 files in [TIME] ([TIME], [TIME]); main.tf:9:22 AZKV001"
    );
    assert_eq!(mask_durations("2 results"), "2 results");
}

/// Text-output snapshots of representative cases; accept them with `cargo insta review`.
macro_rules! text_snapshots {
    ($($name:ident => $case:literal,)*) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(stringify!($name), text_report($case));
            }
        )*
    };
}

text_snapshots! {
    text_a_literal_azureservices_deny => "AZKV001/terraform/a_literal_azureservices_deny",
    text_b_literal_none => "AZKV001/terraform/b_literal_none",
    text_c_no_network_acls => "AZKV001/terraform/c_no_network_acls",
    text_d_variable_default_none => "AZKV001/terraform/d_variable_default_none",
    text_g_variable_without_value => "AZKV001/terraform/g_variable_without_value",
    text_n_inline_ignore_with_reason => "AZKV001/terraform/n_inline_ignore_with_reason",
    text_o_syntax_error_beside_good_file => "AZKV001/terraform/o_syntax_error_beside_good_file",
    text_none_and_allow_both_rules => "AZKV001/terraform/none_and_allow_both_rules",
    text_count_two_instances => "AZKV001/terraform/count_two_instances",
    text_p1_allow_with_azureservices => "AZKV002/terraform/p1_allow_with_azureservices",
    text_module_argument_none => "AZKV001/terraform/module_argument_none",
    text_plan_json => "AZKV001/terraform/plan_json",
    text_arm_f_if_on_parameter_default => "AZKV001/arm/i_conditional_on_variable",
    text_arm_m_parameter_file_sets_none => "AZKV001/arm/f_auto_tfvars_sets_none",
    text_arm_g_nested_inner_scope => "AZKV001/arm/g_nested_inner_scope_outer_default",
    text_bicep_f_bicepparam => "AZKV001/bicep/f_auto_tfvars_sets_none",
    text_bicep_b_module => "AZKV001/bicep/module_two_calls_one_strict",
}
