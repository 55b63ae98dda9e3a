//! The terminal report, after ruff's "full" format: a `file:line:col: RULE message` header a
//! person's editor can jump to, the source around the value with the value underlined, and the
//! trace that carried the value there.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use vigil_model::{FileError, Finding, Location, SourceFile, Verdict};

use crate::{baseline_note, is_baseline, Counts, Report, TextOptions};

/// Lines of source shown before and after the underlined line.
const CONTEXT_LINES: u32 = 2;
const TAB_WIDTH: usize = 4;

pub(crate) const FAIL: Style = AnsiColor::Red.on_default().bold();
pub(crate) const UNDETERMINED: Style = AnsiColor::Yellow.on_default().bold();
const SUPPRESSED: Style = Style::new().dimmed();
pub(crate) const PATH: Style = Style::new().bold();
const GUTTER: Style = AnsiColor::Blue.on_default().bold();
const NOTE: Style = Style::new().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
pub(crate) const ERROR: Style = AnsiColor::Red.on_default().bold();
const PASSED: Style = AnsiColor::Green.on_default().bold();

pub(crate) fn render(report: &Report, opts: &TextOptions) -> String {
    let paint = Painter { color: opts.color };
    let mut blocks: Vec<String> = Vec::new();
    // Baseline findings are known and accepted for now: the summary counts them.
    for group in crate::grouped(report.findings.iter().filter(|f| !is_baseline(f))) {
        blocks.push(finding_block(report, opts, paint, &group));
    }
    for error in report.errors {
        blocks.push(error_block(report, paint, error));
    }
    if !opts.quiet {
        blocks.push(summary(report, opts, paint));
    }
    // Every field is escaped already; checked again line by line, so that no layout of them
    // can start a workflow command.
    crate::safe::guard_lines(&blocks.join("\n")).into_owned()
}

/// Applies styles only when colour is on, so the plain output has no escape codes at all.
#[derive(Clone, Copy)]
pub(crate) struct Painter {
    pub(crate) color: bool,
}

impl Painter {
    pub(crate) fn paint(self, style: Style, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }
}

fn finding_block(
    report: &Report,
    opts: &TextOptions,
    paint: Painter,
    group: &[&Finding],
) -> String {
    let f = group[0];
    let style = if f.suppression.is_some() {
        SUPPRESSED
    } else if f.fails_gate(opts.fail_on_unknown) {
        FAIL
    } else {
        UNDETERMINED
    };

    let mut tags = String::new();
    if f.verdict == Verdict::Undetermined {
        tags.push_str(&paint.paint(UNDETERMINED, "[undetermined]"));
        tags.push(' ');
    }
    if let Some(s) = &f.suppression {
        let tag = match &s.reason {
            Some(reason) => format!("[suppressed: {}]", one_line(reason)),
            None => "[suppressed]".to_string(),
        };
        tags.push_str(&paint.paint(SUPPRESSED, &tag));
        tags.push(' ');
    }

    let mut block = format!(
        "{}: {} {tags}{}\n",
        paint.paint(
            PATH,
            &position(&f.location.file, f.location.line, f.location.column)
        ),
        paint.paint(style, &f.rule_id),
        one_line(&if group.len() == 1 {
            f.full_message().into_owned()
        } else {
            f.message.clone()
        }),
    );

    let snippet =
        source(report, &f.location.file).and_then(|src| Snippet::new(&src.text, &f.location));
    let width = snippet.as_ref().map_or(1, Snippet::gutter_width);
    if let Some(snippet) = &snippet {
        snippet.render(&mut block, paint, style, &f.rule_id);
    }

    if !opts.quiet && !f.trace.is_empty() {
        push_note(&mut block, paint, width, "trace", &trace_text(f, width));
    }
    if group.len() > 1 {
        // One line per instance: which roots this one written value reaches.
        let indent = " ".repeat(width + " = instances: ".len());
        let list: Vec<String> = group
            .iter()
            .map(|g| one_line(&g.resource.instance_name()))
            .collect();
        let text = format!("{}: {}", group.len(), list.join(&format!(",\n{indent}")));
        push_note(&mut block, paint, width, "instances", &text);
    }
    if let Some(s) = &f.suppression {
        if s.kind == "inline" && s.reason.is_none() {
            let text = format!(
                "the `vigil:ignore` comment at {} gives no reason; add one after `--`: \
                 `vigil:ignore {} -- <reason>`",
                one_line(&s.location.short()),
                f.rule_id
            );
            push_labelled(&mut block, paint, width, WARNING, "warning", &text);
        }
    }
    block
}

