//! [`Closed`]: the future of a connection's close event.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::rc::Rc;

use super::state::State;
use crate::CloseEvent;

/// Resolves with the connection's [`CloseEvent`], from [`Connection::closed`](crate::Connection::closed),
/// [`Sender::closed`](crate::Sender::closed) or [`Receiver::closed`](crate::Receiver::closed).
///
/// Any number may exist, made before or after the close; all resolve with the same event. It
/// holds no socket, so it does not keep the connection open: when the connection is dropped
/// first, it resolves with code 1000, reason `"connection dropped"` and `was_clean: false`.
///
/// ```no_run
/// # async fn demo() -> Result<(), browser_websocket::Error> {
/// use browser_websocket::Connection;
///
/// let connection = Connection::connect("/live").await?;
/// let closed = connection.closed();
/// drop(connection);
/// assert_eq!(closed.await.reason, "connection dropped");
/// # Ok(())
/// # }
/// ```
#[must_use = "futures do nothing unless awaited"]
pub struct Closed {
    state: Rc<State>,
}

impl Closed {
    pub(crate) fn new(state: Rc<State>) -> Closed {
        Closed { state }
    }
}

impl Future for Closed {
    type Output = CloseEvent;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<CloseEvent> {
        self.state.poll_closed(cx)
    }
}

impl fmt::Debug for Closed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Closed").field("event", &self.state.close_event()).finish()
    }
}
