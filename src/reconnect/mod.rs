//! Reconnecting connections: one `Stream`/`Sink` of messages across reconnects, with backoff
//! and jitter, an offline queue, a heartbeat, and lifecycle events.

mod driver;
mod pause;
mod policy;
mod queue;
mod shared;

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use core::time::Duration;
use std::rc::Rc;

use futures_core::{FusedStream, Stream};
use futures_sink::Sink;

pub use self::driver::{HEARTBEAT_CODE, HEARTBEAT_REASON};
pub use self::policy::Reconnect;
use self::queue::QueueLimits;
pub(crate) use self::shared::Observer;
use self::shared::{Offer, Shared};
use crate::{close, Builder, CloseEvent, Error, Message};

/// What happened to a [`Reconnecting`] connection, from [`Reconnecting::events`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Lifecycle {
    /// An attempt starts now: 0 for the first connection, then the retry's number (the one its
    /// [`Lifecycle::Reconnecting`] announced).
    Connecting {
        /// 0, or which retry this is.
        attempt: u32,
    },
    /// An attempt ended before the connection opened (refused, handshake rejected, timed out),
    /// with its close event. An attempt the browser refused to start (its constructor threw a
    /// `SecurityError`, say) reads as 1006 with a fixed reason naming the case.
    Failed(CloseEvent),
    /// Open (again), with the protocol the server selected.
    Connected {
        /// The selected subprotocol, or empty.
        protocol: String,
    },
    /// An open connection ended, with its close event.
    Disconnected(CloseEvent),
    /// The next attempt starts after `delay`. Attempts are counted from 1 again only after a
    /// connection stayed open for [`Reconnect::min_uptime`]; the delay grows with the count.
    Reconnecting {
        /// Which retry this is.
        attempt: u32,
        /// The jittered wait before it.
        delay: Duration,
    },
    /// No attempt until the page is visible and the browser online again.
    Paused,
    /// This many attempts in a row failed (or opened but did not stay open for
    /// [`Reconnect::min_uptime`]): no more.
    GaveUp {
        /// The failed attempts.
        attempts: u32,
    },
    /// It ended with this many messages still queued; they were never sent.
    Discarded {
        /// The messages dropped from the offline queue.
        messages: usize,
    },
}

/// A connection that reconnects: a [`Stream`] of every message received across reconnects, a
/// [`Sink`] whose messages wait in an offline queue while disconnected and go out in order after
/// reconnecting, and a stream of [`Lifecycle`] events. See [`Reconnect`] for the policy.
///
/// It ends (the stream yields `None`, [`Reconnecting::closed`] resolves) when you close it, when
/// the policy decides a close is final, or when it gives up. Closing follows
/// [the close rule](crate#closing-one-rule-for-every-layer): `close()` (the Sink's,
/// `SinkExt::close`) closes for good with 1000 and waits for the end;
/// [`close_with`](Reconnecting::close_with) sends your code and reason and does not wait. Dropping
/// it closes the socket. Each reconnect builds a fresh socket and frees the previous one's
/// callbacks.
///
/// Delivery: messages still queued are sent after reconnecting; a message already handed to the
/// browser when the connection dropped may be lost with it (the browser cannot say), exactly as
/// with a plain socket.
///
/// ```no_run
/// # async fn demo() -> Result<(), browser_websocket::Error> {
/// use browser_websocket::{Connection, Lifecycle, Message, Reconnect};
/// use futures::{SinkExt, StreamExt};
///
/// let mut live = Connection::builder("/live").reconnect(Reconnect::default())?;
/// let mut events = live.events();
/// wasm_bindgen_futures::spawn_local(async move {
///     while let Some(event) = events.next().await {
///         if let Lifecycle::Reconnecting { attempt, delay } = event { /* show a banner */ }
///     }
/// });
/// live.send(Message::Text("subscribe".into())).await?; // queued until connected
/// while let Some(message) = live.next().await { /* ... */ }
/// # Ok(())
/// # }
/// ```
pub struct Reconnecting {
    shared: Rc<Shared>,
    queue: QueueLimits,
    /// The `Sink`'s one message waiting for room in the queue.
    waiting: Option<Message>,
}

impl Reconnecting {
    pub(crate) fn start(builder: Builder, policy: Reconnect, observer: Option<Box<dyn Observer>>) -> Reconnecting {
        let shared = Rc::new(Shared::observed(observer));
        let reconnecting = Reconnecting { shared: shared.clone(), queue: policy.queue, waiting: None };
        let span = crate::trace::Driver::new(builder.url());
        wasm_bindgen_futures::spawn_local(span.instrument(driver::drive(shared, builder, policy)));
        reconnecting
    }

