//! AZKV002 key-vault-firewall-enabled: the default action crossed with public network access.

mod common;

use common::*;
use vigil_model::{Finding, Resource, Val, Verdict};
use vigil_rules::RuleSet;

const DEFAULT_ACTION_LINE: u32 = 13;
const PUBLIC_LINE: u32 = 6;

#[derive(Clone, Copy, Debug)]
enum DefaultAction {
    Deny,
    DenyLower,
    Allow,
    /// Network ACLs without a default action.
    Omitted,
    /// No network ACLs at all.
    NoAcls,
    Unknown,
}

#[derive(Clone, Copy, Debug)]
enum Public {
    Disabled,
    DisabledLower,
    Enabled,
    Absent,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    Pass,
    /// Fails at this line, resting on this property.
    Fail(u32, &'static str),
    Undetermined(u32, &'static str),
}

const DA: &str = "properties.networkAcls.defaultAction";
const PNA: &str = "properties.publicNetworkAccess";

fn build(src: Src, da: DefaultAction, public: Public) -> Resource {
    let mut props: Vec<(&str, Val)> = Vec::new();
    let acl_entries = |action: Option<Val>| {
        let mut e = vec![("bypass", s(src, "AzureServices", 12))];
        e.extend(action.map(|a| ("defaultAction", a)));
        obj(e)
    };
    match da {
        DefaultAction::Deny => props.push((
            "networkAcls",
            acl_entries(Some(s(src, "Deny", DEFAULT_ACTION_LINE))),
        )),
        DefaultAction::DenyLower => props.push((
            "networkAcls",
            acl_entries(Some(s(src, "deny", DEFAULT_ACTION_LINE))),
        )),
        DefaultAction::Allow => props.push((
            "networkAcls",
            acl_entries(Some(s(src, "Allow", DEFAULT_ACTION_LINE))),
        )),
        DefaultAction::Omitted => props.push(("networkAcls", acl_entries(None))),
        DefaultAction::NoAcls => {}
        DefaultAction::Unknown => props.push((
            "networkAcls",
            acl_entries(Some(unknown(
                src,
                "var.default_action has no value",
                DEFAULT_ACTION_LINE,
            ))),
        )),
    }
    match public {
        Public::Disabled => props.push(("publicNetworkAccess", s(src, "Disabled", PUBLIC_LINE))),
        Public::DisabledLower => {
            props.push(("publicNetworkAccess", s(src, "disabled", PUBLIC_LINE)))
        }
        Public::Enabled => props.push(("publicNetworkAccess", s(src, "Enabled", PUBLIC_LINE))),
        Public::Absent => {}
        Public::Unknown => props.push((
            "publicNetworkAccess",
            unknown(src, "var.public has no value", PUBLIC_LINE),
        )),
    }
    vault(src, props)
}

fn expected(da: DefaultAction, public: Public) -> Expect {
    use DefaultAction as D;
    use Expect::*;
    use Public as P;
    match (da, public) {
        (D::Deny | D::DenyLower, _) => Pass,
        (_, P::Disabled | P::DisabledLower) => Pass,
        (D::Unknown, _) => Undetermined(DEFAULT_ACTION_LINE, DA),
        (_, P::Unknown) => Undetermined(PUBLIC_LINE, PNA),
        (D::Allow, P::Enabled | P::Absent) => Fail(DEFAULT_ACTION_LINE, DA),
        (D::Omitted | D::NoAcls, P::Enabled) => Fail(PUBLIC_LINE, PNA),
        (D::Omitted | D::NoAcls, P::Absent) => Fail(RESOURCE_LINE, DA),
    }
}

fn azkv002(resource: &Resource) -> Option<Finding> {
    RuleSet::builtin()
        .get("AZKV002")
        .unwrap()
        .evaluate(resource)
}

#[test]
fn the_whole_table() {
    use DefaultAction as D;
    use Public as P;
    for src in [Src::Arm, Src::Tf] {
        for da in [
            D::Deny,
            D::DenyLower,
            D::Allow,
            D::Omitted,
            D::NoAcls,
            D::Unknown,
        ] {
            for public in [
                P::Disabled,
                P::DisabledLower,
                P::Enabled,
                P::Absent,
                P::Unknown,
            ] {
                let finding = azkv002(&build(src, da, public));
                let got = match &finding {
                    None => Expect::Pass,
                    Some(f) => {
                        assert_eq!(f.location.file.as_ref(), src.file());
                        let line = f.location.line;
                        let property: &'static str = if f.property == DA { DA } else { PNA };
                        assert_eq!(f.property, property);
                        match f.verdict {
                            Verdict::Fail => Expect::Fail(line, property),
                            Verdict::Undetermined => Expect::Undetermined(line, property),
                        }
                    }
                };
                assert_eq!(
                    got,
                    expected(da, public),
                    "{src:?} {da:?} {public:?}: {finding:#?}"
                );
            }
        }
    }
}

#[test]
fn messages_say_what_is_open() {
    let msg = |da, public| azkv002(&build(Src::Tf, da, public)).unwrap().message;
    let m = msg(DefaultAction::NoAcls, Public::Absent);
    assert!(
        m.starts_with(
            "Key vault azurerm_key_vault.kv has no network ACLs (network_acls is not set)"
        ),
        "{m}"
    );
    let m = msg(DefaultAction::Omitted, Public::Absent);
    assert!(m.contains("sets network_acls without network_acls.default_action (main.tf:3), which counts as \"Allow\""), "{m}");
    let m = msg(DefaultAction::Allow, Public::Absent);
    assert!(
        m.contains("network_acls.default_action = \"Allow\" (main.tf:13)"),
        "{m}"
    );
    let m = msg(DefaultAction::NoAcls, Public::Enabled);
    assert!(
        m.contains("has public network access enabled (public_network_access_enabled, main.tf:6)"),
        "{m}"
    );
    let m = msg(DefaultAction::Allow, Public::Unknown);
    assert!(m.contains("public_network_access_enabled is not known before deployment (var.public has no value)"), "{m}");
}

#[test]
fn no_acls_fails_at_the_resource_first_line() {
    let f = azkv002(&build(Src::Arm, DefaultAction::NoAcls, Public::Absent)).unwrap();
    assert_eq!(f.location, vault(Src::Arm, vec![]).location);
    assert!(f.trace.is_empty());
}

#[test]
fn snapshot_failures() {
    let findings: Vec<Finding> = [
        build(Src::Arm, DefaultAction::Allow, Public::Enabled),
        build(Src::Arm, DefaultAction::NoAcls, Public::Absent),
        build(Src::Tf, DefaultAction::Omitted, Public::Enabled),
        build(Src::Tf, DefaultAction::Unknown, Public::Absent),
    ]
    .iter()
    .filter_map(azkv002)
    .collect();
    insta::assert_json_snapshot!(findings);
}

/// An unknown whose possible values are known (the resource's alternatives) settles a verdict
/// only when every case fails; anything else stays for review.
#[test]
fn alternatives_settle_only_a_fail_in_every_case() {
    let check = |r: &Resource| RuleSet::builtin().get("AZKV002").unwrap().evaluate_cases(r);
    let with_cases = |cases: Vec<Resource>| Resource {
        alternatives: cases,
        ..build(Src::Tf, DefaultAction::Unknown, Public::Absent)
    };
    let open = with_cases(vec![
        build(Src::Tf, DefaultAction::Allow, Public::Absent),
        build(Src::Tf, DefaultAction::NoAcls, Public::Absent),
    ]);
    let f = check(&open).expect("fails in every case");
    assert_eq!(f.verdict, Verdict::Fail);
    assert_eq!(f.location.line, DEFAULT_ACTION_LINE);
    assert!(
        f.message
            .ends_with("in every case the unknown values can take."),
        "{}",
        f.message
    );

    let mixed = with_cases(vec![
        build(Src::Tf, DefaultAction::Allow, Public::Absent),
        build(Src::Tf, DefaultAction::Deny, Public::Absent),
    ]);
    assert_eq!(check(&mixed).unwrap().verdict, Verdict::Undetermined);

    let closed = with_cases(vec![
        build(Src::Tf, DefaultAction::Deny, Public::Absent),
        build(Src::Tf, DefaultAction::NoAcls, Public::Disabled),
    ]);
    assert_eq!(check(&closed).unwrap().verdict, Verdict::Undetermined);
}
