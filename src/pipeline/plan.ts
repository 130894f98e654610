/**
 * Which editions one run builds, from where, to where: every edition in editions/ (oldest
 * first, so that a predecessor's published results exist before the edition that compares with
 * them), or the one named with --edition; each from data/<slug>/ (or --data) into
 * <out>/<slug>/.
 */
import { join, resolve } from 'node:path';
import { alleEdities, editieBestand, editieInvoerPad, leesEditieMap, type EditieMap } from '../edition/editions.ts';
import { checkModelFramesFolder, checkOutputRoot, type GuardContext } from './guard.ts';

export interface EditieBouw {
  editie: EditieMap;
  /** The extract folder. */
  data: string;
  /** The edition's output folder, <out>/<slug>. */
  out: string;
}

export interface PlanOpties {
  /** --edition as given, or undefined for every edition. */
  edition: string | undefined;
  /** --data (only with one edition). */
  data: string | undefined;
  /** The output root. */
  out: string;
  templates: string;
  /** --model-frames (only with one edition). */
  modelFrames?: string | undefined;
  /** --from-results: the results root; no extract folder is then an input. */
  fromResults?: string | undefined;
}

/** The builds of this run, and the guard's context: the inputs no output may touch. */
export async function createPlan(o: PlanOpties, root: string): Promise<{ bouwen: EditieBouw[]; bescherm: GuardContext }> {
  const edities = o.edition === undefined ? await alleEdities(root) : [await leesEditieMap(editieBestand(o.edition, root))];
  const bouwen = edities.map((e) => ({
    editie: e,
    data: o.data ?? join(root, 'data', e.editie.slug),
    out: join(resolve(o.out), e.editie.slug),
  }));
  const bescherm: GuardContext = {
    projectRoot: root,
    invoer: [
      { pad: o.templates, naam: 'de sjablonen (--templates)' },
      ...(o.fromResults ? [{ pad: o.fromResults, naam: 'de map met resultaten (--from-results)' }] : []),
      ...bouwen.flatMap((b) => [
        ...(o.fromResults ? [] : [{ pad: b.data, naam: `de extractmap van de ${b.editie.editie.slug}` }]),
        { pad: editieInvoerPad(b.editie), naam: `de editie ${b.editie.editie.slug}` },
      ]),
    ],
  };
  return { bouwen, bescherm };
}

/** The plan, with every path it writes checked before anything is touched (guard.ts). */
export async function createCheckedPlan(o: PlanOpties, root: string): Promise<EditieBouw[]> {
  const { bouwen, bescherm } = await createPlan(o, root);
  checkOutputRoot(resolve(o.out), bescherm);
  for (const b of bouwen) if (o.modelFrames) checkModelFramesFolder(o.modelFrames, b.out, bescherm);
  return bouwen;
}
