//! The formats beyond text, JSON and SARIF, on the extended fixture: failing, undetermined,
//! inline- and config-suppressed and baseline-hidden findings, a file error and a line with
//! non-ASCII text before the value.

mod common;

use std::collections::HashSet;

use serde_json::Value;
use vigil_model::Verdict;
use vigil_report::{
    write_concise, write_github, write_gitlab, write_json, write_json_lines, write_markdown,
    write_statistics, write_text, Report, ReportError, TextOptions,
};

const PLAIN: TextOptions = TextOptions {
    color: false,
    quiet: false,
    fail_on_unknown: false,
};

fn render(write: impl FnOnce(&mut Vec<u8>) -> Result<(), ReportError>) -> String {
    let mut out = Vec::new();
    write(&mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("every format is UTF-8")
}

fn concise(report: &Report, opts: TextOptions) -> String {
    render(|out| write_concise(report, &opts, out))
}

// --- concise ---------------------------------------------------------------------------

#[test]
fn concise_report() {
    let fixture = common::extended();
    let out = concise(&fixture.report(), PLAIN);
    insta::assert_snapshot!(out);
    // One line per finding that counts, one per error, then the summary and baseline lines.
    assert_eq!(out.lines().count(), 3 + 1 + 2);
    assert!(
        !out.contains("legacy"),
        "suppressed findings are left out:\n{out}"
    );
    assert!(
        !out.contains("network.tf:10"),
        "baseline findings are left out:\n{out}"
    );
    assert!(out.contains("network.tf:9:22: AZKV002 [high] Key vault"));
    assert!(out.contains("main.tf:23:22: AZKV002 [high] [undetermined] Cannot tell"));
    assert!(out.contains("modules/net work/broken.tf:4:3: error: unexpected"));
    assert!(out.contains(
        "1 finding hidden by baseline vigil-baseline.json; 1 baseline entry no longer matches."
    ));
}

#[test]
fn concise_quiet_has_no_summary_and_colour_only_when_asked() {
    let fixture = common::extended();
    let report = fixture.report();
    let quiet = concise(
        &report,
        TextOptions {
            quiet: true,
            ..PLAIN
        },
    );
    assert_eq!(quiet.lines().count(), 4);
    assert!(!quiet.contains("Found") && !quiet.contains("baseline"));
    assert!(!quiet.contains('\u{1b}'));

    let coloured = concise(
        &report,
        TextOptions {
            color: true,
            ..PLAIN
        },
    );
    assert!(
        coloured.contains("\u{1b}[1m\u{1b}[31mAZKV001"),
        "{coloured}"
    );
    // Without the escapes it is the plain output.
    let stripped = strip_ansi(&coloured);
    assert_eq!(stripped, concise(&report, PLAIN));
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

// --- text and JSON with a baseline -----------------------------------------------------

#[test]
fn text_counts_baseline_findings_instead_of_showing_them() {
    let fixture = common::extended();
    let out = render(|out| write_text(&fixture.report(), &PLAIN, out));
    assert!(!out.contains("network.tf:10"), "{out}");
    assert!(out.contains("network.tf:13:1: AZKV002 [suppressed: decommissioned in March"));
    assert!(out.ends_with(
        "Found 2 failing and 1 undetermined findings (3 suppressed) in 4 files; 1 error.\n\
         1 finding hidden by baseline vigil-baseline.json; 1 baseline entry no longer matches.\n"
    ));
}

#[test]
fn json_keeps_baseline_findings_and_summarises_the_baseline() {
    let fixture = common::extended();
    let doc: Value =
        serde_json::from_str(&render(|out| write_json(&fixture.report(), out))).unwrap();
    assert_eq!(
        doc["baseline"],
        serde_json::json!({"file": "vigil-baseline.json", "hidden": 1, "stale": 1})
    );
    let summary = &doc["summary"];
    // Version 1's meaning of `suppressed` is every suppression, the baseline's included.
    assert_eq!(summary["suppressed"], 4);
    assert_eq!(
        summary["failing"].as_u64().unwrap()
            + summary["undetermined"].as_u64().unwrap()
            + summary["suppressed"].as_u64().unwrap(),
        summary["findings"].as_u64().unwrap()
    );
    let kinds: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["suppression"]["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["inline", "inline", "baseline", "config"]);
}

// --- JSON Lines ------------------------------------------------------------------------

#[test]
fn json_lines_report() {
    let fixture = common::extended();
    insta::assert_snapshot!(render(|out| write_json_lines(&fixture.report(), out)));
}

#[test]
fn json_lines_carry_the_documents_objects() {
    let fixture = common::extended();
    let report = fixture.report();
    let doc: Value = serde_json::from_str(&render(|out| write_json(&report, out))).unwrap();
    let text = render(|out| write_json_lines(&report, out));
    assert!(text.ends_with('\n'));
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    let of = |kind: &str| -> Vec<Value> {
        lines
            .iter()
            .filter(|l| l["type"] == kind)
            .map(|l| {
                let mut l = l.clone();
                l.as_object_mut().unwrap().remove("type");
                l
            })
            .collect()
    };
    assert_eq!(of("finding"), *doc["findings"].as_array().unwrap());
    assert_eq!(of("error"), *doc["errors"].as_array().unwrap());
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["version"], doc["version"]);
    assert_eq!(summary["summary"], doc["summary"]);
    assert_eq!(summary["baseline"], doc["baseline"]);
    assert_eq!(lines.len(), 7 + 1 + 1);
    // `type` comes first, so that `grep '^{"type":"error"'` works too.
    assert!(text.lines().all(|l| l.starts_with("{\"type\":")));
}

// --- GitHub ----------------------------------------------------------------------------

#[test]
fn github_report() {
    let fixture = common::extended();
    let out = render(|out| write_github(&fixture.report(), out));
    insta::assert_snapshot!(out);
    let commands: Vec<&str> = out.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(
        commands,
        ["::warning", "::error", "::error", "::error", "::notice"]
    );
    assert!(out.contains(
        "::error file=network.tf,line=9,col=22,endLine=9,endColumn=28,\
         title=AZKV002 (key-vault-firewall-enabled)::Key vault"
    ));
}

#[test]
fn github_escapes_messages_and_properties() {
    let mut fixture = common::extended();
    fixture.findings.retain(|f| f.suppression.is_none());
    fixture.findings.truncate(1);
    fixture.errors.clear();
    fixture.baseline = None;
    let f = &mut fixture.findings[0];
    f.message = "100% open\r\nto: all, networks".into();
    f.location.file = "dir:a,b%.tf".into();
    f.rule_name = "odd:name,x".into();
    let out = render(|out| write_github(&fixture.report(), out));
    assert_eq!(
        out,
        "::warning file=dir%3Aa%2Cb%25.tf,line=23,col=22,endLine=23,endColumn=35,\
         title=AZKV002 (odd%3Aname%2Cx)::100%25 open\\r\\nto: all, networks\n"
    );
}

#[test]
fn github_multi_line_regions_have_no_columns() {
    let mut fixture = common::fixture();
    fixture.findings.truncate(1);
    fixture.findings[0].location = vigil_model::Location::new("main.tf", 22, 3, 25, 4);
    fixture.errors[0].line = 0;
    let out = render(|out| write_github(&fixture.report(), out));
    assert!(
        out.starts_with("::warning file=main.tf,line=22,endLine=25,title="),
        "{out}"
    );
    assert!(out.contains("::error file=modules/net work/broken.tf,title="));
}

// --- GitLab ----------------------------------------------------------------------------

#[test]
fn gitlab_report() {
    let fixture = common::extended();
    insta::assert_snapshot!(render(|out| write_gitlab(&fixture.report(), out)));
}

/// GitLab's documented Code Quality format: an array of objects with `description`,
/// `check_name`, `fingerprint` (unique in the report), `severity` (info, minor, major,
/// critical or blocker), `location.path` (relative) and `location.lines.begin` (an integer).
#[test]
fn gitlab_issues_have_every_required_field() {
    let fixture = common::extended();
    let issues: Value =
        serde_json::from_str(&render(|out| write_gitlab(&fixture.report(), out))).unwrap();
    let issues = issues.as_array().expect("the report is an array");
    assert_eq!(
        issues.len(),
        3,
        "suppressed and baseline findings are not issues"
    );
    let mut prints = HashSet::new();
    for issue in issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(
                issue[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} in {issue}"
            );
        }
        assert!(["info", "minor", "major", "critical", "blocker"]
            .contains(&issue["severity"].as_str().unwrap()));
        let path = issue["location"]["path"].as_str().unwrap();
        assert!(!path.starts_with('/') && !path.contains('\\'));
        let begin = issue["location"]["lines"]["begin"].as_u64().unwrap();
        assert!(begin >= 1);
        assert!(issue["location"]["lines"]["end"].as_u64().unwrap() >= begin);
        assert!(prints.insert(issue["fingerprint"].as_str().unwrap().to_string()));
    }
    let severities: Vec<&str> = issues
        .iter()
        .map(|i| i["severity"].as_str().unwrap())
        .collect();
    // undetermined -> info; high -> critical; medium -> major.
    assert_eq!(severities, ["info", "critical", "major"]);
}

