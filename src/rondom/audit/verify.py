"""Reading the whole sealed log and checking it, fast enough for millions of lines.

Rows come as tuples, never model instances. On PostgreSQL they come from a server-side
cursor in binary form, which the client reads in about 40% less time than text. A long log is
split by `seq` over one process per core, because every line's hash can be checked on its
own; the seams between the parts are checked when they are joined.
"""

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from itertools import repeat

from django.db import connections, router, transaction
from django.db.models import Max, Min, QuerySet

from .chain import audit_key
from .log import EMPTY, VERIFIED, Break, Head, Verification, finish, walk, walk_part
from .models import AuditEvent
from .worker_setup import start_worker

CHUNK = 5000
# Below this many lines, starting processes costs more than it saves.
PARALLEL_FROM = 200_000
MAX_WORKERS = 8


def sealed_rows(model) -> QuerySet:
    """Every sealed line of `model` as a `VERIFIED` tuple, in order of `seq`."""
    lines = model._base_manager.using(router.db_for_read(model))
    return lines.filter(seq__isnull=False).order_by("seq").values_list(*VERIFIED)


def stream(rows: QuerySet, chunk_size: int = CHUNK) -> Iterator[tuple]:
    """The rows of a values_list, a chunk at a time; close it when stopping early.

    On PostgreSQL a binary server-side cursor, inside a transaction: outside one, the whole
    result would first be copied on the server. On SQLite Django's own iterator, outside a
    transaction, which would take the write lock (IMMEDIATE) and hold up every request.
    """
    connection = connections[rows.db]
    if connection.vendor != "postgresql":
        yield from rows.iterator(chunk_size=chunk_size)
        return
    sql, params = rows.query.get_compiler(rows.db).as_sql()
    with transaction.atomic(using=rows.db):
        connection.ensure_connection()
        with connection.connection.cursor(name="audit_walk", binary=True) as cursor:
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(chunk_size):
                yield from batch


def check_log(expect: Head | None = None, workers: int | None = None) -> Verification:
    """Recompute every hash and link of the sealed log, and check that it still holds `expect`.

    Lines not sealed yet are not part of the chain; `sealing.seal_pending` seals them first.
    `workers` processes share a long log on PostgreSQL; by default one per core.
    """
    key = audit_key()
    rows = sealed_rows(AuditEvent)
    parts = _parts(rows, workers or min(os.cpu_count() or 1, MAX_WORKERS))
    if not parts:
        with closing(stream(rows)) as lines:
            return walk(lines, key, expect)
    # Fresh processes, not forks: a fork would inherit the connection pool's threads and open
    # connections, and crash on them. Each starts Django anew on the same database.
    database = dict(connections[rows.db].settings_dict)
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        len(parts), mp_context=spawn, initializer=start_worker, initargs=(rows.db, database)
    ) as pool:
        firsts = [n == 0 for n in range(len(parts))]
        walked = list(pool.map(_walk_part, parts, firsts, repeat(key), repeat(expect)))
    result = walked[0]
    for part in walked[1:]:
        result.extend(part)
    return finish(result, expect)


def verify_chain() -> tuple[int, list[Break]]:
    """Recompute every hash and link; returns the number of events and what is broken."""
    result = check_log()
    return result.count, result.breaks


def _parts(rows: QuerySet, workers: int) -> list[tuple[int, int]]:
    """Ranges of `seq` [from, to) of about equal size; none where one process walks all.

    Not inside a transaction: the workers could not see what it wrote, and its connection
    cannot be closed for them.
    """
    connection = connections[rows.db]
    if workers < 2 or connection.vendor != "postgresql" or connection.in_atomic_block:
        return []
    bounds = rows.model._base_manager.using(rows.db).aggregate(low=Min("seq"), high=Max("seq"))
    low, high = bounds["low"], bounds["high"]
    if low is None or high - low + 1 < PARALLEL_FROM:
        return []
    size = -(-(high - low + 1) // workers)
    return [(low + i * size, low + (i + 1) * size) for i in range(workers)]


def _walk_part(part: tuple[int, int], first: bool, key: bytes, expect: Head | None) -> Verification:
    """In a worker process: walk one range of the log; the first range starts the chain."""
    low, high = part
    try:
        rows = sealed_rows(AuditEvent).filter(seq__gte=low, seq__lt=high)
        with closing(stream(rows)) as lines:
            return walk_part(lines, key, expect, after=EMPTY if first else None)
    finally:
        connections.close_all()
