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

pub mod admin_key;
pub mod auth;
pub mod authz;
pub mod banner;
pub mod bounds;
pub mod certificates;
pub mod classic_keys;
pub mod configs;
pub mod conn;
pub mod events;
pub mod health;
pub mod housekeeping;
pub mod items;
pub mod jwt_keys;
pub mod jwt_login;
pub mod listen;
pub mod login;
pub mod login_guard;
pub mod master_key_file;
pub mod measured_store;
pub mod methods;
pub mod metrics;
pub mod oauth2;
pub mod pod_credentials;
pub mod record_cache;
pub mod roles;
pub mod secrets;
pub mod store;
pub mod tls;
pub mod tls_reload;
pub mod token_review;
pub mod token_writer;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result, anyhow};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Extension, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tokio::net::TcpListener;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::pki::PrivateKey;
use store::{SqliteStore, Store, StoreError};
use token_review::{KubeReviewer, TokenReviewer};

/// Largest request body accepted: a 1 MiB secret value (the largest
/// accepted) JSON-escaped, or a config with CA bundles, fits.
pub const BODY_LIMIT: usize = 3 * 1024 * 1024;

/// Shared by every request.
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub reviewer: Arc<dyn TokenReviewer>,
    pub cluster_id: String,
    /// The gateway pod's own service account, for `use-gw-service-account`.
    pub pod_credentials: Option<Arc<pod_credentials::PodCredentials>>,
    /// Key sets, TokenReview slots and refused tokens of Kubernetes logins.
    pub login_guard: login_guard::LoginGuard,
    /// The public half (base64 SPKI DER) of every config signing key seen,
    /// keyed by the key's PEM: parsing an RSA key is not free and a login
    /// storm reuses the same few configs.
    signing_keys: Mutex<HashMap<String, Arc<str>>>,
    /// Roles and associations, cached by policy version.
    pub policy: authz::PolicyCache,
    /// Session tokens stored by group commit.
    pub tokens: token_writer::TokenWriter,
    /// Auth methods and K8s configs as logins read them.
    pub records: record_cache::RecordCache,
    /// Prometheus metrics (`/metrics`).
    pub metrics: Arc<metrics::Metrics>,
    /// The served TLS certificate, for `/health/ready`.
    pub tls: Option<Arc<tls_reload::CertReloader>>,
    /// Cached per-config K8s reachability for `/health/ready`.
    pub k8s_reachability: health::K8sReachability,
}

impl AppState {
    pub fn new(
        store: Arc<dyn Store>,
        reviewer: Arc<dyn TokenReviewer>,
        cluster_id: String,
    ) -> Self {
        // Every store call and TokenReview is measured here, once, for all
        // handlers.
        let metrics = Arc::new(metrics::Metrics::new());
        AppState {
            store: Arc::new(measured_store::MeasuredStore {
                inner: store,
                metrics: metrics.clone(),
            }),
            reviewer: Arc::new(metrics::MeasuredReviewer {
                inner: reviewer,
                metrics: metrics.clone(),
            }),
            cluster_id,
            pod_credentials: None,
            login_guard: login_guard::LoginGuard::default(),
            signing_keys: Mutex::new(HashMap::new()),
            policy: authz::PolicyCache::default(),
            tokens: token_writer::TokenWriter::default(),
            records: record_cache::RecordCache::default(),
            metrics,
            tls: None,
            k8s_reachability: health::K8sReachability::default(),
        }
    }

    /// The base64 SPKI of the public half of a config's signing key.
    ///
    /// An embedded gateway would sign an internal JWT with the config's key
    /// only for the auth method to verify it again with its public key: one
    /// RSA-2048 signature (about 0.75 ms of CPU here) per login, half of
    /// the login's cost. The key is proven once instead: the config's key is
    /// checked against the method when the config is created or updated,
    /// and each login compares this cached public half with the method's
    /// current public key, which catches a method whose key changed since.
    pub fn signing_key_spki(&self, cfg: &store::K8sConfigRecord) -> Result<Arc<str>, ApiError> {
        let mut cache = self.signing_keys.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(spki) = cache.get(cfg.signing_key_pem.as_str()) {
            return Ok(spki.clone());
        }
        let unreadable = || {
            ApiError::internal(format!(
                "the stored signing key of config {} is unreadable",
                cfg.name
            ))
        };
        let key = PrivateKey::from_pem(&cfg.signing_key_pem).map_err(|_| unreadable())?;
        let spki: Arc<str> = STANDARD
            .encode(key.public_key_spki_der().map_err(|_| unreadable())?)
            .into();
        // A gateway has a handful of configs; a bound keeps a stream of
        // config updates from growing the map without limit.
        if cache.len() >= 1024 {
            cache.clear();
        }
        cache.insert(cfg.signing_key_pem.clone(), spki.clone());
        Ok(spki)
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
        .route("/health/live", get(health::live))
        .route("/health/ready", get(health::ready))
        .route("/metrics", get(metrics::handler))
        .route("/config/k8s-auths", get(configs::k8s_auths))
        .route("/{*path}", post(dispatch))
        .fallback(housekeeping::unknown_path)
        .method_not_allowed_fallback(housekeeping::wrong_method)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track_in_flight,
        ))
        .with_state(state)
}

