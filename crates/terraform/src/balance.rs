//! Where an HCL file's strings and brackets stop balancing, for a syntax error that names the
//! place a person has to fix: hcl-edit reports where it gave up, which for a quoted string
//! left open or a brace never closed is lines further on (or the end of the file). Terraform
//! names the string's own line and the line of the block left open; so does this.

enum Frame {
    /// `{`, `[` or `(` (or a template's `${` / `%{`) at this byte, closed by `close`.
    Open { at: usize, close: u8 },
    /// A quoted string opened at this byte.
    Str { at: usize },
}

/// The byte offset and description of the first unterminated quoted string or heredoc, else
/// of the innermost bracket left open at the end (as Terraform names it: the block whose
/// braces inside all close); `None` when strings and brackets balance
/// (the syntax error is something else) or a closing bracket does not match (hcl-edit's
/// position is then as good as any).
pub(crate) fn unbalanced(text: &str) -> Option<(usize, String)> {
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if let Some(Frame::Str { at }) = stack.last() {
            let at = *at;
            match c {
                b'\\' => i += 1,
                b'\n' => {
                    return Some((
                        at,
                        "unterminated string: this quoted string has no closing `\"` on its line (use `\\n` or a heredoc for more lines)".into(),
                    ))
                }
                b'"' => {
                    stack.pop();
                }
                b'$' | b'%' if b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&b'{') => i += 2,
                b'$' | b'%' if b.get(i + 1) == Some(&b'{') => {
                    stack.push(Frame::Open { at: i, close: b'}' });
                    i += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            b'#' => i = line_end(b, i),
            b'/' if b.get(i + 1) == Some(&b'/') => i = line_end(b, i),
            b'/' if b.get(i + 1) == Some(&b'*') => match text[i + 2..].find("*/") {
                Some(n) => i += n + 3,
                None => {
                    return Some((
                        i,
                        "unterminated comment: this `/*` has no closing `*/`".into(),
                    ))
                }
            },
            b'"' => stack.push(Frame::Str { at: i }),
            b'<' if b.get(i + 1) == Some(&b'<') => match heredoc_end(text, i) {
                Some(Ok(end)) => {
                    i = end;
                    continue;
                }
                Some(Err(marker)) => {
                    return Some((
                        i,
                        format!(
                            "unterminated heredoc: no line holds its closing marker `{marker}`"
                        ),
                    ))
                }
                None => i += 1,
            },
            b'{' | b'[' | b'(' => stack.push(Frame::Open {
                at: i,
                close: match c {
                    b'{' => b'}',
                    b'[' => b']',
                    _ => b')',
                },
            }),
            b'}' | b']' | b')' => match stack.pop() {
                Some(Frame::Open { close, .. }) if close == c => {}
                _ => return None,
            },
            _ => {}
        }
        i += 1;
    }
    match stack.last()? {
        Frame::Str { at } => Some((
            *at,
            "unterminated string: this quoted string has no closing `\"`".into(),
        )),
        Frame::Open { at, close } => {
            let what = match close {
                b'}' if b[*at] == b'{' => {
                    "unclosed block: this `{` has no closing `}` before the end of the file"
                }
                b'}' => "unclosed template interpolation: this `${` has no closing `}`",
                b']' => "unclosed bracket: this `[` has no closing `]` before the end of the file",
                _ => "unclosed parenthesis: this `(` has no closing `)` before the end of the file",
            };
            Some((*at, what.into()))
        }
    }
}

fn line_end(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |n| i + n)
}

/// For `<<EOT` / `<<-EOT` at `i` (followed by a line break): Ok(the offset after its closing
/// marker's line), or Err(marker) when no line closes it. `None` when this is not a heredoc.
fn heredoc_end(text: &str, i: usize) -> Option<Result<usize, String>> {
    let rest = &text[i + 2..];
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let marker_len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    let marker = &rest[..marker_len];
    let after = &rest[marker_len..];
    let body_start = if let Some(r) = after.strip_prefix("\r\n") {
        text.len() - r.len()
    } else if let Some(r) = after.strip_prefix('\n') {
        text.len() - r.len()
    } else {
        return None;
    };
    if marker.is_empty() {
        return None;
    }
    let mut at = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        at += line.len();
        if line.trim() == marker {
            // The marker line's own break ends the expression: leave it to the caller.
            return Some(Ok(at - (line.len() - line.trim_end().len())));
        }
    }
    Some(Err(marker.to_string()))
}

#[cfg(test)]
mod tests {
    use super::unbalanced;

    fn line_of(text: &str) -> Option<usize> {
        unbalanced(text).map(|(at, _)| text[..at].matches('\n').count() + 1)
    }

    #[test]
    fn an_unterminated_string_is_at_its_own_line() {
        assert_eq!(line_of("locals {\n  a = \"abc\n  b = 1\n}\n"), Some(2));
        assert_eq!(line_of("a = \"x${\"y\"}\"\nb = \"z\n"), Some(2));
    }

    #[test]
    fn an_unclosed_block_is_at_the_innermost_brace_left_open() {
        assert_eq!(
            line_of(
                "resource \"x\" \"y\" {\n  a = 1\n  b {\n    c = 2\n\n}\nlocals {\n  z = 1\n}\n"
            ),
            Some(1)
        );
        assert_eq!(
            line_of("a = 1\n\nlocals {\n  a = {\n    b = 1\n}\n"),
            Some(3)
        );
        assert_eq!(line_of("locals {\n  a = [1,\n  2\n"), Some(2));
    }

    #[test]
    fn comments_heredocs_and_escapes_do_not_count() {
        let ok =
            "# {\n// \"\n/* [ */\na = <<EOT\n{ \"\nEOT\nb = \"\\\" $${ %%{\"\nc = <<-X\n  (\n  X\n";
        assert_eq!(unbalanced(ok), None);
        assert_eq!(line_of("a = <<EOT\nnever\n"), Some(1));
    }
}
