//! akeyless CLI profiles and cached session tokens (reference §5).
//!
//! - Profiles live in `~/.akeyless/profiles/<name>.toml`, one TOML table
//!   named after the profile (`["default"]`), keys spelled like the `auth`
//!   flags (`access_id`, `access_key`, `access_type`, `gateway_url`).
//! - The default profile is `--profile`, else `$AKEYLESS_DEFAULT_PROFILE`,
//!   else `default_profile` in `~/.akeyless/settings`, else `default`.
//! - Session tokens are cached in `~/.akeyless/.tmp_creds/<profile>` as JSON
//!   `{access_id, token, expiry}` (unix seconds), mode 0600.
//!
//! Directories are 0700 and files 0600; every write goes to a temporary
//! file in the same directory and is renamed into place.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, anyhow, bail};
use serde::{Deserialize, Serialize};

use crate::cli::GlobalArgs;
use crate::gateway::api::{self, AuthOutput};
use crate::gateway::client::{GatewayClient, Trust};

/// Environment variable naming the default profile.
pub const DEFAULT_PROFILE_ENV: &str = "AKEYLESS_DEFAULT_PROFILE";

/// Environment variable naming the profile to use; wins over
/// [`DEFAULT_PROFILE_ENV`], loses to `--profile`.
pub const PROFILE_ENV: &str = "AKEYLESS_PROFILE";

/// The akeyless CLI's credential variables. They win over the profile's
/// keys and lose to the flags, so secrets can stay out of `ps`.
pub const ACCESS_ID_ENV: &str = "AKEYLESS_ACCESS_ID";
pub const ACCESS_KEY_ENV: &str = "AKEYLESS_ACCESS_KEY";
pub const ACCESS_TYPE_ENV: &str = "AKEYLESS_ACCESS_TYPE";
pub const K8S_AUTH_CONF_NAME_ENV: &str = "AKEYLESS_K8S_AUTH_CONF_NAME";

/// Credentials from the environment ([`ACCESS_ID_ENV`] and friends).
#[derive(Clone, Default, PartialEq)]
pub struct EnvCredentials {
    pub access_id: Option<String>,
    pub access_key: Option<String>,
    pub access_type: Option<String>,
    pub k8s_auth_config_name: Option<String>,
}

impl std::fmt::Debug for EnvCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnvCredentials")
            .field("access_id", &self.access_id)
            .field("access_key", &self.access_key.as_ref().map(|_| "<hidden>"))
            .field("access_type", &self.access_type)
            .field("k8s_auth_config_name", &self.k8s_auth_config_name)
            .finish()
    }
}

impl EnvCredentials {
    /// Reads the variables of this process; empty ones count as unset.
    pub fn from_env() -> Result<EnvCredentials> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads the variables through `get` (tests).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<EnvCredentials> {
        let var = |k: &str| {
            get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let access_type = var(ACCESS_TYPE_ENV);
        if let Some(t) = &access_type
            && !crate::cli::ACCESS_TYPES.contains(&t.as_str())
        {
            bail!("${ACCESS_TYPE_ENV} '{t}' is not supported; use access_key or k8s");
        }
        Ok(EnvCredentials {
            access_id: var(ACCESS_ID_ENV),
            access_key: var(ACCESS_KEY_ENV),
            access_type,
            k8s_auth_config_name: var(K8S_AUTH_CONF_NAME_ENV),
        })
    }

    /// The profile with the variables laid over it. When the variables name
    /// another access ID, the profile's key, type and config name (which
    /// belong to its own ID) are dropped.
    pub fn overlay(&self, profile: Option<Profile>) -> Option<Profile> {
        if *self == EnvCredentials::default() {
            return profile;
        }
        let mut p = profile.unwrap_or_default();
        if let Some(id) = &self.access_id
            && p.access_id.as_deref().map(str::trim) != Some(id.as_str())
        {
            p.access_id = Some(id.clone());
            p.access_key = None;
            p.access_type = None;
            p.k8s_auth_config_name = None;
        }
        if let Some(k) = &self.access_key {
            p.access_key = Some(k.clone());
        }
        if let Some(t) = &self.access_type {
            p.access_type = Some(t.clone());
        }
        if let Some(c) = &self.k8s_auth_config_name {
            p.k8s_auth_config_name = Some(c.clone());
        }
        Some(p)
    }
}

/// The profile used when nothing names one.
pub const DEFAULT_PROFILE: &str = "default";

/// A cached token must stay valid at least this long to be used.
pub const MIN_TOKEN_VALIDITY_SECS: i64 = 60;

/// The one-line error when no credentials are available.
pub const NOT_AUTHENTICATED: &str = "not authenticated: pass --token (from 'akl auth') or configure a profile with 'akl configure --profile default --access-id … --access-key …'";

/// One profile's settings. Unknown keys (`default_location_prefix`, …) are
/// ignored when reading.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k8s_auth_config_name: Option<String>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the access key.
        f.debug_struct("Profile")
            .field("access_id", &self.access_id)
            .field("access_key", &self.access_key.as_ref().map(|_| "<hidden>"))
            .field("access_type", &self.access_type)
            .field("gateway_url", &self.gateway_url)
            .field("k8s_auth_config_name", &self.k8s_auth_config_name)
            .finish()
    }
}

