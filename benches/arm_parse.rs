//! JSON parsing of a large template, the first cost of every ARM unit (issue 4 asks for
//! 100 MB/s or more on one core).
//!
//!     cargo bench --bench arm_parse

use std::fmt::Write;
use vigil_model::LineIndex;

// The binary's allocator, so that the figure is the one users get.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// A template of about `bytes` bytes: many vaults with comments, nested objects and arrays.
fn template(bytes: usize) -> String {
    let mut t = String::from(
        "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n  \"contentVersion\": \"1.0.0.0\",\n  // generated\n  \"resources\": [\n",
    );
    let mut i = 0;
    while t.len() < bytes {
        let _ = write!(
            t,
            r#"    {{
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "[format('kv-{{0}}-{i}', parameters('env'))]",
      "location": "[resourceGroup().location]",
      "properties": {{
        "tenantId": "[subscription().tenantId]",
        "sku": {{ "family": "A", "name": "standard" }},
        "accessPolicies": [],
        /* the firewall */
        "networkAcls": {{ "bypass": "AzureServices", "defaultAction": "Deny", "ipRules": [{{ "value": "10.0.0.{}" }}], "virtualNetworkRules": [] }},
        "enabledForDiskEncryption": true,
        "softDeleteRetentionInDays": 90
      }}
    }},
"#,
            i % 250
        );
        i += 1;
    }
    t.push_str("  ]\n}\n");
    t
}

#[divan::bench(sample_count = 20)]
fn parse_5_mb(bencher: divan::Bencher) {
    let text = template(5 * 1024 * 1024);
    let index = LineIndex::new("big.json".into(), text.as_str().into());
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| vigil_arm::parse_json(divan::black_box(&index)).unwrap());
}
