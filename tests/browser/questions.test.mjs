// Questions, goals and progress (#16, parts 3–5): every lesson's questions answered wrong and right
// through the API with their explanations shown; a predict-the-experiment question revealed by its
// run; a goal that ticks itself and the lesson list's mark; progress kept over a reload and forgotten;
// embedded without permission localStorage is not touched; answer events reach an allowed host page
// only. The right answers of number questions are read from the content files themselves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, assert, openApp, openLesson, appState, command, commandOk, shownText, waitFor, waitForFrames, waitForStill, openCrossOriginHost } from './harness.mjs';

const contentDir = new URL('../../content/en/', import.meta.url);
// The **Answer:** of each number question in a lesson file, by key.
function numberAnswers(lesson) {
  const text = readFileSync(new URL(`${lesson}.md`, contentDir), 'utf8');
  const answers = {};
  let id = null;
  for (const line of text.split('\n')) {
    const heading = /\{#(q-[a-z0-9-]+)\}\s*$/.exec(line);
    if (heading) id = heading[1];
    const answer = /^\*\*Answer:\*\*\s*(\S+)/.exec(line);
    if (answer && id) answers[`${lesson}#${id}`] = Number(answer[1].replace('−', '-'));
  }
  return answers;
}

const readQuiz = () => window.backpropLab.getState().quiz;

test('questions: every lesson has two or more, each answered wrong then right shows why', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  const lessons = (await appState(page)).lessons;
  let total = 0, experiments = 0;
  for (const lesson of lessons) {
    await openLesson(page, lesson);
    const quiz = await waitFor(page, readQuiz, (q) => q.questions.length > 0, `${lesson}'s questions`);
    assert(quiz.questions.length >= 2, `${lesson} has ${quiz.questions.length} questions`);
    await waitForFrames(page, 12);  // the goals and experiments are checked against the lesson's state
    const checked = await appState(page);
    for (const item of [...checked.quiz.questions, ...checked.quiz.goals]) {
      assert(!item.error, `${item.key}: its condition names what the lesson has: ${item.error}`);
    }
    const answers = numberAnswers(lesson);
    for (const q of quiz.questions) {
      total += 1;
      if (q.kind === 'number') {
        assert(answers[q.key] !== undefined, `${q.key}: its answer is in the file`);
        const wrong = (await commandOk(page, { cmd: 'answerQuestion', key: q.key, value: answers[q.key] + 1000 })).quiz;
        const asked = wrong.questions.find((x) => x.key === q.key);
        assert(asked.answered && asked.right === false && asked.explanation.length > 20, `${q.key} wrong: ${JSON.stringify(asked)}`);
        await commandOk(page, { cmd: 'resetQuestion', key: q.key });
        const right = (await commandOk(page, { cmd: 'answerQuestion', key: q.key, value: String(answers[q.key]) })).quiz;
        const done = right.questions.find((x) => x.key === q.key);
        assert(done.right === true && done.explanation.length > 20, `${q.key} right: ${JSON.stringify(done)}`);
        continue;
      }
      // Choices: each one in turn; every one explains itself, exactly one is right.
      let rights = 0;
      for (let c = 0; c < q.choices.length; c += 1) {
        await commandOk(page, { cmd: 'resetQuestion', key: q.key });
        const after = (await commandOk(page, { cmd: 'answerQuestion', key: q.key, choice: c })).quiz;
        const asked = after.questions.find((x) => x.key === q.key);
        if (q.kind === 'experiment') {
          // The verdict waits for the run (unless the lesson's state already shows it).
          assert(asked.waiting || asked.answered, `${q.key}: the prediction is taken`);
          if (asked.waiting) assert(asked.explanation === '' && asked.run, `${q.key}: nothing revealed before the run (${asked.run})`);
          continue;
        }
        assert(asked.answered && asked.explanation.length > 20, `${q.key} choice ${c} explains itself: ${JSON.stringify(asked)}`);
        if (asked.right) rights += 1;
        await waitForFrames(page, 2);
        const shown = await shownText(page, 'predict#quiz-');
        assert(shown[asked.right ? 'predict#quiz-right' : 'predict#quiz-wrong'], `${q.key}: the verdict is on screen`);
        if (!asked.right) assert(shown['predict#quiz-answer'], `${q.key}: a wrong choice shows the right one too`);
      }
      if (q.kind === 'experiment') experiments += 1;
      else assert(rights === 1, `${q.key}: exactly one choice is right (${rights})`);
    }
    await commandOk(page, { cmd: 'forgetProgress' });
  }
  assert(total >= 36 && experiments >= 3, `${total} questions, ${experiments} predict-the-experiment`);
  console.log(`        ${total} questions in ${lessons.length} lessons, ${experiments} predict the experiment`);
  await page.close();
});

