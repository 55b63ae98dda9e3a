//! The ARM cases of `tests/show/<case>/`, evaluated with the crate's entry point: every template
//! of the case's `arm/` directory (each is a unit of its own, as `vigil show .` finds them) must
//! deploy together exactly the resources `expected.json` lists, and the values the listing
//! cannot show (the candidates of an unknown, origins, traces, the errors of the unit) are
//! asserted case by case.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use vigil_model::{Lookup, Resource, UnitOutput, Val, Value};

fn case_dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/show")
        .join(case)
}

/// The templates under `dir` (parameter files are not), in path order.
fn templates(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            templates(&path, out);
        } else if path.extension().is_some_and(|e| e == "json")
            && !path.to_string_lossy().ends_with(".parameters.json")
            && vigil_arm::is_template(&std::fs::read_to_string(&path).unwrap())
        {
            out.push(path);
        }
    }
}

/// Each template of the case's `arm/` directory evaluated as its own unit; `main.json`'s unit
/// first, whose errors and resources the case-specific assertions read.
fn evaluate(case: &str) -> Vec<UnitOutput> {
    let arm = case_dir(case).join("arm");
    let display = |p: &Path| {
        p.strip_prefix(&arm)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut files = Vec::new();
    templates(&arm, &mut files);
    files.sort_by_key(|f| f != &arm.join("main.json"));
    files
        .iter()
        .map(|f| vigil_arm::evaluate_template(f, &display, None))
        .collect()
}

/// The listing: address, type, and the body without what addresses the API (`type`,
/// `apiVersion`), ordered by address and type as the case runner orders it.
fn listing(units: &[UnitOutput]) -> Vec<Json> {
    let mut list: Vec<Json> = units
        .iter()
        .flat_map(|u| &u.resources)
        .map(|r| {
            let body = vigil_report::body_json(r);
            serde_json::json!({ "address": r.address, "type": r.azure_type, "body": body })
        })
        .collect();
    list.sort_by_key(key);
    list
}

fn key(r: &Json) -> (String, String) {
    (
        r["address"].as_str().unwrap_or("").to_string(),
        r["type"].as_str().unwrap_or("").to_ascii_lowercase(),
    )
}

/// Whether `actual` is `expected`, where `{"$unknown": "*"}` stands for any unknown.
fn same(expected: &Json, actual: &Json) -> bool {
    match (expected, actual) {
        (Json::Object(e), Json::Object(a)) => {
            if let (Some(Json::String(want)), Some(Json::String(_))) =
                (e.get("$unknown"), a.get("$unknown"))
            {
                if e.len() == 1 && a.len() == 1 && want == "*" {
                    return true;
                }
            }
            e.len() == a.len() && e.iter().all(|(k, v)| a.get(k).is_some_and(|w| same(v, w)))
        }
        (Json::Array(e), Json::Array(a)) => {
            e.len() == a.len() && e.iter().zip(a).all(|(x, y)| same(x, y))
        }
        _ => expected == actual,
    }
}

/// Evaluates a case and holds it to its `expected.json` (a list, or `{"description",
/// "resources"}`): what `main.json` deploys, as `vigil show main.json` lists it; gives its unit,
/// after checking that no other unit has errors.
fn check(case: &str) -> UnitOutput {
    let mut units = evaluate(case);
    let text = std::fs::read_to_string(case_dir(case).join("expected.json")).unwrap();
    let expected: Json = serde_json::from_str(&text).unwrap();
    let mut expected = match expected {
        Json::Array(list) => list,
        Json::Object(mut o) => match o.remove("resources") {
            Some(Json::Array(list)) => list,
            other => panic!("{case}: resources is {other:?}"),
        },
        other => panic!("{case}: expected.json is {other}"),
    };
    expected.sort_by_key(key);
    let (expected, actual) = (Json::Array(expected), Json::Array(listing(&units[..1])));
    for other in &units[1..] {
        assert!(other.errors.is_empty(), "{case}: {:?}", other.errors);
    }
    assert!(
        same(&expected, &actual),
        "{case}: expected\n{}\ngot\n{}",
        serde_json::to_string_pretty(&expected).unwrap(),
        serde_json::to_string_pretty(&actual).unwrap()
    );
    units.swap_remove(0)
}

fn resource<'a>(out: &'a UnitOutput, address: &str) -> &'a Resource {
    out.resources
        .iter()
        .find(|r| r.address == address)
        .unwrap_or_else(|| panic!("no resource {address}"))
}

