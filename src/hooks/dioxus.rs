//! Feature `dioxus`: [`use_websocket`] for Dioxus 0.7, a thin adapter over the hooks' one core.
//!
//! The module is `browser_websocket::for_dioxus`, not `dioxus`, so that a glob import of this
//! crate beside `use dioxus::prelude::*;` leaves `dioxus` meaning the framework.

use std::rc::Rc;

use dioxus::prelude::{use_hook, CopyValue, ReadSignal, ReadableExt, Signal, WritableExt};

use super::hook::{Hook, Render};
use super::remember;
use super::status::View;
/// The crate's [`prelude`](crate::prelude), re-exported here: `use browser_websocket::for_dioxus::*;` brings
/// the hooks and every type their examples name (the crate's `Error` as `WebSocketError`).
pub use crate::prelude::*;
use crate::Error;

/// (Feature `dioxus`.) What [`use_websocket`] returns: signals to render from, and methods to send, close and open
/// again. `Copy`, so it moves into any number of event handlers.
///
/// ```no_run
/// use browser_websocket::for_dioxus::use_websocket;
/// use browser_websocket::{Message, UseWebSocketOptions};
/// use dioxus::prelude::*;
///
/// #[component]
/// fn Ticker() -> Element {
///     let ws = use_websocket("/ticks", UseWebSocketOptions::default());
///     rsx! {
///         p { "{ws.status}" }
///         button { onclick: move |_| drop(ws.send(Message::Text("more".into()))), "More" }
///         ul {
///             for message in ws.messages.read().iter() {
///                 li { "{message:?}" }
///             }
///         }
///     }
/// }
/// ```
///
/// [`use_typed_websocket`] returns one whose `messages` hold your own type and whose `send` takes
/// one: `UseWebSocket<Tx, Rx>`. The plain one is `UseWebSocket<Message, Message>`.
pub struct UseWebSocket<Tx: 'static = Message, Rx: 'static = Message> {
    /// Connecting, open, closing or closed; never closed while a reconnect is coming.
    pub ready_state: ReadSignal<ReadyState>,
    /// Where the connection stands: connecting, open, reconnecting (with the attempt and the
    /// delay), paused, gave up, closing, closed.
    pub status: ReadSignal<SocketStatus>,
    /// The close event of the last connection or attempt that ended, if any.
    pub last_close: ReadSignal<Option<CloseEvent>>,
    /// The last error: an open error (an invalid URL, say) or a failed attempt; cleared when a
    /// connection opens.
    pub last_error: ReadSignal<Option<Error>>,
    /// Every message received, in order (the last [`UseWebSocketOptions::history`] of them): a
    /// burst adds all its messages, never only the latest. With [`use_typed_websocket`], the
    /// decoded ones.
    pub messages: ReadSignal<Vec<Rx>>,
    /// The last message that could not be decoded, with [`use_typed_websocket`] (it is not in
    /// `messages`; the ones after it are). Always `None` for the plain hook.
    pub last_decode_error: ReadSignal<Option<DecodeError>>,
    hook: CopyValue<Rc<Hook>>,
    encode: fn(Tx) -> Result<Message, Error>,
}

impl<Tx, Rx> Clone for UseWebSocket<Tx, Rx> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Tx, Rx> Copy for UseWebSocket<Tx, Rx> {}

impl<Tx, Rx> core::fmt::Debug for UseWebSocket<Tx, Rx> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let status = self.status.try_peek().map(|status| status.clone()).ok();
        f.debug_struct("UseWebSocket").field("status", &status).finish_non_exhaustive()
    }
}

impl<Tx, Rx> UseWebSocket<Tx, Rx> {
    /// Sends a message (with [`use_typed_websocket`], a value, encoded first); before the
    /// connection opens (or while reconnecting) it waits in the offline queue. Errors are the
    /// crate's: [`Error::QueueFull`], [`Error::NotOpen`] once closed, [`Error::Unsupported`] under
    /// server-side rendering, [`Error::Encode`] for a value the codec cannot encode.
    ///
    /// ```no_run
    /// # use browser_websocket::for_dioxus::use_websocket;
    /// # use browser_websocket::{Message, UseWebSocketOptions};
    /// let ws = use_websocket("/chat", UseWebSocketOptions::default());
    /// let send_hello = move |_: ()| drop(ws.send(Message::Text("hello".into())));
    /// ```
    pub fn send(&self, message: Tx) -> Result<(), Error> {
        let message = (self.encode)(message)?;
        match self.hook.try_peek() {
            Ok(hook) => hook.send(message),
            Err(_) => Err(Error::NotOpen(ReadyState::Closed)),
        }
    }

