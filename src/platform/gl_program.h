// Compiling and linking a GLSL program from parts (the #version line of gl.h first), for every
// program the app builds at run time: the ImGui renderer's and the decision boundary's.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/result.h"
#include "platform/gl.h"

namespace bp {

// An embedded shader file (cmake/embed_file.cmake) as a string.
std::string EmbeddedText(const unsigned char* text, std::size_t size);

// Compiles the vertex and fragment stages from their parts (kGlslVersion is put in front of
// each) and links them. `what` names the program in the error, which carries the driver's log:
// "the decision-boundary fragment shader did not compile: ...".
Result<GLuint> BuildGlProgram(const std::string& what, const std::vector<std::string>& vertex_parts,
                              const std::vector<std::string>& fragment_parts);

}  // namespace bp
