//! One function per command: takes parsed arguments, does the work through
//! the library, and returns the response object. Printing is `output`'s job.

mod generate_csr;
mod k8s;

use anyhow::Result;

use crate::cli::{Command, K8sCommand};
use crate::output::CommandOutput;

pub use generate_csr::generate_csr;

/// Runs a parsed command.
pub async fn run(command: &Command) -> Result<CommandOutput> {
    match command {
        Command::GenerateCsr(args) => generate_csr(args),
        Command::K8s(K8sCommand::CaCert(args)) => k8s::ca_cert(args),
        Command::K8s(K8sCommand::Host(args)) => k8s::host(args),
        Command::K8s(K8sCommand::Issuer(args)) => k8s::issuer(args).await,
    }
}
