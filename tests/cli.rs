//! End-to-end tests of the `vigil` binary, run the way a user runs it: exit codes, flags,
//! output files and formats, bad input.

mod common;

use common::*;

// ---------------------------------------------------------------- exit codes

#[test]
fn exit_0_when_nothing_fails() {
    let p = project(&[("main.tf", &vault_ok())]);
    assert_exit(&run(vigil().arg("check").arg(p.path())), 0);
}

#[test]
fn exit_1_on_a_failing_finding() {
    let p = project(&[("main.tf", &vault_none())]);
    assert_exit(&run(vigil().arg("check").arg(p.path())), 1);
}

#[test]
fn exit_2_on_a_nonexistent_path() {
    let p = project(&[]);
    let missing = p.path().join("no-such-dir");
    let o = run(vigil().arg("check").arg(&missing));
    assert_exit(&o, 2);
    assert!(
        all_output(&o).contains("no-such-dir"),
        "the error should name the path:\n{}",
        all_output(&o)
    );
}

#[test]
fn errors_win_over_findings() {
    let p = project(&[
        ("main.tf", &vault_none()),
        ("broken.tf", "resource \"x\" \"y\" {\n  a = = 1\n}\n"),
    ]);
    assert_exit(&run(vigil().arg("check").arg(p.path())), 2);
}

#[test]
fn default_path_is_the_current_directory() {
    let p = project(&[("main.tf", &vault_none())]);
    assert_exit(&run(vigil().current_dir(p.path()).arg("check")), 1);
    let ok = project(&[("main.tf", &vault_ok())]);
    assert_exit(&run(vigil().current_dir(ok.path()).arg("check")), 0);
}

#[test]
fn exit_zero_turns_failing_findings_into_success() {
    let p = project(&[("main.tf", &vault_none_allow())]);
    let o = run(vigil().arg("check").arg(p.path()).arg("--exit-zero"));
    assert_exit(&o, 0);
    assert!(
        stdout(&o).contains("AZKV001"),
        "findings are still reported:\n{}",
        stdout(&o)
    );
}

#[test]
fn exit_zero_does_not_hide_errors() {
    let p = project(&[
        ("main.tf", &vault_none()),
        ("broken.tf", "resource \"x\" \"y\" {\n  a = = 1\n}\n"),
    ]);
    assert_exit(
        &run(vigil().arg("check").arg(p.path()).arg("--exit-zero")),
        2,
    );
}

#[test]
fn undetermined_does_not_fail_unless_fail_on_unknown() {
    let p = project(&[("main.tf", &vault_var()), ("variables.tf", &variable(None))]);
    let o = check_sarif(p.path(), &[]);
    assert_exit(&o, 0);
    let log = sarif(&o);
    let res = results(&log);
    assert_eq!(res.len(), 1, "one undetermined result: {log:#}");
    assert_eq!(res[0]["ruleId"], "AZKV001");
    assert_eq!(res[0]["kind"], "review");
    assert_eq!(res[0]["level"], "note");

    assert_exit(&check_sarif(p.path(), &["--fail-on-unknown"]), 1);
}

#[test]
fn suppressed_findings_do_not_fail() {
    let text = vault_none().replace(
        "    bypass",
        "    # vigil:ignore AZKV001 -- reached through a private endpoint\n    bypass",
    );
    let p = project(&[("main.tf", &text)]);
    let o = check_sarif(p.path(), &[]);
    assert_exit(&o, 0);
    let log = sarif(&o);
    let res = results(&log);
    assert_eq!(res.len(), 1, "the suppressed result is kept: {log:#}");
    let sup = res[0]["suppressions"]
        .as_array()
        .expect("suppressions on the result");
    assert!(!sup.is_empty());
    // The same run with --fail-on-unknown still passes: suppression is not undetermined.
    assert_exit(&check_sarif(p.path(), &["--fail-on-unknown"]), 0);
}

// ---------------------------------------------------------------- rule selection

#[test]
fn select_runs_only_the_named_rules() {
    let p = project(&[("main.tf", &vault_none_allow())]);
    let o = check_sarif(p.path(), &["--select", "AZKV002"]);
    assert_exit(&o, 1);
    assert_eq!(rule_ids(&sarif(&o)), ["AZKV002"]);

    let o = check_sarif(p.path(), &["--select", "AZKV001,AZKV002"]);
    assert_exit(&o, 1);
    assert_eq!(rule_ids(&sarif(&o)), ["AZKV001", "AZKV002"]);

    let open = project(&[("main.tf", &vault_open())]);
    let o = check_sarif(open.path(), &["--select", "AZKV001"]);
    assert_exit(&o, 0);
    assert!(rule_ids(&sarif(&o)).is_empty());
}

