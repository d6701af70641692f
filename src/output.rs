//! How every command prints its result, mirroring the akeyless CLI:
//! human text by default, the response object with `--json`, and the
//! results of a jq program with `--jq-expression` (strings printed raw, so
//! `$(akl … --jq-expression .data)` yields the bare value).

use std::io::Write;

use anyhow::{Result, anyhow, bail};
use jaq_core::load::parse::Def;
use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;
use serde_json::Value;

/// At most this many `--jq-expression` results are printed; `repeat(1)` or
/// `range(1e9)` would otherwise run until memory or the disk is full.
pub const JQ_MAX_RESULTS: usize = 1_000_000;

/// At most this many bytes of `--jq-expression` output are printed.
pub const JQ_MAX_OUTPUT_BYTES: usize = 64 << 20;

mod jq_guard;

use jq_guard::{
    JQ_STACK_BYTES, JQ_STACK_LIMIT, STACK_BASE, TOO_DEEP, guard_def, guard_fun, guard_user_defs,
    overflow_net, stack_position,
};

/// A file a command wants written. Writing waits until the output has been
/// rendered, so a failing `--jq-expression` leaves no file behind.
#[derive(Clone)]
pub struct PendingFile {
    pub path: std::path::PathBuf,
    pub contents: Vec<u8>,
    pub overwrite: bool,
    /// Permission bits: 0600 for keys, 0644 for certificates.
    pub mode: u32,
    /// The flag that named the file, for the "already exists" error.
    pub flag: &'static str,
}

impl std::fmt::Debug for PendingFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the contents: they are key material.
        write!(f, "PendingFile({})", self.path.display())
    }
}

/// What a command produced: the response object and its human rendering.
#[derive(Debug, Clone)]
pub struct CommandOutput {
    /// The response object (snake_case keys, as the akeyless API returns).
    pub json: Value,
    /// What the akeyless CLI prints for this command without `--json`.
    pub text: String,
    /// Files to write once rendering succeeded.
    pub files: Vec<PendingFile>,
}

impl CommandOutput {
    pub fn new(json: Value, text: impl Into<String>) -> Self {
        CommandOutput {
            json,
            text: text.into(),
            files: Vec::new(),
        }
    }

    /// A response whose human rendering is its pretty JSON, as the akeyless
    /// CLI does for commands that have no dedicated text.
    pub fn json_only(json: Value) -> Self {
        let text = pretty(&json);
        CommandOutput::new(json, text)
    }

    /// Adds a file to write after rendering.
    pub fn with_file(mut self, file: PendingFile) -> Self {
        self.files.push(file);
        self
    }

    /// Renders, then writes the pending files; returns what to print.
    pub fn finish(&self, format: &Format) -> Result<String> {
        let text = format.render(self)?;
        self.write_files()?;
        Ok(text)
    }

    /// Like [`CommandOutput::finish`], but prints to `out`. `--jq-expression`
    /// results are streamed as they are produced (bounded by
    /// [`JQ_MAX_RESULTS`] and [`JQ_MAX_OUTPUT_BYTES`]), unless files are
    /// pending: those wait until the output rendered without error.
    pub fn finish_to(&self, format: &Format, out: &mut (dyn Write + Send)) -> Result<()> {
        if let Format::Jq(p) = format
            && self.files.is_empty()
        {
            return p.run_to(&self.json, out);
        }
        let text = self.finish(format)?;
        match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(anyhow!("cannot write the output: {e}"))
            }
            _ => Ok(()),
        }
    }

    fn write_files(&self) -> Result<()> {
        for f in &self.files {
            crate::pki::write_file(&f.path, &f.contents, f.overwrite, f.mode, f.flag)?;
        }
        Ok(())
    }
}

/// Pretty JSON with two-space indentation (Go's `json.MarshalIndent`).
pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// The output mode chosen on the command line.
#[derive(Debug, Clone)]
pub enum Format {
    Text,
    Json,
    Jq(JqProgram),
}

impl Format {
    /// `--jq-expression` wins over `--json`; it is compiled here, before the
    /// command runs, so a typo never follows a side effect.
    pub fn from_flags(json: bool, jq: Option<&str>) -> Result<Self> {
        match jq {
            Some(expr) => Ok(Format::Jq(JqProgram::compile(expr)?)),
            None if json => Ok(Format::Json),
            None => Ok(Format::Text),
        }
    }

