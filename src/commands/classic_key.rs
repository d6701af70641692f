//! Classic keys on the gateway: `generate-csr` in gateway mode and
//! `export-classic-key`.
//!
//! `generate-csr` runs in gateway mode when `--gateway-url` is given, or
//! when neither `--key-file` nor `--key-in` is (as the akeyless CLI, whose
//! classic keys always live on the gateway); otherwise locally.

use anyhow::{Result, anyhow, bail};

use super::session::{Ctx, UrlSource};
use crate::cli::{ExportClassicKeyArgs, GenerateCsrArgs, GlobalArgs};
use crate::gateway::api::{self, SessionFields, commands};
use crate::output::CommandOutput;
use crate::pki::CertificateType;

/// Whether `generate-csr` talks to the gateway.
pub fn gateway_mode(args: &GenerateCsrArgs) -> bool {
    args.gateway.gateway_url.is_some() || (args.key_file.is_none() && args.key_in.is_none())
}

fn check_key_type(t: &str) -> Result<()> {
    match t.trim().to_ascii_lowercase().as_str() {
        "classic-key" | "classic_key" => Ok(()),
        "dfc" => bail!(
            "--key-type dfc (Distributed Fragments Cryptography keys) is not supported by akl; use --key-type classic-key"
        ),
        other => bail!("--key-type '{other}' is not classic-key or dfc"),
    }
}

fn certificate_type_name(t: CertificateType) -> &'static str {
    match t {
        CertificateType::SslClient => "ssl-client",
        CertificateType::SslServer => "ssl-server",
        CertificateType::CertificateSigning => "certificate-signing",
    }
}

/// A wire list: comma-joined, `None` when empty.
fn joined(v: &[String]) -> Option<String> {
    (!v.is_empty()).then(|| v.join(","))
}

/// The `/generate-csr` body the flags describe (no session fields).
pub fn build_request(args: &GenerateCsrArgs) -> Result<api::GenerateCsr> {
    let name = args.name.trim();
    if name.is_empty() {
        bail!("--name must not be empty");
    }
    let spec = args.spec();
    spec.validate()?;
    for v in spec
        .organizations
        .iter()
        .chain(&spec.organizational_units)
        .chain(&spec.localities)
        .chain(&spec.states)
    {
        if v.contains(',') {
            bail!(
                "'{v}' contains a comma, which the gateway API cannot carry (its lists are comma-separated); use --key-file for a local CSR"
            );
        }
    }
    Ok(api::GenerateCsr {
        name: name.to_owned(),
        generate_key: Some(args.generate_key),
        alg: args.alg.map(|a| a.to_string()),
        common_name: Some(spec.common_name.clone()),
        org: joined(&spec.organizations),
        dep: joined(&spec.organizational_units),
        city: joined(&spec.localities),
        state: joined(&spec.states),
        country: joined(&spec.countries),
        alt_names: joined(&spec.dns_names),
        email_addresses: joined(&spec.email_addresses),
        ip_addresses: joined(&spec.ip_addresses),
        uri_sans: joined(&spec.uris),
        key_usage: joined(&spec.key_usages),
        ext_key_usage: joined(&spec.ext_key_usages),
        critical: Some(args.critical),
        hash_algorithm: args.hash_algorithm.map(|h| h.to_string()),
        export_private_key: Some(args.export_private_key),
        certificate_type: joined(
            &spec
                .certificate_types
                .iter()
                .map(|t| certificate_type_name(*t).to_owned())
                .collect::<Vec<_>>(),
        ),
        key_type: Some("classic-key".to_owned()),
        split_level: None,
        overwrite: args.force.then_some(true),
        session: SessionFields::default(),
    })
}

/// `generate-csr`: on the gateway, or locally (see the module docs).
pub async fn generate_csr(global: &GlobalArgs, args: &GenerateCsrArgs) -> Result<CommandOutput> {
    check_key_type(&args.key_type)?;
    if !gateway_mode(args) {
        return super::generate_csr(args);
    }
    if args.key_file.is_some() || args.key_in.is_some() {
        bail!(
            "--key-file and --key-in make the CSR here, --gateway-url keeps the key on the gateway; drop one or the other"
        );
    }
    let req = build_request(args)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    // Nothing configured and no --gateway-url: the user may have meant a local CSR.
    let implicit = args.gateway.gateway_url.is_none() && ctx.endpoint.source == UrlSource::Default;
    let v = ctx
        .call(commands::GENERATE_CSR, &req)
        .await
        .map_err(|e| {
            if implicit {
                anyhow!(
                    "{e}; or make the CSR locally with --key-file PATH (new key) or --key-in PATH (existing key)"
                )
            } else {
                e
            }
        })?;
    let out: api::GenerateCsrOutput = super::session::typed(&v, commands::GENERATE_CSR)?;
    let mut text = out.data.clone();
    if let Some(k) = &out.private_key {
        text.push_str(k);
    }
    Ok(CommandOutput::new(v, text))
}

/// `export-classic-key`: prints the key PEM (`.key` of the JSON).
pub async fn export_classic_key(
    global: &GlobalArgs,
    args: &ExportClassicKeyArgs,
) -> Result<CommandOutput> {
    let name = args.name.trim();
    if name.is_empty() {
        bail!("--name must not be empty");
    }
    let req = api::ExportClassicKey {
        name: name.to_owned(),
        version: args.version,
        export_public_key: Some(args.export_public_key),
        ignore_cache: Some(super::session::bool_string(args.ignore_cache)),
        wrapping_key_name: None,
        accessibility: None,
        session: SessionFields::default(),
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    let v = ctx.call(commands::EXPORT_CLASSIC_KEY, &req).await?;
    let out: api::ExportClassicKeyOutput = super::session::typed(&v, commands::EXPORT_CLASSIC_KEY)?;
    Ok(CommandOutput::new(v, out.key))
}
