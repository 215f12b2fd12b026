//! `cargo xtask test`: everything CI checks, in one command.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::setup::{self, CHROMEDRIVER, WASM_TARGET};
use crate::{cargo, run, Result};

/// Where the test server listens; the browser tests read it at compile time.
const SERVER_PORT: u16 = 9753;

pub fn run_all() -> Result {
    setup::toolchain()?;
    setup::chromium()?;

    run(cargo().args(["fmt", "--all", "--check"]))?;
    run(cargo().args(["clippy", "--workspace", "--all-targets", "--all-features", "--", "-D", "warnings"]))?;
    for features in ["--all-features", "--no-default-features"] {
        let crate_on_wasm = ["--package", "browser-websocket", "--all-targets", features, "--target", WASM_TARGET];
        run(cargo().arg("clippy").args(crate_on_wasm).args(["--", "-D", "warnings"]))?;
    }
    // Host: unit tests, the server's tests and the doc tests (browser examples are compile-only).
    run(cargo().args(["test", "--workspace", "--all-features"]))?;

    let runner = setup::test_runner()?;
    let server = TestServer::start()?;
    let browser = run(cargo()
        .args(["test", "--package", "browser-websocket", "--all-features", "--target", WASM_TARGET, "--test", "*"])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner)
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "300")
        .env("BROWSER_WEBSOCKET_TEST_SERVER", server.url()));
    drop(server);
    browser?;

    run(cargo().args(["package", "--package", "browser-websocket", "--allow-dirty"]))?;
    println!("\nxtask test: every check passed");
    Ok(())
}

/// The loopback test server, stopped when dropped.
struct TestServer {
    child: Child,
}

impl TestServer {
    fn start() -> Result<TestServer> {
        run(cargo().args(["build", "--package", "test-server"]))?;
        let mut child = Command::new(setup::host_binary("test-server"))
            .args(["--port", &SERVER_PORT.to_string()])
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the test server: {e}"))?;
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            let _ = BufReader::new(stdout).read_line(&mut line);
        }
        if !line.starts_with("listening on") {
            let _ = child.kill();
            return Err(format!("the test server did not start (is port {SERVER_PORT} free?)"));
        }
        print!("test server: {line}");
        Ok(TestServer { child })
    }

    fn url(&self) -> String {
        format!("ws://127.0.0.1:{SERVER_PORT}")
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
