//! `cargo xtask demo`: builds the demo page's wasm and serves `www/` with the endpoints.

use std::path::PathBuf;

use crate::server::TestServer;
use crate::setup::{self, WASM_TARGET};
use crate::{cargo, root, run, Result};

/// Builds `demo` for wasm32 (release; with `tracing`, its feature that logs to the console) and
/// writes wasm-bindgen's `--target web` output to `www/pkg/`; returns the `www/` folder.
pub fn build(tracing: bool) -> Result<PathBuf> {
    setup::toolchain()?;
    let mut build = cargo();
    build.args(["build", "--package", "demo", "--release", "--target", WASM_TARGET]);
    if tracing {
        build.args(["--features", "tracing"]);
    }
    run(&mut build)?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    let wasm = target.join(WASM_TARGET).join("release").join("demo.wasm");
    let www = root().join("www");
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)
        .map_err(|e| e.to_string())?
        .omit_default_module_path(false)
        .out_name("demo")
        .typescript(false)
        .generate(www.join("pkg"))
        .map_err(|e| format!("wasm-bindgen failed on {}: {e}", wasm.display()))?;
    Ok(www)
}

/// `cargo xtask demo [--port N] [--tracing]`.
pub fn serve(args: &[String]) -> Result {
    const USAGE: &str = "usage: cargo xtask demo [--port N] [--tracing]";
    let (mut port, mut tracing) = (8080, false);
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--port" => {
                let value = args.next().ok_or(USAGE)?;
                port = value.parse().map_err(|_| format!("not a port: {value}"))?;
            }
            "--tracing" => tracing = true,
            _ => return Err(USAGE.into()),
        }
    }
    let www = build(tracing)?;
    let server = TestServer::start(port, None, Some(&www))?;
    println!("\nThe demo is at {}  (Ctrl+C to stop)", server.http_url());
    server.wait()
}
