mod common;

use vigil_model::Verdict;
use vigil_report::{write_text, Report, TextOptions};

fn text(report: &Report, opts: TextOptions) -> String {
    let mut out = Vec::new();
    write_text(report, &opts, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("text output is UTF-8")
}

const PLAIN: TextOptions = TextOptions {
    color: false,
    quiet: false,
    fail_on_unknown: false,
};

#[test]
fn full_report() {
    let fixture = common::fixture();
    insta::assert_snapshot!(text(&fixture.report(), PLAIN));
}

#[test]
fn quiet_report_has_no_trace_and_no_summary() {
    let fixture = common::fixture();
    let out = text(
        &fixture.report(),
        TextOptions {
            quiet: true,
            ..PLAIN
        },
    );
    assert!(!out.contains("= trace"));
    assert!(!out.contains("Found"));
    insta::assert_snapshot!(out);
}

#[test]
fn colour_only_when_asked() {
    let fixture = common::fixture();
    assert!(!text(&fixture.report(), PLAIN).contains('\u{1b}'));
    let coloured = text(
        &fixture.report(),
        TextOptions {
            color: true,
            ..PLAIN
        },
    );
    assert!(
        coloured.contains("\u{1b}[1m\u{1b}[31mAZKV001"),
        "{coloured}"
    );
    assert_eq!(
        coloured,
        text(
            &fixture.report(),
            TextOptions {
                color: true,
                ..PLAIN
            }
        )
    );
}

#[test]
fn output_is_deterministic() {
    let fixture = common::fixture();
    let first = text(&fixture.report(), PLAIN);
    for _ in 0..5 {
        assert_eq!(first, text(&common::fixture().report(), PLAIN));
    }
}

#[test]
fn missing_sources_and_stale_lines_skip_the_snippet() {
    let mut fixture = common::fixture();
    fixture.sources.clear();
    fixture.findings[0].location.line = 999;
    let out = text(&fixture.report(), PLAIN);
    assert!(!out.contains(" | "), "{out}");
    assert!(out.contains("main.tf:999:22: AZKV002 [undetermined] Cannot tell"));
}

fn summary_of(fixture: &common::Fixture, opts: TextOptions) -> String {
    let out = text(&fixture.report(), opts);
    out.lines().last().unwrap_or_default().to_string()
}

#[test]
fn summaries() {
    let mut f = common::fixture();
    assert_eq!(
        summary_of(&f, PLAIN),
        "Found 1 failing and 1 undetermined findings (2 suppressed) in 3 files; 1 error."
    );

    f.errors.clear();
    f.findings.retain(|x| x.verdict == Verdict::Undetermined);
    assert_eq!(
        summary_of(&f, PLAIN),
        "Found 1 undetermined finding in 3 files. Undetermined findings do not fail the check \
         unless --fail-on-unknown is given."
    );
    assert_eq!(
        summary_of(
            &f,
            TextOptions {
                fail_on_unknown: true,
                ..PLAIN
            }
        ),
        "Found 1 undetermined finding in 3 files."
    );

    f.findings.clear();
    f.files_scanned = 1;
    assert_eq!(summary_of(&f, PLAIN), "All checks passed (1 file).");
    assert_eq!(text(&f.report(), PLAIN), "All checks passed (1 file).\n");

    let mut g = common::fixture();
    g.findings.retain(|x| x.suppression.is_some());
    assert_eq!(
        summary_of(&g, PLAIN),
        "No findings (2 suppressed) in 3 files; 1 error."
    );
    g.errors.clear();
    assert_eq!(
        summary_of(&g, PLAIN),
        "All checks passed (3 files; 2 suppressed)."
    );
}

#[test]
fn quiet_and_clean_prints_nothing() {
    let mut f = common::fixture();
    f.findings.clear();
    f.errors.clear();
    let out = text(
        &f.report(),
        TextOptions {
            quiet: true,
            ..PLAIN
        },
    );
    assert_eq!(out, "");
}

#[test]
fn errors_about_a_whole_file_have_no_position() {
    let mut f = common::fixture();
    f.findings.clear();
    f.errors[0].line = 0;
    f.errors[0].column = 0;
    f.errors[0].message = "cannot read: permission denied".into();
    let out = text(&f.report(), PLAIN);
    assert!(out.starts_with("modules/net work/broken.tf: error: cannot read: permission denied\n"));
}

#[test]
fn errors_show_their_line_when_the_source_is_known() {
    let mut f = common::fixture();
    f.findings.clear();
    f.errors[0].file = "variables.tf".into();
    f.errors[0].line = 7;
    f.errors[0].column = 13;
    let out = text(&f.report(), PLAIN);
    assert!(
        out.starts_with(
            "variables.tf:7:13: error: unexpected `}`: expected an attribute or a block\n  |\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("7 |   default = \"None\"\n  |             ^\n"),
        "{out}"
    );
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

#[test]
fn write_failures_are_returned() {
    let fixture = common::fixture();
    let report = fixture.report();
    let err = write_text(&report, &PLAIN, &mut ClosedPipe).unwrap_err();
    assert!(
        matches!(err, vigil_report::ReportError::Io(ref e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    );
    assert!(vigil_report::write_json(&report, &mut ClosedPipe).is_err());
    assert!(vigil_report::write_sarif(&report, &Default::default(), &mut ClosedPipe).is_err());
}
