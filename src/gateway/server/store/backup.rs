//! `akl gateway backup` / `restore` for the SQLite data dir.
//!
//! The database is copied with SQLite's online backup API in one step, so
//! the copy is one consistent snapshot even while a gateway is writing
//! (WAL readers do not block writers), and the master key comes along:
//! without it every sealed value in the copy is unreadable. The TLS
//! identity the gateway made for itself is copied too, so clients that
//! trust its certificate keep working after a restore.
//!
//! Both commands write into a staging name first and rename at the end, so
//! a failure leaves no half-written backup and no half-restored data dir.

use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};

use super::lock::DataDirLock;
use super::migrate;

/// The database file in a data dir or backup.
pub const DB_FILE: &str = "gateway.db";
/// The master key file in a data dir or backup.
pub const KEY_FILE: &str = "master.key";
/// Copied when present (the self-signed identity made by `serve`).
const OPTIONAL_FILES: &[&str] = &["tls.crt", "tls.key"];

/// What a backup or restore did.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The backup directory or the data dir written.
    pub path: PathBuf,
    /// File names written, in order.
    pub files: Vec<String>,
    /// The schema version of the copied database.
    pub schema_version: i64,
}

fn mkdir_private(dir: &Path) -> Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("cannot create {}", dir.display()))
}

/// Copies a small file with mode 0600 (keys, certificates).
fn copy_private(from: &Path, to: &Path) -> Result<()> {
    let bytes = std::fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(to)
        .with_context(|| format!("cannot create {}", to.display()))?;
    std::io::Write::write_all(&mut f, &bytes)
        .and_then(|_| f.sync_all())
        .with_context(|| format!("cannot write {}", to.display()))
}

/// The schema version recorded in a database (0 = unversioned).
fn schema_version(conn: &Connection) -> Result<i64> {
    let has_table: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version')",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(0);
    }
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |r| r.get(0),
    )?)
}

/// Checks a copied database: intact, and a schema this binary can run.
fn verify_db(path: &Path) -> Result<i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_context(|| format!("cannot open {}", path.display()))?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .with_context(|| format!("{} is not a readable SQLite database", path.display()))?;
    if check != "ok" {
        bail!("{} fails SQLite's integrity check: {check}", path.display());
    }
    let v = schema_version(&conn)?;
    let known = migrate::latest(migrate::SQLITE);
    if v > known {
        bail!(
            "{}",
            migrate::newer_message(&path.display().to_string(), v, known)
        );
    }
    Ok(v)
}

fn require_state(dir: &Path, what: &str) -> Result<()> {
    for f in [DB_FILE, KEY_FILE] {
        if !dir.join(f).is_file() {
            bail!(
                "{} has no {f}; is {what} a gateway {}?",
                dir.display(),
                if what == "--data-dir" {
                    "data dir"
                } else {
                    "backup"
                }
            );
        }
    }
    Ok(())
}

