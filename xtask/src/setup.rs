//! Idempotent machine set-up: each step checks first and installs only what is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, root, run, Result};

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
/// Where Debian puts Firefox ESR (`webdriver.json` names it too).
const FIREFOX: &str = "/usr/bin/firefox-esr";
/// Debian's WebKitGTK WebDriver (package webkit2gtk-driver), which runs WebKitGTK's MiniBrowser.
const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
/// Debian's tool that rebuilds the system's trust store (package ca-certificates).
const UPDATE_CA_CERTIFICATES: &str = "/usr/sbin/update-ca-certificates";
/// Debian's virtual X server (package xvfb), for WebKitGTK.
pub const XVFB: &str = "/usr/bin/Xvfb";
/// The geckodriver the suites were last run with; a tool, so pinned.
const GECKODRIVER_VERSION: &str = "0.37.1";

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

/// Debian's Firefox ESR.
pub fn firefox() -> Result {
    if Path::new(FIREFOX).exists() {
        return Ok(());
    }
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends", "firefox-esr"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Debian's WebKitGTK WebDriver and Xvfb (and `update-ca-certificates`, for [`SystemTrust`]);
/// the driver's path.
pub fn webkit() -> Result<PathBuf> {
    let present = [WEBKIT_DRIVER, XVFB, UPDATE_CA_CERTIFICATES].iter().all(|path| Path::new(path).exists());
    if !present {
        run(Command::new("apt-get").arg("update"))?;
        run(Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends", "webkit2gtk-driver", "xvfb", "ca-certificates"])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
    }
    Ok(PathBuf::from(WEBKIT_DRIVER))
}

/// geckodriver, built from crates.io once (Debian does not package it), and its path.
pub fn geckodriver() -> Result<PathBuf> {
    installed("geckodriver", Some(GECKODRIVER_VERSION), "geckodriver")
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

/// Where tools built from crates.io are kept across clones: beside cargo's own installs, each in
/// a folder of its own (so no second `wasm-bindgen` lands on `PATH`).
pub fn tools() -> PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME").map(PathBuf::from);
    let home = std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo"));
    cargo_home.or(home).unwrap_or_else(|| root().join("target")).join("xtask-tools")
}

/// `binary` of crate `krate` (at `version`, or the newest), built from crates.io once into a
/// folder of its own under [`tools`] (nothing can download a prebuilt binary here).
pub fn installed(krate: &str, version: Option<&str>, binary: &str) -> Result<PathBuf> {
    let folder = tools().join(version.map_or_else(|| krate.to_owned(), |version| format!("{krate}-{version}")));
    let path = folder.join("bin").join(binary);
    if !path.exists() {
        let mut install = cargo();
        install.args(["install", krate, "--locked"]);
        if let Some(version) = version {
            install.args(["--version", version]);
        }
        run(install.arg("--root").arg(&folder))?;
    }
    Ok(path)
}

/// A certificate in the system's trust store (Debian's `update-ca-certificates`, which WebKitGTK
/// reads through GnuTLS), for as long as this value lives: removed again when dropped.
pub struct SystemTrust {
    file: PathBuf,
}

impl SystemTrust {
    /// Where Debian takes local certificates from.
    const FOLDER: &'static str = "/usr/local/share/ca-certificates";

    pub fn add(certificate: &Path) -> Result<SystemTrust> {
        let file = Path::new(Self::FOLDER).join("browser-websocket-test-server.crt");
        std::fs::copy(certificate, &file).map_err(|e| format!("{}: {e}", file.display()))?;
        let trust = SystemTrust { file };
        run(&mut Command::new(UPDATE_CA_CERTIFICATES))?;
        Ok(trust)
    }
}

impl Drop for SystemTrust {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.file);
        let _ = Command::new(UPDATE_CA_CERTIFICATES).stdout(std::process::Stdio::null()).status();
    }
}
