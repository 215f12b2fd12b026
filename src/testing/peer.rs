//! The scripted peer's side of one connection: [`Handshake`] until it is answered, then [`Peer`].

use core::cell::RefCell;
use core::fmt;
use core::future::poll_fn;
use core::task::{Poll, Waker};
use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::inbox::Inbox;
use super::js;
use crate::wakers::{park, wake};
use crate::{CloseEvent, Message};

/// One connection as the kit holds it: the fake socket, what the client asked for, and what it
/// sent.
pub(crate) struct Link {
    socket: JsValue,
    url: String,
    protocols: Vec<String>,
    protocol: RefCell<Option<String>>,
    messages: RefCell<Inbox<Message>>,
    close: RefCell<(Option<CloseEvent>, Option<Waker>)>,
}

impl Link {
    pub fn new(socket: JsValue, url: String, protocols: Vec<String>) -> Rc<Link> {
        Rc::new(Link {
            socket,
            url,
            protocols,
            protocol: RefCell::new(None),
            messages: RefCell::default(),
            close: RefCell::new((None, None)),
        })
    }

    /// A message the client sent.
    pub fn received(&self, message: Message) {
        let waker = self.messages.borrow_mut().push(message);
        wake(waker);
    }

    /// The connection's end as the peer sees it (the first one counts): the client's close
    /// frame, 1006 for a handshake it gave up or a dropped connection.
    pub fn ended(&self, event: CloseEvent) {
        let waker = {
            let mut close = self.close.borrow_mut();
            if close.0.is_none() {
                close.0 = Some(event);
            }
            close.1.take()
        };
        wake(waker);
        let waker = self.messages.borrow_mut().end();
        wake(waker);
    }

    fn dropped() -> CloseEvent {
        CloseEvent { code: 1006, reason: String::new(), was_clean: false }
    }
}

/// A connection attempt, waiting for the peer's answer: [`accept`](Handshake::accept) it (with a
/// subprotocol or without), [`refuse`](Handshake::refuse) it, or wait before either to delay it.
/// Until then the client's socket stays `CONNECTING`; dropped unanswered, it stays so, as with a
/// server that never answers.
pub struct Handshake {
    link: Rc<Link>,
}

impl Handshake {
    pub(crate) fn new(link: Rc<Link>) -> Handshake {
        Handshake { link }
    }

    /// The URL the client opened, resolved as the browser resolves it (`/chat` on
    /// `http://localhost:8080` is `ws://localhost:8080/chat`).
    pub fn url(&self) -> &str {
        &self.link.url
    }

    /// The subprotocols the client offered, in its order.
    pub fn protocols(&self) -> &[String] {
        &self.link.protocols
    }

    /// Completes the handshake without a subprotocol: the client's `open` event follows.
    pub fn accept(self) -> Peer {
        js::accept(&self.link.socket, "");
        Peer { link: self.link }
    }

    /// Completes the handshake selecting `protocol`, which the client then reads from
    /// `protocol()`. The kit does not check that it was offered: a server may select one that
    /// was not, and each engine treats that in its own way (the README's "Where the engines
    /// differ").
    pub fn accept_with(self, protocol: &str) -> Peer {
        js::accept(&self.link.socket, protocol);
        *self.link.protocol.borrow_mut() = Some(protocol.to_owned());
        Peer { link: self.link }
    }

    /// Fails the handshake, as an HTTP error status would: the client sees `error`, then a close
    /// event with 1006, unclean.
    pub fn refuse(self) {
        js::refuse(&self.link.socket);
        self.link.ended(Link::dropped());
    }
}

impl fmt::Debug for Handshake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handshake").field("protocols", &self.link.protocols).finish_non_exhaustive()
    }
}

/// The scripted peer of one open connection: receive what the client sent, send to it, close
/// or drop the connection, see how the client closed it.
///
/// Clones share the connection (one can send while another waits to receive). Dropping every
/// clone leaves the connection open; dropping the [`MockServer`](super::MockServer) drops it.
#[derive(Clone)]
pub struct Peer {
    link: Rc<Link>,
}

