//! Declarations, the statements of a file: `param`, `var`, `resource`, `module`, `output`,
//! `type`, `func`, `import` and the rest, with their decorators and bodies.

use super::*;

impl<'a> Parser<'a> {
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

    pub(super) fn decorators(&mut self) -> Vec<Decorator> {
        let mut out = Vec::new();
        while self.at(T::At) {
            let at = self.bump();
            let expr = self.postfix_expr();
            let span = at.start..expr.span.end;
            out.push(Decorator { expr, span });
        }
        out
    }

    pub(super) fn statement(&mut self) -> Statement {
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

    pub(super) fn statement_kind(&mut self) -> StatementKind {
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

    pub(super) fn resource_decl(&mut self) -> StatementKind {
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

    pub(super) fn func_decl(&mut self) -> StatementKind {
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

    pub(super) fn import_decl(&mut self) -> StatementKind {
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
    pub(super) fn body(&mut self) -> Expr {
        if self.at_word("if") && self.nth(1).kind == T::LParen {
            return self.if_expr();
        }
        self.expr()
    }

    pub(super) fn if_expr(&mut self) -> Expr {
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

    pub(super) fn string_expr(&mut self, what: &str) -> Expr {
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
}
