//! Items: classic keys, CSRs, certificates, listing and deletion (reference §4).

use serde::{Deserialize, Serialize};

use super::{SessionFields, bool_or_string};

/// `POST /generate-csr` (reference §4; PY `generate_csr.py`). Subject and
/// SAN lists are comma-separated strings on the wire, not arrays.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct GenerateCsr {
    /// Key name.
    pub name: String,
    /// Create (and store) a new classic key under `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate_key: Option<bool>,
    /// `RSA1024`…`RSA4096`, `EC256`, `EC384` (new keys; default RSA2048).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// Required; optional here so the gateway names it when missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub common_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dep: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt_names: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_addresses: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_addresses: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri_sans: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_usage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext_key_usage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical: Option<bool>,
    /// `SHA256` (default; SHA384 for EC384), `SHA384`, `SHA512`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash_algorithm: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_private_key: Option<bool>,
    /// Comma-separated `ssl-client`, `ssl-server`, `certificate-signing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_type: Option<String>,
    /// `classic-key` (default) or `dfc` (refused: not supported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_type: Option<String>,
    /// DFC only; ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_level: Option<i64>,
    /// Beyond akeyless: with `generate-key`, replace an existing classic key
    /// of the same name instead of refusing (never a certificate, never a
    /// delete-protected item).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overwrite: Option<bool>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/generate-csr` response.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GenerateCsrOutput {
    /// PEM `CERTIFICATE REQUEST`.
    pub data: String,
    /// Beyond akeyless (as in local mode): the PEM key, with
    /// `export-private-key` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key: Option<String>,
}

/// `POST /export-classic-key` (PY `export_classic_key.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ExportClassicKey {
    pub name: String,
    /// Classic keys made here have one version, 1 (0 = latest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_public_key: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_cache: Option<String>,
    /// Refused: key wrapping is not supported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrapping_key_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessibility: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/export-classic-key` response: exactly these four keys, spelled as
/// akeyless spells them (`certificatePem` next to `wrapping-iv`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ExportClassicKeyOutput {
    /// PEM private key (PKCS#1 for RSA, SEC1 for EC), or the PEM public key
    /// with `export-public-key`.
    #[serde(default)]
    pub key: String,
    #[serde(default, rename = "certificatePem")]
    pub certificate_pem: String,
    #[serde(default)]
    pub ssh: String,
    #[serde(default, rename = "wrapping-iv")]
    pub wrapping_iv: String,
}

/// `POST /create-certificate` (PY `create_certificate.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct CreateCertificate {
    pub name: String,
    /// Base64 of the certificate file's content (PEM, or DER for cer/crt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_data: Option<String>,
    /// Base64 of the private key file's content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_data: Option<String>,
    /// `pem` (default), `crt`, `cer`; `pfx`/`p12` are refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Days before expiration at which to raise an event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_event_in: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Protection key name; refused (items are sealed with the gateway's master key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Deprecated spelling of `description`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    /// `"true"`/`"false"`; the key is spelled with an underscore.
    #[serde(
        default,
        rename = "delete_protection",
        deserialize_with = "bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub delete_protection: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/create-certificate` response.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CreateCertificateOutput {
    pub name: String,
}

/// `POST /get-certificate-value` (PY `get_certificate_value.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct GetCertificateValue {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_cache: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/get-certificate-value` response (PY `get_certificate_value_output.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GetCertificateValueOutput {
    #[serde(default)]
    pub certificate_pem: String,
    /// Absent when the certificate was stored without its key.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub private_key_pem: String,
}

/// `POST /list-items` (PY `list_items.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ListItems {
    /// Items whose name contains this text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// Items under this folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Items carrying this tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Item types (`static-secret`, `classic-key`, `certificate`, …);
    /// empty = all.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub types: Option<Vec<String>>,
    /// `generic`/`password` for secrets; GO24 spells it `sub_types`.
    #[serde(default, alias = "sub_types", skip_serializing_if = "Option::is_none")]
    pub sub_types: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimal_view: Option<bool>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `seconds_before` of an expiration event (PY `certificate_expiration_event.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CertificateExpirationEvent {
    pub seconds_before: i64,
}

/// PY `classic_key_details_info.py` (the fields akl fills).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ClassicKeyDetailsInfo {
    /// `RSA2048`, `EC256`, …
    #[serde(default)]
    pub key_type: String,
    /// PEM public key.
    #[serde(default)]
    pub public_key: String,
    #[serde(default)]
    pub is_provided_by_user: bool,
}

/// PY `certificate_info.py` (the fields akl fills).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CertificateInfo {
    /// RFC 3339 UTC.
    #[serde(default)]
    pub not_after: String,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub not_before: String,
    #[serde(default)]
    pub serial_number: String,
    #[serde(default)]
    pub sha_256_fingerprint: String,
}

/// PY `certificate_chain_info.py` (the fields akl fills).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CertificateChainInfo {
    #[serde(default)]
    pub certificate_chain: Vec<CertificateInfo>,
    #[serde(default)]
    pub certificate_format: String,
    #[serde(default)]
    pub certificate_has_private_key: bool,
    /// `valid` or `expired`.
    #[serde(default)]
    pub certificate_status: String,
    #[serde(default)]
    pub expiration_events: Vec<CertificateExpirationEvent>,
}

/// PY `item_general_info.py` (the fields akl fills).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ItemGeneralInfo {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub certificate_format: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_chain_info: Option<CertificateChainInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classic_key_details: Option<ClassicKeyDetailsInfo>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expiration_events: Vec<CertificateExpirationEvent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub static_secret_info: Option<super::StaticSecretDetailsInfo>,
}

/// An item as list-items returns it (PY `item.py`, the fields akl fills).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Item {
    pub item_name: String,
    #[serde(default)]
    pub item_id: i64,
    /// `CLASSIC_KEY`, `CERTIFICATE` or `STATIC_SECRET`.
    #[serde(default)]
    pub item_type: String,
    #[serde(default)]
    pub item_sub_type: String,
    #[serde(default)]
    pub item_tags: Vec<String>,
    /// The description.
    #[serde(default)]
    pub item_metadata: String,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub creation_date: String,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub modification_date: String,
    #[serde(default)]
    pub delete_protection: bool,
    #[serde(default)]
    pub last_version: i64,
    /// PEM public key of a classic key.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub public_value: String,
    #[serde(default)]
    pub item_general_info: ItemGeneralInfo,
    /// Same as `item_id`, as a string (describe-item `display-id`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub display_id: String,
    /// The caller's capabilities on this item.
    #[serde(default)]
    pub client_permissions: Vec<String>,
    #[serde(default)]
    pub is_enabled: bool,
    /// `Enabled`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub item_state: String,
    /// With describe-item `show-versions` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_versions: Option<Vec<super::ItemVersion>>,
}

/// `/list-items` response (PY `list_items_in_path_output.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ListItemsOutput {
    pub items: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub folders: Vec<String>,
    /// Pass as `pagination-token` for the next page; empty on the last.
    #[serde(default)]
    pub next_page: String,
    #[serde(default)]
    pub has_next: bool,
}

/// `POST /delete-item` (PY `delete_item.py`). Deletion is immediate.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct DeleteItem {
    pub name: String,
    /// -1 (default) = the whole item; 0 = last version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_immediately: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_in_days: Option<i64>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/delete-item` response (PY `delete_item_output.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct DeleteItemOutput {
    /// RFC 3339 UTC.
    #[serde(default)]
    pub deletion_date: String,
    #[serde(default)]
    pub item_id: i64,
    #[serde(default)]
    pub item_name: String,
    #[serde(default)]
    pub version_deleted: i64,
}
