//! `akl gateway …`: the embedded gateway's own commands.
//!
//! Every `serve` flag can also come from an `AKL_*` environment variable
//! (the flag wins), as containers and Kubernetes manifests configure.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum GatewayCommand {
    /// Serve the gateway API over HTTPS (auth methods, K8s auth configs, /auth)
    Serve(Box<ServeArgs>),

    /// Administer a gateway's data dir (the gateway may be running)
    #[command(subcommand)]
    Admin(GatewayAdminCommand),

    /// Copy the gateway's state (SQLite database, master key, TLS identity) into a new directory, while it serves
    Backup(BackupArgs),

    /// Put a backup made by `akl gateway backup` into a new data dir (the gateway must be stopped)
    Restore(RestoreArgs),
}

#[derive(Debug, Subcommand)]
pub enum GatewayAdminCommand {
    /// Replace a lost admin access key with a new one, printed once (or written to --output)
    ResetKey(ResetKeyArgs),
}

/// `akl gateway admin reset-key`.
#[derive(Debug, Args, Clone)]
pub struct ResetKeyArgs {
    /// The gateway's data dir [default: ~/.local/share/akl/gateway]
    #[arg(long, value_name = "DIR", env = "AKL_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// The PostgreSQL URL the gateways serve from (as `serve --store`); the data dir then only holds master.key
    #[arg(long, env = "AKL_STORE", value_name = "URL", hide_env_values = true)]
    pub store: Option<String>,

    /// Write the new key to this file (mode 0600) instead of printing it
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Overwrite --output if it exists
    #[arg(long)]
    pub force: bool,
}

/// `akl gateway backup`.
#[derive(Debug, Args, Clone)]
pub struct BackupArgs {
    /// The gateway's data dir [default: ~/.local/share/akl/gateway]
    #[arg(long, value_name = "DIR", env = "AKL_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// New directory for the backup (created 0700; must not exist or be empty)
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
}

