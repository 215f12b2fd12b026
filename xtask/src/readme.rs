//! The README as crates.io shows it: every link works without a repository (in-page, or
//! absolute into the published package, whose files must be in it), and every snippet compiles
//! as pasted into a new app with the dependencies "Add it to your app" lists.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::setup::WASM_TARGET;
use crate::{cargo, root, run, Result};

/// How the README points into the package's own files: docs.rs's source view of the release.
pub const SOURCE: &str = "https://docs.rs/crate/browser-websocket/latest/source/";

pub fn check() -> Result {
    println!("\n# the README as crates.io shows it");
    let text = fs::read_to_string(root().join("README.md")).map_err(|e| e.to_string())?;
    let targets = link_targets(&text);
    let relative: Vec<&String> = targets.iter().filter(|target| !is_whole(target)).collect();
    if !relative.is_empty() {
        return Err(format!(
            "README: links that break without a repository (make them in-page or absolute): {relative:?}"
        ));
    }
    let packaged = package_list()?;
    let missing: Vec<&str> = targets
        .iter()
        .filter_map(|target| target.strip_prefix(SOURCE))
        .map(|path| path.split('#').next().unwrap_or(path))
        .filter(|path| !packaged.contains(*path))
        .collect();
    if !missing.is_empty() {
        return Err(format!("README links into files `cargo package --list` does not include: {missing:?}"));
    }
    println!("README: {} links, none relative; every file it points into is packaged", targets.len());
    snippets_compile_in_a_new_app(&text)
}

/// Every link and image target: `](target)` and `<img src="target">`.
fn link_targets(markdown: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let end = after.find(')').unwrap_or(after.len());
            targets.push(after[..end].trim().to_owned());
            rest = &after[end..];
        }
        let mut rest = line;
        while let Some(at) = rest.find("src=\"") {
            let after = &rest[at + 5..];
            let end = after.find('"').unwrap_or(after.len());
            targets.push(after[..end].to_owned());
            rest = &after[end..];
        }
    }
    targets
}

/// In-page, or absolute.
fn is_whole(target: &str) -> bool {
    target.starts_with('#') || target.starts_with("https://") || target.starts_with("http://")
}

/// What `cargo package --list` says the published crate holds.
fn package_list() -> Result<BTreeSet<String>> {
    let output = cargo()
        .args(["package", "--list", "--allow-dirty", "--package", "browser-websocket"])
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("cargo package --list failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    Ok(String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect())
}

/// The dependency lines of the ```toml blocks under "## Add it to your app", with this crate's
/// own lines merged into one (its features united) and pointed at this checkout.
fn dependencies(readme: &str) -> Result<String> {
    let section = readme
        .split("\n## Add it to your app")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .ok_or("README: no \"## Add it to your app\" section")?;
    let mut features = BTreeSet::new();
    let mut others = Vec::new();
    let mut in_toml = false;
    for line in section.lines() {
        match line.trim() {
            "```toml" => in_toml = true,
            "```" => in_toml = false,
            _ if !in_toml => {}
            line => {
                let line = line.split(" #").next().unwrap_or(line).trim();
                if line.is_empty() || line.starts_with('[') || line.starts_with('#') {
                    continue;
                }
                if line.starts_with("browser-websocket") {
                    if let Some(list) = line.split("features = [").nth(1).and_then(|l| l.split(']').next()) {
                        features.extend(list.split(',').map(|f| f.trim().trim_matches('"').to_owned()));
                    }
                    features.retain(|f: &String| !f.is_empty());
                } else {
                    others.push(line.to_owned());
                }
            }
        }
    }
    let features: Vec<String> = features.iter().map(|f| format!("{f:?}")).collect();
    let path = root().display().to_string();
    Ok(format!(
        "browser-websocket = {{ path = {path:?}, features = [{}] }}\n{}\n",
        features.join(", "),
        others.join("\n")
    ))
}

/// Each ```rust block of the README as rustdoc compiles it (hidden `# ` lines included), in a
/// function of a module of its own.
fn snippets(readme: &str) -> Vec<String> {
    let mut snippets = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        let fence = line.trim_start();
        match &mut current {
            None if fence.starts_with("```rust") => current = Some(String::new()),
            Some(code) if fence.starts_with("```") => {
                snippets.push(std::mem::take(code));
                current = None;
            }
            Some(code) => {
                let shown = match line.strip_prefix("# ") {
                    Some(hidden) => hidden,
                    None if line == "#" => "",
                    None => line,
                };
                code.push_str(shown);
                code.push('\n');
            }
            None => {}
        }
    }
    snippets
}

