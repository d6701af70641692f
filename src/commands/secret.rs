//! Static secrets: `create-secret`, `get-secret-value`, `update-secret-val`.
//!
//! A value can come from `--value-file FILE` or stdin (`--value-file -`) so
//! it never shows in `ps`; it is read bounded, so a huge file costs at most
//! the gateway's limit plus one byte.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use super::session::{Ctx, bool_string, list, text};
use crate::cli::{CreateSecretArgs, GetSecretValueArgs, GlobalArgs, UpdateSecretValArgs};
use crate::gateway::api::{self, MAX_SECRET_VALUE, SessionFields, commands};
use crate::output::CommandOutput;

/// Value formats the wire knows (reference §4).
const FORMATS: &[&str] = &["text", "json", "key-value"];

fn too_big(what: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "{what} is over {} MiB, the largest value a static secret holds",
        MAX_SECRET_VALUE / (1024 * 1024)
    )
}

/// Reads at most `MAX_SECRET_VALUE + 1` bytes, so an oversized input is
/// refused without being held in memory whole.
fn read_bounded(r: impl Read, what: &str) -> Result<String> {
    let mut buf = Vec::new();
    r.take(MAX_SECRET_VALUE as u64 + 1)
        .read_to_end(&mut buf)
        .with_context(|| format!("cannot read {what}"))?;
    if buf.len() > MAX_SECRET_VALUE {
        return Err(too_big(what));
    }
    String::from_utf8(buf).map_err(|_| anyhow::anyhow!("{what} is not UTF-8 text"))
}

/// The value from `-v/--value` or `--value-file` (`-` = stdin).
pub fn secret_value(value: &Option<String>, file: Option<&Path>) -> Result<String> {
    let (v, what) = match (value, file) {
        (Some(v), _) => {
            if v.len() > MAX_SECRET_VALUE {
                return Err(too_big("--value"));
            }
            (v.clone(), "--value".to_owned())
        }
        (None, Some(p)) if p == Path::new("-") => (
            read_bounded(std::io::stdin().lock(), "--value-file - (stdin)")?,
            "--value-file - (stdin)".to_owned(),
        ),
        (None, Some(p)) => {
            let what = format!("--value-file {}", p.display());
            let f = std::fs::File::open(p).with_context(|| format!("cannot read {what}"))?;
            (read_bounded(f, &what)?, what)
        }
        (None, None) => bail!("pass the value with -v/--value or --value-file FILE ('-' = stdin)"),
    };
    if v.is_empty() {
        bail!("{what} is empty; a static secret needs a value");
    }
    Ok(v)
}

fn format(v: &Option<String>, flag: &str) -> Result<Option<String>> {
    match text(v).map(|f| f.to_ascii_lowercase()) {
        Some(f) if !FORMATS.contains(&f.as_str()) => {
            bail!("{flag} '{f}' is unknown; use text, json or key-value")
        }
        f => Ok(f),
    }
}

/// A secret name: trimmed, not empty.
pub fn secret_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() {
        bail!("--name must not be empty");
    }
    Ok(n.to_owned())
}

/// The `/create-secret` body the flags describe.
pub fn create_request(args: &CreateSecretArgs) -> Result<api::CreateSecret> {
    let name = secret_name(&args.name)?;
    let format = format(&args.format, "--format")?;
    if args.max_versions == Some(0) {
        bail!("--max-versions must be at least 1");
    }
    let value = secret_value(&args.value, args.value_file.as_deref())?;
    Ok(api::CreateSecret {
        name,
        value,
        format,
        tags: list(&args.tags),
        description: text(&args.description),
        delete_protection: args.delete_protection.map(bool_string),
        max_versions: args.max_versions.map(|n| n.to_string()),
        session: SessionFields::default(),
        ..Default::default()
    })
}

/// `create-secret`.
pub async fn create(global: &GlobalArgs, args: &CreateSecretArgs) -> Result<CommandOutput> {
    let req = create_request(args)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    let v = ctx.call(commands::CREATE_SECRET, &req).await?;
    Ok(CommandOutput::new(
        v,
        format!("A new secret named {} was successfully created", req.name),
    ))
}

