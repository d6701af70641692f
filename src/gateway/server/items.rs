//! Commands on every item kind (classic keys, certificates, static
//! secrets): `list-items`, `describe-item`, `update-item`, `delete-item`.
//!
//! Authorization is by item name (item rules): `list-items` silently
//! leaves out what the caller may not list, `describe-item` needs `list`
//! (metadata only), `update-item` `update`, `delete-item` `delete`. A
//! denied caller gets 401 whether or not the item exists; 404 only goes to
//! a caller allowed to know.

use std::sync::Arc;

use axum::body::Bytes;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::Value;

use super::authz::{self, Capability, RuleType, Session};
use super::certificates::{check_version, clean_list};
use super::classic_keys::{item_name, to_value};
use super::store::{ItemKind, ItemRecord, MAX_MAX_VERSIONS};
use super::{ApiError, AppState, StoreError, now, parse_body, rfc3339};
use crate::gateway::api::{
    CertificateChainInfo, CertificateExpirationEvent, CertificateInfo, ClassicKeyDetailsInfo,
    DEFAULT_METADATA, DeleteItem, DeleteItemOutput, DescribeItem, Item, ItemGeneralInfo,
    ItemVersion, ListItems, ListItemsOutput, StaticSecretDetailsInfo, UpdateItem, UpdateItemOutput,
    parse_bool_string,
};

/// Items per `list-items` page (akeyless: "first 1000 only" without
/// auto-pagination).
pub const PAGE_SIZE: usize = 1000;

/// `item_type` folded for comparison with `type` filters: `CLASSIC_KEY`,
/// `classic-key` and `classic_key` are the same.
fn fold_type(t: &str) -> String {
    t.trim().to_ascii_lowercase().replace('_', "-")
}

/// The wire form of a stored item.
pub fn to_api(rec: &ItemRecord, now: i64) -> Item {
    let mut item = Item {
        item_name: rec.name.clone(),
        item_id: rec.id,
        display_id: rec.id.to_string(),
        item_type: rec.kind.item_type().to_owned(),
        item_sub_type: String::new(),
        item_tags: rec.tags.clone(),
        item_metadata: rec.description.clone(),
        creation_date: rfc3339(rec.created),
        modification_date: rfc3339(rec.modified.max(rec.created)),
        delete_protection: rec.delete_protection,
        last_version: 1,
        public_value: String::new(),
        item_general_info: ItemGeneralInfo::default(),
        is_enabled: true,
        item_state: "Enabled".into(),
        ..Default::default()
    };
    match &rec.kind {
        ItemKind::ClassicKey {
            alg,
            public_key_spki,
        } => {
            let public = STANDARD
                .decode(public_key_spki)
                .map(|der| crate::pki::pem_encode("PUBLIC KEY", &der))
                .unwrap_or_default();
            item.public_value = public.clone();
            item.item_general_info.classic_key_details = Some(ClassicKeyDetailsInfo {
                key_type: alg.clone(),
                public_key: public,
                is_provided_by_user: false,
            });
        }
        ItemKind::Certificate {
            not_before,
            not_after,
            serial,
            sha256_fingerprint,
            format,
            has_private_key,
            expiration_event_in,
        } => {
            let events: Vec<CertificateExpirationEvent> = expiration_event_in
                .iter()
                .map(|d| CertificateExpirationEvent {
                    seconds_before: i64::from(*d) * 86_400,
                })
                .collect();
            item.item_general_info.certificate_format = format.clone();
            item.item_general_info.expiration_events = events.clone();
            item.item_general_info.certificate_chain_info = Some(CertificateChainInfo {
                certificate_chain: vec![CertificateInfo {
                    not_after: rfc3339(*not_after),
                    not_before: rfc3339(*not_before),
                    serial_number: serial.clone(),
                    sha_256_fingerprint: sha256_fingerprint.clone(),
                }],
                certificate_format: format.clone(),
                certificate_has_private_key: *has_private_key,
                certificate_status: if *not_after <= now {
                    "expired"
                } else {
                    "valid"
                }
                .into(),
                expiration_events: events,
            });
        }
        ItemKind::StaticSecret {
            sub_type,
            format,
            max_versions,
            last_version,
        } => {
            item.item_sub_type = sub_type.clone();
            item.last_version = *last_version;
            item.item_general_info.static_secret_info = Some(StaticSecretDetailsInfo {
                format: format.clone(),
                max_versions: *max_versions,
                ..Default::default()
            });
        }
    }
    item
}

/// The item `name` for a caller allowed `cap` on it: 401 first (whether
/// or not it exists), then 404.
pub fn find(
    state: &AppState,
    session: &Session,
    name: &str,
    cap: Capability,
) -> Result<ItemRecord, ApiError> {
    session.require(RuleType::Item, name, cap)?;
    state
        .store
        .item(name)?
        .ok_or_else(|| ApiError::not_found(format!("item {name} not found")))
}

