//! `generate-csr`.

use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, ArgGroup, Args};

use crate::pki::{CertificateType, HashAlg, KeyAlg};

use super::GatewayArgs;

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

fn parse_key_alg(s: &str) -> Result<KeyAlg, String> {
    s.parse()
}

fn parse_hash_alg(s: &str) -> Result<HashAlg, String> {
    s.parse()
}

fn parse_certificate_type(s: &str) -> Result<CertificateType, String> {
    s.parse()
}
