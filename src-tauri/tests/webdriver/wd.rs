//! A tiny W3C WebDriver client (JSON over HTTP), and `tauri-driver` run for one test.
//!
//! `tauri-driver` starts Debian's `WebKitWebDriver`, which starts the app with the
//! capabilities' `tauri:options` and drives its webview. Both inherit the environment given
//! here: the test's X display, private session bus and home (the e2e harness's `Desktop`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::cli::Cli;
use crate::harness::{until, App, Desktop, STARTUP};

/// The key of an element reference in W3C WebDriver answers.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// Any one WebDriver command (a new session starts the app: that one gets `STARTUP`).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(10);
/// Between two looks at the page.
const POLL: Duration = Duration::from_millis(100);

/// Where `tauri-driver` is: `$TAURI_DRIVER`, the repository's `.tools/bin` (`make deps`
/// installs it there), `$PATH`, or cargo's default install root.
fn tauri_driver_path() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return path.into();
    }
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.tools/bin/tauri-driver");
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|dir| dir.join("tauri-driver"));
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    std::iter::once(local)
        .chain(on_path)
        .chain(cargo_home)
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "tauri-driver not found: `cargo install tauri-driver --locked --version ^2 \
                 --root .tools`, or set TAURI_DRIVER"
            )
        })
}

/// Debian's WebKitGTK driver (apt package webkit2gtk-driver), or `$WEBKIT_WEBDRIVER`.
fn native_driver_path() -> PathBuf {
    let path: PathBuf = std::env::var_os("WEBKIT_WEBDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| "/usr/bin/WebKitWebDriver".into());
    assert!(
        path.is_file(),
        "{} not found (apt package webkit2gtk-driver)",
        path.display()
    );
    path
}

/// A loopback port nobody listens on right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// `tauri-driver` (and below it WebKitWebDriver, the app and WebKit's processes), killed
/// with its whole process tree when dropped.
pub struct TauriDriver {
    pub port: u16,
    /// Their stderr: the drivers' and the app's (WebKitWebDriver passes it through).
    pub process: App,
}

impl TauriDriver {
    /// Starts `tauri-driver` on free ports with the environment the e2e harness gives the app
    /// in `desk`, and waits until it answers.
    pub async fn start(desk: &Desktop, cli: &Cli) -> TauriDriver {
        let driver = tauri_driver_path();
        let native = native_driver_path();
        eprintln!("{} --native-driver {}", driver.display(), native.display());
        // A port taken between probing and binding makes the driver exit: try again.
        for _ in 0..3 {
            let (port, native_port) = (free_port(), free_port());
            let mut cmd = Command::new(&driver);
            cmd.arg("--port")
                .arg(port.to_string())
                .arg("--native-port")
                .arg(native_port.to_string())
                .arg("--native-driver")
                .arg(&native);
            // The app's environment as the harness sets it (display, bus, home, XDG dirs,
            // RUST_LOG, no proxies), so the drivers pass it on to the app they start.
            for (key, value) in desk.command(cli, &[]).get_envs() {
                match value {
                    Some(value) => cmd.env(key, value),
                    None => cmd.env_remove(key),
                };
            }
            cmd.stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            let mut process = App::spawn(cmd);
            let client = http_client();
            let ready = until(STARTUP, || {
                let client = &client;
                let exited = process.exited().is_some();
                async move {
                    if exited {
                        return Some(false);
                    }
                    // tauri-driver forwards /status to WebKitWebDriver: both are up.
                    let url = format!("http://127.0.0.1:{port}/status");
                    let ok = client
                        .get(url)
                        .send()
                        .await
                        .is_ok_and(|r| r.status().is_success());
                    ok.then_some(true)
                }
            })
            .await;
            match ready {
                Some(true) => return TauriDriver { port, process },
                Some(false) => eprintln!("tauri-driver exited; retrying\n{}", process.stderr()),
                None => panic!(
                    "tauri-driver did not answer within {STARTUP:?}\n{}",
                    process.stderr()
                ),
            }
        }
        panic!("tauri-driver could not start (ports taken?)");
    }

    /// Opens a session: WebKitWebDriver starts the app with `args` and attaches to its window.
    pub async fn session(&self, args: &[&str]) -> Session {
        let http = http_client();
        let base = format!("http://127.0.0.1:{}", self.port);
        let caps = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "wry",
                    "tauri:options": {
                        "application": env!("CARGO_BIN_EXE_outage-radar-desktop"),
                        "args": args,
                    }
                }
            }
        });
        let started = Instant::now();
        let answer = send(
            http.post(format!("{base}/session")).json_body(&caps),
            STARTUP,
        )
        .await
        .unwrap_or_else(|e| panic!("no WebDriver session: {e}\n{}", self.process.stderr()));
        let id = answer["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no sessionId in {answer}"))
            .to_string();
        eprintln!("WebDriver session opened in {:?}", started.elapsed());
        Session {
            http,
            url: format!("{base}/session/{id}"),
        }
    }
}

fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        // The drivers are on loopback: never through a proxy from the environment.
        .no_proxy()
        .timeout(COMMAND_TIMEOUT)
        .build()
        .expect("an HTTP client")
}

/// A WebDriver error (`{"value": {"error", "message"}}`) or a transport failure.
#[derive(Debug, Clone)]
pub struct WdError {
    pub error: String,
    pub message: String,
}

impl std::fmt::Display for WdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.error, self.message)
    }
}

pub type WdResult<T> = Result<T, WdError>;

/// JSON bodies without reqwest's `json` feature (the workspace builds reqwest without it).
trait JsonBody {
    fn json_body(self, body: &Value) -> Self;
}

impl JsonBody for reqwest::RequestBuilder {
    fn json_body(self, body: &Value) -> Self {
        self.header("Content-Type", "application/json; charset=utf-8")
            .body(body.to_string())
    }
}

/// Sends a command; its answer's `value`, or the error it carries.
async fn send(request: reqwest::RequestBuilder, timeout: Duration) -> WdResult<Value> {
    let transport = |e: reqwest::Error| WdError {
        error: "transport".into(),
        // The cause too: "connection closed", "timed out".
        message: format!("{e} ({:?})", std::error::Error::source(&e)),
    };
    let response = request.timeout(timeout).send().await.map_err(transport)?;
    let status = response.status();
    let text = response.text().await.map_err(transport)?;
    let mut body: Value = serde_json::from_str(&text).map_err(|e| WdError {
        error: "bad answer".into(),
        message: format!("HTTP {status}: {e}: {text}"),
    })?;
    let value = body["value"].take();
    if status.is_success() {
        return Ok(value);
    }
    Err(WdError {
        error: value["error"].as_str().unwrap_or("unknown").to_string(),
        message: value["message"].as_str().unwrap_or(&text).to_string(),
    })
}

/// How to find an element.
#[derive(Debug, Clone)]
pub enum By {
    Css(String),
    XPath(String),
}

impl By {
    pub fn css(s: impl Into<String>) -> By {
        By::Css(s.into())
    }

    pub fn xpath(s: impl Into<String>) -> By {
        By::XPath(s.into())
    }

    fn body(&self) -> Value {
        match self {
            By::Css(s) => json!({"using": "css selector", "value": s}),
            By::XPath(s) => json!({"using": "xpath", "value": s}),
        }
    }
}

impl std::fmt::Display for By {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            By::Css(s) => write!(f, "css {s:?}"),
            By::XPath(s) => write!(f, "xpath {s:?}"),
        }
    }
}

/// An element reference (stale once the page replaces the element).
#[derive(Debug, Clone)]
pub struct Element(String);

impl Element {
    /// The reference as a script argument (the script receives the DOM element).
    pub fn arg(&self) -> Value {
        json!({ ELEMENT_KEY: self.0 })
    }
}

/// A session on the app's window.
pub struct Session {
    http: reqwest::Client,
    url: String,
}

impl Session {
    async fn get(&self, path: &str) -> WdResult<Value> {
        let request = self.http.get(format!("{}{path}", self.url));
        send(request, COMMAND_TIMEOUT).await
    }

    async fn post(&self, path: &str, body: Value) -> WdResult<Value> {
        let request = self
            .http
            .post(format!("{}{path}", self.url))
            .json_body(&body);
        send(request, COMMAND_TIMEOUT).await
    }

    pub async fn title(&self) -> WdResult<String> {
        Ok(self.get("/title").await?.as_str().unwrap_or("").to_string())
    }

    pub async fn find(&self, by: &By) -> WdResult<Element> {
        let value = self.post("/element", by.body()).await?;
        element_of(&value)
    }

    /// The element's rendered text.
    pub async fn text(&self, el: &Element) -> WdResult<String> {
        let value = self.get(&format!("/element/{}/text", el.0)).await?;
        Ok(value.as_str().unwrap_or("").to_string())
    }

    /// A DOM property (`value` of an input, `disabled` of a button).
    pub async fn property(&self, el: &Element, name: &str) -> WdResult<Value> {
        self.get(&format!("/element/{}/property/{name}", el.0))
            .await
    }

    pub async fn click(&self, el: &Element) -> WdResult<()> {
        self.post(&format!("/element/{}/click", el.0), json!({}))
            .await
            .map(drop)
    }

    pub async fn clear(&self, el: &Element) -> WdResult<()> {
        self.post(&format!("/element/{}/clear", el.0), json!({}))
            .await
            .map(drop)
    }

    pub async fn send_keys(&self, el: &Element, text: &str) -> WdResult<()> {
        self.post(&format!("/element/{}/value", el.0), json!({ "text": text }))
            .await
            .map(drop)
    }

