// "Your own expression graph", driven through window.backpropLab: gradients of typed expressions
// against the same formulas written in JavaScript and differentiated by central differences, the
// start example against numbers worked out by hand, refused text with its character, NaN and ∞ in
// words, and predict mode's diagnosis of the one-path mistake.
import { join } from 'node:path';
import { test, assert, assertClose, openApp, openLesson, lessonState, command, commandOk, waitFor, waitForStill } from './harness.mjs';

const sigmoid = (z) => 1 / (1 + Math.exp(-z));
// Each case: the text the learner types, and the same formula in JavaScript over its inputs.
const CASES = [
  { text: 'a = -4\nb = 2\nc = a + b\nd = a*b + b**3\ne = c - d\nf = e**2\ng = f / 2.0',
    f: ({ a, b }) => { const c = a + b, d = a * b + b ** 3, e = c - d; return e ** 2 / 2; } },
  { text: 'w1 = 0.5; x1 = 2; w2 = -1; x2 = 1; b = 0.1\ntanh(w1*x1 + w2*x2 + b)',
    f: ({ w1, x1, w2, x2, b }) => Math.tanh(w1 * x1 + w2 * x2 + b) },
  { text: 'x = 3\ny = x*x + x', f: ({ x }) => x * x + x },
  { text: 'z = -1.5\nL = log(1 + exp(z))', f: ({ z }) => Math.log(1 + Math.exp(z)) },
  { text: 'p = 0.3; q = 1.7\nr = p/q - q/p\ns = -r**2 + r', f: ({ p, q }) => { const r = p / q - q / p; return -(r ** 2) + r; } },
  { text: 'u = 2.5\nv = u**-1 + u^0.5 + u**3', f: ({ u }) => u ** -1 + u ** 0.5 + u ** 3 },
  { text: 'a = 0.7; b = -1.2\nh = sigmoid(a*b) * relu(a - b) + relu(b)', f: ({ a, b }) => sigmoid(a * b) * Math.max(0, a - b) + Math.max(0, b) },
  { text: 'x = 1.1\nt = tanh(x)\ny = t*t*t - exp(-x) / (1 + x)', f: ({ x }) => { const t = Math.tanh(x); return t * t * t - Math.exp(-x) / (1 + x); } },
  { text: 'a = 2; b = 3; c = 0.5\nk = a*b\nm = k + k*c\nn = log(m) * (k - c)', f: ({ a, b, c }) => { const k = a * b, m = k + k * c; return Math.log(m) * (k - c); } },
  { text: 'x = -0.4; y = 0.9\nd = x - y\nL = exp(d) / (exp(d) + 1) - -x', f: ({ x, y }) => { const d = x - y; return Math.exp(d) / (Math.exp(d) + 1) + x; } },
  { text: 'x = 0.25\nz = relu(-x) + relu(x) * x\ns = sigmoid(z)^2', f: ({ x }) => { const z = Math.max(0, -x) + Math.max(0, x) * x; return sigmoid(z) ** 2; } },
];

function centralDifference(f, inputs, name) {
  const h = 1e-6 * Math.max(1, Math.abs(inputs[name]));
  const plus = Object.assign({}, inputs, { [name]: inputs[name] + h });
  const minus = Object.assign({}, inputs, { [name]: inputs[name] - h });
  return (f(plus) - f(minus)) / (2 * h);
}

test('Expression: gradients of eleven typed expressions against JS formulas and central differences', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'expression');
  for (const c of CASES) {
    const s = (await commandOk(page, { cmd: 'setExpression', text: c.text })).lessonState;
    const inputs = Object.fromEntries(s.inputs.map((i) => [i.name, i.value]));
    // The stepper stands at its start; the complete graph's root value is in nodes (the last node).
    const E = c.f(inputs);
    const last = s.nodes[s.nodes.length - 1];
    assertClose(last.value, E, 1e-12 * Math.max(1, Math.abs(E)), `${c.text}: E`);
    for (const input of s.inputs) {
      const fd = centralDifference(c.f, inputs, input.name);
      assertClose(input.grad, fd, 1e-6 * Math.max(1, Math.abs(fd)), `${c.text}: ∂E/∂${input.name} against JS`);
      assertClose(input.finiteDifference, fd, 1e-6 * Math.max(1, Math.abs(fd)), `${c.text}: the app's own finite difference of ${input.name}`);
    }
  }
  // The start example by hand (content/en/expression.md, q-expression-b): a = −4, b = 2: c = −2,
  // d = −8 + 8 = 0, e = −2, f = 4, g = 2; ∂g/∂e = e = −2, so ∂g/∂c = −2, ∂g/∂d = 2;
  // ∂g/∂a = −2 · 1 + 2 · b = 2; ∂g/∂b = −2 · 1 + 2 · (a + 3b²) = −2 + 16 = 14.
  const start = (await commandOk(page, { cmd: 'setExpression', text: CASES[0].text })).lessonState;
  const grad = Object.fromEntries(start.inputs.map((i) => [i.name, i.grad]));
  assert(grad.a === 2 && grad.b === 14, `∂g/∂a = 2, ∂g/∂b = 14 exactly: ${JSON.stringify(grad)}`);
  assert(start.inputs.find((i) => i.name === 'b').uses === 3 && start.maxUses === 3, 'b is one node, used three times');
  // x*x + x by hand: 2x + 1 = 7 at x = 3.
  const twice = (await commandOk(page, { cmd: 'setExpression', text: 'x = 3\ny = x*x + x' })).lessonState;
  assert(twice.inputs[0].grad === 7, `∂y/∂x = 7: ${twice.inputs[0].grad}`);
  await page.close();
});

