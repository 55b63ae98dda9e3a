//! The `vigil` binary: parses the command line, runs the check pipeline (`vigil_check`), hands
//! its outcome to the reporters (`vigil_report`) and chooses the exit code. The only place that
//! prints or exits, with one error path: [`run`] returns an error, [`main`] prints it once.

mod args;

use args::{BaselineArgs, CheckArgs, Command, ConfigArgs, ShowArgs};
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use vigil_check::{Config, Options, Outcome, Selection, Session};
use vigil_model::{FileError, Finding, Severity};
use vigil_rules::RuleSet;

// Parsing allocates many small nodes; glibc's allocator spent a third of a run on them.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_OK: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

/// Why a command stops: printed once, by [`main`], as `error: ...` (after the place, when
/// the error has one), and the exit code is 2.
#[derive(Debug, thiserror::Error)]
enum Error {
    #[error(transparent)]
    Check(#[from] vigil_check::Error),
    #[error(transparent)]
    Format(#[from] vigil_report::FormatError),
    #[error("{0}")]
    Message(String),
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            match &e {
                Error::Check(c) if c.at().is_some() => {
                    eprintln!("{}: error: {c}", c.at().unwrap_or_default());
                }
                _ => eprintln!("error: {e}"),
            }
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run() -> Result<u8, Error> {
    match args::parse().command {
        Command::Check(args) => check(args),
        Command::Baseline(args) => record_baseline(args),
        Command::Show(args) => show(args),
        Command::Config(args) => show_config(args),
        Command::Rules => Ok(list_rules()),
        Command::Rule { id } => show_rule(&id),
    }
}

fn list_rules() -> u8 {
    let rules = RuleSet::builtin();
    let mut out = String::new();
    out.push_str(&format!(
        "{:<8} {:<36} {:<8} {}\n",
        "ID", "NAME", "SEVERITY", "TITLE"
    ));
    for meta in rules.metas() {
        out.push_str(&format!(
            "{:<8} {:<36} {:<8} {}\n",
            meta.id,
            meta.name,
            meta.severity.as_str(),
            meta.title
        ));
    }
    print_stdout(&out)
}

fn show_rule(id: &str) -> Result<u8, Error> {
    let rules = RuleSet::builtin();
    let found = rules.get(id).or_else(|| {
        rules
            .rules()
            .find(|r| r.meta().name.eq_ignore_ascii_case(id))
    });
    let Some(rule) = found else {
        let known: Vec<String> = rules.metas().into_iter().map(|m| m.id).collect();
        return Err(Error::Message(format!(
            "no rule `{id}` (rules: {})",
            known.join(", ")
        )));
    };
    let meta = rule.meta();
    let text = format!(
        "# {} ({}): {}\n\nSeverity: {}\n\n{}\n",
        meta.id,
        meta.name,
        meta.title,
        meta.severity.as_str(),
        rule.documentation().trim_end()
    );
    Ok(print_stdout(&text))
}

fn print_stdout(text: &str) -> u8 {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`vigil rules | head`) is not an error worth reporting.
    let _ = stdout.write_all(text.as_bytes());
    EXIT_OK
}

/// The rules, the session and the filtered findings for these options: what `check` reports
/// and `baseline` records (without the baseline file).
fn scan(opts: Options, config: Config) -> Result<(Session, Outcome), Error> {
    opts.check_root()?;
    let mut selection = Selection::new(&opts, &config)?;
    if let Some(warning) = &selection.warning {
        eprintln!("warning: {warning}");
    }
    selection.apply_severities(&config)?;
    let session = Session::new(opts, config)?;
    let discovery = session.discover();
    let judged = session.judge(discovery, &selection);
    let outcome = vigil_check::filter::suppress(&session, &selection, judged, vigil_check::today());
    Ok((session, outcome))
}

/// Code scanning and annotations place a result by its path in the repository: one reached by
/// `../` from the report root (a module outside the directory checked) is dropped there, so
/// the user hears why and how to keep it.
fn outside_root_warning(outcome: &Outcome) {
    let outside: BTreeSet<&str> = outcome
        .findings
        .iter()
        .map(|f| &*f.location.file)
        .filter(|file| file.starts_with("../"))
        .collect();
    if let Some(first) = outside.first() {
        let first = vigil_report::terminal(first);
        eprintln!(
            "warning: {} outside the report root ({first}{}); GitHub drops such results: \
             pass `--root` a directory that holds them (the repository's, `--root .`)",
            if outside.len() == 1 {
                "1 file with findings is".to_string()
            } else {
                format!("{} files with findings are", outside.len())
            },
            if outside.len() > 1 { ", ..." } else { "" },
        );
    }
}

/// `file:line:col`, shortened when the line or column is unknown (0).
fn position(file: &str, line: u32, column: u32) -> String {
    match (line, column) {
        (0, _) => file.to_string(),
        (line, 0) => format!("{file}:{line}"),
        (line, column) => format!("{file}:{line}:{column}"),
    }
}

/// One diagnostic on standard error, its path and message neutralised as the text report's
/// (they quote the scanned code).
fn say(level: &str, e: &FileError) {
    eprintln!(
        "{}: {level}: {}",
        position(&vigil_report::terminal(&e.file), e.line, e.column),
        vigil_report::terminal(&e.message)
    );
}

const NOTHING_FOUND: &str =
    "warning: no Terraform, ARM template or Bicep file found under the given paths";

fn print_diagnostics(outcome: &Outcome, errors_on_stderr: bool, verbose: bool) {
    // Errors must reach a person even when the report goes to a file or is machine-readable.
    if errors_on_stderr {
        outcome.errors.iter().for_each(|e| say("error", e));
    }
    outcome.warnings.iter().for_each(|w| say("warning", w));
    if verbose {
        outcome.unchecked.iter().for_each(|u| say("note", &u.at));
    }
    outcome.notes.iter().for_each(|n| say("note", n));
    if outcome.nothing_found {
        eprintln!("{NOTHING_FOUND}");
    }
}

fn check(args: CheckArgs) -> Result<u8, Error> {
    let opts = args.scan.options();
    let config = vigil_check::load_config(&opts)?;
    let fail_on = match args.fail_on {
        Some(f) => Some(match f {
            args::FailOn::Low => Severity::Low,
            args::FailOn::Medium => Severity::Medium,
            args::FailOn::High => Severity::High,
            args::FailOn::Critical => Severity::Critical,
        }),
        None => config.fail_on,
    };
    let fail_on_unknown = args.fail_on_unknown || config.file.fail_on_unknown.unwrap_or(false);
    let baseline_path = args
        .baseline
        .clone()
        .or_else(|| config.file.baseline.as_ref().map(|b| config.dir.join(b)));
    let targets = vigil_report::targets(&args.format, args.output.as_deref())?;
    let (session, mut outcome) = scan(opts, config)?;
    if let Some(path) = &baseline_path {
        outcome.apply_baseline(&session, path)?;
    }

    let color_ok = !args.no_color
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::stdout().is_terminal();
    let settings = vigil_report::Settings {
        color: color_ok,
        quiet: args.quiet,
        fail_on_unknown,
        statistics: args.statistics,
        sarif_category: args.sarif_category.clone(),
    };
    let report = outcome.report(env!("CARGO_PKG_VERSION"));
    let written =
        vigil_report::write_all(&targets, &report, &settings, &mut std::io::stdout().lock())?;
    if written.github {
        // In a workflow, an expired suppression belongs on the pull request beside the finding
        // it no longer hides.
        let mut stdout = std::io::stdout().lock();
        for w in &outcome.warnings {
            let line = vigil_report::github_warning(&w.file, w.line, w.column, &w.message);
            let _ = writeln!(stdout, "{line}");
        }
    }
    print_diagnostics(&outcome, !written.text, args.scan.verbose);
    if targets.iter().any(|t| {
        matches!(
            t.format,
            vigil_report::Format::Sarif | vigil_report::Format::Github
        )
    }) {
        outside_root_warning(&outcome);
    }

    let gate = |f: &Finding| {
        f.fails_gate(fail_on_unknown) && fail_on.is_none_or(|least| f.severity >= least)
    };
    Ok(if !outcome.errors.is_empty() {
        EXIT_ERROR
    } else if !args.exit_zero && outcome.findings.iter().any(gate) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// `vigil show`: the resources the units under the paths deploy, evaluated as `check` evaluates
/// them, with the resources of the paths named (or the instances created from them) listed in
/// (file, line, address) order.
fn show(args: ShowArgs) -> Result<u8, Error> {
    let opts = args.scan.options();
    let config = vigil_check::load_config(&opts)?;
    opts.check_root()?;
    let session = Session::new(opts, config)?;
    let evaluated = session.evaluate(session.discover());
    let shown = evaluated.shown();
    let errors = &evaluated.errors;
    let mut buffer = Vec::new();
    match args.format {
        args::ShowFormat::Text => vigil_report::write_show_text(&shown, errors, &mut buffer),
        args::ShowFormat::Json => vigil_report::write_show_json(&shown, errors, &mut buffer),
    }
    .map_err(|e| Error::Message(e.to_string()))?;
    match &args.output {
        Some(path) => std::fs::write(path, &buffer).map_err(|e| {
            Error::Message(format!(
                "cannot write {}: {e}",
                vigil_report::terminal(&path.display().to_string())
            ))
        })?,
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`vigil show | head`) is not an error worth reporting.
            let _ = stdout.write_all(&buffer);
        }
    }
    // Errors reach a person even when the document goes to a program.
    if args.format == args::ShowFormat::Json || args.output.is_some() {
        errors.iter().for_each(|e| say("error", e));
    }
    if evaluated.nothing_found {
        eprintln!("{NOTHING_FOUND}");
    }
    Ok(if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_ERROR
    })
}

fn record_baseline(args: BaselineArgs) -> Result<u8, Error> {
    let opts = args.scan.options();
    let config = vigil_check::load_config(&opts)?;
    let (_, outcome) = scan(opts, config)?;
    let file = vigil_check::baseline::record(&outcome.findings);
    let written = serde_json::to_string_pretty(&file)
        .map_err(|e| e.to_string())
        .and_then(|text| std::fs::write(&args.output, text + "\n").map_err(|e| e.to_string()));
    print_diagnostics(&outcome, true, args.scan.verbose);
    written.map_err(|e| Error::Message(format!("cannot write {}: {e}", args.output.display())))?;
    eprintln!(
        "Recorded {} finding{} in {}.",
        file.findings.len(),
        if file.findings.len() == 1 { "" } else { "s" },
        args.output.display()
    );
    Ok(if outcome.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_ERROR
    })
}

fn show_config(args: ConfigArgs) -> Result<u8, Error> {
    let opts = Options {
        paths: vec![args.path.clone()],
        config: args.config.clone(),
        ..Options::default()
    };
    let config = vigil_check::load_config(&opts)?;
    let mut selection = Selection::new(&opts, &config)?;
    if let Some(warning) = &selection.warning {
        eprintln!("warning: {warning}");
    }
    selection.apply_severities(&config)?;
    let text = vigil_check::effective::effective_config(&config, &selection.metas)
        .map_err(|e| Error::Message(format!("cannot print the configuration: {e}")))?;
    Ok(print_stdout(&text))
}
