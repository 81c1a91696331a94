//! Everything `careers` prints to the terminal goes through here, for two
//! reasons that `print!` and `eprint!` do not handle.
//!
//! - **A reader that goes away.** `careers check | head -1` closes the pipe
//!   after one line; `print!` then panics. Like ripgrep, a write that fails
//!   with `BrokenPipe` (on stdout or stderr) ends the program at once with
//!   status 0: nobody is left to read the rest, and that is not an error of
//!   the site. Any other failure to write stdout (a full disk behind a
//!   redirection) is said on stderr and exits with status 2; a failure to
//!   write stderr is ignored, since there is nowhere left to say it.
//! - **Names from the file system.** A file called `\e]0;pwned\a.md` would
//!   drive the terminal if printed as it is. Control characters (C0 other
//!   than tab and line breaks, DEL and C1) are written as `\u001b`-style
//!   escapes, whatever text they are in: paths, quoted lines, messages.
//!   The escape is also valid inside a JSON string and means the same
//!   character there, so JSON output stays valid and exact.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

/// Exit status when stdout cannot be written for a reason other than a
/// closed pipe.
const EXIT_IO: i32 = 2;

/// Prints `args` on stdout (see the module notes for failures).
pub fn out(args: fmt::Arguments<'_>) {
    let text = fmt::format(args);
    let mut stdout = io::stdout().lock();
    let result = stdout
        .write_all(escape_controls(&text).as_bytes())
        .and_then(|()| stdout.flush());
    if let Err(err) = result {
        if err.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        err_text(&format!("error: cannot write to standard output: {err}\n"));
        std::process::exit(EXIT_IO);
    }
}

/// Prints `args` and a line break on stdout.
pub fn outln(args: fmt::Arguments<'_>) {
    out(format_args!("{args}\n"));
}

/// Prints `args` on stderr (see the module notes for failures).
pub fn err(args: fmt::Arguments<'_>) {
    err_text(&fmt::format(args));
}

/// Prints `args` and a line break on stderr.
pub fn errln(args: fmt::Arguments<'_>) {
    err(format_args!("{args}\n"));
}

fn err_text(text: &str) {
    let mut stderr = io::stderr().lock();
    if let Err(err) = stderr.write_all(escape_controls(text).as_bytes()) {
        if err.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

/// Whether `c` must not reach a terminal as it is: C0 controls other than
/// tab and line feed, DEL and the C1 controls (U+0080 to U+009F, which
/// some terminals read as escape sequences too). A carriage return is kept
/// only before a line feed (a CRLF line break), elsewhere it would move
/// the cursor back over text already printed.
fn is_unprintable(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `text` with every unprintable character written as `\u001b`.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    let needs = |(i, c): (usize, char)| {
        is_unprintable(c) || (c == '\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
    };
    if !text.char_indices().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for (i, c) in text.char_indices() {
        if needs((i, c)) {
            escaped.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            escaped.push(c);
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls_and_keeps_text() {
        assert_eq!(
            escape_controls("content/\u{1b}]0;x\u{7}.md"),
            "content/\\u001b]0;x\\u0007.md"
        );
        assert_eq!(escape_controls("a\u{9b}b\u{7f}"), "a\\u009bb\\u007f");
        assert_eq!(escape_controls("a\rb\r\n"), "a\\u000db\r\n");
        let plain = "tab\there, line\nbreaks, é, العربية, 👩‍⚕️";
        assert!(matches!(escape_controls(plain), Cow::Borrowed(_)));
    }

    #[test]
    fn escaped_json_stays_the_same_json() {
        let value = serde_json::json!({ "file": "a\u{1b}b\u{85}c\u{7f}" });
        let text = serde_json::to_string(&value).unwrap_or_default();
        let escaped = escape_controls(&text);
        assert!(!escaped.chars().any(is_unprintable));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap_or_default();
        assert_eq!(back, value);
    }
}
