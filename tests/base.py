"""Test bases: configuration isolation and real databases.

Functional tests run on SQLite, MariaDB and PostgreSQL. Each test process
creates one throw-away database per server, migrates it with the real
Alembic revisions, empties its tables between tests and drops it at exit.
With CI=true a server that does not answer fails the test; elsewhere the
test is skipped with the reason.
"""

import atexit
import os
import uuid

import fixtures
from oslo_config import fixture as config_fixture
import sqlalchemy as sa
import testtools

from trove_datastore.conf import CONF
from trove_datastore.db import api as db_api
from trove_datastore.db import migration
from trove_datastore.db import models
from trove_datastore.db import sqlite
from trove_datastore import images
from trove_datastore import policy

from oslo_db.sqlalchemy import enginefacade

ADMIN_URLS = {
    'mysql': os.environ.get(
        'TD_TEST_MYSQL_URL',
        'mysql+pymysql://root@127.0.0.1:3306/?charset=utf8mb4'),
    'postgresql': os.environ.get(
        'TD_TEST_POSTGRESQL_URL',
        'postgresql+psycopg2://postgres@127.0.0.1:5432/postgres'),
}

ENGINES = ('sqlite', 'mysql', 'postgresql')
ENGINE_SCENARIOS = [(name, {'engine': name}) for name in ENGINES]

IN_CI = os.environ.get('CI', '').lower() in ('1', 'true', 'yes')

ETC = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), 'etc', 'trove')


class TestCase(testtools.TestCase):
    """Isolated configuration and policy for every test."""

    def setUp(self):
        super().setUp()
        self.conf = self.useFixture(config_fixture.Config(CONF))
        CONF([], project='trove', default_config_files=[])
        self.conf.config(source='file',
                         catalog_file=os.path.join(ETC, 'image-catalog.json'),
                         group='image')
        policy.reset()
        self.addCleanup(policy.reset)
        images.set_source(None)
        self.addCleanup(images.set_source, None)


class _ServerDatabase(object):
    """A throw-away database on a server, dropped at process exit."""

    def __init__(self, engine_name):
        self.engine_name = engine_name
        self.name = 'td_test_%s' % uuid.uuid4().hex[:12]
        admin_url = sa.engine.make_url(ADMIN_URLS[engine_name])
        self.admin = sa.create_engine(admin_url, isolation_level='AUTOCOMMIT',
                                      poolclass=sa.pool.NullPool)
        with self.admin.connect() as connection:
            if engine_name == 'mysql':
                connection.execute(sa.text(
                    'CREATE DATABASE %s CHARACTER SET utf8mb4' % self.name))
            else:
                connection.execute(sa.text('CREATE DATABASE %s' % self.name))
        self.url = admin_url.set(database=self.name)
        atexit.register(self.drop)

    def drop(self):
        with self.admin.connect() as connection:
            if self.engine_name == 'postgresql':
                connection.execute(sa.text(
                    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity '
                    "WHERE datname = '%s' AND pid <> pg_backend_pid()"
                    % self.name))
            connection.execute(sa.text('DROP DATABASE IF EXISTS %s'
                                       % self.name))
        self.admin.dispose()


_SERVER_DATABASES = {}
_UNAVAILABLE = {}


def server_database(test, engine_name):
    """The migrated database of ``engine_name`` for this process, or skip
    (fail in CI) when the server does not answer."""
    if engine_name in _UNAVAILABLE:
        _unavailable(test, engine_name, _UNAVAILABLE[engine_name])
    if engine_name not in _SERVER_DATABASES:
        try:
            _SERVER_DATABASES[engine_name] = _ServerDatabase(engine_name)
        except sa.exc.OperationalError as error:
            _UNAVAILABLE[engine_name] = str(error).splitlines()[0]
            _unavailable(test, engine_name, _UNAVAILABLE[engine_name])
    return _SERVER_DATABASES[engine_name]


def empty_database_url(test, engine_name):
    """The URL of a new, empty database of ``engine_name`` (dropped at
    cleanup)."""
    if engine_name == 'sqlite':
        tmp = test.useFixture(fixtures.TempDir()).path
        return 'sqlite:///%s/empty.sqlite' % tmp
    server_database(test, engine_name)
    database = _ServerDatabase(engine_name)
    test.addCleanup(database.drop)
    return database.url.render_as_string(hide_password=False)


def _unavailable(test, engine_name, reason):
    message = '%s server not reachable: %s' % (engine_name, reason)
    if IN_CI:
        test.fail(message)
    test.skipTest(message)


class Database(fixtures.Fixture):
    """A migrated database patched into the enginefacade for one test."""

    def __init__(self, test, engine_name='sqlite'):
        super().__init__()
        self.test = test
        self.engine_name = engine_name
        self.migrated = {}

    def _setUp(self):
        if self.engine_name == 'sqlite':
            tmp = self.useFixture(fixtures.TempDir()).path
            url = 'sqlite:///%s/test.sqlite' % tmp
        else:
            server = server_database(self.test, self.engine_name)
            url = server.url.render_as_string(hide_password=False)
        facade = enginefacade.transaction_context()
        facade.configure(connection=url, sqlite_fk=True,
                         max_retries=0, connection_recycle_time=3600)
        self.url = url
        self.engine = facade.writer.get_engine()
        # As the service's own facade does (db/api.py).
        sqlite.queue_writers(self.engine)
        reset = db_api.context_manager.patch_factory(facade)
        self.addCleanup(reset)
        self.addCleanup(self.engine.dispose)
        if self.engine_name == 'sqlite' or url not in _MIGRATED:
            migration.upgrade(self.engine)
            _MIGRATED.add(url)
        self.addCleanup(self._empty)
        self.statements = StatementCounter(self.engine)

    def _empty(self):
        with self.engine.begin() as connection:
            for table in reversed(models.Base.metadata.sorted_tables):
                connection.execute(table.delete())


_MIGRATED = set()


class StatementCounter(object):
    """Counts SQL statements sent on an engine."""

    def __init__(self, engine):
        self.count = 0
        self.statements = []
        sa.event.listen(engine, 'before_cursor_execute', self._seen)

    def _seen(self, conn, cursor, statement, parameters, context, many):
        self.count += 1
        self.statements.append(statement)

    def reset(self):
        self.count = 0
        self.statements = []


class DatabaseTestCase(TestCase):
    engine = 'sqlite'

    def setUp(self):
        super().setUp()
        self.db = self.useFixture(Database(self, self.engine))
