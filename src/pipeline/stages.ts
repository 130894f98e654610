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
   * Called when a stage's work is done, before its line is written (which may wait for a stage
   * that runs beside it; see StagePlan). For bench/build.ts, which times every stage.
   */
  end?: (nr: number) => void;
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
  /** The lines not yet written, in order: from the first stage running beside the others on. */
  private readonly lines: Line[] = [];
  /** A stage that ran beside the others failed: nothing more is written. */
  private silent = false;

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
    return (await this.begin(id, work, summary, false)).result;
  }

  /**
   * Start a stage that runs beside the stages after it (the charts, in a worker thread, beside
   * the chapters): it waits for the test pause and reports its begin like `run`, then returns at
   * once with its result to come. Its line still comes first: the lines of the stages started
   * after it, and the warnings logged meanwhile (`log`), wait until it has written its own, so
   * the progress reads in the order of the stage table. Each line's time is that stage's own,
   * from its start to its end; for stages that ran side by side these overlap, so they add up to
   * more than the build took. When such a stage fails, the lines after it are left out, as if
   * the stages after it had not run (the build reports its error).
   */
  async beside<T>(id: StageId, work: () => Promise<T>, summary?: (t: T) => string): Promise<{ result: Promise<T> }> {
    return this.begin(id, work, summary, true);
  }

  /** A line between the stages' lines (a warning), in its place among them. */
  log(text: string): void {
    this.write(undefined, text);
  }

  private async begin<T>(id: StageId, work: () => Promise<T>, summary: ((t: T) => string) | undefined, beside: boolean): Promise<{ result: Promise<T> }> {
    const nr = this.number(id);
    const label = STAGES.find((s) => s.id === id)!.label;
    await testPause(nr);
    // A stage beside the others keeps its place from its start; the others' lines take theirs when they end.
    const line: Line | undefined = beside ? {} : undefined;
    if (line) this.lines.push(line);
    const start = this.fx.now();
    this.fx.begin?.(nr, label);
    const result = (async () => {
      try {
        const t = await work();
        this.fx.end?.(nr);
        const sec = ((this.fx.now() - start) / 1000).toFixed(1).replace('.', ',');
        this.write(line, `${nr}. ${label} (${sec} s)${summary ? `: ${summary(t)}` : ''}`);
        return t;
      } catch (e) {
        if (line) this.fail(line);
        throw e;
      }
    })();
    if (beside) result.catch(() => undefined); // the build awaits it later and reports its failure then
    return { result };
  }

  /** Write a line, or queue it behind a stage that runs beside the others and has not written its own. */
  private write(line: Line | undefined, text: string): void {
    // After a failure only a line still waiting before the failed stage's is written.
    if (this.silent && !(line && this.lines.includes(line))) return;
    if (line) line.text = text;
    else this.lines.push({ text });
    while (this.lines[0]?.text !== undefined) this.fx.log(this.lines.shift()!.text!);
  }

  /** A stage beside the others failed: the lines after its own are left out, as if their stages had not run. */
  private fail(line: Line): void {
    const i = this.lines.indexOf(line);
    if (i >= 0) this.lines.splice(i);
    this.silent = true;
  }
}

/** A line waiting to be written: a stage's (undefined while the stage runs beside the others) or a warning. */
interface Line {
  text?: string;
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
