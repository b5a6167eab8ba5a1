"""Tamper evidence for locked cells: keyed checksums of a release, and the comparison.

Per released lab version the server keeps an HMAC-SHA256, under a key only the server
holds, of each locked cell's role, cell type and source, the source with its line
endings normalised (a notebook re-saved on Windows is not tampered with). A learner's
copy is compared cell by cell: a locked cell that is changed, missing, retyped or
moved is reported. Neither the key nor the digests are ever written into the
learner's notebook.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any

from .release import LOCKED_ROLES, WITHHELD_ROLES, role_of

COMPARED_ROLES = LOCKED_ROLES - WITHHELD_ROLES
"""Reveal cells are released empty and filled in once revealed: not compared."""

KEY_BYTES = 32


def load_or_create_key(path: Path) -> bytes:
    """The key in ``path``, created (random, readable by its owner only) if missing."""
    try:
        key = path.read_bytes()
        if len(key) >= KEY_BYTES:
            return key
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(key)
    return key


def normalised(source: str | list[str]) -> str:
    """``source`` as one string with ``\\n`` line endings and no trailing newlines."""
    text = "".join(source) if isinstance(source, list) else source
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


def digest(key: bytes, role: str | None, cell_type: str, source: str | list[str]) -> str:
    """The keyed checksum of one cell."""
    message = json.dumps([role, cell_type, normalised(source)], ensure_ascii=False)
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def release_checksums(key: bytes, released: dict[str, Any]) -> list[dict[str, str]]:
    """``[{"id", "digest"}]`` for the locked cells of a released notebook, in order."""
    return [
        {"id": cell["id"], "digest": digest(key, role_of(cell), cell["cell_type"], cell["source"])}
        for cell in released["cells"]
        if role_of(cell) in COMPARED_ROLES
    ]


def tampered_cells(
    key: bytes, expected: list[dict[str, str]], released: dict[str, Any], cells: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The locked cells of ``released`` that ``cells`` (a learner's copy) does not hold intact.

    Each finding is ``{"id", "problem", "index"}`` with ``problem`` one of ``missing``
    (no cell has its id any more), ``retyped`` (its cell type changed), ``role`` (its
    role was changed or removed), ``changed`` (its source differs) or ``moved`` (intact,
    but out of order among the locked cells); ``index`` is the release's position of
    the cell, so the frontend can put it back where it belongs.
    """
    by_id = {cell.get("id"): (position, cell) for position, cell in enumerate(cells)}
    positions = {cell["id"]: index for index, cell in enumerate(released["cells"])}
    findings: list[dict[str, Any]] = []
    intact_order: list[tuple[int, str]] = []
    for entry in expected:
        cell_id = entry["id"]
        index = positions[cell_id]
        original = released["cells"][index]
        found = by_id.get(cell_id)
        if found is None:
            findings.append({"id": cell_id, "problem": "missing", "index": index})
            continue
        position, cell = found
        if cell.get("cell_type") != original["cell_type"]:
            problem = "retyped"
        elif role_of(cell) != role_of(original):
            problem = "role"
        elif not hmac.compare_digest(
            digest(key, role_of(cell), cell["cell_type"], cell.get("source", "")), entry["digest"]
        ):
            problem = "changed"
        else:
            intact_order.append((position, cell_id))
            continue
        findings.append({"id": cell_id, "problem": problem, "index": index})
    expected_order = [entry["id"] for entry in expected]
    seen = [cell_id for _, cell_id in sorted(intact_order)]
    in_release_order = [cell_id for cell_id in expected_order if cell_id in set(seen)]
    for moved in _out_of_order(seen, in_release_order):
        findings.append({"id": moved, "problem": "moved", "index": positions[moved]})
    return sorted(findings, key=lambda finding: finding["index"])


def _out_of_order(seen: list[str], wanted: list[str]) -> list[str]:
    """The fewest ids of ``seen`` to move for it to read as ``wanted`` (outside an LCS)."""
    n, m = len(seen), len(wanted)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = (table[i + 1][j + 1] + 1 if seen[i] == wanted[j]
                           else max(table[i + 1][j], table[i][j + 1]))
    keep: set[str] = set()
    i = j = 0
    while i < n and j < m:
        if seen[i] == wanted[j]:
            keep.add(seen[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return [cell_id for cell_id in seen if cell_id not in keep]
