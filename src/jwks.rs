//! JSON Web Key Sets (RFC 7517): parsing, signature checks, and a cache of
//! remote key sets keyed by where and as whom they are fetched.
//!
//! Used by the gateway to check a service-account token's signature against
//! the cluster's published keys (`/openid/v1/jwks`) before any TokenReview,
//! and meant for the OAuth2/JWT auth method too (hence no Kubernetes types
//! here). JWKs are turned into aws-lc-rs keys by hand: [`crate::jwt`] already
//! verifies JWS with aws-lc-rs, and an RSA or EC JWK is just its public
//! numbers, so a JOSE crate would add a second crypto stack for 40 lines.
//!
//! The cache follows what the JWT plugins converged on after key-rotation
//! outages (vault#11611, vault-plugin-auth-jwt#181): keep the set until a
//! token names a `kid` it lacks, then refetch, at most once per
//! [`JwksCache::min_refresh`] per key so forged `kid`s cannot hammer the
//! issuer; concurrent callers share one fetch; a failed refresh keeps the
//! last good set.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_lc_rs::signature::{self, RsaPublicKeyComponents, UnparsedPublicKey};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

use crate::jwt::{Decoded, JwtError};

/// Largest key set accepted (the API server's holds a handful of keys).
pub const MAX_JWKS_BYTES: usize = 1024 * 1024;
/// Unknown `kid`s refetch the set at most this often per cache key.
pub const MIN_REFRESH: Duration = Duration::from_secs(5);
/// A set older than this is refetched on the next lookup even when it
/// holds the `kid` (so removed keys stop verifying), rate limit permitting.
pub const MAX_AGE: Duration = Duration::from_secs(3600);
/// "Keys unavailable" is reported for logging at most this often per key.
pub const WARN_EVERY: Duration = Duration::from_secs(60);
/// Cache keys kept at most (credentials rotate, leaving old keys behind).
pub const MAX_ENTRIES: usize = 1024;

/// The public part of a signing key.
#[derive(Debug, Clone, PartialEq)]
pub enum PublicKey {
    /// Big-endian modulus and exponent.
    Rsa { n: Vec<u8>, e: Vec<u8> },
    /// Uncompressed SEC1 point `04 || x || y` on `crv`.
    Ec { crv: String, point: Vec<u8> },
}

/// One usable key of a set.
#[derive(Debug, Clone, PartialEq)]
pub struct Jwk {
    pub kid: Option<String>,
    /// The `alg` the key is restricted to, if the JWK says.
    pub alg: Option<String>,
    pub key: PublicKey,
}

impl Jwk {
    /// Whether a token signed with `alg` may be checked with this key.
    fn fits(&self, alg: &str) -> bool {
        if self.alg.as_deref().is_some_and(|a| a != alg) {
            return false;
        }
        match (&self.key, alg) {
            (PublicKey::Rsa { .. }, a) => a.starts_with("RS") || a.starts_with("PS"),
            (PublicKey::Ec { crv, .. }, "ES256") => crv == "P-256",
            (PublicKey::Ec { crv, .. }, "ES384") => crv == "P-384",
            (PublicKey::Ec { crv, .. }, "ES512") => crv == "P-521",
            _ => false,
        }
    }

    /// Checks the token's signature with this key.
    pub fn verify(&self, token: &Decoded) -> Result<(), JwtError> {
        if !self.fits(&token.alg) {
            return Err(JwtError::Signature);
        }
        let msg = token.signing_input().as_bytes();
        let sig = token.signature();
        let ok = match &self.key {
            PublicKey::Rsa { n, e } => {
                let params: &'static signature::RsaParameters = match token.alg.as_str() {
                    "RS256" => &signature::RSA_PKCS1_2048_8192_SHA256,
                    "RS384" => &signature::RSA_PKCS1_2048_8192_SHA384,
                    "RS512" => &signature::RSA_PKCS1_2048_8192_SHA512,
                    "PS256" => &signature::RSA_PSS_2048_8192_SHA256,
                    "PS384" => &signature::RSA_PSS_2048_8192_SHA384,
                    "PS512" => &signature::RSA_PSS_2048_8192_SHA512,
                    other => return Err(JwtError::Algorithm(other.to_owned())),
                };
                RsaPublicKeyComponents { n, e }
                    .verify(params, msg, sig)
                    .is_ok()
            }
            PublicKey::Ec { point, .. } => {
                let alg: &'static signature::EcdsaVerificationAlgorithm = match token.alg.as_str() {
                    "ES256" => &signature::ECDSA_P256_SHA256_FIXED,
                    "ES384" => &signature::ECDSA_P384_SHA384_FIXED,
                    "ES512" => &signature::ECDSA_P521_SHA512_FIXED,
                    other => return Err(JwtError::Algorithm(other.to_owned())),
                };
                UnparsedPublicKey::new(alg, point).verify(msg, sig).is_ok()
            }
        };
        if ok { Ok(()) } else { Err(JwtError::Signature) }
    }
}

