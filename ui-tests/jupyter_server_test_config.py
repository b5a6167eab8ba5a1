"""JupyterLab server configuration for the Galata UI tests.

A fresh temporary root folder per run; the ByteMentor server extension is
enabled by its installed configuration like for any learner.
"""

import getpass
import importlib.resources
import os
import shutil
from pathlib import Path

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821 (c is the config object Jupyter provides)

# A port of its own, so the tests never meet a JupyterLab started by `make lab`.
c.ServerApp.port = int(os.environ.get("BYTEMENTOR_UI_PORT", "8899"))  # noqa: F821
# CI runs as root; the server refuses that unless told.
c.ServerApp.allow_root = getpass.getuser() == "root"  # noqa: F821
# The learner's settings live on disk in this run's fresh root folder, so a
# reload reads what the page wrote and no run sees another run's progress.
settings_dir = Path(c.ServerApp.root_dir) / ".user-settings"  # noqa: F821
c.LabApp.user_settings_dir = str(settings_dir)  # noqa: F821
# No "official Jupyter news?" prompt over the screenshots.
news = settings_dir / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
news.parent.mkdir(parents=True, exist_ok=True)
news.write_text('{"fetchNews": "false"}')

# The course as installed, plus the UI tests' own fixture labs, in this run's root;
# the server's own files (checksum key, committed predictions) there too, so that no
# run sees another's predictions.
root = Path(c.ServerApp.root_dir)  # noqa: F821
course = root / ".course"
installed = importlib.resources.files("jupyterlab_bytementor") / "labs"
shutil.copytree(str(installed), course, dirs_exist_ok=True)
for fixture in (Path(__file__).parent / "fixtures").glob("*.ipynb"):
    shutil.copy(fixture, course / "stage1-foundations" / fixture.name)
c.BytementorApp.labs_dir = str(course)  # noqa: F821
c.BytementorApp.predictions_file = str(root / ".server" / "predictions.json")  # noqa: F821
c.BytementorApp.checksum_key_file = str(root / ".server" / "checksum.key")  # noqa: F821

# Real-time collaboration (jupyter-collaboration, in the `test` extra) only for the
# lock suite's second pass (playwright.rtc.config.js sets BYTEMENTOR_RTC=1); the other
# UI tests run on plain documents. Its document store lives in this run's root too.
c.YDocExtension.disable_rtc = os.environ.get("BYTEMENTOR_RTC") != "1"  # noqa: F821
c.SQLiteYStore.db_path = str(root / ".server" / "ystore.db")  # noqa: F821
