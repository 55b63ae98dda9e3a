//! The configuration file: `vigil.yaml` or `.vigil.yaml`, found in the scan root or a directory
//! above it, or named with `--config`. Command-line options win over it.
//!
//! Paths and globs in the file are relative to the directory the file is in, so a
//! configuration means the same thing whichever directory vigil runs from.

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use vigil_model::{IsoDate, Severity};

/// The names vigil looks for, in order, in each directory from the scan root upwards.
pub const FILE_NAMES: [&str; 2] = ["vigil.yaml", ".vigil.yaml"];

/// The file as written. Every key is optional.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct ConfigFile {
    /// Check only files matching one of these globs (default: every file vigil reads).
    pub include: Vec<Spanned<String>>,
    /// Never check files matching these globs, even when named on the command line.
    pub exclude: Vec<Spanned<String>>,
    /// Skip what `.gitignore`, `.ignore` and git's exclude files list (default: true).
    pub respect_gitignore: Option<bool>,
    /// The largest file read (`16MiB`, `4MB`, or bytes; default 16 MiB).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_file_size: Option<Spanned<Size>>,
    /// Follow symbolic links whose target lies outside the scan root (default: false).
    pub follow_symlinks: Option<bool>,
    /// Run only these rules (ids, names or id prefixes). Present but empty (`select:` or
    /// `select: []`) is an error: it would run no rule, or (read as "no selection") every rule,
    /// and neither is what the writer meant.
    #[serde(deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub select: Option<Spanned<Option<Vec<String>>>>,
    /// Skip these rules.
    pub ignore: Vec<String>,
    /// Rule -> severity (`info`, `low`, `medium`, `high`, `critical`).
    pub severity: BTreeMap<String, Spanned<String>>,
    /// The least severity that fails the gate (default: any failing finding).
    pub fail_on: Option<Spanned<String>>,
    /// Undetermined findings fail the gate too.
    pub fail_on_unknown: Option<bool>,
    /// Whether `vigil:ignore` comments are honoured (default: true).
    pub inline_ignores: Option<bool>,
    /// The baseline file `vigil check` compares with.
    pub baseline: Option<String>,
    pub terraform: TerraformSection,
    pub arm: ArmSection,
    /// Evaluation budgets (DESIGN.md, "Budgets"): tighter or looser than the defaults.
    #[serde(skip_serializing_if = "LimitsSection::is_empty")]
    pub limits: LimitsSection,
    /// Central suppressions.
    pub ignores: Vec<Spanned<IgnoreEntry>>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct TerraformSection {
    /// Loaded after terraform.tfvars and *.auto.tfvars, in order; `--var-file` comes after.
    pub var_files: Vec<String>,
    /// Input variables, as `-var` would set them; `--var` wins. A string is taken as
    /// written; a number, boolean, list or map as the value it is.
    pub vars: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct ArmSection {
    /// Template glob -> the parameter file to use for templates matching it. The first
    /// matching glob wins; `--parameters` wins over all of them.
    pub parameters: BTreeMap<String, String>,
}

/// `limits:`: each key replaces one default of `vigil_model::budget::Limits`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct LimitsSection {
    /// The most text one value may hold (`16MiB`, `4MB`, or bytes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_size: Option<Spanned<Size>>,
    /// The most elements of one list or object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection_items: Option<Spanned<u64>>,
    /// The fixed part of a unit's evaluation steps (more are allowed per source byte).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_steps: Option<Spanned<u64>>,
    /// The most resource instances one unit evaluates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_resources: Option<Spanned<u64>>,
    /// The most module and deployment instances of one run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_instances: Option<Spanned<u64>>,
    /// The most findings one run reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<Spanned<u64>>,
    /// The deepest nesting of module calls and nested deployments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module_depth: Option<Spanned<u64>>,
}

impl LimitsSection {
    fn is_empty(&self) -> bool {
        self.value_size.is_none()
            && self.collection_items.is_none()
            && self.unit_steps.is_none()
            && self.unit_resources.is_none()
            && self.run_instances.is_none()
            && self.findings.is_none()
            && self.module_depth.is_none()
    }
}

