//! The one object behind a [`Connection`](crate::Connection) or its two halves: the socket, its
//! callbacks feeding the shared [`State`], and the sending side's waiting.

use core::cell::RefCell;
use core::task::{Context, Poll};
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;

use super::burst::Burst;
use super::limits::Limits;
use super::state::{State, OVERFLOW_CODE, OVERFLOW_REASON};
use crate::listener::EventHandler;
use crate::trace::Trace;
use crate::{CloseEvent, Error, Message, ReadyState, WebSocket, DROPPED_REASON};

/// How often a sender blocked on `bufferedAmount` looks again: the browser has no event for it.
pub(crate) const DRAIN_POLL_MS: u32 = 2;

pub(crate) struct Core {
    pub socket: WebSocket,
    pub state: Rc<State>,
    high_water_mark: u64,
    trace: Trace,
    drain_timer: RefCell<Option<Timeout>>,
    _burst: Option<Burst>,
    /// The socket's four callbacks, removed when the core is dropped.
    _handlers: [EventHandler; 4],
}

impl Core {
    pub fn new(socket: WebSocket, high_water_mark: u64, limits: Limits) -> Rc<Core> {
        let state = Rc::new(State::new(limits));
        let trace = Trace::connection(&socket);
        let handlers = [
            socket.open_handler({
                let (state, trace) = (state.clone(), trace.clone());
                move || {
                    trace.opened();
                    state.set_opened()
                }
            }),
            socket.message_handler({
                let (state, trace, raw) = (state.clone(), trace.clone(), socket.as_raw().clone());
                move |message| {
                    trace.received(&message);
                    if state.push(message) {
                        #[cfg(feature = "tracing")]
                        trace.overflowed(state.queued());
                        // The browser drops whatever arrives once it is closing.
                        let _ = raw.close_with_code_and_reason(OVERFLOW_CODE, OVERFLOW_REASON);
                    }
                }
            }),
            // An error before open fails the connection, and the close event that follows is
            // 1006, "", unclean in every case (the standard hides why). WebKit sends no close
            // event at all after failing a connection at its socket limit or to a port it
            // blocks, so the connection counts as closed at the error.
            socket.error_handler({
                let state = state.clone();
                move || {
                    if !state.opened() {
                        state.set_closed(CloseEvent { code: 1006, reason: String::new(), was_clean: false });
                    }
                }
            }),
            socket.close_handler({
                let (state, trace) = (state.clone(), trace.clone());
                move |event| {
                    trace.closed(&event);
                    state.set_closed(event)
                }
            }),
        ];
        if socket.ready_state() == ReadyState::Open {
            state.set_opened();
        }
        let burst = Burst::new(&state).map(|(burst, poster)| {
            state.batch_wakes(poster);
            burst
        });
        let drain_timer = RefCell::new(None);
        Rc::new(Core { socket, state, high_water_mark, trace, drain_timer, _burst: burst, _handlers: handlers })
    }

    /// Ready once open and `bufferedAmount` is at most the high-water mark.
    pub fn poll_ready(&self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        match self.socket.ready_state() {
            ReadyState::Open if self.buffered_amount() <= self.high_water_mark => {
                self.trace.ready();
                Poll::Ready(Ok(()))
            }
            ReadyState::Open => {
                self.trace.waiting(self.high_water_mark);
                self.state.park_sender(cx);
                let state = Rc::downgrade(&self.state);
                let timer = Timeout::new(DRAIN_POLL_MS, move || {
                    if let Some(state) = Weak::upgrade(&state) {
                        state.wake_sender();
                    }
                });
                // Replacing a pending timer cancels it.
                *self.drain_timer.borrow_mut() = Some(timer);
                Poll::Pending
            }
            ReadyState::Connecting => {
                self.state.park_sender(cx);
                Poll::Pending
            }
            state => Poll::Ready(Err(Error::NotOpen(state))),
        }
    }

    pub fn start_send(&self, message: Message) -> Result<(), Error> {
        #[cfg(feature = "stats")]
        let bytes = message.byte_len();
        #[cfg(not(feature = "stats"))]
        let bytes = 0;
        self.trace.sent(&message);
        self.socket.send(message)?;
        self.state.sent(bytes);
        Ok(())
    }

    /// `bufferedAmount`, kept for the stats' peak (feature `stats`).
    fn buffered_amount(&self) -> u64 {
        let amount = self.socket.buffered_amount();
        #[cfg(feature = "stats")]
        self.state.buffered(amount);
        amount
    }

    /// Starts closing with 1000 (once) and resolves at the close event.
    pub fn poll_close(&self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        if matches!(self.socket.ready_state(), ReadyState::Connecting | ReadyState::Open) {
            // 1000 is always a valid code, so there is nothing to check and nothing the browser
            // can throw: the raw call, as dropping the socket makes it (the typed `close_with`'s
            // checks and error mapping stay out of builds that only ever close this way).
            let _ = self.socket.as_raw().close_with_code(1000);
        }
        self.state.poll_closed(cx).map(|_| Ok(()))
    }

    /// Resolves once open; a close before that is [`Error::ConnectionFailed`].
    pub fn poll_opened(&self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        if self.state.opened() {
            return Poll::Ready(Ok(()));
        }
        match self.state.poll_closed(cx) {
            Poll::Ready(event) => Poll::Ready(Err(Error::ConnectionFailed(event))),
            // Woken again on open as well as on close.
            Poll::Pending => Poll::Pending,
        }
    }
}

impl Drop for Core {
    /// Pending futures resolve now: the socket, closed next, takes its callbacks with it.
    fn drop(&mut self) {
        self.state.set_closed(CloseEvent { code: 1000, reason: DROPPED_REASON.to_owned(), was_clean: false });
    }
}
