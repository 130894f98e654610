/**
 * Filling a template (src/chapters/handlebars.ts): the compiled form is kept by text and helper
 * names, so the same text filled on another instance uses that instance's helpers and values.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Handlebars from 'handlebars';
import { fillTemplate } from '../../src/chapters/handlebars.ts';

const NAAM = 'templates/monitor/50-basisvoorwaarden.md.hbs';

test('a template filled again is compiled for the helpers of its instance', () => {
  const metHelper = Handlebars.create();
  metHelper.registerHelper('x', () => 'helper');
  assert.equal(fillTemplate(metHelper, '{{x}} en {{y}}', NAAM, { x: 'waarde', y: 1 }), 'helper en 1');
  assert.equal(fillTemplate(Handlebars.create(), '{{x}} en {{y}}', NAAM, { x: 'waarde', y: 2 }), 'waarde en 2');
  assert.equal(fillTemplate(metHelper, '{{x}} en {{y}}', NAAM, { x: 'waarde', y: 3 }), 'helper en 3');
});
