//! Certificates kept on the gateway (`create-certificate`,
//! `get-certificate-value`); listing and deletion of every item kind live
//! in [`super::items`].
//!
//! `create-certificate` checks everything before storing anything: the
//! certificate parses, the key parses, the key belongs to the certificate.
//! The certificate and key are then stored, sealed, in one statement.
//! Errors name the request field and never quote its content.

use std::sync::Arc;

use axum::body::Bytes;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use serde_json::Value;
use x509_parser::prelude::FromDer;

use super::authz::{self, Capability, RuleType};
use super::classic_keys::{item_name, name_taken, to_value};
use super::store::{ItemKind, ItemRecord, ItemSecret};
use super::{ApiError, AppState, StoreError, now, parse_body, rfc3339};
use crate::gateway::api::{
    self, CreateCertificate, CreateCertificateOutput, GetCertificateValue,
    GetCertificateValueOutput,
};
use crate::pki::PrivateKey;

/// Largest `expiration-event-in` value accepted (100 years).
pub const MAX_THRESHOLD_DAYS: u32 = 36_500;

/// The certificate formats `format` names; the PEM family is supported.
const FORMATS: [&str; 5] = ["pem", "crt", "cer", "pfx", "p12"];

fn check_format(v: Option<&str>) -> Result<String, ApiError> {
    let f = v
        .map(|s| s.trim().trim_start_matches('.').to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "pem".to_owned());
    match f.as_str() {
        "pem" | "crt" | "cer" => Ok(f),
        "pfx" | "p12" => Err(ApiError::bad_request(format!(
            "format {f} (PKCS#12) is not supported by the akl gateway; convert it with 'openssl pkcs12 -in FILE -nodes' and upload the PEM certificate and key"
        ))),
        other => Err(ApiError::bad_request(format!(
            "format '{other}' is not one of {}",
            FORMATS.join(", ")
        ))),
    }
}

/// Decodes a base64 field; a value that already is PEM text is taken as is.
fn decode_field(value: &str, field: &str, example: &str) -> Result<Vec<u8>, ApiError> {
    let t = value.trim();
    if t.contains("-----BEGIN") {
        return Ok(t.as_bytes().to_vec());
    }
    let cleaned: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    STANDARD
        .decode(&cleaned)
        .or_else(|_| STANDARD_NO_PAD.decode(&cleaned))
        .map_err(|_| {
            ApiError::bad_request(format!(
                "{field} is not valid base64; pass the base64 of the file, e.g. $(base64 -w0 {example})"
            ))
        })
}

/// Every PEM block of `text`; a block that does not parse (bad base64, no
/// END line) makes the whole field malformed rather than being skipped.
fn parse_pem(text: &str, field: &str) -> Result<Vec<pem::Pem>, ApiError> {
    let malformed = || ApiError::bad_request(format!("{field} holds malformed PEM"));
    let blocks = pem::parse_many(text).map_err(|_| malformed())?;
    let begins = text.matches("-----BEGIN ").count();
    let ends = text.matches("-----END ").count();
    if blocks.len() != begins || begins != ends {
        return Err(malformed());
    }
    Ok(blocks)
}

/// A checked certificate: the PEM chain (leaf first) and the leaf's DER.
struct ParsedCert {
    pem: String,
    leaf_der: Vec<u8>,
}

