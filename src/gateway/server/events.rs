//! Certificate expiration events.
//!
//! A scheduler checks the stored certificates every
//! `--expiration-check-interval` seconds. For each `expiration-event-in`
//! threshold D a certificate has crossed (`not_after - now <= D days`) it
//! emits the event once: the (item, threshold) pair is recorded in SQLite,
//! so neither a later scan nor a restart emits it again. The same
//! transaction queues the webhook delivery (with `--event-webhook`) in a
//! persistent outbox; a delivery worker POSTs it, retrying with exponential
//! backoff (1 s, 2 s, 4 s, … at most 5 min) until the receiver answers 2xx,
//! and a restart retries pending deliveries at once. Delivery is at least
//! once: each request carries an `X-Akl-Event-Id` header that stays the
//! same across retries, for receivers that deduplicate.
//!
//! Events carry names and dates only, never key material; the webhook URL
//! is logged by host only (it may carry a secret in its path or query).

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use serde_json::json;
use tokio::sync::Notify;

use super::store::{Delivery, ItemKind, Store, StoreResult};
use super::{rfc3339, sha256_hex};

pub const EVENT: &str = "certificate-expiration";
pub const DAY: i64 = 86_400;
/// Longest wait between two delivery attempts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(300);
/// How long one webhook request may take.
pub const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(10);
/// Header with the event's stable id.
pub const EVENT_ID_HEADER: &str = "X-Akl-Event-Id";

/// The thresholds (days) crossed at `now` by a certificate expiring at
/// `not_after`: every D with `not_after - now <= D` days.
pub fn crossed(not_after: i64, now: i64, thresholds: &[u32]) -> Vec<u32> {
    thresholds
        .iter()
        .copied()
        .filter(|d| not_after.saturating_sub(now) <= i64::from(*d) * DAY)
        .collect()
}

/// Whole days left before `not_after` (negative once expired).
pub fn days_left(not_after: i64, now: i64) -> i64 {
    (not_after - now).div_euclid(DAY)
}

/// The wait before the next attempt after `failures` failed ones:
/// 1 s, 2 s, 4 s, … capped at [`MAX_BACKOFF`].
pub fn backoff(failures: u32) -> Duration {
    let exp = failures.saturating_sub(1).min(20);
    Duration::from_secs(1u64 << exp).min(MAX_BACKOFF)
}

/// An event emitted by a scan.
#[derive(Debug, Clone, PartialEq)]
pub struct Emitted {
    pub name: String,
    pub threshold_days: u32,
    pub days_left: i64,
    pub not_after: i64,
}

/// The webhook body.
pub fn payload(e: &Emitted, cluster_id: &str) -> String {
    json!({
        "event": EVENT,
        "item_name": e.name,
        "threshold_days": e.threshold_days,
        "days_left": e.days_left,
        "not_after": rfc3339(e.not_after),
        "gateway_cluster_id": cluster_id,
    })
    .to_string()
}

/// One pass over the stored certificates at `now`: emits (records, logs
/// and, with `queue_webhook`, queues) every crossed threshold not emitted
/// before. Returns what it emitted.
pub fn scan(
    store: &dyn Store,
    cluster_id: &str,
    now: i64,
    queue_webhook: bool,
) -> StoreResult<Vec<Emitted>> {
    let done: HashSet<(i64, u32)> = store.emitted_expiration_events()?.into_iter().collect();
    let mut out = Vec::new();
    for item in store.items()? {
        let ItemKind::Certificate {
            not_after,
            expiration_event_in,
            ..
        } = &item.kind
        else {
            continue;
        };
        for threshold in crossed(*not_after, now, expiration_event_in) {
            if done.contains(&(item.id, threshold)) {
                continue;
            }
            let e = Emitted {
                name: item.name.clone(),
                threshold_days: threshold,
                days_left: days_left(*not_after, now),
                not_after: *not_after,
            };
            let event_id = sha256_hex(format!("{cluster_id}\n{}\n{threshold}", item.id).as_bytes())
                [..32]
                .to_owned();
            let body = payload(&e, cluster_id);
            let delivery = queue_webhook.then_some((event_id.as_str(), body.as_str()));
            if store.record_expiration_event(item.id, threshold, now, delivery)? {
                tracing::warn!(
                    name = %e.name,
                    days_left = e.days_left,
                    threshold = e.threshold_days,
                    not_after = %rfc3339(e.not_after),
                    event_id = %event_id,
                    "certificate expiration event"
                );
                out.push(e);
            }
        }
    }
    Ok(out)
}

