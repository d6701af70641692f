//! Observability of the real gateway (issue 10): `/metrics` in the
//! OpenMetrics text format, `/health/live` and `/health/ready`, JSON-only
//! logs, and the startup banner through the logger. Real binary, real TLS,
//! the Kubernetes API test server for TokenReview.

mod common;
mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::akl_bin;
use common::gateway::Gateway;
use common::https::{admin_token, get, post, sample};
use serde_json::{Value, json};
use support::{KubeApiServer, Subject, TokenOpts};

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
