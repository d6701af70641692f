//! OAuth2/JWT auth methods (next-anchors §1.1-1.2) in both spellings:
//! `create-auth-method-oauth2` (200, `{access_id}`) and
//! `auth-method create oauth2` (201, `AuthMethodCreateOutput`), and their
//! updates. Get, list and delete are the common auth-method commands.

use anyhow::{Result, bail};

use super::auth_method::{Mode, Spelling};
use super::session::{Ctx, bool_string, list, text, typed};
use crate::cli::{AuthMethodOAuth2Args, GlobalArgs, UpdateAuthMethodOAuth2Args};
use crate::gateway::api::{self, commands};
use crate::output::CommandOutput;

/// The create/update body the flags describe. The gateway checks the key
/// source as a whole (it may combine stored and new fields on update);
/// what the flags alone get wrong is refused here.
pub fn build_request(args: &AuthMethodOAuth2Args, mode: Mode) -> Result<api::AuthMethodOAuth2> {
    let name = args.name.trim();
    if name.is_empty() {
        bail!("--name is empty; pass the auth method name");
    }
    let unique_identifier = text(&args.unique_identifier);
    if mode == Mode::Create && unique_identifier.is_none() {
        bail!(
            "--unique-identifier is missing; pass the name of the claim that tells identities apart (e.g. sub or email)"
        );
    }
    let jwks_uri = text(&args.jwks_uri);
    let jwks_json_data = text(&args.jwks_json_data);
    if jwks_uri.is_some() && jwks_json_data.is_some() {
        bail!("--jwks-uri and --jwks-json-data exclude each other; pass one");
    }
    if mode == Mode::Create
        && jwks_uri.is_none()
        && jwks_json_data.is_none()
        && text(&args.issuer).is_none()
    {
        bail!(
            "pass --jwks-uri URL or --jwks-json-data BASE64 (or --issuer alone for OIDC discovery)"
        );
    }
    if let Some(u) = &jwks_uri
        && !u.starts_with("https://")
    {
        bail!("--jwks-uri '{u}' is not an https:// URL; the keys must be fetched over HTTPS");
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
    let delimiters: Vec<String> = args
        .subclaims_delimiters
        .iter()
        .filter(|d| !d.is_empty())
        .cloned()
        .collect();
    Ok(api::AuthMethodOAuth2 {
        name: name.to_owned(),
        unique_identifier,
        jwks_uri,
        jwks_json_data,
        issuer: text(&args.issuer),
        audience: text(&args.audience),
        bound_client_ids: list(&args.bound_client_ids),
        cert_file_data: text(&args.cert_file_data),
        force_sub_claims: args.force_sub_claims,
        subclaims_delimiters: (!delimiters.is_empty()).then_some(delimiters),
        audit_logs_claims: list(&args.audit_logs_claims),
        jwt_ttl: args.jwt_ttl,
        access_expires: args.access_expires,
        bound_ips: list(&args.bound_ips),
        gw_bound_ips: list(&args.gw_bound_ips),
        allowed_client_type: list(&args.allowed_client_type),
        product_type: list(&args.product_type),
        expiration_event_in: list(&args.expiration_event_in),
        delete_protection: args.delete_protection.map(bool_string),
        description: args.description.clone(),
        ..Default::default()
    })
}

/// `create-auth-method-oauth2` / `auth-method create oauth2`.
pub async fn create(
    global: &GlobalArgs,
    args: &AuthMethodOAuth2Args,
    spelling: Spelling,
) -> Result<CommandOutput> {
    let req = build_request(args, Mode::Create)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    let command = match spelling {
        Spelling::Legacy => commands::CREATE_AUTH_METHOD_OAUTH2,
        Spelling::Current => commands::AUTH_METHOD_CREATE_OAUTH2,
    };
    let v = ctx.call(command, &req).await?;
    let out: api::CreateAuthMethodOAuth2Output = typed(&v, command)?;
    Ok(CommandOutput::new(
        v,
        format!("Access ID: {}", out.access_id),
    ))
}

/// `update-auth-method-oauth2` / `auth-method update oauth2`.
pub async fn update(
    global: &GlobalArgs,
    args: &UpdateAuthMethodOAuth2Args,
    spelling: Spelling,
) -> Result<CommandOutput> {
    let mut req = build_request(&args.oauth2, Mode::Update)?;
    if let Some(n) = &args.new_name {
        let n = n.trim();
        if n.is_empty() {
            bail!("--new-name is empty; pass the new name or drop the flag");
        }
        req.new_name = Some(n.to_owned());
    }
    let ctx = Ctx::new(global, &args.oauth2.gateway)?;
    let command = match spelling {
        Spelling::Legacy => commands::UPDATE_AUTH_METHOD_OAUTH2,
        Spelling::Current => commands::AUTH_METHOD_UPDATE_OAUTH2,
    };
    Ok(CommandOutput::json_only(ctx.call(command, &req).await?))
}
