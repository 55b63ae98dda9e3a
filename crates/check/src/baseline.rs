//! Baselines: today's findings recorded by fingerprint, so that a legacy repository can gate
//! only what is new.
//!
//! A fingerprint leaves lines, columns and formatting out (the rule, the resource's file and
//! address, the property), so moving a resource or reformatting its file keeps it matched.

use serde::{Deserialize, Serialize};
use std::path::Path;
use vigil_model::Finding;

/// Bumped when the file's shape changes incompatibly.
const VERSION: u32 = 1;

#[derive(Debug, Deserialize, Serialize)]
pub struct BaselineFile {
    pub version: u32,
    /// Which fingerprint recipe the entries use (`vigil/v1`); entries of another recipe would
    /// never match, so a mismatch is an error rather than a silent "everything is new".
    pub fingerprint: String,
    pub findings: Vec<Entry>,
}

/// One recorded finding. Only `fingerprint` is matched; the rest tells a reader what it was.
#[derive(Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub file: String,
    pub rule: String,
    pub resource: String,
    pub property: String,
    /// The root that created the instance, when the resource is in another file (a module
    /// two environments call): the entries of its instances differ only here and in the
    /// fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<String>,
    pub fingerprint: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{file}: cannot read the baseline: {why}")]
    Read { file: String, why: String },
    #[error("{file}:{line}:{column}: not a vigil baseline: {message}")]
    Parse {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: baseline version {found} is not supported (this vigil reads {VERSION}); make it again with `vigil baseline`")]
    Version { file: String, found: u32 },
    #[error("{file}: baseline fingerprints are `{found}`, this vigil makes `{expected}`; make it again with `vigil baseline`")]
    Recipe {
        file: String,
        found: String,
        expected: String,
    },
}

/// The baseline for these findings: every one not already suppressed.
pub fn record(findings: &[Finding]) -> BaselineFile {
    let mut entries: Vec<Entry> = findings
        .iter()
        .filter(|f| f.suppression.is_none())
        .map(|f| Entry {
            file: f.resource.file.to_string(),
            rule: f.rule_id.clone(),
            resource: f.resource.address.clone(),
            property: f.property.clone(),
            root: f.resource.root.as_deref().map(str::to_string),
            fingerprint: vigil_report::fingerprint(f),
        })
        .collect();
    entries.sort();
    BaselineFile {
        version: VERSION,
        fingerprint: vigil_report::FINGERPRINT_KEY.to_string(),
        findings: entries,
    }
}

/// Reads a baseline under the thread's file policy (no FIFO, no link out of the scan root,
/// the size limit).
pub fn load(path: &Path, shown: &str) -> Result<BaselineFile, BaselineError> {
    let text =
        vigil_model::files::read_text(path, vigil_model::files::policy()).map_err(|refusal| {
            BaselineError::Read {
                file: shown.to_string(),
                why: match refusal {
                    vigil_model::files::Refusal::Io(e) => e,
                    other => other.message().trim_start_matches("not read: ").to_string(),
                },
            }
        })?;
    let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
        // serde_json ends its message with the position, which the error shows before it.
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        BaselineError::Parse {
            file: shown.to_string(),
            line: e.line(),
            column: e.column(),
            message: full.strip_suffix(&suffix).unwrap_or(&full).to_string(),
        }
    })?;
    if file.version != VERSION {
        return Err(BaselineError::Version {
            file: shown.to_string(),
            found: file.version,
        });
    }
    if file.fingerprint != vigil_report::FINGERPRINT_KEY {
        return Err(BaselineError::Recipe {
            file: shown.to_string(),
            found: file.fingerprint,
            expected: vigil_report::FINGERPRINT_KEY.to_string(),
        });
    }
    Ok(file)
}

/// Applying a baseline is part of the filter stage, beside the other suppressions.
pub use crate::filter::hide_baselined as apply;
