//! The command line, spelled as the akeyless CLI spells it: same command
//! names, flag names and `--flag[=false]` booleans. Lives in the library so
//! completions and man pages are generated from the same definitions.

use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, ArgGroup, Args, Parser, Subcommand};

use crate::pki::{CertificateType, HashAlg, KeyAlg};

/// akl does what the Akeyless Kubernetes-auth documentation asks operators,
/// pods and CI scripts to do by hand, with the akeyless CLI's spelling.
#[derive(Debug, Parser)]
#[command(
    name = "akl",
    version,
    about = "Akeyless Kubernetes auth in one binary: an akeyless-compatible CLI and helpers",
    disable_help_subcommand = true,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes, in any position.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Print the response object as JSON (`--json[=false]`)
    #[arg(
        long,
        global = true,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        default_value = "false",
        value_parser = BoolishValueParser::new(),
        hide_default_value = true,
        value_name = "BOOL"
    )]
    pub json: bool,

    /// Print the results of a jq program run over the JSON response, strings raw
    #[arg(long, global = true, value_name = "EXPR")]
    pub jq_expression: Option<String>,

    /// Profile to use [default: $AKEYLESS_DEFAULT_PROFILE, else default_profile in ~/.akeyless/settings, else default]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Session token (t-…) from 'akl auth'; skips the profile's credentials
    #[arg(long, global = true, value_name = "TOKEN")]
    pub token: Option<String>,
}

/// Where gateway-talking commands send their requests.
#[derive(Debug, Args, Clone, Default)]
pub struct GatewayArgs {
    /// Gateway URL [default: $AKEYLESS_GATEWAY_URL, else the profile's gateway_url, else https://127.0.0.1:8000]
    #[arg(short = 'u', long, value_name = "URL")]
    pub gateway_url: Option<String>,

    /// PEM file of certificates to trust for the gateway [default: $AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE]
    #[arg(long, value_name = "FILE")]
    pub gateway_ca_cert: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate a certificate signing request (CSR) and, if asked, its key
    #[command(name = "generate-csr")]
    GenerateCsr(Box<GenerateCsrArgs>),

    /// Kubernetes helpers that replace the kubectl, curl and jq one-liners of the docs
    #[command(subcommand)]
    K8s(K8sCommand),

    /// Authenticate (access key or Kubernetes service account) and print a session token
    Auth(Box<AuthArgs>),

    /// Write a profile (~/.akeyless/profiles/NAME.toml) with the credentials to use
    Configure(ConfigureArgs),

    /// Create a Kubernetes auth method (deprecated spelling of 'auth-method create k8s')
    #[command(name = "create-auth-method-k8s")]
    CreateAuthMethodK8s(Box<AuthMethodK8sArgs>),

    /// Update a Kubernetes auth method (deprecated spelling of 'auth-method update k8s')
    #[command(name = "update-auth-method-k8s")]
    UpdateAuthMethodK8s(Box<UpdateAuthMethodK8sArgs>),

    /// Show an auth method (deprecated spelling of 'auth-method get')
    #[command(name = "get-auth-method")]
    GetAuthMethod(AuthMethodNameArgs),

    /// List auth methods (deprecated spelling of 'auth-method list')
    #[command(name = "list-auth-methods")]
    ListAuthMethods(ListAuthMethodsArgs),

    /// Delete an auth method (deprecated spelling of 'auth-method delete')
    #[command(name = "delete-auth-method")]
    DeleteAuthMethod(AuthMethodNameArgs),

    /// Auth methods: create, update, get, list, delete
    #[command(name = "auth-method", subcommand)]
    AuthMethod(AuthMethodCommand),

    /// Create a K8s auth config on the gateway
    #[command(name = "gateway-create-k8s-auth-config")]
    GatewayCreateK8sAuthConfig(Box<GatewayK8sAuthConfigArgs>),

    /// Update a K8s auth config on the gateway
    #[command(name = "gateway-update-k8s-auth-config")]
    GatewayUpdateK8sAuthConfig(Box<GatewayUpdateK8sAuthConfigArgs>),

    /// Show a K8s auth config of the gateway
    #[command(name = "gateway-get-k8s-auth-config")]
    GatewayGetK8sAuthConfig(GatewayK8sAuthConfigNameArgs),

    /// Delete a K8s auth config from the gateway
    #[command(name = "gateway-delete-k8s-auth-config")]
    GatewayDeleteK8sAuthConfig(GatewayK8sAuthConfigNameArgs),

    /// List the gateway's K8s auth configs (beyond akeyless)
    #[command(name = "gateway-list-k8s-auth-configs")]
    GatewayListK8sAuthConfigs(GatewayListArgs),

