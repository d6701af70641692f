//! The `~/.akeyless` directory: which profile is the default, profile
//! files and cached session tokens, and the private (0700/0600, no links,
//! write-then-rename) file handling they share. Apart from the profile and
//! token types in [`super`] because this is all file-system I/O.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, anyhow, bail};

use super::{
    CachedToken, DEFAULT_PROFILE, DEFAULT_PROFILE_ENV, PROFILE_ENV, Profile, validate_name,
};

/// The variable naming the profile and its value: [`PROFILE_ENV`], else
/// [`DEFAULT_PROFILE_ENV`]; empty values count as unset.
pub(super) fn profile_env() -> Option<(&'static str, String)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::tests::{mode, sample, store};

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
}
