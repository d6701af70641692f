//! The gateway's TLS identity: `--tls-cert/--tls-key`, or a self-signed
//! certificate made on first start and kept in the data dir, so clients can
//! pin it with `--gateway-ca-cert` across restarts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};
use rustls::ServerConfig;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

/// Files of a TLS identity.
#[derive(Debug, Clone)]
pub struct Identity {
    pub cert: PathBuf,
    pub key: PathBuf,
    /// SHA-256 of the leaf certificate (DER), hex with colons.
    pub fingerprint: String,
    pub generated: bool,
}

/// Uses the given files, or the data dir's `tls.crt`/`tls.key`, creating a
/// self-signed pair (for localhost, 127.0.0.1, ::1 and the listen host).
pub fn identity(
    data_dir: &Path,
    cert: Option<&Path>,
    key: Option<&Path>,
    listen_host: &str,
) -> Result<Identity> {
    let (cert, key, generated) = match (cert, key) {
        (Some(c), Some(k)) => (c.to_path_buf(), k.to_path_buf(), false),
        (None, None) => {
            let c = data_dir.join("tls.crt");
            let k = data_dir.join("tls.key");
            crate::no_follow::refuse_link(&c)?;
            crate::no_follow::refuse_link(&k)?;
            let generated = match (c.exists(), k.exists()) {
                (true, true) => false,
                (false, false) => {
                    generate(&c, &k, listen_host)?;
                    true
                }
                (has_cert, _) => {
                    let (missing, present) = if has_cert { (&k, &c) } else { (&c, &k) };
                    bail!(
                        "{} is missing but {} exists: restore it from backup, or delete {} too so that a new self-signed certificate is made (clients that trust the old one must then trust the new one)",
                        missing.display(),
                        present.display(),
                        present.display()
                    );
                }
            };
            (c, k, generated)
        }
        _ => bail!("pass both --tls-cert and --tls-key, or neither"),
    };
    let der = leaf_der(&cert)?;
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &der);
    let fingerprint = digest
        .as_ref()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":");
    Ok(Identity {
        cert,
        key,
        fingerprint,
        generated,
    })
}

fn generate(cert: &Path, key: &Path, listen_host: &str) -> Result<()> {
    let mut names = vec![
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
        "::1".to_owned(),
    ];
    let host = listen_host.trim_matches(['[', ']']);
    if !host.is_empty() && host != "0.0.0.0" && host != "::" && !names.iter().any(|n| n == host) {
        names.push(host.to_owned());
    }
    if let Ok(h) = std::fs::read_to_string("/etc/hostname") {
        let h = h.trim();
        if !h.is_empty() && !names.iter().any(|n| n == h) {
            names.push(h.to_owned());
        }
    }
    let key_pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256)
        .map_err(|e| anyhow!("cannot generate the TLS key: {e}"))?;
    let mut params = rcgen::CertificateParams::new(names)
        .map_err(|e| anyhow!("cannot build the TLS certificate: {e}"))?;
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "akl gateway");
    params.not_before = rcgen::date_time_ymd(2024, 1, 1);
    params.not_after = rcgen::date_time_ymd(2036, 1, 1);
    let c = params
        .self_signed(&key_pair)
        .map_err(|e| anyhow!("cannot sign the TLS certificate: {e}"))?;
    crate::pki::write_secret_file(key, key_pair.serialize_pem().as_bytes(), false)?;
    // create_new and O_NOFOLLOW: never written through a planted link.
    crate::pki::write_file(cert, c.pem().as_bytes(), false, 0o644, "--tls-cert")?;
    Ok(())
}

fn leaf_der(cert: &Path) -> Result<Vec<u8>> {
    let first = CertificateDer::pem_file_iter(cert)
        .with_context(|| format!("cannot read --tls-cert {}", cert.display()))?
        .next()
        .ok_or_else(|| anyhow!("{} holds no PEM certificate", cert.display()))?
        .map_err(|e| anyhow!("{} is not a PEM certificate: {e}", cert.display()))?;
    Ok(first.to_vec())
}

/// A rustls server config (TLS 1.2+, HTTP/2 and HTTP/1.1 via ALPN).
pub fn server_config(id: &Identity) -> Result<Arc<ServerConfig>> {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&id.cert)
        .with_context(|| format!("cannot read {}", id.cert.display()))?
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow!("{} is not a PEM certificate chain: {e}", id.cert.display()))?;
    let key = PrivateKeyDer::from_pem_file(&id.key)
        .map_err(|e| anyhow!("cannot read the TLS key {}: {e}", id.key.display()))?;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut cfg = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| anyhow!("TLS setup failed: {e}"))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| anyhow!("the TLS certificate and key do not match: {e}"))?;
    cfg.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(cfg))
}
