//! Feature `io`: [`AsyncRead`] over received messages and [`AsyncWrite`] as binary messages.

use core::pin::Pin;
use core::task::{ready, Context, Poll};
use std::io;

use futures_core::Stream;
use futures_io::{AsyncRead, AsyncWrite};
use futures_sink::Sink;

use super::split::{Receiver, Sender};
use super::Connection;
use crate::{Error, Message};

fn io_error(error: Error) -> io::Error {
    let kind = match error {
        Error::NotOpen(_) => io::ErrorKind::NotConnected,
        _ => io::ErrorKind::Other,
    };
    io::Error::new(kind, error)
}

/// The unread rest of the last message.
#[derive(Debug, Default)]
pub(crate) struct ReadBuffer {
    bytes: Vec<u8>,
    position: usize,
}

/// Reads the bytes of every message in order (text as UTF-8); end of file at the close. A
/// [`Message::Blob`] is an [`io::ErrorKind::InvalidData`] error: keep the default
/// [`BinaryType::ArrayBuffer`](crate::BinaryType::ArrayBuffer) for byte streams.
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// use futures::{AsyncReadExt, AsyncWriteExt};
///
/// let mut connection = browser_websocket::Connection::connect("/echo").await.map_err(std::io::Error::other)?;
/// connection.write_all(b"ping").await?;
/// let mut reply = [0; 4];
/// connection.read_exact(&mut reply).await?;
/// # Ok(())
/// # }
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "io")))]
impl AsyncRead for Receiver {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, out: &mut [u8]) -> Poll<io::Result<usize>> {
        while self.read_buffer.position == self.read_buffer.bytes.len() {
            let bytes = match ready!(self.as_mut().poll_next(cx)) {
                None => return Poll::Ready(Ok(0)),
                Some(Message::Text(text)) => text.into_bytes(),
                Some(Message::Binary(bytes)) => bytes,
                Some(Message::Blob(_)) => {
                    let message = "a Blob message cannot be read as bytes; use BinaryType::ArrayBuffer";
                    return Poll::Ready(Err(io::Error::new(io::ErrorKind::InvalidData, message)));
                }
            };
            self.read_buffer = ReadBuffer { bytes, position: 0 };
        }
        let buffer = &mut self.read_buffer;
        let count = out.len().min(buffer.bytes.len() - buffer.position);
        out[..count].copy_from_slice(&buffer.bytes[buffer.position..buffer.position + count]);
        buffer.position += count;
        Poll::Ready(Ok(count))
    }
}

/// Each write sends one binary message, waiting for backpressure like the [`Sink`]; closing
/// closes the connection with 1000.
///
/// ```no_run
/// # async fn demo(mut sender: browser_websocket::Sender) -> std::io::Result<()> {
/// use futures::AsyncWriteExt;
///
/// sender.write_all(&[1, 2, 3]).await?; // one binary message
/// sender.close().await?;
/// # Ok(())
/// # }
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "io")))]
impl AsyncWrite for Sender {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, bytes: &[u8]) -> Poll<io::Result<usize>> {
        ready!(self.as_mut().poll_ready(cx)).map_err(io_error)?;
        self.start_send(Message::Binary(bytes.to_vec())).map_err(io_error)?;
        Poll::Ready(Ok(bytes.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Sink::poll_flush(self, cx).map_err(io_error)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Sink::poll_close(self, cx).map_err(io_error)
    }
}

/// As for [`Receiver`].
#[cfg_attr(docsrs, doc(cfg(feature = "io")))]
impl AsyncRead for Connection {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, out: &mut [u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.receiver).poll_read(cx, out)
    }
}

/// As for [`Sender`].
#[cfg_attr(docsrs, doc(cfg(feature = "io")))]
impl AsyncWrite for Connection {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, bytes: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.sender).poll_write(cx, bytes)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        AsyncWrite::poll_flush(Pin::new(&mut self.sender), cx)
    }

    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        AsyncWrite::poll_close(Pin::new(&mut self.sender), cx)
    }
}
