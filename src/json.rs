//! JSON messages (feature `json`): [`Message::from_json`] and [`Message::json`], the shorthand for
//! [`Message::encode`] and [`Message::decode`] with codee's `JsonSerdeCodec` (serde_json), so they
//! behave the same on every target and in the typed streams and hooks.

use codee::string::JsonSerdeCodec;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::{DecodeError, Error, Message};

impl Message {
    /// (Feature `json`.) A text message holding `value` as JSON, written by serde_json: the same as
    /// `Message::encode::<JsonSerdeCodec, _>(value)`.
    ///
    /// ```
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
    pub fn from_json<T: Serialize>(value: &T) -> Result<Message, Error> {
        Message::encode::<JsonSerdeCodec, T>(value)
    }

    /// (Feature `json`.) Parses a text message as JSON with serde_json: the same as
    /// `message.decode::<JsonSerdeCodec, T>()`. A binary message or a Blob is
    /// [`DecodeError::WrongFrame`]; invalid JSON, or JSON of the wrong shape, is
    /// [`DecodeError::Malformed`].
    ///
    /// ```
    /// use browser_websocket::Message;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Tick { price: f64 }
    ///
    /// let tick: Tick = Message::Text(r#"{"price": 1.5}"#.into()).json()?;
    /// assert_eq!(tick.price, 1.5);
    /// # Ok::<(), browser_websocket::DecodeError>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, DecodeError> {
        self.decode::<JsonSerdeCodec, T>()
    }
}
