//! [`Listener`]: the guard that keeps a callback registered, and the registry a socket keeps of them.

use core::cell::RefCell;
use core::fmt;
use std::rc::{Rc, Weak};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

/// Keeps one callback registered on a [`WebSocket`](crate::WebSocket); dropping it removes exactly
/// that callback, with `removeEventListener`, before the closure is freed.
///
/// Callbacks are added with `addEventListener`, so any number coexist, and none of them can be
/// overwritten through a clone of the raw socket. Dropping the `WebSocket` removes every callback
/// it registered, even while their guards are still alive: after that they are never called.
///
/// ```no_run
/// # fn show(_: impl std::fmt::Debug) {}
/// use browser_websocket::{Message, WebSocket};
///
/// let ws = WebSocket::open("wss://example.com/feed")?;
/// let log = ws.on_message(|message: Message| show(message));
/// // ... later: no more logging.
/// drop(log);
/// # Ok::<(), browser_websocket::Error>(())
/// ```
#[must_use = "the callback is removed as soon as the Listener is dropped"]
pub struct Listener {
    registry: Weak<Registry>,
    slot: usize,
}

impl Listener {
    /// Lets go of the guard but keeps the callback until the [`WebSocket`](crate::WebSocket) is
    /// dropped: nothing leaks, the socket owns the closure from now on.
    ///
    /// ```no_run
    /// # fn show(_: impl std::fmt::Debug) {}
    /// use browser_websocket::WebSocket;
    ///
    /// let ws = WebSocket::open("wss://example.com/feed")?;
    /// ws.on_open(|| show("open")).detach();
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn detach(mut self) {
        self.registry = Weak::new();
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(registry) = self.registry.upgrade() {
            let removed = registry.slots.borrow_mut().get_mut(self.slot).and_then(Option::take);
            // Dropped outside the borrow: removing a listener runs JavaScript.
            drop(removed);
        }
    }
}

impl fmt::Debug for Listener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Listener").field("slot", &self.slot).finish()
    }
}

/// One callback added with `addEventListener` and removed with `removeEventListener` when
/// dropped, before its closure is freed. (No options object: `capture`, `once` and `passive`
/// mean nothing on a socket or a global, and building one costs four imports per build.)
pub(crate) struct EventHandler {
    target: EventTarget,
    event_type: &'static str,
    callback: Closure<dyn FnMut(&Event)>,
}

impl EventHandler {
    /// One body for every callback (boxed by the caller): each socket registers several.
    #[inline(never)]
    pub(crate) fn new(target: &EventTarget, event_type: &'static str, callback: Box<dyn FnMut(&Event)>) -> Self {
        let callback = Closure::wrap(callback);
        // Only throws for a callback that is not a function, which this one is.
        let _ = target.add_event_listener_with_callback(event_type, callback.as_ref().unchecked_ref());
        EventHandler { target: target.clone(), event_type, callback }
    }
}

impl Drop for EventHandler {
    fn drop(&mut self) {
        let function = self.callback.as_ref().unchecked_ref();
        let _ = self.target.remove_event_listener_with_callback(self.event_type, function);
    }
}

/// The event listeners of one socket, so that dropping the socket removes them all.
#[derive(Default)]
pub(crate) struct Registry {
    slots: RefCell<Vec<Option<EventHandler>>>,
}

impl Registry {
    /// Takes ownership of `listener` and hands back its guard.
    pub(crate) fn insert(self: &Rc<Self>, listener: EventHandler) -> Listener {
        let mut slots = self.slots.borrow_mut();
        let slot = match slots.iter_mut().enumerate().find(|(_, slot)| slot.is_none()) {
            Some((free, slot)) => {
                *slot = Some(listener);
                free
            }
            None => {
                slots.push(Some(listener));
                slots.len() - 1
            }
        };
        Listener { registry: Rc::downgrade(self), slot }
    }

    /// Removes every listener.
    pub(crate) fn clear(&self) {
        let listeners = core::mem::take(&mut *self.slots.borrow_mut());
        drop(listeners);
    }

    /// How many callbacks are registered.
    pub(crate) fn len(&self) -> usize {
        self.slots.borrow().iter().flatten().count()
    }
}
