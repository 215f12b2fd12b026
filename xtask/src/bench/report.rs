//! BENCHMARKS.md and docs/bench.svg from one run's results.

use std::fmt::Write;

use super::{Results, IMPLEMENTATIONS, WORKLOADS};
use crate::browser::Engine;
use crate::{root, Result};

const NAMES: [&str; 4] = ["plain JS", "gloo-net 0.7", "callbacks", "Connection"];

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

fn describe(workload: &str) -> &'static str {
    match workload {
        "pingpong" => "ping-pong, 2,000 × 32 B text",
        "pipelined-text" => "pipelined 20,000 × 64 B text",
        "pipelined-binary" => "pipelined 2,000 × 64 KiB binary",
        "flood" => "server flood, 50,000 × 64 B binary",
        "big" => "one 16 MiB binary, echoed",
        "json" => "20,000 JSON quotes (~214 B) decoded, serde_json (the default)",
        "json-browser" => "the same decoded by JSON.parse + serde-wasm-bindgen",
        _ => "?",
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    format!("{cores} cores, {cpu}")
}

/// The size table: the four echo clients' bytes, the two ratios the targets are set on, and the
/// reference floor for the async layer.
/// A size row: its client and its label.
type Row = (&'static str, &'static str);

pub fn size_table(sizes: &[(&str, u64)]) -> String {
    let size = |name: &str| sizes.iter().find(|(n, _)| *n == name).map(|(_, b)| *b as f64).unwrap_or(f64::NAN);
    let mut md = String::new();
    let _ = writeln!(md, "| client | bytes | compared with |");
    let _ = writeln!(md, "| --- | ---: | --- |");
    // Each of our clients, then the one it is compared with.
    let pairs = [
        (
            ("connection", "`Connection` (connect, split, forward)"),
            ("gloo", "gloo-net 0.7 (open, split, forward)", "gloo-net"),
        ),
        (
            ("callbacks", "callbacks (`on_message` → `send`)"),
            ("websys", "hand-written web-sys closures", "hand-written web-sys"),
        ),
    ];
    for ((ours, label), (theirs, their_label, short)) in pairs {
        let _ = writeln!(md, "| {label} | {} | {:.2}× {short} |", size(ours), size(ours) / size(theirs));
        let _ = writeln!(md, "| {their_label} | {} | |", size(theirs));
    }
    let floor = size("bare-async");
    let _ = writeln!(
        md,
        "| reference: bare async echo on web-sys (a queue, a waker, a task; no open wait, close, \
         backpressure, errors, URL checks or Blobs) | {floor} | {:.2}× gloo-net |",
        floor / size("gloo")
    );
    let typed = size("typed");
    let _ = writeln!(
        md,
        "| typed `Connection` (a struct decoded from JSON and sent back encoded, codee's serde_json \
         codec) | {typed} | +{} over `Connection` |",
        typed - size("connection")
    );
    let rpc = size("rpc");
    let _ = writeln!(
        md,
        "| JSON-RPC client (feature `rpc`: a call, then a subscription whose items are each \
         acknowledged by a call, reconnecting) | {rpc} | +{} over `Connection`, +{} over the typed one |",
        rpc - size("connection"),
        rpc - typed
    );
    let _ = writeln!(md);
    let _ = writeln!(md, "| the `leptos-chat` component (Leptos 0.8, CSR) | bytes | the socket adds |");
    let _ = writeln!(md, "| --- | ---: | ---: |");
    let none = size("leptos-none");
    let apps = [
        ("leptos-hook", "with `use_typed_websocket` (JSON, reconnecting): the example itself"),
        ("leptos-same", "with `use_typed_websocket` (JSON, reconnecting), the leptos-use row's view line for line"),
        ("leptos-use", "with leptos-use-websocket 0.20 (codee JSON, reconnecting)"),
        ("leptos-plain", "with `use_websocket` (text, no codec, the default options: one connection)"),
    ];
    for (app, label) in apps {
        let _ = writeln!(md, "| {label} | {} | {} |", size(app), size(app) - none);
    }
    let _ = writeln!(md, "| with no socket | {none} | |");
    // Yew and Dioxus: one component per framework (the ready state, the lines, a box to say one),
    // built alone with no socket, with this crate's typed hook and with the framework's usual
    // alternative where one builds for the web.
    let frameworks: [(&str, &str, &[Row]); 2] = [
        (
            "Yew 0.23",
            "yew-none",
            &[
                ("yew-hook", "with `use_typed_websocket` (JSON, reconnecting)"),
                ("yew-hooks", "with yew-hooks 0.6's `use_websocket` (serde_json by hand, reconnecting)"),
            ],
        ),
        ("Dioxus 0.7 (web)", "dioxus-none", &[("dioxus-hook", "with `use_typed_websocket` (JSON, reconnecting)")]),
    ];
    for (framework, floor, rows) in frameworks {
        let none = size(floor);
        let _ = writeln!(md);
        let _ = writeln!(md, "| a chat component in {framework} | bytes | the socket adds |");
        let _ = writeln!(md, "| --- | ---: | ---: |");
        for (app, label) in rows {
            let _ = writeln!(md, "| {label} | {} | {} |", size(app), size(app) - none);
        }
        let _ = writeln!(md, "| with no socket | {none} | |");
    }
    md
}

