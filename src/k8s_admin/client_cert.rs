//! The client-certificate flow of seed 000: submit a
//! `kubernetes.io/kube-apiserver-client` CertificateSigningRequest, approve
//! it, wait for the issued certificate; and the classic-key variant whose
//! CSR the gateway signs.

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use k8s_openapi::ByteString;
use k8s_openapi::api::certificates::v1::{
    CertificateSigningRequest, CertificateSigningRequestCondition, CertificateSigningRequestSpec,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Api;
use kube::api::Patch;
use serde_json::{Value, json};

use super::csr::{
    CsrState, CsrSubject, approval_condition, check_expiration, csr_state, final_state_error,
    parse_csr_pem,
};
use super::{
    Action, CLIENT_SIGNER, Change, POLL, Plan, call_failed, check_path_segment_name, is_code,
    patch_params, post_params,
};

/// What `issue-client-cert` submits.
#[derive(Debug, Clone)]
pub struct ClientCertRequest {
    /// Name of the CertificateSigningRequest object (the user, by convention).
    pub name: String,
    /// The PEM certificate signing request.
    pub csr_pem: String,
    /// `spec.expirationSeconds`.
    pub expiration_seconds: Option<i64>,
    /// Approve the CSR too.
    pub approve: bool,
    /// Groups (O) the CSR must carry; empty: any.
    pub groups: Vec<String>,
}

impl ClientCertRequest {
    /// Checks everything the API server would reject, before any call.
    pub fn validate(&self) -> Result<CsrSubject> {
        check_path_segment_name("--name", &self.name)?;
        check_expiration(self.expiration_seconds)?;
        let (_, subject) = parse_csr_pem(&self.csr_pem)?;
        if subject.common_name.trim().is_empty() {
            bail!(
                "the CSR has no common name (CN); Kubernetes takes the user name from it: regenerate it with --common-name {}",
                self.name
            );
        }
        if !self.groups.is_empty() {
            let mut want: Vec<&str> = self.groups.iter().map(String::as_str).collect();
            let mut have: Vec<&str> = subject.organizations.iter().map(String::as_str).collect();
            want.sort_unstable();
            want.dedup();
            have.sort_unstable();
            have.dedup();
            if want != have {
                bail!(
                    "the CSR's groups (O) are [{}] but --group asks for [{}]; regenerate the CSR with --org {} or drop --group",
                    have.join(", "),
                    want.join(", "),
                    want.join(",")
                );
            }
        }
        if subject.organizations.iter().any(|o| o == "system:masters") {
            bail!(
                "the CSR asks for group system:masters, which the {CLIENT_SIGNER} signer refuses; regenerate it without that --org"
            );
        }
        Ok(subject)
    }

    /// The CertificateSigningRequest of seed 000.
    pub fn object(&self) -> CertificateSigningRequest {
        let mut pem = self.csr_pem.trim().to_owned();
        pem.push('\n');
        CertificateSigningRequest {
            metadata: ObjectMeta {
                name: Some(self.name.clone()),
                ..Default::default()
            },
            spec: CertificateSigningRequestSpec {
                request: ByteString(pem.into_bytes()),
                signer_name: CLIENT_SIGNER.into(),
                usages: Some(vec!["client auth".into()]),
                expiration_seconds: self.expiration_seconds.map(|s| s as i32),
                ..Default::default()
            },
            status: None,
        }
    }
}

/// Compares an existing CSR with ours: the same request (subject, key and
/// extensions; a fresh signature of the same request counts as the same)
/// and signer mean it can be reused; anything else is refused.
fn check_existing_csr(req: &ClientCertRequest, existing: &CertificateSigningRequest) -> Result<()> {
    let name = &req.name;
    let ours = parse_csr_pem(&req.csr_pem)?.0;
    let theirs = String::from_utf8(existing.spec.request.0.clone())
        .ok()
        .and_then(|t| parse_csr_pem(&t).ok())
        .map(|(der, _)| der);
    if theirs.as_deref() != Some(ours.as_slice()) {
        bail!(
            "a CertificateSigningRequest named {name} already exists with a different request; delete it first (kubectl delete csr {name}) or pass another --name"
        );
    }
    if existing.spec.signer_name != CLIENT_SIGNER {
        bail!(
            "a CertificateSigningRequest named {name} already exists for signer {}, not {CLIENT_SIGNER}; delete it first (kubectl delete csr {name})",
            existing.spec.signer_name
        );
    }
    Ok(())
}

/// Reads what exists and returns the plan for `req` (nothing is written).
pub async fn plan_client_cert(client: &kube::Client, req: &ClientCertRequest) -> Result<Plan> {
    req.validate()?;
    let api: Api<CertificateSigningRequest> = Api::all(client.clone());
    let name = &req.name;
    let kind = "CertificateSigningRequest";
    let existing = api.get_opt(name).await.map_err(|e| {
        call_failed(
            &e,
            &format!("read CertificateSigningRequest {name}"),
            "`get` on certificatesigningrequests.certificates.k8s.io",
        )
    })?;
    let mut changes = Vec::new();
    let mut extra = Vec::new();
    let state = match &existing {
        Some(csr) => {
            check_existing_csr(req, csr)?;
            let state = csr_state(csr);
            if let Some(e) = final_state_error(name, &state) {
                return Err(e);
            }
            changes.push(Change::new(Action::Unchanged, kind, None, name, csr));
            state
        }
        None => {
            changes.push(Change::new(Action::Create, kind, None, name, &req.object()));
            CsrState::Pending
        }
    };
    match state {
        CsrState::Pending if req.approve => {
            let patch = approval_patch(existing.as_ref());
            changes.push(Change::new(Action::Approve, kind, None, name, &patch));
            extra.push("wait for the signer to issue the certificate".to_owned());
        }
        CsrState::Pending => extra.push(format!(
            "wait for an admin to approve it (kubectl certificate approve {name})"
        )),
        CsrState::Approved => extra.push("wait for the signer to issue the certificate".into()),
        _ => extra.push("print the certificate it already holds".into()),
    }
    Ok(Plan::new(changes, &extra))
}

/// The approval patch: the existing conditions plus ours (a merge patch
/// replaces the list).
fn approval_patch(existing: Option<&CertificateSigningRequest>) -> Value {
    let mut conditions: Vec<CertificateSigningRequestCondition> = existing
        .and_then(|c| c.status.as_ref())
        .and_then(|s| s.conditions.clone())
        .unwrap_or_default();
    conditions.push(approval_condition());
    json!({ "status": { "conditions": conditions } })
}

/// What [`issue_client_cert`] obtained.
#[derive(Debug, Clone)]
pub struct IssuedCert {
    pub name: String,
    /// The certificate PEM (`status.certificate`, decoded).
    pub certificate_pem: Vec<u8>,
    /// Whether this run approved the CSR.
    pub approved: bool,
    /// Whether an existing CSR with the same request was reused.
    pub reused: bool,
}

impl IssuedCert {
    /// `status.certificate` as JSON holds it, i.e. what
    /// `kubectl get csr NAME -o jsonpath='{.status.certificate}'` prints.
    pub fn certificate_base64(&self) -> String {
        B64.encode(&self.certificate_pem)
    }
}

/// Progress reports while waiting for the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitPhase {
    PendingApproval,
    AwaitingSigner,
}

