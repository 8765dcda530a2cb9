"""tools/bench/run: the figures issue 16's targets name, in one run.

Sections (all by default; --quick: core only, one short round):
  core      this service on 20 datastores x 10 versions (102 rules each,
            20 groups x 10 values) under gunicorn (1 worker, 8 threads):
            req/s, server CPU ms, round trips per request (MariaDB's
            counters), each read against a static floor of its size, the
            304 of a conditional GET, and the write operations' statements
  upstream  unmodified upstream trove-api 26 on the same catalog (published
            into its own schema), side by side, PASS/FAIL per ratio target
  keystone  the same service behind keystonemiddleware with a cached token
            (real Keystone from tools/keystone_glance) against noauth
  scale     1,000 datastores x 10 versions and 10,000 groups: per-page CPU
            and round trips against the same pages of the 20 x 10 catalog
Load by wrk (8 connections); CPU from /proc of each server's process tree.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time

from tools.bench import report
from tools.bench import sections

SECTIONS = ('core', 'upstream', 'keystone', 'scale')


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog='tools/bench/run', description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add('--python', help='interpreter with the project and test '
        'requirements (default: .venv if present, else this one)')
    add('--quick', action='store_true',
        help='core only, 1 round of 2 s (add sections with --upstream...)')
    add('--only', help='comma-separated sections to run: %s'
        % ', '.join(SECTIONS))
    for name in SECTIONS[1:]:
        add('--' + name, action='store_true',
            help='add the %s section (to --quick or --only)' % name)
    add('--db-url', help='SQLAlchemy URL of a MariaDB account that may '
        'create databases (default: root on 127.0.0.1:3306)')
    add('--rounds', type=int, help='rounds of every load (default 3, '
        'quick 1); medians are reported')
    add('--duration', type=float, help='seconds of each load (default 5, '
        'quick 2)')
    add('--warmup', type=float, default=1.0)
    add('--concurrency', type=int, default=8, help='wrk connections')
    add('--wrk-threads', type=int, default=2)
    add('--threads', type=int, default=8, help='gunicorn worker threads')
    add('--datastores', type=int, default=20)
    add('--versions', type=int, default=10)
    add('--rules', type=int, default=102)
    add('--groups', type=int, default=20)
    add('--values', type=int, default=10)
    add('--scale-datastores', type=int, default=1000,
        help='datastores of the large catalog (x --versions versions)')
    add('--scale-groups', type=int, default=10000)
    add('--keystone-dir', default=os.path.expanduser(
        '~/.cache/trove-datastore/bench-keystone'),
        help='state directory of the benchmark\'s own Keystone')
    add('--keystone-port', type=int, default=15170)
    add('--profile', type=int, default=0, metavar='N',
        help='also profile N in-process requests of a show and a list')
    add('--json', help='write every figure to this file')
    add('--report', metavar='JSON', help='print the tables of a run saved '
        'by --json, and run nothing')
    add('--keep', action='store_true', help='keep databases and workdir')
    args = parser.parse_args(argv)
    args.rule_versions = 0
    if args.only:
        chosen = set(args.only.split(','))
        unknown = chosen - set(SECTIONS)
        if unknown:
            parser.error('unknown section(s): %s' % ', '.join(unknown))
    elif args.quick:
        chosen = {'core'}
    else:
        chosen = set(SECTIONS)
    chosen |= {name for name in SECTIONS[1:] if getattr(args, name)}
    args.sections = [name for name in SECTIONS if name in chosen]
    if args.rounds is None:
        args.rounds = 1 if args.quick else 3
    if args.duration is None:
        args.duration = 2.0 if args.quick else 5.0
    if args.quick:
        args.warmup = min(args.warmup, 0.5)
    return args


def say(message):
    sys.stderr.write('bench %s: %s\n' % (time.strftime('%H:%M:%S'), message))
    sys.stderr.flush()


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    if args.report:
        with open(args.report) as saved:
            show(json.load(saved))
        return 0
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        say('gunicorn is not installed for %s' % sys.executable)
        return 2
    workdir = tempfile.mkdtemp(prefix='td-bench-')
    run = sections.Run(args, workdir, say)
    try:
        results = run.execute()
    finally:
        run.cleanup()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        with open(args.json, 'w') as out:
            json.dump(results, out, indent=2, default=str)
        say('wrote %s' % os.path.abspath(args.json))
    show(results)
    return 0


def show(results):
    print(report.render(results))
    if results.get('profile'):
        from tools.bench import profiling
        print(profiling.render(results['profile']))
    sys.stdout.flush()
