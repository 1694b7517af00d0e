// Embedding (docs/embedding.md): the sample course page with its two iframes, the postMessage API
// from a host on another origin (answers and events, and silence for an origin not allowed), embed
// mode in small frames, and lock= refusing changes.
import { join } from 'node:path';
import { test, assert, openApp, appState, command, waitFor, waitForFrames, waitForStill, openCrossOriginHost } from './harness.mjs';

const appFrames = (page) => page.frames().filter((frame) => frame.url().includes('index.html'));

test('embed: the sample course page loads both lessons, locked and hidden as its links say', async ({ context, baseUrl, artifactsDir }) => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 1500 });
  await page.goto(baseUrl + 'embed-example.html');
  await page.waitForLoadState('load');
  const frames = appFrames(page);
  assert(frames.length === 2, `two app frames: ${frames.length}`);
  await Promise.all(frames.map((frame) => frame.evaluate(() => window.backpropLab.ready.then(() => true))));
  const [worked, playground] = frames.map((frame) => frame);
  const workedState = await worked.evaluate(() => window.backpropLab.getState());
  assert(workedState.lesson.id === 'worked-example' && workedState.step.layers[0].W[0][0] === 0.15,
         `the first frame shows the worked example with its published numbers: ${workedState.lesson.id}`);
  const refused = await worked.evaluate(() => {
    try { return window.backpropLab.command({ cmd: 'typeValue', field: 'W:0:0:0', text: '0.5' }); } catch (e) { return { ok: false, error: e.message }; }
  });
  assert(!refused.ok && /locked/.test(refused.error), `its weights are locked: ${refused.error}`);
  const workedLink = await worked.evaluate(() => window.backpropLab.getLink().fragment);
  assert(/lock=weights/.test(workedLink) && /embed=1/.test(workedLink), `its link keeps lock and embed: ${workedLink}`);
  const values = await playground.evaluate(() => window.backpropLab.command({ cmd: 'getPlayground' }).playground.values);
  assert(values.data === 'xor' && values.hidden === '4' && values.lr === '0.1', `the playground on XOR: ${JSON.stringify(values)}`);
  const playgroundLink = await playground.evaluate(() => window.backpropLab.getLink().fragment);
  assert(/hide=network,features/.test(playgroundLink), `the network controls hidden: ${playgroundLink}`);
  // The page's own script drives the first lesson with postMessage and shows its step events.
  await page.click('#next');
  await waitFor(page, () => document.getElementById('events').textContent, (text) => /Forward/.test(text),
                'the page to show a step event', { timeoutMs: 8000 });
  for (const frame of frames) await waitForStill(frame);
  await page.screenshot({ path: join(artifactsDir, 'embed-example-page.png'), fullPage: true });
  const iframes = await page.$$('iframe');
  await iframes[0].screenshot({ path: join(artifactsDir, 'embed-example-worked.png') });
  await iframes[1].screenshot({ path: join(artifactsDir, 'embed-example-playground.png') });
  await page.close();
});

