//! Terraform inputs a careful reviewer would try (issue 11): syntax Terraform accepts that a
//! stricter parser drops, broken files, names that do not exist, work vigil cannot do. The
//! front end's own answers (errors, warnings, unchecked work) are held here through the
//! library, since some of them (unit warnings) are the binary's to print; the binary's exit
//! codes and SARIF for the same classes are in `tests/fixtures/AZKV001/terraform`.

use serde_json::json;
use std::path::Path;
use vigil_model::{Lookup, UncheckedKind, UnitOutput, Value};
use vigil_terraform::{evaluate_dir, evaluate_outputs, Options};

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Evaluates `unit` (a directory under a fresh root holding `files`), naming files relative
/// to the root.
fn unit_in(files: &[(&str, &str)], unit: &str, opts: &Options) -> UnitOutput {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), files);
    let root = dir.path().canonicalize().unwrap();
    evaluate_dir(
        &root.join(unit),
        &|p: &Path| {
            p.strip_prefix(&root)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned()
        },
        opts,
    )
}

fn unit(files: &[(&str, &str)]) -> UnitOutput {
    unit_in(files, ".", &Options::default())
}

fn messages(list: &[vigil_model::FileError]) -> Vec<String> {
    list.iter()
        .map(|e| format!("{}:{}:{}: {}", e.file, e.line, e.column, e.message))
        .collect()
}

fn kv(bypass: &str) -> String {
    format!("resource \"azurerm_key_vault\" \"kv\" {{\n  name = \"kv\"\n  network_acls {{\n    bypass         = {bypass}\n    default_action = \"Deny\"\n  }}\n}}\n")
}

fn bypass(out: &UnitOutput) -> Value {
    match out.resources[0].lookup("properties.networkAcls.bypass") {
        Lookup::Found(v) | Lookup::Unknown(v) => v.value.clone(),
        other => panic!("{other:?}"),
    }
}

// ------------------------------------------------------------- item 8: accepted syntax

