"""One page of a list, written once for every list.

A list orders its rows completely (no two rows share every order key) and
pages by marker: the next page starts after the row the marker names. A
page is read with ``limit + 1`` rows, so one statement tells whether
another page follows.
"""

import sqlalchemy as sa

from trove_datastore import exception


class Page(object):
    """What a list request asked for: at most ``limit`` rows after
    ``marker``. ``limit`` None means everything."""

    def __init__(self, limit=None, marker=None):
        self.limit = limit
        self.marker = marker

    def fetch_size(self):
        return None if self.limit is None else self.limit + 1


def marker_not_found(marker):
    return exception.BadRequest("Marker '%s' could not be found."
                                % str(marker)[:64])


def start(session, page, keys=None, id_column=None):
    """The order keys the page starts after: None for a first page; the
    marker itself when ``keys`` is None (a list whose single order key is
    what its marker holds); else what the select ``keys`` finds for the
    row whose ``id_column`` is the marker (BadRequest when none)."""
    if not page.marker:
        return None
    if keys is None:
        return (page.marker,)
    found = session.execute(keys.where(id_column == page.marker)).first()
    if found is None:
        raise marker_not_found(page.marker)
    return tuple(found)


def _after(order, keys):
    # (a > x) or (a = x and (b > y ...)): a row comparison every engine
    # answers from the index on the order columns.
    column, value = order[0], keys[0]
    if len(order) == 1:
        return column > value
    return sa.or_(column > value,
                  sa.and_(column == value, _after(order[1:], keys[1:])))


def fetch(session, page, query, order, start=None):
    """One page of ``query``'s rows in ``order`` (a tuple of columns),
    after the order keys ``start``: ``(rows, last)``, where ``last`` is
    the page's last row when another page follows, else None."""
    if start is not None:
        query = query.where(_after(order, start))
    query = query.order_by(*order)
    if page.limit is not None:
        query = query.limit(page.fetch_size())
    rows = list(session.execute(query))
    if page.limit is not None and len(rows) > page.limit:
        rows = rows[:page.limit]
        return rows, rows[-1]
    return rows, None
