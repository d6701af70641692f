//! TLS certificate rotation without a restart: the rustls config asks a
//! [`CertReloader`] for the certificate on every handshake, and a task
//! re-reads the files on SIGHUP and when they change (Kubernetes updates a
//! mounted Secret by swapping a symlink, so the polled metadata follows
//! links). Open connections keep the session they negotiated; only new
//! handshakes see the new certificate. A pair that fails to load (a key
//! written before its certificate, say) is logged and the old one stays.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, anyhow};
use rustls::ServerConfig;
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::metrics::{Metrics, ResultLabels};
use super::tls::Identity;

/// How often the certificate and key files are checked for changes.
pub const POLL_INTERVAL: Duration = Duration::from_secs(3);

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileStamp {
    modified: Option<SystemTime>,
    len: u64,
    ino: u64,
}

fn stamp(path: &Path) -> Option<FileStamp> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some(FileStamp {
        modified: m.modified().ok(),
        len: m.len(),
        ino: m.ino(),
    })
}

/// What `/health/ready` reports about TLS.
#[derive(Debug, Clone)]
pub struct TlsStatus {
    pub fingerprint: String,
    /// Unix seconds the certificate expires at.
    pub not_after: i64,
    /// Unix seconds of the last successful load.
    pub loaded_at: i64,
    /// Why the last reload failed, if it did (the old pair is still served).
    pub last_error: Option<String>,
}

/// Serves the current certificate and reloads it from its files.
pub struct CertReloader {
    cert: PathBuf,
    key: PathBuf,
    provider: Arc<rustls::crypto::CryptoProvider>,
    current: RwLock<Arc<CertifiedKey>>,
    /// Stamps of (cert, key) last tried, so a broken pair is reported once.
    seen: Mutex<(Option<FileStamp>, Option<FileStamp>)>,
    status: RwLock<TlsStatus>,
}

impl std::fmt::Debug for CertReloader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CertReloader({})", self.cert.display())
    }
}

impl ResolvesServerCert for CertReloader {
    fn resolve(&self, _hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(
            self.current
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .clone(),
        )
    }
}

/// Reads and checks a certificate chain and its key.
fn load_pair(
    cert: &Path,
    key: &Path,
    provider: &rustls::crypto::CryptoProvider,
) -> Result<(CertifiedKey, TlsStatus)> {
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .with_context(|| format!("cannot read {}", cert.display()))?
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow!("{} is not a PEM certificate chain: {e}", cert.display()))?;
    let leaf = chain
        .first()
        .ok_or_else(|| anyhow!("{} holds no PEM certificate", cert.display()))?
        .clone();
    let key_der = PrivateKeyDer::from_pem_file(key)
        .map_err(|e| anyhow!("cannot read the TLS key {}: {e}", key.display()))?;
    let ck = CertifiedKey::from_der(chain, key_der, provider)
        .map_err(|e| anyhow!("the TLS certificate and key do not match: {e}"))?;
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &leaf);
    let fingerprint = digest
        .as_ref()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":");
    let not_after = x509_parser::parse_x509_certificate(&leaf)
        .map(|(_, c)| c.validity().not_after.timestamp())
        .unwrap_or(0);
    Ok((
        ck,
        TlsStatus {
            fingerprint,
            not_after,
            loaded_at: super::now(),
            last_error: None,
        },
    ))
}

impl CertReloader {
    /// Loads the identity's files; fails if they do not form a valid pair.
    pub fn load(id: &Identity) -> Result<Arc<Self>> {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let seen = (stamp(&id.cert), stamp(&id.key));
        let (ck, status) = load_pair(&id.cert, &id.key, &provider)?;
        Ok(Arc::new(CertReloader {
            cert: id.cert.clone(),
            key: id.key.clone(),
            provider,
            current: RwLock::new(Arc::new(ck)),
            seen: Mutex::new(seen),
            status: RwLock::new(status),
        }))
    }

    pub fn status(&self) -> TlsStatus {
        self.status
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Re-reads the files now. On failure the served pair is kept.
    pub fn reload(&self) -> Result<TlsStatus> {
        *self.seen.lock().unwrap_or_else(|p| p.into_inner()) =
            (stamp(&self.cert), stamp(&self.key));
        match load_pair(&self.cert, &self.key, &self.provider) {
            Ok((ck, status)) => {
                *self.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(ck);
                *self.status.write().unwrap_or_else(|p| p.into_inner()) = status.clone();
                Ok(status)
            }
            Err(e) => {
                self.status
                    .write()
                    .unwrap_or_else(|p| p.into_inner())
                    .last_error = Some(e.to_string());
                Err(e)
            }
        }
    }

    /// Whether either file changed since the last load or attempt.
    pub fn changed(&self) -> bool {
        let now = (stamp(&self.cert), stamp(&self.key));
        *self.seen.lock().unwrap_or_else(|p| p.into_inner()) != now
    }

    /// A rustls server config (TLS 1.2+, HTTP/2 and HTTP/1.1 via ALPN)
    /// that takes its certificate from this reloader.
    pub fn server_config(self: &Arc<Self>) -> Result<Arc<ServerConfig>> {
        let mut cfg = ServerConfig::builder_with_provider(self.provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| anyhow!("TLS setup failed: {e}"))?
            .with_no_client_auth()
            .with_cert_resolver(self.clone());
        cfg.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Arc::new(cfg))
    }
}

/// Reloads on SIGHUP and on file changes until the runtime stops. Installing
/// the SIGHUP handler also stops SIGHUP from terminating the process.
pub fn spawn(reloader: Arc<CertReloader>, metrics: Arc<Metrics>) -> Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut hup = signal(SignalKind::hangup()).context("cannot handle SIGHUP")?;
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(POLL_INTERVAL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let why = tokio::select! {
                _ = hup.recv() => "SIGHUP",
                _ = tick.tick() => {
                    if !reloader.changed() { continue; }
                    "files changed"
                }
            };
            let result = match reloader.reload() {
                Ok(s) => {
                    tracing::info!(reason = why, fingerprint = %s.fingerprint, "TLS certificate reloaded");
                    "success"
                }
                Err(e) => {
                    tracing::warn!(reason = why, error = %e, "TLS certificate reload failed; still serving the previous one");
                    "error"
                }
            };
            metrics
                .tls_reloads
                .get_or_create(&ResultLabels { result })
                .inc();
        }
    });
    Ok(())
}
