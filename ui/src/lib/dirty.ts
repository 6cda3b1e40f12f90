// Whether the form holds changes that Save would write: compared as the backend would
// write them, so reverting an edit makes the form clean again.

import type { SettingsForm } from "../ipc";
import { optional } from "./address";
import { sameControls } from "./control-keys";
import { sameService } from "./service-draft";

/**
 * Whether Save would change something: `saved` is the form as loaded (null before it is),
 * `edited` the form as read back (null when a number field holds something not a number).
 */
export function hasUnsavedChanges(saved: SettingsForm | null, edited: SettingsForm | null): boolean {
  if (saved === null) return false; // nothing loaded, nothing to lose
  if (edited === null) return true; // something was typed that is not even a number
  return !sameSettings(saved, edited);
}

export function sameSettings(a: SettingsForm, b: SettingsForm): boolean {
  const sorted = (ids: string[]) => [...ids].sort().join("\n");
  return (
    a.interval_secs === b.interval_secs &&
    a.confirm === b.confirm &&
    a.timeout_ms === b.timeout_ms &&
    a.slow_ms === b.slow_ms &&
    sorted(a.builtins) === sorted(b.builtins) &&
    a.notifications.enabled === b.notifications.enabled &&
    a.notifications.recovery === b.notifications.recovery &&
    a.notifications.degraded === b.notifications.degraded &&
    optional(a.notifications.quiet_hours) === optional(b.notifications.quiet_hours) &&
    a.start_at_login === b.start_at_login &&
    sameControls(a.connectivity, b.connectivity) &&
    a.services.length === b.services.length &&
    a.services.every((s, i) => {
      const other = b.services[i];
      return other !== undefined && sameService(s, other);
    })
  );
}
