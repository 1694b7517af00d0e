// Links that carry the whole view (docs/embedding.md, "Links"): a copied link opened in a fresh page
// gives the same weights bit for bit and the same step position; the playground's link the same data
// and initial weights; bad links open with their valid part applied and a banner naming the rest.
import { join } from 'node:path';
import { test, assert, openApp, appState, command, stepState, openLesson, waitFor, waitForFrames } from './harness.mjs';

// Every number of the step, as JSON text: equal text means equal doubles (shortest round trip).
const stepNumbers = (step) => JSON.stringify(step.layers.map((l) => [l.W, l.b, l.newW, l.newB, l.shownW, l.shownB]));
const where = (step) => `${step.phase}.${step.layer}.${step.neuron} #${step.position} after ${step.stepsTaken} steps`;

async function reopen(context, baseUrl, fragment) {
  return openApp(context, baseUrl, { path: '#' + fragment });
}

test('links: the worked example after 7 stations and an edited w5 reopens bit for bit', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example' });
  let answer = await command(page, { cmd: 'step', direction: 'next', granularity: 'neuron', count: 7 });
  assert(answer.ok, `stepping: ${answer.error}`);
  // w5 of the published example: output layer (1), neuron o1 (0), input h1 (0). A value with 17 digits.
  answer = await command(page, { cmd: 'typeValue', field: 'W:1:0:0', text: '0.41234567890123456' });
  assert(answer.ok, `typing w5: ${answer.error}`);
  const before = await stepState(page);
  const link = await command(page, { cmd: 'getLink' });
  assert(link.ok && /^lesson=worked-example&/.test(link.fragment), `getLink: ${link.fragment}`);
  // Only w5 differs from the lesson's numbers, so only w5 travels, as the shortest exact decimal.
  assert(/&w=W:1:0:0:0\.4123456789012346&/.test(link.fragment), `only w5 travels: ${link.fragment}`);
  assert(link.fragment.length < 200, `the link is compact (${link.fragment.length} characters): ${link.fragment}`);
  assert(link.url.endsWith('#' + link.fragment) && link.url.startsWith('http'), `url: ${link.url}`);
  console.log(`        link: ${link.fragment}`);

  const fresh = await reopen(context, baseUrl, link.fragment);
  const after = await stepState(fresh.page);
  assert(where(after) === where(before), `same position: ${where(after)} vs ${where(before)}`);
  assert(stepNumbers(after) === stepNumbers(before), 'same weights, bit for bit (every W, b, new W, new b as JSON)');
  assert(after.layers[1].W[0][0] === 0.41234567890123456, `w5 = ${after.layers[1].W[0][0]}`);
  const state = await appState(fresh.page);
  assert(state.banner === '', `no banner for a clean link: ${state.banner}`);

  // On past a whole step (the network learns) and some stations more: the steps taken travel too.
  answer = await command(page, { cmd: 'step', direction: 'next', granularity: 'neuron', count: 30 });
  const moved = await stepState(page);
  assert(moved.stepsTaken === 2, `30 more stations take two steps: ${where(moved)}`);
  const link2 = await command(page, { cmd: 'getLink' });
  assert(/&steps=2&/.test(link2.fragment), `steps=2 in ${link2.fragment}`);
  const fresh2 = await reopen(context, baseUrl, link2.fragment);
  const after2 = await stepState(fresh2.page);
  assert(where(after2) === where(moved), `same position after steps: ${where(after2)} vs ${where(moved)}`);
  assert(stepNumbers(after2) === stepNumbers(moved), 'same weights after two replayed steps, bit for bit');
  // And one back: the history came back too (Previous past the start restores the step before).
  const back = await command(fresh2.page, { cmd: 'step', direction: 'previous', granularity: 'step', count: 3 });
  assert(back.ok && back.step.stepsTaken < 2, `stepping back through the replayed history: ${where(back.step)}`);
  for (const p of [page, fresh.page, fresh2.page]) await p.close();
});

test('links: the playground link gives the same data and initial weights', async ({ context, baseUrl, artifactsDir }) => {
  const { page } = await openApp(context, baseUrl, { path: '#lesson=playground' });
  const values = { data: 'xor', hidden: '3,2', act: 'relu,tanh', lr: 0.1, seed: 5, wseed: 9, points: 120, noise: 0.1,
                   ratio: 0.6, opt: 'adam', batch: 7 };
  let answer = await command(page, { cmd: 'configure', values });
  assert(answer.ok, `configure: ${answer.error}`);
  const configured = (await command(page, { cmd: 'getPlayground' })).playground;
  const link = await command(page, { cmd: 'getLink' });
  assert(/data=xor/.test(link.fragment) && /hidden=3,2/.test(link.fragment) && /wseed=9/.test(link.fragment),
         `the playground's keys are in the link: ${link.fragment}`);
  // Training does not travel: the link still gives the initial weights.
  await command(page, { cmd: 'runEpochs', epochs: 3 });
  const trainedLink = await command(page, { cmd: 'getLink' });
  assert(trainedLink.fragment === link.fragment && trainedLink.notes.length > 0,
         `training changes nothing in the link, and says so: ${trainedLink.notes.join(' / ')}`);

  const fresh = await reopen(context, baseUrl, link.fragment);
  const reopened = (await command(fresh.page, { cmd: 'getPlayground' })).playground;
  assert(JSON.stringify(reopened.values) === JSON.stringify(configured.values), 'same settings, every key');
  assert(JSON.stringify(reopened.weights) === JSON.stringify(configured.weights), 'same initial weights, bit for bit');
  assert(reopened.trainSize === configured.trainSize && reopened.testSize === configured.testSize,
         `same split: ${reopened.trainSize}/${reopened.testSize}`);
  assert(reopened.train.loss === configured.train.loss && reopened.test.loss === configured.test.loss,
         `same data (the same loss on it): ${reopened.train.loss} vs ${configured.train.loss}`);
  await fresh.page.screenshot({ path: join(artifactsDir, 'links-playground-reopened.png') });

  // The playground's stepper travels too: point, position.
  answer = await command(fresh.page, { cmd: 'openStepper', point: 4 });
  assert(answer.ok, `openStepper: ${answer.error}`);
  await command(fresh.page, { cmd: 'step', direction: 'next', count: 5 });
  const stepped = await stepState(fresh.page);
  const stepLink = await command(fresh.page, { cmd: 'getLink' });
  assert(/spoint=4/.test(stepLink.fragment), `spoint in ${stepLink.fragment}`);
  const fresh2 = await reopen(context, baseUrl, stepLink.fragment);
  const stepped2 = await stepState(fresh2.page);
  assert(stepped2 && where(stepped2) === where(stepped) && stepNumbers(stepped2) === stepNumbers(stepped),
         `the playground's stepper reopens at ${stepped2 && where(stepped2)} (was ${where(stepped)})`);
  for (const p of [page, fresh.page, fresh2.page]) await p.close();
});

