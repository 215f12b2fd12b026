//! Feature `leptos`: [`use_websocket`] for Leptos 0.8.

use leptos::prelude::{on_cleanup, Dispose, LocalStorage, ReadSignal, RwSignal, Set, StoredValue, Update, WithValue};

use super::{for_each, remember, state_after, UseWebSocketOptions};
use crate::{Connection, Error, Message, ReadyState, Reconnecting};

/// What [`use_websocket`] returns: signals to render from, and methods to send and close.
/// `Copy`, so it moves into any number of event handlers.
///
/// ```no_run
/// use browser_websocket::leptos::use_websocket;
/// use browser_websocket::{Message, UseWebSocketOptions};
/// use leptos::prelude::*;
///
/// #[component]
/// fn Ticker() -> impl IntoView {
///     let ws = use_websocket("/ticks", UseWebSocketOptions::default());
///     view! {
///         <p>{move || ws.ready_state.get().to_string()}</p>
///         <button on:click=move |_| drop(ws.send(Message::Text("more".into())))>"More"</button>
///         <ul>{move || ws.messages.with(|all| all.iter().map(|m| view! { <li>{format!("{m:?}")}</li> }).collect_view())}</ul>
///     }
/// }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct UseWebSocket {
    /// Connecting, open, closing or closed, as the connection's lifecycle goes.
    pub ready_state: ReadSignal<ReadyState>,
    /// Every message received, in order (the last [`UseWebSocketOptions::history`] of them): a
    /// burst adds all its messages, never only the latest.
    pub messages: ReadSignal<Vec<Message>, LocalStorage>,
    connection: StoredValue<Option<Reconnecting>, LocalStorage>,
    state: RwSignal<ReadyState>,
}

impl UseWebSocket {
    /// Sends a message; before the connection opens (or while reconnecting) it waits in the
    /// offline queue. Errors are the crate's: [`Error::QueueFull`], [`Error::NotOpen`] once
    /// closed, [`Error::Unsupported`] under server-side rendering.
    ///
    /// ```no_run
    /// # use browser_websocket::leptos::use_websocket;
    /// # use browser_websocket::{Message, UseWebSocketOptions};
    /// let ws = use_websocket("/chat", UseWebSocketOptions::default());
    /// let send_hello = move |_: ()| drop(ws.send(Message::Text("hello".into())));
    /// ```
    pub fn send(&self, message: Message) -> Result<(), Error> {
        self.connection
            .try_with_value(|connection| match connection {
                Some(connection) => connection.try_send(message),
                None => Err(Error::Unsupported),
            })
            .unwrap_or(Err(Error::NotOpen(ReadyState::Closed)))
    }

    /// Closes for good with a code (1000 or 3000..=4999) and a reason: no reconnect follows.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::leptos::use_websocket("/chat", Default::default());
    /// ws.close_with(4000, "logged out")?;
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    pub fn close_with(&self, code: u16, reason: &str) -> Result<(), Error> {
        let closed = self
            .connection
            .try_with_value(|connection| connection.as_ref().map(|c| c.close_with(code, reason)))
            .flatten()
            .unwrap_or(Ok(()));
        if closed.is_ok() {
            self.state.try_update(|state| {
                if *state != ReadyState::Closed {
                    *state = ReadyState::Closing;
                }
            });
        }
        closed
    }

    /// Closes for good with 1000.
    ///
    /// ```no_run
    /// # let ws = browser_websocket::leptos::use_websocket("/chat", Default::default());
    /// ws.close();
    /// ```
    pub fn close(&self) {
        let _ = self.close_with(1000, "");
    }
}

/// Opens `url` for the component that calls it, and closes it when the component unmounts.
/// Under server-side rendering (not wasm32) it opens nothing: the state stays closed and
/// `send` answers [`Error::Unsupported`].
///
/// ```no_run
/// use browser_websocket::leptos::use_websocket;
/// use browser_websocket::{Reconnect, UseWebSocketOptions};
///
/// let options = UseWebSocketOptions::default().reconnect(Some(Reconnect::default()));
/// let ws = use_websocket("/live", options);
/// ```
pub fn use_websocket(url: &str, options: UseWebSocketOptions) -> UseWebSocket {
    let state = RwSignal::new(ReadyState::Connecting);
    let messages = RwSignal::new_local(Vec::new());
    let protocols: Vec<&str> = options.protocols.iter().map(String::as_str).collect();
    let opened = Connection::builder(url).protocols(&protocols).reconnect(options.policy());
    let connection = match opened {
        Ok(connection) => {
            let history = options.history;
            let incoming = connection.messages();
            wasm_bindgen_futures::spawn_local(for_each(incoming, move |message| {
                messages.try_update(|all| remember(all, message, history)).is_some()
            }));
            wasm_bindgen_futures::spawn_local(for_each(connection.events(), move |event| {
                state.try_set(state_after(&event)).is_none()
            }));
            Some(connection)
        }
        Err(_) => {
            state.set(ReadyState::Closed);
            None
        }
    };
    let connection = StoredValue::new_local(connection);
    // Dropping the connection closes the socket; the tasks above then end.
    on_cleanup(move || connection.dispose());
    UseWebSocket { ready_state: state.read_only(), messages: messages.read_only(), connection, state }
}
