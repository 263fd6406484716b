"""The one judge of a = b, for ``derive``'s steps and ``verify``'s links alike.

``symbolic`` proves a difference is 0 under the declared assumptions; ``numeric`` compares at
random positive points (bounds such as K instantiated at 1..6); ``terms`` makes derivatives
and opaque terms (``p(x)``, ``\\mathbb{E}[\\cdot]``) evaluable; ``claims`` judges a written
number at the precision it shows; ``diagnosis`` names the likely slip when a = b fails.
"""