fn parse_certificate(data: &str) -> Result<ParsedCert, ApiError> {
    const F: &str = "certificate-data";
    let bytes = decode_field(data, F, "tls.crt")?;
    let ders: Vec<Vec<u8>> = if bytes.starts_with(b"-----BEGIN")
        || String::from_utf8_lossy(&bytes).contains("-----BEGIN")
    {
        let text = String::from_utf8(bytes)
            .map_err(|_| ApiError::bad_request(format!("{F} holds PEM that is not text")))?;
        let blocks = parse_pem(&text, F)?;
        let certs: Vec<Vec<u8>> = blocks
            .iter()
            .filter(|b| b.tag() == "CERTIFICATE")
            .map(|b| b.contents().to_vec())
            .collect();
        if certs.is_empty() {
            let tags: Vec<&str> = blocks.iter().map(|b| b.tag()).collect();
            return Err(ApiError::bad_request(if tags.is_empty() {
                format!("{F} holds no PEM block")
            } else {
                format!(
                    "{F} holds no CERTIFICATE PEM block (found {}); are certificate-data and key-data swapped?",
                    tags.join(", ")
                )
            }));
        }
        certs
    } else {
        // cer/crt files are often DER.
        if x509_parser::parse_x509_certificate(&bytes).is_err() {
            return Err(ApiError::bad_request(format!(
                "{F} is neither a PEM nor a DER certificate"
            )));
        }
        vec![bytes]
    };
    for (i, der) in ders.iter().enumerate() {
        if let Err(e) = x509_parser::parse_x509_certificate(der) {
            let which = if ders.len() == 1 {
                "the certificate".to_owned()
            } else {
                format!("certificate {} of the chain", i + 1)
            };
            return Err(ApiError::bad_request(format!(
                "{F}: {which} cannot be parsed ({e})"
            )));
        }
    }
    let pem = ders
        .iter()
        .map(|d| crate::pki::pem_encode("CERTIFICATE", d))
        .collect();
    Ok(ParsedCert {
        pem,
        leaf_der: ders[0].clone(),
    })
}

/// A checked private key: the PEM to store and the key.
fn parse_key(data: &str) -> Result<(String, PrivateKey), ApiError> {
    const F: &str = "key-data";
    let bytes = decode_field(data, F, "tls.key")?;
    let text = String::from_utf8_lossy(&bytes);
    if text.contains("-----BEGIN") {
        let text = String::from_utf8(bytes.clone())
            .map_err(|_| ApiError::bad_request(format!("{F} holds PEM that is not text")))?;
        parse_pem(&text, F)?;
        let key = PrivateKey::from_pem(&text)
            .map_err(|e| ApiError::bad_request(format!("{F} holds no usable private key: {e}")))?;
        let mut pem = text.trim().to_owned();
        pem.push('\n');
        return Ok((pem, key));
    }
    let key = PrivateKey::from_pkcs8_der(&bytes).map_err(|_| {
        ApiError::bad_request(format!(
            "{F} is neither a PEM nor a DER (PKCS#8) private key"
        ))
    })?;
    Ok((key.to_pkcs8_pem(), key))
}

/// Whether `key` is the private half of the certificate's public key
/// (same algorithm and same key bits).
fn key_matches(leaf_der: &[u8], key: &PrivateKey) -> Result<bool, ApiError> {
    let (_, cert) = x509_parser::parse_x509_certificate(leaf_der)
        .map_err(|_| ApiError::bad_request("certificate-data cannot be parsed"))?;
    let spki = key
        .public_key_spki_der()
        .map_err(|_| ApiError::bad_request("key-data is not usable"))?;
    let (_, key_spki) = x509_parser::x509::SubjectPublicKeyInfo::from_der(&spki)
        .map_err(|_| ApiError::internal("cannot read the key's public key"))?;
    let cert_spki = cert.public_key();
    Ok(
        cert_spki.algorithm.algorithm == key_spki.algorithm.algorithm
            && cert_spki.subject_public_key.data == key_spki.subject_public_key.data,
    )
}

/// `expiration-event-in`: whole days, comma-separated or repeated;
/// returned deduplicated and ascending.
pub fn parse_thresholds(v: &Option<Vec<String>>) -> Result<Vec<u32>, ApiError> {
    let mut out = Vec::new();
    for s in v.iter().flatten().flat_map(|s| s.split(',')) {
        let s = s.trim();
        if s.is_empty() {
            continue;
        }
        let d: u32 = s
            .parse()
            .ok()
            .filter(|d| *d <= MAX_THRESHOLD_DAYS)
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "expiration-event-in '{s}' is not a whole number of days (0 to {MAX_THRESHOLD_DAYS})"
                ))
            })?;
        out.push(d);
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