#[test]
fn gitlab_fingerprints_stay_unique_when_findings_share_one() {
    let mut fixture = common::fixture();
    fixture.findings.retain(|f| f.suppression.is_none());
    let mut twin = fixture.findings[1].clone();
    twin.location.line += 1;
    twin.location.end_line += 1;
    fixture.findings.push(twin);
    let issues: Value =
        serde_json::from_str(&render(|out| write_gitlab(&fixture.report(), out))).unwrap();
    let prints: Vec<&str> = issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(prints.len(), 3);
    assert_eq!(prints.iter().collect::<HashSet<_>>().len(), 3);
    // The first keeps the fingerprint every other format gives the finding.
    assert_eq!(prints[1], vigil_report::fingerprint(&fixture.findings[1]));
    assert_eq!(prints[2].len(), 32);
}

#[test]
fn gitlab_empty_report_is_an_empty_array() {
    let mut fixture = common::extended();
    fixture.findings.retain(|f| f.suppression.is_some());
    let out = render(|out| write_gitlab(&fixture.report(), out));
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap(),
        Value::Array(vec![])
    );
}

// --- Markdown --------------------------------------------------------------------------

#[test]
fn markdown_report() {
    let fixture = common::extended();
    insta::assert_snapshot!(render(|out| write_markdown(&fixture.report(), out)));
}

