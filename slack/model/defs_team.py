"""``DefsTeam``: a Slack team (workspace) ID such as ``T2U81E2FP``."""
from slack import schemas

__all__ = ["DefsTeam"]


class DefsTeam(schemas.StrSchema):
    """Team ID"""

    class MetaOapg:
        regex = r"^[T][A-Z0-9]{2,}$"
