// The OpenGL headers for each build: WebGL2 (OpenGL ES 3.0) in the browser, OpenGL 3.3 core on the desktop.
#pragma once

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#endif

namespace bp {
// GLSL version line for shaders compiled at run time.
#ifdef __EMSCRIPTEN__
constexpr const char* kGlslVersion = "#version 300 es";
#else
constexpr const char* kGlslVersion = "#version 330 core";
#endif
}  // namespace bp
