//! Auth-method commands in both spellings (`create-auth-method-k8s`,
//! `auth-method create k8s`, …).

use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args, Subcommand};

use super::GatewayArgs;

/// Flags of `create-auth-method-k8s` and `auth-method create k8s` (reference §2).
#[derive(Debug, Args, Clone, Default)]
pub struct AuthMethodK8sArgs {
    /// Auth method name, may include a /folder/ path
    #[arg(short = 'n', long)]
    pub name: String,

    /// Access expiration as a unix timestamp; 0 = never
    #[arg(long, value_name = "UNIX")]
    pub access_expires: Option<i64>,

    /// Required audience (aud claim) of the service-account JWT
    #[arg(long)]
    pub audience: Option<String>,

    /// Namespaces allowed to authenticate; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "NS")]
    pub bound_namespaces: Vec<String>,

    /// Pod names allowed to authenticate; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "POD")]
    pub bound_pod_names: Vec<String>,

    /// Service-account names allowed to authenticate; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "SA")]
    pub bound_sa_names: Vec<String>,

    /// Client CIDRs allowed to authenticate; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "CIDR")]
    pub bound_ips: Vec<String>,

    /// Gateway CIDRs trusted to forward authentications; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "CIDR")]
    pub gw_bound_ips: Vec<String>,

    /// Generate the key pair (`--gen-key[=true]`) [default: true on create, unless a public key is given]
    #[arg(
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = BoolishValueParser::new(),
        value_name = "BOOL"
    )]
    pub gen_key: Option<bool>,

    /// RSA public key (base64 or PEM), used when --gen-key=false
    #[arg(long, value_name = "KEY", conflicts_with = "public_key_file_path")]
    pub public_key: Option<String>,

    /// File holding the RSA public key, used when --gen-key=false
    #[arg(short = 'p', long, value_name = "FILE")]
    pub public_key_file_path: Option<PathBuf>,

    /// Credential TTL in minutes; 0 = the account default
    #[arg(long, value_name = "MINUTES")]
    pub jwt_ttl: Option<i64>,

    /// Role associations must include sub-claims (`--force-sub-claims[=true]`)
    #[arg(
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = BoolishValueParser::new(),
        value_name = "BOOL"
    )]
    pub force_sub_claims: Option<bool>,

    /// Claims to record in audit logs; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "CLAIM")]
    pub audit_logs_claims: Vec<String>,

    /// Client types allowed: cli, ui, gateway-admin, sdk, mobile, extension; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "TYPE")]
    pub allowed_client_type: Vec<String>,

    /// Products the method is for: sm, sra, pm, dp, ca, ara; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "TYPE")]
    pub product_type: Vec<String>,

    /// Days before expiration to raise an event; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "DAYS")]
    pub expiration_event_in: Vec<String>,

    /// Protect the auth method from deletion (`--delete-protection[=true]`)
    #[arg(
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = BoolishValueParser::new(),
        value_name = "BOOL"
    )]
    pub delete_protection: Option<bool>,

    /// Description of the auth method
    #[arg(long, visible_alias = "descriptions", value_name = "TEXT")]
    pub description: Option<String>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// Flags of `update-auth-method-k8s` and `auth-method update k8s`.
#[derive(Debug, Args, Clone, Default)]
pub struct UpdateAuthMethodK8sArgs {
    #[command(flatten)]
    pub k8s: AuthMethodK8sArgs,

    /// New name of the auth method
    #[arg(long, value_name = "NAME")]
    pub new_name: Option<String>,
}

/// An auth method by name (`get`, `delete`).
#[derive(Debug, Args, Clone, Default)]
pub struct AuthMethodNameArgs {
    /// Auth method name
    #[arg(short = 'n', long)]
    pub name: String,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `list-auth-methods` / `auth-method list`.
#[derive(Debug, Args, Clone, Default)]
pub struct ListAuthMethodsArgs {
    /// Only auth methods whose name contains this text
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,

    /// Only these types (k8s, api_key, …); repeat or comma-separate
    #[arg(long = "type", value_delimiter = ',', value_name = "TYPE")]
    pub types: Vec<String>,

    /// Token of the page to fetch (next_page of the previous answer)
    #[arg(long, value_name = "TOKEN")]
    pub pagination_token: Option<String>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

#[derive(Debug, Subcommand)]
pub enum AuthMethodCommand {
    /// Create an auth method
    #[command(subcommand)]
    Create(AuthMethodCreateCommand),

    /// Update an auth method
    #[command(subcommand)]
    Update(AuthMethodUpdateCommand),

    /// Show an auth method
    Get(AuthMethodNameArgs),

