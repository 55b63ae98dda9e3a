//! What the fuzz targets share: a scratch directory per fuzzing process (the front ends read
//! files, as the binary calls them), and the rest of a run after a front end (the rules,
//! suppressions, and the reporters that show source lines), so that a target exercises what
//! a pull request's input reaches, not only the parser.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use vigil_model::{IsoDate, RuleMeta, SourceFile, UnitOutput};
use vigil_rules::RuleSet;

/// An empty directory of this process's own, under the system's temporary directory
/// (`TMPDIR`, else `/tmp`; `VIGIL_FUZZ_SCRATCH` names another parent). Not `/dev/shm`: vigil's
/// file policy refuses every path that resolves into `/dev` (a kernel file system), so a
/// front end would read none of its input there and the target would fuzz only the refusal.
/// The first call checks that the policy reads a file in the directory, and panics if not.
pub fn scratch() -> PathBuf {
    static BASE: OnceLock<PathBuf> = OnceLock::new();
    let base = BASE.get_or_init(|| {
        let parent = std::env::var_os("VIGIL_FUZZ_SCRATCH")
            .map(PathBuf::from)
            .unwrap_or_else(std::env::temp_dir);
        let base = parent.join(format!("vigil-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(&base).expect("cannot make the scratch directory");
        let probe = base.join("probe.tf");
        std::fs::write(&probe, b"# probe\n").expect("cannot write a scratch file");
        if let Err(refusal) = vigil_model::files::read_bytes(&probe, vigil_model::files::policy())
        {
            panic!(
                "vigil's file policy refuses the scratch directory {}: {}; set \
                 VIGIL_FUZZ_SCRATCH to a directory it reads",
                base.display(),
                refusal.message()
            );
        }
        base
    });
    let _ = std::fs::remove_dir_all(base);
    std::fs::create_dir_all(base).expect("cannot make the scratch directory");
    base.clone()
}

/// Writes `text` at `rel` under `root`, making its directories.
pub fn put(root: &Path, rel: &str, text: &[u8]) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("cannot make a directory");
    }
    std::fs::write(path, text).expect("cannot write a scratch file");
}

/// Splits an input into up to `max` files at NUL bytes: the first is the unit's own file, the
/// others the modules or parameter files it may name.
pub fn sections(data: &[u8], max: usize) -> Vec<&[u8]> {
    data.splitn(max, |b| *b == 0).collect()
}

/// How reports name a path under the scratch root, as the binary names paths under the scan
/// root: relative, forward slashes.
pub fn display(root: &Path) -> impl Fn(&Path) -> String + '_ {
    move |p: &Path| {
        let p = vigil_model::normalize_path(p);
        p.strip_prefix(root)
            .unwrap_or(&p)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

fn rules() -> &'static (RuleSet, Vec<RuleMeta>) {
    static RULES: OnceLock<(RuleSet, Vec<RuleMeta>)> = OnceLock::new();
    RULES.get_or_init(|| {
        let set = RuleSet::builtin();
        let metas = set.metas();
        (set, metas)
    })
}

/// The rest of the run for one unit: rules on every resource (and its alternatives, through
/// the engine), `vigil:ignore` comments, then the text and concise reports, which quote the
/// lines the findings and errors point at.
pub fn finish(out: UnitOutput) {
    let (set, metas) = rules();
    let mut findings: Vec<_> = out.resources.iter().flat_map(|r| set.check(r)).collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let sources: HashMap<Arc<str>, SourceFile> =
        out.files.into_iter().map(|f| (f.path.clone(), f)).collect();
    let ctx = vigil_rules::SuppressContext {
        today: IsoDate {
            year: 2026,
            month: 1,
            day: 1,
        },
        known_rules: metas,
        active_rules: metas,
    };
    let _ = vigil_rules::apply_suppressions(&mut findings, &sources, &ctx);
    let mut errors = out.errors;
    errors.extend(out.warnings);
    errors.sort();
    let report = vigil_report::Report {
        findings: &findings,
        errors: &errors,
        rules: metas,
        sources: &sources,
        files_scanned: sources.len(),
        unchecked: &out.unchecked,
        tool_version: "fuzz",
        baseline: None,
    };
    let text = vigil_report::TextOptions {
        color: false,
        quiet: false,
        fail_on_unknown: false,
    };
    vigil_report::write_text(&report, &text, &mut std::io::sink()).expect("text report");
    vigil_report::write_concise(&report, &text, &mut std::io::sink()).expect("concise report");
}

