//! The size benchmark's echo client with callbacks: open, echo every message from `on_message`.
use std::rc::Rc;

use browser_websocket::{Listener, WebSocket};
use wasm_bindgen::prelude::*;

thread_local! {
    static CLIENT: std::cell::RefCell<Option<(Rc<WebSocket>, Listener)>> = const { std::cell::RefCell::new(None) };
}

#[wasm_bindgen(start)]
pub fn start() {
    let Ok(socket) = WebSocket::open("/bench-echo") else { return };
    let socket = Rc::new(socket);
    let weak = Rc::downgrade(&socket);
    let listener = socket.on_message(move |message| {
        if let Some(socket) = weak.upgrade() {
            let _ = socket.send(message);
        }
    });
    CLIENT.with(|client| *client.borrow_mut() = Some((socket, listener)));
}
