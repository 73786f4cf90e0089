#!/usr/bin/env python3
"""The examples of a Markdown file's ```console blocks.

A line starting with "$ " is a command (a trailing backslash continues it
on the next line); the lines under it, up to the next command or the end
of the block, are what it prints.

  readme_examples.py split FILE DIR   writes DIR/N.cmd and DIR/N.out per command
  readme_examples.py write FILE DIR   puts DIR/N.got back under command N in FILE
"""
import pathlib
import sys


def examples(lines):
    """Yields [command lines, first output line index, end index] per command."""
    inside = False
    current = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if not inside:
            inside = line == "```console"
            i += 1
            continue
        if line.startswith("```") or line.startswith("$ "):
            if current:
                current[2] = i
                yield current
                current = None
            if line.startswith("```"):
                inside = False
                i += 1
                continue
            command = [line[2:]]
            while command[-1].endswith("\\") and i + 1 < len(lines):
                i += 1
                command.append(lines[i])
            current = [command, i + 1, None]
        i += 1


def main():
    mode, path, directory = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    lines = path.read_text().split("\n")
    found = list(examples(lines))
    if mode == "split":
        for n, (command, start, end) in enumerate(found, 1):
            (directory / f"{n}.cmd").write_text("\n".join(command) + "\n")
            (directory / f"{n}.out").write_text("".join(l + "\n" for l in lines[start:end]))
        return
    for n, (command, start, end) in reversed(list(enumerate(found, 1))):
        got = (directory / f"{n}.got").read_text().split("\n")
        lines[start:end] = got[:-1] if got[-1] == "" else got
    path.write_text("\n".join(lines))


main()
