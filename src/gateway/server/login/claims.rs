//! The token itself: the service-account claims it carries (legacy or
//! projected) and the checks that need no network and no secret knowledge
//! (format, algorithm, time, audience count, issuer, audience). They run
//! first, so a malformed or stale token never reaches the API server.

use serde_json::Value;

use super::{LEEWAY_SECS, LEGACY_ISSUER, LoginFailure, LoginInput, MAX_AUDIENCES, refuse};
use crate::gateway::server::store::MethodKind;
use crate::jwt;

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
    if let Some(serde_json::Value::Array(auds)) = decoded.claims.get("aud")
        && auds.len() > MAX_AUDIENCES
    {
        return Err(refuse(
            &format!("the service account token has more than {MAX_AUDIENCES} audiences"),
            format!("token has {} audiences", auds.len()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateway::server::login::test_support::*;

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