/// Where events are POSTed.
#[derive(Clone)]
pub struct Webhook {
    pub url: reqwest::Url,
    pub client: reqwest::Client,
}

impl Webhook {
    /// Checks `--event-webhook` and reads `--event-webhook-ca`.
    pub fn new(url: &str, ca_file: Option<&Path>) -> Result<Webhook> {
        let parsed = reqwest::Url::parse(url.trim()).map_err(|e| {
            anyhow!(
                "--event-webhook '{url}' is not a URL ({e}); e.g. https://hooks.example.com/akl"
            )
        })?;
        match parsed.scheme() {
            "https" => {}
            "http" => tracing::warn!(
                host = parsed.host_str().unwrap_or_default(),
                "--event-webhook uses plain http; events travel unencrypted"
            ),
            _ => bail!("--event-webhook '{url}' must be an https:// URL"),
        }
        if parsed.host_str().is_none() {
            bail!("--event-webhook '{url}' has no host");
        }
        let mut builder = reqwest::Client::builder()
            .connect_timeout(WEBHOOK_TIMEOUT)
            .timeout(WEBHOOK_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("akl-gateway/", env!("CARGO_PKG_VERSION")));
        if let Some(file) = ca_file {
            let pem = std::fs::read(file)
                .with_context(|| format!("cannot read --event-webhook-ca {}", file.display()))?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .ok()
                .filter(|c| !c.is_empty())
                .ok_or_else(|| {
                    anyhow!(
                        "--event-webhook-ca {} holds no PEM certificate",
                        file.display()
                    )
                })?;
            builder = builder.tls_certs_merge(certs);
        }
        let client = builder
            .build()
            .context("cannot set up the webhook HTTPS client")?;
        Ok(Webhook {
            url: parsed,
            client,
        })
    }

    fn host(&self) -> String {
        self.url.host_str().unwrap_or_default().to_owned()
    }

    /// One attempt; `Err` says why it failed.
    pub async fn deliver(&self, d: &Delivery) -> std::result::Result<u16, String> {
        let resp = self
            .client
            .post(self.url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(EVENT_ID_HEADER, &d.event_id)
            .body(d.payload.clone())
            .send()
            .await
            .map_err(|e| error_chain(&e.without_url()))?;
        let status = resp.status();
        if status.is_success() {
            Ok(status.as_u16())
        } else {
            Err(format!("the receiver answered HTTP {}", status.as_u16()))
        }
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    crate::gateway::client::error_chain(e)
        .chars()
        .take(300)
        .collect()
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Scans every `interval` (the first scan runs at once) and wakes the
/// delivery worker when something was queued.
pub async fn run_scanner(
    store: Arc<dyn Store>,
    cluster_id: String,
    interval: Duration,
    queue_webhook: bool,
    wake: Arc<Notify>,
) {
    let mut tick = tokio::time::interval(interval);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match scan(store.as_ref(), &cluster_id, super::now(), queue_webhook) {
            Ok(emitted) if !emitted.is_empty() && queue_webhook => wake.notify_one(),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "certificate expiration check failed"),
        }
    }
}

/// Drains the outbox: POSTs due deliveries, removes them on 2xx, and
/// reschedules failures with [`backoff`].
pub async fn run_deliveries(store: Arc<dyn Store>, webhook: Webhook, wake: Arc<Notify>) {
    const BATCH: usize = 16;
    const IDLE: i64 = 60_000;
    match store.expedite_deliveries(now_ms()) {
        Ok(n) if n > 0 => tracing::info!(pending = n, "retrying pending event deliveries now"),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "cannot read the event outbox"),
    }
    loop {
        let due = match store.due_deliveries(now_ms(), BATCH) {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the event outbox");
                Vec::new()
            }
        };
        for d in &due {
            let attempt = d.attempts + 1;
            match webhook.deliver(d).await {
                Ok(status) => {
                    if let Err(e) = store.delivery_succeeded(d.id) {
                        tracing::warn!(error = %e, "cannot update the event outbox");
                    }
                    tracing::info!(
                        event_id = %d.event_id,
                        host = %webhook.host(),
                        status,
                        attempt,
                        "event webhook delivered"
                    );
                }
                Err(reason) => {
                    let wait = backoff(attempt);
                    let next = now_ms() + wait.as_millis() as i64;
                    if let Err(e) = store.delivery_failed(d.id, attempt, next, &reason) {
                        tracing::warn!(error = %e, "cannot update the event outbox");
                    }
                    tracing::warn!(
                        event_id = %d.event_id,
                        host = %webhook.host(),
                        attempt,
                        retry_in_ms = wait.as_millis() as u64,
                        error = %reason,
                        "event webhook delivery failed; will retry"
                    );
                }
            }
        }
        if due.len() == BATCH {
            continue;
        }
        let wait_ms = match store.next_delivery_due() {
            Ok(Some(t)) => (t - now_ms()).clamp(0, IDLE),
            Ok(None) => IDLE,
            Err(_) => 1_000,
        };
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(wait_ms as u64)) => {}
            _ = wake.notified() => {}
        }
    }
}

