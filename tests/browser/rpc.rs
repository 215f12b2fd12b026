//! Calls and subscriptions (feature `rpc`) against a JSON-RPC 2.0 peer scripted with the test kit:
//! every promise of `browser_websocket::rpc`, checked from the peer's side where it can see it
//! (which requests arrived, how often).
#![cfg(all(feature = "rpc", feature = "testing"))]

use std::time::Duration;

use browser_websocket::rpc::{CallOptions, Client, Missed, RpcError, ServerError, Unmatched, Update};
use browser_websocket::testing::{MockServer, Peer};
use browser_websocket::{Message, Reconnect};
use futures::StreamExt;
use serde_json::{json, Value};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{next, sleep, within};

fn fast() -> Reconnect {
    Reconnect::default().delays(Duration::from_millis(5), Duration::from_millis(40))
}

/// The next request the client sent: its id, method and params.
async fn request(peer: &Peer) -> (u64, String, Value) {
    let message = within(5_000, "a request", peer.recv()).await;
    let Some(Message::Text(text)) = message else { panic!("expected a request, got {message:?}") };
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["jsonrpc"], "2.0");
    (value["id"].as_u64().unwrap(), value["method"].as_str().unwrap().to_owned(), value["params"].clone())
}

fn answer(peer: &Peer, id: u64, result: Value) {
    peer.send(json!({"jsonrpc": "2.0", "id": id, "result": result}).to_string());
}

fn notify(peer: &Peer, subscription: &str, item: Value) {
    let params = json!({"subscription": subscription, "result": item});
    peer.send(json!({"jsonrpc": "2.0", "method": "ticks", "params": params}).to_string());
}

/// A client of a fresh server, and the peer of its first connection.
async fn start(server: &MockServer, path: &str) -> (Client, Peer) {
    let client = Client::connect(&format!("ws://rpc.test{path}"), fast()).unwrap();
    (client, within(5_000, "the connection", server.accept()).await.accept())
}

#[wasm_bindgen_test]
async fn a_call_ends_in_its_result_the_servers_error_or_a_timeout() {
    let server = MockServer::listen("ws://rpc.test/");
    let (client, peer) = start(&server, "/calls").await;
    let script = async {
        let (id, method, params) = request(&peer).await;
        assert_eq!((method.as_str(), params), ("add", json!([1, 2])));
        answer(&peer, id, json!(3));
        let (id, _, _) = request(&peer).await;
        peer.send(
            json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32000, "message": "nope", "data": [1]}}).to_string(),
        );
    };
    let calls = async {
        let sum: u64 = client.call("add", (1, 2)).await.unwrap();
        let refused = client.call::<u64>("fail", ()).await;
        (sum, refused)
    };
    let ((), (sum, refused)) = futures::join!(script, calls);
    assert_eq!(sum, 3);
    assert_eq!(
        refused,
        Err(RpcError::Server(ServerError { code: -32000, message: "nope".into(), data: Some(json!([1])) }))
    );

    // No answer in time: a timeout; the late answer is discarded, and counted.
    let late = client.call_with::<u64>("slow", (), CallOptions::default().timeout(Duration::from_millis(100)));
    let (timed_out, (id, _, _)) = futures::join!(late, request(&peer));
    assert_eq!(timed_out, Err(RpcError::Timeout));
    answer(&peer, id, json!(1));
    // A cancelled call (its future dropped) leaves nothing behind either.
    {
        let cancelled = client.call::<u64>("slow", ());
        futures::pin_mut!(cancelled);
        assert!(futures::poll!(cancelled.as_mut()).is_pending());
    }
    let (id, _, _) = request(&peer).await;
    answer(&peer, id, json!(2));
    // A result of the wrong type is a decode error, not a panic.
    let wrong = client.call::<u64>("add", ());
    let (wrong, (id, _, _)) = futures::join!(wrong, async {
        let request = request(&peer).await;
        answer(&peer, request.0, json!("three"));
        request
    });
    assert!(matches!(wrong, Err(RpcError::Decode(_))), "{wrong:?}");
    assert!(id > 0);
    sleep(50).await;
    assert_eq!(client.unmatched(), Unmatched { responses: 2, notifications: 0, unreadable: 0 });
    assert_eq!(client.waiting(), 0);
}

