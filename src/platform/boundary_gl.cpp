// The GPU side of the decision boundary (app/boundary_renderer.h): compiles shaders/boundary_*.glsl
// (once per pair of hidden and output activations), keeps one RGBA8 texture and framebuffer per
// slot, uploads the network's weights as a float texture and draws one fullscreen triangle per
// image. It runs in the middle of the ImGui frame, so it saves the GL state it changes and puts it back.
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/boundary_renderer.h"
#include "app/palette.h"
#include "platform/gl.h"

// The embedded shader sources (cmake/embed_file.cmake): NUL-terminated bytes and their length.
extern const unsigned char kShaderboundaryvertex[];
extern const std::size_t kShaderboundaryvertexSize;
extern const unsigned char kShaderboundaryfragment[];
extern const std::size_t kShaderboundaryfragmentSize;

namespace bp {

namespace {

// The weights texture, as shaders/boundary_fragment.glsl reads it (RGBA32F): row l is layer l,
// in 4x4 blocks. Block (p, q) maps inputs 4q..4q+3 to neurons 4p..4p+3; texel 16p + 4q + c is its
// column c, (W(4p, 4q+c), .., W(4p+3, 4q+c)), zero-padded. Texels 64 + p hold b(4p .. 4p+3).
constexpr int kBlock = 4;
constexpr int kBlocks = kShaderMaxWidth / kBlock;
constexpr int kBiasTexel = kBlocks * kBlocks * kBlock;
constexpr int kWeightsTextureWidth = kBiasTexel + kBlocks;
// The shader's seven candidate features in two vec4s, the enabled ones picked by 0/1 matrices.
constexpr int kSelectMatrices = 4;
constexpr int kMaxImageSize = 2048;
// Weights are uploaded in single precision; beyond this a product of two already overflows it.
constexpr double kMaxMagnitude = 1e18;
// The class colour at full confidence, as data_plane.cpp's kBoundaryAlpha: points stay readable on top.
constexpr float kClassStrength = 0.55f;
// The middle of the diverging map: near-white, between the palette's negative orange and positive blue.
constexpr ImU32 kDivergingMiddle = IM_COL32(0xF2, 0xF2, 0xF2, 0xFF);

// The shader's output modes (u_mode).
enum class ShaderMode { kRaw = 0, kClasses = 1, kDiverging = 2 };

struct Uniforms {
  GLint weights = -1, layer = -1, param = -1, last_layer = -1, output_layer = -1, neuron = -1, select = -1, sines = -1;
  GLint origin = -1, step = -1, mode = -1, value_min = -1, value_max = -1;
  GLint class_color = -1, background = -1, class_strength = -1, negative = -1, middle = -1, positive = -1;
};

// An image the shader draws into: an RGBA8 texture attached to its own framebuffer.
struct Target {
  GLuint texture = 0;
  GLuint framebuffer = 0;
  int width = 0, height = 0;
};

// One compiled program: the shader with the hidden layers' and the output layer's activations
// fixed (HIDDEN_ACTIVATION -1: hidden layers that differ, read per layer).
struct Program {
  int hidden = 0, output = 0;
  GLuint program = 0;
  Uniforms uniforms;
  std::string failure;  // why it could not be built: every later request gets the same sentence
};

// The GL objects, created on first use and kept for the app's lifetime (the GL context lives as long).
struct BoundaryGl {
  bool shared_made = false;  // the vertex array and the weights texture exist
  GLuint vertex_array = 0;   // empty: the triangle comes from gl_VertexID
  GLuint weights = 0;
  std::vector<Program> programs;  // compiled on first use, a handful at most
  std::array<Target, kBoundarySlots> slots;
  Target probe;
};
BoundaryGl g_boundary;

// The state the rest of the frame (ImGui's renderer) relies on.
struct SavedGlState {
  GLint read_framebuffer = 0, draw_framebuffer = 0, program = 0, vertex_array = 0, active_texture = 0, texture = 0;
  GLint pack_alignment = 4;
  GLint viewport[4] = {0, 0, 0, 0};
  GLboolean blend = GL_FALSE, scissor = GL_FALSE, depth = GL_FALSE, cull = GL_FALSE, stencil = GL_FALSE,
            dither = GL_FALSE;
};

SavedGlState SaveGlState() {
  SavedGlState saved;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &saved.read_framebuffer);
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &saved.draw_framebuffer);
  glGetIntegerv(GL_CURRENT_PROGRAM, &saved.program);
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &saved.vertex_array);
  glGetIntegerv(GL_ACTIVE_TEXTURE, &saved.active_texture);
  glActiveTexture(GL_TEXTURE0);
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &saved.texture);
  glGetIntegerv(GL_VIEWPORT, saved.viewport);
  glGetIntegerv(GL_PACK_ALIGNMENT, &saved.pack_alignment);
  saved.blend = glIsEnabled(GL_BLEND);
  saved.scissor = glIsEnabled(GL_SCISSOR_TEST);
  saved.depth = glIsEnabled(GL_DEPTH_TEST);
  saved.cull = glIsEnabled(GL_CULL_FACE);
  saved.stencil = glIsEnabled(GL_STENCIL_TEST);
  saved.dither = glIsEnabled(GL_DITHER);
  return saved;
}

