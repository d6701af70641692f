//! Access roles, rules and associations: `create-role`, `update-role`,
//! `get-role`, `list-roles`, `delete-role`, `set-role-rule`,
//! `delete-role-rule`, `assoc-role-am`, `update-assoc`, `delete-assoc`,
//! `describe-role-am-assoc`, `describe-sub-claims`.
//!
//! Obviously bad input (a sub-claim without key or value, an unknown
//! capability or rule type, a rule path without its leading `/`) is refused
//! here, naming the flag, before anything is sent.

use std::collections::BTreeMap;

use anyhow::{Result, bail};

use super::session::{Ctx, bool_string, text};
use crate::cli::{
    AssocIdArgs, AssocRoleAmArgs, CreateRoleArgs, DeleteRoleRuleArgs, DescribeSubClaimsArgs,
    GlobalArgs, ListRolesArgs, RoleNameArgs, SetRoleRuleArgs, UpdateAssocArgs, UpdateRoleArgs,
};
use crate::gateway::api::{self, SessionFields, commands};
use crate::output::CommandOutput;

/// Rule types akeyless knows (PY `set_role_rule.py`, `delete_role_rule.py`).
pub const RULE_TYPES: &[&str] = &[
    "item-rule",
    "target-rule",
    "role-rule",
    "auth-method-rule",
    "search-rule",
    "reports-rule",
    "gw-reports-rule",
    "sra-reports-rule",
    "ara-reports-rule",
    "usage-reports-rule",
    "event-rule",
    "event-forwarder-rule",
    "reverse-rbac-rule",
    "sra-rule",
    "ara-rule",
];

/// Capabilities of item, role, target and auth-method rules (reference §3).
pub const CAPABILITIES: &[&str] = &["read", "list", "create", "update", "delete", "deny"];

/// Capabilities of `sra-rule` as the CLI spells them (reference §3).
pub const SRA_CAPABILITIES: &[&str] = &[
    "allow_access",
    "request_access",
    "justify_access_only",
    "approval_authority",
    "upload_files",
    "download_files",
];

fn nonempty(v: &str, flag: &str) -> Result<String> {
    let t = v.trim();
    if t.is_empty() {
        bail!("{flag} must not be empty");
    }
    Ok(t.to_owned())
}

/// `--rule-type`, checked against the types akeyless knows.
pub fn rule_type(v: &str) -> Result<String> {
    let t = v.trim().to_ascii_lowercase();
    if !RULE_TYPES.contains(&t.as_str()) {
        bail!(
            "--rule-type '{}' is unknown; use one of {}",
            v.trim(),
            RULE_TYPES.join(", ")
        );
    }
    Ok(t)
}

/// `-c/--capability` values, checked for the rule type; repeats dropped.
pub fn capabilities(values: &[String], rule_type: &str) -> Result<Vec<String>> {
    let known = if rule_type == "sra-rule" {
        SRA_CAPABILITIES
    } else {
        CAPABILITIES
    };
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let c = v.trim().to_ascii_lowercase();
        if c.is_empty() {
            bail!(
                "--capability must not be empty; use one of {}",
                known.join(", ")
            );
        }
        if !known.contains(&c.as_str()) {
            bail!(
                "--capability '{}' is unknown for {rule_type}; use one of {}",
                v.trim(),
                known.join(", ")
            );
        }
        if !out.contains(&c) {
            out.push(c);
        }
    }
    if out.is_empty() {
        bail!("pass at least one -c/--capability ({})", known.join(", "));
    }
    Ok(out)
}

/// `-p/--path`: must start with `/` (`/folder/*`, `/k8s/{{namespace}}/*`).
pub fn rule_path(v: &str) -> Result<String> {
    let p = v.trim();
    if p.is_empty() {
        bail!("--path must not be empty; e.g. --path '/k8s/{{{{namespace}}}}/*'");
    }
    if !p.starts_with('/') {
        bail!("--path '{p}' must start with '/', e.g. --path '/{p}'");
    }
    Ok(p.to_owned())
}

