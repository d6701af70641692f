//! `akl generate-csr` (local mode) checked flag by flag against
//! `openssl req -verify -text` and the x509-parser crate.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{files_in, run, tool};
use x509_parser::prelude::*;

fn csr_der(pem_text: &str) -> Vec<u8> {
    let p = ::pem::parse(pem_text.trim()).expect("CSR PEM");
    assert_eq!(p.tag(), "CERTIFICATE REQUEST");
    p.contents().to_vec()
}

/// openssl's view of a CSR: verifies the self-signature and prints it.
fn openssl_text(dir: &std::path::Path, csr: &str) -> String {
    let path = dir.join("req.csr");
    std::fs::write(&path, csr).unwrap();
    let r = tool(
        dir,
        "openssl",
        &["req", "-in", "req.csr", "-noout", "-text", "-verify"],
    );
    assert_eq!(r.code, 0, "openssl rejected the CSR: {}", r.stderr);
    assert!(
        r.stderr.contains("verify OK") || r.stdout.contains("verify OK"),
        "signature not verified: {} {}",
        r.stdout,
        r.stderr
    );
    r.stdout
}

#[test]
fn every_subject_and_extension_flag_lands_in_the_request() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        &[
            "generate-csr",
            "-n",
            "/k8s/c/csr/user1",
            "--common-name",
            "user1",
            "--org",
            "group1,group2",
            "--org",
            "group3",
            "--dep",
            "platform",
            "--city",
            "Tel Aviv",
            "--state",
            "Center",
            "--country",
            "il",
            "--alt-names",
            "a.example.com,*.b.example.com",
            "--email-addresses",
            "ops@example.com",
            "--ip-addresses",
            "10.1.2.3,2001:db8::1",
            "--uri-sans",
            "spiffe://cluster.local/ns/a/sa/b",
            "--key-usage",
            "digitalSignature,keyEncipherment",
            "--ext-key-usage",
            "clientAuth,serverAuth",
            "--critical",
            "--key-file",
            "user1.key",
        ],
    )
    .ok();
    let text = openssl_text(dir.path(), &r.stdout);
    assert!(
        text.contains("Subject: C = IL, ST = Center, L = Tel Aviv, O = group1, O = group2, O = group3, OU = platform, CN = user1"),
        "{text}"
    );
    assert!(text.contains("X509v3 Key Usage: critical"), "{text}");
    assert!(
        text.contains("Digital Signature, Key Encipherment"),
        "{text}"
    );
    assert!(
        text.contains("X509v3 Extended Key Usage: critical"),
        "{text}"
    );
    assert!(
        text.contains("TLS Web Client Authentication, TLS Web Server Authentication"),
        "{text}"
    );
    assert!(
        text.contains("Signature Algorithm: sha256WithRSAEncryption"),
        "{text}"
    );
    assert!(text.contains("Public-Key: (2048 bit)"), "{text}");

    let der = csr_der(&r.stdout);
    let (_, csr) = X509CertificationRequest::from_der(&der).unwrap();
    let info = &csr.certification_request_info;
    // One RDN per value, in order: Kubernetes reads each O as a group.
    let orgs: Vec<&str> = info
        .subject
        .iter_organization()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(orgs, ["group1", "group2", "group3"]);
    assert_eq!(info.subject.iter_rdn().count(), 8);
    assert!(info.subject.iter_rdn().all(|rdn| rdn.iter().count() == 1));
    let cn = info
        .subject
        .iter_common_name()
        .next()
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(cn, "user1");

    let mut sans = Vec::new();
    for ext in csr.requested_extensions().unwrap() {
        if let ParsedExtension::SubjectAlternativeName(san) = ext {
            for name in &san.general_names {
                sans.push(match name {
                    GeneralName::DNSName(d) => format!("dns:{d}"),
                    GeneralName::RFC822Name(e) => format!("email:{e}"),
                    GeneralName::URI(u) => format!("uri:{u}"),
                    GeneralName::IPAddress(b) => format!("ip:{}", hex::encode(b)),
                    other => format!("{other:?}"),
                });
            }
        }
    }
    assert_eq!(
        sans,
        [
            "dns:a.example.com",
            "dns:*.b.example.com",
            "email:ops@example.com",
            "uri:spiffe://cluster.local/ns/a/sa/b",
            "ip:0a010203",
            "ip:20010db8000000000000000000000001",
        ]
    );
    assert_eq!(info.subject_pki.parsed().unwrap().key_size(), 2048);

    // The key file: PEM, 0600, and the key the CSR was made for.
    let key_path = dir.path().join("user1.key");
    let mode = std::fs::metadata(&key_path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let key_pub = tool(
        dir.path(),
        "openssl",
        &["pkey", "-in", "user1.key", "-pubout"],
    )
    .ok();
    let csr_pub = tool(
        dir.path(),
        "openssl",
        &["req", "-in", "req.csr", "-noout", "-pubkey"],
    )
    .ok();
    assert_eq!(key_pub.stdout, csr_pub.stdout);
}