void SetEnabled(GLenum capability, GLboolean enabled) {
  if (enabled) {
    glEnable(capability);
  } else {
    glDisable(capability);
  }
}

void RestoreGlState(const SavedGlState& saved) {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(saved.read_framebuffer));
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(saved.draw_framebuffer));
  glUseProgram(static_cast<GLuint>(saved.program));
  glBindVertexArray(static_cast<GLuint>(saved.vertex_array));
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(saved.texture));
  glActiveTexture(static_cast<GLenum>(saved.active_texture));
  glViewport(saved.viewport[0], saved.viewport[1], saved.viewport[2], saved.viewport[3]);
  glPixelStorei(GL_PACK_ALIGNMENT, saved.pack_alignment);
  SetEnabled(GL_BLEND, saved.blend);
  SetEnabled(GL_SCISSOR_TEST, saved.scissor);
  SetEnabled(GL_DEPTH_TEST, saved.depth);
  SetEnabled(GL_CULL_FACE, saved.cull);
  SetEnabled(GL_STENCIL_TEST, saved.stencil);
  SetEnabled(GL_DITHER, saved.dither);
}

// --- The program ---------------------------------------------------------------------------------

// Compiles one stage with the version line and `defines` first; an error carries the driver's info log.
Result<GLuint> CompileShader(GLenum stage, const char* what, const std::string& defines, const unsigned char* text,
                             std::size_t size) {
  const std::string version = std::string(kGlslVersion) + "\n" + defines;
  const char* sources[2] = {version.c_str(), reinterpret_cast<const char*>(text)};
  const GLint lengths[2] = {static_cast<GLint>(version.size()), static_cast<GLint>(size)};
  GLuint shader = glCreateShader(stage);
  glShaderSource(shader, 2, sources, lengths);
  glCompileShader(shader);
  GLint compiled = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &compiled);
  if (compiled == GL_TRUE) return Result<GLuint>::Ok(shader);
  GLint log_length = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &log_length);
  std::string log(static_cast<std::size_t>(log_length > 1 ? log_length : 1), '\0');
  glGetShaderInfoLog(shader, static_cast<GLsizei>(log.size()), nullptr, &log[0]);
  glDeleteShader(shader);
  return Result<GLuint>::Error(std::string("the decision-boundary ") + what + " shader did not compile: " +
                               log.c_str());
}

