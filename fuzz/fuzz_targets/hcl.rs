//! Bytes as Terraform configuration: HCL native syntax, the JSON syntax (`.tf.json`), or a
//! variable file, parsed and evaluated as a root module with the rules run on it. Sections
//! after a NUL byte are the modules `./m1`, `./m2`, ... that the root can call.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let root = vigil_fuzz::scratch();
    let json = mode & 1 == 1;
    let ext = if json { "tf.json" } else { "tf" };
    for (i, text) in vigil_fuzz::sections(rest, 4).into_iter().enumerate() {
        let rel = match (i, mode % 4) {
            // A variable file beside a configuration that declares a few variables.
            (0, 2) => "terraform.tfvars".to_string(),
            (0, 3) => "terraform.tfvars.json".to_string(),
            (0, _) => format!("main.{ext}"),
            (n, _) => format!("m{n}/main.{ext}"),
        };
        vigil_fuzz::put(&root, &rel, text);
    }
    if mode % 4 >= 2 {
        vigil_fuzz::put(
            &root,
            "variables.tf",
            b"variable \"a\" {}\nvariable \"b\" {\n  type = list(string)\n  default = []\n}\nresource \"azurerm_key_vault\" \"kv\" {\n  name = var.a\n  network_acls {\n    bypass = var.a\n    ip_rules = var.b\n    default_action = \"Deny\"\n  }\n}\n",
        );
    }
    let display = vigil_fuzz::display(&root);
    let out = vigil_terraform::evaluate_dir(&root, &display, &vigil_terraform::Options::default());
    vigil_fuzz::finish(out);
});