#[test]
fn markdown_is_short_when_nothing_counts() {
    let mut fixture = common::extended();
    fixture.findings.retain(|f| f.suppression.is_some());
    fixture.errors.clear();
    let out = render(|out| write_markdown(&fixture.report(), out));
    assert_eq!(
        out,
        "## vigil: All checks passed\n\nNo findings in 4 files; 3 suppressed; 1 finding hidden \
         by baseline vigil-baseline.json; 1 baseline entry no longer matches.\n"
    );
    fixture.findings.clear();
    fixture.baseline = None;
    let out = render(|out| write_markdown(&fixture.report(), out));
    assert_eq!(
        out,
        "## vigil: All checks passed\n\nNo findings in 4 files.\n"
    );
}

#[test]
fn markdown_cells_cannot_break_the_table() {
    let mut fixture = common::extended();
    fixture.findings[0].message = "a | b\nc <script>".into();
    fixture.findings[0].resource.address = "azurerm_key_vault.x[\"a|b\"]".into();
    let out = render(|out| write_markdown(&fixture.report(), out));
    let row = out
        .lines()
        .find(|l| l.starts_with("| high | undetermined"))
        .expect("the undetermined finding has a row");
    assert_eq!(
        row,
        "| high | undetermined | `AZKV002` key-vault-firewall-enabled | \
         `azurerm_key_vault.x[\"a\\|b\"]` | `main.tf:23` | a \\| b<br>c &lt;script&gt; |"
    );
}

// --- statistics ------------------------------------------------------------------------

#[test]
fn statistics_report() {
    let fixture = common::extended();
    let out = render(|out| write_statistics(&fixture.report(), out));
    insta::assert_snapshot!(out);
    assert_eq!(
        out,
        "2  AZKV002  key-vault-firewall-enabled         [high]  (1 undetermined)\n\
         1  AZKV001  key-vault-trusted-services-bypass  [medium]\n"
    );
}

#[test]
fn statistics_sort_by_count_then_rule() {
    let mut fixture = common::fixture();
    fixture.findings.retain(|f| f.suppression.is_none());
    // AZKV001 and AZKV002 at one finding each: the id decides.
    fixture.findings[0].verdict = Verdict::Fail;
    let out = render(|out| write_statistics(&fixture.report(), out));
    let ids: Vec<&str> = out
        .lines()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(ids, ["AZKV001", "AZKV002"]);
    // Three of AZKV002 now outnumber AZKV001.
    let extra = fixture.findings[0].clone();
    fixture.findings.push(extra.clone());
    fixture.findings.push(extra);
    let out = render(|out| write_statistics(&fixture.report(), out));
    assert!(out.starts_with("3  AZKV002"), "{out}");
    fixture.findings.clear();
    assert_eq!(render(|out| write_statistics(&fixture.report(), out)), "");
}

