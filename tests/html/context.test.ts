import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { createRegister, where, type ChapterContext } from '../../src/html/context.ts';
import { markdownProcessor } from '../../src/html/processor.ts';
import { InternalError } from '../../src/util/errors.ts';

function chapter(markdown: string, sources?: ChapterContext['sources']): VFile {
  const print: ChapterContext = {
    register: createRegister({ numbering: 'hoofdstuk', readAsset: () => '' }),
    index: 0,
    kind: 'hoofdstuk',
    number: '1',
    counters: { fig: 0, tab: 0 },
    idPrefix: 'h1-',
    ...(sources ? { sources } : {}),
  };
  return new VFile({ path: '/tmp/build/monitor/01-x.md', value: markdown, data: { print } });
}

describe('where', () => {
  it('is the Markdown file at the point when the chapter has no templates', () => {
    assert.deepEqual(where(chapter('# X\n'), { line: 1, column: 3 }), { file: '/tmp/build/monitor/01-x.md', line: 1, column: 3 });
  });

  it('is the template line where the text is written, else the templates with the generated line in words', () => {
    const file = chapter('# X\n\nZie [@fig:a].\n', [{ name: 'templates/monitor/01-x.md.hbs', text: '# X\n\n{{#if y}}\nZie [@fig:a].\n{{/if}}\n' }]);
    assert.deepEqual(where(file, { line: 3, column: 5 }, ['[@fig:a]']), { file: 'templates/monitor/01-x.md.hbs', line: 4, column: 5 });
    assert.deepEqual(where(file, { line: 3, column: 5 }, ['[@fig:b]']), { file: 'templates/monitor/01-x.md.hbs', line: 4, column: 1 });
    assert.deepEqual(where(file, { line: 1, column: 1 }, ['nergens']), { file: 'templates/monitor/01-x.md.hbs (regel 1 van de ingevulde monitor/01-x.md)' });
  });
});

describe('the plugins', () => {
  it('refuse a vfile without the chapter context as an internal error', () => {
    const file = new VFile({ path: 'x.md', value: '# X\n' });
    assert.throws(() => markdownProcessor.runSync(markdownProcessor.parse(file), file), InternalError);
  });
});
