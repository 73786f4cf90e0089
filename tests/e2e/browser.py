#!/usr/bin/env python3
"""Opens pages in Debian's headless Chromium and says what went wrong in them.

usage: browser.py [--timeout S] [--page-timeout S] [--rows NAME=SELECTOR]...
                  [--chromium PROGRAM] SCREENSHOT_DIR NAME=URL...

One Chromium for all pages, driven through the DevTools protocol over
--remote-debugging-pipe (it reads fd 3 and writes fd 4, NUL-separated JSON
messages), one tab at 1280 x 800 CSS pixels. For each page, in order:
navigate, wait for the load event and for the page's requests to end (the
browser's own of /favicon.ico too), then print one JSON line:

  name, url        as given
  status           the HTTP status of the document (null for data: URLs)
  errors           [{"kind", "text"}]: console.error and console.assert
                   ("console"), uncaught exceptions ("exception"), the
                   browser's own error log, where CSP violations and failed
                   loads go ("log"), failed requests and subresources
                   answered >= 400 ("request"), a document answered >= 400
                   or not at all ("document"), a request off loopback
                   ("network"), no load or requests never ending in
                   --page-timeout ("timeout")
  overflow         whether the page scrolls sideways at 1280 px
                   (document scrollWidth > clientWidth), with scroll_width,
                   client_width, inner_width and wide: up to 5 of the
                   outermost elements reaching past the right edge
  id_cells         how many cells of class "ids" (person ids) it has
  broken_ids       up to 5 texts of ids in them that a line break cuts:
                   the parts between the page's own break points (<wbr>)
                   must each stay on one line
  screenshot       the full page as SCREENSHOT_DIR/NAME.png
  table            with --rows NAME=SELECTOR: the table SELECTOR picks, as
                   {"head": [[cell text...]...], "rows": [[...]...]} (the
                   cells' innerText, trimmed; header rows are those of
                   <thead> or of <th> cells only), null without such a table

Exit status: 0 when no page has an error or overflows, 1 when one does, 2
when the browser could not be driven (not started, crashed, past --timeout
for the whole run, or SIGTERM); Chromium is stopped in every case. A
Chromium that does not answer its first command in 30 s is started again,
once.
"""

import argparse
import base64
import fcntl
import ipaddress
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

WIDTH, HEIGHT = 1280, 800
# A full-page screenshot taller than this is cut: Chromium's compositor
# fails on textures much larger, and nobody looks that far.
LONGEST_SCREENSHOT = 16000


class BrowserError(Exception):
    """The browser cannot be driven any further."""


class NoAnswer(BrowserError):
    """A command not answered in its time (a page that never comes)."""


def chromium_flags(profile):
    flags = [
        "--headless=new",  # the whole browser, headless (Chromium >= 112; Debian 12 has 156)
        "--disable-gpu",
        "--remote-debugging-pipe",
        f"--user-data-dir={profile}",
        f"--window-size={WIDTH},{HEIGHT}",
        # No network but loopback: every other host name or address fails
        # to resolve, and nothing runs in the background to phone home.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--no-pings",
        "--mute-audio",
        "about:blank",
    ]
    # Chromium's sandbox refuses to start as root (containers, CI): only
    # then without it, and the pages are local ones we made.
    if os.geteuid() == 0:
        flags.insert(0, "--no-sandbox")
    return flags


