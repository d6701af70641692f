//! Cluster CA, serving and client certificates, CSR parsing/signing, and the
//! service-account signing keys (signed with `jsonwebtoken`, independent of the crate under test).

use super::util::{b64url, now_unix};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, PublicKeyData, SanType, SignatureAlgorithm, SigningKey,
};
use serde_json::{Value, json};
use sha2::Digest as _;
use std::time::Duration;
use x509_parser::prelude::FromDer;

/// `OffsetDateTime` for a unix time, without naming the `time` crate.
macro_rules! at {
    ($unix:expr) => {
        rcgen::date_time_ymd(1970, 1, 1) + Duration::from_secs(($unix).max(0) as u64)
    };
}

// ---------------------------------------------------------------- DER helpers

fn read_tlv(data: &[u8]) -> Option<(u8, usize, usize)> {
    let tag = *data.first()?;
    let first = *data.get(1)? as usize;
    if first < 0x80 {
        return Some((tag, 2, first));
    }
    let n = first & 0x7f;
    if n == 0 || n > 4 || data.len() < 2 + n {
        return None;
    }
    let mut len = 0usize;
    for b in &data[2..2 + n] {
        len = (len << 8) | *b as usize;
    }
    Some((tag, 2 + n, len))
}

/// Splits DER content into its complete TLV elements.
fn elements(mut content: &[u8]) -> Option<Vec<&[u8]>> {
    let mut out = Vec::new();
    while !content.is_empty() {
        let (_, h, l) = read_tlv(content)?;
        if content.len() < h + l {
            return None;
        }
        out.push(&content[..h + l]);
        content = &content[h + l..];
    }
    Some(out)
}

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .iter()
            .copied()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn content_of(der: &[u8]) -> Option<&[u8]> {
    let (_, h, l) = read_tlv(der)?;
    der.get(h..h + l)
}

/// A DER `Name` with one RDN per organization followed by the common name
/// (the order Go's `pkix.Name` produces).
pub fn name_der(common_name: &str, organizations: &[String]) -> Vec<u8> {
    const OID_O: &[u8] = &[0x06, 0x03, 0x55, 0x04, 0x0a];
    const OID_CN: &[u8] = &[0x06, 0x03, 0x55, 0x04, 0x03];
    let mut rdns = Vec::new();
    let mut push = |oid: &[u8], value: &str| {
        let mut atv = oid.to_vec();
        atv.extend(tlv(0x0c, value.as_bytes()));
        rdns.extend(tlv(0x31, &tlv(0x30, &atv)));
    };
    for o in organizations {
        push(OID_O, o);
    }
    if !common_name.is_empty() {
        push(OID_CN, common_name);
    }
    tlv(0x30, &rdns)
}

// ---------------------------------------------------------------- CA

pub struct Ca {
    pub cert_pem: String,
    pub cert_der: Vec<u8>,
    issuer: Issuer<'static, KeyPair>,
}

