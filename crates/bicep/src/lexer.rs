//! Byte-oriented lexer. Newlines are not tokens: each token records whether a line break
//! precedes it, because Bicep only cares about line breaks as item and statement separators.
//! A line break is `\n`, `\r\n` or a lone `\r`, as in Bicep's own lexer.

use std::ops::Range;

use vigil_model::limits::BICEP_HOLE_DEPTH;

use crate::SyntaxError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Ident,
    Int,
    /// A `'...'` string, possibly with `${}` holes; decoded by the parser.
    String,
    /// A `'''...'''` string: verbatim, no escapes, no interpolation.
    MultilineString,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Comma,
    Dot,
    QuestionDot,
    DoubleColon,
    Colon,
    Question,
    DoubleQuestion,
    Assign,
    Arrow,
    Ellipsis,
    At,
    Bang,
    Minus,
    Plus,
    Star,
    Slash,
    Percent,
    Lt,
    Le,
    Gt,
    Ge,
    EqEq,
    Ne,
    EqI,
    NeI,
    AndAnd,
    OrOr,
    Pipe,
    Caret,
    Error,
    Eof,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
    /// A line break (possibly inside a comment) separates this token from the previous one.
    pub nl_before: bool,
}

impl Token {
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

pub struct Lexed {
    pub tokens: Vec<Token>,
    pub comments: Vec<Range<usize>>,
    pub errors: Vec<SyntaxError>,
}

/// Lexes `text[start..end]`; spans stay absolute offsets into `text`, so a string hole can be
/// lexed in place.
pub fn lex(text: &str, start: usize, end: usize) -> Lexed {
    let b = text.as_bytes();
    let mut out = Lexed {
        tokens: Vec::with_capacity((end - start) / 4 + 1),
        comments: Vec::new(),
        errors: Vec::new(),
    };
    let mut i = start;
    if text[start..end].starts_with('\u{feff}') {
        i += 3;
    }
    let mut nl = true;
    while i < end {
        let c = b[i];
        match c {
            b'\n' | b'\r' => {
                nl = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            // `#disable-next-line`, `#disable-diagnostics` and friends are linter pragmas that
            // occupy their whole line.
            b'#' if nl => {
                while i < end && !is_break(b[i]) {
                    i += 1;
                }
                continue;
            }
            b'/' if i + 1 < end && b[i + 1] == b'/' => {
                let s = i;
                while i < end && !is_break(b[i]) {
                    i += 1;
                }
                out.comments.push(s..i);
                continue;
            }
            b'/' if i + 1 < end && b[i + 1] == b'*' => {
                let s = i;
                match find(b, i + 2, end, b"*/") {
                    Some(p) => i = p + 2,
                    None => {
                        out.errors
                            .push(SyntaxError::new("unterminated comment", s..end));
                        i = end;
                    }
                }
                if b[s..i].iter().any(|&c| is_break(c)) {
                    nl = true;
                }
                out.comments.push(s..i);
                continue;
            }
            _ => {}
        }
        let s = i;
        let two = |x: u8| i + 1 < end && b[i + 1] == x;
        let (kind, len) = match c {
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                let mut j = i + 1;
                while j < end && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                    j += 1;
                }
                (TokenKind::Ident, j - i)
            }
            b'0'..=b'9' => {
                let mut j = i + 1;
                while j < end && b[j].is_ascii_digit() {
                    j += 1;
                }
                (TokenKind::Int, j - i)
            }
            b'\'' => {
                if i + 2 < end && b[i + 1] == b'\'' && b[i + 2] == b'\'' {
                    match find(b, i + 3, end, b"'''") {
                        Some(p) => {
                            let mut j = p + 3;
                            // Quotes right before the closing ''' belong to the content.
                            while j < end && b[j] == b'\'' {
                                j += 1;
                            }
                            (TokenKind::MultilineString, j - i)
                        }
                        None => {
                            out.errors
                                .push(SyntaxError::new("unterminated multi-line string", s..end));
                            (TokenKind::MultilineString, end - i)
                        }
                    }
                } else {
                    match scan_string(b, i + 1, end, 0) {
                        Ok(j) => (TokenKind::String, j - i),
                        Err(e) => {
                            out.errors.push(SyntaxError::new(e.message, e.at..e.at));
                            // Resume at the line end so the next line lexes normally.
                            let mut j = i + 1;
                            while j < end && !is_break(b[j]) {
                                j += 1;
                            }
                            (TokenKind::String, j - i)
                        }
                    }
                }
            }
            b'{' => (TokenKind::LBrace, 1),
            b'}' => (TokenKind::RBrace, 1),
            b'[' => (TokenKind::LBracket, 1),
            b']' => (TokenKind::RBracket, 1),
            b'(' => (TokenKind::LParen, 1),
            b')' => (TokenKind::RParen, 1),
            b',' => (TokenKind::Comma, 1),
            b'.' if two(b'.') && i + 2 < end && b[i + 2] == b'.' => (TokenKind::Ellipsis, 3),
            b'.' if two(b'?') => (TokenKind::QuestionDot, 2),
            b'.' => (TokenKind::Dot, 1),
            b':' if two(b':') => (TokenKind::DoubleColon, 2),
            b':' => (TokenKind::Colon, 1),
            b'?' if two(b'?') => (TokenKind::DoubleQuestion, 2),
            b'?' => (TokenKind::Question, 1),
            b'=' if two(b'=') => (TokenKind::EqEq, 2),
            b'=' if two(b'~') => (TokenKind::EqI, 2),
            b'=' if two(b'>') => (TokenKind::Arrow, 2),
            b'=' => (TokenKind::Assign, 1),
            b'!' if two(b'=') => (TokenKind::Ne, 2),
            b'!' if two(b'~') => (TokenKind::NeI, 2),
            b'!' => (TokenKind::Bang, 1),
            b'@' => (TokenKind::At, 1),
            b'-' => (TokenKind::Minus, 1),
            b'+' => (TokenKind::Plus, 1),
            b'*' => (TokenKind::Star, 1),
            b'/' => (TokenKind::Slash, 1),
            b'%' => (TokenKind::Percent, 1),
            b'<' if two(b'=') => (TokenKind::Le, 2),
            b'<' => (TokenKind::Lt, 1),
            b'>' if two(b'=') => (TokenKind::Ge, 2),
            b'>' => (TokenKind::Gt, 1),
            b'&' if two(b'&') => (TokenKind::AndAnd, 2),
            b'|' if two(b'|') => (TokenKind::OrOr, 2),
            b'|' => (TokenKind::Pipe, 1),
            b'^' => (TokenKind::Caret, 1),
            _ => {
                // Keep spans on char boundaries: swallow the whole UTF-8 sequence.
                let mut j = i + 1;
                while j < end && (b[j] & 0xC0) == 0x80 {
                    j += 1;
                }
                out.errors
                    .push(SyntaxError::new("unexpected character", i..j));
                (TokenKind::Error, j - i)
            }
        };
        i += len;
        out.tokens.push(Token {
            kind,
            start: s,
            end: i,
            nl_before: nl,
        });
        nl = false;
    }
    out.tokens.push(Token {
        kind: TokenKind::Eof,
        start: end,
        end,
        nl_before: true,
    });
    out
}

