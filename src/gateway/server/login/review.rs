//! The TokenReview-driven part of a login: where the review goes and as
//! whom, the signature check against the cluster's published keys, the
//! review itself and the cross-checks of its answer against the token's
//! claims, and the mapping of review errors to caller-safe categories.

use serde_json::Value;

use super::bindings::check_bindings;
use super::{K8sIdentity, LoginFailure, LoginInput, local_checks, refuse};
use crate::gateway::server::login_guard::{self, LoginGuard, REVIEW_WAIT};
use crate::gateway::server::pod_credentials::PodCredentials;
use crate::gateway::server::store::{K8sConfigRecord, MethodKind, ReviewerAuth};
use crate::gateway::server::token_review::{JWKS_PATH, ReviewError, ReviewTarget, TokenReviewer};
use crate::jwks::{FetchError, Lookup};
use crate::jwt;

/// Where and as whom a config's calls to the Kubernetes API go. In the
/// pod's-own-JWT mode the bearer is `client_jwt` (none for the config probe,
/// whose `/version` is public). The gateway's own token goes only to the
/// cluster it runs in.
pub fn config_target(
    cfg: &K8sConfigRecord,
    pod_credentials: Option<&PodCredentials>,
    client_jwt: Option<&str>,
) -> Result<ReviewTarget, String> {
    let plain = |bearer: Option<String>, client_cert: Option<(String, String)>| ReviewTarget {
        host: cfg.k8s_host.clone(),
        ca_pem: cfg.k8s_ca_pem.clone(),
        bearer,
        client_cert,
    };
    Ok(match &cfg.reviewer {
        ReviewerAuth::ReviewerJwt { jwt } => plain(Some(jwt.clone()), None),
        ReviewerAuth::ClientJwt => plain(client_jwt.map(str::to_owned), None),
        ReviewerAuth::ClientCert { cert_pem, key_pem } => {
            plain(None, Some((cert_pem.clone(), key_pem.clone())))
        }
        ReviewerAuth::GatewayServiceAccount => {
            let pod = pod_credentials.ok_or(
                "use-gw-service-account config but the gateway has no service-account directory",
            )?;
            let host = pod.host()?;
            if host != cfg.k8s_host {
                return Err(format!(
                    "use-gw-service-account config targets {} but the gateway runs in {host}; its token is only sent to its own cluster",
                    cfg.k8s_host
                ));
            }
            let (bearer, ca_pem) = pod.current()?;
            ReviewTarget {
                host: host.to_owned(),
                ca_pem,
                bearer: Some(bearer),
                client_cert: None,
            }
        }
    })
}

/// The TokenReview target of a login; the flag says whether the pod's own
/// JWT is the bearer.
pub fn review_target(
    input: &LoginInput<'_>,
    token: &str,
) -> Result<(ReviewTarget, bool), LoginFailure> {
    let target = config_target(input.config, input.pod_credentials, Some(token)).map_err(|reason| {
        LoginFailure {
            status: 500,
            public: "failed to validate token: the gateway's own service account is not available; see the gateway log".into(),
            reason,
        }
    })?;
    Ok((
        target,
        matches!(input.config.reviewer, ReviewerAuth::ClientJwt),
    ))
}

/// Checks the signature against the cluster's published keys. `Ok` when it
/// verifies, or when the keys cannot be had (then TokenReview alone decides,
/// and the log says so once a minute per config).
async fn check_signature(
    input: &LoginInput<'_>,
    decoded: &jwt::Decoded,
    target: &ReviewTarget,
    client_jwt_bearer: bool,
    reviewer: &dyn TokenReviewer,
    guard: &LoginGuard,
) -> Result<(), LoginFailure> {
    let kid = decoded.header.get("kid").and_then(Value::as_str);
    let key = login_guard::jwks_key(input.config);
    let fetch = || async {
        reviewer.fetch_jwks(target).await.map_err(|e| match e {
            // The pod's own JWT as bearer was refused: it is not a token of
            // this cluster (the TokenReview would be refused the same way).
            ReviewError::ReviewerUnauthorized if client_jwt_bearer => {
                FetchError::CredentialsRefused(e.to_string())
            }
            e => FetchError::Unavailable(e.to_string()),
        })
    };
    match guard.jwks.lookup(&key, kid, fetch).await {
        Lookup::Found(set) => set.verify(decoded).map_err(|_| {
            refuse(
                "the service account token is not signed by the cluster",
                format!(
                    "signature does not verify with the cluster's key {} from {JWKS_PATH}",
                    kid.unwrap_or("(token has no kid)")
                ),
            )
        }),
        Lookup::UnknownKid => Err(refuse(
            "the service account token is not signed by the cluster",
            format!(
                "kid {} is not in the cluster's key set from {JWKS_PATH} (refetched at most every {}s)",
                kid.unwrap_or("(none)"),
                guard.jwks.min_refresh.as_secs()
            ),
        )),
        Lookup::CredentialsRefused(e) => Err(refuse(
            "the Kubernetes API server rejected the service account token",
            format!("fetching {JWKS_PATH} with the pod's own JWT as bearer: {e}"),
        )),
        Lookup::Unavailable { reason, warn } => {
            if warn {
                tracing::warn!(
                    config = %input.config.name,
                    host = %input.config.k8s_host,
                    error = %reason,
                    "cannot fetch the cluster's service-account keys ({JWKS_PATH}); token signatures are checked by TokenReview only until they can be fetched (said once a minute)"
                );
            }
            Ok(())
        }
    }
}