    /// One connection that is never retried, behind the same handle (the hooks without a
    /// policy): its driver has no backoff, heartbeat or pausing, so a build that never asks for
    /// reconnecting does not carry them. The queue and the connect timeout are the default
    /// policy's; a failed attempt ends it as a policy of one attempt would (`GaveUp`).
    #[cfg(any(feature = "leptos", feature = "yew", feature = "dioxus", feature = "rpc"))]
    pub(crate) fn start_once(builder: Builder, observer: Box<dyn Observer>) -> Reconnecting {
        let defaults = Reconnect::default();
        let shared = Rc::new(Shared::observed(Some(observer)));
        let reconnecting = Reconnecting { shared: shared.clone(), queue: defaults.queue, waiting: None };
        let builder = builder.connect_timeout(defaults.connect_timeout);
        let span = crate::trace::Driver::new(builder.url());
        wasm_bindgen_futures::spawn_local(span.instrument(driver::drive_once(shared, builder)));
        reconnecting
    }

    /// The [`Lifecycle`] events, in order (read them from one place; at most 256 wait).
    ///
    /// ```no_run
    /// # async fn demo(live: browser_websocket::Reconnecting) {
    /// use futures::StreamExt;
    /// let mut events = live.events();
    /// while let Some(event) = events.next().await { /* ... */ }
    /// # }
    /// ```
    pub fn events(&self) -> Events {
        Events { shared: self.shared.clone() }
    }

    /// The received messages as a stream of their own, for when the handle stays with the code
    /// that sends (a UI hook, say). It is the same stream as the handle's: read from one place.
    ///
    /// ```no_run
    /// # async fn demo(live: browser_websocket::Reconnecting) {
    /// use futures::StreamExt;
    /// let mut messages = live.messages();
    /// while let Some(message) = messages.next().await { /* ... */ }
    /// # }
    /// ```
    pub fn messages(&self) -> Messages {
        Messages { shared: self.shared.clone() }
    }

    /// This connection sending `Tx` and receiving `Rx` through the codec `C` (feature `codec`):
    /// see [`Typed`](crate::Typed). The offline queue holds the encoded messages.
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), browser_websocket::Error> {
    /// use browser_websocket::{Connection, Reconnect};
    /// use browser_websocket::codee::string::JsonSerdeCodec;
    ///
    /// let live = Connection::builder("/live").reconnect(Reconnect::default())?
    ///     .typed::<Vec<String>, (String, f64), JsonSerdeCodec>();
    /// # Ok(())
    /// # }
    /// ```
    #[cfg(feature = "codec")]
    #[cfg_attr(docsrs, doc(cfg(feature = "codec")))]
    pub fn typed<Tx, Rx, C>(self) -> crate::Typed<Self, Tx, Rx, C> {
        crate::Typed::new(self)
    }

    /// Queues a message without waiting: [`Error::QueueFull`] when the offline queue has no room
    /// for it now (or never will: a message larger than the whole queue), [`Error::NotOpen`] once
    /// it has ended or is closing. The `Sink` waits for room instead.
    ///
    /// ```no_run
    /// # fn demo(live: &browser_websocket::Reconnecting) -> Result<(), browser_websocket::Error> {
    /// live.try_send("ping".into())?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn try_send(&self, message: Message) -> Result<(), Error> {
        match self.shared.offer(message, self.queue) {
            Offer::Queued => Ok(()),
            Offer::Wait(_) => Err(Error::QueueFull),
            Offer::Refused(error) => Err(error),
        }
    }

    /// Moves the `Sink`'s waiting message into the queue once there is room.
    fn poll_waiting(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        let Some(message) = self.waiting.take() else { return Poll::Ready(Ok(())) };
        match self.shared.offer(message, self.queue) {
            Offer::Queued => Poll::Ready(Ok(())),
            Offer::Wait(message) => {
                self.waiting = Some(message);
                // Woken when the driver takes a message from the queue, or at the end.
                self.shared.park_sender(cx);
                Poll::Pending
            }
            Offer::Refused(error) => Poll::Ready(Err(error)),
        }
    }

    /// Closes for good with a code (1000 or 3000..=4999) and reason (at most 123 bytes), checked
    /// first, and does not wait ([`closed`](Reconnecting::closed) does): no reconnect follows.
    /// `SinkExt::close` closes with 1000 and waits.
    ///
    /// ```no_run
    /// # fn demo(live: &browser_websocket::Reconnecting) -> Result<(), browser_websocket::Error> {
    /// live.close_with(1000, "logged out")?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn close_with(&self, code: u16, reason: &str) -> Result<(), Error> {
        close::validate(code, reason)?;
        self.shared.request_close(code, reason);
        Ok(())
    }

    /// Resolves when it has ended for good, with the last close event.
    ///
    /// ```no_run
    /// # async fn demo(live: browser_websocket::Reconnecting) {
    /// let last = live.closed().await;
    /// # }
    /// ```
    pub fn closed(&self) -> impl Future<Output = CloseEvent> + 'static {
        let shared = self.shared.clone();
        core::future::poll_fn(move |cx| shared.poll_ended(cx))
    }

    /// What it has moved so far, over every connection it made (feature `stats`): see
    /// [`Stats`](crate::Stats). `queued_to_send` is the offline queue, `queued_to_read` what
    /// waits for your code here; `reconnects` counts the waits before a new attempt.
    ///
    /// ```no_run
    /// # fn demo(live: &browser_websocket::Reconnecting) {
    /// let stats = live.stats();
    /// let waiting = stats.queued_to_send;
    /// let flaky = stats.reconnects > 10;
    /// # }
    /// ```
    #[cfg(feature = "stats")]
    #[cfg_attr(docsrs, doc(cfg(feature = "stats")))]
    pub fn stats(&self) -> crate::Stats {
        self.shared.stats()
    }
}

