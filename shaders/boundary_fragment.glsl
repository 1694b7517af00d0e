// The decision boundary's fragment shader: evaluates the network at this pixel's point of the plane
// and turns the result into a colour (or, in raw mode, into the values themselves for the test that
// compares it with the core). The formulas are the core's (src/core/dataset.cpp ApplyFeatures,
// src/core/activation.cpp), in single precision. Layout and codes are shared with
// src/platform/boundary_gl.cpp. The #version line is prepended at run time (gl.h).
#ifdef GL_ES
precision highp float;
precision highp int;
#endif

// boundary_gl.cpp compiles one program per (hidden, output) activation pair and defines these
// activation codes, so each layer's h is known when the shader is compiled: a GPU emulated on the
// CPU (SwiftShader) would otherwise run every activation's formula for every layer.
// HIDDEN_ACTIVATION -1: hidden layers with different activations, read from u_layer.
#ifndef HIDDEN_ACTIVATION
#define HIDDEN_ACTIVATION -1
#endif
#ifndef OUTPUT_ACTIVATION
#define OUTPUT_ACTIVATION 9
#endif

const int kMaxLayers = 9;
// The weights texture (RGBA32F): row l is layer l, in 4x4 blocks so that a layer is a few mat4
// products. Block (p, q) maps inputs 4q..4q+3 to neurons 4p..4p+3: texel 16p + 4q + c holds its
// column c, (W(4p, 4q+c), W(4p+1, 4q+c), W(4p+2, 4q+c), W(4p+3, 4q+c)), zero beyond the layer's
// size. Texel 64 + p holds the biases b(4p .. 4p+3).
const int kTexelsPerBlockRow = 16;
const int kBiasTexel = 64;

// Activation codes: the order of bp::Activation.
const int kIdentity = 0;
const int kStep = 1;
const int kSigmoid = 2;
const int kTanh = 3;
const int kRelu = 4;
const int kLeakyRelu = 5;
const int kPrelu = 6;
const int kElu = 7;
const int kGelu = 8;
const int kSoftmax = 9;

// Output modes.
const int kRaw = 0;        // up to 4 values encoded as (v - min) / (max - min), alpha 0 marks non-finite
const int kClasses = 1;    // class colour mixed with the background by confidence
const int kDiverging = 2;  // one value on a negative - middle - positive colour map

const int kClassColorCount = 7;
const float kFloatMax = 3.4e38;
// exp() arguments are kept within +-kExpLimit: e^80 is finite in single precision, and
// sigmoid(80) already rounds to 1.
const float kExpLimit = 80.0;
const float kInvSqrt2 = 0.70710678118654752;
// tanh(x) rounds to 1 in single precision from here on (1 - tanh(10) = 4e-9).
const float kTanhSaturation = 10.0;
const float kTanhRationalLimit = 0.625;
// Below this |z|, e^z - 1 is summed as a series: the subtraction would cancel most digits.
const float kExpm1SeriesLimit = 1e-3;
// Beyond this |x| the builtin sin takes over from ours (no plane reaches it).
const float kSinReductionLimit = 8192.0;
// NaN or infinity anywhere: a fixed neutral grey, never a colour computed from garbage.
const vec3 kInvalidGrey = vec3(0.5);

uniform highp sampler2D u_weights;
uniform ivec3 u_layer[kMaxLayers];  // (activation code, inputs, outputs) per layer
uniform float u_param[kMaxLayers];  // Leaky ReLU / PReLU slope or ELU alpha per layer
uniform int u_last_layer;           // evaluate layers 0 .. u_last_layer
uniform int u_output_layer;         // the network's last layer (OUTPUT_ACTIVATION)
uniform int u_neuron;               // -1: every output of u_last_layer; else that neuron alone
// The input features: all seven candidates are (x1, x2, x1^2, x2^2) and (x1 x2, sin x1, sin x2, 0);
// 0/1 matrices pick the enabled ones, in ApplyFeatures' order: input block q (inputs 4q .. 4q+3)
// = u_select[2q] * candidates0 + u_select[2q + 1] * candidates1.
uniform mat4 u_select[4];
uniform bvec2 u_sines;  // sin x1, sin x2 needed
uniform vec2 u_origin;  // (x_min, y_max): the plane's top-left corner
uniform vec2 u_step;    // ((x_max - x_min) / width, -(y_max - y_min) / height): one pixel
uniform int u_mode;
uniform float u_value_min;
uniform float u_value_max;
uniform vec3 u_class_color[kClassColorCount];
uniform vec3 u_background;
uniform float u_class_strength;  // the colour at full confidence: mix(background, class, strength)
uniform vec3 u_negative;  // kDiverging: value_min
uniform vec3 u_middle;    //             the middle of the range
uniform vec3 u_positive;  //             value_max

