//! Files a pull request can hold to make a checker hang, blow up or leak: FIFOs, devices,
//! links out of the tree (to `/proc/self/environ`), files too large, names that are not UTF-8,
//! paths too long, directories that cannot be read, UTF-16 templates. Each is refused or
//! reported by name, never read or skipped in silence, and the good file beside it is still
//! checked. Every input is made here, at run time.
#![cfg(unix)]

mod common;

use common::*;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::time::Duration;

/// In the environment of every run here: `/proc/self/environ` holds it, and no output may.
const CANARY: &str = "VIGIL_CANARY_SECRET_7f3a91";

/// A run that must end on its own: a FIFO read would block it forever.
fn check(dir: &Path, extra: &[&str]) -> Output {
    let mut cmd = vigil();
    cmd.current_dir(dir)
        .env("VIGIL_TEST_CANARY", CANARY)
        .timeout(Duration::from_secs(20))
        .args(["check", "--no-config", "--verbose", "--format", "json"])
        .args(extra);
    let out = run(&mut cmd);
    assert!(
        !all_output(&out).contains(CANARY),
        "the environment leaked into the output:\n{}",
        tail(&all_output(&out))
    );
    out
}

fn report(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\n--- stderr\n{}",
            tail(&stdout(o)),
            tail(&stderr(o))
        )
    })
}

/// (rule, file) of every finding.
fn findings(o: &Output) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = report(o)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["location"]["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

/// (file, message) of every error.
fn errors(o: &Output) -> Vec<(String, String)> {
    report(o)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The good neighbour's finding is there.
#[track_caller]
fn assert_neighbour(o: &Output, file: &str) {
    assert!(
        findings(o).contains(&("AZKV001".to_string(), file.to_string())),
        "no AZKV001 in {file}: {:?}\n--- stderr\n{}",
        findings(o),
        tail(&stderr(o))
    );
}

#[track_caller]
fn assert_said(o: &Output, what: &[&str]) {
    let all = all_output(o);
    for w in what {
        assert!(all.contains(w), "`{w}` not said:\n{}", tail(&all));
    }
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(ok.success());
}

/// A project with a good neighbour: `good/main.tf`, whose vault fails AZKV001.
fn with_neighbour() -> TempDir {
    project(&[("good/main.tf", &vault_none())])
}

const ARM_NONE: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "kv-arm",
      "location": "westeurope",
      "properties": { "networkAcls": { "bypass": "None", "defaultAction": "Deny" } }
    }
  ]
}
"#;

const BICEP_NONE: &str = "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-bicep'
  location: 'westeurope'
  properties: {
    networkAcls: {
      bypass: 'None'
      defaultAction: 'Deny'
    }
  }
}
";

#[test]
fn fifos_in_the_tree_are_skipped_with_a_note() {
    let dir = with_neighbour();
    std::fs::create_dir(dir.path().join("pipes")).unwrap();
    for name in ["main.tf", "kv.bicep", "azuredeploy.json", "plan.json"] {
        mkfifo(&dir.path().join("pipes").join(name));
    }
    let out = check(dir.path(), &[]);
    assert_exit(&out, 1);
    assert_neighbour(&out, "good/main.tf");
    assert_said(
        &out,
        &[
            "pipes/main.tf is not read: it is a FIFO (named pipe), not a regular file",
            "pipes/kv.bicep is not read: it is a FIFO",
            "pipes/azuredeploy.json is not read: it is a FIFO",
            "pipes/plan.json is not read: it is a FIFO",
        ],
    );
}

#[test]
fn a_fifo_behind_a_link_is_skipped_too() {
    let dir = with_neighbour();
    mkfifo(&dir.path().join("pipe"));
    std::fs::create_dir(dir.path().join("linked")).unwrap();
    symlink("../pipe", dir.path().join("linked/main.tf")).unwrap();
    symlink("pipe", dir.path().join("kv.bicep")).unwrap();
    let out = check(dir.path(), &[]);
    assert_exit(&out, 1);
    assert_neighbour(&out, "good/main.tf");
    assert_said(
        &out,
        &[
            "linked/main.tf is not read: it is a FIFO",
            "kv.bicep is not read: it is a FIFO",
        ],
    );
}

