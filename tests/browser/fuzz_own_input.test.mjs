// Hostile CSV data and scenario files in the real app (wasm), from a fixed seed: random bytes, a
// wrong cell (a word, 1e400, a label of 7, an empty cell), a row too long, truncated and mangled
// scenario files (a character dropped or doubled). After each: the app answers, a refusal is a
// sentence with its row or line, and a refused input leaves the data or the open scenario as it was.
// No console error (the harness fails the test on one). The counts per kind are printed.
import { readFileSync } from 'node:fs';
import { test, assert, openApp, openLesson, appState, command, seededRandom } from './harness.mjs';

const good = 'x1,x2,label\n' + Array.from({ length: 30 }, (_, n) =>
  `${((n * 0.37) % 2 - 1).toFixed(3)},${((n * 0.61) % 2 - 1).toFixed(3)},${n % 3}`).join('\n') + '\n';

function malformedCsv(random) {
  const pick = (n) => Math.floor(random() * n);
  const rows = good.trim().split('\n');
  const out = [];
  const withCell = (kind, value) => {
    const copy = rows.slice();
    const r = 1 + pick(rows.length - 1);
    const cells = copy[r].split(',');
    cells[pick(3)] = value;
    copy[r] = cells.join(',');
    out.push([kind, copy.join('\n')]);
  };
  for (let n = 0; n < 60; n += 1) {
    let text = '';
    for (let i = 0, length = 1 + pick(300); i < length; i += 1) text += String.fromCharCode(pick(256));
    out.push(['random bytes', text]);
  }
  for (let n = 0; n < 40; n += 1) withCell('a word in a cell', ['abc', 'x', '1,2', 'NaN', 'inf', '--1'][pick(6)]);
  for (let n = 0; n < 30; n += 1) withCell('a huge number', ['1e400', '-1e999', '11', '1e300'][pick(4)]);
  for (let n = 0; n < 30; n += 1) withCell('an empty cell', '');
  for (let n = 0; n < 30; n += 1) {
    const copy = rows.slice();
    copy[1 + pick(rows.length - 1)] += ',' + pick(9);
    out.push(['a row too long', copy.join('\n')]);
  }
  for (let n = 0; n < 30; n += 1) {
    const copy = rows.slice();
    const r = 1 + pick(rows.length - 1);
    copy[r] = copy[r].replace(/,\d+$/, ',' + (7 + pick(100)));
    out.push(['a label out of range', copy.join('\n')]);
  }
  return out;
}

function malformedScenarios(random, text) {
  const pick = (n) => Math.floor(random() * n);
  const closing = text.indexOf('\n---', 4);
  const out = [];
  for (let n = 0; n < 80; n += 1) out.push(['cut in the front matter', text.slice(0, pick(closing))]);
  for (let n = 0; n < 60; n += 1) {
    const at = 4 + pick(closing - 4);
    out.push(['a character dropped', text.slice(0, at) + text.slice(at + 1)]);
  }
  for (let n = 0; n < 60; n += 1) {
    const at = 4 + pick(closing - 4);
    out.push(['a character doubled', text.slice(0, at) + text[at] + text.slice(at)]);
  }
  for (let n = 0; n < 40; n += 1) {
    let junk = '';
    for (let i = 0, length = 1 + pick(200); i < length; i += 1) junk += String.fromCharCode(pick(256));
    out.push(['random bytes after ---', '---\n' + junk]);
  }
  return out;
}

test('fuzz: 220 malformed CSV texts are refused by row and column and keep the data', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'playground', (s) => s.built);
  const first = await command(page, { cmd: 'importData', text: good });
  assert(first.ok, first.error);
  const baseline = (await command(page, { cmd: 'exportData' })).csv;  // numbers as the app writes them
  const counts = {};
  for (const [kind, text] of malformedCsv(seededRandom(17))) {
    const answer = await command(page, { cmd: 'importData', text });
    counts[kind] = (counts[kind] || 0) + 1;
    assert(!answer.ok, `${kind}: accepted ${JSON.stringify(text.slice(0, 80))}`);
    assert(/^(row \d+|there are no points|there is a header)/.test(answer.error), `${kind}: "${answer.error}"`);
    const kept = await command(page, { cmd: 'exportData' });
    assert(kept.ok && kept.csv === baseline, `${kind}: the data changed`);
  }
  console.log(`        ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}`);
});

test('fuzz: 240 mangled scenario files never break the app; refused ones keep the open scenario', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  const text = readFileSync(new URL('../../scenarios/hidden-delta-by-hand.md', import.meta.url), 'utf8');
  const opened = await command(page, { cmd: 'importScenario', text, name: 'good.md' });
  assert(opened.ok, opened.error);
  const counts = {};
  let refused = 0;
  for (const [kind, file] of malformedScenarios(seededRandom(23), text)) {
    const answer = await command(page, { cmd: 'importScenario', text: file, name: 'bad.md' });
    counts[kind] = (counts[kind] || 0) + 1;
    if (answer.ok) {
      // A change that leaves valid JSON (a digit doubled...) opens: put the good one back.
      assert((await command(page, { cmd: 'importScenario', text, name: 'good.md' })).ok, 'the good file opens again');
      continue;
    }
    refused += 1;
    assert(/^line \d+: |^the scenario file/.test(answer.error), `${kind}: "${answer.error}"`);
    const state = await appState(page);
    assert(state.scenario.name === 'good.md' && state.lesson.id === 'backprop' && state.step.layers[0].W.length === 3,
           `${kind}: the open scenario changed`);
  }
  assert(refused >= 180, `${refused} refused (a dropped digit or a doubled one in a title still reads)`);
  console.log(`        ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}; ${refused} refused`);
});
