//! `akl gateway …`: the embedded gateway's own commands.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum GatewayCommand {
    /// Serve the gateway API over HTTPS (auth methods, K8s auth configs, /auth)
    Serve(ServeArgs),
    /// Copy the gateway's state (SQLite database, master key, TLS identity) into a new directory, while it serves
    Backup(BackupArgs),
    /// Put a backup made by `akl gateway backup` into a new data dir (the gateway must be stopped)
    Restore(RestoreArgs),
}

/// `akl gateway backup`.
#[derive(Debug, Args, Clone)]
pub struct BackupArgs {
    /// The gateway's data dir [default: ~/.local/share/akl/gateway]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// New directory for the backup (created 0700; must not exist or be empty)
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
}

/// `akl gateway restore`.
#[derive(Debug, Args, Clone)]
pub struct RestoreArgs {
    /// The data dir to restore into [default: ~/.local/share/akl/gateway]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Replace the state a data dir already holds (never while a gateway serves it)
    #[arg(long)]
    pub force: bool,

    /// The backup directory
    #[arg(value_name = "IN")]
    pub input: PathBuf,
}

/// `akl gateway serve`.
#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1:8000", value_name = "ADDR")]
    pub listen: String,

    /// Directory for the database, TLS certificate and keys [default: ~/.local/share/akl/gateway]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Where the state lives: a PostgreSQL URL (postgres://USER@HOST:PORT/DB, plain TCP) shared by several replicas, which then share the master.key file too; without it, SQLite in the data dir. Pass a password through AKL_STORE, not the command line
    #[arg(long, env = "AKL_STORE", value_name = "URL", hide_env_values = true)]
    pub store: Option<String>,

    /// TLS certificate (PEM); without it a self-signed one is made and kept in the data dir
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// TLS private key (PEM) for --tls-cert
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Log format: text or json
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub log_format: String,

    /// Directory of the gateway pod's service-account token and ca.crt (for use-gw-service-account) [default: /var/run/secrets/kubernetes.io/serviceaccount]
    #[arg(long, value_name = "DIR")]
    pub service_account_dir: Option<PathBuf>,

    /// Seconds between checks of the stored certificates against their --expiration-event-in thresholds
    #[arg(
        long,
        default_value_t = 3600,
        value_name = "SECONDS",
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    pub expiration_check_interval: u64,

    /// HTTPS URL that receives certificate expiration events as JSON POSTs (retried with backoff until it answers 2xx)
    #[arg(long, value_name = "URL")]
    pub event_webhook: Option<String>,

    /// PEM file of CA certificates to trust for --event-webhook, besides the system roots
    #[arg(long, value_name = "FILE", requires = "event_webhook")]
    pub event_webhook_ca: Option<PathBuf>,
}
