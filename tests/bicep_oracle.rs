//! Microsoft's Bicep compiler as the oracle of vigil's Bicep evaluator.
//!
//! `../shared/parse-corpus` holds the Bicep sources of Azure's verified modules and, at the same
//! path under `arm/`, the `main.json` that `bicep build` made of each. A `.bicep` and its
//! compiled JSON deploy the same resources, so vigil must read the same resources from both:
//! the same types (nested deployments left out: they are how modules compile), and for each
//! resource matched by address (its symbolic name, under the modules it sits in) or, failing
//! that, by type and evaluated name, every value known on both sides equal and no value known
//! from the JSON unknown from the `.bicep`. Registry modules (`br:`, `ts:`) are not read on the
//! Bicep side, so what the JSON inlines for them is left out and counted apart.
//!
//! Pairs that still differ are listed with the reason in `tests/bicep-oracle/differences.txt`:
//! a pair that differs without being listed fails the test, and so does a listed pair that is
//! now equal (the list can only shrink).
//!
//! The corpus is outside the repository: the test reads `$VIGIL_ORACLE_CORPUS` (which must then
//! hold it) or else `../shared/parse-corpus` beside the repository. Without either it skips, and
//! fails instead when `VIGIL_REQUIRE_SHARED` is set (`.ci/run` sets it when `../shared` is
//! there); it fails too when it compares fewer pairs than [`FLOOR`].

use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use vigil_model::{Resource, UnitOutput};

#[path = "support/outside.rs"]
mod outside;

const MODULES: &str = "Azure__bicep-registry-modules";

/// Pairs of `main.bicep` and `main.json` the corpus holds at least: 150 when this was written,
/// less a margin.
const FLOOR: usize = 145;

const TEST: &str = "bicep oracle";

fn corpus() -> Option<PathBuf> {
    outside::corpus(
        TEST,
        "VIGIL_ORACLE_CORPUS",
        "parse-corpus",
        &[&format!("bicep/{MODULES}"), &format!("arm/{MODULES}")],
    )
}

fn main_bicep_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            main_bicep_files(&path, out);
        } else if path.file_name().is_some_and(|n| n == "main.bicep") {
            out.push(path);
        }
    }
}

/// One reading of a resource, for comparison.
struct Read {
    address: String,
    ty: String,
    name: Option<String>,
    body: Json,
}

fn read(r: &Resource) -> Read {
    let body = vigil_report::body_json(r);
    Read {
        address: r.address.clone(),
        ty: r.azure_type.to_ascii_lowercase(),
        name: body.get("name").and_then(Json::as_str).map(str::to_string),
        body,
    }
}

fn is_unknown(v: &Json) -> bool {
    v.as_object()
        .is_some_and(|m| m.len() == 1 && m.contains_key(vigil_report::UNKNOWN_KEY))
}

/// Differences between the body read from the `.bicep` and from the JSON, as `path: what`.
fn compare(
    path: &str,
    bicep: Option<&Json>,
    json: Option<&Json>,
    out: &mut Vec<String>,
    equal: &mut usize,
) {
    let absent = |v: Option<&Json>| v.is_none_or(Json::is_null);
    match (bicep, json) {
        _ if absent(bicep) && absent(json) => {}
        (Some(b), Some(j)) if is_unknown(b) && is_unknown(j) => {}
        (Some(b), Some(j)) if is_unknown(b) => out.push(format!(
            "{path}: known from the JSON ({}), unknown from the .bicep ({})",
            short(j),
            b[vigil_report::UNKNOWN_KEY].as_str().unwrap_or("")
        )),
        // The .bicep knowing more than its compiled form is no disagreement about a value.
        (Some(_), Some(j)) if is_unknown(j) => {}
        (Some(Json::Object(b)), Some(Json::Object(j))) => {
            let keys: BTreeSet<&String> = b.keys().chain(j.keys()).collect();
            for k in keys {
                compare(&format!("{path}.{k}"), find(b, k), find(j, k), out, equal);
            }
        }
        (Some(Json::Array(b)), Some(Json::Array(j))) if b.len() == j.len() => {
            for (i, (x, y)) in b.iter().zip(j).enumerate() {
                compare(&format!("{path}[{i}]"), Some(x), Some(y), out, equal);
            }
        }
        (Some(Json::Number(b)), Some(Json::Number(j))) if b.as_f64() == j.as_f64() => *equal += 1,
        (Some(b), Some(j)) if b == j => *equal += 1,
        (b, j) => out.push(format!(
            "{path}: {} from the .bicep, {} from the JSON",
            b.map_or("absent".into(), short),
            j.map_or("absent".into(), short)
        )),
    }
}

/// A property in any case, the exact spelling first (ARM reads names in any case).
fn find<'m>(m: &'m serde_json::Map<String, Json>, k: &str) -> Option<&'m Json> {
    m.get(k).or_else(|| {
        m.iter()
            .find(|(x, _)| x.eq_ignore_ascii_case(k))
            .map(|(_, v)| v)
    })
}

fn short(v: &Json) -> String {
    let s = v.to_string();
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(80).collect::<String>())
    } else {
        s
    }
}

/// What comparing one pair found.
#[derive(Default)]
struct Pair {
    compared: usize,
    /// Values known on both sides, and equal.
    values: usize,
    left_out: usize,
    problems: Vec<String>,
}

