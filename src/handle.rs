//! [`SocketHandle`]: sending and closing a [`WebSocket`](crate::WebSocket) from anywhere, its own
//! callbacks included, with the same typed checks.

use core::fmt;

use crate::error::{from_js, JsError};
use crate::{close, Error, Message, ReadyState};

/// A cheap, cloneable handle to a [`WebSocket`](crate::WebSocket), from
/// [`WebSocket::handle`](crate::WebSocket::handle): it sends and closes with the same typed
/// checks (sends outside `Open` are [`Error::NotOpen`]). It owns no callbacks and does not keep
/// the socket open; once the `WebSocket` is dropped (which closes it) its sends are refused.
///
/// ```no_run
/// use browser_websocket::{Message, WebSocket};
///
/// let ws = WebSocket::open("/echo")?;
/// let _echo = ws.on_message({
///     let ws = ws.handle();
///     move |message| {
///         if let Message::Text(text) = message {
///             drop(ws.send_text(&text.to_uppercase()));
///         }
///     }
/// });
/// # Ok::<(), browser_websocket::Error>(())
/// ```
#[derive(Clone)]
pub struct SocketHandle {
    pub(crate) raw: web_sys::WebSocket,
}

impl SocketHandle {
    /// The socket's state, read live.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?.handle();
    /// let open = ws.ready_state() == browser_websocket::ReadyState::Open;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn ready_state(&self) -> ReadyState {
        ReadyState::from_js(self.raw.ready_state())
    }

    /// Sends a text message, or [`Error::NotOpen`] if the socket is not open.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?.handle();
    /// ws.send_text("hello")?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn send_text(&self, text: &str) -> Result<(), Error> {
        self.check_open()?;
        self.raw.send_with_str(text).map_err(|thrown| from_js(&thrown))
    }

    /// Sends a binary message, or [`Error::NotOpen`] if the socket is not open.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?.handle();
    /// ws.send_bytes(&[1, 2, 3])?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn send_bytes(&self, bytes: &[u8]) -> Result<(), Error> {
        self.check_open()?;
        self.raw.send_with_u8_array(bytes).map_err(|thrown| from_js(&thrown))
    }

    /// Sends a `Blob`'s bytes as a binary message, or [`Error::NotOpen`] if the socket is not open.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?.handle();
    /// # let blob = web_sys::Blob::new().expect("an empty Blob");
    /// ws.send_blob(&blob)?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn send_blob(&self, blob: &web_sys::Blob) -> Result<(), Error> {
        self.check_open()?;
        self.raw.send_with_blob(blob).map_err(|thrown| from_js(&thrown))
    }

    /// Sends any [`Message`], or [`Error::NotOpen`] if the socket is not open.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?.handle();
    /// ws.send(browser_websocket::Message::Text("hello".into()))?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn send(&self, message: Message) -> Result<(), Error> {
        self.send_ref(&message)
    }

    pub(crate) fn send_ref(&self, message: &Message) -> Result<(), Error> {
        match message {
            Message::Text(text) => self.send_text(text),
            Message::Binary(bytes) => self.send_bytes(bytes),
            Message::Blob(blob) => self.send_blob(blob),
        }
    }

    /// Starts closing without a code, as the DOM's `close()` does (the peer sees 1005), and
    /// returns at once: see [`WebSocket::close`](crate::WebSocket::close) and
    /// [the close rule](crate#closing-one-rule-for-every-layer).
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?.handle();
    /// ws.close()?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn close(&self) -> Result<(), Error> {
        self.raw.close().map_err(|thrown| from_js(&thrown))
    }

    /// Starts closing with a code and a reason, checked first: see
    /// [`WebSocket::close_with`](crate::WebSocket::close_with).
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?.handle();
    /// ws.close_with(4000, "done")?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn close_with(&self, code: u16, reason: &str) -> Result<(), Error> {
        close::validate(code, reason)?;
        self.raw.close_with_code_and_reason(code, reason).map_err(|thrown| {
            let error = JsError::from_js(&thrown);
            match error.name.as_str() {
                "InvalidAccessError" => Error::InvalidCloseCode(code),
                "SyntaxError" => Error::CloseReasonTooLong(reason.len()),
                _ => from_js(&thrown),
            }
        })
    }

    /// Sends are refused here outside `Open`: the browser itself throws only while connecting
    /// and silently discards what is sent once closing.
    fn check_open(&self) -> Result<(), Error> {
        match self.ready_state() {
            ReadyState::Open => Ok(()),
            state => Err(Error::NotOpen(state)),
        }
    }
}

impl fmt::Debug for SocketHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SocketHandle")
            .field("url", &crate::redact::Shown(&self.raw.url()))
            .field("ready_state", &self.ready_state())
            .finish()
    }
}