#[test]
fn a_fifo_named_on_the_command_line_is_skipped_with_a_note() {
    let dir = with_neighbour();
    mkfifo(&dir.path().join("staged.tf"));
    mkfifo(&dir.path().join("staged.bicep"));
    let out = check(dir.path(), &["good/main.tf", "staged.tf", "staged.bicep"]);
    assert_exit(&out, 1);
    assert_neighbour(&out, "good/main.tf");
    assert_said(
        &out,
        &[
            "staged.tf is not read: it is a FIFO",
            "staged.bicep is not read: it is a FIFO",
        ],
    );
}

#[test]
fn a_fifo_as_configuration_or_baseline_is_an_error_not_a_hang() {
    let dir = with_neighbour();
    mkfifo(&dir.path().join("pipe.yaml"));
    mkfifo(&dir.path().join("pipe-baseline.json"));
    let mut cmd = vigil();
    let out = run(cmd
        .current_dir(dir.path())
        .timeout(Duration::from_secs(20))
        .args(["check", "--config", "pipe.yaml", "good"]));
    assert_exit(&out, 2);
    assert_said(
        &out,
        &["pipe.yaml", "it is a FIFO (named pipe), not a regular file"],
    );

    let out = check(dir.path(), &["--baseline", "pipe-baseline.json", "good"]);
    assert_exit(&out, 2);
    assert_said(
        &out,
        &["pipe-baseline.json: cannot read the baseline: it is a FIFO (named pipe)"],
    );

    // So are a variables file and a parameter file named on the command line.
    mkfifo(&dir.path().join("pipe.tfvars"));
    let out = check(dir.path(), &["--var-file", "pipe.tfvars", "good"]);
    assert_exit(&out, 2);
    assert_said(&out, &["pipe.tfvars: not read: it is a FIFO (named pipe)"]);
    let out = check(dir.path(), &["--parameters", "pipe-baseline.json", "good"]);
    assert_exit(&out, 2);
    assert_said(
        &out,
        &["pipe-baseline.json: not read: it is a FIFO (named pipe)"],
    );

    // A vigil.yaml found (not named) that is a FIFO is refused the same way, not passed over.
    mkfifo(&dir.path().join("good/vigil.yaml"));
    let mut cmd = vigil();
    let out = run(cmd
        .current_dir(dir.path())
        .timeout(Duration::from_secs(20))
        .args(["check", "good"]));
    assert_exit(&out, 2);
    assert_said(&out, &["vigil.yaml", "it is a FIFO"]);

    // Without it the same tree is checked: the neighbour's finding is there.
    std::fs::remove_file(dir.path().join("good/vigil.yaml")).unwrap();
    let out = check(dir.path(), &["good"]);
    assert_exit(&out, 1);
    assert_neighbour(&out, "main.tf");
}

#[test]
fn a_fifo_or_huge_gitignore_neither_hangs_nor_hides_the_directory() {
    let dir = project(&[
        ("good/main.tf", &vault_none()),
        ("sub/main.tf", &vault_none()),
        ("big/main.tf", &vault_none()),
    ]);
    mkfifo(&dir.path().join("sub/.gitignore"));
    // Two MiB of patterns: over the limit for an ignore file.
    std::fs::write(dir.path().join("big/.gitignore"), "*.tf\n".repeat(420_000)).unwrap();
    let out = check(dir.path(), &[]);
    assert_exit(&out, 1);
    assert_neighbour(&out, "good/main.tf");
    // Checked without ignore files: the safe side.
    assert_neighbour(&out, "sub/main.tf");
    assert_neighbour(&out, "big/main.tf");
    assert_said(
        &out,
        &[
            "sub/.gitignore is not read: it is a FIFO (named pipe), not a regular file; its directory is checked without ignore files",
            "big/.gitignore is not read: it is 2.0 MiB, over the 64 KiB limit",
        ],
    );

    // At the root of the scan too.
    mkfifo(&dir.path().join("good/.gitignore"));
    let out = check(&dir.path().join("good"), &[]);
    assert_exit(&out, 1);
    assert_neighbour(&out, "main.tf");
    assert_said(&out, &[".gitignore is not read: it is a FIFO"]);
}

