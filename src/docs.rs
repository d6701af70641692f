//! Shell completions (`completions/`) and man pages (`man/`), generated from
//! the clap definitions by `cargo run --example generate-docs`. A test
//! regenerates them into a temporary directory and fails when the committed
//! files differ.

use std::path::Path;

use anyhow::{Context, Result};
use clap_complete::Shell;

/// The shells we ship completions for, with their conventional file names.
pub const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "akl.bash"),
    (Shell::Zsh, "_akl"),
    (Shell::Fish, "akl.fish"),
    (Shell::PowerShell, "_akl.ps1"),
    (Shell::Elvish, "akl.elv"),
];

/// Writes `completions/` and `man/` under `root`.
pub fn generate(root: &Path) -> Result<()> {
    let completions = root.join("completions");
    let man = root.join("man");
    std::fs::create_dir_all(&completions)
        .with_context(|| format!("cannot create {}", completions.display()))?;
    std::fs::create_dir_all(&man).with_context(|| format!("cannot create {}", man.display()))?;
    for (shell, file) in SHELLS {
        let mut cmd = crate::cli::command();
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut cmd, "akl", &mut buf);
        std::fs::write(completions.join(file), buf)
            .with_context(|| format!("cannot write completions/{file}"))?;
    }
    clap_mangen::generate_to(crate::cli::command(), &man)
        .with_context(|| format!("cannot write man pages to {}", man.display()))?;
    Ok(())
}