/// Outputs Terraform computed (`../shared/tools/tf-eval`) for configurations hcl-edit is, or
/// was, stricter about; vigil must compute the same.
#[test]
fn syntax_terraform_accepts_evaluates_as_terraform_does() {
    let cases: &[(&str, serde_json::Value)] = &[
        (
            "locals {\n  a = { a = 1, a = 2 }\n  b = { x = 1, \"x\" = 2 }\n  c = { \"q\" = 1, \"q\" = 3 }\n  d = { bypass = \"None\"\n        bypass = \"AzureServices\" }\n  e = { a = 1, a = 2, _ = 3, a = 4 }\n  u = { café = 1, café = 2 }\n}\noutput \"a\" { value = local.a }\noutput \"b\" { value = local.b }\noutput \"c\" { value = local.c }\noutput \"d\" { value = local.d }\noutput \"e\" { value = local.e }\noutput \"u\" { value = local.u }\n",
            json!({"a": {"a": 2}, "b": {"x": 2}, "c": {"q": 3}, "d": {"bypass": "AzureServices"}, "e": {"_": 3, "a": 4}, "u": {"café": 2}}),
        ),
        (
            "locals {\n  a = { if = 2, in = 3, null = 4, true = 5, a = 1, for = 6, endfor = 7 }\n  b = { \"null\" = 1 }\n  c = { false = 0 }\n}\noutput \"a\" { value = local.a }\noutput \"b\" { value = local.b }\noutput \"c\" { value = local.c }\n",
            json!({"a": {"a": 1, "endfor": 7, "for": 6, "if": 2, "in": 3, "null": 4, "true": 5}, "b": {"null": 1}, "c": {"false": 0}}),
        ),
        (
            "locals {\n  l = [\"x\", \"y\"]\n  a = \"%{ for i in local.l }${i},%{ endfor }\"\n  b = \"%{ if length(local.l) > 1 }many%{ else }few%{ endif }\"\n  c = <<EOT\n%{~ for i in local.l ~}\n${i}\n%{~ endfor ~}\nEOT\n}\noutput \"a\" { value = local.a }\noutput \"b\" { value = local.b }\noutput \"c\" { value = local.c }\n",
            json!({"a": "x,y,", "b": "many", "c": "xy"}),
        ),
        (
            "locals {\n  a = [1, 2, 3,]\n  b = { x = 1, y = 2, }\n  c = max(1, 2,)\n}\noutput \"a\" { value = local.a }\noutput \"b\" { value = local.b }\noutput \"c\" { value = local.c }\n",
            json!({"a": [1, 2, 3], "b": {"x": 1, "y": 2}, "c": 2}),
        ),
        (
            "locals { # c\n  a = [ # c\n    1, /* c */ 2, // c\n    3 # c\n  ]\n  b = { /* c */ x /* c */ = /* c */ 1 /* c */ }\n  c = 1 + /* c */ 2\n}\noutput \"a\" { value = local.a }\noutput \"b\" { value = local.b }\noutput \"c\" { value = local.c }\n",
            json!({"a": [1, 2, 3], "b": {"x": 1}, "c": 3}),
        ),
        (
            "locals {\n  café = \"x\"\n  名前 = \"y\"\n}\noutput \"a\" { value = local.café }\noutput \"b\" { value = local.名前 }\n",
            json!({"a": "x", "b": "y"}),
        ),
        (
            "locals {\n  l = [3, 1, 2]\n  a = max(local.l...)\n  b = concat([[1], [2]]...)\n}\noutput \"a\" { value = local.a }\noutput \"b\" { value = local.b }\n",
            json!({"a": 3, "b": [1, 2]}),
        ),
        (
            "locals {\n  l = [{ n = 1 }, { n = 2 }]\n  a = local.l[*].n\n  b = local.l.*.n\n  c = { x = 1 }[*]\n}\noutput \"a\" { value = local.a }\noutput \"b\" { value = local.b }\noutput \"c\" { value = local.c }\n",
            json!({"a": [1, 2], "b": [1, 2], "c": [{"x": 1}]}),
        ),
        (
            "locals {\n  a = (\n    1\n    +\n    2\n  )\n  b = [\n    1\n    ,\n    2\n  ]\n  c = max(\n    1,\n    2\n  )\n  d = true ? (\n    \"x\"\n  ) : \"y\"\n}\noutput \"a\" { value = local.a }\noutput \"b\" { value = local.b }\noutput \"c\" { value = local.c }\noutput \"d\" { value = local.d }\n",
            json!({"a": 3, "b": [1, 2], "c": 2, "d": "x"}),
        ),
        (
            "locals {\n  a = 1e3\n  b = 1.5E-2\n  c = 0.5\n  d = 1e+2\n}\noutput \"a\" { value = local.a }\noutput \"b\" { value = local.b }\noutput \"c\" { value = local.c }\noutput \"d\" { value = local.d }\n",
            json!({"a": 1000, "b": 0.015, "c": 0.5, "d": 100}),
        ),
        (
            "locals {\n  a = <<-EOT\n      one\n    two\n  EOT\n  b = <<EOT\nx\n  EOT\n  c = <<-EOT\n      one\n    two\n\ttab\n  EOT\n}\noutput \"a\" { value = local.a }\noutput \"b\" { value = local.b }\noutput \"c\" { value = local.c }\n",
            json!({"a": "  one\ntwo\n", "b": "x\n", "c": "     one\n   two\ntab\n"}),
        ),
        (
            "locals {\n  a = \"${\"nested\"}-${upper(\"x\")}\"\n  b = \"\\u00e9\\t\\\"q\\\"\"\n  c = true ? \"x\" : false ? \"y\" : \"z\"\n  d = -1 + 5 % 3\n  f = { for k, v in { a = \"x\", b = \"x\" } : v => k... }\n  g = local.l.0\n  l = [7, 8]\n}\noutput \"o\" { value = [local.a, local.b, local.c, local.d, local.f, local.g] }\n",
            json!({"o": ["nested-X", "\u{e9}\t\"q\"", "x", 1, {"x": ["a", "b"]}, 7]}),
        ),
        (
            "locals {\n  foo-bar = \"x\"\n  y = local.foo-bar\n}\noutput \"o\" { value = local.y }\n",
            json!({"o": "x"}),
        ),
        (
            "locals { a = 1 }\nvariable x { default = \"d\" }\noutput o { value = [local.a, var.x] }\n",
            json!({"o": [1, "d"]}),
        ),
        (
            "﻿locals {\r\n\ta\t=\t\"crlf\"\r\n  b = <<EOT\r\nline\r\nEOT\r\n}\r\noutput \"o\" { value = [local.a, local.b] } # no newline",
            json!({"o": ["crlf", "line\r\n"]}),
        ),
        (
            "locals {\n  a = { x: 1, \"y\": 2 }\n}\noutput \"o\" { value = local.a }\n",
            json!({"o": {"x": 1, "y": 2}}),
        ),
        (
            "locals {\n  a = { p = 1,\n    q = 2\n    r = 3, }\n  b = [for x in [1, 2]\n    : x * 2\n    if x > 1]\n  c = \"%{ for k, v in { a = 1 } }${k}=${v}%{ endfor }\"\n  d = <<EOT\nEOT\n  e = [[1, 2], [3]][*][0]\n  f = { a = [{ b = 1 }] }.a[0].b\n}\noutput \"o\" { value = [local.a, local.b, local.c, local.d, local.e, local.f] }\n",
            json!({"o": [{"p": 1, "q": 2, "r": 3}, [4], "a=1", "", [1, 3], 1]}),
        ),
        (
            "locals {\n  a = {\n    \"k.with.dots\" = 1\n    (upper(\"x\")) = 2\n    \"${lower(\"Y\")}\" = 3\n  }\n}\noutput \"o\" { value = local.a }\n",
            json!({"o": {"X": 2, "k.with.dots": 1, "y": 3}}),
        ),
        // An empty heredoc, then heredocs whose body has lines that start with the marker:
        // Terraform closes a heredoc only at a line holding the marker alone.
        (
            "locals {\n  n = <<EOT\nEOT\n  o = upper(<<EOT\ninside\nEOT\n  )\n}\noutput \"o\" { value = [local.n, local.o] }\n",
            json!({"o": ["", "INSIDE\n"]}),
        ),
        (
            "locals {\n  z = <<EOT\nEOT\n  a = <<EOT\nEOT inside\nEOT\n}\noutput \"o\" { value = [local.z, local.a] }\n",
            json!({"o": ["", "EOT inside\n"]}),
        ),
        (
            "locals {\n  a = <<EOT\nfoo\nEOT inside\n  EOT)\nEOT\n  b = <<EOT\nEOT\n  c = <<EOT\nx\nEOT\n}\noutput \"o\" { value = [local.a, local.b, local.c] }\n",
            json!({"o": ["foo\nEOT inside\n  EOT)\n", "", "x\n"]}),
        ),
        (
            "locals {\n  a = [<<-EOT\n    EOT\n  , <<EOT\nEOT\n  , <<-X\n  X-1\n  X\n  ]\n}\noutput \"o\" { value = local.a }\n",
            json!({"o": ["", "", "X-1\n"]}),
        ),
    ];
    for (i, (text, want)) in cases.iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &[("main.tf", text)]);
        let (got, errors) = evaluate_outputs(
            dir.path(),
            &|p: &Path| p.to_string_lossy().into_owned(),
            &Options::default(),
        );
        assert!(errors.is_empty(), "case {i}: {errors:?}\n{text}");
        for (name, value) in want.as_object().unwrap() {
            let v = got
                .get(name)
                .unwrap_or_else(|| panic!("case {i}: no output {name}"));
            assert_eq!(
                &to_json(v),
                value,
                "case {i}, output {name}: {}\n{text}",
                v.display()
            );
        }
    }
}

