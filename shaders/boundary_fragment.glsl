// The decision boundary's fragment shader: evaluates the network at this pixel's point of the plane
// and turns the result into a colour (or, in raw mode, into the values themselves for the test that
// compares it with the core). The formulas are the core's (src/core/dataset.cpp ApplyFeatures,
// src/core/activation.cpp), in single precision. The #version line and the defines below are
// prepended, and the network's own code appended, at run time (src/platform/boundary_program.cpp).
#ifdef GL_ES
precision highp float;
precision highp int;
#endif

// Four points per fragment: fragment (X, Y) of the packed image evaluates pixels 4X .. 4X+3 of
// row Y, each value a vec4 over those four points, and writes their four RGBA8 colours packed
// into one RGBA32UI texel (boundary_unpack_fragment.glsl spreads them out again). Every number of
// the network is then read once per four points, which is what costs a GPU emulated on the CPU
// (SwiftShader, the headless tests' WebGL) the most: each read of a uniform block is a
// bounds-checked load there.
//
// The network itself is not in this file: src/platform/boundary_program.cpp writes it for each
// network shape (layer sizes, activations, input features) as the function Network below, every
// loop unrolled and every number read at a constant index of u_network, and puts these defines
// first: the activation and width of the last layer evaluated, and the length of u_network.
#ifndef LAST_ACTIVATION
#define LAST_ACTIVATION 3
#endif
#ifndef LAST_WIDTH
#define LAST_WIDTH 1
#endif
#ifndef NETWORK_VECTORS
#define NETWORK_VECTORS 1
#endif

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

// The network's numbers, shared by every program (uploaded once per change of the weights; the
// layout is in boundary_program.cpp). Read only at constant indices.
layout(std140) uniform NetworkNumbers {
  vec4 u_network[NETWORK_VECTORS];
};
// The image, in its own pixels (not the packed ones): pixel (i + 0.5, j + 0.5) of a cell is the
// point u_origin + (i + 0.5 - u_gutter, j + 0.5 - u_gutter) * u_step. A plain image is one cell;
// a row of neuron thumbnails (RenderNeuronAtlas) is cells u_cell_stride pixels apart from
// u_cell_origin, cell k showing neuron u_neuron + k, each with a gutter of u_gutter pixels around
// it (the same function continued, so that linear filtering at a thumbnail's edge never mixes in
// its neighbour).
uniform vec2 u_origin;       // (x_min, y_max): the plane's top-left corner
uniform vec2 u_step;         // ((x_max - x_min) / width, -(y_max - y_min) / height): one pixel
uniform vec2 u_cell_origin;  // the first cell's lower-left corner in the framebuffer
uniform float u_cell_stride; // cells' distance along x (a plain image: its width)
uniform float u_gutter;      // pixels around each cell (a plain image: 0)
uniform int u_neuron;        // -1: every output of the last layer; else that neuron alone (+ cell)
uniform int u_mode;
uniform float u_value_min;
uniform float u_value_max;
uniform vec3 u_class_color[kClassColorCount];
uniform vec3 u_background;
uniform float u_class_strength;  // the colour at full confidence: mix(background, class, strength)
uniform vec3 u_negative;  // kDiverging: value_min
uniform vec3 u_middle;    //             the middle of the range
uniform vec3 u_positive;  //             value_max

out uvec4 packed_colors;  // the four points' RGBA8 colours, red in the low byte

// False for infinities and for NaN (every comparison with NaN is false).
bool IsFinite(vec4 v) { return all(lessThanEqual(abs(v), vec4(kFloatMax))); }
bvec4 Finite(vec4 v) { return lessThanEqual(abs(v), vec4(kFloatMax)); }

