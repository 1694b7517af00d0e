// Draws Dear ImGui's triangles with OpenGL 3.3 / WebGL2, in place of ImGui's own OpenGL3 backend.
// The difference: it never reads GL state back. In the browser every glGetIntegerv that Chromium
// does not answer from its own cache (the scissor box, the blend functions, ...) waits for the GPU
// process to finish all earlier drawing; ImGui's backend makes a dozen such queries a frame to
// save and restore the state, and under software WebGL that wait was most of the frame.
//
// The contract instead: every draw outside ImGui (the decision boundary) leaves the GL state at
// rest (default framebuffer; no program, vertex array, buffer or texture bound; unit 0 active;
// blending, scissor, depth, stencil and culling off), and this renderer puts it back at rest too.
#pragma once

#include <string>

#include "imgui.h"

namespace bp {

// Compiles the program and makes the buffers. Needs the GL context; on failure the sentence says
// what did not work. The font texture comes from RebuildImGuiFontTexture.
bool CreateImGuiRenderer(std::string* error);
void DestroyImGuiRenderer();

// Uploads the font atlas (after the fonts were built, and again for each new UI scale).
void RebuildImGuiFontTexture();

// Decides what drawing `draw_data` takes (platform/redraw_plan.h). With `whole`, everything. Otherwise
// only the rectangles whose pixels change since the last frame drawn, which needs a framebuffer that
// keeps its picture between frames (in the browser, a canvas with preserveDrawingBuffer); the
// first frame, a new size or a new clear colour draw everything. Returns false when the frame
// would change no pixel: then it need not draw at all (the canvas keeps showing what it shows,
// and the emulated GPU of software WebGL has nothing to do while the learner reads).
bool PlanImGuiFrame(const ImDrawData* draw_data, int fb_width, int fb_height, const ImVec4& clear_color, bool whole);

// Draws `draw_data` into the bound framebuffer of fb_width x fb_height pixels as PlanImGuiFrame
// planned it this frame (everything when it was not asked), clearing to `clear_color` first.
void RenderImGuiDrawData(const ImDrawData* draw_data, int fb_width, int fb_height, const ImVec4& clear_color);

// The share of the framebuffer the last RenderImGuiDrawData drew, 0 to 1.
double LastRedrawnFraction();

// Called whenever the content of an image ImGui may show changes (the font atlas, a
// decision-boundary texture): the pixels showing it are drawn again.
void MarkTextureChanged(ImTextureID texture);

}  // namespace bp
