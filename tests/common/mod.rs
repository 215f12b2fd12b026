//! Helpers shared by the browser test binaries: the server's address, a recorder of socket
//! events, and timeouts so a hang fails with a message instead of stalling the runner.
#![allow(dead_code)]

use core::future::Future;

use browser_websocket::{CloseEvent, Listener, Message, WebSocket};
use futures::channel::mpsc::{self, UnboundedReceiver};
use futures::future::{select, Either};
use futures::StreamExt;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[cfg(feature = "testing")]
pub mod kit;

/// The test server, fixed at compile time (`cargo xtask test` sets it).
pub const SERVER: &str = match option_env!("BROWSER_WEBSOCKET_TEST_SERVER") {
    Some(url) => url,
    None => "ws://127.0.0.1:9753",
};

/// `ws://<server><path>`, with this run's suffix on any `id=` (see [`with_run_id`]).
pub fn url(path: &str) -> String {
    format!("{SERVER}{}", with_run_id(path))
}

/// `path` with a suffix unique to this run of the suite on the value of its `id=` parameter.
/// The server keeps what it saw per id (`track`, `flaky`) for as long as it runs, and one server
/// may serve the suite more than once (`cargo xtask test` runs it again through wasm-pack and at
/// the lowest versions): without the suffix, a second run would count the first one's connections.
pub fn with_run_id(path: &str) -> String {
    thread_local! {
        static RUN: String = format!("{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
    }
    let Some(at) = path.find("id=").filter(|&at| at > 0 && matches!(&path[at - 1..at], "?" | "&")) else {
        return path.to_owned();
    };
    let value_end = path[at..].find(['&', '#']).map_or(path.len(), |end| at + end);
    RUN.with(|run| format!("{}-{run}{}", &path[..value_end], &path[value_end..]))
}

/// How long any single wait may take before the test fails.
const WAIT_MS: u32 = 15_000;

/// Awaits `future`, failing the test if it takes longer than `ms`.
pub async fn within<F: Future>(ms: u32, what: &str, future: F) -> F::Output {
    futures::pin_mut!(future);
    match select(future, TimeoutFuture::new(ms)).await {
        Either::Left((value, _)) => value,
        Either::Right(_) => panic!("timed out after {ms} ms waiting for {what}"),
    }
}

pub async fn sleep(ms: u32) {
    TimeoutFuture::new(ms).await;
}

/// Waits for the next task, so every listener of the event being dispatched now has run.
pub async fn next_task() {
    sleep(0).await;
}

/// One event from a socket, in the order the browser dispatched them.
#[derive(Clone, Debug, PartialEq)]
pub enum Ev {
    Open,
    Message(Message),
    Error,
    Close(CloseEvent),
}

/// Records every event of a socket through its four callbacks.
pub struct Recorder {
    events: UnboundedReceiver<Ev>,
    _listeners: [Listener; 4],
}

impl Recorder {
    pub fn attach(ws: &WebSocket) -> Recorder {
        let (tx, events) = mpsc::unbounded();
        let send = move |tx: &mpsc::UnboundedSender<Ev>, ev| tx.unbounded_send(ev).expect("recorder alive");
        let (a, b, c, d) = (tx.clone(), tx.clone(), tx.clone(), tx);
        let listeners = [
            ws.on_open(move || send(&a, Ev::Open)),
            ws.on_message(move |m| send(&b, Ev::Message(m))),
            ws.on_error(move || send(&c, Ev::Error)),
            ws.on_close(move |e| send(&d, Ev::Close(e))),
        ];
        Recorder { events, _listeners: listeners }
    }

    /// The next event.
    pub async fn next(&mut self) -> Ev {
        within(WAIT_MS, "a socket event", self.events.next()).await.expect("recorder alive")
    }

    pub async fn opened(&mut self) {
        assert_eq!(self.next().await, Ev::Open);
    }

    pub async fn message(&mut self) -> Message {
        match self.next().await {
            Ev::Message(message) => message,
            other => panic!("expected a message, got {other:?}"),
        }
    }

    pub async fn text(&mut self) -> String {
        match self.message().await {
            Message::Text(text) => text,
            other => panic!("expected text, got {other:?}"),
        }
    }

    /// Every event up to and including the close event.
    pub async fn until_close(&mut self) -> Vec<Ev> {
        let mut events = Vec::new();
        loop {
            let event = self.next().await;
            let done = matches!(event, Ev::Close(_));
            events.push(event);
            if done {
                return events;
            }
        }
    }

    /// The close event, which must be the next event.
    pub async fn closed(&mut self) -> CloseEvent {
        match self.next().await {
            Ev::Close(event) => event,
            other => panic!("expected the close event, got {other:?}"),
        }
    }

    /// Nothing arrives within `ms`.
    pub async fn quiet_for(&mut self, ms: u32) {
        let next = self.events.next();
        futures::pin_mut!(next);
        // `None` means every callback is gone, which is quiet too.
        if let Either::Left((Some(event), _)) = select(next, TimeoutFuture::new(ms)).await {
            panic!("expected no event, got {event:?}");
        }
    }
}

/// Opens `path` on the server and waits for it to open.
pub async fn open(path: &str) -> (WebSocket, Recorder) {
    open_url(&url(path)).await
}

/// Opens `url` (the server's, or the test kit's) and waits for it to open.
pub async fn open_url(url: &str) -> (WebSocket, Recorder) {
    let ws = WebSocket::open(url).expect("a valid URL");
    let mut events = Recorder::attach(&ws);
    events.opened().await;
    (ws, events)
}

/// The first text message of `path` (for endpoints that send one thing and close).
pub async fn first_text(path: &str) -> String {
    let (_ws, mut events) = open(path).await;
    events.text().await
}

/// What the server's `track` endpoint saw for `id`: `connections=N closes=...`.
pub async fn report(id: &str) -> String {
    first_text(&format!("/report?id={id}")).await
}

/// Polls the report for `id` until it contains `expected`.
pub async fn await_report(id: &str, expected: &str) {
    let mut last = String::new();
    for _ in 0..50 {
        last = report(id).await;
        if last == expected {
            return;
        }
        sleep(100).await;
    }
    panic!("report for {id}: expected {expected:?}, last saw {last:?}");
}

/// A Blob holding `bytes`.
pub fn blob(bytes: &[u8]) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).expect("a Blob")
}

