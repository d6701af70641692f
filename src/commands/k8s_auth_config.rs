//! Gateway K8s auth configs (reference §3): create, update, get, delete and
//! (beyond akeyless) list. `--kubeconfig`/`--context` fill the K8s host and
//! CA the way `akl k8s host` and `akl k8s ca-cert` print them.

use anyhow::{Context, Result, anyhow, bail};

use super::session::{Ctx, base64_words, bool_string, text, typed};
use crate::cli::{
    GatewayK8sAuthConfigArgs, GatewayK8sAuthConfigNameArgs, GatewayListArgs,
    GatewayUpdateK8sAuthConfigArgs, GlobalArgs,
};
use crate::gateway::api::{self, commands};
use crate::kubeconfig::{self, Selection};
use crate::output::CommandOutput;

/// Create or update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Create,
    Update,
}

fn check_host(host: &str) -> Result<()> {
    let url = reqwest::Url::parse(host).map_err(|e| {
        anyhow!("--k8s-host '{host}' is not a URL ({e}); e.g. https://10.0.0.1:6443")
    })?;
    if !matches!(url.scheme(), "https" | "http") || url.host_str().is_none() {
        bail!("--k8s-host '{host}' must be an https:// URL with a host");
    }
    Ok(())
}

/// Fills `--k8s-host` and `--k8s-ca-cert` from the kubeconfig: the host
/// when it is absent; the CA when it is absent and either the host came from
/// the kubeconfig or `--kubeconfig`/`--context` was given. A kubeconfig
/// cluster without a CA leaves the CA unset only when nobody asked for the
/// kubeconfig explicitly.
pub fn fill_from_kubeconfig(
    args: &GatewayK8sAuthConfigArgs,
) -> Result<(Option<String>, Option<String>)> {
    let mut host = text(&args.k8s_host);
    let mut ca = base64_words(&args.k8s_ca_cert);
    let explicit = args.kube.kubeconfig.is_some() || args.kube.context.is_some();
    if host.is_some() && (ca.is_some() || !explicit) {
        return Ok((host, ca));
    }
    let sel = Selection {
        kubeconfig: args.kube.kubeconfig.clone(),
        context: args.kube.context.clone(),
    };
    let loaded = kubeconfig::load(&sel).map_err(|e| {
        if explicit {
            e
        } else {
            anyhow!("--k8s-host is missing and no kubeconfig to take it from ({e:#}); pass --k8s-host URL or --kubeconfig PATH")
        }
    })?;
    let target = loaded.target(args.kube.context.as_deref())?;
    if host.is_none() {
        host = Some(target.server()?);
    }
    if ca.is_none() {
        match target.ca_base64() {
            Ok(c) => ca = Some(c),
            Err(e) if explicit => {
                return Err(e).context("pass --k8s-ca-cert BASE64 or fix the kubeconfig");
            }
            // A cluster whose certificate the system roots trust.
            Err(_) => {}
        }
    }
    Ok((host, ca))
}

/// The client certificate and key (base64 PEM) for `--k8s-auth-type
/// certificate`: the flags, the `-file` flags, else (with `--kubeconfig` or
/// `--context`) the kubeconfig user's client-certificate/-key.
pub fn client_identity(
    args: &GatewayK8sAuthConfigArgs,
) -> Result<(Option<String>, Option<String>)> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let read = |path: &std::path::PathBuf, flag: &str| -> Result<String> {
        let bytes = crate::fsutil::read_limited(path, crate::fsutil::PEM_LIMIT, flag)?;
        if !String::from_utf8_lossy(&bytes).contains("-----BEGIN") {
            bail!("{flag} {} is not a PEM file", path.display());
        }
        Ok(b64.encode(bytes))
    };
    let mut cert = base64_words(&args.k8s_client_certificate);
    if let Some(p) = &args.k8s_client_certificate_file {
        cert = Some(read(p, "--k8s-client-certificate-file")?);
    }
    let mut key = base64_words(&args.k8s_client_key);
    if let Some(p) = &args.k8s_client_key_file {
        key = Some(read(p, "--k8s-client-key-file")?);
    }
    let certificate = args.k8s_auth_type.as_deref() == Some("certificate");
    let explicit = args.kube.kubeconfig.is_some() || args.kube.context.is_some();
    if certificate && explicit && (cert.is_none() || key.is_none()) {
        let loaded = kubeconfig::load(&Selection {
            kubeconfig: args.kube.kubeconfig.clone(),
            context: args.kube.context.clone(),
        })?;
        let target = loaded.target(args.kube.context.as_deref())?;
        let user = &target.user;
        if cert.is_none() {
            cert = match (&user.client_certificate_data, &user.client_certificate) {
                (Some(d), _) => Some(d.split_whitespace().collect()),
                (None, Some(f)) => Some(read(
                    &f.into(),
                    "client-certificate of the kubeconfig user",
                )?),
                _ => None,
            };
        }
        if key.is_none() {
            use secrecy::ExposeSecret;
            key = match (&user.client_key_data, &user.client_key) {
                (Some(d), _) => Some(d.expose_secret().split_whitespace().collect()),
                (None, Some(f)) => Some(read(&f.into(), "client-key of the kubeconfig user")?),
                _ => None,
            };
        }
        if cert.is_none() || key.is_none() {
            bail!(
                "kubeconfig user '{}' has no client certificate and key; pass --k8s-client-certificate and --k8s-client-key",
                target.user_name
            );
        }
    }
    if certificate && (cert.is_none() || key.is_none()) {
        bail!(
            "--k8s-auth-type certificate needs --k8s-client-certificate and --k8s-client-key (or the -file forms, or --kubeconfig with a certificate user)"
        );
    }
    if !certificate
        && (cert.is_some() || key.is_some())
        && args.k8s_auth_type.as_deref() == Some("token")
    {
        bail!(
            "--k8s-client-certificate and --k8s-client-key go with --k8s-auth-type certificate, not token"
        );
    }
    Ok((cert, key))
}