test('embed: postMessage from a host on another origin: answers, events, and silence when not allowed', async ({ context, baseUrl }) => {
  // The host is http://localhost:PORT; the app http://127.0.0.1:PORT: two origins.
  const { page } = await openCrossOriginHost(context, baseUrl, 'lesson=worked-example&embed=1');
  // Until the host has received the message(s) a predicate (run in the host page) looks for.
  const waitForMessages = async (predicate, timeout = 15000) => {
    try {
      await page.waitForFunction(predicate, null, { timeout });
    } catch (error) {
      const seen = await page.evaluate(() => window.received.map((m) => `${m.from}:${m.data.event || 'answer ' + m.data.id}` +
        (m.data.state && m.data.state.step ? '@' + m.data.state.step.position : '')).join(' '));
      throw new Error(`${error.message.split('\n')[0]}; messages so far: ${seen}`);
    }
  };
  await waitForMessages(() => window.received.some((m) => m.from === 'allowed' && m.data.event === 'ready'), 60000);
  const ready = await page.evaluate(() => window.received.find((m) => m.data.event === 'ready'));
  assert(ready.origin === new URL(baseUrl).origin, `the ready event comes from the app's origin: ${ready.origin}`);
  assert(ready.data.state.lesson.id === 'worked-example', 'the ready event carries the state');

  // getState: a round trip.
  let id = await page.evaluate(() => window.send('allowed', { cmd: 'getState' }));
  await waitForMessages(`window.received.some((m) => m.data.id === ${id})`);
  let answer = await page.evaluate((i) => window.received.find((m) => m.data.id === i).data.answer, id);
  assert(answer.ok && answer.state.lesson.id === 'worked-example', `getState by postMessage: ${JSON.stringify(answer).slice(0, 100)}`);
  // step: the answer, then a step event.
  id = await page.evaluate(() => window.send('allowed', { cmd: 'step', direction: 'next', granularity: 'neuron', count: 2 }));
  await waitForMessages(`window.received.some((m) => m.data.id === ${id})`);
  answer = await page.evaluate((i) => window.received.find((m) => m.data.id === i).data.answer, id);
  assert(answer.ok && answer.step.position === 2, `step by postMessage: position ${answer.step && answer.step.position}`);
  await waitForMessages(() => window.received.some((m) => m.data.event === 'step' && m.data.state.step.position === 2));
  // openLesson: the answer and a lesson event.
  id = await page.evaluate(() => window.send('allowed', { cmd: 'openLesson', lesson: 'backprop' }));
  await waitForMessages(`window.received.some((m) => m.data.id === ${id})`);
  answer = await page.evaluate((i) => window.received.find((m) => m.data.id === i).data.answer, id);
  assert(answer.ok && answer.state.lesson.id === 'backprop', `openLesson by postMessage: ${answer.error || answer.state.lesson.id}`);
  await waitForMessages(() => window.received.some((m) => m.data.event === 'lesson' && m.data.state.lesson.id === 'backprop'));
  // A refusal comes back as an answer too.
  id = await page.evaluate(() => window.send('allowed', { cmd: 'openLesson', lesson: 'nope' }));
  await waitForMessages(`window.received.some((m) => m.data.id === ${id})`);
  answer = await page.evaluate((i) => window.received.find((m) => m.data.id === i).data.answer, id);
  assert(!answer.ok && /no lesson/.test(answer.error), `a refused command answers {ok: false}: ${answer.error}`);

  // The frame without origin= neither answers this host nor tells it anything.
  const otherFrame = page.frames().find((frame) => frame.url().startsWith(baseUrl) && !frame.url().includes('origin='));
  await otherFrame.evaluate(() => window.backpropLab.ready.then(() => true));
  // The other frame says in its console that it ignored the message (web/backprop-lab.js); a few of
  // its frames later, an answer it sent would have arrived.
  const ignored = page.waitForEvent('console', { timeout: 15000,
    predicate: (message) => message.type() === 'warning' && /was ignored \(not an allowed origin\)/.test(message.text()) });
  id = await page.evaluate(() => window.send('other', { cmd: 'getState' }));
  await ignored;
  await waitForFrames(otherFrame, 3, 'the other frame to run on after ignoring the message');
  const fromOther = await page.evaluate(() => window.received.filter((m) => m.from === 'other').length);
  assert(fromOther === 0, `no answer and no event from a frame that does not allow this origin (${fromOther} messages)`);
  const count = await page.evaluate(() => window.received.length);
  console.log(`        ${count} messages from the allowed frame, 0 from the other`);
  await page.close();
});