void FindUniforms(GLuint program, Uniforms* u) {
  u->weights = glGetUniformLocation(program, "u_weights");
  u->layer = glGetUniformLocation(program, "u_layer");
  u->param = glGetUniformLocation(program, "u_param");
  u->last_layer = glGetUniformLocation(program, "u_last_layer");
  u->output_layer = glGetUniformLocation(program, "u_output_layer");
  u->neuron = glGetUniformLocation(program, "u_neuron");
  u->select = glGetUniformLocation(program, "u_select");
  u->sines = glGetUniformLocation(program, "u_sines");
  u->origin = glGetUniformLocation(program, "u_origin");
  u->step = glGetUniformLocation(program, "u_step");
  u->mode = glGetUniformLocation(program, "u_mode");
  u->value_min = glGetUniformLocation(program, "u_value_min");
  u->value_max = glGetUniformLocation(program, "u_value_max");
  u->class_color = glGetUniformLocation(program, "u_class_color");
  u->background = glGetUniformLocation(program, "u_background");
  u->class_strength = glGetUniformLocation(program, "u_class_strength");
  u->negative = glGetUniformLocation(program, "u_negative");
  u->middle = glGetUniformLocation(program, "u_middle");
  u->positive = glGetUniformLocation(program, "u_positive");
}

// Compiles and links the shaders with the two activations fixed; the error names what failed.
Status BuildProgram(Program* program) {
  const std::string defines = "#define HIDDEN_ACTIVATION " + std::to_string(program->hidden) +
                              "\n#define OUTPUT_ACTIVATION " + std::to_string(program->output) + "\n";
  Result<GLuint> vertex =
      CompileShader(GL_VERTEX_SHADER, "vertex", "", kShaderboundaryvertex, kShaderboundaryvertexSize);
  if (!vertex.ok()) return Status::Error(vertex.error());
  Result<GLuint> fragment =
      CompileShader(GL_FRAGMENT_SHADER, "fragment", defines, kShaderboundaryfragment, kShaderboundaryfragmentSize);
  if (!fragment.ok()) {
    glDeleteShader(vertex.value());
    return Status::Error(fragment.error());
  }
  GLuint linked_program = glCreateProgram();
  glAttachShader(linked_program, vertex.value());
  glAttachShader(linked_program, fragment.value());
  glLinkProgram(linked_program);
  glDeleteShader(vertex.value());
  glDeleteShader(fragment.value());
  GLint linked = GL_FALSE;
  glGetProgramiv(linked_program, GL_LINK_STATUS, &linked);
  if (linked != GL_TRUE) {
    GLint log_length = 0;
    glGetProgramiv(linked_program, GL_INFO_LOG_LENGTH, &log_length);
    std::string log(static_cast<std::size_t>(log_length > 1 ? log_length : 1), '\0');
    glGetProgramInfoLog(linked_program, static_cast<GLsizei>(log.size()), nullptr, &log[0]);
    glDeleteProgram(linked_program);
    return Status::Error(std::string("the decision-boundary shaders did not link: ") + log.c_str());
  }
  program->program = linked_program;
  FindUniforms(linked_program, &program->uniforms);
  return Status::Ok();
}

// The empty vertex array and the weights texture, once. Touches only bindings the caller saved.
Status EnsureShared(BoundaryGl* gl) {
  if (gl->shared_made) return Status::Ok();
  if (glGetString(GL_VERSION) == nullptr) {
    return Status::Error("there is no OpenGL context to draw the decision boundary with");
  }
  glGenVertexArrays(1, &gl->vertex_array);
  glGenTextures(1, &gl->weights);
  glBindTexture(GL_TEXTURE_2D, gl->weights);
  // Float textures are not filterable in WebGL2: NEAREST without mipmaps keeps the texture complete
  // (an incomplete one would read back zeros through texelFetch).
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, kWeightsTextureWidth, kShaderMaxLayers, 0, GL_RGBA, GL_FLOAT, nullptr);
  gl->shared_made = true;
  return Status::Ok();
}

// The code of each activation in the shader (the order of the Activation enum; see the shader).
int ShaderActivation(Activation activation) { return static_cast<int>(activation); }
static_assert(static_cast<int>(Activation::kSoftmax) == 9 && static_cast<int>(Activation::kGelu) == 8,
              "shaders/boundary_fragment.glsl numbers the activations in the order of bp::Activation");

// The activation codes the network's program is compiled with: the output layer's, and the one
// all hidden layers share (-1 when they differ; identity, never used, when there are none).
Program ProgramKey(const Mlp& mlp) {
  Program key;
  key.output = ShaderActivation(mlp.layers.back().activation);
  key.hidden = ShaderActivation(mlp.layers.size() > 1 ? mlp.layers.front().activation : Activation::kIdentity);
  for (std::size_t l = 1; l + 1 < mlp.layers.size(); ++l) {
    if (mlp.layers[l].activation != mlp.layers.front().activation) key.hidden = -1;
  }
  return key;
}

