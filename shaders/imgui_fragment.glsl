// Dear ImGui's triangles: the vertex colour times the texture (the font atlas, or an image such
// as the decision boundary). Plain shapes use the atlas's white pixel: for those the texture is
// not read at all. A GPU emulated on the CPU (SwiftShader, the headless tests' WebGL) pays more
// for a texture read than for the rest of this shader and the blending together, and most of
// the interface's pixels are plain shapes. textureLod, not texture: inside a branch, texture()
// would need derivatives from pixels that took the other branch (the textures have no mipmaps).
precision mediump float;
uniform sampler2D u_texture;
uniform bool u_has_white;  // the bound texture is the font atlas
uniform vec2 u_white_uv;   // its white pixel's centre
uniform vec2 u_half_texel;
in vec2 v_uv;
in vec4 v_color;
layout(location = 0) out vec4 out_color;

void main() {
  if (u_has_white && all(lessThan(abs(v_uv - u_white_uv), u_half_texel))) {
    out_color = v_color;
  } else {
    out_color = v_color * textureLod(u_texture, v_uv, 0.0);
  }
}
