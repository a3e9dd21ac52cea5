#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Hearth developers
#
# test-a11y.py HEARTH: the accessibility and keyboard test of DESIGN.md §7 and §9, by AT-SPI.
#
# Runs the real app twice, as a screen reader user would meet it, and prints TAP:
#
#  1. `HEARTH` with no stored account shows the sign-in page: its controls have accessible
#     names, Tab moves through Server, Username, Password, Sign In and Try the Demo in that
#     order, and activating Try the Demo by keyboard signs in.
#  2. `HEARTH --demo`: every interactive element that is showing has a non-empty accessible
#     name on the Chats, Rewards and Today pages (Alt+1/2/3), in the confirmation and the
#     toast of using a reward (Tab to Use, Return, Return), in the quick switcher (Ctrl+K),
#     the conversation it opens ("hike", Return), the preferences (Ctrl+,) and the shortcuts
#     window (Ctrl+?); a message typed in the composer and sent with Return shows up in the
#     conversation.
#
# Every unnamed control is printed with its role and its path in the accessible tree (each
# kind once: the rows of a list are one kind). Keys
# are typed with xdotool (XTest) into the X server of run-a11y.sh, which also provides the
# private session and a11y buses; run the test through it. The waits poll with generous
# timeouts that are guards only: nothing asserts how fast the app is.

import functools
import os
import re
import subprocess
import sys
import time

try:
    import pyatspi
    from gi.repository import Gio, GLib
except ImportError as e:
    print(f"1..0 # SKIP python3-pyatspi is not installed ({e})")
    sys.exit(0)

# How long a wait may take before it counts as a failure: a guard against hangs, not a
# performance assertion (the whole test normally takes a fraction of it per step).
GUARD = 30.0
POLL = 0.05

SCHEMA_ID = "io.github.hearthchat.Hearth"

# The roles a user interacts with: each must carry a name when it is showing. List and tree
# items only count when they can take the focus (a row the keyboard can land on).
INTERACTIVE_ROLES = {
    getattr(pyatspi, name)
    for name in (
        "ROLE_PUSH_BUTTON", "ROLE_PUSH_BUTTON_MENU", "ROLE_TOGGLE_BUTTON", "ROLE_CHECK_BOX",
        "ROLE_RADIO_BUTTON", "ROLE_TEXT", "ROLE_ENTRY", "ROLE_PASSWORD_TEXT",
        "ROLE_COMBO_BOX", "ROLE_LIST_ITEM", "ROLE_TREE_ITEM", "ROLE_MENU_ITEM",
        "ROLE_CHECK_MENU_ITEM", "ROLE_RADIO_MENU_ITEM", "ROLE_LINK", "ROLE_SLIDER",
        "ROLE_SPIN_BUTTON", "ROLE_SWITCH", "ROLE_PAGE_TAB",
    )
    if hasattr(pyatspi, name)
}
FOCUSABLE_ONLY_ROLES = {pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TREE_ITEM}

# GTK 4.8 falls back to the widget's type name ("GtkImage", "AdwGizmo") when an element
# has no name: that is no name for a user.
TYPE_NAME = re.compile(r"^(Gtk|Adw|Hearth|Gdk)[A-Z][A-Za-z0-9]*$")


def log(message):
    """A TAP diagnostic line."""
    for line in str(message).splitlines():
        print(f"# {line}", flush=True)


class Timeout(Exception):
    pass


class AppExited(Exception):
    pass


def wait_for(what, func, timeout=GUARD):
    """Polls func() until it returns something true and returns that; raises Timeout after
    the guard. Errors from objects that go away while func() looks at them count as false."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = func()
        except (GLib.GError, LookupError, RuntimeError):
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise Timeout(f"timed out ({timeout:.0f} s guard) waiting for {what}")
        time.sleep(POLL)


# ---------------------------------------------------------------------------------------
# The accessible tree

def is_unnamed(name):
    """Whether a user hears no name: empty, or only GTK's type-name fallbacks."""
    tokens = (name or "").split()
    return all(TYPE_NAME.match(token) for token in tokens)


