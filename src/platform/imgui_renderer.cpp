// Draws Dear ImGui's triangles (imgui_renderer.h): one program, one vertex array, and one vertex
// and one index buffer that take the whole frame in one upload each.
#include "platform/imgui_renderer.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "app/session/embedded.h"
#include "platform/gl.h"
#include "platform/gl_program.h"
#include "platform/redraw_plan.h"

BP_EMBEDDED_FILE(kShaderimguivertex);
BP_EMBEDDED_FILE(kShaderimguifragment);

namespace bp {

namespace {

struct ImGuiGl {
  GLuint program = 0;
  GLint projection = -1;
  GLint has_white = -1, white_uv = -1, half_texel = -1;
  GLuint vertex_array = 0;
  GLuint vertices = 0;
  GLuint indices = 0;
  GLuint font_texture = 0;
  // What the buffers can hold without growing (bytes).
  std::size_t vertex_capacity = 0;
  std::size_t index_capacity = 0;
  // The frame's triangles, gathered so that each buffer gets one upload; when only parts are
  // drawn, the indices of the triangles that reach them, and the draws that use those.
  std::vector<ImDrawVert> frame_vertices;
  std::vector<ImDrawIdx> frame_indices;
  std::vector<ImDrawIdx> part_indices;
  struct PartDraw {
    int list = 0;
    ImTextureID texture = nullptr;
    PixelRect scissor;
    std::size_t first_index = 0, count = 0;
    bool clear = false;  // clears `scissor` first (the start of a rectangle)
  };
  std::vector<PartDraw> part_draws;
  // Which pixels each frame changes, and the plan for the frame PlanImGuiFrame saw last.
  RedrawPlanner planner;
  RedrawPlan plan;
  int planned_frame = -1;  // the ImGui frame `plan` is for (-1: none)
  bool plan_fingerprinted = false;
  double redrawn_fraction = 1.0;
  // Each texture's content version (MarkTextureChanged); versions count up across all textures.
  std::vector<std::pair<ImTextureID, std::uint64_t>> texture_versions;
  std::uint64_t next_version = 1;
};
ImGuiGl g_imgui_gl;

constexpr GLuint kPositionAttribute = 0;
constexpr GLuint kUvAttribute = 1;
constexpr GLuint kColorAttribute = 2;

// Points the three attributes at the vertices of one draw list, `first_vertex` into the buffer.
void PointAttributes(std::size_t first_vertex) {
  const std::size_t base = first_vertex * sizeof(ImDrawVert);
  const GLsizei stride = static_cast<GLsizei>(sizeof(ImDrawVert));
  glVertexAttribPointer(kPositionAttribute, 2, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<const void*>(base + offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(kUvAttribute, 2, GL_FLOAT, GL_FALSE, stride,
                        reinterpret_cast<const void*>(base + offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(kColorAttribute, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                        reinterpret_cast<const void*>(base + offsetof(ImDrawVert, col)));
}

// Fills the bound buffer `target` with `bytes`, growing it (to twice the need) when too small.
void Upload(GLenum target, const void* data, std::size_t bytes, std::size_t* capacity) {
  if (bytes > *capacity) {
    *capacity = bytes * 2;
    glBufferData(target, static_cast<GLsizeiptr>(*capacity), nullptr, GL_STREAM_DRAW);
  }
  glBufferSubData(target, 0, static_cast<GLsizeiptr>(bytes), data);
}

// The state ImGui's triangles are drawn with: alpha blending, clipping by scissor, no tests.
void SetRenderState(const ImGuiGl& gl, const ImDrawData* draw_data, int fb_width, int fb_height) {
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  glViewport(0, 0, fb_width, fb_height);
  // Maps the display rectangle to clip space, y down (ImGui's coordinates).
  const float left = draw_data->DisplayPos.x;
  const float right = draw_data->DisplayPos.x + draw_data->DisplaySize.x;
  const float top = draw_data->DisplayPos.y;
  const float bottom = draw_data->DisplayPos.y + draw_data->DisplaySize.y;
  const float projection[4][4] = {
      {2.0f / (right - left), 0.0f, 0.0f, 0.0f},
      {0.0f, 2.0f / (top - bottom), 0.0f, 0.0f},
      {0.0f, 0.0f, -1.0f, 0.0f},
      {(right + left) / (left - right), (top + bottom) / (bottom - top), 0.0f, 1.0f},
  };
  glUseProgram(gl.program);
  glUniformMatrix4fv(gl.projection, 1, GL_FALSE, &projection[0][0]);
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(gl.vertex_array);
  glBindBuffer(GL_ARRAY_BUFFER, gl.vertices);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, gl.indices);
}

// Gathers every list's vertices and indices end to end (the indices stay relative to their own
// list).
void GatherFrame(ImGuiGl& gl, const ImDrawData* draw_data) {
  gl.frame_vertices.clear();
  gl.frame_indices.clear();
  for (int n = 0; n < draw_data->CmdListsCount; ++n) {
    const ImDrawList* list = draw_data->CmdLists[n];
    gl.frame_vertices.insert(gl.frame_vertices.end(), list->VtxBuffer.Data,
                             list->VtxBuffer.Data + list->VtxBuffer.Size);
    gl.frame_indices.insert(gl.frame_indices.end(), list->IdxBuffer.Data, list->IdxBuffer.Data + list->IdxBuffer.Size);
  }
}

std::uint64_t TextureVersionOf(ImTextureID texture) {
  for (const auto& [id, version] : g_imgui_gl.texture_versions) {
    if (id == texture) return version;
  }
  return 0;
}

// A fingerprint of the clear colour (the picture's background).
std::uint64_t ColorKey(const ImVec4& color) {
  std::uint64_t key = 0;
  for (float channel : {color.x, color.y, color.z, color.w}) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &channel, sizeof bits);
    key = key * 1000003u + bits;
  }
  return key;
}

void Scissor(const PixelRect& r, int fb_height) { glScissor(r.x0, fb_height - r.y1, r.x1 - r.x0, r.y1 - r.y0); }

void BindTexture(ImGuiGl& gl, ImTextureID texture, ImTextureID* bound) {
  if (texture == *bound) return;
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::intptr_t>(texture)));
  glUniform1i(gl.has_white, texture == ImGui::GetIO().Fonts->TexID ? 1 : 0);
  *bound = texture;
}

// Everything: the whole framebuffer cleared, every command drawn within its clip rectangle.
void DrawWhole(ImGuiGl& gl, const ImDrawData* draw_data, int fb_width, int fb_height) {
  glDisable(GL_SCISSOR_TEST);
  glClear(GL_COLOR_BUFFER_BIT);
  glEnable(GL_SCISSOR_TEST);
  const GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
  std::size_t first_vertex = 0, first_index = 0;
  ImTextureID bound = nullptr;
  for (int n = 0; n < draw_data->CmdListsCount; ++n) {
    const ImDrawList* list = draw_data->CmdLists[n];
    PointAttributes(first_vertex);
    for (int c = 0; c < list->CmdBuffer.Size; ++c) {
      const ImDrawCmd& cmd = list->CmdBuffer[c];
      if (cmd.UserCallback != nullptr) {
        // The app adds no callbacks; ImGui's own "reset the render state" marker is honoured.
        if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
          SetRenderState(gl, draw_data, fb_width, fb_height);
          PointAttributes(first_vertex);
          bound = nullptr;
        } else {
          cmd.UserCallback(list, &cmd);
        }
        continue;
      }
      const PixelRect clip = ClipPixels(cmd, *draw_data, fb_width, fb_height);
      if (clip.Empty() || cmd.ElemCount == 0) continue;
      Scissor(clip, fb_height);
      BindTexture(gl, cmd.TextureId, &bound);
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), index_type,
                     reinterpret_cast<const void*>((first_index + cmd.IdxOffset) * sizeof(ImDrawIdx)));
    }
    first_vertex += static_cast<std::size_t>(list->VtxBuffer.Size);
    first_index += static_cast<std::size_t>(list->IdxBuffer.Size);
  }
}

