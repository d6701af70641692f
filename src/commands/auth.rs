//! `auth` (reference §1) and `configure` (reference §5).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD as B64, URL_SAFE_NO_PAD as B64URL};
use serde_json::{Value, json};

use super::session::{Endpoint, text};
use crate::cli::{AuthArgs, ConfigureArgs, GlobalArgs};
use crate::gateway::api::{self, AuthOutput};
use crate::gateway::client::{self, CallError, GatewayClient};
use crate::output::{CommandOutput, PendingFile};
use crate::profile::{CachedToken, DEFAULT_PROFILE, Profile, ProfileContext, Store};

/// Where pods find their service-account token.
pub const SA_TOKEN_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount/token";

/// Overrides [`SA_TOKEN_PATH`] (tests, unusual mounts).
pub const SA_TOKEN_ENV: &str = "AKL_SA_TOKEN_FILE";

/// `$AKL_SA_TOKEN_FILE`, else [`SA_TOKEN_PATH`].
pub fn sa_token_path() -> PathBuf {
    std::env::var_os(SA_TOKEN_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(SA_TOKEN_PATH))
}

/// Reads the service-account JWT at `path`, trims it and returns its
/// standard base64, as every akeyless client sends it.
pub fn read_sa_token(path: &Path) -> Result<String> {
    let raw = crate::fsutil::read_limited_string(
        path,
        crate::fsutil::PEM_LIMIT,
        "the service-account token at",
    )
    .map_err(|e| anyhow!("{e:#}; run inside a pod or pass --k8s-service-account-token"))?;
    let jwt = raw.trim();
    if jwt.is_empty() {
        bail!(
            "the service-account token at {} is empty; run inside a pod or pass --k8s-service-account-token",
            path.display()
        );
    }
    Ok(B64.encode(jwt))
}

/// `--k8s-service-account-token` as given: base64 of the JWT. A raw JWT
/// (it has dots, which base64 never has) is encoded for the user.
pub fn sa_token_from_flag(value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        bail!("--k8s-service-account-token is empty; pass the base64 of the service-account JWT");
    }
    if v.contains('.') {
        return Ok(B64.encode(v));
    }
    Ok(v.to_owned())
}

