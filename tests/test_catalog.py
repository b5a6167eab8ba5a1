"""The lab catalog: course.json, lab discovery, validation and caching."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import nbformat
import pytest

from jupyterlab_bytementor import catalog as catalog_module
from jupyterlab_bytementor.catalog import Catalog, LabFormatError, is_valid_id, load_lab

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
COURSE = json.loads((REPO / "labs" / "course.json").read_text(encoding="utf-8"))


def write_variant(labs_dir: Path, name: str, change) -> Path:
    """Write a copy of the tiny lab, changed by ``change(nb)``, into stage 1 as ``name``."""
    nb = nbformat.read(FIXTURES / "tiny-lab.ipynb", as_version=4)
    change(nb)
    path = labs_dir / "stage1-foundations" / name
    nbformat.write(nb, path)
    return path


@pytest.mark.parametrize("value", ["gradient-descent", "a", "l1", "a" * 64])
def test_valid_ids(value):
    assert is_valid_id(value)


@pytest.mark.parametrize(
    "value", ["", "-x", "Gradient", "a_b", "../etc", "a/b", "é", "a" * 65, "x\n", None, 3]
)
def test_invalid_ids(value):
    assert not is_valid_id(value)


def test_course_file_has_the_five_stages_in_order():
    assert [stage["number"] for stage in COURSE["stages"]] == [1, 2, 3, 4, 5]
    for stage in COURSE["stages"]:
        assert is_valid_id(stage["id"])
        assert stage["title"] and stage["topics"]
        assert stage["weeks"][0] <= stage["weeks"][1]


def test_course_file_ids_are_valid_and_unique():
    planned = [lab for stage in COURSE["stages"] for lab in stage["planned"]]
    assert len(planned) == len(set(planned)) == 25
    assert all(is_valid_id(lab) for lab in planned)
    tracks = [track["id"] for track in COURSE["tracks"]]
    assert len(tracks) == len(set(tracks)) == 11
    assert all(is_valid_id(track) for track in tracks)


def test_course_paths_refer_to_known_stages_and_labs():
    planned = {lab for stage in COURSE["stages"] for lab in stage["planned"]}
    assert [path["id"] for path in COURSE["paths"]] == [
        "beginner",
        "developer-fast-track",
        "ml-engineer",
    ]
    for path in COURSE["paths"]:
        assert set(path["optionalStages"]) <= set(path["stages"]) <= {1, 2, 3, 4, 5}
        assert set(path["optionalLabs"]) <= planned
    ml_engineer = COURSE["paths"][2]
    assert "model-evaluation" not in ml_engineer["optionalLabs"]


def test_catalog_lists_every_stage_and_only_labs_that_exist(labs_dir):
    catalog = Catalog(labs_dir).to_json()
    assert [stage["labs"] for stage in catalog["stages"]] == [["tiny-lab"], [], [], [], []]
    assert "planned" not in catalog["stages"][0]
    assert [lab["id"] for lab in catalog["labs"]] == ["tiny-lab"]
    assert catalog["labs"][0]["exercises"] == [
        {"id": "double", "title": "Double a number", "points": 1},
        {"id": "mean", "title": "Mean of a list", "points": 2},
    ]


def test_a_lab_that_fails_to_load_is_listed_as_unavailable(labs_dir):
    write_variant(labs_dir, "stage-mismatch.ipynb",
                  lambda nb: nb.metadata.bytementor.lab.update(id="other-lab", stage=3))
    catalog = Catalog(labs_dir).to_json()
    assert catalog["unavailable"] == ["other-lab"]
    assert [lab["id"] for lab in catalog["labs"]] == ["tiny-lab"]


def test_a_broken_lab_is_skipped_with_a_warning_naming_the_file(labs_dir, caplog):
    with caplog.at_level(logging.WARNING):
        labs = Catalog(labs_dir).labs()
    assert list(labs) == ["tiny-lab"]
    assert any("broken.ipynb" in record.getMessage() for record in caplog.records)


def set_lab(key, value):
    """Return a change that sets ``metadata.bytementor.lab[key]``."""
    return lambda nb: nb.metadata.bytementor.lab.__setitem__(key, value)


def test_a_malformed_lab_names_its_problem(labs_dir):
    """The format's own messages (tests/test_labformat.py) reach whoever loads the lab."""
    path = write_variant(labs_dir, "variant.ipynb", set_lab("stage", 2))
    with pytest.raises(LabFormatError, match="says stage 2 but sits in stage1-foundations/"):
        load_lab(path)


