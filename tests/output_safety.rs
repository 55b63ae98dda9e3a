//! Text from the scanned code is neutralised for every destination (issue 12, item 5): a
//! project whose file and directory names, resource names, values, suppression reasons and
//! configuration entries hold terminal escapes, bidi overrides, GitHub workflow commands,
//! Markdown and XML is checked with every `--format`, and both streams are read back:
//!
//! - no ESC or other hidden character (C0/C1 controls, bidi, zero-width) reaches either
//!   stream raw;
//! - no line the GitHub runner would execute (`::` after white space, `##[` anywhere) except
//!   vigil's own annotations, whose properties and data are escaped so none ends early;
//! - the machine formats stay valid (JSON, JSON Lines, SARIF, GitLab, JUnit XML) and keep the
//!   hostile values exactly, escaped only in their syntax;
//! - the Markdown summary renders none of it as markup;
//! - the good neighbour's finding is reported beside the hostile ones.
//!
//! Everything is generated here, in a temporary directory.

mod common;

use common::*;

/// What the scanned code says, in every place it can say it. `\n` starts a new line in the
/// middle of a value; the rest would act in a terminal, in the runner or in a Markdown page.
const HOSTILE: &str = "\u{1b}[31m \n::error::pwned \u{202e}evil [x](https://evil.example) \
                       @octocat <img src=x> ]]> ##[error]legacy www.evil.example #123 `tick` |";