/// The `/auth` body the flags and the profile describe. Flags win; the
/// profile fills what is missing (its access key only for its own access ID).
/// `gateway_url` is the resolved gateway URL, sent in the body for k8s.
pub fn build_request(
    args: &AuthArgs,
    profile: Option<&Profile>,
    gateway_url: &str,
    sa_token_file: &Path,
) -> Result<api::Auth> {
    let flag_id = text(&args.access_id);
    let profile_id = profile.and_then(|p| text(&p.access_id));
    let same_id = flag_id.is_none() || flag_id == profile_id;
    let access_type = text(&args.access_type)
        .or_else(|| {
            profile
                .filter(|_| same_id)
                .and_then(|p| text(&p.access_type))
        })
        .unwrap_or_else(|| "access_key".to_owned());
    let access_id = flag_id.or(profile_id);
    match access_type.as_str() {
        "k8s" => {
            let access_id = access_id.ok_or_else(|| {
                anyhow!("--access-id is missing; pass the access ID (p-…) of the K8s auth method")
            })?;
            let config = text(&args.k8s_auth_config_name)
                .or_else(|| {
                    profile
                        .filter(|_| same_id)
                        .and_then(|p| text(&p.k8s_auth_config_name))
                })
                .ok_or_else(|| {
                    anyhow!(
                        "--k8s-auth-config-name is missing; pass the name of the gateway's K8s auth config"
                    )
                })?;
            let token = match (
                &args.k8s_service_account_token,
                &args.k8s_service_account_token_file,
            ) {
                (Some(t), _) => sa_token_from_flag(t)?,
                (None, Some(path)) => sa_token_from_flag(&crate::fsutil::read_secret_file(
                    path,
                    "--k8s-service-account-token-file",
                )?)?,
                (None, None) => read_sa_token(sa_token_file)?,
            };
            Ok(api::Auth {
                access_id: Some(access_id),
                access_type: Some("k8s".to_owned()),
                k8s_auth_config_name: Some(config),
                k8s_service_account_token: Some(token),
                gateway_url: Some(gateway_url.to_owned()),
                debug: args.debug.then_some(true),
                ..Default::default()
            })
        }
        "access_key" => {
            let access_id = access_id.ok_or_else(|| {
                anyhow!(
                    "--access-id is missing; pass --access-id p-… --access-key-file FILE (or set $AKEYLESS_ACCESS_ID and $AKEYLESS_ACCESS_KEY), or configure a profile with 'akl configure --profile default --access-id … --access-key-file …'"
                )
            })?;
            let key_file = match &args.access_key_file {
                Some(path) => Some(crate::fsutil::read_secret_file(path, "--access-key-file")?),
                None => None,
            };
            let access_key = key_file
                .or_else(|| text(&args.access_key))
                .or_else(|| {
                    profile
                        .filter(|_| same_id)
                        .and_then(|p| text(&p.access_key))
                })
                .ok_or_else(|| {
                    anyhow!(
                        "--access-key is missing; pass the access key of {access_id} with --access-key-file FILE or $AKEYLESS_ACCESS_KEY, or configure a profile with 'akl configure --profile default --access-id … --access-key-file …'"
                    )
                })?;
            Ok(api::Auth {
                access_id: Some(access_id),
                access_type: Some("access_key".to_owned()),
                access_key: Some(access_key),
                debug: args.debug.then_some(true),
                ..Default::default()
            })
        }
        "jwt" => {
            let access_id = access_id.ok_or_else(|| {
                anyhow!(
                    "--access-id is missing; pass the access ID (p-…) of the OAuth2/JWT auth method"
                )
            })?;
            Ok(api::Auth {
                access_id: Some(access_id),
                access_type: Some("jwt".to_owned()),
                jwt: Some(jwt_from_args(args)?),
                debug: args.debug.then_some(true),
                ..Default::default()
            })
        }
        other => bail!("--access-type '{other}' is not supported; use access_key, k8s or jwt"),
    }
}

/// Claims of a JWT worth showing in `--debug` (never the signature).
fn jwt_claims(b64_jwt: &str) -> Option<String> {
    let jwt = String::from_utf8(B64.decode(b64_jwt).ok()?).ok()?;
    let payload = jwt.split('.').nth(1)?;
    let bytes = B64URL.decode(payload.trim_end_matches('=')).ok()?;
    let claims: Value = serde_json::from_slice(&bytes).ok()?;
    let mut parts = Vec::new();
    for key in ["iss", "sub", "aud", "exp"] {
        if let Some(v) = claims.get(key) {
            let shown = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            parts.push(format!("{key}={shown}"));
        }
    }
    Some(parts.join(" "))
}

/// The request's non-secret fields, for `--debug`.
fn debug_lines(req: &api::Auth, base: &str, token_from: &str) -> Vec<String> {
    let mut lines = vec![format!("debug: POST {base}/{}", api::commands::AUTH)];
    let mut fields = Vec::new();
    let mut push = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            fields.push(format!("{k}={v}"));
        }
    };
    push("access-id", &req.access_id);
    push("access-type", &req.access_type);
    push("k8s-auth-config-name", &req.k8s_auth_config_name);
    push("gateway-url", &req.gateway_url);
    lines.push(format!("debug: {}", fields.join(" ")));
    if req.access_key.is_some() {
        lines.push("debug: access-key=<hidden>".to_owned());
    }
    if let Some(t) = &req.jwt {
        let claims = jwt_claims(&B64.encode(t))
            .map(|c| format!("; JWT claims: {c}"))
            .unwrap_or_else(|| "; not a JWT".to_owned());
        lines.push(format!("debug: jwt=<{} characters>{claims}", t.len()));
    }
    if let Some(t) = &req.k8s_service_account_token {
        let claims = jwt_claims(t)
            .map(|c| format!("; JWT claims: {c}"))
            .unwrap_or_else(|| "; not a JWT".to_owned());
        lines.push(format!(
            "debug: k8s-service-account-token=<{} base64 characters from {token_from}>{claims}",
            t.len()
        ));
    }
    lines
}

