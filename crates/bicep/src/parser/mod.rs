//! Recursive-descent parser. It never gives up: a broken construct becomes an `Error` node,
//! the error is recorded, and parsing resumes at the next line or declaration.
//!
//! Where things are: this file holds the parser's state, its token helpers, error reporting and
//! recovery, and what every construct shares (object keys, item separators, the nesting bound);
//! `declarations.rs` (statements), `types.rs` (type expressions) and `expressions.rs` the
//! constructs.

mod declarations;
mod expressions;
mod types;

use crate::ast::*;
use crate::lexer::{lex, scan_hole, Token, TokenKind as T};
use crate::SyntaxError;
use vigil_model::limits::{BICEP_HOLE_DEPTH, BICEP_PARSE_ERRORS};

pub(crate) struct Parser<'a> {
    text: &'a str,
    toks: Vec<Token>,
    pos: usize,
    pub errors: Vec<SyntaxError>,
    depth: u32,
    /// Inside `(...)` a leading `-`, `[` or `(` on a new line continues the expression; in
    /// arrays and objects it starts the next item.
    in_parens: bool,
    depth_reported: bool,
    line_starts: std::rc::Rc<std::cell::OnceCell<Vec<usize>>>,
}

/// Nesting levels charged for a child resource and a loop, on top of their expressions: they
/// take that many times an expression level's stack.
const CHILD_RESOURCE_COST: u32 = 3;
const FOR_LOOP_COST: u32 = 1;

const DECL_KEYWORDS: &[&str] = &[
    "param",
    "var",
    "resource",
    "module",
    "output",
    "type",
    "func",
    "import",
    "extension",
    "provider",
    "metadata",
    "assert",
    "targetScope",
    "using",
    "extends",
    "test",
    "extensionConfig",
];

impl<'a> Parser<'a> {
    pub fn new(text: &'a str, toks: Vec<Token>, depth: u32) -> Self {
        Parser {
            text,
            toks,
            pos: 0,
            errors: Vec::new(),
            depth,
            in_parens: false,
            depth_reported: false,
            line_starts: Default::default(),
        }
    }