fn to_json(v: &vigil_model::Val) -> serde_json::Value {
    match &v.value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => json!(b),
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => json!(*n as i64),
        Value::Number(n) => json!(n),
        Value::String(s) => json!(s),
        Value::List(items) => items.iter().map(to_json).collect(),
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), to_json(v))).collect(),
        Value::Unknown(u) => json!(format!("(unknown: {})", u.reason)),
    }
}

#[test]
fn the_last_repeated_key_is_the_value_and_its_origin() {
    let out = unit(&[(
        "main.tf",
        &("locals {\n  acl = {\n    bypass = \"AzureServices\"\n    bypass = \"None\"\n  }\n}\n"
            .to_string()
            + &kv("local.acl.bypass")),
    )]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    match out.resources[0].lookup("properties.networkAcls.bypass") {
        Lookup::Found(v) => {
            assert_eq!(v.display(), "None");
            assert_eq!(v.origin.as_ref().unwrap().line, 4);
        }
        other => panic!("{other:?}"),
    }
}

// ------------------------------------------------------------- item 9: broken inputs

#[test]
fn syntax_errors_are_where_the_mistake_is() {
    let cases: &[(&str, u32, &str)] = &[
        // An unterminated string: its own line, as terraform fmt says.
        (
            "locals {\n  a = \"abc\n  b = 1\n}\n\nresource \"x\" \"y\" {\n  c = 2\n}\n",
            2,
            "unterminated string",
        ),
        // A block left open: the line that opened it (the inner ones close).
        (
            "resource \"x\" \"y\" {\n  a = 1\n  b {\n    c = 2\n\n}\n\nlocals {\n  z = 1\n}\n",
            1,
            "unclosed block",
        ),
        ("locals {\n  a = [1,\n  2\n", 2, "unclosed bracket"),
        ("locals {\n  a = max(1,\n  2\n", 2, "unclosed parenthesis"),
        ("locals {\n  a = <<EOT\n  x\n}\n", 2, "unterminated heredoc"),
        // A mistake before the imbalance stays the one reported.
        ("resource \"x\" {\n  a = \n", 2, "syntax error"),
        // Syntax Terraform accepts (a repeated key, a line break after an operator) before
        // the mistake does not hide it.
        (
            "locals {\n  o = { a = 1, a = 2 }\n  r = \"unterminated\n}\n",
            3,
            "unterminated string",
        ),
        (
            "locals {\n  o = { a = 1, a = 2 }\n}\n\nresource \"x\" \"y\" {\n  a = 1\n",
            5,
            "unclosed block",
        ),
        (
            "locals {\n  o = { a = 1, a = 2, b = { c = 1, c = 2 } }\n  p = { for k in [1] : k => true &&\n    false }\n  q = [1,\n}\n",
            5,
            "syntax error",
        ),
    ];
    for (text, line, what) in cases {
        let out = unit(&[("bad.tf", text)]);
        assert_eq!(out.errors.len(), 1, "{text}: {:?}", out.errors);
        let e = &out.errors[0];
        assert_eq!(
            (e.line, e.message.contains(what)),
            (*line, true),
            "{text}: {e:?}"
        );
    }
}

#[test]
fn an_incomplete_unit_blames_no_name_and_says_so() {
    let out = unit(&[
        (
            "variables.tf",
            "variable \"bypass\" {\n  default = \"AzureServices\"\n}\nlocals {\n  x = \"oops\n}\n",
        ),
        ("main.tf", &kv("var.bypass")),
        ("terraform.tfvars", "bypass = \"None\"\n"),
    ]);
    let errors = messages(&out.errors);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("variables.tf:5:7: syntax error: unterminated string"),
        "{errors:?}"
    );
    // The tfvars value is not blamed as undeclared either.
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert!(matches!(bypass(&out), Value::Unknown(u) if u.reason.contains("files that parse")));
    assert_eq!(out.unchecked.len(), 1);
    assert_eq!(out.unchecked[0].kind, UncheckedKind::File);
    assert!(out.unchecked[0].at.message.contains("incomplete"));
}

