//! PKCS#10 certificate signing requests (RFC 2986) built from the
//! `generate-csr` flags. The same builder serves the local mode (key in a
//! file) and the gateway mode (key stored on the gateway).

use std::net::IpAddr;

use anyhow::{Result, bail};

use super::der;
use super::keys::{HashAlg, PrivateKey};

/// X.509 KeyUsage bits (RFC 5280 §4.2.1.3), in bit order.
const KEY_USAGES: [(&str, &[&str]); 9] = [
    ("digitalSignature", &["digitalsignature"]),
    ("nonRepudiation", &["nonrepudiation", "contentcommitment"]),
    ("keyEncipherment", &["keyencipherment"]),
    ("dataEncipherment", &["dataencipherment"]),
    ("keyAgreement", &["keyagreement"]),
    ("keyCertSign", &["keycertsign", "certsign"]),
    ("cRLSign", &["crlsign"]),
    ("encipherOnly", &["encipheronly"]),
    ("decipherOnly", &["decipheronly"]),
];

/// Extended key usages (RFC 5280 §4.2.1.12): name, aliases, OID.
const EXT_KEY_USAGES: [(&str, &[&str], &[u64]); 7] = [
    ("serverAuth", &["serverauth"], &[1, 3, 6, 1, 5, 5, 7, 3, 1]),
    ("clientAuth", &["clientauth"], &[1, 3, 6, 1, 5, 5, 7, 3, 2]),
    (
        "codeSigning",
        &["codesigning"],
        &[1, 3, 6, 1, 5, 5, 7, 3, 3],
    ),
    (
        "emailProtection",
        &["emailprotection"],
        &[1, 3, 6, 1, 5, 5, 7, 3, 4],
    ),
    (
        "timeStamping",
        &["timestamping"],
        &[1, 3, 6, 1, 5, 5, 7, 3, 8],
    ),
    (
        "OCSPSigning",
        &["ocspsigning"],
        &[1, 3, 6, 1, 5, 5, 7, 3, 9],
    ),
    ("any", &["any", "anyextendedkeyusage"], &[2, 5, 29, 37, 0]),
];

/// Folds `Digital Signature`, `digital-signature` and `digitalSignature`
/// together, so the spellings of openssl, Kubernetes and Go all work.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Resolves a key usage name to its bit number.
pub fn key_usage_bit(name: &str) -> Result<usize> {
    let f = fold(name);
    KEY_USAGES
        .iter()
        .position(|(_, aliases)| aliases.contains(&f.as_str()))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "unknown --key-usage '{name}'; use any of {}",
                KEY_USAGES.map(|(n, _)| n).join(", ")
            )
        })
}

/// Resolves an extended key usage name to its OID arcs.
pub fn ext_key_usage_oid(name: &str) -> Result<&'static [u64]> {
    let f = fold(name);
    EXT_KEY_USAGES
        .iter()
        .find(|(_, aliases, _)| aliases.contains(&f.as_str()))
        .map(|(_, _, oid)| *oid)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "unknown --ext-key-usage '{name}'; use any of {}",
                EXT_KEY_USAGES.map(|(n, _, _)| n).join(", ")
            )
        })
}

/// `--certificate-type` values and what each asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateType {
    SslClient,
    SslServer,
    CertificateSigning,
}

impl std::str::FromStr for CertificateType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match fold(s).as_str() {
            "sslclient" => Ok(CertificateType::SslClient),
            "sslserver" => Ok(CertificateType::SslServer),
            "certificatesigning" => Ok(CertificateType::CertificateSigning),
            _ => Err(format!(
                "unknown certificate type '{s}'; use ssl-client, ssl-server or certificate-signing"
            )),
        }
    }
}

/// What goes into the request. Every list keeps the order the user gave.
#[derive(Debug, Clone, Default)]
pub struct CsrSpec {
    pub common_name: String,
    pub organizations: Vec<String>,
    pub organizational_units: Vec<String>,
    pub localities: Vec<String>,
    pub states: Vec<String>,
    pub countries: Vec<String>,
    pub dns_names: Vec<String>,
    pub email_addresses: Vec<String>,
    pub ip_addresses: Vec<String>,
    pub uris: Vec<String>,
    pub key_usages: Vec<String>,
    pub ext_key_usages: Vec<String>,
    pub certificate_types: Vec<CertificateType>,
    /// Marks KeyUsage and ExtendedKeyUsage critical.
    pub critical: bool,
}