/// Creates the CSR (or reuses one with the same request), approves it when
/// asked, and waits up to `timeout` for the certificate, calling `progress`
/// on every poll.
pub async fn issue_client_cert(
    client: &kube::Client,
    req: &ClientCertRequest,
    timeout: Duration,
    progress: &mut dyn FnMut(WaitPhase, Duration),
) -> Result<IssuedCert> {
    req.validate()?;
    let api: Api<CertificateSigningRequest> = Api::all(client.clone());
    let name = &req.name;
    let read_failed = |e: &kube::Error| {
        call_failed(
            e,
            &format!("read CertificateSigningRequest {name}"),
            "`get` on certificatesigningrequests.certificates.k8s.io",
        )
    };
    let mut reused = false;
    let mut current = match api.get_opt(name).await.map_err(|e| read_failed(&e))? {
        Some(csr) => {
            check_existing_csr(req, &csr)?;
            reused = true;
            csr
        }
        None => match api.create(&post_params(), &req.object()).await {
            Ok(csr) => csr,
            Err(e) if is_code(&e, 409) => {
                // Created meanwhile: reuse it if it is ours.
                let csr = api.get(name).await.map_err(|e| read_failed(&e))?;
                check_existing_csr(req, &csr)?;
                reused = true;
                csr
            }
            Err(e) => {
                return Err(call_failed(
                    &e,
                    &format!("create CertificateSigningRequest {name}"),
                    "`create` on certificatesigningrequests.certificates.k8s.io",
                ));
            }
        },
    };
    if let Some(e) = final_state_error(name, &csr_state(&current)) {
        return Err(e);
    }
    let mut approved = false;
    let mut attempt = 0;
    while req.approve && csr_state(&current) == CsrState::Pending {
        attempt += 1;
        let mut patch = approval_patch(Some(&current));
        // The resourceVersion turns a concurrent change into a 409, after
        // which the CSR is read again (an admin may have decided meanwhile).
        patch["metadata"] = json!({ "resourceVersion": current.metadata.resource_version });
        match api
            .patch_approval(name, &patch_params(), &Patch::Merge(&patch))
            .await
        {
            Ok(_) => approved = true,
            Err(e) if is_code(&e, 409) && attempt < 5 => {
                current = api.get(name).await.map_err(|e| read_failed(&e))?;
                continue;
            }
            Err(e) if is_code(&e, 403) => {
                let detail = match &e {
                    kube::Error::Api(s) => s.message.replace('\n', " "),
                    _ => String::new(),
                };
                bail!(
                    "CertificateSigningRequest {name} was submitted but not approved: the user lacks `approve` on signers {CLIENT_SIGNER} (certificates.k8s.io; plus `update` on certificatesigningrequests/approval) (API server: {detail}); have a cluster admin run `kubectl certificate approve {name}`, then re-run without --approve to fetch the certificate"
                );
            }
            Err(e) => {
                return Err(call_failed(
                    &e,
                    &format!("approve CertificateSigningRequest {name}"),
                    "`update` on certificatesigningrequests/approval",
                ));
            }
        }
        break;
    }
    let started = Instant::now();
    let deadline = started + timeout;
    let mut csr = current;
    loop {
        match csr_state(&csr) {
            CsrState::Issued(pem) => {
                return Ok(IssuedCert {
                    name: name.clone(),
                    certificate_pem: pem,
                    approved,
                    reused,
                });
            }
            s @ (CsrState::Denied { .. } | CsrState::Failed { .. }) => {
                return Err(final_state_error(name, &s).unwrap_or_else(|| anyhow!("CSR failed")));
            }
            s => {
                let phase = if s == CsrState::Approved {
                    WaitPhase::AwaitingSigner
                } else {
                    WaitPhase::PendingApproval
                };
                if Instant::now() >= deadline {
                    return Err(timeout_error(name, phase, timeout));
                }
                progress(phase, started.elapsed());
            }
        }
        tokio::time::sleep(POLL).await;
        csr = api.get(name).await.map_err(|e| {
            if is_code(&e, 404) {
                anyhow!(
                    "CertificateSigningRequest {name} was deleted while waiting for its certificate; re-run to submit it again"
                )
            } else {
                read_failed(&e)
            }
        })?;
    }
}

