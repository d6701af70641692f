//! What every gateway-talking command shares: which gateway, which profile,
//! which session token, and how gateway errors become one line.

use anyhow::{Result, anyhow};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::cli::{GatewayArgs, GlobalArgs};
use crate::gateway::api::{self, SessionFields};
use crate::gateway::client::{self, CallError, GatewayClient, Trust};
use crate::profile::{self, ProfileContext, TokenSource};

/// Environment variable with the gateway URL, as the akeyless CLI reads it.
pub const GATEWAY_URL_ENV: &str = "AKEYLESS_GATEWAY_URL";

/// Where the gateway URL came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlSource {
    Flag,
    Env,
    Profile,
    Default,
}

impl UrlSource {
    fn describe(self) -> &'static str {
        match self {
            UrlSource::Flag => "--gateway-url",
            UrlSource::Env => "$AKEYLESS_GATEWAY_URL",
            UrlSource::Profile => "the profile's gateway_url",
            UrlSource::Default => "the default gateway URL",
        }
    }
}

/// `--gateway-url`, else `$AKEYLESS_GATEWAY_URL`, else the profile's
/// `gateway_url`, else [`client::DEFAULT_GATEWAY_URL`]. The akeyless docs'
/// `…/api/v1` is mapped to the V2 path akl speaks.
pub fn pick_gateway_url(
    flag: Option<&str>,
    env: Option<&str>,
    profile: Option<&str>,
) -> (String, UrlSource) {
    fn nonempty(s: Option<&str>) -> Option<&str> {
        s.map(str::trim).filter(|s| !s.is_empty())
    }
    let (url, source) = if let Some(f) = flag {
        // An explicit empty flag is an error for v2_base to report.
        (f.trim(), UrlSource::Flag)
    } else if let Some(e) = nonempty(env) {
        (e, UrlSource::Env)
    } else if let Some(p) = nonempty(profile) {
        (p, UrlSource::Profile)
    } else {
        (client::DEFAULT_GATEWAY_URL, UrlSource::Default)
    };
    (map_v1_to_v2(url), source)
}

/// `https://gw:8000/api/v1` → `https://gw:8000/api/v2`; others unchanged.
pub fn map_v1_to_v2(url: &str) -> String {
    let t = url.trim_end_matches('/');
    match t.strip_suffix("/api/v1") {
        Some(root) => format!("{root}/api/v2"),
        None => url.to_owned(),
    }
}

/// A checked gateway endpoint.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub url: String,
    pub source: UrlSource,
    pub trust: Trust,
}

impl Endpoint {
    /// Resolves the URL and trust for `args` with the given profile.
    pub fn resolve(args: &GatewayArgs, profile: &ProfileContext) -> Result<Endpoint> {
        let env = std::env::var(GATEWAY_URL_ENV).ok();
        let (url, source) = pick_gateway_url(
            args.gateway_url.as_deref(),
            env.as_deref(),
            profile.gateway_url(),
        );
        client::v2_base(&url).map_err(|e| {
            if source == UrlSource::Flag {
                e
            } else {
                anyhow!("{e} (the URL comes from {})", source.describe())
            }
        })?;
        Ok(Endpoint {
            url,
            source,
            trust: Trust::from_flag_or_env(args.gateway_ca_cert.clone()),
        })
    }

    pub fn client(&self) -> Result<GatewayClient> {
        GatewayClient::new(&self.url, &self.trust)
    }
}

/// A base64 flag given as several words: the docs pass `$(… | base64)`
/// unquoted (`--key-data $USER_KEY`), and GNU base64 wraps at 76 columns,
/// so the shell splits the value. Base64 ignores whitespace and never starts
/// with `-`, so the words all reach the flag and are joined; `None` when empty.
pub fn base64_words(words: &[String]) -> Option<String> {
    let s: String = words.iter().map(|w| w.trim()).collect();
    (!s.is_empty()).then_some(s)
}

/// Requests that carry the session fields.
pub trait HasSession {
    fn session_mut(&mut self) -> &mut SessionFields;
}

macro_rules! has_session {
    ($($t:ty),*) => {
        $(impl HasSession for $t {
            fn session_mut(&mut self) -> &mut SessionFields {
                &mut self.session
            }
        })*
    };
}

has_session!(
    api::AuthMethodK8s,
    api::AuthMethodName,
    api::ListAuthMethods,
    api::GatewayK8sAuthConfig,
    api::GatewayK8sAuthConfigName,
    api::GatewayListK8sAuthConfigs,
    api::GenerateCsr,
    api::ExportClassicKey,
    api::CreateCertificate,
    api::GetCertificateValue,
    api::ListItems,
    api::DeleteItem,
    api::CreateRole,
    api::UpdateRole,
    api::RoleName,
    api::ListRoles,
    api::SetRoleRule,
    api::DeleteRoleRule,
    api::AssocRoleAuthMethod,
    api::UpdateAssoc,
    api::AssocId,
    api::DescribeSubClaims,
    api::CreateSecret,
    api::GetSecretValue,
    api::UpdateSecretVal,
    api::DescribeItem,
    api::UpdateItem
);

has_session!(api::AuthMethodOAuth2);

/// A management command's connection: profile, endpoint and client.
#[derive(Debug)]
pub struct Ctx {
    pub global: GlobalArgs,
    pub profile: ProfileContext,
    pub endpoint: Endpoint,
    pub client: GatewayClient,
}

/// How to authenticate, appended to 401 errors.
const HOW_TO_AUTH: &str = "pass --token (from 'akl auth') or configure a profile with 'akl configure --profile default --access-id … --access-key …'";

