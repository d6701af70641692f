//! Running the gateway as operators do (issue 10): `/metrics`,
//! `/health/live` and `/health/ready`, `AKL_*` variables, `--listen :PORT`,
//! `--tls-san`, TLS reload on SIGHUP and on changed files, the admin key
//! from a file, `gateway admin reset-key`, and JSON-only logs. Real binary,
//! real TLS, the Kubernetes API test server for TokenReview.

mod common;
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::gateway::Gateway;
use common::{Run, akl_bin};
use serde_json::{Value, json};
use support::{KubeApiServer, Subject, TokenOpts};

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// An HTTPS client trusting `ca` (PEM file).
fn client(ca: &Path) -> reqwest::Client {
    let pem = std::fs::read(ca).unwrap();
    reqwest::Client::builder()
        .tls_certs_merge(reqwest::Certificate::from_pem_bundle(&pem).unwrap())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

fn get(gw: &Gateway, path: &str) -> (u16, String, String) {
    rt().block_on(async {
        let r = client(&gw.ca_file)
            .get(format!("{}{path}", gw.url))
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let ctype = r
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, ctype, r.text().await.unwrap())
    })
}

fn post(gw: &Gateway, path: &str, body: Value) -> (u16, Value) {
    rt().block_on(async {
        let r = client(&gw.ca_file)
            .post(format!("{}{path}", gw.url))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    })
}

fn admin_token(gw: &Gateway, id: &str, key: &str) -> String {
    let (status, v) = post(gw, "/auth", json!({"access-id": id, "access-key": key}));
    assert_eq!(status, 200, "{v}");
    v["token"].as_str().unwrap().to_owned()
}

/// The value of the sample `name{labels}` (labels as printed), if present.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

/// Checks the OpenMetrics text line by line: `# HELP/TYPE/UNIT` comments,
/// samples `name{k="v",…} value`, names in Prometheus' charset, and the
/// closing `# EOF`.
fn assert_parses(text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.last(), Some(&"# EOF"), "no # EOF terminator");
    let name_ok = |n: &str| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
            && !n.starts_with(|c: char| c.is_ascii_digit())
    };
    for l in &lines[..lines.len() - 1] {
        if let Some(rest) = l.strip_prefix("# ") {
            let mut parts = rest.splitn(3, ' ');
            let kind = parts.next().unwrap();
            assert!(["HELP", "TYPE", "UNIT"].contains(&kind), "bad comment: {l}");
            assert!(name_ok(parts.next().unwrap_or("")), "bad name in: {l}");
            continue;
        }
        let (series, value) = l
            .rsplit_once(' ')
            .unwrap_or_else(|| panic!("no value: {l}"));
        assert!(
            value.parse::<f64>().is_ok() || ["+Inf", "-Inf", "NaN"].contains(&value),
            "bad value: {l}"
        );
        let (name, labels) = match series.split_once('{') {
            Some((n, rest)) => (n, Some(rest)),
            None => (series, None),
        };
        assert!(name_ok(name), "bad metric name: {l}");
        assert!(name.starts_with("akl_"), "unprefixed metric: {l}");
        if let Some(labels) = labels {
            let labels = labels
                .strip_suffix('}')
                .unwrap_or_else(|| panic!("unclosed labels: {l}"));
            for pair in labels.split("\",").filter(|p| !p.is_empty()) {
                let (k, v) = pair
                    .split_once("=\"")
                    .unwrap_or_else(|| panic!("bad label: {l}"));
                assert!(name_ok(k), "bad label name: {l}");
                assert!(!v.contains('\n'));
            }
        }
    }
}

fn cluster() -> (KubeApiServer, String) {
    let kube = KubeApiServer::start();
    kube.create_namespace("apps");
    kube.create_service_account("default", "gateway-token-reviewer");
    kube.bind_auth_delegator(Subject::ServiceAccount {
        ns: "default".into(),
        name: "gateway-token-reviewer".into(),
    });
    let reviewer = kube.legacy_token("default", "gateway-token-reviewer");
    (kube, reviewer)
}

