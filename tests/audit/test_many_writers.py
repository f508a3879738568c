"""Requests that write to the access log at the same moment never fail or wait on each other."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections

from rondom.audit.log import record
from rondom.audit.verify import check_log

LINES_EACH = 25


def write_at_once(writers: int) -> list[BaseException]:
    """Each writer is a thread with its own connection, as concurrent requests are."""
    errors: list[BaseException] = []
    ready = threading.Barrier(writers)

    def write(case_id: int) -> None:
        try:
            ready.wait()
            for _ in range(LINES_EACH):
                record(None, "view cases:detail", case_id=case_id)
        except BaseException as error:  # noqa: BLE001  (every failure is the finding)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(1, writers + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("vendor, writers", [("postgresql", 16), ("sqlite", 8)])
def test_writers_at_once_all_get_their_line_and_the_sealed_chain_verifies(vendor, writers):
    if connection.vendor != vendor:
        pytest.skip(f"runs on {vendor}; the other database's run checks it")
    assert write_at_once(writers) == []
    call_command("seal-audit", verbosity=0)
    result = check_log()
    assert result.breaks == []
    assert result.count == writers * LINES_EACH
