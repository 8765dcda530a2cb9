"""The endpoints the benchmark drives, built from the seeded dataset.

``TARGETS`` are the five reads issue 16 compares with upstream Trove (with
the ratio each must reach); ``EXTRA`` are the other reads of the catalog,
measured on this service only; ``PAGES`` are the paged reads compared
between the small and the large dataset (the first page on the small one,
a page from the middle on the large one, so both are full pages).
"""

import json

from tools.bench import seed

# name: (kind, upstream ratio to reach)
TARGETS = {
    'GET /datastores': ('list', 30),
    'mgmt version list': ('list', 100),
    'parameter list': ('list', 5),
    'version show': ('show', 5),
    'config list': ('list', 30),
}
EXTRA = ('datastore show', 'mgmt version show', 'parameter show',
         'configuration show', 'version list of a datastore')
PAGES = ('datastore page (20)', 'mgmt version page (100)',
         'config page (20)')


def _rules_version(dataset):
    for ds in dataset['datastores']:
        for version in ds['versions']:
            if version.get('rules'):
                return ds, version
    return dataset['datastores'][0], dataset['datastores'][0]['versions'][0]


def _middle(items):
    return items[len(items) // 2]


def paths(dataset, deep=False):
    """{name: path below /v1.0/<project>} of every endpoint."""
    datastores = dataset['datastores']
    ds = datastores[min(10, len(datastores) - 1)]
    version = ds['versions'][0]
    rules_ds, rules_version = _rules_version(dataset)
    params = '/datastores/%s/versions/%s/parameters' % (
        rules_ds['name'], rules_version['name'])
    groups = dataset.get('configurations') or ['none']
    found = {
        'GET /datastores': '/datastores',
        'mgmt version list': '/mgmt/datastore-versions',
        'parameter list': params,
        'version show': '/datastores/%s/versions/%s' % (ds['name'],
                                                        version['name']),
        'config list': '/configurations',
        'datastore show': '/datastores/%s' % ds['name'],
        'mgmt version show': '/mgmt/datastore-versions/%s' % version['id'],
        'parameter show': '%s/%s' % (params, dataset.get(
            'parameter', 'bench_param_0000')),
        'configuration show': '/configurations/%s' % groups[0],
        'version list of a datastore': '/datastores/%s/versions'
                                       % ds['name'],
        'datastore page (20)': '/datastores?limit=20',
        'mgmt version page (100)': '/mgmt/datastore-versions?limit=100',
        'config page (20)': '/configurations?limit=20',
    }
    if deep:
        # A marker in the middle: the page an index must find, not the
        # first rows of a table scan.
        middle_ds = _middle(datastores)
        found['datastore page (20)'] += '&marker=%s' % middle_ds['id']
        found['mgmt version page (100)'] += '&marker=%s' % (
            middle_ds['versions'][0]['id'])
        found['config page (20)'] += '&marker=%s' % _middle(groups)
    return found


def url(path, project=seed.PROJECT):
    return '/v1.0/%s%s' % (project, path)


def items(body):
    """Rows in an answer: list items plus nested versions."""
    try:
        document = json.loads(body)
    except ValueError:
        return 0
    for key, value in document.items():
        if isinstance(value, list) and key != 'links':
            nested = sum(len(item.get('versions', ()))
                         for item in value if isinstance(item, dict))
            return len(value) + nested
        if isinstance(value, dict) and key != 'links':
            return 1 + len(value.get('versions', ()))
    return 0
