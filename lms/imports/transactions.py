"""How imports use the database's transactions, SQLite's single writer in mind."""

from contextlib import contextmanager

from django.db import transaction
from import_export.results import Result


class LeanResult(Result):
    """import-export's result without a RowResult kept for every row.

    The report needs only the totals and the rows in error; keeping an object
    per valid row made memory grow with the file.
    """

    def append_row_result(self, row_result):
        pass

    def has_errors(self):
        return bool(self.base_errors or self.error_rows)


def writes_in_batches() -> bool:
    """SQLite has one writer at a time: an import must not hold it for minutes."""
    return transaction.get_connection().vendor == "sqlite"


@contextmanager
def deferred_transactions():
    """On SQLite, begin transactions DEFERRED rather than IMMEDIATE.

    A check that writes nothing then never takes the database's write lock,
    so logins and edits go on while a large file is checked.
    """
    connection = transaction.get_connection()
    if connection.vendor != "sqlite":
        yield
        return
    mode = connection.transaction_mode
    connection.transaction_mode = None  # plain BEGIN, which is DEFERRED
    try:
        yield
    finally:
        connection.transaction_mode = mode
