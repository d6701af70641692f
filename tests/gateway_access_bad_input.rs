//! Issue 8 item 9 against a running gateway: an unknown role, auth method
//! or association id, malformed sub-claims, an unknown capability or rule
//! type, a rule path without its leading `/`, a secret over 1 MiB and a
//! duplicate association (409). Through `akl` each gives one clear stderr
//! line naming the field and a non-zero exit; sent raw (past the CLI's own
//! checks) the gateway refuses them with a non-2xx `{"error": …}`; and in
//! both cases nothing is half-stored.

mod common;

use std::path::Path;

use akl::gateway::client::{CallError, GatewayClient, Trust};
use common::gateway::Gateway;
use common::{Run, akl};
use serde_json::{Value, json};

struct Admin<'a> {
    home: &'a Path,
    gw: &'a Gateway,
}

impl Admin<'_> {
    fn run(&self, args: &[&str]) -> Run {
        Run::from_output(
            akl(self.home)
                .env("AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE", &self.gw.ca_file)
                .args(args)
                .output()
                .unwrap(),
        )
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut a = args.to_vec();
        a.push("--json");
        self.run(&a).ok().json()
    }

    /// What an operator can see of the access state.
    fn state(&self) -> Value {
        json!({
            "roles": self.json(&["list-roles"]),
            "items": self.json(&["list-items"]),
            "am": self.json(&["get-auth-method", "-n", "am1"]),
        })
    }
}

/// One stderr line containing every `want`, non-zero exit, empty stdout.
fn refused(r: &Run, want: &[&str]) -> Result<(), String> {
    let mut p = Vec::new();
    if r.code == 0 {
        p.push("exit code 0".to_owned());
    }
    if r.stderr.contains("panicked") {
        p.push("panicked".to_owned());
    }
    if r.stderr.lines().count() != 1 {
        p.push(format!("{} stderr lines", r.stderr.lines().count()));
    }
    if !r.stdout.is_empty() {
        p.push(format!("stdout: {}", r.stdout));
    }
    for w in want {
        if !r.stderr.contains(w) {
            p.push(format!("stderr lacks {w:?}"));
        }
    }
    if p.is_empty() {
        Ok(())
    } else {
        Err(format!("{} — stderr: {}", p.join(", "), r.stderr.trim()))
    }
}

