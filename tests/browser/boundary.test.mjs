// The decision-boundary shader against the core: the "probeBoundary" command renders a network with
// the GPU fragment shader (shaders/boundary_fragment.glsl) in raw mode, reads the 8-bit values back,
// and answers the core's Predict / Forward on the same pixel centres. Every pixel must agree within
// one 8-bit step (the encoding) plus 1e-3 (single precision), for every hidden activation, sigmoid
// and softmax outputs, a hidden neuron, and a saturated network; bad requests get a sentence. The
// shader is written for each network shape and the weights are uploaded once per weights version,
// so new weights on the same shape, a new shape, and the neuron atlas are checked too.
import { test, assert, assertClose, openApp, appState, command, seededRandom } from './harness.mjs';

const HIDDEN_ACTIVATIONS = ['identity', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'prelu', 'elu', 'gelu'];
// Not square and not centred, so a flipped or transposed image cannot agree by symmetry.
const RANGE = [-1.5, 1.3, -1.1, 1.4];
const FEATURES = 'x1,x2,x1x2,sin_x1';
const FEATURE_COUNT = 4;
const SINGLE_PRECISION = 1e-3;

// Layers of sizes[0] -> sizes[1] -> ... with weights and biases uniform in ±scale; the last layer
// gets `output`, the others `hidden` (with its slope/alpha).
function randomNetwork(seed, sizes, hidden, output, loss, scale = 2, params = {}) {
  const rng = seededRandom(seed);
  const draw = () => (2 * rng() - 1) * scale;
  const layers = [];
  for (let l = 1; l < sizes.length; ++l) {
    const W = Array.from({ length: sizes[l] }, () => Array.from({ length: sizes[l - 1] }, draw));
    const b = Array.from({ length: sizes[l] }, draw);
    const last = l === sizes.length - 1;
    layers.push({ W, b, activation: last ? output : hidden, ...(last ? {} : params) });
  }
  return { layers, loss };
}

// Each hidden activation's own parameter, away from the defaults so a dropped one shows.
const PARAMS = { leaky_relu: { slope: 0.05 }, prelu: { slope: 0.3 }, elu: { alpha: 1.5 } };

async function probe(page, request) {
  return command(page, { cmd: 'probeBoundary', range: RANGE, features: FEATURES, size: 32, ...request });
}

// Checks the answer's shape and every pixel; returns the largest |shader − core| (core clamped to
// the value range, as the 8-bit encoding clamps the shader's values).
function comparePixels(answer, what) {
  assert(answer.ok, `${what}: ${answer.error}`);
  const { width, height, channels, quantum, valueMin, valueMax, shader, core } = answer;
  assert(shader.length === width * height * channels && core.length === shader.length,
         `${what}: ${shader.length} shader and ${core.length} core values for ${width}x${height}x${channels}`);
  assertClose(quantum, (valueMax - valueMin) / 255, 1e-15, `${what}: quantum`);
  let largest = 0;
  for (let i = 0; i < shader.length; ++i) {
    assert(typeof core[i] === 'number', `${what}: the core's value ${i} is not finite`);
    assert(typeof shader[i] === 'number', `${what}: the shader's value ${i} is non-finite (grey) where the core has ${core[i]}`);
    const expected = Math.min(Math.max(core[i], valueMin), valueMax);
    const difference = Math.abs(shader[i] - expected);
    const pixel = Math.floor(i / channels);
    assert(difference <= quantum + SINGLE_PRECISION,
           `${what}: pixel (${pixel % width}, ${Math.floor(pixel / width)}) channel ${i % channels}: shader ${shader[i]}, core ${core[i]}`);
    largest = Math.max(largest, difference);
  }
  assert(Math.abs(largest - answer.maxDifference) < 1e-12, `${what}: maxDifference ${answer.maxDifference}, measured ${largest}`);
  return largest;
}

