//! The `careers` binary: parse arguments, run the command, map the result
//! to an exit code (0 success, 1 content errors, 2 usage errors). All the
//! work happens in the `careers` library.

#![forbid(unsafe_code)]
// No input may make the tool panic (docs/reliability.md): outside tests,
// no unwrap, expect, panic or unreachable, and no indexing or string
// slicing that can fail; use `get`, `split_once`, `strip_prefix` instead.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

mod cli;

/// Building a site allocates many small values (template values, strings);
/// mimalloc does that markedly faster than the system allocator (see the
/// benchmark in bench/).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            cli::errln!("error: {err:#}");
            ExitCode::from(cli::EXIT_USAGE)
        }
    }
}
