"""Shared pytest set-up: a Jupyter server with the ByteMentor extension and a tiny course."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest_plugins = ("pytest_jupyter.jupyter_server",)

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOKEN = "bytementor-test-token"


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker that passes extra ``BytementorApp`` config to a server test."""
    config.addinivalue_line(
        "markers", "bytementor(**traits): extra BytementorApp config for the test server"
    )


@pytest.fixture
def labs_dir(tmp_path: Path) -> Path:
    """A course folder: the real course.json, the tiny fixture lab and one broken lab."""
    labs = tmp_path / "labs"
    (labs / "stage1-foundations").mkdir(parents=True)
    shutil.copy(REPO / "labs" / "course.json", labs / "course.json")
    shutil.copy(FIXTURES / "tiny-lab.ipynb", labs / "stage1-foundations" / "tiny-lab.ipynb")
    (labs / "stage1-foundations" / "broken.ipynb").write_text("{not json", encoding="utf-8")
    return labs


@pytest.fixture
def jp_root_dir(tmp_path: Path) -> Path:
    """The server's root: a learner's home folder, apart from the course folder."""
    root = tmp_path / "home" / "learner"
    root.mkdir(parents=True)
    return root


@pytest.fixture
def server_token() -> str:
    """The token the test server requires."""
    return TOKEN


@pytest.fixture
def jp_server_config(
    labs_dir: Path, server_token: str, request: pytest.FixtureRequest, tmp_path: Path
) -> dict:
    """Enable the extension, require a token and point it at the test course."""
    marker = request.node.get_closest_marker("bytementor")
    traits = {
        "labs_dir": str(labs_dir),
        "checksum_key_file": str(tmp_path / "server-only" / "checksum.key"),
        "predictions_file": str(tmp_path / "server-only" / "predictions.json"),
        **(marker.kwargs if marker else {}),
    }
    return {
        "ServerApp": {"jpserver_extensions": {"jupyterlab_bytementor": True}},
        "IdentityProvider": {"token": server_token},
        "BytementorApp": traits,
    }
