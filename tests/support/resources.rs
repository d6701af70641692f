//! Object storage and the per-resource behaviour of the API server and of the
//! controllers it stands in for (token controller, CSR signer, namespace bootstrap).

use super::Shared;
use super::authn::{UserInfo, legacy_claims};
use super::rbac::{self, Attrs};
use super::util::*;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// One API resource this server serves.
pub struct Res {
    pub group: &'static str,
    pub version: &'static str,
    pub plural: &'static str,
    pub singular: &'static str,
    pub kind: &'static str,
    pub namespaced: bool,
    pub short: &'static [&'static str],
    /// create-only review resources that are never stored
    pub review: bool,
    /// PUT of a missing object creates it (RBAC resources)
    pub create_on_update: bool,
}

impl Res {
    pub fn gr(&self) -> GroupResource {
        GroupResource::new(self.group, self.plural)
    }

    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    fn key(&self) -> String {
        format!("{}/{}", self.group, self.plural)
    }

    pub fn verbs(&self) -> Vec<&'static str> {
        if self.review {
            vec!["create"]
        } else {
            vec!["create", "delete", "get", "list", "patch", "update"]
        }
    }
}

const CORE: &str = "";
const RBAC: &str = "rbac.authorization.k8s.io";
const CERTS: &str = "certificates.k8s.io";
const AUTHN: &str = "authentication.k8s.io";
const AUTHZ: &str = "authorization.k8s.io";

macro_rules! res {
    ($g:expr, $p:expr, $s:expr, $k:expr, $ns:expr, $short:expr, $review:expr, $cou:expr) => {
        Res {
            group: $g,
            version: "v1",
            plural: $p,
            singular: $s,
            kind: $k,
            namespaced: $ns,
            short: $short,
            review: $review,
            create_on_update: $cou,
        }
    };
}

pub static RESOURCES: &[Res] = &[
    res!(
        CORE,
        "namespaces",
        "namespace",
        "Namespace",
        false,
        &["ns"],
        false,
        false
    ),
    res!(
        CORE,
        "serviceaccounts",
        "serviceaccount",
        "ServiceAccount",
        true,
        &["sa"],
        false,
        false
    ),
    res!(CORE, "secrets", "secret", "Secret", true, &[], false, false),
    res!(
        CORE,
        "configmaps",
        "configmap",
        "ConfigMap",
        true,
        &["cm"],
        false,
        false
    ),
    res!(CORE, "pods", "pod", "Pod", true, &["po"], false, false),
    res!(
        RBAC,
        "clusterroles",
        "clusterrole",
        "ClusterRole",
        false,
        &[],
        false,
        true
    ),
    res!(
        RBAC,
        "clusterrolebindings",
        "clusterrolebinding",
        "ClusterRoleBinding",
        false,
        &[],
        false,
        true
    ),
    res!(RBAC, "roles", "role", "Role", true, &[], false, true),
    res!(
        RBAC,
        "rolebindings",
        "rolebinding",
        "RoleBinding",
        true,
        &[],
        false,
        true
    ),
    res!(
        CERTS,
        "certificatesigningrequests",
        "certificatesigningrequest",
        "CertificateSigningRequest",
        false,
        &["csr"],
        false,
        false
    ),
    res!(
        AUTHN,
        "tokenreviews",
        "tokenreview",
        "TokenReview",
        false,
        &[],
        true,
        false
    ),
    res!(
        AUTHN,
        "selfsubjectreviews",
        "selfsubjectreview",
        "SelfSubjectReview",
        false,
        &[],
        true,
        false
    ),
    res!(
        AUTHZ,
        "subjectaccessreviews",
        "subjectaccessreview",
        "SubjectAccessReview",
        false,
        &[],
        true,
        false
    ),
    res!(
        AUTHZ,
        "selfsubjectaccessreviews",
        "selfsubjectaccessreview",
        "SelfSubjectAccessReview",
        false,
        &[],
        true,
        false
    ),
];

pub fn res(plural: &str) -> &'static Res {
    RESOURCES
        .iter()
        .find(|r| r.plural == plural)
        .unwrap_or_else(|| panic!("unknown resource {plural}"))
}

pub fn find_res(group: &str, version: &str, plural: &str) -> Option<&'static Res> {
    RESOURCES
        .iter()
        .find(|r| r.group == group && r.version == version && r.plural == plural)
}

pub const SA_TOKEN_TYPE: &str = "kubernetes.io/service-account-token";
pub const SA_NAME_ANN: &str = "kubernetes.io/service-account.name";
pub const SA_UID_ANN: &str = "kubernetes.io/service-account.uid";
pub const KUBE_APISERVER_CLIENT: &str = "kubernetes.io/kube-apiserver-client";

/// Everything that is stored.
#[derive(Default)]
pub struct State {
    objects: BTreeMap<(String, String, String), Value>,
    rv: u64,
}

impl State {
    pub fn new() -> Self {
        State {
            objects: BTreeMap::new(),
            rv: 1000,
        }
    }

    pub fn get(&self, r: &Res, ns: &str, name: &str) -> Option<&Value> {
        self.objects
            .get(&(r.key(), ns.to_string(), name.to_string()))
    }

    pub fn get_mut(&mut self, r: &Res, ns: &str, name: &str) -> Option<&mut Value> {
        self.objects
            .get_mut(&(r.key(), ns.to_string(), name.to_string()))
    }

    pub fn list(&self, r: &Res, ns: Option<&str>) -> Vec<&Value> {
        let key = r.key();
        self.objects
            .iter()
            .filter(|((k, n, _), _)| *k == key && ns.is_none_or(|ns| ns == n))
            .map(|(_, v)| v)
            .collect()
    }

    fn put(&mut self, r: &Res, ns: &str, name: &str, v: Value) {
        self.objects
            .insert((r.key(), ns.to_string(), name.to_string()), v);
    }

    fn remove(&mut self, r: &Res, ns: &str, name: &str) -> Option<Value> {
        self.objects
            .remove(&(r.key(), ns.to_string(), name.to_string()))
    }

    pub fn next_rv(&mut self) -> String {
        self.rv += 1;
        self.rv.to_string()
    }

    pub fn current_rv(&self) -> String {
        self.rv.to_string()
    }

    /// Stores a new version of an existing object with a fresh resourceVersion.
    pub fn bump(&mut self, r: &Res, ns: &str, name: &str, mut v: Value) -> Value {
        let rv = self.next_rv();
        meta_mut(&mut v).insert("resourceVersion".into(), json!(rv));
        self.put(r, ns, name, v.clone());
        v
    }
}

/// Work for the simulated controllers, run after the request that caused it.
pub enum Effect {
    PopulateTokenSecret { ns: String, name: String },
    SignCsr { name: String },
}

/// A request being served (or an internal call from a test helper).
pub struct Ctx<'a> {
    pub sh: &'a Shared,
    pub st: &'a mut State,
    pub user: &'a UserInfo,
    /// test helpers and controllers bypass admission authorization checks
    pub internal: bool,
    pub dry_run: bool,
    pub effects: Vec<Effect>,
}