/// `--signing-key-file`: the base64 `prv_key` create-auth-method-k8s
/// printed (wrapped or not), or the PEM key itself, which is encoded.
fn signing_key_from_file(path: &std::path::Path) -> Result<String> {
    use base64::Engine;
    let text = crate::fsutil::read_secret_file(path, "--signing-key-file")?;
    if text.contains("-----BEGIN") {
        return Ok(base64::engine::general_purpose::STANDARD.encode(format!("{text}\n")));
    }
    Ok(text.split_whitespace().collect())
}

/// The create/update body the flags describe (no session fields). On
/// update `new-name` defaults to the name, since the schema requires it.
pub fn build_request(
    args: &GatewayK8sAuthConfigArgs,
    mode: Mode,
) -> Result<api::GatewayK8sAuthConfig> {
    let name = args.name.trim();
    if name.is_empty() {
        bail!("--name is empty; pass the config name");
    }
    let access_id = text(&args.access_id);
    let signing_key = match &args.signing_key_file {
        Some(path) => Some(signing_key_from_file(path)?),
        None => text(&args.signing_key),
    };
    let token_reviewer_jwt = match &args.token_reviewer_jwt_file {
        Some(path) => Some(crate::fsutil::read_secret_file(
            path,
            "--token-reviewer-jwt-file",
        )?),
        None => text(&args.token_reviewer_jwt),
    };
    if mode == Mode::Create {
        if access_id.is_none() {
            bail!("--access-id is missing; pass the access ID (p-…) of the K8s auth method");
        }
        if signing_key.is_none() {
            bail!(
                "--signing-key is missing; pass the prv_key that create-auth-method-k8s printed (base64 PEM)"
            );
        }
    }
    let gw_sa = args.use_gw_service_account == Some(true);
    // The gateway's own service account: the gateway knows its cluster.
    let (host, ca) = if gw_sa {
        (text(&args.k8s_host), base64_words(&args.k8s_ca_cert))
    } else {
        fill_from_kubeconfig(args)?
    };
    let (client_cert, client_key) = client_identity(args)?;
    if let Some(h) = &host {
        check_host(h)?;
    }
    if let Some(t) = args.token_exp
        && t <= 0
    {
        bail!("--token-exp must be a positive number of seconds (got {t})");
    }
    Ok(api::GatewayK8sAuthConfig {
        name: name.to_owned(),
        new_name: match mode {
            Mode::Create => None,
            Mode::Update => Some(name.to_owned()),
        },
        access_id: access_id.unwrap_or_default(),
        signing_key: signing_key.unwrap_or_default(),
        k8s_host: host.unwrap_or_default(),
        k8s_ca_cert: ca,
        token_reviewer_jwt,
        k8s_issuer: text(&args.k8s_issuer),
        disable_issuer_validation: args.disable_issuer_validation.map(bool_string),
        k8s_auth_type: text(&args.k8s_auth_type),
        k8s_client_certificate: client_cert,
        k8s_client_key: client_key,
        cluster_api_type: text(&args.cluster_api_type),
        rancher_api_key: None,
        rancher_cluster_id: None,
        use_gw_service_account: args.use_gw_service_account,
        token_exp: args.token_exp,
        session: Default::default(),
    })
}

/// The update body: `new-name` is `--new-name`, else the name.
pub fn build_update_request(
    args: &GatewayUpdateK8sAuthConfigArgs,
) -> Result<api::GatewayK8sAuthConfig> {
    let mut req = build_request(&args.config, Mode::Update)?;
    if let Some(n) = &args.new_name {
        let n = n.trim();
        if n.is_empty() {
            bail!("--new-name is empty; pass the new name or drop the flag");
        }
        req.new_name = Some(n.to_owned());
    }
    Ok(req)
}

