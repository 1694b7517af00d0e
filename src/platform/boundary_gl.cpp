// The GPU side of the decision boundary (app/boundary_renderer.h): checks the request, keeps one
// RGBA8 texture and framebuffer per slot, uploads the network's numbers to the uniform block its
// programs share (boundary_program.h: one program per network shape) when they change, and draws
// each image in two passes: the network, four pixels to a texel of a packed RGBA32UI image, then
// those spread out into the slot's texture. It runs in the middle of the ImGui frame, before
// ImGui draws, and leaves the GL state at rest when it is done.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/widgets/palette.h"
#include "platform/boundary_checks.h"
#include "platform/boundary_draw.h"
#include "platform/boundary_program.h"
#include "platform/boundary_renderer.h"
#include "platform/gl.h"
#include "platform/imgui_renderer.h"

namespace bp {

namespace {

// The class colour at full confidence, as data_plane.cpp's kBoundaryAlpha: points stay readable on top.
constexpr float kClassStrength = 0.55f;
// The middle of the diverging map: near-white, between the palette's negative orange and positive blue.
constexpr ImU32 kDivergingMiddle = IM_COL32(0xF2, 0xF2, 0xF2, 0xFF);

// The GL objects, created on first use and kept for the app's lifetime (the GL context lives as long).
struct BoundaryGl {
  bool shared_made = false;  // the vertex array and the numbers' buffer exist
  GLuint vertex_array = 0;   // empty: the triangle comes from gl_VertexID
  GLuint numbers = 0;        // the uniform block NetworkNumbers
  // What the buffer holds: the network at `uploaded_mlp` as of `uploaded_version` (0: unknown).
  const Mlp* uploaded_mlp = nullptr;
  std::uint64_t uploaded_version = 0;
  std::size_t uploaded_size = 0;
  std::array<Target, kBoundarySlots> slots;
  Target probe;
  Target packed;  // the first pass's image, shared by every draw (grows, never shrinks)
  Target atlas;   // RenderNeuronAtlas's image
};
BoundaryGl g_boundary;

// Puts back the GL state the rest of the frame finds at rest (platform/imgui_renderer.h): the
// default framebuffer, no program, vertex array, buffer or texture bound, unit 0 active, every
// test off and dithering on (GL's default). Nothing is read back first: in the browser a query
// such as glGetIntegerv(GL_PACK_ALIGNMENT) waits for the GPU process to finish all earlier work.
void RestoreRestingGlState() {
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glUseProgram(0);
  glBindVertexArray(0);
  glBindBuffer(GL_UNIFORM_BUFFER, 0);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, 0);
  glEnable(GL_DITHER);
}

// --- The GL objects ---------------------------------------------------------------------------

// The empty vertex array and the numbers' buffer, once. Touches only bindings the caller saved.
Status EnsureShared(BoundaryGl* gl) {
  if (gl->shared_made) return Status::Ok();
  if (glGetString(GL_VERSION) == nullptr) {
    return Status::Error("there is no OpenGL context to draw the decision boundary with");
  }
  glGenVertexArrays(1, &gl->vertex_array);
  glGenBuffers(1, &gl->numbers);
  glBindBuffer(GL_UNIFORM_BUFFER, gl->numbers);
  glBufferData(GL_UNIFORM_BUFFER, kNetworkVectorsMax * 4 * sizeof(GLfloat), nullptr, GL_DYNAMIC_DRAW);
  gl->shared_made = true;
  return Status::Ok();
}

// Puts `mlp`'s numbers into the shared buffer unless it holds them already (same network and
// weights version, 0 never counting as known), and binds it for the programs.
void UploadNumbers(BoundaryGl* gl, const Mlp& mlp, std::uint64_t weights_version) {
  glBindBufferBase(GL_UNIFORM_BUFFER, kNetworkBinding, gl->numbers);
  const std::size_t size = static_cast<std::size_t>(NetworkVectors(mlp));
  if (weights_version != 0 && gl->uploaded_version == weights_version && gl->uploaded_mlp == &mlp &&
      gl->uploaded_size == size) {
    return;
  }
  const std::vector<float> numbers = NetworkNumbers(mlp);
  glBufferSubData(GL_UNIFORM_BUFFER, 0, static_cast<GLsizeiptr>(numbers.size() * sizeof(float)), numbers.data());
  gl->uploaded_mlp = &mlp;
  gl->uploaded_version = weights_version;
  gl->uploaded_size = size;
}

// Gives `target` a texture and framebuffer of the wanted size (reallocated when the size
// changes; a packed target only when it is too small) and binds the framebuffer.
Status EnsureTarget(Target* target, int width, int height, bool packed) {
  if (target->texture == 0) {
    glGenTextures(1, &target->texture);
    glGenFramebuffers(1, &target->framebuffer);
  }
  const bool fits =
      packed ? target->width >= width && target->height >= height : target->width == width && target->height == height;
  if (!fits) {
    if (packed) {
      width = std::max(width, target->width);
      height = std::max(height, target->height);
    }
    glBindTexture(GL_TEXTURE_2D, target->texture);
    // Integer textures cannot be filtered: NEAREST keeps the packed one complete.
    const GLint filter = packed ? GL_NEAREST : GL_LINEAR;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    if (packed) {
      glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32UI, width, height, 0, GL_RGBA_INTEGER, GL_UNSIGNED_INT, nullptr);
    } else {
      glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, target->framebuffer);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target->texture, 0);
    if (!target->checked && glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
      target->width = target->height = 0;
      return Status::Error("the GPU could not render into a " + std::to_string(width) + "x" + std::to_string(height) +
                           " image for the decision boundary");
    }
    target->checked = true;
    target->width = width;
    target->height = height;
  }
  glBindFramebuffer(GL_FRAMEBUFFER, target->framebuffer);
  return Status::Ok();
}

