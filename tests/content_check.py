#!/usr/bin/env python3
"""The lesson text's checks (docs/content.md), run by ./build.sh test as the suite "content".

Each problem is printed as FILE:LINE: what is wrong, and counts as one failed case:
  files    every lesson (a row `LessonInfo <Name>Lesson() { return {"id", ...` or `LessonInfo row = {"id", ...`)
           has content/en/<id>.md,
           and every file of content/en/ is a lesson's or one of the shared files;
  parts    every key "name#part" the C++ asks for (a string literal) is a part of content/en/name.md;
  links    every link to a lesson (#lesson=id) names a lesson; other in-app links are #notation only;
  course   content/en/course.md lists every lesson once, in the order of the lesson table;
  glyphs   every character of the text is in the fonts' subset (BP_FONT_UNICODES in cmake/app.cmake);
  prose    no string literal of more than eight words (of two letters or more) is left in the lessons' drawing code
           (src/app/lessons, src/app/stepper) and the shell (src/app/*.cpp); refusals (ErrorAnswer, Status::Error) are API words.
The Markdown itself (title, parts, ids, link kinds) is parsed with md4c by tests/app/content_test.cpp.

--self-test also breaks a copy of the tree in each of these ways and checks each is caught.
"""
import pathlib
import re
import shutil
import sys
import tempfile

SHARED = {"course", "notation", "stepper", "shell", "predict"}
MAX_WORDS = 8
HEADING = re.compile(r"^(#{1,6})\s.*\{#([^}]*)\}\s*$")
LINK = re.compile(r"\]\((#[^)\s]*)\)")
KEY = re.compile(r'"([a-z0-9-]+)#([a-z0-9-]+)"')
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
# `return {"id", ...` or, for a row with optional fields set after it, `LessonInfo row = {"id", ...`.
ROW = re.compile(r"LessonInfo\s+(\w+)Lesson\(\)\s*\{\s*(?:return|LessonInfo\s+\w+\s*=)\s*\{\s*\"([^\"]+)\"")
REFUSAL = re.compile(r"(ErrorAnswer|Status::Error|FieldError)\s*\(")


def line_of(text, index):
    return text.count("\n", 0, index) + 1


def lesson_table(root):
    """Lesson ids in the table's order: the rows named in BP_LESSONS, read from each lesson file."""
    rows = {}
    for path in sorted((root / "src/app/lessons").glob("*.cpp")):
        for match in ROW.finditer(path.read_text()):
            rows[match.group(1)] = match.group(2)
    registry = (root / "src/app/lesson_registry.cpp").read_text()
    names = re.findall(r"^\s*LESSON\((\w+)\)", registry, re.M)
    return [rows[name] for name in names if name in rows]


def parts_of(path):
    """The part ids of a content file, outside fenced code."""
    ids = set()
    fenced = False
    for line in path.read_text().splitlines():
        if line.startswith("```"):
            fenced = not fenced
        match = None if fenced else HEADING.match(line)
        if match:
            ids.add(match.group(2))
    return ids


