//! Reading an expression string into its syntax tree: a recursive-descent parser with byte
//! spans, which refuses nesting deeper than [`ARM_EXPRESSION_NESTING`].

use super::{Accessor, Expr, Parsed};
use vigil_model::limits::ARM_EXPRESSION_NESTING;

#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub message: String,
    /// Byte offset in the string value.
    pub offset: usize,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (at offset {})", self.message, self.offset)
    }
}

impl std::error::Error for ParseError {}

/// A JSON string value as ARM reads it: `Ok(None)` when it is not an expression (does not start
/// with `[` and end with `]`), `Ok(Some(Literal(s)))` for the `[[...]` escape (the string minus
/// its first `[`), `Ok(Some(Expr(e)))` otherwise.
pub fn parse(s: &str) -> Result<Option<Parsed>, ParseError> {
    if s.len() < 2 || !s.starts_with('[') || !s.ends_with(']') {
        return Ok(None);
    }
    if s.starts_with("[[") {
        return Ok(Some(Parsed::Literal(s[1..].to_string())));
    }
    let mut p = Parser {
        src: s,
        pos: 1,
        end: s.len() - 1,
        depth: 0,
    };
    p.skip_ws();
    if p.pos == p.end {
        return Err(p.error("the expression is empty"));
    }
    let e = p.expression()?;
    p.skip_ws();
    if p.pos != p.end {
        return Err(p.unexpected("the end of the expression"));
    }
    Ok(Some(Parsed::Expr(e)))
}

