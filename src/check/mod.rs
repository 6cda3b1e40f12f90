//! Probes: one network check of one target, returning an [`crate::Observation`].

pub mod body;