/// "bypass comes from var.kv_bypass (main.tf:12), which comes from default of var.kv_bypass
/// (variables.tf:9)", one hop per line so that a long chain stays readable.
fn trace_text(f: &Finding, width: usize) -> String {
    let property = if f.source_property.is_empty() {
        f.property
            .strip_prefix("properties.")
            .unwrap_or(&f.property)
    } else {
        &f.source_property
    };
    let subject = if property.is_empty() {
        "the value"
    } else {
        property
    };
    // Continuation lines start under the text after "= trace: ".
    let indent = " ".repeat(width + " = trace: ".len());
    let mut text = String::new();
    for (i, hop) in f.trace.iter().enumerate() {
        if i == 0 {
            let _ = write!(text, "{} comes from ", one_line(subject));
        } else {
            let _ = write!(text, ",\n{indent}which comes from ");
        }
        let _ = write!(
            text,
            "{} ({})",
            one_line(&hop.label),
            one_line(&hop.location.short())
        );
    }
    text
}

fn push_note(block: &mut String, paint: Painter, width: usize, label: &str, text: &str) {
    push_labelled(block, paint, width, NOTE, label, text);
}

fn push_labelled(
    block: &mut String,
    paint: Painter,
    width: usize,
    style: Style,
    label: &str,
    text: &str,
) {
    let _ = writeln!(
        block,
        "{:width$} {} {}: {text}",
        "",
        paint.paint(GUTTER, "="),
        paint.paint(style, label),
    );
}

fn error_block(report: &Report, paint: Painter, e: &FileError) -> String {
    let mut block = format!(
        "{}: {}: {}\n",
        paint.paint(PATH, &position(&e.file, e.line, e.column)),
        paint.paint(ERROR, "error"),
        one_line(&e.message),
    );
    if e.line > 0 {
        let at = Location::new(
            e.file.clone(),
            e.line,
            e.column.max(1),
            e.line,
            e.column.max(1),
        );
        if let Some(snippet) = source(report, &e.file).and_then(|src| Snippet::new(&src.text, &at))
        {
            snippet.render(&mut block, paint, ERROR, "");
        }
    }
    block
}

/// `file:line:col`, shortened when the line or column is unknown (0).
pub(crate) fn position(file: &str, line: u32, column: u32) -> String {
    let file = one_line(file);
    match (line, column) {
        (0, _) => file,
        (line, 0) => format!("{file}:{line}"),
        (line, column) => format!("{file}:{line}:{column}"),
    }
}

/// The closing summary line (and the baseline's, when there is one), shared with the concise
/// format.
pub(crate) fn summary(report: &Report, opts: &TextOptions, paint: Painter) -> String {
    let counts = Counts::of(report);
    let files = plural(report.files_scanned, "file", "files");
    let suppressed = counts.suppressed;
    let errors = match counts.errors {
        0 => String::new(),
        n => format!("; {}", plural(n, "error", "errors")),
    };

    let line = if counts.failing + counts.undetermined == 0 {
        match (counts.errors, suppressed) {
            (0, 0) => paint.paint(PASSED, &format!("All checks passed ({files}).")),
            (0, s) => paint.paint(
                PASSED,
                &format!("All checks passed ({files}; {s} suppressed)."),
            ),
            (_, 0) => format!("No findings in {files}{errors}."),
            (_, s) => format!("No findings ({s} suppressed) in {files}{errors}."),
        }
    } else {
        let kinds = match (counts.failing, counts.undetermined) {
            (f, 0) => format!("{f} failing"),
            (0, u) => format!("{u} undetermined"),
            (f, u) => format!("{f} failing and {u} undetermined"),
        };
        let noun = if counts.failing + counts.undetermined == 1 {
            "finding"
        } else {
            "findings"
        };
        let suppressed = match suppressed {
            0 => String::new(),
            s => format!(" ({s} suppressed)"),
        };
        let mut line = format!("Found {kinds} {noun}{suppressed} in {files}{errors}.");
        // Findings on screen but a passing run would puzzle a reader: say why.
        if counts.failing == 0 && !opts.fail_on_unknown {
            line.push_str(
                " Undetermined findings do not fail the check unless --fail-on-unknown is given.",
            );
        }
        line
    };
    // Both notes name what the user wrote (why a module was not read, the baseline's path).
    let line = match crate::unchecked_note(report) {
        Some(note) => format!("{line} {}.", one_line(&note)),
        None => line,
    };
    match baseline_note(report, &counts) {
        Some(note) => format!("{line}\n{}.\n", one_line(&note)),
        None => format!("{line}\n"),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn source<'a>(report: &Report<'a>, file: &str) -> Option<&'a SourceFile> {
    report.sources.get(file)
}

