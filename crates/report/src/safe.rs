//! Text from the scanned code, neutralised for where it is written. Names, values, paths,
//! messages that quote source, suppression reasons and configuration entries are written by
//! whoever opens a pull request, and vigil's output is read by terminals, CI log viewers and
//! the GitHub runner, which executes workflow commands it finds in a step's output. Every
//! writer passes such text through one function here for its destination:
//!
//! - [`terminal`] (text, concise, stderr diagnostics, GitHub annotation data): characters that
//!   are invisible or act instead of showing ([`is_hidden`]: C0 and C1 controls, ESC, DEL,
//!   bidi controls, zero-width and other format characters, line and paragraph separators,
//!   tag characters) are written as `\n`, `\r`, `\t` or `\u{hex}`, as Rust's `escape_debug`
//!   writes them, so a value stays on one line and shows what it holds. A backslash is not
//!   escaped: Windows paths and regular expressions read as written, at the price that a
//!   literal `\u{1b}` in the source looks like an escaped ESC (which cannot do harm).
//! - Workflow commands: the runner reads `::command` at a line start after any white space
//!   (`TrimStart`), and the legacy `##[command]` (and Azure Pipelines' `##vso[`) anywhere in a
//!   line. A field whose first non-space character is `:` has that `:` escaped, and a `[` after
//!   `##` or `##vso` is escaped, so that no destination can hold either form; [`guard_lines`]
//!   checks the finished lines again.
//! - [`markdown_text`] and [`markdown_code`] (the Markdown summary, rendered as GFM): no link,
//!   image, autolink, HTML, table break, mention, issue reference, emphasis or math can come
//!   from scanned text.
//! - [`xml_text`] (JUnit): characters XML 1.0 does not allow at all are written the terminal
//!   way, and [`xml_guard`] writes the workflow-command forms as character references.
//! - [`JsonSafe`] (JSON, JSON Lines, SARIF, GitLab): a serde_json formatter that writes DEL,
//!   C1 controls, the hidden characters and the `[` of `##[` as `\uXXXX`, so the value read back
//!   is unchanged and the bytes hold none of them raw.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

/// Whether `c` is written escaped wherever text from the scanned code is shown: it would act
/// (move the cursor, recolour, end a line, reorder a line) or be invisible instead of showing.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}'                      // soft hyphen
            | '\u{61c}'                   // Arabic letter mark (bidi)
            | '\u{180e}'                  // Mongolian vowel separator
            | '\u{200b}'..='\u{200f}'     // zero widths, LRM, RLM
            | '\u{2028}' | '\u{2029}'     // line and paragraph separators
            | '\u{202a}'..='\u{202e}'     // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}'     // word joiner, invisible operators
            | '\u{2066}'..='\u{206f}'     // bidi isolates, deprecated format characters
            | '\u{feff}'                  // byte order mark, zero-width no-break space
            | '\u{fff9}'..='\u{fffb}'     // interlinear annotations
            | '\u{fffe}' | '\u{ffff}'     // noncharacters XML refuses
            | '\u{e0000}'..='\u{e007f}' // tag characters: invisible text
        )
}

/// The terminal escape of a hidden character, as [`terminal`] writes it.
pub(crate) fn push_escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// Whether the `[` at byte `i` of `text` would complete a `##[` or `##vso[` command prefix.
pub(crate) fn opens_command(text: &str, i: usize) -> bool {
    let before = &text[..i];
    before.ends_with("##")
        || before
            .get(i.saturating_sub(5)..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case("##vso"))
}

/// The byte offset of the first non-white-space character of `text`: where the runner,
/// trimming white space as .NET does, looks for `::`.
fn first_visible(text: &str) -> Option<usize> {
    text.find(|c: char| !c.is_whitespace())
}

fn needs_terminal(text: &str) -> bool {
    text.trim_start().starts_with(':') || has_hidden(text) || has_command(text)
}