/// [`super::validate`] without the failure cache: the method, local checks,
/// signature, TokenReview and its cross-checks, then the bindings.
pub(super) async fn validate_uncached(
    input: &LoginInput<'_>,
    token: &str,
    reviewer: &dyn TokenReviewer,
    guard: &LoginGuard,
) -> Result<K8sIdentity, LoginFailure> {
    let MethodKind::K8s {
        audience,
        bound_namespaces,
        bound_pod_names,
        bound_sa_names,
        ..
    } = &input.method.kind
    else {
        return Err(refuse(
            "the access id is not a Kubernetes auth method",
            format!("auth method {} is not k8s", input.method.name),
        ));
    };
    if input.method.access_expires > 0 && input.now > input.method.access_expires {
        return Err(refuse(
            "the auth method has expired",
            format!(
                "auth method {} expired at {}",
                input.method.name, input.method.access_expires
            ),
        ));
    }
    let (decoded, claims) = local_checks(input, token)?;

    // Audiences for the review: the method's, else none, which makes the API
    // server check the token against its own audiences. Vault sends the
    // token's own `aud` instead, so a token minted for any other service
    // (`kubectl create token --audience other`) would log in.
    let wanted: Vec<String> = if audience.is_empty() {
        Vec::new()
    } else {
        vec![audience.clone()]
    };
    let (target, client_jwt_bearer) = review_target(input, token)?;
    check_signature(input, &decoded, &target, client_jwt_bearer, reviewer, guard).await?;
    let slots = guard.review_slots(input.config);
    let _slot = tokio::time::timeout(REVIEW_WAIT, slots.acquire_owned())
        .await
        .ok()
        .and_then(Result::ok)
        .ok_or_else(|| LoginFailure {
            status: 503,
            public: "failed to validate token: too many logins are waiting for the Kubernetes API server; retry shortly".into(),
            reason: format!(
                "no TokenReview slot within {}s: {} reviews in flight for config {}",
                REVIEW_WAIT.as_secs(),
                guard.max_concurrent_reviews,
                input.config.name
            ),
        })?;
    let status = reviewer
        .review(&target, token, &wanted)
        .await
        .map_err(|e| review_failure(e, client_jwt_bearer))?;
    if let Some(err) = status.error.as_deref().filter(|e| !e.is_empty()) {
        return Err(refuse(
            "the Kubernetes API server rejected the service account token",
            format!("TokenReview error: {err}"),
        ));
    }
    if !status.authenticated {
        return Err(refuse(
            "the Kubernetes API server rejected the service account token",
            "TokenReview: authenticated=false",
        ));
    }
    if !wanted.is_empty() && !status.audiences.iter().any(|a| wanted.contains(a)) {
        return Err(refuse(
            "the service account token is not valid for the required audience",
            format!(
                "TokenReview audiences {:?} do not intersect wanted {:?}",
                status.audiences, wanted
            ),
        ));
    }
    let parts: Vec<&str> = status.user.username.split(':').collect();
    let (ns, name) = match parts.as_slice() {
        ["system", "serviceaccount", ns, name] if !ns.is_empty() && !name.is_empty() => {
            (ns.to_string(), name.to_string())
        }
        _ => {
            return Err(refuse(
                "the token does not belong to a service account",
                format!(
                    "TokenReview username '{}' is not system:serviceaccount:NS:NAME",
                    status.user.username
                ),
            ));
        }
    };
    let mismatch = |what: &str, claim: &Option<String>, review: &str| -> Option<LoginFailure> {
        match claim {
            Some(c) if !review.is_empty() && c != review => Some(refuse(
                "the token's claims do not match the Kubernetes API server's review",
                format!("JWT {what} '{c}' != TokenReview {what} '{review}'"),
            )),
            _ => None,
        }
    };
    if let Some(f) = mismatch("namespace", &claims.namespace, &ns)
        .or_else(|| mismatch("name", &claims.name, &name))
        .or_else(|| mismatch("uid", &claims.uid, &status.user.uid))
    {
        return Err(f);
    }
    if let Some(sub) = decoded.claim_str("sub") {
        let want = format!("system:serviceaccount:{ns}:{name}");
        if sub != want {
            return Err(refuse(
                "the token's claims do not match the Kubernetes API server's review",
                format!("JWT sub '{sub}' != '{want}'"),
            ));
        }
    }
    let extra = |k: &str| status.user.extra.get(k).and_then(|v| v.first()).cloned();
    let pod_name = extra("authentication.kubernetes.io/pod-name").or(claims.pod_name.clone());
    let pod_uid = extra("authentication.kubernetes.io/pod-uid").or(claims.pod_uid.clone());
    check_bindings(
        input,
        bound_namespaces,
        bound_sa_names,
        bound_pod_names,
        &ns,
        &name,
        pod_name.as_deref(),
    )?;
    Ok(K8sIdentity {
        namespace: ns,
        service_account_name: name,
        service_account_uid: status.user.uid.clone(),
        service_account_secret_name: claims.secret_name.unwrap_or_default(),
        pod_name: pod_name.unwrap_or_default(),
        pod_uid: pod_uid.unwrap_or_default(),
        aud: if status.audiences.is_empty() {
            decoded.audiences()
        } else {
            status.audiences.clone()
        },
    })
}