    /// List auth methods
    List(ListAuthMethodsArgs),

    /// Delete an auth method
    Delete(AuthMethodNameArgs),
}

#[derive(Debug, Subcommand)]
pub enum AuthMethodCreateCommand {
    /// Create a Kubernetes auth method
    K8s(Box<AuthMethodK8sArgs>),

    /// Create an OAuth2/JWT auth method (tokens checked against a JWKS)
    Oauth2(Box<AuthMethodOAuth2Args>),
}

#[derive(Debug, Subcommand)]
pub enum AuthMethodUpdateCommand {
    /// Update a Kubernetes auth method
    K8s(Box<UpdateAuthMethodK8sArgs>),

    /// Update an OAuth2/JWT auth method
    Oauth2(Box<UpdateAuthMethodOAuth2Args>),
}

/// Flags of `create-auth-method-oauth2` and `auth-method create oauth2`
/// (next-anchors §1.2).
#[derive(Debug, Args, Clone, Default)]
pub struct AuthMethodOAuth2Args {
    /// Auth method name, may include a /folder/ path
    #[arg(short = 'n', long)]
    pub name: String,

    /// Name of the claim that tells identities apart (e.g. sub or email), not its value
    #[arg(long, value_name = "CLAIM")]
    pub unique_identifier: Option<String>,

    /// HTTPS URL of the JWKS that signs the tokens (exclusive with --jwks-json-data)
    #[arg(long, value_name = "URL", conflicts_with = "jwks_json_data")]
    pub jwks_uri: Option<String>,

    /// The JWKS itself, base64-encoded (e.g. the output of 'akl k8s jwks')
    #[arg(long, value_name = "BASE64")]
    pub jwks_json_data: Option<String>,

    /// Required issuer (iss claim); alone, its OIDC discovery document locates the JWKS
    #[arg(long, value_name = "URL")]
    pub issuer: Option<String>,

    /// Required audience (aud claim); a token with an audience needs one here
    #[arg(long)]
    pub audience: Option<String>,

    /// Client IDs (azp, client_id or cid claim) allowed to authenticate; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub bound_client_ids: Vec<String>,

    /// Base64 PEM CA that signs the JWKS/issuer endpoint's certificate
    #[arg(long, value_name = "BASE64")]
    pub cert_file_data: Option<String>,

    /// Role associations must include sub-claims (`--force-sub-claims[=true]`)
    #[arg(
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = BoolishValueParser::new(),
        value_name = "BOOL"
    )]
    pub force_sub_claims: Option<bool>,

    /// Delimiters that split claim values into several sub-claim values; repeat
    #[arg(long, value_name = "DELIM")]
    pub subclaims_delimiters: Vec<String>,

    /// Client CIDRs allowed to authenticate; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "CIDR")]
    pub bound_ips: Vec<String>,

    /// Gateway CIDRs trusted to forward authentications; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "CIDR")]
    pub gw_bound_ips: Vec<String>,

    /// Credential TTL in minutes; 0 = the account default
    #[arg(long, value_name = "MINUTES")]
    pub jwt_ttl: Option<i64>,

    /// Access expiration as a unix timestamp; 0 = never
    #[arg(long, value_name = "UNIX")]
    pub access_expires: Option<i64>,

    /// Claims to record in audit logs; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "CLAIM")]
    pub audit_logs_claims: Vec<String>,

    /// Client types allowed: cli, ui, gateway-admin, sdk, mobile, extension; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "TYPE")]
    pub allowed_client_type: Vec<String>,

    /// Products the method is for: sm, sra, pm, dp, ca, ara; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "TYPE")]
    pub product_type: Vec<String>,

    /// Days before expiration to raise an event; repeat or comma-separate
    #[arg(long, value_delimiter = ',', value_name = "DAYS")]
    pub expiration_event_in: Vec<String>,

    /// Protect the auth method from deletion (`--delete-protection[=true]`)
    #[arg(
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = BoolishValueParser::new(),
        value_name = "BOOL"
    )]
    pub delete_protection: Option<bool>,

    /// Description of the auth method
    #[arg(long, visible_alias = "descriptions", value_name = "TEXT")]
    pub description: Option<String>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// Flags of `update-auth-method-oauth2` and `auth-method update oauth2`.
#[derive(Debug, Args, Clone, Default)]
pub struct UpdateAuthMethodOAuth2Args {
    #[command(flatten)]
    pub oauth2: AuthMethodOAuth2Args,

    /// New name of the auth method
    #[arg(long, value_name = "NAME")]
    pub new_name: Option<String>,
}
