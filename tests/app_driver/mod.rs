//! Driving the app's real window through WebDriver: `tauri-driver` in front of WebKitGTK's
//! `WebKitWebDriver`, on a display (Xvfb in CI). Shared by the end-to-end test and the window
//! benchmark.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// How long the UI may take for anything but an import.
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

/// The repository's root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `<repo>/../shared/data`, the real reference data.
pub fn shared_data() -> PathBuf {
    repo_root().join("../shared/data")
}

/// A port free on 127.0.0.1 right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `tauri-driver`, killed when dropped (it closes the app with it).
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    /// Starts `tauri-driver` (`$TAURI_DRIVER`, else from the PATH); the app it launches uses
    /// `data_dir`.
    pub fn start(data_dir: &Path) -> Driver {
        let program = std::env::var_os("TAURI_DRIVER").unwrap_or_else(|| "tauri-driver".into());
        let port = free_port();
        let child = Command::new(&program)
            .arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(free_port().to_string())
            // Inherited by WebKitWebDriver and from it by the app; WebKit's own storage (the
            // theme setting in localStorage) goes there too, so no run sees another's.
            .env("PLANESWALKER_DATA_DIR", data_dir)
            .env("XDG_DATA_HOME", data_dir.join("xdg-data"))
            .env("XDG_CACHE_HOME", data_dir.join("xdg-cache"))
            .env("XDG_CONFIG_HOME", data_dir.join("xdg-config"))
            .env("NO_PROXY", "127.0.0.1,localhost")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            // Its own process group, so the drop ends WebKitWebDriver and the app with it.
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {}: {e}; install it with `cargo install tauri-driver --locked` \
                     (scripts/test-all.sh does) and Debian's webkit2gtk-driver",
                    program.to_string_lossy()
                )
            });
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group: killing tauri-driver alone leaves WebKitWebDriver running, holding
        // the test's stderr open (a `| tee` in the test script would wait on it forever).
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A WebDriver session on the app, with the screenshot folder.
pub struct App {
    /// The session.
    pub client: Client,
    artifacts: PathBuf,
}

impl App {
    /// Launches the app (the binary cargo built for this test) through `driver`; screenshots
    /// go to `test-artifacts/<artifacts>/`, emptied first.
    pub async fn launch(driver: &Driver, artifacts: &str) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
            "no display: run under `xvfb-run -a -s \"-screen 0 1600x1000x24\"`"
        );
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("wry"));
        capabilities.insert(
            "tauri:options".into(),
            json!({ "application": env!("CARGO_BIN_EXE_planeswalker-app") }),
        );
        let url = format!("http://127.0.0.1:{}", driver.port);
        let started = Instant::now();
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                // tauri-driver needs a moment to listen.
                Err(_) if started.elapsed() < Duration::from_secs(30) => {
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => panic!("no WebDriver session at {url}: {e}"),
            }
        };
        let artifacts = repo_root().join("test-artifacts").join(artifacts);
        let _ = std::fs::remove_dir_all(&artifacts);
        std::fs::create_dir_all(&artifacts).unwrap();
        App { client, artifacts }
    }

    /// The first element matching `css` once it exists.
    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Element {
        self.client
            .wait()
            .at_most(timeout)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css} within {timeout:?}: {e}"))
    }

    /// The first element matching the XPath `xpath` once it exists.
    pub async fn wait_for_xpath(&self, xpath: &str, timeout: Duration) -> Element {
        self.client
            .wait()
            .at_most(timeout)
            .for_element(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("no element {xpath} within {timeout:?}: {e}"))
    }

    /// The button whose text contains `label`.
    pub async fn button(&self, label: &str) -> Element {
        self.wait_for_xpath(&format!("//button[contains(., '{label}')]"), UI_TIMEOUT)
            .await
    }

    /// Waits until the text of the first `css` element contains `expected`; returns the text.
    /// On a time-out it saves `failure.png` and panics.
    pub async fn wait_for_text(&self, css: &str, expected: &str, timeout: Duration) -> String {
        let started = Instant::now();
        loop {
            // textContent, not WebDriver's element text: WebKitWebDriver leaves out the text
            // of `text-overflow: ellipsis` boxes, which every result row's name is.
            let text = self
                .client
                .execute(
                    "const e = document.querySelector(arguments[0]); return e && e.textContent;",
                    vec![json!(css)],
                )
                .await
                .ok()
                .and_then(|value| value.as_str().map(str::to_owned))
                .unwrap_or_default();
            if text.contains(expected) {
                return text;
            }
            if started.elapsed() > timeout {
                self.screenshot("failure").await;
                panic!(
                    "{css} did not come to contain {expected:?} within {timeout:?}; it reads \
                     {text:?} (screenshot: failure.png)"
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a PNG of the window as `<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        // WebKitWebDriver captures the last composited frame: let the page paint what the DOM
        // already holds (two animation frames), or the picture shows the previous step.
        self.client
            .execute_async(
                "const done = arguments[0]; \
                 requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(self.artifacts.join(format!("{name}.png")), png).unwrap();
    }

    /// Replaces the text of the search box and presses Enter.
    pub async fn search(&self, query: &str) -> Element {
        let input = self.wait_for("#card-search", UI_TIMEOUT).await;
        replace_text(&input, query).await;
        input.send_keys("\u{E007}").await.unwrap();
        input
    }

    /// axe-core's serious and critical accessibility violations on the page as shown (the real
    /// layout, so colour contrast is checked too), as `rule (impact): help [targets]` lines.
    pub async fn axe_violations(&self) -> Vec<String> {
        let axe_path = repo_root().join("ui/node_modules/axe-core/axe.min.js");
        let axe = std::fs::read_to_string(&axe_path)
            .unwrap_or_else(|e| panic!("{}: {e} (run `npm ci` in ui/)", axe_path.display()));
        self.client
            .execute(&format!("if (!window.axe) {{ {axe} }}"), vec![])
            .await
            .unwrap();
        let found = self
            .client
            .execute_async(
                r#"const done = arguments[0];
                axe.run(document, { resultTypes: ["violations"] }).then(
                  (results) => done(results.violations
                    .filter((v) => v.impact === "serious" || v.impact === "critical")
                    .map((v) => `${v.id} (${v.impact}): ${v.help} [${v.nodes.map((n) => n.target.join(" ")).join(", ")}]`)),
                  (error) => done([`axe failed: ${error}`]));"#,
                vec![],
            )
            .await
            .unwrap();
        serde_json::from_value(found).unwrap()
    }

    /// Saves a screenshot as `<name>.png` and checks the screen with axe-core.
    pub async fn check_screen(&self, name: &str) {
        self.screenshot(name).await;
        let violations = self.axe_violations().await;
        assert!(violations.is_empty(), "{name}: {violations:#?}");
    }
}

/// Replaces the text of an input the way a user does (select all, delete, type), so React sees
/// input events; WebDriver's own `clear` fires none and React would restore the old value.
pub async fn replace_text(input: &Element, text: &str) {
    input.send_keys("\u{E009}a\u{E009}\u{E003}").await.unwrap();
    input.send_keys(text).await.unwrap();
}
