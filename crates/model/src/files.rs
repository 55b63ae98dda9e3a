//! Reading a file that the scan or the scanned code names, safely.
//!
//! vigil runs on pull requests: the tree it reads is written by whoever opens one. A file there
//! can be a FIFO (reading it blocks forever), a device (`/dev/zero` never ends), a link to
//! `/proc/self/environ` (the CI's secrets, which an error snippet would print) or simply too
//! large to hold. Every read goes through [`read_bytes`], which refuses all of those before
//! reading a byte, and reads at most the size limit even from a file that grows meanwhile.
//!
//! The policy (the scan's roots, whether links out of them are followed, the size limit) and
//! an [`Overlay`] of in-memory buffers (an editor's unsaved text) make a [`FileContext`], which
//! the check pipeline enters on the thread that evaluates a unit ([`with_context`], as
//! [`crate::budget::unit`] does for the budget): every front end already reads through
//! [`crate::read_source`] and [`policy`], so none of their signatures has to carry it, and a
//! buffer is read in place of the file at its path. Outside a context the policy is the one
//! [`set_policy`] set for the process, else [`FilePolicy::default`]: no root to hold links to,
//! 16 MiB.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The size limit on one file unless configured: four times Azure's own 4 MiB template limit,
/// and far beyond any hand-written configuration, while a run still holds its files in memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 << 20;

/// Kernel file systems: their files claim to be regular (size 0) but are live process and
/// machine state, never source. Refused wherever a path resolves into them, links followed or
/// not.
const PSEUDO_FILE_SYSTEMS: [&str; 3] = ["/proc", "/sys", "/dev"];

/// What may be read.
#[derive(Clone, Debug)]
pub struct FilePolicy {
    /// The scan's roots, (lexical absolute, canonical); empty: any link may be followed (no
    /// root is known).
    roots: Vec<(PathBuf, PathBuf)>,
    /// `--follow-symlinks`: links out of the roots are followed too.
    pub follow_symlinks: bool,
    /// The most bytes one file may hold.
    pub max_file_size: u64,
}

impl Default for FilePolicy {
    fn default() -> Self {
        FilePolicy {
            roots: Vec::new(),
            follow_symlinks: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

impl FilePolicy {
    /// A policy whose links must stay under `roots` (made canonical here; one that does not
    /// exist is left out).
    pub fn new(
        roots: impl IntoIterator<Item = PathBuf>,
        follow_symlinks: bool,
        max_file_size: u64,
    ) -> Self {
        let mut roots: Vec<(PathBuf, PathBuf)> = roots
            .into_iter()
            .filter_map(|r| Some((lexical_absolute(&r), std::fs::canonicalize(&r).ok()?)))
            .collect();
        roots.sort();
        roots.dedup();
        FilePolicy {
            roots,
            follow_symlinks,
            max_file_size,
        }
    }

    /// The same policy with another size limit.
    pub fn with_max_file_size(&self, max_file_size: u64) -> Self {
        FilePolicy {
            max_file_size,
            ..self.clone()
        }
    }

    /// Whether a file whose path goes through a symbolic link (`lexical` as written, made
    /// absolute; `canonical` where it leads) stays in the scan. It does when it leads under a
    /// root, or, for a file reached by `../` from a root (a module beside the directory
    /// checked), under the directory the two have in common (the repository): links above
    /// that are the machine's layout, not the scanned tree's.
    pub fn inside(&self, lexical: &Path, canonical: &Path) -> bool {
        self.roots.is_empty()
            || self.roots.iter().any(|(lex_root, canon_root)| {
                if canonical.starts_with(canon_root) {
                    return true;
                }
                let common: PathBuf = lex_root
                    .components()
                    .zip(lexical.components())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a)
                    .collect();
                // Nothing in common but the file system's root: nothing holds the link.
                common.components().count() > 1
                    && canonical_dir(&common).is_ok_and(|c| canonical.starts_with(c))
            })
    }
}

/// Every function that takes a policy takes it as `&FilePolicy` or as what [`policy`] returns.
impl AsRef<FilePolicy> for FilePolicy {
    fn as_ref(&self) -> &FilePolicy {
        self
    }
}

/// In-memory buffers that stand in for files (an editor's unsaved text), by absolute path: a
/// read of the path reads the buffer, whether or not a file is there on disk.
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    buffers: BTreeMap<PathBuf, Arc<[u8]>>,
}

impl Overlay {
    /// No buffer at all: every read goes to the disk.
    pub fn new() -> Self {
        Overlay::default()
    }

