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

// Draws `draw_data` into the bound framebuffer of fb_width x fb_height pixels.
void RenderImGuiDrawData(const ImDrawData* draw_data, int fb_width, int fb_height);

// True when `draw_data` would draw exactly the picture RenderImGuiDrawData drew last: the same
// framebuffer size, vertices, indices and draw commands (clip rectangles, textures), and no
// texture drawn into since (MarkTexturesChanged). Then a frame need not draw at all: in the
// browser the canvas keeps showing what it shows, and the emulated GPU of software WebGL, which
// spends two cores on a frame of the playground, has nothing to do while the learner reads.
bool SameAsLastDrawn(const ImDrawData* draw_data, int fb_width, int fb_height);

// Called whenever an image ImGui may show changes (the font atlas, a decision-boundary texture).
void MarkTexturesChanged();

}  // namespace bp