// Lists, rectangle by rectangle, the draws that repaint it: for each command whose clip reaches
// the rectangle, the triangles whose pixels do (redraw_plan.h keeps each triangle's box).
void GatherParts(ImGuiGl& gl, const ImDrawData* draw_data, int fb_width, int fb_height) {
  gl.part_indices.clear();
  gl.part_draws.clear();
  for (const PixelRect& rect : gl.plan.rects) {
    gl.part_draws.push_back(ImGuiGl::PartDraw{0, nullptr, rect, 0, 0, true});
    std::size_t first_index = 0;
    for (int n = 0; n < draw_data->CmdListsCount; ++n) {
      const ImDrawList* list = draw_data->CmdLists[n];
      for (const ImDrawCmd& cmd : list->CmdBuffer) {
        if (cmd.UserCallback != nullptr) continue;  // only ImGui's reset marker: whole frames otherwise
        const PixelRect scissor = Intersect(ClipPixels(cmd, *draw_data, fb_width, fb_height), rect);
        if (scissor.Empty()) continue;
        const std::size_t start = gl.part_indices.size();
        for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
          const std::size_t index = first_index + cmd.IdxOffset + i;
          if (!Overlap(gl.plan.triangle_boxes[index / 3], rect)) continue;
          gl.part_indices.insert(gl.part_indices.end(),
                                 {gl.frame_indices[index], gl.frame_indices[index + 1], gl.frame_indices[index + 2]});
        }
        if (gl.part_indices.size() > start) {
          gl.part_draws.push_back(
              ImGuiGl::PartDraw{n, cmd.TextureId, scissor, start, gl.part_indices.size() - start, false});
        }
      }
      first_index += static_cast<std::size_t>(list->IdxBuffer.Size);
    }
  }
}