// sin(x) within a few 1e-8 (Cephes sinf): GLSL's own sin may be off by 2^-11 (the Vulkan and
// OpenGL ES precision rules), which weights of 50 turn into visible differences. x is reduced by
// multiples of pi/4 (pi/4 in three parts, so the reduction is exact), then a polynomial for sin or
// cos on [-pi/4, pi/4]. Four points at a time, both polynomials computed and one chosen per point.
vec4 Sin(vec4 angle) {
  vec4 x = abs(angle);
  vec4 sign = mix(vec4(1.0), vec4(-1.0), lessThan(angle, vec4(0.0)));
  ivec4 octant = ivec4(x * 1.27323954473516);  // x / (pi/4)
  octant += octant & 1;                         // to the nearest even multiple, |r| <= pi/4
  vec4 y = vec4(octant);
  octant = octant & 7;
  sign = mix(sign, -sign, greaterThan(octant, ivec4(3)));
  octant = octant & 3;
  vec4 r = ((x - y * 0.78515625) - y * 2.4187564849853515625e-4) - y * 3.77489497744594108e-8;
  vec4 s = r * r;
  vec4 cosine = ((2.443315711809948e-5 * s - 1.388731625493765e-3) * s + 4.166664568298827e-2) * s * s - 0.5 * s + 1.0;
  vec4 sine = (((-1.9515295891e-4 * s + 8.3321608736e-3) * s - 1.6666654611e-1) * s * r) + r;
  vec4 result = sign * mix(sine, cosine, equal(octant, ivec4(2)));
  // Beyond kSinReductionLimit the builtin takes over (no plane reaches it).
  return mix(result, sin(angle), greaterThan(x, vec4(kSinReductionLimit)));
}

// --- The activations, four points at a time, with the core's formulas ----------------------

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

// The activations the generated network calls by name (softmax: SoftmaxExp below).
vec4 Identity(vec4 z) { return z; }
vec4 Step(vec4 z) { return vec4(greaterThan(z, vec4(0.0))); }
vec4 Relu(vec4 z) { return max(z, vec4(0.0)); }
// Leaky ReLU and PReLU: the slope on the negative side.
vec4 LeakyRelu(vec4 z, float slope) { return mix(slope * z, z, greaterThan(z, vec4(0.0))); }
vec4 Elu(vec4 z, float alpha) {
  return mix(alpha * Expm1NonPositive(min(z, vec4(0.0))), z, greaterThan(z, vec4(0.0)));
}
vec4 Gelu(vec4 z) { return z * NormalCdf(z); }

// The stable softmax, which the generated code writes out neuron by neuron: the largest logit
// z_max first, so that every exponent is <= 0; then e_j = SoftmaxExp(z_j, z_max) and
// p_j = e_j / (e_1 + .. + e_K).
vec4 SoftmaxExp(vec4 z, vec4 z_max) { return exp(clamp(z - z_max, -kExpLimit, 0.0)); }

// True for the block's neurons that exist in a layer of `width`, false for the padding.
bvec4 Present(int p, int width) { return lessThan(ivec4(4 * p) + ivec4(0, 1, 2, 3), ivec4(width)); }

// Neuron n's value (0 <= n < 16).
float Component(vec4 a0, vec4 a1, vec4 a2, vec4 a3, int n) {
  vec4 block = n < 4 ? a0 : (n < 8 ? a1 : (n < 12 ? a2 : a3));
  return dot(block, vec4(equal(ivec4(n - (n / 4) * 4), ivec4(0, 1, 2, 3))));
}

// --- The network (generated) ---------------------------------------------------------------------

// The network at four points (x1, x2), through the last layer asked for: neuron j's values in
// column j % 4 of o[j / 4] (zero beyond LAST_WIDTH), and the sum of every z and output, infinite
// or NaN at a point where one of them was not finite (an infinite z can turn into a finite a:
// tanh(inf) = 1). Layer by layer z = W a + b, a = h(z). Written by boundary_program.cpp, after
// this file.
void Network(vec4 x1, vec4 x2, out mat4 o0, out mat4 o1, out mat4 o2, out mat4 o3, out vec4 check);

// --- Colours ------------------------------------------------------------------------------------

// Confidence 0 is the background, 1 the class colour at u_class_strength: smooth in the
// network's output, so the boundary fades smoothly.
vec4 ClassColor(int k, float confidence) {
  vec3 color = u_class_color[k - (k / kClassColorCount) * kClassColorCount];
  return vec4(mix(u_background, color, u_class_strength * clamp(confidence, 0.0, 1.0)), 1.0);
}

vec4 Normalized(vec4 v) { return clamp((v - u_value_min) / (u_value_max - u_value_min), 0.0, 1.0); }

