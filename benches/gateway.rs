//! Gateway auth throughput and latency: the release `akl gateway serve`
//! against the in-process Kubernetes API test server, `/auth` with
//! access-type k8s at 1, 16 and 128 concurrent clients, each login with a
//! distinct pod-bound token (as thousands of pods starting at once would);
//! then forged tokens (a key the cluster does not publish) at 16 clients,
//! reporting how many TokenReviews they caused (must be 0: the gateway
//! checks signatures against the cluster's JWKS first). Then, in the same run, what a login is for (issue 8): `get-secret-value`
//! with K8s-login tokens at 16 concurrent clients, each request authorized
//! through a role whose item rule is the template `/k8s/{{namespace}}/*`
//! and whose association requires `namespace=bench`.
//! Also the gateway's peak RSS (VmHWM). Run with
//! `cargo bench --bench gateway` (optionally `-- SECONDS`, default 5 per level).

#[path = "../tests/support/mod.rs"]
mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use support::{KubeApiServer, Subject, TokenOpts};

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

/// What one concurrency level measured.
struct Level {
    /// Latencies of the successful requests, sorted.
    lat: Vec<Duration>,
    elapsed: Duration,
    errors: usize,
}

impl Level {
    fn print(&self, concurrency: usize) {
        println!(
            "| {concurrency} | {} | {:.0} | {:.2} | {:.2} | {} |",
            self.lat.len(),
            self.lat.len() as f64 / self.elapsed.as_secs_f64(),
            pct(&self.lat, 0.50).as_secs_f64() * 1000.0,
            pct(&self.lat, 0.99).as_secs_f64() * 1000.0,
            self.errors
        );
    }
}

/// `concurrency` clients, each with its own connection, POST `cmd` in a
/// loop for `seconds`, taking bodies round-robin from `bodies`.
// One call per load level; the arguments are the level's whole description.
#[allow(clippy::too_many_arguments)]
fn measure(
    rt: &tokio::runtime::Runtime,
    make_client: &dyn Fn() -> reqwest::Client,
    url: &str,
    cmd: &str,
    bodies: &Arc<Vec<Value>>,
    concurrency: usize,
    seconds: u64,
    want: u16,
) -> Level {
    let counter = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let endpoint = format!("{url}/api/v2/{cmd}");
    let (mut lat, elapsed) = rt.block_on(async {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let start = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..concurrency {
            let c = make_client();
            let endpoint = endpoint.clone();
            let bodies = bodies.clone();
            let counter = counter.clone();
            let errors = errors.clone();
            tasks.push(tokio::spawn(async move {
                let mut lat = Vec::new();
                while Instant::now() < deadline {
                    let i = counter.fetch_add(1, Ordering::Relaxed);
                    let body = &bodies[i % bodies.len()];
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
    lat.sort();
    Level {
        lat,
        elapsed,
        errors: errors.load(Ordering::Relaxed),
    }
}

fn main() {
    let seconds: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5);
    let kube = KubeApiServer::start();
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
    let (access_id, config) = rt.block_on(async {
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
        (access_id, "bench-conf".to_owned())
    });

    // Distinct pod-bound tokens, minted up front (minting is not measured).
    let pods = 256;
    let mut tokens = Vec::new();
    for i in 0..pods {
        let pod = format!("pod-{i}");
        kube.create_pod("bench", &pod, "app");
        tokens.push(STANDARD.encode(kube.token_request("bench", "app", for_pod(&pod))));
    }

    let auth_bodies: Vec<Value> = tokens
        .iter()
        .map(|t| {
            json!({
                "access-type": "k8s", "access-id": access_id, "k8s-auth-config-name": config,
                "k8s-service-account-token": t,
            })
        })
        .collect();
    let auth_bodies = Arc::new(auth_bodies);

    println!("| concurrent clients | auths | auths/s | p50 ms | p99 ms | errors |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for concurrency in [1usize, 16, 128] {
        let level = measure(
            &rt,
            &make_client,
            &url,
            "auth",
            &auth_bodies,
            concurrency,
            seconds,
            200,
        );
        level.print(concurrency);
    }

    // Forged tokens: the same claims signed by a key the cluster does not
    // publish. The gateway refuses them (401) from the cluster's cached key
    // set, so none may reach the API server as a TokenReview.
    let forged_bodies: Vec<Value> = (0..pods)
        .map(|i| {
            let pod = format!("pod-{i}");
            json!({
                "access-type": "k8s", "access-id": access_id, "k8s-auth-config-name": config,
                "k8s-service-account-token": STANDARD.encode(kube.foreign_token("bench", "app", for_pod(&pod))),
            })
        })
        .collect();
    let forged_bodies = Arc::new(forged_bodies);
    let reviews_before_forged = kube.tokenreview_count();
    println!();
    println!(
        "| forged tokens, concurrent clients | refusals | refusals/s | p50 ms | p99 ms | errors |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    let level = measure(
        &rt,
        &make_client,
        &url,
        "auth",
        &forged_bodies,
        16,
        seconds,
        401,
    );
    level.print(16);
    println!(
        "\nTokenReviews caused by forged tokens: {}",
        kube.tokenreview_count() - reviews_before_forged
    );

    // get-secret-value as a pod does it: a K8s-login token (one per client,
    // so per-token state is exercised), the secret's name in its namespace.
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
        for body in auth_bodies.iter().take(gsv_clients) {
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
    println!("| concurrent clients | get-secret-value | requests/s | p50 ms | p99 ms | errors |");
    println!("|---:|---:|---:|---:|---:|---:|");
    let level = measure(
        &rt,
        &make_client,
        &url,
        "get-secret-value",
        &gsv_bodies,
        gsv_clients,
        seconds,
        200,
    );
    level.print(gsv_clients);
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
