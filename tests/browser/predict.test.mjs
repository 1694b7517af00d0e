// Predict, then reveal (#16): on the published worked example (M. Mazur's numbers), every typical
// mistake typed as a learner would get it gets its diagnosis; the tolerance's edges; reveal and the
// score; a whole step by keyboard alone with the screen-reader mirror; the link key; screenshots of a
// question, a right and a wrong answer in both themes.
import { join } from 'node:path';
import { test, assert, openApp, openLesson, command, commandOk, stepState, shownText, waitFor, waitForFrames, waitForStill } from './harness.mjs';

const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const readStep = () => window.backpropLab.getState().step;

// The core's value of a question, read from the trace the API gives (the test's oracle for right answers).
function valueOf(step, q) {
  const layer = step.layers[q.layer];
  switch (q.quantity) {
    case 'z': return layer.z[q.neuron];
    case 'a': return layer.a[q.neuron];
    case 'lossTerm': return step.lossTerms[q.neuron];
    case 'loss': return step.loss;
    case 'derivative': return layer.derivative[q.neuron];
    case 'dLda': return layer.dL_da[q.neuron];
    case 'delta': return layer.delta[q.neuron];
    case 'dLdw': return layer.dW[q.neuron][q.input];
    case 'dLdb': return layer.db[q.neuron];
    case 'newWeight': return layer.newW[q.neuron][q.input];
    case 'newBias': return layer.newB[q.neuron];
    default: throw new Error(`unknown quantity ${q.quantity}`);
  }
}

// Predict mode from the start of the first step, revealing every question before the wanted one.
async function askFor(page, quantity, layer, neuron, input = 0) {
  await commandOk(page, { cmd: 'setPredict', on: false });
  await commandOk(page, { cmd: 'restartStep' });
  await commandOk(page, { cmd: 'setPredict', on: true });
  let step = (await commandOk(page, { cmd: 'step', direction: 'next', granularity: 'step' })).step;
  for (let guard = 0; guard < 60; guard += 1) {
    const q = step.predict.question;
    assert(q, `a question is asked on the way to ${quantity} ${layer}.${neuron}.${input}`);
    if (q.quantity === quantity && q.layer === layer && q.neuron === neuron && q.input === input) return step;
    step = (await commandOk(page, { cmd: 'revealPrediction' })).step;
  }
  throw new Error(`${quantity} ${layer}.${neuron}.${input} was never asked`);
}

test('predict: every typical mistake, typed as a learner gets it, is named', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'worked-example');
  await commandOk(page, { cmd: 'setPrecision', digits: 9 });
  // Mazur's published numbers (layer 0 = hidden h1, h2; layer 1 = outputs o1, o2; η = 0.5).
  const outO1 = 0.75136507, outH1 = 0.593269992, outH2 = 0.596884378, deltaO1 = 0.138498562, deltaO2 = -0.038098236;
  const cases = [
    ['z', 0, 0, 0, 0.0275, 'no-bias'],                          // 0.15·0.05 + 0.2·0.1, without b1 = 0.35
    ['a', 0, 0, 0, 0.3775, 'no-activation'],                    // net_h1 itself
    ['lossTerm', 1, 0, 0, 2 * 0.274811083, 'no-half'],          // (0.01 − 0.75136507)²
    ['loss', 1, 1, 0, 0.298371109 / 2, 'mean-not-sum'],         // the mean of the two terms
    ['derivative', 1, 0, 0, sigmoid(outO1) * (1 - sigmoid(outO1)), 'derivative-at-a'],  // σ′ at out_o1
    ['dLda', 1, 0, 0, -(outO1 - 0.01), 'sign-flipped'],         // t − a
    ['delta', 1, 0, 0, -deltaO1, 'sign-flipped'],
    ['delta', 1, 0, 0, outO1 - 0.01, 'no-derivative'],          // ∂E/∂out without σ′
    ['dLda', 0, 0, 0, deltaO1 * 0.35891648 + deltaO2 * 0.51130127, 'updated-weights'],  // w5⁺, w7⁺
    ['dLdw', 1, 0, 0, deltaO1, 'no-input'],                     // δ_o1 alone
    ['dLdw', 1, 0, 0, deltaO1 * outH2, 'wrong-input'],          // δ_o1 · out_h2 for w5
    ['newWeight', 1, 0, 0, 0.4 + 0.5 * 0.082167041, 'plus-eta'],
    ['newWeight', 1, 0, 0, 0.4 - 0.082167041, 'no-eta'],
    ['newWeight', 1, 0, 0, 0.4 - 0.5 * deltaO1, 'update-no-input'],
  ];
  for (const [quantity, layer, neuron, input, typed, mistake] of cases) {
    await askFor(page, quantity, layer, neuron, input);
    const answer = await commandOk(page, { cmd: 'predict', value: typed.toPrecision(9) });
    const verdict = answer.step.predict.verdict;
    assert(verdict && verdict.right === false, `${quantity} ${layer}.${neuron}: ${typed} is wrong: ${JSON.stringify(verdict)}`);
    assert(verdict.mistake === mistake, `${quantity} ${layer}.${neuron}: ${typed} is named '${mistake}', got '${verdict.mistake}'`);
    await waitForFrames(page, 2);
    const shown = await shownText(page, 'predict#');
    assert(shown[`predict#${mistake}`] && shown[`predict#${mistake}`] === verdict.diagnosis,
           `the diagnosis is on screen: ${JSON.stringify(Object.keys(shown))}`);
    assert(/Not quite/.test(shown['predict#wrong'] || ''), `the verdict says wrong: ${shown['predict#wrong']}`);
  }
  // An answer no mistake explains gets the formula only.
  await askFor(page, 'delta', 1, 0);
  const unknown = (await commandOk(page, { cmd: 'predict', value: 0.5 })).step.predict.verdict;
  assert(unknown.right === false && unknown.mistake === null && unknown.diagnosis === null, `0.5: no diagnosis: ${JSON.stringify(unknown)}`);
  assert(/= 0\.138498562$/.test(unknown.formula), `the verdict's formula ends in the value: ${unknown.formula}`);
  await page.close();
});

