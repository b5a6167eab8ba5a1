"""``jupyter bytementor``: the course author's tools.

- ``jupyter bytementor validate [PATH…]``: every lab is well formed, every exercise's
  reference solution passes its tests and its released stub fails them, in a fresh
  kernel, within a time limit per exercise; a table; exit status 1 on any failure.
- ``jupyter bytementor release SRC DEST``: the learner notebook of a source notebook.
- ``jupyter bytementor import-nbgrader SRC DEST``: an nbgrader source notebook as a lab.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from jupyter_core.application import JupyterApp
from traitlets import Bool, Float, Integer, Unicode

from bytementor.runner import NOT_WRITTEN

from . import __version__
from .catalog import LabFormatError, load_lab
from .labformat import lab_problems
from .release import role_of


def lab_paths(paths: list[str]) -> list[Path]:
    """The notebooks named by ``paths``: files as given, folders searched recursively."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.ipynb")
                                if ".ipynb_checkpoints" not in p.parts))
        else:
            found.append(path)
    return found


class ValidateApp(JupyterApp):
    """Prove that every exercise of every lab is solvable and not passable by its stub."""

    name = "jupyter-bytementor-validate"
    version = __version__
    description = """Validate ByteMentor labs: format, solutions pass, released stubs fail.

    Each PATH is a lab source notebook or a folder searched for them (default: labs).
    For each lab, the source (with its reference solutions) runs top to bottom in a
    fresh kernel and every exercise is checked with its pristine tests; then the
    released notebook (stubs) is run and checked the same way, and every exercise
    must fail. Exits with status 1 if any lab or exercise fails."""
    examples = "jupyter bytementor validate labs/\njupyter bytementor validate --timeout=60 my-lab.ipynb"

    timeout = Float(
        120, help="Time limit of one exercise (its cells and its check), in seconds."
    ).tag(config=True)
    lab_timeout = Float(
        120, help="Time limit of a whole lab run with its solutions, in seconds."
    ).tag(config=True)
    skip_kernel = Bool(
        False, help="Only check the lab format; run no kernel."
    ).tag(config=True)

    aliases = {"timeout": "ValidateApp.timeout", "lab-timeout": "ValidateApp.lab_timeout"}
    flags = {
        "format-only": ({"ValidateApp": {"skip_kernel": True}}, "Only check the lab format."),
    }

    def start(self) -> None:
        """Validate the labs and exit 1 if any fails."""
        from .verify import setup_failures_with_stubs, verify_notebook  # needs nbclient

        paths = lab_paths(self.extra_args or ["labs"])
        if not paths:
            self.exit_with(f"No lab notebooks under {' '.join(self.extra_args or ['labs'])}")
        rows: list[tuple[str, str, str, str, str]] = []
        failures: list[str] = []
        for path in paths:
            try:
                lab = load_lab(path)
            except LabFormatError as error:
                rows.append((path.stem, "-", "bad format", "-", ""))
                failures.extend(f"{path}: {problem}" for problem in error.problems)
                continue
            if self.skip_kernel:
                rows.append((lab.id, "-", "format ok", "-", ""))
                continue
            source = nbformat.read(path, as_version=4)
            options = {"timeout": self.timeout, "cwd": path.parent}
            started = time.monotonic()
            solved = verify_notebook(source, lab.tests, **options)
            took = time.monotonic() - started
            if took > self.lab_timeout:
                failures.append(f"{path}: the lab took {took:.0f} s with its solutions, over "
                                f"the limit of {self.lab_timeout:g} s")
            stopped = any(result.problem for result in solved)
            for index, cell in enumerate([] if stopped else source.cells):
                errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
                if errors and role_of(cell) in ("setup", "learner", "reveal"):
                    failures.append(f"{path}: with the solutions, the {role_of(cell)} cell "
                                    f"{index} ({cell.id}) raised {errors[0].ename}")
            stubbed = verify_notebook(lab.released, lab.tests, **options)
            for failed in setup_failures_with_stubs(lab.released, **options):
                failures.append(f"{path}: with the answers as stubs, {failed}: a check would "
                                "stop there (plot the learner's work in a plain cell)")
            for good, stub in zip(solved, stubbed):
                solution = "passes" if good.passed else "FAILS"
                released = "fails" if not stub.passed else "PASSES"
                rows.append((lab.id, good.exercise, solution, released,
                             f"{good.seconds:.1f} s"))
                if not good.passed:
                    detail = good.problem or "; ".join(good.messages)
                    line = f"{path}: {good.exercise}: the solution fails: {detail}"
                    if good.problem and good.problem == solved[0].problem:
                        # One cell stopped the run: say it once, not per exercise.
                        line = f"{path}: the solution run stopped: {detail}"
                    if line not in failures:
                        failures.append(line)
                if stub.passed:
                    failures.append(
                        f"{path}: {stub.exercise}: the released stub passes its tests")
                elif not any(NOT_WRITTEN in message for message in stub.messages):
                    detail = stub.problem or "; ".join(stub.messages)
                    line = (f"{path}: {stub.exercise}: the released stub fails for another "
                            f"reason than the stub: {detail}")
                    if stub.problem and stub.problem == stubbed[0].problem:
                        line = f"{path}: the run of the released stubs stopped: {detail}"
                    if line not in failures:
                        failures.append(line)
        print(_table(("lab", "exercise", "solution", "stub", "time"), rows))
        labs = len({row[0] for row in rows})
        if failures:
            print(f"\n{len(failures)} problem(s):", file=sys.stderr)
            for line in failures:
                print(f"  {line}", file=sys.stderr)
            self.exit(1)
        exercises = sum(1 for row in rows if row[1] != "-")
        print(f"\n{labs} lab(s), {exercises} exercise(s): all valid")

    def exit_with(self, message: str) -> None:
        """Print ``message`` to standard error and exit with status 1."""
        print(message, file=sys.stderr)
        self.exit(1)


