//! [`Sender`] and [`Receiver`]: the two halves of a [`Connection`](crate::Connection), usable
//! from different tasks. Either can close the connection and await its close.

use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::rc::Rc;

use futures_core::{FusedStream, Stream};
use futures_sink::Sink;

use super::closed::Closed;
use super::core::Core;
use super::drained::Drained;
use crate::{Error, Message, WebSocket};

/// The sending half: a [`Sink`] of [`Message`]s with backpressure.
///
/// `poll_ready` waits while the socket is connecting and while the browser's `bufferedAmount` is
/// above the high-water mark ([`Builder::high_water_mark`](crate::Builder::high_water_mark)); once
/// the connection is closing or closed it fails with [`Error::NotOpen`]. Messages go to the
/// browser in `start_send`, so `poll_flush` has nothing to wait for; `poll_close` (`SinkExt::close`)
/// closes with 1000 and resolves at the close event, as
/// [the close rule](crate#closing-one-rule-for-every-layer) says for every layer above the thin one.
///
/// ```no_run
/// # async fn demo() -> Result<(), browser_websocket::Error> {
/// use browser_websocket::{Connection, Message};
/// use futures::SinkExt;
///
/// let (mut sender, receiver) = Connection::connect("/chat").await?.split();
/// sender.send(Message::Text("hello".into())).await?;
/// sender.close_with(4000, "bye")?;
/// # Ok(())
/// # }
/// ```
pub struct Sender {
    pub(crate) core: Rc<Core>,
}

/// The receiving half: a [`Stream`] of every [`Message`] in arrival order, ending (`None`) after
/// the close. Dropping it discards messages that arrive later.
///
/// ```no_run
/// # async fn demo() -> Result<(), browser_websocket::Error> {
/// use browser_websocket::Connection;
/// use futures::StreamExt;
///
/// let (sender, mut receiver) = Connection::connect("/feed").await?.split();
/// while let Some(message) = receiver.next().await {
///     // ...
/// }
/// let event = receiver.closed().await;
/// # Ok(())
/// # }
/// ```
pub struct Receiver {
    pub(crate) core: Rc<Core>,
    #[cfg(feature = "io")]
    pub(crate) read_buffer: super::io::ReadBuffer,
}

impl Sender {
    /// Starts closing with a code (1000 or 3000..=4999) and a reason (at most 123 bytes):
    /// see [`WebSocket::close_with`].
    ///
    /// ```no_run
    /// # fn demo(sender: &browser_websocket::Sender) -> Result<(), browser_websocket::Error> {
    /// sender.close_with(4000, "logged out")?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn close_with(&self, code: u16, reason: &str) -> Result<(), Error> {
        self.core.socket.close_with(code, reason)
    }

    /// Resolves with the close event: see [`Closed`].
    ///
    /// ```no_run
    /// # async fn demo(sender: &browser_websocket::Sender) {
    /// let event = sender.closed().await;
    /// # }
    /// ```
    pub fn closed(&self) -> Closed {
        Closed::new(self.core.state.clone())
    }

    /// Resolves once everything sent has been transmitted: see [`Drained`].
    ///
    /// ```no_run
    /// # async fn demo(sender: &browser_websocket::Sender) -> Result<(), browser_websocket::Error> {
    /// sender.drained().await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn drained(&self) -> Drained {
        Drained::new(self.core.clone())
    }

    /// The underlying socket, for its live state and `bufferedAmount`.
    ///
    /// ```no_run
    /// # fn demo(sender: &browser_websocket::Sender) {
    /// let backlog = sender.socket().buffered_amount();
    /// # }
    /// ```
    pub fn socket(&self) -> &WebSocket {
        &self.core.socket
    }

    /// The connection's counters (feature `stats`), the same for both halves: see
    /// [`Connection::stats`](crate::Connection::stats).
    #[cfg(feature = "stats")]
    #[cfg_attr(docsrs, doc(cfg(feature = "stats")))]
    pub fn stats(&self) -> crate::Stats {
        self.core.state.stats()
    }
}

