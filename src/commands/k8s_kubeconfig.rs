//! `akl k8s kubeconfig`: seed 002's `kubectl config set-credentials` and
//! `kubectl config set-context` for a client certificate (from files or the
//! gateway), a service-account token (from a token Secret or a file), or an
//! OIDC identity provider.
//!
//! Everything that can fail slowly or remotely (files, the gateway, the
//! cluster) happens before the kubeconfig is locked; the file is changed only
//! when the whole new content is ready.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use k8s_openapi::api::core::v1::Secret;
use kube::Api;
use serde_json::json;

use super::session::{Ctx, typed};
use crate::cli::{GlobalArgs, KubeconfigArgs};
use crate::gateway::api::{self, SessionFields, commands};
use crate::k8s::describe_error;
use crate::k8s_admin;
use crate::kubeconfig::{self, Selection};
use crate::kubeconfig_write::{self as kw, Change, Credential, Document, OidcProvider};
use crate::output::CommandOutput;

/// Certificates, keys and tokens larger than this are not credentials.
const MAX_CREDENTIAL_BYTES: u64 = 1 << 20;

/// Reads a credential file ('-' = stdin when `stdin_ok`), bounded.
fn read_bounded(path: &Path, flag: &str, stdin_ok: bool) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if stdin_ok && path.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_CREDENTIAL_BYTES + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {flag} from stdin"))?;
    } else {
        let f = std::fs::File::open(path)
            .with_context(|| format!("cannot read {flag} {}", path.display()))?;
        f.take(MAX_CREDENTIAL_BYTES + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {flag} {}", path.display()))?;
    }
    if bytes.len() as u64 > MAX_CREDENTIAL_BYTES {
        bail!(
            "{flag} {} is larger than 1 MiB; it is not a credential file",
            path.display()
        );
    }
    Ok(bytes)
}

/// A token from a file: one line, no inner whitespace (client-go sends it
/// as `Authorization: Bearer …`).
fn read_token(path: &Path, flag: &str, stdin_ok: bool) -> Result<String> {
    let bytes = read_bounded(path, flag, stdin_ok)?;
    token_text(&bytes).map_err(|why| anyhow!("{flag} {}: {why}", path.display()))
}

fn token_text(bytes: &[u8]) -> std::result::Result<String, &'static str> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the token is not text")?;
    let t = text.trim();
    if t.is_empty() {
        return Err("the file is empty; it should hold the token");
    }
    if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("the token contains whitespace; the file should hold exactly one token");
    }
    Ok(t.to_owned())
}

/// Checks that `cert_pem` holds a certificate and `key_pem` its private key.
pub fn check_cert_and_key(cert_pem: &[u8], key_pem: &[u8], what: &str) -> Result<()> {
    let cert_text = std::str::from_utf8(cert_pem)
        .map_err(|_| anyhow!("{what}: the certificate is not PEM text"))?;
    let block = pem::parse_many(cert_text)
        .ok()
        .and_then(|blocks| blocks.into_iter().find(|b| b.tag() == "CERTIFICATE"))
        .ok_or_else(|| anyhow!("{what}: the certificate file holds no PEM CERTIFICATE block"))?;
    let (_, cert) = x509_parser::parse_x509_certificate(block.contents())
        .map_err(|e| anyhow!("{what}: the certificate is not valid X.509: {e}"))?;
    let key_text =
        std::str::from_utf8(key_pem).map_err(|_| anyhow!("{what}: the key is not PEM text"))?;
    let key = crate::pki::PrivateKey::from_pem(key_text)
        .map_err(|e| anyhow!("{what}: cannot use the private key: {e:#}"))?;
    if key.public_key_spki_der()? != cert.tbs_certificate.subject_pki.raw {
        bail!(
            "{what}: the private key does not belong to the certificate (CN {})",
            cert.subject()
                .iter_common_name()
                .next()
                .and_then(|c| c.as_str().ok())
                .unwrap_or("?")
        );
    }
    Ok(())
}

/// `path` made absolute and lexically clean, as Go's `filepath.Abs`.
fn clean_absolute(path: &Path) -> std::io::Result<PathBuf> {
    let abs = std::path::absolute(path)?;
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    Ok(out)
}

/// A credential file's path as kubectl stores it: relative to the
/// kubeconfig's directory (clientcmd's `RelativizeAuthInfoLocalPaths`,
/// which uses `filepath.Rel`), since kubectl resolves it from there.
fn path_for_kubeconfig(file: &Path, kubeconfig: &Path, flag: &str) -> Result<String> {
    let file_abs = clean_absolute(file)
        .with_context(|| format!("cannot resolve {flag} {}", file.display()))?;
    let dir = clean_absolute(kubeconfig)
        .with_context(|| format!("cannot resolve kubeconfig {}", kubeconfig.display()))?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("/"));
    let a: Vec<_> = dir.components().collect();
    let b: Vec<_> = file_abs.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut rel = PathBuf::new();
    for _ in common..a.len() {
        rel.push("..");
    }
    for c in &b[common..] {
        rel.push(c);
    }
    rel.to_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("{flag} {} is not a UTF-8 path", file.display()))
}

