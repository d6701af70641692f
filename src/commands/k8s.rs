//! `akl k8s …`: what the docs do with kubectl, curl and jq.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use serde_json::{Value, json};

use crate::cli::{
    BindAuthDelegatorArgs, GlobalArgs, IssueClientCertArgs, IssuerArgs, KubeArgs,
    SetupTokenReviewerArgs,
};
use crate::commands::session;
use crate::k8s_admin::{self, Action, BindSubject, ClientCertRequest, TokenReviewer, WaitPhase};
use crate::kubeconfig::{self, Selection};
use crate::output::{CommandOutput, PendingFile};

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
            let jwt = crate::fsutil::read_limited_or_stdin(
                path,
                crate::fsutil::PEM_LIMIT,
                "--from-token",
            )?;
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

/// `k8s jwks`: the cluster's key set as base64 for `--jwks-json-data`
/// (what `kubectl get --raw /openid/v1/jwks | base64 -w0` does), with the
/// issuer when discovery answers (for `--issuer`).
pub async fn jwks(args: &KubeArgs) -> Result<CommandOutput> {
    use base64::Engine;
    let loaded = kubeconfig::load(&selection(args))?;
    let client = crate::k8s::client(&loaded, args.context.as_deref()).await?;
    let body = crate::k8s::fetch_jwks(&client).await?;
    let data = base64::engine::general_purpose::STANDARD.encode(&body);
    let mut out = json!({ "jwks_json_data": data });
    if let Ok(issuer) = crate::k8s::discover_issuer(&client).await {
        out["issuer"] = json!(issuer);
    }
    Ok(CommandOutput::new(out, data))
}

async fn kube_client(args: &KubeArgs) -> Result<kube::Client> {
    let loaded = kubeconfig::load(&selection(args))?;
    crate::k8s::client(&loaded, args.context.as_deref()).await
}

fn plan_output(plan: &k8s_admin::Plan) -> CommandOutput {
    CommandOutput::new(plan.to_json(), plan.to_text())
}

fn clean(v: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in v.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_owned());
        }
    }
    out
}

/// A one-line progress indicator on stderr, only when it is a terminal.
struct Spinner {
    enabled: bool,
    shown: bool,
    frame: usize,
    name: String,
}

impl Spinner {
    fn new(name: &str) -> Spinner {
        Spinner {
            enabled: std::io::stderr().is_terminal()
                && std::env::var("TERM").map_or(true, |t| t != "dumb"),
            shown: false,
            frame: 0,
            name: name.to_owned(),
        }
    }