// ---------------------------------------------------------------- JSON helpers

pub fn meta(v: &Value) -> &Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    v.get("metadata")
        .and_then(Value::as_object)
        .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

pub fn meta_mut(v: &mut Value) -> &mut Map<String, Value> {
    let obj = v.as_object_mut().expect("object");
    if !obj.get("metadata").is_some_and(Value::is_object) {
        obj.insert("metadata".into(), json!({}));
    }
    obj.get_mut("metadata").unwrap().as_object_mut().unwrap()
}

pub fn meta_str<'v>(v: &'v Value, key: &str) -> &'v str {
    meta(v).get(key).and_then(Value::as_str).unwrap_or("")
}

fn map_mut<'v>(obj: &'v mut Map<String, Value>, key: &str) -> &'v mut Map<String, Value> {
    if !obj.get(key).is_some_and(Value::is_object) {
        obj.insert(key.into(), json!({}));
    }
    obj.get_mut(key).unwrap().as_object_mut().unwrap()
}

pub fn annotation<'v>(v: &'v Value, key: &str) -> &'v str {
    meta(v)
        .get("annotations")
        .and_then(|a| a.get(key))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// Re-orders an object the way the API server writes it: kind, apiVersion, metadata, rest;
/// metadata fields in ObjectMeta order.
pub fn canonical(v: Value) -> Value {
    let Value::Object(mut obj) = v else { return v };
    let mut out = Map::new();
    for k in ["kind", "apiVersion"] {
        if let Some(x) = obj.remove(k) {
            out.insert(k.into(), x);
        }
    }
    if let Some(Value::Object(mut m)) = obj.remove("metadata") {
        let mut mo = Map::new();
        for k in [
            "name",
            "generateName",
            "namespace",
            "uid",
            "resourceVersion",
            "generation",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "labels",
            "annotations",
            "ownerReferences",
            "finalizers",
        ] {
            if let Some(x) = m.remove(k) {
                mo.insert(k.into(), x);
            }
        }
        mo.extend(m);
        out.insert("metadata".into(), Value::Object(mo));
    }
    out.extend(obj);
    Value::Object(out)
}

/// RFC 7386 JSON merge patch.
pub fn merge_patch(target: Value, patch: &Value) -> Value {
    match patch {
        Value::Object(p) => {
            let mut t = match target {
                Value::Object(t) => t,
                _ => Map::new(),
            };
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    let cur = t.remove(k).unwrap_or(Value::Null);
                    t.insert(k.clone(), merge_patch(cur, v));
                }
            }
            Value::Object(t)
        }
        other => other.clone(),
    }
}

