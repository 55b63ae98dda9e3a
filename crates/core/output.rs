//! Where each report goes and in which format (`--format sarif:results.sarif --format text`),
//! and `vigil config`'s printout.

use crate::config::Config;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use vigil_model::RuleMeta;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Concise,
    Json,
    JsonLines,
    Sarif,
    Github,
    Junit,
    Gitlab,
    Markdown,
}

impl Format {
    const ALL: [(&'static str, Format); 9] = [
        ("text", Format::Text),
        ("concise", Format::Concise),
        ("json", Format::Json),
        ("json-lines", Format::JsonLines),
        ("sarif", Format::Sarif),
        ("github", Format::Github),
        ("junit", Format::Junit),
        ("gitlab", Format::Gitlab),
        ("markdown", Format::Markdown),
    ];

    fn parse(name: &str) -> Option<Format> {
        Format::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, f)| *f)
    }
}

/// One report to write.
#[derive(Debug)]
pub struct Target {
    pub format: Format,
    /// None: standard output.
    pub file: Option<PathBuf>,
}

/// The reports the `--format` options ask for. `FORMAT:FILE` writes to FILE; a bare `FORMAT`
/// writes to `--output` or standard output, and at most one report may go to each place.
pub fn targets(specs: &[String], output: Option<&Path>) -> Result<Vec<Target>, String> {
    let names = || {
        Format::ALL
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut targets: Vec<Target> = Vec::new();
    for spec in specs {
        // Only a known format name before the first `:` splits, so `C:\out.sarif` alone is
        // still an error about the format rather than a file named `\out.sarif`.
        let (name, file) = match spec.split_once(':') {
            Some((name, file)) if Format::parse(name).is_some() => {
                if file.is_empty() {
                    return Err(format!("`--format {spec}`: the file name is empty"));
                }
                (name, Some(PathBuf::from(file)))
            }
            _ => (spec.as_str(), output.map(Path::to_path_buf)),
        };
        let format = Format::parse(name)
            .ok_or_else(|| format!("unknown format `{name}` (formats: {})", names()))?;
        if targets.iter().any(|t| t.file == file) {
            return Err(match &file {
                None => "only one report can go to standard output; give the others a file \
                         (`--format sarif:results.sarif`)"
                    .to_string(),
                Some(f) => format!("two reports would be written to {}", f.display()),
            });
        }
        targets.push(Target { format, file });
    }
    Ok(targets)
}

/// What the reporters need besides the report.
pub struct Settings {
    pub color: bool,
    pub quiet: bool,
    pub fail_on_unknown: bool,
    /// Counts per rule replace the report that would go to standard output.
    pub statistics: bool,
    pub sarif_category: Option<String>,
}

/// What went to standard output.
#[derive(Default)]
pub struct Written {
    /// The text report, which shows the run's errors itself.
    pub text: bool,
    /// GitHub workflow commands, among which warnings belong as annotations.
    pub github: bool,
}

/// Writes every report. Returns what standard output got, or a message naming what could not
/// be written.
pub fn write_all(
    targets: &[Target],
    report: &vigil_report::Report,
    settings: &Settings,
) -> Result<Written, String> {
    let mut written_to_stdout = Written::default();
    for target in targets {
        let to_stdout = target.file.is_none();
        if to_stdout && !settings.statistics {
            written_to_stdout.text |= target.format == Format::Text;
            written_to_stdout.github |= target.format == Format::Github;
        }
        let mut sink: Box<dyn Write> = match &target.file {
            Some(path) => match std::fs::File::create(path) {
                Ok(file) => Box::new(std::io::BufWriter::new(file)),
                Err(e) => return Err(format!("cannot write {}: {e}", path.display())),
            },
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        };
        // The report streams to its destination: a buffered copy of a large SARIF log doubled
        // the peak memory of a run.
        let text = vigil_report::TextOptions {
            color: settings.color && to_stdout,
            quiet: settings.quiet,
            fail_on_unknown: settings.fail_on_unknown,
        };
        let written = match target.format {
            _ if to_stdout && settings.statistics => {
                vigil_report::write_statistics(report, &mut sink)
            }
            Format::Text => vigil_report::write_text(report, &text, &mut sink),
            Format::Concise => vigil_report::write_concise(report, &text, &mut sink),
            Format::Json => vigil_report::write_json(report, &mut sink),
            Format::JsonLines => vigil_report::write_json_lines(report, &mut sink),
            Format::Sarif => {
                let opts = vigil_report::SarifOptions {
                    category: settings.sarif_category.clone(),
                };
                vigil_report::write_sarif(report, &opts, &mut sink)
            }
            Format::Github => vigil_report::write_github(report, &mut sink),
            Format::Junit => {
                let opts = vigil_report::JunitOptions {
                    fail_on_unknown: settings.fail_on_unknown,
                };
                vigil_report::write_junit(report, &opts, &mut sink)
            }
            Format::Gitlab => vigil_report::write_gitlab(report, &mut sink),
            Format::Markdown => vigil_report::write_markdown(report, &mut sink),
        };
        let flushed = sink.flush();
        drop(sink);
        let what = match &target.file {
            Some(p) => p.display().to_string(),
            None => "the report".to_string(),
        };
        match (written, flushed) {
            (Ok(()), Ok(())) => {}
            // A closed pipe (`vigil check | head`) is the reader's choice, not an error.
            (Err(vigil_report::ReportError::Io(e)), _) | (_, Err(e))
                if to_stdout && e.kind() == std::io::ErrorKind::BrokenPipe => {}
            (Err(e), _) => return Err(format!("cannot write {what}: {e}")),
            (_, Err(e)) => return Err(format!("cannot write {what}: {e}")),
        }
    }
    Ok(written_to_stdout)
}

/// `vigil config`: the file's settings with every default filled in, as YAML.
pub fn effective_config(config: &Config, metas: &[RuleMeta]) -> Result<String, String> {
    #[derive(Serialize)]
    #[serde(rename_all = "kebab-case")]
    struct Effective<'a> {
        include: Vec<&'a str>,
        exclude: Vec<&'a str>,
        respect_gitignore: bool,
        /// In bytes.
        max_file_size: u64,
        follow_symlinks: bool,
        select: &'a [String],
        ignore: &'a [String],
        /// The rules that will run, with the severity each reports.
        rules: BTreeMap<&'a str, &'a str>,
        fail_on: &'a str,
        fail_on_unknown: bool,
        inline_ignores: bool,
        baseline: Option<&'a str>,
        terraform: &'a crate::config::TerraformSection,
        arm: &'a crate::config::ArmSection,
        limits: Limits,
        ignores: &'a [serde_saphyr::Spanned<crate::config::IgnoreEntry>],
    }
    /// `limits:` as the file writes them (sizes in bytes).
    #[derive(Serialize)]
    #[serde(rename_all = "kebab-case")]
    struct Limits {
        value_size: usize,
        collection_items: usize,
        unit_steps: u64,
        unit_resources: usize,
        run_instances: usize,
        findings: usize,
        module_depth: usize,
    }
    let l = &config.limits;
    let f = &config.file;
    let effective = Effective {
        include: f.include.iter().map(|g| g.value.as_str()).collect(),
        exclude: f.exclude.iter().map(|g| g.value.as_str()).collect(),
        respect_gitignore: f.respect_gitignore.unwrap_or(true),
        max_file_size: config
            .max_file_size
            .unwrap_or(vigil_model::files::DEFAULT_MAX_FILE_SIZE),
        follow_symlinks: f.follow_symlinks.unwrap_or(false),
        select: config.select(),
        ignore: &f.ignore,
        rules: metas
            .iter()
            .map(|m| (m.id.as_str(), m.severity.as_str()))
            .collect(),
        fail_on: config.fail_on.map_or("any", |s| s.as_str()),
        fail_on_unknown: f.fail_on_unknown.unwrap_or(false),
        inline_ignores: f.inline_ignores.unwrap_or(true),
        baseline: f.baseline.as_deref(),
        terraform: &f.terraform,
        arm: &f.arm,
        limits: Limits {
            value_size: l.value_bytes,
            collection_items: l.value_items,
            unit_steps: l.unit_steps,
            unit_resources: l.unit_resources,
            run_instances: l.run_instances,
            findings: l.run_findings,
            module_depth: l.module_depth,
        },
        ignores: &f.ignores,
    };
    let yaml = yaml_safe(&serde_saphyr::to_string(&effective).map_err(|e| e.to_string())?);
    let source = match &config.path {
        Some(p) => format!("# configuration: {}\n", p.display()),
        None => "# no configuration file found: the defaults\n".to_string(),
    };
    Ok(source + &yaml)
}

