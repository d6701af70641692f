//! The token-reviewer flow of seed 001: a ServiceAccount, its binding to
//! `system:auth-delegator` (through [`super::rbac`]) and a
//! `kubernetes.io/service-account-token` Secret, then the wait for the
//! token controller to fill it.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};
use k8s_openapi::api::core::v1::{Secret, ServiceAccount};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Api;
use serde_json::{Value, json};

use super::rbac::{BindSubject, bind_auth_delegator};
use super::{
    Action, Change, POLL, Plan, SA_NAME_ANNOTATION, SA_TOKEN_TYPE, call_failed, check_dns_label,
    check_dns_subdomain, check_path_segment_name, is_code, post_params,
};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s_admin::{DEFAULT_BINDING, DEFAULT_REVIEWER};

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
