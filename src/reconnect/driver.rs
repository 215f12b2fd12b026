//! The task behind a [`Reconnecting`](crate::Reconnecting) handle: connect, pump messages both
//! ways with a heartbeat, and on a close decide, wait with jittered backoff, and go again.

use core::future::{poll_fn, Future};
use core::pin::Pin;
use core::task::Poll;
use core::time::Duration;
use std::rc::Rc;

use futures_core::Stream;
use futures_sink::Sink;
use gloo_timers::future::TimeoutFuture;

use super::pause::Pause;
use super::policy::Heartbeat;
use super::shared::Shared;
use super::{Lifecycle, Reconnect};
use crate::connection::millis;
use crate::{Builder, CloseEvent, Connect, Connection, Error};

/// The close code reported when the heartbeat finds the connection silent (reason
/// "heartbeat timeout"); a reconnect follows.
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
const HEARTBEAT_REASON: &str = "heartbeat timeout";

fn event(code: u16, reason: &str) -> CloseEvent {
    CloseEvent { code, reason: reason.to_owned(), was_clean: false }
}

/// Every wait below ends early with `Err(close)` when the handle is dropped or the user asks to
/// close: the driver then stops for good, reporting `close`.
type Stoppable<T> = Result<T, CloseEvent>;

/// Checks what ends everything: the handle dropped, or a close asked for.
fn stop_requested(shared: &Shared) -> Option<CloseEvent> {
    if shared.handle_dropped() {
        return Some(event(1000, crate::connection::DROPPED_REASON));
    }
    shared.close_request().map(|(code, reason)| event(code, &reason))
}

pub(crate) async fn drive(shared: Rc<Shared>, builder: Builder, policy: Reconnect) {
    let pause = Pause::watch(&policy, &shared);
    let builder = builder.connect_timeout(policy.connect_timeout);
    // Failed attempts in a row (for giving up), and retries since the last open connection.
    let mut failures = 0u32;
    let mut retry = 0u32;
    let last = loop {
        if let Err(close) = wait_unpaused(&shared, &pause).await {
            break close;
        }
        let connect = builder.clone().connect();
        match attempt(&shared, connect).await {
            Err(close) => break close,
            Ok(Ok(connection)) => {
                (failures, retry) = (0, 0);
                shared.emit(Lifecycle::Connected { protocol: connection.socket().protocol() });
                let (close, stop) = run(&shared, connection, policy.heartbeat.as_ref()).await;
                shared.emit(Lifecycle::Disconnected(close.clone()));
                if stop || !(policy.reconnect_if)(&close) {
                    break close;
                }
            }
            Ok(Err(close)) => {
                failures += 1;
                if policy.max_attempts.is_some_and(|max| failures >= max) {
                    shared.emit(Lifecycle::GaveUp { attempts: failures });
                    break close;
                }
            }
        }
        retry += 1;
        let delay = policy.delay(retry, js_sys::Math::random());
        shared.emit(Lifecycle::Reconnecting { attempt: retry, delay });
        if let Err(close) = sleep(&shared, &pause, delay).await {
            break close;
        }
    };
    drop(pause);
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
            return Poll::Ready(Ok(()));
        }
        if !announced {
            announced = true;
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

/// One attempt (bounded by the builder's connect timeout): open, or the close event that ended it.
async fn attempt(shared: &Shared, mut connect: Connect) -> Stoppable<Result<Connection, CloseEvent>> {
    poll_fn(|cx| {
        if let Some(close) = stop_requested(shared) {
            return Poll::Ready(Err(close));
        }
        match Pin::new(&mut connect).poll(cx) {
            Poll::Ready(Ok(connection)) => Poll::Ready(Ok(Ok(connection))),
            Poll::Ready(Err(Error::ConnectionFailed(close))) => Poll::Ready(Ok(Err(close))),
            Poll::Ready(Err(other)) => Poll::Ready(Ok(Err(event(1006, &other.to_string())))),
            Poll::Pending => {
                shared.park_driver(cx);
                Poll::Pending
            }
        }
    })
    .await
}

/// The heartbeat's timers and what it has seen.
struct Beat<'a> {
    heartbeat: &'a Heartbeat,
    ping: TimeoutFuture,
    check: TimeoutFuture,
    last_seen: f64,
}

/// Pumps messages while connected. Returns the close and whether to stop for good.
async fn run(shared: &Shared, mut connection: Connection, heartbeat: Option<&Heartbeat>) -> (CloseEvent, bool) {
    let mut beat = heartbeat.map(|heartbeat| Beat {
        heartbeat,
        ping: TimeoutFuture::new(millis(heartbeat.interval)),
        check: TimeoutFuture::new(millis(heartbeat.timeout)),
        last_seen: js_sys::Date::now(),
    });
    let mut closing = false;
    poll_fn(|cx| {
        if shared.handle_dropped() {
            return Poll::Ready((event(1000, crate::connection::DROPPED_REASON), true));
        }
        if let (Some((code, reason)), false) = (shared.close_request(), closing) {
            closing = true;
            let _ = connection.close_with(code, &reason);
        }
        while shared.inbox_has_room() {
            match Pin::new(&mut connection).poll_next(cx) {
                Poll::Ready(Some(message)) => {
                    if let Some(beat) = beat.as_mut() {
                        beat.last_seen = js_sys::Date::now();
                    }
                    shared.deliver(message);
                }
                Poll::Ready(None) => {
                    let close = connection.closed_now().unwrap_or_else(|| event(1006, ""));
                    return Poll::Ready((close, closing));
                }
                Poll::Pending => break,
            }
        }
        while shared.has_outgoing() {
            match Pin::new(&mut connection).poll_ready(cx) {
                Poll::Ready(Ok(())) => {
                    if let Some(message) = shared.take_outgoing() {
                        let _ = Pin::new(&mut connection).start_send(message);
                    }
                }
                Poll::Ready(Err(_)) | Poll::Pending => break,
            }
        }
        if let Some(beat) = beat.as_mut() {
            if Pin::new(&mut beat.ping).poll(cx).is_ready() {
                let _ = connection.socket().send(beat.heartbeat.message.clone());
                beat.ping = TimeoutFuture::new(millis(beat.heartbeat.interval));
                let _ = Pin::new(&mut beat.ping).poll(cx);
            }
            if Pin::new(&mut beat.check).poll(cx).is_ready() {
                let silent = js_sys::Date::now() - beat.last_seen;
                let timeout = beat.heartbeat.timeout.as_secs_f64() * 1000.0;
                if silent >= timeout && !closing {
                    // Abandon the silent socket at once (dropping it closes it), and reconnect.
                    return Poll::Ready((event(HEARTBEAT_CODE, HEARTBEAT_REASON), false));
                }
                beat.check = TimeoutFuture::new((timeout - silent).max(1.0) as u32);
                let _ = Pin::new(&mut beat.check).poll(cx);
            }
        }
        shared.park_driver(cx);
        Poll::Pending
    })
    .await
}
