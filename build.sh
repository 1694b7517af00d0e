#!/usr/bin/env bash
# Backprop Lab build script: one function per command. CMake holds the build knowledge; this
# script installs what is missing (Debian packages, Debian's imgui source package, npm test
# tooling), configures, builds and runs.
#   ./build.sh serve [PORT]   build the web app and serve it on http://127.0.0.1:PORT (default 8080)
#   ./build.sh test           build native + web, run every test suite, print "N passed, N failed"
#   ./build.sh web            build the web app into build/web/ (a static folder)
#   ./build.sh desktop [ARGS] build and run the native window (ARGS go to the app)
#   ./build.sh bench          build and run the benchmarks (native and in headless Chromium)
#   ./build.sh check-scenario FILE...  check scenario files (docs/scenarios.md), as the app reads them
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="$ROOT/build"
DEPS="$ROOT/.deps"
IMGUI_DIR="${IMGUI_DIR:-$DEPS/imgui}"
MD4C_DIR="${MD4C_DIR:-$DEPS/md4c}"
JOBS="$(nproc 2>/dev/null || echo 2)"

# Debian packages the project needs (build, fonts, browser and desktop tests).
PACKAGES=(cmake ninja-build g++ pkg-config python3 emscripten libeigen3-dev doctest-dev nlohmann-json3-dev
  libstb-dev libglfw3-dev libgl-dev libgl1-mesa-dri fonts-dejavu-core fonttools chromium firefox-esr xvfb xauth dpkg-dev
  python3-numpy python3-torch)

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# Debian's emcc needs Debian's acorn on NODE_PATH; its output needs fetch off under Node 20.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
NODE_WASM=(node --no-experimental-fetch)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else return 1; fi; }

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    step "apt-get update"
    as_root apt-get update -q
    apt_updated=1
  fi
}