/// RFC 6902 JSON patch (add, remove, replace, test, copy, move).
pub fn json_patch(mut doc: Value, ops: &Value) -> Result<Value, String> {
    let ops = ops.as_array().ok_or("json patch must be an array")?;
    fn unescape(s: &str) -> String {
        s.replace("~1", "/").replace("~0", "~")
    }
    fn split(path: &str) -> Result<(String, String), String> {
        let i = path
            .rfind('/')
            .ok_or_else(|| format!("invalid path {path:?}"))?;
        Ok((path[..i].to_string(), unescape(&path[i + 1..])))
    }
    fn add(doc: &mut Value, path: &str, val: Value) -> Result<(), String> {
        if path.is_empty() {
            *doc = val;
            return Ok(());
        }
        let (parent, key) = split(path)?;
        match doc.pointer_mut(&parent) {
            Some(Value::Object(m)) => {
                m.insert(key, val);
                Ok(())
            }
            Some(Value::Array(a)) => {
                if key == "-" {
                    a.push(val);
                } else {
                    let i: usize = key.parse().map_err(|_| format!("invalid index {key}"))?;
                    if i > a.len() {
                        return Err(format!("index {i} out of bounds"));
                    }
                    a.insert(i, val);
                }
                Ok(())
            }
            _ => Err(format!("doc is missing path: {path}")),
        }
    }
    fn remove(doc: &mut Value, path: &str) -> Result<Value, String> {
        let (parent, key) = split(path)?;
        match doc.pointer_mut(&parent) {
            Some(Value::Object(m)) => m
                .remove(&key)
                .ok_or_else(|| format!("unable to remove nonexistent key: {key}: missing value")),
            Some(Value::Array(a)) => {
                let i: usize = key.parse().map_err(|_| format!("invalid index {key}"))?;
                if i >= a.len() {
                    return Err(format!("index {i} out of bounds"));
                }
                Ok(a.remove(i))
            }
            _ => Err(format!("doc is missing path: {path}")),
        }
    }
    for op in ops {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op.get("path").and_then(Value::as_str).unwrap_or("");
        let value = op.get("value").cloned().unwrap_or(Value::Null);
        match kind {
            "add" => add(&mut doc, path, value)?,
            "remove" => {
                remove(&mut doc, path)?;
            }
            "replace" => {
                remove(&mut doc, path)?;
                add(&mut doc, path, value)?;
            }
            "test" => {
                if doc.pointer(path) != Some(&value) {
                    return Err(format!("testing value {path} failed"));
                }
            }
            "copy" | "move" => {
                let from = op.get("from").and_then(Value::as_str).unwrap_or("");
                let v = if kind == "move" {
                    remove(&mut doc, from)?
                } else {
                    doc.pointer(from)
                        .cloned()
                        .ok_or_else(|| format!("doc is missing from path: {from}"))?
                };
                add(&mut doc, path, v)?;
            }
            other => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(doc)
}

fn without_rv(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(m) = v.get_mut("metadata").and_then(Value::as_object_mut) {
        m.remove("resourceVersion");
    }
    v
}

/// Label selector (equality-based and existence forms) against `metadata.labels`.
pub fn matches_label_selector(v: &Value, selector: &str) -> bool {
    let labels = meta(v).get("labels").and_then(Value::as_object);
    let get = |k: &str| labels.and_then(|l| l.get(k)).and_then(Value::as_str);
    selector
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .all(|req| {
            if let Some((k, val)) = req.split_once("!=") {
                get(k.trim()) != Some(val.trim())
            } else if let Some((k, val)) = req.split_once("==").or_else(|| req.split_once('=')) {
                get(k.trim()) == Some(val.trim())
            } else if let Some(k) = req.strip_prefix('!') {
                get(k.trim()).is_none()
            } else {
                get(req).is_some()
            }
        })
}

/// Field selector: `metadata.name`, `metadata.namespace`, and for secrets `type`.
pub fn matches_field_selector(v: &Value, selector: &str) -> bool {
    selector
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .all(|req| {
            let (k, val, neg) = if let Some((k, val)) = req.split_once("!=") {
                (k, val, true)
            } else if let Some((k, val)) = req.split_once("==").or_else(|| req.split_once('=')) {
                (k, val, false)
            } else {
                return true;
            };
            let actual = match k.trim() {
                "metadata.name" => meta_str(v, "name").to_string(),
                "metadata.namespace" => meta_str(v, "namespace").to_string(),
                "type" => v
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                "spec.signerName" => v
                    .pointer("/spec/signerName")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                "spec.serviceAccountName" => v
                    .pointer("/spec/serviceAccountName")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                _ => return true,
            };
            (actual == val.trim()) != neg
        })
}

// ---------------------------------------------------------------- generic lifecycle

fn into_object(r: &Res, v: Value) -> Result<Value, ApiError> {
    if !v.is_object() {
        return Err(ApiError::bad_request(format!(
            "the object provided is unrecognized (must be of type {}): couldn't get version/kind; json parse error: expected an object",
            r.kind
        )));
    }
    let mut v = v;
    if let Some(av) = v.get("apiVersion").and_then(Value::as_str)
        && !av.is_empty()
        && av != r.api_version()
    {
        return Err(ApiError::bad_request(format!(
            "the API version in the data ({av}) does not match the expected API version ({})",
            r.api_version()
        )));
    }
    if let Some(k) = v.get("kind").and_then(Value::as_str)
        && !k.is_empty()
        && k != r.kind
    {
        return Err(ApiError::bad_request(format!(
            "the kind in the data ({k}) does not match the expected kind ({})",
            r.kind
        )));
    }
    let obj = v.as_object_mut().unwrap();
    obj.insert("kind".into(), json!(r.kind));
    obj.insert("apiVersion".into(), json!(r.api_version()));
    if obj
        .get("metadata")
        .is_some_and(|m| !m.is_object() && !m.is_null())
    {
        return Err(ApiError::bad_request("metadata must be an object"));
    }
    meta_mut(&mut v);
    Ok(v)
}

fn check_namespace(r: &Res, ns: &str, v: &mut Value) -> Result<(), ApiError> {
    let m = meta_mut(v);
    if r.namespaced {
        match m.get("namespace").and_then(Value::as_str) {
            Some(x) if !x.is_empty() && x != ns => {
                return Err(ApiError::bad_request(
                    "the namespace of the provided object does not match the namespace sent on the request",
                ));
            }
            _ => {
                m.insert("namespace".into(), json!(ns));
            }
        }
    } else {
        m.remove("namespace");
    }
    Ok(())
}

fn validate_name(r: &Res, name: &str) -> Option<FieldError> {
    match r.plural {
        "namespaces" => validate_label("metadata.name", name),
        // RBAC names are path segments; CSR names are not constrained at
        // all ("We don't care what you call your certificate requests.",
        // certificates/validation ValidateCertificateRequestName), leaving
        // only the REST layer's path-segment rule.
        "clusterroles"
        | "clusterrolebindings"
        | "roles"
        | "rolebindings"
        | "certificatesigningrequests" => validate_path_segment("metadata.name", name),
        _ => validate_subdomain("metadata.name", name),
    }
}

fn namespace_exists(st: &State, ns: &str) -> bool {
    st.get(res("namespaces"), "", ns).is_some()
}

/// POST: create an object.
pub fn create(ctx: &mut Ctx, r: &'static Res, ns: &str, body: Value) -> Result<Value, ApiError> {
    let mut obj = into_object(r, body)?;
    check_namespace(r, ns, &mut obj)?;
    let m = meta_mut(&mut obj);
    let mut name = m
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if name.is_empty()
        && let Some(g) = m.get("generateName").and_then(Value::as_str)
        && !g.is_empty()
    {
        name = format!("{g}{}", generate_name_suffix());
    }
    if name.is_empty() {
        return Err(ApiError::invalid(
            r.group,
            r.kind,
            "",
            &[FieldError::Required(
                "metadata.name".into(),
                "name or generateName is required".into(),
            )],
        ));
    }
    m.insert("name".into(), json!(name));
    for k in [
        "uid",
        "resourceVersion",
        "creationTimestamp",
        "deletionTimestamp",
        "deletionGracePeriodSeconds",
        "generation",
        "managedFields",
        "selfLink",
    ] {
        m.remove(k);
    }
    if let Some(e) = validate_name(r, &name) {
        return Err(ApiError::invalid(r.group, r.kind, &name, &[e]));
    }
    if r.namespaced && !namespace_exists(ctx.st, ns) {
        return Err(ApiError::not_found(
            &GroupResource::new("", "namespaces"),
            ns,
        ));
    }
    prepare_create(ctx, r, ns, &name, &mut obj)?;
    if ctx.st.get(r, ns, &name).is_some() {
        return Err(ApiError::already_exists(&r.gr(), &name));
    }
    let rv = ctx.st.current_rv();
    let m = meta_mut(&mut obj);
    m.insert("uid".into(), json!(uuid_v4()));
    m.insert("resourceVersion".into(), json!(rv));
    m.insert("creationTimestamp".into(), json!(rfc3339(now_unix())));
    let obj = canonical(obj);
    if ctx.dry_run {
        return Ok(obj);
    }
    let stored = ctx.st.bump(r, ns, &name, obj);
    after_create(ctx, r, ns, &name, &stored);
    Ok(stored)
}

/// PUT (and the final step of PATCH). Returns the object and whether it was created.
pub fn update(
    ctx: &mut Ctx,
    r: &'static Res,
    ns: &str,
    name: &str,
    body: Value,
    sub: Option<&str>,
) -> Result<(Value, bool), ApiError> {
    let mut new = into_object(r, body)?;
    check_namespace(r, ns, &mut new)?;
    let body_name = meta_str(&new, "name").to_string();
    if body_name.is_empty() {
        meta_mut(&mut new).insert("name".into(), json!(name));
    } else if body_name != name {
        return Err(ApiError::bad_request(format!(
            "the name of the object ({body_name}) does not match the name on the URL ({name})"
        )));
    }
    let Some(old) = ctx.st.get(r, ns, name).cloned() else {
        if r.create_on_update && sub.is_none() {
            return create(ctx, r, ns, new).map(|v| (v, true));
        }
        return Err(ApiError::not_found(&r.gr(), name));
    };
    let want_rv = meta_str(&new, "resourceVersion").to_string();
    if !want_rv.is_empty() && want_rv != meta_str(&old, "resourceVersion") {
        return Err(ApiError::modified_conflict(&r.gr(), name));
    }
    {
        let om = meta(&old).clone();
        let m = meta_mut(&mut new);
        for k in [
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "generation",
            "resourceVersion",
        ] {
            match om.get(k) {
                Some(v) => m.insert(k.into(), v.clone()),
                None => m.remove(k),
            };
        }
        m.remove("managedFields");
    }
    prepare_update(ctx, r, ns, name, &old, &mut new, sub)?;
    let new = canonical(new);
    if without_rv(&new) == without_rv(&old) || ctx.dry_run {
        return Ok((if ctx.dry_run { new } else { old }, false));
    }
    let stored = ctx.st.bump(r, ns, name, new);
    after_update(ctx, r, ns, name, &old, &stored, sub);
    Ok((stored, false))
}

/// PATCH with one of the supported patch types. Returns the object and whether it was created.
#[allow(clippy::too_many_arguments)]
pub fn patch(
    ctx: &mut Ctx,
    r: &'static Res,
    ns: &str,
    name: &str,
    content_type: &str,
    body: &[u8],
    sub: Option<&str>,
    field_manager: &str,
) -> Result<(Value, bool), ApiError> {
    let ct = content_type.split(';').next().unwrap_or("").trim();
    let parse_json = |b: &[u8]| -> Result<Value, ApiError> {
        serde_json::from_slice(b)
            .map_err(|e| ApiError::bad_request(format!("error decoding patch: {e}")))
    };
    match ct {
        "application/merge-patch+json" | "application/strategic-merge-patch+json" => {
            let p = parse_json(body)?;
            let old = ctx
                .st
                .get(r, ns, name)
                .cloned()
                .ok_or_else(|| ApiError::not_found(&r.gr(), name))?;
            let merged = merge_patch(old, &p);
            update(ctx, r, ns, name, merged, sub)
        }
        "application/json-patch+json" => {
            let p = parse_json(body)?;
            let old = ctx
                .st
                .get(r, ns, name)
                .cloned()
                .ok_or_else(|| ApiError::not_found(&r.gr(), name))?;
            let patched = json_patch(old, &p).map_err(|e| ApiError {
                code: 422,
                reason: "Invalid",
                message: e,
                details: None,
            })?;
            update(ctx, r, ns, name, patched, sub)
        }
        "application/apply-patch+yaml" | "application/apply-patch+cbor" => {
            if field_manager.is_empty() {
                return Err(ApiError::invalid(
                    "meta.k8s.io",
                    "PatchOptions",
                    "",
                    &[FieldError::Required(
                        "fieldManager".into(),
                        "is required for apply patch".into(),
                    )],
                ));
            }
            let applied: Value = serde_yaml::from_slice(body)
                .map_err(|e| ApiError::bad_request(format!("error decoding YAML: {e}")))?;
            match ctx.st.get(r, ns, name).cloned() {
                None if sub.is_none() => {
                    let mut applied = applied;
                    if applied.is_object() {
                        meta_mut(&mut applied).insert("name".into(), json!(name));
                    }
                    create(ctx, r, ns, applied).map(|v| (v, true))
                }
                None => Err(ApiError::not_found(&r.gr(), name)),
                Some(old) => {
                    let merged = merge_patch(old, &applied);
                    update(ctx, r, ns, name, merged, sub)
                }
            }
        }
        _ => Err(ApiError::unsupported_media_type(ct)),
    }
}

/// DELETE. Returns the response body (the object for pods and namespaces, else a Status).
pub fn delete(
    ctx: &mut Ctx,
    r: &'static Res,
    ns: &str,
    name: &str,
    opts: &Value,
) -> Result<Value, ApiError> {
    let Some(old) = ctx.st.get(r, ns, name).cloned() else {
        return Err(ApiError::not_found(&r.gr(), name));
    };
    if let Some(uid) = opts.pointer("/preconditions/uid").and_then(Value::as_str)
        && uid != meta_str(&old, "uid")
    {
        return Err(ApiError::conflict(
            &r.gr(),
            name,
            &format!(
                "Precondition failed: UID in precondition: {uid}, UID in object meta: {}",
                meta_str(&old, "uid")
            ),
        ));
    }
    if let Some(rv) = opts
        .pointer("/preconditions/resourceVersion")
        .and_then(Value::as_str)
        && rv != meta_str(&old, "resourceVersion")
    {
        return Err(ApiError::conflict(
            &r.gr(),
            name,
            &format!(
                "Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {}",
                meta_str(&old, "resourceVersion")
            ),
        ));
    }
    if ctx.dry_run {
        return Ok(old);
    }
    ctx.st.remove(r, ns, name);
    let now = rfc3339(now_unix());
    let resp = match r.plural {
        "namespaces" => {
            let mut v = old.clone();
            meta_mut(&mut v).insert("deletionTimestamp".into(), json!(now));
            v["status"] = json!({"phase": "Terminating"});
            canonical(v)
        }
        "pods" => {
            let mut v = old.clone();
            let m = meta_mut(&mut v);
            m.insert("deletionTimestamp".into(), json!(now));
            m.insert("deletionGracePeriodSeconds".into(), json!(0));
            canonical(v)
        }
        _ => success_status(&r.gr(), name, meta_str(&old, "uid")),
    };
    after_delete(ctx, r, ns, name, &old);
    Ok(resp)
}

// ---------------------------------------------------------------- per-resource hooks

fn prepare_create(
    ctx: &mut Ctx,
    r: &Res,
    ns: &str,
    name: &str,
    obj: &mut Value,
) -> Result<(), ApiError> {
    match r.plural {
        "namespaces" => {
            let m = meta_mut(obj);
            map_mut(m, "labels").insert("kubernetes.io/metadata.name".into(), json!(name));
            let o = obj.as_object_mut().unwrap();
            let spec = map_mut(o, "spec");
            if !spec.contains_key("finalizers") {
                spec.insert("finalizers".into(), json!(["kubernetes"]));
            }
            o.insert("status".into(), json!({"phase": "Active"}));
            Ok(())
        }
        "secrets" => prepare_secret(r, name, obj, None),
        "pods" => prepare_pod_create(ctx, ns, name, obj),
        "clusterroles" | "roles" => {
            let errs = validate_rules(obj, r.plural == "clusterroles");
            if errs.is_empty() {
                Ok(())
            } else {
                Err(ApiError::invalid(r.group, r.kind, name, &errs))
            }
        }
        "clusterrolebindings" | "rolebindings" => {
            let errs = validate_binding(obj, r.plural == "clusterrolebindings");
            if errs.is_empty() {
                Ok(())
            } else {
                Err(ApiError::invalid(r.group, r.kind, name, &errs))
            }
        }
        "certificatesigningrequests" => prepare_csr_create(ctx, name, obj),
        _ => Ok(()),
    }
}

fn after_create(ctx: &mut Ctx, r: &Res, ns: &str, name: &str, obj: &Value) {
    match r.plural {
        "namespaces" => {
            // serviceaccounts controller and root-ca-cert-publisher
            let sa = json!({"metadata": {"name": "default"}});
            let _ = create(ctx, res("serviceaccounts"), name, sa);
            let cm = json!({
                "metadata": {"name": "kube-root-ca.crt", "annotations": {"kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."}},
                "data": {"ca.crt": ctx.sh.ca.cert_pem},
            });
            let _ = create(ctx, res("configmaps"), name, cm);
        }
        "secrets" if obj.get("type").and_then(Value::as_str) == Some(SA_TOKEN_TYPE) => {
            ctx.effects.push(Effect::PopulateTokenSecret {
                ns: ns.into(),
                name: name.into(),
            });
        }
        _ => {}
    }
}

fn prepare_update(
    ctx: &mut Ctx,
    r: &Res,
    _ns: &str,
    name: &str,
    old: &Value,
    new: &mut Value,
    sub: Option<&str>,
) -> Result<(), ApiError> {
    match r.plural {
        "namespaces" => {
            let o = new.as_object_mut().unwrap();
            o.insert(
                "status".into(),
                old.get("status").cloned().unwrap_or(json!({})),
            );
            if !o.contains_key("spec") {
                o.insert("spec".into(), old.get("spec").cloned().unwrap_or(json!({})));
            }
            map_mut(meta_mut(new), "labels")
                .insert("kubernetes.io/metadata.name".into(), json!(name));
            Ok(())
        }
        "secrets" => prepare_secret(r, name, new, Some(old)),
        "pods" => {
            if new.get("spec") != old.get("spec") {
                return Err(ApiError::invalid(
                    r.group,
                    r.kind,
                    name,
                    &[FieldError::Forbidden(
                        "spec".into(),
                        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)".into(),
                    )],
                ));
            }
            new["status"] = old.get("status").cloned().unwrap_or(json!({}));
            Ok(())
        }
        "clusterroles" | "roles" => {
            let errs = validate_rules(new, r.plural == "clusterroles");
            if errs.is_empty() {
                Ok(())
            } else {
                Err(ApiError::invalid(r.group, r.kind, name, &errs))
            }
        }
        "clusterrolebindings" | "rolebindings" => {
            let mut errs = validate_binding(new, r.plural == "clusterrolebindings");
            if new.get("roleRef") != old.get("roleRef") {
                let rr = old.get("roleRef").cloned().unwrap_or(json!({}));
                errs.push(FieldError::Invalid(
                    "roleRef".into(),
                    format!(
                        "rbac.RoleRef{{APIGroup:{}, Kind:{}, Name:{}}}",
                        go_quote(rr["apiGroup"].as_str().unwrap_or("")),
                        go_quote(rr["kind"].as_str().unwrap_or("")),
                        go_quote(rr["name"].as_str().unwrap_or(""))
                    ),
                    "cannot change roleRef".into(),
                ));
            }
            if errs.is_empty() {
                Ok(())
            } else {
                Err(ApiError::invalid(r.group, r.kind, name, &errs))
            }
        }
        "certificatesigningrequests" => prepare_csr_update(ctx, name, old, new, sub),
        _ => Ok(()),
    }
}

fn after_update(
    ctx: &mut Ctx,
    r: &Res,
    ns: &str,
    name: &str,
    _old: &Value,
    new: &Value,
    sub: Option<&str>,
) {
    match r.plural {
        "certificatesigningrequests"
            if sub == Some("approval")
                && csr_condition(new, "Approved")
                && !csr_condition(new, "Denied") =>
        {
            ctx.effects.push(Effect::SignCsr { name: name.into() });
        }
        "secrets"
            if new.get("type").and_then(Value::as_str) == Some(SA_TOKEN_TYPE)
                && new.pointer("/data/token").is_none() =>
        {
            ctx.effects.push(Effect::PopulateTokenSecret {
                ns: ns.into(),
                name: name.into(),
            });
        }
        _ => {}
    }
}

fn after_delete(ctx: &mut Ctx, r: &Res, ns: &str, name: &str, old: &Value) {
    match r.plural {
        "namespaces" => {
            // namespace controller: remove everything in the namespace
            for rr in RESOURCES.iter().filter(|x| x.namespaced && !x.review) {
                let names: Vec<String> = ctx
                    .st
                    .list(rr, Some(name))
                    .iter()
                    .map(|v| meta_str(v, "name").to_string())
                    .collect();
                for n in names {
                    ctx.st.remove(rr, name, &n);
                }
            }
            ctx.st.next_rv();
        }
        "serviceaccounts" => {
            // tokens controller: delete the token secrets of a deleted service account
            let uid = meta_str(old, "uid").to_string();
            let victims: Vec<String> = ctx
                .st
                .list(res("secrets"), Some(ns))
                .iter()
                .filter(|s| {
                    s.get("type").and_then(Value::as_str) == Some(SA_TOKEN_TYPE)
                        && annotation(s, SA_NAME_ANN) == name
                        && (annotation(s, SA_UID_ANN).is_empty()
                            || annotation(s, SA_UID_ANN) == uid)
                })
                .map(|s| meta_str(s, "name").to_string())
                .collect();
            for v in victims {
                ctx.st.remove(res("secrets"), ns, &v);
            }
            ctx.st.next_rv();
        }
        _ => {}
    }
}

// ---------------------------------------------------------------- secrets / token controller

fn prepare_secret(
    r: &Res,
    name: &str,
    obj: &mut Value,
    old: Option<&Value>,
) -> Result<(), ApiError> {
    let o = obj.as_object_mut().unwrap();
    if o.get("type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .is_empty()
    {
        o.insert("type".into(), json!("Opaque"));
    }
    if let Some(Value::Object(sd)) = o.remove("stringData") {
        let data = map_mut(o, "data");
        for (k, v) in sd {
            data.insert(k, json!(b64(v.as_str().unwrap_or("").as_bytes())));
        }
    }
    if let Some(Value::Object(data)) = o.get("data") {
        for v in data.values() {
            let ok = v.is_null() || v.as_str().is_some_and(|s| b64_decode(s).is_some());
            if !ok {
                return Err(ApiError::bad_request(format!(
                    "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 0 (value {v})"
                )));
            }
        }
    }
    let ty = obj["type"].as_str().unwrap_or("").to_string();
    let mut errs = Vec::new();
    if let Some(old) = old {
        let old_ty = old.get("type").and_then(Value::as_str).unwrap_or("");
        if old_ty != ty {
            errs.push(FieldError::Invalid(
                "type".into(),
                go_quote(&ty),
                "field is immutable".into(),
            ));
        }
    }
    if ty == SA_TOKEN_TYPE && annotation(obj, SA_NAME_ANN).is_empty() {
        errs.push(FieldError::Required(
            format!("metadata.annotations[{SA_NAME_ANN}]"),
            String::new(),
        ));
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(r.group, r.kind, name, &errs))
    }
}

/// The legacy tokens controller (kube-controller-manager): fills `data.token`, `data.namespace`,
/// `data["ca.crt"]` of a `kubernetes.io/service-account-token` Secret, or deletes the Secret
/// when the referenced service account does not exist (or has another UID).
pub fn populate_token_secret(sh: &Shared, st: &mut State, ns: &str, name: &str) {
    let secrets = res("secrets");
    let Some(secret) = st.get(secrets, ns, name).cloned() else {
        return;
    };
    if secret.get("type").and_then(Value::as_str) != Some(SA_TOKEN_TYPE) {
        return;
    }
    let sa_name = annotation(&secret, SA_NAME_ANN).to_string();
    let want_uid = annotation(&secret, SA_UID_ANN).to_string();
    let sa = st.get(res("serviceaccounts"), ns, &sa_name).cloned();
    let Some(sa) = sa.filter(|sa| want_uid.is_empty() || meta_str(sa, "uid") == want_uid) else {
        st.remove(secrets, ns, name);
        st.next_rv();
        return;
    };
    let ca = b64(sh.ca.cert_pem.as_bytes());
    let data = secret.get("data").cloned().unwrap_or(json!({}));
    let has = |k: &str| {
        data.get(k)
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty())
    };
    let needs_ca = data.get("ca.crt").and_then(Value::as_str) != Some(ca.as_str());
    if has("token") && has("namespace") && !needs_ca {
        return;
    }
    let mut secret = secret;
    {
        let o = secret.as_object_mut().unwrap();
        let d = map_mut(o, "data");
        d.insert("ca.crt".into(), json!(ca));
        d.insert("namespace".into(), json!(b64(ns.as_bytes())));
        if !has("token") {
            let token =
                sh.signing_key()
                    .sign(&legacy_claims(ns, &sa_name, meta_str(&sa, "uid"), name));
            d.insert("token".into(), json!(b64(token.as_bytes())));
        }
    }
    let anns = map_mut(meta_mut(&mut secret), "annotations");
    anns.insert(SA_NAME_ANN.into(), json!(sa_name));
    anns.insert(SA_UID_ANN.into(), json!(meta_str(&sa, "uid")));
    let secret = canonical(secret);
    st.bump(secrets, ns, name, secret);
}