#[test]
fn the_ignore_files_of_a_run_have_a_budget_together() {
    let dir = with_neighbour();
    // Six of 60 KiB each: each under the limit for one, together over the run's 256 KiB.
    let patterns: String = (0..9_000).map(|i| format!("p{i}/*.x\n")).collect();
    let patterns = &patterns[..60 << 10];
    for i in 0..6 {
        write_files(
            dir.path(),
            &[
                (&format!("d{i}/main.tf"), &vault_none()),
                (&format!("d{i}/.gitignore"), patterns),
            ],
        );
    }
    let out = check(dir.path(), &[]);
    assert_exit(&out, 1);
    assert_neighbour(&out, "good/main.tf");
    for i in 0..6 {
        assert_neighbour(&out, &format!("d{i}/main.tf"));
    }
    let over = stderr(&out)
        .matches("the ignore files of this run would pass 256 KiB together")
        .count();
    assert_eq!(over, 2, "{}", tail(&stderr(&out)));
}

#[test]
fn a_fifo_as_the_module_manifest_is_said_and_the_root_still_checked() {
    let main = format!(
        "{}\nmodule \"kv\" {{\n  source = \"Azure/avm-res-keyvault-vault/azurerm\"\n}}\n",
        vault_none()
    );
    let dir = project(&[("main.tf", &main)]);
    std::fs::create_dir_all(dir.path().join(".terraform/modules")).unwrap();
    mkfifo(&dir.path().join(".terraform/modules/modules.json"));
    let out = check(dir.path(), &[]);
    assert_exit(&out, 1);
    assert_neighbour(&out, "main.tf");
    assert_said(
        &out,
        &[".terraform/modules/modules.json is not read: it is a FIFO"],
    );
}

#[test]
fn links_to_proc_and_dev_are_never_read_nor_printed() {
    let dir = with_neighbour();
    std::fs::create_dir(dir.path().join("leak")).unwrap();
    symlink("/proc/self/environ", dir.path().join("leak/main.tf")).unwrap();
    symlink("/proc/self/environ", dir.path().join("env.bicep")).unwrap();
    symlink("/proc/self/environ", dir.path().join("env.json")).unwrap();
    symlink("/dev/zero", dir.path().join("zero.json")).unwrap();
    symlink("/dev/zero", dir.path().join("zero.bicep")).unwrap();
    let out = check(dir.path(), &[]);
    assert_exit(&out, 1);
    assert_neighbour(&out, "good/main.tf");
    assert_said(
        &out,
        &[
            "leak/main.tf is not read: it is reached through a symbolic link whose target lies outside the scan root",
            "env.bicep is not read: it is reached through a symbolic link",
            "zero.bicep is not read: it is reached through a symbolic link",
        ],
    );

    // Links followed, a kernel file is still refused (an error: it was asked for).
    let out = check(dir.path(), &["--follow-symlinks"]);
    assert_exit(&out, 2);
    assert_neighbour(&out, "good/main.tf");
    let errs = errors(&out);
    for file in ["leak/main.tf", "env.bicep"] {
        assert!(
            errs.iter()
                .any(|(f, m)| f == file && m.contains("a kernel file system")),
            "{file}: {errs:?}"
        );
    }
    // Followed, the link to /dev/zero is the device it leads to.
    assert_said(
        &out,
        &["zero.bicep is not read: it is a device, not a regular file"],
    );
}

