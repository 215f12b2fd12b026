//! `chat`: a room where every message from one open socket goes to every open socket.

use std::io;

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{broadcast, oneshot};

use crate::frames::{Incoming, Ws};

/// One message said in the room.
#[derive(Clone, Debug)]
pub enum ChatMessage {
    Text(Vec<u8>),
    Binary(Vec<u8>),
}

pub async fn serve<S: AsyncRead + AsyncWrite + Send + 'static>(ws: Ws<S>, room: &broadcast::Sender<ChatMessage>) {
    let Ws { mut reader, mut writer } = ws;
    let mut heard = room.subscribe();
    let (closed_tx, mut closed) = oneshot::channel::<Vec<u8>>();
    let speaker = room.clone();
    tokio::spawn(async move {
        loop {
            match reader.recv().await {
                Ok(Incoming::Text(text)) => drop(speaker.send(ChatMessage::Text(text))),
                Ok(Incoming::Binary(bytes)) => drop(speaker.send(ChatMessage::Binary(bytes))),
                Ok(Incoming::Close(body)) => {
                    let _ = closed_tx.send(body);
                    return;
                }
                Err(_) => return,
            }
        }
    });
    let result: io::Result<()> = async {
        loop {
            tokio::select! {
                message = heard.recv() => match message {
                    Ok(ChatMessage::Text(text)) => writer.send_frame(crate::frames::opcode::TEXT, &text).await?,
                    Ok(ChatMessage::Binary(bytes)) => writer.send_binary(&bytes).await?,
                    Err(broadcast::error::RecvError::Lagged(_)) => {}
                    Err(broadcast::error::RecvError::Closed) => return Ok(()),
                },
                body = &mut closed => {
                    if let Ok(body) = body {
                        writer.send_close_body(&body).await?;
                    }
                    return Ok(());
                }
            }
        }
    }
    .await;
    drop(result);
    writer.shutdown().await;
}
