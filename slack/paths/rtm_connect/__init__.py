"""``/rtm.connect``: one module per HTTP verb."""
from slack.paths import PathValues

__all__ = ["path"]

path = PathValues.RTM_CONNECT