/// `auth`: POST `/auth`, print the token, cache it for the profile.
pub async fn auth(global: &GlobalArgs, args: &AuthArgs) -> Result<CommandOutput> {
    let ctx = ProfileContext::load(global)?;
    let endpoint = Endpoint::resolve(&args.gateway, &ctx)?;
    let sa_file = sa_token_path();
    let req = build_request(args, ctx.profile.as_ref(), &endpoint.url, &sa_file)?;
    let req = api::Auth {
        json: global.json,
        ..req
    };
    let client = endpoint.client()?;
    if args.debug {
        let from = if req.jwt.is_some() {
            "the JWT source".to_owned()
        } else if args.k8s_service_account_token.is_some() {
            "--k8s-service-account-token".to_owned()
        } else if let Some(path) = &args.k8s_service_account_token_file {
            path.display().to_string()
        } else {
            sa_file.display().to_string()
        };
        for line in debug_lines(&req, client.base(), &from) {
            eprintln!("{line}");
        }
    }
    let timeout = std::time::Duration::from_secs(args.timeout);
    let answer = call_with_retry(&client, &req, timeout, args.debug).await?;
    let out: AuthOutput = super::session::typed(&answer, api::commands::AUTH)?;
    if out.token.is_empty() {
        bail!("the gateway answered /auth without a token");
    }
    let access_id = req.access_id.clone().unwrap_or_default();
    if let Some(cached) = CachedToken::from_auth_output(&out, &access_id)
        && let Err(e) = ctx.store.write_cached_token(&ctx.name, &cached)
        && args.debug
    {
        eprintln!("debug: the token was not cached: {e:#}");
    }
    let text = format!("Authentication succeeded.\nToken: {}", out.token);
    let mut output = CommandOutput::new(answer, text);
    if let Some(path) = &args.write_token {
        // Written by `finish` once the output rendered: 0600, through a
        // temporary file renamed over `path` (a link at `path` is replaced,
        // never followed).
        output = output.with_file(PendingFile {
            path: path.clone(),
            contents: out.token.clone().into_bytes(),
            overwrite: true,
            mode: 0o600,
            flag: "--write-token",
        });
    }
    Ok(output)
}

/// First wait between attempts; doubled after each failure up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(250);
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// Whether a failed `/auth` is worth retrying: no answer (the gateway or
/// the network is not up yet) or a 5xx. A refusal (4xx) is final, and so is
/// a certificate the client does not trust.
pub fn retryable(e: &CallError) -> bool {
    match e.status {
        0 => !e.message.contains("--gateway-ca-cert"),
        s => s >= 500,
    }
}

/// `d` scaled by a random factor in [0.5, 1): clients started together
/// (a Deployment's pods) do not retry in lockstep. std's randomly keyed
/// hasher is random enough for jitter and saves a dependency.
fn jittered(d: Duration) -> Duration {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|t| t.as_nanos())
            .unwrap_or(0),
    );
    let frac = (h.finish() % 1000) as f64 / 2000.0;
    d.mul_f64(0.5 + frac)
}

