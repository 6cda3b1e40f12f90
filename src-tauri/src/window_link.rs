//! The link between the tray app and a window process (`outage-radar-window <label>`): one
//! JSON message per line over a socket pair, which the window process gets as its standard
//! input.
//!
//! The window asks ([`ToApp::Call`]) and the app answers ([`ToWindow::Reply`]); the app also
//! forwards the events it emits ([`ToWindow::Event`]) and asks an open window to come to the
//! front ([`ToWindow::Show`]). When either side ends, the other reads end-of-file.

use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// From a window process to the app.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToApp {
    /// A command of the web UI, with its arguments as the page sent them (camelCase keys).
    Call { id: u64, cmd: String, args: Value },
}

/// From the app to a window process.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToWindow {
    /// The answer to the call `id`: what the command returned, or its error.
    Reply {
        id: u64,
        result: Result<Value, Value>,
    },
    /// An event the app emitted, for the page's listeners.
    Event { name: String, payload: Value },
    /// The user asked for this window again: bring it to the front.
    Show,
}

/// The writing half of a link; writes of whole lines never interleave.
pub struct Sender(Mutex<UnixStream>);

impl Sender {
    /// Writes through a clone of `stream` (reading goes on on the original).
    pub fn new(stream: &UnixStream) -> io::Result<Sender> {
        Ok(Sender(Mutex::new(stream.try_clone()?)))
    }

    /// Sends one message as one line.
    pub fn send(&self, message: &impl Serialize) -> io::Result<()> {
        let mut line = serde_json::to_vec(message)?;
        line.push(b'\n');
        let mut stream = crate::state::lock(&self.0);
        stream.write_all(&line)
    }

    /// Ends the link both ways: the other side reads end-of-file, and so does the reader here.
    pub fn close(&self) {
        let _ = crate::state::lock(&self.0).shutdown(std::net::Shutdown::Both);
    }
}

/// Calls `handle` with every message read until the other side ends. A line that does not
/// parse is logged and skipped.
pub fn receive<T: serde::de::DeserializeOwned>(stream: UnixStream, mut handle: impl FnMut(T)) {
    for line in BufReader::new(stream).lines() {
        let Ok(line) = line else { break };
        match serde_json::from_str(&line) {
            Ok(message) => handle(message),
            Err(e) => tracing::warn!("window link: unreadable message: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_cross_the_link_as_lines_in_order() {
        let (app, window) = UnixStream::pair().unwrap();
        let to_app = Sender::new(&window).unwrap();
        let to_window = Sender::new(&app).unwrap();
        to_app
            .send(&ToApp::Call {
                id: 7,
                cmd: "get_history".into(),
                args: serde_json::json!({ "sinceHours": 24 }),
            })
            .unwrap();
        to_window
            .send(&ToWindow::Reply {
                id: 7,
                result: Err(serde_json::json!({ "kind": "internal" })),
            })
            .unwrap();
        to_window.send(&ToWindow::Show).unwrap();
        // Both sides are done writing: each reader then sees the end.
        app.shutdown(std::net::Shutdown::Write).unwrap();
        window.shutdown(std::net::Shutdown::Write).unwrap();

        let reader = std::thread::spawn(move || {
            let mut got = Vec::new();
            receive(window, |m: ToWindow| got.push(m));
            got
        });
        let mut calls = Vec::new();
        receive(app, |m: ToApp| calls.push(m));
        let ToApp::Call { id, cmd, args } = &calls[0];
        assert_eq!(
            (*id, cmd.as_str(), &args["sinceHours"]),
            (7, "get_history", &24.into())
        );
        let got = reader.join().unwrap();
        assert!(
            matches!(&got[0], ToWindow::Reply { id: 7, result: Err(e) } if e["kind"] == "internal")
        );
        assert!(matches!(got[1], ToWindow::Show));
    }
}
