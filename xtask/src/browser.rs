//! The engines the suites run in, and WebDriver sessions in them (with fantoccini) for the
//! demo's end-to-end test and the benchmarks.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

use crate::setup::CHROMEDRIVER;
use crate::{root, Result};

/// A browser engine, headless, driven through its WebDriver server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Debian's Chromium through ChromeDriver.
    Chromium,
    /// Debian's Firefox ESR through geckodriver (built from crates.io).
    Firefox,
    /// Debian's WebKitGTK through WebKitWebDriver (which runs its MiniBrowser), in an Xvfb
    /// display ([`Display`]). wasm-bindgen's runner drives it as Safari, with no capabilities.
    WebKit,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "Chromium",
            Engine::Firefox => "Firefox",
            Engine::WebKit => "WebKit",
        }
    }

    /// The key of this engine's options in `webdriver.json`.
    fn options_key(self) -> &'static str {
        match self {
            Engine::Chromium => "goog:chromeOptions",
            Engine::Firefox => "moz:firefoxOptions",
            Engine::WebKit => "webkitgtk:browserOptions",
        }
    }

    /// The WebDriver server's binary (the Firefox one is built on first use).
    pub fn driver(self) -> Result<PathBuf> {
        match self {
            Engine::Chromium => Ok(PathBuf::from(CHROMEDRIVER)),
            Engine::Firefox => crate::setup::geckodriver(),
            Engine::WebKit => crate::setup::webkit(),
        }
    }

    /// Points wasm-bindgen's test runner at this engine: it picks the browser by which driver
    /// variable is set, so the others are removed.
    pub fn for_runner(self, command: &mut Command) -> Result<&mut Command> {
        let variable = match self {
            Engine::Chromium => "CHROMEDRIVER",
            Engine::Firefox => "GECKODRIVER",
            Engine::WebKit => "SAFARIDRIVER",
        };
        for other in ["CHROMEDRIVER", "GECKODRIVER", "SAFARIDRIVER"] {
            command.env_remove(other);
        }
        Ok(command.env(variable, self.driver()?))
    }
}

/// The capabilities in `webdriver.json` (both engines' options).
pub fn capabilities() -> Result<serde_json::Map<String, serde_json::Value>> {
    let json = std::fs::read_to_string(root().join("webdriver.json")).map_err(|e| e.to_string())?;
    serde_json::from_str(&json).map_err(|e| format!("webdriver.json: {e}"))
}

/// `webdriver.json` with Firefox's prefs left at their defaults, written to `target/` for the
/// suite that runs on the engines' default settings (`tests/engine_defaults.rs`).
pub fn engine_defaults_capabilities() -> Result<PathBuf> {
    let mut capabilities = capabilities()?;
    if let Some(options) = capabilities.get_mut("moz:firefoxOptions").and_then(|o| o.as_object_mut()) {
        options.remove("prefs");
    }
    let path = root().join("target").join("webdriver-engine-defaults.json");
    let text = serde_json::to_string_pretty(&capabilities).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(root().join("target")).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// A new browser session through `driver`, with the capabilities in `webdriver.json` plus
/// `extra_args` for this engine.
pub async fn session(driver: &Driver, extra_args: &[&str]) -> Result<Client> {
    let mut capabilities = capabilities()?;
    let key = driver.engine.options_key();
    if let Some(args) = capabilities.get_mut(key).and_then(|o| o.get_mut("args")).and_then(|a| a.as_array_mut()) {
        args.extend(extra_args.iter().map(|a| serde_json::Value::from(*a)));
    }
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .map_err(|e| format!("cannot start a {} session: {e}", driver.engine.name()))
}

/// A WebDriver server on 127.0.0.1, stopped when dropped. geckodriver serves one session at a
/// time, so a test with two browsers starts two.
pub struct Driver {
    child: Child,
    engine: Engine,
    port: u16,
}

impl Driver {
    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn start(engine: Engine, port: u16) -> Result<Driver> {
        Driver::start_with_env(engine, port, &[])
    }

    /// [`Driver::start`] with these variables in the driver's environment, which it passes on
    /// to the browser (Firefox's profiler is set up this way).
    pub fn start_with_env(engine: Engine, port: u16, env: &[(&str, String)]) -> Result<Driver> {
        let binary = engine.driver()?;
        let child = Command::new(&binary)
            .envs(env.iter().map(|(key, value)| (*key, value.as_str())))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let driver = Driver { child, engine, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!("{} did not start listening", Path::new(&binary).display()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An Xvfb display for the whole process (WebKitGTK has no headless mode): started on a free
/// display number, set as `DISPLAY`, and stopped, with `DISPLAY` restored, when dropped.
pub struct Display {
    child: Child,
    before: Option<std::ffi::OsString>,
}

impl Display {
    pub fn start() -> Result<Display> {
        let child = Command::new(crate::setup::XVFB)
            .args(["-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start Xvfb: {e}"))?;
        // Owned by the guard first, so that any failure below stops it.
        let mut display = Display { child, before: std::env::var_os("DISPLAY") };
        // Xvfb writes the number it chose once it accepts connections.
        let mut number = String::new();
        if let Some(out) = display.child.stdout.take() {
            BufReader::new(out).read_line(&mut number).map_err(|e| e.to_string())?;
        }
        if number.trim().is_empty() {
            return Err("Xvfb did not say which display it opened".into());
        }
        std::env::set_var("DISPLAY", format!(":{}", number.trim()));
        Ok(display)
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        match self.before.take() {
            Some(before) => std::env::set_var("DISPLAY", before),
            None => std::env::remove_var("DISPLAY"),
        }
    }
}
