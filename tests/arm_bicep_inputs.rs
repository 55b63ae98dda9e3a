//! ARM and Bicep inputs that a careful reviewer would try (issue 11): names that do not exist
//! are errors once per place and never on valid code, broken files blame no name, parameter
//! files beside templates count. What the fixture matrix cannot say (that something is *not*
//! printed, or printed once) is said here.

mod common;

use common::*;

fn check(p: &TempDir, extra: &[&str]) -> (i32, String) {
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--format", "concise"])
        .args(extra));
    (o.status.code().unwrap_or(-1), stderr(&o))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const VAULT: &str = "param bypass string = 'AzureServices'
param name string = 'kv'

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: resourceGroup().location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    networkAcls: { bypass: bypass, defaultAction: 'Deny' }
  }
}
";

/// Every way Bicep brings a name into scope, used: no error.
#[test]
fn valid_bicep_scoping_blames_no_name() {
    let main = "targetScope = 'resourceGroup'

import { vaultConfig, makeName as nameOf } from 'types.bicep'
import * as shared from 'types.bicep'

@description('The environments')
param envs array = ['dev', 'prod']
param config vaultConfig = { bypass: 'AzureServices' }

var names = [for (env, i) in envs: nameOf('${env}-${i}')]
var doubled = map(envs, e => map([1, 2], n => '${e}${n}'))
var total = reduce([1, 2, 3], 0, (acc, x) => acc + x)
var sorted = sort(envs, (a, b) => a < b)
var keyed = toObject(envs, e => e, e => length(e))
var rg = az.resourceGroup().location
var joined = sys.concat(names, doubled)
var keys = listKeys('x', '2023-01-01')

func prefixed(value string) string => '${shared.prefix}-${value}'

resource existingVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'old'
}

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = [for (env, i) in envs: if (env != 'dev') {
  name: prefixed(names[i])
  location: rg
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    networkAcls: { bypass: config.bypass, defaultAction: 'Deny' }
  }
  resource secret 'secrets' = {
    name: 's-${env}'
    properties: { value: existingVault.id }
  }
}]

module vault 'vault.bicep' = {
  name: 'vault'
  params: { bypass: config.bypass, name: 'kv-${total}' }
}

output ids array = [for (env, i) in envs: kv[i].id]
output secretName string = kv[0]::secret.name
output vaultName string = vault.outputs.name ?? keyed.dev
";
    let types = "@export()
type vaultConfig = { bypass: string }

@export()
var prefix = 'kv'

@export()
func makeName(value string) string => 'kv-${value}'
";
    let vault = format!("{VAULT}\noutput name string = kv.name\n");
    let p = project(&[
        ("main.bicep", main),
        ("types.bicep", types),
        ("vault.bicep", &vault),
    ]);
    let (code, err) = check(&p, &[]);
    assert!(!err.contains("error"), "no error expected:\n{err}");
    assert_eq!(code, 0, "{err}");
}

/// A file that does not parse has an incomplete tree: names are not blamed on it.
#[test]
fn a_broken_bicep_file_blames_no_name() {
    let p = project(&[(
        "main.bicep",
        "param bypass string = 'None'\nvar x = notDeclared\nvar broken = {\n  a: [1,\n}\n",
    )]);
    let (code, err) = check(&p, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("syntax error"), "{err}");
    assert!(!err.contains("notDeclared"), "{err}");
}

/// One error per place it is written, however many instances a loop or two module calls make.
#[test]
fn an_undeclared_name_is_reported_once_per_place() {
    let main = "param names array = ['a', 'b', 'c']
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = [for n in names: {
  name: n
  properties: { networkAcls: { bypass: bypas } }
}]
module one 'vault.bicep' = { name: 'one', params: { bypas: 'None' } }
module two 'vault.bicep' = { name: 'two', params: { name: 'x' } }
";
    let vault = VAULT.replace("bypass: bypass", "bypass: bypass, x: typo");
    let p = project(&[("main.bicep", main), ("vault.bicep", &vault)]);
    let (code, err) = check(&p, &[]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.matches("main.bicep:4:40: error").count(), 1, "{err}");
    assert_eq!(err.matches("main.bicep:6:53: error").count(), 1, "{err}");
    // vault.bicep is read for each call and on its own: its error is said once.
    assert_eq!(
        err.matches("vault.bicep:10:39: error: the name `typo` is not declared")
            .count(),
        1,
        "{err}"
    );
}

#[test]
fn an_undeclared_arm_name_in_a_copy_loop_is_reported_once() {
    let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "bypass": { "type": "string", "defaultValue": "None" } },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "[format('kv{0}', copyIndex())]",
      "copy": { "name": "c", "count": 5 },
      "properties": { "networkAcls": { "bypass": "[parameters('bypas')]" } }
    }
  ]
}"#;
    let p = project(&[("main.json", t)]);
    let (code, err) = check(&p, &[]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err.matches(
            "main.json:11:63: error: the template has no parameter 'bypas'; did you mean `bypass`?"
        )
        .count(),
        1,
        "{err}"
    );
}

