"""The one exception family of statlib.

Every error a user can cause names the bad value and the rule it broke, and where
it came from (file, row, column) when there is a file. Callers catch
`StatlibError`; the CLI turns it into a one-paragraph message and exit code 2 (1 for
`SubmissionsRefused`: the rest of the build was done).
"""

from __future__ import annotations


class StatlibError(Exception):
    """Base of every error statlib raises on purpose."""


class InputError(StatlibError):
    """Bad input data: names the source, row, column and rule that failed."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        row: int | None = None,
        column: str | None = None,
        rule: str | None = None,
    ) -> None:
        self.source, self.row, self.column, self.rule = source, row, column, rule
        where = ", ".join(
            part
            for part in (
                f"file {source}" if source else "",
                f"row {row}" if row is not None else "",
                f"column {column!r}" if column else "",
                f"rule: {rule}" if rule else "",
            )
            if part
        )
        super().__init__(f"{message} ({where})" if where else message)


class PeriodError(StatlibError):
    """A period label or window that cannot be parsed or does not exist."""


class ParamsError(StatlibError):
    """A parameter file or value that fails validation."""


class WarehouseError(StatlibError):
    """The DuckDB warehouse is missing, corrupt, locked or of another schema version."""


class BusyError(StatlibError):
    """Another statlib process is writing the same warehouse or pages (statlib.lock)."""


class RenderError(StatlibError):
    """A notebook failed to execute or a page failed to render."""


class SubmissionError(InputError):
    """A rejected department submission: every problem found in one pass.

    `problems` holds each one (file, sheet, row, column, rule and the message in the
    submitter's language); the message lists them all. Nothing of the file was loaded.
    """

    def __init__(self, message: str, problems: tuple[object, ...] = ()) -> None:
        self.problems = problems
        self.source, self.row, self.column, self.rule = None, None, None, "submission_check"
        StatlibError.__init__(self, message)  # the message already names every place


class SubmissionsRefused(StatlibError):
    """A build that loaded everything except the department submissions it refused.

    Each refused file stays in its folder, unloaded; the briefing memo lists it until a
    corrected file replaces it. `loads` are the build's load ids (statlib.build.build).
    """

    def __init__(self, refusals: list[SubmissionError], loads: list[int]) -> None:
        self.refusals, self.loads = refusals, loads
        head = f"{len(refusals)} submission(s) refused, everything else loaded:"
        StatlibError.__init__(self, "\n".join([head, *(str(r) for r in refusals)]))
