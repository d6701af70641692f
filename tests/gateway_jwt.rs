//! Issue 11, items 1, 2 and 7 end to end: OAuth2/JWT auth methods on the
//! real gateway binary, with the Kubernetes API test server as the identity
//! provider (its issuer's JWKS over HTTPS, signed service-account tokens).
//! A pod's projected token logs in with `access-type jwt` and no
//! TokenReview; key rotation, wrong audience, expiry, foreign keys and
//! other issuers are refused; a role association on the namespace claim
//! grants the pod its namespace's secret; bad method input stores nothing.

mod common;
#[path = "common/openbao.rs"]
mod openbao;
mod support;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::gateway::Gateway;
use common::{Run, akl_bin};
use openbao::OpenBao;
use serde_json::{Value, json};
use support::{KubeApiServer, Options, TokenOpts};

struct Env {
    dir: tempfile::TempDir,
    gw: Gateway,
    rt: tokio::runtime::Runtime,
    http: reqwest::Client,
    admin: String,
}

impl Env {
    fn new() -> Env {
        Self::with_gateway(|dir| Gateway::start(&dir.join("gw")))
    }

    fn with_gateway(start: impl FnOnce(&std::path::Path) -> Gateway) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let gw = start(dir.path());
        let pem = std::fs::read(&gw.ca_file).unwrap();
        // Idle connections are dropped before the gateway's idle timeout
        // (60 s) would close them under a request (the expiry test waits).
        let http = reqwest::Client::builder()
            .tls_certs_merge(reqwest::Certificate::from_pem_bundle(&pem).unwrap())
            .pool_idle_timeout(std::time::Duration::from_secs(20))
            .build()
            .unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let mut env = Env {
            dir,
            gw,
            rt,
            http,
            admin: String::new(),
        };
        let (id, key) = env.gw.admin.clone().expect("admin credentials");
        env.akl(&[
            "configure",
            "--access-id",
            &id,
            "--access-key",
            &key,
            "--gateway-url",
            &env.gw.url.clone(),
        ])
        .ok();
        env.admin = env.ok("auth", json!({"access-id": id, "access-key": key}))["token"]
            .as_str()
            .unwrap()
            .to_owned();
        env
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new(akl_bin());
        c.current_dir(self.dir.path())
            .env("HOME", self.dir.path())
            .env("AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE", &self.gw.ca_file)
            .env_remove("KUBECONFIG")
            .env_remove("AKEYLESS_GATEWAY_URL")
            .env_remove("AKEYLESS_JWT");
        c
    }

    fn akl(&self, args: &[&str]) -> Run {
        Run::from_output(self.cmd().args(args).output().unwrap())
    }

    fn call(&self, command: &str, body: Value) -> (u16, Value) {
        self.rt.block_on(async {
            let resp = self
                .http
                .post(format!("{}/{command}", self.gw.url))
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = resp.status().as_u16();
            (status, resp.json::<Value>().await.unwrap_or(Value::Null))
        })
    }

    fn ok(&self, command: &str, body: Value) -> Value {
        let (status, v) = self.call(command, body);
        assert!((200..300).contains(&status), "{command}: {status} {v}");
        v
    }

    fn admin(&self, mut body: Value) -> Value {
        body["token"] = json!(self.admin);
        body
    }

    /// A jwt login over the wire: Ok(t- token) or Err((status, error)).
    fn jwt_login(&self, access_id: &str, jwt: &str) -> Result<String, (u16, String)> {
        let (status, v) = self.call(
            "auth",
            json!({"access-id": access_id, "access-type": "jwt", "jwt": jwt}),
        );
        if status == 200 {
            Ok(v["token"].as_str().unwrap().to_owned())
        } else {
            Err((status, v["error"].as_str().unwrap_or_default().to_owned()))
        }
    }

    fn method_names(&self) -> Vec<String> {
        self.ok("list-auth-methods", self.admin(json!({})))["auth_methods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["auth_method_name"].as_str().unwrap().to_owned())
            .collect()
    }
}

