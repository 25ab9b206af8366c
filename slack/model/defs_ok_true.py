"""``DefsOkTrue``: the ``ok: true`` of every Slack success."""
from slack import schemas

__all__ = ["DefsOkTrue"]


class DefsOkTrue(schemas.BoolSchema):
    """default success response"""

    class MetaOapg:
        enum_value_to_name = {True: "TRUE"}
