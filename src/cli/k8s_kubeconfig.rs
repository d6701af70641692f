//! `akl k8s kubeconfig`: seed 002's `kubectl config set-credentials` and
//! `set-context`, for certificates, service-account tokens and OIDC.

use std::path::PathBuf;

use clap::{ArgGroup, Args};

use super::GatewayArgs;

/// `k8s kubeconfig`. Secrets come from files, the gateway or the cluster,
/// never from argv (where `ps` shows them).
#[derive(Debug, Args, Clone, Default)]
#[command(group(
    ArgGroup::new("credential")
        .required(true)
        .args(["client_certificate", "from_certificate", "token_from_secret", "token_file", "oidc_issuer_url"])
))]
pub struct KubeconfigArgs {
    /// Kubeconfig user (users[].name) to create or replace
    #[arg(long, value_name = "NAME")]
    pub user: String,

    /// Context to create or update [default: the --user name]
    #[arg(long, value_name = "NAME")]
    pub context: Option<String>,

    /// Cluster of the context [default: the context's cluster if it exists, else the current context's]
    #[arg(long, value_name = "NAME")]
    pub cluster: Option<String>,

    /// Namespace of the context (an empty value removes it)
    #[arg(long, value_name = "NS")]
    pub namespace: Option<String>,

    /// Also make the context the current-context
    #[arg(long)]
    pub use_context: bool,

    /// PEM client certificate, e.g. the one 'akl k8s issue-client-cert --out' wrote
    #[arg(long, value_name = "FILE", requires = "client_key")]
    pub client_certificate: Option<PathBuf>,

    /// PEM private key of --client-certificate
    #[arg(long, value_name = "FILE", requires = "client_certificate")]
    pub client_key: Option<PathBuf>,

    /// Embed the certificate and key (client-certificate-data, client-key-data) instead of their paths
    #[arg(long, requires = "client_certificate")]
    pub embed_certs: bool,

    /// Certificate and key stored on the gateway (create-certificate), embedded in the kubeconfig
    #[arg(long, value_name = "NAME")]
    pub from_certificate: Option<String>,

    /// Service-account token Secret to read the token from (data.token)
    #[arg(long, value_name = "NS/NAME")]
    pub token_from_secret: Option<String>,

    /// Context whose credentials read --token-from-secret [default: the current context]
    #[arg(long, value_name = "NAME", requires = "token_from_secret")]
    pub secret_context: Option<String>,

    /// File holding a bearer token ('-' for stdin)
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,

    /// OIDC issuer URL (auth-provider oidc: idp-issuer-url)
    #[arg(long, value_name = "URL", requires_all = ["oidc_client_id", "oidc_refresh_token_file"])]
    pub oidc_issuer_url: Option<String>,

    /// OIDC client ID (client-id)
    #[arg(long, value_name = "ID", requires = "oidc_issuer_url")]
    pub oidc_client_id: Option<String>,

    /// File holding the OIDC client secret (client-secret)
    #[arg(long, value_name = "FILE", requires = "oidc_issuer_url")]
    pub oidc_client_secret_file: Option<PathBuf>,

    /// File holding the OIDC refresh token (refresh-token)
    #[arg(long, value_name = "FILE", requires = "oidc_issuer_url")]
    pub oidc_refresh_token_file: Option<PathBuf>,

    /// File holding a current OIDC ID token (id-token)
    #[arg(long, value_name = "FILE", requires = "oidc_issuer_url")]
    pub oidc_id_token_file: Option<PathBuf>,

    /// Kubeconfig to write [default: the first existing $KUBECONFIG file, else ~/.kube/config]
    #[arg(long, value_name = "PATH")]
    pub kubeconfig: Option<PathBuf>,

    /// Print the resulting kubeconfig, secrets redacted as 'kubectl config view' does, and change nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}
