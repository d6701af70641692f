//! Private keys: generation, PEM import/export and signing.
//!
//! RSA ≥ 2048 and EC keys use aws-lc-rs (its key generation is as fast as
//! OpenSSL's; see BENCHMARKS.md). aws-lc-rs refuses RSA keys below 2048 bits,
//! so RSA1024, which `akeyless generate-csr --alg` still offers, goes through
//! the pure-Rust `rsa` crate.

use std::fmt;
use std::str::FromStr;

use anyhow::{Context, Result, anyhow, bail};
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair as RsaKeyPair, KeySize};
use aws_lc_rs::signature::{
    ECDSA_P256_SHA256_ASN1_SIGNING, ECDSA_P384_SHA384_ASN1_SIGNING, EcdsaKeyPair, KeyPair,
    RSA_PKCS1_SHA256, RSA_PKCS1_SHA384, RSA_PKCS1_SHA512,
};
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};

use super::der;

/// Key algorithms, spelled as `akeyless generate-csr --alg` spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlg {
    Rsa1024,
    Rsa2048,
    Rsa3072,
    Rsa4096,
    Ec256,
    Ec384,
}

impl KeyAlg {
    pub const ALL: [KeyAlg; 6] = [
        KeyAlg::Rsa1024,
        KeyAlg::Rsa2048,
        KeyAlg::Rsa3072,
        KeyAlg::Rsa4096,
        KeyAlg::Ec256,
        KeyAlg::Ec384,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            KeyAlg::Rsa1024 => "RSA1024",
            KeyAlg::Rsa2048 => "RSA2048",
            KeyAlg::Rsa3072 => "RSA3072",
            KeyAlg::Rsa4096 => "RSA4096",
            KeyAlg::Ec256 => "EC256",
            KeyAlg::Ec384 => "EC384",
        }
    }

    pub fn is_rsa(self) -> bool {
        !matches!(self, KeyAlg::Ec256 | KeyAlg::Ec384)
    }
}

impl fmt::Display for KeyAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for KeyAlg {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KeyAlg::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!(
                    "unknown algorithm '{s}'; use one of {}",
                    KeyAlg::ALL.map(KeyAlg::as_str).join(", ")
                )
            })
    }
}

/// Digest used for the signature, as `--hash-algorithm` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HashAlg {
    #[default]
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlg {
    pub fn as_str(self) -> &'static str {
        match self {
            HashAlg::Sha256 => "SHA256",
            HashAlg::Sha384 => "SHA384",
            HashAlg::Sha512 => "SHA512",
        }
    }
}

impl fmt::Display for HashAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for HashAlg {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().replace('-', "").as_str() {
            "SHA256" => Ok(HashAlg::Sha256),
            "SHA384" => Ok(HashAlg::Sha384),
            "SHA512" => Ok(HashAlg::Sha512),
            _ => Err(format!(
                "unknown hash algorithm '{s}'; use SHA256, SHA384 or SHA512"
            )),
        }
    }
}

enum Inner {
    Rsa(RsaKeyPair),
    /// RSA below 2048 bits, which aws-lc-rs will not load.
    SmallRsa(Box<rsa::RsaPrivateKey>),
    Ec(EcdsaKeyPair),
}

/// A private key held in memory. Its `Debug` output never shows key material.
pub struct PrivateKey {
    inner: Inner,
    alg: KeyAlg,
    pkcs8: Vec<u8>,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({})", self.alg)
    }
}

fn rsa_alg_for_bits(bits: usize) -> Result<KeyAlg> {
    Ok(match bits {
        1024 => KeyAlg::Rsa1024,
        2048 => KeyAlg::Rsa2048,
        3072 => KeyAlg::Rsa3072,
        4096 => KeyAlg::Rsa4096,
        other => bail!("RSA keys of {other} bits are not supported; use 1024, 2048, 3072 or 4096"),
    })
}

