//! `akl gateway serve`: the gateway API over HTTPS.
//!
//! One file per API path family, as in Vault's Kubernetes auth plugin:
//! [`auth`] (`/auth`: access keys and Kubernetes logins), [`methods`]
//! (auth-method CRUD), [`configs`] (gateway K8s auth configs),
//! [`classic_keys`], [`certificates`], [`secrets`] (static secrets),
//! [`items`] (listing, describing, updating and deleting any item) and
//! [`roles`] (roles, rules, associations, sub-claims). Every command asks
//! [`authz`] whether its caller may act. Validation lives in [`login`] and
//! [`bounds`], the TokenReview call behind the
//! [`token_review::TokenReviewer`] trait, state behind [`store::Store`].

pub mod auth;
pub mod authz;
pub mod bounds;
pub mod certificates;
pub mod classic_keys;
pub mod configs;
pub mod events;
pub mod items;
pub mod login;
pub mod login_guard;
pub mod methods;
pub mod pod_credentials;
pub mod roles;
pub mod secrets;
pub mod store;
pub mod tls;
pub mod token_review;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::graceful::GracefulShutdown;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

use crate::cli::ServeArgs;
use crate::pki::PrivateKey;
use store::{SqliteStore, Store, StoreError};
use token_review::{KubeReviewer, TokenReviewer};

/// Largest request body accepted: a 1 MiB secret value (the largest
/// accepted) JSON-escaped, or a config with CA bundles, fits.
pub const BODY_LIMIT: usize = 3 * 1024 * 1024;
/// TLS handshakes that take longer are dropped.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// Shared by every request.
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub reviewer: Arc<dyn TokenReviewer>,
    pub cluster_id: String,
    /// The gateway pod's own service account, for `use-gw-service-account`.
    pub pod_credentials: Option<Arc<pod_credentials::PodCredentials>>,
    /// Key sets, TokenReview slots and refused tokens of Kubernetes logins.
    pub login_guard: login_guard::LoginGuard,
    /// Parsed signing keys by (config name, updated stamp): RSA parsing is
    /// not free and a login storm reuses the same few configs.
    signing_keys: Mutex<HashMap<(String, i64), Arc<PrivateKey>>>,
    /// Roles and associations, cached by policy version.
    pub policy: authz::PolicyCache,
}

impl AppState {
    pub fn new(
        store: Arc<dyn Store>,
        reviewer: Arc<dyn TokenReviewer>,
        cluster_id: String,
    ) -> Self {
        AppState {
            store,
            reviewer,
            cluster_id,
            pod_credentials: None,
            login_guard: login_guard::LoginGuard::default(),
            signing_keys: Mutex::new(HashMap::new()),
            policy: authz::PolicyCache::default(),
        }
    }

    pub fn signing_key(&self, cfg: &store::K8sConfigRecord) -> Result<Arc<PrivateKey>, ApiError> {
        let k = (cfg.name.clone(), cfg.updated);
        let mut cache = self.signing_keys.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(key) = cache.get(&k) {
            return Ok(key.clone());
        }
        let key = Arc::new(PrivateKey::from_pem(&cfg.signing_key_pem).map_err(|_| {
            ApiError::internal(format!(
                "the stored signing key of config {} is unreadable",
                cfg.name
            ))
        })?);
        cache.retain(|(name, _), _| name != &cfg.name);
        cache.insert(k, key.clone());
        Ok(key)
    }
}

/// The peer and local addresses of a connection.
#[derive(Debug, Clone, Copy)]
pub struct ConnInfo {
    pub remote: SocketAddr,
    pub local: SocketAddr,
}