pub(super) fn clean_list(v: &Option<Vec<String>>) -> Vec<String> {
    v.iter()
        .flatten()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// `POST /create-certificate`.
pub fn create(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: CreateCertificate = parse_body(body)?;
    let name = item_name(&req.name)?;
    authz::authorize(
        state,
        req.session.token.as_deref(),
        RuleType::Item,
        &name,
        Capability::Create,
    )?;
    if req.key.as_deref().is_some_and(|k| !k.trim().is_empty()) {
        return Err(ApiError::bad_request(
            "key (a protection key name) is not supported by the akl gateway: items are sealed with the gateway's master key; drop it",
        ));
    }
    let format = check_format(req.format.as_deref())?;
    let data = req
        .certificate_data
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| {
            ApiError::bad_request(
                "certificate-data is required: pass the base64 of the certificate file (--certificate-data) or the file (-c/--certificate)",
            )
        })?;
    let cert = parse_certificate(data)?;
    let key = req
        .key_data
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(parse_key)
        .transpose()?;
    if let Some((_, k)) = &key
        && !key_matches(&cert.leaf_der, k)?
    {
        return Err(ApiError::bad_request(
            "key-data does not match the certificate: its public key is not the certificate's; pass the key the certificate was issued for",
        ));
    }
    let thresholds = parse_thresholds(&req.expiration_event_in)?;
    let delete_protection = api::parse_bool_string(req.delete_protection.as_deref())
        .map_err(|e| ApiError::bad_request(format!("delete_protection: {e}")))?
        .unwrap_or(false);
    let (_, leaf) = x509_parser::parse_x509_certificate(&cert.leaf_der)
        .map_err(|_| ApiError::bad_request("certificate-data cannot be parsed"))?;
    let validity = leaf.validity();
    let not_after = validity.not_after.timestamp();
    let rec = ItemRecord {
        name: name.clone(),
        id: 0,
        created: now(),
        kind: ItemKind::Certificate {
            not_before: validity.not_before.timestamp(),
            not_after,
            serial: leaf.raw_serial_as_string(),
            sha256_fingerprint: super::sha256_hex(&cert.leaf_der),
            format,
            has_private_key: key.is_some(),
            expiration_event_in: thresholds.clone(),
        },
        tags: clean_list(&req.tags),
        description: req
            .description
            .clone()
            .or_else(|| req.metadata.clone())
            .unwrap_or_default(),
        delete_protection,
        modified: 0,
    };
    let secret = ItemSecret {
        private_key_pem: key.map(|(pem, _)| pem).unwrap_or_default(),
        certificate_pem: cert.pem,
    };
    state
        .store
        .insert_item(&rec, &secret)
        .map_err(|e| match e {
            StoreError::AlreadyExists(_) => name_taken(&name),
            other => other.into(),
        })?;
    tracing::info!(
        name = %name,
        not_after = %rfc3339(not_after),
        expiration_event_in = ?thresholds,
        "certificate stored"
    );
    to_value(&CreateCertificateOutput { name })
}

pub(super) fn check_version(v: Option<i64>, name: &str) -> Result<(), ApiError> {
    match v {
        None | Some(0) | Some(1) => Ok(()),
        Some(v) => Err(ApiError::not_found(format!(
            "item {name} has no version {v}; it has version 1"
        ))),
    }
}

