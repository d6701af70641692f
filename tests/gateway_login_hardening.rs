//! Issue 9, items 2 and 3, end to end with the real binary and the
//! Kubernetes API test server: forged tokens are refused by the gateway's
//! own signature check without a TokenReview, key rotation is picked up,
//! unfetchable keys fall back to TokenReview, oversized tokens and audience
//! floods are refused before any request; a method without `--audience`
//! refuses tokens minted for another audience, an unbound method warns, and
//! a plain-http `--k8s-host` is refused.

mod common;
mod support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use common::gateway::Gateway;
use common::{Run, akl_bin};
use serde_json::{Value, json};
use support::{KubeApiServer, Options, SaKeyAlg, Subject, TokenOpts};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new(akl_bin());
        c.current_dir(self.dir.path())
            .env("HOME", self.dir.path())
            .env(
                "AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE",
                self.path("gw/tls.crt"),
            )
            .env_remove("KUBECONFIG")
            .env_remove("AKEYLESS_GATEWAY_URL")
            .env_remove("AKL_SA_TOKEN_FILE");
        c
    }

    fn akl(&self, args: &[&str]) -> Run {
        Run::from_output(self.cmd().args(args).output().unwrap())
    }

    fn start(&self) -> Gateway {
        let gw = Gateway::start(&self.path("gw"));
        let (id, key) = gw.admin.clone().expect("admin credentials");
        self.akl(&[
            "configure",
            "--access-id",
            &id,
            "--access-key",
            &key,
            "--gateway-url",
            &gw.url,
        ])
        .ok();
        gw
    }

    /// (access_id, prv_key) of a method bound to namespace `ns`.
    fn method(&self, name: &str, extra: &[&str]) -> (String, String) {
        let mut args = vec!["auth-method", "create", "k8s", "-n", name, "--json"];
        args.extend_from_slice(extra);
        let v = self.akl(&args).ok().json();
        (
            v["access_id"].as_str().unwrap().to_owned(),
            v["prv_key"].as_str().unwrap().to_owned(),
        )
    }

    /// A config `conf` reviewing with `creds` (e.g. `--token-reviewer-jwt X`).
    fn config(&self, kube: &KubeApiServer, access_id: &str, prv_key: &str, creds: &[&str]) {
        let ca = STANDARD.encode(kube.ca_pem());
        let url = kube.url();
        let mut args = vec![
            "gateway-create-k8s-auth-config",
            "--name",
            "conf",
            "--access-id",
            access_id,
            "--signing-key",
            prv_key,
            "--k8s-host",
            &url,
            "--k8s-ca-cert",
            &ca,
        ];
        args.extend_from_slice(creds);
        self.akl(&args).ok();
    }

    fn login(&self, gw: &Gateway, access_id: &str, token: &str) -> Run {
        self.akl(&[
            "auth",
            "--access-id",
            access_id,
            "--access-type",
            "k8s",
            "--gateway-url",
            &gw.url,
            "--k8s-auth-config-name",
            "conf",
            "--k8s-service-account-token",
            &STANDARD.encode(token),
        ])
    }
}

fn ok_token(r: &Run, gw: &Gateway) {
    assert_eq!(
        r.code,
        0,
        "auth failed: {}\ngateway log:\n{}",
        r.stderr,
        gw.logs()
    );
    assert!(
        r.stdout.starts_with("Authentication succeeded.\nToken: t-"),
        "{}",
        r.stdout
    );
}

