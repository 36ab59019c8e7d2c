#!/usr/bin/python3
"""Runs an end-to-end transcript of the real crm binary (a cram-like .t file).

Format (lines not indented by two spaces are comments):

  $ crm customer add --email a@example.com     a command, run by bash in the test's directory
  > continued line                               a continuation of the command above
  1                                              expected stdout, line by line
  ! crm: error: ...                              expected stderr (after stdout), marked "! "
  [3]                                            expected exit status when it is not 0

`$ export NAME=VALUE` sets NAME for the commands that follow, as in a shell session.
An expected line ending in " (re)" is a Python regular expression matched against the whole
line; " (glob)" allows * and ?. Each transcript runs in a fresh temporary directory with
CRM_DB, HOME and XDG_* pointing inside it, LC_ALL=C and TZ=UTC (as under cron),
CRM_AUDIT_USER=operator (so output does not depend on who runs the tests), and these
variables: $SRC (the source tree), $DATA (../shared/data). That directory's path is shown
as $WORK in the output. `crm` on PATH is the binary under
test. With --write, the file is rewritten with the actual output (review the diff!).
"""
import argparse
import difflib
import fnmatch
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile


def parse(path):
    """Returns (blocks, lines): each block is [first_line_index, command, expected_lines]."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks, current = [], None
    for index, line in enumerate(lines):
        if line.startswith("  $ "):
            current = [index, line[4:], []]
            blocks.append(current)
        elif line.startswith("  > ") and current is not None and not current[2]:
            current[1] += "\n" + line[4:]
        elif (line.startswith("  ") or line == "  ") and current is not None:
            current[2].append(line[2:])
        else:
            current = None
    return blocks, lines


def matches(expected, actual):
    if expected == actual:
        return True
    if expected.endswith(" (re)"):
        return re.fullmatch(expected[:-5], actual) is not None
    if expected.endswith(" (glob)"):
        return fnmatch.fnmatchcase(actual, expected[:-7])
    return False


def run(command, env, cwd):
    proc = subprocess.run(["/bin/bash", "-c", command], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    out = proc.stdout.decode("utf-8", "backslashreplace").replace(cwd, "$WORK").split("\n")
    err = proc.stderr.decode("utf-8", "backslashreplace").replace(cwd, "$WORK").split("\n")
    actual = (out[:-1] if out[-1] == "" else out) + ["! " + line for line in (err[:-1] if err[-1] == "" else err)]
    if proc.returncode != 0:
        actual.append(f"[{proc.returncode}]")
    return actual


def environment(crm, source, workdir):
    bindir = os.path.join(workdir, "bin")
    os.makedirs(bindir)
    os.symlink(crm, os.path.join(bindir, "crm"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM_") and k not in ("NO_COLOR",)}
    env.update({
        "PATH": bindir + os.pathsep + env.get("PATH", "/usr/bin:/bin"),
        "HOME": os.path.join(workdir, "home"),
        "XDG_CONFIG_HOME": os.path.join(workdir, "config"),
        "XDG_DATA_HOME": os.path.join(workdir, "data"),
        "CRM_DB": os.path.join(workdir, "crm.db"),
        "LC_ALL": "C", "TZ": "UTC", "TERM": "dumb", "CRM_AUDIT_USER": "operator",
        "SRC": source, "DATA": os.path.normpath(os.path.join(source, "..", "shared", "data")),
    })
    env.pop("LANG", None)
    os.makedirs(env["HOME"])
    return env


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--crm", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("transcript")
    args = parser.parse_args()
    blocks, lines = parse(args.transcript)
    if not blocks:
        print(f"{args.transcript}: no commands: a transcript that tests nothing is a defect")
        return 1
    workdir = tempfile.mkdtemp(prefix="crm-cli-")
    failures = 0
    try:
        env = environment(os.path.abspath(args.crm), os.path.abspath(args.source), workdir)
        replacements = {}
        for first, command, expected in blocks:
            exported = re.fullmatch(r"export ([A-Za-z_][A-Za-z0-9_]*)=(.*)", command)
            if exported:  # applies to the commands that follow, as in a shell session
                env[exported.group(1)] = shlex.split(exported.group(2))[0] if exported.group(2) else ""
            actual = run(command, env, workdir)
            ok = len(actual) == len(expected) and all(matches(e, a) for e, a in zip(expected, actual))
            if not ok:
                failures += 1
                replacements[first] = actual
                print(f"--- {args.transcript}:{first + 1}: $ {command}")
                for line in difflib.unified_diff(expected, actual, "expected", "actual", lineterm=""):
                    print(line)
        if args.write and replacements:
            rewrite(args.transcript, lines, blocks, replacements)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{len(blocks) - failures} passed, {failures} failed")
    return 1 if failures else 0


def rewrite(path, lines, blocks, replacements):
    """Replaces the expected output of each failed block with what it printed."""
    skip, after = set(), {}
    for first, command, expected in blocks:
        if first in replacements:
            last = first + command.count("\n")
            skip.update(range(last + 1, last + 1 + len(expected)))
            after[last] = replacements[first]
    out = []
    for index, line in enumerate(lines):
        if index in skip:
            continue
        out.append(line)
        out.extend("  " + a for a in after.get(index, []))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    sys.exit(main())
