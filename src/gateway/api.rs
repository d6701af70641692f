//! Request and response bodies of the gateway API, shared by the client and
//! the embedded server. Request keys are kebab-case and response keys
//! snake_case, with the akeyless quirks copied byte-exactly (reference §0):
//! `delete_protection` with an underscore, `gen-key` and
//! `disable-issuer-validation` as strings, `certificatePem` next to
//! `wrapping-iv`. Requests accept unknown keys, because akeyless clients
//! send many fields for other access types.

use serde::{Deserialize, Serialize};

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
}

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
}

/// `/create-auth-method-k8s` (deprecated spelling) response.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CreateAuthMethodK8sOutput {
    #[serde(default)]
    pub access_id: String,
    #[serde(default)]
    pub prv_key: String,
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
    #[serde(default)]
    pub expiration_event_in: Vec<String>,
    /// `k8s` or `api_key`.
    #[serde(default)]
    pub rules_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k8s_access_rules: Option<KubernetesAccessRules>,
}

/// An auth method as get/list return it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AuthMethod {
    pub auth_method_name: String,
    pub auth_method_access_id: String,
    #[serde(default)]
    pub auth_method_id: String,
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
    pub auth_method_roles_assoc: Vec<serde_json::Value>,
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

/// `POST /generate-csr` (reference §4; PY `generate_csr.py`). Subject and
/// SAN lists are comma-separated strings on the wire, not arrays.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct GenerateCsr {
    /// Key name.
    pub name: String,
    /// Create (and store) a new classic key under `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate_key: Option<bool>,
    /// `RSA1024`…`RSA4096`, `EC256`, `EC384` (new keys; default RSA2048).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// Required; optional here so the gateway names it when missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub common_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dep: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt_names: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_addresses: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_addresses: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri_sans: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_usage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext_key_usage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical: Option<bool>,
    /// `SHA256` (default; SHA384 for EC384), `SHA384`, `SHA512`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash_algorithm: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_private_key: Option<bool>,
    /// Comma-separated `ssl-client`, `ssl-server`, `certificate-signing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_type: Option<String>,
    /// `classic-key` (default) or `dfc` (refused: not supported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_type: Option<String>,
    /// DFC only; ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_level: Option<i64>,
    /// Beyond akeyless: with `generate-key`, replace an existing classic key
    /// of the same name instead of refusing (never a certificate, never a
    /// delete-protected item).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overwrite: Option<bool>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/generate-csr` response.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GenerateCsrOutput {
    /// PEM `CERTIFICATE REQUEST`.
    pub data: String,
    /// Beyond akeyless (as in local mode): the PEM key, with
    /// `export-private-key` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key: Option<String>,
}

/// `POST /export-classic-key` (PY `export_classic_key.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ExportClassicKey {
    pub name: String,
    /// Classic keys made here have one version, 1 (0 = latest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_public_key: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_cache: Option<String>,
    /// Refused: key wrapping is not supported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wrapping_key_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessibility: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/export-classic-key` response: exactly these four keys, spelled as
/// akeyless spells them (`certificatePem` next to `wrapping-iv`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ExportClassicKeyOutput {
    /// PEM private key (PKCS#1 for RSA, SEC1 for EC), or the PEM public key
    /// with `export-public-key`.
    #[serde(default)]
    pub key: String,
    #[serde(default, rename = "certificatePem")]
    pub certificate_pem: String,
    #[serde(default)]
    pub ssh: String,
    #[serde(default, rename = "wrapping-iv")]
    pub wrapping_iv: String,
}

/// Accepts `true`, `"true"` and the other boolean spellings as a string
/// (akeyless declares `delete_protection` a string; clients send either).
fn bool_or_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Bool(b)) => Some(b.to_string()),
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

