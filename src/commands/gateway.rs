//! `akl gateway backup` and `akl gateway restore`: local commands on a data
//! dir (no gateway API involved), so a stopped or lost gateway can be
//! brought back.

use anyhow::Result;
use serde_json::json;

use crate::cli::{BackupArgs, RestoreArgs};
use crate::gateway::server::default_data_dir;
use crate::gateway::server::store::backup::{self, Report};
use crate::output::CommandOutput;

fn render(verb: &str, r: &Report) -> CommandOutput {
    CommandOutput::new(
        json!({
            "path": r.path.display().to_string(),
            "files": r.files,
            "schema_version": r.schema_version,
        }),
        format!(
            "{verb} {} ({}; schema version {})\n",
            r.path.display(),
            r.files.join(", "),
            r.schema_version
        ),
    )
}

pub fn backup(args: &BackupArgs) -> Result<CommandOutput> {
    let dir = match &args.data_dir {
        Some(d) => d.clone(),
        None => default_data_dir()?,
    };
    let r = backup::backup(&dir, &args.out)?;
    Ok(render("Backup written to", &r))
}

pub fn restore(args: &RestoreArgs) -> Result<CommandOutput> {
    let dir = match &args.data_dir {
        Some(d) => d.clone(),
        None => default_data_dir()?,
    };
    let r = backup::restore(&dir, &args.input, args.force)?;
    Ok(render("Restored into", &r))
}
