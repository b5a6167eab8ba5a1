"""The REST API under <base_url>/bytementor/, through a real Jupyter server."""

from __future__ import annotations

import json
import sys
from types import SimpleNamespace

import nbformat
import pytest
from jupyter_server.utils import url_path_join

from jupyterlab_bytementor.catalog import Catalog
from jupyterlab_bytementor.handlers import kernel_metadata
from jupyterlab_bytementor.release import role_of

COPY = "bytementor-labs/tiny-lab.ipynb"


async def open_lab(jp_fetch, lab_id="tiny-lab", **kwargs):
    """POST labs/<lab_id>/open and return (status, JSON body)."""
    response = await jp_fetch(
        "bytementor", "labs", lab_id, "open", method="POST", body=b"", raise_error=False, **kwargs
    )
    return response.code, json.loads(response.body)


async def raw_fetch(http_server_client, base_url, path, headers=None, method="GET"):
    """Fetch ``path`` under ``base_url`` exactly as written (no escaping, no token)."""
    body = b"" if method == "POST" else None
    return await http_server_client.fetch(
        url_path_join(base_url, path),
        method=method,
        body=body,
        headers=headers or {},
        raise_error=False,
        follow_redirects=False,
    )


async def test_catalog_lists_the_stages_and_the_labs_present(jp_fetch):
    response = await jp_fetch("bytementor", "catalog")
    catalog = json.loads(response.body)
    assert catalog["format"] == 1
    assert [stage["title"] for stage in catalog["stages"]] == [
        "Foundations",
        "Core ML",
        "Deep Learning",
        "LLMs and Applied AI",
        "Production and Portfolio",
    ]
    assert catalog["stages"][0]["weeks"] == [4, 6]
    assert [stage["labs"] for stage in catalog["stages"]] == [["tiny-lab"], [], [], [], []]
    assert {"id": "ml-algorithm-lab", "title": "ML Algorithm Lab"} in catalog["tracks"]
    (lab,) = catalog["labs"]
    assert (lab["id"], lab["version"], lab["stage"], lab["minutes"]) == ("tiny-lab", "1.0.0", 1, 60)
    assert [exercise["id"] for exercise in lab["exercises"]] == ["double", "mean"]


async def test_opening_a_lab_creates_the_learner_copy_once(jp_fetch, jp_root_dir):
    assert await open_lab(jp_fetch) == (200, {"path": COPY, "created": True})
    copy_path = jp_root_dir / COPY
    nb = nbformat.read(copy_path, as_version=4)
    answer = next(cell for cell in nb.cells if cell.id == "double-answer")
    answer.source = "def double(x):\n    return x + x  # my own answer"
    nbformat.write(nb, copy_path)

    assert await open_lab(jp_fetch) == (200, {"path": COPY, "created": False})
    assert "my own answer" in copy_path.read_text(encoding="utf-8")


async def test_the_learner_copy_hides_solutions_and_locks_cells(jp_fetch, jp_root_dir):
    await open_lab(jp_fetch)
    text = (jp_root_dir / COPY).read_text(encoding="utf-8")
    for secret in ("return 2 * x", "Because the mean", "double(-3)", "mean([5])", "HIDDEN"):
        assert secret not in text
    for cell in nbformat.reads(text, as_version=4).cells:
        assert cell.metadata["deletable"] is False
        assert cell.metadata["editable"] is (role_of(cell) == "learner")


@pytest.mark.bytementor(workspace_dir="courses/ml")
async def test_the_workspace_folder_is_configurable(jp_fetch, jp_root_dir):
    assert await open_lab(jp_fetch) == (200, {"path": "courses/ml/tiny-lab.ipynb", "created": True})
    assert (jp_root_dir / "courses" / "ml" / "tiny-lab.ipynb").is_file()


async def test_a_file_in_place_of_the_workspace_folder_is_a_conflict(jp_fetch, jp_root_dir):
    (jp_root_dir / "bytementor-labs").write_text("my notes", encoding="utf-8")
    status, body = await open_lab(jp_fetch)
    assert status == 409 and "bytementor-labs" in body["message"]
    assert (jp_root_dir / "bytementor-labs").read_text(encoding="utf-8") == "my notes"


async def test_the_tests_endpoint_returns_hidden_tests(jp_fetch):
    response = await jp_fetch("bytementor", "labs", "tiny-lab", "tests")
    body = json.loads(response.body)
    assert (body["lab"], body["version"]) == ("tiny-lab", "1.0.0")
    double = body["exercises"]["double"]["tests"]
    assert [test["id"] for test in double] == ["double-test", "double-test:hidden"]
    assert double[1]["name"] == "double of small numbers (hidden)"
    assert "double(-3)" in double[1]["source"]


