//! What a hook shows: [`SocketStatus`], and the pure state machine that moves it with each
//! lifecycle event. No framework and no browser here, so every transition has a host test.

use core::fmt;
use core::time::Duration;

use crate::{CloseEvent, Error, Lifecycle, ReadyState};

/// (Feature `leptos`, `yew` or `dioxus`.) Where a hook's connection stands, finer than [`ReadyState`]: what to tell the user.
///
/// ```
/// use std::time::Duration;
/// use browser_websocket::{ReadyState, SocketStatus};
///
/// let waiting = SocketStatus::Reconnecting { attempt: 4, delay: Duration::from_secs(3) };
/// assert_eq!(waiting.to_string(), "reconnecting (attempt 4 in 3000 ms)");
/// // A reconnect is coming, so the socket does not read as closed.
/// assert_eq!(waiting.ready_state(), ReadyState::Connecting);
/// assert_eq!(SocketStatus::GaveUp { attempts: 5 }.ready_state(), ReadyState::Closed);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SocketStatus {
    /// An attempt is under way: 0 for the first connection, then the retry's number.
    Connecting {
        /// 0, or which retry this is.
        attempt: u32,
    },
    /// Open: messages go out at once.
    Open,
    /// A close was asked for and is under way; no reconnect follows.
    Closing,
    /// The connection dropped (or an attempt failed); attempt `attempt` starts after `delay`.
    Reconnecting {
        /// Which retry comes next.
        attempt: u32,
        /// The wait before it.
        delay: Duration,
    },
    /// No attempt until the page is visible and the browser online again.
    Paused,
    /// This many attempts in a row failed and the policy allows no more.
    GaveUp {
        /// The failed attempts.
        attempts: u32,
    },
    /// Closed for good: asked for, a close the policy does not reconnect after, an open error,
    /// or (under server-side rendering) never opened.
    Closed,
}

impl SocketStatus {
    /// The ready state this status implies: `Connecting` whenever another attempt is coming
    /// (reconnecting, paused), `Closed` only when none is.
    ///
    /// ```
    /// use browser_websocket::{ReadyState, SocketStatus};
    /// assert_eq!(SocketStatus::Paused.ready_state(), ReadyState::Connecting);
    /// ```
    pub fn ready_state(&self) -> ReadyState {
        match self {
            SocketStatus::Connecting { .. } | SocketStatus::Reconnecting { .. } | SocketStatus::Paused => {
                ReadyState::Connecting
            }
            SocketStatus::Open => ReadyState::Open,
            SocketStatus::Closing => ReadyState::Closing,
            SocketStatus::GaveUp { .. } | SocketStatus::Closed => ReadyState::Closed,
        }
    }
}

impl fmt::Display for SocketStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SocketStatus::Connecting { attempt: 0 } => f.write_str("connecting"),
            SocketStatus::Connecting { attempt } => write!(f, "connecting (attempt {attempt})"),
            SocketStatus::Open => f.write_str("open"),
            SocketStatus::Closing => f.write_str("closing"),
            SocketStatus::Reconnecting { attempt, delay } => {
                // In u32 milliseconds: a `u128` would bring its own formatting into every build.
                write!(f, "reconnecting (attempt {attempt} in {} ms)", crate::timer::millis(*delay))
            }
            SocketStatus::Paused => f.write_str("paused"),
            SocketStatus::GaveUp { attempts } => write!(f, "gave up after {attempts} attempts"),
            SocketStatus::Closed => f.write_str("closed"),
        }
    }
}

/// Everything a hook renders but the messages: its status, the last close event and the last
/// error. One value, replaced whole, so a framework re-renders once per batch of events.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct View {
    pub status: SocketStatus,
    pub last_close: Option<CloseEvent>,
    pub last_error: Option<Error>,
}

impl View {
    /// Connecting in a browser; closed elsewhere (server-side rendering), where nothing opens.
    pub fn initial() -> View {
        let status =
            if cfg!(target_arch = "wasm32") { SocketStatus::Connecting { attempt: 0 } } else { SocketStatus::Closed };
        View { status, last_close: None, last_error: None }
    }

    /// A new connection is starting (the hook's `open`).
    pub fn opening(&mut self) {
        self.status = SocketStatus::Connecting { attempt: 0 };
        self.last_error = None;
    }

    /// The connection could not even start (an invalid URL, say).
    pub fn failed_to_open(&mut self, error: Error) {
        self.status = SocketStatus::Closed;
        self.last_error = Some(error);
    }

    /// A close was asked for.
    pub fn closing(&mut self) {
        if !matches!(self.status, SocketStatus::Closed | SocketStatus::GaveUp { .. }) {
            self.status = SocketStatus::Closing;
        }
    }

