//! Self-tests of the test-only Kubernetes API server in `tests/support`, over real HTTPS.

mod support;

use base64::Engine as _;
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use support::{KubeApiServer, KubeconfigUser, Options, SaKeyAlg, Subject, TokenOpts};

const NS: &str = "default";
const API_AUD: &str = "https://kubernetes.default.svc.cluster.local";

fn client(s: &KubeApiServer) -> reqwest::Client {
    reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(s.ca_pem().as_bytes()).unwrap()])
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

fn cert_client(s: &KubeApiServer, cert_pem: &str, key_pem: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(s.ca_pem().as_bytes()).unwrap()])
        .identity(reqwest::Identity::from_pem(format!("{cert_pem}{key_pem}").as_bytes()).unwrap())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

async fn send(
    c: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    bearer: Option<&str>,
    body: Option<(&str, Vec<u8>)>,
) -> (u16, Value) {
    let mut rb = c.request(method, url).header("accept", "application/json");
    if let Some(t) = bearer {
        rb = rb.bearer_auth(t);
    }
    if let Some((ct, b)) = body {
        rb = rb.header("content-type", ct).body(b);
    }
    let resp = rb.send().await.expect("request");
    let code = resp.status().as_u16();
    let bytes = resp.bytes().await.unwrap();
    let v = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
    (code, v)
}

async fn get(
    c: &reqwest::Client,
    s: &KubeApiServer,
    path: &str,
    bearer: Option<&str>,
) -> (u16, Value) {
    send(
        c,
        reqwest::Method::GET,
        format!("{}{path}", s.url()),
        bearer,
        None,
    )
    .await
}

async fn post(
    c: &reqwest::Client,
    s: &KubeApiServer,
    path: &str,
    bearer: Option<&str>,
    body: &Value,
) -> (u16, Value) {
    let b = serde_json::to_vec(body).unwrap();
    send(
        c,
        reqwest::Method::POST,
        format!("{}{path}", s.url()),
        bearer,
        Some(("application/json", b)),
    )
    .await
}

async fn put(
    c: &reqwest::Client,
    s: &KubeApiServer,
    path: &str,
    bearer: Option<&str>,
    body: &Value,
) -> (u16, Value) {
    let b = serde_json::to_vec(body).unwrap();
    send(
        c,
        reqwest::Method::PUT,
        format!("{}{path}", s.url()),
        bearer,
        Some(("application/json", b)),
    )
    .await
}

const TOKENREVIEWS: &str = "/apis/authentication.k8s.io/v1/tokenreviews";
const CSRS: &str = "/apis/certificates.k8s.io/v1/certificatesigningrequests";

async fn review(
    s: &KubeApiServer,
    reviewer: &str,
    token: &str,
    audiences: &[&str],
) -> (u16, Value) {
    let mut spec = json!({"token": token});
    if !audiences.is_empty() {
        spec["audiences"] = json!(audiences);
    }
    post(
        &client(s),
        s,
        TOKENREVIEWS,
        Some(reviewer),
        &json!({"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": spec}),
    )
    .await
}

fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap()
}

/// A server with SA `default/app` + pod `app-0`, and a reviewer SA bound to system:auth-delegator.
/// Returns (server, reviewer token, app SA uid, pod uid).
fn setup() -> (KubeApiServer, String, String, String) {
    let s = KubeApiServer::start();
    let sa_uid = s.create_service_account(NS, "app");
    let pod_uid = s.create_pod(NS, "app-0", "app");
    s.create_service_account(NS, "gateway-token-reviewer");
    s.bind_auth_delegator(Subject::service_account(NS, "gateway-token-reviewer"));
    let reviewer = s.token_request(NS, "gateway-token-reviewer", TokenOpts::default());
    (s, reviewer, sa_uid, pod_uid)
}

async fn review_error(
    s: &KubeApiServer,
    reviewer: &str,
    token: &str,
    audiences: &[&str],
) -> String {
    let (code, body) = review(s, reviewer, token, audiences).await;
    assert_eq!(code, 201, "{body}");
    assert!(body["status"].get("authenticated").is_none(), "{body}");
    assert_eq!(body["status"]["user"], json!({}), "{body}");
    body["status"]["error"]
        .as_str()
        .expect("status.error")
        .to_string()
}

// ------------------------------------------------------------------ TokenReview

#[tokio::test]
async fn tokenreview_pod_bound_token_with_extra_and_audience_intersection() {
    let (s, reviewer, sa_uid, pod_uid) = setup();
    let token = s.token_request(
        NS,
        "app",
        TokenOpts {
            audiences: vec!["vault".into(), "other".into()],
            expiration_seconds: 600,
            pod: Some("app-0".into()),
        },
    );
    let c = claims(&token);
    assert_eq!(c["iss"], json!(s.issuer()));
    assert_eq!(c["sub"], json!("system:serviceaccount:default:app"));
    assert_eq!(c["aud"], json!(["vault", "other"]));
    assert_eq!(c["kubernetes.io"]["pod"]["uid"], json!(pod_uid));
    assert_eq!(c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(), 600);
    assert_eq!(c["nbf"], c["iat"]);

    let before = s.tokenreview_count();
    let (code, body) = review(&s, &reviewer, &token, &["nope", "vault"]).await;
    assert_eq!(code, 201, "{body}");
    assert_eq!(body["kind"], "TokenReview");
    assert_eq!(body["apiVersion"], "authentication.k8s.io/v1");
    assert_eq!(body["spec"]["token"], json!(token), "spec is echoed");
    let st = &body["status"];
    assert_eq!(st["authenticated"], json!(true), "{body}");
    assert!(st.get("error").is_none());
    assert_eq!(st["audiences"], json!(["vault"]));
    let user = &st["user"];
    assert_eq!(user["username"], "system:serviceaccount:default:app");
    assert_eq!(user["uid"], json!(sa_uid));
    assert_eq!(
        user["groups"],
        json!([
            "system:serviceaccounts",
            "system:serviceaccounts:default",
            "system:authenticated"
        ])
    );
    assert_eq!(
        user["extra"]["authentication.kubernetes.io/pod-name"],
        json!(["app-0"])
    );
    assert_eq!(
        user["extra"]["authentication.kubernetes.io/pod-uid"],
        json!([pod_uid])
    );
    assert_eq!(
        user["extra"]["authentication.kubernetes.io/credential-id"],
        json!([format!("JTI={}", c["jti"].as_str().unwrap())])
    );
    assert_eq!(s.tokenreview_count(), before + 1);

    // empty spec.audiences means the API server's audiences
    let api_token = s.token_request(NS, "app", TokenOpts::default());
    let (_, body) = review(&s, &reviewer, &api_token, &[]).await;
    assert_eq!(body["status"]["authenticated"], json!(true), "{body}");
    assert_eq!(body["status"]["audiences"], json!([API_AUD]));
    assert!(
        body["status"]["user"]
            .get("extra")
            .unwrap()
            .get("authentication.kubernetes.io/pod-name")
            .is_none()
    );
    assert_eq!(s.tokenreview_count(), before + 2);
}

