//! Prometheus metrics of the gateway, served at `GET /metrics` in the
//! OpenMetrics text format (`prometheus-client`, the official Rust client).
//!
//! Names follow Prometheus conventions (`akl_` prefix, `_total` counters,
//! `_seconds` histograms with fixed buckets). Labels only take values from
//! small closed sets: a login's `config` label is the name of a config that
//! exists, never a name a client made up, so an unauthenticated caller cannot
//! grow the series count. Usernames never become labels.

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::metrics::info::Info;
use prometheus_client::registry::{Registry, Unit};
use serde_json::Value;

use super::AppState;
use super::token_review::{JwksFuture, ReviewError, ReviewFuture, ReviewTarget, TokenReviewer};

/// The OpenMetrics content type Prometheus negotiates for this format.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct LoginLabels {
    /// `success`, `failure` (the client's fault: 4xx) or `error` (5xx).
    pub result: &'static str,
    /// `access_key`, `k8s`, or `other` for anything else a client sent.
    pub access_type: &'static str,
    /// The K8s auth config used; empty for access-key logins or unknown names.
    pub config: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ResultLabels {
    pub result: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct KindLabels {
    pub kind: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OpLabels {
    /// The `Store` method name.
    pub op: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct VersionLabels {
    version: String,
}

/// 1 ms × 2^n, 15 buckets (1 ms … ~16 s): kube-apiserver's
/// `authentication_duration_seconds` buckets, so dashboards line up.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

/// 50 µs × 2^n, 14 buckets (50 µs … ~0.4 s): store calls are local.
fn store_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.000_05, 2.0, 14))
}

/// Every metric the gateway exports, registered in one registry.
pub struct Metrics {
    registry: Registry,
    pub logins: Family<LoginLabels, Counter>,
    pub login_duration: Family<ResultLabels, Histogram>,
    pub tokenreview_duration: Family<ResultLabels, Histogram>,
    pub tokenreview_errors: Family<KindLabels, Counter>,
    pub store_duration: Family<OpLabels, Histogram>,
    pub requests_in_flight: Gauge,
    pub connections_open: Gauge,
    pub tls_reloads: Family<ResultLabels, Counter>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("akl");
        let logins = Family::<LoginLabels, Counter>::default();
        registry.register(
            "logins",
            "Logins (POST /auth) by result, access type and K8s auth config",
            logins.clone(),
        );
        let login_duration: Family<ResultLabels, Histogram> =
            Family::new_with_constructor(latency_histogram);
        registry.register_with_unit(
            "login_duration",
            "Time to answer a login, TokenReview included",
            Unit::Seconds,
            login_duration.clone(),
        );
        let tokenreview_duration: Family<ResultLabels, Histogram> =
            Family::new_with_constructor(latency_histogram);
        registry.register_with_unit(
            "tokenreview_duration",
            "Time of TokenReview calls to Kubernetes API servers",
            Unit::Seconds,
            tokenreview_duration.clone(),
        );
        let tokenreview_errors = Family::<KindLabels, Counter>::default();
        registry.register(
            "tokenreview_errors",
            "TokenReview calls that could not be done, by kind (unauthorized, forbidden, unreachable, timeout, tls, other)",
            tokenreview_errors.clone(),
        );
        let store_duration: Family<OpLabels, Histogram> =
            Family::new_with_constructor(store_histogram);
        registry.register_with_unit(
            "store_duration",
            "Time of storage operations, by operation",
            Unit::Seconds,
            store_duration.clone(),
        );
        let requests_in_flight = Gauge::default();
        registry.register(
            "requests_in_flight",
            "HTTP requests being served",
            requests_in_flight.clone(),
        );
        let connections_open = Gauge::default();
        registry.register(
            "connections_open",
            "Client connections open (TLS handshake included)",
            connections_open.clone(),
        );
        let tls_reloads = Family::<ResultLabels, Counter>::default();
        registry.register(
            "tls_reloads",
            "Reloads of the TLS certificate and key (SIGHUP or changed files), by result",
            tls_reloads.clone(),
        );
        registry.register(
            "build",
            "Build information",
            Info::new(VersionLabels {
                version: env!("CARGO_PKG_VERSION").to_owned(),
            }),
        );
        Metrics {
            registry,
            logins,
            login_duration,
            tokenreview_duration,
            tokenreview_errors,
            store_duration,
            requests_in_flight,
            connections_open,
            tls_reloads,
        }
    }

    /// The exposition text, ending in `# EOF`.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }

    /// Times one storage operation.
    pub fn time_store<T>(&self, op: &'static str, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = f();
        self.store_duration
            .get_or_create(&OpLabels { op })
            .observe(started.elapsed().as_secs_f64());
        out
    }

    /// Counts a connection until the guard drops.
    pub fn connection(self: &Arc<Self>) -> GaugeGuard {
        GaugeGuard::new(self.connections_open.clone())
    }
}