impl Peer {
    /// The URL the client opened, resolved as the browser resolves it.
    pub fn url(&self) -> &str {
        &self.link.url
    }

    /// The subprotocol selected with [`Handshake::accept_with`], if any.
    pub fn protocol(&self) -> Option<String> {
        self.link.protocol.borrow().clone()
    }

    /// The next message the client sent, in order: text as [`Message::Text`], binary (an
    /// `ArrayBuffer`, a typed array or a `Blob`) as [`Message::Binary`]. `None` once the client
    /// has closed the connection or it has ended, after the last message before that.
    pub async fn recv(&self) -> Option<Message> {
        poll_fn(|cx| self.link.messages.borrow_mut().poll_next(cx)).await
    }

    /// Sends a message to the client; a [`Message::Blob`] is read first, in order. Nothing is
    /// delivered once the client is closing, as in a browser.
    pub fn send(&self, message: impl Into<Message>) {
        let data = match message.into() {
            Message::Text(text) => JsValue::from(text),
            Message::Binary(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
            Message::Blob(blob) => blob.into(),
        };
        js::deliver(&self.link.socket, &data);
    }

    /// Closes the connection cleanly with `code` and `reason`, as a server's Close frame does: the
    /// client answers with the same code (which [`closed`](Peer::closed) then reports) and sees
    /// a clean close event with them. Any code goes, as from a real server (1000, 1001, 1011,
    /// 4000, ...); 1005 means a Close frame without a code.
    pub fn close(&self, code: u16, reason: &str) {
        js::close(&self.link.socket, code, reason, true);
    }

    /// Drops the connection without a Close frame, as a network failure or a killed server does:
    /// the client sees a close event with 1006, unclean.
    pub fn drop_connection(&self) {
        js::close(&self.link.socket, 1006, "", false);
        self.link.ended(Link::dropped());
    }

    /// How the connection ended, seen from here: the code and reason of the client's Close frame
    /// (1005 when it sent none, `was_clean` true), its answer to [`close`](Peer::close), or 1006
    /// (`was_clean` false) when the connection was dropped. Waits for the end.
    pub async fn closed(&self) -> CloseEvent {
        poll_fn(|cx| {
            let mut close = self.link.close.borrow_mut();
            match &close.0 {
                Some(event) => Poll::Ready(event.clone()),
                None => {
                    park(&mut close.1, cx);
                    Poll::Pending
                }
            }
        })
        .await
    }
}

impl fmt::Debug for Peer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Peer").field("protocol", &self.protocol()).finish_non_exhaustive()
    }
}

#[cfg(feature = "codec")]
impl Peer {
    /// (Features `testing` and `codec`.) The next message the client sent, decoded by the codec
    /// `C` (see [`Message::decode`]); `None` as for [`recv`](Peer::recv).
    ///
    /// ```no_run
    /// # async fn demo(peer: browser_websocket::testing::Peer) {
    /// use browser_websocket::codee::string::JsonSerdeCodec;
    ///
    /// #[derive(serde::Deserialize, Debug, PartialEq)]
    /// struct Join { room: String }
    ///
    /// let join = peer.recv_typed::<JsonSerdeCodec, Join>().await;
    /// assert_eq!(join, Some(Ok(Join { room: "lobby".into() })));
    /// # }
    /// ```
    pub async fn recv_typed<C, T>(&self) -> Option<Result<T, crate::DecodeError>>
    where
        C: codee::Decoder<T>,
        C::Encoded: crate::Payload,
        C::Error: core::fmt::Display,
    {
        self.recv().await.map(|message| message.decode::<C, T>())
    }

    /// (Features `testing` and `codec`.) Sends `value` encoded by the codec `C` (see
    /// [`Message::encode`]); a value the codec cannot encode is [`Error::Encode`](crate::Error::Encode).
    pub fn send_typed<C, T>(&self, value: &T) -> Result<(), crate::Error>
    where
        C: codee::Encoder<T>,
        C::Encoded: Into<Message>,
        C::Error: core::fmt::Display,
    {
        self.send(Message::encode::<C, T>(value)?);
        Ok(())
    }
}
