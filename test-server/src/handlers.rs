//! The endpoints ([`Endpoint`]): the WHATWG/WPT reference handlers
//! (`../shared/reference/websockets-spec.md` §2–3) plus a few of our own (`status`, `flood`,
//! `mixed`, `slow-reader`, `track`/`report`, `closed-port`, `chat`, `flaky`, ...). Other HTTP
//! requests get files from `--www`. Any endpoint takes `handshake_delay_ms=N` to answer the
//! handshake late.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};

use crate::endpoint::Endpoint;
use crate::frames::opcode::{BINARY, CLOSE, FIN, PING, RESERVED, TEXT};
use crate::frames::{close_body, Abort, Incoming, Ws};
use crate::http::{self, Request};
use crate::shared::{Shared, Tracks};

/// Serves one TCP connection: the handshake, then the endpoint's data phase.
pub async fn serve<S>(mut stream: S, shared: Arc<Shared>)
where
    S: AsyncRead + AsyncWrite + Abort + Unpin + Send + 'static,
{
    let Some(request) = http::read_request(&mut stream).await else { return };
    if !request.is_upgrade() {
        return crate::files::serve(&mut stream, &request, shared.www.as_deref()).await;
    }
    let Some(endpoint) = Endpoint::parse(&request.path) else {
        return http::respond(&mut stream, "404 Not Found", "", "no such endpoint\n").await;
    };
    let accept = http::accept_key(&request);
    match endpoint {
        Endpoint::Invalid => {
            let _ = stream.write_all(b"FOO BAR BAZ\r\n\r\n").await;
            return;
        }
        Endpoint::WrongAcceptKey => {
            let _ = stream.write_all(http::switching("thisisawrongacceptkey", None, "").as_bytes()).await;
            tokio::time::sleep(Duration::from_secs(1)).await;
            return;
        }
        Endpoint::Status => {
            let status = match request.param("code").as_deref() {
                Some("401") => "401 Unauthorized",
                Some("500") => "500 Internal Server Error",
                _ => "403 Forbidden",
            };
            return http::respond(&mut stream, status, "", "refused\n").await;
        }
        Endpoint::Redirect => {
            return http::respond(&mut stream, "301 Moved Permanently", "Location: /echo\r\n", "").await
        }
        Endpoint::BasicAuth if request.header("authorization") != Some("Basic Zm9vOmJhcg==") => {
            let realm = "WWW-Authenticate: Basic realm=\"camelot\"\r\n";
            return http::respond(&mut stream, "401 Unauthorized", realm, "").await;
        }
        Endpoint::SimpleHandshake => {
            let mut bytes = http::switching(&accept, None, "Set-Cookie: ws_test=test\r\n").into_bytes();
            let body = close_body(1001, "PASS");
            bytes.extend_from_slice(&[FIN | CLOSE, body.len() as u8]);
            bytes.extend_from_slice(&body);
            let _ = stream.write_all(&bytes).await;
            let mut ws = Ws::new(stream);
            while let Ok(incoming) = ws.recv().await {
                if matches!(incoming, Incoming::Close(_)) {
                    break;
                }
            }
            return ws.shutdown().await;
        }
        Endpoint::Flaky => {
            // `flaky?id=X&refuse=N`: the first N handshakes of id X are refused with 503.
            let id = request.param("id").unwrap_or_default();
            let count = shared.tracks.with(&id, |track| {
                track.connections += 1;
                track.connections
            });
            let refuse: u32 = request.param("refuse").and_then(|n| n.parse().ok()).unwrap_or(0);
            if count <= refuse {
                return http::respond(&mut stream, "503 Service Unavailable", "", "try again\n").await;
            }
        }
        Endpoint::HandshakeStall => {
            // Reads the request and never answers (for a minute).
            tokio::time::sleep(Duration::from_secs(60)).await;
            return;
        }
        Endpoint::HandshakeSleep2 => tokio::time::sleep(Duration::from_secs(2)).await,
        Endpoint::Sleep10V13 => tokio::time::sleep(Duration::from_secs(10)).await,
        _ => {}
    }
    if let Some(ms) = request.param("handshake_delay_ms").and_then(|ms| ms.parse().ok()) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let offered = request.protocols();
    let raw_protocol = request.header("sec-websocket-protocol").map(str::to_owned);
    let protocol = match endpoint {
        Endpoint::Echo => offered.iter().find(|&&p| p == "echo").map(|p| p.to_string()),
        Endpoint::Protocol => raw_protocol.clone(),
        Endpoint::ProtocolArray => offered.first().map(|p| p.to_string()),
        Endpoint::HandshakeProtocol => Some("foobar".to_owned()),
        _ => None,
    };
    let extra = match endpoint {
        Endpoint::SetCookie => format!("Set-Cookie: ws_test_{}=test; Path=/\r\n", request.query),
        _ => String::new(),
    };
    let response = http::switching(&accept, protocol.as_deref(), &extra);
    if stream.write_all(response.as_bytes()).await.is_err() {
        return;
    }
    let mut ws = Ws::new(stream);
    match endpoint {
        Endpoint::Chat => return crate::chat::serve(ws, &shared.chat).await,
        Endpoint::RpcPort => {
            let port = shared.rpc.as_ref().map_or(0, |rpc| rpc.port);
            let _ = send_then_finish(&mut ws, &port.to_string()).await;
            return ws.shutdown().await;
        }
        Endpoint::RpcCut => {
            if let Some(rpc) = &shared.rpc {
                rpc.cut();
            }
            let _ = send_then_finish(&mut ws, "cut").await;
            return ws.shutdown().await;
        }
        Endpoint::ResetMidMessage => {
            // Announces a 1,000-byte binary message, sends 100 bytes of it, then resets TCP.
            let _ = ws.send_raw(&[FIN | BINARY, 126, 0x03, 0xe8]).await;
            let _ = ws.send_raw(&[7; 100]).await;
            tokio::time::sleep(Duration::from_millis(50)).await;
            return ws.reset();
        }
        Endpoint::CloseDuringUpload => {
            // Reads nothing while the client starts sending, then says Close and resets TCP.
            tokio::time::sleep(Duration::from_millis(300)).await;
            let _ = ws.send_close(1001, "going away").await;
            return ws.reset();
        }
        _ => {}
    }
    let _ = run(endpoint, &mut ws, &request, &shared.tracks, raw_protocol).await;
    ws.shutdown().await;
}

