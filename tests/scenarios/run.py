"""Scenario files through the command-line checker (tools/check_scenario.cpp, the app's own reader).

  1. Every shipped scenario (scenarios/*.md) reads.
  2. Every case of bad_cases.txt is refused, with each message it expects (a case: "### case: name",
     then "### expect: text" lines, then the file's text up to the next case).
  3. Generated cases: each front-matter field of three base files (a stepper, a playground and a
     perceptron scenario) given each kind of wrong value is refused with that field's line and name.
  4. The JSON Schema (docs/scenario.schema.json) names the same fields, lessons, playground settings
     and hide names as the checker's own messages list.
  5. Every shipped scenario cut short at many places is refused with a line number, or (a cut in
     the body) reads; none crashes or hangs the checker.

Usage: run.py BUILD. Prints "scenarios: N passed, M failed" last.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
passed = 0
failed = 0


def report(ok, name, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL", name, detail)


def check(checker, files):
    """Runs the checker on {path: text}; returns {path: (ok, [message lines])} and the exit code."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, (name, text) in enumerate(files.items()):
            path = os.path.join(folder, "case%04d.md" % i)
            with open(path, "wb") as out:
                out.write(text.encode("utf-8") if isinstance(text, str) else text)
            paths.append((name, path))
        run = subprocess.run([checker] + [p for _, p in paths], capture_output=True, timeout=120)
        output = run.stdout.decode("utf-8", "replace").splitlines()
    results = {}
    current = None
    by_path = {p: n for n, p in paths}
    for line in output:
        if not line.startswith("  "):
            path, _, verdict = line.partition(": ")
            current = by_path.get(path)
            results[current] = (verdict.startswith("ok"), [])
        elif current is not None:
            results[current][1].append(line.strip())
    return results, run.returncode


# --- Generated cases ----------------------------------------------------------------------------

STEPPER = [
    ('"scenario"', '1'),
    ('"title"', '"Base"'),
    ('"lesson"', '"backprop"'),
    ('"text"', '"after"'),
    ('"network"', '{"layers": [{"activation": "sigmoid", "W": [[0.1, 0.2]], "b": [0]}], "loss": "half_mse"}'),
    ('"sample"', '{"x": [1, 2], "t": [1]}'),
    ('"lr"', '0.5'),
    ('"updateBiases"', 'true'),
    ('"predict"', 'false'),
    ('"precision"', '4'),
    ('"theme"', '"dark"'),
    ('"hide"', '["editor"]'),
    ('"lock"', '["lr"]'),
]
PLAYGROUND = [
    ('"scenario"', '1'),
    ('"title"', '"Base"'),
    ('"lesson"', '"playground"'),
    ('"points"', '[[0.1, 0.2, 0], [0.5, 0.5, 1], [-0.3, 0.4, 1], [0.2, -0.6, 0]]'),
    ('"regression"', 'false'),
    ('"playground"', '{"hidden": "4", "lr": 0.1, "ratio": 1}'),
]
PERCEPTRON = [
    ('"scenario"', '1'),
    ('"title"', '"Base"'),
    ('"lesson"', '"perceptron"'),
    ('"points"', '[[0.1, 0.2, 0], [0.5, 0.5, 1]]'),
]
LONG = '"' + "x" * 121 + '"'
BAD = {
    "scenario": ['"1"', '2', '1.5', 'null', '[]', '{}', 'true', '-1', '0'],
    "title": ['5', '""', 'null', '[]', '{}', 'true', LONG, '"two\\nlines"'],
    "lesson": ['5', '"nope"', 'null', '[]', '{}', '"Perceptron"', '""', 'true'],
    "text": ['"before"', '5', 'true', 'null', '[]', '""', '"REPLACE"'],
    "network": ['5', '"net"', '[]', '{}', 'null', '{"layers": []}',
                '{"layers": [{"activation": "sigmoid", "W": [[1, 2]], "b": [0]}], "loss": "nope"}',
                '{"layers": [{"activation": "nope", "W": [[1, 2]], "b": [0]}], "loss": "half_mse"}',
                '{"layers": [{"activation": "sigmoid", "W": [[1, 2]], "b": [0, 1]}], "loss": "half_mse"}'],
    "sample": ['5', '[]', '{"x": [1], "t": [1]}', '{"x": [1, 2]}', '{"x": [1, "a"], "t": [1]}',
               '{"x": [1, 2], "t": [1], "y": 3}', 'null', '{"x": [1, 2], "t": [1, 2]}', '"x"'],
    "lr": ['0', '-1', '101', '"0.5"', 'null', '[]', 'true', '1e-7', '{}'],
    "updateBiases": ['1', '"yes"', 'null', '[]', '{}'],
    "predict": ['1', '"on"', 'null', '{}', '[]'],
    "precision": ['2', '10', '4.5', '"4"', 'null', '-1', '1e9'],
    "theme": ['"blue"', '1', 'null', '[]', '"Dark"', '{}'],
    "hide": ['"editor"', '["nope"]', '[1]', 'null', '{}', '[["editor"]]', 'true'],
    "lock": ['"lr"', '["nope"]', '[1]', 'null', '{}', '[""]'],
    "points": ['5', '[]', '[[0, 0]]', '[[0, 0, 0], [1, 1, 7]]', '[[0, 0, 0], [0, 0, 0]]',
               '[[11, 0, 0], [0, 0, 1]]', '[[0, 0, 0], ["a", 0, 1]]', '[[0, 0, 0], [0, 0, 1.5]]', 'null',
               '{}', '[1, 2, 3]', '[[0, 0, 0], [0, 0, 2]]', '[[0, 0, 0], [0, 0, -1]]', '"0,0,0"'],
    "regression": ['1', '"yes"', 'null', '[]'],
    "playground": ['5', '[]', '{"hidden": "99"}', '{"lr": 0}', '{"nope": 1}', '{"act": "softmax"}',
                   '{"hidden": [[4]]}', '{"pts": "x,y;0,0"}', '{"head": "linear_mse"}', '{"batch": 0}',
                   '{"ratio": 0}', '{"points": 50}', '{"opt": "nope"}', '{"lr": "fast"}', 'null',
                   '{"features": "x9"}', '{"hidden": "4,4,4,4,4,4,4,4,4"}', '{"wseed": -1}'],
}
# Fields whose wrong values belong to a base of their own (its lesson uses them).
BASE_OF = {"points": PLAYGROUND, "regression": PLAYGROUND, "playground": PLAYGROUND}


