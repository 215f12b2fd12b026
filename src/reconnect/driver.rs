//! The task behind a [`Reconnecting`](crate::Reconnecting) handle: connect, pump messages both
//! ways with a heartbeat, and on a close decide, wait with jittered backoff, and go again.

use core::future::{poll_fn, Future};
use core::pin::Pin;
use core::task::{Context, Poll};
use core::time::Duration;
use std::rc::Rc;

use futures_core::Stream;
use futures_sink::Sink;
use gloo_timers::future::TimeoutFuture;

use super::pause::Pause;
use super::policy::Heartbeat;
use super::shared::Shared;
use super::{Lifecycle, Reconnect};
use crate::timer::millis;
use crate::trace;
use crate::{Builder, CloseEvent, Connect, Connection, Error, Message, DROPPED_REASON};

/// The close code sent, and reported, when the heartbeat finds the connection silent (with
/// [`HEARTBEAT_REASON`]); a reconnect follows.
///
/// ```no_run
/// # async fn demo(live: browser_websocket::Reconnecting) {
/// use browser_websocket::{Lifecycle, HEARTBEAT_CODE};
/// use futures::StreamExt;
/// let mut events = live.events();
/// while let Some(event) = events.next().await {
///     if let Lifecycle::Disconnected(close) = event {
///         let silent = close.code == HEARTBEAT_CODE;
///     }
/// }
/// # }
/// ```
pub const HEARTBEAT_CODE: u16 = 4008;
/// The close reason sent, and reported, with [`HEARTBEAT_CODE`].
///
/// ```
/// assert_eq!(browser_websocket::HEARTBEAT_REASON, "heartbeat timeout");
/// ```
pub const HEARTBEAT_REASON: &str = "heartbeat timeout";

fn event(code: u16, reason: &str) -> CloseEvent {
    CloseEvent { code, reason: reason.to_owned(), was_clean: false }
}

/// The reason reported for an attempt the browser refused to start.
fn refused_reason(error: &Error) -> &'static str {
    match error {
        Error::Security(_) => "the browser refused the WebSocket for security reasons",
        Error::Unsupported => "no browser WebSocket is available here",
        _ => "the browser refused to create the WebSocket",
    }
}

/// How one attempt to connect ended.
enum Attempt {
    /// The connection opened.
    Open(Connection),
    /// It closed before opening (refused, rejected, timed out), with this event.
    Failed(CloseEvent),
    /// The handle was dropped or a close asked for: stop for good, reporting this event.
    Stopped(CloseEvent),
}

/// How an open connection ended.
enum Ending {
    /// By itself (the server, the network, the heartbeat): the policy decides what follows.
    Closed(CloseEvent),
    /// The handle was dropped or a close asked for: stop for good, reporting this event.
    Stopped(CloseEvent),
}

/// Every wait below ends early with `Err(close)` when the handle is dropped or the user asks to
/// close: the driver then stops for good, reporting `close`.
type Stoppable<T> = Result<T, CloseEvent>;

/// Checks what ends everything: the handle dropped, or a close asked for.
fn stop_requested(shared: &Shared) -> Option<CloseEvent> {
    if shared.handle_dropped() {
        return Some(event(1000, DROPPED_REASON));
    }
    shared.close_request().map(|(code, reason)| event(code, &reason))
}

pub(crate) async fn drive(shared: Rc<Shared>, builder: Builder, policy: Reconnect) {
    let pause = (policy.watch)(&policy, &shared);
    let builder = builder.connect_timeout(policy.connect_timeout);
    let min_uptime_ms = policy.min_uptime.as_secs_f64() * 1000.0;
    // Attempts in a row that gave no lasting connection (for giving up), and retries since the
    // last lasting one (for the backoff).
    let mut failures = 0u32;
    let mut retry = 0u32;
    let last = loop {
        if let Err(close) = wait_unpaused(&shared, &pause).await {
            break close;
        }
        shared.emit(Lifecycle::Connecting { attempt: retry });
        let connect = trace::connecting(retry, || builder.clone().connect());
        let (close, lasted) = match attempt(&shared, connect).await {
            Attempt::Stopped(close) => break close,
            Attempt::Failed(close) => {
                trace::failed(retry, &close);
                shared.emit(Lifecycle::Failed(close.clone()));
                (close, false)
            }
            Attempt::Open(connection) => {
                let opened_at = js_sys::Date::now();
                shared.emit(Lifecycle::Connected { protocol: connection.socket().protocol() });
                let ending = run(&shared, connection, policy.heartbeat.as_ref()).await;
                let (Ending::Closed(close) | Ending::Stopped(close)) = &ending;
                shared.emit(Lifecycle::Disconnected(close.clone()));
                match ending {
                    Ending::Stopped(close) => break close,
                    Ending::Closed(close) if !(policy.reconnect_if)(&close) => {
                        trace::stopped(&close);
                        break close;
                    }
                    Ending::Closed(close) => (close, js_sys::Date::now() - opened_at >= min_uptime_ms),
                }
            }
        };
        if lasted {
            (failures, retry) = (0, 0);
        } else {
            failures += 1;
            if policy.max_attempts.is_some_and(|max| failures >= max) {
                trace::gave_up(failures);
                shared.emit(Lifecycle::GaveUp { attempts: failures });
                break close;
            }
        }
        retry += 1;
        let delay = policy.delay(retry, js_sys::Math::random());
        trace::reconnecting(retry, delay, &close);
        shared.emit(Lifecycle::Reconnecting { attempt: retry, delay });
        if let Err(close) = sleep(&shared, &pause, delay).await {
            break close;
        }
    };
    drop(pause);
    shared.end(last);
}