    fn tick(&mut self, phase: WaitPhase, elapsed: Duration) {
        if !self.enabled {
            return;
        }
        const FRAMES: [char; 4] = ['|', '/', '-', '\\'];
        let what = match phase {
            WaitPhase::PendingApproval => "pending approval",
            WaitPhase::AwaitingSigner => "approved, waiting for the signer",
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[K{} CertificateSigningRequest {}: {what} ({}s)",
            FRAMES[self.frame % FRAMES.len()],
            self.name,
            elapsed.as_secs()
        );
        let _ = err.flush();
        self.frame += 1;
        self.shown = true;
    }

    fn clear(&mut self) {
        if self.shown {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
            self.shown = false;
        }
    }
}

fn read_csr_file(path: &std::path::Path) -> Result<String> {
    crate::fsutil::read_limited_or_stdin(path, crate::fsutil::PEM_LIMIT, "--csr-file")
}

/// Asks the gateway to sign a CSR with an existing classic key.
async fn csr_from_classic_key(
    global: &GlobalArgs,
    args: &IssueClientCertArgs,
    key: &str,
    groups: &[String],
) -> Result<String> {
    let ctx = session::Ctx::new(global, &args.gateway)?;
    let answer: Value = ctx
        .with_token(async |token: &str| {
            let body = k8s_admin::classic_key_csr_body(key, &args.name, groups, token);
            ctx.client.call::<Value, Value>("generate-csr", &body).await
        })
        .await
        .map_err(|e| anyhow!("the gateway did not sign a CSR with classic key {key}: {e:#}"))?;
    k8s_admin::csr_from_gateway_answer(&answer)
}

/// `akl k8s issue-client-cert`.
pub async fn issue_client_cert(
    global: &GlobalArgs,
    args: &IssueClientCertArgs,
) -> Result<CommandOutput> {
    let groups = clean(&args.group);
    k8s_admin::check_path_segment_name("--name", &args.name)?;
    k8s_admin::check_expiration(args.expiration_seconds)?;
    if let Some(out) = &args.out
        && out.exists()
        && !args.force
    {
        bail!(
            "{} already exists; pass --force to overwrite it or choose another --out",
            out.display()
        );
    }
    if args.dry_run
        && let Some(key) = &args.from_classic_key
    {
        // Checks the kubeconfig and context without calling anything.
        kubeconfig::load(&selection(&args.kube))?.target(args.kube.context.as_deref())?;
        let plan = k8s_admin::plan_classic_key_client_cert(
            &args.name,
            key,
            &groups,
            args.expiration_seconds,
            args.approve,
        )?;
        return Ok(plan_output(&plan));
    }
    let csr_pem = match (&args.csr_file, &args.from_classic_key) {
        (Some(path), _) => read_csr_file(path)?,
        (None, Some(key)) => {
            if key.trim().is_empty() {
                bail!("--from-classic-key must not be empty");
            }
            // The kubeconfig is checked before the gateway is asked.
            kubeconfig::load(&selection(&args.kube))?.target(args.kube.context.as_deref())?;
            csr_from_classic_key(global, args, key.trim(), &groups).await?
        }
        (None, None) => bail!("pass --csr-file FILE or --from-classic-key NAME"),
    };
    let req = ClientCertRequest {
        name: args.name.clone(),
        csr_pem,
        expiration_seconds: args.expiration_seconds,
        approve: args.approve,
        groups,
    };
    let subject = req.validate()?;
    if subject.common_name != args.name {
        eprintln!(
            "warning: the CSR's CN is '{}': the certificate will authenticate as user '{}', not '{}'",
            subject.common_name, subject.common_name, args.name
        );
    }
    let client = kube_client(&args.kube).await?;
    if args.dry_run {
        return Ok(plan_output(
            &k8s_admin::plan_client_cert(&client, &req).await?,
        ));
    }
    let mut spinner = Spinner::new(&args.name);
    let issued = k8s_admin::issue_client_cert(
        &client,
        &req,
        Duration::from_secs(args.timeout),
        &mut |phase, elapsed| spinner.tick(phase, elapsed),
    )
    .await;
    spinner.clear();
    let issued = issued?;
    let json = json!({
        "name": issued.name,
        "certificate": issued.certificate_base64(),
        "approved": issued.approved,
    });
    match &args.out {
        Some(path) => Ok(CommandOutput::new(
            json,
            format!(
                "wrote the certificate of CertificateSigningRequest {} to {}",
                issued.name,
                path.display()
            ),
        )
        .with_file(PendingFile {
            path: path.clone(),
            contents: issued.certificate_pem.clone(),
            overwrite: args.force,
            mode: 0o644,
            flag: "--out",
        })),
        None => Ok(CommandOutput::new(json, issued.certificate_base64())),
    }
}

/// `akl k8s setup-token-reviewer`.
pub async fn setup_token_reviewer(args: &SetupTokenReviewerArgs) -> Result<CommandOutput> {
    let tr = TokenReviewer {
        namespace: args.namespace.trim().to_owned(),
        name: args.name.trim().to_owned(),
        binding: args.binding.trim().to_owned(),
    };
    tr.validate()?;
    let client = kube_client(&args.kube).await?;
    if args.dry_run {
        return Ok(plan_output(
            &k8s_admin::plan_token_reviewer(&client, &tr).await?,
        ));
    }
    let outcome =
        k8s_admin::setup_token_reviewer(&client, &tr, Duration::from_secs(args.timeout)).await?;
    Ok(CommandOutput::new(
        json!({
            "service_account": tr.name,
            "namespace": tr.namespace,
            "secret": tr.secret_name(),
            "cluster_role_binding": tr.binding,
            "token": outcome.token,
        }),
        outcome.token.clone(),
    ))
}

fn subject_json(s: &BindSubject) -> Value {
    serde_json::to_value(s.to_subject()).unwrap_or(Value::Null)
}

/// `akl k8s bind-auth-delegator`.
pub async fn bind_auth_delegator(args: &BindAuthDelegatorArgs) -> Result<CommandOutput> {
    let binding = args.binding.trim();
    k8s_admin::check_path_segment_name("--binding", binding)?;
    let mut want = Vec::new();
    for u in &args.user {
        let u = u.trim();
        if u.is_empty() {
            bail!("--user must not be empty");
        }
        want.push(BindSubject::User(u.to_owned()));
    }
    for g in &args.group {
        let g = g.trim();
        if g.is_empty() {
            bail!("--group must not be empty");
        }
        want.push(BindSubject::Group(g.to_owned()));
    }
    for sa in &args.service_account {
        want.push(BindSubject::parse_service_account(sa.trim())?);
    }
    let client = kube_client(&args.kube).await?;
    let outcome = k8s_admin::bind_auth_delegator(&client, binding, &want, args.dry_run).await?;
    if args.dry_run {
        let plan = k8s_admin::Plan::single(outcome.change);
        return Ok(plan_output(&plan));
    }
    let names = |v: &[BindSubject]| {
        v.iter()
            .map(BindSubject::describe)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let cr = k8s_admin::AUTH_DELEGATOR;
    let (action, text) = match outcome.change.action {
        Action::Create => (
            "created",
            format!(
                "created ClusterRoleBinding {binding}: ClusterRole {cr} bound to {}",
                names(&want)
            ),
        ),
        Action::Unchanged => (
            "unchanged",
            format!(
                "ClusterRoleBinding {binding} already binds {} to ClusterRole {cr}",
                names(&want)
            ),
        ),
        _ => (
            "updated",
            format!(
                "added {} to ClusterRoleBinding {binding} (ClusterRole {cr}, {} subjects now)",
                names(&outcome.added),
                outcome.subjects.len()
            ),
        ),
    };
    Ok(CommandOutput::new(
        json!({
            "cluster_role_binding": binding,
            "cluster_role": cr,
            "action": action,
            "added": outcome.added.iter().map(subject_json).collect::<Vec<_>>(),
            "subjects": outcome.subjects,
        }),
        text,
    ))
}
