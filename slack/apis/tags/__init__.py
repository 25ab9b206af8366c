"""The API's tags, as generated clients name them."""
import enum

__all__ = ["TagValues"]


class TagValues(str, enum.Enum):
    RTM = "rtm"
