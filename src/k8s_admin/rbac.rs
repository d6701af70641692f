//! RBAC subjects: who a ClusterRoleBinding binds, and the binding to
//! `system:auth-delegator` that lets a token reviewer call TokenReview.
//! Apart from the token-reviewer flow because `k8s bind-auth-delegator`
//! uses it alone.

use anyhow::{Result, bail};
use k8s_openapi::api::rbac::v1::{ClusterRoleBinding, RoleRef, Subject};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Api;
use kube::api::Patch;
use serde_json::json;

use super::{
    AUTH_DELEGATOR, Action, Change, RBAC_GROUP, call_failed, check_dns_label, check_dns_subdomain,
    check_path_segment_name, is_code, patch_params, post_params,
};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