/// `-s/--sub-claims key=v1,v2` (repeated once per key) as the wire's map
/// of a key to its comma-separated values.
pub fn sub_claims(values: &[String]) -> Result<Option<BTreeMap<String, String>>> {
    let mut map = BTreeMap::new();
    for raw in values {
        let Some((k, v)) = raw.split_once('=') else {
            bail!("--sub-claims '{raw}' is not key=value1,value2");
        };
        let key = k.trim();
        if key.is_empty() {
            bail!("--sub-claims '{raw}' has no key; use key=value1,value2");
        }
        let vals: Vec<&str> = v.split(',').map(str::trim).collect();
        if vals.iter().all(|s| s.is_empty()) {
            bail!("--sub-claims '{raw}' has no value; use {key}=value1,value2");
        }
        if vals.iter().any(|s| s.is_empty()) {
            bail!("--sub-claims '{raw}' has an empty value between commas");
        }
        if map.insert(key.to_owned(), vals.join(",")).is_some() {
            bail!("--sub-claims key '{key}' is given twice; list its values once: {key}=v1,v2");
        }
    }
    Ok((!map.is_empty()).then_some(map))
}

/// `create-role`.
pub async fn create(global: &GlobalArgs, args: &CreateRoleArgs) -> Result<CommandOutput> {
    let name = nonempty(&args.name, "--name")?;
    let req = api::CreateRole {
        name: name.clone(),
        description: text(&args.description),
        comment: None,
        delete_protection: args.delete_protection.map(bool_string),
        session: SessionFields::default(),
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    let v = ctx.call(commands::CREATE_ROLE, &req).await?;
    Ok(CommandOutput::new(
        v,
        format!("A new role named {name} was successfully created"),
    ))
}

/// `update-role`.
pub async fn update(global: &GlobalArgs, args: &UpdateRoleArgs) -> Result<CommandOutput> {
    let req = api::UpdateRole {
        name: nonempty(&args.name, "--name")?,
        new_name: match &args.new_name {
            Some(n) => Some(nonempty(n, "--new-name")?),
            None => None,
        },
        description: args.description.clone(),
        new_comment: None,
        delete_protection: args.delete_protection.map(bool_string),
        session: SessionFields::default(),
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::UPDATE_ROLE, &req).await?,
    ))
}

fn role_name(args: &RoleNameArgs) -> Result<api::RoleName> {
    Ok(api::RoleName {
        name: nonempty(&args.name, "--name")?,
        session: SessionFields::default(),
    })
}

/// `get-role`.
pub async fn get(global: &GlobalArgs, args: &RoleNameArgs) -> Result<CommandOutput> {
    let req = role_name(args)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::GET_ROLE, &req).await?,
    ))
}

/// `list-roles`.
pub async fn list(global: &GlobalArgs, args: &ListRolesArgs) -> Result<CommandOutput> {
    let req = api::ListRoles {
        filter: text(&args.filter),
        pagination_token: text(&args.pagination_token),
        session: SessionFields::default(),
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::LIST_ROLES, &req).await?,
    ))
}

/// `delete-role`.
pub async fn delete(global: &GlobalArgs, args: &RoleNameArgs) -> Result<CommandOutput> {
    let req = role_name(args)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::DELETE_ROLE, &req).await?,
    ))
}

/// The `/set-role-rule` body the flags describe.
pub fn set_rule_request(args: &SetRoleRuleArgs) -> Result<api::SetRoleRule> {
    let role_name = nonempty(&args.role_name, "--role-name")?;
    let path = rule_path(&args.path)?;
    let rule_type = rule_type(&args.rule_type)?;
    let capability = capabilities(&args.capability, &rule_type)?;
    if let Some(ttl) = args.ttl
        && ttl < 0
    {
        bail!("--ttl {ttl} is negative; give minutes until the rule expires, or leave it out");
    }
    Ok(api::SetRoleRule {
        role_name,
        path,
        capability,
        rule_type: Some(rule_type),
        ttl: args.ttl.filter(|t| *t > 0),
        session: SessionFields::default(),
    })
}

/// `set-role-rule`.
pub async fn set_rule(global: &GlobalArgs, args: &SetRoleRuleArgs) -> Result<CommandOutput> {
    let req = set_rule_request(args)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::SET_ROLE_RULE, &req).await?,
    ))
}

/// `delete-role-rule`.
pub async fn delete_rule(global: &GlobalArgs, args: &DeleteRoleRuleArgs) -> Result<CommandOutput> {
    let req = api::DeleteRoleRule {
        role_name: nonempty(&args.role_name, "--role-name")?,
        path: rule_path(&args.path)?,
        rule_type: Some(rule_type(&args.rule_type)?),
        session: SessionFields::default(),
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::DELETE_ROLE_RULE, &req).await?,
    ))
}