fn compare_pair(bicep: &UnitOutput, json: &UnitOutput) -> Pair {
    let mut pair = Pair::default();
    let unread: Vec<&str> = bicep
        .unchecked
        .iter()
        .filter_map(|u| u.module.as_deref())
        .collect();
    let deployment = |r: &&Resource| {
        r.azure_type
            .eq_ignore_ascii_case("Microsoft.Resources/deployments")
    };
    let b: Vec<Read> = bicep
        .resources
        .iter()
        .filter(|r| !deployment(r))
        .map(read)
        .collect();
    let mut j: Vec<Read> = Vec::new();
    for r in &json.resources {
        if deployment(&r) {
            continue;
        }
        if unread
            .iter()
            .any(|m| vigil_model::under_module(&r.address, m))
        {
            pair.left_out += 1;
        } else {
            j.push(read(r));
        }
    }
    let types = |rs: &[Read]| {
        let mut t: BTreeMap<String, usize> = BTreeMap::new();
        for r in rs {
            *t.entry(r.ty.clone()).or_default() += 1;
        }
        t
    };
    let (tb, tj) = (types(&b), types(&j));
    if tb != tj {
        for ty in tb.keys().chain(tj.keys()).collect::<BTreeSet<_>>() {
            let (nb, nj) = (tb.get(ty).unwrap_or(&0), tj.get(ty).unwrap_or(&0));
            if nb != nj {
                pair.problems.push(format!(
                    "type {ty}: {nb} from the .bicep, {nj} from the JSON"
                ));
            }
        }
    }
    // Matched by address first, then by type and known name, then the one of its type left.
    let mut left: Vec<Option<&Read>> = j.iter().map(Some).collect();
    let mut unmatched = Vec::new();
    let mut matches: Vec<(&Read, &Read)> = Vec::new();
    for rb in &b {
        let slot = left
            .iter()
            .position(|x| x.is_some_and(|x| x.address == rb.address && x.ty == rb.ty));
        match slot {
            Some(i) => matches.push((rb, left[i].take().expect("a slot left"))),
            None => unmatched.push(rb),
        }
    }
    let mut still = Vec::new();
    for rb in unmatched {
        let slot = left.iter().position(|x| {
            x.is_some_and(|x| x.ty == rb.ty && x.name.is_some() && x.name == rb.name)
        });
        match slot {
            Some(i) => matches.push((rb, left[i].take().expect("a slot left"))),
            None => still.push(rb),
        }
    }
    for rb in still {
        let same_type: Vec<usize> = (0..left.len())
            .filter(|&i| left[i].is_some_and(|x| x.ty == rb.ty))
            .collect();
        if let [i] = same_type[..] {
            matches.push((rb, left[i].take().expect("a slot left")));
        } else if tb == tj {
            pair.problems.push(format!(
                "{} ({}): no resource of the JSON matches it",
                rb.address, rb.ty
            ));
        }
    }
    for (rb, rj) in matches {
        pair.compared += 1;
        let mut diffs = Vec::new();
        compare(
            "",
            Some(&rb.body),
            Some(&rj.body),
            &mut diffs,
            &mut pair.values,
        );
        for d in diffs {
            pair.problems.push(format!("{}{d}", rb.address));
        }
    }
    pair
}

/// `module path: reason` lines of the list of pairs known to differ.
fn known_differences() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bicep-oracle/differences.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn bicep_and_its_compiled_json_deploy_the_same_resources() {
    let Some(root) = corpus() else {
        return;
    };
    let bicep_root = root.join("bicep").join(MODULES);
    let mut files = Vec::new();
    main_bicep_files(&bicep_root, &mut files);
    files.sort();
    let display_root = root.clone();
    let display = move |p: &Path| {
        p.strip_prefix(&display_root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let known = known_differences();
    let only = std::env::var("VIGIL_ORACLE").ok();
    let verbose = std::env::var_os("VIGIL_ORACLE_VERBOSE").is_some();
    let (mut pairs, mut equal, mut compared, mut left_out, mut values) = (0, 0, 0, 0, 0);
    let mut failures = String::new();
    let mut seen = BTreeSet::new();
    for bicep_file in &files {
        let rel = bicep_file
            .strip_prefix(&bicep_root)
            .expect("under the root");
        let json_file = root
            .join("arm")
            .join(MODULES)
            .join(rel)
            .with_extension("json");
        if !json_file.is_file() {
            continue;
        }
        let module = rel
            .parent()
            .unwrap_or(rel)
            .to_string_lossy()
            .replace('\\', "/");
        if only.as_deref().is_some_and(|o| !module.contains(o)) {
            continue;
        }
        pairs += 1;
        seen.insert(module.clone());
        let b = vigil_bicep::evaluate_file_with(bicep_file, &display, None);
        let j = vigil_arm::evaluate_template(&json_file, &display, None);
        let pair = compare_pair(&b, &j);
        compared += pair.compared;
        values += pair.values;
        left_out += pair.left_out;
        let differs = !pair.problems.is_empty();
        if !differs {
            equal += 1;
        }
        if verbose && differs {
            eprintln!("{module}:");
            for p in &pair.problems {
                eprintln!("    {p}");
            }
        }
        match (differs, known.get(&module)) {
            (true, None) => {
                let _ = writeln!(
                    failures,
                    "{module}: differs and is not in differences.txt ({} differences; first: {})",
                    pair.problems.len(),
                    pair.problems[0]
                );
            }
            (false, Some(_)) => {
                let _ = writeln!(
                    failures,
                    "{module}: now equal: remove it from differences.txt"
                );
            }
            _ => {}
        }
    }
    if only.is_none() {
        for module in known.keys().filter(|m| !seen.contains(*m)) {
            let _ = writeln!(
                failures,
                "{module}: listed in differences.txt but not in the corpus"
            );
        }
        outside::read_at_least(TEST, "pairs of main.bicep and main.json", pairs, FLOOR);
    }
    eprintln!(
        "bicep oracle: {equal} of {pairs} pairs equal ({compared} resources and {values} known \
         values compared, {left_out} resources of registry modules left out)"
    );
    assert!(failures.is_empty(), "bicep oracle:\n{failures}");
}