/// The driver of [`Reconnecting::start_once`](super::Reconnecting::start_once): one attempt, the
/// pumps (no heartbeat), the end. The events are those of a policy allowing one attempt.
#[cfg(any(feature = "leptos", feature = "yew", feature = "dioxus", feature = "rpc"))]
pub(crate) async fn drive_once(shared: Rc<Shared>, builder: Builder) {
    shared.emit(Lifecycle::Connecting { attempt: 0 });
    let connect = trace::connecting(0, || builder.connect());
    let last = match attempt(&shared, connect).await {
        Attempt::Stopped(close) => close,
        Attempt::Failed(close) => {
            trace::failed(0, &close);
            shared.emit(Lifecycle::Failed(close.clone()));
            shared.emit(Lifecycle::GaveUp { attempts: 1 });
            close
        }
        Attempt::Open(connection) => {
            shared.emit(Lifecycle::Connected { protocol: connection.socket().protocol() });
            let (Ending::Closed(close) | Ending::Stopped(close)) = run(&shared, connection, None).await;
            shared.emit(Lifecycle::Disconnected(close.clone()));
            close
        }
    };
    shared.end(last);
}

/// Waits while paused (hidden or offline), announcing it once.
async fn wait_unpaused(shared: &Shared, pause: &Pause) -> Stoppable<()> {
    let mut announced = false;
    poll_fn(|cx| {
        if let Some(close) = stop_requested(shared) {
            return Poll::Ready(Err(close));
        }
        if !pause.paused() {
            if announced {
                trace::paused(false);
            }
            return Poll::Ready(Ok(()));
        }
        if !announced {
            announced = true;
            trace::paused(true);
            shared.emit(Lifecycle::Paused);
        }
        shared.park_driver(cx);
        Poll::Pending
    })
    .await
}

/// Waits `delay`, cut short when the page comes back from hidden or offline.
async fn sleep(shared: &Shared, pause: &Pause, delay: Duration) -> Stoppable<()> {
    let mut timer = TimeoutFuture::new(millis(delay));
    let mut was_paused = pause.paused();
    poll_fn(|cx| {
        if let Some(close) = stop_requested(shared) {
            return Poll::Ready(Err(close));
        }
        let paused = pause.paused();
        if was_paused && !paused {
            return Poll::Ready(Ok(()));
        }
        was_paused = paused;
        if Pin::new(&mut timer).poll(cx).is_ready() {
            return Poll::Ready(Ok(()));
        }
        shared.park_driver(cx);
        Poll::Pending
    })
    .await
}

/// One attempt, bounded by the builder's connect timeout.
async fn attempt(shared: &Shared, mut connect: Connect) -> Attempt {
    poll_fn(|cx| {
        if let Some(close) = stop_requested(shared) {
            return Poll::Ready(Attempt::Stopped(close));
        }
        match Pin::new(&mut connect).poll(cx) {
            Poll::Ready(Ok(connection)) => Poll::Ready(Attempt::Open(connection)),
            Poll::Ready(Err(Error::ConnectionFailed(close))) => Poll::Ready(Attempt::Failed(close)),
            // The constructor threw (a `SecurityError`, say): no close event exists, so one is
            // made. A fixed reason, not the error's text: formatting errors (and the URL
            // redaction behind it) would otherwise be in every build that reconnects.
            Poll::Ready(Err(other)) => Poll::Ready(Attempt::Failed(event(1006, refused_reason(&other)))),
            Poll::Pending => {
                shared.park_driver(cx);
                Poll::Pending
            }
        }
    })
    .await
}

