"""The run: databases, servers and the measuring order of each section.

Everything a run starts is recorded here and torn down by
:meth:`Run.cleanup` whatever happens: servers (gunicorn, upstream
trove-api, Keystone) and throw-away databases.
"""

import argparse
import os
import time

from sqlalchemy.engine import url as sa_url

from tools.bench import datasets
from tools.bench import dbcount
from tools.bench import endpoints
from tools.bench import measure
from tools.bench import seed
from tools.bench import servers
from tools.bench import wire
from tools.bench import wrk

KEYSTONE_READS = ('version show', 'GET /datastores')


class Run(object):

    def __init__(self, args, workdir, say):
        self.args = args
        self.workdir = workdir
        self.say = say
        self.servers = []
        self.databases = []
        self.keystone = None
        self.counters = None
        self.results = {'config': {k: v for k, v in vars(args).items()
                                   if k != 'python'}, 'rounds': {}}

    # -- set-up -------------------------------------------------------
    def _database(self):
        database = seed.ThrowAwayDatabase('mariadb', self.workdir,
                                          self.args.db_url)
        self.databases.append(database)
        return database

    def _gunicorn(self, conf_file, name):
        server = servers.gunicorn(conf_file, self.workdir,
                                  self.args.threads, name)
        self.servers.append(server)
        return server

    def _small(self):
        database = self._database()
        conf = datasets.write_conf(self.workdir, 'small', database.url)
        self.say('seeding %d datastores x %d versions through the manager'
                 % (self.args.datastores, self.args.versions))
        started = time.monotonic()
        dataset = datasets.build(self.args, conf, database.url, self.say,
                                 counters_url=self.admin_url())
        self.results['seed_seconds'] = {'small': round(
            time.monotonic() - started, 1)}
        self.results['operations'] = dataset.pop('operations', [])
        return database, conf, dataset

    def admin_url(self):
        return self.args.db_url or seed.SERVER_URLS['mariadb']

    def _upstream(self):
        """(server, factory of a server on another database URL)."""
        self.say('upstream Trove 26: venv, schema, the same catalog')
        venv = servers.upstream_venv()
        database = self._database()

        def start(url, name='upstream'):
            workdir = os.path.join(self.workdir, name)
            os.makedirs(workdir, exist_ok=True)
            port = servers.free_port()
            conf = servers.upstream_conf(workdir, url, port)
            if name == 'upstream':
                servers.upstream_schema(venv, conf, workdir)
                publish_into(self.small_conf, url)
            server = servers.upstream_trove(venv, conf, workdir, port)
            self.servers.append(server)
            return server

        return start(database.url), database.url, lambda url: start(
            url, 'upstream-counting')

    def _keystone(self):
        self.say('Keystone in %s' % self.args.keystone_dir)
        self.keystone = servers.Keystone(self.args.keystone_dir,
                                         self.args.keystone_port)
        stack = self.keystone.start()
        token, project = servers.keystone_token(stack)
        extra = servers.keystone_conf(stack)
        return (self._ours(self.small_db.url, 'keystone', extra),
                lambda url: self._ours(url, 'keystone-counting', extra),
                token, project)

    def _ours(self, url, name, extra=''):
        conf = datasets.write_conf(self.workdir, name, url, extra)
        return self._gunicorn(conf, 'gunicorn-' + name)

    def _large(self):
        database = self._database()
        conf = datasets.write_conf(self.workdir, 'large', database.url)
        options = argparse.Namespace(**dict(
            vars(self.args), datastores=min(20, self.args.datastores),
            rule_versions=2))
        started = time.monotonic()
        dataset = datasets.build(options, conf, database.url, self.say,
                                 grow=(self.args.scale_datastores,
                                       self.args.scale_groups))
        self.results['seed_seconds']['large'] = round(
            time.monotonic() - started, 1)
        self.results['large'] = {
            'datastores': len(dataset['datastores']),
            'versions': sum(len(d['versions'])
                            for d in dataset['datastores']),
            'groups': len(dataset['configurations'])}
        return self._ours(database.url, 'large'), database.url, dataset

    # -- measuring ----------------------------------------------------
    def execute(self):
        args = self.args
        wanted = set(args.sections)
        self.results['load_tool'] = 'wrk' if wrk.available() else \
            'python (wrk missing)'
        self.counters = dbcount.Counters(self.admin_url())
        self.small_db, self.small_conf, small = self._small()
        self.results['dataset'] = {
            'datastores': len(small['datastores']),
            'versions': sum(len(d['versions']) for d in small['datastores']),
            'rule_versions': small.get('rule_versions', 0),
            'groups': len(small.get('configurations') or ())}
        ours = self._gunicorn(self.small_conf, 'gunicorn')
        paths = endpoints.paths(small)
        names = self._core_names(wanted)
        counting = lambda url: self._ours(url, 'counting')  # noqa: E731
        plan = [Entry('ours', ours, {n: paths[n] for n in names},
                      self.small_db.url, counting)]
        if 'upstream' in wanted:
            server, url, factory = self._upstream()
            plan.append(Entry('upstream', server, {
                n: paths[n] for n in endpoints.TARGETS}, url, factory))
        if 'keystone' in wanted:
            server, factory, token, project = self._keystone()
            plan.append(Entry('keystone', server, {
                n: paths[n] for n in KEYSTONE_READS}, self.small_db.url,
                factory, project, {'X-Auth-Token': token}))
        if 'scale' in wanted:
            server, url, large = self._large()
            deep = endpoints.paths(large, deep=True)
            plan.append(Entry('large', server, {
                n: deep[n] for n in endpoints.PAGES
                + ('version show', 'configuration show')}, url,
                lambda url: self._ours(url, 'large-counting')))
        self._measure(plan)
        if args.profile:
            # After the servers stopped, so the two do not share the CPU.
            for server in self.servers:
                server.stop()
            from tools.bench import profiling
            self.say('profiling %d requests in-process' % args.profile)
            self.results['profile'] = profiling.profile_in_child(
                {n: endpoints.url(paths[n]) for n in ('version show',
                                                      'GET /datastores')},
                self.small_conf, args.profile)
        return self.results

    def _core_names(self, wanted):
        names = []
        if 'core' in wanted:
            names += list(endpoints.TARGETS) + list(endpoints.EXTRA)
        if 'upstream' in wanted:
            names += list(endpoints.TARGETS)
        if 'keystone' in wanted:
            names += list(KEYSTONE_READS)
        if 'scale' in wanted or 'core' in wanted:
            names += list(endpoints.PAGES)
        return list(dict.fromkeys(names))

    def _trips(self, entry, probes):
        """Round trips on a second server like ``entry``'s whose database
        connections go through the counting proxy (stopped after)."""
        self.say('%s: counting database round trips' % entry.label)
        proxy = wire.Proxy(target_of(entry.url))
        try:
            server = entry.counting(proxy_url(entry.url, proxy.port))
            try:
                return measure.round_trips(proxy, self.counters, server,
                                           probes, entry.headers)
            except RuntimeError as error:
                raise RuntimeError('%s; the server said:\n%s' % (
                    error, server.tail())) from error
            finally:
                server.stop()
                self.servers.remove(server)
        finally:
            proxy.close()

    def _measure(self, plan):
        probes = {}
        for entry in plan:
            probes[entry.label] = measure.probe_all(
                entry.server, entry.paths, entry.project, entry.headers)
            self.results.setdefault('trips', {})[entry.label] = \
                self._trips(entry, probes[entry.label])
        self.results['probes'] = probes
        stores = {entry.label: {} for entry in plan}
        for index in range(self.args.rounds):
            for entry in plan:
                self.say('round %d/%d: %s' % (index + 1, self.args.rounds,
                                              entry.label))
                measure.one_round(entry.server, probes[entry.label],
                                  self.args, stores[entry.label],
                                  entry.headers,
                                  floors=entry.label == 'ours')
        for label, store in stores.items():
            self.results['rounds'][label] = measure.summary(store)

    def cleanup(self):
        for server in reversed(self.servers):
            try:
                server.stop()
            except OSError as error:
                self.say('stopping %s: %s' % (server.name, error))
        if self.keystone is not None:
            try:
                self.keystone.stop()
            except RuntimeError as error:
                self.say(str(error))
        if self.counters is not None:
            self.counters.close()
        if not self.args.keep:
            for database in self.databases:
                database.drop()


