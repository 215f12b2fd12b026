//! [`Message`]: one WebSocket message, text or binary.

use js_sys::ArrayBuffer;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// A `Uint8Array` over a received `ArrayBuffer`.
    #[wasm_bindgen(js_name = Uint8Array)]
    type ByteView;
    #[wasm_bindgen(constructor, js_class = Uint8Array)]
    fn new(buffer: &JsValue) -> ByteView;
    /// The view read whole: `valueOf` hands the view itself back, and wasm-bindgen's glue copies
    /// it into memory it allocates in wasm. (js-sys's `to_vec` asks for the length twice and
    /// asserts it, which costs crossings per message and pulls integer formatting into every
    /// build; a zeroed `Vec` filled afterwards writes every byte twice.)
    #[wasm_bindgen(method, js_name = valueOf)]
    fn to_bytes(this: &ByteView) -> Vec<u8>;
}

/// The bytes of an `ArrayBuffer`, copied into wasm memory: two crossings.
fn bytes_of(buffer: &JsValue) -> Vec<u8> {
    ByteView::new(buffer).to_bytes()
}

/// One message, as sent or received.
///
/// Its `Debug` shows the content (it is your data); nothing else this crate prints does.
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
    /// `text`, `binary` or `blob`, for the logs (feature `tracing`).
    #[cfg(feature = "tracing")]
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Message::Text(_) => "text",
            Message::Binary(_) => "binary",
            Message::Blob(_) => "blob",
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
