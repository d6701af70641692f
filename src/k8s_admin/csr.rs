//! CertificateSigningRequest reading: the subject a PEM request asks for,
//! the expiration bounds, and where a CSR object stands (its conditions).
//! Apart from [`super::client_cert`], which drives the API calls, because
//! these are pure functions of the request or the object.

use anyhow::{Result, anyhow, bail};
use k8s_openapi::api::certificates::v1::{
    CertificateSigningRequest, CertificateSigningRequestCondition,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use super::{APPROVE_MESSAGE, APPROVE_REASON, MIN_EXPIRATION_SECONDS};

/// Subject of a certificate signing request: the Kubernetes user (CN) and
/// groups (O) the issued certificate authenticates as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrSubject {
    pub common_name: String,
    pub organizations: Vec<String>,
}

/// Parses one PEM `CERTIFICATE REQUEST`; returns the DER of what it asks
/// for (the signed `CertificationRequestInfo`: subject, public key,
/// attributes; not the signature, which ECDSA randomizes) and its subject.
pub fn parse_csr_pem(text: &str) -> Result<(Vec<u8>, CsrSubject)> {
    let blocks = pem::parse_many(text.as_bytes()).map_err(|e| {
        anyhow!("the CSR is not PEM ({e}); expected -----BEGIN CERTIFICATE REQUEST-----")
    })?;
    let reqs: Vec<&pem::Pem> = blocks
        .iter()
        .filter(|b| b.tag() == "CERTIFICATE REQUEST" || b.tag() == "NEW CERTIFICATE REQUEST")
        .collect();
    let block = match reqs.as_slice() {
        [one] => *one,
        [] => bail!("the CSR holds no PEM CERTIFICATE REQUEST block"),
        _ => bail!(
            "the CSR holds {} CERTIFICATE REQUEST blocks; pass exactly one",
            reqs.len()
        ),
    };
    use x509_parser::prelude::FromDer;
    let (_, req) =
        x509_parser::certification_request::X509CertificationRequest::from_der(block.contents())
            .map_err(|e| anyhow!("the CSR cannot be parsed: {e}"))?;
    let subject = &req.certification_request_info.subject;
    let text_of = |a: &x509_parser::x509::AttributeTypeAndValue| -> Result<String> {
        a.as_str()
            .map(str::to_owned)
            .map_err(|_| anyhow!("the CSR's subject has a non-text attribute"))
    };
    let common_name = match subject.iter_common_name().next() {
        Some(a) => text_of(a)?,
        None => String::new(),
    };
    let organizations = subject
        .iter_organization()
        .map(text_of)
        .collect::<Result<Vec<_>>>()?;
    Ok((
        req.certification_request_info.raw.to_vec(),
        CsrSubject {
            common_name,
            organizations,
        },
    ))
}

/// `spec.expirationSeconds` must be at least 600 and fit an int32.
pub fn check_expiration(seconds: Option<i64>) -> Result<()> {
    if let Some(s) = seconds
        && !(MIN_EXPIRATION_SECONDS..=i64::from(i32::MAX)).contains(&s)
    {
        bail!(
            "--expiration-seconds {s} is out of range: Kubernetes requires at least {MIN_EXPIRATION_SECONDS} (10 minutes) and at most {}",
            i32::MAX
        );
    }
    Ok(())
}

/// The condition akl adds on approval (as `kubectl certificate approve`).
pub fn approval_condition() -> CertificateSigningRequestCondition {
    CertificateSigningRequestCondition {
        type_: "Approved".into(),
        status: "True".into(),
        reason: Some(APPROVE_REASON.into()),
        message: Some(APPROVE_MESSAGE.into()),
        last_update_time: Some(Time(k8s_openapi::jiff::Timestamp::now())),
        last_transition_time: None,
    }
}

/// Where a CSR stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsrState {
    /// The signer issued the certificate (PEM bytes).
    Issued(Vec<u8>),
    Denied {
        reason: String,
        message: String,
    },
    Failed {
        reason: String,
        message: String,
    },
    /// Approved, not signed yet.
    Approved,
    /// Neither approved nor denied.
    Pending,
}