/// Text that came from user files kept on one line, its hidden characters shown escaped, so
/// that a crafted value cannot move the cursor, recolour the terminal, reorder the line or
/// start a workflow command (see [`crate::safe::terminal`]).
pub(crate) fn one_line(text: &str) -> String {
    crate::safe::terminal(text).into_owned()
}

/// The source lines around a location, ready to print.
struct Snippet {
    /// (line number, display text): tabs expanded, controls replaced, trailing space trimmed.
    lines: Vec<(u32, String)>,
    marked_line: u32,
    /// Display columns before the first caret.
    caret_offset: usize,
    caret_len: usize,
}

impl Snippet {
    /// `None` when the location's line is not in the text (a stale or foreign location).
    fn new(text: &str, loc: &Location) -> Option<Snippet> {
        let lines = source_lines(text);
        if loc.line == 0 || loc.line as usize > lines.len() {
            return None;
        }
        let marked = lines[loc.line as usize - 1];
        let count = marked.chars().count();
        let start = (loc.column.max(1) as usize - 1).min(count);
        let end = if loc.end_line == loc.line {
            (loc.end_column.max(1) as usize - 1).clamp(start, count)
        } else {
            // A region over several lines is marked to the end of its first line.
            count
        };
        let caret_offset = display_width(marked, start);
        let caret_len = (display_width(marked, end) - caret_offset).max(1);

        let first = loc.line.saturating_sub(CONTEXT_LINES).max(1);
        let last = (loc.line + CONTEXT_LINES).min(lines.len() as u32);
        let mut shown: Vec<(u32, String)> = (first..=last)
            .map(|n| (n, display_line(lines[n as usize - 1])))
            .collect();
        // Blank context at the edges says nothing.
        while shown
            .first()
            .is_some_and(|(n, t)| *n != loc.line && t.is_empty())
        {
            shown.remove(0);
        }
        while shown
            .last()
            .is_some_and(|(n, t)| *n != loc.line && t.is_empty())
        {
            shown.pop();
        }
        Some(Snippet {
            lines: shown,
            marked_line: loc.line,
            caret_offset,
            caret_len,
        })
    }

    fn gutter_width(&self) -> usize {
        self.lines.last().map_or(1, |(n, _)| n.to_string().len())
    }

    fn render(&self, out: &mut String, paint: Painter, style: Style, label: &str) {
        let width = self.gutter_width();
        let bar = paint.paint(GUTTER, "|");
        let empty_gutter = format!("{:width$} {bar}", "");
        let _ = writeln!(out, "{empty_gutter}");
        for (n, text) in &self.lines {
            let number = paint.paint(GUTTER, &format!("{n:>width$}"));
            if text.is_empty() {
                let _ = writeln!(out, "{number} {bar}");
            } else {
                let _ = writeln!(out, "{number} {bar} {text}");
            }
            if *n == self.marked_line {
                let carets = paint.paint(style, &"^".repeat(self.caret_len));
                let label = if label.is_empty() {
                    String::new()
                } else {
                    format!(" {}", paint.paint(style, label))
                };
                let _ = writeln!(
                    out,
                    "{empty_gutter} {:offset$}{carets}{label}",
                    "",
                    offset = self.caret_offset
                );
            }
        }
        let _ = writeln!(out, "{empty_gutter}");
    }
}

