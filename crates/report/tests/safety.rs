//! Every writer on findings whose every scanned field is hostile: the extended fixture with
//! resource addresses, messages, files, trace labels, suppression reasons, error messages,
//! unchecked reasons and the baseline's name replaced by text that holds NUL, ESC, C1 CSI,
//! DEL, bidi overrides, zero widths, tag characters, U+FFFF, line breaks, workflow commands,
//! Markdown and XML. Each format's output must hold none of it raw, no line the GitHub runner
//! would execute (the github format's own annotations aside), and stay valid for its format.

mod common;

use serde_json::Value;
use vigil_model::{Unchecked, UncheckedKind};
use vigil_report::{
    is_command_line, is_hidden, write_concise, write_github, write_gitlab, write_json,
    write_json_lines, write_junit, write_markdown, write_sarif, write_statistics, write_text,
    JunitOptions, ReportError, SarifOptions, TextOptions,
};

const EVIL: &str = "\u{0}\u{1b}[2J\u{9b}31m\u{7f}\u{202e}\u{2066}\u{200b}\u{feff}\u{e0041}\u{ffff}\
                    \r\n::error::pwned\r::add-mask::s\u{2028}::warning::x \
                    ##[error]y ##vso[task.complete] [l](https://e.example) ![i](x) \
                    <img src=x> ]]> @octocat #1 `t` | _e_ *s* ~~d~~ $m$ & &amp;";

fn hostile() -> common::Fixture {
    let mut fixture = common::extended();
    for (i, f) in fixture.findings.iter_mut().enumerate() {
        f.resource.address = format!("{EVIL}.{i}");
        f.message = format!("{EVIL} message {i}");
        f.location.file = format!("{EVIL}/f{i}.tf").into();
        f.resource.file = f.location.file.clone();
        f.source_property = EVIL.into();
        for hop in &mut f.trace {
            hop.label = EVIL.into();
            hop.location.file = EVIL.into();
        }
        if let Some(s) = &mut f.suppression {
            s.reason = Some(EVIL.into());
        }
    }
    for e in &mut fixture.errors {
        e.file = format!("{EVIL}.tf").into();
        e.message = EVIL.into();
    }
    fixture.unchecked.push(Unchecked {
        kind: UncheckedKind::Module,
        module: Some(EVIL.into()),
        why: EVIL.into(),
        at: vigil_model::FileError {
            file: EVIL.into(),
            line: 1,
            column: 1,
            message: EVIL.into(),
        },
    });
    if let Some(b) = &mut fixture.baseline {
        b.file = EVIL.into();
    }
    fixture
}

