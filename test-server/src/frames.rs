//! The data phase of RFC 6455, server side, written out so the handlers can misbehave exactly:
//! mirror close frames, delay or withhold them, drop TCP, write raw bytes.

use std::io;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, BufWriter, ReadHalf, WriteHalf};

/// RFC 6455 §5.2 opcodes.
pub mod opcode {
    pub const CONTINUATION: u8 = 0x0;
    pub const TEXT: u8 = 0x1;
    pub const BINARY: u8 = 0x2;
    /// The first of the reserved non-control opcodes (0x3..=0x7).
    pub const RESERVED: u8 = 0x3;
    pub const CLOSE: u8 = 0x8;
    pub const PING: u8 = 0x9;
    pub const PONG: u8 = 0xA;
    /// The FIN bit of a frame's first byte.
    pub const FIN: u8 = 0x80;
}

use opcode::{BINARY, CLOSE, CONTINUATION, FIN, PING, PONG, TEXT};

/// The largest message the server accepts (larger ones end the connection).
const MAX_MESSAGE: usize = 256 << 20;

/// One message or Close from the client.
#[derive(Debug)]
pub enum Incoming {
    Text(Vec<u8>),
    Binary(Vec<u8>),
    /// A Close frame's body: empty, or a code and reason.
    Close(Vec<u8>),
}

/// A server-side WebSocket connection over any byte stream.
pub struct Ws<S> {
    pub reader: Reader<S>,
    pub writer: Writer<S>,
}

/// The reading half of a [`Ws`].
pub struct Reader<S>(BufReader<ReadHalf<S>>);

/// The writing half of a [`Ws`].
pub struct Writer<S>(BufWriter<WriteHalf<S>>);

impl<S: AsyncRead + AsyncWrite> Ws<S> {
    pub fn new(stream: S) -> Self {
        let (read, write) = tokio::io::split(stream);
        Ws {
            reader: Reader(BufReader::with_capacity(64 * 1024, read)),
            writer: Writer(BufWriter::with_capacity(64 * 1024, write)),
        }
    }

    /// The next message or Close.
    pub async fn recv(&mut self) -> io::Result<Incoming> {
        self.reader.recv().await
    }

    pub async fn send_frame(&mut self, opcode: u8, payload: &[u8]) -> io::Result<()> {
        self.writer.send_frame(opcode, payload).await
    }

    pub async fn queue_frame(&mut self, opcode: u8, payload: &[u8]) -> io::Result<()> {
        self.writer.queue_frame(opcode, payload).await
    }

    pub async fn send_text(&mut self, text: &str) -> io::Result<()> {
        self.writer.send_text(text).await
    }

    pub async fn send_binary(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.writer.send_binary(bytes).await
    }

    /// A Close frame with this raw body (empty for "no status").
    pub async fn send_close_body(&mut self, body: &[u8]) -> io::Result<()> {
        self.writer.send_close_body(body).await
    }

    pub async fn send_close(&mut self, code: u16, reason: &str) -> io::Result<()> {
        self.send_close_body(&close_body(code, reason)).await
    }

    /// Flushes what `queue_frame` buffered.
    pub async fn flush(&mut self) -> io::Result<()> {
        self.writer.0.flush().await
    }

    /// Bytes written as they are, outside any frame.
    pub async fn send_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.writer.0.write_all(bytes).await?;
        self.writer.0.flush().await
    }

    /// Ends the TCP connection (FIN), with no Close frame unless one was sent.
    pub async fn shutdown(self) {
        self.writer.shutdown().await;
    }
}

impl<S: AsyncRead> Reader<S> {
    /// Whether more received bytes wait in the buffer (so a reply can wait for them).
    pub fn has_buffered(&self) -> bool {
        !self.0.buffer().is_empty()
    }