#[test]
fn ignore_skips_the_named_rules() {
    let p = project(&[("main.tf", &vault_none_allow())]);
    let o = check_sarif(p.path(), &["--ignore", "AZKV001"]);
    assert_exit(&o, 1);
    assert_eq!(rule_ids(&sarif(&o)), ["AZKV002"]);

    let o = check_sarif(p.path(), &["--ignore", "AZKV001,AZKV002"]);
    assert_exit(&o, 0);
    assert!(rule_ids(&sarif(&o)).is_empty());

    let none = project(&[("main.tf", &vault_none())]);
    assert_exit(&check_sarif(none.path(), &["--ignore", "AZKV001"]), 0);
}

#[test]
fn select_accepts_names_and_prefixes() {
    let p = project(&[("main.tf", &vault_none_allow())]);
    let o = check_sarif(p.path(), &["--select", "key-vault-firewall-enabled"]);
    assert_exit(&o, 1);
    assert_eq!(rule_ids(&sarif(&o)), ["AZKV002"]);
    let o = check_sarif(p.path(), &["--select", "AZKV"]);
    assert_eq!(rule_ids(&sarif(&o)), ["AZKV001", "AZKV002"]);
    let o = check_sarif(p.path(), &["--ignore", "key-vault-trusted-services-bypass"]);
    assert_eq!(rule_ids(&sarif(&o)), ["AZKV002"]);
}

#[test]
fn unknown_rule_in_select_or_ignore_is_a_usage_error() {
    let p = project(&[("main.tf", &vault_ok())]);
    for flag in ["--select", "--ignore"] {
        let o = run(vigil()
            .arg("check")
            .arg(p.path())
            .args([flag, "AZKV001,AZKV999"]));
        assert_exit(&o, 2);
        assert!(
            stderr(&o).contains("AZKV999"),
            "{flag}: the error should name the unknown rule:\n{}",
            stderr(&o)
        );
    }
}

// ---------------------------------------------------------------- output

#[test]
fn output_writes_the_file_and_nothing_to_stdout() {
    let p = project(&[("main.tf", &vault_none())]);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("report.sarif");
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--format", "sarif", "--output"])
        .arg(&file));
    assert_exit(&o, 1);
    assert!(
        o.stdout.is_empty(),
        "nothing on stdout with --output:\n{}",
        stdout(&o)
    );
    let log: Value = serde_json::from_slice(&std::fs::read(&file).expect("the output file"))
        .expect("the output file is JSON");
    assert_eq!(rule_ids(&log), ["AZKV001"]);
}

#[test]
fn output_into_a_missing_directory_is_an_error() {
    let p = project(&[("main.tf", &vault_ok())]);
    let out = tempfile::tempdir().unwrap();
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .arg("--output")
        .arg(out.path().join("no-such-dir").join("report.txt")));
    assert_exit(&o, 2);
    assert!(
        !stderr(&o).trim().is_empty(),
        "an error message is expected"
    );
}

#[test]
fn json_format_has_findings_and_errors() {
    let p = project(&[("main.tf", &vault_none())]);
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--format", "json"]));
    assert_exit(&o, 1);
    let v = sarif(&o);
    assert_eq!(v["version"], 1, "{v:#}");
    let findings = v["findings"].as_array().expect("a findings array");
    assert_eq!(findings.len(), 1, "{v:#}");
    assert_eq!(v["summary"]["failing"], 1, "{v:#}");
    assert!(v["errors"].as_array().expect("an errors array").is_empty());
    let text = findings[0].to_string();
    assert!(text.contains("AZKV001"), "{text}");

    let clean = project(&[("main.tf", &vault_ok())]);
    let o = run(vigil()
        .arg("check")
        .arg(clean.path())
        .args(["--format", "json"]));
    assert_exit(&o, 0);
    let v = sarif(&o);
    assert!(v["findings"].as_array().expect("findings").is_empty());
    assert!(v["errors"].as_array().expect("errors").is_empty());
}