    /// Print a classic key stored on the gateway (PEM), e.g. the key generate-csr made
    #[command(name = "export-classic-key", disable_version_flag = true)]
    ExportClassicKey(ExportClassicKeyArgs),

    /// Store a certificate and its key on the gateway, with expiration events
    #[command(name = "create-certificate")]
    CreateCertificate(Box<CreateCertificateArgs>),

    /// Print a certificate stored on the gateway and its key (PEM)
    #[command(name = "get-certificate-value")]
    GetCertificateValue(ItemNameArgs),

    /// List the items (classic keys, certificates) stored on the gateway
    #[command(name = "list-items")]
    ListItems(ListItemsArgs),

    /// Delete an item (classic key or certificate) from the gateway
    #[command(name = "delete-item")]
    DeleteItem(ItemNameArgs),

    /// The embedded gateway
    #[command(subcommand)]
    Gateway(GatewayCommand),
}

#[derive(Debug, Subcommand)]
pub enum GatewayCommand {
    /// Serve the gateway API over HTTPS (auth methods, K8s auth configs, /auth)
    Serve(ServeArgs),
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

/// `generate-csr`: reference §4. Gateway mode (with --gateway-url, or
/// without --key-file/--key-in): the key is a classic key stored on the
/// gateway. Local mode (--key-file or --key-in): the key lives in a file.
#[derive(Debug, Args, Clone)]
#[command(group(
    ArgGroup::new("key_source")
        .args(["key_file", "key_in"])
))]
pub struct GenerateCsrArgs {
    /// Key name: the classic key on the gateway (recorded only in local mode)
    #[arg(short = 'n', long)]
    pub name: String,

    /// Generate a new key (`--generate-key[=false]`); on the gateway, stored under --name; implied by --key-file
    #[arg(
        short = 'g',
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        default_value = "false",
        value_parser = BoolishValueParser::new(),
        hide_default_value = true,
        value_name = "BOOL",
        conflicts_with = "key_in"
    )]
    pub generate_key: bool,

    /// Key algorithm: RSA1024, RSA2048, RSA3072, RSA4096, EC256 or EC384 [default: RSA2048]
    #[arg(long, value_parser = parse_key_alg)]
    pub alg: Option<KeyAlg>,

    /// Common name (CN) of the subject
    #[arg(long)]
    pub common_name: String,

    /// Organization (O); repeat or comma-separate for several (Kubernetes groups)
    #[arg(long, value_delimiter = ',')]
    pub org: Vec<String>,

    /// Organizational unit (OU); repeatable, comma-separated
    #[arg(long, value_delimiter = ',')]
    pub dep: Vec<String>,

    /// Locality (L)
    #[arg(long, value_delimiter = ',')]
    pub city: Vec<String>,

    /// State or province (ST)
    #[arg(long, value_delimiter = ',')]
    pub state: Vec<String>,

    /// Two-letter country code (C)
    #[arg(long, value_delimiter = ',')]
    pub country: Vec<String>,

    /// DNS subject alternative names, comma-separated
    #[arg(long, value_delimiter = ',')]
    pub alt_names: Vec<String>,

    /// Email subject alternative names, comma-separated
    #[arg(long, value_delimiter = ',')]
    pub email_addresses: Vec<String>,

    /// IP subject alternative names, comma-separated
    #[arg(long, value_delimiter = ',')]
    pub ip_addresses: Vec<String>,

    /// URI subject alternative names, comma-separated
    #[arg(long, value_delimiter = ',')]
    pub uri_sans: Vec<String>,

    /// Key usages, comma-separated (digitalSignature, keyEncipherment, keyAgreement, …)
    #[arg(long, value_delimiter = ',')]
    pub key_usage: Vec<String>,

    /// Extended key usages, comma-separated (serverAuth, clientAuth, codeSigning, …)
    #[arg(long, value_delimiter = ',')]
    pub ext_key_usage: Vec<String>,

    /// Mark the key usage extensions critical (`--critical[=false]`)
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
    pub critical: bool,

    /// Signature hash: SHA256, SHA384 or SHA512 [default: SHA256; SHA384 for EC384]
    #[arg(long, value_parser = parse_hash_alg)]
    pub hash_algorithm: Option<HashAlg>,

    /// Also return the private key (`--export-private-key[=false]`)
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
    pub export_private_key: bool,

    /// Certificate types, comma-separated: ssl-client, ssl-server, certificate-signing
    #[arg(long, value_delimiter = ',', value_parser = parse_certificate_type)]
    pub certificate_type: Vec<CertificateType>,

    /// Generate the key here and write it to PATH (PEM, mode 0600)
    #[arg(long, value_name = "PATH")]
    pub key_file: Option<PathBuf>,

    /// Sign the request with the existing PEM key in PATH
    #[arg(long, value_name = "PATH")]
    pub key_in: Option<PathBuf>,

    /// Overwrite an existing --key-file, or (gateway mode, with --generate-key) replace the classic key stored under --name
    #[arg(long)]
    pub force: bool,

    /// Key type: classic-key (dfc keys are not supported)
    #[arg(long, default_value = "classic-key", value_name = "TYPE")]
    pub key_type: String,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// Which kubeconfig and context to read.
