//! Classic keys kept on the gateway: `generate-csr` (with a new key, or
//! with one stored earlier) and `export-classic-key`. The private key is
//! sealed at rest with the store's [`super::store::Sealer`]; only the
//! algorithm and the public key are stored in the clear.
//!
//! Item names are normalized as akeyless lists them: a leading `/` is
//! added, trailing ones dropped, so `k` and `/k` name the same item.
//! Classic keys and certificates share one namespace of items.

use std::sync::Arc;

use axum::body::Bytes;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::authz::{self, Capability, RuleType};
use super::store::{ItemKind, ItemRecord, ItemSecret};
use super::{ApiError, AppState, StoreError, now, parse_body};
use crate::gateway::api::{
    ExportClassicKey, ExportClassicKeyOutput, GenerateCsr, GenerateCsrOutput,
};
use crate::pki::{CertificateType, CsrSpec, HashAlg, KeyAlg, PrivateKey};

/// Longest item name accepted.
pub const MAX_NAME: usize = 512;

pub(super) fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, ApiError> {
    serde_json::to_value(v).map_err(|e| ApiError::internal(e.to_string()))
}

/// Normalizes an item name: trimmed, one leading `/`, no trailing `/`.
pub fn item_name(raw: &str) -> Result<String, ApiError> {
    let t = raw.trim();
    if t.chars().any(|c| c.is_control()) {
        return Err(ApiError::bad_request(
            "name must not contain control characters",
        ));
    }
    let body = t.trim_matches('/');
    if body.is_empty() {
        return Err(ApiError::bad_request("name must not be empty"));
    }
    let name = format!("/{body}");
    if name.len() > MAX_NAME {
        return Err(ApiError::bad_request(format!(
            "name must be at most {MAX_NAME} characters"
        )));
    }
    Ok(name)
}

/// A comma-separated wire list as its trimmed, non-empty values.
pub(super) fn split_list(v: &Option<String>) -> Vec<String> {
    v.iter()
        .flat_map(|s| s.split(','))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// An item name that is already taken.
pub(super) fn name_taken(name: &str) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        format!(
            "item {name} already exists; pass --force (overwrite) to replace the classic key, choose another name, or delete it with 'akl delete-item -n {name}'"
        ),
    )
}

fn conflict_or(e: StoreError, name: &str) -> ApiError {
    match e {
        StoreError::AlreadyExists(_) => name_taken(name),
        other => other.into(),
    }
}

/// The CSR contents a request describes, checked.
fn spec(req: &GenerateCsr) -> Result<CsrSpec, ApiError> {
    let common_name = req
        .common_name
        .as_deref()
        .map(str::trim)
        .unwrap_or_default();
    if common_name.is_empty() {
        return Err(ApiError::bad_request(
            "common-name is required and must not be empty",
        ));
    }
    let mut certificate_types = Vec::new();
    for t in split_list(&req.certificate_type) {
        certificate_types.push(
            t.parse::<CertificateType>()
                .map_err(|e| ApiError::bad_request(format!("certificate-type: {e}")))?,
        );
    }
    let spec = CsrSpec {
        common_name: common_name.to_owned(),
        organizations: split_list(&req.org),
        organizational_units: split_list(&req.dep),
        localities: split_list(&req.city),
        states: split_list(&req.state),
        countries: split_list(&req.country),
        dns_names: split_list(&req.alt_names),
        email_addresses: split_list(&req.email_addresses),
        ip_addresses: split_list(&req.ip_addresses),
        uris: split_list(&req.uri_sans),
        key_usages: split_list(&req.key_usage),
        ext_key_usages: split_list(&req.ext_key_usage),
        certificate_types,
        critical: req.critical.unwrap_or(false),
    };
    spec.validate()
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    Ok(spec)
}

fn check_key_type(v: Option<&str>) -> Result<(), ApiError> {
    let t = v.map(|s| s.trim().to_ascii_lowercase()).unwrap_or_default();
    match t.as_str() {
        "" | "classic-key" | "classic_key" => Ok(()),
        "dfc" => Err(ApiError::bad_request(
            "key-type dfc (Distributed Fragments Cryptography keys) is not supported by the akl gateway; use key-type classic-key",
        )),
        other => Err(ApiError::bad_request(format!(
            "key-type '{other}' is not classic-key or dfc"
        ))),
    }
}

fn internal(what: &str) -> impl Fn(anyhow::Error) -> ApiError + '_ {
    move |e| {
        tracing::error!(error = %e, "{what}");
        ApiError::internal(format!("{what}; see the gateway log"))
    }
}

