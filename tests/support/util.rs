//! Small helpers: time formatting, UIDs, Go-style quoting and the
//! `metav1.Status` / `field.Error` shapes kube-apiserver uses for errors.

use base64::Engine as _;
use serde_json::{Map, Value, json};
use std::time::{SystemTime, UNIX_EPOCH};

pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// RFC 3339 in UTC with second precision, as `metav1.Time` marshals.
pub fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        y,
        m,
        d,
        secs / 3600,
        (secs % 3600) / 60,
        secs % 60
    )
}

/// `YYYY-MM-DD` of a unix time (UTC).
pub fn date_only(unix: i64) -> String {
    rfc3339(unix)[..10].to_string()
}

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    aws_lc_rs::rand::fill(&mut b).expect("system randomness");
    b
}

/// A random (version 4) UUID, the format kube-apiserver uses for `metadata.uid`.
pub fn uuid_v4() -> String {
    let mut b = random_bytes::<16>();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Suffix for `metadata.generateName` (same alphabet as apimachinery's `rand.String`).
pub fn generate_name_suffix() -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    random_bytes::<5>()
        .iter()
        .map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char)
        .collect()
}

pub fn b64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

pub fn b64_decode(s: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(s).ok()
}

pub fn b64url(data: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data)
}

pub fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .ok()
}

/// Go's `%q` for a string (close enough: escapes quotes, backslashes and control characters).
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Go's `%q` applied to a `[]string`: `["a" "b"]`.
pub fn go_quote_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| go_quote(s)).collect();
    format!("[{}]", inner.join(" "))
}

/// Go's `%#v` of a `[]byte`, which is how `field.Invalid` renders byte-slice values.
pub fn go_bytes(data: &[u8]) -> String {
    let inner: Vec<String> = data.iter().map(|b| format!("0x{:x}", b)).collect();
    format!("[]byte{{{}}}", inner.join(", "))
}

/// `utilerrors.NewAggregate(errs).Error()`.
pub fn aggregate(errs: &[String]) -> String {
    match errs.len() {
        0 => String::new(),
        1 => errs[0].clone(),
        _ => format!("[{}]", errs.join(", ")),
    }
}

pub fn str_list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// A `schema.GroupResource`.
#[derive(Clone, Debug)]
pub struct GroupResource {
    pub group: String,
    pub resource: String,
}

impl GroupResource {
    pub fn new(group: &str, resource: &str) -> Self {
        GroupResource {
            group: group.to_string(),
            resource: resource.to_string(),
        }
    }

    /// `GroupResource.String()`: `resource.group`, or just `resource` for the core group.
    pub fn qualified(&self) -> String {
        if self.group.is_empty() {
            self.resource.clone()
        } else {
            format!("{}.{}", self.resource, self.group)
        }
    }

    fn details(&self, name: &str) -> Map<String, Value> {
        let mut d = Map::new();
        if !name.is_empty() {
            d.insert("name".into(), json!(name));
        }
        if !self.group.is_empty() {
            d.insert("group".into(), json!(self.group));
        }
        if !self.resource.is_empty() {
            d.insert("kind".into(), json!(self.resource));
        }
        d
    }
}

/// One `field.Error`.
#[derive(Clone, Debug)]
pub enum FieldError {
    /// path, Go-rendered value, detail
    Invalid(String, String, String),
    /// path, detail
    Required(String, String),
    /// path, Go-rendered value, supported values
    NotSupported(String, String, Vec<String>),
    /// path, Go-rendered value
    Duplicate(String, String),
    /// path, detail
    Forbidden(String, String),
}

impl FieldError {
    pub fn invalid_str(path: &str, value: &str, detail: &str) -> Self {
        FieldError::Invalid(path.into(), go_quote(value), detail.into())
    }