/// Whether `text` holds an [`is_hidden`] character; printable ASCII, most text, is told apart
/// by its bytes alone.
fn has_hidden(text: &str) -> bool {
    !text.bytes().all(|b| (0x20..0x7f).contains(&b)) && text.chars().any(is_hidden)
}

/// Whether `text` holds a `##[` or `##vso[` (the `##` found first: most text has none).
fn has_command(text: &str) -> bool {
    text.contains("##")
        && text
            .char_indices()
            .any(|(i, c)| c == '[' && opens_command(text, i))
}

/// Scanned text for a terminal line (text and concise reports, stderr diagnostics, GitHub
/// annotation data): hidden characters escaped, a leading `:` and the `[` of a command prefix
/// escaped. Text without any of them is returned as it is.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !needs_terminal(text) {
        return Cow::Borrowed(text);
    }
    let start = first_visible(text);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        if is_hidden(c) || (c == ':' && start == Some(i)) || (c == '[' && opens_command(text, i)) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Lines as the runner reads them: a `\n`, a `\r` or both end one.
fn runner_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' || b == b'\r' {
                let line = (start, &text[start..i]);
                i += if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
                return Some(line);
            }
            i += 1;
        }
        if start < bytes.len() {
            let line = (start, &text[start..]);
            start = bytes.len();
            return Some(line);
        }
        None
    })
}

/// Whether a finished line would be read by the runner as a workflow command: `::` after
/// white space, or `##[`/`##vso[` anywhere.
pub fn is_command_line(line: &str) -> bool {
    line.trim_start().starts_with("::") || has_command(line)
}

/// Finished output checked line by line: a line whose first non-space character is `:` gets
/// it written as `colon`, and a command prefix's `[` as `bracket`. The fields are escaped
/// already; this keeps the guarantee when text the writer did not mean to start a line does.
fn guard<'a>(text: &'a str, colon: &str, bracket: &str) -> Cow<'a, str> {
    let bad =
        runner_lines(text).any(|(_, line)| line.trim_start().starts_with(':') || has_command(line));
    if !bad {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut done = 0;
    for (start, line) in runner_lines(text) {
        out.push_str(&text[done..start]);
        let first = first_visible(line);
        for (i, c) in line.char_indices() {
            if c == ':' && first == Some(i) {
                out.push_str(colon);
            } else if c == '[' && opens_command(line, i) {
                out.push_str(bracket);
            } else {
                out.push(c);
            }
        }
        done = start + line.len();
    }
    out.push_str(&text[done..]);
    Cow::Owned(out)
}

/// [`guard`] for terminal text, with the escapes [`terminal`] writes.
pub fn guard_lines(text: &str) -> Cow<'_, str> {
    guard(text, "\\u{3a}", "\\u{5b}")
}

/// [`guard`] for XML, with character references, which read back as the text they replace.
pub(crate) fn xml_guard(text: &str) -> Cow<'_, str> {
    guard(text, "&#58;", "&#91;")
}

/// [`guard`] for Markdown, with entities, which render as the text they replace.
pub(crate) fn markdown_guard(text: &str) -> Cow<'_, str> {
    guard(text, "&#58;", "&#91;")
}

