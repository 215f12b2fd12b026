//! [`Inbox`]: what one side of the kit waits for, in order, with the one waker waiting for it.

use core::task::{Context, Poll, Waker};
use std::collections::VecDeque;

use crate::wakers::park;

/// Items in arrival order, and whether more can come.
#[derive(Debug)]
pub(crate) struct Inbox<T> {
    items: VecDeque<T>,
    ended: bool,
    waker: Option<Waker>,
}

impl<T> Default for Inbox<T> {
    fn default() -> Self {
        Inbox { items: VecDeque::new(), ended: false, waker: None }
    }
}

impl<T> Inbox<T> {
    /// Adds an item; returns the waker to wake once the caller has let go of any borrow. Nothing
    /// is added after the end.
    #[must_use]
    pub fn push(&mut self, item: T) -> Option<Waker> {
        if self.ended {
            return None;
        }
        self.items.push_back(item);
        self.waker.take()
    }

    /// No more items: a waiting reader gets what is left, then `None`.
    #[must_use]
    pub fn end(&mut self) -> Option<Waker> {
        self.ended = true;
        self.waker.take()
    }

    pub fn poll_next(&mut self, cx: &Context<'_>) -> Poll<Option<T>> {
        match self.items.pop_front() {
            Some(item) => Poll::Ready(Some(item)),
            None if self.ended => Poll::Ready(None),
            None => {
                park(&mut self.waker, cx);
                Poll::Pending
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use core::task::{Context, Poll};

    use super::Inbox;

    #[test]
    fn items_come_in_order_then_the_end_after_the_last() {
        let mut inbox = Inbox::default();
        let cx = Context::from_waker(futures::task::noop_waker_ref());
        assert_eq!(inbox.poll_next(&cx), Poll::Pending);
        assert!(inbox.push(1).is_some(), "the waiting reader is woken");
        assert!(inbox.push(2).is_none(), "and only once");
        assert!(inbox.end().is_none());
        assert!(inbox.push(3).is_none());
        assert_eq!(inbox.poll_next(&cx), Poll::Ready(Some(1)));
        assert_eq!(inbox.poll_next(&cx), Poll::Ready(Some(2)));
        assert_eq!(inbox.poll_next(&cx), Poll::Ready(None));
        assert_eq!(inbox.poll_next(&cx), Poll::Ready(None));
    }

    #[test]
    fn an_end_wakes_the_reader() {
        let mut inbox = Inbox::<u8>::default();
        let cx = Context::from_waker(futures::task::noop_waker_ref());
        assert_eq!(inbox.poll_next(&cx), Poll::Pending);
        assert!(inbox.end().is_some());
        assert_eq!(inbox.poll_next(&cx), Poll::Ready(None));
    }
}
