"""``RtmApi``: every operation tagged ``rtm``."""
from slack.paths.rtm_connect.get import RtmConnect

__all__ = ["RtmApi"]


class RtmApi(RtmConnect):
    """Real Time Messaging: ``rtm_connect``."""