/// Medians per workload and implementation.
fn medians(results: &Results) -> Vec<Vec<f64>> {
    results.speed.iter().map(|by_impl| by_impl.iter().map(|runs| median(runs)).collect()).collect()
}

const FIREFOX_HEADING: &str = "## Speed in Firefox";
const WEBKIT_HEADING: &str = "## Speed in WebKit";
const SIZE_HEADING: &str = "## Size";

fn old_report() -> String {
    std::fs::read_to_string(root().join("BENCHMARKS.md")).unwrap_or_default()
}

/// The section of a report that starts with `heading`, up to the next section, or nothing.
fn section(report: &str, heading: &str) -> String {
    let Some(start) = report.find(heading) else { return String::new() };
    let end = report[start + 1..].find("\n## ").map_or(report.len(), |at| start + 1 + at + 1);
    report[start..end].to_owned()
}

/// The Firefox and WebKit sections of a report (each, or nothing).
fn engine_sections(report: &str) -> String {
    section(report, FIREFOX_HEADING) + &section(report, WEBKIT_HEADING)
}

/// The hand-written breakdown of what the hooks cost (measured by stubbing parts out, each
/// figure with its command): kept as it is by every run, which only re-measures the tables.
const BREAKDOWN_HEADING: &str = "## Where the hook's bytes go";
/// Hand-written too: where the callbacks client's bytes go, after the hook's breakdown.
const CALLBACKS_BYTES_HEADING: &str = "## Where the callbacks client's bytes go";
/// Hand-written: what Firefox's profiler found per message, after the engines' tables.
const FIREFOX_TIME_HEADING: &str = "## Where Firefox spends the time";

/// The size section as `size_table` writes it.
fn size_section(sizes: &[(&str, u64)]) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "{SIZE_HEADING} (bytes of `.wasm` after wasm-bindgen, name section removed)\n");
    let _ = writeln!(
        md,
        "The same echo client (connect, echo every message), `opt-level = \"z\"`, LTO, `panic = \"abort\"`, \
         with the crate's default features (feature `json`), as an app gets it; \
         each row has a budget in `bench/size-budget.txt` (`cargo xtask bench --size-only` fails when a row \
         grows more than 1 % past it, and `cargo xtask test` runs it).\n"
    );
    md.push_str(&size_table(sizes));
    md
}

/// `cargo xtask bench --size-only`: the size section of BENCHMARKS.md re-measured, the rest kept.
pub fn write_sizes(sizes: &[(&str, u64)]) -> Result {
    let report = old_report();
    let old = section(&report, SIZE_HEADING);
    if old.is_empty() {
        return Err("BENCHMARKS.md has no size section to update: run the full `cargo xtask bench`".into());
    }
    let new = format!("{}\n", size_section(sizes));
    std::fs::write(root().join("BENCHMARKS.md"), report.replacen(&old, &new, 1)).map_err(|e| e.to_string())
}

