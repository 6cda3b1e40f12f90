//! Helpers shared by the integration tests. Everything listens on 127.0.0.1 only.

#![allow(dead_code)] // Each test module uses a different subset of the helpers.

pub mod cli;
pub mod http;
pub mod notifications;
pub mod scripted;