#[derive(Debug, Args, Clone, Default)]
pub struct KubeArgs {
    /// Path to the kubeconfig [default: $KUBECONFIG, else ~/.kube/config]
    #[arg(long, value_name = "PATH")]
    pub kubeconfig: Option<PathBuf>,

    /// Kubeconfig context to use [default: the current context]
    #[arg(long, value_name = "NAME")]
    pub context: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum K8sCommand {
    /// Print the cluster CA as base64, like kubectl's certificate-authority-data jsonpath
    #[command(name = "ca-cert")]
    CaCert(KubeArgs),

    /// Print the API server URL of the context
    Host(KubeArgs),

    /// Print the service-account issuer (OIDC discovery, or a token's iss claim)
    Issuer(IssuerArgs),

    /// Submit a client-certificate CSR (kubernetes.io/kube-apiserver-client), approve it if asked, print the certificate
    #[command(name = "issue-client-cert")]
    IssueClientCert(Box<IssueClientCertArgs>),

    /// Create the token-reviewer service account, its system:auth-delegator binding and token Secret; print the token
    #[command(name = "setup-token-reviewer")]
    SetupTokenReviewer(SetupTokenReviewerArgs),

    /// Bind ClusterRole system:auth-delegator to users, groups or service accounts, keeping existing subjects
    #[command(name = "bind-auth-delegator")]
    BindAuthDelegator(BindAuthDelegatorArgs),
}

#[derive(Debug, Args, Clone)]
pub struct IssuerArgs {
    #[command(flatten)]
    pub kube: KubeArgs,

    /// Read the issuer from this service-account token file ('-' for stdin) instead of asking the API server
    #[arg(long, value_name = "FILE")]
    pub from_token: Option<PathBuf>,
}

/// `k8s issue-client-cert`: seed 000's CSR, approval and certificate.
#[derive(Debug, Args, Clone)]
#[command(group(
    ArgGroup::new("csr_source")
        .required(true)
        .args(["csr_file", "from_classic_key"])
))]
pub struct IssueClientCertArgs {
    /// Name of the CertificateSigningRequest: the Kubernetes user, by convention the CSR's CN
    #[arg(short = 'n', long, value_name = "USER")]
    pub name: String,

    /// PEM certificate signing request to submit ('-' for stdin), e.g. from 'akl generate-csr'
    #[arg(long, value_name = "FILE")]
    pub csr_file: Option<PathBuf>,

    /// Have the gateway sign the CSR (CN = --name, O = --group) with this existing classic key
    #[arg(long, value_name = "NAME")]
    pub from_classic_key: Option<String>,

    /// Kubernetes group (the CSR's O); repeat or comma-separate. With --csr-file it must match the CSR
    #[arg(long, value_delimiter = ',', value_name = "GROUP")]
    pub group: Vec<String>,

    /// Approve the CSR (needs `approve` on signers kubernetes.io/kube-apiserver-client)
    #[arg(long)]
    pub approve: bool,

    /// Requested certificate lifetime in seconds, at least 600 [default: the signer's maximum]
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
    pub expiration_seconds: Option<i64>,

    /// Seconds to wait for approval and the certificate
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub timeout: u64,

    /// Write the certificate as PEM to FILE (mode 0644) instead of printing its base64
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Overwrite an existing --out file
    #[arg(long, requires = "out")]
    pub force: bool,

    /// Print the CSR (YAML, or JSON with --json) and what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub kube: KubeArgs,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `k8s setup-token-reviewer`: seed 001's service account, binding and token.
#[derive(Debug, Args, Clone)]
pub struct SetupTokenReviewerArgs {
    /// Namespace of the service account and its token Secret
    #[arg(long, value_name = "NS", default_value = "default")]
    pub namespace: String,

    /// Service account name; the token Secret is NAME-token
    #[arg(long, value_name = "NAME", default_value = "gateway-token-reviewer")]
    pub name: String,