fn condition<'a>(
    csr: &'a CertificateSigningRequest,
    ty: &str,
) -> Option<&'a CertificateSigningRequestCondition> {
    csr.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| {
            cs.iter()
                .find(|c| c.type_ == ty && (c.status.is_empty() || c.status == "True"))
        })
}

/// The state of a CSR from its status.
pub fn csr_state(csr: &CertificateSigningRequest) -> CsrState {
    let detail = |c: &CertificateSigningRequestCondition| {
        (
            c.reason.clone().unwrap_or_default(),
            c.message.clone().unwrap_or_default(),
        )
    };
    if let Some(c) = condition(csr, "Denied") {
        let (reason, message) = detail(c);
        return CsrState::Denied { reason, message };
    }
    if let Some(c) = condition(csr, "Failed") {
        let (reason, message) = detail(c);
        return CsrState::Failed { reason, message };
    }
    if let Some(cert) = csr
        .status
        .as_ref()
        .and_then(|s| s.certificate.as_ref())
        .filter(|c| !c.0.is_empty())
    {
        return CsrState::Issued(cert.0.clone());
    }
    if condition(csr, "Approved").is_some() {
        return CsrState::Approved;
    }
    CsrState::Pending
}

fn describe_condition(reason: &str, message: &str) -> String {
    match (reason.is_empty(), message.is_empty()) {
        (true, true) => "no reason given".into(),
        (false, true) => format!("reason {reason}"),
        (true, false) => format!("message: {message}"),
        (false, false) => format!("reason {reason}: {message}"),
    }
}

pub(super) fn final_state_error(name: &str, state: &CsrState) -> Option<anyhow::Error> {
    match state {
        CsrState::Denied { reason, message } => Some(anyhow!(
            "CertificateSigningRequest {name} was denied ({}); no certificate will be issued: delete it (kubectl delete csr {name}) and submit a new one",
            describe_condition(reason, message)
        )),
        CsrState::Failed { reason, message } => Some(anyhow!(
            "CertificateSigningRequest {name} failed ({}); no certificate will be issued: fix the request, delete it (kubectl delete csr {name}) and submit a new one",
            describe_condition(reason, message)
        )),
        _ => None,
    }
}

/// A freshly signed PEM request for user `cn` in groups `orgs`, for the
/// tests here and in [`super::client_cert`].
#[cfg(test)]
pub(super) fn test_csr_pem(cn: &str, orgs: &[&str]) -> String {
    let key = crate::pki::PrivateKey::generate(crate::pki::KeyAlg::Ec256).unwrap();
    let spec = crate::pki::CsrSpec {
        common_name: cn.into(),
        organizations: orgs.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    spec.to_pem(&key, key.default_hash()).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s_admin::client_cert::ClientCertRequest;
    use k8s_openapi::ByteString;

    #[test]
    fn states_from_conditions() {
        let mut csr = ClientCertRequest {
            name: "a".into(),
            csr_pem: test_csr_pem("a", &[]),
            expiration_seconds: None,
            approve: false,
            groups: Vec::new(),
        }
        .object();
        assert_eq!(csr_state(&csr), CsrState::Pending);
        csr.status = Some(Default::default());
        csr.status.as_mut().unwrap().conditions = Some(vec![approval_condition()]);
        assert_eq!(csr_state(&csr), CsrState::Approved);
        csr.status.as_mut().unwrap().certificate = Some(ByteString(b"PEM".to_vec()));
        assert_eq!(csr_state(&csr), CsrState::Issued(b"PEM".to_vec()));
        let st = csr.status.as_mut().unwrap();
        st.conditions
            .as_mut()
            .unwrap()
            .push(CertificateSigningRequestCondition {
                type_: "Failed".into(),
                status: "True".into(),
                reason: Some("R".into()),
                message: Some("M".into()),
                ..Default::default()
            });
        let s = csr_state(&csr);
        let e = final_state_error("a", &s).unwrap().to_string();
        assert!(e.contains("failed (reason R: M)"), "{e}");
    }
}