/// Scanned text for XML (before the XML writer escapes `<`, `>`, `&` and quotes): hidden
/// characters, among them every character XML 1.0 refuses, written the terminal way. With
/// `lines`, `\n` stays a line break (a multi-line element text of vigil's); otherwise (an
/// attribute, a one-line field) it is escaped as well. A `\r` is always escaped: XML reads it
/// as a line end.
pub(crate) fn xml_text(text: &str, lines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hidden(c) && !(lines && c == '\n')) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if lines && c == '\n' {
            out.push(c);
        } else if is_hidden(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Scanned text as plain Markdown in a GFM table cell. Nothing in it becomes markup:
/// - backslash escapes for `\`, `` ` ``, `*`, `~`, `$` (math), `[`, `]` (so no link, image or
///   footnote: `(`, `)` and `!` cannot form one without them), `|` (it would end the cell,
///   even inside a code span), and `_` unless it stands between two letters or digits (where
///   CommonMark never reads it as emphasis, as in `azurerm_key_vault`);
/// - `<`, `>` and `&` as entities: no HTML tag, autolink or entity;
/// - a zero-width space (`&#8203;`, invisible when rendered) after `@` and `#` and before the
///   `.` of `www.` and the `//` of `scheme://`, which GitHub would otherwise turn into a
///   mention, an issue reference, an e-mail link or a URL;
/// - line breaks as `<br>`, other hidden characters escaped the terminal way.
pub fn markdown_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let word = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphanumeric())
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\\' | '`' | '*' | '~' | '$' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '_' if word(i.checked_sub(1)) && word(Some(i + 1)) => out.push('_'),
            '_' => out.push_str("\\_"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' | '#' => {
                out.push(c);
                out.push_str("&#8203;");
            }
            ':' if next == Some('/') => out.push_str(":&#8203;"),
            '.' if i >= 3 && chars[i - 3..i].iter().all(|w| w.eq_ignore_ascii_case(&'w')) => {
                out.push_str("&#8203;.")
            }
            '\r' if next == Some('\n') => {}
            '\r' | '\n' => out.push_str("<br>"),
            c if is_hidden(c) => push_escape(&mut out, c),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// Scanned text as a Markdown code span in a GFM table cell: inside one nothing is markup and
/// GitHub links no mention or reference. The fence is one backtick longer than the longest run
/// of backticks in the text, so none closes it early; `|` is `\|`, which GFM reads as a pipe
/// even inside a code span; hidden characters, line breaks among them, are escaped the
/// terminal way. Empty text is an empty cell; text with `\|` is plain text.
pub fn markdown_code(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    // A backslash right before a `|` would make `\\|`, which table parsers split differently;
    // as plain text every character is escaped on its own and none can split the cell.
    if text.contains("\\|") {
        return markdown_text(text);
    }
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let mut body = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        match c {
            '|' => body.push_str("\\|"),
            c if is_hidden(c) => push_escape(&mut body, c),
            c => body.push(c),
        }
    }
    // CommonMark strips one space from each end when both are spaces: a space added at both
    // ends keeps a backtick at an edge from joining the fence, and the text's own spaces.
    let pad = body.starts_with('`')
        || body.ends_with('`')
        || (body.starts_with(' ') && body.ends_with(' ') && body.trim() != "");
    let fence = "`".repeat(longest + 1);
    if pad {
        format!("{fence} {body} {fence}")
    } else {
        format!("{fence}{body}{fence}")
    }
}

