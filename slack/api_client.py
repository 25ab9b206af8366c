"""The machinery every endpoint module declares against.

``ApiClient`` builds a request (URL, query, headers, auth) and hands it to
``rest.RESTClientObject``. ``Api._call_oapg`` runs one endpoint call: it checks the
declared ``QueryParameter``s, sends, and turns the answer into a typed
``ApiResponse`` or an ``ApiException``. ``OpenApiResponse`` knows how a declared
response is decoded and validated.
"""
import enum
import functools
import json
import re
import typing
import urllib.parse

import urllib3
from urllib3._version import __version__ as urllib3_version

from slack import rest, schemas
from slack._redact import redact_url
from slack.configuration import Configuration, TimeoutValue
from slack.exceptions import ApiException, ApiTypeError, ApiValueError, OpenApiException

__all__ = [
    "ApiClient",
    "Api",
    "ApiResponse",
    "ApiResponseWithoutDeserialization",
    "OpenApiResponse",
    "MediaType",
    "QueryParameter",
    "ParameterStyle",
    "JSONEncoder",
]


class JSONEncoder(json.JSONEncoder):
    """Turns validated values back into plain JSON: ``json.dumps(body, cls=JSONEncoder)``."""

    def default(self, obj: typing.Any) -> typing.Any:
        if isinstance(obj, schemas.BoolClass):
            return bool(obj)
        if isinstance(obj, schemas.NoneClass):
            return None
        if isinstance(obj, typing.Mapping):
            return dict(obj)
        return super().default(obj)


class ParameterStyle(enum.Enum):
    """How generated clients name a parameter's serialization. Slack's Web API takes every query
    parameter in form style (``name=value``), the only one there is here; it stays importable for
    code written against generated clients."""

    FORM = "form"


class QueryParameter(typing.NamedTuple):
    """A declared query parameter, serialized in form style (``name=value``).

    ``credential=True`` marks Slack's ``token``: it is sent as
    ``Authorization: Bearer`` and never in the URL, where it would end up in
    proxy logs (and Slack refuses query-string tokens from newer apps).
    """

    name: str
    schema: typing.Type[schemas.Schema]
    required: bool = False
    credential: bool = False

    def serialize(self, value: typing.Any) -> str:
        if isinstance(value, schemas.BoolClass):
            return "true" if value else "false"
        return str(value)


class MediaType(typing.NamedTuple):
    schema: typing.Type[schemas.Schema]


class ApiResponse:
    """An answer: urllib3's ``response``, the typed ``body`` and ``headers``. Immutable.

    A plain slotted class rather than a frozen dataclass: importing ``dataclasses``
    (and ``inspect`` with it) would cost more than the rest of the package.
    Subclasses narrow the type of ``body``.
    """

    __slots__ = ("body", "headers", "response")
    response: urllib3.HTTPResponse
    body: typing.Any
    headers: typing.Any
    _fields: typing.ClassVar[typing.Tuple[str, ...]] = ("response", "body", "headers")

    def __init__(self, response: urllib3.HTTPResponse, body: typing.Any = schemas.unset,
                 headers: typing.Any = schemas.unset) -> None:
        object.__setattr__(self, "response", response)
        object.__setattr__(self, "body", body)
        object.__setattr__(self, "headers", headers)

    def __setattr__(self, name: str, value: typing.Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self._fields)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({shown})"


class ApiResponseWithoutDeserialization(ApiResponse):
    """What ``skip_deserialization=True`` returns: the raw urllib3 response, body unread."""

    __slots__ = ()
    body: schemas.Unset
    headers: schemas.Unset


@functools.lru_cache(maxsize=64)  # a handful of distinct Content-Type values, each parsed once
def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _reject_constant(name: str) -> typing.NoReturn:
    raise ValueError(f"{name} is not JSON")


# NaN and Infinity are not JSON; Python's decoder accepts them unless told not to.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


