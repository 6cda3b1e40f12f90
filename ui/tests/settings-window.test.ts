// The settings window around the form: unsaved changes on close, pausing notifications.

import { emit } from "@tauri-apps/api/event";
import { clearMocks, mockWindows } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  CLOSE_QUESTION,
  PAUSE_MINUTES,
  QUIT_QUESTION,
  RELOAD_QUESTION,
  SAVED_MESSAGE,
  type SettingsPage,
  startSettings,
  UNSAVED_MESSAGE,
} from "../src/settings";
import { EVENTS } from "../src/ipc";
import { at, loadPage, NOW, settingsForm } from "./support";
import { $, click, field, mockSettingsBackend, type SettingsBackend, settingsBackend, shop, tick, type } from "./settings-support";

/** What the window manager's close button does: the backend emits this to the window. */
const closeWindow = () => emit("tauri://close-requested");

describe("the settings window", () => {
  let backend: SettingsBackend;
  let page: SettingsPage;
  let questions: string[];
  let answer: string;

  beforeEach(async () => {
    loadPage("settings.html");
    mockWindows("settings");
    backend = settingsBackend({ form: settingsForm({ services: [shop()] }), path: "/c/config.toml", error: null });
    mockSettingsBackend(backend, () => NOW);
    questions = [];
    answer = "cancel";
    page = await startSettings(document, {
      now: () => NOW,
      choose: <C extends string>(q: { title: string }) => {
        questions.push(q.title);
        return Promise.resolve(answer as C);
      },
    });
  });

  afterEach(async () => {
    await page.stop();
    clearMocks();
  });

  describe("unsaved changes", () => {
    it("none after loading: closing just closes", async () => {
      expect(page.hasUnsavedChanges()).toBe(false);
      await closeWindow();
      await vi.waitFor(() => expect(backend.destroyed).toBe(1));
      expect(questions).toEqual([]);
    });

    it("an edit is noticed, and undoing it too", () => {
      type("interval_secs", "90");
      expect(page.hasUnsavedChanges()).toBe(true);
      expect($("form-status").textContent).toBe(UNSAVED_MESSAGE);
      type("interval_secs", "60");
      expect(page.hasUnsavedChanges()).toBe(false);
      expect($("form-status").textContent).toBe("");
    });

    it("counts services added, removed or switched, and fields typed into an editor", () => {
      click("add-service");
      expect(page.hasUnsavedChanges()).toBe(true);
      click("service-1-remove");
      expect(page.hasUnsavedChanges()).toBe(false);
      tick("service-0-enabled", false);
      expect(page.hasUnsavedChanges()).toBe(true);
      tick("service-0-enabled", true);
      click("service-0-edit");
      type("service-0-probe-1-target", "shop.example");
      expect(page.hasUnsavedChanges()).toBe(true);
      expect($("form-status").textContent).toBe(UNSAVED_MESSAGE);
    });

    it("a close is asked about, and refused when the answer is no", async () => {
      type("quiet_hours", "23:00-06:00");
      await closeWindow();
      await vi.waitFor(() => expect(questions).toEqual([CLOSE_QUESTION.title]));
      await new Promise((r) => setTimeout(r, 0));
      expect(backend.destroyed).toBe(0);
      expect(field("quiet_hours").value).toBe("23:00-06:00");
    });

    it("Quit from the tray quits at once without unsaved changes, and asks first with them", async () => {
      await emit(EVENTS.quitRequested);
      await vi.waitFor(() => expect(backend.quits).toBe(1));
      expect(questions).toEqual([]);

      type("quiet_hours", "23:00-06:00");
      answer = "cancel";
      await emit(EVENTS.quitRequested);
      await vi.waitFor(() => expect(questions).toEqual([QUIT_QUESTION.title]));
      await new Promise((r) => setTimeout(r, 0));
      expect(backend.quits).toBe(1);

      answer = "save";
      await emit(EVENTS.quitRequested);
      await vi.waitFor(() => expect(backend.quits).toBe(2));
      expect(backend.saved.map((f) => f.notifications.quiet_hours)).toEqual(["23:00-06:00"]);
    });

    it("saves, then closes, when the answer is Save", async () => {
      type("quiet_hours", "23:00-06:00");
      answer = "save";
      await closeWindow();
      await vi.waitFor(() => expect(backend.destroyed).toBe(1));
      expect(backend.saved.map((f) => f.notifications.quiet_hours)).toEqual(["23:00-06:00"]);
    });

    it("stays open when Save is refused", async () => {
      backend.refuse = { kind: "config", message: "not a time window", key: "notifications.quiet_hours", line: null };
      type("quiet_hours", "23:00-06:00");
      answer = "save";
      await closeWindow();
      await vi.waitFor(() => expect($("form-status").textContent).toBe("Not saved — 1 problem"));
      expect(backend.destroyed).toBe(0);
    });

    it("closes without saving when the answer is Discard, and does not ask again on unload", async () => {
      type("quiet_hours", "23:00-06:00");
      answer = "discard";
      await closeWindow();
      await vi.waitFor(() => expect(backend.destroyed).toBe(1));
      const unload = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(unload);
      expect(unload.defaultPrevented).toBe(false);
    });

    it("a reload of the page is held back by beforeunload", () => {
      const clean = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(clean);
      expect(clean.defaultPrevented).toBe(false);
      tick("start_at_login", true);
      const dirty = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(dirty);
      expect(dirty.defaultPrevented).toBe(true);
    });

    it("saving makes the form clean", async () => {
      type("confirm", "3");
      click("save");
      await vi.waitFor(() => expect($("form-status").textContent).toBe(SAVED_MESSAGE));
      expect(page.hasUnsavedChanges()).toBe(false);
      await closeWindow();
      await vi.waitFor(() => expect(backend.destroyed).toBe(1));
      expect(questions).toEqual([]);
    });

    it("a number that is not whole still counts as a change", () => {
      type("timeout_ms", "1.5");
      expect(page.hasUnsavedChanges()).toBe(true);
    });

    it("reading the file again asks before dropping edits", async () => {
      backend.state = { ...backend.state, error: "config.toml:1: oops" };
      type("interval_secs", "90");
      click("reload");
      await vi.waitFor(() => expect(questions).toEqual([RELOAD_QUESTION.title]));
      expect(field("interval_secs").value).toBe("90");
      answer = "reload";
      click("reload");
      await vi.waitFor(() => expect(field("interval_secs").value).toBe("60"));
    });
  });

  describe("pause", () => {
    it("shows that notifications are on, and pauses for an hour", async () => {
      await vi.waitFor(() => expect($("pause-status").textContent).toBe("Notifications are on."));
      expect($<HTMLButtonElement>("resume").disabled).toBe(true);
      click("pause-1h");
      await vi.waitFor(() => expect($("pause-status").textContent).toBe("Notifications paused until 12:00."));
      expect(backend.pauses).toEqual([PAUSE_MINUTES]);
      expect($<HTMLButtonElement>("resume").disabled).toBe(false);
      $("resume").focus();
      click("resume");
      await vi.waitFor(() => expect($("pause-status").textContent).toBe("Notifications are on."));
      expect(backend.pauses).toEqual([60, null]);
      // Resume turns off; the keyboard focus is not lost with it.
      expect(document.activeElement).toBe($("pause-1h"));
      // Pausing is not an unsaved change.
      expect(page.hasUnsavedChanges()).toBe(false);
    });

    it("follows a pause set from the tray at once, through the pause-changed event", async () => {
      await vi.waitFor(() => expect($("pause-status").textContent).toBe("Notifications are on."));
      await emit(EVENTS.pauseChanged, at(11, 42));
      await vi.waitFor(() => expect($("pause-status").textContent).toBe("Notifications paused until 11:42."));
      expect($<HTMLButtonElement>("resume").disabled).toBe(false);
      await emit(EVENTS.pauseChanged, null);
      await vi.waitFor(() => expect($("pause-status").textContent).toBe("Notifications are on."));
    });

    it("picks up a pause set from the tray when the window gets focus", async () => {
      backend.pausedUntil = at(11, 42);
      window.dispatchEvent(new Event("focus"));
      await vi.waitFor(() => expect($("pause-status").textContent).toBe("Notifications paused until 11:42."));
    });
  });
});