/// An API error: status code and `{"error": "..."}` body.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
    pub fn bad_request(m: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, m)
    }
    pub fn not_found(m: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, m)
    }
    pub fn unauthorized(m: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, m)
    }
    pub fn internal(m: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, m)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::AlreadyExists(what) => {
                ApiError::new(StatusCode::CONFLICT, format!("{what} already exists"))
            }
            StoreError::NotFound(what) => ApiError::not_found(format!("{what} not found")),
            StoreError::Conflict(m) => ApiError::new(StatusCode::CONFLICT, m),
            StoreError::Db(m) => {
                tracing::error!(error = %m, "storage error");
                ApiError::internal("internal storage error; see the gateway log")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(json!({ "error": self.message }))).into_response()
    }
}

/// Decodes a request body into its typed request, naming what is wrong.
pub fn parse_body<T: DeserializeOwned>(body: &Bytes) -> Result<T, ApiError> {
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return serde_json::from_str("{}").map_err(|e| body_error(&e));
    }
    serde_json::from_slice(body).map_err(|e| body_error(&e))
}

fn body_error(e: &serde_json::Error) -> ApiError {
    let msg = e.to_string();
    if let Some(field) = msg.strip_prefix("missing field `") {
        let field = field.split('`').next().unwrap_or(field);
        return ApiError::bad_request(format!("missing required field '{field}'"));
    }
    // serde's messages quote types and positions, never the values.
    ApiError::bad_request(format!("invalid request body: {msg}"))
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// RFC 3339 UTC for unix seconds.
pub fn rfc3339(ts: i64) -> String {
    let days = ts.div_euclid(86_400);
    let secs = ts.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        (secs % 3600) / 60,
        secs % 60
    )
}

/// Random lowercase alphanumerics.
pub fn random_id(len: usize) -> String {
    use aws_lc_rs::rand::SecureRandom;
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = vec![0u8; len];
    let _ = aws_lc_rs::rand::SystemRandom::new().fill(&mut bytes);
    bytes
        .iter()
        .map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char)
        .collect()
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, data))
}

/// The API router.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route(
            "/health",
            get(|| async { axum::Json(json!({ "status": "ok" })) }),
        )
        .route("/config/k8s-auths", get(configs::k8s_auths))
        .route("/{*path}", post(dispatch))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// `POST /<command>`, `/api/v2/<command>`, `/v2/<command>`.
async fn dispatch(
    State(state): State<Arc<AppState>>,
    Extension(conn): Extension<ConnInfo>,
    Path(path): Path<String>,
    _headers: HeaderMap,
    body: Bytes,
) -> Response {
    let started = Instant::now();
    let command = path
        .trim_matches('/')
        .trim_start_matches("api/v2/")
        .trim_start_matches("v2/")
        .to_owned();
    let result = route(&state, &conn, &command, &body).await;
    let (status, resp) = match result {
        Ok((status, v)) => (status, (status, axum::Json(v)).into_response()),
        Err(e) => (e.status, e.into_response()),
    };
    tracing::info!(
        command = %command,
        status = status.as_u16(),
        client = %conn.remote.ip(),
        micros = started.elapsed().as_micros() as u64,
        "request"
    );
    resp
}

