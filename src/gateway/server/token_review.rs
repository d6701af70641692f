//! The TokenReview call behind a small trait, so tests can swap it and the
//! login logic stays free of transport.
//!
//! The kube-rs implementation keeps one client per (host, CA) so logins
//! reuse pooled connections, sets connect and read timeouts (kube-rs has no
//! read timeout by default, so a stalled API server would hang logins), and
//! puts the bearer on each request itself: with no `auth_info` kube adds no
//! Authorization layer, which is what lets the pod's own JWT be the bearer.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Deserialize;
use serde_json::json;

/// Connect timeout for Kubernetes calls.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Read timeout, and the bound on a whole review.
pub const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Where and as whom to review a token.
#[derive(Clone)]
pub struct ReviewTarget {
    pub host: String,
    /// PEM bundle; empty = system roots.
    pub ca_pem: String,
    /// Bearer for the TokenReview call (reviewer JWT, the pod's JWT, or the
    /// gateway pod's own token); `None` with a client certificate.
    pub bearer: Option<String>,
    /// Client certificate and key (PEM) for mutual TLS.
    pub client_cert: Option<(String, String)>,
}

impl std::fmt::Debug for ReviewTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ReviewTarget({})", self.host)
    }
}

/// `status` of a TokenReview (authentication/v1).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct ReviewStatus {
    #[serde(default)]
    pub authenticated: bool,
    #[serde(default)]
    pub user: ReviewUser,
    #[serde(default)]
    pub audiences: Vec<String>,
    #[serde(default)]
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct ReviewUser {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub uid: String,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub extra: BTreeMap<String, Vec<String>>,
}

/// Why a review could not be done (as opposed to a token that was reviewed
/// and found invalid, which is a `ReviewStatus` with `authenticated=false`).
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum ReviewError {
    /// 401: the API server rejected the bearer of the TokenReview call.
    #[error("the API server rejected the TokenReview credentials (401 Unauthorized)")]
    ReviewerUnauthorized,
    /// 403: the bearer may not create tokenreviews (needs system:auth-delegator).
    #[error(
        "the reviewer may not create tokenreviews (403 Forbidden: {0}); bind it to ClusterRole system:auth-delegator"
    )]
    ReviewerForbidden(String),
    #[error("cannot reach the Kubernetes API server at {host}: {detail}")]
    Unreachable { host: String, detail: String },
    #[error("the Kubernetes API server at {0} did not answer within {1:?}")]
    Timeout(String, Duration),
    /// The TLS handshake failed: an untrusted server certificate (check
    /// k8s-ca-cert) or a client certificate the server refused.
    #[error("TLS with the Kubernetes API server at {host} failed: {detail}")]
    Tls { host: String, detail: String },
    #[error("TokenReview failed: {0}")]
    Other(String),
}

pub type ReviewFuture<'a> =
    Pin<Box<dyn Future<Output = Result<ReviewStatus, ReviewError>> + Send + 'a>>;

pub type JwksFuture<'a> = Pin<Box<dyn Future<Output = Result<Vec<u8>, ReviewError>> + Send + 'a>>;

/// Path of the API server's service-account key set. Fetched from the API
/// server itself rather than the discovery document's `jwks_uri`, which
/// names the issuer's public URL (`--service-account-jwks-uri`) and may be
/// unreachable from the gateway or served by something else.
pub const JWKS_PATH: &str = "/openid/v1/jwks";

/// Reviews a service-account token.
pub trait TokenReviewer: Send + Sync + 'static {
    fn review<'a>(
        &'a self,
        target: &'a ReviewTarget,
        token: &'a str,
        audiences: &'a [String],
    ) -> ReviewFuture<'a>;

    /// The cluster's service-account signing keys ([`JWKS_PATH`]), fetched
    /// as the target's bearer or client certificate. An error leaves every
    /// token to TokenReview. Deliberately without a default body: a
    /// wrapper (metrics, tests) that forgot to forward it would silently
    /// turn the signature pre-check off.
    fn fetch_jwks<'a>(&'a self, target: &'a ReviewTarget) -> JwksFuture<'a>;
}

/// TokenReview through kube-rs.
#[derive(Default)]
pub struct KubeReviewer {
    /// Keyed by (host, CA, client certificate): the identity is part of the
    /// TLS session, so each needs its own connection pool.
    clients: Mutex<HashMap<(String, String, String), kube::Client>>,
}

impl KubeReviewer {
    pub fn new() -> Arc<Self> {
        Arc::new(KubeReviewer::default())
    }

    fn client(&self, target: &ReviewTarget) -> Result<kube::Client, ReviewError> {
        let key = (
            target.host.clone(),
            target.ca_pem.clone(),
            target
                .client_cert
                .as_ref()
                .map(|(c, _)| c.clone())
                .unwrap_or_default(),
        );
        if let Some(c) = self
            .clients
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
        {
            return Ok(c.clone());
        }
        let identity = target
            .client_cert
            .as_ref()
            .map(|(c, k)| (c.as_str(), k.as_str()));
        let client = build_client(&target.host, &target.ca_pem, identity)?;
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        // Rotated credentials leave stale entries behind; keep the map small.
        if clients.len() > 256 {
            clients.clear();
        }
        drop(clients);
        self.clients
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key, client.clone());
        Ok(client)
    }
}

