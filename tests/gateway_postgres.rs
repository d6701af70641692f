//! Several gateway replicas on one real PostgreSQL (a throwaway cluster
//! started by tests/common/postgres.rs), and schema migrations for both
//! backends.

mod common;
mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::api::{Api, with};
use common::gateway::Gateway;
use common::postgres::PgCluster;
use serde_json::json;
use support::{KubeApiServer, Options, TokenOpts};

/// Gives `dir` the master key of the first replica (as a mounted Secret would).
fn share_key(from: &Path, dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::copy(from.join("master.key"), dir.join("master.key")).unwrap();
    std::fs::set_permissions(
        dir.join("master.key"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
}

/// Three replicas on `url`, the first one's master key shared; extra args for all.
fn three(root: &Path, url: &str, extra: &[&str]) -> Vec<Gateway> {
    let mut args = vec!["--store", url];
    args.extend_from_slice(extra);
    let first = Gateway::start_with(&root.join("gw0"), Gateway::free_port(), &args, &[]);
    let mut gws = vec![first];
    for i in 1..3 {
        let d = root.join(format!("gw{i}"));
        share_key(&root.join("gw0"), &d);
        gws.push(Gateway::start_with(&d, Gateway::free_port(), &args, &[]));
    }
    gws
}

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
fn three_replicas_share_writes_and_tokens() {
    let pg = PgCluster::start();
    let url = pg.create_db("replicas");
    let root = tempfile::tempdir().unwrap();
    let gws = three(root.path(), &url, &[]);
    let (id, key) = gws[0].admin.clone().unwrap();
    assert!(
        gws[1].admin.is_none() && gws[2].admin.is_none(),
        "one admin for the fleet"
    );
    let apis: Vec<Api> = gws.iter().map(Api::new).collect();

    // A token issued by one replica is valid on all.
    let t = apis[0].login(&id, &key);
    apis[0].ok(
        "create-secret",
        with(&t, json!({"name": "/shared", "value": "v1"})),
    );
    for api in &apis[1..] {
        let v = api.ok("get-secret-value", with(&t, json!({"names": ["/shared"]})));
        assert_eq!(v, json!({"/shared": "v1"}));
    }
    // A write on another replica is read everywhere.
    apis[2].ok(
        "update-secret-val",
        with(&t, json!({"name": "/shared", "value": "v2"})),
    );
    let v = apis[1].ok("get-secret-value", with(&t, json!({"names": ["/shared"]})));
    assert_eq!(v, json!({"/shared": "v2"}));

    // A lost admin key is replaced for the whole fleet from one replica's
    // data dir (its master.key) and the shared database.
    let out = std::process::Command::new(common::akl_bin())
        .args(["gateway", "admin", "reset-key", "--data-dir"])
        .arg(root.path().join("gw1"))
        .env("AKL_STORE", &url)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("Admin access ID: {id}")),
        "{stdout}"
    );
    let new_key = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Admin access key: "))
        .unwrap()
        .to_owned();
    apis[2].login(&id, &new_key);
    let (status, _) = apis[1].call("auth", json!({"access-id": id, "access-key": key}));
    assert_eq!(status, 401, "the old admin key still logs in");
    // Without the fleet's master key there is nothing to reset with.
    let out = std::process::Command::new(common::akl_bin())
        .args(["gateway", "admin", "reset-key", "--data-dir"])
        .arg(root.path().join("nowhere"))
        .args(["--store", &url])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("holds no master.key"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A replica without the shared key, or with another one, is refused.
    let err = serve_fails(&root.path().join("nokey"), &["--store", &url]);
    assert!(err.contains("master key"), "{err}");
    assert!(!root.path().join("nokey/master.key").exists());
    let other = root.path().join("otherkey");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("master.key"), [7u8; 32]).unwrap();
    std::fs::set_permissions(
        other.join("master.key"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    let err = serve_fails(&other, &["--store", &url]);
    assert!(err.contains("is not the master key"), "{err}");
    // A bad --store is one clear line.
    let err = serve_fails(&other, &["--store", "mysql://x"]);
    assert!(err.contains("--store must be a PostgreSQL URL"), "{err}");
}

#[test]
fn kill9_of_one_replica_under_write_and_login_load_loses_nothing_acknowledged() {
    let pg = PgCluster::start();
    let url = pg.create_db("killed");
    let root = tempfile::tempdir().unwrap();
    let mut gws: Vec<Option<Gateway>> = three(root.path(), &url, &[])
        .into_iter()
        .map(Some)
        .collect();
    let (id, key) = gws[0].as_ref().unwrap().admin.clone().unwrap();
    let targets: Vec<(String, std::path::PathBuf)> = gws
        .iter()
        .map(|g| {
            let g = g.as_ref().unwrap();
            (g.url.clone(), g.ca_file.clone())
        })
        .collect();
    let stop = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let after_kill = Arc::new(Mutex::new(0usize));
    let killed = Arc::new(AtomicBool::new(false));
    let mut workers = Vec::new();
    for w in 0..3 {
        let (stop, acked, after_kill, killed) = (
            stop.clone(),
            acked.clone(),
            after_kill.clone(),
            killed.clone(),
        );
        let targets = targets.clone();
        let (id, key) = (id.clone(), key.clone());
        workers.push(std::thread::spawn(move || {
            let apis: Vec<Api> = targets.iter().map(|(u, ca)| Api::with_ca(u, ca)).collect();
            let mut i = 0usize;
            let mut next = w;
            while !stop.load(Ordering::Relaxed) {
                let name = format!("/load/{w}/{i}");
                // A client retries on the next replica until one answers.
                let mut done = false;
                for attempt in 0..6 {
                    let api = &apis[(next + attempt) % apis.len()];
                    let token =
                        match api.try_call("auth", &json!({"access-id": id, "access-key": key})) {
                            Ok((200, v)) => v["token"].as_str().unwrap().to_owned(),
                            _ => continue,
                        };
                    let body = with(&token, json!({"name": name, "value": "x"}));
                    match api.try_call("create-secret", &body) {
                        Ok((200, _)) => {
                            done = true;
                            break;
                        }
                        // A retry of a write the dead replica committed.
                        Ok((_, v))
                            if v["error"].as_str().unwrap_or("").contains("already exists") =>
                        {
                            done = true;
                            break;
                        }
                        _ => continue,
                    }
                }
                assert!(done, "no replica took {name}");
                acked.lock().unwrap().push(name);
                if killed.load(Ordering::Relaxed) {
                    *after_kill.lock().unwrap() += 1;
                }
                i += 1;
                next = (next + 1) % 3;
            }
        }));
    }
    std::thread::sleep(Duration::from_secs(2));
    gws[1].take().unwrap().kill9();
    killed.store(true, Ordering::Relaxed);
    std::thread::sleep(Duration::from_secs(2));
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        *after_kill.lock().unwrap() > 0,
        "the other replicas kept serving"
    );
    // Every acknowledged write is in the database (read through psql, no
    // page limits), and the surviving replicas serve it.
    let stored: std::collections::HashSet<String> = pg
        .psql("killed", "SELECT name FROM items")
        .lines()
        .map(str::to_owned)
        .collect();
    for n in &acked {
        assert!(stored.contains(n), "acknowledged {n} is lost");
    }
    let last = acked.last().unwrap();
    for g in [&gws[0], &gws[2]] {
        let api = Api::new(g.as_ref().unwrap());
        let t = api.login(&id, &key);
        let v = api.ok("get-secret-value", with(&t, json!({"names": [last]})));
        assert_eq!(v[last.as_str()], "x");
    }
}

#[test]
fn an_expiration_event_fires_once_with_three_replicas() {
    let pg = PgCluster::start();
    let url = pg.create_db("events");
    let root = tempfile::tempdir().unwrap();
    let gws = three(root.path(), &url, &["--expiration-check-interval", "1"]);
    let (id, key) = gws[0].admin.clone().unwrap();
    let api = Api::new(&gws[0]);
    let t = api.login(&id, &key);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let kp = rcgen::KeyPair::generate().unwrap();
    let mut p = rcgen::CertificateParams::new(vec!["soon.example".to_owned()]).unwrap();
    p.not_before = rcgen::date_time_ymd(1970, 1, 1) + Duration::from_secs(now - 3600);
    p.not_after = rcgen::date_time_ymd(1970, 1, 1) + Duration::from_secs(now + 5 * 86_400);
    let cert = p.self_signed(&kp).unwrap();
    api.ok(
        "create-certificate",
        with(
            &t,
            json!({
                "name": "/soon",
                "certificate-data": STANDARD.encode(cert.pem()),
                "key-data": STANDARD.encode(kp.serialize_pem()),
                "expiration-event-in": ["30"],
            }),
        ),
    );
    std::thread::sleep(Duration::from_secs(5));
    let fired: usize = gws
        .iter()
        .map(|g| g.logs().matches("certificate expiration event").count())
        .sum();
    assert_eq!(fired, 1, "one event across the fleet");
    let rows = pg.psql("events", "SELECT COUNT(*) FROM expiration_events");
    assert_eq!(rows, "1");
}

#[test]
fn postgres_schema_is_created_versioned_and_a_newer_one_is_refused() {
    let pg = PgCluster::start();
    let url = pg.create_db("schema");
    let root = tempfile::tempdir().unwrap();
    let gw = Gateway::start_with(
        &root.path().join("a"),
        Gateway::free_port(),
        &["--store", &url],
        &[],
    );
    assert!(gw.admin.is_some());
    gw.stop();
    assert_eq!(
        pg.psql("schema", "SELECT MAX(version) FROM schema_version"),
        "1"
    );
    // Restart: no second migration, the data stays.
    let gw = Gateway::start_with(
        &root.path().join("a"),
        Gateway::free_port(),
        &["--store", &url],
        &[],
    );
    assert!(gw.admin.is_none());
    gw.stop();
    assert_eq!(
        pg.psql("schema", "SELECT COUNT(*) FROM schema_version"),
        "1"
    );
    pg.psql(
        "schema",
        "INSERT INTO schema_version (version, name, applied) VALUES (99, 'future', 0)",
    );
    let err = serve_fails(&root.path().join("a"), &["--store", &url]);
    assert!(
        err.contains("schema version 99, newer than this akl knows"),
        "{err}"
    );
}

#[test]
fn sqlite_schema_from_before_versioning_is_upgraded_and_a_newer_one_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("gw");
    let gw = Gateway::start(&data);
    let (id, key) = gw.admin.clone().unwrap();
    gw.stop();
    {
        // What an akl from before schema_version left behind.
        let db = rusqlite::Connection::open(data.join("gateway.db")).unwrap();
        db.execute_batch("DROP TABLE schema_version").unwrap();
    }
    let gw = Gateway::start(&data);
    Api::new(&gw).login(&id, &key);
    gw.stop();
    {
        let db = rusqlite::Connection::open(data.join("gateway.db")).unwrap();
        let v: i64 = db
            .query_row("SELECT MAX(version) FROM schema_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
        db.execute("INSERT INTO schema_version VALUES (42, 'future', 0)", [])
            .unwrap();
    }
    let err = serve_fails(&data, &[]);
    assert!(
        err.contains("schema version 42, newer than this akl knows"),
        "{err}"
    );
}

/// The cluster's JWKS document (`kubectl get --raw /openid/v1/jwks`).
fn kube_jwks(kube: &KubeApiServer) -> Vec<u8> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        reqwest::Client::builder()
            .tls_certs_merge(
                reqwest::Certificate::from_pem_bundle(kube.ca_pem().as_bytes()).unwrap(),
            )
            .build()
            .unwrap()
            .get(format!("{}/openid/v1/jwks", kube.url()))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
            .to_vec()
    })
}

