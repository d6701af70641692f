//! Resolving a command's session: the profile it runs with (flags,
//! environment, settings) and its token (`--token`, the cache, or a fresh
//! `/auth` with the profile's access key).

use std::path::PathBuf;

use anyhow::{Result, anyhow, bail};

use crate::cli::GlobalArgs;
use crate::gateway::api::{self, AuthOutput};
use crate::gateway::client::{GatewayClient, Trust};

use super::store::{ProfileSource, Store, profile_env};
use super::{
    CachedToken, DEFAULT_PROFILE, EnvCredentials, NOT_AUTHENTICATED, PROFILE_ENV, Profile, now_unix,
};

/// Where a session token came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    /// `--token`.
    Flag,
    /// `~/.akeyless/.tmp_creds/<profile>`.
    Cache,
    /// A fresh `/auth` with the profile's access key.
    Fresh,
}

/// The profile a command runs with.
#[derive(Debug, Clone)]
pub struct ProfileContext {
    pub store: Store,
    pub name: String,
    pub source: ProfileSource,
    /// `None` when the file does not exist.
    pub profile: Option<Profile>,
}

impl ProfileContext {
    /// Resolves and reads the profile the global flags name. A profile named
    /// by `--profile`, the environment or the settings file must exist; the
    /// implicit `default` may be absent.
    /// The akeyless credential variables ([`EnvCredentials`]) are laid
    /// over the profile.
    pub fn load(global: &GlobalArgs) -> Result<ProfileContext> {
        let store = Store::open()?;
        let env = EnvCredentials::from_env()?;
        let mut ctx = ProfileContext::load_from(store, global.profile.as_deref())?;
        ctx.profile = env.overlay(ctx.profile.take());
        Ok(ctx)
    }

    /// [`ProfileContext::load`] with an explicit store.
    pub fn load_from(store: Store, flag: Option<&str>) -> Result<ProfileContext> {
        let (name, source) = store.default_profile(flag)?;
        let profile = store.read_profile(&name)?;
        if profile.is_none() && source != ProfileSource::Default {
            let how = match source {
                ProfileSource::Flag => "--profile",
                ProfileSource::Env => match profile_env() {
                    Some((PROFILE_ENV, _)) => "$AKEYLESS_PROFILE",
                    _ => "$AKEYLESS_DEFAULT_PROFILE",
                },
                _ => "default_profile in ~/.akeyless/settings",
            };
            bail!(
                "profile '{name}' (from {how}) does not exist at {}; create it with 'akl configure --profile {name} --access-id … --access-key …'",
                store.profile_path(&name).display()
            );
        }
        Ok(ProfileContext {
            store,
            name,
            source,
            profile,
        })
    }

    /// The profile's gateway URL, if set.
    pub fn gateway_url(&self) -> Option<&str> {
        self.profile
            .as_ref()
            .and_then(|p| p.gateway_url.as_deref())
            .filter(|s| !s.trim().is_empty())
    }
}

/// A resolved session token.
#[derive(Clone)]
pub struct Session {
    pub token: String,
    pub source: TokenSource,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("token", &"<hidden>")
            .field("source", &self.source)
            .finish()
    }
}

/// `POST auth` with the profile's access key; caches the answer.
pub async fn authenticate_with_profile(
    ctx: &ProfileContext,
    client: &GatewayClient,
) -> Result<String> {
    let profile = match &ctx.profile {
        Some(p) if p.has_access_key() => p,
        _ => bail!(NOT_AUTHENTICATED),
    };
    let access_id = profile.access_id.clone().unwrap_or_default();
    let req = api::Auth {
        access_id: Some(access_id.clone()),
        access_type: Some("access_key".to_owned()),
        access_key: profile.access_key.clone(),
        ..Default::default()
    };
    let out: AuthOutput = client.call(api::commands::AUTH, &req).await.map_err(|e| {
        anyhow!(
            "authentication with profile '{}' failed: {}",
            ctx.name,
            e.message
        )
    })?;
    if out.token.is_empty() {
        bail!(
            "authentication with profile '{}' failed: the gateway returned no token",
            ctx.name
        );
    }
    if let Some(cached) = CachedToken::from_auth_output(&out, &access_id) {
        // A cache that cannot be written only costs a later re-auth.
        let _ = ctx.store.write_cached_token(&ctx.name, &cached);
    }
    Ok(out.token)
}

/// `--token`, else the contents of `--token-file`; `None` when neither is given.
pub fn flag_token(global: &GlobalArgs) -> Result<Option<String>> {
    if let Some(path) = &global.token_file {
        return crate::fsutil::read_secret_file(path, "--token-file").map(Some);
    }
    match global.token.as_deref().map(str::trim) {
        Some("") => bail!("--token is empty; pass the t-… token printed by 'akl auth'"),
        Some(t) => Ok(Some(t.to_owned())),
        None => Ok(None),
    }
}

/// The session token for a management call: `--token`, else a cached token
/// valid for at least 60 more seconds, else a fresh `/auth` with the
/// profile's access key (cached), else the [`NOT_AUTHENTICATED`] error.
pub async fn resolve_session(
    global: &GlobalArgs,
    ctx: &ProfileContext,
    client: &GatewayClient,
) -> Result<Session> {
    if let Some(token) = flag_token(global)? {
        return Ok(Session {
            token,
            source: TokenSource::Flag,
        });
    }
    if let Some(cached) = ctx
        .store
        .usable_cached_token(&ctx.name, ctx.profile.as_ref(), now_unix())
    {
        return Ok(Session {
            token: cached.token,
            source: TokenSource::Cache,
        });
    }
    let token = authenticate_with_profile(ctx, client).await?;
    Ok(Session {
        token,
        source: TokenSource::Fresh,
    })
}

/// The session token for the profile the global flags name, talking to
/// `gateway_url` when a fresh `/auth` is needed.
pub async fn resolve_token(
    global: &GlobalArgs,
    gateway_url: &str,
    trust: &Trust,
) -> Result<String> {
    if global.token.is_some() || global.token_file.is_some() {
        let ctx = ProfileContext {
            store: Store::at(PathBuf::new()),
            name: DEFAULT_PROFILE.to_owned(),
            source: ProfileSource::Default,
            profile: None,
        };
        let client = GatewayClient::new(gateway_url, trust)?;
        return Ok(resolve_session(global, &ctx, &client).await?.token);
    }
    let ctx = ProfileContext::load(global)?;
    let client = GatewayClient::new(gateway_url, trust)?;
    Ok(resolve_session(global, &ctx, &client).await?.token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::tests::store;

    #[test]
    fn named_profiles_must_exist() {
        let (_d, s) = store();
        let err = ProfileContext::load_from(s.clone(), Some("nope"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("'nope'") && err.contains("akl configure"),
            "{err}"
        );
        let ctx = ProfileContext::load_from(s, None).unwrap();
        assert_eq!(ctx.name, "default");
        assert!(ctx.profile.is_none());
    }
}