impl Profile {
    /// Whether the profile can authenticate by itself (access key).
    pub fn has_access_key(&self) -> bool {
        let set = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        set(&self.access_id)
            && set(&self.access_key)
            && self.access_type.as_deref().unwrap_or("access_key") == "access_key"
    }

    /// The TOML text: one table named after the profile, keys in a fixed order.
    pub fn to_toml(&self, name: &str) -> String {
        let q = |s: &str| toml::Value::String(s.to_owned()).to_string();
        let mut out = format!("[{}]\n", q(name));
        for (key, value) in [
            ("access_id", &self.access_id),
            ("access_key", &self.access_key),
            ("access_type", &self.access_type),
            ("gateway_url", &self.gateway_url),
            ("k8s_auth_config_name", &self.k8s_auth_config_name),
        ] {
            if let Some(v) = value {
                out.push_str(&format!("{key} = {}\n", q(v)));
            }
        }
        out
    }

    /// Parses a profile file: the table named `name`, else the only table,
    /// else the top-level keys.
    pub fn from_toml(name: &str, text: &str) -> Result<Profile> {
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            anyhow!(
                "not valid TOML: {}",
                e.message().lines().next().unwrap_or("")
            )
        })?;
        let tables: Vec<(&String, &toml::Value)> =
            table.iter().filter(|(_, v)| v.is_table()).collect();
        let value = match table.get(name) {
            Some(v) if v.is_table() => v.clone(),
            _ if tables.len() == 1 && table.len() == 1 => tables[0].1.clone(),
            _ if tables.is_empty() => toml::Value::Table(table.clone()),
            _ => bail!("it has no table named [\"{name}\"]"),
        };
        value
            .try_into()
            .map_err(|e: toml::de::Error| anyhow!("{}", e.message()))
    }
}

/// A cached session token.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedToken {
    #[serde(default)]
    pub access_id: String,
    pub token: String,
    /// Unix seconds.
    pub expiry: i64,
}

impl std::fmt::Debug for CachedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedToken")
            .field("access_id", &self.access_id)
            .field("token", &"<hidden>")
            .field("expiry", &self.expiry)
            .finish()
    }
}

impl CachedToken {
    /// Valid for at least [`MIN_TOKEN_VALIDITY_SECS`] more seconds after `now`.
    pub fn is_fresh(&self, now: i64) -> bool {
        !self.token.is_empty() && self.expiry - now >= MIN_TOKEN_VALIDITY_SECS
    }

