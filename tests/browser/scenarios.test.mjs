// Scenarios (#17): the shipped scenarios open from the lesson list's API, by link, from a dropped
// file and by postMessage; each sets its lesson up as its file says, and its questions and goals
// work on the real lesson's numbers. Failures — a 404, a file over 1 MB, a silent server, an origin
// the page does not allow, a broken file — reach the banner in words and change nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, assert, openApp, appState, command, commandOk, shownText, waitFor, waitForStill,
         openCrossOriginHost } from './harness.mjs';

const scenarioDir = new URL('../../scenarios/', import.meta.url);
const scenarioText = (name) => readFileSync(new URL(name, scenarioDir), 'utf8');
const key = (name, id) => `scenario:scenarios/${name}#${id}`;
const readQuiz = () => window.backpropLab.getState().quiz;
const readScenario = () => window.backpropLab.getState().scenario;
// The scenario's goal met (its questions and goals are the ones shown while it is open).
const scenarioGoalMet = (q) => q.goals.some((g) => g.key.startsWith('scenario:') && g.met);

async function openShipped(page, name) {
  const answer = await commandOk(page, { cmd: 'openScenario', path: `scenarios/${name}` });
  assert(answer.scenario.active && answer.scenario.shown, `${name} is open and shown`);
  return answer.scenario;
}

test('scenarios: four are shipped and listed, and each opens its lesson set up as its file says', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  const list = (await commandOk(page, { cmd: 'listScenarios' })).scenarios;
  assert(list.length >= 4, `${list.length} shipped scenarios`);
  for (const s of list) assert(s.title && s.lesson && s.title !== s.path, `${s.path} has a title and a lesson`);

  await openShipped(page, 'perceptron-six-points.md');
  let state = await appState(page);
  assert(state.lesson.id === 'perceptron' && state.lessonState.points === 6, 'the perceptron has the six points');
  const text = await shownText(page);
  assert(text['scenario#six'] && /narrow/.test(text['scenario#six']), 'the scenario\'s text is shown');
  assert(text['perceptron#intro'], 'after the lesson\'s own text ("text": "after")');
  assert(state.quiz.questions.length === 1 && state.quiz.goals.length === 1 &&
         [...state.quiz.questions, ...state.quiz.goals].every((q) => q.key.startsWith('scenario:scenarios/perceptron-six-points.md#')),
         `its questions and goals instead of the lesson's: ${JSON.stringify(state.quiz.questions.map((q) => q.key))}`);

  await openShipped(page, 'hidden-delta-by-hand.md');
  state = await appState(page);
  assert(state.lesson.id === 'backprop' && state.precision === 4, 'backprop at four digits');
  assert(state.step.layers.length === 2 && state.step.layers[0].W.length === 3 && state.step.layers[0].W[0][1] === -0.3,
         'the 2-3-1 network of the file');
  assert(state.step.predict.on, 'predict mode is on');
  const replaced = await shownText(page);
  assert(replaced['scenario#task'] && !Object.keys(replaced).some((k) => k.startsWith('backprop#')),
         `the lesson's own text is replaced: ${Object.keys(replaced)}`);

  await openShipped(page, 'xor-small-network.md');
  state = await appState(page);
  const values = state.lessonState.values;
  assert(state.lesson.id === 'playground' && values.data === 'xor' && values.hidden === '1' && values.lr === '0.1',
         `the playground's settings: ${JSON.stringify(values)}`);
  const link = (await commandOk(page, { cmd: 'getLink' })).fragment;
  assert(/lock=data%2Cpoints%2Cnoise%2Cseed%2Cratio%2Cfeatures|lock=data,points,noise,seed,ratio,features/.test(link),
         `the locks are in the view's link: ${link}`);
  assert(/scenario=scenarios(%2F|\/)xor-small-network\.md/.test(link), 'and the scenario\'s path');
  // Leaving keeps the lesson as it is and drops the scenario's text.
  await commandOk(page, { cmd: 'leaveScenario' });
  assert(!(await appState(page)).scenario.active, 'left');
  assert((await appState(page)).lessonState.values.hidden === '1', 'the lesson stays as the scenario left it');
});