out vec4 frag_color;

// False for infinities and for NaN (every comparison with NaN is false).
bool IsFinite(vec4 v) { return all(lessThanEqual(abs(v), vec4(kFloatMax))); }

// sin(x) within a few 1e-8 (Cephes sinf): GLSL's own sin may be off by 2^-11 (the Vulkan and
// OpenGL ES precision rules), which weights of 50 turn into visible differences. x is reduced by
// multiples of pi/4 (pi/4 in three parts, so the reduction is exact), then a polynomial for sin or
// cos on [-pi/4, pi/4].
float Sin(float angle) {
  float x = abs(angle);
  if (x > kSinReductionLimit) return sin(angle);
  float sign = angle < 0.0 ? -1.0 : 1.0;
  int octant = int(x * 1.27323954473516);  // x / (pi/4)
  if ((octant & 1) == 1) octant += 1;      // to the nearest even multiple, |r| <= pi/4
  float y = float(octant);
  octant = octant - (octant / 8) * 8;
  if (octant > 3) {
    sign = -sign;
    octant -= 4;
  }
  float r = ((x - y * 0.78515625) - y * 2.4187564849853515625e-4) - y * 3.77489497744594108e-8;
  float s = r * r;
  if (octant == 2) {
    float cosine = ((2.443315711809948e-5 * s - 1.388731625493765e-3) * s + 4.166664568298827e-2) * s * s;
    return sign * (cosine - 0.5 * s + 1.0);
  }
  return sign * ((((-1.9515295891e-4 * s + 8.3321608736e-3) * s - 1.6666654611e-1) * s * r) + r);
}

// --- The activations, four neurons at a time, with the core's formulas ----------------------

vec4 Sigmoid(vec4 z) { return 1.0 / (1.0 + exp(-clamp(z, -kExpLimit, kExpLimit))); }

// The core's Tanh in single precision (Cephes tanhf): a rational function near 0, where
// 1 - 2 / (e^2x + 1) would lose digits, that formula beyond (its argument capped where tanh
// rounds to 1). Never exp of a large argument, so no inf / inf.
vec4 Tanh(vec4 z) {
  vec4 x = abs(z);
  vec4 s = x * x;
  vec4 near = x + x * s * ((((-5.70498872745e-3 * s + 2.06390887954e-2) * s - 5.37397155531e-2) * s +
                            1.33314422036e-1) * s - 3.33332819422e-1);
  vec4 far = 1.0 - 2.0 / (exp(2.0 * min(x, vec4(kTanhSaturation))) + 1.0);
  vec4 t = mix(far, near, lessThan(x, vec4(kTanhRationalLimit)));
  return mix(t, -t, lessThan(z, vec4(0.0)));
}

// e^z - 1 for z <= 0 (ELU's negative side), accurate near 0 like the core's std::expm1.
vec4 Expm1NonPositive(vec4 z) {
  vec4 series = z + z * z * (0.5 + z / 6.0);
  vec4 direct = exp(max(z, vec4(-kExpLimit))) - 1.0;
  return mix(direct, series, greaterThan(z, vec4(-kExpm1SeriesLimit)));
}

// Phi(z), the standard normal CDF, as (1 + erf(z / sqrt 2)) / 2. GLSL has no erf: Abramowitz &
// Stegun 7.1.26 gives erfc(x) for x >= 0 within 1.5e-7, and the tail 1 - Phi(|z|) = erfc / 2
// is taken directly so that Phi(-5) keeps its digits.
vec4 NormalCdf(vec4 z) {
  vec4 x = abs(z) * kInvSqrt2;
  vec4 t = 1.0 / (1.0 + 0.3275911 * x);
  vec4 poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  vec4 tail = 0.5 * poly * exp(-min(x * x, vec4(kExpLimit)));
  return mix(1.0 - tail, tail, lessThan(z, vec4(0.0)));
}

// h(z) for every activation but softmax (which needs the whole layer: see Softmax). Called with a
// compile-time activation (HIDDEN_ACTIVATION, OUTPUT_ACTIVATION), all but one line fold away.
vec4 Activate(int activation, vec4 z, float param) {
  bvec4 positive = greaterThan(z, vec4(0.0));
  if (activation == kStep) return vec4(positive);
  if (activation == kSigmoid) return Sigmoid(z);
  if (activation == kTanh) return Tanh(z);
  if (activation == kRelu) return max(z, vec4(0.0));
  if (activation == kLeakyRelu || activation == kPrelu) return mix(param * z, z, positive);
  if (activation == kElu) return mix(param * Expm1NonPositive(min(z, vec4(0.0))), z, positive);
  if (activation == kGelu) return z * NormalCdf(z);
  return z;  // kIdentity
}

// --- One layer ----------------------------------------------------------------------------------

