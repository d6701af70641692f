//! `akl k8s …`: what the docs do with kubectl, curl and jq.

use std::io::Read;

use anyhow::{Context, Result};
use serde_json::json;

use crate::cli::{IssuerArgs, KubeArgs};
use crate::kubeconfig::{self, Selection};
use crate::output::CommandOutput;

fn selection(args: &KubeArgs) -> Selection {
    Selection {
        kubeconfig: args.kubeconfig.clone(),
        context: args.context.clone(),
    }
}

pub fn ca_cert(args: &KubeArgs) -> Result<CommandOutput> {
    let loaded = kubeconfig::load(&selection(args))?;
    let target = loaded.target(args.context.as_deref())?;
    let ca = target.ca_base64()?;
    Ok(CommandOutput::new(
        json!({ "k8s_ca_cert": ca, "context": target.context, "cluster": target.cluster_name }),
        ca,
    ))
}

pub fn host(args: &KubeArgs) -> Result<CommandOutput> {
    let loaded = kubeconfig::load(&selection(args))?;
    let target = loaded.target(args.context.as_deref())?;
    let server = target.server()?;
    Ok(CommandOutput::new(
        json!({ "k8s_host": server, "context": target.context, "cluster": target.cluster_name }),
        server,
    ))
}

pub async fn issuer(args: &IssuerArgs) -> Result<CommandOutput> {
    let issuer = match &args.from_token {
        Some(path) => {
            let mut jwt = String::new();
            if path.as_os_str() == "-" {
                std::io::stdin()
                    .read_to_string(&mut jwt)
                    .context("cannot read the token from stdin")?;
            } else {
                jwt = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read --from-token {}", path.display()))?;
            }
            crate::k8s::issuer_from_token(&jwt)
                .with_context(|| format!("--from-token {}", path.display()))?
        }
        None => {
            let loaded = kubeconfig::load(&selection(&args.kube))?;
            let client = crate::k8s::client(&loaded, args.kube.context.as_deref()).await?;
            crate::k8s::discover_issuer(&client).await?
        }
    };
    Ok(CommandOutput::new(json!({ "k8s_issuer": issuer }), issuer))
}
