"""Mare: an intelligence hub for analysts who dismantle migrant-smuggling networks."""

from mare.errors import MareError

__version__ = "0.1.0"
__all__ = ["MareError", "__version__"]