/// Increments a gauge now and decrements it on drop.
pub struct GaugeGuard(Gauge);

impl GaugeGuard {
    pub fn new(g: Gauge) -> Self {
        g.inc();
        GaugeGuard(g)
    }
}

impl Drop for GaugeGuard {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// `GET /metrics`.
pub async fn handler(State(state): State<Arc<AppState>>) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, CONTENT_TYPE)],
        state.metrics.encode(),
    )
        .into_response()
}

/// Counts requests in flight around every request (an axum middleware).
pub async fn track_in_flight(
    State(state): State<Arc<AppState>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let _guard = GaugeGuard::new(state.metrics.requests_in_flight.clone());
    next.run(req).await
}

/// Runs a login and records its outcome: `akl_logins_total` and
/// `akl_login_duration_seconds`. The labels come from the request body but
/// only from closed sets (see the module doc).
pub async fn observe_login<T, E: LoginStatus>(
    state: &AppState,
    body: &[u8],
    login: impl Future<Output = Result<T, E>>,
) -> Result<T, E> {
    let started = Instant::now();
    let out = login.await;
    let elapsed = started.elapsed();
    let result = match &out {
        Ok(_) => "success",
        Err(e) if e.status().is_server_error() => "error",
        Err(_) => "failure",
    };
    let (access_type, config) = login_labels(state, body, out.is_ok());
    state
        .metrics
        .logins
        .get_or_create(&LoginLabels {
            result,
            access_type,
            config,
        })
        .inc();
    state
        .metrics
        .login_duration
        .get_or_create(&ResultLabels { result })
        .observe(elapsed.as_secs_f64());
    out
}

/// The HTTP status of a failed login.
pub trait LoginStatus {
    fn status(&self) -> StatusCode;
}

impl LoginStatus for super::ApiError {
    fn status(&self) -> StatusCode {
        self.status
    }
}

fn login_labels(state: &AppState, body: &[u8], succeeded: bool) -> (&'static str, String) {
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let access_type = match v.get("access-type").and_then(Value::as_str) {
        None | Some("") | Some("access_key") => "access_key",
        Some("k8s") => "k8s",
        Some(_) => "other",
    };
    if access_type != "k8s" {
        return (access_type, String::new());
    }
    let name = v
        .get("k8s-auth-config-name")
        .and_then(Value::as_str)
        .unwrap_or("");
    // A successful login proves the config exists; otherwise look it up so
    // a made-up name does not become a series.
    let known =
        !name.is_empty() && (succeeded || matches!(state.store.k8s_config(name), Ok(Some(_))));
    (access_type, if known { name.into() } else { String::new() })
}

/// A [`TokenReviewer`] that records `akl_tokenreview_duration_seconds` and
/// `akl_tokenreview_errors_total` around another one.
pub struct MeasuredReviewer {
    pub inner: Arc<dyn TokenReviewer>,
    pub metrics: Arc<Metrics>,
}

impl TokenReviewer for MeasuredReviewer {
    fn review<'a>(
        &'a self,
        target: &'a ReviewTarget,
        token: &'a str,
        audiences: &'a [String],
    ) -> ReviewFuture<'a> {
        Box::pin(async move {
            let started = Instant::now();
            let out = self.inner.review(target, token, audiences).await;
            let result = match &out {
                Ok(s) if s.authenticated => "authenticated",
                Ok(_) => "unauthenticated",
                Err(e) => {
                    self.metrics
                        .tokenreview_errors
                        .get_or_create(&KindLabels {
                            kind: error_kind(e),
                        })
                        .inc();
                    "error"
                }
            };
            self.metrics
                .tokenreview_duration
                .get_or_create(&ResultLabels { result })
                .observe(started.elapsed().as_secs_f64());
            out
        })
    }

    fn fetch_jwks<'a>(&'a self, target: &'a ReviewTarget) -> JwksFuture<'a> {
        self.inner.fetch_jwks(target)
    }
}

/// The `kind` label of a failed TokenReview.
pub fn error_kind(e: &ReviewError) -> &'static str {
    match e {
        ReviewError::ReviewerUnauthorized => "unauthorized",
        ReviewError::ReviewerForbidden(_) => "forbidden",
        ReviewError::Unreachable { .. } => "unreachable",
        ReviewError::Timeout(..) => "timeout",
        ReviewError::Tls { .. } => "tls",
        ReviewError::Other(_) => "other",
    }
}
