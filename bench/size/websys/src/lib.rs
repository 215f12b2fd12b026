//! The size benchmark's echo client written by hand on web-sys: the floor to compare against.
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, MessageEvent, WebSocket};

thread_local! {
    static CLIENT: std::cell::RefCell<Option<(WebSocket, Closure<dyn FnMut(MessageEvent)>)>> = const { std::cell::RefCell::new(None) };
}

#[wasm_bindgen(start)]
pub fn start() {
    let Ok(socket) = WebSocket::new("/bench-echo") else { return };
    socket.set_binary_type(BinaryType::Arraybuffer);
    let echo = socket.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        if let Some(text) = data.as_string() {
            let _ = echo.send_with_str(&text);
        } else if let Ok(buffer) = data.dyn_into::<js_sys::ArrayBuffer>() {
            let _ = echo.send_with_array_buffer(&buffer);
        }
    });
    let _ = socket.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    CLIENT.with(|client| *client.borrow_mut() = Some((socket, on_message)));
}