class Node:
    """One element of the tree. Each property is read over D-Bus once, when first asked."""

    def __init__(self, acc, parent, index):
        self.acc = acc
        self.parent = parent
        self.index = index
        self.role = acc.getRole()

    @functools.cached_property
    def role_name(self):
        return self.acc.getRoleName()

    @functools.cached_property
    def name(self):
        return self.acc.name or ""

    @functools.cached_property
    def states(self):
        return set(self.acc.getState().getStates())

    def has(self, state):
        return state in self.states

    def showing(self):
        if pyatspi.STATE_SHOWING in self.states:
            return True
        # GTK 4.8 reports SHOWING on windows only; an element that is (or was) laid out in
        # a mapped window has a size, one on a page never shown has none.
        try:
            extents = self.acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        except (NotImplementedError, GLib.GError):
            return False
        return extents.width > 0 and extents.height > 0

    def label(self):
        text = self.name if len(self.name) <= 40 else self.name[:37] + "..."
        return f"{self.role_name} {text!r}" if text else self.role_name

    def path(self, indices=True):
        parts = []
        node = self
        while node is not None:
            if node.parent is not None and indices:
                parts.append(f"{node.label()}[{node.index}]")
            else:
                parts.append(node.label())
            node = node.parent
        return " > ".join(reversed(parts))

    def descendant_of(self, other):
        node = self
        while node is not None:
            if node.acc == other.acc:
                return True
            node = node.parent
        return False


def walk(acc, parent=None, index=0):
    """Every element under acc (acc included), depth first. Elements that go away while
    the walk reads them are left out, with their subtree."""
    try:
        node = Node(acc, parent, index)
        count = acc.childCount
    except (GLib.GError, LookupError, RuntimeError):
        return
    yield node
    for i in range(count):
        try:
            child = acc.getChildAtIndex(i)
        except (GLib.GError, LookupError, RuntimeError):
            continue
        if child is not None:
            yield from walk(child, node, i)


def find(root, predicate):
    for node in walk(root):
        if predicate(node):
            return node
    return None


def is_interactive(node):
    if node.role not in INTERACTIVE_ROLES:
        return False
    if node.role in FOCUSABLE_ONLY_ROLES and not node.has(pyatspi.STATE_FOCUSABLE):
        return False
    return True


# ---------------------------------------------------------------------------------------
# Keyboard

def keys(*combos):
    """Presses each xdotool key combination in turn (XTest: a real key press)."""
    subprocess.run(["xdotool", "key", "--delay", "40", *combos], check=True)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "10", "--", text], check=True)


# ---------------------------------------------------------------------------------------
# The app