    /// Puts `text` in place of the file at `path` (made absolute against the current
    /// directory, `.` and `..` resolved); a second buffer for one path replaces the first.
    pub fn insert(&mut self, path: &Path, text: impl Into<Vec<u8>>) {
        self.buffers
            .insert(lexical_absolute(path), Arc::from(text.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.buffers.is_empty()
    }

    /// The buffer for `path`, if there is one.
    pub fn get(&self, path: &Path) -> Option<Arc<[u8]>> {
        if self.buffers.is_empty() {
            return None;
        }
        self.buffers.get(&lexical_absolute(path)).cloned()
    }

    /// The paths of the buffers (absolute), in order.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.buffers.keys().map(PathBuf::as_path)
    }
}

/// What reads see on one thread: the policy they are held to and the buffers that stand in
/// for files.
#[derive(Clone, Debug, Default)]
pub struct FileContext {
    pub policy: Arc<FilePolicy>,
    pub overlay: Overlay,
}

impl FileContext {
    pub fn new(policy: FilePolicy, overlay: Overlay) -> Self {
        FileContext {
            policy: Arc::new(policy),
            overlay,
        }
    }
}

thread_local! {
    static CONTEXT: RefCell<Option<Arc<FileContext>>> = const { RefCell::new(None) };
}

/// Runs `f` with `context` as this thread's file context: [`policy`] is its policy and every
/// read ([`read_bytes`], [`read_text`], [`crate::read_source`]) sees its buffers. The context
/// before is restored afterwards, even when `f` panics.
pub fn with_context<T>(context: &Arc<FileContext>, f: impl FnOnce() -> T) -> T {
    let before = CONTEXT.with(|c| c.replace(Some(context.clone())));
    struct Restore(Option<Arc<FileContext>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            CONTEXT.with(|c| *c.borrow_mut() = before);
        }
    }
    let _restore = Restore(before);
    f()
}

/// The buffer that stands in for `path` in this thread's context, if any.
pub fn buffer(path: &Path) -> Option<Arc<[u8]>> {
    CONTEXT.with(|c| c.borrow().as_ref().and_then(|ctx| ctx.overlay.get(path)))
}

/// Whether `path` is a file to read: a buffer of this thread's context, or a regular file on
/// disk (links followed).
pub fn is_file(path: &Path) -> bool {
    buffer(path).is_some() || path.is_file()
}

/// The buffers of this thread's context directly in `dir` whose file is not on disk, for a
/// front end that lists a directory (a new `.tf` an editor has not saved yet).
pub fn buffered_in(dir: &Path) -> Vec<PathBuf> {
    CONTEXT.with(|c| {
        let context = c.borrow();
        let Some(context) = context.as_ref().filter(|c| !c.overlay.is_empty()) else {
            return Vec::new();
        };
        let dir = lexical_absolute(dir);
        context
            .overlay
            .paths()
            .filter(|p| p.parent() == Some(dir.as_path()))
            .filter(|p| std::fs::symlink_metadata(p).is_err())
            .map(Path::to_path_buf)
            .collect()
    })
}

static POLICY: OnceLock<Arc<FilePolicy>> = OnceLock::new();

/// Sets the process's policy, used outside any [`with_context`]; the first call wins, later
/// ones return false.
pub fn set_policy(policy: FilePolicy) -> bool {
    POLICY.set(Arc::new(policy)).is_ok()
}

/// The policy in force on this thread: its context's, else the process's, else the defaults.
pub fn policy() -> Arc<FilePolicy> {
    if let Some(p) = CONTEXT.with(|c| c.borrow().as_ref().map(|ctx| ctx.policy.clone())) {
        return p;
    }
    static DEFAULT: OnceLock<Arc<FilePolicy>> = OnceLock::new();
    POLICY
        .get()
        .unwrap_or_else(|| DEFAULT.get_or_init(Arc::default))
        .clone()
}

/// Why a file is not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A FIFO, socket or device: skipped with a note.
    Special(&'static str),
    /// A symbolic link (of the file or a directory on its way) whose target lies outside the
    /// scan root: not followed without `--follow-symlinks`.
    OutsideRoot,
    /// It resolves into `/proc`, `/sys` or `/dev`.
    Pseudo(&'static str),
    /// Over the size limit; `size` is what the file holds, or at least (it grew while read).
    TooLarge { size: u64, limit: u64, grew: bool },
    /// The file system said no.
    Io(String),
}

impl Refusal {
    /// Whether the file is skipped with a note (it is not a source file at all, or the user
    /// did not ask to follow the link), rather than an error (a source file vigil cannot read).
    pub fn is_note(&self) -> bool {
        matches!(self, Refusal::Special(_) | Refusal::OutsideRoot)
    }

    /// The reason, as the end of a sentence naming the file.
    pub fn message(&self) -> String {
        match self {
            Refusal::Special(what) => format!("not read: it is {what}, not a regular file"),
            Refusal::OutsideRoot => "not read: it is reached through a symbolic link whose \
                                     target lies outside the scan root (--follow-symlinks \
                                     follows such links)"
                .to_string(),
            Refusal::Pseudo(fs) => {
                format!("not read: it resolves into {fs}, a kernel file system, not source")
            }
            Refusal::TooLarge { size, limit, grew } => format!(
                "not read: it {} {}, over the {} limit for one file (raise it with \
                 --max-file-size or `max-file-size:` in vigil.yaml)",
                if *grew { "grew past" } else { "is" },
                format_size(*size),
                format_size(*limit)
            ),
            Refusal::Io(e) => format!("cannot read the file: {e}"),
        }
    }
}

/// The note for a file skipped because of what it is (a FIFO, a link out of the scan root), or
/// the error for one that cannot be read: one wording wherever it is found (discovery, a module
/// directory, a file the code names), so that one file is said once.
pub fn refused(shown: &str, refusal: &Refusal) -> Result<crate::Unchecked, crate::FileError> {
    let at = crate::FileError {
        file: shown.into(),
        line: 0,
        column: 0,
        message: if refusal.is_note() {
            format!("{shown} is {}", refusal.message())
        } else {
            refusal.message()
        },
    };
    match refusal {
        Refusal::Special(_) => Ok(crate::Unchecked {
            kind: crate::UncheckedKind::File,
            why: "not a regular file".into(),
            at,
            module: None,
        }),
        Refusal::OutsideRoot => Ok(crate::Unchecked {
            kind: crate::UncheckedKind::File,
            why: "link out of the scan root".into(),
            at,
            module: None,
        }),
        _ => Err(at),
    }
}

/// What a file type is when it is neither a regular file nor a directory.
pub fn special_kind(ty: &std::fs::FileType) -> Option<&'static str> {
    if ty.is_file() || ty.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ty.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if ty.is_socket() {
            return Some("a socket");
        }
        if ty.is_block_device() || ty.is_char_device() {
            return Some("a device");
        }
    }
    if ty.is_symlink() {
        return Some("a symbolic link that resolves to nothing");
    }
    Some("a special file")
}

