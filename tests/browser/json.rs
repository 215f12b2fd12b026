//! JSON messages through the browser's own JSON.
#![cfg(feature = "json")]

use browser_websocket::{Error, Message};
use futures::SinkExt;
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{blob, connect, next};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Move {
    player: String,
    x: u32,
    y: u32,
    tags: Vec<String>,
    score: Option<f64>,
}

#[wasm_bindgen_test]
async fn json_round_trips_through_the_server() {
    let sent = Move { player: "ana 🔌".into(), x: 3, y: 4, tags: vec!["a".into()], score: None };
    let message = Message::from_json(&sent).unwrap();
    assert_eq!(message, Message::Text(r#"{"player":"ana 🔌","x":3,"y":4,"tags":["a"],"score":null}"#.into()));
    let mut connection = connect("/echo").await;
    connection.send(message).await.unwrap();
    let echoed = next(&mut connection).await.unwrap();
    assert_eq!(echoed.json::<Move>().unwrap(), sent);
    // Binary messages holding UTF-8 JSON parse too.
    let bytes = Message::Binary(br#"{"player":"b","x":1,"y":2,"tags":[],"score":0.5}"#.to_vec());
    assert_eq!(bytes.json::<Move>().unwrap().score, Some(0.5));
}

#[wasm_bindgen_test]
fn bad_json_is_a_typed_error() {
    for bad in ["{nope", "", r#"{"player":1}"#, "[1,2]"] {
        let result = Message::Text(bad.into()).json::<Move>();
        assert!(matches!(result, Err(Error::Json(_))), "{bad:?}: {result:?}");
    }
    assert!(matches!(Message::Binary(vec![0xff, 0xfe]).json::<Move>(), Err(Error::Json(_))));
    assert!(matches!(Message::Blob(blob(b"{}")).json::<Move>(), Err(Error::Json(_))));
}
