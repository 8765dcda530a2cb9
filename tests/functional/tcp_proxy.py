"""A loopback TCP proxy that a test can cut and restore, to take a
database server away from the service and give it back without touching
the real server (other tests use it)."""

import select
import socket
import threading
import time


class TcpProxy(object):
    """Forwards 127.0.0.1:``port`` to ``target`` (host, port)."""

    def __init__(self, target):
        self.target = target
        self.port = None
        self._listener = None
        self._connections = []
        self._lock = threading.Lock()
        self._threads = []

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(('127.0.0.1', self.port or 0))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        thread = threading.Thread(target=self._accept, args=(listener,),
                                  daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def cut(self):
        """Stop listening and drop every open connection: new ones are
        refused, open ones see the peer vanish."""
        listener, self._listener = self._listener, None
        if listener is not None:
            _close(listener)
        with self._lock:
            connections, self._connections = self._connections, []
        for sock in connections:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            _close(sock)

    def restore(self):
        """Listen again on the same port."""
        self.start()

    stop = cut

    def _held_back(self, client):
        """Whether a new connection is kept unanswered (subclasses)."""
        return False

    def _paused(self):
        """Whether open connections stop carrying data (subclasses)."""
        return False

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if self._held_back(client):
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            upstream.settimeout(None)
            with self._lock:
                if self._listener is not listener:
                    _close(client)
                    _close(upstream)
                    return
                self._connections.extend([client, upstream])
            threading.Thread(target=self._pump, args=(client, upstream),
                             daemon=True).start()

    def _pump(self, one, other):
        sockets = [one, other]
        try:
            while True:
                if self._paused():
                    time.sleep(0.2)
                    continue
                readable, _, _ = select.select(sockets, [], [], 0.2)
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (other if sock is one else one).sendall(data)
        except (OSError, ValueError):
            return
        finally:
            _close(one)
            _close(other)


def _close(sock):
    try:
        sock.close()
    except OSError:
        pass


class BlackHoleProxy(TcpProxy):
    """A proxy that can turn into a black hole: while ``hold()`` is in
    force it accepts connections and never answers, and the connections
    already open stop carrying anything in either direction - a database
    that is reachable and dead. ``release()`` forwards again."""

    def __init__(self, target):
        super().__init__(target)
        self.holding = threading.Event()
        self._held = []

    def hold(self):
        self.holding.set()

    def release(self):
        self.holding.clear()

    def _held_back(self, client):
        if not self.holding.is_set():
            return False
        with self._lock:
            self._held.append(client)
        return True

    def _paused(self):
        return self.holding.is_set()

    def stop(self):
        self.cut()
        with self._lock:
            held, self._held = self._held, []
        for sock in held:
            _close(sock)
