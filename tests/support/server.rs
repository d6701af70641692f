//! HTTPS serving (tokio-rustls + hyper-util, HTTP/1.1 and HTTP/2 via ALPN), per-connection
//! client-certificate identity, authentication, authorization and routing.

use super::Shared;
use super::authn::{self, TokenOutcome, UserInfo};
use super::rbac::{self, Attrs};
use super::resources::{self as store, Ctx, Effect, RESOURCES, Res, find_res, res};
use super::util::*;
use axum::body::Body;
use http::{HeaderValue, Request, Response, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tokio::sync::oneshot;

/// Identity of a verified TLS client certificate, attached to each request of the connection.
#[derive(Clone, Debug)]
pub struct PeerIdentity(pub UserInfo);

pub async fn serve(
    listener: std::net::TcpListener,
    tls: Arc<rustls::ServerConfig>,
    shared: Arc<Shared>,
    mut shutdown: oneshot::Receiver<()>,
) {
    let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
    let acceptor = tokio_rustls::TlsAcceptor::from(tls);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => {
                let Ok((tcp, _)) = accepted else { continue };
                let acceptor = acceptor.clone();
                let shared = shared.clone();
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(tcp).await else { return };
                    let peer = tls
                        .get_ref()
                        .1
                        .peer_certificates()
                        .and_then(|c| c.first())
                        .and_then(|c| super::pki::identity_from_cert(c.as_ref()))
                        .map(|(cn, orgs, fp)| {
                            let mut u = UserInfo { name: cn, groups: orgs, ..Default::default() };
                            u.extra.insert(
                                "authentication.kubernetes.io/credential-id".into(),
                                vec![format!("X509SHA256={fp}")],
                            );
                            PeerIdentity(u)
                        });
                    let svc = hyper::service::service_fn(move |mut req: Request<hyper::body::Incoming>| {
                        let shared = shared.clone();
                        if let Some(p) = &peer {
                            req.extensions_mut().insert(p.clone());
                        }
                        async move { Ok::<_, Infallible>(handle(shared, req).await) }
                    });
                    let builder = hyper_util::server::conn::auto::Builder::new(
                        hyper_util::rt::TokioExecutor::new(),
                    );
                    let _ = builder
                        .serve_connection(hyper_util::rt::TokioIo::new(tls), svc)
                        .await;
                });
            }
        }
    }
}

/// A response before it becomes an HTTP response.
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    pub fn json(status: u16, v: &Value) -> Reply {
        Reply {
            status,
            content_type: "application/json",
            body: serde_json::to_vec(v).unwrap(),
            headers: Vec::new(),
        }
    }

    pub fn err(e: ApiError) -> Reply {
        Reply::json(e.code, &e.to_json())
    }

    fn text(status: u16, s: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: s.as_bytes().to_vec(),
            headers: Vec::new(),
        }
    }
}