/// `POST /<command>`, `/api/v2/<command>`, `/v2/<command>`.
async fn dispatch(
    State(state): State<Arc<AppState>>,
    Extension(conn): Extension<ConnInfo>,
    Path(path): Path<String>,
    _headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Response {
    let started = Instant::now();
    let command = path
        .trim_matches('/')
        .trim_start_matches("api/v2/")
        .trim_start_matches("v2/")
        .to_owned();
    let result = match body {
        Ok(body) => route(&state, &conn, &command, &body).await,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body too large: the limit is {BODY_LIMIT} bytes"),
        )),
        Err(e) => Err(ApiError::new(
            e.status(),
            format!("cannot read the request body: {}", e.body_text()),
        )),
    };
    let (status, resp) = match result {
        Ok((status, v)) => (status, (status, axum::Json(v)).into_response()),
        Err(e) => (e.status, e.into_response()),
    };
    housekeeping::log_request(&command, status, Some(&conn), started);
    resp
}

/// Runs a handler that may generate an RSA key (`gen-key`: tens to
/// hundreds of milliseconds) on a blocking thread, so that `/health` and
/// logins on the async workers are not stalled meanwhile.
async fn blocking<F>(state: &Arc<AppState>, body: &Bytes, f: F) -> Result<Value, ApiError>
where
    F: FnOnce(&Arc<AppState>, &Bytes) -> Result<Value, ApiError> + Send + 'static,
{
    let (state, body) = (state.clone(), body.clone());
    tokio::task::spawn_blocking(move || f(&state, &body))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "request handler panicked");
            ApiError::internal("internal error; see the gateway log")
        })?
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
        c::AUTH => Ok((
            OK,
            metrics::observe_login(state, body, auth::auth(state, conn, body)).await?,
        )),
        c::CREATE_AUTH_METHOD_K8S => Ok((
            OK,
            blocking(state, body, |s, b| methods::create(s, b, false)).await?,
        )),
        c::AUTH_METHOD_CREATE_K8S => Ok((
            CREATED,
            blocking(state, body, |s, b| methods::create(s, b, true)).await?,
        )),
        c::UPDATE_AUTH_METHOD_K8S => Ok((
            OK,
            blocking(state, body, |s, b| methods::update(s, b, false)).await?,
        )),
        c::AUTH_METHOD_UPDATE_K8S => Ok((
            CREATED,
            blocking(state, body, |s, b| methods::update(s, b, true)).await?,
        )),
        c::GET_AUTH_METHOD | c::AUTH_METHOD_GET => Ok((OK, methods::get(state, body)?)),
        c::LIST_AUTH_METHODS | c::AUTH_METHOD_LIST => Ok((OK, methods::list(state, body)?)),
        c::DELETE_AUTH_METHOD | c::AUTH_METHOD_DELETE => Ok((OK, methods::delete(state, body)?)),
        c::CREATE_AUTH_METHOD_OAUTH2 => Ok((OK, oauth2::create(state, body, false).await?)),
        c::AUTH_METHOD_CREATE_OAUTH2 => Ok((CREATED, oauth2::create(state, body, true).await?)),
        c::UPDATE_AUTH_METHOD_OAUTH2 => Ok((OK, oauth2::update(state, body, false).await?)),
        c::AUTH_METHOD_UPDATE_OAUTH2 => Ok((CREATED, oauth2::update(state, body, true).await?)),
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
/// lets in-flight requests finish; see [`conn`] for the limits.
pub async fn serve(
    listener: TcpListener,
    tls: Arc<rustls::ServerConfig>,
    state: Arc<AppState>,
    limits: conn::Limits,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<()> {
    let metrics = state.metrics.clone();
    conn::serve(listener, tls, router(state), limits, metrics, shutdown).await
}

/// What `akl gateway serve` runs with: plain values, so the server does
/// not depend on the CLI's types (`ServeArgs` converts into this).
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: String,
    pub data_dir: Option<PathBuf>,
    /// A PostgreSQL URL shared by several replicas; `None`: SQLite in the data dir.
    pub store: Option<String>,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    pub log_format: String,
    pub service_account_dir: Option<PathBuf>,
    pub expiration_check_interval: u64,
    pub event_webhook: Option<String>,
    pub event_webhook_ca: Option<PathBuf>,
    pub limits: conn::Limits,
    /// Extra DNS names / IPs for the self-signed certificate.
    pub tls_san: Vec<String>,
    /// The admin access key comes from this file instead of being generated.
    pub admin_access_key_file: Option<PathBuf>,
    /// The master key comes from this file (a mounted Secret shared by
    /// the replicas), copied into the data dir when it has none.
    pub master_key_file: Option<PathBuf>,
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
fn store_url(args: &ServeConfig) -> Result<Option<&str>> {
    match args.store.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => Ok(Some(u)),
        Some(_) => Err(anyhow!(
            "--store must be a PostgreSQL URL such as postgres://USER@HOST:PORT/DB; leave it out to keep SQLite in the data dir"
        )),
    }
}

