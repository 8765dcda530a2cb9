"""tools/bench/run: seed a dataset, serve it with gunicorn, load every
list and show endpoint, and compare each with a static floor of the same
size served by the same stack."""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from tools.bench import endpoints as endpoint_set
from tools.bench import load
from tools.bench import report

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
CATALOG = os.path.join(REPO, 'etc', 'trove', 'image-catalog.json')
HOST = '127.0.0.1'


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog='tools/bench/run', description=__doc__,
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument('--python', help='interpreter with the project '
                        'and test requirements (default: .venv if present, '
                        'else the one running this)')
    parser.add_argument('--db', choices=('mariadb', 'postgresql', 'sqlite'),
                        default='mariadb')
    parser.add_argument('--db-url', help='SQLAlchemy URL of an account '
                        'that may create databases (MariaDB/PostgreSQL)')
    parser.add_argument('--datastores', type=int, default=20)
    parser.add_argument('--versions', type=int, default=10,
                        help='versions per datastore')
    parser.add_argument('--rules', type=int, default=102,
                        help='configuration parameters per version')
    parser.add_argument('--rule-versions', type=int, default=0,
                        help='load rules into this many versions only '
                        '(0: every version)')
    parser.add_argument('--groups', type=int, default=20,
                        help='configuration groups')
    parser.add_argument('--values', type=int, default=10,
                        help='values per configuration group')
    parser.add_argument('--limit', type=int, default=100,
                        help='page size of the paged lists')
    parser.add_argument('--concurrency', type=int, default=8,
                        help='client connections')
    parser.add_argument('--duration', type=float, default=10.0,
                        help='seconds of load per endpoint (and per floor)')
    parser.add_argument('--requests', type=int, default=0,
                        help='stop an endpoint after this many requests '
                        '(0: time only)')
    parser.add_argument('--warmup', type=float, default=1.0,
                        help='unmeasured seconds before each run')
    parser.add_argument('--threads', type=int, default=4,
                        help='threads of the one gunicorn worker')
    parser.add_argument('--repeat', type=int, default=1,
                        help='measure every endpoint this many times')
    parser.add_argument('--only', help='regular expression: endpoints to '
                        'measure (by name)')
    parser.add_argument('--no-unpaged', action='store_true',
                        help='skip the lists without a limit')
    parser.add_argument('--profile', type=int, default=0, metavar='N',
                        help='also profile N requests of each endpoint '
                        'in-process with cProfile')
    parser.add_argument('--json', help='write the results to this file')
    parser.add_argument('--keep', action='store_true',
                        help='keep the database and work directory')
    parser.add_argument('--port', type=int, default=0)
    args = parser.parse_args(argv)
    if args.datastores < 1 or args.versions < 1:
        parser.error('--datastores and --versions must be at least 1')
    if args.values > args.rules:
        parser.error('--values cannot exceed --rules')
    return args


def say(message):
    sys.stderr.write('bench: %s\n' % message)
    sys.stderr.flush()


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def write_conf(workdir, url, port):
    path = os.path.join(workdir, 'trove.conf')
    with open(path, 'w') as conf:
        conf.write(
            '[DEFAULT]\nbind_host = %s\nbind_port = %d\n'
            'log_file = %s\n\n'
            '[api]\nauth_strategy = noauth\n\n'
            '[database]\nconnection = %s\nmax_pool_size = 10\n\n'
            '[image]\nsource = file\ncatalog_file = %s\n'
            % (HOST, port, os.path.join(workdir, 'api.log'), url, CATALOG))
    return path


def prepare_and_seed(args, workdir, port):
    # Imported here: the service's configuration object is global and is
    # loaded once, from the file the server will read too.
    from trove_datastore.db import api as db_api
    from trove_datastore import service
    from tools.bench import seed

    say('creating a %s database' % args.db)
    database = seed.ThrowAwayDatabase(args.db, workdir, args.db_url)
    try:
        seed.migrate(database.url)
        conf_file = write_conf(workdir, database.url, port)
        service.prepare(default_config_files=[conf_file])
        db_api.configure(service.CONF)
        counter = seed.StatementCounter()
        image_id = seed.catalog_image(CATALOG)
        say('seeding %d datastores x %d versions' % (args.datastores,
                                                     args.versions))
        dataset = seed.seed(args, counter, image_id, say)
        dataset['operations'] = seed.operation_costs(args, counter,
                                                     image_id)
        db_api.get_engine().dispose()
    except BaseException:
        if not args.keep:
            database.drop()
        raise
    return database, conf_file, dataset