fn kube() -> KubeApiServer {
    KubeApiServer::start_with(Options {
        public_oidc_discovery: true,
        ..Default::default()
    })
}

fn refused(r: Result<String, (u16, String)>, status: u16, needle: &str) {
    match r {
        Ok(_) => panic!("expected a refusal containing {needle:?}"),
        Err((s, msg)) => {
            assert_eq!(s, status, "{msg}");
            assert!(msg.contains(needle), "expected {needle:?} in {msg}");
        }
    }
}

fn pod_token(kube: &KubeApiServer, ns: &str, pod: &str, aud: &str, secs: i64) -> String {
    kube.token_request(
        ns,
        "default",
        TokenOpts {
            audiences: vec![aud.into()],
            expiration_seconds: secs,
            pod: Some(pod.into()),
        },
    )
}

#[test]
fn pod_tokens_log_in_via_jwt_without_tokenreview() {
    let kube = kube();
    for ns in ["team-a", "team-b"] {
        kube.create_namespace(ns);
    }
    kube.create_pod("team-a", "app-a", "default");
    kube.create_pod("team-b", "app-b", "default");
    let env = Env::new();
    let ca = STANDARD.encode(kube.ca_pem());
    let jwks = format!("{}/openid/v1/jwks", kube.url());
    let issuer = kube.issuer();

    // The current spelling answers AuthMethodCreateOutput.
    let created = env
        .akl(&[
            "auth-method",
            "create",
            "oauth2",
            "-n",
            "k8s-jwt",
            "--unique-identifier",
            "sub",
            "--jwks-uri",
            &jwks,
            "--issuer",
            &issuer,
            "--audience",
            "akeyless",
            "--cert-file-data",
            &ca,
            "--force-sub-claims",
            "--json",
        ])
        .ok()
        .json();
    let access_id = created["access_id"].as_str().unwrap().to_owned();
    assert!(access_id.starts_with("p-"), "{created}");
    assert_eq!(created["name"], "k8s-jwt");
    let got = env
        .akl(&["auth-method", "get", "-n", "k8s-jwt", "--json"])
        .ok()
        .json();
    assert_eq!(got["access_info"]["rules_type"], "oauth2");
    let rules = &got["access_info"]["oauth2_access_rules"];
    assert_eq!(rules["jwks_uri"], json!(jwks));
    assert_eq!(rules["issuer"], json!(issuer));
    assert_eq!(rules["audience"], "akeyless");
    assert_eq!(rules["unique_identifier"], "sub");
    assert_eq!(rules["certificate"], json!(ca));
    assert_eq!(got["access_info"]["force_sub_claims"], true);

    // The pod logs in through the CLI with its projected token file.
    let token_a = pod_token(&kube, "team-a", "app-a", "akeyless", 600);
    std::fs::write(env.path("token"), &token_a).unwrap();
    let r = env.akl(&[
        "auth",
        "--access-type",
        "jwt",
        "--access-id",
        &access_id,
        "--jwt-file",
        env.path("token").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}\n{}", r.stderr, env.gw.logs());
    assert!(r.stdout.contains("Token: t-"), "{}", r.stdout);
    // And from the environment.
    let r = Run::from_output(
        env.cmd()
            .args(["auth", "--access-type", "jwt", "--access-id", &access_id])
            .env("AKEYLESS_JWT", &token_a)
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);

    // A role association on the namespace claim grants the namespace's secret.
    for (name, value) in [("/k8s/team-a/db", "pa55-a"), ("/k8s/team-b/db", "pa55-b")] {
        env.ok(
            "create-secret",
            env.admin(json!({"name": name, "value": value})),
        );
    }
    env.ok("create-role", env.admin(json!({"name": "reader"})));
    env.ok(
        "set-role-rule",
        env.admin(
            json!({"role-name": "reader", "path": "/k8s/{{namespace}}/*", "capability": ["read"]}),
        ),
    );
    env.ok(
        "assoc-role-am",
        env.admin(json!({"role-name": "reader", "am-name": "k8s-jwt", "sub-claims": {"namespace": "team-a"}})),
    );
    let t_a = env.jwt_login(&access_id, &token_a).unwrap();
    let v = env.ok(
        "get-secret-value",
        json!({"names": ["/k8s/team-a/db"], "token": t_a}),
    );
    assert_eq!(v["/k8s/team-a/db"], "pa55-a", "{v}");
    let (status, _) = env.call(
        "get-secret-value",
        json!({"names": ["/k8s/team-b/db"], "token": t_a}),
    );
    assert_eq!(status, 401, "access denied is 401 (reference)");
    let sub = env.ok("describe-sub-claims", json!({"token": t_a}));
    let text = sub.to_string();
    assert!(text.contains("team-a") && text.contains("app-a"), "{text}");
    // Team b logs in (the method admits it) but its role association does not match.
    let t_b = env
        .jwt_login(
            &access_id,
            &pod_token(&kube, "team-b", "app-b", "akeyless", 600),
        )
        .unwrap();
    let (status, _) = env.call(
        "get-secret-value",
        json!({"names": ["/k8s/team-b/db"], "token": t_b}),
    );
    assert_eq!(status, 401, "access denied is 401 (reference)");

    // Refusals: wrong audience, expired, foreign key, other issuer, no aud on
    // a method without audience is fine but aud there is refused.
    refused(
        env.jwt_login(
            &access_id,
            &pod_token(&kube, "team-a", "app-a", "vault", 600),
        ),
        401,
        "audience",
    );
    refused(
        env.jwt_login(
            &access_id,
            &pod_token(&kube, "team-a", "app-a", "akeyless", -600),
        ),
        401,
        "expired",
    );
    let foreign = kube.foreign_token(
        "team-a",
        "default",
        TokenOpts {
            audiences: vec!["akeyless".into()],
            ..Default::default()
        },
    );
    refused(env.jwt_login(&access_id, &foreign), 401, "key");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let other_iss = kube.sign_jwt(&json!({"iss": "https://other.example", "sub": "x", "aud": "akeyless", "exp": now + 600, "iat": now}));
    refused(env.jwt_login(&access_id, &other_iss), 401, "issuer");
    let numeric_sub = kube.sign_jwt(
        &json!({"iss": issuer, "sub": 42, "aud": "akeyless", "exp": now + 600, "iat": now}),
    );
    refused(
        env.jwt_login(&access_id, &numeric_sub),
        401,
        "'sub' claim (the auth method's unique-identifier) is a number, not a string",
    );
    let huge = format!("{}.{}.sig", "e".repeat(40_000), "e".repeat(40_000));
    refused(env.jwt_login(&access_id, &huge), 400, "KiB");
    let r = env.akl(&[
        "auth",
        "--access-type",
        "jwt",
        "--access-id",
        &access_id,
        "--jwt",
        "not-a-jwt",
    ]);
    assert_ne!(r.code, 0);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("not a compact JWT"), "{}", r.stderr);

    // Rotation: a token of the new key fetches the set again (after the
    // refresh interval); tokens of the old key still verify.
    tokio_free_sleep(Duration::from_millis(5_200));
    kube.rotate_signing_key();
    let rotated = pod_token(&kube, "team-a", "app-a", "akeyless", 600);
    env.jwt_login(&access_id, &rotated)
        .unwrap_or_else(|e| panic!("{e:?}\n{}", env.gw.logs()));
    env.jwt_login(&access_id, &token_a).unwrap();

    assert_eq!(kube.tokenreview_count(), 0, "JWT logins never review");
    // The token itself never reaches the gateway log.
    assert!(!env.gw.logs().contains(&token_a));
}

