//! The gateway on its three stores side by side, in one run (issue 10,
//! item 8): SQLite (one gateway on its data dir), PostgreSQL × 1 (one
//! gateway on a throwaway PostgreSQL cluster) and PostgreSQL × 2 (two
//! gateways on the same database, sharing the master key, with every client
//! alternating between them as a round-robin load balancer would).
//!
//! For each: K8s logins (`/auth` access-type k8s, a distinct pod-bound
//! token per request, TokenReview against the in-process Kubernetes API
//! test server, a session token written to the store) and
//! `get-secret-value` with K8s-login tokens through a role whose rule is
//! `/k8s/{{namespace}}/*` (session read, policy version read, secret read),
//! both at 16 concurrent clients. Reported: requests/s, p50, p99, errors,
//! the gateways' CPU per request (utime + stime summed over the replicas)
//! and PostgreSQL's (postmaster and backends), and Little's law
//! (rate × mean latency, which must come out near the 16 clients).
//!
//! Run with `cargo bench --bench stores` (optionally `-- SECONDS` per row,
//! default 5). Needs Debian's `postgresql` (as the tests do).

#[path = "../tests/support/mod.rs"]
mod kube;
#[path = "../tests/common/postgres.rs"]
mod postgres;
mod support;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use kube::{KubeApiServer, Subject, TokenOpts};
use postgres::PgCluster;
use serde_json::{Value, json};
use support::{GatewayProc, LoadResult, clk_tck, cpu_ticks, post, tree_cpu_ticks};

const CLIENTS: usize = 16;
const SECRET: &str = "/k8s/bench/db-password";

/// The fleet under test: its gateways and, for PostgreSQL, the postmaster.
struct Fleet<'a> {
    label: &'a str,
    gateways: Vec<GatewayProc>,
    postmaster: Option<u32>,
}

impl Fleet<'_> {
    fn urls(&self) -> Vec<String> {
        self.gateways.iter().map(|g| g.url.clone()).collect()
    }

    fn cas(&self) -> Vec<Vec<u8>> {
        self.gateways.iter().map(|g| g.ca.clone()).collect()
    }

    /// (gateway ticks summed over the replicas, PostgreSQL ticks).
    fn cpu(&self) -> (u64, u64) {
        (
            self.gateways.iter().map(|g| cpu_ticks(g.pid)).sum(),
            self.postmaster.map(tree_cpu_ticks).unwrap_or(0),
        )
    }
}