/// Pumps messages both ways while connected, until the connection ends or the handle stops it.
async fn run(shared: &Shared, mut connection: Connection, heartbeat: Option<&Heartbeat>) -> Ending {
    let mut beat = heartbeat.map(Beat::new);
    let mut closing = false;
    poll_fn(|cx| {
        if shared.handle_dropped() {
            return Poll::Ready(Ending::Stopped(event(1000, DROPPED_REASON)));
        }
        if let (Some((code, reason)), false) = (shared.close_request(), closing) {
            closing = true;
            // `Reconnecting::close_with` checked the code and reason; the close event that
            // follows ends the stream below.
            let _ = connection.close_with(code, &reason);
        }
        if let Poll::Ready(close) = pump_incoming(shared, &mut connection, beat.as_mut(), cx) {
            return Poll::Ready(if closing { Ending::Stopped(close) } else { Ending::Closed(close) });
        }
        pump_outgoing(shared, &mut connection, cx);
        if let (Some(beat), false) = (beat.as_mut(), closing) {
            if (beat.heartbeat.poll)(beat, &connection, cx).is_ready() {
                trace::heartbeat_timeout(beat.heartbeat.timeout);
                let close = event(HEARTBEAT_CODE, HEARTBEAT_REASON);
                // The server receives this Close frame; its answer is not awaited (it is
                // silent): the socket is abandoned when `connection` is dropped.
                let _ = connection.close_with(close.code, &close.reason);
                return Poll::Ready(Ending::Closed(close));
            }
        }
        shared.park_driver(cx);
        Poll::Pending
    })
    .await
}

/// Moves received messages to the handle while its inbox has room. Ready with the close event
/// once the connection's stream has ended.
fn pump_incoming(
    shared: &Shared,
    connection: &mut Connection,
    mut beat: Option<&mut Beat<'_>>,
    cx: &mut Context<'_>,
) -> Poll<CloseEvent> {
    while shared.inbox_has_room() {
        match Pin::new(&mut *connection).poll_next(cx) {
            Poll::Ready(Some(message)) => {
                if let Some(beat) = beat.as_deref_mut() {
                    beat.heard();
                }
                shared.deliver(message);
            }
            Poll::Ready(None) => return Poll::Ready(connection.closed_now().unwrap_or_else(|| event(1006, ""))),
            // Woken by the next message, or by the handle taking one from a full inbox.
            Poll::Pending => break,
        }
    }
    Poll::Pending
}

/// Where the driver hands queued messages: the connection, or a fake in the host tests.
trait Outlet {
    /// Ready when a message can go now; an error once the connection is closing.
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>>;
    /// Hands `message` to the browser, leaving it with the caller.
    fn send(&mut self, message: &Message) -> Result<(), Error>;
    /// The largest `bufferedAmount` it has seen (for the stats), read when it got ready.
    #[cfg(feature = "stats")]
    fn buffered(&self) -> u64;
}

impl Outlet for Connection {
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Sink::poll_ready(Pin::new(self), cx)
    }

    fn send(&mut self, message: &Message) -> Result<(), Error> {
        self.socket().send_ref(message)
    }

    /// `poll_ready` has just read `bufferedAmount` and kept its peak: no second read per message.
    #[cfg(feature = "stats")]
    fn buffered(&self) -> u64 {
        Connection::peak_buffered_amount(self)
    }
}

/// Hands queued messages to `outlet` while it takes them. A message it refuses (the connection
/// closing under it) goes back to the head of the queue for the next connection; what is still
/// queued when the driver stops for good is reported as [`Lifecycle::Discarded`].
fn pump_outgoing(shared: &Shared, outlet: &mut impl Outlet, cx: &mut Context<'_>) {
    while shared.has_outgoing() {
        // Pending registers the waker (open, drained below the high-water mark); an error means
        // closing, and the close ends this connection's run.
        if !matches!(outlet.poll_ready(cx), Poll::Ready(Ok(()))) {
            return;
        }
        let Some(message) = shared.take_outgoing() else { return };
        #[cfg(feature = "stats")]
        let buffered = outlet.buffered();
        if outlet.send(&message).is_err() {
            shared.requeue(message);
            return;
        }
        #[cfg(feature = "stats")]
        shared.sent(message.byte_len(), buffered);
    }
}