    /// The next message or Close. Pings and pongs are skipped: browsers send none, and
    /// answering them is no part of what these handlers test.
    pub async fn recv(&mut self) -> io::Result<Incoming> {
        let mut message: Option<(u8, Vec<u8>)> = None;
        loop {
            let (fin, opcode, payload) = self.read_frame().await?;
            match opcode {
                CLOSE => return Ok(Incoming::Close(payload)),
                PING | PONG => {}
                CONTINUATION => match message.as_mut() {
                    Some((_, data)) if data.len() + payload.len() <= MAX_MESSAGE => data.extend_from_slice(&payload),
                    _ => return Err(io::Error::new(io::ErrorKind::InvalidData, "bad continuation")),
                },
                TEXT | BINARY if message.is_none() => message = Some((opcode, payload)),
                _ => return Err(io::Error::new(io::ErrorKind::InvalidData, "bad opcode")),
            }
            if fin {
                match message.take() {
                    Some((TEXT, data)) => return Ok(Incoming::Text(data)),
                    Some((_, data)) => return Ok(Incoming::Binary(data)),
                    None => {}
                }
            }
        }
    }

    async fn read_frame(&mut self) -> io::Result<(bool, u8, Vec<u8>)> {
        let reader = &mut self.0;
        let mut head = [0u8; 2];
        reader.read_exact(&mut head).await?;
        let len = match head[1] & 0x7f {
            126 => u64::from(reader.read_u16().await?),
            127 => reader.read_u64().await?,
            short => u64::from(short),
        };
        let len = usize::try_from(len).ok().filter(|&l| l <= MAX_MESSAGE);
        let len = len.ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "frame too large"))?;
        let mut mask = [0u8; 4];
        if head[1] & 0x80 != 0 {
            reader.read_exact(&mut mask).await?;
        }
        let mut payload = vec![0u8; len];
        reader.read_exact(&mut payload).await?;
        for (i, byte) in payload.iter_mut().enumerate() {
            *byte ^= mask[i % 4];
        }
        Ok((head[0] & FIN != 0, head[0] & 0x0f, payload))
    }
}

impl<S: AsyncWrite> Writer<S> {
    /// Writes one unmasked, final frame and flushes it.
    pub async fn send_frame(&mut self, opcode: u8, payload: &[u8]) -> io::Result<()> {
        self.queue_frame(opcode, payload).await?;
        self.0.flush().await
    }

    /// Writes one unmasked, final frame into the buffer without flushing.
    pub async fn queue_frame(&mut self, opcode: u8, payload: &[u8]) -> io::Result<()> {
        let mut head = vec![FIN | opcode];
        match payload.len() {
            len @ 0..=125 => head.push(len as u8),
            len @ 126..=0xffff => {
                head.push(126);
                head.extend_from_slice(&(len as u16).to_be_bytes());
            }
            len => {
                head.push(127);
                head.extend_from_slice(&(len as u64).to_be_bytes());
            }
        }
        self.0.write_all(&head).await?;
        self.0.write_all(payload).await
    }

    pub async fn send_text(&mut self, text: &str) -> io::Result<()> {
        self.send_frame(TEXT, text.as_bytes()).await
    }

    pub async fn send_binary(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.send_frame(BINARY, bytes).await
    }

    pub async fn send_close_body(&mut self, body: &[u8]) -> io::Result<()> {
        self.send_frame(CLOSE, body).await
    }

    pub async fn shutdown(mut self) {
        let _ = self.0.flush().await;
        let _ = self.0.shutdown().await;
    }
}

pub fn close_body(code: u16, reason: &str) -> Vec<u8> {
    let mut body = code.to_be_bytes().to_vec();
    body.extend_from_slice(reason.as_bytes());
    body
}

/// Streams that can end with a TCP reset (RST) instead of a FIN.
pub trait Abort {
    /// Makes the coming close a reset.
    fn reset_on_close(&self);
}

impl Abort for tokio::net::TcpStream {
    fn reset_on_close(&self) {
        #[allow(deprecated)] // set_linger(0) is exactly the reset wanted here.
        let _ = self.set_linger(Some(std::time::Duration::ZERO));
    }
}

impl Abort for tokio_rustls::server::TlsStream<tokio::net::TcpStream> {
    fn reset_on_close(&self) {
        self.get_ref().0.reset_on_close();
    }
}

impl<S: AsyncRead + AsyncWrite + Abort + Unpin> Ws<S> {
    /// Ends the connection with a TCP reset, dropping whatever is buffered.
    pub fn reset(self) {
        let read = self.reader.0.into_inner();
        let write = self.writer.0.into_inner();
        let stream = read.unsplit(write);
        stream.reset_on_close();
    }
}
