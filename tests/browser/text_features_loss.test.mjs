// The corrected words of the features, stacking-linear, activations and loss lessons (#15), read
// from getState().text and checked against the numbers the lessons compute: one test per correction.
import { test, assert, assertClose, openApp, openLesson, command, commandOk, shownText } from './harness.mjs';

// Steps the open perceptron lesson through every point once, from a fresh unit: [{x, y}] in index order.
async function everyLabel(page) {
  let answer = await commandOk(page, { cmd: 'perceptronReset' });
  const samples = [];
  for (let i = 0; i < answer.lessonState.points; i++) {
    answer = await commandOk(page, { cmd: 'perceptronStep' });
    const step = answer.lessonState.lastStep;
    assert(step.index === i, `step ${i} visits sample ${step.index}`);
    samples.push({ x: step.x, y: step.y });
  }
  return samples;
}

// Sets the gallery's activation and probe z; returns the lesson state.
async function probe(page, name, z) {
  await commandOk(page, { cmd: 'setActivation', name });
  return (await commandOk(page, { cmd: 'typeValue', field: 'z', text: String(z) })).lessonState;
}

test('features (item 1): Try this asks whether raw x1, x2 ever reach zero mistakes, and they never do', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'features');
  await commandOk(page, { cmd: 'setFeatures', product: false });
  const text = await shownText(page, 'features#');
  const tryThis = text['features#try'];
  assert(tryThis, `the Try this part is drawn: ${Object.keys(text)}`);
  assert(!/run until no mistakes/i.test(tryThis), `it no longer asks for a run that never ends: ${tryThis}`);
  assert(/ever end with zero mistakes\?/.test(tryThis), `it asks whether zero mistakes ever happen: ${tryThis}`);
  // The honest answer is no: 1000 epochs on raw x1, x2 and every one of them has a mistake.
  const s = (await commandOk(page, { cmd: 'perceptronRun', epochs: 1000, untilConverged: true })).lessonState;
  assert(s.epochs === 1000 && s.converged === false && s.fewestMistakes > 0,
    `raw inputs: ${s.epochs} epochs, fewest mistakes ${s.fewestMistakes}`);
  await page.close();
});

test('features (item 2): class 1 is where the inputs differ, as in the XOR lesson; x1·x2 gets a negative weight', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  // XOR lesson: corners (0,0), (0,1), (1,0), (1,1); class 1 = the inputs differ.
  await openLesson(page, 'xor');
  const corners = await everyLabel(page);
  const xorClass = (a, b) => corners.find((c) => c.x[0] === a && c.x[1] === b).y;
  assert(xorClass(0, 1) === 1 && xorClass(1, 0) === 1, `XOR: (0,1) and (1,0) are class 1: ${JSON.stringify(corners)}`);
  assert(xorClass(0, 0) === 0 && xorClass(1, 1) === 0, `XOR: (0,0) and (1,1) are class 0: ${JSON.stringify(corners)}`);

  // Features lesson on raw inputs: the step shows x = (x1, x2) and its label y.
  await openLesson(page, 'features');
  await commandOk(page, { cmd: 'setFeatures', product: false });
  const points = await everyLabel(page);
  assert(points.length === 40, `40 points: ${points.length}`);
  for (const { x, y } of points) {
    assert(y === (x[0] * x[1] < 0 ? 1 : 0), `class 1 exactly where the signs differ: (${x}) has y = ${y}`);
  }
  // Both (0,1)-like and (1,0)-like quadrants hold class-1 points; both same-sign quadrants hold class 0.
  assert(points.some(({ x, y }) => x[0] < 0 && x[1] > 0 && y === 1), '(−,+) points are class 1');
  assert(points.some(({ x, y }) => x[0] > 0 && x[1] < 0 && y === 1), '(+,−) points are class 1');
  assert(points.some(({ x, y }) => x[0] > 0 && x[1] > 0 && y === 0), '(+,+) points are class 0');
  assert(points.some(({ x, y }) => x[0] < 0 && x[1] < 0 && y === 0), '(−,−) points are class 0');

  // With x1·x2 the rule still converges, now with a negative weight on x1·x2.
  await commandOk(page, { cmd: 'setFeatures', product: true });
  const s = (await commandOk(page, { cmd: 'perceptronRun', epochs: 10000, untilConverged: true })).lessonState;
  assert(s.converged === true, `x1·x2 separates the data (epochs ${s.epochs})`);
  assert(s.w[1] < 0, `the weight on x1·x2 is negative: w = ${s.w}`);
  const intro = (await shownText(page, 'features#'))['features#intro'];
  assert(/opposite signs/.test(intro) && /x₁x₂ is negative/.test(intro), `the text says class 1 = opposite signs: ${intro}`);
  assert(/negative\s+weight on x₁x₂/.test(intro), `and that the weight comes out negative: ${intro}`);
  assert(!/same sign/.test(intro), `no longer "the same sign": ${intro}`);
  await page.close();
});

