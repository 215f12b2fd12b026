//! Feature `leptos`: [`use_websocket`] for Leptos 0.8, a thin adapter over the hooks' one core.
//!
//! The module is `browser_websocket::for_leptos`, not `leptos`, so that a glob import of this crate
//! beside `use leptos::prelude::*;` leaves `leptos` meaning the framework.

use std::rc::Rc;

use leptos::prelude::{GetUntracked, LocalStorage, ReadSignal, RwSignal, Signal, StoredValue, Update, With, WithValue};

use super::hook::{Hook, Render};
use super::remember;
use super::status::View;
/// The crate's [`prelude`](crate::prelude), re-exported here: `use browser_websocket::for_leptos::*;` brings
/// the hooks and every type their examples name (the crate's `Error` as `WebSocketError`).
pub use crate::prelude::*;
use crate::Error;

/// (Feature `leptos`.) What [`use_websocket`] returns: signals to render from, and methods to send, close and open
/// again. `Copy`, so it moves into any number of event handlers.
///
/// ```no_run
/// use browser_websocket::for_leptos::use_websocket;
/// use browser_websocket::{Message, UseWebSocketOptions};
/// use leptos::prelude::*;
///
/// #[component]
/// fn Ticker() -> impl IntoView {
///     let ws = use_websocket("/ticks", UseWebSocketOptions::default());
///     view! {
///         <p>{move || ws.status.get().to_string()}</p>
///         <button on:click=move |_| drop(ws.send(Message::Text("more".into())))>"More"</button>
///         <ul>{move || ws.messages.with(|all| all.iter().map(|m| view! { <li>{format!("{m:?}")}</li> }).collect_view())}</ul>
///     }
/// }
/// ```
///
/// [`use_typed_websocket`] returns one whose `messages` hold your own type and whose `send` takes
/// one: `UseWebSocket<Tx, Rx>`. The plain one is `UseWebSocket<Message, Message>`.
///
/// `ready_state`, `status`, `last_close`, `last_error` and `last_decode_error` are derived from
/// one signal of the hook's state, written once per batch of lifecycle events (a few times per
/// connection) and for each message that does not decode: a view that reads any of them re-runs
/// when any of them changes. (Memos would re-run it only for its own, at 5 KB of wasm: see
/// BENCHMARKS.md.)
pub struct UseWebSocket<Tx: 'static = Message, Rx: 'static = Message> {
    /// Connecting, open, closing or closed; never closed while a reconnect is coming.
    pub ready_state: Signal<ReadyState>,
    /// Where the connection stands: connecting, open, reconnecting (with the attempt and the
    /// delay), paused, gave up, closing, closed.
    pub status: Signal<SocketStatus>,
    /// The close event of the last connection or attempt that ended, if any.
    pub last_close: Signal<Option<CloseEvent>>,
    /// The last error: an open error (an invalid URL, say) or a failed attempt; cleared when a
    /// connection opens.
    pub last_error: Signal<Option<Error>>,
    /// Every message received, in order (the last [`UseWebSocketOptions::history`] of them): a
    /// burst adds all its messages, never only the latest. With [`use_typed_websocket`], the
    /// decoded ones.
    pub messages: ReadSignal<Vec<Rx>, LocalStorage>,
    /// The last message that could not be decoded, with [`use_typed_websocket`] (it is not in
    /// `messages`; the ones after it are). Always `None` for the plain hook.
    pub last_decode_error: Signal<Option<DecodeError>>,
    hook: StoredValue<Rc<Hook>, LocalStorage>,
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
        f.debug_struct("UseWebSocket").field("status", &self.status.try_get_untracked()).finish_non_exhaustive()
    }
}

impl<Tx, Rx> UseWebSocket<Tx, Rx> {
    /// Sends a message (with [`use_typed_websocket`], a value, encoded first); before the
    /// connection opens (or while reconnecting) it waits in the offline queue. Errors are the
    /// crate's: [`Error::QueueFull`], [`Error::NotOpen`] once closed, [`Error::Unsupported`] under
    /// server-side rendering, [`Error::Encode`] for a value the codec cannot encode.
    ///
    /// ```no_run
    /// # use browser_websocket::for_leptos::use_websocket;
    /// # use browser_websocket::{Message, UseWebSocketOptions};
    /// let ws = use_websocket("/chat", UseWebSocketOptions::default());
    /// let send_hello = move |_: ()| drop(ws.send(Message::Text("hello".into())));
    /// ```
    pub fn send(&self, message: Tx) -> Result<(), Error> {
        let message = (self.encode)(message)?;
        self.hook.try_with_value(|hook| hook.send(message)).unwrap_or(Err(Error::NotOpen(ReadyState::Closed)))
    }

    /// What the connection has moved so far (feature `stats`): a snapshot, not a signal (read
    /// it on a timer to show it live). See [`Stats`](crate::Stats).
    ///
    /// ```no_run
    /// # let ws = browser_websocket::for_leptos::use_websocket("/chat", Default::default());
    /// let received = ws.stats().messages_received;
    /// ```
    #[cfg(feature = "stats")]
    #[cfg_attr(docsrs, doc(cfg(feature = "stats")))]
    pub fn stats(&self) -> crate::Stats {
        self.hook.try_with_value(|hook| hook.stats()).unwrap_or_default()
    }

    /// (Feature `rpc`.) The JSON-RPC client over this hook's connection, when its options asked
    /// for one ([`UseWebSocketOptions::rpc`](crate::UseWebSocketOptions::rpc)): `call` and
    /// `subscribe` from the component's tasks. `None` without it, and before the first open.
    #[cfg(feature = "rpc")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rpc")))]
    pub fn rpc(&self) -> Option<crate::rpc::Client> {
        self.hook.try_with_value(|hook| hook.rpc()).flatten()
    }

