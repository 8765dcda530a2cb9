"""limit/marker handling shared by every list."""

from trove_datastore import exception


class Page(object):
    """What a list request asked for: at most ``limit`` rows after
    ``marker``. ``limit`` None means everything."""

    def __init__(self, limit=None, marker=None):
        self.limit = limit
        self.marker = marker

    @classmethod
    def from_query(cls, query, default_limit=None, max_limit=None):
        raw_limit = query.get('limit')
        marker = query.get('marker') or None
        limit = default_limit
        if raw_limit not in (None, ''):
            try:
                limit = int(raw_limit)
            except ValueError:
                raise exception.BadRequest(
                    "Invalid limit '%s': it must be a positive integer."
                    % raw_limit[:64])
            if limit < 1:
                raise exception.BadRequest(
                    "Invalid limit '%s': it must be a positive integer."
                    % raw_limit[:64])
        if limit is not None and max_limit is not None:
            limit = min(limit, max_limit)
        return cls(limit, marker)

    def cut(self, rows):
        """Trim rows fetched with ``limit + 1``; returns (rows, next_marker
        row or None)."""
        if self.limit is not None and len(rows) > self.limit:
            rows = rows[:self.limit]
            return rows, rows[-1]
        return rows, None

    def fetch_size(self):
        return None if self.limit is None else self.limit + 1


def marker_not_found(marker):
    return exception.BadRequest("Marker '%s' could not be found."
                                % str(marker)[:64])