async fn handle(shared: Arc<Shared>, req: Request<hyper::body::Incoming>) -> Response<Body> {
    shared.requests.fetch_add(1, Ordering::SeqCst);
    if req.method() == http::Method::POST
        && req.uri().path().trim_end_matches('/') == "/apis/authentication.k8s.io/v1/tokenreviews"
    {
        shared.tokenreviews.fetch_add(1, Ordering::SeqCst);
    }
    // set_stalled(true): accept the request, then never answer until unstalled
    let mut stall = shared.stall.subscribe();
    while *stall.borrow_and_update() {
        if stall.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
    let peer = req.extensions().get::<PeerIdentity>().cloned();
    let (parts, body) = req.into_parts();
    let body = match axum::body::to_bytes(Body::new(body), 16 << 20).await {
        Ok(b) => b.to_vec(),
        Err(_) => {
            return to_response(Reply::err(ApiError::bad_request(
                "failed to read request body",
            )));
        }
    };
    let header = |n: &str| {
        parts
            .headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let raw = RawRequest {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query: parse_query(parts.uri.query().unwrap_or("")),
        content_type: header("content-type"),
        authorization: header("authorization"),
        peer: peer.map(|p| p.0),
        body,
    };
    let (reply, effects) = process(&shared, &raw);
    spawn_effects(&shared, effects);
    to_response(reply)
}

fn to_response(reply: Reply) -> Response<Body> {
    let mut resp = Response::new(Body::from(reply.body));
    *resp.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = resp.headers_mut();
    h.insert("content-type", HeaderValue::from_static(reply.content_type));
    h.insert(
        "cache-control",
        HeaderValue::from_static("no-cache, private"),
    );
    if let Ok(v) = HeaderValue::from_str(&uuid_v4()) {
        h.insert("audit-id", v);
    }
    for (k, v) in reply.headers {
        if let Ok(v) = HeaderValue::from_str(&v) {
            h.insert(k, v);
        }
    }
    resp
}

/// Runs controller work caused by a request, on the server runtime.
pub fn spawn_effects(shared: &Arc<Shared>, effects: Vec<Effect>) {
    for e in effects {
        let sh = shared.clone();
        shared.handle.spawn(async move {
            match e {
                Effect::PopulateTokenSecret { ns, name } => {
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    let mut st = sh.lock();
                    store::populate_token_secret(&sh, &mut st, &ns, &name);
                }
                Effect::SignCsr { name } => {
                    tokio::time::sleep(sh.opts.sign_delay).await;
                    let mut st = sh.lock();
                    store::run_signer(&sh, &mut st, &name);
                }
            }
        });
    }
}

pub struct RawRequest {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub content_type: String,
    pub authorization: String,
    pub peer: Option<UserInfo>,
    pub body: Vec<u8>,
}

impl RawRequest {
    fn q(&self, k: &str) -> &str {
        self.query
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// `request.RequestInfo`.
#[derive(Clone, Debug, Default)]
pub struct RequestInfo {
    pub is_resource: bool,
    pub verb: String,
    pub group: String,
    pub version: String,
    pub namespace: String,
    pub resource: String,
    pub name: String,
    pub subresource: String,
    pub extra_parts: bool,
}

pub fn request_info(method: &str, path: &str, watch: bool) -> RequestInfo {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut info = RequestInfo {
        verb: method.to_lowercase(),
        ..Default::default()
    };
    let rest: &[&str] = match segs.as_slice() {
        ["api", version, rest @ ..] if !rest.is_empty() => {
            info.version = version.to_string();
            rest
        }
        ["apis", group, version, rest @ ..] if !rest.is_empty() => {
            info.group = group.to_string();
            info.version = version.to_string();
            rest
        }
        _ => return info,
    };
    info.is_resource = true;
    let mut parts = rest;
    if parts[0] == "namespaces" && parts.len() > 1 {
        info.namespace = parts[1].to_string();
        if parts.len() > 2 && parts[2] != "status" && parts[2] != "finalize" {
            parts = &parts[2..];
        }
    }
    info.resource = parts[0].to_string();
    info.name = parts.get(1).map(|s| s.to_string()).unwrap_or_default();
    info.subresource = parts.get(2).map(|s| s.to_string()).unwrap_or_default();
    info.extra_parts = parts.len() > 3;
    info.verb = match method {
        "POST" => "create",
        "GET" | "HEAD" if info.name.is_empty() && watch => "watch",
        "GET" | "HEAD" if info.name.is_empty() => "list",
        "GET" | "HEAD" => "get",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" if info.name.is_empty() => "deletecollection",
        "DELETE" => "delete",
        other => {
            return RequestInfo {
                verb: other.to_lowercase(),
                ..info
            };
        }
    }
    .to_string();
    info
}

fn attrs_of(info: &RequestInfo, path: &str) -> Attrs {
    Attrs {
        verb: info.verb.clone(),
        resource_request: info.is_resource,
        api_group: info.group.clone(),
        api_version: info.version.clone(),
        resource: info.resource.clone(),
        subresource: info.subresource.clone(),
        namespace: info.namespace.clone(),
        name: info.name.clone(),
        path: path.to_string(),
    }
}

/// Authentication + authorization + dispatch. Returns the reply and controller work to run.
pub fn process(sh: &Shared, req: &RawRequest) -> (Reply, Vec<Effect>) {
    let mut st = sh.lock();
    // --- authentication (x509 first, then bearer token, then anonymous)
    let user = if let Some(p) = &req.peer {
        p.clone().with_authenticated()
    } else {
        let token = req
            .authorization
            .split_once(' ')
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, t)| t.trim().to_string())
            .unwrap_or_default();
        if !token.is_empty() {
            match authn::authenticate_token(sh, &mut st, &token, None) {
                TokenOutcome::Authenticated { user, .. } => user.with_authenticated(),
                _ => return (Reply::err(ApiError::unauthorized()), Vec::new()),
            }
        } else if sh.opts.anonymous_auth {
            UserInfo::anonymous()
        } else {
            return (Reply::err(ApiError::unauthorized()), Vec::new());
        }
    };
    let watch = matches!(req.q("watch"), "true" | "1");
    let info = request_info(&req.method, &req.path, watch);
    // --- authorization
    let attrs = attrs_of(&info, &req.path);
    let (allowed, reason) = rbac::authorize(&st, &user, &attrs);
    if !allowed {
        return (
            Reply::err(rbac::forbidden(&user, &attrs, &reason)),
            Vec::new(),
        );
    }
    if !info.is_resource {
        return (non_resource(sh, req), Vec::new());
    }
    let mut ctx = Ctx {
        sh,
        st: &mut st,
        user: &user,
        internal: false,
        dry_run: !req.q("dryRun").is_empty(),
        effects: Vec::new(),
    };
    let reply = match resource_request(&mut ctx, req, &info) {
        Ok(r) => r,
        Err(e) => Reply::err(e),
    };
    let effects = std::mem::take(&mut ctx.effects);
    (reply, effects)
}

fn parse_body(req: &RawRequest, kind: &str) -> Result<Value, ApiError> {
    let ct = req.content_type.split(';').next().unwrap_or("").trim();
    if ct == "application/vnd.kubernetes.protobuf" {
        return super::protobuf::decode(&req.body).map_err(|e| {
            ApiError::bad_request(format!(
                "the object provided is unrecognized (must be of type {kind}): {e}"
            ))
        });
    }
    if ct.contains("protobuf") || ct.contains("cbor") {
        return Err(ApiError::unsupported_media_type(ct));
    }
    if req.body.is_empty() {
        return Ok(json!({}));
    }
    let parsed: Result<Value, String> = if ct.contains("yaml") {
        serde_yaml::from_slice(&req.body).map_err(|e| e.to_string())
    } else {
        serde_json::from_slice(&req.body).map_err(|e| e.to_string())
    };
    parsed.map_err(|e| {
        ApiError::bad_request(format!(
            "the object provided is unrecognized (must be of type {kind}): couldn't get version/kind; json parse error: {e}"
        ))
    })
}

fn list_of(ctx: &Ctx, r: &Res, ns: Option<&str>, req: &RawRequest) -> Value {
    let label = req.q("labelSelector");
    let field = req.q("fieldSelector");
    let items: Vec<Value> = ctx
        .st
        .list(r, ns)
        .into_iter()
        .filter(|v| {
            store::matches_label_selector(v, label) && store::matches_field_selector(v, field)
        })
        .map(|v| {
            let mut v = v.clone();
            if let Some(o) = v.as_object_mut() {
                o.remove("kind");
                o.remove("apiVersion");
            }
            v
        })
        .collect();
    json!({
        "kind": format!("{}List", r.kind),
        "apiVersion": r.api_version(),
        "metadata": {"resourceVersion": ctx.st.current_rv()},
        "items": items,
    })
}

fn resource_request(
    ctx: &mut Ctx,
    req: &RawRequest,
    info: &RequestInfo,
) -> Result<Reply, ApiError> {
    let Some(r) = find_res(&info.group, &info.version, &info.resource) else {
        return Err(ApiError::no_such_resource());
    };
    if info.extra_parts {
        return Err(ApiError::no_such_resource());
    }
    let ns = info.namespace.as_str();
    let name = info.name.as_str();
    // cluster-scoped resources are not served under /namespaces/{ns}/ (except namespaces itself)
    if !r.namespaced && !ns.is_empty() && r.plural != "namespaces" {
        return Err(ApiError::no_such_resource());
    }
    let ns = if r.plural == "namespaces" { "" } else { ns };
    if r.namespaced && ns.is_empty() && !(req.method == "GET" && name.is_empty()) {
        return Err(ApiError::no_such_resource());
    }
    if info.verb == "watch" {
        return Err(ApiError::bad_request(
            "watch is not supported by this test API server",
        ));
    }
    // review resources: create only
    if r.review {
        if req.method != "POST" || !name.is_empty() {
            return Err(ApiError::method_not_allowed());
        }
        let body = parse_body(req, r.kind)?;
        let out = match r.plural {
            "tokenreviews" => authn::token_review(ctx.sh, ctx.st, &body)?,
            "selfsubjectreviews" => authn::self_subject_review(ctx.user, &body)?,
            "subjectaccessreviews" => access_review(ctx, &body, false)?,
            "selfsubjectaccessreviews" => access_review(ctx, &body, true)?,
            _ => return Err(ApiError::no_such_resource()),
        };
        return Ok(Reply::json(201, &out));
    }
    let sub = (!info.subresource.is_empty()).then_some(info.subresource.as_str());
    match (r.plural, sub) {
        (_, None) => {}
        ("serviceaccounts", Some("token")) => {
            if req.method != "POST" {
                return Err(ApiError::method_not_allowed());
            }
            let body = parse_body(req, "TokenRequest")?;
            let out = authn::token_request(ctx, ns, name, &body)?;
            return Ok(Reply::json(201, &out));
        }
        ("certificatesigningrequests", Some("approval" | "status")) => {
            if !matches!(req.method.as_str(), "GET" | "PUT" | "PATCH") {
                return Err(ApiError::method_not_allowed());
            }
        }
        _ => return Err(ApiError::no_such_resource()),
    }
    match (req.method.as_str(), name.is_empty()) {
        ("GET" | "HEAD", true) => {
            let filter = if ns.is_empty() { None } else { Some(ns) };
            Ok(Reply::json(200, &list_of(ctx, r, filter, req)))
        }
        ("GET" | "HEAD", false) => ctx
            .st
            .get(r, ns, name)
            .map(|v| Reply::json(200, v))
            .ok_or_else(|| ApiError::not_found(&r.gr(), name)),
        ("POST", true) => {
            let body = parse_body(req, r.kind)?;
            let v = store::create(ctx, r, ns, body)?;
            Ok(Reply::json(201, &v))
        }
        ("PUT", false) => {
            let body = parse_body(req, r.kind)?;
            let (v, created) = store::update(ctx, r, ns, name, body, sub)?;
            Ok(Reply::json(if created { 201 } else { 200 }, &v))
        }
        ("PATCH", false) => {
            let (v, created) = store::patch(
                ctx,
                r,
                ns,
                name,
                &req.content_type,
                &req.body,
                sub,
                req.q("fieldManager"),
            )?;
            Ok(Reply::json(if created { 201 } else { 200 }, &v))
        }
        ("DELETE", false) => {
            let opts = if req.body.is_empty() {
                json!({})
            } else {
                serde_json::from_slice(&req.body).unwrap_or(json!({}))
            };
            let v = store::delete(ctx, r, ns, name, &opts)?;
            Ok(Reply::json(200, &v))
        }
        _ => Err(ApiError::method_not_allowed()),
    }
}

/// SubjectAccessReview / SelfSubjectAccessReview.
fn access_review(ctx: &mut Ctx, body: &Value, self_review: bool) -> Result<Value, ApiError> {
    let kind = if self_review {
        "SelfSubjectAccessReview"
    } else {
        "SubjectAccessReview"
    };
    let mut out = serde_json::Map::new();
    out.insert("kind".into(), json!(kind));
    out.insert("apiVersion".into(), json!("authorization.k8s.io/v1"));
    let mut metadata = body
        .get("metadata")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    metadata.insert("creationTimestamp".into(), Value::Null);
    out.insert("metadata".into(), Value::Object(metadata));
    let mut spec = body.get("spec").cloned().unwrap_or(json!({}));
    let ra = spec
        .get("resourceAttributes")
        .filter(|v| v.is_object())
        .cloned();
    let nra = spec
        .get("nonResourceAttributes")
        .filter(|v| v.is_object())
        .cloned();
    let mut errs = Vec::new();
    if ra.is_some() == nra.is_some() {
        errs.push(FieldError::Required(
            "spec.resourceAttributes".into(),
            "exactly one of nonResourceAttributes or resourceAttributes must be specified".into(),
        ));
    }
    let user = if self_review {
        let u = ctx.user.clone();
        if let Some(o) = spec.as_object_mut() {
            o.insert("user".into(), json!(u.name));
            if !u.uid.is_empty() {
                o.insert("uid".into(), json!(u.uid));
            }
            o.insert("groups".into(), json!(u.groups));
            if !u.extra.is_empty() {
                o.insert("extra".into(), json!(u.extra));
            }
        }
        u
    } else {
        let name = spec
            .get("user")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let groups = str_list(spec.get("groups"));
        if name.is_empty() && groups.is_empty() {
            errs.push(FieldError::invalid_str(
                "spec.user",
                "",
                "at least one of user or group must be specified",
            ));
        }
        let mut extra = BTreeMap::new();
        if let Some(Value::Object(e)) = spec.get("extra") {
            for (k, v) in e {
                extra.insert(k.clone(), str_list(Some(v)));
            }
        }
        UserInfo {
            name,
            uid: spec
                .get("uid")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            groups,
            extra,
        }
    };
    if !errs.is_empty() {
        return Err(ApiError::invalid("authorization.k8s.io", kind, "", &errs));
    }
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let attrs = match (&ra, &nra) {
        (Some(ra), _) => Attrs {
            verb: s(ra, "verb"),
            resource_request: true,
            api_group: s(ra, "group"),
            api_version: s(ra, "version"),
            resource: s(ra, "resource"),
            subresource: s(ra, "subresource"),
            namespace: s(ra, "namespace"),
            name: s(ra, "name"),
            path: String::new(),
        },
        (_, Some(nra)) => Attrs {
            verb: s(nra, "verb"),
            path: s(nra, "path"),
            ..Default::default()
        },
        _ => unreachable!(),
    };
    let (allowed, reason) = rbac::authorize(ctx.st, &user, &attrs);
    let mut status = serde_json::Map::new();
    status.insert("allowed".into(), json!(allowed));
    if !reason.is_empty() {
        status.insert("reason".into(), json!(reason));
    }
    out.insert("spec".into(), spec);
    out.insert("status".into(), Value::Object(status));
    Ok(Value::Object(out))
}

fn version_json() -> Value {
    json!({
        "major": "1",
        "minor": "33",
        "emulationMajor": "1",
        "emulationMinor": "33",
        "minCompatibilityMajor": "1",
        "minCompatibilityMinor": "32",
        "gitVersion": "v1.33.0",
        "gitCommit": "0000000000000000000000000000000000000000",
        "gitTreeState": "clean",
        "buildDate": "2025-04-23T00:00:00Z",
        "goVersion": "go1.24.2",
        "compiler": "gc",
        "platform": "linux/amd64",
    })
}

fn resource_list(group: &str, version: &str) -> Value {
    let mut resources = Vec::new();
    for r in RESOURCES
        .iter()
        .filter(|r| r.group == group && r.version == version)
    {
        let mut e = json!({
            "name": r.plural,
            "singularName": r.singular,
            "namespaced": r.namespaced,
            "kind": r.kind,
            "verbs": r.verbs(),
        });
        if !r.short.is_empty() {
            e["shortNames"] = json!(r.short);
        }
        resources.push(e);
        match r.plural {
            "serviceaccounts" => resources.push(json!({
                "name": "serviceaccounts/token", "singularName": "", "namespaced": true,
                "group": "authentication.k8s.io", "version": "v1", "kind": "TokenRequest", "verbs": ["create"],
            })),
            "certificatesigningrequests" => {
                for s in ["approval", "status"] {
                    resources.push(json!({
                        "name": format!("certificatesigningrequests/{s}"), "singularName": "", "namespaced": false,
                        "kind": "CertificateSigningRequest", "verbs": ["get", "patch", "update"],
                    }));
                }
            }
            _ => {}
        }
    }
    let gv = if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    };
    let mut out = json!({"kind": "APIResourceList", "groupVersion": gv, "resources": resources});
    if !group.is_empty() {
        out["apiVersion"] = json!("v1");
    }
    out
}

fn api_group(group: &str) -> Value {
    let gv = json!({"groupVersion": format!("{group}/v1"), "version": "v1"});
    json!({"name": group, "versions": [gv.clone()], "preferredVersion": gv})
}

fn groups() -> Vec<&'static str> {
    let mut gs: Vec<&'static str> = Vec::new();
    for r in RESOURCES {
        if !r.group.is_empty() && !gs.contains(&r.group) {
            gs.push(r.group);
        }
    }
    gs
}

