//! Invoked through a link named `akeyless`, the binary behaves the same, so
//! the docs' scripts run unchanged with `akeyless` pointed at `akl`.

mod common;

use std::process::Command;

#[test]
fn a_link_named_akeyless_runs_the_same_commands() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("akeyless");
    std::os::unix::fs::symlink(common::akl_bin(), &link).unwrap();
    // The seed's shape: `$(akeyless generate-csr … --json --jq-expression ".data" | base64 | tr -d "\n")`.
    let script = format!(
        "set -e; PATH={}:$PATH; K8S_CSR=$(akeyless generate-csr -n /k8s/c/csr/u --generate-key --alg EC256 --common-name u --org g --key-file u.key --json --jq-expression \".data\" | base64 | tr -d \"\\n\"); echo \"$K8S_CSR\" | base64 -d | openssl req -noout -subject",
        dir.path().display()
    );
    let out = Command::new("bash")
        .current_dir(dir.path())
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "subject=O = g, CN = u"
    );
    let v = Command::new(&link).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("akl "));
}
