//! Static secrets and item metadata (akeyless-roles-secrets.md §4):
//! create-secret, get-secret-value, update-secret-val, describe-item and
//! update-item. Underscore keys (`delete_protection`, `protection_key`,
//! `multiline_value`) and string booleans/numbers (`keep-prev-version`,
//! `max-versions`, `ignore-cache`) are copied from the Python SDK models.

use serde::{Deserialize, Serialize};

use super::{SessionFields, bool_or_string};

/// Largest static-secret value the gateway stores (bytes).
pub const MAX_SECRET_VALUE: usize = 1024 * 1024;

/// `item_type` of a static secret.
pub const STATIC_SECRET: &str = "STATIC_SECRET";

/// `POST /create-secret` (PY `create_secret.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct CreateSecret {
    pub name: String,
    pub value: String,
    /// `generic` (default) or `password`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub secret_type: Option<String>,
    /// `text` (default), `json` or `key-value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
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
    /// A number carried as a string.
    #[serde(
        default,
        deserialize_with = "bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_versions: Option<String>,
    /// Protection key name, spelled with an underscore; refused (values are
    /// sealed with the gateway's master key).
    #[serde(
        default,
        rename = "protection_key",
        skip_serializing_if = "Option::is_none"
    )]
    pub protection_key: Option<String>,
    #[serde(
        default,
        rename = "multiline_value",
        skip_serializing_if = "Option::is_none"
    )]
    pub multiline_value: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessibility: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/create-secret` and `/update-secret-val` response (PY
/// `create_secret_output.py`, `update_secret_val_output.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SecretNameOutput {
    pub name: String,
}

/// `POST /get-secret-value` (PY `get_secret_value.py`). The response is a
/// JSON object keyed by the names exactly as sent; with a negative
/// `version` each value is itself an object `{"<version>": value}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct GetSecretValue {
    pub names: Vec<String>,
    /// Absent or 0 = latest; N = that version; -N = the last N (max 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(
        default,
        deserialize_with = "bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub ignore_cache: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessibility: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pretty_print: Option<bool>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// Most versions `get-secret-value` returns for a negative `version`.
pub const MAX_VERSIONS_RETURNED: i64 = 20;

/// `POST /update-secret-val` (PY `update_secret_val.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct UpdateSecretVal {
    pub name: String,
    pub value: String,
    /// `"true"` writes a new version; otherwise the latest is overwritten.
    #[serde(
        default,
        deserialize_with = "bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub keep_prev_version: Option<String>,
    /// Protection key name; refused like `protection_key` on create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiline: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Optimistic concurrency: refuse when the latest version differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_version: Option<i64>,
    /// Deprecated: same as `keep-prev-version=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_version: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessibility: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `POST /describe-item` (PY `describe_item.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct DescribeItem {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_versions: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessibility: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// The SDK's "no change" value of `update-item` descriptions.
pub const DEFAULT_METADATA: &str = "default_metadata";

/// `POST /update-item` (PY `update_item.py`): metadata only, never a new
/// version.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct UpdateItem {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_name: Option<String>,
    /// `"default_metadata"` (the SDK default) = leave it alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Deprecated spelling of `description` (same default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_metadata: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_tag: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rm_tag: Option<Vec<String>>,
    /// `"true"`/`"false"`; the key is spelled with an underscore.
    #[serde(
        default,
        rename = "delete_protection",
        deserialize_with = "bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub delete_protection: Option<String>,
    /// Static secrets only; a number carried as a string.
    #[serde(
        default,
        deserialize_with = "bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_versions: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessibility: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/update-item` response (PY `update_item_output.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct UpdateItemOutput {
    #[serde(default)]
    pub updated: bool,
}

/// PY `static_secret_details_info.py` (the fields akl fills).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct StaticSecretDetailsInfo {
    /// `text`, `json` or `key-value`.
    #[serde(default)]
    pub format: String,
    /// 0 = the gateway default.
    #[serde(default)]
    pub max_versions: i64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub username: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub websites: Vec<String>,
}

/// PY `item_version.py` (the fields akl fills).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ItemVersion {
    pub version: i64,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub creation_date: String,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub modification_date: String,
    /// `Active`.
    #[serde(default)]
    pub item_version_state: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quirky_request_keys() {
        let c: CreateSecret = serde_json::from_value(json!({
            "name": "/s", "value": "v", "max-versions": 5, "delete_protection": "true",
            "protection_key": "", "multiline_value": true, "tags": ["a"]
        }))
        .unwrap();
        assert_eq!(c.max_versions.as_deref(), Some("5"));
        assert_eq!(c.delete_protection.as_deref(), Some("true"));
        assert_eq!(c.multiline_value, Some(true));
        let u: UpdateSecretVal =
            serde_json::from_value(json!({"name": "/s", "value": "v", "keep-prev-version": true}))
                .unwrap();
        assert_eq!(u.keep_prev_version.as_deref(), Some("true"));
        let g: GetSecretValue = serde_json::from_value(
            json!({"names": ["/a", "b"], "version": 0, "ignore-cache": "false"}),
        )
        .unwrap();
        assert_eq!(g.version, Some(0));
        let l: crate::gateway::api::ListItems =
            serde_json::from_value(json!({"sub_types": ["generic"], "type": ["static-secret"]}))
                .unwrap();
        assert_eq!(l.sub_types.unwrap(), ["generic"]);
        let i: UpdateItem =
            serde_json::from_value(json!({"name": "/s", "add-tag": ["x"], "rm-tag": ["y"]}))
                .unwrap();
        assert_eq!(i.add_tag.unwrap(), ["x"]);
    }
}
