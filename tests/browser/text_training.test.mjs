// The training lessons' text (issue #15), read from what the app draws (getState().text) next to the
// numbers it computes (lessonState): the recurrent net says whether ∂L/∂h shrinks or grows from its
// own numbers and counts time with τ; the dead-ReLU text says what is true about reviving, names
// neurons one way on the bars and in the panel, and a higher η kills more neurons, not fewer; the
// gradient check calls its step ε.
import { test, assert, assertClose, openApp, openLesson, appState, command, commandOk, shownText, waitFor } from './harness.mjs';

// "a factor of 4.07 in size" → 4.07 (the app writes a true minus sign).
function factorIn(text) {
  const match = /a factor of (\S+) in size/.exec(text || '');
  return match ? Number(match[1].replace('−', '-')) : NaN;
}

test('text (rnn): ∂L/∂h shrinks or grows as the numbers say; time is τ, the loss L', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'rnn', (s) => s && 'sharedWeightGrad' in s);

  // The default cell (w = 0.9): every step back multiplies by w·tanh′ < 1, so ∂L/∂h shrinks.
  let s = (await commandOk(page, { cmd: 'setRnn', w: 0.9, u: 0.8, b: 0.1, target: 0.2 })).lessonState;
  let shown = await shownText(page, 'rnn#');
  let ratio = Math.abs(s.dh[0]) / Math.abs(s.dh[3]);
  assert(ratio < 1, `at w = 0.9 |∂L/∂h₁| / |∂L/∂h₄| = ${ratio} < 1`);
  assert('rnn#gradient-shrinks' in shown && !('rnn#gradient-grows' in shown),
         `at w = 0.9 the "shrinks" part is shown: ${Object.keys(shown)}`);
  assert(/shrinks/.test(shown['rnn#gradient-shrinks']), `shrinks: ${shown['rnn#gradient-shrinks']}`);
  assertClose(factorIn(shown['rnn#gradient-shrinks']), ratio, 0.01 * ratio, 'the factor shown at w = 0.9');

  // The lesson's "Try this": w = 2 with u and b unchanged. The h saturate near 1, tanh′ is tiny, and
  // w·tanh′ stays below 1: ∂L/∂h still shrinks (the lesson must not say it grows).
  s = (await commandOk(page, { cmd: 'setRnn', w: 2 })).lessonState;
  shown = await shownText(page, 'rnn#');
  ratio = Math.abs(s.dh[0]) / Math.abs(s.dh[3]);
  assert(s.h[2] > 0.95 && s.h[3] > 0.95, `at w = 2 the last h saturate: ${s.h}`);
  assert(ratio < 1, `at w = 2 (u = 0.8, b = 0.1) ∂L/∂h still shrinks: ratio ${ratio}`);
  assert('rnn#gradient-shrinks' in shown && !('rnn#gradient-grows' in shown),
         `at w = 2, u = 0.8 the "shrinks" part is shown: ${Object.keys(shown)}`);

  // The Try this's second half: u = 0.1, b = 0 keep the h small, w·tanh′ is above 1 and ∂L/∂h grows.
  s = (await commandOk(page, { cmd: 'setRnn', w: 2, u: 0.1, b: 0 })).lessonState;
  shown = await shownText(page, 'rnn#');
  ratio = Math.abs(s.dh[0]) / Math.abs(s.dh[3]);
  assert(ratio > 1, `at w = 2, u = 0.1, b = 0 |∂L/∂h₁| / |∂L/∂h₄| = ${ratio} > 1`);
  assert('rnn#gradient-grows' in shown && !('rnn#gradient-shrinks' in shown),
         `at w = 2, u = 0.1, b = 0 the "grows" part is shown: ${Object.keys(shown)}`);
  assert(/grows/.test(shown['rnn#gradient-grows']), `grows: ${shown['rnn#gradient-grows']}`);
  const factor = factorIn(shown['rnn#gradient-grows']);
  assert(factor > 1, `the factor shown is above 1: ${shown['rnn#gradient-grows']}`);
  assertClose(factor, ratio, 0.01 * ratio, 'the factor shown at w = 2, u = 0.1, b = 0');

  // Notation: time is τ, the loss L (never E, never "at step t").
  const all = Object.values(shown).join(' ');
  assert(/τ/.test(shown['rnn#intro']) && /τ = 4/.test(shown['rnn#gradient-grows']), `τ counts time: ${all}`);
  assert(/^∂L\/∂w/.test(shown['rnn#w-gradient']) && /∂L\/∂u/.test(shown['rnn#ub-gradient']), 'the loss is L');
  assert(!/∂E|\bE =/.test(all), `no E for the loss: ${all}`);
  await commandOk(page, { cmd: 'setRnn', w: 0.9, u: 0.8, b: 0.1 });
  await page.close();
});

