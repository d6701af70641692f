//! Static secrets and item metadata (akeyless-roles-secrets.md §4):
//! `create-secret`, `get-secret-value`, `update-secret-val`,
//! `describe-item`, `update-item`.

use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, ArgGroup, Args};

use super::GatewayArgs;

/// `create-secret` (reference §4).
#[derive(Debug, Args, Clone, Default)]
#[command(group(ArgGroup::new("secret_value").required(true).args(["value", "value_file"])))]
pub struct CreateSecretArgs {
    /// Secret name, may include a /folder/ path
    #[arg(short = 'n', long)]
    pub name: String,

    /// Secret value; visible to `ps`, prefer --value-file
    #[arg(short = 'v', long, value_name = "VALUE")]
    pub value: Option<String>,

    /// Read the value from this file ('-' = stdin), keeping it off the command line (beyond akeyless)
    #[arg(long, value_name = "FILE")]
    pub value_file: Option<PathBuf>,

    /// Value format: text, json or key-value
    #[arg(short = 'f', long, value_name = "FORMAT")]
    pub format: Option<String>,

    /// Tag to attach; repeatable
    #[arg(short = 't', long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Description of the secret
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,

    /// Protect the secret from deletion (`--delete-protection[=true]`)
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

    /// Versions to keep (older ones are dropped by update-secret-val --keep-prev-version)
    #[arg(long, value_name = "N")]
    pub max_versions: Option<u32>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `get-secret-value` (reference §4).
#[derive(Debug, Args, Clone, Default)]
pub struct GetSecretValueArgs {
    /// Secret name; repeat for several (the answer is then a JSON map)
    #[arg(short = 'n', long, required = true)]
    pub name: Vec<String>,

    /// Version to read [default: the latest]; -N prints the last N versions as a JSON map
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub version: Option<i64>,

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

/// `update-secret-val` (reference §4).
#[derive(Debug, Args, Clone, Default)]
#[command(group(ArgGroup::new("secret_value").required(true).args(["value", "value_file"])))]
pub struct UpdateSecretValArgs {
    /// Secret name
    #[arg(short = 'n', long)]
    pub name: String,

    /// New value; visible to `ps`, prefer --value-file
    #[arg(short = 'v', long, value_name = "VALUE")]
    pub value: Option<String>,

    /// Read the new value from this file ('-' = stdin) (beyond akeyless)
    #[arg(long, value_name = "FILE")]
    pub value_file: Option<PathBuf>,

    /// Keep the previous value as an older version (`--keep-prev-version[=true]`) [default: overwrite the latest]
    #[arg(
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = BoolishValueParser::new(),
        value_name = "BOOL"
    )]
    pub keep_prev_version: Option<bool>,

    /// Value format: text, json or key-value
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `describe-item` (reference §4).
#[derive(Debug, Args, Clone, Default)]
pub struct DescribeItemArgs {
    /// Item name
    #[arg(short = 'n', long)]
    pub name: String,

    /// Include the item's versions (`--show-versions[=false]`)
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
    pub show_versions: bool,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `update-item`: metadata only, never a new version.
#[derive(Debug, Args, Clone, Default)]
pub struct UpdateItemArgs {
    /// Item name
    #[arg(short = 'n', long)]
    pub name: String,

    /// New description
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,

    /// Tag to add; repeatable
    #[arg(long, value_name = "TAG")]
    pub add_tag: Vec<String>,

    /// Tag to remove; repeatable
    #[arg(long, value_name = "TAG")]
    pub rm_tag: Vec<String>,

    /// Protect the item from deletion (`--delete-protection[=true]`); =false lifts it
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