#[test]
fn access_bad_input_is_refused_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let gw = Gateway::start(&dir.path().join("gw"));
    let (id, key) = gw.admin.clone().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let admin = Admin {
        home: &home,
        gw: &gw,
    };
    admin
        .run(&[
            "configure",
            "--access-id",
            &id,
            "--access-key",
            &key,
            "--gateway-url",
            &gw.url,
        ])
        .ok();
    admin
        .run(&[
            "create-auth-method-k8s",
            "-n",
            "am1",
            "--bound-namespaces",
            "ns1",
        ])
        .ok();
    admin.run(&["create-role", "-n", "role1"]).ok();
    admin
        .run(&["create-secret", "-n", "/s/one", "-v", "v1"])
        .ok();
    let assoc = admin.json(&[
        "assoc-role-am",
        "-r",
        "role1",
        "-a",
        "am1",
        "-s",
        "namespace=ns1",
    ]);
    let assoc_id = assoc["assoc_id"].as_str().unwrap().to_owned();
    let big = dir.path().join("big");
    std::fs::write(&big, vec![b'x'; 1024 * 1024 + 1]).unwrap();
    let big = big.display().to_string();

    let before = admin.state();
    let mut failures = Vec::new();
    let cli_cases: Vec<(&str, Vec<&str>, Vec<&str>)> = vec![
        (
            "get unknown role",
            vec!["get-role", "-n", "nope"],
            vec!["nope"],
        ),
        (
            "assoc unknown role",
            vec!["assoc-role-am", "-r", "nope", "-a", "am1"],
            vec!["nope"],
        ),
        (
            "assoc unknown auth method",
            vec!["assoc-role-am", "-r", "role1", "-a", "nope"],
            vec!["nope"],
        ),
        (
            "duplicate association",
            vec![
                "assoc-role-am",
                "-r",
                "role1",
                "-a",
                "am1",
                "-s",
                "namespace=ns1",
            ],
            vec!["role1", "am1"],
        ),
        (
            "update unknown assoc id",
            vec!["update-assoc", "-a", "nope", "-s", "namespace=x"],
            vec!["nope"],
        ),
        (
            "delete unknown assoc id",
            vec!["delete-assoc", "--assoc-id", "nope"],
            vec!["nope"],
        ),
        (
            "describe unknown assoc id",
            vec!["describe-role-am-assoc", "--assoc-id", "nope"],
            vec!["nope"],
        ),
        (
            "rule on unknown role",
            vec!["set-role-rule", "-r", "nope", "-p", "/a/*", "-c", "read"],
            vec!["nope"],
        ),
        (
            "sub-claims without key",
            vec!["update-assoc", "-a", &assoc_id, "-s", "=v"],
            vec!["--sub-claims"],
        ),
        (
            "secret over 1 MiB",
            vec!["create-secret", "-n", "/s/big", "--value-file", &big],
            vec!["--value-file", "1 MiB"],
        ),
        (
            "update with a value over 1 MiB",
            vec!["update-secret-val", "-n", "/s/one", "--value-file", &big],
            vec!["1 MiB"],
        ),
    ];
    for (name, args, want) in &cli_cases {
        if let Err(e) = refused(&admin.run(args), want) {
            failures.push(format!("{name}: {e}"));
        }
    }

    // The same past the CLI's checks: the gateway must refuse each itself.
    let token = admin
        .run(&[
            "auth",
            "--access-id",
            &id,
            "--access-key",
            &key,
            "--gateway-url",
            &gw.url,
            "--jq-expression",
            ".token",
        ])
        .ok()
        .stdout
        .trim()
        .to_owned();
    let client = GatewayClient::new(
        &gw.url,
        &Trust {
            ca_file: Some(gw.ca_file.clone()),
        },
    )
    .unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let raw = |cmd: &str, mut body: Value| -> Result<Value, CallError> {
        body["token"] = json!(token);
        rt.block_on(client.call::<Value, Value>(cmd, &body))
    };
    let big_value = "x".repeat(1024 * 1024 + 1);
    let raw_cases: Vec<(&str, &str, Value, u16, &str)> = vec![
        (
            "raw sub-claims =v",
            "assoc-role-am",
            json!({"role-name": "role1", "am-name": "am1", "sub-claims": {"": "v"}}),
            400,
            "sub-claims",
        ),
        (
            "raw sub-claims k=",
            "update-assoc",
            json!({"assoc-id": assoc_id, "sub-claims": {"namespace": ""}}),
            400,
            "sub-claims",
        ),
        (
            "raw unknown capability",
            "set-role-rule",
            json!({"role-name": "role1", "path": "/a/*", "capability": ["write"]}),
            400,
            "capabilit",
        ),
        (
            "raw unknown rule type",
            "set-role-rule",
            json!({"role-name": "role1", "path": "/a/*", "capability": ["read"], "rule-type": "secret-rule"}),
            400,
            "rule-type",
        ),
        (
            "raw rule path without /",
            "set-role-rule",
            json!({"role-name": "role1", "path": "a/*", "capability": ["read"]}),
            400,
            "path",
        ),
        (
            "raw duplicate association",
            "assoc-role-am",
            json!({"role-name": "role1", "am-name": "am1", "sub-claims": {"namespace": "ns1"}}),
            409,
            "",
        ),
        (
            "raw secret over 1 MiB",
            "create-secret",
            json!({"name": "/s/big", "value": big_value}),
            400,
            "value",
        ),
        (
            "raw unknown assoc id",
            "delete-assoc",
            json!({"assoc-id": "nope"}),
            404,
            "nope",
        ),
    ];
    for (name, cmd, body, status, want) in raw_cases {
        match raw(cmd, body) {
            Ok(v) => failures.push(format!("{name}: accepted: {v}")),
            Err(e) => {
                // 413 is an acceptable refusal of an oversized body.
                let ok_status = e.status == status || (status == 400 && e.status == 413);
                if !ok_status || !e.message.contains(want) || e.message.contains('\n') {
                    failures.push(format!("{name}: {} {}", e.status, e.message));
                }
            }
        }
    }

    let after = admin.state();
    if before != after {
        failures.push(format!("state changed:\nbefore {before}\nafter  {after}"));
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