/// `cargo xtask bench --browser firefox|webkit`: the speed table, measured in that engine,
/// replaces the engine's section of BENCHMARKS.md (before the sizes, which do not depend on the
/// browser; Firefox's first, then WebKit's).
pub fn write_engine(results: &Results, engine: Engine) -> Result {
    let (heading, flag) = match engine {
        Engine::WebKit => (WEBKIT_HEADING, "webkit"),
        _ => (FIREFOX_HEADING, "firefox"),
    };
    let report = old_report();
    let mut section = String::new();
    let _ = writeln!(section, "{heading}\n");
    let _ = writeln!(
        section,
        "The same workloads and builds in {} (`cargo xtask bench --browser {flag} --runs {}`; \
         no memory probes: they read Chromium's `performance.memory`).\n",
        results.browser, results.runs
    );
    section.push_str(&speed_table(results, &WORKLOADS));
    section.push('\n');
    let before: &[&str] = match engine {
        Engine::WebKit => &[FIREFOX_TIME_HEADING, SIZE_HEADING],
        _ => &[WEBKIT_HEADING, FIREFOX_TIME_HEADING, SIZE_HEADING],
    };
    let report = placed(&report, heading, &section, before);
    std::fs::write(root().join("BENCHMARKS.md"), report).map_err(|e| e.to_string())?;
    println!("bench: wrote the {} section of BENCHMARKS.md", engine.name());
    Ok(())
}

/// `report` with the section under `heading` replaced by `section`, or, if it has none, with
/// `section` inserted before the first of the `before` headings it has (else at the end).
fn placed(report: &str, heading: &str, section: &str, before: &[&str]) -> String {
    let old = self::section(report, heading);
    if !old.is_empty() {
        return report.replacen(&old, section, 1);
    }
    match before.iter().find_map(|next| report.find(next)) {
        Some(at) => format!("{}{section}{}", &report[..at], &report[at..]),
        None => format!("{report}\n{section}"),
    }
}

/// The speed table's rows for these workloads: medians and their ratios to plain JavaScript.
pub fn speed_table(results: &Results, workloads: &[&str]) -> String {
    let medians = medians(results);
    let mut md = String::new();
    let _ = writeln!(md, "| workload | {} |", NAMES.join(" | "));
    let _ = writeln!(md, "| --- | ---: | ---: | ---: | ---: |");
    for (w, workload) in WORKLOADS.iter().enumerate().filter(|(_, w)| workloads.contains(w)) {
        let js = medians[w][0];
        let cells: Vec<String> = (0..IMPLEMENTATIONS.len())
            .map(|i| match i {
                0 => format!("{js:.1}"),
                _ => format!("{:.1} ({:.2}×)", medians[w][i], medians[w][i] / js),
            })
            .collect();
        let _ = writeln!(md, "| {} | {} |", describe(workload), cells.join(" | "));
    }
    md
}

pub fn write(results: &Results) -> Result {
    let medians = medians(results);
    let mut md = String::new();
    let _ = writeln!(md, "# Benchmarks\n");
    let _ = writeln!(
        md,
        "Measured by `cargo xtask bench` (release builds; {} runs of each, interleaved run by run; \
         medians, and each one's ratio to plain JavaScript — below 1.00 is faster) on {}, {} headless, \
         against the loopback echo server in `test-server` (`/bench-echo`, `/flood`).\n",
        results.runs,
        machine(),
        results.browser
    );
    let _ = writeln!(md, "## Speed (ms, lower is better)\n");
    md.push_str(&speed_table(results, &WORKLOADS));
    let _ = writeln!(md, "\n![Speed relative to plain JavaScript](docs/bench.svg)\n");
    // The Firefox and WebKit tables written by earlier `--browser` runs stay.
    md.push_str(&engine_sections(&old_report()));
    md.push_str(&section(&old_report(), FIREFOX_TIME_HEADING));
    md.push_str(&size_section(&results.sizes));
    // The breakdowns are written by hand; a run keeps them.
    for heading in [BREAKDOWN_HEADING, CALLBACKS_BYTES_HEADING] {
        let breakdown = section(&old_report(), heading);
        if !breakdown.is_empty() {
            let _ = write!(md, "\n{}", breakdown.trim_end());
            md.push('\n');
        }
    }
    let _ = writeln!(md, "\n## Memory (`Connection`)\n");
    let _ = writeln!(md, "| probe | wasm memory before → after | JS heap before → after (after a GC) |");
    let _ = writeln!(md, "| --- | --- | --- |");
    for (probe, values) in &results.memory {
        let kib = |v: f64| format!("{:.0} KiB", v / 1024.0);
        let name = if *probe == "messages" { "10,000 messages echoed" } else { "1,000 connect/close cycles" };
        let _ = writeln!(
            md,
            "| {name} | {} → {} | {} → {} |",
            kib(values[0]),
            kib(values[1]),
            kib(values[2]),
            kib(values[3])
        );
    }
    let _ = writeln!(md, "\nEvery run's figures, in milliseconds:\n");
    for (w, workload) in WORKLOADS.iter().enumerate() {
        for (i, name) in NAMES.iter().enumerate() {
            let runs: Vec<String> = results.speed[w][i].iter().map(|ms| format!("{ms:.1}")).collect();
            let _ = writeln!(md, "- {workload}, {name}: {}", runs.join(", "));
        }
    }
    std::fs::write(root().join("BENCHMARKS.md"), md).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(root().join("docs")).map_err(|e| e.to_string())?;
    std::fs::write(root().join("docs").join("bench.svg"), chart(&medians)).map_err(|e| e.to_string())?;
    println!("bench: wrote BENCHMARKS.md and docs/bench.svg");
    Ok(())
}

