// The decision boundary's vertex shader: one triangle that covers the whole viewport, made from
// gl_VertexID alone (no vertex buffers; the desktop core profile still needs an empty vertex array
// bound). Vertices 0, 1, 2 go to (-1, -1), (3, -1), (-1, 3); the fragment shader works from
// gl_FragCoord, so nothing is passed on. The #version line is prepended at run time (gl.h).

void main() {
  vec2 corner = vec2(float((gl_VertexID & 1) << 2), float((gl_VertexID & 2) << 1));
  gl_Position = vec4(corner - 1.0, 0.0, 1.0);
}
