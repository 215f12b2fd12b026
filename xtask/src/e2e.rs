//! The demo page's end-to-end test: a headless browser driven through WebDriver (with
//! fantoccini), clicking through the page like a person would, in each engine. Screenshots go to
//! `target/demo/<engine>/` for review.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use crate::browser::{session, Driver, Engine};
use crate::{root, Result};

/// Where the two browsers' WebDriver servers listen (geckodriver serves one session each).
const DRIVER_PORTS: [u16; 2] = [9516, 9517];

/// `cargo xtask e2e [--browser chromium|firefox|webkit]`: builds the demo, serves it, and runs
/// the end-to-end test in one engine (Chromium unless told), on a machine `cargo xtask test` has
/// set up.
pub fn command(args: &[String]) -> Result {
    const USAGE: &str = "usage: cargo xtask e2e [--browser chromium|firefox|webkit]";
    let engine = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [] | ["--browser", "chromium"] => Engine::Chromium,
        ["--browser", "firefox"] => Engine::Firefox,
        ["--browser", "webkit"] => Engine::WebKit,
        _ => return Err(USAGE.into()),
    };
    let www = crate::demo::build(false)?;
    let server = crate::server::TestServer::start(9763, None, Some(&www))?;
    let _display = if engine == Engine::WebKit { Some(crate::browser::Display::start()?) } else { None };
    run(engine, &server.http_url())
}

/// Runs the end-to-end test in `engine` against the demo served at `page`
/// (`http://127.0.0.1:PORT/`).
pub fn run(engine: Engine, page: &str) -> Result {
    println!("\n$ end-to-end test of the demo page at {page} in {}", engine.name());
    let drivers = [Driver::start(engine, DRIVER_PORTS[0])?, Driver::start(engine, DRIVER_PORTS[1])?];
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    let shots = root().join("target").join("demo").join(engine.name().to_lowercase());
    runtime.block_on(async {
        let result = scenario(&drivers, page, &shots).await;
        match &result {
            Ok(()) => println!("demo end-to-end in {}: passed (screenshots in {})", engine.name(), shots.display()),
            Err(error) => eprintln!("demo end-to-end in {}: FAILED: {error}", engine.name()),
        }
        result
    })
}