test('boundary: the shader matches the core for every hidden activation (sigmoid and softmax outputs)', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  const measured = [];
  for (const [index, hidden] of HIDDEN_ACTIVATIONS.entries()) {
    const params = PARAMS[hidden] || {};
    const binary = randomNetwork(100 + index, [FEATURE_COUNT, 5, 4, 1], hidden, 'sigmoid', 'bce', 2, params);
    let answer = await probe(page, { network: binary });
    assert(answer.channels === 1 && answer.invalidPixels === 0, `${hidden}/sigmoid: ${answer.channels} channels, ${answer.invalidPixels} invalid`);
    measured.push(`${hidden}/sigmoid ${comparePixels(answer, `${hidden} + sigmoid`).toExponential(2)}`);
    const classes = randomNetwork(200 + index, [FEATURE_COUNT, 6, 3], hidden, 'softmax', 'softmax_ce', 2, params);
    answer = await probe(page, { network: classes });
    assert(answer.channels === 3 && answer.invalidPixels === 0, `${hidden}/softmax: ${answer.channels} channels, ${answer.invalidPixels} invalid`);
    measured.push(`${hidden}/softmax ${comparePixels(answer, `${hidden} + softmax`).toExponential(2)}`);
  }
  // Hidden layers with different activations (the shader reads each layer's from a uniform then).
  const mixed = randomNetwork(250, [FEATURE_COUNT, 5, 5, 5, 1], 'tanh', 'sigmoid', 'bce');
  mixed.layers[1] = { ...mixed.layers[1], activation: 'elu', alpha: 0.7 };
  mixed.layers[2] = { ...mixed.layers[2], activation: 'gelu' };
  const mixedAnswer = await probe(page, { network: mixed });
  measured.push(`tanh-elu-gelu/sigmoid ${comparePixels(mixedAnswer, 'mixed hidden activations').toExponential(2)}`);
  // Five classes: four channels come back (no spare channel for the validity flag).
  const five = randomNetwork(300, [FEATURE_COUNT, 6, 5], 'tanh', 'softmax', 'softmax_ce');
  const answer = await probe(page, { network: five, features: FEATURES, size: 24 });
  assert(answer.channels === 4 && answer.invalidPixels === -1, `5 classes: ${answer.channels} channels, ${answer.invalidPixels}`);
  measured.push(`tanh/softmax-5 ${comparePixels(answer, '5-class softmax').toExponential(2)}`);
  console.log(`        max |shader − core|: ${measured.join(', ')}`);
  await page.close();
});

test('boundary: pixel centres, row 0 at the top; a hidden neuron; a saturated network stays finite', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  // The identity network (a1, a2) = (x1, x2): pixel (c, r) of an 8x8 image over [-1, 1] x [-2, 2]
  // is the point (-1 + (c + ½)·2/8, 2 − (r + ½)·4/8).
  const identity = { layers: [{ W: [[1, 0], [0, 1]], b: [0, 0], activation: 'identity' }], loss: 'half_mse' };
  let answer = await command(page, { cmd: 'probeBoundary', network: identity, features: 'x1,x2', range: [-1, 1, -2, 2],
                                      size: 8, valueMin: -2, valueMax: 2 });
  comparePixels(answer, 'identity');
  for (let r = 0; r < 8; ++r) {
    for (let c = 0; c < 8; ++c) {
      const i = (r * 8 + c) * 2;
      assertClose(answer.core[i], -1 + (c + 0.5) * 2 / 8, 1e-12, `x1 at pixel (${c}, ${r})`);
      assertClose(answer.core[i + 1], 2 - (r + 0.5) * 4 / 8, 1e-12, `x2 at pixel (${c}, ${r})`);
      assertClose(answer.shader[i + 1], answer.core[i + 1], answer.quantum, `the shader's x2 at pixel (${c}, ${r})`);
    }
  }

  // One hidden neuron's activation: a tanh neuron over [-1, 1], a ReLU neuron clamped to [0, 2].
  const measured = [];
  const tanh = randomNetwork(400, [FEATURE_COUNT, 5, 4, 1], 'tanh', 'sigmoid', 'bce');
  answer = await probe(page, { network: tanh, layer: 1, neuron: 2, valueMin: -1, valueMax: 1 });
  assert(answer.channels === 1, `a neuron probe has one channel, got ${answer.channels}`);
  measured.push(`tanh neuron ${comparePixels(answer, 'tanh neuron').toExponential(2)}`);
  const relu = randomNetwork(401, [FEATURE_COUNT, 5, 4, 1], 'relu', 'sigmoid', 'bce');
  answer = await probe(page, { network: relu, layer: 0, neuron: 3, valueMin: 0, valueMax: 2 });
  measured.push(`relu neuron ${comparePixels(answer, 'relu neuron').toExponential(2)}`);

  // Weights around ±50: pre-activations in the hundreds. No NaN, no grey, where the core is finite.
  for (const [index, hidden] of ['tanh', 'sigmoid', 'relu', 'gelu', 'elu'].entries()) {
    const saturated = randomNetwork(500 + index, [FEATURE_COUNT, 6, 6, 1], hidden, 'sigmoid', 'bce', 50);
    answer = await probe(page, { network: saturated });
    assert(answer.invalidPixels === 0, `saturated ${hidden}: ${answer.invalidPixels} grey pixels`);
    measured.push(`saturated ${hidden} ${comparePixels(answer, `saturated ${hidden}`).toExponential(2)}`);
  }
  const saturatedSoftmax = randomNetwork(510, [FEATURE_COUNT, 6, 3], 'tanh', 'softmax', 'softmax_ce', 50);
  answer = await probe(page, { network: saturatedSoftmax });
  assert(answer.invalidPixels === 0, `saturated softmax: ${answer.invalidPixels} grey pixels`);
  measured.push(`saturated softmax ${comparePixels(answer, 'saturated softmax').toExponential(2)}`);
  console.log(`        max |shader − core|: ${measured.join(', ')}`);
  await page.close();
});

