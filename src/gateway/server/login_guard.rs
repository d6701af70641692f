//! What keeps Kubernetes logins from amplifying into API-server load
//! (issue 9, item 2): a local signature check against the cluster's
//! service-account keys before any TokenReview, a bound on concurrent
//! TokenReviews per config, and a short-lived cache of refused tokens.
//!
//! Before this, every well-formed JWT, forged or not, became a TokenReview
//! (16 clients drove 445 reviews/s of forged tokens). Now a forged token
//! (wrong key or unknown `kid`) is refused from the cached key set without
//! a request; only tokens the cluster signed are reviewed (the review still
//! catches revoked tokens and deleted pods or service accounts).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use super::login::LoginFailure;
use super::store::{K8sConfigRecord, ReviewerAuth};
use crate::jwks::JwksCache;

/// TokenReviews in flight per config; more wait (up to [`REVIEW_WAIT`]).
pub const MAX_CONCURRENT_REVIEWS: usize = 16;
/// How long a login waits for a TokenReview slot before a 503.
pub const REVIEW_WAIT: Duration = Duration::from_secs(10);
/// How long a refused token is answered from the cache.
pub const FAILURE_TTL: Duration = Duration::from_secs(5);
/// Refused tokens remembered at most (expired entries are dropped first).
pub const FAILURE_CACHE_MAX: usize = 10_000;

/// Shared by every login of the gateway.
pub struct LoginGuard {
    /// The clusters' key sets, keyed by [`jwks_key`].
    pub jwks: JwksCache<String>,
    reviews: Mutex<HashMap<String, Arc<Semaphore>>>,
    failures: Mutex<HashMap<[u8; 32], (Instant, LoginFailure)>>,
    pub max_concurrent_reviews: usize,
}

impl Default for LoginGuard {
    fn default() -> Self {
        LoginGuard {
            jwks: JwksCache::default(),
            reviews: Mutex::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
            max_concurrent_reviews: MAX_CONCURRENT_REVIEWS,
        }
    }
}

fn fingerprint(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p.as_bytes());
    }
    hex::encode(&h.finalize()[..16])
}

/// Cache key of a config's key set: the URL, the CA it is trusted with, and
/// who fetches it. In the pod's-own-JWT mode every caller's token may fetch
/// the (public) key set, so they share one entry; the gateway's own token
/// rotates, so that mode is keyed by the mode, not the token.
pub fn jwks_key(cfg: &K8sConfigRecord) -> String {
    let who = match &cfg.reviewer {
        ReviewerAuth::ReviewerJwt { jwt } => format!("reviewer:{}", fingerprint(&[jwt])),
        ReviewerAuth::ClientCert { cert_pem, .. } => format!("cert:{}", fingerprint(&[cert_pem])),
        ReviewerAuth::ClientJwt => "client-jwt".into(),
        ReviewerAuth::GatewayServiceAccount => "gateway-sa".into(),
    };
    format!(
        "{}{} ca:{} {who}",
        cfg.k8s_host,
        super::token_review::JWKS_PATH,
        fingerprint(&[&cfg.k8s_ca_pem])
    )
}

/// Identifies one token at one version of one config and method.
fn failure_key(cfg: &K8sConfigRecord, method_id: &str, token: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in [
        cfg.name.as_str(),
        &cfg.updated.to_string(),
        method_id,
        token,
    ] {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p.as_bytes());
    }
    h.finalize().into()
}

impl LoginGuard {
    /// A refusal of this token remembered within [`FAILURE_TTL`].
    pub fn cached_failure(
        &self,
        cfg: &K8sConfigRecord,
        method_id: &str,
        token: &str,
    ) -> Option<LoginFailure> {
        let key = failure_key(cfg, method_id, token);
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.get(&key)
            .filter(|(at, _)| at.elapsed() < FAILURE_TTL)
            .map(|(_, f)| f.clone())
    }