async fn route(
    state: &Arc<AppState>,
    conn: &ConnInfo,
    command: &str,
    body: &Bytes,
) -> Result<(StatusCode, Value), ApiError> {
    use crate::gateway::api::commands as c;
    const OK: StatusCode = StatusCode::OK;
    const CREATED: StatusCode = StatusCode::CREATED;
    match command {
        c::AUTH => Ok((OK, auth::auth(state, conn, body).await?)),
        c::CREATE_AUTH_METHOD_K8S => Ok((OK, methods::create(state, body, false)?)),
        c::AUTH_METHOD_CREATE_K8S => Ok((CREATED, methods::create(state, body, true)?)),
        c::UPDATE_AUTH_METHOD_K8S => Ok((OK, methods::update(state, body, false)?)),
        c::AUTH_METHOD_UPDATE_K8S => Ok((CREATED, methods::update(state, body, true)?)),
        c::GET_AUTH_METHOD | c::AUTH_METHOD_GET => Ok((OK, methods::get(state, body)?)),
        c::LIST_AUTH_METHODS | c::AUTH_METHOD_LIST => Ok((OK, methods::list(state, body)?)),
        c::DELETE_AUTH_METHOD | c::AUTH_METHOD_DELETE => Ok((OK, methods::delete(state, body)?)),
        c::GATEWAY_CREATE_K8S_AUTH_CONFIG => Ok((CREATED, configs::create(state, body).await?)),
        c::GATEWAY_UPDATE_K8S_AUTH_CONFIG => Ok((CREATED, configs::update(state, body).await?)),
        c::GATEWAY_GET_K8S_AUTH_CONFIG => Ok((CREATED, configs::get(state, body)?)),
        c::GATEWAY_DELETE_K8S_AUTH_CONFIG => Ok((CREATED, configs::delete(state, body)?)),
        c::GATEWAY_LIST_K8S_AUTH_CONFIGS => Ok((OK, configs::list(state, body)?)),
        c::GENERATE_CSR => Ok((OK, classic_keys::generate_csr(state, body).await?)),
        c::EXPORT_CLASSIC_KEY => Ok((OK, classic_keys::export(state, body)?)),
        c::CREATE_CERTIFICATE => Ok((OK, certificates::create(state, body)?)),
        c::GET_CERTIFICATE_VALUE => Ok((OK, certificates::get_value(state, body)?)),
        c::LIST_ITEMS => Ok((OK, items::list(state, body)?)),
        c::DELETE_ITEM => Ok((OK, items::delete(state, body)?)),
        c::DESCRIBE_ITEM => Ok((OK, items::describe(state, body)?)),
        c::UPDATE_ITEM => Ok((OK, items::update(state, body)?)),
        c::CREATE_SECRET => Ok((OK, secrets::create(state, body)?)),
        c::GET_SECRET_VALUE => Ok((OK, secrets::get_value(state, body)?)),
        c::UPDATE_SECRET_VAL => Ok((OK, secrets::update_value(state, body)?)),
        c::CREATE_ROLE => Ok((OK, roles::create(state, body)?)),
        c::UPDATE_ROLE => Ok((OK, roles::update(state, body)?)),
        c::GET_ROLE => Ok((OK, roles::get(state, body)?)),
        c::LIST_ROLES => Ok((OK, roles::list(state, body)?)),
        c::DELETE_ROLE => Ok((OK, roles::delete(state, body)?)),
        c::SET_ROLE_RULE => Ok((OK, roles::set_rule(state, body)?)),
        c::DELETE_ROLE_RULE => Ok((OK, roles::delete_rule(state, body)?)),
        c::ASSOC_ROLE_AM => Ok((OK, roles::assoc(state, body)?)),
        c::UPDATE_ASSOC => Ok((OK, roles::update_assoc(state, body)?)),
        c::DELETE_ASSOC => Ok((OK, roles::delete_assoc(state, body)?)),
        c::DESCRIBE_ROLE_AM_ASSOC => Ok((OK, roles::describe_assoc(state, body)?)),
        c::DESCRIBE_SUB_CLAIMS => Ok((OK, roles::describe_sub_claims(state, body)?)),
        other => Err(ApiError::not_found(format!("unknown command '{other}'"))),
    }
}