/// A serde_json formatter (around the compact or the pretty one) whose strings also escape
/// what JSON allows raw but a terminal or the runner would act on: DEL, C1 controls, the other
/// [`is_hidden`] characters, and the `[` of `##[` and `##vso[`, all as `\uXXXX` (surrogate
/// pairs above U+FFFF). The value read back is the same; the bytes written hold none of them.
pub(crate) struct JsonSafe<F>(pub(crate) F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for JsonSafe<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // serde_json cuts fragments only at the characters it escapes itself, so a `##[` in
        // the output is always within one fragment.
        if !has_hidden(fragment) && !has_command(fragment) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut done = 0;
        for (i, c) in fragment.char_indices() {
            if is_hidden(c) || (c == '[' && opens_command(fragment, i)) {
                writer.write_all(&fragment.as_bytes()[done..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{:04x}", unit)?;
                }
                done = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[done..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as one line of compact JSON through [`JsonSafe`].
pub(crate) fn json_compact<T: serde::Serialize + ?Sized>(
    value: &T,
    out: &mut dyn io::Write,
) -> serde_json::Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(out, JsonSafe(serde_json::ser::CompactFormatter));
    value.serialize(&mut ser)
}

/// `value` as pretty-printed JSON (two-space indent, as `to_writer_pretty`) through
/// [`JsonSafe`].
pub(crate) fn json_pretty<T: serde::Serialize + ?Sized>(
    value: &T,
    out: &mut dyn io::Write,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        out,
        JsonSafe(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut ser)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_controls_bidi_and_invisible_format_characters() {
        for c in [
            '\0',
            '\t',
            '\n',
            '\r',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{9b}',
            '\u{200b}',
            '\u{200d}',
            '\u{200f}',
            '\u{2028}',
            '\u{2029}',
            '\u{202a}',
            '\u{202e}',
            '\u{2066}',
            '\u{2069}',
            '\u{feff}',
            '\u{e0041}',
        ] {
            assert!(is_hidden(c), "{:?}", c);
        }
        for c in [
            'a', ' ', 'é', '\u{a0}', '€', '漢', '😀', '\\', ':', '[', '#',
        ] {
            assert!(!is_hidden(c), "{:?}", c);
        }
    }

    #[test]
    fn terminal_text_shows_what_would_act() {
        assert_eq!(terminal("kv-prod"), "kv-prod");
        assert!(matches!(terminal("plain text: fine"), Cow::Borrowed(_)));
        assert_eq!(terminal("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(terminal("a\nb\r\nc\td"), "a\\nb\\r\\nc\\td");
        assert_eq!(terminal("x\u{202e}gpj.exe"), "x\\u{202e}gpj.exe");
        assert_eq!(terminal("\u{9b}2J\u{7f}"), "\\u{9b}2J\\u{7f}");
        assert_eq!(terminal("a\u{200b}b\u{feff}"), "a\\u{200b}b\\u{feff}");
        assert_eq!(terminal("\u{e0041}"), "\\u{e0041}");
        // Backslashes are not escaped: paths and patterns read as written.
        assert_eq!(terminal("C:\\x\\y"), "C:\\x\\y");
    }

    #[test]
    fn terminal_text_cannot_start_or_hold_a_workflow_command() {
        assert_eq!(terminal("::error::pwned"), "\\u{3a}:error::pwned");
        assert_eq!(
            terminal("  \u{a0}::set-output"),
            "  \u{a0}\\u{3a}:set-output"
        );
        // A new line cannot start inside a value, so `::` after one is harmless text.
        assert_eq!(terminal("a\n::error::x"), "a\\n::error::x");
        assert_eq!(terminal("a::b"), "a::b");
        assert_eq!(terminal("x ##[error]y"), "x ##\\u{5b}error]y");
        assert_eq!(
            terminal("##VSO[task.setvariable]"),
            "##VSO\\u{5b}task.setvariable]"
        );
        assert_eq!(terminal("# [x] #[y]"), "# [x] #[y]");
        for hostile in ["::error::x", "\t::x", "a\r::b", "##[add-mask]s", "x##vso[y"] {
            let shown = terminal(hostile);
            assert!(!is_command_line(&shown), "{shown}");
            assert!(!shown.chars().any(is_hidden), "{shown}");
        }
    }

    #[test]
    fn guards_rewrite_only_lines_that_would_be_commands() {
        assert_eq!(guard_lines("a\nb: c\n"), "a\nb: c\n");
        assert!(matches!(guard_lines("a\nb\n"), Cow::Borrowed(_)));
        assert_eq!(
            guard_lines("ok\n  ::error::x\r::warning::y\r\nz ##[e]\n"),
            "ok\n  \\u{3a}:error::x\r\\u{3a}:warning::y\r\nz ##\\u{5b}e]\n"
        );
        assert_eq!(xml_guard("<a>\n::x</a>"), "<a>\n&#58;:x</a>");
        assert_eq!(xml_guard("t=\"##[x\""), "t=\"##&#91;x\"");
    }

    #[test]
    fn command_lines_are_what_the_runner_reads() {
        assert!(is_command_line("::error::x"));
        assert!(is_command_line(" \t::x"));
        assert!(is_command_line("\u{2003}::x"));
        assert!(is_command_line("text ##[error]x"));
        assert!(is_command_line("text ##vso[task.complete]"));
        assert!(!is_command_line("x ::error::y"));
        assert!(!is_command_line("\\u{3a}:error::y"));
        assert!(!is_command_line("## [x]"));
    }

    #[test]
    fn xml_text_keeps_only_what_xml_allows_and_shows() {
        assert_eq!(xml_text("a<b>&c", false), "a<b>&c");
        assert_eq!(
            xml_text("a\u{0}b\u{1b}c\u{ffff}", true),
            "a\\u{0}b\\u{1b}c\\u{ffff}"
        );
        assert_eq!(xml_text("a\nb\rc", true), "a\nb\\rc");
        assert_eq!(xml_text("a\nb", false), "a\\nb");
        assert_eq!(xml_text("\u{202e}", false), "\\u{202e}");
    }

    #[test]
    fn markdown_text_is_inert() {
        assert_eq!(
            markdown_text("plain kv-café (main.tf:9)."),
            "plain kv-café (main.tf:9)."
        );
        assert_eq!(
            markdown_text("azurerm_key_vault.kv"),
            "azurerm_key_vault.kv"
        );
        assert_eq!(
            markdown_text("_x_ *y* ~~z~~"),
            "\\_x\\_ \\*y\\* \\~\\~z\\~\\~"
        );
        assert_eq!(
            markdown_text("[x](https://evil)"),
            "\\[x\\](https:&#8203;//evil)"
        );
        assert_eq!(markdown_text("![i](u)"), "!\\[i\\](u)");
        assert_eq!(markdown_text("<img src=x>"), "&lt;img src=x&gt;");
        assert_eq!(markdown_text("&lt;"), "&amp;lt;");
        assert_eq!(
            markdown_text("@octocat @org/team"),
            "@&#8203;octocat @&#8203;org/team"
        );
        assert_eq!(markdown_text("#123 a@b.io"), "#&#8203;123 a@&#8203;b.io");
        assert_eq!(
            markdown_text("www.evil.com WWW.x"),
            "www&#8203;.evil.com WWW&#8203;.x"
        );
        assert_eq!(markdown_text("a|b\\c`d`$x$"), "a\\|b\\\\c\\`d\\`\\$x\\$");
        assert_eq!(markdown_text("a\r\nb\nc\rd"), "a<br>b<br>c<br>d");
        assert_eq!(markdown_text("a\u{1b}b\u{202e}"), "a\\u{1b}b\\u{202e}");
    }

    #[test]
    fn markdown_code_spans_cannot_be_broken() {
        assert_eq!(markdown_code("a.b[\"x|y\"]"), "`a.b[\"x\\|y\"]`");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("``x"), "``` ``x ```");
        assert_eq!(markdown_code("x`"), "`` x` ``");
        assert_eq!(markdown_code(" a "), "`  a  `");
        assert_eq!(markdown_code("a\nb\u{1b}"), "`a\\nb\\u{1b}`");
        assert_eq!(markdown_code("[x](y) @z"), "`[x](y) @z`");
        assert_eq!(markdown_code(""), "");
        assert_eq!(markdown_code("a\\|b"), "a\\\\\\|b");
    }

    fn compact(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        json_compact(value, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_escapes_what_would_act_and_reads_back_the_same() {
        let value = serde_json::json!({
            "a\u{1b}": "x\u{7f}\u{9b}\u{202e}\u{e0041} ##[error] ##vso[x] ::error::y\n",
            "plain": "kv-café [0]",
        });
        let text = compact(&value);
        assert_eq!(
            text,
            "{\"a\\u001b\":\"x\\u007f\\u009b\\u202e\\udb40\\udc41 ##\\u005berror] \
             ##vso\\u005bx] ::error::y\\n\",\"plain\":\"kv-café [0]\"}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn json_pretty_is_serde_jsons_for_ordinary_text() {
        let value = serde_json::json!({"a": [1, {"b": "c"}], "d": [], "e": {}});
        let mut out = Vec::new();
        json_pretty(&value, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
        assert_eq!(compact(&value), serde_json::to_string(&value).unwrap());
    }
}
