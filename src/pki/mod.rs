//! Keys, certificate signing requests and key files.

mod csr;
mod der;
mod keys;

pub use csr::{CertificateType, CsrSpec, ext_key_usage_oid, key_usage_bit};
pub use keys::{HashAlg, KeyAlg, PrivateKey};

use std::fs::OpenOptions;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// PEM with LF line endings (the `pem` crate defaults to CRLF).
pub fn pem_encode(tag: &str, der: &[u8]) -> String {
    pem::encode_config(
        &pem::Pem::new(tag, der.to_vec()),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

/// Writes secret material (a private key) with mode 0600.
///
/// Without `force` an existing file is never touched. With `force` the new
/// content goes to a temporary file in the same directory that is renamed
/// over the old one, so a failure leaves the old key intact.
pub fn write_secret_file(path: &Path, contents: &[u8], force: bool) -> Result<()> {
    write_file(path, contents, force, 0o600, "--key-file")
}

/// Writes a file with permission bits `mode`, as [`write_secret_file`]
/// does; `flag` names the option that chose the path, for the error.
pub fn write_file(path: &Path, contents: &[u8], force: bool, mode: u32, flag: &str) -> Result<()> {
    let shown = path.display();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        bail!(
            "cannot write {shown}: directory {} does not exist",
            dir.display()
        );
    }
    // A link is refused even with --force: replacing it would surprise,
    // writing through it would change another file.
    crate::no_follow::refuse_link(path)?;
    if !force {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(path)
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    anyhow::anyhow!("{shown} already exists; pass --force to overwrite it or choose another {flag}")
                } else {
                    anyhow::anyhow!("cannot create {shown}: {e}")
                }
            })?;
        if let Err(e) = f.write_all(contents).and_then(|_| f.sync_all()) {
            drop(f);
            let _ = std::fs::remove_file(path);
            bail!("cannot write {shown}: {e}");
        }
        return Ok(());
    }
    if path.is_dir() {
        bail!("cannot write {shown}: it is a directory");
    }
    let file_name = path
        .file_name()
        .with_context(|| format!("{shown} has no file name"))?
        .to_string_lossy();
    let tmp = dir.join(format!(".{file_name}.akl-tmp-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        bail!("cannot write {shown}: {e}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn secret_files_are_0600_and_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k.pem");
        write_secret_file(&p, b"one", false).unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let err = write_secret_file(&p, b"two", false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("--force"), "{err}");
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_secret_file(&p, b"three", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"three");
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn key_files_are_never_written_through_a_link() {
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("victim");
        std::fs::write(&target, "keep").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("k.pem");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for force in [false, true] {
            let e = write_secret_file(&link, b"key", force)
                .unwrap_err()
                .to_string();
            assert!(e.contains("is a symbolic link"), "{e}");
            assert!(
                std::fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        assert_eq!(
            std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o644
        );
    }
}
