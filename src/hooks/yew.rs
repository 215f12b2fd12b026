//! Feature `yew`: [`use_websocket`] for Yew 0.23.

use std::cell::RefCell;
use std::rc::Rc;

use yew::functional::{
    hook, use_effect_with, use_mut_ref, use_reducer, use_state_eq, Reducible, UseReducerHandle, UseStateSetter,
};

use super::{for_each, remember, state_after, UseWebSocketOptions};
use crate::{Connection, Error, Message, ReadyState, Reconnecting};

/// The messages a component has received, kept by a reducer, so that every message of a burst
/// is added (a plain `use_state` setter would keep only the last).
///
/// ```no_run
/// # use yew::prelude::*;
/// # #[function_component]
/// # fn Feed() -> Html {
/// let ws = browser_websocket::yew::use_websocket("/feed", Default::default());
/// let count = ws.messages().len(); // reads `Received::messages`
/// # html! { {count} }
/// # }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Received {
    /// Every message received, in order (the last [`UseWebSocketOptions::history`] of them).
    pub messages: Vec<Message>,
    history: usize,
}

impl Reducible for Received {
    type Action = Message;

    fn reduce(mut self: Rc<Self>, message: Message) -> Rc<Self> {
        let received = Rc::make_mut(&mut self);
        remember(&mut received.messages, message, received.history);
        self
    }
}

/// What [`use_websocket`] returns: the state and messages to render, and methods to send and
/// close.
///
/// ```no_run
/// use browser_websocket::yew::use_websocket;
/// use browser_websocket::{Message, UseWebSocketOptions};
/// use yew::prelude::*;
///
/// #[function_component]
/// fn Ticker() -> Html {
///     let ws = use_websocket("/ticks", UseWebSocketOptions::default());
///     let more = { let ws = ws.clone(); Callback::from(move |_| drop(ws.send(Message::Text("more".into())))) };
///     html! {
///         <>
///             <p>{ ws.ready_state.to_string() }</p>
///             <button onclick={more}>{"More"}</button>
///             <ul>{ for ws.messages().iter().map(|m| html! { <li>{ format!("{m:?}") }</li> }) }</ul>
///         </>
///     }
/// }
/// ```
#[derive(Clone)]
pub struct UseWebSocketHandle {
    /// Connecting, open, closing or closed, as the connection's lifecycle goes.
    pub ready_state: ReadyState,
    received: UseReducerHandle<Received>,
    connection: Rc<RefCell<Option<Reconnecting>>>,
    set_state: UseStateSetter<ReadyState>,
}

impl UseWebSocketHandle {
    /// Every message received so far, in order.
    ///
    /// ```no_run
    /// # use yew::prelude::*;
    /// # #[function_component]
    /// # fn Feed() -> Html {
    /// let ws = browser_websocket::yew::use_websocket("/feed", Default::default());
    /// html! { <p>{ ws.messages().len() }</p> }
    /// # }
    /// ```
    pub fn messages(&self) -> &[Message] {
        &self.received.messages
    }

    /// Sends a message; before the connection opens (or while reconnecting) it waits in the
    /// offline queue. Errors are the crate's ([`Error::QueueFull`], [`Error::NotOpen`]).
    ///
    /// ```no_run
    /// # use yew::prelude::*;
    /// # #[function_component]
    /// # fn Feed() -> Html {
    /// let ws = browser_websocket::yew::use_websocket("/feed", Default::default());
    /// let more = Callback::from(move |_: MouseEvent| drop(ws.send("more".into())));
    /// html! { <button onclick={more}>{"More"}</button> }
    /// # }
    /// ```
    pub fn send(&self, message: Message) -> Result<(), Error> {
        match self.connection.borrow().as_ref() {
            Some(connection) => connection.try_send(message),
            None => Err(Error::NotOpen(self.ready_state)),
        }
    }

    /// Closes for good with a code (1000 or 3000..=4999) and a reason: no reconnect follows.
    ///
    /// ```no_run
    /// # use yew::prelude::*;
    /// # #[function_component]
    /// # fn Feed() -> Html {
    /// let ws = browser_websocket::yew::use_websocket("/feed", Default::default());
    /// let leave = Callback::from(move |_: MouseEvent| drop(ws.close_with(4000, "left")));
    /// html! { <button onclick={leave}>{"Leave"}</button> }
    /// # }
    /// ```
    pub fn close_with(&self, code: u16, reason: &str) -> Result<(), Error> {
        if let Some(connection) = self.connection.borrow().as_ref() {
            connection.close_with(code, reason)?;
            self.set_state.set(ReadyState::Closing);
        }
        Ok(())
    }

    /// Closes for good with 1000.
    ///
    /// ```no_run
    /// # use yew::prelude::*;
    /// # #[function_component]
    /// # fn Feed() -> Html {
    /// let ws = browser_websocket::yew::use_websocket("/feed", Default::default());
    /// let leave = Callback::from(move |_: MouseEvent| ws.close());
    /// html! { <button onclick={leave}>{"Leave"}</button> }
    /// # }
    /// ```
    pub fn close(&self) {
        let _ = self.close_with(1000, "");
    }
}

impl core::fmt::Debug for UseWebSocketHandle {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("UseWebSocketHandle")
            .field("ready_state", &self.ready_state)
            .field("messages", &self.received.messages.len())
            .finish_non_exhaustive()
    }
}

/// Opens `url` for the component that calls it (again when `url` changes), and closes it when
/// the component unmounts. Under server-side rendering nothing is opened and the state is
/// closed.
///
/// ```no_run
/// use browser_websocket::yew::use_websocket;
/// use browser_websocket::{Reconnect, UseWebSocketOptions};
/// use yew::prelude::*;
///
/// #[function_component]
/// fn Live() -> Html {
///     let ws = use_websocket("/live", UseWebSocketOptions::default().reconnect(Some(Reconnect::default())));
///     html! { <p>{ ws.messages().len() }</p> }
/// }
/// ```
#[hook]
pub fn use_websocket(url: &str, options: UseWebSocketOptions) -> UseWebSocketHandle {
    let initial = if cfg!(target_arch = "wasm32") { ReadyState::Connecting } else { ReadyState::Closed };
    let state = use_state_eq(|| initial);
    let history = options.history;
    let received = use_reducer(|| Received { messages: Vec::new(), history });
    let connection = use_mut_ref(|| None::<Reconnecting>);
    {
        let (set_state, dispatcher, connection) = (state.setter(), received.dispatcher(), connection.clone());
        use_effect_with(url.to_owned(), move |url| {
            let protocols: Vec<&str> = options.protocols.iter().map(String::as_str).collect();
            match Connection::builder(url).protocols(&protocols).reconnect(options.policy()) {
                Ok(live) => {
                    wasm_bindgen_futures::spawn_local(for_each(live.messages(), move |m| {
                        dispatcher.dispatch(m);
                        true
                    }));
                    let set = set_state.clone();
                    wasm_bindgen_futures::spawn_local(for_each(live.events(), move |e| {
                        set.set(state_after(&e));
                        true
                    }));
                    *connection.borrow_mut() = Some(live);
                }
                Err(_) => set_state.set(ReadyState::Closed),
            }
            // Dropping the connection closes the socket; the tasks above then end.
            move || drop(connection.borrow_mut().take())
        });
    }
    UseWebSocketHandle { ready_state: *state, received, connection, set_state: state.setter() }
}
