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
/// other scheme, any forbidden host code point and any fragment rejected. The result stays a JavaScript `URL`, which the
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
    if has_invalid_host(url) {
        return Err(Error::InvalidUrl(UrlError::Unparsable(url.to_owned())));
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
pub(crate) fn check(url: &str, protocols: &[String]) -> Result<Url, Error> {
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

/// Whether the host of an absolute `ws`, `wss`, `http` or `https` URL, as written, holds a
/// forbidden domain code point once percent-decoded, which the URL Standard's host parser fails
/// on. (The rest of its domain-to-ASCII step, IDNA, is left to the browser.) A relative URL's host is the base's; an IPv6 address in brackets is left
/// to the browser's parser.
///
/// The standard fails such hosts, but engines differ (Chromium percent-encodes some:
/// `ws://foo bar.com/` becomes `ws://foo%20bar.com/`), so this crate checks the host itself as the
/// standard's parser would see it: input trimmed of C0 controls and spaces, tabs and newlines
/// removed, slashes after the scheme skipped, the authority up to `/`, `\`, `?` or `#`, the host
/// after the last `@` and before the port. One pass over the bytes, with no formatting and no
/// panicking slices: this runs in every build that opens a socket.
fn has_invalid_host(url: &str) -> bool {
    let input = url.as_bytes();
    let byte = |at: usize| input.get(at).copied();
    let is_removed = |b: u8| matches!(b, b'\t' | b'\n' | b'\r');
    let mut at = input.iter().position(|&b| b > b' ').unwrap_or(input.len());
    let scheme_start = at;
    while byte(at).is_some_and(|b| b != b':') {
        at += 1;
    }
    let scheme = input.get(scheme_start..at).unwrap_or_default();
    if !["ws", "wss", "http", "https"].iter().any(|special| scheme.eq_ignore_ascii_case(special.as_bytes())) {
        return false;
    }
    at += 1;
    while byte(at).is_some_and(|b| b == b'/' || b == b'\\' || is_removed(b)) {
        at += 1;
    }
    // The authority runs to `/`, `\`, `?`, `#` or the end (less trailing spaces and controls);
    // the host starts after its last `@`.
    let mut host_start = at;
    while let Some(b) = byte(at).filter(|b| !b"/\\?#".contains(b)) {
        if b == b'@' {
            host_start = at + 1;
        }
        at += 1;
    }
    let mut end = at;
    if at == input.len() {
        while end > host_start && byte(end - 1).is_some_and(|b| b <= b' ') {
            end -= 1;
        }
    }
    let host = input.get(host_start..end).unwrap_or_default();
    if host.first() == Some(&b'[') {
        return false;
    }
    // Up to the port, each byte or percent-escape, decoded.
    let mut at = 0;
    while let Some(&raw) = host.get(at).filter(|&&b| b != b':') {
        let (decoded, length) = match (raw, host.get(at + 1).and_then(hex), host.get(at + 2).and_then(hex)) {
            (b'%', Some(high), Some(low)) => (high << 4 | low, 3),
            _ => (raw, 1),
        };
        if !is_removed(raw) && is_forbidden_domain_byte(decoded) {
            return true;
        }
        at += length;
    }
    false
}

/// A hex digit's value.
fn hex(digit: &u8) -> Option<u8> {
    let digit = *digit;
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' | b'A'..=b'F' => Some((digit | 0x20) - b'a' + 10),
        _ => None,
    }
}

/// The URL Standard's forbidden domain code points (all ASCII): the forbidden host code points,
/// the C0 controls, `%` and DEL.
fn is_forbidden_domain_byte(byte: u8) -> bool {
    byte <= 0x20 || byte == 0x7f || b"#%/:<>?@[\\]^|".contains(&byte)
}

/// Checks subprotocols as the constructor does: each a non-empty RFC 2616 token, none twice
/// (compared exactly, so `echo` and `ECHO` are two).
pub(crate) fn validate_protocols(protocols: &[String]) -> Result<(), Error> {
    for (index, protocol) in protocols.iter().enumerate() {
        let is_token = !protocol.is_empty() && protocol.bytes().all(is_token_byte);
        if !is_token || protocols[..index].contains(protocol) {
            return Err(Error::InvalidProtocol(protocol.clone()));
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

    fn owned(protocols: &[&str]) -> Vec<String> {
        protocols.iter().map(|&p| p.to_owned()).collect()
    }

    fn forbidden(url: &str) -> bool {
        has_invalid_host(url)
    }

    #[test]
    fn the_written_host_is_found_as_the_standard_parser_finds_it() {
        // Valid hosts, however the authority around them is written.
        for url in [
            "ws://example.com/x",
            "  WSS://us er:p w@Example.com:8443/x y?z w#a b  ",
            "ws:\\\\a.b\\c d",
            "http:host?q r",
            "ws://a b@c d@e/",
            "ws://ex\tam\nple.com/",
            "ws://[::1]:80/",
            "ws://b%C3%BCcher.de/",
            "/relative path",
            "?query x",
            "ftp://x y/",
            "ws://host:port with space/",
        ] {
            assert!(!forbidden(url), "{url:?}");
        }
        for url in [
            "ws://foo%20bar.com/",
            "ws://a%zz/",
            "ws://a%4/",
            "ws://a%/",
            "ws://a%%41/",
            "ws://a%2541/",
            "ws://a b@c d/",
        ] {
            assert!(forbidden(url), "{url:?}");
        }
    }

    #[test]
    fn a_host_with_a_forbidden_domain_code_point_is_invalid() {
        for good in
            ["ws://example.com/", "ws://127.0.0.1:1/", "ws://[::1]/", "ws://bücher.de/", "ws://a*b{c}/", "ws://a/b c"]
        {
            assert!(!forbidden(good), "{good:?}");
        }
        // Every forbidden domain code point that can stand inside a host as written.
        // (`%` before two hex digits starts an escape: `foo%zbar` has a bare one.)
        for c in "\0\u{1}\u{8}\u{b}\u{c}\u{e}\u{1f} %<>[]^|\u{7f}".chars() {
            let url = format!("ws://foo{c}zbar.com/");
            assert!(forbidden(&url), "{url:?}");
        }
        // The rest, percent-encoded (as written they end the host, or are removed).
        for encoded in [
            "%00", "%09", "%0A", "%0D", "%20", "%23", "%25", "%2F", "%3A", "%3C", "%3E", "%3F", "%40", "%5B", "%5C",
            "%5D", "%5E", "%7C", "%7F",
        ] {
            let url = format!("ws://foo{encoded}bar.com/");
            assert!(forbidden(&url), "{url:?}");
        }
    }

    #[test]
    fn protocols_must_be_distinct_tokens() {
        for bad in ["", " ", "a b", "a,b", "a/b", "a\tb", "\u{7f}", "é", "a\"b", "(", "{x}", "a=b"] {
            assert_eq!(validate_protocols(&owned(&[bad])), Err(Error::InvalidProtocol(bad.into())), "{bad:?}");
        }
        assert_eq!(validate_protocols(&owned(&["echo", "echo"])), Err(Error::InvalidProtocol("echo".into())));
        assert_eq!(validate_protocols(&owned(&["echo", "eCho", "chat.v2", "x-y_z~!#$%&'*+^`|"])), Ok(()));
        assert_eq!(validate_protocols(&[]), Ok(()));
    }
}