struct Parser<'s> {
    src: &'s str,
    pos: usize,
    /// Where the closing `]` of the whole expression is.
    end: usize,
    depth: usize,
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..self.end].chars().next()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            message: message.into(),
            offset: self.pos,
        }
    }

    fn unexpected(&self, wanted: &str) -> ParseError {
        match self.peek() {
            Some(c) => self.error(format!("expected {wanted}, found `{c}`")),
            None => self.error(format!("expected {wanted}, but the expression ends")),
        }
    }

    fn expect(&mut self, c: char, wanted: &str) -> Result<(), ParseError> {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(wanted))
        }
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > ARM_EXPRESSION_NESTING {
            return Err(self.error(format!(
                "the expression nests calls or brackets more than {ARM_EXPRESSION_NESTING} deep"
            )));
        }
        Ok(())
    }

    /// A primary (call, string, number) and the property accesses after it.
    fn expression(&mut self) -> Result<Expr, ParseError> {
        self.enter()?;
        self.skip_ws();
        let start = self.pos;
        let base = self.primary()?;
        let mut path = Vec::new();
        loop {
            let before = self.pos;
            self.skip_ws();
            match self.peek() {
                Some('.') => {
                    let dot = self.pos;
                    self.pos += 1;
                    self.skip_ws();
                    let name = self
                        .name()
                        .ok_or_else(|| self.unexpected("a property name"))?;
                    path.push(Accessor::Property {
                        name,
                        span: dot..self.pos,
                    });
                }
                Some('[') => {
                    let open = self.pos;
                    self.pos += 1;
                    let index = self.expression()?;
                    self.expect(']', "`]`")?;
                    path.push(Accessor::Index {
                        index,
                        span: open..self.pos,
                    });
                }
                _ => {
                    self.pos = before;
                    break;
                }
            }
        }
        self.depth -= 1;
        if path.is_empty() {
            return Ok(base);
        }
        Ok(Expr::Access {
            base: Box::new(base),
            path,
            span: start..self.pos,
        })
    }

    fn name(&mut self) -> Option<String> {
        let start = self.pos;
        while let Some(c) = self.peek().filter(|c| is_name_char(*c)) {
            self.pos += c.len_utf8();
        }
        (self.pos > start).then(|| self.src[start..self.pos].to_string())
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        match self.peek() {
            Some('\'') => self.string(),
            Some(c) if c == '-' || c.is_ascii_digit() => self.number(),
            Some(c) if is_name_char(c) => self.call(),
            _ => Err(self.unexpected("a function call, a string or a number")),
        }
    }

    fn string(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut value = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(ParseError {
                    message: "the string that starts here is not closed with `'`".into(),
                    offset: start,
                });
            };
            self.pos += c.len_utf8();
            if c == '\'' {
                if self.peek() == Some('\'') {
                    self.pos += 1;
                    value.push('\'');
                } else {
                    break;
                }
            } else {
                value.push(c);
            }
        }
        Ok(Expr::String {
            value,
            span: start..self.pos,
        })
    }

    fn number(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos;
        if self.peek() == Some('-') {
            self.pos += 1;
        }
        let digits = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if self.pos == digits {
            return Err(self.unexpected("a digit after `-`"));
        }
        let rest = &self.src[self.pos..self.end];
        if rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            return Err(self.error(
                "template expressions have integers only; write a fraction as json('1.5')",
            ));
        }
        let text = &self.src[start..self.pos];
        let value = text.parse::<i64>().map_err(|_| ParseError {
            message: format!("the number {text} does not fit in a 64-bit integer"),
            offset: start,
        })?;
        Ok(Expr::Number {
            value,
            span: start..self.pos,
        })
    }

    fn call(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos;
        let mut name = self.name().unwrap_or_default();
        let after_name = self.pos;
        self.skip_ws();
        // `namespace.function(...)`: a user-defined function, not a property of a call.
        if self.peek() == Some('.') {
            let save = self.pos;
            self.pos += 1;
            self.skip_ws();
            let member = self.name();
            self.skip_ws();
            match member {
                Some(m) if self.peek() == Some('(') => name = format!("{name}.{m}"),
                _ => self.pos = save,
            }
        }
        if self.peek() != Some('(') {
            // ARM writes these as functions; a bare word is accepted for them alone.
            if ["true", "false", "null"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(&name))
            {
                self.pos = after_name;
                return Ok(Expr::Call {
                    name,
                    args: Vec::new(),
                    span: start..after_name,
                });
            }
            return Err(self.unexpected(&format!("`(` after `{name}`")));
        }
        self.pos += 1;
        let mut args = Vec::new();
        self.skip_ws();
        if self.peek() == Some(')') {
            self.pos += 1;
        } else {
            loop {
                args.push(self.expression()?);
                self.skip_ws();
                match self.peek() {
                    Some(',') => self.pos += 1,
                    Some(')') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected("`,` or `)`")),
                }
            }
        }
        Ok(Expr::Call {
            name,
            args,
            span: start..self.pos,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::testkit::Kit;
    use serde_json::json;
    use std::ops::Range;

    fn expr(text: &str) -> Expr {
        match parse(text) {
            Ok(Some(Parsed::Expr(e))) => e,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn error(text: &str) -> ParseError {
        parse(text).expect_err(text)
    }

    fn string(value: &str, span: Range<usize>) -> Expr {
        Expr::String {
            value: value.into(),
            span,
        }
    }

    #[test]
    fn what_is_an_expression() {
        assert_eq!(parse(""), Ok(None));
        assert_eq!(parse("plain"), Ok(None));
        assert_eq!(parse("["), Ok(None));
        assert_eq!(parse("]"), Ok(None));
        assert_eq!(parse("[test] value"), Ok(None));
        assert_eq!(parse(" [concat('a')]"), Ok(None));
        assert_eq!(parse("[concat('a')] "), Ok(None));
        assert_eq!(
            parse("[[test value]"),
            Ok(Some(Parsed::Literal("[test value]".into())))
        );
        assert_eq!(parse("[[]"), Ok(Some(Parsed::Literal("[]".into()))));
        assert!(matches!(parse("[concat('a')]"), Ok(Some(Parsed::Expr(_)))));
    }

    #[test]
    fn strings_numbers_and_escapes() {
        assert_eq!(expr("['it''s']"), string("it's", 1..8));
        assert_eq!(expr("['']"), string("", 1..3));
        assert_eq!(expr("['''']"), string("'", 1..5));
        assert_eq!(expr("['a]b']"), string("a]b", 1..6));
        assert_eq!(expr("['é']"), string("é", 1..5));
        assert_eq!(
            expr("[42]"),
            Expr::Number {
                value: 42,
                span: 1..3
            }
        );
        assert_eq!(
            expr("[ -7 ]"),
            Expr::Number {
                value: -7,
                span: 2..4
            }
        );
        assert_eq!(
            expr("[9223372036854775807]"),
            Expr::Number {
                value: i64::MAX,
                span: 1..20
            }
        );
    }

    #[test]
    fn calls_nest_with_whitespace_anywhere() {
        let e = expr("[ concat ( 'a' ,\n\tparameters( 'p' ) ) ]");
        let Expr::Call { name, args, span } = e else {
            panic!()
        };
        assert_eq!(name, "concat");
        assert_eq!(span, 2..37);
        assert_eq!(args[0], string("a", 11..14));
        let Expr::Call { name, args, span } = &args[1] else {
            panic!()
        };
        assert_eq!((name.as_str(), span.clone()), ("parameters", 18..35));
        assert_eq!(args[0], string("p", 30..33));
        let Expr::Call { args, .. } = expr("[resourceGroup()]") else {
            panic!()
        };
        assert!(args.is_empty());
        let Expr::Call { name, args, .. } = expr("[__bicep.fn(1)]") else {
            panic!()
        };
        assert_eq!((name.as_str(), args.len()), ("__bicep.fn", 1));
        let Expr::Call { name, .. } = expr("[true]") else {
            panic!()
        };
        assert_eq!(name, "true");
    }

    #[test]
    fn property_access_chains() {
        let e = expr("[parameters('o').a['b'][0] .c]");
        let Expr::Access { base, path, span } = e else {
            panic!()
        };
        assert!(matches!(*base, Expr::Call { ref name, .. } if name == "parameters"));
        assert_eq!(span, 1..29);
        assert_eq!(path.len(), 4);
        assert_eq!(
            path[0],
            Accessor::Property {
                name: "a".into(),
                span: 16..18
            }
        );
        assert_eq!(
            path[1],
            Accessor::Index {
                index: string("b", 19..22),
                span: 18..23
            }
        );
        assert!(matches!(
            &path[2],
            Accessor::Index {
                index: Expr::Number { value: 0, .. },
                ..
            }
        ));
        assert!(matches!(&path[3], Accessor::Property { name, .. } if name == "c"));
        // An index can be any expression, and a call can follow an index.
        let e = expr("[variables('x')[copyIndex()].name]");
        let Expr::Access { path, .. } = e else {
            panic!()
        };
        assert!(matches!(
            &path[0],
            Accessor::Index {
                index: Expr::Call { .. },
                ..
            }
        ));
        // Accessors bind to the call they follow, not to the arguments.
        let Expr::Call { args, .. } = expr("[concat(split('a/b', '/')[0], 'c')]") else {
            panic!()
        };
        assert!(matches!(&args[0], Expr::Access { .. }));
    }

    #[test]
    fn errors_say_where() {
        let cases: &[(&str, &str, usize)] = &[
            ("[]", "empty", 1),
            ("[  ]", "empty", 3),
            ("[concat('a']", "`,` or `)`", 11),
            ("[concat('a' 'b')]", "`,` or `)`", 12),
            ("[concat(,)]", "a function call, a string or a number", 8),
            (
                "[concat('a',)]",
                "a function call, a string or a number",
                12,
            ),
            ("['abc]", "not closed", 1),
            ("[concat('a)]", "not closed", 8),
            ("[foo]", "`(` after `foo`", 4),
            ("[foo bar()]", "`(` after `foo`", 5),
            ("[a() b()]", "the end of the expression", 5),
            ("[x().]", "a property name", 5),
            ("[x()[0]", "`]`", 6),
            ("[x()[0 1]]", "`]`", 7),
            ("[1.5]", "integers only", 2),
            ("[-]", "a digit after `-`", 2),
            ("[99999999999999999999]", "64-bit", 1),
            ("[)]", "a function call", 1),
            ("[\"a\"]", "a function call", 1),
        ];
        for (text, message, offset) in cases {
            let e = error(text);
            assert!(e.message.contains(message), "{text}: {}", e.message);
            assert_eq!(e.offset, *offset, "{text}: {}", e.message);
        }
        assert!(error("[a(]").to_string().contains("at offset 3"));
    }

    #[test]
    fn nesting_is_bounded() {
        let ok = format!(
            "[{}1{}]",
            "add(0, ".repeat(ARM_EXPRESSION_NESTING - 1),
            ")".repeat(ARM_EXPRESSION_NESTING - 1)
        );
        assert!(matches!(parse(&ok), Ok(Some(Parsed::Expr(_)))));
        assert_eq!(Kit::new().json(&ok), json!(1));
        let deep = format!(
            "[{}1{}]",
            "add(0, ".repeat(ARM_EXPRESSION_NESTING),
            ")".repeat(ARM_EXPRESSION_NESTING)
        );
        assert!(error(&deep).message.contains("more than 128 deep"));
        let brackets = format!("[x(){}]", "[".repeat(100_000));
        assert!(parse(&brackets).is_err());
        let unclosed = format!("[{}]", "concat(".repeat(10_000));
        assert!(error(&unclosed).message.contains("deep"));
        // A long flat chain is not nesting.
        let chain = format!("[parameters('acls'){}]", ".a".repeat(10_000));
        assert!(parse(&chain).is_ok());
        assert!(Kit::new().err(&chain).contains("'a' doesn't exist"));
        let args = format!("[concat({}'x')]", "'a', ".repeat(10_000));
        assert_eq!(Kit::new().json(&args).as_str().map(str::len), Some(10_001));
    }
}
