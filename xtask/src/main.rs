//! `cargo xtask test`: sets up a bare machine (wasm32 target, Chromium, Firefox and WebKitGTK and
//! their drivers, the test runner) and runs every check CI runs. See `cargo xtask help`.

mod bench;
mod browser;
mod compat;
mod demo;
mod e2e;
mod readme;
mod server;
mod setup;
mod test;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// A failed step, with what to say about it.
type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  test    set up this machine and run every check: fmt, clippy, host tests, doc tests,
          browser tests (window, worker, engine defaults), the examples mounted and the
          demo's end-to-end test, each in Chromium, Firefox and WebKit (in Xvfb); the README's
          wasm-pack recipe, both ends of the version ranges (the lowest declared, the
          newest published), cargo package
  readme  the README as crates.io shows it (part of test): no relative link, every file it
          links into packaged, every snippet compiled in a new app with the listed dependencies
  e2e [--browser chromium|firefox|webkit]
          build and serve the demo, and run its end-to-end test in one engine (Chromium)
  demo [--port N] [--tracing]
          build the demo page and serve it with the endpoints on 127.0.0.1:N (8080);
          --tracing sends the crate's spans and events to the browser console
  bench [--browser chromium|firefox] [--runs N] [--only WORKLOAD [--profile IMPLEMENTATION]] | --size-only
          speed, size and memory against plain JavaScript and gloo-net, in headless
          Chromium; writes BENCHMARKS.md and docs/bench.svg (not run by CI);
          --browser firefox measures the speed table in Firefox and writes it into its
          own section of BENCHMARKS.md;
          --only runs one workload and prints its table, writing nothing;
          --profile adds Chromium's profiler around those runs (self time by function);
          --size-only builds the echo clients and prints their sizes";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test::run_all(),
        Some("demo") => demo::serve(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("readme") => readme::check(),
        Some("e2e") => e2e::command(&args[1..]),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: every task runs from there, whatever the caller's directory.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// `cargo`, as the one running this task.
fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root());
    command
}

/// Runs a command to completion, failing on a non-zero exit.
fn run(command: &mut Command) -> Result {
    println!("\n$ {}", describe(command));
    let status = command.status().map_err(|e| format!("cannot start {}: {e}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

fn describe(command: &Command) -> String {
    let args = command.get_args().map(|a| a.to_string_lossy().into_owned());
    std::iter::once(command.get_program().to_string_lossy().into_owned()).chain(args).collect::<Vec<_>>().join(" ")
}
