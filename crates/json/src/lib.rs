//! JSON with byte spans (and, for JSONC, its comments): one syntax tree for Terraform's JSON
//! syntax, Terraform plans and ARM templates, so that every value can say where it is written.

use std::ops::Range;
use vigil_model::{FileError, LineIndex};

use vigil_model::limits::JSON_DEPTH;
use vigil_model::{Val, Value};

/// A JSON value with its byte range in the file.
#[derive(Clone, Debug)]
pub struct JNode {
    pub kind: JKind,
    pub range: Range<usize>,
}

#[derive(Clone, Debug)]
pub enum JKind {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<JNode>),
    /// Properties in file order: name, the name's range, value.
    Object(Vec<(String, Range<usize>, JNode)>),
}

impl JNode {
    /// A property by its exact name.
    pub fn get(&self, key: &str) -> Option<&JNode> {
        self.props()
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, v)| v)
    }

    /// A property by name in any case, as Azure Resource Manager looks names up.
    pub fn get_ci(&self, key: &str) -> Option<&JNode> {
        self.props()
            .iter()
            .find(|(k, _, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, _, v)| v)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            JKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements of an array; none for anything else.
    pub fn items(&self) -> &[JNode] {
        match &self.kind {
            JKind::Array(items) => items,
            _ => &[],
        }
    }

    /// This JSON taken literally as a value, each part located where it is written (a
    /// parameter file's value, a planned value).
    pub fn literal(&self, index: &LineIndex) -> Val {
        let at = Some(index.location(self.range.clone()));
        match &self.kind {
            JKind::Null => Val::null(at),
            JKind::Bool(b) => Val::new(Value::Bool(*b), at),
            JKind::Number(n) => Val::new(Value::Number(*n), at),
            JKind::String(s) => Val::string(s.clone(), at),
            JKind::Array(items) => Val::list(items.iter().map(|i| i.literal(index)).collect(), at),
            JKind::Object(props) => Val::new(
                Value::Object(
                    props
                        .iter()
                        .map(|(k, _, v)| (k.clone(), v.literal(index)))
                        .collect(),
                ),
                at,
            ),
        }
    }

    /// The properties of an object; none for anything else.
    pub fn props(&self) -> &[(String, Range<usize>, JNode)] {
        match &self.kind {
            JKind::Object(props) => props,
            _ => &[],
        }
    }
}

/// Which JSON a file is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// Strict JSON (Terraform's JSON syntax, plans).
    Strict,
    /// What Azure Resource Manager accepts: comments and trailing commas, nothing else lenient.
    Jsonc,
}

/// A parsed file: its value and the byte ranges of its comments (JSONC only).
pub struct Parsed {
    pub root: JNode,
    pub comments: Vec<Range<usize>>,
}

pub fn parse(index: &LineIndex, syntax: Syntax) -> Result<Parsed, FileError> {
    let text = index.text();
    let err = |offset: usize, message: String| {
        let (line, column) = index.position(offset);
        FileError {
            file: index.file().clone(),
            line,
            column,
            message,
        }
    };
    if let Some(offset) = too_deep(text) {
        return Err(err(
            offset,
            format!("JSON nested more than {JSON_DEPTH} levels deep"),
        ));
    }
    let lenient = syntax == Syntax::Jsonc;
    let options = jsonc_parser::ParseOptions {
        allow_comments: lenient,
        allow_trailing_commas: lenient,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        ..Default::default()
    };
    let collect = jsonc_parser::CollectOptions {
        comments: if lenient {
            jsonc_parser::CommentCollectionStrategy::Separate
        } else {
            jsonc_parser::CommentCollectionStrategy::Off
        },
        tokens: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &collect, &options).map_err(|e| {
        let at = e.range().start;
        match diagnose(index, at, lenient) {
            Some((offset, why)) => err(offset, format!("syntax error: {why}")),
            None => err(at, format!("syntax error: {}", e.kind())),
        }
    })?;
    // A comment is filed under the tokens on both its sides: keep each once, in order.
    let mut comments: Vec<Range<usize>> = parsed
        .comments
        .iter()
        .flat_map(|m| m.values())
        .flat_map(|list| list.iter())
        .map(|c| match c {
            jsonc_parser::ast::Comment::Line(l) => l.range.start..l.range.end,
            jsonc_parser::ast::Comment::Block(b) => b.range.start..b.range.end,
        })
        .collect();
    comments.sort_by_key(|r| (r.start, r.end));
    comments.dedup();
    match parsed.value {
        Some(v) => Ok(Parsed {
            root: convert(v),
            comments,
        }),
        None => Err(err(0, "the file holds no JSON value".to_string())),
    }
}

