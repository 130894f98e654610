/**
 * What each event of the chain does to the situation (the numbering is that of rates.ts), and
 * the chain itself: a continuous-time Markov chain run from the current day up to the next
 * instroom. The draws happen in a fixed order, event by event, so a seed gives one life.
 */
import { BENEFIT, HOUSING } from './params.ts';
import { BRIEF, INST, type LifeState } from './life-state.ts';
import { computeRates, N_EVENTS } from './rates.ts';

type Event = (s: LifeState, d: number) => void;

function startJob(s: LifeState, d: number): void {
  s.openJob(d);
  if (s.ben !== null && s.rng.chance(BENEFIT.pEndAtJobStart)) s.closeBen(Math.max(s.ben.begin, d - 1));
}

function endJob(index: number): Event {
  return (s, d) => {
    const job = s.jobs[index]!;
    s.closeJob(job, d);
    if (s.jobs.length === 0 && s.ben === null && d + 1 < s.day65 && s.rng.chance(BENEFIT.pWwAfterJob)) {
      s.openBen('werkloosheid', d + 1);
    }
  };
}

/** A new woonadres (a move, or settling after instelling, briefadres or geen_inschrijving). */
function move(s: LifeState, d: number): void {
  const young = (d - s.birth) / 365.25 < 25;
  const cat = s.rng.pick(young ? HOUSING.householdYoung : HOUSING.household);
  if (s.house !== null) s.closeHouse(d - 1);
  s.openHouse(cat, s.addressFor(cat), d);
}

/** Another household at the same woonadres. */
function changeHousehold(s: LifeState, d: number): void {
  const h = s.house;
  if (h === null) return;
  const young = (d - s.birth) / 365.25 < 25;
  let cat = s.rng.pick(young ? HOUSING.householdYoung : HOUSING.household);
  if (cat === h.cat) cat = (cat + 1 + s.rng.int(0, 2)) % 4;
  s.closeHouse(d - 1);
  s.openHouse(cat, h.adres, d);
}

function moveTo(cat: number): Event {
  return (s, d) => {
    if (s.house !== null) s.closeHouse(d - 1);
    s.openHouse(cat, s.addressFor(cat), d);
  };
}

const EVENTS: readonly Event[] = [
  startJob,
  (s, d) => s.openJob(d),
  endJob(0),
  endJob(1),
  (s, d) => s.openBen(s.uitkeringSoort((d - s.birth) / 365.25), d),
  (s, d) => s.closeBen(d),
  move,
  changeHousehold,
  (s, d) => {
    if (s.house !== null) s.closeHouse(d - 1);
  },
  moveTo(BRIEF),
  moveTo(INST),
  move,
  (s, d) => {
    s.wanb = d;
  },
  (s, d) => {
    s.emit('wanbetalers', s.pid, s.wanb, d);
    s.wanb = -1;
  },
  (s, d) => {
    s.edu = d;
  },
  (s, d) => s.closeEdu(d),
  (s, d) => {
    s.ggz = d;
  },
  (s, d) => s.closeCare('ggz', d),
  (s, d) => {
    s.vz = d;
  },
  (s, d) => s.closeCare('verslavingszorg', d),
  (s) => {
    s.idValid = true;
  },
  (s) => {
    s.idValid = false;
  },
  (s, d) => s.addCase(d, false),
];

function apply(s: LifeState, e: number, d: number): void {
  const h = s.house;
  // Address changes need a day after the current spell began (spells may not overlap).
  if (e >= 6 && e <= 11 && ((h !== null && d <= h.begin) || d < s.houseFreeFrom)) return;
  EVENTS[e]!(s, d);
}

/** One buffer for every life: a chain runs synchronously and computeRates fills every entry. */
const rates = new Float64Array(N_EVENTS);

/** Run the chain from s.t up to (not including) `end`. */
function chain(s: LifeState, end: number): void {
  const rng = s.rng;
  const r = rates;
  let t = s.t;
  for (;;) {
    const total = computeRates(s, Math.floor(t), r);
    t += rng.exp1() / total;
    if (t >= end) break;
    let u = rng.uniform() * total;
    let e = 0;
    for (; e < N_EVENTS - 1; e++) {
      u -= r[e]!;
      if (u < 0) break;
    }
    s.t = t;
    apply(s, e, Math.floor(t));
  }
  s.t = end;
}

/**
 * Run the chain from s.t up to (not including) `to`, or until the life stops; `instroom`: `to`
 * is the next instroom (the rates change in the months before it).
 */
export function advance(s: LifeState, to: number, instroom = true): void {
  s.volgendeInstroom = instroom ? to : Infinity;
  const end = Math.min(to, s.stop);
  if (s.t >= end) return;
  if (s.t < s.day65 && s.day65 < end) {
    chain(s, s.day65);
    if (s.ben !== null) s.closeBen(s.day65 - 1);
  }
  chain(s, end);
}
