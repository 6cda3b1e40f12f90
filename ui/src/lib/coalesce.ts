// Many triggers, one run: the histories are fetched once per round even though a round
// brings two events (`observation`, then maybe `status-changed`).

export interface Coalesced {
  /** Asks for a run `delayMs` from the first ask; asks in between join it. */
  schedule(): void;
  /** Runs now (dropping a scheduled run); if a run is going on, one more follows it. */
  run(): Promise<void>;
  cancel(): void;
}

/** Wraps `task` (which must not reject) so that runs never overlap and bursts run once. */
export function coalesce(task: () => Promise<void>, delayMs: number): Coalesced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let stopped = false;

  const schedule = (): void => {
    if (stopped || timer !== undefined) return;
    timer = setTimeout(() => void run(), delayMs);
  };
  const run = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await task();
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      schedule();
    }
  };
  return {
    schedule,
    run,
    cancel() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
