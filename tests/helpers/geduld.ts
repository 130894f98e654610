/**
 * How long a test waits for something that must happen, at most: a safety net against a hang,
 * never a measure of speed. A loaded machine (a build beside the suite, two test files at once
 * on two cores) can be many times slower than a quiet one, so it is minutes, not seconds. Use it
 * for `wachtOp` and for a test's `{ timeout }`; a check that something happens *promptly* is
 * made by what can be observed (an exit status, a message, what is left), not by the clock.
 */
export const GEDULD = 5 * 60_000;
