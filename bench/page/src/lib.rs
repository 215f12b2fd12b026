//! The benchmark workloads, done by this crate's two layers and by gloo-net; plain JavaScript
//! does the same in `../www/bench.js`. `cargo xtask bench` calls `run` from the page.

mod callbacks;
mod connection;
mod gloo;
mod memory;

use wasm_bindgen::prelude::*;

/// One workload: what is sent, how, and what ends it.
#[derive(Clone, Copy, Debug)]
pub enum Workload {
    /// 2,000 sequential round trips of a 32-byte text.
    PingPong,
    /// 20,000 64-byte texts sent at once; done when every echo is back.
    PipelinedText,
    /// 2,000 64 KiB binaries sent at once; done when every echo is back.
    PipelinedBinary,
    /// The server floods 50,000 64-byte binaries; done at the last.
    Flood,
    /// One 16 MiB binary, echoed.
    Big,
    /// The server sends 20,000 JSON quotes (~200 bytes, a dozen fields, nested arrays); each is
    /// decoded into a [`Quote`] with serde_json (the crate's JSON: `Typed` with codee's
    /// `JsonSerdeCodec`, `Message::json`); plain JavaScript calls `JSON.parse`.
    Json,
    /// The same, decoded by the browser's route: `JSON.parse`, then serde-wasm-bindgen
    /// (codee's `JsonSerdeWasmCodec`).
    JsonBrowser,
}

/// What the JSON workloads decode each message into.
#[derive(serde::Deserialize)]
#[allow(dead_code)] // read by serde, never by the bench
pub struct Quote {
    id: u64,
    symbol: String,
    price: f64,
    bid: f64,
    ask: f64,
    volume: u64,
    open: bool,
    exchange: String,
    currency: String,
    ts: u64,
    tags: Vec<String>,
    levels: Vec<(f64, u32)>,
}

/// Decodes a received text as the JSON workloads do (nothing for the others).
pub fn decode(workload: Workload, text: &str) -> Result<(), JsValue> {
    use codee::Decoder;
    match workload {
        Workload::Json => serde_json::from_str::<Quote>(text).map(drop).map_err(error),
        Workload::JsonBrowser => codee::string::JsonSerdeWasmCodec::decode(text).map(|_: Quote| ()),
        _ => Ok(()),
    }
}

impl Workload {
    fn parse(name: &str) -> Result<Workload, JsValue> {
        Ok(match name {
            "pingpong" => Workload::PingPong,
            "pipelined-text" => Workload::PipelinedText,
            "pipelined-binary" => Workload::PipelinedBinary,
            "flood" => Workload::Flood,
            "big" => Workload::Big,
            "json" => Workload::Json,
            "json-browser" => Workload::JsonBrowser,
            other => return Err(JsValue::from_str(&format!("no workload {other}"))),
        })
    }

    /// The endpoint and how many messages come back.
    pub fn path(self) -> &'static str {
        match self {
            Workload::Flood => "/flood?count=50000&size=64&binary=1",
            Workload::Json | Workload::JsonBrowser => "/flood?count=20000&quotes=1",
            _ => "/bench-echo",
        }
    }

    /// The messages to send, in order (none for the flood).
    pub fn count(self) -> usize {
        match self {
            Workload::PingPong => 2_000,
            Workload::PipelinedText => 20_000,
            Workload::PipelinedBinary => 2_000,
            Workload::Flood | Workload::Json | Workload::JsonBrowser => 0,
            Workload::Big => 1,
        }
    }

    /// How many messages must arrive.
    pub fn expected(self) -> usize {
        match self {
            Workload::Flood => 50_000,
            Workload::Json | Workload::JsonBrowser => 20_000,
            other => other.count(),
        }
    }

    pub fn text(self) -> Option<String> {
        match self {
            Workload::PingPong => Some("x".repeat(32)),
            Workload::PipelinedText => Some("y".repeat(64)),
            _ => None,
        }
    }

    pub fn bytes(self) -> Vec<u8> {
        match self {
            Workload::PipelinedBinary => vec![7; 64 * 1024],
            Workload::Big => vec![9; 16 << 20],
            _ => Vec::new(),
        }
    }
}

impl Workload {
    /// Sent by the server, from the moment the socket is created.
    pub fn server_sends(self) -> bool {
        matches!(self, Workload::Flood | Workload::Json | Workload::JsonBrowser)
    }
}

pub fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or_default()
}

fn error(e: impl std::fmt::Debug) -> JsValue {
    JsValue::from_str(&format!("{e:?}"))
}

/// Runs `workload` with `implementation` (`callbacks`, `connection` or `gloo`) against the
/// server at `base` (`ws://host:port`); resolves with the milliseconds it took.
#[wasm_bindgen]
pub async fn run(implementation: String, workload: String, base: String) -> Result<f64, JsValue> {
    let workload = Workload::parse(&workload)?;
    let url = format!("{base}{}", workload.path());
    match implementation.as_str() {
        "callbacks" => callbacks::run(workload, &url).await,
        "connection" => connection::run(workload, &url).await,
        "gloo" => gloo::run(workload, &url).await,
        other => Err(JsValue::from_str(&format!("no implementation {other}"))),
    }
}

/// Measures memory around `kind` (`messages`: 10,000 echoed messages; `cycles`: 1,000
/// connect/close cycles) with `Connection`: `[wasm before, wasm after, heap before, heap after]`.
#[wasm_bindgen]
pub async fn memory_probe(kind: String, base: String) -> Result<Vec<f64>, JsValue> {
    memory::probe(&kind, &base).await
}