mat4 WeightBlock(int layer, int texel) {
  return mat4(texelFetch(u_weights, ivec2(texel, layer), 0), texelFetch(u_weights, ivec2(texel + 1, layer), 0),
              texelFetch(u_weights, ivec2(texel + 2, layer), 0), texelFetch(u_weights, ivec2(texel + 3, layer), 0));
}

// z for neurons 4p .. 4p+3 of `layer`: b + the blocks of W times the input blocks in use.
vec4 PreActivationBlock(int layer, int p, int input_blocks, vec4 a0, vec4 a1, vec4 a2, vec4 a3) {
  int row = p * kTexelsPerBlockRow;
  vec4 z = texelFetch(u_weights, ivec2(kBiasTexel + p, layer), 0) + WeightBlock(layer, row) * a0;
  if (input_blocks > 1) z += WeightBlock(layer, row + 4) * a1;
  if (input_blocks > 2) z += WeightBlock(layer, row + 8) * a2;
  if (input_blocks > 3) z += WeightBlock(layer, row + 12) * a3;
  return z;
}

// z = W a + b for the whole layer (the blocks beyond its width stay 0).
void PreActivation(int layer, inout vec4 a0, inout vec4 a1, inout vec4 a2, inout vec4 a3) {
  int input_blocks = (u_layer[layer].y + 3) / 4;
  int outputs = u_layer[layer].z;
  vec4 z0 = PreActivationBlock(layer, 0, input_blocks, a0, a1, a2, a3);
  vec4 z1 = vec4(0.0);
  vec4 z2 = vec4(0.0);
  vec4 z3 = vec4(0.0);
  if (outputs > 4) z1 = PreActivationBlock(layer, 1, input_blocks, a0, a1, a2, a3);
  if (outputs > 8) z2 = PreActivationBlock(layer, 2, input_blocks, a0, a1, a2, a3);
  if (outputs > 12) z3 = PreActivationBlock(layer, 3, input_blocks, a0, a1, a2, a3);
  a0 = z0;
  a1 = z1;
  a2 = z2;
  a3 = z3;
}

// True for the block's neurons that exist in a layer of `width`, false for the padding.
bvec4 Present(int p, int width) { return lessThan(ivec4(4 * p) + ivec4(0, 1, 2, 3), ivec4(width)); }

float MaxOf(vec4 v) { return max(max(v.x, v.y), max(v.z, v.w)); }

// The stable softmax over a layer's `width` neurons (not the padding): subtract the largest logit
// first, so every exponent is <= 0. In place: z in, probabilities out.
void Softmax(int width, inout vec4 z0, inout vec4 z1, inout vec4 z2, inout vec4 z3) {
  bvec4 p0 = Present(0, width), p1 = Present(1, width), p2 = Present(2, width), p3 = Present(3, width);
  vec4 low = vec4(-kFloatMax);
  vec4 zero = vec4(0.0);
  float z_max = max(max(MaxOf(mix(low, z0, p0)), MaxOf(mix(low, z1, p1))),
                    max(MaxOf(mix(low, z2, p2)), MaxOf(mix(low, z3, p3))));
  z0 = mix(zero, exp(clamp(z0 - z_max, -kExpLimit, 0.0)), p0);
  z1 = mix(zero, exp(clamp(z1 - z_max, -kExpLimit, 0.0)), p1);
  z2 = mix(zero, exp(clamp(z2 - z_max, -kExpLimit, 0.0)), p2);
  z3 = mix(zero, exp(clamp(z3 - z_max, -kExpLimit, 0.0)), p3);
  float total = dot(z0 + z1 + z2 + z3, vec4(1.0));
  z0 /= total;
  z1 /= total;
  z2 /= total;
  z3 /= total;
}

// Neuron n's value (0 <= n < 16).
float Component(vec4 a0, vec4 a1, vec4 a2, vec4 a3, int n) {
  vec4 block = n < 4 ? a0 : (n < 8 ? a1 : (n < 12 ? a2 : a3));
  return dot(block, vec4(equal(ivec4(n - (n / 4) * 4), ivec4(0, 1, 2, 3))));
}

// --- Colours ------------------------------------------------------------------------------------

// Confidence 0 is the background, 1 the class colour at u_class_strength: smooth in the
// network's output, so the boundary fades smoothly.
vec4 ClassColor(int k, float confidence) {
  vec3 color = u_class_color[k - (k / kClassColorCount) * kClassColorCount];
  return vec4(mix(u_background, color, u_class_strength * clamp(confidence, 0.0, 1.0)), 1.0);
}

vec4 Normalized(vec4 v) { return clamp((v - u_value_min) / (u_value_max - u_value_min), 0.0, 1.0); }