// ---------------------------------------------------------------- pods

fn prepare_pod_create(
    ctx: &mut Ctx,
    ns: &str,
    name: &str,
    obj: &mut Value,
) -> Result<(), ApiError> {
    let r = res("pods");
    let o = obj.as_object_mut().unwrap();
    let spec = map_mut(o, "spec");
    let mut sa = spec
        .get("serviceAccountName")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .or_else(|| spec.get("serviceAccount").and_then(Value::as_str))
        .unwrap_or("")
        .to_string();
    if sa.is_empty() {
        sa = "default".into();
    }
    spec.insert("serviceAccountName".into(), json!(sa));
    spec.insert("serviceAccount".into(), json!(sa));
    for (k, v) in [
        ("restartPolicy", json!("Always")),
        ("terminationGracePeriodSeconds", json!(30)),
        ("dnsPolicy", json!("ClusterFirst")),
        ("schedulerName", json!("default-scheduler")),
        ("enableServiceLinks", json!(true)),
        ("preemptionPolicy", json!("PreemptLowerPriority")),
        ("priority", json!(0)),
        ("securityContext", json!({})),
    ] {
        spec.entry(k).or_insert(v);
    }
    let mut errs = Vec::new();
    match spec.get("containers").and_then(Value::as_array) {
        Some(cs) if !cs.is_empty() => {
            for (i, c) in cs.iter().enumerate() {
                if c.get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .is_empty()
                {
                    errs.push(FieldError::Required(
                        format!("spec.containers[{i}].name"),
                        String::new(),
                    ));
                }
                if c.get("image")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .is_empty()
                {
                    errs.push(FieldError::Required(
                        format!("spec.containers[{i}].image"),
                        String::new(),
                    ));
                }
            }
        }
        _ => errs.push(FieldError::Required(
            "spec.containers".into(),
            String::new(),
        )),
    }
    if !errs.is_empty() {
        return Err(ApiError::invalid(r.group, r.kind, name, &errs));
    }
    // ServiceAccount admission plugin
    if ctx.st.get(res("serviceaccounts"), ns, &sa).is_none() {
        return Err(ApiError::forbidden(
            &r.gr(),
            name,
            &format!(
                "error looking up service account {ns}/{sa}: serviceaccount {} not found",
                go_quote(&sa)
            ),
        ));
    }
    o.insert(
        "status".into(),
        json!({"phase": "Pending", "qosClass": "BestEffort"}),
    );
    Ok(())
}

