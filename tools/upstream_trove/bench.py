"""Time import_from_trove and publish_to_trove on a large catalog.

    python tools/upstream_trove/bench.py [--engine mysql|postgresql]

Seeds a Trove 26 database (schema by upstream's own db_sync, on a
throw-away MariaDB database) with 20 datastores x 10 versions x 102 rules
(upstream's mysql validation-rules.json) and 200 configuration groups, then
times, with this service's database on --engine:
import, the second (no-op) import, publish into a second empty Trove
database, and the second (no-op) publish. Each is one trove-manage run.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

import sqlalchemy as sa

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
sys.path.insert(0, REPO)

from tests.fixtures import server  # noqa: E402
from tests.fixtures import upstream_trove  # noqa: E402

DATASTORES, VERSIONS, GROUPS = 20, 10, 200


def seed(trove, rules_file):
    with open(rules_file) as source:
        rules = json.load(source)['configuration-parameters']
    datastores, versions, params, groups, values = [], [], [], [], []
    for d in range(DATASTORES):
        ds_id = str(uuid.uuid4())
        for v in range(VERSIONS):
            v_id = str(uuid.uuid4())
            versions.append({
                'id': v_id, 'datastore_id': ds_id, 'name': '8.%d' % v,
                'version': '8.%d.1' % v, 'manager': 'mysql', 'image_id': '',
                'image_tags': 'trove,mysql', 'packages': '', 'active': True,
                'registry_ext': 'x', 'repl_strategy': 'y'})
            params.extend({
                'id': str(uuid.uuid4()), 'name': r['name'],
                'datastore_version_id': v_id,
                'restart_required': r['restart_required'],
                'min_size': None if r.get('min') is None else str(r['min']),
                'max_size': None if r.get('max') is None else str(r['max']),
                'data_type': r['type']} for r in rules)
        datastores.append({'id': ds_id, 'name': 'mysql-%02d' % d,
                           'default_version_id': v_id})
    for g in range(GROUPS):
        g_id = str(uuid.uuid4())
        groups.append({'id': g_id, 'name': 'group-%03d' % g,
                       'tenant_id': 'project-%d' % (g % 7),
                       'datastore_version_id': versions[g]['id'],
                       'deleted': False})
        values.extend([
            {'configuration_id': g_id, 'configuration_key': key,
             'configuration_value': value, 'deleted': False}
            for key, value in (('max_connections', str(100 + g)),
                               ('autocommit', '1'),
                               ('wait_timeout', '600'))])
    engine = sa.create_engine(trove.url, poolclass=sa.pool.NullPool)
    meta = sa.MetaData()
    meta.reflect(engine, only=['datastores', 'datastore_versions',
                               'datastore_configuration_parameters',
                               'configurations', 'configuration_parameters'])
    with engine.begin() as connection:
        for table, rows in (('datastores', datastores),
                            ('datastore_versions', versions),
                            ('datastore_configuration_parameters', params),
                            ('configurations', groups),
                            ('configuration_parameters', values)):
            connection.execute(meta.tables[table].insert(), rows)
    engine.dispose()
    return len(params)


def manage(conf_file, *args):
    start = time.monotonic()
    result = subprocess.run(
        [server.executable('trove-manage'), '--config-file', conf_file]
        + list(args), capture_output=True, text=True)
    took = time.monotonic() - start
    if result.returncode:
        sys.exit('trove-manage %s failed: %s' % (args[0], result.stderr))
    return took, result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--engine', default='mysql',
                        choices=['mysql', 'postgresql'])
    args = parser.parse_args()
    source = upstream_trove.UpstreamTrove('mysql', api=False)
    target = upstream_trove.UpstreamTrove('mysql', api=False)
    source.setUp()
    target.setUp()
    url, drop = upstream_trove.throwaway_database(args.engine)
    try:
        rules = seed(source, source.rules_file('mysql'))
        workdir = tempfile.mkdtemp(prefix='td-bench-')
        conf_file = os.path.join(workdir, 'trove.conf')
        with open(conf_file, 'w') as conf:
            conf.write('[database]\nconnection = %s\n' % url)
        manage(conf_file, 'db_sync')
        print('catalog: %d datastores x %d versions, %d rules, %d groups; '
              'this service on %s' % (DATASTORES, VERSIONS, rules, GROUPS,
                                      args.engine))
        for label, command, trove in (
                ('import', 'import_from_trove', source),
                ('import again (no-op)', 'import_from_trove', source),
                ('publish (empty Trove)', 'publish_to_trove', target),
                ('publish again (no-op)', 'publish_to_trove', target)):
            took, out = manage(conf_file, command, '--connection', trove.url)
            print('%-24s %6.2f s   %s' % (label, took,
                                          out.strip().splitlines()[2]))
    finally:
        drop()
        source.cleanUp()
        target.cleanUp()


if __name__ == '__main__':
    main()
