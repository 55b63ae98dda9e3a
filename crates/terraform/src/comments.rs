//! Finds the comments of an HCL file, so that `vigil:ignore` directives are read from real
//! comments only: a `#` inside a string, a heredoc or an interpolation is not a comment.

use vigil_model::{IgnoreDirective, LineIndex};

/// Byte ranges of every comment in `text` (HCL native syntax).
pub(crate) fn comment_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    scan(text).comments
}

/// Offsets of the line breaks that follow a binary operator in code (`local.a &&` then a new
/// line). Terraform continues the expression there, but hcl-edit 0.10 refuses it inside braces.
pub(crate) fn operator_line_breaks(text: &str) -> Vec<usize> {
    scan(text).breaks
}

/// The heredocs of `text` that a line closes, as Terraform reads them: the closing line is
/// the marker alone, spaces around it allowed.
pub(crate) fn heredocs(text: &str) -> Vec<Heredoc> {
    scan(text).heredocs
}

/// A heredoc written in code.
#[derive(Debug, PartialEq)]
pub(crate) struct Heredoc {
    /// From `<<` to the end of its closing marker.
    pub whole: std::ops::Range<usize>,
    /// The marker after `<<` or `<<-`.
    pub marker: std::ops::Range<usize>,
    /// Its body: from the line after `<<EOT` to the start of the closing line.
    pub body: std::ops::Range<usize>,
    /// The marker on the closing line.
    pub close: std::ops::Range<usize>,
}

struct Scan {
    comments: Vec<std::ops::Range<usize>>,
    breaks: Vec<usize>,
    heredocs: Vec<Heredoc>,
}

const CONTINUING_OPERATORS: [&str; 12] = [
    "&&", "||", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "?",
];

fn scan(text: &str) -> Scan {
    enum Ctx {
        Code { braces: u32 },
        Str,
    }
    let bytes = text.as_bytes();
    let mut stack = vec![Ctx::Code { braces: 0 }];
    let mut out = Vec::new();
    let mut breaks = Vec::new();
    let mut heredocs = Vec::new();
    // One past the last byte of code seen (not whitespace, not a comment).
    let mut code_end = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        match stack.last_mut() {
            Some(Ctx::Str) => match b {
                b'\\' => i += 1,
                b'"' => {
                    stack.pop();
                    code_end = i + 1;
                }
                b'$' | b'%' if next == Some(b) && bytes.get(i + 2) == Some(&b'{') => i += 2,
                b'$' | b'%' if next == Some(b'{') => {
                    stack.push(Ctx::Code { braces: 0 });
                    i += 1;
                }
                _ => {}
            },
            Some(Ctx::Code { braces }) => match b {
                b'#' => {
                    let end = line_end(bytes, i);
                    out.push(i..end);
                    i = end;
                    continue;
                }
                b'/' if next == Some(b'/') => {
                    let end = line_end(bytes, i);
                    out.push(i..end);
                    i = end;
                    continue;
                }
                b'/' if next == Some(b'*') => {
                    let end = text[i + 2..]
                        .find("*/")
                        .map_or(bytes.len(), |e| i + 2 + e + 2);
                    out.push(i..end);
                    i = end;
                    continue;
                }
                b'\n' => {
                    let before = &text[..code_end];
                    if CONTINUING_OPERATORS.iter().any(|op| before.ends_with(op))
                        && !before.ends_with("*/")
                    {
                        breaks.push(i);
                    }
                }
                b' ' | b'\t' | b'\r' => {}
                b'"' => stack.push(Ctx::Str),
                b'{' => *braces += 1,
                b'}' => {
                    if *braces == 0 {
                        if stack.len() > 1 {
                            stack.pop();
                        }
                    } else {
                        *braces -= 1;
                    }
                }
                b'<' if next == Some(b'<') => {
                    if let Some((end, heredoc)) = heredoc_end(text, i) {
                        heredocs.extend(heredoc);
                        i = end;
                        code_end = end;
                        continue;
                    }
                }
                _ => {}
            },
            None => break,
        }
        if matches!(stack.last(), Some(Ctx::Code { .. })) && !b.is_ascii_whitespace() {
            code_end = i + 1;
        }
        i += 1;
    }
    Scan {
        comments: out,
        breaks,
        heredocs,
    }
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

