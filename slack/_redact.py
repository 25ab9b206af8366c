"""The one place that makes text safe to show: every log line, exception message and repr goes through here.

Secrets (tokens, passwords in URLs) are hidden, and text a server chose is
escaped so that it stays on one line and cannot drive a terminal.
"""
import re
import typing

__all__ = ["SENSITIVE_HEADERS", "one_line", "redact_headers", "redact_url"]

# Header values that are credentials: the bearer token and proxy passwords.
SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})

# C0 and C1 controls, DEL, the line and paragraph separators, and lone surrogates (which cannot be printed).
_UNSAFE_CHARACTERS = "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]"


def _escape(match: typing.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``text`` with control characters escaped (``\\n`` becomes ``\\x0a``): one printable line."""
    # Compiled on first use (re caches it), not at import: it takes a good part of a millisecond.
    return re.sub(_UNSAFE_CHARACTERS, _escape, text)


def redact_headers(headers: typing.Mapping[str, str]) -> typing.Dict[str, str]:
    """A copy of ``headers`` safe to log: credential values become ``(redacted)``."""
    return {k: "(redacted)" if k.lower() in SENSITIVE_HEADERS else v for k, v in headers.items()}


def redact_url(url: typing.Optional[str]) -> typing.Optional[str]:
    """``url`` without a ``user:password@`` part, which proxy URLs often carry.

    A password may hold any character (``/``, ``@``, ``:``, ``%``), so everything
    from the scheme up to the last ``@`` is hidden: a URL is over-redacted
    rather than ever showing a password.
    """
    if not url or "@" not in url:
        return url
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "(redacted)@" + url.rpartition("@")[2]
    return f"{scheme}://(redacted)@{rest.rpartition('@')[2]}"
