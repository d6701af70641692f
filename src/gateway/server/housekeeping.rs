//! What every answer and the gateway's upkeep share: the access-log line,
//! JSON answers for unknown paths and wrong methods (so 404 and 405 look
//! and are logged like every other error), and the purge of expired
//! session tokens.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::Extension;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::store::Store;
use super::{ApiError, ConnInfo, now};

/// The access-log line every answer gets.
pub fn log_request(command: &str, status: StatusCode, conn: Option<&ConnInfo>, started: Instant) {
    tracing::info!(
        command = %command,
        status = status.as_u16(),
        client = %conn.map(|c| c.remote.ip().to_string()).unwrap_or_default(),
        micros = started.elapsed().as_micros() as u64,
        "request"
    );
}

/// Paths no route matches: 404 with a JSON error, like every other answer.
pub async fn unknown_path(
    method: axum::http::Method,
    uri: axum::http::Uri,
    conn: Option<Extension<ConnInfo>>,
) -> Response {
    let started = Instant::now();
    let e = ApiError::not_found(format!("no such path: {method} {}", uri.path()));
    log_request(uri.path(), e.status, conn.as_deref(), started);
    e.into_response()
}

/// A known path with the wrong method: 405 with a JSON error.
pub async fn wrong_method(
    method: axum::http::Method,
    uri: axum::http::Uri,
    conn: Option<Extension<ConnInfo>>,
) -> Response {
    let started = Instant::now();
    let allowed = if uri.path() == "/health" || uri.path() == "/config/k8s-auths" {
        "GET"
    } else {
        "POST"
    };
    let e = ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "method {method} is not allowed on {}; use {allowed}",
            uri.path()
        ),
    );
    log_request(uri.path(), e.status, conn.as_deref(), started);
    let mut resp = e.into_response();
    resp.headers_mut().insert(
        axum::http::header::ALLOW,
        axum::http::HeaderValue::from_static(allowed),
    );
    resp
}

/// How often expired session tokens are deleted. Tokens are refused once
/// expired anyway; the purge keeps a login loop from growing the database
/// beyond the tokens that are still valid.
pub const TOKEN_PURGE_INTERVAL: Duration = Duration::from_secs(60);

/// Deletes expired `t-` tokens now and then every `every`, on a blocking
/// thread (a large purge is a long DELETE).
pub fn spawn_token_purge(store: Arc<dyn Store>, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let s = store.clone();
            match tokio::task::spawn_blocking(move || s.purge_tokens(now())).await {
                Ok(Ok(n)) if n > 0 => tracing::info!(removed = n, "purged expired session tokens"),
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::warn!(error = %e, "token purge failed"),
                Err(e) => tracing::warn!(error = %e, "token purge failed"),
            }
        }
    })
}
