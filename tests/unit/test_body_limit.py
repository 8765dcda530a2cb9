"""The counting reader behind the body size limit, on in-memory
streams: exactly the limit passes, one byte more is refused, whichever
way the body is read."""

import io

import testtools

from trove_datastore.api import body_limit
from trove_datastore import exception

LIMIT = 1000


def reader(size):
    return body_limit.LimitedInput(io.BytesIO(b'x' * size), LIMIT)


class TestLimitedInput(testtools.TestCase):

    def test_exactly_the_limit_is_read_whole(self):
        self.assertEqual(LIMIT, len(reader(LIMIT).read()))
        self.assertEqual(LIMIT, len(reader(LIMIT).read(10 * LIMIT)))
        self.assertEqual(LIMIT, len(b''.join(reader(LIMIT))))

    def test_one_byte_more_is_refused_every_way(self):
        for read in (lambda r: r.read(), lambda r: r.read(-1),
                     lambda r: [r.read(7) for _ in range(200)],
                     lambda r: r.readline(), lambda r: r.readlines(),
                     lambda r: list(r)):
            stream = reader(LIMIT + 1)
            self.assertRaises(exception.RequestEntityTooLarge, read, stream)
            self.assertTrue(stream.exceeded)
            # And it stays refused.
            self.assertRaises(exception.RequestEntityTooLarge, stream.read, 1)

    def test_never_reads_far_past_the_limit(self):
        underlying = io.BytesIO(b'x' * (100 * LIMIT))
        stream = body_limit.LimitedInput(underlying, LIMIT)
        self.assertRaises(exception.RequestEntityTooLarge, stream.read)
        self.assertEqual(LIMIT + 1, underlying.tell())

    def test_buffered_body_read_again_from_the_start(self):
        stream = reader(LIMIT)
        stream.read()
        stream.seek(0)
        self.assertEqual(LIMIT, len(stream.read()))
