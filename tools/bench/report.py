"""The benchmark's text report: one table per section, then the targets
of issue 16 with PASS/FAIL."""

from tools.bench import endpoints
from tools.bench import wire

FIXED_COST_MS = 1.0
FLOOR_SHARE = 0.5
MAX_TRIPS = 2
FLAT = 1.25
FEW_STATEMENTS = 10
# The write operations whose statements the issue bounds.
BOUNDED_WRITES = ('rules load, 1000 new', 'rules load, 1000 unchanged',
                  'configuration create, 100 values',
                  'configuration replace, 100 values',
                  'configuration merge, 100 values')


def _num(value, digits=1):
    if value is None:
        return '-'
    return '{:,.{}f}'.format(value, digits)


def _table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows)
              for i in range(len(header))]

    def line(cells):
        return '  '.join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths,
                                                        strict=True)))
    return [line(header), line(['-' * w for w in widths])] + [
        line(r) for r in rows]


def _trip_figures(results, label, name):
    return results.get('trips', {}).get(label, {}).get(name)


def _trips(results, label, name):
    """'2 (rollback 1, select 1) srv 2': on the wire, then as the server's
    global counters saw it."""
    figures = _trip_figures(results, label, name)
    if not figures:
        return '-'
    return '%s srv %g' % (wire.describe(figures['wire']),
                          figures['server']['trips'])


def _core(results, verdicts):
    rounds = results['rounds'].get('ours', {})
    probes = results['probes']['ours']
    rows = []
    for name, found in probes.items():
        if found['status'] != 200:
            rows.append([name, 'HTTP %d' % found['status']] + [''] * 10)
            continue
        mine = rounds.get(name, {})
        floor = rounds.get(name + ' floor', {})
        share = (mine['rps'] / floor['rps']
                 if mine.get('rps') and floor.get('rps') else None)
        cond = rounds.get(name + ' 304', {})
        if found.get('etag') is None:
            etag = 'no ETag served'
        elif found.get('conditional_status') != 304:
            etag = 'ETag, but %s' % found.get('conditional_status')
        else:
            etag = '304'
        rows.append([name, found['items'], found['bytes'],
                     _num(mine.get('rps')), _num(mine.get('cpu_ms'), 2),
                     _num(mine.get('p50_ms'), 1),
                     _trips(results, 'ours', name),
                     _num(floor.get('rps')), _num(floor.get('cpu_ms'), 2),
                     '%.1f%%' % (share * 100) if share else '-', etag,
                     _num(cond.get('rps')), _num(cond.get('cpu_ms'), 2)])
        trips = _trip_figures(results, 'ours', name)
        if trips:
            count = trips['wire']['trips']
            verdicts.append(('%s: <= %d round trips' % (name, MAX_TRIPS),
                             '%g' % count, count <= MAX_TRIPS))
        verdicts.append(('%s: ETag and 304' % name, etag, etag == '304'))
        kind = endpoints.TARGETS.get(name, ('',))[0]
        if kind == 'list' and share is not None:
            verdicts.append(('%s: >= %d%% of floor req/s'
                             % (name, FLOOR_SHARE * 100),
                             '%.1f%%' % (share * 100),
                             share >= FLOOR_SHARE))
    if 'version show' in rounds:
        cpu = rounds['version show']['cpu_ms']
        verdicts.insert(0, ('fixed cost (version show) <= %g ms CPU'
                            % FIXED_COST_MS, '%.2f ms' % cpu,
                            cpu <= FIXED_COST_MS))
    return ['this service (noauth), medians of the rounds:'] + _table(
        ['endpoint', 'items', 'bytes', 'req/s', 'CPU ms', 'p50 ms',
         'DB trips/req', 'floor/s', 'fl CPU', '% floor', 'conditional',
         '304/s', '304 CPU'], rows)


def _upstream(results, verdicts):
    theirs = results['rounds'].get('upstream')
    if theirs is None:
        return []
    ours = results['rounds']['ours']
    rows = []
    for name, (_, target) in endpoints.TARGETS.items():
        up, me = theirs.get(name, {}), ours.get(name, {})
        ratio = (me['rps'] / up['rps'] if me.get('rps') and up.get('rps')
                 else None)
        cpu_ratio = (up['cpu_ms'] / me['cpu_ms'] if me.get('cpu_ms')
                     and up.get('cpu_ms') else None)
        passed = ratio is not None and ratio >= target
        rows.append([name, _num(up.get('rps')), _num(up.get('cpu_ms'), 1),
                     _trips(results, 'upstream', name), _num(me.get('rps')),
                     _num(me.get('cpu_ms'), 2),
                     _num(ratio) + 'x' if ratio else '-',
                     _num(cpu_ratio) + 'x' if cpu_ratio else '-',
                     '>= %dx' % target, 'PASS' if passed else 'FAIL'])
        verdicts.append(('%s: >= %dx upstream req/s' % (name, target),
                         _num(ratio) + 'x' if ratio else '-', passed))
    return ['', 'side by side with upstream trove-api 26 (one eventlet '
            'process, same catalog, same run; loaded by %s):'
            % next(iter(theirs.values()), {}).get('tool')] + _table(
        ['endpoint', 'upstream/s', 'up CPU ms', 'up DB trips', 'ours/s',
         'CPU ms', 'req/s ratio', 'CPU ratio', 'target', 'result'], rows)


