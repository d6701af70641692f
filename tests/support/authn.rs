//! Authentication as kube-apiserver does it: static token, service-account JWTs
//! (bound and legacy, `pkg/serviceaccount/{jwt,claims,legacy}.go`), x509 client certificates;
//! and the TokenReview / TokenRequest / SelfSubjectReview endpoints.

use super::Shared;
use super::pki::SaKey;
use super::resources::{Ctx, State, meta_str, res};
use super::util::*;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

pub const LEGACY_ISSUER: &str = "kubernetes/serviceaccount";
/// go-jose's `DefaultLeeway`.
const LEEWAY: i64 = 60;
/// Secret label written by the legacy-token tracking controller.
const LEGACY_LAST_USED_LABEL: &str = "kubernetes.io/legacy-token-last-used";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserInfo {
    pub name: String,
    pub uid: String,
    pub groups: Vec<String>,
    pub extra: BTreeMap<String, Vec<String>>,
}

impl UserInfo {
    pub fn new(name: &str, groups: &[&str]) -> Self {
        UserInfo {
            name: name.into(),
            groups: groups.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    /// `group.NewAuthenticatedGroupAdder`.
    pub fn with_authenticated(mut self) -> Self {
        if !self.groups.iter().any(|g| g == "system:authenticated") && !self.name.is_empty() {
            self.groups.push("system:authenticated".into());
        }
        self
    }

    pub fn anonymous() -> Self {
        UserInfo::new("system:anonymous", &["system:unauthenticated"])
    }

    /// `authentication/v1.UserInfo` JSON.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("username".into(), json!(self.name));
        if !self.uid.is_empty() {
            m.insert("uid".into(), json!(self.uid));
        }
        m.insert("groups".into(), json!(self.groups));
        if !self.extra.is_empty() {
            m.insert("extra".into(), json!(self.extra));
        }
        Value::Object(m)
    }
}

pub enum TokenOutcome {
    Authenticated {
        user: UserInfo,
        audiences: Vec<String>,
    },
    /// no token authenticator recognized the token
    NotHandled,
    /// an authenticator recognized the token and rejected it
    Rejected(String),
}

impl TokenOutcome {
    /// The error text a failed authentication reports (TokenReview `status.error`, audit logs).
    pub fn error_text(&self) -> Option<String> {
        match self {
            TokenOutcome::Authenticated { .. } => None,
            TokenOutcome::NotHandled => Some("invalid bearer token".into()),
            TokenOutcome::Rejected(e) => Some(format!("[invalid bearer token, {e}]")),
        }
    }
}

fn numeric(v: Option<&Value>) -> Option<i64> {
    v.and_then(|x| x.as_i64().or_else(|| x.as_f64().map(|f| f as i64)))
}

/// Authenticates a bearer token for the requested audiences (`None` = the API server's).
pub fn authenticate_token(
    sh: &Shared,
    st: &mut State,
    token: &str,
    requested: Option<&[String]>,
) -> TokenOutcome {
    let api_auds = &sh.opts.api_audiences;
    let requested: Vec<String> = match requested {
        Some(r) if !r.is_empty() => r.to_vec(),
        _ => api_auds.clone(),
    };
    if token.is_empty() {
        return TokenOutcome::NotHandled;
    }
    // --token-auth-file entry, wrapped by WrapAudienceAgnosticToken
    if token == sh.admin_token {
        let wanted_ok = api_auds.is_empty() || api_auds.iter().any(|a| requested.contains(a));
        if !wanted_ok {
            return TokenOutcome::NotHandled;
        }
        return TokenOutcome::Authenticated {
            user: UserInfo {
                name: "kubernetes-admin".into(),
                uid: String::new(),
                groups: vec!["system:masters".into()],
                extra: BTreeMap::new(),
            },
            audiences: api_auds.clone(),
        };
    }
    authenticate_jwt(sh, st, token, &requested)
}

fn authenticate_jwt(
    sh: &Shared,
    st: &mut State,
    token: &str,
    requested: &[String],
) -> TokenOutcome {
    // hasCorrectIssuer
    if token.trim_start().starts_with('{') {
        return TokenOutcome::NotHandled;
    }
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return TokenOutcome::NotHandled;
    }
    let Some(claims) =
        b64url_decode(parts[1]).and_then(|b| serde_json::from_slice::<Value>(&b).ok())
    else {
        return TokenOutcome::NotHandled;
    };
    let Some(iss) = claims.get("iss").and_then(Value::as_str) else {
        return TokenOutcome::NotHandled;
    };
    let legacy = iss == LEGACY_ISSUER;
    if !legacy && iss != sh.opts.issuer {
        return TokenOutcome::NotHandled;
    }
    // jwt.ParseSigned
    let Some(header) =
        b64url_decode(parts[0]).and_then(|b| serde_json::from_slice::<Value>(&b).ok())
    else {
        return TokenOutcome::NotHandled;
    };
    let Some(alg) = header.get("alg").and_then(Value::as_str) else {
        return TokenOutcome::NotHandled;
    };
    // StaticPublicKeysGetter.GetPublicKeys(kid)
    let kid = header.get("kid").and_then(Value::as_str).unwrap_or("");
    let keys: Vec<_> = sh
        .verification_keys()
        .into_iter()
        .filter(|k| kid.is_empty() || k.kid == kid)
        .collect();
    if keys.is_empty() {
        return TokenOutcome::Rejected("invalid signature, no keys found".into());
    }
    let signing_input = format!("{}.{}", parts[0], parts[1]);
    if !keys.iter().any(|k| k.verify(&signing_input, parts[2], alg)) {
        return TokenOutcome::Rejected("go-jose/go-jose: error in cryptographic primitive".into());
    }
    // audiences
    let api_auds = &sh.opts.api_audiences;
    let mut token_auds = str_list(claims.get("aud"));
    if token_auds.is_empty() {
        token_auds = api_auds.clone(); // legacy tokens: only API server audiences
    }
    let audiences: Vec<String> = requested
        .iter()
        .filter(|r| token_auds.contains(r))
        .cloned()
        .collect();
    if audiences.is_empty() && !api_auds.is_empty() {
        return TokenOutcome::Rejected(format!(
            "token audiences {} is invalid for the target audiences {}",
            go_quote_list(&token_auds),
            go_quote_list(requested)
        ));
    }
    let validated = if legacy {
        validate_legacy(st, token, &claims)
    } else {
        validate_bound(st, &claims)
    };
    match validated {
        Ok(user) => TokenOutcome::Authenticated { user, audiences },
        Err(e) => TokenOutcome::Rejected(e),
    }
}

