//! One semantics per construct, held by random expressions: each is written in Bicep and in the
//! ARM form `bicep build` compiles it to (`a && b` is `and(a, b)`, `a ?? b` is `coalesce(a, b)`,
//! `x => x + 1` is `lambda('x', add(lambdaVariables('x'), 1))`, ...), both are evaluated, and
//! every value must be the same (or unknown on both sides: an error ARM would report is an
//! unknown in both front ends). `VIGIL_RANDOM_SEEDS=N` runs more seeds than the default.

use serde_json::Value as Json;
use std::fmt::Write as _;
use std::path::Path;

/// A small deterministic generator (SplitMix64), so that a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One expression in both languages.
struct Pair {
    bicep: String,
    arm: String,
}

fn pair(bicep: impl Into<String>, arm: impl Into<String>) -> Pair {
    Pair {
        bicep: bicep.into(),
        arm: arm.into(),
    }
}

/// The parameters both forms declare: known ones with defaults, one without a value (unknown)
/// and one nullable without a value (null).
const PARAMS: &[(&str, &str, &str)] = &[
    // name, Bicep declaration, ARM declaration
    (
        "pStr",
        "param pStr string = 'Ab'",
        r#""pStr": {"type": "string", "defaultValue": "Ab"}"#,
    ),
    (
        "pInt",
        "param pInt int = 2",
        r#""pInt": {"type": "int", "defaultValue": 2}"#,
    ),
    (
        "pBool",
        "param pBool bool = true",
        r#""pBool": {"type": "bool", "defaultValue": true}"#,
    ),
    (
        "pArr",
        "param pArr array = [1, 2, 3]",
        r#""pArr": {"type": "array", "defaultValue": [1, 2, 3]}"#,
    ),
    (
        "pObj",
        "param pObj object = { a: 1, b: 'x' }",
        r#""pObj": {"type": "object", "defaultValue": {"a": 1, "b": "x"}}"#,
    ),
    (
        "pUnknown",
        "param pUnknown string",
        r#""pUnknown": {"type": "string"}"#,
    ),
    (
        "pNull",
        "param pNull object?",
        r#""pNull": {"type": "object", "nullable": true}"#,
    ),
];

struct Gen {
    rng: Rng,
    /// Lambda variables in scope.
    vars: Vec<String>,
}

impl Gen {
    fn leaf(&mut self) -> Pair {
        match self.rng.below(9) {
            0 => {
                let n = self.rng.below(4);
                pair(n.to_string(), n.to_string())
            }
            1 => {
                let s = ["a", "A", "b", ""][self.rng.below(4) as usize];
                pair(format!("'{s}'"), format!("'{s}'"))
            }
            2 => {
                let b = self.rng.below(2) == 0;
                pair(b.to_string(), format!("{b}()"))
            }
            3 => pair("null", "null()"),
            4 if !self.vars.is_empty() => {
                let v = self.vars[self.rng.below(self.vars.len() as u64) as usize].clone();
                pair(v.clone(), format!("lambdaVariables('{v}')"))
            }
            _ => {
                let (name, _, _) = PARAMS[self.rng.below(PARAMS.len() as u64) as usize];
                pair(name, format!("parameters('{name}')"))
            }
        }
    }

