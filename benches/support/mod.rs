//! Pieces the gateway benches share: starting a release `akl gateway
//! serve`, a closed-loop load generator (N clients, each with its own
//! HTTPS connection per gateway, requests round-robined over the given
//! gateways), latency percentiles, and CPU time read from /proc.
//!
//! Only benches/stores.rs uses it for now; benches/gateway.rs still has its
//! own copies of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Clock ticks per second (`getconf CLK_TCK`, 100 on Linux).
pub fn clk_tck() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// `/proc/PID/stat` fields after the command name: index 0 is field 3
/// (state), 1 is ppid (4), 11 utime (14), 12 stime (15), 13 cutime (16),
/// 14 cstime (17). Empty when the process is gone.
fn stat_fields(pid: u32) -> Vec<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name may hold spaces: count fields after its closing paren.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    rest.split_whitespace()
        .map(|v| v.parse::<u64>().unwrap_or(0))
        .collect()
}

fn field(f: &[u64], i: usize) -> u64 {
    f.get(i).copied().unwrap_or(0)
}

/// utime + stime of a process (all its threads), in clock ticks.
pub fn cpu_ticks(pid: u32) -> u64 {
    let f = stat_fields(pid);
    field(&f, 11) + field(&f, 12)
}

/// CPU of a process tree one level deep, in clock ticks: the parent's own
/// and its reaped children's time (cutime + cstime) plus every live child's
/// utime + stime. A child that exits between two samples moves from the
/// live sum into the parent's cutime/cstime, so differences stay right.
/// Used for PostgreSQL: the postmaster and its backends.
pub fn tree_cpu_ticks(parent: u32) -> u64 {
    let f = stat_fields(parent);
    let mut total = field(&f, 11) + field(&f, 12) + field(&f, 13) + field(&f, 14);
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let c = stat_fields(pid);
        if field(&c, 1) == u64::from(parent) {
            total += field(&c, 11) + field(&c, 12);
        }
    }
    total
}

/// The `p` quantile of sorted latencies (nearest rank).
pub fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// An HTTPS client trusting the given PEM certificates, one idle
/// connection per gateway (each load client reuses its own connections).
pub fn client(cas: &[Vec<u8>]) -> reqwest::Client {
    let mut b = reqwest::Client::builder().pool_max_idle_per_host(1);
    for ca in cas {
        b = b.tls_certs_merge(reqwest::Certificate::from_pem_bundle(ca).unwrap());
    }
    b.build().unwrap()
}

/// POST /api/v2/CMD that must succeed; the JSON answer.
pub async fn post(client: &reqwest::Client, url: &str, cmd: &str, body: Value) -> Value {
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

/// A release `akl gateway serve` on a free loopback port, stopped (SIGTERM)
/// when dropped.
pub struct GatewayProc {
    child: Child,
    pub pid: u32,
    pub url: String,
    /// Its self-signed certificate (PEM).
    pub ca: Vec<u8>,
    /// The admin access id and key printed on a first start.
    pub admin: Option<(String, String)>,
    pub data_dir: PathBuf,
}

impl GatewayProc {
    /// Starts `akl gateway serve --data-dir DIR EXTRA…` and waits until
    /// `/health/live` answers.
    pub fn start(rt: &tokio::runtime::Runtime, data_dir: &Path, extra: &[&str]) -> GatewayProc {
        std::fs::create_dir_all(data_dir).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let out = data_dir.with_extension("stdout");
        let err = data_dir.with_extension("stderr");
        let mut child = Command::new(env!("CARGO_BIN_EXE_akl"))
            .args(["gateway", "serve", "--listen", &format!("127.0.0.1:{port}")])
            .arg("--data-dir")
            .arg(data_dir)
            .args(extra)
            .env("AKL_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(std::fs::File::create(&err).unwrap())
            .spawn()
            .unwrap();
        let url = format!("https://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(60);
        let ca = loop {
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "gateway exited with {status}: {}",
                    std::fs::read_to_string(&err).unwrap_or_default()
                );
            }
            assert!(Instant::now() < deadline, "gateway did not start");
            if let Ok(ca) = std::fs::read(data_dir.join("tls.crt")) {
                let c = client(std::slice::from_ref(&ca));
                let live = rt.block_on(async {
                    c.get(format!("{url}/health/live"))
                        .send()
                        .await
                        .is_ok_and(|r| r.status().is_success())
                });
                if live {
                    break ca;
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let stdout = std::fs::read_to_string(&out).unwrap_or_default();
        let line = |prefix: &str| {
            stdout
                .lines()
                .find_map(|l| l.strip_prefix(prefix))
                .map(|v| v.trim().to_owned())
        };
        let admin = line("Admin access ID: ").zip(line("Admin access key: "));
        GatewayProc {
            pid: child.id(),
            child,
            url,
            ca,
            admin,
            data_dir: data_dir.to_path_buf(),
        }
    }
}

impl Drop for GatewayProc {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.pid.to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// What one closed-loop run measured.
pub struct LoadResult {
    /// Latencies of the requests answered with the expected status, sorted.
    pub latencies: Vec<Duration>,
    pub errors: usize,
    pub elapsed: Duration,
}

impl LoadResult {
    pub fn ok(&self) -> usize {
        self.latencies.len()
    }

    /// Answered requests per second.
    pub fn rate(&self) -> f64 {
        self.ok() as f64 / self.elapsed.as_secs_f64()
    }

    pub fn mean(&self) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        self.latencies.iter().sum::<Duration>() / self.latencies.len() as u32
    }

    /// Little's law, L = λ·W: in a closed loop with no think time this is
    /// the number of requests in flight on average, so it must come out
    /// close to the number of clients. Much less means the clients
    /// themselves were the bottleneck (time spent outside a request).
    pub fn littles_l(&self) -> f64 {
        self.rate() * self.mean().as_secs_f64()
    }
}

/// `concurrency` clients, each sending its next request as soon as the
/// previous one is answered, for `duration`. Request i goes to
/// `urls[i % urls.len()]` with body `bodies[i % bodies.len()]` (so with two
/// gateways every client alternates between them); an answer other than
/// `want` counts as an error.
#[allow(clippy::too_many_arguments)]
pub fn load(
    rt: &tokio::runtime::Runtime,
    cas: &[Vec<u8>],
    urls: &[String],
    cmd: &str,
    bodies: &Arc<Vec<Value>>,
    concurrency: usize,
    want: u16,
    duration: Duration,
) -> LoadResult {
    let counter = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let endpoints: Arc<Vec<String>> =
        Arc::new(urls.iter().map(|u| format!("{u}/api/v2/{cmd}")).collect());
    let (mut latencies, elapsed) = rt.block_on(async {
        let deadline = Instant::now() + duration;
        let start = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..concurrency {
            let c = client(cas);
            let (endpoints, bodies) = (endpoints.clone(), bodies.clone());
            let (counter, errors) = (counter.clone(), errors.clone());
            tasks.push(tokio::spawn(async move {
                let mut lat = Vec::new();
                while Instant::now() < deadline {
                    let i = counter.fetch_add(1, Ordering::Relaxed);
                    let endpoint = &endpoints[i % endpoints.len()];
                    let body = &bodies[i % bodies.len()];
                    let t = Instant::now();
                    let ok = match c.post(endpoint).json(body).send().await {
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
    latencies.sort();
    LoadResult {
        latencies,
        errors: errors.load(Ordering::Relaxed),
        elapsed,
    }
}
