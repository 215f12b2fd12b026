//! [`Drained`]: the future that says whether everything sent was transmitted.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;

use super::core::{Core, DRAIN_POLL_MS};
use crate::{Error, ReadyState};

/// Resolves `Ok` once the browser has transmitted everything sent so far (`bufferedAmount` is
/// 0), or `Err(NotOpen(Closed))` if the connection closed with bytes still untransmitted: the
/// only way this crate says data was *sent*, from [`Connection::drained`](crate::Connection::drained)
/// or [`Sender::drained`](crate::Sender::drained). (A `Sink` send only hands a message to the
/// browser.) The browser has no event for this, so it looks every few milliseconds. WebKit
/// counts in `bufferedAmount` only what its network process has not taken yet, so there `Ok`
/// means handed to that process, which may not have reached the wire.
///
/// ```no_run
/// # async fn demo(mut connection: browser_websocket::Connection) -> Result<(), browser_websocket::Error> {
/// use futures::SinkExt;
/// connection.send(vec![0u8; 1 << 20].into()).await?;
/// connection.drained().await?; // all 1 MiB left the browser
/// # Ok(())
/// # }
/// ```
#[must_use = "futures do nothing unless awaited"]
pub struct Drained {
    core: Rc<Core>,
    timer: Option<TimeoutFuture>,
}

impl Drained {
    pub(crate) fn new(core: Rc<Core>) -> Drained {
        Drained { core, timer: None }
    }
}

impl Future for Drained {
    type Output = Result<(), Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        loop {
            let socket = &self.core.socket;
            if socket.buffered_amount() == 0 {
                return Poll::Ready(Ok(()));
            }
            if socket.ready_state() == ReadyState::Closed {
                return Poll::Ready(Err(Error::NotOpen(ReadyState::Closed)));
            }
            let timer = self.timer.get_or_insert_with(|| TimeoutFuture::new(DRAIN_POLL_MS));
            match Pin::new(timer).poll(cx) {
                Poll::Ready(()) => self.timer = None,
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

impl fmt::Debug for Drained {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Drained").field("buffered_amount", &self.core.socket.buffered_amount()).finish()
    }
}