fn tokio_free_sleep(d: Duration) {
    std::thread::sleep(d);
}

/// The cluster's JWKS document as `kubectl get --raw /openid/v1/jwks` prints it.
fn kube_jwks(kube: &KubeApiServer) -> Vec<u8> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        reqwest::Client::builder()
            .tls_certs_merge(
                reqwest::Certificate::from_pem_bundle(kube.ca_pem().as_bytes()).unwrap(),
            )
            .build()
            .unwrap()
            .get(format!("{}/openid/v1/jwks", kube.url()))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
            .to_vec()
    })
}

#[test]
fn inline_keys_both_spellings_and_bad_input_store_nothing() {
    let kube = kube();
    kube.create_namespace("ns");
    let env = Env::new();
    let data = STANDARD.encode(kube_jwks(&kube));

    // Deprecated spelling: 200 with only access_id.
    let (status, v) = env.call(
        "create-auth-method-oauth2",
        env.admin(json!({"name": "inline", "unique-identifier": "sub", "jwks-json-data": data})),
    );
    assert_eq!(status, 200, "{v}");
    assert_eq!(v.as_object().unwrap().len(), 1, "{v}");
    let access_id = v["access_id"].as_str().unwrap().to_owned();
    // No audience on the method: a token with an audience is refused (Vault's rule) ...
    let t = kube.token_request("ns", "default", TokenOpts::default());
    refused(env.jwt_login(&access_id, &t), 401, "sets no audience");
    // ... until the method binds one (current update spelling: 201).
    let (status, v) = env.call(
        "auth-method-update-oauth2",
        env.admin(json!({"name": "inline", "audience": kube.api_audiences()[0]})),
    );
    assert_eq!(status, 201, "{v}");
    assert_eq!(v["name"], "inline");
    env.jwt_login(&access_id, &t).unwrap();
    let (status, _) = env.call(
        "update-auth-method-oauth2",
        env.admin(json!({"name": "inline", "new-name": "inline2"})),
    );
    assert_eq!(status, 200);
    // A k8s update on an oauth2 method is refused.
    let (status, v) = env.call(
        "auth-method-update-k8s",
        env.admin(json!({"name": "inline2", "audience": "x"})),
    );
    assert_eq!(status, 400, "{v}");

    // Bad input: one clear line, nothing stored.
    let before = env.method_names();
    let jwks = format!("{}/openid/v1/jwks", kube.url());
    let ca = STANDARD.encode(kube.ca_pem());
    let closed = format!("https://127.0.0.1:{}/jwks", Gateway::free_port());
    let not_keys = format!("{}/version", kube.url());
    let no_usable = STANDARD.encode(r#"{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}"#);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--jwks-uri", "http://idp.example/jwks"], "https"),
        (
            vec!["--jwks-uri", &jwks, "--jwks-json-data", &data],
            "--jwks-json-data",
        ),
        (vec![], "--jwks-uri"),
        (
            vec!["--jwks-uri", &closed, "--cert-file-data", &ca],
            "cannot fetch",
        ),
        (
            vec!["--jwks-uri", &not_keys, "--cert-file-data", &ca],
            "no \"keys\" array",
        ),
        (vec!["--jwks-uri", &jwks], "cannot fetch"),
        (
            vec!["--jwks-json-data", &no_usable],
            "no usable signing key",
        ),
        (vec!["--jwks-json-data", "%%%"], "not base64"),
        (
            vec![
                "--jwks-json-data",
                &data,
                "--cert-file-data",
                "bm90IGEgY2VydA==",
            ],
            "cert-file-data",
        ),
        (
            vec!["--jwks-json-data", &data, "--bound-ips", "10.0.0.300/8"],
            "bound-ips",
        ),
    ];
    for (extra, needle) in cases {
        let mut args = vec![
            "auth-method",
            "create",
            "oauth2",
            "-n",
            "bad",
            "--unique-identifier",
            "sub",
        ];
        args.extend_from_slice(&extra);
        let r = env.akl(&args);
        assert_ne!(r.code, 0, "{extra:?} was accepted");
        assert_eq!(r.stderr.lines().count(), 1, "{extra:?}: {}", r.stderr);
        assert!(
            r.stderr.contains(needle),
            "{extra:?}: expected {needle:?} in {}",
            r.stderr
        );
    }
    let r = env.akl(&[
        "auth-method",
        "create",
        "oauth2",
        "-n",
        "bad",
        "--jwks-json-data",
        &data,
    ]);
    assert!(r.stderr.contains("--unique-identifier"), "{}", r.stderr);
    // Over the wire too (no CLI checks in front).
    let (status, v) = env.call(
        "auth-method-create-oauth2",
        env.admin(json!({"name": "bad", "unique-identifier": "sub", "jwks-uri": jwks, "jwks-json-data": data})),
    );
    assert_eq!(status, 400, "{v}");
    assert!(v["error"].as_str().unwrap().contains("not both"), "{v}");
    let (status, v) = env.call(
        "auth-method-create-oauth2",
        env.admin(json!({"name": "bad", "unique-identifier": "sub"})),
    );
    assert_eq!(status, 400, "{v}");
    assert_eq!(env.method_names(), before, "nothing stored");
    // A failed update leaves the method as it was.
    let (status, _) = env.call(
        "auth-method-update-oauth2",
        env.admin(json!({"name": "inline2", "jwks-uri": closed, "cert-file-data": ca})),
    );
    assert_eq!(status, 400);
    let got = env.ok("get-auth-method", env.admin(json!({"name": "inline2"})));
    assert_eq!(
        got["access_info"]["oauth2_access_rules"]["jwks_json_data"],
        json!(data)
    );
    env.jwt_login(&access_id, &t).unwrap();
    // A JWT login against a k8s method's access id is refused clearly.
    let k8s = env
        .akl(&[
            "auth-method",
            "create",
            "k8s",
            "-n",
            "k8s-m",
            "--bound-namespaces",
            "ns",
            "--json",
        ])
        .ok()
        .json();
    refused(
        env.jwt_login(k8s["access_id"].as_str().unwrap(), &t),
        401,
        "not an OAuth2/JWT auth method",
    );
    assert_eq!(kube.tokenreview_count(), 0);
}

