//! Telling a suspend from a long round: the wall clock against the monotonic clock.
//!
//! The monotonic clock (tokio's `Instant`, CLOCK_MONOTONIC on Linux) stands still while the
//! machine sleeps; the wall clock does not. A gap between how far each advanced is time the
//! machine was asleep, however long a round took. Timing a periodic tick instead mistakes any
//! round longer than the tick's slack for a suspend.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

/// How much more the wall clock must advance than the monotonic one to count as a suspend.
/// Well above NTP's corrections, well below any sleep worth noticing.
pub const SUSPEND_GAP: Duration = Duration::from_secs(10);

/// The wall clock the engine reads; tests substitute one they can move forward.
pub trait Clock: Send + Sync {
    /// Milliseconds since the Unix epoch.
    fn wall_ms(&self) -> i64;
}

/// The system's wall clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn wall_ms(&self) -> i64 {
        chrono::Utc::now().timestamp_millis()
    }
}

/// A wall clock for paused-time tests: it follows tokio's (paused) clock from `start_ms`,
/// and [`TestClock::sleep_for`] moves it ahead alone, as a suspend does.
#[derive(Clone)]
pub struct TestClock {
    start_ms: i64,
    origin: Instant,
    slept_ms: Arc<AtomicI64>,
}

impl TestClock {
    /// A clock reading `start_ms` now.
    pub fn new(start_ms: i64) -> TestClock {
        TestClock {
            start_ms,
            origin: Instant::now(),
            slept_ms: Arc::new(AtomicI64::new(0)),
        }
    }

    /// The machine "sleeps" for `d`: the wall clock jumps, the monotonic clock does not.
    pub fn sleep_for(&self, d: Duration) {
        self.slept_ms
            .fetch_add(d.as_millis() as i64, Ordering::SeqCst);
    }
}

impl Clock for TestClock {
    fn wall_ms(&self) -> i64 {
        self.start_ms
            + self.origin.elapsed().as_millis() as i64
            + self.slept_ms.load(Ordering::SeqCst)
    }
}

/// Remembers both clocks at the last look, and says how long the machine slept since.
pub struct SuspendDetector {
    wall_ms: i64,
    mono: Instant,
}

impl SuspendDetector {
    /// Starts watching from now.
    pub fn new(clock: &dyn Clock) -> SuspendDetector {
        SuspendDetector {
            wall_ms: clock.wall_ms(),
            mono: Instant::now(),
        }
    }

    /// How long the machine slept since the last look, if it did.
    pub fn slept(&mut self, clock: &dyn Clock) -> Option<Duration> {
        let wall = clock.wall_ms();
        let mono = Instant::now();
        let gap = (wall - self.wall_ms) - (mono - self.mono).as_millis() as i64;
        self.wall_ms = wall;
        self.mono = mono;
        (gap > SUSPEND_GAP.as_millis() as i64).then(|| Duration::from_millis(gap as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_long_wait_is_not_a_suspend_but_a_wall_clock_jump_is() {
        let clock = TestClock::new(1_000_000);
        let mut detector = SuspendDetector::new(&clock);
        // A round of ten minutes: both clocks advance together.
        tokio::time::advance(Duration::from_secs(600)).await;
        assert_eq!(detector.slept(&clock), None);
        // A suspend of ten minutes: only the wall clock advances.
        clock.sleep_for(Duration::from_secs(600));
        tokio::time::advance(Duration::from_secs(1)).await;
        let slept = detector.slept(&clock).expect("a suspend");
        assert_eq!(slept.as_secs(), 600);
        // Seen once.
        assert_eq!(detector.slept(&clock), None);
    }

    #[tokio::test(start_paused = true)]
    async fn small_corrections_are_not_a_suspend() {
        let clock = TestClock::new(0);
        let mut detector = SuspendDetector::new(&clock);
        clock.sleep_for(SUSPEND_GAP - Duration::from_millis(1));
        assert_eq!(detector.slept(&clock), None);
    }
}