impl PrivateKey {
    /// Generates a fresh key.
    pub fn generate(alg: KeyAlg) -> Result<Self> {
        match alg {
            KeyAlg::Rsa1024 => {
                let mut rng = rsa::rand_core::OsRng;
                let key = rsa::RsaPrivateKey::new(&mut rng, 1024)
                    .map_err(|e| anyhow!("RSA key generation failed: {e}"))?;
                Self::from_small_rsa(key)
            }
            KeyAlg::Rsa2048 | KeyAlg::Rsa3072 | KeyAlg::Rsa4096 => {
                let size = match alg {
                    KeyAlg::Rsa2048 => KeySize::Rsa2048,
                    KeyAlg::Rsa3072 => KeySize::Rsa3072,
                    _ => KeySize::Rsa4096,
                };
                let kp =
                    RsaKeyPair::generate(size).map_err(|_| anyhow!("RSA key generation failed"))?;
                let pkcs8 = AsDer::<aws_lc_rs::encoding::Pkcs8V1Der>::as_der(&kp)
                    .map_err(|_| anyhow!("cannot encode the RSA key"))?
                    .as_ref()
                    .to_vec();
                Ok(PrivateKey {
                    inner: Inner::Rsa(kp),
                    alg,
                    pkcs8,
                })
            }
            KeyAlg::Ec256 | KeyAlg::Ec384 => {
                let rng = SystemRandom::new();
                let doc = EcdsaKeyPair::generate_pkcs8(ec_signing(alg), &rng)
                    .map_err(|_| anyhow!("EC key generation failed"))?;
                Self::from_pkcs8_der(doc.as_ref())
            }
        }
    }

    fn from_small_rsa(key: rsa::RsaPrivateKey) -> Result<Self> {
        use rsa::traits::PublicKeyParts;
        let alg = rsa_alg_for_bits(key.size() * 8)?;
        let pkcs8 = key
            .to_pkcs8_der()
            .map_err(|e| anyhow!("cannot encode the RSA key: {e}"))?
            .as_bytes()
            .to_vec();
        Ok(PrivateKey {
            inner: Inner::SmallRsa(Box::new(key)),
            alg,
            pkcs8,
        })
    }

    fn from_aws_rsa(kp: RsaKeyPair) -> Result<Self> {
        let alg = rsa_alg_for_bits(kp.public_modulus_len() * 8)?;
        let pkcs8 = AsDer::<aws_lc_rs::encoding::Pkcs8V1Der>::as_der(&kp)
            .map_err(|_| anyhow!("cannot encode the RSA key"))?
            .as_ref()
            .to_vec();
        Ok(PrivateKey {
            inner: Inner::Rsa(kp),
            alg,
            pkcs8,
        })
    }

