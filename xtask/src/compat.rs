//! Both ends of the library's version ranges, and the README's `wasm-pack test` recipe.
//!
//! An app owns its wasm-bindgen version; the library declares ranges. So CI proves:
//! - the lowest end: a scratch copy of the crate with every dependency pinned to the lower bound
//!   its `Cargo.toml` declares runs its browser suites (window and worker, every feature) with a
//!   wasm-bindgen test runner of that version, and an app requiring exactly that wasm-bindgen
//!   builds with the crate;
//! - the newest end: the same copy unpinned, on whatever `cargo update` picks today, builds for
//!   wasm32 and passes clippy;
//! - the recipe: `wasm-pack test --headless --chrome`, exactly as the README gives it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::server::TestServer;
use crate::setup::{installed, CHROMEDRIVER, WASM_TARGET};
use crate::{cargo, root, run, Result};

/// Where the scratch copies and the tools built for them live.
fn scratch_root() -> PathBuf {
    root().join("target").join("compat")
}

/// `cargo` in `dir`, building into the scratch copies' own target directory.
fn cargo_in(dir: &Path) -> Command {
    let mut command = cargo();
    command.current_dir(dir).env("CARGO_TARGET_DIR", scratch_root().join("target"));
    command
}

/// The crate's manifest as a workspace of its own; with `pin`, each full version requirement
/// in a dependency section becomes `=` its lower bound (`"0.2.100"` and `">=0.3.0, <0.5"` become
/// `"=0.2.100"` and `"=0.3.0"`). Partial ones (`"1"`, `"0.8"`) stay ranges.
pub fn manifest(text: &str, pin: bool) -> String {
    let mut section = String::new();
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            section = trimmed.to_owned();
        }
        let workspace_list = ["members", "default-members", "exclude"].iter().any(|key| trimmed.starts_with(key));
        if section == "[workspace]" && workspace_list {
            continue;
        }
        if pin && section.contains("dependencies") {
            out.push_str(&pin_line(line));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Pins the version requirement on one manifest line, if it has a full one.
fn pin_line(line: &str) -> String {
    let start = match line.find("version = \"") {
        Some(at) => at + "version = \"".len(),
        // `name = "requirement"`, the whole line.
        None if line.trim_end().ends_with('"') && line.contains(" = \"") => line.find(" = \"").unwrap_or(0) + 4,
        None => return line.to_owned(),
    };
    let Some(length) = line[start..].find('"') else { return line.to_owned() };
    let requirement = &line[start..start + length];
    let lowest = requirement.split(',').next().unwrap_or("").trim().trim_start_matches(['^', '>', '=', '~']).trim();
    if lowest.split('.').count() != 3 {
        return line.to_owned();
    }
    format!("{}={lowest}{}", &line[..start], &line[start + length..])
}

/// A scratch copy of the crate (manifest, sources, tests, webdriver.json) in `name`.
fn scratch(name: &str, pin: bool) -> Result<PathBuf> {
    let dir = scratch_root().join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let text = fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    fs::write(dir.join("Cargo.toml"), manifest(&text, pin)).map_err(|e| e.to_string())?;
    for file in ["README.md", "webdriver.json"] {
        fs::copy(root().join(file), dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
    }
    for folder in ["src", "tests"] {
        copy_tree(&root().join(folder), &dir.join(folder))?;
    }
    Ok(dir)
}

fn copy_tree(from: &Path, to: &Path) -> Result {
    fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in fs::read_dir(from).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_tree(&path, &target)?;
        } else {
            fs::copy(&path, &target).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// The version of `package` in `dir`'s Cargo.lock.
fn locked_version(dir: &Path, package: &str) -> Result<String> {
    let lock = fs::read_to_string(dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    let entry = format!("name = \"{package}\"\nversion = \"");
    let at = lock.find(&entry).ok_or_else(|| format!("{package} is not in {}", dir.display()))? + entry.len();
    Ok(lock[at..].split('"').next().unwrap_or_default().to_owned())
}

/// The low end: browser suites on the lowest declared versions, and an app pinned there.
pub fn lowest(server: &TestServer, tls_server: &str) -> Result {
    println!("\n# the lowest declared versions");
    let dir = scratch("lowest", true)?;
    run(cargo_in(&dir).arg("generate-lockfile"))?;
    let version = locked_version(&dir, "wasm-bindgen")?;
    let runner = installed("wasm-bindgen-cli", Some(&version), "wasm-bindgen-test-runner")?;
    run(cargo_in(&dir)
        .args(["test", "--all-features", "--target", WASM_TARGET, "--test", "browser", "--test", "worker"])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner)
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("BROWSER_WEBSOCKET_TEST_SERVER", server.ws_url())
        .env("BROWSER_WEBSOCKET_TEST_TLS_SERVER", tls_server))?;

    let app = scratch_root().join("app");
    fs::create_dir_all(app.join("src")).map_err(|e| e.to_string())?;
    let crate_path = root().display().to_string();
    let manifest = format!(
        "[package]\nname = \"lowest-app\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\nbrowser-websocket = {{ path = {crate_path:?} }}\n\
         wasm-bindgen = \"={version}\"\n"
    );
    fs::write(app.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    let source = "//! An app that requires exactly the lowest wasm-bindgen the crate declares.\n\
                  pub fn open() -> Result<browser_websocket::WebSocket, browser_websocket::Error> {\n    \
                  browser_websocket::WebSocket::open(\"/live\")\n}\n";
    fs::write(app.join("src").join("lib.rs"), source).map_err(|e| e.to_string())?;
    let _ = fs::remove_file(app.join("Cargo.lock"));
    run(cargo_in(&app).args(["build", "--target", WASM_TARGET]))?;
    println!("lowest versions: wasm-bindgen {version}: browser suites passed, an app pinned to it builds");
    Ok(())
}

/// The newest end: whatever `cargo update` picks today builds for wasm32 and passes clippy.
pub fn newest() -> Result {
    println!("\n# the newest versions");
    let dir = scratch("newest", false)?;
    run(cargo_in(&dir).arg("generate-lockfile"))?;
    let clippy = ["clippy", "--all-targets", "--all-features", "--target", WASM_TARGET, "--", "-D", "warnings"];
    run(cargo_in(&dir).args(clippy))?;
    run(cargo_in(&dir).args(["build", "--all-features", "--target", WASM_TARGET]))?;
    println!("newest versions: wasm-bindgen {}: builds, clippy clean", locked_version(&dir, "wasm-bindgen")?);
    Ok(())
}

/// The README's recipe, as a user runs it: `wasm-pack test --headless --chrome` with the test
/// server up, `CHROMEDRIVER` set and the matching wasm-bindgen CLI on `PATH` (here, the one
/// built from Cargo.lock, beside the test runner built the same way).
pub fn wasm_pack(runner: &Path) -> Result {
    println!("\n# the README's wasm-pack recipe");
    let wasm_pack = installed("wasm-pack", None, "wasm-pack")?;
    run(cargo().args(["build", "--package", "wasm-bindgen-cli", "--bin", "wasm-bindgen"]))?;
    let bin = scratch_root().join("wasm-pack-path");
    fs::create_dir_all(&bin).map_err(|e| e.to_string())?;
    let cli = runner.with_file_name("wasm-bindgen");
    for (name, from) in [("wasm-bindgen", cli.as_path()), ("wasm-bindgen-test-runner", runner)] {
        let _ = fs::remove_file(bin.join(name));
        fs::copy(from, bin.join(name)).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path =
        std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path))).map_err(|e| e.to_string())?;
    let mut command = Command::new(wasm_pack);
    command.current_dir(root()).args(["test", "--headless", "--chrome"]).env("CHROMEDRIVER", CHROMEDRIVER);
    run(command.env("PATH", path).env_remove("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_requirements_are_pinned_to_their_lower_bound_and_the_rest_left_alone() {
        let text = "[package]\nversion = \"0.1.0\"\n\n[workspace]\nmembers = [\"xtask\"]\nexclude = [\"bench\"]\n\
                    resolver = \"2\"\n\n[dependencies]\nwasm-bindgen = \"0.2.100\"\n\
                    gloo-timers = { version = \">=0.3.0, <0.5\", features = [\"futures\"] }\n\
                    serde = { version = \"1\", optional = true }\nleptos = { version = \"0.8\" }\n\n\
                    [dependencies.web-sys]\nversion = \"0.3.77\"\nfeatures = [\"Blob\"]\n";
        let pinned = manifest(text, true);
        assert!(pinned.contains("[package]\nversion = \"0.1.0\"\n"), "{pinned}");
        assert!(pinned.contains("[workspace]\nresolver = \"2\"\n"), "{pinned}");
        assert!(pinned.contains("wasm-bindgen = \"=0.2.100\"\n"), "{pinned}");
        assert!(pinned.contains("gloo-timers = { version = \"=0.3.0\", features = [\"futures\"] }"), "{pinned}");
        assert!(pinned.contains("serde = { version = \"1\", optional = true }"), "{pinned}");
        assert!(pinned.contains("leptos = { version = \"0.8\" }"), "{pinned}");
        assert!(pinned.contains("[dependencies.web-sys]\nversion = \"=0.3.77\"\nfeatures = [\"Blob\"]"), "{pinned}");
        assert!(manifest(text, false).contains("wasm-bindgen = \"0.2.100\"\n"));
    }
}