// ------------------------------------------------------------- item 10: names that do not exist

#[test]
fn undeclared_names_are_errors_once_per_place_with_suggestions() {
    let module = "variable \"bypass\" {\n  default = \"AzureServices\"\n}\n".to_string()
        + &kv("var.bypas")
        + "output \"vault_name\" {\n  value = \"kv\"\n}\n";
    let root = "module \"kv\" {\n  source   = \"./m\"\n  for_each = toset([\"a\", \"b\"])\n}\nlocals {\n  n = module.kv[\"a\"].vault_nam\n  all = module.kv\n  m = { for k, v in module.kv : k => v.vault_name }\n}\n";
    let out = unit(&[("main.tf", root), ("m/main.tf", &module)]);
    let errors = messages(&out.errors);
    assert_eq!(
        errors,
        vec![
            "m/main.tf:7:22: reference to undeclared input variable `var.bypas`: no variable \"bypas\" is declared in this module; did you mean `var.bypass`?".to_string(),
            "main.tf:6:7: reference to undeclared output `vault_nam` of module.kv: the module in m declares no output \"vault_nam\"; did you mean `vault_name`?".to_string(),
        ]
    );
    // Both instances are evaluated, with an unknown bypass.
    assert_eq!(out.resources.len(), 2);
    assert!(matches!(bypass(&out), Value::Unknown(_)));
}

