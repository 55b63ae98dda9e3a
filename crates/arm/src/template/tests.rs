//! Whole templates evaluated, with their parameter files and linked templates: each test reads
//! files end to end, so they sit together rather than beside one part of the evaluation.

use super::*;
use vigil_model::{Lookup, Resource};

fn run(files: &[(&str, &str)]) -> UnitOutput {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let root = dir.path().to_path_buf();
    let display = |p: &Path| {
        p.strip_prefix(&root)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned()
    };
    evaluate_template(&dir.path().join(files[0].0), &display, None)
}

fn bypass(r: &Resource) -> (String, u32) {
    match r.lookup("properties.networkAcls.bypass") {
        Lookup::Found(v) | Lookup::Unknown(v) => {
            (v.display(), v.origin.as_ref().map_or(0, |o| o.line))
        }
        other => panic!("{other:?}"),
    }
}

const TEMPLATE: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  // comments are allowed
  "parameters": {
    "bypass": {
      "type": "string",
      "defaultValue": "None"
    }
  },
  "variables": {
    "acls": { "bypass": "[parameters('bypass')]", "defaultAction": "Deny" }
  },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "kv",
      "properties": {
        "networkAcls": "[variables('acls')]"
      },
      "resources": [
        { "type": "secrets", "name": "s", "properties": {} }
      ]
    },
    {
      "type": "Microsoft.KeyVault/vaults",
      "name": "skipped",
      "condition": false,
      "properties": {}
    },
    {
      "type": "Microsoft.KeyVault/vaults",
      "name": "[concat('v', copyIndex())]",
      "copy": { "name": "vaults", "count": 2 },
      "properties": {}
    },
    {
      "type": "Microsoft.KeyVault/vaults",
      "name": "old",
      "existing": true
    },
  ]
}"#;

#[test]
fn parameters_variables_children_conditions_copies() {
    assert!(is_template(TEMPLATE));
    let out = run(&[("main.json", TEMPLATE)]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let types: Vec<(&str, &str)> = out
        .resources
        .iter()
        .map(|r| (r.address.as_str(), r.azure_type.as_str()))
        .collect();
    assert_eq!(
        types,
        vec![
            ("kv", "Microsoft.KeyVault/vaults"),
            ("s", "Microsoft.KeyVault/vaults/secrets"),
            ("[concat('v', copyIndex())][0]", "Microsoft.KeyVault/vaults"),
            ("[concat('v', copyIndex())][1]", "Microsoft.KeyVault/vaults"),
        ]
    );
    assert_eq!(bypass(&out.resources[0]), ("None".to_string(), 8));
    assert_eq!(out.resources[0].location.line, 15);
}

#[test]
fn a_parameter_file_beside_the_template_wins() {
    let params = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "parameters": {
    "bypass": { "value": "AzureServices" }
  }
}"#;
    let out = run(&[("main.json", TEMPLATE), ("main.parameters.json", params)]);
    assert_eq!(bypass(&out.resources[0]), ("AzureServices".to_string(), 4));
    assert_eq!(out.files.len(), 2);
}

#[test]
fn nested_deployments_in_both_scopes() {
    let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "outer": { "type": "string", "defaultValue": "None" } },
  "resources": {
    "inner": {
      "type": "Microsoft.Resources/deployments",
      "name": "inner",
      "properties": {
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": { "b": { "value": "[parameters('outer')]" } },
        "template": {
          "parameters": { "b": { "type": "string" } },
          "resources": [
            { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": { "networkAcls": { "bypass": "[parameters('b')]" } } }
          ]
        }
      }
    },
    "outerDeployment": {
      "type": "Microsoft.Resources/deployments",
      "name": "outer",
      "properties": {
        "template": {
          "resources": [
            { "type": "Microsoft.KeyVault/vaults", "name": "kv2", "properties": { "networkAcls": { "bypass": "[parameters('outer')]" } } }
          ]
        }
      }
    }
  }
}"#;
    let out = run(&[("main.json", t)]);
    let addresses: Vec<&str> = out.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(addresses, vec!["inner/kv", "outerDeployment/kv2"]);
    assert_eq!(bypass(&out.resources[0]), ("None".to_string(), 3));
    assert_eq!(bypass(&out.resources[1]), ("None".to_string(), 3));
}

