//! Every selector and every word the WebDriver tests look for, in one place: the dashboard
//! and settings pages are being rewritten, so when they change, only this file should.
//!
//! Relied on (semantic, expected to survive a rewrite):
//! - dashboard: a service's card is the first element with `data-service="<id>"`; among its
//!   texts are the state word on its own ("Up", "Down", maybe after an icon) and, when down,
//!   the cause in words ("Server errors (HTTP 503)");
//! - the pages' titles "Outage Radar" and "Outage Radar — Settings" (as the windows');
//! - settings: the interval input `#interval_secs`; the submit button whose text is "Save";
//! - Quit from the tray with unsaved settings: an `alertdialog` asking "Save your changes
//!   before quitting?" with the buttons "Quit without saving" and "Cancel";
//! - connection checks: row j's kind `#control-j-kind`, address `#control-j-target` and its
//!   message `#control-j-target-error`;
//! - custom services: a button "Add a service", inputs found
//!   by their label text ("Name", "URL or host"), and the error shown at the field the way the
//!   other fields do it: `aria-invalid="true"` and a message element named in
//!   `aria-describedby`.

use crate::wd::By;

/// The pages' `<title>`s.
pub const DASHBOARD_TITLE: &str = "Outage Radar";
pub const SETTINGS_TITLE: &str = "Outage Radar — Settings";

/// A service's card on the dashboard (the first match is the card itself, not a part of it).
pub fn service_card(id: &str) -> By {
    By::css(format!("[data-service=\"{id}\"]"))
}

/// The state words on a card (a word as well as a colour and an icon).
pub const WORD_UP: &str = "Up";
pub const WORD_DOWN: &str = "Down";
/// The cause of an HTTP 503 in words, as the engine says it (tray and CLI say the same).
pub const CAUSE_503: &str = "Server errors (HTTP 503)";

/// The texts of an element, one per text node, trimmed. (WebDriver's element text glues
/// the card's parts together, "✓Upsince 10:42", when they are laid out side by side.)
pub const TEXTS_SCRIPT: &str = r#"
const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
const texts = [];
while (walker.nextNode()) {
  const text = walker.currentNode.textContent.trim();
  if (text) texts.push(text);
}
return texts;
"#;

/// Whether a card's texts show the service up: the word "Up" on its own (beside an icon),
/// and no cause line. (The chart's summary may still name past failures.)
pub fn card_up(texts: &[String]) -> bool {
    has_text(texts, WORD_UP) && !texts.iter().any(|t| t == CAUSE_503)
}

/// Whether a card's texts show the service down because of the 503s: "Down" and the cause
/// on a line of its own.
pub fn card_down(texts: &[String]) -> bool {
    has_text(texts, WORD_DOWN) && texts.iter().any(|t| t == CAUSE_503)
}

/// A text that is `word`, possibly after an icon ("✓ Up").
fn has_text(texts: &[String], word: &str) -> bool {
    texts.iter().any(|t| {
        t.strip_suffix(word)
            .is_some_and(|icon| !icon.chars().any(char::is_alphanumeric))
    })
}

/// The settings' interval field.
pub fn interval() -> By {
    By::css("#interval_secs")
}

/// What the save button says when it is not busy saving.
pub const SAVE: &str = "Save";

/// The settings' save button, by what it says.
pub fn save_button() -> By {
    button(SAVE)
}

/// A button by its text.
pub fn button(text: &str) -> By {
    By::xpath(format!("//button[normalize-space()='{text}']"))
}

/// The custom services editor's "add" button.
pub fn add_service_button() -> By {
    button("Add a service")
}

/// The last input labelled `label` (a new service's row is the last one): by `<label for>`,
/// by an enclosing `<label>`, or by `aria-label`.
pub fn last_input_labelled(label: &str) -> By {
    By::xpath(format!(
        "(//input[@id=//label[normalize-space()='{label}']/@for] \
         | //label[normalize-space(text())='{label}']//input \
         | //input[@aria-label='{label}'])[last()]"
    ))
}

/// The custom service fields the test fills in.
pub const LABEL_SERVICE_NAME: &str = "Name";
pub const LABEL_SERVICE_TARGET: &str = "URL or host";

/// Reads what a field says about itself: whether it is `aria-invalid`, and the visible text
/// of the elements its `aria-describedby` names (its help and its error message).
pub const FIELD_ERROR_SCRIPT: &str = r#"
const input = arguments[0];
const ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
const texts = ids
  .map((id) => document.getElementById(id))
  .filter((el) => el && !el.hidden && el.offsetParent !== null)
  .map((el) => el.textContent.trim())
  .filter(Boolean);
return { invalid: input.getAttribute("aria-invalid") === "true", message: texts.join(" ") };
"#;

/// Row `j` of the settings' connection checks: its kind (a select) and its address.
pub fn control_kind(j: usize) -> By {
    By::css(format!("#control-{j}-kind"))
}

pub fn control_target(j: usize) -> By {
    By::css(format!("#control-{j}-target"))
}

/// The message the page shows at row `j`'s address when a save is refused.
pub fn control_target_error(j: usize) -> By {
    By::css(format!("#control-{j}-target-error"))
}

/// What the engine says of an address without a port (the form quotes the value).
pub const NOT_HOST_PORT: &str = "“127.0.0.1” is not host:port";

/// The tray menu's last item.
pub const QUIT: &str = "Quit";

/// The page's own question (an `alertdialog`), and what Quit with unsaved settings asks.
pub fn dialog() -> By {
    By::css("[role=\"alertdialog\"]")
}

pub const QUIT_QUESTION: &str = "Save your changes before quitting?";
pub const QUIT_WITHOUT_SAVING: &str = "Quit without saving";
pub const CANCEL: &str = "Cancel";
