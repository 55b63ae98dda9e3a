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

/// Byte offset where each line of `text` starts. A line ends at `\n`, at `\r\n` and at a lone
/// `\r` (old Mac line ends), as every front end reads them.
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// Bytes per checkpoint of the char counts of text that is not all ASCII: a lookup counts at
/// most this many bytes, and the checkpoints cost 1/32 of the text's size.
const CHUNK: usize = 256;

/// UTF-16 code units of UTF-8 bytes: one per char, two for a four-byte one.
fn count_units(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| match b {
            0xF0..=0xFF => 2,
            _ if (b & 0xC0) != 0x80 => 1,
            _ => 0,
        })
        .sum()
}

/// Chars (Unicode scalar values) in UTF-8 bytes: the bytes that do not continue a sequence.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// Turns byte offsets into line/column positions for one file, each in O(log lines): the line
/// starts are found once, and the columns of text that is not ASCII come from char counts
/// kept every [`CHUNK`] bytes, so that a file written on one line (a `terraform show -json`
/// plan, a minified template) costs no more per position than one with short lines.
#[derive(Clone, Debug)]
pub struct LineIndex {
    file: Arc<str>,
    text: Arc<str>,
    /// Byte offset where each line starts (see [`line_starts`]).
    starts: Vec<usize>,
    /// Chars before byte `k * CHUNK`, for every `k` up to the end; empty when the text is ASCII
    /// (a column is then a difference of byte offsets).
    chars_before: Vec<usize>,
    /// UTF-16 code units before byte `k * CHUNK` (SARIF's columns), beside `chars_before`.
    units_before: Vec<usize>,
}

impl LineIndex {
    pub fn new(file: Arc<str>, text: Arc<str>) -> Self {
        let starts = line_starts(&text);
        let (chars_before, units_before) = if text.is_ascii() {
            (Vec::new(), Vec::new())
        } else {
            let mut out = Vec::with_capacity(text.len() / CHUNK + 1);
            let mut units_out = Vec::with_capacity(text.len() / CHUNK + 1);
            let (mut chars, mut units) = (0, 0);
            out.push(0);
            units_out.push(0);
            for chunk in text.as_bytes().chunks_exact(CHUNK) {
                chars += count_chars(chunk);
                units += count_units(chunk);
                out.push(chars);
                units_out.push(units);
            }
            (out, units_out)
        };
        LineIndex {
            file,
            text,
            starts,
            chars_before,
            units_before,
        }
    }

