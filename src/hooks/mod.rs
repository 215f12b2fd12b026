//! What the framework hooks share: their options, the one core they wrap ([`hook::Hook`]) and
//! the status they show. Compiled only with a framework feature; the core depends on none.

use crate::reconnect::Observer;
use crate::{Builder, Error, Reconnect, Reconnecting};

#[cfg(feature = "dioxus")]
pub mod dioxus;
mod hook;
#[cfg(feature = "leptos")]
pub mod leptos;
mod status;
#[cfg(feature = "yew")]
pub mod yew;

pub use self::status::SocketStatus;

/// Options for `use_websocket` (features `leptos`, `yew` and `dioxus`).
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
    /// The policy, if any.
    reconnect: Option<Reconnect>,
    /// What opens the connection: one attempt by default; only
    /// [`UseWebSocketOptions::reconnect`] names the reconnecting driver (`Builder::reconnect`),
    /// so an app that never calls it does not carry it, and one that does carries no
    /// one-attempt driver (the default's function is overwritten before anything reads it).
    start: Start,
    pub(crate) history: usize,
    /// Calls and subscriptions over the connection (feature `rpc`).
    #[cfg(feature = "rpc")]
    pub(crate) rpc: bool,
}

impl Default for UseWebSocketOptions {
    /// No protocols, no reconnecting, the last 1,000 messages kept.
    fn default() -> Self {
        UseWebSocketOptions {
            protocols: Vec::new(),
            reconnect: None,
            start: once,
            history: 1000,
            #[cfg(feature = "rpc")]
            rpc: false,
        }
    }
}

/// Opens a hook's connection, with or without a policy.
type Start = fn(Builder, Option<Reconnect>, Box<dyn Observer>) -> Result<Reconnecting, Error>;

/// One attempt, never retried.
fn once(builder: Builder, _: Option<Reconnect>, observer: Box<dyn Observer>) -> Result<Reconnecting, Error> {
    builder.once(observer)
}

/// Reconnecting by the policy [`UseWebSocketOptions::reconnect`] set.
fn retrying(builder: Builder, policy: Option<Reconnect>, observer: Box<dyn Observer>) -> Result<Reconnecting, Error> {
    builder.reconnect_to(policy.unwrap_or_default(), observer)
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

    /// Reconnect by this policy (`None`, the default: one connection, no retry; a refused
    /// first attempt then reads as `GaveUp { attempts: 1 }`).
    ///
    /// Only this method links the reconnecting driver (backoff, heartbeat, pausing): an app
    /// that never calls it does not carry that code (`cargo xtask bench --size-only`).
    ///
    /// ```
    /// use browser_websocket::{Reconnect, UseWebSocketOptions};
    /// let options = UseWebSocketOptions::default().reconnect(Some(Reconnect::default()));
    /// # let _ = options;
    /// ```
    pub fn reconnect(mut self, policy: Option<Reconnect>) -> Self {
        self.start = if policy.is_some() { retrying } else { once };
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

    /// (Feature `rpc`.) Runs a JSON-RPC 2.0 [`rpc::Client`](crate::rpc::Client) over the hook's
    /// connection: the handle's `rpc()` gives it to the component for `call` and `subscribe`,
    /// while `status` and the rest read as for any hook; `messages` gets only what is neither an
    /// answer nor a notification.
    ///
    /// ```
    /// use browser_websocket::{Reconnect, UseWebSocketOptions};
    /// let options = UseWebSocketOptions::default().reconnect(Some(Reconnect::default())).rpc();
    /// # let _ = options;
    /// ```
    #[cfg(feature = "rpc")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rpc")))]
    pub fn rpc(mut self) -> Self {
        self.rpc = true;
        self
    }

    /// Opens `builder`'s connection as these options say.
    pub(crate) fn open(&self, builder: Builder, observer: Box<dyn Observer>) -> Result<Reconnecting, Error> {
        (self.start)(builder, self.reconnect.clone(), observer)
    }
}

/// Appends `message`, keeping at most `history`.
pub(crate) fn remember<T>(messages: &mut Vec<T>, message: T, history: usize) {
    messages.push(message);
    if messages.len() > history {
        let excess = messages.len() - history;
        messages.drain(..excess);
    }
}

#[cfg(test)]
mod tests {
    use super::remember;
    use crate::Message;

    #[test]
    fn history_keeps_the_newest_messages_in_order() {
        let mut all = Vec::new();
        for n in 0..5 {
            remember(&mut all, Message::Text(n.to_string()), 3);
        }
        let texts: Vec<Message> = ["2", "3", "4"].map(|t| Message::Text(t.into())).into();
        assert_eq!(all, texts);
        let mut none = Vec::new();
        remember(&mut none, Message::Text("x".into()), 0);
        assert!(none.is_empty());
        let mut one = Vec::new();
        remember(&mut one, Message::Text("x".into()), 1);
        assert_eq!(one.len(), 1);
    }
}