/// The usable keys of a JWKS document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeySet {
    pub keys: Vec<Jwk>,
}

fn b64_field(v: &Value, name: &str) -> Option<Vec<u8>> {
    let s = v.get(name)?.as_str()?;
    URL_SAFE_NO_PAD.decode(s.trim_end_matches('=')).ok()
}

fn parse_jwk(v: &Value) -> Option<Jwk> {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    if s("use").is_some_and(|u| u != "sig") {
        return None;
    }
    let key = match s("kty")?.as_str() {
        "RSA" => PublicKey::Rsa {
            n: b64_field(v, "n")?,
            e: b64_field(v, "e")?,
        },
        "EC" => {
            let crv = s("crv")?;
            let size = match crv.as_str() {
                "P-256" => 32,
                "P-384" => 48,
                "P-521" => 66,
                _ => return None,
            };
            let (x, y) = (b64_field(v, "x")?, b64_field(v, "y")?);
            if x.len() != size || y.len() != size {
                return None;
            }
            let mut point = Vec::with_capacity(1 + 2 * size);
            point.push(4);
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            PublicKey::Ec { crv, point }
        }
        // OKP, ML-DSA (AKP) and symmetric keys: tokens signed with them fail
        // the algorithm allow-list before a key is looked up.
        _ => return None,
    };
    Some(Jwk {
        kid: s("kid"),
        alg: s("alg"),
        key,
    })
}

impl KeySet {
    /// Parses `{"keys":[...]}`, skipping keys of kinds this crate cannot use.
    pub fn parse(body: &[u8]) -> Result<KeySet, String> {
        if body.len() > MAX_JWKS_BYTES {
            return Err(format!(
                "the key set is {} bytes, more than {MAX_JWKS_BYTES}",
                body.len()
            ));
        }
        let v: Value =
            serde_json::from_slice(body).map_err(|e| format!("the key set is not JSON: {e}"))?;
        let keys = v
            .get("keys")
            .and_then(Value::as_array)
            .ok_or("the key set has no \"keys\" array")?;
        Ok(KeySet {
            keys: keys.iter().filter_map(parse_jwk).collect(),
        })
    }

    /// Keys that may have signed a token with this `kid` (all keys when the
    /// token names none, as go-jose and the API server do).
    pub fn candidates<'a>(&'a self, kid: Option<&'a str>) -> impl Iterator<Item = &'a Jwk> {
        self.keys
            .iter()
            .filter(move |k| kid.is_none() || k.kid.as_deref() == kid)
    }

    pub fn has(&self, kid: Option<&str>) -> bool {
        self.candidates(kid).next().is_some()
    }

    /// Verifies the token with the key its `kid` names.
    pub fn verify(&self, token: &Decoded) -> Result<(), JwtError> {
        let kid = token.header.get("kid").and_then(Value::as_str);
        if self.candidates(kid).any(|k| k.verify(token).is_ok()) {
            Ok(())
        } else {
            Err(JwtError::Signature)
        }
    }
}

