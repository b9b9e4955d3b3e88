// A .cpuprofile (V8's and JSC's shape) read as timed stacks, and the window
// of it that a load run covered.
import { readFileSync } from 'node:fs';
import type { Frame } from './classify.ts';

interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Sample {
  /** Microseconds from the profile's start. */
  at: number;
  /** Microseconds of CPU this sample stands for. */
  micros: number;
  stack: Frame[];
}

/**
 * Each sample stands for the time until the next one, capped at `capIntervals`
 * sampling intervals: a longer gap is time the profiler did not see (idle, or
 * on JSC native code outside JavaScript, which it does not sample).
 */
export function readProfile(file: string, intervalMicros: number, capIntervals: number): Sample[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const parent = new Map<number, ProfileNode>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const stacks = new Map<number, Frame[]>();
  const stackOf = (id: number) => {
    let stack = stacks.get(id);
    if (!stack) {
      stack = [];
      for (let node = byId.get(id); node; node = parent.get(node.id)) stack.push(node.callFrame);
      stacks.set(id, stack);
    }
    return stack;
  };
  const samples: Sample[] = [];
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const next = profile.timeDeltas[i + 1] ?? intervalMicros;
    samples.push({ at, micros: Math.min(next, capIntervals * intervalMicros), stack: stackOf(profile.samples[i]!) });
  }
  return samples;
}

/**
 * The samples of the last busy stretch at least `minMicros` long: the measured
 * load, after start-up, the warm-up and the pause between them, and before the
 * shutdown. Busy means a quarter-second slice with at least `busyShare` of the
 * non-idle time the busiest slices have: relative, because the process may not
 * have its core to itself.
 */
export function lastBusyStretch(samples: readonly Sample[], minMicros: number, isIdle: (sample: Sample) => boolean, busyShare: number): Sample[] {
  const slice = 250_000;
  const busy = new Map<number, number>();
  for (const sample of samples) if (!isIdle(sample)) busy.set(Math.floor(sample.at / slice), (busy.get(Math.floor(sample.at / slice)) ?? 0) + sample.micros);
  const last = Math.floor((samples.at(-1)?.at ?? 0) / slice);
  const busiest = [...busy.values()].toSorted((a, b) => a - b)[Math.floor(busy.size * 0.9)] ?? 0;
  const isBusy = (index: number) => (busy.get(index) ?? 0) >= busiest * busyShare;
  for (let end = last; end >= 0; end--) {
    if (!isBusy(end)) continue;
    let start = end;
    while (start > 0 && isBusy(start - 1)) start--;
    if ((end - start + 1) * slice >= minMicros) return samples.filter((s) => s.at >= start * slice && s.at < (end + 1) * slice);
    end = start;
  }
  throw new Error('no stretch of load found in the profile');
}
