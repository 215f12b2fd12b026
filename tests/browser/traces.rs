//! Feature `tracing`: a subscriber installed here sees the spans and lifecycle events of a
//! connection that opens, overflows and closes, and of attempts that time out, with no token.
#![cfg(feature = "tracing")]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use browser_websocket::{Connection, Lifecycle, Reconnect, WebSocket};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{next, rest, sleep, url, within};

/// Keeps every span and event as one line: `span NAME k=v ...` or `LEVEL k=v ... message`.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

impl Capture {
    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }

    fn has(&self, parts: &[&str]) -> bool {
        self.lines().iter().any(|line| parts.iter().all(|part| line.contains(part)))
    }
}

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn core::fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push_str(&format!(" {}={value}", field.name()));
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = Line(format!("span {}", span.metadata().name()));
        span.record(&mut line);
        let mut lines = self.0.lock().unwrap();
        lines.push(line.0);
        Id::from_u64(lines.len() as u64)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut line = Line(event.metadata().level().to_string());
        event.record(&mut line);
        self.0.lock().unwrap().push(line.0);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[wasm_bindgen_test]
async fn a_connection_that_opens_overflows_and_closes_is_traced_without_its_token() {
    let capture = Capture::default();
    let _default = tracing::subscriber::set_default(capture.clone());
    let builder = WebSocket::builder(&url("/flood?count=50&size=8&token=SECRET")).receive_buffer(10, 1 << 20);
    let mut connection = within(10_000, "connect", builder.connect()).await.unwrap();
    sleep(200).await;
    rest(&mut connection).await;
    let lines = capture.lines();
    assert!(capture.has(&["span websocket", "url=", "/flood"]), "{lines:#?}");
    assert!(capture.has(&["INFO", "open"]), "{lines:#?}");
    assert!(capture.has(&["WARN", "messages=11", "code=4009", "receive buffer full"]), "{lines:#?}");
    assert!(capture.has(&["closed", "code=4009"]), "{lines:#?}");
    assert!(capture.has(&["TRACE", "kind=text", "bytes=8", "received"]), "{lines:#?}");
    assert!(!lines.iter().any(|line| line.contains("SECRET") || line.contains("token")), "{lines:#?}");
    // Payloads never: the flood's texts are `0.......`, `1.......`.
    assert!(!lines.iter().any(|line| line.contains("0.......")), "{lines:#?}");
}

#[wasm_bindgen_test]
async fn attempts_that_time_out_are_traced_with_the_decision_that_followed() {
    let capture = Capture::default();
    let _default = tracing::subscriber::set_default(capture.clone());
    let policy = Reconnect::default()
        .delays(Duration::from_millis(5), Duration::from_millis(5))
        .connect_timeout(Duration::from_millis(200));
    let live = Connection::builder(&url("/handshake-stall?id=traced")).reconnect(policy).unwrap();
    let mut events = live.events();
    while !matches!(next(&mut events).await, Some(Lifecycle::Reconnecting { attempt: 1, .. })) {}
    drop(live);
    let lines = capture.lines();
    assert!(capture.has(&["span reconnecting", "/handshake-stall"]), "{lines:#?}");
    assert!(capture.has(&["INFO", "attempt=0", "connecting"]), "{lines:#?}");
    // Each attempt has a span (its connection's own span is made inside it).
    assert!(capture.has(&["span attempt", "attempt=0"]), "{lines:#?}");
    assert!(capture.has(&["WARN", "attempt=0", "code=1006", "reason=connect timeout", "attempt failed"]), "{lines:#?}");
    assert!(capture.has(&["INFO", "attempt=1", "delay_ms=", "after_code=1006", "reconnecting"]), "{lines:#?}");
    assert!(!lines.iter().any(|line| line.contains("traced")), "{lines:#?}");
}
