//! Calls to the Kubernetes API server, through kube-rs, using the
//! credentials of a kubeconfig context.

use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use kube::config::{KubeConfigOptions, Kubeconfig};

use crate::kubeconfig::Loaded;

/// Timeouts on every Kubernetes call: kube-rs has no read timeout by
/// default, so a stalled API server would hang the command forever.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Builds a kube client for `context` (or the current one).
pub async fn client(loaded: &Loaded, context: Option<&str>) -> Result<kube::Client> {
    let target = loaded.target(context)?;
    let opts = KubeConfigOptions {
        context: Some(target.context.clone()),
        cluster: None,
        user: None,
    };
    let mut kc: Kubeconfig = loaded.config.clone();
    crate::kubeconfig::inline_files(&mut kc)?;
    let mut config = kube::Config::from_custom_kubeconfig(kc, &opts)
        .await
        .map_err(|e| {
            anyhow!(
                "cannot use context '{}': {}",
                target.context,
                crate::gateway::client::error_chain(&e)
            )
        })?;
    remember_server(&config.cluster_url.to_string());
    config.connect_timeout = Some(CONNECT_TIMEOUT);
    config.read_timeout = Some(READ_TIMEOUT);
    kube::Client::try_from(config).map_err(|e| {
        let mut msg = describe_error(&e);
        // kube's "cannot start" error does not name the command; we can.
        if let Some(cmd) = target.user.exec.as_ref().and_then(|x| x.command.as_deref()) {
            msg = msg.replace(
                "exec credential plugin could not",
                &format!("exec credential plugin '{cmd}' could not"),
            );
        }
        anyhow!(
            "cannot build a Kubernetes client for '{}': {msg}",
            target.context
        )
    })
}

/// Describes a kube error in one line without echoing credentials.
pub fn describe_error(e: &kube::Error) -> String {
    match e {
        kube::Error::Api(status) => {
            let hint = match status.code {
                401 => " (the API server rejected the credentials; refresh them in the kubeconfig)",
                403 => " (the user lacks RBAC permission for this call)",
                404 => " (the API server does not serve this path)",
                _ => "",
            };
            format!(
                "API server answered {} {}{hint}",
                status.code, status.message
            )
        }
        other => describe_cause(other),
    }
}

/// The API server of the clients this process built, for error messages:
/// kube's connect errors do not say where they tried to connect, and
/// `kube::Client` does not expose its URL. A CLI run talks to one cluster.
static API_SERVER: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn remember_server(url: &str) {
    if let Ok(mut s) = API_SERVER.lock() {
        *s = Some(url.to_owned());
    }
}

/// `host:port` of the remembered API server (443 when the URL has none).
fn server_addr() -> Option<String> {
    let url = API_SERVER.lock().ok()?.clone()?;
    let u = reqwest::Url::parse(&url).ok()?;
    Some(format!("{}:{}", u.host_str()?, u.port_or_known_default()?))
}

