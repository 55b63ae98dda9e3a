//! Both Terraform syntaxes (native HCL and JSON) turned into one small owned form: bodies of
//! attributes and blocks whose expressions keep their file and byte spans.

use hcl_edit::expr::Expression;
use hcl_edit::structure::{BlockLabel, Body as HclBody, Structure};
use hcl_edit::Span;
use std::ops::Range;
use std::sync::Arc;
pub(crate) use vigil_json::{JKind, JNode};
use vigil_model::{FileError, LineIndex, Location};

/// An expression in either syntax, with the file it came from.
#[derive(Clone, Debug)]
pub(crate) enum Expr {
    Hcl {
        file: usize,
        expr: Arc<Expression>,
    },
    /// A JSON value in an expression context: strings are string templates.
    Json {
        file: usize,
        node: Arc<JNode>,
    },
    /// A JSON value taken literally (variable defaults in the JSON syntax).
    JsonLiteral {
        file: usize,
        node: Arc<JNode>,
    },
}

#[derive(Clone, Debug)]
pub(crate) struct Attr {
    pub name: String,
    pub expr: Expr,
}

#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub kind: String,
    pub labels: Vec<String>,
    pub body: Body,
    /// The block header, from its keyword to its last label.
    pub header: Location,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Body {
    pub attrs: Vec<Attr>,
    pub blocks: Vec<Block>,
}

impl Body {
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
}

pub(crate) fn parse_hcl(file: usize, index: &LineIndex) -> Result<Body, FileError> {
    let original = lone_crs_as_lf(index.text());
    let prepared = heredocs_as_terraform_reads_them(&original);
    let text = prepared.as_deref().unwrap_or(&original);
    let body = match hcl_edit::parser::parse_body(text) {
        Ok(body) => body,
        // The error of the lenient parse is the one to report: the strict parser's first
        // complaint may be a repeated key, which Terraform accepts, before the real mistake.
        Err(e) => match reparse_leniently(text, e) {
            Ok(body) => body,
            Err(e) => {
                // hcl-edit names the place it gave up, which for an unterminated string or an
                // unclosed brace is far from the mistake: name the place Terraform names.
                // Only when hcl-edit stopped past the string's start, or at the end of the
                // file for a bracket: an earlier mistake stays the one reported.
                let stopped = e.location().offset();
                let at_end = text
                    .get(stopped..)
                    .is_none_or(|rest| rest.trim().is_empty());
                let (offset, message) = crate::balance::unbalanced(text)
                    .filter(|(at, m)| {
                        if m.starts_with("unclosed") {
                            let wants_close = ["`}`", "`]`", "`)`"]
                                .iter()
                                .any(|c| e.message().contains(c));
                            at_end && wants_close
                        } else {
                            // hcl-edit may stop at the start of the attribute holding it.
                            let line_start = text[..*at].rfind('\n').map_or(0, |n| n + 1);
                            line_start <= stopped
                        }
                    })
                    .map_or_else(
                        || (None, format!("syntax error: {}", e.message())),
                        |(at, m)| (Some(at), format!("syntax error: {m}")),
                    );
                let (line, column) = match offset {
                    Some(at) => index.position(at),
                    None => (e.location().line() as u32, e.location().column() as u32),
                };
                return Err(FileError {
                    file: index.file().clone(),
                    line,
                    column,
                    message,
                });
            }
        },
    };
    Ok(convert_hcl_body(file, index, body))
}

/// The text with each lone `\r` (an old Mac line end) made a `\n`, byte for byte, so that
/// offsets still point into the original: hcl-edit and the comment scanner end lines at `\n`
/// and `\r\n` only, and would read a file written with CR line ends as one long line.
/// (Terraform itself refuses such a file; vigil reads it as the lines its author sees, as its
/// Bicep and JSON readers do.) Borrowed when there is none.
pub(crate) fn lone_crs_as_lf(text: &str) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    let lone = |i: usize| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n');
    if !text.contains('\r') || !(0..b.len()).any(lone) {
        return text.into();
    }
    let out: Vec<u8> = (0..b.len())
        .map(|i| if lone(i) { b'\n' } else { b[i] })
        .collect();
    // One ASCII byte replaced by another: still UTF-8.
    String::from_utf8(out).map_or_else(|_| text.into(), Into::into)
}

