//! Decoding of the `application/vnd.kubernetes.protobuf` request bodies that kubectl's typed
//! clients send (`kubectl certificate approve`, `kubectl auth whoami`, `kubectl create token`).
//! Only the kinds those commands write are understood; other kinds keep just their metadata.
//! Responses are always JSON (client-go accepts `application/json` alongside protobuf).

use super::util::{b64, rfc3339};
use serde_json::{Map, Value, json};

enum Wire<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    Fixed,
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn new(b: &'a [u8]) -> Self {
        Reader { b, i: 0 }
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.b.get(self.i).ok_or("truncated varint")?;
            self.i += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("varint too long".into())
    }

    fn next(&mut self) -> Result<Option<(u64, Wire<'a>)>, String> {
        if self.i >= self.b.len() {
            return Ok(None);
        }
        let key = self.varint()?;
        let field = key >> 3;
        let wire = match key & 7 {
            0 => Wire::Varint(self.varint()?),
            2 => {
                let n = self.varint()? as usize;
                let end = self
                    .i
                    .checked_add(n)
                    .filter(|e| *e <= self.b.len())
                    .ok_or("truncated field")?;
                let s = &self.b[self.i..end];
                self.i = end;
                Wire::Bytes(s)
            }
            1 => {
                self.i += 8;
                Wire::Fixed
            }
            5 => {
                self.i += 4;
                Wire::Fixed
            }
            t => return Err(format!("unsupported wire type {t}")),
        };
        Ok(Some((field, wire)))
    }
}

fn fields(b: &[u8]) -> Result<Vec<(u64, Wire<'_>)>, String> {
    let mut r = Reader::new(b);
    let mut out = Vec::new();
    while let Some(f) = r.next()? {
        out.push(f);
    }
    Ok(out)
}

fn string(w: &Wire) -> String {
    match w {
        Wire::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        _ => String::new(),
    }
}

fn push(m: &mut Map<String, Value>, k: &str, v: Value) {
    match m.get_mut(k) {
        Some(Value::Array(a)) => a.push(v),
        _ => {
            m.insert(k.into(), json!([v]));
        }
    }
}

/// `meta.v1.Time` { seconds = 1, nanos = 2 }
fn time(b: &[u8]) -> Result<Value, String> {
    let mut secs = 0i64;
    for (f, w) in fields(b)? {
        if let (1, Wire::Varint(v)) = (f, &w) {
            secs = *v as i64;
        }
    }
    Ok(json!(rfc3339(secs)))
}

/// `map<string, string>` entry { key = 1, value = 2 }
fn map_entry(b: &[u8]) -> Result<(String, Wire<'_>), String> {
    let mut k = String::new();
    let mut v = Wire::Bytes(&[]);
    for (f, w) in fields(b)? {
        match f {
            1 => k = string(&w),
            2 => v = w,
            _ => {}
        }
    }
    Ok((k, v))
}

fn object_meta(b: &[u8]) -> Result<Value, String> {
    let mut m = Map::new();
    for (f, w) in fields(b)? {
        match (f, &w) {
            (1, _) => drop(m.insert("name".into(), json!(string(&w)))),
            (2, _) => drop(m.insert("generateName".into(), json!(string(&w)))),
            (3, _) => drop(m.insert("namespace".into(), json!(string(&w)))),
            (5, _) => drop(m.insert("uid".into(), json!(string(&w)))),
            (6, _) => drop(m.insert("resourceVersion".into(), json!(string(&w)))),
            (7, Wire::Varint(v)) => drop(m.insert("generation".into(), json!(*v as i64))),
            (8, Wire::Bytes(b)) => drop(m.insert("creationTimestamp".into(), time(b)?)),
            (9, Wire::Bytes(b)) => drop(m.insert("deletionTimestamp".into(), time(b)?)),
            (11 | 12, Wire::Bytes(b)) => {
                let (k, v) = map_entry(b)?;
                let key = if f == 11 { "labels" } else { "annotations" };
                if !m.get(key).is_some_and(Value::is_object) {
                    m.insert(key.into(), json!({}));
                }
                m[key][k] = json!(string(&v));
            }
            (14, _) => push(&mut m, "finalizers", json!(string(&w))),
            _ => {}
        }
    }
    Ok(Value::Object(m))
}

