//! `gateway serve --master-key-file` / `AKL_MASTER_KEY_FILE`: the master key
//! from a mounted Secret, copied into an empty data dir, so replicas share
//! it without a shared volume. Real gateways, SQLite and a real PostgreSQL.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::api::{Api, with};
use common::gateway::Gateway;
use common::postgres::PgCluster;
use serde_json::json;

/// A key file as a Secret volume with fsGroup mounts it: 0440.
fn key_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o440)).unwrap();
    p
}

fn random_key() -> Vec<u8> {
    use std::io::Read;
    let mut k = vec![0u8; 32];
    std::fs::File::open("/dev/urandom")
        .unwrap()
        .read_exact(&mut k)
        .unwrap();
    k
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// `gateway serve` that must fail: its one stderr line.
fn serve_fails(data_dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(common::akl_bin())
        .args(["gateway", "serve", "--listen"])
        .arg(format!("127.0.0.1:{}", Gateway::free_port()))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success(), "serve should fail");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
}

#[test]
fn the_key_file_seeds_empty_data_dirs_and_a_different_key_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let key = random_key();
    let src = key_file(&root.path().join("secret"), "master.key", &key);
    let src_s = src.to_str().unwrap();

    // First start in an empty data dir: the file's key becomes master.key.
    let a = root.path().join("a");
    let gw = Gateway::start_with(&a, Gateway::free_port(), &["--master-key-file", src_s], &[]);
    assert_eq!(std::fs::read(a.join("master.key")).unwrap(), key);
    assert_eq!(mode(&a.join("master.key")), 0o600);
    let (id, admin_key) = gw.admin.clone().expect("first start prints the admin key");
    let api = Api::new(&gw);
    let t = api.login(&id, &admin_key);
    api.ok(
        "create-secret",
        with(&t, json!({"name": "/sealed", "value": "v1"})),
    );
    gw.stop();

    // A data dir whose master.key went missing gets it back from the file
    // (the Secret is the key's backup), and the sealed value opens.
    std::fs::remove_file(a.join("master.key")).unwrap();
    let gw = Gateway::start_with(
        &a,
        Gateway::free_port(),
        &[],
        &[("AKL_MASTER_KEY_FILE", src_s)],
    );
    assert_eq!(std::fs::read(a.join("master.key")).unwrap(), key);
    let api = Api::new(&gw);
    let t = api.login(&id, &admin_key);
    let v = api.ok("get-secret-value", with(&t, json!({"names": ["/sealed"]})));
    assert_eq!(v, json!({"/sealed": "v1"}));
    gw.stop();

    // Another key for that database: refused, and the copy is taken back.
    std::fs::remove_file(a.join("master.key")).unwrap();
    let wrong = key_file(&root.path().join("secret"), "wrong.key", &random_key());
    let err = serve_fails(&a, &["--master-key-file", wrong.to_str().unwrap()]);
    assert!(err.contains("is not the master key of"), "{err}");
    assert!(
        !a.join("master.key").exists(),
        "a failed start leaves no key"
    );

    // A data dir holding another master.key is refused and left as it is.
    let b = root.path().join("b");
    std::fs::create_dir_all(&b).unwrap();
    std::fs::set_permissions(&b, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::write(b.join("master.key"), [7u8; 32]).unwrap();
    std::fs::set_permissions(b.join("master.key"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let err = serve_fails(&b, &["--master-key-file", src_s]);
    assert!(
        err.contains("differs from --master-key-file") && err.contains("master.key"),
        "{err}"
    );
    assert_eq!(std::fs::read(b.join("master.key")).unwrap(), [7u8; 32]);
    assert!(!b.join("gateway.db").exists(), "nothing else was created");

    // A key file every user can read, or not a key: refused before the
    // data dir is even created.
    let c = root.path().join("c");
    std::fs::set_permissions(&src, std::fs::Permissions::from_mode(0o644)).unwrap();
    let err = serve_fails(&c, &["--master-key-file", src_s]);
    assert!(err.contains("open to every user (mode 644)"), "{err}");
    let text = key_file(&root.path().join("secret"), "text.key", b"not a key\n");
    let err = serve_fails(&c, &["--master-key-file", text.to_str().unwrap()]);
    assert!(err.contains("is not a 32-byte master key"), "{err}");
    let err = serve_fails(&c, &["--master-key-file", "/nonexistent/master.key"]);
    assert!(err.contains("--master-key-file"), "{err}");
    assert!(!c.exists());
}

#[test]
fn two_replicas_on_postgres_share_one_key_file_and_their_data() {
    let pg = PgCluster::start();
    let url = pg.create_db("keyfile");
    let root = tempfile::tempdir().unwrap();
    let key = random_key();
    let src = key_file(&root.path().join("secret"), "master.key", &key);
    let args = [
        "--store",
        url.as_str(),
        "--master-key-file",
        src.to_str().unwrap(),
    ];

    // Two empty data dirs (emptyDir volumes), one Secret.
    let gw0 = Gateway::start_with(&root.path().join("gw0"), Gateway::free_port(), &args, &[]);
    let gw1 = Gateway::start_with(&root.path().join("gw1"), Gateway::free_port(), &args, &[]);
    for gw in [&gw0, &gw1] {
        assert_eq!(std::fs::read(gw.data_dir.join("master.key")).unwrap(), key);
    }
    let (id, admin_key) = gw0.admin.clone().unwrap();
    assert!(gw1.admin.is_none(), "one admin for the fleet");
    let (api0, api1) = (Api::new(&gw0), Api::new(&gw1));
    let t = api0.login(&id, &admin_key);
    api0.ok(
        "create-secret",
        with(&t, json!({"name": "/fleet", "value": "sealed once"})),
    );
    let v = api1.ok("get-secret-value", with(&t, json!({"names": ["/fleet"]})));
    assert_eq!(v, json!({"/fleet": "sealed once"}));

    // A replica handed another key is refused and keeps no copy of it.
    let other = key_file(&root.path().join("other"), "master.key", &random_key());
    let dir = root.path().join("gw2");
    let err = serve_fails(
        &dir,
        &[
            "--store",
            &url,
            "--master-key-file",
            other.to_str().unwrap(),
        ],
    );
    assert!(
        err.contains("is not the master key of this database"),
        "{err}"
    );
    assert!(!dir.join("master.key").exists());
}
