"""The API's paths, as generated clients name them."""
import enum

__all__ = ["PathValues"]


class PathValues(str, enum.Enum):
    RTM_CONNECT = "/rtm.connect"
