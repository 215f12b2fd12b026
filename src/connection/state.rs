//! What the socket's callbacks share with the futures: the receive queue, the close event and
//! the wakers. One `Rc<State>` per connection, never borrowed across a call into user code.

use core::cell::RefCell;
use core::task::{Context, Poll, Waker};
use std::collections::VecDeque;

use super::burst::Poster;
use super::limits::Limits;
use crate::wakers::{park, park_in, wake, wake_all};
use crate::{CloseEvent, Message};

/// The close code this crate sends when the receive buffer overflows.
///
/// ```no_run
/// # async fn demo(connection: browser_websocket::Connection) {
/// use browser_websocket::{OVERFLOW_CODE, OVERFLOW_REASON};
/// let event = connection.closed().await;
/// if event.code == OVERFLOW_CODE {
///     assert_eq!(event.reason, OVERFLOW_REASON); // we were too slow to read
/// }
/// # }
/// ```
pub const OVERFLOW_CODE: u16 = 4009;
/// The close reason this crate sends when the receive buffer overflows: see [`OVERFLOW_CODE`].
///
/// ```
/// assert_eq!(browser_websocket::OVERFLOW_REASON, "receive buffer full");
/// ```
pub const OVERFLOW_REASON: &str = "receive buffer full";

pub(crate) struct State {
    inner: RefCell<Inner>,
}

struct Inner {
    queue: VecDeque<Message>,
    queued_bytes: usize,
    limits: Limits,
    /// False once the receiving half is dropped: later messages are discarded.
    receiving: bool,
    opened: bool,
    overflowed: bool,
    /// The reader has sent since it last took a message: what comes now is likely the reply it
    /// waits for, woken at once; otherwise the wake is batched (see `burst`).
    awaiting_reply: bool,
    /// Schedules the batched wake; `None` until the connection sets it (and in host tests).
    poster: Option<Poster>,
    /// A batched wake is on its way.
    wake_posted: bool,
    close: Option<CloseEvent>,
    recv_waker: Option<Waker>,
    send_waker: Option<Waker>,
    /// `connect` and `closed()` futures: woken on open and on close.
    state_wakers: Vec<Waker>,
    #[cfg(feature = "stats")]
    counters: crate::stats::Counters,
}

impl State {
    pub fn new(limits: Limits) -> State {
        State {
            inner: RefCell::new(Inner {
                queue: VecDeque::new(),
                queued_bytes: 0,
                limits,
                receiving: true,
                opened: false,
                overflowed: false,
                awaiting_reply: false,
                poster: None,
                wake_posted: false,
                close: None,
                recv_waker: None,
                send_waker: None,
                state_wakers: Vec::new(),
                #[cfg(feature = "stats")]
                counters: Default::default(),
            }),
        }
    }

    /// Queues a received message. Returns true when this message filled the buffer past its
    /// limits, the first time only: the caller then closes the socket. The message is kept.
    pub fn push(&self, message: Message) -> bool {
        let size = message.byte_len();
        let (waker, overflow) = {
            let mut inner = self.inner.borrow_mut();
            if !inner.receiving || inner.overflowed {
                return false;
            }
            inner.queue.push_back(message);
            inner.queued_bytes += size;
            #[cfg(feature = "stats")]
            inner.counters.received(size);
            let overflow = inner.limits.overflowed(inner.queue.len(), inner.queued_bytes);
            inner.overflowed = overflow;
            // Not a reply: the reader stays parked until the batched wake (posted once a burst).
            let batched = inner.recv_waker.is_some()
                && !inner.awaiting_reply
                && (inner.wake_posted || inner.poster.as_ref().is_some_and(Poster::post));
            inner.wake_posted |= batched;
            (if batched { None } else { inner.recv_waker.take() }, overflow)
        };
        wake(waker);
        overflow
    }

    pub fn poll_next(&self, cx: &mut Context<'_>) -> Poll<Option<Message>> {
        let mut inner = self.inner.borrow_mut();
        if let Some(message) = inner.queue.pop_front() {
            inner.queued_bytes -= message.byte_len();
            inner.awaiting_reply = false;
            return Poll::Ready(Some(message));
        }
        if inner.close.is_some() {
            return Poll::Ready(None);
        }
        park(&mut inner.recv_waker, cx);
        Poll::Pending
    }

    /// True once the close event is known and every message before it has been taken.
    pub fn is_drained(&self) -> bool {
        let inner = self.inner.borrow();
        inner.close.is_some() && inner.queue.is_empty()
    }

    pub fn set_opened(&self) {
        let wakers = {
            let mut inner = self.inner.borrow_mut();
            inner.opened = true;
            #[cfg(feature = "stats")]
            inner.counters.opened(crate::stats::now());
            (inner.send_waker.take(), core::mem::take(&mut inner.state_wakers))
        };
        wake(wakers.0);
        wake_all(wakers.1);
    }