/// `POST /auth`, retried on [`retryable`] errors with jittered exponential
/// backoff until `timeout` has passed. Each attempt is cut off at the
/// deadline too, so `--timeout` bounds the whole command.
async fn call_with_retry(
    client: &GatewayClient,
    req: &api::Auth,
    timeout: Duration,
    debug: bool,
) -> Result<Value> {
    let start = Instant::now();
    let deadline = start + timeout;
    let mut backoff = FIRST_BACKOFF;
    let mut attempt = 1u32;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let call = client.call::<api::Auth, Value>(api::commands::AUTH, req);
        let result = if timeout.is_zero() {
            // --timeout 0: one attempt, bounded by the client's own timeouts.
            call.await
        } else {
            match tokio::time::timeout(left, call).await {
                Ok(r) => r,
                Err(_) => Err(CallError {
                    status: 0,
                    message: format!("no answer from {} in time", client.base()),
                }),
            }
        };
        let e = match result {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        let wait = jittered(backoff);
        let now = Instant::now();
        if !retryable(&e) || now + wait >= deadline {
            if attempt > 1 {
                bail!(
                    "{} (gave up after {attempt} attempts in {}s; raise --timeout to wait longer)",
                    e.message,
                    start.elapsed().as_secs()
                );
            }
            bail!("{}", e.message);
        }
        if debug {
            eprintln!(
                "debug: attempt {attempt} failed: {}; retrying in {} ms",
                e.message,
                wait.as_millis()
            );
        }
        tokio::time::sleep(wait).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
        attempt += 1;
    }
}

/// The raw JWT for `--access-type jwt`: `--jwt`, else `--jwt-file`, else
/// `$AKEYLESS_JWT`. Sent as is (akeyless clients send the raw JWT for
/// jwt, unlike the base64 k8s token).
pub fn jwt_from_args(args: &AuthArgs) -> Result<String> {
    let (jwt, from) = if let Some(j) = &args.jwt {
        (j.clone(), "--jwt".to_owned())
    } else if let Some(path) = &args.jwt_file {
        let raw = std::fs::read_to_string(path)
            .map_err(|e| anyhow!("cannot read --jwt-file {}: {e}", path.display()))?;
        (raw, format!("--jwt-file {}", path.display()))
    } else if let Some(v) = std::env::var_os(crate::cli::JWT_ENV).filter(|v| !v.is_empty()) {
        let v = v
            .into_string()
            .map_err(|_| anyhow!("${} is not UTF-8", crate::cli::JWT_ENV))?;
        (v, format!("${}", crate::cli::JWT_ENV))
    } else {
        bail!(
            "no JWT for --access-type jwt; pass --jwt-file FILE, set ${}, or pass --jwt",
            crate::cli::JWT_ENV
        );
    };
    let jwt = jwt.trim();
    if jwt.is_empty() {
        bail!("the JWT from {from} is empty; pass the raw token (header.payload.signature)");
    }
    if jwt.split('.').count() != 3 || jwt.chars().any(char::is_whitespace) {
        bail!(
            "the JWT from {from} is not a compact JWT (header.payload.signature); pass the raw token, not base64"
        );
    }
    Ok(jwt.to_owned())
}

/// The profile `configure` writes, checked.
pub fn build_profile(args: &ConfigureArgs) -> Result<Profile> {
    let access_id = args.access_id.trim();
    if access_id.is_empty() {
        bail!("--access-id is empty; pass the access ID (p-…) of the auth method");
    }
    let access_key = match &args.access_key_file {
        Some(path) => Some(crate::fsutil::read_secret_file(path, "--access-key-file")?),
        None => text(&args.access_key),
    };
    if args.access_type == "access_key" && access_key.is_none() {
        bail!("--access-key is missing; pass the access key of {access_id}");
    }
    let gateway_url = text(&args.gateway_url);
    if let Some(url) = &gateway_url {
        client::v2_base(url)?;
    }
    Ok(Profile {
        access_id: Some(access_id.to_owned()),
        access_key,
        access_type: Some(args.access_type.clone()),
        gateway_url,
        k8s_auth_config_name: text(&args.k8s_auth_config_name),
    })
}

