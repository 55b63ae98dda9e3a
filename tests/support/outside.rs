//! What tests read from outside the repository, and when they may do without it.
//!
//! Some tests read corpora kept beside the repository in `../shared` (or a directory an
//! environment variable names) and some run external tools. Where those are missing the test
//! has nothing to check, so it skips, and says so on the terminal (not in the captured output
//! that `cargo test` hides for passing tests). Skipping must never be how such a test passes
//! in CI: `.ci/run` sets `VIGIL_REQUIRE_SHARED=1` when `../shared` is there (and
//! `VIGIL_REQUIRE_<TOOL>=1` for each tool it installs or finds), and then a test that would skip
//! fails instead, naming the variable. A test that reads a corpus also asserts that it read at
//! least a stated number of files, so that a glob matching nothing cannot pass either.
//!
//! Included by each test that needs it, from the root package as
//! `#[path = "support/outside.rs"] mod outside;` and from a crate's tests as
//! `#[path = "../../../tests/support/outside.rs"] mod outside;`.
#![allow(dead_code)] // each test binary uses its own subset

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Set by `.ci/run` when `../shared` is beside the repository: the corpora must be read.
pub const REQUIRE_SHARED: &str = "VIGIL_REQUIRE_SHARED";

/// Where `../shared` is, when it is not beside the repository (or to point a run elsewhere).
pub const SHARED: &str = "VIGIL_SHARED";

/// Whether the `VIGIL_REQUIRE_*` variable `var` is set (to anything but empty or `0`).
pub fn required(var: &str) -> bool {
    std::env::var_os(var).is_some_and(|v| !v.is_empty() && v != "0")
}

/// The workspace root: the nearest ancestor of the package being tested with a `Cargo.lock`.
pub fn repo() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|d| d.join("Cargo.lock").is_file())
        .unwrap_or(manifest)
        .to_path_buf()
}

/// `$VIGIL_SHARED`, else `../shared` beside the repository, whether or not it is there.
pub fn shared() -> PathBuf {
    std::env::var_os(SHARED)
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"))
}

/// A line on the terminal even when the test passes: `cargo test` captures `eprintln!`.
pub fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Where `test` has nothing to read because of `why`: fails when `require` is set, else says
/// that it skips. The caller returns after it.
#[track_caller]
pub fn skip(test: &str, require: &str, why: &str) {
    assert!(
        !required(require),
        "{test}: {require} is set, so this may not skip, but {why}"
    );
    say(&format!("{test}: SKIPPED: {why} ({require} is unset)"));
}

/// The corpus of `test`: the directory `$var` names (which must then hold every path of
/// `holds`), else `shared()/under` when it holds them; `None` after [`skip`] when neither.
#[track_caller]
pub fn corpus(test: &str, var: &str, under: &str, holds: &[&str]) -> Option<PathBuf> {
    let complete = |dir: &Path| holds.iter().all(|h| dir.join(h).exists());
    if let Some(dir) = std::env::var_os(var) {
        let dir = PathBuf::from(dir);
        assert!(
            dir.is_dir() && complete(&dir),
            "{test}: {var}={} is not a corpus: it should be a directory{}",
            dir.display(),
            if holds.is_empty() {
                String::new()
            } else {
                format!(" holding {}", holds.join(" and "))
            }
        );
        return Some(dir);
    }
    let dir = shared().join(under);
    if dir.is_dir() && complete(&dir) {
        return Some(dir);
    }
    skip(
        test,
        REQUIRE_SHARED,
        &format!(
            "no corpus at {} (neither {var} nor a {} holding it)",
            dir.display(),
            if std::env::var_os(SHARED).is_some() {
                "$VIGIL_SHARED"
            } else {
                "../shared beside the repository"
            }
        ),
    );
    None
}

/// That `test` read `count` `what`, at least `floor` (a little below what the corpus holds, so
/// that a corpus gone missing or a walk that finds nothing fails), and says how many.
#[track_caller]
pub fn read_at_least(test: &str, what: &str, count: usize, floor: usize) {
    say(&format!("{test}: read {count} {what} (floor {floor})"));
    assert!(
        count >= floor,
        "{test}: read {count} {what}, fewer than the floor of {floor}: is the corpus complete?"
    );
}
