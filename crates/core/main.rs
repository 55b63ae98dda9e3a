//! The `vigil` binary: parses the command line, finds the units, runs the front ends and the
//! rules in parallel, and prints the report. The only place that prints or exits.

mod args;
mod discover;

use args::{CheckArgs, Cli, Command, Format};
use clap::Parser;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use vigil_model::{FileError, Finding, SourceFile};
use vigil_rules::RuleSet;

// Parsing allocates many small nodes; glibc's allocator spent a third of a run on them.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_OK: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules => list_rules(),
        Command::Rule { id } => show_rule(&id),
    };
    ExitCode::from(code)
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

fn show_rule(id: &str) -> u8 {
    let rules = RuleSet::builtin();
    let found = rules.get(id).or_else(|| {
        rules
            .rules()
            .find(|r| r.meta().name.eq_ignore_ascii_case(id))
    });
    match found {
        Some(rule) => {
            let meta = rule.meta();
            let text = format!(
                "# {} ({}): {}\n\nSeverity: {}\n\n{}\n",
                meta.id,
                meta.name,
                meta.title,
                meta.severity.as_str(),
                rule.documentation().trim_end()
            );
            print_stdout(&text)
        }
        None => {
            let known: Vec<String> = rules.metas().into_iter().map(|m| m.id).collect();
            eprintln!("error: no rule `{id}` (rules: {})", known.join(", "));
            EXIT_ERROR
        }
    }
}

fn print_stdout(text: &str) -> u8 {
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`vigil rules | head`) is not an error worth reporting.
    let _ = stdout.write_all(text.as_bytes());
    EXIT_OK
}

/// Everything one unit yields, rules applied.
struct UnitResult {
    findings: Vec<Finding>,
    files: Vec<SourceFile>,
    files_read: usize,
    errors: Vec<FileError>,
    notices: Vec<FileError>,
}

fn mentions(finding: &Finding, path: &str) -> bool {
    &*finding.location.file == path
        || &*finding.resource.file == path
        || finding.trace.iter().any(|h| &*h.location.file == path)
}