/// Findings, errors and sources made by `arbitrary`, with the text that scanned code can put
/// into them: workflow commands, escape sequences, XML and Markdown syntax, line breaks of
/// every kind, characters outside the BMP, and lines and columns from 0 to `u32::MAX`.
pub mod gen {
    use arbitrary::{Arbitrary, Unstructured};
    use std::sync::Arc;
    use vigil_model::{
        FileError, Finding, Hop, Location, ResourceRef, RuleMeta, Severity, SourceFile,
        Suppression, SuppressionKind, Unchecked, UncheckedKind, Verdict,
    };

    const NASTY: &[&str] = &[
        "::",
        "::error file=x::owned",
        "\n::warning::x",
        "\r\n",
        "\r",
        "\n",
        "\u{85}",
        "\u{2028}",
        "\x1b[31m",
        "\x1b]8;;http://e\x07",
        "\0",
        "\x07",
        "\x7f",
        "]]>",
        "<![CDATA[",
        "</failure>",
        "&",
        "&amp;",
        "<",
        ">",
        "\"",
        "'",
        "`",
        "|",
        "\\",
        "%",
        "%0A",
        "[link](http://e)",
        "![img](http://e/i.png)",
        "@someone",
        "<img src=x>",
        "<!--",
        "\u{1F600}",
        "\u{10FFFF}",
        "\u{FFFE}",
        "\u{FEFF}",
        "\u{D7FF}",
        "\t",
        " ",
        "AZKV001",
        "main.tf",
        "a/b/../c",
        "${x}",
        "{{",
        "#",
    ];

    /// A string built from pieces, each arbitrary text or one of [`NASTY`].
    pub struct Text(pub String);