/// `configure`: writes `~/.akeyless/profiles/<P>.toml`; never prints the key.
pub fn configure(global: &GlobalArgs, args: &ConfigureArgs) -> Result<CommandOutput> {
    let name = global
        .profile
        .clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
    crate::profile::validate_name(&name)?;
    let profile = build_profile(args)?;
    let store = Store::open()?;
    let path = store.write_profile(&name, &profile)?;
    // Credentials changed: a cached token may belong to the old ones.
    store.drop_cached_token(&name);
    let mut body = json!({
        "profile": name,
        "path": path.display().to_string(),
        "access_id": profile.access_id,
        "access_type": profile.access_type,
    });
    if let Some(url) = &profile.gateway_url {
        body["gateway_url"] = json!(url);
    }
    if let Some(c) = &profile.k8s_auth_config_name {
        body["k8s_auth_config_name"] = json!(c);
    }
    Ok(CommandOutput::new(
        body,
        format!("Profile {name} successfully configured"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args() -> AuthArgs {
        AuthArgs::default()
    }

    #[test]
    fn secrets_come_from_files() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("key");
        std::fs::write(&key, "  the-key\n").unwrap();
        let mut a = args();
        a.access_id = Some("p-1".into());
        a.access_key_file = Some(key);
        let r = build_request(&a, None, "https://gw", Path::new("/none")).unwrap();
        assert_eq!(r.access_key.as_deref(), Some("the-key"));
        let jwt = dir.path().join("jwt");
        std::fs::write(&jwt, "a.b.c\n").unwrap();
        let mut a = args();
        a.access_id = Some("p-1".into());
        a.access_type = Some("k8s".into());
        a.k8s_auth_config_name = Some("conf".into());
        a.k8s_service_account_token_file = Some(jwt);
        let r = build_request(&a, None, "https://gw", Path::new("/none")).unwrap();
        assert_eq!(r.k8s_service_account_token, Some(B64.encode("a.b.c")));
    }

    #[test]
    fn only_no_answer_and_5xx_are_retried() {
        let e = |status, message: &str| CallError {
            status,
            message: message.into(),
        };
        assert!(retryable(&e(
            0,
            "cannot reach the gateway: Connection refused"
        )));
        assert!(retryable(&e(502, "bad gateway")));
        assert!(retryable(&e(503, "unavailable")));
        for s in [400, 401, 403, 404, 429] {
            assert!(!retryable(&e(s, "no")), "{s}");
        }
        assert!(!retryable(&e(
            0,
            "certificate: trust it with --gateway-ca-cert FILE"
        )));
        for _ in 0..100 {
            let d = jittered(Duration::from_millis(1000));
            assert!(d >= Duration::from_millis(500) && d < Duration::from_millis(1000));
        }
    }

    #[test]
    fn raw_jwts_are_encoded_and_base64_kept() {
        assert_eq!(sa_token_from_flag("a.b.c").unwrap(), B64.encode("a.b.c"));
        assert_eq!(sa_token_from_flag(" YS5iLmM= ").unwrap(), "YS5iLmM=");
        assert!(sa_token_from_flag(" ").is_err());
    }

    #[test]
    fn profile_fills_access_key_only_for_its_own_id() {
        let p = Profile {
            access_id: Some("p-1".into()),
            access_key: Some("k1".into()),
            ..Default::default()
        };
        let r = build_request(&args(), Some(&p), "https://gw", Path::new("/none")).unwrap();
        assert_eq!(r.access_id.as_deref(), Some("p-1"));
        assert_eq!(r.access_key.as_deref(), Some("k1"));
        assert_eq!(r.gateway_url, None);
        let mut a = args();
        a.access_id = Some("p-2".into());
        let err = build_request(&a, Some(&p), "https://gw", Path::new("/none"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("--access-key"), "{err}");
    }

    #[test]
    fn debug_lines_hide_secrets() {
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2siLCJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6bnM6c2EifQ.c2lnbmF0dXJl";
        let req = api::Auth {
            access_id: Some("p-1".into()),
            access_type: Some("k8s".into()),
            access_key: Some("secret-key".into()),
            k8s_service_account_token: Some(B64.encode(jwt)),
            ..Default::default()
        };
        let text = debug_lines(&req, "https://gw/api/v2", "FILE").join("\n");
        assert!(text.contains("iss=https://k"), "{text}");
        assert!(text.contains("sub=system:serviceaccount:ns:sa"), "{text}");
        assert!(!text.contains("secret-key"));
        assert!(!text.contains(jwt));
        assert!(!text.contains(&B64.encode(jwt)));
        assert!(!text.contains("c2lnbmF0dXJl"));
    }
}
