//! Every endpoint the server knows, parsed from the path once: one table, so a name cannot be
//! known to one part of the server and missing from another.

/// An endpoint, by the path it is served at (without the leading `/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// `/invalid`: Answers the handshake with garbage.
    Invalid,
    /// `/wrong_accept_key`: Answers the handshake with a wrong `Sec-WebSocket-Accept`.
    WrongAcceptKey,
    /// `/status`: `status?code=N`: refuses the handshake with 401, 500 or (default) 403.
    Status,
    /// `/redirect`: Refuses the handshake with a redirect to `/echo`.
    Redirect,
    /// `/handshake-stall`: Reads the handshake and never answers (for a minute).
    HandshakeStall,
    /// `/echo`.
    Echo,
    /// `/echo_exit`.
    EchoExit,
    /// `/echo_close_data`.
    EchoCloseData,
    /// `/echo_raw`.
    EchoRaw,
    /// `/empty-message`.
    EmptyMessage,
    /// `/protocol`.
    Protocol,
    /// `/protocol_array`.
    ProtocolArray,
    /// `/handshake_protocol`.
    HandshakeProtocol,
    /// `/handshake_no_protocol`.
    HandshakeNoProtocol,
    /// `/handshake_no_extensions`.
    HandshakeNoExtensions,
    /// `/handshake_sleep_2`.
    HandshakeSleep2,
    /// `/sleep_10_v13`.
    Sleep10V13,
    /// `/delayed-passive-close`.
    DelayedPassiveClose,
    /// `/passive-close-abort`.
    PassiveCloseAbort,
    /// `/remote-close`.
    RemoteClose,
    /// `/simple_handshake`.
    SimpleHandshake,
    /// `/basic_auth`.
    BasicAuth,
    /// `/echo-query`.
    EchoQuery,
    /// `/echo-query_v13`.
    EchoQueryV13,
    /// `/origin`.
    Origin,
    /// `/referrer`.
    Referrer,
    /// `/echo-cookie`.
    EchoCookie,
    /// `/set-cookie`.
    SetCookie,
    /// `/receive-many-with-backpressure`.
    ReceiveManyWithBackpressure,
    /// `/flood`.
    Flood,
    /// `/track`.
    Track,
    /// `/report`.
    Report,
    /// `/closed-port`.
    ClosedPort,
    /// `/rpc-port`: Sends the port of the JSON-RPC server (jsonrpsee's, behind the proxy that
    /// `/rpc-cut` cuts), then finishes.
    RpcPort,
    /// `/rpc-cut`: Drops every connection to the JSON-RPC server without a Close frame, sends
    /// `cut`, then finishes.
    RpcCut,
    /// `/mixed`.
    Mixed,
    /// `/slow-reader`.
    SlowReader,
    /// `/chat`.
    Chat,
    /// `/flaky`.
    Flaky,
    /// `/stall`.
    Stall,
    /// `/reset-mid-message`.
    ResetMidMessage,
    /// `/close-during-upload`.
    CloseDuringUpload,
    /// `/invalid-utf8`.
    InvalidUtf8,
    /// `/reserved-opcode`.
    ReservedOpcode,
    /// `/big`.
    Big,
    /// `/bench-echo`.
    BenchEcho,
}

/// Each endpoint with its path.
const TABLE: &[(&str, Endpoint)] = &[
    ("invalid", Endpoint::Invalid),
    ("wrong_accept_key", Endpoint::WrongAcceptKey),
    ("status", Endpoint::Status),
    ("redirect", Endpoint::Redirect),
    ("handshake-stall", Endpoint::HandshakeStall),
    ("echo", Endpoint::Echo),
    ("echo_exit", Endpoint::EchoExit),
    ("echo_close_data", Endpoint::EchoCloseData),
    ("echo_raw", Endpoint::EchoRaw),
    ("empty-message", Endpoint::EmptyMessage),
    ("protocol", Endpoint::Protocol),
    ("protocol_array", Endpoint::ProtocolArray),
    ("handshake_protocol", Endpoint::HandshakeProtocol),
    ("handshake_no_protocol", Endpoint::HandshakeNoProtocol),
    ("handshake_no_extensions", Endpoint::HandshakeNoExtensions),
    ("handshake_sleep_2", Endpoint::HandshakeSleep2),
    ("sleep_10_v13", Endpoint::Sleep10V13),
    ("delayed-passive-close", Endpoint::DelayedPassiveClose),
    ("passive-close-abort", Endpoint::PassiveCloseAbort),
    ("remote-close", Endpoint::RemoteClose),
    ("simple_handshake", Endpoint::SimpleHandshake),
    ("basic_auth", Endpoint::BasicAuth),
    ("echo-query", Endpoint::EchoQuery),
    ("echo-query_v13", Endpoint::EchoQueryV13),
    ("origin", Endpoint::Origin),
    ("referrer", Endpoint::Referrer),
    ("echo-cookie", Endpoint::EchoCookie),
    ("set-cookie", Endpoint::SetCookie),
    ("receive-many-with-backpressure", Endpoint::ReceiveManyWithBackpressure),
    ("flood", Endpoint::Flood),
    ("track", Endpoint::Track),
    ("report", Endpoint::Report),
    ("closed-port", Endpoint::ClosedPort),
    ("rpc-port", Endpoint::RpcPort),
    ("rpc-cut", Endpoint::RpcCut),
    ("mixed", Endpoint::Mixed),
    ("slow-reader", Endpoint::SlowReader),
    ("chat", Endpoint::Chat),
    ("flaky", Endpoint::Flaky),
    ("stall", Endpoint::Stall),
    ("reset-mid-message", Endpoint::ResetMidMessage),
    ("close-during-upload", Endpoint::CloseDuringUpload),
    ("invalid-utf8", Endpoint::InvalidUtf8),
    ("reserved-opcode", Endpoint::ReservedOpcode),
    ("big", Endpoint::Big),
    ("bench-echo", Endpoint::BenchEcho),
];

impl Endpoint {
    /// The endpoint at `path` (`/echo`, say), if there is one.
    pub fn parse(path: &str) -> Option<Endpoint> {
        let name = path.strip_prefix('/').unwrap_or(path);
        TABLE.iter().find(|(known, _)| *known == name).map(|&(_, endpoint)| endpoint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_in_the_table_parses_to_its_own_endpoint() {
        for (name, endpoint) in TABLE {
            assert_eq!(Endpoint::parse(&format!("/{name}")), Some(*endpoint));
        }
        let distinct: std::collections::HashSet<_> = TABLE.iter().map(|(_, e)| format!("{e:?}")).collect();
        assert_eq!(distinct.len(), TABLE.len());
        assert_eq!(Endpoint::parse("/no-such-thing"), None);
        assert_eq!(Endpoint::parse("/echo/"), None);
    }
}
