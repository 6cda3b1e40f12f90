import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalesce } from "../src/lib/coalesce";

describe("coalesce", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs a burst of asks once, after the delay", async () => {
    const task = vi.fn(() => Promise.resolve());
    const c = coalesce(task, 300);
    c.schedule();
    c.schedule();
    await vi.advanceTimersByTimeAsync(299);
    expect(task).not.toHaveBeenCalled();
    c.schedule();
    await vi.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it("never overlaps runs: an ask during a run brings one more run after it", async () => {
    let finish: () => void = () => {};
    const task = vi.fn(() => new Promise<void>((r) => (finish = r)));
    const c = coalesce(task, 100);
    const first = c.run();
    void c.run();
    void c.run();
    expect(task).toHaveBeenCalledTimes(1);
    finish();
    await first;
    await vi.advanceTimersByTimeAsync(100);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it("runs nothing once cancelled", async () => {
    const task = vi.fn(() => Promise.resolve());
    const c = coalesce(task, 10);
    c.schedule();
    c.cancel();
    await vi.advanceTimersByTimeAsync(50);
    await c.run();
    expect(task).not.toHaveBeenCalled();
  });
});
