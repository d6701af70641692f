//! Request and response bodies of the gateway API, shared by the client and
//! the embedded server. Request keys are kebab-case and response keys
//! snake_case, with the akeyless quirks copied byte-exactly (reference §0):
//! `delete_protection` with an underscore, `gen-key` and
//! `disable-issuer-validation` as strings, `certificatePem` next to
//! `wrapping-iv`. Requests accept unknown keys, because akeyless clients
//! send many fields for other access types.

use serde::{Deserialize, Serialize};
mod auth;
mod auth_method;
mod items;
mod k8s_auth_config;
mod oauth2;
mod roles;
mod secrets;

pub use auth::*;
pub use auth_method::*;
pub use items::*;
pub use k8s_auth_config::*;
pub use oauth2::*;
pub use roles::*;
pub use secrets::*;

/// Error body of every non-2xx answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ErrorBody {
    pub error: String,
}

/// Commands the gateway serves at `/<command>`, `/api/v2/<command>` and
/// `/v2/<command>`.
pub mod commands {
    pub const AUTH: &str = "auth";
    pub const CREATE_AUTH_METHOD_K8S: &str = "create-auth-method-k8s";
    pub const UPDATE_AUTH_METHOD_K8S: &str = "update-auth-method-k8s";
    pub const AUTH_METHOD_CREATE_K8S: &str = "auth-method-create-k8s";
    pub const AUTH_METHOD_UPDATE_K8S: &str = "auth-method-update-k8s";
    pub const GET_AUTH_METHOD: &str = "get-auth-method";
    pub const AUTH_METHOD_GET: &str = "auth-method-get";
    pub const LIST_AUTH_METHODS: &str = "list-auth-methods";
    pub const AUTH_METHOD_LIST: &str = "auth-method-list";
    pub const DELETE_AUTH_METHOD: &str = "delete-auth-method";
    pub const AUTH_METHOD_DELETE: &str = "auth-method-delete";
    pub const AUTH_METHOD_CREATE_OAUTH2: &str = "auth-method-create-oauth2";
    pub const AUTH_METHOD_UPDATE_OAUTH2: &str = "auth-method-update-oauth2";
    pub const CREATE_AUTH_METHOD_OAUTH2: &str = "create-auth-method-oauth2";
    pub const UPDATE_AUTH_METHOD_OAUTH2: &str = "update-auth-method-oauth2";
    pub const GATEWAY_CREATE_K8S_AUTH_CONFIG: &str = "gateway-create-k8s-auth-config";
    pub const GATEWAY_UPDATE_K8S_AUTH_CONFIG: &str = "gateway-update-k8s-auth-config";
    pub const GATEWAY_GET_K8S_AUTH_CONFIG: &str = "gateway-get-k8s-auth-config";
    pub const GATEWAY_DELETE_K8S_AUTH_CONFIG: &str = "gateway-delete-k8s-auth-config";
    /// Beyond akeyless: upstream has no list command.
    pub const GATEWAY_LIST_K8S_AUTH_CONFIGS: &str = "gateway-list-k8s-auth-configs";
    pub const GENERATE_CSR: &str = "generate-csr";
    pub const EXPORT_CLASSIC_KEY: &str = "export-classic-key";
    pub const CREATE_CERTIFICATE: &str = "create-certificate";
    pub const GET_CERTIFICATE_VALUE: &str = "get-certificate-value";
    pub const LIST_ITEMS: &str = "list-items";
    pub const DELETE_ITEM: &str = "delete-item";
    pub const CREATE_ROLE: &str = "create-role";
    pub const UPDATE_ROLE: &str = "update-role";
    pub const GET_ROLE: &str = "get-role";
    pub const LIST_ROLES: &str = "list-roles";
    pub const DELETE_ROLE: &str = "delete-role";
    pub const SET_ROLE_RULE: &str = "set-role-rule";
    pub const DELETE_ROLE_RULE: &str = "delete-role-rule";
    pub const ASSOC_ROLE_AM: &str = "assoc-role-am";
    pub const UPDATE_ASSOC: &str = "update-assoc";
    pub const DELETE_ASSOC: &str = "delete-assoc";
    pub const DESCRIBE_ROLE_AM_ASSOC: &str = "describe-role-am-assoc";
    pub const DESCRIBE_SUB_CLAIMS: &str = "describe-sub-claims";
    pub const CREATE_SECRET: &str = "create-secret";
    pub const GET_SECRET_VALUE: &str = "get-secret-value";
    pub const UPDATE_SECRET_VAL: &str = "update-secret-val";
    pub const DESCRIBE_ITEM: &str = "describe-item";
    pub const UPDATE_ITEM: &str = "update-item";
}

/// Session fields every management request carries in its body.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SessionFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid_token: Option<String>,
    #[serde(default)]
    pub json: bool,
}
/// Accepts `true`, `"true"` and the other boolean spellings as a string
/// (akeyless declares `delete_protection` a string; clients send either).
pub(crate) fn bool_or_string<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Bool(b)) => Some(b.to_string()),
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

/// Parses an akeyless boolean string (`"true"`, `"false"`, also `"1"`,
/// `"yes"`); `None` when absent.
pub fn parse_bool_string(v: Option<&str>) -> Result<Option<bool>, String> {
    match v.map(|s| s.trim().to_ascii_lowercase()) {
        None => Ok(None),
        Some(s) if s.is_empty() => Ok(None),
        Some(s) if ["true", "1", "yes", "on"].contains(&s.as_str()) => Ok(Some(true)),
        Some(s) if ["false", "0", "no", "off"].contains(&s.as_str()) => Ok(Some(false)),
        Some(s) => Err(format!("'{s}' is not true or false")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quirky_keys_are_spelled_as_akeyless_spells_them() {
        let req = AuthMethodK8s {
            name: "m".into(),
            gen_key: Some("true".into()),
            delete_protection: Some("false".into()),
            bound_sa_names: Some(vec!["a".into()]),
            session: SessionFields {
                token: Some("t-1".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let v = serde_json::to_value(&req).unwrap();
        assert_eq!(v["gen-key"], "true");
        assert_eq!(v["delete_protection"], "false");
        assert_eq!(v["bound-sa-names"], json!(["a"]));
        assert_eq!(v["token"], "t-1");
        assert_eq!(v["json"], false);
    }

    #[test]
    fn requests_accept_unknown_keys() {
        let a: Auth = serde_json::from_value(json!({
            "access-id": "p-1", "access-type": "k8s", "cloud-id": "x", "gcp-audience": "akeyless.io"
        }))
        .unwrap();
        assert_eq!(a.access_type.as_deref(), Some("k8s"));
    }

    #[test]
    fn bool_strings() {
        assert_eq!(parse_bool_string(Some("TRUE")), Ok(Some(true)));
        assert_eq!(parse_bool_string(None), Ok(None));
        assert!(parse_bool_string(Some("maybe")).is_err());
    }
}