/// The JWK of an RSA or EC (P-256/384/521) public key given as SPKI DER,
/// the way kube-apiserver publishes its keys (`use`, `kty`, `kid`, `alg`).
/// For key sets built from PEM keys (tests, offline `jwks-json-data`).
pub fn jwk_json(spki_der: &[u8], kid: &str) -> Option<Value> {
    use x509_parser::prelude::FromDer;
    let (_, info) = x509_parser::x509::SubjectPublicKeyInfo::from_der(spki_der).ok()?;
    let b = |v: &[u8]| {
        let i = v
            .iter()
            .position(|x| *x != 0)
            .unwrap_or(v.len().saturating_sub(1));
        URL_SAFE_NO_PAD.encode(&v[i..])
    };
    Some(match info.parsed().ok()? {
        x509_parser::public_key::PublicKey::RSA(r) => serde_json::json!({
            "use": "sig", "kty": "RSA", "kid": kid, "alg": "RS256",
            "n": b(r.modulus), "e": b(r.exponent),
        }),
        x509_parser::public_key::PublicKey::EC(p) => {
            let d = p.data();
            let n = d.len().checked_sub(1)? / 2;
            let (crv, alg) = match n {
                32 => ("P-256", "ES256"),
                48 => ("P-384", "ES384"),
                66 => ("P-521", "ES512"),
                _ => return None,
            };
            serde_json::json!({
                "use": "sig", "kty": "EC", "kid": kid, "crv": crv, "alg": alg,
                "x": URL_SAFE_NO_PAD.encode(&d[1..1 + n]),
                "y": URL_SAFE_NO_PAD.encode(&d[1 + n..]),
            })
        }
        _ => return None,
    })
}

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchError {
    /// The set could not be had (network, TLS, 403, 5xx, not a key set):
    /// uses up the refresh budget and the last good set is kept.
    Unavailable(String),
    /// The credentials of this one fetch were refused (a caller's own token
    /// used as bearer, answered 401). Says nothing about the keys: before a
    /// set is loaded it does not use up the refresh budget (a stream of bad
    /// tokens cannot keep the first good one from loading the set); once a
    /// set is loaded it does, so forged `kid`s cannot hammer the issuer.
    CredentialsRefused(String),
}

/// The outcome of [`JwksCache::lookup`].
#[derive(Debug, Clone)]
pub enum Lookup {
    /// A set holding the `kid` (or any key, for a token without one).
    Found(Arc<KeySet>),
    /// The set is current (just fetched, or refetched within
    /// [`MIN_REFRESH`]) and no key has this `kid`.
    UnknownKid,
    /// No set could be had. `warn` is true once per [`WARN_EVERY`] per key,
    /// so callers log the fallback without flooding the log.
    Unavailable { reason: String, warn: bool },
    /// See [`FetchError::CredentialsRefused`].
    CredentialsRefused(String),
}

#[derive(Default)]
struct Entry {
    keys: Option<Arc<KeySet>>,
    fetched_at: Option<Instant>,
    attempted_at: Option<Instant>,
    last_error: Option<String>,
    warned_at: Option<Instant>,
}

/// Key sets by cache key (e.g. URL + CA + a fingerprint of the credentials).
pub struct JwksCache<K> {
    /// Each entry's async lock makes concurrent lookups of one key share a
    /// single fetch.
    entries: Mutex<HashMap<K, Arc<tokio::sync::Mutex<Entry>>>>,
    pub min_refresh: Duration,
    pub max_age: Duration,
}

impl<K: Eq + Hash + Clone> Default for JwksCache<K> {
    fn default() -> Self {
        Self::new(MIN_REFRESH, MAX_AGE)
    }
}

impl<K: Eq + Hash + Clone> JwksCache<K> {
    pub fn new(min_refresh: Duration, max_age: Duration) -> Self {
        JwksCache {
            entries: Mutex::new(HashMap::new()),
            min_refresh,
            max_age,
        }
    }

    fn entry(&self, key: &K) -> Arc<tokio::sync::Mutex<Entry>> {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(e) = map.get(key) {
            return e.clone();
        }
        if map.len() >= MAX_ENTRIES {
            map.clear();
        }
        map.entry(key.clone()).or_default().clone()
    }