    fn expr(&mut self, depth: u32) -> Pair {
        if depth == 0 || self.rng.below(10) < 3 {
            return self.leaf();
        }
        let d = depth - 1;
        match self.rng.below(12) {
            0..=2 => {
                const OPS: &[(&str, &str)] = &[
                    ("&&", "and"),
                    ("||", "or"),
                    ("??", "coalesce"),
                    ("==", "equals"),
                    ("<", "less"),
                    ("<=", "lessOrEquals"),
                    (">", "greater"),
                    (">=", "greaterOrEquals"),
                    ("+", "add"),
                    ("-", "sub"),
                    ("*", "mul"),
                    ("/", "div"),
                    ("%", "mod"),
                ];
                let (op, func) = OPS[self.rng.below(OPS.len() as u64) as usize];
                let (a, b) = (self.expr(d), self.expr(d));
                pair(
                    format!("({} {op} {})", a.bicep, b.bicep),
                    format!("{func}({}, {})", a.arm, b.arm),
                )
            }
            3 => {
                let (a, b) = (self.expr(d), self.expr(d));
                match self.rng.below(3) {
                    0 => pair(
                        format!("({} != {})", a.bicep, b.bicep),
                        format!("not(equals({}, {}))", a.arm, b.arm),
                    ),
                    1 => pair(
                        format!("({} =~ {})", a.bicep, b.bicep),
                        format!("equals(toLower({}), toLower({}))", a.arm, b.arm),
                    ),
                    _ => pair(
                        format!("!({} !~ {})", a.bicep, b.bicep),
                        format!("not(not(equals(toLower({}), toLower({}))))", a.arm, b.arm),
                    ),
                }
            }
            4 => {
                let a = self.expr(d);
                if self.rng.below(2) == 0 {
                    pair(format!("!({})", a.bicep), format!("not({})", a.arm))
                } else {
                    // Interpolation is `format()` in the compiled template.
                    let b = self.expr(d);
                    pair(
                        format!("'x${{{}}}-${{{}}}'", a.bicep, b.bicep),
                        format!("format('x{{0}}-{{1}}', {}, {})", a.arm, b.arm),
                    )
                }
            }
            5 => {
                let (c, a, b) = (self.expr(d), self.expr(d), self.expr(d));
                pair(
                    format!("({} ? {} : {})", c.bicep, a.bicep, b.bicep),
                    format!("if({}, {}, {})", c.arm, a.arm, b.arm),
                )
            }
            6 => {
                let (name, _, _) = PARAMS[self.rng.below(PARAMS.len() as u64) as usize];
                match self.rng.below(4) {
                    0 => pair(
                        format!("{name}.?a"),
                        format!("tryGet(parameters('{name}'), 'a')"),
                    ),
                    1 => {
                        let i = self.rng.below(4);
                        pair(
                            format!("{name}[?{i}]"),
                            format!("tryGet(parameters('{name}'), {i})"),
                        )
                    }
                    2 => {
                        let i = 1 + self.rng.below(3);
                        pair(
                            format!("{name}[^{i}]"),
                            format!("indexFromEnd(parameters('{name}'), {i})"),
                        )
                    }
                    _ => pair(format!("{name}.b"), format!("parameters('{name}').b")),
                }
            }
            7 => {
                const ONE: &[&str] = &["length", "empty", "toLower", "first", "last", "string"];
                let f = ONE[self.rng.below(ONE.len() as u64) as usize];
                let a = self.expr(d);
                pair(format!("{f}({})", a.bicep), format!("{f}({})", a.arm))
            }
            8 => {
                const TWO: &[&str] = &["concat", "contains", "union", "coalesce"];
                let f = TWO[self.rng.below(TWO.len() as u64) as usize];
                let (a, b) = (self.expr(d), self.expr(d));
                pair(
                    format!("{f}({}, {})", a.bicep, b.bicep),
                    format!("{f}({}, {})", a.arm, b.arm),
                )
            }
            9 => {
                let (a, b) = (self.expr(d), self.expr(d));
                if self.rng.below(2) == 0 {
                    pair(
                        format!("[{}, {}]", a.bicep, b.bicep),
                        format!("createArray({}, {})", a.arm, b.arm),
                    )
                } else {
                    pair(
                        format!("{{ k: {}, l: {} }}", a.bicep, b.bicep),
                        format!("createObject('k', {}, 'l', {})", a.arm, b.arm),
                    )
                }
            }
            _ => self.lambda(d),
        }
    }

    fn lambda(&mut self, d: u32) -> Pair {
        let list = match self.rng.below(3) {
            0 => pair("pArr", "parameters('pArr')"),
            1 => pair("pUnknown", "parameters('pUnknown')"),
            _ => self.expr(d),
        };
        // The reducer's initial value is outside the lambda: made before its variables exist.
        let init = self.expr(d);
        let v = format!("v{}", self.vars.len());
        self.vars.push(v.clone());
        let out = match self.rng.below(4) {
            0 => {
                let body = self.expr(d);
                pair(
                    format!("map({}, {v} => {})", list.bicep, body.bicep),
                    format!("map({}, lambda('{v}', {}))", list.arm, body.arm),
                )
            }
            1 => {
                let body = self.expr(d);
                pair(
                    format!("filter({}, {v} => {})", list.bicep, body.bicep),
                    format!("filter({}, lambda('{v}', {}))", list.arm, body.arm),
                )
            }
            2 => {
                let acc = format!("a{}", self.vars.len());
                self.vars.push(acc.clone());
                let body = self.expr(d);
                self.vars.pop();
                pair(
                    format!(
                        "reduce({}, {}, ({acc}, {v}) => {})",
                        list.bicep, init.bicep, body.bicep
                    ),
                    format!(
                        "reduce({}, {}, lambda('{acc}', '{v}', {}))",
                        list.arm, init.arm, body.arm
                    ),
                )
            }
            _ => {
                let body = self.expr(d);
                pair(
                    format!("sort({}, ({v}, w) => {})", list.bicep, body.bicep),
                    format!("sort({}, lambda('{v}', 'w', {}))", list.arm, body.arm),
                )
            }
        };
        self.vars.pop();
        out
    }
}

