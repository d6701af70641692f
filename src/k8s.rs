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
    let kc: Kubeconfig = loaded.config.clone();
    let mut config = kube::Config::from_custom_kubeconfig(kc, &opts)
        .await
        .map_err(|e| anyhow!("cannot use context '{}': {e}", target.context))?;
    config.connect_timeout = Some(CONNECT_TIMEOUT);
    config.read_timeout = Some(READ_TIMEOUT);
    kube::Client::try_from(config).map_err(|e| {
        anyhow!(
            "cannot build a Kubernetes client for '{}': {e}",
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
        other => format!("{other}").replace('\n', " "),
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
