"""``DefsOkFalse``: the ``ok: false`` of every Slack error."""
from slack import schemas

__all__ = ["DefsOkFalse"]


class DefsOkFalse(schemas.BoolSchema):
    """default failure response"""

    class MetaOapg:
        enum_value_to_name = {False: "FALSE"}