test('embed: embed mode fits 480×320 and 800×600', async ({ context, baseUrl, artifactsDir }) => {
  const views = [
    ['lesson=worked-example&embed=1', 480, 320],
    ['lesson=worked-example&embed=1', 800, 600],
    ['lesson=playground&data=xor&hide=network,features&embed=1', 480, 320],
    ['lesson=playground&data=xor&hide=network,features&embed=1', 800, 600],
    ['lesson=worked-example&embed=1&hide=panel,stepper', 480, 320],
  ];
  for (const [fragment, width, height] of views) {
    const { page } = await openApp(context, baseUrl, { path: '#' + fragment, viewport: { width, height } });
    await command(page, { cmd: 'step', direction: 'next', granularity: 'neuron', count: 3 });
    await waitForStill(page);
    const state = await appState(page);
    assert(state.canvas.width === width && state.canvas.height === height, `canvas ${state.canvas.width}×${state.canvas.height}`);
    const name = `embed-${fragment.includes('playground') ? 'playground' : 'worked'}${fragment.includes('panel') ? '-canvas-only' : ''}-${width}x${height}.png`;
    await page.screenshot({ path: join(artifactsDir, name) });
    await page.close();
  }
});

// On a narrow canvas the side panel is a drawer over the canvas, so that the canvas keeps the
// whole width; a button, F6 or the API opens it, and it closes again. Wide, it is a column.
test('embed: a narrow canvas gets the whole width; the panel opens as a drawer', async ({ context, baseUrl, artifactsDir }) => {
  for (const [width, height, layout] of [[480, 320, 'drawer'], [640, 480, 'drawer'], [800, 600, 'column']]) {
    const { page } = await openApp(context, baseUrl,
      { path: '#lesson=playground&data=xor&embed=1', viewport: { width, height } });
    await waitForStill(page);
    let state = await appState(page);
    assert(state.panel === layout, `${width}×${height}: the panel is a ${layout}: ${state.panel}`);
    if (layout === 'drawer') {
      await page.screenshot({ path: join(artifactsDir, `embed-drawer-closed-${width}x${height}.png`) });
      let answer = await command(page, { cmd: 'setPanelOpen', open: true });
      assert(answer.ok && answer.state.panel === 'open drawer', `setPanelOpen opens it: ${JSON.stringify(answer.state?.panel ?? answer.error)}`);
      await waitForStill(page);
      await page.screenshot({ path: join(artifactsDir, `embed-drawer-open-${width}x${height}.png`) });
      answer = await command(page, { cmd: 'setPanelOpen', open: false });
      assert(answer.ok && answer.state.panel === 'drawer', `and closes it: ${answer.state?.panel}`);
      // The keyboard: F6 moves through the columns shown (here the canvas and the panel); moving to
      // the panel opens it (within two presses, wherever the focus starts), and Esc closes it.
      await page.evaluate(() => document.getElementById('canvas').focus());
      for (let k = 0; k < 2 && state.panel !== 'open drawer'; ++k) {
        await page.keyboard.press('F6');
        await waitForFrames(page, 4, 'F6 to reach the app (a key tap takes two frames) and be drawn');
        state = await appState(page);
      }
      assert(state.panel === 'open drawer', `F6 opens the drawer: ${state.panel}`);
      await page.keyboard.press('Escape');
      await waitForFrames(page, 4, 'Esc to reach the app (a key tap takes two frames) and be drawn');
      state = await appState(page);
      assert(state.panel === 'drawer', `Esc closes it again: ${state.panel}`);
    }
    const bad = await command(page, { cmd: 'setPanelOpen', open: 'yes' });
    assert(!bad.ok && /true or false/.test(bad.error), `a bad value is refused in words: ${bad.error}`);
    await page.close();
  }
  const { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example&embed=1&hide=panel', viewport: { width: 480, height: 320 } });
  const hidden = await command(page, { cmd: 'setPanelOpen', open: true });
  assert(!hidden.ok && /hide=panel/.test(hidden.error), `a hidden panel does not open: ${hidden.error}`);
  await page.close();
  // The full app in a narrow window: the page's file button, which sits over the panel's title
  // bar, steps aside while the panel is a drawer, and comes back when the window is wide again.
  const full = await openApp(context, baseUrl, { path: '#lesson=worked-example', viewport: { width: 480, height: 600 } });
  const fileButton = () => full.page.evaluate(() => getComputedStyle(document.querySelector('label[for=network-file]')).display);
  await waitForStill(full.page);
  assert((await full.page.evaluate(() => window.backpropLab.getState().panel)) === 'drawer', 'a narrow full app has the drawer');
  assert((await fileButton()) === 'none', `the file button steps aside: ${await fileButton()}`);
  // So narrow that the lesson list is a drawer too: it opens over the canvas and closes again.
  assert((await full.page.evaluate(() => window.backpropLab.getState().lessonList)) === 'drawer',
         'below 560 pixels the lesson list is a drawer');
  await full.page.screenshot({ path: join(artifactsDir, 'narrow-full-app-480x600.png') });
  let opened = await command(full.page, { cmd: 'setLessonListOpen', open: true });
  assert(opened.ok && opened.state.lessonList === 'open drawer', `setLessonListOpen opens it: ${opened.state?.lessonList ?? opened.error}`);
  await waitForStill(full.page);
  await full.page.screenshot({ path: join(artifactsDir, 'narrow-full-app-lessons-open-480x600.png') });
  opened = await command(full.page, { cmd: 'setLessonListOpen', open: false });
  assert(opened.ok && opened.state.lessonList === 'drawer', 'and closes it');
  await full.page.setViewportSize({ width: 1280, height: 720 });
  await waitFor(full.page, () => window.backpropLab.getState().canvas, (canvas) => canvas.width === 1280,
                'the canvas to follow the window to 1280 pixels');
  await waitForStill(full.page);
  assert((await full.page.evaluate(() => window.backpropLab.getState().panel)) === 'column', 'wide again: a column');
  assert((await full.page.evaluate(() => window.backpropLab.getState().lessonList)) === 'column', 'the lesson list too');
  const refused = await command(full.page, { cmd: 'setLessonListOpen', open: 1 });
  assert(!refused.ok && /true or false/.test(refused.error), `a bad value is refused in words: ${refused.error}`);
  assert((await fileButton()) !== 'none', `the file button is back: ${await fileButton()}`);
  await full.page.close();
});

test('embed: lock= refuses changes to locked values with a sentence', async ({ context, baseUrl }) => {
  let { page } = await openApp(context, baseUrl, { path: '#lesson=worked-example&lock=weights,lr,sample' });
  for (const [field, text] of [['W:0:0:0', '0.5'], ['b:1:0', '0.1'], ['eta', '0.1'], ['x:0', '0.2']]) {
    const answer = await command(page, { cmd: 'typeValue', field, text });
    assert(!answer.ok && /'(weights|lr|sample)' is locked/.test(answer.error), `${field} refused: ${answer.error}`);
  }
  let answer = await command(page, { cmd: 'setSample', x: [0.1, 0.2], t: [0, 1] });
  assert(!answer.ok && /locked/.test(answer.error), `setSample refused: ${answer.error}`);
  answer = await command(page, { cmd: 'step', direction: 'next' });
  assert(answer.ok, 'stepping is never locked');
  const state = await appState(page);
  assert(state.step.layers[0].W[0][0] === 0.15 && state.step.learningRate === 0.5, 'the locked values are unchanged');
  await page.close();

  ({ page } = await openApp(context, baseUrl, { path: '#lesson=playground&lock=lr,hidden,points' }));
  answer = await command(page, { cmd: 'configure', values: { lr: 0.3 } });
  assert(!answer.ok && /'lr' is locked/.test(answer.error), `lr refused: ${answer.error}`);
  answer = await command(page, { cmd: 'configure', values: { noise: 0.2, hidden: '2' } });
  assert(!answer.ok && /'hidden' is locked/.test(answer.error), `hidden refused (all or nothing): ${answer.error}`);
  answer = await command(page, { cmd: 'addPoint', x: [0.1, 0.1], label: 1 });
  assert(!answer.ok && /'points' is locked/.test(answer.error), `addPoint refused: ${answer.error}`);
  answer = await command(page, { cmd: 'configure', values: { noise: 0.2 } });
  assert(answer.ok && answer.playground.values.noise === '0.2', `an unlocked value changes: ${answer.error}`);
  await page.close();
});