class Browser:
    """A Chromium on a pipe: commands answered in order, events kept."""

    def __init__(self, program, deadline):
        self.deadline = deadline
        self.profile = tempfile.mkdtemp(prefix="portreg-chromium-")
        self.log = open(os.path.join(self.profile, "stderr.log"), "w+b")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()
        # Chromium's ends above fd 10, dup2'ed onto 3 and 4 in the child:
        # nothing of the parent's sits there to be overwritten by mistake.
        ends = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (to_browser_r, from_browser_w)]

        def onto_3_and_4():
            os.dup2(ends[0], 3)
            os.dup2(ends[1], 4)

        try:
            self.process = subprocess.Popen(
                [program] + chromium_flags(self.profile), stdin=subprocess.DEVNULL,
                stdout=self.log, stderr=self.log, pass_fds=(3, 4), preexec_fn=onto_3_and_4,
                start_new_session=True)  # its helpers in a group of their own, stopped together
        except OSError as e:
            raise BrowserError(f"cannot start {program}: {e}") from e
        finally:
            for fd in ends + [to_browser_r, from_browser_w]:
                os.close(fd)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        except OSError as e:
            raise BrowserError(f"the browser went away ({e})") from e
        return self.next_id

    def _read(self, until):
        """One message, or None when `until` (a monotonic time) passed;
        an event is kept, with the time it came ("at")."""
        while b"\0" not in self.buffer:
            left = min(until, self.deadline) - time.monotonic()
            if left <= 0:
                if time.monotonic() >= self.deadline:
                    raise BrowserError("past the run's --timeout")
                return None
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if ready:
                data = os.read(self.from_browser, 1 << 16)
                if not data:
                    raise BrowserError("the browser closed its pipe (crashed?)")
                self.buffer += data
        raw, self.buffer = self.buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "method" in message:
            message["at"] = time.monotonic()
            self.events.append(message)
        return message

    def call(self, method, params=None, session=None, seconds=10):
        """The result of a command."""
        wanted = self.send(method, params, session)
        until = time.monotonic() + seconds
        while True:
            message = self._read(until)
            if message is None:
                raise NoAnswer(f"{method}: no answer within {seconds} s")
            if message.get("id") == wanted:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error'].get('message')}")
                return message["result"]

    def wait(self, ready, seconds):
        """Whether ready(events) came true within `seconds` (looked at
        every 50 ms at least, for conditions of time)."""
        until = time.monotonic() + seconds
        while not ready(self.events):
            if time.monotonic() >= until:
                return False
            self._read(min(until, time.monotonic() + 0.05))
        return True

    def close(self):
        try:
            self.send("Browser.close")
            self.process.wait(3)
        except (BrowserError, subprocess.TimeoutExpired):
            pass
        # Its helpers too, whether it closed or not: the group is ours alone.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)

    def stderr_tail(self, lines=20):
        """What it said last, without its complaints of having no D-Bus."""
        self.log.seek(0)
        said = [line for line in self.log.read().splitlines() if b"/dbus/" not in line]
        return b"\n".join(said[-lines:]).decode(errors="replace")


def is_local(url):
    """Whether a request stays on this machine (loopback or no network)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("data", "about", "blob"):
        return True
    try:
        return ipaddress.ip_address(parts.hostname or "").is_loopback
    except ValueError:
        return parts.hostname == "localhost"


def remote_text(args):
    """console.error's arguments as the console would show them."""
    return " ".join(str(a.get("value", a.get("description", a.get("type", "")))) for a in args)


def own_events(events, session, loader):
    """The page's events, and its requests by id: those of its document
    (`loader`), not the late ones of the page before."""
    mine, requests = [], {}
    for event in events:
        if event.get("sessionId") != session:
            continue
        p = event["params"]
        if event["method"] == "Network.requestWillBeSent":
            if p.get("loaderId") != loader:
                continue
            requests[p["requestId"]] = p["request"]["url"]
        elif p.get("requestId", p.get("entry", {}).get("networkRequestId")) not in {None, *requests}:
            continue  # a request of another document, or the log's word on it
        mine.append(event)
    return mine, requests


# After the last request of the page, how long nothing new starts before
# it counts as done: Chromium's request of /favicon.ico starts some 10 ms
# after the page stopped loading.
QUIET = 0.3


def settled_down(events, session, loader):
    """Whether the page stopped loading, has no request in flight and none
    started or ended for QUIET seconds."""
    mine, requests = own_events(events, session, loader)
    stops = [e["at"] for e in mine if e["method"] == "Page.frameStoppedLoading"]
    ends = {e["params"]["requestId"]: e["at"] for e in mine
            if e["method"] in ("Network.loadingFinished", "Network.loadingFailed")}
    starts = [e["at"] for e in mine if e["method"] == "Network.requestWillBeSent"]
    if not stops or not set(requests) <= set(ends):
        return False
    return time.monotonic() - max(stops + starts + list(ends.values())) >= QUIET


