//! One test per construct, plus error recovery and the depth limit.

use vigil_bicep::*;

fn ok(text: &str) -> Program {
    let parsed = parse(text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    parsed.program
}

fn only(text: &str) -> StatementKind {
    let mut p = ok(text);
    assert_eq!(p.statements.len(), 1, "{:?}", p.statements);
    p.statements.remove(0).kind
}

fn value_of(text: &str) -> Expr {
    match only(&format!("var x = {text}")) {
        StatementKind::Var { value, .. } => value,
        other => panic!("{other:?}"),
    }
}

fn plain(e: &Expr) -> String {
    match &e.kind {
        ExprKind::String(s) => s.as_plain().expect("plain string"),
        other => panic!("not a string: {other:?}"),
    }
}

#[test]
fn comments_anywhere_are_collected() {
    let text = "// top\nvar /* a */ x = /* b */ 1 // end\n/* multi\nline */\nvar y = 'http://x'\n";
    let parsed = parse(text);
    assert!(parsed.errors.is_empty());
    assert_eq!(parsed.program.statements.len(), 2);
    let got: Vec<&str> = parsed.comments.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(
        got,
        [
            "// top",
            "/* a */",
            "/* b */",
            "// end",
            "/* multi\nline */"
        ]
    );
    assert_eq!(comments(text), parsed.comments);
}

#[test]
fn decorators_and_target_scope() {
    let p = ok("targetScope = 'subscription'\n@description('x')\n@sys.secure()\nparam p string\n");
    assert!(matches!(
        p.statements[0].kind,
        StatementKind::TargetScope(_)
    ));
    let param = &p.statements[1];
    assert_eq!(param.decorators.len(), 2);
    assert_eq!(param.span.start, "targetScope = 'subscription'\n".len());
    match &param.decorators[1].expr.kind {
        ExprKind::Call {
            base: Some(b),
            name,
            ..
        } => {
            assert!(matches!(&b.kind, ExprKind::Ident(i) if i.name == "sys"));
            assert_eq!(name.name, "secure");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn params_with_types_defaults_and_nullable() {
    let p = ok("param a string = 'x'\nparam b int?\nparam c string[] = []\nparam d 'A' | 'B' = 'A'\nparam e resource 'Microsoft.Storage/storageAccounts@2023-01-01'\n");
    match &p.statements[1].kind {
        StatementKind::Param {
            ty: Some(t),
            value: None,
            ..
        } => {
            assert!(matches!(t.kind, TypeKind::Nullable(_)))
        }
        other => panic!("{other:?}"),
    }
    match &p.statements[2].kind {
        StatementKind::Param { ty: Some(t), .. } => assert!(matches!(t.kind, TypeKind::Array(_))),
        other => panic!("{other:?}"),
    }
    match &p.statements[3].kind {
        StatementKind::Param { ty: Some(t), .. } => {
            assert!(matches!(&t.kind, TypeKind::Union(m) if m.len() == 2))
        }
        other => panic!("{other:?}"),
    }
    match &p.statements[4].kind {
        StatementKind::Param { ty: Some(t), .. } => {
            assert!(matches!(t.kind, TypeKind::Resource(_)))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn resource_with_nested_child_and_parent() {
    let text = "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  properties: {\n    networkAcls: {\n      bypass: 'None'\n    }\n  }\n  resource s 'secrets' = {\n    name: 'x'\n  }\n}\nresource c 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {\n  parent: kv\n  name: 'y'\n}\nresource e 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'e'\n  resource inner 'secrets' existing = { name: 'z' }\n}\n";
    let p = ok(text);
    assert_eq!(p.statements.len(), 3);
    let StatementKind::Resource {
        name,
        type_string,
        existing,
        value,
    } = &p.statements[0].kind
    else {
        panic!()
    };
    assert_eq!(name.name, "kv");
    assert_eq!(plain(type_string), "Microsoft.KeyVault/vaults@2023-07-01");
    assert!(!existing);
    let ExprKind::Object(items) = &value.kind else {
        panic!()
    };
    assert!(matches!(items[2], ObjectItem::Resource(_)));
    assert!(matches!(
        p.statements[2].kind,
        StatementKind::Resource { existing: true, .. }
    ));
    // Spans cover the declaration exactly.
    assert_eq!(&text[p.statements[1].span.clone()], "resource c 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {\n  parent: kv\n  name: 'y'\n}");
}

#[test]
fn conditions_and_loops_on_resources_and_modules() {
    let p = ok("resource a 'T@1' = if (deploy) {\n  name: 'a'\n}\nmodule m 'br/public:avm/res/x:0.1.0' = [for (item, i) in items: {\n  name: 'm${i}'\n}]\nmodule n 'br:reg.azurecr.io/x:1' = [for x in y: if (x.on) {\n  name: x.name\n}]\nmodule t 'ts:sub/rg/spec:1' = {\n  name: 't'\n}\n");
    assert!(
        matches!(&p.statements[0].kind, StatementKind::Resource { value, .. } if matches!(value.kind, ExprKind::If { .. }))
    );
    let StatementKind::Module { value, path, .. } = &p.statements[1].kind else {
        panic!()
    };
    assert_eq!(plain(path), "br/public:avm/res/x:0.1.0");
    let ExprKind::For { item, index, .. } = &value.kind else {
        panic!()
    };
    assert_eq!(item.as_ref().unwrap().name, "item");
    assert_eq!(index.as_ref().unwrap().name, "i");
    let StatementKind::Module { value, .. } = &p.statements[2].kind else {
        panic!()
    };
    let ExprKind::For { body, .. } = &value.kind else {
        panic!()
    };
    assert!(matches!(body.kind, ExprKind::If { .. }));
}

#[test]
fn outputs_types_and_funcs() {
    let p = ok("output o string = 'x'\noutput r resource 'T@1' = res\n@export()\ntype t = {\n  @description('d')\n  a: string\n  b?: int\n  'c-d': ('x' | 'y')[]\n  *: bool\n}\ntype u = resourceInput<'Microsoft.KeyVault/vaults@2023-07-01'>.properties\ntype v = resourceOutput<'T@1'>\ntype w = [string, int]\ntype n = t.a\ntype s = t.*\ntype z =\n  | 'a'\n  | 'b'\nfunc f(a string, b int) string => '${a}${b}'\nfunc g() object => {}\n");
    assert_eq!(p.statements.len(), 11);
    let StatementKind::Type { value, .. } = &p.statements[2].kind else {
        panic!()
    };
    let TypeKind::Object(props) = &value.kind else {
        panic!()
    };
    assert_eq!(props.len(), 4);
    assert!(props[1].optional);
    assert!(props[3].key.is_none());
    assert_eq!(props[0].decorators.len(), 1);
    let StatementKind::Type { value, .. } = &p.statements[3].kind else {
        panic!()
    };
    assert!(
        matches!(&value.kind, TypeKind::Member(inner, Some(n)) if n.name == "properties" && matches!(inner.kind, TypeKind::Generic { .. }))
    );
    assert!(
        matches!(&p.statements[8].kind, StatementKind::Type { value, .. } if matches!(&value.kind, TypeKind::Union(m) if m.len() == 2))
    );
    let StatementKind::Func { params, body, .. } = &p.statements[9].kind else {
        panic!()
    };
    assert_eq!(params.len(), 2);
    assert!(matches!(body.kind, ExprKind::String(_)));
}

#[test]
fn imports_extensions_metadata_assert() {
    let p = ok("import {a, b as c} from 'x.bicep'\nimport * as ns from 'br/public:y:1'\nimport 'az@1.0.0'\nextension microsoftGraphV1\nextension 'br:mcr.microsoft.com/bicep/extensions/ms-graph/v1.0:0.1' as graph\nprovider kubernetes with {\n  namespace: 'default'\n} as k8s\nmetadata owner = 'me'\nassert ok = true\n");
    let StatementKind::Import {
        items: ImportItems::Named(items),
        from,
    } = &p.statements[0].kind
    else {
        panic!()
    };
    assert_eq!(items.len(), 2);
    assert_eq!(items[1].alias.as_ref().unwrap().name, "c");
    assert_eq!(plain(from), "x.bicep");
    assert!(
        matches!(&p.statements[1].kind, StatementKind::Import { items: ImportItems::Wildcard { alias }, .. } if alias.name == "ns")
    );
    assert!(matches!(
        p.statements[2].kind,
        StatementKind::Extension { .. }
    ));
    assert!(
        matches!(&p.statements[4].kind, StatementKind::Extension { alias: Some(a), .. } if a.name == "graph")
    );
    assert!(matches!(
        &p.statements[5].kind,
        StatementKind::Extension {
            config: Some(_),
            alias: Some(_),
            ..
        }
    ));
    assert!(matches!(
        p.statements[6].kind,
        StatementKind::Metadata { .. }
    ));
    assert!(matches!(p.statements[7].kind, StatementKind::Assert { .. }));
}

#[test]
fn bicepparam_files() {
    let p = ok("using './main.bicep'\nparam name = 'x'\nparam n = 3\nvar v = 'y'\n");
    assert!(matches!(
        &p.statements[0].kind,
        StatementKind::Using { path: Some(_), .. }
    ));
    assert!(matches!(
        &p.statements[1].kind,
        StatementKind::Param {
            ty: None,
            value: Some(_),
            ..
        }
    ));
    let p = ok("using none\nparam a = 1\n");
    assert!(matches!(
        &p.statements[0].kind,
        StatementKind::Using { path: None, .. }
    ));
}

#[test]
fn literals() {
    assert!(matches!(value_of("42").kind, ExprKind::Int(42)));
    assert!(matches!(value_of("true").kind, ExprKind::Bool(true)));
    assert!(matches!(value_of("false").kind, ExprKind::Bool(false)));
    assert!(matches!(value_of("null").kind, ExprKind::Null));
    assert!(matches!(
        value_of("-1").kind,
        ExprKind::Unary {
            op: UnaryOp::Neg,
            ..
        }
    ));
}

#[test]
fn string_escapes_and_interpolation() {
    assert_eq!(
        plain(&value_of(r"'it\'s \\ \n \$ \u{1F600} \t'")),
        "it's \\ \n $ \u{1F600} \t"
    );
    let e = value_of("'a${b}c${'d${e}'}'");
    let ExprKind::String(s) = &e.kind else {
        panic!()
    };
    assert_eq!(s.parts.len(), 4);
    assert!(
        matches!(&s.parts[1], StringPart::Interp(Expr { kind: ExprKind::Ident(i), .. }) if i.name == "b")
    );
    let StringPart::Interp(inner) = &s.parts[3] else {
        panic!()
    };
    assert!(matches!(&inner.kind, ExprKind::String(s) if s.parts.len() == 2));
    // Spans of holes are absolute offsets in the file.
    let text = "var x = 'a${bee}'";
    let p = ok(text);
    let StatementKind::Var { value, .. } = &p.statements[0].kind else {
        panic!()
    };
    let ExprKind::String(s) = &value.kind else {
        panic!()
    };
    let StringPart::Interp(hole) = &s.parts[1] else {
        panic!()
    };
    assert_eq!(&text[hole.span.clone()], "bee");
    assert!(!parse(r"var x = '\q'").errors.is_empty());
}

#[test]
fn multiline_strings_are_verbatim_and_do_not_leak() {
    let text = "var s = '''\nresource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  // not a comment ${x} \\n\n}\n'''\nvar t = 1\n";
    let parsed = parse(text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert!(parsed.comments.is_empty());
    let p = parsed.program;
    assert_eq!(p.statements.len(), 2);
    let StatementKind::Var { value, .. } = &p.statements[0].kind else {
        panic!()
    };
    assert_eq!(
        plain(value),
        "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  // not a comment ${x} \\n\n}\n"
    );
}

#[test]
fn arrays_and_objects_with_newlines_commas_and_spread() {
    let e = value_of("[\n  1\n  2, 3\n  ...rest\n]");
    let ExprKind::Array(items) = &e.kind else {
        panic!()
    };
    assert_eq!(items.len(), 4);
    assert!(matches!(items[3], ArrayItem::Spread(_)));
    let e = value_of("{ a: 1, 'b-c': 2\n  ...other\n  if: 3\n}");
    let ExprKind::Object(items) = &e.kind else {
        panic!()
    };
    assert_eq!(items.len(), 4);
    let ObjectItem::Property { key, .. } = &items[1] else {
        panic!()
    };
    assert_eq!(key.name().unwrap(), "b-c");
    assert!(matches!(items[2], ObjectItem::Spread(_)));
    // A line starting with `-` is a new array item, not a subtraction.
    let ExprKind::Array(items) = &value_of("[\n  1\n  -2\n]").kind else {
        panic!()
    };
    assert_eq!(items.len(), 2);
}

#[test]
fn access_calls_and_safe_navigation() {
    let e = value_of("a.b.?c[0][?'d'].e!");
    assert!(matches!(e.kind, ExprKind::NonNull(_)));
    let e = value_of("az.resourceGroup().location");
    let ExprKind::Member {
        base,
        name,
        safe: false,
    } = &e.kind
    else {
        panic!()
    };
    assert_eq!(name.name, "location");
    assert!(
        matches!(&base.kind, ExprKind::Call { base: Some(_), name, .. } if name.name == "resourceGroup")
    );
    let e = value_of("parent::child.id");
    let ExprKind::Member { base, .. } = &e.kind else {
        panic!()
    };
    assert!(matches!(base.kind, ExprKind::ChildResource { .. }));
    let e = value_of("x[^1]");
    assert!(matches!(
        e.kind,
        ExprKind::Index {
            from_end: true,
            safe: false,
            ..
        }
    ));
    let e = value_of("x[?^1]");
    assert!(matches!(
        e.kind,
        ExprKind::Index {
            from_end: true,
            safe: true,
            ..
        }
    ));
    let e = value_of("x[?0]");
    assert!(matches!(e.kind, ExprKind::Index { safe: true, .. }));
    let e = value_of("union(a,\n  {\n    b: 1\n  })");
    assert!(matches!(&e.kind, ExprKind::Call { args, .. } if args.len() == 2));
}

fn shape(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Binary { op, lhs, rhs } => format!("({} {op:?} {})", shape(lhs), shape(rhs)),
        ExprKind::Unary { op, expr } => format!("({op:?} {})", shape(expr)),
        ExprKind::Ternary {
            cond,
            then,
            otherwise,
        } => {
            format!("({} ? {} : {})", shape(cond), shape(then), shape(otherwise))
        }
        ExprKind::Ident(i) => i.name.clone(),
        ExprKind::Int(n) => n.to_string(),
        other => format!("{other:?}"),
    }
}

#[test]
fn operator_precedence() {
    assert_eq!(
        shape(&value_of("a ?? b || c && d == e < f + g * h")),
        "(a Coalesce (b Or (c And (d Eq (e Lt (f Add (g Mul h)))))))"
    );
    assert_eq!(shape(&value_of("a - b - c")), "((a Sub b) Sub c)");
    assert_eq!(
        shape(&value_of("!a && -b % 2 != 1")),
        "((Not a) And (((Neg b) Mod 2) Ne 1))"
    );
    assert_eq!(
        shape(&value_of("a ? b : c ? d : e")),
        "(a ? b : (c ? d : e))"
    );
    assert_eq!(
        shape(&value_of("a =~ b || c !~ d")),
        "((a EqI b) Or (c NeI d))"
    );
    assert_eq!(
        shape(&value_of("a >= 1 && b <= 2 && c > 3")),
        "(((a Ge 1) And (b Le 2)) And (c Gt 3))"
    );
    assert_eq!(shape(&value_of("cond\n  ? a\n  : b")), "(cond ? a : b)");
}

#[test]
fn lambdas() {
    let e = value_of("map(xs, x => x.name)");
    let ExprKind::Call { args, .. } = &e.kind else {
        panic!()
    };
    assert!(matches!(&args[1].kind, ExprKind::Lambda { params, .. } if params.len() == 1));
    let e = value_of("reduce(xs, 0, (cur, next) => cur + next)");
    let ExprKind::Call { args, .. } = &e.kind else {
        panic!()
    };
    assert!(matches!(&args[2].kind, ExprKind::Lambda { params, .. } if params.len() == 2));
    assert!(matches!(value_of("() => 1").kind, ExprKind::Lambda { .. }));
    assert!(matches!(value_of("(a)").kind, ExprKind::Paren(_)));
}

#[test]
fn pragmas_and_bom_are_skipped() {
    let p = ok("\u{feff}#disable-next-line no-unused-params\nparam a string\n");
    assert_eq!(p.statements.len(), 1);
}

#[test]
fn broken_declaration_does_not_hide_the_rest() {
    let text = "param a string\nvar b = = 3\nresource r 'T@1' = {\n  name: 'r'\n  bad bad\n  location: 'x'\n}\noutput o string = 'ok'\n";
    let parsed = parse(text);
    assert_eq!(parsed.errors.len(), 2, "{:?}", parsed.errors);
    assert_eq!(parsed.errors[0].span.start, text.find("= 3").unwrap());
    let kinds: Vec<_> = parsed.program.statements.iter().map(|s| &s.kind).collect();
    assert!(matches!(kinds[0], StatementKind::Param { .. }));
    assert!(matches!(
        kinds.last().unwrap(),
        StatementKind::Output { .. }
    ));
    let StatementKind::Resource { value, .. } = &parsed.program.statements[2].kind else {
        panic!("{kinds:?}")
    };
    let ExprKind::Object(items) = &value.kind else {
        panic!()
    };
    assert_eq!(items.len(), 2, "both good properties survive");
}

#[test]
fn unclosed_object_stops_at_next_declaration() {
    let parsed = parse("resource r 'T@1' = {\n  name: 'r'\n\nparam p string\nvar v = 1\n");
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert_eq!(parsed.program.statements.len(), 3);
    assert!(matches!(
        parsed.program.statements[2].kind,
        StatementKind::Var { .. }
    ));
}

#[test]
fn unterminated_string_and_garbage() {
    let parsed = parse("var a = 'oops\nvar b = 2\n§ ~\nvar c = 3\n");
    assert!(!parsed.errors.is_empty());
    let names: Vec<_> = parsed
        .program
        .statements
        .iter()
        .filter_map(|s| match &s.kind {
            StatementKind::Var { name, .. } => Some(name.name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["a", "b", "c"]);
}

#[test]
fn depth_limit_is_a_syntax_error() {
    // Each opener costs the most stack frames per nesting level that its construct allows.
    for open in [
        "[",
        "(",
        "{a:",
        "!",
        "-",
        "'${",
        "1??1||1&&1==1<1+1*(",
        "a => ",
        "c ? 1 : ",
        "[for x in y: ",
        "f(",
        "a.b[",
        "{\n  resource r 'T@1' = if (c) ",
    ] {
        let text = format!("var x = {}1", open.repeat(20_000));
        let parsed = parse(&text);
        assert!(
            parsed.errors.iter().any(|e| e.message.contains("nesting")),
            "{open}: {:?}",
            &parsed.errors[..parsed.errors.len().min(3)]
        );
    }
    let deep_type = format!(
        "type t = {}string{}",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    assert!(parse(&deep_type)
        .errors
        .iter()
        .any(|e| e.message.contains("nesting")));
    // Long chains build trees as deep as they are long, which recursive walks (and drop) pay for.
    for chain in [
        format!("var x = a{}", ".b".repeat(100_000)),
        format!("var x = 1{}", " + 1".repeat(100_000)),
        format!("type t = string{}", "[]".repeat(100_000)),
        format!("var x = a{}", "!".repeat(100_000)),
    ] {
        assert!(parse(&chain)
            .errors
            .iter()
            .any(|e| e.message.contains("nesting")));
    }
    // Within the limit, nesting is fine.
    ok(&format!("var x = {}1{}", "[".repeat(100), "]".repeat(100)));
}

#[test]
fn assorted_type_syntax() {
    let p = ok("type a = {\n  deep: {\n    xs: int [] [] ?\n  }\n  self: a?\n}\ntype b = a.deep.xs\ntype c = b[*]\ntype d = | 'only'\ntype e = ['x', 'y']\n|['z']\ntype f = ('p'|{ shape: '*' }|10|-10|true|!true|null)[]\ntype g = string?\ntype h = g!\ntype i = (a | b)!\nparam j {\n  k: 1|2\n  l: sys.bool\n} = {\n  k: 1\n  l: false\n}\nparam m ({v: 'w'} | null)[]\noutput n 'a' | 'b' | ({ t: int }) = 'a'\nfunc o(\n  p bool,\n  q string\n) string => p ? q : ''\n");
    assert_eq!(p.statements.len(), 13);
    assert!(
        matches!(&p.statements[7].kind, StatementKind::Type { value, .. } if matches!(value.kind, TypeKind::NonNull(_)))
    );
    assert!(
        matches!(&p.statements[4].kind, StatementKind::Type { value, .. } if matches!(&value.kind, TypeKind::Union(m) if m.len() == 2))
    );
}

#[test]
fn unclosed_resource_does_not_swallow_the_next_resource() {
    let parsed =
        parse("resource a 'T@1' = {\n  name: 'a'\n\nresource b 'T@1' = {\n  name: 'b'\n}\n");
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert_eq!(parsed.program.statements.len(), 2);
}

#[test]
fn lambdas_spanning_lines_and_comments() {
    ok("var a = toObject(xs, x =>\n\n  x.name)\nvar b = toObject(xs, i => '${i}', i => // c\n{\n  even: (i % 2) == 0\n})\nvar c = reduce(xs, '', (\n  // c\n  cur,\n  next\n) => concat(cur, next))\nvar d = map([123], (i => '${i}'))\nvar e = flatten(map(range(1, 3), i => [\n  i * 3\n  (i * 3) + 1\n]))\n");
}

#[test]
fn missing_value_leaves_next_declaration_intact() {
    let parsed = parse("var x =\nvar y = 1\noutput o string =\n\nparam p string\n");
    assert_eq!(parsed.errors.len(), 2, "{:?}", parsed.errors);
    let names: Vec<_> = parsed
        .program
        .statements
        .iter()
        .filter_map(|s| s.name().map(|n| n.name.as_str()))
        .collect();
    assert_eq!(names, ["x", "y", "o", "p"]);
}

#[test]
fn newer_declarations() {
    let p = ok("extends './base.bicepparam'\nusing './main.bicep' with {\n  mode: 'stack'\n}\nextensionConfig graph with {\n  tenant: 'x'\n}\nvar typed string = 'x'\ntest t 'main.bicep' = {\n  params: {}\n}\n@export()\nfunc f() int => 1\n");
    let kinds: Vec<_> = p.statements.iter().map(|s| &s.kind).collect();
    assert!(matches!(kinds[0], StatementKind::Extends { .. }));
    assert!(matches!(
        kinds[1],
        StatementKind::Using {
            config: Some(_),
            ..
        }
    ));
    assert!(matches!(kinds[2], StatementKind::ExtensionConfig { .. }));
    assert!(matches!(kinds[3], StatementKind::Var { ty: Some(_), .. }));
    assert!(matches!(kinds[4], StatementKind::Test { .. }));
    assert!(matches!(kinds[5], StatementKind::Func { .. }));
    assert_eq!(p.statements[5].decorators.len(), 1);
}

#[test]
fn keywords_are_contextual() {
    let e = value_of("{\n  type: 'a'\n  resource: 'b'\n  param: 'c'\n  if: true\n  for: 1\n}");
    let ExprKind::Object(items) = &e.kind else {
        panic!()
    };
    assert_eq!(items.len(), 5);
    assert!(items
        .iter()
        .all(|i| matches!(i, ObjectItem::Property { .. })));
}

#[test]
fn an_unclosed_bracket_is_reported_where_it_opens() {
    let first = |text: &str| {
        let parsed = parse(text);
        let e = parsed.errors.first().expect("an error").clone();
        (e.span.start, e.message)
    };
    let text = "resource kv 'T@1' = {\n  properties: {\n    a: 1\n}\n";
    assert_eq!(
        first(text),
        (
            20,
            "unclosed `{` opened here (the file ends before its `}`)".into()
        )
    );
    let text = "var a = {\n  b: [\n    1\n  }\n}\n";
    assert_eq!(
        first(text),
        (
            15,
            "unclosed `[` opened here (the `}` on line 4 does not close it)".into()
        )
    );
    let text = "var a = {\n  b: 1\nparam p string\n";
    assert_eq!(
        first(text),
        (
            8,
            "unclosed `{` opened here (line 3 starts a declaration before its `}`)".into()
        )
    );
    let text = "var a = [for x in [1]: {\n  b: x\n}\n";
    assert_eq!(first(text).0, 8);
    let text = "var a = {\n  b: (1 + 2\n}\n";
    assert_eq!(
        first(text),
        (
            15,
            "unclosed `(` opened here (the `}` on line 3 does not close it)".into()
        )
    );
    // The string's own start, not the end of the file.
    let text = "param a string = 'abc\nparam b string = 'x'\n";
    assert_eq!(first(text), (17, "unterminated string".into()));
}