/// `akl k8s jwks` prints the key set the cluster publishes (read with the
/// kubeconfig's credentials; anonymous callers are refused by the default
/// RBAC), and a method made from it logs pods in offline.
#[test]
fn k8s_jwks_feeds_an_offline_method() {
    // Default RBAC: issuer discovery is not public.
    let kube = KubeApiServer::start();
    kube.create_namespace("apps");
    kube.create_pod("apps", "web", "default");
    let env = Env::new();
    let kc = env.path("kubeconfig");
    kube.write_kubeconfig(&kc, support::KubeconfigUser::AdminToken, "test");
    let out = env
        .akl(&[
            "k8s",
            "jwks",
            "--kubeconfig",
            kc.to_str().unwrap(),
            "--json",
        ])
        .ok()
        .json();
    let data = out["jwks_json_data"].as_str().unwrap().to_owned();
    let set: Value = serde_json::from_slice(&STANDARD.decode(&data).unwrap()).unwrap();
    assert_eq!(set["keys"][0]["kid"], json!(kube.sa_key_id()), "{set}");
    assert_eq!(out["issuer"], json!(kube.issuer()));
    let text = env
        .akl(&["k8s", "jwks", "--kubeconfig", kc.to_str().unwrap()])
        .ok()
        .stdout;
    assert_eq!(text.trim(), data);
    // Without credentials the API server refuses: one clear line.
    let anon = env.path("anon");
    std::fs::write(
        &anon,
        kube.kubeconfig_yaml(&support::KubeconfigUser::Token(String::new()), "anon")
            .replace("    token: \n", "    {}\n"),
    )
    .unwrap();
    let r = env.akl(&["k8s", "jwks", "--kubeconfig", anon.to_str().unwrap()]);
    assert_ne!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("403"), "{}", r.stderr);

    let v = env
        .akl(&[
            "auth-method",
            "create",
            "oauth2",
            "-n",
            "offline",
            "--unique-identifier",
            "sub",
            "--jwks-json-data",
            &data,
            "--issuer",
            &kube.issuer(),
            "--audience",
            "akeyless",
            "--json",
        ])
        .ok()
        .json();
    let access_id = v["access_id"].as_str().unwrap();
    let t = pod_token(&kube, "apps", "web", "akeyless", 600);
    env.jwt_login(access_id, &t).unwrap();
    assert_eq!(kube.tokenreview_count(), 0);
}

