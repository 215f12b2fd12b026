//! A typed, leak-free [WebSocket](https://developer.mozilla.org/docs/Web/API/WebSocket) for
//! Rust in the browser, in windows and workers alike.
//!
//! [`WebSocket`] is a thin layer over the browser's own object: typed [`ReadyState`],
//! [`BinaryType`], [`Message`], [`CloseEvent`] and [`CloseCode`]; typed [`Error`]s, with invalid
//! input caught before it reaches JavaScript; sends refused with [`Error::NotOpen`] instead of
//! vanishing; and `on_*` callbacks whose [`Listener`] guards unregister them when dropped.
//!
//! ```no_run
//! # fn show(_: impl std::fmt::Debug) {}
//! use browser_websocket::{Message, WebSocket};
//!
//! let ws = WebSocket::open("wss://example.com/echo")?;
//! let _open = ws.on_open({
//!     let ws = ws.handle(); // cloneable, with the same typed checks
//!     move || drop(ws.send_text("hello"))
//! });
//! let _message = ws.on_message(|message| match message {
//!     Message::Text(text) => show(text),
//!     other => show(other),
//! });
//! let _close = ws.on_close(|event| {
//!     show(format!("closed with {} ({})", event.code, event.reason))
//! });
//! # Ok::<(), browser_websocket::Error>(())
//! ```
//!
//! The crate also builds for other targets, so server-side rendering links it; there,
//! opening a socket returns [`Error::Unsupported`].
//!
//! `use browser_websocket::prelude::*;` imports everything an app names, beside any framework's
//! prelude without a clash (the crate's [`Error`] comes as `WebSocketError`): see [`prelude`].
//!
//! ## Closing: one rule for every layer
//!
//! - The thin layer mirrors the DOM: [`WebSocket::close`] and [`SocketHandle::close`] send no
//!   code (the peer sees 1005, "no status") and return at once.
//! - Every layer above closes with 1000 (normal closure): `close()` on a [`Connection`], its
//!   [`Sender`] and a [`Reconnecting`] is the Sink's (`SinkExt::close`), which sends 1000 and
//!   waits for the close event (for `Reconnecting`, for the end: no reconnect follows); the
//!   hooks' `close()` sends 1000 and does not wait (their status reads closing, then closed).
//! - `close_with(code, reason)`, on every layer, checks the code (1000 or 3000..=4999) and the
//!   reason (at most 123 bytes) first, sends them, and does not wait; `closed()` does.
#![forbid(unsafe_code)]
#![deny(missing_docs, missing_debug_implementations)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod binary_type;
mod builder;
mod close;
#[cfg(feature = "codec")]
mod codec;
mod connection;
mod decode_error;
mod error;
mod handle;
#[cfg(any(feature = "leptos", feature = "yew", feature = "dioxus"))]
mod hooks;
#[cfg(feature = "json")]
mod json;
mod listener;
mod message;
pub mod prelude;
mod ready_state;
mod reconnect;
mod redact;
#[cfg(feature = "rpc")]
#[cfg_attr(docsrs, doc(cfg(feature = "rpc")))]
pub mod rpc;
mod socket;
#[cfg(feature = "stats")]
mod stats;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
mod timer;
mod trace;
mod url;
mod wakers;

pub use binary_type::BinaryType;
pub use builder::{Builder, DEFAULT_HIGH_WATER_MARK};
pub use close::{CloseCode, CloseEvent, DROPPED_REASON};
#[cfg(feature = "codec")]
#[cfg_attr(docsrs, doc(cfg(feature = "codec")))]
pub use codec::{MessageCodec, Payload, Typed};
/// The codec crate this one speaks (feature `codec`), re-exported so its version always matches;
/// enable the codecs you use through its features in your own `Cargo.toml`.
#[cfg(feature = "codec")]
#[cfg_attr(docsrs, doc(cfg(feature = "codec")))]
pub use codee;
pub use connection::{
    Closed, Connect, Connection, Drained, Receiver, Sender, CONNECT_TIMEOUT_REASON, DEFAULT_RECEIVE_BYTES,
    DEFAULT_RECEIVE_MESSAGES, OVERFLOW_CODE, OVERFLOW_REASON, UNOFFERED_PROTOCOL_REASON,
};
pub use decode_error::{DecodeError, FrameKind};
pub use error::{Error, JsError, UrlError};
pub use handle::SocketHandle;
// Not named `leptos`, so that `use browser_websocket::*;` beside `use leptos::prelude::*;` leaves
// `leptos` meaning the framework (`tests/glob.rs`); the module's own doc says what it holds.
#[cfg(feature = "leptos")]
#[cfg_attr(docsrs, doc(cfg(feature = "leptos")))]
pub use hooks::leptos as for_leptos;
// Likewise not named `yew`.
#[cfg(feature = "dioxus")]
#[cfg_attr(docsrs, doc(cfg(feature = "dioxus")))]
pub use hooks::dioxus as for_dioxus;
#[cfg(feature = "yew")]
#[cfg_attr(docsrs, doc(cfg(feature = "yew")))]
pub use hooks::yew as for_yew;
#[cfg(any(feature = "leptos", feature = "yew", feature = "dioxus"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "leptos", feature = "yew", feature = "dioxus"))))]
pub use hooks::{SocketStatus, UseWebSocketOptions};
pub use listener::Listener;
pub use message::Message;
pub use ready_state::ReadyState;
pub use reconnect::{Events, Lifecycle, Messages, Reconnect, Reconnecting, HEARTBEAT_CODE, HEARTBEAT_REASON};
pub use socket::WebSocket;
#[cfg(feature = "stats")]
#[cfg_attr(docsrs, doc(cfg(feature = "stats")))]
pub use stats::Stats;

/// The README's examples, compiled as doc tests so they stay true (with every framework
/// feature, as `cargo xtask test` runs them: the README shows the Leptos, Yew and Dioxus hooks).
#[cfg(all(doctest, feature = "leptos", feature = "yew", feature = "dioxus", feature = "stats"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
