//! Plain HTTP: the demo's files from the `--www` folder, on the same origin as the endpoints.

use std::path::{Component, Path};

use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::http::{self, Request};

pub async fn serve<S: AsyncWrite + Unpin>(stream: &mut S, request: &Request, www: Option<&Path>) {
    let Some(root) = www else {
        return http::respond(stream, "404 Not Found", "", "not a WebSocket request\n").await;
    };
    let relative = Path::new(request.path.trim_start_matches('/'));
    // Only plain names below the root: no `..`, no absolute paths.
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return http::respond(stream, "404 Not Found", "", "not found\n").await;
    }
    let mut path = root.join(relative);
    if path.is_dir() {
        path = path.join("index.html");
    }
    let Ok(body) = tokio::fs::read(&path).await else {
        return http::respond(stream, "404 Not Found", "", "not found\n").await;
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        content_type(&path),
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(&body).await;
    let _ = stream.shutdown().await;
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}
