//! Connection handling for `gateway serve`: TLS accept, per-connection
//! timeouts, a cap on concurrent connections and graceful draining.
//!
//! Why this is hand-written rather than `axum::serve` or hyper-util's
//! `GracefulShutdown`: neither bounds the number of connections, reclaims
//! idle ones when the cap is reached, nor gives a connection that was
//! accepted just before SIGTERM the chance to send its first request.
//!
//! What bounds what:
//! - TLS handshake: `handshake_timeout`.
//! - HTTP/1 request head (also the wait for the next request on a
//!   keep-alive connection): hyper's `header_read_timeout`, which only
//!   works with a timer, hence [`TokioTimer`].
//! - Request body and handling: `request_timeout` around the whole service
//!   call (the handler reads the body), answered with 408.
//! - Idle connections (HTTP/1 keep-alive, HTTP/2 with no open stream):
//!   `idle_timeout`; HTTP/2 peers are also pinged so dead ones go away.
//! - Connections: at most `max_connections`. Past the cap a new connection
//!   waits briefly while connections idle for a while are asked to close;
//!   if no slot frees up it is closed. Requests in flight are never cut.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use axum::Router;
use axum::extract::Extension;
use axum::response::IntoResponse;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, mpsc, watch};
use tokio_rustls::TlsAcceptor;

use super::{ApiError, ConnInfo};

/// Timeouts and the connection cap (see the module docs for what each bounds).
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_connections: usize,
    pub handshake_timeout: Duration,
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
    pub request_timeout: Duration,
    /// How long SIGTERM waits for in-flight requests.
    pub shutdown_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 512,
            handshake_timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            request_timeout: Duration::from_secs(30),
            shutdown_timeout: Duration::from_secs(10),
        }
    }
}

/// Concurrent HTTP/2 streams per connection.
const MAX_STREAMS: u32 = 64;
/// HTTP/2 keep-alive ping interval and the wait for its answer.
const H2_PING_INTERVAL: Duration = Duration::from_secs(20);
const H2_PING_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a connection past the cap waits for a free slot.
const ADMISSION_WAIT: Duration = Duration::from_secs(2);
/// Under pressure, connections idle at least this long are asked to close
/// (so that new connections do not push each other out).
const RECLAIM_AFTER: Duration = Duration::from_secs(1);
/// After SIGTERM, a connection that has not sent its first request yet
/// gets this long to send it before it is closed.
const FIRST_REQUEST_GRACE: Duration = Duration::from_secs(1);

/// What a connection is doing, shared with its request wrapper.
struct Activity {
    start: Instant,
    in_flight: AtomicUsize,
    requests: AtomicU64,
    /// Milliseconds after `start` when the last request finished.
    idle_since_ms: AtomicU64,
}

impl Activity {
    fn new() -> Arc<Activity> {
        Arc::new(Activity {
            start: Instant::now(),
            in_flight: AtomicUsize::new(0),
            requests: AtomicU64::new(0),
            idle_since_ms: AtomicU64::new(0),
        })
    }

    fn enter(self: &Arc<Self>) -> RequestGuard {
        self.requests.fetch_add(1, Ordering::SeqCst);
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        RequestGuard(self.clone())
    }

    /// How long no request has been in flight; `None` while one is.
    fn idle_for(&self) -> Option<Duration> {
        if self.in_flight.load(Ordering::SeqCst) > 0 {
            return None;
        }
        let since = Duration::from_millis(self.idle_since_ms.load(Ordering::SeqCst));
        Some(self.start.elapsed().saturating_sub(since))
    }
}

struct RequestGuard(Arc<Activity>);