def problems(events, session, loader):
    """The page's errors and its document's status, from its events."""
    errors, status = [], None
    mine, requests = own_events(events, session, loader)
    for event in mine:
        method, p = event["method"], event["params"]
        if method == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
            errors.append({"kind": "console", "text": remote_text(p.get("args", []))})
        elif method == "Runtime.exceptionThrown":
            details = p["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text", "")
            errors.append({"kind": "exception", "text": text})
        elif method == "Log.entryAdded" and p["entry"]["level"] == "error":
            entry = p["entry"]
            errors.append({"kind": "log", "text": f"{entry['text']} ({entry.get('url', '')})"})
        elif method == "Network.requestWillBeSent" and not is_local(p["request"]["url"]):
            errors.append({"kind": "network", "text": f"off loopback: {p['request']['url']}"})
        elif method == "Network.responseReceived":
            code, url = p["response"]["status"], p["response"]["url"]
            if p.get("type") == "Document":
                status = code if url.startswith("http") else None
                if code >= 400:
                    errors.append({"kind": "document", "text": f"{code} {url}"})
            elif code >= 400:
                errors.append({"kind": "request", "text": f"{code} {url}"})
        elif method == "Network.loadingFailed" and not p.get("canceled"):
            why = p.get("blockedReason") or p.get("errorText")
            kind = "document" if p.get("type") == "Document" else "request"
            errors.append({"kind": kind, "text": f"{why}: {requests[p['requestId']]}"})
    return errors, status


# Measured in the page (CDP's Runtime.evaluate runs despite the page's CSP).
# clientWidth, not innerWidth: a vertical scrollbar, where there is one,
# leaves less than 1280 px, and a page scrolls sideways past clientWidth.
# The elements past the edge: the outermost only, named by tag, id or
# classes and place among those of their tag ("table 1 of 2").
MEASURE = """(() => {
  const root = document.documentElement, edge = root.clientWidth, wide = [], seen = [];
  if (root.scrollWidth > edge)
    for (const e of document.querySelectorAll('body *')) {
      const right = e.getBoundingClientRect().right;
      if (right <= edge + 0.5 || seen.some(s => s.contains(e)) || seen.length >= 5) continue;
      seen.push(e);
      const same = Array.from(document.getElementsByTagName(e.tagName));
      wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                Array.from(e.classList, c => '.' + c).join('') +
                ` ${same.indexOf(e) + 1} of ${same.length} to ${Math.round(right)} px`);
    }
  return {scroll_width: root.scrollWidth, client_width: edge, inner_width: innerWidth,
          height: root.scrollHeight, wide};
})()"""

# Ids cut by a line break: a text node of a cell of class "ids" (its
# parts are text nodes apart, split by <wbr>) over more than one line.
BROKEN_IDS = """(() => {
  const broken = [], cells = document.querySelectorAll('td.ids');
  for (const cell of cells) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node && broken.length < 5; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
      if (lines.size > 1) broken.push(node.textContent);
    }
  }
  return {id_cells: cells.length, broken_ids: broken};
})()"""

# The rows of the table a selector picks: header rows (in <thead>, or of
# <th> cells only) apart from the others; table.rows leaves out the rows
# of tables nested in its cells.
ROWS = """(selector => {
  const table = document.querySelector(selector);
  if (!table) return null;
  const head = [], rows = [];
  for (const tr of table.rows) {
    const cells = Array.from(tr.cells);
    const texts = cells.map(c => c.innerText.trim());
    const header = tr.parentElement.tagName === 'THEAD' || cells.every(c => c.tagName === 'TH');
    (header ? head : rows).push(texts);
  }
  return {head, rows};
})(%s)"""


def evaluate(browser, session, expression):
    result = browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                          session)
    if "exceptionDetails" in result:
        raise BrowserError(f"evaluating in the page: {result['exceptionDetails'].get('text')}")
    return result["result"].get("value")