class OpenApiResponse:
    """A declared response: its ``ApiResponse`` class and its body schema per media type."""

    def __init__(
        self,
        response_cls: typing.Type[ApiResponse] = ApiResponse,
        content: typing.Optional[typing.Mapping[str, MediaType]] = None,
    ) -> None:
        self.response_cls = response_cls
        self.content = dict(content or {})

    def deserialize(
        self, response: urllib3.HTTPResponse, data: typing.Any, configuration: Configuration
    ) -> ApiResponse:
        """Validate decoded JSON ``data`` leniently: Slack adds keys its spec does not list."""
        media = self.content.get("application/json")
        body = schemas.unset if media is None else media.schema.validate_oapg(
            data, configuration, lenient=True, root="body")
        return self.response_cls(response=response, body=body)


def _decode(response: urllib3.HTTPResponse, raw: bytes) -> typing.Tuple[typing.Any, typing.Optional[str]]:
    """The JSON object of a response, or None and the reason it is not one."""
    content_type = response.headers.get("Content-Type", "")
    if not _is_json(content_type):
        return None, f"expected a JSON response, got {content_type or 'no Content-Type'}"
    if not raw or raw.isspace():  # not raw.strip(): that copies a large body
        return None, "the response body is empty"
    try:
        data = _DECODER.decode(raw.decode("utf-8"))
    except ValueError:
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding != "identity":
            # We ask for no content coding, so none is undone: inflating what nobody asked for invites bombs.
            return None, f"the response has Content-Encoding {encoding!r}, which was not asked for"
        return None, "the response body is not valid JSON"
    except RecursionError:
        # Valid JSON, perhaps, but deeper than Python's decoder can go.
        return None, "the response JSON is nested too deeply"
    if not isinstance(data, dict):
        return None, f"the response JSON is {type(data).__name__}, not an object"
    return data, None


class ApiClient:
    """Holds the configuration and the connection pool; use it as a context manager.

    Safe to share between threads: calls share the pool, and nothing per call is
    stored on the client.
    """

    def __init__(
        self,
        configuration: typing.Optional[Configuration] = None,
        header_name: typing.Optional[str] = None,
        header_value: typing.Optional[str] = None,
        cookie: typing.Optional[str] = None,
    ) -> None:
        from slack._version import __version__

        self.configuration = Configuration.get_default_copy() if configuration is None else configuration
        self.rest_client = rest.RESTClientObject(self.configuration)
        self.default_headers: typing.Dict[str, str] = {}
        if header_name is not None and header_value is not None:
            self.set_default_header(header_name, header_value)
        if cookie is not None:
            self.set_default_header("Cookie", cookie)
        self.user_agent = f"slack-python/{__version__} urllib3/{urllib3_version}"

    @property
    def user_agent(self) -> str:
        return self.default_headers["User-Agent"]

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.set_default_header("User-Agent", value)

    def set_default_header(self, header_name: str, header_value: str) -> None:
        """Send ``header_name: header_value`` with every call; a name already set, in any case, is replaced."""
        _check_header_name(header_name, "header_name")
        _check_header_value(header_value, f"header {header_name!r}")
        # Keep the spelling already there (user_agent reads "User-Agent").
        header_name = next(iter(_same_name(self.default_headers, header_name)), header_name)
        self.default_headers[header_name] = header_value

    def __enter__(self) -> "ApiClient":
        return self

    def __exit__(self, *exc: typing.Any) -> None:
        self.close()

    def close(self) -> None:
        """Release the pooled connections."""
        self.rest_client.close()

    def __repr__(self) -> str:
        return f"ApiClient(host={redact_url(self.configuration.host)!r})"

    def call_api(
        self,
        resource_path: str,
        method: str,
        headers: typing.Optional[typing.Mapping[str, str]] = None,
        query: typing.Sequence[typing.Tuple[str, str]] = (),
        auth_settings: typing.Sequence[str] = (),
        stream: bool = False,
        timeout: typing.Optional[TimeoutValue] = None,
        host: typing.Optional[str] = None,
    ) -> urllib3.HTTPResponse:
        """Send one request and return urllib3's response, whatever its status.

        Header names match in any case, so each goes out once: ``headers`` win over
        ``default_headers``, and the Authorization is the one from ``headers`` (the
        per-call token), else ``configuration.access_token``, else a default header.
        """
        headers = headers or {}
        given = {name.lower() for name in headers}
        if len(given) != len(headers):
            raise ApiValueError("headers has the same header name twice, in different cases")
        all_headers = {name: value for name, value in self.default_headers.items() if name.lower() not in given}
        all_headers.update(headers)
        if "authorization" not in given:
            self._apply_auth(all_headers, auth_settings)
        url = (host or self.configuration.host) + resource_path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        return self.rest_client.request(method, url, headers=all_headers, timeout=timeout, stream=stream)

    def _apply_auth(self, headers: typing.Dict[str, str], auth_settings: typing.Sequence[str]) -> None:
        """Put the configured credentials in ``headers``, replacing a default header of the same name."""
        if not auth_settings:
            return
        settings = self.configuration.auth_settings()
        for name in auth_settings:
            auth = settings.get(name)
            if auth is not None and auth["in"] == "header":
                _check_header_value(auth["value"], "configuration.access_token")
                for existing in _same_name(headers, auth["key"]):
                    del headers[existing]
                headers[auth["key"]] = auth["value"]


