// Hostile input to the four lessons of #18 in the real app (wasm), from a fixed seed: typed
// expressions (random bytes, the examples with a character dropped, doubled or swapped, deep
// nesting, huge and tiny numbers, long chains), and random settings for the Jacobian's map, the
// composition's chain and the loss surface (numbers of every size, NaN as text, wrong types). After
// each: the app answers, a refusal is a sentence, a refused input leaves the lesson as it was, and
// every frame still draws (the harness fails the test on any console error). Counts are printed.
import { test, assert, openApp, openLesson, lessonState, command, seededRandom, waitForFrames } from './harness.mjs';

const EXAMPLES = [
  'a = -4\nb = 2\nc = a + b\nd = a*b + b**3\ne = c - d\nf = e**2\ng = f / 2.0',
  'w1 = 0.5; x1 = 2; w2 = -1; x2 = 1; b = 0.1\ntanh(w1*x1 + w2*x2 + b)',
  'z = -1.5\nL = log(1 + exp(z))',
  'x = 3\ny = x*x + x',
];

function hostileExpressions(random) {
  const pick = (n) => Math.floor(random() * n);
  const out = [];
  for (let n = 0; n < 60; n += 1) {
    let text = '';
    for (let i = 0, length = 1 + pick(120); i < length; i += 1) text += String.fromCharCode(pick(256));
    out.push(['random bytes', text]);
  }
  for (let n = 0; n < 60; n += 1) {
    const text = EXAMPLES[pick(EXAMPLES.length)], at = pick(text.length);
    out.push(['a character dropped', text.slice(0, at) + text.slice(at + 1)]);
  }
  for (let n = 0; n < 60; n += 1) {
    const text = EXAMPLES[pick(EXAMPLES.length)], at = pick(text.length);
    out.push(['a character doubled', text.slice(0, at) + text[at] + text.slice(at)]);
  }
  for (let n = 0; n < 40; n += 1) {
    const text = EXAMPLES[pick(EXAMPLES.length)], at = pick(text.length), junk = '()*/+-^=;.e\n'[pick(12)];
    out.push(['a symbol inserted', text.slice(0, at) + junk + text.slice(at)]);
  }
  for (const depth of [63, 64, 65, 200, 1000, 1990]) out.push(['deep nesting', 'x = 1\n' + '('.repeat(depth) + 'x + 1' + ')'.repeat(depth)]);
  for (const depth of [30, 64, 65, 500]) out.push(['deep signs and calls', 'x = 1\n' + 'tanh(-'.repeat(depth) + 'x' + ')'.repeat(depth)]);
  for (const value of ['1e308', '1e309', '-1e999', '1e-400', '0', '4.9e-324', '123456789012345678901234567890'])
    out.push(['extreme numbers', `a = ${value}\nb = exp(a) * a**-2 / (a - a) + log(a)`]);
  for (const count of [98, 99, 100, 150]) out.push(['long chains', 'x = 1.01\ny = x' + ' * x'.repeat(count)]);
  out.push(['the character limit', 'x = 1\ny = x*x' + ' '.repeat(3987)]);  // 4000 characters
  out.push(['past the character limit', 'x = 1\ny = x*x' + ' '.repeat(3988)]);
  return out;
}

function randomValue(random) {
  const pick = (n) => Math.floor(random() * n);
  const kinds = [
    () => (random() - 0.5) * 10,
    () => (random() - 0.5) * 1e6,
    () => [1e308, -1e308, 5e-324, 0, -0, 1e-300][pick(6)],
    () => ['NaN', 'Infinity', '1', '', 'x'][pick(5)],
    () => null,
    () => [pick(3), 'a'],
    () => ({ v: 1 }),
    () => pick(3) === 0,
  ];
  return kinds[pick(kinds.length)]();
}

