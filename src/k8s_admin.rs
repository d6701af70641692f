//! Cluster-side setup of the Kubernetes-auth docs, through kube-rs: the
//! client-certificate flow of seed 000 (a `kubernetes.io/kube-apiserver-client`
//! CertificateSigningRequest, its approval, the issued certificate) and the
//! token-reviewer flow of seed 001 (a ServiceAccount, a ClusterRoleBinding to
//! `system:auth-delegator`, a `kubernetes.io/service-account-token` Secret).
//!
//! Every operation can run as a plan: the same reads, then the objects that
//! would be created or changed instead of the writes (`--dry-run`).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use k8s_openapi::ByteString;
use k8s_openapi::api::certificates::v1::{
    CertificateSigningRequest, CertificateSigningRequestCondition, CertificateSigningRequestSpec,
};
use k8s_openapi::api::core::v1::{Secret, ServiceAccount};
use k8s_openapi::api::rbac::v1::{ClusterRoleBinding, RoleRef, Subject};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use kube::Api;
use kube::api::{Patch, PatchParams, PostParams};
use serde::Serialize;
use serde_json::{Value, json};

use crate::k8s::describe_error;

/// The signer of client certificates the API server accepts.
pub const CLIENT_SIGNER: &str = "kubernetes.io/kube-apiserver-client";
/// The ClusterRole that allows TokenReview and SubjectAccessReview.
pub const AUTH_DELEGATOR: &str = "system:auth-delegator";
/// The binding name the docs use.
pub const DEFAULT_BINDING: &str = "role-tokenreview-binding";
/// The service account name the docs use.
pub const DEFAULT_REVIEWER: &str = "gateway-token-reviewer";
/// Annotation tying a token Secret to its service account.
pub const SA_NAME_ANNOTATION: &str = "kubernetes.io/service-account.name";
/// Type of the Secrets the token controller fills.
pub const SA_TOKEN_TYPE: &str = "kubernetes.io/service-account-token";
/// Reason and message of the approval condition akl adds.
pub const APPROVE_REASON: &str = "AklApprove";
pub const APPROVE_MESSAGE: &str = "approved by akl k8s issue-client-cert";
/// The API server's minimum for `spec.expirationSeconds`.
pub const MIN_EXPIRATION_SECONDS: i64 = 600;
/// Field manager recorded on the objects akl writes.
pub const FIELD_MANAGER: &str = "akl";

const RBAC_GROUP: &str = "rbac.authorization.k8s.io";
const POLL: Duration = Duration::from_millis(250);

// ---------------------------------------------------------------- plans

/// What a step does to one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// The object does not exist and is created.
    Create,
    /// The object exists and is patched (the object shown is the result).
    Update,
    /// The object exists as wanted (for a CSR: with the same request).
    Unchanged,
    /// The CSR's `approval` subresource is patched with the condition shown.
    Approve,
}

impl Action {
    fn verb(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Unchanged => "keep",
            Action::Approve => "approve",
        }
    }
}

/// One object a command creates, changes or keeps.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub action: Action,
    pub kind: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The object as it will be (for `approve`: the approval patch).
    pub object: Value,
    /// What an update changes, e.g. `add ServiceAccount default/x`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Change {
    fn new<T: Serialize>(
        action: Action,
        kind: &str,
        namespace: Option<&str>,
        name: &str,
        object: &T,
    ) -> Change {
        let mut object = serde_json::to_value(object).unwrap_or(Value::Null);
        // Server bookkeeping that says nothing about the change.
        if let Some(meta) = object.get_mut("metadata").and_then(Value::as_object_mut) {
            meta.remove("managedFields");
        }
        Change {
            action,
            kind: kind.to_owned(),
            name: name.to_owned(),
            namespace: namespace.map(str::to_owned),
            object,
            detail: None,
        }
    }

    fn with_detail(mut self, detail: String) -> Change {
        self.detail = Some(detail);
        self
    }

    /// `ServiceAccount default/x`, `ClusterRoleBinding x`.
    pub fn what(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{} {ns}/{}", self.kind, self.name),
            None => format!("{} {}", self.kind, self.name),
        }
    }
}

/// The outcome of a `--dry-run`: the changes and a one-line summary.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub summary: String,
    pub changes: Vec<Change>,
    /// A gateway request the real run would send first (token redacted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_request: Option<Value>,
}

impl Plan {
    fn new(changes: Vec<Change>, extra: &[String]) -> Plan {
        let mut parts: Vec<String> = changes
            .iter()
            .map(|c| {
                let extra = match (&c.detail, c.action) {
                    (Some(d), _) => format!(" ({d})"),
                    (None, Action::Unchanged) => " (exists as wanted)".to_owned(),
                    (None, _) => String::new(),
                };
                format!("{} {}{extra}", c.action.verb(), c.what())
            })
            .collect();
        parts.extend(extra.iter().cloned());
        let pending = changes.iter().any(|c| c.action != Action::Unchanged);
        let summary = if pending {
            format!("dry run, nothing changed: would {}", parts.join("; "))
        } else {
            format!("dry run, nothing to change: would {}", parts.join("; "))
        };
        Plan {
            summary,
            changes,
            gateway_request: None,
        }
    }

    /// The plan of one change.
    pub fn single(change: Change) -> Plan {
        Plan::new(vec![change], &[])
    }

    /// `{"dry_run": true, "summary": …, "changes": [{action, kind, name, object}]}`.
    pub fn to_json(&self) -> Value {
        let mut v = json!({ "dry_run": true, "summary": self.summary, "changes": self.changes });
        if let Some(g) = &self.gateway_request {
            v["gateway_request"] = g.clone();
        }
        v
    }

    /// The summary as a YAML comment, then one YAML document per object,
    /// so the text can be reviewed and even piped to `kubectl apply -f -`.
    /// An approval is not an object: it is shown as commented YAML.
    pub fn to_text(&self) -> String {
        let mut out = format!("# {}\n", self.summary);
        if let Some(g) = &self.gateway_request {
            out.push_str(&format!("# gateway request: POST /generate-csr {g}\n"));
        }
        for c in &self.changes {
            let yaml = serde_yaml::to_string(&c.object).unwrap_or_default();
            match c.action {
                Action::Approve => {
                    out.push_str(&format!(
                        "# approve {}: PATCH its approval subresource with\n",
                        c.what()
                    ));
                    for line in yaml.lines() {
                        out.push_str(&format!("#   {line}\n"));
                    }
                }
                action => {
                    out.push_str("---\n");
                    out.push_str(&format!("# {} {}\n", action.verb(), c.what()));
                    out.push_str(&yaml);
                }
            }
        }
        out
    }
}

// ---------------------------------------------------------------- errors and names

