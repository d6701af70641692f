//! One function per command: takes parsed arguments, does the work through
//! the library, and returns the response object. Printing is `output`'s job.

pub mod auth;
pub mod auth_method;
pub mod auth_method_oauth2;
pub mod certificate;
pub mod classic_key;
mod gateway;
mod gateway_admin;
mod generate_csr;
pub mod item;
mod k8s;
pub mod k8s_auth_config;
mod k8s_kubeconfig;
pub mod role;
pub mod secret;
pub mod session;

use anyhow::Result;

use crate::cli::{
    AuthMethodCommand, AuthMethodCreateCommand, AuthMethodUpdateCommand, Cli, Command,
    GatewayCommand, GlobalArgs, K8sCommand,
};
use crate::output::CommandOutput;

use auth_method::Spelling;

pub use generate_csr::generate_csr;

/// Runs a parsed command line.
pub async fn run_cli(cli: &Cli) -> Result<CommandOutput> {
    run_with(&cli.global, &cli.command).await
}

/// Runs a parsed command with the given global flags.
pub async fn run_with(global: &GlobalArgs, command: &Command) -> Result<CommandOutput> {
    match command {
        Command::GenerateCsr(args) => classic_key::generate_csr(global, args).await,
        Command::K8s(K8sCommand::CaCert(args)) => k8s::ca_cert(args),
        Command::K8s(K8sCommand::Host(args)) => k8s::host(args),
        Command::K8s(K8sCommand::Issuer(args)) => k8s::issuer(args).await,
        Command::K8s(K8sCommand::Jwks(args)) => k8s::jwks(args).await,
        Command::K8s(K8sCommand::IssueClientCert(args)) => {
            k8s::issue_client_cert(global, args).await
        }
        Command::K8s(K8sCommand::SetupTokenReviewer(args)) => k8s::setup_token_reviewer(args).await,
        Command::K8s(K8sCommand::BindAuthDelegator(args)) => k8s::bind_auth_delegator(args).await,
        Command::K8s(K8sCommand::Kubeconfig(args)) => k8s_kubeconfig::run(global, args).await,
        Command::Auth(args) => auth::auth(global, args).await,
        Command::Configure(args) => auth::configure(global, args),
        Command::CreateAuthMethodK8s(args) => {
            auth_method::create(global, args, Spelling::Legacy).await
        }
        Command::UpdateAuthMethodK8s(args) => {
            auth_method::update(global, args, Spelling::Legacy).await
        }
        Command::GetAuthMethod(args) => auth_method::get(global, args, Spelling::Legacy).await,
        Command::ListAuthMethods(args) => {
            auth_method::list_methods(global, args, Spelling::Legacy).await
        }
        Command::DeleteAuthMethod(args) => {
            auth_method::delete(global, args, Spelling::Legacy).await
        }
        Command::CreateAuthMethodOauth2(args) => {
            auth_method_oauth2::create(global, args, Spelling::Legacy).await
        }
        Command::UpdateAuthMethodOauth2(args) => {
            auth_method_oauth2::update(global, args, Spelling::Legacy).await
        }
        Command::AuthMethod(sub) => match sub {
            AuthMethodCommand::Create(AuthMethodCreateCommand::Oauth2(args)) => {
                auth_method_oauth2::create(global, args, Spelling::Current).await
            }
            AuthMethodCommand::Update(AuthMethodUpdateCommand::Oauth2(args)) => {
                auth_method_oauth2::update(global, args, Spelling::Current).await
            }
            AuthMethodCommand::Create(AuthMethodCreateCommand::K8s(args)) => {
                auth_method::create(global, args, Spelling::Current).await
            }
            AuthMethodCommand::Update(AuthMethodUpdateCommand::K8s(args)) => {
                auth_method::update(global, args, Spelling::Current).await
            }
            AuthMethodCommand::Get(args) => auth_method::get(global, args, Spelling::Current).await,
            AuthMethodCommand::List(args) => {
                auth_method::list_methods(global, args, Spelling::Current).await
            }
            AuthMethodCommand::Delete(args) => {
                auth_method::delete(global, args, Spelling::Current).await
            }
        },
        Command::GatewayCreateK8sAuthConfig(args) => k8s_auth_config::create(global, args).await,
        Command::GatewayUpdateK8sAuthConfig(args) => k8s_auth_config::update(global, args).await,
        Command::GatewayGetK8sAuthConfig(args) => k8s_auth_config::get(global, args).await,
        Command::GatewayDeleteK8sAuthConfig(args) => k8s_auth_config::delete(global, args).await,
        Command::GatewayListK8sAuthConfigs(args) => k8s_auth_config::list(global, args).await,
        Command::ExportClassicKey(args) => classic_key::export_classic_key(global, args).await,
        Command::CreateCertificate(args) => certificate::create(global, args).await,
        Command::GetCertificateValue(args) => certificate::get_value(global, args).await,
        Command::ListItems(args) => item::list_items(global, args).await,
        Command::DeleteItem(args) => item::delete(global, args).await,
        Command::DescribeItem(args) => item::describe(global, args).await,
        Command::UpdateItem(args) => item::update(global, args).await,
        Command::CreateRole(args) => role::create(global, args).await,
        Command::UpdateRole(args) => role::update(global, args).await,
        Command::GetRole(args) => role::get(global, args).await,
        Command::ListRoles(args) => role::list(global, args).await,
        Command::DeleteRole(args) => role::delete(global, args).await,
        Command::SetRoleRule(args) => role::set_rule(global, args).await,
        Command::DeleteRoleRule(args) => role::delete_rule(global, args).await,
        Command::AssocRoleAm(args) => role::assoc(global, args).await,
        Command::UpdateAssoc(args) => role::update_assoc(global, args).await,
        Command::DeleteAssoc(args) => role::delete_assoc(global, args).await,
        Command::DescribeRoleAmAssoc(args) => role::describe_assoc(global, args).await,
        Command::DescribeSubClaims(args) => role::describe_sub_claims(global, args).await,
        Command::CreateSecret(args) => secret::create(global, args).await,
        Command::GetSecretValue(args) => secret::get_value(global, args).await,
        Command::UpdateSecretVal(args) => secret::update_value(global, args).await,
        Command::Gateway(GatewayCommand::Admin(cmd)) => gateway_admin::run(cmd),
        Command::Gateway(GatewayCommand::Backup(args)) => gateway::backup(args),
        Command::Gateway(GatewayCommand::Restore(args)) => gateway::restore(args),
        // Long-running: main runs it on its own multi-threaded runtime.
        Command::Gateway(_) => anyhow::bail!("`akl gateway serve` is run by main, not dispatched"),
    }
}