test('Expression: refused text points at its character and keeps the graph; NaN and ∞ in words', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'expression');
  const good = (await commandOk(page, { cmd: 'setExpression', text: 'x = 3\ny = x*x + x' })).lessonState;
  const bad = [
    { text: 'a = 1\nb = a * )', position: 15, words: /expected/ },
    { text: 'a = 1\nb = sin(a)', position: 11, words: /sin/ },
    { text: 'a = 1\nb = a + c', position: 15, words: /c/ },
    { text: 'a = 1\nb = a ** a', position: 16, words: /exponent|number/ },
    { text: 'a = 1\nb = (a + 1', position: null, words: /\)|parenthes/ },
    { text: '', position: null, words: /empty|nothing|write/i },
    { text: 'a = 1; a = 2; a*a', position: null, words: /twice|again|already/ },
    { text: '('.repeat(100) + 'x' + ')'.repeat(100), position: null, words: /deep|nest|64/ },
    { text: 'x = 1\n' + 'x*x + '.repeat(120) + 'x', position: null, words: /200/ },
    { text: 'a'.repeat(4001), position: null, words: /4000/ },
  ];
  for (const b of bad) {
    // send (not command) gives the whole refusal: {ok: false, error, position}.
    const answer = await page.evaluate((text) => window.backpropLab.send({ cmd: 'setExpression', text }), b.text);
    assert(!answer.ok && b.words.test(answer.error), `${JSON.stringify(b.text.slice(0, 40))} refused in words: ${answer.error}`);
    if (b.position !== null) {
      assert(answer.position === b.position, `${JSON.stringify(b.text)}: the error points at character ${b.position}: ${answer.position} (${answer.error})`);
    }
    const now = await lessonState(page);
    assert(now.text === good.text && now.nodeCount === good.nodeCount, 'the previous graph stays');
    assert(now.error === answer.error, 'the lesson shows the refusal');
  }
  await command(page, { cmd: 'setExpression', text: 'a = 1\nb = a * )' });
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'expression-refused-1280.png') });
  const broken = (await commandOk(page, { cmd: 'setExpression', text: 'a = -2\nb = 0\nc = log(a) + 1/b' })).lessonState;
  assert(/NaN/.test(broken.nonFinite) && /log/.test(broken.nonFinite), `log(−2) said in words: ${broken.nonFinite}`);
  const c = broken.nodes.find((n) => n.label === 'c');
  assert(c.value === null, 'c is not a finite number (null in JSON)');
  await commandOk(page, { cmd: 'graphStep', direction: 'end' });
  await waitFor(page, () => window.backpropLab.getState().lessonState.phase, (p) => p === 'done', 'the graph to finish');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'expression-broken-1280.png') });
  await page.close();
});

