// Fuzzing the link format: thousands of random and adversarial fragments (random keys and values,
// huge numbers, unicode, %-escapes, repeated keys, empty, 10 KB) through applyLink, and a handful by
// real navigation. After each: getState answers, no weight or number the state shows is NaN or
// missing, the app's own link for the new view applies cleanly, and the console stays free of errors.
import { join } from 'node:path';
import { test, assert, openApp, appState, waitForFrames } from './harness.mjs';

const kFragments = 2000;
const kBatch = 50;  // fragments per page.evaluate; frames are drawn between batches

// Runs in the page: a seeded generator of fragments, and the checks after each one.
function fuzzBatch({ seed, count }) {
  let s = seed >>> 0;
  const random = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const state0 = window.backpropLab.getState();
  const playgroundKeys = Object.keys(window.backpropLab.command({ cmd: 'getPlayground' }).playground.values);
  const viewKeys = ['lesson', 'spoint', 'w', 'steps', 'gran', 'step', 'precision', 'theme', 'font', 'hide', 'lock', 'embed', 'origin'];
  const keys = viewKeys.concat(playgroundKeys);
  const numbers = ['0', '1', '-1', '0.5', '3', '7', '16', '17', '100', '1e3', '1e400', '-1e400', '1e-400', 'NaN', 'nan', 'inf',
    '-Infinity', 'Infinity', '0x10', '1e', '.', '-', '+5', ' 2 ', '9'.repeat(40), '1'.repeat(400), '2.5e-7', '-0', '0.03'];
  const words = ['', 'xor', 'circle', 'spiral_k', 'sin', 'surface', 'relu', 'tanh,relu', 'adam', 'sgd', 'he', 'auto',
    'softmax_ce', 'linear_mse', 'x1,x2,x1x2', 'x1,sin_x1', 'light', 'dark', 'neuron', 'phase', 'backward.1.0',
    'forward.0.1', 'done', 'start', 'loss.1.1', 'update.0.2', 'lessons,panel', 'network,data,training', 'weights,lr',
    'stepper,math,editor', 'all', 'https://example.org', '*', '4,4', '16,16,16,16,16,16,16,16', '1,2,3,4,5,6,7,8,9',
    ',,,', '0,0', 'worked-example', 'playground', 'backprop', 'forward', 'intro', 'nope', '../../etc', '<script>',
    'é', '☃', '\u0000', '\ud83d\ude00', 'W:1:0:0:0.3', 'W:0:0:0:1e400,b:1:1:NaN', 'x:0:0.7,t:1:0.2,eta:0.25',
    'W:9:9:9:1', 'W:1:0:0', 'eta:1e9', ':::', '%', '%zz', '%00', '%E2%98%83', '%FF%FE', '%25', '%26lesson%3Dxor'];
  const lessons = state0.lessons;
  const validFor = {
    lesson: () => pick(lessons), theme: () => pick(['light', 'dark']), precision: () => String(3 + Math.floor(random() * 7)),
    font: () => pick(['0.75', '1', '1.5', '2']), embed: () => pick(['0', '1']), gran: () => pick(['neuron', 'layer', 'phase', 'step']),
    step: () => pick(['start', 'done', 'forward.0.0', 'forward.1.1', 'loss.1.0', 'backward.0.1', 'update.1.0']),
    steps: () => String(Math.floor(random() * 30)), spoint: () => String(Math.floor(random() * 50)),
    w: () => `W:1:0:0:${(random() * 2 - 1).toFixed(6)},x:1:${random().toFixed(3)}`,
    hide: () => pick(['lessons', 'panel', 'stepper,math', 'data,network', 'editor,display,share']),
    lock: () => pick(['weights', 'lr,hidden', 'sample,points', 'data']),
    points: () => pick(['20', '200', '2000']), hidden: () => pick(['', '2', '4,4', '8,3,2']),
    data: () => pick(['xor', 'circle', 'moons', 'spiral_k', 'blobs', 'sin', 'surface']),
    act: () => pick(['relu', 'tanh', 'gelu', 'sigmoid']), lr: () => pick(['0.001', '0.3', '3', '100']),
  };
  const value = (key) => {
    const r = random();
    if (r < 0.5 && validFor[key]) return validFor[key]();
    if (r < 0.55) return pick(numbers);
    if (r < 0.85) return pick(words);
    if (r < 0.95) {  // random printable and non-ASCII characters
      let text = '';
      const length = Math.floor(random() * 24);
      for (let i = 0; i < length; i += 1) text += String.fromCharCode(random() < 0.8 ? 32 + Math.floor(random() * 95) : Math.floor(random() * 0xd7ff));
      return text;
    }
    return 'x'.repeat(Math.floor(random() * 12000));
  };
  const encode = (text) => (random() < 0.5 ? encodeURIComponent(text) : text);
  const fragment = () => {
    const kind = random();
    if (kind < 0.03) return '';
    if (kind < 0.06) return 'x'.repeat(10 * 1024);
    if (kind < 0.09) return '&'.repeat(Math.floor(random() * 5000));
    if (kind < 0.12) return Array.from({ length: 300 }, () => `lesson=${pick(lessons)}`).join('&');  // repeated keys
    const parts = [];
    const count = 1 + Math.floor(random() * 12);
    for (let i = 0; i < count; i += 1) {
      const key = random() < 0.85 ? pick(keys) : pick(words);
      parts.push(random() < 0.05 ? encode(key) : `${encode(key)}=${encode(value(key))}`);
    }
    if (random() < 0.3) parts.unshift(`lesson=${pick(lessons)}`);
    return (random() < 0.1 ? '#' : '') + parts.join('&');
  };
  // Every number in the state that should be a finite number: the stepper's and playground's weights,
  // inputs and activations; the display settings.
  const missing = (label, list, found) => {
    const walk = (value, path) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (value === null || (typeof value === 'number' && !Number.isFinite(value))) found.push(path);
    };
    walk(list, label);
  };
  const result = { applied: 0, ignored: 0, withIgnored: 0, cleanRelinks: 0, problems: [] };
  for (let n = 0; n < count; n += 1) {
    const text = fragment();
    window.lastFuzzFragment = text;
    let answer;
    try {
      answer = window.backpropLab.command({ cmd: 'applyLink', fragment: text });
    } catch (error) {
      result.problems.push(`applyLink threw on ${JSON.stringify(text.slice(0, 80))}: ${error.message}`);
      continue;
    }
    result.applied += answer.applied.length;
    result.ignored += answer.ignored.length;
    if (answer.ignored.length) result.withIgnored += 1;
    let state;
    try {
      state = window.backpropLab.getState();
    } catch (error) {
      result.problems.push(`getState failed after ${JSON.stringify(text.slice(0, 80))}: ${error.message}`);
      continue;
    }
    const found = [];
    if (typeof state.precision !== 'number' || typeof state.fontScale !== 'number') found.push('display');
    if (state.step) {
      state.step.layers.forEach((layer, l) => {
        for (const name of ['W', 'b', 'newW', 'newB', 'shownW', 'shownB', 'input', 'z', 'a']) missing(`step.layers[${l}].${name}`, layer[name], found);
      });
      missing('step.x', state.step.x, found);
      missing('step.t', state.step.t, found);
    }
    const playground = window.backpropLab.command({ cmd: 'getPlayground' }).playground;
    if (playground.built && !playground.diverged) {
      playground.weights.layers.forEach((layer, l) => { missing(`playground W${l}`, layer.W, found); missing(`playground b${l}`, layer.b, found); });
    }
    if (found.length) result.problems.push(`missing numbers after ${JSON.stringify(text.slice(0, 80))}: ${found.slice(0, 3).join(', ')}`);
    // The app's own link for what it shows now applies without a single ignored key (every 5th).
    if (n % 5 === 0) {
      const link = window.backpropLab.getLink();
      const again = window.backpropLab.command({ cmd: 'applyLink', fragment: link.fragment });
      if (again.ignored.length) {
        result.problems.push(`the app's own link ${link.fragment.slice(0, 120)} had ignored keys: ${JSON.stringify(again.ignored.slice(0, 2))}`);
      } else {
        result.cleanRelinks += 1;
      }
    }
  }
  return result;
}