/// `path` absolute against the current directory, `.` and `..` resolved lexically.
pub fn lexical_absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Canonical directories by their lexical absolute path: a tree of 10,000 files has a few
/// hundred directories, and resolving each file's whole path again cost a `lstat` per
/// component per file.
fn canonical_dir(dir: &Path) -> std::io::Result<PathBuf> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, PathBuf>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hit) = cache.lock().ok().and_then(|c| c.get(dir).cloned()) {
        return Ok(hit);
    }
    let canonical = std::fs::canonicalize(dir)?;
    if let Ok(mut c) = cache.lock() {
        c.insert(dir.to_path_buf(), canonical.clone());
    }
    Ok(canonical)
}

/// Where `path` really is, every link resolved.
pub fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let is_link = std::fs::symlink_metadata(path)?.file_type().is_symlink();
    resolve_known(path, &lexical_absolute(path), is_link)
}

/// [`resolve`] with the path's lexical form and whether it is itself a link already known.
fn resolve_known(path: &Path, lexical: &Path, is_link: bool) -> std::io::Result<PathBuf> {
    // `link/..` is the link target's parent, not the directory holding the link: a path with
    // `..` in it is resolved by the file system, never lexically.
    if path.components().any(|c| c == Component::ParentDir) {
        return std::fs::canonicalize(path);
    }
    match (is_link, lexical.parent(), lexical.file_name()) {
        (false, Some(parent), Some(name)) => Ok(canonical_dir(parent)?.join(name)),
        _ => std::fs::canonicalize(path),
    }
}