    /// ClusterRoleBinding to system:auth-delegator to create or add the service account to
    #[arg(long, value_name = "NAME", default_value = "role-tokenreview-binding")]
    pub binding: String,

    /// Seconds to wait for the token controller to fill the Secret
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub timeout: u64,

    /// Print the objects (YAML, or JSON with --json) and what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub kube: KubeArgs,
}

/// `k8s bind-auth-delegator`: seed 000's ClusterRoleBinding.
#[derive(Debug, Args, Clone)]
#[command(group(
    ArgGroup::new("subject")
        .required(true)
        .multiple(true)
        .args(["user", "group", "service_account"])
))]
pub struct BindAuthDelegatorArgs {
    /// User to bind (a client certificate's CN); repeatable
    #[arg(long, value_name = "NAME")]
    pub user: Vec<String>,

    /// Group to bind (a client certificate's O); repeatable
    #[arg(long, value_name = "NAME")]
    pub group: Vec<String>,

    /// Service account to bind, as NAMESPACE/NAME; repeatable
    #[arg(long, value_name = "NS/NAME")]
    pub service_account: Vec<String>,

    /// ClusterRoleBinding to create or add the subjects to
    #[arg(long, value_name = "NAME", default_value = "role-tokenreview-binding")]
    pub binding: String,

    /// Print the binding (YAML, or JSON with --json) as it would be, and change nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub kube: KubeArgs,
}

/// The access types `auth` and `configure` support.
pub const ACCESS_TYPES: [&str; 2] = ["access_key", "k8s"];

/// `auth`: reference §1.
#[derive(Debug, Args, Clone, Default)]
pub struct AuthArgs {
    /// Access ID of the auth method (p-…) [default: the profile's access_id]
    #[arg(long, value_name = "ID")]
    pub access_id: Option<String>,

    /// Access type: access_key or k8s [default: the profile's access_type, else access_key]
    #[arg(long, value_name = "TYPE", value_parser = ACCESS_TYPES)]
    pub access_type: Option<String>,

    /// Access key, for access_key [default: the profile's access_key]
    #[arg(long, value_name = "KEY")]
    pub access_key: Option<String>,

    /// Name of the gateway's K8s auth config, for k8s
    #[arg(long, value_name = "NAME")]
    pub k8s_auth_config_name: Option<String>,

    /// Base64 of the service-account JWT, for k8s [default: read from /var/run/secrets/kubernetes.io/serviceaccount/token]
    #[arg(long, value_name = "BASE64")]
    pub k8s_service_account_token: Option<String>,

    #[command(flatten)]
    pub gateway: GatewayArgs,

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

    /// Access key (required for access_key)
    #[arg(long, value_name = "KEY")]
    pub access_key: Option<String>,

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
}

#[derive(Debug, Subcommand)]
pub enum AuthMethodUpdateCommand {
    /// Update a Kubernetes auth method
    K8s(Box<UpdateAuthMethodK8sArgs>),
}

/// Flags of `gateway-create-k8s-auth-config` (reference §3).
#[derive(Debug, Args, Clone, Default)]
pub struct GatewayK8sAuthConfigArgs {
    /// Config name (pods pass it as --k8s-auth-config-name)
    #[arg(short = 'n', long)]
    pub name: String,

    /// Access ID of the K8s auth method (p-…)
    #[arg(long, value_name = "ID")]
    pub access_id: Option<String>,

    /// The auth method's private key, base64 PEM (prv_key of create-auth-method-k8s)
    #[arg(long, value_name = "BASE64")]
    pub signing_key: Option<String>,

    /// Kubernetes API server URL [default: from the kubeconfig]
    #[arg(long, value_name = "URL")]
    pub k8s_host: Option<String>,

    /// Cluster CA, base64 PEM [default: from the kubeconfig when the host comes from it or --kubeconfig/--context is given]
    #[arg(long, value_name = "BASE64", num_args = 1..)]
    pub k8s_ca_cert: Vec<String>,

    /// Raw JWT the gateway uses for TokenReview [default: the JWT being reviewed]
    #[arg(long, value_name = "JWT")]
    pub token_reviewer_jwt: Option<String>,

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

    /// Client private key for --k8s-auth-type certificate (base64 of PEM)
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

/// `export-classic-key` (reference §4).
#[derive(Debug, Args, Clone, Default)]
pub struct ExportClassicKeyArgs {
    /// Classic key name
    #[arg(short = 'n', long)]
    pub name: String,

    /// Key version [default: the latest]
    #[arg(short = 'v', long, value_name = "N")]
    pub version: Option<i64>,

