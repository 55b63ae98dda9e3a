//! Bytes as a baseline file: read as the binary reads it (`vigil_check::baseline::load`),
//! then applied to generated findings (`baseline::apply`, the filter stage's
//! `hide_baselined`). A baseline recorded from findings must read back and hide exactly them.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use vigil_check::baseline;

fuzz_target!(|data: &[u8]| {
    // The first bytes make findings, the rest is the file.
    let split = data.iter().position(|b| *b == 0).unwrap_or(data.len());
    let (made, file) = data.split_at(split);
    let file = file.get(1..).unwrap_or(&[]);
    let mut u = Unstructured::new(made);
    let mut findings = Vec::new();
    let files = ["main.tf".to_string(), "modules/kv/main.tf".to_string()];
    while findings.len() < 6 {
        match vigil_fuzz::gen::finding(&mut u, &files, vigil_fuzz::rule_metas()) {
            Ok(f) => findings.push(f),
            Err(_) => break,
        }
    }

    let root = vigil_fuzz::scratch();
    vigil_fuzz::put(&root, "baseline.json", file);
    if let Ok(b) = baseline::load(&root.join("baseline.json"), "baseline.json") {
        let mut mine = findings.clone();
        let (hidden, stale) = baseline::apply(&b, "baseline.json", &mut mine);
        assert!(hidden <= b.findings.len() && stale <= b.findings.len());
        assert_eq!(hidden + stale, b.findings.len());
    }

    // What `vigil baseline` writes reads back, and hides every finding it recorded.
    let recorded = baseline::record(&findings);
    let text = serde_json::to_string_pretty(&recorded).unwrap();
    vigil_fuzz::put(&root, "recorded.json", text.as_bytes());
    let again = baseline::load(&root.join("recorded.json"), "recorded.json")
        .expect("a recorded baseline reads back");
    let mut mine = findings.clone();
    let (hidden, stale) = baseline::apply(&again, "recorded.json", &mut mine);
    let open = findings.iter().filter(|f| f.suppression.is_none()).count();
    assert_eq!((hidden, stale), (open, 0));
});
