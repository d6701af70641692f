//! The command line, spelled as the akeyless CLI spells it: same command
//! names, flag names and `--flag[=false]` booleans. Lives in the library so
//! completions and man pages are generated from the same definitions.

use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args, Parser, Subcommand};

mod auth;
mod auth_method;
mod csr;
mod gateway;
mod items;
mod k8s;
mod k8s_auth_config;
mod k8s_kubeconfig;
mod roles;
mod secrets;

pub use auth::*;
pub use auth_method::*;
pub use csr::*;
pub use gateway::*;
pub use items::*;
pub use k8s::*;
pub use k8s_auth_config::*;
pub use k8s_kubeconfig::*;
pub use roles::*;
pub use secrets::*;

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

    /// Session token (t-…) from 'akl auth'; skips the profile's credentials (visible in ps: prefer --token-file)
    #[arg(long, global = true, value_name = "TOKEN")]
    pub token: Option<String>,

    /// File holding the session token (t-…), e.g. written by 'akl auth --write-token'
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "token")]
    pub token_file: Option<PathBuf>,
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

    /// Create an OAuth2/JWT auth method (deprecated spelling of 'auth-method create oauth2')
    #[command(name = "create-auth-method-oauth2")]
    CreateAuthMethodOauth2(Box<AuthMethodOAuth2Args>),

    /// Update an OAuth2/JWT auth method (deprecated spelling of 'auth-method update oauth2')
    #[command(name = "update-auth-method-oauth2")]
    UpdateAuthMethodOauth2(Box<UpdateAuthMethodOAuth2Args>),

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

    /// List the items (secrets, classic keys, certificates) you may list
    #[command(name = "list-items")]
    ListItems(ListItemsArgs),

    /// Delete an item (secret, classic key or certificate), or one version of it
    #[command(name = "delete-item", disable_version_flag = true)]
    DeleteItem(DeleteItemArgs),

    /// Create an access role
    #[command(name = "create-role")]
    CreateRole(CreateRoleArgs),

    /// Rename a role or change its description
    #[command(name = "update-role")]
    UpdateRole(UpdateRoleArgs),

    /// Show a role with its rules and auth-method associations
    #[command(name = "get-role")]
    GetRole(RoleNameArgs),

    /// List access roles
    #[command(name = "list-roles")]
    ListRoles(ListRolesArgs),

    /// Delete an access role
    #[command(name = "delete-role")]
    DeleteRole(RoleNameArgs),

    /// Set the capabilities of a role on a path
    #[command(name = "set-role-rule")]
    SetRoleRule(SetRoleRuleArgs),

    /// Remove a rule from a role
    #[command(name = "delete-role-rule")]
    DeleteRoleRule(DeleteRoleRuleArgs),

    /// Associate a role with an auth method, optionally limited by sub-claims
    #[command(name = "assoc-role-am")]
    AssocRoleAm(AssocRoleAmArgs),

    /// Change the sub-claims of a role association
    #[command(name = "update-assoc")]
    UpdateAssoc(UpdateAssocArgs),

    /// Remove a role association
    #[command(name = "delete-assoc")]
    DeleteAssoc(AssocIdArgs),

    /// Show a role association
    #[command(name = "describe-role-am-assoc")]
    DescribeRoleAmAssoc(AssocIdArgs),

    /// Show the sub-claims of your own token
    #[command(name = "describe-sub-claims")]
    DescribeSubClaims(DescribeSubClaimsArgs),

    /// Create a static secret
    #[command(name = "create-secret")]
    CreateSecret(Box<CreateSecretArgs>),

    /// Print the value of one or more static secrets
    #[command(name = "get-secret-value", disable_version_flag = true)]
    GetSecretValue(GetSecretValueArgs),

    /// Change the value of a static secret
    #[command(name = "update-secret-val")]
    UpdateSecretVal(UpdateSecretValArgs),

    /// Show an item's details (type, tags, versions, …)
    #[command(name = "describe-item")]
    DescribeItem(DescribeItemArgs),

    /// Change an item's description, tags or delete protection
    #[command(name = "update-item")]
    UpdateItem(UpdateItemArgs),

    /// The embedded gateway
    #[command(subcommand)]
    Gateway(GatewayCommand),
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
