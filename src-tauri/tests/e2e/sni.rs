//! The tray as a desktop sees it: a fake `org.kde.StatusNotifierWatcher` that records which
//! items register, and a client for one item (`org.kde.StatusNotifierItem` properties and its
//! `com.canonical.dbusmenu` menu).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use zbus::message::Header;
use zbus::object_server::SignalEmitter;
use zbus::{OwnedObjectPath, OwnedVariant, Variant};

/// Every D-Bus call the tests make is bounded: a hung app fails the test, it never hangs it.
const CALL_TIMEOUT: Duration = Duration::from_secs(5);

/// A registered tray item: who (unique bus name) and where (object path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub bus: String,
    pub path: String,
}

struct Watcher {
    items: Arc<Mutex<Vec<Registered>>>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    /// ayatana passes its object path; other implementations pass a bus name, or both.
    async fn register_status_notifier_item(
        &self,
        service: String,
        #[zbus(header)] header: Header<'_>,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) {
        let sender = header.sender().map(|s| s.to_string()).unwrap_or_default();
        let item = if service.starts_with('/') {
            Registered {
                bus: sender,
                path: service,
            }
        } else if let Some((bus, path)) = service.split_once('/') {
            Registered {
                bus: bus.to_string(),
                path: format!("/{path}"),
            }
        } else {
            Registered {
                bus: service,
                path: "/StatusNotifierItem".into(),
            }
        };
        let name = format!("{}{}", item.bus, item.path);
        {
            let mut items = self.items.lock().unwrap();
            if !items.contains(&item) {
                items.push(item);
            }
        }
        let _ = Self::status_notifier_item_registered(&emitter, &name).await;
    }

    async fn register_status_notifier_host(
        &self,
        _service: String,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) {
        let _ = Self::status_notifier_host_registered(&emitter).await;
    }

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items
            .lock()
            .unwrap()
            .iter()
            .map(|i| format!("{}{}", i.bus, i.path))
            .collect()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }

    #[zbus(signal)]
    async fn status_notifier_item_registered(
        emitter: &SignalEmitter<'_>,
        service: &str,
    ) -> zbus::Result<()>;

    #[zbus(signal)]
    async fn status_notifier_host_registered(emitter: &SignalEmitter<'_>) -> zbus::Result<()>;
}

/// The fake tray host, serving on a bus until dropped.
pub struct TrayHost {
    items: Arc<Mutex<Vec<Registered>>>,
    connection: zbus::Connection,
}

impl TrayHost {
    /// Owns `org.kde.StatusNotifierWatcher` on the bus at `address`.
    pub async fn start(address: &str) -> TrayHost {
        let items = Arc::new(Mutex::new(Vec::new()));
        let connection = zbus::connection::Builder::address(address)
            .name("org.kde.StatusNotifierWatcher")
            .serve_at(
                "/StatusNotifierWatcher",
                Watcher {
                    items: items.clone(),
                },
            )
            .build()
            .await
            .expect("own org.kde.StatusNotifierWatcher on the private bus");
        TrayHost { items, connection }
    }

    /// Items registered so far, in order.
    pub fn registered(&self) -> Vec<Registered> {
        self.items.lock().unwrap().clone()
    }

    /// The host's connection to the bus.
    pub fn connection(&self) -> &zbus::Connection {
        &self.connection
    }

    /// A client for a registered item, over the host's own connection.
    pub fn item(&self, registered: &Registered) -> Item {
        Item {
            connection: self.connection.clone(),
            bus: registered.bus.clone(),
            path: registered.path.clone(),
        }
    }
}

/// One line of the tray menu, as dbusmenu describes it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i32,
    pub label: String,
    pub enabled: bool,
    /// "separator" or empty (a standard item).
    pub kind: String,
}

/// A tray item seen over D-Bus.
pub struct Item {
    connection: zbus::Connection,
    pub bus: String,
    pub path: String,
}

impl Item {
    async fn call<B>(
        &self,
        path: &str,
        interface: &str,
        method: &str,
        body: &B,
    ) -> zbus::Result<zbus::Message>
    where
        B: serde::Serialize + zbus::wire::DynamicType,
    {
        let call = self.connection.call_method(
            Some(self.bus.as_str()),
            path,
            Some(interface),
            method,
            body,
        );
        match tokio::time::timeout(CALL_TIMEOUT, call).await {
            Ok(result) => result,
            Err(_) => Err(zbus::Error::Failure(format!(
                "{interface}.{method} on {}{path}: no answer within {CALL_TIMEOUT:?}",
                self.bus
            ))),
        }
    }

    /// A property of `org.kde.StatusNotifierItem`.
    pub async fn property(&self, name: &str) -> zbus::Result<OwnedVariant> {
        let reply = self
            .call(
                &self.path,
                "org.freedesktop.DBus.Properties",
                "Get",
                &("org.kde.StatusNotifierItem", name),
            )
            .await?;
        reply.body().deserialize::<OwnedVariant>()
    }