class App:
    def __init__(self, hearth, *args):
        env = dict(os.environ)
        # The ui suite turns accessibility off for its in-process tests; this one needs it.
        env["GTK_A11Y"] = "atspi"
        env.pop("NO_AT_BRIDGE", None)
        env["GSK_RENDERER"] = "cairo"
        # The steps find controls by their English names.
        env["LC_ALL"] = "C.UTF-8"
        env.pop("LANGUAGE", None)
        self.argv = [hearth, *args]
        # The app's output goes to stderr: stdout is the TAP stream.
        self.proc = subprocess.Popen(self.argv, env=env, stdin=subprocess.DEVNULL,
                                     stdout=sys.stderr, stderr=sys.stderr)
        self.root = None
        self.main = None
        self.main_xid = None

    def _find_root(self):
        if self.proc.poll() is not None:
            raise AppExited(f"{' '.join(self.argv)} exited with status {self.proc.returncode}")
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.get_process_id() == self.proc.pid:
                return app
        return None

    def start(self):
        """Waits for the app and its main window, made active."""
        self.root = wait_for("the app on the AT-SPI registry", self._find_root)
        self.main = wait_for("the main window", lambda: self.window("Hearth"))
        titled = wait_for("the main X window",
                          lambda: [x for x in self.x_windows() if self.x_title(x) == "Hearth"])
        if len(titled) != 1:
            raise RuntimeError(f"expected one X window titled Hearth, found {len(titled)}")
        self.main_xid = titled[0]
        self.activate_main()
        return self

    def check_alive(self):
        if self.proc.poll() is not None:
            raise AppExited(f"{' '.join(self.argv)} exited with status {self.proc.returncode}")

    def windows(self):
        self.check_alive()
        windows = (self.root.getChildAtIndex(i) for i in range(self.root.childCount))
        return [window for window in windows if window is not None]

    def window(self, name):
        """The app's window titled name, or None."""
        for window in self.windows():
            if window.name == name:
                return window
        return None

    def wait_window_gone(self, window, what):
        wait_for(f"{what} to close", lambda: window not in self.windows())

    def x_windows(self):
        """The ids of the app's mapped X windows, bottom to top."""
        result = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid",
                                 str(self.proc.pid), ""],
                                capture_output=True, text=True, check=False)
        return result.stdout.split()

    @staticmethod
    def x_title(xid):
        result = subprocess.run(["xdotool", "getwindowname", xid],
                                capture_output=True, text=True, check=False)
        return result.stdout.rstrip("\n")

    @staticmethod
    def x_size(xid):
        result = subprocess.run(["xdotool", "getwindowgeometry", "--shell", xid],
                                capture_output=True, text=True, check=False)
        fields = dict(line.split("=", 1) for line in result.stdout.split() if "=" in line)
        return int(fields.get("WIDTH", 0)), int(fields.get("HEIGHT", 0))

    @staticmethod
    def x_focus():
        result = subprocess.run(["xdotool", "getwindowfocus"],
                                capture_output=True, text=True, check=False)
        return result.stdout.strip()

    def activate(self, window, what, xid=None, old_xids=()):
        """Gives window the keyboard focus. There is no window manager on the test's X
        server: where the app's own request for the focus loses the race with the mapping of
        a new window (or nothing gives the focus back to the main window when a dialog
        closes), the test gives it as a window manager would. A window without xid is the
        topmost of the app's new X windows (not in old_xids), preferably one with its title.

        GTK 4.8 reports the active state of frames only: for a dialog the X focus tells."""
        def pick():
            new = [x for x in self.x_windows() if x != self.main_xid and x not in old_xids]
            titled = [x for x in new if self.x_title(x) == window.name]
            sized = [x for x in new if min(self.x_size(x)) > 1]
            return (titled or sized or [None])[-1]
        if xid is None:
            xid = wait_for(f"the X window of {what}", pick)

        frame = window.getRole() == pyatspi.ROLE_FRAME
        if self.x_focus() != xid:
            subprocess.run(["xdotool", "windowfocus", xid], check=True)
        wait_for(f"{what} to be active",
                 lambda: self.x_focus() == xid and
                 (not frame or window.getState().contains(pyatspi.STATE_ACTIVE)))
        return window

    def activate_main(self):
        return self.activate(self.main, "the main window", self.main_xid)

    def open_window(self, combo, what, name=None):
        """Presses combo and waits for the new window it opens (titled name), made active."""
        old_windows = self.windows()
        old_xids = set(self.x_windows())
        keys(combo)

        def opened():
            for window in self.windows():
                if window not in old_windows and (name is None or window.name == name):
                    return window
            return None
        window = wait_for(what, opened)
        return self.activate(window, what, old_xids=old_xids)

    def active_windows(self):
        return [w for w in self.windows() if w.getState().contains(pyatspi.STATE_ACTIVE)]

    def controls(self):
        """The interactive elements of the active window."""
        return [node for window in self.active_windows() for node in walk(window)
                if is_interactive(node)]

    def focused(self):
        """The focused element of the active window, or None."""
        for window in self.active_windows():
            node = find(window, lambda n: n.has(pyatspi.STATE_FOCUSED))
            if node is not None:
                return node
        return None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=GUARD)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


# ---------------------------------------------------------------------------------------
# TAP