    /// The token of an `/auth` answer with its expiry (`creds.expiry`, else
    /// the RFC 3339 `expiration`); `None` when the expiry is unknown.
    pub fn from_auth_output(out: &AuthOutput, access_id: &str) -> Option<CachedToken> {
        let expiry = if out.creds.expiry > 0 {
            out.creds.expiry
        } else {
            parse_rfc3339(&out.expiration)?
        };
        if out.token.is_empty() {
            return None;
        }
        Some(CachedToken {
            access_id: access_id.to_owned(),
            token: out.token.clone(),
            expiry,
        })
    }
}

/// Seconds since the epoch.
pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)` to unix seconds.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        if t.bytes().all(|c| c.is_ascii_digit()) {
            t.parse().ok()
        } else {
            None
        }
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if b[13] != b':' || b[16] != b':' || !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(r) = rest.strip_prefix('.') {
        let digits = r.bytes().take_while(|c| c.is_ascii_digit()).count();
        rest = &r[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let oh: i64 = rest.get(1..3)?.parse().ok()?;
            let om: i64 = rest.get(4..6)?.parse().ok()?;
            sign * (oh * 3600 + om * 60)
        }
        _ => return None,
    };
    // Days from civil (Howard Hinnant's algorithm).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

/// Checks that a profile name is usable as a file name.
pub fn validate_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && !name.starts_with('.')
        && name.len() <= 128
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !ok {
        bail!(
            "profile name '{name}' is not valid; use letters, digits, '-', '_' and '.' (not first)"
        );
    }
    Ok(())
}

/// The variable naming the profile and its value: [`PROFILE_ENV`], else
/// [`DEFAULT_PROFILE_ENV`]; empty values count as unset.
fn profile_env() -> Option<(&'static str, String)> {
    [PROFILE_ENV, DEFAULT_PROFILE_ENV]
        .into_iter()
        .find_map(|k| {
            std::env::var(k)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .map(|v| (k, v))
        })
}

/// How the profile name was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileSource {
    Flag,
    Env,
    Settings,
    Default,
}

/// The `~/.akeyless` directory and what is in it.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// `~/.akeyless` of the current user (`$HOME`).
    pub fn open() -> Result<Store> {
        let home =
            dirs::home_dir().ok_or_else(|| anyhow!("cannot find the home directory; set HOME"))?;
        Ok(Store::at(home.join(".akeyless")))
    }

    /// A store rooted elsewhere (tests).
    pub fn at(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn profiles_dir(&self) -> PathBuf {
        self.root.join("profiles")
    }

    pub fn creds_dir(&self) -> PathBuf {
        self.root.join(".tmp_creds")
    }

    pub fn settings_path(&self) -> PathBuf {
        self.root.join("settings")
    }

    pub fn profile_path(&self, name: &str) -> PathBuf {
        self.profiles_dir().join(format!("{name}.toml"))
    }

    pub fn token_path(&self, name: &str) -> PathBuf {
        self.creds_dir().join(name)
    }

    /// The default profile with an explicit environment value (for tests);
    /// see [`Store::default_profile`].
    pub fn default_profile_with(
        &self,
        flag: Option<&str>,
        env: Option<&str>,
    ) -> Result<(String, ProfileSource)> {
        if let Some(f) = flag.filter(|s| !s.is_empty()) {
            validate_name(f)?;
            return Ok((f.to_owned(), ProfileSource::Flag));
        }
        if let Some(e) = env.filter(|s| !s.trim().is_empty()) {
            let var = profile_env().map_or(DEFAULT_PROFILE_ENV, |(k, _)| k);
            validate_name(e.trim()).with_context(|| format!("${var}"))?;
            return Ok((e.trim().to_owned(), ProfileSource::Env));
        }
        if let Some(s) = self.settings_default_profile()? {
            return Ok((s, ProfileSource::Settings));
        }
        Ok((DEFAULT_PROFILE.to_owned(), ProfileSource::Default))
    }

    /// `--profile` > `$AKEYLESS_PROFILE` > `$AKEYLESS_DEFAULT_PROFILE` >
    /// `default_profile` in `~/.akeyless/settings` > `default`.
    pub fn default_profile(&self, flag: Option<&str>) -> Result<(String, ProfileSource)> {
        let env = profile_env().map(|(_, v)| v);
        self.default_profile_with(flag, env.as_deref())
    }

    /// `default_profile` from the settings file (top level or in any table).
    fn settings_default_profile(&self) -> Result<Option<String>> {
        let path = self.settings_path();
        let text = match read_text_if_exists(&path, "the settings file")? {
            Some(t) => t,
            None => return Ok(None),
        };
        let table: toml::Table = toml::from_str(&text).map_err(|e| {
            anyhow!(
                "{} is not valid TOML: {}",
                path.display(),
                e.message().lines().next().unwrap_or("")
            )
        })?;
        let found = table.get("default_profile").cloned().or_else(|| {
            table
                .values()
                .filter_map(|v| v.as_table())
                .find_map(|t| t.get("default_profile").cloned())
        });
        match found {
            None => Ok(None),
            Some(toml::Value::String(s)) if !s.trim().is_empty() => {
                validate_name(s.trim())
                    .with_context(|| format!("default_profile in {}", path.display()))?;
                Ok(Some(s.trim().to_owned()))
            }
            Some(_) => bail!(
                "default_profile in {} must be a non-empty string",
                path.display()
            ),
        }
    }

    /// Reads a profile; `None` when its file does not exist.
    pub fn read_profile(&self, name: &str) -> Result<Option<Profile>> {
        validate_name(name)?;
        let path = self.profile_path(name);
        let text = match read_text_if_exists(&path, "profile")? {
            Some(t) => t,
            None => return Ok(None),
        };
        Profile::from_toml(name, &text)
            .map(Some)
            .with_context(|| format!("profile {}", path.display()))
    }

    /// Writes a profile (0600, atomically); returns its path.
    pub fn write_profile(&self, name: &str, profile: &Profile) -> Result<PathBuf> {
        validate_name(name)?;
        ensure_private_dir(&self.root)?;
        ensure_private_dir(&self.profiles_dir())?;
        let path = self.profile_path(name);
        write_private_file(&path, profile.to_toml(name).as_bytes())?;
        Ok(path)
    }

    /// The cached token of a profile, fresh or not; `None` when absent or
    /// unreadable.
    pub fn read_cached_token(&self, name: &str) -> Option<CachedToken> {
        validate_name(name).ok()?;
        let text = crate::fsutil::read_limited(
            &self.token_path(name),
            crate::fsutil::SMALL_LIMIT,
            "cached token",
        )
        .ok()?;
        serde_json::from_slice(&text).ok()
    }

    /// Caches a token for a profile (0600, atomically).
    pub fn write_cached_token(&self, name: &str, token: &CachedToken) -> Result<()> {
        validate_name(name)?;
        ensure_private_dir(&self.root)?;
        ensure_private_dir(&self.creds_dir())?;
        let body = serde_json::to_vec(token)?;
        write_private_file(&self.token_path(name), &body)
    }

    /// Removes a profile's cached token, if any.
    pub fn drop_cached_token(&self, name: &str) {
        if validate_name(name).is_ok() {
            let _ = fs::remove_file(self.token_path(name));
        }
    }

    /// A cached token usable for `profile` at `now`: fresh, and issued to the
    /// profile's access ID when the profile names one.
    pub fn usable_cached_token(
        &self,
        name: &str,
        profile: Option<&Profile>,
        now: i64,
    ) -> Option<CachedToken> {
        let cached = self.read_cached_token(name)?;
        if !cached.is_fresh(now) {
            return None;
        }
        if let Some(id) = profile.and_then(|p| p.access_id.as_deref())
            && !cached.access_id.is_empty()
            && cached.access_id != id
        {
            return None;
        }
        Some(cached)
    }
}

/// A small text file (profile, settings), bounded; `None` when missing.
fn read_text_if_exists(path: &Path, what: &str) -> Result<Option<String>> {
    match crate::fsutil::read_limited_if_exists(path, crate::fsutil::SMALL_LIMIT, what)? {
        None => Ok(None),
        Some(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| anyhow!("{what} {} is not UTF-8 text", path.display())),
    }
}

/// Creates `dir` (and parents) and sets it to 0700 — with `fchmod` on the
/// directory opened without following links, so a link planted at `dir`
/// is refused instead of chmod'ing its target.
pub fn ensure_private_dir(dir: &Path) -> Result<()> {
    crate::no_follow::refuse_link(dir)?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let d = crate::no_follow::open_with(dir, OpenOptions::new().read(true), libc::O_DIRECTORY)?;
    d.set_permissions(fs::Permissions::from_mode(0o700))
        .with_context(|| format!("cannot set the mode of {}", dir.display()))?;
    Ok(())
}

/// Writes `contents` to `path` with mode 0600 through a temporary file in
/// the same directory and a rename.
pub fn write_private_file(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .ok_or_else(|| anyhow!("{} has no file name", path.display()))?
        .to_string_lossy();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    // The rename would replace a link rather than follow it, but a link
    // here was planted by someone else: refuse it.
    crate::no_follow::refuse_link(path)?;
    let tmp = dir.join(format!(".{file_name}.tmp-{}-{nanos}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
            .open(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        bail!("cannot write {}: {e}", path.display());
    }
    Ok(())
}

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

    #[test]
    fn env_credentials_win_over_the_profile_of_their_own_id_only() {
        let env = |pairs: &[(&str, &str)]| {
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            EnvCredentials::from_lookup(move |k| {
                pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
            })
        };
        let profile = Profile {
            access_id: Some("p-1".into()),
            access_key: Some("k1".into()),
            access_type: Some("access_key".into()),
            ..Default::default()
        };
        let none = env(&[("AKEYLESS_ACCESS_ID", " ")]).unwrap();
        assert_eq!(none.overlay(Some(profile.clone())), Some(profile.clone()));
        let key = env(&[("AKEYLESS_ACCESS_KEY", "k2")]).unwrap();
        let p = key.overlay(Some(profile.clone())).unwrap();
        assert_eq!(
            (p.access_id.as_deref(), p.access_key.as_deref()),
            (Some("p-1"), Some("k2"))
        );
        let other = env(&[("AKEYLESS_ACCESS_ID", "p-2")]).unwrap();
        let p = other.overlay(Some(profile.clone())).unwrap();
        assert_eq!((p.access_id.as_deref(), p.access_key), (Some("p-2"), None));
        let k8s = env(&[
            ("AKEYLESS_ACCESS_ID", "p-3"),
            ("AKEYLESS_ACCESS_TYPE", "k8s"),
            ("AKEYLESS_K8S_AUTH_CONF_NAME", "conf"),
        ])
        .unwrap();
        let p = k8s.overlay(None).unwrap();
        assert_eq!(p.k8s_auth_config_name.as_deref(), Some("conf"));
        assert!(!p.has_access_key());
        let err = env(&[("AKEYLESS_ACCESS_TYPE", "password")]).unwrap_err();
        assert!(err.to_string().contains("$AKEYLESS_ACCESS_TYPE"), "{err}");
        assert!(!format!("{key:?}").contains("k2"));
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join(".akeyless"));
        (dir, store)
    }

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    fn sample() -> Profile {
        Profile {
            access_id: Some("p-abc123".into()),
            access_key: Some("k\"ey=with \\ quotes".into()),
            access_type: Some("access_key".into()),
            gateway_url: Some("https://gw:8000".into()),
            k8s_auth_config_name: None,
        }
    }

    #[test]
    fn profile_round_trip_and_modes() {
        let (_d, s) = store();
        assert_eq!(s.read_profile("work").unwrap(), None);
        let path = s.write_profile("work", &sample()).unwrap();
        assert_eq!(path, s.root().join("profiles/work.toml"));
        assert_eq!(s.read_profile("work").unwrap(), Some(sample()));
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&s.profiles_dir()), 0o700);
        assert_eq!(mode(s.root()), 0o700);
        // No temporary files left behind.
        let names: Vec<_> = fs::read_dir(s.profiles_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        // Rewriting replaces the contents.
        let mut p = sample();
        p.gateway_url = None;
        s.write_profile("work", &p).unwrap();
        assert_eq!(s.read_profile("work").unwrap(), Some(p));
    }

    #[test]
    fn profile_file_is_one_table_named_after_the_profile() {
        let text = Profile {
            access_id: Some("p-1".into()),
            access_key: Some("k".into()),
            access_type: Some("access_key".into()),
            gateway_url: Some("https://gw:8000".into()),
            k8s_auth_config_name: None,
        }
        .to_toml("default");
        assert_eq!(
            text,
            "[\"default\"]\naccess_id = \"p-1\"\naccess_key = \"k\"\naccess_type = \"access_key\"\ngateway_url = \"https://gw:8000\"\n"
        );
        // akeyless-written files with extra keys and an unquoted table name.
        let p = Profile::from_toml(
            "default",
            "[default]\naccess_id = \"p-2\"\naccess_type = \"access_key\"\ndefault_location_prefix = \"/x\"\n",
        )
        .unwrap();
        assert_eq!(p.access_id.as_deref(), Some("p-2"));
        assert!(Profile::from_toml("a", "[b]\nx=1\n[c]\ny=2\n").is_err());
        assert!(Profile::from_toml("a", "not toml [").is_err());
    }

    #[test]
    fn debug_never_shows_the_access_key() {
        let s = format!("{:?}", sample());
        assert!(!s.contains("quotes"), "{s}");
        let t = CachedToken {
            access_id: "p".into(),
            token: "t-secret".into(),
            expiry: 1,
        };
        assert!(!format!("{t:?}").contains("t-secret"));
    }

    #[test]
    fn default_profile_precedence() {
        let (_d, s) = store();
        let name = |flag, env| s.default_profile_with(flag, env).unwrap();
        assert_eq!(name(None, None), ("default".into(), ProfileSource::Default));
        fs::create_dir_all(s.root()).unwrap();
        fs::write(s.settings_path(), "default_profile = \"fromsettings\"\n").unwrap();
        assert_eq!(
            name(None, None),
            ("fromsettings".into(), ProfileSource::Settings)
        );
        assert_eq!(
            name(None, Some("fromenv")),
            ("fromenv".into(), ProfileSource::Env)
        );
        assert_eq!(
            name(Some("fromflag"), Some("fromenv")),
            ("fromflag".into(), ProfileSource::Flag)
        );
        // An empty environment value does not count.
        assert_eq!(
            name(None, Some("")),
            ("fromsettings".into(), ProfileSource::Settings)
        );
        // default_profile inside a table also counts.
        fs::write(s.settings_path(), "[general]\ndefault_profile = \"t\"\n").unwrap();
        assert_eq!(name(None, None), ("t".into(), ProfileSource::Settings));
        fs::write(s.settings_path(), "default_profile = \"../etc\"\n").unwrap();
        assert!(s.default_profile_with(None, None).is_err());
        assert!(s.default_profile_with(Some("a/b"), None).is_err());
    }

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

    #[test]
    fn links_in_the_profile_dir_are_refused_and_their_targets_untouched() {
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("victim");
        fs::write(&target, "keep").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
        // A profile file, the token cache and the profiles dir itself.
        let (_d, s) = store();
        s.write_profile("work", &sample()).unwrap();
        let profile = s.root().join("profiles/other.toml");
        std::os::unix::fs::symlink(&target, &profile).unwrap();
        let e = s.write_profile("other", &sample()).unwrap_err().to_string();
        assert!(e.contains("is a symbolic link"), "{e}");
        let tok = CachedToken {
            access_id: "p-1".into(),
            token: "t-1".into(),
            expiry: 1,
        };
        s.write_cached_token("work", &tok).unwrap();
        let token = s.token_path("x");
        std::os::unix::fs::symlink(&target, &token).unwrap();
        let e = s.write_cached_token("x", &tok).unwrap_err().to_string();
        assert!(e.contains("is a symbolic link"), "{e}");
        let (_d2, s2) = store();
        fs::create_dir_all(s2.root()).unwrap();
        std::os::unix::fs::symlink(outside.path(), s2.profiles_dir()).unwrap();
        fs::set_permissions(outside.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let e = s2.write_profile("work", &sample()).unwrap_err().to_string();
        assert!(e.contains("is a symbolic link"), "{e}");
        assert_eq!(mode(outside.path()), 0o755);
        assert_eq!(mode(&target), 0o644);
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
    }

    #[test]
    fn cache_expiry_handling() {
        let (_d, s) = store();
        let now = 1_000_000;
        assert!(s.usable_cached_token("default", None, now).is_none());
        let tok = CachedToken {
            access_id: "p-abc123".into(),
            token: "t-1".into(),
            expiry: now + 3600,
        };
        s.write_cached_token("default", &tok).unwrap();
        assert_eq!(mode(&s.token_path("default")), 0o600);
        assert_eq!(mode(&s.creds_dir()), 0o700);
        let raw: serde_json::Value =
            serde_json::from_slice(&fs::read(s.token_path("default")).unwrap()).unwrap();
        assert_eq!(
            raw,
            serde_json::json!({"access_id": "p-abc123", "token": "t-1", "expiry": now + 3600})
        );
        assert_eq!(
            s.usable_cached_token("default", None, now),
            Some(tok.clone())
        );
        // Exactly 60 s left is enough; 59 is not.
        assert!(s.usable_cached_token("default", None, now + 3540).is_some());
        assert!(s.usable_cached_token("default", None, now + 3541).is_none());
        assert!(s.usable_cached_token("default", None, now + 7200).is_none());
        // A token issued to another access ID is not used.
        let other = Profile {
            access_id: Some("p-other".into()),
            ..Default::default()
        };
        assert!(
            s.usable_cached_token("default", Some(&other), now)
                .is_none()
        );
        assert!(
            s.usable_cached_token("default", Some(&sample()), now)
                .is_some()
        );
        s.drop_cached_token("default");
        assert!(s.read_cached_token("default").is_none());
        // Garbage in the cache is ignored.
        fs::write(s.token_path("default"), "{not json").unwrap();
        assert!(s.usable_cached_token("default", None, now).is_none());
    }

    #[test]
    fn expiry_from_auth_output() {
        let mut out = AuthOutput {
            token: "t-1".into(),
            expiration: "2026-01-02T03:04:05Z".into(),
            ..Default::default()
        };
        assert_eq!(
            CachedToken::from_auth_output(&out, "p").unwrap().expiry,
            1_767_323_045
        );
        out.creds.expiry = 42;
        assert_eq!(CachedToken::from_auth_output(&out, "p").unwrap().expiry, 42);
        out.creds.expiry = 0;
        out.expiration = "soon".into();
        assert!(CachedToken::from_auth_output(&out, "p").is_none());
    }

    #[test]
    fn rfc3339() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2000-03-01T00:00:00Z"), Some(951_868_800));
        assert_eq!(
            parse_rfc3339("2000-03-01T02:00:00.123+02:00"),
            Some(951_868_800)
        );
        assert_eq!(parse_rfc3339("2000-03-01"), None);
        assert_eq!(parse_rfc3339("2000-13-01T00:00:00Z"), None);
    }

    #[test]
    fn profile_names() {
        for ok in ["default", "ci-1", "a.b_c"] {
            validate_name(ok).unwrap();
        }
        for bad in ["", ".hidden", "a/b", "..", "a b", "x\n"] {
            assert!(validate_name(bad).is_err(), "{bad:?}");
        }
    }
}