fn review_failure(e: ReviewError, client_jwt_bearer: bool) -> LoginFailure {
    match e {
        // With the pod's own JWT as bearer, a 401 means that JWT was refused.
        ReviewError::ReviewerUnauthorized if client_jwt_bearer => refuse(
            "the Kubernetes API server rejected the service account token",
            "TokenReview with the pod's own JWT as bearer: 401 (token invalid, expired, or its service account deleted)",
        ),
        ReviewError::ReviewerForbidden(m) if client_jwt_bearer => LoginFailure {
            status: 403,
            public: "failed to validate token: the service account may not create tokenreviews (403 Forbidden); bind it to system:auth-delegator or configure --token-reviewer-jwt".into(),
            reason: format!("TokenReview with the pod's own JWT as bearer: 403 {m}"),
        },
        ReviewError::ReviewerUnauthorized => LoginFailure {
            status: 500,
            public: "failed to validate token: the gateway's token reviewer credentials were rejected by the Kubernetes API server (401); see the gateway log".into(),
            reason: "token-reviewer-jwt rejected with 401: expired, revoked, or its service account was deleted or recreated".into(),
        },
        ReviewError::ReviewerForbidden(m) => LoginFailure {
            status: 500,
            public: "failed to validate token: the gateway's token reviewer may not create tokenreviews (403 Forbidden); see the gateway log".into(),
            reason: format!("token reviewer lacks RBAC (bind it to ClusterRole system:auth-delegator): {m}"),
        },
        e @ (ReviewError::Unreachable { .. } | ReviewError::Timeout(..)) => LoginFailure {
            status: 503,
            public: "failed to validate token: the Kubernetes API server is unreachable; see the gateway log".into(),
            reason: e.to_string(),
        },
        e @ ReviewError::Tls { .. } => LoginFailure {
            status: 502,
            public: "failed to validate token: TLS with the Kubernetes API server failed (check the config's k8s-ca-cert and client certificate); see the gateway log".into(),
            reason: e.to_string(),
        },
        ReviewError::Other(m) => LoginFailure {
            status: 502,
            public: "failed to validate token: the TokenReview call failed; see the gateway log".into(),
            reason: m,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateway::server::login::test_support::*;
    use crate::pki::{KeyAlg, PrivateKey};
    use serde_json::json;

    #[test]
    fn happy_path_carries_pod_claims_and_asks_for_the_api_server_audiences() {
        let t = projected("ns-a", "app", "uid-1", Some("mypod1"), &["api"], NOW + 600);
        let r = FakeReviewer::ok("ns-a", "app", "uid-1", Some("mypod1"), &["api"]);
        let id = run(
            &config("", reviewer_jwt()),
            &method("", &["ns-*"], &["mypod1", "mypod2"], &[]),
            &t,
            &r,
        )
        .unwrap();
        assert_eq!(id.pod_name, "mypod1");
        assert_eq!(id.service_account_uid, "uid-1");
        let calls = r.calls.lock().unwrap();
        // No method audience: no spec.audiences, not the token's own `aud`.
        assert_eq!(calls[0], ("reviewer.jwt.x".to_owned(), vec![]));
    }

    #[test]
    fn claims_must_agree_with_the_review() {
        let t = projected("a", "b", "uid-jwt", None, &["api"], NOW + 600);
        let r = FakeReviewer::ok("a", "b", "uid-review", None, &["api"]);
        let f = run(
            &config("", reviewer_jwt()),
            &method("", &[], &[], &[]),
            &t,
            &r,
        )
        .unwrap_err();
        assert!(f.reason.contains("uid"), "{f:?}");
        let r = FakeReviewer::ok("a", "other", "uid-jwt", None, &["api"]);
        assert!(
            run(
                &config("", reviewer_jwt()),
                &method("", &[], &[], &[]),
                &t,
                &r
            )
            .is_err()
        );
    }

    #[test]
    fn review_errors_map_to_clear_categories() {
        let t = projected("a", "b", "u", None, &["api"], NOW + 600);
        let m = method("", &[], &[], &[]);
        let f = run(
            &config("", ReviewerAuth::ClientJwt),
            &m,
            &t,
            &FakeReviewer::err(ReviewError::ReviewerUnauthorized),
        )
        .unwrap_err();
        assert_eq!(f.status, 401);
        assert!(f.public.contains("rejected"));
        let f = run(
            &config("", reviewer_jwt()),
            &m,
            &t,
            &FakeReviewer::err(ReviewError::ReviewerUnauthorized),
        )
        .unwrap_err();
        assert_eq!(f.status, 500);
        assert!(f.public.contains("reviewer"));
        let f = run(
            &config("", reviewer_jwt()),
            &m,
            &t,
            &FakeReviewer::err(ReviewError::ReviewerForbidden("no".into())),
        )
        .unwrap_err();
        assert!(
            f.public.contains("403") && f.reason.contains("auth-delegator"),
            "{f:?}"
        );
        let e = ReviewError::Unreachable {
            host: "https://k8s".into(),
            detail: "connection refused".into(),
        };
        let f = run(&config("", reviewer_jwt()), &m, &t, &FakeReviewer::err(e)).unwrap_err();
        assert_eq!(f.status, 503);
        assert!(f.public.contains("unreachable") && f.reason.contains("connection refused"));
        // With the pod's JWT as bearer, that JWT is what the review sends.
        let r = FakeReviewer::ok("a", "b", "u", None, &["api"]);
        run(&config("", ReviewerAuth::ClientJwt), &m, &t, &r).unwrap();
        assert_eq!(r.calls.lock().unwrap()[0].0, t);
    }

    #[test]
    fn forged_signatures_never_reach_the_review() {
        let cluster = PrivateKey::generate(KeyAlg::Ec256).unwrap();
        let forger = PrivateKey::generate(KeyAlg::Ec256).unwrap();
        let mut r = FakeReviewer::ok("a", "b", "u", None, &["api"]);
        r.jwks = Some(Ok(key_set(&cluster, "k1")));
        let (cfg, m) = (config("", reviewer_jwt()), method("", &[], &[], &[]));
        // Right kid, wrong key; and a kid the cluster does not have.
        for t in [
            signed_by(&forger, "k1", json!(["api"])),
            signed_by(&forger, "k9", json!(["api"])),
        ] {
            let f = run(&cfg, &m, &t, &r).unwrap_err();
            assert!(f.public.contains("not signed by the cluster"), "{f:?}");
        }
        assert_eq!(r.calls(), 0);
        run(&cfg, &m, &signed_by(&cluster, "k1", json!(["api"])), &r).unwrap();
        assert_eq!(r.calls(), 1, "genuine tokens are still reviewed");
        // Keys that cannot be fetched: TokenReview decides.
        let mut r = FakeReviewer::ok("a", "b", "u", None, &["api"]);
        r.jwks = Some(Err(ReviewError::ReviewerForbidden("no".into())));
        run(&cfg, &m, &signed_by(&forger, "k1", json!(["api"])), &r).unwrap();
        assert_eq!(r.calls(), 1);
        // With the pod's JWT as bearer, a 401 on the keys refuses the login.
        let mut r = FakeReviewer::ok("a", "b", "u", None, &["api"]);
        r.jwks = Some(Err(ReviewError::ReviewerUnauthorized));
        let t = signed_by(&forger, "k1", json!(["api"]));
        let f = run(&config("", ReviewerAuth::ClientJwt), &m, &t, &r).unwrap_err();
        assert!(f.public.contains("rejected"), "{f:?}");
        assert_eq!(r.calls(), 0);
    }
}
