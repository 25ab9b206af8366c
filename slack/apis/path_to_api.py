"""Maps each path to its API class."""
import typing

from slack.apis.paths.rtm_connect import RtmConnect
from slack.paths import PathValues

__all__ = ["PathToApi", "path_to_api"]

PathToApi = typing.TypedDict("PathToApi", {"/rtm.connect": typing.Type[RtmConnect]})

path_to_api: typing.Dict[PathValues, typing.Type[RtmConnect]] = {PathValues.RTM_CONNECT: RtmConnect}
