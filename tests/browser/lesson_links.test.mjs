// Links carry the settings of the lessons that have a settings command (set=, the command's JSON):
// the Jacobian's map and point, the composition's chain, the loss surface's optimizer settings and
// start. Copy link, open it in a new page: the same numbers. A bad set= is ignored in words and the
// lesson opens as it starts.
import { test, assert, openApp, openLesson, commandOk, waitFor } from './harness.mjs';

const CASES = [
  { lesson: 'jacobian', request: { cmd: 'setMap', W: [[0.3, -1.7], [2.25, 0.1]], b: [-0.4, 0.05], activation: 'sigmoid', x: [-1.25, 0.75] },
    same: ['W', 'b', 'activation', 'x', 'J', 'det', 'dLdx'] },
  { lesson: 'composition', request: { cmd: 'setChain', hidden: ['relu', 'tanh', 'identity'], output: 'tanh', x: [1.5, -0.25], t: -0.5, seed: 42, batch: 256 },
    same: ['hidden', 'output', 'x', 't', 'seed', 'batch', 'loss', 'dLdx', 'stored'] },
  { lesson: 'loss-surface', request: { cmd: 'setSurface', problem: 'plateau', lr: 0.1, momentum: 0.8, beta1: 0.85, beta2: 0.99, epsilon: 1e-6,
                                       l1: 0.001, l2: 0.002, batch: 3, steps: 700, init: 'he', start: [-6.5, 3.25], show: { gd: true, sgd: false, momentum: true, adam: true } },
    same: ['problem', 'lr', 'momentum', 'beta1', 'beta2', 'epsilon', 'l1', 'l2', 'batch', 'steps', 'init', 'start', 'adamDistance', 'gdObjective'] },
];

test('links: set= carries the Jacobian, composition and loss-surface settings exactly', async ({ context, baseUrl }) => {
  for (const c of CASES) {
    let { page } = await openApp(context, baseUrl);
    await openLesson(page, c.lesson);
    const before = (await commandOk(page, c.request)).lessonState;
    const link = await page.evaluate(() => window.backpropLab.getLink());
    assert(/(^|&)set=/.test(link.fragment), `${c.lesson}: the link has its settings: ${link.fragment}`);
    await page.close();
    ({ page } = await openApp(context, baseUrl, { path: '#' + link.fragment }));
    const after = await waitFor(page, () => window.backpropLab.getState(), (s) => s.lesson.id !== 'intro', `${c.lesson} to open from the link`);
    assert(after.lesson.id === c.lesson && after.banner === '', `${c.lesson}: opened without a banner: ${after.banner}`);
    for (const key of c.same) {
      assert(JSON.stringify(after.lessonState[key]) === JSON.stringify(before[key]),
             `${c.lesson}: ${key} is the same after the link: ${JSON.stringify(before[key])} vs ${JSON.stringify(after.lessonState[key])}`);
    }
    await page.close();
  }
});

test('links: a bad set= is ignored in words; set= for a lesson without settings too', async ({ context, baseUrl }) => {
  for (const [fragment, words] of [
    ['lesson=loss-surface&set=' + encodeURIComponent('{"lr": -1}'), /set: lr must be a number/],
    ['lesson=loss-surface&set=' + encodeURIComponent('{"lr": 0.5'), /set: not a JSON object/],
    ['lesson=jacobian&set=' + encodeURIComponent('[1, 2]'), /set: not a JSON object/],
    ['lesson=composition&set=' + encodeURIComponent('{"hidden": ["softmax"]}'), /set: hidden: activations/],
    ['lesson=perceptron&set=' + encodeURIComponent('{"eta": 1}'), /set: the lesson 'perceptron' has no settings/],
  ]) {
    const { page } = await openApp(context, baseUrl, { path: '#' + fragment });
    const s = await page.evaluate(() => window.backpropLab.getState());
    assert(words.test(s.banner), `${fragment}: the banner says why: ${s.banner}`);
    assert(s.lessonState !== null || s.lesson.id === 'perceptron', `${fragment}: the lesson still opens`);
    await page.close();
  }
});
