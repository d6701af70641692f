//! `akl gateway …`: the embedded gateway's own commands.
//!
//! Every `serve` flag can also come from an `AKL_*` environment variable
//! (the flag wins), as containers and Kubernetes manifests configure.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum GatewayCommand {
    /// Serve the gateway API over HTTPS (auth methods, K8s auth configs, /auth)
    Serve(ServeArgs),

    /// Administer a gateway's data dir (the gateway may be running)
    #[command(subcommand)]
    Admin(GatewayAdminCommand),
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

    /// Write the new key to this file (mode 0600) instead of printing it
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Overwrite --output if it exists
    #[arg(long)]
    pub force: bool,
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
}
