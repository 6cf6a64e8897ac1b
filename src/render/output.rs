//! Writing a finished report to the path given with `-o`.
//!
//! A regular file (or a name that does not exist yet) is written all at once: into a temporary
//! file beside it, then renamed over it, so a reader never sees half a report and an error leaves
//! nothing behind. A symlink is followed and its target replaced the same way, so the link stays
//! a link. Anything else — a character device such as `/dev/null` or a terminal, a FIFO, a
//! socket, or a path through `/proc` or `/dev/fd` such as `/dev/stdout` — is written through, as
//! a shell's `>` would: renaming over it would replace the device with a file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many symlinks are followed before the path is given up on (as the kernel does).
const MAX_LINKS: usize = 40;

/// Writes `buf` to `path`: atomically for regular files, through for devices, FIFOs and the
/// `/proc` and `/dev/fd` links (see the module documentation).
pub fn write_file(path: &Path, buf: &[u8]) -> io::Result<()> {
    write_with(path, |w| w.write_all(buf))
}

/// Like [`write_file`], with the content written by `render` as it goes (buffered), so that a
/// large report is never held whole in memory. Into a regular file it still lands all at once.
pub fn write_with(
    path: &Path,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    match target(path)? {
        Target::Replace(file) => replace(path, &file, render),
        Target::Through => write_through(path, render),
    }
}

/// Where a write to a path goes.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A regular file, or a new one, at this path (symlinks resolved): replaced atomically.
    Replace(PathBuf),
    /// A device, FIFO, socket or magic link: opened and written in place.
    Through,
}

/// Follows `path`'s symlinks to what a write would reach.
fn target(path: &Path) -> io::Result<Target> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        if is_magic(&current) {
            return Ok(Target::Through);
        }
        let meta = match std::fs::symlink_metadata(&current) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::Replace(current)),
            Err(e) => return Err(cannot(path, e)),
        };
        if meta.file_type().is_symlink() {
            let link = std::fs::read_link(&current).map_err(|e| cannot(path, e))?;
            current = match current.parent() {
                Some(dir) if link.is_relative() => dir.join(link),
                _ => link,
            };
            continue;
        }
        return Ok(if meta.is_file() {
            Target::Replace(current)
        } else if meta.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                format!(
                    "cannot write {}: it is a directory",
                    crate::report::display_path(path)
                ),
            ));
        } else {
            Target::Through
        });
    }
    Err(io::Error::other(format!(
        "cannot write {}: too many levels of symbolic links",
        crate::report::display_path(path)
    )))
}

/// Paths whose entries the kernel makes up (`/proc/self/fd/1`, `/dev/fd/1`, `/dev/stdout`):
/// reading their links as text gives names such as `pipe:[1234]`, so they are written through.
fn is_magic(path: &Path) -> bool {
    path.starts_with("/proc") || path.starts_with("/dev/fd") || path.starts_with("/dev/std")
}

/// Writes into a temporary file beside `file`, then renames it over `file`. `shown` is the path
/// the user gave, for messages.
fn replace(
    shown: &Path,
    file: &Path,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = file.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a file name", crate::report::display_path(shown)),
        )
    })?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".parallax-{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let fail = |e: io::Error| {
        let _ = std::fs::remove_file(&tmp);
        cannot(shown, e)
    };
    let f = std::fs::File::create(&tmp).map_err(|e| cannot(shown, e))?;
    let mut w = io::BufWriter::with_capacity(64 * 1024, f);
    render(&mut w)
        .and_then(|()| w.into_inner().map_err(io::IntoInnerError::into_error))
        .and_then(|f| f.sync_all())
        .map_err(fail)?;
    std::fs::rename(&tmp, file).map_err(fail)
}

/// Opens `path` for writing (truncating a regular file reached through `/proc`, as `>` does)
/// and writes `buf` to it.
fn write_through(
    path: &Path,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if is_stdout(path) {
        // already open: reopening a pipe or terminal through /proc needs a permission that
        // the descriptor in hand does not
        let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
        return render(&mut out)
            .and_then(|()| out.flush())
            .map_err(|e| cannot(path, e));
    }
    let f = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(path)
        .map_err(|e| cannot(path, e))?;
    let mut out = io::BufWriter::with_capacity(64 * 1024, f);
    render(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| cannot(path, e))
}

/// Whether `path` is the file standard output is open on (same device and inode).
#[cfg(unix)]
fn is_stdout(path: &Path) -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    let (Ok(out), Ok(target)) = (std::fs::File::from(fd).metadata(), std::fs::metadata(path))
    else {
        return false;
    };
    out.dev() == target.dev() && out.ino() == target.ino()
}

#[cfg(not(unix))]
fn is_stdout(_: &Path) -> bool {
    false
}

/// The one-line error for an output path: its kind kept (a closed pipe stays a closed pipe),
/// its message naming the path.
fn cannot(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        format!("cannot write {}: {}", crate::report::display_path(path), e),
    )
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("parallax-output-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn regular_files_and_new_names_are_replaced_in_place() {
        let dir = scratch("regular");
        let file = dir.join("out.json");
        assert_eq!(target(&file).unwrap(), Target::Replace(file.clone()));
        std::fs::write(&file, "old").unwrap();
        write_file(&file, b"new").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"new");
        // nothing left beside it
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    }

    #[test]
    fn a_symlink_stays_a_link_and_its_target_gets_the_report() {
        let dir = scratch("link");
        let real = dir.join("real.json");
        let link = dir.join("link.json");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        write_file(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        // a dangling link creates its target
        let dangling = dir.join("dangling.json");
        std::os::unix::fs::symlink("made.json", &dangling).unwrap();
        write_file(&dangling, b"made").unwrap();
        assert_eq!(std::fs::read(dir.join("made.json")).unwrap(), b"made");
        assert!(std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink());
    }

    #[test]
    fn devices_and_magic_links_are_written_through() {
        assert_eq!(target(Path::new("/dev/null")).unwrap(), Target::Through);
        assert_eq!(target(Path::new("/dev/stdout")).unwrap(), Target::Through);
        assert_eq!(
            target(Path::new("/proc/self/fd/1")).unwrap(),
            Target::Through
        );
        let dir = scratch("dev");
        let link = dir.join("null");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        assert_eq!(target(&link).unwrap(), Target::Through);
        write_file(&link, b"gone").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
    }

    #[test]
    fn loops_and_directories_are_one_line_errors() {
        let dir = scratch("loop");
        let a = dir.join("a");
        let b = dir.join("b");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let err = write_file(&a, b"x").unwrap_err().to_string();
        assert!(err.contains("symbolic links"), "{err}");
        let err = write_file(&dir, b"x").unwrap_err().to_string();
        assert!(err.contains("directory"), "{err}");
    }
}
