/**
 * The stage table of the build (./build.ts): every stage, in order, with the Dutch label the
 * progress lines show and whether it runs for a given build. The progress numbers come from
 * this table: the stages that run are numbered 1, 2, 3, … in table order, so a build without
 * PDFs, one from a results folder and the results stage each count without gaps.
 */
import { InternalError } from '../util/errors.ts';

/** Side effects the build needs from outside: logging and the clock (for durations only). */
export interface Effects {
  log: (line: string) => void;
  now: () => number;
  /** Called when a stage starts (a terminal shows it while it runs; see src/cli/progress.ts). */
  begin?: (nr: number, naam: string) => void;
  /**
   * Called with each document just before it is printed (its HTML and the folder its relative
   * links resolve against, inside the build's temporary folder). For bench/build.ts, which prints
   * the same documents once with a bare browser to measure the floor.
   */
  teDrukken?: (soort: 'monitor' | 'kamerbrief', html: string, basis: string) => void;
}

export const defaultEffects: Effects = {
  log: (line) => process.stderr.write(`${line}\n`),
  now: () => performance.now(),
};

/** What decides which stages run: the build's options, reduced to three questions. */
export interface StageConditions {
  /** Steps 1–4 are read from a results folder (--from-results) instead of computed. */
  fromResults: boolean;
  /** Only the publishable results are made (--stage resultaten). */
  resultsOnly: boolean;
  /** The PDFs are printed. */
  pdf: boolean;
}

interface Stage {
  readonly id: StageId;
  readonly label: string;
  readonly runs: (c: StageConditions) => boolean;
}

const fromExtracts = (c: StageConditions) => !c.fromResults;
const publication = (c: StageConditions) => !c.resultsOnly;
const printing = (c: StageConditions) => !c.resultsOnly && c.pdf;

/** The stages, in the order they run (the letter's and the monitor's prints run side by side). */
const STAGES = [
  { id: 'load', label: 'Extracten laden en valideren', runs: fromExtracts },
  { id: 'readResults', label: 'Resultaten lezen', runs: (c) => c.fromResults },
  { id: 'indicators', label: 'Indicatoren berekenen', runs: fromExtracts },
  { id: 'disclosure', label: 'Onthullingscontrole', runs: fromExtracts },
  { id: 'models', label: 'Modellen schatten', runs: fromExtracts },
  { id: 'placeResults', label: 'Resultaten op hun plaats zetten', runs: (c) => c.resultsOnly },
  { id: 'charts', label: 'Figuren renderen', runs: publication },
  { id: 'chapters', label: 'Hoofdstukken vullen', runs: publication },
  { id: 'letter', label: 'Kamerbrief schrijven', runs: publication },
  { id: 'html', label: 'HTML opmaken', runs: publication },
  { id: 'web', label: 'Webeditie schrijven', runs: publication },
  { id: 'printMonitor', label: 'PDF drukken', runs: printing },
  { id: 'printBrief', label: 'PDF drukken (Kamerbrief)', runs: printing },
  { id: 'manifest', label: 'Manifest schrijven', runs: publication },
  { id: 'place', label: 'Uitvoer op zijn plaats zetten', runs: publication },
] as const satisfies readonly { id: string; label: string; runs: (c: StageConditions) => boolean }[];

export type StageId = (typeof STAGES)[number]['id'];

/** The stages of one build, numbered; `run` runs one and reports it. */
export class StagePlan {
  private readonly numbers = new Map<StageId, number>();

  constructor(
    conditions: StageConditions,
    private readonly fx: Effects,
  ) {
    (STAGES as readonly Stage[]).filter((s) => s.runs(conditions)).forEach((s, i) => this.numbers.set(s.id, i + 1));
  }

  /** Whether the stage runs in this build. */
  has(id: StageId): boolean {
    return this.numbers.has(id);
  }

  /** The progress number of a stage of this build. */
  number(id: StageId): number {
    const nr = this.numbers.get(id);
    if (nr === undefined) throw new InternalError(`stap ${id} hoort niet bij deze bouw`);
    return nr;
  }

  /** The numbers of a run of stages as the progress shows them, e.g. `1–4`. */
  range(first: StageId, last: StageId): string {
    return `${this.number(first)}–${this.number(last)}`;
  }

  /** Run one stage, reporting its number, label, duration and (`summary`) what it produced. */
  async run<T>(id: StageId, work: () => Promise<T>, summary?: (t: T) => string): Promise<T> {
    const nr = this.number(id);
    const label = STAGES.find((s) => s.id === id)!.label;
    await testPause(nr);
    const start = this.fx.now();
    this.fx.begin?.(nr, label);
    const result = await work();
    const sec = ((this.fx.now() - start) / 1000).toFixed(1).replace('.', ',');
    this.fx.log(`${nr}. ${label} (${sec} s)${summary ? `: ${summary(result)}` : ''}`);
    return result;
  }
}

/**
 * Test-only hook (tests/cli/signals.test.ts): with MONITOR_TEST_PAUZE=<n> a build stops before
 * stage n, says so on stderr and waits there, so that a test can interrupt it at that stage
 * without depending on timing. Not an option for users; unset, it does nothing.
 */
async function testPause(nr: number): Promise<void> {
  if (process.env.MONITOR_TEST_PAUZE !== String(nr)) return;
  process.stderr.write(`(test) wacht voor stap ${nr}\n`);
  await new Promise<never>(() => setInterval(() => undefined, 60_000));
}