test('boundary: new weights on the same shape, a new shape, and back: the shader follows each', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  const measured = [];
  const sizes = [FEATURE_COUNT, 6, 5, 1];
  const first = randomNetwork(700, sizes, 'tanh', 'sigmoid', 'bce');
  const second = randomNetwork(701, sizes, 'tanh', 'sigmoid', 'bce');
  // Versions as the playground passes them: a new number with every change of the weights. Were
  // the second network's weights not uploaded (a stale cache), its pixels would be the first's.
  let answer = await probe(page, { network: first, weightsVersion: 1 });
  measured.push(`first ${comparePixels(answer, 'first weights, version 1').toExponential(2)}`);
  const firstValues = answer.shader;
  answer = await probe(page, { network: second, weightsVersion: 2 });
  measured.push(`second ${comparePixels(answer, 'second weights, same shape, version 2').toExponential(2)}`);
  const changed = answer.shader.filter((value, i) => Math.abs(value - firstValues[i]) > 4 * answer.quantum).length;
  assert(changed > answer.shader.length / 4, `the two networks should look different: only ${changed} pixels differ`);
  // Back and forth, a new version each time, as training changes the weights every frame.
  for (let version = 10; version < 14; ++version) {
    answer = await probe(page, { network: version % 2 ? first : second, weightsVersion: version });
    comparePixels(answer, `${version % 2 ? 'first' : 'second'} weights, version ${version}`);
  }
  // Version 0 means "unknown": uploaded every time.
  answer = await probe(page, { network: first, weightsVersion: 0 });
  comparePixels(answer, 'first weights again, version 0');
  answer = await probe(page, { network: second });
  comparePixels(answer, 'second weights again, no version');
  // One parameter alone (a PReLU slope) changes: it lives with the weights.
  const prelu = randomNetwork(702, sizes, 'prelu', 'sigmoid', 'bce', 2, { slope: 0.2 });
  answer = await probe(page, { network: prelu, weightsVersion: 3 });
  comparePixels(answer, 'PReLU slope 0.2');
  const steeper = { ...prelu, layers: prelu.layers.map((layer, l) => (l < 2 ? { ...layer, slope: 0.7 } : layer)) };
  answer = await probe(page, { network: steeper, weightsVersion: 4 });
  measured.push(`new slope ${comparePixels(answer, 'PReLU slope 0.7').toExponential(2)}`);

  // A new shape (wider, deeper, other features, softmax), then the first shape again.
  const wide = randomNetwork(703, [3, 16, 9, 7, 4], 'relu', 'softmax', 'softmax_ce');
  answer = await probe(page, { network: wide, features: 'x1,x2,x1sq', weightsVersion: 5 });
  measured.push(`3-16-9-7-4 ${comparePixels(answer, 'a new shape').toExponential(2)}`);
  answer = await probe(page, { network: first, weightsVersion: 6 });
  comparePixels(answer, 'the first shape again');
  // Widths that are not a multiple of four (the shader evaluates four pixels at a time).
  answer = await probe(page, { network: second, size: 13 });
  measured.push(`13x13 ${comparePixels(answer, 'a 13x13 image').toExponential(2)}`);
  // All seven features at once (every formula, sin x1 and sin x2 over a wider plane).
  const seven = randomNetwork(704, [7, 8, 1], 'gelu', 'sigmoid', 'bce');
  answer = await probe(page, { network: seven, features: 'x1,x2,x1sq,x2sq,x1x2,sin_x1,sin_x2', range: [-6, 5, -4, 7] });
  measured.push(`7 features ${comparePixels(answer, 'all seven features').toExponential(2)}`);
  console.log(`        max |shader − core|: ${measured.join(', ')}`);
  await page.close();
});

