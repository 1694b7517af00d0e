// Hostile input at the page's edge (#19): backpropLab.send answers {ok: false} in words for
// anything that is not a plain object or is too large, before a byte reaches the wasm heap; the
// page's file button follows embed mode as the app parsed it from the link, whatever the spelling.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { test, assert, openApp, appState, command, waitFor, waitForStill } from './harness.mjs';

test('hostile: send() answers every non-request in words and never throws', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example' });
  const before = await appState(page);
  const answers = await page.evaluate(() => {
    const cyclic = { cmd: 'getState' };
    cyclic.self = cyclic;
    const cases = {
      undefined: undefined, null: null, number: 5, string: 'getState', boolean: true, array: [{ cmd: 'getState' }],
      function: () => 1, cyclic, bigint: { cmd: 'typeValue', field: 'eta', text: 10n },
      nested: { cmd: 'getState', deep: { deeper: [1, 2, { x: 3n }] } },
    };
    const out = {};
    for (const [name, request] of Object.entries(cases)) {
      try {
        out[name] = window.backpropLab.send(request);
      } catch (error) {
        out[name] = { threw: String(error) };
      }
    }
    return out;
  });
  const expected = {
    undefined: /not undefined/, null: /not null/, number: /not a number/, string: /not a string/,
    boolean: /not a boolean/, array: /not an array/, function: /not a function/,
    cyclic: /cannot be written as JSON/, bigint: /cannot be written as JSON/, nested: /cannot be written as JSON/,
  };
  for (const [name, pattern] of Object.entries(expected)) {
    const answer = answers[name];
    assert(answer && answer.ok === false && pattern.test(answer.error), `${name}: ${JSON.stringify(answer)}`);
  }
  const after = await appState(page);
  assert(JSON.stringify(after.step) === JSON.stringify(before.step), 'no refused request changed the stepper');
  await page.close();
});

test('hostile: oversized requests are refused before they are copied into the wasm heap', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example' });
  const heapBefore = await page.evaluate(() => Module.HEAP8.length);
  // 4 MB of text is the limit; just over it, 64 MB, and 300 MB (the 260 MB aborted the app).
  for (const megabytes of [4.01, 64, 300]) {
    const answer = await page.evaluate((mb) => {
      const pad = 'x'.repeat(Math.round(mb * 1024 * 1024));
      try {
        return window.backpropLab.send({ cmd: 'getState', pad });
      } catch (error) {
        return { threw: String(error) };
      }
    }, megabytes);
    assert(answer.ok === false && answer.error === 'the request is larger than 4 MB', `${megabytes} MB: ${JSON.stringify(answer).slice(0, 200)}`);
  }
  // Multi-byte text: 1.5 million characters of 3 UTF-8 bytes each are 4.5 MB.
  const wide = await page.evaluate(() => window.backpropLab.send({ cmd: 'getState', pad: '€'.repeat(1500000) }));
  assert(wide.ok === false && wide.error === 'the request is larger than 4 MB', `4.5 MB of UTF-8: ${JSON.stringify(wide)}`);
  // Just under the limit still reaches the app (which answers the command, not the size).
  const under = await page.evaluate(() => window.backpropLab.send({ cmd: 'getState', pad: 'x'.repeat(3 * 1024 * 1024) }));
  assert(under.ok === true && under.state.lesson.id === 'worked-example', `3 MB reaches the app: ${JSON.stringify(under).slice(0, 200)}`);
  const heapAfter = await page.evaluate(() => Module.HEAP8.length);
  // The heap may grow by what a 3 MB request needs, never by the 300 MB refused ones.
  assert(heapAfter - heapBefore <= 16 * 1024 * 1024, `the heap grew from ${heapBefore} to ${heapAfter} bytes`);
  const still = await appState(page);
  assert(still.lesson.id === 'worked-example', 'the app still answers');
  await page.close();
});

test('hostile: the file button follows embed mode as the app parsed it from the link', async ({ context, baseUrl }) => {
  // The app accepts embed=1 or 0 (the first embed key counts; keys may be percent-encoded); anything
  // else is ignored with a banner. The button shows exactly when the app is not in embed mode.
  const cases = [
    ['embed=1', true], ['embed=0', false], ['embed=true', false], ['embed=', false], ['%65mbed=1', true],
    ['embed=0&embed=1', false], ['embed=1&embed=0', true], ['', false],
  ];
  for (const [fragment, embedded] of cases) {
    const { page } = await openApp(context, baseUrl, { path: '#lesson=perceptron' + (fragment ? '&' + fragment : '') });
    const state = await waitFor(page, () => window.backpropLab.getState(), (s) => s.frame > 2, `frames of ${fragment}`);
    assert(state.embedded === embedded, `${fragment || '(no embed key)'}: the app's embed mode is ${state.embedded}`);
    const display = await waitFor(page, () => getComputedStyle(document.querySelector('label[for=network-file]')).display,
                                  (d, hidden) => (d === 'none') === hidden, `the file button to follow embed mode for ${fragment}`,
                                  { arg: embedded });
    assert((display === 'none') === embedded, `${fragment}: the button's display is ${display}`);
    await page.close();
  }
  // A link applied later changes embed mode, and the button follows.
  const { page } = await openApp(context, baseUrl, { path: '#lesson=perceptron' });
  const applied = await command(page, { cmd: 'applyLink', fragment: 'lesson=perceptron&embed=1' });
  assert(applied.ok, `applyLink: ${JSON.stringify(applied)}`);
  await waitFor(page, () => getComputedStyle(document.querySelector('label[for=network-file]')).display,
                (d) => d === 'none', 'the file button to step aside after applyLink embed=1');
  await page.close();
});