/// An io error without Rust's ` (os error N)` suffix, first letter lowered,
/// as kubectl prints the cause (`connect: connection refused`).
fn plain(msg: &str) -> String {
    let msg = match msg.find(" (os error ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    let mut c = msg.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A failed exec credential plugin in one line: the command, its exit
/// status and the last line it wrote to stderr (kube prints the whole
/// `std::process::Output` with `{:?}`).
fn describe_exec(e: &kube::client::AuthError) -> Option<String> {
    use kube::client::AuthError;
    match e {
        AuthError::AuthExecRun { cmd, out } => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let said = stderr
                .lines()
                .map(str::trim)
                .rfind(|l| !l.is_empty())
                .map(|l| format!(": {}", l.chars().take(300).collect::<String>()))
                .unwrap_or_default();
            let status = match out.status.code() {
                Some(c) => format!("exit status {c}"),
                None => "a signal".to_owned(),
            };
            Some(format!(
                "the kubeconfig's exec credential plugin '{cmd}' failed with {status}{said}"
            ))
        }
        AuthError::AuthExecStart(io) => Some(format!(
            "the kubeconfig's exec credential plugin could not be started: {}",
            plain(&io.to_string())
        )),
        AuthError::AuthExec(msg) => {
            // kube formats the io error with {:?}: `Executing CMD failed:
            // Os { code: 2, kind: NotFound, message: "No such file or directory" }`.
            let text = match (msg.find(" failed: "), msg.find("message: \"")) {
                (Some(f), Some(m)) => {
                    let cmd = msg[..f].trim_start_matches("Executing ");
                    let rest = &msg[m + "message: \"".len()..];
                    let why = rest.split('"').next().unwrap_or(rest);
                    format!(
                        "cannot run the kubeconfig's exec credential plugin '{cmd}': {}",
                        plain(why)
                    )
                }
                _ => format!("kubeconfig credential plugin: {msg}"),
            };
            Some(text.replace('\n', " "))
        }
        AuthError::AuthExecParse(err) => Some(format!(
            "the kubeconfig's exec credential plugin printed no valid ExecCredential: {}",
            err.to_string().lines().next().unwrap_or("")
        )),
        _ => None,
    }
}

/// A kube error that is not an API answer, from its source chain: an exec
/// plugin failure, else the root cause with the API server's host:port for
/// connection failures, else the whole chain on one line.
fn describe_cause(e: &kube::Error) -> String {
    let mut chain: Vec<&(dyn std::error::Error + 'static)> = vec![e];
    while let Some(next) = chain.last().and_then(|c| c.source()) {
        chain.push(next);
    }
    if let kube::Error::Auth(a) = e
        && let Some(s) = describe_exec(a)
    {
        return s;
    }
    for c in &chain {
        if let Some(a) = c.downcast_ref::<kube::client::AuthError>()
            && let Some(s) = describe_exec(a)
        {
            return s;
        }
    }
    let root = chain.last().map(|c| c.to_string()).unwrap_or_default();
    let io_kind = chain
        .iter()
        .find_map(|c| c.downcast_ref::<std::io::Error>())
        .map(|io| io.kind());
    let connect = chain.iter().any(|c| {
        let s = c.to_string();
        s.contains("connect error") || s.contains("dns error") || s == "Connect"
    }) || matches!(
        io_kind,
        Some(
            std::io::ErrorKind::ConnectionRefused
                | std::io::ErrorKind::ConnectionReset
                | std::io::ErrorKind::TimedOut
                | std::io::ErrorKind::HostUnreachable
                | std::io::ErrorKind::NetworkUnreachable
        )
    );
    let addr = server_addr();
    if connect {
        let at = addr.map(|a| format!(" at {a}")).unwrap_or_default();
        return format!(
            "cannot connect to the Kubernetes API server{at}: {}; check that the cluster is running and the kubeconfig's server address",
            plain(&root)
        )
        .replace('\n', " ");
    }
    let text = crate::gateway::client::error_chain(e);
    match addr {
        Some(a) => format!("{text} (Kubernetes API server {a})"),
        None => text,
    }
}

/// The service-account issuer from `/.well-known/openid-configuration`.
pub async fn discover_issuer(client: &kube::Client) -> Result<String> {
    let req = http::Request::get("/.well-known/openid-configuration")
        .body(Vec::new())
        .context("cannot build the discovery request")?;
    let doc: serde_json::Value = client.request(req).await.map_err(|e| {
        anyhow!(
            "cannot read /.well-known/openid-configuration: {}",
            describe_error(&e)
        )
    })?;
    match doc.get("issuer").and_then(|v| v.as_str()) {
        Some(iss) if !iss.is_empty() => Ok(iss.to_owned()),
        _ => bail!("the API server's openid-configuration has no issuer"),
    }
}

/// The cluster's service-account key set (`/openid/v1/jwks`, what
/// `kubectl get --raw /openid/v1/jwks` prints), fetched with the
/// kubeconfig's credentials: the default RBAC lets only service accounts
/// (and admins) read it, so an anonymous fetch usually fails.
pub async fn fetch_jwks(client: &kube::Client) -> Result<Vec<u8>> {
    let req = http::Request::get("/openid/v1/jwks")
        .body(Vec::new())
        .context("cannot build the JWKS request")?;
    let body = client
        .request_text(req)
        .await
        .map_err(|e| anyhow!("cannot read /openid/v1/jwks: {}", describe_error(&e)))?;
    let set =
        crate::jwks::KeySet::parse(body.as_bytes()).map_err(|e| anyhow!("/openid/v1/jwks: {e}"))?;
    if set.keys.is_empty() {
        bail!("/openid/v1/jwks holds no usable signing key");
    }
    Ok(body.into_bytes())
}

/// Decodes a JWT's claims without verifying it (for reading `iss`).
pub fn unverified_claims(jwt: &str) -> Result<serde_json::Value> {
    let jwt = jwt.trim();
    let mut parts = jwt.split('.');
    let (Some(_), Some(payload), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        bail!("not a JWT: expected three dot-separated parts");
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| anyhow!("not a JWT: the payload is not base64url"))?;
    serde_json::from_slice(&bytes).map_err(|_| anyhow!("not a JWT: the payload is not JSON"))
}

/// The `iss` claim of a service-account token, as the seed's
/// `jq -R 'split(".") | .[1] | @base64d | fromjson | .iss'` reads it.
pub fn issuer_from_token(jwt: &str) -> Result<String> {
    let claims = unverified_claims(jwt)?;
    match claims.get("iss").and_then(|v| v.as_str()) {
        Some(iss) => Ok(iss.to_owned()),
        None => bail!("the token has no iss claim"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_from_a_token() {
        let payload =
            URL_SAFE_NO_PAD.encode(br#"{"iss":"https://kubernetes.default.svc","sub":"x"}"#);
        let jwt = format!("eyJhbGciOiJSUzI1NiJ9.{payload}.c2ln\n");
        assert_eq!(
            issuer_from_token(&jwt).unwrap(),
            "https://kubernetes.default.svc"
        );
        assert!(
            issuer_from_token("abc")
                .unwrap_err()
                .to_string()
                .contains("JWT")
        );
        let no_iss = format!("a.{}.c", URL_SAFE_NO_PAD.encode(b"{}"));
        assert!(
            issuer_from_token(&no_iss)
                .unwrap_err()
                .to_string()
                .contains("iss")
        );
    }
}
