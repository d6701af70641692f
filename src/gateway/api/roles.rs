//! Access roles, role rules and role <-> auth-method associations
//! (akeyless-roles-secrets.md §1-§3, §5). Request keys are kebab-case with
//! the akeyless quirks (`delete_protection` with an underscore, string
//! booleans such as `case-sensitive`); responses follow the Python SDK
//! models `Role`, `Rules`, `PathRule`, `RoleAuthMethodAssociation` and
//! `AuthMethodRoleAssociation`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{SessionFields, bool_or_string};

/// `POST /create-role` (PY `create_role.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct CreateRole {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Deprecated spelling of `description`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
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

/// `POST /update-role` (PY `update_role.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct UpdateRole {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_name: Option<String>,
    /// The SDK sends `"default_comment"` when unset: that value means
    /// "leave the description alone".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Deprecated spelling of `description` (same default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_comment: Option<String>,
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

/// The SDK's "no change" value of `update-role` descriptions.
pub const DEFAULT_COMMENT: &str = "default_comment";

/// `/update-role` response (PY `update_role_output.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct UpdateRoleOutput {
    #[serde(default)]
    pub updated: bool,
}

/// `POST /get-role`, `/delete-role` (PY `get_role.py`, `delete_role.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct RoleName {
    pub name: String,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `POST /list-roles` (PY `list_roles.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct ListRoles {
    /// Roles whose name contains this text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination_token: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/list-roles` response (PY `list_roles_output.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ListRolesOutput {
    pub roles: Vec<Role>,
    #[serde(default)]
    pub next_page: String,
}

/// `/create-role` and `/delete-role` answer an untyped object; akl echoes
/// the name (without the leading slash, like every role name it returns).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct RoleNameOutput {
    pub name: String,
}

/// PY `path_rule.py` (the fields akl fills).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct PathRule {
    pub path: String,
    pub capabilities: Vec<String>,
    /// The rule type (`item-rule`, `role-rule`, `auth-method-rule`, …).
    #[serde(rename = "type")]
    pub rule_type: String,
    /// Minutes the rule lives after `start_time`; 0 = forever.
    #[serde(default)]
    pub ttl: i64,
    /// Unix seconds at which the rule was set.
    #[serde(default)]
    pub start_time: i64,
}

/// PY `rules.py`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Rules {
    /// Gateway administration (K8s auth configs and other gateway
    /// management commands).
    #[serde(default)]
    pub admin: bool,
    #[serde(default)]
    pub path_rules: Vec<PathRule>,
}

/// Role side of an association (PY `role_auth_method_association.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct RoleAuthMethodAssociation {
    pub assoc_id: String,
    #[serde(default)]
    pub auth_method_access_id: String,
    #[serde(default)]
    pub auth_method_id: i64,
    #[serde(default)]
    pub auth_method_name: String,
    #[serde(default)]
    pub auth_method_sub_claims: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub sub_claims_case_sensitive: bool,
    #[serde(default)]
    pub is_subclaims_with_operator: bool,
}

/// Auth-method side of an association (PY `auth_method_role_association.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AuthMethodRoleAssociation {
    pub assoc_id: String,
    #[serde(default)]
    pub role_id: i64,
    #[serde(default)]
    pub role_name: String,
    #[serde(default)]
    pub rules: Rules,
    #[serde(default)]
    pub allowed_ops: Vec<String>,
    #[serde(default)]
    pub auth_method_sub_claims: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub is_sub_claims_case_sensitive: bool,
    #[serde(default)]
    pub is_subclaims_with_operator: bool,
}

/// PY `role.py` (the fields akl fills). The description comes back as
/// `comment`: the model has no `description` key.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Role {
    pub role_name: String,
    #[serde(default)]
    pub role_id: i64,
    #[serde(default)]
    pub comment: String,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub creation_date: String,
    /// RFC 3339 UTC.
    #[serde(default)]
    pub modification_date: String,
    #[serde(default)]
    pub delete_protection: bool,
    #[serde(default)]
    pub client_permissions: Vec<String>,
    #[serde(default)]
    pub role_auth_methods_assoc: Vec<RoleAuthMethodAssociation>,
    #[serde(default)]
    pub rules: Rules,
}

