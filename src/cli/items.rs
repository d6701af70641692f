//! Items on the gateway: classic keys, certificates, listing and deletion.

use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, ArgGroup, Args};

use super::GatewayArgs;

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

/// An item by name (`get-certificate-value`).
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
    /// Only these item types (static-secret, classic-key, certificate); repeat or comma-separate
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

    /// Next page token, from the previous answer's next_page
    #[arg(long, value_name = "TOKEN")]
    pub pagination_token: Option<String>,

    /// Names and types only (`--minimal-view[=true]`)
    #[arg(
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = BoolishValueParser::new(),
        value_name = "BOOL"
    )]
    pub minimal_view: Option<bool>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `delete-item` (reference §4).
#[derive(Debug, Args, Clone, Default)]
pub struct DeleteItemArgs {
    /// Item name
    #[arg(short = 'n', long)]
    pub name: String,

    /// Version to delete: -1 = the whole item, 0 = the last version, N = version N
    #[arg(long, value_name = "N", default_value_t = -1, allow_negative_numbers = true)]
    pub version: i64,

    /// Days before a key is deleted; items are deleted at once
    #[arg(long, value_name = "DAYS", allow_negative_numbers = true)]
    pub delete_in_days: Option<i64>,

    /// Delete at once (`--delete-immediately[=false]`); items here always are
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
    pub delete_immediately: bool,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}
