"""Beside slack_sdk, whose deprecated ``slack`` shim installs into the same ``slack/`` directory as this package.

The fast tests copy this package into a temporary directory, add the shim's marker file or a small stand-in
for slack_sdk, and run a script there that imports it afresh, in this process (with this process's own slack
put back afterwards). The slow tests (run when ``SLACK_SLOW_TESTS=1``; CI sets it)
build this package's wheel, download the real slack_sdk, install both in a temporary venv in each order,
uninstall each one, and check that what happens is the README's table ("Beside slack_sdk"), cell for cell.
"""
import contextlib
import io
import json
import logging
import os
import pathlib
import re
import runpy
import shutil
import subprocess
import sys
import typing
import zipfile

import pytest

import slack

_REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
_PACKAGE = _REPO_ROOT / "slack"

# The `slack/` part of slack_sdk 3.48.0's wheel: its deprecated shim (slackclient 2.x's files, each now
# re-exporting from slack_sdk, plus deprecation.py). The same list since slack_sdk 3.0.0; the slow tests
# check it against the slack_sdk that PyPI serves today.
SHIM_SLACK_SDK_VERSION = "3.48.0"
SHIM_FILES = frozenset({
    "slack/__init__.py", "slack/deprecation.py", "slack/errors.py", "slack/py.typed", "slack/version.py",
    "slack/rtm/__init__.py", "slack/rtm/client.py",
    "slack/signature/__init__.py", "slack/signature/verifier.py",
    "slack/web/__init__.py", "slack/web/async_base_client.py", "slack/web/async_client.py",
    "slack/web/async_internal_utils.py", "slack/web/async_slack_response.py", "slack/web/base_client.py",
    "slack/web/client.py", "slack/web/deprecation.py", "slack/web/internal_utils.py",
    "slack/web/slack_response.py",
    "slack/web/classes/__init__.py", "slack/web/classes/actions.py", "slack/web/classes/attachments.py",
    "slack/web/classes/blocks.py", "slack/web/classes/dialog_elements.py", "slack/web/classes/dialogs.py",
    "slack/web/classes/elements.py", "slack/web/classes/interactions.py", "slack/web/classes/messages.py",
    "slack/web/classes/objects.py", "slack/web/classes/views.py",
    "slack/webhook/__init__.py", "slack/webhook/async_client.py", "slack/webhook/client.py",
    "slack/webhook/internal_utils.py", "slack/webhook/webhook_response.py",
})
# The only paths both distributions may write: pip lets the last install win, and an uninstall deletes them.
SHARED_FILES = frozenset({"slack/__init__.py", "slack/py.typed"})

SHIM_DEPRECATION = (
    "slack package is deprecated. Please use slack_sdk.web/webhook/rtm package instead. "
    "For more info, go to https://docs.slack.dev/tools/python-slack-sdk/v3-migration/"
)
SHIM_NAMES = ("AsyncWebClient", "AsyncWebhookClient", "RTMClient", "WebClient", "WebhookClient")


def _module_names(paths: typing.Iterable[str]) -> typing.Set[str]:
    """The dotted module names that files such as ``slack/web/__init__.py`` give Python."""
    names = set()
    for path in paths:
        if path.endswith(".py"):
            name = path[: -len(".py")].replace("/", ".")
            names.add(name[: -len(".__init__")] if name.endswith(".__init__") else name)
    return names


def _subpackages(paths: typing.Iterable[str]) -> typing.Set[str]:
    """The directories below ``slack/`` that hold the given files, such as ``slack/web/``."""
    return {path.rsplit("/", 1)[0] + "/" for path in paths if path.count("/") > 1}


def _check_no_other_shared_path(ours: typing.Iterable[str]) -> None:
    ours = set(ours)
    shim_dirs = _subpackages(SHIM_FILES)

    assert ours & SHIM_FILES == SHARED_FILES
    assert _module_names(ours) & _module_names(SHIM_FILES) == {"slack"}
    assert {path for path in ours if any(path.startswith(d) for d in shim_dirs)} == set()


# --- no shared path but __init__.py and py.typed --------------------------------------------------------