#[test]
fn metrics_count_logins_and_health_reports_the_store() {
    let (kube, reviewer) = cluster();
    let dir = tempfile::tempdir().unwrap();
    let gw = Gateway::start(&dir.path().join("gw"));
    let (id, key) = gw.admin.clone().unwrap();

    let (status, _, live) = get(&gw, "/health/live");
    assert_eq!((status, live.as_str()), (200, r#"{"status":"ok"}"#));
    let (status, _, body) = get(&gw, "/health");
    assert_eq!(status, 200, "{body}");

    let token = admin_token(&gw, &id, &key);
    let (status, m) = post(
        &gw,
        "/auth-method-create-k8s",
        json!({"name": "pods", "bound-namespaces": ["apps"], "token": token}),
    );
    assert_eq!(status, 201, "{m}");
    let (status, v) = post(
        &gw,
        "/gateway-create-k8s-auth-config",
        json!({
            "name": "prod",
            "access-id": m["access_id"],
            "signing-key": m["prv_key"],
            "k8s-host": kube.url(),
            "k8s-ca-cert": kube.ca_pem(),
            "token-reviewer-jwt": reviewer,
            "token": token,
        }),
    );
    assert_eq!(status, 201, "{v}");

    kube.create_pod("apps", "web", "default");
    let pod_token = kube.token_request(
        "apps",
        "default",
        TokenOpts {
            pod: Some("web".into()),
            ..Default::default()
        },
    );
    let login = |t: &str, config: &str| {
        post(
            &gw,
            "/auth",
            json!({
                "access-type": "k8s",
                "access-id": m["access_id"],
                "k8s-auth-config-name": config,
                "k8s-service-account-token": STANDARD.encode(t),
            }),
        )
    };
    let (status, v) = login(&pod_token, "prod");
    assert_eq!(status, 200, "{v}");
    let (status, _) = login("not-a-token", "prod");
    assert!((400..500).contains(&status), "{status}");
    let (status, _) = login(&pod_token, "made-up-config");
    assert_ne!(status, 200);
    let (status, _) = post(
        &gw,
        "/auth",
        json!({"access-id": id, "access-key": "wrong"}),
    );
    assert_eq!(status, 401);

    let (status, ctype, text) = get(&gw, "/metrics");
    assert_eq!(status, 200);
    assert!(ctype.starts_with("application/openmetrics-text"), "{ctype}");
    assert_parses(&text);
    let count = |s: &str| sample(&text, s).unwrap_or_else(|| panic!("no {s} in:\n{text}"));
    assert_eq!(
        count(r#"akl_logins_total{result="success",access_type="k8s",config="prod"}"#),
        1.0
    );
    assert_eq!(
        count(r#"akl_logins_total{result="failure",access_type="k8s",config="prod"}"#),
        1.0
    );
    assert_eq!(
        count(r#"akl_logins_total{result="success",access_type="access_key",config=""}"#),
        1.0
    );
    assert_eq!(
        count(r#"akl_logins_total{result="failure",access_type="access_key",config=""}"#),
        1.0
    );
    // A name that is no config does not become a label value.
    assert!(!text.contains("made-up-config"), "{text}");
    // Real buckets: 1 ms … ~16 s.
    assert!(
        text.contains(r#"akl_login_duration_seconds_bucket{le="0.001",result="success"}"#)
            || text.contains(r#"akl_login_duration_seconds_bucket{result="success",le="0.001"}"#),
        "{text}"
    );
    assert_eq!(
        count(r#"akl_login_duration_seconds_count{result="success"}"#),
        2.0
    );
    assert_eq!(
        count(r#"akl_tokenreview_duration_seconds_count{result="authenticated"}"#),
        1.0
    );
    assert!(count(r#"akl_store_duration_seconds_count{op="auth_method_by_access_id"}"#) >= 1.0);
    assert_eq!(count(r#"akl_build_info{version="0.1.0"}"#), 1.0);
    // The /metrics request itself is in flight, over one connection at least.
    assert!(count("akl_requests_in_flight") >= 1.0);
    assert!(count("akl_connections_open") >= 1.0);

    // TokenReview errors by kind: the API server stops answering.
    kube.set_stalled(true);
    let fresh = kube.token_request(
        "apps",
        "default",
        TokenOpts {
            pod: Some("web".into()),
            ..Default::default()
        },
    );
    let (status, _) = login(&fresh, "prod");
    assert!(status >= 400);
    kube.set_stalled(false);
    let (_, _, text) = get(&gw, "/metrics");
    let errors: f64 = text
        .lines()
        .filter(|l| l.starts_with("akl_tokenreview_errors_total{"))
        .filter_map(|l| l.rsplit_once(' ')?.1.parse::<f64>().ok())
        .sum();
    assert!(errors >= 1.0, "{text}");

    let (status, _, body) = get(&gw, "/health/ready");
    assert_eq!(status, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["status"], "ready");
    assert_eq!(v["checks"]["store"]["status"], "ok");
    assert_eq!(v["checks"]["tls"]["status"], "ok");
    let fp = std::fs::read(&gw.ca_file).unwrap();
    assert!(!fp.is_empty());
    assert_eq!(v["checks"]["k8s"][0]["config"], "prod");
    assert!(
        ["reachable", "unreachable", "unknown"]
            .contains(&v["checks"]["k8s"][0]["status"].as_str().unwrap()),
        "{v}"
    );
}

#[test]
fn readiness_reports_an_unreachable_cluster_without_failing() {
    let (kube, reviewer) = cluster();
    let dir = tempfile::tempdir().unwrap();
    let gw = Gateway::start(&dir.path().join("gw"));
    let (id, key) = gw.admin.clone().unwrap();
    let token = admin_token(&gw, &id, &key);
    let (_, m) = post(
        &gw,
        "/auth-method-create-k8s",
        json!({"name": "pods", "token": token}),
    );
    let (status, v) = post(
        &gw,
        "/gateway-create-k8s-auth-config",
        json!({
            "name": "gone",
            "access-id": m["access_id"],
            "signing-key": m["prv_key"],
            "k8s-host": kube.url(),
            "k8s-ca-cert": kube.ca_pem(),
            "token-reviewer-jwt": reviewer,
            "token": token,
        }),
    );
    assert_eq!(status, 201, "{v}");
    drop(kube);
    let (status, _, body) = get(&gw, "/health/ready");
    assert_eq!(status, 200, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["checks"]["k8s"][0]["config"], "gone");
    assert_eq!(v["checks"]["k8s"][0]["status"], "unreachable", "{v}");
}

#[test]
fn every_serve_flag_comes_from_the_environment_and_listen_takes_a_bare_port() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("gw");
    let port = Gateway::free_port();
    let listen = format!(":{port}");
    let data_s = data.to_str().unwrap();
    let gw = Gateway::start_exact(
        &data,
        port,
        &[],
        &[
            ("AKL_LISTEN", &listen),
            ("AKL_DATA_DIR", data_s),
            ("AKL_TLS_SAN", "gw.example.test,10.9.8.7"),
            ("AKL_EXPIRATION_CHECK_INTERVAL", "5"),
        ],
    );
    assert!(
        gw.stdout
            .iter()
            .any(|l| l == &format!("akl gateway listening on https://0.0.0.0:{port}")),
        "{:?}",
        gw.stdout
    );
    assert!(data.join("tls.crt").exists(), "AKL_DATA_DIR was used");
    let (status, _, _) = get(&gw, "/health/live");
    assert_eq!(status, 200);
    let der = pem::parse(std::fs::read(data.join("tls.crt")).unwrap()).unwrap();
    let sans = sans_of(der.contents());
    assert!(sans.contains(&"gw.example.test".to_owned()), "{sans:?}");
    assert!(sans.contains(&"10.9.8.7".to_owned()), "{sans:?}");
    drop(gw);

    // Each variable maps to its flag: a bad value is refused naming it.
    for (var, value, want) in [
        ("AKL_LISTEN", "nope", "--listen"),
        ("AKL_LOG_FORMAT", "xml", "--log-format"),
        (
            "AKL_EXPIRATION_CHECK_INTERVAL",
            "0",
            "--expiration-check-interval",
        ),
        ("AKL_TLS_SAN", "bad name!", "--tls-san"),
        ("AKL_EVENT_WEBHOOK", "ftp://x", "--event-webhook"),
        (
            "AKL_ADMIN_ACCESS_KEY_FILE",
            "/nonexistent/key",
            "--admin-access-key-file",
        ),
        ("AKL_TLS_CERT", "/nonexistent/c", "--tls-key"),
    ] {
        // A value that slipped through would serve: bound to a free port
        // and killed by `timeout`, the test then fails instead of hanging.
        let out = Command::new("timeout")
            .arg("20")
            .arg(akl_bin())
            .args(["gateway", "serve"])
            .env("AKL_LISTEN", format!("127.0.0.1:{}", Gateway::free_port()))
            .env("AKL_DATA_DIR", dir.path().join("unused"))
            .env(var, value)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let r = Run::from_output(out);
        assert_ne!(r.code, 0, "{var}={value} accepted");
        assert_eq!(r.stderr.lines().count(), 1, "{var}: {}", r.stderr);
        assert!(r.stderr.contains(want), "{var}: {}", r.stderr);
    }
}

fn sans_of(der: &[u8]) -> Vec<String> {
    use x509_parser::extensions::GeneralName;
    let (_, cert) = x509_parser::parse_x509_certificate(der).unwrap();
    let san = cert.subject_alternative_name().unwrap().unwrap();
    san.value
        .general_names
        .iter()
        .map(|n| match n {
            GeneralName::DNSName(d) => d.to_string(),
            GeneralName::IPAddress(b) if b.len() == 4 => {
                std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3]).to_string()
            }
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn tls_san_names_are_served_and_a_missing_one_regenerates_the_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("gw");
    let port = Gateway::free_port();
    let gw = Gateway::start_with(&data, port, &["--tls-san", "akl-gateway.akl.svc"], &[]);
    let first = std::fs::read_to_string(data.join("tls.crt")).unwrap();
    // A client reaching the gateway by the Service name verifies it.
    let ok = rt().block_on(async {
        let pem = std::fs::read(&gw.ca_file).unwrap();
        reqwest::Client::builder()
            .tls_certs_merge(reqwest::Certificate::from_pem_bundle(&pem).unwrap())
            .resolve(
                "akl-gateway.akl.svc",
                format!("127.0.0.1:{port}").parse().unwrap(),
            )
            .build()
            .unwrap()
            .get(format!("https://akl-gateway.akl.svc:{port}/health/live"))
            .send()
            .await
            .map(|r| r.status().as_u16())
    });
    assert_eq!(ok.unwrap(), 200);
    drop(gw);

    // Same names: the certificate (and clients' pins) stay.
    let gw = Gateway::start_with(&data, port, &["--tls-san", "akl-gateway.akl.svc"], &[]);
    assert_eq!(
        std::fs::read_to_string(data.join("tls.crt")).unwrap(),
        first
    );
    drop(gw);
    // A name the stored certificate lacks: a new one covering both.
    let gw = Gateway::start_with(
        &data,
        port,
        &[
            "--tls-san",
            "akl-gateway.akl.svc",
            "--tls-san",
            "akl.example.test",
        ],
        &[],
    );
    let second = std::fs::read_to_string(data.join("tls.crt")).unwrap();
    assert_ne!(second, first);
    let sans = sans_of(pem::parse(&second).unwrap().contents());
    assert!(sans.contains(&"akl-gateway.akl.svc".to_owned()), "{sans:?}");
    assert!(sans.contains(&"akl.example.test".to_owned()), "{sans:?}");
    assert!(
        gw.stdout
            .iter()
            .any(|l| l.contains("self-signed, created now")),
        "{:?}",
        gw.stdout
    );
    let (status, _, _) = get(&gw, "/health/live");
    assert_eq!(status, 200);
}

/// A self-signed pair for `localhost`/127.0.0.1, written to `dir`.
fn write_pair(dir: &Path, cert: &str, key: &str) -> (PathBuf, String) {
    let key_pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let params =
        rcgen::CertificateParams::new(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    let c = params.self_signed(&key_pair).unwrap();
    // Written the way a Secret volume rotates: new files, then a rename.
    let tmp_c = dir.join(format!(".{cert}.tmp"));
    let tmp_k = dir.join(format!(".{key}.tmp"));
    std::fs::write(&tmp_c, c.pem()).unwrap();
    std::fs::write(&tmp_k, key_pair.serialize_pem()).unwrap();
    std::fs::rename(&tmp_k, dir.join(key)).unwrap();
    std::fs::rename(&tmp_c, dir.join(cert)).unwrap();
    (dir.join(cert), c.pem())
}

fn tls_client(ca_pem: &str) -> tokio_rustls::TlsConnector {
    use rustls_pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    for c in rustls_pki_types::CertificateDer::pem_slice_iter(ca_pem.as_bytes()) {
        roots.add(c.unwrap()).unwrap();
    }
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let cfg = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    tokio_rustls::TlsConnector::from(Arc::new(cfg))
}

type Tls = tokio_rustls::client::TlsStream<tokio::net::TcpStream>;

async fn connect(port: u16, ca_pem: &str) -> std::io::Result<Tls> {
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
    let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
    tls_client(ca_pem).connect(name, tcp).await
}

/// One HTTP/1.1 keep-alive request on an open connection; the status.
async fn ask(s: &mut Tls) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    s.write_all(b"GET /health/live HTTP/1.1\r\nhost: localhost\r\n\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        let n = s.read(&mut chunk).await.unwrap();
        assert!(n > 0, "connection closed");
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let len: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length: ")
                        .map(|v| v.trim().parse().unwrap())
                })
                .unwrap();
            if body.len() >= len {
                return head[9..12].parse().unwrap();
            }
        }
    }
}

fn signal(gw: &Gateway, sig: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{sig}"), &gw.child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

#[test]
fn tls_certificates_reload_on_change_and_sighup_without_dropping_connections() {
    let dir = tempfile::tempdir().unwrap();
    let certs = dir.path().join("certs");
    std::fs::create_dir(&certs).unwrap();
    let (cert, pem_a) = write_pair(&certs, "tls.crt", "tls.key");
    let data = dir.path().join("gw");
    let port = Gateway::free_port();
    let cert_s = cert.to_str().unwrap().to_owned();
    let key_s = certs.join("tls.key").to_str().unwrap().to_owned();
    let mut gw = Gateway::start_with(
        &data,
        port,
        &["--tls-cert", &cert_s, "--tls-key", &key_s],
        &[],
    );
    rt().block_on(async {
        let mut old = connect(port, &pem_a).await.expect("cert A is served");
        assert_eq!(ask(&mut old).await, 200);

        // The files change (a rotated Secret): new handshakes get B.
        let (_, pem_b) = write_pair(&certs, "tls.crt", "tls.key");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if connect(port, &pem_b).await.is_ok() {
                break;
            }
            assert!(Instant::now() < deadline, "certificate B never served");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert!(connect(port, &pem_a).await.is_err(), "A still served");
        // The connection made before the rotation still works.
        assert_eq!(ask(&mut old).await, 200);

        // A broken pair is refused and the current one kept.
        std::fs::write(certs.join("tls.key"), "not a key").unwrap();
        tokio::time::sleep(Duration::from_secs(5)).await;
        assert!(
            connect(port, &pem_b).await.is_ok(),
            "B kept after a bad write"
        );

        // SIGHUP: reloads (C), and does not end the process.
        let (_, pem_c) = {
            let key_pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
            let c = rcgen::CertificateParams::new(vec!["localhost".into(), "127.0.0.1".into()])
                .unwrap()
                .self_signed(&key_pair)
                .unwrap();
            // Same size and mtime tricks do not matter: SIGHUP forces a read.
            std::fs::write(certs.join("tls.key"), key_pair.serialize_pem()).unwrap();
            std::fs::write(&cert, c.pem()).unwrap();
            ((), c.pem())
        };
        signal(&gw, "HUP");
        let deadline = Instant::now() + Duration::from_secs(10);
        while connect(port, &pem_c).await.is_err() {
            assert!(Instant::now() < deadline, "certificate C never served");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(ask(&mut old).await, 200);
    });
    assert!(
        gw.child.try_wait().unwrap().is_none(),
        "SIGHUP ended the gateway"
    );
    let (_, _, text) = get_with_ca(port, &certs.join("tls.crt"), "/metrics");
    assert!(
        sample(&text, r#"akl_tls_reloads_total{result="success"}"#).unwrap_or(0.0) >= 2.0,
        "{text}"
    );
    assert!(
        sample(&text, r#"akl_tls_reloads_total{result="error"}"#).unwrap_or(0.0) >= 1.0,
        "{text}"
    );
    assert!(gw.logs().contains("TLS certificate reloaded"));
    let _ = gw.child.try_wait();
    let status = gw.stop();
    assert!(status.is_some_and(|s| s.success()), "clean SIGTERM exit");
}

fn get_with_ca(port: u16, ca: &Path, path: &str) -> (u16, String, String) {
    rt().block_on(async {
        let r = client(ca)
            .get(format!("https://127.0.0.1:{port}{path}"))
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), String::new(), r.text().await.unwrap())
    })
}

#[test]
fn admin_key_from_a_file_and_reset_key() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("gw");
    let key_file = dir.path().join("admin-key");
    std::fs::write(&key_file, "file-key-0123456789abcdef\n").unwrap();
    let port = Gateway::free_port();
    let kf = key_file.to_str().unwrap();
    let gw = Gateway::start_with(&data, port, &[], &[("AKL_ADMIN_ACCESS_KEY_FILE", kf)]);
    assert!(gw.admin.is_none(), "no key printed: {:?}", gw.stdout);
    let all = format!("{}\n{}", gw.stdout.join("\n"), gw.logs());
    assert!(
        !all.contains("file-key-0123456789abcdef"),
        "key leaked: {all}"
    );
    let id = gw
        .stdout
        .iter()
        .find_map(|l| l.strip_prefix("Admin access ID: "))
        .expect("access id printed")
        .to_owned();
    admin_token(&gw, &id, "file-key-0123456789abcdef");
    drop(gw);

    // A rotated Secret: the next start uses the new key, the old one fails.
    std::fs::write(&key_file, "rotated-key-0123456789abcdef").unwrap();
    let gw = Gateway::start_with(&data, port, &["--admin-access-key-file", kf], &[]);
    admin_token(&gw, &id, "rotated-key-0123456789abcdef");
    let (status, _) = post(
        &gw,
        "/auth",
        json!({"access-id": id, "access-key": "file-key-0123456789abcdef"}),
    );
    assert_eq!(status, 401);

    // reset-key against the running gateway's data dir.
    let r = Run::from_output(
        Command::new(akl_bin())
            .args(["gateway", "admin", "reset-key", "--data-dir"])
            .arg(&data)
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(&format!("Admin access ID: {id}")),
        "{}",
        r.stdout
    );
    let new_key = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Admin access key: "))
        .unwrap()
        .to_owned();
    admin_token(&gw, &id, &new_key);
    let (status, _) = post(
        &gw,
        "/auth",
        json!({"access-id": id, "access-key": "rotated-key-0123456789abcdef"}),
    );
    assert_eq!(status, 401);

    // --output: the key goes to a 0600 file, not stdout.
    let out = dir.path().join("new-key");
    let r = Run::from_output(
        Command::new(akl_bin())
            .args(["gateway", "admin", "reset-key", "--data-dir"])
            .arg(&data)
            .arg("--output")
            .arg(&out)
            .output()
            .unwrap(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(!r.stdout.contains(written.trim()));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    admin_token(&gw, &id, written.trim());
    // An existing --output is not overwritten, and the key stays.
    let r = Run::from_output(
        Command::new(akl_bin())
            .args(["gateway", "admin", "reset-key", "--data-dir"])
            .arg(&data)
            .arg("--output")
            .arg(&out)
            .output()
            .unwrap(),
    );
    assert_ne!(r.code, 0);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    admin_token(&gw, &id, written.trim());

    // A data dir without a gateway: refused, nothing created.
    let empty = dir.path().join("empty");
    let r = Run::from_output(
        Command::new(akl_bin())
            .args(["gateway", "admin", "reset-key", "--data-dir"])
            .arg(&empty)
            .output()
            .unwrap(),
    );
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("holds no gateway database"),
        "{}",
        r.stderr
    );
    assert!(!empty.exists());
}

#[test]
fn json_logs_are_only_json_and_keep_the_admin_key_out() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("gw");
    let port = Gateway::free_port();
    let mut child = Command::new(akl_bin())
        .args(["gateway", "serve", "--log-format", "json", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--data-dir")
        .arg(&data)
        .env("AKL_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "gateway did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.trim().is_empty(), "stdout: {stdout}");
    let events: Vec<Value> = stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    let listening = events
        .iter()
        .find(|e| e["fields"]["message"] == "akl gateway listening")
        .unwrap_or_else(|| panic!("no listening event: {stderr}"));
    assert_eq!(
        listening["fields"]["url"],
        format!("https://127.0.0.1:{port}")
    );
    let admin = events
        .iter()
        .find(|e| e["fields"]["admin_access_id"].is_string())
        .unwrap();
    let key_file = data.join("admin-access-key");
    assert_eq!(
        admin["fields"]["admin_access_key_file"],
        key_file.display().to_string()
    );
    let key = std::fs::read_to_string(&key_file).unwrap();
    assert!(key.trim().len() >= 40);
    assert!(!stderr.contains(key.trim()), "key in the logs");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn the_first_start_banner_keeps_the_key_off_command_lines() {
    let dir = tempfile::tempdir().unwrap();
    let gw = Gateway::start(&dir.path().join("gw"));
    let (_, key) = gw.admin.clone().unwrap();
    let suggestions: Vec<&String> = gw.stdout.iter().filter(|l| l.starts_with("  ")).collect();
    assert!(!suggestions.is_empty(), "{:?}", gw.stdout);
    for l in &suggestions {
        assert!(!l.contains(&key), "key on a suggested command line: {l}");
        assert!(!l.contains("--access-key"), "{l}");
    }
    assert!(
        suggestions
            .iter()
            .any(|l| l.contains("AKEYLESS_ACCESS_KEY")),
        "{suggestions:?}"
    );
    // The same facts go through the logger too.
    assert!(gw.logs().contains("akl gateway listening"), "{}", gw.logs());
    assert!(!gw.logs().contains(&key), "key in the log");
}