fn csr_spec(b: &[u8]) -> Result<Value, String> {
    let mut m = Map::new();
    for (f, w) in fields(b)? {
        match (f, &w) {
            (1, Wire::Bytes(b)) => drop(m.insert("request".into(), json!(b64(b)))),
            (2, _) => drop(m.insert("username".into(), json!(string(&w)))),
            (3, _) => drop(m.insert("uid".into(), json!(string(&w)))),
            (4, _) => push(&mut m, "groups", json!(string(&w))),
            (5, _) => push(&mut m, "usages", json!(string(&w))),
            (6, Wire::Bytes(b)) => {
                let (k, v) = map_entry(b)?;
                let mut items = Vec::new();
                if let Wire::Bytes(ev) = v {
                    for (f, w) in fields(ev)? {
                        if f == 1 {
                            items.push(json!(string(&w)));
                        }
                    }
                }
                if !m.get("extra").is_some_and(Value::is_object) {
                    m.insert("extra".into(), json!({}));
                }
                m["extra"][k] = Value::Array(items);
            }
            (7, _) => drop(m.insert("signerName".into(), json!(string(&w)))),
            (8, Wire::Varint(v)) => drop(m.insert("expirationSeconds".into(), json!(*v as i32))),
            _ => {}
        }
    }
    Ok(Value::Object(m))
}

fn csr_status(b: &[u8]) -> Result<Value, String> {
    let mut m = Map::new();
    for (f, w) in fields(b)? {
        match (f, &w) {
            (1, Wire::Bytes(cb)) => {
                let mut c = Map::new();
                for (f, w) in fields(cb)? {
                    match (f, &w) {
                        (1, _) => drop(c.insert("type".into(), json!(string(&w)))),
                        (2, _) => drop(c.insert("reason".into(), json!(string(&w)))),
                        (3, _) => drop(c.insert("message".into(), json!(string(&w)))),
                        (4, Wire::Bytes(t)) => drop(c.insert("lastUpdateTime".into(), time(t)?)),
                        (5, Wire::Bytes(t)) => {
                            drop(c.insert("lastTransitionTime".into(), time(t)?))
                        }
                        (6, _) => drop(c.insert("status".into(), json!(string(&w)))),
                        _ => {}
                    }
                }
                push(&mut m, "conditions", Value::Object(c));
            }
            (2, Wire::Bytes(b)) => drop(m.insert("certificate".into(), json!(b64(b)))),
            _ => {}
        }
    }
    Ok(Value::Object(m))
}

/// TokenRequestSpec { audiences = 1, boundObjectRef = 3, expirationSeconds = 4 }
fn token_request_spec(b: &[u8]) -> Result<Value, String> {
    let mut m = Map::new();
    for (f, w) in fields(b)? {
        match (f, &w) {
            (1, _) => push(&mut m, "audiences", json!(string(&w))),
            (3, Wire::Bytes(rb)) => {
                let mut r = Map::new();
                for (f, w) in fields(rb)? {
                    let k = match f {
                        1 => "kind",
                        2 => "apiVersion",
                        3 => "name",
                        4 => "uid",
                        _ => continue,
                    };
                    r.insert(k.into(), json!(string(&w)));
                }
                m.insert("boundObjectRef".into(), Value::Object(r));
            }
            (4, Wire::Varint(v)) => drop(m.insert("expirationSeconds".into(), json!(*v as i64))),
            _ => {}
        }
    }
    Ok(Value::Object(m))
}

/// TokenReviewSpec { token = 1, audiences = 2 }
fn token_review_spec(b: &[u8]) -> Result<Value, String> {
    let mut m = Map::new();
    for (f, w) in fields(b)? {
        match f {
            1 => drop(m.insert("token".into(), json!(string(&w)))),
            2 => push(&mut m, "audiences", json!(string(&w))),
            _ => {}
        }
    }
    Ok(Value::Object(m))
}

/// Decodes a `k8s\0`-prefixed `runtime.Unknown` envelope into the JSON form of the object.
pub fn decode(body: &[u8]) -> Result<Value, String> {
    let rest = body
        .strip_prefix(b"k8s\0")
        .ok_or("provided object is not a Kubernetes protobuf message")?;
    let (mut api_version, mut kind, mut raw) = (String::new(), String::new(), &[][..]);
    for (f, w) in fields(rest)? {
        match (f, w) {
            (1, Wire::Bytes(tm)) => {
                for (f, w) in fields(tm)? {
                    match f {
                        1 => api_version = string(&w),
                        2 => kind = string(&w),
                        _ => {}
                    }
                }
            }
            (2, Wire::Bytes(r)) => raw = r,
            _ => {}
        }
    }
    let mut out = Map::new();
    out.insert("kind".into(), json!(kind));
    out.insert("apiVersion".into(), json!(api_version));
    for (f, w) in fields(raw)? {
        let Wire::Bytes(b) = w else { continue };
        match (kind.as_str(), f) {
            (_, 1) => drop(out.insert("metadata".into(), object_meta(b)?)),
            ("CertificateSigningRequest", 2) => drop(out.insert("spec".into(), csr_spec(b)?)),
            ("CertificateSigningRequest", 3) => drop(out.insert("status".into(), csr_status(b)?)),
            ("TokenRequest", 2) => drop(out.insert("spec".into(), token_request_spec(b)?)),
            ("TokenReview", 2) => drop(out.insert("spec".into(), token_review_spec(b)?)),
            _ => {}
        }
    }
    Ok(Value::Object(out))
}
