//! Feature `yew`: [`use_websocket`] for Yew 0.23, a thin adapter over the hooks' one core.
//!
//! The module is `browser_websocket::for_yew`, not `yew`, so that a glob import of this crate
//! beside `use yew::prelude::*;` leaves `yew` meaning the framework.

use std::rc::Rc;

use yew::functional::Hook as YewHook;
use yew::functional::{
    hook, use_effect_with, use_mut_ref, use_reducer, use_state_eq, Reducible, UseReducerDispatcher, UseReducerHandle,
    UseStateSetter,
};

use super::hook::{Hook, Render};
use super::remember;
use super::status::View;
/// The crate's [`prelude`](crate::prelude), re-exported here: `use browser_websocket::for_yew::*;` brings
/// the hooks and every type their examples name (the crate's `Error` as `WebSocketError`).
pub use crate::prelude::*;
use crate::Error;

/// (Feature `yew`.) The messages a component has received, kept by a reducer, so that every message of a burst
/// is added (a plain `use_state` setter would keep only the last).
///
/// ```no_run
/// # use yew::prelude::*;
/// # #[function_component]
/// # fn Feed() -> Html {
/// let ws = browser_websocket::for_yew::use_websocket("/feed", Default::default());
/// let count = ws.messages().len(); // reads `Received::messages`
/// # html! { {count} }
/// # }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Received<Rx = Message> {
    /// Every message received, in order (the last [`UseWebSocketOptions::history`] of them);
    /// with [`use_typed_websocket`], the decoded ones.
    pub messages: Vec<Rx>,
    /// The last message that could not be decoded, with [`use_typed_websocket`].
    pub last_decode_error: Option<DecodeError>,
    history: usize,
}

impl<Rx: Clone> Reducible for Received<Rx> {
    type Action = Result<Rx, DecodeError>;

    fn reduce(mut self: Rc<Self>, decoded: Self::Action) -> Rc<Self> {
        let received = Rc::make_mut(&mut self);
        match decoded {
            Ok(message) => remember(&mut received.messages, message, received.history),
            Err(error) => received.last_decode_error = Some(error),
        }
        self
    }
}

/// (Feature `yew`.) What [`use_websocket`] returns: the state and messages to render, and methods to send,
/// close and open again.
///
/// ```no_run
/// use browser_websocket::for_yew::use_websocket;
/// use browser_websocket::{Message, UseWebSocketOptions};
/// use yew::prelude::*;
///
/// #[function_component]
/// fn Ticker() -> Html {
///     let ws = use_websocket("/ticks", UseWebSocketOptions::default());
///     let more = { let ws = ws.clone(); Callback::from(move |_| drop(ws.send(Message::Text("more".into())))) };
///     html! {
///         <>
///             <p>{ ws.status.to_string() }</p>
///             <button onclick={more}>{"More"}</button>
///             <ul>{ for ws.messages().iter().map(|m| html! { <li>{ format!("{m:?}") }</li> }) }</ul>
///         </>
///     }
/// }
/// ```
///
/// [`use_typed_websocket`] returns one whose messages are your own type and whose `send` takes
/// one: `UseWebSocketHandle<Tx, Rx>`. The plain one is `UseWebSocketHandle<Message, Message>`.
pub struct UseWebSocketHandle<Tx = Message, Rx: Clone + 'static = Message> {
    /// Connecting, open, closing or closed; never closed while a reconnect is coming.
    pub ready_state: ReadyState,
    /// Where the connection stands: connecting, open, reconnecting (with the attempt and the
    /// delay), paused, gave up, closing, closed.
    pub status: SocketStatus,
    /// The close event of the last connection or attempt that ended, if any.
    pub last_close: Option<CloseEvent>,
    /// The last error: an open error (an invalid URL, say) or a failed attempt; cleared when a
    /// connection opens.
    pub last_error: Option<Error>,
    received: UseReducerHandle<Received<Rx>>,
    hook: Rc<Hook>,
    encode: fn(Tx) -> Result<Message, Error>,
}

impl<Tx, Rx: Clone> Clone for UseWebSocketHandle<Tx, Rx> {
    fn clone(&self) -> Self {
        UseWebSocketHandle {
            ready_state: self.ready_state,
            status: self.status.clone(),
            last_close: self.last_close.clone(),
            last_error: self.last_error.clone(),
            received: self.received.clone(),
            hook: self.hook.clone(),
            encode: self.encode,
        }
    }
}

impl<Tx, Rx: Clone> UseWebSocketHandle<Tx, Rx> {
    /// Every message received so far, in order.
    ///
    /// ```no_run
    /// # use yew::prelude::*;
    /// # #[function_component]
    /// # fn Feed() -> Html {
    /// let ws = browser_websocket::for_yew::use_websocket("/feed", Default::default());
    /// html! { <p>{ ws.messages().len() }</p> }
    /// # }
    /// ```
    pub fn messages(&self) -> &[Rx] {
        &self.received.messages
    }

