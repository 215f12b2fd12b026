//! Everything an app names, for one glob import beside a framework's prelude.
//!
//! `use browser_websocket::prelude::*;` brings the types the README's examples use, under names
//! that no framework's prelude exports: the crate's [`Error`](crate::Error) comes as
//! [`WebSocketError`] (Leptos's prelude has an `Error` of its own, and two glob imports of one
//! name make it ambiguous). Each framework's module (`for_leptos`, `for_yew`, `for_dioxus`)
//! re-exports this prelude beside its hooks, so one `use` line brings everything a component
//! needs; `tests/glob.rs` names every item here beside each framework's prelude, with warnings
//! denied.
//!
//! ```no_run
//! use browser_websocket::prelude::*;
//!
//! fn greet(ws: &WebSocket) -> Result<(), WebSocketError> {
//!     ws.send_text("hello")
//! }
//! ```

pub use crate::Error as WebSocketError;
pub use crate::{
    BinaryType, Builder, CloseCode, CloseEvent, Closed, Connection, DecodeError, Drained, FrameKind, JsError,
    Lifecycle, Listener, Message, ReadyState, Receiver, Reconnect, Reconnecting, Sender, SocketHandle, UrlError,
    WebSocket,
};

#[cfg(feature = "codec")]
#[cfg_attr(docsrs, doc(cfg(feature = "codec")))]
pub use crate::{codee, MessageCodec, Typed};

/// codee's serde_json codec, the one feature `json` enables (feature `json`).
#[cfg(feature = "json")]
#[cfg_attr(docsrs, doc(cfg(feature = "json")))]
pub use codee::string::JsonSerdeCodec;

#[cfg(any(feature = "leptos", feature = "yew", feature = "dioxus"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "leptos", feature = "yew", feature = "dioxus"))))]
pub use crate::{SocketStatus, UseWebSocketOptions};

#[cfg(feature = "stats")]
#[cfg_attr(docsrs, doc(cfg(feature = "stats")))]
pub use crate::Stats;
