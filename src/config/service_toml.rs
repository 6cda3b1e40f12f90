//! Custom services written back into the user's `[[services]]` tables.
//!
//! Each service of the form is matched to its table by id and only the keys whose value
//! changed are touched, so keys the form does not show (`server_name`), comments and the
//! order of the tables survive a save. New services go at the end; a table goes away only
//! when its service was removed in the form.

use toml_edit::{Array, ArrayOfTables, InlineTable, Item, Table, TableLike, Value};

use super::edit::set;
use super::{ProbeForm, ServiceForm, StatusForm};

/// Applies `after` (normalized, ids filled in) to the document's `[[services]]`, where
/// `before` is the form of the file as it stands. Returns, for each table of the result in
/// file order, the index of its service in `after`.
pub(crate) fn patch(root: &mut Table, before: &[ServiceForm], after: &[ServiceForm]) -> Vec<usize> {
    let mut tables = match root.remove("services").map(Item::into_array_of_tables) {
        Some(Ok(tables)) => tables,
        // `services = [{ ... }]` written inline, or nothing yet: start a list of tables.
        Some(Err(_)) | None => ArrayOfTables::new(),
    };
    let mut claimed = vec![false; after.len()];
    let mut order = Vec::new();
    tables.retain(|table| {
        let id = table.get("id").and_then(Item::as_str);
        let found = (0..after.len()).find(|&i| !claimed[i] && Some(after[i].id.as_str()) == id);
        if let Some(i) = found {
            claimed[i] = true;
            order.push(i);
        }
        found.is_some()
    });
    for (table, &i) in tables.iter_mut().zip(&order) {
        let was = before.iter().find(|b| b.id == after[i].id);
        match was {
            Some(was) => patch_service(table, was, &after[i]),
            None => *table = new_table(&after[i]),
        }
    }
    for (i, service) in after.iter().enumerate().filter(|(i, _)| !claimed[*i]) {
        tables.push(new_table(service));
        order.push(i);
    }
    if !tables.is_empty() {
        root.insert("services", Item::ArrayOfTables(tables));
    }
    order
}

/// For each `[[services]]` table in file order, the index of its service in `forms`.
pub(crate) fn order(root: &Table, forms: &[ServiceForm]) -> Vec<usize> {
    let tables = root.get("services").and_then(Item::as_array_of_tables);
    tables
        .into_iter()
        .flat_map(|t| t.iter())
        .enumerate()
        .map(|(k, table)| {
            let id = table.get("id").and_then(Item::as_str);
            // Every table has a service in a form made from the same file; the fallback
            // only keeps the index as the loader gave it.
            forms
                .iter()
                .position(|f| Some(f.id.as_str()) == id)
                .unwrap_or(k)
        })
        .collect()
}

fn patch_service(table: &mut Table, before: &ServiceForm, after: &ServiceForm) {
    if after.name != before.name {
        set(table, "name", after.name.as_str());
    }
    if after.enabled != before.enabled {
        set(table, "enabled", after.enabled);
    }
    if after.probes != before.probes {
        patch_probes(table, &before.probes, &after.probes);
    }
    if after.status != before.status {
        match (&after.status, table.get_mut("status")) {
            (None, _) => {
                table.remove("status");
            }
            (Some(new), Some(item)) => match (&before.status, item.as_table_like_mut()) {
                (Some(old), Some(t)) if old.kind == new.kind => patch_status(t, old, new),
                _ => set(table, "status", status_value(new)),
            },
            (Some(new), None) => set(table, "status", status_value(new)),
        }
    }
}