/// `akl gateway restore`.
#[derive(Debug, Args, Clone)]
pub struct RestoreArgs {
    /// The data dir to restore into [default: ~/.local/share/akl/gateway]
    #[arg(long, value_name = "DIR", env = "AKL_DATA_DIR")]
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
    /// Address to listen on: HOST:PORT, [IPv6]:PORT, or :PORT for every IPv4 interface
    #[arg(
        long,
        default_value = "127.0.0.1:8000",
        value_name = "ADDR",
        env = "AKL_LISTEN"
    )]
    pub listen: String,

    /// Directory for the database, TLS certificate and keys [default: ~/.local/share/akl/gateway]
    #[arg(long, value_name = "DIR", env = "AKL_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Where the state lives: a PostgreSQL URL (postgres://USER@HOST:PORT/DB, plain TCP) shared by several replicas, which then share the master.key file too; without it, SQLite in the data dir. Pass a password through AKL_STORE, not the command line
    #[arg(long, env = "AKL_STORE", value_name = "URL", hide_env_values = true)]
    pub store: Option<String>,

    /// TLS certificate (PEM); without it a self-signed one is made and kept in the data dir. Re-read on SIGHUP and when the file changes
    #[arg(long, value_name = "FILE", requires = "tls_key", env = "AKL_TLS_CERT")]
    pub tls_cert: Option<PathBuf>,

    /// TLS private key (PEM) for --tls-cert
    #[arg(long, value_name = "FILE", requires = "tls_cert", env = "AKL_TLS_KEY")]
    pub tls_key: Option<PathBuf>,

    /// Extra DNS name or IP for the self-signed certificate (repeatable; comma-separated in AKL_TLS_SAN), e.g. the Service's DNS name
    #[arg(
        long = "tls-san",
        value_name = "NAME",
        env = "AKL_TLS_SAN",
        value_delimiter = ',',
        conflicts_with = "tls_cert",
        value_parser = crate::gateway::server::tls::parse_san
    )]
    pub tls_san: Vec<String>,

    /// File holding the admin access key (e.g. a mounted Secret): used instead of a generated key that is printed once
    #[arg(long, value_name = "FILE", env = "AKL_ADMIN_ACCESS_KEY_FILE")]
    pub admin_access_key_file: Option<PathBuf>,

    /// File holding the 32-byte master key (e.g. a mounted Secret shared by replicas on one --store): copied into the data dir as master.key when it has none; a data dir with another key is refused
    #[arg(long, value_name = "FILE", env = "AKL_MASTER_KEY_FILE")]
    pub master_key_file: Option<PathBuf>,

    /// Log format: text or json (json: every line on stdout and stderr is a JSON object)
    #[arg(long, default_value = "text", value_parser = ["text", "json"], env = "AKL_LOG_FORMAT")]
    pub log_format: String,

    /// Directory of the gateway pod's service-account token and ca.crt (for use-gw-service-account) [default: /var/run/secrets/kubernetes.io/serviceaccount]
    #[arg(long, value_name = "DIR", env = "AKL_SERVICE_ACCOUNT_DIR")]
    pub service_account_dir: Option<PathBuf>,

    /// Seconds between checks of the stored certificates against their --expiration-event-in thresholds
    #[arg(
        long,
        default_value_t = 3600,
        value_name = "SECONDS",
        value_parser = clap::value_parser!(u64).range(1..),
        env = "AKL_EXPIRATION_CHECK_INTERVAL"
    )]
    pub expiration_check_interval: u64,

    /// HTTPS URL that receives certificate expiration events as JSON POSTs (retried with backoff until it answers 2xx)
    #[arg(long, value_name = "URL", env = "AKL_EVENT_WEBHOOK")]
    pub event_webhook: Option<String>,

    /// PEM file of CA certificates to trust for --event-webhook, besides the system roots
    #[arg(
        long,
        value_name = "FILE",
        requires = "event_webhook",
        env = "AKL_EVENT_WEBHOOK_CA"
    )]
    pub event_webhook_ca: Option<PathBuf>,

    /// Most connections served at once; past it new connections wait up to 2 s while idle ones are closed, then are refused (keep it well below the open-files limit, ulimit -n)
    #[arg(
        long,
        default_value_t = 512,
        value_name = "N",
        value_parser = clap::value_parser!(u64).range(1..=1_000_000)
    )]
    pub max_connections: u64,

    /// Seconds a client has for the TLS handshake
    #[arg(long, default_value_t = 10, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub tls_handshake_timeout: u64,

    /// Seconds a client has to send a request's headers (HTTP/1), counted from when the gateway starts waiting for them
    #[arg(long, default_value_t = 10, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,

    /// Seconds a connection with no request in flight stays open
    #[arg(long, default_value_t = 60, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub idle_timeout: u64,

    /// Seconds to receive a request's body and answer it; slower requests get 408
    #[arg(long, default_value_t = 30, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,
}

impl From<&ServeArgs> for crate::gateway::server::ServeConfig {
    /// The one place CLI flags become server settings.
    fn from(a: &ServeArgs) -> Self {
        use std::time::Duration;
        crate::gateway::server::ServeConfig {
            listen: a.listen.clone(),
            data_dir: a.data_dir.clone(),
            store: a.store.clone(),
            tls_cert: a.tls_cert.clone(),
            tls_key: a.tls_key.clone(),
            log_format: a.log_format.clone(),
            service_account_dir: a.service_account_dir.clone(),
            expiration_check_interval: a.expiration_check_interval,
            event_webhook: a.event_webhook.clone(),
            event_webhook_ca: a.event_webhook_ca.clone(),
            tls_san: a.tls_san.clone(),
            admin_access_key_file: a.admin_access_key_file.clone(),
            master_key_file: a.master_key_file.clone(),
            limits: crate::gateway::server::conn::Limits {
                max_connections: a.max_connections as usize,
                handshake_timeout: Duration::from_secs(a.tls_handshake_timeout),
                header_timeout: Duration::from_secs(a.header_timeout),
                idle_timeout: Duration::from_secs(a.idle_timeout),
                request_timeout: Duration::from_secs(a.request_timeout),
                ..Default::default()
            },
        }
    }
}
