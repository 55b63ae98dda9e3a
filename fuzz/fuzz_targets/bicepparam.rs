//! Bytes as a `.bicepparam` file, evaluated as the deployment of the template it is `using`
//! with the values it gives, the rules run on it. The section after a NUL byte is
//! `main.bicep` (the usual `using 'main.bicep'` target); without one, a small template that
//! takes a few parameters into a Key Vault's firewall stands in.
#![no_main]

use libfuzzer_sys::fuzz_target;

const TEMPLATE: &[u8] = b"param name string\nparam bypass string = 'AzureServices'\nparam rules array = []\nparam acls object = {}\n\nresource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: name\n  location: 'westeurope'\n  properties: {\n    networkAcls: union({\n      bypass: bypass\n      defaultAction: 'Deny'\n      ipRules: rules\n    }, acls)\n  }\n}\n";

fuzz_target!(|data: &[u8]| {
    let parts = vigil_fuzz::sections(data, 2);
    if let Ok(text) = std::str::from_utf8(parts[0]) {
        let _ = vigil_bicep::parse(text);
    }
    let root = vigil_fuzz::scratch();
    vigil_fuzz::put(&root, "main.bicepparam", parts[0]);
    vigil_fuzz::put(
        &root,
        "main.bicep",
        parts.get(1).copied().unwrap_or(TEMPLATE),
    );
    let display = vigil_fuzz::display(&root);
    let out = vigil_bicep::evaluate_file(&root.join("main.bicepparam"), &display);
    vigil_fuzz::finish(out);
});