/// `akl gateway serve`: blocks until SIGTERM/SIGINT. SIGHUP reloads the
/// TLS certificate.
pub fn run(args: &ServeConfig) -> Result<()> {
    init_logging(&args.log_format);
    let listen: SocketAddr = listen::parse_listen(&args.listen)?;
    let store_url = store_url(args)?;
    // Read before anything is created, so a bad file changes nothing.
    let admin_file_key = match &args.admin_access_key_file {
        Some(f) => Some((f.clone(), admin_key::read_key_file(f)?)),
        None => None,
    };
    let master_key = match &args.master_key_file {
        Some(f) => Some(master_key_file::MasterKeyFile::read(f)?),
        None => None,
    };
    let events_config = events::EventsConfig::new(
        args.expiration_check_interval,
        args.event_webhook.as_deref(),
        args.event_webhook_ca.as_deref(),
    )?;
    let data_dir = match &args.data_dir {
        Some(d) => d.clone(),
        None => default_data_dir()?,
    };
    let open_to_others = prepare_data_dir(&data_dir)?;
    // Held until the process exits: one gateway per SQLite data dir.
    let _data_dir_lock = match store_url {
        None => Some(store::lock::DataDirLock::acquire(&data_dir)?),
        Some(_) => None,
    };
    // The shared key before the store reads it; a copy made here is
    // removed again if the store then refuses to open.
    let key_copied = match &master_key {
        Some(k) => k.install(&data_dir)? == master_key_file::Installed::Copied,
        None => false,
    };
    // The store first: it refuses a data dir whose files do not belong
    // together before anything else is created there.
    let opened: Result<Arc<dyn Store>> = match store_url {
        None => SqliteStore::open_with_key_copied(&data_dir, key_copied)
            .map(|s| Arc::new(s) as Arc<dyn Store>),
        Some(url) => store::PostgresStore::open(url, &data_dir.join("master.key"))
            .map(|s| Arc::new(s) as Arc<dyn Store>),
    };
    let store = match opened {
        Ok(s) => s,
        Err(e) => {
            if key_copied {
                master_key_file::MasterKeyFile::remove_copy(&data_dir);
            }
            return Err(e);
        }
    };
    let id = tls::identity_with_sans(
        &data_dir,
        args.tls_cert.as_deref(),
        args.tls_key.as_deref(),
        &listen.ip().to_string(),
        &args.tls_san,
    )?;
    let reloader = tls_reload::CertReloader::load(&id)?;
    let tls_config = reloader.server_config()?;
    let sa_dir = args
        .service_account_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from(pod_credentials::DEFAULT_DIR));
    if open_to_others {
        tracing::warn!(
            data_dir = %data_dir.display(),
            "the data dir is readable by other users; its files are 0600, but a private directory (chmod 700) is safer"
        );
    }
    let json_logs = args.log_format == "json";

    let limits = args.limits.clone();
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
        let admin = match admin_file_key {
            Some((file, key)) => {
                let (access_id, change) = admin_key::ensure_key(store.as_ref(), &key)?;
                auth::ensure_admin_role(store.as_ref(), &access_id)?;
                banner::Admin::FromFile {
                    access_id,
                    file,
                    change,
                }
            }
            None => match auth::bootstrap_admin(store.as_ref())? {
                Some((access_id, key)) if json_logs => {
                    // Logs are collected (in a cluster: kept); the key is not
                    // written there but to a private file.
                    let file = data_dir.join("admin-access-key");
                    crate::pki::write_secret_file(&file, format!("{key}\n").as_bytes(), true)?;
                    banner::Admin::GeneratedToFile { access_id, file }
                }
                Some((access_id, key)) => banner::Admin::Generated { access_id, key },
                None => banner::Admin::Existing {
                    access_id: store.meta(admin_key::ADMIN_ID_META)?,
                },
            },
        };

        let mut app = AppState::new(store.clone(), KubeReviewer::new(), cluster_id);
        app.pod_credentials = Some(Arc::new(pod_credentials::PodCredentials::new(
            sa_dir,
            pod_credentials::in_cluster_host(),
        )));
        app.tls = Some(reloader.clone());
        let state = Arc::new(app);
        tls_reload::spawn(reloader, state.metrics.clone())?;
        // Announced once SIGHUP is handled: a supervisor that reloads right
        // after the banner must not end the process.
        let url = format!("https://{listen}");
        banner::Banner {
            url: &url,
            id: &id,
            data_dir: &data_dir,
            admin: &admin,
            human: !json_logs,
        }
        .announce();
        drop(admin);
        events::spawn(store.clone(), state.cluster_id.clone(), events_config);
        housekeeping::spawn_token_purge(store.clone(), housekeeping::TOKEN_PURGE_INTERVAL);
        tracing::info!(listen = %listen, "gateway started");
        serve(listener, tls_config, state, limits, shutdown_signal()).await?;
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
mod tests;
