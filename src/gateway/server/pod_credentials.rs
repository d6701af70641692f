//! The gateway pod's own service-account credentials, for
//! `use-gw-service-account` configs.
//!
//! Projected tokens rotate (the kubelet refreshes them hourly), so the token
//! and CA are re-read at most every [`RELOAD_EVERY`], keeping the last good
//! values when a read fails (as kube-rs does). The host is the cluster the
//! gateway runs in (`KUBERNETES_SERVICE_HOST`/`_PORT`): the token is never
//! sent anywhere else (Vault sent its own token to any configured host,
//! vault-plugin-auth-kubernetes#94).

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Where a pod's service-account files are mounted.
pub const DEFAULT_DIR: &str = "/var/run/secrets/kubernetes.io/serviceaccount";
/// Token and CA are re-read at least this often.
pub const RELOAD_EVERY: Duration = Duration::from_secs(60);

#[derive(Clone)]
struct Snapshot {
    read_at: Instant,
    token: String,
    ca_pem: String,
}

pub struct PodCredentials {
    dir: PathBuf,
    /// `https://HOST:PORT` of the cluster the gateway runs in, if any.
    host: Option<String>,
    reload_every: Duration,
    cache: Mutex<Option<Snapshot>>,
}

impl std::fmt::Debug for PodCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PodCredentials({}, {:?})", self.dir.display(), self.host)
    }
}

/// The in-cluster API server URL from the environment kubelet sets.
pub fn in_cluster_host() -> Option<String> {
    let host = std::env::var("KUBERNETES_SERVICE_HOST")
        .ok()
        .filter(|h| !h.is_empty())?;
    let port = std::env::var("KUBERNETES_SERVICE_PORT")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "443".into());
    let host = if host.contains(':') {
        format!("[{host}]")
    } else {
        host
    };
    Some(format!("https://{host}:{port}"))
}

impl PodCredentials {
    pub fn new(dir: PathBuf, host: Option<String>) -> Self {
        PodCredentials {
            dir,
            host,
            reload_every: RELOAD_EVERY,
            cache: Mutex::new(None),
        }
    }

    #[cfg(test)]
    fn with_reload(mut self, every: Duration) -> Self {
        self.reload_every = every;
        self
    }

    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// The cluster the gateway runs in, or why it is not in one.
    pub fn host(&self) -> Result<&str, String> {
        self.host.as_deref().ok_or_else(|| {
            "the gateway is not running in a Kubernetes pod (KUBERNETES_SERVICE_HOST is unset)"
                .to_owned()
        })
    }

    fn read(&self) -> Result<Snapshot, String> {
        let token_path = self.dir.join("token");
        let ca_path = self.dir.join("ca.crt");
        let token = std::fs::read_to_string(&token_path).map_err(|e| {
            format!(
                "cannot read the gateway's service-account token {}: {e}",
                token_path.display()
            )
        })?;
        let ca_pem = std::fs::read_to_string(&ca_path).map_err(|e| {
            format!(
                "cannot read the gateway's service-account CA {}: {e}",
                ca_path.display()
            )
        })?;
        let token = token.trim().to_owned();
        if token.is_empty() {
            return Err(format!("{} is empty", token_path.display()));
        }
        Ok(Snapshot {
            read_at: Instant::now(),
            token,
            ca_pem,
        })
    }

    /// (token, CA PEM): cached for up to a minute; on a failed re-read the
    /// last good pair is kept and the failure logged.
    pub fn current(&self) -> Result<(String, String), String> {
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(s) = cache.as_ref()
            && s.read_at.elapsed() < self.reload_every
        {
            return Ok((s.token.clone(), s.ca_pem.clone()));
        }
        match self.read() {
            Ok(s) => {
                let out = (s.token.clone(), s.ca_pem.clone());
                *cache = Some(s);
                Ok(out)
            }
            Err(e) => match cache.as_mut() {
                Some(old) => {
                    tracing::warn!(error = %e, "keeping the last good service-account credentials");
                    old.read_at = Instant::now();
                    Ok((old.token.clone(), old.ca_pem.clone()))
                }
                None => Err(e),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_is_picked_up_and_failures_keep_the_last_good_value() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("token"), "tok-1\n").unwrap();
        std::fs::write(dir.path().join("ca.crt"), "CA").unwrap();
        let creds = PodCredentials::new(
            dir.path().to_path_buf(),
            Some("https://10.0.0.1:443".into()),
        )
        .with_reload(Duration::from_millis(50));
        assert_eq!(creds.current().unwrap().0, "tok-1");
        std::fs::write(dir.path().join("token"), "tok-2").unwrap();
        assert_eq!(
            creds.current().unwrap().0,
            "tok-1",
            "cached within the interval"
        );
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(
            creds.current().unwrap().0,
            "tok-2",
            "re-read after the interval"
        );
        std::fs::remove_file(dir.path().join("token")).unwrap();
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(creds.current().unwrap().0, "tok-2", "last good value kept");
    }

    #[test]
    fn outside_a_pod_there_is_no_host_and_no_token() {
        let creds = PodCredentials::new("/nonexistent".into(), None);
        assert!(
            creds
                .host()
                .unwrap_err()
                .contains("KUBERNETES_SERVICE_HOST")
        );
        assert!(creds.current().unwrap_err().contains("/nonexistent/token"));
    }
}