/// Where a broken file really went wrong, when the parser's own position is only where it
/// noticed: a string left open (reported where it starts) or a bracket left open (reported
/// where it opens). `error_at` is the parser's offset.
fn diagnose(index: &LineIndex, error_at: usize, comments: bool) -> Option<(usize, String)> {
    let b = index.text().as_bytes();
    let mut stack: Vec<(u8, usize)> = Vec::new();
    // A bracket that the wrong closer meets: (opener, its offset, the closer's offset).
    let mut mismatch: Option<(u8, usize, usize)> = None;
    let mut open_at_eof: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i;
                let mut spans_lines = false;
                i += 1;
                loop {
                    match b.get(i) {
                        None => {
                            open_at_eof = Some(start);
                            break;
                        }
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        Some(b'\n' | b'\r') => {
                            spans_lines = true;
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                }
                // A string over a line end followed at once by text, where the parser trips:
                // its closing quote was really the next string's opening one, and what follows
                // is that string's text. (A valid string over lines followed by a missing comma
                // has a space or a line break next, and keeps the parser's message.)
                let text_follows = b
                    .get(i + 1)
                    .is_some_and(|c| !c.is_ascii_whitespace() && !b",:]}".contains(c));
                if spans_lines && text_follows && error_at == i + 1 {
                    return Some((start, unterminated(index, start)));
                }
            }
            b'/' if comments && b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            }
            b'/' if comments && b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i += 1;
            }
            open @ (b'{' | b'[') => stack.push((open, i)),
            close @ (b'}' | b']') => match stack.pop() {
                Some((open, at)) if open != matching(close) => {
                    mismatch.get_or_insert((open, at, i));
                }
                Some(_) => {}
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    if let Some(start) = open_at_eof {
        return Some((start, unterminated(index, start)));
    }
    if let Some((open, at, close_at)) = mismatch {
        let line = index.line_of(close_at);
        let close = b[close_at] as char;
        return Some((
            at,
            format!(
                "unclosed `{}` opened here (the `{close}` on line {line} does not close it)",
                open as char
            ),
        ));
    }
    let (open, at) = stack.pop()?;
    Some((
        at,
        format!(
            "unclosed `{}` opened here (the file ends before its `{}`)",
            open as char,
            matching(open) as char
        ),
    ))
}

fn matching(c: u8) -> u8 {
    match c {
        b'{' => b'}',
        b'}' => b'{',
        b'[' => b']',
        _ => b'[',
    }
}

fn unterminated(index: &LineIndex, from: usize) -> String {
    let text = index.text();
    let line = index.line_of(from);
    match text[from + 1..].find('"') {
        Some(end) => format!(
            "unterminated string: the string opened here does not end on line {line} (the next `\"` is on line {})",
            index.line_of(from + 1 + end)
        ),
        None => "unterminated string: the string opened here never ends".to_string(),
    }
}

