//! The constructor's checks, done in Rust before anything reaches the browser: the URL (resolved
//! against the page or worker location) and the subprotocols.

use wasm_bindgen::JsCast;

use crate::{Error, UrlError};

/// Resolves `url` the way the standard's constructor does, and returns its serialisation:
/// relative URLs against the document's base URL (the worker's location in a worker),
/// `http`/`https` mapped to `ws`/`wss`, any other scheme and any fragment rejected.
pub(crate) fn resolve(url: &str) -> Result<String, Error> {
    let unparsable = || Error::InvalidUrl(UrlError::Unparsable(url.to_owned()));
    let parsed = match base_url() {
        Some(base) => web_sys::Url::new_with_base(url, &base),
        None => web_sys::Url::new(url),
    }
    .map_err(|_| unparsable())?;
    match parsed.protocol().as_str() {
        "ws:" | "wss:" => {}
        "http:" => parsed.set_protocol("ws:"),
        "https:" => parsed.set_protocol("wss:"),
        other => {
            let scheme = other.trim_end_matches(':').to_owned();
            return Err(Error::InvalidUrl(UrlError::UnsupportedScheme(url.to_owned(), scheme)));
        }
    }
    let href = parsed.href();
    // A serialised URL holds `#` only where its fragment starts, even an empty one.
    if href.contains('#') {
        return Err(Error::InvalidUrl(UrlError::Fragment(url.to_owned())));
    }
    Ok(href)
}

/// Every check the constructor makes, in its order, without creating a socket: the protocols,
/// a browser to run in, then the URL. Returns the resolved URL.
pub(crate) fn check(url: &str, protocols: &[&str]) -> Result<String, Error> {
    validate_protocols(protocols)?;
    if cfg!(not(target_arch = "wasm32")) {
        return Err(Error::Unsupported);
    }
    resolve(url)
}

/// The base URL for relative input: the document's base URL in a window, the location in a
/// worker, none elsewhere. No `window` is assumed.
fn base_url() -> Option<String> {
    let global = js_sys::global();
    if let Some(window) = global.dyn_ref::<web_sys::Window>() {
        let document_base = window.document().and_then(|document| document.base_uri().ok().flatten());
        return document_base.or_else(|| window.location().href().ok());
    }
    global.dyn_ref::<web_sys::WorkerGlobalScope>().map(|worker| worker.location().href())
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
