"""Mare's envelope around followthemoney values: codes, provenance, statements."""

from mare.model.codes import Evaluation, Handling, SubjectCategory
from mare.model.provenance import Provenance
from mare.model.statement import statement_id, statement_row

__all__ = [
    "Evaluation",
    "Handling",
    "Provenance",
    "SubjectCategory",
    "statement_id",
    "statement_row",
]
