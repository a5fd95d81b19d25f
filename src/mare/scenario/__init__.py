"""A simulated multi-country migrant-smuggling scenario with its ground truth.

``generate(seed, scale, out)`` writes partner messages in the hub's envelope
format, the partners that sent them, and a truth file saying which records
are the same person, phone, document, vessel or account, who belongs to which
network in which role, which vessels smuggled, which posts are adverts, which
values are decoys or benign, and which records are deliberately malformed.
See docs/scenario.md. Nothing here depends on the matcher (`mare.match`).
"""

from mare.scenario.generate import DEMO_SEED, SCALES, Summary, generate, parse_scale

__all__ = ["DEMO_SEED", "SCALES", "Summary", "generate", "parse_scale"]
