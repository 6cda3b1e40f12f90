// Where the engine's refusal of a custom service belongs: `services[1].probes[0].target` is
// an input in the editor of the second service in the list (src/config/service_form.rs).

/** What the editor of service i looks like: being added (quick) or its checks listed. */
export interface ServiceShape {
  quick: boolean;
  probes: number;
}

export interface ServiceField {
  /** Index of the service in the list (the order in which they are sent). */
  index: number;
  /** Element id of the input (or group) at fault. */
  id: string;
}

const STATUS_FIELDS = ["kind", "url", "component", "org", "service"] as const;
type StatusField = (typeof STATUS_FIELDS)[number];
const isStatusField = (f: string): f is StatusField => (STATUS_FIELDS as readonly string[]).includes(f);

/** Element ids inside the editor of service `i`. */
export const serviceIds = {
  item: (i: number) => `service-${i}`,
  enabled: (i: number) => `service-${i}-enabled`,
  edit: (i: number) => `service-${i}-edit`,
  remove: (i: number) => `service-${i}-remove`,
  editor: (i: number) => `service-${i}-editor`,
  summary: (i: number) => `service-${i}-summary`,
  name: (i: number) => `service-${i}-name`,
  address: (i: number) => `service-${i}-address`,
  kinds: (i: number) => `service-${i}-kinds`,
  kind: (i: number, kind: string) => `service-${i}-kind-${kind}`,
  preview: (i: number) => `service-${i}-preview`,
  expect: (i: number) => `service-${i}-expect`,
  contains: (i: number) => `service-${i}-contains`,
  probes: (i: number) => `service-${i}-probes`,
  addProbe: (i: number) => `service-${i}-add-probe`,
  probe: (i: number, j: number) => `service-${i}-probe-${j}`,
  probeField: (i: number, j: number, field: "kind" | "target" | "expect" | "contains" | "remove") =>
    `service-${i}-probe-${j}-${field}`,
  status: (i: number, field: StatusField) => `service-${i}-status-${field}`,
};

const KEY = /^services\[(\d+)\](?:\.(.*))?$/;
const PROBE = /^probes\[(\d+)\](?:\.(\w+))?$/;

/**
 * The input a `services[i]...` key is about, given the editors' shapes; null when the key
 * is not about a custom service or names one the list does not have (the message then
 * goes to the top of the page).
 */
export function serviceFieldForKey(key: string | null | undefined, shapes: readonly ServiceShape[]): ServiceField | null {
  const m = KEY.exec((key ?? "").trim());
  if (!m) return null;
  const index = Number(m[1]);
  const shape = shapes[index];
  if (shape === undefined) return null;
  const id = fieldId(index, shape, m[2] ?? "");
  return id === null ? null : { index, id };
}

function fieldId(i: number, shape: ServiceShape, rest: string): string | null {
  const ids = serviceIds;
  // The checks as a whole: the address of a new service, the list of a saved one.
  const checks = shape.quick ? ids.address(i) : ids.probes(i);
  if (rest === "" || rest === "probes") return checks;
  if (rest === "name" || rest === "id") return ids.name(i);
  if (rest === "enabled") return ids.enabled(i);
  if (rest === "status") return ids.status(i, "kind");
  if (rest.startsWith("status.")) {
    const field = rest.slice("status.".length);
    return ids.status(i, isStatusField(field) ? field : "kind");
  }
  const p = PROBE.exec(rest);
  if (!p) return null;
  const j = Number(p[1]);
  const field = p[2] ?? "target";
  if (shape.quick) {
    if (field === "kind") return ids.kinds(i);
    if (field === "expect") return ids.expect(i);
    if (field === "contains") return ids.contains(i);
    return ids.address(i);
  }
  if (j >= shape.probes) return checks;
  if (field === "kind" || field === "expect" || field === "contains") return ids.probeField(i, j, field);
  // `target`, or the file's own spelling (`url`, `host`, `addr`).
  return ids.probeField(i, j, "target");
}
