//! `auth` and `configure`.

use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args};

use super::GatewayArgs;

/// The access types `auth` and `configure` support.
pub const ACCESS_TYPES: [&str; 2] = ["access_key", "k8s"];

/// The access types `auth` supports (`jwt` needs a token per login, so a
/// profile does not keep it).
pub const AUTH_ACCESS_TYPES: [&str; 3] = ["access_key", "k8s", "jwt"];

/// Environment variable holding the raw JWT for `--access-type jwt`.
pub const JWT_ENV: &str = "AKEYLESS_JWT";

/// `auth`: reference §1.
#[derive(Debug, Args, Clone, Default)]
pub struct AuthArgs {
    /// Access ID of the auth method (p-…) [default: $AKEYLESS_ACCESS_ID, else the profile's access_id]
    #[arg(long, value_name = "ID")]
    pub access_id: Option<String>,

    /// Access type: access_key, k8s or jwt [default: $AKEYLESS_ACCESS_TYPE, else the profile's access_type, else access_key]
    #[arg(long, value_name = "TYPE", value_parser = AUTH_ACCESS_TYPES)]
    pub access_type: Option<String>,

    /// Access key, for access_key (visible in ps: prefer --access-key-file or $AKEYLESS_ACCESS_KEY) [default: $AKEYLESS_ACCESS_KEY, else the profile's access_key]
    #[arg(long, value_name = "KEY")]
    pub access_key: Option<String>,

    /// File holding the access key, for access_key
    #[arg(long, value_name = "FILE", conflicts_with = "access_key")]
    pub access_key_file: Option<PathBuf>,

    /// Name of the gateway's K8s auth config, for k8s [default: $AKEYLESS_K8S_AUTH_CONF_NAME, else the profile's]
    #[arg(long, value_name = "NAME")]
    pub k8s_auth_config_name: Option<String>,

    /// Base64 of the service-account JWT, for k8s (visible in ps: prefer the -file form) [default: read from /var/run/secrets/kubernetes.io/serviceaccount/token]
    #[arg(long, value_name = "BASE64")]
    pub k8s_service_account_token: Option<String>,

    /// File holding the service-account JWT (raw or base64), for k8s
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "k8s_service_account_token"
    )]
    pub k8s_service_account_token_file: Option<PathBuf>,

    /// The raw JWT, for jwt (visible in ps; prefer --jwt-file or $AKEYLESS_JWT)
    #[arg(long, value_name = "JWT", conflicts_with = "jwt_file")]
    pub jwt: Option<String>,

    /// File holding the raw JWT, for jwt (e.g. a projected service-account token) [default: $AKEYLESS_JWT]
    #[arg(long, value_name = "FILE")]
    pub jwt_file: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub gateway: GatewayArgs,

    /// Keep retrying an unreachable gateway or a 5xx answer (with jittered exponential backoff) for up to this many seconds; refusals (4xx) are never retried; 0 tries once
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub timeout: u64,

    /// Also write the token to this file (0600, atomically: a temporary file in the same directory renamed over it)
    #[arg(long, value_name = "FILE")]
    pub write_token: Option<PathBuf>,

    /// Print the request's non-secret fields to stderr (`--debug[=false]`)
    #[arg(
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        default_value = "false",
        value_parser = BoolishValueParser::new(),
        hide_default_value = true,
        value_name = "BOOL"
    )]
    pub debug: bool,
}

/// `configure`: writes a profile; the name comes from the global `--profile`.
#[derive(Debug, Args, Clone, Default)]
pub struct ConfigureArgs {
    /// Access ID of the auth method (p-…)
    #[arg(long, value_name = "ID")]
    pub access_id: String,

    /// Access key (required for access_key; visible in ps: prefer --access-key-file)
    #[arg(long, value_name = "KEY")]
    pub access_key: Option<String>,

    /// File holding the access key
    #[arg(long, value_name = "FILE", conflicts_with = "access_key")]
    pub access_key_file: Option<PathBuf>,

    /// Access type: access_key or k8s
    #[arg(long, value_name = "TYPE", value_parser = ACCESS_TYPES, default_value = "access_key")]
    pub access_type: String,

    /// Gateway URL to keep in the profile
    #[arg(short = 'u', long, value_name = "URL")]
    pub gateway_url: Option<String>,

    /// K8s auth config name to keep in the profile, for k8s
    #[arg(long, value_name = "NAME")]
    pub k8s_auth_config_name: Option<String>,
}
