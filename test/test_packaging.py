"""Packaging: one supported Python range everywhere, and built distributions that carry the package.

The supported range is the "Programming Language :: Python :: 3.N" classifiers in pyproject.toml,
oldest first; requires-python, tox, ruff and mypy follow them (README's Compatibility section is
checked in test_readme.py). The tests of built distributions read the sdist and wheel in the
directory ``SLACK_DIST`` names, which CI (``.ci/run``) builds with ``python -m build``; without it
they skip.
"""
import configparser
import email.parser
import os
import pathlib
import re
import tarfile
import tomllib
import typing
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
_VERSION_CLASSIFIER = re.compile(r"Programming Language :: Python :: (3\.\d+)$")


def _minor(version: str) -> int:
    return int(version.split(".")[1])


SUPPORTED = [m.group(1) for c in PROJECT["classifiers"] if (m := _VERSION_CLASSIFIER.match(c))]


# --- one range everywhere -------------------------------------------------------------------------


def test_classifiers_name_each_supported_version_oldest_first_without_gaps() -> None:
    assert SUPPORTED, "no Programming Language :: Python :: 3.N classifier"
    minors = [_minor(v) for v in SUPPORTED]
    assert minors == list(range(minors[0], minors[-1] + 1))


def test_pythons_past_their_end_of_life_are_not_supported() -> None:
    # 3.9 reached its end of life in October 2025, 3.10 in October 2026.
    assert _minor(SUPPORTED[0]) >= 11


def test_requires_python_is_the_oldest_supported_version() -> None:
    assert PROJECT["requires-python"] == f">={SUPPORTED[0]}"


def test_tox_runs_the_suite_on_every_supported_version() -> None:
    tox = configparser.ConfigParser()
    tox.read(ROOT / "tox.ini", encoding="utf-8")
    envs = [e.strip() for e in tox["tox"]["envlist"].split(",")]
    assert [e for e in envs if re.fullmatch(r"py3\d+", e)] == [f"py{v.replace('.', '')}" for v in SUPPORTED]
    assert tox["testenv"]["extras"].strip() == "rtm"  # or the RTM tests would skip


def test_ruff_and_mypy_check_against_the_oldest_supported_version() -> None:
    assert PYPROJECT["tool"]["ruff"]["target-version"] == f"py{SUPPORTED[0].replace('.', '')}"
    assert PYPROJECT["tool"]["mypy"]["python_version"] == SUPPORTED[0]


def test_the_rtm_extra_needs_websockets_15_or_newer() -> None:
    assert PROJECT["optional-dependencies"]["rtm"] == ["websockets >= 15"]


# --- built distributions (CI sets SLACK_DIST) ------------------------------------------------------

_DIST = os.environ.get("SLACK_DIST")
needs_dist = pytest.mark.skipif(not _DIST, reason="set SLACK_DIST to a directory holding the built sdist and wheel")


def _one(pattern: str) -> pathlib.Path:
    found = sorted(pathlib.Path(typing.cast(str, _DIST)).glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {_DIST}, found {[p.name for p in found]}"
    return found[0]


def _source_modules() -> typing.Set[str]:
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / "slack").rglob("*.py") if "__pycache__" not in p.parts}


@needs_dist
def test_wheel_carries_py_typed_and_every_module() -> None:
    with zipfile.ZipFile(_one("slack-*-py3-none-any.whl")) as wheel:
        names = set(wheel.namelist())
    assert {"slack/py.typed", "slack/rtm_client.py", "slack/testing.py", "slack/__main__.py"} <= names
    assert _source_modules() <= names
    assert not [n for n in names if n.startswith(("test/", "bench/", "docs/"))]


@needs_dist
def test_wheel_metadata_states_the_supported_range_and_the_extras() -> None:
    with zipfile.ZipFile(_one("slack-*-py3-none-any.whl")) as wheel:
        [metadata_name] = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = email.parser.Parser().parsestr(wheel.read(metadata_name).decode("utf-8"))
    assert metadata["Requires-Python"] == f">={SUPPORTED[0]}"
    assert [c for c in metadata.get_all("Classifier", []) if _VERSION_CLASSIFIER.match(c)] == [
        f"Programming Language :: Python :: {v}" for v in SUPPORTED]
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert set(metadata.get_all("Provides-Extra", [])) == {"rtm", "socks"}
    assert 'websockets>=15; extra == "rtm"' in metadata.get_all("Requires-Dist", [])


@needs_dist
def test_sdist_carries_everything_the_build_reads() -> None:
    sdist = _one("slack-*.tar.gz")
    top = sdist.name[: -len(".tar.gz")]
    with tarfile.open(sdist) as tar:
        names = {n.removeprefix(f"{top}/") for n in tar.getnames()}
    assert {"pyproject.toml", "README.md", "requirements.txt", "slack/_version.py", "slack/py.typed"} <= names
    assert _source_modules() <= names