    /// What the connection has moved so far (feature `stats`): a snapshot, not a signal (read
    /// it on a timer to show it live). See [`Stats`](crate::Stats).
    ///
    /// ```no_run
    /// # let ws = browser_websocket::for_dioxus::use_websocket("/chat", Default::default());
    /// let received = ws.stats().messages_received;
    /// ```
    #[cfg(feature = "stats")]
    #[cfg_attr(docsrs, doc(cfg(feature = "stats")))]
    pub fn stats(&self) -> crate::Stats {
        self.hook.try_peek().map(|hook| hook.stats()).unwrap_or_default()
    }

    /// (Feature `rpc`.) The JSON-RPC client over this hook's connection, when its options asked
    /// for one ([`UseWebSocketOptions::rpc`](crate::UseWebSocketOptions::rpc)): `call` and
    /// `subscribe` from the component's tasks. `None` without it, and before the first open.
    #[cfg(feature = "rpc")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rpc")))]
    pub fn rpc(&self) -> Option<crate::rpc::Client> {
        self.hook.try_peek().ok().and_then(|hook| hook.rpc())
    }

    /// Closes for good with a code (1000 or 3000..=4999) and a reason: no reconnect follows.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::for_dioxus::use_websocket("/chat", Default::default());
    /// ws.close_with(4000, "logged out")?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn close_with(&self, code: u16, reason: &str) -> Result<(), Error> {
        self.hook.try_peek().map_or(Ok(()), |hook| hook.close_with(code, reason))
    }

    /// Closes for good with 1000 (normal closure), as every layer above the thin
    /// [`WebSocket`](crate::WebSocket) does, and does not wait: `status` reads closing at once,
    /// then closed when the close event comes. No reconnect follows; `close_with` sends a code
    /// and reason of your own.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::for_dioxus::use_websocket("/chat", Default::default());
    /// ws.close();
    /// ```
    pub fn close(&self) {
        if let Ok(hook) = self.hook.try_peek() {
            hook.close();
        }
    }

    /// Starts again with the same URL and options: after giving up or closing, or to replace
    /// the current connection (which is closed). Does nothing under server-side rendering.
    ///
    /// ```no_run
    /// # use dioxus::prelude::*;
    /// # let ws = browser_websocket::for_dioxus::use_websocket("/chat", Default::default());
    /// rsx! { button { onclick: move |_| ws.open(), "Try again" } };
    /// ```
    pub fn open(&self) {
        if let Ok(hook) = self.hook.try_peek() {
            hook.open();
        }
    }
}

/// The signals the core's events land in. Each is written only when its value changed, so a
/// component re-renders for what it reads and nothing else.
struct Signals<Rx: 'static> {
    ready_state: Signal<ReadyState>,
    status: Signal<SocketStatus>,
    last_close: Signal<Option<CloseEvent>>,
    last_error: Signal<Option<Error>>,
    messages: Signal<Vec<Rx>>,
    decode_error: Signal<Option<DecodeError>>,
    decode: fn(Message) -> Result<Rx, DecodeError>,
    history: usize,
}

/// Writes `value` if it differs; a signal whose component is gone is left alone.
fn set_if_changed<T: PartialEq + 'static>(mut signal: Signal<T>, value: T) {
    if signal.try_peek().is_ok_and(|now| *now != value) {
        if let Ok(mut now) = signal.try_write() {
            *now = value;
        }
    }
}

impl<Rx> Render for Signals<Rx> {
    fn show(&self, view: View) {
        set_if_changed(self.ready_state, view.status.ready_state());
        set_if_changed(self.status, view.status);
        set_if_changed(self.last_close, view.last_close);
        set_if_changed(self.last_error, view.last_error);
    }

