//! [`Typed`]: any of this crate's message streams and sinks, carrying your own types.

use core::fmt::{self, Display};
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};

use codee::{Decoder, Encoder};
use futures_core::{FusedStream, Stream};
use futures_sink::Sink;

use super::Payload;
use crate::{DecodeError, Error, Message};

/// (Feature `codec`.) A [`Connection`](crate::Connection), one of its halves, or a
/// [`Reconnecting`](crate::Reconnecting) connection, sending `Tx` and receiving `Rx` through the
/// codec `C` (feature `codec`). Made by their `typed` methods, or by [`Typed::new`] around any
/// `Stream` of [`Message`]s or `Sink` of them.
///
/// - As a `Sink<Tx>`, it encodes each value (text messages for a codec that writes strings, binary
///   for one that writes bytes) and sends it with the inner sink's backpressure; a value the codec
///   cannot encode fails that send with [`Error::Encode`] and nothing is sent.
/// - As a `Stream<Item = Result<Rx, DecodeError>>`, it decodes each message. A message the codec
///   cannot read (the other kind, or a malformed payload) is yielded as an `Err` and the stream
///   goes on with the next one: nothing is dropped silently and the connection stays open. To
///   close on bad input, call `close_with` with a code of your own (3000..=4999): browsers may
///   not send 1007 themselves.
///
/// ```no_run
/// # async fn demo() -> Result<(), browser_websocket::Error> {
/// use browser_websocket::Connection;
/// use browser_websocket::codee::string::JsonSerdeCodec;
/// use futures::{SinkExt, StreamExt};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Serialize, Deserialize)]
/// struct Line { nick: String, text: String }
///
/// let mut chat = Connection::connect("/chat").await?.typed::<Line, Line, JsonSerdeCodec>();
/// chat.send(Line { nick: "ana".into(), text: "hi".into() }).await?;
/// while let Some(line) = chat.next().await {
///     match line {
///         Ok(line) => println!("{}: {}", line.nick, line.text),
///         Err(error) => println!("skipped a message: {error}"),
///     }
/// }
/// # Ok(())
/// # }
/// ```
pub struct Typed<S, Tx, Rx, C> {
    inner: S,
    codec: Types<Tx, Rx, C>,
}

/// The types a [`Typed`] encodes and decodes, held as a function's so that they do not change
/// whether it is `Send`, `Sync` or `Unpin`.
type Types<Tx, Rx, C> = PhantomData<fn(&Tx) -> (Rx, C)>;

impl<S, Tx, Rx, C> Typed<S, Tx, Rx, C> {
    /// Wraps `inner`, a `Stream` of [`Message`]s, a `Sink` of them, or both.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), browser_websocket::Error> {
    /// use browser_websocket::{Connection, Typed};
    /// use browser_websocket::codee::binary::MsgpackSerdeCodec;
    ///
    /// let live = Connection::builder("/ticks").reconnect(Default::default())?;
    /// let ticks: Typed<_, (), (u64, f64), MsgpackSerdeCodec> = Typed::new(live.messages());
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(inner: S) -> Self {
        Typed { inner, codec: PhantomData }
    }

    /// The connection inside, for `close_with`, `closed()` and the like.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// The connection inside, mutably.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// The connection inside, untyped again.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S: fmt::Debug, Tx, Rx, C> fmt::Debug for Typed<S, Tx, Rx, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Typed").field(&self.inner).finish()
    }
}

impl<S, Tx, Rx, C> Stream for Typed<S, Tx, Rx, C>
where
    S: Stream<Item = Message> + Unpin,
    C: Decoder<Rx>,
    C::Encoded: Payload,
    C::Error: Display,
{
    type Item = Result<Rx, DecodeError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let next = Pin::new(&mut self.inner).poll_next(cx);
        next.map(|message| message.map(|message| message.decode::<C, Rx>()))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<S, Tx, Rx, C> FusedStream for Typed<S, Tx, Rx, C>
where
    Self: Stream,
    S: FusedStream,
{
    fn is_terminated(&self) -> bool {
        self.inner.is_terminated()
    }
}

impl<S, Tx, Rx, C> Sink<Tx> for Typed<S, Tx, Rx, C>
where
    S: Sink<Message, Error = Error> + Unpin,
    C: Encoder<Tx>,
    C::Encoded: Into<Message>,
    C::Error: Display,
{
    type Error = Error;

    fn poll_ready(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Pin::new(&mut self.inner).poll_ready(cx)
    }

    fn start_send(mut self: Pin<&mut Self>, value: Tx) -> Result<(), Error> {
        let message = Message::encode::<C, Tx>(&value)?;
        Pin::new(&mut self.inner).start_send(message)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Pin::new(&mut self.inner).poll_close(cx)
    }
}