// The program for `mlp`'s activations, built on first use (a failure is remembered).
Result<const Program*> FindProgram(BoundaryGl* gl, const Mlp& mlp) {
  Status shared = EnsureShared(gl);
  if (!shared.ok()) return Result<const Program*>::Error(shared.error);
  const Program key = ProgramKey(mlp);
  Program* found = nullptr;
  for (Program& program : gl->programs) {
    if (program.hidden == key.hidden && program.output == key.output) found = &program;
  }
  if (found == nullptr) {
    gl->programs.push_back(key);
    found = &gl->programs.back();
    Status built = BuildProgram(found);
    if (!built.ok()) found->failure = built.error;
  }
  if (!found->failure.empty()) return Result<const Program*>::Error(found->failure);
  return Result<const Program*>::Ok(found);
}

// Gives `target` a texture and framebuffer of the wanted size (reallocated when the size changes).
Status EnsureTarget(Target* target, int width, int height) {
  if (target->texture == 0) {
    glGenTextures(1, &target->texture);
    glGenFramebuffers(1, &target->framebuffer);
  }
  glBindTexture(GL_TEXTURE_2D, target->texture);
  if (target->width != width || target->height != height) {
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glBindFramebuffer(GL_FRAMEBUFFER, target->framebuffer);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target->texture, 0);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
      target->width = target->height = 0;
      return Status::Error("the GPU could not render into a " + std::to_string(width) + "x" +
                           std::to_string(height) + " image for the decision boundary");
    }
    target->width = width;
    target->height = height;
  }
  glBindFramebuffer(GL_FRAMEBUFFER, target->framebuffer);
  return Status::Ok();
}

// --- The request ---------------------------------------------------------------------------------

// The number of layers the shader evaluates (through the asked-for layer).
int LastLayer(const BoundaryRequest& request) {
  return request.layer < 0 ? static_cast<int>(request.mlp->layers.size()) - 1 : request.layer;
}

bool WithinMagnitude(double value) { return std::fabs(value) <= kMaxMagnitude; }

Status CheckLayer(const Layer& layer, int l, int expected_inputs) {
  const std::string name = "layer " + std::to_string(l + 1);
  if (layer.outputs() < 1 || layer.outputs() > kShaderMaxWidth || layer.inputs() > kShaderMaxWidth) {
    return Status::Error(name + " is " + std::to_string(layer.outputs()) + "x" + std::to_string(layer.inputs()) +
                         "; the GPU boundary draws layers of 1 to " + std::to_string(kShaderMaxWidth) + " neurons");
  }
  if (layer.inputs() != expected_inputs || layer.b.size() != layer.W.rows()) {
    return Status::Error(name + " does not fit the layer before it (" + std::to_string(layer.inputs()) +
                         " inputs, " + std::to_string(expected_inputs) + " expected)");
  }
  const bool in_range = WithinMagnitude(layer.W.cwiseAbs().maxCoeff()) &&
                        WithinMagnitude(layer.b.cwiseAbs().maxCoeff()) && WithinMagnitude(layer.params.slope) &&
                        WithinMagnitude(layer.params.alpha);
  if (!in_range) {
    return Status::Error(name + " has a parameter beyond +-1e18, too large for the GPU's single precision");
  }
  return Status::Ok();
}