class Tap:
    def __init__(self, plan):
        self.plan = plan
        self.number = 0
        self.failed = 0
        # Kinds of offenders already reported: an element laid out on an earlier page keeps
        # its size in GTK 4.8 and would be listed again on every later one.
        self.reported = set()
        self.stuck = None
        print(f"1..{plan}", flush=True)

    def result(self, ok, description, directive=""):
        self.number += 1
        if not ok:
            self.failed += 1
        print(f"{'ok' if ok else 'not ok'} {self.number} - {description}{directive}", flush=True)

    def skip(self, description, reason):
        self.result(True, description, f" # SKIP {reason}")

    def run(self, description, func):
        """Runs func(), which returns a list of problems (empty: passed). Once a step of a
        run could not be driven through (a wait ran into its guard), the app is in an unknown
        state: the later steps of the run fail without being tried."""
        if self.stuck is not None:
            log(f"not tried: the app is left in an unknown state by: {self.stuck}")
            self.result(False, description)
            return False
        started = time.monotonic()
        try:
            problems = func()
        except (Timeout, AppExited, RuntimeError, GLib.GError,
                subprocess.CalledProcessError) as e:
            problems = [f"{type(e).__name__}: {e}"]
            self.stuck = description
        for problem in problems:
            log(problem)
        log(f"({time.monotonic() - started:.1f} s)")
        self.result(not problems, description)
        return not problems

    def new_run(self):
        self.stuck = None

    def bail(self, reason):
        print(f"Bail out! {reason}", flush=True)
        sys.exit(1)

    def check_names(self, app, where, window=None):
        """The unnamed interactive elements showing in the app's windows (or in window), as
        problems: one per kind (the path without child positions), with how many there are
        of it."""
        found = {}
        checked = 0
        for window in app.windows() if window is None else [window]:
            for node in walk(window):
                try:
                    if not is_interactive(node) or not node.showing():
                        continue
                    checked += 1
                    if is_unnamed(node.name):
                        kind = node.path(indices=False)
                        found.setdefault(kind, (node.role_name, []))[1].append(node.path())
                except (GLib.GError, LookupError, RuntimeError):
                    continue    # gone while the walk read it
        problems = []
        for kind, (role, paths) in found.items():
            if kind in self.reported:
                continue
            self.reported.add(kind)
            count = f"{len(paths)} x " if len(paths) > 1 else ""
            problems.append(f"unnamed {count}{role} ({where}): {paths[0]}")
        if checked == 0:
            problems.append(f"no interactive element is showing ({where}): the walk is broken")
        log(f"{where}: {checked} interactive elements checked")
        return problems


# ---------------------------------------------------------------------------------------
# What the steps look for (the app runs in the C locale: English names)

SERVER_URL = "http://127.0.0.1:9"
USERNAME = "a11y"
PASSWORD = "not-the-password"
MESSAGE = "Keyboard only, from the accessibility test"


def named(node, name):
    """Whether node is called name. GTK 4.8 appends the text of a control's children to its
    label ("Server Server", "Try the Demo Try the Demo"), mnemonic and all ("_Use Use")."""
    plain = node.name.replace("_", "")
    return plain == name or plain.startswith(name + " ")


def showing(root, role, name=None):
    """The first showing element of role (called name) under root, or None."""
    return find(root, lambda node: node.role == role and
                (name is None or named(node, name)) and node.showing())


def showing_list_items(list_node):
    return [node for node in walk(list_node.acc)
            if node.role == pyatspi.ROLE_LIST_ITEM and node.showing()]


def filled_list(root, name):
    """The showing list called name under root once it shows items, or None."""
    node = showing(root, pyatspi.ROLE_LIST, name)
    return node if node is not None and showing_list_items(node) else None


def char_count(node):
    return node.acc.queryText().characterCount


def has_schema():
    source = Gio.SettingsSchemaSource.get_default()
    return source is not None and source.lookup(SCHEMA_ID, True) is not None


