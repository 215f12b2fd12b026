//! [`Message`]: one WebSocket message, text or binary.

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// `Uint8Array.prototype.set.call(slice, source)`: copies `source` into a slice of wasm
    /// memory in one call. (js-sys's `to_vec` asks for the length twice and asserts it, which
    /// costs a crossing per message and pulls integer formatting into every build.)
    #[wasm_bindgen(js_namespace = Uint8Array, js_name = "prototype.set.call")]
    fn copy_into(slice: &mut [u8], source: &Uint8Array);
}

/// The bytes of an `ArrayBuffer`, copied into wasm memory.
fn bytes_of(buffer: &JsValue) -> Vec<u8> {
    let view = Uint8Array::new(buffer);
    let mut bytes = vec![0; view.length() as usize];
    copy_into(&mut bytes, &view);
    bytes
}

/// One message, as sent or received.
///
/// Binary messages arrive as [`Message::Binary`] while the socket's
/// [`BinaryType`](crate::BinaryType) is `ArrayBuffer` (the default for sockets this crate opens)
/// and as [`Message::Blob`] while it is `Blob`.
///
/// ```
/// use browser_websocket::Message;
///
/// assert_eq!(Message::from("hello"), Message::Text("hello".into()));
/// assert_eq!(Message::from(vec![1, 2, 3]), Message::Binary(vec![1, 2, 3]));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// A text message.
    Text(String),
    /// A binary message, as bytes.
    Binary(Vec<u8>),
    /// A binary message, as a [`Blob`](https://developer.mozilla.org/docs/Web/API/Blob).
    Blob(web_sys::Blob),
}

impl Message {
    /// Reads a `MessageEvent`'s data: a string, an `ArrayBuffer` or a `Blob`, which is all a
    /// browser dispatches. Anything else (only a script faking events can make one) gives `None`.
    pub(crate) fn from_js(data: JsValue) -> Option<Message> {
        if let Some(text) = data.as_string() {
            return Some(Message::Text(text));
        }
        if data.is_instance_of::<ArrayBuffer>() {
            return Some(Message::Binary(bytes_of(&data)));
        }
        data.dyn_into::<web_sys::Blob>().ok().map(Message::Blob)
    }
}

impl Message {
    /// The bytes this message holds (a Blob's size as the browser reports it).
    pub(crate) fn byte_len(&self) -> usize {
        match self {
            Message::Text(text) => text.len(),
            Message::Binary(bytes) => bytes.len(),
            Message::Blob(blob) => blob.size() as usize,
        }
    }
}

impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::Text(text)
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::Text(text.to_owned())
    }
}

impl From<Vec<u8>> for Message {
    fn from(bytes: Vec<u8>) -> Self {
        Message::Binary(bytes)
    }
}

impl From<&[u8]> for Message {
    fn from(bytes: &[u8]) -> Self {
        Message::Binary(bytes.to_vec())
    }
}

impl From<web_sys::Blob> for Message {
    fn from(blob: web_sys::Blob) -> Self {
        Message::Blob(blob)
    }
}