    impl<'a> Arbitrary<'a> for Text {
        fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
            let mut s = String::new();
            let n = u.int_in_range(0..=8)?;
            for _ in 0..n {
                if u.arbitrary()? {
                    s.push_str(NASTY[u.choose_index(NASTY.len())?]);
                } else {
                    let piece: &str = u.arbitrary()?;
                    s.push_str(piece);
                }
            }
            Ok(Text(s))
        }
    }

    fn text(u: &mut Unstructured) -> arbitrary::Result<String> {
        Ok(Text::arbitrary(u)?.0)
    }

    /// A line or column: mostly small, sometimes 0 or at the edge of `u32`.
    fn number(u: &mut Unstructured) -> arbitrary::Result<u32> {
        Ok(match u.int_in_range(0..=9)? {
            0 => 0,
            1 => u32::MAX,
            2 => u.arbitrary()?,
            _ => u.int_in_range(1..=40)?,
        })
    }

    /// A path: one of a few (so that findings, errors and sources share files) or any text.
    fn file(u: &mut Unstructured, files: &[String]) -> arbitrary::Result<Arc<str>> {
        Ok(if !files.is_empty() && u.ratio(3, 4)? {
            files[u.choose_index(files.len())?].as_str().into()
        } else {
            text(u)?.into()
        })
    }

    fn location(u: &mut Unstructured, files: &[String]) -> arbitrary::Result<Location> {
        Ok(Location {
            file: file(u, files)?,
            line: number(u)?,
            column: number(u)?,
            end_line: number(u)?,
            end_column: number(u)?,
        })
    }

    fn file_error(u: &mut Unstructured, files: &[String]) -> arbitrary::Result<FileError> {
        Ok(FileError {
            file: file(u, files)?,
            line: number(u)?,
            column: number(u)?,
            message: text(u)?,
        })
    }

    /// One run's worth of report input.
    pub struct Run {
        pub findings: Vec<Finding>,
        pub errors: Vec<FileError>,
        pub unchecked: Vec<Unchecked>,
        pub sources: std::collections::HashMap<Arc<str>, SourceFile>,
        pub rules: Vec<RuleMeta>,
        pub files_scanned: usize,
    }

    pub fn finding(
        u: &mut Unstructured,
        files: &[String],
        rules: &[RuleMeta],
    ) -> arbitrary::Result<Finding> {
        let (rule_id, rule_name) = if !rules.is_empty() && u.ratio(4, 5)? {
            let r = &rules[u.choose_index(rules.len())?];
            (r.id.clone(), r.name.clone())
        } else {
            (text(u)?, text(u)?)
        };
        let severities = [
            Severity::Info,
            Severity::Low,
            Severity::Medium,
            Severity::High,
            Severity::Critical,
        ];
        let location = location(u, files)?;
        let mut trace = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            trace.push(Hop {
                label: text(u)?,
                location: self::location(u, files)?,
            });
        }
        let suppression = if u.arbitrary()? {
            let kinds = [
                SuppressionKind::Inline,
                SuppressionKind::Config,
                SuppressionKind::Baseline,
            ];
            Some(Suppression {
                kind: kinds[u.choose_index(kinds.len())?],
                reason: if u.arbitrary()? { Some(text(u)?) } else { None },
                location: self::location(u, files)?,
            })
        } else {
            None
        };
        Ok(Finding {
            rule_id,
            rule_name,
            severity: severities[u.choose_index(severities.len())?],
            verdict: if u.arbitrary()? {
                Verdict::Fail
            } else {
                Verdict::Undetermined
            },
            message: text(u)?,
            resource: ResourceRef {
                address: text(u)?,
                azure_type: text(u)?,
                source_type: text(u)?,
                file: file(u, files)?,
                line: number(u)?,
                root: if u.ratio(1, 4)? {
                    Some(text(u)?.into())
                } else {
                    None
                },
                callers: Vec::new(),
            },
            location,
            property: text(u)?,
            source_property: text(u)?,
            trace,
            suppression,
        })
    }

    pub fn run(u: &mut Unstructured, rules: &[RuleMeta]) -> arbitrary::Result<Run> {
        let mut files = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            files.push(text(u)?);
        }
        let mut rules = rules.to_vec();
        if u.ratio(1, 8)? {
            rules.push(RuleMeta {
                id: text(u)?,
                name: text(u)?,
                title: text(u)?,
                severity: Severity::High,
                security_severity: text(u)?,
                tags: vec![text(u)?],
                summary: text(u)?,
                documentation: text(u)?,
                help_uri: if u.arbitrary()? { Some(text(u)?) } else { None },
            });
            rules.sort_by(|a, b| a.id.cmp(&b.id));
        }
        let mut findings = Vec::new();
        for _ in 0..u.int_in_range(0..=6)? {
            findings.push(finding(u, &files, &rules)?);
        }
        // The binary sorts before reporting; the writers rely on it for grouping.
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let mut errors = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            errors.push(file_error(u, &files)?);
        }
        errors.sort();
        let kinds = [
            UncheckedKind::Module,
            UncheckedKind::Resource,
            UncheckedKind::Parameters,
            UncheckedKind::File,
        ];
        let mut unchecked = Vec::new();
        for _ in 0..u.int_in_range(0..=2)? {
            unchecked.push(Unchecked {
                kind: kinds[u.choose_index(kinds.len())?],
                why: text(u)?,
                at: file_error(u, &files)?,
                module: if u.arbitrary()? { Some(text(u)?) } else { None },
            });
        }
        let mut sources = std::collections::HashMap::new();
        for f in &files {
            if u.arbitrary()? {
                let path: Arc<str> = f.as_str().into();
                sources.insert(
                    path.clone(),
                    SourceFile {
                        path,
                        text: text(u)?.into(),
                        ignores: Vec::new(),
                    },
                );
            }
        }
        Ok(Run {
            findings,
            errors,
            unchecked,
            sources,
            rules,
            files_scanned: u.int_in_range(0..=3)?,
        })
    }
}

/// The built-in rules' descriptions, as reporters get them.
pub fn rule_metas() -> &'static [RuleMeta] {
    &rules().1
}