def front_matter(fields):
    lines = ["---", "{"]
    for i, (key, value) in enumerate(fields):
        lines.append("  %s: %s%s" % (key, value, "," if i + 1 < len(fields) else ""))
    lines += ["}", "---", "Some text.", ""]
    return "\n".join(lines)


def generated_cases():
    """{name: (text, expected prefix)} for every field and wrong value; a field on line i + 3."""
    cases = {}
    for field, values in BAD.items():
        base = BASE_OF.get(field, STEPPER)
        index = next(i for i, (key, _) in enumerate(base) if key == '"%s"' % field)
        for value in values:
            fields = list(base)
            fields[index] = (fields[index][0], value)
            name = "%s = %s" % (field, value[:40])
            cases[name] = (front_matter(fields), "line %d: %s" % (index + 3, field))
    return cases


def cut_cases():
    """{name: (bytes, front matter's last line)} for every shipped scenario cut at many places."""
    cases = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.md"))):
        data = open(path, "rb").read()
        closing = data.index(b"\n---", 4) + 4  # the end of the closing "---"
        step = max(1, closing // 40)
        for cut in list(range(0, closing, step)) + [closing + 1, (closing + len(data)) // 2, len(data) - 1]:
            cases["%s cut at %d" % (os.path.basename(path), cut)] = (data[:cut], cut < closing)
    return cases


def read_bad_cases():
    """The hand-written cases: [(name, [expected], text)]."""
    path = os.path.join(ROOT, "tests", "scenarios", "bad_cases.txt")
    cases = []
    name, expected, text = None, [], []
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.startswith("### case: "):
            if name is not None:
                cases.append((name, expected, "\n".join(text)))
            name, expected, text = line[len("### case: "):], [], []
        elif line.startswith("### expect: ") and not text:
            expected.append(line[len("### expect: "):])
        elif name is not None:
            text.append(line)
    if name is not None:
        cases.append((name, expected, "\n".join(text)))
    return cases


def listed(messages, pattern):
    """The comma-separated names a checker's message lists after `pattern`."""
    for message in messages:
        found = re.search(pattern + r"(.*?)(\)|$)", message)
        if found:
            return set(n.strip() for n in found.group(1).replace(" and ", ", ").split(",") if n.strip())
    return set()


def schema_agrees(checker):
    schema = json.load(open(os.path.join(ROOT, "docs", "scenario.schema.json"), encoding="utf-8"))
    probe = front_matter([('"scenario"', '1'), ('"title"', '"T"'), ('"lesson"', '"nowhere"'), ('"colour"', '1')])
    playground = front_matter([('"scenario"', '1'), ('"title"', '"T"'), ('"lesson"', '"playground"'),
                               ('"playground"', '{"nope": 1}'), ('"hide"', '["nope"]')])
    results, _ = check(checker, {"probe": probe, "playground": playground})
    fields = listed(results["probe"][1], "the fields are ")
    lessons = listed(results["probe"][1], "the lessons are ")
    settings = listed(results["playground"][1], "the settings are ") - {"pts"}
    hides = listed(results["playground"][1], "which is not a name hide knows \\(")
    props = schema["properties"]
    for what, app, documented in [
            ("fields", fields, set(props)),
            ("lessons", lessons, set(props["lesson"]["enum"])),
            ("playground settings", settings, set(props["playground"]["properties"])),
            ("hide names", hides, set(props["hide"]["items"]["enum"]))]:
        report(app and app == documented, "the schema's %s are the app's" % what,
               "app %s, schema %s" % (sorted(app), sorted(documented)))


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build")
    checker = os.path.join(build, "native", "check_scenario")

    shipped = {os.path.basename(p): open(p, encoding="utf-8").read()
               for p in sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.md")))}
    # The tutorial's first file (docs/scenarios.md) is a working scenario too.
    tutorial = open(os.path.join(ROOT, "docs", "scenarios.md"), encoding="utf-8").read()
    first = re.search(r"```markdown\n(---\n.*?)```\n", tutorial, re.S)
    report(first is not None, "docs/scenarios.md has its first scenario")
    if first:
        shipped["docs/scenarios.md's first scenario"] = first.group(1)
    report(len(shipped) >= 5, "at least four shipped scenarios and the tutorial's", str(len(shipped)))
    results, _ = check(checker, shipped)
    for name in shipped:
        ok, messages = results.get(name, (False, ["no answer"]))
        report(ok, "shipped " + name, "; ".join(messages))

    bad = read_bad_cases()
    report(len(bad) >= 80, "at least 80 hand-written bad cases", str(len(bad)))
    results, _ = check(checker, {name: text for name, _, text in bad})
    for name, expected, _ in bad:
        ok, messages = results.get(name, (True, ["no answer"]))
        missing = [e for e in expected if not any(e in m for m in messages)]
        report(not ok and expected and not missing, "bad case " + name,
               "expected %s; got %s" % (missing or expected, messages))

    generated = generated_cases()
    results, _ = check(checker, {name: text for name, (text, _) in generated.items()})
    for name, (_, prefix) in generated.items():
        ok, messages = results.get(name, (True, ["no answer"]))
        report(not ok and any(m.startswith(prefix) for m in messages), "generated " + name,
               "expected a message starting %r; got %s" % (prefix, messages))

    schema_agrees(checker)

    cuts = cut_cases()
    results, code = check(checker, {name: data for name, (data, _) in cuts.items()})
    report(code in (0, 1), "the checker survives every cut file", "exit code %d" % code)
    for name, (_, in_front) in cuts.items():
        ok, messages = results.get(name, (None, []))
        if in_front:
            report(ok is False and messages and messages[0].startswith("line "), "cut " + name, str(messages))
        else:
            report(ok is not None, "cut " + name, "no verdict")

    total = len(bad) + len(generated) + len(cuts)
    print("%d bad files (%d hand-written, %d generated, %d cut short) and %d shipped scenarios checked"
          % (total, len(bad), len(generated), len(cuts), len(shipped)))
    print("scenarios: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