    /// Closes for good with a code (1000 or 3000..=4999) and a reason: no reconnect follows.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::for_leptos::use_websocket("/chat", Default::default());
    /// ws.close_with(4000, "logged out")?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn close_with(&self, code: u16, reason: &str) -> Result<(), Error> {
        self.hook.try_with_value(|hook| hook.close_with(code, reason)).unwrap_or(Ok(()))
    }

    /// Closes for good with 1000 (normal closure), as every layer above the thin
    /// [`WebSocket`](crate::WebSocket) does, and does not wait: `status` reads closing at once,
    /// then closed when the close event comes. No reconnect follows; `close_with` sends a code
    /// and reason of your own.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::for_leptos::use_websocket("/chat", Default::default());
    /// ws.close();
    /// ```
    pub fn close(&self) {
        self.hook.try_with_value(|hook| hook.close());
    }

    /// Starts again with the same URL and options: after giving up or closing, or to replace
    /// the current connection (which is closed). Does nothing under server-side rendering.
    ///
    /// ```no_run
    /// # use leptos::prelude::*;
    /// # let ws = browser_websocket::for_leptos::use_websocket("/chat", Default::default());
    /// let retry = move |_| ws.open();
    /// view! { <button on:click=retry>"Try again"</button> };
    /// ```
    pub fn open(&self) {
        self.hook.try_with_value(|hook| hook.open());
    }
}

/// The signals the core's events land in.
struct Signals<Rx: 'static> {
    /// The core's view and the last decode error: one signal (each signal type costs its own
    /// copy of Leptos's signal machinery).
    state: RwSignal<(View, Option<DecodeError>)>,
    messages: RwSignal<Vec<Rx>, LocalStorage>,
    decode: fn(Message) -> Result<Rx, DecodeError>,
    history: usize,
}

impl<Rx> Render for Signals<Rx> {
    fn show(&self, view: View) {
        self.state.try_update(|state| state.0 = view);
    }

    fn receive(&self, message: Message) {
        match (self.decode)(message) {
            Ok(message) => drop(self.messages.try_update(|all| remember(all, message, self.history))),
            Err(error) => drop(self.state.try_update(|state| state.1 = Some(error))),
        }
    }
}

/// (Feature `leptos`.) Opens `url` for the component that calls it, and closes it when the component unmounts.
/// Under server-side rendering (not wasm32) it opens nothing: the status stays closed and
/// `send` answers [`Error::Unsupported`].
///
/// ```no_run
/// use browser_websocket::for_leptos::use_websocket;
/// use browser_websocket::{Reconnect, UseWebSocketOptions};
///
/// let options = UseWebSocketOptions::default().reconnect(Some(Reconnect::default()));
/// let ws = use_websocket("/live", options);
/// ```
pub fn use_websocket(url: &str, options: UseWebSocketOptions) -> UseWebSocket {
    start(url, options, Ok, Ok)
}

/// [`use_websocket`] sending `Tx` and receiving `Rx` through the codec `C` (feature `codec`; the
/// app enables its codecs through codee's features). `messages` holds the decoded values; a
/// message that does not decode is kept in `last_decode_error` instead, and the ones after it
/// still arrive.
///
/// ```no_run
/// use browser_websocket::for_leptos::use_typed_websocket;
/// use browser_websocket::UseWebSocketOptions;
/// use browser_websocket::codee::string::JsonSerdeCodec;
/// use leptos::prelude::*;
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Clone, Serialize, Deserialize)]
/// struct Line { nick: String, text: String }
///
/// #[component]
/// fn Chat() -> impl IntoView {
///     let chat = use_typed_websocket::<Line, Line, JsonSerdeCodec>("/chat", UseWebSocketOptions::default());
///     let hello = move |_| drop(chat.send(Line { nick: "ana".into(), text: "hello".into() }));
///     view! {
///         <button on:click=hello>"Say hello"</button>
///         <ul>{move || chat.messages.get().into_iter().map(|line| view! { <li>{line.nick}": "{line.text}</li> }).collect_view()}</ul>
///         <p>{move || chat.last_decode_error.get().map(|error| error.to_string())}</p>
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
    start(url, options, |value| C::to_message(&value), |message| C::from_message(&message))
}

/// Both hooks: opens the core with signals for `Rx`.
fn start<Tx, Rx>(
    url: &str,
    options: UseWebSocketOptions,
    encode: fn(Tx) -> Result<Message, Error>,
    decode: fn(Message) -> Result<Rx, DecodeError>,
) -> UseWebSocket<Tx, Rx> {
    let state = RwSignal::new((View::initial(), None));
    let messages = RwSignal::new_local(Vec::new());
    let history = options.history;
    let hook = Hook::new(url, options, Signals { state, messages, decode, history });
    hook.open();
    // The value is the owner's: when the component's owner is cleaned up (it unmounts), Leptos
    // drops it, which drops the connection and closes the socket; its driver then ends.
    let hook = StoredValue::new_local(hook);
    UseWebSocket {
        ready_state: Signal::derive(move || state.with(|(view, _)| view.status.ready_state())),
        status: Signal::derive(move || state.with(|(view, _)| view.status.clone())),
        last_close: Signal::derive(move || state.with(|(view, _)| view.last_close.clone())),
        last_error: Signal::derive(move || state.with(|(view, _)| view.last_error.clone())),
        messages: messages.read_only(),
        last_decode_error: Signal::derive(move || state.with(|(_, error)| error.clone())),
        hook,
        encode,
    }
}