def _same_name(headers: typing.Mapping[str, str], name: str) -> typing.List[str]:
    """The names in ``headers`` that are ``name`` in another case (or the same): HTTP names match in any case."""
    lower = name.lower()
    return [existing for existing in headers if existing.lower() == lower]


# RFC 9110 5.6.2: a header name is a token. Anything else (CR, LF, ':', a space) could rewrite the request.
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")

# Visible ASCII only: a CR, LF or NUL in a header value would let a token rewrite the request.
_HEADER_SAFE = re.compile(r"[\x21-\x7e]+(?:[ \t]+[\x21-\x7e]+)*")


def _check_header(value: typing.Any, name: str, pattern: typing.Pattern[str], problem: str) -> None:
    if not isinstance(value, str):
        raise ApiTypeError(f"{name} must be a str, got {type(value).__name__}")
    if not pattern.fullmatch(value):
        raise ApiValueError(f"{name} {problem}")  # never the value: it is usually a token


def _check_header_name(value: typing.Any, name: str) -> None:
    _check_header(value, name, _HEADER_NAME,
                  "is not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only, at least one)")


def _check_header_value(value: typing.Any, name: str) -> None:
    _check_header(value, name, _HEADER_SAFE, "is empty or has characters not allowed in an HTTP header "
                  "(control characters, non-ASCII, or surrounding spaces)")


class Api:
    """The base of endpoint classes: runs one declared call through an ``ApiClient``."""

    def __init__(self, api_client: typing.Optional[ApiClient] = None) -> None:
        self.api_client = ApiClient() if api_client is None else api_client

    def _query_oapg(
        self, parameters: typing.Sequence[QueryParameter], query_params: typing.Any
    ) -> typing.Tuple[typing.List[typing.Tuple[str, str]], typing.Dict[str, str]]:
        """Check ``query_params`` against the declarations; nothing is sent if this raises."""
        if type(query_params) is not dict and not isinstance(query_params, typing.Mapping):
            raise ApiTypeError(f"query_params must be a dict, got {type(query_params).__name__}")
        declared = {p.name for p in parameters}
        for key in query_params:
            if key not in declared:
                raise ApiTypeError(
                    f"query_params has an unexpected key {key!r}; expected {sorted(declared)}",
                    path_to_item=("query_params", key))
        configuration = self.api_client.configuration
        query: typing.List[typing.Tuple[str, str]] = []
        headers: typing.Dict[str, str] = {}
        for param in parameters:
            if param.name not in query_params:
                if param.required:
                    raise ApiTypeError(f"query_params is missing required key {param.name!r}",
                                       path_to_item=("query_params", param.name))
                continue
            where = f"query_params[{param.name!r}]"
            value = param.schema.validate_oapg(query_params[param.name], configuration, root=where)
            if param.credential:
                _check_header_value(value, where)
                headers["Authorization"] = f"Bearer {value}"
            else:
                query.append((param.name, param.serialize(value)))
        return query, headers

    def _call_oapg(
        self,
        *,
        path: str,
        method: str,
        parameters: typing.Sequence[QueryParameter],
        query_params: typing.Any,
        responses: typing.Mapping[str, OpenApiResponse],
        default_response: OpenApiResponse,
        auth: typing.Sequence[str],
        accept_content_types: typing.Sequence[str],
        stream: bool,
        timeout: typing.Optional[TimeoutValue],
        skip_deserialization: bool,
    ) -> ApiResponse:
        query, headers = self._query_oapg(parameters, query_params)
        if (isinstance(accept_content_types, str) or not accept_content_types
                or not all(isinstance(c, str) for c in accept_content_types)):
            raise ApiTypeError("accept_content_types must be a non-empty tuple of str")
        headers["Accept"] = _accept_header(tuple(accept_content_types))

        response = self.api_client.call_api(
            path, method, headers=headers, query=query, auth_settings=auth, timeout=timeout,
            stream=stream and skip_deserialization)  # a body we deserialize is read within the call
        if skip_deserialization and 200 <= response.status <= 299:
            return ApiResponseWithoutDeserialization(response=response)
        return _handle_response(response, responses, default_response, self.api_client.configuration)


