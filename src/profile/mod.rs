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
//!
//! This file holds the types (profile, cached token, environment
//! credentials) and name checks; `store.rs` holds the file I/O and
//! `session.rs` the per-command resolution of profile and token. Their public
//! items are re-exported here, so callers name them `profile::…`.

use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Result, anyhow, bail};
use serde::{Deserialize, Serialize};

use crate::gateway::api::AuthOutput;

mod session;
mod store;

pub use session::{
    ProfileContext, Session, TokenSource, authenticate_with_profile, flag_token, resolve_session,
    resolve_token,
};
pub use store::{ProfileSource, Store, ensure_private_dir, write_private_file};

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;

    /// A store in a fresh temporary home, for the tests here and in the
    /// submodules.
    pub(super) fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join(".akeyless"));
        (dir, store)
    }

    pub(super) fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    pub(super) fn sample() -> Profile {
        Profile {
            access_id: Some("p-abc123".into()),
            access_key: Some("k\"ey=with \\ quotes".into()),
            access_type: Some("access_key".into()),
            gateway_url: Some("https://gw:8000".into()),
            k8s_auth_config_name: None,
        }
    }

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
