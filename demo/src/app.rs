//! The connection panel: the thin layer (`WebSocket` and its callbacks) driven by the page.

use std::cell::RefCell;
use std::rc::Rc;

use browser_websocket::{BinaryType, Error, Listener, Message, WebSocket};
use gloo_timers::callback::Interval;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

use crate::dom::{by_id, input, select};
use crate::log;

/// The open socket, if any, with the callbacks registered on it.
#[derive(Default)]
pub struct Panel {
    socket: Option<WebSocket>,
    _listeners: Vec<Listener>,
}

pub type Shared = Rc<RefCell<Panel>>;

/// Shows a typed error under the connection controls (empty clears it).
fn show_error(error: Option<&Error>) {
    let text = error.map(|e| format!("Error: {e}")).unwrap_or_default();
    by_id::<Element>("error").set_text_content(Some(&text));
    if let Some(error) = error {
        log::row("refused", "", None, &error.to_string());
    }
}

fn binary_type() -> BinaryType {
    match select("binary-type").as_str() {
        "blob" => BinaryType::Blob,
        _ => BinaryType::ArrayBuffer,
    }
}

pub fn connect(panel: &Shared) {
    let protocols = input("protocols");
    let protocols: Vec<&str> = protocols.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    let opened = WebSocket::builder(&input("url")).protocols(&protocols).binary_type(binary_type()).open();
    let socket = match opened {
        Ok(socket) => socket,
        Err(error) => return show_error(Some(&error)),
    };
    show_error(None);
    log::row("connecting", "", None, &socket.url());
    let listeners = vec![
        socket.on_open({
            let raw = socket.as_raw().clone();
            move || {
                log::row("open", "", None, &format!("protocol={:?} extensions={:?}", raw.protocol(), raw.extensions()))
            }
        }),
        socket.on_message(|message| log::message("message", &message)),
        socket.on_error(|| log::row("error", "", None, "the connection failed; a close event follows")),
        socket.on_close(|event| log::close(&event)),
    ];
    // Replacing the old socket drops it: its callbacks are removed and it closes with 1000.
    *panel.borrow_mut() = Panel { socket: Some(socket), _listeners: listeners };
}

/// Runs `f` with the socket, or says there is none.
fn with_socket(panel: &Shared, f: impl FnOnce(&WebSocket) -> Result<(), Error>) {
    let panel = panel.borrow();
    let Some(socket) = panel.socket.as_ref() else {
        by_id::<Element>("error").set_text_content(Some("Connect first."));
        return;
    };
    show_error(f(socket).err().as_ref());
}

pub fn close(panel: &Shared) {
    let code = input("close-code");
    let reason = input("close-reason");
    with_socket(panel, |socket| {
        if code.trim().is_empty() {
            return socket.close();
        }
        // Out-of-range numbers become 0, which the crate rejects like any invalid code.
        let code = code.trim().parse::<u16>().unwrap_or(0);
        socket.close_with(code, &reason)
    });
}

pub fn set_binary_type(panel: &Shared) {
    with_socket(panel, |socket| {
        socket.set_binary_type(binary_type());
        Ok(())
    });
}

pub fn send(panel: &Shared, message: Message, kind: &str) {
    with_socket(panel, |socket| {
        socket.send(message.clone())?;
        log::message(kind, &message);
        Ok(())
    });
}

pub fn send_text(panel: &Shared) {
    send(panel, Message::Text(input("text")), "sent");
}

pub fn send_bytes(panel: &Shared) {
    let hex = input("bytes");
    let bytes: Result<Vec<u8>, _> = hex.split_whitespace().map(|b| u8::from_str_radix(b, 16)).collect();
    match bytes {
        Ok(bytes) => send(panel, Message::Binary(bytes), "sent"),
        Err(_) => by_id::<Element>("error").set_text_content(Some("Bytes are hex pairs, like: de ad be ef")),
    }
}

pub fn send_file(panel: &Shared) {
    let file = by_id::<HtmlInputElement>("file").files().and_then(|files| files.get(0));
    match file {
        Some(file) => send(panel, Message::Blob(file.unchecked_into()), "sent"),
        None => by_id::<Element>("error").set_text_content(Some("Pick a file first.")),
    }
}

pub fn send_json(panel: &Shared) {
    // The browser's JSON checks the text; what is sent is its normalised form.
    match js_sys::JSON::parse(&input("json")).and_then(|value| js_sys::JSON::stringify(&value)) {
        Ok(text) => send(panel, Message::Text(text.into()), "sent json"),
        Err(_) => by_id::<Element>("error").set_text_content(Some("That is not valid JSON.")),
    }
}

/// Refreshes the ready-state badge and the bufferedAmount readout, read live, ten times a second.
pub fn ticker(panel: Shared) -> Interval {
    Interval::new(100, move || {
        let panel = panel.borrow();
        let (state, buffered) = match panel.socket.as_ref() {
            Some(socket) => (socket.ready_state().to_string(), socket.buffered_amount()),
            None => ("closed".to_owned(), 0),
        };
        let badge = by_id::<Element>("state");
        if badge.text_content().as_deref() != Some(state.as_str()) {
            badge.set_text_content(Some(&state));
            badge.set_class_name(&format!("badge {state}"));
        }
        by_id::<Element>("buffered").set_text_content(Some(&buffered.to_string()));
    })
}
