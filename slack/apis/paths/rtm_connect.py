"""``RtmConnect``: the ``/rtm.connect`` path, with ``get``."""
from slack.paths.rtm_connect.get import ApiForget

__all__ = ["RtmConnect"]


class RtmConnect(ApiForget):
    """``/rtm.connect``."""