test('predict: the tolerance is one unit of the last digit shown; reveal; the score; refusals', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'worked-example');
  await commandOk(page, { cmd: 'setPrecision', digits: 4 });
  // δ_o1 = 0.138498562, shown 0.1385: 0.1384 is 0.99e-4 off (right), 0.1386 is 1.01e-4 off (wrong).
  let step = await askFor(page, 'delta', 1, 0);
  assert(step.predict.question.formula === 'δ_o1 = ∂E_total/∂out_o1 · ∂out_o1/∂net_o1 = 0.7414 · 0.1868 = ?',
         `the question's formula: ${step.predict.question.formula}`);
  let verdict = (await commandOk(page, { cmd: 'predict', value: '0.1384' })).step.predict.verdict;
  assert(verdict.right === true, `0.1384 is within one unit: ${JSON.stringify(verdict)}`);
  await askFor(page, 'delta', 1, 0);
  verdict = (await commandOk(page, { cmd: 'predict', value: '0.1386' })).step.predict.verdict;
  assert(verdict.right === false, `0.1386 is just outside: ${JSON.stringify(verdict)}`);
  // Text a learner types: a minus sign copied from a formula reads; words are refused, nothing changes.
  step = await askFor(page, 'dLda', 1, 1);  // ∂E/∂out_o2 = 0.772928465 − 0.99 = −0.217071535
  const askedBefore = step.predict.score.step.asked;
  const refused = await command(page, { cmd: 'predict', value: 'minus a fifth' });
  assert(refused.ok === false && /your prediction/.test(refused.error), `words are refused in words: ${JSON.stringify(refused)}`);
  step = await stepState(page);
  assert(step.predict.question.quantity === 'dLda' && step.predict.score.step.asked === askedBefore, 'the refusal changed nothing');
  verdict = (await commandOk(page, { cmd: 'predict', value: '−0.2171' })).step.predict.verdict;
  assert(verdict.right === true, `−0.2171 with U+2212 is right: ${JSON.stringify(verdict)}`);
  // Reveal: the value, counted as asked and not right; the station moves on after its last question.
  step = await askFor(page, 'z', 0, 0);
  assert(step.position === 0 && step.predict.question.index === 0 && step.predict.question.count === 2, 'z₁⁽¹⁾ is asked first of two');
  step = (await commandOk(page, { cmd: 'revealPrediction' })).step;
  assert(step.predict.verdict.revealed === true && step.predict.verdict.expected === step.layers[0].z[0], 'reveal gives the core value');
  step = (await commandOk(page, { cmd: 'predict', value: valueOf(step, step.predict.question).toPrecision(4) })).step;
  assert(step.position === 1 && step.predict.question !== null, `after a's answer the station is shown and the next is asked (step granularity): ${step.position}`);
  assert(step.predict.score.step.right === 1 && step.predict.score.step.asked === 2, `score ${JSON.stringify(step.predict.score)}`);
  await waitForFrames(page, 2);
  const shown = await shownText(page, 'predict#');
  assert(/This step: 1 of 2 right first time/.test(shown['predict#score'] || ''), `the score on screen: ${shown['predict#score']}`);
  // Refusals: no question outside predict mode.
  await commandOk(page, { cmd: 'setPredict', on: false });
  const off = await command(page, { cmd: 'predict', value: 1 });
  assert(off.ok === false && /predict mode is off/.test(off.error), `off: ${JSON.stringify(off)}`);
  await page.close();
});