void SetColor(GLint location, ImU32 color) {
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
  glUniform3f(location, c.x, c.y, c.z);
}

void SetUniforms(const BoundaryUniforms& u, const BoundaryRequest& request, ShaderMode mode, const Cells& cells) {
  const PlaneRange& r = request.range;
  glUniform2f(u.origin, static_cast<float>(r.x_min), static_cast<float>(r.y_max));
  glUniform2f(u.step, static_cast<float>((r.x_max - r.x_min) / request.width),
              static_cast<float>(-(r.y_max - r.y_min) / request.height));
  glUniform2f(u.cell_origin, static_cast<float>(cells.x), static_cast<float>(cells.y));
  glUniform1f(u.cell_stride, cells.stride);
  glUniform1f(u.gutter, cells.gutter);
  glUniform1i(u.neuron, cells.neuron);
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

// The fixed state of every draw here: no blending, tests, culling or dithering (dithering could
// move a raw value by one 8-bit step).
void SetDrawState() {
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glDisable(GL_STENCIL_TEST);
  glDisable(GL_DITHER);
}

// The packed width of `pixels` image columns.
int PackedWidth(int pixels) { return (pixels + kPixelsPerTexel - 1) / kPixelsPerTexel; }

// First pass: draws `cells` of `request` through layer `last_layer` into the bound packed
// framebuffer (cells.x a multiple of kPixelsPerTexel).
Status DrawCells(const BoundaryRequest& request, int last_layer, ShaderMode mode, const Cells& cells) {
  Result<const BoundaryProgram*> program = FindBoundaryProgram(*request.mlp, request.features, last_layer);
  if (!program.ok()) return Status::Error(program.error());
  glViewport(cells.x / kPixelsPerTexel, cells.y, PackedWidth(cells.width), cells.height);
  glUseProgram(program.value()->program);
  SetUniforms(program.value()->uniforms, request, mode, cells);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  return Status::Ok();
}

// Second pass: spreads the packed image's first width x height pixels into `target` (bound).
Status Unpack(const BoundaryGl& gl, int width, int height) {
  Result<GLuint> unpack = FindUnpackProgram();
  if (!unpack.ok()) return Status::Error(unpack.error());
  glViewport(0, 0, width, height);
  glUseProgram(unpack.value());
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, gl.packed.texture);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  return Status::Ok();
}

}  // namespace

