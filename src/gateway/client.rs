//! Typed HTTPS client for the gateway API: `POST <base>/<command>` with a
//! JSON body, any 2xx is success, errors are `{"error": "..."}`.
//!
//! The base is the V2 root: a bare `--gateway-url https://gw:8000` gets
//! `/api/v2` appended (the unified gateway's V2 path); a URL that already
//! ends in `/api/v2` or `/v2` is used as given.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::api::{ErrorBody, K8sAuthsOutput};

/// Default gateway URL (the Configuration Manager port of a local gateway).
pub const DEFAULT_GATEWAY_URL: &str = "https://127.0.0.1:8000";

/// Environment variable naming a PEM file of extra trusted certificates,
/// as the akeyless CLI reads it.
pub const TRUSTED_CERT_ENV: &str = "AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE";

/// Which certificates the client trusts besides the system roots.
#[derive(Debug, Clone, Default)]
pub struct Trust {
    /// `--gateway-ca-cert FILE`, else `$AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE`.
    pub ca_file: Option<PathBuf>,
}

impl Trust {
    /// The flag value, else the environment variable.
    pub fn from_flag_or_env(flag: Option<PathBuf>) -> Trust {
        Trust {
            ca_file: flag.or_else(|| std::env::var_os(TRUSTED_CERT_ENV).map(PathBuf::from)),
        }
    }
}

/// A failed call: the HTTP status (0 when no answer) and the server's text.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CallError {
    pub status: u16,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct GatewayClient {
    base: String,
    http: reqwest::Client,
}

/// The V2 root for a user-supplied gateway URL.
pub fn v2_base(gateway_url: &str) -> Result<String> {
    let url = gateway_url.trim().trim_end_matches('/');
    if url.is_empty() {
        bail!("--gateway-url is empty; pass the gateway URL, e.g. https://gateway:8000");
    }
    let parsed = reqwest::Url::parse(url).map_err(|e| {
        anyhow!("--gateway-url '{url}' is not a URL ({e}); e.g. https://gateway:8000")
    })?;
    if parsed.scheme() != "https" && parsed.scheme() != "http" {
        bail!("--gateway-url '{url}' must start with https://");
    }
    if parsed.host_str().is_none() {
        bail!("--gateway-url '{url}' has no host");
    }
    let path = parsed.path().trim_end_matches('/');
    if path.ends_with("/api/v2") || path.ends_with("/v2") {
        Ok(url.to_owned())
    } else if path.is_empty() {
        Ok(format!("{url}/api/v2"))
    } else {
        Ok(url.to_owned())
    }
}

impl GatewayClient {
    pub fn new(gateway_url: &str, trust: &Trust) -> Result<Self> {
        let base = v2_base(gateway_url)?;
        let mut builder = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .user_agent(concat!("akl/", env!("CARGO_PKG_VERSION")));
        if let Some(file) = &trust.ca_file {
            let pem = crate::fsutil::read_limited(
                file,
                crate::fsutil::PEM_LIMIT,
                "the gateway CA certificate",
            )?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|_| anyhow!("{} holds no PEM certificate", file.display()))?;
            if certs.is_empty() {
                bail!("{} holds no PEM certificate", file.display());
            }
            builder = builder.tls_certs_merge(certs);
        }
        let http = builder.build().context("cannot set up the HTTPS client")?;
        Ok(GatewayClient { base, http })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// `POST <base>/<command>` with `body`; decodes the 2xx answer.
    pub async fn call<Req: Serialize + ?Sized, Resp: DeserializeOwned>(
        &self,
        command: &str,
        body: &Req,
    ) -> Result<Resp, CallError> {
        let url = format!("{}/{command}", self.base);
        let resp = self
            .http
            .post(&url)
            .json(body)
            .send()
            .await
            .map_err(|e| CallError {
                status: 0,
                message: describe_send_error(&self.base, &e),
            })?;
        decode(resp, &url).await
    }

    /// `GET <root>/config/k8s-auths` with a Bearer token.
    pub async fn k8s_auths(&self, token: &str) -> Result<K8sAuthsOutput, CallError> {
        let root = self
            .base
            .trim_end_matches("/api/v2")
            .trim_end_matches("/v2");
        let url = format!("{root}/config/k8s-auths");
        let resp = self
            .http
            .get(&url)
            .bearer_auth(token)
            .send()
            .await
            .map_err(|e| CallError {
                status: 0,
                message: describe_send_error(&self.base, &e),
            })?;
        decode(resp, &url).await
    }
}

async fn decode<Resp: DeserializeOwned>(
    resp: reqwest::Response,
    url: &str,
) -> Result<Resp, CallError> {
    let status = resp.status();
    let bytes = resp.bytes().await.map_err(|e| CallError {
        status: status.as_u16(),
        message: format!("reading the answer of {url} failed: {e}"),
    })?;
    if !status.is_success() {
        let message = serde_json::from_slice::<ErrorBody>(&bytes)
            .map(|b| b.error)
            .unwrap_or_else(|_| {
                let text = String::from_utf8_lossy(&bytes);
                let text: String = text.chars().take(200).collect();
                format!("{} {}", status.as_u16(), text.trim())
            });
        return Err(CallError {
            status: status.as_u16(),
            message,
        });
    }
    serde_json::from_slice(&bytes).map_err(|e| CallError {
        status: status.as_u16(),
        message: format!("unexpected answer from {url}: {e}"),
    })
}

/// An error and its sources on one line, repeats dropped: the root cause
/// ("certificate", "connection refused") is usually the useful part.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut chain = String::new();
    let mut cur: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = cur {
        let s = err.to_string();
        if !chain.contains(&s) {
            if !chain.is_empty() {
                chain.push_str(": ");
            }
            chain.push_str(&s);
        }
        cur = err.source();
    }
    chain.replace('\n', " ")
}

fn describe_send_error(base: &str, e: &reqwest::Error) -> String {
    let chain = error_chain(e);
    let lower = chain.to_lowercase();
    let hint = if lower.contains("certificate") || lower.contains("unknown issuer") {
        format!(
            "; trust the gateway's certificate with --gateway-ca-cert FILE or {TRUSTED_CERT_ENV}"
        )
    } else if e.is_connect() {
        "; is the gateway running at that address?".to_owned()
    } else if e.is_timeout() {
        "; the gateway did not answer in time".to_owned()
    } else {
        String::new()
    };
    format!("cannot reach the gateway at {base}: {chain}{hint}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v2_base_appends_the_unified_path_once() {
        assert_eq!(
            v2_base("https://gw:8000").unwrap(),
            "https://gw:8000/api/v2"
        );
        assert_eq!(
            v2_base("https://gw:8000/").unwrap(),
            "https://gw:8000/api/v2"
        );
        assert_eq!(
            v2_base("https://gw:8000/api/v2/").unwrap(),
            "https://gw:8000/api/v2"
        );
        assert_eq!(v2_base("https://gw:8080/v2").unwrap(), "https://gw:8080/v2");
        assert!(v2_base("gw:8000").is_err());
        assert!(v2_base("").is_err());
    }
}
