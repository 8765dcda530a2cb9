"""Database round trips per request, from MariaDB's own counters.

``SHOW GLOBAL STATUS`` is read before and after ``requests`` sequential
GETs of one URL. What is counted, per request:

- ``trips``: ``Questions`` (every statement a client sent: ``SELECT``,
  ``COMMIT``, ``ROLLBACK``, ``SET``...) plus ``Com_admin_commands``
  (``COM_PING``, which Questions leaves out: a pool pre-ping is one). It
  is the round-trip figure the issue bounds. The reading of the counters
  itself is one question and is taken off.
- the parts: ``Com_select``, ``Com_admin_commands`` (pings), ``Com_begin``,
  ``Com_commit``, ``Com_rollback``, ``Com_set_option`` (``SET``) and
  ``other`` (the rest of Questions).

Connects and disconnects are not commands (``Connections`` is shown
apart: a pool that reconnects per request would show there). The counters
are global, so other clients of the same server inflate a window; the
smallest of ``windows`` windows is kept, since others can only add.
"""

import sqlalchemy as sa

from tools.bench import wire

PARTS = (('select', 'Com_select'), ('ping', 'Com_admin_commands'),
         ('begin', 'Com_begin'), ('commit', 'Com_commit'),
         ('rollback', 'Com_rollback'), ('set', 'Com_set_option'))
NAMES = ('Questions', 'Connections') + tuple(name for _, name in PARTS)


class Counters(object):

    def __init__(self, admin_url):
        self.engine = sa.create_engine(admin_url,
                                       isolation_level='AUTOCOMMIT',
                                       pool_size=1)
        self.connection = self.engine.connect()

    def read(self):
        rows = self.connection.execute(sa.text(
            "SHOW GLOBAL STATUS WHERE Variable_name IN (%s)" % ', '.join(
                "'%s'" % name for name in NAMES)))
        return {name: int(value) for name, value in rows}

    def close(self):
        self.connection.close()
        self.engine.dispose()


def _window(counters, get, url, requests):
    before = counters.read()
    wire.drive(get, url, requests)
    after = counters.read()
    delta = {name: after[name] - before[name] for name in NAMES}
    # The second SHOW STATUS is counted when it runs.
    delta['Questions'] -= 1
    figures = {key: delta[name] / requests for key, name in PARTS}
    figures['trips'] = (delta['Questions']
                        + delta['Com_admin_commands']) / requests
    figures['other'] = figures['trips'] - sum(figures[key]
                                              for key, _ in PARTS)
    figures['connects'] = delta['Connections'] / requests
    return figures


def per_request(counters, get, url, requests=50, windows=2):
    """The quietest window's per-request figures (see the module)."""
    best = None
    for _ in range(windows):
        figures = _window(counters, get, url, requests)
        if best is None or figures['trips'] < best['trips']:
            best = figures
    return {key: round(value, 2) for key, value in best.items()}


def describe(figures):
    """'2 (select 1, rollback 1)'-style text of :func:`per_request`."""
    parts = ['%s %g' % (key, figures[key])
             for key in [k for k, _ in PARTS] + ['other'] if figures[key]]
    return '%g (%s)' % (figures['trips'], ', '.join(parts) or 'none')
