//! Parsing throughput. Reads every `.bicep`/`.bicepparam` file under `$VIGIL_BICEP_CORPUS`
//! (e.g. `../shared/parse-corpus/bicep`); without it, parses a generated file so the bench
//! still runs anywhere. Divan reports bytes per second.

use std::path::Path;

use divan::counter::BytesCount;
use divan::Bencher;

fn main() {
    divan::main();
}

fn collect(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("bicep" | "bicepparam")
        ) {
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.push(text);
            }
        }
    }
}

fn generated() -> Vec<String> {
    let mut text = String::new();
    for i in 0..2000 {
        text.push_str(&format!(
            "@description('Vault {i}')\nparam name{i} string = 'kv-${{uniqueString(resourceGroup().id)}}-{i}'\n\
             resource kv{i} 'Microsoft.KeyVault/vaults@2023-07-01' = if (deploy) {{\n  name: name{i}\n  location: location\n  properties: {{\n    tenantId: subscription().tenantId\n    networkAcls: {{\n      bypass: 'AzureServices'\n      defaultAction: empty(ips) ? 'Allow' : 'Deny'\n      ipRules: [for ip in ips: {{ value: ip }}]\n    }}\n    sku: {{ family: 'A', name: 'standard' }}\n  }}\n}}\n"
        ));
    }
    vec![text]
}

fn corpus() -> Vec<String> {
    match std::env::var("VIGIL_BICEP_CORPUS") {
        Ok(dir) => {
            let mut files = Vec::new();
            collect(Path::new(&dir), &mut files);
            files
        }
        Err(_) => generated(),
    }
}

#[divan::bench(sample_count = 20)]
fn parse_corpus(bencher: Bencher) {
    let files = corpus();
    let bytes: usize = files.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for f in &files {
            divan::black_box(vigil_bicep::parse(divan::black_box(f)));
        }
    });
}