    /// Byte offset where each line of `text` starts, for a scanner that needs line numbers
    /// without an index (one binary search each): a line ends at `\n`, `\r\n` or a lone `\r`.
    pub fn line_starts(text: &str) -> Vec<usize> {
        line_starts(text)
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

    /// Chars in `text[..offset]`, `offset` on a char boundary.
    fn chars_to(&self, offset: usize) -> usize {
        if self.chars_before.is_empty() {
            return offset;
        }
        let k = offset / CHUNK;
        self.chars_before[k] + count_chars(&self.text.as_bytes()[k * CHUNK..offset])
    }

    /// UTF-16 code units in `text[..offset]`, `offset` on a char boundary.
    fn units_to(&self, offset: usize) -> usize {
        if self.units_before.is_empty() {
            return offset;
        }
        let k = offset / CHUNK;
        self.units_before[k] + count_units(&self.text.as_bytes()[k * CHUNK..offset])
    }

    /// The byte offset of a 1-based (line, column), the inverse of [`LineIndex::position`]:
    /// a column past the line's end gives its end (with how many columns it is past), a line past
    /// the last the text's end. In O(log n) like a position.
    pub fn offset_at(&self, line: u32, column: u32) -> (usize, usize) {
        let range = self.line_range(line.max(1));
        let want = column.max(1) as usize - 1;
        if self.chars_before.is_empty() {
            let end = (range.start + want).min(range.end);
            return (end, range.start + want - end);
        }
        let target = self.chars_to(range.start) + want;
        let line_chars = self.chars_to(range.end);
        if target >= line_chars {
            return (range.end, target - line_chars);
        }
        // The last checkpoint at or before the target, then count up to it.
        let k = self.chars_before.partition_point(|&c| c <= target) - 1;
        let mut at = (k * CHUNK).max(range.start);
        while !self.text.is_char_boundary(at) {
            at += 1;
        }
        let first = self.chars_to(at);
        self.text[at..range.end]
            .char_indices()
            .nth(target - first)
            .map_or((range.end, 0), |(i, _)| (at + i, 0))
    }

    /// A 1-based column (in chars) of `line` as a 1-based column in UTF-16 code units, SARIF's
    /// unit: a char outside the Basic Multilingual Plane is two. Columns past the end of the
    /// line count one unit each beyond it.
    pub fn utf16_column(&self, line: u32, column: u32) -> u32 {
        let range = self.line_range(line.max(1));
        let (offset, beyond) = self.offset_at(line, column);
        to_u32(self.units_to(offset) - self.units_to(range.start) + beyond + 1)
    }

    /// The 0-based line that holds a byte offset (clamped to the end).
    fn line_at(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The 1-based line of a byte offset; offsets past the end clamp to the end.
    pub fn line_of(&self, offset: usize) -> u32 {
        to_u32(self.line_at(offset.min(self.text.len())) + 1)
    }

    /// 1-based (line, column) of a byte offset; offsets past the end clamp to the end, offsets
    /// inside a char to its start.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_at(offset);
        let column = self.chars_to(offset) - self.chars_to(self.starts[line]) + 1;
        (to_u32(line + 1), to_u32(column))
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

    /// How many lines the text has: a line break at the very end starts none (as
    /// [`str::lines`] counts them).
    pub fn line_count(&self) -> u32 {
        let last_is_empty =
            self.starts.len() > 1 && self.starts[self.starts.len() - 1] == self.text.len();
        to_u32(self.starts.len() - usize::from(last_is_empty))
    }

    /// The byte range of one line (1-based, clamped to the first and last), without its line
    /// break.
    pub fn line_range(&self, line: u32) -> std::ops::Range<usize> {
        let idx = (line.max(1) as usize - 1).min(self.starts.len() - 1);
        let start = self.starts[idx];
        let mut end = self.starts.get(idx + 1).copied().unwrap_or(self.text.len());
        let b = self.text.as_bytes();
        if end > start && b[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && b[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// The text of one line (1-based) without its line break; `None` past the last line.
    pub fn line_text(&self, line: u32) -> Option<&str> {
        (line >= 1 && line <= self.line_count()).then(|| &self.text[self.line_range(line)])
    }

    /// The location of the whole of one line (1-based), without its line break.
    pub fn line_location(&self, line: u32) -> Location {
        self.location(self.line_range(line))
    }
}

/// Lines and columns are u32 (SARIF's integers); a file past 4 GiB saturates rather than wraps.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
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

    /// What a position is, computed the slow way: lines split at `\n`, `\r\n` and lone `\r`,
    /// the column counted from the line's start.
    fn naive(text: &str, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (mut line, mut column) = (1, 1);
        let mut chars = text[..offset].chars().peekable();
        while let Some(c) = chars.next() {
            let crlf = c == '\r' && chars.peek() == Some(&'\n');
            if c == '\n' || (c == '\r' && !crlf) {
                line += 1;
                column = 1;
            } else if !crlf {
                column += 1;
            }
        }
        // An offset between the `\r` and `\n` of one break is still on the line they end.
        if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
            line -= 1;
            column = text[..offset - 1]
                .rsplit(['\n', '\r'])
                .next()
                .map_or(0, |l| l.chars().count()) as u32
                + 2;
        }
        (line, column)
    }

    /// Texts from a fixed-seed generator: ASCII, two-, three- and four-byte chars, `\n`, `\r`
    /// and `\r\n`, in lines short and longer than several checkpoints.
    fn generated(seed: u64, len: usize) -> String {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let pieces = ["a", "{", " ", "\"", "ç", "€", "😀", "\n", "\r", "\r\n"];
        let mut out = String::new();
        while out.len() < len {
            let r = next();
            // Line breaks are rare in some texts, so that lines span checkpoints.
            let p = pieces[(r % pieces.len() as u64) as usize];
            if p.contains(['\n', '\r']) && seed.is_multiple_of(2) && !r.is_multiple_of(97) {
                continue;
            }
            out.push_str(p);
        }
        out
    }

    #[test]
    fn columns_map_back_to_offsets_and_utf16_units() {
        for seed in 1..=12u64 {
            let text = generated(seed, 5 * CHUNK + 17);
            let idx = LineIndex::new("f".into(), text.as_str().into());
            for offset in 0..=text.len() {
                if !text.is_char_boundary(offset) {
                    continue;
                }
                let (line, column) = idx.position(offset);
                let range = idx.line_range(line);
                // Offsets inside a line break are no column of the line.
                if offset > range.end {
                    continue;
                }
                let start = range.start;
                let (back, beyond) = idx.offset_at(line, column);
                assert_eq!((back, beyond), (offset, 0), "seed {seed}, offset {offset}");
                let units: usize = text[start..back].chars().map(char::len_utf16).sum();
                assert_eq!(idx.utf16_column(line, column) as usize, units + 1);
            }
        }
        let idx = LineIndex::new("f".into(), "a😀b\nc".into());
        assert_eq!(idx.utf16_column(1, 3), 4);
        assert_eq!(
            idx.utf16_column(1, 9),
            10,
            "past the end, one unit a column"
        );
        assert_eq!(idx.offset_at(1, 9), (6, 5));
        let ascii = LineIndex::new("f".into(), "abc\nde".into());
        assert_eq!(ascii.offset_at(2, 2), (5, 0));
        assert_eq!(ascii.offset_at(2, 9), (6, 6));
        assert_eq!(ascii.utf16_column(2, 9), 9);
    }

    #[test]
    fn every_offset_agrees_with_counting_from_the_line_start() {
        for seed in 1..=12u64 {
            let text = generated(seed, 5 * CHUNK + 17);
            let idx = LineIndex::new("f".into(), text.as_str().into());
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    idx.position(offset),
                    naive(&text, offset),
                    "seed {seed}, offset {offset}"
                );
            }
        }
    }

    #[test]
    fn a_lone_cr_ends_a_line_and_crlf_is_one_break() {
        for (text, lines) in [
            ("a\nbb\ncc", 3),
            ("a\r\nbb\r\ncc", 3),
            ("a\rbb\rcc", 3),
            ("a\r\rbb\n\ncc\r", 5),
        ] {
            let idx = LineIndex::new("f".into(), text.into());
            assert_eq!(idx.line_count(), lines, "{text:?}");
            let last = idx.line_text(lines).unwrap();
            assert_eq!(last, "cc", "{text:?}");
            assert_eq!(
                idx.position(text.find("cc").unwrap()),
                (lines, 1),
                "{text:?}"
            );
            assert_eq!(idx.line_text(lines + 1), None);
        }
        let idx = LineIndex::new("f".into(), "x = 1\ry = 2\r".into());
        let l = idx.line_location(2);
        assert_eq!((l.line, l.column, l.end_line, l.end_column), (2, 1, 2, 6));
        assert_eq!(idx.line_of(7), 2);
        assert_eq!(LineIndex::line_starts("a\rb\r\nc\n"), vec![0, 2, 5, 7]);
    }

    #[test]
    fn lines_and_their_text_match_str_lines_where_no_cr_stands_alone() {
        for seed in [3u64, 5, 7] {
            let text = generated(seed, 3 * CHUNK)
                .replace('\r', "\r\n")
                .replace("\r\n\n", "\r\n");
            let idx = LineIndex::new("f".into(), text.as_str().into());
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(idx.line_count() as usize, lines.len(), "seed {seed}");
            for (n, line) in lines.iter().enumerate() {
                assert_eq!(idx.line_text(n as u32 + 1), Some(*line), "seed {seed}");
            }
        }
    }

    #[test]
    fn a_long_line_with_chars_before_it_has_exact_columns() {
        // 4 MB on one line after a two-byte char: the column at its end is its char count.
        let text = format!("ç{}", "a\"".repeat(2 << 20));
        let idx = LineIndex::new("f".into(), text.as_str().into());
        let chars = text.chars().count() as u32;
        assert_eq!(idx.position(text.len()), (1, chars + 1));
        assert_eq!(idx.position(text.len() - 1), (1, chars));
        assert_eq!(idx.position(2), (1, 2));
        assert_eq!(idx.line_count(), 1);
    }
}