/// Encodes where the next page starts (the next item's name) as an opaque
/// token: names sort stably, so inserts between pages shift nothing.
fn page_token(next_name: &str) -> String {
    URL_SAFE_NO_PAD.encode(next_name.as_bytes())
}

fn page_start(token: Option<&str>) -> Result<Option<String>, ApiError> {
    let Some(t) = token.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    URL_SAFE_NO_PAD
        .decode(t)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .map(Some)
        .ok_or_else(|| {
            ApiError::bad_request(
                "pagination-token is not a next_page value of list-items; pass it unchanged",
            )
        })
}

/// One page of `items` (sorted by name) starting at `start`; returns the
/// page and the token of the next one (empty on the last page).
fn paginate(items: Vec<Item>, start: Option<&str>, size: usize) -> (Vec<Item>, String) {
    let mut rest: Vec<Item> = items
        .into_iter()
        .filter(|i| start.is_none_or(|s| i.item_name.as_str() >= s))
        .collect();
    if rest.len() <= size {
        return (rest, String::new());
    }
    let tail = rest.split_off(size);
    let token = page_token(&tail[0].item_name);
    (rest, token)
}

/// `POST /list-items`: matching items the caller may list, a page at a time.
pub fn list(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: ListItems = parse_body(body)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let types: Vec<String> = clean_list(&req.types)
        .iter()
        .flat_map(|t| t.split(','))
        .map(fold_type)
        .filter(|t| !t.is_empty())
        .collect();
    let sub_types: Vec<String> = clean_list(&req.sub_types);
    let folder = req
        .path
        .as_deref()
        .map(|p| p.trim().trim_matches('/'))
        .filter(|p| !p.is_empty())
        .map(|p| format!("/{p}/"));
    let filter = req.filter.clone().unwrap_or_default();
    let tag = req.tag.as_deref().map(str::trim).unwrap_or_default();
    let start = page_start(req.pagination_token.as_deref())?;
    let t = now();
    let items: Vec<Item> = state
        .store
        .items()?
        .iter()
        .filter(|r| types.is_empty() || types.contains(&fold_type(r.kind.item_type())))
        .filter(|r| {
            folder
                .as_ref()
                .is_none_or(|f| r.name.starts_with(f.as_str()))
        })
        .filter(|r| filter.is_empty() || r.name.contains(&filter))
        .filter(|r| tag.is_empty() || r.tags.iter().any(|x| x == tag))
        // What the caller may not list is left out without an error.
        .filter(|r| session.can(RuleType::Item, &r.name, Capability::List))
        .map(|r| {
            let mut i = to_api(r, t);
            i.client_permissions = session.permissions(RuleType::Item, &r.name);
            i
        })
        .filter(|i| sub_types.is_empty() || sub_types.contains(&i.item_sub_type))
        .collect();
    let (items, next_page) = paginate(items, start.as_deref(), PAGE_SIZE);
    to_value(&ListItemsOutput {
        items,
        folders: vec![],
        has_next: !next_page.is_empty(),
        next_page,
    })
}

/// `POST /describe-item`: an item's metadata (never its value).
pub fn describe(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: DescribeItem = parse_body(body)?;
    let name = item_name(&req.name)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let rec = find(state, &session, &name, Capability::List)?;
    let mut item = to_api(&rec, now());
    item.client_permissions = session.permissions(RuleType::Item, &rec.name);
    if req.show_versions.unwrap_or(false) {
        item.item_versions = Some(match rec.kind {
            ItemKind::StaticSecret { .. } => state
                .store
                .secret_versions(&rec.name)?
                .into_iter()
                .map(|v| ItemVersion {
                    version: v.version,
                    creation_date: rfc3339(v.created),
                    modification_date: rfc3339(v.modified),
                    item_version_state: "Active".into(),
                })
                .collect(),
            _ => vec![ItemVersion {
                version: 1,
                creation_date: rfc3339(rec.created),
                modification_date: rfc3339(rec.modified.max(rec.created)),
                item_version_state: "Active".into(),
            }],
        });
    }
    to_value(&item)
}

/// A description field unless it holds the SDK's "no change" default.
fn changed_text(v: &Option<String>) -> Option<String> {
    v.clone().filter(|d| d != DEFAULT_METADATA)
}

/// Parses `max-versions` (a number carried as a string): 1..=300.
pub fn parse_max_versions(v: Option<&str>) -> Result<Option<i64>, ApiError> {
    let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    match v.parse::<i64>() {
        Ok(n) if (1..=MAX_MAX_VERSIONS).contains(&n) => Ok(Some(n)),
        _ => Err(ApiError::bad_request(format!(
            "max-versions '{v}' is not a whole number from 1 to {MAX_MAX_VERSIONS}"
        ))),
    }
}