/// The data phase of `endpoint`. Returning ends the TCP connection.
async fn run<S: AsyncRead + AsyncWrite>(
    endpoint: Endpoint,
    ws: &mut Ws<S>,
    request: &Request,
    tracks: &Tracks,
    raw_protocol: Option<String>,
) -> io::Result<()> {
    match endpoint {
        Endpoint::Echo | Endpoint::Sleep10V13 => echo(ws, true).await,
        Endpoint::EchoExit => loop {
            match ws.recv().await? {
                Incoming::Text(text) if text == b"Goodbye" => return finish(ws).await,
                Incoming::Close(_) => return reply_normal(ws).await,
                _ => {}
            }
        },
        Endpoint::EchoCloseData => loop {
            match ws.recv().await? {
                Incoming::Text(text) if text == b"Goodbye" => {
                    ws.send_close(1000, "").await?;
                    ws.send_text("after-close").await?;
                    return await_close(ws).await;
                }
                Incoming::Close(_) => return reply_normal(ws).await,
                _ => {}
            }
        },
        Endpoint::EchoRaw => loop {
            match ws.recv().await? {
                Incoming::Text(data) | Incoming::Binary(data) if data == b"exit" => return finish(ws).await,
                Incoming::Text(data) | Incoming::Binary(data) => ws.send_raw(&data).await?,
                Incoming::Close(_) => return reply_normal(ws).await,
            }
        },
        Endpoint::EmptyMessage => {
            let verdict = match ws.recv().await? {
                Incoming::Text(text) if text.is_empty() => "pass",
                Incoming::Close(_) => return reply_normal(ws).await,
                _ => "fail",
            };
            ws.send_text(verdict).await?;
            finish(ws).await
        }
        Endpoint::Protocol => send_then_finish(ws, raw_protocol.as_deref().unwrap_or("")).await,
        Endpoint::ProtocolArray => {
            let first = request.protocols().first().map(|p| p.to_string()).unwrap_or_default();
            send_then_finish(ws, &first).await
        }
        Endpoint::EchoQuery | Endpoint::EchoQueryV13 => send_then_finish(ws, &request.query.clone()).await,
        Endpoint::Origin => send_then_finish(ws, request.header("origin").unwrap_or("")).await,
        Endpoint::Referrer => send_then_finish(ws, request.header("referer").unwrap_or("MISSING AS PER FETCH")).await,
        Endpoint::EchoCookie => send_then_finish(ws, request.header("cookie").unwrap_or("(none)")).await,
        Endpoint::DelayedPassiveClose => loop {
            if let Incoming::Close(body) = ws.recv().await? {
                tokio::time::sleep(Duration::from_secs(1)).await;
                return ws.send_close_body(&body).await;
            }
        },
        Endpoint::PassiveCloseAbort => loop {
            if let Incoming::Close(_) = ws.recv().await? {
                return Ok(());
            }
        },
        Endpoint::RemoteClose => {
            if request.param("abrupt").as_deref() == Some("1") {
                // An open connection dropped: Firefox sees a drop right after the handshake
                // before it has dispatched open (then the connection never opens), so wait first.
                tokio::time::sleep(Duration::from_millis(100)).await;
                return ws.send_frame(PING, b"").await;
            }
            match request.param("code").and_then(|c| c.parse::<u16>().ok()) {
                Some(code) => ws.send_close(code, &request.param("reason").unwrap_or_default()).await?,
                None => ws.send_close_body(&[]).await?,
            }
            await_close(ws).await
        }
        Endpoint::ReceiveManyWithBackpressure => loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            match ws.recv().await? {
                Incoming::Text(data) | Incoming::Binary(data) => ws.send_text(&data.len().to_string()).await?,
                Incoming::Close(_) => return reply_normal(ws).await,
            }
        },
        Endpoint::Flood => flood(ws, request).await,
        Endpoint::Flaky => {
            // Echoes; with `drop_after=M`, drops TCP (no Close) after echoing M messages (and
            // then `hold_ms` more), on the first `drop_times=K` accepted connections (all of them
            // without it). The text `drop` drops TCP at once, whenever it comes.
            let id = request.param("id").unwrap_or_default();
            let number = |name: &str| request.param(name).and_then(|n| n.parse::<u32>().ok());
            let accepted = tracks.with(&id, |track| track.connections) - number("refuse").unwrap_or(0);
            let drops = number("drop_times").is_none_or(|times| accepted <= times);
            let drop_after = number("drop_after").filter(|_| drops).map(|m| m as usize);
            let mut echoed = 0;
            loop {
                if drop_after == Some(echoed) {
                    tokio::time::sleep(Duration::from_millis(number("hold_ms").unwrap_or(0).into())).await;
                    return Ok(());
                }
                match ws.recv().await? {
                    Incoming::Text(text) if text == b"drop" => return Ok(()),
                    Incoming::Text(text) => ws.send_frame(TEXT, &text).await?,
                    Incoming::Binary(bytes) => ws.send_binary(&bytes).await?,
                    Incoming::Close(body) => return ws.send_close_body(&body).await,
                }
                echoed += 1;
            }
        }
        Endpoint::InvalidUtf8 => {
            ws.send_frame(TEXT, &[0x68, 0x69, 0xff, 0xfe]).await?;
            await_close(ws).await
        }
        Endpoint::ReservedOpcode => {
            ws.send_frame(RESERVED, b"reserved").await?;
            await_close(ws).await
        }
        Endpoint::Big => {
            // `big?size=N`: one binary message of N bytes (byte i is i % 251), then echo.
            let size: usize = request.param("size").and_then(|s| s.parse().ok()).unwrap_or(1 << 20);
            let payload: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            ws.send_binary(&payload).await?;
            echo(ws, false).await
        }
        Endpoint::BenchEcho => {
            // The echo, written for speed: replies are flushed only once no more input waits.
            loop {
                match ws.recv().await? {
                    Incoming::Text(text) => ws.queue_frame(TEXT, &text).await?,
                    Incoming::Binary(bytes) => ws.queue_frame(BINARY, &bytes).await?,
                    Incoming::Close(body) => return ws.send_close_body(&body).await,
                }
                if !ws.reader.has_buffered() {
                    ws.flush().await?;
                }
            }
        }
        Endpoint::Stall => {
            // Says nothing and reads nothing, without closing, for up to 30 s.
            tokio::time::sleep(Duration::from_secs(30)).await;
            Ok(())
        }
        Endpoint::Mixed => {
            ws.send_text("one").await?;
            ws.send_binary(&[2]).await?;
            ws.send_text("three").await?;
            ws.send_binary(&[4, 4]).await?;
            ws.send_text("").await?;
            ws.send_binary(&[]).await?;
            ws.send_close(4001, "mixed done").await?;
            await_close(ws).await
        }
        Endpoint::SlowReader => {
            // Reads nothing for `ms`, then counts bytes until the text "done" and reports them.
            let ms = request.param("ms").and_then(|ms| ms.parse().ok()).unwrap_or(2000);
            tokio::time::sleep(Duration::from_millis(ms)).await;
            let mut total = 0usize;
            loop {
                match ws.recv().await? {
                    Incoming::Text(text) if text == b"done" => break,
                    Incoming::Text(data) | Incoming::Binary(data) => total += data.len(),
                    Incoming::Close(body) => return ws.send_close_body(&body).await,
                }
            }
            ws.send_text(&total.to_string()).await?;
            echo(ws, false).await
        }
        Endpoint::Track => {
            // Echoes (with `silent=1`, reads and answers nothing), and records the client's close.
            let id = request.param("id").unwrap_or_default();
            let silent = request.param("silent").as_deref() == Some("1");
            tracks.with(&id, |track| track.connections += 1);
            let close = loop {
                match ws.recv().await {
                    Ok(Incoming::Text(_) | Incoming::Binary(_)) if silent => {}
                    Ok(Incoming::Text(text)) => ws.send_frame(TEXT, &text).await?,
                    Ok(Incoming::Binary(bytes)) => ws.send_binary(&bytes).await?,
                    Ok(Incoming::Close(body)) => break Some(body),
                    Err(_) => break None,
                }
            };
            let seen = match &close {
                None => "abrupt".to_owned(),
                Some(body) if body.len() < 2 => "none".to_owned(),
                Some(body) => {
                    format!("{}:{}", u16::from_be_bytes([body[0], body[1]]), String::from_utf8_lossy(&body[2..]))
                }
            };
            tracks.with(&id, |track| track.closes.push(seen));
            match close {
                Some(body) => ws.send_close_body(&body).await,
                None => Ok(()),
            }
        }
        Endpoint::Report => {
            let id = request.param("id").unwrap_or_default();
            let report = tracks.with(&id, |t| format!("connections={} closes={}", t.connections, t.closes.join(",")));
            send_then_finish(ws, &report).await
        }
        Endpoint::ClosedPort => {
            let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
            send_then_finish(ws, &port.to_string()).await
        }
        // handshake_protocol, handshake_no_protocol, handshake_no_extensions, handshake_sleep_2,
        // set-cookie, basic_auth: close at once.
        _ => finish(ws).await,
    }
}