class Focus:
    """Follows the focus through key presses. Looking for the focused element in the whole
    window after each key takes long: the interactive elements are listed once and only their
    states are read again (the whole window is searched when none of them has the focus)."""

    def __init__(self, app):
        self.app = app
        self.candidates = app.controls()
        self.node = self._find()

    def _find(self):
        for node in self.candidates:
            try:
                if node.acc.getState().contains(pyatspi.STATE_FOCUSED):
                    return node
            except (GLib.GError, LookupError, RuntimeError):
                continue
        node = self.app.focused()
        if node is not None and node.role in INTERACTIVE_ROLES:
            self.candidates = self.app.controls()
        return node

    def press(self, *combos):
        """Presses the keys and waits for the focus to move; returns the focused element."""
        previous = self.node
        keys(*combos)

        def moved():
            node = self._find()
            if node is None or (previous is not None and node.acc == previous.acc):
                return None
            return node
        self.node = wait_for(f"the focus to move on {' '.join(combos)} (or the element that "
                             "took it to report the focus over AT-SPI)", moved)
        return self.node

    def tab_to(self, target, what, limit=40):
        """Presses Tab until the focused element is target (a Node, or a predicate on the
        focused Node); the problems, if it never is."""
        def reached(node):
            if node is None:
                return False
            return target(node) if callable(target) else node.acc == target.acc
        presses = 0
        while not reached(self.node):
            if presses == limit:
                return [f"{limit} Tab presses never reach {what}"]
            self.press("Tab")
            presses += 1
        log(f"{what}: reached with {presses} Tab presses")
        return []


# ---------------------------------------------------------------------------------------
# Run 1: the sign-in page (no stored account)

def sign_in_fields(main):
    return {label: wait_for(f"the sign-in page's {label} field",
                            lambda label=label: showing(main, pyatspi.ROLE_TEXT, label))
            for label in ("Server", "Username", "Password")}


def sign_in_buttons(main):
    return [wait_for(f"the sign-in page's {label} button",
                     lambda label=label: showing(main, pyatspi.ROLE_PUSH_BUTTON, label))
            for label in ("Sign In", "Try the Demo")]


def check_tab_order(app):
    """Types into the focused field, Tab, the next one... then Tabs to the buttons. The entry
    rows of libadwaita 1.2 report no focus over AT-SPI: where the typing lands shows which
    field has it."""
    fields = sign_in_fields(app.main)
    sign_in, demo = sign_in_buttons(app.main)
    typed = {"Server": SERVER_URL, "Username": USERNAME, "Password": PASSWORD}
    expected = {label: char_count(field) for label, field in fields.items()}

    for i, label in enumerate(typed):
        if i > 0:
            keys("Tab")
        type_text(typed[label])
        total = sum(expected.values()) + len(typed[label])
        wait_for(f"the typing to reach a field ({label})",
                 lambda: sum(char_count(f) for f in fields.values()) == total)
        expected[label] += len(typed[label])
        if char_count(fields[label]) != expected[label]:
            where = ", ".join(f"{name}: {char_count(f)} characters"
                              for name, f in fields.items())
            return [f"focus stop {i + 1} is not the {label} field ({where})"]

    # Sign In is sensitive now. Between the Password field and Sign In only the field's own
    # controls may take the focus (libadwaita's show-text button).
    focus = Focus(app)
    stops = []
    for _ in range(5):
        node = focus.press("Tab")
        stops.append(node)
        if node.acc == sign_in.acc or not node.descendant_of(fields["Password"]):
            break
    if node.acc != sign_in.acc:
        return ["Tab after the Password field goes to " +
                " then ".join(n.path() for n in stops) + ", not to Sign In"]

    node = focus.press("Tab")
    if node.acc != demo.acc:
        return [f"Tab after Sign In goes to {node.path()}, not to Try the Demo"]
    return []


def check_try_demo(app):
    _, demo = sign_in_buttons(app.main)
    focused = Focus(app).node
    if focused is None or focused.acc != demo.acc:
        return ["the focus is not on Try the Demo (see the Tab order test)"]
    keys("Return")
    wait_for("the Chats page after Try the Demo",
             lambda: showing(app.main, pyatspi.ROLE_PAGE_TAB, "Chats"))
    wait_for("the chat list after Try the Demo", lambda: filled_list(app.main, "Chats"))
    return []


def sign_in_run(tap, hearth):
    app = App(hearth)
    tap.new_run()
    try:
        app.start()
        if not tap.run("sign-in page: shown when no account is stored",
                       lambda: [] if sign_in_fields(app.main) and sign_in_buttons(app.main)
                       else ["no sign-in page"]):
            for description in ("every control has an accessible name", "Tab order",
                                "Try the Demo"):
                tap.result(False, f"sign-in page: {description} (no sign-in page)")
            return
        tap.run("sign-in page: every control showing has an accessible name",
                lambda: tap.check_names(app, "sign-in page"))
        tap.run("sign-in page: Tab moves through Server, Username, Password, Sign In, "
                "Try the Demo", lambda: check_tab_order(app))
        tap.run("sign-in page: activating Try the Demo by keyboard signs in",
                lambda: check_try_demo(app))
    finally:
        app.stop()


