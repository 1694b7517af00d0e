// PNG screenshots of the framebuffer, written with Debian's stb_image_write.
#include "platform/screenshot.h"

#include <vector>

#include "platform/gl.h"

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace bp {

std::string SaveFramebufferPng(const std::string& path, int width, int height) {
  if (width <= 0 || height <= 0) return "the window has no pixels to save";
  std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // GL's first row is the bottom of the image; PNG's is the top.
  stbi_flip_vertically_on_write(1);
  if (!stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4)) {
    return "could not write " + path;
  }
  return {};
}

}  // namespace bp
