"""What a check shields from the learner's code while its tests run.

`Guard(shell, user_ns).active()` is the context `bytementor.runner` runs the tests in,
and `Guard.capture(output)` the one each test runs in:

- **Output.** `sys.stdout` and `sys.stderr` go to a `CappedOutput` per test,
  so a test's prints reach the verdict (`output` of that test) instead of the
  page, and an endless print loop fills at most `OUTPUT_LIMIT` characters
  while it waits for the frontend's interrupt, never a flood of messages.
  Rich displays (`display(df)`, a plot's `show()`) are not sent either: the
  output notes that one was made; figures the tests drew are closed, so the
  inline backend does not show them after the check.
- **exit().** In a kernel, `exit` and `quit` (builtins, and names in the
  user namespace) are IPython's exiter, which stops the kernel after the
  request; during a check they raise `SystemExit` instead, which the runner
  reports as the learner's failure.
- **The helpers.** `sys.modules["bytementor.expect"]` is a copy of the helpers
  loaded from their source files once, when the runner is first imported, so
  learner code that patched `bytementor.expect` (or its helpers) cannot make a
  test pass. Learner code that patches NumPy or `builtins` runs in the same
  process and stays out of reach (see `bytementor.runner`).

Everything is put back when the tests end, interrupted or not.
"""

import builtins
import contextlib
import functools
import importlib.util
import io
import sys
from pathlib import Path

OUTPUT_LIMIT = 2000
"""Characters of output kept per test: a screenful under the verdict, and a verdict
message that stays small however much a learner's loop prints."""

_EXPECT = "bytementor.expect"
_PRISTINE = "bytementor._pristine_expect"
_EXIT_NAMES = ("exit", "quit")


def _load_pristine_expect():
    """A fresh copy of the `bytementor.expect` package, loaded from its files.

    It is not the (patchable) package in `sys.modules`: it and its modules live
    under a private name, so the learner's imports never reach them.
    """
    folder = Path(__file__).with_name("expect")
    spec = importlib.util.spec_from_file_location(
        _PRISTINE, folder / "__init__.py", submodule_search_locations=[str(folder)])
    package = importlib.util.module_from_spec(spec)
    sys.modules[_PRISTINE] = package  # its relative imports look it up there
    spec.loader.exec_module(package)
    return package


PRISTINE_EXPECT = _load_pristine_expect()


class CappedOutput(io.TextIOBase):
    """A text stream that keeps the first `limit` characters written and counts the rest."""

    def __init__(self, limit=OUTPUT_LIMIT):
        super().__init__()
        self._limit = limit
        self._parts = []
        self._kept = 0
        self._dropped = 0
        self.displayed = False

    def writable(self):
        return True

    def write(self, text):
        """Keep what fits under the limit; count the rest."""
        text = str(text)
        room = max(0, self._limit - self._kept)
        if room:
            self._parts.append(text[:room])
            self._kept += min(room, len(text))
        self._dropped += max(0, len(text) - room)
        return len(text)

    def text(self):
        """What was kept, then how much was left out, then whether a display was made."""
        lines = ["".join(self._parts)] if self._kept else []
        if self._dropped:
            lines.append(f"… ({self._dropped} more characters not shown)")
        if self.displayed:
            lines.append("[a display (a plot, a table, ...) is not shown during a check]")
        return "\n".join(lines)


@functools.cache
def _display_sink_class():
    """A display publisher that sends nothing and marks the current test's output instead.

    It is an IPython `DisplayPublisher` (the shell's `display_pub` trait asks for one),
    as in `IPython.utils.capture.capture_output`, which keeps every display in memory.
    """
    from IPython.core.displaypub import DisplayPublisher

    class DisplaySink(DisplayPublisher):
        output = None

        def publish(self, data, metadata=None, *args, **kwargs):
            if self.output is not None:
                self.output.displayed = True

        def clear_output(self, wait=False):
            """Nothing was shown, so there is nothing to clear."""

    return DisplaySink


def _raise_exit(*args):
    """exit() during a check: a SystemExit the runner reports, not a stopped kernel."""
    raise SystemExit(*args)


class Guard:
    """The shields of one check; `capture(output)` gives each test its own output."""

    def __init__(self, shell, user_ns):
        self._shell = shell
        self._user_ns = user_ns
        self._displays = None
        if getattr(shell, "display_pub", None) is not None:
            self._displays = _display_sink_class()()

    @contextlib.contextmanager
    def capture(self, output):
        """Send one test's stdout, stderr and displays to `output` (a `CappedOutput`)."""
        with contextlib.ExitStack() as undo:
            if self._displays is not None:
                _swap(undo, self._displays, "output", output)
            undo.enter_context(contextlib.redirect_stdout(output))
            undo.enter_context(contextlib.redirect_stderr(output))
            yield

    @contextlib.contextmanager
    def active(self):
        """Install the shields for the whole check; put everything back afterwards."""
        with contextlib.ExitStack() as undo:
            _swap_item(undo, sys.modules, _EXPECT, PRISTINE_EXPECT)
            package = sys.modules.get("bytementor")
            if package is not None:
                _swap(undo, package, "expect", PRISTINE_EXPECT)
            exiter = getattr(self._shell, "exiter", _MISSING)
            for name in _EXIT_NAMES:
                if hasattr(builtins, name):
                    _swap(undo, builtins, name, _raise_exit)
                if self._user_ns.get(name, _MISSING) is exiter:  # IPython puts them there too
                    _swap_item(undo, self._user_ns, name, _raise_exit)
            if self._displays is not None:
                _swap(undo, self._shell, "display_pub", self._displays)
            undo.callback(_close_new_figures, _figure_numbers())
            yield self


def _figure_numbers():
    """The numbers of the open Matplotlib figures (none when pyplot was never imported)."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    return set(pyplot.get_fignums()) if pyplot is not None else set()


def _close_new_figures(before):
    """Close the figures the tests drew, so the inline backend does not show them after."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        for number in set(pyplot.get_fignums()) - before:
            pyplot.close(number)


_MISSING = object()


def _swap(undo, owner, name, value):
    """Set attribute `name` of `owner` until `undo` closes, then put the old one back."""
    old = getattr(owner, name, _MISSING)
    setattr(owner, name, value)
    undo.callback(_put_back, owner, name, old)


def _put_back(owner, name, old):
    if old is _MISSING:
        delattr(owner, name)
    else:
        setattr(owner, name, old)


def _swap_item(undo, mapping, key, value):
    """Set `mapping[key]` until `undo` closes, then put the old value back (or remove it)."""
    old = mapping.get(key, _MISSING)
    mapping[key] = value
    undo.callback(lambda: mapping.pop(key) if old is _MISSING else mapping.__setitem__(key, old))