    fn peek(&self) -> Token {
        self.toks[self.pos]
    }
    fn nth(&self, n: usize) -> Token {
        self.toks[(self.pos + n).min(self.toks.len() - 1)]
    }
    fn at(&self, k: T) -> bool {
        self.peek().kind == k
    }
    fn bump(&mut self) -> Token {
        let t = self.peek();
        if t.kind != T::Eof {
            self.pos += 1;
        }
        t
    }
    fn eat(&mut self, k: T) -> bool {
        if self.at(k) {
            self.bump();
            true
        } else {
            false
        }
    }
    fn src(&self, t: Token) -> &'a str {
        &self.text[t.start..t.end]
    }
    fn at_word(&self, w: &str) -> bool {
        let t = self.peek();
        t.kind == T::Ident && self.src(t) == w
    }
    fn prev_end(&self) -> usize {
        if self.pos == 0 {
            self.peek().start
        } else {
            self.toks[self.pos - 1].end
        }
    }

    fn error(&mut self, msg: impl Into<String>, span: Span) {
        // One error per offset: a failure tends to be re-reported by each enclosing construct.
        if self
            .errors
            .last()
            .is_some_and(|e| e.span.start == span.start)
            || self.errors.len() >= BICEP_PARSE_ERRORS
        {
            return;
        }
        self.errors.push(SyntaxError::new(msg, span));
    }
    fn error_here(&mut self, what: &str) {
        let t = self.peek();
        if t.kind == T::Error {
            // The lexer already reported this character.
            return;
        }
        let found = if t.kind == T::Eof {
            "end of file".to_string()
        } else {
            format!("'{}'", self.src(t))
        };
        self.error(format!("expected {what}, found {found}"), t.span());
    }
    fn expect(&mut self, k: T, what: &str) -> bool {
        if self.eat(k) {
            true
        } else {
            self.error_here(what);
            false
        }
    }
    /// The closer of a bracket opened at `open`. When it is missing because the file ends, a
    /// different closer comes, or a declaration starts, the error names the line that opened it.
    fn close(&mut self, k: T, open: usize) -> bool {
        if self.eat(k) {
            return true;
        }
        let t = self.peek();
        let opener = &self.text[open..open + 1];
        let closer = match k {
            T::RBrace => "}",
            T::RBracket => "]",
            _ => ")",
        };
        let why = if t.kind == T::Eof {
            format!("the file ends before its `{closer}`")
        } else if matches!(t.kind, T::RBrace | T::RBracket | T::RParen) {
            format!(
                "the `{}` on line {} does not close it",
                self.src(t),
                self.line_of(t.start)
            )
        } else if t.nl_before && self.is_decl_start(self.pos) {
            format!(
                "line {} starts a declaration before its `{closer}`",
                self.line_of(t.start)
            )
        } else {
            self.error_here(&format!("'{closer}'"));
            return false;
        };
        self.error(
            format!("unclosed `{opener}` opened here ({why})"),
            open..open + 1,
        );
        false
    }
    /// The 1-based line of an offset, for messages that name another line. The line starts
    /// are found once per file, on the first such message, and shared with the parsers of
    /// string holes: counting from the file's start for each message was quadratic.
    fn line_of(&self, offset: usize) -> usize {
        let starts = self
            .line_starts
            .get_or_init(|| vigil_model::LineIndex::line_starts(self.text));
        starts.partition_point(|&s| s <= offset)
    }
    /// A closer that belongs to an enclosing bracket: the item list stops there.
    fn at_other_closer(&self, mine: T) -> bool {
        let k = self.peek().kind;
        k != mine && matches!(k, T::RBrace | T::RBracket | T::RParen)
    }
    fn ident(&mut self, what: &str) -> Option<Ident> {
        let t = self.peek();
        if t.kind == T::Ident {
            self.bump();
            Some(Ident {
                name: self.src(t).to_string(),
                span: t.span(),
            })
        } else {
            self.error_here(what);
            None
        }
    }
    fn missing_ident(&self) -> Ident {
        let p = self.peek().start;
        Ident {
            name: String::new(),
            span: p..p,
        }
    }

    /// Enters one nesting level; false (after reporting once) when the limit is reached.
    fn enter(&mut self) -> bool {
        if self.depth >= BICEP_HOLE_DEPTH {
            if !self.depth_reported {
                self.depth_reported = true;
                let t = self.peek();
                self.errors.push(SyntaxError::new(
                    format!("nesting deeper than {BICEP_HOLE_DEPTH} levels"),
                    t.span(),
                ));
            }
            return false;
        }
        self.depth += 1;
        true
    }
    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Enters `n` levels at once, for constructs whose parsing takes several times the stack
    /// of an expression level (measured in debug builds, where frames are largest).
    fn enter_n(&mut self, n: u32) -> bool {
        for i in 0..n {
            if !self.enter() {
                self.depth -= i;
                return false;
            }
        }
        true
    }

    fn is_decl_start(&self, i: usize) -> bool {
        let t = self.toks[i];
        if t.kind != T::Ident || !t.nl_before {
            return false;
        }
        let w = self.src(t);
        if !DECL_KEYWORDS.contains(&w) {
            return false;
        }
        let next = self.toks[(i + 1).min(self.toks.len() - 1)];
        match w {
            "targetScope" => next.kind == T::Assign,
            "using" | "extends" => matches!(next.kind, T::String | T::Ident),
            "import" => matches!(next.kind, T::LBrace | T::Star | T::String),
            "extension" | "provider" => matches!(next.kind, T::Ident | T::String),
            _ => next.kind == T::Ident,
        }
    }

    fn in_first_column(&self, t: Token) -> bool {
        t.start == 0 || matches!(self.text.as_bytes()[t.start - 1], b'\n' | b'\r')
    }

    /// Skips the rest of a broken line (with any brackets opened on it), stopping early at a
    /// line that starts a declaration.
    fn recover_line(&mut self) {
        let mut balance: i32 = 0;
        let start = self.pos;
        loop {
            let t = self.peek();
            if t.kind == T::Eof {
                return;
            }
            if self.pos > start && t.nl_before && (balance <= 0 || self.is_decl_start(self.pos)) {
                return;
            }
            match t.kind {
                T::LBrace | T::LBracket | T::LParen => balance += 1,
                T::RBrace | T::RBracket | T::RParen => balance -= 1,
                _ => {}
            }
            self.bump();
        }
    }

    /// Skips a broken item inside brackets: up to the next separator or the closer at this level.
    fn recover_item(&mut self, close: T) {
        let mut balance: i32 = 0;
        let start = self.pos;
        loop {
            let t = self.peek();
            if t.kind == T::Eof {
                return;
            }
            if balance == 0 && self.pos > start {
                if t.nl_before || t.kind == T::Comma || t.kind == close {
                    return;
                }
            } else if balance == 0 && t.kind == close {
                return;
            }
            if t.nl_before && self.is_decl_start(self.pos) && self.pos > start {
                return;
            }
            match t.kind {
                T::LBrace | T::LBracket | T::LParen => balance += 1,
                T::RBrace | T::RBracket | T::RParen => {
                    if balance == 0 {
                        return;
                    }
                    balance -= 1
                }
                _ => {}
            }
            self.bump();
        }
    }

    // ---------------------------------------------------------------- statements

    // ---------------------------------------------------------------- types

    fn object_key(&mut self) -> Option<ObjectKey> {
        match self.peek().kind {
            T::Ident => Some(ObjectKey::Ident(self.ident("a key").unwrap())),
            T::String | T::MultilineString => Some(ObjectKey::String(self.primary())),
            _ => {
                self.error_here("a property name");
                None
            }
        }
    }

    /// After an array or object item: a comma, a line break, or the closer.
    fn item_separator(&mut self, close: T) {
        if self.eat(T::Comma) || self.at(close) || self.peek().nl_before {
            return;
        }
        self.error_here(if close == T::RBrace {
            "',', a new line or '}'"
        } else {
            "',', a new line or ']'"
        });
        self.recover_item(close);
        self.eat(T::Comma);
    }

    // ---------------------------------------------------------------- expressions

    // ---------------------------------------------------------------- strings
}