/// One line for a failed call: what failed, the server's word, and for a
/// 403 the permission that is missing.
fn call_failed(e: &kube::Error, action: &str, permission: &str) -> anyhow::Error {
    match e {
        kube::Error::Api(status) if status.code == 403 => anyhow!(
            "cannot {action}: the user lacks {permission} (API server: {}); run this as a cluster admin or ask for that permission",
            status.message.replace('\n', " ")
        ),
        kube::Error::Api(status) if status.code == 404 && status.message.contains("namespaces") => {
            anyhow!(
                "cannot {action}: {}; create the namespace first (kubectl create namespace …) or pass another --namespace",
                status.message.replace('\n', " ")
            )
        }
        other => anyhow!("cannot {action}: {}", describe_error(other)),
    }
}

fn is_code(e: &kube::Error, code: u16) -> bool {
    matches!(e, kube::Error::Api(s) if s.code == code)
}

/// A name the API accepts for CSRs and RBAC objects (a path segment).
pub fn check_path_segment_name(flag: &str, name: &str) -> Result<()> {
    if name.is_empty() {
        bail!("{flag} must not be empty");
    }
    if name == "." || name == ".." || name.contains('/') || name.contains('%') {
        bail!(
            "{flag} '{name}' is not a valid object name: it may not be '.' or '..' nor contain '/' or '%'"
        );
    }
    Ok(())
}

fn dns_label_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// A DNS-1123 label (namespaces).
pub fn check_dns_label(flag: &str, name: &str) -> Result<()> {
    if !dns_label_ok(name) {
        bail!(
            "{flag} '{name}' is not a valid name: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit"
        );
    }
    Ok(())
}

/// A DNS-1123 subdomain (service accounts, secrets).
pub fn check_dns_subdomain(flag: &str, name: &str) -> Result<()> {
    if name.is_empty() || name.len() > 253 || !name.split('.').all(dns_label_ok) {
        bail!(
            "{flag} '{name}' is not a valid name: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"
        );
    }
    Ok(())
}

// ---------------------------------------------------------------- RBAC subjects

/// Who a ClusterRoleBinding binds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindSubject {
    User(String),
    Group(String),
    ServiceAccount { namespace: String, name: String },
}

impl BindSubject {
    /// `NS/NAME` of `--service-account`.
    pub fn parse_service_account(s: &str) -> Result<BindSubject> {
        let Some((ns, name)) = s.split_once('/') else {
            bail!(
                "--service-account '{s}' must be NAMESPACE/NAME, e.g. default/gateway-token-reviewer"
            );
        };
        check_dns_label("the namespace of --service-account", ns)?;
        check_dns_subdomain("the name of --service-account", name)?;
        Ok(BindSubject::ServiceAccount {
            namespace: ns.to_owned(),
            name: name.to_owned(),
        })
    }

    pub fn to_subject(&self) -> Subject {
        match self {
            BindSubject::User(n) => Subject {
                api_group: Some(RBAC_GROUP.into()),
                kind: "User".into(),
                name: n.clone(),
                namespace: None,
            },
            BindSubject::Group(n) => Subject {
                api_group: Some(RBAC_GROUP.into()),
                kind: "Group".into(),
                name: n.clone(),
                namespace: None,
            },
            BindSubject::ServiceAccount { namespace, name } => Subject {
                api_group: None,
                kind: "ServiceAccount".into(),
                name: name.clone(),
                namespace: Some(namespace.clone()),
            },
        }
    }

    /// `User alice`, `ServiceAccount default/x`.
    pub fn describe(&self) -> String {
        match self {
            BindSubject::User(n) => format!("User {n}"),
            BindSubject::Group(n) => format!("Group {n}"),
            BindSubject::ServiceAccount { namespace, name } => {
                format!("ServiceAccount {namespace}/{name}")
            }
        }
    }

    fn matches(&self, s: &Subject) -> bool {
        let want = self.to_subject();
        if s.kind != want.kind || s.name != want.name {
            return false;
        }
        // Only service-account subjects are namespaced.
        want.kind != "ServiceAccount"
            || s.namespace.as_deref().unwrap_or("") == want.namespace.as_deref().unwrap_or("")
    }
}

/// What [`bind_auth_delegator`] did (or would do).
#[derive(Debug, Clone)]
pub struct BindingOutcome {
    pub change: Change,
    /// All subjects of the binding afterwards.
    pub subjects: Vec<Subject>,
    /// The requested subjects that were not bound yet.
    pub added: Vec<BindSubject>,
}

fn auth_delegator_binding(name: &str, subjects: Vec<Subject>) -> ClusterRoleBinding {
    ClusterRoleBinding {
        metadata: ObjectMeta {
            name: Some(name.to_owned()),
            ..Default::default()
        },
        role_ref: RoleRef {
            api_group: RBAC_GROUP.into(),
            kind: "ClusterRole".into(),
            name: AUTH_DELEGATOR.into(),
        },
        subjects: Some(subjects),
    }
}

