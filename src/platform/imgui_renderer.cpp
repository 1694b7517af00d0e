// Draws Dear ImGui's triangles (imgui_renderer.h): one program, one vertex array, and one vertex
// and one index buffer that take the whole frame in one upload each.
#include "platform/imgui_renderer.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "platform/gl.h"
#include "platform/gl_program.h"

extern const unsigned char kShaderimguivertex[];
extern const std::size_t kShaderimguivertexSize;
extern const unsigned char kShaderimguifragment[];
extern const std::size_t kShaderimguifragmentSize;

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
  // The frame's triangles, gathered so that each buffer gets one upload, and its draw commands
  // (what SameAsLastDrawn compares).
  std::vector<ImDrawVert> frame_vertices;
  std::vector<ImDrawIdx> frame_indices;
  std::vector<float> frame_commands;
  // The same of the last frame drawn, the textures' version then and now, and its size.
  std::vector<ImDrawVert> drawn_vertices;
  std::vector<ImDrawIdx> drawn_indices;
  std::vector<float> drawn_commands;
  std::uint64_t textures_version = 1, drawn_textures_version = 0;
  // The ImGui frame whose draw data SameAsLastDrawn gathered into frame_*, so that drawing that
  // frame right after does not gather it again (-1: none).
  int gathered_frame = -1;
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
// list) and a description of its commands: per list its vertex and index counts, then per command
// its clip rectangle, texture, first index and count. Callbacks are described by their address.
void GatherFrame(ImGuiGl& gl, const ImDrawData* draw_data, int fb_width, int fb_height) {
  gl.frame_vertices.clear();
  gl.frame_indices.clear();
  gl.frame_commands.clear();
  const auto id = [](const void* pointer) {
    return static_cast<float>(static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(pointer)));
  };
  gl.frame_commands.insert(gl.frame_commands.end(),
                           {static_cast<float>(fb_width), static_cast<float>(fb_height), draw_data->DisplayPos.x,
                            draw_data->DisplayPos.y, draw_data->DisplaySize.x, draw_data->DisplaySize.y,
                            draw_data->FramebufferScale.x, draw_data->FramebufferScale.y});
  for (int n = 0; n < draw_data->CmdListsCount; ++n) {
    const ImDrawList* list = draw_data->CmdLists[n];
    gl.frame_vertices.insert(gl.frame_vertices.end(), list->VtxBuffer.Data, list->VtxBuffer.Data + list->VtxBuffer.Size);
    gl.frame_indices.insert(gl.frame_indices.end(), list->IdxBuffer.Data, list->IdxBuffer.Data + list->IdxBuffer.Size);
    gl.frame_commands.insert(gl.frame_commands.end(), {static_cast<float>(list->VtxBuffer.Size),
                                                       static_cast<float>(list->IdxBuffer.Size)});
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      gl.frame_commands.insert(gl.frame_commands.end(),
                               {cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w, id(cmd.TextureId),
                                static_cast<float>(cmd.IdxOffset), static_cast<float>(cmd.ElemCount),
                                id(reinterpret_cast<const void*>(cmd.UserCallback))});
    }
  }
}

template <typename T>
bool SameBytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
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
  Result<GLuint> program =
      BuildGlProgram("user-interface", {EmbeddedText(kShaderimguivertex, kShaderimguivertexSize)},
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
  MarkTexturesChanged();
  // Where the shader may skip reading the atlas: its white pixel, within half a texel.
  glUseProgram(gl.program);
  glUniform2f(gl.white_uv, io.Fonts->TexUvWhitePixel.x, io.Fonts->TexUvWhitePixel.y);
  glUniform2f(gl.half_texel, 0.5f / static_cast<float>(width), 0.5f / static_cast<float>(height));
  glUseProgram(0);
}

void MarkTexturesChanged() { g_imgui_gl.textures_version += 1; }

bool SameAsLastDrawn(const ImDrawData* draw_data, int fb_width, int fb_height) {
  ImGuiGl& gl = g_imgui_gl;
  if (draw_data == nullptr || gl.textures_version != gl.drawn_textures_version) return false;
  GatherFrame(gl, draw_data, fb_width, fb_height);
  gl.gathered_frame = ImGui::GetFrameCount();
  return SameBytes(gl.frame_commands, gl.drawn_commands) && SameBytes(gl.frame_indices, gl.drawn_indices) &&
         SameBytes(gl.frame_vertices, gl.drawn_vertices);
}

void RenderImGuiDrawData(const ImDrawData* draw_data, int fb_width, int fb_height) {
  ImGuiGl& gl = g_imgui_gl;
  // Whatever follows, the framebuffer no longer holds the last drawn picture.
  gl.drawn_commands.clear();
  gl.drawn_textures_version = 0;
  if (draw_data == nullptr || draw_data->CmdListsCount == 0 || fb_width <= 0 || fb_height <= 0) return;
  if (draw_data->DisplaySize.x <= 0.0f || draw_data->DisplaySize.y <= 0.0f) return;

  if (gl.gathered_frame != ImGui::GetFrameCount()) GatherFrame(gl, draw_data, fb_width, fb_height);
  gl.gathered_frame = -1;
  SetRenderState(gl, draw_data, fb_width, fb_height);
  Upload(GL_ARRAY_BUFFER, gl.frame_vertices.data(), gl.frame_vertices.size() * sizeof(ImDrawVert),
         &gl.vertex_capacity);
  Upload(GL_ELEMENT_ARRAY_BUFFER, gl.frame_indices.data(), gl.frame_indices.size() * sizeof(ImDrawIdx),
         &gl.index_capacity);

  const ImVec2 clip_offset = draw_data->DisplayPos;
  const ImVec2 clip_scale = draw_data->FramebufferScale;
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
      // The clip rectangle in framebuffer pixels; GL's scissor counts rows from the bottom.
      const float x0 = (cmd.ClipRect.x - clip_offset.x) * clip_scale.x;
      const float y0 = (cmd.ClipRect.y - clip_offset.y) * clip_scale.y;
      const float x1 = (cmd.ClipRect.z - clip_offset.x) * clip_scale.x;
      const float y1 = (cmd.ClipRect.w - clip_offset.y) * clip_scale.y;
      if (x1 <= x0 || y1 <= y0 || cmd.ElemCount == 0) continue;
      glScissor(static_cast<GLint>(x0), static_cast<GLint>(fb_height - y1), static_cast<GLsizei>(x1 - x0),
                static_cast<GLsizei>(y1 - y0));
      if (cmd.TextureId != bound) {
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::intptr_t>(cmd.TextureId)));
        glUniform1i(gl.has_white, cmd.TextureId == ImGui::GetIO().Fonts->TexID ? 1 : 0);
        bound = cmd.TextureId;
      }
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), index_type,
                     reinterpret_cast<const void*>((first_index + cmd.IdxOffset) * sizeof(ImDrawIdx)));
    }
    first_vertex += static_cast<std::size_t>(list->VtxBuffer.Size);
    first_index += static_cast<std::size_t>(list->IdxBuffer.Size);
  }
  RestoreRestingState();
  // What is on the framebuffer now, for SameAsLastDrawn.
  gl.drawn_vertices.swap(gl.frame_vertices);
  gl.drawn_indices.swap(gl.frame_indices);
  gl.drawn_commands.swap(gl.frame_commands);
  gl.drawn_textures_version = gl.textures_version;
}

}  // namespace bp