fn not_found(resource: &str, name: &str) -> String {
    format!("{resource} {} not found", go_quote(name))
}

/// `pkg/serviceaccount/claims.go` validator.Validate
fn validate_bound(st: &State, claims: &Value) -> Result<UserInfo, String> {
    let now = now_unix();
    if let Some(nbf) = numeric(claims.get("nbf"))
        && now + LEEWAY < nbf
    {
        return Err("service account token is not valid yet".into());
    }
    if let Some(exp) = numeric(claims.get("exp"))
        && now - LEEWAY > exp
    {
        return Err("service account token has expired".into());
    }
    if let Some(iat) = numeric(claims.get("iat"))
        && now + LEEWAY < iat
    {
        return Err("service account token is issued in the future".into());
    }
    let k = claims.get("kubernetes.io").cloned().unwrap_or(json!({}));
    let s = |p: &str| {
        k.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let ns = s("/namespace");
    let sa_name = s("/serviceaccount/name");
    let sa_uid = s("/serviceaccount/uid");
    let sa = st
        .get(res("serviceaccounts"), &ns, &sa_name)
        .ok_or_else(|| not_found("serviceaccounts", &sa_name))?;
    if meta_str(sa, "uid") != sa_uid {
        return Err(format!(
            "service account UID ({}) does not match claim ({sa_uid})",
            meta_str(sa, "uid")
        ));
    }
    if k.get("secret").is_some() {
        let name = s("/secret/name");
        let uid = s("/secret/uid");
        let secret = st
            .get(res("secrets"), &ns, &name)
            .ok_or("service account token has been invalidated")?;
        if meta_str(secret, "uid") != uid {
            return Err(format!(
                "secret UID ({}) does not match service account secret ref claim ({uid})",
                meta_str(secret, "uid")
            ));
        }
    }
    let mut extra = BTreeMap::new();
    if k.get("pod").is_some() {
        let name = s("/pod/name");
        let uid = s("/pod/uid");
        let pod = st
            .get(res("pods"), &ns, &name)
            .ok_or("service account token has been invalidated")?;
        if meta_str(pod, "uid") != uid {
            return Err(format!(
                "pod UID ({}) does not match service account pod ref claim ({uid})",
                meta_str(pod, "uid")
            ));
        }
        extra.insert(
            "authentication.kubernetes.io/pod-name".to_string(),
            vec![name],
        );
        extra.insert(
            "authentication.kubernetes.io/pod-uid".to_string(),
            vec![uid],
        );
        if k.get("node").is_some() {
            extra.insert(
                "authentication.kubernetes.io/node-name".to_string(),
                vec![s("/node/name")],
            );
            let nuid = s("/node/uid");
            if !nuid.is_empty() {
                extra.insert(
                    "authentication.kubernetes.io/node-uid".to_string(),
                    vec![nuid],
                );
            }
        }
    } else if k.get("node").is_some() {
        // node-bound tokens: this server has no Node objects
        return Err("service account token has been invalidated".into());
    }
    if let Some(jti) = claims.get("jti").and_then(Value::as_str)
        && !jti.is_empty()
    {
        extra.insert(
            "authentication.kubernetes.io/credential-id".to_string(),
            vec![format!("JTI={jti}")],
        );
    }
    Ok(UserInfo {
        name: format!("system:serviceaccount:{ns}:{sa_name}"),
        uid: sa_uid,
        groups: vec![
            "system:serviceaccounts".into(),
            format!("system:serviceaccounts:{ns}"),
        ],
        extra,
    })
}

/// `pkg/serviceaccount/legacy.go` legacyValidator.Validate (with lookup).
fn validate_legacy(st: &mut State, token: &str, claims: &Value) -> Result<UserInfo, String> {
    let c = |k: &str| {
        claims
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let sub = c("sub");
    let ns = c("kubernetes.io/serviceaccount/namespace");
    let secret_name = c("kubernetes.io/serviceaccount/secret.name");
    let sa_name = c("kubernetes.io/serviceaccount/service-account.name");
    let sa_uid = c("kubernetes.io/serviceaccount/service-account.uid");
    for (v, msg) in [
        (&sub, "sub claim is missing"),
        (&ns, "namespace claim is missing"),
        (&secret_name, "secretName claim is missing"),
        (&sa_name, "serviceAccountName claim is missing"),
        (&sa_uid, "serviceAccountUID claim is missing"),
    ] {
        if v.is_empty() {
            return Err(msg.into());
        }
    }
    if sub != format!("system:serviceaccount:{ns}:{sa_name}") {
        return Err("sub claim is invalid".into());
    }
    let secrets = res("secrets");
    let secret = st
        .get(secrets, &ns, &secret_name)
        .cloned()
        .ok_or("Token has been invalidated")?;
    let stored = secret
        .pointer("/data/token")
        .and_then(Value::as_str)
        .and_then(b64_decode)
        .unwrap_or_default();
    if stored != token.as_bytes() {
        return Err("Token does not match server's copy".into());
    }
    let sa = st
        .get(res("serviceaccounts"), &ns, &sa_name)
        .ok_or_else(|| not_found("serviceaccounts", &sa_name))?;
    if meta_str(sa, "uid") != sa_uid {
        return Err(format!(
            "ServiceAccount UID ({}) does not match claim ({sa_uid})",
            meta_str(sa, "uid")
        ));
    }
    // LegacyServiceAccountTokenTracking: record the day of last use on the Secret
    let today = date_only(now_unix());
    let labels_now = super::resources::meta(&secret)
        .get("labels")
        .and_then(|l| l.get(LEGACY_LAST_USED_LABEL))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if labels_now != today {
        let mut updated = secret.clone();
        let m = super::resources::meta_mut(&mut updated);
        if !m.get("labels").is_some_and(Value::is_object) {
            m.insert("labels".into(), json!({}));
        }
        m["labels"][LEGACY_LAST_USED_LABEL] = json!(today);
        st.bump(secrets, &ns, &secret_name, updated);
    }
    Ok(UserInfo {
        name: sub,
        uid: sa_uid,
        groups: vec![
            "system:serviceaccounts".into(),
            format!("system:serviceaccounts:{ns}"),
        ],
        extra: BTreeMap::new(),
    })
}

// ---------------------------------------------------------------- minting

/// Parameters of a bound token (`token.Claims`).
pub struct BoundToken<'a> {
    pub ns: &'a str,
    pub sa_name: &'a str,
    pub sa_uid: &'a str,
    pub pod: Option<(String, String)>,
    pub secret: Option<(String, String)>,
    pub node_name: Option<String>,
    pub audiences: Vec<String>,
    pub iat: i64,
    pub exp: i64,
    pub warnafter: Option<i64>,
}

/// Signs a bound service-account token with the claims kube-apiserver writes
/// (keys in the order go-jose marshals them: alphabetical).
pub fn mint_bound(key: &SaKey, issuer: &str, t: &BoundToken) -> (String, String) {
    let jti = uuid_v4();
    let mut k = Map::new();
    k.insert("namespace".into(), json!(t.ns));
    if let Some(node) = &t.node_name {
        k.insert("node".into(), json!({"name": node}));
    }
    if let Some((name, uid)) = &t.pod {
        k.insert("pod".into(), json!({"name": name, "uid": uid}));
    }
    if let Some((name, uid)) = &t.secret {
        k.insert("secret".into(), json!({"name": name, "uid": uid}));
    }
    k.insert(
        "serviceaccount".into(),
        json!({"name": t.sa_name, "uid": t.sa_uid}),
    );
    if let Some(w) = t.warnafter {
        k.insert("warnafter".into(), json!(w));
    }
    let claims = json!({
        "aud": t.audiences,
        "exp": t.exp,
        "iat": t.iat,
        "iss": issuer,
        "jti": jti,
        "kubernetes.io": Value::Object(k),
        "nbf": t.iat,
        "sub": format!("system:serviceaccount:{}:{}", t.ns, t.sa_name),
    });
    (key.sign(&claims), jti)
}

/// Claims of a legacy (Secret-based) token (`LegacyClaims`).
pub fn legacy_claims(ns: &str, sa_name: &str, sa_uid: &str, secret_name: &str) -> Value {
    json!({
        "iss": LEGACY_ISSUER,
        "kubernetes.io/serviceaccount/namespace": ns,
        "kubernetes.io/serviceaccount/secret.name": secret_name,
        "kubernetes.io/serviceaccount/service-account.name": sa_name,
        "kubernetes.io/serviceaccount/service-account.uid": sa_uid,
        "sub": format!("system:serviceaccount:{ns}:{sa_name}"),
    })
}

// ---------------------------------------------------------------- endpoints

fn review_body(
    body: &Value,
    kind: &str,
    api_version: &str,
) -> Result<Map<String, Value>, ApiError> {
    let Some(obj) = body.as_object() else {
        return Err(ApiError::bad_request(format!(
            "the object provided is unrecognized (must be of type {kind}): couldn't get version/kind; json parse error: expected an object"
        )));
    };
    if let Some(av) = obj.get("apiVersion").and_then(Value::as_str)
        && !av.is_empty()
        && av != api_version
    {
        return Err(ApiError::bad_request(format!(
            "the API version in the data ({av}) does not match the expected API version ({api_version})"
        )));
    }
    if let Some(k) = obj.get("kind").and_then(Value::as_str)
        && !k.is_empty()
        && k != kind
    {
        return Err(ApiError::bad_request(format!(
            "the kind in the data ({k}) does not match the expected kind ({kind})"
        )));
    }
    let mut out = Map::new();
    out.insert("kind".into(), json!(kind));
    out.insert("apiVersion".into(), json!(api_version));
    let mut metadata = obj
        .get("metadata")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    metadata.insert("creationTimestamp".into(), Value::Null);
    out.insert("metadata".into(), Value::Object(metadata));
    out.insert("spec".into(), obj.get("spec").cloned().unwrap_or(json!({})));
    Ok(out)
}

/// POST /apis/authentication.k8s.io/v1/tokenreviews
pub fn token_review(sh: &Shared, st: &mut State, body: &Value) -> Result<Value, ApiError> {
    let mut out = review_body(body, "TokenReview", "authentication.k8s.io/v1")?;
    let token = out["spec"]
        .get("token")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if token.is_empty() {
        return Err(ApiError::bad_request(
            "token is required for TokenReview in authentication",
        ));
    }
    let auds = str_list(out["spec"].get("audiences"));
    let outcome = authenticate_token(sh, st, &token, Some(&auds));
    let status = match &outcome {
        TokenOutcome::Authenticated { user, audiences } => json!({
            "authenticated": true,
            "user": user.clone().with_authenticated().to_json(),
            "audiences": audiences,
        }),
        _ => json!({"user": {}, "error": outcome.error_text()}),
    };
    out.insert("status".into(), status);
    Ok(Value::Object(out))
}

/// POST /apis/authentication.k8s.io/v1/selfsubjectreviews
pub fn self_subject_review(user: &UserInfo, body: &Value) -> Result<Value, ApiError> {
    let mut out = review_body(body, "SelfSubjectReview", "authentication.k8s.io/v1")?;
    out.remove("spec");
    out.insert("status".into(), json!({"userInfo": user.to_json()}));
    Ok(Value::Object(out))
}

/// POST /api/v1/namespaces/{ns}/serviceaccounts/{name}/token
pub fn token_request(ctx: &mut Ctx, ns: &str, name: &str, body: &Value) -> Result<Value, ApiError> {
    let gk_group = "authentication.k8s.io";
    let Some(obj) = body.as_object() else {
        return Err(ApiError::bad_request(
            "the object provided is unrecognized (must be of type TokenRequest)",
        ));
    };
    if let Some(k) = obj.get("kind").and_then(Value::as_str)
        && !k.is_empty()
        && k != "TokenRequest"
    {
        return Err(ApiError::bad_request(format!(
            "the kind in the data ({k}) does not match the expected kind (TokenRequest)"
        )));
    }
    let m = obj.get("metadata").cloned().unwrap_or(json!({}));
    let body_name = m.get("name").and_then(Value::as_str).unwrap_or("");
    if !body_name.is_empty() && body_name != name {
        return Err(ApiError::invalid(
            gk_group,
            "TokenRequest",
            name,
            &[FieldError::invalid_str(
                "metadata.name",
                body_name,
                "must match the service account name if specified",
            )],
        ));
    }
    let body_ns = m.get("namespace").and_then(Value::as_str).unwrap_or("");
    if !body_ns.is_empty() && body_ns != ns {
        return Err(ApiError::invalid(
            gk_group,
            "TokenRequest",
            name,
            &[FieldError::invalid_str(
                "metadata.namespace",
                body_ns,
                "must match the service account namespace if specified",
            )],
        ));
    }
    let sa = ctx
        .st
        .get(res("serviceaccounts"), ns, name)
        .cloned()
        .ok_or_else(|| ApiError::not_found(&GroupResource::new("", "serviceaccounts"), name))?;
    let sa_uid = meta_str(&sa, "uid").to_string();
    let req_uid = m.get("uid").and_then(Value::as_str).unwrap_or("");
    if !req_uid.is_empty() && req_uid != sa_uid {
        return Err(ApiError::conflict(
            &GroupResource::new(gk_group, "TokenRequest"),
            name,
            &format!(
                "the UID in the token request ({req_uid}) does not match the UID of the service account ({sa_uid})"
            ),
        ));
    }
    let mut spec = obj.get("spec").cloned().unwrap_or(json!({}));
    if !spec.is_object() {
        spec = json!({});
    }
    let mut audiences = str_list(spec.get("audiences"));
    if audiences.is_empty() {
        audiences = ctx.sh.opts.api_audiences.clone();
    }
    let exp_secs = spec
        .get("expirationSeconds")
        .and_then(Value::as_i64)
        .unwrap_or(3600);
    spec["audiences"] = json!(audiences);
    spec["expirationSeconds"] = json!(exp_secs);
    let mut errs = Vec::new();
    if exp_secs < 600 {
        errs.push(FieldError::Invalid(
            "spec.expirationSeconds".into(),
            exp_secs.to_string(),
            "may not specify a duration less than 10 minutes".into(),
        ));
    }
    if exp_secs > 1 << 32 {
        errs.push(FieldError::Invalid(
            "spec.expirationSeconds".into(),
            exp_secs.to_string(),
            "may not specify a duration larger than 2^32 seconds".into(),
        ));
    }
    if !errs.is_empty() {
        return Err(ApiError::invalid(gk_group, "TokenRequest", "", &errs));
    }
    let mut pod = None;
    let mut secret = None;
    let mut node_name = None;
    if let Some(r) = spec.get("boundObjectRef").filter(|r| r.is_object()) {
        let kind = r.get("kind").and_then(Value::as_str).unwrap_or("");
        let api_version = r.get("apiVersion").and_then(Value::as_str).unwrap_or("");
        let group = api_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("");
        let ref_name = r.get("name").and_then(Value::as_str).unwrap_or("");
        let ref_uid = r.get("uid").and_then(Value::as_str).unwrap_or("");
        let uid = match (group, kind) {
            ("", "Pod") => {
                let p = ctx
                    .st
                    .get(res("pods"), ns, ref_name)
                    .cloned()
                    .ok_or_else(|| {
                        ApiError::not_found(&GroupResource::new("", "pods"), ref_name)
                    })?;
                if p.pointer("/spec/serviceAccountName")
                    .and_then(Value::as_str)
                    != Some(name)
                {
                    return Err(ApiError::bad_request(format!(
                        "cannot bind token for serviceaccount {} to pod running with different serviceaccount name.",
                        go_quote(name)
                    )));
                }
                node_name = p
                    .pointer("/spec/nodeName")
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string);
                let uid = meta_str(&p, "uid").to_string();
                pod = Some((ref_name.to_string(), uid.clone()));
                uid
            }
            ("", "Secret") => {
                let s = ctx
                    .st
                    .get(res("secrets"), ns, ref_name)
                    .cloned()
                    .ok_or_else(|| {
                        ApiError::not_found(&GroupResource::new("", "secrets"), ref_name)
                    })?;
                let uid = meta_str(&s, "uid").to_string();
                secret = Some((ref_name.to_string(), uid.clone()));
                uid
            }
            ("", "Node") => {
                return Err(ApiError::not_found(
                    &GroupResource::new("", "nodes"),
                    ref_name,
                ));
            }
            _ => {
                return Err(ApiError::bad_request(format!(
                    "cannot bind token to object of type {}/{}, Kind={}",
                    group,
                    api_version.rsplit('/').next().unwrap_or(""),
                    kind
                )));
            }
        };
        if !ref_uid.is_empty() && ref_uid != uid {
            return Err(ApiError::conflict(
                &GroupResource::new(group, kind),
                ref_name,
                &format!(
                    "the UID in the bound object reference ({ref_uid}) does not match the UID in record. The object might have been deleted and then recreated"
                ),
            ));
        }
    }
    let now = now_unix();
    // --service-account-extend-token-expiration (default true)
    let api_auds = &ctx.sh.opts.api_audiences;
    let (exp_claim, warnafter) =
        if pod.is_some() && exp_secs == 3607 && audiences.iter().all(|a| api_auds.contains(a)) {
            (now + 365 * 86_400, Some(now + exp_secs))
        } else {
            (now + exp_secs, None)
        };
    let (token, _jti) = mint_bound(
        &ctx.sh.signing_key(),
        &ctx.sh.opts.issuer,
        &BoundToken {
            ns,
            sa_name: name,
            sa_uid: &sa_uid,
            pod,
            secret,
            node_name,
            audiences,
            iat: now,
            exp: exp_claim,
            warnafter,
        },
    );
    let mut metadata = Map::new();
    metadata.insert("name".into(), json!(name));
    metadata.insert("namespace".into(), json!(ns));
    metadata.insert("uid".into(), json!(sa_uid));
    metadata.insert("creationTimestamp".into(), json!(rfc3339(now)));
    Ok(json!({
        "kind": "TokenRequest",
        "apiVersion": "authentication.k8s.io/v1",
        "metadata": Value::Object(metadata),
        "spec": spec,
        "status": {
            "token": token,
            "expirationTimestamp": rfc3339(now + exp_secs),
        },
    }))
}