/// Makes ClusterRoleBinding `binding` bind ClusterRole `system:auth-delegator`
/// to every subject in `want`, keeping the subjects it already has. With
/// `dry_run` only reads. A concurrent change of the binding is retried.
pub async fn bind_auth_delegator(
    client: &kube::Client,
    binding: &str,
    want: &[BindSubject],
    dry_run: bool,
) -> Result<BindingOutcome> {
    check_path_segment_name("--binding", binding)?;
    if want.is_empty() {
        bail!("name at least one subject: --user, --group or --service-account");
    }
    let api: Api<ClusterRoleBinding> = Api::all(client.clone());
    let kind = "ClusterRoleBinding";
    let mut attempt = 0;
    loop {
        attempt += 1;
        let existing = api.get_opt(binding).await.map_err(|e| {
            call_failed(
                &e,
                &format!("read ClusterRoleBinding {binding}"),
                "`get` on clusterrolebindings.rbac.authorization.k8s.io",
            )
        })?;
        let Some(existing) = existing else {
            let mut subjects = Vec::new();
            for w in want {
                if !subjects.iter().any(|s| w.matches(s)) {
                    subjects.push(w.to_subject());
                }
            }
            let obj = auth_delegator_binding(binding, subjects.clone());
            let change = Change::new(Action::Create, kind, None, binding, &obj);
            let outcome = BindingOutcome {
                change,
                subjects,
                added: dedup(want),
            };
            if dry_run {
                return Ok(outcome);
            }
            match api.create(&post_params(), &obj).await {
                Ok(created) => {
                    return Ok(BindingOutcome {
                        change: Change::new(Action::Create, kind, None, binding, &created),
                        ..outcome
                    });
                }
                Err(e) if is_code(&e, 409) && attempt < 5 => continue,
                Err(e) => {
                    return Err(call_failed(
                        &e,
                        &format!("create ClusterRoleBinding {binding}"),
                        "`create` on clusterrolebindings.rbac.authorization.k8s.io (and `bind` on clusterroles/system:auth-delegator, or its permissions)",
                    ));
                }
            }
        };
        let rr = &existing.role_ref;
        if rr.kind != "ClusterRole" || rr.name != AUTH_DELEGATOR {
            bail!(
                "ClusterRoleBinding {binding} already exists and binds {} {}, not ClusterRole {AUTH_DELEGATOR}; a binding's roleRef cannot change: pass another --binding or delete it (kubectl delete clusterrolebinding {binding})",
                rr.kind,
                rr.name
            );
        }
        let mut subjects = existing.subjects.clone().unwrap_or_default();
        let mut added = Vec::new();
        for w in want {
            if !subjects.iter().any(|s| w.matches(s)) {
                subjects.push(w.to_subject());
                added.push(w.clone());
            }
        }
        if added.is_empty() {
            return Ok(BindingOutcome {
                change: Change::new(Action::Unchanged, kind, None, binding, &existing),
                subjects,
                added,
            });
        }
        let mut merged = existing.clone();
        merged.subjects = Some(subjects.clone());
        let detail = format!(
            "add {}",
            added
                .iter()
                .map(BindSubject::describe)
                .collect::<Vec<_>>()
                .join(", ")
        );
        if dry_run {
            return Ok(BindingOutcome {
                change: Change::new(Action::Update, kind, None, binding, &merged)
                    .with_detail(detail),
                subjects,
                added,
            });
        }
        // A JSON merge patch replaces the list whole; the resourceVersion
        // makes it fail (409) rather than drop a subject added meanwhile.
        let patch = json!({
            "metadata": { "resourceVersion": existing.metadata.resource_version },
            "subjects": subjects,
        });
        match api
            .patch(binding, &patch_params(), &Patch::Merge(&patch))
            .await
        {
            Ok(updated) => {
                let subjects = updated.subjects.clone().unwrap_or_default();
                return Ok(BindingOutcome {
                    change: Change::new(Action::Update, kind, None, binding, &updated)
                        .with_detail(detail),
                    subjects,
                    added,
                });
            }
            Err(e) if is_code(&e, 409) && attempt < 5 => continue,
            Err(e) => {
                return Err(call_failed(
                    &e,
                    &format!("add subjects to ClusterRoleBinding {binding}"),
                    "`patch` on clusterrolebindings.rbac.authorization.k8s.io (and `bind` on clusterroles/system:auth-delegator, or its permissions)",
                ));
            }
        }
    }
}

