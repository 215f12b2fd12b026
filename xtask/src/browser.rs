//! Headless Chromium through ChromeDriver (WebDriver, with fantoccini), for the demo's
//! end-to-end test and the benchmarks.

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

use crate::setup::CHROMEDRIVER;
use crate::{root, Result};

const DRIVER_PORT: u16 = 9516;

/// A new browser session with the capabilities in `webdriver.json`, plus `extra_args`.
pub async fn session(extra_args: &[&str]) -> Result<Client> {
    let json = std::fs::read_to_string(root().join("webdriver.json")).map_err(|e| e.to_string())?;
    let mut capabilities: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&json).map_err(|e| format!("webdriver.json: {e}"))?;
    if let Some(args) = capabilities.get_mut("goog:chromeOptions").and_then(|o| o.get_mut("args")) {
        if let Some(args) = args.as_array_mut() {
            args.extend(extra_args.iter().map(|a| serde_json::Value::from(*a)));
        }
    }
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{DRIVER_PORT}"))
        .await
        .map_err(|e| format!("cannot start a browser session: {e}"))
}

/// ChromeDriver on 127.0.0.1, stopped when dropped.
pub struct Driver(Child);

impl Driver {
    pub fn start() -> Result<Driver> {
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={DRIVER_PORT}"))
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {CHROMEDRIVER}: {e}"))?;
        let driver = Driver(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", DRIVER_PORT)).is_err() {
            if Instant::now() > deadline {
                return Err("ChromeDriver did not start listening".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
