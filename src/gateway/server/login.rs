//! Kubernetes login validation, independent of HTTP (Vault's `path_login`
//! with the gaps of reference k8s-auth-semantics §8 closed).
//!
//! Order matters: local checks that need no secret knowledge (format,
//! algorithm, time, issuer), then TokenReview, and only then the bindings,
//! so forged claims cannot probe which namespaces or names are bound. The
//! caller gets a short, non-probing reason; the gateway log gets the detail.

use std::net::IpAddr;

use serde_json::Value;

use super::bounds;
use super::pod_credentials::PodCredentials;
use super::store::{AuthMethodRecord, K8sConfigRecord, MethodKind, ReviewerAuth};
use super::token_review::{ReviewError, ReviewTarget, TokenReviewer};
use crate::jwt;

/// Clock-skew leeway on exp/nbf/iat.
pub const LEEWAY_SECS: i64 = 60;

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

/// Claims as legacy or projected tokens carry them (projected wins).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SaClaims {
    pub namespace: Option<String>,
    pub name: Option<String>,
    pub uid: Option<String>,
    pub secret_name: Option<String>,
    pub pod_name: Option<String>,
    pub pod_uid: Option<String>,
    pub legacy: bool,
}

pub fn sa_claims(claims: &serde_json::Map<String, Value>) -> SaClaims {
    let s = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    if let Some(k) = claims.get("kubernetes.io").and_then(Value::as_object) {
        return SaClaims {
            namespace: s(k.get("namespace")),
            name: s(k.get("serviceaccount").and_then(|v| v.get("name"))),
            uid: s(k.get("serviceaccount").and_then(|v| v.get("uid"))),
            secret_name: s(k.get("secret").and_then(|v| v.get("name"))),
            pod_name: s(k.get("pod").and_then(|v| v.get("name"))),
            pod_uid: s(k.get("pod").and_then(|v| v.get("uid"))),
            legacy: false,
        };
    }
    SaClaims {
        namespace: s(claims.get("kubernetes.io/serviceaccount/namespace")),
        name: s(claims.get("kubernetes.io/serviceaccount/service-account.name")),
        uid: s(claims.get("kubernetes.io/serviceaccount/service-account.uid")),
        secret_name: s(claims.get("kubernetes.io/serviceaccount/secret.name")),
        pod_name: None,
        pod_uid: None,
        legacy: true,
    }
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

/// Checks that need no network: format, algorithm, time, issuer, audience.
pub fn local_checks(
    input: &LoginInput<'_>,
    token: &str,
) -> Result<(jwt::Decoded, SaClaims), LoginFailure> {
    let decoded = jwt::decode(token).map_err(|e| match e {
        jwt::JwtError::Algorithm(a) => refuse(
            "the service account token uses a signing algorithm that is not allowed",
            format!("token alg {a} not in {:?}", jwt::ALLOWED_ALGS),
        ),
        other => refuse(
            "the service account token is not a valid JWT",
            format!("malformed token: {other}"),
        ),
    })?;
    let now = input.now;
    if let Some(exp) = decoded.claim_i64("exp")
        && now > exp + LEEWAY_SECS
    {
        return Err(refuse(
            "the service account token has expired",
            format!("token expired at {exp}, now {now}"),
        ));
    }
    if let Some(nbf) = decoded.claim_i64("nbf")
        && nbf > now + LEEWAY_SECS
    {
        return Err(refuse(
            "the service account token is not valid yet",
            format!("token nbf {nbf} is in the future (now {now})"),
        ));
    }
    if let Some(iat) = decoded.claim_i64("iat")
        && iat > now + LEEWAY_SECS
    {
        return Err(refuse(
            "the service account token was issued in the future",
            format!("token iat {iat} is in the future (now {now})"),
        ));
    }
    let claims = sa_claims(&decoded.claims);
    let cfg = input.config;
    // `kubernetes/serviceaccount` is the SDKs' default `k8s-issuer`: it
    // predates projected tokens and means "no local issuer check" (the API
    // server validates the issuer; seed 000), so it never refuses one.
    if !cfg.disable_issuer_validation
        && !cfg.k8s_issuer.is_empty()
        && cfg.k8s_issuer != LEGACY_ISSUER
    {
        let iss = decoded.claim_str("iss").unwrap_or("");
        let ok = iss == cfg.k8s_issuer || (claims.legacy && iss == LEGACY_ISSUER);
        if !ok {
            return Err(refuse(
                "the service account token's issuer does not match the auth config",
                format!("token iss '{iss}' != k8s-issuer '{}'", cfg.k8s_issuer),
            ));
        }
    }
    if let MethodKind::K8s { audience, .. } = &input.method.kind
        && !audience.is_empty()
        && !decoded.audiences().iter().any(|a| a == audience)
    {
        return Err(refuse(
            "the service account token is not valid for the required audience",
            format!("token aud {:?} lacks '{audience}'", decoded.audiences()),
        ));
    }
    Ok((decoded, claims))
}

/// Full validation: local checks, TokenReview, cross-checks, bindings.
pub async fn validate(
    input: &LoginInput<'_>,
    token: &str,
    reviewer: &dyn TokenReviewer,
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

    // Audiences for the review: the method's, else the token's own (Vault's
    // rule; an empty list means the API server's audiences).
    let wanted: Vec<String> = if audience.is_empty() {
        decoded.audiences()
    } else {
        vec![audience.clone()]
    };
    let (target, client_jwt_bearer) = review_target(input, token)?;
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

    let not_bound = |detail: String| {
        refuse(
            "the service account is not bound to this auth method",
            detail,
        )
    };
    if !bounds::allowed(bound_namespaces, &ns) {
        return Err(not_bound(format!(
            "namespace '{ns}' not in bound-namespaces {bound_namespaces:?}"
        )));
    }
    if !bounds::allowed(bound_sa_names, &name) {
        return Err(not_bound(format!(
            "service account '{name}' not in bound-sa-names {bound_sa_names:?}"
        )));
    }
    if !bound_pod_names.is_empty() {
        match &pod_name {
            Some(p) if bounds::allowed(bound_pod_names, p) => {}
            Some(p) => {
                return Err(not_bound(format!(
                    "pod '{p}' not in bound-pod-names {bound_pod_names:?}"
                )));
            }
            None => {
                return Err(not_bound(
                    "bound-pod-names is set but the token is not bound to a pod (legacy token or no token projection)".into(),
                ));
            }
        }
    }
    if !bounds::ip_allowed(&input.method.bound_ips, input.client_ip) {
        return Err(not_bound(format!(
            "client address {} not in bound-ips {:?}",
            input.client_ip, input.method.bound_ips
        )));
    }
    if !bounds::ip_allowed(&input.method.gw_bound_ips, input.gateway_ip) {
        return Err(not_bound(format!(
            "gateway address {} not in gw-bound-ips {:?}",
            input.gateway_ip, input.method.gw_bound_ips
        )));
    }
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
    use crate::gateway::server::store::{MethodKind, ReviewerAuth};
    use crate::gateway::server::token_review::{ReviewFuture, ReviewStatus, ReviewUser};
    use crate::pki::{KeyAlg, PrivateKey};
    use serde_json::{Map, json};
    use std::sync::Mutex;

    /// Answers every review with a fixed result and records the calls.
    struct FakeReviewer {
        answer: Result<ReviewStatus, ReviewError>,
        calls: Mutex<Vec<(String, Vec<String>)>>,
    }

    impl FakeReviewer {
        fn ok(ns: &str, name: &str, uid: &str, pod: Option<&str>, audiences: &[&str]) -> Self {
            let mut extra = std::collections::BTreeMap::new();
            if let Some(p) = pod {
                extra.insert(
                    "authentication.kubernetes.io/pod-name".into(),
                    vec![p.to_owned()],
                );
                extra.insert(
                    "authentication.kubernetes.io/pod-uid".into(),
                    vec!["pod-uid-1".to_owned()],
                );
            }
            FakeReviewer {
                answer: Ok(ReviewStatus {
                    authenticated: true,
                    user: ReviewUser {
                        username: format!("system:serviceaccount:{ns}:{name}"),
                        uid: uid.into(),
                        groups: vec![],
                        extra,
                    },
                    audiences: audiences.iter().map(|s| s.to_string()).collect(),
                    error: None,
                }),
                calls: Mutex::new(vec![]),
            }
        }
        fn err(e: ReviewError) -> Self {
            FakeReviewer {
                answer: Err(e),
                calls: Mutex::new(vec![]),
            }
        }
        fn calls(&self) -> usize {
            self.calls.lock().unwrap().len()
        }
    }

    impl TokenReviewer for FakeReviewer {
        fn review<'a>(
            &'a self,
            target: &'a ReviewTarget,
            _token: &'a str,
            audiences: &'a [String],
        ) -> ReviewFuture<'a> {
            self.calls.lock().unwrap().push((
                target.bearer.clone().unwrap_or_default(),
                audiences.to_vec(),
            ));
            let a = self.answer.clone();
            Box::pin(async move { a })
        }
    }

    const NOW: i64 = 1_800_000_000;

    fn projected(
        ns: &str,
        name: &str,
        uid: &str,
        pod: Option<&str>,
        aud: &[&str],
        exp: i64,
    ) -> String {
        let key = PrivateKey::generate(KeyAlg::Ec256).unwrap();
        let mut k8s = json!({ "namespace": ns, "serviceaccount": { "name": name, "uid": uid } });
        if let Some(p) = pod {
            k8s["pod"] = json!({ "name": p, "uid": "pod-uid-1" });
        }
        let mut c = Map::new();
        c.insert("iss".into(), json!("https://kubernetes.default.svc"));
        c.insert(
            "sub".into(),
            json!(format!("system:serviceaccount:{ns}:{name}")),
        );
        c.insert("aud".into(), json!(aud));
        c.insert("exp".into(), json!(exp));
        c.insert("iat".into(), json!(NOW - 10));
        c.insert("nbf".into(), json!(NOW - 10));
        c.insert("kubernetes.io".into(), k8s);
        crate::jwt::sign(&c, &key).unwrap()
    }

    fn legacy(ns: &str, name: &str, uid: &str) -> String {
        let key = PrivateKey::generate(KeyAlg::Rsa2048).unwrap();
        let mut c = Map::new();
        c.insert("iss".into(), json!(LEGACY_ISSUER));
        c.insert(
            "sub".into(),
            json!(format!("system:serviceaccount:{ns}:{name}")),
        );
        c.insert("kubernetes.io/serviceaccount/namespace".into(), json!(ns));
        c.insert(
            "kubernetes.io/serviceaccount/service-account.name".into(),
            json!(name),
        );
        c.insert(
            "kubernetes.io/serviceaccount/service-account.uid".into(),
            json!(uid),
        );
        c.insert(
            "kubernetes.io/serviceaccount/secret.name".into(),
            json!(format!("{name}-token")),
        );
        crate::jwt::sign(&c, &key).unwrap()
    }

    fn method(audience: &str, ns: &[&str], pods: &[&str], sas: &[&str]) -> AuthMethodRecord {
        let v = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        AuthMethodRecord {
            id: "1".into(),
            created: 0,
            ..AuthMethodRecord::new(
                "m",
                "p-1",
                MethodKind::K8s {
                    public_key_spki: String::new(),
                    gen_key_pair: true,
                    audience: audience.into(),
                    bound_namespaces: v(ns),
                    bound_pod_names: v(pods),
                    bound_sa_names: v(sas),
                },
            )
        }
    }

    fn config(issuer: &str, reviewer: ReviewerAuth) -> K8sConfigRecord {
        K8sConfigRecord {
            name: "c".into(),
            id: "cid".into(),
            access_id: "p-1".into(),
            signing_key_pem: String::new(),
            k8s_host: "https://k8s".into(),
            k8s_ca_pem: String::new(),
            k8s_issuer: issuer.into(),
            disable_issuer_validation: false,
            reviewer,
            token_exp: 300,
            cluster_api_type: "native_k8s".into(),
            created: 0,
            updated: 0,
        }
    }

    fn run(
        cfg: &K8sConfigRecord,
        m: &AuthMethodRecord,
        token: &str,
        r: &FakeReviewer,
    ) -> Result<K8sIdentity, LoginFailure> {
        let input = LoginInput {
            config: cfg,
            method: m,
            client_ip: "10.0.0.5".parse().unwrap(),
            gateway_ip: "127.0.0.1".parse().unwrap(),
            now: NOW,
            pod_credentials: None,
        };
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(validate(&input, token, r))
    }

    fn reviewer_jwt() -> ReviewerAuth {
        ReviewerAuth::ReviewerJwt {
            jwt: "reviewer.jwt.x".into(),
        }
    }

    #[test]
    fn happy_path_carries_pod_claims_and_uses_token_audience() {
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
        assert_eq!(
            calls[0],
            ("reviewer.jwt.x".to_owned(), vec!["api".to_owned()])
        );
    }

    #[test]
    fn bindings_are_checked_only_after_the_review() {
        // A forged token in another namespace: rejected by the review, and
        // the caller learns nothing about the bindings.
        let t = projected("evil", "app", "uid-1", Some("mypod1"), &["api"], NOW + 600);
        let mut r = FakeReviewer::ok("evil", "app", "uid-1", None, &["api"]);
        r.answer = Ok(ReviewStatus {
            authenticated: false,
            error: Some("invalid bearer token".into()),
            ..Default::default()
        });
        let f = run(
            &config("", reviewer_jwt()),
            &method("", &["ns-a"], &[], &[]),
            &t,
            &r,
        )
        .unwrap_err();
        assert_eq!(r.calls(), 1);
        assert!(f.public.contains("rejected"), "{f:?}");
        assert!(!f.public.contains("ns-a"));
        // A genuine token in an unbound namespace: uniform "not bound".
        let r = FakeReviewer::ok("evil", "app", "uid-1", Some("mypod1"), &["api"]);
        let f = run(
            &config("", reviewer_jwt()),
            &method("", &["ns-a"], &[], &[]),
            &t,
            &r,
        )
        .unwrap_err();
        assert!(
            f.public.contains("not bound") && !f.public.contains("ns-a"),
            "{f:?}"
        );
        assert!(
            f.reason.contains("evil"),
            "the log names the namespace: {f:?}"
        );
    }

    #[test]
    fn glob_bindings_are_strict() {
        let t = projected("prod", "app", "u", Some("p"), &["api"], NOW + 600);
        let r = FakeReviewer::ok("prod", "app", "u", Some("p"), &["api"]);
        assert!(
            run(
                &config("", reviewer_jwt()),
                &method("", &["prod*prod"], &[], &[]),
                &t,
                &r
            )
            .is_err()
        );
        assert!(
            run(
                &config("", reviewer_jwt()),
                &method("", &["pro*"], &[], &["a*"]),
                &t,
                &r
            )
            .is_ok()
        );
        assert!(
            run(
                &config("", reviewer_jwt()),
                &method("", &[], &[], &["b*"]),
                &t,
                &r
            )
            .is_err()
        );
    }

    #[test]
    fn expired_and_future_tokens_fail_before_any_review() {
        let r = FakeReviewer::ok("a", "b", "u", None, &["api"]);
        let t = projected("a", "b", "u", None, &["api"], NOW - 61);
        let f = run(
            &config("", reviewer_jwt()),
            &method("", &[], &[], &[]),
            &t,
            &r,
        )
        .unwrap_err();
        assert!(f.public.contains("expired"));
        // Within the 60 s leeway it passes.
        let t = projected("a", "b", "u", None, &["api"], NOW - 30);
        assert!(
            run(
                &config("", reviewer_jwt()),
                &method("", &[], &[], &[]),
                &t,
                &r
            )
            .is_ok()
        );
        assert_eq!(r.calls(), 1);
    }

    #[test]
    fn audience_rules() {
        // The method requires "akl": a token for "api" fails locally.
        let t = projected("a", "b", "u", None, &["api"], NOW + 600);
        let r = FakeReviewer::ok("a", "b", "u", None, &["akl"]);
        let f = run(
            &config("", reviewer_jwt()),
            &method("akl", &[], &[], &[]),
            &t,
            &r,
        )
        .unwrap_err();
        assert!(f.public.contains("audience"));
        assert_eq!(r.calls(), 0);
        // The review must confirm an audience we asked for.
        let t = projected("a", "b", "u", None, &["akl"], NOW + 600);
        let r = FakeReviewer::ok("a", "b", "u", None, &["other"]);
        let f = run(
            &config("", reviewer_jwt()),
            &method("akl", &[], &[], &[]),
            &t,
            &r,
        )
        .unwrap_err();
        assert!(f.reason.contains("do not intersect"), "{f:?}");
        assert_eq!(r.calls.lock().unwrap()[0].1, vec!["akl".to_owned()]);
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
    fn legacy_tokens_work_but_not_with_pod_bindings() {
        let t = legacy("a", "b", "u");
        let r = FakeReviewer::ok("a", "b", "u", None, &[]);
        let id = run(
            &config("https://kubernetes.default.svc", reviewer_jwt()),
            &method("", &["a"], &[], &[]),
            &t,
            &r,
        )
        .unwrap();
        assert_eq!(id.service_account_secret_name, "b-token");
        // Empty token aud: the review asks for the API server's audiences.
        assert!(r.calls.lock().unwrap()[0].1.is_empty());
        let f = run(
            &config("", reviewer_jwt()),
            &method("", &[], &["mypod1"], &[]),
            &t,
            &r,
        )
        .unwrap_err();
        assert!(f.reason.contains("not bound to a pod"), "{f:?}");
    }

    #[test]
    fn issuer_is_checked_unless_disabled() {
        let t = projected("a", "b", "u", None, &["api"], NOW + 600);
        let r = FakeReviewer::ok("a", "b", "u", None, &["api"]);
        let f = run(
            &config("https://other", reviewer_jwt()),
            &method("", &[], &[], &[]),
            &t,
            &r,
        )
        .unwrap_err();
        assert!(f.public.contains("issuer"));
        let mut cfg = config("https://other", reviewer_jwt());
        cfg.disable_issuer_validation = true;
        assert!(run(&cfg, &method("", &[], &[], &[]), &t, &r).is_ok());
    }

    #[test]
    fn the_sdk_default_issuer_does_not_refuse_projected_tokens() {
        let t = projected("a", "b", "u", None, &["api"], NOW + 600);
        let r = FakeReviewer::ok("a", "b", "u", None, &["api"]);
        let cfg = config(LEGACY_ISSUER, reviewer_jwt());
        assert!(run(&cfg, &method("", &[], &[], &[]), &t, &r).is_ok());
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
    fn none_algorithm_never_reaches_the_review() {
        use base64::Engine;
        let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let t = format!("{}.{}.x", e.encode(r#"{"alg":"none"}"#), e.encode("{}"));
        let r = FakeReviewer::ok("a", "b", "u", None, &[]);
        let f = run(
            &config("", reviewer_jwt()),
            &method("", &[], &[], &[]),
            &t,
            &r,
        )
        .unwrap_err();
        assert!(f.public.contains("algorithm"));
        assert_eq!(r.calls(), 0);
    }
}
