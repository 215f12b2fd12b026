//! What the [`Reconnecting`](crate::Reconnecting) handle and its driver task share.

use core::cell::RefCell;
use core::task::{Context, Poll, Waker};
use std::collections::VecDeque;

use super::queue::{QueueLimits, Room};
use super::Lifecycle;
use crate::wakers::{park, park_in, wake, wake_all};
use crate::{CloseEvent, Error, Message};

/// At most this many lifecycle events wait for a reader; older ones are dropped first.
const MAX_EVENTS: usize = 256;
/// The driver moves received messages here while fewer than this many wait; the rest stay in
/// the connection's own bounded buffer.
pub(crate) const INBOX_BATCH: usize = 256;

#[derive(Default)]
pub(crate) struct Shared {
    inner: RefCell<Inner>,
    /// Where messages and events go instead of the handle's streams, when set (the hooks).
    observer: Option<Box<dyn Observer>>,
}

/// Takes the messages and lifecycle events straight from the driver, in the driver's order,
/// instead of the handle's streams: a hook renders them as they come, with no task reading
/// two streams. Called outside every borrow of the shared state.
pub(crate) trait Observer {
    /// A message arrived.
    fn message(&self, message: Message);
    /// A lifecycle event, as the events stream would yield it.
    fn event(&self, event: Lifecycle);
    /// The driver has stopped for good (the streams' end).
    fn ended(&self);
}

#[derive(Default)]
struct Inner {
    inbox: VecDeque<Message>,
    outbox: VecDeque<Message>,
    outbox_bytes: usize,
    events: VecDeque<Lifecycle>,
    /// Set when the driver has stopped for good, with the last close.
    ended: Option<CloseEvent>,
    close_request: Option<(u16, String)>,
    handle_dropped: bool,
    recv_waker: Option<Waker>,
    send_waker: Option<Waker>,
    events_waker: Option<Waker>,
    ended_wakers: Vec<Waker>,
    driver_waker: Option<Waker>,
    #[cfg(feature = "stats")]
    counters: crate::stats::Counters,
}

impl Shared {
    /// The state of a handle whose messages and events go to `observer`.
    pub fn observed(observer: Option<Box<dyn Observer>>) -> Shared {
        Shared { inner: RefCell::default(), observer }
    }

    // The handle's side.

    pub fn poll_next(&self, cx: &mut Context<'_>) -> Poll<Option<Message>> {
        let mut inner = self.inner.borrow_mut();
        if let Some(message) = inner.inbox.pop_front() {
            let driver = inner.driver_waker.take();
            drop(inner);
            wake(driver);
            return Poll::Ready(Some(message));
        }
        if inner.ended.is_some() {
            return Poll::Ready(None);
        }
        park(&mut inner.recv_waker, cx);
        Poll::Pending
    }

    /// Queues `message` for sending if it fits now; otherwise says whether it may later.
    pub fn offer(&self, message: Message, limits: QueueLimits) -> Offer {
        let mut inner = self.inner.borrow_mut();
        if inner.ended.is_some() || inner.close_request.is_some() {
            return Offer::Refused(Error::NotOpen(crate::ReadyState::Closed));
        }
        let bytes = message.byte_len();
        match limits.room(inner.outbox.len(), inner.outbox_bytes, bytes) {
            Room::Never => return Offer::Refused(Error::QueueFull),
            Room::Later => return Offer::Wait(message),
            Room::Now => {}
        }
        inner.outbox.push_back(message);
        inner.outbox_bytes += bytes;
        let driver = inner.driver_waker.take();
        drop(inner);
        wake(driver);
        Offer::Queued
    }

    pub fn park_sender(&self, cx: &Context<'_>) {
        park(&mut self.inner.borrow_mut().send_waker, cx);
    }

    pub fn poll_event(&self, cx: &mut Context<'_>) -> Poll<Option<Lifecycle>> {
        let mut inner = self.inner.borrow_mut();
        if let Some(event) = inner.events.pop_front() {
            return Poll::Ready(Some(event));
        }
        if inner.ended.is_some() {
            return Poll::Ready(None);
        }
        park(&mut inner.events_waker, cx);
        Poll::Pending
    }

    pub fn poll_ended(&self, cx: &mut Context<'_>) -> Poll<CloseEvent> {
        let mut inner = self.inner.borrow_mut();
        match &inner.ended {
            Some(event) => Poll::Ready(event.clone()),
            None => {
                park_in(&mut inner.ended_wakers, cx);
                Poll::Pending
            }
        }
    }