    pub fn field(&self) -> &str {
        match self {
            FieldError::Invalid(p, ..)
            | FieldError::Required(p, ..)
            | FieldError::NotSupported(p, ..)
            | FieldError::Duplicate(p, ..)
            | FieldError::Forbidden(p, ..) => p,
        }
    }

    fn reason(&self) -> &'static str {
        match self {
            FieldError::Invalid(..) => "FieldValueInvalid",
            FieldError::Required(..) => "FieldValueRequired",
            FieldError::NotSupported(..) => "FieldValueNotSupported",
            FieldError::Duplicate(..) => "FieldValueDuplicate",
            FieldError::Forbidden(..) => "FieldValueForbidden",
        }
    }

    /// `field.Error.ErrorBody()`.
    pub fn body(&self) -> String {
        match self {
            FieldError::Invalid(_, v, d) => {
                if d.is_empty() {
                    format!("Invalid value: {v}")
                } else {
                    format!("Invalid value: {v}: {d}")
                }
            }
            FieldError::Required(_, d) => {
                if d.is_empty() {
                    "Required value".into()
                } else {
                    format!("Required value: {d}")
                }
            }
            FieldError::NotSupported(_, v, sup) => {
                let q: Vec<String> = sup.iter().map(|s| go_quote(s)).collect();
                format!("Unsupported value: {v}: supported values: {}", q.join(", "))
            }
            FieldError::Duplicate(_, v) => format!("Duplicate value: {v}"),
            FieldError::Forbidden(_, d) => format!("Forbidden: {d}"),
        }
    }

    /// `field.Error.Error()`.
    pub fn message(&self) -> String {
        format!("{}: {}", self.field(), self.body())
    }
}

/// A failed request, rendered as a `metav1.Status`.
#[derive(Clone, Debug)]
pub struct ApiError {
    pub code: u16,
    pub reason: &'static str,
    pub message: String,
    pub details: Option<Map<String, Value>>,
}