test('scenarios: six points — predict the experiment, then close the gap (the goal)', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openShipped(page, 'perceptron-six-points.md');
  const question = key('perceptron-six-points.md', 'q-narrow-gap');
  await commandOk(page, { cmd: 'answerQuestion', key: question, choice: 1 });
  let quiz = await waitFor(page, readQuiz, (q) => q.questions.length > 0, 'the scenario\'s questions');
  assert(quiz.questions.some((q) => q.key === question && q.waiting), 'the prediction waits for the run');
  await commandOk(page, { cmd: 'perceptronRun', epochs: 1000, untilConverged: true });
  const lesson = (await appState(page)).lessonState;
  // The perceptron rule from w = 0, b = 0, η = 1, samples in the file's order, simulated by hand in
  // Python (z > 0 gives 1): two mistakes in most of the 309 epochs, then none. A separating line
  // exists, with a margin of about 0.004 at (0.5, 0.4).
  assert(lesson.converged && lesson.epochs === 309, `converged after ${lesson.epochs} epochs (309 expected)`);
  quiz = await waitFor(page, readQuiz, (q) => q.questions.some((x) => x.answered), 'the experiment to be revealed');
  const answered = quiz.questions.find((q) => q.key === question);
  assert(answered.right && /309 epochs/.test(answered.explanation), `revealed with the run's number: ${answered.explanation}`);

  // The goal: one class-1 point between the two class-0 points at lower left, and no line is left.
  await commandOk(page, { cmd: 'addPoint', x1: -0.45, x2: -0.45, label: 1 });
  await commandOk(page, { cmd: 'perceptronRun', epochs: 1000, untilConverged: true });
  quiz = await waitFor(page, readQuiz, scenarioGoalMet, 'the goal to be met');
});

test('scenarios: the hidden δ by hand — the file\'s answer is the app\'s number', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openShipped(page, 'hidden-delta-by-hand.md');
  const question = key('hidden-delta-by-hand.md', 'q-hidden-delta');
  const wrong = await commandOk(page, { cmd: 'answerQuestion', key: question, value: '-0.04865' });
  let q = wrong.quiz.questions.find((x) => x.key === question);
  assert(q.answered && !q.right, 'the hidden ∂L/∂a (without σ′) is not δ');
  await commandOk(page, { cmd: 'resetQuestion', key: question });
  q = (await commandOk(page, { cmd: 'answerQuestion', key: question, value: '-0.01157' })).quiz.questions.find((x) => x.key === question);
  assert(q.right, 'the file\'s answer is right');
  // The app's own δ, the whole step run with predict mode off. Independently, in NumPy:
  // z1 = W1 x + b1 = (0.45, 0.4, −0.1), a1 = σ(z1), z2 = 0.755622, a2 = 0.680403,
  // δ2 = (a2 − 1) a2 (1 − a2) = −0.0694980, δ1[0] = 0.7 δ2 a1[0] (1 − a1[0]) = −0.0115666.
  await commandOk(page, { cmd: 'setPredict', on: false });
  await commandOk(page, { cmd: 'jumpToPhase', phase: 'update' });
  const step = (await appState(page)).step;
  assert(Math.abs(step.layers[0].delta[0] - (-0.011566652)) < 1e-8, `δ of the first hidden neuron is ${step.layers[0].delta[0]}`);
  assert(step.layers[0].delta[1] > 0, 'the second hidden neuron\'s δ is positive (its weight out is −0.5)');
  assert(step.layers[1].delta[0] < 0 && Math.abs(step.layers[1].delta[0] - (-0.0694980)) < 1e-6, 'the output\'s δ');
});

