//! Errors from the Kubernetes client keep their cause (issue 9, item 9):
//! a refused connection names the API server's host:port and the root
//! cause, as kubectl does; a failing exec credential plugin is one line,
//! not Rust debug output.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{Run, akl};

fn kubeconfig(server: &str, user: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Config\ncurrent-context: a\nclusters:\n- name: c\n  cluster: {{server: '{server}', insecure-skip-tls-verify: true}}\ncontexts:\n- name: a\n  context: {{cluster: c, user: u}}\nusers:\n- name: u\n  user: {user}\n"
    )
}

fn issuer(dir: &std::path::Path, kc: &str) -> Run {
    std::fs::write(dir.join("kc.yaml"), kc).unwrap();
    Run::from_output(
        akl(dir)
            .args(["k8s", "issuer", "--kubeconfig", "kc.yaml"])
            .output()
            .unwrap(),
    )
}

fn one_line(r: &Run) {
    assert_ne!(r.code, 0);
    assert_ne!(r.code, 101, "panicked: {}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    for debug in ["ServiceError", "Output {", "ExitStatus", "Os {", "kind:"] {
        assert!(!r.stderr.contains(debug), "debug output: {}", r.stderr);
    }
}

#[test]
fn a_refused_connection_names_host_port_and_cause() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = issuer(
        dir.path(),
        &kubeconfig(&format!("https://127.0.0.1:{port}"), "{token: abc}"),
    );
    one_line(&r);
    assert!(
        r.stderr.contains(&format!("127.0.0.1:{port}")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("connection refused"), "{}", r.stderr);
}

#[test]
fn a_failing_exec_plugin_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let plugin = dir.path().join("plugin.sh");
    std::fs::write(
        &plugin,
        "#!/bin/sh\necho 'progress...' >&2\necho 'error: you must be logged in to the server' >&2\nexit 3\n",
    )
    .unwrap();
    std::fs::set_permissions(&plugin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let exec = |cmd: &str| {
        format!(
            "{{exec: {{apiVersion: client.authentication.k8s.io/v1, command: '{cmd}', interactiveMode: Never}}}}"
        )
    };
    let r = issuer(
        dir.path(),
        &kubeconfig("https://127.0.0.1:1", &exec(plugin.to_str().unwrap())),
    );
    one_line(&r);
    assert!(r.stderr.contains("exec credential plugin"), "{}", r.stderr);
    assert!(r.stderr.contains("exit status 3"), "{}", r.stderr);
    assert!(
        r.stderr.contains("you must be logged in to the server"),
        "{}",
        r.stderr
    );

    let r = issuer(
        dir.path(),
        &kubeconfig("https://127.0.0.1:1", &exec("/nonexistent/kubelogin")),
    );
    one_line(&r);
    assert!(r.stderr.contains("/nonexistent/kubelogin"), "{}", r.stderr);
    assert!(
        r.stderr.contains("no such file or directory"),
        "{}",
        r.stderr
    );
}