/// `POST /generate-csr`: with `generate-key`, a new classic key is made and
/// stored under `name` (an existing name is refused with 409); without it,
/// the key stored under `name` signs the request (404 when absent).
pub async fn generate_csr(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: GenerateCsr = parse_body(body)?;
    let name = item_name(&req.name)?;
    // A new key needs `create` (replacing one also `update`); signing with
    // a stored key reads it.
    let session = authz::session(state, req.session.token.as_deref())?;
    if req.generate_key.unwrap_or(false) {
        session.require(RuleType::Item, &name, Capability::Create)?;
        if req.overwrite.unwrap_or(false) {
            session.require(RuleType::Item, &name, Capability::Update)?;
        }
    } else {
        session.require(RuleType::Item, &name, Capability::Read)?;
    }
    check_key_type(req.key_type.as_deref())?;
    let spec = spec(&req)?;
    let alg = req
        .alg
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<KeyAlg>())
        .transpose()
        .map_err(|e| ApiError::bad_request(format!("alg: {e}")))?;
    let hash = req
        .hash_algorithm
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<HashAlg>())
        .transpose()
        .map_err(|e| ApiError::bad_request(format!("hash-algorithm: {e}")))?;

    let overwrite = req.overwrite.unwrap_or(false);
    let (key, created) = if req.generate_key.unwrap_or(false) {
        if !overwrite && state.store.item(&name)?.is_some() {
            return Err(name_taken(&name));
        }
        let alg = alg.unwrap_or(KeyAlg::Rsa2048);
        let key = tokio::task::spawn_blocking(move || PrivateKey::generate(alg))
            .await
            .map_err(|_| ApiError::internal("key generation was interrupted"))?
            .map_err(internal("key generation failed"))?;
        (key, true)
    } else {
        let (rec, secret) = state.store.item_with_secret(&name)?.ok_or_else(|| {
            ApiError::not_found(format!(
                "classic key {name} not found; pass generate-key=true (--generate-key) to create it"
            ))
        })?;
        if !matches!(rec.kind, ItemKind::ClassicKey { .. }) {
            return Err(ApiError::bad_request(format!(
                "item {name} is {}, not a classic key",
                rec.kind.noun().0
            )));
        }
        let key = PrivateKey::from_pem(&secret.private_key_pem)
            .map_err(internal("a stored classic key is unreadable"))?;
        if let Some(a) = alg
            && a != key.alg()
        {
            return Err(ApiError::bad_request(format!(
                "alg {a} does not match the stored {} key {name}; drop alg or pass {}",
                key.alg(),
                key.alg()
            )));
        }
        (key, false)
    };
    let hash = hash.unwrap_or_else(|| key.default_hash());
    // Every check that can refuse the request runs before the key is stored.
    let csr = spec
        .to_pem(&key, hash)
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let private_pem = key
        .to_traditional_pem()
        .map_err(internal("cannot encode the key"))?;
    if created {
        let spki = key
            .public_key_spki_der()
            .map_err(internal("cannot encode the public key"))?;
        let rec = ItemRecord {
            name: name.clone(),
            id: 0,
            created: now(),
            kind: ItemKind::ClassicKey {
                alg: key.alg().to_string(),
                public_key_spki: STANDARD.encode(spki),
            },
            tags: vec![],
            description: String::new(),
            delete_protection: false,
            modified: 0,
        };
        let secret = ItemSecret {
            private_key_pem: private_pem.clone(),
            certificate_pem: String::new(),
        };
        if overwrite {
            state.store.replace_classic_key(&rec, &secret)?;
        } else {
            state
                .store
                .insert_item(&rec, &secret)
                .map_err(|e| conflict_or(e, &name))?;
        }
        tracing::info!(name = %name, alg = %key.alg(), replaced = overwrite, "classic key created");
    }
    let export = req.export_private_key.unwrap_or(false);
    to_value(&GenerateCsrOutput {
        data: csr,
        private_key: export.then_some(private_pem),
    })
}

/// `POST /export-classic-key`: the stored key as PEM (or its public key).
pub fn export(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: ExportClassicKey = parse_body(body)?;
    let name = item_name(&req.name)?;
    authz::authorize(
        state,
        req.session.token.as_deref(),
        RuleType::Item,
        &name,
        Capability::Read,
    )?;
    if req
        .wrapping_key_name
        .as_deref()
        .is_some_and(|w| !w.trim().is_empty())
    {
        return Err(ApiError::bad_request(
            "wrapping-key-name is not supported by the akl gateway; export without it",
        ));
    }
    let (rec, secret) = state
        .store
        .item_with_secret(&name)?
        .ok_or_else(|| ApiError::not_found(format!("classic key {name} not found")))?;
    let ItemKind::ClassicKey {
        public_key_spki, ..
    } = &rec.kind
    else {
        return Err(ApiError::bad_request(format!(
            "item {name} is {}, not a classic key; use {}",
            rec.kind.noun().0,
            rec.kind.noun().1
        )));
    };
    match req.version {
        None | Some(0) | Some(1) => {}
        Some(v) => {
            return Err(ApiError::not_found(format!(
                "classic key {name} has no version {v}; it has version 1"
            )));
        }
    }
    let public = req.export_public_key.unwrap_or(false);
    let key = if public {
        let der = STANDARD
            .decode(public_key_spki)
            .map_err(|_| ApiError::internal("a stored public key is unreadable"))?;
        crate::pki::pem_encode("PUBLIC KEY", &der)
    } else {
        secret.private_key_pem.clone()
    };
    tracing::info!(name = %name, public_key_only = public, "classic key exported");
    to_value(&ExportClassicKeyOutput {
        key,
        certificate_pem: String::new(),
        ssh: String::new(),
        wrapping_iv: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_normalized_like_akeyless_lists_them() {
        assert_eq!(item_name("k").unwrap(), "/k");
        assert_eq!(item_name(" /k8s/c/csr/u/ ").unwrap(), "/k8s/c/csr/u");
        assert!(item_name("/").is_err());
        assert!(item_name("a\nb").is_err());
        assert!(item_name(&"x".repeat(MAX_NAME + 1)).is_err());
    }

    #[test]
    fn dfc_is_refused_by_name() {
        assert!(check_key_type(None).is_ok());
        assert!(check_key_type(Some("classic-key")).is_ok());
        let e = check_key_type(Some("DFC")).unwrap_err();
        assert!(e.message.contains("dfc") && e.message.contains("not supported"));
        assert!(check_key_type(Some("rsa")).is_err());
    }

    #[test]
    fn missing_common_name_is_named() {
        let req = GenerateCsr {
            name: "k".into(),
            ..Default::default()
        };
        assert!(spec(&req).unwrap_err().message.contains("common-name"));
    }
}