#[test]
fn sarif_result_shape() {
    let p = project(&[("main.tf", &vault_none())]);
    let o = check_sarif(p.path(), &[]);
    assert_exit(&o, 1);
    let log = sarif(&o);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"].as_array().map(Vec::len), Some(1));
    let rules: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("tool.driver.rules")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(rules.contains(&"AZKV001"), "{rules:?}");

    let res = results(&log);
    assert_eq!(res.len(), 1, "{log:#}");
    let r = &res[0];
    assert_eq!(r["ruleId"], "AZKV001");
    assert_eq!(r["kind"], "fail");
    assert!(r["message"]["text"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(r["suppressions"].is_null(), "not suppressed: {r:#}");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "main.tf");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    // `    bypass         = "None"` is line 9; the region covers the value.
    let region = &loc["region"];
    assert_eq!(region["startLine"], 9, "{region}");
    assert_eq!(region["endLine"], 9, "{region}");
    let start = region["startColumn"].as_u64().expect("startColumn");
    let end = region["endColumn"].as_u64().expect("endColumn");
    assert!((22..=23).contains(&start), "startColumn {start}");
    assert!(end > start && end <= 28, "endColumn {end}");
    let res_prop = &r["properties"]["resource"];
    assert_eq!(res_prop["address"], "azurerm_key_vault.kv");
    assert_eq!(res_prop["file"], "main.tf");
    assert_eq!(res_prop["line"], 1);
    assert!(res_prop["type"].is_string(), "{res_prop}");
    assert!(
        r["partialFingerprints"]
            .as_object()
            .is_some_and(|f| !f.is_empty()),
        "partialFingerprints: {r:#}"
    );
}

#[test]
fn trace_hops_become_related_locations() {
    let p = project(&[
        ("main.tf", &vault_var()),
        ("variables.tf", &variable(Some("None"))),
    ]);
    let o = check_sarif(p.path(), &[]);
    assert_exit(&o, 1);
    let log = sarif(&o);
    let res = results(&log);
    assert_eq!(res.len(), 1, "{log:#}");
    let loc = &res[0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "variables.tf");
    assert_eq!(loc["region"]["startLine"], 3);
    let related = res[0]["relatedLocations"]
        .as_array()
        .expect("relatedLocations");
    assert!(
        related.iter().any(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"] == "main.tf"
                && l["physicalLocation"]["region"]["startLine"] == 9
        }),
        "the use of var.bypass at main.tf:9 is a related location: {related:#?}"
    );
}

#[test]
fn fingerprints_are_stable_when_lines_move() {
    let p = project(&[("main.tf", &vault_none())]);
    let moved = project(&[(
        "main.tf",
        &format!("# a comment\n\n# pushing the vault down\n{}", vault_none()),
    )]);
    let fp = |dir: &Path| {
        let o = check_sarif(dir, &[]);
        let log = sarif(&o);
        results(&log)[0]["partialFingerprints"].clone()
    };
    assert_eq!(fp(p.path()), fp(moved.path()));
}

#[test]
fn text_output_names_rule_and_place() {
    let p = project(&[("main.tf", &vault_none())]);
    let o = run(vigil()
        .current_dir(p.path())
        .args(["check", ".", "--no-color"]));
    assert_exit(&o, 1);
    let out = stdout(&o);
    assert!(out.contains("AZKV001"), "{out}");
    assert!(out.contains("main.tf:9"), "{out}");
    assert!(!out.contains('\u{1b}'), "no escape codes with --no-color");
}

#[test]
fn quiet_keeps_the_exit_code() {
    let p = project(&[("main.tf", &vault_none())]);
    assert_exit(&run(vigil().arg("check").arg(p.path()).arg("--quiet")), 1);
    let ok = project(&[("main.tf", &vault_ok())]);
    assert_exit(&run(vigil().arg("check").arg(ok.path()).arg("--quiet")), 0);
}

#[test]
fn bad_usage_exits_2() {
    let p = project(&[("main.tf", &vault_ok())]);
    assert_exit(
        &run(vigil().arg("check").arg(p.path()).args(["--format", "xml"])),
        2,
    );
    assert_exit(&run(vigil().arg("check").arg("--no-such-flag")), 2);
    assert_exit(&run(vigil().arg("no-such-command")), 2);
    assert_exit(&run(vigil().arg("--help")), 0);
}

// ---------------------------------------------------------------- bad input

