"""The one error tree of Mare: every error the hub raises on purpose is a `MareError`."""

from __future__ import annotations


class MareError(Exception):
    """Root of every error Mare raises on purpose."""

    # Set when the path that raised it has already recorded the failure in the
    # audit log, so the API's error handler does not record it twice.
    audited: bool = False


class ConfigError(MareError):
    """A setting is missing or malformed."""


class StoreError(MareError):
    """The store cannot be opened, migrated or written."""


class InputError(MareError):
    """Input data cannot be read at all (as opposed to a single rejected record)."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source


class RecordError(MareError):
    """One record (or one field of a record) of an input is rejected.

    Carries where the record stands and why, so the caller can report it and
    keep it in the rejects table.
    """

    def __init__(
        self,
        reason: str,
        *,
        field: str | None = None,
        line: int | None = None,
        record: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field
        self.line = line
        self.record = record

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field {self.field!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason


class NotFound(MareError):
    """A requested object does not exist (or is not visible to the caller)."""


class InvalidValue(MareError):
    """A value given to Mare (a flag, a request field) is not acceptable."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Conflict(MareError):
    """The request clashes with what is held (an id already taken, say)."""


class Unauthenticated(MareError):
    """No credentials, or credentials that are unknown, revoked or expired."""


class Forbidden(MareError):
    """The caller is known but may not do this."""


class TooLarge(MareError):
    """A request body is over the size limit."""