# ---------------------------------------------------------------------------------------
# Run 2: hearth --demo

def check_page(tap, app, combo, title, list_name):
    main = app.activate_main()
    keys(combo)
    wait_for(f"the {title} page to be selected",
             lambda: find(main, lambda n: n.role == pyatspi.ROLE_PAGE_TAB and
                          named(n, title) and n.has(pyatspi.STATE_SELECTED)))
    wait_for(f"the {title} page's {list_name!r} list to fill",
             lambda: (lambda node: node and node.acc.childCount > 0)(
                 showing(main, pyatspi.ROLE_LIST, list_name)))
    return tap.check_names(app, f"{title} page")


def check_use_reward(tap, app):
    """Tab to the first Use button, Return: the confirmation (its default response uses the
    reward), Return: the toast saying so. Both are checked like the pages."""
    main = app.activate_main()
    rewards = wait_for("the Rewards list", lambda: filled_list(main, "Rewards"))
    wait_for("a Use button", lambda: showing(rewards.acc, pyatspi.ROLE_PUSH_BUTTON, "Use"))
    # Any Use button will do: the cast may use up a reward meanwhile.
    problems = Focus(app).tab_to(lambda node: node.role == pyatspi.ROLE_PUSH_BUTTON and
                                 named(node, "Use") and node.descendant_of(rewards),
                                 "a Use button")
    if problems:
        return problems
    confirmation = app.open_window("Return", "the confirmation to use the reward")
    wait_for("the confirmation's buttons",
             lambda: find(confirmation, lambda n: is_interactive(n) and n.showing()))
    problems += tap.check_names(app, "confirmation", confirmation)
    keys("Return")
    app.wait_window_gone(confirmation, "the confirmation")
    app.activate_main()
    # The toast says it is used (or why not, when the cast took the last one first).
    wait_for("the toast saying the reward is used",
             lambda: find(main, lambda n: n.role == pyatspi.ROLE_LABEL and
                          n.name.startswith(("You used ", "Could not use the reward")) and
                          n.showing()))
    return problems + tap.check_names(app, "toast")


def check_switcher(tap, app):
    app.activate_main()
    keys("alt+1")
    switcher = app.open_window("ctrl+k", "the quick switcher", "Go to Chat")
    wait_for("the quick switcher's chats", lambda: filled_list(switcher, "Matching chats"))
    return tap.check_names(app, "quick switcher", switcher)


def hike_only(switcher):
    """Whether the switcher lists just the chats matching "hike" (it filters after a delay:
    Return before that would pick another chat)."""
    matches = showing(switcher, pyatspi.ROLE_LIST, "Matching chats")
    if matches is None:
        return False
    items = showing_list_items(matches)
    return items and all(find(item.acc, lambda n: n.role == pyatspi.ROLE_LABEL and
                              "hike" in n.name.lower()) for item in items)


def composer(main):
    return showing(main, pyatspi.ROLE_TEXT, "Message")


def check_conversation(tap, app):
    """Ctrl+K (the previous step), "hike", Return: the conversation opens with the focus in
    the composer (or reachable with Tab)."""
    problems = []
    switcher = app.window("Go to Chat")
    if switcher is None:
        return ["the quick switcher is not open (see the quick switcher test)"]
    app.activate(switcher, "the quick switcher")
    type_text("hike")
    wait_for("the quick switcher to match \"hike\"", lambda: hike_only(switcher))
    keys("Return")
    app.wait_window_gone(switcher, "the quick switcher")
    main = app.activate_main()
    target = wait_for("the conversation's composer", lambda: composer(main))
    wait_for("the conversation's messages", lambda: filled_list(main, "Messages"))
    chats = showing(main, pyatspi.ROLE_LIST, "Chats")
    if not find(main, lambda n: n.role == pyatspi.ROLE_LABEL and n.name == "Weekend hike" and
                not (chats and n.descendant_of(chats)) and n.showing()):
        problems.append("the open conversation is not Weekend hike")
    problems += Focus(app).tab_to(target, "the composer")
    return problems + tap.check_names(app, "conversation")