test('features (item 3): the boundary is the two axes only when the bias is 0 too; here it is', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'features');
  await commandOk(page, { cmd: 'setFeatures', product: true });
  const s = (await commandOk(page, { cmd: 'perceptronRun', epochs: 10000, untilConverged: true })).lessonState;
  const intro = (await shownText(page, 'features#'))['features#intro'];
  assert(/asymptotes are the vertical line x₁ = 0/.test(intro) && /x₂ = −w₁\/w₂/.test(intro),
    `the hyperbola's asymptotes are named: ${intro}`);
  assert(/When the bias b is 0/.test(intro) && /two axes only when w₁ is 0 as well/.test(intro),
    `the axes need b = 0 and w₁ = 0: ${intro}`);
  assert(!/the two axes when the weight on x₁ is near 0/.test(intro), `the old claim is gone: ${intro}`);
  // On screen after converging: b = 0 and w₁ small against w₂, so the boundary x₁ = 0, x₂ = −w₁/w₂
  // is close to the axes, as the text says it may be.
  assert(s.converged && s.b === 0, `converged with b = 0: b = ${s.b}`);
  assert(Math.abs(s.w[0] / s.w[1]) < 0.1, `x₂ = −w₁/w₂ = ${-s.w[0] / s.w[1]} is near the axis`);
  await page.close();
});

test('activations (item 5): Leaky ReLU, PReLU and GELU are not marked zero-centred; their mean output is positive', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'activations', (s) => (s || {}).hiddenCount > 0);
  for (const name of ['leaky_relu', 'prelu', 'gelu', 'relu']) {
    const at1 = await probe(page, name, 1);
    const atMinus1 = await probe(page, name, -1);
    assert(/^no\b/.test(at1.facts.zeroCentred) && !/almost|yes/.test(at1.facts.zeroCentred),
      `${name}: zero-centred says "${at1.facts.zeroCentred}"`);
    // h(1) + h(−1) > 0: outputs for z spread evenly around 0 do not average 0.
    assert(at1.f + atMinus1.f > 0.1, `${name}: h(1) + h(−1) = ${at1.f + atMinus1.f}`);
  }
  const tanh1 = await probe(page, 'tanh', 1);
  const tanhMinus1 = await probe(page, 'tanh', -1);
  assert(tanh1.facts.zeroCentred === 'yes', `tanh stays zero-centred: ${tanh1.facts.zeroCentred}`);
  assertClose(tanh1.f + tanhMinus1.f, 0, 1e-15, 'tanh(1) + tanh(−1)');
  const table = (await shownText(page, 'activations#'))['activations#facts'];
  assert(table && !/almost/.test(table), `the drawn table has no "almost": ${table}`);
  assert((table.match(/no \(mean > 0, as ReLU\)/g) || []).length === 3,
    `three rows say their mean output is positive, as ReLU's: ${table}`);
  await page.close();
});

test('activations (slides note): the non-monotonic bump is GELU\'s, ELU is monotonic', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'activations', (s) => (s || {}).hiddenCount > 0);
  const gelu = [];
  const elu = [];
  for (const z of [-3, -0.75, 0]) {
    gelu.push((await probe(page, 'gelu', z)).f);
    elu.push((await probe(page, 'elu', z)).f);
  }
  // GELU falls from z = −3 to its dip at −0.75 and rises again: a bump. ELU only rises.
  assert(gelu[1] < gelu[0] && gelu[1] < gelu[2], `GELU dips: ${gelu}`);
  assertClose(gelu[1], -0.17, 0.005, 'GELU at its dip');
  assert(elu[0] < elu[1] && elu[1] < elu[2], `ELU rises: ${elu}`);
  const slides = (await shownText(page, 'activations#'))['activations#slides'];
  assert(slides, 'the slides note is drawn');
  assert(/non-monotonic ‘bump’/.test(slides) && /Both belong to GELU/.test(slides) && /ELU is monotonic/.test(slides),
    `the note moves the bump to GELU: ${slides}`);
  await page.close();
});