#[test]
fn addresses_in_moved_and_import_blocks_are_not_references() {
    let out = unit(&[(
        "main.tf",
        "moved {\n  from = module.old\n  to   = module.new\n}\nmodule \"new\" {\n  source = \"./m\"\n}\nremoved {\n  from = module.gone\n}\n",
    ), ("m/main.tf", "")]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
}

#[test]
fn values_for_undeclared_variables_warn_with_a_suggestion() {
    let out = unit(&[
        (
            "variables.tf",
            "variable \"kv_bypass\" {\n  default = \"None\"\n}\n",
        ),
        ("main.tf", &kv("var.kv_bypass")),
        (
            "terraform.tfvars",
            "kv_bypas = \"AzureServices\"\nunrelated = 1\n",
        ),
        ("x.auto.tfvars", "\nkv_bypass = \"None\"\n"),
    ]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let warnings = messages(&out.warnings);
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("terraform.tfvars:1:12: value for undeclared variable `kv_bypas`"),
        "{warnings:?}"
    );
    assert!(
        warnings[0].ends_with("did you mean `kv_bypass`?"),
        "{warnings:?}"
    );
    assert!(!warnings[1].contains("did you mean"), "{warnings:?}");

    // --var values the unit does not declare are the binary's business (across units).
    let opts = Options {
        vars: vec![("other".into(), "x".into())],
        var_files: vec![],
    };
    let out = unit_in(&[("main.tf", &kv("\"None\""))], ".", &opts);
    assert!(out.warnings.is_empty() && out.errors.is_empty());
}

#[test]
fn resource_types_close_to_a_checked_one_warn() {
    let out = unit(&[(
        "main.tf",
        "resource \"azurerm_key_vualt\" \"a\" {}\nresource \"azurerm_keyvault\" \"b\" {}\nresource \"azurerm_key_vault_key\" \"c\" {}\nresource \"azurerm_key_vault_secret\" \"d\" {}\nresource \"azurerm_resource_group\" \"e\" {}\nresource \"azapi_resource\" \"f\" {\n  type = \"Microsoft.KeyVault/vault@2023-07-01\"\n}\nresource \"azapi_resource\" \"g\" {\n  type = \"Microsoft.KeyVault/vaults/secrets@2023-07-01\"\n}\nresource \"azapi_resource\" \"h\" {\n  type = \"microsoft.keyvault/VAULTS@2023-07-01\"\n}\n",
    )]);
    let warnings = messages(&out.warnings);
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(warnings[0].starts_with("main.tf:1:1: resource type `azurerm_key_vualt`"));
    assert!(warnings[0].contains("did you mean `azurerm_key_vault`?"));
    assert!(warnings[1].starts_with("main.tf:2:1: resource type `azurerm_keyvault`"));
    assert!(warnings[2].starts_with("main.tf:7:10: azapi type `Microsoft.KeyVault/vault`"));
    assert!(warnings[2].contains("did you mean `Microsoft.KeyVault/vaults`?"));
}

// ------------------------------------------------------------- item 7: unchecked work

#[test]
fn empty_instances_and_missing_modules_are_said() {
    let out = unit(&[(
        "main.tf",
        "resource \"azurerm_key_vault\" \"a\" {\n  count = 0\n}\nresource \"azurerm_key_vault\" \"b\" {\n  for_each = {}\n}\nresource \"azurerm_key_vault\" \"c\" {\n  for_each = toset([])\n}\nresource \"azurerm_storage_account\" \"d\" {\n  count = 0\n}\nresource \"azapi_resource\" \"lock\" {\n  count = 0\n  type  = \"Microsoft.Authorization/locks@2020-05-01\"\n}\nresource \"azapi_resource\" \"v\" {\n  count = 0\n  type  = \"Microsoft.KeyVault/vaults@2023-07-01\"\n}\nmodule \"reg\" {\n  source = \"Azure/x/azurerm\"\n}\n",
    )]);
    let got: Vec<(UncheckedKind, String, u32)> = out
        .unchecked
        .iter()
        .map(|u| (u.kind, u.why.clone(), u.at.line))
        .collect();
    assert_eq!(
        got,
        vec![
            (UncheckedKind::Resource, "count is 0".to_string(), 1),
            (UncheckedKind::Resource, "for_each is empty".to_string(), 4),
            (UncheckedKind::Resource, "for_each is empty".to_string(), 7),
            (UncheckedKind::Resource, "count is 0".to_string(), 17),
            (UncheckedKind::Module, "not installed".to_string(), 21),
        ]
    );
    assert!(out.errors.is_empty(), "{:?}", out.errors);
}

#[test]
fn a_missing_local_module_is_not_checked_with_a_case_suggestion() {
    let out = unit_in(
        &[
            (
                "root/main.tf",
                "module \"kv\" {\n  source = \"../Modules/kv\"\n}\n",
            ),
            ("modules/KV/main.tf", &kv("\"None\"")),
        ],
        "root",
        &Options::default(),
    );
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let notes: Vec<(String, String)> = out
        .unchecked
        .iter()
        .map(|u| {
            (
                u.why.clone(),
                format!(
                    "{}:{}:{}: {}",
                    u.at.file, u.at.line, u.at.column, u.at.message
                ),
            )
        })
        .collect();
    assert_eq!(
        notes,
        vec![("not found".to_string(), "root/main.tf:1:1: module.kv (source \"../Modules/kv\") is not checked: Modules/kv is not a directory; did you mean \"../modules/KV\"?".to_string())]
    );
    assert!(out.resources.is_empty());
}

// ------------------------------------------------------------- item 6: installed modules

#[test]
fn an_installed_modules_default_points_at_the_call() {
    let out = unit(&[
        ("main.tf", "module \"kv\" {\n  source = \"Azure/keyvault/azurerm\"\n}\nmodule \"set\" {\n  source = \"Azure/keyvault/azurerm\"\n  network_acls = { bypass = \"None\" }\n}\n"),
        (
            ".terraform/modules/modules.json",
            r#"{"Modules":[{"Key":"kv","Dir":".terraform/modules/kv"},{"Key":"set","Dir":".terraform/modules/kv"}]}"#,
        ),
        (
            ".terraform/modules/kv/main.tf",
            "variable \"network_acls\" {\n  default = {\n    bypass = \"None\"\n  }\n}\nresource \"azurerm_key_vault\" \"this\" {\n  network_acls {\n    bypass         = var.network_acls.bypass\n    default_action = \"Deny\"\n  }\n}\n",
        ),
    ]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let r = &out.resources[0];
    assert_eq!(r.address, "module.kv.azurerm_key_vault.this");
    let Lookup::Found(v) = r.lookup("properties.networkAcls.bypass") else {
        panic!()
    };
    let origin = v.origin.as_ref().unwrap();
    assert_eq!((&*origin.file, origin.line), ("main.tf", 1));
    let last = v.trace.last().unwrap();
    assert_eq!(
        (&*last.location.file, last.location.line),
        (".terraform/modules/kv/main.tf", 3)
    );
    assert!(
        last.label.contains("pass `network_acls` in module \"kv\""),
        "{}",
        last.label
    );
    assert_eq!(
        r.display_name("properties.networkAcls.bypass"),
        "network_acls.bypass of module \"kv\""
    );
    // An argument the caller passes keeps its own place.
    let r = &out.resources[1];
    let Lookup::Found(v) = r.lookup("properties.networkAcls.bypass") else {
        panic!()
    };
    assert_eq!(v.origin.as_ref().unwrap().line, 6);
    assert_eq!(
        r.display_name("properties.networkAcls.bypass"),
        "network_acls.bypass"
    );
}

#[test]
fn undeclared_names_in_json_syntax_are_errors_too() {
    let json = r#"{
  "variable": {"bypass": {"default": "None"}},
  "locals": {"mode": "Deny"},
  "resource": {
    "azurerm_key_vault": {
      "kv": {
        "name": "kv-${local.mod}",
        "network_acls": {"bypass": "${var.bypas}", "default_action": "${local.mode}"}
      }
    }
  }
}"#;
    let out = unit(&[("main.tf.json", json)]);
    assert_eq!(
        messages(&out.errors),
        vec![
            "main.tf.json:7:23: reference to undeclared local value `local.mod`: no local value \"mod\" is declared in this module; did you mean `local.mode`?".to_string(),
            "main.tf.json:8:39: reference to undeclared input variable `var.bypas`: no variable \"bypas\" is declared in this module; did you mean `var.bypass`?".to_string(),
        ]
    );
}

#[test]
fn module_arguments_the_module_does_not_declare_are_errors() {
    let module =
        "variable \"bypass\" {\n  default = \"AzureServices\"\n}\n".to_string() + &kv("var.bypass");
    let out = unit(&[
        ("main.tf", "module \"kv\" {\n  source     = \"./m\"\n  count      = 2\n  depends_on = []\n  bypas      = \"None\"\n}\n"),
        ("m/main.tf", &module),
    ]);
    assert_eq!(
        messages(&out.errors),
        vec!["main.tf:5:16: module.kv has an argument `bypas` that the module in m declares no variable for; did you mean `bypass`?".to_string()]
    );
    assert_eq!(out.resources.len(), 2);
}

#[test]
fn a_module_without_a_literal_source_is_an_error() {
    let out = unit(&[(
        "main.tf",
        "variable \"s\" {\n  default = \"./m\"\n}\nmodule \"a\" {\n  source = var.s\n}\nmodule \"b\" {\n  bypass = 1\n}\n",
    )]);
    let errors = messages(&out.errors);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].starts_with("main.tf:4:1: module.a: `source` must be a literal string"));
    assert!(errors[1].starts_with("main.tf:7:1: module.b has no `source` argument"));
}

