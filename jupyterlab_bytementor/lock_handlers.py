"""``GET labs/<id>/release``: the released lab cells a learner's copy is restored from."""

from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from .base_handler import BytementorHandler, json_errors
from .release import role_of


class ReleaseHandler(BytementorHandler):
    """The cells of the lab's current release that carry a role, as the learner got them.

    The frontend keeps its locked cells as released and resets answer cells to their
    stubs from this. It is the released notebook, so it holds no hidden test and no
    solution, and reveal cells are empty.
    """

    @web.authenticated
    @authorized
    @json_errors("read the lab's original cells")
    async def get(self, lab_id: str) -> None:
        """Send ``{"lab", "version", "cells": [{"id", "cell_type", "source", "metadata"}]}``."""
        lab = self.find_lab(lab_id)
        cells = [
            {
                "id": cell["id"],
                "cell_type": cell["cell_type"],
                "source": cell["source"],
                "metadata": cell["metadata"],
            }
            for cell in lab.released["cells"]
            if role_of(cell) is not None
        ]
        self.send_json({"lab": lab.id, "version": lab.version, "cells": cells})
