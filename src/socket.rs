//! [`WebSocket`]: the thin, typed layer over the browser's `WebSocket`.

use core::fmt;
use std::rc::Rc;

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::JsError;
use crate::handle::SocketHandle;
use crate::listener::{EventHandler, Registry};
use crate::{url, BinaryType, Builder, CloseEvent, Error, Listener, Message, ReadyState};

#[wasm_bindgen]
extern "C" {
    /// The browser's WebSocket, seen through the one getter web-sys types too narrowly:
    /// `bufferedAmount` is an `unsigned long long`, which web-sys's `u32` would wrap.
    type WideBufferedAmount;
    #[wasm_bindgen(method, getter, js_name = bufferedAmount)]
    fn buffered_amount(this: &WideBufferedAmount) -> f64;

    /// The browser's WebSocket, seen through its constructor alone.
    type Constructed;
    /// `new WebSocket(url, protocols)`: one import, with or without protocols.
    #[wasm_bindgen(constructor, catch, js_class = WebSocket)]
    fn new(url: &url::Url, protocols: &JsValue) -> Result<Constructed, JsValue>;
}

/// A browser [`WebSocket`](https://developer.mozilla.org/docs/Web/API/WebSocket) with typed
/// state, typed errors and callbacks that unregister themselves.
///
/// Every getter reads the browser's object live. Sends are refused with
/// [`Error::NotOpen`] in any state but [`ReadyState::Open`], so no data is ever dropped silently
/// (the browser itself would discard it without a word once the socket is closing).
///
/// **Dropping** a `WebSocket` first removes every callback registered through it, then, if it is
/// still connecting or open, closes it with code 1000 ([`CloseCode::Normal`](crate::CloseCode))
/// and no reason. Its callbacks are never called after the drop.
///
/// ```no_run
/// # fn show(_: impl std::fmt::Debug) {}
/// use browser_websocket::{Message, WebSocket};
///
/// let ws = WebSocket::open("wss://example.com/chat")?;
/// let _on_open = ws.on_open(|| show("connected"));
/// let _on_message = ws.on_message(|message| {
///     if let Message::Text(text) = message {
///         show(text);
///     }
/// });
/// # Ok::<(), browser_websocket::Error>(())
/// ```
pub struct WebSocket {
    handle: SocketHandle,
    listeners: Rc<Registry>,
}

impl WebSocket {
    /// Starts connecting to `url`; the socket is [`ReadyState::Connecting`].
    ///
    /// `url` may be `ws:`, `wss:`, `http:` or `https:` (mapped to `ws:`/`wss:`), or relative to the
    /// page or worker location. Anything else, and any fragment, is [`Error::InvalidUrl`] before a
    /// socket exists. Network failures come later, as an error and a close event (in WebKit, at
    /// its socket limit or for a port it blocks, the error alone: see [`WebSocket::on_error`]).
    ///
    /// ```no_run
    /// use browser_websocket::{ReadyState, WebSocket};
    ///
    /// let ws = WebSocket::open("/live")?; // ws://<this page's host>/live
    /// assert_eq!(ws.ready_state(), ReadyState::Connecting);
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn open(url: &str) -> Result<WebSocket, Error> {
        WebSocket::create(url, &[], BinaryType::ArrayBuffer)
    }