#[test]
fn without_critical_the_usages_are_not_critical() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "svc",
            "--key-usage",
            "digital signature",
            "--ext-key-usage",
            "client auth",
            "--key-file",
            "k.pem",
            "--alg",
            "EC256",
        ],
    )
    .ok();
    let text = openssl_text(dir.path(), &r.stdout);
    assert!(
        text.contains("X509v3 Key Usage: \n") || text.contains("X509v3 Key Usage:\n"),
        "{text}"
    );
    assert!(!text.contains("critical"), "{text}");
}

#[test]
fn every_algorithm_and_hash() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("RSA1024", None, "1024 bit", "sha256WithRSAEncryption"),
        (
            "RSA2048",
            Some("SHA384"),
            "2048 bit",
            "sha384WithRSAEncryption",
        ),
        (
            "RSA3072",
            Some("SHA512"),
            "3072 bit",
            "sha512WithRSAEncryption",
        ),
        ("RSA4096", None, "4096 bit", "sha256WithRSAEncryption"),
        ("EC256", None, "256 bit", "ecdsa-with-SHA256"),
        ("EC384", None, "384 bit", "ecdsa-with-SHA384"),
        ("EC384", Some("SHA384"), "384 bit", "ecdsa-with-SHA384"),
    ];
    for (i, (alg, hash, bits, sigalg)) in cases.iter().enumerate() {
        let key = format!("k{i}.pem");
        let mut args = vec![
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "cn",
            "--alg",
            alg,
            "--key-file",
            &key,
        ];
        if let Some(h) = hash {
            args.extend(["--hash-algorithm", h]);
        }
        let r = run(dir.path(), &args).ok();
        let text = openssl_text(dir.path(), &r.stdout);
        assert!(text.contains(bits), "{alg}: {text}");
        assert!(
            text.contains(&format!("Signature Algorithm: {sigalg}")),
            "{alg}: {text}"
        );
        let der = csr_der(&r.stdout);
        let (_, csr) = X509CertificationRequest::from_der(&der).unwrap();
        let size = csr
            .certification_request_info
            .subject_pki
            .parsed()
            .unwrap()
            .key_size();
        let want: usize = bits.trim_end_matches(" bit").parse().unwrap();
        assert_eq!(size, want, "{alg}");
    }
}

#[test]
fn certificate_types_map_to_usages() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "ca",
            "--certificate-type",
            "ssl-client,certificate-signing",
            "--key-file",
            "k.pem",
        ],
    )
    .ok();
    let text = openssl_text(dir.path(), &r.stdout);
    assert!(
        text.contains("Digital Signature, Key Encipherment, Certificate Sign, CRL Sign"),
        "{text}"
    );
    assert!(text.contains("TLS Web Client Authentication"), "{text}");
    assert!(text.contains("CA:TRUE"), "{text}");
}

