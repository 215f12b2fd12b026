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
    /// Fails the connection when it fires first; cancelled when this future is dropped.
    _timeout: Option<Timeout>,
}

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

impl Connect {
    pub(crate) fn new(connection: Result<Connection, Error>) -> Connect {
        Connect { pending: Some(connection), _timeout: None }
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
            Poll::Ready(opened) => Poll::Ready(opened.map(|()| connection)),
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