/// `POST /get-certificate-value`.
pub fn get_value(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: GetCertificateValue = parse_body(body)?;
    let name = item_name(&req.name)?;
    authz::authorize(
        state,
        req.session.token.as_deref(),
        RuleType::Item,
        &name,
        Capability::Read,
    )?;
    let (rec, secret) = state
        .store
        .item_with_secret(&name)?
        .ok_or_else(|| ApiError::not_found(format!("certificate {name} not found")))?;
    if !matches!(rec.kind, ItemKind::Certificate { .. }) {
        return Err(ApiError::bad_request(format!(
            "item {name} is {}, not a certificate; use {}",
            rec.kind.noun().0,
            rec.kind.noun().1
        )));
    }
    check_version(req.version, &name)?;
    tracing::info!(name = %name, "certificate value read");
    to_value(&GetCertificateValueOutput {
        certificate_pem: secret.certificate_pem,
        private_key_pem: secret.private_key_pem,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(check_format(None).unwrap(), "pem");
        assert_eq!(check_format(Some(".CRT")).unwrap(), "crt");
        let e = check_format(Some("p12")).unwrap_err();
        assert!(e.message.contains("not supported"), "{}", e.message);
        let e = check_format(Some("jks")).unwrap_err();
        assert!(e.message.starts_with("format 'jks'"), "{}", e.message);
    }

    #[test]
    fn thresholds_are_days() {
        let v = Some(vec!["30".to_owned(), "7, 30".to_owned(), "0".to_owned()]);
        assert_eq!(parse_thresholds(&v).unwrap(), vec![0, 7, 30]);
        for bad in ["-1", "x", "1.5", "36501"] {
            let e = parse_thresholds(&Some(vec![bad.to_owned()])).unwrap_err();
            assert!(e.message.contains("expiration-event-in"), "{}", e.message);
        }
    }

    #[test]
    fn wire_spellings() {
        for v in [serde_json::json!(true), serde_json::json!("true")] {
            let req: CreateCertificate = serde_json::from_value(
                serde_json::json!({"name": "c", "delete_protection": v, "expiration-event-in": ["30"]}),
            )
            .unwrap();
            assert_eq!(req.delete_protection.as_deref(), Some("true"));
        }
        let out =
            serde_json::to_value(crate::gateway::api::ExportClassicKeyOutput::default()).unwrap();
        let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["key", "certificatePem", "ssh", "wrapping-iv"]);
    }

    fn self_signed(key: &rcgen::KeyPair) -> String {
        let params = rcgen::CertificateParams::new(vec!["example.com".to_owned()]).unwrap();
        params.self_signed(key).unwrap().pem()
    }

    #[test]
    fn certificate_and_key_checks_name_the_field() {
        let kp = rcgen::KeyPair::generate().unwrap();
        let cert = self_signed(&kp);
        let key_pem = kp.serialize_pem();
        let b64 = |s: &str| STANDARD.encode(s);

        let parsed = parse_certificate(&b64(&cert)).unwrap();
        let (_, key) = parse_key(&b64(&key_pem)).unwrap();
        assert!(key_matches(&parsed.leaf_der, &key).unwrap());
        // Raw PEM is accepted as well.
        assert!(parse_certificate(&cert).is_ok());

        let other = PrivateKey::generate(crate::pki::KeyAlg::Ec256).unwrap();
        assert!(!key_matches(&parsed.leaf_der, &other).unwrap());
        let rsa = PrivateKey::generate(crate::pki::KeyAlg::Rsa2048).unwrap();
        assert!(!key_matches(&parsed.leaf_der, &rsa).unwrap());

        let e = parse_certificate("%%%").err().unwrap();
        assert!(
            e.message
                .starts_with("certificate-data is not valid base64")
        );
        let e = parse_certificate(&b64("-----BEGIN CERTIFICATE-----\n!!\n"))
            .err()
            .unwrap();
        assert!(e.message.starts_with("certificate-data"), "{}", e.message);
        let e = parse_certificate(&b64(&key_pem)).err().unwrap();
        assert!(e.message.contains("swapped"), "{}", e.message);
        let e = parse_certificate(&b64("hello")).err().unwrap();
        assert!(
            e.message.contains("neither a PEM nor a DER"),
            "{}",
            e.message
        );
        let e = parse_key("%%%").err().unwrap();
        assert!(e.message.starts_with("key-data is not valid base64"));
        let e = parse_key(&b64(&cert)).err().unwrap();
        assert!(
            e.message
                .starts_with("key-data holds no usable private key")
        );
        // Key material never appears in an error.
        let body = key_pem.lines().nth(1).unwrap();
        let broken = key_pem.replace(body, &format!("{body}!"));
        let e = parse_key(&b64(&broken)).err().unwrap();
        assert!(e.message.starts_with("key-data"), "{}", e.message);
        assert!(!e.message.contains(&body[..20]), "{}", e.message);
    }
}