    /// Loads an unencrypted PKCS#8 DER key (RSA or P-256/P-384 EC).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        if let Ok(kp) = RsaKeyPair::from_pkcs8(der) {
            return Self::from_aws_rsa(kp);
        }
        for alg in [KeyAlg::Ec256, KeyAlg::Ec384] {
            if let Ok(kp) = EcdsaKeyPair::from_pkcs8(ec_signing(alg), der) {
                return Ok(PrivateKey {
                    inner: Inner::Ec(kp),
                    alg,
                    pkcs8: der.to_vec(),
                });
            }
        }
        if let Ok(key) = rsa::RsaPrivateKey::from_pkcs8_der(der) {
            return Self::from_small_rsa(key);
        }
        bail!("not an RSA or EC (P-256/P-384) private key")
    }

    /// Loads a PEM key: PKCS#8 (`PRIVATE KEY`), PKCS#1 (`RSA PRIVATE KEY`) or
    /// SEC1 (`EC PRIVATE KEY`). Other PEM blocks (such as `EC PARAMETERS`
    /// written by `openssl ecparam -genkey`) are skipped.
    pub fn from_pem(text: &str) -> Result<Self> {
        let blocks = pem::parse_many(text).context("not valid PEM")?;
        for block in &blocks {
            match block.tag() {
                "PRIVATE KEY" => return Self::from_pkcs8_der(block.contents()),
                "RSA PRIVATE KEY" => {
                    if let Ok(kp) = RsaKeyPair::from_der(block.contents()) {
                        return Self::from_aws_rsa(kp);
                    }
                    let key = rsa::RsaPrivateKey::from_pkcs1_der(block.contents())
                        .map_err(|e| anyhow!("invalid RSA private key: {e}"))?;
                    return Self::from_small_rsa(key);
                }
                "EC PRIVATE KEY" => {
                    for alg in [KeyAlg::Ec256, KeyAlg::Ec384] {
                        if let Ok(kp) =
                            EcdsaKeyPair::from_private_key_der(ec_signing(alg), block.contents())
                        {
                            let pkcs8 = kp
                                .to_pkcs8v1()
                                .map_err(|_| anyhow!("cannot encode the EC key"))?
                                .as_ref()
                                .to_vec();
                            return Ok(PrivateKey {
                                inner: Inner::Ec(kp),
                                alg,
                                pkcs8,
                            });
                        }
                    }
                    bail!("unsupported EC key; only P-256 and P-384 curves are supported")
                }
                "ENCRYPTED PRIVATE KEY" => {
                    bail!(
                        "the key is encrypted; decrypt it first with `openssl pkey -in KEY -out PLAIN`"
                    )
                }
                _ => continue,
            }
        }
        bail!("no private key found (expected a PEM block such as -----BEGIN PRIVATE KEY-----)")
    }

    pub fn alg(&self) -> KeyAlg {
        self.alg
    }

    /// PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), as `openssl genpkey` writes.
    pub fn to_pkcs8_pem(&self) -> String {
        super::pem_encode("PRIVATE KEY", &self.pkcs8)
    }

    /// The traditional encoding: PKCS#1 for RSA, SEC1 for EC. The akeyless
    /// gateway hands out RSA keys this way (`prv_key` starts with
    /// `-----BEGIN RSA PRIVATE KEY-----`).
    pub fn to_traditional_pem(&self) -> Result<String> {
        match &self.inner {
            Inner::Rsa(_) | Inner::SmallRsa(_) => {
                let key = rsa::RsaPrivateKey::from_pkcs8_der(&self.pkcs8)
                    .map_err(|e| anyhow!("cannot re-encode the RSA key: {e}"))?;
                let der = key
                    .to_pkcs1_der()
                    .map_err(|e| anyhow!("cannot re-encode the RSA key: {e}"))?;
                Ok(super::pem_encode("RSA PRIVATE KEY", der.as_bytes()))
            }
            Inner::Ec(kp) => {
                let der =
                    AsDer::<aws_lc_rs::encoding::EcPrivateKeyRfc5915Der>::as_der(&kp.private_key())
                        .map_err(|_| anyhow!("cannot re-encode the EC key"))?;
                Ok(super::pem_encode("EC PRIVATE KEY", der.as_ref()))
            }
        }
    }

    /// SubjectPublicKeyInfo DER.
    pub fn public_key_spki_der(&self) -> Result<Vec<u8>> {
        match &self.inner {
            Inner::Rsa(kp) => Ok(AsDer::<aws_lc_rs::encoding::PublicKeyX509Der>::as_der(
                kp.public_key(),
            )
            .map_err(|_| anyhow!("cannot encode the public key"))?
            .as_ref()
            .to_vec()),
            Inner::SmallRsa(k) => Ok(k
                .to_public_key()
                .to_public_key_der()
                .map_err(|e| anyhow!("cannot encode the public key: {e}"))?
                .as_bytes()
                .to_vec()),
            Inner::Ec(kp) => Ok(AsDer::<aws_lc_rs::encoding::PublicKeyX509Der>::as_der(
                kp.public_key(),
            )
            .map_err(|_| anyhow!("cannot encode the public key"))?
            .as_ref()
            .to_vec()),
        }
    }

    /// PEM `PUBLIC KEY` (SubjectPublicKeyInfo).
    pub fn public_key_pem(&self) -> Result<String> {
        Ok(super::pem_encode(
            "PUBLIC KEY",
            &self.public_key_spki_der()?,
        ))
    }

    /// Checks that `hash` can be used with this key. P-256 keys sign with
    /// SHA-256 and P-384 keys with SHA-384 (the pairs aws-lc-rs and the Web
    /// PKI accept); RSA takes any of the three.
    pub fn check_hash(&self, hash: HashAlg) -> Result<()> {
        match (self.alg, hash) {
            (KeyAlg::Ec256, HashAlg::Sha256) | (KeyAlg::Ec384, HashAlg::Sha384) => Ok(()),
            (KeyAlg::Ec256, h) => bail!(
                "EC256 keys sign with SHA256, not {h}; drop --hash-algorithm or use --alg EC384 for SHA384"
            ),
            (KeyAlg::Ec384, h) => bail!(
                "EC384 keys sign with SHA384, not {h}; pass --hash-algorithm SHA384 or use --alg EC256 for SHA256"
            ),
            _ => Ok(()),
        }
    }

    /// The hash a signature uses when the caller did not choose one.
    pub fn default_hash(&self) -> HashAlg {
        match self.alg {
            KeyAlg::Ec384 => HashAlg::Sha384,
            _ => HashAlg::Sha256,
        }
    }

    /// DER AlgorithmIdentifier of the signature `sign` produces with `hash`.
    pub fn signature_algorithm_der(&self, hash: HashAlg) -> Vec<u8> {
        if self.alg.is_rsa() {
            let last = match hash {
                HashAlg::Sha256 => 11,
                HashAlg::Sha384 => 12,
                HashAlg::Sha512 => 13,
            };
            der::sequence(&[der::oid(&[1, 2, 840, 113549, 1, 1, last]), der::null()])
        } else {
            let last = match hash {
                HashAlg::Sha256 => 2,
                HashAlg::Sha384 => 3,
                HashAlg::Sha512 => 4,
            };
            der::sequence(&[der::oid(&[1, 2, 840, 10045, 4, 3, last])])
        }
    }

    /// Signs `msg` (PKCS#1 v1.5 for RSA, ASN.1 DER ECDSA for EC).
    pub fn sign(&self, hash: HashAlg, msg: &[u8]) -> Result<Vec<u8>> {
        self.check_hash(hash)?;
        match &self.inner {
            Inner::Rsa(kp) => {
                let enc = match hash {
                    HashAlg::Sha256 => &RSA_PKCS1_SHA256,
                    HashAlg::Sha384 => &RSA_PKCS1_SHA384,
                    HashAlg::Sha512 => &RSA_PKCS1_SHA512,
                };
                let mut sig = vec![0u8; kp.public_modulus_len()];
                kp.sign(enc, &SystemRandom::new(), msg, &mut sig)
                    .map_err(|_| anyhow!("RSA signing failed"))?;
                Ok(sig)
            }
            Inner::SmallRsa(k) => {
                use rsa::signature::{SignatureEncoding, Signer};
                let sig = match hash {
                    HashAlg::Sha256 => {
                        rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new((**k).clone())
                            .try_sign(msg)
                            .map(|s| s.to_vec())
                    }
                    HashAlg::Sha384 => {
                        rsa::pkcs1v15::SigningKey::<sha2::Sha384>::new((**k).clone())
                            .try_sign(msg)
                            .map(|s| s.to_vec())
                    }
                    HashAlg::Sha512 => {
                        rsa::pkcs1v15::SigningKey::<sha2::Sha512>::new((**k).clone())
                            .try_sign(msg)
                            .map(|s| s.to_vec())
                    }
                };
                sig.map_err(|e| anyhow!("RSA signing failed: {e}"))
            }
            Inner::Ec(kp) => Ok(kp
                .sign(&SystemRandom::new(), msg)
                .map_err(|_| anyhow!("ECDSA signing failed"))?
                .as_ref()
                .to_vec()),
        }
    }
}