def start_server(args, conf_file, workdir, port):
    env = dict(os.environ, TROVE_CONFIG_FILE=conf_file,
               PYTHONPATH=os.pathsep.join(
                   [REPO] + [p for p in [os.environ.get('PYTHONPATH')] if p]))
    command = [sys.executable, '-m', 'gunicorn', '--workers', '1',
               '--worker-class', 'gthread', '--threads', str(args.threads),
               '--bind', '%s:%d' % (HOST, port), '--keep-alive', '30',
               '--timeout', '300', '--backlog', '256',
               '--log-level', 'warning', '--chdir', REPO,
               'tools.bench.benchapp:application']
    log = open(os.path.join(workdir, 'gunicorn.log'), 'w')
    process = subprocess.Popen(command, env=env, stdout=log,
                               stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.close()
            with open(log.name) as text:
                raise RuntimeError('gunicorn exited:\n%s'
                                   % text.read()[-3000:])
        try:
            status, body = load.get(HOST, port, '/__bench/stats')
            if status == 200:
                return process, json.loads(body)
        except OSError:
            pass
        time.sleep(0.2)
    process.terminate()
    raise RuntimeError('gunicorn did not answer within 60 s')


def stop_server(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def stats(port, reset=False):
    status, body = load.get(HOST, port, '/__bench/stats'
                            + ('?reset=1' if reset else ''))
    return json.loads(body)


def drive(args, port, path):
    """Load ``path``: the client result and the server's counters."""
    if args.warmup:
        load.run(HOST, port, path, args.concurrency, args.warmup)
    before = stats(port, reset=True)
    result = load.run(HOST, port, path, args.concurrency, args.duration,
                      args.requests)
    after = stats(port)
    served = after['requests'] - before['requests']
    figures = {
        'requests': result.requests,
        'errors': result.errors,
        'statuses': {str(k): v for k, v in result.statuses.items()},
        'rps': round(result.rate, 1),
        'p50_ms': round((result.percentile(0.50) or 0) * 1000, 2),
        'p99_ms': round((result.percentile(0.99) or 0) * 1000, 2),
        'bytes': result.bytes,
        'cpu_ms': round((after['cpu_seconds'] - before['cpu_seconds'])
                        / max(result.requests, 1) * 1000, 3),
        'rss_before_mb': round(before['rss_bytes'] / 2 ** 20, 1),
        'rss_after_mb': round(after['rss_bytes'] / 2 ** 20, 1),
    }
    if served:
        figures['sql'] = round((after['statements'] - before['statements'])
                               / served, 2)
        figures['round_trips'] = round(
            (after['round_trips'] - before['round_trips']) / served, 2)
        figures['sql_min'] = after['statements_min']
        figures['sql_max'] = after['statements_max']
    return figures


def measure(args, port, endpoint):
    say('%s: %s' % (endpoint['name'], endpoint['path']))
    figures = drive(args, port, endpoint['url'])
    floor = drive(args, port, '/__bench/floor?bytes=%d' % figures['bytes'])
    figures['floor'] = {key: floor[key] for key in
                        ('rps', 'p50_ms', 'p99_ms', 'cpu_ms', 'bytes')}
    figures['ratio'] = round(figures['rps'] / floor['rps'], 3) \
        if floor['rps'] else None
    return dict(endpoint, **figures)


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        say('gunicorn is not installed for %s (pip install -r '
            'test-requirements.txt)' % sys.executable)
        return 2
    workdir = tempfile.mkdtemp(prefix='td-bench-')
    port = args.port or free_port()
    database, conf_file, dataset = prepare_and_seed(args, workdir, port)
    process = None
    results = {'config': dict(vars(args), python=sys.executable,
                              server='gunicorn gthread, 1 worker'),
               'dataset': endpoint_set.describe(dataset),
               'operations': dataset['operations'], 'rounds': []}
    try:
        process, initial = start_server(args, conf_file, workdir, port)
        say('gunicorn worker %d on port %d' % (initial['pid'], port))
        endpoints = endpoint_set.build(dataset, args)
        endpoint_set.probe(endpoints, dataset,
                           lambda url: load.get(HOST, port, url))
        for round_index in range(args.repeat):
            measured = [measure(args, port, e) if 'skipped' not in e else e
                        for e in endpoints]
            results['rounds'].append(measured)
            print(report.table(measured, results, round_index))
            sys.stdout.flush()
        results['server_rss_mb'] = round(stats(port)['rss_bytes'] / 2 ** 20,
                                         1)
        stop_server(process)
        if args.profile:
            # After the server stopped, so the two do not share the CPU.
            from tools.bench import profiling
            paths = {e['name']: e['url'] for e in endpoints
                     if 'skipped' not in e}
            results['profile'] = profiling.profile(paths, args.profile)
            print(profiling.render(results['profile']))
    finally:
        if process is not None:
            stop_server(process)
        if args.keep:
            say('kept %s and database %s' % (workdir, database.url))
        else:
            database.drop()
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        with open(args.json, 'w') as out:
            json.dump(results, out, indent=2, sort_keys=True)
        say('wrote %s' % args.json)
    return 0