/// The bytes that end a line: `\n`, and `\r` alone or before `\n`.
fn is_break(c: u8) -> bool {
    c == b'\n' || c == b'\r'
}

fn find(b: &[u8], from: usize, end: usize, needle: &[u8]) -> Option<usize> {
    if from >= end {
        return None;
    }
    b[from..end]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

pub(crate) struct ScanError {
    pub message: &'static str,
    pub at: usize,
}

/// Finds the end of a `'...'` string whose body starts at `i`; returns the offset after the
/// closing quote. Holes are scanned with their own nested strings and comments.
pub(crate) fn scan_string(
    b: &[u8],
    mut i: usize,
    end: usize,
    depth: u32,
) -> Result<usize, ScanError> {
    let open = i.saturating_sub(1);
    loop {
        if i >= end || is_break(b[i]) {
            return Err(ScanError {
                message: "unterminated string",
                at: open,
            });
        }
        match b[i] {
            b'\\' => i += 2,
            b'\'' => return Ok(i + 1),
            b'$' if i + 1 < end && b[i + 1] == b'{' => {
                i = scan_hole(b, i + 2, end, depth + 1)?;
            }
            _ => i += 1,
        }
    }
}

/// Finds the `}` closing a `${` hole whose expression starts at `i`; returns the offset after it.
pub(crate) fn scan_hole(
    b: &[u8],
    mut i: usize,
    end: usize,
    depth: u32,
) -> Result<usize, ScanError> {
    let open = i.saturating_sub(2);
    if depth > BICEP_HOLE_DEPTH {
        return Err(ScanError {
            message: "string interpolation nested too deeply",
            at: open,
        });
    }
    let mut braces = 0u32;
    loop {
        if i >= end {
            return Err(ScanError {
                message: "unterminated string interpolation",
                at: open,
            });
        }
        match b[i] {
            b'\'' => {
                if i + 2 < end && b[i + 1] == b'\'' && b[i + 2] == b'\'' {
                    match find(b, i + 3, end, b"'''") {
                        Some(p) => i = p + 3,
                        None => {
                            return Err(ScanError {
                                message: "unterminated multi-line string",
                                at: i,
                            })
                        }
                    }
                } else {
                    i = scan_string(b, i + 1, end, depth)?;
                }
            }
            b'{' => {
                braces += 1;
                i += 1;
            }
            b'}' => {
                if braces == 0 {
                    return Ok(i + 1);
                }
                braces -= 1;
                i += 1;
            }
            b'/' if i + 1 < end && b[i + 1] == b'/' => {
                while i < end && !is_break(b[i]) {
                    i += 1;
                }
            }
            b'/' if i + 1 < end && b[i + 1] == b'*' => match find(b, i + 2, end, b"*/") {
                Some(p) => i = p + 2,
                None => i = end,
            },
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Token kinds, whether a line break precedes each, and the comments' texts.
    fn shape(text: &str) -> (Vec<(TokenKind, bool)>, Vec<String>, usize) {
        let lexed = lex(text, 0, text.len());
        let tokens = lexed.tokens.iter().map(|t| (t.kind, t.nl_before)).collect();
        let comments = lexed
            .comments
            .iter()
            .map(|r| text[r.clone()].to_string())
            .collect();
        (tokens, comments, lexed.errors.len())
    }

    #[test]
    fn a_lone_cr_is_a_line_break_as_lf_and_crlf_are() {
        let lf = "#disable-next-line no-unused-params\nparam a string = 'x' // vigil:ignore AZKV001\nvar o = {\n  k: 'v' /* one\nline */\n  l: '''\nz'''\n}\nvar s = 'open\nvar t = 1\n";
        let expected = shape(lf);
        assert_eq!(expected.2, 1, "the string left open on its line");
        for text in [lf.replace('\n', "\r\n"), lf.replace('\n', "\r")] {
            let got = shape(&text);
            assert_eq!(got.0, expected.0, "{text:?}");
            assert_eq!(got.2, expected.2, "{text:?}");
            let as_lf: Vec<String> = got
                .1
                .iter()
                .map(|c| c.replace("\r\n", "\n").replace('\r', "\n"))
                .collect();
            assert_eq!(as_lf, expected.1, "{text:?}");
        }
        // Each form, statements and the multi-line string's first line break, as Bicep reads them.
        for text in [lf.to_string(), lf.replace('\n', "\r")] {
            let parsed = crate::parse(&text);
            assert_eq!(parsed.program.statements.len(), 4, "{text:?}");
        }
    }

    #[test]
    fn messages_that_name_a_line_count_lone_crs() {
        let lf = "var a = {\n  k: [\n    1\n  }\n}\n";
        for text in [
            lf.to_string(),
            lf.replace('\n', "\r\n"),
            lf.replace('\n', "\r"),
        ] {
            let parsed = crate::parse(&text);
            let messages: Vec<&str> = parsed.errors.iter().map(|e| e.message.as_str()).collect();
            assert!(
                messages.iter().any(|m| m.contains("the `}` on line 4")),
                "{text:?}: {messages:?}"
            );
        }
    }
}
