//! Access roles, their rules and their associations with auth methods
//! (akeyless-roles-secrets.md §1–§3, §5): `create-role`, `set-role-rule`,
//! `assoc-role-am`, `describe-sub-claims`, …

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args};

use super::GatewayArgs;

/// `create-role` (reference §1).
#[derive(Debug, Args, Clone, Default)]
pub struct CreateRoleArgs {
    /// Role name, may include a /folder/ path
    #[arg(short = 'n', long)]
    pub name: String,

    /// Description of the role
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,

    /// Protect the role from deletion (`--delete-protection[=true]`)
    #[arg(
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = BoolishValueParser::new(),
        value_name = "BOOL"
    )]
    pub delete_protection: Option<bool>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `update-role` (reference §1).
#[derive(Debug, Args, Clone, Default)]
pub struct UpdateRoleArgs {
    /// Role name
    #[arg(short = 'n', long)]
    pub name: String,

    /// New role name
    #[arg(long, value_name = "NAME")]
    pub new_name: Option<String>,

    /// New description of the role
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,

    /// Protect the role from deletion (`--delete-protection[=true]`)
    #[arg(
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = BoolishValueParser::new(),
        value_name = "BOOL"
    )]
    pub delete_protection: Option<bool>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// A role by name (`get-role`, `delete-role`).
#[derive(Debug, Args, Clone, Default)]
pub struct RoleNameArgs {
    /// Role name
    #[arg(short = 'n', long)]
    pub name: String,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `list-roles`.
#[derive(Debug, Args, Clone, Default)]
pub struct ListRolesArgs {
    /// Only roles whose name contains this text
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,

    /// Next page token, from the previous answer's next_page
    #[arg(long, value_name = "TOKEN")]
    pub pagination_token: Option<String>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `set-role-rule` (reference §3).
#[derive(Debug, Args, Clone, Default)]
pub struct SetRoleRuleArgs {
    /// Role name
    #[arg(short = 'r', long)]
    pub role_name: String,

    /// Path the rule covers: /exact/name, /prefix*, /folder/*, /k8s/{{namespace}}/*
    #[arg(short = 'p', long)]
    pub path: String,

    /// Capability: read, list, create, update, delete or deny; repeat for several
    #[arg(short = 'c', long, value_name = "CAP", required = true)]
    pub capability: Vec<String>,

    /// Rule type: item-rule, role-rule, auth-method-rule, …
    #[arg(long, default_value = "item-rule", value_name = "TYPE")]
    pub rule_type: String,

    /// Minutes until the rule expires [default: never]
    #[arg(long, value_name = "MINUTES")]
    pub ttl: Option<i64>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `delete-role-rule` (reference §3).
#[derive(Debug, Args, Clone, Default)]
pub struct DeleteRoleRuleArgs {
    /// Role name
    #[arg(short = 'r', long)]
    pub role_name: String,

    /// Path of the rule
    #[arg(short = 'p', long)]
    pub path: String,

    /// Rule type
    #[arg(long, default_value = "item-rule", value_name = "TYPE")]
    pub rule_type: String,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `assoc-role-am` (reference §2).
#[derive(Debug, Args, Clone, Default)]
pub struct AssocRoleAmArgs {
    /// Role name
    #[arg(short = 'r', long)]
    pub role_name: String,

    /// Auth method name
    #[arg(short = 'a', long)]
    pub am_name: String,

    /// Sub-claim the token must carry, key=value1,value2; repeat once per key
    #[arg(short = 's', long, value_name = "KEY=VALUES")]
    pub sub_claims: Vec<String>,

    /// Compare sub-claims case-sensitively (`--case-sensitive[=true]`) [default: true]
    #[arg(
        short = 'c',
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = BoolishValueParser::new(),
        value_name = "BOOL"
    )]
    pub case_sensitive: Option<bool>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `update-assoc` (reference §2; `-a` is the association id here).
#[derive(Debug, Args, Clone, Default)]
pub struct UpdateAssocArgs {
    /// Association id (from assoc-role-am or get-role)
    #[arg(short = 'a', long)]
    pub assoc_id: String,

    /// Sub-claim the token must carry, key=value1,value2; repeat once per key
    #[arg(short = 's', long, value_name = "KEY=VALUES")]
    pub sub_claims: Vec<String>,

    /// Compare sub-claims case-sensitively (`--case-sensitive[=true]`) [default: true]
    #[arg(
        short = 'c',
        long,
        action = ArgAction::Set,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_parser = BoolishValueParser::new(),
        value_name = "BOOL"
    )]
    pub case_sensitive: Option<bool>,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// An association by id (`delete-assoc`, `describe-role-am-assoc`).
#[derive(Debug, Args, Clone, Default)]
pub struct AssocIdArgs {
    /// Association id
    #[arg(long)]
    pub assoc_id: String,

    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// `describe-sub-claims`: the caller's own token only.
#[derive(Debug, Args, Clone, Default)]
pub struct DescribeSubClaimsArgs {
    #[command(flatten)]
    pub gateway: GatewayArgs,
}

#[cfg(test)]
mod tests {
    use crate::cli::{Cli, Command};
    use clap::Parser;

    #[test]
    fn repeatable_flags_and_akeyless_spellings() {
        let cli = Cli::try_parse_from([
            "akl",
            "set-role-rule",
            "-r",
            "reader",
            "-p",
            "/k8s/{{namespace}}/*",
            "-c",
            "read",
            "--capability",
            "list",
        ])
        .unwrap();
        let Command::SetRoleRule(a) = cli.command else {
            panic!()
        };
        assert_eq!(a.capability, ["read", "list"]);
        assert_eq!(a.rule_type, "item-rule");

        let cli = Cli::try_parse_from([
            "akl",
            "assoc-role-am",
            "-r",
            "reader",
            "-a",
            "am",
            "--sub-claims",
            "namespace=a,b",
            "-s",
            "pod_name=p",
            "-c=false",
        ])
        .unwrap();
        let Command::AssocRoleAm(a) = cli.command else {
            panic!()
        };
        assert_eq!(a.sub_claims, ["namespace=a,b", "pod_name=p"]);
        assert_eq!(a.case_sensitive, Some(false));

        let cli = Cli::try_parse_from([
            "akl",
            "get-secret-value",
            "-n",
            "/a",
            "-n",
            "b",
            "--version=-2",
        ])
        .unwrap();
        let Command::GetSecretValue(a) = cli.command else {
            panic!()
        };
        assert_eq!(a.name, ["/a", "b"]);
        assert_eq!(a.version, Some(-2));

        let cli =
            Cli::try_parse_from(["akl", "delete-item", "-n", "/a", "--version", "-1"]).unwrap();
        let Command::DeleteItem(a) = cli.command else {
            panic!()
        };
        assert_eq!(a.version, -1);

        // -v and --value-file are one or the other, and one is required.
        assert!(Cli::try_parse_from(["akl", "create-secret", "-n", "/s"]).is_err());
        assert!(
            Cli::try_parse_from([
                "akl",
                "create-secret",
                "-n",
                "/s",
                "-v",
                "x",
                "--value-file",
                "-"
            ])
            .is_err()
        );
    }
}
