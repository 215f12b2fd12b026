//! The constructor's checks, done in Rust before anything reaches the browser: the URL (resolved
//! against the page or worker location) and the subprotocols.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::{Error, UrlError};

#[wasm_bindgen]
extern "C" {
    /// `globalThis`, seen only through the two properties the base URL comes from, so no
    /// `window` is assumed and nothing else is imported.
    type Global;
    /// `globalThis.document`: `undefined` in a worker.
    #[wasm_bindgen(static_method_of = Global, js_class = "globalThis", getter, js_name = document)]
    fn document() -> JsValue;
    /// `globalThis.location`: a `Location` in a window, a `WorkerLocation` in a worker.
    #[wasm_bindgen(static_method_of = Global, js_class = "globalThis", getter, js_name = location)]
    fn location() -> JsValue;
    type Document;
    #[wasm_bindgen(method, getter, js_name = baseURI)]
    fn base_uri(this: &Document) -> JsValue;

    /// A parsed URL, kept in JavaScript: only its scheme crosses into Rust.
    pub(crate) type Url;
    /// `new URL(url, base)`; an `undefined` base parses `url` alone.
    #[wasm_bindgen(constructor, catch, js_class = URL)]
    fn parse(url: &str, base: &JsValue) -> Result<Url, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn protocol(this: &Url) -> String;
    #[wasm_bindgen(method, setter)]
    fn set_protocol(this: &Url, protocol: &str);
}

/// Resolves `url` the way the standard's constructor does: relative URLs against the document's
/// base URL (the worker's location in a worker), `http`/`https` mapped to `ws`/`wss`, any
/// other scheme and any fragment rejected. The result stays a JavaScript `URL`, which the
/// socket's constructor reads as its `href`.
pub(crate) fn resolve(url: &str) -> Result<Url, Error> {
    let parsed = Url::parse(url, &base_url()).map_err(|_| Error::InvalidUrl(UrlError::Unparsable(url.to_owned())))?;
    match parsed.protocol().as_str() {
        "ws:" | "wss:" => {}
        "http:" => parsed.set_protocol("ws:"),
        "https:" => parsed.set_protocol("wss:"),
        other => {
            let scheme = other.strip_suffix(':').unwrap_or(other).to_owned();
            return Err(Error::InvalidUrl(UrlError::UnsupportedScheme(url.to_owned(), scheme)));
        }
    }
    // The parser starts a fragment at the first `#` wherever it stands, and a relative URL
    // never inherits its base's fragment: the URL has one exactly when the input has a `#`.
    if url.bytes().any(|b| b == b'#') {
        return Err(Error::InvalidUrl(UrlError::Fragment(url.to_owned())));
    }
    Ok(parsed)
}

/// Every check the constructor makes, in its order, without creating a socket: the protocols,
/// a browser to run in, then the URL. Returns the resolved URL.
pub(crate) fn check(url: &str, protocols: &[&str]) -> Result<Url, Error> {
    validate_protocols(protocols)?;
    if cfg!(not(target_arch = "wasm32")) {
        return Err(Error::Unsupported);
    }
    resolve(url)
}

/// The base URL for relative input: the document's base URL in a window, the location in a
/// worker, `undefined` elsewhere. No `window` is assumed.
fn base_url() -> JsValue {
    let document = Global::document();
    if document.is_object() {
        document.unchecked_ref::<Document>().base_uri()
    } else {
        Global::location()
    }
}

/// Checks subprotocols as the constructor does: each a non-empty RFC 2616 token, none twice
/// (compared exactly, so `echo` and `ECHO` are two).
pub(crate) fn validate_protocols(protocols: &[&str]) -> Result<(), Error> {
    for (index, protocol) in protocols.iter().enumerate() {
        let is_token = !protocol.is_empty() && protocol.bytes().all(is_token_byte);
        if !is_token || protocols[..index].contains(protocol) {
            return Err(Error::InvalidProtocol((*protocol).to_owned()));
        }
    }
    Ok(())
}

/// A visible ASCII character that is not an HTTP separator.
fn is_token_byte(byte: u8) -> bool {
    (0x21..=0x7e).contains(&byte) && !b"()<>@,;:\\\"/[]?={}".contains(&byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocols_must_be_distinct_tokens() {
        for bad in ["", " ", "a b", "a,b", "a/b", "a\tb", "\u{7f}", "é", "a\"b", "(", "{x}", "a=b"] {
            assert_eq!(validate_protocols(&[bad]), Err(Error::InvalidProtocol(bad.into())), "{bad:?}");
        }
        assert_eq!(validate_protocols(&["echo", "echo"]), Err(Error::InvalidProtocol("echo".into())));
        assert_eq!(validate_protocols(&["echo", "eCho", "chat.v2", "x-y_z~!#$%&'*+^`|"]), Ok(()));
        assert_eq!(validate_protocols(&[]), Ok(()));
    }
}
