//! Gateway K8s auth configs (reference §3).

use serde::{Deserialize, Serialize};

use super::SessionFields;

/// Create/update a gateway K8s auth config (reference §3).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct GatewayK8sAuthConfig {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_name: Option<String>,
    #[serde(default)]
    pub access_id: String,
    /// Base64 of the PEM private key (`prv_key` of the auth method).
    #[serde(default)]
    pub signing_key: String,
    #[serde(default)]
    pub k8s_host: String,
    /// Base64 PEM, as kubeconfig's certificate-authority-data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k8s_ca_cert: Option<String>,
    /// Raw JWT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_reviewer_jwt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k8s_issuer: Option<String>,
    /// `"true"`/`"false"`: a string on the wire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_issuer_validation: Option<String>,
    /// `token` or `certificate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k8s_auth_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k8s_client_certificate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k8s_client_key: Option<String>,
    /// `native_k8s` or `rancher`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_api_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rancher_api_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rancher_cluster_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_gw_service_account: Option<bool>,
    /// Seconds; TTL of the gateway-signed internal token (default 300).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_exp: Option<i64>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `parts_change` of the config create/update/delete response.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ConfigChange {
    #[serde(default)]
    pub config_hash: serde_json::Value,
    #[serde(default)]
    pub last_change: serde_json::Value,
    #[serde(default)]
    pub last_status: serde_json::Value,
    #[serde(default)]
    pub required_activity: serde_json::Value,
    #[serde(default)]
    pub update_stamp: i64,
}

/// Create/update/delete response of a gateway K8s auth config.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GatewayK8sAuthConfigOutput {
    #[serde(default)]
    pub cluster_id: String,
    #[serde(default)]
    pub total_hash: String,
    #[serde(default)]
    pub parts_change: ConfigChange,
    /// Beyond akeyless: non-fatal findings (e.g. the K8s host did not answer
    /// the probe). Absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Get/delete a gateway K8s auth config by name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct GatewayK8sAuthConfigName {
    pub name: String,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// List gateway K8s auth configs (beyond akeyless).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct GatewayListK8sAuthConfigs {
    #[serde(flatten)]
    pub session: SessionFields,
}

/// A gateway K8s auth config as get returns it (GatewayGetK8SAuthConfigOutput).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GatewayGetK8sAuthConfigOutput {
    pub id: String,
    pub name: String,
    pub auth_method_access_id: String,
    /// Base64 PEM; akeyless returns it in the clear.
    #[serde(default)]
    pub auth_method_prv_key_pem: String,
    /// Seconds.
    #[serde(default)]
    pub am_token_expiration: i64,
    #[serde(default)]
    pub cluster_api_type: String,
    #[serde(default)]
    pub disable_iss_validation: bool,
    /// Stored spelling: `bearer_token` or `client_cert`.
    #[serde(default)]
    pub k8s_auth_type: String,
    #[serde(default)]
    pub k8s_ca_cert: String,
    #[serde(default)]
    pub k8s_client_cert_data: String,
    #[serde(default)]
    pub k8s_client_key_data: String,
    #[serde(default)]
    pub k8s_host: String,
    #[serde(default)]
    pub k8s_issuer: String,
    #[serde(default)]
    pub k8s_pub_keys_pem: Vec<String>,
    #[serde(default)]
    pub k8s_token_reviewer_jwt: String,
    #[serde(default)]
    pub rancher_api_key: String,
    #[serde(default)]
    pub rancher_cluster_id: String,
    #[serde(default)]
    pub use_local_ca_jwt: bool,
    #[serde(default)]
    pub protection_key: String,
}

/// `GET /config/k8s-auths` and `gateway-list-k8s-auth-configs`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct K8sAuthsOutput {
    pub k8s_auths: Vec<GatewayGetK8sAuthConfigOutput>,
}
