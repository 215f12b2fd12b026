//! The opening handshake: reading a request head and writing the responses the handlers need,
//! good and bad.

use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// A parsed request head.
#[derive(Debug)]
pub struct Request {
    pub path: String,
    pub query: String,
    headers: Vec<(String, String)>,
}

impl Request {
    /// The first header with this (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The offered subprotocols, in order.
    pub fn protocols(&self) -> Vec<&str> {
        self.header("sec-websocket-protocol")
            .map(|v| v.split(',').map(str::trim).filter(|p| !p.is_empty()).collect())
            .unwrap_or_default()
    }

    /// A query parameter, percent-decoded as UTF-8.
    pub fn param(&self, name: &str) -> Option<String> {
        self.query.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key == name).then(|| percent_decode(value))
        })
    }

    pub fn is_upgrade(&self) -> bool {
        self.header("upgrade").is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
    }
}

/// Reads up to the blank line that ends a request head (at most 16 KiB, within 10 s).
pub async fn read_request<S: AsyncRead + Unpin>(stream: &mut S) -> Option<Request> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    let read = async {
        while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
            if stream.read(&mut byte).await.ok()? == 0 {
                return None;
            }
            head.push(byte[0]);
        }
        Some(())
    };
    tokio::time::timeout(Duration::from_secs(10), read).await.ok()??;
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.split("\r\n");
    let target = lines.next()?.split(' ').nth(1)?.to_owned();
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Some(Request { path: path.to_owned(), query: query.to_owned(), headers })
}

/// The `101 Switching Protocols` response, with an accept key (right or deliberately wrong),
/// the selected protocol and any extra header lines.
pub fn switching(accept: &str, protocol: Option<&str>, extra: &str) -> String {
    let protocol = protocol.map(|p| format!("Sec-WebSocket-Protocol: {p}\r\n")).unwrap_or_default();
    format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Accept: {accept}\r\n{protocol}{extra}\r\n"
    )
}

/// The accept key for a request's `Sec-WebSocket-Key`.
pub fn accept_key(request: &Request) -> String {
    let key = request.header("sec-websocket-key").unwrap_or_default();
    tungstenite::handshake::derive_accept_key(key.as_bytes())
}

/// A plain HTTP response with a short text body.
pub async fn respond<S: AsyncWrite + Unpin>(stream: &mut S, status: &str, extra: &str, body: &str) {
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (other, _) => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_reasons() {
        assert_eq!(percent_decode("caf%C3%A9+ok%2"), "café ok%2");
    }
}
