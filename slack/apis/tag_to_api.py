"""Maps each tag to its API class."""
import typing

from slack.apis.tags import TagValues
from slack.apis.tags.rtm_api import RtmApi

__all__ = ["TagToApi", "tag_to_api"]

class TagToApi(typing.TypedDict):
    rtm: typing.Type[RtmApi]

tag_to_api: typing.Dict[TagValues, typing.Type[RtmApi]] = {TagValues.RTM: RtmApi}
