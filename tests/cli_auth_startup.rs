//! `akl auth` in a pod that starts before the gateway (issue 9, item 7):
//! retries an unreachable gateway with backoff up to `--timeout`, never
//! retries a refusal, and writes the token file 0600 atomically.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Run;
use common::gateway::Gateway;

fn auth_cmd(home: &Path, ca: &Path, url: &str, id: &str, key_file: &Path) -> Command {
    let mut c = common::akl(home);
    for v in [
        "AKEYLESS_ACCESS_ID",
        "AKEYLESS_ACCESS_KEY",
        "AKEYLESS_GATEWAY_URL",
        "AKEYLESS_PROFILE",
    ] {
        c.env_remove(v);
    }
    c.env("AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE", ca)
        .args(["auth", "--access-id", id, "--gateway-url", url])
        .arg("--access-key-file")
        .arg(key_file);
    c
}

/// A gateway data dir with its admin access ID and the CA to trust; the
/// admin key is written to `dir/key`; the gateway is stopped again.
fn prepared(dir: &Path) -> (PathBuf, String, PathBuf) {
    let data = dir.join("gw");
    let gw = Gateway::start(&data);
    let (id, key) = gw.admin.clone().expect("first start prints the admin");
    let ca = gw.ca_file.clone();
    gw.stop();
    std::fs::write(dir.join("key"), &key).unwrap();
    (data, id, ca)
}

#[test]
fn auth_waits_for_a_gateway_that_starts_later_and_writes_the_token_file() {
    let dir = tempfile::tempdir().unwrap();
    let (data, id, ca) = prepared(dir.path());
    let key_file = dir.path().join("key");
    let port = Gateway::free_port();
    let url = format!("https://127.0.0.1:{port}");
    let token_file = dir.path().join("token");

    let child = auth_cmd(dir.path(), &ca, &url, &id, &key_file)
        .args(["--timeout", "60", "--debug"])
        .arg("--write-token")
        .arg(&token_file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let gw = Gateway::start_on(&data, port);
    let r = Run::from_output(child.wait_with_output().unwrap()).ok();
    assert!(r.stderr.contains("debug: attempt 1 failed"), "{}", r.stderr);
    assert!(r.stderr.contains("retrying in"), "{}", r.stderr);
    let token = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Token: "))
        .unwrap()
        .to_owned();
    let meta = std::fs::symlink_metadata(&token_file).unwrap();
    assert!(meta.file_type().is_file());
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::read_to_string(&token_file).unwrap(), token);

    // A link at the token path is refused with one line, never followed:
    // its target keeps its content.
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "keep").unwrap();
    let linked = dir.path().join("linked-token");
    std::os::unix::fs::symlink(&victim, &linked).unwrap();
    let r = Run::from_output(
        auth_cmd(dir.path(), &ca, &gw.url, &id, &key_file)
            .arg("--write-token")
            .arg(&linked)
            .output()
            .unwrap(),
    );
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    assert!(
        common::files_in(dir.path())
            .iter()
            .all(|f| !f.contains("akl-tmp"))
    );

    // A refusal (401) is final: one attempt, no retry, at once.
    let wrong = dir.path().join("wrong");
    std::fs::write(&wrong, "not-the-key").unwrap();
    let started = Instant::now();
    let r = Run::from_output(
        auth_cmd(dir.path(), &ca, &gw.url, &id, &wrong)
            .args(["--timeout", "60", "--debug"])
            .output()
            .unwrap(),
    );
    assert_ne!(r.code, 0);
    assert!(!r.stderr.contains("retrying"), "{}", r.stderr);
    assert!(!r.stderr.contains("gave up"), "{}", r.stderr);
    assert!(started.elapsed() < Duration::from_secs(20));
    drop(gw);
}

#[test]
fn auth_gives_up_at_the_timeout_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("key");
    std::fs::write(&key_file, "k").unwrap();
    let port = Gateway::free_port();
    let url = format!("https://127.0.0.1:{port}");
    let started = Instant::now();
    let r = Run::from_output(
        auth_cmd(
            dir.path(),
            Path::new("/nonexistent"),
            &url,
            "p-1",
            &key_file,
        )
        .env_remove("AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE")
        .args(["--timeout", "3"])
        .output()
        .unwrap(),
    );
    let took = started.elapsed();
    assert_ne!(r.code, 0);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("gave up after"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("127.0.0.1:{port}")),
        "{}",
        r.stderr
    );
    assert!(took >= Duration::from_secs(1), "{took:?}");
    assert!(took < Duration::from_secs(20), "{took:?}");
}