fn dedup(v: &[BindSubject]) -> Vec<BindSubject> {
    let mut out: Vec<BindSubject> = Vec::new();
    for s in v {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}

fn post_params() -> PostParams {
    PostParams {
        dry_run: false,
        field_manager: Some(FIELD_MANAGER.into()),
    }
}

fn patch_params() -> PatchParams {
    PatchParams {
        field_manager: Some(FIELD_MANAGER.into()),
        ..Default::default()
    }
}

// ---------------------------------------------------------------- token reviewer

/// What `setup-token-reviewer` sets up.
#[derive(Debug, Clone)]
pub struct TokenReviewer {
    pub namespace: String,
    pub name: String,
    pub binding: String,
}

impl TokenReviewer {
    /// `<name>-token`, as the docs name it.
    pub fn secret_name(&self) -> String {
        format!("{}-token", self.name)
    }

    pub fn validate(&self) -> Result<()> {
        check_dns_label("--namespace", &self.namespace)?;
        check_dns_subdomain("--name", &self.name)?;
        check_dns_subdomain(
            "the token Secret name (--name + '-token')",
            &self.secret_name(),
        )?;
        check_path_segment_name("--binding", &self.binding)
    }

    fn subject(&self) -> BindSubject {
        BindSubject::ServiceAccount {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
        }
    }

    /// The ServiceAccount of seed 001.
    pub fn service_account(&self) -> ServiceAccount {
        ServiceAccount {
            metadata: ObjectMeta {
                name: Some(self.name.clone()),
                namespace: Some(self.namespace.clone()),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// The `kubernetes.io/service-account-token` Secret of seed 001.
    pub fn secret(&self) -> Secret {
        Secret {
            metadata: ObjectMeta {
                name: Some(self.secret_name()),
                namespace: Some(self.namespace.clone()),
                annotations: Some(BTreeMap::from([(
                    SA_NAME_ANNOTATION.to_owned(),
                    self.name.clone(),
                )])),
                ..Default::default()
            },
            type_: Some(SA_TOKEN_TYPE.into()),
            ..Default::default()
        }
    }
}

/// What `setup-token-reviewer` produced.
#[derive(Debug, Clone)]
pub struct TokenReviewerOutcome {
    pub changes: Vec<Change>,
    /// The raw JWT of the token Secret.
    pub token: String,
}

fn secret_token(s: &Secret) -> Option<&[u8]> {
    s.data
        .as_ref()
        .and_then(|d| d.get("token"))
        .map(|b| b.0.as_slice())
        .filter(|b| !b.is_empty())
}

/// Reads what exists and returns the plan (nothing is written).
pub async fn plan_token_reviewer(client: &kube::Client, tr: &TokenReviewer) -> Result<Plan> {
    tr.validate()?;
    let mut changes = vec![ensure_service_account(client, tr, true).await?];
    changes.push(
        bind_auth_delegator(client, &tr.binding, &[tr.subject()], true)
            .await?
            .change,
    );
    changes.push(ensure_token_secret(client, tr, true).await?);
    Ok(Plan::new(changes, &[]))
}

/// Creates what is missing (the ServiceAccount, the binding or the SA as
/// one more subject of it, the token Secret), waits up to `timeout` for the
/// token controller to fill the Secret and returns the token.
pub async fn setup_token_reviewer(
    client: &kube::Client,
    tr: &TokenReviewer,
    timeout: Duration,
) -> Result<TokenReviewerOutcome> {
    tr.validate()?;
    let mut changes = vec![ensure_service_account(client, tr, false).await?];
    changes.push(
        bind_auth_delegator(client, &tr.binding, &[tr.subject()], false)
            .await?
            .change,
    );
    changes.push(ensure_token_secret(client, tr, false).await?);
    let token = wait_for_token(client, tr, timeout).await?;
    Ok(TokenReviewerOutcome { changes, token })
}

async fn ensure_service_account(
    client: &kube::Client,
    tr: &TokenReviewer,
    dry_run: bool,
) -> Result<Change> {
    let api: Api<ServiceAccount> = Api::namespaced(client.clone(), &tr.namespace);
    let what = format!("ServiceAccount {}/{}", tr.namespace, tr.name);
    let kind = "ServiceAccount";
    let ns = Some(tr.namespace.as_str());
    let existing = api
        .get_opt(&tr.name)
        .await
        .map_err(|e| call_failed(&e, &format!("read {what}"), "`get` on serviceaccounts"))?;
    if let Some(sa) = existing {
        return Ok(Change::new(Action::Unchanged, kind, ns, &tr.name, &sa));
    }
    let obj = tr.service_account();
    if dry_run {
        return Ok(Change::new(Action::Create, kind, ns, &tr.name, &obj));
    }
    match api.create(&post_params(), &obj).await {
        Ok(sa) => Ok(Change::new(Action::Create, kind, ns, &tr.name, &sa)),
        // Created meanwhile: that is what we want.
        Err(e) if is_code(&e, 409) => Ok(Change::new(Action::Unchanged, kind, ns, &tr.name, &obj)),
        Err(e) => Err(call_failed(
            &e,
            &format!("create {what}"),
            &format!("`create` on serviceaccounts in namespace {}", tr.namespace),
        )),
    }
}

fn check_token_secret(tr: &TokenReviewer, s: &Secret) -> Result<()> {
    let name = tr.secret_name();
    let ty = s.type_.as_deref().unwrap_or("Opaque");
    let owner = s
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(SA_NAME_ANNOTATION))
        .map(String::as_str)
        .unwrap_or("");
    if ty != SA_TOKEN_TYPE || owner != tr.name {
        bail!(
            "Secret {}/{name} already exists but is not a {SA_TOKEN_TYPE} Secret of service account {} (type {ty}, {SA_NAME_ANNOTATION}: '{owner}'); delete it (kubectl delete secret {name} -n {}) or pass another --name",
            tr.namespace,
            tr.name,
            tr.namespace
        );
    }
    Ok(())
}

async fn ensure_token_secret(
    client: &kube::Client,
    tr: &TokenReviewer,
    dry_run: bool,
) -> Result<Change> {
    let api: Api<Secret> = Api::namespaced(client.clone(), &tr.namespace);
    let name = tr.secret_name();
    let what = format!("Secret {}/{name}", tr.namespace);
    let kind = "Secret";
    let ns = Some(tr.namespace.as_str());
    let existing = api
        .get_opt(&name)
        .await
        .map_err(|e| call_failed(&e, &format!("read {what}"), "`get` on secrets"))?;
    if let Some(s) = existing {
        check_token_secret(tr, &s)?;
        let mut change = Change::new(Action::Unchanged, kind, ns, &name, &s);
        // Never echo the token in a plan.
        if let Some(d) = change.object.get_mut("data").and_then(Value::as_object_mut) {
            for v in d.values_mut() {
                *v = json!("<redacted>");
            }
        }
        return Ok(change);
    }
    let obj = tr.secret();
    if dry_run {
        return Ok(Change::new(Action::Create, kind, ns, &name, &obj));
    }
    match api.create(&post_params(), &obj).await {
        Ok(_) => Ok(Change::new(Action::Create, kind, ns, &name, &obj)),
        Err(e) if is_code(&e, 409) => {
            let s = api
                .get(&name)
                .await
                .map_err(|e| call_failed(&e, &format!("read {what}"), "`get` on secrets"))?;
            check_token_secret(tr, &s)?;
            Ok(Change::new(Action::Unchanged, kind, ns, &name, &obj))
        }
        Err(e) => Err(call_failed(
            &e,
            &format!("create {what}"),
            &format!("`create` on secrets in namespace {}", tr.namespace),
        )),
    }
}

async fn wait_for_token(
    client: &kube::Client,
    tr: &TokenReviewer,
    timeout: Duration,
) -> Result<String> {
    let api: Api<Secret> = Api::namespaced(client.clone(), &tr.namespace);
    let name = tr.secret_name();
    let what = format!("Secret {}/{name}", tr.namespace);
    let deadline = Instant::now() + timeout;
    loop {
        let s = api
            .get_opt(&name)
            .await
            .map_err(|e| call_failed(&e, &format!("read {what}"), "`get` on secrets"))?;
        let Some(s) = s else {
            bail!(
                "{what} was deleted while waiting for its token: the token controller removes token Secrets whose service account is missing; re-run this command"
            );
        };
        if let Some(token) = secret_token(&s) {
            let token = String::from_utf8(token.to_vec())
                .map_err(|_| anyhow!("the token in {what} is not text"))?;
            return Ok(token.trim().to_owned());
        }
        if Instant::now() >= deadline {
            bail!(
                "timed out after {}s waiting for the token controller to fill data.token of {what}; check that kube-controller-manager is running, then re-run (or raise --timeout)",
                timeout.as_secs()
            );
        }
        tokio::time::sleep(POLL).await;
    }
}

// ---------------------------------------------------------------- client certificates

/// Subject of a certificate signing request: the Kubernetes user (CN) and
/// groups (O) the issued certificate authenticates as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrSubject {
    pub common_name: String,
    pub organizations: Vec<String>,
}

/// Parses one PEM `CERTIFICATE REQUEST`; returns the DER of what it asks
/// for (the signed `CertificationRequestInfo`: subject, public key,
/// attributes; not the signature, which ECDSA randomizes) and its subject.
pub fn parse_csr_pem(text: &str) -> Result<(Vec<u8>, CsrSubject)> {
    let blocks = pem::parse_many(text.as_bytes()).map_err(|e| {
        anyhow!("the CSR is not PEM ({e}); expected -----BEGIN CERTIFICATE REQUEST-----")
    })?;
    let reqs: Vec<&pem::Pem> = blocks
        .iter()
        .filter(|b| b.tag() == "CERTIFICATE REQUEST" || b.tag() == "NEW CERTIFICATE REQUEST")
        .collect();
    let block = match reqs.as_slice() {
        [one] => *one,
        [] => bail!("the CSR holds no PEM CERTIFICATE REQUEST block"),
        _ => bail!(
            "the CSR holds {} CERTIFICATE REQUEST blocks; pass exactly one",
            reqs.len()
        ),
    };
    use x509_parser::prelude::FromDer;
    let (_, req) =
        x509_parser::certification_request::X509CertificationRequest::from_der(block.contents())
            .map_err(|e| anyhow!("the CSR cannot be parsed: {e}"))?;
    let subject = &req.certification_request_info.subject;
    let text_of = |a: &x509_parser::x509::AttributeTypeAndValue| -> Result<String> {
        a.as_str()
            .map(str::to_owned)
            .map_err(|_| anyhow!("the CSR's subject has a non-text attribute"))
    };
    let common_name = match subject.iter_common_name().next() {
        Some(a) => text_of(a)?,
        None => String::new(),
    };
    let organizations = subject
        .iter_organization()
        .map(text_of)
        .collect::<Result<Vec<_>>>()?;
    Ok((
        req.certification_request_info.raw.to_vec(),
        CsrSubject {
            common_name,
            organizations,
        },
    ))
}

/// `spec.expirationSeconds` must be at least 600 and fit an int32.
pub fn check_expiration(seconds: Option<i64>) -> Result<()> {
    if let Some(s) = seconds
        && !(MIN_EXPIRATION_SECONDS..=i64::from(i32::MAX)).contains(&s)
    {
        bail!(
            "--expiration-seconds {s} is out of range: Kubernetes requires at least {MIN_EXPIRATION_SECONDS} (10 minutes) and at most {}",
            i32::MAX
        );
    }
    Ok(())
}

/// What `issue-client-cert` submits.
#[derive(Debug, Clone)]
pub struct ClientCertRequest {
    /// Name of the CertificateSigningRequest object (the user, by convention).
    pub name: String,
    /// The PEM certificate signing request.
    pub csr_pem: String,
    /// `spec.expirationSeconds`.
    pub expiration_seconds: Option<i64>,
    /// Approve the CSR too.
    pub approve: bool,
    /// Groups (O) the CSR must carry; empty: any.
    pub groups: Vec<String>,
}

impl ClientCertRequest {
    /// Checks everything the API server would reject, before any call.
    pub fn validate(&self) -> Result<CsrSubject> {
        check_path_segment_name("--name", &self.name)?;
        check_expiration(self.expiration_seconds)?;
        let (_, subject) = parse_csr_pem(&self.csr_pem)?;
        if subject.common_name.trim().is_empty() {
            bail!(
                "the CSR has no common name (CN); Kubernetes takes the user name from it: regenerate it with --common-name {}",
                self.name
            );
        }
        if !self.groups.is_empty() {
            let mut want: Vec<&str> = self.groups.iter().map(String::as_str).collect();
            let mut have: Vec<&str> = subject.organizations.iter().map(String::as_str).collect();
            want.sort_unstable();
            want.dedup();
            have.sort_unstable();
            have.dedup();
            if want != have {
                bail!(
                    "the CSR's groups (O) are [{}] but --group asks for [{}]; regenerate the CSR with --org {} or drop --group",
                    have.join(", "),
                    want.join(", "),
                    want.join(",")
                );
            }
        }
        if subject.organizations.iter().any(|o| o == "system:masters") {
            bail!(
                "the CSR asks for group system:masters, which the {CLIENT_SIGNER} signer refuses; regenerate it without that --org"
            );
        }
        Ok(subject)
    }

    /// The CertificateSigningRequest of seed 000.
    pub fn object(&self) -> CertificateSigningRequest {
        let mut pem = self.csr_pem.trim().to_owned();
        pem.push('\n');
        CertificateSigningRequest {
            metadata: ObjectMeta {
                name: Some(self.name.clone()),
                ..Default::default()
            },
            spec: CertificateSigningRequestSpec {
                request: ByteString(pem.into_bytes()),
                signer_name: CLIENT_SIGNER.into(),
                usages: Some(vec!["client auth".into()]),
                expiration_seconds: self.expiration_seconds.map(|s| s as i32),
                ..Default::default()
            },
            status: None,
        }
    }
}

/// The condition akl adds on approval (as `kubectl certificate approve`).
pub fn approval_condition() -> CertificateSigningRequestCondition {
    CertificateSigningRequestCondition {
        type_: "Approved".into(),
        status: "True".into(),
        reason: Some(APPROVE_REASON.into()),
        message: Some(APPROVE_MESSAGE.into()),
        last_update_time: Some(Time(k8s_openapi::jiff::Timestamp::now())),
        last_transition_time: None,
    }
}

/// Where a CSR stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsrState {
    /// The signer issued the certificate (PEM bytes).
    Issued(Vec<u8>),
    Denied {
        reason: String,
        message: String,
    },
    Failed {
        reason: String,
        message: String,
    },
    /// Approved, not signed yet.
    Approved,
    /// Neither approved nor denied.
    Pending,
}

fn condition<'a>(
    csr: &'a CertificateSigningRequest,
    ty: &str,
) -> Option<&'a CertificateSigningRequestCondition> {
    csr.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| {
            cs.iter()
                .find(|c| c.type_ == ty && (c.status.is_empty() || c.status == "True"))
        })
}

