//! Versioned schema migrations.
//!
//! A small hand-written runner rather than a crate such as `refinery`:
//! the migrations are a handful of SQL batches, refinery's PostgreSQL
//! driver feature pulls in `native-tls` (OpenSSL), which the static musl
//! build avoids, and its rusqlite version range would pin ours. The runner
//! keeps one row per applied version in `schema_version` and applies the
//! missing ones, in order, in ONE transaction with the version rows, so a
//! crash mid-upgrade leaves the old schema intact.
//!
//! A database whose newest version is above what this binary knows was
//! written by a newer akl: it is refused, never "downgraded" or guessed at.

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, TransactionBehavior};

/// One schema step.
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// The SQLite schema history, oldest first. V1 is the schema from before
/// versioning: its statements are all `IF NOT EXISTS`, so an existing
/// unversioned `gateway.db` is recognised and simply recorded as V1.
pub const SQLITE: &[Migration] = &[Migration {
    version: 1,
    name: "initial",
    sql: include_str!("migrations/sqlite/V1__initial.sql"),
}];

/// The newest version in `migrations`.
pub fn latest(migrations: &[Migration]) -> i64 {
    migrations.last().map(|m| m.version).unwrap_or(0)
}

/// The message for a database written by a newer akl.
pub fn newer_message(what: &str, found: i64, known: i64) -> String {
    format!(
        "{what} has schema version {found}, newer than this akl knows ({known}); \
         run the akl release that wrote it (or newer), or restore a backup made by this one"
    )
}

/// Brings the SQLite database to the newest known version; returns the
/// version it was at before (0 = empty or unversioned).
pub fn sqlite(conn: &mut Connection, what: &str) -> Result<i64> {
    // IMMEDIATE: take the write lock first, so two processes opening the
    // same file at once (a backup and a start) cannot both apply a step.
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .with_context(|| format!("cannot lock {what} for the schema check"))?;
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied INTEGER NOT NULL
        );",
    )
    .with_context(|| format!("cannot create the schema_version table in {what}"))?;
    let current: i64 = tx
        .query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_version",
            [],
            |r| r.get(0),
        )
        .with_context(|| format!("cannot read the schema version of {what}"))?;
    let known = latest(SQLITE);
    if current > known {
        bail!("{}", newer_message(what, current, known));
    }
    for m in SQLITE.iter().filter(|m| m.version > current) {
        tx.execute_batch(m.sql).with_context(|| {
            format!(
                "cannot apply schema migration V{} ({}) to {what}",
                m.version, m.name
            )
        })?;
        tx.execute(
            "INSERT INTO schema_version (version, name, applied) VALUES (?1, ?2, ?3)",
            rusqlite::params![m.version, m.name, crate::gateway::server::now()],
        )?;
    }
    tx.commit()
        .with_context(|| format!("cannot commit the schema migrations of {what}"))?;
    Ok(current)
}

/// The PostgreSQL schema history, oldest first.
pub const POSTGRES: &[Migration] = &[Migration {
    version: 1,
    name: "initial",
    sql: include_str!("migrations/postgres/V1__initial.sql"),
}];

/// Any constant: the advisory lock that serialises replicas starting at
/// once, so only one applies each step (the others wait, then see it done).
const PG_MIGRATION_LOCK: i64 = 0x0061_6b6c_5f6d_6967;

/// Brings the PostgreSQL database to the newest known version; returns the
/// version it was at before. DDL is transactional in PostgreSQL, so the
/// steps and their `schema_version` rows commit together or not at all.
pub fn postgres(client: &mut postgres::Client) -> Result<i64> {
    let mut tx = client
        .transaction()
        .context("cannot start the schema check")?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PG_MIGRATION_LOCK])
        .context("cannot lock the schema for migrations")?;
    // Looked up rather than `CREATE TABLE IF NOT EXISTS`, whose NOTICE
    // would reach the log on every start. Race-free under the lock.
    let has_table: bool = tx
        .query_one("SELECT to_regclass('schema_version') IS NOT NULL", &[])
        .context("cannot read the schema version")?
        .get(0);
    if !has_table {
        tx.batch_execute(
            "CREATE TABLE schema_version (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied BIGINT NOT NULL
            );",
        )
        .context("cannot create the schema_version table")?;
    }
    let current: i64 = tx
        .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[])
        .context("cannot read the schema version")?
        .get(0);
    let known = latest(POSTGRES);
    if current > known {
        bail!(
            "{}",
            newer_message("the PostgreSQL database", current, known)
        );
    }
    for m in POSTGRES.iter().filter(|m| m.version > current) {
        tx.batch_execute(m.sql).with_context(|| {
            format!("cannot apply schema migration V{} ({})", m.version, m.name)
        })?;
        tx.execute(
            "INSERT INTO schema_version (version, name, applied) VALUES ($1, $2, $3)",
            &[&m.version, &m.name, &crate::gateway::server::now()],
        )?;
    }
    tx.commit().context("cannot commit the schema migrations")?;
    Ok(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(conn: &Connection) -> Vec<String> {
        let mut st = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn empty_database_gets_every_version() {
        let mut c = Connection::open_in_memory().unwrap();
        assert_eq!(sqlite(&mut c, "test db").unwrap(), 0);
        let t = tables(&c);
        for want in [
            "auth_methods",
            "items",
            "roles",
            "secret_versions",
            "schema_version",
        ] {
            assert!(t.iter().any(|n| n == want), "{want} missing from {t:?}");
        }
        // A second open changes nothing and reports the current version.
        assert_eq!(sqlite(&mut c, "test db").unwrap(), latest(SQLITE));
        let n: i64 = c
            .query_row("SELECT COUNT(*) FROM schema_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, SQLITE.len() as i64);
    }

    #[test]
    fn unversioned_v1_database_is_recognised_and_keeps_its_rows() {
        let mut c = Connection::open_in_memory().unwrap();
        // What akl wrote before schema_version existed.
        c.execute_batch(SQLITE[0].sql).unwrap();
        c.execute(
            "INSERT INTO meta (key, value) VALUES ('cluster_id', 'cl-old')",
            [],
        )
        .unwrap();
        assert_eq!(sqlite(&mut c, "test db").unwrap(), 0);
        let v: String = c
            .query_row("SELECT value FROM meta WHERE key = 'cluster_id'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(v, "cl-old");
        let max: i64 = c
            .query_row("SELECT MAX(version) FROM schema_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(max, latest(SQLITE));
    }

    #[test]
    fn newer_database_is_refused_unchanged() {
        let mut c = Connection::open_in_memory().unwrap();
        sqlite(&mut c, "test db").unwrap();
        let future = latest(SQLITE) + 1;
        c.execute(
            "INSERT INTO schema_version (version, name, applied) VALUES (?1, 'future', 0)",
            [future],
        )
        .unwrap();
        let err = format!("{:#}", sqlite(&mut c, "test db").unwrap_err());
        assert!(err.contains(&format!("schema version {future}")), "{err}");
        assert!(err.contains("newer than this akl knows"), "{err}");
        let n: i64 = c
            .query_row("SELECT COUNT(*) FROM schema_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, SQLITE.len() as i64 + 1);
    }
}
