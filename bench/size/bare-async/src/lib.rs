//! The size benchmark's reference floor for the async layer: the least an async echo client on
//! web-sys can be (a queue, a waker, a task), with none of what `Connection` adds: no wait for
//! open, no close event or end of stream, no backpressure, no typed errors, no URL checks, no
//! Blob messages, no listener removal.
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::task::{Poll, Waker};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, MessageEvent, WebSocket};

enum Message {
    Text(String),
    Binary(Vec<u8>),
}

#[derive(Default)]
struct Queue {
    messages: VecDeque<Message>,
    waker: Option<Waker>,
}

#[wasm_bindgen(start)]
pub fn start() {
    let Ok(socket) = WebSocket::new("/bench-echo") else { return };
    socket.set_binary_type(BinaryType::Arraybuffer);
    let queue = Rc::new(RefCell::new(Queue::default()));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
        let queue = queue.clone();
        move |event: MessageEvent| {
            let data = event.data();
            let message = if let Some(text) = data.as_string() {
                Message::Text(text)
            } else if let Ok(buffer) = data.dyn_into::<js_sys::ArrayBuffer>() {
                Message::Binary(js_sys::Uint8Array::new(&buffer).to_vec())
            } else {
                return;
            };
            let waker = {
                let mut queue = queue.borrow_mut();
                queue.messages.push_back(message);
                queue.waker.take()
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        }
    });
    let _ = socket.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    wasm_bindgen_futures::spawn_local(async move {
        let _on_message = on_message;
        loop {
            let message = std::future::poll_fn(|cx| {
                let mut queue = queue.borrow_mut();
                match queue.messages.pop_front() {
                    Some(message) => Poll::Ready(message),
                    None => {
                        queue.waker = Some(cx.waker().clone());
                        Poll::Pending
                    }
                }
            })
            .await;
            let _ = match message {
                Message::Text(text) => socket.send_with_str(&text),
                Message::Binary(bytes) => socket.send_with_u8_array(&bytes),
            };
        }
    });
}
