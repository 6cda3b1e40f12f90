//! `outage-radar watch`: run the engine until SIGINT/SIGTERM; one line per change.

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::Context;
use outage_radar::engine::{self, NetChecker};
use outage_radar::event::{ConnectivityEvent, EngineEvent, TransitionEvent};
use outage_radar::metrics::{self, Metrics};
use outage_radar::netwatch;
use outage_radar::notice;
use outage_radar::notifier::{self, DesktopNotifier, Sender};
use outage_radar::on_screen::ON_SCREEN_FILE;
use outage_radar::store::{self, Access};
use outage_radar::{words, Settings, Verdict};
use serde_json::json;
use tokio::sync::broadcast::error::RecvError;

/// How `watch` runs.
pub struct Options {
    /// JSON lines instead of text.
    pub json: bool,
    /// Desktop notifications.
    pub notify: bool,
    /// Stop once this service is confirmed up ("tell me when it's back").
    pub until_up: Option<String>,
}

pub async fn run(settings: Settings, data_dir: PathBuf, options: Options) -> anyhow::Result<u8> {
    let Options {
        json,
        notify,
        until_up,
    } = options;
    if let Some(id) = &until_up {
        if !settings.services.iter().any(|s| &s.id == id) {
            eprintln!(
                "outage-radar: --until-up: `{id}` is not watched (see `outage-radar services`)"
            );
            return Ok(64);
        }
    }
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let shutdown = async move {
        tokio::select! {
            _ = shutdown_signal() => {}
            _ = stopped => {}
        }
    };
    let history = store::open_or_recover(&data_dir, Access::Write);
    if let Some(problem) = &history.problem {
        eprintln!("outage-radar: {problem}");
    }
    let recorded = match &history.store {
        Some(_) => format!("history in {}", data_dir.display()),
        None => "no history".to_string(),
    };
    eprintln!(
        "Watching {} services every {} s ({recorded}). Ctrl-C to stop.",
        settings.services.len(),
        settings.interval.as_secs(),
    );
    let prefs = settings.notifications.clone();
    // Bound before the engine starts: an address in use is a clear error, not a silent gap.
    let metrics_listener = match settings.metrics_listen {
        Some(addr) => Some(
            metrics::bind(addr)
                .await
                .with_context(|| format!("[metrics] listen = \"{addr}\""))?,
        ),
        None => None,
    };
    let (handle, mut events, task) =
        engine::spawn(settings, NetChecker::factory(), history.store, shutdown)?;
    // Sleep, wake and network changes start confirmations over.
    netwatch::spawn_system(handle.nudger());
    if let Some(listener) = metrics_listener {
        let addr = listener.local_addr()?;
        let metrics = Metrics::new(handle.snapshot());
        metrics.follow(handle.subscribe());
        tokio::spawn(metrics::serve(listener, metrics, shutdown_signal()));
        eprintln!("Metrics on http://{addr}/metrics");
    }
    // Nothing else talks to the engine: dropping the handle lets the event stream close
    // when the engine stops.
    drop(handle);
    let sender = Sender {
        app_name: "Outage Radar".into(),
        icon: None,
        on_screen: Some(data_dir.join(ON_SCREEN_FILE)),
    };
    // While waiting for one service, only its return is news.
    let notifier = (notify && until_up.is_none()).then(|| DesktopNotifier::start(sender.clone()));
    let mut stop = Some(stop);
    // In text, a service's first verdict is no change: the round's summary says them all.
    let mut judged: HashSet<String> = HashSet::new();
    let mut firsts: Vec<TransitionEvent> = Vec::new();
    loop {
        match events.recv().await {
            Ok(EngineEvent::Transition(t)) => {
                if !json && t.from == Verdict::Unknown && judged.insert(t.service.clone()) {
                    firsts.push(t.clone());
                } else {
                    judged.insert(t.service.clone());
                    println!("{}", transition_line(&t, json));
                }
                if until_up.as_deref() == Some(t.service.as_str()) && t.to == Verdict::Up {
                    if notify {
                        if let Err(why) =
                            notifier::show_now(&sender, &notice::back_on_request(&t)).await
                        {
                            tracing::warn!("could not notify ({why})");
                        }
                    }
                    if let Some(stop) = stop.take() {
                        let _ = stop.send(());
                    }
                }
            }
            Ok(EngineEvent::Connectivity(c)) => println!("{}", connectivity_line(&c, json)),
            Ok(EngineEvent::Round(round)) => {
                if !firsts.is_empty() {
                    println!("{}", first_verdicts_line(&firsts));
                    firsts.clear();
                }
                if let Some(notifier) = &notifier {
                    notifier.settle(&round.snapshot.services);
                    // The CLI has no pause: it is stopped instead.
                    for n in notice::due(&round, &prefs, chrono::Local::now(), false) {
                        notifier.send(n);
                    }
                }
            }
            Err(RecvError::Lagged(n)) => {
                tracing::warn!("{n} events were skipped (output too slow)")
            }
            Err(RecvError::Closed) => break,
        }
    }
    task.await?;
    Ok(0)
}

fn transition_line(t: &TransitionEvent, json: bool) -> String {
    if json {
        return json!({
            "event": "transition", "at": t.at, "service": t.service, "name": t.name,
            "from": t.from, "to": t.to, "cause": t.cause, "cause_text": t.cause_text, "detail": t.detail,
            "official_lag": t.official_lag,
        })
        .to_string();
    }
    let why = if t.cause_text.is_empty() {
        String::new()
    } else {
        format!(" — {}", t.cause_text)
    };
    let lag = t
        .official_lag
        .as_ref()
        .map(|l| format!(" — {}", l.words(t.at_ms)))
        .unwrap_or_default();
    // A recovery says how long the trouble lasted, as its notification does.
    let lasted = match t.trouble_since_ms {
        Some(since) if t.to == Verdict::Up && t.from.is_trouble() => {
            format!(" — back after {}", words::duration(t.at_ms - since))
        }
        _ => String::new(),
    };
    format!(
        "{}  {}: {} → {}{}{}{}",
        t.at, t.name, t.from, t.to, why, lag, lasted
    )
}

/// The first verdicts of a watch in one line: "… first check: 7 up, 1 down — Chat: Server
/// errors (HTTP 503)".
fn first_verdicts_line(firsts: &[TransitionEvent]) -> String {
    let at = firsts.last().map(|t| t.at.as_str()).unwrap_or_default();
    let counts: Vec<String> = [
        Verdict::Down,
        Verdict::Degraded,
        Verdict::Maintenance,
        Verdict::Up,
    ]
    .into_iter()
    .filter_map(|v| {
        let n = firsts.iter().filter(|t| t.to == v).count();
        (n > 0).then(|| format!("{n} {}", words::verdict_phrase(v)))
    })
    .collect();
    let trouble: Vec<String> = firsts
        .iter()
        .filter(|t| t.to != Verdict::Up && !t.cause_text.is_empty())
        .map(|t| format!("{}: {}", t.name, t.cause_text))
        .collect();
    let mut line = format!("{at}  first check: {}", counts.join(", "));
    if !trouble.is_empty() {
        line.push_str(&format!(" — {}", trouble.join("; ")));
    }
    line
}

fn connectivity_line(c: &ConnectivityEvent, json: bool) -> String {
    if json {
        return json!({"event": "connectivity", "at": c.at, "from": c.from, "to": c.to})
            .to_string();
    }
    format!(
        "{}  connectivity: {} → {} — {}",
        c.at,
        c.from,
        c.to,
        c.to.describe()
    )
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
