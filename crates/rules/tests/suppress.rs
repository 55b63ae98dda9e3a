//! Inline `vigil:ignore` placement.

mod common;

use common::*;
use std::collections::HashMap;
use std::sync::Arc;
use vigil_model::{Finding, IgnoreDirective, IsoDate, Location, SourceFile, Until};
use vigil_rules::{apply_suppressions, RuleSet, SuppressContext, SuppressionWarning};

/// Both rules fail on this vault: bypass None at main.tf:12 (AZKV001), default action Allow at
/// main.tf:13 (AZKV002); the resource starts at main.tf:3.
fn findings() -> Vec<Finding> {
    let src = Src::Tf;
    let r = vault(
        src,
        vec![(
            "networkAcls",
            obj(vec![
                ("bypass", s(src, "None", 12)),
                ("defaultAction", s(src, "Allow", 13)),
            ]),
        )],
    );
    let f = RuleSet::builtin().check(&r);
    assert_eq!(f.len(), 2);
    f
}

fn directive(file: &str, line: u32, rules: &[&str], reason: Option<&str>) -> IgnoreDirective {
    IgnoreDirective {
        line,
        rules: rules.iter().map(|r| r.to_string()).collect(),
        reason: reason.map(String::from),
        until: None,
        location: Location::new(file, line, 3, line, 30),
    }
}

const TODAY: IsoDate = IsoDate {
    year: 2026,
    month: 11,
    day: 28,
};

/// Applies the directives as a run of every built-in rule on `TODAY` would.
fn apply(
    findings: &mut [Finding],
    sources: &HashMap<Arc<str>, SourceFile>,
) -> Vec<SuppressionWarning> {
    let metas = RuleSet::builtin().metas();
    let ctx = SuppressContext {
        today: TODAY,
        known_rules: &metas,
        active_rules: &metas,
    };
    apply_suppressions(findings, sources, &ctx)
}

fn sources(directives: Vec<IgnoreDirective>) -> HashMap<Arc<str>, SourceFile> {
    let mut map: HashMap<Arc<str>, SourceFile> = HashMap::new();
    for d in directives {
        let file = d.location.file.clone();
        map.entry(file.clone())
            .or_insert_with(|| SourceFile {
                path: file,
                text: "".into(),
                ignores: vec![],
            })
            .ignores
            .push(d);
    }
    map
}

/// Which rules' findings end up suppressed.
fn suppressed(directives: Vec<IgnoreDirective>) -> Vec<String> {
    let mut f = findings();
    apply(&mut f, &sources(directives));
    f.iter()
        .filter(|f| f.suppression.is_some())
        .map(|f| f.rule_id.clone())
        .collect()
}

#[test]
fn same_line() {
    let mut f = findings();
    apply(
        &mut f,
        &sources(vec![directive(
            "main.tf",
            12,
            &["AZKV001"],
            Some("legacy VM"),
        )]),
    );
    let s = f[0].suppression.as_ref().expect("AZKV001 suppressed");
    assert_eq!(s.kind, "inline");
    assert_eq!(s.reason.as_deref(), Some("legacy VM"));
    assert_eq!(s.location, Location::new("main.tf", 12, 3, 12, 30));
    assert!(f[1].suppression.is_none());
    assert!(!f[0].fails_gate(true));
}

#[test]
fn line_above() {
    assert_eq!(
        suppressed(vec![directive("main.tf", 11, &["AZKV001"], None)]),
        ["AZKV001"]
    );
    // The line above AZKV002's Allow is AZKV001's None line: it names AZKV002 only.
    assert_eq!(
        suppressed(vec![directive("main.tf", 12, &["AZKV002"], None)]),
        ["AZKV002"]
    );
}

#[test]
fn two_lines_above_is_too_far() {
    assert!(suppressed(vec![directive("main.tf", 10, &["AZKV001"], None)]).is_empty());
}

#[test]
fn above_the_resource_covers_all_of_it() {
    assert_eq!(
        suppressed(vec![directive("main.tf", 2, &[], None)]),
        ["AZKV001", "AZKV002"]
    );
    assert_eq!(
        suppressed(vec![directive("main.tf", 2, &["AZKV002"], None)]),
        ["AZKV002"]
    );
    assert_eq!(
        suppressed(vec![directive("main.tf", 3, &["AZKV001", "AZKV002"], None)]),
        ["AZKV001", "AZKV002"]
    );
}

#[test]
fn wrong_rule_does_not_suppress() {
    assert!(suppressed(vec![directive("main.tf", 12, &["AZKV003"], None)]).is_empty());
}

#[test]
fn rule_names_work_too() {
    assert_eq!(
        suppressed(vec![directive(
            "main.tf",
            12,
            &["KEY-VAULT-TRUSTED-SERVICES-BYPASS"],
            None
        )]),
        ["AZKV001"]
    );
}

#[test]
fn other_file_does_not_suppress() {
    assert!(suppressed(vec![
        directive("other.tf", 12, &[], None),
        directive("other.tf", 2, &[], None),
    ])
    .is_empty());
}

