//! Sending desktop notifications (CLI `watch` and the desktop app), one at a time from a
//! background task. Which transitions notify, and the words, are decided in [`crate::notice`].
//!
//! notify-rust's blocking `show()` never returns when a notification server accepts the
//! call but never replies, so each send is async and bounded; with no server at all the
//! first failure is logged once and watching goes on.

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures_util::FutureExt;
use tokio::sync::mpsc;

use crate::event::ServiceStatus;
use crate::notice::Notice;
use crate::on_screen::{OnScreen, Shown};

const SEND_TIMEOUT: Duration = Duration::from_secs(3);

/// Queue of notifications to show, in order. Needs a tokio runtime.
#[derive(Clone)]
pub struct DesktopNotifier {
    queue: mpsc::UnboundedSender<Job>,
    /// Whether a previous run's notifications may still need closing; once none are left,
    /// rounds stop copying their services into the queue.
    settling: Arc<AtomicBool>,
}

enum Job {
    Show(Notice),
    /// The services as they stand: closes what a previous run left whose state is over.
    Settle(Vec<ServiceStatus>),
}

/// How notifications present the app.
#[derive(Debug, Clone, Default)]
pub struct Sender {
    /// Application name shown by the notification server.
    pub app_name: String,
    /// Icon: a file path or a theme icon name; None = a generic network icon.
    pub icon: Option<String>,
    /// Where the notifications on screen are kept between runs ([`OnScreen`]); None =
    /// nowhere, and a previous run's are left alone.
    pub on_screen: Option<PathBuf>,
}

impl DesktopNotifier {
    /// Starts the sending task.
    pub fn start(sender: Sender) -> DesktopNotifier {
        let (queue, mut rx) = mpsc::unbounded_channel::<Job>();
        // True until the task has read the file: the first rounds must not be skipped.
        let settling = Arc::new(AtomicBool::new(true));
        let settling_task = settling.clone();
        tokio::spawn(async move {
            let mut warned = false;
            // The notification on screen for each service, so the next one replaces it.
            let mut on_screen = OnScreen::load(sender.on_screen.clone());
            settling_task.store(on_screen.has_inherited(), Ordering::Relaxed);
            while let Some(job) = rx.recv().await {
                let notice = match job {
                    Job::Show(notice) => notice,
                    Job::Settle(services) => {
                        for id in on_screen.stale(&services) {
                            if let Err(why) = close(id).await {
                                tracing::debug!("could not close notification {id}: {why}");
                            }
                        }
                        settling_task.store(on_screen.has_inherited(), Ordering::Relaxed);
                        continue;
                    }
                };
                let replaces = notice.about.iter().find_map(|s| on_screen.about(s));
                // A panic in the notification library must not end the queue: every later
                // outage would then go unannounced without a word.
                let shown = AssertUnwindSafe(show(&sender, &notice, replaces))
                    .catch_unwind()
                    .await
                    .unwrap_or_else(|_| Err("the notification library failed".to_string()));
                if let Ok(id) = shown {
                    let trouble = notice.trouble;
                    on_screen.record(&notice.about, Shown { id, trouble });
                }
                if let Err(why) = shown {
                    if !warned {
                        tracing::warn!(
                            "desktop notifications are unavailable ({why}); watching goes on"
                        );
                        warned = true;
                    }
                }
            }
        });
        DesktopNotifier { queue, settling }
    }

    /// Queues a notification; never blocks.
    pub fn send(&self, notice: Notice) {
        let _ = self.queue.send(Job::Show(notice));
    }

    /// After a round: closes the notifications a previous run left whose state is over
    /// (cheap once there are none left).
    pub fn settle(&self, services: &[ServiceStatus]) {
        if self.settling.load(Ordering::Relaxed) {
            let _ = self.queue.send(Job::Settle(services.to_vec()));
        }
    }
}

/// Shows one notification now and waits for the server's answer (bounded): for a
/// notification the caller must know was sent before it exits, such as "it's back" for
/// `watch --until-up`.
pub async fn show_now(sender: &Sender, notice: &Notice) -> Result<(), String> {
    show(sender, notice, None).await.map(|_| ())
}

/// Shows `notice` in place of notification `replaces` when given; returns its id.
async fn show(sender: &Sender, notice: &Notice, replaces: Option<u32>) -> Result<u32, String> {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname(&sender.app_name)
        .summary(&notice.title)
        .body(&notice.body);
    if let Some(id) = replaces {
        notification.id(id);
    }
    let fallback = if notice.trouble {
        "network-error"
    } else {
        "network-transmit-receive"
    };
    notification.icon(sender.icon.as_deref().unwrap_or(fallback));
    #[cfg(all(unix, not(target_os = "macos")))]
    notification.urgency(if notice.critical {
        notify_rust::Urgency::Critical
    } else {
        notify_rust::Urgency::Normal
    });
    match tokio::time::timeout(SEND_TIMEOUT, notification.show_async()).await {
        Ok(Ok(handle)) => Ok(handle.id()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(format!("no answer within {} s", SEND_TIMEOUT.as_secs())),
    }
}

/// Asks the notification server to close notification `id` (bounded like a send).
async fn close(id: u32) -> Result<(), String> {
    let call = async {
        let bus = zbus::Connection::session().await?;
        bus.call_method(
            Some("org.freedesktop.Notifications"),
            "/org/freedesktop/Notifications",
            Some("org.freedesktop.Notifications"),
            "CloseNotification",
            &(id,),
        )
        .await?;
        zbus::Result::Ok(())
    };
    match tokio::time::timeout(SEND_TIMEOUT, call).await {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(_) => Err(format!("no answer within {} s", SEND_TIMEOUT.as_secs())),
    }
}
