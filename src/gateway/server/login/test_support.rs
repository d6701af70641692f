//! Fixtures for the login tests: a recording TokenReviewer, signed
//! projected and legacy tokens, method and config records.

use super::*;
use crate::gateway::server::store::{MethodKind, ReviewerAuth};
use crate::gateway::server::token_review::{
    ReviewError, ReviewFuture, ReviewStatus, ReviewTarget, ReviewUser,
};
use crate::pki::{KeyAlg, PrivateKey};
use serde_json::{Map, json};
use std::sync::Mutex;

/// Answers every review with a fixed result and records the calls;
/// serves `jwks` as the cluster's key set when set.
pub(super) struct FakeReviewer {
    pub(super) answer: Result<ReviewStatus, ReviewError>,
    pub(super) calls: Mutex<Vec<(String, Vec<String>)>>,
    pub(super) jwks: Option<Result<Vec<u8>, ReviewError>>,
}

impl FakeReviewer {
    pub(super) fn ok(
        ns: &str,
        name: &str,
        uid: &str,
        pod: Option<&str>,
        audiences: &[&str],
    ) -> Self {
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
            jwks: None,
        }
    }
    pub(super) fn err(e: ReviewError) -> Self {
        FakeReviewer {
            answer: Err(e),
            calls: Mutex::new(vec![]),
            jwks: None,
        }
    }
    pub(super) fn calls(&self) -> usize {
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

    fn fetch_jwks<'a>(
        &'a self,
        _target: &'a ReviewTarget,
    ) -> crate::gateway::server::token_review::JwksFuture<'a> {
        let j = self
            .jwks
            .clone()
            .unwrap_or(Err(ReviewError::Other("no keys".into())));
        Box::pin(async move { j })
    }
}

pub(super) const NOW: i64 = 1_800_000_000;

pub(super) fn projected(
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

pub(super) fn legacy(ns: &str, name: &str, uid: &str) -> String {
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

pub(super) fn method(audience: &str, ns: &[&str], pods: &[&str], sas: &[&str]) -> AuthMethodRecord {
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

pub(super) fn config(issuer: &str, reviewer: ReviewerAuth) -> K8sConfigRecord {
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

pub(super) fn run(
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
        .enable_all()
        .build()
        .unwrap()
        .block_on(validate(&input, token, r, &LoginGuard::default()))
}

pub(super) fn reviewer_jwt() -> ReviewerAuth {
    ReviewerAuth::ReviewerJwt {
        jwt: "reviewer.jwt.x".into(),
    }
}

pub(super) fn signed_by(key: &PrivateKey, kid: &str, aud: serde_json::Value) -> String {
    let mut c = Map::new();
    c.insert("iss".into(), json!("https://kubernetes.default.svc"));
    c.insert("sub".into(), json!("system:serviceaccount:a:b"));
    c.insert("aud".into(), aud);
    c.insert("exp".into(), json!(NOW + 600));
    c.insert(
        "kubernetes.io".into(),
        json!({"namespace": "a", "serviceaccount": {"name": "b", "uid": "u"}}),
    );
    crate::jwt::sign_with_kid(&c, key, Some(kid)).unwrap()
}

pub(super) fn key_set(key: &PrivateKey, kid: &str) -> Vec<u8> {
    let jwk = crate::jwks::jwk_json(&key.public_key_spki_der().unwrap(), kid).unwrap();
    json!({ "keys": [jwk] }).to_string().into_bytes()
}