/// The state of a CSR from its status.
pub fn csr_state(csr: &CertificateSigningRequest) -> CsrState {
    let detail = |c: &CertificateSigningRequestCondition| {
        (
            c.reason.clone().unwrap_or_default(),
            c.message.clone().unwrap_or_default(),
        )
    };
    if let Some(c) = condition(csr, "Denied") {
        let (reason, message) = detail(c);
        return CsrState::Denied { reason, message };
    }
    if let Some(c) = condition(csr, "Failed") {
        let (reason, message) = detail(c);
        return CsrState::Failed { reason, message };
    }
    if let Some(cert) = csr
        .status
        .as_ref()
        .and_then(|s| s.certificate.as_ref())
        .filter(|c| !c.0.is_empty())
    {
        return CsrState::Issued(cert.0.clone());
    }
    if condition(csr, "Approved").is_some() {
        return CsrState::Approved;
    }
    CsrState::Pending
}

fn describe_condition(reason: &str, message: &str) -> String {
    match (reason.is_empty(), message.is_empty()) {
        (true, true) => "no reason given".into(),
        (false, true) => format!("reason {reason}"),
        (true, false) => format!("message: {message}"),
        (false, false) => format!("reason {reason}: {message}"),
    }
}

fn final_state_error(name: &str, state: &CsrState) -> Option<anyhow::Error> {
    match state {
        CsrState::Denied { reason, message } => Some(anyhow!(
            "CertificateSigningRequest {name} was denied ({}); no certificate will be issued: delete it (kubectl delete csr {name}) and submit a new one",
            describe_condition(reason, message)
        )),
        CsrState::Failed { reason, message } => Some(anyhow!(
            "CertificateSigningRequest {name} failed ({}); no certificate will be issued: fix the request, delete it (kubectl delete csr {name}) and submit a new one",
            describe_condition(reason, message)
        )),
        _ => None,
    }
}