fn check(args: CheckArgs) -> u8 {
    let rules = match RuleSet::builtin().filter(&args.select, &args.ignore) {
        Ok(rules) => rules,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    let mut options = vigil_terraform::Options {
        vars: Vec::new(),
        var_files: args.var_files.clone(),
    };
    for raw in &args.vars {
        match raw.split_once('=') {
            Some((name, value)) if !name.trim().is_empty() => options
                .vars
                .push((name.trim().to_string(), value.to_string())),
            _ => {
                eprintln!("error: --var expects NAME=VALUE, got `{raw}`");
                return EXIT_ERROR;
            }
        }
    }
    for file in args.var_files.iter().chain(&args.parameters) {
        if !file.is_file() {
            eprintln!("error: {}: no such file", file.display());
            return EXIT_ERROR;
        }
    }

    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(16 * 1024 * 1024);
    if let Some(n) = args.threads {
        builder = builder.num_threads(n.max(1));
    }
    let pool = match builder.build() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("error: cannot start worker threads: {e}");
            return EXIT_ERROR;
        }
    };

    let root = discover::scan_root(&args.paths);
    let display = |p: &Path| discover::display_path(&root, p);
    let (mut errors, skipped, results) = pool.install(|| {
        let mut errors = Vec::new();
        let mut skipped = Vec::new();
        let units = discover::units(&args.paths, &mut errors, &mut skipped, &display);
        let results: Vec<UnitResult> = units
            .par_iter()
            .map(|unit| {
                let out = match unit {
                    discover::Unit::Module(dir) => {
                        vigil_terraform::evaluate_dir(dir, &display, &options)
                    }
                    discover::Unit::Plan(file) => vigil_terraform::evaluate_plan(file, &display),
                    discover::Unit::Bicep(file) => vigil_bicep::evaluate_file(file, &display),
                    discover::Unit::Template(file) => {
                        vigil_arm::evaluate_template(file, &display, args.parameters.as_deref())
                    }
                };
                let findings: Vec<Finding> =
                    out.resources.iter().flat_map(|r| rules.check(r)).collect();
                // Only files a finding or an error points into are shown or searched for
                // suppressions; dropping the rest keeps memory flat on large trees.
                let files_read = out.files.len();
                let files = out
                    .files
                    .into_iter()
                    .filter(|f| {
                        findings.iter().any(|x| mentions(x, &f.path))
                            || out.errors.iter().any(|e| e.file == f.path)
                    })
                    .collect();
                UnitResult {
                    findings,
                    files,
                    files_read,
                    errors: out.errors,
                    notices: out.notices,
                }
            })
            .collect();
        (errors, skipped, results)
    });

    let mut findings = Vec::new();
    let mut sources: HashMap<Arc<str>, SourceFile> = HashMap::new();
    let mut files_read = 0;
    let mut notices = Vec::new();
    for unit in results {
        files_read += unit.files_read;
        notices.extend(unit.notices);
        findings.extend(unit.findings);
        errors.extend(unit.errors);
        for f in unit.files {
            sources.entry(f.path.clone()).or_insert(f);
        }
    }
    // Files named on the command line (pre-commit passes the staged ones) pull in their whole
    // unit, but only findings that point into them, or whose resource is in them, are theirs
    // to report. Directories named on the command line report everything under them.
    let scope = discover::Scope::new(&args.paths, &display);
    findings.retain(|f| scope.covers(&f.location.file) || scope.covers(&f.resource.file));
    vigil_rules::apply_suppressions(&mut findings, &sources);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.message == b.message);
    errors.sort();
    errors.dedup();

    let metas = rules.metas();
    let report = vigil_report::Report {
        findings: &findings,
        errors: &errors,
        rules: &metas,
        sources: &sources,
        files_scanned: files_read,
        tool_version: env!("CARGO_PKG_VERSION"),
        baseline: None,
    };
    // The report streams to its destination: a buffered copy of a large SARIF log doubled the
    // peak memory of a run.
    let mut sink: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                return EXIT_ERROR;
            }
        },
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let written = match args.format {
        Format::Text => {
            let color = args.output.is_none()
                && !args.no_color
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal();
            let opts = vigil_report::TextOptions {
                color,
                quiet: args.quiet,
                fail_on_unknown: args.fail_on_unknown,
            };
            vigil_report::write_text(&report, &opts, &mut sink)
        }
        Format::Json => vigil_report::write_json(&report, &mut sink),
        Format::Sarif => {
            vigil_report::write_sarif(&report, &vigil_report::SarifOptions::default(), &mut sink)
        }
    };
    let flushed = sink.flush();
    drop(sink);
    match (written, flushed, &args.output) {
        (Ok(()), Ok(()), _) => {}
        // A closed pipe (`vigil check | head`) is the reader's choice, not an error.
        (Err(vigil_report::ReportError::Io(e)), _, None) | (_, Err(e), None)
            if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        (Err(e), _, _) => {
            eprintln!("error: cannot write the report: {e}");
            return EXIT_ERROR;
        }
        (_, Err(e), _) => {
            eprintln!("error: cannot write the report: {e}");
            return EXIT_ERROR;
        }
    }
    // Errors must reach a person even when the report goes to a file or is machine-readable.
    if args.format != Format::Text || args.output.is_some() {
        for e in &errors {
            eprintln!("{}:{}:{}: error: {}", e.file, e.line, e.column, e.message);
        }
    }

    if args.verbose {
        for path in &skipped {
            notices.push(FileError {
                file: display(path).into(),
                line: 0,
                column: 0,
                message: "skipped: JSON that is neither an ARM template nor a Terraform plan"
                    .into(),
            });
        }
        notices.sort();
        notices.dedup();
        for n in &notices {
            eprintln!("{}:{}:{}: note: {}", n.file, n.line, n.column, n.message);
        }
    }

    if !errors.is_empty() {
        EXIT_ERROR
    } else if !args.exit_zero && findings.iter().any(|f| f.fails_gate(args.fail_on_unknown)) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
