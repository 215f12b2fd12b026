//! [`Connection`]: the async layer, a [`Stream`] and [`Sink`] of [`Message`]s.

mod burst;
mod closed;
mod connect;
mod core;
mod drained;
#[cfg(feature = "io")]
mod io;
mod limits;
mod split;
mod state;

use ::core::fmt;
use ::core::pin::Pin;
use ::core::task::{Context, Poll};

use futures_core::{FusedStream, Stream};
use futures_sink::Sink;

pub use self::closed::Closed;
pub use self::connect::{Connect, CONNECT_TIMEOUT_REASON, UNOFFERED_PROTOCOL_REASON};
pub use self::drained::Drained;
pub(crate) use self::limits::{Limits, DEFAULT_LIMITS};
pub use self::limits::{DEFAULT_RECEIVE_BYTES, DEFAULT_RECEIVE_MESSAGES};
pub use self::split::{Receiver, Sender};
pub use self::state::{OVERFLOW_CODE, OVERFLOW_REASON};
use crate::{Error, Message, WebSocket};

/// A WebSocket as a [`Stream`] of received [`Message`]s and a [`Sink`] for sending them.
///
/// - **Nothing is lost or reordered.** Messages are queued from the moment the socket exists, so
///   none is missed however late the first poll comes; text, binary and Blob messages keep their
///   arrival order, and the stream ends (`None`) only after the last of them, at the close.
/// - **Sending waits** while the socket is connecting and while the browser's `bufferedAmount` is
///   above the high-water mark ([`Builder::high_water_mark`](crate::Builder::high_water_mark),
///   default 1 MiB), and fails with [`Error::NotOpen`] once closing or closed.
/// - **The receive buffer is bounded** ([`Builder::receive_buffer`](crate::Builder::receive_buffer),
///   default 16,384 messages or 64 MiB). A message that takes it past either limit is still
///   kept, and the connection is closed with code [`OVERFLOW_CODE`] (4009) and reason
///   [`OVERFLOW_REASON`]; [`Connection::closed`] then reports that code and reason, whatever the
///   server answered. Nothing already received is dropped; memory stays bounded.
/// - **Dropping** the connection (or both halves of [`Connection::split`]) closes the socket with
///   1000 and frees every callback; pending futures resolve.
/// - **Closing** follows [the close rule](crate#closing-one-rule-for-every-layer): `close()`
///   (the Sink's, `SinkExt::close`) sends 1000 and waits for the close event;
///   [`close_with`](Connection::close_with) sends your code and reason and does not wait
///   ([`closed`](Connection::closed) does). Only the thin [`WebSocket`] under
///   [`socket()`](Connection::socket) closes without a code, as the DOM does.
///
/// ```no_run
/// # async fn demo() -> Result<(), browser_websocket::Error> {
/// use browser_websocket::{Connection, Message};
/// use futures::{SinkExt, StreamExt};
///
/// let mut connection = Connection::connect("wss://example.com/echo").await?;
/// connection.send(Message::Text("hello".into())).await?;
/// while let Some(message) = connection.next().await {
///     if let Message::Text(text) = message {
///         // ...
///     }
/// }
/// let event = connection.closed().await;
/// # Ok(())
/// # }
/// ```
pub struct Connection {
    sender: Sender,
    receiver: Receiver,
}

impl Connection {
    /// Opens `url` and resolves once open, or with [`Error::ConnectionFailed`] if it closed first
    /// (refused, rejected handshake). The socket starts connecting at once, before the first poll.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// use browser_websocket::{Connection, Error};
    ///
    /// match Connection::connect("/live").await {
    ///     Ok(connection) => { /* ... */ }
    ///     Err(Error::ConnectionFailed(event)) => { /* event.code is 1006 */ }
    ///     Err(other) => return Err(other),
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn connect(url: &str) -> Connect {
        Connect::new(WebSocket::open(url).map(WebSocket::into_connection))
    }

    pub(crate) fn new(socket: WebSocket, high_water_mark: u64, limits: Limits) -> Connection {
        let core = self::core::Core::new(socket, high_water_mark, limits);
        let receiver = Receiver {
            core: core.clone(),
            #[cfg(feature = "io")]
            read_buffer: Default::default(),
        };
        Connection { sender: Sender { core }, receiver }
    }

    /// The underlying socket, for its live state, protocol and `bufferedAmount`.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// let connection = browser_websocket::Connection::connect("/rpc").await?;
    /// let protocol = connection.socket().protocol();
    /// # Ok(())
    /// # }
    /// ```
    pub fn socket(&self) -> &WebSocket {
        self.sender.socket()
    }