/// A size as written: a number of bytes, or text with its unit (`16MiB`).
#[derive(Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Size {
    Bytes(u64),
    Text(String),
}

/// One central suppression.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct IgnoreEntry {
    /// The rule (id or name); every rule when absent.
    pub rule: Option<String>,
    /// A glob for the file of the finding or of its resource.
    pub path: Option<String>,
    /// A pattern for the resource address; `*` matches any run of characters, `?` one.
    pub resource: Option<String>,
    /// Required: a suppression nobody can explain is one nobody can remove.
    pub reason: String,
    /// The last day the ignore holds (`YYYY-MM-DD`). After it, findings fail again.
    pub expires: Option<String>,
}

/// A configuration file that cannot be used, with the place to fix.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct ConfigError {
    pub file: String,
    /// 1-based; 0 when the error is about the file as a whole.
    pub line: u64,
    pub column: u64,
    pub message: String,
}

/// A loaded configuration, checked and compiled.
#[derive(Debug)]
pub struct Config {
    /// Where it came from (None: no file, defaults).
    pub path: Option<PathBuf>,
    /// The directory its paths are relative to.
    pub dir: PathBuf,
    pub file: ConfigFile,
    pub include: Option<GlobSet>,
    pub exclude: GlobSet,
    pub severity: Vec<(String, Severity)>,
    pub fail_on: Option<Severity>,
    pub ignores: Vec<Ignore>,
    pub arm_parameters: Vec<(GlobSet, PathBuf)>,
    /// `max-file-size`, in bytes.
    pub max_file_size: Option<u64>,
    /// The evaluation budgets, `limits:` over the defaults.
    pub limits: vigil_model::budget::Limits,
}

/// A compiled central suppression.
#[derive(Debug)]
pub struct Ignore {
    /// As shown in warnings and in suppressions: `vigil.yaml:12`.
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub rule: Option<String>,
    pub path: Option<GlobSet>,
    pub path_text: Option<String>,
    pub resource: Option<String>,
    pub reason: String,
    pub expires: Option<IsoDate>,
}

impl Ignore {
    /// A short description for warnings: `AZKV001 for legacy/** (reason)`.
    pub fn describe(&self) -> String {
        let mut s = self.rule.clone().unwrap_or_else(|| "every rule".into());
        if let Some(p) = &self.path_text {
            s.push_str(&format!(" in `{p}`"));
        }
        if let Some(r) = &self.resource {
            s.push_str(&format!(" on `{r}`"));
        }
        s
    }

    /// Whether the ignore names this finding (expiry aside). `rel` turns a reported path into
    /// one relative to the configuration's directory.
    pub fn matches(
        &self,
        rule_id: &str,
        rule_name: &str,
        files: [&str; 2],
        address: &str,
        rel: &dyn Fn(&str) -> String,
    ) -> bool {
        self.rule
            .as_deref()
            .is_none_or(|r| r.eq_ignore_ascii_case(rule_id) || r.eq_ignore_ascii_case(rule_name))
            && self
                .path
                .as_ref()
                .is_none_or(|set| files.iter().any(|f| set.is_match(rel(f))))
            && self
                .resource
                .as_deref()
                .is_none_or(|p| wildcard(p.as_bytes(), address.as_bytes()))
    }
}

/// `*` any run of characters, `?` exactly one, everything else itself. Addresses hold `[`, `.`
/// and quotes, which a glob would read as syntax.
fn wildcard(pattern: &[u8], text: &[u8]) -> bool {
    // Iterative with one backtrack point: linear in practice, never exponential.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == b'?' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

/// The configuration file for a scan rooted at `root`: `explicit` when given, else the first of
/// [`FILE_NAMES`] in `root` or a directory above it.
pub fn find(root: &Path, explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return Some(path.to_path_buf());
    }
    let start = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // Found k directories up, the file is named `root/../..` (k times) so that messages show
    // it relative to the scan root, as they show every other path.
    start.ancestors().enumerate().find_map(|(up, dir)| {
        FILE_NAMES
            .iter()
            // One that is there but is no regular file (a FIFO) is found, for reading it to
            // say why it is refused: passing over it would run with other settings in silence.
            .find(|name| {
                std::fs::symlink_metadata(dir.join(name)).is_ok() && !dir.join(name).is_dir()
            })
            .map(|name| {
                let mut path = root.to_path_buf();
                for _ in 0..up {
                    path.push("..");
                }
                path.join(name)
            })
    })
}

