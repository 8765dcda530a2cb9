"""Load with wrk (Debian package ``wrk``), measuring the server's CPU.

wrk keeps ``connections`` keep-alive connections busy from ``threads``
native threads for ``duration`` seconds. The server's CPU is read from
/proc for its whole process tree (a gunicorn master and its worker,
trove-api and any child), before and after, so the figure is what the
server spent, not the client. When wrk is missing and cannot be
installed, the Python load generator of load.py stands in (it costs the
shared CPU more, so its req/s are lower).
"""

import os
import re
import shutil
import subprocess

from tools.bench import load

TICK = os.sysconf('SC_CLK_TCK')
_UNITS = {'us': 1e-3, 'ms': 1.0, 's': 1000.0}


def available():
    """The path of wrk, installing the Debian package once if missing."""
    found = shutil.which('wrk')
    if found or os.geteuid() != 0 or not shutil.which('apt-get'):
        return found
    subprocess.run(['apt-get', 'install', '-y', '-q', 'wrk'],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return shutil.which('wrk')


def _children():
    parents = {}
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open('/proc/%s/stat' % entry) as stat:
                    fields = stat.read().rsplit(')', 1)[1].split()
            except OSError:
                continue
            parents.setdefault(int(fields[1]), []).append(int(entry))
    return parents


def tree_cpu_seconds(pid):
    """utime + stime of ``pid`` and every descendant, in seconds."""
    parents = _children()
    todo, total = [pid], 0
    while todo:
        current = todo.pop()
        try:
            with open('/proc/%d/stat' % current) as stat:
                fields = stat.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        # Fields 14 and 15 of stat(5), counted after the command name.
        total += int(fields[11]) + int(fields[12])
        todo.extend(parents.get(current, ()))
    return total / TICK


def _ms(text):
    number, unit = re.match(r'([\d.]+)(us|ms|s)', text).groups()
    return float(number) * _UNITS[unit]


def parse(output):
    """req/s, latency percentiles and non-2xx/3xx count of wrk's text."""
    figures = {'rps': float(re.search(r'Requests/sec:\s+([\d.]+)',
                                      output).group(1)),
               'requests': int(re.search(r'(\d+) requests in',
                                         output).group(1)),
               'bad': 0, 'errors': 0}
    for name, label in (('p50_ms', '50%'), ('p99_ms', '99%')):
        found = re.search(r'^\s+%s\s+(\S+)' % label, output, re.M)
        figures[name] = _ms(found.group(1)) if found else None
    found = re.search(r'Non-2xx or 3xx responses: (\d+)', output)
    if found:
        figures['bad'] = int(found.group(1))
    found = re.search(r'Socket errors: connect (\d+), read (\d+), write '
                      r'(\d+), timeout (\d+)', output)
    if found:
        figures['errors'] = sum(int(n) for n in found.groups())
    return figures


def _wrk(binary, url, options, headers):
    command = [binary, '-t', str(options.wrk_threads), '-c',
               str(options.concurrency), '-d', '%ds' % max(
                   1, round(options.duration)), '--latency',
               '--timeout', '30s']
    for key, value in headers.items():
        command += ['-H', '%s: %s' % (key, value)]
    result = subprocess.run(command + [url], capture_output=True,
                            text=True, timeout=options.duration + 120)
    if result.returncode:
        raise RuntimeError('wrk failed: %s' % result.stderr[-500:])
    return parse(result.stdout)


def _python(host, port, path, options, headers):
    result = load.run(host, port, path, options.concurrency,
                      options.duration, headers=headers)
    ok = sum(n for code, n in result.statuses.items() if code < 400)
    return {'rps': result.rate, 'requests': result.requests,
            'bad': result.requests - ok, 'errors': result.errors,
            'p50_ms': (result.percentile(0.5) or 0) * 1000,
            'p99_ms': (result.percentile(0.99) or 0) * 1000}


def drive(server, path, options, headers=None, python=False):
    """Load ``GET path`` on ``server`` (host, port, pid): req/s, p50/p99
    ms and the server's CPU ms per request. ``python``: with load.py's
    threads instead of wrk (upstream trove-api's eventlet server completes
    no request of wrk's within seconds, though it works on them; it
    answers http.client's requests)."""
    # wrk sends no User-Agent of its own; name the load in servers' logs.
    headers = dict(headers or {}, Accept='application/json')
    headers.setdefault('User-Agent', 'td-bench')
    binary = None if python else available()
    url = 'http://%s:%d%s' % (server.host, server.port, path)
    if options.warmup:
        warm = type(options)(**dict(vars(options),
                                    duration=options.warmup))
        _run(binary, server, url, path, warm, headers)
    before = tree_cpu_seconds(server.pid)
    figures = _run(binary, server, url, path, options, headers)
    spent = tree_cpu_seconds(server.pid) - before
    figures['cpu_ms'] = spent * 1000.0 / max(figures['requests'], 1)
    figures['tool'] = 'wrk' if binary else 'python'
    return figures


def _run(binary, server, url, path, options, headers):
    if binary:
        return _wrk(binary, url, options, headers)
    return _python(server.host, server.port, path, options, headers)
