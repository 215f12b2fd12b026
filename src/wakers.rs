//! The few waker chores the async layer and the reconnecting driver share.

use core::task::{Context, Waker};

/// Keeps `cx`'s waker in `slot` (cloning only when it changed).
pub(crate) fn park(slot: &mut Option<Waker>, cx: &Context<'_>) {
    if !slot.as_ref().is_some_and(|waker| waker.will_wake(cx.waker())) {
        *slot = Some(cx.waker().clone());
    }
}

/// Adds `cx`'s waker to `list` unless it is there already.
pub(crate) fn park_in(list: &mut Vec<Waker>, cx: &Context<'_>) {
    if !list.iter().any(|waker| waker.will_wake(cx.waker())) {
        list.push(cx.waker().clone());
    }
}

/// Wakes the waker, if any (call it after releasing any borrow).
pub(crate) fn wake(waker: Option<Waker>) {
    if let Some(waker) = waker {
        waker.wake();
    }
}

/// Wakes every waker of `list` (call it after releasing any borrow). One body for every caller.
#[inline(never)]
pub(crate) fn wake_all(list: Vec<Waker>) {
    list.into_iter().for_each(Waker::wake);
}
