//! Getting bytes: files (with a size limit checked before and while reading), stdin, and
//! folder listings (sorted by name, hidden entries skipped).

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::IngestError;

/// The input name that means standard input.
pub const STDIN: &str = "-";

/// True when `path` is `-` (standard input).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == OsStr::new(STDIN)
}

/// Opens `path` for reading when it is a regular file (symbolic links followed), and
/// refuses anything else before opening it: opening a FIFO blocks until a writer comes,
/// and a device such as `/dev/zero` never ends. Errors are bare (the caller adds the path).
pub fn open_regular(path: &Path) -> Result<std::fs::File, IngestError> {
    // `metadata` does not open the file, so it cannot block on a FIFO.
    check_regular(&std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    // Checked again on what was opened, in case the path changed in between.
    check_regular(&file.metadata()?)?;
    Ok(file)
}

/// Fails with [`IngestError::NotAFile`] unless `meta` is a regular file's.
fn check_regular(meta: &std::fs::Metadata) -> Result<(), IngestError> {
    if meta.is_file() {
        return Ok(());
    }
    let kind = if meta.is_dir() {
        "a folder"
    } else {
        special_kind(&meta.file_type())
    };
    Err(IngestError::NotAFile { kind })
}

#[cfg(unix)]
fn special_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// Reads a whole regular file, refusing files larger than `limit` bytes and anything that
/// is not a regular file. Errors are bare (the caller adds the path).
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, IngestError> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(IngestError::TooLarge { size, limit });
    }
    read_limited(file, limit)
}

/// Reads standard input to its end, refusing more than `limit` bytes.
pub fn read_stdin(limit: u64) -> Result<Vec<u8>, IngestError> {
    read_limited(std::io::stdin().lock(), limit)
}

/// Reads at most `limit + 1` bytes: one more than allowed proves the input is too large,
/// even when its size was not known up front (a pipe, a file still growing).
fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    if read > limit {
        return Err(IngestError::TooLarge { size: read, limit });
    }
    Ok(bytes)
}

/// The visible entries of a folder, each list sorted by file name (byte order).
#[derive(Debug, Default)]
pub struct Listing {
    /// Regular files (symbolic links followed).
    pub files: Vec<PathBuf>,
    /// Subfolders (symbolic links followed).
    pub dirs: Vec<PathBuf>,
}

/// Lists a folder; entries whose name starts with `.` are skipped, and so are entries that
/// are neither files nor folders (sockets, broken links).
pub fn list(dir: &Path) -> Result<Listing, IngestError> {
    let mut listing = Listing::default();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = entry.path();
        match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => listing.files.push(path),
            Ok(m) if m.is_dir() => listing.dirs.push(path),
            _ => {}
        }
    }
    listing
        .files
        .sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    listing
        .dirs
        .sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(listing)
}

/// The name a path goes by: its last component (`harbor-fire` for `examples/harbor-fire/`,
/// the folder's own name for `.`), `stdin` for `-`.
pub fn name_of(path: &Path) -> String {
    if is_stdin(path) {
        return "stdin".to_string();
    }
    if let Some(name) = path.file_name() {
        return name.to_string_lossy().into_owned();
    }
    path.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_is_sorted_and_skips_hidden_entries() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.txt", ".hidden", "C.txt"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let l = list(dir.path()).unwrap();
        let names: Vec<String> = l.files.iter().map(|p| name_of(p)).collect();
        assert_eq!(names, ["C.txt", "a.txt", "b.txt"]);
        assert_eq!(l.dirs.len(), 1);
        assert_eq!(name_of(&l.dirs[0]), "sub");
    }

    #[test]
    fn size_limit_applies_to_files_and_streams() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.txt");
        std::fs::write(&p, "0123456789").unwrap();
        assert_eq!(read_file(&p, 10).unwrap().len(), 10);
        let e = read_file(&p, 9).unwrap_err();
        assert!(
            matches!(e, IngestError::TooLarge { size: 10, limit: 9 }),
            "{e}"
        );
        let e = read_limited(&b"0123456789"[..], 4).unwrap_err();
        assert!(
            matches!(e, IngestError::TooLarge { size: 5, limit: 4 }),
            "{e}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_without_being_opened() {
        let e = read_file(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert_eq!(
            e.to_string(),
            "not a regular file (a character device): give a file, a folder, or - for stdin"
        );
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if made {
            // Opening would block forever: the check must come first.
            let e = open_regular(&fifo).unwrap_err();
            assert!(matches!(e, IngestError::NotAFile { kind: "a FIFO" }), "{e}");
        }
        let e = open_regular(dir.path()).unwrap_err();
        assert!(
            matches!(e, IngestError::NotAFile { kind: "a folder" }),
            "{e}"
        );
    }

    #[test]
    fn names() {
        assert_eq!(name_of(Path::new("examples/harbor-fire/")), "harbor-fire");
        assert_eq!(name_of(Path::new("-")), "stdin");
        assert_eq!(name_of(Path::new("a/b.txt")), "b.txt");
        assert!(!name_of(Path::new(".")).is_empty());
    }
}