def check(root):
    problems = []
    content = root / "content/en"
    lessons = lesson_table(root)
    files = {p.stem: p for p in sorted(content.glob("*.md"))}
    for lesson in lessons:
        if lesson not in files:
            problems.append(f"content/en/{lesson}.md:1: the lesson \"{lesson}\" has no text file")
    for name in files:
        if name not in lessons and name not in SHARED:
            problems.append(f"content/en/{name}.md:1: no lesson has the id \"{name}\" (and it is not a shared file)")
    parts = {name: parts_of(path) for name, path in files.items()}

    for path in sorted((root / "src/app").rglob("*.cpp")) + sorted((root / "src/app").rglob("*.h")):
        text = path.read_text()
        rel = path.relative_to(root)
        for match in KEY.finditer(text):
            name, part = match.groups()
            if name not in parts:
                problems.append(f"{rel}:{line_of(text, match.start())}: \"{name}#{part}\": there is no content/en/{name}.md")
            elif part not in parts[name]:
                problems.append(f"{rel}:{line_of(text, match.start())}: \"{name}#{part}\": content/en/{name}.md has no part {{#{part}}}")

    for name, path in files.items():
        text = path.read_text()
        for match in LINK.finditer(text):
            target = match.group(1)
            where = f"content/en/{name}.md:{line_of(text, match.start())}"
            if target.startswith("#lesson="):
                lesson = target[len("#lesson="):].split("&")[0]
                if lesson not in lessons:
                    problems.append(f"{where}: the link {target} names no lesson (\"{lesson}\")")
            elif target != "#notation":
                problems.append(f"{where}: the link {target} is neither #lesson=id nor #notation")

    unicodes = re.search(r'BP_FONT_UNICODES "([^"]+)"', (root / "cmake/app.cmake").read_text()) \
        if (root / "cmake/app.cmake").exists() else None
    if unicodes:
        ranges = []
        for item in unicodes.group(1).split(","):
            low, _, high = item.replace("U+", "").partition("-")
            ranges.append((int(low, 16), int(high or low, 16)))
        for name, path in files.items():
            for number, line in enumerate(path.read_text().splitlines(), 1):
                missing = sorted({c for c in line if not any(a <= ord(c) <= b for a, b in ranges)})
                if missing:
                    codes = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing)
                    problems.append(f"content/en/{name}.md:{number}: the fonts have no glyph for {codes}; "
                                    "add its range to BP_FONT_UNICODES in cmake/app.cmake and fonts.cpp")

    if "course" in files:
        text = files["course"].read_text()
        listed = [m.group(1).split("&")[0] for m in re.finditer(r"\]\(#lesson=([^)\s]+)\)", text)]
        if listed != lessons:
            problems.append("content/en/course.md:1: the course lists " + ", ".join(listed) +
                            "; the lesson table is " + ", ".join(lessons) + " (each lesson once, in the table's order)")

    drawing = (sorted((root / "src/app/lessons").glob("*.cpp")) + sorted((root / "src/app/stepper").glob("*.cpp")) +
               sorted((root / "src/app").glob("*.cpp")))
    for path in drawing:
        if path.name.endswith(("_api.cpp", "_state.cpp", "_model.cpp")):
            continue  # the JSON API's words and logic without drawing
        text = path.read_text()
        for match in LITERAL.finditer(text):
            # Words of two or more letters: a formula's symbols (" = −[t ln a + …") are not prose.
            words = len([w for w in match.group(1).split() if re.search(r"[^\W\d_]{2,}", w)])
            if words <= MAX_WORDS:
                continue
            statement_start = max(text.rfind(";", 0, match.start()), text.rfind("{", 0, match.start()))
            if REFUSAL.search(text, statement_start, match.start()):
                continue
            problems.append(f"{path.relative_to(root)}:{line_of(text, match.start())}: a sentence of {words} words "
                            "in C++; lesson text belongs in content/en/ (docs/content.md)")
    return problems


def self_test(root):
    """Breaks a copy of the tree in each checked way; each must add a problem that names it."""
    def breakers():
        def lose_file(tmp):
            (tmp / "content/en/xor.md").unlink()
        def stray_file(tmp):
            (tmp / "content/en/nobody.md").write_text("# Nobody\n\n## {#a}\n\nText.\n")
        def missing_part(tmp):
            path = tmp / "src/app/lessons/perceptron.cpp"
            path.write_text(path.read_text().replace('"perceptron#try"', '"perceptron#try-this"', 1))
        def broken_link(tmp):
            path = tmp / "content/en/intro.md"
            path.write_text(path.read_text().replace("(#lesson=xor)", "(#lesson=xorr)", 1))
        def prose(tmp):
            path = tmp / "src/app/lessons/perceptron.cpp"
            path.write_text(path.read_text() + '\nconst char* kProse = "one two three four five six seven eight nine";\n')
        def glyph(tmp):
            path = tmp / "content/en/xor.md"
            path.write_text(path.read_text() + "\nA character no font here has: 🜁.\n")
        return [lose_file, stray_file, missing_part, broken_link, prose, glyph]

    failures = 0
    before = check(root)
    baseline = len(before)
    for breaker in breakers():
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = pathlib.Path(tmp_name)
            shutil.copytree(root / "content", tmp / "content")
            shutil.copytree(root / "src/app", tmp / "src/app")
            shutil.copytree(root / "cmake", tmp / "cmake")
            breaker(tmp)
            found = check(tmp)
            new = [problem for problem in found if problem not in before]
            caught = len(found) > baseline and bool(new)
            print(f"  {'ok' if caught else 'FAIL'}  self-test {breaker.__name__}: {new[0] if new else 'nothing new found'}")
            failures += 0 if caught else 1
    return failures


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    problems = check(root)
    for problem in problems:
        print(problem)
    failed = len(problems)
    passed = 1 if not problems else 0
    if "--self-test" in sys.argv:
        self_failed = self_test(root)
        failed += self_failed
        passed += 6 - self_failed
    print(f"content: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