test('predict: keyboard alone through one whole step of the worked example, with the screen-reader mirror', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example' });
  await page.focus('#canvas');
  await page.keyboard.press('4');  // whole steps
  await page.keyboard.press('p');  // predict mode
  await page.keyboard.press('ArrowRight');
  let step = await waitFor(page, readStep, (s) => s.predict.on && s.predict.question, 'P then → to ask the first question');
  const live = await page.evaluate(() => document.getElementById('live').textContent);
  assert(/Predict net_h1: net_h1 = w1·i1 \+ w2·i2 \+ b_h1 = 0\.15·0\.05 \+ 0\.2·0\.1 \+ 0\.35 = \?/.test(live), `the mirror reads the question: ${live}`);
  let answered = 0;
  let wrongOnPurpose = false;
  while (step.predict.question && answered < 60) {
    await waitForFrames(page, 3);  // the new question's field takes the focus
    const q = step.predict.question;
    let typed = valueOf(step, q).toPrecision(6);
    if (!wrongOnPurpose && q.quantity === 'delta' && q.layer === 1 && q.neuron === 0) {
      typed = (-valueOf(step, q)).toPrecision(6);  // the sign flipped, once
      wrongOnPurpose = true;
    }
    const asked = step.predict.score.session.asked;
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    step = await waitFor(page, readStep, (s, n) => s.predict.score.session.asked === n + 1, `answer ${answered + 1} to be checked`, { arg: asked });
    answered += 1;
    if (wrongOnPurpose && answered > 0 && step.predict.verdict.mistake === 'sign-flipped') {
      await waitForFrames(page, 3);
      const said = await page.evaluate(() => document.getElementById('live').textContent);
      assert(/Not quite/.test(said) && /sign is flipped/.test(said), `the mirror reads the verdict and its diagnosis: ${said}`);
    }
  }
  assert(answered === 43, `43 questions in the worked example's step: ${answered}`);
  assert(step.phase === 'done' && step.stepsTaken === 0, `the whole step is shown: ${step.phase}`);
  assert(step.predict.score.step.right === 42 && step.predict.score.step.asked === 43,
         `42 of 43 right (one sign flipped on purpose): ${JSON.stringify(step.predict.score)}`);
  await page.screenshot({ path: join(artifactsDir, 'predict-keyboard-done.png') });
  await page.close();
});

test('predict: the link key opens a lesson in predict mode from its station; getLink keeps it', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example&step=backward.1.0&predict=1' });
  let step = await stepState(page);
  assert(step.predict.on === true && step.phase === 'backward', `predict mode at backward.1.0: ${JSON.stringify(step.predict)}`);
  step = (await commandOk(page, { cmd: 'step', direction: 'next', granularity: 'neuron' })).step;
  assert(step.predict.question && step.predict.question.quantity === 'dLda' && step.predict.question.neuron === 1,
         `the next station (backward, o2) is asked: ${JSON.stringify(step.predict.question)}`);
  const link = (await commandOk(page, { cmd: 'getLink' })).fragment;
  assert(/predict=1/.test(link), `the link carries predict=1: ${link}`);
  const bad = await openApp(context, baseUrl, { path: '#lesson=worked-example&predict=yes' });
  const banner = (await bad.page.evaluate(() => window.backpropLab.getState().banner));
  assert(/predict: 'yes' is not 1 or 0/.test(banner), `a bad value is said: ${banner}`);
  await bad.page.close();
  await page.close();
});

