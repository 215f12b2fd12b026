//! (Feature `testing`.) Test your app's WebSocket code in the browser against a scripted peer,
//! with no server.
//!
//! While a [`MockServer`] lives, `new WebSocket(url)` for a URL it [claims](Claim) connects to
//! an in-page fake socket whose other end is a [`Peer`] your test drives; every other URL goes
//! to the browser's own `WebSocket`. Dropping the server puts the page back. Every layer of this
//! crate (the thin `WebSocket`, `Connection`, `Reconnecting`, the typed layers and the hooks), and
//! any other library on the page, runs its real code against it.
//!
//! Enable it for tests only:
//!
//! ```toml
//! [dev-dependencies]
//! browser-websocket = { version = "0.1", features = ["testing"] }
//! ```
//!
//! ```no_run
//! # async fn demo() -> Result<(), browser_websocket::Error> {
//! use browser_websocket::testing::MockServer;
//! use browser_websocket::{Connection, Message};
//! use futures::{SinkExt, StreamExt};
//!
//! let server = MockServer::listen("ws://chat.test/");
//! let (client, peer) = futures::join!(Connection::connect("ws://chat.test/room"), async {
//!     let handshake = server.accept().await;
//!     assert_eq!(handshake.url(), "ws://chat.test/room");
//!     handshake.accept()
//! });
//! let mut client = client?;
//! client.send(Message::Text("hello".into())).await?;
//! assert_eq!(peer.recv().await, Some(Message::Text("hello".into())));
//! peer.send("welcome");
//! assert_eq!(client.next().await, Some(Message::Text("welcome".into())));
//! peer.drop_connection(); // the client sees 1006, unclean
//! assert_eq!(client.closed().await.code, 1006);
//! # Ok(())
//! # }
//! ```
//!
//! The fake socket behaves as the WHATWG WebSockets Standard says: every event comes in a task of
//! its own, in order, as a real `Event`, `MessageEvent` or `CloseEvent`, through
//! `addEventListener` and the `on*` properties alike; `readyState`, `binaryType` (binary messages
//! arrive as a `Blob` or an `ArrayBuffer`), `protocol`, `extensions`, `bufferedAmount` and `url`
//! read as in a browser; `send` and `close` throw the same `DOMException`s for the same input; a
//! refused handshake, or a `close()` while connecting, is `error` then a close event with 1006;
//! a Close frame from either side is answered with the same code. Where an engine departs from the
//! standard (the README's "Where the engines differ": WebKit's missing close events, Firefox's
//! delayed reconnects, subprotocols), the kit follows the standard, not the engine. It works in a
//! dedicated worker as in a window.

mod inbox;
mod peer;

use core::cell::RefCell;
use core::fmt;
use core::future::poll_fn;
use core::task::Poll;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;

use self::inbox::Inbox;
use self::peer::Link;
pub use self::peer::{Handshake, Peer};
use crate::{CloseEvent, Message};

/// The fake socket, in JavaScript: the class installed as `WebSocket`, and what the peer does to
/// one of its sockets.
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/testing/fake.js")]
    extern "C" {
        /// A listening server, as the fake class knows it.
        pub type Listening;
        pub fn listen(matches: &JsValue, connect: &JsValue, sent: &JsValue, closed: &JsValue) -> Listening;
        pub fn unlisten(server: &Listening);
        pub fn accept(socket: &JsValue, protocol: &str);
        pub fn refuse(socket: &JsValue);
        pub fn deliver(socket: &JsValue, data: &JsValue);
        pub fn close(socket: &JsValue, code: u16, reason: &str, clean: bool);
    }
}

/// Which URLs a [`MockServer`] takes: compared with the URL as the browser resolved it
/// (`/chat` on `http://localhost:8080` is `ws://localhost:8080/chat`; `https` becomes `wss`).
///
/// ```no_run
/// use browser_websocket::testing::{Claim, MockServer};
///
/// let chat = MockServer::listen("wss://api.example.com/chat"); // a prefix
/// let one = MockServer::listen(Claim::exact("ws://localhost:8080/live"));
/// let feeds = MockServer::listen(Claim::matching(|url| url.contains("/feed/")));
/// ```
pub struct Claim(Box<dyn Fn(&str) -> bool>);

impl Claim {
    /// Every URL that starts with `prefix`.
    pub fn prefix(prefix: impl Into<String>) -> Claim {
        let prefix = prefix.into();
        Claim(Box::new(move |url| url.starts_with(&prefix)))
    }

    /// This URL only.
    pub fn exact(url: impl Into<String>) -> Claim {
        let exact = url.into();
        Claim(Box::new(move |url| url == exact))
    }

