// Compiling and linking a GLSL program from parts (gl_program.h).
#include "platform/gl_program.h"

namespace bp {

namespace {

// The driver's info log of a shader or program (getiv / get_log: glGetShaderiv / glGetShaderInfoLog
// or glGetProgramiv / glGetProgramInfoLog).
template <typename GetIv, typename GetLog>
std::string InfoLog(GLuint object, GetIv getiv, GetLog get_log) {
  GLint log_length = 0;
  getiv(object, GL_INFO_LOG_LENGTH, &log_length);
  std::string log(static_cast<std::size_t>(log_length > 1 ? log_length : 1), '\0');
  get_log(object, static_cast<GLsizei>(log.size()), nullptr, &log[0]);
  return log.c_str();
}

// Compiles one stage, the version line first; an error carries the driver's info log.
Result<GLuint> CompileStage(GLenum stage, const std::string& what, const char* stage_name,
                            const std::vector<std::string>& parts) {
  const std::string version = std::string(kGlslVersion) + "\n";
  std::vector<const char*> sources = {version.c_str()};
  std::vector<GLint> lengths = {static_cast<GLint>(version.size())};
  for (const std::string& part : parts) {
    sources.push_back(part.c_str());
    lengths.push_back(static_cast<GLint>(part.size()));
  }
  GLuint shader = glCreateShader(stage);
  glShaderSource(shader, static_cast<GLsizei>(sources.size()), sources.data(), lengths.data());
  glCompileShader(shader);
  GLint compiled = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &compiled);
  if (compiled == GL_TRUE) return Result<GLuint>::Ok(shader);
  const std::string log = InfoLog(shader, glGetShaderiv, glGetShaderInfoLog);
  glDeleteShader(shader);
  return Result<GLuint>::Error("the " + what + " " + stage_name + " shader did not compile: " + log);
}

}  // namespace

std::string EmbeddedText(const unsigned char* text, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(text), size);
}

Result<GLuint> BuildGlProgram(const std::string& what, const std::vector<std::string>& vertex_parts,
                              const std::vector<std::string>& fragment_parts) {
  Result<GLuint> vertex = CompileStage(GL_VERTEX_SHADER, what, "vertex", vertex_parts);
  if (!vertex.ok()) return vertex;
  Result<GLuint> fragment = CompileStage(GL_FRAGMENT_SHADER, what, "fragment", fragment_parts);
  if (!fragment.ok()) {
    glDeleteShader(vertex.value());
    return fragment;
  }
  GLuint program = glCreateProgram();
  glAttachShader(program, vertex.value());
  glAttachShader(program, fragment.value());
  glLinkProgram(program);
  glDeleteShader(vertex.value());
  glDeleteShader(fragment.value());
  GLint linked = GL_FALSE;
  glGetProgramiv(program, GL_LINK_STATUS, &linked);
  if (linked == GL_TRUE) return Result<GLuint>::Ok(program);
  const std::string log = InfoLog(program, glGetProgramiv, glGetProgramInfoLog);
  glDeleteProgram(program);
  return Result<GLuint>::Error("the " + what + " shaders did not link: " + log);
}

}  // namespace bp