// Components of pixels of exactly one colour (4-connected), with their size and bounding box.
function colourComponents(png, [r, g, b]) {
  const { width, height, data } = png;
  const seen = new Uint8Array(width * height);
  const match = (p) => data[4 * p] === r && data[4 * p + 1] === g && data[4 * p + 2] === b;
  const components = [];
  for (let start = 0; start < width * height; ++start) {
    if (seen[start] || !match(start)) continue;
    const stack = [start];
    seen[start] = 1;
    let area = 0, x0 = width, x1 = 0, y0 = height, y1 = 0;
    while (stack.length) {
      const p = stack.pop();
      const x = p % width, y = (p - x) / width;
      ++area;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      for (const q of [x > 0 ? p - 1 : -1, x + 1 < width ? p + 1 : -1, y > 0 ? p - width : -1, y + 1 < height ? p + width : -1]) {
        if (q >= 0 && !seen[q] && match(q)) { seen[q] = 1; stack.push(q); }
      }
    }
    components.push({ area, width: x1 - x0 + 1, height: y1 - y0 + 1 });
  }
  return components;
}

test('hostile: the network view draws every neuron of the largest network the app accepts', async ({ context, baseUrl, artifactsDir }) => {
  // 16 inputs, eight hidden layers of 16 and 16 outputs: 144 neurons and 16 input boxes. With ImGui's
  // 16-bit indices this view passed 65,536 vertices and lost its circles to stray triangles.
  const { page } = await openApp(context, baseUrl, { path: '#lesson=forward&theme=dark' });
  const row = (i) => Array.from({ length: 16 }, (_, k) => ((i * 7 + k * 3) % 11 - 5) / 10);
  const layer = (activation) => ({ W: Array.from({ length: 16 }, (_, i) => row(i)), b: row(3), activation });
  const layers = [...Array.from({ length: 8 }, () => layer('tanh')), layer('sigmoid')];
  const set = await command(page, { cmd: 'setNetwork', layers, x: row(1), t: row(2).map((v) => (v + 0.5) / 2) });
  assert(set.ok, `setNetwork: ${set.error}`);
  await waitForStill(page);
  const path = join(artifactsDir, 'hostile-largest-network.png');
  await page.screenshot({ path });
  const png = PNG.sync.read(readFileSync(path));
  // The dark theme's neuron and input fill, #2A2F3A (widgets/palette.cpp).
  const parts = colourComponents(png, [0x2a, 0x2f, 0x3a]).filter((c) => c.area >= 30);
  // A neuron is a round patch (as wide as tall, filling about π/4 of its box, less its symbol); an
  // input a box wider than tall with its value written inside.
  const circles = parts.filter((c) => Math.abs(c.width - c.height) <= 2 && c.area < 0.86 * c.width * c.height);
  const boxes = parts.filter((c) => c.width >= 1.3 * c.height);
  console.log(`        ${circles.length} neuron circles, ${boxes.length} input boxes drawn`);
  assert(circles.length === 144, `every neuron is drawn: ${circles.length} circles of 144`);
  assert(boxes.length === 16, `every input is drawn: ${boxes.length} boxes of 16`);
  await page.close();
});

test('hostile: long commands are refused by their work, saying how many fit; that many run', async ({ context, baseUrl }) => {
  // The heaviest playground link: 10,000 points in six classes, eight hidden layers of 16, every feature.
  const link = '#lesson=playground&data=blobs&classes=6&points=10000&hidden=16,16,16,16,16,16,16,16' +
               '&features=x1,x2,x1sq,x2sq,x1x2,sin_x1,sin_x2';
  let { page } = await openApp(context, baseUrl, { path: link });
  const cases = [
    [{ cmd: 'runEpochs', epochs: 100000 }, 'epochs', /^runEpochs: 100000 epochs of this network on these points are more than one command may do \(about 2 seconds of work\); at most (\d+) fit\. Send several commands, or press Train\.$/],
    [{ cmd: 'stepBatches', batches: 1000000 }, 'batches', /^stepBatches: 1000000 minibatches of this network on these points are more than one command may do \(about 2 seconds of work\); at most (\d+) fit\./],
  ];
  for (const [request, key, pattern] of cases) {
    const before = (await appState(page)).lessonState;
    const refused = await command(page, request);
    const fits = pattern.exec(refused.error || '');
    assert(!refused.ok && fits, `${request.cmd}: refused by its work: ${JSON.stringify(refused).slice(0, 300)}`);
    const after = (await appState(page)).lessonState;
    assert(after.epoch === before.epoch && after.batches === before.batches, `${request.cmd}: the refusal trained nothing`);
    // A smaller count that fits runs (a tenth of what fits keeps the test short).
    const count = Math.max(1, Math.floor(Number(fits[1]) / 10));
    const ran = await command(page, { ...request, [key]: count });
    assert(ran.ok, `${request.cmd} ${count}: ${ran.error}`);
  }
  await page.close();
  ({ page } = await openApp(context, baseUrl, { path: '#lesson=width-depth' }));
  const paused = await command(page, { cmd: 'setWidthDepth', playing: false });  // it trains by itself when opened
  assert(paused.ok, `setWidthDepth: ${paused.error}`);
  const refused = await command(page, { cmd: 'trainEpochs', epochs: 20000 });
  assert(!refused.ok && /^trainEpochs: 20000 epochs of both networks are more than one command may do .*at most \d+ fit/.test(refused.error),
         `width vs depth: ${refused.error}`);
  assert((await appState(page)).lessonState.epochs === paused.lessonState.epochs, 'the refusal trained nothing');
  await page.close();
});
