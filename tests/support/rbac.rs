//! Authorization: the `system:masters` privileged group plus an RBAC evaluator over the stored
//! (Cluster)Roles and (Cluster)RoleBindings, seeded with the bootstrap policy objects that
//! matter here (`plugin/pkg/auth/authorizer/rbac/bootstrappolicy`).

use super::authn::UserInfo;
use super::resources::{State, meta_str, res};
use super::util::{ApiError, GroupResource, aggregate, go_quote, str_list};
use serde_json::{Value, json};

/// `authorizer.Attributes`.
#[derive(Clone, Debug, Default)]
pub struct Attrs {
    pub verb: String,
    pub resource_request: bool,
    pub api_group: String,
    pub api_version: String,
    pub resource: String,
    pub subresource: String,
    pub namespace: String,
    pub name: String,
    pub path: String,
}

fn has(list: &[String], want: &str) -> bool {
    list.iter().any(|x| x == "*" || x == want)
}

fn rule_allows(rule: &Value, a: &Attrs) -> bool {
    let verbs = str_list(rule.get("verbs"));
    if !has(&verbs, &a.verb) {
        return false;
    }
    if !a.resource_request {
        return str_list(rule.get("nonResourceURLs")).iter().any(|u| {
            u == "*" || *u == a.path || (u.ends_with('*') && a.path.starts_with(&u[..u.len() - 1]))
        });
    }
    if !has(&str_list(rule.get("apiGroups")), &a.api_group) {
        return false;
    }
    let combined = if a.subresource.is_empty() {
        a.resource.clone()
    } else {
        format!("{}/{}", a.resource, a.subresource)
    };
    let resources = str_list(rule.get("resources"));
    let res_ok = resources.iter().any(|r| {
        r == "*"
            || *r == combined
            || (!a.subresource.is_empty() && *r == format!("*/{}", a.subresource))
    });
    if !res_ok {
        return false;
    }
    let names = str_list(rule.get("resourceNames"));
    names.is_empty() || names.contains(&a.name)
}

/// Which subject of `binding` applies to `user`, as `Kind "name"` for the allow reason.
fn matching_subject(binding: &Value, user: &UserInfo, binding_ns: &str) -> Option<String> {
    binding.get("subjects")?.as_array()?.iter().find_map(|s| {
        let kind = s.get("kind").and_then(Value::as_str).unwrap_or("");
        let name = s.get("name").and_then(Value::as_str).unwrap_or("");
        let ok = match kind {
            "User" => user.name == name,
            "Group" => user.groups.iter().any(|g| g == name),
            "ServiceAccount" => {
                let ns = s
                    .get("namespace")
                    .and_then(Value::as_str)
                    .filter(|n| !n.is_empty())
                    .unwrap_or(binding_ns);
                user.name == format!("system:serviceaccount:{ns}:{name}")
            }
            _ => false,
        };
        ok.then(|| {
            if kind == "ServiceAccount" {
                let ns = s
                    .get("namespace")
                    .and_then(Value::as_str)
                    .unwrap_or(binding_ns);
                format!("ServiceAccount {}", go_quote(&format!("{name}/{ns}")))
            } else {
                format!("{kind} {}", go_quote(name))
            }
        })
    })
}

/// Returns (allowed, reason) like the RBAC authorizer (after the privileged-group shortcut).
pub fn authorize(st: &State, user: &UserInfo, a: &Attrs) -> (bool, String) {
    if user.groups.iter().any(|g| g == "system:masters") {
        return (true, String::new());
    }
    let mut errors: Vec<String> = Vec::new();
    let rules_allow = |rules: Option<&Value>| -> bool {
        rules
            .and_then(Value::as_array)
            .is_some_and(|rs| rs.iter().any(|r| rule_allows(r, a)))
    };
    for b in st.list(res("clusterrolebindings"), None) {
        let Some(subject) = matching_subject(b, user, "") else {
            continue;
        };
        let role_name = b
            .pointer("/roleRef/name")
            .and_then(Value::as_str)
            .unwrap_or("");
        match st.get(res("clusterroles"), "", role_name) {
            None => errors.push(format!(
                "clusterrole.rbac.authorization.k8s.io {} not found",
                go_quote(role_name)
            )),
            Some(role) => {
                if rules_allow(role.get("rules")) {
                    return (
                        true,
                        format!(
                            "RBAC: allowed by ClusterRoleBinding {} of ClusterRole {} to {subject}",
                            go_quote(meta_str(b, "name")),
                            go_quote(role_name)
                        ),
                    );
                }
            }
        }
    }
    if !a.namespace.is_empty() {
        for b in st.list(res("rolebindings"), Some(&a.namespace)) {
            let Some(subject) = matching_subject(b, user, &a.namespace) else {
                continue;
            };
            let role_name = b
                .pointer("/roleRef/name")
                .and_then(Value::as_str)
                .unwrap_or("");
            let kind = b
                .pointer("/roleRef/kind")
                .and_then(Value::as_str)
                .unwrap_or("");
            let role = if kind == "ClusterRole" {
                st.get(res("clusterroles"), "", role_name)
            } else {
                st.get(res("roles"), &a.namespace, role_name)
            };
            match role {
                None => errors.push(format!(
                    "{}.rbac.authorization.k8s.io {} not found",
                    kind.to_lowercase(),
                    go_quote(role_name)
                )),
                Some(role) => {
                    if rules_allow(role.get("rules")) {
                        return (
                            true,
                            format!(
                                "RBAC: allowed by RoleBinding {} of {kind} {} to {subject}",
                                go_quote(&format!("{}/{}", meta_str(b, "name"), a.namespace)),
                                go_quote(role_name)
                            ),
                        );
                    }
                }
            }
        }
    }
    let reason = if errors.is_empty() {
        String::new()
    } else {
        format!("RBAC: {}", aggregate(&errors))
    };
    (false, reason)
}

