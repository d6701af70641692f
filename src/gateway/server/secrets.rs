//! Static secrets (akeyless-roles-secrets.md §4): `create-secret`,
//! `get-secret-value`, `update-secret-val`. Values are sealed per version
//! by the store; they never reach a log line or an error message.

use std::sync::Arc;

use axum::body::Bytes;
use serde_json::{Map, Value};

use super::authz::{self, Capability, RuleType};
use super::certificates::clean_list;
use super::classic_keys::{item_name, name_taken, to_value};
use super::items::parse_max_versions;
use super::store::{ItemKind, ItemRecord, StoreError, VersionSel};
use super::{ApiError, AppState, now, parse_body};
use crate::gateway::api::{
    CreateSecret, GetSecretValue, MAX_SECRET_VALUE, MAX_VERSIONS_RETURNED, SecretNameOutput,
    UpdateSecretVal, parse_bool_string,
};

fn check_value(v: &str) -> Result<(), ApiError> {
    if v.len() > MAX_SECRET_VALUE {
        return Err(ApiError::bad_request(format!(
            "value is {} bytes; a secret value may be at most {MAX_SECRET_VALUE} bytes (1 MiB)",
            v.len()
        )));
    }
    Ok(())
}

fn refuse_protection_key(field: &str, v: Option<&str>) -> Result<(), ApiError> {
    if v.is_some_and(|k| !k.trim().is_empty()) {
        return Err(ApiError::bad_request(format!(
            "{field} (a protection key name) is not supported by the akl gateway: values are sealed with the gateway's master key; drop it"
        )));
    }
    Ok(())
}

fn check_format(v: Option<&str>) -> Result<String, ApiError> {
    let f = v
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "text".into());
    match f.as_str() {
        "text" | "json" | "key-value" => Ok(f),
        other => Err(ApiError::bad_request(format!(
            "format '{other}' is not text, json or key-value"
        ))),
    }
}

/// `json` and `key-value` values must be JSON objects (key-value: of
/// strings), so clients decoding them never fail later.
fn check_value_format(format: &str, value: &str) -> Result<(), ApiError> {
    match format {
        "json" => serde_json::from_str::<Value>(value)
            .map(|_| ())
            .map_err(|_| ApiError::bad_request("value is not valid JSON but format is json")),
        "key-value" => match serde_json::from_str::<Value>(value) {
            Ok(Value::Object(m)) if m.values().all(Value::is_string) => Ok(()),
            _ => Err(ApiError::bad_request(
                "value must be a JSON object of strings ({\"k\":\"v\"}) for format key-value",
            )),
        },
        _ => Ok(()),
    }
}

/// `POST /create-secret`.
pub fn create(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: CreateSecret = parse_body(body)?;
    let name = item_name(&req.name)?;
    authz::authorize(
        state,
        req.session.token.as_deref(),
        RuleType::Item,
        &name,
        Capability::Create,
    )?;
    check_value(&req.value)?;
    refuse_protection_key("protection_key", req.protection_key.as_deref())?;
    let sub_type = req
        .secret_type
        .as_deref()
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "generic".into());
    if sub_type != "generic" {
        return Err(ApiError::bad_request(format!(
            "type '{sub_type}' is not supported by the akl gateway; use generic (the default)"
        )));
    }
    let format = check_format(req.format.as_deref())?;
    check_value_format(&format, &req.value)?;
    let delete_protection = parse_bool_string(req.delete_protection.as_deref())
        .map_err(|e| ApiError::bad_request(format!("delete_protection: {e}")))?
        .unwrap_or(false);
    let max_versions = parse_max_versions(req.max_versions.as_deref())?.unwrap_or(0);
    let t = now();
    let rec = ItemRecord {
        name: name.clone(),
        id: 0,
        created: t,
        kind: ItemKind::StaticSecret {
            sub_type,
            format,
            max_versions,
            last_version: 1,
        },
        tags: clean_list(&req.tags),
        description: req
            .description
            .clone()
            .or_else(|| req.metadata.clone())
            .unwrap_or_default(),
        delete_protection,
        modified: t,
    };
    state
        .store
        .insert_secret(&rec, req.value.as_bytes())
        .map_err(|e| match e {
            StoreError::AlreadyExists(_) => name_taken(&name),
            other => other.into(),
        })?;
    tracing::info!(name = %name, "static secret created");
    to_value(&SecretNameOutput { name })
}

/// What a version selector asks for: absent/0 = latest, N > 0 = that
/// version, -N = the newest N (at most 20).
fn selector(v: Option<i64>) -> Result<VersionSel, ApiError> {
    match v.unwrap_or(0) {
        0 => Ok(VersionSel::Latest),
        n if n > 0 => Ok(VersionSel::Exact(n)),
        n if n >= -MAX_VERSIONS_RETURNED => Ok(VersionSel::LastN(-n)),
        n => Err(ApiError::bad_request(format!(
            "version {n}: a negative version returns the last N versions, at most {MAX_VERSIONS_RETURNED}"
        ))),
    }
}

fn utf8(name: &str, v: Vec<u8>) -> Result<String, ApiError> {
    String::from_utf8(v)
        .map_err(|_| ApiError::internal(format!("the stored value of {name} is not UTF-8")))
}

