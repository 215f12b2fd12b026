//! [`Connect`]: the future that resolves once a [`Connection`] is open, bounded by an optional
//! connect timeout.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::rc::Rc;

use gloo_timers::callback::Timeout;

use crate::{CloseEvent, Connection, Error, ReadyState};

/// The future of [`Connection::connect`] and [`Builder::connect`](crate::Builder::connect):
/// resolves once the connection is open.
///
/// ```no_run
/// # async fn demo() -> Result<(), browser_websocket::Error> {
/// let connect = browser_websocket::Connection::connect("/live"); // connecting already
/// let connection = connect.await?;
/// # Ok(())
/// # }
/// ```
#[must_use = "futures do nothing unless awaited; dropping this one closes the socket"]
pub struct Connect {
    pending: Option<Result<Connection, Error>>,
    /// Run on the open connection ([`Connect::offering`]); a function pointer, so that apps that
    /// never offer subprotocols do not link it.
    check: Option<Check>,
    /// Fails the connection when it fires first; cancelled when this future is dropped.
    _timeout: Option<Timeout>,
}

/// A check of a connection that has just opened.
type Check = fn(&Connection) -> Result<(), Error>;

/// The reason reported when [`Builder::connect_timeout`](crate::Builder::connect_timeout) expires.
///
/// ```no_run
/// # async fn demo() {
/// use std::time::Duration;
/// use browser_websocket::{Error, WebSocket, CONNECT_TIMEOUT_REASON};
/// let attempt = WebSocket::builder("/slow").connect_timeout(Duration::from_secs(2)).connect().await;
/// if let Err(Error::ConnectionFailed(event)) = attempt {
///     let timed_out = event.reason == CONNECT_TIMEOUT_REASON;
/// }
/// # }
/// ```
pub const CONNECT_TIMEOUT_REASON: &str = "connect timeout";

/// The reason reported when subprotocols were offered and the connection opened without one
/// of them selected: the standard fails such a connection, and Chromium does, but Firefox and
/// WebKit open it when the server selected none. [`Builder::connect`](crate::Builder::connect) (and so every
/// [`Reconnecting`](crate::Reconnecting) attempt) then closes it (the server receives a Close
/// frame without a code) and fails with [`Error::ConnectionFailed`] (code 1006, this reason),
/// as in Chromium.
///
/// ```no_run
/// # async fn demo() {
/// use browser_websocket::{Error, WebSocket, UNOFFERED_PROTOCOL_REASON};
/// let attempt = WebSocket::builder("/rpc").protocols(&["rpc.v2"]).connect().await;
/// if let Err(Error::ConnectionFailed(event)) = attempt {
///     let unsupported = event.reason == UNOFFERED_PROTOCOL_REASON;
/// }
/// # }
/// ```
pub const UNOFFERED_PROTOCOL_REASON: &str = "no offered subprotocol selected";

impl Connect {
    pub(crate) fn new(connection: Result<Connection, Error>) -> Connect {
        Connect { pending: Some(connection), check: None, _timeout: None }
    }

    /// With subprotocols offered: fails the connection if it opens without one selected (see
    /// [`UNOFFERED_PROTOCOL_REASON`]). One selected but not offered, browsers fail themselves.
    pub(crate) fn offering(mut self, offered: bool) -> Connect {
        if offered {
            self.check = Some(|connection| {
                if !connection.socket().protocol().is_empty() {
                    return Ok(());
                }
                // Closed without a code, as the browser would have failed it (then dropped).
                let _ = connection.socket().close();
                let reason = UNOFFERED_PROTOCOL_REASON.into();
                Err(Error::ConnectionFailed(CloseEvent { code: 1006, reason, was_clean: false }))
            });
        }
        self
    }

    /// When `timeout` passes before the connection opens, it counts as closed with 1006 and
    /// [`CONNECT_TIMEOUT_REASON`]: this future then fails and drops it, closing the socket.
    pub(crate) fn with_timeout(mut self, timeout: Option<core::time::Duration>) -> Connect {
        if let (Some(timeout), Some(Ok(connection))) = (timeout, &self.pending) {
            let state = Rc::downgrade(&connection.sender.core.state);
            self._timeout = Some(Timeout::new(crate::timer::millis(timeout), move || {
                if let Some(state) = state.upgrade().filter(|state| !state.opened()) {
                    let reason = CONNECT_TIMEOUT_REASON.into();
                    state.set_closed(CloseEvent { code: 1006, reason, was_clean: false });
                }
            }));
        }
        self
    }
}

impl Future for Connect {
    type Output = Result<Connection, Error>;

    /// A connection that fails, or times out, is dropped here, which closes its socket.
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let connection = match self.pending.take() {
            None => return Poll::Ready(Err(Error::NotOpen(ReadyState::Closed))),
            Some(Err(error)) => return Poll::Ready(Err(error)),
            Some(Ok(connection)) => connection,
        };
        match connection.sender.core.poll_opened(cx) {
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Ready(Ok(())) => match self.check {
                Some(check) => Poll::Ready(check(&connection).map(|()| connection)),
                None => Poll::Ready(Ok(connection)),
            },
            Poll::Pending => {
                self.pending = Some(Ok(connection));
                Poll::Pending
            }
        }
    }
}

impl fmt::Debug for Connect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connect").field("pending", &self.pending).finish()
    }
}
