//! Seed 000 (client certificate) replayed command by command with
//! `akeyless` pointed at `akl`: a classic key and CSR on the gateway, the
//! Kubernetes CSR approved and signed, the certificate stored with an
//! expiration event, a certificate-mode auth config, and a pod login. The
//! kubectl steps are replaced by their `akl k8s` equivalents.

mod common;
mod support;

use std::process::Command;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use common::gateway::Gateway;
use common::{Run, akl_bin};
use support::{KubeApiServer, KubeconfigUser, TokenOpts};

/// The seed's commands. Changes from the document: kubectl steps use
/// `akl k8s …`; the issued certificate lives 10 days (`--expiration-seconds`)
/// so `--expiration-event-in 30` fires; and the config command's first line
/// gets the `\` the document lost (as printed it cannot run in any shell).
const SEED_000: &str = r#"
set -euo pipefail
export USER_NAME="AkeylessK8sAuth";
export GROUP="AkeylessAuth";
K8S_CSR=$(akeyless generate-csr -n /k8s/Clustername/csr/$USER_NAME --generate-key --alg RSA2048 --common-name $USER_NAME --gateway-url $GATEWAY_URL --org $GROUP --json --jq-expression ".data"| base64 | tr -d "\n")
USER_KEY=$(akeyless export-classic-key -n /k8s/Clustername/csr/$USER_NAME --jq-expression ".key" | base64)
# kubectl apply -f - (CertificateSigningRequest), kubectl certificate approve,
# kubectl get csr $USER_NAME -o jsonpath='{.status.certificate}':
echo "$K8S_CSR" | base64 -d > k8s.csr
USER_CERT=$(akl k8s issue-client-cert --name $USER_NAME --csr-file k8s.csr --approve --expiration-seconds 864000)
akeyless create-certificate --name /k8s/Clustername/certificates/$USER_NAME --certificate-data $USER_CERT --key-data $USER_KEY --expiration-event-in 30
# ClusterRoleBinding role-tokenreview-binding for the user:
akl k8s bind-auth-delegator --user $USER_NAME
# CA_CERT=$(kubectl config view --raw --minify --flatten --output 'jsonpath={.clusters[].cluster.certificate-authority-data}')
CA_CERT=$(akl k8s ca-cert)
OUT=$(akeyless create-auth-method-k8s -n my-k8s-auth-method --bound-pod-names mypod1 \
    --bound-pod-names mypod2 --bound-namespaces my-namespace-a --json)
ACCESS_ID=$(echo "$OUT" | jq -r .access_id)
PRV_KEY=$(echo "$OUT" | jq -r .prv_key)
K8S_ISSUER=$(akl k8s issuer)
akeyless gateway-create-k8s-auth-config \
--name k8s-conf \
--gateway-url $GATEWAY_URL \
--access-id $ACCESS_ID \
--signing-key $PRV_KEY \
--k8s-auth-type certificate \
--k8s-host $K8S_HOST \
--k8s-client-certificate $USER_CERT \
--k8s-client-key $USER_KEY \
--k8s-ca-cert $CA_CERT \
--k8s-issuer $K8S_ISSUER
echo "ACCESS_ID=$ACCESS_ID"
"#;

#[test]
fn seed_000_client_certificate_end_to_end() {
    let kube = KubeApiServer::start();
    kube.create_namespace("my-namespace-a");
    kube.create_pod("my-namespace-a", "mypod1", "default");
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(akl_bin(), bin.join("akeyless")).unwrap();
    std::os::unix::fs::symlink(akl_bin(), bin.join("akl")).unwrap();
    let kc = dir.path().join("kubeconfig");
    kube.write_kubeconfig(&kc, KubeconfigUser::AdminToken, "admin");
    let data = dir.path().join("gw");
    let port = Gateway::free_port();
    let args = ["--expiration-check-interval", "1"];
    let gw = Gateway::start_with(&data, port, &args, &[]);
    let (admin_id, admin_key) = gw.admin.clone().unwrap();
    let env = |c: &mut Command| {
        c.current_dir(dir.path())
            .env("HOME", dir.path())
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    bin.display(),
                    std::env::var("PATH").unwrap_or_default()
                ),
            )
            .env("KUBECONFIG", &kc)
            .env(
                "AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE",
                data.join("tls.crt"),
            )
            .env_remove("AKEYLESS_GATEWAY_URL");
    };
    let mut c = Command::new(akl_bin());
    env(&mut c);
    Run::from_output(
        c.args([
            "configure",
            "--access-id",
            &admin_id,
            "--access-key",
            &admin_key,
            "--gateway-url",
            &gw.url,
        ])
        .output()
        .unwrap(),
    )
    .ok();

    let mut c = Command::new("bash");
    env(&mut c);
    c.args(["-c", SEED_000])
        .env("GATEWAY_URL", &gw.url)
        .env("K8S_HOST", kube.url());
    let r = Run::from_output(c.output().unwrap());
    assert_eq!(
        r.code,
        0,
        "seed 000 failed:\n{}\n{}\n{}",
        r.stdout,
        r.stderr,
        gw.logs()
    );
    assert!(
        r.stdout
            .contains("K8S Auth config k8s-conf successfully created. ID=["),
        "{}",
        r.stdout
    );
    let access_id = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("ACCESS_ID="))
        .unwrap()
        .to_owned();

    // Authenticate from the pod: the gateway reviews the token with mutual TLS.
    let t = kube.token_request(
        "my-namespace-a",
        "default",
        TokenOpts {
            pod: Some("mypod1".into()),
            ..Default::default()
        },
    );
    let mut c = Command::new(akl_bin());
    env(&mut c);
    let r = Run::from_output(
        c.args([
            "auth",
            "--access-id",
            &access_id,
            "--access-type",
            "k8s",
            "--gateway-url",
            &gw.url,
            "--k8s-auth-config-name",
            "k8s-conf",
            "--k8s-service-account-token",
            &STANDARD.encode(&t),
        ])
        .output()
        .unwrap(),
    );
    assert_eq!(r.code, 0, "{}\n{}", r.stderr, gw.logs());
    assert!(
        r.stdout.starts_with("Authentication succeeded.\nToken: t-"),
        "{}",
        r.stdout
    );

    // The certificate expires in 10 days, inside the 30-day threshold: the
    // event fires once, and not again after a restart.
    let count = |logs: &str| logs.matches("certificate expiration event").count();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while count(&gw.logs()) == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    std::thread::sleep(std::time::Duration::from_secs(2));
    assert_eq!(count(&gw.logs()), 1, "{}", gw.logs());
    let logs_before = gw.logs();
    assert!(logs_before.contains("/k8s/Clustername/certificates/AkeylessK8sAuth"));
    gw.stop();
    let gw = Gateway::start_with(&data, port, &args, &[]);
    std::thread::sleep(std::time::Duration::from_secs(3));
    let after_restart = gw.logs();
    assert_eq!(
        count(&after_restart),
        1,
        "the event fired again after a restart: {after_restart}"
    );
}
