//! Bounded reads of the files the CLI is handed.
//!
//! Every file the CLI reads (keys, CSRs, certificates, tokens, kubeconfigs,
//! profiles) goes through [`read_limited`]: a path such as `/dev/zero` would
//! otherwise be read until memory runs out, and a FIFO would block forever.
//! The limits are documented in the README:
//!
//! - [`PEM_LIMIT`] (1 MiB) for PEM keys, certificates, CSRs and JWTs;
//! - [`KUBECONFIG_LIMIT`] (16 MiB) for kubeconfig files;
//! - [`SMALL_LIMIT`] (1 MiB) for profiles, settings and cached tokens.
//!
//! Symbolic links are followed on purpose: Kubernetes mounts the
//! service-account token and ConfigMaps through links (`..data/token`).

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use anyhow::{Result, bail};

/// PEM keys, certificates, CSRs, JWTs: a 16384-bit RSA key is ~13 KiB, a
/// service-account JWT a few KiB; 1 MiB leaves room for bundles.
pub const PEM_LIMIT: u64 = 1 << 20;

/// Kubeconfig files: large multi-cluster configs with inline CAs stay far
/// below 16 MiB.
pub const KUBECONFIG_LIMIT: u64 = 16 << 20;

/// Profiles, settings and cached tokens.
pub const SMALL_LIMIT: u64 = 1 << 20;

/// What is at a path that is not a regular file, for the error message.
fn kind_name(ft: &std::fs::FileType) -> &'static str {
    if ft.is_dir() {
        "a directory"
    } else if ft.is_fifo() {
        "a FIFO"
    } else if ft.is_char_device() {
        "a character device"
    } else if ft.is_block_device() {
        "a block device"
    } else if ft.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// `1 MiB`, `16 MiB`, `512 KiB`, `100 bytes`.
pub fn human_size(n: u64) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}

/// Opens `path` for reading without blocking on a FIFO and checks that it
/// is a regular file. `what` names the file in errors (`--key-in`, …).
pub fn open_regular(path: &Path, what: &str) -> Result<File> {
    // O_NONBLOCK: opening a FIFO without a writer would block; on a
    // regular file the flag changes nothing.
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
    {
        Ok(f) => f,
        Err(e) => bail!("cannot read {what} {}: {e}", path.display()),
    };
    let meta = match file.metadata() {
        Ok(m) => m,
        Err(e) => bail!("cannot read {what} {}: {e}", path.display()),
    };
    if !meta.file_type().is_file() {
        bail!(
            "cannot read {what} {}: it is {}; pass a regular file",
            path.display(),
            kind_name(&meta.file_type())
        );
    }
    Ok(file)
}

/// Reads at most `limit` bytes from `reader`; more is an error naming `what`.
pub fn read_bounded(reader: impl Read, limit: u64, what: &str) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if let Err(e) = reader.take(limit + 1).read_to_end(&mut buf) {
        bail!("cannot read {what}: {e}");
    }
    if buf.len() as u64 > limit {
        bail!(
            "{what} is larger than {}, the most akl reads; pass the right file",
            human_size(limit)
        );
    }
    Ok(buf)
}

/// Reads a regular file of at most `limit` bytes. `what` names it in
/// errors (e.g. `--key-in`); the path is added.
pub fn read_limited(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    let file = open_regular(path, what)?;
    read_bounded(file, limit, &format!("{what} {}", path.display()))
}

/// [`read_limited`] as UTF-8 text.
pub fn read_limited_string(path: &Path, limit: u64, what: &str) -> Result<String> {
    let bytes = read_limited(path, limit, what)?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(_) => bail!("{what} {} is not UTF-8 text", path.display()),
    }
}

/// [`read_limited`] where the path `-` means standard input.
pub fn read_limited_or_stdin(path: &Path, limit: u64, what: &str) -> Result<String> {
    let bytes = if path.as_os_str() == "-" {
        read_bounded(
            std::io::stdin().lock(),
            limit,
            &format!("{what} from stdin"),
        )?
    } else {
        read_limited(path, limit, what)?
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(_) => bail!("{what} {} is not UTF-8 text", path.display()),
    }
}

/// A secret given as a file (`--access-key-file`, `--token-file`, …):
/// at most [`PEM_LIMIT`] bytes of UTF-8, surrounding whitespace trimmed,
/// not empty. The error names the flag and the path, never the contents.
pub fn read_secret_file(path: &Path, flag: &str) -> Result<String> {
    let text = read_limited_string(path, PEM_LIMIT, flag)?;
    let t = text.trim();
    if t.is_empty() {
        bail!("{flag} {} is empty", path.display());
    }
    Ok(t.to_owned())
}

/// Like [`read_limited`], but a missing file is `Ok(None)`.
pub fn read_limited_if_exists(path: &Path, limit: u64, what: &str) -> Result<Option<Vec<u8>>> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        _ => read_limited(path, limit, what).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, b"hello").unwrap();
        assert_eq!(read_limited(&p, 5, "--x").unwrap(), b"hello");
        let err = read_limited(&p, 4, "--x").unwrap_err().to_string();
        assert!(err.contains("larger than 4 bytes"), "{err}");
    }

    #[test]
    fn devices_dirs_and_fifos_are_refused_without_blocking() {
        let err = read_limited(Path::new("/dev/zero"), PEM_LIMIT, "--key-in")
            .unwrap_err()
            .to_string();
        assert!(err.contains("character device"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let err = read_limited(dir.path(), PEM_LIMIT, "--x")
            .unwrap_err()
            .to_string();
        assert!(err.contains("a directory"), "{err}");
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = read_limited(&fifo, PEM_LIMIT, "--x")
            .unwrap_err()
            .to_string();
        assert!(err.contains("a FIFO"), "{err}");
    }

    #[test]
    fn missing_files_are_none_only_when_asked() {
        let p = Path::new("/nonexistent/akl-test");
        assert!(read_limited_if_exists(p, 10, "x").unwrap().is_none());
        assert!(read_limited(p, 10, "x").is_err());
        assert_eq!(human_size(PEM_LIMIT), "1 MiB");
        assert_eq!(human_size(KUBECONFIG_LIMIT), "16 MiB");
    }
}
