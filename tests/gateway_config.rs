//! Configuring and operating the real gateway as operators do (issue 10):
//! `AKL_*` variables, `--listen :PORT`, `--tls-san`, TLS reload on SIGHUP
//! and on changed files without dropping connections, the admin key from a
//! file, and `gateway admin reset-key`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::gateway::Gateway;
use common::https::{admin_token, get, get_with_ca, post, rt, sample};
use common::{Run, akl_bin};
use serde_json::json;

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
