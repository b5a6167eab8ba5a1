"""Keep an unreadable ByteMentor settings file from stopping JupyterLab.

``jupyterlab_server`` answers 500 for the whole settings listing when one user
settings file is not valid JSON5, and JupyterLab then does not start at all. That
is core behaviour; what this extension can do is check its own files when the
server starts and set an unreadable one aside, under a name that says so, so that
JupyterLab starts and the learner is told where their records are.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

import json5

__all__ = ["PLUGIN_FOLDER", "set_aside_unreadable"]

PLUGIN_FOLDER = "jupyterlab-bytementor"


def set_aside_unreadable(settings_dir: Path | str, log: logging.Logger) -> list[str]:
    """Rename each unreadable ByteMentor settings file; return a message per file.

    The file is renamed, never changed or deleted: its records can be repaired by
    hand and merged back (see the README).
    """
    folder = Path(settings_dir) / PLUGIN_FOLDER
    messages = []
    for path in sorted(folder.glob("*.jupyterlab-settings")):
        try:
            json5.loads(path.read_text(encoding="utf-8") or "{}")
        except OSError:
            continue  # unreadable for the server too: it reports that itself
        except ValueError as error:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            aside = path.with_name(f"{path.name}.unreadable-{stamp}")
            path.rename(aside)
            log.warning(
                "ByteMentor: %s is not valid JSON5 (%s); renamed to %s so that "
                "JupyterLab can start",
                path,
                error,
                aside,
            )
            messages.append(
                f"Your settings file {path.name} had a syntax error ({error}), which "
                f"would have stopped JupyterLab. It was kept as {aside}: fix it there "
                "and copy its records back in the settings editor."
            )
    return messages