// One point's colour from its values a0 .. a3 (neurons 0..3, 4..7, ...): `neuron` >= 0 shows
// that neuron alone, -1 the layer's outputs.
vec4 PointColor(vec4 a0, vec4 a1, vec4 a2, vec4 a3, bool finite, int neuron) {
  int count = LAST_WIDTH;
  if (neuron >= 0) {
    a0 = vec4(Component(a0, a1, a2, a3, neuron), 0.0, 0.0, 0.0);
    count = 1;
  }
  if (u_mode == kRaw) {
    // Unused channels 0; alpha 1 when it is not a value of its own, 0 for a non-finite point.
    vec4 encoded = mix(vec4(0.0), Normalized(a0), Present(0, count));
    return finite ? vec4(encoded.xyz, count > 3 ? encoded.w : 1.0) : vec4(kInvalidGrey, 0.0);
  }
  if (!finite) return vec4(kInvalidGrey, 1.0);
  if (u_mode == kDiverging) {
    float t = Normalized(a0).x;
    vec3 color = t < 0.5 ? mix(u_negative, u_middle, 2.0 * t) : mix(u_middle, u_positive, 2.0 * t - 1.0);
    return vec4(color, 1.0);
  }
  // kClasses. One value: p(class 1) from a sigmoid, (a + 1) / 2 from a tanh, else clamped.
  if (count == 1) {
#if LAST_ACTIVATION == 3  // kTanh (the preprocessor cannot read constants)
    float p = 0.5 * (a0.x + 1.0);
#elif LAST_ACTIVATION == 2  // kSigmoid
    float p = a0.x;
#else
    float p = clamp(a0.x, 0.0, 1.0);
#endif
    return ClassColor(p > 0.5 ? 1 : 0, abs(2.0 * p - 1.0));
  }
  // K values: the argmax wins; confidence rises from 0 at chance (1/K) to 1 at certainty.
  int best = 0;
  float best_value = a0.x;
  for (int j = 1; j < LAST_WIDTH; ++j) {
    float value = Component(a0, a1, a2, a3, j);
    if (value > best_value) {
      best = j;
      best_value = value;
    }
  }
  float chance = 1.0 / float(count);
  float p = clamp(best_value, chance, 1.0);
  return ClassColor(best, (p - chance) / (1.0 - chance));
}

// RGBA8 in one uint, red in the low byte (GLSL ES 3.00 has no packUnorm4x8).
uint Pack(vec4 color) {
  uvec4 bytes = uvec4(round(clamp(color, 0.0, 1.0) * 255.0));
  return bytes.r | (bytes.g << 8) | (bytes.b << 16) | (bytes.a << 24);
}

void main() {
  // The four pixels' centres in the image (gl_FragCoord is the packed pixel's centre, X + 0.5),
  // which cell each is in, and where in it.
  vec4 column = 4.0 * gl_FragCoord.x + vec4(-1.5, -0.5, 0.5, 1.5) - u_cell_origin.x;
  vec4 cell = floor(column / u_cell_stride);
  column -= cell * u_cell_stride;
  vec4 x1 = u_origin.x + (column - u_gutter) * u_step.x;
  vec4 x2 = vec4(u_origin.y + (gl_FragCoord.y - u_cell_origin.y - u_gutter) * u_step.y);
  mat4 o0, o1, o2, o3;
  vec4 check;
  Network(x1, x2, o0, o1, o2, o3, check);
  bvec4 finite = Finite(check);
  ivec4 neuron = u_neuron < 0 ? ivec4(-1) : ivec4(u_neuron) + ivec4(cell);
  // Row p of o_b: point p's neurons 4b .. 4b+3.
  mat4 t0 = transpose(o0), t1 = transpose(o1), t2 = transpose(o2), t3 = transpose(o3);
  packed_colors = uvec4(Pack(PointColor(t0[0], t1[0], t2[0], t3[0], finite.x, neuron.x)),
                        Pack(PointColor(t0[1], t1[1], t2[1], t3[1], finite.y, neuron.y)),
                        Pack(PointColor(t0[2], t1[2], t2[2], t3[2], finite.z, neuron.z)),
                        Pack(PointColor(t0[3], t1[3], t2[3], t3[3], finite.w, neuron.w)));
}