def test_an_unexpected_error_in_one_lab_keeps_the_others(labs_dir, monkeypatch, caplog):
    write_variant(labs_dir, "other.ipynb", set_lab("id", "other-lab"))
    real_load = catalog_module.load_lab

    def flaky_load(path):
        if path.name == "other.ipynb":
            raise RuntimeError("surprise")
        return real_load(path)

    monkeypatch.setattr(catalog_module, "load_lab", flaky_load)
    with caplog.at_level(logging.WARNING):
        assert list(Catalog(labs_dir).labs()) == ["tiny-lab"]
    assert any("other.ipynb" in record.getMessage() for record in caplog.records)


def test_a_duplicate_lab_id_keeps_the_first_file(labs_dir, caplog):
    write_variant(labs_dir, "zz-copy.ipynb", set_lab("title", "Copy"))
    with caplog.at_level(logging.WARNING):
        labs = Catalog(labs_dir).labs()
    assert labs["tiny-lab"].entry["title"] == "A tiny lab"
    assert any("already used" in record.getMessage() for record in caplog.records)


def test_a_lab_is_reread_only_when_its_file_changes(labs_dir):
    catalog = Catalog(labs_dir)
    first = catalog.get("tiny-lab")
    assert catalog.get("tiny-lab") is first
    path = write_variant(labs_dir, "tiny-lab.ipynb", set_lab("version", "1.1.0"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert catalog.get("tiny-lab").version == "1.1.0"
    path.unlink()
    assert catalog.get("tiny-lab") is None


def test_a_missing_course_file_is_an_error(labs_dir):
    (labs_dir / "course.json").unlink()
    with pytest.raises(LabFormatError, match="course file"):
        Catalog(labs_dir).to_json()


def test_a_lab_outside_the_planned_list_still_appears_in_its_stage(labs_dir):
    write_variant(labs_dir, "extra.ipynb", set_lab("id", "extra-practice"))
    stage = Catalog(labs_dir).to_json()["stages"][0]
    assert stage["labs"] == ["extra-practice", "tiny-lab"]


REPO_LABS = sorted((REPO / "labs").glob("stage*/*.ipynb"))


@pytest.mark.skipif(not REPO_LABS, reason="no lab notebooks in labs/ yet")
@pytest.mark.parametrize("path", REPO_LABS, ids=lambda path: path.name)
def test_every_course_lab_loads_and_fits_the_course(path):
    lab = load_lab(path)
    assert lab.entry["track"] in {track["id"] for track in COURSE["tracks"]}
    stage = COURSE["stages"][lab.entry["stage"] - 1]
    assert lab.id in stage["planned"], f"{lab.id} is not planned in stage {stage['number']}"


def test_every_planned_lab_not_yet_released_has_an_estimate():
    released = {path.stem for path in (REPO / "labs").glob("stage*/*.ipynb")}
    planned = {lab for stage in COURSE["stages"] for lab in stage["planned"]}
    tracks = {track["id"] for track in COURSE["tracks"]}
    for lab_id in planned - released:
        estimate = COURSE["estimates"][lab_id]
        assert estimate["title"] and estimate["track"] in tracks
        assert estimate["minutes"] > 0


def test_the_catalog_lists_planned_labs_with_their_estimates(labs_dir):
    catalog = Catalog(labs_dir).to_json()
    stage3 = catalog["stages"][2]
    assert stage3["upcoming"] == COURSE["stages"][2]["planned"]
    assert catalog["stages"][0]["upcoming"] == COURSE["stages"][0]["planned"]
    upcoming = {lab["id"]: lab for lab in catalog["upcoming"]}
    assert upcoming["optimizers"] == {
        "id": "optimizers",
        "title": COURSE["estimates"]["optimizers"]["title"],
        "stage": 3,
        "track": "deep-learning",
        "minutes": COURSE["estimates"]["optimizers"]["minutes"],
        "exercises": COURSE["estimates"]["optimizers"]["exercises"],
        "kind": "notebook",
    }
    assert upcoming["portfolio"]["kind"] == "portfolio"
    # A planned lab without an estimate is still listed, with nothing to count.
    assert upcoming["numpy-essentials"]["minutes"] == 0