test('questions: predict the experiment waits for the run and answers with its numbers; a goal ticks itself', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=xor' });
  let quiz = await waitFor(page, readQuiz, (q) => q.questions.length > 0, 'the xor questions');
  const experiment = quiz.questions.find((q) => q.kind === 'experiment');
  assert(experiment, 'xor has a predict-the-experiment question');
  quiz = (await commandOk(page, { cmd: 'answerQuestion', key: experiment.key, choice: 0 })).quiz;
  assert(quiz.questions.find((q) => q.key === experiment.key).waiting, 'the prediction waits for the run');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'questions-experiment-waiting.png') });
  // The run: 300 epochs (the lesson's own command), then the answer shows with the run's numbers.
  await commandOk(page, { cmd: 'perceptronRun', epochs: 300 });
  const done = await waitFor(page, readQuiz, (q, key) => q.questions.find((x) => x.key === key).answered,
                             'the run to reveal the answer', { arg: experiment.key });
  const revealed = done.questions.find((q) => q.key === experiment.key);
  const lesson = (await appState(page)).lessonState;
  assert(revealed.explanation.length > 20 && !/\{[a-zA-Z.]+\}/.test(revealed.explanation),
         `the explanation has the run's numbers filled in: ${revealed.explanation}`);
  // Choice 0 ("None") explains itself with the run's fewest mistakes in an epoch.
  assert(revealed.explanation.endsWith(`The fewest mistakes in any epoch so far: ${lesson.fewestMistakes}.`),
         `it names the run's own number (${lesson.fewestMistakes} fewest mistakes): ${revealed.explanation}`);
  // The screen-reader mirror says the verdict and the explanation.
  const said = await waitFor(page, () => window.backpropLab.getState().announcement, (text) => /Not quite|Right/.test(text),
                             'the verdict for the screen-reader mirror');
  assert(said.includes(revealed.question) && said.includes('The fewest mistakes'), `the mirror: ${said}`);
  const goal = done.goals.find((g) => g.met);
  assert(goal, `a goal of the xor lesson is met after 300 epochs: ${JSON.stringify(done.goals)}`);
  const progress = (await appState(page)).progress.lessons.xor;
  assert(progress.met >= 1 && progress.answered >= 1 && progress.mark !== '', `the lesson list's mark: ${JSON.stringify(progress)}`);
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'questions-experiment-answered.png') });
  await page.close();
});

test('questions: progress survives a reload; Forget clears it; a damaged value is ignored with a notice', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=xor' });
  const quiz = await waitFor(page, readQuiz, (q) => q.questions.length > 0, 'the xor questions');
  const choice = quiz.questions.find((q) => q.kind === 'choice');
  await commandOk(page, { cmd: 'answerQuestion', key: choice.key, choice: 1 });
  await waitFor(page, () => window.localStorage.getItem('backprop-lab-progress') || '', (text, key) => text.includes(key),
                'the answer stored', { arg: choice.key });
  await page.reload();
  await page.evaluate(() => window.backpropLab.ready.then(() => true));
  let kept = await waitFor(page, readQuiz, (q, key) => q.questions.some((x) => x.key === key && x.answered),
                           'the answer back after a reload', { arg: choice.key });
  assert(kept.questions.find((q) => q.key === choice.key).choice === 1, 'the same choice after the reload');
  await openLesson(page, 'intro');
  await waitForStill(page);
  await page.screenshot({ path: join(artifactsDir, 'questions-lesson-list-progress.png') });
  await commandOk(page, { cmd: 'forgetProgress' });
  await waitFor(page, () => window.localStorage.getItem('backprop-lab-progress') || '', (text, key) => !text.includes(key),
                'the stored answer forgotten', { arg: choice.key });
  await page.reload();
  await page.evaluate(() => window.backpropLab.ready.then(() => true));
  await waitForFrames(page, 4);
  const state = await appState(page);
  assert(state.progress.lessons.xor.answered === 0, `forgotten after a reload too: ${JSON.stringify(state.progress.lessons.xor)}`);
  // A damaged value: a notice, a fresh start, no crash.
  await page.evaluate(() => window.localStorage.setItem('backprop-lab-progress', '{"version": 1, "questions": 7'));
  await page.reload();
  await page.evaluate(() => window.backpropLab.ready.then(() => true));
  const banner = await waitFor(page, () => window.backpropLab.getState().banner, (b) => b !== '', 'the notice');
  assert(/could not be read \(it is not JSON\)/.test(banner), `the notice says why: ${banner}`);
  await page.close();
});

