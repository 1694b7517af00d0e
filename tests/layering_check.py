#!/usr/bin/env python3
"""Layering check: every include in src/ points down the layers (docs/architecture.md).

    platform -> app (shell) -> api, link, io -> lessons -> stepper -> widgets -> session -> core

A file may include files of its own folder and of any folder below it; link and io are peers and
do not include each other. ImGui is for the drawing layers only (platform, shell, lessons, stepper,
widgets); GL, GLFW and Emscripten for the platform only; the core sees the standard library and
Eigen alone. One case per source file; a failure names the file, the line and the rule. Prints
"layering: N passed, M failed" last. --self-test also checks, on a small tree of its own, that a
back edge and each forbidden header are caught (so this check cannot pass by finding nothing).
"""
import os
import re
import sys
import tempfile

# Rank of each folder: an include must go to a lower rank (or stay in its own folder).
RANKS = {
    "platform": 9,
    "app": 8,
    "app/api": 7,
    "app/link": 6,
    "app/io": 6,
    "app/lessons": 5,
    "app/stepper": 4,
    "app/widgets": 3,
    "app/session": 2,
    "core": 1,
}
DRAWING = {"platform", "app", "app/lessons", "app/stepper", "app/widgets"}
IMGUI = re.compile(r"^(imgui[a-z_]*\.h|misc/cpp/imgui_stdlib\.h|backends/.*|imgui_impl_.*)$")
PLATFORM_ONLY = re.compile(r"^(GLFW/|GLES|GL/|emscripten)")
STANDARD = re.compile(r"^[a-z_0-9]+$")  # <vector>, <cmath>, ...
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def folder_of(path):
    """The layer folder of a path relative to src/ ("app/lessons/x.cpp" -> "app/lessons")."""
    parts = path.split("/")
    if parts[0] == "app":
        return "app/" + parts[1] if len(parts) > 2 else "app"
    return parts[0]


def problems(src_root, path):
    """Each include of src/<path> that breaks a rule, as 'line N: #include X: why'."""
    found = []
    here = folder_of(path)
    with open(os.path.join(src_root, path), encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            bracket, name = match.groups()
            where = f"line {number}: #include {bracket}{name}{'>' if bracket == '<' else chr(34)}"
            target = folder_of(name) if name.split("/")[0] in ("app", "core", "platform") else None
            if target is not None:
                if target not in RANKS:
                    found.append(f"{where}: {target}/ is not a known layer")
                elif target != here and RANKS[target] >= RANKS[here]:
                    found.append(f"{where}: {here}/ may not include {target}/ (includes point down the layers)")
            elif IMGUI.match(name):
                if here not in DRAWING:
                    found.append(f"{where}: ImGui is for the drawing layers, not {here}/")
            elif PLATFORM_ONLY.match(name):
                if here != "platform":
                    found.append(f"{where}: GL, GLFW and Emscripten are for src/platform only")
            elif here == "core" and not (STANDARD.match(name) or name.startswith("Eigen/")):
                found.append(f"{where}: the core includes only the standard library, Eigen and core/")
    return found


def check(src_root, report):
    """Checks every source file below src_root; returns (passed, failed)."""
    passed = failed = 0
    for directory, _, files in sorted(os.walk(src_root)):
        for name in sorted(files):
            if not name.endswith((".h", ".cpp")):
                continue
            path = os.path.relpath(os.path.join(directory, name), src_root).replace(os.sep, "/")
            if folder_of(path) not in RANKS:
                failed += 1
                report(f"  FAIL  src/{path}: its folder is not a known layer (add it to tests/layering_check.py)")
                continue
            found = problems(src_root, path)
            if found:
                failed += 1
                report(f"  FAIL  src/{path}")
                for problem in found:
                    report(f"        {problem}")
            else:
                passed += 1
    return passed, failed


def self_test():
    """A tree with one good file and one file per broken rule: exactly the broken ones must fail."""
    files = {
        "app/session/good.h": '#include <vector>\n#include "core/mlp.h"\n',
        "app/widgets/back_edge.cpp": '#include "app/lessons/perceptron_state.h"\n',
        "app/link/peer.cpp": '#include "app/io/network_io.h"\n',
        "app/session/imgui_in_logic.cpp": '#include "imgui.h"\n',
        "app/api/gl_in_app.cpp": "#include <GLES3/gl3.h>\n",
        "core/ui_in_core.cpp": '#include "app/session/json.h"\n',
        "core/json_in_core.cpp": "#include <nlohmann/json.hpp>\n",
        "app/unknown/where.cpp": "",
    }
    with tempfile.TemporaryDirectory() as root:
        for path, text in files.items():
            os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(root, path), "w", encoding="utf-8") as handle:
                handle.write(text)
        lines = []
        passed, failed = check(root, lines.append)
    expected_failures = len(files) - 1
    ok = passed == 1 and failed == expected_failures
    print(f"  {'ok  ' if ok else 'FAIL'}  self-test: a tree with {expected_failures} broken files gives "
          f"{failed} failures and {passed} pass (expected {expected_failures} and 1)")
    if not ok:
        print("\n".join(lines))
    return ok


def main():
    src_root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    passed, failed = check(src_root, print)
    if passed == 0:
        print("  FAIL  no source files found")
        failed += 1
    if "--self-test" in sys.argv:
        if self_test():
            passed += 1
        else:
            failed += 1
    print(f"layering: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