/// Accepts TLS connections on `listener` until `shutdown` resolves, then
/// lets in-flight requests finish (up to 10 s).
pub async fn serve(
    listener: TcpListener,
    tls: Arc<rustls::ServerConfig>,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<()> {
    let acceptor = TlsAcceptor::from(tls);
    let app = router(state);
    let graceful = GracefulShutdown::new();
    let builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (tcp, remote) = match accepted {
                    Ok(x) => x,
                    Err(e) => {
                        tracing::warn!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = tcp.set_nodelay(true);
                let local = tcp.local_addr().unwrap_or(remote);
                let acceptor = acceptor.clone();
                let svc = app.clone().layer(Extension(ConnInfo { remote, local }));
                let svc = hyper_util::service::TowerToHyperService::new(svc);
                let builder = builder.clone();
                let watcher = graceful.watcher();
                tokio::spawn(async move {
                    let tls = match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp)).await {
                        Ok(Ok(s)) => s,
                        Ok(Err(e)) => {
                            tracing::debug!(client = %remote.ip(), error = %e, "TLS handshake failed");
                            return;
                        }
                        Err(_) => {
                            tracing::debug!(client = %remote.ip(), "TLS handshake timed out");
                            return;
                        }
                    };
                    let conn = builder.serve_connection_with_upgrades(TokioIo::new(tls), svc);
                    let conn = watcher.watch(conn.into_owned());
                    if let Err(e) = conn.await {
                        tracing::debug!(client = %remote.ip(), error = %e, "connection ended with an error");
                    }
                });
            }
            _ = &mut shutdown => break,
        }
    }
    drop(listener);
    tracing::info!("shutting down: finishing in-flight requests");
    if tokio::time::timeout(Duration::from_secs(10), graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some connections did not finish within 10 s");
    }
    Ok(())
}

/// The default data dir: `$XDG_DATA_HOME/akl/gateway` or `~/.local/share/akl/gateway`.
pub fn default_data_dir() -> Result<PathBuf> {
    let base = dirs::data_dir().context("cannot find a data directory; pass --data-dir")?;
    Ok(base.join("akl").join("gateway"))
}

/// Creates the data dir (mode 0700). An existing directory is used as it
/// is — never chmod'ed, since `--data-dir /tmp` must not lock down /tmp —
/// and the return value says whether others can read it.
fn prepare_data_dir(dir: &std::path::Path) -> Result<bool> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    if dir.is_dir() {
        let mode = std::fs::metadata(dir)
            .with_context(|| format!("cannot read --data-dir {}", dir.display()))?
            .permissions()
            .mode();
        return Ok(mode & 0o077 != 0);
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("cannot create --data-dir {}", dir.display()))?;
    Ok(false)
}

fn init_logging(format: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("AKL_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false);
    let _ = if format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = match signal(SignalKind::terminate()) {
        Ok(s) => s,
        Err(_) => return std::future::pending().await,
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {},
        _ = term.recv() => {},
    }
}

/// The PostgreSQL URL of `--store`, or `None` for SQLite in the data dir.
fn store_url(args: &ServeArgs) -> Result<Option<&str>> {
    match args.store.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => Ok(Some(u)),
        Some(_) => Err(anyhow!(
            "--store must be a PostgreSQL URL such as postgres://USER@HOST:PORT/DB; leave it out to keep SQLite in the data dir"
        )),
    }
}

