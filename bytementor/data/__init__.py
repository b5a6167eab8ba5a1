"""Small data sets shipped with the course, for labs that work offline.

A lab loads a shipped file by name, wherever the learner's copy of the lab
lives::

    from bytementor.data import path
    orders = pd.read_csv(path("orders.csv"))
"""

from importlib import resources
from pathlib import Path


def path(name: str) -> Path:
    """The path of the shipped data file `name` (a plain file name)."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"{name!r} is not the name of a shipped data file")
    found = resources.files(__name__) / name
    if not found.is_file():
        available = sorted(
            entry.name
            for entry in resources.files(__name__).iterdir()
            if entry.is_file() and not entry.name.endswith(".py")
        )
        raise FileNotFoundError(
            f"The course ships no data file {name!r}; it has: {', '.join(available) or 'none'}"
        )
    return Path(str(found))
