//! Helpers shared by the integration tests. Everything listens on 127.0.0.1 only.

#![allow(dead_code)] // Each test module uses a different subset of the helpers.

/// Driving the real binary with its own config and data dir.
pub mod cli;
/// A loopback DNS responder (UDP and TCP) with switchable answers.
pub mod dns;
/// Waiting for the engine's events.
pub mod events;
/// A loopback HTTP stub with hostile modes.
pub mod http;
/// A private D-Bus session recording desktop notifications.
pub mod notifications;
/// A scripted checker for engine tests.
pub mod scripted;
/// A test CA, leaf certificates and a loopback TLS stub that speaks minimal HTTP.
pub mod tls;