impl ApiError {
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("kind".into(), json!("Status"));
        m.insert("apiVersion".into(), json!("v1"));
        m.insert("metadata".into(), json!({}));
        m.insert("status".into(), json!("Failure"));
        m.insert("message".into(), json!(self.message));
        m.insert("reason".into(), json!(self.reason));
        if let Some(d) = &self.details {
            m.insert("details".into(), Value::Object(d.clone()));
        }
        m.insert("code".into(), json!(self.code));
        Value::Object(m)
    }

    pub fn unauthorized() -> Self {
        ApiError {
            code: 401,
            reason: "Unauthorized",
            message: "Unauthorized".into(),
            details: None,
        }
    }

    pub fn bad_request(msg: impl Into<String>) -> Self {
        ApiError {
            code: 400,
            reason: "BadRequest",
            message: msg.into(),
            details: None,
        }
    }

    pub fn not_found(gr: &GroupResource, name: &str) -> Self {
        ApiError {
            code: 404,
            reason: "NotFound",
            message: format!("{} {} not found", gr.qualified(), go_quote(name)),
            details: Some(gr.details(name)),
        }
    }

    /// The router's 404 for an unknown resource path.
    pub fn no_such_resource() -> Self {
        ApiError {
            code: 404,
            reason: "NotFound",
            message: "the server could not find the requested resource".into(),
            details: Some(Map::new()),
        }
    }

    pub fn method_not_allowed() -> Self {
        ApiError {
            code: 405,
            reason: "MethodNotAllowed",
            message: "the server does not allow this method on the requested resource".into(),
            details: Some(Map::new()),
        }
    }

    pub fn already_exists(gr: &GroupResource, name: &str) -> Self {
        ApiError {
            code: 409,
            reason: "AlreadyExists",
            message: format!("{} {} already exists", gr.qualified(), go_quote(name)),
            details: Some(gr.details(name)),
        }
    }

    pub fn conflict(gr: &GroupResource, name: &str, err: &str) -> Self {
        ApiError {
            code: 409,
            reason: "Conflict",
            message: format!(
                "Operation cannot be fulfilled on {} {}: {}",
                gr.qualified(),
                go_quote(name),
                err
            ),
            details: Some(gr.details(name)),
        }
    }

    pub fn modified_conflict(gr: &GroupResource, name: &str) -> Self {
        Self::conflict(
            gr,
            name,
            "the object has been modified; please apply your changes to the latest version and try again",
        )
    }

    /// `apierrors.NewForbidden`.
    pub fn forbidden(gr: &GroupResource, name: &str, err: &str) -> Self {
        let message = if gr.resource.is_empty() && gr.group.is_empty() {
            format!("forbidden: {err}")
        } else if name.is_empty() {
            format!("{} is forbidden: {err}", gr.qualified())
        } else {
            format!("{} {} is forbidden: {err}", gr.qualified(), go_quote(name))
        };
        ApiError {
            code: 403,
            reason: "Forbidden",
            message,
            details: Some(gr.details(name)),
        }
    }

    /// `apierrors.NewInvalid(groupKind, name, errs)`.
    pub fn invalid(group: &str, kind: &str, name: &str, errs: &[FieldError]) -> Self {
        let qualified_kind = if group.is_empty() {
            kind.to_string()
        } else {
            format!("{kind}.{group}")
        };
        let msgs: Vec<String> = errs.iter().map(FieldError::message).collect();
        let mut d = Map::new();
        d.insert("name".into(), json!(name));
        if !group.is_empty() {
            d.insert("group".into(), json!(group));
        }
        d.insert("kind".into(), json!(kind));
        d.insert(
            "causes".into(),
            Value::Array(
                errs.iter()
                    .map(|e| json!({"reason": e.reason(), "message": e.body(), "field": e.field()}))
                    .collect(),
            ),
        );
        ApiError {
            code: 422,
            reason: "Invalid",
            message: format!(
                "{} {} is invalid: {}",
                qualified_kind,
                go_quote(name),
                aggregate(&msgs)
            ),
            details: Some(d),
        }
    }

    pub fn unsupported_media_type(content_type: &str) -> Self {
        ApiError {
            code: 415,
            reason: "UnsupportedMediaType",
            message: format!(
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {content_type:?})"
            ),
            details: Some(Map::new()),
        }
    }

    pub fn internal(err: &str) -> Self {
        let mut d = Map::new();
        d.insert("causes".into(), json!([{ "message": err }]));
        ApiError {
            code: 500,
            reason: "InternalError",
            message: format!("Internal error occurred: {err}"),
            details: Some(d),
        }
    }
}

/// Success `metav1.Status` returned by DELETE for most resources.
pub fn success_status(gr: &GroupResource, name: &str, uid: &str) -> Value {
    let mut d = gr.details(name);
    d.insert("uid".into(), json!(uid));
    json!({
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Success",
        "details": Value::Object(d),
    })
}

/// DNS-1123 subdomain check with the apimachinery message.
pub fn validate_subdomain(path: &str, name: &str) -> Option<FieldError> {
    let ok = !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if ok {
        None
    } else {
        Some(FieldError::invalid_str(
            path,
            name,
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        ))
    }
}

/// DNS-1123 label check with the apimachinery message.
pub fn validate_label(path: &str, name: &str) -> Option<FieldError> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if ok {
        None
    } else {
        Some(FieldError::invalid_str(
            path,
            name,
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        ))
    }
}

/// `path.ValidatePathSegmentName` (RBAC object names may contain ':').
pub fn validate_path_segment(path: &str, name: &str) -> Option<FieldError> {
    if name == "." || name == ".." {
        return Some(FieldError::invalid_str(
            path,
            name,
            &format!("may not be '{name}'"),
        ));
    }
    for bad in ["/", "%"] {
        if name.contains(bad) {
            return Some(FieldError::invalid_str(
                path,
                name,
                &format!("may not contain '{bad}'"),
            ));
        }
    }
    None
}
