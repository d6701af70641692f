//! The kubeconfig files a write goes to, and how they are read, locked and
//! replaced (see the parent module's docs).

use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

/// Kubeconfigs larger than this are refused instead of read into memory.
pub const MAX_KUBECONFIG_BYTES: u64 = 16 << 20;

/// The kubeconfig files in loading order and the one writes go to.
#[derive(Debug, Clone)]
pub struct Files {
    /// Files in kubectl's loading precedence (first wins).
    pub precedence: Vec<PathBuf>,
    /// The file new entries are written to (clientcmd's `GetDefaultFilename`).
    pub destination: PathBuf,
}

/// Resolves `--kubeconfig`, `KUBECONFIG` and `~/.kube/config` as kubectl does
/// for `kubectl config set-*`.
pub fn files(explicit: Option<&Path>) -> Result<Files> {
    if let Some(p) = explicit {
        return Ok(Files {
            precedence: vec![p.to_path_buf()],
            destination: p.to_path_buf(),
        });
    }
    if let Some(value) = std::env::var_os("KUBECONFIG") {
        let mut paths: Vec<PathBuf> = Vec::new();
        for p in std::env::split_paths(&value) {
            if !p.as_os_str().is_empty() && !paths.contains(&p) {
                paths.push(p);
            }
        }
        if !paths.is_empty() {
            let destination = if paths.len() == 1 {
                paths[0].clone()
            } else {
                paths
                    .iter()
                    .find(|p| std::fs::symlink_metadata(p).is_ok())
                    .unwrap_or(&paths[paths.len() - 1])
                    .clone()
            };
            return Ok(Files {
                precedence: paths,
                destination,
            });
        }
    }
    let home = dirs::home_dir().context("cannot find the home directory; pass --kubeconfig")?;
    let p = home.join(".kube").join("config");
    Ok(Files {
        precedence: vec![p.clone()],
        destination: p,
    })
}

/// A kubeconfig file as read: its text and permission bits, or nothing when
/// it does not exist yet.
#[derive(Debug, Clone)]
pub struct Existing {
    pub text: String,
    pub mode: u32,
}

/// Reads a kubeconfig without following a symbolic link at `path`, within
/// [`MAX_KUBECONFIG_BYTES`]. `Ok(None)` when it does not exist.
pub fn read(path: &Path) -> Result<Option<Existing>> {
    let shown = path.display();
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => bail!("cannot read kubeconfig {shown}: {e}"),
    };
    if meta.file_type().is_symlink() {
        bail!(
            "kubeconfig {shown} is a symbolic link; akl does not write through links: pass --kubeconfig with the file it points to"
        );
    }
    if !meta.is_file() {
        bail!("kubeconfig {shown} is not a regular file");
    }
    if meta.len() > MAX_KUBECONFIG_BYTES {
        bail!(
            "kubeconfig {shown} is larger than {} MiB; is it really a kubeconfig?",
            MAX_KUBECONFIG_BYTES >> 20
        );
    }
    let f = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .with_context(|| format!("cannot read kubeconfig {shown}"))?;
    let mut bytes = Vec::new();
    f.take(MAX_KUBECONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read kubeconfig {shown}"))?;
    if bytes.len() as u64 > MAX_KUBECONFIG_BYTES {
        bail!("kubeconfig {shown} grew while being read; try again");
    }
    let text =
        String::from_utf8(bytes).map_err(|_| anyhow!("kubeconfig {shown} is not UTF-8 text"))?;
    Ok(Some(Existing {
        text,
        mode: meta.permissions().mode() & 0o7777,
    }))
}

/// `FILE.lock`, held while a kubeconfig is read, changed and written; the
/// same lock kubectl's `ModifyConfig` takes, so the two never interleave.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Lock {
    pub fn acquire(kubeconfig: &Path) -> Result<Lock> {
        let mut name = kubeconfig.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        let dir = parent_dir(kubeconfig);
        if !dir.is_dir() {
            bail!(
                "cannot write kubeconfig {}: directory {} does not exist",
                kubeconfig.display(),
                dir.display()
            );
        }
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
        {
            Ok(_) => Ok(Lock { path }),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
                "kubeconfig {} is locked by {} (kubectl or akl is writing it); try again, or delete the lock file if no writer is running",
                kubeconfig.display(),
                path.display()
            ),
            Err(e) => bail!("cannot lock kubeconfig {}: {e}", kubeconfig.display()),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Replaces `path` with `contents` atomically: a temporary file in the same
/// directory, given `mode` explicitly (not through the umask), synced, then
/// renamed over `path` (a rename replaces a link instead of following it).
pub fn write_atomic(path: &Path, contents: &[u8], mode: u32) -> Result<()> {
    let shown = path.display();
    let dir = parent_dir(path);
    let file_name = path
        .file_name()
        .with_context(|| format!("kubeconfig {shown} has no file name"))?
        .to_string_lossy();
    let tmp = dir.join(format!(".{file_name}.akl-tmp-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&tmp)?;
        f.set_permissions(std::fs::Permissions::from_mode(mode))?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        bail!("cannot write kubeconfig {shown}: {e}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_keep_the_mode_and_refuse_links() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config");
        std::fs::write(&p, "apiVersion: v1\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        let e = read(&p).unwrap().unwrap();
        assert_eq!(e.mode, 0o640);
        write_atomic(&p, b"kind: Config\n", e.mode).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "kind: Config\n");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o640);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&p, &link).unwrap();
        let err = read(&link).unwrap_err().to_string();
        assert!(err.contains("symbolic link"), "{err}");
        assert!(read(&dir.path().join("nope")).unwrap().is_none());

        let lock = Lock::acquire(&p).unwrap();
        let err = Lock::acquire(&p).unwrap_err().to_string();
        assert!(err.contains("config.lock"), "{err}");
        drop(lock);
        Lock::acquire(&p).unwrap();
    }
}