fn timeout_error(name: &str, phase: WaitPhase, timeout: Duration) -> anyhow::Error {
    let secs = timeout.as_secs();
    match phase {
        WaitPhase::PendingApproval => anyhow!(
            "timed out after {secs}s: CertificateSigningRequest {name} is still pending approval; approve it as a cluster admin (kubectl certificate approve {name}) or re-run with --approve as a user allowed to approve {CLIENT_SIGNER}, then re-run to fetch the certificate"
        ),
        WaitPhase::AwaitingSigner => anyhow!(
            "timed out after {secs}s: CertificateSigningRequest {name} is approved but the {CLIENT_SIGNER} signer issued no certificate yet; check that kube-controller-manager runs its csrsigning controller (EKS does not sign this signer), then re-run to fetch it"
        ),
    }
}

/// The `generate-csr` request that makes the gateway sign a CSR with an
/// existing classic key: CN = the Kubernetes user, O = its groups.
pub fn classic_key_csr_body(key_name: &str, user: &str, groups: &[String], token: &str) -> Value {
    json!({
        "name": key_name,
        "common-name": user,
        "org": groups.join(","),
        "key-type": "classic-key",
        "generate-key": false,
        "token": token,
    })
}

/// The plan of `issue-client-cert --from-classic-key --dry-run`: nothing
/// is asked of the gateway or the cluster; the request the gateway would
/// get is shown (token redacted) and the CSR's `request` is a placeholder.
pub fn plan_classic_key_client_cert(
    name: &str,
    key_name: &str,
    groups: &[String],
    expiration_seconds: Option<i64>,
    approve: bool,
) -> Result<Plan> {
    check_path_segment_name("--name", name)?;
    if key_name.trim().is_empty() {
        bail!("--from-classic-key must not be empty");
    }
    if groups.iter().any(|g| g == "system:masters") {
        bail!(
            "--group system:masters is refused by the {CLIENT_SIGNER} signer; pick another group"
        );
    }
    let probe = ClientCertRequest {
        name: name.to_owned(),
        csr_pem: String::new(),
        expiration_seconds,
        approve,
        groups: Vec::new(),
    };
    check_expiration(expiration_seconds)?;
    let kind = "CertificateSigningRequest";
    let mut create = Change::new(Action::Create, kind, None, name, &probe.object());
    create.object["spec"]["request"] = json!("<base64 of the CSR PEM the gateway returns>");
    let mut changes = vec![create];
    let mut extra = Vec::new();
    if approve {
        changes.push(Change::new(
            Action::Approve,
            kind,
            None,
            name,
            &approval_patch(None),
        ));
        extra.push("wait for the signer to issue the certificate".to_owned());
    } else {
        extra.push(format!(
            "wait for an admin to approve it (kubectl certificate approve {name})"
        ));
    }
    let mut plan = Plan::new(changes, &extra);
    plan.summary = format!(
        "{} (first the gateway signs the CSR with classic key {key_name}; neither the gateway nor the cluster was contacted)",
        plan.summary
    );
    plan.gateway_request = Some(classic_key_csr_body(
        key_name,
        name,
        groups,
        "<session token>",
    ));
    Ok(plan)
}