fn refused(r: &Run, want: &str) {
    assert_ne!(r.code, 0, "expected a refusal: {}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains(want), "expected {want:?} in {}", r.stderr);
}

/// A cluster with namespace `app-ns`, service account `app` and a reviewer
/// service account bound to system:auth-delegator; returns its legacy token.
fn cluster() -> (KubeApiServer, String) {
    cluster_with(Options::default())
}

fn cluster_with(opts: Options) -> (KubeApiServer, String) {
    let kube = KubeApiServer::start_with(opts);
    kube.create_namespace("app-ns");
    kube.create_service_account("app-ns", "app");
    kube.create_service_account("default", "reviewer");
    kube.bind_auth_delegator(Subject::ServiceAccount {
        ns: "default".into(),
        name: "reviewer".into(),
    });
    let reviewer = kube.legacy_token("default", "reviewer");
    (kube, reviewer)
}

fn app_token(kube: &KubeApiServer) -> String {
    kube.token_request("app-ns", "app", TokenOpts::default())
}

/// The same header and signature over claims changed to another namespace.
fn tampered(token: &str) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    let mut claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["kubernetes.io"]["namespace"] = json!("kube-system");
    claims["sub"] = json!("system:serviceaccount:kube-system:app");
    format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        parts[2]
    )
}

#[test]
fn forged_tokens_cost_no_tokenreview_and_valid_ones_still_log_in() {
    let (kube, reviewer) = cluster();
    let env = Env::new();
    let gw = env.start();
    let (id, key) = env.method("m", &["--bound-namespaces", "app-ns"]);
    env.config(&kube, &id, &key, &["--token-reviewer-jwt", &reviewer]);

    let genuine = app_token(&kube);
    let before = kube.tokenreview_count();
    ok_token(&env.login(&gw, &id, &genuine), &gw);
    assert_eq!(
        kube.tokenreview_count(),
        before + 1,
        "valid tokens are still reviewed (revocation, bound objects)"
    );

    // Valid shape, signed by a key the cluster does not have (its own kid);
    // the cluster's kid over tampered claims; each twice.
    let foreign = kube.foreign_token("app-ns", "app", TokenOpts::default());
    for t in [&foreign, &tampered(&genuine), &foreign] {
        refused(&env.login(&gw, &id, t), "not signed by the cluster");
    }
    assert_eq!(
        kube.tokenreview_count(),
        before + 1,
        "forged tokens must not reach the API server"
    );
    let logs = gw.logs();
    assert!(logs.contains("is not in the cluster's key set"), "{logs}");
    assert!(logs.contains("signature does not verify"), "{logs}");

    // Oversized tokens and audience floods: refused before parsing or any request.
    let huge = format!("{}{}", genuine, "A".repeat(70 * 1024));
    refused(&env.login(&gw, &id, &huge), "larger than 64 KiB");
    let auds: Vec<String> = (0..33).map(|i| format!("aud-{i}")).collect();
    let flood = kube.token_request(
        "app-ns",
        "app",
        TokenOpts {
            audiences: auds,
            ..Default::default()
        },
    );
    refused(&env.login(&gw, &id, &flood), "more than 32 audiences");
    assert_eq!(kube.tokenreview_count(), before + 1);
    ok_token(&env.login(&gw, &id, &app_token(&kube)), &gw);
}

#[test]
fn es256_clusters_and_the_pods_own_jwt_as_bearer() {
    let (kube, _) = cluster_with(Options {
        sa_key_alg: SaKeyAlg::Es256,
        ..Default::default()
    });
    kube.bind_auth_delegator(Subject::ServiceAccount {
        ns: "app-ns".into(),
        name: "app".into(),
    });
    let env = Env::new();
    let gw = env.start();
    let (id, key) = env.method("m", &["--bound-namespaces", "app-ns"]);
    // No reviewer credentials: the pod's own JWT fetches the keys and reviews itself.
    env.config(&kube, &id, &key, &[]);
    let before = kube.tokenreview_count();
    let foreign = kube.foreign_token("app-ns", "app", TokenOpts::default());
    // Before any key set is loaded, a forged bearer is refused by the API
    // server on the key fetch, still without a TokenReview.
    refused(&env.login(&gw, &id, &foreign), "rejected");
    ok_token(&env.login(&gw, &id, &app_token(&kube)), &gw);
    refused(
        &env.login(&gw, &id, &tampered(&app_token(&kube))),
        "not signed by the cluster",
    );
    assert_eq!(kube.tokenreview_count(), before + 1);
}

