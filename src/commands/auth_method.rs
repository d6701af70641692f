//! K8s auth methods (reference §2), in both spellings: the deprecated
//! `create-auth-method-k8s` family and `auth-method create k8s`. Both send
//! the same body; only the command name and the answer's shape differ.

use anyhow::{Result, anyhow, bail};

use super::session::{Ctx, bool_string, list, text, typed};
use crate::cli::{
    AuthMethodK8sArgs, AuthMethodNameArgs, GlobalArgs, ListAuthMethodsArgs, UpdateAuthMethodK8sArgs,
};
use crate::gateway::api::{self, commands};
use crate::output::CommandOutput;

/// Which spelling the user typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// `create-auth-method-k8s`, `get-auth-method`, …
    Legacy,
    /// `auth-method create k8s`, `auth-method get`, …
    Current,
}

/// Create or update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Create,
    Update,
}

/// The create/update body the flags describe (no session fields).
/// `gen-key` defaults to `"true"` on create (`"false"` when a public key is
/// given) and is absent on update unless passed.
pub fn build_request(args: &AuthMethodK8sArgs, mode: Mode) -> Result<api::AuthMethodK8s> {
    let name = args.name.trim();
    if name.is_empty() {
        bail!("--name is empty; pass the auth method name");
    }
    let public_key = match (&args.public_key, &args.public_key_file_path) {
        (Some(k), _) => Some(
            text(&Some(k.clone()))
                .ok_or_else(|| anyhow!("--public-key is empty; pass a base64 or PEM RSA key"))?,
        ),
        (None, Some(path)) => {
            let k = crate::fsutil::read_limited_string(
                path,
                crate::fsutil::PEM_LIMIT,
                "--public-key-file-path",
            )?;
            let k = k.trim();
            if k.is_empty() {
                bail!("--public-key-file-path {} is empty", path.display());
            }
            Some(k.to_owned())
        }
        (None, None) => None,
    };
    let gen_key = match (args.gen_key, mode) {
        (Some(v), _) => Some(v),
        (None, Mode::Create) => Some(public_key.is_none()),
        (None, Mode::Update) => None,
    };
    if gen_key == Some(true) && public_key.is_some() {
        bail!(
            "--gen-key=true and a public key exclude each other; pass --gen-key=false with --public-key"
        );
    }
    if mode == Mode::Create && gen_key == Some(false) && public_key.is_none() {
        bail!("--gen-key=false needs a public key; pass --public-key or -p FILE");
    }
    for (flag, v) in [
        ("--access-expires", args.access_expires),
        ("--jwt-ttl", args.jwt_ttl),
    ] {
        if let Some(n) = v
            && n < 0
        {
            bail!("{flag} must not be negative (got {n})");
        }
    }
    Ok(api::AuthMethodK8s {
        name: name.to_owned(),
        new_name: None,
        access_expires: args.access_expires,
        audience: text(&args.audience),
        bound_namespaces: list(&args.bound_namespaces),
        bound_pod_names: list(&args.bound_pod_names),
        bound_sa_names: list(&args.bound_sa_names),
        bound_ips: list(&args.bound_ips),
        gw_bound_ips: list(&args.gw_bound_ips),
        gen_key: gen_key.map(bool_string),
        public_key,
        jwt_ttl: args.jwt_ttl,
        force_sub_claims: args.force_sub_claims,
        audit_logs_claims: list(&args.audit_logs_claims),
        allowed_client_type: list(&args.allowed_client_type),
        product_type: list(&args.product_type),
        expiration_event_in: list(&args.expiration_event_in),
        delete_protection: args.delete_protection.map(bool_string),
        description: args.description.clone(),
        session: Default::default(),
    })
}

/// The update body: the create flags plus `new-name`.
pub fn build_update_request(args: &UpdateAuthMethodK8sArgs) -> Result<api::AuthMethodK8s> {
    let mut req = build_request(&args.k8s, Mode::Update)?;
    if let Some(n) = &args.new_name {
        let n = n.trim();
        if n.is_empty() {
            bail!("--new-name is empty; pass the new name or drop the flag");
        }
        req.new_name = Some(n.to_owned());
    }
    Ok(req)
}

/// The list body.
pub fn build_list_request(args: &ListAuthMethodsArgs) -> api::ListAuthMethods {
    api::ListAuthMethods {
        filter: text(&args.filter),
        pagination_token: text(&args.pagination_token),
        types: list(&args.types),
        session: Default::default(),
    }
}