/// Every step, in order; the first failure stops the test with what was expected.
async fn scenario(drivers: &[Driver; 2], page: &str, shots: &std::path::Path) -> Result {
    std::fs::create_dir_all(shots).map_err(|e| e.to_string())?;
    let a = session(&drivers[0], &[]).await?;
    let a = Page { client: &a };
    a.open(page).await?;

    a.click("#connect").await?;
    a.wait_text("#state", |t| t.eq_ignore_ascii_case("open")).await?;
    a.wait_log("open").await?;

    a.fill("#text", "hello from the e2e test").await?;
    a.click("#send-text").await?;
    a.wait_log("message text 23 B hello from the e2e test").await?;

    a.fill("#bytes", "01 02 ff").await?;
    a.click("#send-bytes").await?;
    a.wait_log("message binary 3 B 01 02 ff").await?;

    a.click("#binary-type option[value=blob]").await?;
    a.click("#send-bytes").await?;
    a.wait_log("message blob 3 B").await?;

    let upload = shots.join("upload.txt");
    std::fs::write(&upload, "a file, sent as a Blob").map_err(|e| e.to_string())?;
    a.find("#file").await?.send_keys(&upload.to_string_lossy()).await.map_err(|e| e.to_string())?;
    a.click("#send-file").await?;
    a.wait_log("message blob 22 B").await?;

    a.click("#send-json").await?;
    a.wait_log(r#"message text 28 B {"hello":"json","n":[1,2,3]}"#).await?;

    a.fill("#close-code", "1001").await?;
    a.click("#close").await?;
    a.wait_text("#error", |t| t.contains("invalid close code 1001")).await?;
    a.wait_text("#state", |t| t.eq_ignore_ascii_case("open")).await?;

    a.fill("#close-code", "4000").await?;
    a.fill("#close-reason", "e2e done").await?;
    a.click("#close").await?;
    a.wait_log(r#"close code=4000 reason="e2e done" wasClean=true"#).await?;
    a.wait_text("#state", |t| t.eq_ignore_ascii_case("closed")).await?;

    // The reconnecting panel: the server drops the connection, it comes back, and an echo works.
    a.click("#live-start").await?;
    a.wait_text("#live-events", |t| t.contains("connected")).await?;
    a.click("#live-drop").await?;
    a.wait_text("#live-events", |t| t.contains("disconnected code=1006")).await?;
    a.wait_text("#live-events", |t| t.contains("reconnecting attempt=1")).await?;
    // The last entry itself: WebKit's element text joins list items without line breaks.
    a.wait_text("#live-events li:last-child", |t| t == "connected").await?;
    a.click("#live-send").await?;
    a.wait_text("#live-messages", |t| t.contains("echo: after the drop")).await?;
    // Its counters, live: the dropped connection and this one summed ("drop" itself was sent).
    a.wait_text("#live-stats", |t| t.contains("reconnects 1") && t.contains("sent 2 (18 B)")).await?;

    // The subscription panel: the server cuts its JSON-RPC connections, the subscription comes
    // back by itself with the gap marked, and ticks go on.
    a.click("#ticks-start").await?;
    a.wait_text("#ticks-updates", |t| t.contains("tick 1")).await?;
    a.click("#ticks-drop").await?;
    a.wait_text("#ticks-updates", |t| t.contains("reconnected: subscribed again")).await?;
    a.wait_text("#ticks-updates li:last-child", |t| t.starts_with("tick ")).await?;

    // Two sessions talk in the chat room.
    let b = session(&drivers[1], &[]).await?;
    let b = Page { client: &b };
    b.open(page).await?;
    for (tab, nick) in [(&a, "ana"), (&b, "ben")] {
        tab.fill("#nick", nick).await?;
        tab.click("#chat-join").await?;
        tab.wait_text("#chat-messages", |t| t.contains("joined the room")).await?;
    }
    a.fill("#chat-text", "hi Ben").await?;
    a.click("#chat-send").await?;
    b.wait_text("#chat-messages", |t| t.contains("ana: hi Ben")).await?;
    b.fill("#chat-text", "hi Ana").await?;
    b.click("#chat-send").await?;
    a.wait_text("#chat-messages", |t| t.contains("ben: hi Ana")).await?;

    a.screenshot(1280, 800, shots.join("desktop.png")).await?;
    a.screenshot(390, 844, shots.join("phone.png")).await?;
    b.client.clone().close().await.map_err(|e| e.to_string())?;
    a.client.clone().close().await.map_err(|e| e.to_string())?;
    Ok(())
}

/// One browser tab showing the demo.
struct Page<'a> {
    client: &'a Client,
}

impl Page<'_> {
    async fn open(&self, url: &str) -> Result {
        self.client.set_window_size(1280, 800).await.map_err(|e| e.to_string())?;
        self.client.goto(url).await.map_err(|e| e.to_string())?;
        self.find("body[data-ready]").await.map(drop)
    }

    /// The element, waiting up to 10 s for it to appear.
    async fn find(&self, css: &str) -> Result<fantoccini::elements::Element> {
        let wait = self.client.wait().at_most(Duration::from_secs(10));
        wait.for_element(Locator::Css(css)).await.map_err(|e| format!("no {css}: {e}"))
    }

    async fn click(&self, css: &str) -> Result {
        self.find(css).await?.click().await.map_err(|e| format!("cannot click {css}: {e}"))
    }

    async fn fill(&self, css: &str, text: &str) -> Result {
        let input = self.find(css).await?;
        input.clear().await.map_err(|e| e.to_string())?;
        input.send_keys(text).await.map_err(|e| e.to_string())
    }

    /// Waits up to 10 s for the element's visible text to satisfy `check`.
    async fn wait_text(&self, css: &str, check: impl Fn(&str) -> bool) -> Result {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut last = String::new();
        while Instant::now() < deadline {
            last = self.find(css).await?.text().await.map_err(|e| e.to_string())?;
            if check(&last) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("{css} never showed what was expected; last: {last:?}"))
    }

    /// Waits for an event-log row whose cells, joined by spaces, start with `row`
    /// (the time column is left out).
    async fn wait_log(&self, row: &str) -> Result {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            for line in self.log_rows().await? {
                if line.starts_with(row) {
                    return Ok(());
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("no log row {row:?}; the log: {:#?}", self.log_rows().await?))
    }

    async fn log_rows(&self) -> Result<Vec<String>> {
        let rows = self.client.find_all(Locator::Css("#log-body tr")).await.map_err(|e| e.to_string())?;
        let mut lines = Vec::new();
        for row in rows {
            let mut cells = Vec::new();
            for cell in row.find_all(Locator::Css("td")).await.map_err(|e| e.to_string())?.iter().skip(1) {
                cells.push(cell.prop("textContent").await.map_err(|e| e.to_string())?.unwrap_or_default());
            }
            lines.push(cells.into_iter().filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" "));
        }
        Ok(lines)
    }

    async fn screenshot(&self, width: u32, height: u32, path: PathBuf) -> Result {
        self.client.set_window_size(width, height).await.map_err(|e| e.to_string())?;
        self.client.execute("window.scrollTo(0, 0)", Vec::new()).await.map_err(|e| e.to_string())?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let png = self.client.screenshot().await.map_err(|e| e.to_string())?;
        std::fs::write(&path, png).map_err(|e| format!("{}: {e}", path.display()))
    }
}