impl Sender {
    /// This half sending `Tx` through the codec `C` (feature `codec`): see
    /// [`Typed`](crate::Typed).
    ///
    /// ```no_run
    /// # async fn demo(sender: browser_websocket::Sender) -> Result<(), browser_websocket::Error> {
    /// use browser_websocket::codee::binary::MsgpackSerdeCodec;
    /// use futures::SinkExt;
    ///
    /// let mut positions = sender.typed::<(f32, f32), MsgpackSerdeCodec>();
    /// positions.send((0.5, 1.5)).await?;
    /// # Ok(())
    /// # }
    /// ```
    #[cfg(feature = "codec")]
    #[cfg_attr(docsrs, doc(cfg(feature = "codec")))]
    pub fn typed<Tx, C>(self) -> crate::Typed<Self, Tx, (), C> {
        crate::Typed::new(self)
    }
}

impl Receiver {
    /// This half receiving `Rx` through the codec `C` (feature `codec`): see
    /// [`Typed`](crate::Typed).
    ///
    /// ```no_run
    /// # async fn demo(receiver: browser_websocket::Receiver) {
    /// use browser_websocket::codee::string::JsonSerdeCodec;
    /// use futures::StreamExt;
    ///
    /// let mut prices = receiver.typed::<(String, f64), JsonSerdeCodec>();
    /// while let Some(price) = prices.next().await { /* Ok((symbol, price)) or Err(DecodeError) */ }
    /// # }
    /// ```
    #[cfg(feature = "codec")]
    #[cfg_attr(docsrs, doc(cfg(feature = "codec")))]
    pub fn typed<Rx, C>(self) -> crate::Typed<Self, (), Rx, C> {
        crate::Typed::new(self)
    }
}

impl Receiver {
    /// Starts closing with a code and a reason: see [`WebSocket::close_with`].
    ///
    /// ```no_run
    /// # fn demo(receiver: &browser_websocket::Receiver) -> Result<(), browser_websocket::Error> {
    /// receiver.close_with(1000, "")?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn close_with(&self, code: u16, reason: &str) -> Result<(), Error> {
        self.core.socket.close_with(code, reason)
    }

    /// Resolves with the close event: see [`Closed`].
    ///
    /// ```no_run
    /// # async fn demo(receiver: &browser_websocket::Receiver) {
    /// let event = receiver.closed().await;
    /// # }
    /// ```
    pub fn closed(&self) -> Closed {
        Closed::new(self.core.state.clone())
    }

    /// The underlying socket, for its live state.
    ///
    /// ```no_run
    /// # fn demo(receiver: &browser_websocket::Receiver) {
    /// let state = receiver.socket().ready_state();
    /// # }
    /// ```
    pub fn socket(&self) -> &WebSocket {
        &self.core.socket
    }

    /// The connection's counters (feature `stats`), the same for both halves: see
    /// [`Connection::stats`](crate::Connection::stats).
    #[cfg(feature = "stats")]
    #[cfg_attr(docsrs, doc(cfg(feature = "stats")))]
    pub fn stats(&self) -> crate::Stats {
        self.core.state.stats()
    }
}

impl Sink<Message> for Sender {
    type Error = Error;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.core.poll_ready(cx)
    }

    fn start_send(self: Pin<&mut Self>, message: Message) -> Result<(), Error> {
        self.core.start_send(message)
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Poll::Ready(Ok(()))
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.core.poll_close(cx)
    }
}

impl Stream for Receiver {
    type Item = Message;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Message>> {
        self.core.state.poll_next(cx)
    }
}

impl FusedStream for Receiver {
    fn is_terminated(&self) -> bool {
        self.core.state.is_drained()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.core.state.stop_receiving();
    }
}

impl fmt::Debug for Sender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sender").field("socket", &self.core.socket).finish()
    }
}

impl fmt::Debug for Receiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver").field("socket", &self.core.socket).finish()
    }
}