impl Ca {
    pub fn generate(common_name: &str) -> Ca {
        let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("CA key");
        let now = now_unix();
        let mut params = CertificateParams::default();
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, common_name);
        params.distinguished_name = dn;
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
            KeyUsagePurpose::KeyCertSign,
        ];
        params.not_before = at!(now - 3600);
        params.not_after = at!(now + 10 * 365 * 86_400);
        let cert = params.self_signed(&key).expect("self-signed CA");
        Ca {
            cert_pem: cert.pem(),
            cert_der: cert.der().to_vec(),
            issuer: Issuer::new(params, key),
        }
    }

    /// Signs `params` for `public_key`; when `subject` is given, the subject `Name` of the
    /// result is replaced by that DER (rcgen cannot express repeated O attributes) and the
    /// TBS is re-signed.
    fn sign(
        &self,
        params: &CertificateParams,
        public_key: &impl PublicKeyData,
        subject: Option<&[u8]>,
    ) -> Result<Vec<u8>, String> {
        let cert = params
            .signed_by(public_key, &self.issuer)
            .map_err(|e| e.to_string())?;
        let der = cert.der().to_vec();
        match subject {
            None => Ok(der),
            Some(subject) => self.replace_subject(&der, subject),
        }
    }

    fn replace_subject(&self, cert_der: &[u8], subject: &[u8]) -> Result<Vec<u8>, String> {
        let bad = || "malformed generated certificate".to_string();
        let outer = elements(content_of(cert_der).ok_or_else(bad)?).ok_or_else(bad)?;
        if outer.len() != 3 {
            return Err(bad());
        }
        let tbs = elements(content_of(outer[0]).ok_or_else(bad)?).ok_or_else(bad)?;
        let offset = usize::from(tbs.first().map(|e| e[0]) == Some(0xa0));
        let subject_index = offset + 4;
        if tbs.len() <= subject_index {
            return Err(bad());
        }
        let mut new_tbs_content = Vec::new();
        for (i, e) in tbs.iter().enumerate() {
            if i == subject_index {
                new_tbs_content.extend_from_slice(subject);
            } else {
                new_tbs_content.extend_from_slice(e);
            }
        }
        let new_tbs = tlv(0x30, &new_tbs_content);
        let sig = self
            .issuer
            .key()
            .sign(&new_tbs)
            .map_err(|e| e.to_string())?;
        let mut bits = vec![0u8];
        bits.extend(sig);
        let mut content = new_tbs;
        content.extend_from_slice(outer[1]);
        content.extend(tlv(0x03, &bits));
        Ok(tlv(0x30, &content))
    }

    /// TLS serving certificate for the API server.
    pub fn serving_cert(&self) -> (Vec<u8>, KeyPair) {
        let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("serving key");
        let now = now_unix();
        let mut params = CertificateParams::new(vec![
            "localhost".to_string(),
            "kubernetes".to_string(),
            "kubernetes.default".to_string(),
            "kubernetes.default.svc".to_string(),
            "kubernetes.default.svc.cluster.local".to_string(),
        ])
        .expect("SANs");
        params
            .subject_alt_names
            .push(SanType::IpAddress("127.0.0.1".parse().unwrap()));
        params
            .subject_alt_names
            .push(SanType::IpAddress("::1".parse().unwrap()));
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CommonName, "kube-apiserver");
        params.distinguished_name = dn;
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.use_authority_key_identifier_extension = true;
        params.not_before = at!(now - 3600);
        params.not_after = at!(now + 365 * 86_400);
        let der = self.sign(&params, &key, None).expect("serving cert");
        (der, key)
    }

    /// A client certificate as kubeadm issues them: CN = user, one O per group, EKU clientAuth.
    pub fn client_cert(
        &self,
        user: &str,
        groups: &[String],
        lifetime_secs: i64,
    ) -> (String, String) {
        let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("client key");
        let now = now_unix();
        let mut params = CertificateParams::default();
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        params.use_authority_key_identifier_extension = true;
        params.not_before = at!(now - 300);
        params.not_after = at!(now + lifetime_secs);
        let der = self
            .sign(&params, &key, Some(&name_der(user, groups)))
            .expect("client cert");
        (
            pem::encode(&pem::Pem::new("CERTIFICATE", der)),
            key.serialize_pem(),
        )
    }

    /// What the kube-controller-manager csrsigning controller does for an approved CSR:
    /// copy the subject, set key usages / EKUs from `usages`, validity now-5m .. now+ttl.
    pub fn sign_csr(
        &self,
        csr: &ParsedCsr,
        usages: &[String],
        ttl_secs: i64,
    ) -> Result<String, String> {
        let now = now_unix();
        let mut params = CertificateParams::default();
        params.is_ca = IsCa::ExplicitNoCa;
        params.use_authority_key_identifier_extension = true;
        let mut ku = Vec::new();
        let mut eku = Vec::new();
        for u in usages {
            match u.as_str() {
                "digital signature" => ku.push(KeyUsagePurpose::DigitalSignature),
                "content commitment" => ku.push(KeyUsagePurpose::ContentCommitment),
                "key encipherment" => ku.push(KeyUsagePurpose::KeyEncipherment),
                "key agreement" => ku.push(KeyUsagePurpose::KeyAgreement),
                "data encipherment" => ku.push(KeyUsagePurpose::DataEncipherment),
                "cert sign" => ku.push(KeyUsagePurpose::KeyCertSign),
                "crl sign" => ku.push(KeyUsagePurpose::CrlSign),
                "encipher only" => ku.push(KeyUsagePurpose::EncipherOnly),
                "decipher only" => ku.push(KeyUsagePurpose::DecipherOnly),
                "any" => eku.push(ExtendedKeyUsagePurpose::Any),
                "server auth" => eku.push(ExtendedKeyUsagePurpose::ServerAuth),
                "client auth" => eku.push(ExtendedKeyUsagePurpose::ClientAuth),
                "code signing" => eku.push(ExtendedKeyUsagePurpose::CodeSigning),
                "email protection" | "s/mime" => eku.push(ExtendedKeyUsagePurpose::EmailProtection),
                "timestamping" => eku.push(ExtendedKeyUsagePurpose::TimeStamping),
                "ocsp signing" => eku.push(ExtendedKeyUsagePurpose::OcspSigning),
                _ => {}
            }
        }
        params.key_usages = ku;
        params.extended_key_usages = eku;
        params.not_before = at!(now - 300);
        params.not_after = at!(now + ttl_secs);
        let der = self.sign(&params, &csr.key, Some(&csr.subject_der))?;
        Ok(pem::encode(&pem::Pem::new("CERTIFICATE", der)))
    }
}