/// The get/delete body.
pub fn build_name_request(args: &AuthMethodNameArgs) -> Result<api::AuthMethodName> {
    let name = args.name.trim();
    if name.is_empty() {
        bail!("--name is empty; pass the auth method name");
    }
    Ok(api::AuthMethodName {
        name: name.to_owned(),
        session: Default::default(),
    })
}

fn created_text(access_id: &str, prv_key: &str) -> String {
    let mut t = format!("Access ID: {access_id}");
    if !prv_key.is_empty() {
        t.push_str(&format!(
            "\nPrivate key (base64 PEM, shown once): {prv_key}"
        ));
    }
    t
}

/// The gateway's non-fatal findings, one `Warning:` line each on stderr.
fn print_warnings(warnings: &[String]) {
    for w in warnings {
        eprintln!("Warning: {}", w.replace('\n', " "));
    }
}

/// `create-auth-method-k8s` / `auth-method create k8s`.
pub async fn create(
    global: &GlobalArgs,
    args: &AuthMethodK8sArgs,
    spelling: Spelling,
) -> Result<CommandOutput> {
    let req = build_request(args, Mode::Create)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    match spelling {
        Spelling::Legacy => {
            let v = ctx.call(commands::CREATE_AUTH_METHOD_K8S, &req).await?;
            let out: api::CreateAuthMethodK8sOutput = typed(&v, commands::CREATE_AUTH_METHOD_K8S)?;
            print_warnings(&out.warnings);
            Ok(CommandOutput::new(
                v,
                created_text(&out.access_id, &out.prv_key),
            ))
        }
        Spelling::Current => {
            let v = ctx.call(commands::AUTH_METHOD_CREATE_K8S, &req).await?;
            let out: api::AuthMethodCreateOutput = typed(&v, commands::AUTH_METHOD_CREATE_K8S)?;
            print_warnings(&out.warnings);
            Ok(CommandOutput::new(
                v,
                created_text(&out.access_id, &out.prv_key),
            ))
        }
    }
}

/// `update-auth-method-k8s` / `auth-method update k8s`.
pub async fn update(
    global: &GlobalArgs,
    args: &UpdateAuthMethodK8sArgs,
    spelling: Spelling,
) -> Result<CommandOutput> {
    let req = build_update_request(args)?;
    let ctx = Ctx::new(global, &args.k8s.gateway)?;
    let command = match spelling {
        Spelling::Legacy => commands::UPDATE_AUTH_METHOD_K8S,
        Spelling::Current => commands::AUTH_METHOD_UPDATE_K8S,
    };
    let v = ctx.call(command, &req).await?;
    Ok(CommandOutput::json_only(v))
}

/// `get-auth-method` / `auth-method get`.
pub async fn get(
    global: &GlobalArgs,
    args: &AuthMethodNameArgs,
    spelling: Spelling,
) -> Result<CommandOutput> {
    let req = build_name_request(args)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    let command = match spelling {
        Spelling::Legacy => commands::GET_AUTH_METHOD,
        Spelling::Current => commands::AUTH_METHOD_GET,
    };
    Ok(CommandOutput::json_only(ctx.call(command, &req).await?))
}

/// `list-auth-methods` / `auth-method list`.
pub async fn list_methods(
    global: &GlobalArgs,
    args: &ListAuthMethodsArgs,
    spelling: Spelling,
) -> Result<CommandOutput> {
    let req = build_list_request(args);
    let ctx = Ctx::new(global, &args.gateway)?;
    let command = match spelling {
        Spelling::Legacy => commands::LIST_AUTH_METHODS,
        Spelling::Current => commands::AUTH_METHOD_LIST,
    };
    Ok(CommandOutput::json_only(ctx.call(command, &req).await?))
}

/// `delete-auth-method` / `auth-method delete`.
pub async fn delete(
    global: &GlobalArgs,
    args: &AuthMethodNameArgs,
    spelling: Spelling,
) -> Result<CommandOutput> {
    let req = build_name_request(args)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    let command = match spelling {
        Spelling::Legacy => commands::DELETE_AUTH_METHOD,
        Spelling::Current => commands::AUTH_METHOD_DELETE,
    };
    Ok(CommandOutput::json_only(ctx.call(command, &req).await?))
}