/// An in-cluster gateway reads `--jwks-uri https://<its API server>/openid/v1/jwks`
/// with its own service-account token and CA (anonymous reads are refused
/// by the default RBAC); the token goes to no other host.
#[test]
fn in_cluster_gateway_fetches_the_jwks_with_its_own_service_account() {
    let kube = KubeApiServer::start();
    kube.create_namespace("akeyless");
    kube.create_service_account("akeyless", "gateway-sa");
    kube.create_namespace("apps");
    kube.create_pod("apps", "web", "default");
    let port = kube.port().to_string();
    let gw_token = kube.token_request("akeyless", "gateway-sa", TokenOpts::default());
    let env = Env::with_gateway(|dir| {
        let sa_dir = dir.join("serviceaccount");
        std::fs::create_dir_all(&sa_dir).unwrap();
        std::fs::write(sa_dir.join("token"), &gw_token).unwrap();
        std::fs::write(sa_dir.join("ca.crt"), kube.ca_pem()).unwrap();
        Gateway::start_with(
            &dir.join("gw"),
            Gateway::free_port(),
            &["--service-account-dir", sa_dir.to_str().unwrap()],
            &[
                ("KUBERNETES_SERVICE_HOST", "127.0.0.1"),
                ("KUBERNETES_SERVICE_PORT", &port),
            ],
        )
    });
    let jwks = format!("https://127.0.0.1:{port}/openid/v1/jwks");
    let v = env
        .akl(&[
            "auth-method",
            "create",
            "oauth2",
            "-n",
            "in-cluster",
            "--unique-identifier",
            "sub",
            "--jwks-uri",
            &jwks,
            "--issuer",
            &kube.issuer(),
            "--audience",
            "akeyless",
            "--json",
        ])
        .ok()
        .json();
    let access_id = v["access_id"].as_str().unwrap();
    env.jwt_login(access_id, &pod_token(&kube, "apps", "web", "akeyless", 600))
        .unwrap_or_else(|e| panic!("{e:?}\n{}", env.gw.logs()));
    assert_eq!(kube.tokenreview_count(), 0);
    // The gateway's token is not sent to a host that merely serves keys:
    // `localhost` is the same server but not the gateway's cluster host.
    let elsewhere = format!("https://localhost:{port}/openid/v1/jwks");
    let r = env.akl(&[
        "auth-method",
        "create",
        "oauth2",
        "-n",
        "elsewhere",
        "--unique-identifier",
        "sub",
        "--jwks-uri",
        &elsewhere,
        "--cert-file-data",
        &STANDARD.encode(kube.ca_pem()),
    ]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("403"), "{}", r.stderr);
}