/// A key that is present, even as null, is `Some`: `select:` alone must not read as absent.
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

impl Config {
    /// The configuration's rule selection: empty when the file has none.
    pub fn select(&self) -> &[String] {
        self.file
            .select
            .as_ref()
            .and_then(|s| s.value.as_deref())
            .unwrap_or(&[])
    }

    /// No file: every default.
    pub fn defaults(dir: &Path) -> Config {
        Config {
            path: None,
            dir: dir.to_path_buf(),
            file: ConfigFile::default(),
            include: None,
            exclude: GlobSet::empty(),
            severity: Vec::new(),
            fail_on: None,
            ignores: Vec::new(),
            arm_parameters: Vec::new(),
            max_file_size: None,
            limits: vigil_model::budget::Limits::default(),
        }
    }

    /// Reads and checks a configuration file under `policy` (no FIFO, no link out of the scan
    /// root, the size limit). `shown` is the path as messages name it.
    pub fn load(
        path: &Path,
        shown: &str,
        policy: impl AsRef<vigil_model::files::FilePolicy>,
    ) -> Result<Config, ConfigError> {
        let policy = policy.as_ref();
        let whole = |message: String| ConfigError {
            file: shown.to_string(),
            line: 0,
            column: 0,
            message,
        };
        // `--config /dev/null` is the shell's way to say "no settings": the one device read,
        // as the empty file it always is.
        let dev_null = std::fs::canonicalize(path).is_ok_and(|p| p == Path::new("/dev/null"));
        let read = if dev_null {
            Ok(String::new())
        } else {
            vigil_model::files::read_text(path, policy)
        };
        let text = read.map_err(|refusal| {
            whole(match refusal {
                vigil_model::files::Refusal::Io(e) => {
                    format!("cannot read the configuration: {e}")
                }
                other => format!("the configuration is {}", other.message()),
            })
        })?;
        // An empty file is a valid "all defaults" configuration; serde-saphyr reads it as null.
        let file: ConfigFile = if text.trim().is_empty() {
            ConfigFile::default()
        } else {
            serde_saphyr::from_str(&text).map_err(|e| yaml_error(shown, &e))?
        };
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut config = Config::defaults(&dir);
        config.path = Some(path.to_path_buf());

        let at = |loc: &serde_saphyr::Location, message: String| ConfigError {
            file: shown.to_string(),
            line: loc.line(),
            column: loc.column(),
            message,
        };
        let globs = |list: &[Spanned<String>]| -> Result<GlobSet, ConfigError> {
            let mut set = GlobSetBuilder::new();
            for g in list {
                for glob in compile_glob(&g.value).map_err(|m| at(&g.referenced, m))? {
                    set.add(glob);
                }
            }
            set.build().map_err(|e| whole(e.to_string()))
        };
        if let Some(select) = &file.select {
            let empty = select
                .value
                .as_ref()
                .is_none_or(|v| v.iter().all(|s| s.trim().is_empty()));
            if empty {
                return Err(at(
                    &select.referenced,
                    "`select` is empty, so no rule would run; list rules (`select: [AZKV]`) or \
                     remove the key to run them all"
                        .into(),
                ));
            }
        }
        if !file.include.is_empty() {
            config.include = Some(globs(&file.include)?);
        }
        config.exclude = globs(&file.exclude)?;
        for (rule, sev) in &file.severity {
            let severity = Severity::parse(&sev.value).ok_or_else(|| {
                at(
                    &sev.referenced,
                    format!(
                        "`{}` is not a severity (info, low, medium, high, critical)",
                        sev.value
                    ),
                )
            })?;
            config.severity.push((rule.clone(), severity));
        }
        if let Some(size) = &file.max_file_size {
            let bytes = match &size.value {
                Size::Bytes(0) => Err("`max-file-size: 0` would read no file".to_string()),
                Size::Bytes(n) => Ok(*n),
                Size::Text(t) => vigil_model::files::parse_size(t),
            };
            config.max_file_size = Some(bytes.map_err(|m| at(&size.referenced, m))?);
        }
        if let Some(f) = &file.fail_on {
            config.fail_on = Some(parse_fail_on(&f.value).map_err(|m| at(&f.referenced, m))?);
        }
        let positive = |n: u64, key: &str, loc: &serde_saphyr::Location| {
            if n == 0 {
                Err(at(loc, format!("`limits.{key}: 0` would evaluate nothing")))
            } else {
                Ok(usize::try_from(n).unwrap_or(usize::MAX))
            }
        };
        let l = &file.limits;
        if let Some(size) = &l.value_size {
            let bytes = match &size.value {
                Size::Bytes(n) => Ok(*n),
                Size::Text(t) => vigil_model::files::parse_size(t),
            };
            let bytes = bytes.map_err(|m| at(&size.referenced, m))?;
            config.limits.value_bytes = positive(bytes, "value-size", &size.referenced)?;
        }
        let counts: [(&Option<Spanned<u64>>, &str, &mut usize); 5] = [
            (
                &l.collection_items,
                "collection-items",
                &mut config.limits.value_items,
            ),
            (
                &l.unit_resources,
                "unit-resources",
                &mut config.limits.unit_resources,
            ),
            (
                &l.run_instances,
                "run-instances",
                &mut config.limits.run_instances,
            ),
            (&l.findings, "findings", &mut config.limits.run_findings),
            (
                &l.module_depth,
                "module-depth",
                &mut config.limits.module_depth,
            ),
        ];
        for (value, key, slot) in counts {
            if let Some(v) = value {
                *slot = positive(v.value, key, &v.referenced)?;
            }
        }
        if let Some(v) = &l.unit_steps {
            config.limits.unit_steps = positive(v.value, "unit-steps", &v.referenced)? as u64;
        }
        for entry in &file.ignores {
            let e = &entry.value;
            let here = |m: String| at(&entry.referenced, m);
            if e.reason.trim().is_empty() {
                return Err(here("an ignore needs a `reason`".into()));
            }
            let expires =
                match &e.expires {
                    None => None,
                    Some(d) => Some(IsoDate::parse(d).ok_or_else(|| {
                        here(format!("`expires: {d}` is not a date (YYYY-MM-DD)"))
                    })?),
                };
            let path = match &e.path {
                None => None,
                Some(p) => {
                    let mut set = GlobSetBuilder::new();
                    for glob in compile_glob(p).map_err(&here)? {
                        set.add(glob);
                    }
                    Some(set.build().map_err(|e| here(e.to_string()))?)
                }
            };
            config.ignores.push(Ignore {
                file: shown.to_string(),
                line: u32::try_from(entry.referenced.line()).unwrap_or(u32::MAX),
                column: u32::try_from(entry.referenced.column()).unwrap_or(u32::MAX),
                rule: e.rule.clone(),
                path,
                path_text: e.path.clone(),
                resource: e.resource.clone(),
                reason: e.reason.trim().to_string(),
                expires,
            });
        }
        for (template, params) in &file.arm.parameters {
            let mut set = GlobSetBuilder::new();
            for glob in compile_glob(template).map_err(&whole)? {
                set.add(glob);
            }
            let set = set.build().map_err(|e| whole(e.to_string()))?;
            config.arm_parameters.push((set, dir.join(params)));
        }
        config.file = file;
        Ok(config)
    }

