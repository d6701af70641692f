//! The client commands against a scripted fake gateway (plain HTTP): the
//! bodies they send, what they print, token caching and the 401 retry.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use common::{Run, akl};

/// One request the fake gateway saw.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    auth_header: Option<String>,
    body: Value,
}

type Responder = dyn Fn(&Seen, usize) -> (u16, Value) + Send + Sync;

struct Fake {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Fake {
    /// Serves until the test process ends; `respond` gets the request and
    /// its index.
    fn start(respond: impl Fn(&Seen, usize) -> (u16, Value) + Send + Sync + 'static) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let seen2 = seen.clone();
        let respond: Arc<Responder> = Arc::new(respond);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    continue;
                }
                let mut parts = request_line.split_whitespace();
                let method = parts.next().unwrap_or("").to_owned();
                let path = parts.next().unwrap_or("").to_owned();
                let mut len = 0usize;
                let mut auth_header = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        break;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    let (k, v) = line.split_once(':').unwrap_or((line, ""));
                    if k.eq_ignore_ascii_case("content-length") {
                        len = v.trim().parse().unwrap_or(0);
                    }
                    if k.eq_ignore_ascii_case("authorization") {
                        auth_header = Some(v.trim().to_owned());
                    }
                }
                let mut body = vec![0; len];
                let _ = reader.read_exact(&mut body);
                let seen_req = Seen {
                    method,
                    path,
                    auth_header,
                    body: serde_json::from_slice(&body).unwrap_or(Value::Null),
                };
                let index = {
                    let mut s = seen2.lock().unwrap();
                    s.push(seen_req.clone());
                    s.len() - 1
                };
                let (status, answer) = respond(&seen_req, index);
                let text = answer.to_string();
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                    text.len()
                );
                let _ = stream.flush();
            }
        });
        Fake { url, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn paths(&self) -> Vec<String> {
        self.seen().into_iter().map(|s| s.path).collect()
    }
}

fn auth_answer(token: &str) -> Value {
    json!({
        "token": token,
        "expiration": "2099-01-01T00:00:00Z",
        "creds": {"access_id": "p-admin", "token": token, "expiry": 4_070_908_800i64},
        "complete_auth_link": ""
    })
}

fn run(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut c = akl(dir);
    c.env_remove("AKEYLESS_GATEWAY_URL")
        .env_remove("AKL_SA_TOKEN_FILE")
        .env_remove("AKEYLESS_DEFAULT_PROFILE");
    for (k, v) in env {
        c.env(k, v);
    }
    Run::from_output(c.args(args).output().unwrap())
}

const JWT: &str = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJodHRwczovL2t1YmVybmV0ZXMuZGVmYXVsdC5zdmMiLCJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6bXktbmFtZXNwYWNlLWE6ZGVmYXVsdCIsImF1ZCI6WyJodHRwczovL2t1YmVybmV0ZXMuZGVmYXVsdC5zdmMiXSwiZXhwIjo0MDcwOTA4ODAwfQ.c2lnbmF0dXJlLWJ5dGVz";

#[test]
fn k8s_auth_reads_the_pod_token_and_prints_like_akeyless() {
    let fake = Fake::start(|_, _| (200, auth_answer("t-0123456789abcdef")));
    let dir = tempfile::tempdir().unwrap();
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, format!("{JWT}\n")).unwrap();
    let tf = token_file.to_str().unwrap();
    let args = [
        "auth",
        "--access-id",
        "p-k8s",
        "--access-type",
        "k8s",
        "--gateway-url",
        &fake.url,
        "--k8s-auth-config-name",
        "k8s-conf",
        "--debug",
    ];
    let r = run(dir.path(), &[("AKL_SA_TOKEN_FILE", tf)], &args).ok();
    assert_eq!(
        r.stdout,
        "Authentication succeeded.\nToken: t-0123456789abcdef\n"
    );
    // --debug shows the request, never the JWT, its base64 or the token.
    assert!(r.stderr.contains("access-type=k8s"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("sub=system:serviceaccount:my-namespace-a:default"),
        "{}",
        r.stderr
    );
    for secret in [
        JWT,
        &STANDARD.encode(JWT),
        "t-0123456789abcdef",
        "c2lnbmF0dXJl",
    ] {
        assert!(!r.stderr.contains(secret), "leaked: {}", r.stderr);
    }
    let seen = fake.seen();
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path, "/api/v2/auth");
    assert_eq!(
        seen[0].body,
        json!({
            "access-id": "p-k8s",
            "access-type": "k8s",
            "k8s-auth-config-name": "k8s-conf",
            "k8s-service-account-token": STANDARD.encode(JWT),
            "gateway-url": fake.url,
            "debug": true,
            "json": false
        })
    );
    // The token is cached for the profile, 0600.
    use std::os::unix::fs::PermissionsExt;
    let cache = dir.path().join(".akeyless/.tmp_creds/default");
    assert_eq!(
        std::fs::metadata(&cache).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let cached: Value = serde_json::from_slice(&std::fs::read(&cache).unwrap()).unwrap();
    assert_eq!(
        cached,
        json!({"access_id": "p-k8s", "token": "t-0123456789abcdef", "expiry": 4_070_908_800i64})
    );
    // --json prints the AuthOutput; --jq-expression .token the bare token.
    let r = run(
        dir.path(),
        &[("AKL_SA_TOKEN_FILE", tf)],
        &[&args[..9], &["--json"]].concat(),
    )
    .ok();
    assert_eq!(r.json(), auth_answer("t-0123456789abcdef"));
    let r = run(
        dir.path(),
        &[("AKL_SA_TOKEN_FILE", tf)],
        &[&args[..9], &["--json", "--jq-expression", ".token"]].concat(),
    )
    .ok();
    assert_eq!(r.stdout, "t-0123456789abcdef\n");
    // A token passed on the command line as base64 is sent as given.
    let r = run(
        dir.path(),
        &[],
        &[
            &args[..9],
            &["--k8s-service-account-token", &STANDARD.encode(JWT)],
        ]
        .concat(),
    )
    .ok();
    assert!(r.stdout.starts_with("Authentication succeeded."));
    assert_eq!(
        fake.seen().last().unwrap().body["k8s-service-account-token"],
        STANDARD.encode(JWT)
    );
}

