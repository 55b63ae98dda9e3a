//! No input may panic, hang or overflow the stack: random configurations made of Terraform's
//! own pieces, evaluated as a unit.

use proptest::prelude::*;
use std::path::Path;
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

fn evaluate(text: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.tf"), text).unwrap();
    std::fs::write(
        dir.path().join("vars.tf"),
        "variable \"x\" { default = \"None\" }\nvariable \"y\" {}\n",
    )
    .unwrap();
    let out = evaluate_dir(
        dir.path(),
        &|p: &Path| p.to_string_lossy().into_owned(),
        &Options::default(),
    );
    // Whatever it made of the input, every error names a place.
    for e in &out.errors {
        assert!(!e.file.is_empty() && !e.message.is_empty());
    }
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

#[test]
fn long_chains_of_locals_end() {
    let mut text = String::from("locals {\n");
    for i in 0..5000 {
        text.push_str(&format!("  l{i} = local.l{}\n", i + 1));
    }
    text.push_str("  l5000 = \"None\"\n}\n");
    text.push_str("resource \"azurerm_key_vault\" \"kv\" {\n  network_acls {\n    bypass = local.l0\n  }\n}\n");
    evaluate(&text);
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