/// The CSR PEM in a `generate-csr` answer: `.data`, PEM or base64 of PEM.
pub fn csr_from_gateway_answer(answer: &Value) -> Result<String> {
    let data = answer
        .get("data")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| anyhow!("the gateway's generate-csr answer has no .data"))?;
    if data.starts_with("-----BEGIN") {
        return Ok(data.to_owned());
    }
    let decoded = B64
        .decode(data.split_whitespace().collect::<String>())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .filter(|s| s.trim_start().starts_with("-----BEGIN"))
        .ok_or_else(|| {
            anyhow!("the gateway's generate-csr .data is neither PEM nor base64 of PEM")
        })?;
    Ok(decoded.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s_admin::csr::test_csr_pem as csr_pem;

    #[test]
    fn csr_object_is_the_docs_object() {
        let pem = csr_pem("alice", &["g1", "g2"]);
        let req = ClientCertRequest {
            name: "alice".into(),
            csr_pem: pem.clone(),
            expiration_seconds: Some(3600),
            approve: false,
            groups: vec!["g2".into(), "g1".into()],
        };
        let subject = req.validate().unwrap();
        assert_eq!(subject.common_name, "alice");
        assert_eq!(subject.organizations, ["g1", "g2"]);
        let v = serde_json::to_value(req.object()).unwrap();
        assert_eq!(v["apiVersion"], "certificates.k8s.io/v1");
        assert_eq!(v["kind"], "CertificateSigningRequest");
        assert_eq!(v["metadata"]["name"], "alice");
        assert_eq!(v["spec"]["signerName"], CLIENT_SIGNER);
        assert_eq!(v["spec"]["usages"], json!(["client auth"]));
        assert_eq!(v["spec"]["expirationSeconds"], 3600);
        let request = B64.decode(v["spec"]["request"].as_str().unwrap()).unwrap();
        assert_eq!(String::from_utf8(request).unwrap().trim(), pem.trim());
    }

    #[test]
    fn validation_before_any_call() {
        let pem = csr_pem("alice", &[]);
        let mut req = ClientCertRequest {
            name: "alice".into(),
            csr_pem: pem,
            expiration_seconds: Some(599),
            approve: true,
            groups: Vec::new(),
        };
        let e = req.validate().unwrap_err().to_string();
        assert!(
            e.contains("--expiration-seconds 599") && e.contains("600"),
            "{e}"
        );
        req.expiration_seconds = Some(600);
        req.validate().unwrap();
        req.csr_pem = "not a csr".into();
        assert!(
            req.validate()
                .unwrap_err()
                .to_string()
                .contains("CERTIFICATE REQUEST")
        );
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let mut params = rcgen::CertificateParams::default();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(rcgen::DnType::OrganizationName, "g");
        req.csr_pem = params.serialize_request(&key).unwrap().pem().unwrap();
        assert!(
            req.validate()
                .unwrap_err()
                .to_string()
                .contains("common name")
        );
        req.csr_pem = csr_pem("x", &["system:masters"]);
        assert!(
            req.validate()
                .unwrap_err()
                .to_string()
                .contains("system:masters")
        );
        req.csr_pem = csr_pem("x", &[]);
        req.name = "a/b".into();
        assert!(req.validate().unwrap_err().to_string().contains("--name"));
    }

    #[test]
    fn a_fresh_signature_of_the_same_request_is_the_same_request() {
        let key = crate::pki::PrivateKey::generate(crate::pki::KeyAlg::Ec256).unwrap();
        let spec = crate::pki::CsrSpec {
            common_name: "a".into(),
            ..Default::default()
        };
        let one = spec.to_pem(&key, key.default_hash()).unwrap();
        let two = spec.to_pem(&key, key.default_hash()).unwrap();
        assert_ne!(one, two, "ECDSA signatures differ");
        let req = |pem: &str| ClientCertRequest {
            name: "a".into(),
            csr_pem: pem.to_owned(),
            expiration_seconds: None,
            approve: false,
            groups: Vec::new(),
        };
        check_existing_csr(&req(&two), &req(&one).object()).unwrap();
        let other = req(&csr_pem("a", &[]));
        let e = check_existing_csr(&other, &req(&one).object()).unwrap_err();
        assert!(e.to_string().contains("different request"), "{e}");
        let mut foreign = req(&one).object();
        foreign.spec.signer_name = "example.com/x".into();
        assert!(check_existing_csr(&req(&one), &foreign).is_err());
    }

    #[test]
    fn classic_key_body() {
        let body = classic_key_csr_body(
            "/k8s/c/csr/AkeylessK8sAuth",
            "AkeylessK8sAuth",
            &["AkeylessAuth".into(), "ops".into()],
            "t-123",
        );
        assert_eq!(
            body,
            json!({
                "name": "/k8s/c/csr/AkeylessK8sAuth",
                "common-name": "AkeylessK8sAuth",
                "org": "AkeylessAuth,ops",
                "key-type": "classic-key",
                "generate-key": false,
                "token": "t-123",
            })
        );
        let pem = csr_pem("x", &[]);
        assert_eq!(
            csr_from_gateway_answer(&json!({"data": pem})).unwrap(),
            pem.trim()
        );
        let b64 = B64.encode(&pem);
        assert_eq!(
            csr_from_gateway_answer(&json!({"data": b64})).unwrap(),
            pem.trim()
        );
        assert!(csr_from_gateway_answer(&json!({})).is_err());
    }
}
