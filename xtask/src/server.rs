//! The loopback test server, started for a task and stopped when dropped.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::{cargo, run, setup, Result};

/// The test server as a child process; killed when dropped (and it exits by itself should this
/// process die first).
pub struct TestServer {
    child: Child,
    port: u16,
}

/// Where the server writes its `wss://` certificate (PEM), made anew at each start.
pub fn certificate() -> std::path::PathBuf {
    crate::root().join("target").join("test-server-certificate.pem")
}

impl TestServer {
    /// Builds and starts the server on 127.0.0.1:`port` (and `wss://` on `tls_port`), serving
    /// `www` to plain HTTP if given.
    pub fn start(port: u16, tls_port: Option<u16>, www: Option<&Path>) -> Result<TestServer> {
        run(cargo().args(["build", "--package", "test-server"]))?;
        let mut command = Command::new(setup::host_binary("test-server"));
        command.args(["--port", &port.to_string()]).stdout(Stdio::piped());
        if let Some(tls_port) = tls_port {
            command.args(["--tls-port", &tls_port.to_string()]).arg("--cert-out").arg(certificate());
        }
        if let Some(www) = www {
            command.arg("--www").arg(www);
        }
        let mut child = command.spawn().map_err(|e| format!("cannot start the test server: {e}"))?;
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            let _ = BufReader::new(stdout).read_line(&mut line);
        }
        if !line.starts_with("listening on") {
            let _ = child.kill();
            return Err(format!("the test server did not start (is port {port} free?)"));
        }
        print!("test server: {line}");
        Ok(TestServer { child, port })
    }

    /// `ws://127.0.0.1:PORT`.
    pub fn ws_url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }

    /// `http://127.0.0.1:PORT/`, where `www` is served.
    pub fn http_url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Runs until the server exits (for `cargo xtask demo`, until interrupted).
    pub fn wait(mut self) -> Result {
        self.child.wait().map_err(|e| e.to_string())?;
        Ok(())
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