#[test]
fn value_from_another_file_is_suppressed_there() {
    let src = Src::Tf;
    let r = vault(
        src,
        vec![
            ("publicNetworkAccess", s(src, "Disabled", 6)),
            (
                "networkAcls",
                obj(vec![("bypass", via_tfvars("None", 4, 12))]),
            ),
        ],
    );
    let run = |directives| {
        let mut f = RuleSet::builtin().check(&r);
        assert_eq!(f.len(), 1);
        apply(&mut f, &sources(directives));
        f[0].suppression.is_some()
    };
    assert!(run(vec![directive(
        "terraform.tfvars",
        3,
        &["AZKV001"],
        None
    )]));
    assert!(run(vec![directive(
        "terraform.tfvars",
        4,
        &["AZKV001"],
        None
    )]));
    assert!(
        !run(vec![directive("main.tf", 4, &["AZKV001"], None)]),
        "same number, other file"
    );
    assert!(!run(vec![directive(
        "terraform.tfvars",
        2,
        &["AZKV001"],
        None
    )]));
    assert!(
        run(vec![directive("main.tf", 12, &["AZKV001"], None)]),
        "where the resource uses the value"
    );
    assert!(
        run(vec![directive("main.tf", 11, &["AZKV001"], None)]),
        "above the use"
    );
    assert!(
        run(vec![directive("main.tf", 2, &["AZKV001"], None)]),
        "above the resource still covers it"
    );
    assert!(
        run(vec![directive("main.tf", 3, &["AZKV001"], None)]),
        "so does the resource's first line"
    );
}

#[test]
fn nearest_directive_wins_and_earlier_suppressions_stay() {
    let mut f = findings();
    apply(
        &mut f,
        &sources(vec![
            directive("main.tf", 2, &[], Some("whole vault")),
            directive("main.tf", 12, &[], Some("this line")),
        ]),
    );
    assert_eq!(
        f[0].suppression.as_ref().unwrap().reason.as_deref(),
        Some("this line")
    );
    assert_eq!(
        f[1].suppression.as_ref().unwrap().reason.as_deref(),
        Some("this line")
    );
    apply(
        &mut f,
        &sources(vec![directive("main.tf", 13, &[], Some("later"))]),
    );
    assert_eq!(
        f[1].suppression.as_ref().unwrap().reason.as_deref(),
        Some("this line")
    );
}

fn until(mut d: IgnoreDirective, date: &str) -> IgnoreDirective {
    d.until = Some(match IsoDate::parse(date) {
        Some(day) => Until::Date(day),
        None => Until::Invalid(date.to_string()),
    });
    d
}

fn messages(warnings: &[SuppressionWarning]) -> Vec<String> {
    warnings
        .iter()
        .map(|w| format!("{}:{}: {}", w.location.file, w.location.line, w.message))
        .collect()
}

#[test]
fn a_directive_holds_through_its_last_day() {
    for day in ["2026-11-28", "2027-06-30"] {
        let mut f = findings();
        let warnings = apply(
            &mut f,
            &sources(vec![until(
                directive("main.tf", 12, &["AZKV001"], None),
                day,
            )]),
        );
        assert!(f[0].suppression.is_some(), "until {day}");
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}

#[test]
fn an_expired_directive_hides_nothing_and_says_so() {
    let mut f = findings();
    let warnings = apply(
        &mut f,
        &sources(vec![until(
            directive("main.tf", 12, &["AZKV001"], Some("migration")),
            "2026-11-27",
        )]),
    );
    assert!(f[0].suppression.is_none());
    assert!(f[0].fails_gate(false));
    assert_eq!(
        messages(&warnings),
        ["main.tf:12: suppression of AZKV001 expired on 2026-11-27; 1 finding is reported again"]
    );
}

#[test]
fn an_expired_directive_gives_way_to_one_in_force() {
    let mut f = findings();
    let warnings = apply(
        &mut f,
        &sources(vec![
            until(
                directive("main.tf", 12, &["AZKV001"], Some("old")),
                "2020-01-01",
            ),
            directive("main.tf", 2, &["AZKV001"], Some("whole vault")),
        ]),
    );
    assert_eq!(
        f[0].suppression.as_ref().unwrap().reason.as_deref(),
        Some("whole vault")
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].message.contains("expired on 2020-01-01"));
}

#[test]
fn an_invalid_date_fails_closed() {
    let mut f = findings();
    let warnings = apply(
        &mut f,
        &sources(vec![until(
            directive("main.tf", 12, &["AZKV001"], None),
            "2027-02-30",
        )]),
    );
    assert!(f[0].suppression.is_none());
    assert_eq!(
        messages(&warnings),
        ["main.tf:12: suppression has an invalid date `2027-02-30` (expected YYYY-MM-DD after `until`), so it hides nothing"]
    );
}

#[test]
fn unused_and_unknown_directives_are_reported() {
    let mut f = findings();
    let warnings = apply(
        &mut f,
        &sources(vec![
            directive("main.tf", 12, &["AZKV001"], None),
            directive("main.tf", 30, &["AZKV002"], None),
            directive("main.tf", 40, &["AZKV999"], None),
        ]),
    );
    assert!(f[0].suppression.is_some());
    assert_eq!(
        messages(&warnings),
        [
            "main.tf:30: unused suppression: no finding of AZKV002 here",
            "main.tf:40: suppression names an unknown rule `AZKV999`",
        ]
    );
}

#[test]
fn a_directive_for_a_rule_that_did_not_run_is_not_unused() {
    let all = RuleSet::builtin().metas();
    let only_002: Vec<_> = all.iter().filter(|m| m.id == "AZKV002").cloned().collect();
    let ctx = SuppressContext {
        today: TODAY,
        known_rules: &all,
        active_rules: &only_002,
    };
    let mut f: Vec<Finding> = findings()
        .into_iter()
        .filter(|f| f.rule_id == "AZKV002")
        .collect();
    let warnings = apply_suppressions(
        &mut f,
        &sources(vec![directive("main.tf", 30, &["AZKV001"], None)]),
        &ctx,
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}
