# hand-written in the generated style
"""A Python client for Slack's ``rtm.connect``, in the shape of an openapi-generator 6.x client.

    import slack
    from slack.apis.tags import rtm_api

    with slack.ApiClient(slack.Configuration()) as api_client:
        r = rtm_api.RtmApi(api_client).rtm_connect(query_params={"token": token})
        r.body["team"]["id"]
"""
import logging

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
]

# A library logs, the application decides where: no output unless asked.
logging.getLogger("slack").addHandler(logging.NullHandler())