/// The lines of a source file as the front ends count them: `\n`, `\r\n` and a lone `\r`
/// each end one.
fn source_lines(text: &str) -> Vec<&str> {
    // Almost every file has no lone `\r`: `lines` splits those, and fast.
    if !text.as_bytes().contains(&b'\r') {
        return text.lines().collect();
    }
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                lines.push(&rest[..i]);
                let end = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + end..];
            }
            None => {
                lines.push(rest);
                break;
            }
        }
    }
    lines
}

/// A source line as shown: tabs expanded, hidden characters and the `[` of a `##[` escaped as
/// in every other text from the scanned code (the gutter before it means no workflow command
/// can start the line), trailing space trimmed.
fn display_line(line: &str) -> String {
    let mut shown = shown(line);
    shown.truncate(shown.trim_end().len());
    shown
}

fn shown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for (i, c) in line.char_indices() {
        if c == '\t' {
            out.push_str(&" ".repeat(TAB_WIDTH));
        } else if crate::safe::is_hidden(c) || (c == '[' && crate::safe::opens_command(line, i)) {
            crate::safe::push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// Columns the first `chars` characters of `line` take once shown, so that the carets stay
/// under the text they mark when something before them is escaped.
fn display_width(line: &str, chars: usize) -> usize {
    let end = line
        .char_indices()
        .nth(chars)
        .map_or(line.len(), |(i, _)| i);
    shown(&line[..end]).chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(text: &str, loc: Location) -> String {
        let mut out = String::new();
        Snippet::new(text, &loc).expect("line in range").render(
            &mut out,
            Painter { color: false },
            FAIL,
            "X1",
        );
        out
    }

    #[test]
    fn carets_count_characters_and_expand_tabs() {
        let out = snippet("\tname = \"é\" # ç\n", Location::new("f", 1, 9, 1, 12));
        assert_eq!(
            out,
            "  |\n1 |     name = \"é\" # ç\n  |            ^^^ X1\n  |\n"
        );
    }

    #[test]
    fn out_of_range_locations_have_no_snippet() {
        assert!(Snippet::new("a\nb\n", &Location::new("f", 3, 1, 3, 2)).is_none());
        assert!(Snippet::new("", &Location::new("f", 1, 1, 1, 2)).is_none());
        assert!(Snippet::new("a", &Location::new("f", 0, 1, 0, 2)).is_none());
    }

    #[test]
    fn columns_past_the_line_end_still_show_one_caret() {
        let out = snippet("ab\n", Location::new("f", 1, 40, 1, 50));
        assert_eq!(out, "  |\n1 | ab\n  |   ^ X1\n  |\n");
    }

    #[test]
    fn multi_line_regions_mark_the_rest_of_the_first_line() {
        let out = snippet("a {\n  b = 1\n}\n\n\nz\n", Location::new("f", 1, 3, 3, 2));
        assert_eq!(out, "  |\n1 | a {\n  |   ^ X1\n2 |   b = 1\n3 | }\n  |\n");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(one_line("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\nc");
        assert_eq!(display_line("x\u{1b}y\u{202e}z  "), "x\\u{1b}y\\u{202e}z");
    }

    #[test]
    fn carets_stay_under_their_text_after_escapes() {
        let out = snippet("a\u{1b}b = \"x\"\n", Location::new("f", 1, 7, 1, 10));
        assert_eq!(
            out,
            "  |\n1 | a\\u{1b}b = \"x\"\n  |            ^^^ X1\n  |\n"
        );
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        assert_eq!(source_lines("a\rb\r\nc\nd"), ["a", "b", "c", "d"]);
        assert_eq!(source_lines("a\n\nb\n"), ["a", "", "b"]);
        let out = snippet("a\rb = 1\r", Location::new("f", 2, 5, 2, 6));
        assert_eq!(out, "  |\n1 | a\n2 | b = 1\n  |     ^ X1\n  |\n");
    }

    #[test]
    fn positions_drop_unknown_parts() {
        assert_eq!(position("a.tf", 0, 0), "a.tf");
        assert_eq!(position("a.tf", 3, 0), "a.tf:3");
        assert_eq!(position("a.tf", 3, 7), "a.tf:3:7");
    }
}
