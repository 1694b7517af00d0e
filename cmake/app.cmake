# The app: Dear ImGui (Debian's imgui source package, fetched by build.sh), the app and lesson
# files, the platform glue, and the embedded fonts and shaders.
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in IMGUI_DIR=${IMGUI_DIR}. Run ./build.sh (it fetches them) or set IMGUI_DIR.")
endif()

add_library(imgui STATIC
  "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp" "${IMGUI_DIR}/imgui_tables.cpp"
  "${IMGUI_DIR}/imgui_widgets.cpp" "${IMGUI_DIR}/imgui_demo.cpp"
  "${IMGUI_DIR}/backends/imgui_impl_glfw.cpp"
  "${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/backends" "${IMGUI_DIR}/misc/cpp")
# 32-bit vertex indices: one window's draw list can pass ImGui's default 65,536 vertices (with the
# network view of a 9-layer, 16-wide network a frame holds about 126,000, most of them the canvas
# window's), and 16-bit indices would wrap into stray triangles. Our renderer (src/platform/imgui_renderer.cpp) draws either size; WebGL2 takes both.
target_compile_definitions(imgui PUBLIC "ImDrawIdx=unsigned int")
if(NOT EMSCRIPTEN)
  find_package(glfw3 REQUIRED)
  find_package(OpenGL REQUIRED)
  target_link_libraries(imgui PUBLIC glfw OpenGL::GL)
endif()

# Fonts: DejaVu Sans (text) and DejaVu Sans Mono (numbers), cut down to the glyphs the lessons use
# (Latin, Greek, sub/superscripts, arrows, math operators, shapes) to keep the web download small.
set(BP_FONT_DIR "/usr/share/fonts/truetype/dejavu")
set(BP_FONT_UNICODES "U+0020-007E,U+00A0-017F,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+1D00-1DBF,U+2000-206F,U+2070-209F,U+2100-214F,U+2190-21FF,U+2200-22FF,U+2300-23FF,U+25A0-25FF,U+26A0,U+2713-2717,U+2C7C")
set(BP_GENERATED "${CMAKE_BINARY_DIR}/generated")
file(MAKE_DIRECTORY "${BP_GENERATED}")
set(BP_EMBEDDED_SOURCES)
foreach(font DejaVuSans DejaVuSansMono DejaVuSans-Bold DejaVuSans-Oblique)
  string(REPLACE "-" "" font_symbol "${font}")
  add_custom_command(
    OUTPUT "${BP_GENERATED}/${font}.subset.ttf"
    COMMAND pyftsubset "${BP_FONT_DIR}/${font}.ttf" "--unicodes=${BP_FONT_UNICODES}"
            "--output-file=${BP_GENERATED}/${font}.subset.ttf" 2>/dev/null
    DEPENDS "${BP_FONT_DIR}/${font}.ttf" "${CMAKE_SOURCE_DIR}/cmake/app.cmake"
    COMMENT "Subsetting ${font}")
  add_custom_command(
    OUTPUT "${BP_GENERATED}/font_${font_symbol}.cpp"
    COMMAND "${CMAKE_COMMAND}" "-DINPUT=${BP_GENERATED}/${font}.subset.ttf"
            "-DOUTPUT=${BP_GENERATED}/font_${font_symbol}.cpp" "-DSYMBOL=kFont${font_symbol}"
            -P "${CMAKE_SOURCE_DIR}/cmake/embed_file.cmake"
    DEPENDS "${BP_GENERATED}/${font}.subset.ttf" "${CMAKE_SOURCE_DIR}/cmake/embed_file.cmake")
  list(APPEND BP_EMBEDDED_SOURCES "${BP_GENERATED}/font_${font_symbol}.cpp")
endforeach()

