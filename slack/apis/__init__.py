"""API classes grouped by tag (``apis.tags``) and by path (``apis.paths``)."""