// Only the planned rectangles: each cleared, then every triangle reaching it drawn within it.
void DrawParts(ImGuiGl& gl, const ImDrawData* draw_data, int fb_height) {
  const GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
  std::vector<std::size_t> list_first_vertex(static_cast<std::size_t>(draw_data->CmdListsCount), 0);
  for (int n = 1; n < draw_data->CmdListsCount; ++n) {
    list_first_vertex[n] =
        list_first_vertex[n - 1] + static_cast<std::size_t>(draw_data->CmdLists[n - 1]->VtxBuffer.Size);
  }
  ImTextureID bound = nullptr;
  int pointed_list = -1;
  for (const ImGuiGl::PartDraw& draw : gl.part_draws) {
    Scissor(draw.scissor, fb_height);
    if (draw.clear) {
      glClear(GL_COLOR_BUFFER_BIT);
      continue;
    }
    if (draw.list != pointed_list) {
      PointAttributes(list_first_vertex[draw.list]);
      pointed_list = draw.list;
    }
    BindTexture(gl, draw.texture, &bound);
    glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(draw.count), index_type,
                   reinterpret_cast<const void*>(draw.first_index * sizeof(ImDrawIdx)));
  }
}

// Back to the resting state of imgui_renderer.h.
void RestoreRestingState() {
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_BLEND);
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  glBindTexture(GL_TEXTURE_2D, 0);
  glUseProgram(0);
}

}  // namespace

bool CreateImGuiRenderer(std::string* error) {
  ImGuiGl& gl = g_imgui_gl;
  Result<GLuint> program = BuildGlProgram("user-interface", {EmbeddedText(kShaderimguivertex, kShaderimguivertexSize)},
                                          {EmbeddedText(kShaderimguifragment, kShaderimguifragmentSize)});
  if (!program.ok()) {
    *error = program.error();
    return false;
  }
  gl.program = program.value();
  gl.projection = glGetUniformLocation(gl.program, "u_projection");
  gl.has_white = glGetUniformLocation(gl.program, "u_has_white");
  gl.white_uv = glGetUniformLocation(gl.program, "u_white_uv");
  gl.half_texel = glGetUniformLocation(gl.program, "u_half_texel");
  glUseProgram(gl.program);
  glUniform1i(glGetUniformLocation(gl.program, "u_texture"), 0);
  glUseProgram(0);

  glGenVertexArrays(1, &gl.vertex_array);
  glGenBuffers(1, &gl.vertices);
  glGenBuffers(1, &gl.indices);
  glBindVertexArray(gl.vertex_array);
  glBindBuffer(GL_ARRAY_BUFFER, gl.vertices);
  glEnableVertexAttribArray(kPositionAttribute);
  glEnableVertexAttribArray(kUvAttribute);
  glEnableVertexAttribArray(kColorAttribute);
  PointAttributes(0);
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);

  ImGui::GetIO().BackendRendererName = "backprop_lab_gl";
  return true;
}