    /// A path relative to the configuration's directory, with forward slashes, for globs.
    pub fn relative(&self, path: &Path) -> String {
        crate::discover::display_path(&self.dir, path)
    }

    /// Whether a file is to be checked, by the include and exclude globs.
    pub fn selects(&self, path: &Path) -> bool {
        // Most runs have no globs: skip making every walked path relative.
        if self.include.is_none() && self.exclude.is_empty() {
            return true;
        }
        let rel = self.relative(path);
        !self.exclude.is_match(&rel) && self.include.as_ref().is_none_or(|s| s.is_match(&rel))
    }

    /// Whether a directory is to be walked into.
    pub fn enters(&self, dir: &Path) -> bool {
        self.exclude.is_empty() || !self.exclude.is_match(self.relative(dir))
    }

    /// The parameter file the configuration gives a template.
    pub fn parameters_for(&self, template: &Path) -> Option<&Path> {
        let rel = self.relative(template);
        self.arm_parameters
            .iter()
            .find(|(set, _)| set.is_match(&rel))
            .map(|(_, p)| p.as_path())
    }
}

/// `--fail-on` and `fail-on:` values.
pub fn parse_fail_on(s: &str) -> Result<Severity, String> {
    match Severity::parse(s) {
        Some(Severity::Info) | None => Err(format!(
            "`{s}` is not a severity to fail on (low, medium, high, critical)"
        )),
        Some(sev) => Ok(sev),
    }
}