test('links: bad keys are ignored with a banner, the rest applied', async ({ context, baseUrl, artifactsDir }) => {
  const bad = 'lesson=playground&bogus=1&lr=abc&hidden=99&points=1e400&data=xor&theme=light&precision=4';
  const { page } = await openApp(context, baseUrl, { path: '#' + bad });
  let state = await appState(page);
  const playground = (await command(page, { cmd: 'getPlayground' })).playground;
  assert(state.lesson.id === 'playground' && state.theme === 'light' && state.precision === 4,
         `valid keys applied: ${state.lesson.id}, ${state.theme}, ${state.precision}`);
  assert(playground.values.data === 'xor' && playground.values.lr === '0.03' && playground.values.hidden === '4,4' &&
         playground.values.points === '200', `bad values left the defaults: ${JSON.stringify(playground.values)}`);
  for (const word of ['bogus', 'lr', 'hidden', 'points']) {
    assert(state.banner.includes(word), `the banner names ${word}: ${state.banner}`);
  }
  await page.screenshot({ path: join(artifactsDir, 'links-bad-banner.png') });
  // The address bar is rewritten to the canonical link (replaceState): the bad keys are gone.
  const historyLength = await page.evaluate(() => history.length);
  await waitFor(page, () => location.hash, (hash) => !hash.includes('bogus'), 'the address bar to drop the bad keys',
                { timeoutMs: 5000 });
  const hash = await page.evaluate(() => location.hash);
  assert(/data=xor/.test(hash) && !/lr=abc/.test(hash), `the fragment now: ${hash.slice(0, 120)}`);
  // The fragment follows the view, without adding history entries.
  await openLesson(page, 'worked-example');
  await command(page, { cmd: 'step', direction: 'next', granularity: 'neuron', count: 3 });
  await waitFor(page, () => location.hash, (hash) => hash.includes('step=forward.1.0'), 'the address bar to follow the step',
                { timeoutMs: 5000 });
  assert(await page.evaluate(() => history.length) === historyLength, 'replaceState only: the history did not grow');
  // applyLink answers with what was ignored and why.
  const answer = await command(page, { cmd: 'applyLink', fragment: 'lesson=nope&lr=abc&font=9&step=forward.7.7' });
  assert(answer.ok && answer.ignored.length === 4, `four ignored: ${JSON.stringify(answer.ignored)}`);
  const keys = answer.ignored.map((item) => item.key).join(',');
  assert(keys.includes('lesson') && keys.includes('lr') && keys.includes('font'), `ignored keys: ${keys}`);
  assert(/no lesson called 'nope'/.test(answer.ignored.find((i) => i.key === 'lesson').reason), 'the lesson reason');
  await page.close();

  // Unknown lesson, a 100 KB fragment, NaN and infinity: the app opens and answers.
  const cases = [
    ['lesson=nope&precision=5', (s) => s.lesson.id === 'intro' && s.precision === 5 && /no lesson called 'nope'/.test(s.banner)],
    ['lesson=worked-example&theme=light&pad=' + 'a'.repeat(100 * 1024),
     (s) => s.lesson.id === 'worked-example' && s.theme === 'light' && /longer than 8 KB/.test(s.banner)],
    ['lesson=worked-example&w=W:0:0:0:NaN,W:0:0:1:inf,W:0:1:0:1e400&font=NaN',
     (s) => s.step.layers[0].W[0][0] === 0.15 && /NaN/.test(s.banner)],
    ['%zz=1&lesson=%77orked-example&embed=2', (s) => s.lesson.id === 'worked-example' && /%-escape/.test(s.banner)],
  ];
  for (const [fragment, check] of cases) {
    const opened = await openApp(context, baseUrl, { path: '#' + fragment });
    const s = await appState(opened.page);
    assert(check(s), `#${fragment.slice(0, 60)}…: lesson ${s.lesson.id}, banner: ${s.banner}`);
    // A few frames with the link applied (the harness fails the test on any console error).
    await waitForFrames(opened.page, 3, `frames after opening #${fragment.slice(0, 40)}`);
    await opened.page.close();
  }
});
