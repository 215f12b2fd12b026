//! The wasm-bindgen test runner, built from Cargo.lock so it matches the `wasm-bindgen` version.
//! Cargo passes `--quiet`, which the runner rejects, so it is dropped here.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = std::env::args_os().filter(|arg| arg != "--quiet");
    match wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:?}");
            ExitCode::FAILURE
        }
    }
}