// ---------------------------------------------------------------- CSRs

/// The public key of a CSR, usable by rcgen as the certified key.
pub struct CsrPublicKey {
    alg: &'static SignatureAlgorithm,
    raw: Vec<u8>,
}

impl PublicKeyData for CsrPublicKey {
    fn der_bytes(&self) -> &[u8] {
        &self.raw
    }

    fn algorithm(&self) -> &'static SignatureAlgorithm {
        self.alg
    }
}

pub struct ParsedCsr {
    pub subject_der: Vec<u8>,
    pub common_name: String,
    pub organizations: Vec<String>,
    pub key: CsrPublicKey,
}

/// `certificates.ParseCSR` + `CheckSignature`, with Go's error texts where they matter.
pub fn parse_csr(request: &[u8]) -> Result<ParsedCsr, String> {
    let block = pem::parse(request)
        .map_err(|_| "PEM block type must be CERTIFICATE REQUEST".to_string())?;
    if block.tag() != "CERTIFICATE REQUEST" {
        return Err("PEM block type must be CERTIFICATE REQUEST".into());
    }
    let der = block.contents();
    let (_, csr) = x509_parser::certification_request::X509CertificationRequest::from_der(der)
        .map_err(|e| format!("x509: malformed certificate request: {e}"))?;
    let info = &csr.certification_request_info;
    let spki = &info.subject_pki;
    let key_bytes: &[u8] = &spki.subject_public_key.data;
    let parsed = spki
        .parsed()
        .map_err(|e| format!("x509: failed to parse public key: {e}"))?;
    let key_oid = spki.algorithm.algorithm.to_id_string();
    use aws_lc_rs::signature as sig;
    let (verify_alg, rcgen_alg, failure): (
        &'static dyn sig::VerificationAlgorithm,
        &'static SignatureAlgorithm,
        &str,
    ) = {
        let sig_oid = csr.signature_algorithm.algorithm.to_id_string();
        match (&parsed, sig_oid.as_str()) {
            (x509_parser::public_key::PublicKey::RSA(_), "1.2.840.113549.1.1.11") => (
                &sig::RSA_PKCS1_2048_8192_SHA256,
                &rcgen::PKCS_RSA_SHA256,
                "crypto/rsa: verification error",
            ),
            (x509_parser::public_key::PublicKey::RSA(_), "1.2.840.113549.1.1.12") => (
                &sig::RSA_PKCS1_2048_8192_SHA384,
                &rcgen::PKCS_RSA_SHA256,
                "crypto/rsa: verification error",
            ),
            (x509_parser::public_key::PublicKey::RSA(_), "1.2.840.113549.1.1.13") => (
                &sig::RSA_PKCS1_2048_8192_SHA512,
                &rcgen::PKCS_RSA_SHA256,
                "crypto/rsa: verification error",
            ),
            (x509_parser::public_key::PublicKey::EC(p), oid) if p.data().len() == 65 => (
                if oid == "1.2.840.10045.4.3.3" {
                    &sig::ECDSA_P256_SHA384_ASN1
                } else {
                    &sig::ECDSA_P256_SHA256_ASN1
                },
                &rcgen::PKCS_ECDSA_P256_SHA256,
                "x509: ECDSA verification failure",
            ),
            (x509_parser::public_key::PublicKey::EC(p), oid) if p.data().len() == 97 => (
                if oid == "1.2.840.10045.4.3.2" {
                    &sig::ECDSA_P384_SHA256_ASN1
                } else {
                    &sig::ECDSA_P384_SHA384_ASN1
                },
                &rcgen::PKCS_ECDSA_P384_SHA384,
                "x509: ECDSA verification failure",
            ),
            (_, "1.3.101.112") if key_oid == "1.3.101.112" => (
                &sig::ED25519,
                &rcgen::PKCS_ED25519,
                "x509: Ed25519 verification failure",
            ),
            _ => return Err("x509: cannot verify signature: algorithm unimplemented".into()),
        }
    };
    sig::UnparsedPublicKey::new(verify_alg, key_bytes)
        .verify(info.raw, &csr.signature_value.data)
        .map_err(|_| failure.to_string())?;
    let common_name = info
        .subject
        .iter_common_name()
        .next()
        .and_then(|a| a.as_str().ok())
        .unwrap_or_default()
        .to_string();
    let organizations = info
        .subject
        .iter_organization()
        .filter_map(|a| a.as_str().ok().map(str::to_string))
        .collect();
    Ok(ParsedCsr {
        subject_der: info.subject.as_raw().to_vec(),
        common_name,
        organizations,
        key: CsrPublicKey {
            alg: rcgen_alg,
            raw: key_bytes.to_vec(),
        },
    })
}