test('boundary: the neuron atlas: each tile is its neuron, as the core computes it', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  const network = randomNetwork(800, [FEATURE_COUNT, 6, 5, 3, 1], 'tanh', 'sigmoid', 'bce');
  const measured = [];
  // Odd tile sizes: cells straddle the shader's groups of four pixels.
  for (const [layer, neuron, size] of [[0, 0, 13], [0, 5, 13], [1, 2, 10], [2, 2, 7]]) {
    const answer = await probe(page, { network, atlas: true, layer, neuron, size, valueMin: -1, valueMax: 1, weightsVersion: 9 });
    assert(answer.ok && answer.width === size && answer.channels === 1, `atlas tile (${layer}, ${neuron}): ${answer.error || answer.width}`);
    measured.push(`(${layer}, ${neuron}) ${comparePixels(answer, `atlas tile (${layer}, ${neuron})`).toExponential(2)}`);
  }
  const refused = await probe(page, { network, atlas: true, layer: 3, neuron: 0 });
  assert(!refused.ok && /hidden layers, 0 to 2/.test(refused.error), `the output layer is not in the atlas: ${refused.error}`);
  console.log(`        max |shader − core|: ${measured.join(', ')}`);
  await page.close();
});

// The network's refusals are the one network reader's (io/network_file.h), worded as for a file.
test('boundary: unfit requests are refused with a sentence and the app keeps answering', async ({ context, baseUrl }) => {
  const { page } = await openApp(context, baseUrl);
  const good = randomNetwork(600, [2, 3, 1], 'tanh', 'sigmoid', 'bce');
  const ragged = { layers: [{ W: [[1, 2], [3]], b: [0, 0], activation: 'tanh' }, good.layers[1]], loss: 'bce' };
  const unknown = { layers: [{ ...good.layers[0], activation: 'swish' }, good.layers[1]], loss: 'bce' };
  const wide = randomNetwork(601, [2, 17, 1], 'tanh', 'sigmoid', 'bce');
  const deep = randomNetwork(602, [2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1], 'tanh', 'sigmoid', 'bce');
  const cases = [
    [{ network: ragged }, /layers\[0\]\.W\[1\] has 1 number but layers\[0\]\.W\[0\] has 2/],
    [{ network: unknown }, /unknown activation "swish"/],
    [{ network: good, size: 0 }, /"size" must be a whole number from 1 to 256/],
    [{ network: good, size: 5000 }, /"size" must be a whole number from 1 to 256/],
    [{ network: good, features: 'x1,x2,sin_x1' }, /takes 2 inputs but 3 input features are on/],
    [{ network: good, features: 'x1,x3' }, /x3/],
    [{ network: good, layer: 2 }, /layer 2 does not exist/],
    [{ network: good, layer: 0, neuron: 3 }, /neuron 3 does not exist/],
    [{ network: good, valueMin: 1, valueMax: 1 }, /value_min < value_max/],
    [{ network: good, range: [1, -1, -1, 1] }, /x_min < x_max/],
    [{ network: good, range: [0, 1, 0] }, /range/],
    [{ network: { ...good, layers: [{ ...good.layers[0], slope: 'steep' }, good.layers[1]] } }, /layers\[0\]\.slope is not a finite number/],
    [{ network: wide }, /17 rows \(neurons\); the boundary probe allows at most 16/],
    [{ network: deep }, /at most 9/],
    [{}, /needs "network"/],
  ];
  for (const [fields, pattern] of cases) {
    const answer = await command(page, { cmd: 'probeBoundary', features: 'x1,x2', size: 4, ...fields });
    assert(!answer.ok, `${JSON.stringify(fields).slice(0, 80)} was accepted`);
    assert(typeof answer.error === 'string' && pattern.test(answer.error),
           `${JSON.stringify(fields).slice(0, 80)}: the error "${answer.error}" does not match ${pattern}`);
    const state = await appState(page);
    assert(state.lesson.id === 'intro', 'the app still answers getState() after a refusal');
  }
  // And a good request still works after all that.
  const answer = await command(page, { cmd: 'probeBoundary', network: good, features: 'x1,x2', size: 4 });
  comparePixels(answer, 'after the refusals');
  await page.close();
});