install_packages() {
  local missing=()
  local package
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  # Node.js and npm may come from elsewhere (a newer Node); Debian's are used only when absent.
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    die "missing Debian packages. Install them with:
  sudo apt-get install -y ${missing[*]}"
  fi
  apt_update_once
  step "Installing Debian packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# A deb-src entry mirroring the machine's own apt sources (no host name is written here).
ensure_deb_src() {
  if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then return 0; fi
  [ "$(id -u)" -eq 0 ] || die "apt has no deb-src entry for 'apt-get source imgui'. As root, add deb-src lines mirroring your deb lines, or set IMGUI_DIR=/path/to/imgui-1.86."
  step "Adding deb-src entries derived from the existing apt sources"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed -e 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >/etc/apt/sources.list.d/backprop-lab-src.sources
  fi
  if [ -f /etc/apt/sources.list ]; then
    sed -n -e 's/^deb /deb-src /p' /etc/apt/sources.list >/etc/apt/sources.list.d/backprop-lab-src.list
  fi
  apt_updated=0
  apt_update_once
}

fetch_imgui() {
  [ -f "$IMGUI_DIR/imgui.cpp" ] && return 0
  [ "$IMGUI_DIR" = "$DEPS/imgui" ] || die "IMGUI_DIR=$IMGUI_DIR has no imgui.cpp"
  ensure_deb_src
  step "Fetching Dear ImGui (Debian source package imgui) into .deps/"
  rm -rf "$DEPS/imgui-src" && mkdir -p "$DEPS/imgui-src"
  (cd "$DEPS/imgui-src" && apt-get source -q imgui)
  local unpacked
  unpacked="$(find "$DEPS/imgui-src" -mindepth 1 -maxdepth 1 -type d -name 'imgui-*' | head -n 1)"
  [ -n "$unpacked" ] || die "apt-get source imgui did not unpack a folder"
  ln -sfn "imgui-src/$(basename "$unpacked")" "$DEPS/imgui"
  grep -q 'IMGUI_VERSION_NUM' "$DEPS/imgui/imgui.h" || die "the fetched imgui has no imgui.h"
}

# md4c (the Markdown parser of the lesson text) from Debian's md4c source package, compiled into both
# builds as ImGui is. Only its upstream tarball is needed: when apt-get cannot fetch the Debian part
# (packaging only), the tarball is checked against the SHA-256 the package's .dsc lists and unpacked.
fetch_md4c() {
  [ -f "$MD4C_DIR/src/md4c.c" ] && return 0
  [ "$MD4C_DIR" = "$DEPS/md4c" ] || die "MD4C_DIR=$MD4C_DIR has no src/md4c.c"
  ensure_deb_src
  step "Fetching md4c (Debian source package md4c) into .deps/"
  rm -rf "$DEPS/md4c-src" && mkdir -p "$DEPS/md4c-src"
  (cd "$DEPS/md4c-src" && apt-get source -q md4c) || true
  local unpacked dsc tarball expected
  unpacked="$(find "$DEPS/md4c-src" -mindepth 2 -maxdepth 3 -path '*/src/md4c.c' | head -n 1)"
  if [ -z "$unpacked" ]; then
    dsc="$(find "$DEPS/md4c-src" -maxdepth 1 -name 'md4c_*.dsc' | head -n 1)"
    tarball="$(find "$DEPS/md4c-src" -maxdepth 1 -name 'md4c_*.orig.tar.gz' | head -n 1)"
    [ -n "$dsc" ] && [ -n "$tarball" ] || die "apt-get source md4c fetched neither the .dsc nor the upstream tarball"
    expected="$(awk '/^Checksums-Sha256:/{f=1;next} /^[^ ]/{f=0} f && $3 ~ /orig\.tar\.gz$/ {print $1}' "$dsc")"
    [ -n "$expected" ] && [ "$(sha256sum "$tarball" | cut -d' ' -f1)" = "$expected" ] ||
      die "$(basename "$tarball") does not match the SHA-256 in $(basename "$dsc")"
    tar -xzf "$tarball" -C "$DEPS/md4c-src"
    unpacked="$(find "$DEPS/md4c-src" -mindepth 2 -maxdepth 3 -path '*/src/md4c.c' | head -n 1)"
  fi
  [ -n "$unpacked" ] || die "the md4c source package has no src/md4c.c"
  ln -sfn "$(dirname "$(dirname "${unpacked#"$DEPS/"}")")" "$DEPS/md4c"
}

install_npm_tools() {
  if [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ] || [ ! -d "$ROOT/tests/browser/node_modules/puppeteer-core" ]; then
    step "Installing browser-test tooling from tests/browser/package-lock.json (npm ci)"
    (cd "$ROOT/tests/browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}

deps() {
  install_packages
  fetch_imgui
  fetch_md4c
}

configure_native() {
  if [ ! -f "$BUILD/native/build.ninja" ]; then
    step "Configuring the native build (build/native)"
    cmake -S "$ROOT" -B "$BUILD/native" -G Ninja -DCMAKE_BUILD_TYPE=Release -DIMGUI_DIR="$IMGUI_DIR" -DMD4C_DIR="$MD4C_DIR"
  fi
}

configure_web() {
  if [ ! -f "$BUILD/wasm/build.ninja" ]; then
    step "Configuring the web build (build/wasm, Emscripten)"
    emcmake cmake -S "$ROOT" -B "$BUILD/wasm" -G Ninja -DCMAKE_BUILD_TYPE=Release -DIMGUI_DIR="$IMGUI_DIR" -DMD4C_DIR="$MD4C_DIR" \
      -DBP_WEB_OUTPUT_DIR="$BUILD/web"
  fi
}

build_native() {
  deps
  configure_native
  step "Building native targets"
  cmake --build "$BUILD/native" -j "$JOBS" -- "$@"
}

build_web() {
  deps
  configure_web
  step "Building the web app into build/web"
  cmake --build "$BUILD/wasm" -j "$JOBS" -- "$@"
}

cmd_web() {
  build_web backprop_lab
  printf '\nThe web app is in %s (a static folder: copy it to any web server).\n' "$BUILD/web"
}

cmd_serve() {
  local port="${1:-${PORT:-8080}}"
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "the port must be a number from 1 to 65535, got '$port'"
  build_web backprop_lab
  step "Serving build/web"
  printf 'Open http://127.0.0.1:%s/ in a browser (Ctrl+C stops the server).\n' "$port"
  exec node "$ROOT/tools/serve.mjs" "$BUILD/web" "$port"
}

# Checks scenario files with the app's own reader (docs/scenarios.md); relative paths are taken from
# where the command was started.
cmd_check_scenario() {
  [ "$#" -ge 1 ] || die "give one or more scenario files: ./build.sh check-scenario scenarios/*.md"
  build_native check_scenario
  step "Checking $# scenario file(s)"
  exec "$BUILD/native/check_scenario" "$@"
}

cmd_desktop() {
  build_native backprop_lab
  step "Starting the desktop app"
  "$BUILD/native/backprop_lab" "$@"
}

cmd_test() {
  deps
  install_npm_tools
  build_native
  build_web
  mkdir -p "$BUILD/test-artifacts"
  step "Running every test suite"
  exec "$ROOT/tests/run_all.sh" "$BUILD"
}

# The core benchmark has its own two build folders (core and benchmark only); the playground
# benchmark runs the web app of build/web (built here if needed). Arguments go to core_bench,
# e.g. ./build.sh bench --runs 3.
cmd_bench() {
  install_packages
  fetch_md4c
  install_npm_tools
  if [ ! -f "$BUILD/bench-native/build.ninja" ]; then
    step "Configuring the native benchmark build (build/bench-native)"
    cmake -S "$ROOT" -B "$BUILD/bench-native" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBP_BUILD_APP=OFF -DBP_BUILD_TESTS=OFF
  fi
  if [ ! -f "$BUILD/bench-wasm/build.ninja" ]; then
    step "Configuring the wasm benchmark build (build/bench-wasm, Emscripten)"
    emcmake cmake -S "$ROOT" -B "$BUILD/bench-wasm" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBP_BUILD_APP=OFF -DBP_BUILD_TESTS=OFF
  fi
  step "Building core_bench natively and for wasm"
  cmake --build "$BUILD/bench-native" -j "$JOBS" -- core_bench
  cmake --build "$BUILD/bench-wasm" -j "$JOBS" -- core_bench core_bench_scalar
  build_web backprop_lab
  step "Running the benchmark natively, under Node and in headless Chromium (about three minutes)"
  exec "$ROOT/tests/run_bench.sh" "$BUILD" "$@"
}

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}

command="${1:-}"
[ -n "$command" ] || usage
shift
case "$command" in
  serve) cmd_serve "$@" ;;
  test) cmd_test "$@" ;;
  web) cmd_web "$@" ;;
  desktop) cmd_desktop "$@" ;;
  check-scenario) cmd_check_scenario "$@" ;;
  bench) cmd_bench "$@" ;;
  deps) deps ;;
  *) usage ;;
esac
