//! Feature `io`: byte streams over messages.
#![cfg(feature = "io")]

use futures::{AsyncReadExt, AsyncWriteExt};
use wasm_bindgen_test::wasm_bindgen_test;

use crate::common::{connect, within};

#[wasm_bindgen_test]
async fn bytes_written_come_back_readable_then_end_of_file() {
    let mut connection = connect("/echo").await;
    connection.write_all(b"hello, ").await.unwrap();
    connection.write_all(b"bytes").await.unwrap();
    let mut first = [0u8; 3];
    within(10_000, "read", connection.read_exact(&mut first)).await.unwrap();
    assert_eq!(&first, b"hel");
    connection.write_all(b"!").await.unwrap();
    let mut rest = [0u8; 10];
    within(10_000, "read", connection.read_exact(&mut rest)).await.unwrap();
    assert_eq!(&rest, b"lo, bytes!");
    connection.close().await.unwrap();
    let mut tail = Vec::new();
    assert_eq!(connection.read_to_end(&mut tail).await.unwrap(), 0);
    let error = connection.write_all(b"late").await.unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::NotConnected);
}