/// Grouped bars: each implementation's median as a ratio to plain JavaScript, per workload.
fn chart(medians: &[Vec<f64>]) -> String {
    let colors = ["#9ca3af", "#f59e0b", "#2f6fed", "#1c8a4c"];
    let (width, height, left, top, bottom) = (760.0, 330.0, 50.0, 40.0, 70.0);
    let plot = height - top - bottom;
    let max = medians.iter().flat_map(|m| m.iter().map(|v| v / m[0])).fold(1.5f64, f64::max).ceil();
    let group = (width - left - 10.0) / WORKLOADS.len() as f64;
    let bar = group / 5.5;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n\
         <text x=\"{left}\" y=\"20\" font-size=\"13\" font-weight=\"bold\">Time relative to plain JavaScript (median; lower is better)</text>\n"
    );
    for tick in 0..=(max as usize * 2) {
        let value = tick as f64 / 2.0;
        let y = top + plot - plot * value / max;
        let _ = writeln!(
            svg,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{}\"/>",
            width - 10.0,
            if value == 1.0 { "#333" } else { "#e5e7eb" }
        );
        let _ = writeln!(svg, "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{value:.1}×</text>", left - 6.0, y + 4.0);
    }
    for (w, workload) in WORKLOADS.iter().enumerate() {
        let x0 = left + group * w as f64 + bar * 0.5;
        for (i, color) in colors.iter().enumerate() {
            let ratio = medians[w][i] / medians[w][0];
            let h = plot * ratio.min(max) / max;
            let x = x0 + bar * i as f64;
            let _ = writeln!(svg, "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{color}\"><title>{} {workload}: {ratio:.2}×</title></rect>", top + plot - h, bar * 0.9, NAMES[i]);
        }
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{workload}</text>",
            x0 + bar * 2.0,
            top + plot + 16.0
        );
    }
    for (i, name) in NAMES.iter().enumerate() {
        let x = left + 150.0 * i as f64;
        let y = height - 22.0;
        let _ = writeln!(
            svg,
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{name}</text>",
            y - 10.0,
            colors[i],
            x + 16.0,
            y
        );
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "# Benchmarks\n\n## Speed (ms)\n\nchromium\n\n## Size (bytes)\n\nsizes\n";

    #[test]
    fn an_engine_section_goes_before_the_sizes_then_is_replaced_in_place() {
        let webkit = placed(REPORT, WEBKIT_HEADING, "## Speed in WebKit\n\nold\n\n", &[SIZE_HEADING]);
        assert!(webkit.contains("chromium\n\n## Speed in WebKit\n\nold\n\n## Size"), "{webkit}");
        // Firefox's comes before WebKit's; a new WebKit run replaces its own section alone.
        let both = placed(&webkit, FIREFOX_HEADING, "## Speed in Firefox\n\nff\n\n", &[WEBKIT_HEADING, SIZE_HEADING]);
        let again = placed(&both, WEBKIT_HEADING, "## Speed in WebKit\n\nnew\n\n", &[SIZE_HEADING]);
        assert!(again.contains("## Speed in Firefox\n\nff\n\n## Speed in WebKit\n\nnew\n\n## Size"), "{again}");
        assert!(!again.contains("old"));
        assert_eq!(
            placed("# B\n", WEBKIT_HEADING, "## Speed in WebKit\n", &[SIZE_HEADING]),
            "# B\n\n## Speed in WebKit\n"
        );
    }
}
