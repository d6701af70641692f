//! Certificates on the gateway: `create-certificate`,
//! `get-certificate-value`.

use std::path::Path;

use anyhow::{Result, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::session::{Ctx, base64_words, bool_string, list, text, typed};
use crate::cli::{CreateCertificateArgs, GlobalArgs, ItemNameArgs};
use crate::gateway::api::{self, SessionFields, commands};
use crate::output::CommandOutput;

/// The format a certificate file's extension names, if it names one.
pub fn format_from_extension(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    ["pem", "crt", "cer", "pfx", "p12"]
        .contains(&ext.as_str())
        .then_some(ext)
}

/// Base64 of a file's content; the error names the flag.
fn file_b64(path: &Path, flag: &str) -> Result<String> {
    let bytes = crate::fsutil::read_limited(path, crate::fsutil::PEM_LIMIT, flag)?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        bail!("{flag} {} is empty", path.display());
    }
    Ok(STANDARD.encode(bytes))
}

pub fn item_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() {
        bail!("--name must not be empty");
    }
    Ok(n.to_owned())
}

/// The `/create-certificate` body the flags describe (no session fields).
pub fn build_request(args: &CreateCertificateArgs) -> Result<api::CreateCertificate> {
    let name = item_name(&args.name)?;
    let certificate_data = match (&args.certificate_data, &args.certificate) {
        (Some(words), _) => base64_words(words).ok_or_else(|| {
            anyhow::anyhow!("--certificate-data is empty; pass the base64 of the certificate")
        })?,
        (None, Some(path)) => file_b64(path, "--certificate")?,
        (None, None) => bail!("pass --certificate-data BASE64 or -c/--certificate FILE"),
    };
    let key_data = match (&args.key_data, &args.private_key) {
        (Some(words), _) => Some(base64_words(words).ok_or_else(|| {
            anyhow::anyhow!("--key-data is empty; pass the base64 of the private key")
        })?),
        (None, Some(path)) => Some(file_b64(path, "--private-key")?),
        (None, None) => None,
    };
    let format = text(&args.format)
        .map(|f| f.to_ascii_lowercase())
        .or_else(|| args.certificate.as_deref().and_then(format_from_extension))
        .unwrap_or_else(|| "pem".to_owned());
    Ok(api::CreateCertificate {
        name,
        certificate_data: Some(certificate_data),
        key_data,
        format: Some(format),
        expiration_event_in: list(&args.expiration_event_in),
        tags: list(&args.tags),
        key: None,
        description: text(&args.description),
        metadata: None,
        delete_protection: args.delete_protection.map(bool_string),
        session: SessionFields::default(),
    })
}

/// `create-certificate`.
pub async fn create(global: &GlobalArgs, args: &CreateCertificateArgs) -> Result<CommandOutput> {
    let req = build_request(args)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    let v = ctx.call(commands::CREATE_CERTIFICATE, &req).await?;
    Ok(CommandOutput::json_only(v))
}

/// `get-certificate-value`: prints the certificate and key PEM.
pub async fn get_value(global: &GlobalArgs, args: &ItemNameArgs) -> Result<CommandOutput> {
    let req = api::GetCertificateValue {
        name: item_name(&args.name)?,
        version: None,
        ignore_cache: None,
        session: SessionFields::default(),
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    let v = ctx.call(commands::GET_CERTIFICATE_VALUE, &req).await?;
    let out: api::GetCertificateValueOutput = typed(&v, commands::GET_CERTIFICATE_VALUE)?;
    let mut t = out.certificate_pem;
    t.push_str(&out.private_key_pem);
    Ok(CommandOutput::new(v, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_follows_the_file_extension() {
        assert_eq!(
            format_from_extension(Path::new("a/b.CRT")).as_deref(),
            Some("crt")
        );
        assert_eq!(
            format_from_extension(Path::new("b.p12")).as_deref(),
            Some("p12")
        );
        assert_eq!(format_from_extension(Path::new("b.txt")), None);
        let args = CreateCertificateArgs {
            name: "c".into(),
            certificate_data: Some(vec!["QU".into(), "JD\n".into()]),
            ..Default::default()
        };
        let req = build_request(&args).unwrap();
        assert_eq!(req.format.as_deref(), Some("pem"));
        assert_eq!(req.key_data, None);
        let v = serde_json::to_value(&req).unwrap();
        assert_eq!(v["certificate-data"], "QUJD");
        assert!(v.get("delete_protection").is_none());
    }
}