#[wasm_bindgen_test]
async fn a_drop_fails_calls_in_flight_at_once_and_repeats_the_safe_ones() {
    let server = MockServer::listen("ws://rpc.test/");
    let (client, peer) = start(&server, "/drop").await;
    let plain = client.call::<u64>("transfer", ());
    let safe = client.call_with::<u64>("balance", (), CallOptions::default().safe_to_repeat());
    let script = async {
        let first = [request(&peer).await.1, request(&peer).await.1];
        assert_eq!(first, ["transfer", "balance"]);
        peer.drop_connection();
        // The reconnect: only the call safe to repeat comes again.
        let peer = within(5_000, "the reconnect", server.accept()).await.accept();
        let (id, method, _) = request(&peer).await;
        assert_eq!(method, "balance");
        answer(&peer, id, json!(42));
        peer
    };
    let (plain, safe, peer) = futures::join!(plain, safe, script);
    assert_eq!(plain, Err(RpcError::Disconnected));
    assert_eq!(safe, Ok(42));
    assert_eq!(server.connections(), 2);
    // Nothing else was sent on the new connection.
    let quiet = futures::future::select(Box::pin(peer.recv()), Box::pin(sleep(100))).await;
    assert!(matches!(quiet, futures::future::Either::Right(_)), "nothing more");
}

#[wasm_bindgen_test]
async fn a_call_made_while_disconnected_waits_for_the_next_connection() {
    let server = MockServer::listen("ws://rpc.test/");
    let client = Client::connect("ws://rpc.test/queued", fast()).unwrap();
    let call = client.call::<String>("hello", ["queued"]);
    let script = async {
        // The handshake is answered only now: the call waited in the offline queue.
        sleep(100).await;
        let peer = server.accept().await.accept();
        let (id, method, params) = request(&peer).await;
        assert_eq!((method.as_str(), params), ("hello", json!(["queued"])));
        answer(&peer, id, json!("hi"));
    };
    let (result, ()) = futures::join!(call, script);
    assert_eq!(result, Ok("hi".to_owned()));
}

#[wasm_bindgen_test]
async fn a_subscription_comes_back_after_a_drop_with_the_gap_marked_and_unsubscribes_when_dropped() {
    let server = MockServer::listen("ws://rpc.test/");
    let (client, peer) = start(&server, "/subscribe").await;
    let subscribe = client.subscribe::<u32>("subscribe_ticks", ["BTC"], "unsubscribe_ticks");
    let script = async {
        let (id, method, params) = request(&peer).await;
        assert_eq!((method.as_str(), params), ("subscribe_ticks", json!(["BTC"])));
        answer(&peer, id, json!("s1"));
    };
    let (ticks, ()) = futures::join!(subscribe, script);
    let mut ticks = ticks.unwrap();
    notify(&peer, "s1", json!(1));
    notify(&peer, "s1", json!(2));
    assert_eq!(next(&mut ticks).await, Some(Update::Item(1)));
    assert_eq!(next(&mut ticks).await, Some(Update::Item(2)));

    peer.drop_connection();
    let peer = within(5_000, "the reconnect", server.accept()).await.accept();
    let (id, method, params) = request(&peer).await;
    assert_eq!((method.as_str(), params), ("subscribe_ticks", json!(["BTC"])), "subscribed again by itself");
    answer(&peer, id, json!("s2"));
    notify(&peer, "s2", json!(3));
    assert_eq!(next(&mut ticks).await, Some(Update::Missed(Missed::Reconnected)));
    assert_eq!(next(&mut ticks).await, Some(Update::Item(3)));

    drop(ticks);
    let (id, method, params) = request(&peer).await;
    assert_eq!((method.as_str(), params), ("unsubscribe_ticks", json!(["s2"])));
    answer(&peer, id, json!(true));
    notify(&peer, "s2", json!(4));
    sleep(50).await;
    assert_eq!(client.unmatched(), Unmatched { responses: 0, notifications: 1, unreadable: 0 });
}