/// The offset where nesting first passes [`JSON_DEPTH`], strings skipped.
fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > JSON_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn convert(v: jsonc_parser::ast::Value) -> JNode {
    use jsonc_parser::ast::Value as V;
    let (kind, range) = match v {
        V::NullKeyword(n) => (JKind::Null, n.range),
        V::BooleanLit(b) => (JKind::Bool(b.value), b.range),
        V::NumberLit(n) => (JKind::Number(n.value.parse().unwrap_or(f64::NAN)), n.range),
        V::StringLit(s) => (JKind::String(s.value.into_owned()), s.range),
        V::Array(a) => (
            JKind::Array(a.elements.into_iter().map(convert).collect()),
            a.range,
        ),
        V::Object(o) => (
            JKind::Object(
                o.properties
                    .into_iter()
                    .map(|p| {
                        let name_range = match &p.name {
                            jsonc_parser::ast::ObjectPropName::String(s) => s.range,
                            jsonc_parser::ast::ObjectPropName::Word(w) => w.range,
                        };
                        (
                            p.name.into_string(),
                            name_range.start..name_range.end,
                            convert(p.value),
                        )
                    })
                    .collect(),
            ),
            o.range,
        ),
    };
    JNode {
        kind,
        range: range.start..range.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idx(text: &str) -> LineIndex {
        LineIndex::new("t.json".into(), text.into())
    }

    #[test]
    fn strict_and_jsonc() {
        let text = "{\n  // c\n  \"a\": [1, true, null, \"x\",],\n}";
        assert!(parse(&idx(text), Syntax::Strict).is_err());
        let p = parse(&idx(text), Syntax::Jsonc).unwrap();
        assert_eq!(p.comments, vec![4..8]);
        assert_eq!(p.root.get("a").unwrap().items().len(), 4);
        assert!(p.root.get("A").is_none());
        assert!(p.root.get_ci("A").is_some());
    }

    #[test]
    fn deep_nesting_is_refused_without_recursing() {
        let e = parse(&idx(&"[".repeat(100_000)), Syntax::Strict)
            .err()
            .unwrap();
        assert!(e.message.contains("nested"));
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse(&idx("{\n  \"a\": ,\n}"), Syntax::Strict)
            .err()
            .unwrap();
        assert_eq!(e.line, 2);
    }

    fn error(text: &str) -> FileError {
        parse(&idx(text), Syntax::Jsonc).err().unwrap()
    }

    #[test]
    fn an_unterminated_string_is_reported_where_it_starts() {
        let e = error("{\n  \"a\": \"abc,\n  \"b\": 1\n}\n");
        assert_eq!((e.line, e.column), (2, 8), "{}", e.message);
        assert!(e.message.contains("unterminated string"), "{}", e.message);
        let e = error("{\n  \"a\": 1,\n  \"b\": \"x\n}\n");
        assert_eq!((e.line, e.column), (3, 8), "{}", e.message);
        assert!(e.message.contains("never ends"), "{}", e.message);
        // A string over several lines is valid ARM: only a parse failure right after it blames it.
        let ok = "{\n  \"a\": \"one\ntwo\",\n  \"b\": 1\n}";
        assert!(parse(&idx(ok), Syntax::Jsonc).is_ok());
        let e = error("{\n  \"a\": \"one\ntwo\",\n  \"b\" 1\n}");
        assert_eq!(e.line, 4, "{}", e.message);
        let e = error("{\n  \"a\": \"one\ntwo\"\n  \"b\": 1\n}");
        assert_eq!(e.line, 3, "{}", e.message);
        assert!(!e.message.contains("unterminated"), "{}", e.message);
    }

    #[test]
    fn lone_carriage_returns_end_lines_in_positions_and_messages() {
        let lf = "{\n  // c\n  \"a\": {\n    \"b\": [1,\n  \"c\": 2\n  }\n}\n";
        for text in [
            lf.to_string(),
            lf.replace('\n', "\r\n"),
            lf.replace('\n', "\r"),
        ] {
            let e = error(&text);
            assert_eq!((e.line, e.column), (4, 10), "{text:?}: {}", e.message);
            assert!(e.message.contains("the `}` on line 6"), "{}", e.message);
            let fixed = text.replace("[1,", "[1],");
            let p = parse(&idx(&fixed), Syntax::Jsonc).unwrap();
            let c = p.root.get("a").unwrap().get("c").unwrap();
            assert_eq!(idx(&fixed).position(c.range.start), (5, 8), "{text:?}");
            assert_eq!(p.comments.len(), 1, "the comment ends at its line's end");
        }
        let e = error("{\r  \"a\": \"abc,\r  \"b\": 1\r}\r");
        assert_eq!((e.line, e.column), (2, 8), "{}", e.message);
    }

    #[test]
    fn an_unclosed_bracket_is_reported_where_it_opens() {
        let e = error("{\n  \"r\": [\n    {\n      \"type\": \"x\"\n  \n");
        assert_eq!((e.line, e.column), (3, 5), "{}", e.message);
        assert!(
            e.message.contains("unclosed `{` opened here"),
            "{}",
            e.message
        );
        let e = error("{\n  \"a\": {\n    \"b\": [1,\n  \"c\": 2\n  }\n}\n");
        assert_eq!((e.line, e.column), (3, 10), "{}", e.message);
        assert!(
            e.message
                .contains("unclosed `[` opened here (the `}` on line 5"),
            "{}",
            e.message
        );
        // Brackets inside strings and comments do not count.
        let e = error("{\n  // {\n  \"a\": \"[\",\n  \"b\": {\n}\n");
        assert_eq!(e.line, 1, "{}", e.message);
        // A plain syntax error keeps the parser's words.
        let e = error("{\n  \"a\": 1\n  \"b\": 2\n}");
        assert!(!e.message.contains("unclosed"), "{}", e.message);
    }
}