/// Situation (o): a syntax error beside a good file.
#[test]
fn syntax_error_beside_a_good_file() {
    let broken = "resource \"azurerm_resource_group\" \"rg\" {\n  name     = \"rg-broken\"\n  location = = \"westeurope\"\n}\n";
    let p = project(&[("main.tf", &vault_none()), ("broken.tf", broken)]);

    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--format", "json"]));
    assert_exit(&o, 2);
    let v = sarif(&o);
    let findings = v["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "the good file is still checked: {v:#}");
    assert!(findings[0].to_string().contains("AZKV001"));
    let errors = v["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{v:#}");
    assert!(
        errors[0]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("broken.tf")),
        "{v:#}"
    );
    assert_eq!(errors[0]["line"], 3, "{v:#}");
    assert!(
        errors[0]["column"].as_u64().is_some_and(|c| c >= 1),
        "{v:#}"
    );

    let o = run(vigil().arg("check").arg(p.path()).arg("--no-color"));
    assert_exit(&o, 2);
    let all = all_output(&o);
    assert!(
        all.contains("broken.tf:3"),
        "the error names file and line:\n{all}"
    );
    assert!(stdout(&o).contains("AZKV001"), "{}", stdout(&o));
}

#[test]
fn invalid_utf8_is_an_error_naming_the_file() {
    let p = project(&[("main.tf", &vault_ok())]);
    std::fs::write(
        p.path().join("latin1.tf"),
        b"# caf\xe9\nlocals {\n  x = \"\xff\"\n}\n",
    )
    .unwrap();
    let o = run(vigil().arg("check").arg(p.path()));
    assert_exit(&o, 2);
    assert!(all_output(&o).contains("latin1.tf"), "{}", all_output(&o));
    // Machine formats keep stdout parseable and name the file on stderr.
    let o = check_sarif(p.path(), &[]);
    assert_exit(&o, 2);
    sarif(&o);
    assert!(stderr(&o).contains("latin1.tf"), "{}", stderr(&o));
}

#[test]
fn directory_without_terraform_is_fine() {
    let p = project(&[
        ("README.md", "# nothing to see\n"),
        ("notes.txt", "bypass = \"None\"\n"),
        ("scripts/deploy.sh", "#!/bin/sh\necho bypass None\n"),
    ]);
    let o = run(vigil().arg("check").arg(p.path()));
    assert_exit(&o, 0);
    let empty = project(&[]);
    assert_exit(&run(vigil().arg("check").arg(empty.path())), 0);
}

#[test]
fn empty_tf_file() {
    let p = project(&[("main.tf", "")]);
    assert_exit(&run(vigil().arg("check").arg(p.path())), 0);
    let p = project(&[("main.tf.json", "")]);
    let o = run(vigil().arg("check").arg(p.path()));
    assert!(matches!(code(&o), 0 | 2), "exit {}", code(&o));
}

/// Input that must never crash or hang vigil: it may be rejected (exit 2 with a message) or
/// accepted (exit 0, or 1 when the input really fails a rule).
fn survives(files: &[(&str, &[u8])], allowed: &[i32]) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let o = run(vigil().arg("check").arg(dir.path()).arg("--no-color"));
    let c = code(&o);
    assert!(
        allowed.contains(&c),
        "exit {c}, allowed {allowed:?}; stderr:\n{}",
        tail(&stderr(&o))
    );
    if c == 2 {
        assert!(
            all_output(&o).contains("error"),
            "exit 2 needs an error message:\n{}",
            tail(&all_output(&o))
        );
    }
}

#[test]
fn binary_garbage_named_tf() {
    let mut garbage = Vec::with_capacity(64 * 1024);
    let mut x: u32 = 0x1234_5678;
    for _ in 0..64 * 1024 {
        // xorshift: deterministic noise, including NUL and invalid UTF-8.
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        garbage.push((x >> 24) as u8);
    }
    survives(&[("garbage.tf", &garbage)], &[0, 2]);
    survives(&[("garbage.tf.json", &garbage)], &[0, 2]);
    survives(&[("terraform.tfvars", &garbage)], &[0, 2]);
    survives(
        &[("nul.tf", b"locals {\n  x = \"\0\0\0\"\n}\n\0\0")],
        &[0, 2],
    );
}

