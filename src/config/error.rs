//! Config errors that name the file, the line and the key.

use std::fmt;
use std::path::{Path, PathBuf};

/// A config file that cannot be used, and where the problem is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    /// The file.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// The key at fault (`interval_secs`, `services[1].probes[0].url`), when known.
    pub key: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ": {key}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl ConfigError {
    /// An error located at a byte span of the file's text.
    pub(crate) fn at(
        path: &Path,
        text: &str,
        span: Option<std::ops::Range<usize>>,
        key: Option<String>,
        message: String,
    ) -> Self {
        let line = span.as_ref().map(|s| line_of(text, s.start));
        let key = key.or_else(|| span.and_then(|s| key_before(text, s.start)));
        ConfigError {
            file: path.to_path_buf(),
            line,
            key,
            message,
        }
    }

    pub(crate) fn io(path: &Path, e: &std::io::Error) -> Self {
        ConfigError {
            file: path.to_path_buf(),
            line: None,
            key: None,
            message: format!("cannot read: {e}"),
        }
    }

    pub(crate) fn from_toml(path: &Path, text: &str, e: &toml::de::Error) -> Self {
        let span = e.span().map(|span| narrow(text, span, e.message()));
        ConfigError::at(path, text, span, None, plain_message(e.message()))
    }
}

/// toml loses the exact span inside internally tagged tables (a probe's `kind = ...`) and
/// reports the whole array; when the message quotes the bad value, point at that value.
fn narrow(text: &str, span: std::ops::Range<usize>, message: &str) -> std::ops::Range<usize> {
    let quoted = message.split('`').nth(1).filter(|v| !v.is_empty());
    let inside = text.get(span.clone()).unwrap_or("");
    match quoted.and_then(|v| inside.find(&format!("\"{v}\""))) {
        Some(at) => span.start + at..span.end,
        None => span,
    }
}

/// `offset` moved back to the start of the character it falls in: toml's spans can point
/// inside a multi-byte character of a broken file.
fn char_start(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..char_start(text, offset)]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// The key whose value starts at `offset`: the last `key =` before it on the same line, or
/// the key that starts the line (toml's spans cover values, not keys).
fn key_before(text: &str, offset: usize) -> Option<String> {
    let is_key = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    let offset = char_start(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let word = match before.rfind('=') {
        Some(eq) => {
            let key = before[..eq].trim_end();
            // The key starts after the last character that cannot be part of one (which
            // may be several bytes long: `¡`, a BOM).
            let start = key
                .char_indices()
                .rfind(|&(_, c)| !is_key(c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            &key[start..]
        }
        // The span starts at the key itself (an unknown field): take the word under it.
        None => {
            let rest = &text[offset..];
            &rest[..rest.find(|c: char| !is_key(c)).unwrap_or(rest.len())]
        }
    };
    (!word.is_empty()).then(|| word.to_string())
}

/// serde's wording for Rust types, reworded for people who write TOML.
fn plain_message(message: &str) -> String {
    let mut m = message.trim().to_string();
    for (rust, plain) in [
        ("expected u64", "expected an integer"),
        ("expected i64", "expected an integer"),
        ("expected u32", "expected an integer"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list"),
        ("unknown variant", "unknown value"),
    ] {
        m = m.replace(rust, plain);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_key_of_a_value() {
        let text = "a = 1\ninterval_secs = \"x\"\n";
        let at = text.find("\"x\"").unwrap();
        assert_eq!(line_of(text, at), 2);
        assert_eq!(key_before(text, at).as_deref(), Some("interval_secs"));
        let inline = "probes = [{ kind = \"http\", url = 5 }]";
        assert_eq!(
            key_before(inline, inline.find('5').unwrap()).as_deref(),
            Some("url")
        );
    }
}