#[test]
fn a_module_call_with_no_instances_is_said_once() {
    let module = kv("\"None\"");
    let out = unit(&[
        ("main.tf", "module \"kv\" {\n  source = \"./m\"\n  count  = 0\n}\nmodule \"empty\" {\n  source   = \"./m\"\n  for_each = {}\n}\nmodule \"nothing\" {\n  source = \"./n\"\n  count  = 0\n}\n"),
        ("m/main.tf", &module),
        ("n/main.tf", "resource \"azurerm_resource_group\" \"rg\" {}\n"),
    ]);
    let got: Vec<(UncheckedKind, String, u32)> = out
        .unchecked
        .iter()
        .map(|u| (u.kind, u.why.clone(), u.at.line))
        .collect();
    assert_eq!(
        got,
        vec![
            (UncheckedKind::Module, "count is 0".to_string(), 1),
            (UncheckedKind::Module, "for_each is empty".to_string(), 5),
        ]
    );
    assert!(out.resources.is_empty());
}

// ------------------------------------------------------------- item 1: files vigil may read

/// A FIFO (or a device or socket) with a Terraform name beside the configuration is never
/// opened, since reading it blocks forever: it is said to be left out, and the rest is checked.
#[cfg(unix)]
#[test]
fn files_that_are_not_regular_are_not_read_and_are_said() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &[("main.tf", &kv("\"None\""))]);
    for name in ["fifo.tf", "terraform.tfvars", "x.auto.tfvars", "y.tf.json"] {
        let status = std::process::Command::new("mkfifo")
            .arg(dir.path().join(name))
            .status()
            .unwrap();
        assert!(status.success());
    }
    let root = dir.path().canonicalize().unwrap();
    // A hang fails the test instead of stopping it.
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let out = evaluate_dir(
            &root,
            &|p: &Path| {
                p.strip_prefix(&root)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned()
            },
            &Options::default(),
        );
        send.send(out).unwrap();
    });
    let out = receive
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("reading a FIFO blocked the evaluation");
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(bypass(&out), Value::String("None".into()));
    let mut got: Vec<(UncheckedKind, String, String)> = out
        .unchecked
        .iter()
        .map(|u| (u.kind, u.why.clone(), u.at.file.to_string()))
        .collect();
    got.sort();
    let want: Vec<(UncheckedKind, String, String)> =
        ["fifo.tf", "terraform.tfvars", "x.auto.tfvars", "y.tf.json"]
            .iter()
            .map(|f| {
                (
                    UncheckedKind::File,
                    "not a regular file".into(),
                    f.to_string(),
                )
            })
            .collect();
    assert_eq!(got, want);
    assert!(out.unchecked[0].at.message.contains("FIFO"));
    let files: Vec<&str> = out.files.iter().map(|f| &*f.path).collect();
    assert_eq!(files, vec!["main.tf"]);
}

