//! `generate-csr` in local mode: the key is generated here (`--key-file`) or
//! read from a file (`--key-in`).

use anyhow::{Context, Result, bail};
use serde_json::json;

use crate::cli::GenerateCsrArgs;
use crate::output::{CommandOutput, PendingFile};
use crate::pki::{CsrSpec, KeyAlg, PrivateKey};

impl GenerateCsrArgs {
    /// The request contents the flags describe.
    pub fn spec(&self) -> CsrSpec {
        let clean = |v: &Vec<String>| -> Vec<String> {
            v.iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        };
        CsrSpec {
            common_name: self.common_name.trim().to_owned(),
            organizations: clean(&self.org),
            organizational_units: clean(&self.dep),
            localities: clean(&self.city),
            states: clean(&self.state),
            countries: clean(&self.country),
            dns_names: clean(&self.alt_names),
            email_addresses: clean(&self.email_addresses),
            ip_addresses: clean(&self.ip_addresses),
            uris: clean(&self.uri_sans),
            key_usages: clean(&self.key_usage),
            ext_key_usages: clean(&self.ext_key_usage),
            certificate_types: self.certificate_type.clone(),
            critical: self.critical,
        }
    }
}

fn load_key(args: &GenerateCsrArgs) -> Result<(PrivateKey, bool)> {
    if let Some(path) = &args.key_in {
        let text = crate::fsutil::read_limited_string(path, crate::fsutil::PEM_LIMIT, "--key-in")?;
        let key = PrivateKey::from_pem(&text)
            .with_context(|| format!("--key-in {} holds no usable private key", path.display()))?;
        if let Some(alg) = args.alg
            && alg != key.alg()
        {
            bail!(
                "--alg {alg} does not match the {} key in {}; drop --alg or pick the matching one",
                key.alg(),
                path.display()
            );
        }
        return Ok((key, false));
    }
    let alg = args.alg.unwrap_or(KeyAlg::Rsa2048);
    Ok((PrivateKey::generate(alg)?, true))
}

/// Builds the CSR. The new key is returned as a pending file, written by
/// the caller only after the output rendered, so a failure leaves no file.
pub fn generate_csr(args: &GenerateCsrArgs) -> Result<CommandOutput> {
    if args.name.trim().is_empty() {
        bail!("--name must not be empty");
    }
    let spec = args.spec();
    spec.validate()?;
    if let Some(path) = &args.key_file {
        crate::no_follow::refuse_link(path)?;
    }
    if let Some(path) = &args.key_file
        && path.exists()
        && !args.force
    {
        bail!(
            "{} already exists; pass --force to overwrite it or choose another --key-file",
            path.display()
        );
    }
    let (key, generated) = load_key(args)?;
    let hash = args.hash_algorithm.unwrap_or_else(|| key.default_hash());
    let csr = spec.to_pem(&key, hash)?;
    let key_pem = key.to_pkcs8_pem();

    let mut body = json!({ "data": csr });
    let mut text = csr.clone();
    if args.export_private_key {
        body["private_key"] = json!(key_pem);
        text.push_str(&key_pem);
    }
    let mut out = CommandOutput::new(body, text);
    if generated && let Some(path) = &args.key_file {
        out = out.with_file(PendingFile {
            path: path.clone(),
            contents: key_pem.into_bytes(),
            overwrite: args.force,
            mode: 0o600,
            flag: "--key-file",
        });
    }
    Ok(out)
}