test('predict: screenshots of a question, a right and a wrong answer, in both themes', async ({ context, baseUrl, artifactsDir }) => {
  for (const theme of ['dark', 'light']) {
    const { page } = await openApp(context, baseUrl, { path: `#lesson=worked-example&theme=${theme}` });
    await askFor(page, 'delta', 1, 0);
    await waitForStill(page);
    await page.screenshot({ path: join(artifactsDir, `predict-question-${theme}.png`) });
    await commandOk(page, { cmd: 'predict', value: '-0.138499' });
    await askFor(page, 'delta', 1, 0);
    await commandOk(page, { cmd: 'predict', value: '-0.138499' });
    await waitForStill(page);
    await page.screenshot({ path: join(artifactsDir, `predict-wrong-${theme}.png`) });
    await askFor(page, 'delta', 1, 0);
    await commandOk(page, { cmd: 'predict', value: '0.138499' });
    await waitForStill(page);
    await page.screenshot({ path: join(artifactsDir, `predict-right-${theme}.png`) });
    await page.close();
  }
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example', viewport: { width: 480, height: 320 } });
  await askFor(page, 'z', 0, 0);
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'predict-question-480.png') });
  await page.close();
});

test('predict: the autodiff graph asks values and gradients, and names one path only and the wrong factor', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=autodiff&precision=9' });
  const lesson = () => window.backpropLab.getState().lessonState;
  await commandOk(page, { cmd: 'setPredict', on: true });
  await commandOk(page, { cmd: 'graphStep', direction: 'end' });
  let s = await waitFor(page, lesson, (l) => l.predict.question, 'the graph to ask its first question');
  assert(s.position === 0 && s.predict.question.gradient === false, `the first node's value is asked first: ${JSON.stringify(s.predict.question)}`);
  assert(/ = \?$/.test(s.predict.question.formula), `its formula ends in ?: ${s.predict.question.formula}`);
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'predict-graph-question.png') });
  // Reveal until ∂E/∂w5 is asked; answer it with the product's own factor w5 = 0.40:
  // ∂E/∂(w5·out_h1) · w5 = 0.138498562 · 0.40 = 0.055399425 instead of · out_h1 (0.082167041).
  const revealUntil = async (name) => {
    for (let guard = 0; guard < 80; guard += 1) {
      const state = (await commandOk(page, { cmd: 'revealPrediction' })).lessonState;
      if (state.predict.question && state.predict.question.name === name) return state;
      assert(state.predict.question, `${name} is asked before the graph ends`);
    }
    throw new Error(`${name} never asked`);
  };
  s = await revealUntil('∂E/∂w5');
  let verdict = (await commandOk(page, { cmd: 'predict', value: 0.055399425 })).lessonState.predict.verdict;
  assert(verdict.mistake === 'wrong-operand' && /wrong factor/.test(verdict.diagnosis), `w5 by its own factor: ${JSON.stringify(verdict)}`);
  assert(/= 0\.08216704\d*$/.test(verdict.formula), `the verdict's formula gives 0.082167041: ${verdict.formula}`);
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'predict-graph-wrong.png') });
  // ∂E/∂out_h1 = 0.138498562·0.40 + (−0.038098236)·0.50 = 0.036350306; one path alone is one of the two terms.
  s = (await stepAfter(page)).lessonState;
  if (!(s.predict.question && s.predict.question.name === '∂E/∂out_h1')) s = await revealUntil('∂E/∂out_h1');
  const oneTerm = /\(−0\.0380982/.test(s.predict.question.formula.split(' = ')[2].split(' + ').pop()) ? -0.019049118 : 0.055399425;
  verdict = (await commandOk(page, { cmd: 'predict', value: oneTerm })).lessonState.predict.verdict;
  if (verdict.mistake !== 'one-path') {
    // The other term is the path of the product that passes last: the diagnosis names that one.
    await commandOk(page, { cmd: 'setPredict', on: false });
    await commandOk(page, { cmd: 'graphStep', direction: 'start' });
    await waitFor(page, lesson, (l) => l.position === 0, 'back to the start');
    await commandOk(page, { cmd: 'setPredict', on: true });
    await commandOk(page, { cmd: 'graphStep', direction: 'end' });
    await waitFor(page, lesson, (l) => l.predict.question, 'asked again');
    await revealUntil('∂E/∂out_h1');
    verdict = (await commandOk(page, { cmd: 'predict', value: oneTerm === 0.055399425 ? -0.019049118 : 0.055399425 })).lessonState.predict.verdict;
  }
  assert(verdict.mistake === 'one-path' && /used twice/.test(verdict.diagnosis), `one path of out_h1: ${JSON.stringify(verdict)}`);
  assert(Math.abs(verdict.expected - 0.036350306) < 1e-9, `∂E/∂out_h1 = 0.036350306: ${verdict.expected}`);
  await page.close();
});

async function stepAfter(page) {
  return { lessonState: await page.evaluate(() => window.backpropLab.getState().lessonState) };
}
