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
    identity_with_sans(data_dir, cert, key, listen_host, &[])
}

/// [`identity`], with `sans` (`--tls-san`: DNS names or IPs) added to the
/// self-signed certificate. A stored certificate that does not cover every
/// one of them is replaced (and its fingerprint changes), since a client
/// reaching the gateway by such a name would otherwise fail verification.
pub fn identity_with_sans(
    data_dir: &Path,
    cert: Option<&Path>,
    key: Option<&Path>,
    listen_host: &str,
    sans: &[String],
) -> Result<Identity> {
    let (cert, key, generated) = match (cert, key) {
        (Some(_), Some(_)) if !sans.is_empty() => {
            bail!(
                "--tls-san names the self-signed certificate's hosts; with --tls-cert put the names in that certificate instead"
            )
        }
        (Some(c), Some(k)) => (c.to_path_buf(), k.to_path_buf(), false),
        (None, None) => {
            let c = data_dir.join("tls.crt");
            let k = data_dir.join("tls.key");
            crate::no_follow::refuse_link(&c)?;
            crate::no_follow::refuse_link(&k)?;
            let generated = match (c.exists(), k.exists()) {
                (true, true) => {
                    let missing = uncovered_names(&leaf_der(&c)?, sans);
                    if missing.is_empty() {
                        false
                    } else {
                        tracing::warn!(
                            missing = %missing.join(","),
                            "the stored self-signed certificate does not cover every --tls-san; making a new one (clients that pinned the old one must trust the new one)"
                        );
                        generate(&c, &k, listen_host, sans)?;
                        true
                    }
                }
                (false, false) => {
                    generate(&c, &k, listen_host, sans)?;
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

/// Checks a `--tls-san` value: an IP address, or a DNS name (letters,
/// digits, `-`, `.`, and a leading `*.` wildcard).
pub fn parse_san(v: &str) -> Result<String, String> {
    let v = v.trim();
    if v.parse::<std::net::IpAddr>().is_ok() {
        return Ok(v.to_owned());
    }
    let name = v.strip_prefix("*.").unwrap_or(v);
    let ok = !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if ok {
        Ok(v.to_ascii_lowercase())
    } else {
        Err(format!(
            "'{v}' is neither an IP address nor a DNS name such as akl-gateway.akl.svc"
        ))
    }
}

/// The `names` a certificate (DER) does not list among its subject
/// alternative names.
pub fn uncovered_names(der: &[u8], names: &[String]) -> Vec<String> {
    use x509_parser::extensions::GeneralName;
    let mut dns = Vec::new();
    let mut ips = Vec::new();
    if let Ok((_, cert)) = x509_parser::parse_x509_certificate(der)
        && let Ok(Some(san)) = cert.subject_alternative_name()
    {
        for n in &san.value.general_names {
            match n {
                GeneralName::DNSName(d) => dns.push(d.to_ascii_lowercase()),
                GeneralName::IPAddress(b) => match b.len() {
                    4 => ips.push(std::net::IpAddr::from(
                        <[u8; 4]>::try_from(*b).unwrap_or_default(),
                    )),
                    16 => ips.push(std::net::IpAddr::from(
                        <[u8; 16]>::try_from(*b).unwrap_or_default(),
                    )),
                    _ => {}
                },
                _ => {}
            }
        }
    }
    names
        .iter()
        .filter(|n| match n.parse::<std::net::IpAddr>() {
            Ok(ip) => !ips.contains(&ip),
            Err(_) => !dns.contains(&n.to_ascii_lowercase()),
        })
        .cloned()
        .collect()
}

fn generate(cert: &Path, key: &Path, listen_host: &str, sans: &[String]) -> Result<()> {
    let mut names = vec![
        "localhost".to_owned(),
        "127.0.0.1".to_owned(),
        "::1".to_owned(),
    ];
    let host = listen_host.trim_matches(['[', ']']);
    if !host.is_empty() && host != "0.0.0.0" && host != "::" && !names.iter().any(|n| n == host) {
        names.push(host.to_owned());
    }
    for san in sans {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(san)) {
            names.push(san.clone());
        }
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
    // Replaced atomically (write + rename): a regenerated pair must not
    // leave a half-written key behind.
    crate::pki::write_secret_file(key, key_pair.serialize_pem().as_bytes(), true)?;
    crate::pki::write_file(cert, c.pem().as_bytes(), true, 0o644, "--data-dir")?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn san_values_are_ip_addresses_or_dns_names() {
        assert_eq!(parse_san("10.0.0.1").unwrap(), "10.0.0.1");
        assert_eq!(parse_san("::1").unwrap(), "::1");
        assert_eq!(
            parse_san("AKL-Gateway.akl.svc").unwrap(),
            "akl-gateway.akl.svc"
        );
        assert_eq!(parse_san("*.akl.svc").unwrap(), "*.akl.svc");
        for bad in ["", "a b", "-x.svc", "x..svc", "x_y.svc", "https://x"] {
            assert!(parse_san(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn a_stored_certificate_covers_its_names_and_no_others() {
        let dir = tempfile::tempdir().unwrap();
        let id = identity_with_sans(
            dir.path(),
            None,
            None,
            "127.0.0.1",
            &["gw.akl.svc".into(), "10.1.2.3".into()],
        )
        .unwrap();
        assert!(id.generated);
        let der = leaf_der(&id.cert).unwrap();
        let want = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(
            uncovered_names(
                &der,
                &want(&["gw.akl.svc", "GW.akl.svc", "10.1.2.3", "localhost"])
            )
            .is_empty()
        );
        assert_eq!(
            uncovered_names(&der, &want(&["other.svc", "10.1.2.4", "10.1.2.3"])),
            want(&["other.svc", "10.1.2.4"])
        );
        // Covered: kept as it is.
        let again = identity_with_sans(dir.path(), None, None, "127.0.0.1", &want(&["gw.akl.svc"]))
            .unwrap();
        assert!(!again.generated);
        assert_eq!(again.fingerprint, id.fingerprint);
        // --tls-san with a given certificate is refused.
        let e = identity_with_sans(
            dir.path(),
            Some(&id.cert),
            Some(&id.key),
            "127.0.0.1",
            &want(&["x.svc"]),
        )
        .unwrap_err();
        assert!(e.to_string().contains("--tls-san"), "{e}");
    }
}