    /// Remembers a refusal. Only refusals of the token itself (401) are
    /// kept: an unreachable API server must not refuse the pod's retry.
    pub fn remember_failure(
        &self,
        cfg: &K8sConfigRecord,
        method_id: &str,
        token: &str,
        failure: &LoginFailure,
    ) {
        if failure.status != 401 {
            return;
        }
        let key = failure_key(cfg, method_id, token);
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= FAILURE_CACHE_MAX {
            map.retain(|_, (at, _)| at.elapsed() < FAILURE_TTL);
            if map.len() >= FAILURE_CACHE_MAX {
                // Still full of live entries (a flood of distinct tokens):
                // forget them rather than grow.
                map.clear();
            }
        }
        map.insert(key, (Instant::now(), failure.clone()));
    }

    /// The TokenReview slots of a config (by name: a changed config keeps
    /// its bound).
    pub fn review_slots(&self, cfg: &K8sConfigRecord) -> Arc<Semaphore> {
        let mut map = self.reviews.lock().unwrap_or_else(|p| p.into_inner());
        if !map.contains_key(&cfg.name) && map.len() >= 4096 {
            map.retain(|_, s| s.available_permits() < self.max_concurrent_reviews);
        }
        map.entry(cfg.name.clone())
            .or_insert_with(|| Arc::new(Semaphore::new(self.max_concurrent_reviews)))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(reviewer: ReviewerAuth) -> K8sConfigRecord {
        K8sConfigRecord {
            name: "c".into(),
            id: "cid".into(),
            access_id: "p-1".into(),
            signing_key_pem: String::new(),
            k8s_host: "https://k8s".into(),
            k8s_ca_pem: "CA".into(),
            k8s_issuer: String::new(),
            disable_issuer_validation: false,
            reviewer,
            token_exp: 300,
            cluster_api_type: "native_k8s".into(),
            created: 0,
            updated: 1,
        }
    }

    fn failure(status: u16) -> LoginFailure {
        LoginFailure {
            status,
            public: "unauthorized: x".into(),
            reason: "r".into(),
        }
    }

    #[test]
    fn jwks_keys_separate_credentials_but_not_callers() {
        let a = jwks_key(&cfg(ReviewerAuth::ReviewerJwt { jwt: "a".into() }));
        let b = jwks_key(&cfg(ReviewerAuth::ReviewerJwt { jwt: "b".into() }));
        assert_ne!(a, b);
        assert!(a.starts_with("https://k8s/openid/v1/jwks"), "{a}");
        assert!(!a.contains(" a"), "the JWT itself is not in the key: {a}");
        let mut other_ca = cfg(ReviewerAuth::ClientJwt);
        other_ca.k8s_ca_pem = "CA2".into();
        assert_ne!(jwks_key(&cfg(ReviewerAuth::ClientJwt)), jwks_key(&other_ca));
    }

    #[test]
    fn refusals_are_cached_briefly_per_config_version() {
        let g = LoginGuard::default();
        let c = cfg(ReviewerAuth::ClientJwt);
        g.remember_failure(&c, "m", "tok", &failure(401));
        assert!(g.cached_failure(&c, "m", "tok").is_some());
        assert!(g.cached_failure(&c, "m", "other").is_none());
        let mut changed = c.clone();
        changed.updated = 2;
        assert!(g.cached_failure(&changed, "m", "tok").is_none());
        // Outages are not cached: the pod's retry must reach the API server.
        g.remember_failure(&c, "m", "down", &failure(503));
        assert!(g.cached_failure(&c, "m", "down").is_none());
    }

    #[test]
    fn review_slots_are_shared_per_config() {
        let g = LoginGuard::default();
        let c = cfg(ReviewerAuth::ClientJwt);
        let s = g.review_slots(&c);
        let _p = s.clone().try_acquire_owned().unwrap();
        assert_eq!(
            g.review_slots(&c).available_permits(),
            MAX_CONCURRENT_REVIEWS - 1
        );
    }
}
