import type { Thema } from '../indicators/definitions.ts';

/**
 * The themes in the order of the report: the appendix of indicators and the comparison chapter
 * follow it (the comparison has no samenhang series, src/vergelijking/vergelijk.ts).
 */
export const THEMAS: readonly Thema[] = ['id', 'werk_inkomen', 'huisvesting', 'schulden', 'zorg', 'samenhang', 'recidive'];
