// The decision boundary's programs (boundary_program.h): writes the network's part of the
// fragment shader for one network shape, every loop unrolled and every number read from the
// uniform block at a constant index, compiles it after shaders/boundary_fragment.glsl, and keeps
// the last few programs. A GPU emulated on the CPU (SwiftShader, the headless tests' WebGL) runs
// such straight-line code several times faster than one generic shader that loops over layers
// and reads its weights from a texture.
#include "platform/boundary_program.h"

#include "app/session/embedded.h"
#include "platform/gl_program.h"

#include <cstddef>
#include <set>
#include <sstream>

// The embedded shader sources (cmake/embed_file.cmake): NUL-terminated bytes and their length.
BP_EMBEDDED_FILE(kShaderboundaryvertex);
BP_EMBEDDED_FILE(kShaderboundaryfragment);
BP_EMBEDDED_FILE(kShaderboundaryunpackfragment);

namespace bp {

namespace {

// --- Where each number lives in u_network -----------------------------------------------------
//
// Floats 0 .. kShaderMaxLayers-1 (vectors 0 .. 2): each layer's slope (Leaky ReLU, PReLU) or
// alpha (ELU), layer l's at float l. Then the layers in order, each neuron j in turn: its bias
// b(j), then its weights W(j, 0) .. W(j, inputs-1). Densely packed, four floats to a vec4, so the
// shader reads every vec4 once and uses all of it.
constexpr int kLanesPerVector = 4;
constexpr int kParamFloats = (kShaderMaxLayers + kLanesPerVector - 1) / kLanesPerVector * kLanesPerVector;

int LayerFloats(const Layer& layer) { return layer.outputs() * (1 + layer.inputs()); }

// The first float of layer l.
int LayerStart(const Mlp& mlp, int l) {
  int start = kParamFloats;
  for (int k = 0; k < l; ++k) start += LayerFloats(mlp.layers[k]);
  return start;
}

// Neuron j's bias; its weight i follows at + 1 + i.
int NeuronStart(const Mlp& mlp, int l, int j) { return LayerStart(mlp, l) + j * (1 + mlp.layers[l].inputs()); }

int Vectors(int floats) { return (floats + kLanesPerVector - 1) / kLanesPerVector; }

// Leaky ReLU and PReLU read params.slope, ELU params.alpha.
float LayerParam(const Layer& layer) {
  return static_cast<float>(layer.activation == Activation::kElu ? layer.params.alpha : layer.params.slope);
}

// --- The network's GLSL --------------------------------------------------------------------------

// The GLSL function of shaders/boundary_fragment.glsl for each activation (softmax is written out).
const char* ActivationFunction(Activation activation) {
  switch (activation) {
    case Activation::kIdentity: return "Identity";
    case Activation::kStep: return "Step";
    case Activation::kSigmoid: return "Sigmoid";
    case Activation::kTanh: return "Tanh";
    case Activation::kRelu: return "Relu";
    case Activation::kLeakyRelu: return "LeakyRelu";
    case Activation::kPrelu: return "LeakyRelu";
    case Activation::kElu: return "Elu";
    case Activation::kGelu: return "Gelu";
    case Activation::kSoftmax: return "Identity";
  }
  return "Identity";
}

bool HasParam(Activation activation) {
  return activation == Activation::kLeakyRelu || activation == Activation::kPrelu || activation == Activation::kElu;
}

// The input features as GLSL expressions of the four points (x1, x2), ApplyFeatures' formulas.
const char* FeatureExpression(Feature feature) {
  switch (feature) {
    case Feature::kX1: return "x1";
    case Feature::kX2: return "x2";
    case Feature::kX1Squared: return "x1 * x1";
    case Feature::kX2Squared: return "x2 * x2";
    case Feature::kX1X2: return "x1 * x2";
    case Feature::kSinX1: return "Sin(x1)";
    case Feature::kSinX2: return "Sin(x2)";
  }
  return "vec4(0.0)";
}

// Writes Network()'s body. Each vec4 of u_network is loaded into a local ("w12") right before the
// first statement that needs it and used from there (a load is what costs; see the shader).
class NetworkWriter {
 public:
  explicit NetworkWriter(std::ostringstream* glsl) : glsl_(*glsl) {}

  // The float at `index` as an expression, its vector loaded first if it is not yet.
  std::string Number(int index) {
    const int vector = index / kLanesPerVector;
    if (loaded_.insert(vector).second) loads_ << "  vec4 w" << vector << " = u_network[" << vector << "];\n";
    return "w" + std::to_string(vector) + "." + "xyzw"[index % kLanesPerVector];
  }

  // One statement, after the loads its numbers needed.
  void Statement(const std::string& text) {
    glsl_ << loads_.str() << "  " << text << "\n";
    loads_.str("");
  }

