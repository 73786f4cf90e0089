#!/usr/bin/env python3
"""Walks JSON documents (one file each, json or jsonl) and reports every
value that breaks the rules of typed JSON: a missing value is null, never
"", and a number is a number, never a string of digits. IANA's 12 record
columns are text as IANA renders them ("port_number": "4748-4748"), and
hashes are text, so they may hold only digits.

usage: json_walk.py FILE...   (exit 1 and one line per value found)"""
import json
import re
import sys

TEXT_KEYS = {"service_name", "port_number", "transport_protocol", "description",
             "assignee", "contact", "registration_date", "modification_date",
             "reference", "service_code", "unauthorized_use_reported",
             "assignment_notes", "sha256", "hash", "data", "text", "section"}
DIGITS = re.compile(r"-?[0-9]+(\.[0-9]+)?$")


def walk(value, path, problems):
    if isinstance(value, dict):
        for key, item in value.items():
            walk(item, f"{path}.{key}", problems)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            walk(item, f"{path}[{i}]", problems)
    elif isinstance(value, str):
        key = path.rsplit(".", 1)[-1].split("[")[0]
        if value == "":
            problems.append(f"{path}: \"\" where a missing value is null")
        elif DIGITS.match(value) and key not in TEXT_KEYS:
            problems.append(f"{path}: {value!r} is a number written as text")


def documents(name):
    text = open(name).read()
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


problems = []
for name in sys.argv[1:]:
    for n, doc in enumerate(documents(name)):
        walk(doc, f"{name}#{n}", problems)
for problem in problems[:40]:
    print(problem)
if len(problems) > 40:
    print(f"... and {len(problems) - 40} more")
sys.exit(1 if problems else 0)