void DestroyImGuiRenderer() {
  ImGuiGl& gl = g_imgui_gl;
  if (gl.font_texture != 0) glDeleteTextures(1, &gl.font_texture);
  if (gl.vertices != 0) glDeleteBuffers(1, &gl.vertices);
  if (gl.indices != 0) glDeleteBuffers(1, &gl.indices);
  if (gl.vertex_array != 0) glDeleteVertexArrays(1, &gl.vertex_array);
  if (gl.program != 0) glDeleteProgram(gl.program);
  ImGui::GetIO().Fonts->SetTexID(nullptr);
  g_imgui_gl = ImGuiGl();
}

void RebuildImGuiFontTexture() {
  ImGuiGl& gl = g_imgui_gl;
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  if (gl.font_texture == 0) glGenTextures(1, &gl.font_texture);
  glBindTexture(GL_TEXTURE_2D, gl.font_texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);  // RGBA8 rows
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  glBindTexture(GL_TEXTURE_2D, 0);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(gl.font_texture)));
  MarkTextureChanged(io.Fonts->TexID);
  // Where the shader may skip reading the atlas: its white pixel, within half a texel.
  glUseProgram(gl.program);
  glUniform2f(gl.white_uv, io.Fonts->TexUvWhitePixel.x, io.Fonts->TexUvWhitePixel.y);
  glUniform2f(gl.half_texel, 0.5f / static_cast<float>(width), 0.5f / static_cast<float>(height));
  glUseProgram(0);
}

void MarkTextureChanged(ImTextureID texture) {
  ImGuiGl& gl = g_imgui_gl;
  const std::uint64_t version = gl.next_version++;
  for (auto& [id, current] : gl.texture_versions) {
    if (id == texture) {
      current = version;
      return;
    }
  }
  gl.texture_versions.emplace_back(texture, version);
}

bool PlanImGuiFrame(const ImDrawData* draw_data, int fb_width, int fb_height, const ImVec4& clear_color, bool whole) {
  ImGuiGl& gl = g_imgui_gl;
  gl.planned_frame = ImGui::GetFrameCount();
  gl.plan_fingerprinted = !whole && draw_data != nullptr;
  if (!gl.plan_fingerprinted) {
    gl.plan = RedrawPlan();
    gl.planner.Forget();
    return true;
  }
  gl.plan = gl.planner.Plan(*draw_data, fb_width, fb_height, ColorKey(clear_color), TextureVersionOf);
  return !gl.plan.Unchanged();
}

double LastRedrawnFraction() { return g_imgui_gl.redrawn_fraction; }

void RenderImGuiDrawData(const ImDrawData* draw_data, int fb_width, int fb_height, const ImVec4& clear_color) {
  ImGuiGl& gl = g_imgui_gl;
  const bool planned = gl.planned_frame == ImGui::GetFrameCount();
  gl.planned_frame = -1;
  if (!planned || !gl.plan_fingerprinted) gl.planner.Forget();
  gl.redrawn_fraction = 1.0;
  glViewport(0, 0, fb_width, fb_height);
  glClearColor(clear_color.x, clear_color.y, clear_color.z, 1.0f);
  if (draw_data == nullptr || draw_data->CmdListsCount == 0 || fb_width <= 0 || fb_height <= 0 ||
      draw_data->DisplaySize.x <= 0.0f || draw_data->DisplaySize.y <= 0.0f) {
    glClear(GL_COLOR_BUFFER_BIT);
    gl.planner.Forget();
    return;
  }
  const bool parts = planned && !gl.plan.whole;
  GatherFrame(gl, draw_data);
  if (parts) GatherParts(gl, draw_data, fb_width, fb_height);
  SetRenderState(gl, draw_data, fb_width, fb_height);
  Upload(GL_ARRAY_BUFFER, gl.frame_vertices.data(), gl.frame_vertices.size() * sizeof(ImDrawVert), &gl.vertex_capacity);
  const std::vector<ImDrawIdx>& indices = parts ? gl.part_indices : gl.frame_indices;
  Upload(GL_ELEMENT_ARRAY_BUFFER, indices.data(), indices.size() * sizeof(ImDrawIdx), &gl.index_capacity);
  if (parts) {
    DrawParts(gl, draw_data, fb_height);
    gl.redrawn_fraction = gl.plan.Fraction(fb_width, fb_height);
  } else {
    DrawWhole(gl, draw_data, fb_width, fb_height);
  }
  RestoreRestingState();
  if (planned && gl.plan_fingerprinted) gl.planner.Drawn();
}

}  // namespace bp
