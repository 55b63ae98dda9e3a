//! Bytes as the JSON `terraform show -json` writes for a plan, read into resources with the
//! rules run on them; and the same text through the JSON parser in each of its syntaxes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let root = vigil_fuzz::scratch();
    vigil_fuzz::put(&root, "plan.json", data);
    if let Ok(text) = std::str::from_utf8(data) {
        // What discovery asks first of every JSON file.
        let _ = vigil_terraform::is_plan(text);
    }
    let display = vigil_fuzz::display(&root);
    let out = vigil_terraform::evaluate_plan(&root.join("plan.json"), &display);
    vigil_fuzz::finish(out);
});