fn check_dns_name(name: &str) -> Result<()> {
    let body = name.strip_prefix("*.").unwrap_or(name);
    let ok = !body.is_empty()
        && body.len() <= 253
        && body.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
    if !ok {
        bail!("--alt-names '{name}' is not a valid DNS name");
    }
    Ok(())
}

fn check_email(email: &str) -> Result<()> {
    match email.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && !domain.is_empty()
                && email.is_ascii()
                && !domain.contains('@') =>
        {
            Ok(())
        }
        _ => bail!("--email-addresses '{email}' is not an email address such as user@example.com"),
    }
}

fn check_uri(uri: &str) -> Result<()> {
    let scheme_ok = uri
        .split_once(':')
        .map(|(scheme, rest)| {
            !rest.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
        .unwrap_or(false);
    if !scheme_ok || !uri.is_ascii() || uri.contains(char::is_whitespace) {
        bail!("--uri-sans '{uri}' is not an absolute URI such as spiffe://cluster/ns/app");
    }
    Ok(())
}

fn check_country(c: &str) -> Result<()> {
    if c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_alphabetic()) {
        bail!("--country '{c}' must be a two-letter ISO 3166 code such as US");
    }
    Ok(())
}

impl CsrSpec {
    /// Checks every field before any key is generated or file written.
    pub fn validate(&self) -> Result<()> {
        if self.common_name.trim().is_empty() {
            bail!("--common-name is required and must not be empty");
        }
        for n in &self.dns_names {
            check_dns_name(n)?;
        }
        for e in &self.email_addresses {
            check_email(e)?;
        }
        for ip in &self.ip_addresses {
            if ip.parse::<IpAddr>().is_err() {
                bail!("--ip-addresses '{ip}' is not an IPv4 or IPv6 address");
            }
        }
        for u in &self.uris {
            check_uri(u)?;
        }
        for c in &self.countries {
            check_country(c)?;
        }
        for k in &self.key_usages {
            key_usage_bit(k)?;
        }
        for k in &self.ext_key_usages {
            ext_key_usage_oid(k)?;
        }
        Ok(())
    }

    /// Subject in the conventional big-endian order (C, ST, L, O, OU, CN), one
    /// RDN per value, as `openssl req -subj "/C=../O=a/O=b/CN=.."` writes it.
    fn subject_der(&self) -> Vec<u8> {
        let mut rdns = Vec::new();
        let mut push = |arc: u64, value: &str, printable_only: bool| {
            let v = if printable_only {
                der::printable_string(value)
            } else {
                der::utf8_string(value)
            };
            let atv = der::sequence(&[der::oid(&[2, 5, 4, arc]), v]);
            rdns.push(der::set_of(&[atv]));
        };
        for c in &self.countries {
            push(6, &c.to_ascii_uppercase(), true);
        }
        for s in &self.states {
            push(8, s, false);
        }
        for l in &self.localities {
            push(7, l, false);
        }
        for o in &self.organizations {
            push(10, o, false);
        }
        for ou in &self.organizational_units {
            push(11, ou, false);
        }
        push(3, &self.common_name, false);
        der::sequence(&rdns)
    }

    fn extension(oid: &[u64], critical: bool, value: Vec<u8>) -> Vec<u8> {
        let mut parts = vec![der::oid(oid)];
        if critical {
            parts.push(der::boolean(true));
        }
        parts.push(der::octet_string(&value));
        der::sequence(&parts)
    }

    fn extensions(&self, key: &PrivateKey) -> Result<Vec<Vec<u8>>> {
        let mut exts = Vec::new();

        let mut names = Vec::new();
        for n in &self.dns_names {
            names.push(der::context_primitive(2, n.as_bytes()));
        }
        for e in &self.email_addresses {
            names.push(der::context_primitive(1, e.as_bytes()));
        }
        for u in &self.uris {
            names.push(der::context_primitive(6, u.as_bytes()));
        }
        for ip in &self.ip_addresses {
            let bytes = match ip.parse::<IpAddr>() {
                Ok(IpAddr::V4(v4)) => v4.octets().to_vec(),
                Ok(IpAddr::V6(v6)) => v6.octets().to_vec(),
                Err(_) => bail!("--ip-addresses '{ip}' is not an IPv4 or IPv6 address"),
            };
            names.push(der::context_primitive(7, &bytes));
        }
        if !names.is_empty() {
            exts.push(Self::extension(
                &[2, 5, 29, 17],
                false,
                der::sequence(&names),
            ));
        }

        let mut bits: Vec<usize> = Vec::new();
        let mut ekus: Vec<&'static [u64]> = Vec::new();
        let mut is_ca = false;
        for k in &self.key_usages {
            bits.push(key_usage_bit(k)?);
        }
        for k in &self.ext_key_usages {
            ekus.push(ext_key_usage_oid(k)?);
        }
        for t in &self.certificate_types {
            match t {
                CertificateType::SslClient | CertificateType::SslServer => {
                    bits.push(0);
                    if key.alg().is_rsa() {
                        bits.push(2);
                    }
                    ekus.push(if *t == CertificateType::SslClient {
                        EXT_KEY_USAGES[1].2
                    } else {
                        EXT_KEY_USAGES[0].2
                    });
                }
                CertificateType::CertificateSigning => {
                    bits.extend([5, 6]);
                    is_ca = true;
                }
            }
        }
        bits.sort_unstable();
        bits.dedup();
        let mut seen = Vec::new();
        ekus.retain(|o| {
            let new = !seen.contains(o);
            seen.push(*o);
            new
        });

        if !bits.is_empty() {
            exts.push(Self::extension(
                &[2, 5, 29, 15],
                self.critical,
                der::named_bits(&bits),
            ));
        }
        if !ekus.is_empty() {
            let oids: Vec<Vec<u8>> = ekus.iter().map(|o| der::oid(o)).collect();
            exts.push(Self::extension(
                &[2, 5, 29, 37],
                self.critical,
                der::sequence(&oids),
            ));
        }
        if is_ca {
            exts.push(Self::extension(
                &[2, 5, 29, 19],
                true,
                der::sequence(&[der::boolean(true)]),
            ));
        }
        Ok(exts)
    }

    /// Builds and signs the request; returns DER.
    pub fn to_der(&self, key: &PrivateKey, hash: HashAlg) -> Result<Vec<u8>> {
        self.validate()?;
        key.check_hash(hash)?;
        let exts = self.extensions(key)?;
        let attributes = if exts.is_empty() {
            der::context_constructed(0, &[])
        } else {
            let ext_req = der::sequence(&[
                der::oid(&[1, 2, 840, 113549, 1, 9, 14]),
                der::set_of(&[der::sequence(&exts)]),
            ]);
            der::context_constructed(0, &ext_req)
        };
        let info = der::sequence(&[
            der::integer_small(0),
            self.subject_der(),
            key.public_key_spki_der()?,
            attributes,
        ]);
        let signature = key.sign(hash, &info)?;
        Ok(der::sequence(&[
            info,
            key.signature_algorithm_der(hash),
            der::bit_string(&signature),
        ]))
    }

    /// Builds and signs the request; returns PEM (`CERTIFICATE REQUEST`).
    pub fn to_pem(&self, key: &PrivateKey, hash: HashAlg) -> Result<String> {
        Ok(super::pem_encode(
            "CERTIFICATE REQUEST",
            &self.to_der(key, hash)?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_names_accept_common_spellings() {
        assert_eq!(key_usage_bit("digital signature").unwrap(), 0);
        assert_eq!(key_usage_bit("keyEncipherment").unwrap(), 2);
        assert_eq!(key_usage_bit("cert-sign").unwrap(), 5);
        assert!(key_usage_bit("signing").is_err());
        assert_eq!(
            ext_key_usage_oid("client auth").unwrap(),
            &[1, 3, 6, 1, 5, 5, 7, 3, 2]
        );
    }

    #[test]
    fn validation_names_the_flag() {
        let mut spec = CsrSpec {
            common_name: "x".into(),
            ip_addresses: vec!["300.1.1.1".into()],
            ..Default::default()
        };
        assert!(
            spec.validate()
                .unwrap_err()
                .to_string()
                .contains("--ip-addresses")
        );
        spec.ip_addresses.clear();
        spec.countries = vec!["USA".into()];
        assert!(
            spec.validate()
                .unwrap_err()
                .to_string()
                .contains("--country")
        );
        spec.countries.clear();
        spec.uris = vec!["not a uri".into()];
        assert!(
            spec.validate()
                .unwrap_err()
                .to_string()
                .contains("--uri-sans")
        );
        spec.uris.clear();
        spec.common_name = " ".into();
        assert!(
            spec.validate()
                .unwrap_err()
                .to_string()
                .contains("--common-name")
        );
    }
}
