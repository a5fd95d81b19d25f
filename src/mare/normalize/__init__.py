"""Normalisation of every value kind the hub cross-checks on.

One module per kind; each offers ``clean`` (raw text to a `Cleaned`),
``validate`` (is the raw text a valid value of the kind) and ``compare``
(similarity of two raw values in 0..1). Invalid values are never dropped:
``clean`` returns them with ``valid=False`` and the reason.
"""

from mare.normalize.cleaned import Cleaned

__all__ = ["Cleaned"]