/// `/openapi/v3`: one entry per group-version (kubectl uses it to detect server-side
/// field validation support).
fn openapi_v3_root() -> Value {
    let mut paths = serde_json::Map::new();
    paths.insert(
        "api/v1".into(),
        json!({"serverRelativeURL": "/openapi/v3/api/v1?hash=0"}),
    );
    for g in groups() {
        paths.insert(
            format!("apis/{g}/v1"),
            json!({"serverRelativeURL": format!("/openapi/v3/apis/{g}/v1?hash=0")}),
        );
    }
    json!({"paths": paths})
}

/// A skeletal OpenAPI v3 document for a group-version: the operations with their
/// `x-kubernetes-group-version-kind` and the `fieldValidation` parameter, no schemas.
fn openapi_v3_gv(group: &str, version: &str) -> Value {
    let prefix = if group.is_empty() {
        format!("/api/{version}")
    } else {
        format!("/apis/{group}/{version}")
    };
    let param = json!({"name": "fieldValidation", "in": "query", "schema": {"type": "string", "uniqueItems": true}});
    let mut paths = serde_json::Map::new();
    for r in RESOURCES
        .iter()
        .filter(|r| r.group == group && r.version == version)
    {
        let gvk = json!({"group": r.group, "version": r.version, "kind": r.kind});
        let collection = if r.namespaced {
            format!("{prefix}/namespaces/{{namespace}}/{}", r.plural)
        } else {
            format!("{prefix}/{}", r.plural)
        };
        let op = |action: &str| {
            json!({
                "operationId": format!("{action}{}", r.kind),
                "parameters": [param.clone()],
                "responses": {},
                "x-kubernetes-action": action,
                "x-kubernetes-group-version-kind": gvk.clone(),
            })
        };
        paths.insert(collection.clone(), json!({"post": op("post")}));
        if !r.review {
            paths.insert(
                format!("{collection}/{{name}}"),
                json!({"get": op("get"), "put": op("put"), "patch": op("patch"), "delete": op("delete")}),
            );
        }
    }
    json!({
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes", "version": "v1.33.0"},
        "paths": paths,
        "components": {"schemas": {}},
    })
}