    /// `IconName`: with ayatana, the path of a PNG file that changes on every new picture.
    pub async fn icon_name(&self) -> zbus::Result<String> {
        let value = self.property("IconName").await?;
        String::try_from(value)
    }

    /// The object path of the item's dbusmenu.
    pub async fn menu_path(&self) -> zbus::Result<String> {
        let value = self.property("Menu").await?;
        Ok(OwnedObjectPath::try_from(value)?.to_string())
    }

    /// The whole menu, flattened in order (the root, id 0, left out).
    pub async fn menu(&self) -> zbus::Result<Vec<Entry>> {
        let menu = self.menu_path().await?;
        let properties: Vec<String> = Vec::new();
        let reply = self
            .call(
                &menu,
                "com.canonical.dbusmenu",
                "GetLayout",
                &(0i32, -1i32, properties),
            )
            .await?;
        type Layout = (i32, HashMap<String, OwnedVariant>, Vec<OwnedVariant>);
        let (_revision, (_root, _props, children)): (u32, Layout) = reply.body().deserialize()?;
        let mut entries = Vec::new();
        for child in &children {
            flatten(child, &mut entries);
        }
        Ok(entries)
    }

    /// Clicks a menu item, as a desktop's tray does.
    pub async fn click(&self, id: i32) -> zbus::Result<()> {
        let menu = self.menu_path().await?;
        self.call(
            &menu,
            "com.canonical.dbusmenu",
            "Event",
            &(id, "clicked", Variant::I32(0), 0u32),
        )
        .await?;
        Ok(())
    }
}

/// A menu node `(ia{sv}av)`, possibly wrapped in variants, and its children.
fn flatten(value: &Variant<'_>, out: &mut Vec<Entry>) {
    let value = unwrap_variant(value);
    let Variant::Structure(node) = value else {
        return;
    };
    let [Variant::I32(id), props, Variant::Array(children)] = node.fields() else {
        return;
    };
    let mut entry = Entry {
        id: *id,
        label: String::new(),
        enabled: true,
        kind: String::new(),
    };
    if let Variant::Dict(props) = props {
        for (key, value) in props.iter() {
            let Variant::Str(key) = key else { continue };
            match (key.as_str(), unwrap_variant(value)) {
                ("label", Variant::Str(s)) => entry.label = s.to_string(),
                ("enabled", Variant::Bool(b)) => entry.enabled = *b,
                ("type", Variant::Str(s)) => entry.kind = s.to_string(),
                _ => {}
            }
        }
    }
    out.push(entry);
    for child in children.iter() {
        flatten(child, out);
    }
}

fn unwrap_variant<'a, 'v>(mut value: &'a Variant<'v>) -> &'a Variant<'v> {
    while let Variant::Variant(inner) = value {
        value = inner;
    }
    value
}

/// The colours of the four tray pictures (docs/design.md, “Desktop app”: up green, degraded
/// amber, down red, unknown grey).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Colour {
    Green,
    Amber,
    Red,
    Grey,
}

/// The colour covering most opaque pixels of a PNG, leaving out black and white (outlines
/// and glyphs). None if the file cannot be read or has no coloured pixel.
pub fn dominant_colour(path: &str) -> Option<Colour> {
    let file = std::fs::File::open(path).ok()?;
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    let channels = info.color_type.samples();
    let mut counts: HashMap<Colour, usize> = HashMap::new();
    for px in buf[..info.buffer_size()].chunks_exact(channels) {
        let (r, g, b, a) = match channels {
            4 => (px[0], px[1], px[2], px[3]),
            3 => (px[0], px[1], px[2], 255),
            2 => (px[0], px[0], px[0], px[1]),
            _ => (px[0], px[0], px[0], 255),
        };
        if a < 128 {
            continue;
        }
        if let Some(colour) = classify(r, g, b) {
            *counts.entry(colour).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|&(_, n)| n).map(|(c, _)| c)
}

fn classify(r: u8, g: u8, b: u8) -> Option<Colour> {
    let (r, g, b) = (i32::from(r), i32::from(g), i32::from(b));
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    if max < 40 || min > 215 {
        return None; // black or white
    }
    if max - min < 30 {
        return Some(Colour::Grey);
    }
    if g > r + 40 && g > b + 40 {
        Some(Colour::Green)
    } else if r > g + 100 && r > b + 100 {
        Some(Colour::Red)
    } else if r > b + 100 && g > b + 60 {
        Some(Colour::Amber)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_icons_have_the_expected_colours() {
        let icons = concat!(env!("CARGO_MANIFEST_DIR"), "/../icons");
        for (file, colour) in [
            ("tray-up.png", Colour::Green),
            ("tray-degraded.png", Colour::Amber),
            ("tray-down.png", Colour::Red),
            ("tray-unknown.png", Colour::Grey),
        ] {
            assert_eq!(
                dominant_colour(&format!("{icons}/{file}")),
                Some(colour),
                "{file}"
            );
        }
    }
}