    /// One lifecycle event. The driver emits a disconnect and what follows it (the next
    /// attempt's wait, or the end) together, and the hooks apply them together, so a reconnect
    /// never shows as closed.
    pub fn apply(&mut self, event: &Lifecycle) {
        match event {
            Lifecycle::Connecting { attempt } => {
                if self.status != SocketStatus::Closing {
                    self.status = SocketStatus::Connecting { attempt: *attempt };
                }
            }
            Lifecycle::Failed(close) => {
                self.last_close = Some(close.clone());
                self.last_error = Some(Error::ConnectionFailed(close.clone()));
            }
            Lifecycle::Connected { .. } => {
                self.status = SocketStatus::Open;
                self.last_error = None;
            }
            Lifecycle::Disconnected(close) => {
                self.last_close = Some(close.clone());
                if self.status != SocketStatus::Closing {
                    self.status = SocketStatus::Closed;
                }
            }
            Lifecycle::Reconnecting { attempt, delay } => {
                self.status = SocketStatus::Reconnecting { attempt: *attempt, delay: *delay };
            }
            Lifecycle::Paused => self.status = SocketStatus::Paused,
            Lifecycle::GaveUp { attempts } => self.status = SocketStatus::GaveUp { attempts: *attempts },
            Lifecycle::Discarded { .. } => {}
        }
    }

    /// The connection has ended for good: closed, unless it gave up.
    pub fn ended(&mut self) {
        if !matches!(self.status, SocketStatus::GaveUp { .. }) {
            self.status = SocketStatus::Closed;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(code: u16) -> CloseEvent {
        CloseEvent { code, reason: String::new(), was_clean: code != 1006 }
    }

    fn after(events: &[Lifecycle]) -> View {
        let mut view = View { status: SocketStatus::Connecting { attempt: 0 }, last_close: None, last_error: None };
        events.iter().for_each(|event| view.apply(event));
        view
    }

    const RETRY: Lifecycle = Lifecycle::Reconnecting { attempt: 1, delay: Duration::from_millis(300) };

    #[test]
    fn a_drop_then_a_retry_reads_reconnecting_never_closed() {
        let view =
            after(&[Lifecycle::Connected { protocol: String::new() }, Lifecycle::Disconnected(close(1006)), RETRY]);
        assert_eq!(view.status, SocketStatus::Reconnecting { attempt: 1, delay: Duration::from_millis(300) });
        assert_eq!(view.status.ready_state(), ReadyState::Connecting);
        assert_eq!(view.last_close, Some(close(1006)));
        let view = after(&[RETRY, Lifecycle::Connecting { attempt: 1 }]);
        assert_eq!(view.status, SocketStatus::Connecting { attempt: 1 });
    }

    #[test]
    fn failed_attempts_keep_their_close_as_the_error_until_a_connection_opens() {
        let mut view = after(&[Lifecycle::Failed(close(1006)), RETRY]);
        assert_eq!(view.last_error, Some(Error::ConnectionFailed(close(1006))));
        assert_eq!(view.last_close, Some(close(1006)));
        view.apply(&Lifecycle::Connected { protocol: String::new() });
        assert_eq!((view.status.clone(), view.last_error.clone()), (SocketStatus::Open, None));
        assert_eq!(view.last_close, Some(close(1006)));
    }

    #[test]
    fn paused_and_gave_up_and_closed_are_told_apart() {
        assert_eq!(after(&[Lifecycle::Paused]).status, SocketStatus::Paused);
        assert_eq!(after(&[Lifecycle::Paused]).status.ready_state(), ReadyState::Connecting);
        let mut gave_up = after(&[Lifecycle::Failed(close(1006)), Lifecycle::GaveUp { attempts: 3 }]);
        gave_up.ended();
        assert_eq!(gave_up.status, SocketStatus::GaveUp { attempts: 3 });
        assert_eq!(gave_up.status.ready_state(), ReadyState::Closed);
        let mut closed =
            after(&[Lifecycle::Connected { protocol: String::new() }, Lifecycle::Disconnected(close(1000))]);
        closed.ended();
        assert_eq!(closed.status, SocketStatus::Closed);
    }

    #[test]
    fn a_close_asked_for_reads_closing_until_the_end_then_closed() {
        let mut view = after(&[Lifecycle::Connected { protocol: String::new() }]);
        view.closing();
        assert_eq!(view.status.ready_state(), ReadyState::Closing);
        view.apply(&Lifecycle::Disconnected(close(4000)));
        assert_eq!(view.status, SocketStatus::Closing);
        view.ended();
        assert_eq!((view.status.clone(), view.last_close.clone()), (SocketStatus::Closed, Some(close(4000))));
        // Closing after the end changes nothing.
        view.closing();
        assert_eq!(view.status, SocketStatus::Closed);
    }

    #[test]
    fn an_open_error_is_kept_and_a_new_open_clears_it() {
        let mut view = View::initial();
        view.failed_to_open(Error::Unsupported);
        assert_eq!((view.status.clone(), view.last_error.clone()), (SocketStatus::Closed, Some(Error::Unsupported)));
        view.opening();
        assert_eq!((view.status.clone(), view.last_error.clone()), (SocketStatus::Connecting { attempt: 0 }, None));
    }

    #[test]
    fn the_error_a_hook_keeps_prints_no_token() {
        let mut view = View::initial();
        let url = "wss://alice:hunter2@example.com/feed?token=SECRET#anchor";
        view.failed_to_open(Error::InvalidUrl(crate::UrlError::Fragment(url.into())));
        let shown = format!("{view:?} {}", view.last_error.as_ref().map(Error::to_string).unwrap_or_default());
        for secret in ["alice", "hunter2", "SECRET", "anchor"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("wss://example.com/feed"), "{shown}");
    }

    #[test]
    fn off_wasm_the_initial_view_is_closed() {
        assert_eq!(View::initial().status, SocketStatus::Closed);
    }
}
