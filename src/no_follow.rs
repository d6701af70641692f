//! File operations that never follow a symbolic link.
//!
//! A link planted where akl keeps a private file (`gateway.db` → `/dev/null`,
//! `master.key` → `/etc/shadow`) must not make akl create, chmod or write
//! the link's target: as root that changes the mode of any file on the
//! machine. So files are opened with `O_NOFOLLOW`, modes are set with
//! `fchmod` on the opened descriptor (never `chmod` on a path), and a link is
//! refused with one line that says what to do.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use anyhow::{Result, anyhow, bail};

/// The error for a path that is a symbolic link.
fn link_error(path: &Path) -> anyhow::Error {
    anyhow!(
        "{} is a symbolic link; akl never follows links for its private files (a planted link could make it change another file): remove the link and put the real file there",
        path.display()
    )
}

/// Fails when `path` is a symbolic link; a missing path is fine.
pub fn refuse_link(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(link_error(path)),
        _ => Ok(()),
    }
}

/// Opens `path` with `opts` plus `O_NOFOLLOW | O_CLOEXEC`; a link is
/// refused with [`refuse_link`]'s message.
pub fn open(path: &Path, opts: &mut OpenOptions) -> Result<File> {
    open_with(path, opts, 0)
}

/// [`open`] with more `O_*` flags (`custom_flags` replaces, so they are
/// passed here rather than set on `opts`).
pub fn open_with(path: &Path, opts: &mut OpenOptions, flags: i32) -> Result<File> {
    opts.custom_flags(flags | libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(libc::ELOOP) {
                link_error(path)
            } else {
                anyhow!("cannot open {}: {e}", path.display())
            }
        })
}

/// Makes an existing regular file's permission bits exactly `mode`
/// (`fchmod` on a descriptor opened without following links). Returns the
/// old bits when they had to change. A missing file is `Ok(None)`; a link
/// or anything but a regular file (a device, a FIFO) is refused.
pub fn set_mode(path: &Path, mode: u32) -> Result<Option<u32>> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Ok(m) if m.file_type().is_symlink() => return Err(link_error(path)),
        _ => {}
    }
    // O_NONBLOCK: opening a FIFO planted here must not hang.
    let f = open_with(path, OpenOptions::new().read(true), libc::O_NONBLOCK)?;
    set_mode_of(&f, path, mode)
}

/// [`set_mode`] for a file already opened (without following links).
pub fn set_mode_of(f: &File, path: &Path, mode: u32) -> Result<Option<u32>> {
    let meta = f
        .metadata()
        .map_err(|e| anyhow!("cannot read {}: {e}", path.display()))?;
    if !meta.is_file() {
        bail!(
            "{} is not a regular file; move it away so akl can create its own",
            path.display()
        );
    }
    let old = meta.permissions().mode() & 0o7777;
    if old == mode {
        return Ok(None);
    }
    f.set_permissions(std::fs::Permissions::from_mode(mode))
        .map_err(|e| anyhow!("cannot set the mode of {}: {e}", path.display()))?;
    Ok(Some(old))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_refused_and_their_targets_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("outside");
        std::fs::write(&target, "x").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let e = set_mode(&link, 0o600).unwrap_err().to_string();
        assert!(e.contains("is a symbolic link"), "{e}");
        let e = open(&link, OpenOptions::new().read(true))
            .unwrap_err()
            .to_string();
        assert!(e.contains("is a symbolic link"), "{e}");
        assert_eq!(
            std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o644
        );
        assert_eq!(set_mode(&dir.path().join("missing"), 0o600).unwrap(), None);
        assert_eq!(set_mode(&target, 0o600).unwrap(), Some(0o644));
        assert_eq!(set_mode(&target, 0o600).unwrap(), None);
        let e = set_mode(Path::new("/dev/null"), 0o600)
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a regular file"), "{e}");
    }
}
