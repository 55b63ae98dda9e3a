//! Bytes as `vigil.yaml`: read and checked as the binary reads it (`vigil_check::config`,
//! which `vigil check` loads through `vigil_check::load_config`); a configuration that loads
//! is then asked what the check pipeline asks of it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vigil_check::config;

const PATHS: &[&str] = &[
    "main.tf",
    "modules/kv/main.tf",
    "legacy/azuredeploy.json",
    ".azure/main.bicep",
    "a b/ü.tf",
];

fuzz_target!(|data: &[u8]| {
    let root = vigil_fuzz::scratch();
    vigil_fuzz::put(&root, "vigil.yaml", data);
    let Ok(config) = config::Config::load(
        &root.join("vigil.yaml"),
        "vigil.yaml",
        vigil_model::files::policy(),
    ) else {
        return;
    };
    let _ = config.select();
    for p in PATHS {
        let path = root.join(p);
        let _ = config.selects(&path);
        let _ = config.enters(path.parent().unwrap_or(&root));
        let _ = config.parameters_for(&path);
        for ignore in &config.ignores {
            let _ = ignore.describe();
            let _ = ignore.matches(
                "AZKV001",
                "key-vault-trusted-services-bypass",
                [p, "modules/kv/main.tf"],
                "module.kv[\"a\"].azurerm_key_vault.this",
                &|f| f.to_string(),
            );
        }
    }
    if let Some(f) = &config.file.fail_on {
        let _ = config::parse_fail_on(&f.value);
    }
});