#[test]
fn a_link_out_of_the_root_is_followed_only_when_asked() {
    let outside = project(&[
        (
            "main.tf",
            &vault("outside", Some((r#""None""#, r#""Deny""#)), ""),
        ),
        ("kv.bicep", BICEP_NONE),
    ]);
    let dir = with_neighbour();
    std::fs::create_dir(dir.path().join("linked")).unwrap();
    symlink(
        outside.path().join("main.tf"),
        dir.path().join("linked/main.tf"),
    )
    .unwrap();
    symlink(outside.path().join("kv.bicep"), dir.path().join("kv.bicep")).unwrap();

    let out = check(dir.path(), &[]);
    assert_exit(&out, 1);
    assert_eq!(
        findings(&out),
        vec![("AZKV001".to_string(), "good/main.tf".to_string())]
    );
    assert_said(
        &out,
        &[
            "note: linked/main.tf is not read: it is reached through a symbolic link whose target lies outside the scan root (--follow-symlinks follows such links)",
            "note: kv.bicep is not read",
        ],
    );

    let out = check(dir.path(), &["--follow-symlinks"]);
    assert_exit(&out, 1);
    assert_eq!(
        findings(&out),
        vec![
            ("AZKV001".to_string(), "good/main.tf".to_string()),
            ("AZKV001".to_string(), "kv.bicep".to_string()),
            ("AZKV001".to_string(), "linked/main.tf".to_string()),
        ]
    );

    // The configuration says it as well as the flag.
    std::fs::write(dir.path().join("vigil.yaml"), "follow-symlinks: true\n").unwrap();
    let mut cmd = vigil();
    let out = run(cmd
        .current_dir(dir.path())
        .timeout(Duration::from_secs(20))
        .args(["check", "--format", "json", "."]));
    assert_exit(&out, 1);
    assert_eq!(findings(&out).len(), 3, "{:?}", findings(&out));
}

#[test]
fn a_link_to_a_file_in_the_scan_is_not_checked_twice() {
    let dir = project(&[("kv.bicep", BICEP_NONE), ("good/main.tf", &vault_none())]);
    symlink("kv.bicep", dir.path().join("again.bicep")).unwrap();
    let out = check(dir.path(), &[]);
    assert_exit(&out, 1);
    assert_eq!(
        findings(&out),
        vec![
            ("AZKV001".to_string(), "good/main.tf".to_string()),
            ("AZKV001".to_string(), "kv.bicep".to_string()),
        ]
    );
    assert_said(
        &out,
        &["again.bicep: note: a symbolic link to kv.bicep, which is checked itself"],
    );
    assert_eq!(report(&out)["summary"]["files_scanned"], 2);
}

#[test]
fn a_file_over_the_size_limit_is_an_error_naming_it() {
    let dir = with_neighbour();
    std::fs::create_dir(dir.path().join("huge")).unwrap();
    // Sparse: 17 MiB on paper, nothing on disk; refused before a byte is read.
    let file = std::fs::File::create(dir.path().join("huge/main.tf")).unwrap();
    file.set_len(17 << 20).unwrap();
    let out = check(dir.path(), &[]);
    assert_exit(&out, 2);
    assert_neighbour(&out, "good/main.tf");
    assert!(
        errors(&out).contains(&(
            "huge/main.tf".to_string(),
            "not read: it is 17 MiB, over the 16 MiB limit for one file (raise it with \
             --max-file-size or `max-file-size:` in vigil.yaml)"
                .to_string()
        )),
        "{:?}",
        errors(&out)
    );
    // Raised, it is read (and is no configuration: NUL bytes are not HCL).
    let out = check(dir.path(), &["--max-file-size", "32MiB"]);
    assert!(
        !all_output(&out).contains("over the"),
        "{}",
        tail(&all_output(&out))
    );
    assert_neighbour(&out, "good/main.tf");
}

#[test]
fn max_file_size_is_set_on_the_command_line_or_in_the_configuration() {
    let padded = format!("{}{}", vault_none(), "# padding\n".repeat(200));
    let dir = project(&[("good/main.tf", &vault_none()), ("big/main.tf", &padded)]);
    std::fs::write(
        dir.path().join("big/kv.bicep"),
        BICEP_NONE.to_string() + &"// pad\n".repeat(300),
    )
    .unwrap();
    let out = check(dir.path(), &["--max-file-size", "1KiB"]);
    assert_exit(&out, 2);
    assert_neighbour(&out, "good/main.tf");
    let errs = errors(&out);
    for file in ["big/main.tf", "big/kv.bicep"] {
        assert!(
            errs.iter()
                .any(|(f, m)| f == file && m.contains("over the 1 KiB limit")),
            "{file}: {errs:?}"
        );
    }

    std::fs::write(dir.path().join("vigil.yaml"), "max-file-size: 1KiB\n").unwrap();
    let mut cmd = vigil();
    let out = run(cmd
        .current_dir(dir.path())
        .timeout(Duration::from_secs(20))
        .args(["check", "--format", "json", "."]));
    assert_exit(&out, 2);
    assert_neighbour(&out, "good/main.tf");
    assert!(errors(&out)
        .iter()
        .any(|(f, m)| f == "big/main.tf" && m.contains("over the 1 KiB limit")));
    // The command line wins.
    let out = run(vigil()
        .current_dir(dir.path())
        .timeout(Duration::from_secs(20))
        .args(["check", "--format", "json", "--max-file-size", "1MB", "."]));
    assert_exit(&out, 1);
    assert_eq!(findings(&out).len(), 3, "{:?}", findings(&out));

    // A size that is none is the configuration's error, at its line.
    std::fs::write(
        dir.path().join("vigil.yaml"),
        "\nmax-file-size: 4 parsecs\n",
    )
    .unwrap();
    let out = run(vigil().current_dir(dir.path()).args(["check", "."]));
    assert_exit(&out, 2);
    assert_said(&out, &["vigil.yaml:2", "`4 parsecs` is not a size"]);
    let out = run(vigil().args(["check", "--max-file-size", "lots", "."]));
    assert_exit(&out, 2);
    assert_said(&out, &["`lots` is not a size"]);

    // `vigil config` shows the setting.
    std::fs::write(dir.path().join("vigil.yaml"), "max-file-size: 4MiB\n").unwrap();
    let out = run(vigil().current_dir(dir.path()).args(["config"]));
    assert_said(&out, &["max-file-size: 4194304", "follow-symlinks: false"]);
}

#[test]
fn names_that_are_not_utf8_are_checked_and_shown_escaped() {
    let dir = with_neighbour();
    let odd = dir.path().join(OsStr::from_bytes(b"odd-\xff"));
    std::fs::create_dir(&odd).unwrap();
    std::fs::write(odd.join(OsStr::from_bytes(b"kv-\xfe.tf")), vault_none()).unwrap();
    std::fs::write(
        dir.path().join(OsStr::from_bytes(b"kv-\xfd.bicep")),
        BICEP_NONE,
    )
    .unwrap();
    let out = check(dir.path(), &[]);
    assert_exit(&out, 1);
    assert_eq!(
        findings(&out),
        vec![
            ("AZKV001".to_string(), "good/main.tf".to_string()),
            ("AZKV001".to_string(), "kv-\\xfd.bicep".to_string()),
            ("AZKV001".to_string(), "odd-\\xff/kv-\\xfe.tf".to_string()),
        ]
    );
}

#[test]
fn a_path_too_long_to_open_is_reported() {
    let dir = with_neighbour();
    // 40 directories of 120 bytes: 4,800 bytes, past PATH_MAX. Made in two halves, each from
    // a directory that can still be named, as no single path to the deepest can be opened.
    let name = "d".repeat(120);
    let half = vec![name.as_str(); 20].join("/");
    std::fs::create_dir_all(dir.path().join(&half)).unwrap();
    let made = std::process::Command::new("sh")
        .current_dir(dir.path().join(&half))
        .arg("-c")
        .arg(format!("mkdir -p {half} && printf x > {half}/main.tf"))
        .status()
        .unwrap();
    assert!(made.success());
    // A component longer than a file system allows cannot even be made: said by the OS.
    assert!(std::fs::write(dir.path().join("e".repeat(300)), "x").is_err());
    let out = check(dir.path(), &[]);
    assert_exit(&out, 2);
    assert_neighbour(&out, "good/main.tf");
    let errs = errors(&out);
    assert!(
        errs.iter().any(|(f, m)| f.starts_with(&name)
            && m.contains("cannot walk this path, so what is under it is not checked")
            && m.contains("File name too long")),
        "{errs:?}"
    );
}

#[test]
fn an_unreadable_directory_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project(&[
        ("good/main.tf", &vault_none()),
        ("locked/main.tf", &vault_none()),
    ]);
    let locked = dir.path().join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let denied = std::fs::read_dir(&locked).is_err();
    let out = check(dir.path(), &[]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_neighbour(&out, "good/main.tf");
    if denied {
        assert_exit(&out, 2);
        assert!(
            errors(&out)
                .iter()
                .any(|(f, m)| f == "locked" && m.contains("Permission denied")),
            "{:?}",
            errors(&out)
        );
    } else {
        // As root, mode 000 denies nothing: the directory is simply checked.
        assert_neighbour(&out, "locked/main.tf");
    }
}

#[test]
fn utf16_templates_and_parameter_files_say_so() {
    let le_bom: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(ARM_NONE.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    let be_bom: Vec<u8> = [0xfe, 0xff]
        .into_iter()
        .chain(ARM_NONE.encode_utf16().flat_map(|u| u.to_be_bytes()))
        .collect();
    let le: Vec<u8> = ARM_NONE
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let params = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {}
}
"#;
    let dir = project(&[("good/azuredeploy.json", ARM_NONE), ("t/t.json", ARM_NONE)]);
    std::fs::write(dir.path().join("le-bom.json"), le_bom).unwrap();
    std::fs::write(dir.path().join("be-bom.json"), be_bom).unwrap();
    std::fs::write(dir.path().join("le.json"), le).unwrap();
    let params16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(params.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    std::fs::write(dir.path().join("t/t.parameters.json"), params16).unwrap();
    let out = check(dir.path(), &[]);
    assert_exit(&out, 2);
    assert_neighbour(&out, "good/azuredeploy.json");
    let errs = errors(&out);
    for (file, what) in [
        (
            "le-bom.json",
            "UTF-16 (little-endian, with a byte-order mark)",
        ),
        ("be-bom.json", "UTF-16 (big-endian, with a byte-order mark)"),
        ("le.json", "UTF-16 (little-endian)"),
        (
            "t/t.parameters.json",
            "UTF-16 (little-endian, with a byte-order mark)",
        ),
    ] {
        assert!(
            errs.iter().any(|(f, m)| f == file
                && m.contains(&format!("the file is {what} text, not UTF-8"))
                && m.contains("convert it")),
            "{file}: {errs:?}"
        );
    }
}

#[test]
fn files_the_code_names_outside_the_tree_are_never_read() {
    let outside = project(&[("secret.txt", CANARY)]);
    let secret = outside.path().join("secret.txt");
    let tf = format!(
        r#"{vault}
locals {{
  env    = file("/proc/self/environ")
  other  = file("{secret}")
  tmpl   = templatefile("/proc/self/environ", {{}})
  exists = fileexists("/proc/self/environ")
  b64    = filebase64("../../../../../../../proc/self/environ")
}}

resource "azurerm_key_vault" "leak" {{
  name                = local.env
  location            = "westeurope"
  resource_group_name = local.other
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  network_acls {{
    bypass         = local.tmpl
    default_action = "Deny"
  }}
}}
"#,
        vault = vault_none(),
        secret = secret.display()
    );
    let bicep = format!(
        "var env = loadTextContent('../../../../../../../proc/self/environ')\n\
         var other = loadTextContent('{secret}')\n\
         var json = loadJsonContent('../../outside.json')\n\
         var b64 = loadFileAsBase64('/proc/self/environ')\n\
         resource kv2 'Microsoft.KeyVault/vaults@2023-07-01' = {{\n  name: env\n  location: other\n  properties: {{\n    networkAcls: {{\n      bypass: env\n    }}\n  }}\n}}\n{BICEP_NONE}",
        secret = secret.display()
    );
    let dir = project(&[("tf/main.tf", &tf), ("bicep/main.bicep", &bicep)]);
    let out = check(dir.path(), &[]);
    assert_neighbour(&out, "tf/main.tf");
    assert_neighbour(&out, "bicep/main.bicep");
    let all = all_output(&out);
    assert!(!all.contains(CANARY), "{}", tail(&all));
}

#[test]
fn files_the_code_links_to_through_a_symlink_out_of_the_tree_are_refused() {
    let outside = project(&[
        ("vault.bicep", BICEP_NONE),
        (
            "modules/kv/main.tf",
            &vault("outside", Some((r#""None""#, r#""Deny""#)), ""),
        ),
    ]);
    let deployment = |name: &str, path: &str| {
        format!(
            r#"{{
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "{name}",
      "properties": {{ "mode": "Incremental", "templateLink": {{ "relativePath": "{path}" }} }}
    }}"#
        )
    };
    let arm = format!(
        r#"{{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {},
    {},
    {}
  ]
}}
"#,
        deployment("env", "links/env.json"),
        // Lexically beside the template, really in /proc: `..` after a link goes where the
        // link leads.
        deployment("hop", "links/fd/../environ"),
        deployment("ok", "nested/ok.json"),
    );
    let dir = project(&[
        ("arm/azuredeploy.json", &arm),
        ("arm/nested/ok.json", ARM_NONE),
        (
            "bicep/main.bicep",
            &format!("module leak 'links/leak.bicep' = {{\n  name: 'leak'\n}}\n{BICEP_NONE}"),
        ),
        (
            "tf/main.tf",
            &format!(
                "{}\nmodule \"kv\" {{\n  source = \"./links/kv\"\n}}\n",
                vault_none()
            ),
        ),
    ]);
    for sub in ["arm/links", "bicep/links", "tf/links"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    symlink("/proc/self/environ", dir.path().join("arm/links/env.json")).unwrap();
    symlink("/proc/self/fd", dir.path().join("arm/links/fd")).unwrap();
    symlink(
        outside.path().join("vault.bicep"),
        dir.path().join("bicep/links/leak.bicep"),
    )
    .unwrap();
    symlink(
        outside.path().join("modules/kv"),
        dir.path().join("tf/links/kv"),
    )
    .unwrap();
    let out = check(dir.path(), &[]);
    assert_exit(&out, 2);
    assert_neighbour(&out, "arm/nested/ok.json");
    assert_neighbour(&out, "bicep/main.bicep");
    assert_neighbour(&out, "tf/main.tf");
    // Nothing from outside is checked, so none of its findings shows.
    assert!(
        findings(&out).iter().all(|(_, f)| !f.contains("links/")),
        "{:?}",
        findings(&out)
    );
    let errs = errors(&out);
    for file in [
        "arm/links/env.json",
        "bicep/links/leak.bicep",
        "tf/links/kv/main.tf",
    ] {
        assert!(
            errs.iter()
                .any(|(f, m)| f == file && m.contains("symbolic link whose target lies outside")),
            "{file}: {errs:?}"
        );
    }
    // The hop is named as the path resolves lexically, and refused all the same.
    assert!(
        errs.iter()
            .any(|(f, m)| f == "arm/links/environ" && m.contains("symbolic link")),
        "{errs:?}"
    );
}
