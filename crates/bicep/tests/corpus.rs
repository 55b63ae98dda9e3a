//! Parses every `.bicep` / `.bicepparam` file of the Bicep parse corpus and requires zero
//! syntax errors. The corpus lives outside the repository: `$VIGIL_BICEP_CORPUS`, else
//! `../shared/parse-corpus/bicep` beside it. Without either the tests skip, and fail instead
//! when `VIGIL_REQUIRE_SHARED` is set (`.ci/run` sets it when `../shared` is there).

#[path = "../../../tests/support/outside.rs"]
mod outside;

use std::path::{Path, PathBuf};

use vigil_bicep::{ExprKind, StatementKind};

/// Files the corpus holds at least: 2,331 `.bicep` and `.bicepparam` files when this was
/// written (`find parse-corpus/bicep -name '*.bicep' -o -name '*.bicepparam'`), less a margin.
const FLOOR: usize = 2_300;

/// The corpus files that could be read as text, sorted by path, and at least [`FLOOR`] of
/// them; `None` when the test skips.
fn corpus_files(test: &str) -> Option<Vec<(PathBuf, String)>> {
    let root = outside::corpus(test, "VIGIL_BICEP_CORPUS", "parse-corpus/bicep", &[])?;
    let mut paths = Vec::new();
    collect(&root, &mut paths);
    paths.sort();
    let files: Vec<(PathBuf, String)> = paths
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|text| (p, text)))
        .collect();
    outside::read_at_least(test, "Bicep files", files.len(), FLOOR);
    Some(files)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
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
            out.push(path);
        }
    }
}

#[test]
fn corpus_parses_without_errors() {
    let Some(files) = corpus_files("bicep corpus_parses_without_errors") else {
        return;
    };
    let mut failed = Vec::new();
    for (path, text) in &files {
        let parsed = vigil_bicep::parse(text);
        // A lenient parser could swallow text silently; the shape of bodies catches that.
        for stmt in &parsed.program.statements {
            if let StatementKind::Resource { value, .. } | StatementKind::Module { value, .. } =
                &stmt.kind
            {
                assert!(
                    matches!(
                        value.kind,
                        ExprKind::Object(_) | ExprKind::If { .. } | ExprKind::For { .. }
                    ),
                    "{}: body of {:?}",
                    path.display(),
                    &text[stmt.span.clone()]
                );
            }
            assert!(!matches!(stmt.kind, StatementKind::Error));
        }
        if let Some(e) = parsed.errors.first() {
            let line = text[..e.span.start].matches('\n').count() + 1;
            failed.push(format!(
                "{}:{}: {} ({} errors)",
                path.display(),
                line,
                e.message,
                parsed.errors.len()
            ));
        }
    }
    eprintln!("{} files, {} with errors", files.len(), failed.len());
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Real files with bytes cut out exercise recovery far better than random text: every
/// prefix of a construct turns up somewhere.
#[test]
fn damaged_corpus_files_never_panic() {
    let Some(files) = corpus_files("bicep damaged_corpus_files_never_panic") else {
        return;
    };
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n.max(1)
    };
    for (path, text) in &files {
        for _ in 0..3 {
            let mut damaged = text.clone();
            for _ in 0..4 {
                let at = next(damaged.len());
                let len = next(40);
                let end = (at + len).min(damaged.len());
                if damaged.is_char_boundary(at) && damaged.is_char_boundary(end) {
                    damaged.replace_range(at..end, "");
                }
            }
            let parsed = vigil_bicep::parse(&damaged);
            for e in &parsed.errors {
                assert!(e.span.end <= damaged.len(), "{}", path.display());
            }
        }
    }
}