@pytest.mark.parametrize("action", ["open", "tests"])
async def test_an_unknown_lab_is_a_404_with_a_message(jp_fetch, jp_root_dir, action):
    method = "POST" if action == "open" else "GET"
    body = b"" if method == "POST" else None
    response = await jp_fetch(
        "bytementor", "labs", "no-such-lab", action, method=method, body=body, raise_error=False
    )
    assert response.code == 404
    assert "no-such-lab" in json.loads(response.body)["message"]
    assert not (jp_root_dir / "bytementor-labs").exists()


@pytest.mark.parametrize(
    "lab_id", ["..%2Fetc", "..%2F..%2F..%2Fetc%2Fpasswd", "%2E%2E", "..", "Tiny-Lab", "tiny-lab%00"]
)
async def test_an_unsafe_lab_id_never_writes_outside_the_workspace(
    http_server_client, jp_base_url, jp_auth_header, jp_root_dir, tmp_path, lab_id
):
    before = sorted(tmp_path.rglob("*"))
    response = await raw_fetch(
        http_server_client, jp_base_url, f"bytementor/labs/{lab_id}/open", jp_auth_header, "POST"
    )
    assert response.code in (400, 404)
    assert json.loads(response.body)["message"]
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "bytementor/catalog"),
        ("GET", "bytementor/copies"),
        ("POST", "bytementor/labs/tiny-lab/open"),
        ("GET", "bytementor/labs/tiny-lab/tests"),
        ("POST", "bytementor/labs/tiny-lab/verify"),
        ("POST", "bytementor/labs/tiny-lab/upgrade"),
        ("GET", "bytementor/labs/tiny-lab/predictions"),
        ("POST", "bytementor/labs/tiny-lab/predictions/mean"),
    ],
)
async def test_requests_without_a_token_are_refused(
    http_server_client, jp_base_url, jp_serverapp, jp_root_dir, server_token, method, path
):
    assert jp_serverapp.identity_provider.token == server_token
    assert jp_serverapp.identity_provider.auth_enabled
    wrong = {"Authorization": "token not-the-token"}
    for headers in (None, wrong):
        response = await raw_fetch(http_server_client, jp_base_url, path, headers, method)
        assert response.code in (302, 403)
        assert b"double(-3)" not in response.body
    assert not (jp_root_dir / "bytementor-labs").exists()


@pytest.mark.bytementor(labs_dir="/nonexistent/bytementor-labs")
async def test_a_missing_course_is_a_500_with_a_message(jp_fetch):
    response = await jp_fetch("bytementor", "catalog", raise_error=False)
    assert response.code == 500
    assert "course file" in json.loads(response.body)["message"]


async def test_an_unexpected_error_is_a_logged_500(jp_fetch, monkeypatch, caplog):
    def explode(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Catalog, "to_json", explode)
    response = await jp_fetch("bytementor", "catalog", raise_error=False)
    assert response.code == 500
    assert json.loads(response.body) == {
        "message": "ByteMentor could not read the course catalog: see the server log."
    }
    assert any(
        record.exc_info and "disk on fire" in str(record.exc_info[1]) for record in caplog.records
    )


async def test_the_learner_copy_carries_what_its_kernel_reports(jp_fetch, jp_root_dir):
    # JupyterLab writes the kernel's kernelspec and language_info into the notebook when
    # the kernel starts: a copy that already holds them opens unmodified.
    from ipykernel.ipkernel import IPythonKernel

    await open_lab(jp_fetch)
    metadata = nbformat.read(jp_root_dir / COPY, as_version=4).metadata
    assert metadata["kernelspec"] == {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    assert metadata["language_info"] == IPythonKernel.language_info
    assert metadata["bytementor"]["lab"]["id"] == "tiny-lab"


class FakeSpecs:
    """A kernel spec manager holding given specs by name."""

    def __init__(self, **specs):
        self.specs = specs

    def get_kernel_spec(self, name):
        if name not in self.specs:
            raise KeyError(name)
        return self.specs[name]


def spec(*argv, language="python"):
    return SimpleNamespace(argv=list(argv), language=language, display_name="Some kernel")


@pytest.mark.parametrize(
    "argv",
    [
        ("python", "-m", "ipykernel_launcher", "-f", "{connection_file}"),
        (sys.executable, "-m", "ipykernel", "-f", "{connection_file}"),
    ],
)
async def test_an_ipykernel_in_the_servers_python_is_known(argv):
    from ipykernel.ipkernel import IPythonKernel

    known = await kernel_metadata(FakeSpecs(mine=spec(*argv)), "mine")
    assert known == {
        "kernelspec": {"name": "mine", "display_name": "Some kernel", "language": "python"},
        "language_info": IPythonKernel.language_info,
    }


@pytest.mark.parametrize(
    "specs",
    [
        {},
        {"mine": spec("/opt/other-python/bin/python", "-m", "ipykernel_launcher", "-f", "{c}")},
        {"mine": spec("R", "--slave", "-e", "IRkernel::main()", language="R")},
        {"mine": spec()},
    ],
)
async def test_other_kernels_are_left_alone(specs):
    assert await kernel_metadata(FakeSpecs(**specs), "mine") == {}