Target& SlotTarget(int slot) { return g_boundary.slots[static_cast<std::size_t>(slot)]; }
Target& ProbeTarget() { return g_boundary.probe; }
Target& AtlasTarget() { return g_boundary.atlas; }

TextureHandle TextureOf(const Target& target) {
  // What the ImGui renderer (platform/imgui_renderer.cpp) expects: the GL texture name.
  return reinterpret_cast<TextureHandle>(static_cast<std::intptr_t>(target.texture));
}

Status DrawImage(const std::vector<CellsDraw>& draws, ShaderMode mode, int width, int height, Target* target,
                 std::vector<std::uint8_t>* pixels) {
  BoundaryGl& gl = g_boundary;
  Status status = EnsureShared(&gl);
  if (status.ok()) status = EnsureTarget(&gl.packed, PackedWidth(width), height, /*packed=*/true);
  if (status.ok()) {
    SetDrawState();
    glBindVertexArray(gl.vertex_array);
  }
  for (const CellsDraw& draw : draws) {
    if (!status.ok()) break;
    UploadNumbers(&gl, *draw.request.mlp, draw.request.weights_version);
    status = DrawCells(draw.request, draw.last_layer, mode, draw.cells);
  }
  if (status.ok()) status = EnsureTarget(target, width, height, /*packed=*/false);
  // The image on screen changes: the pixels showing it are drawn again next frame.
  if (status.ok()) MarkTextureChanged(TextureOf(*target));
  if (status.ok()) status = Unpack(gl, width, height);
  if (status.ok() && pixels != nullptr) {
    pixels->assign(static_cast<std::size_t>(width) * height * 4, 0);
    glPixelStorei(GL_PACK_ALIGNMENT, 4);  // RGBA8 rows: no padding whatever the width
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels->data());
  }
  RestoreRestingGlState();
  return status;
}

// The raw image `pixels` (RGBA8, request.width x request.height, top row first) as values.
BoundaryProbe DecodeProbe(const BoundaryRequest& request, const std::vector<std::uint8_t>& pixels) {
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
  return probe;
}

// One image of its own: one cell filling the viewport.
std::vector<CellsDraw> WholeImage(const BoundaryRequest& request) {
  CellsDraw draw{request, LastLayer(request), Cells()};
  draw.cells.width = request.width;
  draw.cells.height = request.height;
  draw.cells.stride = static_cast<float>(request.width);
  draw.cells.neuron = request.layer < 0 ? -1 : request.neuron;
  return {draw};
}

Result<TextureHandle> RenderBoundary(int slot, const BoundaryRequest& request) {
  if (slot < 0 || slot >= kBoundarySlots) {
    return Result<TextureHandle>::Error("boundary slot " + std::to_string(slot) + " does not exist (0 to " +
                                        std::to_string(kBoundarySlots - 1) + ")");
  }
  const bool diverging = request.coloring == BoundaryColoring::kDiverging;
  Status status = CheckRequest(request, diverging);
  if (!status.ok()) return Result<TextureHandle>::Error(status.error);
  Target& target = SlotTarget(slot);
  status = DrawImage(WholeImage(request), diverging ? ShaderMode::kDiverging : ShaderMode::kClasses, request.width,
                     request.height, &target, nullptr);
  if (!status.ok()) return Result<TextureHandle>::Error(status.error);
  return Result<TextureHandle>::Ok(TextureOf(target));
}

Result<BoundaryProbe> ProbeBoundary(const BoundaryRequest& request) {
  Status status = CheckRequest(request, /*needs_value_range=*/true);
  if (!status.ok()) return Result<BoundaryProbe>::Error(status.error);
  std::vector<std::uint8_t> pixels;
  status = DrawImage(WholeImage(request), ShaderMode::kRaw, request.width, request.height, &ProbeTarget(), &pixels);
  if (!status.ok()) return Result<BoundaryProbe>::Error(status.error);
  return Result<BoundaryProbe>::Ok(DecodeProbe(request, pixels));
}

}  // namespace bp
