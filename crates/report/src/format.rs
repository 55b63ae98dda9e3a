//! The report formats: their names, how `--format FORMAT[:FILE]` reads, and the dispatch to
//! the writers. A new format is a writer module, a [`Format`] variant with its name in
//! [`Format::ALL`], and an arm in [`write_all`]; the command line's help lists
//! [`Format::names`].

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{JunitOptions, Report, ReportError, SarifOptions, TextOptions};

/// A report format.
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
    /// Every format with its name, in the order help lists them.
    pub const ALL: [(&'static str, Format); 9] = [
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

    /// The format of this name, in any case.
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, f)| *f)
    }

    /// The format's name.
    pub fn name(self) -> &'static str {
        Format::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }

    /// The names, comma-separated, as help and errors list them.
    pub fn names() -> String {
        Format::ALL
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl std::str::FromStr for Format {
    type Err = FormatError;

    fn from_str(name: &str) -> Result<Format, FormatError> {
        Format::parse(name).ok_or_else(|| FormatError::Unknown(name.to_string()))
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why the reports asked for cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    #[error("unknown format `{0}` (formats: {names})", names = Format::names())]
    Unknown(String),
    #[error("`--format {0}`: the file name is empty")]
    EmptyFile(String),
    #[error(
        "only one report can go to standard output; give the others a file \
         (`--format sarif:results.sarif`)"
    )]
    TwoOnStdout,
    #[error("two reports would be written to {}", .0.display())]
    SameFile(PathBuf),
    /// `what` is the file, or "the report" for standard output.
    #[error("cannot write {what}: {error}")]
    Write { what: String, error: ReportError },
}

/// One report to write.
#[derive(Debug)]
pub struct Target {
    pub format: Format,
    /// None: standard output.
    pub file: Option<PathBuf>,
}

/// The reports the `--format` options ask for. `FORMAT:FILE` writes to FILE; a bare `FORMAT`
/// writes to `output` (`--output`) or standard output, and at most one report may go to each
/// place.
pub fn targets(specs: &[String], output: Option<&Path>) -> Result<Vec<Target>, FormatError> {
    let mut targets: Vec<Target> = Vec::new();
    for spec in specs {
        // Only a known format name before the first `:` splits, so `C:\out.sarif` alone is
        // still an error about the format rather than a file named `\out.sarif`.
        let (name, file) = match spec.split_once(':') {
            Some((name, file)) if Format::parse(name).is_some() => {
                if file.is_empty() {
                    return Err(FormatError::EmptyFile(spec.clone()));
                }
                (name, Some(PathBuf::from(file)))
            }
            _ => (spec.as_str(), output.map(Path::to_path_buf)),
        };
        let format: Format = name.parse()?;
        if targets.iter().any(|t| t.file == file) {
            return Err(match file {
                None => FormatError::TwoOnStdout,
                Some(f) => FormatError::SameFile(f),
            });
        }
        targets.push(Target { format, file });
    }
    Ok(targets)
}

/// What the writers need besides the report.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub color: bool,
    pub quiet: bool,
    pub fail_on_unknown: bool,
    /// Counts per rule replace the report that would go to standard output.
    pub statistics: bool,
    pub sarif_category: Option<String>,
}

/// What went to standard output.
#[derive(Clone, Copy, Debug, Default)]
pub struct Written {
    /// The text report, which shows the run's errors itself.
    pub text: bool,
    /// GitHub workflow commands, among which warnings belong as annotations.
    pub github: bool,
}

/// Writes every report, those without a file to `stdout`. Returns what standard output got.
/// A closed standard output (`vigil check | head`) is the reader's choice, not an error.
pub fn write_all(
    targets: &[Target],
    report: &Report,
    settings: &Settings,
    stdout: &mut dyn Write,
) -> Result<Written, FormatError> {
    let mut written_to_stdout = Written::default();
    for target in targets {
        let to_stdout = target.file.is_none();
        if to_stdout && !settings.statistics {
            written_to_stdout.text |= target.format == Format::Text;
            written_to_stdout.github |= target.format == Format::Github;
        }
        let mut sink: Box<dyn Write + '_> = match &target.file {
            Some(path) => match std::fs::File::create(path) {
                Ok(file) => Box::new(std::io::BufWriter::new(file)),
                Err(e) => {
                    return Err(FormatError::Write {
                        what: path.display().to_string(),
                        error: ReportError::Io(e),
                    })
                }
            },
            None => Box::new(std::io::BufWriter::new(&mut *stdout)),
        };
        // The report streams to its destination: a buffered copy of a large SARIF log doubled
        // the peak memory of a run.
        let written = write_one(target.format, report, settings, to_stdout, &mut sink);
        let flushed = sink.flush();
        drop(sink);
        let what = || match &target.file {
            Some(p) => p.display().to_string(),
            None => "the report".to_string(),
        };
        match (written, flushed) {
            (Ok(()), Ok(())) => {}
            (Err(ReportError::Io(e)), _) | (_, Err(e))
                if to_stdout && e.kind() == std::io::ErrorKind::BrokenPipe => {}
            (Err(error), _) => {
                return Err(FormatError::Write {
                    what: what(),
                    error,
                })
            }
            (_, Err(e)) => {
                return Err(FormatError::Write {
                    what: what(),
                    error: ReportError::Io(e),
                })
            }
        }
    }
    Ok(written_to_stdout)
}

/// One report in one format (statistics in place of the one for standard output).
fn write_one(
    format: Format,
    report: &Report,
    settings: &Settings,
    to_stdout: bool,
    sink: &mut dyn Write,
) -> Result<(), ReportError> {
    let text = TextOptions {
        color: settings.color && to_stdout,
        quiet: settings.quiet,
        fail_on_unknown: settings.fail_on_unknown,
    };
    match format {
        _ if to_stdout && settings.statistics => crate::write_statistics(report, sink),
        Format::Text => crate::write_text(report, &text, sink),
        Format::Concise => crate::write_concise(report, &text, sink),
        Format::Json => crate::write_json(report, sink),
        Format::JsonLines => crate::write_json_lines(report, sink),
        Format::Sarif => {
            let opts = SarifOptions {
                category: settings.sarif_category.clone(),
            };
            crate::write_sarif(report, &opts, sink)
        }
        Format::Github => crate::write_github(report, sink),
        Format::Junit => {
            let opts = JunitOptions {
                fail_on_unknown: settings.fail_on_unknown,
            };
            crate::write_junit(report, &opts, sink)
        }
        Format::Gitlab => crate::write_gitlab(report, sink),
        Format::Markdown => crate::write_markdown(report, sink),
    }
}
