import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanLabel, cleanText, LABEL_MAX, labelKey, NameBook, shownId } from '../../src/main/core/links/display-name';

test('invisible characters go from a label: bidi controls, zero-width, controls, BOM, fillers, variation selectors', () => {
  assert.equal(cleanLabel('CMO\u202E Twin\u202C'), 'CMO Twin');
  assert.equal(cleanLabel('\u2066CMO\u2069 \u200BTw\u200Din\u2060'), 'CMO Twin');
  assert.equal(cleanLabel('CMO\u0000\u0007\u001B[31m Twin\u007F\u0085'), 'CMO[31m Twin');
  assert.equal(cleanLabel('\uFEFFCMO\u00AD Twin\u061C'), 'CMO Twin');
  assert.equal(cleanLabel('CMO\u3164 Twin\uFE0F\u115F'), 'CMO Twin');
  assert.equal(cleanLabel('CMO \u{E0041}\u{E0042}Twin'), 'CMO Twin', 'tag characters');
  assert.equal(cleanLabel('CMO \uD800Twin'), 'CMO Twin', 'a lone surrogate');
});

test('a label is NFKC-normalised, its whitespace collapsed to single spaces and trimmed', () => {
  assert.equal(cleanLabel('ＣＭＯ\u3000Ｔｗｉｎ'), 'CMO Twin', 'full-width forms and the ideographic space');
  assert.equal(cleanLabel('  CMO\t\n\u00A0\u2003 Twin \u2028'), 'CMO Twin');
  assert.equal(cleanLabel('Ｅﬃcient ①'), 'Efficient 1');
  assert.equal(cleanLabel('e\u0301clair'), '\u00E9clair', 'composed');
});

test('a label with nothing visible is empty; stacked combining marks are cut to a few', () => {
  for (const blank of ['', '   ', '\u202E\u202C', '\u200B\u200C\u200D', '\u3164\u3164', '\t\n', '\u0301\u0301 ']) {
    assert.equal(cleanLabel(blank), '', JSON.stringify(blank));
  }
  assert.equal(cleanLabel(`Z${'\u0336'.repeat(40)}ed`), `Z${'\u0336'.repeat(4)}ed`);
});

test('a label is bounded in code points, never cut inside a surrogate pair', () => {
  const long = cleanLabel('x'.repeat(500));
  assert.equal(Array.from(long).length, LABEL_MAX);
  assert.ok(long.endsWith('…'));
  const emoji = cleanLabel('😀'.repeat(200));
  assert.equal(Array.from(emoji).length, LABEL_MAX);
  assert.equal(emoji, `${'😀'.repeat(LABEL_MAX - 1)}…`);
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(emoji), 'no half pair');
  assert.equal(cleanLabel('short', 10), 'short');
});

test('a description keeps its line breaks but loses what is invisible', () => {
  assert.equal(cleanText('Line one\u202E\nline\u200B two\t.\u0000'), 'Line one\nline two\t.');
  assert.equal(Array.from(cleanText('y'.repeat(5000), 100)).length, 100);
});

test('label keys ignore case, width and lookalike letters, and nothing else', () => {
  assert.equal(labelKey('CMO Twin'), labelKey('cmo twin'));
  assert.equal(labelKey('CMO Twin'), labelKey('ＣＭＯ　ＴＷＩＮ'));
  // Lookalike letters of other scripts and digits (UTS #39 confusables): Cyrillic С, М, О; Greek Τ; a zero for O.
  assert.equal(labelKey('CMO Twin'), labelKey('\u0421\u041C\u041E Twin'));
  assert.equal(labelKey('CMO Twin'), labelKey('CMO \u03A4win'));
  assert.equal(labelKey('CMO Twin'), labelKey('CM0 Twin'));
  assert.notEqual(labelKey('CMO Twin'), labelKey('CFO Twin'));
  assert.equal(labelKey('CMO Twin'), labelKey('C\u200BMO\u202E Twin'));
  assert.equal(labelKey('Straße'), labelKey('STRASSE'));
  assert.notEqual(labelKey('CMO Twin'), labelKey('CMO Twin 2'));
  assert.notEqual(labelKey('CMO Twin'), labelKey('CSO Twin'));
});

test('a shown id is the id, with each invisible character written out', () => {
  assert.equal(shownId('cmo-2'), 'cmo-2');
  assert.equal(shownId('cmo\u202E-2'), 'cmo<U+202E>-2');
  assert.equal(shownId('cmo\u200B'), 'cmo<U+200B>');
  assert.equal(shownId('a b\tc'), 'a b<U+0009>c');
  assert.equal(Array.from(shownId('i'.repeat(200))).length, 64);
});

test('two agents never show one name: the later one shows its id, and keeps the plain name once it is free', () => {
  const book = new NameBook([{ id: 'cmo', name: 'CMO Twin' }]);
  assert.equal(book.claim('cmo', 'CMO Twin'), 'CMO Twin', 'an agent never collides with itself');
  assert.equal(book.claim('cmo-2', 'CMO Twin'), 'CMO Twin (cmo-2)');
  assert.equal(book.claim('cmo-3', 'ｃｍｏ\u200B twin\u202E'), 'cmo twin (cmo-3)');
  assert.equal(book.claim('cmo', 'CMO Twin'), 'CMO Twin', 'the first holder keeps it on its next hello');
  assert.equal(book.claim('cmo-2', 'CMO Twin'), 'CMO Twin (cmo-2)', 'and the later one keeps its id');
  assert.equal(book.claim('cmo', 'Chief Marketing Twin'), 'Chief Marketing Twin');
  assert.equal(book.claim('cmo-2', 'CMO Twin'), 'CMO Twin', 'free again');
});

test('an empty name shows the id, and an id-looking name cannot pass for that agent', () => {
  const book = new NameBook();
  assert.equal(book.claim('seo', '\u202E\u200B '), 'seo');
  assert.equal(book.claim('evil', 'SEO'), 'SEO (evil)');
  assert.equal(book.claim('evil\u200B', ''), 'evil<U+200B>');
});

test('a name forged to look like another agent’s disambiguated name is told apart too', () => {
  const book = new NameBook();
  assert.equal(book.claim('cmo', 'CMO Twin'), 'CMO Twin');
  assert.equal(book.claim('evil', 'CMO Twin (cmo-2)'), 'CMO Twin (cmo-2)');
  assert.equal(book.claim('cmo-2', 'CMO Twin'), 'CMO Twin (cmo-2 #2)');
  const names = ['cmo', 'evil', 'cmo-2'].map((id) => book.claim(id, id === 'evil' ? 'CMO Twin (cmo-2)' : 'CMO Twin'));
  assert.equal(new Set(names.map(labelKey)).size, 3, names.join(' | '));
});

test('names logged before the rule count as taken, even when they are not clean', () => {
  const book = new NameBook([
    { id: 'a', name: 'Ops\u202E Twin' },
    { id: 'b', name: 'Ops\u202E Twin' },
  ]);
  assert.equal(book.claim('c', 'OPS TWIN'), 'OPS TWIN (c)');
  assert.equal(book.claim('a', 'Ops Twin'), 'Ops Twin (a)', 'b still shows it');
});
