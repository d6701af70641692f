//! Compact JWS (JWT) parsing, signing and verification with aws-lc-rs.
//!
//! Only asymmetric algorithms exist here: `none` and HMAC are rejected at
//! parse time, as Kubernetes never issues them and accepting them is the
//! classic JWT downgrade hole.

use aws_lc_rs::signature::{self, UnparsedPublicKey, VerificationAlgorithm};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

use crate::pki::{HashAlg, PrivateKey};

/// Signature algorithms accepted on service-account tokens. Kubernetes
/// signs with RS256 or ES256/384/512; the RSA-PSS forms are accepted as
/// Vault does.
pub const ALLOWED_ALGS: [&str; 9] = [
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum JwtError {
    #[error("not a JWT: {0}")]
    Malformed(&'static str),
    #[error("signing algorithm {0} is not allowed")]
    Algorithm(String),
    #[error("signature does not verify")]
    Signature,
    #[error("{0}")]
    Key(String),
}

/// A parsed but not yet verified token. Its `Debug` hides the raw token.
#[derive(Clone)]
pub struct Decoded {
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    pub alg: String,
    signing_input: String,
    signature: Vec<u8>,
}

impl std::fmt::Debug for Decoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Decoded(alg={})", self.alg)
    }
}

fn b64_json(part: &str) -> Result<Map<String, Value>, JwtError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .map_err(|_| JwtError::Malformed("a part is not base64url"))?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(JwtError::Malformed("a part is not a JSON object")),
    }
}

/// Splits and decodes a compact JWS; checks the algorithm allow-list.
pub fn decode(token: &str) -> Result<Decoded, JwtError> {
    let token = token.trim();
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed("expected three dot-separated parts"));
    };
    let header = b64_json(h)?;
    let claims = b64_json(p)?;
    let alg = header
        .get("alg")
        .and_then(Value::as_str)
        .ok_or(JwtError::Malformed("the header has no alg"))?
        .to_owned();
    if !ALLOWED_ALGS.contains(&alg.as_str()) {
        return Err(JwtError::Algorithm(alg));
    }
    let signature = URL_SAFE_NO_PAD
        .decode(s.trim_end_matches('='))
        .map_err(|_| JwtError::Malformed("the signature is not base64url"))?;
    if signature.is_empty() {
        return Err(JwtError::Malformed("the signature is empty"));
    }
    Ok(Decoded {
        header,
        claims,
        alg,
        signing_input: format!("{h}.{p}"),
        signature,
    })
}

fn verification_alg(alg: &str) -> Option<&'static dyn VerificationAlgorithm> {
    Some(match alg {
        "RS256" => &signature::RSA_PKCS1_2048_8192_SHA256,
        "RS384" => &signature::RSA_PKCS1_2048_8192_SHA384,
        "RS512" => &signature::RSA_PKCS1_2048_8192_SHA512,
        "PS256" => &signature::RSA_PSS_2048_8192_SHA256,
        "PS384" => &signature::RSA_PSS_2048_8192_SHA384,
        "PS512" => &signature::RSA_PSS_2048_8192_SHA512,
        "ES256" => &signature::ECDSA_P256_SHA256_FIXED,
        "ES384" => &signature::ECDSA_P384_SHA384_FIXED,
        "ES512" => &signature::ECDSA_P521_SHA512_FIXED,
        _ => return None,
    })
}

impl Decoded {
    /// Verifies the signature with a SubjectPublicKeyInfo DER key.
    pub fn verify(&self, spki_der: &[u8]) -> Result<(), JwtError> {
        let alg =
            verification_alg(&self.alg).ok_or_else(|| JwtError::Algorithm(self.alg.clone()))?;
        UnparsedPublicKey::new(alg, spki_der)
            .verify(self.signing_input.as_bytes(), &self.signature)
            .map_err(|_| JwtError::Signature)
    }

    /// `header.payload`, the bytes the signature covers.
    pub fn signing_input(&self) -> &str {
        &self.signing_input
    }

    /// The raw signature (`r || s` for ECDSA).
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    pub fn claim_str(&self, name: &str) -> Option<&str> {
        self.claims.get(name).and_then(Value::as_str)
    }

    pub fn claim_i64(&self, name: &str) -> Option<i64> {
        self.claims
            .get(name)
            .and_then(|v| v.as_i64().or_else(|| v.as_f64().map(|f| f as i64)))
    }

