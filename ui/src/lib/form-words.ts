// The engine's refusals are written for the config file ("`probes`", "services[2].name",
// "/home/you/.config/outage-radar/config.toml:12"); the settings window speaks of what the
// form shows. Pure.

/** The file's terms, as the form names them. Longest first: they overlap. */
const TERMS: readonly (readonly [RegExp, string])[] = [
  [/`probes` or a `status` source/g, "checks or a status page"],
  [/`status` source/g, "status page"],
  [/`probes`/g, "checks"],
  [/`status`/g, "status page"],
  [/`interval_secs`/g, "Interval"],
  [/`timeout_ms`/g, "Timeout"],
  [/`slow_ms`/g, "Slow above"],
  [/`confirm`/g, "Confirm after"],
  [/`quiet_hours`/g, "Quiet hours"],
  [/`builtins`/g, "Services"],
  [/`(url|target|addr|host)`/g, "Address"],
];

/** A file path (with its line), which says nothing about the form. */
const PATH = /\s*\(?(?:\/|~\/)[^\s()]*\.toml(?::\d+)?\)?:?/g;

/** A refusal's message in the form's words: its terms, quotes instead of backticks, no file path. */
export function formMessage(message: string): string {
  let out = message;
  for (const [term, words] of TERMS) out = out.replace(term, words);
  out = out.replace(PATH, "");
  out = out.replace(/`([^`]*)`/g, "“$1”");
  return out.trim();
}

/** "Not saved — 1 problem", "Not saved — 3 problems". */
export function notSavedLine(problems: number): string {
  return `Not saved — ${problems} ${problems === 1 ? "problem" : "problems"}`;
}