fn non_resource(sh: &Shared, req: &RawRequest) -> Reply {
    if req.method != "GET" && req.method != "HEAD" {
        return Reply::err(ApiError::method_not_allowed());
    }
    let path = req.path.trim_end_matches('/');
    let path = if path.is_empty() { "/" } else { path };
    match path {
        "/healthz" | "/livez" | "/readyz" => Reply::text(200, "ok"),
        "/version" => Reply::json(200, &version_json()),
        // pkg/routes/openidmetadata.go
        "/.well-known/openid-configuration" => {
            let mut r = Reply::json(
                200,
                &json!({
                    "issuer": sh.opts.issuer,
                    "jwks_uri": format!("{}/openid/v1/jwks", sh.url),
                    "response_types_supported": ["id_token"],
                    "subject_types_supported": ["public"],
                    "id_token_signing_alg_values_supported": [sh.signing_key().alg_name],
                }),
            );
            r.headers
                .push(("cache-control", "public, max-age=3600".into()));
            r
        }
        "/openid/v1/jwks" => {
            let keys: Vec<Value> = sh
                .verification_keys()
                .iter()
                .map(|k| k.jwk.clone())
                .collect();
            let mut r = Reply::json(200, &json!({ "keys": keys }));
            r.content_type = "application/jwk-set+json";
            r.headers
                .push(("cache-control", "public, max-age=3600".into()));
            r
        }
        "/api" => Reply::json(
            200,
            &json!({
                "kind": "APIVersions",
                "versions": ["v1"],
                "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": sh.url.trim_start_matches("https://")}],
            }),
        ),
        "/api/v1" => Reply::json(200, &resource_list("", "v1")),
        "/openapi/v3" => Reply::json(200, &openapi_v3_root()),
        "/apis" => Reply::json(
            200,
            &json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups().into_iter().map(api_group).collect::<Vec<_>>()}),
        ),
        p => {
            let segs: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
            match segs.as_slice() {
                ["apis", g] if groups().contains(g) => {
                    let mut v = api_group(g);
                    v["kind"] = json!("APIGroup");
                    v["apiVersion"] = json!("v1");
                    Reply::json(200, &v)
                }
                ["apis", g, "v1"] if groups().contains(g) => {
                    Reply::json(200, &resource_list(g, "v1"))
                }
                ["openapi", "v3", "api", "v1"] => Reply::json(200, &openapi_v3_gv("", "v1")),
                ["openapi", "v3", "apis", g, "v1"] if groups().contains(g) => {
                    Reply::json(200, &openapi_v3_gv(g, "v1"))
                }
                _ => Reply::text(404, "404 page not found\n"),
            }
        }
    }
}

