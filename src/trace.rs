//! What the crate tells `tracing` (feature `tracing`): a span per connection and per
//! reconnecting driver, lifecycle events at info (warn when something failed), waits at debug,
//! per-message detail at trace. URLs show as host and path only, and no payload is ever logged:
//! sizes, kinds and codes. Without the feature every function here is empty and nothing of
//! `tracing` is compiled in.

use core::future::Future;
use core::time::Duration;

use crate::{CloseEvent, Message};

/// One connection's span (`websocket`, with its URL), entered by each of its events, and the
/// socket, to read what the events report.
#[derive(Clone)]
pub(crate) struct Trace {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
    #[cfg(feature = "tracing")]
    socket: web_sys::WebSocket,
    /// Whether a send is waiting now, so a wait is logged once, not at every look.
    #[cfg(feature = "tracing")]
    waiting: core::cell::Cell<bool>,
}

impl Trace {
    pub fn connection(_socket: &crate::WebSocket) -> Trace {
        Trace {
            #[cfg(feature = "tracing")]
            span: tracing::info_span!("websocket", url = %crate::redact::Shown(&_socket.url())),
            #[cfg(feature = "tracing")]
            socket: _socket.as_raw().clone(),
            #[cfg(feature = "tracing")]
            waiting: core::cell::Cell::new(false),
        }
    }

    pub fn opened(&self) {
        #[cfg(feature = "tracing")]
        self.span.in_scope(|| tracing::info!(protocol = self.socket.protocol(), "open"));
    }

    pub fn closed(&self, _event: &CloseEvent) {
        #[cfg(feature = "tracing")]
        self.span.in_scope(|| {
            let (code, reason, was_clean) = (_event.code, _event.reason.as_str(), _event.was_clean);
            if was_clean {
                tracing::info!(code, reason, was_clean, "closed");
            } else {
                tracing::warn!(code, reason, was_clean, "closed");
            }
        });
    }

    pub fn received(&self, _message: &Message) {
        #[cfg(feature = "tracing")]
        if tracing::enabled!(tracing::Level::TRACE) {
            self.span.in_scope(|| tracing::trace!(kind = _message.kind(), bytes = _message.byte_len(), "received"));
        }
    }

    pub fn sent(&self, _message: &Message) {
        #[cfg(feature = "tracing")]
        if tracing::enabled!(tracing::Level::TRACE) {
            self.span.in_scope(|| tracing::trace!(kind = _message.kind(), bytes = _message.byte_len(), "sent"));
        }
    }

    /// The receive buffer overflowed, holding these messages and bytes (only called with the
    /// feature: reading them is not free).
    #[cfg(feature = "tracing")]
    pub fn overflowed(&self, (messages, bytes): (usize, usize)) {
        self.span
            .in_scope(|| tracing::warn!(messages, bytes, code = crate::OVERFLOW_CODE, "receive buffer full: closing"));
    }

    /// A send waits: the browser holds more than the high-water mark.
    pub fn waiting(&self, _high_water_mark: u64) {
        #[cfg(feature = "tracing")]
        if !self.waiting.replace(true) {
            self.span.in_scope(|| {
                let buffered = self.socket.buffered_amount() as u64;
                tracing::debug!(buffered, high_water_mark = _high_water_mark, "send waits for the browser")
            });
        }
    }

    /// Sends may go.
    pub fn ready(&self) {
        #[cfg(feature = "tracing")]
        self.waiting.set(false);
    }
}

/// The reconnecting driver's span (`reconnecting`, with its URL), made before the builder moves
/// into the driver.
pub(crate) struct Driver {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl Driver {
    pub fn new(_url: &str) -> Driver {
        Driver {
            #[cfg(feature = "tracing")]
            span: tracing::info_span!("reconnecting", url = %crate::redact::Shown(_url)),
        }
    }

    /// The driver's future, inside the span.
    pub fn instrument<F: Future<Output = ()>>(self, future: F) -> impl Future<Output = ()> {
        #[cfg(feature = "tracing")]
        return tracing::Instrument::instrument(future, self.span);
        #[cfg(not(feature = "tracing"))]
        future
    }
}

/// An attempt starts: logs it, and makes its connection (`open`) inside an `attempt` span, so
/// the connection's own span, and every event of it, carries the attempt.
pub(crate) fn connecting<T>(_attempt: u32, open: impl FnOnce() -> T) -> T {
    #[cfg(feature = "tracing")]
    {
        tracing::info!(attempt = _attempt, "connecting");
        tracing::info_span!("attempt", attempt = _attempt).in_scope(open)
    }
    #[cfg(not(feature = "tracing"))]
    open()
}

/// An attempt closed before it opened (refused, rejected, timed out).
pub(crate) fn failed(_attempt: u32, _close: &CloseEvent) {
    #[cfg(feature = "tracing")]
    tracing::warn!(attempt = _attempt, code = _close.code, reason = _close.reason.as_str(), "attempt failed");
}

/// The driver waits `delay` before attempt `attempt`, because of `close`.
pub(crate) fn reconnecting(_attempt: u32, _delay: Duration, _close: &CloseEvent) {
    #[cfg(feature = "tracing")]
    tracing::info!(attempt = _attempt, delay_ms = _delay.as_millis() as u64, after_code = _close.code, "reconnecting");
}

/// The policy decided not to reconnect after `close`.
pub(crate) fn stopped(_close: &CloseEvent) {
    #[cfg(feature = "tracing")]
    tracing::info!(code = _close.code, "not reconnecting");
}

pub(crate) fn gave_up(_attempts: u32) {
    #[cfg(feature = "tracing")]
    tracing::warn!(attempts = _attempts, "gave up");
}

pub(crate) fn heartbeat_timeout(_silent: Duration) {
    #[cfg(feature = "tracing")]
    tracing::warn!(silent_ms = _silent.as_millis() as u64, code = crate::HEARTBEAT_CODE, "heartbeat timeout: closing");
}

pub(crate) fn paused(_paused: bool) {
    #[cfg(feature = "tracing")]
    if _paused {
        tracing::info!("paused (page hidden or offline)");
    } else {
        tracing::info!("resumed");
    }
}