/// What `get-secret-value` prints without `--json`: one name's string value
/// raw (as the akeyless CLI does, so `$(akl get-secret-value …)` is the
/// value); a version map (`--version=-N`) as compact JSON; several names as
/// the whole map.
pub fn value_text(names: &[String], answer: &Value) -> String {
    if let [name] = names
        && let Some(v) = answer.get(name)
    {
        return match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
    }
    crate::output::pretty(answer)
}

/// `get-secret-value`.
pub async fn get_value(global: &GlobalArgs, args: &GetSecretValueArgs) -> Result<CommandOutput> {
    let mut names = Vec::with_capacity(args.name.len());
    for n in &args.name {
        names.push(secret_name(n)?);
    }
    let req = api::GetSecretValue {
        names: names.clone(),
        version: args.version.filter(|v| *v != 0),
        ignore_cache: args.ignore_cache.then(|| bool_string(true)),
        session: SessionFields::default(),
        ..Default::default()
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    let v = ctx.call(commands::GET_SECRET_VALUE, &req).await?;
    let t = value_text(&names, &v);
    Ok(CommandOutput::new(v, t))
}

/// `update-secret-val`.
pub async fn update_value(
    global: &GlobalArgs,
    args: &UpdateSecretValArgs,
) -> Result<CommandOutput> {
    let name = secret_name(&args.name)?;
    let format = format(&args.format, "--format")?;
    let value = secret_value(&args.value, args.value_file.as_deref())?;
    let req = api::UpdateSecretVal {
        name: name.clone(),
        value,
        keep_prev_version: args.keep_prev_version.map(bool_string),
        format,
        session: SessionFields::default(),
        ..Default::default()
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    let v = ctx.call(commands::UPDATE_SECRET_VAL, &req).await?;
    Ok(CommandOutput::new(
        v,
        format!("The value of secret {name} was successfully updated"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_name_prints_the_raw_value() {
        let names = vec!["/a".to_owned()];
        assert_eq!(value_text(&names, &json!({"/a": "s3cr3t"})), "s3cr3t");
        assert_eq!(
            value_text(&names, &json!({"/a": {"1": "x", "2": "y"}})),
            r#"{"1":"x","2":"y"}"#
        );
        let two = vec!["/a".to_owned(), "b".to_owned()];
        let t = value_text(&two, &json!({"/a": "x", "b": "y"}));
        assert!(t.contains("\"b\": \"y\""), "{t}");
    }

    #[test]
    fn values_are_bounded_and_not_empty() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'a'; MAX_SECRET_VALUE + 1]).unwrap();
        let e = secret_value(&None, Some(&big)).unwrap_err().to_string();
        assert!(e.starts_with("--value-file") && e.contains("1 MiB"), "{e}");
        let ok = dir.path().join("ok");
        std::fs::write(&ok, "line1\nline2\n").unwrap();
        assert_eq!(secret_value(&None, Some(&ok)).unwrap(), "line1\nline2\n");
        let e = secret_value(&Some(String::new()), None).unwrap_err();
        assert!(e.to_string().starts_with("--value is empty"), "{e}");
    }

    #[test]
    fn create_request_spells_the_quirky_keys() {
        let args = CreateSecretArgs {
            name: " /k8s/ns/db ".into(),
            value: Some("pw".into()),
            tags: vec!["a".into()],
            delete_protection: Some(true),
            max_versions: Some(3),
            format: Some("JSON".into()),
            ..Default::default()
        };
        let v = serde_json::to_value(create_request(&args).unwrap()).unwrap();
        assert_eq!(v["name"], "/k8s/ns/db");
        assert_eq!(v["delete_protection"], "true");
        assert_eq!(v["max-versions"], "3");
        assert_eq!(v["format"], "json");
        assert_eq!(v["tags"], json!(["a"]));
        let bad = CreateSecretArgs {
            format: Some("yaml".into()),
            ..args
        };
        assert!(
            create_request(&bad)
                .unwrap_err()
                .to_string()
                .starts_with("--format")
        );
    }
}
