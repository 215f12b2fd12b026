//! `cargo xtask bench [--browser firefox] --only WORKLOAD --profile IMPLEMENTATION [--runs N]`:
//! a sampling profiler around N runs of one workload, after one warm-up run; prints each run's
//! time and where the page's time went, by function (self time), wasm functions by name.
//! Chromium's is driven through the DevTools protocol (ChromeDriver's `goog/cdp/execute`);
//! Firefox's (the Gecko profiler) runs from startup, set up through the environment its driver
//! passes on, and writes its profile when the browser quits.

use std::collections::HashMap;
use std::fmt::Write;

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::Client;
use serde_json::{json, Value};

use super::{one, open_page};
use crate::browser::Driver;
use crate::Result;

/// How many functions the report lists.
const TOP: usize = 30;

/// One DevTools protocol command, sent to the page's target through ChromeDriver.
#[derive(Debug)]
struct Cdp {
    method: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> std::result::Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.method, "params": self.params }).to_string()))
    }
}

async fn cdp(client: &Client, method: &'static str, params: Value) -> Result<Value> {
    client.issue_cmd(Cdp { method, params }).await.map_err(|e| format!("{method}: {e}"))
}

/// Where Firefox writes its profile when it quits.
pub fn firefox_profile() -> std::path::PathBuf {
    crate::root().join("target").join("firefox-profile.json")
}

/// The environment that starts the Gecko profiler with Firefox (1 ms samples, JS and wasm
/// frames) and has it write [`firefox_profile`] at shutdown.
pub fn firefox_profiler_env() -> Vec<(&'static str, String)> {
    vec![
        ("MOZ_PROFILER_STARTUP", "1".into()),
        ("MOZ_PROFILER_STARTUP_INTERVAL", "1".into()),
        ("MOZ_PROFILER_STARTUP_FEATURES", "js".into()),
        ("MOZ_PROFILER_SHUTDOWN", firefox_profile().display().to_string()),
    ]
}

/// Firefox: the runs with the profiler on from startup; the profile is read once Firefox quits.
/// Its sample count covers the whole session, so the page's thread is summed whole (the warm-up
/// run and the page's loading included).
pub async fn run_firefox(
    driver: &Driver,
    page: &str,
    implementation: &str,
    workload: &str,
    runs: usize,
) -> Result<String> {
    let _ = std::fs::remove_file(firefox_profile());
    let client = open_page(driver, page).await?;
    one(&client, implementation, workload).await?;
    let mut report = timed_runs(&client, implementation, workload, runs).await?;
    client.close().await.map_err(|e| e.to_string())?;
    let profile = read_when_written(&firefox_profile())?;
    report.push_str(&gecko_self_times(&profile));
    Ok(report)
}