    /// Renders the output; the result ends with a newline unless empty.
    pub fn render(&self, out: &CommandOutput) -> Result<String> {
        let mut s = match self {
            Format::Text => out.text.clone(),
            Format::Json => pretty(&out.json),
            // Like `jq -r`: every result followed by a newline.
            Format::Jq(p) => return Ok(p.run(&out.json)?.into_iter().map(|l| l + "\n").collect()),
        };
        if !s.is_empty() && !s.ends_with('\n') {
            s.push('\n');
        }
        Ok(s)
    }
}

/// A checked jq program.
#[derive(Debug, Clone)]
pub struct JqProgram {
    expr: String,
}

type Filter = jaq_core::Filter<data::JustLut<Val>>;

/// Compiles `expr` and hands the filter to `f`. With `guarded`, every
/// definition (the user's and the standard library's) checks the stack
/// first; errors are always reported against the unguarded program.
fn with_filter<T>(expr: &str, guarded: bool, f: impl FnOnce(&Filter) -> Result<T>) -> Result<T> {
    let defs = jaq_core::defs()
        .chain(jaq_std::defs())
        .chain(jaq_json::defs());
    let defs: Vec<Def<&'static str>> = if guarded {
        defs.map(guard_def).collect()
    } else {
        defs.collect()
    };
    let funs = jaq_core::funs()
        .chain(jaq_std::funs())
        .chain(jaq_json::funs())
        .chain(std::iter::once(guard_fun()));
    let loader = Loader::new(defs);
    let arena = Arena::default();
    let code = if guarded {
        guard_user_defs(expr)
    } else {
        expr.to_owned()
    };
    let program = File {
        code: code.as_str(),
        path: (),
    };
    let modules = loader.load(&arena, program).map_err(|errs| {
        let detail = errs
            .into_iter()
            .map(|(_, e)| match e {
                jaq_core::load::Error::Io(v) => {
                    v.into_iter().map(|(_, m)| m).collect::<Vec<_>>().join("; ")
                }
                jaq_core::load::Error::Lex(v) => v
                    .into_iter()
                    .map(|(expect, found)| describe(expect.as_str(), found))
                    .collect::<Vec<_>>()
                    .join("; "),
                jaq_core::load::Error::Parse(v) => v
                    .into_iter()
                    .map(|(expect, found)| describe(expect.as_str(), found))
                    .collect::<Vec<_>>()
                    .join("; "),
            })
            .collect::<Vec<_>>()
            .join("; ");
        anyhow!("invalid --jq-expression '{expr}': {detail}")
    })?;
    let filter = Compiler::default()
        .with_funs(funs)
        .compile(modules)
        .map_err(|errs| {
            let detail = errs
                .into_iter()
                .flat_map(|(_, v)| v)
                .map(|(name, undef)| format!("undefined {} '{name}'", undef.as_str()))
                .collect::<Vec<_>>()
                .join("; ");
            anyhow!("invalid --jq-expression '{expr}': {detail}")
        })?;
    f(&filter)
}

fn describe(expected: &str, found: &str) -> String {
    let found = found.chars().take(20).collect::<String>();
    if found.is_empty() {
        format!("expected {expected} at the end")
    } else {
        format!("expected {expected} before '{found}'")
    }
}

impl JqProgram {
    /// Parses and compiles `expr`; the error names the expression.
    pub fn compile(expr: &str) -> Result<Self> {
        if expr.trim().is_empty() {
            return Err(anyhow!(
                "--jq-expression is empty; pass a jq program such as '.data'"
            ));
        }
        with_filter(expr, false, |_| Ok(()))?;
        Ok(JqProgram {
            expr: expr.to_owned(),
        })
    }

    pub fn expr(&self) -> &str {
        &self.expr
    }

    /// Runs the program over `input`; one line per result, strings raw.
    pub fn run(&self, input: &Value) -> Result<Vec<String>> {
        let mut lines = Vec::new();
        self.run_each(input, &mut |line| {
            lines.push(line);
            Ok(())
        })?;
        Ok(lines)
    }

    /// Runs the program over `input` and writes each result (and a newline)
    /// to `out` as soon as it is produced, like `jq -r`.
    pub fn run_to(&self, input: &Value, out: &mut (dyn Write + Send)) -> Result<()> {
        let _net = overflow_net::install(&format!(
            "Error: --jq-expression '{}' ran out of stack (values nested too deeply); simplify it\n",
            self.expr
        ));
        let result = self.run_each(input, &mut |mut line| {
            line.push('\n');
            out.write_all(line.as_bytes()).map_err(anyhow::Error::from)
        });
        match result {
            // The reader went away (`| head -1`): stop quietly, as jq does.
            Err(e)
                if e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
            {
                Ok(())
            }
            Err(e) => match e.downcast_ref::<std::io::Error>() {
                Some(io) => Err(anyhow!("cannot write the output: {io}")),
                None => Err(e),
            },
            Ok(()) => out
                .flush()
                .map_err(|e| anyhow!("cannot write the output: {e}")),
        }
    }

