//! Health endpoints for probes: `/health/live` says the process answers,
//! `/health/ready` says it can serve logins (the store answers and a TLS
//! certificate is loaded). Readiness also reports whether each K8s auth
//! config's API server is reachable, but an unreachable cluster does not make
//! the gateway unready: other configs and access-key logins still work, and
//! pulling every replica out of the Service would turn one cluster's outage
//! into everyone's. `/health` stays the constant it always was.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::AppState;

/// K8s reachability results are reused this long: probes run every few
/// seconds per replica and must not turn into load on the API servers.
pub const K8S_CACHE_TTL: Duration = Duration::from_secs(30);
/// Bound on the whole K8s reachability check.
pub const K8S_CHECK_TIMEOUT: Duration = Duration::from_secs(3);

/// Cached per-config reachability.
#[derive(Default)]
pub struct K8sReachability {
    cached: Mutex<Option<(Instant, Vec<Value>)>>,
}

/// `GET /health/live`.
pub async fn live() -> Response {
    axum::Json(json!({ "status": "ok" })).into_response()
}

/// `GET /health/ready`: 200 when ready, 503 with `error` when not.
pub async fn ready(State(state): State<Arc<AppState>>) -> Response {
    let mut problems = Vec::new();

    let started = Instant::now();
    let store = match state.store.meta("cluster_id") {
        Ok(_) => json!({
            "status": "ok",
            "latency_seconds": started.elapsed().as_secs_f64(),
        }),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: the store does not answer");
            problems.push("the store does not answer".to_owned());
            json!({ "status": "error", "error": "the store does not answer; see the gateway log" })
        }
    };

    let tls = match &state.tls {
        Some(r) => {
            let s = r.status();
            let mut v = json!({
                "status": "ok",
                "fingerprint": s.fingerprint,
                "not_after": super::rfc3339(s.not_after),
                "loaded_at": super::rfc3339(s.loaded_at),
            });
            if let Some(e) = s.last_error {
                v["last_reload_error"] = json!(e);
            }
            if s.not_after <= super::now() {
                v["status"] = json!("expired");
                problems.push("the TLS certificate has expired".to_owned());
            }
            v
        }
        None => {
            problems.push("no TLS certificate is loaded".to_owned());
            json!({ "status": "error", "error": "no TLS certificate is loaded" })
        }
    };

    let k8s = k8s_reachability(&state).await;

    let mut body = json!({
        "status": if problems.is_empty() { "ready" } else { "not ready" },
        "checks": { "store": store, "tls": tls, "k8s": k8s },
    });
    if problems.is_empty() {
        (StatusCode::OK, axum::Json(body)).into_response()
    } else {
        body["error"] = json!(problems.join("; "));
        (StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response()
    }
}

/// `[{"config": name, "status": "reachable" | "unreachable", "error"?}]`,
/// from the cache when fresh.
async fn k8s_reachability(state: &Arc<AppState>) -> Value {
    if let Some((at, v)) = state
        .k8s_reachability
        .cached
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        && at.elapsed() < K8S_CACHE_TTL
    {
        return Value::Array(v.clone());
    }
    let configs = match state.store.k8s_configs() {
        Ok(c) => c,
        Err(_) => return json!([]),
    };
    let names: Vec<String> = configs.iter().map(|c| c.name.clone()).collect();
    let mut set = tokio::task::JoinSet::new();
    for cfg in configs {
        let state = state.clone();
        set.spawn(async move {
            let (warnings, _) = super::configs::probe(&state, &cfg, false).await;
            match warnings.first() {
                None => json!({ "config": cfg.name, "status": "reachable" }),
                Some(w) => json!({ "config": cfg.name, "status": "unreachable", "error": w }),
            }
        });
    }
    let mut out = Vec::new();
    let deadline = tokio::time::sleep(K8S_CHECK_TIMEOUT);
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            next = set.join_next() => match next {
                Some(Ok(v)) => out.push(v),
                Some(Err(_)) => {}
                None => break,
            },
            _ = &mut deadline => {
                set.abort_all();
                break;
            }
        }
    }
    for name in names {
        if !out.iter().any(|v| v["config"] == name.as_str()) {
            out.push(json!({
                "config": name,
                "status": "unknown",
                "error": format!("no answer within {}s", K8S_CHECK_TIMEOUT.as_secs()),
            }));
        }
    }
    out.sort_by(|a, b| a["config"].as_str().cmp(&b["config"].as_str()));
    *state
        .k8s_reachability
        .cached
        .lock()
        .unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), out.clone()));
    Value::Array(out)
}
