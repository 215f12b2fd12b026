//! The test server's endpoints again, on the test kit (feature `testing`): the same paths and
//! parameters, served by a scripted peer inside the page, so one scenario can run against both.

use core::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use browser_websocket::testing::{Handshake, MockServer, Peer};
use browser_websocket::{CloseEvent, Message};
use futures::future::{abortable, AbortHandle};
use wasm_bindgen_futures::spawn_local;

use super::sleep;

/// The URLs the kit claims.
pub const KIT: &str = "ws://kit.test";

/// What the `track` and `flaky` endpoints saw per id, as the server's `/report` says it.
#[derive(Default)]
struct Tracks(HashMap<String, (u32, Vec<String>)>);

/// The endpoints, served while this lives.
pub struct Kit {
    server: Rc<MockServer>,
    accepting: AbortHandle,
}

impl Kit {
    pub fn start() -> Kit {
        let server = Rc::new(MockServer::listen(KIT));
        let (accepting, handle) = abortable(serve(server.clone()));
        spawn_local(async move {
            let _ = accepting.await;
        });
        Kit { server, accepting: handle }
    }

    /// How many connections the page has opened to the kit.
    pub fn connections(&self) -> usize {
        self.server.connections()
    }
}

impl Drop for Kit {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}

async fn serve(server: Rc<MockServer>) {
    let tracks = Rc::new(RefCell::new(Tracks::default()));
    loop {
        let handshake = server.accept().await;
        spawn_local(endpoint(handshake, tracks.clone()));
    }
}

/// `/path?a=1&b=2` of a kit URL.
fn split(url: &str) -> (String, HashMap<String, String>) {
    let rest = url.strip_prefix(KIT).unwrap_or(url);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let params = query.split('&').filter_map(|pair| pair.split_once('=')).map(|(k, v)| (k.to_owned(), v.to_owned()));
    (path.to_owned(), params.collect())
}

async fn endpoint(handshake: Handshake, tracks: Rc<RefCell<Tracks>>) {
    let (path, params) = split(handshake.url());
    let number = |name: &str| params.get(name).and_then(|n| n.parse::<u32>().ok());
    let id = params.get("id").cloned().unwrap_or_default();
    if let Some(ms) = number("handshake_delay_ms") {
        sleep(ms).await;
    }
    match path.as_str() {
        "/echo" => {
            let peer = if handshake.protocols().iter().any(|p| p == "echo") {
                handshake.accept_with("echo")
            } else {
                handshake.accept()
            };
            echo(&peer, None).await;
        }
        "/remote-close" => {
            let peer = handshake.accept();
            if params.get("abrupt").map(String::as_str) == Some("1") {
                sleep(100).await;
                peer.drop_connection();
            } else {
                let code = number("code").and_then(|code| u16::try_from(code).ok()).unwrap_or(1005);
                peer.close(code, params.get("reason").map_or("", String::as_str));
            }
        }
        "/flaky" => {
            let count = count(&tracks, &id);
            if count <= number("refuse").unwrap_or(0) {
                return handshake.refuse();
            }
            let accepted = count - number("refuse").unwrap_or(0);
            let drops = number("drop_times").is_none_or(|times| accepted <= times);
            let peer = handshake.accept();
            echo(&peer, number("drop_after").filter(|_| drops)).await;
        }
        "/track" => {
            count(&tracks, &id);
            let peer = handshake.accept();
            if params.get("silent").map(String::as_str) == Some("1") {
                while peer.recv().await.is_some() {}
            } else {
                echo(&peer, None).await;
            }
            let seen = match peer.closed().await {
                CloseEvent { was_clean: false, .. } => "abrupt".to_owned(),
                CloseEvent { code: 1005, .. } => "none".to_owned(),
                CloseEvent { code, reason, .. } => format!("{code}:{reason}"),
            };
            tracks.borrow_mut().0.entry(id).or_default().1.push(seen);
        }
        "/report" => {
            let peer = handshake.accept();
            let (connections, closes) = tracks.borrow().0.get(&id).cloned().unwrap_or_default();
            peer.send(format!("connections={connections} closes={}", closes.join(",")));
            peer.close(1000, "");
        }
        _ => handshake.refuse(),
    }
}

/// Counts a connection for `id`; returns the count so far.
fn count(tracks: &RefCell<Tracks>, id: &str) -> u32 {
    let mut tracks = tracks.borrow_mut();
    let entry = tracks.0.entry(id.to_owned()).or_default();
    entry.0 += 1;
    entry.0
}

/// Echoes until the client closes; with `drop_after`, drops the connection after that many
/// echoes. The text `drop` drops it at once.
async fn echo(peer: &Peer, drop_after: Option<u32>) {
    let mut echoed = 0;
    loop {
        if drop_after == Some(echoed) {
            return peer.drop_connection();
        }
        match peer.recv().await {
            Some(Message::Text(text)) if text == "drop" => return peer.drop_connection(),
            Some(message) => peer.send(message),
            None => return,
        }
        echoed += 1;
    }
}