/// The printout with what the emitter leaves raw escaped: hidden characters (bidi controls,
/// zero widths, DEL and C1 controls when it does not quote them) and the `[` of `##[` and
/// `##vso[`, which the GitHub runner reads as a command anywhere in a line. Written as YAML's
/// `\uXXXX` (`\UXXXXXXXX` above U+FFFF): exact inside the double-quoted scalars the emitter
/// uses for values with control characters, shown as text elsewhere. The emitter quotes a
/// string that starts with `:`, so no line starts with `::`; [`vigil_report::guard_lines`]
/// checks that once more.
fn yaml_safe(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len());
    for c in yaml.chars() {
        let command = c == '['
            && (out.ends_with("##")
                || out
                    .get(out.len().saturating_sub(5)..)
                    .is_some_and(|t| t.eq_ignore_ascii_case("##vso")));
        if (c != '\n' && vigil_report::is_hidden(c)) || command {
            if (c as u32) > 0xffff {
                out.push_str(&format!("\\U{:08x}", c as u32));
            } else {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
        } else {
            out.push(c);
        }
    }
    vigil_report::guard_lines(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_printout_holds_nothing_that_acts() {
        assert_eq!(yaml_safe("a: b\n"), "a: b\n");
        assert_eq!(
            yaml_safe("reason: \"x \u{202e} ##[error]y ##vso[z]\"\n"),
            "reason: \"x \\u202e ##\\u005berror]y ##vso\\u005bz]\"\n"
        );
        assert_eq!(yaml_safe("k: \u{e0041}\u{7f}\n"), "k: \\U000e0041\\u007f\n");
    }
}
