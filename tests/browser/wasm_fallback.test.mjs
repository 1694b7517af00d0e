// The two wasm builds (web/backprop-lab.js): the page loads backprop_lab.wasm (wasm SIMD) where the
// browser validates a SIMD module, and backprop_lab_scalar.wasm otherwise; ?simd=0 forces the scalar
// one, as a browser without wasm SIMD would get it. Both must train to the same numbers, bit for bit.
import { test, assert, openApp, command, openLesson } from './harness.mjs';

// Which .wasm the page downloaded.
async function wasmFiles(page) {
  return page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name)
    .filter((name) => name.endsWith('.wasm')).map((name) => name.slice(name.lastIndexOf('/') + 1)));
}

// 2-8-8-1 ReLU on the two-arm spiral for 30 epochs from fixed seeds: the products, ReLU and tanh.
async function trainSpiral(page) {
  await openLesson(page, 'playground', (s) => s && s.built === true);
  let answer = await command(page, { cmd: 'configure', values: { data: 'spiral', points: 200, noise: 0.1, seed: 3,
    features: 'x1,x2', hidden: '8,8', act: 'relu', wseed: 2, opt: 'sgd', lr: 0.03, batch: 10 } });
  assert(answer.ok, `configure: ${answer.error}`);
  const before = answer.playground;
  answer = await command(page, { cmd: 'runEpochs', epochs: 30 });
  assert(answer.ok, `runEpochs: ${answer.error}`);
  const after = answer.playground;
  assert(after.epoch === 30 && after.train.loss < before.train.loss,
         `30 epochs lower the training loss: ${before.train.loss} -> ${after.train.loss} (epoch ${after.epoch})`);
  return after;
}

test('wasm fallback: ?simd=0 loads the scalar build, which trains to the same numbers as the SIMD build',
  async ({ context, baseUrl }) => {
    const simd = await openApp(context, baseUrl);
    const scalar = await openApp(context, baseUrl, { path: 'index.html?simd=0' });
    const simdFiles = await wasmFiles(simd.page);
    const scalarFiles = await wasmFiles(scalar.page);
    // Headless Chromium has wasm SIMD, so the default is the SIMD build.
    assert(simdFiles.join() === 'backprop_lab.wasm', `the default page loads the SIMD build: ${simdFiles}`);
    assert(scalarFiles.join() === 'backprop_lab_scalar.wasm', `?simd=0 loads the scalar build: ${scalarFiles}`);
    const fromSimd = await trainSpiral(simd.page);
    const fromScalar = await trainSpiral(scalar.page);
    assert(JSON.stringify(fromScalar.weights) === JSON.stringify(fromSimd.weights),
           'the same weights after 30 epochs (JSON keeps every bit of a double)');
    assert(fromScalar.train.loss === fromSimd.train.loss && fromScalar.test.accuracy === fromSimd.test.accuracy,
           `the same loss and accuracy: ${fromScalar.train.loss} vs ${fromSimd.train.loss}`);
    await simd.page.close();
    await scalar.page.close();
  });
