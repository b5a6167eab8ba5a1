"""ByteMentor Lab: the Jupyter Server extension and the JupyterLab extension's Python package."""

try:
    from ._version import __version__
except ImportError:  # a source checkout that has not been built: _version.py is generated
    __version__ = "dev"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    """Tell JupyterLab where the prebuilt frontend extension lives."""
    return [{"src": "labextension", "dest": "jupyterlab-bytementor"}]


def _jupyter_server_extension_points() -> list[dict[str, object]]:
    """Tell Jupyter Server which extension app to load."""
    from .app import BytementorApp

    return [{"module": "jupyterlab_bytementor.app", "app": BytementorApp}]