// Requests that are valid three times in five, and otherwise have one field replaced by anything
// (a size far out of range, a word, a wrong type), so both the running and the refusing paths run.
function hostileSettings(random) {
  const pick = (n) => Math.floor(random() * n);
  const within = (limit) => (random() * 2 - 1) * limit;
  const spoil = (request) => {
    if (pick(5) < 3) return request;
    const keys = Object.keys(request).filter((k) => k !== 'cmd');
    request[keys[pick(keys.length)]] = randomValue(random);
    return request;
  };
  const out = [];
  for (let n = 0; n < 80; n += 1) {
    out.push(['jacobian', spoil({ cmd: 'setMap', W: [[within(5), within(5)], [within(5), within(5)]], b: [within(5), within(5)],
                                  activation: ['identity', 'tanh', 'sigmoid', 'relu'][pick(4)] })]);
    out.push(['jacobian', spoil({ cmd: 'setPoint', x: [within(2), within(2)] })]);
  }
  for (let n = 0; n < 80; n += 1) {
    const hidden = Array.from({ length: 1 + pick(4) }, () => ['tanh', 'relu', 'identity', 'sigmoid'][pick(4)]);
    out.push(['composition', spoil({ cmd: 'setChain', hidden, output: ['sigmoid', 'tanh', 'identity', 'relu'][pick(4)],
                                     x: [within(5), within(5)], t: within(5), batch: 1 + pick(4096), seed: pick(1000001) })]);
  }
  for (let n = 0; n < 120; n += 1) {
    const problem = ['bowl', 'plateau'][pick(2)];
    const range = problem === 'bowl' ? [[-2, 4], [-4, 2]] : [[-8, 8], [-8, 8]];
    const request = { cmd: 'setSurface', problem, lr: [1e-6, 0.01, 0.5, 3, 30, 100][pick(6)], momentum: random() * 0.999,
                      beta1: random() * 0.999, beta2: random() * 0.9999, epsilon: [1e-12, 1e-8, 0.1, 1][pick(4)],
                      l1: random() * pick(3), l2: random() * pick(3), batch: 1 + pick(8), steps: [1, 50, 1000][pick(3)],
                      start: range.map(([lo, hi]) => lo + random() * (hi - lo)), init: ['uniform', 'xavier', 'he'][pick(3)] };
    out.push(['loss-surface', spoil(request)]);
  }
  return out;
}

test('fuzz: 300 hostile expressions through the wasm app — refused with a character, or built, never a crash', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'expression');
  const counts = {};
  let kept = (await command(page, { cmd: 'setExpression', text: EXAMPLES[0] })).lessonState;
  for (const [kind, text] of hostileExpressions(seededRandom(18))) {
    const answer = await page.evaluate((t) => window.backpropLab.send({ cmd: 'setExpression', text: t }), text);
    counts[kind] = counts[kind] || { built: 0, refused: 0 };
    if (answer.ok) {
      counts[kind].built += 1;
      kept = answer.lessonState;
      assert(kept.nodeCount <= 200, `${kind}: at most 200 nodes: ${kept.nodeCount}`);
    } else {
      counts[kind].refused += 1;
      assert(typeof answer.error === 'string' && answer.error.length > 10, `${kind}: a refusal in words: ${answer.error}`);
      assert(Number.isInteger(answer.position) && answer.position >= 0 && answer.position <= 4001,
             `${kind}: a character to point at: ${answer.position} (${answer.error})`);
      const now = await lessonState(page);
      assert(now.text === kept.text, `${kind}: the last graph is kept`);
    }
    // Step the graph to its end: every value and gradient drawn, NaN and ∞ in words.
    if (answer.ok) await command(page, { cmd: 'graphStep', direction: 'end' });
  }
  await waitForFrames(page, 3, 'the app to draw after the last text');
  console.log(`    ${Object.entries(counts).map(([k, c]) => `${k}: ${c.built} built, ${c.refused} refused`).join('; ')}`);
  await page.close();
});

test('fuzz: 440 hostile settings for the Jacobian, the composition and the loss surface — refused in words or run', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  const counts = {};
  let open = '';
  for (const [lesson, request] of hostileSettings(seededRandom(1804))) {
    if (lesson !== open) {
      await openLesson(page, lesson);
      open = lesson;
    }
    const before = JSON.stringify(await lessonState(page));
    const answer = await command(page, request);
    counts[lesson] = counts[lesson] || { run: 0, refused: 0 };
    if (answer.ok) {
      counts[lesson].run += 1;
    } else {
      counts[lesson].refused += 1;
      assert(typeof answer.error === 'string' && answer.error.length > 10, `${lesson}: a refusal in words: ${answer.error}`);
      assert(JSON.stringify(await lessonState(page)) === before, `${lesson}: ${JSON.stringify(request)} changed nothing`);
    }
    await waitForFrames(page, 1, 'a frame with the new settings');
  }
  console.log(`    ${Object.entries(counts).map(([k, c]) => `${k}: ${c.run} run, ${c.refused} refused`).join('; ')}`);
  await page.close();
});
