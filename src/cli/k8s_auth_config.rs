//! `gateway-*-k8s-auth-config`.

use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args};

use super::{GatewayArgs, KubeArgs};

/// Flags of `gateway-create-k8s-auth-config` (reference §3).
#[derive(Debug, Args, Clone, Default)]
pub struct GatewayK8sAuthConfigArgs {
    /// Config name (pods pass it as --k8s-auth-config-name)
    #[arg(short = 'n', long)]
    pub name: String,

    /// Access ID of the K8s auth method (p-…)
    #[arg(long, value_name = "ID")]
    pub access_id: Option<String>,

    /// The auth method's private key, base64 PEM (prv_key of create-auth-method-k8s; visible in ps: prefer --signing-key-file)
    #[arg(long, value_name = "BASE64")]
    pub signing_key: Option<String>,

    /// File holding the signing key: the base64 prv_key, or the PEM itself
    #[arg(long, value_name = "FILE", conflicts_with = "signing_key")]
    pub signing_key_file: Option<PathBuf>,

    /// Kubernetes API server URL [default: from the kubeconfig]
    #[arg(long, value_name = "URL")]
    pub k8s_host: Option<String>,

    /// Cluster CA, base64 PEM [default: from the kubeconfig when the host comes from it or --kubeconfig/--context is given]
    #[arg(long, value_name = "BASE64", num_args = 1..)]
    pub k8s_ca_cert: Vec<String>,

    /// Raw JWT the gateway uses for TokenReview (visible in ps: prefer --token-reviewer-jwt-file) [default: the JWT being reviewed]
    #[arg(long, value_name = "JWT")]
    pub token_reviewer_jwt: Option<String>,

    /// File holding the token reviewer JWT
    #[arg(long, value_name = "FILE", conflicts_with = "token_reviewer_jwt")]
    pub token_reviewer_jwt_file: Option<PathBuf>,

    /// Service-account issuer to check tokens against
    #[arg(long, value_name = "ISSUER")]
    pub k8s_issuer: Option<String>,

    /// Skip the issuer check (`--disable-issuer-validation[=true]`)
    #[arg(
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = BoolishValueParser::new(),
        value_name = "BOOL"
    )]
    pub disable_issuer_validation: Option<bool>,

    /// Lifetime in seconds of the gateway-signed internal token [server default: 300]
    #[arg(long, value_name = "SECONDS")]
    pub token_exp: Option<i64>,

    /// Cluster API type; only native_k8s for now
    #[arg(long, value_name = "TYPE", value_parser = ["native_k8s"])]
    pub cluster_api_type: Option<String>,

    /// How the gateway authenticates its TokenReview calls: token (a bearer token) or certificate (a client certificate)
    #[arg(long, value_name = "TYPE", value_parser = ["token", "certificate"])]
    pub k8s_auth_type: Option<String>,

    /// Client certificate for --k8s-auth-type certificate (base64 of PEM)
    #[arg(
        long,
        value_name = "BASE64",
        num_args = 1..,
        conflicts_with = "k8s_client_certificate_file"
    )]
    pub k8s_client_certificate: Vec<String>,

    /// File with the client certificate (PEM) for --k8s-auth-type certificate
    #[arg(long, value_name = "FILE")]
    pub k8s_client_certificate_file: Option<PathBuf>,

    /// Client private key for --k8s-auth-type certificate (base64 of PEM; visible in ps: prefer --k8s-client-key-file)
    #[arg(
        long,
        value_name = "BASE64",
        num_args = 1..,
        conflicts_with = "k8s_client_key_file"
    )]
    pub k8s_client_key: Vec<String>,

    /// File with the client private key (PEM) for --k8s-auth-type certificate
    #[arg(long, value_name = "FILE")]
    pub k8s_client_key_file: Option<PathBuf>,

    /// Use the gateway's own service account and CA (the gateway runs in the cluster) (`--use-gw-service-account[=false]`)
    #[arg(
        short = 'i',
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = BoolishValueParser::new(),
        value_name = "BOOL"
    )]
    pub use_gw_service_account: Option<bool>,

    #[command(flatten)]
    pub kube: KubeArgs,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// Flags of `gateway-update-k8s-auth-config`.
#[derive(Debug, Args, Clone, Default)]
pub struct GatewayUpdateK8sAuthConfigArgs {
    #[command(flatten)]
    pub config: GatewayK8sAuthConfigArgs,

    /// New config name [default: the current name]
    #[arg(long, value_name = "NAME")]
    pub new_name: Option<String>,
}

/// A gateway K8s auth config by name (`get`, `delete`).
#[derive(Debug, Args, Clone, Default)]
pub struct GatewayK8sAuthConfigNameArgs {
    /// Config name
    #[arg(short = 'n', long)]
    pub name: String,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `gateway-list-k8s-auth-configs`.
#[derive(Debug, Args, Clone, Default)]
pub struct GatewayListArgs {
    #[command(flatten)]
    pub gateway: GatewayArgs,
}