class Entry(object):
    """What one server of the run is measured on, and how to start a
    twin of it on another database URL (for counting round trips)."""

    def __init__(self, label, server, paths, url, counting,
                 project=seed.PROJECT, headers=None):
        self.label = label
        self.server = server
        self.paths = paths
        self.url = url
        self.counting = counting
        self.project = project
        self.headers = headers


def target_of(url):
    parsed = sa_url.make_url(url)
    return parsed.host or '127.0.0.1', parsed.port or 3306


def proxy_url(url, port):
    return sa_url.make_url(url).set(host='127.0.0.1', port=port) \
        .render_as_string(hide_password=False)


def publish_into(conf_file, trove_url):
    """The catalog of ``conf_file``'s database published into upstream
    Trove's schema at ``trove_url`` by this service's publish_to_trove
    (in a child: the configuration is per process)."""
    import subprocess
    import sys
    result = subprocess.run(
        [sys.executable, '-m', 'trove_datastore.cmd.manage',
         '--config-file', conf_file, 'publish_to_trove', '--connection',
         trove_url], capture_output=True, text=True, timeout=600,
        cwd=servers.REPO)
    if result.returncode:
        raise RuntimeError('publish_to_trove failed: %s%s'
                           % (result.stdout[-1500:], result.stderr[-1500:]))