test('activations (slides note): the slide\'s sin(x) is the sigmoid, whose slope is below 0.05 past |z| = 2.9', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'activations', (s) => (s || {}).hiddenCount > 0);
  const slides = (await shownText(page, 'activations#'))['activations#slides'];
  assert(/sin\(x\) there is the sigmoid σ\(x\)/.test(slides), `the note names the sigmoid: ${slides}`);
  assert(/below 0\.05 once \|z\| > 2\.9/.test(slides) && /never above ¼/.test(slides), `and its slopes: ${slides}`);
  assertClose((await probe(page, 'sigmoid', 0)).fprime, 0.25, 1e-15, "σ'(0), the largest slope");
  assert((await probe(page, 'sigmoid', 2.9)).fprime < 0.05, "σ'(2.9) < 0.05");
  assert((await probe(page, 'sigmoid', 2.8)).fprime > 0.05, "σ'(2.8) > 0.05: 2.9 is where it starts");
  const table = (await shownText(page, 'activations#'))['activations#facts'];
  assert(/both sides, \|z\| > 2\.9/.test(table), `the table agrees on 2.9: ${table}`);
  await page.close();
});

test('stacking linear (slides note): the second layer reads h⁽¹⁾, not x', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'stacking-linear');
  await commandOk(page, { cmd: 'setHidden', activation: 'identity' });
  const s = (await commandOk(page, { cmd: 'trainEpochs', epochs: 50 })).lessonState;
  const text = await shownText(page, 'stacking-linear#');
  const intro = text['stacking-linear#intro'];
  assert(/A note on the slides/.test(intro) && /h⁽²⁾ = g⁽²⁾\(W⁽²⁾ᵀ h⁽¹⁾ \+ b⁽²⁾\)/.test(intro),
    `the note gives the corrected formula: ${intro}`);
  assert(/W₂h⁽¹⁾ \+ b₂ = W₂\(W₁x \+ b₁\) \+ b₂/.test(intro), `the lesson's own formula feeds h⁽¹⁾ on: ${intro}`);
  assert(new RegExp(`^Epochs: ${s.epochs}, `).test(text['stacking-linear#progress']),
    `the progress line shows the epochs: ${text['stacking-linear#progress']}`);
  assert(text['stacking-linear#collapsed'] && !text['stacking-linear#bends'], 'identity: the collapse sentence');
  await page.close();
});

test('loss (item 11): binary cross-entropy is −ln of the likelihood p^t (1 − p)^(1 − t)', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'loss');
  await commandOk(page, { cmd: 'setLossSection', section: 'bce' });
  for (const p of [0.3, 0.9]) {
    const s = (await commandOk(page, { cmd: 'typeValue', field: 'p', text: String(p) })).lessonState;
    assert(s.bce.t === 1, `the lesson starts at t = 1: ${s.bce.t}`);
    // t = 1: the likelihood is p, and −ln p is the loss.
    assertClose(s.bce.likelihood, p ** s.bce.t * (1 - p) ** (1 - s.bce.t), 1e-12, `likelihood at p = ${p}`);
    assertClose(-Math.log(s.bce.likelihood), s.bce.loss, 1e-12, `−ln(likelihood) = L at p = ${p}`);
    const words = (await shownText(page, 'loss#'))['loss#bce-likelihood'];
    assert(words, 'the likelihood paragraph is drawn');
    assert(/likelihood p\^t · \(1 − p\)\^\(1 − t\)/.test(words) &&
      /−ln\[p\^t · \(1 − p\)\^\(1 − t\)\] = −\[t ln p \+ \(1 − t\) ln\(1 − p\)\]/.test(words),
      `it derives the formula from the likelihood: ${words}`);
    const shown = words.match(/the likelihood is ([0-9.e−-]+), and −ln\(\1\) = ([0-9.e−-]+), the L above/);
    assert(shown, `the live numbers are in the sentence: ${words}`);
    assertClose(Number(shown[1]), s.bce.likelihood, 1e-5, 'the likelihood shown');
    assertClose(Number(shown[2]), s.bce.loss, 1e-5 * Math.max(1, s.bce.loss), 'the loss shown');
  }
  await page.close();
});