/// `POST /create-certificate` (PY `create_certificate.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct CreateCertificate {
    pub name: String,
    /// Base64 of the certificate file's content (PEM, or DER for cer/crt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_data: Option<String>,
    /// Base64 of the private key file's content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_data: Option<String>,
    /// `pem` (default), `crt`, `cer`; `pfx`/`p12` are refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Days before expiration at which to raise an event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_event_in: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Protection key name; refused (items are sealed with the gateway's master key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Deprecated spelling of `description`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    /// `"true"`/`"false"`; the key is spelled with an underscore.
    #[serde(
        default,
        rename = "delete_protection",
        deserialize_with = "bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub delete_protection: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/create-certificate` response.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CreateCertificateOutput {
    pub name: String,
}

/// `POST /get-certificate-value` (PY `get_certificate_value.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct GetCertificateValue {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_cache: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/get-certificate-value` response (PY `get_certificate_value_output.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GetCertificateValueOutput {
    #[serde(default)]
    pub certificate_pem: String,
    /// Absent when the certificate was stored without its key.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub private_key_pem: String,
}

/// `POST /list-items` (PY `list_items.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ListItems {
    /// Items whose name contains this text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// Items under this folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Items carrying this tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Item types (`classic-key`, `certificate`, …); empty = all.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub types: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimal_view: Option<bool>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `seconds_before` of an expiration event (PY `certificate_expiration_event.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CertificateExpirationEvent {
    pub seconds_before: i64,
}

/// PY `classic_key_details_info.py` (the fields akl fills).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ClassicKeyDetailsInfo {
    /// `RSA2048`, `EC256`, …
    #[serde(default)]
    pub key_type: String,
    /// PEM public key.
    #[serde(default)]
    pub public_key: String,
    #[serde(default)]
    pub is_provided_by_user: bool,
}

/// PY `certificate_info.py` (the fields akl fills).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CertificateInfo {
    /// RFC 3339 UTC.
    #[serde(default)]
    pub not_after: String,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub not_before: String,
    #[serde(default)]
    pub serial_number: String,
    #[serde(default)]
    pub sha_256_fingerprint: String,
}

/// PY `certificate_chain_info.py` (the fields akl fills).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CertificateChainInfo {
    #[serde(default)]
    pub certificate_chain: Vec<CertificateInfo>,
    #[serde(default)]
    pub certificate_format: String,
    #[serde(default)]
    pub certificate_has_private_key: bool,
    /// `valid` or `expired`.
    #[serde(default)]
    pub certificate_status: String,
    #[serde(default)]
    pub expiration_events: Vec<CertificateExpirationEvent>,
}

/// PY `item_general_info.py` (the fields akl fills).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ItemGeneralInfo {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub certificate_format: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_chain_info: Option<CertificateChainInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classic_key_details: Option<ClassicKeyDetailsInfo>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expiration_events: Vec<CertificateExpirationEvent>,
}

/// An item as list-items returns it (PY `item.py`, the fields akl fills).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Item {
    pub item_name: String,
    #[serde(default)]
    pub item_id: i64,
    /// `CLASSIC_KEY` or `CERTIFICATE`.
    #[serde(default)]
    pub item_type: String,
    #[serde(default)]
    pub item_sub_type: String,
    #[serde(default)]
    pub item_tags: Vec<String>,
    /// The description.
    #[serde(default)]
    pub item_metadata: String,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub creation_date: String,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub modification_date: String,
    #[serde(default)]
    pub delete_protection: bool,
    #[serde(default)]
    pub last_version: i64,
    /// PEM public key of a classic key.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub public_value: String,
    #[serde(default)]
    pub item_general_info: ItemGeneralInfo,
}

/// `/list-items` response (PY `list_items_in_path_output.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ListItemsOutput {
    pub items: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub folders: Vec<String>,
    #[serde(default)]
    pub next_page: String,
}

/// `POST /delete-item` (PY `delete_item.py`). Deletion is immediate.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct DeleteItem {
    pub name: String,
    /// -1 (default) = the whole item; 0 = last version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_immediately: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_in_days: Option<i64>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/delete-item` response (PY `delete_item_output.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct DeleteItemOutput {
    /// RFC 3339 UTC.
    #[serde(default)]
    pub deletion_date: String,
    #[serde(default)]
    pub item_id: i64,
    #[serde(default)]
    pub item_name: String,
    #[serde(default)]
    pub version_deleted: i64,
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