test('questions: answer and progress events reach the allowed host page, never another', async ({ context, baseUrl }) => {
  const { page } = await openCrossOriginHost(context, baseUrl, 'lesson=xor&embed=1');
  const frame = (predicate) => page.frames().find((f) => f.url().startsWith(baseUrl) && predicate(f.url()));
  const allowed = frame((url) => url.includes('origin='));
  const other = frame((url) => !url.includes('origin='));
  for (const f of [allowed, other]) await f.evaluate(() => window.backpropLab.ready.then(() => true));
  // A learner answers in each app (here through each app's own API, as the widget does).
  for (const f of [allowed, other]) {
    await f.evaluate(() => {
      const q = window.backpropLab.getState().quiz.questions.find((x) => x.kind === 'choice');
      return window.backpropLab.command({ cmd: 'answerQuestion', key: q.key, choice: 0 });
    });
  }
  await page.waitForFunction(() => window.received.some((m) => m.from === 'allowed' && m.data.event === 'answer'), null, { timeout: 15000 });
  const answer = await page.evaluate(() => window.received.find((m) => m.data.event === 'answer').data.detail);
  assert(answer.lesson === 'xor' && typeof answer.right === 'boolean' && answer.question, `the answer event: ${JSON.stringify(answer)}`);
  await page.waitForFunction(() => window.received.some((m) => m.from === 'allowed' && m.data.event === 'progress'), null, { timeout: 15000 });
  for (const f of [allowed, other]) await waitForFrames(f, 6, 'a few frames after the answers');
  // The frame without origin= tells this host nothing.
  const fromOther = await page.evaluate(() => window.received.filter((m) => m.from === 'other').length);
  assert(fromOther === 0, `no event from a frame that does not allow this host (${fromOther} messages)`);
  await page.close();
});

test('questions: embedded, localStorage is touched only when the link says progress=1', async ({ context, baseUrl }) => {
  // Opened as pages of the app's own origin (where storage is always there to touch), counting calls.
  const counted = async (path) => {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.storageCalls = 0;
      for (const name of ['getItem', 'setItem', 'removeItem']) {
        const original = Storage.prototype[name];
        Storage.prototype[name] = function (...args) { window.storageCalls += 1; return original.apply(this, args); };
      }
    });
    await page.goto(baseUrl + 'index.html' + path);
    await page.evaluate(() => window.backpropLab.ready.then(() => true));
    await waitForFrames(page, 4);
    await page.evaluate(() => {
      const q = window.backpropLab.getState().quiz.questions.find((x) => x.kind === 'choice');
      return window.backpropLab.command({ cmd: 'answerQuestion', key: q.key, choice: 0 });
    });
    await waitForFrames(page, 6, 'the answer to be kept (or not)');
    const calls = await page.evaluate(() => window.storageCalls);
    const keep = await page.evaluate(() => window.backpropLab.getState().progress.keep);
    await commandOk(page, { cmd: 'forgetProgress' });
    await page.close();
    return { calls, keep };
  };
  const embedded = await counted('#lesson=xor&embed=1');
  assert(embedded.calls === 0 && embedded.keep === false, `embed=1: localStorage untouched: ${JSON.stringify(embedded)}`);
  const allowed = await counted('#lesson=xor&embed=1&progress=1');
  assert(allowed.calls >= 2 && allowed.keep === true, `embed=1&progress=1: read and written: ${JSON.stringify(allowed)}`);
  const full = await counted('#lesson=xor');
  assert(full.calls >= 2 && full.keep === true, `the full app keeps progress: ${JSON.stringify(full)}`);
});

test('questions: screenshots of each kind in both themes', async ({ context, baseUrl, artifactsDir }) => {
  for (const theme of ['dark', 'light']) {
    // Tall enough for the panel to show its questions without scrolling.
    const { page } = await openApp(context, baseUrl, { path: `#lesson=xor&theme=${theme}`, viewport: { width: 1280, height: 1500 } });
    const quiz = await waitFor(page, readQuiz, (q) => q.questions.length > 0, 'the xor questions');
    const number = quiz.questions.find((q) => q.kind === 'number');
    const choice = quiz.questions.find((q) => q.kind === 'choice');
    await commandOk(page, { cmd: 'answerQuestion', key: number.key, value: 1 });
    await commandOk(page, { cmd: 'answerQuestion', key: choice.key, choice: 0 });
    const experiment = quiz.questions.find((q) => q.kind === 'experiment');
    await commandOk(page, { cmd: 'answerQuestion', key: experiment.key, choice: 2 });
    await waitForStill(page);
    await page.screenshot({ path: join(artifactsDir, `questions-xor-${theme}.png`) });
    await commandOk(page, { cmd: 'forgetProgress' });
    await page.close();
  }
});