/// Checks `path` against the policy without reading it: its metadata (links followed) when it
/// may be read.
pub fn vet(path: &Path, policy: impl AsRef<FilePolicy>) -> Result<std::fs::Metadata, Refusal> {
    let policy = policy.as_ref();
    let io = |e: std::io::Error| Refusal::Io(e.to_string());
    // One `lstat` for a file that is no link, the common case; a dangling link fails the
    // second, which says why.
    let own = std::fs::symlink_metadata(path).map_err(io)?;
    let is_link = own.file_type().is_symlink();
    let meta = if is_link {
        std::fs::metadata(path).map_err(io)?
    } else {
        own
    };
    let lexical = lexical_absolute(path);
    let canonical = resolve_known(path, &lexical, is_link).map_err(io)?;
    // A link out of the root is first of all that (a note: not followed); followed, or named
    // without a link, a kernel file is still refused.
    if !policy.follow_symlinks && canonical != lexical && !policy.inside(&lexical, &canonical) {
        return Err(Refusal::OutsideRoot);
    }
    if let Some(fs) = PSEUDO_FILE_SYSTEMS
        .iter()
        .find(|fs| canonical.starts_with(fs))
    {
        return Err(Refusal::Pseudo(fs));
    }
    if let Some(what) = special_kind(&meta.file_type()) {
        return Err(Refusal::Special(what));
    }
    if meta.is_dir() {
        return Err(Refusal::Io("it is a directory".into()));
    }
    if meta.len() > policy.max_file_size {
        return Err(Refusal::TooLarge {
            size: meta.len(),
            limit: policy.max_file_size,
            grew: false,
        });
    }
    Ok(meta)
}

/// Opens a file without blocking on a FIFO: one swapped in after [`vet`] looked would
/// otherwise hold `open` until a writer came.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: 0o4000 on Linux and the BSDs' 0x4 differ, so libc says which.
        options.custom_flags(libc_nonblock());
    }
    options.open(path)
}

#[cfg(all(unix, any(target_os = "linux", target_os = "android")))]
fn libc_nonblock() -> i32 {
    0o4000
}

#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
fn libc_nonblock() -> i32 {
    0x0004
}

/// Opens a file the policy allows, for reading at most `max_file_size` bytes of it.
pub fn open(path: &Path, policy: impl AsRef<FilePolicy>) -> Result<std::fs::File, Refusal> {
    vet(path, policy)?;
    let file = open_nonblocking(path).map_err(|e| Refusal::Io(e.to_string()))?;
    // What was opened is what is read: a FIFO put in the file's place since is refused here.
    let opened = file.metadata().map_err(|e| Refusal::Io(e.to_string()))?;
    if let Some(what) = special_kind(&opened.file_type()) {
        return Err(Refusal::Special(what));
    }
    Ok(file)
}