#[test]
fn a_rotated_signing_key_is_picked_up() {
    let (kube, reviewer) = cluster();
    let env = Env::new();
    let gw = env.start();
    let (id, key) = env.method("m", &["--bound-namespaces", "app-ns"]);
    env.config(&kube, &id, &key, &["--token-reviewer-jwt", &reviewer]);
    ok_token(&env.login(&gw, &id, &app_token(&kube)), &gw);
    let minted_before = app_token(&kube);
    // Unknown kids refetch the key set at most every 5 s.
    std::thread::sleep(Duration::from_millis(5200));
    let old_kid = kube.sa_key_id();
    let new_kid = kube.rotate_signing_key();
    assert_ne!(old_kid, new_kid);
    ok_token(&env.login(&gw, &id, &app_token(&kube)), &gw);
    // Tokens of the old key stay valid while the cluster still trusts it.
    ok_token(&env.login(&gw, &id, &minted_before), &gw);
}

#[test]
fn keys_that_cannot_be_fetched_fall_back_to_tokenreview() {
    let (kube, _) = cluster();
    let env = Env::new();
    let gw = env.start();
    let (id, key) = env.method("m", &["--bound-namespaces", "app-ns"]);
    // A certificate user may review tokens but not read the issuer's keys
    // (system:service-account-issuer-discovery is bound to service accounts only).
    let (cert, cert_key) = kube.issue_client_cert("AkeylessK8sAuth", &["AkeylessAuth"]);
    kube.bind_auth_delegator(Subject::User("AkeylessK8sAuth".into()));
    let (cert, cert_key) = (STANDARD.encode(cert), STANDARD.encode(cert_key));
    env.config(
        &kube,
        &id,
        &key,
        &[
            "--k8s-auth-type",
            "certificate",
            "--k8s-client-certificate",
            &cert,
            "--k8s-client-key",
            &cert_key,
        ],
    );
    let before = kube.tokenreview_count();
    ok_token(&env.login(&gw, &id, &app_token(&kube)), &gw);
    ok_token(&env.login(&gw, &id, &app_token(&kube)), &gw);
    let foreign = kube.foreign_token("app-ns", "app", TokenOpts::default());
    refused(&env.login(&gw, &id, &foreign), "rejected");
    assert_eq!(
        kube.tokenreview_count(),
        before + 3,
        "without keys every token is reviewed"
    );
    let logs = gw.logs();
    assert_eq!(
        logs.matches("cannot fetch the cluster's service-account keys")
            .count(),
        1,
        "said once, not per login: {logs}"
    );
    assert!(logs.contains("403"), "{logs}");
}

#[test]
fn without_an_audience_tokens_for_other_audiences_are_refused() {
    let (kube, reviewer) = cluster();
    let env = Env::new();
    let gw = env.start();
    let (id, key) = env.method("m", &["--bound-namespaces", "app-ns"]);
    env.config(&kube, &id, &key, &["--token-reviewer-jwt", &reviewer]);
    // `kubectl create token app --audience other`
    let other = kube.token_request(
        "app-ns",
        "app",
        TokenOpts {
            audiences: vec!["other".into()],
            ..Default::default()
        },
    );
    refused(&env.login(&gw, &id, &other), "rejected");
    assert!(
        gw.logs().contains("is invalid for the target audiences"),
        "{}",
        gw.logs()
    );
    ok_token(&env.login(&gw, &id, &app_token(&kube)), &gw);
}

