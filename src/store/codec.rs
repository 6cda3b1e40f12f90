//! Conversions between Rust values and SQLite columns.
//!
//! Enums are stored by their `as_str()` names and read back with their `parse()`; a name this
//! build does not know becomes a [`rusqlite::Error::FromSqlConversionFailure`] rather than a
//! guess. Unsigned latencies are stored as `INTEGER` (i64), saturating.

use std::fmt;

use rusqlite::types::Type;
use rusqlite::Row;

/// A stored enum name that this build cannot parse.
#[derive(Debug)]
struct UnknownName {
    what: &'static str,
    value: String,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} {:?} in the history", self.what, self.value)
    }
}

impl std::error::Error for UnknownName {}

/// Reads column `idx`, which holds an enum's stored name.
pub(super) fn name<T>(
    row: &Row<'_>,
    idx: usize,
    what: &'static str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let value: String = row.get(idx)?;
    parse_name(idx, what, value, parse)
}

/// Reads column `idx`, which holds an enum's stored name or NULL.
#[cfg(test)]
pub(super) fn opt_name<T>(
    row: &Row<'_>,
    idx: usize,
    what: &'static str,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    let value: Option<String> = row.get(idx)?;
    value.map(|v| parse_name(idx, what, v, parse)).transpose()
}

/// Parses a stored name, or fails naming the column and the value.
pub(super) fn parse_name<T>(
    idx: usize,
    what: &'static str,
    value: String,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    parse(&value).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            Type::Text,
            Box::new(UnknownName { what, value }),
        )
    })
}

/// A `u64` (latencies) as SQLite's signed INTEGER, saturating.
pub(super) fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// A stored INTEGER back to `u64`; a negative value (never written by us) reads as 0.
pub(super) fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SourceKind, Verdict};

    #[test]
    fn source_names_match_serde() {
        for source in SourceKind::ALL {
            let json = serde_json::to_string(&source).unwrap();
            assert_eq!(json, format!("\"{}\"", source.as_str()));
        }
    }

    #[test]
    fn unknown_names_are_errors_not_guesses() {
        let err = parse_name(4, "verdict", "sideways".into(), Verdict::parse).unwrap_err();
        assert!(err.to_string().contains("sideways"), "{err}");
        assert_eq!(
            parse_name(4, "verdict", "down".into(), Verdict::parse).unwrap(),
            Verdict::Down
        );
    }

    #[test]
    fn latencies_saturate_instead_of_wrapping() {
        assert_eq!(to_i64(u64::MAX), i64::MAX);
        assert_eq!(to_u64(-5), 0);
        assert_eq!(to_u64(to_i64(1234)), 1234);
    }
}
