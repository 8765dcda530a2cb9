"""The benchmark's text report."""

# Upstream Trove on the same kind of machine (20 datastores x 10 versions,
# 102 MySQL rules, one trove-api process, MariaDB), as quoted in the
# issue: requests/s at 8 clients, or derived from CPU per request where
# only that was measured.
UPSTREAM = {
    'datastore list': {'rps': 6.0, 'sql': 63, 'cpu_ms': 160},
    'mgmt version list': {'rps': 1.1, 'sql': 1803, 'cpu_ms': 690},
    'parameter list': {'rps': 1000.0 / 22, 'sql': 18, 'cpu_ms': 22},
}

COLUMNS = (('endpoint', 30, '<'), ('items', 6, '>'), ('bytes', 8, '>'),
           ('req/s', 8, '>'), ('p50 ms', 8, '>'), ('p99 ms', 8, '>'),
           ('SQL/req', 7, '>'), ('trips', 5, '>'), ('CPU ms', 7, '>'),
           ('RSS MB', 12, '>'),
           ('floor/s', 8, '>'), ('fl CPU', 7, '>'), ('ratio', 6, '>'))


def _row(cells):
    pairs = zip(cells, COLUMNS, strict=True)
    return '  '.join('%*s' % (-width if align == '<' else width, cell)
                     for cell, (_, width, align) in pairs)


def _sql(entry):
    if 'sql' not in entry:
        return '-'
    if entry['sql_min'] == entry['sql_max']:
        return '%d' % entry['sql_min']
    return '%d-%d' % (entry['sql_min'], entry['sql_max'])


def _line(entry):
    if 'skipped' in entry:
        return '%-30s  skipped: %s' % (entry['name'], entry['skipped'])
    floor = entry['floor']
    return _row((
        entry['name'], entry.get('items', ''), entry['bytes'],
        '%.1f' % entry['rps'], '%.2f' % entry['p50_ms'],
        '%.2f' % entry['p99_ms'], _sql(entry),
        '%g' % entry['round_trips'] if 'round_trips' in entry else '-',
        '%.2f' % entry['cpu_ms'],
        '%.0f->%.0f' % (entry['rss_before_mb'], entry['rss_after_mb']),
        '%.0f' % floor['rps'], '%.2f' % floor['cpu_ms'],
        '%.2f' % entry['ratio'] if entry['ratio'] is not None else '-'))


def upstream_comparison(measured):
    lines = []
    for entry in measured:
        reference = UPSTREAM.get(entry['name'])
        if reference is None or 'skipped' in entry:
            continue
        lines.append(
            '  %-18s %8.1f req/s = %6.1fx upstream (%.1f/s); %s SQL vs %d; '
            '%.2f vs %d ms CPU' % (
                entry['name'], entry['rps'], entry['rps'] / reference['rps'],
                reference['rps'], _sql(entry), reference['sql'],
                entry['cpu_ms'], reference['cpu_ms']))
    return lines


def table(measured, results, round_index):
    config = results['config']
    dataset = results['dataset']
    head = ('round %d: %d datastores x %d versions (%d versions), %d rules '
            'x %d versions, %d groups x %d values; %s, gunicorn 1 worker x '
            '%d threads, %d clients x %gs'
            % (round_index + 1, dataset['datastores'],
               config['versions'], dataset['versions'], config['rules'],
               dataset['rule_versions'], dataset['configurations'],
               config['values'], config['db'], config['threads'],
               config['concurrency'], config['duration']))
    lines = [head, '', _row([c[0] for c in COLUMNS]),
             _row(['-' * c[1] for c in COLUMNS])]
    lines += [_line(entry) for entry in measured]
    comparison = upstream_comparison(measured)
    if comparison:
        lines += ['', 'against upstream Trove (figures quoted in the issue):']
        lines += comparison
    if round_index == 0:
        lines += ['', 'write operations (through the manager, '
                  'statements counted):']
        for op in results['operations']:
            if 'skipped' in op:
                lines.append('  %-36s skipped: %s' % (op['operation'],
                                                       op['skipped']))
            else:
                lines.append('  %-36s %4d statements %8.1f ms' % (
                    op['operation'], op['statements'], op['ms']))
        lines.append('  %-36s %6.1f statements (mean over the seed)' % (
            'version create while seeding',
            dataset['create_version_statements']))
        for part, why in sorted(dataset['skipped'].items()):
            lines.append('  seeding %s skipped: %s' % (part, why))
    return '\n'.join(lines) + '\n'