impl Ctx {
    pub fn new(global: &GlobalArgs, gateway: &GatewayArgs) -> Result<Ctx> {
        let profile = ProfileContext::load(global)?;
        let endpoint = Endpoint::resolve(gateway, &profile)?;
        let client = endpoint.client()?;
        Ok(Ctx {
            global: global.clone(),
            profile,
            endpoint,
            client,
        })
    }

    /// Runs `f` with a session token. A 401 with a cached token drops the
    /// cache and retries once with a fresh `/auth`.
    pub async fn with_token<T>(
        &self,
        f: impl AsyncFn(&str) -> std::result::Result<T, CallError>,
    ) -> Result<T> {
        let session = profile::resolve_session(&self.global, &self.profile, &self.client).await?;
        match f(&session.token).await {
            Ok(v) => Ok(v),
            Err(e) if e.status == 401 && session.source == TokenSource::Cache && !is_denial(&e) => {
                self.profile.store.drop_cached_token(&self.profile.name);
                let has_key = self
                    .profile
                    .profile
                    .as_ref()
                    .is_some_and(|p| p.has_access_key());
                if !has_key {
                    return Err(anyhow!(
                        "{}; the cached session token was rejected; {HOW_TO_AUTH}",
                        e.message
                    ));
                }
                let token = profile::authenticate_with_profile(&self.profile, &self.client).await?;
                f(&token)
                    .await
                    .map_err(|e| call_error(e, TokenSource::Fresh, &self.profile.name))
            }
            Err(e) => Err(call_error(e, session.source, &self.profile.name)),
        }
    }

    /// `POST <command>` with the session fields filled in; returns the
    /// answer as received.
    pub async fn call<Req: Serialize + HasSession + Clone>(
        &self,
        command: &str,
        req: &Req,
    ) -> Result<Value> {
        let json = self.global.json;
        self.with_token(async |token: &str| {
            let mut body = req.clone();
            *body.session_mut() = SessionFields {
                token: Some(token.to_owned()),
                uid_token: None,
                json,
            };
            self.client.call::<Req, Value>(command, &body).await
        })
        .await
    }
}

/// Whether a 401 refuses the request for lack of permission (reference §7:
/// `UnauthorizedAccess`) rather than the token itself: a fresh token would
/// be refused the same, so there is nothing to retry or re-authenticate.
pub fn is_denial(e: &CallError) -> bool {
    e.status == 401 && e.message.contains("UnauthorizedAccess")
}

/// One line for a failed management call.
pub fn call_error(e: CallError, source: TokenSource, profile: &str) -> anyhow::Error {
    // The gateway may already say how to authenticate.
    let says_how = e.message.contains("akl auth") || e.message.contains("configure");
    if e.status != 401 || says_how || is_denial(&e) {
        return anyhow!("{}", e.message);
    }
    match source {
        TokenSource::Flag => anyhow!(
            "{}; the --token was rejected (expired?); get a new one with 'akl auth' or drop --token to use a profile",
            e.message
        ),
        TokenSource::Cache | TokenSource::Fresh => anyhow!(
            "{}; the session token of profile '{profile}' was rejected; {HOW_TO_AUTH}",
            e.message
        ),
    }
}

/// Decodes an answer into its typed form (for the human text).
pub fn typed<T: DeserializeOwned>(v: &Value, command: &str) -> Result<T> {
    serde_json::from_value(v.clone())
        .map_err(|e| anyhow!("unexpected answer to {command} from the gateway: {e}"))
}

/// Empty strings and blanks dropped; `None` when nothing is left.
pub fn list(v: &[String]) -> Option<Vec<String>> {
    let v: Vec<String> = v
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    (!v.is_empty()).then_some(v)
}

/// A trimmed non-empty string, else `None`.
pub fn text(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// `"true"`/`"false"`, as the wire spells these booleans.
pub fn bool_string(v: bool) -> String {
    if v { "true" } else { "false" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_url_precedence() {
        let d = client::DEFAULT_GATEWAY_URL;
        assert_eq!(
            pick_gateway_url(None, None, None),
            (d.into(), UrlSource::Default)
        );
        assert_eq!(
            pick_gateway_url(None, None, Some("https://p:8000")),
            ("https://p:8000".into(), UrlSource::Profile)
        );
        assert_eq!(
            pick_gateway_url(None, Some("https://e:8000"), Some("https://p:8000")),
            ("https://e:8000".into(), UrlSource::Env)
        );
        assert_eq!(
            pick_gateway_url(Some("https://f"), Some("https://e"), Some("https://p")),
            ("https://f".into(), UrlSource::Flag)
        );
        assert_eq!(
            pick_gateway_url(None, Some(" "), None),
            (d.into(), UrlSource::Default)
        );
        assert_eq!(
            pick_gateway_url(None, Some("https://gw:8000/api/v1/"), None).0,
            "https://gw:8000/api/v2"
        );
    }

    #[test]
    fn unauthorized_errors_say_how_to_authenticate() {
        let e = CallError {
            status: 401,
            message: "token expired".into(),
        };
        let m = call_error(e, TokenSource::Cache, "default").to_string();
        assert!(
            m.starts_with("token expired;") && m.contains("akl configure"),
            "{m}"
        );
        let e = CallError {
            status: 404,
            message: "not found".into(),
        };
        assert_eq!(
            call_error(e, TokenSource::Flag, "x").to_string(),
            "not found"
        );
        // A permission denial is not a token problem: passed on as is.
        let e = CallError {
            status: 401,
            message: "Unauthorized access (UnauthorizedAccess): no read permission".into(),
        };
        assert!(is_denial(&e));
        assert_eq!(
            call_error(e, TokenSource::Flag, "x").to_string(),
            "Unauthorized access (UnauthorizedAccess): no read permission"
        );
    }
}