    /// The last message that could not be decoded, with [`use_typed_websocket`] (it is not in
    /// `messages`; the ones after it are). Always `None` for the plain hook.
    ///
    /// ```no_run
    /// # use yew::prelude::*;
    /// # #[function_component]
    /// # fn Feed() -> Html {
    /// let ws = browser_websocket::for_yew::use_websocket("/feed", Default::default());
    /// html! { <p>{ ws.last_decode_error().map(|error| error.to_string()) }</p> }
    /// # }
    /// ```
    pub fn last_decode_error(&self) -> Option<&DecodeError> {
        self.received.last_decode_error.as_ref()
    }

    /// Sends a message (with [`use_typed_websocket`], a value, encoded first); before the
    /// connection opens (or while reconnecting) it waits in the offline queue. Errors are the
    /// crate's: [`Error::QueueFull`], [`Error::NotOpen`] once closed, [`Error::Unsupported`] under
    /// server-side rendering, [`Error::Encode`] for a value the codec cannot encode.
    ///
    /// ```no_run
    /// # use yew::prelude::*;
    /// # #[function_component]
    /// # fn Feed() -> Html {
    /// let ws = browser_websocket::for_yew::use_websocket("/feed", Default::default());
    /// let more = Callback::from(move |_: MouseEvent| drop(ws.send("more".into())));
    /// html! { <button onclick={more}>{"More"}</button> }
    /// # }
    /// ```
    pub fn send(&self, message: Tx) -> Result<(), Error> {
        self.hook.send((self.encode)(message)?)
    }

    /// (Feature `rpc`.) The JSON-RPC client over this hook's connection, when its options asked
    /// for one ([`UseWebSocketOptions::rpc`](crate::UseWebSocketOptions::rpc)): `call` and
    /// `subscribe` from the component's tasks. `None` without it, and before the first open.
    #[cfg(feature = "rpc")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rpc")))]
    pub fn rpc(&self) -> Option<crate::rpc::Client> {
        self.hook.rpc()
    }

    /// Closes for good with a code (1000 or 3000..=4999) and a reason: no reconnect follows.
    ///
    /// ```no_run
    /// # use yew::prelude::*;
    /// # #[function_component]
    /// # fn Feed() -> Html {
    /// let ws = browser_websocket::for_yew::use_websocket("/feed", Default::default());
    /// let leave = Callback::from(move |_: MouseEvent| drop(ws.close_with(4000, "left")));
    /// html! { <button onclick={leave}>{"Leave"}</button> }
    /// # }
    /// ```
    pub fn close_with(&self, code: u16, reason: &str) -> Result<(), Error> {
        self.hook.close_with(code, reason)
    }

    /// What the connection has moved so far (feature `stats`): a snapshot, not state (read it
    /// on a timer to show it live). See [`Stats`](crate::Stats).
    #[cfg(feature = "stats")]
    #[cfg_attr(docsrs, doc(cfg(feature = "stats")))]
    pub fn stats(&self) -> crate::Stats {
        self.hook.stats()
    }

    /// Closes for good with 1000 (normal closure), as every layer above the thin
    /// [`WebSocket`](crate::WebSocket) does, and does not wait: `status` reads closing at once,
    /// then closed when the close event comes. No reconnect follows; `close_with` sends a code
    /// and reason of your own.
    ///
    /// ```no_run
    /// # use yew::prelude::*;
    /// # #[function_component]
    /// # fn Feed() -> Html {
    /// let ws = browser_websocket::for_yew::use_websocket("/feed", Default::default());
    /// let leave = Callback::from(move |_: MouseEvent| ws.close());
    /// html! { <button onclick={leave}>{"Leave"}</button> }
    /// # }
    /// ```
    pub fn close(&self) {
        self.hook.close();
    }

    /// Starts again with the same URL and options: after giving up or closing, or to replace
    /// the current connection (which is closed). Does nothing under server-side rendering.
    ///
    /// ```no_run
    /// # use yew::prelude::*;
    /// # #[function_component]
    /// # fn Feed() -> Html {
    /// let ws = browser_websocket::for_yew::use_websocket("/feed", Default::default());
    /// let retry = Callback::from(move |_: MouseEvent| ws.open());
    /// html! { <button onclick={retry}>{"Try again"}</button> }
    /// # }
    /// ```
    pub fn open(&self) {
        self.hook.open();
    }
}

impl<Tx, Rx: Clone> core::fmt::Debug for UseWebSocketHandle<Tx, Rx> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("UseWebSocketHandle")
            .field("status", &self.status)
            .field("last_close", &self.last_close)
            .field("last_error", &self.last_error)
            .field("messages", &self.received.messages.len())
            .finish_non_exhaustive()
    }
}

