//! Bytes as an ARM template (`azuredeploy.json`), evaluated with the rules run on it. A section
//! after a NUL byte is its parameter file (`azuredeploy.parameters.json`), further sections
//! linked templates (`t1.json`, ...) it can name with a relative `templateLink`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let root = vigil_fuzz::scratch();
    for (i, text) in vigil_fuzz::sections(data, 4).into_iter().enumerate() {
        let rel = match i {
            0 => "azuredeploy.json".to_string(),
            1 => "azuredeploy.parameters.json".to_string(),
            n => format!("t{}.json", n - 1),
        };
        vigil_fuzz::put(&root, &rel, text);
    }
    let template = root.join("azuredeploy.json");
    if let Ok(text) = std::str::from_utf8(data) {
        // What discovery asks first of every JSON file.
        let _ = vigil_arm::is_template(text);
    }
    let display = vigil_fuzz::display(&root);
    let out = vigil_arm::evaluate_template(&template, &display, None);
    vigil_fuzz::finish(out);
});
