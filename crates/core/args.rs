//! The command line: clap's definitions, and their translation into the check pipeline's
//! [`vigil_check::Options`].

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// `--format`'s help: the names of the formats are the report crate's.
fn format_help() -> String {
    format!(
        "Output format, optionally with a file: `--format sarif:results.sarif`. Repeat for \
         several reports at once. Formats: {}",
        vigil_report::Format::names()
    )
}

/// The command line as given (clap prints help, versions and usage errors, and exits).
pub fn parse() -> Cli {
    let command = Cli::command().mut_subcommand("check", |check| {
        check.mut_arg("format", |format| format.help(format_help()))
    });
    let matches = command.get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

#[derive(Debug, Parser)]
#[command(
    name = "vigil",
    version,
    about = "A fast, exact policy checker for Azure infrastructure as code",
    long_about = "vigil reads Terraform, ARM templates and Bicep, evaluates what each Azure \
                  resource will really be deployed with, and reports the resources that break a \
                  rule.\n\n\
                  Exit codes: 0 nothing fails the gate; 1 failing findings; 2 the run had an \
                  error (bad usage, a bad configuration, a file that cannot be read or parsed)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and directories (default: the current directory).
    Check(CheckArgs),
    /// Record today's findings in a baseline file, so that `check --baseline` reports only new
    /// ones.
    Baseline(BaselineArgs),
    /// Print the resources vigil evaluates, as Azure would receive them: every value it knows,
    /// and `$unknown` with the reason where it does not.
    Show(ShowArgs),
    /// Print the effective configuration: the file found (if any) with every default filled in.
    Config(ConfigArgs),
    /// List the rules.
    Rules,
    /// Print one rule's documentation.
    Rule {
        /// The rule's id (AZKV001) or name (key-vault-trusted-services-bypass).
        id: String,
    },
}

/// The least severity that fails the gate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Low,
    Medium,
    High,
    Critical,
}

/// What decides which files are read and how they are evaluated: shared by `check` and
/// `baseline`, so a baseline records exactly what a check would report.
#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Files or directories to check. A file pulls in its whole unit (its Terraform directory,
    /// its template with the parameter file), but only the findings (for `show`, the resources)
    /// of the files named, and of the instances they create, are reported.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Use this configuration file instead of the vigil.yaml or .vigil.yaml found in the scan
    /// root or above it.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Use no configuration file at all.
    #[arg(long)]
    pub no_config: bool,

    /// Report paths relative to DIR (default: the one directory checked, else the current
    /// directory). `--root .` in a repository's root gives the paths GitHub code scanning and
    /// annotations expect when only a subdirectory is checked.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// Run only these rules (ids, names or id prefixes), comma-separated. Replaces the
    /// configuration's `select`.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,

    /// Skip these rules (ids, names or id prefixes), comma-separated. Added to the
    /// configuration's `ignore`.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,

    /// Set a Terraform input variable (repeatable); wins over every variables file.
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub vars: Vec<String>,

    /// Load Terraform variables from FILE (repeatable); wins over terraform.tfvars and
    /// *.auto.tfvars.
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_files: Vec<PathBuf>,

    /// Use FILE as the parameter file of every ARM template checked (instead of the
    /// `X.parameters.json` beside `X.json`).
    #[arg(long, value_name = "FILE")]
    pub parameters: Option<PathBuf>,

    /// Disregard `vigil:ignore` comments: every finding they would hide is reported.
    #[arg(long)]
    pub no_inline_ignores: bool,

    /// Also say what was left unchecked and why (modules that are not installed), on stderr.
    #[arg(long, short = 'v')]
    pub verbose: bool,

    /// Number of threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// The largest file vigil reads (default 16MiB; `4MiB`, `4MB`, bytes); a larger one is an
    /// error naming it. Wins over `max-file-size` in the configuration.
    #[arg(long, value_name = "SIZE", value_parser = vigil_model::files::parse_size)]
    pub max_file_size: Option<u64>,

    /// Follow symbolic links whose target lies outside the scan root (and walk linked
    /// directories). Without it such links are not read, and `--verbose` lists them.
    #[arg(long)]
    pub follow_symlinks: bool,
}

impl ScanArgs {
    /// The pipeline's options for these arguments (no buffers: the command line reads the
    /// files on disk).
    pub fn options(&self) -> vigil_check::Options {
        vigil_check::Options {
            paths: self.paths.clone(),
            config: self.config.clone(),
            no_config: self.no_config,
            root: self.root.clone(),
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            vars: self.vars.clone(),
            var_files: self.var_files.clone(),
            parameters: self.parameters.clone(),
            no_inline_ignores: self.no_inline_ignores,
            verbose: self.verbose,
            threads: self.threads,
            max_file_size: self.max_file_size,
            follow_symlinks: self.follow_symlinks,
            overlay: vigil_check::Overlay::new(),
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub scan: ScanArgs,

    /// Output format, optionally with a file (the help, with the names of the formats, is
    /// [`format_help`]'s).
    #[arg(long, value_name = "FORMAT[:FILE]", default_value = "text")]
    pub format: Vec<String>,

    /// Write the report to FILE instead of standard output (for a `--format` without a file).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Report only findings that are not in this baseline file (made by `vigil baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Fail the gate only on findings of this severity or worse (default: every failing
    /// finding).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// Fail the gate on undetermined findings (values vigil cannot know) too.
    #[arg(long)]
    pub fail_on_unknown: bool,

    /// Exit 0 even when findings fail the gate (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,

    /// Print counts per rule instead of the findings (reports written to files are unchanged).
    #[arg(long)]
    pub statistics: bool,

    /// The SARIF run's category (`automationDetails.id`), to keep several uploads for one
    /// commit apart in GitHub code scanning.
    #[arg(long, value_name = "CATEGORY")]
    pub sarif_category: Option<String>,

    /// Print findings only: no source snippets, traces or summary.
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Never colour the output (colour is used only on a terminal, and never when NO_COLOR is set).
    #[arg(long)]
    pub no_color: bool,
}

/// How `vigil show` prints resources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// An indented tree per resource.
    Text,
    /// One JSON document (`docs/show.md`).
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub scan: ScanArgs,

    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,

    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub scan: ScanArgs,

    /// Where to write the baseline.
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        default_value = "vigil-baseline.json"
    )]
    pub output: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// The directory whose configuration to show (default: the current directory).
    #[arg(default_value = ".")]
    pub path: PathBuf,

    /// Show this configuration file instead of the one found.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}
