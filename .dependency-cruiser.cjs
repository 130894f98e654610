/**
 * The layers of src/, bottom to top, and the rules that keep imports pointing down.
 * See CONTRIBUTING.md ("Layers") for the drawing and the reasons.
 *
 * A module may import from its own folder and from any folder in a lower layer, never from a
 * higher one; within a layer, folders only import each other where `within` below allows it.
 */
const LAYERS = [
  ['util'],
  ['vocabulary'],
  ['text'],
  ['extracts', 'edition'],
  ['synth', 'disclosure'],
  ['indicators', 'models'],
  ['results'],
  ['vergelijking'],
  ['charts'],
  ['chapters'],
  ['html'],
  ['letter'],
  ['review', 'web', 'pdf'],
  ['pipeline'],
  ['cli'],
];

/** Imports between folders of one layer that are allowed: [from, to]. */
const WITHIN = [
  ['edition', 'extracts'], // an edition names the extracts it reads
];

const folder = (f) => `^src/${f}/`;
const forbidden = [
  {
    name: 'no-circular',
    comment: 'Modules import each other in one direction only.',
    severity: 'error',
    from: {},
    to: { circular: true },
  },
  {
    name: 'not-to-test',
    comment: 'Code under src/ never imports tests.',
    severity: 'error',
    from: { path: '^src/' },
    to: { path: '^tests/' },
  },
];
LAYERS.forEach((layer, i) => {
  const higher = LAYERS.slice(i + 1).flat();
  if (higher.length === 0) return;
  forbidden.push({
    name: `layer-${layer.join('-')}`,
    comment: `${layer.join(', ')} may not import a higher layer (${higher.join(', ')}).`,
    severity: 'error',
    from: { path: `^src/(${layer.join('|')})/` },
    to: { path: `^src/(${higher.join('|')})/` },
  });
  for (const a of layer)
    for (const b of layer)
      if (a !== b && !WITHIN.some(([x, y]) => x === a && y === b))
        forbidden.push({
          name: `sideways-${a}-${b}`,
          comment: `${a} and ${b} are in the same layer; ${a} may not import ${b}.`,
          severity: 'error',
          from: { path: folder(a) },
          to: { path: folder(b) },
        });
});

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
