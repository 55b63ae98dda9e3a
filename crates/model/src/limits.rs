//! Every fixed bound vigil puts on its own work, in one place.
//!
//! These are not settings: they keep a parser or an evaluator from recursing off the stack or
//! multiplying work without end on hostile input, and they sit far beyond what real templates
//! write. The bounds a user may change (bytes and items of one value, steps of one unit,
//! instances of one run, ...) are [`crate::budget::Limits`], with the defaults DESIGN.md states.
//! A refusal for one of these says so with [`crate::budget::LIMIT_MARK`] where it is a value's.

// Parsing.

/// JSON nested deeper than this is refused before parsing: the parser recurses.
pub const JSON_DEPTH: usize = 200;
/// Nesting in Bicep source: of `${...}` holes inside strings (the lexer scans holes
/// recursively) and of brackets, calls and blocks (the parser descends recursively).
pub const BICEP_HOLE_DEPTH: u32 = 128;
/// Syntax errors one Bicep file reports: past this, more errors only repeat the first ones'
/// cause at a cost in memory.
pub const BICEP_PARSE_ERRORS: usize = 1000;
/// The largest `.gitignore` (or `.ignore`) discovery reads. Each pattern becomes a glob matcher
/// costing about 15 µs and 1 KB of memory per byte of patterns (a 256 KiB file took 3.8 s and
/// 215 MB); GitHub's largest template is 5 KiB, so a file over this is no hand-written list.
pub const IGNORE_FILE_BYTES: u64 = 64 << 10;

// Evaluation, in every language.

/// The deepest nesting a function or a type conversion walks into (Terraform and ARM
/// functions, Terraform's type conversion); deeper values are an error rather than a stack
/// overflow.
pub const VALUE_DEPTH: usize = 128;
/// Cases one resource may be split into: choices multiply, and a bound keeps that in check
/// (beyond it the unknown stays unknown).
pub const RESOURCE_CASES: usize = 32;
/// Copies one loop may make: ARM's own limit on `copy` (800), which Bicep's `for` compiles to.
pub const COPY_COUNT: usize = 800;

// Terraform.

/// Nested evaluation deeper than this (long chains of locals, say) is refused rather than
/// risking the stack.
pub const TERRAFORM_EVAL_DEPTH: u32 = 200;
/// How deep types are looked for through nested expressions and locals.
pub const TERRAFORM_TYPE_DEPTH: u32 = 32;
/// Terraform's own limit on the length of `range()`.
pub const TERRAFORM_RANGE: usize = 1024;
/// Widths and precisions in `format()` verbs beyond this would only build huge strings.
pub const FORMAT_WIDTH: usize = 1_000_000;
/// Instances one `count` or `for_each` may make: more is refused (an error value), not
/// expanded, as a mistake or a denial of service rather than a configuration.
pub const TERRAFORM_INSTANCES: usize = 10_000;
/// Module instances one unit may evaluate in all: nested `for_each` multiplies, and a run must
/// end in reasonable time whatever the input.
pub const TERRAFORM_MODULE_INSTANCES: usize = 20_000;

// Azure Resource Manager.

/// How deeply calls and index brackets may nest in one expression (far beyond what templates
/// write).
pub const ARM_EXPRESSION_NESTING: usize = 128;
/// ARM's own limit on `range()`'s count.
pub const ARM_RANGE: i64 = 10_000;
/// Candidate combinations tried for one call whose arguments are unknowns among known
/// values; past it the result is a plain unknown.
pub const CALL_COMBINATIONS: usize = 16;
/// `$ref`s followed one after another before a user-defined type counts as circular.
pub const ARM_TYPE_REFS: usize = 32;
/// How deeply a value is checked against its type (object properties, array items).
pub const ARM_TYPE_DEPTH: usize = 64;
/// Nested deployments one template may evaluate in all.
pub const ARM_DEPLOYMENTS: usize = 1_000;
/// Variables evaluated one inside another deeper than this are refused.
pub const ARM_VARIABLE_DEPTH: usize = 100;
/// User-defined functions calling one another deeper than this are refused: nothing ends a
/// function that calls itself.
pub const ARM_FUNCTION_DEPTH: usize = 32;
/// Calls of user-defined functions one unit may evaluate in all: a function that calls itself
/// twice doubles the work at each level.
pub const ARM_FUNCTION_CALLS: usize = 100_000;

// Bicep.

/// Bicep expressions nested deeper than this are refused.
pub const BICEP_EXPRESSION_DEPTH: u32 = 256;
/// Imports (`import ... from`) nested deeper than this are not read.
pub const BICEP_IMPORT_DEPTH: usize = 16;

// Reports.

/// GitHub code scanning rejects a rule with more tags than this.
pub const SARIF_TAGS: usize = 20;
/// The longest snippet a SARIF result carries, in bytes: a region or its context on a line of
/// megabytes (a one-line template) is left out rather than copied into every result.
pub const SARIF_SNIPPET_BYTES: usize = 4096;
/// Rows of the Markdown summary: GitHub refuses a step summary over 1 MiB and shows none of
/// it, and a few hundred rows are already more than a person reads on that page.
pub const MARKDOWN_ROWS: usize = 250;