fn properties(dir: &Path, bicep: bool) -> serde_json::Map<String, Json> {
    let display = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
    let out = if bicep {
        vigil_bicep::evaluate_file_with(&dir.join("main.bicep"), &display, None)
    } else {
        vigil_arm::evaluate_template(&dir.join("main.json"), &display, None)
    };
    assert!(
        out.errors.is_empty(),
        "{} form: {:?}",
        if bicep { "Bicep" } else { "ARM" },
        out.errors
    );
    assert_eq!(out.resources.len(), 1, "one resource");
    match vigil_report::body_json(&out.resources[0]).get("properties") {
        Some(Json::Object(m)) => m.clone(),
        other => panic!("no properties: {other:?}"),
    }
}

fn same(a: &Json, b: &Json) -> bool {
    let unknown = |v: &Json| v.as_object().is_some_and(|m| m.contains_key("$unknown"));
    match (a, b) {
        _ if unknown(a) && unknown(b) => true,
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn random_expressions_mean_the_same_in_bicep_and_arm() {
    let seeds: u64 = std::env::var("VIGIL_RANDOM_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    const PER_SEED: usize = 40;
    let mut failures = String::new();
    let (mut compared, mut known) = (0, 0);
    for seed in 1..=seeds {
        let mut g = Gen {
            rng: Rng(seed),
            vars: Vec::new(),
        };
        let exprs: Vec<Pair> = (0..PER_SEED).map(|_| g.expr(4)).collect();
        let dir = tempfile::tempdir().unwrap();
        let mut bicep = String::new();
        for (_, decl, _) in PARAMS {
            let _ = writeln!(bicep, "{decl}");
        }
        bicep.push_str(
            "resource r 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'r'\n  properties: {\n",
        );
        // Wrapped in a call: a literal at a property's top compiles to JSON members of their
        // own, which the ARM form here does not write.
        for (i, e) in exprs.iter().enumerate() {
            let _ = writeln!(bicep, "    e{i}: first([{}])", e.bicep);
        }
        bicep.push_str("  }\n}\n");
        let params: Vec<&str> = PARAMS.iter().map(|(_, _, arm)| *arm).collect();
        let props: Vec<String> = exprs
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let arm = format!("[first(createArray({}))]", e.arm);
                format!("\"e{i}\": {}", Json::String(arm))
            })
            .collect();
        let arm = format!(
            "{{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n\
             \"languageVersion\": \"2.0\", \"contentVersion\": \"1.0.0.0\",\n\
             \"parameters\": {{{}}},\n\
             \"resources\": {{\"r\": {{\"type\": \"Microsoft.KeyVault/vaults\", \"apiVersion\": \"2023-07-01\", \"name\": \"r\",\n\
             \"properties\": {{{}}}}}}}}}\n",
            params.join(",\n"),
            props.join(",\n")
        );
        std::fs::write(dir.path().join("main.bicep"), &bicep).unwrap();
        std::fs::write(dir.path().join("main.json"), &arm).unwrap();
        let (b, a) = (properties(dir.path(), true), properties(dir.path(), false));
        for (i, e) in exprs.iter().enumerate() {
            let key = format!("e{i}");
            let (bv, av) = (b.get(&key), a.get(&key));
            compared += 1;
            let ok = match (bv, av) {
                (Some(x), Some(y)) => same(x, y),
                (None, None) => true,
                _ => false,
            };
            if ok && bv.is_some_and(|v| !v.as_object().is_some_and(|m| m.contains_key("$unknown")))
            {
                known += 1;
            }
            if !ok {
                let _ = writeln!(
                    failures,
                    "seed {seed} e{i}:\n  bicep: {}\n  arm:   {}\n  bicep gives {}\n  arm gives   {}",
                    e.bicep,
                    e.arm,
                    bv.map_or("nothing".into(), Json::to_string),
                    av.map_or("nothing".into(), Json::to_string)
                );
            }
        }
    }
    eprintln!("bicep/arm random: {compared} expressions compared, {known} known on both sides");
    // Most expressions must be known, or the comparison says little.
    assert!(
        known * 4 >= compared,
        "only {known} of {compared} expressions known"
    );
    assert!(failures.is_empty(), "{failures}");
}