#[wasm_bindgen_test]
async fn a_flood_into_a_slow_reader_keeps_the_latest_and_says_how_many_went() {
    let server = MockServer::listen("ws://rpc.test/");
    let (client, peer) = start(&server, "/flood").await;
    let client = client.buffer(4);
    let subscribe = client.subscribe::<u32>("subscribe_ticks", (), "unsubscribe_ticks");
    let (ticks, ()) = futures::join!(subscribe, async {
        let (id, _, _) = request(&peer).await;
        answer(&peer, id, json!("s"));
    });
    let mut ticks = ticks.unwrap();
    for item in 0..10 {
        notify(&peer, "s", json!(item));
    }
    peer.send("not json at all");
    sleep(100).await;
    let read: Vec<_> = ticks.by_ref().take(5).collect().await;
    let kept = [6, 7, 8, 9].map(Update::Item);
    assert_eq!(read, [&[Update::Missed(Missed::Overflow { dropped: 6 })][..], &kept[..]].concat());
    assert_eq!(client.unmatched().unreadable, 1);
    // An item of the wrong type is reported, and the subscription goes on.
    notify(&peer, "s", json!("ten"));
    notify(&peer, "s", json!(11));
    assert!(matches!(next(&mut ticks).await, Some(Update::Undecodable(_))));
    assert_eq!(next(&mut ticks).await, Some(Update::Item(11)));
}

#[wasm_bindgen_test]
async fn when_the_client_gives_up_every_call_and_subscription_ends() {
    let server = MockServer::listen("ws://rpc.test/");
    let client = Client::connect("ws://rpc.test/refused", fast().max_attempts(Some(1))).unwrap();
    let call = client.call::<u64>("never", ());
    let (result, ()) = futures::join!(call, async { server.accept().await.refuse() });
    assert_eq!(result, Err(RpcError::Closed));
    assert_eq!(client.call::<u64>("later", ()).await, Err(RpcError::Closed));
    assert!(matches!(client.subscribe::<u64>("s", (), "u").await, Err(RpcError::Closed)));
}

#[wasm_bindgen_test]
async fn over_one_connection_a_drop_ends_the_client() {
    let server = MockServer::listen("ws://rpc.test/");
    let client = Client::connect("ws://rpc.test/once", None).unwrap();
    let peer = within(5_000, "the connection", server.accept()).await.accept();
    let (sum, ()) = futures::join!(client.call::<u64>("add", (1, 2)), async {
        let (id, _, _) = request(&peer).await;
        answer(&peer, id, json!(3));
    });
    assert_eq!(sum, Ok(3));
    let in_flight = client.call::<u64>("slow", ());
    let (failed, ()) = futures::join!(in_flight, async {
        request(&peer).await;
        peer.drop_connection();
    });
    assert_eq!(failed, Err(RpcError::Disconnected));
    assert_eq!(client.call::<u64>("later", ()).await, Err(RpcError::Closed));
    sleep(100).await;
    assert_eq!(server.connections(), 1, "never retried");
}