/// What `gateway serve` configured for events.
pub struct EventsConfig {
    pub interval: Duration,
    pub webhook: Option<Webhook>,
}

impl EventsConfig {
    /// From `--expiration-check-interval`, `--event-webhook` and
    /// `--event-webhook-ca`; fails when the webhook is unusable.
    pub fn new(
        interval_secs: u64,
        webhook: Option<&str>,
        webhook_ca: Option<&Path>,
    ) -> Result<EventsConfig> {
        if interval_secs == 0 {
            bail!("--expiration-check-interval must be at least 1 second");
        }
        Ok(EventsConfig {
            interval: Duration::from_secs(interval_secs),
            webhook: webhook.map(|u| Webhook::new(u, webhook_ca)).transpose()?,
        })
    }
}

/// Starts the scheduler and, with a webhook, the delivery worker, on the
/// current runtime.
pub fn spawn(store: Arc<dyn Store>, cluster_id: String, cfg: EventsConfig) {
    let wake = Arc::new(Notify::new());
    let queue_webhook = cfg.webhook.is_some();
    if let Some(w) = cfg.webhook {
        tracing::info!(host = %w.host(), "expiration events are posted to the webhook");
        tokio::spawn(run_deliveries(store.clone(), w, wake.clone()));
    }
    tokio::spawn(run_scanner(
        store,
        cluster_id,
        cfg.interval,
        queue_webhook,
        wake,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gateway::server::store::{ItemRecord, ItemSecret, SqliteStore};

    #[test]
    fn thresholds_cross_at_exactly_d_days() {
        let now = 1_800_000_000;
        let na = now + 10 * DAY;
        assert_eq!(crossed(na, now, &[7, 10, 30]), vec![10, 30]);
        assert_eq!(crossed(na, now, &[9]), Vec::<u32>::new());
        assert_eq!(crossed(na + 1, now, &[10]), Vec::<u32>::new());
        assert_eq!(crossed(now - 5, now, &[0]), vec![0]);
        assert_eq!(days_left(na, now), 10);
        assert_eq!(days_left(na - 1, now), 9);
        assert_eq!(days_left(now - 1, now), -1);
    }

    #[test]
    fn backoff_doubles_up_to_five_minutes() {
        let secs: Vec<u64> = (1..=11).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
        assert_eq!(backoff(0).as_secs(), 1);
        assert_eq!(backoff(u32::MAX), MAX_BACKOFF);
    }

    fn cert(name: &str, not_after: i64, thresholds: Vec<u32>) -> ItemRecord {
        ItemRecord {
            name: name.into(),
            id: 0,
            created: 1,
            kind: ItemKind::Certificate {
                not_before: 0,
                not_after,
                serial: "01".into(),
                sha256_fingerprint: "ab".into(),
                format: "pem".into(),
                has_private_key: true,
                expiration_event_in: thresholds,
            },
            tags: vec![],
            description: String::new(),
            delete_protection: false,
            modified: 0,
        }
    }

    #[test]
    fn each_threshold_fires_exactly_once_across_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let now = 1_800_000_000;
        {
            let s = SqliteStore::open(dir.path()).unwrap();
            s.insert_item(
                &cert("/soon", now + 10 * DAY, vec![7, 30]),
                &ItemSecret::default(),
            )
            .unwrap();
            s.insert_item(
                &cert("/later", now + 400 * DAY, vec![30]),
                &ItemSecret::default(),
            )
            .unwrap();
            let first = scan(&s, "cl-1", now, true).unwrap();
            assert_eq!(first.len(), 1);
            assert_eq!(first[0].name, "/soon");
            assert_eq!(first[0].threshold_days, 30);
            assert_eq!(first[0].days_left, 10);
            assert!(scan(&s, "cl-1", now + 60, true).unwrap().is_empty());
            assert_eq!(s.pending_deliveries().unwrap(), 1);
        }
        let s = SqliteStore::open(dir.path()).unwrap();
        assert!(scan(&s, "cl-1", now + 120, true).unwrap().is_empty());
        // Three days later the 7-day threshold is crossed, once.
        let later = now + 3 * DAY + 1;
        let second = scan(&s, "cl-1", later, true).unwrap();
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].threshold_days, 7);
        assert_eq!(second[0].days_left, 6);
        assert!(scan(&s, "cl-1", later, true).unwrap().is_empty());
        assert_eq!(s.pending_deliveries().unwrap(), 2);
        let due = s.due_deliveries(i64::MAX, 10).unwrap();
        let body: serde_json::Value = serde_json::from_str(&due[0].payload).unwrap();
        assert_eq!(body["event"], EVENT);
        assert_eq!(body["item_name"], "/soon");
        assert_eq!(body["threshold_days"], 30);
        assert_eq!(body["gateway_cluster_id"], "cl-1");
        assert_eq!(body["not_after"], rfc3339(now + 10 * DAY));
        assert_ne!(due[0].event_id, due[1].event_id);

        // A certificate re-created under the same name is a new item.
        s.delete_item("/soon").unwrap();
        s.insert_item(
            &cert("/soon", now + 10 * DAY, vec![30]),
            &ItemSecret::default(),
        )
        .unwrap();
        assert_eq!(scan(&s, "cl-1", later, false).unwrap().len(), 1);
        // Without a webhook nothing is queued.
        assert_eq!(s.pending_deliveries().unwrap(), 2);
    }

    #[test]
    fn outbox_retries_until_delivered() {
        let dir = tempfile::tempdir().unwrap();
        let s = SqliteStore::open(dir.path()).unwrap();
        let id = s
            .insert_item(&cert("/c", 100, vec![30]), &ItemSecret::default())
            .unwrap();
        assert!(
            s.record_expiration_event(id, 30, 10, Some(("e1", "{}")))
                .unwrap()
        );
        assert!(
            !s.record_expiration_event(id, 30, 11, Some(("e1", "{}")))
                .unwrap()
        );
        let d = s.due_deliveries(10_000, 10).unwrap();
        assert_eq!(d.len(), 1);
        s.delivery_failed(d[0].id, 1, 20_000, "HTTP 500").unwrap();
        assert!(s.due_deliveries(19_999, 10).unwrap().is_empty());
        assert_eq!(s.next_delivery_due().unwrap(), Some(20_000));
        assert_eq!(s.expedite_deliveries(15_000).unwrap(), 1);
        let d = s.due_deliveries(15_000, 10).unwrap();
        assert_eq!(d[0].attempts, 1);
        s.delivery_succeeded(d[0].id).unwrap();
        assert_eq!(s.pending_deliveries().unwrap(), 0);
        assert_eq!(s.next_delivery_due().unwrap(), None);
    }
}
