//! Reading a response body without trusting the server: capped in size.

/// Largest body read from any server (HTTP probes and status sources).
pub const BODY_CAP: usize = 1024 * 1024;

/// Reads at most `cap` bytes of a response body; a longer body is cut, not an error, so an
/// endless body costs at most `cap` bytes. Returns the bytes and whether the body was cut.
/// The caller bounds the time (the probe timeout wraps the whole exchange).
pub async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<(Vec<u8>, bool), reqwest::Error> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = cap - body.len();
        if chunk.len() >= room {
            body.extend_from_slice(&chunk[..room]);
            return Ok((body, true));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, false))
}