    /// Like [`WebSocket::open`], offering these subprotocols; the server picks one, readable as
    /// [`WebSocket::protocol`] once open. Each must be a non-empty token, none twice, else
    /// [`Error::InvalidProtocol`].
    ///
    /// This layer reports what the browser does when the server's answer does not match the
    /// offer, and the engines differ: the standard fails the connection (error, then 1006), and
    /// Chromium does. Firefox and WebKit fail it when the server selected one that was not
    /// offered, but open it when the server selected none of the offered ones; Firefox also
    /// opens it when the server selected one although none was offered (then `protocol()` reads
    /// empty). [`Builder::connect`] closes and fails the first of those (see [`UNOFFERED_PROTOCOL_REASON`](crate::UNOFFERED_PROTOCOL_REASON)).
    ///
    /// ```no_run
    /// use browser_websocket::WebSocket;
    ///
    /// let ws = WebSocket::open_with_protocols("wss://example.com/rpc", &["rpc.v2", "rpc.v1"])?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn open_with_protocols(url: &str, protocols: &[&str]) -> Result<WebSocket, Error> {
        Builder::new(url).protocols(protocols).open()
    }

    /// A [`Builder`] for the options [`WebSocket::open`] does not take.
    ///
    /// ```no_run
    /// use browser_websocket::{BinaryType, WebSocket};
    ///
    /// let ws = WebSocket::builder("wss://example.com/media")
    ///     .protocols(&["media"])
    ///     .binary_type(BinaryType::Blob)
    ///     .open()?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn builder(url: &str) -> Builder {
        Builder::new(url)
    }

    pub(crate) fn create(url: &str, protocols: &[String], binary_type: BinaryType) -> Result<WebSocket, Error> {
        let resolved = url::check(url, protocols)?;
        // `undefined` protocols are the constructor's default, none.
        let list = if protocols.is_empty() {
            JsValue::UNDEFINED
        } else {
            protocols.iter().map(|p| JsValue::from_str(p)).collect::<js_sys::Array>().into()
        };
        let raw: web_sys::WebSocket =
            Constructed::new(&resolved, &list).map_err(|thrown| constructor_error(url, &thrown))?.unchecked_into();
        raw.set_binary_type(binary_type.to_js());
        Ok(WebSocket { handle: SocketHandle { raw }, listeners: Rc::default() })
    }

    /// The URL as the browser resolved it (`ws:` or `wss:`, absolute).
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("https://example.com/live")?;
    /// assert_eq!(ws.url(), "wss://example.com/live");
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn url(&self) -> String {
        self.handle.raw.url()
    }

    /// The current state, read live.
    ///
    /// ```no_run
    /// use browser_websocket::ReadyState;
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// if ws.ready_state() == ReadyState::Open {
    ///     ws.send_text("ping")?;
    /// }
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn ready_state(&self) -> ReadyState {
        self.handle.ready_state()
    }

    /// Bytes sent but not yet handed to the network, read live. It only grows within one task.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/upload")?;
    /// if ws.buffered_amount() < 1 << 20 {
    ///     ws.send_bytes(&[0; 4096])?;
    /// }
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn buffered_amount(&self) -> u64 {
        let amount = self.handle.raw.unchecked_ref::<WideBufferedAmount>().buffered_amount();
        // A non-negative integer below 2^53; the cast saturates whatever JavaScript returns.
        amount as u64
    }

    /// The subprotocol the server selected; empty until open, or when none was selected.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open_with_protocols("/rpc", &["rpc.v2", "rpc.v1"])?;
    /// let v2 = ws.protocol() == "rpc.v2";
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn protocol(&self) -> String {
        self.handle.raw.protocol()
    }

    /// The extensions the server selected, such as `permessage-deflate`; empty until open.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// let compressed = ws.extensions().contains("permessage-deflate");
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn extensions(&self) -> String {
        self.handle.raw.extensions()
    }

    /// How binary messages arrive, read live.
    ///
    /// ```no_run
    /// use browser_websocket::BinaryType;
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// assert_eq!(ws.binary_type(), BinaryType::ArrayBuffer);
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn binary_type(&self) -> BinaryType {
        BinaryType::from_js(self.handle.raw.binary_type())
    }

    /// Sets how binary messages not yet dispatched will arrive.
    ///
    /// ```no_run
    /// use browser_websocket::BinaryType;
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// ws.set_binary_type(BinaryType::Blob);
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn set_binary_type(&self, binary_type: BinaryType) {
        self.handle.raw.set_binary_type(binary_type.to_js());
    }

    /// Sends a text message, or [`Error::NotOpen`] if the socket is not open.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// ws.send_text("hello")?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn send_text(&self, text: &str) -> Result<(), Error> {
        self.handle.send_text(text)
    }

    /// Sends a binary message, or [`Error::NotOpen`] if the socket is not open. The browser
    /// copies the bytes straight out of wasm memory.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// ws.send_bytes(&[1, 2, 3])?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn send_bytes(&self, bytes: &[u8]) -> Result<(), Error> {
        self.handle.send_bytes(bytes)
    }

    /// Sends a `Blob`'s bytes as a binary message, or [`Error::NotOpen`] if the socket is not open.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// let blob = web_sys::Blob::new().expect("an empty Blob");
    /// ws.send_blob(&blob)?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn send_blob(&self, blob: &web_sys::Blob) -> Result<(), Error> {
        self.handle.send_blob(blob)
    }

    /// Sends any [`Message`], or [`Error::NotOpen`] if the socket is not open.
    ///
    /// ```no_run
    /// use browser_websocket::Message;
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// ws.send(Message::Text("hello".into()))?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn send(&self, message: Message) -> Result<(), Error> {
        self.handle.send_ref(&message)
    }

    /// [`WebSocket::send`] that leaves the message with the caller, to keep it if sending fails.
    pub(crate) fn send_ref(&self, message: &Message) -> Result<(), Error> {
        self.handle.send_ref(message)
    }

    /// Starts closing without a code, as the DOM's `close()` does: the server sees 1005 (no
    /// status). Returns at once; the close event says when it ended. Closing a socket that is
    /// already closing or closed does nothing and is `Ok`; closing one that is still connecting
    /// abandons it (an error and a close event with 1006 follow).
    ///
    /// This thin layer mirrors the DOM; every layer above it (`Connection`, its halves,
    /// `Reconnecting`, the hooks) closes with 1000 instead: see
    /// [the close rule](crate#closing-one-rule-for-every-layer).
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// ws.close()?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn close(&self) -> Result<(), Error> {
        self.handle.close()
    }

    /// Starts closing with a code and a reason. The code must be 1000 or in 3000..=4999
    /// ([`Error::InvalidCloseCode`], checked first), the reason at most 123 bytes of UTF-8
    /// ([`Error::CloseReasonTooLong`]); on either error the socket is untouched. With valid
    /// arguments, closing an already closing or closed socket is `Ok` and does nothing.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// ws.close_with(4000, "logged out")?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn close_with(&self, code: u16, reason: &str) -> Result<(), Error> {
        self.handle.close_with(code, reason)
    }

    /// A cheap, cloneable handle that sends and closes this socket with the same typed checks:
    /// what a callback registered on the socket can hold (the `WebSocket` itself cannot move into
    /// its own callbacks). It does not keep the socket open: once the `WebSocket` is dropped
    /// (which closes it), the handle's sends are `Err(NotOpen(..))`.
    ///
    /// ```no_run
    /// use browser_websocket::WebSocket;
    ///
    /// let ws = WebSocket::open("/echo")?;
    /// let _greet = ws.on_open({
    ///     let ws = ws.handle();
    ///     move || drop(ws.send_text("hello"))
    /// });
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn handle(&self) -> SocketHandle {
        self.handle.clone()
    }

    /// Calls `callback` when the connection opens.
    ///
    /// ```no_run
    /// # fn show(_: impl std::fmt::Debug) {}
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// let _guard = ws.on_open(|| show("open"));
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn on_open(&self, callback: impl FnMut() + 'static) -> Listener {
        self.listeners.insert(self.open_handler(callback))
    }

    /// [`WebSocket::on_open`]'s callback, owned by the caller instead of the socket's registry.
    pub(crate) fn open_handler(&self, mut callback: impl FnMut() + 'static) -> EventHandler {
        self.handler("open", move |_| callback())
    }

    /// Calls `callback` with every message, in arrival order.
    ///
    /// ```no_run
    /// # fn show(_: impl std::fmt::Debug) {}
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// let _guard = ws.on_message(|message| show(message));
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn on_message(&self, callback: impl FnMut(Message) + 'static) -> Listener {
        self.listeners.insert(self.message_handler(callback))
    }

    /// [`WebSocket::on_message`]'s callback, owned by the caller instead of the socket's registry.
    pub(crate) fn message_handler(&self, mut callback: impl FnMut(Message) + 'static) -> EventHandler {
        self.handler("message", move |event| {
            // The browser dispatches only MessageEvents as "message"; reading `data` from any
            // other object gives `undefined`, which `from_js` turns into `None`.
            let event = event.unchecked_ref::<web_sys::MessageEvent>();
            if let Some(message) = Message::from_js(event.data()) {
                callback(message);
            }
        })
    }

    /// Calls `callback` when the connection fails; a close event follows at once, as the
    /// standard requires, except in WebKit when it fails a connection at its socket limit or to a
    /// port it blocks: then the error is all (a [`Connection`](crate::Connection) ends there
    /// with 1006).
    ///
    /// ```no_run
    /// # fn show(_: impl std::fmt::Debug) {}
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// let _guard = ws.on_error(|| show("connection failed"));
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn on_error(&self, callback: impl FnMut() + 'static) -> Listener {
        self.listeners.insert(self.error_handler(callback))
    }

    /// [`WebSocket::on_error`]'s callback, owned by the caller instead of the socket's registry.
    pub(crate) fn error_handler(&self, mut callback: impl FnMut() + 'static) -> EventHandler {
        self.handler("error", move |_| callback())
    }

    /// Calls `callback` when the connection has closed, with the code, reason and cleanliness.
    ///
    /// ```no_run
    /// # fn show(_: impl std::fmt::Debug) {}
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// let _guard = ws.on_close(|event| {
    ///     show(format!("closed: {} {}", event.code, event.reason))
    /// });
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn on_close(&self, callback: impl FnMut(CloseEvent) + 'static) -> Listener {
        self.listeners.insert(self.close_handler(callback))
    }

    /// [`WebSocket::on_close`]'s callback, owned by the caller instead of the socket's registry.
    pub(crate) fn close_handler(&self, mut callback: impl FnMut(CloseEvent) + 'static) -> EventHandler {
        self.handler("close", move |event| {
            if let Some(event) = event.dyn_ref::<web_sys::CloseEvent>() {
                callback(CloseEvent::from_js(event));
            }
        })
    }

    /// Turns this socket into a [`Connection`](crate::Connection) (with the default limits), in any
    /// state. Callbacks registered here stay registered.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// use browser_websocket::{Message, WebSocket};
    /// use futures::SinkExt;
    ///
    /// let mut connection = WebSocket::open("/chat")?.into_connection();
    /// connection.send(Message::Text("sent once open".into())).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn into_connection(self) -> crate::Connection {
        crate::Connection::new(self, crate::DEFAULT_HIGH_WATER_MARK, crate::connection::DEFAULT_LIMITS)
    }

    /// The browser's own object, for what this crate does not wrap. Handlers set through it with
    /// `onmessage` and the like do not disturb the callbacks registered here.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::WebSocket::open("/live")?;
    /// let raw: &web_sys::WebSocket = ws.as_raw();
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn as_raw(&self) -> &web_sys::WebSocket {
        &self.handle.raw
    }

    /// A callback on this socket, removed when the returned handler is dropped: a
    /// [`Connection`](crate::Connection) owns its four this way, outside the registry (whose
    /// bookkeeping, for guards that may outlive or be detached from the socket, it does not need).
    fn handler(&self, event_type: &'static str, callback: impl FnMut(&web_sys::Event) + 'static) -> EventHandler {
        EventHandler::new(&self.handle.raw, event_type, Box::new(callback))
    }
}

/// What the constructor throws after this crate's own checks passed.
fn constructor_error(url: &str, thrown: &JsValue) -> Error {
    let error = JsError::from_js(thrown);
    match error.name.as_str() {
        "SyntaxError" => Error::InvalidUrl(crate::UrlError::Rejected(url.to_owned(), error.message)),
        "SecurityError" => Error::Security(error),
        _ => Error::Js(error),
    }
}

impl Drop for WebSocket {
    fn drop(&mut self) {
        self.listeners.clear();
        if matches!(self.ready_state(), ReadyState::Connecting | ReadyState::Open) {
            // Cannot fail: 1000 is always a valid code.
            let _ = self.handle.raw.close_with_code(1000);
        }
    }
}

impl fmt::Debug for WebSocket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebSocket")
            .field("url", &crate::redact::Shown(&self.url()))
            .field("ready_state", &self.ready_state())
            .field("listeners", &self.listeners.len())
            .finish()
    }
}