 private:
  std::ostringstream& glsl_;
  std::ostringstream loads_;
  std::set<int> loaded_;
};

// Layer l: z = W a + b into "a<l>_<j>", then a = h(z) in place; the inputs are `inputs`.
std::vector<std::string> WriteLayer(const Mlp& mlp, int l, const std::vector<std::string>& inputs,
                                    NetworkWriter* writer) {
  const Layer& layer = mlp.layers[l];
  std::vector<std::string> outputs;
  for (int j = 0; j < layer.outputs(); ++j) {
    const std::string a = "a" + std::to_string(l) + "_" + std::to_string(j);
    const int start = NeuronStart(mlp, l, j);
    std::string z = "vec4 " + a + " = vec4(" + writer->Number(start) + ")";
    for (int i = 0; i < layer.inputs(); ++i) z += " + " + writer->Number(start + 1 + i) + " * " + inputs[i];
    writer->Statement(z + ";");
    writer->Statement("check += " + a + ";");
    outputs.push_back(a);
  }
  if (layer.activation == Activation::kSoftmax) {
    // The stable softmax (SoftmaxExp in the shader), written out over the layer's neurons.
    std::string z_max = outputs[0];
    for (std::size_t j = 1; j < outputs.size(); ++j) z_max = "max(" + z_max + ", " + outputs[j] + ")";
    writer->Statement("vec4 z_max = " + z_max + ";");
    std::string total = "vec4 total = vec4(0.0)";
    for (const std::string& a : outputs) {
      writer->Statement(a + " = SoftmaxExp(" + a + ", z_max);");
      total += " + " + a;
    }
    writer->Statement(total + ";");
    for (const std::string& a : outputs) writer->Statement(a + " /= total;");
    return outputs;
  }
  const std::string param = HasParam(layer.activation) ? ", " + writer->Number(l) : std::string();
  for (const std::string& a : outputs) {
    writer->Statement(a + " = " + ActivationFunction(layer.activation) + "(" + a + param + ");");
  }
  return outputs;
}

// The definition of Network() (declared in shaders/boundary_fragment.glsl) for layers 0 .. last.
std::string NetworkGlsl(const Mlp& mlp, const FeatureSet& features, int last) {
  std::ostringstream glsl;
  glsl << "\n// Written by boundary_program.cpp for " << NetworkShape(mlp, features, last) << ".\n";
  glsl << "void Network(vec4 x1, vec4 x2, out mat4 o0, out mat4 o1, out mat4 o2, out mat4 o3, out vec4 check) {\n";
  NetworkWriter writer(&glsl);
  std::vector<std::string> inputs;
  for (Feature feature : features.Enabled()) {
    inputs.push_back("f" + std::to_string(inputs.size()));
    writer.Statement("vec4 " + inputs.back() + " = " + FeatureExpression(feature) + ";");
  }
  // The sum of every z and output: infinite or NaN where one of them was (a sum of finite values
  // overflows only beyond 1e38, where single precision has long stopped agreeing with the core).
  writer.Statement("check = vec4(0.0);");
  for (int l = 0; l <= last; ++l) {
    writer.Statement("// Layer " + std::to_string(l + 1) + ": " + std::to_string(mlp.layers[l].inputs()) + " -> " +
                     std::to_string(mlp.layers[l].outputs()) + ", " + ActivationName(mlp.layers[l].activation) + ".");
    inputs = WriteLayer(mlp, l, inputs, &writer);
  }
  for (const std::string& a : inputs) writer.Statement("check += " + a + ";");
  // Neuron j in column j % 4 of o[j / 4].
  for (int b = 0; b < kLanesPerVector; ++b) {
    std::string columns;
    for (int c = 0; c < kLanesPerVector; ++c) {
      const std::size_t j = static_cast<std::size_t>(b * kLanesPerVector + c);
      columns += std::string(c > 0 ? ", " : "") + (j < inputs.size() ? inputs[j] : "vec4(0.0)");
    }
    writer.Statement("o" + std::to_string(b) + " = mat4(" + columns + ");");
  }
  glsl << "}\n";
  return glsl.str();
}

// The defines shaders/boundary_fragment.glsl expects first.
std::string NetworkDefines(const Mlp& mlp, int last) {
  return "#define LAST_ACTIVATION " + std::to_string(static_cast<int>(mlp.layers[last].activation)) +
         "\n#define LAST_WIDTH " + std::to_string(mlp.layers[last].outputs()) + "\n#define NETWORK_VECTORS " +
         std::to_string(Vectors(LayerStart(mlp, last + 1))) + "\n";
}
static_assert(static_cast<int>(Activation::kTanh) == 3 && static_cast<int>(Activation::kSigmoid) == 2,
              "shaders/boundary_fragment.glsl numbers the activations in the order of bp::Activation");

// --- Compiling ------------------------------------------------------------------------------------

void FindUniforms(GLuint program, BoundaryUniforms* u) {
  u->origin = glGetUniformLocation(program, "u_origin");
  u->step = glGetUniformLocation(program, "u_step");
  u->cell_origin = glGetUniformLocation(program, "u_cell_origin");
  u->cell_stride = glGetUniformLocation(program, "u_cell_stride");
  u->gutter = glGetUniformLocation(program, "u_gutter");
  u->neuron = glGetUniformLocation(program, "u_neuron");
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

// The boundary's vertex shader and the fragment shader from `fragment_parts`, linked.
Result<GLuint> LinkProgram(const std::vector<std::string>& fragment_parts) {
  return BuildGlProgram("decision-boundary", {EmbeddedText(kShaderboundaryvertex, kShaderboundaryvertexSize)},
                        fragment_parts);
}

// Compiles and links the program for `mlp` through layer `last`.
Status BuildProgram(const Mlp& mlp, const FeatureSet& features, int last, BoundaryProgram* program) {
  Result<GLuint> linked =
      LinkProgram({NetworkDefines(mlp, last), EmbeddedText(kShaderboundaryfragment, kShaderboundaryfragmentSize),
                   NetworkGlsl(mlp, features, last)});
  if (!linked.ok()) return Status::Error(linked.error());
  const GLuint block = glGetUniformBlockIndex(linked.value(), "NetworkNumbers");
  if (block != GL_INVALID_INDEX) glUniformBlockBinding(linked.value(), block, kNetworkBinding);
  program->program = linked.value();
  FindUniforms(linked.value(), &program->uniforms);
  return Status::Ok();
}

// The compiled programs, most recently used kept (the GL context lives as long as the app).
struct ProgramCache {
  std::vector<BoundaryProgram> programs;
  std::uint64_t uses = 0;
  bool unpack_tried = false;
  Result<GLuint> unpack = Result<GLuint>::Error("not built");
};
ProgramCache g_programs;

}  // namespace

std::string NetworkShape(const Mlp& mlp, const FeatureSet& features, int last_layer) {
  std::string shape;
  for (Feature feature : features.Enabled()) shape += std::string(shape.empty() ? "" : ",") + FeatureName(feature);
  for (int l = 0; l <= last_layer; ++l) {
    shape +=
        std::string(" -> ") + std::to_string(mlp.layers[l].outputs()) + " " + ActivationName(mlp.layers[l].activation);
  }
  return shape;
}

std::vector<float> NetworkNumbers(const Mlp& mlp) {
  const int layers = static_cast<int>(mlp.layers.size());
  std::vector<float> numbers(static_cast<std::size_t>(NetworkVectors(mlp)) * kLanesPerVector, 0.0f);
  for (int l = 0; l < layers; ++l) {
    const Layer& layer = mlp.layers[l];
    numbers[static_cast<std::size_t>(l)] = LayerParam(layer);
    for (int j = 0; j < layer.outputs(); ++j) {
      float* neuron = &numbers[static_cast<std::size_t>(NeuronStart(mlp, l, j))];
      neuron[0] = static_cast<float>(layer.b(j));
      for (int i = 0; i < layer.inputs(); ++i) neuron[1 + i] = static_cast<float>(layer.W(j, i));
    }
  }
  return numbers;
}

int NetworkVectors(const Mlp& mlp) { return Vectors(LayerStart(mlp, static_cast<int>(mlp.layers.size()))); }

Result<const BoundaryProgram*> FindBoundaryProgram(const Mlp& mlp, const FeatureSet& features, int last_layer) {
  ProgramCache& cache = g_programs;
  const std::string shape = NetworkShape(mlp, features, last_layer);
  BoundaryProgram* found = nullptr;
  for (BoundaryProgram& program : cache.programs) {
    if (program.shape == shape) found = &program;
  }
  if (found == nullptr) {
    // A new shape replaces the least recently used one when the cache is full (never a
    // reallocation: a program found a moment ago stays where it is).
    cache.programs.reserve(kProgramCacheSize);
    if (static_cast<int>(cache.programs.size()) < kProgramCacheSize) {
      cache.programs.emplace_back();
      found = &cache.programs.back();
    } else {
      found = &cache.programs.front();
      for (BoundaryProgram& program : cache.programs) {
        if (program.last_used < found->last_used) found = &program;
      }
      if (found->program != 0) glDeleteProgram(found->program);
      *found = BoundaryProgram();
    }
    found->shape = shape;
    Status built = BuildProgram(mlp, features, last_layer, found);
    if (!built.ok()) found->failure = built.error;
  }
  found->last_used = ++cache.uses;
  if (!found->failure.empty()) return Result<const BoundaryProgram*>::Error(found->failure);
  return Result<const BoundaryProgram*>::Ok(found);
}

Result<GLuint> FindUnpackProgram() {
  ProgramCache& cache = g_programs;
  if (!cache.unpack_tried) {
    cache.unpack_tried = true;
    cache.unpack = LinkProgram({EmbeddedText(kShaderboundaryunpackfragment, kShaderboundaryunpackfragmentSize)});
    if (cache.unpack.ok()) {
      // The packed image is always on texture unit 0. Called while drawing the boundary, which
      // leaves the program binding at 0 when it is done (boundary_gl.cpp).
      glUseProgram(cache.unpack.value());
      glUniform1i(glGetUniformLocation(cache.unpack.value(), "u_packed"), 0);
    }
  }
  return cache.unpack;
}

}  // namespace bp
