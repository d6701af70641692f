//! `/auth` (reference §1).

use serde::{Deserialize, Serialize};

/// `POST /auth` (reference §1).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Auth {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k8s_auth_config_name: Option<String>,
    /// Base64 (standard, padded) of the raw service-account JWT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k8s_service_account_token: Option<String>,
    /// The raw JWT (not base64), for `access-type=jwt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug: Option<bool>,
    #[serde(default)]
    pub json: bool,
}

/// `creds` of AuthOutput (SystemAccessCredentialsReplyObj).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SystemAccessCreds {
    #[serde(default)]
    pub access_id: String,
    #[serde(default)]
    pub auth_creds: String,
    #[serde(default)]
    pub csrf_token: String,
    /// Unix seconds.
    #[serde(default)]
    pub expiry: i64,
    #[serde(default)]
    pub kfm_creds: String,
    #[serde(default)]
    pub need_mfa_app_first_config: bool,
    #[serde(default)]
    pub recovery_key_id: String,
    #[serde(default)]
    pub required_mfa: String,
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub uam_creds: String,
}

/// Response of `/auth`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AuthOutput {
    pub token: String,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub expiration: String,
    #[serde(default)]
    pub creds: SystemAccessCreds,
    #[serde(default)]
    pub complete_auth_link: String,
}
