//! [`Protocol`]: what the client needs of an id-correlated protocol, and [`JsonRpc`], JSON-RPC 2.0.

use serde_json::{json, Value};

use super::ServerError;
use crate::Message;

/// What an incoming message is, as a [`Protocol`] reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// The answer to the request with this id: its result, or the server's error.
    Response {
        /// The request's id.
        id: u64,
        /// The result, or the server's error.
        result: Result<Value, ServerError>,
    },
    /// An item of the subscription the server calls `subscription` (the id its subscribe call
    /// answered with).
    Notification {
        /// The subscription's id, as the server gave it.
        subscription: Value,
        /// The item.
        item: Value,
    },
    /// Anything else (a batch, a request from the server, a message of another kind): counted,
    /// never an error.
    Other,
}

/// An id-correlated request/response protocol with subscriptions: how to write a request, and
/// how to read a message. [`JsonRpc`] is JSON-RPC 2.0; implement this for a protocol of your
/// own (`{"id", "op", "args"}`, say).
pub trait Protocol: 'static {
    /// The message for the request `id` calling `method` with `params`.
    fn request(&self, id: u64, method: &str, params: Value) -> Message;
    /// What `message` is. Never panics on what a server sends.
    fn read(&self, message: &Message) -> Incoming;
    /// The params of the call that ends the subscription the server calls `subscription`.
    fn unsubscribe_params(&self, subscription: &Value) -> Value {
        json!([subscription])
    }
}

/// JSON-RPC 2.0 (text messages): requests with numeric ids, responses with `result` or `error`
/// (`code`, `message`, `data`), and subscription notifications as Ethereum nodes, jsonrpsee and
/// most JSON-RPC servers send them, `{"method": ..., "params": {"subscription": ID, "result":
/// ITEM}}`. Batches are not used.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonRpc;

impl Protocol for JsonRpc {
    fn request(&self, id: u64, method: &str, params: Value) -> Message {
        Message::Text(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }).to_string())
    }

    fn read(&self, message: &Message) -> Incoming {
        let Message::Text(text) = message else { return Incoming::Other };
        let Ok(Value::Object(mut object)) = serde_json::from_str::<Value>(text) else { return Incoming::Other };
        if let Some(id) = object.get("id").and_then(Value::as_u64) {
            if let Some(result) = object.remove("result") {
                return Incoming::Response { id, result: Ok(result) };
            }
            if let Some(error) = object.remove("error") {
                return Incoming::Response { id, result: Err(ServerError::from_json(error)) };
            }
            return Incoming::Other;
        }
        match object.remove("params") {
            Some(Value::Object(mut params)) if object.contains_key("method") => {
                match (params.remove("subscription"), params.remove("result")) {
                    (Some(subscription), Some(item)) => Incoming::Notification { subscription, item },
                    _ => Incoming::Other,
                }
            }
            _ => Incoming::Other,
        }
    }
}

impl ServerError {
    /// A JSON-RPC error object; one without the right fields is kept as code 0 with its JSON as
    /// data.
    fn from_json(error: Value) -> ServerError {
        let code = error.get("code").and_then(Value::as_i64);
        let message = error.get("message").and_then(Value::as_str).map(str::to_owned);
        match (code, message) {
            (Some(code), Some(message)) => ServerError { code, message, data: error.get("data").cloned() },
            _ => ServerError { code: 0, message: String::new(), data: Some(error) },
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Incoming, JsonRpc, Protocol};
    use crate::rpc::ServerError;
    use crate::Message;

    fn read(text: &str) -> Incoming {
        JsonRpc.read(&Message::Text(text.into()))
    }

    #[test]
    fn requests_are_json_rpc_2() {
        let Message::Text(text) = JsonRpc.request(7, "add", json!([1, 2])) else { panic!("text") };
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value, json!({"jsonrpc": "2.0", "id": 7, "method": "add", "params": [1, 2]}));
    }

    #[test]
    fn responses_notifications_and_the_rest() {
        assert_eq!(
            read(r#"{"jsonrpc":"2.0","id":3,"result":null}"#),
            Incoming::Response { id: 3, result: Ok(json!(null)) }
        );
        let error = ServerError { code: -32601, message: "Method not found".into(), data: Some(json!({"m": 1})) };
        assert_eq!(
            read(r#"{"jsonrpc":"2.0","id":4,"error":{"code":-32601,"message":"Method not found","data":{"m":1}}}"#),
            Incoming::Response { id: 4, result: Err(error) }
        );
        assert_eq!(
            read(r#"{"jsonrpc":"2.0","method":"sub","params":{"subscription":"ab","result":[1]}}"#),
            Incoming::Notification { subscription: json!("ab"), item: json!([1]) }
        );
        for other in
            ["", "[]", "null", r#"{"id":"x","result":1}"#, r#"{"id":1}"#, r#"{"method":"m","params":[1]}"#, "{\"a\":"]
        {
            assert_eq!(read(other), Incoming::Other, "{other}");
        }
        assert_eq!(JsonRpc.read(&Message::Binary(vec![1])), Incoming::Other);
    }

    #[test]
    fn a_malformed_error_object_is_kept_as_data() {
        let Incoming::Response { result: Err(error), .. } = read(r#"{"id":1,"error":"boom"}"#) else { panic!() };
        assert_eq!(error, ServerError { code: 0, message: String::new(), data: Some(json!("boom")) });
    }
}