// --- every format ----------------------------------------------------------------------

#[test]
fn every_format_is_deterministic_and_reports_write_failures() {
    type Writer = fn(&Report, &mut dyn std::io::Write) -> Result<(), ReportError>;
    let writers: [(&str, Writer); 7] = [
        ("concise", |r, o| write_concise(r, &PLAIN, o)),
        ("json-lines", |r, o| write_json_lines(r, o)),
        ("github", |r, o| write_github(r, o)),
        ("junit", |r, o| {
            vigil_report::write_junit(r, &Default::default(), o)
        }),
        ("gitlab", |r, o| write_gitlab(r, o)),
        ("markdown", |r, o| write_markdown(r, o)),
        ("statistics", |r, o| write_statistics(r, o)),
    ];
    for (name, writer) in writers {
        let first = render(|out| writer(&common::extended().report(), out));
        assert!(!first.is_empty(), "{name} wrote nothing");
        for _ in 0..3 {
            assert_eq!(
                first,
                render(|out| writer(&common::extended().report(), out)),
                "{name}"
            );
        }
        let err = writer(&common::extended().report(), &mut ClosedPipe).unwrap_err();
        assert!(
            matches!(err, ReportError::Io(ref e) if e.kind() == std::io::ErrorKind::BrokenPipe),
            "{name}: {err:?}"
        );
    }
}

struct ClosedPipe;

impl std::io::Write for ClosedPipe {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::ErrorKind::BrokenPipe.into())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

// --- one module, several roots -----------------------------------------------------------

/// The human formats show the instances of one written value as one entry that lists them;
/// the machine formats keep one result per instance.
#[test]
fn instances_of_one_value_are_one_entry_in_human_formats() {
    let fixture = common::multi_root();
    let report = fixture.report();

    let text = render(|out| write_text(&report, &PLAIN, out));
    insta::assert_snapshot!("multi_root_text", text);
    assert_eq!(text.matches("AZKV001 Key vault").count(), 1, "{text}");
    assert!(
        text.contains("= instances: 3: azurerm_key_vault.this,"),
        "{text}"
    );
    assert!(
        text.contains("module.kv.azurerm_key_vault.this (root envs/dev),"),
        "{text}"
    );
    assert!(
        text.contains("module.kv.azurerm_key_vault.this (root envs/prod)"),
        "{text}"
    );
    assert!(
        text.contains(
            "Found 3 failing findings in 3 files. 2 modules not checked: not installed; \
             1 resource not checked: condition false; see --verbose."
        ),
        "{text}"
    );

    let concise = concise(&report, PLAIN);
    insta::assert_snapshot!("multi_root_concise", concise);
    assert_eq!(concise.lines().count(), 2, "{concise}");
    assert!(concise.contains("(3 instances: azurerm_key_vault.this, module.kv.azurerm_key_vault.this (root envs/dev), module.kv.azurerm_key_vault.this (root envs/prod))"), "{concise}");

    let github = render(|out| write_github(&report, out));
    assert_eq!(github.matches("::error ").count(), 1, "{github}");
    assert!(github.contains("3 instances"), "{github}");
    assert!(
        github.contains("::notice title=vigil: not checked::2 modules not checked: not installed; 1 resource not checked: condition false; see --verbose"),
        "{github}"
    );
    assert!(
        markdown_has_unchecked(&render(|out| write_markdown(&report, out))),
        "the pull-request summary says what was not checked"
    );

    let markdown = render(|out| write_markdown(&report, out));
    insta::assert_snapshot!("multi_root_markdown", markdown);
    assert!(markdown.contains("(root envs/prod)"), "{markdown}");

    // One JSON finding per instance, each naming its root and with a fingerprint of its own.
    let json: Value = serde_json::from_str(&render(|out| write_json(&report, out))).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 3);
    let prints: HashSet<&str> = findings
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(
        prints.len(),
        3,
        "instances share a fingerprint: {findings:?}"
    );
    assert_eq!(findings[1]["resource"]["root"], "envs/dev");
    assert!(findings[0]["resource"].get("root").is_none());
    assert!(findings[2]["message"]
        .as_str()
        .unwrap()
        .ends_with("(root envs/prod)"));
}

fn markdown_has_unchecked(markdown: &str) -> bool {
    markdown.contains("2 modules not checked: not installed; 1 resource not checked: condition false; see --verbose.")
}