#[tokio::test]
async fn tokenreview_rejects_wrong_audience() {
    let (s, reviewer, _, _) = setup();
    let token = s.token_request(
        NS,
        "app",
        TokenOpts {
            audiences: vec!["vault".into()],
            ..Default::default()
        },
    );
    assert_eq!(
        review_error(&s, &reviewer, &token, &["other"]).await,
        r#"[invalid bearer token, token audiences ["vault"] is invalid for the target audiences ["other"]]"#
    );
    assert_eq!(
        review_error(&s, &reviewer, &token, &[]).await,
        format!(
            r#"[invalid bearer token, token audiences ["vault"] is invalid for the target audiences ["{API_AUD}"]]"#
        )
    );
}

#[tokio::test]
async fn tokenreview_expiry_honours_the_60s_leeway() {
    let (s, reviewer, _, _) = setup();
    let expired = s.token_request(
        NS,
        "app",
        TokenOpts {
            expiration_seconds: -120,
            ..Default::default()
        },
    );
    assert_eq!(
        review_error(&s, &reviewer, &expired, &[]).await,
        "[invalid bearer token, service account token has expired]"
    );
    let within_leeway = s.token_request(
        NS,
        "app",
        TokenOpts {
            expiration_seconds: -20,
            ..Default::default()
        },
    );
    let (_, body) = review(&s, &reviewer, &within_leeway, &[]).await;
    assert_eq!(body["status"]["authenticated"], json!(true), "{body}");
}

#[tokio::test]
async fn tokenreview_rejects_foreign_and_tampered_signatures() {
    let (s, reviewer, _, _) = setup();
    let foreign = s.foreign_token(NS, "app", TokenOpts::default());
    assert_ne!(claims(&foreign)["kid"], json!(s.sa_key_id()));
    assert_eq!(
        review_error(&s, &reviewer, &foreign, &[]).await,
        "[invalid bearer token, invalid signature, no keys found]"
    );
    // same kid, different payload
    let good = s.token_request(NS, "app", TokenOpts::default());
    let other = s.token_request(NS, "gateway-token-reviewer", TokenOpts::default());
    let p: Vec<&str> = good.split('.').collect();
    let q: Vec<&str> = other.split('.').collect();
    let tampered = format!("{}.{}.{}", p[0], q[1], p[2]);
    assert_eq!(
        review_error(&s, &reviewer, &tampered, &[]).await,
        "[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]"
    );
    // not a service-account token at all
    assert_eq!(
        review_error(&s, &reviewer, "not-a-jwt", &[]).await,
        "invalid bearer token"
    );
    let wrong_iss = s.sign_jwt(&json!({"iss": "https://elsewhere", "sub": "x", "aud": [API_AUD]}));
    assert_eq!(
        review_error(&s, &reviewer, &wrong_iss, &[]).await,
        "invalid bearer token"
    );
}

#[tokio::test]
async fn tokenreview_rejects_tokens_of_deleted_objects() {
    let (s, reviewer, sa_uid, _) = setup();
    let bound = s.token_request(
        NS,
        "app",
        TokenOpts {
            pod: Some("app-0".into()),
            ..Default::default()
        },
    );
    s.delete_pod(NS, "app-0");
    assert_eq!(
        review_error(&s, &reviewer, &bound, &[]).await,
        "[invalid bearer token, service account token has been invalidated]"
    );
    let token = s.token_request(NS, "app", TokenOpts::default());
    s.delete_service_account(NS, "app");
    assert_eq!(
        review_error(&s, &reviewer, &token, &[]).await,
        r#"[invalid bearer token, serviceaccounts "app" not found]"#
    );
    let new_uid = s.create_service_account(NS, "app");
    assert_eq!(
        review_error(&s, &reviewer, &token, &[]).await,
        format!(
            "[invalid bearer token, service account UID ({new_uid}) does not match claim ({sa_uid})]"
        )
    );
}

#[tokio::test]
async fn tokenreview_accepts_legacy_secret_tokens() {
    let (s, reviewer, sa_uid, _) = setup();
    let legacy = s.legacy_token(NS, "app");
    let c = claims(&legacy);
    assert_eq!(c["iss"], "kubernetes/serviceaccount");
    assert_eq!(
        c["kubernetes.io/serviceaccount/service-account.uid"],
        json!(sa_uid)
    );
    assert!(c.get("exp").is_none() && c.get("aud").is_none());
    let secret_name = c["kubernetes.io/serviceaccount/secret.name"]
        .as_str()
        .unwrap()
        .to_string();

    let (_, body) = review(&s, &reviewer, &legacy, &[]).await;
    let st = &body["status"];
    assert_eq!(st["authenticated"], json!(true), "{body}");
    assert_eq!(st["user"]["username"], "system:serviceaccount:default:app");
    assert_eq!(st["user"]["uid"], json!(sa_uid));
    assert!(st["user"].get("extra").is_none());
    assert_eq!(st["audiences"], json!([API_AUD]));
    let secret = s
        .get_object(&format!("/api/v1/namespaces/default/secrets/{secret_name}"))
        .unwrap();
    assert!(secret["metadata"]["labels"]["kubernetes.io/legacy-token-last-used"].is_string());

    // legacy tokens are only valid for the API server audiences
    assert_eq!(
        review_error(&s, &reviewer, &legacy, &["vault"]).await,
        format!(
            r#"[invalid bearer token, token audiences ["{API_AUD}"] is invalid for the target audiences ["vault"]]"#
        )
    );
    // deleting the Secret revokes it
    let (code, _) = send(
        &client(&s),
        reqwest::Method::DELETE,
        format!(
            "{}/api/v1/namespaces/default/secrets/{secret_name}",
            s.url()
        ),
        Some(&s.admin_token()),
        None,
    )
    .await;
    assert_eq!(code, 200);
    assert_eq!(
        review_error(&s, &reviewer, &legacy, &[]).await,
        "[invalid bearer token, Token has been invalidated]"
    );
}

