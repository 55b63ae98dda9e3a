//! Syntax tree. Every node carries the byte span of the source text it was read from.

use std::ops::Range;

pub type Span = Range<usize>;

#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Program {
    pub statements: Vec<Statement>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Decorator {
    /// The expression after `@`: a call such as `description('x')` or `sys.secure()`.
    pub expr: Expr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub decorators: Vec<Decorator>,
    pub kind: StatementKind,
    /// From the first decorator (if any) to the end of the declaration.
    pub span: Span,
}

impl Statement {
    /// The declared name, for declarations that have one.
    pub fn name(&self) -> Option<&Ident> {
        match &self.kind {
            StatementKind::Param { name, .. }
            | StatementKind::Var { name, .. }
            | StatementKind::Resource { name, .. }
            | StatementKind::Module { name, .. }
            | StatementKind::Output { name, .. }
            | StatementKind::Type { name, .. }
            | StatementKind::Func { name, .. }
            | StatementKind::Metadata { name, .. }
            | StatementKind::Assert { name, .. }
            | StatementKind::Test { name, .. }
            | StatementKind::ExtensionConfig { name, .. } => Some(name),
            StatementKind::Extension { alias, .. } => alias.as_ref(),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum StatementKind {
    TargetScope(Expr),
    /// `param name type [= default]`; in a `.bicepparam` file `param name = value` (no type).
    Param {
        name: Ident,
        ty: Option<TypeExpr>,
        value: Option<Expr>,
    },
    Var {
        name: Ident,
        ty: Option<TypeExpr>,
        value: Expr,
    },
    /// `value` is an object, `if (cond) {...}` ([`ExprKind::If`]) or a `[for ...]` loop.
    Resource {
        name: Ident,
        type_string: Expr,
        existing: bool,
        value: Expr,
    },
    Module {
        name: Ident,
        path: Expr,
        value: Expr,
    },
    Output {
        name: Ident,
        ty: TypeExpr,
        value: Expr,
    },
    Type {
        name: Ident,
        value: TypeExpr,
    },
    Func {
        name: Ident,
        params: Vec<TypedParam>,
        return_type: TypeExpr,
        body: Expr,
    },
    /// `import {a, b as c} from 'x'` or `import * as ns from 'x'`.
    Import {
        items: ImportItems,
        from: Expr,
    },
    /// `extension name|'ref' [with {...}] [as alias]`; also legacy `provider` and
    /// `import 'az@1.0.0' ...` (then `keyword` says which).
    Extension {
        keyword: Ident,
        spec: Expr,
        config: Option<Expr>,
        alias: Option<Ident>,
    },
    Metadata {
        name: Ident,
        value: Expr,
    },
    Assert {
        name: Ident,
        value: Expr,
    },
    /// `using 'main.bicep' [with {...}]`; `path` is `None` for `using none`.
    Using {
        path: Option<Expr>,
        config: Option<Expr>,
    },
    Extends {
        path: Expr,
    },
    Test {
        name: Ident,
        path: Expr,
        value: Expr,
    },
    /// `extensionConfig name with {...}` in `.bicepparam` files.
    ExtensionConfig {
        name: Ident,
        config: Expr,
    },
    /// A declaration that failed to parse; its error is in [`crate::Parsed::errors`].
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ImportItems {
    Named(Vec<ImportItem>),
    Wildcard { alias: Ident },
}

#[derive(Clone, Debug, PartialEq)]
pub struct ImportItem {
    /// An identifier or, for names that are not identifiers, a string.
    pub name: Expr,
    pub alias: Option<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypedParam {
    pub name: Ident,
    pub ty: TypeExpr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeExpr {
    pub kind: TypeKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// `string`, `int`, `object`, a user type, or `ns.name` (`sys.string`, `types.myType`).
    Name(Vec<Ident>),
    /// `resourceInput<'type@version'>` and other parameterized types.
    Generic {
        name: Vec<Ident>,
        args: Vec<TypeExpr>,
    },
    /// `resource 'Microsoft.X/y@version'` in param and output declarations.
    Resource(Expr),
    /// A literal type: string, integer (possibly negative), `true`, `false`, `null`.
    Literal(Expr),
    Object(Vec<ObjectTypeProperty>),
    Tuple(Vec<TupleItem>),
    Array(Box<TypeExpr>),
    Union(Vec<TypeExpr>),
    Nullable(Box<TypeExpr>),
    /// `T!`: `T` without `null`.
    NonNull(Box<TypeExpr>),
    /// `T.prop`, `T[0]`, `T[*]`, `T.*` (`None` name means `*`).
    Member(Box<TypeExpr>, Option<Ident>),
    Index(Box<TypeExpr>, Option<u64>),
    Paren(Box<TypeExpr>),
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ObjectTypeProperty {
    pub decorators: Vec<Decorator>,
    /// `None` for the additional-properties entry `*: type`.
    pub key: Option<ObjectKey>,
    pub optional: bool,
    pub ty: TypeExpr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TupleItem {
    pub decorators: Vec<Decorator>,
    pub ty: TypeExpr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Int(u64),
    Bool(bool),
    Null,
    String(StringLit),
    Ident(Ident),
    Array(Vec<ArrayItem>),
    Object(Vec<ObjectItem>),
    /// `base.name` (`safe` for `base.?name`).
    Member {
        base: Box<Expr>,
        name: Ident,
        safe: bool,
    },
    /// `parent::child`.
    ChildResource {
        base: Box<Expr>,
        name: Ident,
    },
    /// `base[index]` (`safe` for `base[?index]`, `from_end` for `base[^index]`).
    Index {
        base: Box<Expr>,
        index: Box<Expr>,
        safe: bool,
        from_end: bool,
    },
    /// `name(args)` or `base.name(args)` (`sys.concat(...)`, `kv.getSecret(...)`).
    Call {
        base: Option<Box<Expr>>,
        name: Ident,
        args: Vec<Expr>,
    },
    Unary {
        op: UnaryOp,
        expr: Box<Expr>,
    },
    /// Postfix `expr!`.
    NonNull(Box<Expr>),
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Ternary {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    Paren(Box<Expr>),
    Lambda {
        params: Vec<Ident>,
        body: Box<Expr>,
    },
    /// `[for item in iterable: body]`, `[for (item, index) in iterable: body]`.
    For {
        item: Option<Ident>,
        index: Option<Ident>,
        iterable: Box<Expr>,
        body: Box<Expr>,
    },
    /// `if (cond) body` on resources, modules and loop bodies.
    If {
        cond: Box<Expr>,
        body: Box<Expr>,
    },
    Error,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
    Plus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Coalesce,
    Or,
    And,
    Eq,
    Ne,
    EqI,
    NeI,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StringLit {
    pub parts: Vec<StringPart>,
    /// Written as `'''...'''`.
    pub multiline: bool,
}

impl StringLit {
    /// The value when the string has no interpolation.
    pub fn as_plain(&self) -> Option<String> {
        let mut s = String::new();
        for part in &self.parts {
            match part {
                StringPart::Text(t, _) => s.push_str(t),
                StringPart::Interp(_) => return None,
            }
        }
        Some(s)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum StringPart {
    /// Decoded text and the span of its source (escapes included).
    Text(String, Span),
    Interp(Expr),
}

#[derive(Clone, Debug, PartialEq)]
pub enum ArrayItem {
    Expr(Expr),
    Spread(Expr),
}

#[derive(Clone, Debug, PartialEq)]
pub enum ObjectKey {
    Ident(Ident),
    String(Expr),
}

impl ObjectKey {
    pub fn span(&self) -> Span {
        match self {
            ObjectKey::Ident(i) => i.span.clone(),
            ObjectKey::String(e) => e.span.clone(),
        }
    }
    /// The key's name, when it is an identifier or a plain string.
    pub fn name(&self) -> Option<String> {
        match self {
            ObjectKey::Ident(i) => Some(i.name.clone()),
            ObjectKey::String(Expr {
                kind: ExprKind::String(s),
                ..
            }) => s.as_plain(),
            ObjectKey::String(_) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ObjectItem {
    Property {
        decorators: Vec<Decorator>,
        key: ObjectKey,
        value: Expr,
        span: Span,
    },
    Spread(Expr),
    /// A child resource declared inside a resource body.
    Resource(Box<Statement>),
}