/// A new crate with the README's dependencies and each snippet in it, checked for wasm32.
fn snippets_compile_in_a_new_app(readme: &str) -> Result {
    let app = root().join("target").join("readme-app");
    fs::create_dir_all(app.join("src")).map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"readme-app\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\n{}",
        dependencies(readme)?
    );
    fs::write(app.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    let mut source =
        String::from("//! The README's snippets, each as pasted into an app.\n#![allow(unused, dead_code)]\n");
    let all = snippets(readme);
    for (n, code) in all.iter().enumerate() {
        source.push_str(&format!(
            "\nmod snippet_{n} {{\n    pub fn run() {{\n        let _ = (|| {{\n{code}        }})();\n    }}\n}}\n"
        ));
    }
    fs::write(app.join("src").join("lib.rs"), source).map_err(|e| e.to_string())?;
    // The crate's own lock file: the versions it is tested with, and the build it shares.
    fs::copy(root().join("Cargo.lock"), app.join("Cargo.lock")).map_err(|e| e.to_string())?;
    run(in_app(app.clone()).args(["check", "--target", WASM_TARGET]))?;
    println!("README: {} snippets compile in a new app with the listed dependencies", all.len());
    Ok(())
}

/// `cargo` in the scratch app, building into the workspace's target directory.
fn in_app(app: PathBuf) -> Command {
    let mut command = cargo();
    command.current_dir(app).env("CARGO_TARGET_DIR", root().join("target"));
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_outside_code_are_found_and_relative_ones_told_apart() {
        let text = "see [a](#a) and [b](tests/x.rs), ![c](https://x/y.png)\n```rust\nlet a = [1](2);\n```\n<img src=\"docs/d.png\">";
        let targets = link_targets(text);
        assert_eq!(targets, ["#a", "tests/x.rs", "https://x/y.png", "docs/d.png"]);
        let relative: Vec<_> = targets.iter().filter(|t| !is_whole(t)).collect();
        assert_eq!(relative, ["tests/x.rs", "docs/d.png"]);
    }

    #[test]
    fn the_crates_lines_merge_and_other_dependencies_stay() {
        let readme = "x\n## Add it to your app\n\n```toml\n[dependencies]\nbrowser-websocket = \"0.1\"  # plain\n\
                      browser-websocket = { version = \"0.1\", features = [\"leptos\"] } # hook\n\
                      futures = \"0.3\"   # SinkExt\n```\n\n```toml\nleptos = \"0.8\"\n```\n## Next\n```toml\nno = \"1\"\n```\n";
        let deps = dependencies(readme).unwrap();
        assert!(deps.contains("features = [\"leptos\"]"), "{deps}");
        assert!(deps.contains("\nfutures = \"0.3\"\nleptos = \"0.8\""), "{deps}");
        assert!(!deps.contains("no = "), "{deps}");
    }

    #[test]
    fn hidden_lines_are_compiled_as_rustdoc_does() {
        let readme = "```rust,no_run\n# async fn demo() {\nlet x = 1;\n#\n# }\n```\n```sh\nls\n```\n";
        assert_eq!(snippets(readme), ["async fn demo() {\nlet x = 1;\n\n}\n"]);
    }
}
