//! [`BinaryType`]: how binary messages arrive.

/// How the browser hands over binary messages: see
/// [`binaryType`](https://developer.mozilla.org/docs/Web/API/WebSocket/binaryType).
///
/// Sockets this crate opens start as [`BinaryType::ArrayBuffer`], so binary messages arrive as
/// [`Message::Binary`](crate::Message::Binary) bytes. With [`BinaryType::Blob`] they arrive as
/// [`Message::Blob`](crate::Message::Blob), which suits large payloads that go straight to a file
/// or an `<img>`. The browser reads the type when it dispatches each message, so switching it
/// affects every message not yet dispatched.
///
/// ```no_run
/// use browser_websocket::{BinaryType, WebSocket};
///
/// let ws = WebSocket::open("/media")?;
/// assert_eq!(ws.binary_type(), BinaryType::ArrayBuffer);
/// ws.set_binary_type(BinaryType::Blob);
/// # Ok::<(), browser_websocket::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryType {
    /// Binary messages arrive as [`Message::Blob`](crate::Message::Blob).
    Blob,
    /// Binary messages arrive as [`Message::Binary`](crate::Message::Binary) bytes.
    ArrayBuffer,
}

impl BinaryType {
    pub(crate) fn to_js(self) -> web_sys::BinaryType {
        match self {
            BinaryType::Blob => web_sys::BinaryType::Blob,
            BinaryType::ArrayBuffer => web_sys::BinaryType::Arraybuffer,
        }
    }

    /// Anything but `"arraybuffer"` is the browser's default, `"blob"`.
    pub(crate) fn from_js(value: web_sys::BinaryType) -> Self {
        match value {
            web_sys::BinaryType::Arraybuffer => BinaryType::ArrayBuffer,
            _ => BinaryType::Blob,
        }
    }
}
