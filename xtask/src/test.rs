//! `cargo xtask test`: everything CI checks, in one command.

use std::path::Path;

use crate::browser::{self, Engine};
use crate::server::TestServer;
use crate::setup::{self, WASM_TARGET};
use crate::{bench, cargo, compat, demo, e2e, readme, run, Result};

/// Where the test server listens; the browser tests read it at compile time.
const SERVER_PORT: u16 = 9753;
/// The framework examples, each its own crate, built for wasm32 and mounted in the browser.
const EXAMPLES: [&str; 3] = ["leptos-chat", "yew-chat", "dioxus-chat"];
/// Where it listens for `wss://`.
const TLS_PORT: u16 = 9754;
/// Every browser suite, example and the demo run in each.
const ENGINES: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::WebKit];

/// The window and worker suites (`webdriver.json`: Firefox's reconnect delay off, since one
/// test's refused handshakes would hold the next test's connections back), then the suite on
/// the engine's default settings (`tests/engine_defaults.rs`: the delay on, as users have it).
/// With `trusted`, the suites are told that the engine trusts the server's certificate from the
/// system's trust store (WebKit in CI; see `tests/browser/tls.rs`).
fn suites_in(engine: Engine, runner: &Path, server: &TestServer, tls_server: &str, trusted: bool) -> Result {
    let suites = |tests: &[&str], capabilities: &Path| -> Result {
        let mut command = cargo();
        command.args(["test", "--package", "browser-websocket", "--all-features", "--target", WASM_TARGET]);
        for test in tests {
            command.args(["--test", test]);
        }
        // The suite's time limit comes from .cargo/config.toml, as for anyone running it by hand.
        command
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner)
            .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", capabilities)
            .env("BROWSER_WEBSOCKET_TEST_SERVER", server.ws_url())
            .env("BROWSER_WEBSOCKET_TEST_TLS_SERVER", tls_server);
        if trusted {
            command.env("BROWSER_WEBSOCKET_TEST_TLS_TRUSTED", "1");
        } else {
            command.env_remove("BROWSER_WEBSOCKET_TEST_TLS_TRUSTED");
        }
        run(engine.for_runner(&mut command)?)
    };
    suites(&["browser", "worker"], &crate::root().join("webdriver.json"))?;
    suites(&["engine_defaults"], &browser::engine_defaults_capabilities()?)
}

pub fn run_all() -> Result {
    setup::toolchain()?;
    setup::chromium()?;
    setup::firefox()?;
    setup::geckodriver()?;
    setup::webkit()?;

    run(cargo().args(["fmt", "--all", "--check"]))?;
    for other in EXAMPLES.iter().map(|e| format!("examples/{e}/Cargo.toml")).chain(["bench/Cargo.toml".into()]) {
        run(cargo().args(["fmt", "--all", "--check", "--manifest-path", &other]))?;
    }
    run(cargo().args(["clippy", "--workspace", "--all-targets", "--all-features", "--", "-D", "warnings"]))?;
    for features in ["--all-features", "--no-default-features"] {
        let crate_on_wasm = ["--package", "browser-websocket", "--all-targets", features, "--target", WASM_TARGET];
        run(cargo().arg("clippy").args(crate_on_wasm).args(["--", "-D", "warnings"]))?;
    }
    // Every intra-doc link resolves, as docs.rs renders the crate (wasm32, every feature).
    let doc = ["doc", "--package", "browser-websocket", "--no-deps", "--all-features", "--target", WASM_TARGET];
    run(cargo().args(doc).env("RUSTDOCFLAGS", "-D warnings"))?;
    // Links that work on crates.io, into files the package holds; snippets that compile as pasted.
    readme::check()?;
    // Host: unit tests, the server's tests and the doc tests (browser examples are compile-only).
    run(cargo().args(["test", "--workspace", "--all-features"]))?;

    let runner = setup::test_runner()?;
    // The demo with the crate's tracing on, as `cargo xtask demo --tracing` builds it, then as
    // the end-to-end test and `cargo xtask demo` serve it.
    demo::build(true)?;
    let www = demo::build(false)?;
    let server = TestServer::start(SERVER_PORT, Some(TLS_PORT), Some(&www))?;
    let tls_server = format!("wss://127.0.0.1:{TLS_PORT}");
    for engine in ENGINES {
        println!("\n# the browser suites in {}", engine.name());
        let _display = if engine == Engine::WebKit { Some(browser::Display::start()?) } else { None };
        // WebKit gets no capabilities, so it trusts the server's certificate only from the
        // system's trust store: in CI (`CI` set, as `.ci/run` does) it goes there for the WebKit
        // run and comes out after; elsewhere the suite checks that WebKit refuses it.
        let in_ci = std::env::var_os("CI").is_some_and(|value| !value.is_empty());
        let trust = match engine {
            Engine::WebKit if in_ci => Some(setup::SystemTrust::add(&crate::server::certificate())?),
            _ => None,
        };
        suites_in(engine, &runner, &server, &tls_server, trust.is_some())?;
        drop(trust);
        for example in EXAMPLES {
            example_in_browser(engine, example, &runner, &server)?;
        }
        e2e::run(engine, &server.http_url())?;
    }
    compat::wasm_pack(&runner)?;
    compat::lowest(&server, &tls_server)?;
    drop(server);
    compat::newest()?;

    // No row of the size table grows more than 1 % past bench/size-budget.txt.
    bench::sizes_within_budget()?;

    run(cargo().args(["package", "--package", "browser-websocket", "--allow-dirty"]))?;
    println!("\nxtask test: every check passed");
    Ok(())
}

/// Builds an example for wasm32 (its page binary too) and runs its browser tests: `mount`
/// mounts the component and sees messages round-trip through the test server, `kit` tests it
/// with the test kit alone, as an app would.
fn example_in_browser(engine: Engine, example: &str, runner: &Path, server: &TestServer) -> Result {
    let manifest = format!("examples/{example}/Cargo.toml");
    let target_dir = crate::root().join("target").join("examples");
    let common = ["--manifest-path", manifest.as_str(), "--target", WASM_TARGET];
    run(cargo().arg("build").args(common).arg("--bins").arg("--target-dir").arg(&target_dir))?;
    let mut test = cargo();
    test.arg("test")
        .args(common)
        .args(["--test", "mount", "--test", "kit", "--target-dir"])
        .arg(&target_dir)
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", crate::root().join("webdriver.json"))
        .env("BROWSER_WEBSOCKET_TEST_SERVER", server.ws_url());
    run(engine.for_runner(&mut test)?)
}