fn render(write: impl FnOnce(&mut Vec<u8>) -> Result<(), ReportError>) -> String {
    let mut out = Vec::new();
    write(&mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("every format is UTF-8")
}

/// No hidden character raw, no command line (but the github format's own annotations).
#[track_caller]
fn assert_inert(name: &str, text: &str, annotations: bool) {
    let raw: Vec<String> = text
        .chars()
        .filter(|&c| c != '\n' && is_hidden(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(raw.is_empty(), "{name}: raw {raw:?}\n{text}");
    for line in text.split('\n') {
        let own = annotations
            && ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|p| line.starts_with(p));
        if own {
            // The data cannot hold a legacy command either.
            assert!(!line.contains("##["), "{name}: {line}");
            continue;
        }
        assert!(
            !is_command_line(line),
            "{name}: command line\n{line}\n{text}"
        );
    }
}

const TEXT: TextOptions = TextOptions {
    color: false,
    quiet: false,
    fail_on_unknown: false,
};

#[test]
fn text_and_concise_are_inert() {
    let fixture = hostile();
    let report = fixture.report();
    for (name, out) in [
        ("text", render(|o| write_text(&report, &TEXT, o))),
        ("concise", render(|o| write_concise(&report, &TEXT, o))),
        ("statistics", render(|o| write_statistics(&report, o))),
    ] {
        assert_inert(name, &out, false);
    }
    let concise = render(|o| write_concise(&report, &TEXT, o));
    // One line per finding that counts, one per error, the summary and the baseline line:
    // as many as without the hostile text.
    assert_eq!(concise.lines().count(), 3 + 1 + 2, "{concise}");
}

/// Every string of a JSON value.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn json_formats_are_valid_inert_and_exact() {
    let fixture = hostile();
    let report = fixture.report();
    let json = render(|o| write_json(&report, o));
    let sarif = render(|o| write_sarif(&report, &SarifOptions::default(), o));
    let gitlab = render(|o| write_gitlab(&report, o));
    let lines = render(|o| write_json_lines(&report, o));
    for (name, text) in [
        ("json", &json),
        ("sarif", &sarif),
        ("gitlab", &gitlab),
        ("json-lines", &lines),
    ] {
        assert_inert(name, text, false);
        let docs: Vec<Value> = if name == "json-lines" {
            text.lines()
                .map(|l| serde_json::from_str(l).expect("one object per line"))
                .collect()
        } else {
            vec![serde_json::from_str(text).expect("valid JSON")]
        };
        let mut all = Vec::new();
        docs.iter().for_each(|d| strings(d, &mut all));
        // The values read back exactly: the escaping is JSON's own.
        assert!(
            all.iter().any(|s| s == &format!("{EVIL} message 0")),
            "{name}: the message is not kept exactly"
        );
    }
}

#[test]
fn junit_is_well_formed_inert_and_one_line_per_field() {
    let fixture = hostile();
    let report = fixture.report();
    for fail_on_unknown in [false, true] {
        let xml = render(|o| write_junit(&report, &JunitOptions { fail_on_unknown }, o));
        assert_inert("junit", &xml, false);
        let doc = roxmltree::Document::parse(&xml)
            .unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"));
        for node in doc.descendants().filter(|n| n.is_element()) {
            for a in node.attributes() {
                assert!(
                    !a.value().contains(['\n', '\r']),
                    "{}={:?}",
                    a.name(),
                    a.value()
                );
            }
        }
        // The escaped address reads back as the terminal shows it.
        assert!(
            doc.descendants()
                .filter_map(|n| n.attribute("name"))
                .any(|n| n.contains("\\u{0}\\u{1b}[2J\\u{9b}31m")),
            "{xml}"
        );
    }
}

#[test]
fn github_annotations_end_where_vigil_ends_them() {
    let fixture = hostile();
    let report = fixture.report();
    let out = render(|o| write_github(&report, o));
    assert_inert("github", &out, true);
    // Two failing and one undetermined finding, one error, the baseline and the unchecked
    // notices: one line each, and no `\r` that would end a runner line inside one.
    assert!(!out.contains('\r'));
    assert_eq!(out.lines().count(), 2 + 1 + 1 + 1 + 1, "{out}");
    for line in out.lines() {
        let rest = &line[2..];
        let head = &rest[..rest.find("::").expect("properties end")];
        if let Some((_, props)) = head.split_once(' ') {
            for kv in props.split(',') {
                let (key, _) = kv.split_once('=').expect("key=value");
                assert!(
                    ["file", "line", "col", "endLine", "endColumn", "title"].contains(&key),
                    "injected property {key:?} in {line}"
                );
            }
        }
    }
}

#[test]
fn markdown_is_inert() {
    let fixture = hostile();
    let report = fixture.report();
    let md = render(|o| write_markdown(&report, o));
    assert_inert("markdown", &md, false);
    for line in md.lines().filter(|l| l.starts_with('|')) {
        // Table rows keep their six (findings), five (rules), two (errors) or six (counts)
        // cells: every `|` of the scanned text is escaped.
        let mut cells = 0;
        let mut escaped = false;
        for c in line.chars() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '|' {
                cells += 1;
            }
        }
        assert!([3, 6, 7].contains(&cells), "{cells} separators:\n{line}");
    }
    // Inside code spans nothing is markup and GitHub links nothing; outside them, none of it
    // may be live.
    let prose = prose(&md);
    for live in ["<img", "https://", "@octocat", "#1 ", "](", "]]>"] {
        assert!(
            !prose.contains(live),
            "live {live}:\n{prose}\n--- from\n{md}"
        );
    }
    // `&amp;` in the scanned text is text, not an entity.
    assert!(md.contains("&amp; &amp;amp;"), "{md}");
}

/// Markdown without its code spans and backslash escapes: the text GitHub still reads as
/// markup. A run of backticks opens a span that the next run of the same length closes.
fn prose(md: &str) -> String {
    let chars: Vec<char> = md.chars().collect();
    let run = |i: usize| chars[i..].iter().take_while(|c| **c == '`').count();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '`' => {
                let n = run(i);
                let mut j = i + n;
                let mut close = None;
                while j < chars.len() {
                    if chars[j] == '`' {
                        let m = run(j);
                        if m == n {
                            close = Some(j + m);
                            break;
                        }
                        j += m;
                    } else {
                        j += 1;
                    }
                }
                match close {
                    Some(end) => i = end,
                    None => {
                        out.extend(&chars[i..i + n]);
                        i += n;
                    }
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[test]
fn junit_suites_named_by_hostile_rules_stay_well_formed() {
    // A rule of a user's rule directory may be named anything; its suite and the class of its
    // "no findings" case are attributes of scanned text like any other (the fuzzer found
    // U+FFFE there).
    let mut fixture = common::extended();
    let evil = format!("{EVIL}\u{fffe}\u{ffff}");
    for r in &mut fixture.rules {
        r.id = format!("{}{evil}", r.id);
        r.name = evil.clone();
    }
    for f in &mut fixture.findings {
        f.rule_id = format!("{}{evil}", f.rule_id);
        f.rule_name = evil.clone();
    }
    // One rule with no findings, for the placeholder case and its class.
    fixture
        .findings
        .retain(|f| f.rule_id == fixture.rules[0].id);
    let report = fixture.report();
    let xml = render(|o| {
        write_junit(
            &report,
            &JunitOptions {
                fail_on_unknown: false,
            },
            o,
        )
    });
    assert_inert("junit", &xml, false);
    let doc = roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"));
    let suites = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .count();
    assert!(suites >= 2, "{xml}");
}
