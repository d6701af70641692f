//! Kubernetes login validation, independent of HTTP (Vault's `path_login`
//! with the gaps of reference k8s-auth-semantics §8 closed).
//!
//! Order matters: local checks that need no secret knowledge (format,
//! algorithm, time, issuer), then TokenReview, and only then the bindings,
//! so forged claims cannot probe which namespaces or names are bound. The
//! caller gets a short, non-probing reason; the gateway log gets the detail.
//!
//! This file holds the entry point ([`validate`]: size, failure cache) and
//! the types; the steps live in `claims.rs` (token claims, local checks),
//! `review.rs` (signature, TokenReview, cross-checks) and `bindings.rs`, one
//! file per step so each is read with its tests.

use std::net::IpAddr;

use super::login_guard::{FAILURE_TTL, LoginGuard};
use super::pod_credentials::PodCredentials;
use super::store::{AuthMethodRecord, K8sConfigRecord};
use super::token_review::TokenReviewer;

mod bindings;
mod claims;
mod review;
#[cfg(test)]
mod test_support;

pub use claims::{SaClaims, local_checks, sa_claims};
use review::validate_uncached;
pub use review::{config_target, review_target};

/// Clock-skew leeway on exp/nbf/iat.
pub const LEEWAY_SECS: i64 = 60;

/// Largest service-account token accepted, checked before parsing. Real
/// ones are about 1 KiB; a 930 KB JWT used to be forwarded whole.
pub const MAX_TOKEN_BYTES: usize = 64 * 1024;
/// Most `aud` entries accepted (10,000 audiences cost the API server about
/// 19 ms of CPU per review).
pub const MAX_AUDIENCES: usize = 32;

/// Issuer of legacy (Secret-based) service-account tokens.
pub const LEGACY_ISSUER: &str = "kubernetes/serviceaccount";

/// A refused login: what the caller sees and what the log records.
#[derive(Debug, Clone, PartialEq)]
pub struct LoginFailure {
    pub status: u16,
    /// Safe for the caller: names the category, never the bindings.
    pub public: String,
    /// For the operator's log: the precise reason. Never contains the token.
    pub reason: String,
}

fn refuse(public: &str, reason: impl Into<String>) -> LoginFailure {
    LoginFailure {
        status: 401,
        public: format!("unauthorized: {public}"),
        reason: reason.into(),
    }
}

/// The identity a reviewed token proved.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct K8sIdentity {
    pub namespace: String,
    pub service_account_name: String,
    pub service_account_uid: String,
    pub service_account_secret_name: String,
    pub pod_name: String,
    pub pod_uid: String,
    pub aud: Vec<String>,
}

/// Everything a login needs besides the token.
pub struct LoginInput<'a> {
    pub config: &'a K8sConfigRecord,
    pub method: &'a AuthMethodRecord,
    pub client_ip: IpAddr,
    pub gateway_ip: IpAddr,
    pub now: i64,
    /// The gateway pod's own credentials (for `use-gw-service-account`).
    pub pod_credentials: Option<&'a PodCredentials>,
}

/// Full validation: size, local checks, signature against the cluster's
/// keys, TokenReview, cross-checks, bindings. A token refused within the
/// last [`FAILURE_TTL`] is refused again without any of it.
pub async fn validate(
    input: &LoginInput<'_>,
    token: &str,
    reviewer: &dyn TokenReviewer,
    guard: &LoginGuard,
) -> Result<K8sIdentity, LoginFailure> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(refuse(
            &format!(
                "the service account token is larger than {} KiB",
                MAX_TOKEN_BYTES / 1024
            ),
            format!("token is {} bytes", token.len()),
        ));
    }
    if let Some(f) = guard.cached_failure(input.config, &input.method.id, token) {
        return Err(LoginFailure {
            reason: format!(
                "{} (the same token was refused less than {}s ago)",
                f.reason,
                FAILURE_TTL.as_secs()
            ),
            ..f
        });
    }
    let result = validate_uncached(input, token, reviewer, guard).await;
    if let Err(f) = &result {
        guard.remember_failure(input.config, &input.method.id, token, f);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateway::server::login::test_support::*;
    use crate::gateway::server::token_review::ReviewStatus;
    use crate::pki::{KeyAlg, PrivateKey};
    use serde_json::json;

    #[test]
    fn oversized_tokens_and_audience_floods_are_refused_before_any_request() {
        let key = PrivateKey::generate(KeyAlg::Ec256).unwrap();
        let mut r = FakeReviewer::ok("a", "b", "u", None, &["api"]);
        r.jwks = Some(Ok(key_set(&key, "k1")));
        let (cfg, m) = (config("", reviewer_jwt()), method("", &[], &[], &[]));
        let big = "x".repeat(MAX_TOKEN_BYTES);
        let f = run(&cfg, &m, &signed_by(&key, "k1", json!([big])), &r).unwrap_err();
        assert!(f.public.contains("larger than 64 KiB"), "{f:?}");
        let many: Vec<String> = (0..=MAX_AUDIENCES).map(|i| format!("a{i}")).collect();
        let f = run(&cfg, &m, &signed_by(&key, "k1", json!(many)), &r).unwrap_err();
        assert!(f.public.contains("more than 32 audiences"), "{f:?}");
        assert_eq!(r.calls(), 0);
        let few: Vec<String> = (0..MAX_AUDIENCES).map(|i| format!("a{i}")).collect();
        run(&cfg, &m, &signed_by(&key, "k1", json!(few)), &r).unwrap();
    }

    #[test]
    fn a_refused_token_is_refused_again_from_the_cache() {
        let cluster = PrivateKey::generate(KeyAlg::Ec256).unwrap();
        let mut r = FakeReviewer::ok("a", "b", "u", None, &["api"]);
        r.jwks = Some(Ok(key_set(&cluster, "k1")));
        r.answer = Ok(ReviewStatus {
            authenticated: false,
            error: Some("token has been invalidated".into()),
            ..Default::default()
        });
        let (cfg, m) = (config("", reviewer_jwt()), method("", &[], &[], &[]));
        let t = signed_by(&cluster, "k1", json!(["api"]));
        let guard = LoginGuard::default();
        let input = LoginInput {
            config: &cfg,
            method: &m,
            client_ip: "10.0.0.5".parse().unwrap(),
            gateway_ip: "127.0.0.1".parse().unwrap(),
            now: NOW,
            pod_credentials: None,
        };
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        for _ in 0..3 {
            let f = rt.block_on(validate(&input, &t, &r, &guard)).unwrap_err();
            assert!(f.public.contains("rejected"), "{f:?}");
        }
        assert_eq!(r.calls(), 1, "one review for three attempts");
    }
}
