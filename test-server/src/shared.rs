//! What all connections share: the `track` records, the chat room and the folder to serve.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use tokio::sync::broadcast;

use crate::chat::ChatMessage;

pub struct Shared {
    pub tracks: Tracks,
    /// The JSON-RPC server, if it started.
    pub rpc: Option<crate::rpc::Rpc>,
    pub chat: broadcast::Sender<ChatMessage>,
    pub www: Option<PathBuf>,
}

impl Shared {
    pub fn new(www: Option<PathBuf>, rpc: Option<crate::rpc::Rpc>) -> Shared {
        Shared { tracks: Tracks::default(), rpc, chat: broadcast::channel(1024).0, www }
    }
}

/// What `track` connections saw, by id, for `report` to tell.
#[derive(Default)]
pub struct Tracks(Mutex<HashMap<String, Track>>);

#[derive(Default)]
pub struct Track {
    pub connections: u32,
    pub closes: Vec<String>,
}

impl Tracks {
    pub fn with<R>(&self, id: &str, f: impl FnOnce(&mut Track) -> R) -> R {
        let mut tracks = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(tracks.entry(id.to_owned()).or_default())
    }
}