class ReleaseApp(JupyterApp):
    """Write the learner notebook of a lab source notebook."""

    name = "jupyter-bytementor-release"
    version = __version__
    description = """Release a lab: SRC is the author's source notebook, DEST the learner
    notebook to write (or a folder, to write DEST/<lab id>.ipynb). Solutions become
    stubs that raise NotImplementedError, hidden tests are removed, locked cells get
    editable/deletable false, outputs are cleared. SRC must be a valid lab."""
    examples = "jupyter bytementor release labs/stage2-core-ml/gradient-descent.ipynb out/"

    force = Bool(False, help="Overwrite DEST if it exists.").tag(config=True)
    flags = {"force": ({"ReleaseApp": {"force": True}}, "Overwrite DEST if it exists.")}

    def start(self) -> None:
        """Release SRC to DEST."""
        if len(self.extra_args) != 2:
            self.exit_with("Usage: jupyter bytementor release SRC DEST (both are needed)")
        source, dest = Path(self.extra_args[0]), Path(self.extra_args[1])
        try:
            lab = load_lab(source)
        except LabFormatError as error:
            self.exit_with("\n".join(f"{source}: {problem}" for problem in error.problems))
        if dest.is_dir():
            dest = dest / f"{lab.id}.ipynb"
        if dest.exists() and not self.force:
            self.exit_with(f"{dest} exists; pass --force to overwrite it")
        dest.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(lab.released, dest)
        print(f"Released {lab.id} {lab.version} to {dest}")

    def exit_with(self, message: str) -> None:
        """Print ``message`` to standard error and exit with status 1."""
        print(message, file=sys.stderr)
        self.exit(1)


class ImportNbgraderApp(JupyterApp):
    """Turn an nbgrader source notebook into a ByteMentor lab."""

    name = "jupyter-bytementor-import-nbgrader"
    version = __version__
    description = """Import an nbgrader source notebook SRC as a ByteMentor lab DEST:
    solution cells become learner cells, grade cells test cells, locked cells
    instructions (markdown) or setup (code); the BEGIN/END SOLUTION and hidden-test
    markers are kept. Prints what it could not map."""
    examples = "jupyter bytementor import-nbgrader ps1.ipynb labs/stage1-foundations/ps1.ipynb --lab-id=ps1 --stage=1"

    lab_id = Unicode("", help="The lab id (default: from the file name).").tag(config=True)
    title = Unicode("", help="The lab title (default: the first heading).").tag(config=True)
    stage = Integer(1, help="The stage the lab belongs to.").tag(config=True)
    track = Unicode("foundations", help="The track id.").tag(config=True)
    force = Bool(False, help="Overwrite DEST if it exists.").tag(config=True)

    aliases = {
        "lab-id": "ImportNbgraderApp.lab_id",
        "title": "ImportNbgraderApp.title",
        "stage": "ImportNbgraderApp.stage",
        "track": "ImportNbgraderApp.track",
    }
    flags = {"force": ({"ImportNbgraderApp": {"force": True}}, "Overwrite DEST if it exists.")}

    def start(self) -> None:
        """Import SRC into DEST and report what did not map."""
        from .nbgrader import import_nbgrader

        if len(self.extra_args) != 2:
            self.exit_with("Usage: jupyter bytementor import-nbgrader SRC DEST (both are needed)")
        source, dest = Path(self.extra_args[0]), Path(self.extra_args[1])
        if dest.exists() and not self.force:
            self.exit_with(f"{dest} exists; pass --force to overwrite it")
        try:
            nb = nbformat.read(source, as_version=4)
        except Exception as error:  # JSON, schema and OS errors alike
            self.exit_with(f"{source}: not a readable notebook: {error}")
        lab_id = self.lab_id or source.stem.lower().replace("_", "-").replace(" ", "-")
        result = import_nbgrader(nb, lab_id=lab_id, title=self.title or None,
                                 stage=self.stage, track=self.track)
        for line in result.report:
            print(f"  not mapped: {line}")
        problems = lab_problems(result.notebook, dest)
        if problems:
            self.exit_with("\n".join(
                [f"{dest}: {problem}" for problem in problems]
                + [f"Nothing was written: {source} does not make a valid lab."]))
        dest.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(result.notebook, dest)
        print(f"Imported {source} as lab {lab_id!r} to {dest}")

    def exit_with(self, message: str) -> None:
        """Print ``message`` to standard error and exit with status 1."""
        print(message, file=sys.stderr)
        self.exit(1)


class BytementorApp(JupyterApp):
    """``jupyter bytementor``: validate, release and import labs."""

    name = "jupyter-bytementor"
    version = __version__
    description = "ByteMentor Lab's tools for course authors."
    subcommands = {
        "validate": (ValidateApp, ValidateApp.__doc__.splitlines()[0]),
        "release": (ReleaseApp, ReleaseApp.__doc__.splitlines()[0]),
        "import-nbgrader": (ImportNbgraderApp, ImportNbgraderApp.__doc__.splitlines()[0]),
    }

    def start(self) -> None:
        """Run the subcommand, or list them."""
        if self.subapp is None:
            print("Usage: jupyter bytementor validate|release|import-nbgrader ...", file=sys.stderr)
            self.print_subcommands()
            self.exit(1)
        super().start()


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows)]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip()
             for row in (header, *rows)]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


main = BytementorApp.launch_instance

if __name__ == "__main__":
    main()
