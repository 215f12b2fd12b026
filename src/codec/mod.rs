//! Typed messages through any [`codee`] codec (feature `codec`): [`Message::encode`],
//! [`Message::decode`] and the [`Typed`] stream and sink.
//!
//! The app picks its codecs through codee's own features (`json_serde`, `msgpack_serde`,
//! `postcard`, `prost`, `bitcode`, ...). A codec that encodes to a `String` sends text messages,
//! one that encodes to bytes sends binary ones; decoding reads only the kind its codec writes.

use core::fmt::Display;

use codee::{Decoder, Encoder};

use crate::redact;
use crate::{DecodeError, Error, FrameKind, Message};

mod typed;

pub use self::typed::Typed;

mod sealed {
    pub trait Sealed {}
    impl Sealed for str {}
    impl Sealed for [u8] {}
}

/// (Feature `codec`.) What a codec decodes from: `str` (text messages) or `[u8]` (binary ones). Implemented for
/// those two only.
pub trait Payload: sealed::Sealed {
    /// The message kind this payload is read from.
    const KIND: FrameKind;
    /// The payload of `message`, if it is of that kind.
    fn of(message: &Message) -> Option<&Self>;
}

impl Payload for str {
    const KIND: FrameKind = FrameKind::Text;
    fn of(message: &Message) -> Option<&str> {
        match message {
            Message::Text(text) => Some(text),
            _ => None,
        }
    }
}

impl Payload for [u8] {
    const KIND: FrameKind = FrameKind::Binary;
    fn of(message: &Message) -> Option<&[u8]> {
        match message {
            Message::Binary(bytes) => Some(bytes),
            _ => None,
        }
    }
}

impl Message {
    /// (Feature `codec`.) `value` encoded by the codec `C`: a text message if `C` writes strings, a binary one if it
    /// writes bytes. A value the codec cannot encode is [`Error::Encode`].
    ///
    /// ```
    /// use browser_websocket::Message;
    /// use browser_websocket::codee::string::JsonSerdeCodec;
    ///
    /// #[derive(serde::Serialize)]
    /// struct Join<'a> { room: &'a str }
    ///
    /// let message = Message::encode::<JsonSerdeCodec, _>(&Join { room: "lobby" })?;
    /// assert_eq!(message, Message::Text(r#"{"room":"lobby"}"#.into()));
    /// # Ok::<(), browser_websocket::Error>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "codec")))]
    pub fn encode<C, T>(value: &T) -> Result<Message, Error>
    where
        C: Encoder<T>,
        C::Encoded: Into<Message>,
        C::Error: Display,
    {
        C::encode(value).map(Into::into).map_err(|error| Error::Encode(redact::quoted(error)))
    }

    /// (Feature `codec`.) This message decoded by the codec `C`. A message of the other kind (binary for a text
    /// codec, text for a binary one, or a `Blob`) is [`DecodeError::WrongFrame`]; one the codec
    /// cannot read is [`DecodeError::Malformed`].
    ///
    /// ```
    /// use browser_websocket::{DecodeError, Message};
    /// use browser_websocket::codee::string::JsonSerdeCodec;
    ///
    /// let ticks: Vec<u32> = Message::Text("[1,2,3]".into()).decode::<JsonSerdeCodec, _>()?;
    /// assert_eq!(ticks, [1, 2, 3]);
    /// let bad = Message::Text("[1,2".into()).decode::<JsonSerdeCodec, Vec<u32>>();
    /// assert!(matches!(bad, Err(DecodeError::Malformed { bytes: 4, .. })));
    /// # Ok::<(), DecodeError>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "codec")))]
    pub fn decode<C, T>(&self) -> Result<T, DecodeError>
    where
        C: Decoder<T>,
        C::Encoded: Payload,
        C::Error: Display,
    {
        let expected = <C::Encoded as Payload>::KIND;
        let bytes = self.byte_len();
        let Some(payload) = C::Encoded::of(self) else {
            return Err(DecodeError::WrongFrame { expected, received: FrameKind::of(self), bytes });
        };
        C::decode(payload).map_err(|error| DecodeError::Malformed {
            frame: expected,
            bytes,
            reason: redact::quoted(error),
        })
    }
}

/// (Feature `codec`.) A codec that encodes `Tx` and decodes `Rx` the way this crate sends and reads messages: every
/// codee codec that does both, for a string or bytes. It is the one bound of the typed hooks.
///
/// ```
/// use browser_websocket::{Message, MessageCodec};
/// use browser_websocket::codee::string::JsonSerdeCodec;
///
/// fn round_trip<C: MessageCodec<Vec<u8>, Vec<u8>>>(value: Vec<u8>) -> Vec<u8> {
///     C::from_message(&C::to_message(&value).unwrap()).unwrap()
/// }
/// assert_eq!(round_trip::<JsonSerdeCodec>(vec![1, 2]), [1, 2]);
/// ```
pub trait MessageCodec<Tx, Rx> {
    /// [`Message::encode`] with this codec.
    fn to_message(value: &Tx) -> Result<Message, Error>;
    /// [`Message::decode`] with this codec.
    fn from_message(message: &Message) -> Result<Rx, DecodeError>;
}

impl<Tx, Rx, C> MessageCodec<Tx, Rx> for C
where
    C: Encoder<Tx> + Decoder<Rx>,
    <C as Encoder<Tx>>::Encoded: Into<Message>,
    <C as Encoder<Tx>>::Error: Display,
    <C as Decoder<Rx>>::Encoded: Payload,
    <C as Decoder<Rx>>::Error: Display,
{
    fn to_message(value: &Tx) -> Result<Message, Error> {
        Message::encode::<C, Tx>(value)
    }

    fn from_message(message: &Message) -> Result<Rx, DecodeError> {
        message.decode::<C, Rx>()
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use codee::string::JsonSerdeCodec;

    use crate::{DecodeError, Error, FrameKind, Message};

    #[test]
    fn json_decodes_text_only_and_leaves_the_payload_out_of_errors() {
        let wrong = Message::Binary(b"[1]".to_vec()).decode::<JsonSerdeCodec, Vec<u8>>();
        assert_eq!(
            wrong,
            Err(DecodeError::WrongFrame { expected: FrameKind::Text, received: FrameKind::Binary, bytes: 3 })
        );
        let shape = Message::Text(r#"{"token":"SECRET"}"#.into()).decode::<JsonSerdeCodec, u32>();
        let Err(DecodeError::Malformed { frame: FrameKind::Text, bytes: 18, reason }) = shape else {
            panic!("{shape:?}")
        };
        assert!(!reason.contains("SECRET") && !reason.contains("token"), "{reason}");
    }

    #[test]
    fn json_behaves_as_serde_json_on_every_target() {
        let big = 9_007_199_254_740_993u64;
        let message = Message::encode::<JsonSerdeCodec, _>(&big).unwrap();
        assert_eq!(message, Message::Text("9007199254740993".into()));
        assert_eq!(message.decode::<JsonSerdeCodec, u64>(), Ok(big));
        let map: std::collections::HashMap<u32, &str> = [(7, "seven")].into();
        assert_eq!(Message::encode::<JsonSerdeCodec, _>(&map), Ok(Message::Text(r#"{"7":"seven"}"#.into())));
        let nan_key: std::collections::BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
        assert!(matches!(Message::encode::<JsonSerdeCodec, _>(&nan_key), Err(Error::Encode(_))));
    }
}
