// Learners' own data (#17 item 4): a CSV goes into the playground (classes or regression) and into
// the perceptron lessons, by the API and as a dropped file; it comes back out exactly; bad rows are
// refused with their row and column and change nothing; a link carries up to 50 points and says
// when it does not. Screenshots of the playground on own data and of the Export section.
import { join } from 'node:path';
import { test, assert, openApp, openLesson, appState, command, commandOk, waitFor, waitForStill } from './harness.mjs';

// 40 points of three classes, with numbers that need all 17 digits to read back.
function threeClasses() {
  const rows = ['x1,x2,label'];
  for (let n = 0; n < 40; n++) {
    const angle = n * 2.399963229728653;
    const r = 0.15 + 0.7 * ((n * 0.6180339887498949) % 1);
    rows.push(`${Math.cos(angle) * r},${Math.sin(angle) * r},${n % 3}`);
  }
  return rows.join('\n') + '\n';
}

test('own data: the playground trains on a CSV, and it comes back out exactly', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'playground', (s) => s.built);
  const csv = threeClasses();
  await commandOk(page, { cmd: 'importData', text: csv });
  let lesson = (await appState(page)).lessonState;
  assert(lesson.values.data === 'own' && lesson.classes === 3 && lesson.head === 'softmax_ce', JSON.stringify(lesson.values));
  assert(lesson.trainSize + lesson.testSize === 40 && lesson.epoch === 0, `40 points split ${lesson.trainSize}/${lesson.testSize}`);
  const back = (await commandOk(page, { cmd: 'exportData' })).csv;
  assert(back === csv, `the export is the file itself:\n${back.slice(0, 200)}\nvs\n${csv.slice(0, 200)}`);
  // It trains on them: 200 epochs lower the loss.
  const before = lesson.train.loss;
  await commandOk(page, { cmd: 'runEpochs', epochs: 200 });
  lesson = (await appState(page)).lessonState;
  assert(lesson.epoch === 200 && lesson.train.loss < before, `training loss ${before} → ${lesson.train.loss}`);
  await waitForStill(page, 3);
  await page.screenshot({ path: join(artifactsDir, 'own-data-playground.png') });

  // A curve (x,y): regression, the x1 features only, a linear output.
  await commandOk(page, { cmd: 'importData', text: 'x,y\n-1,1\n-0.5,0.25\n0,0\n0.5,0.25\n1,1\n' });
  lesson = (await appState(page)).lessonState;
  assert(lesson.head === 'linear_mse' && lesson.values.features === 'x1' && lesson.classes === 0, JSON.stringify(lesson.values));
});

test('own data: bad rows are refused with row and column, and the data stays', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'playground', (s) => s.built);
  const cases = [
    ['x1,x2,label\n0,0,0\n0,abc,1\n', 'row 3, column 2: "abc" is not a number'],
    ['x1,x2,label\n0,0,0\n1,1\n', 'row 3: this row has 2 values, but the points have 3 (x1,x2,label)'],
    ['x1,x2,label\n0,0,0\n1,1,1.5\n', 'row 3, column 3: the label 1.5 is not a class'],
    ['x1,x2,colour\n0,0,0\n', 'row 1: the header "x1,x2,colour" is not one of'],
    ['x,y\n0,0\n20,1\n', 'row 3, column 1: the coordinate 20 is outside -10 to 10'],
    ['x1,x2,label\n0,0,0\n1,1,0\n', 'at least two classes'],
    ['', 'there are no points'],
  ];
  for (const [text, expected] of cases) {
    const answer = await command(page, { cmd: 'importData', text });
    assert(!answer.ok && answer.error.includes(expected), `${JSON.stringify(text)}: ${answer.error}`);
  }
  const lesson = (await appState(page)).lessonState;
  assert(lesson.values.data === 'circle' && lesson.trainSize === 100, 'the circle is still there');
  const message = await page.evaluate(() => window.backpropLabFiles.importText('x1,x2,label\n0,0,0\n0,q,1\n', 'mine.csv'));
  assert(!message.ok, 'a dropped CSV takes the same path');
  const shown = await page.evaluate(() => document.getElementById('file-message').textContent);
  assert(/Not imported \(mine\.csv\): row 3, column 2/.test(shown), shown);
});

test('own data: a link carries up to 50 points exactly, and says when it carries none', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'playground', (s) => s.built);
  const small = 'x1,x2,label\n0.1,0.2,0\n-0.30000000000000004,0.7,1\n0.5,-0.5,0\n-0.8,-0.1,1\n';
  await commandOk(page, { cmd: 'importData', text: small });
  const link = await commandOk(page, { cmd: 'getLink' });
  assert(/(^|&)pts=/.test(link.fragment), `the link has pts: ${link.fragment}`);
  const second = await openApp(context, baseUrl, { path: '#' + link.fragment });
  await waitFor(second.page, () => window.backpropLab.getState().lessonState, (s) => s.built, 'the linked playground');
  const again = (await commandOk(second.page, { cmd: 'exportData' })).csv;
  assert(again === small, `the linked data is the same:\n${again}`);
  await second.page.close();

  await commandOk(page, { cmd: 'importData', text: threeClasses() + '0.5,0.5,0\n'.repeat(11) });
  const big = await commandOk(page, { cmd: 'getLink' });
  assert(!/(^|&)pts=/.test(big.fragment) && !/data=own/.test(big.fragment), 'more than 50 points stay out');
  assert(big.notes.some((n) => /your data \(51 points\) is not in the link/.test(n)), JSON.stringify(big.notes));
});

test('own data: the perceptron lessons take two classes in the plane, and nothing else', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl);
  await openLesson(page, 'perceptron');
  const csv = 'x1,x2,label\n-0.5,-0.5,0\n0.5,0.5,1\n-0.4,0.3,0\n0.6,-0.2,1\n';
  await commandOk(page, { cmd: 'importData', text: csv });
  let lesson = (await appState(page)).lessonState;
  assert(lesson.points === 4 && lesson.epochs === 0, 'four points, the unit restarted');
  assert((await commandOk(page, { cmd: 'exportData' })).csv === csv, 'exported as given');
  const three = await command(page, { cmd: 'importData', text: csv + '0,0,2\n' });
  assert(!three.ok && /two classes \(labels 0 and 1\), but the data has 3 classes/.test(three.error), three.error);
  const curve = await command(page, { cmd: 'importData', text: 'x,y\n0,1\n1,2\n' });
  assert(!curve.ok && /two classes in the plane/.test(curve.error), curve.error);
  lesson = (await appState(page)).lessonState;
  assert(lesson.points === 4, 'still the four points');
  await openLesson(page, 'intro');
  const none = await command(page, { cmd: 'importData', text: csv });
  assert(!none.ok && /this lesson has no points to replace/.test(none.error), none.error);
  // The Export / import section opens with the news of an import: a screenshot of it.
  await openLesson(page, 'perceptron');
  await commandOk(page, { cmd: 'importData', text: csv });
  await waitForStill(page, 3);
  await page.screenshot({ path: join(artifactsDir, 'own-data-export-section.png') });
});