test('text (training problems): dead ReLUs, a higher η, one neuron naming, the divergence sentence', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'training-problems', (s) => s && 'problem' in s);

  // The divergence sentence on the canvas is the API's divergenceMessage, with the numbers filled in.
  await commandOk(page, { cmd: 'setTrainingProblem', problem: 'divergence', learningRate: 10 });
  let s = (await commandOk(page, { cmd: 'trainEpochs', epochs: 200 })).lessonState;
  assert(s.diverged, 'η = 10 diverges');
  let shown = await shownText(page, 'training-problems#');
  assert(shown['training-problems#diverged'] === s.divergenceMessage,
         `shown: ${shown['training-problems#diverged']} / API: ${s.divergenceMessage}`);
  assert(/^⚠ Training stopped: .* at epoch \d+: the learning rate 10 is too high/.test(s.divergenceMessage), s.divergenceMessage);

  // Dead ReLUs at the default η = 0.1: the text says what is true about reviving, never "never".
  await commandOk(page, { cmd: 'setTrainingProblem', problem: 'dead-relu' });
  s = (await commandOk(page, { cmd: 'trainEpochs', epochs: 100 })).lessonState;
  assert(s.learningRate === 0.1, `the default η is 0.1: ${s.learningRate}`);
  const deadAtDefault = s.deadCount;
  shown = await shownText(page, 'training-problems#');
  const deadText = shown['training-problems#dead-relu'] || '';
  assert(/cannot revive by itself/.test(deadText) && /only if the layers before it change/.test(deadText),
         `the dead-ReLU text says how a neuron can come back: ${deadText}`);
  for (const [key, words] of Object.entries(shown)) assert(!/\bnever\b/i.test(words), `${key} says "never": ${words}`);
  assert(/Higher learning rates might help/.test(shown['training-problems#dead-relu-note'] || '') &&
         /makes them worse/.test(shown['training-problems#dead-relu-note']), 'the note on the slides answers the lecture');
  assert(/η = 3/.test(shown['training-problems#dead-relu-rate-try'] || ''), 'a Try this raises η');
  assert(shown['training-problems#dead-count'] === `Dead neurons: ${s.deadCount} of ${s.hiddenCount}.`,
         `the panel shows the count: ${shown['training-problems#dead-count']}`);

  // The Try this: η = 3 kills neurons that η = 0.1 keeps alive (more dead, not fewer).
  await commandOk(page, { cmd: 'setTrainingProblem', problem: 'dead-relu', learningRate: 3 });
  s = (await commandOk(page, { cmd: 'trainEpochs', epochs: 100 })).lessonState;
  assert(!s.diverged, 'η = 3 does not run away (the tanh output bounds the loss)');
  assert(s.deadCount >= deadAtDefault, `η = 3: ${s.deadCount} dead, not fewer than ${deadAtDefault} at η = 0.1`);
  assert(s.deadCount > deadAtDefault, `η = 3 kills neurons: ${s.deadCount} dead against ${deadAtDefault} at η = 0.1`);
  shown = await shownText(page, 'training-problems#');
  assert(shown['training-problems#dead-count'] === `Dead neurons: ${s.deadCount} of ${s.hiddenCount}.`,
         `the panel shows the count at η = 3: ${shown['training-problems#dead-count']}`);

  // One naming of neurons: the bars' legend, the panel's lists and the API all write a₃⁽¹⁾.
  s = (await commandOk(page, { cmd: 'provokeDeadRelus' })).lessonState;
  const name = /^a[₀-₉]+⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾$/u;
  assert(s.deadNeurons.length === s.deadCount && s.deadCount > 0, `dead names ${s.deadNeurons} for ${s.deadCount} dead`);
  for (const n of s.deadNeurons) assert(name.test(n), `a dead neuron's name in layer notation: ${n}`);
  shown = await shownText(page, 'training-problems#');
  const legend = shown['training-problems#bars-legend'] || '';
  assert(/a₁⁽¹⁾ is neuron 1 of hidden layer 1/.test(legend) && !/layer\.neuron|\b\d\.\d\b/.test(legend),
         `the bars' legend names neurons as the panel does: ${legend}`);
  const parts = (await appState(page)).text;
  const listed = parts.filter((p) => p.key === 'training-problems#layer-dead')
    .flatMap((p) => /^Hidden layer \d+: (.*) dead\.$/.exec(p.text)[1].split(', '));
  assert(listed.length === s.deadCount && listed.every((n) => s.deadNeurons.includes(n)),
         `the panel lists the same names: ${listed} / ${s.deadNeurons}`);
  assert(!parts.some((p) => p.key.startsWith('training-problems#') && /h⁽/.test(p.text)), 'no h⁽ˡ⁾ⱼ names left');
  await page.close();
});

test('text (gradient check): the step is ε in the shown text, not h', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'gradient-check', (s) => s && s.parameters > 0);
  let shown = await shownText(page, 'gradient-check#');
  assert(/with ε = 1e-05;/.test(shown['gradient-check#loss-line'] || ''), `the loss line: ${shown['gradient-check#loss-line']}`);
  assert(/L\(p \+ ε\) − L\(p − ε\)\) \/ 2ε/.test(shown['gradient-check#formula'] || ''), `the formula: ${shown['gradient-check#formula']}`);
  assert(/ε²/.test(shown['gradient-check#intro'] || ''), 'the intro names ε');
  let all = Object.values(shown).join(' ');
  assert(!/\bh\b|h =|2h\b/.test(all), `no h for the step: ${all}`);

  // A tiny step: the hint explains round-off with ε (the API's field stays "h").
  await commandOk(page, { cmd: 'gradientCheck', h: 1e-10 });
  await waitFor(page, () => window.backpropLab.getState().lessonState, (l) => l && l.h === 1e-10 && l.disagreeing > 0,
                'the check to re-run at ε = 1e-10 and show round-off');
  shown = await shownText(page, 'gradient-check#');
  assert(/^ε is tiny/.test(shown['gradient-check#hint-tiny'] || ''), `the hint: ${JSON.stringify(shown)}`);
  assert(/with ε = 1e-10;/.test(shown['gradient-check#loss-line'] || ''), `the loss line: ${shown['gradient-check#loss-line']}`);
  all = Object.values(shown).join(' ');
  assert(!/\bh\b|h =|2h\b/.test(all), `no h for the step at 1e-10: ${all}`);
  const refused = await command(page, { cmd: 'gradientCheck', h: 5 });
  assert(!refused.ok && /h must be/.test(refused.error), `the API word stays h: ${refused.error}`);
  await page.close();
});