def check_send(app):
    main = app.activate_main()
    target = composer(main)
    focused = Focus(app).node
    if target is None or focused is None or focused.acc != target.acc:
        return ["the focus is not in the composer (see the conversation test)"]
    type_text(MESSAGE)
    keys("Return")
    messages = wait_for("the Messages list", lambda: showing(main, pyatspi.ROLE_LIST, "Messages"))
    wait_for("the sent message in the conversation",
             lambda: find(messages.acc, lambda n: n.role == pyatspi.ROLE_LABEL and
                          n.name == MESSAGE))
    return []


def check_preferences(tap, app):
    app.activate_main()
    preferences = app.open_window("ctrl+comma", "the preferences window", "Preferences")
    wait_for("the preferences' controls",
             lambda: find(preferences, lambda n: is_interactive(n) and n.showing()))
    problems = tap.check_names(app, "preferences window", preferences)
    keys("Escape")
    app.wait_window_gone(preferences, "the preferences window")
    return problems


def check_shortcuts(tap, app):
    app.activate_main()
    shortcuts = app.open_window("ctrl+question", "the shortcuts window")
    wait_for("the shortcuts window's controls",
             lambda: find(shortcuts, lambda n: is_interactive(n) and n.showing()))
    return tap.check_names(app, "shortcuts window", shortcuts)


def demo_run(tap, hearth):
    app = App(hearth, "--demo")
    tap.new_run()
    try:
        app.start()
        wait_for("the chat list of the demo", lambda: filled_list(app.main, "Chats"))
        tap.run("Chats page: every control showing has an accessible name",
                lambda: tap.check_names(app, "Chats page"))
        tap.run("Rewards page (Alt+2): every control showing has an accessible name",
                lambda: check_page(tap, app, "alt+2", "Rewards", "Rewards"))
        tap.run("using a reward by keyboard (Tab to Use, Return, Return): the confirmation "
                "and the toast have named controls", lambda: check_use_reward(tap, app))
        tap.run("Today page (Alt+3): every control showing has an accessible name",
                lambda: check_page(tap, app, "alt+3", "Today", "Social actions"))
        tap.run("quick switcher (Ctrl+K): every control showing has an accessible name",
                lambda: check_switcher(tap, app))
        tap.run("conversation opened by keyboard (\"hike\", Return): the focus reaches the "
                "composer, every control showing has an accessible name",
                lambda: check_conversation(tap, app))
        tap.run("a message typed in the composer and sent with Return shows in the conversation",
                lambda: check_send(app))
        if has_schema():
            tap.run("preferences window (Ctrl+,): every control showing has an accessible name",
                    lambda: check_preferences(tap, app))
        else:
            tap.skip("preferences window (Ctrl+,)",
                     f"the settings schema {SCHEMA_ID} is not installed (GSETTINGS_SCHEMA_DIR)")
        tap.run("shortcuts window (Ctrl+?): every control showing has an accessible name",
                lambda: check_shortcuts(tap, app))
    finally:
        app.stop()


def main():
    if len(sys.argv) != 2:
        print("Bail out! usage: test-a11y.py HEARTH", flush=True)
        return 1
    hearth = sys.argv[1]
    if not os.access(hearth, os.X_OK):
        print(f"Bail out! {hearth} is not an executable (build it first)", flush=True)
        return 1

    tap = Tap(13)
    started = time.monotonic()
    try:
        sign_in_run(tap, hearth)
        demo_run(tap, hearth)
    except (Timeout, AppExited, RuntimeError, GLib.GError,
            subprocess.CalledProcessError) as e:
        tap.bail(f"{type(e).__name__}: {e}")
    log(f"{time.monotonic() - started:.1f} s")
    if tap.number != tap.plan:
        tap.bail(f"ran {tap.number} of {tap.plan} tests")
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
