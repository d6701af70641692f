//! `akl gateway admin …`: offline administration of a gateway's data dir.

use anyhow::{Result, bail};
use serde_json::json;

use crate::cli::{GatewayAdminCommand, ResetKeyArgs};
use crate::gateway::server::store::{PostgresStore, SqliteStore, Store};
use crate::gateway::server::{admin_key, default_data_dir};
use crate::output::CommandOutput;

pub fn run(cmd: &GatewayAdminCommand) -> Result<CommandOutput> {
    match cmd {
        GatewayAdminCommand::ResetKey(args) => reset_key(args),
    }
}

/// Replaces the admin key. The store is opened only when the data dir holds
/// a gateway database, so a mistyped path creates nothing; with --output
/// the file is written before the key changes, so a failed write leaves the
/// old key in force.
fn reset_key(args: &ResetKeyArgs) -> Result<CommandOutput> {
    let dir = match &args.data_dir {
        Some(d) => d.clone(),
        None => default_data_dir()?,
    };
    let store: Box<dyn Store> = match args.store.as_deref().map(str::trim) {
        None | Some("") => {
            if !dir.join("gateway.db").is_file() {
                bail!(
                    "{} holds no gateway database; pass the --data-dir the gateway serves from",
                    dir.display()
                );
            }
            Box::new(SqliteStore::open(&dir)?)
        }
        Some(url) => {
            // Required, so a wrong data dir cannot seal with a new key.
            let key = dir.join("master.key");
            if !key.is_file() {
                bail!(
                    "{} holds no master.key; pass the --data-dir of a replica (or one holding a copy of the fleet's master.key)",
                    dir.display()
                );
            }
            Box::new(PostgresStore::open(url, &key)?)
        }
    };
    let store = store.as_ref();
    let key = admin_key::generate_key()?;
    if let Some(out) = &args.output {
        crate::pki::write_file(
            out,
            format!("{key}\n").as_bytes(),
            args.force,
            0o600,
            "--output",
        )?;
        let (access_id, _) = match admin_key::ensure_key(store, &key) {
            Ok(x) => x,
            Err(e) => {
                let _ = std::fs::remove_file(out);
                return Err(e);
            }
        };
        return Ok(CommandOutput::new(
            json!({ "access_id": access_id, "access_key_file": out.display().to_string() }),
            format!(
                "Admin access ID: {access_id}\nThe new admin access key is in {} (the old key no longer works).\n",
                out.display()
            ),
        ));
    }
    let (access_id, _) = admin_key::ensure_key(store, &key)?;
    Ok(CommandOutput::new(
        json!({ "access_id": access_id, "access_key": key }),
        format!(
            "Admin access ID: {access_id}\nAdmin access key: {key}\n(shown once; the old key no longer works)\n"
        ),
    ))
}