// ---------------------------------------------------------------- RBAC objects

fn validate_rules(obj: &Value, cluster: bool) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let empty = vec![];
    let rules = obj.get("rules").and_then(Value::as_array).unwrap_or(&empty);
    for (i, rule) in rules.iter().enumerate() {
        if str_list(rule.get("verbs")).is_empty() {
            errs.push(FieldError::Required(
                format!("rules[{i}].verbs"),
                "verbs must contain at least one value".into(),
            ));
        }
        let nonres = str_list(rule.get("nonResourceURLs"));
        if !nonres.is_empty() {
            if !cluster {
                errs.push(FieldError::Invalid(
                    format!("rules[{i}].nonResourceURLs"),
                    go_quote_list(&nonres),
                    "namespaced rules cannot apply to non-resource URLs".into(),
                ));
            }
            continue;
        }
        if str_list(rule.get("apiGroups")).is_empty() {
            errs.push(FieldError::Required(
                format!("rules[{i}].apiGroups"),
                "resource rules must supply at least one api group".into(),
            ));
        }
        if str_list(rule.get("resources")).is_empty() {
            errs.push(FieldError::Required(
                format!("rules[{i}].resources"),
                "resource rules must supply at least one resource".into(),
            ));
        }
    }
    errs
}

fn validate_binding(obj: &Value, cluster: bool) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let rr = obj.get("roleRef").cloned().unwrap_or(json!({}));
    let kinds: &[&str] = if cluster {
        &["ClusterRole"]
    } else {
        &["Role", "ClusterRole"]
    };
    let rr_api = rr.get("apiGroup").and_then(Value::as_str).unwrap_or("");
    if rr_api != RBAC {
        errs.push(FieldError::NotSupported(
            "roleRef.apiGroup".into(),
            go_quote(rr_api),
            vec![RBAC.into()],
        ));
    }
    let rr_kind = rr.get("kind").and_then(Value::as_str).unwrap_or("");
    if !kinds.contains(&rr_kind) {
        errs.push(FieldError::NotSupported(
            "roleRef.kind".into(),
            go_quote(rr_kind),
            kinds.iter().map(|s| s.to_string()).collect(),
        ));
    }
    let rr_name = rr.get("name").and_then(Value::as_str).unwrap_or("");
    if rr_name.is_empty() {
        errs.push(FieldError::Required("roleRef.name".into(), String::new()));
    }
    let empty = vec![];
    for (i, s) in obj
        .get("subjects")
        .and_then(Value::as_array)
        .unwrap_or(&empty)
        .iter()
        .enumerate()
    {
        let kind = s.get("kind").and_then(Value::as_str).unwrap_or("");
        let api = s.get("apiGroup").and_then(Value::as_str).unwrap_or("");
        if s.get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .is_empty()
        {
            errs.push(FieldError::Required(
                format!("subjects[{i}].name"),
                String::new(),
            ));
        }
        match kind {
            "ServiceAccount" => {
                if !api.is_empty() {
                    errs.push(FieldError::NotSupported(
                        format!("subjects[{i}].apiGroup"),
                        go_quote(api),
                        vec![String::new()],
                    ));
                }
                if cluster
                    && s.get("namespace")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .is_empty()
                {
                    errs.push(FieldError::Required(
                        format!("subjects[{i}].namespace"),
                        String::new(),
                    ));
                }
            }
            "User" | "Group" => {
                if api != RBAC {
                    errs.push(FieldError::NotSupported(
                        format!("subjects[{i}].apiGroup"),
                        go_quote(api),
                        vec![RBAC.into()],
                    ));
                }
            }
            _ => errs.push(FieldError::NotSupported(
                format!("subjects[{i}].kind"),
                go_quote(kind),
                vec!["ServiceAccount".into(), "User".into(), "Group".into()],
            )),
        }
    }
    errs
}

