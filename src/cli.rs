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
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate a certificate signing request (CSR) and, if asked, its key
    #[command(name = "generate-csr")]
    GenerateCsr(Box<GenerateCsrArgs>),

    /// Kubernetes helpers that replace the kubectl, curl and jq one-liners of the docs
    #[command(subcommand)]
    K8s(K8sCommand),
}

/// `generate-csr`: reference §4. Local mode: the key lives in a file.
#[derive(Debug, Args, Clone)]
#[command(group(
    ArgGroup::new("key_source")
        .required(true)
        .args(["key_file", "key_in"])
))]
pub struct GenerateCsrArgs {
    /// Key name (as on the gateway); recorded for compatibility with akeyless
    #[arg(short = 'n', long)]
    pub name: String,

    /// Generate a new key (`--generate-key[=false]`); implied by --key-file
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

    /// Overwrite an existing --key-file
    #[arg(long, requires = "key_file")]
    pub force: bool,
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
}

#[derive(Debug, Args, Clone)]
pub struct IssuerArgs {
    #[command(flatten)]
    pub kube: KubeArgs,

    /// Read the issuer from this service-account token file ('-' for stdin) instead of asking the API server
    #[arg(long, value_name = "FILE")]
    pub from_token: Option<PathBuf>,
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
