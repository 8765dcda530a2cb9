"""Conditional GETs across API processes, and the round trips of a read.

Two gunicorn API processes serve one database (SQLite, MariaDB or
PostgreSQL); on the servers, the processes reach the database through a
loopback proxy that counts round trips (a burst from the client after the
server spoke is one) and can drop every connection.
"""

import json
import os
import select
import socket
import threading
import urllib.error
import urllib.request

import fixtures
import sqlalchemy as sa
import testscenarios

from tests.fixtures import base
from tests.fixtures import server
from tests.fixtures import tcp_proxy

load_tests = testscenarios.load_tests_apply_scenarios

MEMBER = 'alice:%s:member' % server.PROJECT


class CountingProxy(tcp_proxy.TcpProxy):
    """A proxy that counts round trips: client bursts after the server
    spoke (or the first of a connection)."""

    def __init__(self, target):
        super().__init__(target)
        self.trips = 0
        self._count_lock = threading.Lock()

    def cut(self):
        # A listener closed while its thread waits in accept() keeps the
        # port bound on Linux; shut it down first so restore() can bind.
        if self._listener is not None:
            try:
                self._listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        super().cut()

    stop = cut

    def _pump(self, client, upstream):
        sockets = [client, upstream]
        last = None
        try:
            while True:
                readable, _, _ = select.select(sockets, [], [], 0.2)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    if sock is client and last is not client:
                        with self._count_lock:
                            self.trips += 1
                    last = sock
                    (upstream if sock is client else client).sendall(data)
        except (OSError, ValueError):
            return
        finally:
            client.close()
            upstream.close()


def call(service, method, path, body=None, token=None, headers=None):
    """(status, headers, parsed body or raw bytes) of one request."""
    data = json.dumps(body).encode() if body is not None else None
    # One name for both processes, as behind a load balancer (links
    # name the host, so the answers would differ otherwise).
    sent = {'Content-Type': 'application/json', 'Host': 'api.test:8779'}
    if token:
        sent['X-Auth-Token'] = token
    sent.update(headers or {})
    request = urllib.request.Request(service.endpoint() + path, data=data,
                                     method=method, headers=sent)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            status, got, text = answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        status, got, text = error.code, error.headers, error.read()
    try:
        parsed = json.loads(text) if text else text
    except ValueError:
        parsed = text
    return status, got, parsed


class TwoProcessesTestCase(base.TestCase):

    scenarios = base.ENGINE_SCENARIOS

    def setUp(self):
        super().setUp()
        url = base.empty_database_url(self, self.engine)
        self.proxy = None
        if self.engine != 'sqlite':
            parsed = sa.engine.make_url(url)
            self.proxy = CountingProxy((parsed.host, parsed.port)).start()
            self.addCleanup(self.proxy.stop)
            url = parsed.set(host='127.0.0.1', port=self.proxy.port)
            url = url.render_as_string(hide_password=False)
        self.one, self.two = [
            self.useFixture(server.Service(database=url, wsgi_server=True))
            for _ in range(2)]

    def create_version(self, service, name):
        status, _, body = call(service, 'POST', '/mgmt/datastore-versions', {
            'version': {'name': name, 'datastore_name': 'mysql',
                        'datastore_manager': 'mysql', 'active': True,
                        'image_tags': ['trove', 'mysql']}})
        self.assertEqual(202, status, body)

    def catalog(self):
        """Every kind of catalog GET, on a small catalog."""
        self.create_version(self.one, '5.7.29')
        _, _, listing = call(self.one, 'GET', '/mgmt/datastore-versions')
        version = listing['versions'][0]['id']
        status, _, body = call(
            self.one, 'POST', '/mgmt/datastores/versions/%s/parameters'
            % version, {'configuration-parameter': {
                'name': 'max_connections', 'data_type': 'integer',
                'restart_required': False, 'min_size': 1,
                'max_size': 500}})
        self.assertEqual(200, status, body)
        status, _, body = call(self.one, 'POST', '/configurations', {
            'configuration': {'name': 'g', 'values': {'max_connections': 9},
                              'datastore': {'type': 'mysql',
                                            'version': '5.7.29'}}})
        self.assertEqual(200, status, body)
        group = body['configuration']['id']
        params = '/datastores/mysql/versions/5.7.29/parameters'
        return ['/datastores', '/datastores/mysql',
                '/datastores/mysql/versions',
                '/datastores/mysql/versions/5.7.29',
                '/datastores/versions/%s' % version,
                params, params + '/max_connections',
                '/datastores/versions/%s/parameters' % version,
                '/mgmt/datastore-versions',
                '/mgmt/datastore-versions/%s' % version,
                '/mgmt/datastores/versions/%s/parameters' % version,
                '/configurations', '/configurations/%s' % group]