/// Compares an existing CSR with ours: the same request (subject, key and
/// extensions; a fresh signature of the same request counts as the same)
/// and signer mean it can be reused; anything else is refused.
fn check_existing_csr(req: &ClientCertRequest, existing: &CertificateSigningRequest) -> Result<()> {
    let name = &req.name;
    let ours = parse_csr_pem(&req.csr_pem)?.0;
    let theirs = String::from_utf8(existing.spec.request.0.clone())
        .ok()
        .and_then(|t| parse_csr_pem(&t).ok())
        .map(|(der, _)| der);
    if theirs.as_deref() != Some(ours.as_slice()) {
        bail!(
            "a CertificateSigningRequest named {name} already exists with a different request; delete it first (kubectl delete csr {name}) or pass another --name"
        );
    }
    if existing.spec.signer_name != CLIENT_SIGNER {
        bail!(
            "a CertificateSigningRequest named {name} already exists for signer {}, not {CLIENT_SIGNER}; delete it first (kubectl delete csr {name})",
            existing.spec.signer_name
        );
    }
    Ok(())
}

/// Reads what exists and returns the plan for `req` (nothing is written).
pub async fn plan_client_cert(client: &kube::Client, req: &ClientCertRequest) -> Result<Plan> {
    req.validate()?;
    let api: Api<CertificateSigningRequest> = Api::all(client.clone());
    let name = &req.name;
    let kind = "CertificateSigningRequest";
    let existing = api.get_opt(name).await.map_err(|e| {
        call_failed(
            &e,
            &format!("read CertificateSigningRequest {name}"),
            "`get` on certificatesigningrequests.certificates.k8s.io",
        )
    })?;
    let mut changes = Vec::new();
    let mut extra = Vec::new();
    let state = match &existing {
        Some(csr) => {
            check_existing_csr(req, csr)?;
            let state = csr_state(csr);
            if let Some(e) = final_state_error(name, &state) {
                return Err(e);
            }
            changes.push(Change::new(Action::Unchanged, kind, None, name, csr));
            state
        }
        None => {
            changes.push(Change::new(Action::Create, kind, None, name, &req.object()));
            CsrState::Pending
        }
    };
    match state {
        CsrState::Pending if req.approve => {
            let patch = approval_patch(existing.as_ref());
            changes.push(Change::new(Action::Approve, kind, None, name, &patch));
            extra.push("wait for the signer to issue the certificate".to_owned());
        }
        CsrState::Pending => extra.push(format!(
            "wait for an admin to approve it (kubectl certificate approve {name})"
        )),
        CsrState::Approved => extra.push("wait for the signer to issue the certificate".into()),
        _ => extra.push("print the certificate it already holds".into()),
    }
    Ok(Plan::new(changes, &extra))
}

/// The approval patch: the existing conditions plus ours (a merge patch
/// replaces the list).
fn approval_patch(existing: Option<&CertificateSigningRequest>) -> Value {
    let mut conditions: Vec<CertificateSigningRequestCondition> = existing
        .and_then(|c| c.status.as_ref())
        .and_then(|s| s.conditions.clone())
        .unwrap_or_default();
    conditions.push(approval_condition());
    json!({ "status": { "conditions": conditions } })
}

/// What [`issue_client_cert`] obtained.
#[derive(Debug, Clone)]
pub struct IssuedCert {
    pub name: String,
    /// The certificate PEM (`status.certificate`, decoded).
    pub certificate_pem: Vec<u8>,
    /// Whether this run approved the CSR.
    pub approved: bool,
    /// Whether an existing CSR with the same request was reused.
    pub reused: bool,
}

impl IssuedCert {
    /// `status.certificate` as JSON holds it, i.e. what
    /// `kubectl get csr NAME -o jsonpath='{.status.certificate}'` prints.
    pub fn certificate_base64(&self) -> String {
        B64.encode(&self.certificate_pem)
    }
}

/// Progress reports while waiting for the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitPhase {
    PendingApproval,
    AwaitingSigner,
}

/// Creates the CSR (or reuses one with the same request), approves it when
/// asked, and waits up to `timeout` for the certificate, calling `progress`
/// on every poll.
pub async fn issue_client_cert(
    client: &kube::Client,
    req: &ClientCertRequest,
    timeout: Duration,
    progress: &mut dyn FnMut(WaitPhase, Duration),
) -> Result<IssuedCert> {
    req.validate()?;
    let api: Api<CertificateSigningRequest> = Api::all(client.clone());
    let name = &req.name;
    let read_failed = |e: &kube::Error| {
        call_failed(
            e,
            &format!("read CertificateSigningRequest {name}"),
            "`get` on certificatesigningrequests.certificates.k8s.io",
        )
    };
    let mut reused = false;
    let mut current = match api.get_opt(name).await.map_err(|e| read_failed(&e))? {
        Some(csr) => {
            check_existing_csr(req, &csr)?;
            reused = true;
            csr
        }
        None => match api.create(&post_params(), &req.object()).await {
            Ok(csr) => csr,
            Err(e) if is_code(&e, 409) => {
                // Created meanwhile: reuse it if it is ours.
                let csr = api.get(name).await.map_err(|e| read_failed(&e))?;
                check_existing_csr(req, &csr)?;
                reused = true;
                csr
            }
            Err(e) => {
                return Err(call_failed(
                    &e,
                    &format!("create CertificateSigningRequest {name}"),
                    "`create` on certificatesigningrequests.certificates.k8s.io",
                ));
            }
        },
    };
    if let Some(e) = final_state_error(name, &csr_state(&current)) {
        return Err(e);
    }
    let mut approved = false;
    let mut attempt = 0;
    while req.approve && csr_state(&current) == CsrState::Pending {
        attempt += 1;
        let mut patch = approval_patch(Some(&current));
        // The resourceVersion turns a concurrent change into a 409, after
        // which the CSR is read again (an admin may have decided meanwhile).
        patch["metadata"] = json!({ "resourceVersion": current.metadata.resource_version });
        match api
            .patch_approval(name, &patch_params(), &Patch::Merge(&patch))
            .await
        {
            Ok(_) => approved = true,
            Err(e) if is_code(&e, 409) && attempt < 5 => {
                current = api.get(name).await.map_err(|e| read_failed(&e))?;
                continue;
            }
            Err(e) if is_code(&e, 403) => {
                let detail = match &e {
                    kube::Error::Api(s) => s.message.replace('\n', " "),
                    _ => String::new(),
                };
                bail!(
                    "CertificateSigningRequest {name} was submitted but not approved: the user lacks `approve` on signers {CLIENT_SIGNER} (certificates.k8s.io; plus `update` on certificatesigningrequests/approval) (API server: {detail}); have a cluster admin run `kubectl certificate approve {name}`, then re-run without --approve to fetch the certificate"
                );
            }
            Err(e) => {
                return Err(call_failed(
                    &e,
                    &format!("approve CertificateSigningRequest {name}"),
                    "`update` on certificatesigningrequests/approval",
                ));
            }
        }
        break;
    }
    let started = Instant::now();
    let deadline = started + timeout;
    let mut csr = current;
    loop {
        match csr_state(&csr) {
            CsrState::Issued(pem) => {
                return Ok(IssuedCert {
                    name: name.clone(),
                    certificate_pem: pem,
                    approved,
                    reused,
                });
            }
            s @ (CsrState::Denied { .. } | CsrState::Failed { .. }) => {
                return Err(final_state_error(name, &s).unwrap_or_else(|| anyhow!("CSR failed")));
            }
            s => {
                let phase = if s == CsrState::Approved {
                    WaitPhase::AwaitingSigner
                } else {
                    WaitPhase::PendingApproval
                };
                if Instant::now() >= deadline {
                    return Err(timeout_error(name, phase, timeout));
                }
                progress(phase, started.elapsed());
            }
        }
        tokio::time::sleep(POLL).await;
        csr = api.get(name).await.map_err(|e| {
            if is_code(&e, 404) {
                anyhow!(
                    "CertificateSigningRequest {name} was deleted while waiting for its certificate; re-run to submit it again"
                )
            } else {
                read_failed(&e)
            }
        })?;
    }
}