/// The heartbeat's check, [`Beat::poll_silence`]: called through the policy, which names it only
/// when a heartbeat was asked for.
pub(crate) type Silence = for<'a, 'b, 'c, 'd> fn(&'a mut Beat<'b>, &'c Connection, &mut Context<'d>) -> Poll<()>;

/// The heartbeat: a ping every interval, and a check that something arrived within the timeout.
pub(crate) struct Beat<'a> {
    heartbeat: &'a Heartbeat,
    ping: TimeoutFuture,
    check: TimeoutFuture,
    last_heard: f64,
}

impl<'a> Beat<'a> {
    fn new(heartbeat: &'a Heartbeat) -> Self {
        Beat {
            heartbeat,
            ping: TimeoutFuture::new(millis(heartbeat.interval)),
            check: TimeoutFuture::new(millis(heartbeat.timeout)),
            last_heard: js_sys::Date::now(),
        }
    }

    /// Something arrived.
    fn heard(&mut self) {
        self.last_heard = js_sys::Date::now();
    }

    /// Sends the ping when due; Ready once nothing has arrived for the timeout.
    pub(crate) fn poll_silence(&mut self, connection: &Connection, cx: &mut Context<'_>) -> Poll<()> {
        if Pin::new(&mut self.ping).poll(cx).is_ready() {
            // A ping the socket refuses is not retried: it is closing, and the close ends the run.
            let _ = connection.socket().send_ref(&self.heartbeat.message);
            self.ping = TimeoutFuture::new(millis(self.heartbeat.interval));
            // Only registers the new timer's waker: it cannot have fired yet.
            let _ = Pin::new(&mut self.ping).poll(cx);
        }
        if Pin::new(&mut self.check).poll(cx).is_ready() {
            let silent = js_sys::Date::now() - self.last_heard;
            let timeout = self.heartbeat.timeout.as_secs_f64() * 1000.0;
            if silent >= timeout {
                return Poll::Ready(());
            }
            // Float-to-int casts saturate: no overflow whatever the clock says.
            self.check = TimeoutFuture::new((timeout - silent).max(1.0) as u32);
            // Only registers the new timer's waker, as above.
            let _ = Pin::new(&mut self.check).poll(cx);
        }
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconnect::queue::QueueLimits;
    use crate::reconnect::shared::Offer;

    /// Takes `accept` messages, then refuses the next one as a closing socket would.
    struct Refusing {
        accept: usize,
        sent: Vec<Message>,
    }

    impl Outlet for Refusing {
        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Error>> {
            Poll::Ready(Ok(()))
        }

        fn send(&mut self, message: &Message) -> Result<(), Error> {
            if self.sent.len() == self.accept {
                return Err(Error::NotOpen(crate::ReadyState::Closing));
            }
            self.sent.push(message.clone());
            Ok(())
        }

        #[cfg(feature = "stats")]
        fn buffered(&self) -> u64 {
            self.sent.len() as u64 * 100
        }
    }

    #[test]
    fn a_message_the_socket_refuses_stays_queued_in_order_for_the_next_connection() {
        let shared = Shared::default();
        let limits = QueueLimits { messages: 8, bytes: 64 };
        for text in ["a", "b", "c"] {
            assert_eq!(shared.offer(Message::Text(text.into()), limits), Offer::Queued);
        }
        let mut cx = Context::from_waker(core::task::Waker::noop());
        let mut dropping = Refusing { accept: 1, sent: Vec::new() };
        pump_outgoing(&shared, &mut dropping, &mut cx);
        assert_eq!(dropping.sent, [Message::Text("a".into())]);
        #[cfg(feature = "stats")]
        {
            // The refused message is not counted as sent; it waits, with the one after it.
            let stats = shared.stats();
            assert_eq!((stats.messages_sent, stats.bytes_sent, stats.queued_to_send), (1, 1, 2));
        }
        let mut next = Refusing { accept: usize::MAX, sent: Vec::new() };
        pump_outgoing(&shared, &mut next, &mut cx);
        assert_eq!(next.sent, [Message::Text("b".into()), Message::Text("c".into())]);
        assert!(!shared.has_outgoing());
        #[cfg(feature = "stats")]
        {
            let stats = shared.stats();
            assert_eq!((stats.messages_sent, stats.bytes_sent, stats.queued_to_send), (3, 3, 0));
            // Read before each send: 0 before "b", 100 before "c".
            assert_eq!(stats.peak_buffered_amount, 100);
        }
    }
}
