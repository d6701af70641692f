//! What keeps a `--jq-expression` from taking the process down: jaq
//! evaluates on the native stack without a depth limit, so the program runs
//! on a thread with a large stack, every definition (the user's and the
//! standard library's) first calls a native guard that fails once the stack
//! is nearly used up, and a SIGSEGV handler turns the overflows the guard
//! cannot see into one error line.

use std::cell::Cell;

use jaq_core::load::Lexer;
use jaq_core::load::lex::{StrPart, Tok, Token};
use jaq_core::load::parse::{BinaryOp, Def, Term};
use jaq_core::{Native, data};
use jaq_json::Val;

/// The jq program runs on its own thread with this much stack…
pub(super) const JQ_STACK_BYTES: usize = 256 << 20;

/// …and stops with an error once it has used this much: jaq recurses on
/// the native stack, so `def f: [f]; f` would overflow and abort the process.
pub(super) const JQ_STACK_LIMIT: usize = 192 << 20;

/// The name of the native filter that checks the stack depth; it is put at
/// the start of every definition (jq recursion only happens through them).
pub(super) const GUARD: &str = "_akl_depth_guard";

thread_local! {
    /// Stack address at the start of the jq thread; 0 elsewhere (no check).
    pub(super) static STACK_BASE: Cell<usize> = const { Cell::new(0) };
}

/// Address of a local, as a measure of the stack position.
#[inline(never)]
pub(super) fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// An error when the jq thread has used more than [`JQ_STACK_LIMIT`].
fn check_depth<'a>() -> Result<(), jaq_core::Exn<'a, Val>> {
    let base = STACK_BASE.get();
    if base != 0 && base.abs_diff(stack_position()) > JQ_STACK_LIMIT {
        return Err(jaq_core::Exn::from(jaq_core::Error::str(TOO_DEEP)));
    }
    Ok(())
}

pub(super) const TOO_DEEP: &str = "recursion too deep";

/// The guard filter: the identity when the stack has room, else an error;
/// it works in paths (`path(..)`) and updates (`.. |= f`) too.
pub(super) fn guard_fun() -> jaq_core::native::Fun<data::JustLut<Val>> {
    let native = Native::new(|cv| Box::new(std::iter::once(check_depth().map(|_| cv.1))))
        .with_paths(|cv| Box::new(std::iter::once(check_depth().map(|_| cv.1))))
        .with_update(|cv, f| match check_depth() {
            Ok(()) => f(cv.1),
            Err(e) => Box::new(std::iter::once(Err(e))),
        });
    (GUARD, jaq_core::native::v(0), native)
}

/// `def name: body;` becomes `def name: GUARD | body;`, also for the
/// definitions nested at the top of `body` (`def repeat(f): def rec: …`).
pub(super) fn guard_def(d: Def<&'static str>) -> Def<&'static str> {
    Def {
        name: d.name,
        args: d.args,
        body: Term::BinOp(
            Box::new(Term::Call(GUARD, Vec::new())),
            BinaryOp::Pipe(None),
            Box::new(guard_nested(d.body)),
        ),
    }
}

fn guard_nested(t: Term<&'static str>) -> Term<&'static str> {
    match t {
        Term::Def(defs, rest) => Term::Def(
            defs.into_iter().map(guard_def).collect(),
            Box::new(guard_nested(*rest)),
        ),
        Term::BinOp(l, op, r) => {
            Term::BinOp(Box::new(guard_nested(*l)), op, Box::new(guard_nested(*r)))
        }
        other => other,
    }
}

/// The user's program with `GUARD | ` after the `:` of every `def` header,
/// found with jaq's own lexer (so strings and comments are skipped). A
/// pipe binds loosest, so `GUARD | body` runs the body unchanged.
pub(super) fn guard_user_defs(expr: &str) -> String {
    fn collect(tokens: &[Token<&str>], src: &str, out: &mut Vec<usize>) {
        for (i, t) in tokens.iter().enumerate() {
            match &t.1 {
                Tok::Block(inner) => collect(inner, src, out),
                Tok::Str(parts) => {
                    for p in parts {
                        if let StrPart::Term(tt) = p {
                            collect(std::slice::from_ref(tt), src, out);
                        }
                    }
                }
                _ => {}
            }
            if !matches!(t.1, Tok::Word) || t.0 != "def" {
                continue;
            }
            let mut j = i + 1;
            if !matches!(tokens.get(j), Some(Token(_, Tok::Word))) {
                continue;
            }
            j += 1;
            if let Some(Token(s, Tok::Block(_))) = tokens.get(j)
                && s.starts_with('(')
            {
                j += 1;
            }
            if let Some(Token(s, Tok::Sym)) = tokens.get(j)
                && *s == ":"
            {
                out.push(s.as_ptr() as usize - src.as_ptr() as usize + s.len());
            }
        }
    }
    let Ok(tokens) = Lexer::new(expr).lex() else {
        return expr.to_owned();
    };
    let mut offsets = Vec::new();
    collect(&tokens, expr, &mut offsets);
    offsets.sort_unstable();
    let mut out = expr.to_owned();
    for at in offsets.into_iter().rev() {
        out.insert_str(at, &format!(" {GUARD} |"));
    }
    out
}

/// The last resort against a stack overflow the depth guard cannot see:
/// values nested a million deep built without a definition (`reduce
/// range(1e6) as $i (null; [.])`) overflow in jaq's recursive drop. While
/// the program runs, SIGSEGV (which is how the overflow arrives) prints one
/// error line and exits with status 1 instead of Rust's abort (134).
/// Only the binary's path ([`JqProgram::run_to`]) installs it.
pub(super) mod overflow_net {
    use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

    static MSG: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
    static LEN: AtomicUsize = AtomicUsize::new(0);

    extern "C" fn on_fault(_: libc::c_int) {
        let (p, n) = (MSG.load(Ordering::SeqCst), LEN.load(Ordering::SeqCst));
        // SAFETY: write(2) and _exit(2) are async-signal-safe; `p` points to
        // a leaked buffer of `n` bytes that is never freed.
        unsafe {
            if !p.is_null() {
                libc::write(2, p as *const libc::c_void, n);
            }
            libc::_exit(1);
        }
    }

    /// Restores the previous handlers when dropped.
    pub struct Installed {
        old: [libc::sigaction; 2],
    }

    const SIGNALS: [libc::c_int; 2] = [libc::SIGSEGV, libc::SIGBUS];

    pub fn install(message: &str) -> Option<Installed> {
        let msg: &'static mut [u8] = Box::leak(message.as_bytes().to_vec().into_boxed_slice());
        LEN.store(msg.len(), Ordering::SeqCst);
        MSG.store(msg.as_mut_ptr(), Ordering::SeqCst);
        // SAFETY: plain sigaction calls with zero-initialised structs; the
        // handler runs on the alternate signal stack std gives each thread.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_fault as *const () as usize;
            sa.sa_flags = libc::SA_ONSTACK;
            libc::sigemptyset(&mut sa.sa_mask);
            let mut old: [libc::sigaction; 2] = std::mem::zeroed();
            for (i, sig) in SIGNALS.iter().enumerate() {
                if libc::sigaction(*sig, &sa, &mut old[i]) != 0 {
                    return None;
                }
            }
            Some(Installed { old })
        }
    }

    impl Drop for Installed {
        fn drop(&mut self) {
            // SAFETY: puts back the handlers saved by `install`.
            unsafe {
                for (i, sig) in SIGNALS.iter().enumerate() {
                    libc::sigaction(*sig, &self.old[i], std::ptr::null_mut());
                }
            }
        }
    }
}