#[test]
fn key_in_signs_for_an_existing_openssl_key() {
    let dir = tempfile::tempdir().unwrap();
    for (file, gen_args) in [
        ("rsa.pem", vec!["genrsa", "-out", "rsa.pem", "2048"]),
        (
            "pkcs1.pem",
            vec!["genrsa", "-traditional", "-out", "pkcs1.pem", "2048"],
        ),
        (
            "ec.pem",
            vec![
                "ecparam",
                "-name",
                "prime256v1",
                "-genkey",
                "-out",
                "ec.pem",
            ],
        ),
    ] {
        tool(dir.path(), "openssl", &gen_args).ok();
        let before = std::fs::read(dir.path().join(file)).unwrap();
        let r = run(
            dir.path(),
            &[
                "generate-csr",
                "-n",
                "k",
                "--common-name",
                "user2",
                "--org",
                "g",
                "--key-in",
                file,
            ],
        )
        .ok();
        openssl_text(dir.path(), &r.stdout);
        let key_pub = tool(dir.path(), "openssl", &["pkey", "-in", file, "-pubout"]).ok();
        let csr_pub = tool(
            dir.path(),
            "openssl",
            &["req", "-in", "req.csr", "-noout", "-pubkey"],
        )
        .ok();
        assert_eq!(key_pub.stdout, csr_pub.stdout, "{file}");
        assert_eq!(
            std::fs::read(dir.path().join(file)).unwrap(),
            before,
            "--key-in must not modify {file}"
        );
    }
}

#[test]
fn json_jq_and_export_private_key() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "u",
            "--alg",
            "EC256",
            "--key-file",
            "k.pem",
            "--json",
        ],
    )
    .ok();
    let v = r.json();
    assert!(
        v["data"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN CERTIFICATE REQUEST-----\n")
    );
    assert!(
        v.get("private_key").is_none(),
        "key must only be exported when asked"
    );
    assert!(!r.stdout.contains("PRIVATE KEY"));

    // The seed's pipeline: `--json --jq-expression ".data" | base64` gives the raw PEM.
    let r = run(
        dir.path(),
        &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "u",
            "--alg",
            "EC256",
            "--key-file",
            "k2.pem",
            "--json",
            "--jq-expression",
            ".data",
        ],
    )
    .ok();
    assert!(
        r.stdout
            .starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains('"'));

    let r = run(
        dir.path(),
        &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "u",
            "--alg",
            "EC256",
            "--key-file",
            "k3.pem",
            "--export-private-key",
            "--json",
        ],
    )
    .ok();
    let v = r.json();
    let exported = v["private_key"].as_str().unwrap();
    assert_eq!(
        exported,
        std::fs::read_to_string(dir.path().join("k3.pem")).unwrap()
    );
}

#[test]
fn force_overwrites_and_without_it_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    run(
        dir.path(),
        &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "u",
            "--alg",
            "EC256",
            "--key-file",
            "k.pem",
        ],
    )
    .ok();
    let first = std::fs::read(dir.path().join("k.pem")).unwrap();
    let r = run(
        dir.path(),
        &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "u",
            "--alg",
            "EC256",
            "--key-file",
            "k.pem",
        ],
    );
    assert_ne!(r.code, 0);
    assert!(r.stdout.is_empty());
    assert_eq!(std::fs::read(dir.path().join("k.pem")).unwrap(), first);
    run(
        dir.path(),
        &[
            "generate-csr",
            "-n",
            "k",
            "--common-name",
            "u",
            "--alg",
            "EC256",
            "--key-file",
            "k.pem",
            "--force",
        ],
    )
    .ok();
    assert_ne!(std::fs::read(dir.path().join("k.pem")).unwrap(), first);
    let mode = std::fs::metadata(dir.path().join("k.pem"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(files_in(dir.path()), ["k.pem"]);
}
