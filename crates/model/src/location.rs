use serde::Serialize;
use std::sync::Arc;

/// A region of a source file. Lines and columns are 1-based; columns count Unicode scalar
/// values; the end is exclusive (SARIF's convention: the column just past the region).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// Relative to the scan root, forward slashes.
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Location {
    pub fn new(
        file: impl Into<Arc<str>>,
        line: u32,
        column: u32,
        end_line: u32,
        end_column: u32,
    ) -> Self {
        Location {
            file: file.into(),
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// `file:line`, the way a person cites a place.
    pub fn short(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// `a/b/../c` as `a/c`, without touching the file system (symbolic links are not followed).
/// Leading `..` stay; `/..` is `/`.
pub fn normalize_path(path: &std::path::Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if matches!(
                    out.components().next_back(),
                    Some(std::path::Component::Normal(_))
                ) {
                    out.pop();
                } else if !matches!(
                    out.components().next_back(),
                    Some(std::path::Component::RootDir)
                ) {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// Reads a source file as text, named `shown` in reports, under the process's
/// [`crate::files::policy`] (regular files only, within the size limit, no link out of the scan
/// root). A byte-order mark is dropped (it is not part of any syntax); UTF-16 is an error that
/// says so; other text that is not UTF-8 is an error at its first bad byte.
pub fn read_source(path: &std::path::Path, shown: Arc<str>) -> Result<LineIndex, crate::FileError> {
    let error = |line: u32, column: u32, message: String| crate::FileError {
        file: shown.clone(),
        line,
        column,
        message,
    };
    let bytes = crate::files::read_bytes(path, crate::files::policy())
        .map_err(|refusal| error(0, 0, refusal.message()))?;
    if let Some(what) = crate::files::utf16(&bytes) {
        return Err(error(1, 1, crate::files::utf16_message(what)));
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text);
            Ok(LineIndex::new(shown.clone(), text.into()))
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let line = before.matches('\n').count() as u32 + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
            Err(error(
                line,
                column,
                "the file is not valid UTF-8 text".to_string(),
            ))
        }
    }
}

/// Turns byte offsets into line/column positions for one file.
#[derive(Clone, Debug)]
pub struct LineIndex {
    file: Arc<str>,
    text: Arc<str>,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(file: Arc<str>, text: Arc<str>) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { file, text, starts }
    }

    pub fn file(&self) -> &Arc<str> {
        &self.file
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text itself, shared rather than copied.
    pub fn shared_text(&self) -> &Arc<str> {
        &self.text
    }

    /// 1-based (line, column) of a byte offset; offsets past the end clamp to the end.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = self.text[self.starts[line]..offset].chars().count() + 1;
        (line as u32 + 1, column as u32)
    }

    /// The location of a byte range.
    pub fn location(&self, range: std::ops::Range<usize>) -> Location {
        let (line, column) = self.position(range.start);
        let (end_line, end_column) = self.position(range.end.max(range.start));
        Location {
            file: self.file.clone(),
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The location of the whole of one line (1-based), without its line break.
    pub fn line_location(&self, line: u32) -> Location {
        let idx = (line.max(1) as usize - 1).min(self.starts.len() - 1);
        let start = self.starts[idx];
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |e| start + e);
        let end = if self.text[..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        self.location(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let idx = LineIndex::new("f".into(), "ab\nçd\r\nx".into());
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(5), (2, 2)); // after the two-byte ç
        assert_eq!(idx.position(100), (3, 2));
        let l = idx.line_location(2);
        assert_eq!((l.line, l.column, l.end_line, l.end_column), (2, 1, 2, 3));
    }
}
