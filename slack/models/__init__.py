"""All models in one import: ``from slack.models import DefsTeam``."""
from slack.model.defs_ok_false import DefsOkFalse
from slack.model.defs_ok_true import DefsOkTrue
from slack.model.defs_team import DefsTeam
from slack.model.defs_user_id import DefsUserId

__all__ = ["DefsOkFalse", "DefsOkTrue", "DefsTeam", "DefsUserId"]