// ---------------------------------------------------------------- CSRs

const KNOWN_USAGES: &[&str] = &[
    "any",
    "cert sign",
    "client auth",
    "code signing",
    "content commitment",
    "crl sign",
    "data encipherment",
    "decipher only",
    "digital signature",
    "email protection",
    "encipher only",
    "ipsec end system",
    "ipsec tunnel",
    "ipsec user",
    "key agreement",
    "key encipherment",
    "microsoft sgc",
    "netscape sgc",
    "ocsp signing",
    "s/mime",
    "server auth",
    "signing",
    "timestamping",
];

pub fn csr_condition(csr: &Value, ty: &str) -> bool {
    csr.pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter().any(|c| {
                c.get("type").and_then(Value::as_str) == Some(ty)
                    && c.get("status").and_then(Value::as_str).unwrap_or("True") == "True"
            })
        })
}

fn csr_request_bytes(obj: &Value) -> Result<Vec<u8>, ApiError> {
    match obj.pointer("/spec/request") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => b64_decode(s).ok_or_else(|| {
            ApiError::bad_request(
                "CertificateSigningRequest in version \"v1\" cannot be handled as a CertificateSigningRequest: illegal base64 data at input byte 0",
            )
        }),
        Some(_) => Err(ApiError::bad_request(
            "CertificateSigningRequest in version \"v1\" cannot be handled as a CertificateSigningRequest: spec.request: expected a base64 string",
        )),
    }
}