    /// Every URL for which `matches` is true.
    pub fn matching(matches: impl Fn(&str) -> bool + 'static) -> Claim {
        Claim(Box::new(matches))
    }
}

/// A prefix.
impl From<&str> for Claim {
    fn from(prefix: &str) -> Claim {
        Claim::prefix(prefix)
    }
}

/// A prefix.
impl From<String> for Claim {
    fn from(prefix: String) -> Claim {
        Claim::prefix(prefix)
    }
}

impl fmt::Debug for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Claim")
    }
}

/// The connections a server has seen, and the attempts not yet taken by [`MockServer::accept`].
#[derive(Default)]
struct Shared {
    links: RefCell<Vec<Rc<Link>>>,
    handshakes: RefCell<Inbox<Handshake>>,
}

impl Shared {
    fn link(&self, id: u32) -> Option<Rc<Link>> {
        let index = usize::try_from(id).ok()?.checked_sub(1)?;
        self.links.borrow().get(index).cloned()
    }
}

/// A scripted WebSocket server inside the page: while it lives, the sockets the page opens to the
/// URLs it [claims](Claim) connect to it. See [the module](self).
///
/// Several servers can listen at once (the newest one's claim is asked first). Dropping a server
/// drops its open connections (the clients see 1006) and, with the last one, gives the page its
/// own `WebSocket` back.
#[must_use = "the server stops listening when dropped"]
pub struct MockServer {
    shared: Rc<Shared>,
    listening: js::Listening,
    _matches: Closure<dyn Fn(String) -> bool>,
    _connect: Closure<dyn Fn(JsValue, String, JsValue) -> u32>,
    _sent: Closure<dyn Fn(u32, JsValue)>,
    _closed: Closure<dyn Fn(u32, u16, String, bool)>,
}

impl MockServer {
    /// Starts listening for the URLs `claim` takes (a `&str` is a prefix).
    pub fn listen(claim: impl Into<Claim>) -> MockServer {
        let claim = claim.into();
        let shared = Rc::new(Shared::default());
        let matches = Closure::<dyn Fn(String) -> bool>::new(move |url: String| (claim.0)(&url));
        let connect = Closure::<dyn Fn(JsValue, String, JsValue) -> u32>::new({
            let shared = shared.clone();
            move |socket, url, protocols: JsValue| {
                let protocols = js_sys::Array::from(&protocols).iter().filter_map(|p| p.as_string()).collect();
                let link = Link::new(socket, url, protocols);
                let id = {
                    let mut links = shared.links.borrow_mut();
                    links.push(link.clone());
                    u32::try_from(links.len()).unwrap_or(u32::MAX)
                };
                let waker = shared.handshakes.borrow_mut().push(Handshake::new(link));
                crate::wakers::wake(waker);
                id
            }
        });
        let sent = Closure::<dyn Fn(u32, JsValue)>::new({
            let shared = shared.clone();
            move |id, data: JsValue| {
                let message = match data.as_string() {
                    Some(text) => Message::Text(text),
                    None => Message::Binary(js_sys::Uint8Array::new(&data).to_vec()),
                };
                if let Some(link) = shared.link(id) {
                    link.received(message);
                }
            }
        });
        let closed = Closure::<dyn Fn(u32, u16, String, bool)>::new({
            let shared = shared.clone();
            move |id, code, reason, was_clean| {
                if let Some(link) = shared.link(id) {
                    link.ended(CloseEvent { code, reason, was_clean });
                }
            }
        });
        let listening = js::listen(matches.as_ref(), connect.as_ref(), sent.as_ref(), closed.as_ref());
        MockServer { shared, listening, _matches: matches, _connect: connect, _sent: sent, _closed: closed }
    }

    /// The next connection attempt to this server, in the order the page made them. Answer it
    /// with [`Handshake::accept`] or [`Handshake::refuse`].
    pub async fn accept(&self) -> Handshake {
        // The inbox never ends while the server lives.
        poll_fn(|cx| match self.shared.handshakes.borrow_mut().poll_next(cx) {
            Poll::Ready(Some(handshake)) => Poll::Ready(handshake),
            _ => Poll::Pending,
        })
        .await
    }

    /// How many connections the page has opened to this server so far (answered or not).
    pub fn connections(&self) -> usize {
        self.shared.links.borrow().len()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        // First, so that the fake sockets stop calling the closures dropped next.
        js::unlisten(&self.listening);
        let links = core::mem::take(&mut *self.shared.links.borrow_mut());
        for link in links {
            link.ended(CloseEvent { code: 1006, reason: String::new(), was_clean: false });
        }
    }
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer").field("connections", &self.connections()).finish_non_exhaustive()
    }
}

impl fmt::Debug for js::Listening {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Listening")
    }
}
