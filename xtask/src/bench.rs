//! `cargo xtask bench`: speed, size and memory, measured in one run, against plain JavaScript
//! and gloo-net 0.7. Not part of `cargo xtask test` (numbers are not pass/fail).

mod budget;
mod profile;
mod report;

use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::browser::{session, Driver, Engine};
use crate::server::TestServer;
use crate::setup::{self, WASM_TARGET};
use crate::{cargo, root, run as run_command, Result};

/// The implementations, in the order each run interleaves them; `js` is the baseline.
pub const IMPLEMENTATIONS: [&str; 4] = ["js", "gloo", "callbacks", "connection"];
pub const WORKLOADS: [&str; 7] =
    ["pingpong", "pipelined-text", "pipelined-binary", "flood", "big", "json", "json-browser"];
/// Built together: the echo clients, with the crate's default features off.
const SIZE_CLIENTS: [&str; 5] = ["connection", "gloo", "callbacks", "websys", "bare-async"];
/// Each built on its own, so that no one's features (JSON, the frameworks, their serde_json
/// features) reach another's build: the typed echo client, the JSON-RPC client, and the same
/// Leptos chat component with the hook, with leptos-use, with no socket.
const SIZE_APPS: [&str; 12] = [
    "typed",
    "rpc",
    "leptos-hook",
    "leptos-same",
    "leptos-plain",
    "leptos-use",
    "leptos-none",
    "yew-hook",
    "yew-hooks",
    "yew-none",
    "dioxus-hook",
    "dioxus-none",
];
const PORT: u16 = 9800;
const DRIVER_PORT: u16 = 9516;

/// Everything one `cargo xtask bench` measured.
pub struct Results {
    /// `[workload][implementation]`: every run's milliseconds.
    pub speed: Vec<Vec<Vec<f64>>>,
    /// `(client, bytes)` after wasm-bindgen, name section removed.
    pub sizes: Vec<(&'static str, u64)>,
    /// `(probe, [wasm before, wasm after, heap before, heap after])`.
    pub memory: Vec<(&'static str, Vec<f64>)>,
    pub runs: usize,
    pub browser: String,
}

/// What `cargo xtask bench` was asked for.
struct Options {
    /// `None`: sizes only, no browser.
    runs: Option<usize>,
    /// One workload only: its figures are printed, nothing is written.
    only: Option<&'static str>,
    /// With `only`: Chromium's profiler around this implementation's runs instead.
    profile: Option<&'static str>,
    /// Chromium (the whole report), or Firefox or WebKit (its speed table only).
    engine: Engine,
}

fn options(args: &[String]) -> Result<Options> {
    const USAGE: &str =
        "usage: cargo xtask bench [--browser chromium|firefox|webkit] [--runs N] [--only WORKLOAD [--profile IMPLEMENTATION]] | --size-only";
    let mut options = Options { runs: Some(7), only: None, profile: None, engine: Engine::Chromium };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--size-only" => options.runs = None,
            "--browser" => {
                options.engine = match args.next().map(String::as_str) {
                    Some("chromium") => Engine::Chromium,
                    Some("firefox") => Engine::Firefox,
                    Some("webkit") => Engine::WebKit,
                    _ => return Err(USAGE.into()),
                }
            }
            "--runs" => {
                let n = args.next().ok_or(USAGE)?;
                options.runs = Some(n.parse().map_err(|_| format!("not a number: {n}"))?);
            }
            "--only" => options.only = Some(one_of(&WORKLOADS, args.next().ok_or(USAGE)?, "workloads")?),
            "--profile" => {
                options.profile = Some(one_of(&IMPLEMENTATIONS, args.next().ok_or(USAGE)?, "implementations")?);
            }
            _ => return Err(USAGE.into()),
        }
    }
    if options.profile.is_some() && options.only.is_none() {
        return Err("--profile needs --only WORKLOAD".into());
    }
    if options.profile.is_some() && options.engine == Engine::WebKit {
        return Err("--profile runs Chromium's or Firefox's profiler".into());
    }
    Ok(options)
}

/// `name` as one of `known`, or an error that lists them.
fn one_of(known: &'static [&'static str], name: &str, what: &str) -> Result<&'static str> {
    known.iter().copied().find(|k| *k == name).ok_or_else(|| format!("{what}: {}", known.join(", ")))
}

