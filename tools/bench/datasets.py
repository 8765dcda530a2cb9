"""Seed a dataset in a throw-away database, in a child process.

The service's configuration and database facade are global and can be
configured once per process, and a run seeds up to two databases (the
20 x 10 catalog and the large one), so each is seeded by a forked child
that loads its own trove.conf; the parent only gets the dataset's
description back (names, ids, statement counts).
"""

import multiprocessing
import os
import traceback

from tools.bench import seed

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
CATALOG = os.path.join(REPO, 'etc', 'trove', 'image-catalog.json')


def write_conf(workdir, name, url, extra=''):
    """A trove.conf for ``url`` (noauth unless ``extra`` says otherwise)."""
    path = os.path.join(workdir, '%s.conf' % name)
    auth = '' if '[api]' in extra else '[api]\nauth_strategy = noauth\n\n'
    with open(path, 'w') as conf:
        conf.write(
            '[DEFAULT]\nlog_file = %s\n\n%s%s\n'
            '[database]\nconnection = %s\nmax_pool_size = 10\n\n'
            '[image]\nsource = file\ncatalog_file = %s\n'
            % (os.path.join(workdir, '%s.log' % name), auth, extra, url,
               CATALOG))
    return path


def _seed(options, conf_file, url, grow, counters_url, say):
    from trove_datastore.db import api as db_api
    from trove_datastore import service

    seed.migrate(url)
    service.prepare(default_config_files=[conf_file])
    db_api.configure(service.CONF)
    counter = seed.StatementCounter()
    image_id = seed.catalog_image(CATALOG)
    dataset = seed.seed(options, counter, image_id, say)
    if grow:
        from tools.bench import scale
        say('cloning to %d datastores and %d groups' % grow)
        scale.grow(url, dataset, *grow)
    if counters_url:
        from tools.bench import dbcount
        counters = dbcount.Counters(counters_url)
        try:
            dataset['operations'] = seed.operation_costs(
                options, counter, image_id, counters)
        finally:
            counters.close()
    db_api.get_engine().dispose()
    return dataset


def _child(queue, *args):
    try:
        queue.put(('ok', _seed(*args)))
    except BaseException:
        queue.put(('error', traceback.format_exc()))


def build(options, conf_file, url, say, grow=None, counters_url=None):
    """Seed ``url`` as ``options`` say (then clone up to ``grow`` =
    (datastores, groups)); measure the write operations when
    ``counters_url`` is given. Returns the dataset description."""
    context = multiprocessing.get_context('fork')
    queue = context.Queue()
    child = context.Process(target=_child, args=(
        queue, options, conf_file, url, grow, counters_url, say))
    child.start()
    status, value = queue.get()
    child.join()
    if status != 'ok':
        raise RuntimeError('seeding failed:\n%s' % value)
    return value