fn at<'a>(r: &'a Resource, path: &str) -> &'a Val {
    match r.lookup(path) {
        Lookup::Found(v) | Lookup::Null(v) | Lookup::Unknown(v) => v,
        other => panic!("{}: {path}: {other:?}", r.address),
    }
}

/// The known values an unknown may be, as JSON.
fn candidates(v: &Val) -> Vec<Json> {
    match &v.value {
        Value::Unknown(u) => u.candidates.iter().map(Val::to_json).collect(),
        _ => panic!("not unknown: {v:?}"),
    }
}

#[test]
fn udt_nullable() {
    let out = check("udt-nullable");
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    // Nullable through the type it refers to (itself a `$ref`): null, never unknown.
    let open = resource(&out, "openVault");
    assert!(matches!(
        at(open, "properties.networkAcls").value,
        Value::Null
    ));
    assert!(matches!(at(open, "tags").value, Value::Null));
    // The typed parameter with no value can only be one of its type's allowedValues.
    let typed = resource(&out, "typedVault");
    let bypass = at(typed, "properties.networkAcls.bypass");
    assert_eq!(candidates(bypass), vec!["AzureServices", "None"]);
    assert_eq!(typed.alternatives.len(), 2);
}

#[test]
fn nested_params_expression() {
    let out = check("nested-params-expression");
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    // `[if(c, 'None', null())]` for a parameter with a default: 'None', or the default.
    let strict = resource(&out, "vaultStrict/kv");
    let bypass = at(strict, "properties.networkAcls.bypass");
    assert_eq!(candidates(bypass), vec!["None", "AzureServices"]);
    // The value comes from the outer template, through the deployment's parameter.
    let vault = resource(&out, "vault/kv");
    let bypass = at(vault, "properties.networkAcls.bypass");
    assert_eq!(bypass.origin.as_ref().map(|o| o.line), Some(18));
    // The hop is where the deployment passes it: the expression that builds all parameters.
    assert!(bypass.trace.iter().any(|h| h.label
        == "parameter 'bypass' of deployment 'vault-deployment'"
        && h.location.line == 18));
}

#[test]
fn nested_scope_inner() {
    let out = check("nested-scope-inner");
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert!(out.unchecked.is_empty(), "{:?}", out.unchecked);
    // The linked template's file, found through an evaluated relativePath, is part of the unit.
    assert!(out.files.iter().any(|f| &*f.path == "modules/vault.json"));
    // A parametersLink is not downloaded: the parameter is unknown, not the linked default.
    let v = at(
        resource(&out, "paramsLinked/kv-linked"),
        "properties.networkAcls.bypass",
    );
    match &v.value {
        Value::Unknown(u) => assert!(u.reason.contains("parametersLink"), "{}", u.reason),
        other => panic!("{other:?}"),
    }
    // Outer scope: the value is the outer template's default.
    let v = at(
        resource(&out, "outer/kv-outer"),
        "properties.networkAcls.bypass",
    );
    assert_eq!(v.origin.as_ref().map(|o| o.line), Some(5));
}

#[test]
fn variable_copy() {
    let out = check("variable-copy");
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let second = &out.resources[1];
    assert_eq!(second.label.as_deref(), Some("kv-ops-2"));
    // Each element is located at the copy's input, where a person edits it.
    let rule = at(second, "properties.networkAcls.ipRules");
    let Value::List(rules) = &rule.value else {
        panic!("{rule:?}")
    };
    assert_eq!(rules[1].origin.as_ref().map(|o| o.line), Some(24));
}

#[test]
fn user_functions() {
    let out = check("user-functions");
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    // The offending literal is located inside the function, and the trace names the call.
    let ops = resource(&out, "opsVault");
    let bypass = at(ops, "properties.networkAcls.bypass");
    let origin = bypass.origin.as_ref().unwrap();
    assert_eq!((origin.line, origin.column), (21, 69));
    assert!(bypass.trace.iter().any(|h| h.label == "vault.acls(...)"));
}