/// A Blob's bytes.
pub async fn blob_bytes(blob: &web_sys::Blob) -> Vec<u8> {
    let buffer = JsFuture::from(blob.array_buffer()).await.expect("readable Blob");
    js_sys::Uint8Array::new(buffer.unchecked_ref()).to_vec()
}

/// Connects a [`Connection`](browser_websocket::Connection) to `path`, failing the test on error.
pub async fn connect(path: &str) -> browser_websocket::Connection {
    within(WAIT_MS, "connect", browser_websocket::Connection::connect(&url(path))).await.expect("connected")
}

/// The next item of a stream, within the usual wait.
pub async fn next<S: futures::Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    within(WAIT_MS, "the next message", stream.next()).await
}

/// Every remaining item of a stream, up to its end.
pub async fn rest<S: futures::Stream + Unpin>(stream: &mut S) -> Vec<S::Item> {
    within(WAIT_MS * 2, "the end of the stream", stream.by_ref().collect()).await
}

/// The current size of wasm memory, in bytes.
pub fn wasm_memory_bytes() -> u32 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length()
}

/// The same server over TLS, with a certificate made at its start (`cargo xtask test` sets it;
/// the browsers accept it through `acceptInsecureCerts` in `webdriver.json`).
pub const TLS_SERVER: &str = match option_env!("BROWSER_WEBSOCKET_TEST_TLS_SERVER") {
    Some(url) => url,
    None => "wss://127.0.0.1:9754",
};

/// The browser engine running the suite, from `navigator.userAgent` (in a window or a worker),
/// for the few tests that assert what each engine does where the engines differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

pub fn engine() -> Engine {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).expect("a navigator");
    let agent = js_sys::Reflect::get(&navigator, &"userAgent".into()).ok().and_then(|a| a.as_string());
    let agent = agent.unwrap_or_default();
    if agent.contains("Firefox/") {
        Engine::Firefox
    } else if agent.contains("Chrome/") {
        Engine::Chromium
    } else {
        Engine::WebKit
    }
}