    /// Records how the connection ended (the first report wins) and wakes every future.
    pub fn set_closed(&self, mut event: CloseEvent) {
        let wakers = {
            let mut inner = self.inner.borrow_mut();
            if inner.close.is_some() {
                return;
            }
            if inner.overflowed {
                event.code = OVERFLOW_CODE;
                event.reason = OVERFLOW_REASON.to_owned();
            }
            inner.close = Some(event);
            #[cfg(feature = "stats")]
            inner.counters.closed(crate::stats::now());
            (inner.recv_waker.take(), inner.send_waker.take(), core::mem::take(&mut inner.state_wakers))
        };
        wake(wakers.0);
        wake(wakers.1);
        wake_all(wakers.2);
    }

    /// The receiving half is gone: drop what is queued and whatever comes later.
    pub fn stop_receiving(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.receiving = false;
        inner.queue.clear();
        inner.queued_bytes = 0;
    }

    /// A message handed to the browser (`bytes` for the stats): the next message received is
    /// woken at once, as a reply.
    #[cfg_attr(not(feature = "stats"), allow(unused_variables))]
    pub fn sent(&self, bytes: usize) {
        let mut inner = self.inner.borrow_mut();
        inner.awaiting_reply = true;
        #[cfg(feature = "stats")]
        inner.counters.sent(bytes);
    }

    /// `bufferedAmount`, as read before a send.
    #[cfg(feature = "stats")]
    pub fn buffered(&self, amount: u64) {
        self.inner.borrow_mut().counters.buffered(amount);
    }

    /// The largest `bufferedAmount` seen so far.
    #[cfg(feature = "stats")]
    pub fn peak_buffered_amount(&self) -> u64 {
        self.inner.borrow().counters.peak_buffered_amount()
    }

    #[cfg(feature = "stats")]
    pub fn stats(&self) -> crate::Stats {
        let inner = self.inner.borrow();
        inner.counters.snapshot(crate::stats::now(), inner.queue.len(), 0)
    }

    /// The received messages waiting, and their bytes (for the logs).
    #[cfg(feature = "tracing")]
    pub fn queued(&self) -> (usize, usize) {
        let inner = self.inner.borrow();
        (inner.queue.len(), inner.queued_bytes)
    }

    pub fn close_event(&self) -> Option<CloseEvent> {
        self.inner.borrow().close.clone()
    }

    pub fn opened(&self) -> bool {
        self.inner.borrow().opened
    }

    /// Resolves with the close event; otherwise wakes `cx` on open or close.
    pub fn poll_closed(&self, cx: &mut Context<'_>) -> Poll<CloseEvent> {
        let mut inner = self.inner.borrow_mut();
        match &inner.close {
            Some(event) => Poll::Ready(event.clone()),
            None => {
                park_in(&mut inner.state_wakers, cx);
                Poll::Pending
            }
        }
    }

    /// The sending half waits: woken on open, on close, or by [`State::wake_sender`].
    pub fn park_sender(&self, cx: &mut Context<'_>) {
        park(&mut self.inner.borrow_mut().send_waker, cx);
    }

    /// Batches the wakes of messages that are not replies through `poster` (see `burst`).
    pub fn batch_wakes(&self, poster: Poster) {
        self.inner.borrow_mut().poster = Some(poster);
    }

    /// The batched wake.
    pub fn wake_receiver(&self) {
        let waker = {
            let mut inner = self.inner.borrow_mut();
            inner.wake_posted = false;
            inner.recv_waker.take()
        };
        wake(waker);
    }

    pub fn wake_sender(&self) {
        let waker = self.inner.borrow_mut().send_waker.take();
        wake(waker);
    }
}

#[cfg(test)]
mod tests {
    use core::task::{Context, Poll};

    use super::State;
    use crate::connection::DEFAULT_LIMITS;
    use crate::CloseEvent;

    fn failed() -> CloseEvent {
        CloseEvent { code: 1006, reason: String::new(), was_clean: false }
    }

    /// What `Core` relies on when an error before open closes the connection (WebKit may send no
    /// close event after it, Chromium and Firefox do): the first close is the one reported.
    #[test]
    fn the_first_close_wins_and_a_later_one_is_ignored() {
        let state = State::new(DEFAULT_LIMITS);
        state.set_closed(failed());
        state.set_closed(CloseEvent { code: 1000, reason: "late".into(), was_clean: true });
        assert_eq!(state.close_event(), Some(failed()));
        assert!(!state.opened());
    }

    #[test]
    fn a_wait_for_the_close_ends_at_the_first_close() {
        let state = State::new(DEFAULT_LIMITS);
        let mut cx = Context::from_waker(futures::task::noop_waker_ref());
        assert_eq!(state.poll_closed(&mut cx), Poll::Pending);
        state.set_closed(failed());
        assert_eq!(state.poll_closed(&mut cx), Poll::Ready(failed()));
        assert_eq!(state.poll_next(&mut cx), Poll::Ready(None));
    }
}