/// The Leptos hook with `rpc()`: its handle gives the component the client, its status follows
/// the connection through a drop, and what is neither an answer nor a notification still lands
/// in `messages`. (Yew's and Dioxus's handles share the same core.)
#[cfg(feature = "leptos")]
#[wasm_bindgen_test]
async fn the_hooks_handle_calls_and_subscribes_and_its_status_follows_a_drop() {
    use browser_websocket::for_leptos::use_websocket;
    use browser_websocket::{SocketStatus, UseWebSocketOptions};
    use leptos::prelude::{GetUntracked, Owner, WithUntracked};

    let server = MockServer::listen("ws://rpc.test/");
    let owner = Owner::new();
    let options = UseWebSocketOptions::default().reconnect(Some(fast())).rpc();
    let ws = owner.with(|| use_websocket("ws://rpc.test/hook", options));
    let peer = within(5_000, "the connection", server.accept()).await.accept();
    let client = ws.rpc().expect("an rpc client");
    let (sum, ()) = futures::join!(client.call::<u64>("add", (1, 2)), async {
        let (id, _, _) = request(&peer).await;
        answer(&peer, id, json!(3));
    });
    assert_eq!(sum, Ok(3));
    assert_eq!(ws.status.get_untracked(), SocketStatus::Open);
    let (ticks, ()) = futures::join!(client.subscribe::<u32>("subscribe_ticks", (), "unsubscribe_ticks"), async {
        let (id, _, _) = request(&peer).await;
        answer(&peer, id, json!("s1"));
    });
    let mut ticks = ticks.unwrap();
    notify(&peer, "s1", json!(1));
    assert_eq!(next(&mut ticks).await, Some(Update::Item(1)));

    peer.drop_connection();
    let handshake = within(5_000, "the reconnect", server.accept()).await;
    assert!(matches!(ws.status.get_untracked(), SocketStatus::Connecting { .. }), "{:?}", ws.status.get_untracked());
    let peer = handshake.accept();
    let (id, method, _) = request(&peer).await;
    assert_eq!(method, "subscribe_ticks");
    answer(&peer, id, json!("s2"));
    notify(&peer, "s2", json!(2));
    assert_eq!(next(&mut ticks).await, Some(Update::Missed(Missed::Reconnected)));
    assert_eq!(next(&mut ticks).await, Some(Update::Item(2)));
    assert_eq!(ws.status.get_untracked(), SocketStatus::Open);
    peer.send("hello");
    sleep(50).await;
    assert!(ws.messages.with_untracked(|all| all == &[Message::Text("hello".into())]), "only the plain message");
}

#[wasm_bindgen_test]
async fn params_results_and_items_through_a_codee_codec() {
    use browser_websocket::codee::string::JsonSerdeCodec;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Pair {
        a: i64,
        b: i64,
    }
    let server = MockServer::listen("ws://rpc.test/");
    let (client, peer) = start(&server, "/codec").await;
    let call = client.call_as::<JsonSerdeCodec, Pair, Pair>("swap", &Pair { a: 1, b: 2 }, CallOptions::default());
    let (swapped, ()) = futures::join!(call, async {
        let (id, method, params) = request(&peer).await;
        assert_eq!((method.as_str(), params), ("swap", json!({"a": 1, "b": 2})));
        answer(&peer, id, json!({"a": 2, "b": 1}));
    });
    assert_eq!(swapped, Ok(Pair { a: 2, b: 1 }));
    let subscribe =
        client.subscribe_as::<JsonSerdeCodec, Pair, Pair>("subscribe_pairs", &Pair { a: 0, b: 0 }, "unsubscribe_pairs");
    let (pairs, ()) = futures::join!(subscribe, async {
        let (id, _, _) = request(&peer).await;
        answer(&peer, id, json!(7));
    });
    let mut pairs = pairs.unwrap();
    peer.send(
        json!({"jsonrpc": "2.0", "method": "pairs", "params": {"subscription": 7, "result": {"a": 5, "b": 6}}})
            .to_string(),
    );
    notify(&peer, "not 7", json!(0));
    peer.send(json!({"jsonrpc": "2.0", "method": "pairs", "params": {"subscription": 7, "result": [1]}}).to_string());
    assert_eq!(next(&mut pairs).await, Some(Update::Item(Pair { a: 5, b: 6 })));
    assert!(matches!(next(&mut pairs).await, Some(Update::Undecodable(_))));
    assert_eq!(client.unmatched().notifications, 1);
}
