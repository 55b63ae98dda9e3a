//! No template may panic, hang or overflow the stack: random templates made of ARM's own
//! vocabulary, evaluated whole.

use proptest::prelude::*;
use std::path::Path;

fn key() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "type",
        "name",
        "properties",
        "networkAcls",
        "bypass",
        "resources",
        "copy",
        "count",
        "condition",
        "existing",
        "parameters",
        "variables",
        "template",
        "value",
        "defaultValue",
        "expressionEvaluationOptions",
        "scope",
        "input",
        "templateLink",
        "relativePath",
        "parametersLink",
        "functions",
        "namespace",
        "members",
        "output",
        "definitions",
        "$ref",
        "nullable",
        "allowedValues",
        "items",
        "x",
    ])
}

fn text() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "Microsoft.KeyVault/vaults",
        "Microsoft.Resources/deployments",
        "None",
        "inner",
        "[parameters('x')]",
        "[variables('x')]",
        "[copyIndex()]",
        "[if(true(), 'a', 'b')]",
        "[concat(variables('x'), 'y')]",
        "[[literal",
        "[",
        "]",
        "[createObject('a', variables('x'))]",
        "[range(0, 5)]",
        "[json('{}')]",
        "[reference('x').y]",
        "[parameters('x')[0].y]",
        "main.json",
        "[format('{0}', copyIndex('x'))]",
        "[x.x()]",
        "[x.x(parameters('x'), x.x())]",
        "#/definitions/x",
        "#/definitions",
        "#",
        "x",
        "",
    ])
}

fn json(depth: u32) -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        text().prop_map(|s| serde_json::to_string(s).unwrap()),
        any::<i8>().prop_map(|n| n.to_string()),
        Just("true".to_string()),
        Just("null".to_string()),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    prop_oneof![
        leaf,
        prop::collection::vec(json(depth - 1), 0..4)
            .prop_map(|items| format!("[{}]", items.join(","))),
        prop::collection::vec((key(), json(depth - 1)), 0..5).prop_map(|props| {
            let body: Vec<String> = props
                .into_iter()
                .map(|(k, v)| format!("\"{k}\": {v}"))
                .collect();
            format!("{{{}}}", body.join(","))
        }),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn random_templates_never_panic(body in json(5), params in json(3)) {
        let template = format!(
            "{{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"parameters\": {params}, \"variables\": {body}, \"resources\": [{body}, {body}]}}"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("main.json");
        std::fs::write(&path, &template).unwrap();
        // A nested deployment may link main.json itself: the nesting bound must end it.
        let out = vigil_arm::evaluate_template(&path, &|p: &Path| p.to_string_lossy().into_owned(), None);
        for e in &out.errors {
            prop_assert!(!e.message.is_empty());
        }
    }
}
