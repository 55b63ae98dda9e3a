//! Recursive-descent parser. It never gives up: a broken construct becomes an `Error` node,
//! the error is recorded, and parsing resumes at the next line or declaration.

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

    pub fn program(&mut self) -> Program {
        let mut statements = Vec::new();
        while !self.at(T::Eof) {
            let before = self.pos;
            let stmt = self.statement();
            let ok = !matches!(stmt.kind, StatementKind::Error);
            statements.push(stmt);
            if ok && !self.at(T::Eof) && !self.peek().nl_before {
                self.error_here("a new line after the declaration");
                self.recover_line();
            }
            if self.pos == before {
                self.bump();
            }
        }
        Program {
            statements,
            span: 0..self.text.len(),
        }
    }

    fn decorators(&mut self) -> Vec<Decorator> {
        let mut out = Vec::new();
        while self.at(T::At) {
            let at = self.bump();
            let expr = self.postfix_expr();
            let span = at.start..expr.span.end;
            out.push(Decorator { expr, span });
        }
        out
    }

    fn statement(&mut self) -> Statement {
        let start = self.peek().start;
        let decorators = self.decorators();
        let kind = self.statement_kind();
        if matches!(kind, StatementKind::Error) {
            self.recover_line();
        }
        Statement {
            decorators,
            kind,
            span: start..self.prev_end().max(start),
        }
    }

    fn statement_kind(&mut self) -> StatementKind {
        let t = self.peek();
        if t.kind != T::Ident {
            self.error_here("a declaration");
            return StatementKind::Error;
        }
        let word = self.src(t);
        let next = self.nth(1);
        // Keywords are contextual: `param` alone on a line is not a declaration.
        let is = |k: T| next.kind == k;
        match word {
            "targetScope" if is(T::Assign) => {
                self.bump();
                self.bump();
                StatementKind::TargetScope(self.expr())
            }
            "param" if is(T::Ident) => {
                self.bump();
                let name = self.ident("a parameter name").unwrap();
                if self.eat(T::Assign) {
                    return StatementKind::Param {
                        name,
                        ty: None,
                        value: Some(self.expr()),
                    };
                }
                let ty = self.type_expr();
                let value = if self.eat(T::Assign) {
                    Some(self.expr())
                } else {
                    None
                };
                StatementKind::Param {
                    name,
                    ty: Some(ty),
                    value,
                }
            }
            "var" if is(T::Ident) => {
                self.bump();
                let name = self.ident("a variable name").unwrap();
                let ty = if self.at(T::Assign) {
                    None
                } else {
                    Some(self.type_expr())
                };
                if !self.expect(T::Assign, "'='") {
                    return StatementKind::Error;
                }
                StatementKind::Var {
                    name,
                    ty,
                    value: self.expr(),
                }
            }
            "resource" if is(T::Ident) => self.resource_decl(),
            "module" if is(T::Ident) => {
                self.bump();
                let name = self.ident("a module name").unwrap();
                let path = self.string_expr("a module path");
                if !self.expect(T::Assign, "'='") {
                    return StatementKind::Error;
                }
                StatementKind::Module {
                    name,
                    path,
                    value: self.body(),
                }
            }
            "output" if is(T::Ident) => {
                self.bump();
                let name = self.ident("an output name").unwrap();
                let ty = self.type_expr();
                if !self.expect(T::Assign, "'='") {
                    return StatementKind::Error;
                }
                StatementKind::Output {
                    name,
                    ty,
                    value: self.body(),
                }
            }
            "type" if is(T::Ident) => {
                self.bump();
                let name = self.ident("a type name").unwrap();
                if !self.expect(T::Assign, "'='") {
                    return StatementKind::Error;
                }
                StatementKind::Type {
                    name,
                    value: self.type_expr(),
                }
            }
            "func" if is(T::Ident) => self.func_decl(),
            "import" if matches!(next.kind, T::LBrace | T::Star) => self.import_decl(),
            "import" | "extension" | "provider" if matches!(next.kind, T::String | T::Ident) => {
                let keyword = self.ident("a keyword").unwrap();
                let spec = if self.at(T::Ident) {
                    let i = self.ident("an extension name").unwrap();
                    Expr {
                        span: i.span.clone(),
                        kind: ExprKind::Ident(i),
                    }
                } else {
                    self.string_expr("an extension reference")
                };
                let config = if self.at_word("with") {
                    self.bump();
                    Some(self.expr())
                } else {
                    None
                };
                let alias = if self.at_word("as") {
                    self.bump();
                    self.ident("an alias")
                } else {
                    None
                };
                StatementKind::Extension {
                    keyword,
                    spec,
                    config,
                    alias,
                }
            }
            "metadata" | "assert" if is(T::Ident) => {
                self.bump();
                let name = self.ident("a name").unwrap();
                if !self.expect(T::Assign, "'='") {
                    return StatementKind::Error;
                }
                let value = self.expr();
                if word == "metadata" {
                    StatementKind::Metadata { name, value }
                } else {
                    StatementKind::Assert { name, value }
                }
            }
            "using" if matches!(next.kind, T::String | T::Ident) => {
                self.bump();
                let path = if self.at_word("none") {
                    self.bump();
                    None
                } else {
                    Some(self.string_expr("a template path"))
                };
                let config = if self.at_word("with") {
                    self.bump();
                    Some(self.expr())
                } else {
                    None
                };
                StatementKind::Using { path, config }
            }
            "extends" if is(T::String) => {
                self.bump();
                StatementKind::Extends {
                    path: self.string_expr("a path"),
                }
            }
            "test" if is(T::Ident) => {
                self.bump();
                let name = self.ident("a test name").unwrap();
                let path = self.string_expr("a template path");
                if !self.expect(T::Assign, "'='") {
                    return StatementKind::Error;
                }
                StatementKind::Test {
                    name,
                    path,
                    value: self.body(),
                }
            }
            "extensionConfig" if is(T::Ident) => {
                self.bump();
                let name = self.ident("an extension name").unwrap();
                if !self.at_word("with") {
                    self.error_here("'with'");
                    return StatementKind::Error;
                }
                self.bump();
                StatementKind::ExtensionConfig {
                    name,
                    config: self.expr(),
                }
            }
            _ => {
                self.error_here("a declaration");
                StatementKind::Error
            }
        }
    }

    fn resource_decl(&mut self) -> StatementKind {
        self.bump();
        let name = self
            .ident("a resource name")
            .unwrap_or_else(|| self.missing_ident());
        let type_string = self.string_expr("a resource type string");
        let existing = if self.at_word("existing") {
            self.bump();
            true
        } else {
            false
        };
        if !self.expect(T::Assign, "'='") {
            return StatementKind::Error;
        }
        StatementKind::Resource {
            name,
            type_string,
            existing,
            value: self.body(),
        }
    }

    fn func_decl(&mut self) -> StatementKind {
        self.bump();
        let name = self.ident("a function name").unwrap();
        if !self.expect(T::LParen, "'('") {
            return StatementKind::Error;
        }
        let mut params = Vec::new();
        while !self.at(T::RParen) && !self.at(T::Eof) {
            let before = self.pos;
            let Some(pname) = self.ident("a parameter name") else {
                self.recover_item(T::RParen);
                if self.pos == before {
                    self.bump();
                }
                continue;
            };
            let ty = self.type_expr();
            params.push(TypedParam {
                span: pname.span.start..ty.span.end,
                name: pname,
                ty,
            });
            if !self.eat(T::Comma) {
                break;
            }
        }
        if !self.expect(T::RParen, "')'") {
            return StatementKind::Error;
        }
        let return_type = self.type_expr();
        if !self.expect(T::Arrow, "'=>'") {
            return StatementKind::Error;
        }
        StatementKind::Func {
            name,
            params,
            return_type,
            body: self.expr(),
        }
    }

    fn import_decl(&mut self) -> StatementKind {
        self.bump();
        let items = if self.eat(T::Star) {
            if !self.at_word("as") {
                self.error_here("'as'");
                return StatementKind::Error;
            }
            self.bump();
            let Some(alias) = self.ident("an alias") else {
                return StatementKind::Error;
            };
            ImportItems::Wildcard { alias }
        } else {
            self.bump(); // `{`
            let mut items = Vec::new();
            while !self.at(T::RBrace) && !self.at(T::Eof) {
                let before = self.pos;
                let t = self.peek();
                let name = match t.kind {
                    T::Ident => {
                        let i = self.ident("a name").unwrap();
                        Expr {
                            span: i.span.clone(),
                            kind: ExprKind::Ident(i),
                        }
                    }
                    T::String => self.string_expr("a name"),
                    _ => {
                        self.error_here("a name to import");
                        self.recover_item(T::RBrace);
                        if self.pos == before {
                            self.bump();
                        }
                        continue;
                    }
                };
                let alias = if self.at_word("as") {
                    self.bump();
                    self.ident("an alias")
                } else {
                    None
                };
                items.push(ImportItem {
                    span: t.start..self.prev_end(),
                    name,
                    alias,
                });
                self.eat(T::Comma);
            }
            if !self.expect(T::RBrace, "'}'") {
                return StatementKind::Error;
            }
            ImportItems::Named(items)
        };
        if !self.at_word("from") {
            self.error_here("'from'");
            return StatementKind::Error;
        }
        self.bump();
        StatementKind::Import {
            items,
            from: self.string_expr("a path"),
        }
    }

    /// The value of a resource, module or output: an expression, `if (cond) ...`, or a loop.
    fn body(&mut self) -> Expr {
        if self.at_word("if") && self.nth(1).kind == T::LParen {
            return self.if_expr();
        }
        self.expr()
    }

    fn if_expr(&mut self) -> Expr {
        let start = self.bump().start;
        let open = self.bump().start; // `(`
        let saved = std::mem::replace(&mut self.in_parens, true);
        let cond = self.expr();
        self.in_parens = saved;
        self.close(T::RParen, open);
        let body = self.expr();
        Expr {
            span: start..body.span.end,
            kind: ExprKind::If {
                cond: Box::new(cond),
                body: Box::new(body),
            },
        }
    }

    fn string_expr(&mut self, what: &str) -> Expr {
        if matches!(self.peek().kind, T::String | T::MultilineString) {
            self.primary()
        } else {
            self.error_here(what);
            let p = self.peek().start;
            Expr {
                kind: ExprKind::Error,
                span: p..p,
            }
        }
    }

    // ---------------------------------------------------------------- types

    pub fn type_expr(&mut self) -> TypeExpr {
        if !self.enter() {
            return self.type_error();
        }
        let start = self.peek().start;
        let leading_pipe = self.eat(T::Pipe);
        let first = self.type_postfix();
        let t = if leading_pipe || self.at(T::Pipe) {
            let mut members = vec![first];
            while self.eat(T::Pipe) {
                members.push(self.type_postfix());
            }
            TypeExpr {
                span: start..self.prev_end(),
                kind: TypeKind::Union(members),
            }
        } else {
            first
        };
        self.leave();
        t
    }

    fn type_error(&mut self) -> TypeExpr {
        let t = self.bump();
        TypeExpr {
            kind: TypeKind::Error,
            span: t.span(),
        }
    }

    fn type_postfix(&mut self) -> TypeExpr {
        let ty = self.type_primary();
        let mut levels = 0;
        let ty = self.type_postfix_ops(ty, &mut levels);
        for _ in 0..levels {
            self.leave();
        }
        ty
    }

    fn type_postfix_ops(&mut self, mut ty: TypeExpr, levels: &mut u32) -> TypeExpr {
        loop {
            let t = self.peek();
            let is_postfix = match t.kind {
                T::LBracket | T::Question | T::Bang => !t.nl_before,
                T::Dot => true,
                _ => false,
            };
            if !is_postfix || !self.enter() {
                return ty;
            }
            *levels += 1;
            match t.kind {
                T::LBracket if !t.nl_before => {
                    self.bump();
                    if self.eat(T::RBracket) {
                        ty = TypeExpr {
                            span: ty.span.start..self.prev_end(),
                            kind: TypeKind::Array(Box::new(ty)),
                        };
                        continue;
                    }
                    let idx = if self.eat(T::Star) {
                        None
                    } else if self.at(T::Int) {
                        let i = self.bump();
                        self.src(i).parse().ok()
                    } else {
                        self.error_here("an index");
                        None
                    };
                    self.expect(T::RBracket, "']'");
                    ty = TypeExpr {
                        span: ty.span.start..self.prev_end(),
                        kind: TypeKind::Index(Box::new(ty), idx),
                    };
                }
                T::Question if !t.nl_before => {
                    self.bump();
                    ty = TypeExpr {
                        span: ty.span.start..self.prev_end(),
                        kind: TypeKind::Nullable(Box::new(ty)),
                    };
                }
                T::Bang if !t.nl_before => {
                    self.bump();
                    ty = TypeExpr {
                        span: ty.span.start..self.prev_end(),
                        kind: TypeKind::NonNull(Box::new(ty)),
                    };
                }
                T::Dot => {
                    self.bump();
                    let name = if self.eat(T::Star) {
                        None
                    } else {
                        self.ident("a property name")
                    };
                    ty = TypeExpr {
                        span: ty.span.start..self.prev_end(),
                        kind: TypeKind::Member(Box::new(ty), name),
                    };
                }
                _ => return ty,
            }
        }
    }

    fn type_primary(&mut self) -> TypeExpr {
        let t = self.peek();
        let start = t.start;
        let kind = match t.kind {
            T::Ident => {
                let w = self.src(t);
                if matches!(w, "true" | "false" | "null") {
                    TypeKind::Literal(self.primary())
                } else if w == "resource" && self.nth(1).kind == T::String {
                    self.bump();
                    TypeKind::Resource(self.string_expr("a resource type"))
                } else {
                    let mut name = vec![self.ident("a type").unwrap()];
                    // `ns.name` qualifies the type; a later `.prop` is a member access, which
                    // the postfix loop reads. Namespaces are single identifiers, so take one.
                    if self.at(T::Dot)
                        && self.nth(1).kind == T::Ident
                        && matches!(name[0].name.as_str(), "sys" | "az")
                    {
                        self.bump();
                        name.push(self.ident("a type").unwrap());
                    }
                    if self.at(T::Lt) {
                        self.bump();
                        let mut args = Vec::new();
                        while !self.at(T::Gt) && !self.at(T::Eof) {
                            let before = self.pos;
                            args.push(self.type_expr());
                            if !self.eat(T::Comma) {
                                break;
                            }
                            if self.pos == before {
                                break;
                            }
                        }
                        self.expect(T::Gt, "'>'");
                        TypeKind::Generic { name, args }
                    } else {
                        TypeKind::Name(name)
                    }
                }
            }
            T::String | T::MultilineString | T::Int => TypeKind::Literal(self.primary()),
            T::Minus | T::Bang => TypeKind::Literal(self.unary()),
            T::LBrace => self.object_type(),
            T::LBracket => {
                self.bump();
                let mut items = Vec::new();
                while !self.at(T::RBracket) && !self.at(T::Eof) {
                    let before = self.pos;
                    let decorators = self.decorators();
                    let ty = self.type_expr();
                    items.push(TupleItem { decorators, ty });
                    if !self.eat(T::Comma) && !self.at(T::RBracket) && !self.peek().nl_before {
                        self.error_here("',' or ']'");
                        self.recover_item(T::RBracket);
                    }
                    if self.pos == before {
                        self.bump();
                    }
                }
                self.expect(T::RBracket, "']'");
                TypeKind::Tuple(items)
            }
            T::LParen => {
                self.bump();
                let inner = self.type_expr();
                self.expect(T::RParen, "')'");
                TypeKind::Paren(Box::new(inner))
            }
            _ => {
                self.error_here("a type");
                let p = t.start;
                return TypeExpr {
                    kind: TypeKind::Error,
                    span: p..p,
                };
            }
        };
        TypeExpr {
            kind,
            span: start..self.prev_end(),
        }
    }

    fn object_type(&mut self) -> TypeKind {
        let open = self.bump().start;
        let mut props = Vec::new();
        while !self.at(T::RBrace) && !self.at(T::Eof) && !self.at_other_closer(T::RBrace) {
            let before = self.pos;
            if self.eat(T::Comma) {
                continue;
            }
            if self.is_decl_start(self.pos) && self.nth(1).kind != T::Colon {
                break;
            }
            let start = self.peek().start;
            let decorators = self.decorators();
            let key = if self.eat(T::Star) {
                None
            } else {
                match self.object_key() {
                    Some(k) => Some(k),
                    None => {
                        self.recover_item(T::RBrace);
                        if self.pos == before {
                            self.bump();
                        }
                        continue;
                    }
                }
            };
            let optional = self.eat(T::Question);
            if !self.expect(T::Colon, "':'") {
                self.recover_item(T::RBrace);
                continue;
            }
            let ty = self.type_expr();
            props.push(ObjectTypeProperty {
                decorators,
                key,
                optional,
                ty,
                span: start..self.prev_end(),
            });
            self.item_separator(T::RBrace);
            if self.pos == before {
                self.bump();
            }
        }
        self.close(T::RBrace, open);
        TypeKind::Object(props)
    }

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

    pub fn expr(&mut self) -> Expr {
        if self.is_decl_start(self.pos) {
            // `var x =` with nothing after it: leave the next declaration intact.
            self.error_here("an expression");
            let p = self.peek().start;
            return Expr {
                kind: ExprKind::Error,
                span: p..p,
            };
        }
        if !self.enter() {
            let t = self.bump();
            return Expr {
                kind: ExprKind::Error,
                span: t.span(),
            };
        }
        let e = self.ternary();
        self.leave();
        e
    }

    fn ternary(&mut self) -> Expr {
        let cond = self.binary();
        if self.at(T::Question) {
            self.bump();
            let then = self.expr();
            self.expect(T::Colon, "':'");
            let otherwise = self.expr();
            return Expr {
                span: cond.span.start..otherwise.span.end,
                kind: ExprKind::Ternary {
                    cond: Box::new(cond),
                    then: Box::new(then),
                    otherwise: Box::new(otherwise),
                },
            };
        }
        cond
    }

    fn binary_op(&self) -> Option<(BinaryOp, u8)> {
        let t = self.peek();
        let (op, prec) = match t.kind {
            T::DoubleQuestion => (BinaryOp::Coalesce, 1),
            T::OrOr => (BinaryOp::Or, 2),
            T::AndAnd => (BinaryOp::And, 3),
            T::EqEq => (BinaryOp::Eq, 4),
            T::Ne => (BinaryOp::Ne, 4),
            T::EqI => (BinaryOp::EqI, 4),
            T::NeI => (BinaryOp::NeI, 4),
            T::Lt => (BinaryOp::Lt, 5),
            T::Le => (BinaryOp::Le, 5),
            T::Gt => (BinaryOp::Gt, 5),
            T::Ge => (BinaryOp::Ge, 5),
            T::Plus => (BinaryOp::Add, 6),
            T::Minus => (BinaryOp::Sub, 6),
            T::Star => (BinaryOp::Mul, 7),
            T::Slash => (BinaryOp::Div, 7),
            T::Percent => (BinaryOp::Mod, 7),
            _ => return None,
        };
        // A `-` that starts a line begins the next array item, unless inside parentheses.
        if t.kind == T::Minus && t.nl_before && !self.in_parens {
            return None;
        }
        Some((op, prec))
    }

    /// Operator-precedence parsing with explicit stacks: recursing once per precedence level
    /// would cost seven stack frames per nesting level and defeat the depth limit. Each
    /// operator still counts as a level, because the tree it builds is that deep and
    /// whoever walks the tree (or drops it) recurses.
    fn binary(&mut self) -> Expr {
        let mut operands = vec![self.unary()];
        let mut ops: Vec<(BinaryOp, u8)> = Vec::new();
        let mut levels = 0;
        while let Some((op, prec)) = self.binary_op() {
            if !self.enter() {
                break;
            }
            levels += 1;
            while ops.last().is_some_and(|&(_, top)| top >= prec) {
                reduce(&mut operands, &mut ops);
            }
            self.bump();
            ops.push((op, prec));
            operands.push(self.unary());
        }
        while !ops.is_empty() {
            reduce(&mut operands, &mut ops);
        }
        for _ in 0..levels {
            self.leave();
        }
        // Every operator came with an operand, so exactly one is left.
        operands.pop().unwrap_or(Expr {
            kind: ExprKind::Error,
            span: 0..0,
        })
    }

    fn unary(&mut self) -> Expr {
        let t = self.peek();
        let op = match t.kind {
            T::Bang => UnaryOp::Not,
            T::Minus => UnaryOp::Neg,
            T::Plus => UnaryOp::Plus,
            _ => return self.postfix_expr(),
        };
        if !self.enter() {
            self.bump();
            return Expr {
                kind: ExprKind::Error,
                span: t.span(),
            };
        }
        self.bump();
        let inner = self.unary();
        self.leave();
        Expr {
            span: t.start..inner.span.end,
            kind: ExprKind::Unary {
                op,
                expr: Box::new(inner),
            },
        }
    }

    /// Each postfix operation counts as a nesting level, like binary operators.
    fn postfix_expr(&mut self) -> Expr {
        let e = self.primary();
        let mut levels = 0;
        let e = self.postfix_ops(e, &mut levels);
        for _ in 0..levels {
            self.leave();
        }
        e
    }

    fn postfix_ops(&mut self, mut e: Expr, levels: &mut u32) -> Expr {
        loop {
            let t = self.peek();
            let start = e.span.start;
            let is_postfix = match t.kind {
                T::Dot | T::QuestionDot | T::DoubleColon => true,
                T::LBracket => !t.nl_before || self.in_parens,
                T::Bang => !t.nl_before,
                _ => false,
            };
            if !is_postfix || !self.enter() {
                return e;
            }
            *levels += 1;
            match t.kind {
                T::Dot | T::QuestionDot => {
                    self.bump();
                    let Some(name) = self.ident("a property name") else {
                        return e;
                    };
                    if t.kind == T::Dot && self.at(T::LParen) && !self.peek().nl_before {
                        let args = self.call_args();
                        e = Expr {
                            span: start..self.prev_end(),
                            kind: ExprKind::Call {
                                base: Some(Box::new(e)),
                                name,
                                args,
                            },
                        };
                    } else {
                        e = Expr {
                            span: start..name.span.end,
                            kind: ExprKind::Member {
                                base: Box::new(e),
                                name,
                                safe: t.kind == T::QuestionDot,
                            },
                        };
                    }
                }
                T::DoubleColon => {
                    self.bump();
                    let Some(name) = self.ident("a child resource name") else {
                        return e;
                    };
                    e = Expr {
                        span: start..name.span.end,
                        kind: ExprKind::ChildResource {
                            base: Box::new(e),
                            name,
                        },
                    };
                }
                T::LBracket if !t.nl_before || self.in_parens => {
                    self.bump();
                    let safe = self.eat(T::Question);
                    let from_end = self.eat(T::Caret);
                    let saved = std::mem::replace(&mut self.in_parens, true);
                    let index = self.expr();
                    self.in_parens = saved;
                    self.expect(T::RBracket, "']'");
                    e = Expr {
                        span: start..self.prev_end(),
                        kind: ExprKind::Index {
                            base: Box::new(e),
                            index: Box::new(index),
                            safe,
                            from_end,
                        },
                    };
                }
                T::Bang if !t.nl_before => {
                    self.bump();
                    e = Expr {
                        span: start..t.end,
                        kind: ExprKind::NonNull(Box::new(e)),
                    };
                }
                _ => return e,
            }
        }
    }

    fn call_args(&mut self) -> Vec<Expr> {
        let open = self.bump().start; // `(`
        let saved = std::mem::replace(&mut self.in_parens, true);
        let mut args = Vec::new();
        while !self.at(T::RParen) && !self.at(T::Eof) && !self.at_other_closer(T::RParen) {
            let before = self.pos;
            args.push(self.expr());
            if !self.eat(T::Comma) && !self.at(T::RParen) {
                self.error_here("',' or ')'");
                self.recover_item(T::RParen);
                self.eat(T::Comma);
            }
            if self.pos == before {
                self.bump();
            }
        }
        self.in_parens = saved;
        self.close(T::RParen, open);
        args
    }

    /// Whether the `(` at the cursor opens a lambda's parameter list: `(a, b) => ...`.
    fn paren_is_lambda(&self) -> bool {
        let mut i = self.pos + 1;
        loop {
            let t = self.toks[i.min(self.toks.len() - 1)];
            match t.kind {
                T::Ident | T::Comma => i += 1,
                T::RParen => {
                    return self.toks[(i + 1).min(self.toks.len() - 1)].kind == T::Arrow;
                }
                _ => return false,
            }
        }
    }

    fn primary(&mut self) -> Expr {
        let t = self.peek();
        let start = t.start;
        match t.kind {
            T::Int => {
                self.bump();
                let kind = match self.src(t).parse::<u64>() {
                    Ok(v) => ExprKind::Int(v),
                    Err(_) => {
                        self.error("integer literal too large", t.span());
                        ExprKind::Error
                    }
                };
                Expr {
                    kind,
                    span: t.span(),
                }
            }
            T::String => {
                self.bump();
                let lit = self.decode_string(t);
                Expr {
                    kind: ExprKind::String(lit),
                    span: t.span(),
                }
            }
            T::MultilineString => {
                self.bump();
                let inner_start = (t.start + 3).min(t.end);
                let inner_end = if t.end >= inner_start + 3 && self.text[..t.end].ends_with("'''") {
                    t.end - 3
                } else {
                    t.end
                };
                let mut s = &self.text[inner_start..inner_end];
                // As in Bicep, a line break right after the opening quotes is not content.
                s = s
                    .strip_prefix("\r\n")
                    .or_else(|| s.strip_prefix(['\n', '\r']))
                    .unwrap_or(s);
                Expr {
                    kind: ExprKind::String(StringLit {
                        parts: vec![StringPart::Text(s.to_string(), inner_start..inner_end)],
                        multiline: true,
                    }),
                    span: t.span(),
                }
            }
            T::Ident => {
                let w = self.src(t);
                match w {
                    "true" | "false" => {
                        self.bump();
                        return Expr {
                            kind: ExprKind::Bool(w == "true"),
                            span: t.span(),
                        };
                    }
                    "null" => {
                        self.bump();
                        return Expr {
                            kind: ExprKind::Null,
                            span: t.span(),
                        };
                    }
                    _ => {}
                }
                let name = self.ident("an identifier").unwrap();
                if self.at(T::Arrow) {
                    self.bump();
                    let body = self.expr();
                    return Expr {
                        span: start..body.span.end,
                        kind: ExprKind::Lambda {
                            params: vec![name],
                            body: Box::new(body),
                        },
                    };
                }
                if self.at(T::LParen) && !self.peek().nl_before {
                    let args = self.call_args();
                    return Expr {
                        span: start..self.prev_end(),
                        kind: ExprKind::Call {
                            base: None,
                            name,
                            args,
                        },
                    };
                }
                Expr {
                    span: name.span.clone(),
                    kind: ExprKind::Ident(name),
                }
            }
            T::LParen => {
                if self.paren_is_lambda() {
                    self.bump();
                    let mut params = Vec::new();
                    while let Some(p) = (self.at(T::Ident)).then(|| self.ident("").unwrap()) {
                        params.push(p);
                        self.eat(T::Comma);
                    }
                    self.expect(T::RParen, "')'");
                    self.expect(T::Arrow, "'=>'");
                    let body = self.expr();
                    return Expr {
                        span: start..body.span.end,
                        kind: ExprKind::Lambda {
                            params,
                            body: Box::new(body),
                        },
                    };
                }
                let open = self.bump().start;
                let saved = std::mem::replace(&mut self.in_parens, true);
                let inner = self.expr();
                self.in_parens = saved;
                self.close(T::RParen, open);
                Expr {
                    span: start..self.prev_end(),
                    kind: ExprKind::Paren(Box::new(inner)),
                }
            }
            T::LBracket => self.array(),
            T::LBrace => self.object(),
            _ => {
                self.error_here("an expression");
                Expr {
                    kind: ExprKind::Error,
                    span: start..start,
                }
            }
        }
    }

    fn array(&mut self) -> Expr {
        let start = self.bump().start;
        let saved = std::mem::replace(&mut self.in_parens, false);
        let e = if self.at_word("for") && matches!(self.nth(1).kind, T::Ident | T::LParen) {
            self.for_loop(start)
        } else {
            let mut items = Vec::new();
            while !self.at(T::RBracket) && !self.at(T::Eof) && !self.at_other_closer(T::RBracket) {
                let before = self.pos;
                if self.eat(T::Comma) {
                    continue;
                }
                if self.is_decl_start(self.pos) {
                    break;
                }
                if self.eat(T::Ellipsis) {
                    items.push(ArrayItem::Spread(self.expr()));
                } else {
                    items.push(ArrayItem::Expr(self.expr()));
                }
                self.item_separator(T::RBracket);
                if self.pos == before {
                    self.bump();
                }
            }
            self.close(T::RBracket, start);
            Expr {
                kind: ExprKind::Array(items),
                span: start..self.prev_end(),
            }
        };
        self.in_parens = saved;
        e
    }

    fn for_loop(&mut self, start: usize) -> Expr {
        self.bump(); // `for`
        if !self.enter_n(FOR_LOOP_COST) {
            return Expr {
                kind: ExprKind::Error,
                span: start..self.prev_end(),
            };
        }
        let e = self.for_loop_rest(start);
        self.depth -= FOR_LOOP_COST;
        e
    }

    fn for_loop_rest(&mut self, start: usize) -> Expr {
        let (item, index) = if self.eat(T::LParen) {
            let item = self.ident("a loop variable");
            let index = if self.eat(T::Comma) {
                self.ident("an index variable")
            } else {
                None
            };
            self.expect(T::RParen, "')'");
            (item, index)
        } else {
            (self.ident("a loop variable"), None)
        };
        if self.at_word("in") {
            self.bump();
        } else {
            self.error_here("'in'");
        }
        let iterable = self.expr();
        self.expect(T::Colon, "':'");
        let body = self.body();
        self.close(T::RBracket, start);
        Expr {
            kind: ExprKind::For {
                item,
                index,
                iterable: Box::new(iterable),
                body: Box::new(body),
            },
            span: start..self.prev_end(),
        }
    }

    fn object(&mut self) -> Expr {
        let start = self.bump().start;
        let saved = std::mem::replace(&mut self.in_parens, false);
        let mut items = Vec::new();
        while !self.at(T::RBrace) && !self.at(T::Eof) && !self.at_other_closer(T::RBrace) {
            let before = self.pos;
            if self.eat(T::Comma) {
                continue;
            }
            let t = self.peek();
            // A declaration keyword at the start of a line means the `}` is missing. Child
            // resources are the exception, unless written in the first column like top-level
            // declarations.
            if self.is_decl_start(self.pos)
                && (self.src(t) != "resource" || self.in_first_column(t))
            {
                break;
            }
            if self.eat(T::Ellipsis) {
                items.push(ObjectItem::Spread(self.expr()));
            } else if self.at(T::At) || (self.at_word("resource") && self.nth(1).kind == T::Ident) {
                if !self.enter_n(CHILD_RESOURCE_COST) {
                    self.recover_item(T::RBrace);
                    self.eat(T::Comma);
                    if self.pos == before {
                        self.bump();
                    }
                    continue;
                }
                let stmt = self.statement();
                self.depth -= CHILD_RESOURCE_COST;
                if matches!(stmt.kind, StatementKind::Resource { .. }) || stmt.decorators.is_empty()
                {
                    items.push(ObjectItem::Resource(Box::new(stmt)));
                }
            } else if let Some(key) = self.object_key() {
                if self.expect(T::Colon, "':'") {
                    let value = self.expr();
                    items.push(ObjectItem::Property {
                        span: key.span().start..value.span.end,
                        decorators: Vec::new(),
                        key,
                        value,
                    });
                } else {
                    self.recover_item(T::RBrace);
                }
            } else {
                self.recover_item(T::RBrace);
            }
            self.item_separator(T::RBrace);
            if self.pos == before {
                self.bump();
            }
        }
        self.in_parens = saved;
        self.close(T::RBrace, start);
        Expr {
            kind: ExprKind::Object(items),
            span: start..self.prev_end(),
        }
    }

    // ---------------------------------------------------------------- strings

    fn decode_string(&mut self, t: Token) -> StringLit {
        let b = self.text.as_bytes();
        let end = if t.end > t.start + 1 && b[t.end - 1] == b'\'' {
            t.end - 1
        } else {
            t.end
        };
        let mut parts = Vec::new();
        let mut buf = String::new();
        let mut seg_start = t.start + 1;
        let mut i = t.start + 1;
        while i < end {
            match b[i] {
                b'\\' => {
                    let esc = b.get(i + 1).copied();
                    match esc {
                        Some(b'\\') => buf.push('\\'),
                        Some(b'\'') => buf.push('\''),
                        Some(b'n') => buf.push('\n'),
                        Some(b'r') => buf.push('\r'),
                        Some(b't') => buf.push('\t'),
                        Some(b'$') => buf.push('$'),
                        Some(b'u') if b.get(i + 2) == Some(&b'{') => {
                            let close = self.text[i + 3..end].find('}').map(|p| p + i + 3);
                            let cp = close
                                .and_then(|c| u32::from_str_radix(&self.text[i + 3..c], 16).ok())
                                .and_then(char::from_u32);
                            match (close, cp) {
                                (Some(c), Some(ch)) => {
                                    buf.push(ch);
                                    i = c + 1;
                                    continue;
                                }
                                _ => {
                                    self.error("invalid unicode escape", i..(i + 3).min(end));
                                    i += 2;
                                    continue;
                                }
                            }
                        }
                        _ => {
                            let e = if i + 1 < end {
                                next_char(self.text, i + 1)
                            } else {
                                end
                            };
                            self.error("invalid escape sequence", i..e);
                        }
                    }
                    i += 2;
                    // Keep `i` on a char boundary after an escape of a multi-byte char.
                    while i < end && !self.text.is_char_boundary(i) {
                        i += 1;
                    }
                }
                b'$' if b.get(i + 1) == Some(&b'{') => {
                    if !buf.is_empty() || seg_start < i {
                        parts.push(StringPart::Text(std::mem::take(&mut buf), seg_start..i));
                    }
                    let hole_start = i + 2;
                    let hole_end = match scan_hole(b, hole_start, end, self.depth + 1) {
                        Ok(e) => e - 1,
                        // The lexer reported it; read what is there.
                        Err(_) => end,
                    };
                    let expr = self.sub_expr(hole_start, hole_end);
                    parts.push(StringPart::Interp(expr));
                    i = (hole_end + 1).min(end);
                    seg_start = i;
                }
                _ => {
                    let ch_end = next_char(self.text, i);
                    buf.push_str(&self.text[i..ch_end]);
                    i = ch_end;
                }
            }
        }
        if !buf.is_empty() || seg_start < end || parts.is_empty() {
            parts.push(StringPart::Text(buf, seg_start..end.max(seg_start)));
        }
        StringLit {
            parts,
            multiline: false,
        }
    }

    fn sub_expr(&mut self, start: usize, end: usize) -> Expr {
        if self.depth >= BICEP_HOLE_DEPTH {
            self.error(
                format!("nesting deeper than {BICEP_HOLE_DEPTH} levels"),
                start..end,
            );
            return Expr {
                kind: ExprKind::Error,
                span: start..end,
            };
        }
        let lexed = lex(self.text, start, end);
        let mut p = Parser::new(self.text, lexed.tokens, self.depth + 1);
        p.line_starts = self.line_starts.clone();
        p.in_parens = true;
        p.errors = lexed.errors;
        let e = p.expr();
        if !p.at(T::Eof) {
            p.error_here("'}'");
        }
        self.errors.append(&mut p.errors);
        e
    }
}

fn reduce(operands: &mut Vec<Expr>, ops: &mut Vec<(BinaryOp, u8)>) {
    let (Some((op, _)), Some(rhs), Some(lhs)) = (ops.pop(), operands.pop(), operands.pop()) else {
        return;
    };
    operands.push(Expr {
        span: lhs.span.start..rhs.span.end,
        kind: ExprKind::Binary {
            op,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
        },
    });
}

fn next_char(text: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < text.len() && !text.is_char_boundary(j) {
        j += 1;
    }
    j
}