    /// What this connection has moved so far (feature `stats`): see [`Stats`](crate::Stats).
    /// Its halves, after [`Connection::split`], read the same counters.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// let connection = browser_websocket::Connection::connect("/feed").await?;
    /// let behind = connection.stats().queued_to_read;
    /// # Ok(())
    /// # }
    /// ```
    #[cfg(feature = "stats")]
    #[cfg_attr(docsrs, doc(cfg(feature = "stats")))]
    pub fn stats(&self) -> crate::Stats {
        self.sender.core.state.stats()
    }

    /// The largest `bufferedAmount` seen when sending, without a snapshot's clock read.
    #[cfg(feature = "stats")]
    pub(crate) fn peak_buffered_amount(&self) -> u64 {
        self.sender.core.state.peak_buffered_amount()
    }

    /// Resolves with the close event: see [`Closed`].
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// let connection = browser_websocket::Connection::connect("/live").await?;
    /// let event = connection.closed().await;
    /// # Ok(())
    /// # }
    /// ```
    pub fn closed(&self) -> Closed {
        self.sender.closed()
    }

    /// Resolves once everything sent has been transmitted: see [`Drained`].
    ///
    /// ```no_run
    /// # async fn demo(connection: browser_websocket::Connection) -> Result<(), browser_websocket::Error> {
    /// connection.drained().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn drained(&self) -> Drained {
        self.sender.drained()
    }

    /// Starts closing with a code and a reason, checked first (see [`WebSocket::close_with`]),
    /// and does not wait: [`closed`](Connection::closed) resolves at the close event.
    /// `SinkExt::close` closes with 1000 and waits.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// let connection = browser_websocket::Connection::connect("/live").await?;
    /// connection.close_with(4000, "done")?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn close_with(&self, code: u16, reason: &str) -> Result<(), Error> {
        self.sender.close_with(code, reason)
    }

    /// A [`Builder`](crate::Builder), as [`WebSocket::builder`]: for options, and for
    /// [`Builder::reconnect`](crate::Builder::reconnect).
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// use browser_websocket::{Connection, Reconnect};
    /// let live = Connection::builder("/live").reconnect(Reconnect::default())?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn builder(url: &str) -> crate::Builder {
        WebSocket::builder(url)
    }

    /// The close event, if it has come (or the connection was dropped).
    pub(crate) fn closed_now(&self) -> Option<crate::CloseEvent> {
        self.sender.core.state.close_event()
    }

    /// This connection sending `Tx` and receiving `Rx` through the codec `C` (feature `codec`):
    /// see [`Typed`](crate::Typed). To type the halves separately, split first and call their
    /// `typed`.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// use browser_websocket::codee::string::JsonSerdeCodec;
    /// use futures::{SinkExt, StreamExt};
    ///
    /// let mut rpc = browser_websocket::Connection::connect("/rpc").await?
    ///     .typed::<(String, u32), Result<u32, String>, JsonSerdeCodec>();
    /// rpc.send(("square".into(), 12)).await?;
    /// let answer = rpc.next().await;
    /// # Ok(())
    /// # }
    /// ```
    #[cfg(feature = "codec")]
    #[cfg_attr(docsrs, doc(cfg(feature = "codec")))]
    pub fn typed<Tx, Rx, C>(self) -> crate::Typed<Self, Tx, Rx, C> {
        crate::Typed::new(self)
    }

    /// Splits into a [`Sender`] and a [`Receiver`] for use from different tasks.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// use futures::{SinkExt, StreamExt};
    ///
    /// let (mut sender, mut receiver) = browser_websocket::Connection::connect("/echo").await?.split();
    /// wasm_bindgen_futures::spawn_local(async move {
    ///     while let Some(message) = receiver.next().await { /* ... */ }
    /// });
    /// sender.send("hello".into()).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn split(self) -> (Sender, Receiver) {
        (self.sender, self.receiver)
    }
}

impl Stream for Connection {
    type Item = Message;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Message>> {
        Pin::new(&mut self.receiver).poll_next(cx)
    }
}

impl FusedStream for Connection {
    fn is_terminated(&self) -> bool {
        self.receiver.is_terminated()
    }
}

impl Sink<Message> for Connection {
    type Error = Error;

    fn poll_ready(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Pin::new(&mut self.sender).poll_ready(cx)
    }

    fn start_send(mut self: Pin<&mut Self>, message: Message) -> Result<(), Error> {
        Pin::new(&mut self.sender).start_send(message)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Pin::new(&mut self.sender).poll_flush(cx)
    }

    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Pin::new(&mut self.sender).poll_close(cx)
    }
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection").field("socket", self.socket()).finish()
    }
}
