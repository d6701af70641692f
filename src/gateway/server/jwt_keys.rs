//! Where an OAuth2/JWT method's keys come from and how they are fetched:
//! `jwks-uri`, OIDC discovery at `issuer`, or the inline `jwks-json-data`.
//! HTTPS only, bounded in size and time, no redirects; an in-cluster
//! gateway adds its own service-account token for its own API server.
//! Caching is the caller's ([`crate::jwks::JwksCache`]).

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::pod_credentials::PodCredentials;
use super::sha256_hex;
use super::store::MethodKind;
use crate::jwks::{KeySet, MAX_JWKS_BYTES};

/// Connect and whole-request timeout of a JWKS or discovery fetch.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(10);
/// The OIDC discovery document's path under the issuer.
pub const DISCOVERY_PATH: &str = "/.well-known/openid-configuration";

/// Where an OAuth2 method's keys come from.
#[derive(Debug, Clone, PartialEq)]
pub enum KeySource {
    Uri(String),
    /// OIDC discovery at this issuer.
    Discovery(String),
    /// Base64 of the JWKS JSON.
    Inline(String),
}

impl KeySource {
    pub fn of(kind: &MethodKind) -> Option<KeySource> {
        let MethodKind::OAuth2 {
            jwks_uri,
            jwks_json_data,
            issuer,
            ..
        } = kind
        else {
            return None;
        };
        Some(if !jwks_json_data.is_empty() {
            KeySource::Inline(jwks_json_data.clone())
        } else if !jwks_uri.is_empty() {
            KeySource::Uri(jwks_uri.clone())
        } else {
            KeySource::Discovery(issuer.clone())
        })
    }

    /// The key of this source in the gateway's JWKS cache: where the set
    /// comes from and which CA the fetch trusts.
    pub fn cache_key(&self, ca_pem: &str) -> String {
        match self {
            KeySource::Uri(u) => format!("oauth2 jwks {u} ca:{}", sha256_hex(ca_pem.as_bytes())),
            KeySource::Discovery(i) => {
                format!("oauth2 discovery {i} ca:{}", sha256_hex(ca_pem.as_bytes()))
            }
            KeySource::Inline(d) => format!("oauth2 inline {}", sha256_hex(d.as_bytes())),
        }
    }
}

/// Checks a JWKS or issuer URL: HTTPS only (the keys decide who logs in,
/// so a network attacker must not be able to swap them).
pub fn check_https_url(url: &str, what: &str) -> Result<reqwest::Url, String> {
    let parsed = reqwest::Url::parse(url.trim())
        .map_err(|e| format!("{what} '{url}' is not a URL ({e}); pass an https:// URL"))?;
    if parsed.scheme() != "https" {
        return Err(format!(
            "{what} '{url}' is not https; the keys must be fetched over HTTPS (pass --cert-file-data for a private CA)"
        ));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("{what} '{url}' has no host"));
    }
    Ok(parsed)
}

fn client(ca_pem: &str) -> Result<reqwest::Client, String> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(FETCH_TIMEOUT)
        .timeout(FETCH_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("akl-gateway/", env!("CARGO_PKG_VERSION")));
    if !ca_pem.trim().is_empty() {
        let certs = reqwest::Certificate::from_pem_bundle(ca_pem.as_bytes())
            .ok()
            .filter(|c| !c.is_empty())
            .ok_or("cert-file-data holds no PEM certificate")?;
        builder = builder.tls_certs_merge(certs);
    }
    builder
        .build()
        .map_err(|e| format!("cannot set up the HTTPS client: {e}"))
}

/// Hosts that name the API server of the cluster a pod runs in.
const IN_CLUSTER_HOSTS: [&str; 4] = [
    "kubernetes.default.svc",
    "kubernetes.default.svc.cluster.local",
    "kubernetes.default",
    "kubernetes",
];

/// The gateway's own service-account token and CA when `url` is the API
/// server of the cluster it runs in (the default RBAC lets every service
/// account read `/openid/v1/jwks`, but not anonymous callers). The token
/// goes to that server only, never to another host.
pub fn in_cluster_credentials(url: &str, pod: Option<&PodCredentials>) -> Option<(String, String)> {
    let pod = pod?;
    let parsed = reqwest::Url::parse(url).ok()?;
    let host = parsed.host_str()?;
    let origin = format!("https://{host}:{}", parsed.port_or_known_default()?);
    let named = IN_CLUSTER_HOSTS.contains(&host);
    let same = pod.host().is_ok_and(|h| {
        reqwest::Url::parse(h).is_ok_and(|p| {
            p.host_str()
                .zip(p.port_or_known_default())
                .is_some_and(|(ph, pp)| format!("https://{ph}:{pp}") == origin)
        })
    });
    if !(named || same) {
        return None;
    }
    match pod.current() {
        Ok(c) => Some(c),
        Err(e) => {
            tracing::warn!(error = %e, "the gateway's service-account token is unavailable; fetching the in-cluster JWKS without it");
            None
        }
    }
}