/// What main's SQLite store keeps, kept by PostgreSQL for the whole fleet:
/// an OAuth2/JWT method created on one replica logs pods in on another;
/// a role-rule change on one replica is enforced by the others at once
/// (their policy caches follow the version in the shared database); and
/// expired session tokens are purged from the shared table.
#[test]
fn jwt_methods_policy_changes_and_token_purge_are_shared() {
    let kube = KubeApiServer::start_with(Options {
        public_oidc_discovery: true,
        ..Default::default()
    });
    kube.create_namespace("team-a");
    kube.create_pod("team-a", "app-a", "default");
    let pg = PgCluster::start();
    let url = pg.create_db("shared");
    let root = tempfile::tempdir().unwrap();
    let gws = three(root.path(), &url, &[]);
    let (id, key) = gws[0].admin.clone().unwrap();
    let apis: Vec<Api> = gws.iter().map(Api::new).collect();
    let admin = apis[0].login(&id, &key);

    let am = apis[0].ok(
        "auth-method-create-oauth2",
        with(
            &admin,
            json!({
                "name": "pods-jwt",
                "unique-identifier": "sub",
                "jwks-json-data": STANDARD.encode(kube_jwks(&kube)),
                "issuer": kube.issuer(),
                "audience": "akeyless",
            }),
        ),
    );
    let access_id = am["access_id"].as_str().unwrap().to_owned();
    apis[0].ok(
        "create-secret",
        with(&admin, json!({"name": "/k8s/team-a/db", "value": "pa55"})),
    );
    apis[0].ok("create-role", with(&admin, json!({"name": "reader"})));
    apis[0].ok(
        "set-role-rule",
        with(
            &admin,
            json!({"role-name": "reader", "path": "/k8s/{{namespace}}/*", "capability": ["read"]}),
        ),
    );
    apis[0].ok(
        "assoc-role-am",
        with(
            &admin,
            json!({"role-name": "reader", "am-name": "pods-jwt", "sub-claims": {"namespace": "team-a"}}),
        ),
    );
    // The method, stored by replica 0, admits the pod on replica 1.
    let jwt = kube.token_request(
        "team-a",
        "default",
        TokenOpts {
            audiences: vec!["akeyless".into()],
            expiration_seconds: 600,
            pod: Some("app-a".into()),
        },
    );
    let pod = apis[1].ok(
        "auth",
        json!({"access-id": access_id, "access-type": "jwt", "jwt": jwt}),
    )["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let read = |api: &Api| {
        api.call(
            "get-secret-value",
            with(&pod, json!({"names": ["/k8s/team-a/db"]})),
        )
    };
    for api in &apis {
        let (status, v) = read(api);
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["/k8s/team-a/db"], "pa55");
    }
    // Replica 2 has the policy cached; a rule removed on replica 1 is
    // refused there on the very next request.
    apis[1].ok(
        "delete-role-rule",
        with(
            &admin,
            json!({"role-name": "reader", "path": "/k8s/{{namespace}}/*"}),
        ),
    );
    for api in &apis {
        let (status, v) = read(api);
        assert_eq!(status, 401, "a removed rule still grants: {v}");
    }

    // An expired token in the shared table is purged by a replica (at its
    // start, then every minute); a live one stays.
    pg.psql(
        "shared",
        "INSERT INTO tokens (token_sha256, expiry, data) VALUES ('expired-row', 1, '{}')",
    );
    let late = Gateway::start_with(
        &{
            let d = root.path().join("gw3");
            share_key(&root.path().join("gw0"), &d);
            d
        },
        Gateway::free_port(),
        &["--store", &url],
        &[],
    );
    let mut left = String::new();
    for _ in 0..50 {
        left = pg.psql(
            "shared",
            "SELECT COUNT(*) FROM tokens WHERE token_sha256 = 'expired-row'",
        );
        if left == "0" {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        left,
        "0",
        "the expired token was not purged\n{}",
        late.logs()
    );
    Api::new(&late).ok(
        "get-secret-value",
        with(&admin, json!({"names": ["/k8s/team-a/db"]})),
    );
}