/// Unchanged probes keep their text wherever they moved; a changed probe of the same kind
/// at the same place is patched key by key (so its `server_name` stays); others are new.
fn patch_probes(table: &mut Table, before: &[ProbeForm], after: &[ProbeForm]) {
    if after.is_empty() {
        table.remove("probes");
        return;
    }
    let mut array = match table.remove("probes") {
        Some(Item::Value(Value::Array(array))) => array,
        // `[[services.probes]]` tables: kept as values, written back inline.
        Some(Item::ArrayOfTables(tables)) => tables.into_array(),
        _ => one_per_line(Array::new()),
    };
    let old: Vec<Value> = array.iter().cloned().collect();
    let mut used = vec![false; old.len()];
    let mut reused: Vec<Option<Value>> = after
        .iter()
        .map(|p| {
            let k = (0..old.len()).find(|&k| !used[k] && before.get(k) == Some(p))?;
            used[k] = true;
            Some(old[k].clone())
        })
        .collect();
    for (j, p) in after.iter().enumerate() {
        if reused[j].is_some() {
            continue;
        }
        let same_place = old.get(j).filter(|_| !used[j]).zip(before.get(j));
        reused[j] = Some(match same_place {
            Some((Value::InlineTable(t), was)) if was.kind == p.kind => {
                used[j] = true;
                let mut t = t.clone();
                patch_probe(&mut t, was, p);
                Value::InlineTable(t)
            }
            _ => {
                let mut value = probe_value(p);
                // Laid out like its neighbours: one per line stays one per line.
                if let Some(like) = old.get(j).or(old.last()) {
                    value.decor_mut().set_prefix(indent_of(like));
                }
                value
            }
        });
    }
    array.clear();
    let one_line = !old.iter().any(on_own_line);
    for (j, mut value) in reused.into_iter().flatten().enumerate() {
        // In `[a, b]` a moved or new probe takes the spacing of its new place.
        if one_line && !old.is_empty() {
            value.decor_mut().set_prefix(if j == 0 { "" } else { " " });
        }
        array.push_formatted(value);
    }
    if old.is_empty() {
        array = one_per_line(array);
    }
    table.insert("probes", toml_edit::value(array));
}

fn patch_probe(t: &mut dyn TableLike, before: &ProbeForm, after: &ProbeForm) {
    if after.target != before.target {
        set(t, target_key(&after.kind), after.target.as_str());
    }
    patch_optional(t, "expect", &before.expect, &after.expect);
    patch_optional(t, "contains", &before.contains, &after.contains);
}

fn patch_status(t: &mut dyn TableLike, before: &StatusForm, after: &StatusForm) {
    patch_optional(t, "url", &before.url, &after.url);
    patch_optional(t, "component", &before.component, &after.component);
    patch_optional(t, "org", &before.org, &after.org);
    patch_optional(t, "service", &before.service, &after.service);
}

fn patch_optional(
    t: &mut dyn TableLike,
    key: &str,
    before: &Option<String>,
    after: &Option<String>,
) {
    if after != before {
        match after {
            Some(v) => set(t, key, v.as_str()),
            None => {
                t.remove(key);
            }
        }
    }
}

/// The file's name for a probe's target.
fn target_key(kind: &str) -> &'static str {
    match kind {
        "dns" => "host",
        "http" => "url",
        _ => "addr",
    }
}

/// A probe as written in the file (`{ kind = "dns", host = "..." }`).
pub(crate) fn probe_value(p: &ProbeForm) -> Value {
    let mut inline = InlineTable::new();
    inline.insert("kind", p.kind.as_str().into());
    inline.insert(target_key(&p.kind), p.target.as_str().into());
    for (key, v) in [("expect", &p.expect), ("contains", &p.contains)] {
        if let Some(v) = v {
            inline.insert(key, v.as_str().into());
        }
    }
    Value::InlineTable(inline)
}

/// A status source as written in the file.
pub(crate) fn status_value(s: &StatusForm) -> Value {
    let mut inline = InlineTable::new();
    inline.insert("kind", s.kind.as_str().into());
    for (key, v) in [
        ("url", &s.url),
        ("component", &s.component),
        ("org", &s.org),
        ("service", &s.service),
    ] {
        if let Some(v) = v {
            inline.insert(key, v.as_str().into());
        }
    }
    Value::InlineTable(inline)
}