    /// Runs the program on a thread with a large stack, handing each result
    /// line to `emit`; stops with one clear error when the program recurses
    /// too deeply or produces more than [`JQ_MAX_RESULTS`] results or
    /// [`JQ_MAX_OUTPUT_BYTES`] bytes.
    fn run_each(
        &self,
        input: &Value,
        emit: &mut (dyn FnMut(String) -> Result<()> + Send),
    ) -> Result<()> {
        let expr = self.expr.as_str();
        std::thread::scope(|scope| {
            let worker = std::thread::Builder::new()
                .name("jq".to_owned())
                .stack_size(JQ_STACK_BYTES)
                .spawn_scoped(scope, move || {
                    STACK_BASE.set(stack_position());
                    run_guarded(expr, input, emit)
                })
                .map_err(|e| anyhow!("cannot start the jq thread: {e}"))?;
            worker
                .join()
                .map_err(|_| anyhow!("--jq-expression '{expr}' failed unexpectedly"))?
        })
    }
}

/// The body of [`JqProgram::run_each`], on the jq thread.
fn run_guarded(
    expr: &str,
    input: &Value,
    emit: &mut (dyn FnMut(String) -> Result<()> + Send),
) -> Result<()> {
    let text = serde_json::to_vec(input)?;
    let input = jaq_json::read::parse_single(&text)
        .map_err(|e| anyhow!("cannot feed the response to jq: {e}"))?;
    with_filter(expr, true, |filter| {
        let ctx = Ctx::<data::JustLut<Val>>::new(&filter.lut, Vars::new([]));
        let (mut count, mut bytes) = (0usize, 0usize);
        for item in filter.id.run((ctx, input)).map(unwrap_valr) {
            let v = item.map_err(|e| {
                let msg = e.to_string();
                if msg.contains(TOO_DEEP) {
                    anyhow!(
                        "--jq-expression '{expr}' recursed too deeply (more than {} MiB of stack); check its recursive definitions",
                        JQ_STACK_LIMIT >> 20
                    )
                } else {
                    anyhow!("--jq-expression '{expr}' failed: {}", hide_values(&msg))
                }
            })?;
            let line = val_to_line(&v);
            count += 1;
            bytes += line.len() + 1;
            if count > JQ_MAX_RESULTS {
                bail!(
                    "--jq-expression '{expr}' produced more than {JQ_MAX_RESULTS} results; narrow it (e.g. with limit(n; …) or first(…))"
                );
            }
            if bytes > JQ_MAX_OUTPUT_BYTES {
                bail!(
                    "--jq-expression '{expr}' produced more than {} MiB of output; narrow it (e.g. with limit(n; …) or first(…))",
                    JQ_MAX_OUTPUT_BYTES >> 20
                );
            }
            emit(line)?;
        }
        Ok(())
    })
}

/// jaq's run-time errors quote the offending value, which may be a key or
/// a token; keep the message and replace every quoted string.
fn hide_values(msg: &str) -> String {
    let msg = serde_json::from_str::<String>(msg).unwrap_or_else(|_| msg.to_owned());
    let mut out = String::new();
    let mut chars = msg.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            let mut escaped = false;
            for d in chars.by_ref() {
                if escaped {
                    escaped = false;
                } else if d == '\\' {
                    escaped = true;
                } else if d == '"' {
                    break;
                }
            }
            out.push_str("<value>");
        } else {
            out.push(c);
        }
    }
    out.chars().take(200).collect()
}

