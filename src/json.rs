//! JSON messages (feature `json`), through the browser's own `JSON` and serde-wasm-bindgen.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::JsError;
use crate::{Error, Message};

/// An [`Error::Json`] whose text keeps no part of the payload: what a parser quotes (`"…"`,
/// `'…'`, `` `…` ``) is left out.
fn json_error(message: impl core::fmt::Display) -> Error {
    let mut text = String::new();
    let mut quote = None;
    for c in message.to_string().chars() {
        match quote {
            Some(open) if c == open => {
                quote = None;
                text.push('…');
                text.push(c);
            }
            Some(_) => {}
            None => {
                if matches!(c, '"' | '\'' | '`') {
                    quote = Some(c);
                }
                text.push(c);
            }
        }
    }
    Error::Json(text)
}

impl Message {
    /// A text message holding `value` as JSON, written by the browser's `JSON.stringify`.
    ///
    /// ```no_run
    /// use browser_websocket::Message;
    ///
    /// #[derive(serde::Serialize)]
    /// struct Join<'a> { room: &'a str }
    ///
    /// let message = Message::from_json(&Join { room: "lobby" })?;
    /// assert_eq!(message, Message::Text(r#"{"room":"lobby"}"#.into()));
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
    pub fn from_json<T: Serialize + ?Sized>(value: &T) -> Result<Message, Error> {
        if cfg!(not(target_arch = "wasm32")) {
            return Err(Error::Unsupported);
        }
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let js = value.serialize(&serializer).map_err(json_error)?;
        let text = js_sys::JSON::stringify(&js).map_err(|thrown| json_error(JsError::from_js(&thrown).message))?;
        text.as_string().map(Message::Text).ok_or_else(|| Error::Json("the value has no JSON form".into()))
    }

    /// Parses a text message (or a binary one holding UTF-8) as JSON with the browser's
    /// `JSON.parse`. Invalid JSON, or JSON of the wrong shape, is [`Error::Json`]; so is a
    /// [`Message::Blob`], whose bytes must be read first.
    ///
    /// ```no_run
    /// use browser_websocket::Message;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Tick { price: f64 }
    ///
    /// let tick: Tick = Message::Text(r#"{"price": 1.5}"#.into()).json()?;
    /// assert_eq!(tick.price, 1.5);
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        if cfg!(not(target_arch = "wasm32")) {
            return Err(Error::Unsupported);
        }
        let text = match self {
            Message::Text(text) => text.as_str(),
            Message::Binary(bytes) => core::str::from_utf8(bytes).map_err(json_error)?,
            Message::Blob(_) => return Err(Error::Json("a Blob must be read before parsing".into())),
        };
        let js = js_sys::JSON::parse(text).map_err(|thrown| json_error(JsError::from_js(&thrown).message))?;
        serde_wasm_bindgen::from_value(js).map_err(json_error)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_errors_leave_quoted_payload_out() {
        let error =
            super::json_error(r#"Unexpected token 's', "secret tok"... is not valid JSON; invalid value: `42`"#);
        let shown = error.to_string();
        assert_eq!(shown, r#"JSON: Unexpected token '…', "…"... is not valid JSON; invalid value: `…`"#);
    }
}
