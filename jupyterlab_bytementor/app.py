"""The ByteMentor Jupyter Server extension: settings and route registration."""

from __future__ import annotations

import asyncio
import importlib.resources
from pathlib import Path

from jupyter_core.paths import jupyter_data_dir
from jupyterlab.commands import get_user_settings_dir
from jupyter_server.extension.application import ExtensionApp
from traitlets import TraitError, Unicode, default, validate

from . import __version__
from .catalog import Catalog
from .checksums import load_or_create_key
from .ledger import PredictionLedger
from .handlers import routes
from .settings_guard import set_aside_unreadable


class BytementorApp(ExtensionApp):
    """Serve the ByteMentor course: lab catalog, learner copies and pristine tests."""

    name = "jupyterlab_bytementor"
    description = "ByteMentor Lab course server"
    version = __version__
    load_other_extensions = True

    labs_dir = Unicode(
        help="""Folder holding the course: course.json and stageN-<slug>/<lab-id>.ipynb.

        Defaults to the labs shipped in the package (jupyterlab_bytementor/labs), or to
        the repository's labs/ folder when running from a source checkout.""",
    ).tag(config=True)

    workspace_dir = Unicode(
        "bytementor-labs",
        help="""Folder, relative to the server's root directory and written with '/',
        where each learner's copy of a lab is created on first open. '' means the root.""",
    ).tag(config=True)

    checksum_key_file = Unicode(
        help="""File holding the key of the locked cells' checksums (created on first use,
        readable by its owner only). It stays on the server: neither the key nor the
        checksums are written into a learner's notebook or sent to the browser.""",
    ).tag(config=True)

    predictions_file = Unicode(
        help="""File where the learner's committed predictions are kept (a prediction, once
        committed, cannot be changed, and only then are its answer and reveal cells sent).""",
    ).tag(config=True)

    @default("predictions_file")
    def _default_predictions_file(self) -> str:
        return str(Path(jupyter_data_dir()) / "bytementor" / "predictions.json")

    @default("checksum_key_file")
    def _default_checksum_key_file(self) -> str:
        return str(Path(jupyter_data_dir()) / "bytementor" / "checksum.key")

    @default("labs_dir")
    def _default_labs_dir(self) -> str:
        shipped = importlib.resources.files("jupyterlab_bytementor") / "labs"
        if shipped.is_dir() and isinstance(shipped, Path):
            return str(shipped)
        return str(Path(__file__).resolve().parent.parent / "labs")

    @validate("workspace_dir")
    def _validate_workspace_dir(self, proposal: dict) -> str:
        value = proposal["value"].replace("\\", "/")
        parts = value.rstrip("/").split("/") if value.rstrip("/") else []
        if value.startswith("/") or ":" in value or any(p in ("", ".", "..") for p in parts):
            raise TraitError(
                "workspace_dir must be a relative folder inside the server root, "
                f"written with '/', got {proposal['value']!r}"
            )
        return "/".join(parts)

    def initialize_settings(self) -> None:
        """Create the catalog shared by the handlers."""
        self.catalog = Catalog(self.labs_dir, self.log)
        self.log.info(
            "ByteMentor: serving labs from %s, learner copies in %r",
            self.labs_dir,
            self.workspace_dir or "/",
        )
        if not Path(self.labs_dir, "course.json").is_file():
            self.log.warning("ByteMentor: %s has no course.json", self.labs_dir)
        self.catalog.notices.extend(set_aside_unreadable(self._user_settings_dir(), self.log))

    def _user_settings_dir(self) -> str:
        """JupyterLab's user settings folder, as configured for LabApp."""
        configured = self.serverapp.config.get("LabApp", {}).get("user_settings_dir")
        return configured or get_user_settings_dir()

    def initialize_handlers(self) -> None:
        """Register the REST routes (Jupyter Server prefixes them with base_url)."""
        context = {
            "catalog": self.catalog,
            "workspace_dir": self.workspace_dir,
            "open_lock": asyncio.Lock(),
            "checksum_key": load_or_create_key(Path(self.checksum_key_file)),
            "ledger": PredictionLedger(Path(self.predictions_file)),
        }
        self.handlers.extend((pattern, handler, context) for pattern, handler in routes())