# Shaders: every shaders/*.glsl becomes a string symbol kShader<Name> (name without extension,
# capitalised as written, dots and dashes removed).
file(GLOB BP_SHADERS CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/shaders/*.glsl")
foreach(shader ${BP_SHADERS})
  get_filename_component(shader_name "${shader}" NAME_WE)
  string(REGEX REPLACE "[^A-Za-z0-9]" "" shader_symbol "${shader_name}")
  add_custom_command(
    OUTPUT "${BP_GENERATED}/shader_${shader_symbol}.cpp"
    COMMAND "${CMAKE_COMMAND}" "-DINPUT=${shader}" "-DOUTPUT=${BP_GENERATED}/shader_${shader_symbol}.cpp"
            "-DSYMBOL=kShader${shader_symbol}" -P "${CMAKE_SOURCE_DIR}/cmake/embed_file.cmake"
    DEPENDS "${shader}" "${CMAKE_SOURCE_DIR}/cmake/embed_file.cmake")
  list(APPEND BP_EMBEDDED_SOURCES "${BP_GENERATED}/shader_${shader_symbol}.cpp")
endforeach()

file(GLOB BP_PLATFORM_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/platform/*.cpp")

# The drawing half of the app: the shell, the lessons' drawing, the stepper's and the shared widgets.
file(GLOB_RECURSE BP_APP_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/app/*.cpp")
list(REMOVE_ITEM BP_APP_SOURCES ${BP_SESSION_SOURCES})
add_library(bp_app STATIC ${BP_APP_SOURCES})
target_link_libraries(bp_app PUBLIC bp_session imgui)
target_compile_options(bp_app PRIVATE ${BP_WARNINGS})

add_executable(backprop_lab ${BP_PLATFORM_SOURCES} ${BP_EMBEDDED_SOURCES})
target_link_libraries(backprop_lab PRIVATE bp_app)
target_compile_options(backprop_lab PRIVATE ${BP_WARNINGS})
if(NOT EMSCRIPTEN)
  # The desktop build reloads an edited lesson text file from the source tree (docs/content.md).
  target_compile_definitions(backprop_lab PRIVATE BP_CONTENT_SOURCE_DIR="${CMAKE_SOURCE_DIR}/content")
endif()
if(EMSCRIPTEN)
  target_link_options(backprop_lab PRIVATE ${BP_WEB_APP_LINK})
  set(BP_WEB_OUTPUT_DIR "${CMAKE_BINARY_DIR}/site" CACHE PATH "Where the static web site is assembled")
  set_target_properties(backprop_lab PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${BP_WEB_OUTPUT_DIR}")
  # The static site: our own HTML shell and JS API next to the compiled .js/.wasm. A target without
  # outputs runs on every build, so an edit to web/ alone reaches the site too.
  # The shipped scenarios go along, so a link can name one (#scenario=scenarios/<name>.md).
  add_custom_target(web_shell
    COMMAND "${CMAKE_COMMAND}" -E copy_directory "${CMAKE_SOURCE_DIR}/web" "${BP_WEB_OUTPUT_DIR}"
    COMMAND "${CMAKE_COMMAND}" -E copy_directory "${CMAKE_SOURCE_DIR}/scenarios" "${BP_WEB_OUTPUT_DIR}/scenarios")
  add_dependencies(backprop_lab web_shell)
endif()

# The add-a-lesson recipe's example lesson (docs/architecture.md) is compiled with every build, so
# the recipe cannot drift from the code: CMake copies the page's marked block into a source file.
set(BP_ARCHITECTURE_DOC "${CMAKE_SOURCE_DIR}/docs/architecture.md")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${BP_ARCHITECTURE_DOC}")
file(READ "${BP_ARCHITECTURE_DOC}" BP_ARCHITECTURE_TEXT)
string(REGEX MATCH "<!-- example lesson -->\n```cpp\n([^`]*)```\n<!-- end of example lesson -->" BP_EXAMPLE_FOUND
       "${BP_ARCHITECTURE_TEXT}")
if(NOT BP_EXAMPLE_FOUND)
  message(FATAL_ERROR "docs/architecture.md has no example lesson between its markers")
endif()
file(CONFIGURE OUTPUT "${BP_GENERATED}/example_lesson.cpp" CONTENT "${CMAKE_MATCH_1}" @ONLY)
add_library(example_lesson OBJECT "${BP_GENERATED}/example_lesson.cpp")
target_link_libraries(example_lesson PRIVATE bp_app)
target_compile_options(example_lesson PRIVATE ${BP_WARNINGS})