/// Finds an object by API path (`/api/v1/namespaces/ns/secrets/x`, `/apis/g/v1/...`).
pub fn lookup(sh: &Shared, path: &str) -> Option<Value> {
    let info = request_info("GET", path, false);
    if !info.is_resource || info.name.is_empty() {
        return None;
    }
    let r = find_res(&info.group, &info.version, &info.resource)?;
    let ns = if r.plural == "namespaces" {
        ""
    } else {
        &info.namespace
    };
    sh.lock().get(r, ns, &info.name).cloned()
}

/// Runs an internal (test-helper) operation as the cluster admin, then its controller work.
pub fn internal<T>(shared: &Arc<Shared>, f: impl FnOnce(&mut Ctx) -> T) -> T {
    let admin = UserInfo::new("system:admin", &["system:masters", "system:authenticated"]);
    let (out, effects) = {
        let mut st = shared.lock();
        let mut ctx = Ctx {
            sh: shared,
            st: &mut st,
            user: &admin,
            internal: true,
            dry_run: false,
            effects: Vec::new(),
        };
        let out = f(&mut ctx);
        let effects = std::mem::take(&mut ctx.effects);
        (out, effects)
    };
    spawn_effects(shared, effects);
    out
}

pub fn res_of(plural: &str) -> &'static Res {
    res(plural)
}