@functools.lru_cache(maxsize=64)  # calls repeat the same few tuples: join and check each once
def _accept_header(accept_content_types: typing.Tuple[str, ...]) -> str:
    header = ", ".join(accept_content_types)
    _check_header_value(header, "accept_content_types")
    return header


def _slack_detail(data: typing.Mapping[str, typing.Any], error: typing.Optional[str]) -> typing.Optional[str]:
    """What Slack says beyond the code, e.g. the scope a ``missing_scope`` needs."""
    parts = [] if error else ["ok: false without an error code"]
    parts += [f"{key} {value}" for key in ("needed", "provided")
              if isinstance(value := data.get(key), str) and value.strip()]  # "needed " says nothing
    return ", ".join(parts) or None


def _handle_response(
    response: urllib3.HTTPResponse,
    responses: typing.Mapping[str, OpenApiResponse],
    default_response: OpenApiResponse,
    configuration: Configuration,
) -> ApiResponse:
    """A validated success, or the ApiException that says what was wrong."""
    status = response.status
    raw: bytes = response.data or b""  # read (and bounded) by the transport
    data, problem = _decode(response, raw)

    def failure(message: typing.Optional[str], api_response: typing.Any = None,
                error: typing.Optional[str] = None) -> ApiException:
        if status == 429 and error is None:
            # A 429 is Slack rate limiting, whatever the body says: an HTML page, {"ok": false}, nothing.
            error = "ratelimited"
        return ApiException(
            status, response.reason, api_response, body=raw, headers=response.headers, error=error,
            retry_after=rest.retry_after_seconds(response.headers) if status == 429 else None, message=message)

    if data is None:
        ok_2xx = 200 <= status <= 299
        raise failure(problem if ok_2xx else f"HTTP {status} without a Slack JSON body ({problem})")

    # Slack answers errors with ok:false, at HTTP 200 as often as not.
    if data.get("ok") is False:
        error = data.get("error")
        if not isinstance(error, str) or not error.strip():
            error = None  # an empty code is no code: .error is None, and a 429 says "ratelimited"
        try:
            api_response = default_response.deserialize(response, data, configuration)
        except RecursionError as e:
            raise failure("the error response is nested too deeply", error=error) from e
        except OpenApiException as e:
            raise failure(f"the error response is malformed: {e}", error=error) from e
        raise failure(_slack_detail(data, error), api_response, error)

    declared = responses.get(str(status))
    if declared is None:
        raise failure(f"HTTP {status} is not a success")
    try:
        return declared.deserialize(response, data, configuration)
    except RecursionError as e:
        raise failure("the response is nested too deeply") from e
    except OpenApiException as e:
        raise failure(f"the response does not match the schema: {e}") from e
