//! The `akl` binary: parse, dispatch, render, exit code. Everything else
//! lives in the library. Invoked through a link named `akeyless`, it
//! behaves the same, so the docs' scripts run unchanged.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use akl::cli::{Cli, Command, GatewayCommand};
use akl::output::Format;

/// Clap's usage errors span several lines; scripts and people want one line
/// that says what is wrong and where to look.
fn one_line_clap_error(err: &clap::Error) -> String {
    let rendered = err.to_string();
    let mut parts = Vec::new();
    let args: Vec<String> = std::env::args().collect();
    let command = akl::cli::command_path(&args);
    for line in rendered.lines() {
        let t = line.trim();
        if t.starts_with("Usage: ") {
            break;
        }
        if !t.is_empty() && !t.starts_with("For more information") {
            parts.push(t.to_owned());
        }
    }
    let msg = parts.join(" ");
    let msg = msg.strip_prefix("error: ").unwrap_or(&msg);
    format!("Error: {msg}; see '{command} --help'")
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            return match err.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = err.print();
                    if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                        ExitCode::from(2)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                _ => {
                    eprintln!("{}", one_line_clap_error(&err));
                    ExitCode::from(2)
                }
            };
        }
    };
    match run(&cli) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            if out
                .write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .is_err()
            {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let msg = format!("{e:#}").replace('\n', " ");
            eprintln!("Error: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<String> {
    if let Command::Gateway(GatewayCommand::Serve(args)) = &cli.command {
        akl::gateway::server::run(&args.as_ref().into())?;
        return Ok(String::new());
    }
    let format = Format::from_flags(cli.global.json, cli.global.jq_expression.as_deref())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let output = runtime.block_on(akl::commands::run_cli(cli))?;
    // Printed here, not returned: `--jq-expression` results stream.
    output.finish_to(&format, &mut std::io::stdout())?;
    Ok(String::new())
}