/// Reads a file under the policy: at most `max_file_size` bytes, from a regular file only. A
/// buffer of this thread's context stands in for the file (held to the size limit alone: it
/// is no file on disk to be a FIFO or a link).
pub fn read_bytes(path: &Path, policy: impl AsRef<FilePolicy>) -> Result<Vec<u8>, Refusal> {
    use std::io::Read;
    let policy = policy.as_ref();
    if let Some(bytes) = buffer(path) {
        if bytes.len() as u64 > policy.max_file_size {
            return Err(Refusal::TooLarge {
                size: bytes.len() as u64,
                limit: policy.max_file_size,
                grew: false,
            });
        }
        return Ok(bytes.to_vec());
    }
    let file = open(path, policy)?;
    let meta = file.metadata().map_err(|e| Refusal::Io(e.to_string()))?;
    let limit = policy.max_file_size;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Refusal::Io(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(Refusal::TooLarge {
            size: bytes.len() as u64,
            limit,
            grew: true,
        });
    }
    Ok(bytes)
}

/// [`read_bytes`] as UTF-8 text (for configuration and baselines, which name their own
/// errors).
pub fn read_text(path: &Path, policy: impl AsRef<FilePolicy>) -> Result<String, Refusal> {
    let bytes = read_bytes(path, policy)?;
    if let Some(what) = utf16(&bytes) {
        return Err(Refusal::Io(utf16_message(what)));
    }
    String::from_utf8(bytes).map_err(|_| Refusal::Io("the file is not valid UTF-8 text".into()))
}

/// Which UTF-16 a text is in, by its byte-order mark or, without one, by the NUL bytes that
/// ASCII characters leave every other byte.
pub fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xff, 0xfe, ..] => return Some("UTF-16 (little-endian, with a byte-order mark)"),
        [0xfe, 0xff, ..] => return Some("UTF-16 (big-endian, with a byte-order mark)"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() < 2 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    // Source text (JSON, HCL, Bicep) starts with ASCII: every pair holds one NUL.
    if odd_nul == pairs && even_nul == 0 {
        Some("UTF-16 (little-endian)")
    } else if even_nul == pairs && odd_nul == 0 {
        Some("UTF-16 (big-endian)")
    } else {
        None
    }
}

/// The error for a UTF-16 file: what it is and how to make it readable.
pub fn utf16_message(what: &str) -> String {
    format!(
        "the file is {what} text, not UTF-8: vigil reads UTF-8 only; convert it (for example \
         `iconv -f UTF-16 -t UTF-8`, or save it as UTF-8 in the editor)"
    )
}

/// A size as people write it: bytes below 1 KiB, else KiB/MiB/GiB with one decimal when not
/// whole.
pub fn format_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            return if bytes.is_multiple_of(size) {
                format!("{} {unit}", bytes / size)
            } else {
                format!("{:.1} {unit}", bytes as f64 / size as f64)
            };
        }
    }
    format!("{bytes} bytes")
}

/// `16MiB`, `4MB`, `1 KiB`, `65536`: a size in bytes. KB/MB/GB are the powers of 1000, KiB/MiB/GiB
/// of 1024; a bare number is bytes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let bad =
        || format!("`{text}` is not a size (a number of bytes, or with KiB, MiB, GiB, KB, MB, GB)");
    let number: f64 = number.parse().map_err(|_| bad())?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        _ => return Err(bad()),
    };
    let bytes = number * factor as f64;
    if !bytes.is_finite() || bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(format!("`{text}` is not a size of at least one byte"));
    }
    Ok(bytes as u64)
}