async fn cert_from_gateway(
    global: &GlobalArgs,
    args: &KubeconfigArgs,
    name: &str,
) -> Result<Credential> {
    let name = name.trim();
    if name.is_empty() {
        bail!("--from-certificate must not be empty");
    }
    let req = api::GetCertificateValue {
        name: name.to_owned(),
        version: None,
        ignore_cache: None,
        session: SessionFields::default(),
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    let v = ctx
        .call(commands::GET_CERTIFICATE_VALUE, &req)
        .await
        .map_err(|e| anyhow!("cannot fetch certificate {name} from the gateway: {e:#}"))?;
    let out: api::GetCertificateValueOutput = typed(&v, commands::GET_CERTIFICATE_VALUE)?;
    if out.private_key_pem.trim().is_empty() {
        bail!(
            "certificate {name} on the gateway has no private key; store it with 'akl create-certificate --name {name} --certificate FILE --private-key FILE'"
        );
    }
    let what = format!("certificate {name} from the gateway");
    check_cert_and_key(
        out.certificate_pem.as_bytes(),
        out.private_key_pem.as_bytes(),
        &what,
    )?;
    Ok(Credential::ClientCertData {
        cert_pem: out.certificate_pem.into_bytes(),
        key_pem: out.private_key_pem.into_bytes(),
    })
}

/// `kubectl get secret NAME -n NS -o jsonpath='{.data.token}' | base64 -d`.
async fn token_from_secret(args: &KubeconfigArgs, spec: &str) -> Result<Credential> {
    let (ns, name) = spec.trim().split_once('/').ok_or_else(|| {
        anyhow!("--token-from-secret '{spec}' is not NAMESPACE/NAME, e.g. default/gateway-token-reviewer-token")
    })?;
    k8s_admin::check_dns_label("--token-from-secret namespace", ns)?;
    k8s_admin::check_dns_subdomain("--token-from-secret name", name)?;
    let sel = Selection {
        kubeconfig: args.kubeconfig.clone(),
        context: args.secret_context.clone(),
    };
    let loaded = kubeconfig::load(&sel)?;
    let client = crate::k8s::client(&loaded, args.secret_context.as_deref()).await?;
    let api: Api<Secret> = Api::namespaced(client, ns);
    let secret = api
        .get_opt(name)
        .await
        .map_err(|e| anyhow!("cannot read Secret {ns}/{name}: {}", describe_error(&e)))?
        .ok_or_else(|| {
            anyhow!("Secret {ns}/{name} does not exist; create it with 'akl k8s setup-token-reviewer' or check --token-from-secret")
        })?;
    let token = secret
        .data
        .as_ref()
        .and_then(|d| d.get("token"))
        .map(|b| b.0.clone())
        .ok_or_else(|| {
            anyhow!(
                "Secret {ns}/{name} has no data.token (type {}); use a kubernetes.io/service-account-token Secret the token controller has filled",
                secret.type_.as_deref().unwrap_or("Opaque")
            )
        })?;
    let token =
        token_text(&token).map_err(|why| anyhow!("Secret {ns}/{name}: data.token: {why}"))?;
    Ok(Credential::Token(token))
}

fn oidc(args: &KubeconfigArgs, issuer: &str) -> Result<Credential> {
    let issuer = issuer.trim();
    let url = reqwest::Url::parse(issuer)
        .map_err(|e| anyhow!("--oidc-issuer-url '{issuer}' is not a URL: {e}"))?;
    if url.scheme() != "https" {
        bail!(
            "--oidc-issuer-url '{issuer}' must be https:// (the API server only accepts https issuers)"
        );
    }
    let client_id = args.oidc_client_id.as_deref().unwrap_or_default().trim();
    if client_id.is_empty() {
        bail!("--oidc-client-id must not be empty");
    }
    let refresh = args
        .oidc_refresh_token_file
        .as_deref()
        .ok_or_else(|| anyhow!("pass --oidc-refresh-token-file FILE"))?;
    Ok(Credential::Oidc(OidcProvider {
        issuer_url: issuer.to_owned(),
        client_id: client_id.to_owned(),
        client_secret: args
            .oidc_client_secret_file
            .as_deref()
            .map(|p| read_token(p, "--oidc-client-secret-file", false))
            .transpose()?,
        refresh_token: read_token(refresh, "--oidc-refresh-token-file", false)?,
        id_token: args
            .oidc_id_token_file
            .as_deref()
            .map(|p| read_token(p, "--oidc-id-token-file", false))
            .transpose()?,
    }))
}

/// The credential the flags name, read and checked.
async fn credential(
    global: &GlobalArgs,
    args: &KubeconfigArgs,
    kubeconfig: &Path,
) -> Result<Credential> {
    if let (Some(cert), Some(key)) = (&args.client_certificate, &args.client_key) {
        let cert_pem = read_bounded(cert, "--client-certificate", false)?;
        let key_pem = read_bounded(key, "--client-key", false)?;
        check_cert_and_key(
            &cert_pem,
            &key_pem,
            &format!(
                "--client-certificate {} --client-key {}",
                cert.display(),
                key.display()
            ),
        )?;
        return Ok(if args.embed_certs {
            Credential::ClientCertData { cert_pem, key_pem }
        } else {
            Credential::ClientCertFiles {
                cert: path_for_kubeconfig(cert, kubeconfig, "--client-certificate")?,
                key: path_for_kubeconfig(key, kubeconfig, "--client-key")?,
            }
        });
    }
    if let Some(name) = &args.from_certificate {
        return cert_from_gateway(global, args, name).await;
    }
    if let Some(spec) = &args.token_from_secret {
        return token_from_secret(args, spec).await;
    }
    if let Some(path) = &args.token_file {
        return Ok(Credential::Token(read_token(path, "--token-file", true)?));
    }
    if let Some(issuer) = &args.oidc_issuer_url {
        return oidc(args, issuer);
    }
    bail!(
        "pass one credential: --client-certificate/--client-key, --from-certificate, --token-from-secret, --token-file or --oidc-issuer-url"
    )
}

fn check_name(flag: &str, v: &str) -> Result<String> {
    if v.trim().is_empty() {
        bail!("{flag} must not be empty");
    }
    if v != v.trim() || v.chars().any(char::is_control) {
        bail!(
            "{flag} '{}' has leading/trailing spaces or control characters",
            v.escape_default()
        );
    }
    Ok(v.to_owned())
}

/// The other kubeconfig files of the loading order, parsed (missing ones
/// skipped), for the merged view kubectl would see.
fn other_files(files: &kw::Files) -> Result<Vec<(PathBuf, Document)>> {
    let mut out = Vec::new();
    for p in files.precedence.iter().filter(|p| **p != files.destination) {
        if let Ok(text) = std::fs::read_to_string(p) {
            let doc = Document::parse(&text, &p.display().to_string())?;
            out.push((p.clone(), doc));
        }
    }
    Ok(out)
}

/// The destination file (empty when it does not exist) and the others.
type Loaded = (Document, Option<u32>, Vec<(PathBuf, Document)>);

fn load(files: &kw::Files) -> Result<Loaded> {
    let dest = &files.destination;
    let others = other_files(files)?;
    let (doc, mode) = match kw::read(dest)? {
        Some(e) => (
            Document::parse(&e.text, &dest.display().to_string())?,
            Some(e.mode),
        ),
        None if others.is_empty() => bail!(
            "kubeconfig {} does not exist, so there is no cluster for the context: create one first (kubectl config set-cluster NAME --server URL --certificate-authority FILE --embed-certs) or pass --kubeconfig with an existing kubeconfig",
            dest.display()
        ),
        None => (Document::new(), None),
    };
    Ok((doc, mode, others))
}

/// What the command changed, for the output.
struct Outcome {
    yaml: String,
    user: Change,
    context: Change,
    cluster: String,
}

/// Applies the change to `doc` (the destination) in the merged view.
fn apply(
    doc: &mut Document,
    others: &[(PathBuf, Document)],
    args: &KubeconfigArgs,
    user: &str,
    context: &str,
    credential: &Credential,
) -> Result<Outcome> {
    for (p, other) in others {
        if other.has_user(user) && !doc.has_user(user) {
            bail!(
                "user '{user}' is defined in {}; pass --kubeconfig {} to change it there",
                p.display(),
                p.display()
            );
        }
        if other.has_context(context) && !doc.has_context(context) {
            bail!(
                "context '{context}' is defined in {}; pass --kubeconfig {} to change it there",
                p.display(),
                p.display()
            );
        }
    }
    let all = || std::iter::once(&*doc).chain(others.iter().map(|(_, d)| d));
    let cluster = match &args.cluster {
        Some(c) => check_name("--cluster", c)?,
        None => {
            let from = |name: &str| all().find_map(|d| d.context_cluster(name));
            match from(context) {
                Some(c) => c,
                None => {
                    let current = all().find_map(|d| d.current_context()).ok_or_else(|| {
                        anyhow!("the kubeconfig has no current-context to take the cluster from; pass --cluster NAME")
                    })?;
                    from(&current).ok_or_else(|| {
                        anyhow!(
                            "the current context '{current}' names no cluster; pass --cluster NAME"
                        )
                    })?
                }
            }
        }
    };
    if !all().any(|d| d.has_cluster(&cluster)) {
        bail!(
            "cluster '{cluster}' is not in the kubeconfig; add it with 'kubectl config set-cluster {cluster} --server URL --certificate-authority FILE --embed-certs' or pass another --cluster"
        );
    }
    let user_change = doc.set_user(user, credential);
    let context_change = doc.set_context(context, &cluster, user, args.namespace.as_deref());
    if args.use_context {
        doc.set_current_context(context);
    }
    Ok(Outcome {
        yaml: doc.to_yaml()?,
        user: user_change,
        context: context_change,
        cluster,
    })
}

/// `akl k8s kubeconfig`.
pub async fn run(global: &GlobalArgs, args: &KubeconfigArgs) -> Result<CommandOutput> {
    let user = check_name("--user", &args.user)?;
    let context = match &args.context {
        Some(c) => check_name("--context", c)?,
        None => user.clone(),
    };
    if let Some(ns) = args.namespace.as_deref().filter(|ns| !ns.is_empty()) {
        k8s_admin::check_dns_label("--namespace", ns)?;
    }
    let files = kw::files(args.kubeconfig.as_deref())?;
    let dest = files.destination.clone();
    // The kubeconfig is checked (a link, a broken file, a missing cluster)
    // before anything slow or remote happens; it is read again under the lock.
    {
        let (mut doc, _, others) = load(&files)?;
        apply(
            &mut doc,
            &others,
            args,
            &user,
            &context,
            &Credential::Token(String::new()),
        )?;
    }
    let credential = credential(global, args, &dest).await?;

    let _lock = if args.dry_run {
        None
    } else {
        Some(kw::Lock::acquire(&dest)?)
    };
    let (mut doc, mode, others) = load(&files)?;
    let outcome = apply(&mut doc, &others, args, &user, &context, &credential)?;
    if args.dry_run {
        let shown = doc.redacted().to_yaml()?;
        return Ok(CommandOutput::new(
            json!({
                "kubeconfig": dest.display().to_string(),
                "dry_run": true,
                "user": user,
                "user_action": outcome.user.as_str(),
                "credential": credential.kind(),
                "context": context,
                "context_action": outcome.context.as_str(),
                "cluster": outcome.cluster,
                "yaml": shown,
            }),
            shown,
        ));
    }
    // A new kubeconfig holds credentials: 0600, as kubectl creates it.
    kw::write_atomic(&dest, outcome.yaml.as_bytes(), mode.unwrap_or(0o600))?;

    // kubectl's own messages.
    let mut text = format!(
        "User \"{user}\" set.\nContext \"{context}\" {}.\n",
        outcome.context.as_str()
    );
    if args.use_context {
        text.push_str(&format!("Switched to context \"{context}\".\n"));
    }
    Ok(CommandOutput::new(
        json!({
            "kubeconfig": dest.display().to_string(),
            "user": user,
            "user_action": outcome.user.as_str(),
            "credential": credential.kind(),
            "context": context,
            "context_action": outcome.context.as_str(),
            "cluster": outcome.cluster,
            "namespace": args.namespace.as_deref().filter(|ns| !ns.is_empty()),
            "current_context": doc.current_context(),
        }),
        text,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_one_word() {
        assert_eq!(token_text(b"  abc.def\n").unwrap(), "abc.def");
        assert!(token_text(b"\n").unwrap_err().contains("empty"));
        assert!(token_text(b"a b").unwrap_err().contains("whitespace"));
        assert!(token_text(&[0xff, 0xfe]).unwrap_err().contains("text"));
    }

    #[test]
    fn credential_paths_are_relative_to_the_kubeconfig() {
        let rel = |f: &str, k: &str| path_for_kubeconfig(Path::new(f), Path::new(k), "f").unwrap();
        assert_eq!(rel("/a/b/c.crt", "/a/b/config"), "c.crt");
        assert_eq!(rel("/a/certs/c.crt", "/a/.kube/config"), "../certs/c.crt");
        assert_eq!(rel("/x/./y/../c.crt", "/a/config"), "../x/c.crt");
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(rel("c.crt", &cwd.join("k").display().to_string()), "c.crt");
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(check_name("--user", "bob").unwrap(), "bob");
        assert!(check_name("--user", " ").is_err());
        assert!(check_name("--user", "bob ").is_err());
    }
}
