//! The official akeyless Python SDK (PyPI `akeyless`, pinned in .ci/run)
//! as a real client of the gateway: tests/sdk/test_sdk.py calls every
//! command the gateway serves and checks every answer against the SDK's
//! models. This test starts the gateway and the Kubernetes API test server,
//! hands the script what it needs in its environment, and fails with the
//! script's output when any check fails, or when the SDK is missing.

mod common;
mod support;

use std::process::Command;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::Run;
use common::gateway::Gateway;
use support::{KubeApiServer, Subject, TokenOpts};

fn for_pod(pod: &str) -> TokenOpts {
    TokenOpts {
        pod: Some(pod.to_owned()),
        ..Default::default()
    }
}

#[test]
fn official_python_sdk_parses_every_answer() {
    let kube = KubeApiServer::start();
    for ns in ["my-namespace-a", "my-namespace-b"] {
        kube.create_namespace(ns);
    }
    kube.create_pod("my-namespace-a", "mypod1", "default");
    kube.create_pod("my-namespace-b", "mypod2", "default");
    kube.create_service_account("default", "gateway-token-reviewer");
    kube.bind_auth_delegator(Subject::ServiceAccount {
        ns: "default".into(),
        name: "gateway-token-reviewer".into(),
    });
    let reviewer = kube.legacy_token("default", "gateway-token-reviewer");
    let pod_a = kube.token_request("my-namespace-a", "default", for_pod("mypod1"));
    let pod_b = kube.token_request("my-namespace-b", "default", for_pod("mypod2"));
    let (cert_pem, key_pem) = kube.issue_client_cert("sdk-user", &["sdk"]);

    let dir = tempfile::tempdir().unwrap();
    let gw = Gateway::start(&dir.path().join("gw"));
    let (admin_id, admin_key) = gw.admin.clone().expect("first start prints the admin key");

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sdk/test_sdk.py");
    let out = Command::new("python3")
        .arg(script)
        .current_dir(dir.path())
        .env("AKL_URL", &gw.url)
        .env("AKL_CA", &gw.ca_file)
        .env("AKL_ADMIN_ID", &admin_id)
        .env("AKL_ADMIN_KEY", &admin_key)
        .env("K8S_HOST", kube.url())
        .env("K8S_CA_B64", STANDARD.encode(kube.ca_pem()))
        .env("K8S_REVIEWER_JWT", &reviewer)
        .env("POD_JWT_A", &pod_a)
        .env("POD_JWT_B", &pod_b)
        .env("CERT_PEM", &cert_pem)
        .env("KEY_PEM", &key_pem)
        .env_remove("HTTPS_PROXY")
        .env_remove("https_proxy")
        .output()
        .expect("python3 must be installed to run the SDK suite");
    let r = Run::from_output(out);
    assert_eq!(
        r.code,
        0,
        "the official SDK suite failed (exit {}):\n{}\n{}\n--- gateway log ---\n{}",
        r.code,
        r.stdout,
        r.stderr,
        gw.logs()
    );
    assert!(r.stdout.contains(" passed, 0 failed"), "{}", r.stdout);
}
