//! URLs as this crate shows them: scheme, host, port and path only. Browsers cannot set headers
//! on a WebSocket handshake, so apps put their tokens in the URL (`?token=…`, `user:secret@`);
//! no `Display` or `Debug` this crate writes carries them.

use core::fmt;

/// `url` without userinfo, query or fragment: `wss://user:pw@host:8443/feed?token=x#top`
/// shows as `wss://host:8443/feed`. Relative URLs keep their path.
///
/// Slices only with `get` at indices `find` returned, and builds the result with `push_str`:
/// no formatting and no panicking paths, since browsers' error messages go through here in every
/// build.
pub(crate) fn url(url: &str) -> String {
    let mut shown = String::with_capacity(url.len());
    let authority_at = match url.find("://") {
        Some(at) => at + 3,
        None if url.starts_with("//") => 2,
        None => {
            shown.push_str(before_query(url));
            return shown;
        }
    };
    let rest = url.get(authority_at..).unwrap_or("");
    let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let authority = rest.get(..end).unwrap_or("");
    shown.push_str(url.get(..authority_at).unwrap_or(""));
    shown.push_str(authority.rsplit_once('@').map_or(authority, |(_, host)| host));
    shown.push_str(before_query(rest.get(end..).unwrap_or("")));
    shown
}

/// `text` up to its query or fragment.
fn before_query(text: &str) -> &str {
    text.split(['?', '#']).next().unwrap_or_default()
}

/// `text` with every absolute URL in it shown as [`url`] shows it: for messages a browser
/// writes, which quote the URL ("The URL 'wss://…?token=…' is invalid.").
pub(crate) fn urls_in(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let before = rest.get(..at).unwrap_or("");
        let scheme_start = before.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || "+-.".contains(c)).len();
        let is_end = |c: char| c.is_ascii_whitespace() || "'\"`<>".contains(c);
        let end = rest.get(at..).and_then(|after| after.find(is_end)).map_or(rest.len(), |n| at + n);
        out.push_str(rest.get(..scheme_start).unwrap_or(""));
        out.push_str(&url(rest.get(scheme_start..end).unwrap_or("")));
        rest = rest.get(end..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// `message` without what it quotes (`"…"`, `'…'`, `` `…` ``): a codec's or parser's error
/// text with any part of the payload left out ("invalid type: string \"…\", expected u32").
#[cfg(feature = "codec")]
pub(crate) fn quoted(message: impl fmt::Display) -> String {
    let mut shown = Unquoted { text: String::new(), quote: None };
    // Written straight through the filter: no copy of the whole text first.
    let _ = fmt::write(&mut shown, format_args!("{message}"));
    shown.text
}

/// What [`quoted`] keeps of the text written to it, and the quote it is inside, if any.
#[cfg(feature = "codec")]
struct Unquoted {
    text: String,
    quote: Option<char>,
}

#[cfg(feature = "codec")]
impl fmt::Write for Unquoted {
    fn write_str(&mut self, part: &str) -> fmt::Result {
        for c in part.chars() {
            match self.quote {
                Some(open) if c == open => {
                    self.quote = None;
                    self.text.push('…');
                    self.text.push(c);
                }
                Some(_) => {}
                None => {
                    if matches!(c, '"' | '\'' | '`') {
                        self.quote = Some(c);
                    }
                    self.text.push(c);
                }
            }
        }
        Ok(())
    }
}

/// A URL shown redacted by `Display` and `Debug` (`Debug` quotes it).
pub(crate) struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&url(self.0))
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&url(self.0), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_keeps_scheme_host_port_and_path_only() {
        assert_eq!(
            url("wss://user:secret@api.example.com:8443/feed?token=SECRET#top"),
            "wss://api.example.com:8443/feed"
        );
        assert_eq!(url("ws://example.com"), "ws://example.com");
        assert_eq!(url("ws://a@b@example.com/x"), "ws://example.com/x");
        assert_eq!(url("ws://example.com?token=1"), "ws://example.com");
        assert_eq!(url("ws://example.com#frag"), "ws://example.com");
        assert_eq!(url("/feed?token=SECRET"), "/feed");
        assert_eq!(url("?token=SECRET"), "");
        assert_eq!(url("//user:pw@host/x?y"), "//host/x");
        assert_eq!(url("mailto:someone@example.com?subject=x"), "mailto:someone@example.com");
        assert_eq!(url("wss://[::1]:9/a?b"), "wss://[::1]:9/a");
        assert_eq!(url("ws://user:pw@host\\path?q"), "ws://host\\path");
    }

    #[test]
    #[cfg(feature = "codec")]
    fn quoted_parts_of_a_message_are_left_out() {
        let shown = quoted(r#"Unexpected token 's', "secret tok"... is not valid JSON; invalid value: `42`"#);
        assert_eq!(shown, r#"Unexpected token '…', "…"... is not valid JSON; invalid value: `…`"#);
        assert_eq!(quoted("unclosed \"secret"), "unclosed \"");
        assert_eq!(
            quoted("EOF while parsing an object at line 1 column 9"),
            "EOF while parsing an object at line 1 column 9"
        );
    }

    #[test]
    fn urls_inside_a_message_are_redacted_and_the_rest_is_kept() {
        let message = "Failed to construct 'WebSocket': The URL 'wss://u:SECRET@h/p?token=SECRET#f' is invalid.";
        assert_eq!(urls_in(message), "Failed to construct 'WebSocket': The URL 'wss://h/p' is invalid.");
        assert_eq!(urls_in("at ws://a/b?x=1 and https://c/d?y=2."), "at ws://a/b and https://c/d");
        assert_eq!(urls_in("no url here: a://"), "no url here: a://");
        assert_eq!(urls_in("ünïcödé ws://h/?t=1 ✓"), "ünïcödé ws://h/ ✓");
        assert_eq!(urls_in(""), "");
    }
}