/// Echoes text and binary; `Goodbye` ends it with Close 1000; a client Close is mirrored.
async fn echo<S: AsyncRead + AsyncWrite>(ws: &mut Ws<S>, goodbye: bool) -> io::Result<()> {
    loop {
        match ws.recv().await? {
            Incoming::Text(text) => {
                ws.send_frame(TEXT, &text).await?;
                if goodbye && text == b"Goodbye" {
                    return finish(ws).await;
                }
            }
            Incoming::Binary(bytes) => ws.send_binary(&bytes).await?,
            Incoming::Close(body) => return ws.send_close_body(&body).await,
        }
    }
}

/// `flood?count=N&size=S&binary=1&json=1&close=1`: N numbered messages of at least S bytes, at once
/// (with `json=1`, each inside a chat line as the examples send; with `quotes=1`, each a JSON
/// object of about 200 bytes, a dozen fields and nested arrays, as the bench's JSON workloads read);
/// then Close 1000 "flood done" with `close=1`, else echo.
async fn flood<S: AsyncRead + AsyncWrite>(ws: &mut Ws<S>, request: &Request) -> io::Result<()> {
    let count: usize = request.param("count").and_then(|c| c.parse().ok()).unwrap_or(1000);
    let size: usize = request.param("size").and_then(|s| s.parse().ok()).unwrap_or(0);
    let binary = request.param("binary").as_deref() == Some("1");
    // `json=1`: each message is a chat line, `{"nick":"flood","text":"<index>..."}`.
    let json = request.param("json").as_deref() == Some("1");
    let quotes = request.param("quotes").as_deref() == Some("1");
    for index in 0..count {
        let mut payload = if binary { (index as u32).to_be_bytes().to_vec() } else { index.to_string().into_bytes() };
        payload.resize(payload.len().max(size), if binary { 0 } else { b'.' });
        if json {
            payload = [br#"{"nick":"flood","text":""#.as_slice(), &payload, br#""}"#].concat();
        }
        if quotes {
            payload = quote(index).into_bytes();
        }
        ws.queue_frame(if binary { BINARY } else { TEXT }, &payload).await?;
    }
    if request.param("close").as_deref() == Some("1") {
        ws.send_close(1000, "flood done").await?;
        return await_close(ws).await;
    }
    ws.send_raw(&[]).await?;
    echo(ws, false).await
}

/// A market quote as JSON: 12 fields, two nested arrays, about 200 bytes.
fn quote(index: usize) -> String {
    let price = 100.0 + (index % 997) as f64 / 8.0;
    format!(
        r#"{{"id":{index},"symbol":"ACME","price":{price},"bid":{bid},"ask":{ask},"volume":{volume},"open":true,"exchange":"XNAS","currency":"USD","ts":{ts},"tags":["tech","large-cap"],"levels":[[{bid},300],[{ask},500]]}}"#,
        bid = price - 0.125,
        ask = price + 0.125,
        volume = 48_213 + index,
        ts = 1_764_500_000_123u64 + index as u64,
    )
}

async fn send_then_finish<S: AsyncRead + AsyncWrite>(ws: &mut Ws<S>, text: &str) -> io::Result<()> {
    ws.send_text(text).await?;
    finish(ws).await
}

/// What a handler does when it "returns": Close 1000 "", then wait for the client's Close.
async fn finish<S: AsyncRead + AsyncWrite>(ws: &mut Ws<S>) -> io::Result<()> {
    ws.send_close(1000, "").await?;
    await_close(ws).await
}

/// Discards messages until the client's Close (or 10 s).
async fn await_close<S: AsyncRead + AsyncWrite>(ws: &mut Ws<S>) -> io::Result<()> {
    let wait = async {
        while !matches!(ws.recv().await?, Incoming::Close(_)) {}
        Ok(())
    };
    tokio::time::timeout(Duration::from_secs(10), wait).await.unwrap_or(Ok(()))
}

/// The default answer to a client's Close: 1000 "".
async fn reply_normal<S: AsyncRead + AsyncWrite>(ws: &mut Ws<S>) -> io::Result<()> {
    ws.send_close(1000, "").await
}