// The network: present, finite, within the shader's limits, fed by the features.
Status CheckNetwork(const BoundaryRequest& request) {
  const Mlp* mlp = request.mlp;
  if (mlp == nullptr || mlp->layers.empty()) return Status::Error("there is no network to draw the boundary of");
  const int layers = static_cast<int>(mlp->layers.size());
  if (layers > kShaderMaxLayers) {
    return Status::Error("the network has " + std::to_string(layers) + " layers; the GPU boundary draws at most " +
                         std::to_string(kShaderMaxLayers));
  }
  bool finite = AllFinite(*mlp);
  for (const Layer& layer : mlp->layers) finite = finite && std::isfinite(layer.params.alpha);
  if (!finite) return Status::Error("the network has a NaN or infinite parameter, so there is no boundary to draw");
  Status features = CheckFeatureSet(request.features);
  if (!features.ok()) return features;
  if (mlp->inputs() != request.features.Count()) {
    return Status::Error("the network takes " + std::to_string(mlp->inputs()) + " inputs but " +
                         std::to_string(request.features.Count()) + " input features are on");
  }
  int expected_inputs = mlp->inputs();
  for (int l = 0; l < layers; ++l) {
    const Layer& layer = mlp->layers[l];
    if (layer.activation == Activation::kSoftmax && l + 1 < layers) {
      return Status::Error("layer " + std::to_string(l + 1) +
                           " is a hidden softmax layer; softmax belongs to the output");
    }
    Status status = CheckLayer(layer, l, expected_inputs);
    if (!status.ok()) return status;
    expected_inputs = layer.outputs();
  }
  return Status::Ok();
}

// The image: its size, the plane's range, the neuron shown, the value range.
Status CheckImage(const BoundaryRequest& request, bool needs_value_range) {
  const int layers = static_cast<int>(request.mlp->layers.size());
  if (request.width < 1 || request.width > kMaxImageSize || request.height < 1 || request.height > kMaxImageSize) {
    return Status::Error("the boundary image must be 1 to " + std::to_string(kMaxImageSize) +
                         " pixels wide and high, not " + std::to_string(request.width) + "x" +
                         std::to_string(request.height));
  }
  const PlaneRange& r = request.range;
  if (!(std::isfinite(r.x_min) && std::isfinite(r.x_max) && std::isfinite(r.y_min) && std::isfinite(r.y_max) &&
        r.x_min < r.x_max && r.y_min < r.y_max)) {
    return Status::Error("the plane's range must be finite numbers with x_min < x_max and y_min < y_max");
  }
  if (request.layer < -1 || request.layer >= layers) {
    return Status::Error("layer " + std::to_string(request.layer) + " does not exist; use -1 for the output or 0 to " +
                         std::to_string(layers - 1));
  }
  if (request.layer >= 0) {
    const int width = request.mlp->layers[request.layer].outputs();
    if (request.neuron < 0 || request.neuron >= width) {
      return Status::Error("neuron " + std::to_string(request.neuron) + " does not exist; layer " +
                           std::to_string(request.layer) + " has neurons 0 to " + std::to_string(width - 1));
    }
  }
  if (needs_value_range && !(std::isfinite(request.value_min) && std::isfinite(request.value_max) &&
                             request.value_min < request.value_max)) {
    return Status::Error("the value range must be two finite numbers with value_min < value_max");
  }
  return Status::Ok();
}

// Everything RenderBoundary needs to be true before it touches GL, in words.
Status CheckRequest(const BoundaryRequest& request, bool needs_value_range) {
  Status status = CheckNetwork(request);
  return status.ok() ? CheckImage(request, needs_value_range) : status;
}

// One layer per row, zero-padded (the layout at the top of this file).
std::vector<float> WeightsTexels(const Mlp& mlp) {
  std::vector<float> texels(static_cast<std::size_t>(kWeightsTextureWidth) * kShaderMaxLayers * 4, 0.0f);
  for (std::size_t l = 0; l < mlp.layers.size(); ++l) {
    const Layer& layer = mlp.layers[l];
    float* row = &texels[l * kWeightsTextureWidth * 4];
    for (int j = 0; j < layer.outputs(); ++j) {
      const int p = j / kBlock, k = j % kBlock;
      for (int i = 0; i < layer.inputs(); ++i) {
        const int q = i / kBlock, c = i % kBlock;
        const int texel = (p * kBlocks + q) * kBlock + c;
        row[texel * 4 + k] = static_cast<float>(layer.W(j, i));
      }
      row[(kBiasTexel + p) * 4 + k] = static_cast<float>(layer.b(j));
    }
  }
  return texels;
}

