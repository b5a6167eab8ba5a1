"""An unreadable ByteMentor settings file is set aside so that JupyterLab starts."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from jupyterlab.commands import get_user_settings_dir

from jupyterlab_bytementor.settings_guard import PLUGIN_FOLDER, set_aside_unreadable

BROKEN = '{"labs": {"gd": {exercises: {mse: {attempts: 1,}}}'


def write(settings_dir: Path, name: str, text: str) -> Path:
    path = settings_dir / PLUGIN_FOLDER / f"{name}.jupyterlab-settings"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_with_a_syntax_error_is_renamed_with_its_records_kept(tmp_path, caplog):
    broken = write(tmp_path, "progress", BROKEN)
    fine = write(tmp_path, "roadmap", '{path: "beginner", // JSON5 is fine\n}')
    with caplog.at_level(logging.WARNING):
        messages = set_aside_unreadable(tmp_path, logging.getLogger("test"))
    assert not broken.exists()
    (aside,) = broken.parent.glob("progress.jupyterlab-settings.unreadable-*")
    assert aside.read_text(encoding="utf-8") == BROKEN
    assert fine.exists()
    assert len(messages) == 1 and str(aside) in messages[0]
    assert "not valid JSON5" in caplog.text


def test_nothing_happens_without_a_settings_folder(tmp_path):
    assert set_aside_unreadable(tmp_path / "none", logging.getLogger("test")) == []


@pytest.fixture
def broken_progress(jp_environ) -> Path:
    """A progress file with a syntax error, written before the server starts."""
    return write(Path(get_user_settings_dir()), "progress", BROKEN)


async def test_the_server_sets_it_aside_and_the_roadmap_is_told(broken_progress, jp_fetch):
    response = await jp_fetch("bytementor", "catalog")
    notices = json.loads(response.body)["notices"]
    assert len(notices) == 1 and "syntax error" in notices[0]
    assert not broken_progress.exists()
    assert list(broken_progress.parent.glob("progress.jupyterlab-settings.unreadable-*"))
