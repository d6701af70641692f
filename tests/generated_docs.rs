//! The committed completions and man pages must match what the clap
//! definitions generate. Regenerate with `cargo run --example generate-docs`.

use std::path::Path;

fn snapshot(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["completions", "man"] {
        let dir = root.join(sub);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let e = e.unwrap();
            out.push((
                format!("{sub}/{}", e.file_name().to_string_lossy()),
                std::fs::read(e.path()).unwrap(),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn completions_and_man_pages_are_fresh() {
    let fresh = tempfile::tempdir().unwrap();
    akl::docs::generate(fresh.path()).unwrap();
    let want = snapshot(fresh.path());
    let have = snapshot(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(want.iter().any(|(n, _)| n == "completions/akl.bash"));
    assert!(want.iter().any(|(n, _)| n == "man/akl-generate-csr.1"));
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&have),
        names(&want),
        "file sets differ; run `cargo run --example generate-docs`"
    );
    for ((name, a), (_, b)) in have.iter().zip(&want) {
        assert!(
            a == b,
            "{name} is stale; run `cargo run --example generate-docs`"
        );
    }
}
