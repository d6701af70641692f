//! One function per command: takes parsed arguments, does the work through
//! the library, and returns the response object. Printing is `output`'s job.

pub mod auth;
pub mod auth_method;
pub mod certificate;
pub mod classic_key;
mod gateway;
mod generate_csr;
mod k8s;
pub mod k8s_auth_config;
pub mod session;

use anyhow::Result;

use crate::cli::{
    AuthMethodCommand, AuthMethodCreateCommand, AuthMethodUpdateCommand, Cli, Command, GlobalArgs,
    K8sCommand,
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
        Command::K8s(K8sCommand::IssueClientCert(args)) => {
            k8s::issue_client_cert(global, args).await
        }
        Command::K8s(K8sCommand::SetupTokenReviewer(args)) => k8s::setup_token_reviewer(args).await,
        Command::K8s(K8sCommand::BindAuthDelegator(args)) => k8s::bind_auth_delegator(args).await,
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
        Command::AuthMethod(sub) => match sub {
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
        Command::ListItems(args) => certificate::list_items(global, args).await,
        Command::DeleteItem(args) => certificate::delete_item(global, args).await,
        Command::Gateway(crate::cli::GatewayCommand::Backup(args)) => gateway::backup(args),
        Command::Gateway(crate::cli::GatewayCommand::Restore(args)) => gateway::restore(args),
        // Long-running: main runs it on its own multi-threaded runtime.
        Command::Gateway(_) => anyhow::bail!("`akl gateway serve` is run by main, not dispatched"),
    }
}
