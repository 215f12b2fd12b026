//! Idempotent machine set-up: each step checks first and installs only what is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, root, run, Result};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// The wasm32 target, rustfmt and clippy, through rustup.
pub fn toolchain() -> Result {
    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    let has_target = installed.is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains(WASM_TARGET));
    if !has_target {
        run(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
    }
    for (component, check) in [("rustfmt", "fmt"), ("clippy", "clippy")] {
        let present = cargo().args([check, "--version"]).output().is_ok_and(|out| out.status.success());
        if !present {
            run(Command::new("rustup").args(["component", "add", component]))?;
        }
    }
    Ok(())
}

/// Debian's Chromium and ChromeDriver (nothing can download a browser here).
pub fn chromium() -> Result {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Builds the wasm-bindgen test runner from Cargo.lock and returns its path.
pub fn test_runner() -> Result<PathBuf> {
    run(cargo().args(["build", "--package", "xtask", "--bin", "wasm-bindgen-test-runner"]))?;
    Ok(host_binary("wasm-bindgen-test-runner"))
}

/// A binary in the host target directory's debug profile.
pub fn host_binary(name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    target.join("debug").join(name)
}
