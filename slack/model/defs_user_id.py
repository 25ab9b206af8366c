"""``DefsUserId``: a Slack user ID such as ``U4X318ZMZ`` (``W`` for Enterprise Grid users)."""
from slack import schemas

__all__ = ["DefsUserId"]


class DefsUserId(schemas.StrSchema):
    """User ID"""

    class MetaOapg:
        regex = r"^[UW][A-Z0-9]{2,}$"