fn validate_signer_name(signer: &str) -> Option<FieldError> {
    let path = "spec.signerName";
    if signer.is_empty() {
        return Some(FieldError::Required(path.into(), String::new()));
    }
    if signer == "kubernetes.io/legacy-unknown" {
        return Some(FieldError::invalid_str(
            path,
            signer,
            "the legacy signerName is not allowed via this API version",
        ));
    }
    let ok = signer.split_once('/').is_some_and(|(domain, rest)| {
        !rest.is_empty() && domain.contains('.') && validate_subdomain("x", domain).is_none()
    });
    if ok {
        None
    } else {
        Some(FieldError::invalid_str(
            path,
            signer,
            "must be a fully qualified domain and path of the form 'example.com/signer-name'",
        ))
    }
}

fn prepare_csr_create(ctx: &mut Ctx, name: &str, obj: &mut Value) -> Result<(), ApiError> {
    let r = res("certificatesigningrequests");
    let request = csr_request_bytes(obj)?;
    {
        let o = obj.as_object_mut().unwrap();
        o.remove("status");
        let spec = map_mut(o, "spec");
        spec.insert("username".into(), json!(ctx.user.name));
        if ctx.user.uid.is_empty() {
            spec.remove("uid");
        } else {
            spec.insert("uid".into(), json!(ctx.user.uid));
        }
        spec.insert("groups".into(), json!(ctx.user.groups));
        if ctx.user.extra.is_empty() {
            spec.remove("extra");
        } else {
            spec.insert("extra".into(), json!(ctx.user.extra));
        }
        o.insert("status".into(), json!({}));
    }
    let mut errs = Vec::new();
    let parsed = super::pki::parse_csr(&request);
    if let Err(e) = &parsed {
        errs.push(FieldError::Invalid(
            "spec.request".into(),
            if request.is_empty() {
                "[]byte(nil)".into()
            } else {
                go_bytes(&request)
            },
            e.clone(),
        ));
    }
    let usages = str_list(obj.pointer("/spec/usages"));
    if usages.is_empty() {
        errs.push(FieldError::Required("spec.usages".into(), String::new()));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, u) in usages.iter().enumerate() {
        if !KNOWN_USAGES.contains(&u.as_str()) {
            errs.push(FieldError::NotSupported(
                format!("spec.usages[{i}]"),
                go_quote(u),
                KNOWN_USAGES.iter().map(|s| s.to_string()).collect(),
            ));
        } else if !seen.insert(u.clone()) {
            errs.push(FieldError::Duplicate(
                format!("spec.usages[{i}]"),
                go_quote(u),
            ));
        }
    }
    let signer = obj
        .pointer("/spec/signerName")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if let Some(e) = validate_signer_name(&signer) {
        errs.push(e);
    }
    if let Some(exp) = obj
        .pointer("/spec/expirationSeconds")
        .and_then(Value::as_i64)
        && exp < 600
    {
        errs.push(FieldError::Invalid(
            "spec.expirationSeconds".into(),
            exp.to_string(),
            "may not specify a duration less than 600 seconds (10 minutes)".into(),
        ));
    }
    if !errs.is_empty() {
        return Err(ApiError::invalid(r.group, r.kind, name, &errs));
    }
    // CertificateSubjectRestriction admission plugin
    if signer == KUBE_APISERVER_CLIENT
        && let Ok(p) = &parsed
        && p.organizations.iter().any(|o| o == "system:masters")
    {
        return Err(ApiError::forbidden(
            &r.gr(),
            name,
            "use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed",
        ));
    }
    Ok(())
}

fn validate_csr_conditions(new: &Value, old: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let empty = vec![];
    let conds = new
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let mut seen = std::collections::BTreeSet::new();
    for (i, c) in conds.iter().enumerate() {
        let ty = c.get("type").and_then(Value::as_str).unwrap_or("");
        if ty.is_empty() {
            errs.push(FieldError::Required(
                format!("status.conditions[{i}].type"),
                String::new(),
            ));
        }
        match c.get("status").and_then(Value::as_str).unwrap_or("") {
            "" => errs.push(FieldError::Required(
                format!("status.conditions[{i}].status"),
                String::new(),
            )),
            "True" | "False" | "Unknown" => {}
            s => errs.push(FieldError::NotSupported(
                format!("status.conditions[{i}].status"),
                go_quote(s),
                vec!["False".into(), "True".into(), "Unknown".into()],
            )),
        }
        if ["Approved", "Denied", "Failed"].contains(&ty) && !seen.insert(ty.to_string()) {
            errs.push(FieldError::Duplicate(
                format!("status.conditions[{i}].type"),
                go_quote(ty),
            ));
        }
    }
    if csr_condition(new, "Approved") && csr_condition(new, "Denied") {
        errs.push(FieldError::Invalid(
            "status.conditions".into(),
            "[]certificates.CertificateSigningRequestCondition{...}".into(),
            "Approved and Denied conditions are mutually exclusive".into(),
        ));
    }
    for ty in ["Approved", "Denied"] {
        if csr_condition(old, ty) && !csr_condition(new, ty) {
            errs.push(FieldError::Forbidden(
                "status.conditions".into(),
                format!(
                    "updates may not remove a condition of type {}",
                    go_quote(ty)
                ),
            ));
        }
    }
    errs
}