/// A glob as gitignore reads it: one without a `/` matches a name at any depth, one with a `/`
/// is anchored at the configuration's directory; either also matches everything under a
/// directory it matches.
fn compile_glob(pattern: &str) -> Result<Vec<Glob>, String> {
    let trimmed = pattern.trim_start_matches("./");
    let anchored = trimmed.trim_end_matches('/').contains('/');
    let base = trimmed.trim_start_matches('/').trim_end_matches('/');
    if base.is_empty() {
        return Err(format!("`{pattern}` is not a glob"));
    }
    let base = if anchored {
        base.to_string()
    } else {
        format!("**/{base}")
    };
    [base.clone(), format!("{base}/**")]
        .iter()
        .map(|p| {
            GlobBuilder::new(p)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("`{pattern}` is not a valid glob: {e}"))
        })
        .collect()
}

fn yaml_error(file: &str, e: &serde_saphyr::Error) -> ConfigError {
    let (position, message) = vigil_rules::yaml_error_parts(e);
    let (line, column) = position.unwrap_or((0, 0));
    ConfigError {
        file: file.to_string(),
        line,
        column,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(wildcard(
            b"module.legacy.*",
            b"module.legacy.azurerm_key_vault.kv"
        ));
        assert!(wildcard(b"*.kv[0]", b"azurerm_key_vault.kv[0]"));
        assert!(!wildcard(b"*.kv[0]", b"azurerm_key_vault.kv[1]"));
        assert!(wildcard(b"a?c", b"abc"));
        assert!(!wildcard(b"a?c", b"ac"));
        assert!(wildcard(b"*", b""));
        assert!(!wildcard(b"kv", b"kv2"));
        assert!(wildcard(b"*a*a*a*b", b"aaaaaaaaaaaaaaaaaaaaaaaaab"));
        assert!(!wildcard(b"*a*a*a*b", b"aaaaaaaaaaaaaaaaaaaaaaaaaa"));
    }

    #[test]
    fn globs_read_like_gitignore() {
        let set = |p: &str| {
            let mut b = GlobSetBuilder::new();
            for g in compile_glob(p).unwrap() {
                b.add(g);
            }
            b.build().unwrap()
        };
        assert!(set("legacy").is_match("legacy/main.tf"));
        assert!(set("legacy").is_match("envs/legacy/main.tf"));
        assert!(set("legacy/").is_match("envs/legacy/main.tf"));
        assert!(set("*.json").is_match("a/b/c.json"));
        assert!(!set("*.json").is_match("a/b/c.tf"));
        assert!(set("envs/prod").is_match("envs/prod/main.tf"));
        assert!(!set("envs/prod").is_match("x/envs/prod/main.tf"));
        assert!(set("./envs/*/main.tf").is_match("envs/dev/main.tf"));
        assert!(!set("envs/*.tf").is_match("envs/dev/main.tf"));
        assert!(compile_glob("a[").is_err());
    }

    #[test]
    fn fail_on_levels() {
        assert_eq!(parse_fail_on("HIGH"), Ok(Severity::High));
        assert!(parse_fail_on("info").is_err());
        assert!(parse_fail_on("severe").is_err());
    }
}