/// The postmaster's pid: the first line of `postmaster.pid`.
fn postmaster_pid(pg: &PgCluster) -> u32 {
    std::fs::read_to_string(pg.dir().join("data/postmaster.pid"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// Gives `dir` the master key of `from` (as a mounted Secret would).
fn share_key(from: &Path, dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::copy(from.join("master.key"), dir.join("master.key")).unwrap();
    std::fs::set_permissions(
        dir.join("master.key"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
}

/// Configures a fresh fleet through its first gateway: the K8s auth method
/// and config, the secret, the role. Returns the login bodies (one per
/// pod token) and the get-secret-value bodies (one K8s-login session per
/// client).
fn configure(
    rt: &tokio::runtime::Runtime,
    fleet: &Fleet,
    kube: &KubeApiServer,
    reviewer_jwt: &str,
    pod_jwts: &[String],
) -> (Arc<Vec<Value>>, Arc<Vec<Value>>) {
    let first = &fleet.gateways[0];
    let (admin_id, admin_key) = first
        .admin
        .clone()
        .expect("a first start prints the admin key");
    let c = support::client(&fleet.cas());
    let url = first.url.clone();
    rt.block_on(async {
        let t = post(&c, &url, "auth", json!({"access-id": admin_id, "access-key": admin_key})).await;
        let token = t["token"].as_str().unwrap().to_owned();
        let m = post(&c, &url, "create-auth-method-k8s", json!({"name": "bench", "bound-namespaces": ["bench"], "token": token})).await;
        let access_id = m["access_id"].as_str().unwrap().to_owned();
        post(&c, &url, "gateway-create-k8s-auth-config", json!({
            "name": "bench-conf", "access-id": access_id, "signing-key": m["prv_key"], "k8s-host": kube.url(),
            "k8s-ca-cert": STANDARD.encode(kube.ca_pem()), "token-reviewer-jwt": reviewer_jwt,
            "k8s-issuer": kube.issuer(), "token": token,
        })).await;
        post(&c, &url, "create-secret", json!({"name": SECRET, "value": "bench-value", "token": token})).await;
        post(&c, &url, "create-role", json!({"name": "bench-reader", "token": token})).await;
        post(&c, &url, "set-role-rule", json!({
            "role-name": "bench-reader", "path": "/k8s/{{namespace}}/*", "capability": ["read"], "token": token,
        })).await;
        post(&c, &url, "assoc-role-am", json!({
            "role-name": "bench-reader", "am-name": "bench", "sub-claims": {"namespace": "bench"}, "token": token,
        })).await;
        let logins: Vec<Value> = pod_jwts
            .iter()
            .map(|jwt| {
                json!({
                    "access-type": "k8s", "access-id": access_id, "k8s-auth-config-name": "bench-conf",
                    "k8s-service-account-token": STANDARD.encode(jwt),
                })
            })
            .collect();
        // Sessions from every replica, each read back on every replica.
        let mut reads = Vec::new();
        for (i, body) in logins.iter().take(CLIENTS).enumerate() {
            let on = &fleet.gateways[i % fleet.gateways.len()].url;
            let t = post(&c, on, "auth", body.clone()).await;
            let body = json!({"names": [SECRET], "token": t["token"]});
            for g in &fleet.gateways {
                let v = post(&c, &g.url, "get-secret-value", body.clone()).await;
                assert_eq!(v[SECRET], "bench-value", "{v}");
            }
            reads.push(body);
        }
        (Arc::new(logins), Arc::new(reads))
    })
}

fn row(fleet: &Fleet, workload: &str, r: &LoadResult, cpu: (u64, u64), ticks: f64) {
    let handled = (r.ok() + r.errors).max(1) as f64;
    let gw_ms = cpu.0 as f64 / ticks * 1000.0 / handled;
    let pg = if fleet.postmaster.is_some() {
        format!("{:.3}", cpu.1 as f64 / ticks * 1000.0 / handled)
    } else {
        "–".to_owned()
    };
    println!(
        "| {} | {workload} | {CLIENTS} | {} | {:.0} | {:.2} | {:.2} | {} | {gw_ms:.3} | {pg} | {:.1} |",
        fleet.label,
        r.ok(),
        r.rate(),
        support::pct(&r.latencies, 0.50).as_secs_f64() * 1000.0,
        support::pct(&r.latencies, 0.99).as_secs_f64() * 1000.0,
        r.errors,
        r.littles_l(),
    );
}

#[allow(clippy::too_many_arguments)]
fn measure(
    rt: &tokio::runtime::Runtime,
    fleet: &Fleet,
    kube: &KubeApiServer,
    reviewer_jwt: &str,
    pod_jwts: &[String],
    seconds: u64,
    ticks: f64,
) {
    let (logins, reads) = configure(rt, fleet, kube, reviewer_jwt, pod_jwts);
    let (urls, cas) = (fleet.urls(), fleet.cas());
    // Warm-up, not reported: connection pools (TLS to the gateways, the
    // gateways' PostgreSQL pools) fill, caches load.
    support::load(
        rt,
        &cas,
        &urls,
        "auth",
        &logins,
        CLIENTS,
        200,
        Duration::from_secs(1),
    );
    for (workload, cmd, bodies) in [
        ("K8s login", "auth", &logins),
        ("get-secret-value", "get-secret-value", &reads),
    ] {
        let before = fleet.cpu();
        let r = support::load(
            rt,
            &cas,
            &urls,
            cmd,
            bodies,
            CLIENTS,
            200,
            Duration::from_secs(seconds),
        );
        let after = fleet.cpu();
        row(
            fleet,
            workload,
            &r,
            (after.0 - before.0, after.1 - before.1),
            ticks,
        );
    }
}

fn main() {
    let seconds: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5);
    let ticks = clk_tck();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();

    let kube = KubeApiServer::start();
    kube.create_namespace("bench");
    kube.create_service_account("bench", "app");
    kube.create_service_account("default", "reviewer");
    kube.bind_auth_delegator(Subject::ServiceAccount {
        ns: "default".into(),
        name: "reviewer".into(),
    });
    let reviewer_jwt = kube.legacy_token("default", "reviewer");
    // Distinct pod-bound tokens, minted up front (minting is not measured).
    let pod_jwts: Vec<String> = (0..256)
        .map(|i| {
            let pod = format!("pod-{i}");
            kube.create_pod("bench", &pod, "app");
            kube.token_request(
                "bench",
                "app",
                TokenOpts {
                    pod: Some(pod),
                    ..Default::default()
                },
            )
        })
        .collect();

    let root = tempfile::tempdir().unwrap();
    let pg = PgCluster::start();
    let postmaster = postmaster_pid(&pg);

    println!(
        "| store | workload | clients | requests | requests/s | p50 ms | p99 ms | errors | gateway CPU ms/request | PostgreSQL CPU ms/request | rate × mean latency |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    {
        let fleet = Fleet {
            label: "SQLite",
            gateways: vec![GatewayProc::start(&rt, &root.path().join("sqlite"), &[])],
            postmaster: None,
        };
        measure(&rt, &fleet, &kube, &reviewer_jwt, &pod_jwts, seconds, ticks);
    }
    {
        let url = pg.create_db("one");
        let fleet = Fleet {
            label: "PostgreSQL × 1",
            gateways: vec![GatewayProc::start(
                &rt,
                &root.path().join("pg1"),
                &["--store", &url],
            )],
            postmaster: Some(postmaster),
        };
        measure(&rt, &fleet, &kube, &reviewer_jwt, &pod_jwts, seconds, ticks);
    }
    {
        let url = pg.create_db("two");
        let a = GatewayProc::start(&rt, &root.path().join("pg2a"), &["--store", &url]);
        share_key(&a.data_dir, &root.path().join("pg2b"));
        let b = GatewayProc::start(&rt, &root.path().join("pg2b"), &["--store", &url]);
        let fleet = Fleet {
            label: "PostgreSQL × 2",
            gateways: vec![a, b],
            postmaster: Some(postmaster),
        };
        measure(&rt, &fleet, &kube, &reviewer_jwt, &pod_jwts, seconds, ticks);
    }
    println!(
        "\n{seconds} s per row, {CLIENTS} closed-loop clients (no think time), {} CPU cores; \
         TokenReviews served by the test API server: {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        kube.tokenreview_count()
    );
}
