"""Count the commands a server sends to MariaDB, on the wire.

MariaDB's status counters are global: on a machine where other clients
use the same database server they count those clients too. This loopback
proxy sits between one server under test and MariaDB and counts every
command packet of the client protocol (sequence number 0: COM_QUERY,
COM_PING, COM_QUIT...), with COM_QUERY split by its first keyword
(SELECT, ROLLBACK, COMMIT, SET...). One command is one round trip.
Connections opened are counted apart. It forwards bytes unchanged (no
TLS between the two), and is used only on a server started for counting,
never on one whose speed is measured.
"""

import socket
import threading

COMMANDS = {0x01: 'quit', 0x02: 'init_db', 0x0e: 'ping',
            0x11: 'change_user', 0x16: 'prepare', 0x17: 'execute',
            0x1f: 'reset_connection'}
KEYWORDS = ('select', 'rollback', 'commit', 'set', 'begin', 'start',
            'insert', 'update', 'delete', 'show', 'savepoint', 'release')


class Proxy(object):

    def __init__(self, target=('127.0.0.1', 3306)):
        self.target = target
        self.lock = threading.Lock()
        self.counts = {}
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(('127.0.0.1', 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def snapshot(self):
        with self.lock:
            return dict(self.counts)

    def _count(self, kind):
        with self.lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1

    def _accept(self):
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=30)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            self._count('connect')
            threading.Thread(target=self._forward, daemon=True,
                             args=(client, server, True)).start()
            threading.Thread(target=self._forward, daemon=True,
                             args=(server, client, False)).start()

    def _forward(self, source, sink, parse):
        state = {'buffer': b'', 'skip': 0}
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if parse:
                    self._parse(state, data)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                end.close()

    def _parse(self, state, data):
        """Walk packet headers; count the first bytes of each command."""
        buffer = state['buffer'] + data
        while True:
            if state['skip']:
                taken = min(state['skip'], len(buffer))
                buffer = buffer[taken:]
                state['skip'] -= taken
                if state['skip']:
                    break
            # Header (4 bytes) and enough of the body to classify it.
            if len(buffer) < 4:
                break
            length = buffer[0] | buffer[1] << 8 | buffer[2] << 16
            if buffer[3] == 0 and len(buffer) < 4 + min(length, 12):
                break
            if buffer[3] == 0 and length:
                self._count(self._kind(buffer[4:4 + min(length, 12)]))
            buffer = buffer[4:]
            state['skip'] = length
        state['buffer'] = buffer

    @staticmethod
    def _kind(body):
        command = body[0]
        if command != 0x03:
            return COMMANDS.get(command, 'command 0x%02x' % command)
        word = body[1:].split(None, 1)
        word = word[0].decode('ascii', 'replace').lower() if word else ''
        return word if word in KEYWORDS else 'other query'

    def close(self):
        self.closed = True
        self.listener.close()


def drive(get, url, requests):
    """``requests`` GETs of ``url``; an error answer stops the count."""
    for _ in range(requests):
        status, _ = get(url)
        if status >= 400:
            raise RuntimeError('%s answered %d' % (url, status))


def per_request(proxy, get, url, requests):
    """{kind: commands per request, 'trips': all} over ``requests`` GETs
    (connects and quits are not round trips of a request)."""
    before = proxy.snapshot()
    drive(get, url, requests)
    after = proxy.snapshot()
    delta = {k: (after.get(k, 0) - before.get(k, 0)) / requests
             for k in after if after.get(k, 0) != before.get(k, 0)}
    delta['trips'] = sum(v for k, v in delta.items()
                         if k not in ('connect', 'quit'))
    return {k: round(v, 2) for k, v in delta.items()}


def describe(figures):
    parts = ['%s %g' % (k, v) for k, v in sorted(figures.items())
             if k != 'trips']
    return '%g (%s)' % (figures['trips'], ', '.join(parts) or 'none')