    /// The `aud` claim as a list (a single string counts as one).
    pub fn audiences(&self) -> Vec<String> {
        match self.claims.get("aud") {
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Signs `claims` with an RSA key as RS256 (or an EC key as ES256/ES384).
pub fn sign(claims: &Map<String, Value>, key: &PrivateKey) -> Result<String, JwtError> {
    sign_with_kid(claims, key, None)
}

/// [`sign`], naming the key in the header's `kid` when given.
pub fn sign_with_kid(
    claims: &Map<String, Value>,
    key: &PrivateKey,
    kid: Option<&str>,
) -> Result<String, JwtError> {
    let (alg, hash) = match key.alg() {
        crate::pki::KeyAlg::Ec256 => ("ES256", HashAlg::Sha256),
        crate::pki::KeyAlg::Ec384 => ("ES384", HashAlg::Sha384),
        _ => ("RS256", HashAlg::Sha256),
    };
    let mut header = serde_json::json!({ "alg": alg, "typ": "JWT" });
    if let Some(kid) = kid {
        header["kid"] = Value::from(kid);
    }
    let h = URL_SAFE_NO_PAD.encode(header.to_string());
    let p = URL_SAFE_NO_PAD.encode(Value::Object(claims.clone()).to_string());
    let input = format!("{h}.{p}");
    let mut sig = key
        .sign(hash, input.as_bytes())
        .map_err(|e| JwtError::Key(e.to_string()))?;
    if !key.alg().is_rsa() {
        sig = der_ecdsa_to_fixed(&sig, if alg == "ES256" { 32 } else { 48 })
            .ok_or_else(|| JwtError::Key("bad ECDSA signature".into()))?;
    }
    Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig)))
}

/// ECDSA-Sig-Value (DER SEQUENCE of two INTEGERs) to JWS `r || s`.
fn der_ecdsa_to_fixed(der: &[u8], n: usize) -> Option<Vec<u8>> {
    fn read_int(b: &[u8]) -> Option<(&[u8], &[u8])> {
        if b.first()? != &0x02 {
            return None;
        }
        let len = *b.get(1)? as usize;
        let v = b.get(2..2 + len)?;
        Some((v, &b[2 + len..]))
    }
    if der.first()? != &0x30 {
        return None;
    }
    let body = if der.get(1)? & 0x80 != 0 {
        &der[3..]
    } else {
        &der[2..]
    };
    let (r, rest) = read_int(body)?;
    let (s, _) = read_int(rest)?;
    let mut out = vec![0u8; 2 * n];
    for (i, v) in [r, s].iter().enumerate() {
        let v: &[u8] = {
            let mut v = *v;
            while v.len() > n && v[0] == 0 {
                v = &v[1..];
            }
            v
        };
        if v.len() > n {
            return None;
        }
        out[i * n + (n - v.len())..(i + 1) * n].copy_from_slice(v);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::KeyAlg;

    fn claims() -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("sub".into(), "x".into());
        m.insert("aud".into(), serde_json::json!(["a", "b"]));
        m
    }

    #[test]
    fn sign_then_verify_rsa_and_ec() {
        for alg in [KeyAlg::Rsa2048, KeyAlg::Ec256, KeyAlg::Ec384] {
            let key = PrivateKey::generate(alg).unwrap();
            let token = sign(&claims(), &key).unwrap();
            let d = decode(&token).unwrap();
            d.verify(&key.public_key_spki_der().unwrap()).unwrap();
            assert_eq!(d.audiences(), ["a", "b"]);
            let other = PrivateKey::generate(alg).unwrap();
            assert_eq!(
                d.verify(&other.public_key_spki_der().unwrap()),
                Err(JwtError::Signature)
            );
        }
    }

    #[test]
    fn tampered_claims_fail() {
        let key = PrivateKey::generate(KeyAlg::Ec256).unwrap();
        let token = sign(&claims(), &key).unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(r#"{"sub":"admin"}"#);
        let t = format!("{}.{}.{}", parts[0], forged, parts[2]);
        assert_eq!(
            decode(&t)
                .unwrap()
                .verify(&key.public_key_spki_der().unwrap()),
            Err(JwtError::Signature)
        );
    }

    #[test]
    fn none_and_hmac_are_rejected() {
        for alg in ["none", "HS256"] {
            let h = URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"{alg}"}}"#));
            let p = URL_SAFE_NO_PAD.encode("{}");
            let err = decode(&format!("{h}.{p}.c2ln")).unwrap_err();
            assert_eq!(err, JwtError::Algorithm(alg.into()));
        }
        assert!(matches!(decode("a.b"), Err(JwtError::Malformed(_))));
    }
}
