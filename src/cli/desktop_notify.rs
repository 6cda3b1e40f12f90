//! Desktop notifications for `watch`, sent one at a time from a background task.
//!
//! notify-rust's blocking `show()` never returns when a notification server accepts the
//! call but never replies, so each send is async and bounded; with no server at all the
//! first failure is logged once and watching goes on.

use std::time::Duration;

use outage_radar::notice::Notice;
use tokio::sync::mpsc;

const SEND_TIMEOUT: Duration = Duration::from_secs(3);

/// Queue of notifications to show, in order.
pub struct DesktopNotifier {
    queue: mpsc::UnboundedSender<Notice>,
}

impl DesktopNotifier {
    pub fn start() -> DesktopNotifier {
        let (queue, mut rx) = mpsc::unbounded_channel::<Notice>();
        tokio::spawn(async move {
            let mut warned = false;
            while let Some(notice) = rx.recv().await {
                if let Err(why) = show(&notice).await {
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

    pub fn send(&self, notice: Notice) {
        let _ = self.queue.send(notice);
    }
}

async fn show(notice: &Notice) -> Result<(), String> {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname("Outage Radar")
        .summary(&notice.title)
        .body(&notice.body)
        .icon("network-error");
    if !notice.trouble {
        notification.icon("network-transmit-receive");
    }
    #[cfg(all(unix, not(target_os = "macos")))]
    notification.urgency(if notice.trouble {
        notify_rust::Urgency::Critical
    } else {
        notify_rust::Urgency::Normal
    });
    match tokio::time::timeout(SEND_TIMEOUT, notification.show_async()).await {
        Ok(Ok(_handle)) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(format!("no answer within {} s", SEND_TIMEOUT.as_secs())),
    }
}