#[test]
fn ignores_come_from_comments() {
    let t = TEMPLATE.replace(
        "// comments are allowed",
        "// vigil:ignore AZKV001 -- reviewed",
    );
    let out = run(&[("main.json", &t)]);
    assert_eq!(out.files[0].ignores.len(), 1);
    assert_eq!(out.files[0].ignores[0].line, 4);
}

#[test]
fn linked_templates_are_followed() {
    let main = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "b": { "type": "string", "defaultValue": "None" } },
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "name": "vault",
      "properties": {
        "templateLink": { "relativePath": "vault.json" },
        "parameters": { "bypass": { "value": "[parameters('b')]" } }
      }
    }
  ]
}"#;
    let vault = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "bypass": { "type": "string" } },
  "resources": [
    { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": { "networkAcls": { "bypass": "[parameters('bypass')]" } } }
  ]
}"#;
    let out = run(&[("main.json", main), ("vault.json", vault)]);
    assert_eq!(out.resources.len(), 1);
    assert_eq!(
        out.resources[0].address,
        "[parameters('b')]/kv".replace("[parameters('b')]", "vault")
    );
    assert_eq!(bypass(&out.resources[0]), ("None".to_string(), 3));
    assert!(out.files.iter().any(|f| &*f.path == "vault.json"));
}

#[test]
fn long_chains_of_variables_end() {
    let mut vars = String::new();
    for i in 0..3000 {
        vars.push_str(&format!("\"v{i}\": \"[variables('v{}')]\",\n", i + 1));
    }
    let t = format!(
        r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "variables": {{ {vars} "v3000": "None" }},
  "resources": [
    {{ "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": {{ "networkAcls": {{ "bypass": "[variables('v0')]" }} }} }}
  ]
}}"#
    );
    let out = run(&[("main.json", &t)]);
    assert_eq!(out.resources.len(), 1);
    assert!(matches!(
        out.resources[0].lookup("properties.networkAcls.bypass"),
        vigil_model::Lookup::Unknown(_)
    ));
}

#[test]
fn linked_template_cycles_stop_with_an_error() {
    let main = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [
    { "type": "Microsoft.Resources/deployments", "name": "a", "properties": { "templateLink": { "relativePath": "main.json" } } },
    { "type": "Microsoft.Resources/deployments", "name": "b", "properties": { "templateLink": { "relativePath": "main.json" } } },
    { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": {} }
  ]
}"#;
    let out = run(&[("main.json", main)]);
    assert_eq!(out.resources.len(), 1);
    assert!(
        out.errors
            .iter()
            .all(|e| e.message.contains("cycle") && e.line > 0),
        "{:?}",
        out.errors
    );
    assert_eq!(out.errors.len(), 2);
}

#[test]
fn undeclared_names_are_errors_once_per_place() {
    let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "Bypass": { "type": "string", "defaultValue": "None" } },
  "variables": { "Acls": { "bypass": "[parameters('BYPASS')]" }, "copy": [{ "name": "names", "count": 2, "input": "x" }] },
  "metadata": { "note": "[parameters('notChecked')]" },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "name": "[variables('names')[copyIndex()]]",
      "copy": { "name": "c", "count": 3 },
      "properties": { "networkAcls": "[variables('acl')]", "x": "[[parameters('escaped')]" }
    }
  ]
}"#;
    let out = run(&[("main.json", t)]);
    let messages: Vec<&str> = out.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        vec!["the template has no variable 'acl'; did you mean `Acls`?"]
    );
    assert_eq!((out.errors[0].line, out.errors[0].column), (11, 50));
    assert_eq!(out.resources.len(), 3);
    assert_eq!(out.resources[1].label.as_deref(), Some("x"));
}

