//! [`ReadyState`]: where a connection is in its life.

use core::fmt;

use web_sys::WebSocket as RawWebSocket;

/// The state of a connection, as the browser's
/// [`readyState`](https://developer.mozilla.org/docs/Web/API/WebSocket/readyState) reports it.
///
/// [`WebSocket::ready_state`](crate::WebSocket::ready_state) reads it live from the browser every
/// time; this crate never keeps a copy that could go stale.
///
/// ```
/// use browser_websocket::ReadyState;
///
/// assert_eq!(u16::from(ReadyState::Open), 1);
/// assert_eq!(ReadyState::try_from(3), Ok(ReadyState::Closed));
/// assert_eq!(ReadyState::try_from(4), Err(4));
/// assert_eq!(ReadyState::Closing.to_string(), "closing");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReadyState {
    /// `CONNECTING` (0): the opening handshake is under way.
    Connecting,
    /// `OPEN` (1): messages can be sent and received.
    Open,
    /// `CLOSING` (2): the closing handshake has started.
    Closing,
    /// `CLOSED` (3): the connection is closed or could not be opened.
    Closed,
}

impl ReadyState {
    /// Reads a value from JavaScript; anything outside 0..=3 counts as closed, so nothing panics.
    pub(crate) fn from_js(value: u16) -> Self {
        ReadyState::try_from(value).unwrap_or(ReadyState::Closed)
    }
}

impl From<ReadyState> for u16 {
    fn from(state: ReadyState) -> u16 {
        match state {
            ReadyState::Connecting => RawWebSocket::CONNECTING,
            ReadyState::Open => RawWebSocket::OPEN,
            ReadyState::Closing => RawWebSocket::CLOSING,
            ReadyState::Closed => RawWebSocket::CLOSED,
        }
    }
}

impl TryFrom<u16> for ReadyState {
    /// The value, which is not a ready state.
    type Error = u16;

    fn try_from(value: u16) -> Result<Self, u16> {
        match value {
            RawWebSocket::CONNECTING => Ok(ReadyState::Connecting),
            RawWebSocket::OPEN => Ok(ReadyState::Open),
            RawWebSocket::CLOSING => Ok(ReadyState::Closing),
            RawWebSocket::CLOSED => Ok(ReadyState::Closed),
            other => Err(other),
        }
    }
}

impl fmt::Display for ReadyState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReadyState::Connecting => "connecting",
            ReadyState::Open => "open",
            ReadyState::Closing => "closing",
            ReadyState::Closed => "closed",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_states_are_the_browser_constants_and_anything_else_is_closed() {
        let states = [ReadyState::Connecting, ReadyState::Open, ReadyState::Closing, ReadyState::Closed];
        for (number, state) in (0u16..).zip(states) {
            assert_eq!(u16::from(state), number);
            assert_eq!(ReadyState::try_from(number), Ok(state));
            assert_eq!(ReadyState::from_js(number), state);
        }
        assert_eq!(ReadyState::try_from(4), Err(4));
        assert_eq!(ReadyState::from_js(u16::MAX), ReadyState::Closed);
    }
}
