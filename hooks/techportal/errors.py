"""Problems found in contributed files, collected and reported together.

A contributor fixing a pull request in a web editor needs every mistake at once, each pointing at
a file, a line and a field, so nothing here raises on the first problem: loaders append a
`Problem` to a `Problems` list and carry on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

REPORT_BUG = "https://github.com/technician-portal/technician-portal/issues"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, located as precisely as the file allows."""

    path: str  # relative to the project root, with forward slashes
    line: int = 0  # 1-based; 0 when the whole file is at fault
    column: int = 0  # 1-based
    field: str = ""  # dotted path inside the file, e.g. "registrations.0.year"
    message: str = ""

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, message: str, *, line: int = 0, column: int = 0, field: str = "") -> None:
        self.items.append(Problem(path, line, column, field, message))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

    def report(self) -> str:
        lines = [str(p) for p in self.sorted()]
        count = len(lines)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was published.")
        return "\n".join(lines)


class DataError(Exception):
    """Raised once, after loading, when the content has problems; carries all of them."""

    def __init__(self, problems: Problems):
        super().__init__(problems.report())
        self.problems = problems
