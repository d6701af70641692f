use super::*;
use std::os::unix::fs::PermissionsExt;

fn config(name: &str) -> K8sConfigRecord {
    K8sConfigRecord {
        name: name.into(),
        id: "id".into(),
        access_id: "p-1".into(),
        signing_key_pem: "-----BEGIN RSA PRIVATE KEY-----secret".into(),
        k8s_host: "https://h".into(),
        k8s_ca_pem: String::new(),
        k8s_issuer: String::new(),
        disable_issuer_validation: false,
        reviewer: ReviewerAuth::ReviewerJwt {
            jwt: "eyJ.reviewer.jwt".into(),
        },
        token_exp: 300,
        cluster_api_type: "native_k8s".into(),
        created: 1,
        updated: 1,
    }
}

#[test]
fn configs_are_sealed_at_rest_and_survive_reopen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = SqliteStore::open(dir.path()).unwrap();
        s.insert_k8s_config(&config("c1")).unwrap();
        assert!(matches!(
            s.insert_k8s_config(&config("c1")),
            Err(StoreError::AlreadyExists(_))
        ));
    }
    let raw = std::fs::read(dir.path().join("gateway.db")).unwrap();
    let wal = std::fs::read(dir.path().join("gateway.db-wal")).unwrap_or_default();
    for bytes in [&raw, &wal] {
        let text = String::from_utf8_lossy(bytes);
        // (The schema itself names a `secret_versions` table.)
        assert!(!text.contains("KEY-----secret") && !text.contains("reviewer.jwt"));
    }
    let mode = std::fs::metadata(dir.path().join("gateway.db"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let s = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(s.k8s_config("c1").unwrap().unwrap(), config("c1"));

    // Another master key is refused at start.
    std::fs::remove_file(dir.path().join("master.key")).unwrap();
    std::fs::write(dir.path().join("master.key"), [7u8; 32]).unwrap();
    let e = SqliteStore::open(dir.path()).err().unwrap().to_string();
    assert!(e.contains("is not the master key of"), "{e}");
}

fn open_err(dir: &Path) -> String {
    match SqliteStore::open(dir) {
        Ok(_) => panic!("opened"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_database_and_master_key_that_do_not_belong_together_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let key = std::fs::read(p.join("master.key")).err();
    assert!(key.is_some(), "no key before the first start");
    {
        let s = SqliteStore::open(p).unwrap();
        s.insert_k8s_config(&config("c1")).unwrap();
    }
    let key = std::fs::read(p.join("master.key")).unwrap();
    // A deleted key is not replaced by a new one.
    std::fs::remove_file(p.join("master.key")).unwrap();
    let e = open_err(p);
    assert!(
        e.contains("master.key is missing") && e.contains("restore master.key from backup"),
        "{e}"
    );
    assert!(!p.join("master.key").exists(), "no new key was made");
    std::fs::write(p.join("master.key"), &key).unwrap();
    SqliteStore::open(p).unwrap();
    // A deleted or emptied database beside the key: no new gateway.
    for f in ["gateway.db", "gateway.db-wal", "gateway.db-shm"] {
        let _ = std::fs::rename(p.join(f), p.join(format!("{f}.bak")));
    }
    let e = open_err(p);
    assert!(
        e.contains("gateway.db is missing or empty") && e.contains("move master.key away"),
        "{e}"
    );
    std::fs::write(p.join("gateway.db"), b"").unwrap();
    let e = open_err(p);
    assert!(e.contains("is missing or empty"), "{e}");
    for f in ["gateway.db", "gateway.db-wal", "gateway.db-shm"] {
        let _ = std::fs::remove_file(p.join(f));
        let _ = std::fs::rename(p.join(format!("{f}.bak")), p.join(f));
    }
    let s = SqliteStore::open(p).unwrap();
    assert_eq!(s.k8s_config("c1").unwrap().unwrap(), config("c1"));
    // A database from before the fingerprint: checked by opening a record.
    s.conn()
        .execute("DELETE FROM meta WHERE key = ?1", [MASTER_KEY_CHECK])
        .unwrap();
    drop(s);
    std::fs::write(p.join("master.key"), [7u8; 32]).unwrap();
    let e = open_err(p);
    assert!(e.contains("cannot open the secrets stored in"), "{e}");
    std::fs::write(p.join("master.key"), &key).unwrap();
    let s = SqliteStore::open(p).unwrap();
    assert!(s.meta(MASTER_KEY_CHECK).unwrap().is_some());
}

#[test]
fn a_master_key_open_to_others_is_made_0600_and_bad_ones_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    drop(SqliteStore::open(p).unwrap());
    let key = p.join("master.key");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    drop(SqliteStore::open(p).unwrap());
    assert_eq!(
        std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let good = std::fs::read(&key).unwrap();
    std::fs::write(&key, [1u8; 40]).unwrap();
    assert!(open_err(p).contains("is not a 32-byte master key"));
    std::fs::write(&key, good).unwrap();
    // A file that is not an SQLite database.
    let db = p.join("gateway.db");
    let _ = std::fs::remove_file(p.join("gateway.db-wal"));
    let _ = std::fs::remove_file(p.join("gateway.db-shm"));
    std::fs::write(&db, vec![b'x'; 8192]).unwrap();
    let e = open_err(p);
    assert!(
        e.contains("is not a readable gateway database") && e.contains("restore it from backup"),
        "{e}"
    );
}

#[test]
fn links_in_the_data_dir_are_refused_and_their_targets_untouched() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("precious");
    std::fs::write(&target, "keep me").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
    for name in [
        "gateway.db",
        "gateway.db-wal",
        "gateway.db-shm",
        "master.key",
    ] {
        let dir = tempfile::tempdir().unwrap();
        if name == "master.key" {
            drop(SqliteStore::open(dir.path()).unwrap());
            std::fs::remove_file(dir.path().join(name)).unwrap();
        }
        symlink(&target, dir.path().join(name)).unwrap();
        let e = open_err(dir.path());
        assert!(
            e.contains(&format!("{name} is a symbolic link")),
            "{name}: {e}"
        );
        assert_eq!(
            std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o644,
            "{name}"
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    }
    // A dangling link is not created through either.
    let dir = tempfile::tempdir().unwrap();
    symlink(outside.path().join("new"), dir.path().join("gateway.db")).unwrap();
    assert!(open_err(dir.path()).contains("is a symbolic link"));
    assert!(!outside.path().join("new").exists());
}

fn classic_key(name: &str) -> (ItemRecord, ItemSecret) {
    (
        ItemRecord {
            name: name.into(),
            id: 0,
            created: 1,
            kind: ItemKind::ClassicKey {
                alg: "RSA2048".into(),
                public_key_spki: "c3BraQ==".into(),
            },
            tags: vec!["t".into()],
            description: String::new(),
            delete_protection: false,
            modified: 0,
        },
        ItemSecret {
            private_key_pem: "-----BEGIN RSA PRIVATE KEY-----\nTOPSECRETKEYBYTES\n".into(),
            certificate_pem: String::new(),
        },
    )
}

#[test]
fn item_secrets_are_sealed_and_bound_to_their_name() {
    let dir = tempfile::tempdir().unwrap();
    {
        let s = SqliteStore::open(dir.path()).unwrap();
        let (r, sec) = classic_key("/a");
        let id = s.insert_item(&r, &sec).unwrap();
        assert!(matches!(
            s.insert_item(&r, &sec),
            Err(StoreError::AlreadyExists(_))
        ));
        let (got, got_sec) = s.item_with_secret("/a").unwrap().unwrap();
        assert_eq!(got.id, id);
        assert_eq!(got_sec, sec);
        assert_eq!(s.item("/a").unwrap().unwrap().tags, ["t"]);
        assert!(!format!("{got_sec:?}").contains("TOPSECRET"));
        // A sealed blob moved to another row does not open.
        s.insert_item(&classic_key("/b").0, &ItemSecret::default())
            .unwrap();
        s.conn()
            .execute(
                "UPDATE items SET sealed = (SELECT sealed FROM items WHERE name = '/a') WHERE name = '/b'",
                [],
            )
            .unwrap();
        assert!(s.item_with_secret("/b").is_err());
    }
    for f in ["gateway.db", "gateway.db-wal"] {
        let bytes = std::fs::read(dir.path().join(f)).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("TOPSECRET"),
            "{f}"
        );
    }
    let s = SqliteStore::open(dir.path()).unwrap();
    assert_eq!(s.items().unwrap().len(), 2);
    let deleted = s.delete_item("/a").unwrap();
    assert_eq!(deleted.name, "/a");
    assert!(matches!(s.delete_item("/a"), Err(StoreError::NotFound(_))));
    // Ids are never reused.
    let again = s.insert_item(&classic_key("/a").0, &ItemSecret::default());
    assert!(again.unwrap() > deleted.id);
    // A wrong key would fail every sealed item: it is refused at start.
    drop(s);
    std::fs::write(dir.path().join("master.key"), [9u8; 32]).unwrap();
    let e = open_err(dir.path());
    assert!(e.contains("master.key"), "{e}");
}

#[test]
fn expired_tokens_are_purged_and_a_login_loop_does_not_grow_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let s = SqliteStore::open(dir.path()).unwrap();
    let token = |id: String, expiry| TokenRecord {
        token_sha256: id,
        access_id: "p-1".into(),
        auth_method: "m".into(),
        admin: false,
        expiry,
        claims: serde_json::json!({"namespace": "a", "service_account_name": "b"}),
    };
    s.insert_token(&token("live".into(), 10_000)).unwrap();
    let mut sizes = Vec::new();
    for round in 0..5 {
        for i in 0..2000 {
            s.insert_token(&token(format!("{round}-{i}"), 1_000 + round))
                .unwrap();
        }
        // Expiry is exclusive: a token expiring now is still valid.
        assert_eq!(s.purge_tokens(1_000 + round).unwrap(), 0, "round {round}");
        assert_eq!(
            s.purge_tokens(1_001 + round).unwrap(),
            2000,
            "round {round}"
        );
        s.conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        sizes.push(
            std::fs::metadata(dir.path().join("gateway.db"))
                .unwrap()
                .len(),
        );
    }
    assert!(s.token("live").unwrap().is_some());
    assert!(s.token("0-1").unwrap().is_none());
    // Freed pages are reused: the file stops growing after the first round.
    assert!(sizes[4] <= sizes[0], "{sizes:?}");
}

#[test]
fn concurrent_writers_never_both_win() {
    let dir = tempfile::tempdir().unwrap();
    let s = std::sync::Arc::new(SqliteStore::open(dir.path()).unwrap());
    let wins = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let s = s.clone();
            let wins = wins.clone();
            std::thread::spawn(move || {
                for i in 0..20 {
                    // Every thread races for the shared names and owns its own.
                    if s.insert_k8s_config(&config(&format!("shared-{i}"))).is_ok() {
                        wins.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                    s.insert_k8s_config(&config(&format!("t{t}-{i}"))).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(wins.load(std::sync::atomic::Ordering::SeqCst), 20);
    assert_eq!(s.k8s_configs().unwrap().len(), 20 + 8 * 20);
}

#[test]
fn rename_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let s = SqliteStore::open(dir.path()).unwrap();
    s.insert_k8s_config(&config("a")).unwrap();
    s.insert_k8s_config(&config("b")).unwrap();
    assert!(matches!(
        s.replace_k8s_config("a", &config("b")),
        Err(StoreError::AlreadyExists(_))
    ));
    s.replace_k8s_config("a", &config("c")).unwrap();
    assert!(s.k8s_config("a").unwrap().is_none());
    assert_eq!(s.k8s_configs().unwrap().len(), 2);
    s.delete_k8s_config("c").unwrap();
    assert!(matches!(
        s.delete_k8s_config("c"),
        Err(StoreError::NotFound(_))
    ));
}
