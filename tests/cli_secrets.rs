//! Secrets off the command line (issue 9, item 6): every secret flag has a
//! file form, and the akeyless environment variables work, with flag > env >
//! profile. Runs the real gateway; asserts the secret is never in the argv
//! the test builds, nor in what the CLI prints (including `--debug`).

mod common;

use std::path::Path;
use std::process::Command;

use common::gateway::Gateway;
use common::{Run, akl_bin};

const ENV_VARS: [&str; 8] = [
    "AKEYLESS_ACCESS_ID",
    "AKEYLESS_ACCESS_KEY",
    "AKEYLESS_ACCESS_TYPE",
    "AKEYLESS_GATEWAY_URL",
    "AKEYLESS_K8S_AUTH_CONF_NAME",
    "AKEYLESS_PROFILE",
    "AKEYLESS_DEFAULT_PROFILE",
    "AKL_SA_TOKEN_FILE",
];

/// `akl` with HOME in `home`, trusting the gateway, none of the variables set.
fn cmd(home: &Path, gw: &Gateway) -> Command {
    let mut c = common::akl(home);
    for v in ENV_VARS {
        c.env_remove(v);
    }
    c.env("AKEYLESS_TRUSTED_TLS_CERTIFICATE_FILE", &gw.ca_file);
    c
}

/// Runs `c`, first checking that no argument holds `secret`.
fn run_without(c: &mut Command, secret: &str) -> Run {
    for a in c.get_args() {
        assert!(
            !a.to_string_lossy().contains(secret),
            "the secret is on the command line: {a:?}"
        );
    }
    let r = Run::from_output(c.output().unwrap());
    assert!(
        !r.stdout.contains(secret) && !r.stderr.contains(secret),
        "the secret was printed:\n{}\n{}",
        r.stdout,
        r.stderr
    );
    r
}

fn token_of(r: &Run) -> String {
    r.stdout
        .lines()
        .find_map(|l| l.strip_prefix("Token: "))
        .unwrap_or_else(|| panic!("no token in {}", r.stdout))
        .to_owned()
}

#[test]
fn secrets_come_from_files_and_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let gw = Gateway::start(&dir.path().join("gw"));
    let (id, key) = gw.admin.clone().expect("first start prints the admin");
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let key_file = dir.path().join("access-key");
    std::fs::write(&key_file, format!("{key}\n")).unwrap();

    // --access-key-file, with --debug.
    let r = run_without(
        cmd(&home, &gw)
            .args([
                "auth",
                "--access-id",
                &id,
                "--gateway-url",
                &gw.url,
                "--debug",
            ])
            .arg("--access-key-file")
            .arg(&key_file),
        &key,
    )
    .ok();
    assert!(r.stderr.contains("access-key=<hidden>"), "{}", r.stderr);
    let token = token_of(&r);

    // The environment, as the akeyless docs set it; a management command
    // authenticates with it too (no profile exists).
    let with_env = |c: &mut Command| {
        c.env("AKEYLESS_ACCESS_ID", &id)
            .env("AKEYLESS_ACCESS_KEY", &key)
            .env("AKEYLESS_ACCESS_TYPE", "access_key")
            .env("AKEYLESS_GATEWAY_URL", format!("{}/api/v1", gw.url));
    };
    let mut c = cmd(&home, &gw);
    with_env(&mut c);
    let r = run_without(c.args(["auth", "--debug"]), &key).ok();
    assert!(
        r.stdout.starts_with("Authentication succeeded."),
        "{}",
        r.stdout
    );
    let mut c = cmd(&home, &gw);
    with_env(&mut c);
    run_without(c.args(["list-items", "--json"]), &key).ok();

    // Flag > env: a wrong key in the environment loses to the file.
    let mut c = cmd(&home, &gw);
    with_env(&mut c);
    c.env("AKEYLESS_ACCESS_KEY", "wrong-key");
    run_without(c.args(["auth", "--access-key-file"]).arg(&key_file), &key).ok();
    // …and a wrong key in the environment is used when no flag is given.
    let mut c = cmd(&home, &gw);
    with_env(&mut c);
    c.env("AKEYLESS_ACCESS_KEY", "wrong-key");
    let r = Run::from_output(c.arg("auth").output().unwrap());
    assert_ne!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);

    // --token-file for management commands.
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, format!("{token}\n")).unwrap();
    let r = run_without(
        cmd(&home, &gw)
            .args(["list-items", "--json", "--gateway-url", &gw.url])
            .arg("--token-file")
            .arg(&token_file),
        &token,
    )
    .ok();
    assert!(r.json()["items"].is_array(), "{}", r.stdout);

    // AKEYLESS_PROFILE picks the profile; env beats its (wrong) key.
    run_without(
        cmd(&home, &gw)
            .args([
                "configure",
                "--profile",
                "ci",
                "--access-id",
                &id,
                "--gateway-url",
                &gw.url,
            ])
            .arg("--access-key-file")
            .arg(&key_file),
        &key,
    )
    .ok();
    let profile = std::fs::read_to_string(home.join(".akeyless/profiles/ci.toml")).unwrap();
    assert!(
        profile.contains(&key),
        "configure keeps the key in the 0600 profile"
    );
    let r = run_without(
        cmd(&home, &gw).env("AKEYLESS_PROFILE", "ci").arg("auth"),
        &key,
    )
    .ok();
    assert!(r.stdout.contains("Token: t-"), "{}", r.stdout);
    let r = Run::from_output(
        cmd(&home, &gw)
            .env("AKEYLESS_PROFILE", "nope")
            .arg("auth")
            .output()
            .unwrap(),
    );
    assert!(r.stderr.contains("$AKEYLESS_PROFILE"), "{}", r.stderr);
}

#[test]
fn secret_files_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::write(&empty, "\n").unwrap();
    for (args, want) in [
        (
            vec!["auth", "--access-id", "p-1", "--access-key-file", "empty"],
            "--access-key-file",
        ),
        (
            vec!["list-items", "--token-file", "/dev/zero"],
            "character device",
        ),
        (
            vec!["auth", "--access-key", "k", "--access-key-file", "empty"],
            "cannot be used with",
        ),
        (
            vec![
                "gateway-create-k8s-auth-config",
                "-n",
                "c",
                "--access-id",
                "p-1",
                "--signing-key-file",
                "missing",
            ],
            "--signing-key-file",
        ),
    ] {
        let mut c = Command::new(akl_bin());
        c.current_dir(dir.path())
            .env("HOME", dir.path())
            .args(&args);
        for v in ENV_VARS {
            c.env_remove(v);
        }
        let r = Run::from_output(c.output().unwrap());
        assert_ne!(r.code, 0, "{args:?}");
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(want), "{args:?}: {}", r.stderr);
    }
}
