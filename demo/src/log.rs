//! The event log: one table row per event, newest first.

use browser_websocket::{CloseEvent, Message};
use web_sys::Element;

use crate::dom::{by_id, element};

/// A row: what happened, the message type, its size and details.
pub fn row(kind: &str, message_type: &str, size: Option<usize>, details: &str) {
    let body = by_id::<Element>("log-body");
    let row = element("tr", "");
    row.set_class_name(&format!("event-{kind}"));
    let size = size.map(|s| format!("{s} B")).unwrap_or_default();
    for cell in [now().as_str(), kind, message_type, size.as_str(), details] {
        let _ = row.append_child(&element("td", cell));
    }
    let _ = body.insert_before(&row, body.first_child().as_ref());
}

/// A received or sent message.
pub fn message(kind: &str, message: &Message) {
    match message {
        Message::Text(text) => row(kind, "text", Some(text.len()), &preview(text)),
        Message::Binary(bytes) => row(kind, "binary", Some(bytes.len()), &hex(bytes)),
        Message::Blob(blob) => row(kind, "blob", Some(blob.size() as usize), &format!("Blob {}", blob.type_())),
    }
}

pub fn close(event: &CloseEvent) {
    let details = format!("code={} reason={:?} wasClean={}", event.code, event.reason, event.was_clean);
    row("close", "", None, &details);
}

pub fn clear() {
    by_id::<Element>("log-body").set_text_content(None);
}

fn preview(text: &str) -> String {
    let mut shown: String = text.chars().take(80).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    shown
}

pub fn hex(bytes: &[u8]) -> String {
    let mut shown: Vec<String> = bytes.iter().take(24).map(|b| format!("{b:02x}")).collect();
    if bytes.len() > 24 {
        shown.push("…".into());
    }
    shown.join(" ")
}

/// The local time as HH:MM:SS.mmm.
fn now() -> String {
    let date = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds(),
        date.get_milliseconds()
    )
}
