use super::*;
use crate::gateway::server::store::TokenRecord;
use std::time::Duration;

#[test]
fn rfc3339_formats_known_instants() {
    assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    assert_eq!(rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
    assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
}

fn test_state(dir: &std::path::Path) -> Arc<AppState> {
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(dir).unwrap());
    Arc::new(AppState::new(store, KubeReviewer::new(), "cl-test".into()))
}

async fn call(state: &Arc<AppState>, path: &str, body: Vec<u8>) -> (StatusCode, Value) {
    use tower::ServiceExt;
    let conn = ConnInfo {
        remote: "127.0.0.1:40000".parse().unwrap(),
        local: "127.0.0.1:8000".parse().unwrap(),
    };
    let app = router(state.clone()).layer(Extension(conn));
    let req = axum::http::Request::post(path)
        .header("content-type", "application/json")
        .body(axum::body::Body::from(body))
        .unwrap();
    let resp = app.oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), 4 * BODY_LIMIT)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn every_prefix_routes_and_errors_are_json() {
    let dir = tempfile::tempdir().unwrap();
    let state = test_state(dir.path());
    let (id, key) = auth::bootstrap_admin(state.store.as_ref())
        .unwrap()
        .unwrap();
    let login = serde_json::to_vec(&json!({"access-id": id, "access-key": key})).unwrap();
    for path in ["/auth", "/api/v2/auth", "/v2/auth"] {
        let (status, v) = call(&state, path, login.clone()).await;
        assert_eq!(status, StatusCode::OK, "{path}: {v}");
        assert!(v["token"].as_str().unwrap().starts_with("t-"));
    }
    let (status, v) = call(&state, "/api/v2/no-such-command", b"{}".to_vec()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(v["error"], "unknown command 'no-such-command'");
    let (status, v) = call(&state, "/list-auth-methods", b"{}".to_vec()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(v["error"].as_str().unwrap().contains("akl auth"));
    let bad = serde_json::to_vec(&json!({"access-id": id, "access-key": "wrong"})).unwrap();
    let (status, v) = call(&state, "/auth", bad).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(v["error"], "unauthorized: wrong access id or access key");
}

#[tokio::test]
async fn an_unknown_config_and_a_foreign_access_id_answer_alike() {
    let dir = tempfile::tempdir().unwrap();
    let state = test_state(dir.path());
    state
        .store
        .insert_k8s_config(&store::K8sConfigRecord {
            name: "c1".into(),
            id: "id".into(),
            access_id: "p-owner".into(),
            signing_key_pem: String::new(),
            k8s_host: "https://127.0.0.1:1".into(),
            k8s_ca_pem: String::new(),
            k8s_issuer: String::new(),
            disable_issuer_validation: false,
            reviewer: store::ReviewerAuth::ClientJwt,
            token_exp: 300,
            cluster_api_type: "native_k8s".into(),
            created: 1,
            updated: 1,
        })
        .unwrap();
    let login = |name: &str| {
        serde_json::to_vec(&json!({
            "access-type": "k8s",
            "access-id": "p-other",
            "k8s-auth-config-name": name,
            "k8s-service-account-token": "eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2ln",
        }))
        .unwrap()
    };
    let (s1, v1) = call(&state, "/auth", login("c1")).await;
    let (s2, v2) = call(&state, "/auth", login("c2")).await;
    assert_eq!(
        (s1, s2),
        (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED)
    );
    assert_eq!(v1["error"], "k8s auth name [c1] not found");
    assert_eq!(v2["error"], "k8s auth name [c2] not found");
}

/// On a single-threaded runtime an inline RSA key generation would
/// hold the only thread until it finished; on a blocking thread the
/// health check is answered first.
#[tokio::test(flavor = "current_thread")]
async fn key_generation_does_not_hold_the_async_workers() {
    let dir = tempfile::tempdir().unwrap();
    let state = test_state(dir.path());
    let (id, key) = auth::bootstrap_admin(state.store.as_ref())
        .unwrap()
        .unwrap();
    let login = serde_json::to_vec(&json!({"access-id": id, "access-key": key})).unwrap();
    let (_, v) = call(&state, "/auth", login).await;
    let token = v["token"].as_str().unwrap().to_owned();
    let create = call(
        &state,
        "/create-auth-method-k8s",
        serde_json::to_vec(&json!({"name": "m", "token": token})).unwrap(),
    );
    let health = call_method(&state, "GET", "/health");
    tokio::pin!(create, health);
    let first = tokio::select! {
        biased;
        (s, v) = &mut create => { assert_eq!(s, StatusCode::OK, "{v}"); "create" }
        (s, _) = &mut health => { assert_eq!(s, StatusCode::OK); "health" }
    };
    assert_eq!(first, "health");
    let (s, v) = create.await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["prv_key"].as_str().is_some_and(|k| !k.is_empty()), "{v}");
}

#[tokio::test]
async fn the_purge_task_deletes_expired_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let state = test_state(dir.path());
    let rec = |id: &str, expiry| TokenRecord {
        token_sha256: id.into(),
        access_id: "p-1".into(),
        auth_method: "m".into(),
        admin: false,
        expiry,
        claims: Value::Null,
    };
    state.store.insert_token(&rec("old", now() - 10)).unwrap();
    state.store.insert_token(&rec("new", now() + 3600)).unwrap();
    let task = housekeeping::spawn_token_purge(state.store.clone(), Duration::from_secs(3600));
    let deadline = Instant::now() + Duration::from_secs(10);
    while state.store.token("old").unwrap().is_some() {
        assert!(
            Instant::now() < deadline,
            "the expired token was not purged"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(state.store.token("new").unwrap().is_some());
    task.abort();
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let state = test_state(dir.path());
    let mut body = b"{\"name\":\"".to_vec();
    body.extend(std::iter::repeat_n(b'a', BODY_LIMIT + 10));
    body.extend(b"\"}");
    let (status, v) = call(&state, "/create-auth-method-k8s", body).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        v["error"],
        format!("request body too large: the limit is {BODY_LIMIT} bytes")
    );
}

async fn call_method(state: &Arc<AppState>, method: &str, path: &str) -> (StatusCode, Value) {
    use tower::ServiceExt;
    let conn = ConnInfo {
        remote: "127.0.0.1:40000".parse().unwrap(),
        local: "127.0.0.1:8000".parse().unwrap(),
    };
    let app = router(state.clone()).layer(Extension(conn));
    let req = axum::http::Request::builder()
        .method(method)
        .uri(path)
        .body(axum::body::Body::empty())
        .unwrap();
    let resp = app.oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), BODY_LIMIT)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn unknown_paths_and_wrong_methods_answer_json() {
    let dir = tempfile::tempdir().unwrap();
    let state = test_state(dir.path());
    let (status, v) = call_method(&state, "GET", "/").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(v["error"], "no such path: GET /");
    let (status, v) = call_method(&state, "GET", "/auth").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(v["error"], "method GET is not allowed on /auth; use POST");
    let (status, v) = call_method(&state, "DELETE", "/health").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(
        v["error"],
        "method DELETE is not allowed on /health; use GET"
    );
    let (status, v) = call_method(&state, "GET", "/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["status"], "ok");
}

#[tokio::test]
async fn k8s_tokens_cannot_manage_and_created_methods_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let state = test_state(dir.path());
    let (id, key) = auth::bootstrap_admin(state.store.as_ref())
        .unwrap()
        .unwrap();
    let (_, v) = call(
        &state,
        "/auth",
        serde_json::to_vec(&json!({"access-id": id, "access-key": key})).unwrap(),
    )
    .await;
    let token = v["token"].as_str().unwrap().to_owned();
    let (status, v) = call(
        &state,
        "/auth-method-create-k8s",
        serde_json::to_vec(&json!({"name": "m", "bound-namespaces": ["a", "b"], "bound-ips": ["10.0.0.0/8"], "token": token})).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert!(
        v["prv_key"]
            .as_str()
            .unwrap()
            .starts_with("LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVkt")
    );
    let (status, v) = call(
        &state,
        "/auth-method-get",
        serde_json::to_vec(&json!({"name": "m", "token": token})).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        v["access_info"]["k8s_access_rules"]["bound_namespaces"],
        json!(["a", "b"])
    );
    assert_eq!(v["access_info"]["cidr_whitelist"], "10.0.0.0/8");
    let (status, v) = call(
        &state,
        "/create-auth-method-k8s",
        serde_json::to_vec(&json!({"name": "m", "token": token})).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{v}");
    let (status, v) = call(
        &state,
        "/create-auth-method-k8s",
        serde_json::to_vec(&json!({"name": "n", "bound-ips": ["10.0.0.0/99"], "token": token}))
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(v["error"].as_str().unwrap().contains("bound-ips"));
    let (status, _) = call(
        &state,
        "/delete-auth-method",
        serde_json::to_vec(&json!({"name": "admin", "token": token})).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[test]
fn data_dir_is_created_private_and_existing_ones_are_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let root = tempfile::tempdir().unwrap();
    let new = root.path().join("a/b");
    assert!(!prepare_data_dir(&new).unwrap());
    assert_eq!(
        std::fs::metadata(&new).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let shared = root.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        prepare_data_dir(&shared).unwrap(),
        "reported as open to others"
    );
    assert_eq!(
        std::fs::metadata(&shared).unwrap().permissions().mode() & 0o777,
        0o755,
        "not chmod'ed"
    );
}

#[test]
fn missing_fields_are_named() {
    let e =
        parse_body::<crate::gateway::api::AuthMethodName>(&Bytes::from_static(b"{}")).unwrap_err();
    assert_eq!(e.message, "missing required field 'name'");
    let e = parse_body::<crate::gateway::api::AuthMethodName>(&Bytes::from_static(b"nope"))
        .unwrap_err();
    assert!(e.message.starts_with("invalid request body"));
}