/// `POST /get-secret-value`: a map keyed by the names exactly as sent.
/// Every name is authorized before any value is read, so a denied name
/// fails the whole request (401) without revealing the others.
pub fn get_value(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: GetSecretValue = parse_body(body)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    if req.names.is_empty() || req.names.iter().all(|n| n.trim().is_empty()) {
        return Err(ApiError::bad_request(
            "names must list at least one secret name",
        ));
    }
    let sel = selector(req.version)?;
    let mut names = Vec::with_capacity(req.names.len());
    for sent in &req.names {
        let name = item_name(sent)?;
        session.require(RuleType::Item, &name, Capability::Read)?;
        names.push((sent, name));
    }
    let mut out = Map::new();
    for (sent, name) in names {
        let Some((_, values)) = state.store.secret_values(&name, sel)? else {
            return Err(match state.store.item(&name)? {
                Some(other) => ApiError::bad_request(format!(
                    "item {name} is {}, not a static secret; use {}",
                    other.kind.noun().0,
                    other.kind.noun().1
                )),
                None => ApiError::not_found(format!("item {name} not found")),
            });
        };
        let value = match sel {
            VersionSel::LastN(_) => {
                let mut m = Map::new();
                for (v, bytes) in values.into_iter().rev() {
                    m.insert(v.to_string(), Value::String(utf8(&name, bytes)?));
                }
                Value::Object(m)
            }
            VersionSel::Exact(v) => {
                let Some((_, bytes)) = values.into_iter().next() else {
                    return Err(ApiError::not_found(format!(
                        "item {name} has no version {v}"
                    )));
                };
                Value::String(utf8(&name, bytes)?)
            }
            VersionSel::Latest => {
                let Some((_, bytes)) = values.into_iter().next() else {
                    return Err(ApiError::not_found(format!("item {name} has no versions")));
                };
                Value::String(utf8(&name, bytes)?)
            }
        };
        out.insert(sent.clone(), value);
    }
    Ok(Value::Object(out))
}

/// `POST /update-secret-val`: overwrites the latest version, or with
/// `keep-prev-version=true` (or the deprecated `new-version`) writes a new
/// one, keeping at most `max-versions`.
pub fn update_value(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: UpdateSecretVal = parse_body(body)?;
    let name = item_name(&req.name)?;
    authz::authorize(
        state,
        req.session.token.as_deref(),
        RuleType::Item,
        &name,
        Capability::Update,
    )?;
    check_value(&req.value)?;
    refuse_protection_key("key", req.key.as_deref())?;
    let keep = parse_bool_string(req.keep_prev_version.as_deref())
        .map_err(|e| ApiError::bad_request(format!("keep-prev-version: {e}")))?
        .unwrap_or(false)
        || req.new_version.unwrap_or(false);
    let Some(current) = state.store.item(&name)? else {
        return Err(ApiError::not_found(format!("item {name} not found")));
    };
    let ItemKind::StaticSecret { format, .. } = &current.kind else {
        return Err(ApiError::bad_request(format!(
            "item {name} is {}, not a static secret",
            current.kind.noun().0
        )));
    };
    if let Some(f) = req.format.as_deref().filter(|f| !f.trim().is_empty()) {
        let f = check_format(Some(f))?;
        if &f != format {
            return Err(ApiError::bad_request(format!(
                "format {f} differs from the secret's format {format}; formats cannot change"
            )));
        }
    }
    check_value_format(format, &req.value)?;
    let rec = state
        .store
        .update_secret_value(&name, req.value.as_bytes(), keep, req.last_version, now())
        .map_err(|e| match e {
            StoreError::NotFound(_) => ApiError::not_found(format!("item {name} not found")),
            other => other.into(),
        })?;
    if let ItemKind::StaticSecret { last_version, .. } = rec.kind {
        tracing::info!(name = %name, version = last_version, new_version = keep, "secret value updated");
    }
    to_value(&SecretNameOutput { name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_selectors() {
        assert_eq!(selector(None).unwrap(), VersionSel::Latest);
        assert_eq!(selector(Some(0)).unwrap(), VersionSel::Latest);
        assert_eq!(selector(Some(3)).unwrap(), VersionSel::Exact(3));
        assert_eq!(selector(Some(-4)).unwrap(), VersionSel::LastN(4));
        assert!(
            selector(Some(-21))
                .unwrap_err()
                .message
                .contains("at most 20")
        );
    }

    #[test]
    fn values_are_bounded_and_formats_checked() {
        assert!(check_value(&"a".repeat(MAX_SECRET_VALUE)).is_ok());
        let e = check_value(&"a".repeat(MAX_SECRET_VALUE + 1)).unwrap_err();
        assert!(e.message.starts_with("value is"), "{}", e.message);
        assert!(check_value_format("json", "{\"a\":1}").is_ok());
        assert!(check_value_format("json", "nope").is_err());
        assert!(check_value_format("key-value", "{\"a\":\"b\"}").is_ok());
        assert!(check_value_format("key-value", "{\"a\":1}").is_err());
        assert!(check_value_format("text", "anything").is_ok());
        assert!(check_format(Some("yaml")).is_err());
    }
}
