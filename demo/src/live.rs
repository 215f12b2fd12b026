//! The reconnecting panel: a `Reconnecting` connection to the server's `/flaky` echo, a button
//! that asks the server to drop it, and its lifecycle events as they happen.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use browser_websocket::{Connection, Lifecycle, Message, Reconnect, Reconnecting};
use futures::StreamExt;
use web_sys::Element;

use crate::dom::{by_id, element, input};

/// The live connection, if started.
pub type Live = Rc<RefCell<Option<Reconnecting>>>;

fn show(list: &str, text: &str) {
    let _ = by_id::<Element>(list).append_child(&element("li", text));
}

/// What a lifecycle event says, in words.
fn describe(event: &Lifecycle) -> String {
    match event {
        Lifecycle::Connecting { attempt: 0 } => "connecting".into(),
        Lifecycle::Connecting { attempt } => format!("connecting (attempt {attempt})"),
        Lifecycle::Failed(close) => format!("attempt failed code={}", close.code),
        Lifecycle::Connected { .. } => "connected".into(),
        Lifecycle::Disconnected(close) => format!("disconnected code={} reason={:?}", close.code, close.reason),
        Lifecycle::Reconnecting { attempt, delay } => {
            format!("reconnecting attempt={attempt} in {} ms", delay.as_millis())
        }
        Lifecycle::Paused => "paused (hidden or offline)".into(),
        Lifecycle::GaveUp { attempts } => format!("gave up after {attempts} attempts"),
        Lifecycle::Discarded { messages } => format!("discarded {messages} queued messages"),
        other => format!("{other:?}"),
    }
}

/// Starts a new connection (replacing, and so closing, the previous one).
pub fn start(live: &Live) {
    for list in ["live-events", "live-messages"] {
        by_id::<Element>(list).set_text_content(None);
    }
    // A fresh id per start, so the server's drop counts start afresh too.
    let url = format!("/flaky?id=demo-{}", js_sys::Date::now());
    let policy = Reconnect::default().delays(Duration::from_millis(250), Duration::from_secs(5));
    let connection = match Connection::builder(&url).reconnect(policy) {
        Ok(connection) => connection,
        Err(error) => return show("live-events", &format!("could not start: {error}")),
    };
    let mut events = connection.events();
    wasm_bindgen_futures::spawn_local(async move {
        while let Some(event) = events.next().await {
            show("live-events", &describe(&event));
        }
        show("live-events", "ended");
    });
    let mut messages = connection.messages();
    wasm_bindgen_futures::spawn_local(async move {
        while let Some(message) = messages.next().await {
            if let Message::Text(text) = message {
                show("live-messages", &format!("echo: {text}"));
            }
        }
    });
    *live.borrow_mut() = Some(connection);
}

/// Shows the connection's counters in the panel, several times a second.
pub fn ticker(live: Live) -> gloo_timers::callback::Interval {
    gloo_timers::callback::Interval::new(250, move || {
        let Some(stats) = live.borrow().as_ref().map(Reconnecting::stats) else { return };
        let text = format!(
            "sent {} ({} B) · received {} ({} B) · queued {} to send, {} to read · peak bufferedAmount {} B · \
             reconnects {} · connected {:.1} s",
            stats.messages_sent,
            stats.bytes_sent,
            stats.messages_received,
            stats.bytes_received,
            stats.queued_to_send,
            stats.queued_to_read,
            stats.peak_buffered_amount,
            stats.reconnects,
            stats.connected.as_secs_f64(),
        );
        let shown = by_id::<Element>("live-stats");
        if shown.text_content().as_deref() != Some(text.as_str()) {
            shown.set_text_content(Some(&text));
        }
    })
}

/// Runs `f` with the connection, or says there is none.
fn with_live(live: &Live, f: impl FnOnce(&Reconnecting)) {
    match live.borrow().as_ref() {
        Some(connection) => f(connection),
        None => show("live-events", "start it first"),
    }
}

/// Asks the server to drop the connection without a Close frame (`/flaky` drops on "drop").
pub fn drop_it(live: &Live) {
    with_live(live, |connection| {
        if let Err(error) = connection.try_send(Message::Text("drop".into())) {
            show("live-events", &format!("not sent: {error}"));
        }
    });
}

/// Sends the text box's text; while disconnected it waits in the offline queue.
pub fn send(live: &Live) {
    let text = input("live-text");
    with_live(live, |connection| {
        if let Err(error) = connection.try_send(Message::Text(text)) {
            show("live-events", &format!("not sent: {error}"));
        }
    });
}