    /// Print only the public key (`--export-public-key[=false]`)
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
    pub export_public_key: bool,

    /// Read the value without the gateway's cache (`--ignore-cache[=false]`); accepted for compatibility
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
    pub ignore_cache: bool,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `create-certificate` (reference §4).
#[derive(Debug, Args, Clone, Default)]
#[command(group(
    ArgGroup::new("certificate_source")
        .required(true)
        .args(["certificate_data", "certificate"])
))]
pub struct CreateCertificateArgs {
    /// Certificate name, may include a /folder/ path
    #[arg(short = 'n', long)]
    pub name: String,

    /// Base64 of the certificate file's content (kubectl's .status.certificate is already that); words of a wrapped value are joined
    #[arg(long, value_name = "BASE64", num_args = 1..)]
    pub certificate_data: Option<Vec<String>>,

    /// Certificate file (PEM, or DER for .cer/.crt); the format comes from its extension
    #[arg(short = 'c', long, value_name = "FILE")]
    pub certificate: Option<PathBuf>,

    /// Base64 of the private key file's content; words of a wrapped value (unquoted `base64` output) are joined
    #[arg(
        long,
        value_name = "BASE64",
        num_args = 1..,
        conflicts_with = "private_key"
    )]
    pub key_data: Option<Vec<String>>,

    /// Private key file (PEM)
    #[arg(short = 'p', long, value_name = "FILE")]
    pub private_key: Option<PathBuf>,

    /// Format: pem, crt, cer (pfx and p12 are not supported) [default: from the --certificate extension, else pem]
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,

    /// Days before expiration to raise an event; repeat or comma-separate
    #[arg(short = 'e', long, value_delimiter = ',', value_name = "DAYS")]
    pub expiration_event_in: Vec<String>,

    /// Tag to attach; repeatable
    #[arg(short = 't', long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Description of the certificate
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,

    /// Protect the certificate from deletion (`--delete-protection[=true]`)
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

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// An item by name (`get-certificate-value`, `delete-item`).
#[derive(Debug, Args, Clone, Default)]
pub struct ItemNameArgs {
    /// Item name
    #[arg(short = 'n', long)]
    pub name: String,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `list-items`.
#[derive(Debug, Args, Clone, Default)]
pub struct ListItemsArgs {
    /// Only these item types (classic-key, certificate); repeat or comma-separate
    #[arg(long = "type", value_delimiter = ',', value_name = "TYPE")]
    pub types: Vec<String>,

    /// Only items whose name contains this text
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,

    /// Only items under this folder
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,

    /// Only items with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

fn parse_key_alg(s: &str) -> Result<KeyAlg, String> {
    s.parse()
}

fn parse_hash_alg(s: &str) -> Result<HashAlg, String> {
    s.parse()
}

fn parse_certificate_type(s: &str) -> Result<CertificateType, String> {
    s.parse()
}

/// The subcommand path named by `args` (e.g. `akl k8s host`), for pointing
/// at the right `--help` in one-line usage errors.
pub fn command_path(args: &[String]) -> String {
    let mut cmd = command();
    let mut path = vec!["akl".to_owned()];
    for word in args.iter().skip(1) {
        if word.starts_with('-') {
            continue;
        }
        match cmd.find_subcommand(word) {
            Some(sub) => {
                path.push(sub.get_name().to_owned());
                let sub = sub.clone();
                cmd = sub;
            }
            None => continue,
        }
    }
    path.join(" ")
}

/// The clap command, for completions and man pages.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definitions_are_consistent() {
        command().debug_assert();
    }

    #[test]
    fn bool_flags_take_optional_values() {
        let cli = Cli::try_parse_from([
            "akl",
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "cn",
            "--key-file",
            "f",
            "--json",
            "--critical=false",
            "--export-private-key",
        ])
        .unwrap();
        assert!(cli.global.json);
        let Command::GenerateCsr(a) = cli.command else {
            panic!()
        };
        assert!(!a.critical);
        assert!(a.export_private_key);
    }

    #[test]
    fn command_path_follows_subcommands() {
        let args: Vec<String> = ["akl", "--json", "k8s", "--context", "x", "host"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(command_path(&args), "akl k8s host");
    }

    #[test]
    fn orgs_split_on_commas_and_repeat() {
        let cli = Cli::try_parse_from([
            "akl",
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "cn",
            "--key-file",
            "f",
            "--org",
            "a,b",
            "--org",
            "c",
        ])
        .unwrap();
        let Command::GenerateCsr(a) = cli.command else {
            panic!()
        };
        assert_eq!(a.org, ["a", "b", "c"]);
    }
}
