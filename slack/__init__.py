"""A Python client for Slack's ``rtm.connect``, in the shape of an openapi-generator 6.x client.

    import slack
    from slack.apis.tags import rtm_api

    with slack.ApiClient(slack.Configuration()) as api_client:
        r = rtm_api.RtmApi(api_client).rtm_connect(query_params={"token": token})
        r.body["team"]["id"]
"""
import logging
import os
import typing
import warnings

from slack._version import __version__
from slack.api_client import ApiClient
from slack.configuration import Configuration
from slack.exceptions import (
    ApiAttributeError,
    ApiConnectionError,
    ApiException,
    ApiKeyError,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    OpenApiException,
    RtmError,
)

__all__ = [
    "__version__",
    "ApiClient",
    "Configuration",
    "OpenApiException",
    "ApiTypeError",
    "ApiValueError",
    "ApiKeyError",
    "ApiAttributeError",
    "ApiException",
    "ApiConnectionError",
    "ApiTimeoutError",
    "RtmError",
    "SlackSdkShimWarning",
]


class SlackSdkShimWarning(UserWarning):
    """``import slack`` found slack_sdk's deprecated ``slack`` package installed in the same directory."""


# slack_sdk (every 3.x) also installs a package named ``slack``: a deprecated shim made of slackclient 2.x's
# files plus ``deprecation.py``, which no other ``slack`` ships. Both distributions write slack/__init__.py
# and slack/py.typed; pip overwrites them silently and `pip check` sees nothing, so one stat here is the only
# place the clash can be noticed.
_SHIM_MARKER = "deprecation.py"

_SHIM_WARNING = (
    "slack_sdk's deprecated `slack` package is installed in the same directory as this one ({directory}). "
    "Both install slack/__init__.py and slack/py.typed, and whichever was installed last owns them: "
    "`pip uninstall slack_sdk` deletes this package's __init__.py and breaks `import slack`, and "
    "`pip uninstall slack` breaks slack_sdk's `slack` package (slack_sdk itself keeps working). "
    "Until then slack.WebClient and the shim's other names are served from slack_sdk. "
    "Fix: install slack and slack_sdk (or slack_bolt, which requires it) in separate virtual environments; "
    "see 'Beside slack_sdk' in the README."
)

# The shim's top-level names (slack_sdk 3.0.0 to 3.48.0), each with where slack_sdk keeps it.
_SHIM_NAMES: typing.Dict[str, typing.Tuple[str, str]] = {
    "RTMClient": ("slack_sdk.rtm", "RTMClient"),
    "AsyncWebClient": ("slack_sdk.web.async_client", "AsyncWebClient"),
    "WebClient": ("slack_sdk.web.legacy_client", "LegacyWebClient"),
    "AsyncWebhookClient": ("slack_sdk.webhook.async_client", "AsyncWebhookClient"),
    "WebhookClient": ("slack_sdk.webhook.client", "WebhookClient"),
}

# The shim's own deprecation warning, word for word (slack_sdk 3.48.0, slack/deprecation.py): a plain
# UserWarning, silenced by the same environment variable.
_SHIM_DEPRECATION = (
    "slack package is deprecated. Please use slack_sdk.web/webhook/rtm package instead. "
    "For more info, go to https://docs.slack.dev/tools/python-slack-sdk/v3-migration/"
)
_shim_deprecation_shown = False


def _warn_if_beside_slack_sdk() -> None:
    directory = os.path.dirname(__file__)
    if os.path.exists(os.path.join(directory, _SHIM_MARKER)):
        # stacklevel 3 is the module that imported slack (1 is here, 2 this module's body); CPython skips the
        # import machinery's own frames when counting.
        warnings.warn(_SHIM_WARNING.format(directory=directory), SlackSdkShimWarning, stacklevel=3)


def _shim_name(name: str) -> object:
    """``slack.WebClient`` and the shim's other names, from slack_sdk, as the shim gave them (PEP 562)."""
    global _shim_deprecation_shown
    try:
        module_name, attribute = _SHIM_NAMES[name]
    except KeyError:
        raise AttributeError(f"module 'slack' has no attribute {name!r}") from None
    import importlib

    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name != "slack_sdk":
            raise  # slack_sdk is there but lacks something, such as aiohttp: say so, as the shim did
        raise AttributeError(
            f"module 'slack' has no attribute {name!r}; {name} was a name of slack_sdk's deprecated `slack` "
            f"package, and slack_sdk is not installed (pip install slack_sdk, then import {name} from slack_sdk)"
        ) from None
    if not _shim_deprecation_shown:
        _shim_deprecation_shown = True
        if not os.environ.get("SLACKCLIENT_SKIP_DEPRECATION"):
            warnings.warn(_SHIM_DEPRECATION, UserWarning, stacklevel=2)
    value: object = getattr(module, attribute)
    return value


# Hidden from type checkers, so that they keep flagging misspelt names and the shim's deprecated ones.
if not typing.TYPE_CHECKING:
    __getattr__ = _shim_name

# A library logs, the application decides where: no output unless asked.
logging.getLogger("slack").addHandler(logging.NullHandler())
# The one other thing done at import: saying, once, that slack_sdk's shim shares this directory.
_warn_if_beside_slack_sdk()