    /// The key set under `key` for a token naming `kid`, calling `fetch`
    /// (at most once, and only when allowed) to load or refresh it.
    pub async fn lookup<F, Fut>(&self, key: &K, kid: Option<&str>, fetch: F) -> Lookup
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<u8>, FetchError>>,
    {
        let entry = self.entry(key);
        let mut e = entry.lock().await;
        let fresh = e.fetched_at.is_some_and(|t| t.elapsed() < self.max_age);
        if let Some(keys) = &e.keys
            && fresh
            && keys.has(kid)
        {
            return Lookup::Found(keys.clone());
        }
        let may_fetch = e
            .attempted_at
            .is_none_or(|t| t.elapsed() >= self.min_refresh);
        if may_fetch {
            match fetch().await {
                Ok(body) => {
                    e.attempted_at = Some(Instant::now());
                    match KeySet::parse(&body) {
                        Ok(set) => {
                            e.keys = Some(Arc::new(set));
                            e.fetched_at = e.attempted_at;
                            e.last_error = None;
                        }
                        Err(err) => e.last_error = Some(err),
                    }
                }
                Err(FetchError::Unavailable(err)) => {
                    e.attempted_at = Some(Instant::now());
                    e.last_error = Some(err);
                }
                Err(FetchError::CredentialsRefused(err)) => {
                    if e.keys.is_some() {
                        e.attempted_at = Some(Instant::now());
                    }
                    return Lookup::CredentialsRefused(err);
                }
            }
        }
        match &e.keys {
            Some(keys) if keys.has(kid) => Lookup::Found(keys.clone()),
            Some(_) => Lookup::UnknownKid,
            None => {
                let warn = e.warned_at.is_none_or(|t| t.elapsed() >= WARN_EVERY);
                if warn {
                    e.warned_at = Some(Instant::now());
                }
                Lookup::Unavailable {
                    reason: e
                        .last_error
                        .clone()
                        .unwrap_or_else(|| "the key set was never fetched".into()),
                    warn,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::{KeyAlg, PrivateKey};
    use serde_json::{Map, json};
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn jwk(key: &PrivateKey, kid: &str) -> Value {
        jwk_json(&key.public_key_spki_der().unwrap(), kid).unwrap()
    }

    fn token(key: &PrivateKey, kid: Option<&str>) -> Decoded {
        let mut c = Map::new();
        c.insert("sub".into(), json!("system:serviceaccount:a:b"));
        crate::jwt::decode(&crate::jwt::sign_with_kid(&c, key, kid).unwrap()).unwrap()
    }

    #[test]
    fn rsa_and_ec_jwks_verify_and_other_keys_do_not() {
        for alg in [KeyAlg::Rsa2048, KeyAlg::Ec256, KeyAlg::Ec384] {
            let key = PrivateKey::generate(alg).unwrap();
            let other = PrivateKey::generate(alg).unwrap();
            let set = KeySet::parse(
                json!({"keys": [jwk(&key, "k1"), jwk(&other, "k2")]})
                    .to_string()
                    .as_bytes(),
            )
            .unwrap();
            assert_eq!(set.keys.len(), 2);
            set.verify(&token(&key, Some("k1"))).unwrap();
            set.verify(&token(&key, None)).unwrap();
            // Signed by k1 but claiming k2: refused.
            assert_eq!(
                set.verify(&token(&key, Some("k2"))),
                Err(JwtError::Signature)
            );
            let forged = PrivateKey::generate(alg).unwrap();
            assert_eq!(
                set.verify(&token(&forged, Some("k1"))),
                Err(JwtError::Signature)
            );
        }
    }

    #[test]
    fn unusable_keys_are_skipped_and_junk_is_refused() {
        let set = KeySet::parse(
            br#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"AA"},{"kty":"RSA","use":"enc","n":"AQ","e":"AQ"},{"kty":"oct","k":"AA"}]}"#,
        )
        .unwrap();
        assert!(set.keys.is_empty());
        assert!(KeySet::parse(b"[]").is_err());
        assert!(KeySet::parse(b"not json").is_err());
        assert!(KeySet::parse(&vec![b' '; MAX_JWKS_BYTES + 1]).is_err());
    }

    fn body(keys: &[(&PrivateKey, &str)]) -> Vec<u8> {
        json!({"keys": keys.iter().map(|(k, kid)| jwk(k, kid)).collect::<Vec<_>>()})
            .to_string()
            .into_bytes()
    }

    #[tokio::test]
    async fn unknown_kids_refetch_at_most_once_per_interval_and_failures_keep_the_last_set() {
        let k1 = PrivateKey::generate(KeyAlg::Ec256).unwrap();
        let k2 = PrivateKey::generate(KeyAlg::Ec256).unwrap();
        let cache: JwksCache<&str> = JwksCache::new(Duration::from_millis(200), MAX_AGE);
        let fetches = AtomicUsize::new(0);
        let serve = |keys: Vec<u8>| {
            fetches.fetch_add(1, Ordering::SeqCst);
            async move { Ok::<_, FetchError>(keys) }
        };
        assert!(matches!(
            cache
                .lookup(&"c", Some("k1"), || serve(body(&[(&k1, "k1")])))
                .await,
            Lookup::Found(_)
        ));
        assert!(matches!(
            cache
                .lookup(&"c", Some("k1"), || serve(body(&[(&k1, "k1")])))
                .await,
            Lookup::Found(_)
        ));
        assert_eq!(fetches.load(Ordering::SeqCst), 1, "served from the cache");
        // A forged kid right after: refused without a fetch.
        for _ in 0..50 {
            assert!(matches!(
                cache
                    .lookup(&"c", Some("forged"), || serve(body(&[])))
                    .await,
                Lookup::UnknownKid
            ));
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1, "rate-limited");
        // Rotation: after the interval the new kid is fetched.
        tokio::time::sleep(Duration::from_millis(220)).await;
        let rotated = body(&[(&k1, "k1"), (&k2, "k2")]);
        assert!(matches!(
            cache
                .lookup(&"c", Some("k2"), || serve(rotated.clone()))
                .await,
            Lookup::Found(_)
        ));
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
        // A failed refresh keeps the last good set.
        tokio::time::sleep(Duration::from_millis(220)).await;
        let down = || async { Err(FetchError::Unavailable("connection refused".into())) };
        assert!(matches!(
            cache.lookup(&"c", Some("k3"), down).await,
            Lookup::UnknownKid
        ));
        assert!(matches!(
            cache.lookup(&"c", Some("k2"), down).await,
            Lookup::Found(_)
        ));
    }

    #[tokio::test]
    async fn unavailable_keys_warn_once_and_refused_credentials_use_the_budget_only_once_loaded() {
        let cache: JwksCache<&str> = JwksCache::new(Duration::from_secs(60), MAX_AGE);
        let down = || async { Err(FetchError::Unavailable("403 Forbidden".into())) };
        match cache.lookup(&"c", Some("k"), down).await {
            Lookup::Unavailable { reason, warn } => {
                assert!(reason.contains("403"));
                assert!(warn);
            }
            other => panic!("{other:?}"),
        }
        match cache.lookup(&"c", Some("k"), down).await {
            Lookup::Unavailable { warn, .. } => assert!(!warn, "warned once"),
            other => panic!("{other:?}"),
        }
        let other: JwksCache<&str> = JwksCache::new(Duration::from_secs(60), MAX_AGE);
        let refused = || async { Err(FetchError::CredentialsRefused("401".into())) };
        assert!(matches!(
            other.lookup(&"c", Some("k"), refused).await,
            Lookup::CredentialsRefused(_)
        ));
        let key = PrivateKey::generate(KeyAlg::Ec256).unwrap();
        let b = body(&[(&key, "k")]);
        assert!(matches!(
            other.lookup(&"c", Some("k"), || async { Ok(b) }).await,
            Lookup::Found(_)
        ));
        // With a set loaded, a refused fetch for an unknown kid uses the
        // budget: the next unknown kid is refused without a fetch.
        let loaded: JwksCache<&str> = JwksCache::new(Duration::from_millis(300), MAX_AGE);
        let b = body(&[(&key, "k")]);
        loaded.lookup(&"c", Some("k"), || async { Ok(b) }).await;
        tokio::time::sleep(Duration::from_millis(320)).await;
        assert!(matches!(
            loaded.lookup(&"c", Some("x"), refused).await,
            Lookup::CredentialsRefused(_)
        ));
        let never = || async { panic!("no fetch within the interval") };
        assert!(matches!(
            loaded.lookup(&"c", Some("y"), never).await,
            Lookup::UnknownKid
        ));
    }
}
