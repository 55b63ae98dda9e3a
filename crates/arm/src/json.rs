//! Template JSON as Azure Resource Manager accepts it (comments and trailing commas), with the
//! `vigil:ignore` directives its comments hold.

pub(crate) use vigil_json::{JKind, JNode};
use vigil_model::{FileError, IgnoreDirective, LineIndex};

/// Parses a file; also returns its `vigil:ignore` directives.
pub(crate) fn parse(index: &LineIndex) -> Result<(JNode, Vec<IgnoreDirective>), FileError> {
    let parsed = vigil_json::parse(index, vigil_json::Syntax::Jsonc)?;
    let text = index.text();
    let ignores = parsed
        .comments
        .into_iter()
        .filter_map(|range| {
            IgnoreDirective::from_comment(text.get(range.clone())?, index.location(range))
        })
        .collect();
    Ok((parsed.root, ignores))
}