#[test]
fn gateway_errors_are_one_line() {
    let fake = Fake::start(|_, _| (401, json!({"error": "k8s auth name [nope] not found"})));
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        &[],
        &[
            "auth",
            "--access-id",
            "p-1",
            "--access-type",
            "k8s",
            "-u",
            &fake.url,
            "--k8s-auth-config-name",
            "nope",
            "--k8s-service-account-token",
            "YQ==",
        ],
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr, "Error: k8s auth name [nope] not found\n");
    assert!(!dir.path().join(".akeyless/.tmp_creds/default").exists());

    // A rejected --token says how to get a new one, and is not retried.
    let r = run(
        dir.path(),
        &[],
        &["--token", "t-old", "list-auth-methods", "-u", &fake.url],
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("Error: k8s auth name [nope] not found; the --token was rejected"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("akl auth"), "{}", r.stderr);
    assert_eq!(fake.seen().len(), 2);
}

#[test]
fn profiles_authenticate_cache_and_retry_once_on_401() {
    // Tokens: t-1 from the first auth, t-2 from the second. The gateway
    // forgets t-1 after the third request.
    let auths = Arc::new(Mutex::new(0));
    let auths2 = auths.clone();
    let fake = Fake::start(move |req, index| {
        if req.path.ends_with("/auth") {
            let mut n = auths2.lock().unwrap();
            *n += 1;
            return (200, auth_answer(&format!("t-{n}")));
        }
        let token = req.body["token"].as_str().unwrap_or("");
        if token == "t-1" && index >= 3 {
            return (401, json!({"error": "session expired"}));
        }
        (
            200,
            json!({"auth_methods": [], "next_page": "", "extra": 1}),
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run(
        d,
        &[],
        &[
            "configure",
            "--profile",
            "default",
            "--access-id",
            "p-admin",
            "--access-key",
            "K3y",
            "--gateway-url",
            &fake.url,
        ],
    )
    .ok();
    // 1: auth + list with the new token.
    let r = run(d, &[], &["list-auth-methods", "--json"]).ok();
    assert_eq!(
        r.json(),
        json!({"auth_methods": [], "next_page": "", "extra": 1})
    );
    let seen = fake.seen();
    assert_eq!(fake.paths(), ["/api/v2/auth", "/api/v2/list-auth-methods"]);
    assert_eq!(
        seen[0].body,
        json!({"access-id": "p-admin", "access-type": "access_key", "access-key": "K3y", "json": false})
    );
    assert_eq!(seen[1].body, json!({"token": "t-1", "json": true}));
    // 2: the cached token is used, no auth.
    run(d, &[], &["auth-method", "list", "--type", "k8s"]).ok();
    assert_eq!(fake.paths()[2], "/api/v2/auth-method-list");
    assert_eq!(
        fake.seen()[2].body,
        json!({"type": ["k8s"], "token": "t-1", "json": false})
    );
    // 3: the gateway rejects t-1: the cache is dropped, one fresh auth, one retry.
    let r = run(d, &[], &["list-auth-methods"]).ok();
    assert!(
        r.stdout.starts_with("{\n  \"auth_methods\""),
        "{}",
        r.stdout
    );
    assert_eq!(
        &fake.paths()[3..],
        [
            "/api/v2/list-auth-methods",
            "/api/v2/auth",
            "/api/v2/list-auth-methods"
        ]
    );
    assert_eq!(fake.seen()[5].body["token"], "t-2");
    let cached: Value =
        serde_json::from_slice(&std::fs::read(d.join(".akeyless/.tmp_creds/default")).unwrap())
            .unwrap();
    assert_eq!(cached["token"], "t-2");
    // An expired cache entry is not used.
    std::fs::write(
        d.join(".akeyless/.tmp_creds/default"),
        json!({"access_id": "p-admin", "token": "t-old", "expiry": 1}).to_string(),
    )
    .unwrap();
    run(d, &[], &["get-auth-method", "-n", "m"]).ok();
    assert_eq!(
        &fake.paths()[6..],
        ["/api/v2/auth", "/api/v2/get-auth-method"]
    );
    assert_eq!(*auths.lock().unwrap(), 3);
    // The access key never reaches stdout or stderr.
    assert!(!r.stdout.contains("K3y") && !r.stderr.contains("K3y"));
}

#[test]
fn auth_method_spellings_hit_their_commands_with_the_same_body() {
    let fake = Fake::start(|req, _| {
        let v = match req.path.rsplit('/').next().unwrap() {
            "create-auth-method-k8s" => {
                json!({"access_id": "p-new", "prv_key": "LS0tLS1CRUdJTg=="})
            }
            "auth-method-create-k8s" => {
                json!({"access_id": "p-new", "access_key": "", "name": "m", "prv_key": "LS0tLS1CRUdJTg=="})
            }
            "update-auth-method-k8s" => json!({"prv_key": ""}),
            "auth-method-update-k8s" => json!({"name": "m2", "prv_key": ""}),
            "delete-auth-method" | "auth-method-delete" => json!({"name": "m"}),
            _ => json!({"auth_method_name": "m", "auth_method_access_id": "p-new"}),
        };
        (200, v)
    });
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let flags = [
        "-n",
        "m",
        "--bound-pod-names",
        "mypod1",
        "--bound-pod-names",
        "mypod2",
        "--bound-namespaces",
        "my-namespace-a",
        "-u",
        &fake.url,
        "--token",
        "t-x",
    ];
    let r = run(d, &[], &[&["create-auth-method-k8s"][..], &flags].concat()).ok();
    assert_eq!(
        r.stdout,
        "Access ID: p-new\nPrivate key (base64 PEM, shown once): LS0tLS1CRUdJTg==\n"
    );
    let r = run(
        d,
        &[],
        &[&["auth-method", "create", "k8s"][..], &flags, &["--json"]].concat(),
    )
    .ok();
    assert_eq!(
        r.json(),
        json!({"access_id": "p-new", "access_key": "", "name": "m", "prv_key": "LS0tLS1CRUdJTg=="})
    );
    run(
        d,
        &[],
        &[
            &["update-auth-method-k8s"][..],
            &flags,
            &["--new-name", "m2"],
        ]
        .concat(),
    )
    .ok();
    let r = run(
        d,
        &[],
        &[
            &["auth-method", "update", "k8s"][..],
            &flags,
            &["--new-name", "m2"],
        ]
        .concat(),
    )
    .ok();
    assert_eq!(r.stdout, "{\n  \"name\": \"m2\",\n  \"prv_key\": \"\"\n}\n");
    for cmd in [
        &["get-auth-method"][..],
        &["auth-method", "get"],
        &["delete-auth-method"],
        &["auth-method", "delete"],
    ] {
        run(
            d,
            &[],
            &[cmd, &["-n", "m", "-u", &fake.url, "--token", "t-x"]].concat(),
        )
        .ok();
    }
    let seen = fake.seen();
    let paths: Vec<&str> = seen.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/api/v2/create-auth-method-k8s",
            "/api/v2/auth-method-create-k8s",
            "/api/v2/update-auth-method-k8s",
            "/api/v2/auth-method-update-k8s",
            "/api/v2/get-auth-method",
            "/api/v2/auth-method-get",
            "/api/v2/delete-auth-method",
            "/api/v2/auth-method-delete",
        ]
    );
    let mut create1 = seen[0].body.clone();
    let create2 = seen[1].body.clone();
    // Only the json flag differs (the second run had --json).
    create1["json"] = json!(true);
    assert_eq!(create1, create2);
    assert_eq!(
        seen[0].body,
        json!({
            "name": "m", "bound-namespaces": ["my-namespace-a"], "bound-pod-names": ["mypod1", "mypod2"],
            "gen-key": "true", "token": "t-x", "json": false
        })
    );
    assert_eq!(seen[2].body, seen[3].body);
    assert_eq!(seen[2].body["new-name"], "m2");
    assert!(seen[2].body.get("gen-key").is_none());
    assert_eq!(seen[4].body, seen[5].body);
    assert_eq!(
        seen[6].body,
        json!({"name": "m", "token": "t-x", "json": false})
    );
}

#[test]
fn gateway_configs_print_akeyless_texts_and_warnings() {
    let fake = Fake::start(|req, _| {
        let cmd = req.path.rsplit('/').next().unwrap().to_owned();
        match cmd.as_str() {
            "gateway-create-k8s-auth-config" => (
                201,
                json!({"cluster_id": "c", "total_hash": "UqeOAkg4", "parts_change": {}, "warnings": ["probe of https://h:6443 failed: refused"]}),
            ),
            "gateway-update-k8s-auth-config" | "gateway-delete-k8s-auth-config" => (
                201,
                json!({"cluster_id": "c", "total_hash": "h2", "parts_change": {}}),
            ),
            "gateway-list-k8s-auth-configs" => (404, json!({"error": "unknown command"})),
            "k8s-auths" => (
                200,
                json!({"k8s_auths": [{"id": "1", "name": "k8s-conf", "auth_method_access_id": "p-1"}]}),
            ),
            _ => (
                201,
                json!({"id": "1", "name": "k8s-conf", "auth_method_access_id": "p-1"}),
            ),
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = ["-u", &fake.url, "--token", "t-x"];
    // The docs' URL with /api/v1 is mapped to /api/v2.
    let v1 = format!("{}/api/v1", fake.url);
    let r = run(
        d,
        &[("AKEYLESS_GATEWAY_URL", &v1)],
        &[
            "--token",
            "t-x",
            "gateway-create-k8s-auth-config",
            "--name",
            "k8s-conf",
            "--access-id",
            "p-1",
            "--signing-key",
            "LS0t",
            "--k8s-host=https://h:6443",
            "--token-reviewer-jwt",
            JWT,
            "--k8s-ca-cert",
            "Q0E=",
            "--k8s-issuer",
            "https://kubernetes.default.svc",
        ],
    )
    .ok();
    assert_eq!(
        r.stdout,
        "K8S Auth config k8s-conf successfully created. ID=[UqeOAkg4]\n"
    );
    assert_eq!(
        r.stderr,
        "Warning: probe of https://h:6443 failed: refused\n"
    );
    let r = run(
        d,
        &[],
        &[
            &[
                "gateway-update-k8s-auth-config",
                "-n",
                "k8s-conf",
                "--k8s-host",
                "https://h",
            ][..],
            &base,
        ]
        .concat(),
    )
    .ok();
    assert_eq!(
        r.stdout,
        "K8S Auth config k8s-conf successfully updated. ID=[h2]\n"
    );
    let r = run(
        d,
        &[],
        &[
            &["gateway-get-k8s-auth-config", "-n", "k8s-conf"][..],
            &base,
        ]
        .concat(),
    )
    .ok();
    assert_eq!(r.json()["name"], "k8s-conf");
    let r = run(
        d,
        &[],
        &[
            &["gateway-delete-k8s-auth-config", "-n", "k8s-conf"][..],
            &base,
        ]
        .concat(),
    )
    .ok();
    assert_eq!(r.stdout, "K8S Auth config k8s-conf successfully deleted\n");
    let r = run(
        d,
        &[],
        &[&["gateway-list-k8s-auth-configs", "--json"][..], &base].concat(),
    )
    .ok();
    assert_eq!(r.json()["k8s_auths"][0]["name"], "k8s-conf");

    let seen = fake.seen();
    let paths: Vec<&str> = seen.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/api/v2/gateway-create-k8s-auth-config",
            "/api/v2/gateway-update-k8s-auth-config",
            "/api/v2/gateway-get-k8s-auth-config",
            "/api/v2/gateway-delete-k8s-auth-config",
            "/api/v2/gateway-list-k8s-auth-configs",
            "/config/k8s-auths",
        ]
    );
    assert_eq!(
        seen[0].body,
        json!({
            "name": "k8s-conf", "access-id": "p-1", "signing-key": "LS0t", "k8s-host": "https://h:6443",
            "k8s-ca-cert": "Q0E=", "token-reviewer-jwt": JWT, "k8s-issuer": "https://kubernetes.default.svc",
            "token": "t-x", "json": false
        })
    );
    assert_eq!(seen[1].body["new-name"], "k8s-conf");
    assert_eq!(seen[5].method, "GET");
    assert_eq!(seen[5].auth_header.as_deref(), Some("Bearer t-x"));
}
