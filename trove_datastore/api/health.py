"""The database backend of ``GET /healthcheck``.

oslo.middleware's health check loads its backends by name from the
``oslo.middleware.healthcheck`` entry points; this one is ``database``,
on by default (``[healthcheck] backends``). It answers "unavailable" when
a fresh connection cannot run ``SELECT 1`` within ``[database]
connect_timeout`` (and ``query_timeout``), so a load balancer stops
sending requests to a process that cannot reach its database. The answer
is kept for :data:`CACHE_SECONDS`, so frequent checks cost at most one
connection per process in that time.
"""

import threading
import time

from oslo_log import log as logging
from oslo_middleware.healthcheck import pluginbase
import sqlalchemy as sa

from trove_datastore.db import api as db_api

LOG = logging.getLogger(__name__)

CACHE_SECONDS = 2.0

_lock = threading.Lock()
_cache = {}


def database_reachable():
    """Whether the database answers now (cached :data:`CACHE_SECONDS`)."""
    with _lock:
        now = time.monotonic()
        if _cache and now - _cache['at'] < CACHE_SECONDS:
            return _cache['ok']
        ok = _probe()
        _cache.update(ok=ok, at=time.monotonic())
        return ok


def _probe():
    try:
        url = db_api.get_engine().url
        # A connection of its own, not one from the pool: a pooled
        # connection to a silent server would wait the query timeout,
        # a new one only the connect timeout.
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as connection:
                connection.execute(sa.text('SELECT 1'))
        finally:
            engine.dispose()
    except Exception as error:  # noqa: B902 - any failure is "down"
        LOG.warning('Health check: the database is unreachable (%s)',
                    type(error).__name__)
        return False
    return True


def reset():
    """Forget the cached answer (tests)."""
    with _lock:
        _cache.clear()


class DatabaseCheck(pluginbase.HealthcheckBaseExtension):
    """``database``: available while the database answers."""

    def healthcheck(self, server_port):
        if database_reachable():
            return pluginbase.HealthcheckResult(
                available=True, reason='database reachable')
        return pluginbase.HealthcheckResult(
            available=False, reason='database unreachable')
