//! OAuth2/JWT auth methods (next-anchors §1.1-1.2): the request of
//! `auth-method-create-oauth2` / `create-auth-method-oauth2` and their
//! updates (identical key sets; update adds `new-name`), the deprecated
//! spelling's answer, and the `oauth2_access_rules` get-auth-method shows.

use serde::{Deserialize, Serialize};

use super::SessionFields;

/// Create and update requests of an OAuth2/JWT auth method.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct AuthMethodOAuth2 {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_name: Option<String>,
    /// The claim *name* that tells identities apart (e.g. `sub`, `email`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_identifier: Option<String>,
    /// HTTPS URL of the JWKS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwks_uri: Option<String>,
    /// Base64 of the JWKS JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwks_json_data: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_client_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway_url: Option<String>,
    /// Base64 of the PEM CA bundle that signs the JWKS endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert_file_data: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force_sub_claims: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subclaims_delimiters: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_logs_claims: Option<Vec<String>>,
    /// Minutes; 0 = default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwt_ttl: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_expires: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_ips: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gw_bound_ips: Option<Vec<String>>,
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

/// `/create-auth-method-oauth2` (deprecated spelling) response.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CreateAuthMethodOAuth2Output {
    #[serde(default)]
    pub access_id: String,
}

/// `oauth2_access_rules` of an auth method (PY `OAuth2AccessRules`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct OAuth2AccessRules {
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub authorized_gw_cluster_name: String,
    /// Claim checks of the method itself; role associations carry the
    /// sub-claims here, so this stays empty.
    #[serde(default)]
    pub bound_claims: Vec<serde_json::Value>,
    #[serde(default)]
    pub bound_clients_id: Vec<String>,
    /// Base64 of the PEM CA of the JWKS endpoint.
    #[serde(default)]
    pub certificate: String,
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub jwks_json_data: String,
    #[serde(default)]
    pub jwks_uri: String,
    #[serde(default)]
    pub unique_identifier: String,
}
