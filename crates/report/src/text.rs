//! The terminal report, after ruff's "full" format: a `file:line:col: RULE message` header a
//! person's editor can jump to, the source around the value with the value underlined, and the
//! trace that carried the value there.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use vigil_model::{FileError, Finding, LineIndex, Location, SourceFile, SuppressionKind, Verdict};

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
    let indexes = Indexes::new(report);
    let mut blocks: Vec<String> = Vec::new();
    // Baseline findings are known and accepted for now: the summary counts them.
    for group in crate::grouped(report.findings.iter().filter(|f| !is_baseline(f))) {
        blocks.push(finding_block(&indexes, opts, paint, &group));
    }
    for error in report.errors {
        blocks.push(error_block(&indexes, paint, error));
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
    indexes: &Indexes,
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

    let snippet = indexes
        .of(&f.location.file)
        .and_then(|index| Snippet::new(&index, &f.location));
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
        if s.kind == SuppressionKind::Inline && s.reason.is_none() {
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

fn error_block(indexes: &Indexes, paint: Painter, e: &FileError) -> String {
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
        if let Some(snippet) = indexes
            .of(&e.file)
            .and_then(|index| Snippet::new(&index, &at))
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

/// One line index per source file, built the first time a snippet needs it, so that however
/// many findings point into a file its lines are found without scanning it again.
struct Indexes<'a> {
    report: &'a Report<'a>,
    built: RefCell<HashMap<&'a str, Rc<LineIndex>>>,
}

impl<'a> Indexes<'a> {
    fn new(report: &'a Report<'a>) -> Self {
        Indexes {
            report,
            built: RefCell::new(HashMap::new()),
        }
    }

    fn of(&self, file: &str) -> Option<Rc<LineIndex>> {
        let (path, source): (&'a str, &'a SourceFile) = self
            .report
            .sources
            .get_key_value(file)
            .map(|(k, v)| (&**k, v))?;
        Some(
            self.built
                .borrow_mut()
                .entry(path)
                .or_insert_with(|| {
                    Rc::new(LineIndex::new(source.path.clone(), source.text.clone()))
                })
                .clone(),
        )
    }
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
    /// `None` when the location's line is not in the text (a stale or foreign location). A line
    /// longer than [`WINDOW`] bytes (a one-line template) is shown as a window around the
    /// marked text, cut at `…`.
    fn new(index: &LineIndex, loc: &Location) -> Option<Snippet> {
        let text = index.text();
        if loc.line == 0 || loc.line > index.line_count() || text.is_empty() {
            return None;
        }
        let range = index.line_range(loc.line);
        let (start, _) = index.offset_at(loc.line, loc.column.max(1));
        let end = if loc.end_line == loc.line {
            index
                .offset_at(loc.line, loc.end_column.max(1))
                .0
                .max(start)
        } else {
            // A region over several lines is marked to the end of its first line.
            range.end
        };
        // The window: the whole line when it is short, else from a little before the mark.
        let (from, to) = if range.len() <= WINDOW {
            (range.start, range.end)
        } else {
            let from = floor_boundary(text, start.saturating_sub(WINDOW / 4).max(range.start));
            let to = floor_boundary(text, (from + WINDOW).min(range.end)).max(start);
            (from, to)
        };
        let lead = if from > range.start { "…" } else { "" };
        let tail = if to < range.end { "…" } else { "" };
        let marked = &text[from..to];
        let caret_offset = lead.chars().count() + shown(&text[from..start]).chars().count();
        let caret_len = shown(&text[start..end.min(to)]).chars().count().max(1);

        let first = loc.line.saturating_sub(CONTEXT_LINES).max(1);
        let last = (loc.line + CONTEXT_LINES).min(index.line_count());
        let mut shown_lines: Vec<(u32, String)> = (first..=last)
            .map(|n| {
                if n == loc.line {
                    (n, display_line(&format!("{lead}{marked}{tail}")))
                } else {
                    (n, display_line(&cut(&text[index.line_range(n)])))
                }
            })
            .collect();
        // Blank context at the edges says nothing.
        while shown_lines
            .first()
            .is_some_and(|(n, t)| *n != loc.line && t.is_empty())
        {
            shown_lines.remove(0);
        }
        while shown_lines
            .last()
            .is_some_and(|(n, t)| *n != loc.line && t.is_empty())
        {
            shown_lines.pop();
        }
        Some(Snippet {
            lines: shown_lines,
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

/// Bytes of one source line a snippet shows at most.
const WINDOW: usize = 240;

/// The largest char boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A context line as shown: its first [`WINDOW`] bytes, cut at `…`.
fn cut(line: &str) -> std::borrow::Cow<'_, str> {
    if line.len() <= WINDOW {
        return line.into();
    }
    format!("{}…", &line[..floor_boundary(line, WINDOW)]).into()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(text: &str, loc: Location) -> String {
        let mut out = String::new();
        Snippet::new(&LineIndex::new("f".into(), text.into()), &loc)
            .expect("line in range")
            .render(&mut out, Painter { color: false }, FAIL, "X1");
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
        let new = |text: &str, loc| Snippet::new(&LineIndex::new("f".into(), text.into()), &loc);
        assert!(new("a\nb\n", Location::new("f", 3, 1, 3, 2)).is_none());
        assert!(new("", Location::new("f", 1, 1, 1, 2)).is_none());
        assert!(new("a", Location::new("f", 0, 1, 0, 2)).is_none());
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
        let out = snippet("a\rb\r\nc\nd", Location::new("f", 4, 1, 4, 2));
        assert_eq!(out, "  |\n2 | b\n3 | c\n4 | d\n  | ^ X1\n  |\n");
        let out = snippet("a\rb = 1\r", Location::new("f", 2, 5, 2, 6));
        assert_eq!(out, "  |\n1 | a\n2 | b = 1\n  |     ^ X1\n  |\n");
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_mark() {
        // A one-line template: megabytes before and after the value.
        let text = format!("{}\"None\"{}", "é".repeat(200_000), "x".repeat(300_000));
        let out = snippet(&text, Location::new("f", 1, 200_002, 1, 200_006));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4, "{out}");
        let shown = lines[1].strip_prefix("1 | ").unwrap();
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.len() < 2 * WINDOW, "{}", shown.len());
        let carets = lines[2].strip_prefix("  | ").unwrap();
        let at = carets.find('^').unwrap();
        // The carets sit under `None`: count chars, not bytes, before them.
        let before: String = shown.chars().take(at).collect();
        assert!(before.ends_with('"'), "{before:?}");
        assert!(carets[at..].starts_with("^^^^ X1"), "{carets}");
    }

    #[test]
    fn positions_drop_unknown_parts() {
        assert_eq!(position("a.tf", 0, 0), "a.tf");
        assert_eq!(position("a.tf", 3, 0), "a.tf:3");
        assert_eq!(position("a.tf", 3, 7), "a.tf:3:7");
    }
}
