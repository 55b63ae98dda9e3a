//! Expressions: operators by precedence, postfix access and calls, literals, arrays, objects,
//! `for` loops, lambdas and strings with `${...}` holes.

use super::*;

impl<'a> Parser<'a> {
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

    pub(super) fn ternary(&mut self) -> Expr {
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

    pub(super) fn binary_op(&self) -> Option<(BinaryOp, u8)> {
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
    pub(super) fn binary(&mut self) -> Expr {
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

    pub(super) fn unary(&mut self) -> Expr {
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
    pub(super) fn postfix_expr(&mut self) -> Expr {
        let e = self.primary();
        let mut levels = 0;
        let e = self.postfix_ops(e, &mut levels);
        for _ in 0..levels {
            self.leave();
        }
        e
    }

    pub(super) fn postfix_ops(&mut self, mut e: Expr, levels: &mut u32) -> Expr {
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

    pub(super) fn call_args(&mut self) -> Vec<Expr> {
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
    pub(super) fn paren_is_lambda(&self) -> bool {
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

    pub(super) fn primary(&mut self) -> Expr {
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

    pub(super) fn array(&mut self) -> Expr {
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

    pub(super) fn for_loop(&mut self, start: usize) -> Expr {
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

    pub(super) fn for_loop_rest(&mut self, start: usize) -> Expr {
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

    pub(super) fn object(&mut self) -> Expr {
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

    pub(super) fn decode_string(&mut self, t: Token) -> StringLit {
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

    pub(super) fn sub_expr(&mut self, start: usize, end: usize) -> Expr {
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

pub(super) fn reduce(operands: &mut Vec<Expr>, ops: &mut Vec<(BinaryOp, u8)>) {
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

pub(super) fn next_char(text: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < text.len() && !text.is_char_boundary(j) {
        j += 1;
    }
    j
}
