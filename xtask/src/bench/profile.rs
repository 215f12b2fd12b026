//! `cargo xtask bench --only WORKLOAD --profile IMPLEMENTATION [--runs N]`: Chromium's sampling
//! profiler (DevTools protocol, through ChromeDriver's `goog/cdp/execute`) around N runs of one
//! workload, after one warm-up run; prints each run's time and where the page's time went, by
//! function (self time), wasm functions by name.

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

pub async fn run(driver: &Driver, page: &str, implementation: &str, workload: &str, runs: usize) -> Result<String> {
    let client = open_page(driver, page).await?;
    one(&client, implementation, workload).await?;
    cdp(&client, "Profiler.enable", json!({})).await?;
    cdp(&client, "Profiler.setSamplingInterval", json!({ "interval": 50 })).await?;
    cdp(&client, "Profiler.start", json!({})).await?;
    let mut times = Vec::new();
    for _ in 0..runs {
        times.push(format!("{:.1}", one(&client, implementation, workload).await?));
    }
    let stopped = cdp(&client, "Profiler.stop", json!({})).await?;
    client.close().await.map_err(|e| e.to_string())?;
    let mut report = format!("{implementation} {workload}, {runs} runs (ms): {}\n", times.join(", "));
    report.push_str(&self_times(&stopped["profile"]));
    Ok(report)
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