test('scenarios: the two playground challenges — their goals are reachable and their stories true', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openShipped(page, 'xor-small-network.md');
  await waitFor(page, () => window.backpropLab.getState().lessonState, (s) => s.built, 'the playground to be built');
  await commandOk(page, { cmd: 'runEpochs', epochs: 300 });
  let lesson = (await appState(page)).lessonState;
  assert(lesson.test.accuracy < 0.9, `one hidden neuron stalls below 90 % (${lesson.test.accuracy})`);
  await commandOk(page, { cmd: 'configure', values: { hidden: '4' } });
  await commandOk(page, { cmd: 'runEpochs', epochs: 300 });
  lesson = (await appState(page)).lessonState;
  assert(lesson.parameters === 17, `a 2-4-1 network has ${lesson.parameters} parameters`);
  await waitFor(page, readQuiz, scenarioGoalMet, `the goal (test accuracy ${lesson.test.accuracy})`);

  await openShipped(page, 'overfitting-few-points.md');
  await waitFor(page, () => window.backpropLab.getState().lessonState, (s) => s.built, 'the playground to be built');
  const question = key('overfitting-few-points.md', 'q-overfit-moons');
  await commandOk(page, { cmd: 'answerQuestion', key: question, choice: 1 });
  await commandOk(page, { cmd: 'runEpochs', epochs: 2000 });
  lesson = (await appState(page)).lessonState;
  assert(lesson.trainSize === 15 && lesson.testSize === 15 && lesson.parameters === 105, '15 + 15 points, 105 parameters');
  assert(lesson.train.loss < 0.05 && lesson.test.loss > 1, `overfit: train ${lesson.train.loss}, test ${lesson.test.loss}`);
  const quiz = await waitFor(page, readQuiz, (q, key) => q.questions.some((x) => x.key === key && x.answered), 'the reveal',
                             { arg: question });
  const explanation = quiz.questions.find((x) => x.key === question).explanation;
  assert(explanation.includes(lesson.test.loss.toPrecision(6)) && explanation.includes(lesson.train.loss.toPrecision(6)),
         `the explanation quotes the run's losses ${lesson.train.loss}, ${lesson.test.loss}: ${explanation}`);
  assert(!scenarioGoalMet(quiz), 'the goal is not met by overfitting');
  await commandOk(page, { cmd: 'configure', values: { l2: 0.01 } });
  await commandOk(page, { cmd: 'newNetwork' });
  await commandOk(page, { cmd: 'runEpochs', epochs: 2000 });
  lesson = (await appState(page)).lessonState;
  assert(lesson.test.loss < 0.6, `with L2 0.01 the test loss is ${lesson.test.loss}`);
  await waitFor(page, readQuiz, scenarioGoalMet, 'the L2 goal');
});

test('scenarios: a link opens one; its failures reach the banner and change nothing', async ({ context, baseUrl }) => {
  let { page } = await openApp(context, baseUrl, { path: '#scenario=scenarios/overfitting-few-points.md' });
  const opened = await waitFor(page, readScenario, (s) => s.active, 'the linked scenario');
  assert(opened.lesson === 'playground' && opened.linkPath === 'scenarios/overfitting-few-points.md', JSON.stringify(opened));
  await page.close();

  const failures = [
    ['#lesson=xor&scenario=scenarios/nope.md', /could not be loaded \(scenarios\/nope\.md\): 404/],
    ['#lesson=xor&scenario=https%3A%2F%2Fexample.org%2Fx.md', /https:\/\/example\.org is not an allowed origin/],
    ['#lesson=xor&scenario=big.md', /could not be loaded \(big\.md\): the file is (2\.0 MB; the limit is 1 MB|larger than 1 MB, the limit)/],
    ['#lesson=xor&scenario=broken.md', /The scenario 'broken\.md' was not opened: line 3: lesson is 'nowhere'/],
  ];
  for (const [fragment, expected] of failures) {
    ({ page } = await openApp(context, baseUrl, { waitReady: false }));
    await page.route(baseUrl + 'big.md', (route) => route.fulfill({ status: 200, body: 'x'.repeat(2 * 1024 * 1024) }));
    await page.route(baseUrl + 'broken.md', (route) => route.fulfill({
      status: 200, body: '---\n{"scenario": 1, "title": "B",\n "lesson": "nowhere"}\n---\n' }));
    await page.goto(baseUrl + fragment);
    await page.evaluate(() => window.backpropLab.ready.then(() => true));
    const banner = await waitFor(page, () => window.backpropLab.getState().banner, (b) => b.length > 0, `the banner for ${fragment}`);
    assert(expected.test(banner), `${fragment}: ${banner}`);
    const state = await appState(page);
    assert(state.lesson.id === 'xor' && !state.scenario.active, `${fragment}: the link's lesson stays, no scenario`);
    await page.close();
  }
}, { allowConsoleErrors: /status of 404|Failed to load resource/ });

