//! Cluster-side setup of the Kubernetes-auth docs, through kube-rs: the
//! client-certificate flow of seed 000 (a `kubernetes.io/kube-apiserver-client`
//! CertificateSigningRequest, its approval, the issued certificate) and the
//! token-reviewer flow of seed 001 (a ServiceAccount, a ClusterRoleBinding to
//! `system:auth-delegator`, a `kubernetes.io/service-account-token` Secret).
//!
//! Every operation can run as a plan: the same reads, then the objects that
//! would be created or changed instead of the writes (`--dry-run`).
//!
//! This file holds what the flows share (constants, plans, error lines,
//! name checks); each flow has its own file: `rbac.rs` (the
//! `system:auth-delegator` binding), `token_reviewer.rs`, `csr.rs` (reading
//! requests and their state) and `client_cert.rs`. Their public items are
//! re-exported here, so callers name them `k8s_admin::…`.

use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use kube::api::{PatchParams, PostParams};
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

mod client_cert;
mod csr;
mod rbac;
mod token_reviewer;

pub use client_cert::{
    ClientCertRequest, IssuedCert, WaitPhase, classic_key_csr_body, csr_from_gateway_answer,
    issue_client_cert, plan_classic_key_client_cert, plan_client_cert,
};
pub use csr::{
    CsrState, CsrSubject, approval_condition, check_expiration, csr_state, parse_csr_pem,
};
pub use rbac::{BindSubject, BindingOutcome, bind_auth_delegator};
pub use token_reviewer::{
    TokenReviewer, TokenReviewerOutcome, plan_token_reviewer, setup_token_reviewer,
};