#[test]
fn unbound_methods_warn_and_plain_http_hosts_are_refused() {
    let (kube, _) = cluster();
    let env = Env::new();
    let gw = env.start();
    for spelling in [
        &["auth-method", "create", "k8s", "-n", "open"][..],
        &["create-auth-method-k8s", "-n", "open2"][..],
    ] {
        let r = env.akl(spelling).ok();
        assert!(
            r.stderr.contains("Warning: auth method open")
                && r.stderr.contains("every service account in the cluster"),
            "{}",
            r.stderr
        );
        assert!(r.stdout.contains("p-"), "{}", r.stdout);
    }
    assert!(gw.logs().contains("every service account in the cluster"));
    let r = env
        .akl(&[
            "auth-method",
            "create",
            "k8s",
            "-n",
            "bound",
            "--bound-sa-names",
            "app",
        ])
        .ok();
    assert!(!r.stderr.contains("Warning"), "{}", r.stderr);

    let (id, key) = env.method("m", &["--bound-namespaces", "app-ns"]);
    let r = env.akl(&[
        "gateway-create-k8s-auth-config",
        "--name",
        "conf",
        "--access-id",
        &id,
        "--signing-key",
        &key,
        "--k8s-host",
        &kube.url().replace("https://", "http://"),
    ]);
    refused(&r, "plain http");
    refused(
        &env.akl(&["gateway-get-k8s-auth-config", "--name", "conf"]),
        "not found",
    );
    env.config(&kube, &id, &key, &[]);
    let r = env.akl(&[
        "gateway-update-k8s-auth-config",
        "--name",
        "conf",
        "--access-id",
        &id,
        "--k8s-host",
        "http://10.0.0.1:8080",
    ]);
    refused(&r, "plain http");
}

/// `/api/v2/auth` with a k8s token, straight over HTTPS (many at once).
async fn post_login(
    c: &reqwest::Client,
    gw_url: &str,
    access_id: &str,
    token: &str,
) -> (u16, String) {
    let body = json!({
        "access-type": "k8s", "access-id": access_id, "k8s-auth-config-name": "conf",
        "k8s-service-account-token": STANDARD.encode(token),
    });
    match c
        .post(format!("{gw_url}/api/v2/auth"))
        .json(&body)
        .send()
        .await
    {
        Ok(r) => (r.status().as_u16(), r.text().await.unwrap_or_default()),
        Err(e) => (0, e.to_string()),
    }
}

#[test]
fn concurrent_tokenreviews_are_bounded_per_config_and_refusals_are_cached() {
    let (kube, reviewer) = cluster();
    let env = Env::new();
    let gw = env.start();
    let (id, key) = env.method("m", &["--bound-namespaces", "app-ns"]);
    env.config(&kube, &id, &key, &["--token-reviewer-jwt", &reviewer]);
    // Loads the key set while the API server answers.
    ok_token(&env.login(&gw, &id, &app_token(&kube)), &gw);

    // The same genuinely signed but invalid token (its service account was
    // deleted) twice: the second refusal comes from the cache.
    kube.create_service_account("app-ns", "gone");
    let gone = kube.token_request("app-ns", "gone", TokenOpts::default());
    kube.delete_service_account("app-ns", "gone");
    let before = kube.tokenreview_count();
    refused(&env.login(&gw, &id, &gone), "rejected");
    refused(&env.login(&gw, &id, &gone), "rejected");
    assert_eq!(kube.tokenreview_count(), before + 1);
    assert!(
        gw.logs()
            .contains("the same token was refused less than 5s ago")
    );

    // 40 logins against a stalled API server: at most 16 reviews in flight.
    let tokens: Vec<String> = (0..40).map(|_| app_token(&kube)).collect();
    let ca = std::fs::read(&gw.ca_file).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let before = kube.tokenreview_count();
    kube.set_stalled(true);
    let results = rt.block_on(async {
        let c = reqwest::Client::builder()
            .tls_certs_merge(reqwest::Certificate::from_pem_bundle(&ca).unwrap())
            .build()
            .unwrap();
        let tasks: Vec<_> = tokens
            .iter()
            .map(|t| {
                let (c, url, id, t) = (c.clone(), gw.url.clone(), id.clone(), t.clone());
                tokio::spawn(async move { post_login(&c, &url, &id, &t).await })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(2500)).await;
        let in_flight = kube.tokenreview_count() - before;
        kube.set_stalled(false);
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap());
        }
        (in_flight, out)
    });
    let (in_flight, out) = results;
    assert_eq!(in_flight, 16, "TokenReviews in flight while stalled");
    for (code, body) in &out {
        assert_eq!(*code, 200, "{body}\n{}", gw.logs());
    }
    assert_eq!(kube.tokenreview_count(), before + 40);
}