test('Expression: predict mode asks each value and gradient and names the one-path mistake', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'expression');
  await commandOk(page, { cmd: 'setExpression', text: 'x = 3\ny = x*x + x' });
  await commandOk(page, { cmd: 'setPredict', on: true });
  await commandOk(page, { cmd: 'graphStep', direction: 'end' });
  let s = await waitFor(page, () => window.backpropLab.getState().lessonState, (l) => l.predict.question !== null, 'a question');
  // Forward: x*x = 9, then y = 12. Backward: the sum hands 1 to x*x and 1 to x (x's other use is
  // still to come), then the product completes ∂y/∂x = 3 + 3 + 1 = 7. Answer the values right, and
  // for ∂y/∂x type 3 (one path only).
  let answered = 0;
  while (s.predict.question && answered < 12) {
    const q = s.predict.question;
    let typed;
    if (!q.gradient) typed = q.node === 'y' ? '12' : '9';
    else if (q.node === 'x') typed = '3';
    else typed = '1';
    const answer = await commandOk(page, { cmd: 'predict', value: typed });
    s = answer.lessonState;
    answered += 1;
    if (q.gradient && q.node === 'x') {
      assert(!s.predict.verdict.right && s.predict.verdict.mistake === 'one-path',
             `typing one path's share for ∂y/∂x is diagnosed: ${JSON.stringify(s.predict.verdict)}`);
      break;
    }
    assert(s.predict.verdict.right, `${q.name}: ${typed} is right: ${JSON.stringify(s.predict.verdict)}`);
  }
  assert(s.predict.score.right >= 3, `values and the sum's gradients were right: ${JSON.stringify(s.predict.score)}`);
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'expression-predict-1280.png') });
  await page.setViewportSize({ width: 480, height: 320 });
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'expression-480x320.png') });
  await page.close();
});

test('Expression: typing in the box and pressing Ctrl+Enter builds the graph', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'expression');
  await waitForStill(page);
  // At 1280×720 the side panel (unscrolled) has the example buttons at y ≈ 495 ("Used twice" at
  // x ≈ 1058) and the text box at x 888–1257, y 335–453, one line every 16 px from y ≈ 345.
  await page.mouse.click(1058, 495);
  await waitFor(page, () => window.backpropLab.getState().lessonState.text, (t) => t === 'x = 3\ny = x*x + x',
                'the "Used twice" example');
  // A click right of the second line puts the cursor at its end; type more uses of x.
  await page.mouse.click(1240, 361);
  await page.keyboard.type(' + x*x*x');
  await waitFor(page, () => window.backpropLab.getState().lessonState.typed, (t) => t === 'x = 3\ny = x*x + x + x*x*x',
                'the typed text in the box');
  await page.keyboard.down('Control');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Control');
  const s = await waitFor(page, () => window.backpropLab.getState().lessonState, (l) => l.text === 'x = 3\ny = x*x + x + x*x*x',
                          'Ctrl+Enter to build the typed lines');
  // y = x² + x + x³: ∂y/∂x = 2x + 1 + 3x² = 6 + 1 + 27 = 34 at x = 3, gathered from six uses of x.
  assert(s.inputs.length === 1 && s.inputs[0].grad === 34 && s.inputs[0].uses === 6,
         `∂y/∂x = 34 from six uses: ${JSON.stringify(s.inputs)}`);
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'expression-typed-1280.png') });
  await page.close();
});

test('Expression: a link carries the typed lines (expr=), a bad one is refused with its character', async ({ context, baseUrl }) => {
  let { page } = await openApp(context, baseUrl);
  await openLesson(page, 'expression');
  const text = 'u = 1.5; v = -2\nw = exp(u*v) / (1 + u^2) - v';
  await commandOk(page, { cmd: 'setExpression', text });
  const link = await page.evaluate(() => window.backpropLab.getLink());
  assert(/(^|&)expr=/.test(link.fragment), `the link has the expression: ${link.fragment}`);
  await page.close();
  ({ page } = await openApp(context, baseUrl, { path: '#' + link.fragment }));
  const s = await waitFor(page, () => window.backpropLab.getState().lessonState, (l) => l && l.text !== undefined && l.nodeCount > 0,
                          'the linked expression');
  assert(s.text === text, `the link rebuilds the same lines: ${JSON.stringify(s.text)}`);
  await page.close();
  // A bad expression in a link: the lesson opens with its start example and a banner names the character.
  ({ page } = await openApp(context, baseUrl, { path: '#lesson=expression&expr=' + encodeURIComponent('a = 1\nb = a +') }));
  const state = await page.evaluate(() => window.backpropLab.getState());
  assert(/expr: character \d+/.test(state.banner), `the banner names the character: ${state.banner}`);
  assert(state.lesson.id === 'expression' && state.lessonState.nodeCount > 0, 'the lesson still shows a graph');
  await page.close();
  // expr with another lesson is ignored in words.
  ({ page } = await openApp(context, baseUrl, { path: '#lesson=jacobian&expr=x%3D1' }));
  const other = await page.evaluate(() => window.backpropLab.getState());
  assert(/expr: only the lesson 'expression'/.test(other.banner), `expr outside its lesson: ${other.banner}`);
  await page.close();
});