/// Identity of a verified TLS client certificate, as the x509 request authenticator derives it.
pub fn identity_from_cert(der: &[u8]) -> Option<(String, Vec<String>, String)> {
    let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
    let cn = cert
        .subject()
        .iter_common_name()
        .next()
        .and_then(|a| a.as_str().ok())?
        .to_string();
    let orgs = cert
        .subject()
        .iter_organization()
        .filter_map(|a| a.as_str().ok().map(str::to_string))
        .collect();
    let fingerprint = hex::encode(sha2::Sha256::digest(der));
    Some((cn, orgs, fingerprint))
}

// ---------------------------------------------------------------- service-account keys

/// Algorithm of the service-account signing key (`--service-account-signing-key-file`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaKeyAlg {
    Rs256,
    Es256,
}

pub struct SaKey {
    pub alg: jsonwebtoken::Algorithm,
    pub alg_name: &'static str,
    pub kid: String,
    pub jwk: Value,
    pub private_key_pem: String,
    pub public_key_pem: String,
    enc: jsonwebtoken::EncodingKey,
    dec: jsonwebtoken::DecodingKey,
}

impl SaKey {
    pub fn generate(alg: SaKeyAlg) -> SaKey {
        let key = match alg {
            SaKeyAlg::Rs256 => KeyPair::generate_for(&rcgen::PKCS_RSA_SHA256),
            SaKeyAlg::Es256 => KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256),
        }
        .expect("service-account key");
        let private_key_pem = key.serialize_pem();
        let spki_der = key.subject_public_key_info();
        // keyIDFromPublicKey: base64url(sha256(PKIX DER))
        let kid = b64url(&sha2::Sha256::digest(&spki_der));
        let (_, spki) = x509_parser::x509::SubjectPublicKeyInfo::from_der(&spki_der).expect("SPKI");
        let strip = |b: &[u8]| -> Vec<u8> {
            let i = b
                .iter()
                .position(|x| *x != 0)
                .unwrap_or(b.len().saturating_sub(1));
            b[i..].to_vec()
        };
        let (jalg, alg_name, jwk, enc, dec) = match spki.parsed().expect("public key") {
            x509_parser::public_key::PublicKey::RSA(rsa) => {
                let n = b64url(&strip(rsa.modulus));
                let e = b64url(&strip(rsa.exponent));
                (
                    jsonwebtoken::Algorithm::RS256,
                    "RS256",
                    json!({"use": "sig", "kty": "RSA", "kid": kid, "alg": "RS256", "n": n, "e": e}),
                    jsonwebtoken::EncodingKey::from_rsa_pem(private_key_pem.as_bytes())
                        .expect("RSA key"),
                    jsonwebtoken::DecodingKey::from_rsa_components(&n, &e).expect("RSA components"),
                )
            }
            x509_parser::public_key::PublicKey::EC(point) => {
                let data = point.data();
                let x = b64url(&data[1..33]);
                let y = b64url(&data[33..65]);
                (
                    jsonwebtoken::Algorithm::ES256,
                    "ES256",
                    json!({"use": "sig", "kty": "EC", "kid": kid, "crv": "P-256", "alg": "ES256", "x": x, "y": y}),
                    jsonwebtoken::EncodingKey::from_ec_pem(private_key_pem.as_bytes())
                        .expect("EC key"),
                    jsonwebtoken::DecodingKey::from_ec_components(&x, &y).expect("EC components"),
                )
            }
            _ => unreachable!(),
        };
        SaKey {
            alg: jalg,
            alg_name,
            kid,
            jwk,
            private_key_pem,
            public_key_pem: pem::encode(&pem::Pem::new("PUBLIC KEY", spki_der)),
            enc,
            dec,
        }
    }

    /// Compact JWS with the header go-jose writes for kube-apiserver: `{"alg":..,"kid":..}`.
    pub fn sign(&self, claims: &Value) -> String {
        let header = json!({"alg": self.alg_name, "kid": self.kid});
        let message = format!(
            "{}.{}",
            b64url(header.to_string().as_bytes()),
            b64url(claims.to_string().as_bytes())
        );
        let sig =
            jsonwebtoken::crypto::sign(message.as_bytes(), &self.enc, self.alg).expect("sign JWT");
        format!("{message}.{sig}")
    }

    /// Verifies the signature of a compact JWS whose header names `alg`.
    pub fn verify(&self, signing_input: &str, signature: &str, alg: &str) -> bool {
        if alg != self.alg_name {
            return false;
        }
        jsonwebtoken::crypto::verify(signature, signing_input.as_bytes(), &self.dec, self.alg)
            .unwrap_or(false)
    }
}
