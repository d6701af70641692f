//! `akl gateway backup` / `restore` and the one-gateway-per-data-dir lock,
//! with the real binary: a backup taken while the gateway serves writes,
//! restored into a new data dir, served again, logged into with the old
//! admin key.

mod common;

use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::api::{Api, with};
use common::gateway::Gateway;
use common::run;
use serde_json::json;

#[test]
fn backup_while_serving_restores_into_a_new_data_dir_with_the_old_admin_key() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live");
    let gw = Gateway::start(&live);
    let (admin_id, admin_key) = gw.admin.clone().unwrap();
    let api = Api::new(&gw);
    let t = api.login(&admin_id, &admin_key);
    api.ok(
        "create-secret",
        with(&t, json!({"name": "/before", "value": "v-before"})),
    );

    // A writer keeps creating secrets while the backup runs.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let (url, ca, t) = (gw.url.clone(), gw.ca_file.clone(), t.clone());
        std::thread::spawn(move || {
            let api = Api::with_ca(&url, &ca);
            let mut acked = Vec::new();
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let name = format!("/w/{i}");
                match api.try_call(
                    "create-secret",
                    &with(&t, json!({"name": name, "value": "x"})),
                ) {
                    Ok((200, _)) => {}
                    other => return Err(format!("create-secret {name}: {other:?}")),
                }
                acked.push(name);
                i += 1;
            }
            Ok(acked)
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(300));
    let out = dir.path().join("backup");
    let r = run(
        dir.path(),
        &[
            "gateway",
            "backup",
            "--data-dir",
            live.to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    )
    .ok();
    assert!(r.stdout.starts_with("Backup written to"), "{}", r.stdout);
    stop.store(true, Ordering::Relaxed);
    let acked = writer
        .join()
        .unwrap()
        .unwrap_or_else(|e| panic!("{e}\ngateway log:\n{}", gw.logs()));
    assert!(!acked.is_empty(), "the writer ran during the backup");
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out), 0o700);
    for f in ["gateway.db", "master.key", "tls.crt", "tls.key"] {
        assert_eq!(mode(&out.join(f)), 0o600, "{f}");
    }

    // Restoring over the live data dir is refused while it serves, even
    // with --force, and changes nothing.
    let db_before = std::fs::metadata(live.join("gateway.db")).unwrap().len();
    for force in [false, true] {
        let mut args = vec!["gateway", "restore", "--data-dir", live.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        args.push(out.to_str().unwrap());
        let r = run(dir.path(), &args);
        assert_ne!(r.code, 0);
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
        assert!(r.stderr.contains("another akl gateway"), "{}", r.stderr);
    }
    assert!(std::fs::metadata(live.join("gateway.db")).unwrap().len() >= db_before);
    drop(api);
    gw.stop();

    // Into a new data dir; the restored gateway has the old state and key.
    let new = dir.path().join("new");
    let r = run(
        dir.path(),
        &[
            "--json",
            "gateway",
            "restore",
            "--data-dir",
            new.to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    )
    .ok();
    assert_eq!(r.json()["schema_version"], 1);
    let gw = Gateway::start(&new);
    assert!(
        gw.admin.is_none(),
        "no new admin key: the old one is restored"
    );
    let api = Api::new(&gw);
    let t = api.login(&admin_id, &admin_key);
    let v = api.ok("get-secret-value", with(&t, json!({"names": ["/before"]})));
    assert_eq!(v, json!({"/before": "v-before"}));
    // The copy is one snapshot: the secrets it holds are a prefix of the
    // writer's acknowledged ones (no gaps).
    let list = api.ok("list-items", with(&t, json!({})));
    let mut restored: Vec<usize> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["item_name"].as_str()?.strip_prefix("/w/")?.parse().ok())
        .collect();
    restored.sort();
    assert_eq!(restored, (0..restored.len()).collect::<Vec<_>>());
    assert!(restored.len() <= acked.len());
    gw.stop();

    // A data dir with state is replaced only with --force.
    let r = run(
        dir.path(),
        &[
            "gateway",
            "restore",
            "--data-dir",
            live.to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    );
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("pass --force"), "{}", r.stderr);
    run(
        dir.path(),
        &[
            "gateway",
            "restore",
            "--force",
            "--data-dir",
            live.to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    )
    .ok();
    let gw = Gateway::start(&live);
    let api = Api::new(&gw);
    let t = api.login(&admin_id, &admin_key);
    let list = api.ok("list-items", with(&t, json!({})));
    let n = list["items"].as_array().unwrap().len();
    assert_eq!(n, restored.len() + 1, "the live dir is back at the backup");
}

#[test]
fn backup_of_a_dir_without_state_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let r = run(
        dir.path(),
        &[
            "gateway",
            "backup",
            "--data-dir",
            dir.path().to_str().unwrap(),
            out.to_str().unwrap(),
        ],
    );
    assert_ne!(r.code, 0);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("has no gateway.db"), "{}", r.stderr);
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_second_gateway_on_the_same_data_dir_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("gw");
    let gw = Gateway::start(&data);
    let (id, key) = gw.admin.clone().unwrap();
    let second = std::process::Command::new(common::akl_bin())
        .args(["gateway", "serve", "--listen"])
        .arg(format!("127.0.0.1:{}", Gateway::free_port()))
        .arg("--data-dir")
        .arg(&data)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!second.status.success());
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "another akl gateway (pid {}) is serving the data dir",
            gw.child.id()
        )),
        "{stderr}"
    );
    // The first one is unaffected.
    Api::new(&gw).login(&id, &key);
    // kill -9 releases the lock with the process: a restart is not blocked.
    let port = gw.port();
    gw.kill9();
    let gw = Gateway::start_on(&data, port);
    Api::new(&gw).login(&id, &key);
}
