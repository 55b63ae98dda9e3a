//! The rule set: built-in rules, rule files, selection, and rules of the same form about
//! other resources.

mod common;

use common::*;
use vigil_model::{Resource, Severity, Val, Value, Verdict};
use vigil_rules::{RuleError, RuleSet, DOC_SECTIONS};

fn ids(set: &RuleSet) -> Vec<&str> {
    set.rules().map(|r| r.id()).collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn builtin_rules_load() {
    let set = RuleSet::try_builtin().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids(&set), ["AZKV001", "AZKV002"]);
    assert_eq!(ids(&RuleSet::builtin()), ids(&set));
}

#[test]
fn builtin_documentation_has_the_fixed_sections_and_the_conformity_link() {
    for rule in RuleSet::builtin().rules() {
        let doc = rule.documentation();
        let mut from = 0;
        for heading in DOC_SECTIONS {
            let at = doc[from..]
                .lines()
                .position(|l| l == heading)
                .unwrap_or_else(|| panic!("{}: no `{heading}` after byte {from}", rule.id()));
            from += doc[from..]
                .lines()
                .take(at + 1)
                .map(|l| l.len() + 1)
                .sum::<usize>();
        }
        assert!(
            doc.contains(
                "https://www.trendmicro.com/cloudoneconformity/knowledge-base/azure/KeyVault/"
            ),
            "{}",
            rule.id()
        );
        for language in ["```hcl", "```json", "```bicep"] {
            assert!(
                doc.matches(language).count() >= 2,
                "{}: bad and fixed {language}",
                rule.id()
            );
        }
        assert!(doc.contains("learn.microsoft.com/azure/key-vault/general/network-security"));
        assert!(doc.contains(
            "registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault"
        ));
        let meta = rule.meta();
        assert!(meta
            .help_uri
            .as_deref()
            .unwrap()
            .starts_with("https://www.trendmicro.com/cloudoneconformity/"));
        assert!(
            !meta.summary.is_empty() && !meta.summary.contains('#'),
            "{}",
            meta.summary
        );
        assert!(meta.security_severity.parse::<f64>().is_ok());
    }
    let azkv001 = RuleSet::builtin().get("AZKV001").unwrap().meta().clone();
    assert_eq!(azkv001.severity, Severity::Medium);
    assert_eq!(
        azkv001.help_uri.as_deref(),
        Some("https://www.trendmicro.com/cloudoneconformity/knowledge-base/azure/KeyVault/enable-trusted-microsoft-services.html")
    );
}

#[test]
fn metas_are_in_id_order() {
    let metas = RuleSet::builtin().metas();
    let names: Vec<&str> = metas.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "key-vault-trusted-services-bypass",
            "key-vault-firewall-enabled"
        ]
    );
}

#[test]
fn get_by_id_in_any_case_or_by_name() {
    let set = RuleSet::builtin();
    assert_eq!(set.get("azkv001").unwrap().id(), "AZKV001");
    assert_eq!(
        set.get("key-vault-firewall-enabled").unwrap().id(),
        "AZKV002"
    );
    assert!(set.get("AZKV9").is_none());
}

#[test]
fn select_and_ignore() {
    let pick = |select: &[&str], ignore: &[&str]| {
        RuleSet::builtin()
            .filter(&strings(select), &strings(ignore))
            .map(|s| ids(&s).iter().map(|i| i.to_string()).collect::<Vec<_>>())
    };
    assert_eq!(pick(&[], &[]).unwrap(), ["AZKV001", "AZKV002"]);
    assert_eq!(pick(&["AZKV001"], &[]).unwrap(), ["AZKV001"]);
    assert_eq!(
        pick(&["key-vault-firewall-enabled"], &[]).unwrap(),
        ["AZKV002"]
    );
    assert_eq!(pick(&["azkv"], &[]).unwrap(), ["AZKV001", "AZKV002"]);
    assert_eq!(pick(&["AZKV00"], &["AZKV001"]).unwrap(), ["AZKV002"]);
    assert_eq!(
        pick(&[], &["key-vault-trusted-services-bypass"]).unwrap(),
        ["AZKV002"]
    );
    assert_eq!(
        pick(&["AZKV001,AZKV002"], &[]).unwrap(),
        ["AZKV001", "AZKV002"]
    );
    assert_eq!(pick(&["ALL"], &["AZKV"]).unwrap(), Vec::<String>::new());

    let err = pick(&["AZKV009"], &[]).unwrap_err();
    assert!(
        matches!(&err, RuleError::UnknownSelector { option: "select", selector, .. } if selector == "AZKV009")
    );
    let text = err.to_string();
    assert!(
        text.contains("`AZKV009`") && text.contains("AZKV001 (key-vault-trusted-services-bypass)"),
        "{text}"
    );
    // A prefix must be a prefix of the id, not of the name.
    assert!(pick(&["key-vault"], &[]).is_err());
    let err = pick(&[], &["nope"]).unwrap_err();
    assert!(err.to_string().contains("`nope` in ignore"), "{err}");
}

