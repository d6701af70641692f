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
    // Read here, bounded, rather than with `Kubeconfig::read_from`, which
    // reads without limit (a kubeconfig pointing at /dev/zero ate 10 GB).
    let text =
        crate::fsutil::read_limited_string(path, crate::fsutil::KUBECONFIG_LIMIT, "kubeconfig")?;
    let mut config = Kubeconfig::from_yaml(&text).map_err(|e| {
        // kube's error text includes serde's position; keep it on one line.
        let detail = format!("{e}").replace('\n', " ");
        anyhow!(
            "cannot parse kubeconfig {}: {detail}; check it with `kubectl config view`",
            path.display()
        )
    })?;
    if let Some(dir) = path.parent() {
        absolutize(&mut config, dir);
    }
    Ok(config)
}

/// Relative file references are relative to the kubeconfig's directory, as
/// kubectl (and `Kubeconfig::read_from`) resolve them.
fn absolutize(config: &mut Kubeconfig, dir: &Path) {
    let fix = |v: &mut Option<String>| {
        if let Some(p) = v.as_deref()
            && Path::new(p).is_relative()
            && let Some(abs) = dir.join(p).to_str()
        {
            *v = Some(abs.to_owned());
        }
    };
    for c in config
        .clusters
        .iter_mut()
        .filter_map(|n| n.cluster.as_mut())
    {
        fix(&mut c.certificate_authority);
    }
    for u in config
        .auth_infos
        .iter_mut()
        .filter_map(|n| n.auth_info.as_mut())
    {
        fix(&mut u.client_certificate);
        fix(&mut u.client_key);
        fix(&mut u.token_file);
        // Like client-go: only commands with a path separator are paths.
        if let Some(exec) = u.exec.as_mut()
            && exec
                .command
                .as_deref()
                .is_some_and(|c| c.contains(std::path::MAIN_SEPARATOR))
        {
            fix(&mut exec.command);
        }
    }
}

/// Replaces the files a kubeconfig references (CA, client certificate and
/// key, token file) by their contents, read bounded, so the Kubernetes
/// client never reads a file itself (kube reads without limit).
pub fn inline_files(config: &mut Kubeconfig) -> Result<()> {
    use crate::fsutil::{PEM_LIMIT, read_limited};
    for named in config.clusters.iter_mut() {
        let name = named.name.clone();
        if let Some(c) = named.cluster.as_mut()
            && c.certificate_authority_data.is_none()
            && let Some(file) = c.certificate_authority.take()
        {
            let what = format!("certificate-authority of cluster '{name}'");
            let bytes = read_limited(Path::new(&file), PEM_LIMIT, &what)?;
            c.certificate_authority_data = Some(B64.encode(bytes));
        }
    }
    for named in config.auth_infos.iter_mut() {
        let name = named.name.clone();
        let Some(u) = named.auth_info.as_mut() else {
            continue;
        };
        if u.client_certificate_data.is_none()
            && let Some(file) = u.client_certificate.take()
        {
            let what = format!("client-certificate of user '{name}'");
            let bytes = read_limited(Path::new(&file), PEM_LIMIT, &what)?;
            u.client_certificate_data = Some(B64.encode(bytes));
        }
        if u.client_key_data.is_none()
            && let Some(file) = u.client_key.take()
        {
            let what = format!("client-key of user '{name}'");
            let bytes = read_limited(Path::new(&file), PEM_LIMIT, &what)?;
            u.client_key_data = Some(B64.encode(bytes).into());
        }
        if u.token.is_none()
            && let Some(file) = u.token_file.take()
        {
            let what = format!("tokenFile of user '{name}'");
            let bytes = read_limited(Path::new(&file), PEM_LIMIT, &what)?;
            let token =
                String::from_utf8(bytes).map_err(|_| anyhow!("{what} {file} is not UTF-8 text"))?;
            u.token = Some(token.trim().to_owned().into());
        }
    }
    Ok(())
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
            return crate::fsutil::read_limited(
                Path::new(file),
                crate::fsutil::PEM_LIMIT,
                &format!("certificate-authority of cluster '{}'", self.cluster_name),
            );
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