#[test]
fn a_null_parameter_value_takes_the_default() {
    let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "name": "d",
      "properties": {
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": { "b": { "value": null } },
        "template": {
          "parameters": { "b": { "type": "string", "defaultValue": "None" } },
          "resources": [
            { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": { "networkAcls": { "bypass": "[parameters('b')]" } } }
          ]
        }
      }
    }
  ]
}"#;
    let out = run(&[("main.json", t)]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(bypass(&out.resources[0]), ("None".to_string(), 11));
}

/// A template with one Key Vault whose `networkAcls` is `acls`, and `extra` top-level
/// sections (functions, parameters, definitions).
fn vault(extra: &str, acls: &str) -> String {
    format!(
        r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  {extra}
  "resources": [
    {{ "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": {{ "networkAcls": {acls} }} }}
  ]
}}"#
    )
}

fn acls(out: &UnitOutput) -> &Val {
    match out.resources[0].lookup("properties.networkAcls") {
        Lookup::Found(v) | Lookup::Null(v) | Lookup::Unknown(v) => v,
        other => panic!("{other:?}"),
    }
}

fn reason(v: &Val) -> &str {
    match &v.value {
        Value::Unknown(u) => &u.reason,
        other => panic!("not unknown: {other:?}"),
    }
}

#[test]
fn functions_that_call_themselves_end_with_an_error() {
    let functions = r#""functions": [{ "namespace": "f", "members": {
            "loop": { "parameters": [{ "name": "n", "type": "int" }], "output": { "type": "int", "value": "[f.loop(parameters('n'))]" } },
            "twice": { "parameters": [], "output": { "type": "string", "value": "[concat(f.twice(), f.twice())]" } }
        } }],"#;
    let started = std::time::Instant::now();
    let out = run(&[("main.json", &vault(functions, r#""[f.loop(1)]""#))]);
    assert!(
        reason(acls(&out)).contains("more than 32 deep"),
        "{:?}",
        acls(&out)
    );
    // Doubling at each level: the first error ends the caller, so the work stays linear.
    let out = run(&[("main.json", &vault(functions, r#""[f.twice()]""#))]);
    assert!(reason(acls(&out)).contains("more than 32 deep"));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn functions_that_fan_out_stop_at_the_call_budget() {
    // Each level calls the next three times: 3^30 calls if nothing stopped them.
    let mut members = Vec::new();
    for i in 0..30 {
        members.push(format!(
                r#""l{i}": {{ "parameters": [], "output": {{ "type": "string", "value": "[concat(f.l{n}(), f.l{n}(), f.l{n}())]" }} }}"#,
                n = i + 1
            ));
    }
    members.push(
        r#""l30": { "parameters": [], "output": { "type": "string", "value": "x" } }"#.into(),
    );
    let functions = format!(
        r#""functions": [{{ "namespace": "f", "members": {{ {} }} }}],"#,
        members.join(",")
    );
    let started = std::time::Instant::now();
    let out = run(&[("main.json", &vault(&functions, r#""[f.l0()]""#))]);
    assert!(
        reason(acls(&out)).contains("more than 100000 calls"),
        "{:?}",
        acls(&out)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    let messages: Vec<&str> = out.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        vec!["more than 100000 calls of user-defined functions: the rest are not evaluated"]
    );
}

#[test]
fn function_calls_are_checked() {
    let functions = r#""parameters": { "env": { "type": "string", "defaultValue": "prod" } },
        "functions": [{ "namespace": "f", "members": {
            "one": { "parameters": [{ "name": "x", "type": "string" }], "output": { "type": "string", "value": "[parameters('x')]" } },
            "leaks": { "parameters": [], "output": { "type": "string", "value": "[parameters('env')]" } }
        } }],"#;
    let cases = [
        ("[f.one()]", "takes 1 argument(s), and 0 are given"),
        ("[f.two('a')]", "declares no function 'f.two'"),
        // A function sees its own parameters only.
        ("[f.leaks()]", "parameter 'env' is not found"),
    ];
    for (call, wanted) in cases {
        let out = run(&[("main.json", &vault(functions, &format!("\"{call}\"")))]);
        assert!(
            reason(acls(&out)).contains(wanted),
            "{call}: {:?}",
            acls(&out)
        );
    }
    // Names in any case, as ARM looks them up.
    let out = run(&[("main.json", &vault(functions, r#""[F.ONE('None')]""#))]);
    assert_eq!(acls(&out).as_str(), Some("None"));
}

#[test]
fn values_outside_allowed_values_are_errors() {
    let extra = r##""languageVersion": "2.0",
        "definitions": { "acl": { "type": "object", "properties": { "bypass": { "type": "string", "allowedValues": ["AzureServices", "None"] } } } },
        "parameters": { "acls": { "$ref": "#/definitions/acl", "defaultValue": { "bypass": "Nothing" } },
                        "ok": { "type": "string", "allowedValues": ["a"], "defaultValue": "A" } },"##;
    let out = run(&[("main.json", &vault(extra, r#""[parameters('acls')]""#))]);
    let messages: Vec<(u32, &str)> = out
        .errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(
            messages,
            vec![(5, "parameter 'acls' sets bypass to 'Nothing', which is not one of the allowedValues of its type ('AzureServices', 'None'): Azure refuses the deployment")]
        );
}

#[test]
fn allowed_values_hold_for_parameter_files_linked_templates_and_null_properties() {
    let main = r##"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "bypass": { "type": "string", "allowedValues": ["AzureServices", "None"] } },
  "resources": [
    { "type": "Microsoft.Resources/deployments", "name": "d",
      "properties": { "templateLink": { "relativePath": "vault.json" }, "parameters": { "acls": { "value": { "bypass": null, "defaultAction": "Open" } } } } }
  ]
}"##;
    let params = r#"{ "parameters": { "bypass": { "value": "Nonee" } } }"#;
    let vault = r##"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "languageVersion": "2.0",
  "definitions": { "acl": { "type": "object", "properties": {
    "bypass": { "type": "string", "allowedValues": ["AzureServices", "None"], "nullable": true },
    "defaultAction": { "type": "string", "allowedValues": ["Allow", "Deny"] } } } },
  "parameters": { "acls": { "$ref": "#/definitions/acl" } },
  "resources": { "kv": { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": { "networkAcls": "[parameters('acls')]" } } }
}"##;
    let out = run(&[
        ("main.json", main),
        ("main.parameters.json", params),
        ("vault.json", vault),
    ]);
    let errors: Vec<(&str, u32, &str)> = out
        .errors
        .iter()
        .map(|e| (&*e.file, e.line, e.message.as_str()))
        .collect();
    // A null for a nullable property is no value, not a value outside the allowed ones.
    assert_eq!(
            errors,
            vec![
                ("main.parameters.json", 1, "parameter 'bypass' is 'Nonee', which is not one of its allowedValues ('AzureServices', 'None'): Azure refuses the deployment"),
                ("main.json", 6, "parameter 'acls' sets defaultAction to 'Open', which is not one of the allowedValues of its type ('Allow', 'Deny'): Azure refuses the deployment"),
            ]
        );
}

#[test]
fn unknowns_inside_typed_objects_take_the_allowed_values() {
    let extra = r##""languageVersion": "2.0",
        "definitions": { "acl": { "type": "object", "properties": { "bypass": { "type": "string", "allowedValues": ["AzureServices", "None"], "nullable": true } } } },
        "parameters": { "given": { "type": "string" }, "acls": { "$ref": "#/definitions/acl", "defaultValue": { "bypass": "[parameters('given')]" } } },"##;
    let out = run(&[("main.json", &vault(extra, r#""[parameters('acls')]""#))]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    let Lookup::Unknown(v) = out.resources[0].lookup("properties.networkAcls.bypass") else {
        panic!()
    };
    let Value::Unknown(u) = &v.value else {
        panic!()
    };
    let cases: Vec<_> = u.candidates.iter().map(Val::to_json).collect();
    assert_eq!(
        cases,
        vec![
            serde_json::json!("AzureServices"),
            serde_json::json!("None"),
            serde_json::Value::Null
        ]
    );
}

#[test]
fn unreadable_types_are_errors_and_constrain_nothing() {
    let extra = r##""definitions": { "a": { "$ref": "#/definitions/b" }, "b": { "$ref": "#/definitions/a" } },
        "parameters": { "acls": { "$ref": "#/definitions/a" }, "other": { "$ref": "#/definitions/missing" } },"##;
    let out = run(&[("main.json", &vault(extra, r#""[parameters('acls')]""#))]);
    let messages: Vec<&str> = out.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("a cycle"));
    assert!(messages[1].contains("'#/definitions/missing' points at nothing"));
    assert!(reason(acls(&out)).contains("no defaultValue"));
}

#[test]
fn unknown_deployment_parameters_are_unknown_not_defaults() {
    let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "moduleParams": { "type": "object" } },
  "resources": [
    {
      "type": "Microsoft.Resources/deployments",
      "name": "d",
      "properties": {
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": "[parameters('moduleParams')]",
        "template": {
          "parameters": { "b": { "type": "string", "defaultValue": "AzureServices" }, "acls": { "type": "object", "nullable": true } },
          "resources": [
            { "type": "Microsoft.KeyVault/vaults", "name": "kv", "properties": { "networkAcls": { "bypass": "[parameters('b')]", "rest": "[parameters('acls')]" } } }
          ]
        }
      }
    }
  ]
}"#;
    let out = run(&[("main.json", t)]);
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    for path in [
        "properties.networkAcls.bypass",
        "properties.networkAcls.rest",
    ] {
        let Lookup::Unknown(v) = out.resources[0].lookup(path) else {
            panic!("{path}")
        };
        assert!(reason(v).contains("parameters of nested deployment 'd' are not known"));
    }
}

#[test]
fn variables_do_not_see_the_copy_loop_of_their_use() {
    let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "variables": {
    "index": "[copyIndex()]",
    "copy": [
      { "name": "later", "count": 2, "input": "[variables('first')[0]]" },
      { "name": "first", "count": 1, "input": "[length(variables('later'))]" }
    ]
  },
  "resources": [
    { "type": "Microsoft.KeyVault/vaults", "name": "[string(copyIndex())]", "copy": { "name": "c", "count": 2 },
      "properties": { "networkAcls": "[variables('index')]", "later": "[variables('later')]" } }
  ]
}"#;
    let out = run(&[("main.json", t)]);
    assert_eq!(out.resources.len(), 2);
    assert!(reason(acls(&out)).contains("not inside a copy loop"));
    // `first` uses `later` and `later` uses `first`: a cycle, whichever is asked first.
    let Lookup::Found(later) = out.resources[0].lookup("properties.later") else {
        panic!()
    };
    let Value::List(items) = &later.value else {
        panic!("{later:?}")
    };
    assert!(reason(&items[0]).contains("refers to itself"), "{items:?}");
}

#[test]
fn unknown_counts_and_conditions_deploy_one_instance_if_deployed() {
    let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "n": { "type": "int" }, "on": { "type": "bool" } },
  "resources": [
    { "type": "Microsoft.KeyVault/vaults", "name": "[concat('kv', string(copyIndex()))]", "copy": { "name": "c", "count": "[parameters('n')]" }, "properties": {} },
    { "type": "Microsoft.KeyVault/vaults", "name": "maybe", "condition": "[parameters('on')]", "properties": {} }
  ]
}"#;
    let out = run(&[("main.json", t)]);
    let addresses: Vec<&str> = out.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(
        addresses,
        vec!["[concat('kv', string(copyIndex()))][*]", "maybe"]
    );
    assert!(out.unchecked.is_empty());
    // Each is checked, saying that it may not be deployed at all.
    let why: Vec<Option<&str>> = out
        .resources
        .iter()
        .map(|r| r.deployed_if.as_deref())
        .collect();
    assert_eq!(
        why,
        vec![
            Some("its copy count `[parameters('n')]` is not known"),
            Some("its condition `[parameters('on')]` is not known"),
        ]
    );
    // The one instance of a loop of unknown length has an unknown index, not an error.
    let Lookup::Unknown(name) = out.resources[0].lookup("name") else {
        panic!("{:?}", out.resources[0].body)
    };
    assert_eq!(
        reason(name),
        "the index of copy loop 'c' is not known: its count is known only at deployment"
    );
}
