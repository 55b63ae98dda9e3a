//! JSON with byte spans (and, for JSONC, its comments): one syntax tree for Terraform's JSON
//! syntax, Terraform plans and ARM templates, so that every value can say where it is written.

use std::ops::Range;
use vigil_model::{FileError, LineIndex};

/// JSON nested deeper than this is refused before parsing: the parser recurses.
pub const MAX_DEPTH: usize = 200;

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
            format!("JSON nested more than {MAX_DEPTH} levels deep"),
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
    let parsed = jsonc_parser::parse_to_ast(text, &collect, &options)
        .map_err(|e| err(e.range().start, format!("syntax error: {}", e.kind())))?;
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

/// The offset where nesting first passes [`MAX_DEPTH`], strings skipped.
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
                if depth > MAX_DEPTH {
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
}