/// hcl-edit 0.10 ends a heredoc at the first line that starts with its marker (`EOT inside`,
/// `EOT)`), where Terraform needs the marker alone on the line; and it looks for the end of an
/// empty heredoc (`<<EOT` then `EOT`) only from the next line that starts with the marker,
/// anywhere later in the file, swallowing everything between. Both are rewritten, changing
/// bytes but never offsets: an empty heredoc becomes `""` and spaces (its line breaks kept),
/// and a heredoc with a body line that starts with its marker gets another marker of the same
/// length that no body line starts with. `None` when no heredoc needs it.
fn heredocs_as_terraform_reads_them(text: &str) -> Option<String> {
    if !text.contains("<<") {
        return None;
    }
    let mut bytes: Option<Vec<u8>> = None;
    for h in crate::comments::heredocs(text) {
        let marker = &text[h.marker.clone()];
        let body = &text[h.body.clone()];
        let starts_a_line = |m: &str| {
            body.split('\n')
                .any(|line| line.trim_start_matches([' ', '\t']).starts_with(m))
        };
        if h.body.is_empty() {
            let out = bytes.get_or_insert_with(|| text.as_bytes().to_vec());
            for (n, b) in out[h.whole.clone()].iter_mut().enumerate() {
                if *b != b'\n' {
                    *b = if n < 2 { b'"' } else { b' ' };
                }
            }
        } else if starts_a_line(marker) {
            let Some(other) = (0..4096)
                .map(|n| marker_name(marker.len(), n))
                .find(|m| !starts_a_line(m))
            else {
                continue;
            };
            let out = bytes.get_or_insert_with(|| text.as_bytes().to_vec());
            out[h.marker.clone()].copy_from_slice(other.as_bytes());
            out[h.close.clone()].copy_from_slice(other.as_bytes());
        }
    }
    // Only ASCII bytes replaced whole characters (a marker's bytes, or a heredoc's whole
    // text, replaced byte for byte).
    bytes.and_then(|b| String::from_utf8(b).ok())
}

/// The `n`-th heredoc marker of `len` bytes: a letter, then letters and digits.
fn marker_name(len: usize, n: usize) -> String {
    nth_name(
        b"XYZQWabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPRSTUV",
        b"XYZQW0123456789abcdefghijklmnopqrstuvwxyz",
        len,
        n,
    )
}

/// The `n`-th name of `len` bytes whose first byte is from `first` and the rest from `rest`.
fn nth_name(first: &[u8], rest_bytes: &[u8], len: usize, n: usize) -> String {
    let mut out = vec![first[n % first.len()]];
    let mut rest = n / first.len();
    for _ in 1..len {
        out.push(rest_bytes[rest % rest_bytes.len()]);
        rest /= rest_bytes.len();
    }
    String::from_utf8(out).expect("ascii")
}

