//! [`DecodeError`] and [`FrameKind`]: why a received message is not the type asked for.
//! Always compiled (they are small), so the hooks' handles have one shape whatever the features.

use core::fmt;

use crate::Message;

/// The kind of a WebSocket message as it arrived.
///
/// ```
/// use browser_websocket::{FrameKind, Message};
///
/// assert_eq!(FrameKind::of(&Message::Text("hi".into())), FrameKind::Text);
/// assert_eq!(FrameKind::Binary.to_string(), "binary");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FrameKind {
    /// A text message ([`Message::Text`]).
    Text,
    /// A binary message read as bytes ([`Message::Binary`]).
    Binary,
    /// A binary message received as a `Blob` ([`Message::Blob`]): codecs read bytes, so a typed
    /// connection needs [`BinaryType::ArrayBuffer`](crate::BinaryType::ArrayBuffer), the default.
    Blob,
}

impl FrameKind {
    /// The kind of `message`.
    pub fn of(message: &Message) -> FrameKind {
        match message {
            Message::Text(_) => FrameKind::Text,
            Message::Binary(_) => FrameKind::Binary,
            Message::Blob(_) => FrameKind::Blob,
        }
    }
}

impl fmt::Display for FrameKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FrameKind::Text => "text",
            FrameKind::Binary => "binary",
            FrameKind::Blob => "Blob",
        })
    }
}

/// A received message that could not be decoded into the type asked for. The typed streams
/// yield it as an item and go on with the next message; nothing is dropped silently.
///
/// Its `Display` and `Debug` show the frame's kind and size, and the codec's reason with
/// anything it quotes left out: never the payload.
///
/// ```
/// use browser_websocket::{DecodeError, FrameKind};
///
/// let error = DecodeError::WrongFrame { expected: FrameKind::Text, received: FrameKind::Binary, bytes: 3 };
/// assert_eq!(error.to_string(), "expected a text message, received a binary one (3 bytes)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The message is not the kind the codec reads: a text codec (JSON, say) reads only text
    /// messages, a binary one (MessagePack, postcard) only binary ones.
    WrongFrame {
        /// The kind the codec reads.
        expected: FrameKind,
        /// The kind that arrived.
        received: FrameKind,
        /// The message's size in bytes.
        bytes: usize,
    },
    /// The message is the right kind, but the codec could not read it (invalid JSON, a truncated
    /// MessagePack value, the wrong shape for the type).
    Malformed {
        /// The message's kind.
        frame: FrameKind,
        /// The message's size in bytes.
        bytes: usize,
        /// The codec's reason, with anything it quotes left out (`"…"`).
        reason: String,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::WrongFrame { expected, received, bytes } => {
                write!(f, "expected a {expected} message, received a {received} one ({bytes} bytes)")
            }
            DecodeError::Malformed { frame, bytes, reason } => {
                write!(f, "could not decode a {frame} message of {bytes} bytes: {reason}")
            }
        }
    }
}

impl std::error::Error for DecodeError {}
