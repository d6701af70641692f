//! What an attacker, a flaky network and a careless operator do to a running
//! gateway (issue 9): slow and idle connections, connection floods, SIGTERM
//! under load. Real binary, real TLS, raw HTTP/1.1 so that every byte and
//! every pause is under the test's control.

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::gateway::Gateway;
use rustls_pki_types::pem::PemObject;

type Tls = rustls::StreamOwned<rustls::ClientConnection, TcpStream>;

fn client_config(ca_file: &Path) -> Arc<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_pki_types::CertificateDer::pem_file_iter(ca_file).unwrap() {
        roots.add(cert.unwrap()).unwrap();
    }
    Arc::new(
        rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

/// A TLS connection with the handshake done (HTTP/1.1: no ALPN).
fn connect(gw: &Gateway) -> Tls {
    let tcp = TcpStream::connect(("127.0.0.1", gw.port())).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let name = rustls_pki_types::ServerName::try_from("127.0.0.1").unwrap();
    let conn = rustls::ClientConnection::new(client_config(&gw.ca_file), name).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    while tls.conn.is_handshaking() {
        tls.conn.complete_io(&mut tls.sock).unwrap();
    }
    tls
}

/// Reads one HTTP/1.1 response: status and body. `None` when the
/// connection was closed first.
fn read_response(tls: &mut Tls) -> Option<(u16, String)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_string();
            let status: u16 = head.split(' ').nth(1)?.parse().ok()?;
            let len: usize = head
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse().ok())?
                })
                .unwrap_or(0);
            if buf.len() >= end + 4 + len {
                let body = String::from_utf8_lossy(&buf[end + 4..end + 4 + len]).to_string();
                return Some((status, body));
            }
        }
        match tls.read(&mut chunk) {
            Ok(0) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

/// Waits up to `within` for the server to close the connection; the time it took.
fn closed_within(tls: &mut Tls, within: Duration) -> Option<Duration> {
    let started = Instant::now();
    tls.sock
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut chunk = [0u8; 1024];
    while started.elapsed() < within {
        match tls.read(&mut chunk) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

const HEALTH: &[u8] = b"GET /health HTTP/1.1\r\nHost: gw\r\n\r\n";

fn login_request(body_len: usize) -> Vec<u8> {
    format!(
        "POST /auth HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\nContent-Length: {body_len}\r\n\r\n"
    )
    .into_bytes()
}

/// `{"access-id": "p-nosuch", "access-key": "x"}` padded with spaces to `len`.
fn login_body(len: usize) -> Vec<u8> {
    let mut b = br#"{"access-id": "p-nosuch", "access-key": "x"}"#.to_vec();
    b.resize(len, b' ');
    b
}

fn start(dir: &Path, args: &[&str]) -> Gateway {
    Gateway::start_with(&dir.join("gw"), Gateway::free_port(), args, &[])
}

#[test]
fn slowloris_headers_are_cut_after_the_header_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let gw = start(
        dir.path(),
        &["--header-timeout", "2", "--idle-timeout", "60"],
    );
    let mut tls = connect(&gw);
    tls.sock
        .set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    tls.write_all(b"POST /auth HTTP/1.1\r\nHost: gw\r\n")
        .unwrap();
    let started = Instant::now();
    let mut cut = None;
    let mut chunk = [0u8; 1024];
    // One header line every 300 ms: each keeps the socket busy, none ends the head.
    while started.elapsed() < Duration::from_secs(8) {
        if tls.write_all(b"X-Slow: 1\r\n").is_err() {
            cut = Some(started.elapsed());
            break;
        }
        match tls.read(&mut chunk) {
            Ok(_) => {
                cut = Some(started.elapsed());
                break;
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => {
                cut = Some(started.elapsed());
                break;
            }
        }
    }
    let cut = cut.expect("a connection trickling headers stayed open for 8 s");
    assert!(
        cut >= Duration::from_millis(1500) && cut < Duration::from_secs(5),
        "cut after {cut:?}, expected about 2 s"
    );
    // The gateway still serves.
    let mut tls = connect(&gw);
    tls.write_all(HEALTH).unwrap();
    assert_eq!(read_response(&mut tls).unwrap().0, 200);
}

#[test]
fn idle_keep_alive_connections_are_closed_after_the_idle_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let gw = start(
        dir.path(),
        &["--idle-timeout", "2", "--header-timeout", "60"],
    );
    let mut tls = connect(&gw);
    tls.write_all(HEALTH).unwrap();
    let (status, body) = read_response(&mut tls).unwrap();
    assert_eq!((status, body.as_str()), (200, r#"{"status":"ok"}"#));
    let after = closed_within(&mut tls, Duration::from_secs(8))
        .expect("an idle keep-alive connection stayed open for 8 s");
    assert!(
        after >= Duration::from_millis(1500),
        "closed too early ({after:?})"
    );
    // A connection that never sends anything goes the same way.
    let mut silent = connect(&gw);
    assert!(closed_within(&mut silent, Duration::from_secs(8)).is_some());
}

#[test]
fn a_slow_body_gets_408_after_the_request_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let gw = start(dir.path(), &["--request-timeout", "2"]);
    let mut tls = connect(&gw);
    tls.write_all(&login_request(200)).unwrap();
    tls.write_all(&login_body(200)[..20]).unwrap();
    let started = Instant::now();
    let (status, body) = read_response(&mut tls).expect("a 408 answer");
    assert_eq!(status, 408, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(
        v["error"].as_str().unwrap().starts_with("request timeout"),
        "{v}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(gw.logs().contains("status=408"), "{}", gw.logs());
}

#[test]
fn idle_connections_make_room_when_the_connection_cap_is_reached() {
    let dir = tempfile::tempdir().unwrap();
    let gw = start(
        dir.path(),
        &["--max-connections", "4", "--idle-timeout", "600"],
    );
    // Fill the cap: two used keep-alive connections, two that only shook hands.
    let mut idle: Vec<Tls> = (0..4).map(|_| connect(&gw)).collect();
    for tls in idle.iter_mut().take(2) {
        tls.write_all(HEALTH).unwrap();
        assert_eq!(read_response(tls).unwrap().0, 200);
    }
    std::thread::sleep(Duration::from_millis(1200));
    // A real login still gets an answer, promptly.
    let started = Instant::now();
    let mut tls = connect(&gw);
    tls.write_all(&login_request(60)).unwrap();
    tls.write_all(&login_body(60)).unwrap();
    let (status, body) = read_response(&mut tls).expect("an answer past the cap");
    assert_eq!(status, 401, "{body}");
    assert!(started.elapsed() < Duration::from_secs(5));
    // Room was made by closing idle connections.
    let closed = idle
        .iter_mut()
        .map(|t| closed_within(t, Duration::from_secs(2)))
        .filter(Option::is_some)
        .count();
    assert!(closed >= 1, "no idle connection was closed");
}

#[test]
fn past_the_cap_busy_connections_are_never_cut_and_new_ones_are_refused_promptly() {
    let dir = tempfile::tempdir().unwrap();
    let gw = start(
        dir.path(),
        &["--max-connections", "2", "--request-timeout", "30"],
    );
    // Two logins in flight, their bodies half sent.
    let mut busy: Vec<Tls> = (0..2).map(|_| connect(&gw)).collect();
    for tls in &mut busy {
        tls.write_all(&login_request(100)).unwrap();
        tls.write_all(&login_body(100)[..30]).unwrap();
    }
    std::thread::sleep(Duration::from_millis(1200));
    // A third connection is refused (closed during the handshake) within seconds.
    let started = Instant::now();
    let tcp = TcpStream::connect(("127.0.0.1", gw.port())).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let name = rustls_pki_types::ServerName::try_from("127.0.0.1").unwrap();
    let conn = rustls::ClientConnection::new(client_config(&gw.ca_file), name).unwrap();
    let mut third = rustls::StreamOwned::new(conn, tcp);
    let mut refused = false;
    while third.conn.is_handshaking() {
        if third.conn.complete_io(&mut third.sock).is_err() {
            refused = true;
            break;
        }
    }
    assert!(refused, "a connection past the cap was accepted");
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(1500) && took < Duration::from_secs(5),
        "refused after {took:?}: past the cap a connection waits about 2 s"
    );
    // The busy ones finish normally.
    for tls in &mut busy {
        tls.write_all(&login_body(100)[30..]).unwrap();
        assert_eq!(read_response(tls).expect("the in-flight login").0, 401);
    }
    drop(busy);
    // And the gateway recovers.
    std::thread::sleep(Duration::from_millis(200));
    let mut tls = connect(&gw);
    tls.write_all(HEALTH).unwrap();
    assert_eq!(read_response(&mut tls).unwrap().0, 200);
    assert!(
        gw.logs().contains("connection limit reached"),
        "{}",
        gw.logs()
    );
}

#[test]
fn sigterm_finishes_requests_in_flight_and_just_opened_connections() {
    let dir = tempfile::tempdir().unwrap();
    let gw = start(dir.path(), &[]);
    // A login whose body is still being sent when SIGTERM arrives.
    let mut sending = connect(&gw);
    sending.write_all(&login_request(100)).unwrap();
    sending.write_all(&login_body(100)[..40]).unwrap();
    // A connection that shook hands but has not sent its request yet.
    let mut fresh = connect(&gw);
    std::thread::sleep(Duration::from_millis(100));
    let pid = gw.child.id();
    let kill = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    std::thread::sleep(Duration::from_millis(300));
    sending.write_all(&login_body(100)[40..]).unwrap();
    fresh.write_all(HEALTH).unwrap();
    let (status, body) = read_response(&mut sending).expect("the in-flight login was cut");
    assert_eq!(status, 401, "{body}");
    let (status, _) = read_response(&mut fresh).expect("the just-opened connection was cut");
    assert_eq!(status, 200);
    let status = gw.stop().expect("the gateway stopped within 15 s");
    assert!(status.success(), "{status}");
}

/// Runs `gateway serve` on `data_dir` expecting it to refuse to start.
fn serve_refused(data_dir: &Path) -> common::Run {
    let mut child = std::process::Command::new(common::akl_bin())
        .args(["gateway", "serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .env("AKL_LOG", "warn")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("gateway serve started on {}", data_dir.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let run = common::Run::from_output(child.wait_with_output().unwrap());
    assert_ne!(run.code, 0);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// The `Error:` line of a refused command (log lines aside).
fn error_line(run: &common::Run) -> String {
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("Error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    errors[0].to_owned()
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// A data dir made by a real first start.
fn initialised_data_dir(dir: &Path) -> std::path::PathBuf {
    let gw = start(dir, &[]);
    assert!(gw.admin.is_some());
    let data = gw.data_dir.clone();
    assert!(gw.stop().unwrap().success());
    data
}

#[test]
fn links_in_the_data_dir_are_refused_and_their_targets_keep_their_mode() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "keep").unwrap();
    for name in [
        "gateway.db",
        "gateway.db-wal",
        "master.key",
        "tls.crt",
        "tls.key",
    ] {
        std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
        let data = dir.path().join(format!("d-{name}"));
        std::fs::create_dir(&data).unwrap();
        if name != "gateway.db" {
            // The other files only exist once a gateway has started.
            let g = start(&data, &[]);
            drop(g);
            let data = data.join("gw");
            std::fs::remove_file(data.join(name)).ok();
            symlink(&victim, data.join(name)).unwrap();
            let run = serve_refused(&data);
            let line = error_line(&run);
            assert!(
                line.contains(&format!("{name} is a symbolic link")),
                "{name}: {line}"
            );
        } else {
            symlink(&victim, data.join(name)).unwrap();
            let line = error_line(&serve_refused(&data));
            assert!(line.contains("gateway.db is a symbolic link"), "{line}");
            assert!(!data.join("master.key").exists(), "nothing created");
        }
        assert_eq!(mode(&victim), 0o644, "{name}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep", "{name}");
    }
    // generate-csr --key-file through a link: refused, even with --force.
    for force in [false, true] {
        let link = dir.path().join("user.key");
        let _ = std::fs::remove_file(&link);
        symlink(&victim, &link).unwrap();
        let mut args = vec![
            "generate-csr",
            "-n",
            "/k/c",
            "--common-name",
            "u",
            "--key-file",
            "user.key",
        ];
        if force {
            args.push("--force");
        }
        let run = common::run(dir.path(), &args);
        assert_ne!(run.code, 0);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("user.key is a symbolic link"),
            "{}",
            run.stderr
        );
        assert_eq!(mode(&victim), 0o644);
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }
}

#[test]
fn a_lost_master_key_or_database_is_never_replaced_by_a_new_gateway() {
    let dir = tempfile::tempdir().unwrap();
    let data = initialised_data_dir(dir.path());
    let key = std::fs::read(data.join("master.key")).unwrap();
    // A deleted master key.
    std::fs::remove_file(data.join("master.key")).unwrap();
    let run = serve_refused(&data);
    let line = error_line(&run);
    assert!(
        line.contains("master.key is missing") && line.contains("restore master.key from backup"),
        "{line}"
    );
    assert!(!data.join("master.key").exists());
    assert!(!run.stdout.contains("Admin access key"));
    // A foreign one.
    std::fs::write(data.join("master.key"), [3u8; 32]).unwrap();
    let line = error_line(&serve_refused(&data));
    assert!(line.contains("is not the master key of"), "{line}");
    std::fs::write(data.join("master.key"), &key).unwrap();
    // A deleted database beside the key: no new gateway, no new admin.
    let backup = dir.path().join("backup");
    std::fs::create_dir(&backup).unwrap();
    for f in ["gateway.db", "gateway.db-wal", "gateway.db-shm"] {
        let _ = std::fs::rename(data.join(f), backup.join(f));
    }
    let run = serve_refused(&data);
    let line = error_line(&run);
    assert!(
        line.contains("gateway.db is missing or empty") && line.contains("restore gateway.db"),
        "{line}"
    );
    assert!(!run.stdout.contains("Admin access key"));
    assert!(!data.join("gateway.db").exists(), "nothing created");
    // An emptied one.
    std::fs::write(data.join("gateway.db"), b"").unwrap();
    let line = error_line(&serve_refused(&data));
    assert!(line.contains("gateway.db is missing or empty"), "{line}");
    // Restored: the same gateway starts, without a first-start banner.
    for f in ["gateway.db", "gateway.db-wal", "gateway.db-shm"] {
        let _ = std::fs::rename(backup.join(f), data.join(f));
    }
    let gw = Gateway::start_with(&data, Gateway::free_port(), &[], &[]);
    assert!(gw.admin.is_none(), "{:?}", gw.stdout);
    // A master key open to others is made private, and that is logged.
    drop(gw);
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            data.join("master.key"),
            std::fs::Permissions::from_mode(0o644),
        )
        .unwrap();
    }
    let gw = Gateway::start_with(&data, Gateway::free_port(), &[], &[]);
    assert_eq!(mode(&data.join("master.key")), 0o600);
    assert!(
        gw.logs().contains("the master key was readable by others"),
        "{}",
        gw.logs()
    );
}

#[test]
fn a_missing_tls_certificate_is_explained_without_flags_serve_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let data = initialised_data_dir(dir.path());
    std::fs::remove_file(data.join("tls.crt")).unwrap();
    let line = error_line(&serve_refused(&data));
    assert!(
        line.contains("tls.crt is missing but") && line.contains("delete"),
        "{line}"
    );
    assert!(
        !line.contains("--force") && !line.contains("--key-file"),
        "{line}"
    );
}

/// HTTP/2: a stream whose body stalls gets 408, and the connection, idle
/// afterwards, is closed (GOAWAY) after the idle timeout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http2_stalled_streams_get_408_and_idle_connections_are_closed() {
    let dir = tempfile::tempdir().unwrap();
    let gw = start(
        dir.path(),
        &["--request-timeout", "2", "--idle-timeout", "2"],
    );
    let mut config = (*client_config(&gw.ca_file)).clone();
    config.alpn_protocols = vec![b"h2".to_vec()];
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", gw.port()))
        .await
        .unwrap();
    let name = rustls_pki_types::ServerName::try_from("127.0.0.1").unwrap();
    let tls = tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .unwrap();
    assert_eq!(tls.get_ref().1.alpn_protocol(), Some(&b"h2"[..]));
    let (client, connection) = h2::client::handshake(tls).await.unwrap();
    let connection = tokio::spawn(connection);
    let mut client = client.ready().await.unwrap();
    let req = http::Request::post("https://127.0.0.1/auth")
        .header("content-type", "application/json")
        .body(())
        .unwrap();
    let (response, mut body) = client.send_request(req, false).unwrap();
    body.send_data(axum::body::Bytes::from_static(b"{\"access-id\""), false)
        .unwrap();
    let started = Instant::now();
    let response = tokio::time::timeout(Duration::from_secs(8), response)
        .await
        .expect("a stalled HTTP/2 stream stayed open for 8 s")
        .unwrap();
    assert_eq!(response.status(), 408);
    assert!(started.elapsed() >= Duration::from_millis(1500));
    drop(body);
    // Idle now (the client keeps its handle, so only the gateway can end
    // the connection): it is closed.
    let closed = tokio::time::timeout(Duration::from_secs(8), connection).await;
    assert!(
        closed.is_ok(),
        "an idle HTTP/2 connection stayed open for 8 s"
    );
    drop(client);
}