#[tokio::test]
async fn unauthenticated_reviewer_gets_401_and_anonymous_gets_403() {
    let (s, _, _, _) = setup();
    let token = s.token_request(NS, "app", TokenOpts::default());
    let body = json!({"spec": {"token": token}});
    let expected_401 = json!({
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": "Unauthorized", "reason": "Unauthorized", "code": 401,
    });
    let c = client(&s);
    let (code, v) = post(&c, &s, TOKENREVIEWS, Some("garbage"), &body).await;
    assert_eq!((code, v), (401, expected_401.clone()));
    let expired = s.token_request(
        NS,
        "gateway-token-reviewer",
        TokenOpts {
            expiration_seconds: -3600,
            ..Default::default()
        },
    );
    let (code, _) = post(&c, &s, TOKENREVIEWS, Some(&expired), &body).await;
    assert_eq!(code, 401);

    // no credentials at all: system:anonymous (the --anonymous-auth=true default)
    let (code, v) = post(&c, &s, TOKENREVIEWS, None, &body).await;
    assert_eq!(code, 403, "{v}");
    assert_eq!(
        v["message"],
        r#"tokenreviews.authentication.k8s.io is forbidden: User "system:anonymous" cannot create resource "tokenreviews" in API group "authentication.k8s.io" at the cluster scope"#
    );
    // anonymous may read /version and /healthz (system:public-info-viewer), nothing else
    assert_eq!(get(&c, &s, "/version", None).await.0, 200);
    assert_eq!(get(&c, &s, "/healthz", None).await, (200, json!("ok")));
    let (code, v) = get(&c, &s, "/api", None).await;
    assert_eq!(code, 403);
    assert_eq!(
        v["message"],
        r#"forbidden: User "system:anonymous" cannot get path "/api""#
    );

    let strict = KubeApiServer::start_with(Options {
        anonymous_auth: false,
        ..Default::default()
    });
    let (code, v) = post(&client(&strict), &strict, TOKENREVIEWS, None, &body).await;
    assert_eq!((code, v), (401, expected_401));
}

#[tokio::test]
async fn reviewer_without_auth_delegator_is_forbidden() {
    let (s, _, _, _) = setup();
    s.create_service_account(NS, "no-rbac");
    let reviewer = s.token_request(NS, "no-rbac", TokenOpts::default());
    let token = s.token_request(NS, "app", TokenOpts::default());
    let (code, v) = review(&s, &reviewer, &token, &[]).await;
    assert_eq!(code, 403);
    assert_eq!(
        v,
        json!({
            "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": "tokenreviews.authentication.k8s.io is forbidden: User \"system:serviceaccount:default:no-rbac\" cannot create resource \"tokenreviews\" in API group \"authentication.k8s.io\" at the cluster scope",
            "reason": "Forbidden",
            "details": {"group": "authentication.k8s.io", "kind": "tokenreviews"},
            "code": 403,
        })
    );
    // a binding to a missing role shows up in the reason, as RBAC reports it
    s.create_cluster_role_binding(
        "dangling",
        "does-not-exist",
        &[Subject::service_account(NS, "no-rbac")],
    );
    let (_, v) = review(&s, &reviewer, &token, &[]).await;
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .ends_with(r#"at the cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io "does-not-exist" not found"#),
        "{v}"
    );
}

#[tokio::test]
async fn client_certificate_reviewer() {
    let (s, _, _, _) = setup();
    let token = s.token_request(NS, "app", TokenOpts::default());
    let (cert, key) = s.issue_client_cert("akl-gateway", &["akl:gateways", "team:a"]);
    let c = cert_client(&s, &cert, &key);
    let body = json!({"spec": {"token": token}});
    let (code, v) = post(&c, &s, TOKENREVIEWS, None, &body).await;
    assert_eq!(code, 403);
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains(r#"User "akl-gateway" cannot create"#),
        "{v}"
    );

    s.bind_auth_delegator(Subject::Group("team:a".into()));
    let (code, v) = post(&c, &s, TOKENREVIEWS, None, &body).await;
    assert_eq!(code, 201, "{v}");
    assert_eq!(v["status"]["authenticated"], json!(true));

    // the server sees CN and every O
    let (code, v) = post(
        &c,
        &s,
        "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        None,
        &json!({}),
    )
    .await;
    assert_eq!(code, 201, "{v}");
    assert_eq!(v["status"]["userInfo"]["username"], "akl-gateway");
    assert_eq!(
        v["status"]["userInfo"]["groups"],
        json!(["akl:gateways", "team:a", "system:authenticated"])
    );

    // a certificate from another CA fails the TLS handshake
    let other = KubeApiServer::start();
    let (cert, key) = other.issue_client_cert("mallory", &["system:masters"]);
    let err = cert_client(&s, &cert, &key)
        .get(format!("{}/version", s.url()))
        .send()
        .await;
    assert!(err.is_err(), "foreign client certificate must be rejected");
}

// ------------------------------------------------------------------ TokenRequest

