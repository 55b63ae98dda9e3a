//! The command line.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "vigil",
    version,
    about = "A fast, exact policy checker for Azure infrastructure as code",
    long_about = "vigil reads Terraform, evaluates what each Azure resource will really be \
                  deployed with, and reports the resources that break a rule.\n\n\
                  Exit codes: 0 nothing fails the gate; 1 failing findings; 2 the run had an \
                  error (bad usage, a file that cannot be read or parsed)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and directories (default: the current directory).
    Check(CheckArgs),
    /// List the rules.
    Rules,
    /// Print one rule's documentation.
    Rule {
        /// The rule's id (AZKV001) or name (key-vault-trusted-services-bypass).
        id: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check. A file pulls in its whole module directory, so values
    /// defined in sibling files resolve.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Run only these rules (ids, names or id prefixes), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,

    /// Skip these rules (ids, names or id prefixes), comma-separated.
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

    /// Fail the gate on undetermined findings (values vigil cannot know) too.
    #[arg(long)]
    pub fail_on_unknown: bool,

    /// Exit 0 even when findings fail the gate (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,

    /// Also say what was left unchecked and why (modules that are not installed), on stderr.
    #[arg(long, short = 'v')]
    pub verbose: bool,

    /// Print findings only: no source snippets, traces or summary.
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Never colour the output (colour is used only on a terminal, and never when NO_COLOR is set).
    #[arg(long)]
    pub no_color: bool,

    /// Number of threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}