/// `akl gateway serve`: blocks until SIGTERM/SIGINT.
pub fn run(args: &ServeArgs) -> Result<()> {
    let listen: SocketAddr = args.listen.parse().map_err(|_| {
        anyhow!(
            "--listen '{}' is not HOST:PORT such as 127.0.0.1:8000",
            args.listen
        )
    })?;
    let data_dir = match &args.data_dir {
        Some(d) => d.clone(),
        None => default_data_dir()?,
    };
    let open_to_others = prepare_data_dir(&data_dir)?;
    // Held until the process exits: one gateway per SQLite data dir.
    let _data_dir_lock = match store_url(args)? {
        None => Some(store::lock::DataDirLock::acquire(&data_dir)?),
        Some(_) => None,
    };
    let id = tls::identity(
        &data_dir,
        args.tls_cert.as_deref(),
        args.tls_key.as_deref(),
        &listen.ip().to_string(),
    )?;
    let tls_config = tls::server_config(&id)?;
    let store: Arc<dyn Store> = match store_url(args)? {
        None => Arc::new(SqliteStore::open(&data_dir)?),
        Some(url) => Arc::new(store::PostgresStore::open(
            url,
            &data_dir.join("master.key"),
        )?),
    };
    let sa_dir = args
        .service_account_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from(pod_credentials::DEFAULT_DIR));
    init_logging(&args.log_format);
    if open_to_others {
        tracing::warn!(
            data_dir = %data_dir.display(),
            "the data dir is readable by other users; its files are 0600, but a private directory (chmod 700) is safer"
        );
    }
    let events_config = events::EventsConfig::new(
        args.expiration_check_interval,
        args.event_webhook.as_deref(),
        args.event_webhook_ca.as_deref(),
    )?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let listener = TcpListener::bind(listen)
            .await
            .with_context(|| format!("cannot listen on {listen}; is another gateway running?"))?;
        let cluster_id = match store.meta("cluster_id")? {
            Some(c) => c,
            None => {
                let c = format!("cl-{}", random_id(12));
                store.set_meta("cluster_id", &c)?;
                c
            }
        };
        let bootstrap = auth::bootstrap_admin(store.as_ref())?;
        let url = format!("https://{listen}");
        // Startup lines go to stdout; a closed stdout (a supervisor that
        // stopped reading) must not take the gateway down, so write errors
        // are ignored rather than panicking as println! would.
        use std::io::Write;
        let mut out = std::io::stdout();
        macro_rules! say {
            ($w:expr, $($arg:tt)*) => {{ let _ = writeln!($w, $($arg)*); }};
        }
        say!(out, "akl gateway listening on {url}");
        say!(out,
            "TLS certificate: {}{} (SHA-256 fingerprint {})",
            id.cert.display(),
            if id.generated { ", self-signed, created now" } else { "" },
            id.fingerprint
        );
        say!(out, "Data dir: {}", data_dir.display());
        if let Some((access_id, access_key)) = bootstrap {
            say!(out, "First start: created the admin access_key auth method (shown once, store it now):");
            say!(out, "Admin access ID: {access_id}");
            say!(out, "Admin access key: {access_key}");
            say!(out,
                "  akl configure --profile default --access-id {access_id} --access-key {access_key} --gateway-url {url}"
            );
            say!(out, "  export AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE={}", id.cert.display());
        }
        let _ = out.flush();

        let mut app = AppState::new(store.clone(), KubeReviewer::new(), cluster_id);
        app.pod_credentials = Some(Arc::new(pod_credentials::PodCredentials::new(
            sa_dir,
            pod_credentials::in_cluster_host(),
        )));
        let state = Arc::new(app);
        events::spawn(store.clone(), state.cluster_id.clone(), events_config);
        let purge_store = store.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(300));
            loop {
                tick.tick().await;
                match purge_store.purge_tokens(now()) {
                    Ok(n) if n > 0 => tracing::info!(removed = n, "purged expired session tokens"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "token purge failed"),
                }
            }
        });
        tracing::info!(listen = %listen, "gateway started");
        serve(listener, tls_config, state, shutdown_signal()).await?;
        tracing::info!("gateway stopped");
        Ok::<(), anyhow::Error>(())
    })
}

/// The client address as an IP, unwrapping IPv4-mapped IPv6.
pub fn client_ip(conn: &ConnInfo) -> IpAddr {
    match conn.remote.ip() {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        ip => ip,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    async fn oversized_bodies_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let state = test_state(dir.path());
        let mut body = b"{\"name\":\"".to_vec();
        body.extend(std::iter::repeat_n(b'a', BODY_LIMIT + 10));
        body.extend(b"\"}");
        let (status, _) = call(&state, "/create-auth-method-k8s", body).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
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
        let e = parse_body::<crate::gateway::api::AuthMethodName>(&Bytes::from_static(b"{}"))
            .unwrap_err();
        assert_eq!(e.message, "missing required field 'name'");
        let e = parse_body::<crate::gateway::api::AuthMethodName>(&Bytes::from_static(b"nope"))
            .unwrap_err();
        assert!(e.message.starts_with("invalid request body"));
    }
}