// The 0/1 matrices that put enabled feature r (in ApplyFeatures' order) into input r: input block
// q = u_select[2q] * (x1, x2, x1^2, x2^2) + u_select[2q + 1] * (x1 x2, sin x1, sin x2, 0).
// Column-major, as glUniformMatrix4fv takes them.
std::array<GLfloat, kSelectMatrices * 16> FeatureSelection(const FeatureSet& features) {
  std::array<GLfloat, kSelectMatrices * 16> select{};
  int r = 0;
  for (Feature feature : features.Enabled()) {
    const int f = static_cast<int>(feature);
    const int matrix = 2 * (r / kBlock) + f / kBlock;
    select[matrix * 16 + (f % kBlock) * 4 + r % kBlock] = 1.0f;
    ++r;
  }
  return select;
}

// Leaky ReLU and PReLU read params.slope, ELU params.alpha.
float ShaderParam(const Layer& layer) {
  return static_cast<float>(layer.activation == Activation::kElu ? layer.params.alpha : layer.params.slope);
}

void SetColor(GLint location, ImU32 color) {
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
  glUniform3f(location, c.x, c.y, c.z);
}

void SetUniforms(const Uniforms& u, const BoundaryRequest& request, ShaderMode mode) {
  const Mlp& mlp = *request.mlp;
  std::array<GLint, kShaderMaxLayers * 3> shapes{};
  std::array<GLfloat, kShaderMaxLayers> params{};
  for (std::size_t l = 0; l < mlp.layers.size(); ++l) {
    shapes[l * 3] = ShaderActivation(mlp.layers[l].activation);
    shapes[l * 3 + 1] = mlp.layers[l].inputs();
    shapes[l * 3 + 2] = mlp.layers[l].outputs();
    params[l] = ShaderParam(mlp.layers[l]);
  }

  glUniform1i(u.weights, 0);
  glUniform3iv(u.layer, kShaderMaxLayers, shapes.data());
  glUniform1fv(u.param, kShaderMaxLayers, params.data());
  glUniform1i(u.last_layer, LastLayer(request));
  glUniform1i(u.output_layer, static_cast<int>(mlp.layers.size()) - 1);
  glUniform1i(u.neuron, request.layer < 0 ? -1 : request.neuron);
  const std::array<GLfloat, kSelectMatrices * 16> select = FeatureSelection(request.features);
  glUniformMatrix4fv(u.select, kSelectMatrices, GL_FALSE, select.data());
  glUniform2i(u.sines, request.features.Has(Feature::kSinX1), request.features.Has(Feature::kSinX2));
  const PlaneRange& r = request.range;
  glUniform2f(u.origin, static_cast<float>(r.x_min), static_cast<float>(r.y_max));
  glUniform2f(u.step, static_cast<float>((r.x_max - r.x_min) / request.width),
              static_cast<float>(-(r.y_max - r.y_min) / request.height));
  glUniform1i(u.mode, static_cast<int>(mode));
  glUniform1f(u.value_min, static_cast<float>(request.value_min));
  glUniform1f(u.value_max, static_cast<float>(request.value_max));

  std::array<GLfloat, ClassColorCount() * 3> class_colors{};
  for (int k = 0; k < ClassColorCount(); ++k) {
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(ClassColor(k, request.dark));
    class_colors[k * 3] = c.x;
    class_colors[k * 3 + 1] = c.y;
    class_colors[k * 3 + 2] = c.z;
  }
  glUniform3fv(u.class_color, ClassColorCount(), class_colors.data());
  // The theme's own window background (not the current style: the request names the theme).
  ImGuiStyle style;
  if (request.dark) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
  }
  const ImVec4& background = style.Colors[ImGuiCol_WindowBg];
  glUniform3f(u.background, background.x, background.y, background.z);
  glUniform1f(u.class_strength, kClassStrength);
  const Palette& palette = ThemePalette(request.dark);
  SetColor(u.negative, palette.negative);
  SetColor(u.middle, kDivergingMiddle);
  SetColor(u.positive, palette.positive);
}