/// The state handles the core's events land in.
struct Handles<Rx: Clone + 'static> {
    view: UseStateSetter<View>,
    received: UseReducerDispatcher<Received<Rx>>,
    decode: fn(Message) -> Result<Rx, DecodeError>,
}

impl<Rx: Clone + 'static> Render for Handles<Rx> {
    fn show(&self, view: View) {
        self.view.set(view);
    }

    fn receive(&self, message: Message) {
        self.received.dispatch((self.decode)(message));
    }
}

/// (Feature `yew`.) Opens `url` for the component that calls it (again when `url` changes), and closes it when
/// the component unmounts. Under server-side rendering nothing is opened: the status is closed
/// and `send` answers [`Error::Unsupported`].
///
/// ```no_run
/// use browser_websocket::for_yew::use_websocket;
/// use browser_websocket::{Reconnect, UseWebSocketOptions};
/// use yew::prelude::*;
///
/// #[function_component]
/// fn Live() -> Html {
///     let ws = use_websocket("/live", UseWebSocketOptions::default().reconnect(Some(Reconnect::default())));
///     html! { <p>{ ws.messages().len() }</p> }
/// }
/// ```
///
/// Call it like any Yew hook, at the top of a function component or of another hook: it gives a
/// [`UseWebSocketHandle`]. (Its signature is that of every Yew hook, a value that runs inside the
/// component.)
pub fn use_websocket<'hook>(
    url: &'hook str,
    options: UseWebSocketOptions,
) -> impl 'hook + YewHook<Output = UseWebSocketHandle> {
    use_coded_websocket(url, options, Ok, Ok)
}

/// [`use_websocket`] sending `Tx` and receiving `Rx` through the codec `C` (feature `codec`; the
/// app enables its codecs through codee's features). `messages()` holds the decoded values; a
/// message that does not decode is kept in `last_decode_error()` instead, and the ones after it
/// still arrive.
///
/// ```no_run
/// use browser_websocket::for_yew::use_typed_websocket;
/// use browser_websocket::UseWebSocketOptions;
/// use browser_websocket::codee::string::JsonSerdeCodec;
/// use serde::{Deserialize, Serialize};
/// use yew::prelude::*;
///
/// #[derive(Clone, PartialEq, Serialize, Deserialize)]
/// struct Line { nick: String, text: String }
///
/// #[function_component]
/// fn Chat() -> Html {
///     let chat = use_typed_websocket::<Line, Line, JsonSerdeCodec>("/chat", UseWebSocketOptions::default());
///     let hello = {
///         let chat = chat.clone();
///         Callback::from(move |_| drop(chat.send(Line { nick: "ana".into(), text: "hello".into() })))
///     };
///     html! {
///         <>
///             <button onclick={hello}>{"Say hello"}</button>
///             <ul>{ for chat.messages().iter().map(|line| html! { <li>{ format!("{}: {}", line.nick, line.text) }</li> }) }</ul>
///         </>
///     }
/// }
/// ```
///
/// Called like [`use_websocket`], it gives a [`UseWebSocketHandle<Tx, Rx>`](UseWebSocketHandle).
#[cfg(feature = "codec")]
#[cfg_attr(docsrs, doc(cfg(feature = "codec")))]
pub fn use_typed_websocket<'hook, Tx, Rx, C>(
    url: &'hook str,
    options: UseWebSocketOptions,
) -> impl 'hook + YewHook<Output = UseWebSocketHandle<Tx, Rx>>
where
    Tx: 'static,
    Rx: Clone + 'static,
    C: crate::MessageCodec<Tx, Rx>,
{
    use_coded_websocket(url, options, |value| C::to_message(&value), |message| C::from_message(&message))
}

/// Both hooks: the core with state handles for `Rx`.
#[hook]
fn use_coded_websocket<Tx, Rx>(
    url: &str,
    options: UseWebSocketOptions,
    encode: fn(Tx) -> Result<Message, Error>,
    decode: fn(Message) -> Result<Rx, DecodeError>,
) -> UseWebSocketHandle<Tx, Rx>
where
    Tx: 'static,
    Rx: Clone + 'static,
{
    let view = use_state_eq(View::initial);
    let history = options.history;
    let received = use_reducer(|| Received { messages: Vec::new(), last_decode_error: None, history });
    let handles = Handles { view: view.setter(), received: received.dispatcher(), decode };
    let hook = use_mut_ref(|| Hook::new(url, options, handles)).borrow().clone();
    {
        let hook = hook.clone();
        // Effects run only in the browser, never under server-side rendering.
        use_effect_with(url.to_owned(), move |url| {
            hook.open_url(url);
            move || hook.shut()
        });
    }
    let View { status, last_close, last_error } = (*view).clone();
    UseWebSocketHandle { ready_state: status.ready_state(), status, last_close, last_error, received, hook, encode }
}
