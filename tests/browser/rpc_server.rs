//! Calls and subscriptions (feature `rpc`) against a real JSON-RPC server: jsonrpsee's, in the
//! test server, behind a proxy that `/rpc-cut` cuts (every connection dropped without a Close
//! frame). What arrived, and how often, is asked of the server itself (`report`).
#![cfg(feature = "rpc")]

use std::time::Duration;

use browser_websocket::rpc::{CallOptions, Client, Missed, RpcError, ServerError, Update};
use browser_websocket::Reconnect;
use futures::StreamExt;
use serde_json::json;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{first_text, next, sleep, within};

fn fast() -> Reconnect {
    Reconnect::default().delays(Duration::from_millis(5), Duration::from_millis(40))
}

/// A client of the JSON-RPC server, and a tag of this test's own for the server's counts.
async fn client(name: &str) -> (Client, String) {
    let port = first_text("/rpc-port").await;
    let client = Client::connect(&format!("ws://127.0.0.1:{port}/"), fast()).unwrap();
    let tag = format!("{name}-{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
    (client, tag)
}

async fn report(client: &Client, tag: &str, method: &str) -> u32 {
    client.call_with("report", (tag, method), CallOptions::default().safe_to_repeat()).await.unwrap()
}

#[wasm_bindgen_test]
async fn results_errors_timeouts_and_cancellations() {
    let (client, tag) = client("calls").await;
    assert_eq!(client.call::<i64>("add", (&tag, 1, 2)).await, Ok(3));
    let refused = ServerError { code: -32000, message: "refused".into(), data: Some(json!([1])) };
    assert_eq!(client.call::<()>("fail", (&tag,)).await, Err(RpcError::Server(refused)));
    let unknown = client.call::<()>("no_such_method", ()).await;
    assert!(matches!(unknown, Err(RpcError::Server(ServerError { code: -32601, .. }))), "{unknown:?}");
    let late = CallOptions::default().timeout(Duration::from_millis(100));
    assert_eq!(client.call_with::<u64>("slow", (&tag, 400), late).await, Err(RpcError::Timeout));
    {
        let cancelled = client.call::<u64>("slow", (&tag, 200));
        futures::pin_mut!(cancelled);
        assert!(futures::poll!(cancelled.as_mut()).is_pending());
    }
    // Both late answers come, and match nothing.
    sleep(600).await;
    assert_eq!(client.unmatched().responses, 2);
    assert_eq!(client.waiting(), 0);
    assert_eq!(report(&client, &tag, "slow").await, 2);
}

#[wasm_bindgen_test]
async fn a_cut_fails_calls_in_flight_at_once_and_repeats_the_safe_ones() {
    let (client, tag) = client("cut").await;
    assert_eq!(client.call::<i64>("add", (&tag, 0, 0)).await, Ok(0));
    let plain = client.call::<u64>("slow", (&tag, 1_000));
    let safe = client.call_with::<u64>("slow", (&tag, 1_000), CallOptions::default().safe_to_repeat());
    let cut = async {
        sleep(200).await;
        first_text("/rpc-cut").await;
    };
    // The plain call fails as soon as the connection is gone, long before its answer was due.
    let plain = async { within(900, "the plain call's failure", plain).await };
    let (plain, safe, ()) = futures::join!(plain, safe, cut);
    assert_eq!(plain, Err(RpcError::Disconnected));
    assert_eq!(safe, Ok(1_000));
    // The server saw the plain call once and the safe one twice.
    assert_eq!(report(&client, &tag, "slow").await, 3);
}

#[wasm_bindgen_test]
async fn a_subscription_survives_a_cut_with_the_gap_marked() {
    let (client, tag) = client("subscribe").await;
    let mut ticks = client.subscribe::<u64>("subscribe_ticks", (&tag, 20), "unsubscribe_ticks").await.unwrap();
    assert_eq!(next(&mut ticks).await, Some(Update::Item(0)));
    assert_eq!(next(&mut ticks).await, Some(Update::Item(1)));
    first_text("/rpc-cut").await;
    // Whatever came before the cut, then the gap, then the new subscription's ticks from 0.
    let mut after = Vec::new();
    while !matches!(after.last(), Some(Update::Missed(_))) {
        after.push(next(&mut ticks).await.expect("more updates"));
    }
    assert_eq!(after.last(), Some(&Update::Missed(Missed::Reconnected)), "{after:?}");
    assert_eq!(next(&mut ticks).await, Some(Update::Item(0)));
    assert_eq!(report(&client, &tag, "subscribe_ticks").await, 2);
}

#[wasm_bindgen_test]
async fn a_slow_reader_gets_the_latest_items_and_how_many_it_missed() {
    let (client, tag) = client("overflow").await;
    let client = client.buffer(8);
    let mut ticks = client.subscribe::<u64>("subscribe_ticks", (&tag, 2), "unsubscribe_ticks").await.unwrap();
    sleep(300).await;
    let Some(Update::Missed(Missed::Overflow { dropped })) = next(&mut ticks).await else {
        panic!("an overflow first")
    };
    assert!(dropped > 0);
    let kept: Vec<_> = ticks.by_ref().take(8).collect().await;
    let numbers: Vec<u64> =
        kept.iter().map(|update| if let Update::Item(n) = update { *n } else { panic!("{update:?}") }).collect();
    assert!(numbers.windows(2).all(|pair| pair[1] == pair[0] + 1), "the latest, in order: {numbers:?}");
    assert_eq!(numbers[0], dropped as u64, "the dropped ones were the oldest");
}
