"""The whole exception tree of the package, in one place::

    OpenApiException                 the base of everything raised here
    ├── ApiTypeError (TypeError)     bad input, a wrong type: nothing was sent
    ├── ApiValueError (ValueError)   bad input, a bad value: nothing was sent
    ├── ApiAttributeError            an undeclared attribute of a schema value
    ├── ApiKeyError (KeyError)       an undeclared or absent key of a schema value
    └── ApiException                 the call was sent and did not end in a valid success
        ├── ApiConnectionError       no HTTP response: refused, dropped, TLS, proxy (status 0)
        │   └── ApiTimeoutError      a timeout, or the call's deadline
        └── RtmError                 Slack's error reply on the RTM websocket (.code, .msg)

Every exception here survives ``pickle`` (minus the live ``api_response``), none
of them ever puts a token or a response body in its message, and every message
is one line: text a server chose is escaped, never printed raw.
"""
import typing

from slack._redact import one_line

__all__ = [
    "OpenApiException",
    "ApiTypeError",
    "ApiValueError",
    "ApiAttributeError",
    "ApiKeyError",
    "ApiException",
    "ApiConnectionError",
    "ApiTimeoutError",
    "RtmError",
]

PathToItem = typing.Tuple[typing.Union[str, int], ...]


class OpenApiException(Exception):
    """The base of every exception the package raises."""


class _PathError(OpenApiException):
    """Shared behaviour of the input errors: a message and where the bad value sits."""

    def __init__(self, msg: str, path_to_item: typing.Optional[PathToItem] = None) -> None:
        # A message may name a key a server chose; keep it to one line whatever that key holds.
        super().__init__(one_line(msg) if isinstance(msg, str) else msg)
        self.path_to_item = path_to_item

    def __reduce__(self) -> typing.Tuple[typing.Any, ...]:
        return (type(self), (self.args[0],), self.__dict__)  # path_to_item and ApiTypeError's extras


class ApiTypeError(_PathError, TypeError):
    """A value has the wrong type: a parameter, a setting or a response field."""

    def __init__(
        self,
        msg: str,
        path_to_item: typing.Optional[PathToItem] = None,
        valid_classes: typing.Optional[typing.Tuple[type, ...]] = None,
        key_type: typing.Optional[bool] = None,
    ) -> None:
        super().__init__(msg, path_to_item)
        self.valid_classes = valid_classes
        self.key_type = key_type


class ApiValueError(_PathError, ValueError):
    """A value has the right type but breaks a rule: pattern, enum, range, header safety."""


class ApiAttributeError(_PathError, AttributeError):
    """An attribute that the schema does not declare was asked for."""


class ApiKeyError(_PathError, KeyError):
    """A key that the schema does not declare, or that is absent, was asked for."""

    def __str__(self) -> str:
        # KeyError would repr() the message; we want it as written.
        return str(self.args[0])


class ApiException(OpenApiException):
    """The call was sent and did not end in a valid success.

    ``status`` is the HTTP status (0 when no response came), ``error`` the Slack
    error code when the body had one, ``retry_after`` the seconds Slack asked to
    wait on a 429, ``body`` the raw bytes, ``headers`` the response headers,
    ``api_response`` the deserialized error response when there was one.
    """

    def __init__(
        self,
        status: typing.Optional[int] = None,
        reason: typing.Optional[str] = None,
        api_response: typing.Any = None,
        *,
        body: typing.Optional[bytes] = None,
        headers: typing.Optional[typing.Mapping[str, str]] = None,
        error: typing.Optional[str] = None,
        retry_after: typing.Optional[float] = None,
        message: typing.Optional[str] = None,
    ) -> None:
        self.status = status
        self.reason = reason
        self.api_response = api_response
        self.body = body
        self.headers = headers
        self.error = error
        self.retry_after = retry_after
        self.message = message
        super().__init__(self._summary())

    @property
    def request_id(self) -> typing.Optional[str]:
        """Slack's ``x-slack-req-id``, for a support ticket."""
        if self.headers is None:
            return None
        return self.headers.get("x-slack-req-id")

    def _summary(self) -> str:
        # The error code, reason phrase, Slack's detail and the request id are the server's
        # words: escaped, so that a message stays one line and cannot drive a terminal. An empty
        # or blank one says nothing and is left out, not printed as "(200) : " or "(x-slack-req-id: )".
        def said(value: typing.Optional[str]) -> typing.Optional[str]:
            return one_line(value) if isinstance(value, str) and value.strip() else None

        text = f"({self.status})"
        name = said(self.error) or said(self.reason)
        if name:
            text += f" {name}"
        message = said(self.message)
        if message:
            text += f": {message}"
        if self.retry_after is not None:
            text += f" (retry after {self.retry_after:g} s)"
        request_id = said(self.request_id)
        if request_id:
            text += f" (x-slack-req-id: {request_id})"
        return text

    def __str__(self) -> str:
        return self._summary()

    def __reduce__(self) -> typing.Tuple[typing.Any, ...]:
        # The live urllib3 response behind api_response cannot cross a process
        # boundary; everything a user reads from the exception can.
        state = dict(self.__dict__, api_response=None)
        return (_rebuild, (type(self), state))


def _rebuild(cls: typing.Type[ApiException], state: typing.Dict[str, typing.Any]) -> ApiException:
    exc = cls.__new__(cls)
    exc.__dict__.update(state)
    exc.args = (exc._summary(),)
    return exc


class ApiConnectionError(ApiException):
    """No HTTP response came: refused, reset or dropped connection, DNS or TLS failure."""

    def __init__(self, message: str, *, reason: typing.Optional[str] = None) -> None:
        super().__init__(status=0, reason=reason, message=message)


class ApiTimeoutError(ApiConnectionError):
    """Connecting or waiting for the response took longer than the timeout."""


class RtmError(ApiException):
    """Slack answered on the RTM websocket with an error: ``code`` and ``msg`` from its ``error`` object."""

    def __init__(self, code: typing.Optional[int], msg: typing.Optional[str]) -> None:
        self.code = code
        self.msg = msg
        super().__init__(status=0, reason="rtm error", message=f"code {code}: {msg}")


for _cls in (OpenApiException, ApiTypeError, ApiValueError, ApiAttributeError, ApiKeyError,
             ApiException, ApiConnectionError, ApiTimeoutError, RtmError):
    _cls.__module__ = "slack"
del _cls
