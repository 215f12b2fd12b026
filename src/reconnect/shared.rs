//! What the [`Reconnecting`](crate::Reconnecting) handle and its driver task share.

use core::cell::RefCell;
use core::task::{Context, Poll, Waker};
use std::collections::VecDeque;

use super::Lifecycle;
use crate::wakers::{park, park_in, wake};
use crate::{CloseEvent, Error, Message};

/// At most this many lifecycle events wait for a reader; older ones are dropped first.
const MAX_EVENTS: usize = 256;
/// The driver moves received messages here while fewer than this many wait; the rest stay in
/// the connection's own bounded buffer.
pub(crate) const INBOX_BATCH: usize = 256;

#[derive(Default)]
pub(crate) struct Shared {
    inner: RefCell<Inner>,
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
}

impl Shared {
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

    /// Queues `message` for sending, or says why not.
    pub fn try_send(&self, message: Message, max_messages: usize, max_bytes: usize) -> Result<(), (Error, Message)> {
        let mut inner = self.inner.borrow_mut();
        if inner.ended.is_some() || inner.close_request.is_some() {
            return Err((Error::NotOpen(crate::ReadyState::Closed), message));
        }
        let bytes = message.byte_len();
        let full = inner.outbox.len() >= max_messages || inner.outbox_bytes + bytes > max_bytes;
        if full && !inner.outbox.is_empty() {
            return Err((Error::QueueFull, message));
        }
        inner.outbox.push_back(message);
        inner.outbox_bytes += bytes;
        let driver = inner.driver_waker.take();
        drop(inner);
        wake(driver);
        Ok(())
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

    pub fn emit(&self, event: Lifecycle) {
        let waker = {
            let mut inner = self.inner.borrow_mut();
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
        wakers.into_iter().for_each(Waker::wake);
    }
}

impl Shared {
    pub fn wake_driver(&self) {
        let driver = self.inner.borrow_mut().driver_waker.take();
        wake(driver);
    }

    pub fn is_full(&self, max_messages: usize, max_bytes: usize) -> bool {
        let inner = self.inner.borrow();
        !inner.outbox.is_empty() && (inner.outbox.len() >= max_messages || inner.outbox_bytes >= max_bytes)
    }

    pub fn has_ended(&self) -> bool {
        self.inner.borrow().ended.is_some()
    }
}
