//! No input may panic, hang or overflow the stack: random configurations made of Terraform's
//! own pieces, evaluated as a unit.

use proptest::prelude::*;
use std::path::Path;
use vigil_model::{Lookup, UnitOutput, Value};
use vigil_terraform::{evaluate_dir, Options};

/// Pieces that make near-valid Terraform, so that inputs reach the evaluator, not only the
/// parser.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "locals {",
        "}",
        "{",
        "[",
        "]",
        "(",
        ")",
        "\n",
        " = ",
        "a",
        "b",
        "local.a",
        "local.b",
        "var.x",
        "var.y",
        "\"None\"",
        "\"${local.a}\"",
        "\"%{ if true }x%{ endif }\"",
        "1",
        "-1",
        "0.5",
        "true",
        "null",
        "? ",
        " : ",
        " && ",
        " || ",
        " == ",
        " + ",
        " * ",
        " / ",
        " % ",
        ",",
        ".",
        "[*]",
        "[0]",
        "for k, v in ",
        "=> ",
        "...",
        "lower(",
        "coalesce(",
        "jsonencode(",
        "jsondecode(",
        "try(",
        "can(",
        "format(\"%s\", ",
        "element(",
        "range(",
        "flatten(",
        "merge(",
        "lookup(",
        "tostring(",
        "variable \"x\" {\n default = ",
        "dynamic \"network_acls\" {\n for_each = ",
        "content {",
        "resource \"azurerm_key_vault\" \"kv\" {",
        "network_acls {",
        "bypass = ",
        "count = ",
        "for_each = ",
        "module \"m\" {\n source = \"./\"\n",
        "each.value",
        "count.index",
        "<<EOT\n",
        "EOT\n",
        "# c\n",
        "/* c */",
        "data.x.y.z",
    ])
}

fn config() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|pieces| pieces.concat())
}

const VARS: &str = "variable \"x\" { default = \"None\" }\nvariable \"y\" {}\n";

/// `text` as `main.tf` beside `vars.tf` ([`VARS`]), evaluated as a unit; the files are named
/// by their names alone.
fn evaluate(text: &str) -> UnitOutput {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), text).unwrap();
    std::fs::write(dir.path().join("vars.tf"), VARS).unwrap();
    let root = dir.path().to_path_buf();
    let out = evaluate_dir(
        dir.path(),
        &|p: &Path| {
            p.strip_prefix(&root)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned()
        },
        &Options::default(),
    );
    // Whatever it made of the input, every error names a place in one of the two files: a
    // line of it (or the line after its last, where an unclosed construct is found) and a
    // message.
    for e in &out.errors {
        let lines = match &*e.file {
            "main.tf" => text.lines().count(),
            "vars.tf" => VARS.lines().count(),
            other => panic!("an error in {other:?}, which is neither main.tf nor vars.tf: {e:?}"),
        };
        assert!(
            (1..=lines as u32 + 1).contains(&e.line) && e.column >= 1,
            "{e:?} is not in {} ({lines} lines)",
            e.file
        );
        assert!(!e.message.is_empty(), "{e:?}");
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_configurations_never_panic(text in config()) {
        evaluate(&text);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        evaluate(&String::from_utf8_lossy(&bytes));
    }
}

/// `bypass = local.l0`, where `l0` is `local.l1` and so on up to `l{len}`, which is "None".
fn chain_of_locals(len: usize) -> String {
    let mut text = String::from("locals {\n");
    for i in 0..len {
        text.push_str(&format!("  l{i} = local.l{}\n", i + 1));
    }
    text.push_str(&format!("  l{len} = \"None\"\n}}\n"));
    text.push_str("resource \"azurerm_key_vault\" \"kv\" {\n  network_acls {\n    bypass = local.l0\n  }\n}\n");
    text
}

fn bypass(out: &UnitOutput) -> &vigil_model::Val {
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.resources.len(), 1);
    match out.resources[0].lookup("properties.networkAcls.bypass") {
        Lookup::Found(v) | Lookup::Unknown(v) => v,
        other => panic!("{other:?}"),
    }
}

#[test]
fn long_chains_of_locals_end() {
    // Within the evaluator's depth bound (200: each reference is a level), a chain is followed
    // to its end.
    let out = evaluate(&chain_of_locals(150));
    assert_eq!(bypass(&out).value, Value::String("None".into()));
    // Past it, the value is unknown, said at the reference that went one level too deep: the
    // 201st, `local.l200` on line 201 (line 1 is `locals {`, line i + 2 is `l{i} = local.l{i+1}`).
    let out = evaluate(&chain_of_locals(5000));
    let v = bypass(&out);
    match &v.value {
        Value::Unknown(u) => assert_eq!(
            u.reason,
            "expression nested more than 200 levels deep (main.tf:201)"
        ),
        other => panic!("{other:?}"),
    }
    let at = v.origin.as_ref().expect("a place");
    assert_eq!((&*at.file, at.line, at.column), ("main.tf", 201, 10));
}

/// A conditional evaluates the branch it does not take too (for the result's type): nested
/// conditionals and try() must still cost time in proportion to their size, not double at each
/// level.
#[test]
fn nested_conditionals_and_tries_end_quickly() {
    // Deep enough to hang if each level doubled, within the evaluator's depth bound.
    let depth = 30;
    let mut expr = String::from("[]");
    for _ in 0..depth {
        expr = format!("(true ? [1] : try(false ? {expr} : [], []))");
    }
    let text = format!(
        "resource \"azurerm_key_vault\" \"kv\" {{\n  network_acls {{\n    bypass = length({expr})\n  }}\n}}\n"
    );
    let started = std::time::Instant::now();
    evaluate(&text);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}