impl Stream for Reconnecting {
    type Item = Message;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Message>> {
        self.shared.poll_next(cx)
    }
}

impl FusedStream for Reconnecting {
    fn is_terminated(&self) -> bool {
        self.shared.has_ended()
    }
}

/// `send` waits while the offline queue has no room for the message, and fails with
/// [`Error::QueueFull`] at once only for a message larger than the whole queue; once it has
/// ended or is closing, with [`Error::NotOpen`]. A message is "sent" once it is in the queue.
impl Sink<Message> for Reconnecting {
    type Error = Error;

    /// Waits until an earlier message that had to wait is in the queue.
    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        let this = self.get_mut();
        core::task::ready!(this.poll_waiting(cx))?;
        if this.shared.has_ended() {
            return Poll::Ready(Err(Error::NotOpen(crate::ReadyState::Closed)));
        }
        Poll::Ready(Ok(()))
    }

    /// Queues the message, or keeps it until there is room (see `poll_flush`).
    fn start_send(self: Pin<&mut Self>, message: Message) -> Result<(), Error> {
        let this = self.get_mut();
        match this.shared.offer(message, this.queue) {
            Offer::Queued => Ok(()),
            Offer::Wait(message) => {
                this.waiting = Some(message);
                Ok(())
            }
            Offer::Refused(error) => Err(error),
        }
    }

    /// Waits until the message is in the queue.
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.get_mut().poll_waiting(cx)
    }

    /// Queues a waiting message, then closes for good with 1000 and resolves once it has ended.
    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        let this = self.get_mut();
        core::task::ready!(this.poll_waiting(cx))?;
        this.shared.request_close(1000, "");
        this.shared.poll_ended(cx).map(|_| Ok(()))
    }
}

impl Drop for Reconnecting {
    fn drop(&mut self) {
        self.shared.drop_handle();
    }
}

impl fmt::Debug for Reconnecting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reconnecting").field("ended", &self.shared.has_ended()).finish_non_exhaustive()
    }
}

/// The messages of a [`Reconnecting`] connection, from [`Reconnecting::messages`], ending when
/// it ends.
///
/// ```no_run
/// # async fn demo(live: browser_websocket::Reconnecting) {
/// use futures::StreamExt;
/// let first = live.messages().next().await;
/// # }
/// ```
pub struct Messages {
    shared: Rc<Shared>,
}

impl Stream for Messages {
    type Item = Message;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Message>> {
        self.shared.poll_next(cx)
    }
}

impl fmt::Debug for Messages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Messages").finish_non_exhaustive()
    }
}

/// The [`Lifecycle`] events of a [`Reconnecting`] connection, ending when it ends.
///
/// ```no_run
/// # async fn demo(live: browser_websocket::Reconnecting) {
/// use futures::StreamExt;
/// let events: Vec<_> = live.events().collect().await;
/// # }
/// ```
pub struct Events {
    shared: Rc<Shared>,
}

impl Stream for Events {
    type Item = Lifecycle;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Lifecycle>> {
        self.shared.poll_event(cx)
    }
}

impl fmt::Debug for Events {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Events").finish_non_exhaustive()
    }
}