/// `POST /set-role-rule` (PY `set_role_rule.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct SetRoleRule {
    pub role_name: String,
    pub path: String,
    /// Repeatable on the CLI (`-c read -c list`); an array on the wire.
    pub capability: Vec<String>,
    /// Default `item-rule`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_type: Option<String>,
    /// Minutes until the rule expires; absent or 0 = never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<i64>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `POST /delete-role-rule` (PY `delete_role_rule.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct DeleteRoleRule {
    pub role_name: String,
    pub path: String,
    /// Default `item-rule`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_type: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/delete-role-rule` response (PY `delete_role_rule_output.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct DeleteRoleRuleOutput {
    #[serde(default)]
    pub deleted: bool,
    #[serde(default)]
    pub result: String,
}

/// `/set-role-rule` answers an untyped object; akl echoes what it stored.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SetRoleRuleOutput {
    pub role_name: String,
    pub rule: PathRule,
}

/// `POST /assoc-role-am` (PY `assoc_role_auth_method.py`). `sub-claims`
/// maps a claim to a comma-separated list of accepted values.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct AssocRoleAuthMethod {
    pub role_name: String,
    pub am_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_claims: Option<BTreeMap<String, String>>,
    /// `"true"` (default) or `"false"`: a string on the wire.
    #[serde(
        default,
        deserialize_with = "bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub case_sensitive: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/assoc-role-am` response (PY `create_role_auth_method_assoc_output.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CreateRoleAuthMethodAssocOutput {
    pub assoc_id: String,
}

/// `POST /update-assoc` (PY `update_assoc.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct UpdateAssoc {
    pub assoc_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_claims: Option<BTreeMap<String, String>>,
    #[serde(
        default,
        deserialize_with = "bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub case_sensitive: Option<String>,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `POST /delete-assoc`, `/describe-role-am-assoc` (PY
/// `delete_role_association.py`, `describe_assoc.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct AssocId {
    pub assoc_id: String,
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/update-assoc` and `/delete-assoc` answer an untyped object; akl
/// echoes the association id.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AssocIdOutput {
    pub assoc_id: String,
}

/// `/describe-role-am-assoc` response (PY `role_association_details.py`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct RoleAssociationDetails {
    pub assoc_id: String,
    #[serde(default)]
    pub role_name: String,
    #[serde(default)]
    pub auth_method_name: String,
    #[serde(default)]
    pub auth_method_sub_claims: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub sub_claims_case_sensitive: bool,
    #[serde(default)]
    pub is_subclaims_with_operator: bool,
}

/// `POST /describe-sub-claims`: the token only.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct DescribeSubClaims {
    #[serde(flatten)]
    pub session: SessionFields,
}

/// `/describe-sub-claims` response: every claim of the caller's own token
/// as a list of values.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct DescribeSubClaimsOutput {
    pub sub_claims: BTreeMap<String, Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quirky_request_keys() {
        let a: AssocRoleAuthMethod = serde_json::from_value(json!({
            "role-name": "r", "am-name": "m", "sub-claims": {"namespace": "a,b"},
            "case-sensitive": false, "token": "t-1"
        }))
        .unwrap();
        assert_eq!(a.case_sensitive.as_deref(), Some("false"));
        assert_eq!(a.sub_claims.unwrap()["namespace"], "a,b");
        let r: CreateRole =
            serde_json::from_value(json!({"name": "r", "delete_protection": true})).unwrap();
        assert_eq!(r.delete_protection.as_deref(), Some("true"));
        let v = serde_json::to_value(SetRoleRule {
            role_name: "r".into(),
            path: "/a/*".into(),
            capability: vec!["read".into()],
            ..Default::default()
        })
        .unwrap();
        assert_eq!(v["role-name"], "r");
        assert_eq!(v["capability"], json!(["read"]));
    }

    #[test]
    fn response_keys_follow_the_sdk_models() {
        let v = serde_json::to_value(Role {
            role_name: "r".into(),
            rules: Rules {
                admin: false,
                path_rules: vec![PathRule {
                    path: "/a".into(),
                    capabilities: vec!["read".into()],
                    rule_type: "item-rule".into(),
                    ttl: 0,
                    start_time: 1,
                }],
            },
            ..Default::default()
        })
        .unwrap();
        assert_eq!(v["rules"]["path_rules"][0]["type"], "item-rule");
        assert!(v.get("role_auth_methods_assoc").is_some());
        assert!(
            v.get("description").is_none(),
            "the description is `comment`"
        );
        let a = serde_json::to_value(AuthMethodRoleAssociation::default()).unwrap();
        assert!(a.get("is_sub_claims_case_sensitive").is_some());
        let r = serde_json::to_value(RoleAuthMethodAssociation::default()).unwrap();
        assert!(r.get("sub_claims_case_sensitive").is_some());
        assert!(r["auth_method_id"].is_i64());
    }
}
