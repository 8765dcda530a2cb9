"""The endpoints the benchmark drives, built from the seeded dataset.

Bounded answers come first and unpaged lists last, so that the server's
memory figures of paged requests are not inflated by a whole-table answer
(a page of datastores holds every version of each, so it comes late too).
Parameter and configuration endpoints are measured when the service
answers them; until then they are reported as "skipped: not available".
"""

import json
import re

from tools.bench import seed

# Endpoints that belong to work which may not have landed yet.
OPTIONAL = ('parameters', 'configurations')


def _version_with_rules(dataset):
    for ds in dataset['datastores']:
        for version in ds['versions']:
            if version.get('rules'):
                return ds, version
    middle = dataset['datastores'][len(dataset['datastores']) // 2]
    return middle, middle['versions'][0]


def build(dataset, args):
    """[{name, kind, path, url}] in measuring order."""
    datastores = dataset['datastores']
    middle = datastores[len(datastores) // 2]
    version = middle['versions'][0]
    first = datastores[0]
    limit = args.limit
    rules_ds, rules_version = _version_with_rules(dataset)
    params = '/datastores/%s/versions/%s/parameters' % (
        rules_ds['name'], rules_version['name'])
    parameter = dataset.get('parameter', 'bench_param_0000')
    group = (dataset.get('configurations') or ['none'])[0]
    entries = [
        ('mgmt version list, paged', 'list',
         '/mgmt/datastore-versions?limit=%d&marker=%s'
         % (limit, first['versions'][0]['id'])),
        ('configuration list', 'list', '/configurations'),
        ('parameter list', 'list', params),
        ('parameter list by version id', 'list',
         '/datastores/versions/%s/parameters' % rules_version['id']),
        ('mgmt parameter list', 'list',
         '/mgmt/datastores/versions/%s/parameters' % rules_version['id']),
        ('version list of a datastore', 'list',
         '/datastores/%s/versions' % middle['name']),
        ('datastore show', 'show', '/datastores/%s' % middle['name']),
        ('version show', 'show', '/datastores/%s/versions/%s'
         % (middle['name'], version['name'])),
        ('version show by id', 'show',
         '/datastores/versions/%s' % version['id']),
        ('mgmt version show', 'show',
         '/mgmt/datastore-versions/%s' % version['id']),
        ('parameter show', 'show', '%s/%s' % (params, parameter)),
        ('mgmt parameter show', 'show', '/mgmt/datastores/versions/%s/'
         'parameters/%s' % (rules_version['id'], parameter)),
        ('configuration show', 'show', '/configurations/%s' % group),
        # A page of datastores carries every version of each of them.
        ('datastore list, paged', 'list',
         '/datastores?limit=%d&marker=%s' % (limit, first['id'])),
    ]
    if not args.no_unpaged:
        entries += [
            ('datastore list', 'list', '/datastores'),
            ('mgmt version list', 'list', '/mgmt/datastore-versions'),
        ]
    endpoints = []
    for name, kind, path in entries:
        if args.only and not re.search(args.only, name):
            continue
        endpoints.append({'name': name, 'kind': kind, 'path': path,
                          'url': '/v1.0/%s%s' % (seed.PROJECT, path)})
    return endpoints


def _optional_part(endpoint):
    for part in OPTIONAL:
        if part in endpoint['path']:
            return part
    return None


def probe(endpoints, dataset, get):
    """Mark what cannot be measured; record each answer's item count."""
    for endpoint in endpoints:
        part = _optional_part(endpoint)
        missing = dataset['skipped'].get(
            'rules' if part == 'parameters' else part)
        if missing:
            endpoint['skipped'] = missing
            continue
        status, body = get(endpoint['url'])
        if status != 200 and part:
            endpoint['skipped'] = 'not available (HTTP %d)' % status
            continue
        if status != 200:
            raise RuntimeError('%s answered %d: %s' % (
                endpoint['url'], status, body[:300]))
        endpoint['items'] = _items(json.loads(body))


def _items(document):
    """Rows in an answer: list items, and nested versions for
    datastores."""
    for key, value in document.items():
        if isinstance(value, list) and key != 'links':
            nested = sum(len(item.get('versions', ()))
                         for item in value if isinstance(item, dict))
            return len(value) + nested
        if isinstance(value, dict) and key != 'links':
            return 1 + len(value.get('versions', ()))
    return 0


def describe(dataset):
    versions = sum(len(ds['versions']) for ds in dataset['datastores'])
    return {
        'datastores': len(dataset['datastores']),
        'versions': versions,
        'rule_versions': dataset.get('rule_versions', 0),
        'configurations': len(dataset.get('configurations') or ()),
        'create_version_statements': dataset['create_version_statements'],
        'seed_seconds': {k: round(v, 1)
                         for k, v in dataset['seed_seconds'].items()},
        'skipped': dataset['skipped'],
    }
