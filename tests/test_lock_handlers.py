"""``GET labs/<id>/release``: the released cells the frontend restores locked cells from."""

from __future__ import annotations

import json

import pytest
from jupyter_server.utils import url_path_join


async def released_cells(jp_fetch):
    response = await jp_fetch("bytementor", "labs", "tiny-lab", "release")
    return json.loads(response.body)


async def test_the_release_lists_every_lab_cell_as_the_learner_got_it(jp_fetch):
    body = await released_cells(jp_fetch)
    assert (body["lab"], body["version"]) == ("tiny-lab", "1.0.0")
    cells = {cell["id"]: cell for cell in body["cells"]}
    assert list(cells)[:5] == ["intro", "setup", "double-text", "double-answer", "double-test"]
    test = cells["double-test"]
    assert test["cell_type"] == "code"
    assert test["metadata"]["editable"] is False
    assert test["metadata"]["deletable"] is False
    assert test["metadata"]["bytementor"]["role"] == "test"
    assert "expect_equal(double(2), 4" in "".join(test["source"])


async def test_the_release_never_gives_away_solutions_hidden_tests_or_answers(jp_fetch):
    response = await jp_fetch("bytementor", "labs", "tiny-lab", "release")
    text = response.body.decode()
    body = json.loads(text)
    cells = {cell["id"]: cell for cell in body["cells"]}
    assert "double(-3)" not in text
    assert "BEGIN HIDDEN" not in text
    assert "return 2 * x" not in text
    assert "BEGIN SOLUTION" not in text
    assert "answer" not in cells["mean-predict"]["metadata"]["bytementor"]
    assert "".join(cells["mean-reveal"]["source"]) == ""
    assert "".join(cells["double-answer"]["source"]).startswith("def double(x):")


async def test_an_unknown_lab_has_no_release(jp_fetch):
    response = await jp_fetch("bytementor", "labs", "no-such-lab", "release", raise_error=False)
    assert response.code == 404
    assert "no-such-lab" in json.loads(response.body)["message"]


@pytest.mark.parametrize("headers", [None, {"Authorization": "token not-the-token"}])
async def test_the_release_needs_the_token(http_server_client, jp_base_url, headers):
    response = await http_server_client.fetch(
        url_path_join(jp_base_url, "bytementor/labs/tiny-lab/release"),
        headers=headers or {},
        raise_error=False,
        follow_redirects=False,
    )
    assert response.code in (302, 403)
    assert b"double of small numbers" not in response.body