impl Drop for RequestGuard {
    fn drop(&mut self) {
        let ms = self.0.start.elapsed().as_millis() as u64;
        self.0.idle_since_ms.store(ms, Ordering::SeqCst);
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// State shared by the accept loop and every connection task.
struct Shared {
    limits: Limits,
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
    /// Bumped when a new connection waits for a slot.
    pressure: watch::Sender<u64>,
    shutdown: watch::Sender<bool>,
    last_refusal_log: AtomicU64,
    epoch: Instant,
}

/// Accepts TLS connections on `listener` until `shutdown` resolves, then
/// lets in-flight requests finish (up to `limits.shutdown_timeout`).
pub async fn serve(
    listener: TcpListener,
    tls: Arc<rustls::ServerConfig>,
    app: Router,
    limits: Limits,
    metrics: Arc<super::metrics::Metrics>,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<()> {
    let acceptor = TlsAcceptor::from(tls);
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(H2_PING_INTERVAL)
        .keep_alive_timeout(H2_PING_TIMEOUT)
        .max_concurrent_streams(MAX_STREAMS);
    let shared = Arc::new(Shared {
        permits: Arc::new(Semaphore::new(limits.max_connections.max(1))),
        limits,
        waiting: AtomicUsize::new(0),
        pressure: watch::Sender::new(0),
        shutdown: watch::Sender::new(false),
        last_refusal_log: AtomicU64::new(0),
        epoch: Instant::now(),
    });
    // Every connection task holds a sender; `recv` ends when all are gone.
    let (done_tx, mut done_rx) = mpsc::channel::<()>(1);
    let spawn = |tcp: TcpStream, remote| {
        let _ = tcp.set_nodelay(true);
        let local = tcp.local_addr().unwrap_or(remote);
        let info = ConnInfo { remote, local };
        let task = connection(
            tcp,
            info,
            acceptor.clone(),
            app.clone().layer(Extension(info)),
            builder.clone(),
            shared.clone(),
            done_tx.clone(),
        );
        // Counted in `akl_connections_open` until the connection ends.
        let open = metrics.connection();
        tokio::spawn(async move {
            let _open = open;
            task.await
        });
    };
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((tcp, remote)) => spawn(tcp, remote),
                Err(e) => {
                    // EMFILE and friends: back off instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            _ = &mut shutdown => break,
        }
    }
    // Connections the kernel already accepted are served too, rather than
    // reset when the listener closes.
    for _ in 0..4096 {
        match tokio::time::timeout(Duration::ZERO, listener.accept()).await {
            Ok(Ok((tcp, remote))) => spawn(tcp, remote),
            _ => break,
        }
    }
    drop(listener);
    tracing::info!("shutting down: finishing in-flight requests");
    shared.shutdown.send_replace(true);
    drop(done_tx);
    let wait = shared.limits.shutdown_timeout;
    if tokio::time::timeout(wait, done_rx.recv()).await.is_err() {
        tracing::warn!(
            "some connections did not finish within {} s",
            wait.as_secs()
        );
    }
    Ok(())
}

/// Waits for a connection slot: at once, or after asking idle connections
/// to make room. `None` means the connection is to be refused.
async fn admit(shared: &Shared) -> Option<tokio::sync::OwnedSemaphorePermit> {
    if let Ok(p) = shared.permits.clone().try_acquire_owned() {
        return Some(p);
    }
    // Waiting connections hold a descriptor too: bound them.
    let waiting = shared.waiting.fetch_add(1, Ordering::SeqCst);
    let permit = if waiting < shared.limits.max_connections / 8 + 8 {
        shared.pressure.send_modify(|g| *g = g.wrapping_add(1));
        tokio::time::timeout(ADMISSION_WAIT, shared.permits.clone().acquire_owned())
            .await
            .ok()
            .and_then(Result::ok)
    } else {
        None
    };
    shared.waiting.fetch_sub(1, Ordering::SeqCst);
    if permit.is_none() {
        // One line per 10 s at most: a flood must not flood the log.
        let now = shared.epoch.elapsed().as_secs() + 1;
        let last = shared.last_refusal_log.load(Ordering::Relaxed);
        if (last == 0 || now >= last + 10)
            && shared
                .last_refusal_log
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            tracing::warn!(
                max_connections = shared.limits.max_connections,
                "connection limit reached; refusing new connections (see --max-connections)"
            );
        }
    }
    permit
}

/// Resolves once the gateway is short of connection slots and this
/// connection has been idle for [`RECLAIM_AFTER`].
async fn reclaimed(pressure: &mut watch::Receiver<u64>, activity: &Activity) {
    loop {
        if pressure.changed().await.is_err() {
            return std::future::pending().await;
        }
        if activity.idle_for().is_some_and(|d| d >= RECLAIM_AFTER) {
            return;
        }
    }
}

async fn connection(
    tcp: TcpStream,
    info: ConnInfo,
    acceptor: TlsAcceptor,
    svc: Router,
    builder: auto::Builder<TokioExecutor>,
    shared: Arc<Shared>,
    _done: mpsc::Sender<()>,
) {
    let remote = info.remote.ip();
    let Some(_permit) = admit(&shared).await else {
        return;
    };
    let activity = Activity::new();
    let mut pressure = shared.pressure.subscribe();
    let mut shutdown = shared.shutdown.subscribe();
    let limits = &shared.limits;
    let tls = tokio::select! {
        r = tokio::time::timeout(limits.handshake_timeout, acceptor.accept(tcp)) => match r {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => {
                tracing::debug!(client = %remote, error = %e, "TLS handshake failed");
                return;
            }
            Err(_) => {
                tracing::debug!(client = %remote, "TLS handshake timed out");
                return;
            }
        },
        _ = reclaimed(&mut pressure, &activity) => {
            tracing::debug!(client = %remote, "closed a stalled TLS handshake to make room");
            return;
        }
    };

    let hyper_svc = hyper_util::service::TowerToHyperService::new(svc);
    let request_timeout = limits.request_timeout;
    let act = activity.clone();
    let svc = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
        use hyper::service::Service;
        let guard = act.enter();
        let started = Instant::now();
        let path = req.uri().path().to_owned();
        let fut = hyper_svc.call(req);
        async move {
            let _guard = guard;
            match tokio::time::timeout(request_timeout, fut).await {
                Ok(r) => r,
                Err(_) => {
                    let e = ApiError::new(
                        axum::http::StatusCode::REQUEST_TIMEOUT,
                        format!(
                            "request timeout: the request was not received and answered within {} s",
                            request_timeout.as_secs()
                        ),
                    );
                    super::housekeeping::log_request(&path, e.status, Some(&info), started);
                    Ok(e.into_response())
                }
            }
        }
    });
    let conn = builder.serve_connection(TokioIo::new(tls), svc);
    tokio::pin!(conn);
    let mut closing = false;
    let mut drain_deadline: Option<Instant> = None;
    loop {
        let idle_wait = match activity.idle_for() {
            Some(d) => limits.idle_timeout.saturating_sub(d),
            None => limits.idle_timeout,
        };
        let drain_wait = drain_deadline
            .map(|d| {
                d.saturating_duration_since(Instant::now())
                    .min(Duration::from_millis(20))
            })
            .unwrap_or(Duration::MAX);
        tokio::select! {
            r = conn.as_mut() => {
                if let Err(e) = r {
                    tracing::debug!(client = %remote, error = %e, "connection ended with an error");
                }
                break;
            }
            _ = tokio::time::sleep(idle_wait), if !closing => {
                if activity.idle_for().is_some_and(|d| d >= limits.idle_timeout) {
                    tracing::debug!(client = %remote, "closing an idle connection");
                    conn.as_mut().graceful_shutdown();
                    closing = true;
                }
            }
            _ = reclaimed(&mut pressure, &activity), if !closing => {
                tracing::debug!(client = %remote, "closing an idle connection to make room");
                conn.as_mut().graceful_shutdown();
                closing = true;
            }
            _ = shutdown.wait_for(|s| *s), if !closing && drain_deadline.is_none() => {
                drain_deadline = Some(activity.start + FIRST_REQUEST_GRACE);
            }
            _ = tokio::time::sleep(drain_wait), if !closing && drain_deadline.is_some() => {
                let used = activity.requests.load(Ordering::SeqCst) > 0;
                if used || drain_deadline.is_some_and(|d| Instant::now() >= d) {
                    conn.as_mut().graceful_shutdown();
                    closing = true;
                }
            }
        }
    }
}
