//! `cargo xtask demo`: builds the demo page's wasm and serves `www/` with the endpoints.

use std::path::PathBuf;

use crate::server::TestServer;
use crate::setup::{self, WASM_TARGET};
use crate::{cargo, root, run, Result};

/// Builds `demo` for wasm32 (release) and writes wasm-bindgen's `--target web` output to
/// `www/pkg/`; returns the `www/` folder.
pub fn build() -> Result<PathBuf> {
    setup::toolchain()?;
    run(cargo().args(["build", "--package", "demo", "--release", "--target", WASM_TARGET]))?;
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

/// `cargo xtask demo [--port N]`.
pub fn serve(args: &[String]) -> Result {
    let port = match args {
        [] => 8080,
        [flag, port] if flag == "--port" => port.parse().map_err(|_| format!("not a port: {port}"))?,
        _ => return Err("usage: cargo xtask demo [--port N]".into()),
    };
    let www = build()?;
    let server = TestServer::start(port, None, Some(&www))?;
    println!("\nThe demo is at {}  (Ctrl+C to stop)", server.http_url());
    server.wait()
}