/// Strings print raw; everything else as (pretty) JSON, like `jq -r`.
fn val_to_line(v: &Val) -> String {
    match v {
        Val::TStr(b) | Val::BStr(b) => String::from_utf8_lossy(b).into_owned(),
        other => {
            let compact = other.to_string();
            match serde_json::from_str::<Value>(&compact) {
                Ok(j) if j.is_object() || j.is_array() => pretty(&j),
                _ => compact,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn out() -> CommandOutput {
        CommandOutput::new(
            json!({"data": "-----BEGIN CERTIFICATE REQUEST-----\nAB\n", "n": 3, "list": [1, {"a": "b"}]}),
            "human text",
        )
    }

    #[test]
    fn strings_are_raw_and_numbers_plain() {
        let f = Format::from_flags(false, Some(".data")).unwrap();
        assert_eq!(
            f.render(&out()).unwrap(),
            "-----BEGIN CERTIFICATE REQUEST-----\nAB\n\n"
        );
        let f = Format::from_flags(true, Some(".n")).unwrap();
        assert_eq!(f.render(&out()).unwrap(), "3\n");
    }

    #[test]
    fn each_result_on_its_own_line() {
        let f = Format::from_flags(true, Some(".list[]")).unwrap();
        assert_eq!(f.render(&out()).unwrap(), "1\n{\n  \"a\": \"b\"\n}\n");
    }

    #[test]
    fn json_and_text_modes() {
        assert_eq!(Format::Text.render(&out()).unwrap(), "human text\n");
        let j = Format::Json.render(&out()).unwrap();
        assert!(j.starts_with("{\n  \"data\""), "{j}");
        let back: Value = serde_json::from_str(&j).unwrap();
        assert_eq!(back, out().json);
    }

    fn jq(expr: &str, input: Value) -> Result<Vec<String>> {
        JqProgram::compile(expr)?.run(&input)
    }

    #[test]
    fn endless_recursion_is_one_clear_error() {
        for expr in [
            "def f: [f]; f",
            "def f(x): [f(x)]; f(.)",
            "\"\\(def g: [g]; g)\"",
        ] {
            let err = jq(expr, json!(1)).unwrap_err().to_string();
            assert!(err.contains("recursed too deeply"), "{expr}: {err}");
            assert!(!err.contains('\n'));
        }
    }

    #[test]
    fn guarded_programs_behave_as_before() {
        let t = |e: &str, input: Value| jq(e, input).unwrap().join(",");
        assert_eq!(t("def f(x): x + 1; f(2)", json!(null)), "3");
        assert_eq!(t("def f: def g: 3; g; f", json!(null)), "3");
        assert_eq!(t("{def: 1} | .def", json!(null)), "1");
        assert_eq!(t("\"def x: y\"", json!(null)), "def x: y");
        assert_eq!(t("[limit(3; repeat(1))] | length", json!(null)), "3");
        assert_eq!(t("[paths] | length", json!({"a": [1, 2]})), "3");
        assert_eq!(
            t("(.. | numbers) |= . + 1 | .a[1]", json!({"a": [1, 2]})),
            "3"
        );
        assert_eq!(t("last(range(100000))", json!(null)), "99999");
        assert_eq!(
            t(
                "[recurse(if . < 3 then . + 1 else empty end)] | length",
                json!(0)
            ),
            "4"
        );
    }

    #[test]
    fn endless_output_stops_at_the_cap() {
        let p = JqProgram::compile("repeat(1)").unwrap();
        let mut out = Vec::new();
        let err = p.run_to(&json!(null), &mut out).unwrap_err().to_string();
        assert!(err.contains("more than 1000000 results"), "{err}");
        assert_eq!(
            out.len(),
            2 * JQ_MAX_RESULTS,
            "results stream before the error"
        );
        let err = jq("range(1e9)", json!(null)).unwrap_err().to_string();
        assert!(err.contains("more than 1000000 results"), "{err}");
        let err = jq("range(100) | \"x\" * 1000000", json!(null))
            .unwrap_err()
            .to_string();
        assert!(err.contains("MiB of output"), "{err}");
    }

    #[test]
    fn bad_expressions_name_the_expression() {
        let err = JqProgram::compile(".data[").unwrap_err().to_string();
        assert!(err.contains("'.data['"), "{err}");
        assert!(!err.contains('\n'));
        let err = JqProgram::compile("nosuchfn(1)").unwrap_err().to_string();
        assert!(err.contains("nosuchfn"), "{err}");
        let p = JqProgram::compile(".data | error(\"boom\")").unwrap();
        let err = p.run(&out().json).unwrap_err().to_string();
        assert!(err.contains("failed"), "{err}");
        let p = JqProgram::compile(".data | tonumber").unwrap();
        let err = p.run(&out().json).unwrap_err().to_string();
        assert!(err.contains("cannot parse <value>"), "{err}");
        assert!(
            !err.contains("BEGIN"),
            "values must not leak into errors: {err}"
        );
    }
}
