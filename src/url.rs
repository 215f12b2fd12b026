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
    if written_host(url).is_some_and(|host| !is_valid_host(&host)) {
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

/// The host of an absolute `ws`, `wss`, `http` or `https` URL as written, percent-decoded:
/// what the URL Standard's host parser checks. `None` for a relative URL (its host is the
/// base's) and for an IPv6 address in brackets (the browser's parser checks those).
///
/// The standard fails a special scheme's host on any forbidden domain code point, but engines
/// differ (Chromium percent-encodes some: `ws://foo bar.com/` becomes `ws://foo%20bar.com/`),
/// so this crate checks the host itself, as the standard's parser would see it: input trimmed
/// of C0 controls and spaces, tabs and newlines removed, slashes after the scheme skipped, the
/// authority up to `/`, `\`, `?` or `#`, the host after the last `@` and before the port.
fn written_host(url: &str) -> Option<Vec<u8>> {
    let input: String = url.trim_matches(|c| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let (scheme, rest) = input.split_once(':')?;
    if !["ws", "wss", "http", "https"].iter().any(|special| scheme.eq_ignore_ascii_case(special)) {
        return None;
    }
    let authority = rest.trim_start_matches(['/', '\\']).split(['/', '\\', '?', '#']).next()?;
    let host_and_port = authority.rsplit_once('@').map_or(authority, |(_, after)| after);
    if host_and_port.starts_with('[') {
        return None;
    }
    let host = host_and_port.split(':').next()?;
    Some(percent_decode(host.as_bytes()))
}

/// The URL Standard's percent-decode: `%` and two hex digits become that byte; anything else
/// stays as it is.
fn percent_decode(input: &[u8]) -> Vec<u8> {
    let mut output = Vec::with_capacity(input.len());
    let mut rest = input;
    while let Some((&byte, after)) = rest.split_first() {
        let hex = |at: usize| after.get(at).and_then(|&digit| (digit as char).to_digit(16));
        match (byte, hex(0), hex(1)) {
            (b'%', Some(high), Some(low)) => {
                output.push((high * 16 + low) as u8);
                rest = after.get(2..).unwrap_or_default();
            }
            _ => {
                output.push(byte);
                rest = after;
            }
        }
    }
    output
}

/// Whether a percent-decoded host can pass the standard's domain checks: UTF-8 (anything else
/// decodes to U+FFFD, which no domain may hold) without a forbidden domain code point.
fn is_valid_host(host: &[u8]) -> bool {
    core::str::from_utf8(host).is_ok() && !host.iter().any(|&byte| is_forbidden_domain_byte(byte))
}

/// The URL Standard's forbidden domain code points (all ASCII): the forbidden host code points,
/// the C0 controls, `%` and DEL.
fn is_forbidden_domain_byte(byte: u8) -> bool {
    byte <= 0x20 || byte == 0x7f || b"#%/:<>?@[\\]^|".contains(&byte)
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

    fn forbidden(url: &str) -> bool {
        written_host(url).is_some_and(|host| !is_valid_host(&host))
    }

    #[test]
    fn the_written_host_is_found_as_the_standard_parser_finds_it() {
        let host = |url| written_host(url).map(|h| String::from_utf8(h).unwrap());
        assert_eq!(host("ws://example.com/x"), Some("example.com".into()));
        assert_eq!(host("  WSS://user:pw@Example.com:8443/x?y#z"), Some("Example.com".into()));
        assert_eq!(host("ws:\\\\a.b\\c"), Some("a.b".into()));
        assert_eq!(host("http:host?q"), Some("host".into()));
        assert_eq!(host("ws://a@b@c/"), Some("c".into()));
        assert_eq!(host("ws://ex\tam\nple.com/"), Some("example.com".into()));
        assert_eq!(host("ws://foo%20bar.com/"), Some("foo bar.com".into()));
        assert_eq!(host("ws://a%zz%4/"), Some("a%zz%4".into()));
        assert_eq!(host("ws://[::1]:80/"), None);
        assert_eq!(host("/relative"), None);
        assert_eq!(host("?query"), None);
        assert_eq!(host("ftp://x y/"), None);
    }

    #[test]
    fn a_host_with_a_forbidden_domain_code_point_is_invalid() {
        for good in
            ["ws://example.com/", "ws://127.0.0.1:1/", "ws://[::1]/", "ws://bücher.de/", "ws://a*b{c}/", "ws://a/b c"]
        {
            assert!(!forbidden(good), "{good:?}");
        }
        // Every forbidden domain code point that can stand inside a host as written.
        for c in "\0\u{1}\u{8}\u{b}\u{c}\u{e}\u{1f} %<>[]^|\u{7f}".chars() {
            let url = format!("ws://foo{c}bar.com/");
            assert!(forbidden(&url), "{url:?}");
        }
        // The rest, percent-encoded (as written they end the host, or are removed).
        for encoded in [
            "%FF", "%C3", "%00", "%09", "%0A", "%0D", "%20", "%23", "%25", "%2F", "%3A", "%3C", "%3E", "%3F", "%40",
            "%5B", "%5C", "%5D", "%5E", "%7C", "%7F",
        ] {
            let url = format!("ws://foo{encoded}bar.com/");
            assert!(forbidden(&url), "{url:?}");
        }
    }

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