/// If a heredoc starts at `at` (`<<EOT` or `<<-EOT` then a newline), the offset just past its
/// closing marker line (the end of the text when no line closes it), and the heredoc when one
/// does.
fn heredoc_end(text: &str, at: usize) -> Option<(usize, Option<Heredoc>)> {
    let rest = &text[at + 2..];
    let rest_trimmed = rest.strip_prefix('-').unwrap_or(rest);
    let ident_len = rest_trimmed
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest_trimmed.len());
    if ident_len == 0 {
        return None;
    }
    let ident = &rest_trimmed[..ident_len];
    let marker_start = text.len() - rest_trimmed.len();
    let after = &rest_trimmed[ident_len..];
    let after = after.strip_prefix('\r').unwrap_or(after);
    if !after.starts_with('\n') {
        return None;
    }
    let body_start = text.len() - after.len() + 1;
    let mut pos = body_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |e| pos + e);
        let line = &text[pos..end];
        if line.trim() == ident {
            let close = pos + (line.len() - line.trim_start().len());
            return Some((
                end,
                Some(Heredoc {
                    whole: at..close + ident.len(),
                    marker: marker_start..marker_start + ident_len,
                    body: body_start..pos,
                    close: close..close + ident.len(),
                }),
            ));
        }
        pos = end + 1;
    }
    Some((text.len(), None))
}

/// The `vigil:ignore` directives in an HCL file.
pub(crate) fn ignore_directives(index: &LineIndex) -> Vec<IgnoreDirective> {
    let text = index.text();
    // Most files have none; a substring search is far cheaper than the scan.
    if !text.contains("vigil:ignore") {
        return Vec::new();
    }
    // Lines as the parser reads them: a comment ends at a lone `\r` too.
    comment_ranges(&crate::parse::lone_crs_as_lf(text))
        .into_iter()
        .filter_map(|range| {
            IgnoreDirective::from_comment(&text[range.clone()], index.location(range))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comments(text: &str) -> Vec<&str> {
        comment_ranges(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_all_three_comment_forms() {
        assert_eq!(
            comments("a = 1 # one\n// two\n/* three */ b = 2"),
            vec!["# one", "// two", "/* three */"]
        );
    }

    #[test]
    fn ignores_markers_inside_strings_heredocs_and_interpolations() {
        let text = r##"a = "x # not"
b = "${join("#", ["//"])} /* no */"
c = <<-EOT
  # not a comment
  EOT
d = "$${x} # still string" # real
p = ["/*"]
"##;
        assert_eq!(comments(text), vec!["# real"]);
    }

    #[test]
    fn finds_line_breaks_after_operators_in_code_only() {
        let text = "a = {\n  k = x &&\n  y\n  s = \"p &&\n\"\n  c = z || # why\n  w\n}\n";
        let breaks = operator_line_breaks(text);
        let lines: Vec<usize> = breaks
            .iter()
            .map(|&b| text[..b].matches('\n').count() + 1)
            .collect();
        assert_eq!(lines, vec![2, 6]);
    }

    #[test]
    fn reads_directives() {
        let idx = LineIndex::new(
            "m.tf".into(),
            "# vigil:ignore AZKV001 -- private vault\nx = 1 // vigil:ignore\n".into(),
        );
        let d = ignore_directives(&idx);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].line, 1);
        assert_eq!(d[0].rules, vec!["AZKV001"]);
        assert_eq!(d[0].reason.as_deref(), Some("private vault"));
        assert_eq!(d[1].line, 2);
        assert!(d[1].rules.is_empty());
    }
}
