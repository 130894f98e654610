/** Types of ./bundel.mjs for the TypeScript that imports it (tests/run.ts, bench/build.ts). */

/** Marks the bundle's folder for src/util/worker.ts (globalThis[BUNDEL] = the folder's URL). */
export declare const BUNDEL: symbol;

/** The bundle of the code as it is now, made when missing: its folder's URL, or undefined when none can be made. */
export declare function bundelMap(): Promise<string | undefined>;

/** Bundle `ingangen` (paths relative to the project, or output name -> path) into `outdir` as .mjs files; a path `a/b.ts` becomes `<outdir>/a/b.mjs`. */
export declare function bundelNaar(ingangen: readonly string[] | Readonly<Record<string, string>>, outdir: string): Promise<void>;