#[tokio::test]
async fn token_request_endpoint() {
    let (s, reviewer, sa_uid, pod_uid) = setup();
    let c = client(&s);
    let admin = s.admin_token();
    let path = "/api/v1/namespaces/default/serviceaccounts/app/token";
    let req = json!({
        "apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
        "spec": {"audiences": ["vault"], "expirationSeconds": 900,
                 "boundObjectRef": {"apiVersion": "v1", "kind": "Pod", "name": "app-0", "uid": pod_uid}},
    });
    let (code, v) = post(&c, &s, path, Some(&admin), &req).await;
    assert_eq!(code, 201, "{v}");
    assert_eq!(v["kind"], "TokenRequest");
    assert_eq!(v["metadata"]["uid"], json!(sa_uid));
    assert!(
        v["status"]["expirationTimestamp"]
            .as_str()
            .unwrap()
            .ends_with('Z')
    );
    let token = v["status"]["token"].as_str().unwrap();
    let cl = claims(token);
    assert_eq!(
        cl["exp"].as_i64().unwrap() - cl["iat"].as_i64().unwrap(),
        900
    );
    let (_, r) = review(&s, &reviewer, token, &["vault"]).await;
    assert_eq!(
        r["status"]["user"]["extra"]["authentication.kubernetes.io/pod-uid"],
        json!([pod_uid])
    );

    // defaults: API audiences, 3600s
    let (_, v) = post(&c, &s, path, Some(&admin), &json!({})).await;
    assert_eq!(v["spec"]["audiences"], json!([API_AUD]));
    assert_eq!(v["spec"]["expirationSeconds"], json!(3600));

    let (code, v) = post(
        &c,
        &s,
        path,
        Some(&admin),
        &json!({"spec": {"expirationSeconds": 60}}),
    )
    .await;
    assert_eq!(code, 422);
    assert_eq!(
        v["message"],
        r#"TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes"#
    );
    s.create_service_account(NS, "other");
    let (code, v) = post(
        &c,
        &s,
        "/api/v1/namespaces/default/serviceaccounts/other/token",
        Some(&admin),
        &json!({"spec": {"boundObjectRef": {"apiVersion": "v1", "kind": "Pod", "name": "app-0"}}}),
    )
    .await;
    assert_eq!(code, 400);
    assert_eq!(
        v["message"],
        r#"cannot bind token for serviceaccount "other" to pod running with different serviceaccount name."#
    );
    let (code, v) = post(
        &c,
        &s,
        "/api/v1/namespaces/default/serviceaccounts/ghost/token",
        Some(&admin),
        &json!({}),
    )
    .await;
    assert_eq!(code, 404);
    assert_eq!(v["message"], r#"serviceaccounts "ghost" not found"#);
    assert_eq!(
        v["details"],
        json!({"name": "ghost", "kind": "serviceaccounts"})
    );
}

// ------------------------------------------------------------------ OIDC discovery

#[tokio::test]
async fn oidc_discovery_and_jwks_verify_minted_tokens() {
    for alg in [SaKeyAlg::Rs256, SaKeyAlg::Es256] {
        let s = KubeApiServer::start_with(Options {
            sa_key_alg: alg,
            ..Default::default()
        });
        s.create_service_account(NS, "app");
        let token = s.token_request(
            NS,
            "app",
            TokenOpts {
                audiences: vec!["vault".into()],
                ..Default::default()
            },
        );
        let api_token = s.token_request(NS, "app", TokenOpts::default());
        let c = client(&s);
        // bound to system:serviceaccounts by default, not to anonymous callers
        assert_eq!(
            get(&c, &s, "/.well-known/openid-configuration", None)
                .await
                .0,
            403
        );
        // a token for another audience is not a credential for the API server
        assert_eq!(
            get(&c, &s, "/.well-known/openid-configuration", Some(&token))
                .await
                .0,
            401
        );
        let (code, doc) = get(
            &c,
            &s,
            "/.well-known/openid-configuration",
            Some(&api_token),
        )
        .await;
        assert_eq!(code, 200, "{doc}");
        let alg_name = if alg == SaKeyAlg::Rs256 {
            "RS256"
        } else {
            "ES256"
        };
        assert_eq!(
            doc,
            json!({
                "issuer": s.issuer(),
                "jwks_uri": format!("{}/openid/v1/jwks", s.url()),
                "response_types_supported": ["id_token"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": [alg_name],
            })
        );
        let resp = c
            .get(format!("{}/openid/v1/jwks", s.url()))
            .bearer_auth(&api_token)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.headers()["content-type"], "application/jwk-set+json");
        let set: jsonwebtoken::jwk::JwkSet = resp.json().await.unwrap();
        assert_eq!(set.keys.len(), 1);
        let jwk = set.find(&s.sa_key_id()).expect("kid in JWKS");
        let key = jsonwebtoken::DecodingKey::from_jwk(jwk).unwrap();
        let header = jsonwebtoken::decode_header(&token).unwrap();
        assert_eq!(header.kid.as_deref(), Some(s.sa_key_id().as_str()));
        let mut validation = jsonwebtoken::Validation::new(header.alg);
        validation.set_audience(&["vault"]);
        validation.set_issuer(&[s.issuer()]);
        let data = jsonwebtoken::decode::<Value>(&token, &key, &validation)
            .expect("JWKS verifies the token");
        assert_eq!(data.claims["sub"], "system:serviceaccount:default:app");
        // a foreign token does not verify against the JWKS
        let foreign = s.foreign_token(
            NS,
            "app",
            TokenOpts {
                audiences: vec!["vault".into()],
                ..Default::default()
            },
        );
        assert!(jsonwebtoken::decode::<Value>(&foreign, &key, &validation).is_err());
    }
    let public = KubeApiServer::start_with(Options {
        public_oidc_discovery: true,
        ..Default::default()
    });
    assert_eq!(
        get(&client(&public), &public, "/openid/v1/jwks", None)
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn signing_key_rotation_keeps_old_keys_trusted_and_published() {
    let (s, reviewer, _, _) = setup();
    let old_kid = s.sa_key_id();
    let old_token = s.token_request(NS, "app", TokenOpts::default());
    let new_kid = s.rotate_signing_key();
    assert_ne!(old_kid, new_kid);
    assert_eq!(s.sa_key_id(), new_kid);
    let new_token = s.token_request(NS, "app", TokenOpts::default());
    let kid = |t: &str| jsonwebtoken::decode_header(t).unwrap().kid.unwrap();
    assert_eq!(kid(&old_token), old_kid);
    assert_eq!(kid(&new_token), new_kid);
    // --service-account-key-file keeps verifying the old key.
    for t in [&old_token, &new_token] {
        let (_, body) = review(&s, &reviewer, t, &[]).await;
        assert_eq!(body["status"]["authenticated"], json!(true), "{body}");
    }
    let (code, set) = get(&client(&s), &s, "/openid/v1/jwks", Some(&new_token)).await;
    assert_eq!(code, 200, "{set}");
    let kids: Vec<&str> = set["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    assert_eq!(kids, [new_kid.as_str(), old_kid.as_str()]);
}

// ------------------------------------------------------------------ CSRs

fn csr_pem(cn: &str, org: &str) -> (String, String) {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::default();
    let mut dn = rcgen::DistinguishedName::new();
    dn.push(rcgen::DnType::CommonName, cn);
    dn.push(rcgen::DnType::OrganizationName, org);
    params.distinguished_name = dn;
    let csr = params.serialize_request(&key).unwrap();
    (csr.pem().unwrap(), key.serialize_pem())
}

fn csr_object(name: &str, pem: &str, usages: &[&str], expiration: Option<i64>) -> Value {
    let mut v = json!({
        "apiVersion": "certificates.k8s.io/v1",
        "kind": "CertificateSigningRequest",
        "metadata": {"name": name},
        "spec": {
            "request": base64::engine::general_purpose::STANDARD.encode(pem),
            "signerName": "kubernetes.io/kube-apiserver-client",
            "usages": usages,
        },
    });
    if let Some(e) = expiration {
        v["spec"]["expirationSeconds"] = json!(e);
    }
    v
}

async fn decide(s: &KubeApiServer, name: &str, ty: &str) -> (u16, Value) {
    let c = client(s);
    let admin = s.admin_token();
    let (_, mut csr) = get(&c, s, &format!("{CSRS}/{name}"), Some(&admin)).await;
    csr["status"]["conditions"] = json!([{
        "type": ty, "status": "True", "reason": "KubectlApprove", "message": "decided by test",
    }]);
    put(
        &c,
        s,
        &format!("{CSRS}/{name}/approval"),
        Some(&admin),
        &csr,
    )
    .await
}

async fn wait_for<F: Fn(&Value) -> bool>(
    s: &KubeApiServer,
    name: &str,
    f: F,
    timeout: Duration,
) -> Option<Value> {
    let c = client(s);
    let start = Instant::now();
    while start.elapsed() < timeout {
        let (_, v) = get(&c, s, &format!("{CSRS}/{name}"), Some(&s.admin_token())).await;
        if f(&v) {
            return Some(v);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

fn has_cert(v: &Value) -> bool {
    v["status"]["certificate"].is_string()
}

#[tokio::test]
async fn csr_approve_then_signed_certificate_verifies_against_ca() {
    let s = KubeApiServer::start();
    let c = client(&s);
    let admin = s.admin_token();
    let (pem, key_pem) = csr_pem("alice", "devs");
    let (code, v) = post(
        &c,
        &s,
        CSRS,
        Some(&admin),
        &csr_object(
            "alice",
            &pem,
            &["client auth", "digital signature"],
            Some(3600),
        ),
    )
    .await;
    assert_eq!(code, 201, "{v}");
    assert_eq!(v["spec"]["username"], "kubernetes-admin");
    assert_eq!(
        v["spec"]["groups"],
        json!(["system:masters", "system:authenticated"])
    );
    assert_eq!(v["status"], json!({}));
    let (code, v) = post(
        &c,
        &s,
        CSRS,
        Some(&admin),
        &csr_object("alice", &pem, &["client auth"], None),
    )
    .await;
    assert_eq!(code, 409);
    assert_eq!(v["reason"], "AlreadyExists");
    assert_eq!(
        v["message"],
        r#"certificatesigningrequests.certificates.k8s.io "alice" already exists"#
    );

    let (code, v) = decide(&s, "alice", "Approved").await;
    assert_eq!(code, 200, "{v}");
    assert!(v["status"]["conditions"][0]["lastUpdateTime"].is_string());
    assert!(!has_cert(&v), "signing happens asynchronously");
    let v = wait_for(&s, "alice", has_cert, Duration::from_secs(5))
        .await
        .expect("certificate issued");
    let cert_pem = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(v["status"]["certificate"].as_str().unwrap())
            .unwrap(),
    )
    .unwrap();
    let der = pem::parse(&cert_pem).unwrap().into_contents();

    // verifies as a client certificate against the cluster CA
    let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(rustls_pki_types::CertificateDer::from(
            pem::parse(s.ca_pem()).unwrap().into_contents(),
        ))
        .unwrap();
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
        std::sync::Arc::new(roots),
        provider,
    )
    .build()
    .unwrap();
    verifier
        .verify_client_cert(
            &rustls_pki_types::CertificateDer::from(der.clone()),
            &[],
            rustls_pki_types::UnixTime::now(),
        )
        .expect("issued certificate chains to the CA with clientAuth");
    let (_, x) = x509_parser::parse_x509_certificate(&der).unwrap();
    let cn: Vec<_> = x
        .subject()
        .iter_common_name()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let o: Vec<_> = x
        .subject()
        .iter_organization()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        (cn, o),
        (vec!["alice".to_string()], vec!["devs".to_string()])
    );
    let eku = x.extended_key_usage().unwrap().unwrap().value;
    assert!(eku.client_auth && !eku.server_auth);
    let lifetime = x.validity().not_after.timestamp() - x.validity().not_before.timestamp();
    assert_eq!(
        lifetime,
        3600 + 300,
        "ttl from expirationSeconds, notBefore backdated 5 minutes"
    );

    // and works as a client identity
    let c2 = cert_client(&s, &cert_pem, &key_pem);
    let (code, v) = post(
        &c2,
        &s,
        "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        None,
        &json!({}),
    )
    .await;
    assert_eq!(code, 201);
    assert_eq!(v["status"]["userInfo"]["username"], "alice");
}

#[tokio::test]
async fn csr_denied_or_unsigned_never_gets_a_certificate() {
    let s = KubeApiServer::start_with(Options {
        sign_delay: Duration::from_millis(50),
        ..Default::default()
    });
    let c = client(&s);
    let admin = s.admin_token();
    let (pem, _) = csr_pem("bob", "devs");
    post(
        &c,
        &s,
        CSRS,
        Some(&admin),
        &csr_object("bob", &pem, &["client auth"], None),
    )
    .await;
    let (code, _) = decide(&s, "bob", "Denied").await;
    assert_eq!(code, 200);
    assert!(
        wait_for(&s, "bob", has_cert, Duration::from_millis(600))
            .await
            .is_none()
    );
    // approving a denied CSR is invalid
    let (code, v) = decide(&s, "bob", "Approved").await;
    assert_eq!(code, 422, "{v}");

    // a usage the signer does not allow: accepted by the API, failed by the signer
    let (pem, _) = csr_pem("carol", "devs");
    let (code, _) = post(
        &c,
        &s,
        CSRS,
        Some(&admin),
        &csr_object("carol", &pem, &["client auth", "server auth"], None),
    )
    .await;
    assert_eq!(code, 201);
    s.approve_csr("carol");
    let v = wait_for(
        &s,
        "carol",
        |v| {
            v["status"]["conditions"]
                .as_array()
                .is_some_and(|c| c.iter().any(|c| c["type"] == "Failed"))
        },
        Duration::from_secs(3),
    )
    .await
    .expect("Failed condition");
    let failed = v["status"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "Failed")
        .unwrap()
        .clone();
    assert_eq!(failed["reason"], "SignerValidationFailure");
    assert_eq!(
        failed["message"],
        "invalid usage for client certificate: server auth"
    );
    assert!(!has_cert(&v));

    // auto_sign off: approved but never signed
    let manual = KubeApiServer::start_with(Options {
        auto_sign: false,
        ..Default::default()
    });
    let mc = client(&manual);
    let (pem, _) = csr_pem("dave", "devs");
    post(
        &mc,
        &manual,
        CSRS,
        Some(&manual.admin_token()),
        &csr_object("dave", &pem, &["client auth"], None),
    )
    .await;
    manual.approve_csr("dave");
    assert!(
        wait_for(&manual, "dave", has_cert, Duration::from_millis(700))
            .await
            .is_none()
    );
}

#[tokio::test]
async fn csr_validation_errors_are_422_invalid() {
    let s = KubeApiServer::start();
    let c = client(&s);
    let admin = s.admin_token();
    let (pem, _) = csr_pem("erin", "devs");
    let (code, v) = post(
        &c,
        &s,
        CSRS,
        Some(&admin),
        &csr_object("erin", &pem, &["bogus"], Some(100)),
    )
    .await;
    assert_eq!(code, 422, "{v}");
    assert_eq!(v["reason"], "Invalid");
    assert_eq!(v["details"]["name"], "erin");
    assert_eq!(v["details"]["group"], "certificates.k8s.io");
    assert_eq!(v["details"]["kind"], "CertificateSigningRequest");
    let causes = v["details"]["causes"].as_array().unwrap();
    assert_eq!(causes[0]["field"], "spec.usages[0]");
    assert_eq!(causes[0]["reason"], "FieldValueNotSupported");
    assert!(causes[0]["message"].as_str().unwrap().starts_with(
        r#"Unsupported value: "bogus": supported values: "any", "cert sign", "client auth""#
    ));
    assert_eq!(causes[1]["field"], "spec.expirationSeconds");
    assert_eq!(
        causes[1]["message"],
        "Invalid value: 100: may not specify a duration less than 600 seconds (10 minutes)"
    );
    assert!(v["message"].as_str().unwrap().starts_with(r#"CertificateSigningRequest.certificates.k8s.io "erin" is invalid: [spec.usages[0]: Unsupported value: "bogus""#));

    let mut missing = csr_object("erin", &pem, &[], None);
    missing["spec"]["signerName"] = json!("");
    let (code, v) = post(&c, &s, CSRS, Some(&admin), &missing).await;
    assert_eq!(code, 422);
    assert_eq!(
        v["message"],
        r#"CertificateSigningRequest.certificates.k8s.io "erin" is invalid: [spec.usages: Required value, spec.signerName: Required value]"#
    );
    let mut garbage = csr_object("erin", &pem, &["client auth"], None);
    garbage["spec"]["request"] = json!(base64::engine::general_purpose::STANDARD.encode("hello"));
    let (code, v) = post(&c, &s, CSRS, Some(&admin), &garbage).await;
    assert_eq!(code, 422);
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .ends_with("PEM block type must be CERTIFICATE REQUEST"),
        "{v}"
    );

    // CertificateSubjectRestriction admission
    let (pem, _) = csr_pem("root", "system:masters");
    let (code, v) = post(
        &c,
        &s,
        CSRS,
        Some(&admin),
        &csr_object("root", &pem, &["client auth"], None),
    )
    .await;
    assert_eq!(code, 403);
    assert_eq!(
        v["message"],
        r#"certificatesigningrequests.certificates.k8s.io "root" is forbidden: use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed"#
    );
}

// ------------------------------------------------------------------ generic REST

#[tokio::test]
async fn crud_conflicts_patches_and_token_secrets() {
    let s = KubeApiServer::start();
    let c = client(&s);
    let admin = s.admin_token();
    let admin = Some(admin.as_str());
    let base = "/api/v1/namespaces/default/serviceaccounts";
    let (code, sa) = post(
        &c,
        &s,
        base,
        admin,
        &json!({"metadata": {"name": "svc", "labels": {"a": "1"}}}),
    )
    .await;
    assert_eq!(code, 201, "{sa}");
    assert_eq!(sa["kind"], "ServiceAccount");
    assert_eq!(sa["metadata"]["namespace"], "default");
    assert!(sa["metadata"]["uid"].is_string() && sa["metadata"]["creationTimestamp"].is_string());
    let rv = sa["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .to_string();

    let (code, list) = get(&c, &s, &format!("{base}?labelSelector=a%3D1"), admin).await;
    assert_eq!(code, 200);
    assert_eq!(list["kind"], "ServiceAccountList");
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert!(list["items"][0].get("kind").is_none());
    assert!(list["metadata"]["resourceVersion"].is_string());

    // optimistic concurrency
    let mut updated = sa.clone();
    updated["metadata"]["labels"]["b"] = json!("2");
    let (code, v) = put(&c, &s, &format!("{base}/svc"), admin, &updated).await;
    assert_eq!(code, 200, "{v}");
    assert_ne!(v["metadata"]["resourceVersion"], json!(rv));
    let (code, v) = put(&c, &s, &format!("{base}/svc"), admin, &updated).await;
    assert_eq!(code, 409);
    assert_eq!(v["reason"], "Conflict");
    assert_eq!(
        v["message"],
        r#"Operation cannot be fulfilled on serviceaccounts "svc": the object has been modified; please apply your changes to the latest version and try again"#
    );

    // merge patch and server-side apply
    let (code, v) = send(
        &c,
        reqwest::Method::PATCH,
        format!("{}{base}/svc", s.url()),
        admin,
        Some((
            "application/merge-patch+json",
            br#"{"metadata":{"labels":{"a":null}}}"#.to_vec(),
        )),
    )
    .await;
    assert_eq!(code, 200, "{v}");
    assert_eq!(v["metadata"]["labels"], json!({"b": "2"}));
    let apply = br#"{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"applied","labels":{"x":"y"}}}"#;
    let url = format!("{}{base}/applied?fieldManager=test&force=true", s.url());
    let (code, _) = send(
        &c,
        reqwest::Method::PATCH,
        url.clone(),
        admin,
        Some(("application/apply-patch+yaml", apply.to_vec())),
    )
    .await;
    assert_eq!(code, 201);
    let (code, _) = send(
        &c,
        reqwest::Method::PATCH,
        url,
        admin,
        Some(("application/apply-patch+yaml", apply.to_vec())),
    )
    .await;
    assert_eq!(code, 200);
    let (code, v) = send(
        &c,
        reqwest::Method::PATCH,
        format!("{}{base}/applied", s.url()),
        admin,
        Some(("application/apply-patch+yaml", apply.to_vec())),
    )
    .await;
    assert_eq!(code, 422, "{v}");

    // the token controller populates a service-account-token Secret
    let (code, secret) = post(
        &c,
        &s,
        "/api/v1/namespaces/default/secrets",
        admin,
        &json!({"metadata": {"name": "svc-token", "annotations": {"kubernetes.io/service-account.name": "svc"}},
                "type": "kubernetes.io/service-account-token"}),
    )
    .await;
    assert_eq!(code, 201, "{secret}");
    let start = Instant::now();
    let populated = loop {
        let (_, v) = get(
            &c,
            &s,
            "/api/v1/namespaces/default/secrets/svc-token",
            admin,
        )
        .await;
        if v["data"]["token"].is_string() {
            break v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "token never populated"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(
        populated["metadata"]["annotations"]["kubernetes.io/service-account.uid"],
        sa["metadata"]["uid"]
    );
    let ca = base64::engine::general_purpose::STANDARD
        .decode(populated["data"]["ca.crt"].as_str().unwrap())
        .unwrap();
    assert_eq!(String::from_utf8(ca).unwrap(), s.ca_pem());
    let (code, v) = post(
        &c,
        &s,
        "/api/v1/namespaces/default/secrets",
        admin,
        &json!({"metadata": {"name": "bad"}, "type": "kubernetes.io/service-account-token"}),
    )
    .await;
    assert_eq!(code, 422);
    assert_eq!(
        v["message"],
        r#"Secret "bad" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value"#
    );

    // deletes: Status for most resources; deleting the SA removes its token secrets
    let (code, v) = send(
        &c,
        reqwest::Method::DELETE,
        format!("{}{base}/svc", s.url()),
        admin,
        None,
    )
    .await;
    assert_eq!(code, 200);
    assert_eq!(v["status"], "Success");
    assert_eq!(v["details"]["kind"], "serviceaccounts");
    let (code, v) = get(
        &c,
        &s,
        "/api/v1/namespaces/default/secrets/svc-token",
        admin,
    )
    .await;
    assert_eq!(code, 404);
    assert_eq!(
        v,
        json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
               "message": "secrets \"svc-token\" not found", "reason": "NotFound",
               "details": {"name": "svc-token", "kind": "secrets"}, "code": 404})
    );
    let (code, v) = post(
        &c,
        &s,
        "/api/v1/namespaces/nowhere/serviceaccounts",
        admin,
        &json!({"metadata": {"name": "x"}}),
    )
    .await;
    assert_eq!(code, 404);
    assert_eq!(v["message"], r#"namespaces "nowhere" not found"#);
    // pods need their service account (ServiceAccount admission)
    let (code, v) = post(
        &c,
        &s,
        "/api/v1/namespaces/default/pods",
        admin,
        &json!({"metadata": {"name": "p"}, "spec": {"serviceAccountName": "svc", "containers": [{"name": "c", "image": "i"}]}}),
    )
    .await;
    assert_eq!(code, 403);
    assert_eq!(
        v["message"],
        r#"pods "p" is forbidden: error looking up service account default/svc: serviceaccount "svc" not found"#
    );
    // a new namespace gets its default service account
    s.create_namespace("team-a");
    assert!(
        s.get_object("/api/v1/namespaces/team-a/serviceaccounts/default")
            .is_some()
    );
}

#[tokio::test]
async fn discovery_versions_and_http2() {
    let s = KubeApiServer::start();
    let c = client(&s);
    let admin = s.admin_token();
    let resp = c.get(format!("{}/version", s.url())).send().await.unwrap();
    assert_eq!(resp.version(), reqwest::Version::HTTP_2);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["gitVersion"], "v1.33.0");
    let h1 = reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(s.ca_pem().as_bytes()).unwrap()])
        .http1_only()
        .build()
        .unwrap();
    let resp = h1.get(format!("{}/healthz", s.url())).send().await.unwrap();
    assert_eq!(resp.version(), reqwest::Version::HTTP_11);
    let (code, v) = get(&c, &s, "/apis", Some(&admin)).await;
    assert_eq!(code, 200);
    assert!(
        v["groups"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["name"] == "certificates.k8s.io")
    );
    let (_, v) = get(&c, &s, "/api/v1", Some(&admin)).await;
    assert!(
        v["resources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["name"] == "serviceaccounts/token")
    );
    let (code, v) = get(
        &c,
        &s,
        "/apis/authentication.k8s.io/v1/tokenreviews",
        Some(&admin),
    )
    .await;
    assert_eq!(code, 405, "{v}");
}

#[tokio::test]
async fn stalled_server_makes_clients_time_out() {
    let s = KubeApiServer::start();
    let quick = reqwest::Client::builder()
        .tls_certs_only([reqwest::Certificate::from_pem(s.ca_pem().as_bytes()).unwrap()])
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    s.set_stalled(true);
    let started = Instant::now();
    let err = quick
        .get(format!("{}/healthz", s.url()))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert!(started.elapsed() >= Duration::from_millis(350));
    s.set_stalled(false);
    let resp = quick
        .get(format!("{}/healthz", s.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn dropping_the_server_stops_it() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<KubeApiServer>();
    let s = KubeApiServer::start();
    let url = s.url();
    let c = client(&s);
    assert_eq!(
        c.get(format!("{url}/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert!(s.request_count() >= 1);
    s.set_stalled(true);
    let pending = tokio::spawn({
        let (c, url) = (c.clone(), url.clone());
        async move { c.get(format!("{url}/version")).send().await }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    drop(s);
    assert!(
        pending.await.unwrap().is_err(),
        "stalled request is cut off by shutdown"
    );
    assert!(c.get(format!("{url}/healthz")).send().await.is_err());
}

// ------------------------------------------------------------------ kubectl cross-check

fn kubectl(kubeconfig: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new("/usr/bin/kubectl")
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .args(args)
        .output()
        .expect("run kubectl");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn kubectl_talks_to_the_server() {
    if !std::path::Path::new("/usr/bin/kubectl").exists() {
        eprintln!("kubectl not installed; skipping");
        return;
    }
    let s = KubeApiServer::start();
    let dir = tempfile::tempdir().unwrap();
    let admin_kc = dir.path().join("admin.yaml");
    s.write_kubeconfig(&admin_kc, KubeconfigUser::AdminToken, "test");

    let (ok, out) = kubectl(&admin_kc, &["get", "--raw", "/version"]);
    assert!(ok, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["gitVersion"], "v1.33.0");

    let (pem, _) = csr_pem("frank", "devs");
    let csr_file = dir.path().join("csr.yaml");
    std::fs::write(
        &csr_file,
        format!(
            "apiVersion: certificates.k8s.io/v1\nkind: CertificateSigningRequest\nmetadata:\n  name: frank\nspec:\n  request: {}\n  signerName: kubernetes.io/kube-apiserver-client\n  expirationSeconds: 86400\n  usages:\n  - client auth\n",
            base64::engine::general_purpose::STANDARD.encode(&pem)
        ),
    )
    .unwrap();
    let (ok, out) = kubectl(&admin_kc, &["create", "-f", csr_file.to_str().unwrap()]);
    assert!(ok, "{out}");
    assert!(
        out.contains("certificatesigningrequest.certificates.k8s.io/frank created"),
        "{out}"
    );
    let (ok, out) = kubectl(&admin_kc, &["certificate", "approve", "frank"]);
    assert!(ok, "{out}");
    assert!(
        out.contains("certificatesigningrequest.certificates.k8s.io/frank approved"),
        "{out}"
    );
    let start = Instant::now();
    loop {
        let csr = s
            .get_object("/apis/certificates.k8s.io/v1/certificatesigningrequests/frank")
            .unwrap();
        if csr["status"]["certificate"].is_string() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "not signed: {csr}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    // client-certificate kubeconfig + SelfSubjectReview
    let (cert, key) = s.issue_client_cert("grace", &["devs", "ops"]);
    let cert_kc = dir.path().join("cert.yaml");
    s.write_kubeconfig(
        &cert_kc,
        KubeconfigUser::ClientCert {
            cert_pem: cert,
            key_pem: key,
        },
        "grace",
    );
    let (ok, out) = kubectl(&cert_kc, &["auth", "whoami", "-o", "json"]);
    assert!(ok, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"]["userInfo"]["username"], "grace");
    assert_eq!(
        v["status"]["userInfo"]["groups"],
        json!(["devs", "ops", "system:authenticated"])
    );
    let (ok, out) = kubectl(&cert_kc, &["get", "--raw", "/api/v1/namespaces"]);
    assert!(!ok);
    assert!(
        out.contains(r#"User "grace" cannot list resource "namespaces""#),
        "{out}"
    );

    // kubectl create token (TokenRequest through the typed client)
    let (ok, out) = kubectl(
        &admin_kc,
        &[
            "create",
            "token",
            "default",
            "--audience",
            "vault",
            "--duration",
            "20m",
        ],
    );
    assert!(ok, "{out}");
    let c = claims(out.trim());
    assert_eq!(c["aud"], json!(["vault"]));
    assert_eq!(
        c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(),
        1200
    );
    assert_eq!(c["sub"], "system:serviceaccount:default:default");

    // a service-account token kubeconfig can create TokenReviews once bound
    s.create_service_account(NS, "reviewer");
    s.bind_auth_delegator(Subject::service_account(NS, "reviewer"));
    let sa_kc = dir.path().join("sa.yaml");
    s.write_kubeconfig(
        &sa_kc,
        KubeconfigUser::Token(s.token_request(NS, "reviewer", TokenOpts::default())),
        "sa",
    );
    let review_file = dir.path().join("review.json");
    let app_token = s.token_request(NS, "reviewer", TokenOpts::default());
    std::fs::write(
        &review_file,
        json!({"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": app_token}}).to_string(),
    )
    .unwrap();
    // TokenReview has no PATCH operation, so kubectl would validate it client-side against
    // /openapi/v2 (protobuf), which this server does not serve
    let (ok, out) = kubectl(
        &sa_kc,
        &[
            "create",
            "--validate=false",
            "-f",
            review_file.to_str().unwrap(),
            "-o",
            "json",
        ],
    );
    assert!(ok, "{out}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"]["authenticated"], json!(true), "{v}");
}

// ------------------------------------------------------------------ kube-rs cross-check

async fn kube_client(
    s: &KubeApiServer,
    user: KubeconfigUser,
    dir: &std::path::Path,
    name: &str,
) -> kube::Client {
    let path = dir.join(format!("{name}.yaml"));
    s.write_kubeconfig(&path, user, name);
    let kc = kube::config::Kubeconfig::read_from(&path).unwrap();
    let cfg = kube::Config::from_custom_kubeconfig(kc, &kube::config::KubeConfigOptions::default())
        .await
        .unwrap();
    kube::Client::try_from(cfg).unwrap()
}

#[tokio::test]
async fn kube_rs_client_interoperates() {
    use k8s_openapi::api::authentication::v1::{
        TokenRequest, TokenRequestSpec, TokenReview, TokenReviewSpec,
    };
    use k8s_openapi::api::certificates::v1::{
        CertificateSigningRequest, CertificateSigningRequestSpec,
    };
    use k8s_openapi::api::core::v1::ServiceAccount;
    use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams};

    let (s, reviewer, sa_uid, pod_uid) = setup();
    let dir = tempfile::tempdir().unwrap();
    let reviewer_client =
        kube_client(&s, KubeconfigUser::Token(reviewer), dir.path(), "reviewer").await;
    let token = s.token_request(
        NS,
        "app",
        TokenOpts {
            audiences: vec!["vault".into()],
            pod: Some("app-0".into()),
            ..Default::default()
        },
    );
    let reviews: Api<TokenReview> = Api::all(reviewer_client.clone());
    let review = TokenReview {
        spec: TokenReviewSpec {
            token: Some(token.clone()),
            audiences: Some(vec!["vault".into()]),
        },
        ..Default::default()
    };
    let tr = reviews
        .create(&PostParams::default(), &review)
        .await
        .unwrap();
    let st = tr.status.unwrap();
    assert_eq!(st.authenticated, Some(true));
    assert_eq!(st.audiences, Some(vec!["vault".to_string()]));
    let user = st.user.unwrap();
    assert_eq!(user.uid.as_deref(), Some(sa_uid.as_str()));
    assert_eq!(
        user.extra.unwrap()["authentication.kubernetes.io/pod-uid"],
        vec![pod_uid]
    );

    // the reviewer may not do anything else
    let sas_as_reviewer: Api<ServiceAccount> = Api::namespaced(reviewer_client, NS);
    match sas_as_reviewer.list(&ListParams::default()).await {
        Err(kube::Error::Api(status)) => {
            assert_eq!((status.code, status.reason.as_str()), (403, "Forbidden"));
        }
        other => panic!("expected 403, got {other:?}"),
    }

    let admin = kube_client(&s, KubeconfigUser::AdminToken, dir.path(), "admin").await;
    let sas: Api<ServiceAccount> = Api::namespaced(admin.clone(), NS);
    let applied = sas
        .patch(
            "kube-rs-sa",
            &PatchParams::apply("akl-test"),
            &Patch::Apply(json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "kube-rs-sa"}})),
        )
        .await
        .unwrap();
    assert!(applied.metadata.uid.is_some());
    let tr = sas
        .create_token_request(
            "kube-rs-sa",
            &PostParams::default(),
            &TokenRequest {
                spec: TokenRequestSpec {
                    audiences: vec!["vault".into()],
                    expiration_seconds: Some(600),
                    bound_object_ref: None,
                },
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let minted = tr.status.unwrap().token;
    assert_eq!(
        claims(&minted)["sub"],
        "system:serviceaccount:default:kube-rs-sa"
    );
    let listed = sas
        .list(&ListParams::default().fields("metadata.name=kube-rs-sa"))
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 1);
    let deleted = sas
        .delete("kube-rs-sa", &DeleteParams::default())
        .await
        .unwrap();
    assert!(
        deleted.is_right(),
        "ServiceAccount deletion returns a Status"
    );
    match sas.get("kube-rs-sa").await {
        Err(kube::Error::Api(status)) => {
            assert_eq!((status.code, status.reason.as_str()), (404, "NotFound"))
        }
        other => panic!("expected 404, got {other:?}"),
    }

    let csrs: Api<CertificateSigningRequest> = Api::all(admin);
    let (pem, _) = csr_pem("kube-rs", "devs");
    let csr = CertificateSigningRequest {
        metadata: kube::api::ObjectMeta {
            name: Some("kube-rs".into()),
            ..Default::default()
        },
        spec: CertificateSigningRequestSpec {
            request: k8s_openapi::ByteString(pem.into_bytes()),
            signer_name: "kubernetes.io/kube-apiserver-client".into(),
            usages: Some(vec!["client auth".into()]),
            expiration_seconds: Some(600),
            ..Default::default()
        },
        status: None,
    };
    csrs.create(&PostParams::default(), &csr).await.unwrap();
    let approved = csrs
        .patch_approval(
            "kube-rs",
            &PatchParams::default(),
            &Patch::Merge(json!({"status": {"conditions": [
                {"type": "Approved", "status": "True", "reason": "KubeRs", "message": "approved"}
            ]}})),
        )
        .await
        .unwrap();
    assert_eq!(
        approved.status.unwrap().conditions.unwrap()[0].type_,
        "Approved"
    );
    let start = Instant::now();
    loop {
        let got = csrs.get_approval("kube-rs").await.unwrap();
        if got.status.and_then(|st| st.certificate).is_some() {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "never signed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