void main() {
  vec2 x = u_origin + gl_FragCoord.xy * u_step;  // gl_FragCoord is the pixel centre (i + 0.5)
  vec4 candidates0 = vec4(x.x, x.y, x.x * x.x, x.y * x.y);
  vec4 candidates1 = vec4(x.x * x.y, u_sines.x ? Sin(x.x) : 0.0, u_sines.y ? Sin(x.y) : 0.0, 0.0);
  vec4 a0 = u_select[0] * candidates0 + u_select[1] * candidates1;
  vec4 a1 = u_select[2] * candidates0 + u_select[3] * candidates1;
  vec4 a2 = vec4(0.0);
  vec4 a3 = vec4(0.0);

  // Layer by layer: z = W a + b, then a = h(z). The padding's weights are 0, so whatever h(0)
  // is in the padding never reaches the next layer. A non-finite z anywhere makes the pixel grey
  // (a non-finite a shows up in the next z, or in the check of the outputs below).
  bool finite = IsFinite(a0) && IsFinite(a1);
  int hidden_end = min(u_last_layer + 1, u_output_layer);
  for (int l = 0; l < kMaxLayers - 1; ++l) {
    if (l >= hidden_end) break;
    PreActivation(l, a0, a1, a2, a3);
    finite = finite && IsFinite(a0) && IsFinite(a1) && IsFinite(a2) && IsFinite(a3);
#if HIDDEN_ACTIVATION >= 0
    int activation = HIDDEN_ACTIVATION;
#else
    int activation = u_layer[l].x;
#endif
    float param = u_param[l];
    a0 = Activate(activation, a0, param);
    a1 = Activate(activation, a1, param);
    a2 = Activate(activation, a2, param);
    a3 = Activate(activation, a3, param);
  }
  if (u_last_layer == u_output_layer) {
    PreActivation(u_output_layer, a0, a1, a2, a3);
    finite = finite && IsFinite(a0) && IsFinite(a1) && IsFinite(a2) && IsFinite(a3);
#if OUTPUT_ACTIVATION == 9  // kSoftmax (the preprocessor cannot read constants)
    Softmax(u_layer[u_output_layer].z, a0, a1, a2, a3);
#else
    float param = u_param[u_output_layer];
    a0 = Activate(OUTPUT_ACTIVATION, a0, param);
    a1 = Activate(OUTPUT_ACTIVATION, a1, param);
    a2 = Activate(OUTPUT_ACTIVATION, a2, param);
    a3 = Activate(OUTPUT_ACTIVATION, a3, param);
#endif
  }
  finite = finite && IsFinite(a0) && IsFinite(a1) && IsFinite(a2) && IsFinite(a3);
  int activation = u_layer[u_last_layer].x;
  int outputs = u_layer[u_last_layer].z;

  // The values shown: one neuron, or the layer's outputs.
  int count = outputs;
  if (u_neuron >= 0) {
    a0 = vec4(Component(a0, a1, a2, a3, u_neuron), 0.0, 0.0, 0.0);
    count = 1;
  }

  if (u_mode == kRaw) {
    // Unused channels 0; alpha 1 when it is not a value of its own, 0 for a non-finite pixel.
    vec4 encoded = mix(vec4(0.0), Normalized(a0), Present(0, count));
    frag_color = finite ? vec4(encoded.xyz, count > 3 ? encoded.w : 1.0) : vec4(kInvalidGrey, 0.0);
    return;
  }
  if (!finite) {
    frag_color = vec4(kInvalidGrey, 1.0);
    return;
  }
  if (u_mode == kDiverging) {
    float t = Normalized(a0).x;
    vec3 color = t < 0.5 ? mix(u_negative, u_middle, 2.0 * t) : mix(u_middle, u_positive, 2.0 * t - 1.0);
    frag_color = vec4(color, 1.0);
    return;
  }
  // kClasses. One value: p(class 1) from a sigmoid, (a + 1) / 2 from a tanh, else clamped.
  if (count == 1) {
    float p = activation == kTanh ? 0.5 * (a0.x + 1.0) : a0.x;
    if (activation != kTanh && activation != kSigmoid) p = clamp(a0.x, 0.0, 1.0);
    frag_color = ClassColor(p > 0.5 ? 1 : 0, abs(2.0 * p - 1.0));
    return;
  }
  // K values: the argmax wins; confidence rises from 0 at chance (1/K) to 1 at certainty.
  int best = 0;
  float best_value = a0.x;
  for (int j = 1; j < 16; ++j) {
    if (j >= count) break;
    float value = Component(a0, a1, a2, a3, j);
    if (value > best_value) {
      best = j;
      best_value = value;
    }
  }
  float chance = 1.0 / float(count);
  float p = clamp(best_value, chance, 1.0);
  frag_color = ClassColor(best, (p - chance) / (1.0 - chance));
}