def _source_files() -> typing.Set[str]:
    """Every file under slack/ in the source tree: a superset of what the wheel packs."""
    return {
        path.relative_to(_REPO_ROOT).as_posix()
        for path in _PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def test_no_file_of_ours_shares_a_path_with_the_shim_but_init_and_py_typed() -> None:
    ours = _source_files()

    assert "slack/py.typed" in ours and "slack/__init__.py" in ours
    _check_no_other_shared_path(ours)


@pytest.mark.parametrize(
    "extra", ["slack/errors.py", "slack/version.py", "slack/deprecation.py", "slack/web/__init__.py",
              "slack/rtm.py", "slack/signature/new.py", "slack/webhook/client.py", "slack/errors/__init__.py"],
)
def test_the_shared_path_check_catches_a_module_on_one_of_the_shims_paths(extra: str) -> None:
    with pytest.raises(AssertionError):
        _check_no_other_shared_path(_source_files() | {extra})


# --- the warning when the shim shares the directory -----------------------------------------------------


def _copy_of_the_package(root: pathlib.Path) -> pathlib.Path:
    shutil.copytree(_PACKAGE, root / "slack", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _fake_slack_sdk(root: pathlib.Path, missing: str = "") -> None:
    """A stand-in slack_sdk with the shim's source modules; ``missing`` makes the async ones need that module."""
    modules = {
        "__init__.py": "",
        "rtm/__init__.py": "class RTMClient: pass\n",
        "web/__init__.py": "",
        "web/legacy_client.py": "class LegacyWebClient: pass\n",
        "web/async_client.py": (f"import {missing}\n" if missing else "") + "class AsyncWebClient: pass\n",
        "webhook/__init__.py": "",
        "webhook/client.py": "class WebhookClient: pass\n",
        "webhook/async_client.py": (f"import {missing}\n" if missing else "") + "class AsyncWebhookClient: pass\n",
    }
    for name, source in modules.items():
        path = root / "slack_sdk" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")


_RECORD = '''\
import json, sys, warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
{body}
print(json.dumps([[w.category.__module__ + "." + w.category.__qualname__, str(w.message),
                   w.filename, w.lineno] for w in caught]))
'''


def _imported_here(name: str) -> bool:
    return name.split(".")[0] in ("slack", "slack_sdk")


def _run(root: pathlib.Path, body: str, env: typing.Optional[typing.Dict[str, str]] = None) -> typing.List[
        typing.List[typing.Any]]:
    """Runs ``body`` as the script ``root/user.py``, as ``python user.py`` would; returns the warnings it raised:
    category, message, file, line.

    It runs in this process, which costs no new interpreter: slack and slack_sdk are imported afresh from
    ``root`` (none of this process's modules of those names is seen), SLACKCLIENT_SKIP_DEPRECATION is set only
    as ``env`` says, and this process's modules, import path and hooks, environment and the ``slack`` logger's
    handlers are put back afterwards.
    """
    script = root / "user.py"
    script.write_text(_RECORD.format(body="\n".join("    " + line for line in body.splitlines())), encoding="utf-8")
    ours = {name: module for name, module in sys.modules.items() if _imported_here(name)}
    output = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SLACKCLIENT_SKIP_DEPRECATION", raising=False)
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        patch.setattr(sys, "meta_path", list(sys.meta_path))
        patch.setattr(logging.getLogger("slack"), "handlers", list(logging.getLogger("slack").handlers))
        patch.syspath_prepend(str(root))  # as the script's own directory is, first
        for name in ours:
            del sys.modules[name]
        try:
            with contextlib.redirect_stdout(output):
                runpy.run_path(str(script), run_name="__main__")
        finally:
            for name in [name for name in sys.modules if _imported_here(name)]:
                del sys.modules[name]
            sys.modules.update(ours)
    warnings_raised: typing.List[typing.List[typing.Any]] = json.loads(output.getvalue().splitlines()[-1])
    return warnings_raised


def test_import_beside_the_shim_warns_once_naming_what_is_shared_what_breaks_and_the_fix(
        tmp_path: pathlib.Path) -> None:
    root = _copy_of_the_package(tmp_path)
    (root / "slack" / "deprecation.py").write_text("", encoding="utf-8")  # the shim's marker

    caught = _run(root, "import slack\nimport slack.apis.tags.rtm_api\nimport slack")

    assert len(caught) == 1
    category, message, filename, lineno = caught[0]
    assert category == "slack.SlackSdkShimWarning"
    assert (filename, lineno) == (str(root / "user.py"), 4)  # the importer's own `import slack` line
    assert message.startswith("slack_sdk's deprecated `slack` package is installed in the same directory")
    assert str(root / "slack") in message
    for words in ("slack/__init__.py and slack/py.typed", "`pip uninstall slack_sdk`", "`pip uninstall slack`",
                  "separate virtual environments", "Beside slack_sdk"):
        assert words in message


def test_the_readmes_filter_silences_the_shim_warning(tmp_path: pathlib.Path) -> None:
    root = _copy_of_the_package(tmp_path)
    (root / "slack" / "deprecation.py").write_text("", encoding="utf-8")

    assert _run(root, "warnings.filterwarnings('ignore', message=\"slack_sdk's deprecated\")\nimport slack") == []


def test_the_shim_warning_is_a_user_warning_of_the_package() -> None:
    assert issubclass(slack.SlackSdkShimWarning, UserWarning)
    assert slack.SlackSdkShimWarning.__module__ == "slack"
    assert "SlackSdkShimWarning" in slack.__all__


def test_import_without_the_shim_warns_nothing(tmp_path: pathlib.Path) -> None:
    root = _copy_of_the_package(tmp_path)

    assert _run(root, "import slack\nimport slack.apis.tags.rtm_api") == []


# --- the shim's names, served from slack_sdk ------------------------------------------------------------


def test_shim_names_come_from_slack_sdk_with_the_shims_deprecation_warning_once(tmp_path: pathlib.Path) -> None:
    root = _copy_of_the_package(tmp_path)
    _fake_slack_sdk(root)

    caught = _run(root, (
        "import slack\n"
        "from slack import WebClient\n"
        "from slack_sdk.web.legacy_client import LegacyWebClient\n"
        "assert WebClient is LegacyWebClient\n"
        "import slack_sdk.rtm, slack_sdk.web.async_client, slack_sdk.webhook.client, slack_sdk.webhook.async_client\n"
        "assert slack.RTMClient is slack_sdk.rtm.RTMClient\n"
        "assert slack.AsyncWebClient is slack_sdk.web.async_client.AsyncWebClient\n"
        "assert slack.WebhookClient is slack_sdk.webhook.client.WebhookClient\n"
        "assert slack.AsyncWebhookClient is slack_sdk.webhook.async_client.AsyncWebhookClient\n"
        "assert slack.WebClient is WebClient\n"
    ))

    assert caught == [["builtins.UserWarning", SHIM_DEPRECATION, str(root / "user.py"), 5]]


def test_shim_names_are_the_shims_own() -> None:
    assert sorted(slack._SHIM_NAMES) == list(SHIM_NAMES)
    assert slack._SHIM_DEPRECATION == SHIM_DEPRECATION


def test_the_shims_deprecation_is_silenced_by_its_own_environment_variable(tmp_path: pathlib.Path) -> None:
    root = _copy_of_the_package(tmp_path)
    _fake_slack_sdk(root)

    assert _run(root, "from slack import WebClient, RTMClient", env={"SLACKCLIENT_SKIP_DEPRECATION": "1"}) == []


def test_shim_names_are_not_listed_by_dir_or_all() -> None:
    for name in SHIM_NAMES:
        assert name not in dir(slack)
        assert name not in slack.__all__


def test_without_slack_sdk_shim_names_do_not_exist(tmp_path: pathlib.Path) -> None:
    root = _copy_of_the_package(tmp_path)

    caught = _run(root, (
        "class NotInstalled:  # slack_sdk is not installed, even if the test venv has it\n"
        "    @staticmethod\n"
        "    def find_spec(name, *args):\n"
        "        if name.split('.')[0] == 'slack_sdk':\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, NotInstalled)\n"
        "import slack\n"
        "for name in " + repr(SHIM_NAMES) + ":\n"
        "    assert not hasattr(slack, name), name\n"
        "    try:\n"
        "        getattr(slack, name)\n"
        "    except AttributeError as e:\n"
        "        assert str(e).startswith(f\"module 'slack' has no attribute '{name}'; \"), e\n"
        "        assert 'slack_sdk is not installed' in str(e), e\n"
        "try:\n"
        "    from slack import WebClient\n"
        "except ImportError as e:\n"
        "    assert str(e).startswith(\"cannot import name 'WebClient' from 'slack'\"), e\n"
        "else:\n"
        "    raise AssertionError('WebClient imported')\n"
    ))

    assert caught == []


def test_other_unknown_names_raise_the_plain_attribute_error() -> None:
    with pytest.raises(AttributeError, match=r"^module 'slack' has no attribute 'Confguration'$"):
        slack.Confguration  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(ImportError, match=r"^cannot import name 'deprecation' from 'slack'"):
        from slack import deprecation  # type: ignore[attr-defined]  # noqa: F401


def test_a_module_slack_sdk_lacks_is_named_as_the_shim_named_it(tmp_path: pathlib.Path) -> None:
    """The shim failed on import without aiohttp; here only the names that need aiohttp fail, and say so."""
    root = _copy_of_the_package(tmp_path)
    _fake_slack_sdk(root, missing="aiohttp_stand_in")

    caught = _run(root, (
        "import slack\n"
        "from slack import WebClient, WebhookClient\n"
        "try:\n"
        "    slack.AsyncWebClient\n"
        "except ModuleNotFoundError as e:\n"
        "    assert e.name == 'aiohttp_stand_in', e\n"
        "else:\n"
        "    raise AssertionError('AsyncWebClient without its dependency')\n"
    ))

    assert [category for category, *_ in caught] == ["builtins.UserWarning"]


# --- the README's table -------------------------------------------------------------------------------

# Each row of the README's table, with the install steps that must produce it (more than one: each must).
# "+x" installs x, "-x" uninstalls it, "!x" reinstalls it with --force-reinstall --no-deps.
SCENARIOS: typing.Dict[str, typing.Tuple[bool, typing.Tuple[typing.Tuple[str, ...], ...]]] = {
    # row: (aiohttp installed, step lists)
    "slack, then slack_sdk": (True, (("+slack", "+slack_sdk"),)),
    "slack, then slack_sdk, without aiohttp": (False, (("+slack", "+slack_sdk"),)),
    "slack_sdk, then slack": (True, (("+slack_sdk", "+slack"),)),
    "slack_sdk, then slack, without aiohttp": (False, (("+slack_sdk", "+slack"),)),
    "either order, then `pip uninstall slack_sdk`": (
        True, (("+slack", "+slack_sdk", "-slack_sdk"), ("+slack_sdk", "+slack", "-slack_sdk"))),
    "either order, then `pip uninstall slack`": (
        True, (("+slack", "+slack_sdk", "-slack"), ("+slack_sdk", "+slack", "-slack"))),
    "`pip uninstall slack_sdk`, then `pip install --force-reinstall --no-deps .`": (
        True, (("+slack", "+slack_sdk", "-slack_sdk", "!slack"), ("+slack_sdk", "+slack", "-slack_sdk", "!slack"))),
    "`pip uninstall slack`, then `pip install --force-reinstall slack_sdk`": (
        True, (("+slack", "+slack_sdk", "-slack", "!slack_sdk"), ("+slack_sdk", "+slack", "-slack", "!slack_sdk"))),
}
COLUMNS = ["Installed", "`import slack` gives", "`slack.Configuration`", "`from slack import WebClient`",
           "`from slack.web import WebClient`", "`from slack_sdk import WebClient`", "`slack/py.typed`"]


def _readme_table() -> typing.List[typing.List[str]]:
    readme = (_REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Beside slack_sdk\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\|(.*)\|$", section, re.MULTILINE)
    return [[cell.strip() for cell in row.split("|")] for row in rows[:1] + rows[2:]]  # without the rule


def test_readme_table_has_a_row_for_each_install_order_and_uninstall() -> None:
    header, *rows = _readme_table()

    assert header == COLUMNS
    assert [row[0] for row in rows] == list(SCENARIOS)
    assert all(len(row) == len(COLUMNS) for row in rows)


# --- slow: the real slack_sdk, both orders, in a venv -----------------------------------------------------

slow = pytest.mark.skipif(os.environ.get("SLACK_SLOW_TESTS") != "1",
                          reason="builds venvs and installs slack_sdk from PyPI: set SLACK_SLOW_TESTS=1")

# Runs inside the venv: each import in order, in one fresh process, with the warnings each one raised.
_PROBE = r'''
import json, sys, warnings

def attempt(code):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            exec(code, {})
            outcome = {"ok": True}
        except Exception as e:
            missing = e.name if isinstance(e, ModuleNotFoundError) else None
            outcome = {"ok": False, "error": type(e).__name__, "missing": missing}
    outcome["warnings"] = [[w.category.__name__, str(w.message)] for w in caught]
    return outcome

def qualname(value):
    return f"{value.__module__}.{value.__qualname__}"

report = {"import slack": attempt("import slack")}
slack = sys.modules.get("slack")
kind = None
if slack is not None:
    kind = ("namespace" if getattr(slack, "__file__", None) is None
            else "ours" if "ApiClient" in vars(slack) else "shim")
report["kind"] = kind
for code in ("import slack; slack.Configuration", "from slack import WebClient", "from slack.web import WebClient",
             "from slack_sdk import WebClient"):
    report[code] = attempt(code)
names = {}
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    if kind == "shim":
        names = {n: qualname(v) for n, v in vars(slack).items() if getattr(v, "__module__", "").startswith("slack_sdk")}
    elif kind == "ours" and report["from slack import WebClient"]["ok"]:
        names = {n: qualname(getattr(slack, n)) for n in slack._SHIM_NAMES}
report["names"] = names
print(json.dumps(report))
'''


class _Venv:
    """A venv with this package's dependencies, where slack and slack_sdk are installed and removed by wheel."""

    def __init__(self, root: pathlib.Path, wheels: typing.Dict[str, pathlib.Path]) -> None:
        self.root = root
        self.wheels = wheels
        subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True, timeout=120)
        self.python = str(root / "venv" / ("Scripts" if os.name == "nt" else "bin") / "python")
        self.site = pathlib.Path(self._python("-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"))

    def _python(self, *args: str) -> str:
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "SLACKCLIENT_SKIP_DEPRECATION", "PIP_REQUIRE_VIRTUALENV")}
        result = subprocess.run([self.python, *args], cwd=self.root, env={**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
                                capture_output=True, text=True, timeout=240, check=False)
        assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
        return result.stdout.strip()

    def pip(self, *args: str) -> None:
        self._python("-m", "pip", "-q", *args)

    def step(self, step: str) -> None:
        action, name = step[0], step[1:]
        if action == "+":
            self.pip("install", "--no-deps", str(self.wheels[name]))
        elif action == "!":
            self.pip("install", "--force-reinstall", "--no-deps", str(self.wheels[name]))
        else:
            self.pip("uninstall", "-y", name)

    def reset(self) -> None:
        self.pip("uninstall", "-y", "slack", "slack_sdk")
        shutil.rmtree(self.site / "slack", ignore_errors=True)  # what an uninstall leaves, such as __pycache__

    def probe(self) -> typing.Dict[str, typing.Any]:
        report: typing.Dict[str, typing.Any] = json.loads(self._python("-c", _PROBE))
        report["py.typed"] = (self.site / "slack" / "py.typed").exists()
        return report


def _cell(outcome: typing.Dict[str, typing.Any], kind: typing.Optional[str] = None) -> str:
    """An outcome in the README's words: "works", "`AttributeError`", "`ModuleNotFoundError` (aiohttp)"..."""
    if not outcome["ok"]:
        return f"`{outcome['error']}`" + (f" ({outcome['missing']})" if outcome["missing"] else "")
    text = {"ours": "this package", "shim": "slack_sdk's shim", "namespace": "a namespace package", None: "works"}[
        kind]
    categories = sorted({category for category, _ in outcome["warnings"]})
    return text + ("; warns " + ", ".join(f"`{c}`" for c in categories) if categories else "")


def _row(report: typing.Dict[str, typing.Any]) -> typing.List[str]:
    return [
        _cell(report["import slack"], report["kind"]),
        _cell(report["import slack; slack.Configuration"]),
        _cell(report["from slack import WebClient"]),
        _cell(report["from slack.web import WebClient"]),
        _cell(report["from slack_sdk import WebClient"]),
        "there" if report["py.typed"] else "deleted",
    ]


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> typing.Dict[str, pathlib.Path]:
    """This package's wheel, and slack_sdk's newest wheel from PyPI.

    Ours is the one in ``$SLACK_DIST`` when CI has built it there, else one built from a copy of the source
    tree, so that the build writes nothing into the repository.
    """
    root = tmp_path_factory.mktemp("wheels")
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    built = sorted(pathlib.Path(os.environ.get("SLACK_DIST") or root).glob("slack-*.whl"))
    if not built:
        source = root / "source"
        shutil.copytree(_PACKAGE, source / "slack", ignore=shutil.ignore_patterns("__pycache__"))
        for path in _REPO_ROOT.iterdir():  # pyproject.toml, README.md, requirements.txt...
            if path.is_file():
                shutil.copy2(path, source / path.name)
        subprocess.run([*pip, "wheel", "--no-deps", "-w", str(root), str(source)], check=True, timeout=240)
        built = sorted(root.glob("slack-*.whl"))
    subprocess.run([*pip, "download", "--no-deps", "--only-binary", ":all:", "-d", str(root), "slack_sdk"],
                   check=True, timeout=240)
    return {"slack": built[-1], "slack_sdk": next(root.glob("slack_sdk-*.whl"))}


def _slack_files(wheel: pathlib.Path) -> typing.Set[str]:
    with zipfile.ZipFile(wheel) as z:
        return {name for name in z.namelist() if name.startswith("slack/")}


@pytest.fixture(scope="module")
def measured(wheels: typing.Dict[str, pathlib.Path], tmp_path_factory: pytest.TempPathFactory) -> typing.Dict[
        str, typing.List[typing.Dict[str, typing.Any]]]:
    """Each scenario's probe report, once per step list: first the rows without aiohttp, then the others."""
    venv = _Venv(tmp_path_factory.mktemp("coexistence"), wheels)
    venv.pip("install", "-r", str(_REPO_ROOT / "requirements.txt"))
    reports: typing.Dict[str, typing.List[typing.Dict[str, typing.Any]]] = {}
    for with_aiohttp in (False, True):
        if with_aiohttp:
            venv.pip("install", "aiohttp")
        for row, (needs_aiohttp, step_lists) in SCENARIOS.items():
            if needs_aiohttp != with_aiohttp:
                continue
            for steps in step_lists:
                venv.reset()
                for step in steps:
                    venv.step(step)
                reports.setdefault(row, []).append(venv.probe())
    return reports


@slow
@pytest.mark.timeout(300)
def test_our_wheel_shares_only_init_and_py_typed_with_the_shims_wheel(
        wheels: typing.Dict[str, pathlib.Path]) -> None:
    ours, shim = _slack_files(wheels["slack"]), _slack_files(wheels["slack_sdk"])

    assert ours & shim == SHARED_FILES
    _check_no_other_shared_path(ours)


@slow
@pytest.mark.timeout(300)
def test_the_recorded_shim_files_are_what_slack_sdk_ships_today(wheels: typing.Dict[str, pathlib.Path]) -> None:
    shim = _slack_files(wheels["slack_sdk"])

    assert shim == SHIM_FILES, (
        f"{wheels['slack_sdk'].name} changed its slack/ files from {SHIM_SLACK_SDK_VERSION}'s: update SHIM_FILES, "
        f"and slack/__init__.py's marker and names if the shim changed: +{sorted(shim - SHIM_FILES)} "
        f"-{sorted(SHIM_FILES - shim)}")
    with zipfile.ZipFile(wheels["slack_sdk"]) as z:
        assert z.read("slack/deprecation.py").decode().count("warnings.warn(message)") == 1
    assert slack._SHIM_MARKER == "deprecation.py" and f"slack/{slack._SHIM_MARKER}" in shim


@slow
@pytest.mark.timeout(300)
def test_both_install_orders_and_uninstalls_do_what_the_readme_table_says(
        measured: typing.Dict[str, typing.List[typing.Dict[str, typing.Any]]]) -> None:
    table = {}
    for row, reports in measured.items():
        cells = [_row(report) for report in reports]
        assert all(c == cells[0] for c in cells), f"{row}: the install orders differ: {cells}"
        table[row] = cells[0]

    print("\n".join("| " + " | ".join([row, *cells]) + " |" for row, cells in table.items()))  # for -s
    _, *readme_rows = _readme_table()
    assert table == {row[0]: row[1:] for row in readme_rows}


@slow
@pytest.mark.timeout(300)
def test_with_our_init_the_shims_names_are_slack_sdks_with_the_shims_deprecation_warning(
        measured: typing.Dict[str, typing.List[typing.Dict[str, typing.Any]]]) -> None:
    shim, = measured["slack, then slack_sdk"]
    ours, = measured["slack_sdk, then slack"]

    assert (shim["kind"], ours["kind"]) == ("shim", "ours")
    assert sorted(shim["names"]) == list(SHIM_NAMES)
    assert ours["names"] == shim["names"]
    assert shim["import slack"]["warnings"] == [["UserWarning", SHIM_DEPRECATION]]
    assert ours["from slack import WebClient"]["warnings"] == [["UserWarning", SHIM_DEPRECATION]]
    shim_warning, = ours["import slack"]["warnings"]
    assert shim_warning[0] == "SlackSdkShimWarning"
