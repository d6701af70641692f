//! `akl k8s …`: the kubectl, curl and jq one-liners of the docs.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Subcommand};

use super::{GatewayArgs, KubeconfigArgs};

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

    /// Print the cluster's service-account JWKS base64-encoded, for 'auth-method create oauth2 --jwks-json-data'
    Jwks(KubeArgs),

    /// Submit a client-certificate CSR (kubernetes.io/kube-apiserver-client), approve it if asked, print the certificate
    #[command(name = "issue-client-cert")]
    IssueClientCert(Box<IssueClientCertArgs>),

    /// Create the token-reviewer service account, its system:auth-delegator binding and token Secret; print the token
    #[command(name = "setup-token-reviewer")]
    SetupTokenReviewer(SetupTokenReviewerArgs),

    /// Bind ClusterRole system:auth-delegator to users, groups or service accounts, keeping existing subjects
    #[command(name = "bind-auth-delegator")]
    BindAuthDelegator(BindAuthDelegatorArgs),

    /// Write a kubeconfig user (certificate, service-account token or OIDC) and context, like kubectl config set-credentials/set-context
    Kubeconfig(Box<KubeconfigArgs>),
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
