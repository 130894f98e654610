/**
 * The CPU time of everything a command started, the processes nobody waited for included.
 *
 * Why not GNU time alone: it reports what the command and the children it waited for used
 * (wait4's rusage). Chromium's helper processes (the zygotes, the renderers) often outlive the
 * browser by a moment; then they are reaped by init and their CPU is counted by nobody. For the
 * test file of the web edition (tests/web/browser.test.ts) GNU time said 20 CPU-s where the
 * kernel's process accounting (acct) counted 68, 61 of them Chromium's.
 *
 * How: the command gets an environment variable with a token of its own, which every process it
 * starts inherits (puppeteer hands its environment to the browser, the browser to its helpers).
 * Every `interval` ms every process in /proc whose environment holds the token, or whose parent
 * is one of the command's, is read: its own user and system time (/proc/<pid>/stat, fields 14
 * and 15). The sum of the last value seen per
 * process is a lower bound: it misses what a process used after its last reading and the
 * processes that lived less than one interval; the result is therefore reported beside GNU
 * time's, and the larger of the two is the better estimate. Linux only: elsewhere `meet` gives
 * no figure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

/** The name of the environment variable that marks a measured command's processes. */
export const MERK = 'MONITOR_BENCH_CPU';

/** Clock ticks per second of /proc/<pid>/stat's times, asked once per process. */
let kloktikken: number | undefined;
function ticks(): number {
  if (kloktikken === undefined) {
    try {
      kloktikken = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      kloktikken = 100;
    }
  }
  return kloktikken;
}

/** A process as /proc/<pid>/stat shows it: its parent, identity (pid and start time) and own CPU so far (ticks). */
interface Stat {
  ppid: string;
  sleutel: string;
  ticks: number;
}

function stat(pid: string): Stat | undefined {
  try {
    const tekst = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const velden = tekst.slice(tekst.lastIndexOf(')') + 2).split(' ');
    // velden[0] is field 3: ppid is field 4, utime and stime 14 and 15, starttime 22.
    return { ppid: velden[1]!, sleutel: `${pid}:${velden[19]}`, ticks: Number(velden[11]) + Number(velden[12]) };
  } catch {
    return undefined; // ended meanwhile
  }
}

function heeftMerk(pid: string, merk: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(merk);
  } catch {
    return false; // ended meanwhile, or not ours to read
  }
}

export interface CpuMeter {
  /** Environment to start the command with (the token), merged over `process.env`. */
  readonly env: NodeJS.ProcessEnv;
  /** The process ids seen so far as the command's. */
  pids(): number[];
  /** Stop reading; the CPU seconds seen, or undefined where /proc cannot be read. */
  stop(): number | undefined;
}

/** Start measuring the processes of a command that will be started with `env`. */
export function meet(interval = 50): CpuMeter {
  const token = `${MERK}=${randomUUID()}`;
  const env = { ...process.env, [MERK]: token.slice(MERK.length + 1) };
  let proc: boolean;
  try {
    readdirSync('/proc/self');
    proc = true;
  } catch {
    proc = false;
  }
  const gezien = new Map<string, number>();
  /** Whether a process (by identity) is the command's: known once asked. */
  const ons = new Map<string, boolean>();
  const lezen = () => {
    const alle = new Map<string, Stat>();
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const s = stat(pid);
      if (s) alle.set(pid, s);
    }
    // Ours: the token in its environment, or a parent that is ours (when first seen). Chromium
    // overwrites its helpers' environment with their process titles, so they are known by
    // their parent; once known they stay ours after the browser ends and init adopts them.
    const isOns = (pid: string, diepte = 0): boolean => {
      const s = alle.get(pid);
      if (!s) return false;
      let v = ons.get(s.sleutel);
      if (v === undefined) {
        v = heeftMerk(pid, token) || (diepte < 64 && s.ppid !== '0' && isOns(s.ppid, diepte + 1));
        ons.set(s.sleutel, v);
      }
      return v;
    };
    for (const [pid, s] of alle) if (isOns(pid)) gezien.set(s.sleutel, s.ticks);
  };
  const timer = proc ? setInterval(lezen, interval) : undefined;
  return {
    env,
    pids: () => [...new Set([...gezien.keys()].map((k) => Number(k.split(':')[0])))],
    stop() {
      if (!timer) return undefined;
      clearInterval(timer);
      lezen();
      let som = 0;
      for (const t of gezien.values()) som += t;
      return som / ticks();
    },
  };
}