fn fsync_dir(dir: &Path) {
    // Best effort: makes the renames durable; not every filesystem allows it.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A staging name next to `path`, unique to this process.
fn staging(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".into());
    path.with_file_name(format!(".{name}.akl-tmp-{}", std::process::id()))
}

/// Copies the state of `data_dir` (served or not) into the new directory
/// `out` (mode 0700, files 0600). `out` must not exist or be empty.
pub fn backup(data_dir: &Path, out: &Path) -> Result<Report> {
    require_state(data_dir, "--data-dir")?;
    if out.exists() {
        let empty = out.is_dir()
            && std::fs::read_dir(out)
                .with_context(|| format!("cannot read {}", out.display()))?
                .next()
                .is_none();
        if !empty {
            bail!(
                "{} already exists and is not an empty directory; name a new directory for the backup",
                out.display()
            );
        }
    }
    let tmp = staging(out);
    let _ = std::fs::remove_dir_all(&tmp);
    mkdir_private(&tmp)?;
    let result = write_backup(data_dir, &tmp).and_then(|report| {
        std::fs::rename(&tmp, out)
            .with_context(|| format!("cannot move the backup to {}", out.display()))?;
        let _ = std::fs::set_permissions(out, std::fs::Permissions::from_mode(0o700));
        if let Some(parent) = out.parent() {
            fsync_dir(parent);
        }
        Ok(Report {
            path: out.to_path_buf(),
            ..report
        })
    });
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

fn write_backup(data_dir: &Path, tmp: &Path) -> Result<Report> {
    let src_path = data_dir.join(DB_FILE);
    let dst_path = tmp.join(DB_FILE);
    {
        let src = Connection::open_with_flags(
            &src_path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("cannot open {}", src_path.display()))?;
        src.busy_timeout(Duration::from_secs(5))?;
        // Created 0600 before SQLite writes anything into it.
        drop(
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&dst_path)
                .with_context(|| format!("cannot create {}", dst_path.display()))?,
        );
        let mut dst = Connection::open(&dst_path)
            .with_context(|| format!("cannot open {}", dst_path.display()))?;
        let b = rusqlite::backup::Backup::new(&src, &mut dst)
            .with_context(|| format!("cannot start the backup of {}", src_path.display()))?;
        // All pages in one step (-1): one read transaction, one snapshot.
        // Steps of N pages would restart whenever the gateway commits in
        // between (rusqlite's run_to_completion only takes N > 0).
        let mut tries = 0;
        loop {
            use rusqlite::backup::StepResult;
            match b
                .step(-1)
                .with_context(|| format!("cannot copy {}", src_path.display()))?
            {
                StepResult::Done => break,
                _ if tries < 100 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => bail!(
                    "{} stayed locked for 5 s; try the backup again",
                    src_path.display()
                ),
            }
        }
    }
    let schema_version = verify_db(&dst_path)?;
    let mut files = vec![DB_FILE.to_owned()];
    copy_private(&data_dir.join(KEY_FILE), &tmp.join(KEY_FILE))?;
    files.push(KEY_FILE.to_owned());
    for f in OPTIONAL_FILES {
        let p = data_dir.join(f);
        if p.is_file() {
            copy_private(&p, &tmp.join(f))?;
            files.push((*f).to_owned());
        }
    }
    fsync_dir(tmp);
    Ok(Report {
        path: tmp.to_path_buf(),
        files,
        schema_version,
    })
}

/// Puts the backup `input` into `data_dir`. A data dir that already holds
/// state is replaced only with `force`, and never while a gateway serves it.
pub fn restore(data_dir: &Path, input: &Path, force: bool) -> Result<Report> {
    if !input.is_dir() {
        bail!(
            "{} is not a directory made by `akl gateway backup`",
            input.display()
        );
    }
    require_state(input, "the input")?;
    let schema_version = verify_db(&input.join(DB_FILE))?;
    let key_len = std::fs::metadata(input.join(KEY_FILE))
        .with_context(|| format!("cannot read {}", input.join(KEY_FILE).display()))?
        .len();
    if key_len != 32 {
        bail!(
            "{} is not a 32-byte master key; the backup is damaged",
            input.join(KEY_FILE).display()
        );
    }
    mkdir_private(data_dir)?;
    // Held until the end: no gateway can start on the dir mid-restore.
    let _lock = DataDirLock::acquire(data_dir).map_err(|e| {
        anyhow::anyhow!(
            "{e:#}; stop it before restoring into {}",
            data_dir.display()
        )
    })?;
    let existing: Vec<&str> = [DB_FILE, KEY_FILE]
        .into_iter()
        .filter(|f| data_dir.join(f).exists())
        .collect();
    if !existing.is_empty() && !force {
        bail!(
            "{} already holds gateway state ({}); restore into a new data dir, or pass --force to replace it",
            data_dir.display(),
            existing.join(", ")
        );
    }
    let mut names = vec![DB_FILE, KEY_FILE];
    names.extend(OPTIONAL_FILES.iter().filter(|f| input.join(f).is_file()));
    // Stage every file first; only then replace, so a failed copy changes
    // nothing in the data dir.
    let mut staged = Vec::new();
    let mut stage = || -> Result<()> {
        for f in &names {
            let tmp = staging(&data_dir.join(f));
            let _ = std::fs::remove_file(&tmp);
            staged.push(tmp.clone());
            copy_private(&input.join(f), &tmp)?;
        }
        Ok(())
    };
    if let Err(e) = stage() {
        for t in &staged {
            let _ = std::fs::remove_file(t);
        }
        return Err(e);
    }
    // A WAL left by the old database would be replayed into the restored
    // one on the next open; remove it before the new file appears.
    for side in ["gateway.db-wal", "gateway.db-shm"] {
        let p = data_dir.join(side);
        if p.exists() {
            std::fs::remove_file(&p).with_context(|| format!("cannot remove {}", p.display()))?;
        }
    }
    for (f, tmp) in names.iter().zip(&staged) {
        let to = data_dir.join(f);
        std::fs::rename(tmp, &to).with_context(|| format!("cannot write {}", to.display()))?;
    }
    fsync_dir(data_dir);
    Ok(Report {
        path: data_dir.to_path_buf(),
        files: names.iter().map(|s| s.to_string()).collect(),
        schema_version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateway::server::store::{SqliteStore, Store};

    #[test]
    fn backup_and_restore_keep_the_state_and_refuse_to_overwrite() {
        let root = tempfile::tempdir().unwrap();
        let live = root.path().join("live");
        mkdir_private(&live).unwrap();
        let store = SqliteStore::open(&live).unwrap();
        store.set_meta("cluster_id", "cl-backup").unwrap();

        let out = root.path().join("bk");
        let r = backup(&live, &out).unwrap();
        assert_eq!(r.files, ["gateway.db", "master.key"]);
        assert_eq!(r.schema_version, migrate::latest(migrate::SQLITE));
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), 0o700);
        assert_eq!(mode(&out.join("gateway.db")), 0o600);
        assert_eq!(mode(&out.join("master.key")), 0o600);
        // A second backup to the same place is refused, the first kept.
        let err = format!("{:#}", backup(&live, &out).unwrap_err());
        assert!(err.contains("not an empty directory"), "{err}");

        let new = root.path().join("new");
        restore(&new, &out, false).unwrap();
        let restored = SqliteStore::open(&new).unwrap();
        assert_eq!(
            restored.meta("cluster_id").unwrap().as_deref(),
            Some("cl-backup")
        );
        drop(restored);
        // The live dir holds state: refused without --force, unchanged.
        store.set_meta("cluster_id", "cl-changed").unwrap();
        let err = format!("{:#}", restore(&live, &out, false).unwrap_err());
        assert!(err.contains("--force"), "{err}");
        assert_eq!(
            store.meta("cluster_id").unwrap().as_deref(),
            Some("cl-changed")
        );
    }

    #[test]
    fn restore_refuses_a_dir_that_is_not_a_backup() {
        let root = tempfile::tempdir().unwrap();
        let err = format!(
            "{:#}",
            restore(&root.path().join("d"), root.path(), false).unwrap_err()
        );
        assert!(err.contains("has no gateway.db"), "{err}");
        assert!(!root.path().join("d").exists());
    }
}