fn stamp_conditions(v: &mut Value) {
    let now = rfc3339(now_unix());
    if let Some(cs) = v
        .pointer_mut("/status/conditions")
        .and_then(Value::as_array_mut)
    {
        for c in cs {
            if let Some(o) = c.as_object_mut() {
                for k in ["lastUpdateTime", "lastTransitionTime"] {
                    if o.get(k).and_then(Value::as_str).unwrap_or("").is_empty() {
                        o.insert(k.into(), json!(now));
                    }
                }
            }
        }
    }
}

fn prepare_csr_update(
    ctx: &mut Ctx,
    name: &str,
    old: &Value,
    new: &mut Value,
    sub: Option<&str>,
) -> Result<(), ApiError> {
    let r = res("certificatesigningrequests");
    let signer = old
        .pointer("/spec/signerName")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let old_status = old.get("status").cloned().unwrap_or(json!({}));
    new["spec"] = old.get("spec").cloned().unwrap_or(json!({}));
    match sub {
        None => {
            new["status"] = old_status;
            Ok(())
        }
        Some("approval") => {
            let conds = new.pointer("/status/conditions").cloned();
            let mut status = old_status;
            match conds {
                Some(c) => status["conditions"] = c,
                None => {
                    if let Some(o) = status.as_object_mut() {
                        o.remove("conditions");
                    }
                }
            }
            new["status"] = status;
            stamp_conditions(new);
            let errs = validate_csr_conditions(new, old);
            if !errs.is_empty() {
                return Err(ApiError::invalid(r.group, r.kind, name, &errs));
            }
            let changed = new.pointer("/status/conditions") != old.pointer("/status/conditions");
            if changed && !ctx.internal && !signer_permission(ctx, "approve", &signer) {
                return Err(ApiError::forbidden(
                    &r.gr(),
                    name,
                    &format!(
                        "user not permitted to approve requests with signerName {}",
                        go_quote(&signer)
                    ),
                ));
            }
            Ok(())
        }
        Some("status") => {
            stamp_conditions(new);
            let mut errs = validate_csr_conditions(new, old);
            let old_cert = old_status
                .get("certificate")
                .and_then(Value::as_str)
                .unwrap_or("");
            let new_cert = new
                .pointer("/status/certificate")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            if !old_cert.is_empty() && new_cert != old_cert {
                errs.push(FieldError::Forbidden(
                    "status.certificate".into(),
                    "updates may not modify existing certificate content".into(),
                ));
            }
            if !new_cert.is_empty() && old_cert.is_empty() {
                let pem_ok = b64_decode(&new_cert)
                    .and_then(|b| pem::parse_many(b).ok())
                    .is_some_and(|blocks| {
                        !blocks.is_empty() && blocks.iter().all(|b| b.tag() == "CERTIFICATE")
                    });
                if !pem_ok {
                    errs.push(FieldError::Invalid(
                        "status.certificate".into(),
                        "\"<certificate data>\"".into(),
                        "must contain at least one CERTIFICATE PEM block".into(),
                    ));
                }
                if !csr_condition(old, "Approved") {
                    errs.push(FieldError::Invalid(
                        "status.certificate".into(),
                        "\"<certificate data>\"".into(),
                        "certificate can only be set on an approved request".into(),
                    ));
                }
                if errs.is_empty() && !ctx.internal && !signer_permission(ctx, "sign", &signer) {
                    return Err(ApiError::forbidden(
                        &r.gr(),
                        name,
                        &format!(
                            "user not permitted to sign requests with signerName {}",
                            go_quote(&signer)
                        ),
                    ));
                }
            }
            if errs.is_empty() {
                Ok(())
            } else {
                Err(ApiError::invalid(r.group, r.kind, name, &errs))
            }
        }
        Some(_) => Err(ApiError::no_such_resource()),
    }
}

/// The CertificateApproval / CertificateSigning admission checks: `approve`/`sign` on
/// `signers` named by the signerName or its `domain/*` wildcard.
fn signer_permission(ctx: &Ctx, verb: &str, signer: &str) -> bool {
    let wildcard = signer
        .split_once('/')
        .map(|(d, _)| format!("{d}/*"))
        .unwrap_or_default();
    [signer.to_string(), wildcard].iter().any(|n| {
        let a = Attrs {
            verb: verb.into(),
            resource_request: true,
            api_group: CERTS.into(),
            api_version: "*".into(),
            resource: "signers".into(),
            subresource: String::new(),
            namespace: String::new(),
            name: n.clone(),
            path: String::new(),
        };
        rbac::authorize(ctx.st, ctx.user, &a).0
    })
}

/// The kube-controller-manager csrsigning controller for `kubernetes.io/kube-apiserver-client`.
pub fn run_signer(sh: &Shared, st: &mut State, name: &str) {
    let r = res("certificatesigningrequests");
    if !sh.opts.auto_sign {
        return;
    }
    let Some(mut csr) = st.get(r, "", name).cloned() else {
        return;
    };
    if !csr_condition(&csr, "Approved")
        || csr_condition(&csr, "Denied")
        || csr_condition(&csr, "Failed")
        || csr
            .pointer("/status/certificate")
            .and_then(Value::as_str)
            .is_some_and(|c| !c.is_empty())
    {
        return;
    }
    if csr.pointer("/spec/signerName").and_then(Value::as_str) != Some(KUBE_APISERVER_CLIENT) {
        return; // not a signer this control plane runs
    }
    let Ok(request) = csr_request_bytes(&csr) else {
        return;
    };
    let Ok(parsed) = super::pki::parse_csr(&request) else {
        return;
    };
    let usages = str_list(csr.pointer("/spec/usages"));
    let mut usage_err = None;
    let mut has_client_auth = false;
    for u in &usages {
        match u.as_str() {
            "digital signature" | "key encipherment" => {}
            "client auth" => has_client_auth = true,
            other => {
                usage_err = Some(format!("invalid usage for client certificate: {other}"));
                break;
            }
        }
    }
    if usage_err.is_none() && !has_client_auth {
        usage_err = Some("missing required usage for client certificate: client auth".into());
    }
    let now = rfc3339(now_unix());
    if let Some(msg) = usage_err {
        let cond = json!({
            "type": "Failed",
            "status": "True",
            "reason": "SignerValidationFailure",
            "message": msg,
            "lastUpdateTime": now,
            "lastTransitionTime": now,
        });
        match csr
            .pointer_mut("/status/conditions")
            .and_then(Value::as_array_mut)
        {
            Some(cs) => cs.push(cond),
            None => csr["status"]["conditions"] = json!([cond]),
        }
        st.bump(r, "", name, csr);
        return;
    }
    const MAX_TTL: i64 = 365 * 86_400; // --cluster-signing-duration default 8760h
    let ttl = csr
        .pointer("/spec/expirationSeconds")
        .and_then(Value::as_i64)
        .map(|e| e.min(MAX_TTL))
        .unwrap_or(MAX_TTL);
    let Ok(cert_pem) = sh.ca.sign_csr(&parsed, &usages, ttl) else {
        return;
    };
    csr["status"]["certificate"] = json!(b64(cert_pem.as_bytes()));
    st.bump(r, "", name, csr);
}