/// The line break and indentation before a value, without the comments that belong to it.
fn indent_of(value: &Value) -> String {
    let prefix = value
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("");
    match prefix.rfind('\n') {
        Some(at) => format!("\n{}", &prefix[at + 1..]),
        None => prefix.to_string(),
    }
}

fn on_own_line(value: &Value) -> bool {
    let prefix = value
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("");
    prefix.contains('\n')
}

/// One probe per line reads better in a file people also edit by hand.
fn one_per_line(mut probes: Array) -> Array {
    for value in probes.iter_mut() {
        value.decor_mut().set_prefix("\n  ");
    }
    probes.set_trailing("\n");
    probes.set_trailing_comma(true);
    probes
}

fn new_table(form: &ServiceForm) -> Table {
    let mut t = Table::new();
    t.decor_mut().set_prefix("\n");
    t["id"] = toml_edit::value(form.id.as_str());
    t["name"] = toml_edit::value(form.name.as_str());
    if !form.enabled {
        t["enabled"] = toml_edit::value(false);
    }
    if !form.probes.is_empty() {
        let probes: Array = form.probes.iter().map(probe_value).collect();
        t["probes"] = toml_edit::value(one_per_line(probes));
    }
    if let Some(s) = &form.status {
        t["status"] = toml_edit::value(status_value(s));
    }
    t
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::{ProbeForm, Settings, SettingsForm};

    const FILE: &str = "builtins = []\n\n[[services]]\nid = \"shop\"\nprobes = [{ kind = \"tls\", addr = \"shop.test:443\", server_name = \"cdn.test\" }]\n";

    fn edit(text: &str, change: impl FnOnce(&mut Vec<ProbeForm>)) -> String {
        let path = Path::new("config.toml");
        let mut form = SettingsForm::from_settings(&Settings::parse(text, path).unwrap());
        change(&mut form.services[0].probes);
        form.apply(text, path).unwrap().0
    }

    fn probe(kind: &str, target: &str) -> ProbeForm {
        ProbeForm {
            kind: kind.into(),
            target: target.into(),
            expect: None,
            contains: None,
        }
    }

    #[test]
    fn probes_added_to_a_one_line_list_stay_on_it() {
        let text = edit(FILE, |p| p.push(probe("dns", "shop.test")));
        assert!(
            text.ends_with("probes = [{ kind = \"tls\", addr = \"shop.test:443\", server_name = \"cdn.test\" }, { kind = \"dns\", host = \"shop.test\" }]\n"),
            "{text}"
        );
    }

    #[test]
    fn an_unchanged_probe_keeps_its_text_when_another_goes() {
        let two = edit(FILE, |p| p.insert(0, probe("dns", "shop.test")));
        let text = edit(&two, |p| {
            p.remove(0);
        });
        assert_eq!(text, FILE);
    }

    #[test]
    fn a_probe_added_to_a_list_of_lines_gets_a_line_of_its_own() {
        let lines = "[[services]]\nid = \"shop\"\nprobes = [\n  # the CDN\n  { kind = \"tcp\", addr = \"shop.test:443\" },\n]\n";
        let text = edit(lines, |p| p.push(probe("dns", "shop.test")));
        assert_eq!(
            text,
            lines.replace(
                "},\n]",
                "},\n  { kind = \"dns\", host = \"shop.test\" },\n]"
            )
        );
    }

    #[test]
    fn a_changed_kind_makes_a_new_probe() {
        // `server_name` belongs to TLS: carried over to TCP, the file would not load.
        let text = edit(FILE, |p| p[0].kind = "tcp".into());
        assert!(
            text.ends_with("probes = [{ kind = \"tcp\", addr = \"shop.test:443\" }]\n"),
            "{text}"
        );
    }
}