    pub fn request_close(&self, code: u16, reason: &str) {
        let driver = {
            let mut inner = self.inner.borrow_mut();
            inner.close_request.get_or_insert_with(|| (code, reason.to_owned()));
            inner.driver_waker.take()
        };
        wake(driver);
    }

    pub fn drop_handle(&self) {
        let driver = {
            let mut inner = self.inner.borrow_mut();
            inner.handle_dropped = true;
            inner.driver_waker.take()
        };
        wake(driver);
    }

    // The driver's side.

    pub fn park_driver(&self, cx: &Context<'_>) {
        park(&mut self.inner.borrow_mut().driver_waker, cx);
    }

    pub fn handle_dropped(&self) -> bool {
        self.inner.borrow().handle_dropped
    }

    pub fn close_request(&self) -> Option<(u16, String)> {
        self.inner.borrow().close_request.clone()
    }

    pub fn inbox_has_room(&self) -> bool {
        self.inner.borrow().inbox.len() < INBOX_BATCH
    }

    pub fn deliver(&self, message: Message) {
        let waker = {
            let mut inner = self.inner.borrow_mut();
            #[cfg(feature = "stats")]
            inner.counters.received(message.byte_len());
            if let Some(observer) = &self.observer {
                drop(inner);
                return observer.message(message);
            }
            inner.inbox.push_back(message);
            inner.recv_waker.take()
        };
        wake(waker);
    }

    pub fn has_outgoing(&self) -> bool {
        !self.inner.borrow().outbox.is_empty()
    }

    pub fn take_outgoing(&self) -> Option<Message> {
        let (message, sender) = {
            let mut inner = self.inner.borrow_mut();
            let message = inner.outbox.pop_front();
            if let Some(message) = &message {
                inner.outbox_bytes -= message.byte_len();
            }
            (message, inner.send_waker.take())
        };
        wake(sender);
        message
    }

    /// Puts back at the head of the queue a message the socket refused, for the next connection.
    pub fn requeue(&self, message: Message) {
        let mut inner = self.inner.borrow_mut();
        inner.outbox_bytes += message.byte_len();
        inner.outbox.push_front(message);
    }

    pub fn emit(&self, event: Lifecycle) {
        let waker = {
            let mut inner = self.inner.borrow_mut();
            #[cfg(feature = "stats")]
            match &event {
                Lifecycle::Connected { .. } => inner.counters.opened(crate::stats::now()),
                Lifecycle::Disconnected(_) => inner.counters.closed(crate::stats::now()),
                Lifecycle::Reconnecting { .. } => inner.counters.reconnecting(),
                _ => {}
            }
            if let Some(observer) = &self.observer {
                drop(inner);
                return observer.event(event);
            }
            if inner.events.len() == MAX_EVENTS {
                inner.events.pop_front();
            }
            inner.events.push_back(event);
            inner.events_waker.take()
        };
        wake(waker);
    }

    /// The driver has stopped: everything pending resolves; queued sends are discarded, and
    /// reported as [`Lifecycle::Discarded`].
    pub fn end(&self, last: CloseEvent) {
        let discarded = self.inner.borrow().outbox.len();
        if discarded > 0 {
            self.emit(Lifecycle::Discarded { messages: discarded });
        }
        let wakers = {
            let mut inner = self.inner.borrow_mut();
            inner.ended = Some(last);
            inner.outbox.clear();
            inner.outbox_bytes = 0;
            let mut wakers: Vec<Waker> = core::mem::take(&mut inner.ended_wakers);
            wakers.extend(inner.recv_waker.take());
            wakers.extend(inner.send_waker.take());
            wakers.extend(inner.events_waker.take());
            wakers
        };
        wake_all(wakers);
        if let Some(observer) = &self.observer {
            observer.ended();
        }
    }
}

impl Shared {
    /// A message the driver handed to the browser, and the `bufferedAmount` it saw before.
    #[cfg(feature = "stats")]
    pub fn sent(&self, bytes: usize, buffered: u64) {
        let mut inner = self.inner.borrow_mut();
        inner.counters.sent(bytes);
        inner.counters.buffered(buffered);
    }

    #[cfg(feature = "stats")]
    pub fn stats(&self) -> crate::Stats {
        let inner = self.inner.borrow();
        inner.counters.snapshot(crate::stats::now(), inner.inbox.len(), inner.outbox.len())
    }

    pub fn wake_driver(&self) {
        let driver = self.inner.borrow_mut().driver_waker.take();
        wake(driver);
    }