/// HOSTILE in HCL and JSON string syntax: the same characters, written as escapes.
fn escaped_for_source() -> String {
    HOSTILE
        .chars()
        .map(|c| match c {
            '\u{1b}' => "\\u001b".to_string(),
            '\u{202e}' => "\\u202e".to_string(),
            '\n' => "\\n".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// A directory and file name that could be file names on Linux: ESC, a line break, a bidi
/// override, a workflow command and Markdown.
const DIR: &str = "d\u{1b}[31m\u{202e}";
const TF_FILE: &str = "a\n::error::pwned [x](evil) @octocat <img src=x> ]]>.tf";
const ARM_FILE: &str = "arm ::warning::t\u{202e} ##[error]x.json";
const BROKEN: &str = "broken\n::error::broken.tf";

fn hostile_project() -> TempDir {
    let value = escaped_for_source();
    let tf = format!(
        "# vigil:ignore AZKV002 -- reason with \u{1b}[31m and ::warning::x \u{202e} @octocat\n\
         resource \"azurerm_key_vault\" \"kv\\n::error::label\" {{\n  \
           name                = \"kv-x\"\n  \
           location            = \"westeurope\"\n  \
           resource_group_name = \"rg\"\n  \
           tenant_id           = \"00000000-0000-0000-0000-000000000000\"\n  \
           sku_name            = \"standard\"\n  \
           tags = {{ note = \"{value}\" }}\n  \
           network_acls {{\n    \
             bypass         = /* \u{1b}[1m\u{202e} */ \"{value}\"\n    \
             default_action = \"Allow\"\n  \
           }}\n\
         }}\n"
    );
    let arm = format!(
        r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {{
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "kv\u001b[31m\n::error::arm\u202e @octocat",
      "location": "westeurope",
      "tags": {{ "note": "{value}" }},
      "properties": {{
        "tenantId": "00000000-0000-0000-0000-000000000000",
        "sku": {{ "family": "A", "name": "standard" }},
        "networkAcls": {{ "bypass": "{value}", "defaultAction": "Deny" }}
      }}
    }}
  ]
}}
"#
    );
    let config = "ignores:\n\
                  \x20 - rule: AZKV001\n\
                  \x20   path: \"nothing\\e::error::glob @octocat\"\n\
                  \x20   reason: \"cfg \\e[31m\\n::error::reason \\u202e <b>x</b>\"\n\
                  \x20   expires: 2020-01-01\n\
                  \x20 - rule: AZKV002\n\
                  \x20   resource: \"*\\n::add-mask::x\"\n\
                  \x20   reason: \"old \\e[1m\\r::warning::r ##[error]y\"\n";
    let dir = project(&[
        ("vigil.yaml", config),
        // The good neighbour: an ordinary vault whose finding must still be reported.
        (
            "good/main.tf",
            &vault("good_neighbour", Some((r#""None""#, r#""Deny""#)), ""),
        ),
    ]);
    write_files(
        dir.path(),
        &[
            (&format!("{DIR}/{TF_FILE}"), &tf),
            (ARM_FILE, &arm),
            (
                BROKEN,
                "resource \"x\" \"y\" {\n  a = ::error::x \u{1b}[2J\n",
            ),
        ],
    );
    dir
}

fn check(dir: &Path, format: &str) -> Output {
    run(vigil().current_dir(dir).args([
        "check",
        ".",
        "--no-color",
        "--verbose",
        "--format",
        format,
    ]))
}

/// Lines as the GitHub runner reads them: `\n`, `\r\n` and a lone `\r` end one.
fn runner_lines(text: &str) -> Vec<&str> {
    text.split("\r\n")
        .flat_map(|l| l.split(['\n', '\r']))
        .collect()
}

/// What the runner would take for a workflow command (`TrimStart`, then `::`; `##[` and
/// Azure Pipelines' `##vso[` anywhere).
fn is_command(line: &str) -> bool {
    line.trim_start().starts_with("::")
        || line.contains("##[")
        || line.to_ascii_lowercase().contains("##vso[")
}

/// Invisible or acting characters that no stream may hold raw.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// The checks every format and stream must pass. Returns the stream for format checks.
#[track_caller]
fn assert_inert(name: &str, bytes: &[u8], own_annotations: bool) -> String {
    assert!(
        !bytes.contains(&0x1b),
        "{name}: raw ESC\n{}",
        String::from_utf8_lossy(bytes)
    );
    let text =
        String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"));
    let raw: Vec<String> = text
        .chars()
        .filter(|c| hidden(*c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(raw.is_empty(), "{name}: raw {raw:?}\n{text}");
    for line in runner_lines(&text) {
        if own_annotations && is_annotation(line) {
            continue;
        }
        assert!(
            !is_command(line),
            "{name}: a line the runner would execute:\n{line}\n--- in\n{text}"
        );
    }
    text
}

/// vigil's own GitHub annotations.
fn is_annotation(line: &str) -> bool {
    ["::error ", "::warning ", "::notice "]
        .iter()
        .any(|p| line.starts_with(p))
}

/// The stream shows the hostile text, escaped: the test is not passing on an empty stream.
#[track_caller]
fn assert_shows_escapes(name: &str, text: &str) {
    assert!(
        text.contains("\\u{1b}") || text.contains("\\u001b") || text.contains("\\u{202e}"),
        "{name}: the hostile text is not shown at all:\n{text}"
    );
}

struct Run {
    stdout: String,
    stderr: String,
}

/// Runs one format and checks both streams.
fn run_format(format: &str) -> Run {
    let p = hostile_project();
    let o = check(p.path(), format);
    // The broken file is an error; the others are checked all the same.
    assert_exit(&o, 2);
    let stdout = assert_inert(&format!("{format} stdout"), &o.stdout, format == "github");
    let stderr = assert_inert(&format!("{format} stderr"), &o.stderr, false);
    // The expired ignores' warnings quote the configuration's reasons on stderr in every
    // format.
    assert_shows_escapes(&format!("{format} stderr"), &stderr);
    assert!(
        stdout.contains("good_neighbour"),
        "{format}: the good neighbour's finding is missing:\n{stdout}"
    );
    Run { stdout, stderr }
}

#[test]
fn text_format_is_inert() {
    let r = run_format("text");
    assert_shows_escapes("text", &r.stdout);
    // The suppression reason and the value are shown, escaped, on their finding's line.
    assert!(
        r.stdout
            .contains("[suppressed: reason with \\u{1b}[31m and ::warning::x \\u{202e} @octocat]"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("\\n::error::pwned"), "{}", r.stdout);
    // A file error names the hostile file, escaped; its snippet too.
    assert!(
        r.stdout.contains("broken\\n::error::broken.tf:2:"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("::error::x \\u{1b}[2J"), "{}", r.stdout);
    // The configuration's entries, quoted in warnings on stderr: each on its own line.
    let expired = r
        .stderr
        .lines()
        .find(|l| l.starts_with("vigil.yaml:2:5: warning: ignore of AZKV001"))
        .unwrap_or_else(|| panic!("{}", r.stderr));
    assert!(
        expired.contains("(cfg \\u{1b}[31m\\n::error::reason \\u{202e} <b>x</b>)"),
        "{expired}"
    );
    assert!(
        r.stderr
            .contains("unused ignore: no finding of AZKV002 on `*\\n::add-mask::x`"),
        "{}",
        r.stderr
    );
}

#[test]
fn text_snippet_carets_stay_under_the_value() {
    let r = run_format("text");
    let lines: Vec<&str> = r.stdout.lines().collect();
    // The comment before the value holds a raw ESC and U+202E, shown escaped and so wider.
    let at = lines
        .iter()
        .position(|l| l.contains("bypass         = /* \\u{1b}[1m\\u{202e} */ \""))
        .unwrap_or_else(|| panic!("no snippet of the bypass line:\n{}", r.stdout));
    let quote = lines[at].find("*/ \"").unwrap() + 3;
    let carets = lines[at + 1].find('^').expect("carets under the line");
    assert_eq!(carets, quote, "\n{}\n{}", lines[at], lines[at + 1]);
}

#[test]
fn concise_format_is_inert() {
    let r = run_format("concise");
    assert_shows_escapes("concise", &r.stdout);
    // One line per finding and error, whatever the values hold.
    for line in r.stdout.lines().filter(|l| l.contains(": AZKV")) {
        assert!(
            line.contains(" [medium] ") || line.contains(" [high] "),
            "{line}"
        );
    }
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.contains(": AZKV001 "))
            .count(),
        3,
        "{}",
        r.stdout
    );
}

/// A JSON document's strings, all of them.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            out.push(k.clone());
            strings(x, out)
        }),
        _ => {}
    }
}

/// The hostile value is kept exactly: JSON escapes it only in its syntax.
#[track_caller]
fn assert_keeps_values(name: &str, docs: &[Value]) {
    let mut all = Vec::new();
    docs.iter().for_each(|d| strings(d, &mut all));
    assert!(
        all.iter().any(|s| s.contains(HOSTILE)),
        "{name}: the hostile value is not kept as it is"
    );
    assert!(
        all.iter().any(|s| s.contains(TF_FILE)),
        "{name}: the hostile file name is not kept as it is"
    );
}

#[test]
fn json_format_is_valid_and_inert() {
    let r = run_format("json");
    let doc: Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert_keeps_values("json", &[doc]);
}

#[test]
fn json_lines_format_is_valid_and_inert() {
    let r = run_format("json-lines");
    let docs: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(docs.last().unwrap()["type"], "summary");
    assert_keeps_values("json-lines", &docs);
}

#[test]
fn sarif_format_is_valid_and_inert() {
    let r = run_format("sarif");
    let log: Value = serde_json::from_str(&r.stdout).expect("valid SARIF JSON");
    assert_eq!(log["version"], "2.1.0");
    assert!(results(&log).len() >= 3, "{}", r.stdout);
    assert_keeps_values("sarif", &[log]);
}

#[test]
fn gitlab_format_is_valid_and_inert() {
    let r = run_format("gitlab");
    let issues: Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert_eq!(issues.as_array().unwrap().len(), 3, "{}", r.stdout);
    let mut all = Vec::new();
    strings(&issues, &mut all);
    assert!(all.iter().any(|s| s.contains(HOSTILE)), "{}", r.stdout);
}

#[test]
fn junit_format_is_well_formed_and_inert() {
    let r = run_format("junit");
    let doc = roxmltree::Document::parse(&r.stdout)
        .unwrap_or_else(|e| panic!("JUnit XML does not parse: {e}\n{}", r.stdout));
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    // Names stay on one line: an attribute with a line break would start an output line with
    // scanned text.
    for c in &cases {
        let name = c.attribute("name").unwrap();
        assert!(!name.contains(['\n', '\r']), "{name:?}");
    }
    assert!(
        cases
            .iter()
            .any(|c| c.attribute("name").unwrap().contains("kv\\n::error::label")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("good_neighbour"), "{}", r.stdout);
    assert_shows_escapes("junit", &r.stdout);
}

/// The annotation's properties, split as the runner splits them: every key one vigil
/// writes, none injected by a file name.
fn annotation_properties(line: &str) -> Vec<(String, String)> {
    let rest = &line[2..];
    let end = rest.find("::").expect("an annotation has data");
    let head = &rest[..end];
    let props = head.split_once(' ').map_or("", |(_, p)| p);
    props
        .split(',')
        .map(|kv| {
            let (k, v) = kv.split_once('=').expect("key=value");
            (k.to_string(), v.to_string())
        })
        .collect()
}

#[test]
fn github_format_annotations_are_escaped() {
    let r = run_format("github");
    let lines = runner_lines(&r.stdout);
    let annotations: Vec<&str> = lines.iter().copied().filter(|l| is_command(l)).collect();
    // Two AZKV001 failures, the good neighbour's, the broken file, the not-checked notice and
    // two expired ignores: and nothing else the runner would execute.
    assert_eq!(annotations.len(), 7, "{}", r.stdout);
    for line in &annotations {
        assert!(is_annotation(line), "{line}");
        for (key, value) in annotation_properties(line) {
            assert!(
                ["file", "line", "col", "endLine", "endColumn", "title"].contains(&key.as_str()),
                "injected property {key:?} in {line}"
            );
            // Titles are vigil's own; the file is the scanned code's.
            if key == "file" {
                assert!(!value.contains([':', ',']), "unescaped file {value:?}");
            }
        }
        let data = &line[2..][line[2..].find("::").unwrap() + 2..];
        assert!(!data.contains("##["), "{data}");
    }
    let tf = annotations
        .iter()
        .find(|l| l.contains("label"))
        .expect("the hostile vault's annotation");
    assert!(
        tf.starts_with("::error file=d\\u{1b}[31m\\u{202e}/a\\n%3A%3Aerror%3A%3Apwned"),
        "{tf}"
    );
    assert!(
        tf.contains("::Key vault azurerm_key_vault.kv\\n::error::label"),
        "{tf}"
    );
}

#[test]
fn markdown_format_is_inert() {
    let r = run_format("markdown");
    let md = &r.stdout;
    // Inside code spans nothing is markup, and GitHub links no mention there: what is left is
    // the text GitHub reads as Markdown.
    let prose = prose(md);
    for live in [
        "<img",
        "<b>",
        "](",
        "https://evil",
        "www.evil",
        "@octocat",
        "#123",
        "]]>",
    ] {
        assert!(
            !prose.contains(live),
            "live `{live}` in the summary:\n{prose}\n--- from\n{md}"
        );
    }
    // Backticks from the scanned text are escaped or inside a longer fence.
    assert!(md.contains("\\`tick\\`"), "{md}");
    // Every table row keeps its cells: no `|` from the scanned text ends one.
    let mut header = 0;
    for line in md.lines() {
        if !line.starts_with('|') {
            header = 0;
            continue;
        }
        let cells = split_cells(line);
        if header == 0 {
            header = cells;
        }
        assert_eq!(cells, header, "a row with {cells} cells:\n{line}");
    }
    assert!(md.contains("`azurerm_key_vault.good_neighbour`"), "{md}");
}

/// Cells of a GFM table row: split at each `|` not escaped with a backslash (a backslash
/// escapes the character after it, another backslash included).
fn split_cells(line: &str) -> usize {
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
    cells
}

/// Markdown without its code spans and backslash escapes: the text GitHub would still read
/// as markup. A run of backticks opens a span closed by the next run of the same length.
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
                let close = loop {
                    if j >= chars.len() {
                        break None;
                    }
                    if chars[j] == '`' {
                        let m = run(j);
                        if m == n {
                            break Some(j + m);
                        }
                        j += m;
                    } else {
                        j += 1;
                    }
                };
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
fn statistics_and_stderr_diagnostics_are_inert() {
    let p = hostile_project();
    let o = run(vigil().current_dir(p.path()).args([
        "check",
        ".",
        "--no-color",
        "--statistics",
        "--format",
        "json",
    ]));
    assert_exit(&o, 2);
    let out = assert_inert("statistics stdout", &o.stdout, false);
    assert!(out.contains("AZKV001"), "{out}");
    let err = assert_inert("statistics stderr", &o.stderr, false);
    // The file error goes to stderr with the machine format: its path escaped, on one line.
    assert!(
        err.lines()
            .any(|l| l.starts_with("broken\\n::error::broken.tf:2:") && l.contains(": error: ")),
        "{err}"
    );
}

#[test]
fn a_configuration_error_quoting_hostile_text_is_inert() {
    let p = project(&[
        (
            "vigil.yaml",
            "ignores:\n  - rule: AZKV001\n    path: \"x\\e[31m\\n::error::glob\"\n    reason: r\n",
        ),
        ("main.tf", &vault_none()),
    ]);
    let o = run(vigil().current_dir(p.path()).args(["check", "."]));
    assert_exit(&o, 2);
    let err = assert_inert("config error stderr", &o.stderr, false);
    assert!(err.contains("vigil.yaml:"), "{err}");
    assert_shows_escapes("config error stderr", &err);
    assert_inert("config error stdout", &o.stdout, false);
}

#[test]
fn the_config_printout_is_inert() {
    let p = project(&[(
        "vigil.yaml",
        "terraform:\n  vars:\n    \"::error::var\": \"\\u202e ##[error]v\"\n\
         ignores:\n  - rule: AZKV001\n    path: \"a\\e::error::g\"\n    \
         reason: \"cfg \\e[31m\\n::error::reason\\n  ::add-mask::x \\u202e ##vso[task.complete]\"\n",
    )]);
    let o = run(vigil().current_dir(p.path()).arg("config"));
    assert_exit(&o, 0);
    let out = assert_inert("config stdout", &o.stdout, false);
    assert_inert("config stderr", &o.stderr, false);
    // The reason is one double-quoted scalar whose escapes YAML reads back as the reason.
    assert!(
        out.contains(
            "reason: \"cfg \\e[31m\\n::error::reason\\n  ::add-mask::x \\u202e ##vso\\u005btask.complete]\""
        ),
        "{out}"
    );
    assert!(
        out.contains("\"::error::var\": \"\\u202e ##\\u005berror]v\""),
        "{out}"
    );
}