fn timeout_error(name: &str, phase: WaitPhase, timeout: Duration) -> anyhow::Error {
    let secs = timeout.as_secs();
    match phase {
        WaitPhase::PendingApproval => anyhow!(
            "timed out after {secs}s: CertificateSigningRequest {name} is still pending approval; approve it as a cluster admin (kubectl certificate approve {name}) or re-run with --approve as a user allowed to approve {CLIENT_SIGNER}, then re-run to fetch the certificate"
        ),
        WaitPhase::AwaitingSigner => anyhow!(
            "timed out after {secs}s: CertificateSigningRequest {name} is approved but the {CLIENT_SIGNER} signer issued no certificate yet; check that kube-controller-manager runs its csrsigning controller (EKS does not sign this signer), then re-run to fetch it"
        ),
    }
}

/// The `generate-csr` request that makes the gateway sign a CSR with an
/// existing classic key: CN = the Kubernetes user, O = its groups.
pub fn classic_key_csr_body(key_name: &str, user: &str, groups: &[String], token: &str) -> Value {
    json!({
        "name": key_name,
        "common-name": user,
        "org": groups.join(","),
        "key-type": "classic-key",
        "generate-key": false,
        "token": token,
    })
}

/// The plan of `issue-client-cert --from-classic-key --dry-run`: nothing
/// is asked of the gateway or the cluster; the request the gateway would
/// get is shown (token redacted) and the CSR's `request` is a placeholder.
pub fn plan_classic_key_client_cert(
    name: &str,
    key_name: &str,
    groups: &[String],
    expiration_seconds: Option<i64>,
    approve: bool,
) -> Result<Plan> {
    check_path_segment_name("--name", name)?;
    if key_name.trim().is_empty() {
        bail!("--from-classic-key must not be empty");
    }
    if groups.iter().any(|g| g == "system:masters") {
        bail!(
            "--group system:masters is refused by the {CLIENT_SIGNER} signer; pick another group"
        );
    }
    let probe = ClientCertRequest {
        name: name.to_owned(),
        csr_pem: String::new(),
        expiration_seconds,
        approve,
        groups: Vec::new(),
    };
    check_expiration(expiration_seconds)?;
    let kind = "CertificateSigningRequest";
    let mut create = Change::new(Action::Create, kind, None, name, &probe.object());
    create.object["spec"]["request"] = json!("<base64 of the CSR PEM the gateway returns>");
    let mut changes = vec![create];
    let mut extra = Vec::new();
    if approve {
        changes.push(Change::new(
            Action::Approve,
            kind,
            None,
            name,
            &approval_patch(None),
        ));
        extra.push("wait for the signer to issue the certificate".to_owned());
    } else {
        extra.push(format!(
            "wait for an admin to approve it (kubectl certificate approve {name})"
        ));
    }
    let mut plan = Plan::new(changes, &extra);
    plan.summary = format!(
        "{} (first the gateway signs the CSR with classic key {key_name}; neither the gateway nor the cluster was contacted)",
        plan.summary
    );
    plan.gateway_request = Some(classic_key_csr_body(
        key_name,
        name,
        groups,
        "<session token>",
    ));
    Ok(plan)
}