const STORAGE_TLS: &str = r#"
id: AZST001
name: storage-minimum-tls
title: Storage accounts refuse TLS before 1.2
severity: high
security-severity: 7.5
tags: [security]
documentation: |
  ## What it does

  Checks the minimum TLS version.

  ## Why it matters
  x
  ## Example
  x
  ## How to fix
  x
  ## References
  x
check:
  resource_type: [Microsoft.Storage/storageAccounts, Microsoft.Storage/storageAccounts/x]
  condition:
    all_of:
      - property: properties.minimumTlsVersion
        one_of: [TLS1_2, TLS1_3]
        when_absent: {default: TLS1_0}
      - not:
          property: properties.allowBlobPublicAccess
          equals: true
          when_absent: false
messages:
  fail: "{resource}: {property} is {value} ({origin})"
"#;

fn storage(properties: Vec<(&str, Val)>) -> Resource {
    let mut r = vault(Src::Arm, properties);
    r.azure_type = "Microsoft.Storage/storageAccounts".into();
    r.address = "sa".into();
    r
}

/// The whole point of the declarative form: a rule about another property of another type is
/// only YAML.
#[test]
fn a_rule_about_another_resource_needs_only_yaml() {
    let set = RuleSet::from_sources(&[("AZST001.yaml".into(), STORAGE_TLS.into())]).unwrap();
    let rule = set.get("AZST001").unwrap();
    assert_eq!(rule.meta().security_severity, "7.5");
    assert_eq!(rule.meta().summary, "Checks the minimum TLS version.");

    let f = rule
        .evaluate(&storage(vec![]))
        .expect("absent: default TLS1_0");
    assert_eq!(
        f.message,
        "sa: properties.minimumTlsVersion is TLS1_0 (main.json:3)"
    );
    assert!(rule
        .evaluate(&storage(vec![(
            "minimumTlsVersion",
            s(Src::Arm, "tls1_2", 7)
        )]))
        .is_none());
    let f = rule
        .evaluate(&storage(vec![(
            "minimumTlsVersion",
            s(Src::Arm, "TLS1_1", 7),
        )]))
        .unwrap();
    assert_eq!(f.location, at(Src::Arm, 7));
    let f = rule
        .evaluate(&storage(vec![
            ("minimumTlsVersion", s(Src::Arm, "TLS1_2", 7)),
            ("allowBlobPublicAccess", b(Src::Arm, true, 8)),
        ]))
        .unwrap();
    assert_eq!(f.property, "properties.allowBlobPublicAccess");
    assert_eq!(
        f.message,
        "sa: properties.allowBlobPublicAccess is true (main.json:8)"
    );
    // The built-in fallback message for undetermined verdicts.
    let f = rule
        .evaluate(&storage(vec![(
            "minimumTlsVersion",
            unknown(Src::Arm, "parameter without value", 7),
        )]))
        .unwrap();
    assert_eq!(f.verdict, Verdict::Undetermined);
    assert_eq!(
        f.message,
        "sa: properties.minimumTlsVersion is not known before deployment (parameter without value), so this rule cannot decide."
    );
    assert!(
        rule.evaluate(&vault(Src::Arm, vec![])).is_none(),
        "not a storage account"
    );
}

#[test]
fn values_compare_across_types_as_terraform_converts_them() {
    let set = RuleSet::from_sources(&[("AZST001.yaml".into(), STORAGE_TLS.into())]).unwrap();
    let rule = set.get("AZST001").unwrap();
    let public = |v: Value| {
        rule.evaluate(&storage(vec![
            ("minimumTlsVersion", s(Src::Arm, "TLS1_2", 7)),
            ("allowBlobPublicAccess", Val::new(v, Some(at(Src::Arm, 8)))),
        ]))
    };
    assert!(public(Value::String("true".into())).is_some());
    assert!(public(Value::String("false".into())).is_none());
    assert!(public(Value::Bool(false)).is_none());
    assert!(public(Value::List(vec![
        Val::new(Value::Bool(true), None),
        Val::unknown("x", None)
    ]))
    .is_some_and(|f| f.verdict == Verdict::Undetermined));
}