/// A kube client for `host` trusting `ca_pem`, with a client certificate
/// when given and no other credentials.
pub fn build_client(
    host: &str,
    ca_pem: &str,
    identity: Option<(&str, &str)>,
) -> Result<kube::Client, ReviewError> {
    let uri: http::Uri = host
        .parse()
        .map_err(|e| ReviewError::Other(format!("k8s-host '{host}' is not a URL: {e}")))?;
    let mut config = kube::Config::new(uri);
    if !ca_pem.trim().is_empty() {
        let ders: Vec<Vec<u8>> = pem::parse_many(ca_pem)
            .map_err(|e| ReviewError::Other(format!("k8s-ca-cert is not PEM: {e}")))?
            .into_iter()
            .filter(|p| p.tag() == "CERTIFICATE")
            .map(|p| p.into_contents())
            .collect();
        if ders.is_empty() {
            return Err(ReviewError::Other(
                "k8s-ca-cert holds no certificate".into(),
            ));
        }
        config.root_cert = Some(ders);
    }
    if let Some((cert, key)) = identity {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD;
        config.auth_info.client_certificate_data = Some(b64.encode(cert));
        config.auth_info.client_key_data = Some(b64.encode(key).into());
    }
    config.connect_timeout = Some(CONNECT_TIMEOUT);
    config.read_timeout = Some(READ_TIMEOUT);
    config.write_timeout = Some(READ_TIMEOUT);
    kube::Client::try_from(config)
        .map_err(|e| ReviewError::Other(format!("cannot build a client for {host}: {e}")))
}

/// Maps a kube error to a review error; never includes the token.
pub fn classify(host: &str, e: kube::Error) -> ReviewError {
    match e {
        kube::Error::Api(status) if status.code == 401 => ReviewError::ReviewerUnauthorized,
        kube::Error::Api(status) if status.code == 403 => {
            ReviewError::ReviewerForbidden(status.message.clone())
        }
        kube::Error::Api(status) => ReviewError::Other(format!(
            "API server answered {} {}",
            status.code, status.message
        )),
        other => {
            let detail = crate::gateway::client::error_chain(&other);
            let lower = detail.to_lowercase();
            if lower.contains("timed out") || detail.contains("Elapsed") {
                ReviewError::Timeout(host.to_owned(), READ_TIMEOUT)
            } else if lower.contains("certificate")
                || lower.contains("handshake")
                || lower.contains("alert")
            {
                ReviewError::Tls {
                    host: host.to_owned(),
                    detail,
                }
            } else {
                ReviewError::Unreachable {
                    host: host.to_owned(),
                    detail,
                }
            }
        }
    }
}

/// The TokenReview request. With no audiences `spec.audiences` is left out,
/// so the API server checks the token against its own audiences.
pub fn review_body(token: &str, audiences: &[String]) -> serde_json::Value {
    let mut spec = json!({ "token": token });
    if !audiences.is_empty() {
        spec["audiences"] = json!(audiences);
    }
    json!({
        "apiVersion": "authentication.k8s.io/v1",
        "kind": "TokenReview",
        "spec": spec,
    })
}

impl TokenReviewer for KubeReviewer {
    fn review<'a>(
        &'a self,
        target: &'a ReviewTarget,
        token: &'a str,
        audiences: &'a [String],
    ) -> ReviewFuture<'a> {
        Box::pin(async move {
            let client = self.client(target)?;
            let body = review_body(token, audiences);
            let mut req = http::Request::post("/apis/authentication.k8s.io/v1/tokenreviews");
            if let Some(bearer) = &target.bearer {
                req = req.header(http::header::AUTHORIZATION, format!("Bearer {bearer}"));
            }
            let req = req
                .header(http::header::CONTENT_TYPE, "application/json")
                .header(http::header::ACCEPT, "application/json")
                .body(serde_json::to_vec(&body).map_err(|e| ReviewError::Other(e.to_string()))?)
                .map_err(|e| ReviewError::Other(e.to_string()))?;
            let resp: serde_json::Value = tokio::time::timeout(READ_TIMEOUT, client.request(req))
                .await
                .map_err(|_| ReviewError::Timeout(target.host.clone(), READ_TIMEOUT))?
                .map_err(|e| classify(&target.host, e))?;
            if resp.get("kind").and_then(|k| k.as_str()) == Some("Status") {
                return Err(ReviewError::Other(format!(
                    "API server answered a Status instead of a TokenReview: {}",
                    resp.get("message").and_then(|m| m.as_str()).unwrap_or("")
                )));
            }
            let status = resp.get("status").cloned().unwrap_or_default();
            serde_json::from_value(status)
                .map_err(|e| ReviewError::Other(format!("unexpected TokenReview status: {e}")))
        })
    }

    fn fetch_jwks<'a>(&'a self, target: &'a ReviewTarget) -> JwksFuture<'a> {
        Box::pin(async move {
            let client = self.client(target)?;
            let mut req = http::Request::get(JWKS_PATH);
            if let Some(bearer) = &target.bearer {
                req = req.header(http::header::AUTHORIZATION, format!("Bearer {bearer}"));
            }
            let req = req
                .header(
                    http::header::ACCEPT,
                    "application/jwk-set+json, application/json",
                )
                .body(Vec::new())
                .map_err(|e| ReviewError::Other(e.to_string()))?;
            let text = tokio::time::timeout(READ_TIMEOUT, client.request_text(req))
                .await
                .map_err(|_| ReviewError::Timeout(target.host.clone(), READ_TIMEOUT))?
                .map_err(|e| classify(&target.host, e))?;
            Ok(text.into_bytes())
        })
    }
}