test('questions: the numbers the step-through lessons\' questions and goals state are the lesson\'s own', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=backprop' });
  const near = (value, expected, tolerance, what) =>
    assert(Math.abs(value - expected) <= tolerance, `${what}: ${value} (the question says ${expected})`);
  // backprop#q-output-delta: "an output neuron has a = 0.3383 and target t = 1", δ = −0.1481.
  let step = (await appState(page)).step;
  const last = step.layers.length - 1;
  near(step.layers[last].a[0], 0.3383, 5e-5, 'backprop: the first output');
  assert(step.t[0] === 1, `backprop: its target is 1: ${step.t[0]}`);
  near(step.layers[last].delta[0], -0.1481, 5e-5, 'backprop: its δ');
  // backprop#q-weight-update: "a weight from x₂ = 0.9 feeds a hidden neuron with δ = 0.0340".
  assert(step.x[1] === 0.9, `backprop: x₂ = 0.9: ${step.x[1]}`);
  near(step.layers[0].delta[1], 0.0340, 5e-5, 'backprop: the hidden δ₂');
  // backprop#goal-loss-below: "from 0.4241 to below 0.1 in 13 steps" at η = 0.5.
  near(step.loss, 0.4241, 5e-5, 'backprop: the first loss');
  // The first whole-step move walks the first step to its end; each further one takes a step.
  step = (await commandOk(page, { cmd: 'step', direction: 'next', granularity: 'step', count: 13 })).step;
  assert(step.stepsTaken === 12 && step.loss >= 0.1, `12 steps: still ${step.loss}`);
  step = (await commandOk(page, { cmd: 'step', direction: 'next', granularity: 'step', count: 1 })).step;
  assert(step.stepsTaken === 13 && step.loss < 0.1, `13 steps: ${step.loss}`);
  // worked-example#q-dw5: ∂E/∂w5 = 0.08217; goal: E_total below 0.1 after 30 steps, not 29.
  await openLesson(page, 'worked-example');
  step = (await appState(page)).step;
  near(step.layers[1].dW[0][0], 0.08217, 5e-6, 'worked example: ∂E/∂w5');
  step = (await commandOk(page, { cmd: 'step', direction: 'next', granularity: 'step', count: 30 })).step;
  assert(step.stepsTaken === 29 && step.loss >= 0.1, `29 steps: still ${step.loss}`);
  step = (await commandOk(page, { cmd: 'step', direction: 'next', granularity: 'step', count: 1 })).step;
  assert(step.stepsTaken === 30 && step.loss < 0.1, `30 steps: ${step.loss}`);
  // forward#q-forward-first-neuron: weights 0.3109, −0.8768, bias 0; at x = (1, 0.5) a = −0.1268.
  await openLesson(page, 'forward');
  step = (await appState(page)).step;
  near(step.layers[0].W[0][0], 0.3109, 5e-5, 'forward: w₁,₁');
  near(step.layers[0].W[0][1], -0.8768, 5e-5, 'forward: w₁,₂');
  assert(step.layers[0].b[0] === 0, 'forward: b₁ = 0');
  await commandOk(page, { cmd: 'typeValue', field: 'x:0', text: '1' });
  step = (await commandOk(page, { cmd: 'typeValue', field: 'x:1', text: '0.5' })).step;
  near(step.layers[0].a[0], -0.1268, 5e-5, 'forward: a₁ at x = (1, 0.5)');
  // forward#q-forward-zero-input: at x = (0, 0) the output is 0.50.
  await commandOk(page, { cmd: 'typeValue', field: 'x:0', text: '0' });
  step = (await commandOk(page, { cmd: 'typeValue', field: 'x:1', text: '0' })).step;
  near(step.layers[step.layers.length - 1].a[0], 0.5, 0.005, 'forward: the output at x = (0, 0)');
  // playground#q-parameters: 37 parameters; #q-updates: 200 points, 50 % training, batches of 10 →
  // 10 updates an epoch.
  await openLesson(page, 'playground');
  // The playground builds its data and network at its first frame.
  let playground = await waitFor(page, () => window.backpropLab.getState().lessonState, (l) => l && l.built === true,
                                 'the playground to be built');
  assert(playground.parameters === 37 && playground.trainSize === 100 && playground.values.batch === '10' &&
         playground.values.points === '200', `the playground's defaults: ${playground.parameters} parameters, ` +
         `${playground.trainSize} training points, batch ${playground.values.batch}`);
  playground = (await commandOk(page, { cmd: 'runEpochs', epochs: 1 })).playground;
  assert(playground.epoch === 1 && playground.batches === 10, `one epoch, ${playground.batches} updates`);
  await page.close();
});