def visit(browser, session, name, url, table, out_dir, page_seconds):
    browser.events = []
    report = {"name": name, "url": url}
    try:
        # Answered once the document's headers are in, or it failed.
        answer = browser.call("Page.navigate", {"url": url}, session, page_seconds)
    except NoAnswer:
        # Nothing of this page to measure; the next one starts afresh.
        report["errors"], report["status"] = problems(browser.events, session, None)
        report["errors"].append({"kind": "timeout", "text": f"no document within {page_seconds} s"})
        report["overflow"] = None
        browser.call("Page.stopLoading", session=session)
        return report
    loaded = browser.wait(lambda events: any(
        e["method"] == "Page.loadEventFired" and e.get("sessionId") == session for e in events),
        page_seconds)
    # Chromium asks for /favicon.ico once the page has stopped loading: its
    # answer is still the page's.
    settled = loaded and browser.wait(lambda events: settled_down(events, session, answer["loaderId"]),
                                      page_seconds)
    size = evaluate(browser, session, MEASURE)
    report["overflow"] = size["scroll_width"] > size["client_width"]
    report.update({k: size[k] for k in ("scroll_width", "client_width", "inner_width", "wide")})
    report.update(evaluate(browser, session, BROKEN_IDS))
    if table:
        report["table"] = evaluate(browser, session, ROWS % json.dumps(table))
    shot = browser.call("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": max(WIDTH, size["scroll_width"]),
                 "height": min(max(HEIGHT, size["height"]), LONGEST_SCREENSHOT), "scale": 1}},
        session, seconds=page_seconds)
    report["screenshot"] = os.path.join(out_dir, name + ".png")
    with open(report["screenshot"], "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    # Read last: what the page logged while measured and photographed counts.
    report["errors"], report["status"] = problems(browser.events, session, answer.get("loaderId"))
    if answer.get("errorText") and not any(e["kind"] == "document" for e in report["errors"]):
        report["errors"].append({"kind": "document", "text": f"{answer['errorText']}: {url}"})
    if not loaded:
        report["errors"].append({"kind": "timeout", "text": f"no load event within {page_seconds} s"})
    elif not settled:
        report["errors"].append({"kind": "timeout", "text": f"still loading after {page_seconds} s"})
    return report


def started(program, deadline, tries=2):
    """A Chromium and its first tab's target. Once, on two cores busy with
    the sanitized tests, a Chromium gave no answer for 20 s after its
    start; another one is started then, as a person would."""
    for attempt in range(1, tries + 1):
        browser = Browser(program, deadline)
        try:
            return browser, browser.call("Target.createTarget", {"url": "about:blank"}, seconds=30)
        except NoAnswer as e:
            print(f"browser.py: {e} (start {attempt} of {tries})", file=sys.stderr)
            print(browser.stderr_tail(), file=sys.stderr)
            browser.close()
            shutil.rmtree(browser.profile, ignore_errors=True)
            if attempt == tries:
                raise


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", metavar="SCREENSHOT_DIR")
    parser.add_argument("pages", metavar="NAME=URL", nargs="+")
    parser.add_argument("--rows", metavar="NAME=SELECTOR", action="append", default=[])
    parser.add_argument("--timeout", type=float, default=40, help="for the whole run (s)")
    parser.add_argument("--page-timeout", type=float, default=10, help="for one page (s)")
    parser.add_argument("--chromium", default="chromium")
    args = parser.parse_args()
    pages = [p.split("=", 1) for p in args.pages]
    tables = dict(r.split("=", 1) for r in args.rows)
    if any(len(p) != 2 or not p[0] for p in pages) or not set(tables) <= {p[0] for p in pages}:
        parser.error("pages are NAME=URL, and --rows names one of them")
    os.makedirs(args.out_dir, exist_ok=True)

    # SIGTERM (CTest's timeout) as an exit, so that Chromium is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(2))
    deadline = time.monotonic() + args.timeout
    browser = None
    try:
        browser, target = started(args.chromium, deadline)
        session = browser.call("Target.attachToTarget",
                               {"targetId": target["targetId"], "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.call(domain + ".enable", session=session)
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
                     session)
        clean = True
        for name, url in pages:
            report = visit(browser, session, name, url, tables.get(name), args.out_dir,
                           args.page_timeout)
            clean = clean and not report["errors"] and not report["overflow"]
            print(json.dumps(report), flush=True)
        return 0 if clean else 1
    except BrowserError as e:
        print(f"browser.py: {e}", file=sys.stderr)
        if browser:
            print(browser.stderr_tail(), file=sys.stderr)
        return 2
    finally:
        if browser:
            browser.close()
            shutil.rmtree(browser.profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
