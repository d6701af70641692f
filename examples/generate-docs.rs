//! Regenerates `completions/` and `man/` from the clap definitions:
//! `cargo run --example generate-docs`.

fn main() -> anyhow::Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    akl::docs::generate(root)?;
    println!(
        "wrote {}/completions and {}/man",
        root.display(),
        root.display()
    );
    Ok(())
}