/// The CSR PEM in a `generate-csr` answer: `.data`, PEM or base64 of PEM.
pub fn csr_from_gateway_answer(answer: &Value) -> Result<String> {
    let data = answer
        .get("data")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| anyhow!("the gateway's generate-csr answer has no .data"))?;
    if data.starts_with("-----BEGIN") {
        return Ok(data.to_owned());
    }
    let decoded = B64
        .decode(data.split_whitespace().collect::<String>())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .filter(|s| s.trim_start().starts_with("-----BEGIN"))
        .ok_or_else(|| {
            anyhow!("the gateway's generate-csr .data is neither PEM nor base64 of PEM")
        })?;
    Ok(decoded.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csr_pem(cn: &str, orgs: &[&str]) -> String {
        let key = crate::pki::PrivateKey::generate(crate::pki::KeyAlg::Ec256).unwrap();
        let spec = crate::pki::CsrSpec {
            common_name: cn.into(),
            organizations: orgs.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        spec.to_pem(&key, key.default_hash()).unwrap()
    }

    #[test]
    fn csr_object_is_the_docs_object() {
        let pem = csr_pem("alice", &["g1", "g2"]);
        let req = ClientCertRequest {
            name: "alice".into(),
            csr_pem: pem.clone(),
            expiration_seconds: Some(3600),
            approve: false,
            groups: vec!["g2".into(), "g1".into()],
        };
        let subject = req.validate().unwrap();
        assert_eq!(subject.common_name, "alice");
        assert_eq!(subject.organizations, ["g1", "g2"]);
        let v = serde_json::to_value(req.object()).unwrap();
        assert_eq!(v["apiVersion"], "certificates.k8s.io/v1");
        assert_eq!(v["kind"], "CertificateSigningRequest");
        assert_eq!(v["metadata"]["name"], "alice");
        assert_eq!(v["spec"]["signerName"], CLIENT_SIGNER);
        assert_eq!(v["spec"]["usages"], json!(["client auth"]));
        assert_eq!(v["spec"]["expirationSeconds"], 3600);
        let request = B64.decode(v["spec"]["request"].as_str().unwrap()).unwrap();
        assert_eq!(String::from_utf8(request).unwrap().trim(), pem.trim());
    }

    #[test]
    fn validation_before_any_call() {
        let pem = csr_pem("alice", &[]);
        let mut req = ClientCertRequest {
            name: "alice".into(),
            csr_pem: pem,
            expiration_seconds: Some(599),
            approve: true,
            groups: Vec::new(),
        };
        let e = req.validate().unwrap_err().to_string();
        assert!(
            e.contains("--expiration-seconds 599") && e.contains("600"),
            "{e}"
        );
        req.expiration_seconds = Some(600);
        req.validate().unwrap();
        req.csr_pem = "not a csr".into();
        assert!(
            req.validate()
                .unwrap_err()
                .to_string()
                .contains("CERTIFICATE REQUEST")
        );
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let mut params = rcgen::CertificateParams::default();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(rcgen::DnType::OrganizationName, "g");
        req.csr_pem = params.serialize_request(&key).unwrap().pem().unwrap();
        assert!(
            req.validate()
                .unwrap_err()
                .to_string()
                .contains("common name")
        );
        req.csr_pem = csr_pem("x", &["system:masters"]);
        assert!(
            req.validate()
                .unwrap_err()
                .to_string()
                .contains("system:masters")
        );
        req.csr_pem = csr_pem("x", &[]);
        req.name = "a/b".into();
        assert!(req.validate().unwrap_err().to_string().contains("--name"));
    }

    #[test]
    fn states_from_conditions() {
        let mut csr = ClientCertRequest {
            name: "a".into(),
            csr_pem: csr_pem("a", &[]),
            expiration_seconds: None,
            approve: false,
            groups: Vec::new(),
        }
        .object();
        assert_eq!(csr_state(&csr), CsrState::Pending);
        csr.status = Some(Default::default());
        csr.status.as_mut().unwrap().conditions = Some(vec![approval_condition()]);
        assert_eq!(csr_state(&csr), CsrState::Approved);
        csr.status.as_mut().unwrap().certificate = Some(ByteString(b"PEM".to_vec()));
        assert_eq!(csr_state(&csr), CsrState::Issued(b"PEM".to_vec()));
        let st = csr.status.as_mut().unwrap();
        st.conditions
            .as_mut()
            .unwrap()
            .push(CertificateSigningRequestCondition {
                type_: "Failed".into(),
                status: "True".into(),
                reason: Some("R".into()),
                message: Some("M".into()),
                ..Default::default()
            });
        let s = csr_state(&csr);
        let e = final_state_error("a", &s).unwrap().to_string();
        assert!(e.contains("failed (reason R: M)"), "{e}");
    }

    #[test]
    fn a_fresh_signature_of_the_same_request_is_the_same_request() {
        let key = crate::pki::PrivateKey::generate(crate::pki::KeyAlg::Ec256).unwrap();
        let spec = crate::pki::CsrSpec {
            common_name: "a".into(),
            ..Default::default()
        };
        let one = spec.to_pem(&key, key.default_hash()).unwrap();
        let two = spec.to_pem(&key, key.default_hash()).unwrap();
        assert_ne!(one, two, "ECDSA signatures differ");
        let req = |pem: &str| ClientCertRequest {
            name: "a".into(),
            csr_pem: pem.to_owned(),
            expiration_seconds: None,
            approve: false,
            groups: Vec::new(),
        };
        check_existing_csr(&req(&two), &req(&one).object()).unwrap();
        let other = req(&csr_pem("a", &[]));
        let e = check_existing_csr(&other, &req(&one).object()).unwrap_err();
        assert!(e.to_string().contains("different request"), "{e}");
        let mut foreign = req(&one).object();
        foreign.spec.signer_name = "example.com/x".into();
        assert!(check_existing_csr(&req(&one), &foreign).is_err());
    }

    #[test]
    fn classic_key_body() {
        let body = classic_key_csr_body(
            "/k8s/c/csr/AkeylessK8sAuth",
            "AkeylessK8sAuth",
            &["AkeylessAuth".into(), "ops".into()],
            "t-123",
        );
        assert_eq!(
            body,
            json!({
                "name": "/k8s/c/csr/AkeylessK8sAuth",
                "common-name": "AkeylessK8sAuth",
                "org": "AkeylessAuth,ops",
                "key-type": "classic-key",
                "generate-key": false,
                "token": "t-123",
            })
        );
        let pem = csr_pem("x", &[]);
        assert_eq!(
            csr_from_gateway_answer(&json!({"data": pem})).unwrap(),
            pem.trim()
        );
        let b64 = B64.encode(&pem);
        assert_eq!(
            csr_from_gateway_answer(&json!({"data": b64})).unwrap(),
            pem.trim()
        );
        assert!(csr_from_gateway_answer(&json!({})).is_err());
    }

    #[test]
    fn subjects_match_by_kind_name_and_sa_namespace() {
        let sa = BindSubject::parse_service_account("default/gw").unwrap();
        assert!(sa.matches(&sa.to_subject()));
        let mut other = sa.to_subject();
        other.namespace = Some("kube-system".into());
        assert!(!sa.matches(&other));
        let u = BindSubject::User("alice".into());
        let mut s = u.to_subject();
        s.api_group = None;
        s.namespace = Some("default".into());
        assert!(u.matches(&s));
        assert!(!BindSubject::Group("alice".into()).matches(&s));
        assert!(BindSubject::parse_service_account("gw").is_err());
        assert!(BindSubject::parse_service_account("Default/gw").is_err());
    }

    #[test]
    fn plan_text_is_commented_yaml() {
        let tr = TokenReviewer {
            namespace: "default".into(),
            name: DEFAULT_REVIEWER.into(),
            binding: DEFAULT_BINDING.into(),
        };
        tr.validate().unwrap();
        let plan = Plan::new(
            vec![
                Change::new(
                    Action::Create,
                    "ServiceAccount",
                    Some("default"),
                    &tr.name,
                    &tr.service_account(),
                ),
                Change::new(
                    Action::Create,
                    "Secret",
                    Some("default"),
                    &tr.secret_name(),
                    &tr.secret(),
                ),
            ],
            &[],
        );
        let text = plan.to_text();
        assert!(text.starts_with("# dry run, nothing changed: would create ServiceAccount default/gateway-token-reviewer; create Secret default/gateway-token-reviewer-token\n---\n"), "{text}");
        let docs: Vec<Value> = text
            .split("---\n")
            .skip(1)
            .map(|d| serde_yaml::from_str(d).unwrap())
            .collect();
        assert_eq!(docs[1]["type"], SA_TOKEN_TYPE);
        assert_eq!(
            docs[1]["metadata"]["annotations"][SA_NAME_ANNOTATION],
            DEFAULT_REVIEWER
        );
        assert_eq!(plan.to_json()["changes"][0]["action"], "create");
    }
}