test('fuzz links: 2,000 random and adversarial fragments through applyLink, and some by navigation', async ({ context, baseUrl, artifactsDir }) => {
  const started = Date.now();
  const { page, errors } = await openApp(context, baseUrl);
  const totals = { fragments: 0, applied: 0, ignored: 0, withIgnored: 0, cleanRelinks: 0, problems: [] };
  for (let batch = 0; totals.fragments < kFragments; batch += 1) {
    let result;
    try {
      result = await page.evaluate(fuzzBatch, { seed: 1234 + batch, count: kBatch });
    } catch (error) {
      const last = await page.evaluate(() => String(window.lastFuzzFragment)).catch(() => '?');
      throw new Error(`batch ${batch}: ${error.message.split('\n')[0]}; the last fragment: ${JSON.stringify(last.slice(0, 300))}`);
    }
    totals.fragments += kBatch;
    for (const key of ['applied', 'ignored', 'withIgnored', 'cleanRelinks']) totals[key] += result[key];
    totals.problems.push(...result.problems);
    // Let the app draw what the last fragment asked for (hidden panels, embed mode, locks...).
    await waitForFrames(page, 2, `the app to draw after batch ${batch}`, 10000);
  }
  await page.screenshot({ path: join(artifactsDir, 'fuzz-links-last.png') });
  const state = await appState(page);
  assert(state && state.lesson, 'getState still answers');
  await page.close();

  // A few by real navigation: a fresh page opened with the fragment in its address.
  const navigated = ['lesson=playground&hidden=16,16,16,16,16,16,16,16&points=2000&spoint=999&steps=1000&step=update.8.15',
    'lesson=worked-example&steps=1000&w=W:0:0:0:1000,W:1:0:0:-1000&step=done&hide=lessons,panel,stepper,math,editor',
    encodeURIComponent('lesson=☃&theme=é') + '&%E2%98%83=%FF&font=%00',
    'embed=1&' + 'hide=x&'.repeat(1400),
    'lesson=backprop&lesson=intro&lesson=%zz&precision=99999999999999999999&gran=&step=....'];
  let navigationErrors = 0;
  for (const fragment of navigated) {
    const opened = await openApp(context, baseUrl, { path: '#' + fragment });
    const s = await appState(opened.page);
    assert(s && s.lesson && typeof s.banner === 'string', `getState answers after navigating to #${fragment.slice(0, 60)}`);
    // A few frames with the link applied (the harness fails the test on any console error).
    await waitForFrames(opened.page, 3, `frames after navigating to #${fragment.slice(0, 60)}`);
    navigationErrors += opened.errors.length;
    await opened.page.close();
  }
  console.log(`        ${totals.fragments} fragments by applyLink (${totals.withIgnored} with ignored keys; ` +
              `${totals.applied} keys applied, ${totals.ignored} ignored), ${totals.cleanRelinks} re-links clean, ` +
              `${navigated.length} by navigation; ${totals.problems.length} problems; ` +
              `${errors.length + navigationErrors} console errors; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert(totals.problems.length === 0, `problems:\n          ${totals.problems.slice(0, 8).join('\n          ')}`);
});