/// Compiled Bicep uses every ARM form of a name: nothing there is an error.
#[test]
fn valid_arm_names_in_any_case_and_scope_blame_nothing() {
    let t = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "languageVersion": "2.0",
  "contentVersion": "1.0.0.0",
  "functions": [
    { "namespace": "__bicep", "members": { "f": { "parameters": [{ "name": "v", "type": "string" }], "output": { "type": "string", "value": "[parameters('v')]" } } } }
  ],
  "parameters": { "Bypass": { "type": "string", "defaultValue": "AzureServices" } },
  "variables": {
    "copy": [{ "name": "names", "count": 2, "input": "[format('kv{0}', copyIndex('names'))]" }],
    "acls": { "bypass": "[parameters('BYPASS')]", "defaultAction": "Deny" }
  },
  "resources": {
    "kv": {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "[variables('NAMES')[0]]",
      "metadata": { "description": "[parameters('inMetadataNotEvaluated')]" },
      "properties": { "networkAcls": "[variables('Acls')]", "note": "[[parameters('escaped')]" }
    }
  }
}"#;
    let p = project(&[("main.json", t)]);
    let (code, err) = check(&p, &[]);
    assert!(!err.contains("error"), "{err}");
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_parameter_file_beside_a_bicep_file_is_found() {
    let p = project(&[
        ("main.bicep", VAULT),
        (
            "main.parameters.json",
            "{\"parameters\": {\"bypass\": {\"value\": \"None\"}}}",
        ),
        ("other.bicep", VAULT),
        (
            "other.parameters.prod.json",
            "{\"parameters\": {\"bypass\": {\"value\": \"None\"}}}",
        ),
    ]);
    assert_eq!(
        vigil_bicep::parameter_file_for(&p.path().join("main.bicep")),
        Some(p.path().join("main.parameters.json"))
    );
    // Per-environment files are not taken: nothing says which one a deployment uses.
    assert_eq!(
        vigil_bicep::parameter_file_for(&p.path().join("other.bicep")),
        None
    );
    let (code, err) = check(&p, &[]);
    assert_eq!(code, 1, "{err}");
}

/// A parameter file named by the user (`--parameters`, per environment) takes the place of the
/// one beside the `.bicep` file.
#[test]
fn a_named_parameter_file_gives_a_bicep_file_its_values() {
    let p = project(&[
        ("main.bicep", VAULT),
        (
            "main.parameters.json",
            "{\"parameters\": {\"bypass\": {\"value\": \"AzureServices\"}}}",
        ),
        (
            "main.parameters.prod.json",
            "{\"parameters\": {\"bypass\": {\"value\": \"None\"}}}",
        ),
    ]);
    let display = |f: &Path| f.file_name().unwrap().to_string_lossy().into_owned();
    let bypass = |out: &vigil_model::UnitOutput| match out.resources[0]
        .lookup("properties.networkAcls.bypass")
    {
        vigil_model::Lookup::Found(v) => v.display(),
        other => panic!("{other:?}"),
    };
    let main = p.path().join("main.bicep");
    let beside = vigil_bicep::evaluate_file(&main, &display);
    assert_eq!(bypass(&beside), "AzureServices");
    let prod = p.path().join("main.parameters.prod.json");
    let named = vigil_bicep::evaluate_file_with(&main, &display, Some(&prod));
    assert_eq!(bypass(&named), "None");
    assert!(named
        .files
        .iter()
        .any(|f| &*f.path == "main.parameters.prod.json"));
}

/// Type names are names too: a misspelt built-in or declared type, and a namespace nothing
/// imports, are errors; built-in, declared, imported and namespaced types are not.
#[test]
fn undeclared_bicep_types_are_errors() {
    let main = "import * as shared from 'types.bicep'
import { config } from 'types.bicep'

type myType = { name: string }

param a strng
param b myTyp
param c other.config
param d shared.config
param e config
param f sys.string
param g myType[]
param h resourceInput<'Microsoft.KeyVault/vaults@2023-07-01'>.properties?
output o int = 1
";
    let types = "@export()\ntype config = { bypass: string }\n";
    let p = project(&[("main.bicep", main), ("types.bicep", types)]);
    let (code, err) = check(&p, &[]);
    assert_eq!(code, 2, "{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 3, "one error each for a, b and c:\n{err}");
    assert!(
        err.contains(
            "main.bicep:6:9: error: the type `strng` is not declared; did you mean `string`?"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "main.bicep:7:9: error: the type `myTyp` is not declared; did you mean `myType`?"
        ),
        "{err}"
    );
    assert!(
        err.contains("main.bicep:8:9: error: the name `other` is not declared"),
        "{err}"
    );
}

/// AVM modules import their types from the registry in every file: types carry no value, so
/// such an import is neither an error nor listed as unchecked.
#[test]
fn a_type_only_registry_import_is_not_listed() {
    let main = "import { lockType } from 'br/public:avm/utl/types/avm-common-types:0.5.1'
import * as avm from 'br/public:avm/utl/types/avm-common-types:0.5.1'

param lock lockType?
param roles avm.roleAssignmentType[]?
";
    let p = project(&[("main.bicep", main)]);
    let (code, err) = check(&p, &["--verbose"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("error"), "{err}");
    assert!(!err.contains("not checked"), "{err}");
}

/// A name the name checker accepts is never said to be "not declared" in an unknown's reason.
#[test]
fn a_declared_name_without_a_value_is_not_called_undeclared() {
    let main = "func pick(v string) string => v

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    networkAcls: { bypass: '${secret}${pick}', defaultAction: 'Deny' }
  }
  resource secret 'secrets' = {
    name: 's'
  }
}
";
    let p = project(&[("main.bicep", main)]);
    let o = run(vigil()
        .arg("check")
        .arg(p.path())
        .args(["--format", "concise"]));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!stderr(&o).contains("error"), "{}", stderr(&o));
    assert!(out.contains("undetermined"), "{out}");
    assert!(!out.contains("not declared"), "{out}");
}