/// `assoc-role-am`.
pub async fn assoc(global: &GlobalArgs, args: &AssocRoleAmArgs) -> Result<CommandOutput> {
    let req = api::AssocRoleAuthMethod {
        role_name: nonempty(&args.role_name, "--role-name")?,
        am_name: nonempty(&args.am_name, "--am-name")?,
        sub_claims: sub_claims(&args.sub_claims)?,
        case_sensitive: args.case_sensitive.map(bool_string),
        session: SessionFields::default(),
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::ASSOC_ROLE_AM, &req).await?,
    ))
}

/// `update-assoc`.
pub async fn update_assoc(global: &GlobalArgs, args: &UpdateAssocArgs) -> Result<CommandOutput> {
    let req = api::UpdateAssoc {
        assoc_id: nonempty(&args.assoc_id, "--assoc-id")?,
        sub_claims: sub_claims(&args.sub_claims)?,
        case_sensitive: args.case_sensitive.map(bool_string),
        session: SessionFields::default(),
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::UPDATE_ASSOC, &req).await?,
    ))
}

fn assoc_id(args: &AssocIdArgs) -> Result<api::AssocId> {
    Ok(api::AssocId {
        assoc_id: nonempty(&args.assoc_id, "--assoc-id")?,
        session: SessionFields::default(),
    })
}

/// `delete-assoc`.
pub async fn delete_assoc(global: &GlobalArgs, args: &AssocIdArgs) -> Result<CommandOutput> {
    let req = assoc_id(args)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::DELETE_ASSOC, &req).await?,
    ))
}

/// `describe-role-am-assoc`.
pub async fn describe_assoc(global: &GlobalArgs, args: &AssocIdArgs) -> Result<CommandOutput> {
    let req = assoc_id(args)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::DESCRIBE_ROLE_AM_ASSOC, &req).await?,
    ))
}

/// `describe-sub-claims`: the claims recorded with the caller's own token.
pub async fn describe_sub_claims(
    global: &GlobalArgs,
    args: &DescribeSubClaimsArgs,
) -> Result<CommandOutput> {
    let req = api::DescribeSubClaims {
        session: SessionFields::default(),
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::DESCRIBE_SUB_CLAIMS, &req).await?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn sub_claims_need_a_key_and_a_value() {
        let m = sub_claims(&s(&["namespace=a, b", "pod_name=p"]))
            .unwrap()
            .unwrap();
        assert_eq!(m["namespace"], "a,b");
        assert_eq!(m["pod_name"], "p");
        assert_eq!(sub_claims(&[]).unwrap(), None);
        for bad in ["=v", "k=", "k", "k=a,,b", " =x"] {
            let e = sub_claims(&s(&[bad])).unwrap_err().to_string();
            assert!(e.starts_with("--sub-claims"), "{bad}: {e}");
        }
        let e = sub_claims(&s(&["k=a", "k=b"])).unwrap_err().to_string();
        assert!(e.contains("twice"), "{e}");
    }

    #[test]
    fn rules_are_checked_before_sending() {
        let args = SetRoleRuleArgs {
            role_name: "r".into(),
            path: "/k8s/{{namespace}}/*".into(),
            capability: s(&["read", "LIST", "read"]),
            rule_type: "item-rule".into(),
            ttl: Some(0),
            ..Default::default()
        };
        let req = set_rule_request(&args).unwrap();
        assert_eq!(req.capability, ["read", "list"]);
        assert_eq!(req.ttl, None);
        let v = serde_json::to_value(&req).unwrap();
        assert_eq!(v["role-name"], "r");
        assert_eq!(v["rule-type"], "item-rule");
        assert_eq!(v["capability"], serde_json::json!(["read", "list"]));

        let bad = |f: &dyn Fn(&mut SetRoleRuleArgs), flag: &str| {
            let mut a = args.clone();
            f(&mut a);
            let e = set_rule_request(&a).unwrap_err().to_string();
            assert!(e.starts_with(flag), "{e}");
        };
        bad(&|a| a.path = "k8s/*".into(), "--path");
        bad(&|a| a.capability = s(&["write"]), "--capability");
        bad(&|a| a.rule_type = "file-rule".into(), "--rule-type");
        bad(&|a| a.ttl = Some(-1), "--ttl");
    }
}