#[test]
fn deeply_nested_parentheses() {
    let depth = 5000;
    let expr = format!("{}1{}", "(".repeat(depth), ")".repeat(depth));
    survives(
        &[(
            "main.tf",
            format!("locals {{\n  x = {expr}\n}}\n").as_bytes(),
        )],
        &[0, 2],
    );
    // The nesting on the path the rule evaluates.
    let none = format!("{}\"None\"{}", "(".repeat(depth), ")".repeat(depth));
    let tf = vault("kv", Some((none.as_str(), r#""Deny""#)), "");
    survives(&[("main.tf", tf.as_bytes())], &[1, 2]);
}

#[test]
fn deeply_nested_lists_and_objects() {
    let depth = 5000;
    let lists = format!("{}\"None\"{}", "[".repeat(depth), "]".repeat(depth));
    survives(
        &[(
            "main.tf",
            format!("locals {{\n  x = {lists}\n}}\n").as_bytes(),
        )],
        &[0, 2],
    );
    let objects = format!("{}1{}", "{ a = ".repeat(depth), " }".repeat(depth));
    survives(
        &[(
            "main.tf",
            format!("locals {{\n  x = {objects}\n}}\n").as_bytes(),
        )],
        &[0, 2],
    );
    let blocks = format!(
        "resource \"azurerm_key_vault\" \"kv\" {{\n{}{}}}\n",
        "b {\n".repeat(depth),
        "}\n".repeat(depth)
    );
    survives(&[("main.tf", blocks.as_bytes())], &[0, 1, 2]);
    let json = format!(
        "{{\"locals\": {{\"x\": {}1{}}}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    survives(&[("main.tf.json", json.as_bytes())], &[0, 2]);
    // Evaluated through the rule: index down the nested lists.
    let index = "[0]".repeat(depth);
    let tf = format!(
        "locals {{\n  x = {lists}\n}}\n\n{}",
        vault(
            "kv",
            Some((format!("local.x{index}").as_str(), r#""Deny""#)),
            ""
        )
    );
    survives(&[("main.tf", tf.as_bytes())], &[1, 2]);
}

#[test]
fn huge_string_and_long_line() {
    let big = "A".repeat(16 * 1024 * 1024);
    survives(
        &[(
            "main.tf",
            format!("locals {{\n  x = \"{big}\"\n}}\n").as_bytes(),
        )],
        &[0, 2],
    );
    let tf = vault("kv", Some((format!("\"{big}\"").as_str(), r#""Deny""#)), "");
    survives(&[("main.tf", tf.as_bytes())], &[0, 1, 2]);
}

#[test]
fn unterminated_constructs() {
    for text in [
        "locals {\n  x = \"never closed\n}\n",
        "locals {\n  x = <<EOT\nno end marker\n}\n",
        "resource \"azurerm_key_vault\" \"kv\" {\n  network_acls {\n",
        "/* never closed",
        "{\"resource\": {\"azurerm_key_vault\": {\"kv\": {",
    ] {
        let name = if text.starts_with('{') {
            "main.tf.json"
        } else {
            "main.tf"
        };
        survives(&[(name, text.as_bytes())], &[2]);
    }
}

/// A cycle of locals ends, as an unknown said at the reference that closes the cycle, with
/// the trace around it: an undetermined finding, which does not fail the check.
#[test]
fn reference_cycles_do_not_hang() {
    let tf = format!(
        "locals {{\n  a = local.b\n  b = local.a\n}}\n\n{}",
        vault("kv", Some(("local.a", r#""Deny""#)), "")
    );
    let p = project(&[("main.tf", &tf)]);
    let o = run(vigil().arg("check").arg(p.path()).arg("--no-color"));
    assert_exit(&o, 0);
    let out = stdout(&o);
    for line in [
        "main.tf:3:7: AZKV001 [undetermined] Key vault azurerm_key_vault.kv: network_acls.bypass \
         is not known before deployment (local.a refers to itself (a cycle of locals)), so \
         whether trusted Microsoft services can reach the vault through its firewall is \
         undetermined.",
        "  = trace: network_acls.bypass comes from local.a (main.tf:14),",
        "           which comes from local.b (main.tf:2),",
        "           which comes from local.a (main.tf:3)",
        "Found 1 undetermined finding in 1 file.",
    ] {
        assert!(out.contains(line), "`{line}` not said:\n{out}");
    }
    assert_eq!(stderr(&o), "", "nothing on stderr");
}

// ---------------------------------------------------------------- variables

#[test]
fn var_overrides_the_default() {
    let p = project(&[
        ("main.tf", &vault_var()),
        ("variables.tf", &variable(Some("AzureServices"))),
    ]);
    assert_exit(&check_sarif(p.path(), &[]), 0);
    assert_exit(&check_sarif(p.path(), &["--var", "bypass=None"]), 1);

    let none = project(&[
        ("main.tf", &vault_var()),
        ("variables.tf", &variable(Some("None"))),
    ]);
    assert_exit(&check_sarif(none.path(), &[]), 1);
    assert_exit(
        &check_sarif(none.path(), &["--var", "bypass=AzureServices"]),
        0,
    );
}

#[test]
fn var_file_overrides_tfvars_and_var_overrides_var_file() {
    let p = project(&[
        ("main.tf", &vault_var()),
        ("variables.tf", &variable(Some("AzureServices"))),
        ("terraform.tfvars", "bypass = \"AzureServices\"\n"),
        ("ci.auto.tfvars", "bypass = \"AzureServices\"\n"),
    ]);
    let files = project(&[
        ("none.tfvars", "bypass = \"None\"\n"),
        ("azure.tfvars", "bypass = \"AzureServices\"\n"),
    ]);
    let none = files.path().join("none.tfvars");
    let azure = files.path().join("azure.tfvars");
    let s = |p: &PathBuf| p.to_str().unwrap().to_string();

    assert_exit(&check_sarif(p.path(), &[]), 0);
    // --var-file beats terraform.tfvars and *.auto.tfvars.
    assert_exit(&check_sarif(p.path(), &["--var-file", &s(&none)]), 1);
    // --var beats --var-file.
    assert_exit(
        &check_sarif(
            p.path(),
            &["--var-file", &s(&none), "--var", "bypass=AzureServices"],
        ),
        0,
    );
    assert_exit(
        &check_sarif(
            p.path(),
            &["--var-file", &s(&azure), "--var", "bypass=None"],
        ),
        1,
    );
    // Of two var files, the later wins (Terraform's order).
    assert_exit(
        &check_sarif(
            p.path(),
            &["--var-file", &s(&none), "--var-file", &s(&azure)],
        ),
        0,
    );
    assert_exit(
        &check_sarif(
            p.path(),
            &["--var-file", &s(&azure), "--var-file", &s(&none)],
        ),
        1,
    );
}

#[test]
fn var_gives_a_value_to_a_variable_without_default() {
    let p = project(&[("main.tf", &vault_var()), ("variables.tf", &variable(None))]);
    assert_exit(&check_sarif(p.path(), &["--fail-on-unknown"]), 1);
    assert_exit(
        &check_sarif(
            p.path(),
            &["--fail-on-unknown", "--var", "bypass=AzureServices"],
        ),
        0,
    );
}

#[test]
fn bad_var_arguments_are_usage_errors() {
    let p = project(&[("main.tf", &vault_var()), ("variables.tf", &variable(None))]);
    let o = check_sarif(p.path(), &["--var", "no-equals-sign"]);
    assert_exit(&o, 2);
    let o = check_sarif(
        p.path(),
        &[
            "--var-file",
            p.path().join("missing.tfvars").to_str().unwrap(),
        ],
    );
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("missing.tfvars"), "{}", stderr(&o));
}

// ---------------------------------------------------------------- discovery

#[test]
fn a_file_on_the_command_line_pulls_in_its_directory() {
    let none = project(&[
        ("main.tf", &vault_var()),
        ("variables.tf", &variable(Some("None"))),
    ]);
    let o = check_sarif(&none.path().join("main.tf"), &[]);
    assert_exit(&o, 1);
    let log = sarif(&o);
    let res = results(&log);
    assert_eq!(res.len(), 1, "{log:#}");
    let uri = res[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap_or("");
    assert!(
        uri.ends_with("variables.tf"),
        "located at the default: {uri}"
    );

    // The sibling default resolves: not undetermined.
    let ok = project(&[
        ("main.tf", &vault_var()),
        ("variables.tf", &variable(Some("AzureServices"))),
    ]);
    assert_exit(
        &check_sarif(&ok.path().join("main.tf"), &["--fail-on-unknown"]),
        0,
    );
}

#[test]
fn naming_several_files_of_one_module_reports_each_finding_once() {
    let p = project(&[
        ("main.tf", &vault_var()),
        ("variables.tf", &variable(Some("None"))),
    ]);
    let o = run(vigil()
        .arg("check")
        .arg(p.path().join("main.tf"))
        .arg(p.path().join("variables.tf"))
        .args(["--format", "sarif"]));
    assert_exit(&o, 1);
    assert_eq!(rule_ids(&sarif(&o)), ["AZKV001"]);
}

#[test]
fn several_paths_are_all_checked() {
    let root = project(&[
        ("a/main.tf", &vault_none()),
        ("b/main.tf", &vault_open()),
        ("c/main.tf", &vault_ok()),
    ]);
    let o = run(vigil()
        .arg("check")
        .arg(root.path().join("a"))
        .arg(root.path().join("b"))
        .arg(root.path().join("c"))
        .args(["--format", "sarif"]));
    assert_exit(&o, 1);
    assert_eq!(rule_ids(&sarif(&o)), ["AZKV001", "AZKV002"]);
}

#[test]
fn each_directory_is_its_own_module() {
    // A variable declared in one directory does not leak into another.
    let root = project(&[
        ("app/main.tf", &vault_var()),
        ("app/variables.tf", &variable(Some("AzureServices"))),
        ("other/variables.tf", &variable(Some("None"))),
    ]);
    let o = check_sarif(root.path(), &[]);
    assert_exit(&o, 0);
    let log = sarif(&o);
    assert!(results(&log).is_empty(), "{log:#}");
    // URIs are relative to the scan root.
    let nested = project(&[("app/main.tf", &vault_none())]);
    let log = sarif(&check_sarif(nested.path(), &[]));
    assert_eq!(
        results(&log)[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "app/main.tf"
    );
}

// ---------------------------------------------------------------- rules and docs

#[test]
fn rules_lists_both_rules() {
    let o = run(vigil().arg("rules"));
    assert_exit(&o, 0);
    let out = stdout(&o);
    for needle in [
        "AZKV001",
        "AZKV002",
        "key-vault-trusted-services-bypass",
        "key-vault-firewall-enabled",
    ] {
        assert!(
            out.contains(needle),
            "`vigil rules` should list {needle}:\n{out}"
        );
    }
}

#[test]
fn rule_prints_the_documentation() {
    let o = run(vigil().args(["rule", "AZKV001"]));
    assert_exit(&o, 0);
    let out = stdout(&o);
    // DESIGN.md's fixed sections, as headings; a heading may say more ("How to fix").
    for section in [
        "what it does",
        "why it matters",
        "example",
        "fix",
        "references",
    ] {
        assert!(
            out.lines().any(|l| {
                let l = l.trim().to_lowercase();
                l.starts_with('#') && l.ends_with(section)
            }),
            "missing section {section:?}:\n{out}"
        );
    }
    assert!(out.contains("AzureServices"), "{out}");

    let o = run(vigil().args(["rule", "AZKV002"]));
    assert_exit(&o, 0);
    assert!(stdout(&o).contains("What it does"));
}

#[test]
fn rule_with_an_unknown_id_exits_2() {
    let o = run(vigil().args(["rule", "NOPE"]));
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("NOPE"), "{}", stderr(&o));
}

// ---------------------------------------------------------------- determinism

/// A tree of many modules with every kind of verdict, so that threads have work to race on.
fn many_modules() -> TempDir {
    let root = tempfile::tempdir().unwrap();
    for i in 0..40 {
        let dir = format!("stack{i:02}");
        let files: Vec<(String, String)> = match i % 5 {
            0 => vec![("main.tf".into(), vault_none_allow())],
            1 => vec![
                ("main.tf".into(), vault_var()),
                ("variables.tf".into(), variable(Some("None"))),
            ],
            2 => vec![
                ("main.tf".into(), vault_var()),
                ("variables.tf".into(), variable(None)),
            ],
            3 => vec![(
                "main.tf".into(),
                format!(
                    "{}\n{}",
                    vault_open(),
                    vault("second", Some((r#""None""#, r#""Deny""#)), "")
                ),
            )],
            _ => vec![("main.tf".into(), vault_ok())],
        };
        for (name, text) in files {
            write_files(root.path(), &[(&format!("{dir}/{name}"), &text)]);
        }
    }
    root
}

#[test]
fn output_is_deterministic_across_thread_counts() {
    let root = many_modules();
    for format in ["sarif", "json", "text"] {
        let go = |threads: &str| {
            let o = run(vigil().current_dir(root.path()).args([
                "check",
                ".",
                "--no-color",
                "--format",
                format,
                "--threads",
                threads,
            ]));
            assert_exit(&o, 1);
            o.stdout
        };
        let one = go("1");
        let two = go("2");
        let again = go("2");
        assert!(!one.is_empty());
        assert!(one == two, "{format}: --threads 1 and --threads 2 differ");
        assert!(two == again, "{format}: two runs with --threads 2 differ");
    }
}

// ---------------------------------------------------------------- modules

#[test]
fn installed_modules_resolve_through_modules_json_and_others_are_noted() {
    let p = project(&[
        (
            "root/main.tf",
            "module \"kv\" {\n  source = \"Azure/avm-res-keyvault-vault/azurerm\"\n  bypass = \"None\"\n}\nmodule \"gone\" {\n  source = \"git::https://example.invalid/x.git\"\n}\n",
        ),
        (
            "root/.terraform/modules/modules.json",
            r#"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"kv","Source":"registry.terraform.io/Azure/avm-res-keyvault-vault/azurerm","Version":"0.9.1","Dir":".terraform/modules/kv"}]}"#,
        ),
        (
            "root/.terraform/modules/kv/main.tf",
            "variable \"bypass\" {\n  default = \"AzureServices\"\n}\nresource \"azurerm_key_vault\" \"this\" {\n  network_acls {\n    bypass         = var.bypass\n    default_action = \"Deny\"\n  }\n}\n",
        ),
    ]);
    let o = run(vigil().arg("check").arg(p.path().join("root")).args([
        "--format",
        "sarif",
        "--verbose",
    ]));
    assert_exit(&o, 1);
    let log = sarif(&o);
    let found = results(&log);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0]["properties"]["resource"]["address"],
        "module.kv.azurerm_key_vault.this"
    );
    assert_eq!(
        found[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "main.tf"
    );
    let err = stderr(&o);
    assert!(
        err.contains("module.gone") && err.contains("not checked"),
        "{err}"
    );
    // Without --verbose the note stays out of the way.
    let quiet = run(vigil()
        .arg("check")
        .arg(p.path().join("root"))
        .args(["--format", "sarif"]));
    assert!(!stderr(&quiet).contains("module.gone"));
}

#[test]
fn nested_module_instances_are_bounded() {
    let fan_out = |source: &str| {
        format!("module \"m\" {{\n  source   = \"{source}\"\n  for_each = toset([for i in range(1000) : tostring(i)])\n}}\n")
    };
    let p = project(&[
        ("main.tf", &fan_out("./a")),
        ("a/main.tf", &fan_out("../b")),
        (
            "b/main.tf",
            "resource \"azurerm_key_vault\" \"kv\" {\n  name = \"x\"\n}\n",
        ),
    ]);
    let out = p.path().join("report.json");
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--format", "json", "--output"])
        .arg(&out));
    assert_exit(&o, 2);
    assert!(stderr(&o).contains("module instances"), "{}", stderr(&o));
}

// ---------------------------------------------------------------- ARM

const ARM_VAULT: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "bypass": { "type": "string", "defaultValue": "AzureServices" } },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "kv",
      "properties": { "networkAcls": { "bypass": "[parameters('bypass')]", "defaultAction": "Deny" } }
    }
  ]
}"#;

#[test]
fn parameters_names_the_parameter_file_and_other_json_is_noted_with_verbose() {
    let p = project(&[
        ("main.json", ARM_VAULT),
        (
            "prod.json",
            r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"bypass": {"value": "None"}}}"#,
        ),
        (
            "package.json",
            r#"{"name": "x", "resources": ["Microsoft.KeyVault/vaults"]}"#,
        ),
    ]);
    // Without --parameters the default passes.
    assert_exit(&run(vigil().arg("check").arg(p.path())), 0);
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--format", "sarif", "--verbose", "--parameters"])
        .arg(p.path().join("prod.json")));
    assert_exit(&o, 1);
    let found = results(&sarif(&o));
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "prod.json"
    );
    let err = stderr(&o);
    assert!(
        err.contains("package.json") && err.contains("skipped"),
        "{err}"
    );
}

#[test]
fn named_files_report_only_their_own_findings() {
    let other = vault_none().replace("\"kv\"", "\"other\"");
    let p = project(&[("main.tf", &vault_none()), ("other.tf", &other)]);
    let o = run(vigil()
        .current_dir(p.path())
        .args(["check", "main.tf", "--format", "sarif"]));
    assert_exit(&o, 1);
    let found = results(&sarif(&o));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0]["properties"]["resource"]["address"],
        "azurerm_key_vault.kv"
    );
    // The directory reports both.
    let o = run(vigil()
        .current_dir(p.path())
        .args(["check", ".", "--format", "sarif"]));
    assert_eq!(results(&sarif(&o)).len(), 2);
}