def _keystone(results, verdicts):
    theirs = results['rounds'].get('keystone')
    if theirs is None:
        return []
    ours = results['rounds']['ours']
    rows = []
    for name in results['probes']['keystone']:
        figures, base = theirs.get(name), ours.get(name, {})
        if figures is None:
            continue
        extra = (figures['cpu_ms'] - base['cpu_ms']
                 if base.get('cpu_ms') is not None else None)
        share = extra / figures['cpu_ms'] if extra is not None else None
        rows.append([name, _num(base.get('rps')), _num(base.get('cpu_ms'), 2),
                     _num(figures['rps']), _num(figures['cpu_ms'], 2),
                     _num(extra, 2), '%.0f%%' % (share * 100)
                     if share is not None else '-',
                     _trips(results, 'keystone', name)])
        if name == 'version show':
            verdicts.append(('fixed cost with keystonemiddleware, cached '
                             'token <= %g ms' % FIXED_COST_MS,
                             '%.2f ms' % figures['cpu_ms'],
                             figures['cpu_ms'] <= FIXED_COST_MS))
    return ['', 'keystone mode (keystonemiddleware, cached token of a real '
            'Keystone) against noauth:'] + _table(
        ['endpoint', 'noauth/s', 'CPU ms', 'keystone/s', 'CPU ms',
         'auth CPU ms', 'auth share', 'DB trips/req'], rows)


def _scale(results, verdicts):
    large = results['rounds'].get('large')
    if large is None:
        return []
    small = results['rounds']['ours']
    rows = []
    for name, found in results['probes']['large'].items():
        figures, base = large.get(name), small.get(name, {})
        if figures is None:
            rows.append([name, '-', 'HTTP %d' % found['status']]
                        + ['-'] * 5)
            continue
        ratio = (figures['cpu_ms'] / base['cpu_ms']
                 if base.get('cpu_ms') else None)
        items = found['items']
        rows.append([name, results['probes']['ours'].get(name, {}).get(
            'items', '-'), items, _num(base.get('cpu_ms'), 2),
            _num(figures['cpu_ms'], 2), _num(ratio, 2) + 'x' if ratio
            else '-', _trips(results, 'ours', name),
            _trips(results, 'large', name)])
        if ratio is not None:
            verdicts.append(('%s: flat at scale (CPU <= %gx)'
                             % (name, FLAT), '%.2fx' % ratio,
                             ratio <= FLAT))
    size = results['large']
    return ['', 'flat at scale: %(datastores)d datastores, %(versions)d '
            'versions, %(groups)d groups (pages from the middle) against '
            'the first pages of the small catalog:' % size] + _table(
        ['read', 'items small', 'items large', 'CPU ms small',
         'CPU ms large', 'ratio', 'DB trips small', 'DB trips large'],
        rows)


def _writes(results, verdicts):
    rows = []
    for op in results.get('operations', []):
        if 'skipped' in op:
            rows.append([op['operation'], 'skipped: ' + op['skipped'],
                         '', ''])
            continue
        rows.append([op['operation'], op['statements'],
                     op.get('questions', '-'), _num(op['ms'], 1)])
        if op['operation'] in BOUNDED_WRITES:
            verdicts.append(('%s: <= %d statements' % (
                op['operation'], FEW_STATEMENTS), op['statements'],
                op['statements'] <= FEW_STATEMENTS))
    if not rows:
        return []
    return ['', 'write operations through the manager (statements: '
            'SQLAlchemy; commands: the server\'s Questions):'] + _table(
        ['operation', 'statements', 'commands', 'ms'], rows)


def render(results):
    config = results['config']
    data = results['dataset']
    lines = ['catalog: %(datastores)d datastores, %(versions)d versions, '
             '%(rule_versions)d versions with rules, %(groups)d groups'
             % data,
             'MariaDB; gunicorn 1 worker x %d threads; %s, %d connections, '
             '%d round(s) of %gs (medians); CPU = server process tree, '
             'from /proc' % (config['threads'], results['load_tool'],
                             config['concurrency'], config['rounds'],
                             config['duration']), '']
    verdicts = []
    lines += _core(results, verdicts)
    lines += _upstream(results, verdicts)
    lines += _keystone(results, verdicts)
    lines += _scale(results, verdicts)
    lines += _writes(results, verdicts)
    lines += ['', 'DB trips: database commands per request, on a twin '
              'server whose connections go through a counting proxy: each '
              'COM_QUERY by keyword, COM_PING as ping (connect/quit '
              'apart); "srv": the MariaDB server\'s own global counters '
              '(Questions + Com_admin_commands) over the same GETs, the '
              'quieter of 2 windows (other clients of the server add to '
              'it).', '', 'targets (issue 16):']
    lines += _table(['target', 'measured', 'result'], [
        [what, value, 'PASS' if ok else 'FAIL']
        for what, value, ok in verdicts])
    failed = sum(1 for *_, ok in verdicts if not ok)
    lines.append('targets: %d met, %d not met' % (len(verdicts) - failed,
                                                 failed))
    return '\n'.join(lines)