fn ec_signing(alg: KeyAlg) -> &'static aws_lc_rs::signature::EcdsaSigningAlgorithm {
    match alg {
        KeyAlg::Ec384 => &ECDSA_P384_SHA384_ASN1_SIGNING,
        _ => &ECDSA_P256_SHA256_ASN1_SIGNING,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alg_names_round_trip_case_insensitively() {
        for alg in KeyAlg::ALL {
            assert_eq!(alg.as_str().to_lowercase().parse::<KeyAlg>().unwrap(), alg);
        }
        let err = "RSA512".parse::<KeyAlg>().unwrap_err();
        assert!(err.contains("RSA2048"), "{err}");
    }

    #[test]
    fn pem_round_trip_keeps_the_algorithm() {
        for alg in [
            KeyAlg::Rsa1024,
            KeyAlg::Rsa2048,
            KeyAlg::Ec256,
            KeyAlg::Ec384,
        ] {
            let key = PrivateKey::generate(alg).unwrap();
            let again = PrivateKey::from_pem(&key.to_pkcs8_pem()).unwrap();
            assert_eq!(again.alg(), alg);
            assert_eq!(
                again.public_key_spki_der().unwrap(),
                key.public_key_spki_der().unwrap()
            );
            let trad = PrivateKey::from_pem(&key.to_traditional_pem().unwrap()).unwrap();
            assert_eq!(
                trad.public_key_spki_der().unwrap(),
                key.public_key_spki_der().unwrap()
            );
        }
    }

    #[test]
    fn debug_hides_key_material() {
        let key = PrivateKey::generate(KeyAlg::Ec256).unwrap();
        assert_eq!(format!("{key:?}"), "PrivateKey(EC256)");
    }

    #[test]
    fn ec_rejects_mismatched_hash() {
        let key = PrivateKey::generate(KeyAlg::Ec256).unwrap();
        assert!(key.sign(HashAlg::Sha384, b"x").is_err());
        assert!(key.sign(HashAlg::Sha256, b"x").is_ok());
    }

    #[test]
    fn encrypted_keys_get_a_hint() {
        let pem =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
        let err = PrivateKey::from_pem(pem).unwrap_err().to_string();
        assert!(err.contains("decrypt"), "{err}");
    }
}
