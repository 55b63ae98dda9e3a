//! Embeds every `rules/*.yaml` of the workspace, so that adding a rule needs no Rust.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = manifest.join("../../rules");
    // A directory here makes cargo rerun the script when a file is added, removed or edited.
    println!("cargo:rerun-if-changed={}", dir.display());

    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| is_rule_file(p))
                .collect()
        })
        .unwrap_or_default();
    files.sort();

    let mut out = String::from("pub(crate) static BUILTIN: &[(&str, &str)] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let absolute = file.canonicalize().unwrap_or_else(|_| file.clone());
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            format!("rules/{name}"),
            absolute.display().to_string()
        ));
    }
    out.push_str("];\n");

    let out_dir = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(e) = fs::write(out_dir.join("builtin_rules.rs"), out) {
        println!("cargo:warning=cannot write the table of built-in rules: {e}");
        std::process::exit(1);
    }
}

fn is_rule_file(path: &Path) -> bool {
    path.is_file() && path.extension().is_some_and(|e| e == "yaml" || e == "yml")
}
