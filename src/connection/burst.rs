//! A connection's batched wake for a burst of received messages.
//!
//! Each message event is a task of its own; waking the reader from each one costs a microtask
//! checkpoint per message, which Firefox and WebKit charge about 2 µs for (BENCHMARKS.md, "Where
//! Firefox spends the time"). A wake posted to a `MessageChannel` comes as a task after the
//! message events already queued, so one poll drains the burst. Which wake a message gets is the
//! receive queue's choice ([`State::push`](super::state::State::push)): a reply to something the
//! reader just sent is woken at once, so request/response keeps its round trip.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{MessageChannel, MessagePort};

use super::state::State;
use crate::listener::EventHandler;

/// The channel's receiving end, listened to for as long as the connection lives.
pub(crate) struct Burst {
    _handler: EventHandler,
}

impl Burst {
    /// A channel whose messages wake `state`'s reader; the port to post to goes to the state.
    /// `None` where the engine has no `MessageChannel`: every wake is immediate there.
    pub fn new(state: &Rc<State>) -> Option<(Burst, Poster)> {
        let channel = MessageChannel::new().ok()?;
        let receiving = channel.port1();
        let handler = EventHandler::new(&receiving, "message", {
            let state = state.clone();
            Box::new(move |_| state.wake_receiver())
        });
        // A port with a listener (not an `onmessage` setter) only delivers once started.
        receiving.start();
        Some((Burst { _handler: handler }, Poster(channel.port2())))
    }
}

/// Schedules the batched wake: a message to the channel.
pub(crate) struct Poster(MessagePort);

impl Poster {
    /// False if the engine refused; then the caller wakes at once.
    pub fn post(&self) -> bool {
        self.0.post_message(&JsValue::UNDEFINED).is_ok()
    }
}