    fn receive(&self, message: Message) {
        match (self.decode)(message) {
            Ok(message) => {
                if let Ok(mut all) = { self.messages }.try_write() {
                    remember(&mut all, message, self.history);
                }
            }
            Err(error) => {
                if let Ok(mut last) = { self.decode_error }.try_write() {
                    *last = Some(error);
                }
            }
        }
    }
}

/// (Feature `dioxus`.) Opens `url` for the component that calls it (once, on its first render), and closes it when
/// the component unmounts. Under server-side rendering (not wasm32) it opens nothing: the status
/// stays closed and `send` answers [`Error::Unsupported`].
///
/// ```no_run
/// use browser_websocket::for_dioxus::use_websocket;
/// use browser_websocket::{Reconnect, UseWebSocketOptions};
///
/// let options = UseWebSocketOptions::default().reconnect(Some(Reconnect::default()));
/// let ws = use_websocket("/live", options);
/// ```
pub fn use_websocket(url: &str, options: UseWebSocketOptions) -> UseWebSocket {
    use_hook(|| start(url, options, Ok, Ok))
}

/// [`use_websocket`] sending `Tx` and receiving `Rx` through the codec `C` (feature `codec`; the
/// app enables its codecs through codee's features). `messages` holds the decoded values; a
/// message that does not decode is kept in `last_decode_error` instead, and the ones after it
/// still arrive.
///
/// ```no_run
/// use browser_websocket::for_dioxus::use_typed_websocket;
/// use browser_websocket::UseWebSocketOptions;
/// use browser_websocket::codee::string::JsonSerdeCodec;
/// use dioxus::prelude::*;
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Clone, Serialize, Deserialize)]
/// struct Line { nick: String, text: String }
///
/// #[component]
/// fn Chat() -> Element {
///     let chat = use_typed_websocket::<Line, Line, JsonSerdeCodec>("/chat", UseWebSocketOptions::default());
///     let hello = move |_| drop(chat.send(Line { nick: "ana".into(), text: "hello".into() }));
///     rsx! {
///         button { onclick: hello, "Say hello" }
///         ul {
///             for line in chat.messages.read().iter() {
///                 li { "{line.nick}: {line.text}" }
///             }
///         }
///         if let Some(error) = chat.last_decode_error.read().as_ref() {
///             p { "{error}" }
///         }
///     }
/// }
/// ```
#[cfg(feature = "codec")]
#[cfg_attr(docsrs, doc(cfg(feature = "codec")))]
pub fn use_typed_websocket<Tx, Rx, C>(url: &str, options: UseWebSocketOptions) -> UseWebSocket<Tx, Rx>
where
    Tx: 'static,
    Rx: 'static,
    C: crate::MessageCodec<Tx, Rx>,
{
    use_hook(|| start(url, options, |value| C::to_message(&value), |message| C::from_message(&message)))
}

/// Both hooks, on the component's first render: opens the core with signals for `Rx`. The
/// signals and the core belong to the component: when it unmounts they are dropped, and
/// dropping the core drops the connection, which closes the socket; its driver then ends.
fn start<Tx, Rx>(
    url: &str,
    options: UseWebSocketOptions,
    encode: fn(Tx) -> Result<Message, Error>,
    decode: fn(Message) -> Result<Rx, DecodeError>,
) -> UseWebSocket<Tx, Rx> {
    let view = View::initial();
    let ready_state = Signal::new(view.status.ready_state());
    let status = Signal::new(view.status);
    let last_close = Signal::new(None);
    let last_error = Signal::new(None);
    let messages = Signal::new(Vec::new());
    let decode_error = Signal::new(None);
    let history = options.history;
    let signals = Signals { ready_state, status, last_close, last_error, messages, decode_error, decode, history };
    let hook = Hook::new(url, options, signals);
    hook.open();
    UseWebSocket {
        ready_state: ready_state.into(),
        status: status.into(),
        last_close: last_close.into(),
        last_error: last_error.into(),
        messages: messages.into(),
        last_decode_error: decode_error.into(),
        hook: CopyValue::new(hook),
        encode,
    }
}