/// The profile Firefox writes as it quits, once it parses whole (up to 30 s).
fn read_when_written(path: &std::path::Path) -> Result<Value> {
    for _ in 0..300 {
        if let Ok(Ok(profile)) = std::fs::read(path).map(|bytes| serde_json::from_slice::<Value>(&bytes)) {
            return Ok(profile);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    Err(format!("Firefox wrote no profile to {}", path.display()))
}

/// Self time by leaf frame in the tab process thread that ran the bench page's wasm (the one
/// with the most samples naming `bench_page` or `bench.js`), most first; samples with no stack
/// (idle) are left out.
fn gecko_self_times(profile: &Value) -> String {
    let empty = Vec::new();
    let processes = profile["processes"].as_array().unwrap_or(&empty);
    let threads =
        processes.iter().chain(std::iter::once(profile)).flat_map(|p| p["threads"].as_array().unwrap_or(&empty));
    let mut best: Option<(usize, HashMap<String, f64>)> = None;
    for thread in threads {
        let counts = leaf_counts(thread);
        let ours: usize = counts
            .iter()
            .filter(|(n, _)| n.contains("bench_page") || n.contains("bench.js"))
            .map(|(_, c)| *c as usize)
            .sum();
        if best.as_ref().is_none_or(|(most, _)| ours > *most) {
            best = Some((ours, counts));
        }
    }
    let Some((_, counts)) = best else { return "no samples\n".into() };
    let total: f64 = counts.values().sum();
    let wasm: f64 = counts.iter().filter(|(name, _)| name.contains("_bg.wasm")).map(|(_, n)| n).sum();
    let glue: f64 =
        counts.iter().filter(|(name, _)| name.contains("/pkg/") && !name.contains("_bg.wasm")).map(|(_, n)| n).sum();
    let mut rows: Vec<(String, f64)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut report = format!(
        "self time, {total:.0} samples of 1 ms on the page's thread ({wasm:.0} in wasm functions, {glue:.0} in wasm-bindgen's JS glue):\n"
    );
    for (name, samples) in rows.into_iter().take(TOP) {
        let _ = writeln!(report, "{samples:>9.0}    {:>5.1} %  {name}", 100.0 * samples / total);
    }
    report
}

/// One thread's samples counted by the name of their innermost named frame; samples with no
/// stack (idle) are not counted.
fn leaf_counts(thread: &Value) -> HashMap<String, f64> {
    let empty = Vec::new();
    let column = |table: &Value, name: &str| table["schema"][name].as_u64().map(|c| c as usize);
    let strings = thread["stringTable"].as_array().unwrap_or(&empty);
    let frames = thread["frameTable"]["data"].as_array().unwrap_or(&empty);
    let stacks = thread["stackTable"]["data"].as_array().unwrap_or(&empty);
    let samples = thread["samples"]["data"].as_array().unwrap_or(&empty);
    let (Some(location), Some(frame), Some(stack)) = (
        column(&thread["frameTable"], "location"),
        column(&thread["stackTable"], "frame"),
        column(&thread["samples"], "stack"),
    ) else {
        return HashMap::new();
    };
    let prefix = column(&thread["stackTable"], "prefix").unwrap_or(0);
    let name_of = |entry: &Value| {
        entry[frame]
            .as_u64()
            .and_then(|f| frames.get(f as usize))
            .and_then(|f| f[location].as_u64())
            .and_then(|l| strings.get(l as usize))
            .and_then(Value::as_str)
            .unwrap_or("?")
    };
    let mut counts = HashMap::new();
    for sample in samples.iter().filter(|sample| !sample[stack].is_null()) {
        // The innermost frame with a name: native frames are bare addresses (not symbolicated).
        let mut at = sample[stack].as_u64();
        let mut name = "(native)";
        while let Some(entry) = at.and_then(|s| stacks.get(s as usize)) {
            let here = name_of(entry);
            if !here.starts_with("0x") {
                name = here;
                break;
            }
            at = entry[prefix].as_u64();
        }
        *counts.entry(name.to_owned()).or_default() += 1.0;
    }
    counts
}

pub async fn run(driver: &Driver, page: &str, implementation: &str, workload: &str, runs: usize) -> Result<String> {
    let client = open_page(driver, page).await?;
    one(&client, implementation, workload).await?;
    cdp(&client, "Profiler.enable", json!({})).await?;
    cdp(&client, "Profiler.setSamplingInterval", json!({ "interval": 50 })).await?;
    cdp(&client, "Profiler.start", json!({})).await?;
    let mut report = timed_runs(&client, implementation, workload, runs).await?;
    let stopped = cdp(&client, "Profiler.stop", json!({})).await?;
    client.close().await.map_err(|e| e.to_string())?;
    report.push_str(&self_times(&stopped["profile"]));
    Ok(report)
}

/// The profiled runs, one after another: the report's first line, with each run's time.
async fn timed_runs(client: &Client, implementation: &str, workload: &str, runs: usize) -> Result<String> {
    let mut times = Vec::new();
    for _ in 0..runs {
        times.push(format!("{:.1}", one(client, implementation, workload).await?));
    }
    Ok(format!("{implementation} {workload}, {runs} runs (ms): {}\n", times.join(", ")))
}

/// Self time by function, most first: each sample's node gets the time until the next sample.
fn self_times(profile: &Value) -> String {
    let empty = Vec::new();
    let nodes = profile["nodes"].as_array().unwrap_or(&empty);
    let names: HashMap<u64, String> = nodes
        .iter()
        .map(|node| {
            let frame = &node["callFrame"];
            let file = frame["url"].as_str().unwrap_or("").rsplit('/').next().unwrap_or("");
            let function = frame["functionName"].as_str().filter(|f| !f.is_empty()).unwrap_or("(anonymous)");
            (node["id"].as_u64().unwrap_or(0), format!("{function} {file}").trim_end().to_owned())
        })
        .collect();
    let samples = profile["samples"].as_array().unwrap_or(&empty);
    let deltas = profile["timeDeltas"].as_array().unwrap_or(&empty);
    let mut by_name: HashMap<&str, f64> = HashMap::new();
    for (sample, delta) in samples.iter().zip(deltas.iter().skip(1)) {
        let name = sample.as_u64().and_then(|id| names.get(&id)).map_or("?", String::as_str);
        *by_name.entry(name).or_default() += delta.as_f64().unwrap_or(0.0) / 1000.0;
    }
    let total: f64 = by_name.values().sum();
    let mut rows: Vec<(&str, f64)> = by_name.into_iter().collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut report = format!("self time, {total:.1} ms sampled:\n");
    for (name, ms) in rows.into_iter().take(TOP) {
        let _ = writeln!(report, "{ms:>9.1} ms {:>5.1} %  {name}", 100.0 * ms / total);
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Gecko thread: frame 0 is a native address, frame 1 a wasm function, frame 2 a label;
    /// stacks: 0 = [label], 1 = [label, wasm], 2 = [label, wasm, native].
    fn thread() -> Value {
        json!({
            "stringTable": ["0x7f00", "bench_page.wasm.poll (http://x/pkg/bench_page_bg.wasm:1)", "EventDispatcher::Dispatch"],
            "frameTable": { "schema": { "location": 0 }, "data": [[0], [1], [2]] },
            "stackTable": { "schema": { "prefix": 0, "frame": 1 }, "data": [[null, 2], [0, 1], [1, 0]] },
            "samples": { "schema": { "stack": 0, "time": 1 }, "data": [[2, 0.0], [1, 1.0], [0, 2.0], [null, 3.0]] }
        })
    }

    #[test]
    fn a_sample_counts_for_its_innermost_named_frame_and_idle_ones_not_at_all() {
        let counts = leaf_counts(&thread());
        let wasm = "bench_page.wasm.poll (http://x/pkg/bench_page_bg.wasm:1)";
        assert_eq!(counts.get(wasm), Some(&2.0), "{counts:?}");
        assert_eq!(counts.get("EventDispatcher::Dispatch"), Some(&1.0));
        assert_eq!(counts.values().sum::<f64>(), 3.0);
    }

    #[test]
    fn the_page_thread_is_the_one_running_the_bench_page() {
        let idle = json!({ "stringTable": [], "frameTable": { "schema": { "location": 0 }, "data": [] },
            "stackTable": { "schema": { "prefix": 0, "frame": 1 }, "data": [] },
            "samples": { "schema": { "stack": 0 }, "data": [] } });
        let profile = json!({ "threads": [idle], "processes": [{ "threads": [thread()] }] });
        let report = gecko_self_times(&profile);
        assert!(
            report.starts_with("self time, 3 samples of 1 ms on the page's thread (2 in wasm functions"),
            "{report}"
        );
    }
}
