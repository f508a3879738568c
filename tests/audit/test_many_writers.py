"""Requests that write to the access log at the same moment never fail or wait on each other,
also while the sealer is at work."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections

from rondom.audit.log import record
from rondom.audit.sealing import seal_pending
from rondom.audit.verify import check_log

LINES_EACH = 25
WRITERS = {"postgresql": 16, "sqlite": 8}


def write_at_once(writers: int, sealing: bool) -> list[BaseException]:
    """Each writer is a thread with its own connection, as concurrent requests are; with
    `sealing`, one more thread seals over and over until the writers are done."""
    errors: list[BaseException] = []
    ready = threading.Barrier(writers + sealing)
    done = threading.Event()

    def run(work) -> None:
        try:
            ready.wait()
            work()
        except BaseException as error:  # every failure is what the test looks for
            errors.append(error)
        finally:
            connections.close_all()

    def write(case_id: int) -> None:
        for _ in range(LINES_EACH):
            record(None, "view cases:detail", case_id=case_id)

    def seal() -> None:
        while not done.is_set():
            seal_pending(batch_size=7)

    writing = [threading.Thread(target=run, args=(lambda n=n: write(n),)) for n in range(writers)]
    sealer = threading.Thread(target=run, args=(seal,))
    for thread in writing + [sealer] * sealing:
        thread.start()
    for thread in writing:
        thread.join()
    done.set()
    if sealing:
        sealer.join()
    return errors


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sealing", [False, True], ids=["writers", "writers and sealer"])
def test_writers_at_once_all_get_their_line_and_the_sealed_chain_verifies(sealing):
    writers = WRITERS[connection.vendor]
    assert write_at_once(writers, sealing) == []
    call_command("seal_audit", verbosity=0)
    result = check_log()
    assert result.breaks == []
    assert result.count == writers * LINES_EACH