    pub fn has_ended(&self) -> bool {
        self.inner.borrow().ended.is_some()
    }
}

/// What [`Shared::offer`] did with a message.
#[derive(Debug, PartialEq)]
pub(crate) enum Offer {
    /// It is in the queue.
    Queued,
    /// The queue is full now; here is the message back, to offer again once it drains.
    Wait(Message),
    /// Never queued: the connection has ended or is closing, or the message is larger than the
    /// whole queue.
    Refused(Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: QueueLimits = QueueLimits { messages: 4, bytes: 16 };

    fn text(bytes: usize) -> Message {
        Message::Text("x".repeat(bytes))
    }

    #[test]
    fn the_queue_takes_what_fits_and_hands_back_what_must_wait() {
        let shared = Shared::default();
        assert_eq!(shared.offer(text(6), LIMITS), Offer::Queued);
        assert_eq!(shared.offer(text(6), LIMITS), Offer::Queued);
        assert_eq!(shared.offer(text(6), LIMITS), Offer::Wait(text(6)));
        assert_eq!(shared.offer(text(17), LIMITS), Offer::Refused(Error::QueueFull));
        assert_eq!(shared.take_outgoing(), Some(text(6)));
        assert_eq!(shared.offer(text(6), LIMITS), Offer::Queued);
    }

    #[test]
    fn a_refused_send_goes_back_to_the_head_of_the_queue_with_its_bytes() {
        let shared = Shared::default();
        for n in 1..=3 {
            assert_eq!(shared.offer(text(n), LIMITS), Offer::Queued);
        }
        let first = shared.take_outgoing().unwrap();
        assert_eq!(shared.offer(text(12), LIMITS), Offer::Wait(text(12)));
        shared.requeue(first);
        // 1 + 2 + 3 bytes are queued again: 10 more fit, 11 do not.
        assert_eq!(shared.offer(text(11), LIMITS), Offer::Wait(text(11)));
        assert_eq!(shared.offer(text(10), LIMITS), Offer::Queued);
        let order: Vec<_> = core::iter::from_fn(|| shared.take_outgoing()).collect();
        assert_eq!(order, [text(1), text(2), text(3), text(10)]);
    }

    /// Records what an observer is handed.
    #[derive(Default)]
    struct Recorder(std::rc::Rc<RefCell<Vec<String>>>);

    impl Observer for Recorder {
        fn message(&self, message: Message) {
            self.0.borrow_mut().push(format!("message {}", message.byte_len()));
        }
        fn event(&self, event: Lifecycle) {
            self.0.borrow_mut().push(format!("{event:?}"));
        }
        fn ended(&self) {
            self.0.borrow_mut().push("ended".into());
        }
    }

    #[test]
    fn an_observer_gets_messages_and_events_in_order_and_the_streams_stay_empty() {
        let seen = std::rc::Rc::new(RefCell::new(Vec::new()));
        let shared = Shared::observed(Some(Box::new(Recorder(seen.clone()))));
        shared.emit(Lifecycle::Connecting { attempt: 0 });
        shared.deliver(text(3));
        shared.emit(Lifecycle::Disconnected(CloseEvent { code: 1006, reason: String::new(), was_clean: false }));
        shared.end(CloseEvent { code: 1006, reason: String::new(), was_clean: false });
        let seen = seen.borrow();
        assert_eq!(seen.len(), 4, "{seen:?}");
        assert_eq!(
            (seen[0].as_str(), seen[1].as_str(), seen[3].as_str()),
            ("Connecting { attempt: 0 }", "message 3", "ended")
        );
        assert!(seen[2].starts_with("Disconnected"), "{seen:?}");
        let inner = shared.inner.borrow();
        assert!(inner.inbox.is_empty() && inner.events.is_empty());
    }

    #[test]
    fn nothing_is_queued_once_closing_or_ended_and_the_end_reports_what_was_discarded() {
        let shared = Shared::default();
        assert_eq!(shared.offer(text(1), LIMITS), Offer::Queued);
        shared.request_close(1000, "");
        assert_eq!(shared.offer(text(1), LIMITS), Offer::Refused(Error::NotOpen(crate::ReadyState::Closed)));
        let last = CloseEvent { code: 1000, reason: String::new(), was_clean: true };
        shared.end(last.clone());
        assert_eq!(shared.inner.borrow().ended, Some(last));
        assert!(!shared.has_outgoing());
        assert_eq!(shared.inner.borrow().events.back(), Some(&Lifecycle::Discarded { messages: 1 }));
    }
}