    /// Runs `script` (a function body; `arguments` are `args`) and returns what it returns.
    pub async fn execute(&self, script: &str, args: Value) -> WdResult<Value> {
        self.post("/execute/sync", json!({ "script": script, "args": args }))
            .await
    }

    /// Runs `script`, which calls its last argument with the result (for promises).
    pub async fn execute_async(&self, script: &str, args: Value) -> WdResult<Value> {
        self.post("/execute/async", json!({ "script": script, "args": args }))
            .await
    }

    /// The window as a PNG.
    ///
    /// WebKit answers a screenshot after the page's next rendering update, and with the
    /// app's `GDK_GL=disable` (no accelerated compositing) a page that does not change may
    /// have none: the command then never returns (seen on the settings page, about every
    /// other screenshot; never with GL on). So: keep an invisible 1-pixel element repainting
    /// while the screenshot is taken, and retry a screenshot that timed out.
    pub async fn screenshot(&self) -> WdResult<Vec<u8>> {
        const REPAINT: &str = r#"
let dot = document.getElementById("__webdriver_repaint");
if (!dot) {
  dot = document.createElement("div");
  dot.id = "__webdriver_repaint";
  dot.setAttribute("aria-hidden", "true");
  dot.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none";
  document.body.append(dot);
}
clearInterval(window.__webdriverRepaint);
let on = false;
window.__webdriverRepaint = setInterval(() => {
  on = !on;
  dot.style.backgroundColor = on ? "rgba(255,255,255,0)" : "rgba(0,0,0,0)";
}, 50);
setTimeout(() => { clearInterval(window.__webdriverRepaint); dot.remove(); }, 10000);
"#;
        const ATTEMPT: Duration = Duration::from_secs(5);
        self.execute(REPAINT, json!([])).await?;
        let mut attempts = 0;
        let value = loop {
            let request = self.http.get(format!("{}/screenshot", self.url));
            attempts += 1;
            match send(request, ATTEMPT).await {
                Err(e) if e.error == "transport" && attempts < 4 => {
                    eprintln!("screenshot attempt {attempts} failed ({e}); again");
                }
                answer => break answer?,
            }
        };
        self.execute(
            "clearInterval(window.__webdriverRepaint); \
             document.getElementById('__webdriver_repaint')?.remove();",
            json!([]),
        )
        .await?;
        Ok(base64_decode(value.as_str().unwrap_or("")))
    }

    /// Ends the session; WebKitWebDriver closes the app.
    pub async fn close(self) -> WdResult<()> {
        let request = self.http.delete(&self.url);
        send(request, COMMAND_TIMEOUT).await.map(drop)
    }

    /// Finds `by` and runs `script` on it (its `arguments[0]`), until `pred` accepts what the
    /// script returns; the last answer (or error) otherwise. Elements the page replaces
    /// meanwhile (stale references) are simply looked up again.
    pub async fn wait_script_on(
        &self,
        by: &By,
        script: &str,
        within: Duration,
        pred: impl Fn(&Value) -> bool,
    ) -> Result<Value, String> {
        let deadline = Instant::now() + within;
        loop {
            let answer = match self.find(by).await {
                Ok(el) => self.execute(script, json!([el.arg()])).await,
                Err(e) => Err(e),
            };
            let last = match answer {
                Ok(value) if pred(&value) => return Ok(value),
                Ok(value) => value.to_string(),
                Err(e) => format!("error {e}"),
            };
            if Instant::now() >= deadline {
                return Err(format!("{by} after {within:?}: last {last}"));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the text of the element `by` finds satisfies `pred`.
    pub async fn wait_text(
        &self,
        by: &By,
        within: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let deadline = Instant::now() + within;
        loop {
            let text = match self.find(by).await {
                Ok(el) => self.text(&el).await,
                Err(e) => Err(e),
            };
            let last = match text {
                Ok(text) if pred(&text) => return Ok(text),
                Ok(text) => format!("text {text:?}"),
                Err(e) => format!("error {e}"),
            };
            if Instant::now() >= deadline {
                return Err(format!("{by} after {within:?}: last {last}"));
            }
            tokio::time::sleep(POLL).await;
        }
    }
}

fn element_of(value: &Value) -> WdResult<Element> {
    value[ELEMENT_KEY]
        .as_str()
        .map(|id| Element(id.to_string()))
        .ok_or_else(|| WdError {
            error: "bad answer".into(),
            message: format!("no element reference in {value}"),
        })
}

/// Standard base64 (the screenshot), ignoring padding and line breaks.
fn base64_decode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("aGVsbG8gd29ybGQ=\n"), b"hello world");
    assert_eq!(base64_decode("AAEC/w=="), [0, 1, 2, 255]);
}
