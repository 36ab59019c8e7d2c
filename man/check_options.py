#!/usr/bin/python3
"""The man.options test: every command and long option of crm is documented in its page.

    check_options.py --crm PATH_TO_CRM PAGE...

`crm __options` prints one line per command ("crm customer add<TAB>(command)") and per long
option ("crm customer add<TAB>--email"). A command "crm NOUN ..." belongs to crm-NOUN.1 when
that page is among PAGEs, every other one to crm.1. The check reads the built roff:

- every command path appears in its page; when the page has a section per command, every
  command without subcommands has one;
- every long option appears in its page: within the page's ".SS crm NOUN VERB" section when
  the page has one for that command, within GLOBAL OPTIONS for crm's own options, else
  anywhere in the page. --help, which every command inherits, needs to appear once per page;
- every "--option" any page mentions exists somewhere in crm (nothing invented, no typos).

Exits 1 listing everything missing or unknown, 2 when crm itself cannot be run.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

# Roff escapes that only change fonts or spacing, and those that stand for characters.
FONT_OR_SPACING = re.compile(r"\\f(\[[^\]]*\]|\(..|.)|\\[&%:c]|\\h'[^']*'")
CHARACTERS = [(r"\-", "-"), (r"\(hy", "-"), (r"\(mi", "-"), (r"\(aq", "'"), (r"\*(Aq", "'"),
              (r"\(dq", '"'), (r"\e", "\\"), (r"\\", "\\")]
OPTION = re.compile(r"(?<![\w-])--[a-z0-9][a-z0-9-]*(?![\w-])")


def fail(message):
    print(f"check_options: {message}", file=sys.stderr)
    sys.exit(2)


def plain(roff_text):
    """Roff text to words: escapes resolved, macro names dropped, whitespace collapsed."""
    text = FONT_OR_SPACING.sub("", roff_text)
    for escape, char in CHARACTERS:
        text = text.replace(escape, char)
    return " ".join(text.split())


class Page:
    """A built man page as plain text, whole and by (sub)section title."""

    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.sections = {}  # title -> plain text (.SH and .SS alike; .SS inside its .SH too)
        lines, current_sh, current_ss = [], None, None
        body = {}
        with open(path, encoding="utf-8") as file:
            for line in file:
                line = line.rstrip("\n")
                if line.startswith('.\\"'):
                    continue
                macro = re.match(r"^[.'](SH|SS)\s*(.*)$", line)
                if macro:
                    title = plain(macro.group(2).strip('"'))
                    if macro.group(1) == "SH":
                        current_sh, current_ss = title, None
                    else:
                        current_ss = title
                    body.setdefault(title, [])
                elif line.startswith((".", "'")):
                    continue  # other macros: layout only
                else:
                    lines.append(line)
                    for title in (current_sh, current_ss):
                        if title is not None:
                            body[title].append(line)
        self.text = plain("\n".join(lines))
        self.sections = {title: plain("\n".join(text)) for title, text in body.items()}

    def section_for(self, command):
        """The text where `command`'s options belong, and a name for it in messages."""
        if command == "crm" and "GLOBAL OPTIONS" in self.sections:
            return self.sections["GLOBAL OPTIONS"], "section GLOBAL OPTIONS"
        if command in self.sections:
            return self.sections[command], f"section '{command}'"
        return self.text, "the page"


def mentions(text, phrase):
    return re.search(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text) is not None


def read_options(crm):
    """{command path: [long options]} from `crm __options`, in its order."""
    # The user's configuration and CRM_* variables must not decide whether the test passes.
    env = {key: value for key, value in os.environ.items() if not key.startswith("CRM_")}
    try:
        with tempfile.TemporaryDirectory() as empty:
            env.update(XDG_CONFIG_HOME=empty, XDG_DATA_HOME=empty, NO_COLOR="1")
            result = subprocess.run([crm, "__options"], capture_output=True, text=True,
                                    check=False, env=env)
    except OSError as error:
        fail(f"cannot run {crm}: {error}")
    if result.returncode != 0 or not result.stdout.strip():
        fail(f"'{crm} __options' failed (exit {result.returncode}): {result.stderr.strip()}")
    commands = {}
    for number, line in enumerate(result.stdout.splitlines(), 1):
        path, sep, item = line.partition("\t")
        if not sep or not path.startswith("crm") or not (item == "(command)" or item.startswith("--")):
            fail(f"unexpected line {number} of crm __options: {line!r}")
        options = commands.setdefault(path, [])
        if item != "(command)":
            options.append(item)
    return commands


def page_of(command, pages):
    words = command.split()
    if len(words) >= 2 and f"crm-{words[1]}.1" in pages:
        return pages[f"crm-{words[1]}.1"]
    return pages.get("crm.1")


def is_leaf(command, commands):
    return not any(other.startswith(command + " ") for other in commands)


def check(commands, pages):
    problems = []
    for command, options in commands.items():
        page = page_of(command, pages)
        if page is None:
            problems.append(f"{command}: no page for it (crm.1 is not among the pages checked)")
            continue
        if command != "crm" and not mentions(page.text, command):
            problems.append(f"{page.name}: command '{command}' is not mentioned")
        # A page organised by command (".SS crm ...") gives every command its own section.
        has_command_sections = any(title.startswith("crm ") for title in page.sections)
        if (command != "crm" and has_command_sections and is_leaf(command, commands)
                and command not in page.sections):
            problems.append(f"{page.name}: command '{command}' has no section of its own "
                            f"('## {command}' in the scdoc source)")
        section, where = page.section_for(command)
        for option in options:
            # --help is inherited by every command: the page says so once.
            text, place = (page.text, "the page") if option == "--help" and command != "crm" \
                else (section, where)
            if not mentions(text, option):
                problems.append(f"{page.name}: {command} {option} is not documented in {place}")
    known = {option for options in commands.values() for option in options}
    for page in pages.values():
        for option in sorted(set(OPTION.findall(page.text)) - known):
            problems.append(f"{page.name}: mentions {option}, which no crm command has")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crm", required=True, help="the crm binary")
    parser.add_argument("pages", nargs="+", help="built man pages (roff)")
    args = parser.parse_args()
    pages = {}
    for path in args.pages:
        if not os.path.isfile(path):
            fail(f"{path} does not exist (build the 'man' target first)")
        pages[os.path.basename(path)] = Page(path)
    commands = read_options(args.crm)
    problems = check(commands, pages)
    for problem in problems:
        print(problem)
    if problems:
        print(f"check_options: {len(problems)} problem(s): document each option in the "
              "section of its command (man/*.scd)", file=sys.stderr)
        return 1
    count = sum(len(options) for options in commands.values())
    print(f"ok: {len(commands)} commands and {count} options documented in "
          f"{', '.join(sorted(pages))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
