//! Sending desktop notifications (CLI `watch` and the desktop app), one at a time from a
//! background task. Which transitions notify, and the words, are decided in [`crate::notice`].
//!
//! notify-rust's blocking `show()` never returns when a notification server accepts the
//! call but never replies, so each send is async and bounded; with no server at all the
//! first failure is logged once and watching goes on.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use futures_util::FutureExt;
use tokio::sync::mpsc;

use crate::notice::Notice;

const SEND_TIMEOUT: Duration = Duration::from_secs(3);

/// Queue of notifications to show, in order. Needs a tokio runtime.
#[derive(Clone)]
pub struct DesktopNotifier {
    queue: mpsc::UnboundedSender<Notice>,
}

/// How notifications present the app.
#[derive(Debug, Clone, Default)]
pub struct Sender {
    /// Application name shown by the notification server.
    pub app_name: String,
    /// Icon: a file path or a theme icon name; None = a generic network icon.
    pub icon: Option<String>,
}

impl DesktopNotifier {
    /// Starts the sending task.
    pub fn start(sender: Sender) -> DesktopNotifier {
        let (queue, mut rx) = mpsc::unbounded_channel::<Notice>();
        tokio::spawn(async move {
            let mut warned = false;
            // The notification on screen for each service, so the next one replaces it.
            let mut on_screen: HashMap<String, u32> = HashMap::new();
            while let Some(notice) = rx.recv().await {
                let replaces = notice.about.iter().find_map(|s| on_screen.get(s).copied());
                // A panic in the notification library must not end the queue: every later
                // outage would then go unannounced without a word.
                let shown = AssertUnwindSafe(show(&sender, &notice, replaces))
                    .catch_unwind()
                    .await
                    .unwrap_or_else(|_| Err("the notification library failed".to_string()));
                if let Ok(id) = shown {
                    for service in &notice.about {
                        on_screen.insert(service.clone(), id);
                    }
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
        DesktopNotifier { queue }
    }

    /// Queues a notification; never blocks.
    pub fn send(&self, notice: Notice) {
        let _ = self.queue.send(notice);
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