/// `responsewriters.ForbiddenStatusError`.
pub fn forbidden(user: &UserInfo, a: &Attrs, reason: &str) -> ApiError {
    let mut msg = if !a.resource_request {
        format!(
            "User {} cannot {} path {}",
            go_quote(&user.name),
            a.verb,
            go_quote(&a.path)
        )
    } else {
        let resource = if a.subresource.is_empty() {
            a.resource.clone()
        } else {
            format!("{}/{}", a.resource, a.subresource)
        };
        if a.namespace.is_empty() {
            format!(
                "User {} cannot {} resource {} in API group {} at the cluster scope",
                go_quote(&user.name),
                a.verb,
                go_quote(&resource),
                go_quote(&a.api_group)
            )
        } else {
            format!(
                "User {} cannot {} resource {} in API group {} in the namespace {}",
                go_quote(&user.name),
                a.verb,
                go_quote(&resource),
                go_quote(&a.api_group),
                go_quote(&a.namespace)
            )
        }
    };
    if !reason.is_empty() {
        msg = format!("{msg}: {reason}");
    }
    let gr = if a.resource_request {
        GroupResource::new(&a.api_group, &a.resource)
    } else {
        GroupResource::new("", "")
    };
    ApiError::forbidden(&gr, if a.resource_request { &a.name } else { "" }, &msg)
}

fn bootstrap_meta(name: &str) -> Value {
    json!({
        "name": name,
        "labels": {"kubernetes.io/bootstrapping": "rbac-defaults"},
        "annotations": {"rbac.authorization.kubernetes.io/autoupdate": "true"},
    })
}

/// Bootstrap ClusterRoles and ClusterRoleBindings relevant to this server.
pub fn bootstrap_policy(public_oidc_discovery: bool) -> Vec<(&'static str, Value)> {
    let mut out = Vec::new();
    let role = |name: &str, rules: Value| -> Value {
        json!({"metadata": bootstrap_meta(name), "rules": rules})
    };
    let group =
        |g: &str| json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": g});
    let binding = |name: &str, role: &str, subjects: Value| -> Value {
        json!({
            "metadata": bootstrap_meta(name),
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
            "subjects": subjects,
        })
    };
    out.push((
        "clusterroles",
        role(
            "cluster-admin",
            json!([
                {"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]},
                {"nonResourceURLs": ["*"], "verbs": ["*"]},
            ]),
        ),
    ));
    out.push((
        "clusterroles",
        role(
            "system:discovery",
            json!([{"nonResourceURLs": ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"], "verbs": ["get"]}]),
        ),
    ));
    out.push((
        "clusterroles",
        role(
            "system:public-info-viewer",
            json!([{"nonResourceURLs": ["/healthz", "/livez", "/readyz", "/version", "/version/"], "verbs": ["get"]}]),
        ),
    ));
    out.push((
        "clusterroles",
        role(
            "system:basic-user",
            json!([
                {"apiGroups": ["authorization.k8s.io"], "resources": ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], "verbs": ["create"]},
                {"apiGroups": ["authentication.k8s.io"], "resources": ["selfsubjectreviews"], "verbs": ["create"]},
            ]),
        ),
    ));
    out.push((
        "clusterroles",
        role(
            "system:auth-delegator",
            json!([
                {"apiGroups": ["authentication.k8s.io"], "resources": ["tokenreviews"], "verbs": ["create"]},
                {"apiGroups": ["authorization.k8s.io"], "resources": ["subjectaccessreviews"], "verbs": ["create"]},
            ]),
        ),
    ));
    out.push((
        "clusterroles",
        role(
            "system:service-account-issuer-discovery",
            json!([{"nonResourceURLs": ["/.well-known/openid-configuration", "/.well-known/openid-configuration/", "/openid/v1/jwks", "/openid/v1/jwks/"], "verbs": ["get"]}]),
        ),
    ));
    out.push((
        "clusterroles",
        role(
            "system:certificates.k8s.io:kube-apiserver-client-approver",
            json!([{"apiGroups": ["certificates.k8s.io"], "resources": ["signers"], "resourceNames": ["kubernetes.io/kube-apiserver-client"], "verbs": ["approve"]}]),
        ),
    ));
    out.push((
        "clusterrolebindings",
        binding(
            "cluster-admin",
            "cluster-admin",
            json!([group("system:masters")]),
        ),
    ));
    out.push((
        "clusterrolebindings",
        binding(
            "system:discovery",
            "system:discovery",
            json!([group("system:authenticated")]),
        ),
    ));
    out.push((
        "clusterrolebindings",
        binding(
            "system:basic-user",
            "system:basic-user",
            json!([group("system:authenticated")]),
        ),
    ));
    out.push((
        "clusterrolebindings",
        binding(
            "system:public-info-viewer",
            "system:public-info-viewer",
            json!([
                group("system:authenticated"),
                group("system:unauthenticated")
            ]),
        ),
    ));
    // Bound to service accounts by default (kubernetes#88344); public access needs an extra
    // binding to system:unauthenticated, as the service-accounts admin docs describe.
    let mut discovery_subjects = vec![group("system:serviceaccounts")];
    if public_oidc_discovery {
        discovery_subjects.push(group("system:unauthenticated"));
    }
    out.push((
        "clusterrolebindings",
        binding(
            "system:service-account-issuer-discovery",
            "system:service-account-issuer-discovery",
            Value::Array(discovery_subjects),
        ),
    ));
    out
}
