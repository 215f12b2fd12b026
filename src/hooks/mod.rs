//! What the Leptos and Yew hooks share: their options and how a lifecycle event moves the ready
//! state. Compiled only with feature `leptos` or `yew`; the core never depends on a framework.

use crate::{Lifecycle, ReadyState, Reconnect};

#[cfg(feature = "leptos")]
pub mod leptos;
#[cfg(feature = "yew")]
pub mod yew;

/// Options for `use_websocket` (features `leptos` and `yew`).
///
/// ```
/// use browser_websocket::{Reconnect, UseWebSocketOptions};
///
/// let options = UseWebSocketOptions::default()
///     .protocols(&["chat.v1"])
///     .reconnect(Some(Reconnect::default()))
///     .history(500);
/// # let _ = options;
/// ```
#[derive(Clone, Debug)]
pub struct UseWebSocketOptions {
    pub(crate) protocols: Vec<String>,
    pub(crate) reconnect: Option<Reconnect>,
    pub(crate) history: usize,
}

impl Default for UseWebSocketOptions {
    /// No protocols, no reconnecting, the last 1,000 messages kept.
    fn default() -> Self {
        UseWebSocketOptions { protocols: Vec::new(), reconnect: None, history: 1000 }
    }
}

impl UseWebSocketOptions {
    /// The subprotocols to offer.
    ///
    /// ```
    /// let options = browser_websocket::UseWebSocketOptions::default().protocols(&["v2", "v1"]);
    /// # let _ = options;
    /// ```
    pub fn protocols(mut self, protocols: &[&str]) -> Self {
        self.protocols = protocols.iter().map(|p| (*p).to_owned()).collect();
        self
    }

    /// Reconnect by this policy (`None`, the default: one connection, no retry).
    ///
    /// ```
    /// use browser_websocket::{Reconnect, UseWebSocketOptions};
    /// let options = UseWebSocketOptions::default().reconnect(Some(Reconnect::default()));
    /// # let _ = options;
    /// ```
    pub fn reconnect(mut self, policy: Option<Reconnect>) -> Self {
        self.reconnect = policy;
        self
    }

    /// How many received messages the hook's list keeps (oldest dropped first). Every message
    /// of a burst is added: none is replaced by the next.
    ///
    /// ```
    /// let options = browser_websocket::UseWebSocketOptions::default().history(100);
    /// # let _ = options;
    /// ```
    pub fn history(mut self, messages: usize) -> Self {
        self.history = messages;
        self
    }

    /// The policy to run: the given one, or a single attempt that never reconnects.
    pub(crate) fn policy(&self) -> Reconnect {
        self.reconnect.clone().unwrap_or_else(|| Reconnect::default().max_attempts(Some(1)).reconnect_if(|_| false))
    }
}

/// The ready state after `event`.
pub(crate) fn state_after(event: &Lifecycle) -> ReadyState {
    match event {
        Lifecycle::Connected { .. } => ReadyState::Open,
        Lifecycle::Reconnecting { .. } => ReadyState::Connecting,
        _ => ReadyState::Closed,
    }
}

/// Runs `f` on every item until the stream ends or `f` says the component is gone (false).
pub(crate) async fn for_each<S: futures_core::Stream + Unpin>(mut stream: S, mut f: impl FnMut(S::Item) -> bool) {
    while let Some(item) = core::future::poll_fn(|cx| core::pin::Pin::new(&mut stream).poll_next(cx)).await {
        if !f(item) {
            return;
        }
    }
}

/// Appends `message`, keeping at most `history`.
pub(crate) fn remember(messages: &mut Vec<crate::Message>, message: crate::Message, history: usize) {
    messages.push(message);
    if messages.len() > history {
        let excess = messages.len() - history;
        messages.drain(..excess);
    }
}