/// Logins with OpenBao's ID tokens: discovery from the issuer alone over
/// TLS with its CA, claims as sub-claims, key rotation, wrong audience,
/// tokens of another issuer; an http issuer is refused.
#[test]
fn openbao_id_tokens_log_in() {
    let Some(bao) = OpenBao::start() else { return };
    let env = Env::new();
    let ca = STANDARD.encode(&bao.ca_pem);
    let issuer = bao.issuer();
    // The issuer alone: the JWKS is found by OIDC discovery.
    let v = env
        .akl(&[
            "auth-method",
            "create",
            "oauth2",
            "-n",
            "bao",
            "--unique-identifier",
            "sub",
            "--issuer",
            &issuer,
            "--audience",
            "akl-client",
            "--bound-client-ids",
            "akl-client",
            "--cert-file-data",
            &ca,
            "--json",
        ])
        .ok()
        .json();
    let access_id = v["access_id"].as_str().unwrap().to_owned();
    let t = bao.id_token("r1");
    let session = env
        .jwt_login(&access_id, &t)
        .unwrap_or_else(|e| panic!("{e:?}\n{}", env.gw.logs()));
    // The template's claims are sub-claims.
    let subs = env.ok("describe-sub-claims", json!({"token": session}));
    let text = subs.to_string();
    assert!(
        text.contains("platform") && text.contains("eng") && text.contains("sec"),
        "{text}"
    );
    // Through the CLI, the token from the environment.
    let r = Run::from_output(
        env.cmd()
            .args(["auth", "--access-type", "jwt", "--access-id", &access_id])
            .env("AKEYLESS_JWT", &t)
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);

    // Wrong audience (another role's client id).
    refused(
        env.jwt_login(&access_id, &bao.id_token("other")),
        401,
        "audience",
    );
    // Another issuer: a Kubernetes service-account token with the same audience.
    let kube = KubeApiServer::start();
    let k8s = kube.token_request(
        "default",
        "default",
        TokenOpts {
            audiences: vec!["akl-client".into()],
            ..Default::default()
        },
    );
    refused(env.jwt_login(&access_id, &k8s), 401, "key");
    // An OpenBao token whose `sub` is fine but whose method wants another issuer.
    let (status, _) = env.call(
        "create-auth-method-oauth2",
        env.admin(json!({"name": "bao-other-iss", "unique-identifier": "sub", "issuer": "https://elsewhere.example",
            "jwks-uri": format!("{}/.well-known/keys", issuer), "audience": "akl-client", "cert-file-data": ca})),
    );
    assert_eq!(status, 200);
    let other_id = env.ok(
        "get-auth-method",
        env.admin(json!({"name": "bao-other-iss"})),
    )["auth_method_access_id"]
        .as_str()
        .unwrap()
        .to_owned();
    refused(env.jwt_login(&other_id, &t), 401, "issuer");

    // Rotation: after the refresh interval a token of the new key logs in.
    std::thread::sleep(Duration::from_millis(5_200));
    bao.root("POST", "identity/oidc/key/k1/rotate", json!({}));
    let rotated = bao.id_token("r1");
    assert_ne!(
        rotated.split('.').next(),
        t.split('.').next(),
        "a new kid after rotation"
    );
    env.jwt_login(&access_id, &rotated)
        .unwrap_or_else(|e| panic!("{e:?}\n{}", env.gw.logs()));

    // An http issuer is refused and nothing is stored.
    let http_issuer = issuer.replace("https://", "http://");
    let r = env.akl(&[
        "auth-method",
        "create",
        "oauth2",
        "-n",
        "bao-http",
        "--unique-identifier",
        "sub",
        "--issuer",
        &http_issuer,
    ]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("not https"), "{}", r.stderr);
    assert!(!env.method_names().contains(&"bao-http".to_owned()));
}

/// An expired OpenBao ID token (role ttl 1 s) is refused once the 60 s
/// leeway has passed.
#[test]
fn openbao_expired_id_token_is_refused() {
    let Some(bao) = OpenBao::start() else { return };
    let env = Env::new();
    let v = env
        .akl(&[
            "auth-method",
            "create",
            "oauth2",
            "-n",
            "bao",
            "--unique-identifier",
            "sub",
            "--issuer",
            &bao.issuer(),
            "--audience",
            "akl-client",
            "--cert-file-data",
            &STANDARD.encode(&bao.ca_pem),
            "--json",
        ])
        .ok()
        .json();
    let access_id = v["access_id"].as_str().unwrap().to_owned();
    let t = bao.id_token("short");
    env.jwt_login(&access_id, &t).unwrap();
    std::thread::sleep(Duration::from_secs(63));
    refused(env.jwt_login(&access_id, &t), 401, "expired");
}