/// GETs an HTTPS URL, reading at most [`MAX_JWKS_BYTES`]. With the
/// gateway's service-account credentials when `url` is its own cluster.
async fn get(
    url: &str,
    what: &str,
    ca_pem: &str,
    pod: Option<&PodCredentials>,
) -> Result<Vec<u8>, String> {
    let parsed = check_https_url(url, what)?;
    let creds = in_cluster_credentials(url, pod);
    let ca = match &creds {
        Some((_, pod_ca)) => format!("{ca_pem}\n{pod_ca}"),
        None => ca_pem.to_owned(),
    };
    let mut req = client(&ca)?
        .get(parsed)
        .header(reqwest::header::ACCEPT, "application/json");
    if let Some((token, _)) = &creds {
        req = req.bearer_auth(token);
    }
    let mut resp = req.send().await.map_err(|e| {
        // reqwest's Display stops at the outermost cause.
        let mut msg = e.to_string();
        let mut src = std::error::Error::source(&e);
        while let Some(s) = src {
            msg = format!("{msg}: {s}");
            src = s.source();
        }
        format!("cannot fetch {what} {url}: {msg}")
    })?;
    let status = resp.status();
    if !status.is_success() {
        return Err(format!("{what} {url} answered HTTP {status}"));
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| format!("reading {what} {url}: {e}"))?
    {
        if body.len() + chunk.len() > MAX_JWKS_BYTES {
            return Err(format!(
                "{what} {url} is larger than {} KiB",
                MAX_JWKS_BYTES / 1024
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The `jwks_uri` of an issuer's OIDC discovery document (which must name
/// the same issuer, as OpenID Connect Discovery §4.3 requires).
pub async fn discover(
    issuer: &str,
    ca_pem: &str,
    pod: Option<&PodCredentials>,
) -> Result<String, String> {
    let url = format!("{}{DISCOVERY_PATH}", issuer.trim_end_matches('/'));
    let body = get(&url, "the OIDC discovery document", ca_pem, pod).await?;
    let doc: Value = serde_json::from_slice(&body)
        .map_err(|e| format!("the OIDC discovery document {url} is not JSON: {e}"))?;
    let named = doc.get("issuer").and_then(Value::as_str).unwrap_or("");
    if named.trim_end_matches('/') != issuer.trim_end_matches('/') {
        return Err(format!(
            "the OIDC discovery document {url} names issuer '{named}', not '{issuer}'"
        ));
    }
    doc.get("jwks_uri")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| format!("the OIDC discovery document {url} has no jwks_uri"))
}

/// Decodes `jwks-json-data` (standard base64 of the JWKS JSON).
pub fn decode_inline(data: &str) -> Result<Vec<u8>, String> {
    let cleaned: String = data.chars().filter(|c| !c.is_whitespace()).collect();
    STANDARD.decode(cleaned).map_err(|_| {
        "jwks-json-data is not base64; pass the JWKS JSON base64-encoded (base64 -w0 jwks.json)"
            .to_owned()
    })
}

/// The raw key set of a source, fetched now (no cache).
pub async fn fetch(
    source: &KeySource,
    ca_pem: &str,
    pod: Option<&PodCredentials>,
) -> Result<Vec<u8>, String> {
    match source {
        KeySource::Inline(d) => decode_inline(d),
        KeySource::Uri(u) => get(u, "the JWKS", ca_pem, pod).await,
        KeySource::Discovery(i) => {
            let uri = discover(i, ca_pem, pod).await?;
            get(&uri, "the JWKS", ca_pem, pod).await
        }
    }
}

/// Fetches and parses a source's keys, refusing a set without a usable
/// key; used when a method is stored, so nothing half-working is kept.
pub async fn probe(
    source: &KeySource,
    ca_pem: &str,
    pod: Option<&PodCredentials>,
) -> Result<KeySet, String> {
    let body = fetch(source, ca_pem, pod).await?;
    let set = KeySet::parse(&body)?;
    if set.keys.is_empty() {
        return Err(
            "the key set has no usable signing key (RSA or EC P-256/384/521 with use=sig)".into(),
        );
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_key_urls() {
        assert!(check_https_url("https://idp.example/jwks", "jwks-uri").is_ok());
        let e = check_https_url("http://idp.example/jwks", "jwks-uri").unwrap_err();
        assert!(e.contains("not https"), "{e}");
        assert!(check_https_url("idp", "jwks-uri").is_err());
        assert!(decode_inline("%%%").is_err());
    }

    #[test]
    fn the_gateway_token_goes_only_to_its_own_cluster() {
        let dir = std::env::temp_dir().join(format!("akl-jwt-keys-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("token"), "gw-token").unwrap();
        std::fs::write(dir.join("ca.crt"), "ca").unwrap();
        let pod = PodCredentials::new(dir.clone(), Some("https://10.0.0.1:443".into()));
        let creds = |url: &str| in_cluster_credentials(url, Some(&pod)).map(|c| c.0);
        assert_eq!(
            creds("https://kubernetes.default.svc/openid/v1/jwks").as_deref(),
            Some("gw-token")
        );
        assert_eq!(
            creds("https://10.0.0.1/openid/v1/jwks").as_deref(),
            Some("gw-token")
        );
        assert_eq!(creds("https://10.0.0.1:6443/openid/v1/jwks"), None);
        assert_eq!(creds("https://idp.example/keys"), None);
        assert_eq!(
            in_cluster_credentials("https://kubernetes.default.svc/x", None),
            None
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