/// Every file a unit reads counts as checked: `.tf.json` and `.tfvars.json` too, in the root
/// and in the modules it calls.
#[test]
fn json_syntax_files_are_files_read() {
    let out = unit(&[
        (
            "main.tf.json",
            r#"{"variable": {"b": {}}, "module": {"m": {"source": "./m", "b": "${var.b}"}}}"#,
        ),
        ("terraform.tfvars.json", r#"{"b": "None"}"#),
        (
            "m/main.tf.json",
            r#"{"variable": {"b": {}}, "resource": {"azurerm_key_vault": {"kv": {"name": "x", "network_acls": {"bypass": "${var.b}", "default_action": "Deny"}}}}}"#,
        ),
    ]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(bypass(&out), Value::String("None".into()));
    let mut files: Vec<&str> = out.files.iter().map(|f| &*f.path).collect();
    files.sort_unstable();
    assert_eq!(
        files,
        vec!["m/main.tf.json", "main.tf.json", "terraform.tfvars.json"]
    );
}

// ------------------------------------------------------------- override files

/// A nested block type in an override block replaces all the original's blocks of that type,
/// `dynamic` ones included, and in JSON an argument of the block's name does the same; other
/// arguments and blocks stay.
#[test]
fn override_blocks_replace_nested_block_types_whole() {
    let base = "variable \"acls\" {\n  default = [{ bypass = \"AzureServices\" }]\n}\nresource \"azurerm_key_vault\" \"kv\" {\n  name = \"kv\"\n  dynamic \"network_acls\" {\n    for_each = var.acls\n    content {\n      bypass         = network_acls.value.bypass\n      default_action = \"Deny\"\n    }\n  }\n}\nresource \"azurerm_key_vault\" \"j\" {\n  name = \"j\"\n  network_acls {\n    bypass         = \"AzureServices\"\n    default_action = \"Deny\"\n  }\n}\n";
    let over = "resource \"azurerm_key_vault\" \"kv\" {\n  network_acls {\n    bypass         = \"None\"\n    default_action = \"Deny\"\n  }\n}\n";
    let json = r#"{"resource": {"azurerm_key_vault": {"j": {"network_acls": {"bypass": "None", "default_action": "Deny"}}}}}"#;
    let out = unit(&[
        ("main.tf", base),
        ("kv_override.tf", over),
        ("z_override.tf.json", json),
    ]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.resources.len(), 2);
    for r in &out.resources {
        let Lookup::Found(v) = r.lookup("properties.networkAcls.bypass") else {
            panic!("{}", r.address)
        };
        assert_eq!(v.display(), "None", "{}", r.address);
        let origin = v.origin.as_ref().unwrap();
        let want = if r.address.ends_with(".kv") {
            ("kv_override.tf", 3)
        } else {
            ("z_override.tf.json", 1)
        };
        assert_eq!((&*origin.file, origin.line), want, "{}", r.address);
        // The resource stays where the primary file declares it.
        assert_eq!(&*r.location.file, "main.tf");
    }
}

#[test]
fn an_override_may_not_set_depends_on() {
    let out = unit(&[
        ("main.tf", &kv("\"None\"")),
        (
            "override.tf",
            "resource \"azurerm_key_vault\" \"kv\" {\n  depends_on = []\n}\n",
        ),
    ]);
    assert_eq!(
        messages(&out.errors),
        vec!["override.tf:2:16: unsupported override: `depends_on` may not be overridden, Terraform refuses it in an override block".to_string()]
    );
    assert_eq!(bypass(&out), Value::String("None".into()));
}