class TestConditionalGets(TwoProcessesTestCase):

    def test_etag_and_not_modified_on_every_catalog_get(self):
        for path in self.catalog():
            status, headers, body = call(self.one, 'GET', path)
            self.assertEqual(200, status, (path, body))
            tag = headers['ETag']
            self.assertTrue(tag and tag.startswith('"'), (path, tag))
            for service in (self.one, self.two):
                status, headers, body = call(
                    service, 'GET', path,
                    headers={'If-None-Match': 'W/"x", ' + tag})
                self.assertEqual((304, b'', tag),
                                 (status, body, headers['ETag']), path)
            # The other process renders the same answer, same tag.
            status, headers, again = call(self.two, 'GET', path)
            self.assertEqual((200, tag), (status, headers['ETag']), path)
            # Another caller's answer is another representation.
            if '/mgmt/' not in path:
                status, headers, _ = call(self.one, 'GET', path,
                                          token=MEMBER)
                self.assertEqual(200, status, path)
                self.assertNotEqual(tag, headers['ETag'], path)

    def test_a_write_changes_what_every_process_serves(self):
        self.create_version(self.one, 'v00')
        path = '/datastores/mysql/versions'
        stop = threading.Event()

        def keep_reading():
            # Keeps the second process's cache full of the answer from
            # before each write while it commits.
            while not stop.is_set():
                call(self.two, 'GET', path)

        reader = threading.Thread(target=keep_reading)
        reader.start()
        self.addCleanup(reader.join)
        self.addCleanup(stop.set)
        for index in range(1, 7):
            writer, other = ((self.one, self.two) if index % 2
                             else (self.two, self.one))
            _, headers, _ = call(other, 'GET', path)
            before = headers['ETag']
            self.create_version(writer, 'v%02d' % index)
            # The write's answer has arrived: no process may answer from
            # before it, with or without the old tag.
            for service in (other, writer):
                status, headers, body = call(
                    service, 'GET', path, headers={'If-None-Match': before})
                self.assertEqual(200, status)
                self.assertNotEqual(before, headers['ETag'])
                names = [v['name'] for v in body['versions']]
                self.assertIn('v%02d' % index, names)


class TestRoundTrips(TwoProcessesTestCase):

    scenarios = [('mysql', {'engine': 'mysql'}),
                 ('postgresql', {'engine': 'postgresql'})]

    def trips(self, path, requests=20, headers=None):
        call(self.one, 'GET', path, headers=headers)
        before = self.proxy.trips
        for _ in range(requests):
            status, _, body = call(self.one, 'GET', path, headers=headers)
            self.assertIn(status, (200, 304), body)
        return (self.proxy.trips - before) / requests

    def test_at_most_two_round_trips_per_read(self):
        paths = self.catalog()
        for path in paths:
            # The admin version answers show the image the tags resolve
            # to now: rendered every time (generation, body, rollback).
            most = 3 if path.startswith('/mgmt/datastore-versions') else 2
            self.assertLessEqual(self.trips(path), most, path)
            _, headers, _ = call(self.one, 'GET', path)
            self.assertLessEqual(self.trips(path, headers={
                'If-None-Match': headers['ETag']}), most, path)

    def test_a_dropped_connection_costs_no_error(self):
        # No ping before each use: the connections the proxy drops are
        # found dead by the next statement, and the work runs again.
        self.create_version(self.one, 'v1')
        for service in (self.one, self.two):
            self.assertEqual(200, call(service, 'GET', '/datastores')[0])
        self.proxy.cut()
        self.proxy.restore()
        self.assertEqual(200, call(self.one, 'GET', '/datastores')[0])
        self.create_version(self.two, 'v2')
        status, _, body = call(self.one, 'GET', '/datastores/mysql/versions')
        self.assertEqual(['v1', 'v2'], sorted(
            v['name'] for v in body['versions']))


class TestImageCatalogMoves(base.TestCase):
    """An admin version answer shows the image its tags resolve to now:
    a new image in the catalog changes it without any write here, so it
    is never served from before the upload, tag or cache."""

    scenarios = [('sqlite', {'engine': 'sqlite'})]

    def write_catalog(self, images):
        with open(self.catalog_file, 'w') as catalog:
            json.dump({'images': images}, catalog)

    def test_a_new_image_changes_the_answer_and_its_tag(self):
        self.catalog_file = os.path.join(
            self.useFixture(fixtures.TempDir()).path, 'catalog.json')
        old = {'id': 'old-image', 'tags': ['trove', 'mysql'],
               'status': 'active', 'created_at': '2026-01-01T00:00:00Z'}
        self.write_catalog([old])
        service = self.useFixture(server.Service(
            wsgi_server=True, catalog_file=self.catalog_file))
        status, _, body = call(service, 'POST', '/mgmt/datastore-versions', {
            'version': {'name': '5.7.29', 'datastore_name': 'mysql',
                        'datastore_manager': 'mysql', 'active': True,
                        'image_tags': ['trove', 'mysql']}})
        self.assertEqual(202, status, body)
        _, _, listing = call(service, 'GET', '/mgmt/datastore-versions')
        paths = ['/mgmt/datastore-versions',
                 '/mgmt/datastore-versions/%s'
                 % listing['versions'][0]['id']]
        tags = {}
        for path in paths:
            _, headers, _ = call(service, 'GET', path)
            tags[path] = headers['ETag']
            status, _, body = call(service, 'GET', path,
                                   headers={'If-None-Match': tags[path]})
            self.assertEqual((304, b''), (status, body), path)
        new = dict(old, id='new-image', created_at='2026-06-01T00:00:00Z')
        self.write_catalog([old, new])
        for path in paths:
            status, headers, body = call(
                service, 'GET', path, headers={'If-None-Match': tags[path]})
            self.assertEqual(200, status, path)
            self.assertNotEqual(tags[path], headers['ETag'], path)
            shown = body.get('versions', [body.get('version')])[0]
            self.assertEqual('new-image', shown['resolved_image'], path)
