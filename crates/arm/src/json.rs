//! Template JSON with byte spans, comments kept (for `vigil:ignore`), parsed the way Azure
//! Resource Manager accepts it: comments and trailing commas, and nothing else lenient.

use std::ops::Range;
use vigil_model::{parse_ignore_comment, FileError, IgnoreDirective, LineIndex};

/// JSON nested deeper than this is refused before parsing: the parser recurses.
const MAX_DEPTH: usize = 200;

#[derive(Clone, Debug)]
pub(crate) struct JNode {
    pub kind: JKind,
    pub range: Range<usize>,
}

#[derive(Clone, Debug)]
pub(crate) enum JKind {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<JNode>),
    /// Properties in file order.
    Object(Vec<(String, JNode)>),
}

impl JNode {
    /// A property, by ARM's rule: names compare case-insensitively.
    pub fn get(&self, key: &str) -> Option<&JNode> {
        match &self.kind {
            JKind::Object(props) => props
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            JKind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn items(&self) -> &[JNode] {
        match &self.kind {
            JKind::Array(items) => items,
            _ => &[],
        }
    }

    pub fn props(&self) -> &[(String, JNode)] {
        match &self.kind {
            JKind::Object(props) => props,
            _ => &[],
        }
    }
}

/// Parses a file; also returns its `vigil:ignore` directives.
pub(crate) fn parse(index: &LineIndex) -> Result<(JNode, Vec<IgnoreDirective>), FileError> {
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
    let options = jsonc_parser::ParseOptions {
        allow_comments: true,
        allow_trailing_commas: true,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        ..Default::default()
    };
    let collect = jsonc_parser::CollectOptions {
        comments: jsonc_parser::CommentCollectionStrategy::Separate,
        tokens: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &collect, &options)
        .map_err(|e| err(e.range().start, format!("syntax error: {}", e.kind())))?;
    let mut ignores = Vec::new();
    if text.contains("vigil:ignore") {
        let mut seen = std::collections::BTreeMap::new();
        for comments in parsed.comments.iter().flat_map(|m| m.values()) {
            for c in comments.iter() {
                let (range, body) = match c {
                    jsonc_parser::ast::Comment::Line(l) => (l.range, l.text),
                    jsonc_parser::ast::Comment::Block(b) => (b.range, b.text),
                };
                seen.insert(range.start, (range.start..range.end, body.to_string()));
            }
        }
        for (_, (range, body)) in seen {
            if let Some((rules, reason)) = parse_ignore_comment(&body) {
                let location = index.location(range);
                ignores.push(IgnoreDirective {
                    line: location.line,
                    rules,
                    reason,
                    location,
                });
            }
        }
    }
    match parsed.value {
        Some(v) => Ok((convert(v), ignores)),
        None => Err(err(0, "the file holds no JSON value".to_string())),
    }
}

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
                    .map(|p| (p.name.into_string(), convert(p.value)))
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
