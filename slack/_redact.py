"""The one place that hides secrets: every log line, exception message and repr goes through here."""
import typing

__all__ = ["SENSITIVE_HEADERS", "redact_headers", "redact_url"]

# Header values that are credentials: the bearer token and proxy passwords.
SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


def redact_headers(headers: typing.Mapping[str, str]) -> typing.Dict[str, str]:
    """A copy of ``headers`` safe to log: credential values become ``(redacted)``."""
    return {k: "(redacted)" if k.lower() in SENSITIVE_HEADERS else v for k, v in headers.items()}


def redact_url(url: typing.Optional[str]) -> typing.Optional[str]:
    """``url`` without a ``user:password@`` part, which proxy URLs often carry."""
    if not url or "@" not in url:
        return url
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    authority, slash, path = rest.partition("/")
    if "@" in authority:
        authority = "(redacted)@" + authority.rpartition("@")[2]
    return f"{scheme}://{authority}{slash}{path}"