fn load_err(yaml: &str) -> String {
    match RuleSet::from_sources(&[("rules/BAD001.yaml".into(), yaml.into())]) {
        Ok(_) => panic!("loaded:\n{yaml}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn malformed_rules_are_rejected_with_file_and_line() {
    let err = load_err(&STORAGE_TLS.replace("tags: [security]", "tags: [security]\nseverty: high"));
    assert!(
        err.starts_with("rules/BAD001.yaml:8:1: unknown field `severty`"),
        "{err}"
    );

    let err = load_err(&STORAGE_TLS.replace("severity: high", "severity: severe"));
    assert!(err.starts_with("rules/BAD001.yaml:5:"), "{err}");
    assert!(
        err.contains(
            "unknown severity `severe`, expected one of info, low, medium, high, critical"
        ),
        "{err}"
    );

    let err = load_err(&STORAGE_TLS.replace("{property} is", "{propery} is"));
    assert!(err.contains("unknown placeholder `{propery}`"), "{err}");
    assert!(err.starts_with("rules/BAD001.yaml:33:9:"), "{err}");

    let err = load_err(&STORAGE_TLS.replace("        when_absent: {default: TLS1_0}\n", ""));
    assert!(err.contains("needs `when_absent`"), "{err}");

    let err = load_err(&STORAGE_TLS.replace(
        "one_of: [TLS1_2, TLS1_3]",
        "one_of: [TLS1_2]\n        equals: TLS1_3",
    ));
    assert!(
        err.contains("exactly one of `equals`, `not_equals`, `one_of`, `not_one_of`"),
        "{err}"
    );

    let err = load_err(&STORAGE_TLS.replace("  ## How to fix\n", ""));
    assert!(err.contains("lacks the section `## How to fix`"), "{err}");

    let err = load_err(&STORAGE_TLS.replace("security-severity: 7.5", "security-severity: eleven"));
    assert!(err.contains("from 0.0 to 10.0"), "{err}");

    let err = load_err(&STORAGE_TLS.replace("id: AZST001", "id: azst-1"));
    assert!(
        err.contains("upper-case letters followed by digits"),
        "{err}"
    );

    let err = load_err(&STORAGE_TLS.replace(
        "        one_of: [TLS1_2, TLS1_3]",
        "        one_of: [TLS1_2, TLS1_3]\n        any_of: []",
    ));
    assert!(err.contains("exactly one of `property`"), "{err}");

    let err = load_err("id: [AZ\n");
    assert!(err.starts_with("rules/BAD001.yaml:"), "{err}");

    let err = load_err("");
    assert!(err.starts_with("rules/BAD001.yaml"), "{err}");
}

#[test]
fn duplicate_ids_and_names_are_rejected() {
    let other = STORAGE_TLS.replace("name: storage-minimum-tls", "name: other");
    let err = RuleSet::from_sources(&[
        ("a.yaml".into(), STORAGE_TLS.into()),
        ("b.yaml".into(), other),
    ])
    .unwrap_err();
    assert_eq!(
        err,
        RuleError::DuplicateId {
            id: "AZST001".into(),
            first: "a.yaml".into(),
            second: "b.yaml".into()
        }
    );
    let user = RuleSet::from_sources(&[(
        "mine.yaml".into(),
        STORAGE_TLS.replace("id: AZST001", "id: AZKV001"),
    )])
    .unwrap();
    let err = RuleSet::builtin().merge(user).unwrap_err().to_string();
    assert_eq!(err, "rule AZKV001 is defined twice: in rules/AZKV001.yaml and in mine.yaml; give one of them another id");
}

#[test]
fn merged_rule_sets_stay_in_id_order() {
    let user = RuleSet::from_sources(&[("AZST001.yaml".into(), STORAGE_TLS.into())]).unwrap();
    let set = RuleSet::builtin().merge(user).unwrap();
    assert_eq!(ids(&set), ["AZKV001", "AZKV002", "AZST001"]);
}

#[test]
fn when_absent_words() {
    let with = |word: &str| {
        RuleSet::from_sources(&[(
            "AZST001.yaml".into(),
            STORAGE_TLS.replace(
                "when_absent: {default: TLS1_0}",
                &format!("when_absent: {word}"),
            ),
        )])
    };
    let verdict = |word: &str| {
        let set = with(word).unwrap_or_else(|e| panic!("{word}: {e}"));
        set.get("AZST001")
            .unwrap()
            .evaluate(&storage(vec![]))
            .map(|f| f.verdict)
    };
    assert_eq!(verdict("true"), None);
    assert_eq!(verdict("pass"), None);
    assert_eq!(verdict("false"), Some(Verdict::Fail));
    assert_eq!(verdict("fail"), Some(Verdict::Fail));
    assert_eq!(verdict("unknown"), Some(Verdict::Undetermined));
    assert_eq!(verdict("undetermined"), Some(Verdict::Undetermined));
    assert_eq!(verdict("{default: TLS1_3}"), None);
    let err = with("maybe").unwrap_err().to_string();
    assert!(
        err.contains("unknown value `maybe`, expected true (or pass)"),
        "{err}"
    );
    let err = with("{defualt: TLS1_2}").unwrap_err().to_string();
    assert!(err.contains("expected a single `default: VALUE`"), "{err}");
}
