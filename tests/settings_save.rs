//! Saving from the settings window: the user's file is patched, never rewritten.

use std::path::Path;

use outage_radar::config::{save, ProbeForm, SaveError, ServiceForm, SettingsForm, StatusForm};
use outage_radar::Settings;

const FILE: &str = r#"# Outage Radar settings
interval_secs = 60

# Our shop, watched closely.
[[services]]
id = "shop"
name = "Shop"
probes = [
  { kind = "tls", addr = "shop.test:443", server_name = "www.shop.test" }, # the CDN name
  { kind = "dns", host = "shop.test" },
]

# Paused while the provider migrates.
[[services]]
id = "legacy"
name = "Legacy API"
enabled = false # back in May
probes = [{ kind = "tcp", addr = "legacy.test:8443" }]

[[services]]
id = "blog"
name = "Blog" # the marketing one
status = { kind = "statuspage", url = "https://status.blog.test/api/v2/summary.json", component = "Web" }
probes = [{ kind = "http", url = "https://blog.test/", expect = "200-299" }]

[notifications]
quiet_hours = "22:00-07:00"
"#;

/// Writes `text` to a fresh config file, applies `edit` to its form, saves, and returns
/// the file's new text.
fn save_edited(text: &str, edit: impl FnOnce(&mut SettingsForm)) -> Result<String, SaveError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    let mut form = SettingsForm::from_settings(&Settings::load(&path).unwrap());
    edit(&mut form);
    save(&form, &path)?;
    Ok(std::fs::read_to_string(&path).unwrap())
}

fn service<'a>(form: &'a mut SettingsForm, id: &str) -> &'a mut ServiceForm {
    form.services.iter_mut().find(|s| s.id == id).unwrap()
}

/// An edit of the form, and the text it should change in the file (from, to).
type Edit = (fn(&mut SettingsForm), &'static str, &'static str);

#[test]
fn changing_one_value_changes_only_that_value() {
    let cases: [Edit; 5] = [
        (
            |f| service(f, "blog").name = "Marketing Blog".into(),
            "name = \"Blog\"",
            "name = \"Marketing Blog\"",
        ),
        (
            |f| service(f, "shop").probes[0].target = "shop.test:8443".into(),
            "addr = \"shop.test:443\"",
            "addr = \"shop.test:8443\"",
        ),
        (
            |f| service(f, "legacy").enabled = true,
            "enabled = false",
            "enabled = true",
        ),
        (
            |f| service(f, "blog").status.as_mut().unwrap().component = Some("API".into()),
            "component = \"Web\"",
            "component = \"API\"",
        ),
        (
            |f| f.interval_secs = 30,
            "interval_secs = 60",
            "interval_secs = 30",
        ),
    ];
    for (edit, from, to) in cases {
        assert_eq!(FILE.matches(from).count(), 1, "{from}");
        let text = save_edited(FILE, edit).unwrap();
        assert_eq!(text, FILE.replace(from, to));
    }
}

#[test]
fn a_new_service_is_appended_and_the_others_are_untouched() {
    let text = save_edited(FILE, |f| {
        f.services.push(ServiceForm {
            id: String::new(),
            name: "Status Only".into(),
            enabled: true,
            probes: vec![],
            status: Some(StatusForm {
                kind: "metastatus".into(),
                url: None,
                component: None,
                org: Some("facebook-login".into()),
                service: None,
            }),
        })
    })
    .unwrap();
    let added = "\n[[services]]\nid = \"status-only\"\nname = \"Status Only\"\nstatus = { kind = \"metastatus\", org = \"facebook-login\" }\n";
    let (head, tail) = FILE.split_at(FILE.find("\n[notifications]").unwrap());
    assert_eq!(text, format!("{head}{added}{tail}"));
}

#[test]
fn removing_a_service_removes_only_its_table() {
    let text = save_edited(FILE, |f| f.services.retain(|s| s.id != "legacy")).unwrap();
    let start = FILE.find("# Paused").unwrap();
    let end = FILE.find("[[services]]\nid = \"blog\"").unwrap();
    assert_eq!(text, format!("{}{}", &FILE[..start], &FILE[end..]));
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_is_edited_where_it_lives_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let dotfiles = dir.path().join("dotfiles");
    std::fs::create_dir(&dotfiles).unwrap();
    let target = dotfiles.join("outage-radar.toml");
    std::fs::write(&target, FILE).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("config.toml");
    std::os::unix::fs::symlink("dotfiles/outage-radar.toml", &link).unwrap();

    let mut form = SettingsForm::from_settings(&Settings::load(&link).unwrap());
    form.confirm = 4;
    save(&form, &link).unwrap();

    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        FILE.replace("interval_secs = 60\n", "interval_secs = 60\nconfirm = 4\n")
    );
    let mode = std::fs::metadata(&target).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    for d in [dir.path(), dotfiles.as_path()] {
        let temps: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(temps.is_empty(), "{temps:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_private_file_stays_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, FILE).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut form = SettingsForm::from_settings(&Settings::load(&path).unwrap());
    form.confirm = 4;
    save(&form, &path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
}

#[test]
fn a_bad_field_gets_the_message_the_file_would_get() {
    let http = |url: &str, expect: Option<&str>| ProbeForm {
        kind: "http".into(),
        target: url.into(),
        expect: expect.map(Into::into),
        contains: None,
    };
    let blog = |probes: Vec<ProbeForm>, status: Option<StatusForm>| ServiceForm {
        id: "blog".into(),
        name: "Blog".into(),
        enabled: true,
        probes,
        status,
    };
    let metastatus = StatusForm {
        kind: "metastatus".into(),
        url: None,
        component: None,
        org: None,
        service: None,
    };
    // The same service as the form sends it, as a file states it, and the field at fault.
    let cases = [
        (
            blog(vec![http("not a url", None)], None),
            r#"probes = [{ kind = "http", url = "not a url" }]"#,
            "services[0].probes[0].target",
        ),
        (
            blog(vec![http("https://blog.test/", Some("abc"))], None),
            r#"probes = [{ kind = "http", url = "https://blog.test/", expect = "abc" }]"#,
            "services[0].probes[0].expect",
        ),
        (
            blog(
                vec![ProbeForm {
                    kind: "icmp".into(),
                    ..http("blog.test", None)
                }],
                None,
            ),
            r#"probes = [{ kind = "icmp", addr = "blog.test" }]"#,
            "services[0].probes[0].kind",
        ),
        (
            blog(vec![], Some(metastatus)),
            r#"status = { kind = "metastatus" }"#,
            "services[0].status.org",
        ),
        (blog(vec![], None), "", "services[0].probes"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    for (form_service, file_lines, key) in cases {
        let file =
            format!("builtins = []\n[[services]]\nid = \"blog\"\nname = \"Blog\"\n{file_lines}\n");
        let loaded = Settings::parse(&file, Path::new("config.toml")).unwrap_err();
        let mut form =
            SettingsForm::from_settings(&Settings::parse("builtins = []", &path).unwrap());
        form.services.push(form_service);
        let Err(SaveError::Invalid(saved)) = save(&form, &path) else {
            panic!("{key}: the form should be refused");
        };
        assert_eq!(saved.key.as_deref(), Some(key), "{saved}");
        assert_eq!(saved.message, loaded.message, "{key}");
        assert!(!path.exists(), "{key}: nothing is written");
    }
}