pub fn run(args: &[String]) -> Result {
    let options = options(args)?;
    setup::toolchain()?;
    let bench = root().join("bench");
    let sizes = build_sizes(&bench)?;
    let Some(runs) = options.runs else {
        print!("{}", report::size_table(&sizes));
        report::write_sizes(&sizes)?;
        return budget::check(&sizes);
    };
    match options.engine {
        Engine::Chromium => setup::chromium()?,
        Engine::Firefox => setup::firefox()?,
        Engine::WebKit => drop(setup::webkit()?),
    }
    // WebKitGTK has no headless mode: it runs in a display of its own for the whole run.
    let _display = if options.engine == Engine::WebKit { Some(crate::browser::Display::start()?) } else { None };
    // Function names stay in the page's wasm when profiling, so the profile can name them.
    build_page(&bench, options.profile.is_some())?;
    let server = TestServer::start(PORT, None, Some(&bench.join("www")))?;
    let driver = if options.profile.is_some() && options.engine == Engine::Firefox {
        Driver::start_with_env(options.engine, DRIVER_PORT, &profile::firefox_profiler_env())?
    } else {
        Driver::start(options.engine, DRIVER_PORT)?
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    if let (Some(implementation), Some(workload)) = (options.profile, options.only) {
        let page = server.http_url();
        let report = if options.engine == Engine::Firefox {
            runtime.block_on(profile::run_firefox(&driver, &page, implementation, workload, runs))?
        } else {
            runtime.block_on(profile::run(&driver, &page, implementation, workload, runs))?
        };
        print!("{report}");
        return Ok(());
    }
    let (speed, memory, browser) = runtime.block_on(measure(&driver, &server.http_url(), runs, options.only))?;
    drop(server);
    let results = Results { speed, sizes, memory, runs, browser };
    match (options.only, options.engine) {
        (Some(workload), _) => print!("{}", report::speed_table(&results, &[workload])),
        (None, Engine::Chromium) => report::write(&results)?,
        (None, engine) => report::write_engine(&results, engine)?,
    }
    budget::check(&results.sizes)
}

/// The bench page, optimised for speed, with wasm-bindgen's web output in `bench/www/pkg`.
fn build_page(bench: &Path, keep_names: bool) -> Result {
    let manifest = bench.join("Cargo.toml");
    run_command(cargo().arg("build").arg("--manifest-path").arg(&manifest).args([
        "--package",
        "bench-page",
        "--profile",
        "speed",
        "--target",
        WASM_TARGET,
    ]))?;
    let wasm = bench.join("target").join(WASM_TARGET).join("speed").join("bench_page.wasm");
    bindgen(&wasm, &bench.join("www").join("pkg"), keep_names)
}

/// The echo clients (four compared, one reference floor), `opt-level = "z"` with LTO, sized
/// after wasm-bindgen with the name and producers sections removed, as a production build ships.
fn build_sizes(bench: &Path) -> Result<Vec<(&'static str, u64)>> {
    let manifest = bench.join("Cargo.toml");
    let apps = SIZE_APPS.iter().map(std::slice::from_ref);
    for group in std::iter::once(&SIZE_CLIENTS[..]).chain(apps) {
        let mut command = cargo();
        command.arg("build").arg("--manifest-path").arg(&manifest).args(["--release", "--target", WASM_TARGET]);
        for client in group {
            command.args(["--package", &format!("size-{client}")]);
        }
        run_command(&mut command)?;
    }
    let mut sizes = Vec::new();
    for client in SIZE_CLIENTS.into_iter().chain(SIZE_APPS) {
        let file = client.replace('-', "_");
        let wasm = bench.join("target").join(WASM_TARGET).join("release").join(format!("size_{file}.wasm"));
        let out = bench.join("target").join("size").join(client);
        bindgen(&wasm, &out, false)?;
        if std::env::var_os("BENCH_SIZE_NAMES").is_some() {
            // For twiggy: the same build with its function names, beside the measured one.
            bindgen(&wasm, &bench.join("target").join("size-names").join(client), true)?;
        }
        let bytes = std::fs::metadata(out.join(format!("size_{file}_bg.wasm"))).map_err(|e| e.to_string())?.len();
        sizes.push((client, bytes));
    }
    Ok(sizes)
}

fn bindgen(wasm: &Path, out: &PathBuf, keep_names: bool) -> Result {
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(wasm)
        .web(true)
        .map_err(|e| e.to_string())?
        .omit_default_module_path(false)
        .remove_name_section(!keep_names)
        .remove_producers_section(true)
        .typescript(false)
        .generate(out)
        .map_err(|e| format!("wasm-bindgen failed on {}: {e}", wasm.display()))
}

type Measured = (Vec<Vec<Vec<f64>>>, Vec<(&'static str, Vec<f64>)>, String);

/// A browser session on the bench page, once the page says it is ready.
async fn open_page(driver: &Driver, page: &str) -> Result<Client> {
    // Chromium's flags for the memory probes (Firefox ignores the other engine's options).
    let client = session(driver, &["--enable-precise-memory-info", "--js-flags=--expose-gc"]).await?;
    let timeouts = fantoccini::wd::TimeoutConfiguration::new(Some(Duration::from_secs(300)), None, None);
    client.update_timeouts(timeouts).await.map_err(|e| e.to_string())?;
    client.goto(page).await.map_err(|e| e.to_string())?;
    let wait = client.wait().at_most(Duration::from_secs(20));
    wait.for_element(Locator::Css("body[data-ready]"))
        .await
        .map_err(|e| format!("the bench page did not load: {e}"))?;
    Ok(client)
}

/// Every workload (or the `only` one) run by run, then the memory probes (not with `only`, and
/// in Chromium only: they read its `performance.memory` and call its `gc()`).
async fn measure(driver: &Driver, page: &str, runs: usize, only: Option<&str>) -> Result<Measured> {
    let client = open_page(driver, page).await?;
    let browser = client
        .execute("return (navigator.userAgent.match(/(Chrom(e|ium)|Firefox)\\/[0-9.]+/) || ['WebKit'])[0]", Vec::new())
        .await
        .map_err(|e| e.to_string())?
        .as_str()
        .unwrap_or("Chromium")
        .to_owned();
    // WebKitGTK's user agent names Safari's version, not its own: Debian's package says it.
    let browser = if driver.engine() == Engine::WebKit { webkit_version() } else { browser };
    let mut speed = vec![vec![Vec::new(); IMPLEMENTATIONS.len()]; WORKLOADS.len()];
    for (w, workload) in WORKLOADS.iter().enumerate().filter(|(_, w)| only.is_none_or(|only| only == **w)) {
        // One warm-up round, not counted, then runs interleaved A B C D A B C D ...
        for round in 0..=runs {
            for (i, implementation) in IMPLEMENTATIONS.iter().enumerate() {
                let ms = one(&client, implementation, workload).await?;
                if round > 0 {
                    speed[w][i].push(ms);
                }
            }
        }
        println!("bench: {workload} done");
    }
    let mut memory = Vec::new();
    let probes: &[&'static str] =
        if only.is_some() || driver.engine() != Engine::Chromium { &[] } else { &["messages", "cycles"] };
    for &probe in probes {
        let script =
            "const [kind, done] = arguments; window.memory(kind).then(v => done(Array.from(v)), e => done(String(e)));";
        let value = client.execute_async(script, vec![probe.into()]).await.map_err(|e| e.to_string())?;
        let numbers: Vec<f64> =
            serde_json::from_value(value.clone()).map_err(|_| format!("memory {probe}: {value}"))?;
        memory.push((probe, numbers));
    }
    client.close().await.map_err(|e| e.to_string())?;
    Ok((speed, memory, browser))
}

/// "WebKitGTK" and the version of Debian's package that runs it.
fn webkit_version() -> String {
    let output = std::process::Command::new("dpkg-query").args(["-W", "-f=${Version}", "webkit2gtk-driver"]).output();
    let version = output.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    format!("WebKitGTK {}", version.split('-').next().unwrap_or_default()).trim_end().to_owned()
}

async fn one(client: &Client, implementation: &str, workload: &str) -> Result<f64> {
    let script = "const [implementation, workload, done] = arguments; \
                  window.bench(implementation, workload).then(done, e => done(String(e)));";
    let value = client
        .execute_async(script, vec![implementation.into(), workload.into()])
        .await
        .map_err(|e| format!("{implementation} {workload}: {e}"))?;
    value.as_f64().ok_or_else(|| format!("{implementation} {workload} failed: {value}"))
}

/// `cargo xtask bench --size-only`, as `cargo xtask test` runs it: every row within its budget.
pub fn sizes_within_budget() -> Result {
    println!("\n# the size budget");
    setup::toolchain()?;
    let sizes = build_sizes(&root().join("bench"))?;
    print!("{}", report::size_table(&sizes));
    budget::check(&sizes)
}