/// hcl-edit 0.10 is stricter than Terraform in two places; this retries without them, changing
/// bytes but never offsets, so that spans still point into the original text:
/// - Terraform continues an expression over a line break after an operator, which hcl-edit
///   refuses inside braces: those line breaks become spaces.
/// - Terraform lets an object constructor repeat a key (the last one wins), which hcl-edit
///   refuses: the repeated key is renamed to another name of the same length, and the
///   evaluator reads every identifier key from the original text at its span, so that the
///   repeated key gets its own name back and, coming later, replaces the first.
fn reparse_leniently(
    text: &str,
    strict: hcl_edit::parser::Error,
) -> Result<HclBody, hcl_edit::parser::Error> {
    let mut bytes = text.as_bytes().to_vec();
    for b in crate::comments::operator_line_breaks(text) {
        bytes[b] = b' ';
    }
    let mut last = strict;
    let mut attempt = 0usize;
    // Each attempt parses the whole file again: bounded, so that a crafted file stays cheap (at
    // most 1,024 attempts, and at most about 64 MiB parsed in all: a large file gets fewer).
    let attempts = ((64usize << 20) / text.len().max(1)).clamp(8, 1024);
    while attempt < attempts {
        let Ok(candidate) = String::from_utf8(bytes.clone()) else {
            return Err(last);
        };
        match hcl_edit::parser::parse_body(&candidate) {
            Ok(body) => return Ok(body),
            Err(e) if e.message().contains("redefined object key") => {
                let at = e.location().offset();
                let rest = &candidate[at..];
                let len = if let Some(quoted) = rest.strip_prefix('"') {
                    // A quoted key: rename inside the quotes (the evaluator reads strings
                    // from the text too).
                    match quoted.find('"') {
                        Some(n) => n + 2,
                        None => return Err(e),
                    }
                } else {
                    rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                        .unwrap_or(rest.len())
                };
                let quoted = rest.starts_with('"');
                let inner = if quoted { len - 2 } else { len };
                // Any bytes may be replaced by as many ASCII ones: offsets stay.
                if inner == 0 || !rest.is_char_boundary(len) {
                    return Err(e);
                }
                let name = same_length_name(inner, attempt);
                let start = if quoted { at + 1 } else { at };
                bytes[start..start + inner].copy_from_slice(name.as_bytes());
                last = e;
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// The `n`-th identifier of `len` bytes, for renaming a repeated key: a clash with another
/// key of the same object fails again at the same place and takes the next one.
fn same_length_name(len: usize, n: usize) -> String {
    nth_name(
        b"_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        b"_abcdefghijklmnopqrstuvwxyz0123456789",
        len,
        n,
    )
}

fn convert_hcl_body(file: usize, index: &LineIndex, body: HclBody) -> Body {
    let mut out = Body::default();
    for structure in body.into_iter() {
        match structure {
            Structure::Attribute(attr) => out.attrs.push(Attr {
                name: attr.key.value().as_str().to_string(),
                expr: Expr::Hcl {
                    file,
                    expr: Arc::new(attr.value),
                },
            }),
            Structure::Block(block) => {
                let start = block.ident.span().map_or(0, |s| s.start);
                let end = block
                    .labels
                    .last()
                    .and_then(label_span)
                    .or_else(|| block.ident.span())
                    .map_or(start, |s| s.end);
                out.blocks.push(Block {
                    kind: block.ident.value().as_str().to_string(),
                    labels: block
                        .labels
                        .iter()
                        .map(|l| l.as_str().to_string())
                        .collect(),
                    header: index.location(start..end),
                    body: convert_hcl_body(file, index, block.body),
                });
            }
        }
    }
    out
}

fn label_span(label: &BlockLabel) -> Option<Range<usize>> {
    match label {
        BlockLabel::Ident(i) => i.span(),
        BlockLabel::String(s) => s.span(),
    }
}

pub(crate) fn parse_json_file(index: &LineIndex) -> Result<JNode, FileError> {
    vigil_json::parse(index, vigil_json::Syntax::Strict).map(|p| p.root)
}

/// The top level of a `.tf.json` file as blocks, following Terraform's JSON syntax: block
/// types whose labels are nested object keys (`resource` -> type -> name -> body).
pub(crate) fn json_config_body(
    file: usize,
    index: &LineIndex,
    root: &JNode,
) -> Result<Body, FileError> {
    let JKind::Object(props) = &root.kind else {
        let (line, column) = index.position(root.range.start);
        return Err(FileError {
            file: index.file().clone(),
            line,
            column,
            message: "a .tf.json file must hold a JSON object".to_string(),
        });
    };
    let mut out = Body::default();
    for (kind, name_range, value) in props {
        let labels = match kind.as_str() {
            "resource" | "data" => 2,
            "variable" | "module" | "output" | "provider" => 1,
            "locals" => {
                for item in objects_of(value) {
                    if let JKind::Object(entries) = &item.kind {
                        for (name, _, v) in entries {
                            if name != "//" {
                                out.attrs.push(local_attr(file, name, v));
                            }
                        }
                    }
                }
                continue;
            }
            // `terraform`, `moved`, `import`, `check`, comments: nothing vigil reads yet.
            _ => continue,
        };
        collect_json_blocks(
            file,
            index,
            kind,
            name_range,
            value,
            labels,
            &mut Vec::new(),
            &mut out.blocks,
        );
    }
    Ok(out)
}

fn local_attr(file: usize, name: &str, v: &JNode) -> Attr {
    Attr {
        name: name.to_string(),
        expr: Expr::Json {
            file,
            node: Arc::new(v.clone()),
        },
    }
}

/// A JSON block value may be one object or an array of objects.
fn objects_of(node: &JNode) -> Vec<&JNode> {
    match &node.kind {
        JKind::Array(items) => items.iter().collect(),
        _ => vec![node],
    }
}

#[allow(clippy::too_many_arguments)]
fn collect_json_blocks(
    file: usize,
    index: &LineIndex,
    kind: &str,
    kind_range: &Range<usize>,
    value: &JNode,
    labels_left: usize,
    labels: &mut Vec<(String, Range<usize>)>,
    out: &mut Vec<Block>,
) {
    for item in objects_of(value) {
        let JKind::Object(props) = &item.kind else {
            continue;
        };
        if labels_left == 0 {
            let header_end = labels.last().map_or(kind_range.end, |l| l.1.end);
            // The resource's own key (`"kv": {`) is its first line: the type key may hold several.
            let start = labels.last().map_or(kind_range.start, |l| l.1.start);
            out.push(Block {
                kind: kind.to_string(),
                labels: labels.iter().map(|l| l.0.clone()).collect(),
                body: json_block_body(file, index, props, kind == "variable"),
                header: index.location(start..header_end),
            });
            continue;
        }
        for (name, name_range, v) in props {
            if name == "//" {
                continue;
            }
            labels.push((name.clone(), name_range.clone()));
            collect_json_blocks(
                file,
                index,
                kind,
                kind_range,
                v,
                labels_left - 1,
                labels,
                out,
            );
            labels.pop();
        }
    }
}

fn json_block_body(
    file: usize,
    index: &LineIndex,
    props: &[(String, Range<usize>, JNode)],
    variable: bool,
) -> Body {
    let mut body = Body::default();
    for (name, range, v) in props {
        if name == "//" {
            continue;
        }
        // `"dynamic": {"network_acls": {"for_each": ..., "content": {...}}}` is the JSON form of
        // `dynamic "network_acls" { ... }`: blocks, so that they render as the native ones do.
        if name == "dynamic" && !variable {
            if let JKind::Object(kinds) = &v.kind {
                for (kind, kind_range, spec) in kinds.iter().filter(|(k, _, _)| k != "//") {
                    for item in objects_of(spec) {
                        let JKind::Object(spec_props) = &item.kind else {
                            continue;
                        };
                        let mut dynamic = json_block_body(file, index, spec_props, false);
                        let content = dynamic.attrs.iter().position(|a| a.name == "content");
                        if let Some(i) = content {
                            let attr = dynamic.attrs.remove(i);
                            if let Expr::Json { node, .. } = &attr.expr {
                                if let JKind::Object(content_props) = &node.kind {
                                    dynamic.blocks.push(Block {
                                        kind: "content".into(),
                                        labels: Vec::new(),
                                        body: json_block_body(file, index, content_props, false),
                                        header: index.location(node.range.clone()),
                                    });
                                }
                            }
                        }
                        body.blocks.push(Block {
                            kind: "dynamic".into(),
                            labels: vec![kind.clone()],
                            body: dynamic,
                            header: index.location(range.start..kind_range.end),
                        });
                    }
                }
                continue;
            }
        }
        let node = Arc::new(v.clone());
        let expr = if variable && name == "default" {
            Expr::JsonLiteral { file, node }
        } else {
            Expr::Json { file, node }
        };
        body.attrs.push(Attr {
            name: name.clone(),
            expr,
        });
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idx(text: &str) -> LineIndex {
        LineIndex::new("t".into(), text.into())
    }

    #[test]
    fn hcl_block_header_spans_keyword_to_last_label() {
        let i = idx("\nresource \"azurerm_key_vault\" \"kv\" {\n  name = \"x\"\n}\n");
        let body = parse_hcl(0, &i).unwrap();
        let b = &body.blocks[0];
        assert_eq!(b.labels, vec!["azurerm_key_vault", "kv"]);
        assert_eq!((b.header.line, b.header.column), (2, 1));
        assert_eq!(b.header.end_column, 34);
        assert_eq!(b.body.attrs[0].name, "name");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let i = idx("a = 1\nb = {\n");
        let e = parse_hcl(0, &i).unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        assert!(e.message.starts_with("syntax error"));
    }

    #[test]
    fn operators_at_line_ends_inside_braces_parse() {
        let i = idx("locals {\n  m = {\n    for l in x :\n    l =>\n    a &&\n    b\n  }\n}\n");
        let body = parse_hcl(0, &i).unwrap();
        assert_eq!(body.blocks[0].body.attrs[0].name, "m");
    }

    #[test]
    fn repeated_object_keys_parse() {
        let i = idx("locals {\n  m = {\n    some_long_key = 1\n    some_long_key = 2\n  }\n}\n");
        assert!(parse_hcl(0, &i).is_ok());
    }

    #[test]
    fn json_resources_become_blocks() {
        let i = idx(
            r#"{"resource": {"azurerm_key_vault": {"kv": {"name": "x"}}}, "locals": {"a": 1}}"#,
        );
        let root = parse_json_file(&i).unwrap();
        let body = json_config_body(0, &i, &root).unwrap();
        assert_eq!(body.blocks[0].labels, vec!["azurerm_key_vault", "kv"]);
        assert_eq!(body.attrs[0].name, "a");
    }

    #[test]
    fn lone_carriage_returns_end_lines_as_line_feeds_do() {
        let lf = "# vigil:ignore AZKV001\nresource \"azurerm_key_vault\" \"kv\" {\n  x = <<EOT\n  a\n  EOT\n  name = \"é\"\n}\n";
        let mut seen = Vec::new();
        for text in [
            lf.to_string(),
            lf.replace('\n', "\r\n"),
            lf.replace('\n', "\r"),
        ] {
            let i = idx(&text);
            let body = parse_hcl(0, &i).unwrap();
            let b = &body.blocks[0];
            let Expr::Hcl { expr, .. } = &b.body.attr("name").unwrap().expr else {
                panic!("an HCL expression")
            };
            let at = i.location(expr.span().unwrap());
            let directives = crate::comments::ignore_directives(&i);
            seen.push((b.header.line, at.line, at.column, directives[0].line));
        }
        assert_eq!(seen, vec![(2, 6, 10, 1); 3]);
        assert!(matches!(
            lone_crs_as_lf("a\r\nb"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(lone_crs_as_lf("a\rb\r\nc\r"), "a\nb\r\nc\n");
    }

    #[test]
    fn deep_json_is_refused_without_recursing() {
        let text = "[".repeat(100_000);
        let e = parse_json_file(&idx(&text)).unwrap_err();
        assert!(e.message.contains("nested"));
    }
}