// Draws `request` into `target`; when `pixels` is given, reads the image back (RGBA8, row 0 = the
// top row: the shader puts y_max at gl_FragCoord.y = 0.5, which is also where ImGui::Image's
// uv (0, 0) samples). Restores the caller's GL state in every case.
Status Draw(const BoundaryRequest& request, ShaderMode mode, Target* target, std::vector<std::uint8_t>* pixels) {
  BoundaryGl& gl = g_boundary;
  const SavedGlState saved = SaveGlState();
  Result<const Program*> program = FindProgram(&gl, *request.mlp);
  Status status = program.ok() ? EnsureTarget(target, request.width, request.height) : Status::Error(program.error());
  if (status.ok()) {
    const std::vector<float> texels = WeightsTexels(*request.mlp);
    glBindTexture(GL_TEXTURE_2D, gl.weights);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, kWeightsTextureWidth, kShaderMaxLayers, GL_RGBA, GL_FLOAT, texels.data());
    glViewport(0, 0, request.width, request.height);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_STENCIL_TEST);
    // Dithering could move a raw value by one 8-bit step.
    glDisable(GL_DITHER);
    glUseProgram(program.value()->program);
    SetUniforms(program.value()->uniforms, request, mode);
    glBindVertexArray(gl.vertex_array);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    if (pixels != nullptr) {
      pixels->assign(static_cast<std::size_t>(request.width) * request.height * 4, 0);
      glPixelStorei(GL_PACK_ALIGNMENT, 4);  // RGBA8 rows: no padding whatever the width
      glReadPixels(0, 0, request.width, request.height, GL_RGBA, GL_UNSIGNED_BYTE, pixels->data());
    }
  }
  RestoreGlState(saved);
  return status;
}

}  // namespace

Result<ImTextureID> RenderBoundary(int slot, const BoundaryRequest& request) {
  if (slot < 0 || slot >= kBoundarySlots) {
    return Result<ImTextureID>::Error("boundary slot " + std::to_string(slot) + " does not exist (0 to " +
                                      std::to_string(kBoundarySlots - 1) + ")");
  }
  const bool diverging = request.coloring == BoundaryColoring::kDiverging;
  Status status = CheckRequest(request, diverging);
  if (!status.ok()) return Result<ImTextureID>::Error(status.error);
  Target& target = g_boundary.slots[slot];
  status = Draw(request, diverging ? ShaderMode::kDiverging : ShaderMode::kClasses, &target, nullptr);
  if (!status.ok()) return Result<ImTextureID>::Error(status.error);
  // What ImGui's OpenGL3 backend expects: the GL texture name.
  return Result<ImTextureID>::Ok(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(target.texture)));
}

Result<BoundaryProbe> ProbeBoundary(const BoundaryRequest& request) {
  Status status = CheckRequest(request, /*needs_value_range=*/true);
  if (!status.ok()) return Result<BoundaryProbe>::Error(status.error);
  std::vector<std::uint8_t> pixels;
  status = Draw(request, ShaderMode::kRaw, &g_boundary.probe, &pixels);
  if (!status.ok()) return Result<BoundaryProbe>::Error(status.error);

  BoundaryProbe probe;
  probe.width = request.width;
  probe.height = request.height;
  const int outputs = request.mlp->layers[LastLayer(request)].outputs();
  probe.channels = request.layer >= 0 ? 1 : (outputs < 4 ? outputs : 4);
  const double span = request.value_max - request.value_min;
  probe.quantum = span / 255.0;
  const bool flagged = probe.channels < 4;  // alpha 0 marks a non-finite pixel
  probe.invalid_pixels = flagged ? 0 : -1;
  probe.values.reserve(static_cast<std::size_t>(probe.width) * probe.height * probe.channels);
  for (int p = 0; p < probe.width * probe.height; ++p) {
    const std::uint8_t* rgba = &pixels[static_cast<std::size_t>(p) * 4];
    const bool invalid = flagged && rgba[3] == 0;
    if (invalid) ++probe.invalid_pixels;
    for (int c = 0; c < probe.channels; ++c) {
      probe.values.push_back(invalid ? std::nan("") : request.value_min + span * (rgba[c] / 255.0));
    }
  }
  return Result<BoundaryProbe>::Ok(std::move(probe));
}

}  // namespace bp