test('scenarios: a silent server is given up after 10 s, in words', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { waitReady: false });
  await page.route(baseUrl + 'silent.md', () => {});  // never answered
  await page.goto(baseUrl + '#lesson=intro&scenario=silent.md');
  await page.evaluate(() => window.backpropLab.ready.then(() => true));
  const banner = await waitFor(page, () => window.backpropLab.getState().banner, (b) => b.length > 0, 'the timeout',
                               { timeoutMs: 20000 });
  assert(/could not be loaded \(silent\.md\): no answer within 10 s/.test(banner), banner);
}, { allowConsoleErrors: /Failed to load resource|ERR_ABORTED|aborted/ });

test('scenarios: a dropped file opens; a broken one is refused with its lines and changes nothing', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  const good = scenarioText('perceptron-six-points.md');
  let answer = await page.evaluate((text) => window.backpropLabFiles.importText(text, 'mine.md'), good);
  assert(answer.ok && answer.scenario.name === 'mine.md' && answer.scenario.linkPath === '', JSON.stringify(answer));
  const message = await page.evaluate(() => document.getElementById('file-message').textContent);
  assert(/Opened the scenario \(mine\.md\)/.test(message), message);
  const broken = good.replace('"lesson": "perceptron"', '"lesson": "perceptron",\n  "precision": 99')
    .replace('[0.5, 0.4, 0]', '[0.5, 0.4, 9]');
  answer = await page.evaluate((text) => window.backpropLabFiles.importText(text, 'broken.md'), broken);
  assert(!answer.ok && /line 6: precision is the number 99/.test(answer.error) && /points\[5\]\[2\]: the label 9/.test(answer.error),
         `every problem, with its line: ${answer.error}`);
  const state = await appState(page);
  assert(state.scenario.active && state.scenario.name === 'mine.md' && state.precision !== 99 && state.lessonState.points === 6,
         'the scenario before stays as it was');
  assert(/broken\.md/.test(state.banner), `the banner says so: ${state.banner}`);
});

test('scenarios: postMessage loadScenario from an allowed host opens it; another origin is ignored', async ({ context, baseUrl }) => {
  const { page } = await openCrossOriginHost(context, baseUrl, 'lesson=intro&embed=1');
  const frame = (predicate) => page.frames().find((f) => f.url().startsWith(baseUrl) && predicate(f.url()));
  const allowed = frame((url) => url.includes('origin='));
  const other = frame((url) => !url.includes('origin='));
  for (const f of [allowed, other]) await f.evaluate(() => window.backpropLab.ready.then(() => true));
  const text = scenarioText('xor-small-network.md');
  const ids = await page.evaluate((t) => [window.send('allowed', { cmd: 'loadScenario', text: t, name: 'host.md' }),
                                          window.send('other', { cmd: 'loadScenario', text: t, name: 'host.md' })], text);
  await page.waitForFunction((id) => window.received.some((m) => m.data.id === id), ids[0], { timeout: 15000 });
  const reply = await page.evaluate((id) => window.received.find((m) => m.data.id === id).data.answer, ids[0]);
  assert(reply.ok && reply.scenario.lesson === 'playground', JSON.stringify(reply));
  assert((await allowed.evaluate(() => window.backpropLab.getState().scenario)).active, 'the allowed app opened it');
  await other.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1000)));
  assert(!(await other.evaluate(() => window.backpropLab.getState().scenario)).active, 'the other app did not');
  assert(!(await page.evaluate((id) => window.received.some((m) => m.data.id === id), ids[1])), 'and did not answer');
});

test('scenarios: screenshots — text after the lesson\'s, text instead of it with predict mode, narrow screens', async ({ context, baseUrl, artifactsDir }) => {
  for (const [name, width, height] of [['perceptron-six-points.md', 1280, 720], ['hidden-delta-by-hand.md', 1280, 720],
                                        ['xor-small-network.md', 1280, 720], ['perceptron-six-points.md', 480, 320]]) {
    const { page } = await openApp(context, baseUrl, { viewport: { width, height } });
    await openShipped(page, name);
    if (name.startsWith('hidden')) await commandOk(page, { cmd: 'step' });
    await waitForStill(page, 3);
    await page.screenshot({ path: join(artifactsDir, `scenario-${name.replace('.md', '')}-${width}.png`) });
    await page.close();
  }
});