/// A file name as reports show it: UTF-8 as it is, each byte that is not UTF-8 as `\xNN`, so
/// that two names that differ only there stay two names.
pub fn escaped_name(name: &OsStr) -> String {
    if let Some(s) = name.to_str() {
        return s.to_string();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_in_both_units() {
        assert_eq!(parse_size("16MiB"), Ok(16 << 20));
        assert_eq!(parse_size("4MB"), Ok(4_000_000));
        assert_eq!(parse_size("1 KiB"), Ok(1024));
        assert_eq!(parse_size("65536"), Ok(65536));
        assert_eq!(parse_size("1.5k"), Ok(1536));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("4 parsecs").is_err());
        assert_eq!(format_size(16 << 20), "16 MiB");
        assert_eq!(format_size(17 * (1 << 20) + (1 << 19)), "17.5 MiB");
        assert_eq!(format_size(12), "12 bytes");
    }

    #[test]
    fn utf16_is_told_by_its_mark_or_its_nuls() {
        assert!(utf16(b"\xff\xfe{\0").unwrap().contains("little-endian"));
        assert!(utf16(b"\xfe\xff\0{").unwrap().contains("big-endian"));
        let le: Vec<u8> = "{ \"a\": 1 }".bytes().flat_map(|b| [b, 0]).collect();
        assert_eq!(utf16(&le), Some("UTF-16 (little-endian)"));
        let be: Vec<u8> = "{ \"a\": 1 }".bytes().flat_map(|b| [0, b]).collect();
        assert_eq!(utf16(&be), Some("UTF-16 (big-endian)"));
        assert_eq!(utf16(b"{ \"a\": 1 }"), None);
        assert_eq!(utf16(b""), None);
    }

    #[test]
    fn a_buffer_stands_in_for_its_file_inside_the_context_only() {
        let dir = tempfile::tempdir().unwrap();
        let on_disk = dir.path().join("main.tf");
        std::fs::write(&on_disk, "disk").unwrap();
        let unsaved = dir.path().join("new.tf");
        let big = dir.path().join("big.tf");
        let mut overlay = Overlay::new();
        overlay.insert(&on_disk, "buffer");
        overlay.insert(&unsaved, "new");
        overlay.insert(&big, "123456789");
        let context = Arc::new(FileContext::new(
            FilePolicy::new([dir.path().to_path_buf()], false, 8),
            overlay,
        ));
        with_context(&context, || {
            assert_eq!(policy().max_file_size, 8);
            assert_eq!(read_text(&on_disk, policy()).unwrap(), "buffer");
            assert_eq!(read_bytes(&unsaved, policy()).unwrap(), b"new");
            assert!(is_file(&unsaved));
            // The size limit holds for a buffer too.
            assert_eq!(
                read_bytes(&big, policy()),
                Err(Refusal::TooLarge {
                    size: 9,
                    limit: 8,
                    grew: false
                })
            );
            assert_eq!(
                buffered_in(dir.path()),
                vec![lexical_absolute(&big), lexical_absolute(&unsaved)]
            );
        });
        // Outside it, the disk again.
        assert_eq!(read_text(&on_disk, policy()).unwrap(), "disk");
        assert!(!is_file(&unsaved));
        assert!(buffered_in(dir.path()).is_empty());
    }

    #[test]
    fn too_large_reads_nothing_and_says_both_sizes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        std::fs::write(&path, vec![b' '; 2048]).unwrap();
        let policy = FilePolicy::new([dir.path().to_path_buf()], false, 1024);
        let refusal = read_bytes(&path, &policy).unwrap_err();
        assert_eq!(
            refusal,
            Refusal::TooLarge {
                size: 2048,
                limit: 1024,
                grew: false
            }
        );
        assert!(refusal.message().contains("2 KiB, over the 1 KiB limit"));
        std::fs::write(&path, vec![b' '; 1024]).unwrap();
        assert_eq!(read_bytes(&path, &policy).unwrap().len(), 1024);
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_root_and_kernel_files_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "s3cret").unwrap();
        std::fs::write(root.path().join("own.tf"), "x").unwrap();
        let link = root.path().join("link.tf");
        std::os::unix::fs::symlink(outside.path().join("secret"), &link).unwrap();
        let inner = root.path().join("inner.tf");
        std::os::unix::fs::symlink(root.path().join("own.tf"), &inner).unwrap();
        let environ = root.path().join("environ.tf");
        std::os::unix::fs::symlink("/proc/self/environ", &environ).unwrap();
        let zero = root.path().join("zero.tf");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();

        let strict = FilePolicy::new([root.path().to_path_buf()], false, 1 << 20);
        assert_eq!(read_bytes(&link, &strict), Err(Refusal::OutsideRoot));
        assert_eq!(read_bytes(&inner, &strict).unwrap(), b"x");
        assert_eq!(read_bytes(&environ, &strict), Err(Refusal::OutsideRoot));
        assert_eq!(read_bytes(&zero, &strict), Err(Refusal::OutsideRoot));
        // With no root to hold links to, a kernel file is still never read.
        let rootless = FilePolicy::default();
        assert_eq!(
            read_bytes(&environ, &rootless),
            Err(Refusal::Pseudo("/proc"))
        );
        assert_eq!(read_bytes(&zero, &rootless), Err(Refusal::Pseudo("/dev")));

        let follow = FilePolicy::new([root.path().to_path_buf()], true, 1 << 20);
        assert_eq!(read_bytes(&link, &follow).unwrap(), b"s3cret");
        assert_eq!(read_bytes(&zero, &follow), Err(Refusal::Pseudo("/dev")));
        // Followed or not, a kernel file is never source.
        assert_eq!(read_bytes(&environ, &follow), Err(Refusal::Pseudo("/proc")));
        // `..` after a link is where the link leads, not beside it.
        let hop = root.path().join("hop");
        std::os::unix::fs::symlink(outside.path().join("sub"), &hop).unwrap();
        std::fs::create_dir(outside.path().join("sub")).unwrap();
        assert_eq!(
            read_bytes(&hop.join("../secret"), &strict),
            Err(Refusal::OutsideRoot)
        );
        // A file reached without a link is the caller's to judge (a module `../` names).
        let direct = outside.path().join("secret");
        assert_eq!(read_bytes(&direct, &strict).unwrap(), b"s3cret");
    }

    #[cfg(unix)]
    #[test]
    fn a_checkout_reached_through_a_link_keeps_its_modules_beside_the_root() {
        // `ci/repo -> real`, checking `ci/repo/envs/prod`, whose module is `../../modules/kv`:
        // the link is the machine's layout, above the tree, and the module is the tree's own.
        let top = tempfile::tempdir().unwrap();
        let real = top.path().join("real");
        std::fs::create_dir_all(real.join("envs/prod")).unwrap();
        std::fs::create_dir_all(real.join("modules/kv")).unwrap();
        std::fs::write(real.join("modules/kv/main.tf"), "x").unwrap();
        let repo = top.path().join("repo");
        std::os::unix::fs::symlink(&real, &repo).unwrap();
        let policy = FilePolicy::new([repo.join("envs/prod")], false, 1 << 20);
        let module = repo.join("envs/prod/../../modules/kv/main.tf");
        assert_eq!(read_bytes(&module, &policy).unwrap(), b"x");
        // A link inside that tree to a file out of it is still refused.
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("secret"), "s").unwrap();
        std::os::unix::fs::symlink(
            elsewhere.path().join("secret"),
            real.join("modules/kv/leak.tf"),
        )
        .unwrap();
        let leak = repo.join("envs/prod/../../modules/kv/leak.tf");
        assert_eq!(read_bytes(&leak, &policy), Err(Refusal::OutsideRoot));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let policy = FilePolicy::default();
        assert_eq!(
            read_bytes(&fifo, &policy),
            Err(Refusal::Special("a FIFO (named pipe)"))
        );
        // Opened past the check (as a file swapped in after it would be), it does not block.
        let file = open_nonblocking(&fifo).unwrap();
        assert!(special_kind(&file.metadata().unwrap().file_type()).is_some());
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_escaped() {
        use std::os::unix::ffi::OsStrExt;
        assert_eq!(
            escaped_name(OsStr::from_bytes(b"kv-\xff\xfe.tf")),
            "kv-\\xff\\xfe.tf"
        );
        assert_eq!(escaped_name(OsStr::new("kv.tf")), "kv.tf");
    }
}
