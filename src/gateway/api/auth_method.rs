//! Auth-method create, update, get, list and delete (reference §2).

use serde::{Deserialize, Serialize};

use super::SessionFields;

/// Create and update requests of a K8s auth method (reference §2); both
/// schemas are identical, update adds `new-name`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct AuthMethodK8s {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_expires: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_namespaces: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_pod_names: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_sa_names: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_ips: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gw_bound_ips: Option<Vec<String>>,
    /// `"true"`/`"false"`: a string on the wire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gen_key: Option<String>,
    /// Base64 or PEM RSA public key, used when `gen-key` is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    /// Minutes; 0 = default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwt_ttl: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force_sub_claims: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_logs_claims: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_client_type: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_type: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_event_in: Option<Vec<String>>,
    /// `"true"`/`"false"`; the key is spelled with an underscore.
    #[serde(
        default,
        rename = "delete_protection",
        skip_serializing_if = "Option::is_none"
    )]
    pub delete_protection: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/auth-method-create-k8s` response.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AuthMethodCreateOutput {
    #[serde(default)]
    pub access_id: String,
    #[serde(default)]
    pub access_key: String,
    #[serde(default)]
    pub name: String,
    /// Base64 of the PEM private key (empty when a public key was given).
    #[serde(default)]
    pub prv_key: String,
    /// Beyond akeyless: non-fatal findings (e.g. the method lets every
    /// service account log in). Absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// `/create-auth-method-k8s` (deprecated spelling) response.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CreateAuthMethodK8sOutput {
    #[serde(default)]
    pub access_id: String,
    #[serde(default)]
    pub prv_key: String,
    /// Beyond akeyless: non-fatal findings (e.g. the method lets every
    /// service account log in). Absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// `/auth-method-update-k8s` response (`/update-auth-method-k8s` has only
/// `prv_key`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AuthMethodUpdateOutput {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default)]
    pub prv_key: String,
}

/// Get/delete an auth method by name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct AuthMethodName {
    pub name: String,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// List auth methods.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ListAuthMethods {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination_token: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub types: Option<Vec<String>>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `k8s_access_rules` of an auth method.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct KubernetesAccessRules {
    #[serde(default)]
    pub alg: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub bound_namespaces: Vec<String>,
    #[serde(default)]
    pub bound_pod_names: Vec<String>,
    #[serde(default)]
    pub bound_service_account_names: Vec<String>,
    #[serde(default)]
    pub gen_key_pair: String,
    /// Base64 of the PEM public key.
    #[serde(default)]
    pub pub_key: String,
}

/// `access_info` of an auth method.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AuthMethodAccessInfo {
    #[serde(default)]
    pub access_expires: i64,
    #[serde(default)]
    pub cidr_whitelist: String,
    #[serde(default)]
    pub gw_cidr_whitelist: String,
    #[serde(default)]
    pub jwt_ttl: i64,
    #[serde(default)]
    pub force_sub_claims: bool,
    #[serde(default)]
    pub product_types: Vec<String>,
    #[serde(default)]
    pub audit_logs_claims: Vec<String>,
    #[serde(default)]
    pub allowed_client_type: Vec<String>,
    /// Stored and applied, but not part of the SDK's `AuthMethodAccessInfo`
    /// model, so never sent (strict clients refuse unknown keys).
    #[serde(default, skip_serializing)]
    pub expiration_event_in: Vec<String>,
    /// `k8s`, `oauth2` or `api_key`.
    #[serde(default)]
    pub rules_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k8s_access_rules: Option<KubernetesAccessRules>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth2_access_rules: Option<super::OAuth2AccessRules>,
}

/// An auth method as get/list return it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AuthMethod {
    pub auth_method_name: String,
    pub auth_method_access_id: String,
    /// An integer in the SDK model; derived from the stored id.
    #[serde(default)]
    pub auth_method_id: i64,
    #[serde(default)]
    pub access_info: AuthMethodAccessInfo,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub creation_date: String,
    #[serde(default)]
    pub delete_protection: bool,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub auth_method_roles_assoc: Vec<super::AuthMethodRoleAssociation>,
    /// The caller's capabilities on this method.
    #[serde(default)]
    pub client_permissions: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ListAuthMethodsOutput {
    pub auth_methods: Vec<AuthMethod>,
    #[serde(default)]
    pub next_page: String,
}

/// Delete response of an auth method.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct DeleteAuthMethodOutput {
    pub name: String,
}
