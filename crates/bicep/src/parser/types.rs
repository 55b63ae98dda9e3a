//! Type expressions: `string`, `'a' | 'b'`, `{ name: string? }`, `int[]`, `resource<...>`,
//! and their postfix forms.

use super::*;

impl<'a> Parser<'a> {
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

    pub(super) fn type_error(&mut self) -> TypeExpr {
        let t = self.bump();
        TypeExpr {
            kind: TypeKind::Error,
            span: t.span(),
        }
    }

    pub(super) fn type_postfix(&mut self) -> TypeExpr {
        let ty = self.type_primary();
        let mut levels = 0;
        let ty = self.type_postfix_ops(ty, &mut levels);
        for _ in 0..levels {
            self.leave();
        }
        ty
    }

    pub(super) fn type_postfix_ops(&mut self, mut ty: TypeExpr, levels: &mut u32) -> TypeExpr {
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

    pub(super) fn type_primary(&mut self) -> TypeExpr {
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

    pub(super) fn object_type(&mut self) -> TypeKind {
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
}