/// `POST /update-item`: description, tags, delete protection and (static
/// secrets) max-versions. Never creates a version.
pub fn update(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: UpdateItem = parse_body(body)?;
    let name = item_name(&req.name)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    // Validate everything before touching anything.
    if req
        .new_name
        .as_deref()
        .is_some_and(|n| !n.trim().is_empty() && item_name(n).ok().as_deref() != Some(&name))
    {
        return Err(ApiError::bad_request(
            "new-name is not supported by the akl gateway (values are sealed to their item name); create the item under the new name and delete the old one",
        ));
    }
    let protection = parse_bool_string(req.delete_protection.as_deref())
        .map_err(|e| ApiError::bad_request(format!("delete_protection: {e}")))?;
    let max_versions = parse_max_versions(req.max_versions.as_deref())?;
    let mut rec = find(state, &session, &name, Capability::Update)?;
    if let Some(d) = changed_text(&req.description).or_else(|| changed_text(&req.new_metadata)) {
        rec.description = d;
    }
    for t in clean_list(&req.add_tag) {
        if !rec.tags.contains(&t) {
            rec.tags.push(t);
        }
    }
    let rm = clean_list(&req.rm_tag);
    rec.tags.retain(|t| !rm.contains(t));
    if let Some(p) = protection {
        rec.delete_protection = p;
    }
    if let Some(n) = max_versions {
        match &mut rec.kind {
            ItemKind::StaticSecret { max_versions, .. } => *max_versions = n,
            other => {
                return Err(ApiError::bad_request(format!(
                    "max-versions applies to static secrets only; {name} is {}",
                    other.item_type()
                )));
            }
        }
    }
    rec.modified = now();
    state.store.update_item_metadata(&rec)?;
    tracing::info!(name = %name, "item metadata updated");
    to_value(&UpdateItemOutput { updated: true })
}

/// `POST /delete-item`: deletes at once (akeyless' `delete-in-days` grace
/// period for keys is not kept: there is no undelete). For a static
/// secret, `version` N deletes that version and 0 the latest.
pub fn delete(state: &Arc<AppState>, body: &Bytes) -> Result<Value, ApiError> {
    let req: DeleteItem = parse_body(body)?;
    let name = item_name(&req.name)?;
    let session = authz::session(state, req.session.token.as_deref())?;
    let version = req.version.unwrap_or(-1);
    if version < -1 {
        return Err(ApiError::bad_request(format!(
            "version {version} is not -1 (the whole item), 0 (the latest) or a version number"
        )));
    }
    let rec = find(state, &session, &name, Capability::Delete)?;
    if rec.delete_protection {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            format!(
                "item {name} is protected from deletion (delete_protection); run 'akl update-item -n {name} --delete-protection false' first"
            ),
        ));
    }
    if let ItemKind::StaticSecret { last_version, .. } = rec.kind
        && version != -1
    {
        let v = if version == 0 { last_version } else { version };
        state.store.delete_secret_version(&name, v)?;
        tracing::info!(name = %name, version = v, "secret version deleted");
        return to_value(&DeleteItemOutput {
            deletion_date: rfc3339(now()),
            item_id: rec.id,
            item_name: rec.name,
            version_deleted: v,
        });
    }
    if version != -1 {
        check_version(Some(version), &name)?;
    }
    let rec = state.store.delete_item(&name).map_err(|e| match e {
        StoreError::NotFound(_) => ApiError::not_found(format!("item {name} not found")),
        other => other.into(),
    })?;
    tracing::info!(name = %name, item_type = rec.kind.item_type(), "item deleted");
    to_value(&DeleteItemOutput {
        deletion_date: rfc3339(now()),
        item_id: rec.id,
        item_name: rec.name,
        version_deleted: version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str) -> Item {
        Item {
            item_name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn pages_follow_names_and_end_with_an_empty_token() {
        let all: Vec<Item> = ["/a", "/b", "/c", "/d", "/e"]
            .iter()
            .map(|n| item(n))
            .collect();
        let (p1, t1) = paginate(all.clone(), None, 2);
        assert_eq!(
            p1.iter().map(|i| i.item_name.as_str()).collect::<Vec<_>>(),
            ["/a", "/b"]
        );
        let s1 = page_start(Some(&t1)).unwrap();
        let (p2, t2) = paginate(all.clone(), s1.as_deref(), 2);
        assert_eq!(
            p2.iter().map(|i| i.item_name.as_str()).collect::<Vec<_>>(),
            ["/c", "/d"]
        );
        let s2 = page_start(Some(&t2)).unwrap();
        let (p3, t3) = paginate(all, s2.as_deref(), 2);
        assert_eq!(p3.len(), 1);
        assert!(t3.is_empty());
        assert!(page_start(Some("%%%")).is_err());
    }

    #[test]
    fn max_versions_bounds() {
        assert_eq!(parse_max_versions(Some("5")).unwrap(), Some(5));
        assert_eq!(parse_max_versions(None).unwrap(), None);
        for bad in ["0", "301", "x", "-1"] {
            let e = parse_max_versions(Some(bad)).unwrap_err();
            assert!(e.message.contains("max-versions"), "{}", e.message);
        }
    }
}