/// The get/delete body.
pub fn build_name_request(
    args: &GatewayK8sAuthConfigNameArgs,
) -> Result<api::GatewayK8sAuthConfigName> {
    let name = args.name.trim();
    if name.is_empty() {
        bail!("--name is empty; pass the config name");
    }
    Ok(api::GatewayK8sAuthConfigName {
        name: name.to_owned(),
        session: Default::default(),
    })
}

fn print_warnings(out: &api::GatewayK8sAuthConfigOutput) {
    for w in &out.warnings {
        eprintln!("Warning: {}", w.replace('\n', " "));
    }
}

/// `gateway-create-k8s-auth-config`.
pub async fn create(global: &GlobalArgs, args: &GatewayK8sAuthConfigArgs) -> Result<CommandOutput> {
    let req = build_request(args, Mode::Create)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    let command = commands::GATEWAY_CREATE_K8S_AUTH_CONFIG;
    let v = ctx.call(command, &req).await?;
    let out: api::GatewayK8sAuthConfigOutput = typed(&v, command)?;
    print_warnings(&out);
    let text = format!(
        "K8S Auth config {} successfully created. ID=[{}]",
        req.name, out.total_hash
    );
    Ok(CommandOutput::new(v, text))
}

/// `gateway-update-k8s-auth-config`.
pub async fn update(
    global: &GlobalArgs,
    args: &GatewayUpdateK8sAuthConfigArgs,
) -> Result<CommandOutput> {
    let req = build_update_request(args)?;
    let ctx = Ctx::new(global, &args.config.gateway)?;
    let command = commands::GATEWAY_UPDATE_K8S_AUTH_CONFIG;
    let v = ctx.call(command, &req).await?;
    let out: api::GatewayK8sAuthConfigOutput = typed(&v, command)?;
    print_warnings(&out);
    let shown = req.new_name.as_deref().unwrap_or(&req.name);
    let text = format!(
        "K8S Auth config {shown} successfully updated. ID=[{}]",
        out.total_hash
    );
    Ok(CommandOutput::new(v, text))
}

/// `gateway-get-k8s-auth-config`.
pub async fn get(
    global: &GlobalArgs,
    args: &GatewayK8sAuthConfigNameArgs,
) -> Result<CommandOutput> {
    let req = build_name_request(args)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    let v = ctx
        .call(commands::GATEWAY_GET_K8S_AUTH_CONFIG, &req)
        .await?;
    Ok(CommandOutput::json_only(v))
}

/// `gateway-delete-k8s-auth-config`.
pub async fn delete(
    global: &GlobalArgs,
    args: &GatewayK8sAuthConfigNameArgs,
) -> Result<CommandOutput> {
    let req = build_name_request(args)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    let command = commands::GATEWAY_DELETE_K8S_AUTH_CONFIG;
    let v = ctx.call(command, &req).await?;
    let out: api::GatewayK8sAuthConfigOutput = typed(&v, command)?;
    print_warnings(&out);
    Ok(CommandOutput::new(
        v,
        format!("K8S Auth config {} successfully deleted", req.name),
    ))
}

/// `gateway-list-k8s-auth-configs` (beyond akeyless). A gateway without
/// the command (404) is asked `GET /config/k8s-auths`, the Configuration
/// Manager's list.
pub async fn list(global: &GlobalArgs, args: &GatewayListArgs) -> Result<CommandOutput> {
    let ctx = Ctx::new(global, &args.gateway)?;
    let json = global.json;
    let v = ctx
        .with_token(async |token: &str| {
            let req = api::GatewayListK8sAuthConfigs {
                session: api::SessionFields {
                    token: Some(token.to_owned()),
                    uid_token: None,
                    json,
                },
            };
            match ctx
                .client
                .call::<_, serde_json::Value>(commands::GATEWAY_LIST_K8S_AUTH_CONFIGS, &req)
                .await
            {
                Err(e) if e.status == 404 => {
                    let out = ctx.client.k8s_auths(token).await?;
                    Ok(serde_json::to_value(out).unwrap_or_default())
                }
                other => other,
            }
        })
        .await?;
    Ok(CommandOutput::json_only(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_key_files_hold_base64_or_pem() {
        use base64::Engine;
        let dir = tempfile::tempdir().unwrap();
        let pem = "-----BEGIN PRIVATE KEY-----\nQUJD\n-----END PRIVATE KEY-----";
        let b64 = base64::engine::general_purpose::STANDARD.encode(format!("{pem}\n"));
        let f = dir.path().join("k");
        std::fs::write(&f, format!("{pem}\n")).unwrap();
        assert_eq!(signing_key_from_file(&f).unwrap(), b64);
        let (a, b) = b64.split_at(10);
        std::fs::write(&f, format!("{a}\n{b}\n")).unwrap();
        assert_eq!(signing_key_from_file(&f).unwrap(), b64);
        std::fs::write(&f, " \n").unwrap();
        assert!(signing_key_from_file(&f).is_err());
    }
}
