//! Reading kubeconfig files the way kubectl does: `--kubeconfig`, else the
//! files listed in `KUBECONFIG` merged first-wins (missing ones skipped),
//! else `~/.kube/config`; then the `--context` or the current context.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use kube::config::{AuthInfo, Cluster, Kubeconfig};

/// Which kubeconfig and context the user asked for.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub kubeconfig: Option<PathBuf>,
    pub context: Option<String>,
}

/// A kubeconfig after merging, with a description of where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Kubeconfig,
    pub source: String,
}

/// The cluster and user one context points at.
#[derive(Debug, Clone)]
pub struct Target {
    pub context: String,
    pub cluster_name: String,
    pub cluster: Cluster,
    pub user_name: String,
    pub user: AuthInfo,
}

fn read_file(path: &Path) -> Result<Kubeconfig> {
    if !path.exists() {
        bail!(
            "kubeconfig {} does not exist; pass --kubeconfig with an existing file or set KUBECONFIG",
            path.display()
        );
    }
    Kubeconfig::read_from(path).map_err(|e| {
        // kube's error text includes serde's position; keep it on one line.
        let detail = format!("{e}").replace('\n', " ");
        anyhow!(
            "cannot parse kubeconfig {}: {detail}; check it with `kubectl config view`",
            path.display()
        )
    })
}

/// Loads and merges the kubeconfig the selection names.
pub fn load(sel: &Selection) -> Result<Loaded> {
    if let Some(path) = &sel.kubeconfig {
        return Ok(Loaded {
            config: read_file(path)?,
            source: path.display().to_string(),
        });
    }
    if let Some(value) = std::env::var_os("KUBECONFIG") {
        let paths: Vec<PathBuf> = std::env::split_paths(&value)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        if !paths.is_empty() {
            let existing: Vec<&PathBuf> = paths.iter().filter(|p| p.exists()).collect();
            if existing.is_empty() {
                bail!(
                    "none of the KUBECONFIG files exist ({}); fix KUBECONFIG or pass --kubeconfig",
                    std::env::join_paths(&paths)
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default()
                );
            }
            let mut merged = Kubeconfig::default();
            for p in &existing {
                merged = merged
                    .merge(read_file(p)?)
                    .map_err(|e| anyhow!("cannot merge kubeconfig {}: {e}", p.display()))?;
            }
            return Ok(Loaded {
                config: merged,
                source: existing
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(":"),
            });
        }
    }
    let home = dirs::home_dir().context("cannot find the home directory; pass --kubeconfig")?;
    let path = home.join(".kube").join("config");
    if !path.exists() {
        bail!(
            "no kubeconfig found: {} does not exist; set KUBECONFIG or pass --kubeconfig",
            path.display()
        );
    }
    Ok(Loaded {
        config: read_file(&path)?,
        source: path.display().to_string(),
    })
}

impl Loaded {
    fn context_names(&self) -> String {
        let names: Vec<&str> = self
            .config
            .contexts
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    }

    /// Resolves the context (explicit, else current) to its cluster and user.
    pub fn target(&self, context: Option<&str>) -> Result<Target> {
        let name = match context.or(self.config.current_context.as_deref()) {
            Some(n) if !n.is_empty() => n.to_owned(),
            _ => bail!(
                "kubeconfig {} has no current-context; pass --context (available contexts: {})",
                self.source,
                self.context_names()
            ),
        };
        let ctx = self
            .config
            .contexts
            .iter()
            .find(|c| c.name == name)
            .ok_or_else(|| {
                anyhow!(
                    "context '{name}' not found in kubeconfig {}; available contexts: {}",
                    self.source,
                    self.context_names()
                )
            })?
            .context
            .clone()
            .ok_or_else(|| anyhow!("context '{name}' in {} is empty", self.source))?;
        let cluster = self
            .config
            .clusters
            .iter()
            .find(|c| c.name == ctx.cluster)
            .and_then(|c| c.cluster.clone())
            .ok_or_else(|| {
                anyhow!(
                    "context '{name}' names cluster '{}', which is not in kubeconfig {}",
                    ctx.cluster,
                    self.source
                )
            })?;
        // A missing user only matters to calls that need credentials (kube
        // reports it then); host and CA lookups work without one.
        let user_name = ctx.user.clone().unwrap_or_default();
        let user = self
            .config
            .auth_infos
            .iter()
            .find(|u| u.name == user_name)
            .and_then(|u| u.auth_info.clone())
            .unwrap_or_default();
        Ok(Target {
            context: name,
            cluster_name: ctx.cluster,
            cluster,
            user_name,
            user,
        })
    }
}

impl Target {
    /// The API server URL (`clusters[].cluster.server`).
    pub fn server(&self) -> Result<String> {
        match self.cluster.server.as_deref() {
            Some(s) if !s.is_empty() => Ok(s.to_owned()),
            _ => bail!(
                "cluster '{}' has no server URL in the kubeconfig",
                self.cluster_name
            ),
        }
    }

    /// The cluster CA in PEM, from `certificate-authority-data` or the
    /// `certificate-authority` file.
    pub fn ca_pem(&self) -> Result<Vec<u8>> {
        if let Some(data) = self.cluster.certificate_authority_data.as_deref() {
            let cleaned: String = data.chars().filter(|c| !c.is_whitespace()).collect();
            return B64.decode(cleaned).map_err(|_| {
                anyhow!(
                    "certificate-authority-data of cluster '{}' is not valid base64",
                    self.cluster_name
                )
            });
        }
        if let Some(file) = self.cluster.certificate_authority.as_deref() {
            return std::fs::read(file).map_err(|e| {
                anyhow!(
                    "cannot read certificate-authority {file} of cluster '{}': {e}",
                    self.cluster_name
                )
            });
        }
        bail!(
            "cluster '{}' has neither certificate-authority-data nor certificate-authority; pass the CA explicitly",
            self.cluster_name
        )
    }

    /// The CA exactly as `kubectl config view --raw --minify --flatten -o
    /// jsonpath='{.clusters[].cluster.certificate-authority-data}'` prints it:
    /// standard padded base64 of the bytes, on one line.
    pub fn ca_base64(&self) -> Result<String> {
        Ok(B64.encode(self.ca_pem()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CFG: &str = r#"
apiVersion: v1
kind: Config
clusters:
- name: c1
  cluster:
    server: https://10.0.0.1:6443
    certificate-authority-data: SGVsbG8=
- name: c2
  cluster:
    server: https://10.0.0.2:6443
contexts:
- name: one
  context: {cluster: c1, user: u1}
- name: two
  context: {cluster: c2, user: u1}
current-context: one
users:
- name: u1
  user: {token: abc}
"#;

    fn loaded() -> Loaded {
        Loaded {
            config: Kubeconfig::from_yaml(CFG).unwrap(),
            source: "test".into(),
        }
    }

    #[test]
    fn current_and_explicit_contexts() {
        let l = loaded();
        let t = l.target(None).unwrap();
        assert_eq!(t.server().unwrap(), "https://10.0.0.1:6443");
        assert_eq!(t.ca_base64().unwrap(), "SGVsbG8=");
        let t = l.target(Some("two")).unwrap();
        assert_eq!(t.cluster_name, "c2");
        assert!(
            t.ca_base64()
                .unwrap_err()
                .to_string()
                .contains("certificate-authority")
        );
    }

    #[test]
    fn unknown_context_lists_the_available_ones() {
        let err = loaded().target(Some("three")).unwrap_err().to_string();
        assert!(err.contains("'three'") && err.contains("one, two"), "{err}");
    }
}
