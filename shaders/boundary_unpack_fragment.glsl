// The decision boundary's second pass: boundary_fragment.glsl writes four pixels' RGBA8 colours
// into each texel of an RGBA32UI image a quarter as wide; this spreads them back out into the
// RGBA8 image the app draws. One texel read per pixel. The #version line is prepended at run
// time (src/platform/gl.h).
#ifdef GL_ES
precision highp float;
precision highp int;
precision highp usampler2D;
#endif

uniform highp usampler2D u_packed;
out vec4 frag_color;

void main() {
  ivec2 pixel = ivec2(gl_FragCoord.xy);
  uvec4 texel = texelFetch(u_packed, ivec2(pixel.x / 4, pixel.y), 0);
  int lane = pixel.x - (pixel.x / 4) * 4;
  uint color = lane == 0 ? texel.x : (lane == 1 ? texel.y : (lane == 2 ? texel.z : texel.w));
  frag_color = vec4((uvec4(color) >> uvec4(0u, 8u, 16u, 24u)) & 0xFFu) / 255.0;
}
